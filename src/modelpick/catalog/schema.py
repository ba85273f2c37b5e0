"""The catalog's schema: one pydantic model per file, refusing anything it does not know.

Meaning beyond the shape (references resolve, arithmetic holds, picks fit their mode) is
checked in `checks/`; this module only says what a well-formed catalog file looks like. The
field types and their ranges are in `fields`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from modelpick.catalog.base import Strict
from modelpick.catalog.fields import (
    Billions,
    ClaimValue,
    ContextTokens,
    Country,
    Date,
    Fraction,
    Id,
    LicenseId,
    Money,
    Region,
    SchemaVersion,
    SourceRefs,
    StalenessDays,
    Text,
)
from modelpick.catalog.schema_costs import (
    Confirmation,
    FailoverShares,
    Operations,
    Privacy,
    RecordDrift,
    RightSizing,
)
from modelpick.catalog.schema_licenses import (
    Attribution,
    GeographyClause,
    License,
    LicensesFile,
    Restrictions,
)
from modelpick.catalog.schema_sizing import (
    AttentionKind,
    Benchmark,
    BenchmarksFile,
    Checkpoint,
    Efficiencies,
    Engine,
    Experts,
    ExtraParams,
    FitBand,
    Gpu,
    GpuPrice,
    GpuPricing,
    HardwareFile,
    Interconnect,
    Measured,
    Mla,
    Precision,
    PriceTier,
    RequestRate,
    SequenceUs,
    Shape,
    Sizing,
    Window,
    WindowKind,
)
from modelpick.declare import Field, StrictBool, StrictStr

__all__ = [  # every catalog type, the ones split into schema_sizing too
    "FILES",
    "SCHEMA_VERSION",
    "Architecture",
    "AttentionKind",
    "Attribution",
    "Availability",
    "Benchmark",
    "BenchmarksFile",
    "CatalogMeta",
    "ChangelogEntry",
    "Checkpoint",
    "Claim",
    "Confirmation",
    "DeploymentMode",
    "Disagreement",
    "Efficiencies",
    "Engine",
    "Experts",
    "ExtraParams",
    "FailoverShares",
    "FitBand",
    "GeographyClause",
    "Gpu",
    "GpuPrice",
    "GpuPricing",
    "HardwareFile",
    "Interconnect",
    "License",
    "LicensesFile",
    "Measured",
    "Mla",
    "Modality",
    "Model",
    "ModelsFile",
    "Operations",
    "Parameters",
    "Policy",
    "PolicyFile",
    "Precision",
    "Price",
    "PriceTier",
    "Privacy",
    "Provider",
    "ProviderKind",
    "ProvidersFile",
    "Rationale",
    "RecordDrift",
    "RequestRate",
    "Restrictions",
    "RightSizing",
    "SequenceUs",
    "Shape",
    "Sizing",
    "Source",
    "SourceKind",
    "SourcesFile",
    "Strict",
    "Task",
    "Weights",
    "Window",
    "WindowKind",
]

SCHEMA_VERSION = 3


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


class Modality(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    AUDIO = "audio"
    VIDEO = "video"


class SourceKind(StrEnum):
    ARTICLE = "article"
    PAPER = "paper"
    VENDOR_PAGE = "vendor_page"
    WEB_PAGE = "web_page"  # a third party's page: a blog post, a write-up, an issue thread
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
    schema_version: SchemaVersion
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
    shape: Shape | None = Field(None, description="open models: the facts sizing needs")
    deprecation_date: Date | None = Field(
        None, description="the date its maker retires it (the price files announce it)"
    )


class ModelsFile(Strict):
    models: list[Model]


# --- providers.yaml -----------------------------------------------------------------------


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
    regions: list[Region] = Field(
        default_factory=list,
        description="where it processes the data (countries or region groups); empty: unknown",
    )
    regions_sources: list[Id] = Field(default_factory=list)
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
    audio_input_per_mtok: Money | None = Field(None, description="audio tokens in, where priced")
    audio_output_per_mtok: Money | None = Field(None, description="audio tokens out")
    cached_input_per_mtok: Money | None = Field(None, description="cache hits, where priced")
    max_context_tokens: ContextTokens | None = Field(
        None, description="the context window this provider serves (null: unknown)"
    )
    as_of: Date
    estimate: StrictBool = False
    litellm_key: StrictStr | None = Field(
        None, description="the reviewed key of this entry in LiteLLM's price map"
    )
    deprecation_date: Date | None = Field(
        None, description="the date this provider stops serving it (the price files announce it)"
    )
    models_dev_key: StrictStr | None = Field(
        None, description="the reviewed `provider/model` key of this entry in models.dev's api.json"
    )
    sources: SourceRefs
    note: Text | None = None


class ProvidersFile(Strict):
    providers: list[Provider]
    prices: list[Price]


# --- policy.yaml --------------------------------------------------------------------------


class Rationale(Strict):
    """Why the policy lists a model: one line that reaches the report and the record."""

    model: Id
    tasks: list[Literal["default"] | Task] = Field(
        default_factory=list, description="the lists it explains; empty: every list"
    )
    why: Text
    sources: SourceRefs
    judgement: StrictBool = Field(
        False, description="a team judgement rather than a source's statement"
    )


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
    operations: Operations
    self_hosting_margin: Fraction = Field(
        description="self-hosting is recommended only when it costs at most (1 - margin) x the "
        "hosted price at its pessimistic estimate"
    )
    right_sizing: RightSizing
    record_drift: RecordDrift = Field(
        default_factory=RecordDrift, description="when `adr check` reports a cost as drifted"
    )
    failover: FailoverShares = Field(
        default_factory=FailoverShares, description="what each documented fallback is costed at"
    )
    confirmation: Confirmation = Field(
        default_factory=Confirmation, description="the eval gate before switching models"
    )
    cost_ordered: dict[DeploymentMode, list[Literal["default"] | Task]] = Field(
        default_factory=dict,
        description="pick lists whose models the sources rate alike: cost at the workload's "
        "volume orders them",
    )
    rationales: list[Rationale] = Field(
        default_factory=list, description="why a model is in a pick list, for the reports"
    )
    staleness_days: StalenessDays
    deprecation_warning_days: StalenessDays = Field(
        60, description="advise warns when a pick or its provider retires within this many days"
    )
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
    "benchmarks.yaml": BenchmarksFile,
    "providers.yaml": ProvidersFile,
    "policy.yaml": PolicyFile,
}
"""Every catalog file and the model that validates it, in loading order."""
