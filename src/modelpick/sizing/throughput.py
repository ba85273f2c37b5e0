"""Throughput: a roofline with a few global efficiency factors (policy.sizing.efficiency).

Prefill is bounded by dense compute over the active parameters plus attention over the
prompt; a decode step by memory bandwidth (the weights it reads - for a mixture of experts,
the experts the batch touches - plus the KV cache) or by compute, whichever is slower, plus
fixed overheads. A steady state of B concurrent requests of I input and O output tokens
prefills B prompts for every O decode steps; the batch B is what memory, the engine's cap, a
fixed concurrency or a per-user decode speed allows. A vLLM or SGLang measurement of exactly
the configuration replaces the estimate.
"""

from __future__ import annotations

from collections.abc import Sequence

from modelpick.catalog import schema as s
from modelpick.frozen import frozen
from modelpick.sizing.memory import kv_bytes, kv_replication, loaded_params_b, token_layers
from modelpick.sizing.model import GB, Config, Memory, Request, Throughput

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
    return per_token_layer * token_layers(shape, context)


@frozen
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


def measured_throughput(bench: s.Benchmark, estimate: Throughput, request: Request) -> Throughput:
    """The measurement in place of the estimate's rates (batch and bounds stay the estimate's)."""
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
