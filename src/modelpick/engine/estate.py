"""A portfolio's timeline: every workload's month by month, summed over the estate.

Each workload with a growth rate has its own timeline (engine/timeline.py); a workload
without one costs the same every month. The estate's months add them up, and the switches
list which workload changes in which month, so a team sees the estate's migration order.
Pure: the workloads' advice in, an EstateTimeline out.
"""

from __future__ import annotations

from collections.abc import Sequence

from modelpick.engine.result import Advice, DeploymentMode
from modelpick.frozen import frozen


@frozen
class Switch:
    """One workload's recommendation changing in one month."""

    workload: str
    month: int
    to_deployment: DeploymentMode | None
    to_model: str | None


@frozen
class EstateMonth:
    """The estate in one month: staying with every pick, or switching each as advised."""

    month: int
    stay_usd: float
    switch_usd: float


@frozen
class EstateTimeline:
    """The estate's months over the longest horizon, and each workload's switch."""

    months: tuple[EstateMonth, ...]
    switches: tuple[Switch, ...]
    stay_total_usd: float
    switch_total_usd: float


def estate_timeline(workloads: Sequence[tuple[str, Advice]]) -> EstateTimeline | None:
    """The estate's timeline; None when no workload gives a growth rate."""
    timed = [(name, a) for name, a in workloads if a.timeline is not None]
    if not timed:
        return None
    horizon = max(a.timeline.horizon_months for _, a in timed if a.timeline is not None)
    stay = [0.0] * horizon
    switch = [0.0] * horizon
    switches = []
    for name, advice in workloads:
        t = advice.timeline
        flat = advice.primary.monthly_cost_usd if advice.primary is not None else None
        for m in range(horizon):
            if t is not None and m < len(t.months):
                stay[m] += t.months[m].stay_usd
                switch[m] += t.months[m].switch_usd
            elif t is None and flat is not None:
                stay[m] += flat
                switch[m] += flat
        if t is not None and t.switch_month is not None:
            switches.append(Switch(name, t.switch_month, t.switch_to_deployment,
                                   t.switch_to_model))
    switches.sort(key=lambda s: (s.month, s.workload))
    months = tuple(EstateMonth(m + 1, stay[m], switch[m]) for m in range(horizon))
    return EstateTimeline(months, tuple(switches), sum(stay), sum(switch))
