"""Money: hosted prices for a volume, self-hosted sizing for a volume, and the crossover."""

from __future__ import annotations

import math
from collections.abc import Iterable

from modelpick.catalog.loader import Catalog
from modelpick.catalog.schema import Footprint, Model
from modelpick.engine.result import Crossover, Hardware, ProviderCost

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


def _headroom(catalog: Catalog) -> float:
    sizing = catalog.policy.sizing
    return sizing.kv_cache_headroom + sizing.runtime_headroom


def required_gb(model: Model, precision: str, catalog: Catalog) -> float | None:
    """Memory a model needs at a precision: weights plus the policy's headroom."""
    total = model.parameters.total_b
    per_param = catalog.policy.sizing.bytes_per_param.get(precision)  # type: ignore[call-overload]
    if total is None or per_param is None:
        return None
    return float(total * per_param * (1 + _headroom(catalog)))


def _size(model: Model, fp: Footprint, tokens: int, catalog: Catalog) -> Hardware | None:
    sizing = catalog.policy.sizing
    gpu = catalog.gpus_by_id[fp.gpu]
    need = required_gb(model, fp.precision, catalog)
    if need is None or fp.gpus * gpu.memory_gb < need:
        return None
    assert model.parameters.total_b is not None
    per_param = sizing.bytes_per_param[fp.precision]
    capacity = (
        fp.throughput_tokens_per_s * SECONDS_PER_HOUR * sizing.hours_per_month * sizing.utilization
    )
    per_replica = fp.gpus * gpu.hourly_usd * sizing.hours_per_month
    overhead = catalog.policy.ops_overhead_usd_per_month
    # The schema's ranges keep these finite; a replica that serves next to nothing, or a fleet
    # that costs more than a float can hold, cannot be costed, so it is not a candidate.
    needed = tokens / capacity if capacity > 0 else math.inf
    if not math.isfinite(max(needed, 1.0) * per_replica + overhead):
        return None
    replicas = max(1, math.ceil(needed))
    gpu_cost = replicas * per_replica
    estimates = []
    if fp.throughput_estimate:
        estimates.append(f"throughput {fp.throughput_tokens_per_s:,.0f} tokens/s per replica")
    if gpu.price_estimate:
        estimates.append(f"{gpu.name} at ${gpu.hourly_usd:,.2f}/GPU-hour")
    if model.parameters.estimate:
        estimates.append(f"{model.name} parameter count")
    if catalog.policy.ops_overhead_estimate:
        estimates.append(f"operations overhead ${overhead:,.0f}/month")
    return Hardware(
        gpu=gpu.id,
        gpu_name=gpu.name,
        gpus_per_replica=fp.gpus,
        precision=fp.precision.value,
        bytes_per_param=per_param,
        total_params_b=model.parameters.total_b,
        weights_gb=model.parameters.total_b * per_param,
        headroom_fraction=_headroom(catalog),
        required_gb=need,
        memory_gb_per_replica=fp.gpus * gpu.memory_gb,
        throughput_tokens_per_s=fp.throughput_tokens_per_s,
        utilization=sizing.utilization,
        capacity_tokens_per_month=capacity,
        replicas=replicas,
        gpu_hourly_usd=gpu.hourly_usd,
        hours_per_month=sizing.hours_per_month,
        gpu_cost_usd=gpu_cost,
        ops_overhead_usd=overhead,
        monthly_cost_usd=gpu_cost + overhead,
        estimates=tuple(estimates),
        sources=tuple(dict.fromkeys([*fp.sources, *gpu.sources])),
    )


def size_self_hosted(model: Model, tokens: int, catalog: Catalog) -> Hardware | None:
    """The cheapest declared configuration that fits, at the first precision in policy order."""
    footprints = catalog.footprints_by_model.get(model.id, [])
    for precision in catalog.policy.sizing.precision_order:
        options: Iterable[Hardware | None] = (
            _size(model, fp, tokens, catalog) for fp in footprints if fp.precision is precision
        )
        fitting = [hw for hw in options if hw is not None]
        if fitting:
            return min(fitting, key=lambda h: (h.monthly_cost_usd, h.gpus_per_replica, h.gpu))
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
