"""The rationale report: an Advice in, MADR 4.0-shaped Markdown out. Pure: no printing, no files.

Every sentence the report contains is built here or in the template from an answer, a catalog
fact or a source; the template supplies headings and the frame of each sentence, this module
the facts. Text from outside (the workload, a title, catalog strings) is escaped on the way
out (report/escape.py, shared by every Markdown output): every `{{ value }}` in a template is
escaped unless it is `Md`, which marks fragments this module has already assembled from escaped
parts. A user's own templates (`--template DIR`) run sandboxed and bounded (user_templates.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from modelpick.catalog.loader import Catalog
from modelpick.catalog.schema import DeploymentMode, Weights
from modelpick.engine.answers import ANSWER_KEYS, Answers
from modelpick.engine.filters import license_clauses
from modelpick.engine.result import Advice, Candidate, ProviderCost, Step
from modelpick.engine.tree import MODE_LABELS, NODES_BY_KEY, TREE
from modelpick.report.escape import (
    Md,
    finalize,
    md,
    md_code,
    md_escape,
    mermaid_text,
    one_line,
)
from modelpick.report.fmt import count, money, per_mtok, tokens
from modelpick.report.user_templates import (
    TEMPLATE_NAME,
    render_user_template,
    sandboxed_environment,
)

SELF = DeploymentMode.SELF_HOSTED
HOSTED = DeploymentMode.HOSTED_OPEN
CLOSED = DeploymentMode.CLOSED_API
CI_COMMAND = "modelpick adr check docs/decisions"

# --- the parts of the report ---------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """One MADR pro or con: `Good`, `Bad` or `Neutral`, because `text`."""

    kind: str
    text: Md


@dataclass(frozen=True)
class Option:
    """A considered option and its pros and cons."""

    title: Md
    status: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Edge:
    """One edge of the Mermaid flowchart."""

    source: str
    target: str
    label: str
    dashed: bool = False


@dataclass(frozen=True)
class Flowchart:
    """The decision tree as Mermaid nodes and edges, with the taken path."""

    nodes: tuple[tuple[str, str, str], ...]
    """(id, shape, label): shape is `decision` or `mode`."""
    edges: tuple[Edge, ...]
    taken_nodes: tuple[str, ...]
    taken_edges: tuple[int, ...]
    chosen: str | None

    def lines(self) -> list[str]:
        """The `flowchart TD` source, one statement per line."""
        out = ["flowchart TD"]
        for node_id, shape, label in self.nodes:
            text = mermaid_text(label)
            out.append(f'    {node_id}{{"{text}"}}' if shape == "decision" else
                       f'    {node_id}["{text}"]')
        for edge in self.edges:
            arrow = "-.->" if edge.dashed else "-->"
            out.append(f'    {edge.source} {arrow}|"{mermaid_text(edge.label)}"| {edge.target}')
        out.append("    classDef taken fill:#dbeafe,stroke:#1d4ed8,stroke-width:2px")
        out.append("    classDef chosen fill:#dcfce7,stroke:#15803d,stroke-width:3px")
        path_nodes = [n for n in self.taken_nodes if n != self.chosen]
        if path_nodes:
            out.append(f"    class {','.join(path_nodes)} taken")
        if self.chosen:
            out.append(f"    class {self.chosen} chosen")
        if self.taken_edges:
            indexes = ",".join(str(i) for i in self.taken_edges)
            out.append(f"    linkStyle {indexes} stroke:#1d4ed8,stroke-width:3px")
        return out


MODE_NODE = {SELF: "m_self", HOSTED: "m_hosted", CLOSED: "m_closed"}
NODE_NUMBER = {node.key: number for number, node in enumerate(TREE, start=1)}


@cache
def _tree_edges() -> tuple[tuple[Edge, tuple[str, bool, DeploymentMode | None]], ...]:
    """Every edge of the declared tree, with the step (node, answer, mode chosen) that takes it."""
    out: list[tuple[Edge, tuple[str, bool, DeploymentMode | None]]] = []
    for number, node in enumerate(TREE, start=1):
        source = f"n{number}"
        for answer in (True, False):
            word = _yes_no(answer)
            outcome = node.outcome(answer)
            if outcome.condition is not None:
                for mode, label in zip(outcome.modes, outcome.condition.labels, strict=True):
                    out.append((Edge(source, MODE_NODE[mode], f"{word}: {label}"),
                                (node.key, answer, mode)))
            elif outcome.mode is not None:
                out.append((Edge(source, MODE_NODE[outcome.mode], word),
                            (node.key, answer, outcome.mode)))
            else:
                label = word if outcome.filter is None else f"{word}: {outcome.filter.short}"
                out.append((Edge(source, f"n{number + 1}", label), (node.key, answer, None)))
    return tuple(out)


def _edge_taken(step: Step) -> int:
    """Index in the tree's edges of the edge a step took."""
    for index, (_, taken_by) in enumerate(_tree_edges()):
        if taken_by == (step.node, step.answer, step.mode):
            return index
    raise AssertionError(f"no edge for {step}")


