"""Files that are not plain files, as inputs and as outputs; names too long; outputs that clash.

Every input (answers, portfolio, catalog, template, price file) that is a device, a FIFO, a
socket or a symlink to one ends in one clean exit 2 naming it, quickly and in bounded memory
(the program runs under a 512 MiB address-space limit: an unbounded read would fail). Every
output in the way that is not a regular file is refused and left as it was, root or not.
"""

from __future__ import annotations

import os
import resource
import shutil
import socket
import stat
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from modelpick.errors import InputError, WriteRefused
from modelpick.fileio import check_writable, read_bytes, refuse_overlaps, write_atomic

ROOT = Path(__file__).parent.parent.parent
CATALOG = ROOT / "tests" / "fixtures" / "catalog_min"
MEMORY = 512 * 1024 * 1024
LONG_NAME = "n" * 300  # NAME_MAX is 255
LONG_PATH = "/".join(["d" * 200] * 25)  # PATH_MAX is 4096


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(*args: str | Path, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """The installed program in bounded memory, with how long it took."""
    exe = shutil.which("modelpick")
    assert exe is not None, "the modelpick entry point is not installed (pip install -e .)"
    started = time.monotonic()
    done = subprocess.run(
        [exe, *map(str, args)], capture_output=True, text=True, timeout=30, check=False,
        cwd=cwd, stdin=subprocess.DEVNULL, preexec_fn=_limited,
    )
    return done, time.monotonic() - started


def assert_one_error(
    done: subprocess.CompletedProcess[str], seconds: float, path: str | Path, *fragments: str
) -> None:
    """Exit 2, one stderr line `modelpick: error: ` naming `path`, no traceback, no stdout."""
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert done.returncode == 2, done.stdout[-1000:] + done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("modelpick: error: "), lines
    assert str(path) in lines[0], lines
    for fragment in fragments:
        assert fragment in lines[0], lines
    assert seconds < 15, f"took {seconds:.1f} s"  # a hang would hit the 30 s timeout


def temp_files(directory: Path) -> list[str]:
    return sorted(str(p) for p in directory.rglob(".*.tmp"))


# --- hostile things -------------------------------------------------------------------------


def _socket_at(path: Path) -> None:
    # AF_UNIX paths are short (108 bytes): bind by a relative name from the directory.
    here = os.getcwd()
    os.chdir(path.parent)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.bind(path.name)
    finally:
        os.chdir(here)


def _fifo_link(path: Path) -> None:
    fifo = path.with_name(f"fifo-for-{path.name}")
    os.mkfifo(fifo)
    path.symlink_to(fifo)


MAKERS: dict[str, Callable[[Path], None]] = {
    "dev-zero-link": lambda p: p.symlink_to("/dev/zero"),
    "dev-urandom-link": lambda p: p.symlink_to("/dev/urandom"),
    "fifo": lambda p: os.mkfifo(p),
    "fifo-link": _fifo_link,
    "socket": _socket_at,
}
"""Each makes the hostile thing at a path."""

WHAT = {
    "dev-zero-link": "a device",
    "dev-urandom-link": "a device",
    "fifo": "a FIFO",
    "fifo-link": "a FIFO",
    "socket": "a socket",
}
EXPECTED = {
    # A template may not lead out of its directory at all, wherever the link points.
    ("template", "dev-zero-link"): "outside the template directory",
}


# --- in-process: the one reader --------------------------------------------------------------


def _read_soon(path: Path, max_bytes: int = 1024) -> BaseException | bytes:
    """read_bytes in a thread, failing the test if it does not return within seconds."""
    result: list[BaseException | bytes] = []

    def read() -> None:
        try:
            result.append(read_bytes(path, max_bytes=max_bytes, what="answers file"))
        except BaseException as exc:
            result.append(exc)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert result, f"reading {path} hung"
    return result[0]


@pytest.mark.parametrize("kind", list(MAKERS))
def test_reader_refuses_what_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "answers.yaml"
    MAKERS[kind](path)
    outcome = _read_soon(path)
    assert isinstance(outcome, InputError), outcome
    assert outcome.file == str(path)
    assert f"is {WHAT[kind]}" in outcome.message and "not a regular file" in outcome.message


def test_reader_refuses_a_device_named_directly() -> None:
    outcome = _read_soon(Path("/dev/zero"))
    assert isinstance(outcome, InputError) and outcome.file == "/dev/zero"


def test_reader_never_reads_past_the_limit_whatever_the_size_says(tmp_path: Path) -> None:
    proc = Path("/proc/self/status")  # a regular file of size 0 with content
    assert proc.stat().st_size == 0 and proc.is_file()
    outcome = _read_soon(proc, max_bytes=10)
    assert isinstance(outcome, InputError) and "limit of 10 bytes" in outcome.message
    assert isinstance(_read_soon(proc, max_bytes=1 << 20), bytes)


def test_reader_on_a_file_that_grows_after_the_size_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_bytes(b"a" * 10)
    real_fstat = os.fstat

    def grown(fd: int) -> os.stat_result:
        os.write(os.open(path, os.O_WRONLY | os.O_APPEND), b"b" * 100)
        return real_fstat(fd)

    monkeypatch.setattr(os, "fstat", grown)
    with pytest.raises(InputError, match="limit"):
        read_bytes(path, max_bytes=50, what="answers file")


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda d: d / LONG_NAME, "name or path is too long"),
        (lambda d: d / LONG_PATH, "name or path is too long"),
        (lambda d: d / "nowhere.yaml", "not found"),
    ],
    ids=["name-too-long", "path-too-long", "missing"],
)
def test_reader_os_errors_name_the_path(
    tmp_path: Path, make: Callable[[Path], Path], fragment: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError, match=fragment) as caught:
        read_bytes(path, max_bytes=100, what="answers file")
    assert caught.value.file == str(path)


