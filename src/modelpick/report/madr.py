"""The MADR prose of the rationale report: the considered options and their pros and cons.

Each point is built from one answer or one fact the Advice carries (never from the catalog),
escaped on the way in (report/escape.py); words for numbers and modes come from words.py.
"""

from __future__ import annotations

from modelpick.engine.result import Advice, Candidate, DeploymentMode, ProviderCost, Step
from modelpick.engine.tree import NODES_BY_KEY
from modelpick.frozen import frozen
from modelpick.report.escape import Md, md, md_code, md_escape
from modelpick.report.flowchart import CLOSED, HOSTED, NODE_NUMBER, SELF
from modelpick.report.words import MODE_LABELS, count, flag, money, per_mtok, tokens, yes_no


@frozen
class Point:
    """One MADR pro or con: `Good`, `Bad` or `Neutral`, because `text`."""

    kind: str
    text: Md
    sources: tuple[str, ...] = ()
    """Catalog source ids the point rests on (a decision record cites them inline)."""


@frozen
class Option:
    """A considered option and its pros and cons."""

    title: Md
    status: str
    points: tuple[Point, ...]



def node_ref(step: Step) -> Md:
    """`node 3 (`cost_dominant` = yes)`."""
    number = NODE_NUMBER[step.node]
    return md("node {} ({} = {})", number, md_code(step.node), yes_no(step.answer))


def step_phrase(step: Step, tree_mode: DeploymentMode) -> Md:
    """How the deciding node chose: a terminal node (5) says why, the others the mode."""
    if NODES_BY_KEY[step.node].terminal:
        return md("{}: {}", node_ref(step), step.effect)
    return md("{} chose the {}", node_ref(step), MODE_LABELS[tree_mode])


def privacy(p: ProviderCost) -> Point:
    """The privacy posture of a provider, Good only with zero data retention."""
    rest = md("SOC 2 {}, HIPAA {}", flag(p.soc2), flag(p.hipaa))
    if p.zero_data_retention:
        return Point("Good", md("{} offers zero data retention ({})", p.provider_name, rest),
                     p.privacy_sources)
    if p.zero_data_retention is False:
        return Point(
            "Bad", md("{} does not offer zero data retention ({})", p.provider_name, rest),
            p.privacy_sources,
        )
    return Point(
        "Bad",
        md("the catalog does not record zero data retention at {} ({})", p.provider_name, rest),
        p.privacy_sources,
    )


def _model_points(
    candidate: Candidate, advice: Advice, cheapest_cost: float | None
) -> list[Point]:
    """Pros and cons of a surviving candidate, each from one catalog fact."""
    facts = candidate.facts
    lic = facts.license
    answers = advice.answers
    points: list[Point] = []
    ms, ls = facts.sources, lic.sources
    if candidate.rank_source == "unranked":
        points.append(Point("Neutral", md("no policy list ranks it for this mode and task")))
    else:
        points.append(
            Point("Good", md("the catalog policy ranks it in {}", md_code(candidate.rank_source)),
                  candidate.rationale_sources)
        )
    points.append(
        Point("Good", md("the catalog lists task {} for it", md_code(answers.task.value)), ms)
    )
    clauses = lic.clauses
    if facts.closed_weights:
        points.append(
            Point("Neutral", md("it is used under {}, not an open license", lic.name), ls)
        )
    elif lic.permissive:
        points.append(
            Point("Good", md("its license {} ({}) is permissive", lic.id, lic.name), ls)
        )
    else:
        detail = clauses or lic.name
        points.append(
            Point("Bad", md("its license {} is not permissive: {}", lic.id, detail), ls)
        )
    if facts.chinese_origin:
        points.append(
            Point(
                "Bad",
                md(
                    "it is of Chinese origin ({}, {}); some procurement rules forbid such models",
                    candidate.origin,
                    candidate.vendor,
                ),
                ms,
            )
        )
    else:
        points.append(
            Point("Neutral", md("origin {} ({})", candidate.origin, candidate.vendor), ms)
        )
    if facts.context_tokens is None:
        points.append(Point("Bad", md("its context window is not published")))
    elif answers.min_context_tokens is not None:
        points.append(
            Point(
                "Good",
                md(
                    "context window {} tokens, at least the {} required",
                    count(facts.context_tokens),
                    count(answers.min_context_tokens),
                ),
                ms,
            )
        )
    else:
        points.append(
            Point("Neutral", md("context window {} tokens", count(facts.context_tokens)), ms)
        )
    if facts.total_params_b is None:
        points.append(Point("Neutral", md("parameter counts are not published")))
    else:
        text = f"{facts.total_params_b:g}B parameters in total"
        if facts.active_params_b is not None:
            text += f", {facts.active_params_b:g}B active"
        if facts.architecture is not None:
            text += f" ({facts.architecture})"
        if facts.params_estimate:
            text += "; these are estimates"
        points.append(Point("Bad" if facts.params_estimate else "Neutral", md_escape(text), ms))
    if candidate.hardware is not None:
        hw = candidate.hardware
        kind = "Good" if cheapest_cost is not None and hw.monthly_cost_usd <= cheapest_cost else (
            "Neutral"
        )
        points.append(
            Point(
                kind,
                md(
                    "self-hosted on {} x {} x {} ({}) for {}/month",
                    hw.replicas,
                    hw.gpus_per_replica,
                    hw.gpu_name,
                    hw.precision,
                    money(hw.monthly_cost_usd),
                ),
                hw.sources,
            )
        )
    elif candidate.providers:
        p = candidate.providers[0]
        kind = (
            "Good"
            if cheapest_cost is not None and p.monthly_cost_usd <= cheapest_cost
            else "Neutral"
        )
        estimate = " (an estimate)" if p.estimate else ""
        points.append(
            Point(
                kind,
                md(
                    "cheapest provider {} charges {} in and {} out per million tokens{}: {}/month",
                    p.provider_name,
                    per_mtok(p.input_per_mtok),
                    per_mtok(p.output_per_mtok),
                    estimate,
                    money(p.monthly_cost_usd),
                ),
                p.sources,
            )
        )
        points.append(privacy(p))
    else:
        points.append(Point("Bad", md("no provider price in the catalog")))
    return points


