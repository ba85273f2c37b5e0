"""The bad-input corpus, through the installed program.

Every bad file: exit 2, exactly one line on stderr (`modelpick: error: ...`) naming the file and
the line and key where there is one, no traceback, nothing on stdout, no output file written,
nothing executed. `catalog validate` on the same catalogs: exit 1 with findings. Wall times are
printed (run with -s to see them), never asserted: timing assertions flake.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml

from modelpick.inputs.answers import MAX_ANSWERS_BYTES
from modelpick.yamlfile import read_text

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
MANIFEST: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    (CORPUS / "manifest.yaml").read_text(encoding="utf-8")
)
CATALOG_MIN = HERE.parent / "fixtures" / "catalog_min"
BIG = 40 * 1024 * 1024
TIMINGS: dict[str, float] = {}


def _entries(kind: str, *, valid: bool) -> list[Any]:
    return [
        pytest.param(e, id=e["file"]) for e in MANIFEST[kind] if bool(e.get("valid")) is valid
    ]




def run(*args: str | Path, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    exe = shutil.which("modelpick")
    assert exe is not None, "the modelpick entry point is not installed (pip install -e .)"
    start = time.perf_counter()
    done = subprocess.run(
        [exe, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
    )
    return done, time.perf_counter() - start


def assert_one_error(
    done: subprocess.CompletedProcess[str], names: str | Path, fragments: list[str]
) -> str:
    """Exit 2, one stderr line naming `names`, then each fragment in order; nothing else."""
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    line = lines[0]
    assert line.startswith("modelpick: error: "), line
    assert str(names) in line, line
    rest = line[line.index(str(names)) + len(str(names)) :]
    for fragment in fragments:
        assert fragment in rest, f"{fragment!r} not in {line!r}"
        rest = rest[rest.index(fragment) + len(fragment) :]
    return line


def assert_nothing_written(directory: Path, *outputs: Path) -> None:
    for path in outputs:
        assert not path.exists(), f"{path} was written"
    assert not (directory / "PWNED").exists(), "something in the file was executed"
    leftovers = [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def timed(name: str, seconds: float) -> None:
    TIMINGS[name] = seconds
    print(f"{name}: {seconds * 1000:.0f} ms")


# The installed program starts in a few hundred milliseconds; run the corpus's hundred or so
# commands a few at a time, once per module, and let each test look at its own result.
Job = tuple[list[str | Path], Path]
"""Arguments and working directory of one run."""
Result = tuple[subprocess.CompletedProcess[str], float, Path]


@pytest.fixture(scope="module")
def corpus_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    jobs: dict[str, Job] = {}
    for entry in MANIFEST["answers"]:
        if not entry.get("valid"):
            work = tmp_path_factory.mktemp("answers")
            jobs[f"answers/{entry['file']}"] = (
                advise_args(CORPUS / "answers" / entry["file"], work), work
            )
    for entry in MANIFEST["catalogs"]:
        if not entry.get("valid"):
            work = tmp_path_factory.mktemp("catalog")
            directory, _ = overlay(entry, work)
            jobs[f"catalogs/{entry['file']}"] = (["catalog", "list", "--catalog", directory], work)
    for entry in MANIFEST["portfolio"]:
        if not entry.get("valid"):
            work = tmp_path_factory.mktemp("portfolio")
            jobs[f"portfolio/{entry['file']}"] = (
                portfolio_args(CORPUS / "portfolio" / entry["file"], work), work
            )

    def one(item: tuple[str, Job]) -> tuple[str, Result]:
        key, (args, work) = item
        done, seconds = run(*args, cwd=work)
        return key, (done, seconds, work)

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(pool.map(one, jobs.items()))


# --- answers --------------------------------------------------------------------------------


def advise_args(answers: Path, work: Path) -> list[str | Path]:
    return [
        "advise", "--answers", answers, "--no-input", "--format", "json",
        "--catalog", CATALOG_MIN,
        "--report", work / "report.md", "--save-answers", work / "saved.yaml",
    ]


def advise_with(answers: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    return run(*advise_args(answers, tmp_path), cwd=tmp_path)


@pytest.mark.parametrize("entry", _entries("answers", valid=False))
def test_bad_answers_file(entry: dict[str, Any], corpus_runs: dict[str, Result]) -> None:
    path = CORPUS / "answers" / entry["file"]
    done, seconds, work = corpus_runs[f"answers/{entry['file']}"]
    timed(f"answers/{entry['file']}", seconds)
    assert_one_error(done, path, entry["expect"])
    assert_nothing_written(work, work / "report.md", work / "saved.yaml")


@pytest.mark.parametrize("entry", _entries("answers", valid=True))
def test_valid_answers_file(entry: dict[str, Any], tmp_path: Path) -> None:
    done, _ = advise_with(CORPUS / "answers" / entry["file"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert (tmp_path / "report.md").exists()
    assert "workload: Corpus case" in (tmp_path / "saved.yaml").read_text(encoding="utf-8")


# --- catalogs -------------------------------------------------------------------------------


def overlay(entry: dict[str, Any], tmp_path: Path) -> tuple[Path, Path]:
    """A copy of catalog_min with one file replaced by the corpus file."""
    directory = tmp_path / "catalog"
    shutil.copytree(CATALOG_MIN, directory)
    target = directory / entry["target"]
    shutil.copyfile(CORPUS / "catalogs" / entry["file"], target)
    return directory, target


@pytest.mark.parametrize("entry", _entries("catalogs", valid=False))
def test_bad_catalog_file(entry: dict[str, Any], corpus_runs: dict[str, Result]) -> None:
    done, seconds, work = corpus_runs[f"catalogs/{entry['file']}"]
    timed(f"catalogs/{entry['file']}", seconds)
    assert_one_error(done, work / "catalog" / entry["target"], entry["expect"])
    assert_nothing_written(work)


@pytest.mark.parametrize("entry", _entries("catalogs", valid=False)[::5])
def test_bad_catalog_advise_writes_nothing(entry: dict[str, Any], tmp_path: Path) -> None:
    directory, target = overlay(entry, tmp_path)
    report = tmp_path / "report.md"
    done, _ = run(
        "advise", "--no-input", "--catalog", directory, "--report", report, cwd=tmp_path
    )
    assert_one_error(done, target, entry["expect"])
    assert_nothing_written(tmp_path, report)


@pytest.mark.parametrize("entry", _entries("catalogs", valid=False))
def test_catalog_validate_reports_findings(
    entry: dict[str, Any], corpus_runs: dict[str, Result]
) -> None:
    """In-process, as `catalog validate` prints it (the command's own exit codes and output
    are run through the program in tests/catalog)."""
    from modelpick.catalog.checks import validate_directory
    from modelpick.report.findings import format_text

    _, _, work = corpus_runs[f"catalogs/{entry['file']}"]
    target = work / "catalog" / entry["target"]
    result = validate_directory(work / "catalog")
    assert not result.passed(strict=False)
    text = format_text(result)
    finding = [line for line in text.splitlines() if str(target) in line]
    assert finding, text
    last = entry["expect"][-1].strip("'")  # validate prints keys without quotes
    assert any(last in line for line in finding), text
    assert_nothing_written(work)


@pytest.mark.parametrize("entry", _entries("catalogs", valid=True))
def test_valid_catalog_with_a_byte_order_mark(entry: dict[str, Any], tmp_path: Path) -> None:
    directory, _ = overlay(entry, tmp_path)
    done, _ = run("catalog", "validate", directory, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    done, _ = run("catalog", "list", "--catalog", directory, cwd=tmp_path)
    assert done.returncode == 0, done.stderr


# --- portfolio ------------------------------------------------------------------------------


def portfolio_args(path: Path, work: Path) -> list[str | Path]:
    return [
        "portfolio", path, "--format", "json", "--catalog", CATALOG_MIN,
        "--report", work / "report.md",
    ]


def portfolio_with(path: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    return run(*portfolio_args(path, tmp_path), cwd=tmp_path)


@pytest.mark.parametrize("entry", _entries("portfolio", valid=False))
def test_bad_portfolio_file(entry: dict[str, Any], corpus_runs: dict[str, Result]) -> None:
    path = CORPUS / "portfolio" / entry["file"]
    done, seconds, work = corpus_runs[f"portfolio/{entry['file']}"]
    timed(f"portfolio/{entry['file']}", seconds)
    assert_one_error(done, path, entry["expect"])
    assert_nothing_written(work, work / "report.md")


@pytest.mark.parametrize("entry", _entries("portfolio", valid=True))
def test_valid_portfolio_file(entry: dict[str, Any], tmp_path: Path) -> None:
    done, _ = portfolio_with(CORPUS / "portfolio" / entry["file"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "report.md").exists()


@pytest.mark.parametrize("entry", MANIFEST["portfolio_partial"], ids=lambda e: e["file"])
def test_bad_workloads_each_get_a_located_error(entry: dict[str, Any], tmp_path: Path) -> None:
    path = CORPUS / "portfolio" / entry["file"]
    done, _ = portfolio_with(path, tmp_path)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == len(entry["expect"]), done.stderr
    for line, fragments in zip(lines, entry["expect"], strict=True):
        assert line.startswith(f"modelpick: error: {path}"), line
        for fragment in fragments:
            assert fragment in line, f"{fragment!r} not in {line!r}"


@pytest.mark.parametrize("entry", MANIFEST["portfolio_partial"], ids=lambda e: e["file"])
def test_bad_workloads_write_no_report(entry: dict[str, Any], tmp_path: Path) -> None:
    done, _ = portfolio_with(CORPUS / "portfolio" / entry["file"], tmp_path)
    assert done.returncode == 2
    assert_nothing_written(tmp_path, tmp_path / "report.md")


# --- generated cases: huge, a directory, unreadable, missing --------------------------------


def _big_file(path: Path) -> Path:
    """40 MB of plausible YAML, written sparsely-fast (one comment line, then padding)."""
    with path.open("wb") as handle:
        handle.write(b"workload: big\n# ")
        handle.write(b"x" * (BIG - 16))
        handle.write(b"\n")
    return path


def _unreadable(path: Path) -> Path:
    path.write_text("workload: secret\n", encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):
        path.chmod(0o600)
        pytest.skip("running as root: chmod 000 does not stop reading")
    return path


def _make(kind: str, tmp_path: Path, name: str) -> Path:
    path = tmp_path / "inputs" / name
    path.parent.mkdir(exist_ok=True)
    if kind == "huge":
        return _big_file(path)
    if kind == "directory":
        path.mkdir()
        return path
    if kind == "unreadable":
        return _unreadable(path)
    assert kind == "missing"
    return path


GENERATED = [
    ("huge", ["limit"]),
    ("directory", ["directory"]),
    ("unreadable", ["not readable"]),
    ("missing", ["not found"]),
]


@pytest.mark.parametrize(("kind", "fragments"), GENERATED, ids=[g[0] for g in GENERATED])
def test_generated_answers_file(kind: str, fragments: list[str], tmp_path: Path) -> None:
    path = _make(kind, tmp_path, "answers.yaml")
    done, seconds = advise_with(path, tmp_path)
    timed(f"answers/<{kind}>", seconds)
    assert_one_error(done, path.name if kind == "directory" else path, fragments)
    assert_nothing_written(tmp_path, tmp_path / "report.md", tmp_path / "saved.yaml")


@pytest.mark.parametrize(("kind", "fragments"), GENERATED, ids=[g[0] for g in GENERATED])
def test_generated_catalog_file(kind: str, fragments: list[str], tmp_path: Path) -> None:
    directory = tmp_path / "catalog"
    shutil.copytree(CATALOG_MIN, directory)
    target = directory / "models.yaml"
    target.unlink()
    if kind == "huge":
        _big_file(target)
    elif kind == "directory":
        target.mkdir()
    elif kind == "unreadable":
        _unreadable(target)
    done, seconds = run("catalog", "list", "--catalog", directory, cwd=tmp_path)
    timed(f"catalogs/<{kind}>", seconds)
    assert_one_error(done, target, fragments)
    done, _ = run("catalog", "validate", directory, cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert str(target) in done.stdout and "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize(("kind", "fragments"), GENERATED, ids=[g[0] for g in GENERATED])
def test_generated_portfolio_file(kind: str, fragments: list[str], tmp_path: Path) -> None:
    path = _make(kind, tmp_path, "portfolio.yaml")
    done, seconds = portfolio_with(path, tmp_path)
    timed(f"portfolio/<{kind}>", seconds)
    assert_one_error(done, path.name if kind == "directory" else path, fragments)
    assert_nothing_written(tmp_path, tmp_path / "report.md")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["catalog", "validate", "{tmp}/nowhere"], "does not exist"),
        (["catalog", "validate", "{tmp}/a-file"], "not a directory"),
        (["catalog", "list", "--catalog", "{tmp}/nowhere"], "does not exist"),
    ],
    ids=["validate-missing", "validate-file", "list-missing"],
)
def test_catalog_directory_itself_bad(args: list[str], fragment: str, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    done, _ = run(*(a.format(tmp=tmp_path) for a in args), cwd=tmp_path)
    assert_one_error(done, tmp_path, [fragment])


def test_unreadable_file_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The unreadable case in-process, for when the suite runs as root."""
    path = tmp_path / "answers.yaml"
    path.write_text("workload: x\n", encoding="utf-8")

    def refuse(file: object, *args: object) -> int:
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(Exception) as caught:
        read_text(path, max_bytes=MAX_ANSWERS_BYTES, what="answers file")
    assert caught.value.render() == f"{path}: answers file is not readable (permission denied)"  # type: ignore[attr-defined]


def test_timings_of_the_small_files() -> None:
    """Print the median and slowest wall time of the corpus runs (not asserted).

    The corpus runs four at a time, so these are upper bounds of a lone run's time.
    """
    small = {k: v for k, v in TIMINGS.items() if "<huge>" not in k}
    if not small:
        pytest.skip("run with the corpus tests to collect timings")
    slowest = max(small, key=small.__getitem__)
    print(
        f"\n{len(small)} corpus runs: median {statistics.median(small.values()) * 1000:.0f} ms, "
        f"max {small[slowest] * 1000:.0f} ms ({slowest})"
    )
