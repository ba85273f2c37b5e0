"""The documented fallback and the migration timeline, against the shipped catalog."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelpick.catalog.loader import load_catalog
from modelpick.engine import decide, resolve
from modelpick.engine.estate import estate_timeline
from modelpick.engine.result import Advice, DeploymentMode
from modelpick.engine.timeline import monthly_cost

SHIPPED = Path(__file__).resolve().parents[2] / "catalog"
TODAY = dt.date(2026, 12, 2)
CATALOG = load_catalog(SHIPPED)

TRIAGE = {"workload": "Triage", "cost_dominant": True, "task": "classification",
          "monthly_tokens": 2_000_000_000, "input_share": 0.9}
VPC = {"workload": "Notes", "data_must_stay_in_vpc": True, "license_must_be_permissive": True,
       "task": "summarization", "monthly_tokens": 500_000_000}
OPS = {"workload": "Chat", "has_inference_ops": True, "task": "general",
       "monthly_tokens": 20_000_000_000}
CODE = {"workload": "Code", "frontier_required": True, "task": "agentic_coding",
        "monthly_tokens": 300_000_000}


def advise(answers: dict[str, Any], sensitivity: bool = False) -> Advice:
    return decide(resolve(answers, origin="test"), CATALOG, TODAY, sensitivity=sensitivity)


@pytest.mark.parametrize("answers", [TRIAGE, VPC, OPS, CODE])
def test_every_route_is_costed_at_the_policys_share(answers: dict[str, Any]) -> None:
    advice = advise(answers)
    f = advice.failover
    assert f is not None and advice.primary is not None
    shares = CATALOG.policy.failover
    for route, share in ((f.provider, shares.provider_share), (f.retry_model, shares.retry_share),
                         (f.overflow, shares.overflow_share)):
        if route is None:
            continue
        assert route.share == share and route.reason
        if route.blended_per_mtok is not None:
            expected = advice.answers.monthly_tokens * share / 1e6 * route.blended_per_mtok
            assert route.monthly_cost_usd == pytest.approx(expected)
    assert f.provider or f.retry_model or f.overflow or f.notes


def test_provider_failover_is_the_next_eligible_provider_of_the_same_model() -> None:
    advice = advise(TRIAGE)
    assert advice.primary is not None and advice.failover is not None
    route = advice.failover.provider
    assert route is not None and route.model == advice.primary.model
    assert route.provider == advice.primary.providers[1].provider
    assert route.litellm_key == advice.primary.providers[1].litellm_key


@pytest.mark.parametrize("answers", [TRIAGE, VPC, OPS, CODE])
def test_the_retry_model_is_smaller_or_cheaper(answers: dict[str, Any]) -> None:
    advice = advise(answers)
    assert advice.primary is not None and advice.failover is not None
    retry = advice.failover.retry_model
    if retry is None:
        return
    assert retry.model != advice.primary.model and retry.mode is advice.primary.mode
    model, primary = CATALOG.models_by_id[retry.model], CATALOG.models_by_id[advice.primary.model]
    size = model.parameters.active_b or model.parameters.total_b
    mine = primary.parameters.active_b or primary.parameters.total_b
    cheaper = "cheaper" in retry.reason
    assert cheaper or (size is not None and mine is not None and size < mine)


def test_no_hosted_overflow_when_data_must_stay() -> None:
    advice = advise(VPC)
    assert advice.deployment is DeploymentMode.SELF_HOSTED and advice.failover is not None
    assert advice.failover.overflow is None and advice.failover.provider is None
    assert any("data must stay" in n for n in advice.failover.notes)


def test_a_self_hosted_pick_overflows_to_the_hosted_api_it_was_weighed_against() -> None:
    advice = advise({**OPS, "monthly_tokens": 2_000_000_000_000})
    assert advice.deployment is DeploymentMode.SELF_HOSTED, advice.path
    assert advice.failover is not None and advice.crossover is not None
    overflow = advice.failover.overflow
    assert overflow is not None and overflow.mode is DeploymentMode.HOSTED_OPEN
    assert (overflow.model, overflow.provider) == (advice.crossover.hosted_model,
                                                   advice.crossover.hosted_provider)


@pytest.mark.parametrize("answers", [{**OPS, "monthly_growth": 0.3},
                                     {**OPS, "task": "rag", "monthly_tokens": 10**10,
                                      "monthly_growth": 0.5033}])
def test_the_timeline_switches_in_the_first_month_the_engine_decides_differently(
    answers: dict[str, Any],
) -> None:
    advice = advise(answers, sensitivity=True)
    t = advice.timeline
    assert t is not None and t.switch_month is not None and t.switch_volume_tokens is not None
    volumes = [m.monthly_tokens for m in t.months]
    first = (advice.deployment, advice.primary.model if advice.primary else None)
    for month, volume in enumerate(volumes[: t.switch_month], start=1):
        run = advise({**answers, "monthly_tokens": volume})
        outcome = (run.deployment, run.primary.model if run.primary else None)
        assert (outcome == first) is (month < t.switch_month), month
    assert volumes[t.switch_month - 2] < t.switch_volume_tokens <= volumes[t.switch_month - 1]
    assert [m.month for m in t.months] == list(range(1, 19))
    assert all(m.stay_usd == m.switch_usd for m in t.months[: t.switch_month - 1])
    assert t.stay_total_usd == pytest.approx(sum(m.stay_usd for m in t.months))
    assert t.switch_total_usd == pytest.approx(sum(m.switch_usd for m in t.months))
    assert advice.primary is not None
    assert t.months[0].stay_usd == pytest.approx(advice.primary.monthly_cost_usd)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.floats(min_value=0.02, max_value=1.5))
def test_the_growth_that_moves_the_switch_a_year_does(growth: float) -> None:
    """At the reported growth rates the flip volume is reached twelve months sooner or later."""
    flip, start = 906_307_117_446, 20_000_000_000
    months = max(1, math.ceil(math.log(flip / start) / math.log(1 + growth) - 1e-9))
    from modelpick.engine.timeline import _growth_for

    for shift in (-12, 12):
        g = _growth_for(flip / start, months + shift)
        if g is None:
            assert months + shift < 1
            continue
        reached = start * (1 + g) ** (months + shift)
        assert reached == pytest.approx(flip, rel=1e-9)


def test_no_growth_no_timeline_and_a_flat_pick_stays_flat() -> None:
    assert advise(TRIAGE, sensitivity=True).timeline is None
    advice = advise({**TRIAGE, "monthly_growth": 0.05, "horizon_months": 6}, sensitivity=True)
    t = advice.timeline
    assert t is not None and len(t.months) == 6
    if t.switch_month is None:
        assert t.stay_total_usd == pytest.approx(t.switch_total_usd)


def test_monthly_cost_is_the_picks_own_arithmetic() -> None:
    advice = advise({**OPS, "monthly_tokens": 2_000_000_000_000})
    primary = advice.primary
    assert primary is not None and primary.hardware is not None
    from modelpick.engine.costs import rates_for

    rates = rates_for(advice.answers, CATALOG)
    assert monthly_cost(primary, advice.answers.monthly_tokens, rates) == pytest.approx(
        primary.monthly_cost_usd
    )


def test_the_estate_adds_up_its_workloads() -> None:
    a = advise({**OPS, "monthly_growth": 0.3}, sensitivity=True)
    b = advise(TRIAGE, sensitivity=True)  # no growth: the same every month
    estate = estate_timeline([("chat", a), ("triage", b)])
    assert estate is not None and a.timeline is not None and b.primary is not None
    for month, mine in zip(estate.months, a.timeline.months, strict=True):
        assert month.stay_usd == pytest.approx(mine.stay_usd + b.primary.monthly_cost_usd)
    assert [s.workload for s in estate.switches] == ["chat"]
    assert estate_timeline([("triage", b)]) is None


@pytest.mark.parametrize(("key", "value"), [("monthly_growth", "fast"), ("monthly_growth", -0.9),
                                            ("horizon_months", 0), ("horizon_months", 1.5)])
def test_bad_growth_answers_are_refused_naming_the_key(key: str, value: object) -> None:
    from modelpick.errors import InputError

    with pytest.raises(InputError) as caught:
        resolve({key: value}, origin="answers.yaml")
    assert caught.value.key == key and caught.value.file == "answers.yaml"
