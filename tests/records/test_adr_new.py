"""`adr new`: numbering, never overwriting, superseding, and the record's front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from markdown_checks import check_record, headings
from modelpick import __version__
from modelpick.errors import InputError, NoCandidate
from modelpick.records.format import parse_record
from modelpick.records.store import write_new_record

TODAY = dt.date(2026, 11, 15)
TRIAGE = {"workload": "Support triage", "cost_dominant": True, "task": "classification"}


def _new(
    advise_on: Any, directory: Path, answers: dict[str, Any] = TRIAGE, **kw: Any
) -> list[Path]:
    advice, _, _ = advise_on(answers)
    kw.setdefault("title", None)
    kw.setdefault("status", "proposed")
    return write_new_record(directory, advice, date=TODAY, **kw)


def test_numbering_skips_gaps_and_keeps_existing_files(advise_on: Any, tmp_path: Path) -> None:
    (tmp_path / "0001-first.md").write_text("one\n")
    (tmp_path / "0003-third.md").write_text("three\n")
    (tmp_path / "README.md").write_text("readme\n")
    written = _new(advise_on, tmp_path)
    assert [p.name for p in written] == [
        "0004-support-triage-mistral-small-3-2-hosted-api.md"
    ]
    assert (tmp_path / "0001-first.md").read_text() == "one\n"
    assert (tmp_path / "0003-third.md").read_text() == "three\n"
    again = _new(advise_on, tmp_path)
    assert again[0].name.startswith("0005-")
    assert {p.name for p in tmp_path.iterdir()} == {
        "0001-first.md", "0003-third.md", written[0].name, again[0].name, "README.md"
    }


def test_directory_is_created(advise_on: Any, tmp_path: Path) -> None:
    target = tmp_path / "docs" / "decisions"
    written = _new(advise_on, target, title="Pick a triage model")
    assert written == [target / "0001-pick-a-triage-model.md"]


def test_record_front_matter_is_madr_with_modelpick_answers(advise_on: Any, tmp_path: Path) -> None:
    path = _new(advise_on, tmp_path, status="accepted")[0]
    text = path.read_text()
    record = parse_record(text, str(path))
    meta = record.meta
    assert meta is not None
    assert list(meta)[:5] == ["status", "date", "decision-makers", "consulted", "informed"]
    assert meta["status"] == "accepted" and meta["date"] == TODAY.isoformat()  # YAML 1.2: text
    assert meta["decision-makers"] == meta["consulted"] == meta["informed"] == []
    block = meta["modelpick"]
    assert block["version"] == __version__
    assert block["catalog_version"] == "2026.11.1"
    assert block["answers"]["workload"] == "Support triage"
    assert block["answers"]["monthly_tokens"] == 100_000_000  # defaults are pinned too
    assert "monthly_tokens" in block["assumed"]
    assert block["recommendation"] == {
        "deployment": "hosted_open_weights_api",
        "model": "mistral-small-3.2",
        "provider": "mistral",
        "monthly_cost_usd": 15.0,
        "license": "Apache-2.0",
    }
    other = yaml.safe_load(text.split("---\n")[1])  # a YAML 1.1 tool: same, the date a date
    assert other == {**meta, "date": TODAY}
    toks = check_record(record.body)
    assert headings(toks, 1) == [
        "Use Mistral Small 3.2 as hosted open-weight API for Support triage"
    ]


def test_existing_file_is_never_overwritten(advise_on: Any, tmp_path: Path) -> None:
    from modelpick.fileio import Output
    from modelpick.records.store import write_records

    target = tmp_path / "0001-x.md"
    target.write_text("keep me\n")
    with pytest.raises(InputError, match="already exists"):
        write_records([Output(target, "new\n", what="decision record")])
    assert target.read_text() == "keep me\n"


def test_supersedes_links_both_ways(advise_on: Any, tmp_path: Path) -> None:
    old = _new(advise_on, tmp_path, status="accepted")[0]
    (tmp_path / "0002-unrelated.md").write_text("# unrelated\n")
    written = _new(advise_on, tmp_path, answers={**TRIAGE, "task": "rag"}, supersedes=1)
    new, rewritten = written
    assert rewritten == old and new.name.startswith("0003-")
    old_record = parse_record(old.read_text(), str(old))
    assert old_record.meta is not None
    assert old_record.meta["status"] == f"superseded by [ADR-0003]({new.name})"
    assert old_record.body.rstrip().endswith(f"Superseded by [ADR-0003]({new.name}).")
    assert old_record.meta["modelpick"]["recommendation"]["model"] == "mistral-small-3.2"
    new_record = parse_record(new.read_text(), str(new))
    assert new_record.meta is not None
    assert new_record.meta["modelpick"]["supersedes"] == old.name
    assert f"* Supersedes: [ADR-0001]({old.name})" in new_record.body
    check_record(new_record.body)
    check_record(old_record.body.replace(f"\n\nSuperseded by [ADR-0003]({new.name}).", ""))


def test_supersedes_a_hand_written_record(advise_on: Any, tmp_path: Path) -> None:
    (tmp_path / "0001-manual.md").write_text("# Manual decision\n\nWe chose by hand.\n")
    new = _new(advise_on, tmp_path, supersedes=1)[0]
    text = (tmp_path / "0001-manual.md").read_text()
    record = parse_record(text)
    assert record.meta == {"status": f"superseded by [ADR-0002]({new.name})"}
    assert record.body.lstrip("\n").startswith("# Manual decision\n\nWe chose by hand.\n")


def test_supersedes_missing_record_writes_nothing(advise_on: Any, tmp_path: Path) -> None:
    (tmp_path / "0001-a.md").write_text("a\n")
    with pytest.raises(InputError, match="no record numbered 0007"):
        _new(advise_on, tmp_path, supersedes=7)
    assert [p.name for p in tmp_path.iterdir()] == ["0001-a.md"]


def test_no_candidate_writes_nothing(advise_on: Any, tmp_path: Path) -> None:
    answers = {"data_must_stay_in_vpc": True, "task": "realtime_voice"}
    with pytest.raises(NoCandidate):
        _new(advise_on, tmp_path / "d", answers=answers)
    assert not (tmp_path / "d").exists()


def test_hostile_title_stays_inside_the_directory(advise_on: Any, tmp_path: Path) -> None:
    target = tmp_path / "decisions"
    for title in ("../../etc/passwd", "/abs/path", "..", "a/../../b", "\n---\n"):
        written = _new(advise_on, target, title=title)[0]
        assert written.parent == target
        assert written.resolve().is_relative_to(target.resolve())
    assert sorted(p.name for p in target.iterdir()) == [
        "0001-etc-passwd.md", "0002-abs-path.md", "0003-decision.md", "0004-a-b.md",
        "0005-decision.md",
    ]


# --- the installed program --------------------------------------------------------------


def test_cli_adr_new_writes_and_prints_the_path(modelpick: Any, catalog_min: Path,
                                                tmp_path: Path) -> None:
    answers = tmp_path / "triage.yaml"
    answers.write_text(yaml.safe_dump(TRIAGE))
    decisions = tmp_path / "docs" / "decisions"
    (decisions).mkdir(parents=True)
    (decisions / "0001-old.md").write_text("---\nstatus: accepted\n---\n# Old\n")
    (decisions / "0003-other.md").write_text("# Other\n")
    done = modelpick("adr", "new", "--answers", answers, "--dir", decisions, "--catalog",
                     catalog_min, "--title", "Triage model", "--status", "accepted",
                     "--supersedes", "1", "--no-input")
    assert done.returncode == 0, done.stderr
    new = decisions / "0004-triage-model.md"
    assert done.stdout.splitlines() == [str(new), str(decisions / "0001-old.md")]
    assert parse_record(new.read_text()).meta["status"] == "accepted"  # type: ignore[index]
    old = parse_record((decisions / "0001-old.md").read_text()).meta
    assert old == {"status": "superseded by [ADR-0004](0004-triage-model.md)"}


def test_cli_adr_new_missing_supersedes_is_exit_2(modelpick: Any, catalog_min: Path,
                                                  tmp_path: Path) -> None:
    done = modelpick("adr", "new", "--dir", tmp_path, "--catalog", catalog_min,
                     "--supersedes", "4", "--no-input", "--set", "task=rag")
    assert done.returncode == 2
    assert "no record numbered 0004" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_adr_new_no_candidate_is_exit_3(modelpick: Any, catalog_min: Path,
                                            tmp_path: Path) -> None:
    done = modelpick("adr", "new", "--dir", tmp_path / "d", "--catalog", catalog_min,
                     "--set", "data_must_stay_in_vpc=true", "--set", "task=realtime_voice",
                     "--no-input")
    assert done.returncode == 3
    assert not (tmp_path / "d").exists()
