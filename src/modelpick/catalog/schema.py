"""The catalog's schema: one pydantic model per file, refusing anything it does not know.

Meaning beyond the shape (references resolve, arithmetic holds, picks fit their mode) is
checked in `checks/`; this module only says what a well-formed catalog file looks like. The
field types and their ranges are in `fields`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from modelpick.catalog.fields import (
    Bandwidth,
    Billions,
    BytesPerParam,
    CheckpointGb,
    ClaimValue,
    Concurrency,
    ContextTokens,
    Country,
    Date,
    Dim,
    Efficiency,
    GpuCount,
    GpuHourly,
    GpuMemory,
    Id,
    Layers,
    LicenseId,
    Money,
    MonthHours,
    OpsOverhead,
    Region,
    RequestTokens,
    ReserveGb,
    SchemaVersion,
    Share,
    SourceRefs,
    StalenessDays,
    StepMs,
    Text,
    Tflops,
    Throughput,
    TokensPerS,
    UserCount,
    Utilization,
)

SCHEMA_VERSION = 2


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
    """Weight precisions: bf16, fp8, fp4 (MXFP4 or NVFP4) and int4 (AWQ/GPTQ, weight-only)."""

    BF16 = "bf16"
    FP8 = "fp8"
    FP4 = "fp4"
    INT4 = "int4"


class AttentionKind(StrEnum):
    GQA = "gqa"  # grouped-query attention; multi-head and multi-query are its limits
    MLA = "mla"  # multi-head latent attention: one compressed latent per token and layer


class WindowKind(StrEnum):
    SLIDING = "sliding"
    CHUNKED = "chunked"
    COMPRESSED = "compressed"  # a raw window plus one compressed entry per `ratio` tokens


class Interconnect(StrEnum):
    NVLINK = "nvlink"
    PCIE = "pcie"
    INFINITY_FABRIC = "infinity_fabric"


class Engine(StrEnum):
    VLLM = "vllm"
    SGLANG = "sglang"
    TENSORRT_LLM = "tensorrt-llm"
    OTHER = "other"


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


# --- licenses.yaml ------------------------------------------------------------------------


class GeographyClause(Strict):
    """A license clause that withholds rights in a region."""

    regions: list[Region] = Field(min_length=1)
    applies_to: Literal["all_models", "multimodal_models"]
    note: Text | None = None


class Restrictions(Strict):
    """A license's restrictions, as data the engine can test."""

    mau_threshold: UserCount | None = Field(
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


class Mla(Strict):
    """Multi-head latent attention: a token keeps its latent plus the rope key per layer."""

    kv_lora_rank: Dim
    qk_rope_head_dim: Dim
    qk_nope_head_dim: Dim | None = None
    v_head_dim: Dim | None = None
    q_lora_rank: Dim | None = None


class Window(Strict):
    """Layers that attend to at most `tokens` recent tokens (sliding) or their chunk (chunked)."""

    kind: WindowKind
    tokens: ContextTokens
    layers: Layers = Field(description="how many of the model's layers use this window")
    ratio: Dim | None = Field(
        None, description="compressed: tokens per compressed entry kept beyond the window"
    )
    note: Text | None = None


class Experts(Strict):
    total: Dim = Field(description="routed experts per MoE layer")
    active: Dim = Field(description="routed experts each token uses")
    shared: Annotated[int, Field(ge=0, le=1000, strict=True)] = 0


class ExtraParams(Strict):
    """A part the headline parameter count includes or leaves out (MTP heads, a vision tower)."""

    part: Literal["mtp", "vision", "other"]
    b: Billions
    counted_in_total: StrictBool
    note: Text | None = None


class Checkpoint(Strict):
    """A published checkpoint at one precision, with its size on disk where it is known."""

    precision: Precision
    repo: Text
    size_gb: CheckpointGb | None = None
    publisher: Text | None = None
    note: Text | None = None


class Shape(Strict):
    """The facts memory and throughput follow from: layers, attention, experts, precision."""

    layers: Layers
    hidden_size: Dim | None = None
    vocab_size: Dim | None = None
    tied_embeddings: StrictBool = False
    attention_heads: Dim
    kv_heads: Dim | None = Field(description="KV heads (GQA); for MLA, as config.json gives it")
    head_dim: Dim
    attention: AttentionKind
    mla: Mla | None = None
    windows: list[Window] = Field(default_factory=list)
    indexer_head_dim: Dim | None = Field(
        None, description="sparse-attention indexer key per token and layer (DeepSeek V3.2)"
    )
    experts: Experts | None = None
    moe_layers: Layers | None = None
    extra_params: list[ExtraParams] = Field(default_factory=list)
    native_precision: Precision
    checkpoints: list[Checkpoint] = Field(default_factory=list)
    estimate: StrictBool = False
    sources: SourceRefs
    note: Text | None = None


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


class ModelsFile(Strict):
    models: list[Model]


# --- hardware.yaml ------------------------------------------------------------------------


class Gpu(Strict):
    id: Id
    name: Text
    memory_gb: GpuMemory
    capacity_gb: GpuMemory | None = Field(
        None,
        description="GB (10^9 bytes) the GPU really has where the vendor's 'GB' are binary "
        "(80 GiB = 85.9 GB); null: memory_gb",
    )
    usable_share: Share = Field(description="share of memory a serving engine allocates")
    bandwidth_gb_s: Bandwidth
    dense_tflops: dict[Precision, Tflops | None] = Field(
        description="dense tensor TFLOPS per precision (not the with-sparsity figures)"
    )
    native_precisions: list[Precision] = Field(min_length=1)
    interconnect: Interconnect
    interconnect_gb_s: Bandwidth | None = None
    gpus_per_node: GpuCount
    stack_efficiency: Efficiency = Field(
        1.0,
        description="share of the policy's fitted (NVIDIA-measured) efficiencies this GPU's "
        "serving stack reaches, fitted to its own benchmarks",
    )
    hourly_usd: GpuHourly
    price_as_of: Date
    price_estimate: StrictBool
    consumer: StrictBool = False
    sources: SourceRefs
    note: Text | None = None


class HardwareFile(Strict):
    gpus: list[Gpu]


# --- benchmarks.yaml ----------------------------------------------------------------------


RequestRate = Annotated[float, Field(gt=0, le=1e6, allow_inf_nan=False, strict=True)]
SequenceUs = Annotated[float, Field(ge=0, le=100_000, allow_inf_nan=False, strict=True)]


class Measured(Strict):
    output_tokens_per_s: Throughput | None = None
    total_tokens_per_s: Throughput | None = None
    requests_per_s: RequestRate | None = None


class Benchmark(Strict):
    """One published serving measurement, as its publisher states it."""

    id: Id
    model: Id
    checkpoint: Text | None = None
    gpu: Id
    gpus: GpuCount
    parallelism: Text | None = None
    precision: Precision
    engine: Engine
    engine_version: Text | None = None
    input_tokens: RequestTokens
    output_tokens: RequestTokens
    dataset: Text | None = None
    concurrency: Concurrency | None = Field(
        None, description="concurrent requests; null for a maximum-throughput run"
    )
    scenario: Literal["offline", "online"]
    measured: Measured
    scope: Literal["replica", "per_gpu"] = Field(
        description="the published figure is for the whole configuration, or per GPU"
    )
    quote: Text
    sources: SourceRefs
    note: Text | None = None


class BenchmarksFile(Strict):
    benchmarks: list[Benchmark]


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


class Efficiencies(Strict):
    """The few global factors the roofline is scaled by, fitted to the recorded benchmarks."""

    prefill_compute: Efficiency = Field(description="share of dense compute prefill reaches")
    decode_bandwidth: Efficiency = Field(description="share of memory bandwidth decode reaches")
    decode_compute: Efficiency = Field(description="share of dense compute large batches reach")
    interconnect: dict[Interconnect, Efficiency] = Field(
        description="per-GPU efficiency of a replica split over GPUs joined this way"
    )
    cross_node: Efficiency = Field(description="further factor for a replica over several nodes")
    allreduce_us: SequenceUs = Field(
        0.0, description="latency of one tensor-parallel all-reduce (two a layer, each step)"
    )
    moe_compute: Efficiency = Field(
        1.0, description="further decode-compute factor for mixture-of-experts models"
    )
    fp4_compute: Efficiency = Field(
        1.0, description="share of the FP4 tensor-core peak FP4 GEMMs reach beside bf16/fp8"
    )
    step_overhead_ms: StepMs = Field(description="fixed time of one decode step (scheduling)")
    sequence_overhead_us: SequenceUs = Field(
        description="time each running sequence adds to a decode step (sampling, kernels)"
    )


class FitBand(Strict):
    """How far an estimate may be from a recorded measurement before validate warns."""

    low: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False, strict=True)]
    high: Annotated[float, Field(ge=1, le=100, allow_inf_nan=False, strict=True)]
    offline_max_high: Annotated[float, Field(ge=1, le=100, allow_inf_nan=False, strict=True)] = (
        Field(description="ceiling over a TensorRT-LLM maximum-throughput figure")
    )


