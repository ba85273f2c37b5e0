"""`advise --format json` against its JSON Schema, through the installed program."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import jsonschema
import pytest

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "schemas" / "advise-output.schema.json").read_text()
)

Run = Callable[..., CompletedProcess[str]]

CASES = [
    (["--set", "cost_dominant=true", "--set", "task=classification"], 0),
    (["--set", "data_must_stay_in_vpc=true", "--set", "task=code"], 0),
    (["--set", "frontier_required=true", "--set", "task=agentic_coding"], 0),
    (["--set", "cost_dominant=true", "--set", "task=realtime_voice"], 0),
    (["--set", "data_must_stay_in_vpc=true", "--set", "task=realtime_voice"], 3),
    (["--set", "task=code", "--set", "has_inference_ops=true", "--set", "monthly_tokens=1T"], 0),
]


@pytest.mark.parametrize(("args", "code"), CASES)
def test_json_output_matches_its_schema(modelpick: Run, args: list[str], code: int) -> None:
    proc = modelpick("advise", "--no-input", "--format", "json", *args)
    assert proc.returncode == code, proc.stderr
    data = json.loads(proc.stdout)  # nothing but one JSON object on stdout
    jsonschema.validate(data, SCHEMA)
    if code == 3:
        assert data["deployment"] is None and data["primary"] is None
        assert data["excluded"]
        assert "no model satisfies" in proc.stderr


def test_file_and_set_give_the_same_json(modelpick: Run, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("workload: w\ncost_dominant: true\ntask: rag\nmonthly_tokens: 5000000000\n")
    from_file = modelpick("advise", "--answers", answers, "--format", "json")
    from_set = modelpick(
        "advise", "--no-input", "--format", "json", "--set", "workload=w",
        "--set", "cost_dominant=true", "--set", "task=rag", "--set", "monthly_tokens=5B",
    )
    assert from_file.returncode == from_set.returncode == 0
    assert json.loads(from_file.stdout) == json.loads(from_set.stdout)


def test_saved_answers_reproduce_the_advice(modelpick: Run, tmp_path: Path) -> None:
    saved = tmp_path / "saved.yaml"
    first = modelpick("advise", "--no-input", "--format", "json", "--set", "task=code",
                      "--save-answers", saved)
    assert first.returncode == 0, first.stderr
    again = modelpick("advise", "--answers", saved, "--format", "json")
    a, b = json.loads(first.stdout), json.loads(again.stdout)
    assert a["primary"] == b["primary"] and a["deployment"] == b["deployment"]
    assert b["answers"]["assumed"] == []


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("task: clasification\n", "did you mean 'classification'"),
        ("monthly_tokens: lots\n", "monthly_tokens"),
        ("cost_dominat: true\n", "did you mean 'cost_dominant'"),
        ("input_share: 1.5\n", "input_share"),
        ("excluded_origins: CN\n", "excluded_origins"),
        ("monthly_tokens: -5\n", "monthly_tokens"),
    ],
)
def test_bad_answers_name_file_line_and_key(
    modelpick: Run, tmp_path: Path, content: str, needle: str
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("workload: w\n" + content)
    proc = modelpick("advise", "--answers", answers, "--format", "json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert f"{answers}:2" in proc.stderr and needle in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_bad_set_is_exit_2(modelpick: Run) -> None:
    proc = modelpick("advise", "--no-input", "--set", "monthly_tokenz=5")
    assert proc.returncode == 2
    assert "did you mean 'monthly_tokens'" in proc.stderr
