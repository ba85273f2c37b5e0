"""The Markdown rationale report: reviewed snapshots, and its structure parsed for real.

Run with UPDATE_SNAPSHOTS=1 to rewrite the snapshots after reviewing a deliberate change.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from markdown_checks import (
    check_mermaid,
    check_report,
    headings,
    mermaid,
    tables,
    tokens,
    xycharts,
)
from modelpick.report.markdown import render_report

SNAPSHOTS = Path(__file__).parent / "snapshots"

SCENARIOS: dict[str, dict[str, Any]] = {
    # node 3: cost dominates, hosted open weights, the cheapest-first policy list
    "hosted_cost_dominant": {
        "workload": "Support-ticket triage",
        "cost_dominant": True,
        "task": "classification",
        "monthly_tokens": 2_000_000_000,
        "min_context_tokens": 32000,
    },
    # node 1: data stays inside; self-hosted, sized with its arithmetic
    "self_hosted_vpc": {
        "workload": "Claims extraction",
        "data_must_stay_in_vpc": True,
        "has_inference_ops": True,
        "task": "extraction",
        "monthly_tokens": 5_000_000_000,
        "excluded_origins": ["CN"],
    },
    # node 5: ops capacity, so the crossover is computed; it never pays with these figures
    "ops_crossover_never": {
        "workload": "Internal RAG",
        "has_inference_ops": True,
        "task": "rag",
        "monthly_tokens": 20_000_000_000,
        "license_must_be_permissive": True,
    },
    # node 2: the closed frontier API has no rag model, so the engine falls back
    "frontier_fallback": {
        "workload": "Research assistant",
        "frontier_required": True,
        "task": "rag",
        "deployment_region": "EU",
    },
    # node 2 for a task closed models do: Claude first in the policy
    "frontier_agentic": {
        "workload": "Coding agent",
        "frontier_required": True,
        "task": "agentic_coding",
        "monthly_tokens": 300_000_000,
        "input_share": 0.9,
    },
    # nothing survives: node 1 locks self-hosting and no model does realtime voice
    "no_candidate": {
        "workload": "Voice agent",
        "data_must_stay_in_vpc": True,
        "task": "realtime_voice",
    },
}


def _render(advise_on: Any, name: str, **kwargs: Any) -> str:
    advice, _, _ = advise_on(SCENARIOS[name])
    return render_report(advice, **kwargs)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_report_matches_snapshot(advise_on: Any, name: str) -> None:
    text = _render(advise_on, name)
    path = SNAPSHOTS / f"{name}.md"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}; run with UPDATE_SNAPSHOTS=1 and review it"
    assert text == path.read_text(encoding="utf-8"), (
        f"report differs from {path.name}; if the change is intended, rerun with "
        "UPDATE_SNAPSHOTS=1 and review the diff"
    )


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_report_structure(advise_on: Any, name: str) -> None:
    text = _render(advise_on, name)
    check_report(text)
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_the_taken_path_is_highlighted(advise_on: Any) -> None:
    chart = check_mermaid(mermaid(tokens(_render(advise_on, "hosted_cost_dominant"))))
    assert chart["classes"]["chosen"] == ["m_hosted"]
    assert chart["classes"]["taken"] == ["n1", "n2", "n3"]
    taken = [chart["edges"][i] for i in chart["link_styles"]]
    assert taken == [("n1", "-->", "n2"), ("n2", "-->", "n3"), ("n3", "-->", "m_hosted")]


def test_fallback_is_a_dashed_taken_edge(advise_on: Any) -> None:
    chart = check_mermaid(mermaid(tokens(_render(advise_on, "frontier_fallback"))))
    assert chart["classes"]["chosen"] == ["m_hosted"]
    assert "m_closed" in chart["classes"]["taken"]
    last = chart["edges"][chart["link_styles"][-1]]
    assert last == ("m_closed", "-.->", "m_hosted")


def test_node_five_edge_follows_the_crossover(advise_on: Any) -> None:
    chart = check_mermaid(mermaid(tokens(_render(advise_on, "ops_crossover_never"))))
    taken = [chart["edges"][i] for i in chart["link_styles"]]
    assert taken[-2:] == [("n4", "-->", "n5"), ("n5", "-->", "m_hosted")]


def test_no_candidate_still_renders_every_exclusion(advise_on: Any) -> None:
    advice, catalog, _ = advise_on(SCENARIOS["no_candidate"])
    assert advice.primary is None
    text = render_report(advice)
    toks = check_report(text)
    assert "no model satisfies" in headings(toks, 1)[0]
    excluded = next(t for t in tables(toks) if t[0] == ["model", "rule", "reason"])
    assert {row[0] for row in excluded[1:]} == set(catalog.models_by_id)
    assert "chosen" not in check_mermaid(mermaid(toks))["classes"]


def test_sizing_shows_its_arithmetic(advise_on: Any) -> None:
    advice, _, _ = advise_on(SCENARIOS["self_hosted_vpc"])
    hw = advice.primary.hardware
    text = render_report(advice)
    assert f"= {hw.replicas} (at least one)" in text
    assert f"{hw.gpus_per_replica} × {hw.gpu_name}" in text
    assert f"operations for {hw.fleet_gpus} GPUs" in text


def test_costs_table_lists_every_provider(advise_on: Any) -> None:
    advice, _, _ = advise_on(SCENARIOS["frontier_agentic"])
    toks = tokens(render_report(advice))
    costs = next(t for t in tables(toks) if t[0][0] == "provider")
    assert [row[0] for row in costs[1:]] == [p.provider_name for p in advice.primary.providers]


def test_confirmation_names_the_revisit_date_and_ci_command(advise_on: Any) -> None:
    text = _render(advise_on, "hosted_cost_dominant")
    assert "Revisit by **2027-11-01**" in text  # as_of 2026-11-01 + 365 days
    assert "`modelpick adr check docs/decisions`" in text


def test_sources_are_cited_with_their_titles(advise_on: Any) -> None:
    advice, catalog, _ = advise_on(SCENARIOS["hosted_cost_dominant"])
    toks = tokens(render_report(advice))
    sources = next(t for t in tables(toks) if t[0][0] == "source")
    assert [row[0] for row in sources[1:]] == list(advice.sources)
    for row in sources[1:]:
        assert row[1] == catalog.sources_by_id[row[0]].title
    assert "Catalog 2026.11.1 (schema 3), as of 2026-11-01." in render_report(advice)


def test_sensitivity_section_is_reserved(advise_on: Any) -> None:
    text = _render(advise_on, "hosted_cost_dominant", sensitivity=["a *bold* claim <b>"])
    toks = check_report(text, sensitivity=True)
    assert "* a \\*bold\\* claim \\<b\\>" in text
    assert "What would change this decision" in headings(toks, 2)
    assert "What would change this decision" not in _render(advise_on, "hosted_cost_dominant")


def test_template_dir_overrides_the_packaged_template(advise_on: Any, tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("# {{ title }}\n", encoding="utf-8")
    text = _render(advise_on, "hosted_cost_dominant", template_dir=tmp_path, title="<x>")
    assert text == "# \\<x\\>\n"


def test_the_cost_chart_marks_the_volume_and_the_break_even(advise_on: Any) -> None:
    advice, _, _ = advise_on(SCENARIOS["ops_crossover_never"])
    c = advice.crossover
    assert c is not None
    charts = xycharts(tokens(render_report(advice)))
    assert len(charts) == 1
    chart = charts[0]
    assert any("(you" in label for label in chart["labels"])
    if c.volume_tokens_per_month is not None:
        assert any("break-even" in label for label in chart["labels"])
    hosted = chart["lines"][0]
    assert hosted == sorted(hosted)  # a line through the origin, volumes ascending
    assert len(chart["lines"]) == 1 + sum(1 for case in c.cases)
