"""Whether the real adr-tools and log4brains read modelpick's records as it meant them.

Records written with `adr new --layout tools` (superseded, their status changed) are read by
each tool, and the title, status, date, deciders and successor each tool finds must be what
modelpick wrote.

The helpers run the tools themselves (adr-tools' bash scripts, log4brains' @log4brains/core
through `log4brains_dump.mjs`) and return only the fields each tool parses: title, status,
date, deciders, supersede links. Tests skip when a tool is not installed.

Install (see adr_tools_findings.md):
    apt-get install -y adr-tools                       # Debian's npryce/adr-tools 3.0.0
    npm ci --prefix tests/records/tools               # @log4brains/core 1.1.0, locked

Environment (all optional):
    MODELPICK_LOG4BRAINS_DUMP  the dump script (default: tools/log4brains_dump.mjs)
    LOG4BRAINS_HOME            folder whose node_modules holds @log4brains/core
                               (default: tools/, from its package-lock.json)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
TIMEOUT = 60


def _first_existing(env: str, *candidates: Path) -> Path:
    if os.environ.get(env):
        return Path(os.environ[env])
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[-1]


DUMP_SCRIPT = _first_existing("MODELPICK_LOG4BRAINS_DUMP", HERE / "tools" / "log4brains_dump.mjs")
LOG4BRAINS_HOME = Path(os.environ.get("LOG4BRAINS_HOME", str(HERE / "tools")))
"""`npm ci --prefix tests/records/tools` installs @log4brains/core there (.ci/run does)."""


# --- adr-tools -----------------------------------------------------------------------------


def _adr_bin_dir() -> Path | None:
    """Where adr-tools keeps its helper scripts (`_adr_status`, `_adr_links`...).

    Debian's /usr/bin/adr sets `adr_bin_dir=/usr/libexec/adr-tools`; a source checkout of
    npryce/adr-tools keeps them beside `adr` (its adr-config prints that directory).
    """
    adr = shutil.which("adr")
    if adr is None:
        return None
    try:
        text = Path(adr).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = re.search(r"^adr_bin_dir=(\S+)\s*$", text, re.MULTILINE)
    candidates = [Path(match.group(1).strip("'\""))] if match else []
    candidates.append(Path(adr).resolve().parent)
    for candidate in candidates:
        if (candidate / "_adr_status").is_file() and (candidate / "adr-list").is_file():
            return candidate
    return None


def adr_tools_available() -> bool:
    """adr-tools' `adr` is on PATH with its helper scripts."""
    return shutil.which("bash") is not None and _adr_bin_dir() is not None


@contextmanager
def _adr_cwd(directory: Path) -> Iterator[Path]:
    """A throw-away working directory whose `.adr-dir` points adr-tools at `directory`.

    adr-tools finds its records through `.adr-dir` (a path relative to the folder holding
    it) searched upwards from the current directory. A symlink named `adr` keeps the path
    free of characters that its `grep -E "^$adr_dir/..."` would read as a pattern; the
    trailing `/.` makes its `find` go through the symlink (`find adr` would not).
    """
    with tempfile.TemporaryDirectory(prefix="adr-tools-") as tmp:
        cwd = Path(tmp)
        (cwd / "adr").symlink_to(Path(directory).resolve(), target_is_directory=True)
        (cwd / ".adr-dir").write_text("adr/.\n", encoding="utf-8")
        yield cwd


