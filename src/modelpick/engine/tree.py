"""The decision tree: five questions, always in this order, choose the deployment mode.

| node | question                      | yes                                   | no     |
|------|-------------------------------|---------------------------------------|--------|
| 1    | data_must_stay_in_vpc         | self-hosted open weights (final)      | go on  |
| 2    | frontier_required             | closed frontier API                   | go on  |
| 3    | cost_dominant                 | hosted open-weight API                | go on  |
| 4    | license_must_be_permissive    | filter non-permissive, go on          | go on  |
| 5    | has_inference_ops             | self-host above the crossover, else hosted | hosted |

Hard filters then remove models whatever the mode; the catalog's policy ranks what is left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from modelpick.catalog.loader import Catalog
from modelpick.catalog.schema import Availability, DeploymentMode, Model, Task, Weights
from modelpick.engine.answers import Answers, ResolvedAnswers
from modelpick.engine.costs import crossover, provider_costs, size_self_hosted
from modelpick.engine.filters import apply_filters, license_clauses
from modelpick.engine.result import Advice, Candidate, Crossover, Fallback, Step

SELF = DeploymentMode.SELF_HOSTED
HOSTED = DeploymentMode.HOSTED_OPEN
CLOSED = DeploymentMode.CLOSED_API

MODE_LABELS = {
    SELF: "self-hosted open weights",
    HOSTED: "hosted open-weight API",
    CLOSED: "closed frontier API",
}
MAX_ALTERNATIVES = 3


@dataclass(frozen=True)
class _Walk:
    mode: DeploymentMode
    path: tuple[Step, ...]
    locked: bool
    """Node 1 said yes: never leave self-hosting."""
    crossover: Crossover | None


def in_mode(model: Model, mode: DeploymentMode, catalog: Catalog) -> bool:
    """Whether a model can run in a mode at all (weights, release, footprint, price)."""
    if mode is CLOSED:
        return model.weights is Weights.CLOSED and model.id in catalog.prices_by_model
    if model.weights is not Weights.OPEN:
        return False
    if mode is HOSTED:
        return model.id in catalog.prices_by_model
    return (
        model.availability is Availability.RELEASED and model.id in catalog.footprints_by_model
    )


def ranking(
    mode: DeploymentMode, answers: Answers, catalog: Catalog
) -> Iterator[tuple[str, str]]:
    """(model id, policy list it came from) in the policy's order for this mode and task."""
    policy = catalog.policy
    tables = []
    if answers.cost_dominant:
        tables.append(("picks_cost_dominant", policy.picks_cost_dominant.get(mode, {})))
    tables.append(("picks", policy.picks.get(mode, {})))
    seen: set[str] = set()
    for table_name, table in tables:
        for key in (answers.task, "default"):
            for model_id in table.get(key, []):
                if model_id not in seen:
                    seen.add(model_id)
                    yield model_id, f"{table_name}.{mode.value}.{key}"
    # Anything the policy does not rank comes after, in a stable order.
    for model_id in catalog.sorted_model_ids:
        if model_id not in seen:
            yield model_id, "unranked"


def candidates(
    mode: DeploymentMode,
    answers: Answers,
    catalog: Catalog,
    survivors: set[str],
    limit: int | None = None,
) -> list[Candidate]:
    """Surviving models for a mode, ranked by policy and costed for the workload.

    With `limit`, stops after that many: only the first few are ever shown, and costing a
    self-hosted candidate means sizing it.
    """
    out: list[Candidate] = []
    for model_id, source in ranking(mode, answers, catalog):
        if limit is not None and len(out) >= limit:
            break
        model = catalog.models_by_id.get(model_id)
        if model is None or model_id not in survivors or not in_mode(model, mode, catalog):
            continue
        hardware = None
        providers: tuple = ()  # type: ignore[type-arg]
        if mode is SELF:
            hardware = size_self_hosted(model, answers.monthly_tokens, catalog)
            if hardware is None:
                continue
            cost: float | None = hardware.monthly_cost_usd
        else:
            providers = provider_costs(
                model_id, answers.monthly_tokens, answers.input_share, catalog
            )
            cost = providers[0].monthly_cost_usd if providers else None
        out.append(
            Candidate(
                model=model.id,
                name=model.name,
                vendor=model.vendor,
                origin=model.origin,
                license=model.license,
                mode=mode,
                rank_source=source,
                providers=providers,
                hardware=hardware,
                monthly_cost_usd=cost,
            )
        )
    return out


