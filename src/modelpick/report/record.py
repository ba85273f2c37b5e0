"""The body of a decision record: the MADR 4.0 sections an architect would commit.

Unlike the rationale report (markdown.py), a record weighs models, not modes: the tree's
questions are its decision drivers, the chosen model and its alternatives its options, and
the models the hard filters removed one table. Every point cites the catalog's sources for
it inline, as numbered footnotes whose text is the source's title, publisher, date and URL.
Pure: the Advice in, Markdown out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from modelpick.engine.result import Advice, SourceRow
from modelpick.frozen import frozen
from modelpick.report.escape import Md, md, md_code, md_escape
from modelpick.report.madr import Option, Point, options
from modelpick.report.markdown import Link, _environment, _tidy, _view
from modelpick.report.words import sensitivity_lines

_URL = re.compile(r"https?://[^\s<>()\[\]`\\|]+")
"""A URL that can stand as an autolink, `<https://...>`, as written."""
MAX_PROVIDER_ROWS = 5
"""The record's provider table lists the cheapest few; the report lists them all."""


@frozen
class People:
    """Who decided, who was consulted, who is informed (MADR 4.0's front matter)."""

    decision_makers: tuple[str, ...] = ()
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()


class Citations:
    """Footnote numbers for source ids, in order of first citation."""

    def __init__(self, rows: Sequence[SourceRow]) -> None:
        self._rows = {row.id: row for row in rows}
        self._order: list[str] = []

    def __call__(self, ids: Sequence[str]) -> Md:
        """`[^1][^4]`: the footnote markers for these sources (empty for none)."""
        marks = []
        for source_id in dict.fromkeys(ids):
            if source_id not in self._order:
                self._order.append(source_id)
            marks.append(f"[^{self._order.index(source_id) + 1}]")
        return Md("".join(marks))

    def notes(self) -> list[Md]:
        """`[^1]: *Title*, Publisher, published 2025-08-05, <https://...>`, in number order."""
        out = []
        for number, source_id in enumerate(self._order, start=1):
            out.append(Md(f"[^{number}]: {source_text(self._rows.get(source_id), source_id)}"))
        return out


def source_text(row: SourceRow | None, source_id: str) -> Md:
    """A source as a reader can follow it: title, publisher, date, and URL where one exists."""
    if row is None or not row.known:
        return md("{} (not in this catalog)", md_code(source_id))
    parts = [md("*{}*", row.title)]
    if row.publisher:
        parts.append(md_escape(row.publisher))
    if row.published is not None:
        parts.append(md_escape(f"published {row.published.isoformat()}"))
    elif row.accessed is not None:
        parts.append(md_escape(f"accessed {row.accessed.isoformat()}"))
    if row.url and _URL.fullmatch(row.url):
        parts.append(Md(f"<{row.url}>"))
    elif row.url:
        parts.append(md_escape(row.url))
    elif row.kind == "estimate":
        parts.append(Md("a team judgement, not a public source"))
    elif row.file:
        parts.append(md("stored as {}", md_code(row.file)))
    return Md(", ".join(parts))


def _cited(option: Option, cite: Citations) -> dict[str, Any]:
    return {
        "title": option.title,
        "status": option.status,
        "points": [{"kind": p.kind, "text": p.text, "cite": cite(p.sources)}
                   for p in option.points],
    }


def _excluded_rows(advice: Advice) -> list[dict[str, Any]]:
    """One row per excluded model: every rule it fails and why, in one cell."""
    kept = {c.model for c in (advice.primary, *advice.alternatives) if c is not None}
    rows: dict[str, dict[str, Any]] = {}
    for e in advice.excluded:
        if e.model in kept:
            continue
        row = rows.setdefault(e.model, {"model": e.model, "name": e.model_name or e.model,
                                        "rules": [], "reasons": []})
        row["rules"].append(e.rule)
        row["reasons"].append(f"{e.scope}{e.reason}")
    return list(rows.values())


def render_record_body(
    advice: Advice,
    *,
    title: str,
    links: Sequence[Link] = (),
    layout: str = "madr",
    header: Sequence[str] = (),
    status_lines: Sequence[str] = (),
) -> str:
    """A decision record's Markdown after the front matter (the whole file for `tools`)."""
    view = _view(advice, title)
    cite = Citations(advice.source_rows)
    primary = advice.primary
    # Cite in reading order, so the footnotes are numbered as a reader meets them.
    policy_cite = cite(advice.catalog.policy_sources)
    rationale_cite = cite(primary.rationale_sources) if primary is not None else Md("")
    price_cite = (
        cite(primary.providers[0].sources) if primary is not None and primary.providers
        else Md("")
    )
    hardware_cite = (
        cite(primary.hardware.sources)
        if primary is not None and primary.hardware is not None else Md("")
    )
    consequences_cited = [
        {"kind": p.kind, "text": p.text, "cite": cite(p.sources)} for p in view["consequences"]
    ]
    gate_cite = cite(advice.catalog.gate_sources)
    failover_cite = cite(advice.catalog.failover_sources)
    _, models = options(advice)
    chosen = [_cited(o, cite) for o in models if o.status in ("chosen", "alternative")]
    view.update(
        layout=layout,
        header=list(header),
        status_lines=list(status_lines),
        links=list(links),
        options_cited=chosen,
        consequences_cited=consequences_cited,
        excluded_rows=_excluded_rows(advice),
        policy_cite=policy_cite,
        rationale_cite=rationale_cite,
        price_cite=price_cite,
        hardware_cite=hardware_cite,
        gate_cite=gate_cite,
        failover_cite=failover_cite,
        providers_shown=list(primary.providers[:MAX_PROVIDER_ROWS]) if primary else [],
        providers_more=max(0, len(primary.providers) - MAX_PROVIDER_ROWS) if primary else 0,
        given_filters=[f for f in view["filters"] if f["excluded"] or not _unset(f["answer"])],
        assumed_keys=list(advice.assumed),
        sensitivity=sensitivity_lines(advice.sensitivity) if advice.sensitivity else None,
    )
    view["footnotes"] = cite.notes()
    env = _environment(None)
    return _tidy(env.get_template("record.md.j2").render(**view))


def _unset(answer: object) -> bool:
    return str(answer) in ("not given", "none", "no")


__all__ = ["Citations", "People", "Point", "render_record_body", "source_text"]
