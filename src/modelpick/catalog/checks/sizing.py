"""`shapes`, `gpus` and `benchmarks`: the facts sizing reads, and the fit of its estimates.

A shape's facts must agree with each other (experts, windows, attention kind); a GPU must
state the compute of every precision it claims to run natively; a benchmark must name a model
that can be sized and say what it measured. The fit of every estimate to every benchmark, and
of every weights estimate to every published checkpoint size, is a warning outside the
policy's band: the arithmetic is shown by `modelpick catalog benchmarks`.
"""

from __future__ import annotations

from collections.abc import Iterable

from modelpick.catalog import schema as s
from modelpick.catalog.checks.context import (
    BENCHMARKS,
    HARDWARE,
    MODELS,
    POLICY,
    CheckContext,
    amount,
)
from modelpick.catalog.findings import Finding
from modelpick.catalog.parse import Catalog
from modelpick.sizing.fit import fit_rows, weights_rows
from modelpick.sizing.memory import gpu_sizable, precisions_for, sizable

WEIGHTS_BAND = (0.85, 1.15)
"""How far a weights estimate may be from a published checkpoint's size before a warning."""


def shapes(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """Open models carry architecture facts that agree with each other."""
    sizing = cat.policy.sizing
    for precision in s.Precision:
        if precision not in sizing.bytes_per_param:
            yield ctx.error(
                POLICY,
                ["policy", "sizing", "bytes_per_param"],
                f"no bytes_per_param for '{precision.value}'",
            )
    open_weights, released = s.Weights.OPEN, s.Availability.RELEASED  # looked up once
    for i, model in enumerate(cat.models):
        shape = model.shape
        if shape is None:
            if model.weights is open_weights and model.availability is released:
                yield ctx.warning(
                    MODELS,
                    ["models", i, "id"],
                    f"released open-weight model '{model.id}' has no shape: it cannot be sized "
                    "or recommended for self-hosting",
                )
            continue
        at: list[str | int] = ["models", i, "shape"]
        if model.weights is s.Weights.CLOSED:
            yield ctx.error(MODELS, at, f"'{model.id}' has closed weights; it cannot have a shape")
            continue
        yield from _shape_facts(model, shape, at, ctx)


def _shape_facts(
    model: s.Model, shape: s.Shape, at: list[str | int], ctx: CheckContext
) -> Iterable[Finding]:
    if shape.attention is s.AttentionKind.MLA and shape.mla is None:
        yield ctx.error(MODELS, [*at, "mla"], "attention is mla but the latent sizes are missing")
    if shape.attention is s.AttentionKind.GQA:
        if shape.mla is not None:
            yield ctx.error(MODELS, [*at, "mla"], "attention is gqa but an mla block is given")
        if shape.kv_heads is None:
            yield ctx.error(MODELS, [*at, "kv_heads"], "gqa attention needs its KV head count")
        elif shape.kv_heads > shape.attention_heads:
            yield ctx.error(
                MODELS,
                [*at, "kv_heads"],
                f"{shape.kv_heads} KV heads exceed {shape.attention_heads} attention heads",
            )
    windowed = sum(w.layers for w in shape.windows)
    if windowed > shape.layers:
        yield ctx.error(
            MODELS,
            [*at, "windows"],
            f"windows cover {windowed} layers but the model has {shape.layers}",
        )
    if shape.moe_layers is not None and shape.moe_layers > shape.layers:
        yield ctx.error(
            MODELS,
            [*at, "moe_layers"],
            f"{shape.moe_layers} MoE layers exceed the model's {shape.layers}",
        )
    experts = shape.experts
    if experts is not None and experts.active > experts.total:
        yield ctx.error(
            MODELS,
            [*at, "experts", "active"],
            f"{experts.active} active experts exceed {experts.total} in total",
        )
    if model.architecture is s.Architecture.MOE and experts is None:
        yield ctx.error(MODELS, [*at, "experts"], "a mixture-of-experts model needs its experts")
    if model.architecture is s.Architecture.DENSE and experts is not None:
        yield ctx.error(MODELS, [*at, "experts"], "a dense model has no experts")


def gpus(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """Every GPU states its bf16 rate and the rate of each precision it runs natively."""
    for i, gpu in enumerate(cat.gpus):
        base: list[str | int] = ["gpus", i]
        if (why := gpu_sizable(gpu)) is not None:
            yield ctx.error(HARDWARE, [*base, "dense_tflops"], why)
        for j, precision in enumerate(gpu.native_precisions):
            if precision in (s.Precision.INT4, s.Precision.BF16):
                continue  # int4 is weight-only everywhere; bf16 is reported above
            if gpu.dense_tflops.get(precision) is None:
                yield ctx.error(
                    HARDWARE,
                    [*base, "native_precisions", j],
                    f"'{gpu.id}' runs {precision.value} natively but gives no "
                    f"{precision.value} TFLOPS",
                )


def benchmarks(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """Benchmarks name a model that can be sized and say what they measured."""
    for i, bench in enumerate(cat.benchmarks):
        base: list[str | int] = ["benchmarks", i]
        model = cat.models_by_id.get(bench.model)
        m = bench.measured
        if m.output_tokens_per_s is None and m.total_tokens_per_s is None and (
            m.requests_per_s is None
        ):
            yield ctx.error(BENCHMARKS, [*base, "measured"], "no measured figure is given")
        if bench.scenario == "online" and bench.concurrency is None:
            yield ctx.error(
                BENCHMARKS, [*base, "concurrency"], "an online measurement needs its concurrency"
            )
        if model is None or bench.gpu not in cat.gpus_by_id:
            continue  # `references` reports it
        why = sizable(model)
        if why is not None:
            yield ctx.error(BENCHMARKS, [*base, "model"], f"'{model.id}' cannot be sized: {why}")
            continue
        if bench.precision not in precisions_for(model):
            yield ctx.warning(
                BENCHMARKS,
                [*base, "precision"],
                f"'{model.id}' lists no {bench.precision.value} checkpoint",
            )


def fit(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """Every estimate within the policy's band of the benchmark for its configuration.

    Warnings only, and sizing every benchmark: `catalog validate` runs it, loading does not.
    """
    band = cat.policy.sizing.fit_band
    index = {b.id: i for i, b in enumerate(cat.benchmarks)}
    for row in fit_rows(cat.benchmarks, cat.models_by_id, cat.gpus_by_id, cat.policy.sizing):
        if row.verdict == "outside" and row.ratio is not None:
            yield ctx.warning(
                BENCHMARKS,
                ["benchmarks", index[row.benchmark], "measured"],
                f"the estimate ({amount(row.estimated or 0)} {row.metric}) is "
                f"{row.ratio:.2f}x the measured {amount(row.measured or 0)}, outside "
                f"{band.low:g}-{band.high:g}x",
            )
        elif row.verdict.startswith("does not fit"):
            reason = row.verdict.removeprefix("does not fit: ")
            yield ctx.warning(
                BENCHMARKS,
                ["benchmarks", index[row.benchmark]],
                f"sizing says the measured configuration does not fit ({reason})",
            )


def checkpoints(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """A weights estimate within the band of every published checkpoint size."""
    positions = {m.id: i for i, m in enumerate(cat.models)}
    low, high = WEIGHTS_BAND
    for row in weights_rows(cat.models, cat.policy.sizing):
        if not low <= row.ratio <= high:
            yield ctx.warning(
                MODELS,
                ["models", positions[row.model], "shape", "checkpoints"],
                f"'{row.model}' at {row.precision}: the estimate {amount(row.estimated_gb)} GB "
                f"is {row.ratio:.2f}x the published {amount(row.published_gb)} GB ({row.repo}); "
                "sizing uses the published size",
            )
