"""Users' own report templates run sandboxed, with StrictUndefined, and fail clearly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest

Run = Callable[..., CompletedProcess[str]]


def _advise_with(modelpick: Run, template: str, tmp_path: Path) -> CompletedProcess[str]:
    directory = tmp_path / "templates"
    directory.mkdir()
    (directory / "report.md.j2").write_text(template)
    return modelpick(
        "advise", "--no-input", "--set", "task=rag", "--format", "markdown",
        "--template", directory, "--report", tmp_path / "out.md",
    )


def test_a_users_template_renders(modelpick: Run, tmp_path: Path) -> None:
    done = _advise_with(modelpick, "# {{ title }}\n\nChosen: {{ primary.model }}\n", tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# ")
    assert (tmp_path / "out.md").read_text() == done.stdout


@pytest.mark.parametrize(
    ("template", "needle"),
    [
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "cannot reach Python internals"),
        ("{{ title.__globals__ }}", "has no attribute"),
        ("{{ no_such_value }}", "is undefined"),
        ("{% if %}", "template error"),
    ],
)
def test_hostile_or_broken_templates_fail_clearly(
    modelpick: Run, tmp_path: Path, template: str, needle: str
) -> None:
    done = _advise_with(modelpick, "# Mine\n" + template + "\n", tmp_path)
    assert done.returncode == 2
    assert needle in done.stderr
    assert "report.md.j2:2" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert not (tmp_path / "out.md").exists()


def test_missing_template_directory_is_exit_2(modelpick: Run, tmp_path: Path) -> None:
    done = modelpick(
        "advise", "--no-input", "--format", "markdown", "--template", tmp_path / "nope"
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_a_user_template_still_sees_the_catalogs_description_and_changelog(
    tmp_path: Path, modelpick: Any
) -> None:
    (tmp_path / "report.md.j2").write_text(
        "{{ catalog.version }}|{{ catalog.description is not none }}|"
        "{% for c in catalog.changelog %}{{ c.version }},{% endfor %}\n",
        encoding="utf-8",
    )
    done = modelpick("advise", "--no-input", "--template", tmp_path, "--format", "markdown")
    assert done.returncode == 0, done.stderr
    version, has_description, changelog = done.stdout.strip().split("|")
    assert has_description == "True"
    assert changelog.split(",")[0] == version
