"""The migration timeline: as volume grows, in which month the recommendation changes.

Article 001 describes "the typical 18-month evolution of a serious AI deployment"; articles
002 and 004 say to start hosted and defer self-hosting "until volume or regulatory posture
forces it". With `monthly_growth` given, month m's volume is monthly_tokens x (1 + growth)^(m-1)
for m = 1 ... horizon_months. The month the recommendation changes is the first whose volume
the engine decides differently (each month is run, not inferred from one flip volume). The
costs of staying and of switching then follow the two picks' own arithmetic: tokens x
blended price hosted; replicas x GPUs x hourly price plus operations self-hosted, in the
configuration each was sized at.

Pure: the Advice, its sensitivity and the catalog in, a Timeline out.
"""

from __future__ import annotations

import datetime as dt
import math

from modelpick.catalog.loader import Catalog
from modelpick.engine.answers import ResolvedAnswers
from modelpick.engine.costs import MTOK, Rates, rates_for
from modelpick.engine.recommend import recommend, recommend_outcome
from modelpick.engine.result import (
    Advice,
    Candidate,
    Outcome,
    Sensitivity,
    Timeline,
    TimelineMonth,
)
from modelpick.engine.sensitivity import BISECTION_STEPS, VOLUME_MAX

YEAR = 12


def monthly_cost(candidate: Candidate, tokens: int, rates: Rates) -> float:
    """What a costed candidate costs at another monthly volume, in its own configuration."""
    hw = candidate.hardware
    if hw is not None:
        replicas = max(1, math.ceil(tokens / hw.capacity_tokens_per_month))
        gpus = replicas * hw.gpus_per_replica
        return gpus * hw.gpu_hourly_usd * hw.hours_per_month + rates.ops(gpus)
    if candidate.providers:
        return tokens / MTOK * candidate.providers[0].blended_per_mtok
    return candidate.monthly_cost_usd or 0.0


def _growth_for(ratio: float, months: int) -> float | None:
    """The monthly growth that multiplies volume by `ratio` in `months` months."""
    if months < 1 or ratio <= 0:
        return None
    return float(ratio ** (1 / months) - 1)


def _first_change(
    advice: Advice, volumes: list[int], catalog: Catalog, today: dt.date
) -> tuple[int | None, Advice | None]:
    """(index, advice) of the first month the engine decides differently; (None, None)."""
    current = Outcome.of(advice)
    for index, volume in enumerate(volumes[1:], start=1):
        if volume > VOLUME_MAX:  # beyond what the sensitivity searches: not decided here
            return None, None
        moved = ResolvedAnswers(
            advice.answers.model_copy(update={"monthly_tokens": volume}), advice.assumed
        )
        if recommend_outcome(moved, catalog, today) != current:  # the whole advice: that month
            return index, recommend(moved, catalog, today, compare=False)
    return None, None


def _switch_volume(
    advice: Advice, low: int, high: int, catalog: Catalog, today: dt.date
) -> int:
    """The least volume in (low, high] the engine decides differently (geometric bisection)."""
    current = Outcome.of(advice)
    for _ in range(BISECTION_STEPS):
        if high - low <= max(1, low // 10_000):
            break
        mid = round(math.sqrt(low * high))
        if mid in (low, high):
            mid = (low + high) // 2
        moved = ResolvedAnswers(
            advice.answers.model_copy(update={"monthly_tokens": mid}), advice.assumed
        )
        if recommend_outcome(moved, catalog, today) == current:
            low = mid
        else:
            high = mid
    return high


def timeline(
    advice: Advice, sensitivity: Sensitivity, catalog: Catalog, today: dt.date
) -> Timeline | None:
    """The timeline of a recommendation whose answers give a monthly growth; else None.

    Each month's volume is decided by the engine until one is decided differently: the
    recommendation need not change monotonically with volume (right-sizing and node 5's
    margin move with it), so no single flip volume stands for every month.
    """
    a = advice.answers
    growth, horizon = a.monthly_growth, a.horizon_months
    primary = advice.primary
    if growth == 0 or primary is None:
        return None
    rates = rates_for(a, catalog)
    volumes = [max(1, round(a.monthly_tokens * (1 + growth) ** m)) for m in range(horizon)]
    index, later = _first_change(advice, volumes, catalog, today)
    new = later.primary if later is not None else None
    switch_month = index + 1 if index is not None else None
    direction = "up" if growth > 0 else "down"
    flip = next((f for f in sensitivity.volume if f.direction == direction), None)
    if index is not None:
        low, high = sorted((volumes[index - 1], volumes[index]))
        switch_volume: int | None = (
            _switch_volume(advice, low, high, catalog, today) if direction == "up" else high
        )
    else:
        switch_volume = flip.monthly_tokens if flip is not None else None
    rows = []
    for number, volume in enumerate(volumes, start=1):
        stay = monthly_cost(primary, volume, rates)
        switched = switch_month is not None and number >= switch_month and new is not None
        rows.append(TimelineMonth(
            month=number, monthly_tokens=volume, stay_usd=stay,
            switch_usd=monthly_cost(new, volume, rates) if switched and new else stay,
        ))
    earlier = later_growth = within = None
    if switch_volume is not None:
        ratio = switch_volume / a.monthly_tokens
        months = max(1, math.ceil(math.log(ratio) / math.log(1 + growth) - 1e-9)) if (
            ratio > 0 and ratio != 1) else 1
        earlier = _growth_for(ratio, months - YEAR)
        later_growth = _growth_for(ratio, months + YEAR)
        if switch_month is None:
            within = _growth_for(ratio, horizon - 1)
    return Timeline(
        monthly_growth=growth,
        horizon_months=horizon,
        months=tuple(rows),
        switch_month=switch_month,
        switch_volume_tokens=switch_volume,
        switch_to_deployment=later.deployment if later is not None else (
            flip.to.deployment if flip is not None else None),
        switch_to_model=new.model if new is not None else (
            flip.to.model if flip is not None else None),
        stay_total_usd=sum(r.stay_usd for r in rows),
        switch_total_usd=sum(r.switch_usd for r in rows),
        growth_for_year_earlier=earlier,
        growth_for_year_later=later_growth,
        growth_to_switch_within_horizon=within,
        basis=(
            "each pick at its own arithmetic: hosted, tokens x its cheapest provider's blended "
            "price; self-hosted, replicas x GPUs x hourly price plus operations in the "
            "configuration it was sized at (the decision itself weighs self-hosting at its "
            "pessimistic estimate and the policy's margin); no migration cost"
        ),
    )
