"""Money: hosted prices for a volume, self-hosted sizing for a volume, and the crossover."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import cast

from modelpick.catalog.loader import Catalog
from modelpick.catalog.schema import Benchmark, Gpu, Model, Precision, Sizing
from modelpick.engine.result import Crossover, Hardware, ProviderCost
from modelpick.sizing.memory import precisions_for, sizable
from modelpick.sizing.model import Config, Request, Sized
from modelpick.sizing.physics import gpu_counts, size

SECONDS_PER_HOUR = 3600
MTOK = 1_000_000


def blended_per_mtok(input_per_mtok: float, output_per_mtok: float, input_share: float) -> float:
    """Price per million tokens for a given input share."""
    return input_share * input_per_mtok + (1 - input_share) * output_per_mtok


def provider_costs(
    model_id: str, tokens: int, input_share: float, catalog: Catalog
) -> tuple[ProviderCost, ...]:
    """Every provider's monthly cost for the model at this volume, cheapest first."""
    out = []
    for price in catalog.prices_by_model.get(model_id, []):
        provider = catalog.providers_by_id[price.provider]
        blended = blended_per_mtok(price.input_per_mtok, price.output_per_mtok, input_share)
        out.append(
            ProviderCost(
                provider=provider.id,
                provider_name=provider.name,
                input_per_mtok=price.input_per_mtok,
                output_per_mtok=price.output_per_mtok,
                blended_per_mtok=blended,
                monthly_cost_usd=tokens / MTOK * blended,
                estimate=price.estimate,
                as_of=price.as_of,
                sources=tuple(price.sources),
                zero_data_retention=provider.privacy.zero_data_retention,
                soc2=provider.privacy.soc2,
                hipaa=provider.privacy.hipaa,
            )
        )
    out.sort(key=lambda c: (c.monthly_cost_usd, c.provider))
    return tuple(out)


def monthly_capacity(tokens_per_s: float, sizing: Sizing) -> float:
    """Tokens one replica serves a month at the policy's hours and utilization."""
    return tokens_per_s * SECONDS_PER_HOUR * sizing.hours_per_month * sizing.utilization


def replicas_for(tokens: int, tokens_per_s: float, sizing: Sizing) -> int:
    """Replicas a monthly volume needs (at least one)."""
    return max(1, math.ceil(tokens / max(monthly_capacity(tokens_per_s, sizing), 1e-9)))


def workload_request(
    input_share: float, min_context_tokens: int | None, sizing: Sizing
) -> Request:
    """The request shape advice sizes for.

    The policy's tokens per request, split by the workload's input share, at the latency the
    policy sizes for; the context one request must hold is the larger of the request and
    `min_context_tokens`.
    """
    total = sizing.request_tokens
    output = max(1, round(total * (1 - input_share)))
    inp = max(0, total - output)
    context = max(total, min_context_tokens or 0)
    return Request(inp, output, context, latency=sizing.latency)


