"""The shipped templates' compiled files: current, used, and rendering what a fresh compile does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pytest

from modelpick.catalog.loader import load_catalog
from modelpick.engine import decide, resolve
from modelpick.report import compile_templates, precompiled
from modelpick.report.markdown import _environment, render_report
from modelpick.report.record import render_record_body

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_the_compiled_templates_are_current() -> None:
    stale = [
        name for name, text in compile_templates.compiled_sources().items()
        if (precompiled.COMPILED / f"{name}.py").read_text(encoding="utf-8") != text
    ]
    assert stale == [], f"after editing a template, regenerate: {precompiled.REGENERATE}"
    assert compile_templates.main(["--check"]) == 0


@pytest.mark.parametrize("name", precompiled.SHIPPED)
def test_each_shipped_template_loads_from_its_compiled_file(name: str) -> None:
    env = _environment(None)
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    assert precompiled._compiled_code(name, source) is not None


def test_a_template_edited_since_is_compiled_afresh() -> None:
    assert precompiled._compiled_code("report.md.j2", "{{ edited }}") is None
    assert precompiled._compiled_code("mine.md.j2", "{{ x }}") is None


def test_another_jinja2_compiles_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    env = _environment(None)
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, "report.md.j2")
    monkeypatch.setattr(jinja2, "__version__", "0.0.0")
    assert precompiled._compiled_code("report.md.j2", source) is None


@pytest.mark.parametrize("example", ["support-ticket-triage", "healthcare-onprem"])
def test_compiled_and_freshly_compiled_render_alike(
    example: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    catalog = load_catalog(None)
    given = yaml.safe_load((EXAMPLES / f"{example}.yaml").read_text())
    advice = decide(resolve(given, origin=example), catalog, dt.date(2026, 12, 2))
    compiled = render_report(advice), render_record_body(advice, title="T")
    monkeypatch.setattr(precompiled, "_compiled_code", lambda name, source: None)
    assert (render_report(advice), render_record_body(advice, title="T")) == compiled
