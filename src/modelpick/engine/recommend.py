"""One run of the engine: filters, the walk, the ranking and the costs, without sensitivity.

`decide` is the entry point; sensitivity re-runs this to see what would change the advice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import cast

from modelpick.catalog.loader import Catalog
from modelpick.catalog.schema import DeploymentMode, Task, Weights
from modelpick.engine.answers import Answers, ResolvedAnswers
from modelpick.engine.costs import provider_costs, rates_for, size_self_hosted, workload_request
from modelpick.engine.crossover import crossover
from modelpick.engine.facts import catalog_facts, source_rows
from modelpick.engine.failover import plan_failover
from modelpick.engine.filters import apply_filters, geography_clause, license_clauses
from modelpick.engine.providers import Screen
from modelpick.engine.result import Advice, Candidate, Choice, Crossover, Fallback, Outcome
from modelpick.engine.tree import CLOSED, MODE_LABELS, SELF, fallback_order, skipped
from modelpick.engine.walk import Walk, in_mode, ranked_pool, walk
from modelpick.frozen import frozen

MAX_ALTERNATIVES = 3


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


def _retiring(primary: Candidate, catalog: Catalog, today: dt.date) -> list[str]:
    """A pick, or its cheapest provider, retiring within the policy's warning window."""
    window = catalog.policy.deprecation_warning_days
    model = catalog.models_by_id[primary.model]
    out = []
    if model.deprecation_date is not None and (model.deprecation_date - today).days <= window:
        out.append(
            f"{model.name} is retired on {model.deprecation_date.isoformat()}, in "
            f"{(model.deprecation_date - today).days} days: plan its successor"
        )
    dates = {p.provider: p.deprecation_date for p in catalog.prices_by_model.get(model.id, [])}
    soon = [
        (date, provider)
        for provider in primary.providers
        if (date := dates.get(provider.provider)) is not None and (date - today).days <= window
    ]
    for date, provider in sorted(soon, key=lambda item: (item[0], item[1].provider)):
        out.append(
            f"{provider.provider_name} stops serving {model.name} on {date.isoformat()}, in "
            f"{(date - today).days} days (deprecation_date in the catalog)"
        )
    return out


def _gap_warning(
    primary: Candidate, alternatives: Sequence[Candidate], catalog: Catalog
) -> list[str]:
    """A pick costing more than warn_factor x the next rated one: name the gap."""
    factor = catalog.policy.right_sizing.warn_factor
    rivals = [c for c in alternatives if c.rated and c.monthly_cost_usd]
    if primary.monthly_cost_usd is None or not rivals:
        return []
    nxt = min(rivals, key=lambda c: (c.monthly_cost_usd or 0.0, c.rank))
    other = nxt.monthly_cost_usd or 0.0
    if primary.monthly_cost_usd <= factor * other:
        return []
    return [
        f"{primary.name} costs {primary.monthly_cost_usd / other:.1f}x {nxt.name} "
        f"(${primary.monthly_cost_usd:,.0f} against ${other:,.0f} a month), more than the "
        f"policy's {factor:g}x: the policy ranks it first for this task; check the gap is worth it"
    ]


