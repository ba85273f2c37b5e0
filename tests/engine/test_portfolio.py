"""Portfolios: parsing with per-workload errors, routing, baselines, pools, the command."""

from __future__ import annotations

import datetime as dt
import json
import math
import textwrap
from pathlib import Path

import pytest

from modelpick.catalog.loader import Catalog, load_catalog
from modelpick.catalog.schema import DeploymentMode
from modelpick.engine.portfolio import Portfolio, evaluate
from modelpick.errors import InputError
from modelpick.inputs.portfolio import parse_portfolio
from modelpick.report.portfolio_json import portfolio_dict
from modelpick.report.portfolio_markdown import render_portfolio_markdown
from modelpick.yamlfile import load_yaml_text

CATALOG = Path(__file__).parent.parent / "fixtures" / "catalog_min"
TODAY = dt.date(2026, 11, 2)

ESTATE = """\
defaults:
  monthly_tokens: 2B
workloads:
  - workload: triage
    cost_dominant: true
    task: classification
  - workload: coding
    frontier_required: true
    task: agentic_coding
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
    return evaluate(parsed, catalog, today=TODAY, sensitivity=sensitivity)


@pytest.fixture(scope="module")
def estate(catalog: Catalog) -> Portfolio:
    return run(ESTATE, catalog)


def test_defaults_apply_and_workload_keys_win(estate: Portfolio) -> None:
    tokens = {w.name: w.advice.answers.monthly_tokens for w in estate.workloads}
    assert tokens == {"triage": 2 * 10**9, "coding": 2 * 10**9, "onprem a": 5 * 10**9,
                      "onprem b": 20 * 10**9}
    # A default is written down, so it is not listed as assumed.
    assert "monthly_tokens" not in estate.workloads[0].advice.assumed


@pytest.mark.parametrize(
    ("workload", "mode", "model"),
    [
        ("triage", DeploymentMode.HOSTED_OPEN, "mistral-small-3.2"),
        ("coding", DeploymentMode.CLOSED_API, "claude-opus-4.7"),
        # right-sized: beyond the operations floor, Qwen3 costs over 1.25x Mistral Small 3.2
        # and over $1,000 a month more at both volumes
        ("onprem a", DeploymentMode.SELF_HOSTED, "mistral-small-3.2"),
        ("onprem b", DeploymentMode.SELF_HOSTED, "mistral-small-3.2"),
    ],
)
def test_routing_table(estate: Portfolio, workload: str, mode: DeploymentMode, model: str) -> None:
    route = next(r for r in estate.routes if r.workload == workload)
    assert (route.mode, route.model) == (mode, model)
    assert route.where
    assert route.monthly_cost_usd is not None and route.monthly_cost_usd > 0


def test_total_is_the_sum_of_the_routes(estate: Portfolio) -> None:
    assert estate.total_monthly_usd == pytest.approx(
        sum(r.monthly_cost_usd or 0 for r in estate.routes)
    )


def test_closed_baseline_uses_the_most_recommended_closed_model(estate: Portfolio) -> None:
    base = estate.closed_baseline
    assert base.model == "claude-opus-4.7"
    rows = {r.workload: r for r in base.rows}
    # No closed model in this catalog can classify: triage is not costed, and said so.
    assert rows["triage"].monthly_cost_usd is None and rows["triage"].note
    assert "data_must_stay_in_vpc" in (rows["onprem a"].note or "")
    assert set(base.covered) == {"coding", "onprem a", "onprem b"}
    # Opus at $5/$25 per M, 75% input: $10/M blended.
    assert rows["onprem b"].monthly_cost_usd == pytest.approx(20_000 * 10)
    assert base.portfolio_usd == pytest.approx(
        sum(r.monthly_cost_usd or 0 for r in estate.routes if r.workload in base.covered)
    )
    assert base.savings_usd == pytest.approx(base.total_usd - base.portfolio_usd)


def test_self_hosted_baseline_sizes_each_workload(estate: Portfolio) -> None:
    base = estate.self_hosted_baseline
    rows = {r.workload: r for r in base.rows}
    assert rows["triage"].model == "mistral-small-3.2"
    assert rows["coding"].monthly_cost_usd is None  # nothing self-hostable does agentic coding
    assert rows["onprem b"].monthly_cost_usd == pytest.approx(
        next(r.monthly_cost_usd for r in estate.routes if r.workload == "onprem b")
    )


def test_consolidation_shares_one_pool(estate: Portfolio) -> None:
    (pool,) = estate.pools
    assert pool.model == "mistral-small-3.2"
    assert pool.workloads == ("onprem a", "onprem b")
    assert pool.monthly_tokens == 25 * 10**9
    own = {w.name: w.advice.primary.hardware for w in estate.workloads
           if w.advice.primary is not None and w.advice.primary.hardware is not None}
    separate = [r.monthly_cost_usd or 0 for r in estate.routes
                if r.mode is DeploymentMode.SELF_HOSTED and r.model == "mistral-small-3.2"]
    assert len(separate) == 2
    assert pool.separate_usd == pytest.approx(sum(separate))
    # The pool is sized for the sum: replicas at the peak, GPUs at the on-demand price, and
    # one operations floor (4 GPUs are far below the 48 one 64-GPU engineer's cost exceeds).
    shared = pool.shared
    assert shared.replicas == math.ceil(25 * 10**9 / shared.capacity_tokens_per_month)
    assert shared.gpu_cost_usd == pytest.approx(
        shared.replicas * shared.gpus_per_replica * shared.gpu_hourly_usd * 730
    )
    assert shared.ops_overhead_usd == 15_000
    assert shared.monthly_cost_usd == pytest.approx(shared.gpu_cost_usd + 15_000)
    # One ops overhead instead of two, and no more replicas than the two pools had.
    assert shared.replicas <= own["onprem a"].replicas + own["onprem b"].replicas
    assert pool.savings_usd == pytest.approx(pool.separate_usd - shared.monthly_cost_usd)
    assert pool.savings_usd >= 15_000 - 1e-6
    # The figures: one H100 replica serves ~6.9B tokens a month at fp8 and 40% mean load,
    # so 5B needs 1 and 20B needs 3; 25B shared needs 4 ($2.50 x 730 h each) = $22,300
    # against $16,825 + $20,475 separately: one $15,000 floor saved.
    assert (shared.gpu, shared.replicas) == ("h100-80gb", 4)
    assert shared.monthly_cost_usd == pytest.approx(4 * 2.5 * 730 + 15_000)
    assert pool.separate_usd == pytest.approx((1 * 2.5 * 730 + 15_000) + (3 * 2.5 * 730 + 15_000))
    assert pool.savings_usd == pytest.approx(15_000)
    assert estate.total_consolidated_usd == pytest.approx(
        estate.total_monthly_usd - pool.savings_usd
    )


BAD = """\
defaults:
  task: chat