def _node5(
    answers: Answers, catalog: Catalog, survivors: set[str]
) -> tuple[DeploymentMode, str, Crossover | None]:
    if not answers.has_inference_ops:
        return HOSTED, "no inference-ops capacity: hosted open-weight API", None
    self_picks = candidates(SELF, answers, catalog, survivors, limit=1)
    if not self_picks:
        return HOSTED, "no self-hostable candidate survives the filters: hosted API", None
    pick = self_picks[0]
    assert pick.hardware is not None
    hosted_model = pick.model
    hosted_prices = provider_costs(pick.model, answers.monthly_tokens, answers.input_share, catalog)
    if not hosted_prices:
        hosted_picks = candidates(HOSTED, answers, catalog, survivors, limit=1)
        if not hosted_picks:
            return SELF, f"no hosted price to compare with: self-host {pick.model}", None
        hosted_model, hosted_prices = hosted_picks[0].model, hosted_picks[0].providers
    cross = crossover(
        pick.model, pick.hardware, hosted_model, hosted_prices[0], answers.monthly_tokens
    )
    volume = answers.monthly_tokens
    if cross.volume_tokens_per_month is None:
        return (
            HOSTED,
            f"self-hosting {pick.model} never beats {hosted_model} at "
            f"${hosted_prices[0].blended_per_mtok:,.3f}/M tokens with these figures: hosted",
            cross,
        )
    if volume > cross.volume_tokens_per_month:
        return (
            SELF,
            f"{volume:,} tokens/month is above the crossover of "
            f"{cross.volume_tokens_per_month:,.0f}: self-host {pick.model}",
            cross,
        )
    return (
        HOSTED,
        f"{volume:,} tokens/month is below the crossover of "
        f"{cross.volume_tokens_per_month:,.0f}: hosted open-weight API",
        cross,
    )


def walk(answers: Answers, catalog: Catalog, survivors: set[str]) -> _Walk:
    """Walk the five nodes in order; return the mode they choose and the path taken."""
    a = answers
    # Nodes 1-3: the first yes chooses the mode and ends the walk.
    early = (
        ("data_must_stay_in_vpc", SELF, "self-hosted open weights (final)",
         "data may leave the network: go on"),
        ("frontier_required", CLOSED, "closed frontier API", "not at the frontier: go on"),
        ("cost_dominant", HOSTED, "hosted open-weight API", "cost is not dominant: go on"),
    )
    path: list[Step] = []
    for node, mode, chosen, go_on in early:
        if getattr(a, node):
            path.append(Step(node, True, chosen))
            if a.license_must_be_permissive:  # node 4 still filters every candidate
                path.append(_license_step(True))
            return _Walk(mode, tuple(path), locked=mode is SELF, crossover=None)
        path.append(Step(node, False, go_on))
    path.append(_license_step(a.license_must_be_permissive))
    mode, effect, cross = _node5(a, catalog, survivors)
    path.append(Step("has_inference_ops", a.has_inference_ops, effect))
    return _Walk(mode, tuple(path), locked=False, crossover=cross)


def _license_step(answer: bool) -> Step:
    if answer:
        return Step(
            "license_must_be_permissive",
            True,
            "filter: open-weight models without a permissive license are dropped",
        )
    return Step("license_must_be_permissive", False, "any license legal accepts: go on")


def fallback_order(walked: _Walk, answers: Answers) -> list[DeploymentMode]:
    """Nearest modes the answers allow, in order, when the chosen mode has no survivor."""
    if walked.locked:
        return []
    ops = answers.has_inference_ops
    order = {
        CLOSED: [HOSTED, SELF] if ops else [HOSTED],
        HOSTED: [SELF, CLOSED] if ops else [CLOSED],
        SELF: [HOSTED, CLOSED],
    }[walked.mode]
    return order


def _no_survivor_reason(mode: DeploymentMode, answers: Answers, catalog: Catalog) -> str:
    task = answers.task
    capable = [
        m for m in catalog.models if task in m.tasks and in_mode(m, mode, catalog)
    ]
    if not capable:
        return f"no model in the catalog can do '{task.value}' as {MODE_LABELS[mode]}"
    return (
        f"every {MODE_LABELS[mode]} candidate for '{task.value}' was excluded by a hard filter"
    )


