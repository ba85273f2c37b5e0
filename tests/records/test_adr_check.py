"""`adr check`: decide recorded answers again and name what the current catalog changed."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from modelpick.catalog.loader import load_catalog
from modelpick.errors import InputError
from modelpick.records.drift import DriftRow, evaluate_record
from modelpick.records.format import parse_record, parse_records, render_record

TODAY = dt.date(2026, 11, 15)
TRIAGE = {"workload": "Triage", "cost_dominant": True, "task": "rag"}
PERMISSIVE = {**TRIAGE, "license_must_be_permissive": True}
LONG = {"workload": "Long documents", "cost_dominant": False, "task": "long_context"}
CODE_OPS = {"workload": "Code review", "has_inference_ops": True, "task": "code",
            "monthly_tokens": 2_000_000_000}


def edit(catalog_dir: Path, file: str, change: Callable[[Any], None]) -> None:
    path = catalog_dir / file
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def price(data: Any, model: str, provider: str) -> dict[str, Any]:
    return next(p for p in data["prices"] if p["model"] == model and p["provider"] == provider)


def record(advise_on: Any, answers: dict[str, Any], status: str = "accepted") -> str:
    advice, _, _ = advise_on(answers)
    return render_record(advice, title="t", status=status, date=TODAY)


def check(catalog_dir: Path, *records: tuple[str, str]) -> list[DriftRow]:
    catalog = load_catalog(catalog_dir)
    found, _ = parse_records(list(records))
    return [evaluate_record(record, catalog, TODAY) for record in found]


def test_nothing_changed_is_no_drift(advise_on: Any, catalog_min: Path) -> None:
    rows = check(catalog_min, *[(f"{i}.md", record(advise_on, a))
                                for i, a in enumerate([TRIAGE, PERMISSIVE, LONG, CODE_OPS])])
    assert [r.changes for r in rows] == [()] * 4
    assert not any(r.fails for r in rows)


def test_irrelevant_changes_are_no_drift(advise_on: Any, catalog_copy: Path) -> None:
    def changelog(data: Any) -> None:
        data["version"] = "2026.11.2"
        data["changelog"].insert(0, {"version": "2026.11.2", "date": dt.date(2026, 11, 10),
                                     "changes": ["Reword a note."]})

    edit(catalog_copy, "catalog.yaml", changelog)
    edit(catalog_copy, "providers.yaml",
         lambda d: price(d, "gpt-5", "openai").update(input_per_mtok=9.0))
    rows = check(
        catalog_copy, ("a.md", record(advise_on, TRIAGE)), ("b.md", record(advise_on, LONG))
    )
    assert [r.changes for r in rows] == [(), ()]
    assert rows[0].recorded_catalog_version == "2026.11.1"


def test_a_price_change_moves_the_cheapest_provider(advise_on: Any, catalog_copy: Path) -> None:
    text = record(advise_on, LONG)
    assert parse_record(text).meta["modelpick"]["recommendation"]["provider"] == "together"  # type: ignore[index]
    edit(catalog_copy, "providers.yaml",
         lambda d: price(d, "llama-4-scout", "together").update(input_per_mtok=0.5))
    [row] = check(catalog_copy, ("long.md", text))
    assert row.fails
    assert row.today["provider"] == "aws-bedrock"
    assert row.changes == (
        "cheapest provider now aws-bedrock at $0.292/M blended (price); together is $0.522/M",
        "cost of llama-4-scout at together was $28.25, now $52.25 a month (+85%; the policy's "
        "drift threshold is 25%)",
    )


def test_a_price_change_flips_the_deployment(advise_on: Any, catalog_copy: Path) -> None:
    text = record(advise_on, CODE_OPS)

    def cheap_gpus(data: Any) -> None:
        for entry in data["gpus"][0]["prices"]:
            entry["usd_per_hour"] = 0.01

    def no_operations(data: Any) -> None:
        data["policy"]["operations"].update(floor_usd_per_month=0.0, engineer_usd_per_month=0.0)

    edit(catalog_copy, "hardware.yaml", cheap_gpus)
    edit(catalog_copy, "policy.yaml", no_operations)
    [row] = check(catalog_copy, ("code.md", text))
    assert row.recorded["deployment"] == "hosted_open_weights_api"
    assert row.today["deployment"] == "self_hosted_open_weights"
    assert row.changes[0].startswith("deployment now self-hosted open weights (self-hosting ")
    assert "wins by more than the 15% margin" in row.changes[0]


def test_a_license_flip_excludes_the_recorded_model(advise_on: Any, catalog_copy: Path) -> None:
    text = record(advise_on, PERMISSIVE)
    edit(catalog_copy, "licenses.yaml", lambda d: d["licenses"][0].update(permissive=False))
    [row] = check(catalog_copy, ("p.md", text))
    assert row.recorded["model"] == "mistral-small-3.2"
    assert row.today["model"] == "deepseek-v3.2"
    assert row.changes[0].startswith(
        "model mistral-small-3.2 now excluded: license Apache-2.0 is not permissive"
    )
    assert row.changes[1] == (
        "primary now deepseek-v3.2 (ranked first in "
        "picks_cost_dominant.hosted_open_weights_api.default)"
    )


def test_a_ranking_reorder_changes_the_primary(advise_on: Any, catalog_copy: Path) -> None:
    """Where the sources' rank leads (cost does not dominate), reordering the list drifts."""
    ranked = {"workload": "Triage", "cost_dominant": False, "task": "classification"}
    text = record(advise_on, ranked)

    def reorder(data: Any) -> None:
        picks = data["policy"]["picks"]["hosted_open_weights_api"]
        picks["classification"] = ["qwen3", "mistral-small-3.2"]

    edit(catalog_copy, "policy.yaml", reorder)
    [row] = check(catalog_copy, ("t.md", text))
    assert row.recorded["model"] == "mistral-small-3.2"
    assert row.changes == (
        "model mistral-small-3.2 is still a candidate, ranked lower",
        "primary now qwen3 (ranked first in picks.hosted_open_weights_api.classification)",
    )


