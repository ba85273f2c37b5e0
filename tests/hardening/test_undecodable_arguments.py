"""Arguments whose bytes are not UTF-8, and templates that render text no file can hold.

A file name may be any bytes; an answer, a title, an id or a report may not. Each such case is
exit 2 with one line naming where the text came from, never an internal error (exit 70).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

CATALOG_MIN = Path(__file__).parent.parent / "fixtures" / "catalog_min"


def run(*args: str | bytes | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("modelpick")
    assert exe is not None, "the modelpick entry point is not installed (pip install -e .)"
    return subprocess.run(
        [exe, *args], capture_output=True, text=True, errors="replace", timeout=60,
        check=False, cwd=cwd, stdin=subprocess.DEVNULL,
    )


def assert_one_error(done: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("modelpick: error: "), done.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.mark.parametrize(
    "item", [b"task=\xff", b"deployment_region=\xffE", b"monthly_tokens=2\xff", b"ta\xffsk=rag"]
)
def test_a_set_value_that_is_not_utf8(item: bytes, tmp_path: Path) -> None:
    done = run("advise", "--no-input", "--catalog", CATALOG_MIN, "--set", item, cwd=tmp_path)
    assert_one_error(done, "--set", "not valid UTF-8", "0xff")


def test_a_record_title_that_is_not_utf8(tmp_path: Path) -> None:
    done = run("adr", "new", "--no-input", "--catalog", CATALOG_MIN, "--dir", tmp_path / "d",
               "--title", b"a\xffb", cwd=tmp_path)
    assert_one_error(done, "--title", "not valid UTF-8")
    assert not (tmp_path / "d").exists()


def test_a_catalog_id_that_is_not_utf8(tmp_path: Path) -> None:
    done = run("catalog", "show", b"qw\xffen", cwd=tmp_path)
    assert_one_error(done, "not valid UTF-8")


def test_a_file_name_that_is_not_utf8_is_still_a_file_name(tmp_path: Path) -> None:
    name = b"answers-\xff.yaml"
    (tmp_path / name.decode("utf-8", "surrogateescape")).write_text("task: rag\n")
    done = run("advise", "--no-input", "--catalog", CATALOG_MIN, "--answers", name,
               "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr


def test_a_template_that_renders_a_lone_surrogate(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "report.md.j2").write_text('# x\n{{ "\\ud800" }}\n', encoding="utf-8")
    done = run("advise", "--no-input", "--catalog", CATALOG_MIN, "--template", tmp_path / "t",
               "--report", tmp_path / "r.md", cwd=tmp_path)
    assert_one_error(done, str(tmp_path / "t" / "report.md.j2"), "not valid Unicode")
    assert not (tmp_path / "r.md").exists()


@pytest.mark.parametrize("output", [["--format", "text"], ["--format", "json"]])
def test_a_bad_template_directory_is_refused_whatever_the_format(
    output: list[str], tmp_path: Path
) -> None:
    done = run("advise", "--no-input", "--catalog", CATALOG_MIN,
               "--template", tmp_path / "missing", *output, cwd=tmp_path)
    assert_one_error(done, str(tmp_path / "missing"), "does not exist")


def test_a_record_directory_that_is_a_dangling_symlink(tmp_path: Path) -> None:
    (tmp_path / "d").symlink_to(tmp_path / "nowhere")
    done = run("adr", "new", "--no-input", "--catalog", CATALOG_MIN, "--dir", tmp_path / "d",
               cwd=tmp_path)
    assert_one_error(done, str(tmp_path / "d"), "symbolic link to nothing")
    assert (tmp_path / "d").is_symlink() and not (tmp_path / "nowhere").exists()
