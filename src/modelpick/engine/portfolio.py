"""A portfolio of workloads: each advised on its own, then routed, costed and compared.

Reading the file (`defaults:` and `workloads:`) is `inputs/portfolio.py`; a bad workload is
reported by name and line there, and the others are still advised here.

Two baselines put the routed total in context, computed from the same catalog: everything on
the closed frontier model the portfolio recommends most often, and everything self-hosted on
each workload's top self-hostable pick. Workloads whose self-hosted primary is the same model
can share one GPU pool; the pool is sized for their summed volume and pays one ops overhead.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Literal

from modelpick.catalog.loader import Catalog
from modelpick.catalog.schema import DeploymentMode, GpuPricing
from modelpick.engine.answers import Answers, ResolvedAnswers
from modelpick.engine.costs import (
    Rates,
    provider_costs,
    rates_for,
    request_for,
    size_self_hosted,
)
from modelpick.engine.decision import decide
from modelpick.engine.estate import EstateTimeline, estate_timeline
from modelpick.engine.filters import apply_filters
from modelpick.engine.result import Advice, Candidate, Hardware
from modelpick.engine.tree import CLOSED, SELF
from modelpick.engine.walk import candidates
from modelpick.errors import one_line
from modelpick.frozen import frozen
from modelpick.sizing.model import Latency

# --- the workloads of a file ---------------------------------------------------------------


@frozen
class Workload:
    """One workload of the file, validated, with where it is written."""

    name: str
    index: int
    line: int | None
    resolved: ResolvedAnswers


@frozen
class WorkloadError:
    """A workload that could not be advised, by name and line."""

    workload: str
    """Its name, or `#N` (1-based position) when it has none."""
    index: int
    file: str
    line: int | None
    key: str | None
    message: str

    def render(self) -> str:
        """`file:line: workload 'name': key 'k': message`."""
        where = self.file + (f":{self.line}" if self.line is not None else "")
        key = f"key '{self.key}': " if self.key else ""
        return one_line(f"{where}: workload '{self.workload}': {key}{self.message}")


@frozen
class ParsedPortfolio:
    """Every workload of a portfolio file: the valid ones and the errors."""

    file: str
    workloads: tuple[Workload, ...]
    errors: tuple[WorkloadError, ...]


# --- evaluating ----------------------------------------------------------------------------


@frozen
class Route:
    """One row of the routing table."""

    workload: str
    mode: DeploymentMode | None
    model: str | None
    model_name: str | None
    where: str | None
    """Provider name (APIs) or `replicas x GPUs x GPU` (self-hosted)."""
    monthly_tokens: int
    monthly_cost_usd: float | None


@frozen
class BaselineRow:
    """One workload under a baseline."""

    workload: str
    model: str | None
    where: str | None
    monthly_cost_usd: float | None
    note: str | None


@frozen
class Baseline:
    """What the same workloads would cost routed one single way."""

    kind: Literal["closed_frontier", "self_hosted"]
    description: str
    model: str | None
    """The one model used throughout (closed baseline), where there is one."""
    rows: tuple[BaselineRow, ...]
    covered: tuple[str, ...]
    """Workloads this baseline could cost; the comparison is over these only."""
    total_usd: float
    portfolio_usd: float
    """The routed portfolio's cost over the same covered workloads."""

    @property
    def savings_usd(self) -> float:
        """How much the routed portfolio saves against this baseline (negative: costs more)."""
        return self.total_usd - self.portfolio_usd

    @property
    def savings_fraction(self) -> float | None:
        """Savings as a share of the baseline, or None when the baseline costs nothing."""
        return self.savings_usd / self.total_usd if self.total_usd > 0 else None


@frozen
class Pool:
    """Workloads that self-host the same model, and one shared GPU pool for them."""

    model: str
    model_name: str
    workloads: tuple[str, ...]
    monthly_tokens: int
    shared: Hardware
    separate_usd: float

    @property
    def shared_usd(self) -> float:
        """What the shared pool costs a month."""
        return self.shared.monthly_cost_usd

    @property
    def savings_usd(self) -> float:
        """Separate pools minus the shared one."""
        return self.separate_usd - self.shared_usd


@frozen
class WorkloadAdvice:
    """A workload and the engine's advice for it."""

    name: str
    line: int | None
    advice: Advice