def test_a_ranking_reorder_is_no_drift_when_cost_dominates(
    advise_on: Any, catalog_copy: Path
) -> None:
    """Node 3 = yes: the cheapest model the policy rates leads, whatever the list's order."""
    text = record(advise_on, TRIAGE)
    assert parse_record(text).meta["modelpick"]["recommendation"]["model"] == "mistral-small-3.2"  # type: ignore[index]

    def reorder(data: Any) -> None:
        picks = data["policy"]["picks_cost_dominant"]["hosted_open_weights_api"]
        picks["default"] = ["qwen3", "mistral-small-3.2", "deepseek-v3.2", "llama-4-scout"]

    edit(catalog_copy, "policy.yaml", reorder)
    [row] = check(catalog_copy, ("t.md", text))
    assert row.changes == ()
    assert row.today["model"] == "mistral-small-3.2"


@pytest.mark.parametrize(
    ("status", "fails"),
    [("accepted", True), ("proposed", False), ("rejected", False), ("deprecated", False),
     ("superseded by [0002](0002-x.md)", False)],
)
def test_only_accepted_records_fail(advise_on: Any, catalog_copy: Path, status: str,
                                    fails: bool) -> None:
    text = record(advise_on, PERMISSIVE, status=status)
    edit(catalog_copy, "licenses.yaml", lambda d: d["licenses"][0].update(permissive=False))
    [row] = check(catalog_copy, ("r.md", text))
    assert row.drifted and row.fails is fails