def flowchart(advice: Advice) -> Flowchart:
    """The tree's nodes and three modes, the path this workload took highlighted."""
    nodes = [(f"n{number}", "decision", f"{number}. {node.key}?")
             for number, node in enumerate(TREE, start=1)]
    nodes += [(MODE_NODE[mode], "mode", MODE_LABELS[mode]) for mode in MODE_NODE]
    edges = [edge for edge, _ in _tree_edges()]
    taken_edges: list[int] = []
    taken_nodes: list[str] = []
    for step in advice.path:
        taken_nodes.append(f"n{NODE_NUMBER[step.node]}")
        taken_edges.append(_edge_taken(step))
        if step.mode is not None:
            break  # the tree has chosen; later steps (node 4's filter) are not on the chart
    taken_nodes.append(MODE_NODE[advice.tree_mode])
    if advice.fallback is not None:
        edges.append(
            Edge(
                MODE_NODE[advice.fallback.from_mode],
                MODE_NODE[advice.fallback.to_mode],
                "fallback: no candidate",
                dashed=True,
            )
        )
        taken_edges.append(len(edges) - 1)
        taken_nodes.append(MODE_NODE[advice.fallback.to_mode])
    chosen = MODE_NODE[advice.deployment] if advice.deployment is not None else None
    return Flowchart(
        nodes=tuple(nodes),
        edges=tuple(edges),
        taken_nodes=tuple(dict.fromkeys(taken_nodes)),
        taken_edges=tuple(taken_edges),
        chosen=chosen,
    )


def _answer_text(key: str, answers: Answers) -> str:
    value = getattr(answers, key)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "not given"
    if key == "monthly_tokens":
        return f"{count(value)} ({tokens(value)})"
    if key in ("min_context_tokens", "monthly_active_users"):
        return count(value)
    if key == "input_share":
        return f"{value:.0%}"
    if isinstance(value, list):
        return ", ".join(value) if value else "none"
    return str(getattr(value, "value", value))


def _yes_no(answer: bool) -> str:
    return "yes" if answer else "no"


def _node_ref(step: Step) -> Md:
    number = NODE_NUMBER[step.node]
    return md("node {} ({} = {})", number, md_code(step.node), _yes_no(step.answer))


def _step_phrase(step: Step, tree_mode: DeploymentMode) -> Md:
    """How the deciding node chose: a terminal node (5) says why, the others the mode."""
    if NODES_BY_KEY[step.node].terminal:
        return md("{}: {}", _node_ref(step), step.effect)
    return md("{} chose the {}", _node_ref(step), MODE_LABELS[tree_mode])


def _flag(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "not recorded"}[value]


def _privacy(p: ProviderCost) -> Point:
    """The privacy posture of a provider, Good only with zero data retention."""
    rest = md("SOC 2 {}, HIPAA {}", _flag(p.soc2), _flag(p.hipaa))
    if p.zero_data_retention:
        return Point("Good", md("{} offers zero data retention ({})", p.provider_name, rest))
    if p.zero_data_retention is False:
        return Point(
            "Bad", md("{} does not offer zero data retention ({})", p.provider_name, rest)
        )
    return Point(
        "Bad",
        md("the catalog does not record zero data retention at {} ({})", p.provider_name, rest),
    )