workloads:
  - workload: good
  - workload: typo
    tsk: rag
  - workload: wrong type
    monthly_tokens: lots
  - cost_dominant: true
  - just text
  - workload: good
"""


@pytest.mark.parametrize(
    ("name", "line", "key", "message"),
    [
        ("typo", 6, "tsk", "did you mean 'task'"),
        ("wrong type", 8, "monthly_tokens", "whole number"),
        ("#4", 9, "workload", "required key is missing"),
        ("#5", 10, None, "expected an answers block"),
        ("good", 11, "workload", "duplicate workload name"),
    ],
)
def test_bad_workloads_are_reported_by_name_and_line(
    catalog: Catalog, name: str, line: int, key: str | None, message: str
) -> None:
    result = run(BAD, catalog)
    assert [w.name for w in result.workloads] == ["good"]
    error = next(e for e in result.errors if e.workload == name)
    assert (error.line, error.key) == (line, key)
    assert message in error.message
    assert error.render().startswith(f"estate.yaml:{line}: workload '{name}'")


def test_a_bad_default_points_at_the_defaults_line(catalog: Catalog) -> None:
    text = "defaults:\n  task: chat\n  monthly_tokens: lots\nworkloads:\n  - workload: a\n"
    with pytest.raises(InputError) as caught:
        run(text, catalog)
    assert (caught.value.line, caught.value.key) == (3, "defaults.monthly_tokens")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("- a\n", "expected a mapping"),
        ("workload: a\n", "unknown key"),
        ("workloads: []\n", "non-empty list"),
        ("workloads:\n  - workload: a\nextras: 1\n", "unknown key"),
        ("defaults:\n  workload: x\nworkloads:\n  - workload: a\n", "cannot be a default"),
        ("defaults: [1]\nworkloads:\n  - workload: a\n", "defaults must be a mapping"),
    ],
)
def test_the_file_shape_is_all_or_nothing(catalog: Catalog, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        run(text, catalog)


def test_json_and_markdown(catalog: Catalog) -> None:
    result = run(ESTATE, catalog, sensitivity=True)
    data = json.loads(json.dumps(portfolio_dict(result)))
    assert [r["model"] for r in data["routing"]] == [r.model for r in result.routes]
    assert set(data["baselines"]) == {"closed_frontier", "self_hosted"}
    assert data["consolidation"][0]["model"] == "mistral-small-3.2"
    assert data["workloads"][0]["advice"]["sensitivity"]["flips"]
    text = render_portfolio_markdown(result)
    assert "```mermaid\nflowchart LR\n" in text
    assert 'w0 -->|"$300/mo"| hosted_mistral_small_3_2' in text
    assert "| triage | hosted open-weight API | mistral-small-3.2 |" in text
    assert "## Consolidation" in text and "## What would change each decision" in text


# --- the command, through the installed entry point ------------------------------------------


@pytest.fixture
def estate_file(tmp_path: Path) -> Path:
    path = tmp_path / "estate.yaml"
    path.write_text(ESTATE)
    return path


def test_command_json(modelpick, estate_file: Path) -> None:  # type: ignore[no-untyped-def]
    done = modelpick("portfolio", estate_file, "--catalog", CATALOG, "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert len(data["routing"]) == 4 and data["errors"] == []


def test_command_text_and_report(modelpick, estate_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "portfolio.md"
    done = modelpick("portfolio", estate_file, "--catalog", CATALOG, "--report", report)
    assert done.returncode == 0, done.stderr
    assert "Routing" in done.stdout and "Against the baselines" in done.stdout
    assert report.read_text().startswith("# LLM portfolio: 4 workloads")
    again = modelpick("portfolio", estate_file, "--catalog", CATALOG, "--report", report)
    assert again.returncode == 2 and "--force" in again.stderr
    forced = modelpick(
        "portfolio", estate_file, "--catalog", CATALOG, "--report", report, "--force"
    )
    assert forced.returncode == 0


def test_command_exit_2_after_printing_the_others(modelpick, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    done = modelpick("portfolio", path, "--catalog", CATALOG, "--format", "json")
    assert done.returncode == 2
    assert [r["workload"] for r in json.loads(done.stdout)["routing"]] == ["good"]
    assert f"{path}:6: workload 'typo': key 'tsk'" in done.stderr


def test_command_exit_3_when_nothing_is_recommended(modelpick, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "voice.yaml"
    path.write_text("workloads:\n  - workload: voice\n    task: realtime_voice\n")
    done = modelpick("portfolio", path, "--catalog", CATALOG, "--format", "markdown")
    assert done.returncode == 3
    assert "no recommendation" in done.stdout


def test_command_bad_file_is_exit_2(modelpick, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.yaml"
    path.write_text("workloads: {}\n")
    done = modelpick("portfolio", path, "--catalog", CATALOG)
    assert done.returncode == 2 and f"{path}:1" in done.stderr
    assert modelpick("portfolio", tmp_path / "missing.yaml").returncode == 2