def test_records_without_modelpick_answers_are_skipped(catalog_min: Path) -> None:
    rows = check(catalog_min, ("readme.md", "# Decisions\n"),
                 ("manual.md", "---\nstatus: accepted\n---\n# Manual\n"))
    assert rows == []


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("---\nstatus: accepted\nmodelpick: [\n---\n", 4, "invalid YAML"),
        ("---\nstatus: accepted\nmodelpick:\n", 1, "not closed"),
        ("---\n'modelpick: a quoted string'\n---\n", 2, "must be a mapping"),
        ("---\nstatus: accepted\nmodelpick:\n  answers:\n    task: juggling\n"
         "  recommendation: {}\n---\n", 5, "task"),
        ("---\nstatus: accepted\nmodelpick:\n  answers: 3\n---\n", 4, "modelpick.answers"),
    ],
)
def test_broken_front_matter_names_file_and_line(catalog_min: Path, text: str, line: int,
                                                 message: str) -> None:
    with pytest.raises(InputError) as caught:
        check(catalog_min, ("bad.md", text))
    assert caught.value.file == "bad.md"
    assert caught.value.line == line
    assert message in caught.value.render()


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\nstatus: accepted\n", 1),  # a Markdown rule on the first line, say
        ("---\n- a list\n---\n", 2),
        ("---\nstatus: {{status}}\ndate: {{date}}\n---\n# {{title}}\n", 2),
        ("---\ntitle: [unclosed\n---\n", 3),
    ],
)
def test_front_matter_without_modelpick_that_does_not_parse_is_skipped(
    catalog_min: Path, text: str, line: int
) -> None:
    records, skipped = parse_records([("template.md", text)])
    assert records == []
    [item] = skipped
    assert item.file == "template.md"
    assert item.line == line
    assert item.render().startswith(f"template.md:{line}: not a decision record: ")
    assert check(catalog_min, ("template.md", text)) == []


# --- the installed program --------------------------------------------------------------


def _write(directory: Path, name: str, text: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(text)


def test_cli_check_exit_1_names_the_drifted_record(advise_on: Any, modelpick: Any,
                                                    catalog_copy: Path, tmp_path: Path) -> None:
    decisions = tmp_path / "docs" / "decisions"
    _write(decisions, "0001-triage.md", record(advise_on, PERMISSIVE))
    _write(decisions, "0002-long.md", record(advise_on, LONG, status="proposed"))
    _write(decisions, "README.md", "# Decisions\n")
    done = modelpick("adr", "check", "--catalog", catalog_copy, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "0 of 2 record(s)" in done.stdout

    edit(catalog_copy, "licenses.yaml", lambda d: d["licenses"][0].update(permissive=False))
    done = modelpick("adr", "check", decisions, "--catalog", catalog_copy)
    assert done.returncode == 1, done.stderr
    assert "0001-triage" in done.stdout and "1 of 2 record(s)" in done.stdout

    done = modelpick("adr", "check", decisions, "--catalog", catalog_copy, "--format", "json")
    assert done.returncode == 1
    payload = json.loads(done.stdout)
    assert payload["drifted"] == 1
    [first, second] = payload["records"]
    assert first["record"].endswith("0001-triage.md") and first["fails"] is True
    assert first["recorded"]["model"] == "mistral-small-3.2"
    assert first["today"]["model"] == "deepseek-v3.2"
    assert second["drifted"] is False and second["status"] == "proposed"


def test_cli_check_broken_record_is_exit_2(modelpick: Any, catalog_min: Path,
                                          tmp_path: Path) -> None:
    _write(tmp_path, "0001-bad.md", "---\nstatus: accepted\nmodelpick: [\n---\n")
    done = modelpick("adr", "check", tmp_path, "--catalog", catalog_min)
    assert done.returncode == 2
    assert f"{tmp_path / '0001-bad.md'}:4" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_check_missing_directory_is_exit_2(modelpick: Any, tmp_path: Path,
                                              catalog_min: Path) -> None:
    done = modelpick("adr", "check", tmp_path / "nope", "--catalog", catalog_min)
    assert done.returncode == 2
    assert "does not exist" in done.stderr


def test_cli_new_then_check_round_trip(modelpick: Any, catalog_copy: Path,
                                       tmp_path: Path) -> None:
    done = modelpick("adr", "new", "--catalog", catalog_copy, "--set", "task=rag",
                     "--set", "cost_dominant=true", "--status", "accepted", "--no-input",
                     cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("docs/decisions/0001-")
    assert modelpick("adr", "check", "--catalog", catalog_copy, cwd=tmp_path).returncode == 0


def test_cli_advise_markdown_and_report(modelpick: Any, catalog_min: Path,
                                        tmp_path: Path) -> None:
    from markdown_checks import check_report

    report = tmp_path / "report.md"
    done = modelpick("advise", "--catalog", catalog_min, "--set", "task=rag", "--no-input",
                     "--format", "markdown", "--report", report)
    assert done.returncode == 0, done.stderr
    check_report(done.stdout, sensitivity=True)
    assert report.read_text() == done.stdout
