"""Decision-record numbering under concurrency, duplicate numbers, and files that are not records.

Writers started at once get distinct numbers (a directory lock, and a claim check for when
there is no lock); `adr check` fails two records with one number; `--supersedes` refuses an
ambiguous number; and a stray file (a template, an editor's swap file, a pipe, a link to
/dev/zero) is a one-line warning, never a blocker, a hang or a crash.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import os
import shutil
import subprocess
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from modelpick.errors import InputError
from modelpick.records import store
from modelpick.records.format import (
    duplicate_numbers,
    parse_record,
    record_number,
    records_numbered,
    render_record,
)
from modelpick.records.store import numbering_lock, write_new_record

CATALOG = Path(__file__).parent.parent / "fixtures" / "catalog_min"
TODAY = dt.date(2026, 11, 15)
RAG = {"workload": "Search", "task": "rag"}
WRITERS = 20


def exe() -> str:
    found = shutil.which("modelpick")
    assert found is not None, "the modelpick entry point is not installed (pip install -e .)"
    return found


def names(directory: Path) -> list[str]:
    return sorted(os.listdir(directory))


def assert_clean_stderr(stderr: str, code: int) -> None:
    """modelpick's contract: no traceback; a failure is one `modelpick: error:` line, last."""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    errors = [line for line in lines if line.startswith("modelpick: error: ")]
    assert errors == (lines[-1:] if code != 0 else []), stderr
    assert all(line.startswith("modelpick: warning: ") for line in lines[:-1]), stderr


def assert_whole_records(directory: Path, record_names: list[str]) -> None:
    """Every record parses, carries its answers, and ends where a rendered report ends."""
    for name in record_names:
        record = parse_record((directory / name).read_text(encoding="utf-8"), name)
        assert record.meta is not None and "answers" in record.meta["modelpick"], name
        assert record.body.endswith("\n") and record.body.lstrip().startswith("# "), name


# --- many writers at once ------------------------------------------------------------------


def test_twenty_cli_writers_at_once_get_distinct_numbers(tmp_path: Path) -> None:
    """Half with a title each, half with identical answers and so one default title."""
    decisions = tmp_path / "decisions"
    decisions.mkdir()
    base = [exe(), "adr", "new", "--dir", str(decisions), "--catalog", str(CATALOG),
            "--no-input", "--set", "task=rag", "--set", "workload=Search"]
    procs = [
        subprocess.Popen(
            [*base, *(["--title", f"Decision {i}"] if i % 2 else [])],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        )
        for i in range(WRITERS)
    ]
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    printed = []
    for code, stdout, stderr in results:
        assert code in (0, 2), stderr
        assert_clean_stderr(stderr, code)
        if code == 0:
            [path] = stdout.splitlines()
            printed.append(Path(path).name)
    on_disk = names(decisions)  # no lock file, no temporary file, nothing withdrawn left over
    assert sorted(printed) == on_disk
    numbers = [record_number(name) for name in on_disk]
    assert numbers == list(range(1, len(numbers) + 1))  # distinct; taking turns leaves no gaps
    assert len(on_disk) == WRITERS  # with a 10 s wait, nobody should have had to give up
    assert_whole_records(decisions, on_disk)
    slugs = sorted({name[5:] for name in on_disk})
    assert len(slugs) == WRITERS // 2 + 1  # ten titles, and one default title ten times


