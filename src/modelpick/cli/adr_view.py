"""Terminal rendering of `adr check` with rich. Shell code: imported only by the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from modelpick.records import CheckResult, DriftRow, printable

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
    return f"{rec['model']}\n{mode}{provider}"


def drift_table(rows: Sequence[DriftRow], directory: str, catalog_version: str) -> RenderableType:
    """One row per record: recorded choice, today's choice and why it changed."""
    if not rows:
        return Text(f"no decision records with modelpick answers in {directory}")
    table = Table(title=f"Decision records against catalog {catalog_version}",
                  title_justify="left", show_lines=True)
    table.add_column("record", overflow="fold")
    table.add_column("status")
    table.add_column("recorded choice", overflow="fold")
    table.add_column("choice today", overflow="fold")
    table.add_column("why it changed", overflow="fold")
    for row in rows:
        why = "\n".join(row.changes) if row.changes else "unchanged"
        style = "bold red" if row.fails else ("yellow" if row.drifted else "")
        table.add_row(
            printable(PurePath(row.record).name),
            row.status,
            _choice(row.recorded),
            _choice(row.today),
            Text(why, style=style),
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