def _warnings(
    primary: Candidate | None,
    answers: Answers,
    catalog: Catalog,
    today: dt.date,
) -> list[str]:
    out = []
    policy = catalog.policy
    if answers.data_must_stay_in_vpc and not answers.has_inference_ops:
        managed = sorted(p.name for p in catalog.providers if p.managed_private_deployment)
        hint = (
            f"; managed private deployments in the catalog: {', '.join(managed)} "
            "(check that they meet your network boundary)"
            if managed
            else ""
        )
        out.append(
            "self-hosting is forced by data_must_stay_in_vpc, but has_inference_ops is false: "
            f"someone must run and be on call for GPU inference{hint}"
        )
    if primary is not None:
        model = catalog.models_by_id[primary.model]
        if model.origin in policy.chinese_origin_countries and model.origin not in set(
            answers.excluded_origins
        ):
            out.append(
                f"{model.name} is of Chinese origin ({model.vendor}); some procurement rules "
                f"forbid such models: add {model.origin} to excluded_origins if yours do"
            )
        lic = catalog.licenses_by_id[model.license]
        clauses = license_clauses(lic.id, catalog)
        if clauses and model.weights is Weights.OPEN:
            out.append(f"{lic.name} ({lic.id}) has clauses legal should read: {clauses}")
            if lic.restrictions.mau_threshold and answers.monthly_active_users is None:
                out.append(
                    f"monthly_active_users was not given; {lic.id} needs a separate license "
                    f"above {lic.restrictions.mau_threshold:,}"
                )
            if lic.restrictions.geography and answers.deployment_region is None:
                out.append(
                    f"deployment_region was not given; {lic.id} has a geography clause"
                )
        if model.weights is Weights.CLOSED:
            out.append(f"{model.name} is used under {lic.name}, not an open license")
        if model.parameters.estimate and primary.hardware is None:
            out.append(f"{model.name}'s parameter counts are estimates")
        if primary.hardware is not None:
            for figure in primary.hardware.estimates:
                out.append(f"estimate: {figure}")
        if any(p.estimate for p in primary.providers[:1]):
            out.append(f"the price at {primary.providers[0].provider_name} is an estimate")
    age = (today - catalog.meta.as_of).days
    if age > policy.staleness_days:
        out.append(
            f"the catalog is {age} days old (as of {catalog.meta.as_of}); its staleness limit "
            f"is {policy.staleness_days} days: prices and rankings may have moved"
        )
    return out


def _sources(primary: Candidate | None, catalog: Catalog) -> tuple[str, ...]:
    ids: list[str] = list(catalog.policy.sources)
    if primary is not None:
        model = catalog.models_by_id[primary.model]
        ids += model.sources
        ids += catalog.licenses_by_id[model.license].sources
        for provider in primary.providers:
            ids += provider.sources
        if primary.hardware is not None:
            ids += primary.hardware.sources
    return tuple(dict.fromkeys(ids))


def advise(resolved: ResolvedAnswers, catalog: Catalog, *, today: dt.date) -> Advice:
    """Answers plus catalog in, a recommendation out. Pure: no I/O, no printing."""
    answers = resolved.answers
    survivors, excluded = apply_filters(answers, catalog)
    walked = walk(answers, catalog, survivors)
    mode: DeploymentMode | None = walked.mode
    shown = 1 + MAX_ALTERNATIVES
    ranked = candidates(walked.mode, answers, catalog, survivors, limit=shown)
    fallback = None
    if not ranked:
        reason = _no_survivor_reason(walked.mode, answers, catalog)
        mode = None
        for nearer in fallback_order(walked, answers):
            ranked = candidates(nearer, answers, catalog, survivors, limit=shown)
            if ranked:
                fallback = Fallback(walked.mode, nearer, reason)
                mode = nearer
                break
    primary = ranked[0] if ranked else None
    return Advice(
        catalog_version=catalog.meta.version,
        catalog_as_of=catalog.meta.as_of,
        answers=answers,
        assumed=resolved.assumed,
        deployment=mode,
        tree_mode=walked.mode,
        primary=primary,
        alternatives=tuple(ranked[1 : 1 + MAX_ALTERNATIVES]),
        path=walked.path,
        excluded=tuple(excluded),
        fallback=fallback,
        warnings=tuple(_warnings(primary, answers, catalog, today)),
        crossover=walked.crossover,
        sources=_sources(primary, catalog),
    )


__all__ = ["MODE_LABELS", "Task", "advise", "candidates", "in_mode", "walk"]
