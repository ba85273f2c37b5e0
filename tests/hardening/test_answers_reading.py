"""Answers are read one way wherever they come from, and checked where they are given.

Files, `--set`, portfolio files and decision records read YAML 1.2's core schema, as catalogs
do; each key has one check, which the prompts run as the value is typed; countries and regions
are ISO 3166-1 alpha-2 codes or groups the catalog defines; an error names where the key came
from. The contract checked: exit 2, one `modelpick: error: ` line naming the file (and line) or
`--set`, and the key; no traceback.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from modelpick.catalog.loader import default_catalog_dir, load_catalog
from modelpick.engine import decide
from modelpick.engine.answers import resolve
from modelpick.engine.iso3166 import ALPHA_2, ALPHA_3, ASSIGNED, EXCEPTIONALLY_RESERVED
from modelpick.engine.questions import QUESTIONS_BY_KEY
from modelpick.engine.regions import UnknownRegion, region_code
from modelpick.errors import InputError
from modelpick.inputs.answers import parse_set, read_answers_file
from modelpick.inputs.portfolio import read_portfolio_file
from modelpick.records.format import parse_record
from modelpick.yamlfile import dump_yaml, load_yaml_text

CATALOG_MIN = Path(__file__).parent.parent / "fixtures" / "catalog_min"
GROUPS = ("EU",)
"""The shipped and test catalogs' region groups."""


def _error(call: Callable[[], object]) -> InputError:
    with pytest.raises(InputError) as caught:
        call()
    return caught.value


# --- one YAML reading ----------------------------------------------------------------------


def _from_file(tmp_path: Path, text: str) -> dict[str, Any]:
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return resolve(read_answers_file(path, groups=GROUPS)[0], origin=str(path)).answers.model_dump()


def _from_set(tmp_path: Path, text: str) -> dict[str, Any]:
    items = [f"{k}={v}" for k, v in (line.split(": ", 1) for line in text.splitlines())]
    return resolve(parse_set(items, groups=GROUPS), origin="--set").answers.model_dump()


def _from_portfolio(tmp_path: Path, text: str) -> dict[str, Any]:
    path = tmp_path / "portfolio.yaml"
    block = "".join(f"  {line}\n" for line in text.splitlines())
    path.write_text(f"defaults:\n{block}workloads:\n  - workload: w\n", encoding="utf-8")
    parsed = read_portfolio_file(path, groups=GROUPS)
    assert parsed.errors == ()
    return parsed.workloads[0].resolved.answers.model_dump()


def _from_record(tmp_path: Path, text: str) -> dict[str, Any]:
    block = "".join(f"    {line}\n" for line in text.splitlines())
    record = parse_record(f"---\nstatus: accepted\nmodelpick:\n  answers:\n{block}---\n", "r.md")
    assert record.meta is not None
    answers = record.meta["modelpick"]["answers"]
    return resolve(answers, origin="r.md", groups=GROUPS).answers.model_dump()


READERS = {"file": _from_file, "set": _from_set, "portfolio": _from_portfolio,
           "record": _from_record}


@pytest.mark.parametrize("reader", READERS)
def test_every_reader_reads_no_as_norway(reader: str, tmp_path: Path) -> None:
    text = "excluded_origins: [NO, cn]\ndeployment_region: no\nmonthly_tokens: 1e9"
    answers = READERS[reader](tmp_path, text)
    assert answers["excluded_origins"] == ["NO", "CN"]
    assert answers["deployment_region"] == "NO"
    assert answers["monthly_tokens"] == 1_000_000_000


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "OFF", "y"])
@pytest.mark.parametrize("reader", ["file", "set"])
def test_yes_no_on_off_are_not_booleans(word: str, reader: str, tmp_path: Path) -> None:
    error = _error(lambda: READERS[reader](tmp_path, f"cost_dominant: {word}"))
    assert error.key == "cost_dominant"
    assert error.file == (str(tmp_path / "answers.yaml") if reader == "file" else "--set")
    assert "use true or false" in error.message
    assert repr(word) in error.message


def test_true_and_false_are_booleans_in_every_spelling(tmp_path: Path) -> None:
    answers = _from_file(tmp_path, "cost_dominant: True\nfrontier_required: FALSE\n")
    assert answers["cost_dominant"] is True and answers["frontier_required"] is False


_TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=20)
"""Text as answers may hold it: no control characters (refused in every answer)."""


