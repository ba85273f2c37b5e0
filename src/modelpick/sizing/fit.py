"""The fit: every recorded measurement beside the estimate for the same configuration.

Shared by `modelpick catalog benchmarks` (which prints it), `catalog validate` (which warns on
an estimate outside the policy's band) and the tests (which fail on one).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from modelpick.catalog import schema as s
from modelpick.frozen import frozen
from modelpick.sizing.memory import estimate_weights_gb, gpu_sizable, sizable
from modelpick.sizing.model import Config, Request, Sized
from modelpick.sizing.physics import size
from modelpick.sizing.throughput import measured_total


@frozen
class FitRow:
    """One benchmark: what was measured, what the estimate says, and their ratio."""

    benchmark: str
    model: str
    gpu: str
    gpus: int
    precision: str
    engine: str
    input_tokens: int
    output_tokens: int
    concurrency: int | None
    scenario: str
    metric: str
    """`output_tokens_per_s` where the benchmark publishes it, else `total_tokens_per_s`."""
    measured: float | None
    estimated: float | None
    ratio: float | None
    """estimated / measured."""
    verdict: str
    """`ok`, `outside` the band, or why no estimate could be made."""
    sources: tuple[str, ...]


@frozen
class WeightsRow:
    """A published checkpoint's size beside the estimate from parameters."""

    model: str
    precision: str
    repo: str
    published_gb: float
    estimated_gb: float
    ratio: float


def bench_config(bench: s.Benchmark, model: s.Model, gpu: s.Gpu) -> tuple[Config, Request]:
    """The configuration and request a benchmark ran."""
    context = bench.input_tokens + bench.output_tokens
    request = Request(bench.input_tokens, bench.output_tokens, context, bench.concurrency)
    return Config(gpu, bench.gpus, bench.precision), request


def _measured_metric(bench: s.Benchmark) -> tuple[str, float | None]:
    scale = bench.gpus if bench.scope == "per_gpu" else 1
    out = bench.measured.output_tokens_per_s
    if out is not None:
        return "output_tokens_per_s", out * scale
    return "total_tokens_per_s", measured_total(bench)


def _band(bench: s.Benchmark, ratio: float, band: s.FitBand) -> bool:
    # A TensorRT-LLM maximum is a ceiling for vLLM-class serving: only overshoot counts,
    # and a fixed-concurrency TensorRT-LLM figure is judged like any other.
    if bench.engine is s.Engine.TENSORRT_LLM and bench.concurrency is None:
        return ratio <= band.offline_max_high
    return band.low <= ratio <= band.high


def estimate_for(
    bench: s.Benchmark, model: s.Model, gpu: s.Gpu, sizing: s.Sizing
) -> Sized:
    """The estimate (never the measurement itself) for a benchmark's configuration."""
    config, request = bench_config(bench, model, gpu)
    return size(model, config, request, sizing)


def fit_rows(
    benchmarks: Iterable[s.Benchmark],
    models: dict[str, s.Model],
    gpus: dict[str, s.Gpu],
    sizing: s.Sizing,
) -> list[FitRow]:
    """Every benchmark compared with the estimate for its configuration."""
    rows = []
    for bench in benchmarks:
        metric, measured = _measured_metric(bench)
        model, gpu = models.get(bench.model), gpus.get(bench.gpu)
        estimated = ratio = None
        if model is None or gpu is None:
            verdict = "unknown model or GPU"
        elif (why := sizable(model) or gpu_sizable(gpu)) is not None:
            verdict = f"cannot be sized: {why}"
        elif measured is None:
            verdict = "no measured figure"
        else:
            sized = estimate_for(bench, model, gpu, sizing)
            if sized.throughput is None:
                verdict = f"does not fit: {sized.memory.reason}"
            else:
                tp = sized.throughput
                estimated = (
                    tp.output_tokens_per_s if metric == "output_tokens_per_s"
                    else tp.total_tokens_per_s
                )
                ratio = estimated / measured
                verdict = "ok" if _band(bench, ratio, sizing.fit_band) else "outside"
        rows.append(
            FitRow(
                benchmark=bench.id,
                model=bench.model,
                gpu=bench.gpu,
                gpus=bench.gpus,
                precision=bench.precision.value,
                engine=bench.engine.value,
                input_tokens=bench.input_tokens,
                output_tokens=bench.output_tokens,
                concurrency=bench.concurrency,
                scenario=bench.scenario,
                metric=metric,
                measured=measured,
                estimated=estimated,
                ratio=ratio,
                verdict=verdict,
                sources=tuple(bench.sources),
            )
        )
    return rows


def weights_rows(models: Iterable[s.Model], sizing: s.Sizing) -> list[WeightsRow]:
    """Every published checkpoint size beside the estimate from the parameter count."""
    rows = []
    for model in models:
        if model.shape is None or sizable(model) is not None:
            continue
        for ck in model.shape.checkpoints:
            if ck.size_gb is None or ck.precision not in sizing.bytes_per_param:
                continue
            est = estimate_weights_gb(model, ck.precision, sizing)
            rows.append(
                WeightsRow(model.id, ck.precision.value, ck.repo, ck.size_gb, est, est / ck.size_gb)
            )
    return rows


@frozen
class Summary:
    count: int
    within: int
    low: float | None
    high: float | None
    geomean: float | None


def summary(rows: Sequence[FitRow]) -> Summary:
    """How many estimates are within the band, and the range and geometric mean of ratios."""
    ratios = [r.ratio for r in rows if r.ratio is not None]
    if not ratios:
        return Summary(len(rows), 0, None, None, None)
    geo = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
    return Summary(
        len(rows), sum(r.verdict == "ok" for r in rows), min(ratios), max(ratios), geo
    )
