"""The rationale report: an Advice in, MADR 4.0-shaped Markdown out. Pure: no printing, no files.

The Advice alone is the input: every fact (licenses, origin, sources, the catalog's age) comes
with it, never from the catalog. This module builds the template's view; the flowchart is
flowchart.py's, the MADR prose madr.py's and madr_outcome.py's, the words words.py's. Text from
outside (the workload, a title, catalog strings) is escaped on the way out (report/escape.py,
shared by every Markdown output): every `{{ value }}` in a template is escaped unless it is
`Md`, which marks fragments already assembled from escaped parts. A user's own templates
(`--template DIR`) run sandboxed and bounded (user_templates.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import jinja2

from modelpick.engine.answers import ANSWER_KEYS
from modelpick.engine.filters import RULES
from modelpick.engine.result import Advice
from modelpick.engine.tree import TREE
from modelpick.frozen import frozen
from modelpick.report import words
from modelpick.report.crossover_text import (
    chart_legend,
    choice_line,
    mermaid_chart,
    rationale_line,
    tipping_points,
    trade_offs,
    verdict,
)
from modelpick.report.escape import Md, finalize, md, md_code, md_escape, md_link_target
from modelpick.report.flowchart import flowchart
from modelpick.report.madr import options
from modelpick.report.madr_outcome import because, consequences, flip, risks
from modelpick.report.plan_text import confirmation_lines, failover_lines, timeline_lines
from modelpick.report.precompiled import ShippedLoader
from modelpick.report.sizing_text import hardware_lines
from modelpick.report.user_templates import (
    TEMPLATE_NAME,
    render_user_template,
    sandboxed_environment,
)
from modelpick.report.words import MODE_LABELS, answer_text, yes_no

CI_COMMAND = "modelpick adr check docs/decisions"


def _sources(advice: Advice) -> list[dict[str, Any]]:
    rows = []
    for src in advice.source_rows:
        source_id = src.id
        if not src.known:
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
            where = md_escape(src.kind)
        if src.published is not None:
            date = f"published {src.published.isoformat()}"
        elif src.accessed is not None:
            date = f"accessed {src.accessed.isoformat()}"
        else:
            date = ""
        rows.append({"id": source_id, "title": src.title, "publisher": src.publisher or "",
                     "where": where, "date": date})
    return rows


def _filters(advice: Advice) -> list[dict[str, Any]]:
    counted: dict[str, set[str]] = {}
    for exclusion in advice.excluded:
        counted.setdefault(exclusion.rule, set()).add(exclusion.model)
    a = advice.answers
    names = [name for name, *_ in RULES]
    rows = []
    for rule in (name for name in names if name in ANSWER_KEYS):
        rows.append({"rule": rule, "answer": answer_text(rule, a),
                     "excluded": len(counted.get(rule, ()))})
    for rule in (name for name in names if name not in ANSWER_KEYS):
        rows.append({"rule": rule, "answer": f"catalog: {_CATALOG_FACT_RULES[rule]}",
                     "excluded": len(counted.get(rule, ()))})
    return rows


_CATALOG_FACT_RULES = {"availability": "not released", "commercial_use": "no commercial use"}
"""The hard filters that test a catalog fact rather than an answer, and the fact, in words."""


@frozen
class Link:
    """A link for the More Information section (e.g. to a superseded record)."""

    text: str
    target: str
    label: str = ""
    """The link's words (default: the target)."""


def _view(advice: Advice, title: str | None) -> dict[str, Any]:
    a = advice.answers
    primary = advice.primary
    modes, models = options(advice)
    if title is None:
        if primary is not None and advice.deployment is not None:
            title = f"{a.workload}: {primary.name} as {MODE_LABELS[advice.deployment]}"
        else:
            title = f"{a.workload}: no model satisfies the constraints"
    revisit = advice.catalog.revisit_by
    answers = [
        {"key": key, "value": answer_text(key, a), "assumed": key in advice.assumed}
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
            "answer": yes_no(getattr(a, node.key)),
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
        "because": because(advice) if primary is not None else None,
        "excluded_models": excluded_models,
        "consequences": consequences(advice),
        "risks": risks(advice),
        "revisit": revisit.isoformat(),
        "staleness_days": advice.catalog.staleness_days,
        "flip": flip(advice),
        "ci_command": CI_COMMAND,
        "sources": _sources(advice),
        "catalog": advice.catalog,
        "hosted_provider_name": advice.hosted_provider_name,
        "deciding": advice.deciding_step,
        "choice_line": choice_line(advice),
        "rationale_line": rationale_line(advice),
        "trade_offs": trade_offs(advice),
        "failover_lines": failover_lines(advice),
        "timeline_lines": timeline_lines(advice),
        "gate_lines": confirmation_lines(advice),
        **_crossover_view(advice),
    }


def _crossover_view(advice: Advice) -> dict[str, Any]:
    c = advice.crossover
    if c is None:
        return {"crossover_verdict": "", "crossover_points": [], "cost_chart": Md(""),
                "chart_legend": ""}
    return {
        "crossover_verdict": verdict(c),
        "crossover_points": tipping_points(c),
        "cost_chart": Md(mermaid_chart(c, advice.answers.monthly_tokens)),
        "chart_legend": chart_legend(c),
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
            loader=ShippedLoader("modelpick", "report/templates"), **options
        )
    )
    env.filters.update(
        md=md_escape,
        code=md_code,
        money=words.money,
        tokens=words.tokens,
        count=words.count,
        per_mtok=words.per_mtok,
        pct=words.pct,
        num=words.num,
        mode_label=lambda m: MODE_LABELS[m],
        yesno=yes_no,
        flag=words.flag,
        target=md_link_target,
    )
    return env


def _tidy(text: str) -> str:
    """At most one blank line in a row, outside the Mermaid block too; one final newline."""
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


def render_report(
    advice: Advice,
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
    view = _view(advice, title)
    view["links"] = list(links)
    primary = advice.primary
    view["sizing_lines"] = (
        hardware_lines(primary.hardware)
        if primary is not None and primary.hardware is not None else []
    )
    if sensitivity is None and advice.sensitivity is not None:
        sensitivity = words.sensitivity_lines(advice.sensitivity)
    view["sensitivity"] = list(sensitivity) if sensitivity is not None else None
    if template_dir is not None:
        return _tidy(render_user_template(env, view))
    return _tidy(env.get_template(TEMPLATE_NAME).render(**view))


__all__ = ["CI_COMMAND", "Link", "render_report"]
