"""Walking the tree: the declared nodes in order, then the policy's ranking within the mode."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from typing import cast

from modelpick.catalog.loader import Catalog
from modelpick.catalog.schema import DeploymentMode, Model, Rationale, Task, Weights
from modelpick.engine.answers import Answers
from modelpick.engine.choice import choose, list_key
from modelpick.engine.costs import (
    Rates,
    cheapest_monthly_cost,
    provider_costs,
    rates_for,
    self_hosted_cost,
    size_self_hosted,
    workload_request,
)
from modelpick.engine.crossover import crossover
from modelpick.engine.facts import model_facts
from modelpick.engine.providers import Screen
from modelpick.engine.result import (
    Candidate,
    Choice,
    Crossover,
    ModelFacts,
    ProviderCost,
    Step,
)
from modelpick.engine.tree import (
    CLOSED,
    HOSTED,
    SELF,
    TREE,
    Condition,
    Node,
    RankTable,
    ranking_tables,
)
from modelpick.frozen import frozen
from modelpick.sizing.memory import sizable


@frozen
class Walk:
    """The mode the nodes chose, the steps that chose it, and the crossover if one was weighed."""

    mode: DeploymentMode
    path: tuple[Step, ...]
    locked: bool
    """The choice was final: never leave its mode."""
    crossover: Crossover | None


def in_mode(model: Model, mode: DeploymentMode, catalog: Catalog) -> bool:
    """Whether a model can run in a mode at all (weights, release, sizable facts, price)."""
    if mode is CLOSED:
        return model.weights is Weights.CLOSED and model.id in catalog.prices_by_model
    if model.weights is not Weights.OPEN:
        return False
    if mode is HOSTED:
        return model.id in catalog.prices_by_model
    return sizable(model) is None


def _tables(
    mode: DeploymentMode, answers: Answers, catalog: Catalog, nodes: Sequence[Node]
) -> list[tuple[str, RankTable]]:
    """The policy tables a mode ranks from, in order: node 3's when answered yes, then picks."""
    tables: list[tuple[str, RankTable]] = [
        (node.ranks, ranking_tables(node, catalog.policy).get(mode, {}))
        for node in nodes
        if node.ranks is not None and getattr(answers, node.key)
    ]
    tables.append(("picks", catalog.policy.picks.get(mode, {})))
    return tables


def ranked_ids(
    mode: DeploymentMode, answers: Answers, catalog: Catalog, nodes: Sequence[Node] = TREE
) -> Iterator[tuple[str, str]]:
    """`ranking` up to the unranked models: the ids the policy's lists name, once each."""
    seen: set[str] = set()
    for table_name, table in _tables(mode, answers, catalog, nodes):
        for key in (answers.task, "default"):
            for model_id in table.get(key, []):
                if model_id not in seen:
                    seen.add(model_id)
                    yield model_id, f"{table_name}.{mode.value}.{key}"


def ranking(
    mode: DeploymentMode, answers: Answers, catalog: Catalog, nodes: Sequence[Node] = TREE
) -> Iterator[tuple[str, str]]:
    """(model id, policy list it came from) in the policy's order for this mode and task.

    A node that ranks (node 3) puts its policy table first when it is answered yes.
    """
    seen: set[str] = set()
    for model_id, source in ranked_ids(mode, answers, catalog, nodes):
        seen.add(model_id)
        yield model_id, source
    # Anything the policy does not rank comes after, in a stable order.
    for model_id in catalog.sorted_model_ids:
        if model_id not in seen:
            yield model_id, "unranked"


def rated_lists(mode: DeploymentMode, answers: Answers, catalog: Catalog) -> set[str]:
    """The lists whose models are rated for the workload's task, as `ranking` names them.

    In each table, the task's list when it has one, else its `default` list (the policy's own
    lookup): a default-list model that follows a task's list is a fallback, not a peer.
    """
    out = set()
    for name, table in _tables(mode, answers, catalog, TREE):
        key = answers.task.value if table.get(answers.task) else "default"
        out.add(f"{name}.{mode.value}.{key}")
    return out


def _rationale(model_id: str, list_key: str, catalog: Catalog) -> Rationale | None:
    """`rationale`, once per catalog, model and list: every re-run costs the same models."""
    key = ("rationale", model_id, list_key)
    if key not in catalog.memo:
        catalog.memo[key] = rationale(model_id, list_key, catalog)
    return cast("Rationale | None", catalog.memo[key])


def rationale(model_id: str, list_key: str, catalog: Catalog) -> Rationale | None:
    """The policy's line for a model in a list: one naming the list's task first, else any."""
    general = None
    for entry in catalog.policy.rationales:
        if entry.model != model_id:
            continue
        if list_key in entry.tasks:
            return entry
        if not entry.tasks and general is None:
            general = entry
    return general


