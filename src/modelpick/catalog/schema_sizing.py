"""The catalog's sizing schema: model shapes, GPUs, benchmarks and the policy's sizing block.

Split from `schema` (which re-exports every name, so `schema.X` stays the one way to name a
catalog type); the field types and their ranges are in `fields`.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Literal

from modelpick.catalog.base import Strict
from modelpick.catalog.fields import (
    Bandwidth,
    Billions,
    BytesPerParam,
    CheckpointGb,
    Concurrency,
    ContextTokens,
    Date,
    Dim,
    Efficiency,
    GpuCount,
    GpuHourly,
    GpuMemory,
    Id,
    Layers,
    MonthHours,
    RequestTokens,
    ReserveGb,
    Share,
    SourceRefs,
    StepMs,
    Text,
    Tflops,
    Throughput,
    TokensPerS,
    Utilization,
)
from modelpick.declare import Field, StrictBool


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


# --- models.yaml: the shape ----------------------------------------------------------------


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


# --- hardware.yaml ------------------------------------------------------------------------


class GpuPricing(StrEnum):
    """How a GPU is paid for."""

    ON_DEMAND = "on_demand"
    RESERVED = "reserved"  # a one-year commitment


class PriceTier(StrEnum):
    """Who rents the GPU out."""

    NEOCLOUD = "neocloud"  # GPU clouds: Lambda, CoreWeave, RunPod, Nebius ...
    HYPERSCALER = "hyperscaler"  # AWS, Azure, Google Cloud


class GpuPrice(Strict):
    """One published hourly price of one GPU."""

    pricing: GpuPricing
    tier: PriceTier
    provider: Text = Field(description="who charges it")
    usd_per_hour: GpuHourly
    term_months: Annotated[int, Field(ge=1, le=60, strict=True)] | None = Field(
        None, description="the commitment a reserved price needs"
    )
    as_of: Date
    estimate: StrictBool = False
    sources: SourceRefs
    note: Text | None = None


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
    prices: list[GpuPrice] = Field(
        min_length=1,
        description="hourly prices of one GPU, on-demand and reserved, per market tier; "
        "an on-demand price is required",
    )
    consumer: StrictBool = False
    sources: SourceRefs
    note: Text | None = None

    def price(self, pricing: GpuPricing, tiers: Sequence[PriceTier]) -> GpuPrice | None:
        """The price of this pricing in the first tier that has one, in the tiers' order."""
        for tier in tiers:
            for entry in self.prices:
                if entry.pricing is pricing and entry.tier is tier:
                    return entry
        return None

    @property
    def hourly_usd(self) -> float:
        """The on-demand price, in the first tier listed (what `size` costs with)."""
        on_demand = [p for p in self.prices if p.pricing is GpuPricing.ON_DEMAND]
        return (on_demand or self.prices)[0].usd_per_hour


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


# --- policy.yaml: sizing -------------------------------------------------------------------


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
    peak_utilization: Utilization = Field(
        description="the load a replica may run at at peak traffic; a workload's mean "
        "utilization is this over its peak_to_mean"
    )
    price_tiers: list[PriceTier] = Field(
        min_length=1, description="the GPU market advice prices from, preferred first"
    )
    hours_per_month: MonthHours
    sources: SourceRefs
    note: Text | None = None