def _warnings(
    primary: Candidate | None,
    alternatives: Sequence[Candidate],
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
            attribution = lic.restrictions.attribution
            if attribution is not None and attribution.mau is not None:
                users = answers.monthly_active_users
                if users is None:
                    out.append(
                        f"monthly_active_users was not given; above {attribution.mau:,} "
                        f"{lic.id} requires: {attribution.requirement}"
                    )
                elif users > attribution.mau:
                    out.append(
                        f"{users:,} monthly active users is above {attribution.mau:,}: "
                        f"{lic.id} requires: {attribution.requirement}"
                    )
            if lic.restrictions.geography and answers.deployment_region is None:
                out.append(
                    f"deployment_region was not given; {lic.id} has a geography clause"
                )
        if model.weights is Weights.OPEN and primary.mode is not SELF:
            clause = geography_clause(model, answers, catalog)
            if clause is not None:
                out.append(
                    f"{clause}. The provider, not you, is the licensee of a hosted model; the "
                    "clause excludes self-hosting only: legal should confirm"
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
        if answers.task.value == "realtime_voice" and any(
            p.priced_as == "text" for p in primary.providers[:1]
        ):
            out.append(
                f"{primary.providers[0].provider_name} records no audio-token price for "
                f"{model.name}: costed at text-token prices, which understate speech"
            )
        out += _gap_warning(primary, alternatives, catalog)
    if primary is not None:
        out += _retiring(primary, catalog, today)
    age = (today - catalog.meta.as_of).days
    if age > policy.staleness_days:
        out.append(
            f"the catalog is {age} days old (as of {catalog.meta.as_of}); its staleness limit "
            f"is {policy.staleness_days} days: prices and rankings may have moved"
        )
    return out


def _sources(candidates: Sequence[Candidate], catalog: Catalog) -> tuple[str, ...]:
    """Every source the pick and its alternatives rest on: policy, model, license, prices."""
    policy = catalog.policy
    ids: list[str] = [*policy.sources, *policy.confirmation.sources, *policy.failover.sources]
    for candidate in candidates:
        model = catalog.models_by_id[candidate.model]
        ids += model.sources
        ids += catalog.licenses_by_id[model.license].sources
        ids += candidate.rationale_sources
        for provider in candidate.providers:
            ids += provider.sources
            ids += provider.privacy_sources
        if candidate.hardware is not None:
            ids += candidate.hardware.sources
    return tuple(dict.fromkeys(ids))


def _hosted_provider_name(crossover: Crossover | None, catalog: Catalog) -> str | None:
    if crossover is None or crossover.hosted_provider not in catalog.providers_by_id:
        return None
    return catalog.providers_by_id[crossover.hosted_provider].name


def _primary_crossover(
    primary: Candidate | None, answers: Answers, catalog: Catalog, screen: Screen
) -> Crossover | None:
    """Self-hosting against hosting for the pick itself: what it would take for the other mode.

    Computed when the pick has both a hosted price and a self-hosted sizing.
    """
    if primary is None or primary.mode is CLOSED:
        return None
    model = catalog.models_by_id[primary.model]
    rates = rates_for(answers, catalog)
    hardware = primary.hardware
    if hardware is None:
        request = workload_request(answers, catalog.policy.sizing)
        hardware = size_self_hosted(model, answers.monthly_tokens, catalog, request, rates)
    hosted = primary.providers or provider_costs(
        screen.prices.get(primary.model, ()), answers.monthly_tokens, answers.input_share,
        catalog, audio=answers.task is Task.REALTIME_VOICE,
    )
    if hardware is None or not hosted:
        return None
    return crossover(primary.model, hardware, primary.model, hosted[0],
                     answers.monthly_tokens, catalog, rates)


@frozen
class _Picked:
    """What decides a run: the screen, the walk, the mode and the ranked pool."""

    screen: Screen
    walked: Walk
    mode: DeploymentMode | None
    ranked: list[Candidate]
    choice: Choice | None
    fallback: Fallback | None

    @property
    def outcome(self) -> Outcome:
        return Outcome(self.mode, self.ranked[0].model if self.ranked else None)


def _pick(answers: Answers, catalog: Catalog, today: dt.date, *, priced: bool = True) -> _Picked:
    """The walk and the ranking; `priced` false: candidates carry their cost alone."""
    screen = apply_filters(answers, catalog, today)
    walked = walk(answers, catalog, screen)
    mode: DeploymentMode | None = walked.mode
    shown = 1 + MAX_ALTERNATIVES
    ranked, choice = ranked_pool(
        walked.mode, answers, catalog, screen, limit=shown, priced=priced
    )
    fallback = None
    if not ranked:
        reason = _no_survivor_reason(walked.mode, answers, catalog)
        mode = None
        nearer_modes = (
            [] if walked.locked
            else fallback_order(walked.mode, inference_ops=answers.has_inference_ops)
        )
        for nearer in nearer_modes:
            ranked, choice = ranked_pool(
                nearer, answers, catalog, screen, limit=shown, priced=priced
            )
            if ranked:
                fallback = Fallback(walked.mode, nearer, reason)
                mode = nearer
                break
    return _Picked(screen, walked, mode, ranked, choice, fallback)


OUTCOME_UNREAD: frozenset[str] = frozenset({"workload"})
"""Answers no outcome depends on (the workload's name labels the advice only)."""


def outcome_key(answers: Answers) -> tuple[object, ...]:
    """The answers as a memo key: each value with its type, the name left out."""
    return tuple(
        (name, type(value), tuple(value) if isinstance(value, list) else value)
        for name, value in answers
        if name not in OUTCOME_UNREAD
    )


def recommend_outcome(resolved: ResolvedAnswers, catalog: Catalog, today: dt.date) -> Outcome:
    """`Outcome.of(recommend(...))` without the rest of the Advice.

    Sensitivity and the timeline re-run the engine dozens of times for the outcome alone,
    and a portfolio's workloads try many of the same answers: memoized per catalog and day.
    """
    key = ("outcome", today, outcome_key(resolved.answers))
    found = catalog.memo.get(key)
    if found is None:
        found = catalog.memo[key] = _pick(resolved.answers, catalog, today, priced=False).outcome
    return cast(Outcome, found)


def recommend(
    resolved: ResolvedAnswers, catalog: Catalog, today: dt.date, *, compare: bool = True
) -> Advice:
    """Answers plus catalog in, a recommendation out (no sensitivity). Pure: no I/O.

    `compare=False` leaves out the crossover shown for comparison only (node 5's is kept):
    sensitivity asks for the outcome alone, dozens of times.
    """
    answers = resolved.answers
    picked = _pick(answers, catalog, today)
    screen, walked, ranked = picked.screen, picked.walked, picked.ranked
    primary = ranked[0] if ranked else None
    alternatives = tuple(ranked[1 : 1 + MAX_ALTERNATIVES])  # the pool runs on: failover
    cross = walked.crossover
    if cross is None and compare:
        cross = _primary_crossover(primary, answers, catalog, screen)
    sources = _sources([c for c in (primary, *alternatives) if c is not None], catalog)
    failover = plan_failover(primary, ranked[1:], answers, catalog, cross)
    return Advice(
        catalog=catalog_facts(catalog),
        answers=answers,
        assumed=resolved.assumed,
        deployment=picked.mode,
        tree_mode=walked.mode,
        primary=primary,
        alternatives=alternatives,
        path=walked.path,
        excluded=screen.excluded,
        fallback=picked.fallback,
        warnings=tuple(_warnings(primary, alternatives, answers, catalog, today)),
        crossover=cross,
        sources=sources,
        source_rows=source_rows(sources, catalog),
        hosted_provider_name=_hosted_provider_name(cross, catalog),
        skipped=skipped(dict(answers), catalog.policy),
        choice=picked.choice if primary is not None else None,
        failover=failover,
    )