@frozen
class Portfolio:
    """The whole estate: every workload routed and costed, baselines, consolidation."""

    file: str
    catalog_version: str
    catalog_as_of: dt.date
    workloads: tuple[WorkloadAdvice, ...]
    errors: tuple[WorkloadError, ...]
    routes: tuple[Route, ...]
    total_monthly_usd: float
    closed_baseline: Baseline
    self_hosted_baseline: Baseline
    pools: tuple[Pool, ...]
    timeline: EstateTimeline | None = None
    """With growth rates given: the estate's months and each workload's switch."""

    @property
    def consolidation_savings_usd(self) -> float:
        """What sharing GPU pools saves a month, over every pool."""
        return sum(p.savings_usd for p in self.pools)

    @property
    def total_consolidated_usd(self) -> float:
        """The routed total with shared pools instead of separate ones."""
        return self.total_monthly_usd - self.consolidation_savings_usd

    @property
    def recommended(self) -> int:
        """How many workloads got a recommendation."""
        return sum(1 for r in self.routes if r.model is not None)


def where(candidate: Candidate) -> str:
    """Provider name for an API, `replicas x GPUs x GPU` for self-hosting."""
    hw = candidate.hardware
    if hw is not None:
        return f"{hw.replicas} x {hw.gpus_per_replica} x {hw.gpu_name}"
    return candidate.providers[0].provider_name if candidate.providers else "no provider priced"


def _route(item: WorkloadAdvice) -> Route:
    advice, primary = item.advice, item.advice.primary
    return Route(
        workload=item.name,
        mode=advice.deployment,
        model=primary.model if primary else None,
        model_name=primary.name if primary else None,
        where=where(primary) if primary else None,
        monthly_tokens=advice.answers.monthly_tokens,
        monthly_cost_usd=primary.monthly_cost_usd if primary else None,
    )


def _top(
    mode: DeploymentMode, answers: Answers, catalog: Catalog, today: dt.date
) -> Candidate | None:
    ranked = candidates(mode, answers, catalog, apply_filters(answers, catalog, today), limit=1)
    return ranked[0] if ranked else None


def _cost_map(portfolio_rows: tuple[Route, ...]) -> dict[str, float]:
    return {
        r.workload: r.monthly_cost_usd
        for r in portfolio_rows
        if r.monthly_cost_usd is not None
    }


def _baseline(
    kind: Literal["closed_frontier", "self_hosted"],
    description: str,
    model: str | None,
    rows: list[BaselineRow],
    routed: dict[str, float],
) -> Baseline:
    covered = tuple(
        r.workload for r in rows if r.monthly_cost_usd is not None and r.workload in routed
    )
    return Baseline(
        kind=kind,
        description=description,
        model=model,
        rows=tuple(rows),
        covered=covered,
        total_usd=sum(r.monthly_cost_usd or 0.0 for r in rows if r.workload in covered),
        portfolio_usd=sum(routed[w] for w in covered),
    )


def _vpc_note(answers: Answers) -> str | None:
    return "ignores data_must_stay_in_vpc" if answers.data_must_stay_in_vpc else None


def closed_baseline(
    items: tuple[WorkloadAdvice, ...], catalog: Catalog, routed: dict[str, float],
    today: dt.date,
) -> Baseline:
    """Everything on the closed frontier model the workloads' answers pick most often.

    A workload that model cannot serve (a hard filter removes it, e.g. realtime voice) is
    costed on its own top closed pick, and the row says so.
    """
    tops = {i.name: _top(CLOSED, i.advice.answers, catalog, today) for i in items}
    counts = Counter(c.model for c in tops.values() if c is not None)
    if not counts:
        rows = [BaselineRow(i.name, None, None, None, "no closed model survives") for i in items]
        return _baseline("closed_frontier", "no closed frontier model survives any workload's "
                         "constraints", None, rows, routed)
    order = {c.model: n for n, c in enumerate(c for c in tops.values() if c is not None)}
    chosen = max(counts, key=lambda m: (counts[m], -order[m]))
    rows = []
    for item in items:
        answers = item.advice.answers
        own = tops[item.name]
        note = _vpc_note(answers)
        screen = apply_filters(answers, catalog, today)
        prices = provider_costs(
            screen.prices.get(chosen, ()), answers.monthly_tokens, answers.input_share, catalog
        )
        if (
            own is not None and own.model != chosen
            and (not screen.allows(chosen, CLOSED) or not prices)
        ):
            extra = f"{chosen} is excluded here: costed on its own top closed pick"
            note = f"{note}; {extra}" if note else extra
            rows.append(
                BaselineRow(item.name, own.model, where(own), own.monthly_cost_usd, note)
            )
            continue
        if own is None:
            rows.append(BaselineRow(item.name, None, None, None, "no closed model survives"))
            continue
        rows.append(BaselineRow(
            item.name, chosen, prices[0].provider_name if prices else None,
            prices[0].monthly_cost_usd if prices else None, note,
        ))
    description = (
        f"everything on {chosen}, the closed frontier model the workloads' answers pick most "
        f"often ({counts[chosen]} of {len(items)}), at its cheapest provider"
    )
    return _baseline("closed_frontier", description, chosen, rows, routed)


