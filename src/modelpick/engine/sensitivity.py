"""What would change this decision: single-answer flips, the volume, and the price.

Three questions, each answered by re-running the engine (never by guessing its logic):

- which single answer, changed, changes the recommendation (mode or model), and to what: each
  of the five node booleans flipped; each excluded origin dropped; the deployment region, the
  minimum context and the monthly active users removed (`task` is not enumerated);
- the monthly volume at which the recommendation flips, up and down from the workload's own:
  the crossover when the engine computed one; else, when the ends of [VOLUME_MIN, VOLUME_MAX]
  differ from the current answer, a geometric probe narrowed by bisection;
- the percent rise in the primary's cheapest price at which an alternative's cheapest monthly
  cost undercuts it (API modes only). Ranking follows the catalog's policy, not price, so this
  says when the policy's pick stops being the cheaper one, not when the engine would switch.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

from modelpick.catalog.loader import Catalog
from modelpick.engine.answers import ResolvedAnswers
from modelpick.engine.recommend import outcome_key, recommend_outcome
from modelpick.engine.result import (
    Advice,
    AnswerFlip,
    CostFlip,
    Direction,
    Outcome,
    PriceFlip,
    Sensitivity,
    VolumeFlip,
)
from modelpick.engine.tree import NODE_KEYS, SELF

VOLUME_MIN = 10**5
VOLUME_MAX = 10**14
PROBES_PER_DECADE = 1
BISECTION_STEPS = 12
"""Each step halves a log-interval; twelve narrow a decade to within about 0.06%."""


Run = Callable[[ResolvedAnswers], Outcome]


def _single_changes(resolved: ResolvedAnswers) -> list[tuple[str, str, dict[str, Any]]]:
    a = resolved.answers
    out: list[tuple[str, str, dict[str, Any]]] = []
    for key in NODE_KEYS:
        value = getattr(a, key)
        out.append((key, f"{key}: {str(value).lower()} -> {str(not value).lower()}",
                    {key: not value}))
    for origin in a.excluded_origins:
        rest = [o for o in a.excluded_origins if o != origin]
        out.append(("excluded_origins", f"drop {origin} from excluded_origins",
                    {"excluded_origins": rest}))
    for key in ("deployment_region", "min_context_tokens", "monthly_active_users"):
        value = getattr(a, key)
        if value is not None:
            shown = f"{value:,}" if isinstance(value, int) else value
            out.append((key, f"remove {key} ({shown})", {key: None}))
    # Provider requirements matter only where an API can be the outcome (node 1 = no), and
    # the GPU answers only where self-hosting can (node 1 = yes, or node 5 weighs it).
    if not a.data_must_stay_in_vpc:
        for key in ("require_zero_data_retention", "require_hipaa"):
            if getattr(a, key):
                out.append((key, f"{key}: true -> false", {key: False}))
        if a.data_residency:
            out.append(("data_residency",
                        f"remove data_residency ({', '.join(a.data_residency)})",
                        {"data_residency": []}))
    if a.data_must_stay_in_vpc or a.has_inference_ops:
        other = "reserved" if a.gpu_pricing == "on_demand" else "on_demand"
        out.append(("gpu_pricing", f"gpu_pricing: {a.gpu_pricing} -> {other}",
                    {"gpu_pricing": other}))
        latency = "batch" if a.latency == "interactive" else "interactive"
        out.append(("latency", f"latency: {a.latency} -> {latency}", {"latency": latency}))
        if a.peak_to_mean > 1:
            out.append(("peak_to_mean",
                        f"peak_to_mean: {a.peak_to_mean:g} -> 1 (steady traffic)",
                        {"peak_to_mean": 1.0}))
    return out


def _with(resolved: ResolvedAnswers, update: dict[str, Any]) -> ResolvedAnswers:
    answers = resolved.answers.model_copy(update=update)
    return ResolvedAnswers(answers, tuple(k for k in resolved.assumed if k not in update))


def _volume(resolved: ResolvedAnswers, tokens: int) -> ResolvedAnswers:
    return _with(resolved, {"monthly_tokens": tokens})


def _bisect(run: Run, resolved: ResolvedAnswers, same: int, other: int) -> tuple[int, Outcome]:
    """Narrow (same, other] to the first volume past `same` with a different outcome."""
    here = run(_volume(resolved, same))
    there_outcome = run(_volume(resolved, other))
    lo, hi = same, other
    for _ in range(BISECTION_STEPS):
        if abs(hi - lo) <= 1:
            break
        mid = round(math.sqrt(lo * hi))
        if mid in (lo, hi):
            mid = (lo + hi) // 2
        mid_outcome = run(_volume(resolved, mid))
        if mid_outcome == here:
            lo = mid
        else:
            hi, there_outcome = mid, mid_outcome
    return hi, there_outcome


def _probe_points(current: int) -> tuple[list[int], list[int]]:
    points = []
    exponent = math.log10(VOLUME_MIN)
    step = 1 / PROBES_PER_DECADE
    while exponent <= math.log10(VOLUME_MAX) + 1e-9:
        points.append(round(10**exponent))
        exponent += step
    if points[-1] != VOLUME_MAX:
        points.append(VOLUME_MAX)
    up = [p for p in points if p > current]
    down = [p for p in reversed(points) if p < current]
    return up, down


def _volume_flips(
    run: Run, advice: Advice, resolved: ResolvedAnswers, current: Outcome
) -> list[VolumeFlip]:
    tokens = advice.answers.monthly_tokens
    flips: list[VolumeFlip] = []
    # Not the crossover volume: node 5 self-hosts only with the policy's margin at the
    # pessimistic estimate, and right-sizing moves with volume too, so the flips are searched.
    found: set[str] = set()
    up, down = _probe_points(tokens)
    searches: tuple[tuple[Direction, list[int]], ...] = (("up", up), ("down", down))
    for direction, points in searches:
        # Volume moves the node-5 crossover and right-sizing (which model is worth its cost),
        # so every probe is run: a far end equal to the current answer proves nothing.
        if direction in found or not points:
            continue
        previous = tokens
        for point in points:
            if run(_volume(resolved, point)) != current:
                volume, moved = _bisect(run, resolved, previous, point)
                flips.append(VolumeFlip(direction, volume, moved, "search"))
                break
            previous = point
    flips.sort(key=lambda f: f.direction != "up")
    return flips


def _price_flip(advice: Advice) -> PriceFlip | None:
    primary = advice.primary
    if primary is None or primary.mode is SELF or not primary.providers:
        return None
    mine = primary.providers[0]
    rivals = [
        (c.providers[0].monthly_cost_usd, c.model, c.providers[0].provider_name)
        for c in advice.alternatives
        if c.providers
    ]
    if not rivals or mine.monthly_cost_usd <= 0:
        return None
    cost, model, provider = min(rivals)
    percent = max(0.0, (cost / mine.monthly_cost_usd - 1) * 100)
    if not math.isfinite(percent):  # a price next to zero: no rise is meaningful
        return None
    return PriceFlip(
        model=primary.model,
        provider=mine.provider_name,
        monthly_cost_usd=mine.monthly_cost_usd,
        alternative=model,
        alternative_provider=provider,
        alternative_monthly_cost_usd=cost,
        percent=percent,
    )


def _cost_flips(advice: Advice) -> tuple[CostFlip, ...]:
    """The GPU-hour and hosted prices at which node 5's test flips at this volume.

    Only where node 5 decided: elsewhere no price moves the mode (the crossover is shown for
    comparison). The test: the pessimistic fleet at most (1 - margin) x the hosted cost.
    """
    c = advice.crossover
    if c is None or not c.decided:
        return ()
    way: Direction = "up" if c.self_hosting_wins else "down"
    out = []
    if c.decision_gpu_hourly_usd is not None:
        out.append(CostFlip("gpu_hourly_usd", c.decision_pessimistic_gpu_hourly_usd,
                            c.decision_gpu_hourly_usd, way))
    if c.decision_hosted_per_mtok is not None:
        out.append(CostFlip("hosted_per_mtok", c.hosted_blended_per_mtok,
                            c.decision_hosted_per_mtok, "down" if c.self_hosting_wins else "up"))
    return tuple(out)


def sensitivity(
    advice: Advice, catalog: Catalog, *, today: dt.date
) -> Sensitivity:
    """What would change this advice; a few dozen engine runs at most."""
    resolved = ResolvedAnswers(advice.answers, advice.assumed)
    runs = 0
    # Keyed by the answers' typed values (the name is the same throughout): every candidate
    # is these answers with one field changed, each field keeping one type (the volume an
    # int), so two share a key exactly when they share their JSON text: `runs` counts alike.
    cache: dict[tuple[object, ...], Outcome] = {}

    def run(candidate: ResolvedAnswers) -> Outcome:
        nonlocal runs
        key = outcome_key(candidate.answers)
        if key not in cache:
            runs += 1
            cache[key] = recommend_outcome(candidate, catalog, today)
        return cache[key]

    current = Outcome.of(advice)
    cache[outcome_key(advice.answers)] = current
    flips, unchanged = [], []
    for key, change, update in _single_changes(resolved):
        changed = run(_with(resolved, update))
        if changed != current:
            flips.append(AnswerFlip(key, change, changed))
        else:
            unchanged.append(change)
    volume = _volume_flips(run, advice, resolved, current)
    return Sensitivity(
        current=current,
        flips=tuple(flips),
        unchanged=tuple(unchanged),
        volume=tuple(volume),
        price=_price_flip(advice),
        engine_runs=runs,
        costs=_cost_flips(advice),
    )