def _hardware(model: Model, sized: Sized, tokens: int, catalog: Catalog) -> Hardware | None:
    sizing = catalog.policy.sizing
    config, mem, tp = sized.config, sized.memory, sized.throughput
    assert tp is not None and model.parameters.total_b is not None
    gpu = config.gpu
    capacity = monthly_capacity(tp.total_tokens_per_s, sizing)
    per_replica = config.gpus * gpu.hourly_usd * sizing.hours_per_month
    overhead = catalog.policy.ops_overhead_usd_per_month
    # The schema's ranges keep these finite; a replica that serves next to nothing, or a fleet
    # that costs more than a float can hold, cannot be costed, so it is not a candidate.
    needed = tokens / capacity if capacity > 0 else math.inf
    if not math.isfinite(max(needed, 1.0) * per_replica + overhead):
        return None
    replicas = max(1, math.ceil(needed))
    gpu_cost = replicas * per_replica
    estimates = []
    if tp.estimate:
        estimates.append(f"throughput {tp.total_tokens_per_s:,.0f} tokens/s per replica")
    if mem.weights_estimate:
        estimates.append(f"weights {mem.weights_gb:,.1f} GB ({mem.weights_basis})")
    if gpu.price_estimate:
        estimates.append(f"{gpu.name} at ${gpu.hourly_usd:,.2f}/GPU-hour")
    if model.parameters.estimate:
        estimates.append(f"{model.name} parameter count")
    if catalog.policy.ops_overhead_estimate:
        estimates.append(f"operations overhead ${overhead:,.0f}/month")
    assert model.shape is not None
    sources = [*model.shape.sources, *gpu.sources, *sizing.sources]
    if tp.benchmark is not None:
        bench = next(b for b in catalog.benchmarks if b.id == tp.benchmark)
        sources += bench.sources
    return Hardware(
        gpu=gpu.id,
        gpu_name=gpu.name,
        gpus_per_replica=config.gpus,
        precision=config.precision.value,
        bytes_per_param=sizing.bytes_per_param[config.precision],
        total_params_b=model.parameters.total_b,
        weights_gb=mem.weights_gb,
        headroom_fraction=(mem.required_gb - mem.weights_gb) / mem.weights_gb,
        required_gb=mem.required_gb,
        memory_gb_per_replica=mem.total_gb,
        throughput_tokens_per_s=tp.total_tokens_per_s,
        utilization=sizing.utilization,
        capacity_tokens_per_month=capacity,
        replicas=replicas,
        gpu_hourly_usd=gpu.hourly_usd,
        hours_per_month=sizing.hours_per_month,
        gpu_cost_usd=gpu_cost,
        ops_overhead_usd=overhead,
        monthly_cost_usd=gpu_cost + overhead,
        estimates=tuple(estimates),
        sources=tuple(dict.fromkeys(sources)),
        context_tokens=sized.request.context_tokens,
        input_tokens=sized.request.input_tokens,
        output_tokens=sized.request.output_tokens,
        latency=sized.request.latency,
        kv_bytes_per_token=mem.kv_bytes_per_token,
        max_concurrency=mem.max_concurrency,
        memory=mem,
        throughput=tp,
        compute_precision=sized.compute_precision.value,
        weight_only=sized.weight_only,
        notes=sized.notes,
    )


def advice_gpus(catalog: Catalog) -> list[Gpu]:
    """GPUs advice may choose: consumer cards only where the policy allows them.

    Their drivers' licenses bar data-centre use.
    """
    allow = catalog.policy.sizing.consumer_gpus
    return [g for g in catalog.gpus if allow or not g.consumer]


def fitting(
    model: Model,
    request: Request,
    catalog: Catalog,
    *,
    gpus: Sequence[Gpu] | None = None,
    precisions: Sequence[Precision] | None = None,
    counts: Sequence[int] | None = None,
) -> list[Sized]:
    """Every configuration that holds the model and one request at the context.

    Depends on the catalog and the request only, so it is computed once per catalog: the
    sensitivity analysis asks again for every answer it flips.
    """
    key = (
        "fitting",
        model.id,
        request,
        None if gpus is None else tuple(g.id for g in gpus),
        None if precisions is None else tuple(precisions),
        None if counts is None else tuple(counts),
    )
    cached = catalog.memo.get(key)
    if cached is not None:
        return list(cast("tuple[Sized, ...]", cached))
    out = _fitting(model, request, catalog, gpus, precisions, counts)
    catalog.memo[key] = tuple(out)
    return out


def _fitting(
    model: Model,
    request: Request,
    catalog: Catalog,
    gpus: Sequence[Gpu] | None,
    precisions: Sequence[Precision] | None,
    counts: Sequence[int] | None,
) -> list[Sized]:
    sizing = catalog.policy.sizing
    if precisions is not None:  # asked for: any precision the engines can run
        usable = list(precisions)
    else:  # advice: what the model is published at, among what the policy allows
        usable = [p for p in precisions_for(model) if p in sizing.precisions]
    benchmarks = catalog.benchmarks_by_model.get(model.id, [])
    out = []
    for gpu in gpus if gpus is not None else advice_gpus(catalog):
        for precision in usable:
            out += _larger_while_cheaper(
                model, request, sizing, benchmarks, gpu, precision,
                counts if counts is not None else gpu_counts(gpu, sizing),
            )
    return out


