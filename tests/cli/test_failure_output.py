"""A failing command's stderr: the output already names what failed, so main adds nothing;
otherwise exactly one `modelpick: error:` line. Run through the installed program."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

Run = Callable[..., subprocess.CompletedProcess[str]]
PERMISSIVE = ["--set", "workload=Triage", "--set", "cost_dominant=true", "--set", "task=rag",
              "--set", "license_must_be_permissive=true"]


def _edit(path: Path, change: Callable[[Any], None]) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_a_drifted_record_is_exit_1_with_the_table_alone(
    modelpick: Run, catalog_copy: Path, tmp_path: Path
) -> None:
    decisions = tmp_path / "decisions"
    done = modelpick("adr", "new", *PERMISSIVE, "--status", "accepted", "--dir", decisions,
                     "--catalog", catalog_copy, "--no-input")
    assert done.returncode == 0, done.stderr
    _edit(catalog_copy / "licenses.yaml", lambda d: d["licenses"][0].update(permissive=False))
    for fmt in ("text", "json"):
        done = modelpick("adr", "check", decisions, "--catalog", catalog_copy, "--format", fmt)
        assert (done.returncode, done.stderr) == (1, ""), fmt
        assert "0001-" in done.stdout


def test_an_invalid_catalog_is_exit_1_with_the_findings_alone(
    modelpick: Run, catalog_copy: Path
) -> None:
    _edit(catalog_copy / "models.yaml", lambda d: d["models"][0].update(license="nope"))
    done = modelpick("catalog", "validate", catalog_copy)
    assert (done.returncode, done.stderr) == (1, "")
    assert "nope" in done.stdout


def test_bad_workloads_are_exit_2_with_one_line_each(modelpick: Run, tmp_path: Path,
                                                     catalog_min: Path) -> None:
    estate = tmp_path / "estate.yaml"
    estate.write_text("workloads:\n  - workload: ok\n    task: rag\n"
                      "  - workload: bad\n    monthly_tokens: -4\n"
                      "  - workload: worse\n    task: nope\n")
    done = modelpick("portfolio", estate, "--catalog", catalog_min)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("modelpick: error: ") for line in lines)
    assert "ok" in done.stdout


def test_nothing_fits_is_exit_3_with_one_line(modelpick: Run, catalog_min: Path) -> None:
    done = modelpick("advise", "--no-input", "--set", "min_context_tokens=100000000",
                     "--catalog", catalog_min)
    assert done.returncode == 3
    assert done.stderr.splitlines() == [
        "modelpick: error: no model satisfies the constraints; every exclusion is listed above"
    ]