def _run_adr(cwd: Path, *args: str) -> str:
    env = {**os.environ, "VISUAL": "true", "EDITOR": "true"}
    done = subprocess.run(
        list(args),
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done.stdout


def _adr_file(cwd: Path, n: int) -> str:
    """The `adr list` path of record n, matched on the number of its file name.

    Not adr-tools' own lookup (`_adr_file N` greps N anywhere in the path, so `2` finds
    `0001-...-120b.md`): the exact file is handed to the helpers instead.
    """
    for line in _run_adr(cwd, "adr", "list").splitlines():
        match = re.match(r"([0-9]+)-", Path(line).name)
        if match and int(match.group(1)) == n:
            return line
    raise AssertionError(f"adr list has no record {n}")


_TOC_ITEM = re.compile(r"^\* \[(.*)\]\((.*)\)\s*$")


def adr_tools_toc(directory: Path) -> list[tuple[str, str]]:
    """(title, link) for each record, as `adr generate toc` lists them."""
    with _adr_cwd(directory) as cwd:
        out = _run_adr(cwd, "adr", "generate", "toc")
    return [(m.group(1), m.group(2)) for m in map(_TOC_ITEM.match, out.splitlines()) if m]


def adr_tools_status(directory: Path, n: int) -> str:
    """Record n's status as adr-tools reads it (`_adr_status`): the non-blank lines of its
    `## Status` section, link lines included, joined by newlines."""
    bin_dir = _adr_bin_dir()
    assert bin_dir is not None, "adr-tools is not installed"
    with _adr_cwd(directory) as cwd:
        out = _run_adr(cwd, str(bin_dir / "_adr_status"), _adr_file(cwd, n))
    # mawk (Debian's awk) does not know \s: whitespace-only lines come through
    return "\n".join(line.strip() for line in out.splitlines() if line.strip())


def adr_tools_links(directory: Path, n: int) -> list[tuple[int, str]]:
    """(target number, link type) for record n, as `_adr_links` (behind `generate graph`)
    reads its status section."""
    bin_dir = _adr_bin_dir()
    assert bin_dir is not None, "adr-tools is not installed"
    with _adr_cwd(directory) as cwd:
        out = _run_adr(cwd, str(bin_dir / "_adr_links"), _adr_file(cwd, n))
    links = []
    for line in out.splitlines():
        number, _, kind = line.partition("=")
        if number.isdigit():
            links.append((int(number), kind.strip()))
    return links


_SUPERSEDED_BY = re.compile(r"^super[sc]eded\s+by\b", re.IGNORECASE)  # upstream: "Superceded"


def status_word(adr_tools_status_text: str) -> str:
    """`superseded` when any status line is a "Superseded by" link (adr-tools appends it
    after earlier links), else the first word of the first line, lower case."""
    lines = adr_tools_status_text.splitlines()
    if any(_SUPERSEDED_BY.match(line) for line in lines):
        return "superseded"
    return lines[0].split()[0].lower() if lines else ""


# --- log4brains ----------------------------------------------------------------------------


def log4brains_available() -> bool:
    """node, the dump script and @log4brains/core under LOG4BRAINS_HOME are all there."""
    core = LOG4BRAINS_HOME / "node_modules" / "@log4brains" / "core" / "package.json"
    return shutil.which("node") is not None and DUMP_SCRIPT.is_file() and core.is_file()


def log4brains_records(directory: Path) -> list[dict[str, Any]]:
    """What @log4brains/core parses from each record, in log4brains' order.

    Keys: slug, file, title, status, date (YYYY-MM-DD or None), deciders, tags,
    supersededBy (a slug or None), links ([{slug, status, label}] resolved *.md links).
    Runs locally (no network); the script's temp workdir is removed afterwards.
    """
    env = {**os.environ, "LOG4BRAINS_HOME": str(LOG4BRAINS_HOME), "NO_COLOR": "1"}
    done = subprocess.run(
        ["node", str(DUMP_SCRIPT), str(Path(directory).resolve())],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"log4brains dump failed ({done.returncode}): {done.stderr}")
    records: list[dict[str, Any]] = json.loads(done.stdout)
    return records


# --- what the records themselves say --------------------------------------------------------


def record_files(directory: Path) -> list[Path]:
    return sorted(p for p in Path(directory).iterdir() if re.match(r"[0-9]+-.*\.md$", p.name))


def number_of(name: str) -> int:
    match = re.match(r"([0-9]+)-", Path(name).name)
    assert match, f"{name}: not a numbered record"
    return int(match.group(1))


def line1_title(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# "), f"{path.name}: line 1 is not a '# ' title"
    return first[2:].strip()


needs_adr_tools = pytest.mark.skipif(not adr_tools_available(), reason="adr-tools not installed")
needs_log4brains = pytest.mark.skipif(not log4brains_available(), reason="log4brains not installed")


EXAMPLES = HERE.parents[1] / "examples"


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three records in the tools layout: 0001 superseded by 0002, 0003 deprecated."""
    exe = shutil.which("modelpick")
    assert exe is not None, "the modelpick entry point is not installed"
    directory = tmp_path_factory.mktemp("tools") / "decisions"

    def run(*args: str) -> None:
        done = subprocess.run([exe, *args], capture_output=True, text=True, timeout=TIMEOUT,
                              check=False)
        assert done.returncode == 0, done.stderr

    common = ["--dir", str(directory), "--layout", "tools", "--no-input"]
    run("adr", "new", "--answers", str(EXAMPLES / "support-ticket-triage.yaml"), *common,
        "--status", "accepted", "--decision-maker", "Ana Lopez", "--decision-maker", "Bo Chen")
    run("adr", "new", "--answers", str(EXAMPLES / "support-ticket-triage.yaml"), *common,
        "--status", "accepted", "--decision-maker", "Ana Lopez", "--supersedes", "1")
    run("adr", "new", "--answers", str(EXAMPLES / "rag-chatbot.yaml"), *common)
    run("adr", "status", "3", "deprecated", "--dir", str(directory))
    return directory


EXPECTED: dict[int, dict[str, Any]] = {
    1: {"status": "superseded", "deciders": ["Ana Lopez", "Bo Chen"], "superseded_by": 2},
    2: {"status": "accepted", "deciders": ["Ana Lopez"], "superseded_by": None,
        "supersedes": 1},
    3: {"status": "deprecated", "deciders": [], "superseded_by": None},
}


@needs_adr_tools
def test_adr_tools_toc_reads_line1_titles(chain: Path) -> None:
    files = record_files(chain)
    assert adr_tools_toc(chain) == [(line1_title(p), p.name) for p in files]
    assert all(title and title != "-" for title, _ in adr_tools_toc(chain))


@needs_adr_tools
def test_adr_tools_status_sections(chain: Path) -> None:
    for n, want in EXPECTED.items():
        assert status_word(adr_tools_status(chain, n)) == want["status"], n


@needs_adr_tools
def test_adr_tools_supersede_links_both_ways(chain: Path) -> None:
    for n, want in EXPECTED.items():
        links = adr_tools_links(chain, n)
        by = [t for t, kind in links if _SUPERSEDED_BY.match(kind)]
        supersedes = [t for t, kind in links if re.match(r"super[sc]edes$", kind, re.I)]
        assert by == ([want["superseded_by"]] if want["superseded_by"] else []), n
        assert supersedes == ([want["supersedes"]] if want.get("supersedes") else []), n


@needs_log4brains
def test_log4brains_reads_status_date_deciders_and_successor(chain: Path) -> None:
    records = {number_of(r["file"]): r for r in log4brains_records(chain)}
    files = {number_of(p.name): p for p in record_files(chain)}
    assert sorted(records) == sorted(files)
    for n, want in EXPECTED.items():
        got = records[n]
        assert got["title"] == line1_title(files[n]), n
        assert got["status"] == want["status"], n
        assert got["date"] is not None and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
                                                       got["date"]), n
        assert got["deciders"] == want["deciders"], n
        successor = want["superseded_by"]
        assert got["supersededBy"] == (files[successor].stem if successor else None), n


@needs_log4brains
def test_log4brains_ignores_the_answers_block(chain: Path) -> None:
    for record in log4brains_records(chain):
        for link in record["links"]:
            assert (chain / f"{link['slug']}.md").is_file(), link


def assert_tools_agree(directory: Path) -> None:
    """Both tools see the same titles, statuses and successor of every record."""
    files = {number_of(p.name): p for p in record_files(directory)}
    l4b = {number_of(r["file"]): r for r in log4brains_records(directory)}
    toc = {number_of(link): title for title, link in adr_tools_toc(directory)}
    assert sorted(l4b) == sorted(files) == sorted(toc)
    for n, path in files.items():
        assert toc[n] == l4b[n]["title"] == line1_title(path), path.name
        assert status_word(adr_tools_status(directory, n)) == l4b[n]["status"], path.name
        by = [t for t, kind in adr_tools_links(directory, n) if _SUPERSEDED_BY.match(kind)]
        l4b_by = l4b[n]["supersededBy"]
        assert [files[t].stem for t in by] == ([l4b_by] if l4b_by else []), path.name


@needs_adr_tools
@needs_log4brains
def test_both_tools_agree(chain: Path) -> None:
    assert_tools_agree(chain)