@given(st.dictionaries(_TEXT, _TEXT | st.dates(), max_size=4))
@settings(max_examples=200, deadline=None)
def test_what_modelpick_writes_reads_back_the_same(data: dict[str, Any]) -> None:
    """Saved answers and records: text stays text (`NO`, `1e9`, `0o17`), under YAML 1.2."""
    back = load_yaml_text(dump_yaml(data), "f").data
    assert back == {k: v if isinstance(v, str) else v.isoformat() for k, v in data.items()}


@pytest.mark.parametrize("text", ["NO", "yes", "1e9", "0o17", "1.5e5", "0x1f", "~", "null"])
def test_what_modelpick_writes_reads_back_the_same_in_yaml_1_1_tools(text: str) -> None:
    assert yaml.safe_load(dump_yaml({"workload": text})) == {"workload": text}


# --- countries and regions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("Europe", "did you mean 'EU'?"),
        ("UK", "did you mean 'GB'"),
        ("USA", "did you mean 'US'"),
        ("deu", "did you mean 'DE'"),
        ("Norway", "did you mean 'NO'?"),
        ("germnay", "did you mean 'DE'"),
        ("EL", "did you mean 'GR'"),
        ("XX", None),
        ("C1", None),
    ],
)
def test_an_unknown_code_gets_a_did_you_mean(text: str, hint: str | None) -> None:
    with pytest.raises(UnknownRegion) as caught:
        region_code(text, GROUPS)
    assert repr(text) in caught.value.message
    assert "ISO 3166-1" in caught.value.message and "EU" in caught.value.message
    if hint is None:
        assert caught.value.hint is None
    else:
        assert caught.value.hint is not None and hint in caught.value.hint


@pytest.mark.parametrize(("text", "code"), [("us", "US"), (" fr ", "FR"), ("eu", "EU"),
                                             ("NO", "NO"), ("Gb", "GB")])
def test_codes_and_groups_are_upper_cased(text: str, code: str) -> None:
    assert region_code(text, GROUPS) == code


def test_a_reserved_code_is_a_region_only_where_the_catalog_defines_it() -> None:
    assert region_code("EU", GROUPS) == "EU"
    with pytest.raises(UnknownRegion, match="reserved"):
        region_code("EU", ())


def test_without_a_catalog_group_names_are_left_unchecked() -> None:
    assert region_code("NORDICS", None) == "NORDICS"
    with pytest.raises(UnknownRegion):
        region_code("C1", None)


def test_the_iso_data_is_the_officially_assigned_list() -> None:
    codes = [code for code, _, _ in ASSIGNED]
    assert len(codes) == len(set(codes)) == 249
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in codes)
    assert len(ALPHA_3) == 249 and all(re.fullmatch(r"[A-Z]{3}", c) for c in ALPHA_3)
    assert {"NO", "GB", "US", "CN", "FR", "SS", "TW"} <= ALPHA_2
    assert not set(EXCEPTIONALLY_RESERVED) & ALPHA_2
    assert "UK" not in ALPHA_2 and "EU" not in ALPHA_2


def test_the_shipped_catalog_speaks_iso_3166() -> None:
    with default_catalog_dir() as directory:
        catalog = load_catalog(directory)
    for group, members in catalog.policy.region_groups.items():
        assert set(members) <= ALPHA_2, group
    assert {m.origin for m in catalog.models} <= ALPHA_2


def test_an_excluded_group_excludes_its_members() -> None:
    catalog = load_catalog(CATALOG_MIN)
    resolved = resolve(
        {"excluded_origins": ["EU"]}, origin="t", groups=catalog.policy.region_groups
    )
    advice = decide(resolved, catalog, dt.date(2026, 11, 15), sensitivity=False)
    french = [m.id for m in catalog.models if m.origin == "FR"]
    assert french
    reasons = {e.model: e.reason for e in advice.excluded}
    for model in french:
        assert "origin FR (in EU)" in reasons[model]


# --- where an error points -----------------------------------------------------------------


