"""The catalog's schema: one pydantic model per file, refusing anything it does not know.

Meaning beyond the shape (references resolve, arithmetic holds, picks fit their mode) is
checked in `checks.py`; this module only says what a well-formed catalog file looks like.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

SCHEMA_VERSION = 1

Id = Annotated[
    StrictStr,
    Field(pattern=r"^[a-z0-9][a-z0-9._\-]*$", max_length=80, description="lower-case id"),
]
LicenseId = Annotated[
    StrictStr,
    Field(
        pattern=r"^(LicenseRef-[A-Za-z0-9.\-]+|[A-Za-z0-9][A-Za-z0-9.\-+]*)$",
        max_length=80,
        description="SPDX identifier, or LicenseRef-… where SPDX has none",
    ),
]
Text = Annotated[StrictStr, Field(min_length=1, max_length=2000)]

# --- bounds ---------------------------------------------------------------------------------
# Every figure a catalog holds has a range: physical where physics gives one, else a generous
# ceiling on anything that exists. Inside them the engine's arithmetic stays finite (costs,
# replicas, the crossover, dates); `tests/hardening/test_catalog_numbers.py` draws catalogs
# from exactly these ranges, read off the fields below. NaN and infinity are refused everywhere.

MIN_DATE = dt.date(1900, 1, 1)
"""Older than anything a catalog of LLM facts could cite (licenses and papers included)."""
MAX_DATE = dt.date(2199, 12, 31)
"""Keeps `as_of + staleness_days` (and any date arithmetic) far from `date.max`."""
MAX_PRICE_PER_MTOK = 1000.0
"""USD per million tokens; the dearest list price is under $1,000/M (o1-pro: $600/M out)."""
MAX_GPU_MEMORY_GB = 2048.0
"""Ten times the largest accelerator's memory (MI355X: 288 GB)."""
MIN_GPU_MEMORY_GB = 1.0
"""No GPU with less memory can hold an LLM."""
MAX_GPU_HOURLY_USD = 200.0
"""USD per GPU-hour: tens of times any cloud's on-demand price."""
MIN_GPU_HOURLY_USD = 0.01
"""A cent per GPU-hour: nobody rents one for less (and self-hosting is never free)."""
MAX_CONTEXT_TOKENS = 100_000_000
"""Ten times the largest context window announced (Llama 4 Scout: 10M)."""
MAX_THROUGHPUT = 10_000_000.0
"""Tokens per second one replica serves: far above any published serving measurement."""
MIN_THROUGHPUT = 0.01
"""A token every hundred seconds; a replica slower than that serves nobody."""
MAX_GPUS_PER_FOOTPRINT = 1024
"""GPUs in one replica: the largest NVLink domains hold 72 (GB200 NVL72)."""
MIN_PARAMS_B = 0.001
"""Billions of parameters: a million; smaller is not a language model."""
MAX_PARAMS_B = 100_000.0
"""A hundred trillion parameters: fifty times the largest announced (Behemoth, about 2T)."""
MAX_MAU = 10_000_000_000
"""Monthly active users: more people than live on Earth."""
MIN_BYTES_PER_PARAM = 0.125
"""One bit per parameter."""
MAX_BYTES_PER_PARAM = 8.0
"""FP64."""
MIN_UTILIZATION = 0.01
"""A fleet busy one percent of the time; idler than that, sizing means nothing."""
HOURS_PER_MONTH_MAX = 744.0
"""31 days x 24 hours: a month has no more hours."""
MAX_OPS_OVERHEAD_USD = 10_000_000.0
"""USD a month for operations: a few hundred engineers on call."""
MAX_STALENESS_DAYS = 3650
"""Ten years: a catalog older than that is not a catalog of current models."""
MAX_SCHEMA_VERSION = 1000
MAX_CLAIM = 10**15
"""A number a disagreement claims: parameters, contexts, prices and users all fit below it."""


def _figure(*, ge: float, le: float, unit: str) -> Any:
    """A strict, finite float in a range; the description names the unit and the range."""
    return Field(
        ge=ge, le=le, allow_inf_nan=False, strict=True, description=f"{unit}, {ge:g} to {le:g}"
    )


