"""`advise --template DIR`: every way a user's template can fail is one located error.

The contract, checked on the installed program: exit code 2, one `modelpick: error: ` line
naming the template file (and the line, where the failure has one), no traceback, nothing on
stdout and no report written. The wording after the location is modelpick's, not asserted.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest

from modelpick.errors import InputError

Run = Callable[..., CompletedProcess[str]]
CATALOG_MIN = Path(__file__).parent.parent / "fixtures" / "catalog_min"


@dataclass(frozen=True)
class Link:
    """A symlink to `target` (`{outside}` is the path of a file outside the directory)."""

    target: str


@dataclass(frozen=True)
class Fifo:
    """A named pipe: reading it would block until someone writes."""


Spec = str | bytes | Link | Fifo


def _make(directory: Path, files: dict[str, Spec], outside: Path) -> None:
    directory.mkdir()
    for name, spec in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(spec, Link):
            path.symlink_to(spec.target.replace("{outside}", str(outside)))
        elif isinstance(spec, Fifo):
            os.mkfifo(path)
        elif isinstance(spec, bytes):
            path.write_bytes(spec)
        else:
            path.write_text(spec.replace("{outside}", str(outside)))


def _advise(modelpick: Run, tmp_path: Path, files: dict[str, Spec]) -> CompletedProcess[str]:
    outside = tmp_path / "outside.j2"
    outside.write_text("# secret\n")
    _make(tmp_path / "t", files, outside)
    return modelpick(
        "advise", "--no-input", "--set", "task=rag", "--catalog", CATALOG_MIN,
        "--format", "markdown", "--template", tmp_path / "t", "--report", tmp_path / "out.md",
    )


def _assert_one_located_error(
    done: CompletedProcess[str], tmp_path: Path, where: str
) -> str:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    prefix = f"modelpick: error: {tmp_path / 't' / where}: "
    assert lines[0].startswith(prefix), (prefix, lines[0])
    assert len(lines[0]) > len(prefix)  # a message follows the location
    assert done.stdout == ""
    assert not (tmp_path / "out.md").exists()
    return lines[0][len(prefix):]


DEEP = "(" * 5000 + "1" + ")" * 5000
TOP = "report.md.j2"

# (case, the directory's files, the file and line the error names)
LOCATED: list[tuple[str, dict[str, Spec], str]] = [
    ("syntax error", {TOP: "# x\n{% if %}\n"}, f"{TOP}:2"),
    ("unknown filter", {TOP: "# x\n\n{{ title | nosuchfilter }}\n"}, f"{TOP}:3"),
    ("undefined variable", {TOP: "# x\n{{ no_such_value }}\n"}, f"{TOP}:2"),
    ("undefined attribute", {TOP: "# x\n{{ primary.no_such_field }}\n"}, f"{TOP}:2"),
    ("unsafe attribute", {TOP: "# x\n{{ ''.__class__.__mro__ }}\n"}, f"{TOP}:2"),
    ("unsafe globals", {TOP: "# x\n\n{{ cycler.__init__.__globals__ }}\n"}, f"{TOP}:3"),
    ("unsafe format", {TOP: "# x\n{{ '{0.__class__}'.format(1) }}\n"}, f"{TOP}:2"),
    ("missing include", {TOP: "# x\n{% include 'missing.j2' %}\n"}, f"{TOP}:2"),
    ("include ../", {TOP: "# x\n{% include '../outside.j2' %}\n"}, f"{TOP}:2"),
    ("include absolute", {TOP: "# x\n{% include '{outside}' %}\n"}, f"{TOP}:2"),
    ("include a/../b", {TOP: "# x\n{% include 'a/../report.md.j2' %}\n"}, f"{TOP}:2"),
    (
        "import symlink out",
        {TOP: "# x\n{% import 'link.j2' as m %}\n", "link.j2": Link("{outside}")},
        f"{TOP}:2",
    ),
    (
        "extends via symlinked dir",
        {TOP: "{% extends 'up/outside.j2' %}\n", "up": Link(str(Path("..")))},
        f"{TOP}:1",
    ),
    (
        "include symlink /dev/zero",
        {TOP: "# x\n{% include 'zero.j2' %}\n", "zero.j2": Link("/dev/zero")},
        f"{TOP}:2",
    ),
    ("include fifo", {TOP: "# x\n{% include 'pipe.j2' %}\n", "pipe.j2": Fifo()}, f"{TOP}:2"),
    (
        "include symlink loop",
        {TOP: "# x\n{% include 'l1' %}\n", "l1": Link("l2"), "l2": Link("l1")},
        f"{TOP}:2",
    ),
    ("include itself", {TOP: "# x\n\n{% include 'report.md.j2' %}\n"}, f"{TOP}:3"),
    ("extends itself", {TOP: "{% extends 'report.md.j2' %}\n"}, f"{TOP}:1"),
    (
        "recursive macro",
        {TOP: "# x\n{% macro f(n) %}\n{{ f(n) }}\n{% endmacro %}\n{{ f(1) }}\n"},
        f"{TOP}:3",
    ),
    ("nested too deep", {TOP: "# x\n{{ " + DEEP + " }}\n"}, f"{TOP}:2"),
    ("huge power", {TOP: "# x\n{{ 10 ** (10 ** 10) }}\n"}, f"{TOP}:2"),
    ("huge power of a big", {TOP: "{% set x = 10 ** 5000 %}\n{{ x ** 1000 }}\n"}, f"{TOP}:2"),
    ("huge product", {TOP: "{% set x = 10 ** 20000 %}\n{{ x * x * x }}\n"}, f"{TOP}:2"),
    ("huge string", {TOP: "# x\n{{ 'x' * 10 ** 10 }}\n"}, f"{TOP}:2"),
    ("huge list", {TOP: "# x\n{{ (10 ** 9) * [1, 2] }}\n"}, f"{TOP}:2"),
    ("huge range", {TOP: "# x\n{% for i in range(10 ** 10) %}{% endfor %}\n"}, f"{TOP}:2"),
    ("huge padding", {TOP: "# x\n{{ 'x' | center(10 ** 10) }}\n"}, f"{TOP}:2"),
    (
        "too much output",
        {TOP: "# x\n{% for i in range(100000) %}\n{{ 'y' * 100 }}\n{% endfor %}\n"},
        f"{TOP}:3",
    ),
    ("division by zero", {TOP: "# x\n{{ 1 / 0 }}\n"}, f"{TOP}:2"),
    ("wrong types", {TOP: "# x\n{{ 1 + 'a' }}\n"}, f"{TOP}:2"),
    ("wrong type for a filter", {TOP: "# x\n{{ 'a' | money }}\n"}, f"{TOP}:2"),
    ("not utf-8", {TOP: b"# x\nline \xff\xfe\n"}, f"{TOP}:2"),
    ("included: runtime error", {TOP: "{% include 'sub/x.j2' %}\n", "sub/x.j2": "a\n{{ 1/0 }}"},
     "sub/x.j2:2"),
    ("included: syntax error", {TOP: "{% include 'x.j2' %}\n", "x.j2": "a\nb\n{% endif %}\n"},
     "x.j2:3"),
    ("included: not utf-8", {TOP: "{% include 'x.j2' %}\n", "x.j2": b"a\n\xc3\x28\n"}, "x.j2:2"),
]


@pytest.mark.parametrize(
    ("files", "where"), [pytest.param(f, w, id=case) for case, f, w in LOCATED]
)
def test_a_failing_template_is_one_located_error(
    modelpick: Run, tmp_path: Path, files: dict[str, Spec], where: str
) -> None:
    _assert_one_located_error(_advise(modelpick, tmp_path, files), tmp_path, where)


# Errors about a whole file have no line: the error names the file.
WHOLE_FILE: list[tuple[str, dict[str, Spec]]] = [
    ("top-level fifo", {TOP: Fifo()}),
    ("top-level symlink to /dev/zero", {TOP: Link("/dev/zero")}),
    ("top-level symlink out", {TOP: Link("{outside}")}),
    ("top-level too large", {TOP: "x" * 1_000_001}),
]


@pytest.mark.parametrize("files", [pytest.param(f, id=case) for case, f in WHOLE_FILE])
def test_an_unreadable_top_level_template_names_it(
    modelpick: Run, tmp_path: Path, files: dict[str, Spec]
) -> None:
    _assert_one_located_error(_advise(modelpick, tmp_path, files), tmp_path, TOP)


def test_a_directory_without_report_template_is_an_error(modelpick: Run, tmp_path: Path) -> None:
    done = _advise(modelpick, tmp_path, {"other.md.j2": "# mine\n"})
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"modelpick: error: {tmp_path / 't'}: ")
    assert TOP in done.stderr  # names the file it expected
    assert done.stdout == "" and not (tmp_path / "out.md").exists()


def test_includes_inside_the_directory_work(modelpick: Run, tmp_path: Path) -> None:
    files: dict[str, Spec] = {
        TOP: "{% extends 'base.j2' %}{% block body %}{% include 'parts/one.j2' %}"
        "{% from 'alias.j2' import shout %}{{ shout(primary.model) }}{% endblock %}",
        "base.j2": "# {{ title }}\n\n{% block body %}{% endblock %}\n",
        "parts/one.j2": "Model: {{ primary.model }}.\n",
        "macros.j2": "{% macro shout(x) %}{{ x | upper }}!{% endmacro %}",
        "alias.j2": Link("macros.j2"),  # a symlink that stays inside is fine
    }
    done = _advise(modelpick, tmp_path, files)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# ") and "Model: " in done.stdout and "!" in done.stdout
    assert (tmp_path / "out.md").read_text() == done.stdout


def test_portfolio_has_no_template_option(modelpick: Run, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("workloads:\n  - workload: a\n")
    done = modelpick("portfolio", path, "--template", tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr


# --- the time limit, in-process with a short limit (the real one is 5 s) ---------------------


def test_a_template_past_the_time_limit_stops(
    advise_on: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from modelpick.report import user_templates
    from modelpick.report.markdown import render_report

    monkeypatch.setattr(user_templates, "RENDER_MAX_SECONDS", 0.3)
    (tmp_path / TOP).write_text(
        "# x\n{% for i in range(100000) %}{% for j in range(100000) %}"
        "{% endfor %}{% endfor %}\n"
    )
    advice, _, _ = advise_on({"task": "rag"})
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        render_report(advice, template_dir=tmp_path)
    assert time.monotonic() - started < 3
    assert caught.value.file == str(tmp_path / TOP) and caught.value.line == 2
    assert "5 s" not in caught.value.message  # the limit in force is the one reported


# --- reading counts bytes, it does not trust the file's size ---------------------------------

PROC_STATUS = Path("/proc/self/status")  # a regular file whose st_size is 0


@pytest.mark.skipif(not PROC_STATUS.exists(), reason="needs Linux /proc")
def test_reading_counts_bytes_rather_than_trusting_st_size() -> None:
    from modelpick.report.user_templates import read_template_file

    assert PROC_STATUS.stat().st_size == 0
    assert "Name:" in read_template_file(PROC_STATUS)
    with pytest.raises(InputError, match="larger than the limit of 10 bytes"):
        read_template_file(PROC_STATUS, limit=10)
