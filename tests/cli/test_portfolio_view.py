"""The portfolio as `modelpick portfolio` prints it, rendered on a recording console."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from modelpick.catalog.loader import Catalog, load_catalog
from modelpick.cli.portfolio_view import render_portfolio
from modelpick.engine.portfolio import Portfolio, evaluate
from modelpick.inputs.portfolio import parse_portfolio
from modelpick.yamlfile import load_yaml_text

Render = Callable[..., str]
CATALOG = Path(__file__).parent.parent / "fixtures" / "catalog_min"
ESTATE = """\
defaults:
  monthly_tokens: 2B
workloads:
  - workload: triage
    cost_dominant: true
    task: classification
  - workload: onprem a
    data_must_stay_in_vpc: true
    has_inference_ops: true
    monthly_tokens: 5B
  - workload: onprem b
    data_must_stay_in_vpc: true
    has_inference_ops: true
    monthly_tokens: 20B
"""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


def run(text: str, catalog: Catalog, *, sensitivity: bool = False) -> Portfolio:
    parsed = parse_portfolio(load_yaml_text(textwrap.dedent(text), "estate.yaml"))
    return evaluate(parsed, catalog, today=dt.date(2026, 11, 2), sensitivity=sensitivity)


def test_the_head_and_routing_table_name_every_workload(catalog: Catalog, render: Render) -> None:
    p = run(ESTATE, catalog)
    text = render(render_portfolio(p))
    assert text.startswith(f"3 workloads from estate.yaml; {p.recommended} routed; ")
    assert "Routing" in text and "Total" in text
    for route in p.routes:
        assert route.workload in text
        assert route.model is not None and route.model in text


def test_both_baselines_and_the_shared_pool_are_shown(catalog: Catalog, render: Render) -> None:
    p = run(ESTATE, catalog)
    text = render(render_portfolio(p), width=160)
    assert "Against the baselines" in text
    assert "Closed frontier: " in text and "Self-hosted: " in text
    assert p.pools, "the two on-prem workloads share a model"
    assert "Consolidation: shared GPU pools" in text
    assert "With shared pools: $" in text


def test_no_pool_is_said_in_one_line(catalog: Catalog, render: Render) -> None:
    p = run("workloads:\n  - workload: solo\n    task: rag\n", catalog)
    text = render(render_portfolio(p))
    assert "Consolidation: no two workloads self-host the same model." in text
    assert "What would change each decision" not in text
    assert "Workloads not advised" not in text


def test_bad_workloads_and_sensitivity_get_their_panels(catalog: Catalog, render: Render) -> None:
    p = run("workloads:\n  - workload: ok\n    task: rag\n  - workload: bad\n"
            "    monthly_tokens: -4\n", catalog, sensitivity=True)
    assert len(p.errors) == 1
    text = render(render_portfolio(p))
    assert "Workloads not advised (1)" in text
    assert "monthly_tokens" in text
    assert "What would change each decision" in text and "ok: " in text
