"""Sizing from physics: the memory a configuration needs and the tokens per second it serves.

Memory is weights at the precision (a published checkpoint's size where the catalog records
one, else parameters x the format's stored bytes, embeddings kept at bf16) + the KV cache the
model's own attention keeps per token, laid out as a tensor-parallel engine lays it out (KV
heads replicated when fewer than the GPUs, an MLA latent on every GPU) + a runtime reserve per
GPU, against the share of memory a serving engine allocates.

Throughput is a roofline with a few global efficiency factors (policy.sizing.efficiency):
prefill is bounded by dense compute over the active parameters plus attention over the
prompt; a decode step by memory bandwidth (the weights it reads - for a mixture of experts,
the experts the batch touches - plus the KV cache) or by compute, whichever is slower, plus a
fixed step overhead. A steady state of B concurrent requests of I input and O output tokens
prefills B prompts for every O decode steps; the batch B is what memory, the engine's cap, a
fixed concurrency or a per-user decode speed allows.

Everything here is arithmetic on catalog facts: no I/O, no printing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from modelpick.catalog import schema as s

GB = 1e9
Latency = Literal["interactive", "batch"]


@dataclass(frozen=True)
class Request:
    """The shape of the work: tokens per request, the context one request must hold, limits."""

    input_tokens: int
    output_tokens: int
    context_tokens: int
    concurrency: int | None = None
    """A fixed number of requests in flight; None: as many as memory and the engine allow."""
    latency: Latency | None = None
    """`interactive` keeps each user's decode speed at the policy's target; None or `batch`:
    saturation."""


@dataclass(frozen=True)
class Config:
    """One way to serve a model: GPU type, GPUs per replica, weight precision."""

    gpu: s.Gpu
    gpus: int
    precision: s.Precision

    @property
    def tensor_parallel(self) -> int:
        return min(self.gpus, self.gpu.gpus_per_node)

    @property
    def nodes(self) -> int:
        return max(1, math.ceil(self.gpus / self.gpu.gpus_per_node))


@dataclass(frozen=True)
class Weights:
    gb: float
    estimate: bool
    basis: str
    estimated_gb: float
    """The estimate from parameters even where a checkpoint's size is used (the fit)."""


@dataclass(frozen=True)
class Memory:
    """One replica's memory, GB (10^9 bytes)."""

    weights_gb: float
    weights_estimate: bool
    weights_basis: str
    kv_cache_gb: float
    """KV cache of the requests the verdict is for (`concurrency`, default one) at the context."""
    runtime_gb: float
    required_gb: float
    usable_gb: float
    total_gb: float
    usable_share: float
    kv_bytes_per_token: float
    """The model's own KV bytes per token, averaged over the context (windows respected)."""
    kv_replication: float
    """Copies of the KV cache the layout keeps over the replica's GPUs (1 = none)."""
    kv_free_gb: float
    max_concurrency: int
    """Requests at the full context the free memory holds at once (0: not even one)."""
    fits: bool
    reason: str


@dataclass(frozen=True)
class Throughput:
    """Tokens per second one replica serves for a request shape."""

    prefill_tokens_per_s: float
    decode_tokens_per_s: float
    output_tokens_per_s: float
    total_tokens_per_s: float
    per_user_tokens_per_s: float
    batch: int
    batch_limit: str
    """What capped the batch: memory, the engine, the concurrency, or the latency target."""
    decode_bound: str
    """What bounds a decode step: memory bandwidth or compute."""
    estimate: bool
    basis: str
    benchmark: str | None = None
    meets_latency: bool = True


@dataclass(frozen=True)
class Sized:
    """A configuration judged for a model and a request: memory, and throughput if it fits."""

    model: str
    model_name: str
    config: Config
    request: Request
    memory: Memory
    throughput: Throughput | None
    compute_precision: s.Precision
    weight_only: bool
    """The GPU runs the precision weight-only (dequantized to bf16 compute), not natively."""
    notes: tuple[str, ...] = field(default=())

    @property
    def fits(self) -> bool:
        return self.memory.fits