class Sizing(Strict):
    bytes_per_param: dict[Precision, BytesPerParam] = Field(
        description="stored bytes per weight, with the format's scales"
    )
    precisions: list[Precision] = Field(
        min_length=1, description="precisions advice may choose (size offers every one)"
    )
    kv_cache_bytes: BytesPerParam = Field(description="bytes per KV-cache element")
    runtime_reserve_gb_per_gpu: ReserveGb
    max_batch: Concurrency = Field(description="sequences a replica runs at once, at most")
    interactive_tokens_per_s: TokensPerS = Field(
        description="decode speed each user must see when latency is interactive"
    )
    latency: Literal["interactive", "batch"] = Field(
        description="the latency target advice sizes for"
    )
    request_tokens: RequestTokens = Field(
        description="tokens per request advice assumes, split by input_share"
    )
    gpu_counts: list[GpuCount] = Field(
        min_length=1, description="GPUs per replica within one node"
    )
    max_gpus: GpuCount = Field(description="largest replica, in whole nodes beyond one")
    consumer_gpus: StrictBool = Field(
        description="whether advice may choose consumer cards (size always may)"
    )
    efficiency: Efficiencies
    fit_band: FitBand
    utilization: Utilization
    hours_per_month: MonthHours
    sources: SourceRefs
    note: Text | None = None


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
    ops_overhead_usd_per_month: OpsOverhead
    ops_overhead_estimate: StrictBool = True
    staleness_days: StalenessDays
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
