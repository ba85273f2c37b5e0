"""Walking the tree: the declared nodes in order, then the policy's ranking within the mode."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from modelpick.catalog.loader import Catalog
from modelpick.catalog.schema import DeploymentMode, Model, Weights
from modelpick.engine.answers import Answers
from modelpick.engine.costs import (
    crossover,
    provider_costs,
    size_self_hosted,
    workload_request,
)
from modelpick.engine.facts import model_facts
from modelpick.engine.result import Candidate, Crossover, ProviderCost, Step
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
from modelpick.sizing.memory import sizable


@dataclass(frozen=True)
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


def ranking(
    mode: DeploymentMode, answers: Answers, catalog: Catalog, nodes: Sequence[Node] = TREE
) -> Iterator[tuple[str, str]]:
    """(model id, policy list it came from) in the policy's order for this mode and task.

    A node that ranks (node 3) puts its policy table first when it is answered yes.
    """
    tables: list[tuple[str, RankTable]] = [
        (node.ranks, ranking_tables(node, catalog.policy).get(mode, {}))
        for node in nodes
        if node.ranks is not None and getattr(answers, node.key)
    ]
    tables.append(("picks", catalog.policy.picks.get(mode, {})))
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
        providers: tuple[ProviderCost, ...] = ()
        if mode is SELF:
            request = workload_request(
                answers.input_share, answers.min_context_tokens, catalog.policy.sizing
            )
            hardware = size_self_hosted(model, answers.monthly_tokens, catalog, request)
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
                facts=model_facts(model, catalog),
            )
        )
    return out


def _crossover_test(
    condition: Condition, answers: Answers, catalog: Catalog, survivors: set[str]
) -> tuple[DeploymentMode, str, Crossover | None]:
    """Self-host (`then`) only above the volume where the top self-hosted pick gets cheaper."""
    own, hosted = condition.then, condition.otherwise
    self_picks = candidates(own, answers, catalog, survivors, limit=1)
    if not self_picks:
        return hosted, "no self-hostable candidate survives the filters: hosted API", None
    pick = self_picks[0]
    assert pick.hardware is not None
    hosted_model = pick.model
    hosted_prices = provider_costs(pick.model, answers.monthly_tokens, answers.input_share, catalog)
    if not hosted_prices:
        hosted_picks = candidates(hosted, answers, catalog, survivors, limit=1)
        if not hosted_picks:
            return own, f"no hosted price to compare with: self-host {pick.model}", None
        hosted_model, hosted_prices = hosted_picks[0].model, hosted_picks[0].providers
    cross = crossover(
        pick.model, pick.hardware, hosted_model, hosted_prices[0], answers.monthly_tokens
    )
    volume = answers.monthly_tokens
    if cross.volume_tokens_per_month is None:
        return (
            hosted,
            f"self-hosting {pick.model} never beats {hosted_model} at "
            f"${hosted_prices[0].blended_per_mtok:,.3f}/M tokens with these figures: hosted",
            cross,
        )
    if volume > cross.volume_tokens_per_month:
        return (
            own,
            f"{volume:,} tokens/month is above the crossover of "
            f"{cross.volume_tokens_per_month:,.0f}: self-host {pick.model}",
            cross,
        )
    return (
        hosted,
        f"{volume:,} tokens/month is below the crossover of "
        f"{cross.volume_tokens_per_month:,.0f}: hosted open-weight API",
        cross,
    )


def walk(
    answers: Answers, catalog: Catalog, survivors: set[str], nodes: Sequence[Node] = TREE
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
            mode, effect, cross = _crossover_test(outcome.condition, answers, catalog, survivors)
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