def _candidate(
    model: Model,
    mode: DeploymentMode,
    source: str,
    rank: int,
    answers: Answers,
    catalog: Catalog,
    screen: Screen,
    rates: Rates,
    rated: bool,
    priced: bool = True,
) -> Candidate | None:
    """A surviving model costed for the mode, or None where it cannot be costed.

    With `priced` false, a candidate carries its monthly cost but no provider list or
    hardware: the outcome-only re-runs read the cost alone.
    """
    hardware = None
    providers: tuple[ProviderCost, ...] = ()
    dropped = screen.dropped.get(model.id, ())
    if mode is SELF:
        request = workload_request(answers, catalog.policy.sizing)
        cost: float | None
        if priced:
            hardware = size_self_hosted(model, answers.monthly_tokens, catalog, request, rates)
            cost = None if hardware is None else hardware.monthly_cost_usd
        else:
            cost = self_hosted_cost(model, answers.monthly_tokens, catalog, request, rates)
        if cost is None:
            return None
        dropped = ()
    else:
        prices = screen.prices.get(model.id, ())
        if not prices:
            return None
        audio = answers.task is Task.REALTIME_VOICE
        if priced:
            providers = provider_costs(
                prices, answers.monthly_tokens, answers.input_share, catalog, audio=audio
            )
            cost = providers[0].monthly_cost_usd
        else:
            cost = cheapest_monthly_cost(
                prices, answers.monthly_tokens, answers.input_share, audio=audio
            )
    why = _rationale(model.id, list_key(source), catalog) if source != "unranked" else None
    return Candidate(
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
        facts=_facts(model, catalog),
        rank=rank,
        rated=rated,
        rationale=why.why if why else None,
        rationale_sources=tuple(why.sources) if why else (),
        rationale_judgement=why.judgement if why else False,
        dropped_providers=dropped,
    )


def _facts(model: Model, catalog: Catalog) -> ModelFacts:
    """`model_facts`, once per catalog and model: every re-run costs the same models again."""
    key = ("model_facts", model.id)
    found = catalog.memo.get(key)
    if found is None:
        found = catalog.memo[key] = model_facts(model, catalog)
    return cast("ModelFacts", found)


def ranked_candidates(
    mode: DeploymentMode,
    answers: Answers,
    catalog: Catalog,
    screen: Screen,
    limit: int | None = None,
) -> tuple[list[Candidate], Choice | None]:
    """Surviving models for a mode, costed for the workload, the chosen one first.

    Every model the policy rates for the task is costed, so that right-sizing can weigh them;
    unranked models only when too few rated ones survive. With `limit`, at most that many.
    """
    ordered, choice = ranked_pool(mode, answers, catalog, screen, limit)
    return (ordered if limit is None else ordered[:limit]), choice


def ranked_pool(
    mode: DeploymentMode,
    answers: Answers,
    catalog: Catalog,
    screen: Screen,
    limit: int | None = None,
    *,
    priced: bool = True,
) -> tuple[list[Candidate], Choice | None]:
    """`ranked_candidates` before the cut: every rated survivor, costed, in order.

    Unranked models join only until `limit` survivors are found (as there). With `priced`
    false, candidates carry their cost alone (`_candidate`): for the outcome alone.
    Each model keeps the rank `ranking` gives it; of the unranked, only the mode's survivors
    are visited (`_unranked`), not every id of the catalog.
    """
    rates = rates_for(answers, catalog)
    rated = rated_lists(mode, answers, catalog)
    out: list[Candidate] = []
    seen: list[str] = []
    for rank, (model_id, source) in enumerate(ranked_ids(mode, answers, catalog)):
        seen.append(model_id)
        model = catalog.models_by_id.get(model_id)
        if model is None or not screen.allows(model_id, mode) or not in_mode(model, mode, catalog):
            continue
        candidate = _candidate(
            model, mode, source, rank, answers, catalog, screen, rates, source in rated, priced
        )
        if candidate is not None:
            out.append(candidate)
    if limit is None or len(out) < limit:
        for model_id, rank in _unranked(mode, catalog, screen, seen):
            candidate = _candidate(
                catalog.models_by_id[model_id], mode, "unranked", rank, answers, catalog,
                screen, rates, "unranked" in rated, priced,
            )
            if candidate is not None:
                out.append(candidate)
                if limit is not None and len(out) >= limit:
                    break
    return choose(out, mode, answers, catalog)


def _unranked(
    mode: DeploymentMode, catalog: Catalog, screen: Screen, seen: Sequence[str]
) -> Iterator[tuple[str, int]]:
    """(model id, rank) of the unranked models the screen allows in a mode they can run in.

    In `ranking`'s order (`sorted_model_ids`, that is by id) and with its ranks: `seen` are
    the ids it yielded first. Few survivors are sorted; many are met in order, as far as the
    caller reads.
    """
    ids = catalog.sorted_model_ids
    models = catalog.models_by_id
    taken = set(seen)
    allowed = screen.survivors.get(mode, frozenset())
    ordered: Iterable[tuple[int, str]]
    if 8 * len(allowed) < len(ids):
        ordered = ((bisect_left(ids, m), m) for m in sorted(allowed - taken))
    else:
        ordered = ((at, m) for at, m in enumerate(ids) if m in allowed and m not in taken)
    before: list[int] | None = None
    for at, model_id in ordered:
        if not in_mode(models[model_id], mode, catalog):
            continue
        if before is None:
            before = sorted(bisect_left(ids, m) for m in taken if m in models)
        yield model_id, len(seen) + at - bisect_left(before, at)