def test_reader_on_a_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    with pytest.raises(InputError, match="symbolic links") as caught:
        read_bytes(loop, max_bytes=100, what="answers file")
    assert caught.value.file == str(loop)


def test_decision_records_are_read_through_the_reader(tmp_path: Path) -> None:
    from modelpick.records.store import read_records

    (tmp_path / "0001-a.md").write_text("# a\n", encoding="utf-8")
    (tmp_path / "0002-big.md").write_bytes(b"#" * (5 * 1024 * 1024))
    texts, _, unreadable = read_records(tmp_path)  # a file too big to be a record is passed over
    assert [name for name, _ in texts] == [str(tmp_path / "0001-a.md")]
    assert [(item.file, "limit" in item.reason) for item in unreadable] == [
        (str(tmp_path / "0002-big.md"), True)
    ]


def test_a_template_that_is_not_a_regular_file(tmp_path: Path) -> None:
    import jinja2

    from modelpick.report.user_templates import DirectoryLoader

    os.mkfifo(tmp_path / "report.md.j2")
    (tmp_path / "zero.j2").symlink_to("/dev/zero")  # leads out of the directory: refused
    (tmp_path / "ok.j2").write_text("{{ 1 + 1 }}\n", encoding="utf-8")
    env = jinja2.Environment(loader=DirectoryLoader(tmp_path))
    assert env.get_template("ok.j2").render() == "2"
    with pytest.raises(InputError, match="a FIFO") as caught:
        env.get_template("report.md.j2")
    assert caught.value.file == str(tmp_path / "report.md.j2")
    for name in ("zero.j2", "absent.j2", "../outside.j2"):
        with pytest.raises(jinja2.TemplateNotFound):
            env.get_template(name)


# --- in-process: the one target check --------------------------------------------------------


def _link_to_a_victim(path: Path) -> None:
    (path.parent / "victim").write_text("keep\n")
    path.symlink_to(path.parent / "victim")


TARGETS: dict[str, Callable[[Path], None]] = {
    "fifo": lambda p: os.mkfifo(p),
    "socket": _socket_at,
    "directory": lambda p: p.mkdir(),
    "dangling-symlink": lambda p: p.symlink_to(p.parent / "elsewhere" / "new.md"),
    "symlink-to-file": lambda p: _link_to_a_victim(p),
    "symlink-to-device": lambda p: p.symlink_to("/dev/null"),
}


