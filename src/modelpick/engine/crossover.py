"""Self-hosting against hosting: the break-even, what would tip it, and how sure the win is.

Self-hosted cost is a staircase: one more replica every `capacity` tokens, each costing its GPUs
plus the operations cost that grows with the fleet (a floor, then engineers per GPU). Hosted
cost is a line. The crossover is the volume above which every step lies below the line. When
there is none, or the workload sits below it, the break-even GPU-hour price, hosted price and
utilization say what would have to change at the workload's own volume.

Self-hosting wins at node 5 only when it still does with an estimated throughput divided by the
catalog's fit band (the widest miss `catalog validate` tolerates against a measurement), by the
policy's margin.
"""

from __future__ import annotations

import math

from modelpick.catalog.loader import Catalog
from modelpick.engine.costs import MTOK, SECONDS_PER_HOUR, Rates, replicas_for
from modelpick.engine.result import CostPoint, Crossover, Hardware, PricingCase, ProviderCost

SEARCH_LIMIT = 10**15
"""Replica counts searched for the crossover: past this, no fleet is real."""
POINTS_PER_DECADE = 2


def _fleet_cost(replicas: int, unit: float, gpus: int, rates: Rates) -> float:
    return replicas * unit + rates.ops(replicas * gpus)


def stays_cheaper_above(
    unit: float, capacity: float, gpus: int, rates: Rates, per_token: float
) -> float | None:
    """The volume above which self-hosting stays cheaper than hosting, or None.

    Step r covers volumes ((r-1) x capacity, r x capacity] at cost S(r); hosting wins part of
    it when S(r) / per_token > (r-1) x capacity. That excess falls with r once one more
    replica (its GPUs and its share of operations) costs less than the tokens it serves cost
    hosted, so the last losing step is found by doubling and bisection.
    """
    ops = rates.operations
    marginal = unit + gpus * ops.engineer_usd_per_month / ops.gpus_per_engineer
    if per_token <= 0 or capacity <= 0 or per_token * capacity <= marginal:
        return None

    def loses(r: int) -> bool:
        return _fleet_cost(r, unit, gpus, rates) / per_token > (r - 1) * capacity

    hi = 1
    while loses(hi):
        hi *= 2
        if hi > SEARCH_LIMIT:
            return None
    lo = max(1, hi // 2)  # loses(lo) holds (lo = 1 always loses: it has no volume below it)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if loses(mid) else (lo, mid)
    last = lo
    volume = min(last * capacity, _fleet_cost(last, unit, gpus, rates) / per_token)
    return volume if math.isfinite(volume) else None


def _break_even_hourly(
    tokens: int, replicas: int, gpus: int, hosted: float, rates: Rates
) -> float | None:
    spare = hosted - rates.ops(replicas * gpus)
    if spare <= 0:
        return None
    return spare / (replicas * gpus * rates.hours_per_month)


def _break_even_replicas(unit: float, gpus: int, hosted: float, rates: Rates) -> float | None:
    """Replicas (continuous) whose GPUs and operations cost exactly the hosted bill."""
    ops = rates.operations
    per_gpu = ops.engineer_usd_per_month / ops.gpus_per_engineer
    at_floor = (hosted - ops.floor_usd_per_month) / unit
    if at_floor > 0 and at_floor * gpus * per_gpu <= ops.floor_usd_per_month:
        return at_floor
    above = hosted / (unit + gpus * per_gpu)
    if above > 0 and above * gpus * per_gpu >= ops.floor_usd_per_month:
        return above
    return None


def _case(
    hardware: Hardware, rates: Rates, catalog: Catalog, per_token: float, tokens: int
) -> PricingCase | None:
    gpu = catalog.gpus_by_id[hardware.gpu]
    price = rates.price(gpu)
    if price is None or price.pricing is not rates.pricing:  # not recorded at this pricing
        return None
    unit = hardware.gpus_per_replica * price.usd_per_hour * rates.hours_per_month
    replicas = replicas_for(tokens, hardware.throughput_tokens_per_s, rates)
    capacity = hardware.capacity_tokens_per_month
    return PricingCase(
        pricing=rates.pricing.value,
        gpu_hourly_usd=price.usd_per_hour,
        price_tier=price.tier.value,
        price_provider=price.provider,
        self_hosted_monthly_usd=_fleet_cost(replicas, unit, hardware.gpus_per_replica, rates),
        volume_tokens_per_month=stays_cheaper_above(
            unit, capacity, hardware.gpus_per_replica, rates, per_token
        ),
        break_even_gpu_hourly_usd=_break_even_hourly(
            tokens, replicas, hardware.gpus_per_replica, tokens * per_token, rates
        ),
    )


def _series(
    hardware: Hardware,
    cases: dict[str, tuple[float, Rates]],
    per_token: float,
    marks: list[float],
) -> tuple[CostPoint, ...]:
    # Half a decade either side of the marks, on half-decade ticks: wide enough to see both
    # lines cross, narrow enough that the region where they do is not squashed flat.
    low = math.floor((math.log10(max(min(marks), 1.0)) - 0.5) * POINTS_PER_DECADE)
    high = math.ceil((math.log10(max(max(marks), 10.0)) + 0.5) * POINTS_PER_DECADE)
    volumes = {10 ** (i / POINTS_PER_DECADE) for i in range(low, high + 1)}
    volumes |= set(marks)

    def cost(kind: str, volume: float) -> float | None:
        if kind not in cases:
            return None
        unit, rates = cases[kind]
        r = replicas_for(volume, hardware.throughput_tokens_per_s, rates)
        return _fleet_cost(r, unit, hardware.gpus_per_replica, rates)

    return tuple(
        CostPoint(v, v * per_token, cost("on_demand", v), cost("reserved", v))
        for v in sorted(volumes)
    )


def crossover(
    self_model: str,
    hardware: Hardware,
    hosted_model: str,
    hosted: ProviderCost,
    tokens: int,
    catalog: Catalog,
    rates: Rates,
    *,
    pessimistic: Hardware | None = None,
    decided: bool = False,
) -> Crossover:
    """Self-hosting `hardware` for `self_model` against `hosted`, at this volume and around it.

    `pessimistic` is the cheapest configuration with estimated throughputs divided by the fit
    band (the caller sizes it: it may be another GPU); without it, `hardware` is derated.
    `decided`: node 5 chose the mode on this comparison.
    """
    per_token = hosted.blended_per_mtok / MTOK
    hosted_usd = tokens * per_token
    gpus = hardware.gpus_per_replica
    unit = gpus * hardware.gpu_hourly_usd * hardware.hours_per_month
    capacity = hardware.capacity_tokens_per_month
    found: list[PricingCase] = []
    units: dict[str, tuple[float, Rates]] = {}  # per pricing: a replica's month, its rates
    for case_rates in (rates, rates.other()):
        case = _case(hardware, case_rates, catalog, per_token, tokens)
        if case is not None:
            found.append(case)
            units[case.pricing] = (gpus * case.gpu_hourly_usd * rates.hours_per_month, case_rates)
    answered = next((c for c in found if c.pricing == rates.pricing.value), None)
    cases = tuple(sorted(found, key=lambda c: c.pricing != "on_demand"))
    volume = (  # the answered case's, unless its GPU has no price at that pricing
        answered.volume_tokens_per_month if answered is not None
        else stays_cheaper_above(unit, capacity, gpus, rates, per_token)
    )
    sizing = catalog.policy.sizing
    uncertainty = sizing.fit_band.high if hardware.throughput.estimate else 1.0
    margin = catalog.policy.self_hosting_margin
    if pessimistic is None:
        worst = replicas_for(tokens, hardware.throughput_tokens_per_s / uncertainty, rates)
        p_replicas, p_gpus, p_hourly = worst, gpus, hardware.gpu_hourly_usd
        pessimistic_usd = _fleet_cost(worst, unit, gpus, rates)
    else:
        p_replicas, p_gpus = pessimistic.replicas, pessimistic.gpus_per_replica
        p_hourly, pessimistic_usd = pessimistic.gpu_hourly_usd, pessimistic.monthly_cost_usd
    target = (1 - margin) * hosted_usd  # what self-hosting must cost at most to be chosen
    spare = target - rates.ops(p_replicas * p_gpus)
    decision_hourly = (
        spare / (p_replicas * p_gpus * rates.hours_per_month) if spare > 0 else None
    )
    full = hardware.throughput_tokens_per_s * SECONDS_PER_HOUR * rates.hours_per_month
    even = _break_even_replicas(unit, gpus, hosted_usd, rates)
    utilization = tokens / (even * full) if even is not None and full > 0 else None
    marks = [float(tokens)] + [
        v for v in (volume, *(case.volume_tokens_per_month for case in cases))
        if v is not None and math.isfinite(v)
    ]
    return Crossover(
        self_hosted_model=self_model,
        hosted_model=hosted_model,
        hosted_provider=hosted.provider,
        hosted_blended_per_mtok=hosted.blended_per_mtok,
        replica_monthly_usd=unit,
        replica_capacity_tokens=capacity,
        ops_overhead_usd=hardware.ops_overhead_usd,
        volume_tokens_per_month=volume,
        self_hosted_monthly_usd=hardware.monthly_cost_usd,
        hosted_monthly_usd=hosted_usd,
        pricing=rates.pricing.value,
        cases=cases,
        break_even_gpu_hourly_usd=answered.break_even_gpu_hourly_usd if answered else None,
        break_even_hosted_per_mtok=hardware.monthly_cost_usd / tokens * MTOK,
        break_even_utilization=utilization,
        break_even_peak_to_mean=(
            rates.peak_utilization / utilization if utilization else None
        ),
        pessimistic_self_hosted_monthly_usd=pessimistic_usd,
        throughput_uncertainty=uncertainty,
        margin=margin,
        self_hosting_wins=pessimistic_usd <= target,
        cost_ratio=pessimistic_usd / hosted_usd if hosted_usd > 0 else math.inf,
        decided=decided,
        decision_gpu_hourly_usd=decision_hourly,
        decision_pessimistic_gpu_hourly_usd=p_hourly,
        decision_hosted_per_mtok=(
            pessimistic_usd / ((1 - margin) * tokens) * MTOK if margin < 1 else None
        ),
        series=_series(hardware, units, per_token, marks),
        utilization=rates.utilization,
        **_any_volume(unit, capacity, gpus, rates, per_token),
    )


def _any_volume(
    unit: float, capacity: float, gpus: int, rates: Rates, per_token: float
) -> dict[str, float | None]:
    """The prices at which one more replica costs what its tokens cost hosted."""
    ops = rates.operations
    per_replica_ops = gpus * ops.engineer_usd_per_month / ops.gpus_per_engineer
    spare = per_token * capacity - per_replica_ops
    hourly = spare / (gpus * rates.hours_per_month) if spare > 0 else None
    hosted = (unit + per_replica_ops) / capacity * MTOK if capacity > 0 else None
    return {"any_volume_gpu_hourly_usd": hourly, "any_volume_hosted_per_mtok": hosted}