def candidates(
    mode: DeploymentMode,
    answers: Answers,
    catalog: Catalog,
    screen: Screen,
    limit: int | None = None,
) -> list[Candidate]:
    """`ranked_candidates` without the reason for the order."""
    return ranked_candidates(mode, answers, catalog, screen, limit)[0]


def _crossover_test(
    condition: Condition, answers: Answers, catalog: Catalog, screen: Screen
) -> tuple[DeploymentMode, str, Crossover | None]:
    """Self-host (`then`) only where it wins by the policy's margin at its pessimistic cost.

    Self-hosting the top self-hosted pick is weighed against hosting that same model at its
    cheapest eligible provider; a pick no provider hosts is weighed against the hosted pick.
    The pessimistic cost is the cheapest configuration with estimated throughputs divided
    by the catalog's fit band (it may be another GPU than the nominal one).
    """
    own, hosted = condition.then, condition.otherwise
    self_picks = candidates(own, answers, catalog, screen, limit=1)
    if not self_picks:
        return hosted, "no self-hostable candidate survives the filters: hosted API", None
    pick = self_picks[0]
    assert pick.hardware is not None
    hosted_model = pick.model
    hosted_prices: tuple[ProviderCost, ...] = ()
    if screen.allows(pick.model, hosted):
        hosted_prices = provider_costs(
            screen.prices.get(pick.model, ()), answers.monthly_tokens, answers.input_share,
            catalog, audio=answers.task is Task.REALTIME_VOICE,
        )
    note = ""
    if not hosted_prices:
        hosted_picks = candidates(hosted, answers, catalog, screen, limit=1)
        if not hosted_picks:
            return own, f"no hosted price to compare with: self-host {pick.model}", None
        hosted_model, hosted_prices = hosted_picks[0].model, hosted_picks[0].providers
        note = f" ({pick.model} has no eligible hosted price: compared with the hosted pick)"
    rates = rates_for(answers, catalog)
    model = catalog.models_by_id[pick.model]
    worst = size_self_hosted(
        model, answers.monthly_tokens, catalog, workload_request(answers, catalog.policy.sizing),
        rates.pessimistic(catalog.policy.sizing.fit_band.high),
    )
    cross = crossover(
        pick.model, pick.hardware, hosted_model, hosted_prices[0], answers.monthly_tokens,
        catalog, rates, pessimistic=worst, decided=True,
    )
    volume = answers.monthly_tokens
    compare = (
        f"self-hosting {pick.model} costs ${cross.self_hosted_monthly_usd:,.0f}/month "
        f"(${cross.pessimistic_self_hosted_monthly_usd:,.0f} at its pessimistic throughput) "
        f"against ${cross.hosted_monthly_usd:,.0f} for {hosted_model} hosted at {volume:,} "
        f"tokens/month{note}"
    )
    if cross.self_hosting_wins:
        won = f"{compare}: it wins by more than the {cross.margin:.0%} margin: self-host"
        return own, won, cross
    if cross.volume_tokens_per_month is None:
        tail = "no volume makes it cheaper at these prices"
    elif volume > cross.volume_tokens_per_month:
        tail = (
            f"above the crossover of {cross.volume_tokens_per_month:,.0f}, but not by the "
            f"{cross.margin:.0%} margin at its pessimistic estimate"
        )
    else:
        tail = f"below the crossover of {cross.volume_tokens_per_month:,.0f}"
    return hosted, f"{compare}: {tail}: hosted open-weight API", cross


def walk(
    answers: Answers, catalog: Catalog, screen: Screen, nodes: Sequence[Node] = TREE
) -> Walk:
    """Walk the nodes in order: the first outcome that chooses a mode ends the choice.

    Once a mode is chosen, a later node is still on the path when its answer filters (node 4
    = yes applies in every mode).
    """
    path: list[Step] = []
    chosen: tuple[DeploymentMode, bool, Crossover | None] | None = None
    for node in nodes:
        answer = bool(getattr(answers, node.key))
        outcome = node.outcome(answer)
        if chosen is not None:
            if outcome.filter is not None:
                path.append(Step(node.key, answer, outcome.effect))
            continue
        cross = None
        if outcome.condition is not None:
            mode, effect, cross = _crossover_test(outcome.condition, answers, catalog, screen)
        elif outcome.mode is not None:
            mode, effect = outcome.mode, outcome.effect
        else:
            path.append(Step(node.key, answer, outcome.effect))
            continue
        path.append(Step(node.key, answer, effect, mode))
        chosen = (mode, outcome.final, cross)
    if chosen is None:
        raise ValueError("the tree's last node must choose a mode on either answer")
    mode, final, cross = chosen
    return Walk(mode, tuple(path), locked=final, crossover=cross)
