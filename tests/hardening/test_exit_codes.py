"""Every command's exit codes, exactly as PRODUCT.md lists them, in one table.

0 a recommendation (or a clean check); 1 a check failed; 2 bad input or usage; 3 no model
satisfies the constraints; 70 an internal error (a bug); 130 interrupted (tested in a
pseudo-terminal: test_terminal.py) and 143 terminated (test_signals.py).
Rows for commands that are not there yet are expected failures, checked with `CMD --help`.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parent.parent.parent
CATALOG = ROOT / "tests" / "fixtures" / "catalog_min"
TRIAGE = ROOT / "examples" / "support-ticket-triage.yaml"
PORTFOLIO = ROOT / "examples" / "portfolio.yaml"

Setup = Callable[[Path], None]


def _nothing(_: Path) -> None:
    pass


@dataclass(frozen=True)
class Row:
    id: str
    args: list[str]
    code: int
    command: tuple[str, ...]
    """The command whose `--help` says whether it exists yet."""
    setup: Setup = _nothing
    stderr: str | None = None
    """A fragment the error line must contain."""
    steps: list[list[str]] = field(default_factory=list)
    """Commands to run first (each must exit 0), e.g. to write a record to check."""


# --- setups ---------------------------------------------------------------------------------


def _answers(work: Path, name: str, text: str) -> None:
    (work / name).write_text(text, encoding="utf-8")


def bad_answers(work: Path) -> None:
    _answers(work, "bad.yaml", "workload: x\nmonthly_tokens: -5\n")


def broken_catalog(work: Path) -> None:
    """Well-formed, but a named check fails: a GPU claims native fp4 and gives no fp4 rate."""
    shutil.copytree(CATALOG, work / "catalog")
    path = work / "catalog" / "hardware.yaml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace("native_precisions: [bf16, fp8]",
                          "native_precisions: [bf16, fp8, fp4]", 1)
    assert broken != text
    path.write_text(broken, encoding="utf-8")


def catalog_copy(work: Path) -> None:
    shutil.copytree(CATALOG, work / "catalog")


def existing_report(work: Path) -> None:
    (work / "report.md").write_text("keep me\n", encoding="utf-8")


def permissive_answers(work: Path) -> None:
    catalog_copy(work)
    _answers(work, "permissive.yaml",
             "workload: Triage\ncost_dominant: true\ntask: rag\nlicense_must_be_permissive: true\n")


def drift_after_record(work: Path) -> None:
    """Called between the steps and the checked command: a license turns non-permissive."""
    path = work / "catalog" / "licenses.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["licenses"][0]["permissive"] = False
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def broken_record(work: Path) -> None:
    (work / "decisions").mkdir()
    (work / "decisions" / "0001-bad.md").write_text(
        "---\nstatus: accepted\nmodelpick: [\n---\n", encoding="utf-8"
    )


def bad_workload(work: Path) -> None:
    _answers(work, "estate.yaml",
             "workloads:\n  - workload: Triage\n    task: rag\n  - workload: Bad\n    task: 42\n")


def a_file(work: Path) -> None:
    (work / "a-file").write_text("x\n", encoding="utf-8")


C = str(CATALOG)
RECORD = ["adr", "new", "--answers", "permissive.yaml", "--no-input", "--dir", "decisions",
          "--status", "accepted", "--catalog", "catalog"]

ROWS = [
    Row("version", ["--version"], 0, ()),
    Row("advise ok", ["advise", "--answers", str(TRIAGE), "--no-input", "--catalog", C], 0,
        ("advise",)),
    Row("advise json ok", ["advise", "--answers", str(TRIAGE), "--no-input", "--format", "json",
                           "--catalog", C], 0, ("advise",)),
    Row("advise bad answers", ["advise", "--answers", "bad.yaml", "--no-input", "--catalog", C],
        2, ("advise",), bad_answers, stderr="bad.yaml:2"),
    Row("advise missing answers file", ["advise", "--answers", "nope.yaml", "--no-input"], 2,
        ("advise",), stderr="not found"),
    Row("advise bad --set", ["advise", "--set", "tsk=rag", "--no-input"], 2, ("advise",),
        stderr="did you mean 'task'"),
    Row("advise unknown option", ["advise", "--bogus"], 2, ("advise",), stderr="--bogus"),
    Row("advise bad --format", ["advise", "--format", "pdf", "--no-input"], 2, ("advise",)),
    Row("advise no candidate", ["advise", "--set", "min_context_tokens=1T", "--no-input",
                                "--catalog", C], 3, ("advise",)),
    Row("advise report exists", ["advise", "--no-input", "--catalog", C, "--report", "report.md"],
        2, ("advise",), existing_report, stderr="already exists"),
    Row("advise report --force", ["advise", "--no-input", "--catalog", C, "--report",
                                  "report.md", "--force"], 0, ("advise",), existing_report),
    Row("advise broken catalog", ["advise", "--no-input", "--catalog", "catalog"], 2,
        ("advise",), broken_catalog, stderr="hardware.yaml"),
    Row("unknown command", ["frobnicate"], 2, (), stderr="frobnicate"),
    Row("catalog validate ok", ["catalog", "validate", C], 0, ("catalog", "validate")),
    Row("catalog validate embedded", ["catalog", "validate"], 0, ("catalog", "validate")),
    Row("catalog validate broken", ["catalog", "validate", "catalog"], 1,
        ("catalog", "validate"), broken_catalog),
    Row("catalog validate missing dir", ["catalog", "validate", "nowhere"], 2,
        ("catalog", "validate"), stderr="does not exist"),
    Row("catalog validate a file", ["catalog", "validate", "a-file"], 2,
        ("catalog", "validate"), a_file, stderr="not a directory"),
    Row("catalog list", ["catalog", "list", "--catalog", C], 0, ("catalog", "list")),
    Row("catalog list providers", ["catalog", "list", "providers", "--catalog", C], 0,
        ("catalog", "list")),
    Row("catalog list bad kind", ["catalog", "list", "gpus-and-more"], 2, ("catalog", "list")),
    Row("catalog show", ["catalog", "show", "qwen3", "--catalog", C], 0, ("catalog", "show")),
    Row("catalog show unknown id", ["catalog", "show", "nosuch", "--catalog", C], 2,
        ("catalog", "show"), stderr="nosuch"),
    Row("catalog schema", ["catalog", "schema"], 0, ("catalog", "schema")),
    Row("adr new ok", ["adr", "new", "--answers", str(TRIAGE), "--no-input", "--dir", "decisions",
                       "--catalog", C], 0, ("adr", "new")),
    Row("adr new --dir is a file", ["adr", "new", "--answers", str(TRIAGE), "--no-input",
                                    "--dir", "a-file", "--catalog", C], 2, ("adr", "new"),
        a_file),
    Row("adr new no candidate", ["adr", "new", "--set", "min_context_tokens=1T", "--no-input",
                                 "--dir", "decisions", "--catalog", C], 3, ("adr", "new")),
    Row("adr check no drift", ["adr", "check", "decisions", "--catalog", "catalog"], 0,
        ("adr", "check"), permissive_answers, steps=[RECORD]),
    Row("adr check drift", ["adr", "check", "decisions", "--catalog", "catalog"], 1,
        ("adr", "check"), permissive_answers, steps=[RECORD, ["<drift>"]]),
    Row("adr check bad record", ["adr", "check", "decisions", "--catalog", C], 2,
        ("adr", "check"), broken_record, stderr="0001-bad.md:4"),
    Row("adr check missing dir", ["adr", "check", "nowhere", "--catalog", C], 2,
        ("adr", "check"), stderr="does not exist"),
    Row("portfolio ok", ["portfolio", str(PORTFOLIO), "--catalog", C], 0, ("portfolio",)),
    Row("portfolio bad workload", ["portfolio", "estate.yaml", "--catalog", C], 2,
        ("portfolio",), bad_workload, stderr="estate.yaml:5"),
    Row("portfolio missing file", ["portfolio", "nope.yaml", "--catalog", C], 2, ("portfolio",),
        stderr="not found"),
    Row("tree", ["tree"], 0, ("tree",)),
    Row("tree mermaid", ["tree", "--format", "mermaid"], 0, ("tree",)),
]


def _exe() -> str:
    exe = shutil.which("modelpick")
    assert exe is not None, "the modelpick entry point is not installed (pip install -e .)"
    return exe


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_exe(), *args], capture_output=True, text=True, timeout=60,
                          check=False, cwd=cwd, stdin=subprocess.DEVNULL)


_EXISTS: dict[tuple[str, ...], bool] = {}


def _exists(command: tuple[str, ...]) -> bool:
    if command not in _EXISTS:
        done = subprocess.run([_exe(), *command, "--help"], capture_output=True, timeout=30,
                              check=False)
        _EXISTS[command] = done.returncode == 0
    return _EXISTS[command]


def _play(row: Row, work: Path) -> subprocess.CompletedProcess[str]:
    row.setup(work)
    for step in row.steps:
        if step == ["<drift>"]:
            drift_after_record(work)
            continue
        first = _run(step, work)
        assert first.returncode == 0, first.stderr
    return _run(row.args, work)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every row played once, a few at a time (each starts the program a few hundred ms)."""
    works = {row.id: tmp_path_factory.mktemp("exit") for row in ROWS}

    def play(row: Row) -> tuple[str, Any]:
        try:
            return row.id, _play(row, works[row.id])
        except AssertionError as exc:  # a setup step failed: report it in the row's test
            return row.id, exc

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(pool.map(play, ROWS))


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_exit_code(row: Row, outcomes: dict[str, Any], request: pytest.FixtureRequest) -> None:
    if row.command and not _exists(row.command):
        request.applymarker(pytest.mark.xfail(
            reason=f"`modelpick {' '.join(row.command)}` not landed", strict=False
        ))
    done = outcomes[row.id]
    if isinstance(done, AssertionError):
        raise done
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == row.code, done.stdout[-2000:] + done.stderr
    if row.code in (2, 3):
        errors = [line for line in done.stderr.splitlines() if line.startswith("modelpick: ")]
        assert errors, done.stderr
        if row.stderr is not None:
            assert row.stderr in done.stderr
    if row.code == 0:
        assert "modelpick: error" not in done.stderr


