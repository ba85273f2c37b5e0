"""The migration timeline: as volume grows, in which month the recommendation changes.

Article 001 describes "the typical 18-month evolution of a serious AI deployment"; articles
002 and 004 say to start hosted and defer self-hosting "until volume or regulatory posture
forces it". With `monthly_growth` given, month m's volume is monthly_tokens x (1 + growth)^(m-1)
for m = 1 ... horizon_months. The month the recommendation changes is the first whose volume
reaches the sensitivity's volume flip (found by running the engine, not assumed), so the
timeline and "what would change this decision" always agree. The costs of staying and of
switching then follow the two picks' own arithmetic: tokens x blended price hosted; replicas x
GPUs x hourly price plus operations self-hosted, in the configuration each was sized at.

Pure: the Advice, its sensitivity and the catalog in, a Timeline out.
"""

from __future__ import annotations

import datetime as dt
import math

from modelpick.catalog.loader import Catalog
from modelpick.engine.answers import ResolvedAnswers
from modelpick.engine.costs import MTOK, Rates, rates_for
from modelpick.engine.recommend import recommend
from modelpick.engine.result import Advice, Candidate, Sensitivity, Timeline, TimelineMonth

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


def timeline(
    advice: Advice, sensitivity: Sensitivity, catalog: Catalog, today: dt.date
) -> Timeline | None:
    """The timeline of a recommendation whose answers give a monthly growth; else None."""
    a = advice.answers
    growth, horizon = a.monthly_growth, a.horizon_months
    primary = advice.primary
    if growth == 0 or primary is None:
        return None
    rates = rates_for(a, catalog)
    direction = "up" if growth > 0 else "down"
    flip = next((f for f in sensitivity.volume if f.direction == direction), None)
    volumes = [max(1, round(a.monthly_tokens * (1 + growth) ** m)) for m in range(horizon)]
    switch_month = None
    new: Candidate | None = None
    months_to_flip: int | None = None
    if flip is not None:
        ratio = flip.monthly_tokens / a.monthly_tokens
        months_to_flip = max(1, math.ceil(math.log(ratio) / math.log(1 + growth) - 1e-9))
        if months_to_flip < horizon:
            switch_month = months_to_flip + 1
        moved = a.model_copy(update={"monthly_tokens": flip.monthly_tokens})
        new = recommend(ResolvedAnswers(moved, advice.assumed), catalog, today,
                        compare=False).primary
    rows = []
    for index, volume in enumerate(volumes, start=1):
        stay = monthly_cost(primary, volume, rates)
        switched = switch_month is not None and index >= switch_month and new is not None
        rows.append(TimelineMonth(
            month=index, monthly_tokens=volume, stay_usd=stay,
            switch_usd=monthly_cost(new, volume, rates) if switched and new else stay,
        ))
    earlier = later = within = None
    if flip is not None and months_to_flip is not None:
        ratio = flip.monthly_tokens / a.monthly_tokens
        earlier = _growth_for(ratio, months_to_flip - YEAR)
        later = _growth_for(ratio, months_to_flip + YEAR)
        if switch_month is None:
            within = _growth_for(ratio, horizon - 1)
    return Timeline(
        monthly_growth=growth,
        horizon_months=horizon,
        months=tuple(rows),
        switch_month=switch_month,
        switch_volume_tokens=flip.monthly_tokens if flip is not None else None,
        switch_to_deployment=flip.to.deployment if flip is not None else None,
        switch_to_model=flip.to.model if flip is not None else None,
        stay_total_usd=sum(r.stay_usd for r in rows),
        switch_total_usd=sum(r.switch_usd for r in rows),
        growth_for_year_earlier=earlier,
        growth_for_year_later=later,
        growth_to_switch_within_horizon=within,
        basis=(
            "each pick at its own arithmetic: hosted, tokens x its cheapest provider's blended "
            "price; self-hosted, replicas x GPUs x hourly price plus operations in the "
            "configuration it was sized at; no migration cost"
        ),
    )