def self_hosted_baseline(
    items: tuple[WorkloadAdvice, ...], catalog: Catalog, routed: dict[str, float],
    today: dt.date,
) -> Baseline:
    """Everything self-hosted: each workload's top self-hostable pick, sized for its volume."""
    rows = []
    for item in items:
        own = _top(SELF, item.advice.answers, catalog, today)
        if own is None:
            rows.append(BaselineRow(item.name, None, None, None, "no self-hostable model survives"))
        else:
            rows.append(BaselineRow(item.name, own.model, where(own), own.monthly_cost_usd, None))
    description = (
        "everything self-hosted: each workload's top self-hostable pick on its own GPU pool, "
        "sized for its volume, each with the policy's ops overhead"
    )
    return _baseline("self_hosted", description, None, rows, routed)


def _pool_rates(members: list[Advice], catalog: Catalog) -> Rates:
    """How a shared pool pays: as its members do when they agree, else on demand.

    It is sized for the spikiest member's peak.
    """
    base = rates_for(members[0].answers, catalog)
    pricings = {a.answers.gpu_pricing for a in members}
    pricing = base.pricing if len(pricings) == 1 else GpuPricing.ON_DEMAND
    return Rates(pricing, base.tiers, max(a.answers.peak_to_mean for a in members),
                 base.peak_utilization, base.hours_per_month, base.operations)


def consolidate(items: tuple[WorkloadAdvice, ...], catalog: Catalog) -> tuple[Pool, ...]:
    """Pools for every self-hosted model that two or more workloads share."""
    groups: dict[str, list[Advice]] = {}
    for item in items:
        advice = item.advice
        if advice.deployment is SELF and advice.primary is not None:
            groups.setdefault(advice.primary.model, []).append(advice)
    pools = []
    for model_id, members in groups.items():
        if len(members) < 2:
            continue
        tokens = sum(a.answers.monthly_tokens for a in members)
        share = sum(a.answers.monthly_tokens * a.answers.input_share for a in members) / tokens
        contexts = [
            a.primary.hardware.context_tokens for a in members if a.primary and a.primary.hardware
        ]
        latency: Latency = (
            "interactive" if any(a.answers.latency == "interactive" for a in members) else "batch"
        )
        request = request_for(share, max(contexts, default=0) or None, catalog.policy.sizing,
                              latency=latency)
        shared = size_self_hosted(
            catalog.models_by_id[model_id], tokens, catalog, request, _pool_rates(members, catalog)
        )
        if shared is None:
            continue
        pools.append(Pool(
            model=model_id,
            model_name=catalog.models_by_id[model_id].name,
            workloads=tuple(a.answers.workload for a in members),
            monthly_tokens=tokens,
            shared=shared,
            separate_usd=sum(a.primary.monthly_cost_usd or 0.0 for a in members if a.primary),
        ))
    pools.sort(key=lambda p: (-p.savings_usd, p.model))
    return tuple(pools)


def evaluate(
    parsed: ParsedPortfolio,
    catalog: Catalog,
    *,
    today: dt.date,
    sensitivity: bool = True,
) -> Portfolio:
    """Advise every valid workload, then route, cost, compare and consolidate.

    With `sensitivity`, each advice also says what would change it (a few dozen more engine
    runs per workload).
    """
    items = tuple(
        WorkloadAdvice(w.name, w.line, decide(w.resolved, catalog, today, sensitivity=sensitivity))
        for w in parsed.workloads
    )
    routes = tuple(_route(i) for i in items)
    routed = _cost_map(routes)
    return Portfolio(
        file=parsed.file,
        catalog_version=catalog.meta.version,
        catalog_as_of=catalog.meta.as_of,
        workloads=items,
        errors=parsed.errors,
        routes=routes,
        total_monthly_usd=sum(routed.values()),
        closed_baseline=closed_baseline(items, catalog, routed, today),
        self_hosted_baseline=self_hosted_baseline(items, catalog, routed, today),
        pools=consolidate(items, catalog),
        timeline=estate_timeline([(i.name, i.advice) for i in items]),
    )