# --- the model's facts --------------------------------------------------------------------


def sizable(model: s.Model) -> str | None:
    """Why a model cannot be sized, or None when it can."""
    if model.weights is not s.Weights.OPEN:
        return "its weights are closed"
    if model.availability is not s.Availability.RELEASED:
        return "its weights are not released"
    if model.shape is None:
        return "the catalog records no architecture facts (layers, attention) for it"
    if model.parameters.total_b is None or model.parameters.active_b is None:
        return "its parameter counts are unknown"
    if model.shape.attention is s.AttentionKind.MLA and model.shape.mla is None:
        return "its MLA latent sizes are unknown"
    if model.shape.attention is s.AttentionKind.GQA and model.shape.kv_heads is None:
        return "its KV head count is unknown"
    return None


def precisions_for(model: s.Model) -> list[s.Precision]:
    """Precisions a model can be served at.

    Its native one, bf16 from bf16 or fp8, fp8 online from bf16 (the engines quantize at
    load), and any precision with a published checkpoint.
    """
    assert model.shape is not None
    native = model.shape.native_precision
    out = {native, *(c.precision for c in model.shape.checkpoints)}
    if native in (s.Precision.BF16, s.Precision.FP8):
        out.add(s.Precision.BF16)
    if native is s.Precision.BF16:
        out.add(s.Precision.FP8)
    order = list(s.Precision)
    return sorted(out, key=order.index)


def _embedding_b(shape: s.Shape) -> float:
    if shape.vocab_size is None or shape.hidden_size is None:
        return 0.0
    return shape.vocab_size * shape.hidden_size * (1 if shape.tied_embeddings else 2) / 1e9


def loaded_params_b(model: s.Model) -> float:
    """Parameters a text-serving engine loads, in billions.

    The headline count, plus parts it leaves out (except MTP heads, which only speculative
    decoding loads).
    """
    assert model.parameters.total_b is not None and model.shape is not None
    extra = sum(
        p.b for p in model.shape.extra_params if not p.counted_in_total and p.part != "mtp"
    )
    return model.parameters.total_b + extra


def estimate_weights_gb(model: s.Model, precision: s.Precision, sizing: s.Sizing) -> float:
    """Parameters x stored bytes per weight; quantized formats keep embeddings at bf16."""
    assert model.shape is not None
    params = loaded_params_b(model)
    per = sizing.bytes_per_param[precision]
    if precision is s.Precision.BF16:
        return params * per
    embed = min(_embedding_b(model.shape), params)
    return (params - embed) * per + embed * sizing.bytes_per_param.get(s.Precision.BF16, 2.0)


def weights(model: s.Model, precision: s.Precision, sizing: s.Sizing) -> Weights:
    """A published checkpoint's size where one is recorded, else the estimate."""
    assert model.shape is not None
    estimated = estimate_weights_gb(model, precision, sizing)
    for ck in model.shape.checkpoints:
        if ck.precision is precision and ck.size_gb is not None:
            return Weights(ck.size_gb, False, f"published checkpoint {ck.repo}", estimated)
    per = sizing.bytes_per_param[precision]
    basis = f"{loaded_params_b(model):,.1f}B parameters x {per:g} bytes ({precision.value})"
    if precision is not s.Precision.BF16 and _embedding_b(model.shape) > 0:
        basis += ", embeddings at bf16"
    return Weights(estimated, True, basis, estimated)


def _kv_elements_per_layer(shape: s.Shape) -> float:
    if shape.attention is s.AttentionKind.MLA:
        assert shape.mla is not None
        return float(shape.mla.kv_lora_rank + shape.mla.qk_rope_head_dim)
    assert shape.kv_heads is not None
    return float(2 * shape.kv_heads * shape.head_dim)


def _token_layers(shape: s.Shape, tokens: float) -> float:
    """Layer-tokens a request of `tokens` keeps.

    Full layers keep all, windowed ones at most their window (compressed ones a share more).
    """
    windowed = min(sum(w.layers for w in shape.windows), shape.layers)
    held = (shape.layers - windowed) * tokens
    for w in shape.windows:
        held += w.layers * min(tokens, w.tokens)
        if w.kind is s.WindowKind.COMPRESSED and w.ratio:
            held += w.layers * max(0.0, tokens - w.tokens) / w.ratio
    return held