def _state(path: Path) -> tuple[int, str | None]:
    info = os.lstat(path)
    return info.st_mode, os.readlink(path) if stat.S_ISLNK(info.st_mode) else None


@pytest.mark.parametrize("kind", list(TARGETS))
def test_writing_over_what_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "report.md"
    TARGETS[kind](target)
    before = _state(target)
    for force in (False, True):
        with pytest.raises(WriteRefused) as caught:
            check_writable(target, force=force, what="report")
        assert caught.value.file == str(target)
        with pytest.raises(WriteRefused):
            write_atomic(target, "x\n", force=force, what="report")
    assert _state(target) == before
    assert not (tmp_path / "elsewhere").exists()
    assert temp_files(tmp_path) == []
    if kind == "symlink-to-file":
        assert (tmp_path / "victim").read_text() == "keep\n"


def test_a_device_as_target_is_refused_even_for_root() -> None:
    before = os.stat("/dev/null")
    with pytest.raises(WriteRefused, match="a device") as caught:
        write_atomic(Path("/dev/null"), "x\n", force=True, what="report")
    assert caught.value.file == "/dev/null"
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_mode, after.st_rdev) == (
        before.st_ino, before.st_mode, before.st_rdev
    )


@pytest.mark.parametrize("name", [LONG_NAME, LONG_PATH], ids=["name", "path"])
def test_a_target_name_too_long(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    with pytest.raises(InputError, match="name or path is too long") as caught:
        write_atomic(target, "x\n", what="report")
    assert caught.value.file == str(target)
    assert list(tmp_path.iterdir()) == []


def test_a_long_but_legal_name_is_written(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 250)  # its temporary file's name must still fit
    write_atomic(target, "x\n")
    assert target.read_text() == "x\n" and temp_files(tmp_path) == []


# --- in-process: outputs that clash ----------------------------------------------------------


def test_two_outputs_that_are_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real.md").write_text("x\n")
    (tmp_path / "link.md").symlink_to("real.md")
    os.link(tmp_path / "real.md", tmp_path / "hard.md")
    (tmp_path / "sub").mkdir()
    same = [
        ("x.md", "./x.md"),
        ("x.md", str(tmp_path / "x.md")),
        ("sub/../x.md", "x.md"),
        ("real.md", "link.md"),
        ("real.md", "hard.md"),
    ]
    for first, second in same:
        with pytest.raises(WriteRefused, match="same file") as caught:
            refuse_overlaps([(Path(first), "report"), (Path(second), "answers file")])
        assert caught.value.file == str(Path(second))
    refuse_overlaps([(Path("x.md"), "report"), (Path("y.md"), "answers file")])


def test_an_output_on_an_input(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("workload: x\n")
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    inputs = [(answers, "--answers file"), (catalog, "--catalog directory")]
    with pytest.raises(WriteRefused, match="overwrite the --answers file"):
        refuse_overlaps([(tmp_path / "." / "answers.yaml", "answers file")], inputs)
    for inside in (catalog / "models.yaml", catalog / "new.md", catalog / "a" / ".." / "b.md"):
        with pytest.raises(WriteRefused, match="inside the --catalog directory"):
            refuse_overlaps([(inside, "report")], inputs)
    refuse_overlaps([(tmp_path / "catalog-report.md", "report")], inputs)
    refuse_overlaps([(tmp_path / "r.md", "report")], [(tmp_path / "absent.yaml", "x")])


# --- through the program: hostile inputs ------------------------------------------------------


def _answers_role(work: Path) -> tuple[Path, list[str | Path]]:
    path = work / "in" / "answers.yaml"
    return path, ["advise", "--no-input", "--catalog", CATALOG, "--answers", path,
                  "--report", work / "r.md", "--save-answers", work / "s.yaml"]


def _portfolio_role(work: Path) -> tuple[Path, list[str | Path]]:
    path = work / "in" / "estate.yaml"
    return path, ["portfolio", path, "--catalog", CATALOG, "--report", work / "r.md"]


def _catalog_role(work: Path) -> tuple[Path, list[str | Path]]:
    shutil.copytree(CATALOG, work / "catalog")
    path = work / "catalog" / "models.yaml"
    path.unlink()
    return path, ["advise", "--no-input", "--catalog", work / "catalog", "--report", work / "r.md"]


def _template_role(work: Path) -> tuple[Path, list[str | Path]]:
    path = work / "in" / "report.md.j2"
    return path, ["advise", "--no-input", "--catalog", CATALOG, "--template", work / "in",
                  "--report", work / "r.md"]


def _prices_role(work: Path) -> tuple[Path, list[str | Path]]:
    shutil.copytree(CATALOG, work / "catalog")
    path = work / "in" / "prices.json"
    return path, ["catalog", "import-prices", path, "--catalog", work / "catalog"]


ROLES: dict[str, Callable[[Path], tuple[Path, list[str | Path]]]] = {
    "answers": _answers_role,
    "portfolio": _portfolio_role,
    "catalog": _catalog_role,
    "template": _template_role,
    "prices": _prices_role,
}

CASES = [
    *((role, kind) for role in ROLES for kind in ("dev-zero-link", "fifo")),
    ("answers", "dev-urandom-link"),
    ("portfolio", "socket"),
    ("catalog", "fifo-link"),
    ("prices", "socket"),
]


def _snapshot(work: Path) -> dict[str, tuple[int, bytes | None]]:
    out = {}
    for path in sorted(work.rglob("*")):
        info = os.lstat(path)
        out[str(path)] = (info.st_mode, path.read_bytes() if stat.S_ISREG(info.st_mode) else None)
    return out


@pytest.fixture(scope="module")
def hostile_runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[tuple[str, str], tuple[object, ...]]]:
    """Every (role, kind) played once, a few at a time."""
    from concurrent.futures import ThreadPoolExecutor

    def play(case: tuple[str, str]) -> tuple[tuple[str, str], tuple[object, ...]]:
        role, kind = case
        work = tmp_path_factory.mktemp(f"{role}-{kind}")
        path, args = ROLES[role](work)
        path.parent.mkdir(exist_ok=True)
        if kind == "socket":
            with _chdir_lock:
                MAKERS[kind](path)
        else:
            MAKERS[kind](path)
        before = _snapshot(work)
        done, seconds = run(*args, cwd=work)
        return case, (done, seconds, path, work, before)

    with ThreadPoolExecutor(max_workers=3) as pool:
        yield dict(pool.map(play, CASES))


_chdir_lock = threading.Lock()


@pytest.mark.parametrize(("role", "kind"), CASES, ids=[f"{r}-{k}" for r, k in CASES])
def test_a_hostile_input_is_one_clean_error(
    role: str, kind: str, hostile_runs: dict[tuple[str, str], tuple[object, ...]]
) -> None:
    done, seconds, path, work, before = hostile_runs[(role, kind)]
    assert isinstance(done, subprocess.CompletedProcess) and isinstance(seconds, float)
    assert isinstance(path, Path) and isinstance(work, Path)
    assert_one_error(done, seconds, path, EXPECTED.get((role, kind), WHAT[kind]))
    assert _snapshot(work) == before  # nothing written, nothing replaced
    assert temp_files(work) == []


def test_a_proc_file_is_read_capped_and_judged_as_text(tmp_path: Path) -> None:
    done, seconds = run("advise", "--no-input", "--catalog", CATALOG,
                        "--answers", "/proc/self/status", cwd=tmp_path)
    assert_one_error(done, seconds, "/proc/self/status")


@pytest.mark.parametrize("which", ["read", "write"])
def test_a_name_too_long_through_the_program(tmp_path: Path, which: str) -> None:
    option = "--answers" if which == "read" else "--report"
    done, seconds = run("advise", "--no-input", "--catalog", CATALOG, option,
                        tmp_path / LONG_NAME, cwd=tmp_path)
    assert_one_error(done, seconds, tmp_path / LONG_NAME, "too long")
    assert list(tmp_path.iterdir()) == []


# --- through the program: outputs in the way, and outputs that clash -------------------------


WRITE_CASES = [
    ("dev-null", ["--report", "/dev/null", "--force"], "/dev/null", "a device"),
    ("fifo", ["--report", "fifo.md", "--force"], "fifo.md", "a FIFO"),
    ("directory", ["--save-answers", "dir.yaml", "--force"], "dir.yaml", "directory"),
    ("dangling-symlink", ["--report", "dangling.md", "--force"], "dangling.md", "symbolic link"),
    ("same-file", ["--report", "x.md", "--save-answers", "./x.md"], "x.md", "same file"),
    ("same-file-by-link", ["--report", "real.md", "--save-answers", "link.md", "--force"],
     "link.md", "same file"),
    ("on-the-answers", ["--answers", "answers.yaml", "--save-answers", "./answers.yaml",
                        "--force"], "answers.yaml", "--answers file"),
    ("inside-the-catalog", ["--catalog", "catalog", "--report", "catalog/models.yaml",
                            "--force"], "catalog/models.yaml", "--catalog directory"),
    ("inside-the-template", ["--template", "tpl", "--report", "tpl/report.md.j2", "--force"],
     "tpl/report.md.j2", "--template directory"),
]


def _work_for_writes(work: Path) -> None:
    os.mkfifo(work / "fifo.md")
    (work / "dir.yaml").mkdir()
    (work / "dangling.md").symlink_to(work / "gone" / "x.md")
    (work / "real.md").write_text("keep\n")
    (work / "link.md").symlink_to("real.md")
    (work / "answers.yaml").write_text("workload: Mine\ntask: rag\n")
    shutil.copytree(CATALOG, work / "catalog")
    (work / "tpl").mkdir()
    (work / "tpl" / "report.md.j2").write_text("{{ title }}\n")


@pytest.mark.parametrize(
    ("args", "named", "fragment"),
    [c[1:] for c in WRITE_CASES],
    ids=[c[0] for c in WRITE_CASES],
)
def test_an_output_that_would_be_refused_is_refused_before_any_work(
    tmp_path: Path, args: list[str], named: str, fragment: str
) -> None:
    _work_for_writes(tmp_path)
    before = _snapshot(tmp_path)
    catalog = [] if "--catalog" in args else ["--catalog", str(CATALOG)]
    done, seconds = run("advise", "--no-input", *catalog, *args, cwd=tmp_path)
    assert_one_error(done, seconds, named, fragment)
    assert _snapshot(tmp_path) == before
    assert not (tmp_path / "gone").exists() and not (tmp_path / "x.md").exists()


def test_portfolio_report_on_its_own_portfolio_file(tmp_path: Path) -> None:
    estate = tmp_path / "estate.yaml"
    estate.write_text("workloads:\n  - workload: A\n    task: rag\n")
    before = estate.read_bytes()
    done, seconds = run("portfolio", "estate.yaml", "--catalog", CATALOG, "--report",
                        estate, "--force", cwd=tmp_path)
    assert_one_error(done, seconds, estate, "portfolio file")
    assert estate.read_bytes() == before


def test_an_output_inside_the_embedded_catalog(tmp_path: Path) -> None:
    from importlib import resources

    embedded = resources.files("modelpick").joinpath("catalog_data")
    if not isinstance(embedded, Path):
        pytest.skip("the embedded catalog is not a directory on disk here")
    target = embedded / "models.yaml"
    before = target.read_bytes()
    done, seconds = run("advise", "--no-input", "--report", target, "--force", cwd=tmp_path)
    assert_one_error(done, seconds, target, "embedded catalog")
    assert target.read_bytes() == before


def test_decision_records_inside_the_catalog_are_refused(tmp_path: Path) -> None:
    shutil.copytree(CATALOG, tmp_path / "catalog")
    before = _snapshot(tmp_path)
    done, seconds = run("adr", "new", "--no-input", "--catalog", "catalog", "--dir",
                        "catalog/decisions", cwd=tmp_path)
    assert_one_error(done, seconds, "catalog/decisions", "--catalog directory")
    assert _snapshot(tmp_path) == before