_MODE_ARGUMENTS: dict[DeploymentMode, tuple[tuple[str, bool, str, str], ...]] = {
    # (answer key, the answer that favours the mode, text when it does, text when it does not)
    SELF: (
        (
            "data_must_stay_in_vpc",
            True,
            "data must stay inside the network boundary, and node 1 then allows only this mode",
            "data may leave the network, so node 1 does not require this mode",
        ),
        (
            "has_inference_ops",
            True,
            "a team runs GPU services and can be on call, which self-hosting needs",
            "no team runs GPU services or can be on call, which self-hosting needs",
        ),
    ),
    CLOSED: (
        (
            "frontier_required",
            True,
            "the workload is at the frontier, and node 2 then chooses this mode",
            "the workload is not at the frontier, so node 2 does not choose this mode",
        ),
        (
            "data_must_stay_in_vpc",
            False,
            "data may leave the network, as a vendor's API requires",
            "data must stay inside the network boundary, which rules a vendor's API out",
        ),
    ),
    HOSTED: (
        (
            "cost_dominant",
            True,
            "per-token cost dominates, and node 3 then chooses this mode",
            "per-token cost does not dominate, so node 3 does not choose this mode",
        ),
        (
            "data_must_stay_in_vpc",
            False,
            "data may leave the network, as a hosted API requires",
            "data must stay inside the network boundary, which rules a hosted API out",
        ),
    ),
}


def _mode_points(mode: DeploymentMode, advice: Advice) -> tuple[str, list[Point]]:
    """A deployment mode's status and the answers that argue for or against it."""
    a = advice.answers
    points: list[Point] = []
    for key, favours, good, bad in _MODE_ARGUMENTS[mode]:
        answer = getattr(a, key)
        assumed = ", assumed" if key in advice.assumed else ""
        points.append(
            Point(
                "Good" if answer == favours else "Bad",
                md("{} ({} = {}{})", good if answer == favours else bad, md_code(key),
                   yes_no(answer), assumed),
            )
        )
    if mode is SELF and advice.crossover is not None:
        c = advice.crossover
        points.append(
            Point(
                "Good" if c.self_hosted_monthly_usd < c.hosted_monthly_usd else "Bad",
                md(
                    "at {} tokens a month self-hosting {} costs {} against {} hosted",
                    tokens(a.monthly_tokens),
                    md_code(c.self_hosted_model),
                    money(c.self_hosted_monthly_usd),
                    money(c.hosted_monthly_usd),
                ),
            )
        )
    if advice.deployment is mode and advice.fallback is not None:
        status = "chosen by fallback"
    elif advice.deployment is mode:
        status = "chosen"
    elif advice.tree_mode is mode:
        status = "chosen by the tree, but no candidate survives"
    else:
        status = "not chosen"
    return status, points


def options(advice: Advice) -> tuple[list[Option], list[Option]]:
    """The considered options: the three deployment modes, then the models (kept or not)."""
    modes = []
    for mode in (SELF, HOSTED, CLOSED):
        status, points = _mode_points(mode, advice)
        modes.append(Option(md("{} (deployment mode)", MODE_LABELS[mode]), status,
                            tuple(points)))
    models = []
    survivors = [c for c in (advice.primary, *advice.alternatives) if c is not None]
    costs = [c.monthly_cost_usd for c in survivors if c.monthly_cost_usd is not None]
    cheapest = min(costs) if costs else None
    for i, candidate in enumerate(survivors):
        status = "chosen" if i == 0 else "alternative"
        models.append(
            Option(
                md("{} ({}) as {}", candidate.name, md_code(candidate.model),
                   MODE_LABELS[candidate.mode]),
                status,
                tuple(_model_points(candidate, advice, cheapest)),
            )
        )
    by_model: dict[str, list[Point]] = {}
    names: dict[str, str] = {}
    kept = {c.model for c in survivors}
    for exclusion in advice.excluded:
        if exclusion.model in kept:  # excluded in another mode only: not an excluded option
            continue
        names.setdefault(exclusion.model, exclusion.model_name or exclusion.model)
        by_model.setdefault(exclusion.model, []).append(
            Point("Bad", md("{}: {}{}", md_code(exclusion.rule), exclusion.scope,
                            exclusion.reason))
        )
    for model_id, points in by_model.items():
        models.append(
            Option(md("{} ({})", names[model_id], md_code(model_id)), "excluded", tuple(points))
        )
    return modes, models