def _model_points(
    candidate: Candidate, advice: Advice, catalog: Catalog, cheapest_cost: float | None
) -> list[Point]:
    """Pros and cons of a surviving candidate, each from one catalog fact."""
    model = catalog.models_by_id[candidate.model]
    lic = catalog.licenses_by_id[model.license]
    answers = advice.answers
    points: list[Point] = []
    if candidate.rank_source == "unranked":
        points.append(Point("Neutral", md("no policy list ranks it for this mode and task")))
    else:
        points.append(
            Point("Good", md("the catalog policy ranks it in {}", md_code(candidate.rank_source)))
        )
    points.append(
        Point("Good", md("the catalog lists task {} for it", md_code(answers.task.value)))
    )
    clauses = license_clauses(lic.id, catalog)
    if model.weights is Weights.CLOSED:
        points.append(Point("Neutral", md("it is used under {}, not an open license", lic.name)))
    elif lic.permissive:
        points.append(Point("Good", md("its license {} ({}) is permissive", lic.id, lic.name)))
    else:
        detail = clauses or lic.name
        points.append(
            Point("Bad", md("its license {} is not permissive: {}", lic.id, detail))
        )
    if model.origin in catalog.policy.chinese_origin_countries:
        points.append(
            Point(
                "Bad",
                md(
                    "it is of Chinese origin ({}, {}); some procurement rules forbid such models",
                    model.origin,
                    model.vendor,
                ),
            )
        )
    else:
        points.append(Point("Neutral", md("origin {} ({})", model.origin, model.vendor)))
    if model.context_tokens is None:
        points.append(Point("Bad", md("its context window is not published")))
    elif answers.min_context_tokens is not None:
        points.append(
            Point(
                "Good",
                md(
                    "context window {} tokens, at least the {} required",
                    count(model.context_tokens),
                    count(answers.min_context_tokens),
                ),
            )
        )
    else:
        points.append(
            Point("Neutral", md("context window {} tokens", count(model.context_tokens)))
        )
    params = model.parameters
    if params.total_b is None:
        points.append(Point("Neutral", md("parameter counts are not published")))
    else:
        text = f"{params.total_b:g}B parameters in total"
        if params.active_b is not None:
            text += f", {params.active_b:g}B active"
        if model.architecture is not None:
            text += f" ({model.architecture.value})"
        if params.estimate:
            text += "; these are estimates"
        points.append(Point("Bad" if params.estimate else "Neutral", md_escape(text)))
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
            )
        )
        points.append(_privacy(p))
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
                   _yes_no(answer), assumed),
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


def _options(advice: Advice, catalog: Catalog) -> tuple[list[Option], list[Option]]:
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
                tuple(_model_points(candidate, advice, catalog, cheapest)),
            )
        )
    by_model: dict[str, list[Point]] = {}
    for exclusion in advice.excluded:
        by_model.setdefault(exclusion.model, []).append(
            Point("Bad", md("{}: {}", md_code(exclusion.rule), exclusion.reason))
        )
    for model_id, points in by_model.items():
        model = catalog.models_by_id.get(model_id)
        name = model.name if model else model_id
        models.append(Option(md("{} ({})", name, md_code(model_id)), "excluded", tuple(points)))
    return modes, models


def _because(advice: Advice) -> Md:
    primary = advice.primary
    assert primary is not None
    parts: list[Md] = []
    step = advice.deciding_step
    if step is not None:
        parts.append(_step_phrase(step, advice.tree_mode))
    if advice.fallback is not None:
        f = advice.fallback
        parts.append(
            md(
                "the {} had no candidate ({}), so the engine fell back to the {}",
                MODE_LABELS[f.from_mode],
                f.reason,
                MODE_LABELS[f.to_mode],
            )
        )
    if primary.rank_source == "unranked":
        parts.append(md("no policy list ranks a surviving model; it is first in id order"))
    else:
        parts.append(
            md(
                "it ranks first among the models that survive the hard filters in the catalog "
                "policy list {}",
                md_code(primary.rank_source),
            )
        )
    return Md("; ".join(parts))


def _consequences(advice: Advice, catalog: Catalog) -> list[Point]:
    primary = advice.primary
    if primary is None:
        return [Point("Bad", md("no model is recommended; every exclusion is listed above"))]
    a = advice.answers
    model = catalog.models_by_id[primary.model]
    lic = catalog.licenses_by_id[model.license]
    out: list[Point] = []
    if primary.hardware is not None:
        hw = primary.hardware
        out.append(
            Point(
                "Neutral",
                md(
                    "it costs {}/month for {} tokens a month on {} replica(s) of {} x {}",
                    money(hw.monthly_cost_usd),
                    tokens(a.monthly_tokens),
                    hw.replicas,
                    hw.gpus_per_replica,
                    hw.gpu_name,
                ),
            )
        )
        ops = (
            "has_inference_ops is yes"
            if a.has_inference_ops
            else "has_inference_ops is no: that capacity has to be found"
        )
        out.append(
            Point("Bad", md("your team runs the GPUs and is on call for inference; {}", ops))
        )
    elif primary.providers:
        p = primary.providers[0]
        out.append(
            Point(
                "Neutral",
                md(
                    "it costs {}/month for {} tokens a month at {}",
                    money(p.monthly_cost_usd),
                    tokens(a.monthly_tokens),
                    p.provider_name,
                ),
            )
        )
        privacy = _privacy(p)
        out.append(
            Point(
                "Neutral" if privacy.kind == "Good" else "Bad",
                md("prompts and outputs go to {}; {}", p.provider_name, privacy.text),
            )
        )
    if model.weights is Weights.CLOSED:
        out.append(Point("Neutral", md("it is used under {}, not an open license", lic.name)))
    elif lic.permissive:
        out.append(Point("Good", md("its license {} is permissive", lic.id)))
    else:
        clauses = license_clauses(lic.id, catalog) or lic.name
        out.append(Point("Bad", md("its license {} carries clauses: {}", lic.id, clauses)))
    if advice.fallback is not None:
        out.append(
            Point(
                "Bad",
                md(
                    "the tree chose the {} but it had no candidate: {}",
                    MODE_LABELS[advice.fallback.from_mode],
                    advice.fallback.reason,
                ),
            )
        )
    return out