def test_an_error_names_the_source_of_its_key(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("workload: w\ntask: rag\n", encoding="utf-8")
    given, doc = read_answers_file(path, groups=GROUPS)
    given["deployment_region"] = "Europe"
    origins = {"workload": doc.file, "task": doc.file, "deployment_region": "prompt"}
    error = _error(lambda: resolve(given, origin=origins, doc=doc, groups=GROUPS))
    assert (error.file, error.line, error.key) == ("prompt", None, "deployment_region")
    given["deployment_region"], given["task"] = "EU", "rags"
    error = _error(lambda: resolve(given, origin=origins, doc=doc, groups=GROUPS))
    assert (error.file, error.line, error.key) == (str(path), 2, "task")


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        ("excluded_origins", "CN, Europe", "did you mean 'EU'?"),
        ("deployment_region", "UK", "did you mean 'GB'"),
        ("monthly_tokens", "lots", "whole number"),
        ("min_context_tokens", "1.5", "whole number"),
        ("input_share", "1.5", "got 1.5"),
        ("monthly_active_users", "-5", "got -5"),
    ],
)
def test_a_prompt_refuses_what_a_file_refuses(key: str, typed: str, message: str) -> None:
    from modelpick.cli.prompts import _validator

    shown = _validator(QUESTIONS_BY_KEY[key], GROUPS)(typed)
    assert isinstance(shown, str) and message in shown


@pytest.mark.parametrize(
    ("key", "typed", "value"),
    [
        ("excluded_origins", "cn no", ["CN", "NO"]),
        ("excluded_origins", "[CN, RU]", ["CN", "RU"]),
        ("excluded_origins", "", []),
        ("deployment_region", "eu", "EU"),
        ("deployment_region", "", None),
        ("monthly_tokens", "2B", 2_000_000_000),
        ("monthly_tokens", "", None),
        ("min_context_tokens", "32k", 32_000),
        ("input_share", "0.6", 0.6),
        ("workload", "  Triage ", "Triage"),
    ],
)
def test_a_prompt_keeps_the_value_a_file_would_give(key: str, typed: str, value: Any) -> None:
    from modelpick.cli.prompts import _typed, _validator

    question = QUESTIONS_BY_KEY[key]
    assert _validator(question, GROUPS)(typed) is True
    assert _typed(question, typed, GROUPS) == value


# --- through the installed program ---------------------------------------------------------


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("modelpick")
    assert exe is not None
    return subprocess.run(
        [exe, *map(str, args)], capture_output=True, text=True, timeout=60, check=False,
        cwd=cwd, stdin=subprocess.DEVNULL,
    )


def _one_error(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("modelpick: error: "), lines[0]
    return lines[0]


def test_a_bad_set_value_names_set_not_the_answers_file(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("workload: w\ncost_dominant: true\n", encoding="utf-8")
    done = _run(
        "advise", "--answers", answers, "--set", "deployment_region=Europe", "--no-input",
        "--catalog", CATALOG_MIN, cwd=tmp_path,
    )
    line = _one_error(done)
    assert line.startswith("modelpick: error: --set: key 'deployment_region': 'Europe'"), line
    assert "did you mean 'EU'?" in line and str(answers) not in line


def test_a_set_boolean_written_yes_is_refused(tmp_path: Path) -> None:
    done = _run(
        "advise", "--set", "cost_dominant=yes", "--no-input", "--catalog", CATALOG_MIN,
        cwd=tmp_path,
    )
    line = _one_error(done)
    assert line.startswith("modelpick: error: --set: key 'cost_dominant': 'yes'"), line
    assert "use true or false" in line


def test_norway_reaches_the_advice(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("excluded_origins: [NO]\ndeployment_region: us\n", encoding="utf-8")
    done = _run(
        "advise", "--answers", answers, "--no-input", "--format", "json",
        "--catalog", CATALOG_MIN, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load(done.stdout)  # JSON is YAML
    assert data["answers"]["excluded_origins"] == ["NO"]
    assert data["answers"]["deployment_region"] == "US"


def test_adr_check_names_the_record_line_and_key_of_a_bad_region(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("workload: w\ncost_dominant: true\n", encoding="utf-8")
    decisions = tmp_path / "decisions"
    done = _run(
        "adr", "new", "--answers", answers, "--dir", decisions, "--no-input",
        "--catalog", CATALOG_MIN, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    record = next(decisions.glob("0001-*.md"))
    text = record.read_text(encoding="utf-8")
    assert "deployment_region: null" in text
    record.write_text(text.replace("deployment_region: null", "deployment_region: Europe"),
                      encoding="utf-8")
    line_no = record.read_text(encoding="utf-8").splitlines().index(
        "    deployment_region: Europe"
    ) + 1
    done = _run("adr", "check", decisions, "--catalog", CATALOG_MIN, cwd=tmp_path)
    line = _one_error(done)
    assert f"{record}:{line_no}: key 'modelpick.answers.deployment_region'" in line, line
    assert "did you mean 'EU'?" in line
