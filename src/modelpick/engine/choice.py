"""Which of the models the policy rates for a task leads: its rank, right-sizing, or cost.

Every model in a pick list is rated for that task; the list's order is the sources'
preference. Three rules, all from the policy's `right_sizing` and `cost_ordered`:

- cost orders the rated models when cost dominates (node 3), or when the list is one the
  policy marks `cost_ordered` (the sources name no leader for the task);
- otherwise, in the API modes, the best-ranked model leads (the sources' leader for the task);
- when self-hosting, the best-ranked model leads unless, beyond the operations floor every
  option pays, it costs more than `cost_factor` times the cheapest rated one and the saving
  reaches `min_saving_usd_per_month`: then the best-ranked model within those bounds leads
  (a big model's fixed cost dwarfing a small workload);
- unranked models (no list names them) only ever follow the rated ones.
"""

from __future__ import annotations

from collections.abc import Sequence

from modelpick.catalog.loader import Catalog
from modelpick.catalog.schema import DeploymentMode
from modelpick.engine.answers import Answers
from modelpick.engine.result import Candidate, Choice


def _money(value: float) -> str:
    return f"${value:,.0f}"


def list_key(rank_source: str) -> str:
    """`picks.hosted_open_weights_api.code` -> `code` (`unranked` stays itself)."""
    return rank_source.rsplit(".", 1)[-1]


def cost_ordered(
    candidate: Candidate, mode: DeploymentMode, answers: Answers, catalog: Catalog
) -> bool:
    """Whether cost, not rank, orders the list this candidate came from."""
    if answers.cost_dominant:
        return True
    return list_key(candidate.rank_source) in catalog.policy.cost_ordered.get(mode, [])


def choose(
    found: Sequence[Candidate], mode: DeploymentMode, answers: Answers, catalog: Catalog
) -> tuple[list[Candidate], Choice | None]:
    """The candidates with the chosen one first (the rest in policy order), and why."""
    rated = [c for c in found if c.rated and c.monthly_cost_usd is not None]
    if not rated:
        return list(found), (Choice("rank", "no model the policy rates survives: unranked")
                             if found else None)
    first = rated[0]
    cheapest = min(rated, key=lambda c: (c.monthly_cost_usd or 0.0, c.rank))
    policy = catalog.policy.right_sizing
    if cost_ordered(first, mode, answers, catalog):
        ordered = sorted(rated, key=lambda c: (c.monthly_cost_usd or 0.0, c.rank))
        primary = ordered[0]
        why = (
            "cost dominates (node 3)" if answers.cost_dominant
            else f"the sources name no leader for '{answers.task.value}'"
        )
        nxt = ordered[1] if len(ordered) > 1 else None
        reason = f"{why}: the cheapest model the policy rates for it leads at this volume"
        if nxt is not None:
            reason += (
                f" ({primary.name} {_money(primary.monthly_cost_usd or 0.0)} a month, next "
                f"{nxt.name} {_money(nxt.monthly_cost_usd or 0.0)})"
            )
        rest = [c for c in found if c not in ordered]
        return [*ordered, *rest], Choice("cost_ordered", reason)
    if mode is not DeploymentMode.SELF_HOSTED:  # an API's cost grows with use: the leader leads
        ordered = [first, *[c for c in found if c is not first]]
        return ordered, Choice("rank", f"{first.name} is the policy's first pick for "
                               f"'{answers.task.value}' that survives")
    # Every self-hosted option pays the operations floor: compare what differs between them.
    common = catalog.policy.operations.floor_usd_per_month
    low = cheapest.monthly_cost_usd or 0.0

    def own(c: Candidate) -> float:
        return max((c.monthly_cost_usd or 0.0) - common, 0.0)

    primary = next(
        c for c in rated
        if own(c) <= policy.cost_factor * own(cheapest)
        or (c.monthly_cost_usd or 0.0) - low < policy.min_saving_usd_per_month
    )
    ordered = [primary, *[c for c in found if c is not primary]]
    if primary is first:
        return ordered, Choice("rank", f"{first.name} is the policy's first pick for "
                               f"'{answers.task.value}' that survives")
    first_cost = first.monthly_cost_usd or 0.0
    pick_cost = primary.monthly_cost_usd or 0.0
    reason = (
        f"{first.name} ranks higher but would cost {_money(first_cost - pick_cost)} more a "
        f"month ({_money(first_cost)} against {_money(pick_cost)}): beyond the operations "
        f"floor every option pays, it costs over {policy.cost_factor:g}x the cheapest model "
        f"rated for '{answers.task.value}' ({cheapest.name}, {_money(low)}) and at least "
        f"{_money(policy.min_saving_usd_per_month)} more than it, so {primary.name}, the "
        "best-ranked rated model within those bounds, leads"
    )
    return ordered, Choice("right_sized", reason, first.model, first.name, first_cost)