def kv_bytes(shape: s.Shape, tokens: float, sizing: s.Sizing) -> float:
    """KV-cache bytes one request of `tokens` keeps (one copy, before any replication)."""
    held = _token_layers(shape, tokens) * _kv_elements_per_layer(shape) * sizing.kv_cache_bytes
    if shape.indexer_head_dim is not None:  # fp8 indexer keys, one per token and layer
        held += shape.layers * tokens * shape.indexer_head_dim
    return held


def kv_replication(shape: s.Shape, tensor_parallel: int) -> float:
    """Copies of the KV cache under tensor parallelism.

    Each GPU holds at least one KV head (GQA), and every GPU the whole latent (MLA).
    """
    if shape.attention is s.AttentionKind.MLA:
        return float(tensor_parallel)
    assert shape.kv_heads is not None
    per_gpu = max(1, shape.kv_heads // tensor_parallel)
    return tensor_parallel * per_gpu / shape.kv_heads


def memory(
    model: s.Model, config: Config, request: Request, sizing: s.Sizing
) -> Memory:
    """Weights + KV cache at the context + runtime, against the replica's usable memory."""
    assert model.shape is not None
    shape = model.shape
    w = weights(model, config.precision, sizing)
    total = config.gpus * (config.gpu.capacity_gb or config.gpu.memory_gb)
    usable = total * config.gpu.usable_share
    runtime = config.gpus * sizing.runtime_reserve_gb_per_gpu
    repl = kv_replication(shape, config.tensor_parallel)
    context = request.context_tokens
    per_request_gb = kv_bytes(shape, context, sizing) * repl / GB
    wanted = request.concurrency or 1
    kv_gb = per_request_gb * wanted
    free = usable - w.gb - runtime
    max_conc = int(free // per_request_gb) if free > 0 and per_request_gb > 0 else 0
    required = w.gb + runtime + kv_gb
    if w.gb + runtime > usable:
        fits = False
        reason = (
            f"the weights ({w.gb:,.1f} GB) and runtime ({runtime:,.1f} GB) exceed the "
            f"{usable:,.1f} GB a serving engine can use of {config.gpus} x {config.gpu.name}"
        )
    elif max_conc < 1:
        fits = False
        reason = (
            f"one request at {context:,} tokens needs {per_request_gb:,.1f} GB of KV cache; "
            f"{free:,.1f} GB is left after the weights and runtime"
        )
    elif max_conc < wanted:
        fits = False
        reason = (
            f"{wanted:,} requests at {context:,} tokens need {kv_gb:,.1f} GB of KV cache; "
            f"{free:,.1f} GB holds {max_conc:,}"
        )
    else:
        fits = True
        reason = (
            f"{required:,.1f} GB of {usable:,.1f} GB usable; the rest holds "
            f"{max_conc:,} requests at {context:,} tokens"
        )
    return Memory(
        weights_gb=w.gb,
        weights_estimate=w.estimate,
        weights_basis=w.basis,
        kv_cache_gb=kv_gb,
        runtime_gb=runtime,
        required_gb=required,
        usable_gb=usable,
        total_gb=total,
        usable_share=config.gpu.usable_share,
        kv_bytes_per_token=kv_bytes(shape, context, sizing) / context,
        kv_replication=repl,
        kv_free_gb=max(free, 0.0),
        max_concurrency=max(max_conc, 0),
        fits=fits,
        reason=reason,
    )


# --- throughput ---------------------------------------------------------------------------


def compute_precision(gpu: s.Gpu, precision: s.Precision) -> tuple[s.Precision, bool]:
    """The precision the tensor cores run at, and whether the weights are dequantized to it.

    A precision the GPU supports natively runs at its own rate; int4, and fp8 or fp4 on a GPU
    without them, run weight-only: stored small, computed at bf16.
    """
    if (
        precision is not s.Precision.INT4
        and precision in gpu.native_precisions
        and gpu.dense_tflops.get(precision) is not None
    ):
        return precision, False
    return s.Precision.BF16, precision is not s.Precision.BF16


def unsupported(model: s.Model, gpu: s.Gpu, precision: s.Precision) -> str | None:
    """Why the engines cannot run a model at a precision on a GPU, or None when they can.

    FP4 without native FP4 tensor cores runs only as the weight-only MXFP4 kernels the engines
    ship for checkpoints published natively in FP4 (gpt-oss, DeepSeek V4); an NVFP4
    quantization of a bf16 model needs Blackwell.
    """
    assert model.shape is not None
    if (
        precision is s.Precision.FP4
        and precision not in gpu.native_precisions
        and model.shape.native_precision is not s.Precision.FP4
    ):
        return (
            f"{gpu.name} has no native FP4, and {model.name} is not published natively in FP4 "
            "(weight-only MXFP4 kernels serve native FP4 checkpoints only)"
        )
    return None


def _attention_flops(shape: s.Shape, context: float) -> float:
    """FLOPs of attention for one new token against `context` earlier ones (all layers)."""
    if shape.attention is s.AttentionKind.MLA:
        assert shape.mla is not None
        per_token_layer = 2.0 * shape.attention_heads * (
            2 * shape.mla.kv_lora_rank + shape.mla.qk_rope_head_dim
        )
    else:
        per_token_layer = 4.0 * shape.attention_heads * shape.head_dim
    return per_token_layer * _token_layers(shape, context)


@dataclass(frozen=True)
class _Roofline:
    """The per-replica rates a configuration's throughput follows from."""

    weights_bytes: float
    always_fraction: float
    """Share of the weights every decode step reads (dense parts, shared experts)."""
    expert_share: float
    """k/E: the share of routed experts one token uses (0 for a dense model)."""
    bandwidth: float
    flops_prefill: float
    flops_decode: float
    active_flops_per_token: float
    kv_avg_bytes: float
    attention_avg_flops: float
    prefill_flops: float
    overhead_s: float
    sequence_s: float


def _roofline(
    model: s.Model, config: Config, request: Request, sizing: s.Sizing, weights_gb: float
) -> _Roofline:
    assert model.shape is not None
    assert model.parameters.total_b is not None and model.parameters.active_b is not None
    shape = model.shape
    eff = sizing.efficiency
    link = 1.0
    if config.gpus > 1:
        link = eff.interconnect.get(config.gpu.interconnect, 1.0)
        if config.nodes > 1:
            link *= eff.cross_node
    cp, _ = compute_precision(config.gpu, config.precision)
    tflops = config.gpu.dense_tflops.get(cp) or config.gpu.dense_tflops.get(s.Precision.BF16)
    assert tflops is not None  # `gpus` check: every GPU states its bf16 rate
    # A replica over several nodes is a pipeline: one stage (one node's tensor-parallel group)
    # works on a step at a time, so rates are one node's; the other nodes add memory.
    lanes = config.tensor_parallel
    link *= config.gpu.stack_efficiency
    peak = lanes * tflops * 1e12 * link
    total = loaded_params_b(model)
    active = min(model.parameters.active_b, total)
    always, share = 1.0, 0.0
    if shape.experts is not None and shape.experts.total > shape.experts.active:
        share = shape.experts.active / shape.experts.total
        routed = (total - active) / (1 - share)  # all routed experts, billions
        always = max(0.0, (total - routed) / total)
    if cp is s.Precision.FP4:  # FP4 GEMMs reach less of their peak than bf16 and fp8 do
        peak *= eff.fp4_compute
    # A mixture of experts decodes its experts as grouped GEMMs over few tokens each.
    decode_peak = peak * (eff.moe_compute if share > 0 else 1.0)
    inp, out = request.input_tokens, request.output_tokens
    repl = kv_replication(shape, config.tensor_parallel)
    avg_context = inp + out / 2
    prompt_attention = _attention_flops(shape, inp / 2) * inp
    return _Roofline(
        weights_bytes=weights_gb * GB,
        always_fraction=always,
        expert_share=share,
        bandwidth=lanes * config.gpu.bandwidth_gb_s * GB * eff.decode_bandwidth * link,
        flops_prefill=peak * eff.prefill_compute,
        flops_decode=decode_peak * eff.decode_compute,
        active_flops_per_token=2.0 * active * 1e9,
        kv_avg_bytes=kv_bytes(shape, avg_context, sizing) * repl,
        attention_avg_flops=_attention_flops(shape, avg_context),
        prefill_flops=2.0 * active * 1e9 * inp + prompt_attention,
        overhead_s=eff.step_overhead_ms / 1000
        + (2 * shape.layers * eff.allreduce_us / 1e6 if config.tensor_parallel > 1 else 0.0),
        sequence_s=eff.sequence_overhead_us / 1e6,
    )


def _touched(r: _Roofline, batch: int) -> float:
    """Share of the weights a decode step of `batch` tokens reads."""
    if r.expert_share == 0:
        return 1.0
    experts = 1 - (1 - r.expert_share) ** batch
    return r.always_fraction + (1 - r.always_fraction) * experts


def _step(r: _Roofline, batch: int) -> tuple[float, str]:
    mem = (r.weights_bytes * _touched(r, batch) + batch * r.kv_avg_bytes) / r.bandwidth
    cmp = batch * (r.active_flops_per_token + r.attention_avg_flops) / r.flops_decode
    fixed = r.overhead_s + batch * r.sequence_s
    if cmp > mem:
        return cmp + fixed, "compute"
    return mem + fixed, "memory bandwidth"


def _cycle(r: _Roofline, batch: int, out: int) -> float:
    """Seconds to prefill `batch` prompts and decode `out` tokens for each."""
    return batch * r.prefill_flops / r.flops_prefill + out * _step(r, batch)[0]


def throughput(
    model: s.Model, config: Config, request: Request, sizing: s.Sizing, mem: Memory
) -> Throughput:
    """Estimated tokens per second of one replica at the request's shape and limits."""
    r = _roofline(model, config, request, sizing, mem.weights_gb)
    inp, out = request.input_tokens, request.output_tokens
    per_seq = r.kv_avg_bytes / GB
    by_memory = int(mem.kv_free_gb // per_seq) if per_seq > 0 else sizing.max_batch
    limits = [(max(by_memory, 1), "memory"), (sizing.max_batch, "engine")]
    if request.concurrency is not None:
        limits.append((request.concurrency, "concurrency"))
    batch, limit = min(limits, key=lambda x: x[0])
    meets = True
    if request.latency == "interactive":
        target = sizing.interactive_tokens_per_s

        def speed(b: int) -> float:
            return out / _cycle(r, b, out)

        if speed(batch) < target:
            limit = "latency"
            lo, hi = 1, batch
            while lo < hi:  # the largest batch whose users still decode at the target
                mid = (lo + hi + 1) // 2
                if speed(mid) >= target:
                    lo = mid
                else:
                    hi = mid - 1
            batch = lo
            meets = speed(batch) >= target
    cycle = _cycle(r, batch, out)
    step, bound = _step(r, batch)
    return Throughput(
        prefill_tokens_per_s=inp * r.flops_prefill / r.prefill_flops if inp else 0.0,
        decode_tokens_per_s=batch / step,
        output_tokens_per_s=batch * out / cycle,
        total_tokens_per_s=batch * (inp + out) / cycle,
        per_user_tokens_per_s=out / cycle,
        batch=batch,
        batch_limit=limit,
        decode_bound=bound,
        estimate=True,
        basis="roofline estimate with the policy's fitted efficiency factors",
        meets_latency=meets,
    )


# --- measured overrides -------------------------------------------------------------------


def measured_total(bench: s.Benchmark) -> float | None:
    """A benchmark's total (input + output) tokens/s for the whole configuration."""
    scale = bench.gpus if bench.scope == "per_gpu" else 1
    m = bench.measured
    if m.total_tokens_per_s is not None:
        return m.total_tokens_per_s * scale
    per_req = bench.input_tokens + bench.output_tokens
    if m.output_tokens_per_s is not None:
        return m.output_tokens_per_s * scale * per_req / bench.output_tokens
    if m.requests_per_s is not None:
        return m.requests_per_s * scale * per_req
    return None


def matching_benchmark(
    benchmarks: Sequence[s.Benchmark], config: Config, request: Request
) -> s.Benchmark | None:
    """A vLLM or SGLang measurement of exactly this configuration and request shape."""
    for bench in benchmarks:
        if (
            bench.engine in (s.Engine.VLLM, s.Engine.SGLANG)
            and bench.gpu == config.gpu.id
            and bench.gpus == config.gpus
            and bench.precision is config.precision
            and bench.input_tokens == request.input_tokens
            and bench.output_tokens == request.output_tokens
            and bench.concurrency == request.concurrency
            and request.latency != "interactive"
            and measured_total(bench) is not None
        ):
            return bench
    return None


def _measured(bench: s.Benchmark, estimate: Throughput, request: Request) -> Throughput:
    total = measured_total(bench)
    assert total is not None
    per_req = request.input_tokens + request.output_tokens
    output = total * request.output_tokens / per_req
    return Throughput(
        prefill_tokens_per_s=estimate.prefill_tokens_per_s,
        decode_tokens_per_s=estimate.decode_tokens_per_s,
        output_tokens_per_s=output,
        total_tokens_per_s=total,
        per_user_tokens_per_s=estimate.per_user_tokens_per_s,
        batch=estimate.batch,
        batch_limit=estimate.batch_limit,
        decode_bound=estimate.decode_bound,
        estimate=False,
        basis=f"measured: benchmark {bench.id} ({bench.engine.value})",
        benchmark=bench.id,
    )


# --- one configuration, and every one ----------------------------------------------------


def size(
    model: s.Model,
    config: Config,
    request: Request,
    sizing: s.Sizing,
    benchmarks: Sequence[s.Benchmark] = (),
) -> Sized:
    """Judge one configuration: does it hold the model and one request, and how fast is it."""
    assert sizable(model) is None, sizable(model)
    mem = memory(model, config, request, sizing)
    why = unsupported(model, config.gpu, config.precision)
    window = model.context_tokens
    if why is None and window is not None and request.context_tokens > window:
        why = f"{request.context_tokens:,} tokens exceed {model.name}'s {window:,}-token window"
    if why is not None:
        mem = replace(mem, fits=False, reason=why)
    cp, weight_only = compute_precision(config.gpu, config.precision)
    notes: list[str] = []
    if weight_only:
        notes.append(
            f"{config.gpu.name} has no native {config.precision.value}: weights are stored at "
            f"{config.precision.value} and computed at bf16"
        )
    tp: Throughput | None = None
    if mem.fits:
        tp = throughput(model, config, request, sizing, mem)
        bench = matching_benchmark(benchmarks, config, request)
        if bench is not None:
            tp = _measured(bench, tp, request)
        if not tp.meets_latency:
            notes.append(
                f"even one request decodes below {sizing.interactive_tokens_per_s:g} tokens/s "
                "per user on this configuration"
            )
    return Sized(
        model=model.id,
        model_name=model.name,
        config=config,
        request=request,
        memory=mem,
        throughput=tp,
        compute_precision=cp,
        weight_only=weight_only,
        notes=tuple(notes),
    )


def gpu_counts(gpu: s.Gpu, sizing: s.Sizing) -> list[int]:
    """Counts within a node, then whole nodes up to the policy's largest replica."""
    within = [n for n in sizing.gpu_counts if n <= gpu.gpus_per_node]
    if not gpu.consumer:
        nodes = 2
        while gpu.gpus_per_node * nodes <= sizing.max_gpus:
            within.append(gpu.gpus_per_node * nodes)
            nodes += 1
    return sorted(set(within))