@pytest.fixture
def no_flock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system that refuses flock (as some network file systems do)."""

    def refuse(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", refuse)


def _fork_writers(
    directory: Path, advise_on: Callable[..., Any], title: Callable[[int], str | None]
) -> list[int]:
    """Fork WRITERS children that wait at one gate, then write a record each; their exit codes."""
    advice, _, _ = advise_on(RAG)
    render_record(advice, title="warm", status="proposed", date=TODAY)
    gate_read, gate_write = os.pipe()
    children = []
    for i in range(WRITERS):
        with warnings.catch_warnings():  # 3.12+ warns when a test runner has threads
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            code = 70
            try:
                os.close(gate_write)
                os.read(gate_read, 1)  # returns when the parent closes the gate
                write_new_record(directory, advice, title=title(i),
                                 status="proposed", date=TODAY)
                code = 0
            except InputError:
                code = 2
            finally:
                os._exit(code)
        children.append(pid)
    os.close(gate_read)
    os.close(gate_write)  # open the gate: all at once
    return [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children]


@pytest.mark.parametrize("titles", ["distinct", "identical"])
def test_without_flock_the_claim_check_keeps_numbers_distinct(
    tmp_path: Path, advise_on: Any, no_flock: None, titles: str
) -> None:
    codes = _fork_writers(tmp_path, advise_on,
                          lambda i: f"Decision {i}" if titles == "distinct" else None)
    assert set(codes) <= {0, 2}
    on_disk = names(tmp_path)
    numbers = [record_number(name) for name in on_disk]
    assert None not in numbers  # no temporary file left behind
    assert len(set(numbers)) == len(numbers) == codes.count(0)
    assert codes.count(0) >= 1
    assert_whole_records(tmp_path, on_disk)


def test_with_flock_forked_writers_take_turns(tmp_path: Path, advise_on: Any) -> None:
    codes = _fork_writers(tmp_path, advise_on, lambda i: None)
    assert codes == [0] * WRITERS
    assert [record_number(n) for n in names(tmp_path)] == list(range(1, WRITERS + 1))


# --- the claim check, one race at a time ------------------------------------------------------


def _new(advise_on: Any, directory: Path, **kw: Any) -> list[Path]:
    advice, _, _ = advise_on(RAG)
    kw.setdefault("title", "Ours")
    return write_new_record(directory, advice, status="proposed",
                            date=TODAY, **kw)


def _rival_on_first_place(
    monkeypatch: pytest.MonkeyPatch, rival: Callable[[Path, str], None]
) -> list[str]:
    """Before the first placement, let another writer (without the lock) create a file."""
    real = store._place
    attempts: list[str] = []

    def place(directory: Path, new_name: str, *args: Any) -> list[Path]:
        attempts.append(new_name)
        if len(attempts) == 1:
            rival(directory, new_name)
        return real(directory, new_name, *args)

    monkeypatch.setattr(store, "_place", place)
    return attempts


def test_a_rival_with_the_same_number_makes_us_take_the_next(
    tmp_path: Path, advise_on: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "0001-first.md").write_text("# First\n")
    attempts = _rival_on_first_place(
        monkeypatch, lambda d, name: (d / "0002-rival.md").write_text("# Rival\n")
    )
    [written] = _new(advise_on, tmp_path)
    assert attempts == ["0002-ours.md", "0003-ours.md"]
    assert written.name == "0003-ours.md"
    assert names(tmp_path) == ["0001-first.md", "0002-rival.md", "0003-ours.md"]
    assert (tmp_path / "0002-rival.md").read_text() == "# Rival\n"


def test_a_rival_with_the_same_name_is_never_replaced(
    tmp_path: Path, advise_on: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _rival_on_first_place(monkeypatch, lambda d, name: (d / name).write_text("# Rival\n"))
    [written] = _new(advise_on, tmp_path)
    assert written.name == "0002-ours.md"
    assert (tmp_path / "0001-ours.md").read_text() == "# Rival\n"
    assert names(tmp_path) == ["0001-ours.md", "0002-ours.md"]


def test_a_lost_claim_restores_the_superseded_record_then_supersedes_it_once(
    tmp_path: Path, advise_on: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "0001-old.md"
    old.write_text("---\nstatus: accepted\n---\n# Old\n")
    _rival_on_first_place(
        monkeypatch, lambda d, name: (d / "0002-rival.md").write_text("# Rival\n")
    )
    new, rewritten = _new(advise_on, tmp_path, supersedes=1)
    assert new.name == "0003-ours.md" and rewritten == old
    text = old.read_text()
    assert parse_record(text).meta == {"status": "superseded by [ADR-0003](0003-ours.md)"}
    assert text.count("Superseded by") == 1
    assert names(tmp_path) == ["0001-old.md", "0002-rival.md", "0003-ours.md"]


# --- the lock --------------------------------------------------------------------------------


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    """The directory, locked by another writer for as long as the test runs."""
    fd = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield tmp_path
    finally:
        os.close(fd)


def test_a_held_lock_is_waited_for_then_refused_naming_the_directory(
    locked: Path, advise_on: Any
) -> None:
    start = time.monotonic()
    with pytest.raises(InputError) as caught:
        _new(advise_on, locked, lock_timeout=0.3)
    assert 0.3 <= time.monotonic() - start < 5
    assert caught.value.file == str(locked)
    assert "gave up waiting after 0.3 s" in caught.value.render()
    assert names(locked) == []


def test_the_lock_leaves_nothing_behind(tmp_path: Path, advise_on: Any) -> None:
    [written] = _new(advise_on, tmp_path / "new")
    assert names(tmp_path / "new") == [written.name]
    with numbering_lock(tmp_path / "new") as held:
        assert held
    assert names(tmp_path / "new") == [written.name]


def test_a_refused_flock_falls_back_to_the_claim_check(
    tmp_path: Path, advise_on: Any, no_flock: None
) -> None:
    with numbering_lock(tmp_path) as held:
        assert not held
    assert [p.name for p in _new(advise_on, tmp_path)] == ["0001-ours.md"]


# --- numbers given twice ---------------------------------------------------------------------


def _record(advise_on: Any, status: str = "accepted") -> str:
    advice, _, _ = advise_on(RAG)
    return render_record(advice, title="t", status=status, date=TODAY)


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([exe(), *map(str, args)], capture_output=True, text=True,
                          timeout=60, check=False, stdin=subprocess.DEVNULL)


def test_check_fails_two_records_with_one_number(tmp_path: Path, advise_on: Any) -> None:
    text = _record(advise_on)
    for name in ("0001-one.md", "0003-a.md", "0003-b.md"):
        (tmp_path / name).write_text(text)
    (tmp_path / "0005-notes.md").write_text("# no front matter\n")
    (tmp_path / "0005-more-notes.md").write_text("# no front matter either\n")

    done = run("adr", "check", tmp_path, "--catalog", CATALOG)
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    assert "0 of 3 record(s)" in done.stdout  # nothing drifted: the numbering alone fails
    assert "0003 is used by 2 files: 0003-a.md, 0003-b.md" in done.stdout
    assert "0005 is used by 2 files: 0005-more-notes.md, 0005-notes.md" in done.stdout
    assert "2 record number(s) used more than once" in done.stdout

    done = run("adr", "check", tmp_path, "--catalog", CATALOG, "--format", "json")
    assert done.returncode == 1, done.stderr
    payload = json.loads(done.stdout)
    assert {"records", "drifted", "failing"} <= set(payload)  # existing keys stay
    assert payload["failing"] == 0 and len(payload["records"]) == 3
    assert payload["duplicates"] == [
        {"number": 3, "records": [str(tmp_path / "0003-a.md"), str(tmp_path / "0003-b.md")]},
        {"number": 5, "records": [str(tmp_path / "0005-more-notes.md"),
                                  str(tmp_path / "0005-notes.md")]},
    ]
    assert payload["skipped"] == []


def test_check_passes_distinct_numbers_and_names_non_utf8_ones(
    tmp_path: Path, advise_on: Any
) -> None:
    (tmp_path / "0001-one.md").write_text(_record(advise_on))
    raw = os.fsencode(tmp_path) + b"/0001-caf\xe9.md"
    with open(raw, "wb") as handle:
        handle.write(b"# a hand-written record under a Latin-1 name\n")
    done = run("adr", "check", tmp_path, "--catalog", CATALOG, "--format", "json")
    assert done.returncode == 1, done.stderr
    [dup] = json.loads(done.stdout)["duplicates"]
    assert dup["records"][0].endswith("0001-caf\\xe9.md")
    assert run("adr", "check", tmp_path, "--catalog", CATALOG).returncode == 1


def test_supersedes_an_ambiguous_or_missing_number_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "0003-a.md").write_text("# A\n")
    (tmp_path / "0003-b.md").write_text("# B\n")
    (tmp_path / "0004-dir.md").mkdir()
    before = {n: (tmp_path / n).is_dir() or (tmp_path / n).read_text() for n in names(tmp_path)}
    base = ("adr", "new", "--dir", tmp_path, "--catalog", CATALOG, "--no-input",
            "--set", "task=rag", "--supersedes")

    done = run(*base, "3")
    assert done.returncode == 2
    assert_clean_stderr(done.stderr, 2)
    assert "0003-a.md" in done.stderr and "0003-b.md" in done.stderr

    for missing in ("4", "9"):  # 4 is a directory named like a record: not a record
        done = run(*base, missing)
        assert done.returncode == 2
        lines = done.stderr.splitlines()
        assert lines[-1].startswith("modelpick: error: ")
        assert f"no record numbered 000{missing} to supersede" in lines[-1]
        assert lines[:-1] == [
            f"modelpick: warning: {tmp_path / '0004-dir.md'}: "
            "a directory, not a decision record; skipped"
        ]
    after = {n: (tmp_path / n).is_dir() or (tmp_path / n).read_text() for n in names(tmp_path)}
    assert after == before


def test_supersedes_through_a_symlink_is_refused_before_writing(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.txt").write_text("# Elsewhere\n")
    (tmp_path / "0001-link.md").symlink_to("elsewhere.txt")
    done = run("adr", "new", "--dir", tmp_path, "--catalog", CATALOG, "--no-input",
               "--set", "task=rag", "--supersedes", "1")
    assert done.returncode == 2
    assert_clean_stderr(done.stderr, 2)
    assert "symbolic link" in done.stderr
    assert names(tmp_path) == ["0001-link.md", "elsewhere.txt"]


# --- files that are not records -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("0003-x.md", 3), ("12345-big.md", 12345), ("0003-.md", 3),
        (".0003-x.md.swp", None), ("0003-x.md~", None), ("#0003-x.md#", None),
        (".#0003-x.md", None), ("0003-x.md.orig", None), ("0003-x.md\n", None),
        ("\u0660\u0660\u0660\u0663-x.md", None), ("003-x.md", None), ("0003_x.md", None),
    ],
)
def test_only_record_names_have_numbers(name: str, number: int | None) -> None:
    assert record_number(name) == number


def test_duplicate_numbers_are_grouped_in_name_order() -> None:
    found = duplicate_numbers(
        ["0003-b.md", "0001-a.md", "0003-a.md", "0003-a.md~", "README.md", "0004-x.md"]
    )
    assert found == {3: ["0003-a.md", "0003-b.md"]}
    assert records_numbered(["0003-b.md", "0003-a.md", "0002-c.md"], 3) == [
        "0003-a.md", "0003-b.md"
    ]


TEMPLATE = "---\nstatus: {{status}}\ndate: {{date}}\n---\n# {{title}}\n"


def _stray_directory(directory: Path, advise_on: Any) -> dict[str, str]:
    """One real record among strays; each stray with the warning it deserves from `adr check`."""
    directory.mkdir()
    (directory / "0001-real.md").write_text(_record(advise_on, status="proposed"))
    (directory / "README.md").write_text("# Decisions\n\n* [0001](0001-real.md)\n")
    (directory / "index.md").write_text("---\ntitle: Index\n---\n")
    (directory / "template.md").write_text(TEMPLATE)
    (directory / "0002-template.md").write_text(TEMPLATE)
    (directory / "0004-latin1.md").write_bytes(b"---\nstatus: accept\xe9\n---\n")
    (directory / "0005-binary.md").write_bytes(b"\x00\x01\x02")
    (directory / "0006-dir.md").mkdir()
    os.mkfifo(directory / "0007-pipe.md")
    (directory / "0008-zero.md").symlink_to("/dev/zero")
    (directory / ".0010-real.md.swp").write_bytes(b"\x00vim swap")
    (directory / "0011-real.md~").write_text("backup\n")
    (directory / "#0012-real.md#").write_text("emacs autosave\n")
    (directory / ".#0013-real.md").symlink_to("user@host.1234:1700000000")  # emacs lock
    (directory / "notes.txt").write_text("not Markdown: not looked at\n")
    (directory / ".0009-x.md.k2j4_x9a.tmp").write_text("a write in progress\n")
    swap = "not a decision record name (an editor's swap or backup file?)"
    return {
        "0002-template.md": "not a decision record: ",
        "0004-latin1.md": "not valid UTF-8",
        "0005-binary.md": "binary",
        "0006-dir.md": "a directory, not a decision record",
        "0007-pipe.md": "a FIFO (named pipe), not a decision record",
        "0008-zero.md": "a device, not a decision record",
        ".0010-real.md.swp": swap,
        "0011-real.md~": swap,
        "#0012-real.md#": swap,
        ".#0013-real.md": swap,
        "template.md": "not a decision record: ",
    }


NOT_READ_BY_NEW = {"0002-template.md", "0004-latin1.md", "0005-binary.md", "template.md"}


def _warnings(stderr: str, directory: Path) -> dict[str, str]:
    out = {}
    for line in stderr.splitlines():
        assert line.startswith("modelpick: warning: "), line
        assert line.endswith("; skipped"), line
        rest = line.removeprefix(f"modelpick: warning: {directory}/")
        name, _, reason = rest.partition(": ")
        name = name.split(":")[0]  # file:line
        assert name not in out, f"warned twice: {line}"
        out[name] = reason
    return out


def _assert_warned(stderr: str, directory: Path, expected: dict[str, str]) -> None:
    warned = _warnings(stderr, directory)
    assert sorted(warned) == sorted(expected)
    for name, fragment in expected.items():
        assert fragment in warned[name], (name, warned[name])


def test_strays_are_one_line_warnings_for_new_check_and_supersedes(
    tmp_path: Path, advise_on: Any
) -> None:
    decisions = tmp_path / "decisions"
    strays = _stray_directory(decisions, advise_on)
    from_new = {k: v for k, v in strays.items() if k not in NOT_READ_BY_NEW}

    done = run("adr", "check", decisions, "--catalog", CATALOG)
    assert done.returncode == 0, done.stderr
    _assert_warned(done.stderr, decisions, strays)
    assert "0 of 1 record(s)" in done.stdout

    done = run("adr", "check", decisions, "--catalog", CATALOG, "--format", "json")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert [Path(s["file"]).name for s in payload["skipped"]] == sorted(strays)
    assert [Path(r["record"]).name for r in payload["records"]] == ["0001-real.md"]

    done = run("adr", "new", "--dir", decisions, "--catalog", CATALOG, "--no-input",
               "--set", "task=rag", "--title", "Next")
    assert done.returncode == 0, done.stderr
    _assert_warned(done.stderr, decisions, from_new)
    assert done.stdout == f"{decisions / '0009-next.md'}\n"  # swap and backup names: no number

    done = run("adr", "new", "--dir", decisions, "--catalog", CATALOG, "--no-input",
               "--set", "task=rag", "--set", "workload=Search", "--title", "Again",
               "--supersedes", "1")
    assert done.returncode == 0, done.stderr
    _assert_warned(done.stderr, decisions, from_new)  # each once, though listed twice
    assert done.stdout.splitlines() == [str(decisions / "0010-again.md"),
                                        str(decisions / "0001-real.md")]
    assert (decisions / "template.md").read_text() == TEMPLATE
    assert (decisions / "0007-pipe.md").is_fifo()