def _larger_while_cheaper(
    model: Model,
    request: Request,
    sizing: Sizing,
    benchmarks: Sequence[Benchmark],
    gpu: Gpu,
    precision: Precision,
    counts: Sequence[int],
) -> list[Sized]:
    """Fitting replicas of one GPU and precision, smallest first.

    A larger replica is tried until two in a row serve no more tokens per GPU-dollar than the
    best before them: past that, more GPUs per replica only add cost per token.
    """
    out: list[Sized] = []
    best, worse = 0.0, 0
    for n in sorted(counts):
        sized = size(model, Config(gpu, n, precision), request, sizing, benchmarks)
        if not sized.fits:
            if out:  # a larger replica that does not fit cannot run this precision here
                break
            continue
        out.append(sized)
        assert sized.throughput is not None
        per_dollar = sized.throughput.total_tokens_per_s / (n * gpu.hourly_usd)
        if per_dollar > best:
            best, worse = per_dollar, 0
        else:
            worse += 1
            if worse >= 2:
                break
    return out


def cost_key(sized: Sized, tokens: int | None, catalog: Catalog) -> tuple[float, int, str, str]:
    """Cheapest first: monthly GPU cost at the volume, else cost per token at saturation."""
    sizing = catalog.policy.sizing
    tp = sized.throughput
    assert tp is not None
    hourly = sized.config.gpus * sized.config.gpu.hourly_usd
    if tokens is None:
        value = hourly / max(tp.total_tokens_per_s, 1e-9)
    else:
        value = replicas_for(tokens, tp.total_tokens_per_s, sizing) * hourly
    return (value, sized.config.gpus, sized.config.gpu.id, sized.config.precision.value)


def size_self_hosted(
    model: Model, tokens: int, catalog: Catalog, request: Request
) -> Hardware | None:
    """The cheapest configuration that fits the request, costed for the volume."""
    if sizable(model) is not None:
        return None
    options = fitting(model, request, catalog)
    options.sort(key=lambda sized: cost_key(sized, tokens, catalog))
    for sized in options:
        hardware = _hardware(model, sized, tokens, catalog)
        if hardware is not None:
            return hardware
    return None


def crossover(
    self_model: str,
    hardware: Hardware,
    hosted_model: str,
    hosted: ProviderCost,
    tokens: int,
) -> Crossover:
    """The volume above which self-hosting stays cheaper than the hosted price, if any.

    Self-hosted cost is a staircase (one more replica every `capacity` tokens); hosted cost is
    a line. Past replica count m = (pC + O) / (pC - U) every step lies below the line, so the
    crossover is where the last step before that crosses it.
    """
    unit = hardware.gpus_per_replica * hardware.gpu_hourly_usd * hardware.hours_per_month
    cap = hardware.capacity_tokens_per_month
    overhead = hardware.ops_overhead_usd
    per_token = hosted.blended_per_mtok / MTOK
    volume: float | None = None
    margin = per_token * cap - unit
    steps = (per_token * cap + overhead) / margin if margin > 0 else math.inf
    if math.isfinite(steps):  # else self-hosting wins only past any volume a float can hold
        n = max(2, math.ceil(steps)) - 1
        tail_start = max((n - 1) * cap, (n * unit + overhead) / per_token)
        volume = min(tail_start, n * cap)
        if not math.isfinite(volume):
            volume = None
    return Crossover(
        self_hosted_model=self_model,
        hosted_model=hosted_model,
        hosted_provider=hosted.provider,
        hosted_blended_per_mtok=hosted.blended_per_mtok,
        replica_monthly_usd=unit,
        replica_capacity_tokens=cap,
        ops_overhead_usd=overhead,
        volume_tokens_per_month=volume,
        self_hosted_monthly_usd=hardware.monthly_cost_usd,
        hosted_monthly_usd=tokens * per_token,
    )
