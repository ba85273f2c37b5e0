"""The record format on its own: names and numbers, and a record rendered then parsed back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from modelpick.engine import resolve
from modelpick.records.format import (
    Skipped,
    default_title,
    duplicate_numbers,
    next_number,
    parse_record,
    parse_records,
    recommendation,
    record_name,
    record_number,
    records_numbered,
    render_record,
    status_word,
)

TODAY = dt.date(2026, 11, 15)
TRIAGE = {"workload": "Support triage", "cost_dominant": True, "task": "classification"}
LONG = {"workload": "Long documents", "cost_dominant": False, "task": "long_context"}


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("0004-x.md", 4),
        ("0001-use-qwen3.md", 1),
        ("00001-five-digits.md", 1),
        ("12345-big.md", 12345),
        ("0003-.md", 3),
        ("0004-a\nb.md", 4),  # any name after the dash, even one a shell would mangle
        ("004-three-digits.md", None),
        ("0004-x.txt", None),
        ("0004-X.MD", None),
        ("0004x.md", None),
        ("README.md", None),
        (".0003-x.md.swp", None),
        ("0003-x.md~", None),
        ("#0003-x.md#", None),
        ("\u0660\u0660\u0660\u0664-arabic-indic.md", None),  # ASCII digits only
    ],
)
def test_record_number(name: str, number: int | None) -> None:
    assert record_number(name) == number


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ([], 1),
        (["0001-a.md"], 2),
        (["0001-a.md", "0003-b.md"], 4),
        (["README.md", "template.md", "0002-x.md", "0009-notes.txt"], 3),
        (["0010-x.md", "0002-y.md"], 11),
        (["12345-big.md"], 12346),
        (["0002-a.md", "0002-b.md"], 3),
    ],
)
def test_next_number(names: list[str], expected: int) -> None:
    assert next_number(names) == expected


def test_records_by_number() -> None:
    names = ["0001-a.md", "0003-b.md", "0003-a.md", "README.md"]
    assert records_numbered(names, 3) == ["0003-a.md", "0003-b.md"]
    assert records_numbered(names, 2) == []
    assert duplicate_numbers(names) == {3: ["0003-a.md", "0003-b.md"]}


@pytest.mark.parametrize(
    ("number", "title", "name"),
    [
        (4, "Use Qwen3 for support triage", "0004-use-qwen3-for-support-triage.md"),
        (12, "../../etc/passwd", "0012-etc-passwd.md"),
        (1, "???", "0001-decision.md"),
        (10000, "Ünïcödé", "10000-unicode.md"),
    ],
)
def test_record_name(number: int, title: str, name: str) -> None:
    assert record_name(number, title) == name


@pytest.mark.parametrize("answers", [TRIAGE, LONG])
def test_render_then_parse_gives_back_the_answers(advise_on: Any, answers: dict[str, Any]) -> None:
    advice, _, resolved = advise_on(answers)
    text = render_record(
        advice, title=default_title(advice), status="accepted", date=TODAY
    )
    record = parse_record(text, "0001-x.md")
    assert record.meta is not None and record.doc is not None
    block = record.meta["modelpick"]
    assert block["answers"] == resolved.answers.model_dump(mode="json")
    assert block["assumed"] == list(resolved.assumed)
    assert block["recommendation"] == recommendation(advice)
    assert block["catalog_version"] == advice.catalog_version
    assert "supersedes" not in block
    assert resolve(block["answers"], origin="0001-x.md").answers == resolved.answers
    assert status_word(record.meta) == "accepted"
    assert record.body.startswith(f"\n# {default_title(advice)}\n")
    assert record.line_of(["modelpick", "answers"]) == text.splitlines().index("  answers:") + 1


def test_parse_records_keeps_modelpick_records_and_warns_of_broken_front_matter() -> None:
    texts = [
        ("a.md", "---\nmodelpick: {answers: {}}\n---\nbody\n"),
        ("readme.md", "# A readme\n"),
        ("hand.md", "---\nstatus: accepted\n---\n# Hand-written\n"),
        ("template.md", "---\nstatus: {{status}\n---\n"),
    ]
    found, skipped = parse_records(texts)
    assert [record.name for record in found] == ["a.md"]
    assert [item.file for item in skipped] == ["template.md"]
    assert skipped[0].reason.startswith("not a decision record: front matter:")
    assert isinstance(skipped[0], Skipped)
