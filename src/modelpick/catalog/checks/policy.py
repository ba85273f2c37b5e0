"""`policy-modes`: every pick can be deployed the way its mode says."""

from __future__ import annotations

from collections.abc import Iterable

from modelpick.catalog import schema as s
from modelpick.catalog.checks.context import POLICY, CheckContext, pick_lists
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
