"""Sizing from physics: one configuration judged for a model and a request.

`memory` says what a configuration needs and whether it fits, `throughput` how fast it
serves; this module joins them with the rules that hold beside the physics (precisions a GPU
cannot run, the model's own window). Arithmetic on catalog facts only: no I/O, no printing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from modelpick.catalog import schema as s
from modelpick.sizing.memory import memory, sizable
from modelpick.sizing.model import Config, Request, Sized, Throughput
from modelpick.sizing.throughput import (
    compute_precision,
    matching_benchmark,
    measured_throughput,
    throughput,
    unsupported,
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
            tp = measured_throughput(bench, tp, request)
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
