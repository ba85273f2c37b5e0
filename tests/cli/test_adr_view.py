"""`adr check` as the terminal shows it, rendered on a recording console."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from modelpick.cli.adr_view import check_view, drift_table
from modelpick.records import CheckResult, DriftRow

Render = Callable[..., str]

CHOSEN: dict[str, Any] = {"model": "qwen3", "deployment": "hosted_open_weights_api",
                          "provider": "together"}


def row(name: str, status: str, changes: tuple[str, ...] = (),
        today: dict[str, Any] | None = None) -> DriftRow:
    return DriftRow(record=f"docs/decisions/{name}", status=status,
                    recorded_catalog_version="2026.11.1", recorded=CHOSEN,
                    today=CHOSEN if today is None else today, changes=changes)


def test_no_records_is_one_line(render: Render) -> None:
    assert render(drift_table((), "docs/decisions", "2026.11.1")).strip() == (
        "no decision records with modelpick answers in docs/decisions"
    )


def test_each_record_shows_both_choices_and_why(render: Render) -> None:
    rows = (
        row("0001-a.md", "accepted"),
        row("0002-b.md", "accepted", ("price of qwen3 via together changed",),
            today={"model": "claude-opus-4.7", "deployment": "closed_frontier_api",
                   "provider": None}),
        row("0003-c.md", "proposed", ("a reason",), today={"model": None}),
    )
    text = render(drift_table(rows, "docs/decisions", "2026.11.1"), width=140)
    assert "Decision records against catalog 2026.11.1" in text
    assert "0001-a.md" in text and "docs/decisions" not in text.split("\n", 1)[1]
    assert "unchanged" in text
    assert "hosted API (together)" in text and "closed API" in text
    assert "price of qwen3 via together changed" in text
    assert "none" in text  # today nothing fits record 3
    assert ("2 of 3 record(s) would be decided differently today; "
            "1 accepted record(s) fail the check.") in text


def test_duplicate_numbers_are_listed_after_the_table(render: Render) -> None:
    result = CheckResult(rows=(row("0001-a.md", "accepted"),),
                         duplicates=((1, ("d/0001-a.md", "d/0001-b.md")),))
    text = render(check_view(result, "d", "2026.11.1"))
    assert "record number 0001 is used by 2 files: 0001-a.md, 0001-b.md" in text
    assert "1 record number(s) used more than once; renumber all but one file of each." in text


def test_without_duplicates_the_view_is_the_table(render: Render) -> None:
    result = CheckResult(rows=(row("0001-a.md", "accepted"),))
    assert render(check_view(result, "d", "v")) == render(drift_table(result.rows, "d", "v"))
