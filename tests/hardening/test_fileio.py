"""Files written safely: temp file and rename, no overwrite without --force, no symlinks out."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from modelpick.errors import InputError, WriteRefused
from modelpick.fileio import safe_child, write_atomic

CATALOG = Path(__file__).parent.parent / "fixtures" / "catalog_min"


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_writes_the_whole_text_with_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    write_atomic(target, "# report\n")
    assert target.read_text(encoding="utf-8") == "# report\n"
    assert names(tmp_path) == ["report.md"]
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask  # not mkstemp's 0600


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("keep me\n", encoding="utf-8")
    with pytest.raises(WriteRefused, match="already exists") as caught:
        write_atomic(target, "new\n")
    assert caught.value.hint == "use --force to overwrite it"
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert names(tmp_path) == ["report.md"]


def test_force_overwrites_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new\n", force=True)
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert names(tmp_path) == ["report.md"]


def test_a_file_that_appears_while_writing_is_not_clobbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    real_link = os.link

    def someone_else_first(src: str, dst: Path) -> None:
        Path(dst).write_text("theirs\n", encoding="utf-8")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", someone_else_first)
    with pytest.raises(WriteRefused, match="appeared while writing"):
        write_atomic(target, "mine\n")
    assert target.read_text(encoding="utf-8") == "theirs\n"
    assert names(tmp_path) == ["report.md"]


def test_without_hard_links_it_still_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: str, dst: Path) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    write_atomic(tmp_path / "report.md", "text\n")
    assert names(tmp_path) == ["report.md"]


@pytest.mark.parametrize("inside", [True, False], ids=["pointing inside", "pointing outside"])
def test_refuses_to_write_through_a_symlink(tmp_path: Path, inside: bool) -> None:
    work = tmp_path / "work"
    work.mkdir()
    victim = (work if inside else tmp_path) / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    link = work / "report.md"
    link.symlink_to(victim)
    for force in (False, True):
        with pytest.raises(WriteRefused, match="symbolic link"):
            write_atomic(link, "owned\n", force=force)
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_a_dangling_symlink_is_refused_too(tmp_path: Path) -> None:
    link = tmp_path / "report.md"
    link.symlink_to(tmp_path / "elsewhere" / "new.md")
    with pytest.raises(WriteRefused, match="symbolic link"):
        write_atomic(link, "x\n", force=True)
    assert not (tmp_path / "elsewhere").exists()


def test_a_directory_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "report.md").mkdir()
    with pytest.raises(WriteRefused, match="directory is in the way"):
        write_atomic(tmp_path / "report.md", "x\n", force=True)


def test_a_missing_directory_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory does not exist"):
        write_atomic(tmp_path / "nowhere" / "report.md", "x\n")


def test_an_os_error_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(InputError, match="No space left on device"):
        write_atomic(tmp_path / "report.md", "x\n")
    assert names(tmp_path) == []


# --- safe_child: names chosen from titles and workload names --------------------------------


@pytest.mark.parametrize(
    "name",
    ["", ".", "..", "../escape.md", "a/b.md", "/etc/passwd", "a\\b.md", "nul\x00.md",
     "line\nbreak.md", "..\\..\\x.md"],
)
def test_safe_child_refuses_names_that_are_not_plain(tmp_path: Path, name: str) -> None:
    with pytest.raises(WriteRefused, match="plain file name"):
        safe_child(tmp_path, name)


@pytest.mark.parametrize("name", ["0001-use-qwen3.md", "..hidden-but-plain.md", "café.md"])
def test_safe_child_accepts_plain_names(tmp_path: Path, name: str) -> None:
    assert safe_child(tmp_path, name) == tmp_path / name


def test_safe_child_refuses_a_symlinked_directory(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "decisions").symlink_to(elsewhere)
    with pytest.raises(WriteRefused, match="symbolic link"):
        safe_child(tmp_path / "decisions", "0001-x.md")


def test_safe_child_refuses_a_symlinked_file(tmp_path: Path) -> None:
    (tmp_path / "0001-x.md").symlink_to("/etc/passwd")
    with pytest.raises(WriteRefused, match="symbolic link"):
        safe_child(tmp_path, "0001-x.md")


def test_safe_child_then_write_atomic(tmp_path: Path) -> None:
    write_atomic(safe_child(tmp_path, "0001-x.md"), "# ADR\n")
    assert names(tmp_path) == ["0001-x.md"]


# --- through the program --------------------------------------------------------------------


def _advise(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("modelpick")
    assert exe is not None
    return subprocess.run(
        [exe, "advise", "--no-input", "--catalog", str(CATALOG), *map(str, args)],
        capture_output=True, text=True, timeout=60, check=False, cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


def test_cli_report_through_a_symlink_out_of_the_directory(tmp_path: Path) -> None:
    work = tmp_path / "repo"
    work.mkdir()
    outside = tmp_path / "outside.md"
    (work / "report.md").symlink_to(outside)
    done = _advise("--report", "report.md", "--force", cwd=work)
    assert done.returncode == 2, done.stderr
    assert "symbolic link" in done.stderr and "Traceback" not in done.stderr
    assert not outside.exists()


def test_cli_never_overwrites_without_force(tmp_path: Path) -> None:
    (tmp_path / "saved.yaml").write_text("keep me\n", encoding="utf-8")
    done = _advise("--save-answers", "saved.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert "already exists" in done.stderr and "--force" in done.stderr
    assert (tmp_path / "saved.yaml").read_text(encoding="utf-8") == "keep me\n"
    done = _advise("--save-answers", "saved.yaml", "--force", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "workload:" in (tmp_path / "saved.yaml").read_text(encoding="utf-8")
    assert names(tmp_path) == ["saved.yaml"]
