"""Terminal rendering of `adr check` with rich. Shell code: imported only by the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from modelpick.records import CheckResult, DriftRow, printable
from modelpick.records.header import Entry

_SHORT = {
    "self_hosted_open_weights": "self-hosted",
    "hosted_open_weights_api": "hosted API",
    "closed_frontier_api": "closed API",
}


def _choice(rec: dict[str, Any]) -> str:
    if rec.get("model") is None:
        return "none"
    mode = _SHORT.get(str(rec.get("deployment")), str(rec.get("deployment")))
    provider = f" ({rec['provider']})" if rec.get("provider") else ""
    return f"{rec['model']}\n{mode}{provider}{_choice_cost(rec)}"


def _decided_with(row: DriftRow) -> str:
    """The catalog version a record was decided with, and its path if not the shipped one."""
    version = row.recorded_catalog_version or "unknown"
    identity = row.recorded_catalog or {}
    path = identity.get("path")
    return f"catalog {version}" + (f"\n{path}" if path else "")


def _choice_cost(rec: dict[str, Any]) -> str:
    cost = rec.get("monthly_cost_usd")
    return f"\n${cost:,.2f}/month" if isinstance(cost, int | float) else ""


def drift_table(rows: Sequence[DriftRow], directory: str, catalog_version: str) -> RenderableType:
    """One row per record: recorded choice, today's choice and why it changed."""
    if not rows:
        return Text(f"no decision records with modelpick answers in {directory}")
    table = Table(title=f"Decision records against catalog {catalog_version}",
                  title_justify="left", show_lines=True)
    table.add_column("record", overflow="fold")
    table.add_column("status")
    table.add_column("decided with", overflow="fold")
    table.add_column("recorded choice", overflow="fold")
    table.add_column("choice today", overflow="fold")
    table.add_column("why it changed", overflow="fold")
    for row in rows:
        why = "\n".join(row.changes) if row.changes else "unchanged"
        style = "bold red" if row.fails else ("yellow" if row.drifted else "")
        notes = Text("".join(f"\nnote: {n}" for n in row.notes), style="dim")
        table.add_row(
            printable(PurePath(row.record).name),
            row.status,
            _decided_with(row),
            _choice(row.recorded),
            _choice(row.today),
            Text(why, style=style) + notes,
        )
    drifted = sum(r.drifted for r in rows)
    failing = sum(r.fails for r in rows)
    summary = Text(
        f"{drifted} of {len(rows)} record(s) would be decided differently today; "
        f"{failing} accepted record(s) fail the check."
    )
    return Group(table, summary)


def check_view(result: CheckResult, directory: str, catalog_version: str) -> RenderableType:
    """The drift table, then each record number that more than one file has."""
    table = drift_table(result.rows, directory, catalog_version)
    if not result.duplicates:
        return table
    lines = [
        Text(
            f"record number {number:04d} is used by {len(paths)} files: "
            + ", ".join(printable(PurePath(p).name) for p in paths),
            style="bold red",
        )
        for number, paths in result.duplicates
    ]
    lines.append(Text(f"{len(result.duplicates)} record number(s) used more than once; "
                      "renumber all but one file of each."))
    return Group(table, *lines)


def list_view(entries: Sequence[Entry], directory: str) -> RenderableType:
    """`adr list`: one row per record, in number order."""
    if not entries:
        return Text(f"no numbered decision records in {directory}")
    table = Table(title=f"Decision records in {directory}", title_justify="left")
    for column in ("ADR", "date", "status", "title", "superseded by"):
        table.add_column(column, overflow="fold")
    for e in entries:
        table.add_row(
            f"{e.number:04d}", e.date or "", e.state, e.title,
            ", ".join(n[:4] for n in e.superseded_by),
        )
    return table


def show_view(entry: Entry, path: str) -> RenderableType:
    """`adr show N`: the record's fields, then what modelpick decided in it."""
    rows: list[tuple[str, str]] = [
        ("record", f"{entry.number:04d} {entry.title}"),
        ("file", printable(path)),
        ("status", entry.status),
        ("date", entry.date or "not given"),
        ("layout", entry.layout),
        ("decision-makers", ", ".join(entry.decision_makers) or "none named"),
        ("consulted", ", ".join(entry.consulted) or "none named"),
        ("informed", ", ".join(entry.informed) or "none named"),
    ]
    if entry.supersedes:
        rows.append(("supersedes", ", ".join(entry.supersedes)))
    if entry.superseded_by:
        rows.append(("superseded by", ", ".join(entry.superseded_by)))
    block = entry.modelpick
    if block is not None:
        rec = block.get("recommendation")
        rows.append(("decided", _choice(rec if isinstance(rec, dict) else {}).replace("\n", ", ")))
        rows.append(("catalog", str(block.get("catalog_version", "unknown"))))
        found = block.get("answers")
        answers: dict[str, Any] = found if isinstance(found, dict) else {}
        if "workload" in answers:
            rows.append(("workload", str(answers["workload"])))
    table = Table(show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for key, value in rows:
        table.add_row(key, value)
    return table
