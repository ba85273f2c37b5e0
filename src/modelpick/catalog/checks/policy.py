"""`policy-modes`: every pick can be deployed as its mode says; `costs`: the money adds up."""

from __future__ import annotations

from collections.abc import Iterable

from modelpick.catalog import schema as s
from modelpick.catalog.checks.context import (
    HARDWARE,
    MODELS,
    POLICY,
    CheckContext,
    pick_lists,
)
from modelpick.catalog.findings import Finding
from modelpick.catalog.parse import Catalog
from modelpick.sizing.memory import sizable

API_MODES = (s.DeploymentMode.HOSTED_OPEN, s.DeploymentMode.CLOSED_API)
OPEN_MODES = (s.DeploymentMode.SELF_HOSTED, s.DeploymentMode.HOSTED_OPEN)


def _empty_picks(policy: s.Policy, ctx: CheckContext) -> Iterable[Finding]:
    """A mode or task with no picks says nothing; leaving the key out says it plainly."""
    tables = (("picks", policy.picks), ("picks_cost_dominant", policy.picks_cost_dominant))
    for section, table in tables:
        for mode, by_task in table.items():
            if not by_task:
                yield ctx.error(
                    POLICY,
                    ["policy", section, mode.value],
                    f"{section}.{mode.value} ranks nothing; name its picks or remove the key",
                )
            for task, ids in by_task.items():
                if not ids:
                    yield ctx.error(
                        POLICY,
                        ["policy", section, mode.value, str(task)],
                        f"{section}.{mode.value}.{task} is an empty list; name its picks or "
                        "remove the key",
                    )


def policy_modes(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """Every pick can actually be deployed the way its mode says."""
    yield from _empty_picks(cat.policy, ctx)
    for section, mode, task, index, model_id in pick_lists(cat.policy):
        model = cat.models_by_id.get(model_id)
        if model is None:
            continue  # `references` reports it
        path = ["policy", section, mode.value, task, index]
        closed = model.weights is s.Weights.CLOSED
        if mode in OPEN_MODES and closed:
            yield ctx.error(
                POLICY, path, f"'{model_id}' has closed weights but is picked for {mode.value}"
            )
        if mode is s.DeploymentMode.CLOSED_API and not closed:
            yield ctx.error(
                POLICY, path, f"'{model_id}' has open weights but is picked for {mode.value}"
            )
        if model.availability is s.Availability.NOT_RELEASED:
            yield ctx.error(
                POLICY, path, f"'{model_id}' is not released and must never be recommended"
            )
        why = sizable(model)
        if mode is s.DeploymentMode.SELF_HOSTED and why is not None and not closed:
            yield ctx.error(
                POLICY, path, f"'{model_id}' is picked for self-hosting but cannot be sized: {why}"
            )
        if mode in API_MODES and model_id not in cat.prices_by_model:
            yield ctx.error(
                POLICY,
                path,
                f"'{model_id}' is picked for {mode.value} but has no price in providers.yaml",
            )
        if task != "default" and task not in model.tasks:
            yield ctx.warning(
                POLICY,
                path,
                f"'{model_id}' is picked for task '{task}' but its tasks do not include it",
            )


def costs(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """The money facts hold together: GPU prices, rationales and cost-ordered lists."""
    for i, gpu in enumerate(cat.gpus):
        seen: dict[tuple[s.GpuPricing, s.PriceTier], int] = {}
        for j, price in enumerate(gpu.prices):
            key = (price.pricing, price.tier)
            path: list[str | int] = ["gpus", i, "prices", j]
            if key in seen:
                yield ctx.warning(
                    HARDWARE, path,
                    f"'{gpu.id}' has a second {price.pricing.value} {price.tier.value} price "
                    f"(first at prices[{seen[key]}]); advice uses the first",
                )
            seen.setdefault(key, j)
            if price.pricing is s.GpuPricing.RESERVED and price.term_months is None:
                yield ctx.error(HARDWARE, path, f"'{gpu.id}': a reserved price states its "
                                "term_months")
        if not any(p.pricing is s.GpuPricing.ON_DEMAND for p in gpu.prices):
            yield ctx.error(HARDWARE, ["gpus", i, "prices"],
                            f"'{gpu.id}' has no on_demand price; advice cannot cost it")
        on_demand = gpu.price(s.GpuPricing.ON_DEMAND, cat.policy.sizing.price_tiers)
        reserved = gpu.price(s.GpuPricing.RESERVED, cat.policy.sizing.price_tiers)
        if on_demand and reserved and reserved.usd_per_hour > on_demand.usd_per_hour:
            yield ctx.warning(
                HARDWARE, ["gpus", i, "prices"],
                f"'{gpu.id}': reserved ${reserved.usd_per_hour:g}/h is above on demand "
                f"${on_demand.usd_per_hour:g}/h",
            )
    for i, model in enumerate(cat.models):
        if model.deprecation_date is not None and model.weights is s.Weights.OPEN:
            yield ctx.warning(
                MODELS, ["models", i, "deprecation_date"],
                f"'{model.id}' has open weights, which do not retire: date the provider "
                "prices that stop instead",
            )
    policy = cat.policy
    for i, why in enumerate(policy.rationales):
        if why.model not in cat.models_by_id:
            yield ctx.error(POLICY, ["policy", "rationales", i, "model"],
                            f"rationale for unknown model '{why.model}'")
    listed = {(m, t) for _, m, t, _, _ in pick_lists(policy)}
    for mode, keys in policy.cost_ordered.items():
        for j, list_key in enumerate(keys):
            if (mode, str(list_key)) not in listed:
                yield ctx.warning(
                    POLICY, ["policy", "cost_ordered", mode.value, j],
                    f"cost_ordered names {mode.value}.{list_key}, which has no pick list",
                )
    for section, mode, task, index, model_id in pick_lists(policy):
        if not any(r.model == model_id and (not r.tasks or task in r.tasks)
                   for r in policy.rationales):
            yield ctx.warning(
                POLICY, ["policy", section, mode.value, task, index],
                f"'{model_id}' is picked for {mode.value}.{task} with no rationale line",
            )