def _whole(*, ge: int, le: int, unit: str) -> Any:
    """A strict whole number in a range."""
    return Field(ge=ge, le=le, strict=True, description=f"{unit}, {ge:,} to {le:,}")


Money = Annotated[
    float, _figure(ge=0, le=MAX_PRICE_PER_MTOK, unit="USD per million tokens")
]
Billions = Annotated[
    float, _figure(ge=MIN_PARAMS_B, le=MAX_PARAMS_B, unit="billions of parameters")
]
Fraction = Annotated[float, _figure(ge=0, le=1, unit="a fraction")]
GpuCount = Annotated[int, _whole(ge=1, le=MAX_GPUS_PER_FOOTPRINT, unit="GPUs per replica")]
ContextTokens = Annotated[int, _whole(ge=1, le=MAX_CONTEXT_TOKENS, unit="tokens")]
Date = Annotated[dt.date, Field(ge=MIN_DATE, le=MAX_DATE)]
ClaimNumber = Annotated[float, Field(ge=-MAX_CLAIM, le=MAX_CLAIM, allow_inf_nan=False)]
ClaimInt = Annotated[int, Field(ge=-MAX_CLAIM, le=MAX_CLAIM)]
ClaimValue = StrictStr | ClaimNumber | ClaimInt | bool
Country = Annotated[StrictStr, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166 alpha-2")]
Region = Annotated[StrictStr, Field(pattern=r"^[A-Z]{2,8}$", description="country or group")]
SourceRefs = Annotated[list[Id], Field(min_length=1, description="ids from sources.yaml")]


class Strict(BaseModel):
    """Base for every catalog model: unknown keys are errors, values are immutable.

    Scalars are strict field by field (StrictStr, strict numbers) so that YAML's "3" is not a
    number; enums and dates stay lax so their YAML spelling validates.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)


class DeploymentMode(StrEnum):
    """The three ways to run a model; the decision tree chooses one."""

    SELF_HOSTED = "self_hosted_open_weights"
    HOSTED_OPEN = "hosted_open_weights_api"
    CLOSED_API = "closed_frontier_api"


class Task(StrEnum):
    """What a workload asks of a model."""

    GENERAL = "general"
    CHAT = "chat"
    RAG = "rag"
    CLASSIFICATION = "classification"
    EXTRACTION = "extraction"
    SUMMARIZATION = "summarization"
    CODE = "code"
    AGENTIC_CODING = "agentic_coding"
    TOOL_USE = "tool_use"
    REASONING = "reasoning"
    LONG_CONTEXT = "long_context"
    MULTIMODAL = "multimodal"
    REALTIME_VOICE = "realtime_voice"


class Weights(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Availability(StrEnum):
    RELEASED = "released"  # weights downloadable (open) or generally available (closed)
    API_ONLY = "api_only"  # served only through an API; no weights to download
    NOT_RELEASED = "not_released"


class Architecture(StrEnum):
    DENSE = "dense"
    MOE = "moe"


class Precision(StrEnum):
    BF16 = "bf16"
    FP8 = "fp8"
    INT4 = "int4"


class Modality(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    AUDIO = "audio"
    VIDEO = "video"


class SourceKind(StrEnum):
    ARTICLE = "article"
    VENDOR_PAGE = "vendor_page"
    DATASET = "dataset"
    ESTIMATE = "estimate"  # the team's own estimate; says how it was reached in `note`


class ProviderKind(StrEnum):
    CLOSED_VENDOR = "closed_vendor"
    HOSTED_OPEN_WEIGHTS = "hosted_open_weights"
    CLOUD_PLATFORM = "cloud_platform"


# --- catalog.yaml -------------------------------------------------------------------------


class ChangelogEntry(Strict):
    version: StrictStr
    date: Date
    changes: list[Text] = Field(min_length=1)


class CatalogMeta(Strict):
    """catalog.yaml: what this catalog is and how it changed."""

    version: Annotated[StrictStr, Field(pattern=r"^\d+\.\d+\.\d+$")]
    schema_version: Annotated[int, _whole(ge=1, le=MAX_SCHEMA_VERSION, unit="version")]
    as_of: Date
    description: Text | None = None
    changelog: list[ChangelogEntry] = Field(min_length=1)


# --- sources.yaml -------------------------------------------------------------------------


class Source(Strict):
    """Where a fact comes from."""

    id: Id
    title: Text
    kind: SourceKind
    publisher: Text | None = None
    file: Text | None = Field(None, description="file name in shared/sources, for articles")
    url: Text | None = None
    commit: Text | None = Field(None, description="for datasets copied from a repository")
    published: Date | None = None
    accessed: Date
    note: Text | None = None


class SourcesFile(Strict):
    sources: list[Source]


# --- licenses.yaml ------------------------------------------------------------------------


class GeographyClause(Strict):
    """A license clause that withholds rights in a region."""

    regions: list[Region] = Field(min_length=1)
    applies_to: Literal["all_models", "multimodal_models"]
    note: Text | None = None


class Restrictions(Strict):
    """A license's restrictions, as data the engine can test."""

    mau_threshold: Annotated[int, _whole(ge=1, le=MAX_MAU, unit="users")] | None = Field(
        None, description="monthly active users above which a separate license is needed"
    )
    geography: list[GeographyClause] = Field(default_factory=list)
    acceptable_use_policy: StrictBool = False
    non_commercial: StrictBool = False
    research_only: StrictBool = False
    naming_requirement: StrictBool = Field(
        False, description="derivatives must carry the licensor's name or branding"
    )


class License(Strict):
    id: LicenseId
    name: Text
    kind: Literal["open", "proprietary"]
    spdx: StrictBool = Field(description="true when `id` is an SPDX license-list identifier")
    permissive: StrictBool
    commercial_use: StrictBool
    restrictions: Restrictions = Field(default_factory=Restrictions)
    url: Text | None = None
    sources: SourceRefs
    note: Text | None = None


class LicensesFile(Strict):
    licenses: list[License]


# --- models.yaml --------------------------------------------------------------------------


class Parameters(Strict):
    """Parameter counts in billions; null where nobody has published them."""

    total_b: Billions | None
    active_b: Billions | None
    estimate: StrictBool = False
    note: Text | None = None


class Claim(Strict):
    value: ClaimValue
    source: Id


class Disagreement(Strict):
    """Sources that disagree on one fact, and which claim the catalog uses."""

    field: StrictStr
    claims: list[Claim] = Field(min_length=2)
    chosen: ClaimValue
    reason: Text


class Model(Strict):
    id: Id
    name: Text
    family: Text | None = None
    vendor: Text
    origin: Country
    weights: Weights
    availability: Availability
    license: LicenseId
    parameters: Parameters
    architecture: Architecture | None
    context_tokens: ContextTokens | None
    litellm_key: StrictStr | None = Field(
        None,
        description=(
            "the reviewed key of this model's first-party (or main) entry in LiteLLM's price "
            "map; `catalog import-prices` updates context_tokens from its max_input_tokens"
        ),
    )
    modalities: list[Modality] = Field(min_length=1)
    tasks: list[Task] = Field(min_length=1, description="what the model can do well")
    sources: SourceRefs
    note: Text | None = None
    disagreements: list[Disagreement] = Field(default_factory=list)


class ModelsFile(Strict):
    models: list[Model]


# --- hardware.yaml ------------------------------------------------------------------------


class Gpu(Strict):
    id: Id
    name: Text
    memory_gb: Annotated[
        float, _figure(ge=MIN_GPU_MEMORY_GB, le=MAX_GPU_MEMORY_GB, unit="GB of memory")
    ]
    hourly_usd: Annotated[
        float,
        _figure(
            ge=MIN_GPU_HOURLY_USD,
            le=MAX_GPU_HOURLY_USD,
            unit="USD, on-demand price of one GPU for one hour",
        ),
    ]
    price_as_of: Date
    price_estimate: StrictBool
    consumer: StrictBool = False
    sources: SourceRefs
    note: Text | None = None


class Footprint(Strict):
    """One way to serve one open model: precision, GPU type and count, throughput."""

    model: Id
    precision: Precision
    gpu: Id
    gpus: GpuCount
    throughput_tokens_per_s: Annotated[
        float,
        _figure(
            ge=MIN_THROUGHPUT,
            le=MAX_THROUGHPUT,
            unit="sustained tokens per second one replica serves (input + output)",
        ),
    ]
    throughput_estimate: StrictBool
    sources: SourceRefs
    note: Text | None = None


class HardwareFile(Strict):
    gpus: list[Gpu]
    footprints: list[Footprint]


# --- providers.yaml -----------------------------------------------------------------------


class Privacy(Strict):
    """What a provider offers on data handling; null where unknown."""

    zero_data_retention: StrictBool | None = None
    soc2: StrictBool | None = None
    hipaa: StrictBool | None = None
    note: Text | None = None


class Provider(Strict):
    id: Id
    name: Text
    kind: ProviderKind
    serves: list[Weights] = Field(
        min_length=1,
        description=(
            "the weights of the models it serves: `open`, `closed` or both (a cloud platform, "
            "or a closed vendor that also hosts open models); a price for any other is an error"
        ),
    )
    privacy: Privacy = Field(default_factory=Privacy)
    managed_private_deployment: StrictBool = Field(
        False, description="can run models inside the customer's own cloud account or VPC"
    )
    url: Text | None = None
    sources: SourceRefs
    note: Text | None = None


class Price(Strict):
    """What one provider charges for one model, in USD per million tokens."""

    model: Id
    provider: Id
    input_per_mtok: Money
    output_per_mtok: Money
    as_of: Date
    estimate: StrictBool = False
    litellm_key: StrictStr | None = Field(
        None, description="the reviewed key of this entry in LiteLLM's price map"
    )
    sources: SourceRefs
    note: Text | None = None


class ProvidersFile(Strict):
    providers: list[Provider]
    prices: list[Price]


# --- policy.yaml --------------------------------------------------------------------------


class Sizing(Strict):
    bytes_per_param: dict[
        Precision,
        Annotated[
            float,
            _figure(ge=MIN_BYTES_PER_PARAM, le=MAX_BYTES_PER_PARAM, unit="bytes per parameter"),
        ],
    ]
    precision_order: list[Precision] = Field(min_length=1)
    kv_cache_headroom: Fraction = Field(description="extra memory for KV cache, x weights")
    runtime_headroom: Fraction = Field(description="activations and runtime, x weights")
    utilization: Annotated[
        float, _figure(ge=MIN_UTILIZATION, le=1, unit="share of a replica's capacity used")
    ]
    hours_per_month: Annotated[
        float, _figure(ge=1, le=HOURS_PER_MONTH_MAX, unit="hours a GPU is paid for a month")
    ]


class Policy(Strict):
    """How the catalog ranks and sizes; the tree itself is code."""

    picks: dict[DeploymentMode, dict[Literal["default"] | Task, list[Id]]] = Field(
        description="ranked picks per mode; a task's list, else the mode's `default` list"
    )
    picks_cost_dominant: dict[DeploymentMode, dict[Literal["default"] | Task, list[Id]]] = Field(
        default_factory=dict,
        description="consulted first when per-token cost dominates (node 3 answered yes)",
    )
    sizing: Sizing
    ops_overhead_usd_per_month: Annotated[
        float, _figure(ge=0, le=MAX_OPS_OVERHEAD_USD, unit="USD a month")
    ]
    ops_overhead_estimate: StrictBool = True
    staleness_days: Annotated[int, _whole(ge=1, le=MAX_STALENESS_DAYS, unit="days")]
    region_groups: dict[Region, list[Country]] = Field(default_factory=dict)
    chinese_origin_countries: list[Country] = Field(default_factory=lambda: ["CN"])
    sources: SourceRefs
    notes: list[Text] = Field(default_factory=list)
    disagreements: list[Disagreement] = Field(default_factory=list)


class PolicyFile(Strict):
    policy: Policy


FILES: dict[str, type[Strict]] = {
    "catalog.yaml": CatalogMeta,
    "sources.yaml": SourcesFile,
    "licenses.yaml": LicensesFile,
    "models.yaml": ModelsFile,
    "hardware.yaml": HardwareFile,
    "providers.yaml": ProvidersFile,
    "policy.yaml": PolicyFile,
}
"""Every catalog file and the model that validates it, in loading order."""
