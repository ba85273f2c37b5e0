"""A record's life among other tools' records: listed, indexed, its status changed, superseded
without losing a comment, re-checked for drift in money and time, and replayed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from modelpick.errors import InputError
from modelpick.records.edit import edit_front_matter, set_status
from modelpick.records.format import slugify
from modelpick.records.header import read_entry
from modelpick.records.lifecycle import INDEX_END, INDEX_START, update_index

Run = Callable[..., Any]
SHIPPED = Path(__file__).resolve().parents[2] / "catalog"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

NYGARD = """# 1. Record architecture decisions

Date: 2024-03-01

## Status

Accepted

## Context

We need to record the architectural decisions made on this project.

## Decision

We will use Architecture Decision Records, as described by Michael Nygard.

## Consequences

See Michael Nygard's article.
"""

HAND_EDITED_FRONT = """---
# Reviewed by the platform guild; keep the comments.
status: accepted   # agreed 2026-11-30
date: 2026-11-30
decision-makers: [Jane Doe, "Raj Patel"]
consulted:
  - Security team   # asked about retention
informed: []
---

# Use Postgres for the catalog store

We chose Postgres.
"""


def _lines_changed(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.splitlines(), after.splitlines()
    return [(x, y) for x, y in zip(a, b, strict=False) if x != y]


# --- edits that respect the file -----------------------------------------------------------


def test_status_edit_keeps_every_other_byte_of_hand_edited_front_matter() -> None:
    edited = set_status(HAND_EDITED_FRONT, "0002-pg.md", status="deprecated")
    assert _lines_changed(HAND_EDITED_FRONT, edited) == [
        ("status: accepted   # agreed 2026-11-30", "status: deprecated  # agreed 2026-11-30")
    ]
    assert len(edited.splitlines()) == len(HAND_EDITED_FRONT.splitlines())


def test_front_matter_edit_adds_a_missing_key_after_status_and_keeps_flow_lists() -> None:
    edited = edit_front_matter(HAND_EDITED_FRONT, "x.md", {"tags": ["db"]})
    assert "decision-makers: [Jane Doe, \"Raj Patel\"]" in edited
    assert "  - Security team   # asked about retention" in edited
    meta = yaml.safe_load(edited.split("---")[1])
    assert meta["tags"] == ["db"] and meta["status"] == "accepted"


def test_nygard_record_is_superseded_in_its_own_format() -> None:
    edited = set_status(
        NYGARD, "0001-record.md", status="superseded by [ADR-0002](0002-x.md)",
        nygard_status="Superseded by [2. Use X](0002-x.md)",
    )
    assert edited.splitlines()[0] == "# 1. Record architecture decisions"  # title on line 1
    assert not edited.startswith("---")
    status = edited.split("## Status\n", 1)[1].split("##", 1)[0]
    assert status.strip() == "Superseded by [2. Use X](0002-x.md)"
    entry = read_entry("0001-record.md", edited)
    assert entry is not None and entry.state == "superseded"
    assert entry.superseded_by == ("0002-x.md",)
    assert edited.endswith("See Michael Nygard's article.\n")


def test_log4brains_header_list_status_is_edited_in_place() -> None:
    text = "# Use X\n\n- Status: accepted\n- Date: 2026-01-02\n- Deciders: A, B\n\n## Context\n"
    edited = set_status(text, "0003-x.md", status="deprecated")
    assert edited == text.replace("- Status: accepted", "- Status: deprecated")
    entry = read_entry("0003-x.md", edited)
    assert entry is not None
    assert (entry.state, entry.date, entry.decision_makers) == ("deprecated", "2026-01-02",
                                                                ("A", "B"))


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Use gpt-oss-120b as hosted open-weight API for Support-ticket triage",
         "use-gpt-oss-120b-as-hosted-open-weight-api-for-support"),
        ("Support-ticket triage gpt-oss-120b hosted-api",
         "support-ticket-triage-gpt-oss-120b-hosted-api"),
        ("Pick a model for the", "pick-a-model"),
        ("A" * 80, "a" * 60),
    ],
)
def test_slugs_keep_whole_words_and_never_end_on_a_preposition(title: str, slug: str) -> None:
    assert slugify(title) == slug
    assert slug.split("-")[-1] not in {"for", "of", "the", "a", "to", "with", "and"}


def test_index_is_regenerated_between_the_markers_and_the_rest_kept() -> None:
    entry = read_entry("0001-record.md", NYGARD)
    assert entry is not None
    page = f"# Decisions\n\nIntro.\n\n{INDEX_START}\nold table\n{INDEX_END}\n\nFooter.\n"
    out = update_index(page, [entry], "README.md")
    assert out.startswith("# Decisions\n\nIntro.\n\n") and out.endswith("\n\nFooter.\n")
    assert "old table" not in out
    assert "[ADR-0001](0001-record.md) | Record architecture decisions | accepted | 2024-03-01" \
        in out
    assert update_index(out, [entry], "README.md") == out  # idempotent
    with pytest.raises(InputError, match="must each appear once"):
        update_index(f"{INDEX_END}\n{INDEX_START}\n", [entry], "README.md")


# --- the whole life, through the installed program ------------------------------------------


@pytest.fixture
def decisions(tmp_path: Path, modelpick: Run) -> Path:
    """A directory with an adr-tools record, a hand-edited one, and two from modelpick."""
    directory = tmp_path / "docs" / "decisions"
    directory.mkdir(parents=True)
    (directory / "0001-record-architecture-decisions.md").write_text(NYGARD)
    (directory / "0002-use-postgres.md").write_text(HAND_EDITED_FRONT)
    for example in ("support-ticket-triage", "rag-chatbot"):
        done = modelpick("adr", "new", "--answers", EXAMPLES / f"{example}.yaml", "--dir",
                         directory, "--status", "accepted", "--decision-maker", "Jane Doe",
                         "--consulted", "Security team")
        assert done.returncode == 0, done.stderr
    return directory


def test_list_show_status_index_supersede_and_check(decisions: Path, modelpick: Run) -> None:
    listed = modelpick("adr", "list", "--dir", decisions, "--format", "json")
    assert listed.returncode == 0, listed.stderr
    records = json.loads(listed.stdout)["records"]
    assert [(r["number"], r["status"], r["layout"]) for r in records] == [
        (1, "accepted", "nygard"), (2, "accepted", "madr"), (3, "accepted", "madr"),
        (4, "accepted", "madr"),
    ]
    assert records[0]["title"] == "Record architecture decisions"
    assert records[2]["decision_makers"] == ["Jane Doe"]
    assert records[2]["consulted"] == ["Security team"]
    third = next(decisions.glob("0003-*.md")).name
    assert third.startswith("0003-support-ticket-triage-")

    # supersede the adr-tools record and the hand-edited one: each in its own format
    done = modelpick("adr", "new", "--answers", EXAMPLES / "coding-assistant.yaml", "--dir",
                     decisions, "--supersedes", "1")
    assert done.returncode == 0, done.stderr
    nygard = (decisions / "0001-record-architecture-decisions.md").read_text()
    assert nygard.startswith("# 1. Record architecture decisions\n")
    assert "Superseded by [5. " in nygard and "\nAccepted\n" not in nygard
    hand = decisions / "0002-use-postgres.md"
    before = hand.read_text()
    assert modelpick("adr", "status", "2", "deprecated", "--dir", decisions).returncode == 0
    after = hand.read_text()
    assert _lines_changed(before, after) == [
        ("status: accepted   # agreed 2026-11-30", "status: deprecated  # agreed 2026-11-30")
    ]

    again = modelpick("adr", "new", "--answers", EXAMPLES / "coding-assistant.yaml", "--dir",
                      decisions, "--supersedes", "1")
    assert again.returncode == 2 and "already superseded" in again.stderr
    assert "--force" in again.stderr
    forced = modelpick("adr", "new", "--answers", EXAMPLES / "coding-assistant.yaml", "--dir",
                       decisions, "--supersedes", "1", "--force")
    assert forced.returncode == 0, forced.stderr
    nygard = (decisions / "0001-record-architecture-decisions.md").read_text()
    assert nygard.count("Superseded by") == 1 and "Superseded by [6. " in nygard

    warned = modelpick("adr", "new", "--answers", EXAMPLES / "voice-agent.yaml", "--dir",
                       decisions, "--supersedes", "3")
    assert warned.returncode == 0 and "different workload" in warned.stderr

    shown = modelpick("adr", "show", "3", "--dir", decisions, "--format", "json")
    entry = json.loads(shown.stdout)
    assert entry["status"] == "superseded" and entry["superseded_by"][0].startswith("0007-")
    assert entry["recommendation"]["model"] == "gpt-oss-120b"
    assert modelpick("adr", "show", "3", "--dir", decisions).returncode == 0

    indexed = modelpick("adr", "index", "--dir", decisions)
    assert indexed.returncode == 0, indexed.stderr
    readme = (decisions / "README.md").read_text()
    assert readme.count("[ADR-00") >= 7 and INDEX_START in readme
    listed = json.loads(modelpick("adr", "list", "--dir", decisions, "--format", "json").stdout)
    assert len(listed["records"]) == 7  # the index is not a record

    checked = modelpick("adr", "check", decisions, "--format", "json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    rows = json.loads(checked.stdout)["records"]
    assert all(row["recorded_catalog"]["version"] for row in rows)


def test_a_tenfold_price_rise_is_drift_with_the_old_and_new_cost(
    tmp_path: Path, modelpick: Run
) -> None:
    directory = tmp_path / "decisions"
    made = modelpick("adr", "new", "--answers", EXAMPLES / "support-ticket-triage.yaml",
                     "--dir", directory, "--status", "accepted")
    assert made.returncode == 0, made.stderr
    block = yaml.safe_load(next(directory.glob("*.md")).read_text().split("---")[1])
    pick = block["modelpick"]["recommendation"]
    catalog = tmp_path / "catalog"
    shutil.copytree(SHIPPED, catalog)
    providers = yaml.safe_load((catalog / "providers.yaml").read_text())
    for price in providers["prices"]:
        if price["model"] == pick["model"]:
            price["input_per_mtok"] *= 10
            price["output_per_mtok"] *= 10
    (catalog / "providers.yaml").write_text(yaml.safe_dump(providers, sort_keys=False))
    checked = modelpick("adr", "check", directory, "--catalog", catalog, "--format", "json")
    assert checked.returncode == 1, checked.stderr
    row = json.loads(checked.stdout)["records"][0]
    was = pick["monthly_cost_usd"]
    cost_lines = [c for c in row["changes"] if c.startswith("cost of")]
    assert len(cost_lines) == 1
    assert f"was ${was:,.2f}" in cost_lines[0] or f"was ${was:,.0f}" in cost_lines[0]
    assert f"now ${was * 10:,.0f}" in cost_lines[0] or f"now ${was * 10:,.2f}" in cost_lines[0]
    text = modelpick("adr", "check", directory, "--catalog", catalog)
    assert text.returncode == 1 and "catalog 2026" in text.stdout


def test_require_records_fails_an_empty_or_mistyped_directory(
    tmp_path: Path, modelpick: Run
) -> None:
    empty = tmp_path / "docs"
    empty.mkdir()
    (empty / "README.md").write_text("# Docs\n")
    assert modelpick("adr", "check", empty).returncode == 0
    failed = modelpick("adr", "check", empty, "--require-records")
    assert failed.returncode == 1 and "no decision records" in failed.stderr
    missing = modelpick("adr", "check", tmp_path / "nope", "--require-records")
    assert missing.returncode == 2


@pytest.mark.parametrize("layout", ["madr", "tools"])
def test_a_record_replays_its_answers_exactly(
    tmp_path: Path, modelpick: Run, layout: str
) -> None:
    answers = EXAMPLES / "healthcare-onprem.yaml"
    made = modelpick("adr", "new", "--answers", answers, "--dir", tmp_path, "--layout", layout)
    assert made.returncode == 0, made.stderr
    record = Path(made.stdout.split()[0])
    replayed = modelpick("advise", "--answers", record, "--format", "json")
    direct = modelpick("advise", "--answers", answers, "--format", "json")
    assert replayed.returncode == direct.returncode == 0, replayed.stderr
    a, b = json.loads(replayed.stdout), json.loads(direct.stdout)
    assert a["primary"] == b["primary"] and a["deployment"] == b["deployment"]
    broken = record.read_text().replace("monthly_tokens: 500000000", "monthly_tokens: lots")
    assert broken != record.read_text()
    record.write_text(broken)
    failed = modelpick("advise", "--answers", record)
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if "lots" in text)
    assert failed.returncode == 2 and f"{record.name}:{line}:" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_a_tools_record_superseded_by_adr_tools_is_superseded() -> None:
    text = (
        "# Use X\n\n* Status: accepted\n* Date: 2026-12-02\n\n## Status\n\n"
        "Superseded by [2. Use Y](0002-use-y.md)\n\n## Context and Problem Statement\n\nX.\n"
    )
    entry = read_entry("0001-use-x.md", text)
    assert entry is not None and entry.layout == "tools"
    assert entry.state == "superseded" and entry.superseded_by == ("0002-use-y.md",)
    assert entry.conflict is not None and "set both" in entry.conflict


def test_an_unreadable_record_is_named_with_its_own_error(tmp_path: Path, modelpick: Run) -> None:
    (tmp_path / "0001-broken.md").write_text("---\nstatus: [accepted\n---\n# Broken\n")
    done = modelpick("adr", "status", "1", "accepted", "--dir", tmp_path)
    assert done.returncode == 2 and "0001-broken.md:" in done.stderr
    assert "no record numbered" not in done.stderr
