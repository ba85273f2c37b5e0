"""`modelpick size`: one model's memory, fit and throughput on the catalog's GPUs.

Pure: a model id, the options and a catalog in, a `SizeReport` out. The renderers
(`cli/size_view`, `report/size_json`) take the report alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field

from modelpick.catalog import schema as s
from modelpick.catalog.parse import Catalog
from modelpick.engine.answers import Answers
from modelpick.engine.costs import (
    SECONDS_PER_HOUR,
    Rates,
    cost_key,
    fitting,
    rates_for,
    replicas_for,
)
from modelpick.frozen import frozen
from modelpick.sizing.fit import Summary, fit_rows, summary
from modelpick.sizing.model import Config, Latency, Memory, Request, Sized, Throughput
from modelpick.sizing.physics import gpu_counts, size
from modelpick.sizing.throughput import unsupported

MAX_CONFIGURATIONS = 10
"""Fitting configurations listed without --gpu, cheapest first."""


@frozen
class SizeOptions:
    gpu: str | None = None
    gpus: int | None = None
    precision: s.Precision | None = None
    context_tokens: int | None = None
    concurrency: int | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    latency: Latency | None = None
    monthly_tokens: int | None = None


@frozen
class SizedConfig:
    """One configuration with its arithmetic and, for a volume, its replicas and cost."""

    gpu: str
    gpu_name: str
    gpus: int
    precision: str
    compute_precision: str
    weight_only: bool
    fits: bool
    reason: str
    memory: Memory
    throughput: Throughput | None
    hourly_usd: float
    gpu_hourly_usd: float
    price_estimate: bool
    usd_per_mtok: float | None
    """GPU cost per million tokens (input + output) at this throughput, fully used."""
    replicas: int | None
    monthly_cost_usd: float | None
    notes: tuple[str, ...]


@frozen
class SizeReport:
    catalog_version: str
    model: str
    model_name: str
    total_params_b: float
    active_params_b: float
    native_precision: str
    input_tokens: int
    output_tokens: int
    context_tokens: int
    concurrency: int | None
    latency: str | None
    interactive_tokens_per_s: float
    monthly_tokens: int | None
    utilization: float
    hours_per_month: float
    chosen: SizedConfig | None
    """The configuration the top-level fields describe (None: nothing fits, without --gpu)."""
    configurations: tuple[SizedConfig, ...]
    explicit_gpu: bool
    fit: Summary
    """How the estimate compares with every benchmark the catalog records."""
    model_benchmarks: tuple[str, ...]
    assumed: tuple[str, ...] = field(default=())


def request_for(
    options: SizeOptions, sizing: s.Sizing, input_share: float
) -> tuple[Request, list[str]]:
    """The request shape, and which of its figures were assumed.

    Given tokens, else the answers' defaults (input_share of the policy's tokens per
    request); the context defaults to one whole request.
    """
    assumed = []
    total = sizing.request_tokens
    out = options.output_tokens
    inp = options.input_tokens
    if out is None and inp is None:
        out = max(1, round(total * (1 - input_share)))
        inp = total - out
        assumed += ["input_tokens", "output_tokens"]
    elif out is None:
        assert inp is not None
        out = max(1, round(inp * (1 - input_share) / max(input_share, 1e-9)))
        assumed.append("output_tokens")
    elif inp is None:
        inp = round(out * input_share / max(1 - input_share, 1e-9))
        assumed.append("input_tokens")
    context = options.context_tokens
    if context is None:
        context = inp + out
        assumed.append("context_tokens")
    return Request(inp, out, context, options.concurrency, options.latency), assumed


def _costed(sized: Sized, rates: Rates, tokens: int | None) -> SizedConfig:
    gpu, tp = sized.config.gpu, sized.throughput
    price = rates.price(gpu)
    gpu_hourly = price.usd_per_hour if price is not None else gpu.hourly_usd
    hourly = sized.config.gpus * gpu_hourly
    per_mtok = replicas = monthly = None
    if tp is not None and tp.total_tokens_per_s > 0:
        per_mtok = hourly / (tp.total_tokens_per_s * SECONDS_PER_HOUR / 1e6)
        if tokens is not None:
            replicas = replicas_for(tokens, tp.total_tokens_per_s, rates)
            monthly = replicas * hourly * rates.hours_per_month
    return SizedConfig(
        gpu=gpu.id,
        gpu_name=gpu.name,
        gpus=sized.config.gpus,
        precision=sized.config.precision.value,
        compute_precision=sized.compute_precision.value,
        weight_only=sized.weight_only,
        fits=sized.fits,
        reason=sized.memory.reason,
        memory=sized.memory,
        throughput=tp,
        hourly_usd=hourly,
        gpu_hourly_usd=gpu_hourly,
        price_estimate=price.estimate if price is not None else True,
        usd_per_mtok=per_mtok,
        replicas=replicas,
        monthly_cost_usd=monthly,
        notes=sized.notes,
    )


def size_model(
    model: s.Model, options: SizeOptions, catalog: Catalog, input_share: float
) -> SizeReport:
    """Size one sizable model on one GPU, or over every GPU and count, cheapest first.

    On one GPU: the given count, else the smallest that fits.
    """
    sizing = catalog.policy.sizing
    rates = rates_for(Answers(), catalog)  # the answers' defaults: on demand, peak twice the mean
    assert model.shape is not None
    assert model.parameters.total_b is not None and model.parameters.active_b is not None
    request, assumed = request_for(options, sizing, input_share)
    precision = options.precision or model.shape.native_precision
    if options.precision is None:
        assumed.append("precision")
    benchmarks = catalog.benchmarks_by_model.get(model.id, [])
    chosen: SizedConfig | None
    configs: Sequence[SizedConfig]
    if options.gpu is not None:
        gpu = catalog.gpus_by_id[options.gpu]
        counts = [options.gpus] if options.gpus else gpu_counts(gpu, sizing)
        tried = [
            size(model, Config(gpu, n, precision), request, sizing, benchmarks) for n in counts
        ]
        # Nothing fits: the largest replica tried shows how far memory falls short, unless the
        # precision cannot run on this GPU at all, which the smallest shows as well as any.
        fallback = tried[0] if unsupported(model, gpu, precision) else tried[-1]
        pick = next((t for t in tried if t.fits), fallback)
        chosen = _costed(pick, rates, options.monthly_tokens)
        configs = [chosen]
    else:
        fits = fitting(
            model,
            request,
            catalog,
            gpus=catalog.gpus,
            precisions=[precision],
            counts=[options.gpus] if options.gpus else None,
        )
        fits.sort(key=lambda x: cost_key(x, options.monthly_tokens, rates))
        configs = [_costed(x, rates, options.monthly_tokens) for x in fits[:MAX_CONFIGURATIONS]]
        chosen = configs[0] if configs else None
    rows = fit_rows(catalog.benchmarks, catalog.models_by_id, catalog.gpus_by_id, sizing)
    return SizeReport(
        catalog_version=catalog.meta.version,
        model=model.id,
        model_name=model.name,
        total_params_b=model.parameters.total_b,
        active_params_b=model.parameters.active_b,
        native_precision=model.shape.native_precision.value,
        input_tokens=request.input_tokens,
        output_tokens=request.output_tokens,
        context_tokens=request.context_tokens,
        concurrency=request.concurrency,
        latency=request.latency,
        interactive_tokens_per_s=sizing.interactive_tokens_per_s,
        monthly_tokens=options.monthly_tokens,
        utilization=rates.utilization,
        hours_per_month=sizing.hours_per_month,
        chosen=chosen,
        configurations=tuple(configs),
        explicit_gpu=options.gpu is not None,
        fit=summary(rows),
        model_benchmarks=tuple(b.id for b in benchmarks),
        assumed=tuple(assumed),
    )