def _risks(advice: Advice, catalog: Catalog) -> list[Md]:
    out = [md_escape(w) for w in advice.warnings]
    if advice.primary is not None:
        model = catalog.models_by_id[advice.primary.model]
        for d in model.disagreements:
            claims = "; ".join(f"{c.value} ({c.source})" for c in d.claims)
            out.append(
                md(
                    "sources disagree on {}'s {}: {}; the catalog uses {}: {}",
                    model.name,
                    d.field,
                    claims,
                    d.chosen,
                    d.reason,
                )
            )
    limit = catalog.policy.staleness_days
    out.append(
        md(
            "catalog age: its figures are as of {}, and its policy treats them as stale after "
            "{} days",
            advice.catalog_as_of.isoformat(),
            limit,
        )
    )
    return list(dict.fromkeys(out))


def _flip(advice: Advice) -> Md:
    c = advice.crossover
    a = advice.answers
    if c is not None and c.volume_tokens_per_month is not None:
        side = "above" if a.monthly_tokens > c.volume_tokens_per_month else "at or below"
        return md(
            "the deployment flips at {} tokens/month ({}); this workload's {} is {} it",
            count(c.volume_tokens_per_month),
            tokens(c.volume_tokens_per_month),
            tokens(a.monthly_tokens),
            side,
        )
    if c is not None:
        return md("no volume flips the deployment with these figures: self-hosting never pays")
    step = advice.deciding_step
    if step is not None:
        return md(
            "volume does not change the deployment: {}, and only node 5 weighs volume, when "
            "{} is yes",
            _step_phrase(step, advice.tree_mode),
            md_code("has_inference_ops"),
        )
    return md("volume does not change the deployment")


def _sources(advice: Advice, catalog: Catalog) -> list[dict[str, Any]]:
    rows = []
    for source_id in advice.sources:
        src = catalog.sources_by_id.get(source_id)
        if src is None:
            rows.append({"id": source_id, "title": "not in this catalog", "publisher": "",
                         "where": Md(""), "date": ""})
            continue
        if src.url and re.fullmatch(r"https?://[^\s<>()\[\]`\\|]+", src.url):
            where = Md(f"<{src.url}>")
        elif src.url:
            where = md_escape(src.url)
        elif src.file:
            where = md("file {}", md_code(src.file))
        else:
            where = md_escape(src.kind.value)
        if src.published is not None:
            date = f"published {src.published.isoformat()}"
        else:
            date = f"accessed {src.accessed.isoformat()}"
        rows.append({"id": source_id, "title": src.title, "publisher": src.publisher or "",
                     "where": where, "date": date})
    return rows


def _filters(advice: Advice) -> list[dict[str, Any]]:
    counted: dict[str, set[str]] = {}
    for exclusion in advice.excluded:
        counted.setdefault(exclusion.rule, set()).add(exclusion.model)
    a = advice.answers
    rows = []
    for rule in (
        "task",
        "min_context_tokens",
        "excluded_origins",
        "license_must_be_permissive",
        "deployment_region",
        "monthly_active_users",
    ):
        rows.append({"rule": rule, "answer": _answer_text(rule, a),
                     "excluded": len(counted.get(rule, ()))})
    for rule, fact in (("availability", "not released"), ("commercial_use", "no commercial use")):
        rows.append({"rule": rule, "answer": f"catalog: {fact}",
                     "excluded": len(counted.get(rule, ()))})
    return rows


@dataclass(frozen=True)
class Link:
    """A link for the More Information section (e.g. to a superseded record)."""

    text: str
    target: str


