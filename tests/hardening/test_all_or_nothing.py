"""Commands that write several files write all of them or none (fileio.write_files).

The primitive is tested with failures injected at each stage (staging, placing the second
file, an interrupt between two placements, a target swapped for a FIFO or its directory
removed meanwhile, no hard links); then each of the three commands that write more than one
file (advise --report --save-answers, adr new --supersedes, catalog import-prices) is shown
to go through it, by the same injected failure.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import signal
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from modelpick.errors import InputError, WriteRefused
from modelpick.fileio import Output, write_files
from modelpick.fileio import writing as fileio

TODAY = dt.date(2026, 11, 15)


def state(directory: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `directory`: its bytes and mode (temp files included, so they show)."""
    return {
        str(p.relative_to(directory)): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def three(tmp_path: Path) -> tuple[list[Output], dict[str, tuple[bytes, int]]]:
    """Two existing files to replace and one new one; the directory's state before."""
    (tmp_path / "a.md").write_text("old a\n")
    (tmp_path / "a.md").chmod(0o640)
    (tmp_path / "b.md").write_text("old b\n")
    outputs = [
        Output(tmp_path / "a.md", "new a\n", what="report", overwrite=True),
        Output(tmp_path / "new.md", "new file\n", what="record"),
        Output(tmp_path / "b.md", "new b\n", what="answers file", overwrite=True),
    ]
    return outputs, state(tmp_path)


def _fail_on(
    monkeypatch: pytest.MonkeyPatch, name: str, call: int, exc: BaseException
) -> list[int]:
    """Make fileio's `name` raise `exc` on its `call`-th call (1-based); count the calls."""
    real = getattr(fileio, name)
    calls = [0]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == call:
            raise exc
        return real(*args, **kwargs)

    monkeypatch.setattr(fileio, name, wrapper)
    return calls


def test_all_written_with_their_modes(
    tmp_path: Path, three: tuple[list[Output], dict[str, tuple[bytes, int]]]
) -> None:
    outputs, _ = three
    write_files(outputs)
    after = state(tmp_path)
    assert after["a.md"] == (b"new a\n", 0o640)
    assert after["b.md"][0] == b"new b\n" and after["new.md"][0] == b"new file\n"
    assert sorted(after) == ["a.md", "b.md", "new.md"]


@pytest.mark.parametrize("call", [1, 2, 3])
def test_a_failure_while_staging_changes_nothing(
    tmp_path: Path,
    three: tuple[list[Output], dict[str, tuple[bytes, int]]],
    monkeypatch: pytest.MonkeyPatch,
    call: int,
) -> None:
    outputs, before = three
    _fail_on(monkeypatch, "_stage", call, OSError(errno.ENOSPC, "No space left on device"))
    with pytest.raises(InputError, match="No space left on device; nothing was written"):
        write_files(outputs)
    assert state(tmp_path) == before


@pytest.mark.parametrize("call", [2, 3])
@pytest.mark.parametrize(
    "exc",
    [OSError(errno.EIO, "Input/output error"), KeyboardInterrupt()],
    ids=["os-error", "keyboard-interrupt"],
)
def test_a_failure_while_placing_puts_back_what_was_placed(
    tmp_path: Path,
    three: tuple[list[Output], dict[str, tuple[bytes, int]]],
    monkeypatch: pytest.MonkeyPatch,
    call: int,
    exc: BaseException,
) -> None:
    outputs, before = three
    calls = _fail_on(monkeypatch, "_place", call, exc)
    with pytest.raises(InputError if isinstance(exc, OSError) else KeyboardInterrupt):
        write_files(outputs)
    assert calls[0] == call
    assert state(tmp_path) == before  # a.md restored (content and mode), new.md removed


def test_a_target_swapped_for_a_fifo_meanwhile(
    tmp_path: Path,
    three: tuple[list[Output], dict[str, tuple[bytes, int]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    outputs, before = three
    real_stage = fileio._stage

    def then_swap(output: Output, directory: Path, temps: list[str]) -> str:
        tmp = real_stage(output, directory, temps)
        if output.path.name == "b.md":
            output.path.unlink()
            os.mkfifo(output.path)
        return tmp

    monkeypatch.setattr(fileio, "_stage", then_swap)
    with pytest.raises(WriteRefused, match="FIFO"):
        write_files(outputs)
    assert stat.S_ISFIFO(os.lstat(tmp_path / "b.md").st_mode)  # left as it was found
    del before["b.md"]
    assert state(tmp_path) == before


def test_a_directory_removed_before_the_second_file_is_placed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "report.md").write_text("old\n")
    outputs = [
        Output(tmp_path / "one" / "report.md", "new\n", what="report", overwrite=True),
        Output(tmp_path / "two" / "answers.yaml", "x: 1\n", what="answers file"),
    ]
    real_place = fileio._place

    def remove_two_first(output: Output, tmp: str, temps: list[str]) -> Any:
        if output.path.parent.name == "two":
            shutil.rmtree(tmp_path / "two")
        return real_place(output, tmp, temps)

    monkeypatch.setattr(fileio, "_place", remove_two_first)
    with pytest.raises(InputError, match="nothing was written") as caught:
        write_files(outputs)
    assert caught.value.file == str(tmp_path / "two" / "answers.yaml")
    assert state(tmp_path) == {"one/report.md": (b"old\n", 0o666 & ~_umask())}


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_without_hard_links_the_replaced_file_is_kept_as_a_copy(
    tmp_path: Path,
    three: tuple[list[Output], dict[str, tuple[bytes, int]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    outputs, before = three

    def no_links(src: str, dst: str) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    _fail_on(monkeypatch, "_place", 3, OSError(errno.EIO, "Input/output error"))
    with pytest.raises(InputError):
        write_files(outputs)
    assert state(tmp_path) == before


class _Stop(BaseException):
    pass


def test_a_signal_while_placing_waits_until_every_file_is_placed(
    tmp_path: Path,
    three: tuple[list[Output], dict[str, tuple[bytes, int]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    outputs, _ = three
    real_place = fileio._place

    def signalled(output: Output, tmp: str, temps: list[str]) -> Any:
        if output is outputs[0]:
            os.kill(os.getpid(), signal.SIGTERM)  # held: delivered once all three are placed
        return real_place(output, tmp, temps)

    def stop(signum: int, frame: object) -> None:
        raise _Stop

    monkeypatch.setattr(fileio, "_place", signalled)
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        with pytest.raises(_Stop):
            write_files(outputs)
    finally:
        signal.signal(signal.SIGTERM, previous)
    after = state(tmp_path)
    assert sorted(after) == ["a.md", "b.md", "new.md"]  # complete, and no temporary file
    assert after["a.md"][0] == b"new a\n" and after["b.md"][0] == b"new b\n"


def test_outputs_that_are_one_file_are_refused_before_anything(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("keep\n")
    (tmp_path / "y.md").symlink_to("x.md")
    with pytest.raises(WriteRefused, match="same file"):
        write_files([
            Output(tmp_path / "x.md", "1\n", what="report", overwrite=True),
            Output(tmp_path / "sub" / ".." / "x.md", "2\n", what="answers file", overwrite=True),
        ])
    assert (tmp_path / "x.md").read_text() == "keep\n"


# --- the three commands go through it --------------------------------------------------------


def test_advise_report_and_answers_both_or_neither(
    tmp_path: Path, advise_on: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from modelpick.cli.advise import write_outputs

    _, _, resolved = advise_on({"workload": "W", "task": "rag"})
    (tmp_path / "r.md").write_text("old report\n")
    before = state(tmp_path)
    _fail_on(monkeypatch, "_place", 2, OSError(errno.EIO, "Input/output error"))
    with pytest.raises(InputError, match="nothing was written") as caught:
        write_outputs(resolved, "# new report\n", report=tmp_path / "r.md",
                      save_answers=tmp_path / "a.yaml", force=True)
    assert caught.value.file == str(tmp_path / "a.yaml")
    assert state(tmp_path) == before


def test_adr_supersede_both_or_neither(
    tmp_path: Path, advise_on: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from modelpick.records.store import write_new_record

    advice, _, _ = advise_on({"workload": "W", "task": "rag"})
    write_new_record(tmp_path, advice, title=None, status="accepted",
                     date=TODAY)
    before = state(tmp_path)
    _fail_on(monkeypatch, "_place", 2, OSError(errno.EIO, "Input/output error"))
    with pytest.raises(InputError, match="nothing was written"):
        write_new_record(tmp_path, advice, title=None, status="accepted",
                         date=TODAY, supersedes=1)
    assert state(tmp_path) == before  # no new record, and the old one not marked


def test_import_prices_all_catalog_files_or_none(
    catalog_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from modelpick.catalog import prices_import as imp
    from modelpick.catalog.loader import load_catalog
    from modelpick.catalog.price_plan import PriceMap

    catalog = load_catalog(catalog_copy)
    price = next(p for p in catalog.prices if p.litellm_key)
    assert price.litellm_key is not None
    entries = {price.litellm_key: {"input_cost_per_token": price.input_per_mtok * 2e-6,
                                   "output_cost_per_token": price.output_per_mtok * 2e-6}}
    plan = imp.plan_import(catalog, PriceMap(file="p.json", sha256="0" * 64,
                                                 entries=entries), date=TODAY)
    before = state(catalog_copy)
    calls = _fail_on(monkeypatch, "_place", 2, OSError(errno.EIO, "Input/output error"))
    with pytest.raises(InputError, match="nothing was written"):
        imp.write_import(plan, catalog, today=TODAY)
    assert calls[0] == 2  # two files (providers.yaml, catalog.yaml): the second one failed
    assert state(catalog_copy) == before