# --- a bug is exit 70, never 2 ----------------------------------------------------------------


_BUGGY = """
import sys
import modelpick.engine

def broken(*args, **kwargs):
    raise ZeroDivisionError("a bug\\nwith a second line")

modelpick.engine.decide = broken
sys.argv = ["modelpick", *sys.argv[1:]]
from modelpick.entry import main
main()
"""


def _buggy_run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    import os
    import sys

    return subprocess.run(
        [sys.executable, "-c", _BUGGY, "advise", "--no-input", "--catalog", str(CATALOG)],
        capture_output=True, text=True, timeout=60, check=False, cwd=tmp_path,
        stdin=subprocess.DEVNULL, env={**os.environ, **env},
    )


def test_an_unexpected_exception_is_exit_70_with_one_line(tmp_path: Path) -> None:
    done = _buggy_run(tmp_path)
    assert done.returncode == 70, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("modelpick: internal error: ZeroDivisionError")
    assert "a bug" in lines[0] and "report" in lines[0] and "MODELPICK_DEBUG=1" in lines[0]
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_modelpick_debug_shows_the_traceback(tmp_path: Path) -> None:
    done = _buggy_run(tmp_path, MODELPICK_DEBUG="1")
    assert done.returncode != 0
    assert "Traceback" in done.stderr and "ZeroDivisionError" in done.stderr