def _view(advice: Advice, catalog: Catalog, title: str | None) -> dict[str, Any]:
    a = advice.answers
    primary = advice.primary
    modes, models = _options(advice, catalog)
    if title is None:
        if primary is not None and advice.deployment is not None:
            title = f"{a.workload}: {primary.name} as {MODE_LABELS[advice.deployment]}"
        else:
            title = f"{a.workload}: no model satisfies the constraints"
    try:
        revisit = advice.catalog_as_of + dt.timedelta(days=catalog.policy.staleness_days)
    except OverflowError:  # the schema's date window prevents it; never crash on a date
        revisit = dt.date.max
    answers = [
        {"key": key, "value": _answer_text(key, a), "assumed": key in advice.assumed}
        for key in ANSWER_KEYS
    ]
    reached = {step.node: step for step in advice.path}
    nodes = []
    for number, node in enumerate(TREE, start=1):
        step = reached.get(node.key)
        nodes.append({
            "number": number,
            "key": node.key,
            "question": node.question,
            "answer": _yes_no(getattr(a, node.key)),
            "assumed": node.key in advice.assumed,
            "effect": step.effect if step is not None else "not reached",
        })
    excluded_models = list(dict.fromkeys(e.model for e in advice.excluded))
    return {
        "title": title,
        "a": a,
        "advice": advice,
        "primary": primary,
        "mode_label": MODE_LABELS[advice.deployment] if advice.deployment else None,
        "tree_mode_label": MODE_LABELS[advice.tree_mode],
        "answers": answers,
        "assumed_count": len(advice.assumed),
        "nodes": nodes,
        "filters": _filters(advice),
        "chart": Md("\n".join(flowchart(advice).lines())),
        "mode_options": modes,
        "model_options": models,
        "because": _because(advice) if primary is not None else None,
        "excluded_models": excluded_models,
        "consequences": _consequences(advice, catalog),
        "risks": _risks(advice, catalog),
        "revisit": revisit.isoformat(),
        "staleness_days": catalog.policy.staleness_days,
        "flip": _flip(advice),
        "ci_command": CI_COMMAND,
        "sources": _sources(advice, catalog),
        "catalog": catalog.meta,
        "hosted_provider_name": (
            catalog.providers_by_id[advice.crossover.hosted_provider].name
            if advice.crossover is not None
            and advice.crossover.hosted_provider in catalog.providers_by_id
            else None
        ),
        "deciding": advice.deciding_step,
    }


# --- rendering -----------------------------------------------------------------------------


def _environment(template_dir: Path | None) -> jinja2.Environment:
    options: dict[str, Any] = {
        "undefined": jinja2.StrictUndefined,
        "autoescape": False,
        "finalize": finalize,
        "keep_trailing_newline": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
    }
    # A user's own templates are code we did not write: see user_templates.py.
    env = (
        sandboxed_environment(template_dir, **options)
        if template_dir is not None
        else jinja2.Environment(
            loader=jinja2.PackageLoader("modelpick", "report/templates"), **options
        )
    )
    env.filters.update(
        md=md_escape,
        code=md_code,
        money=money,
        tokens=tokens,
        count=count,
        per_mtok=per_mtok,
        pct=lambda v: f"{v:.0%}",
        num=lambda v: f"{v:,.6g}" if isinstance(v, float) else f"{v:,}",
        mode_label=lambda m: MODE_LABELS[m],
        yesno=_yes_no,
        flag=lambda v: {True: "yes", False: "no", None: "not recorded"}[v],
        target=lambda v: Md(quote(one_line(v), safe="/._-#")),
    )
    return env


def _tidy(text: str) -> str:
    """At most one blank line in a row, outside the Mermaid block too; one final newline."""
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


def render_report(
    advice: Advice,
    catalog: Catalog,
    *,
    template_dir: Path | None = None,
    title: str | None = None,
    links: Sequence[Link] = (),
    sensitivity: Iterable[str] | None = None,
) -> str:
    """The Markdown rationale report for one piece of advice.

    `title` overrides the heading (decision records pass theirs); `links` go under More
    Information; `sensitivity`, when given, fills the "What would change this decision"
    section (each item one sentence, escaped).
    """
    env = _environment(template_dir)
    view = _view(advice, catalog, title)
    view["links"] = list(links)
    if sensitivity is None and advice.sensitivity is not None:
        from modelpick.engine.sensitivity import describe

        sensitivity = describe(advice.sensitivity)
    view["sensitivity"] = list(sensitivity) if sensitivity is not None else None
    if template_dir is not None:
        return _tidy(render_user_template(env, view))
    return _tidy(env.get_template(TEMPLATE_NAME).render(**view))


__all__ = ["CI_COMMAND", "Link", "Md", "flowchart", "md_code", "md_escape", "render_report"]
