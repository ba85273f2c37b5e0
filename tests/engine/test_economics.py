"""The economics of issue 14, against the shipped catalog and from first principles.

- the crossover and break-evens agree with a brute-force scan of the cost functions;
- providers that cannot serve the request are never recommended, with their reason;
- right-sizing, cost-ordered lists and the closed default follow the policy's rules;
- realtime voice is priced with audio-token prices; clauses bind the licensee.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelpick.catalog.loader import Catalog, load_catalog
from modelpick.catalog.schema import DeploymentMode, GpuPricing
from modelpick.engine import decide, resolve
from modelpick.engine.costs import MTOK, Rates, replicas_for
from modelpick.engine.crossover import stays_cheaper_above
from modelpick.engine.result import Advice

TODAY = dt.date(2026, 12, 1)
SELF_MODE = DeploymentMode.SELF_HOSTED


@cache
def shipped() -> Catalog:
    return load_catalog(None)


def advise(answers: dict[str, Any], *, sensitivity: bool = False) -> Advice:
    return decide(resolve(answers, origin="test"), shipped(), TODAY, sensitivity=sensitivity)


def rates(peak_to_mean: float = 2.0) -> Rates:
    policy = shipped().policy
    return Rates(GpuPricing.ON_DEMAND, tuple(policy.sizing.price_tiers), peak_to_mean,
                 policy.sizing.peak_utilization, policy.sizing.hours_per_month, policy.operations)


# --- the crossover against a brute-force scan ---------------------------------------------


def _self_cost(volume: float, unit: float, capacity: float, gpus: int, r: Rates) -> float:
    replicas = max(1, math.ceil(volume / capacity))
    return replicas * unit + r.ops(replicas * gpus)


@settings(max_examples=200, deadline=None)
@given(
    unit=st.floats(100, 200_000),
    capacity=st.floats(1e7, 1e12),
    gpus=st.sampled_from([1, 2, 4, 8, 16]),
    per_mtok=st.floats(0.01, 50),
)
def test_the_crossover_is_where_self_hosting_stays_cheaper(
    unit: float, capacity: float, gpus: int, per_mtok: float
) -> None:
    r = rates()
    per_token = per_mtok / MTOK
    volume = stays_cheaper_above(unit, capacity, gpus, r, per_token)
    # one step past every replica boundary beyond the crossover, self-hosting is cheaper
    probes = [capacity * k * (1 + 1e-9) for k in (1, 2, 3, 5, 10, 100, 1000)]
    if volume is None:
        ops = r.operations
        marginal = unit + gpus * ops.engineer_usd_per_month / ops.gpus_per_engineer
        assert per_token * capacity <= marginal * (1 + 1e-9) or math.isinf(per_token)
        return
    for v in [volume * 1.0001, *[p for p in probes if p > volume * 1.0001]]:
        assert _self_cost(v, unit, capacity, gpus, r) <= per_token * v * (1 + 1e-9)
    # and just below it, in the same replica step, hosting is no dearer (the crossover is
    # tight; an earlier step may win at its end, and that is not "staying" cheaper)
    step_start = (math.ceil(volume / capacity) - 1) * capacity
    below = volume - min(volume * 1e-4, (volume - step_start) / 2)
    if below > 0:
        assert _self_cost(below, unit, capacity, gpus, r) >= per_token * below * (1 - 1e-6)


def test_break_evens_make_the_two_costs_meet() -> None:
    advice = advise({"has_inference_ops": True, "task": "chat", "monthly_tokens": "200B"})
    c = advice.crossover
    assert c is not None
    hosted = c.hosted_monthly_usd
    # the hosted price at which the two meet prices the volume at the self-hosted cost
    assert c.break_even_hosted_per_mtok is not None
    assert c.break_even_hosted_per_mtok * 200e9 / MTOK == pytest.approx(c.self_hosted_monthly_usd)
    # the GPU-hour price at which they meet: the same replicas, that price, the same operations
    assert c.break_even_gpu_hourly_usd is not None
    case = next(k for k in c.cases if k.pricing == c.pricing)
    replicas = math.ceil(200e9 / c.replica_capacity_tokens)
    gpus = c.replica_monthly_usd / (case.gpu_hourly_usd * 730)
    ops = c.self_hosted_monthly_usd - replicas * c.replica_monthly_usd
    met = replicas * round(gpus) * c.break_even_gpu_hourly_usd * 730 + ops
    assert met == pytest.approx(hosted, rel=1e-6)


def test_node_five_self_hosts_only_with_the_margin_at_the_pessimistic_estimate() -> None:
    for tokens in ("50B", "150B", "400B", "2T"):
        for pricing in ("on_demand", "reserved"):
            advice = advise({"has_inference_ops": True, "task": "chat", "monthly_tokens": tokens,
                             "gpu_pricing": pricing})
            c = advice.crossover
            assert c is not None
            wins = c.pessimistic_self_hosted_monthly_usd <= (1 - c.margin) * c.hosted_monthly_usd
            assert c.self_hosting_wins is wins
            self_hosted = advice.deployment is not None and advice.deployment.value == (
                "self_hosted_open_weights"
            )
            assert self_hosted is wins, (tokens, pricing)
            assert c.pessimistic_self_hosted_monthly_usd >= c.self_hosted_monthly_usd


def test_reserved_pricing_lowers_the_crossover() -> None:
    on_demand = advise({"has_inference_ops": True, "task": "chat", "monthly_tokens": "300B"})
    reserved = advise({"has_inference_ops": True, "task": "chat", "monthly_tokens": "300B",
                       "gpu_pricing": "reserved"})
    a, b = on_demand.crossover, reserved.crossover
    assert a is not None and b is not None
    assert {k.pricing for k in a.cases} == {"on_demand", "reserved"}
    od = next(k for k in a.cases if k.pricing == "on_demand")
    rs = next(k for k in a.cases if k.pricing == "reserved")
    assert rs.gpu_hourly_usd < od.gpu_hourly_usd
    assert rs.self_hosted_monthly_usd <= od.self_hosted_monthly_usd


def test_steadier_traffic_needs_fewer_replicas() -> None:
    spiky = advise({"data_must_stay_in_vpc": True, "has_inference_ops": True,
                    "monthly_tokens": "100B", "peak_to_mean": 4})
    steady = advise({"data_must_stay_in_vpc": True, "has_inference_ops": True,
                     "monthly_tokens": "100B", "peak_to_mean": 1})
    assert spiky.primary and steady.primary and spiky.primary.hardware and steady.primary.hardware
    assert steady.primary.hardware.utilization == pytest.approx(
        shipped().policy.sizing.peak_utilization
    )
    assert steady.primary.monthly_cost_usd <= spiky.primary.monthly_cost_usd


def test_operations_grow_with_the_fleet() -> None:
    ops = shipped().policy.operations
    assert ops.monthly_usd(1) == ops.floor_usd_per_month
    big = int(ops.gpus_per_engineer * 3)
    assert ops.monthly_usd(big) == pytest.approx(3 * ops.engineer_usd_per_month)
    assert replicas_for(1e12, 1000.0, rates(1.0)) < replicas_for(1e12, 1000.0, rates(3.0))


# --- providers as constraints -------------------------------------------------------------


def test_a_long_context_request_goes_only_to_providers_that_serve_the_window() -> None:
    advice = advise({"task": "long_context", "monthly_tokens": "1B", "input_share": 0.95,
                     "min_context_tokens": 2_000_000})
    assert advice.primary is not None
    for p in advice.primary.providers:
        assert p.max_context_tokens is not None and p.max_context_tokens >= 2_000_000
    dropped = {d.provider: d.reason for d in advice.primary.dropped_providers}
    assert "deepinfra" in dropped and "327,680" in dropped["deepinfra"]


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"require_zero_data_retention": True}, "zero_data_retention"),
        ({"require_hipaa": True}, "hipaa"),
    ],
)
def test_privacy_requirements_keep_only_providers_that_state_them(
    answers: dict[str, Any], field: str
) -> None:
    advice = advise({"task": "rag", "monthly_tokens": "800M", **answers})
    assert advice.primary is not None
    assert advice.primary.providers
    assert all(getattr(p, field) is True for p in advice.primary.providers)
    assert all(
        "not recorded" in d.reason or "not offered" in d.reason
        for d in advice.primary.dropped_providers
    )


def test_data_residency_keeps_providers_processing_there() -> None:
    advice = advise({"task": "chat", "monthly_tokens": "100M", "data_residency": ["EU"]})
    catalog = shipped()
    eu = {"EU", *catalog.policy.region_groups["EU"]}
    for candidate in (advice.primary, *advice.alternatives):
        assert candidate is not None
        for p in candidate.providers:
            regions = set().union(*({r, *catalog.policy.region_groups.get(r, [])}
                                    for r in p.regions))
            assert regions & eu, (candidate.model, p.provider, p.regions)


def test_a_model_no_provider_can_serve_is_excluded_from_the_api_modes_only() -> None:
    advice = advise({"task": "chat", "monthly_tokens": "100M", "require_hipaa": True,
                     "data_residency": ["SG"]})
    rules = {(e.model, e.rule): e for e in advice.excluded}
    provider_rules = [e for (m, r), e in rules.items() if r == "providers"]
    assert provider_rules
    assert all(e.modes and "self_hosted_open_weights" not in {m.value for m in e.modes}
               for e in provider_rules)


# --- choosing among rated models ----------------------------------------------------------


def test_a_small_vpc_workload_is_right_sized() -> None:
    advice = advise({"data_must_stay_in_vpc": True, "has_inference_ops": True, "task": "chat",
                     "monthly_tokens": "1M"})
    assert advice.primary is not None and advice.choice is not None
    assert advice.choice.rule == "right_sized"
    assert advice.choice.preferred == "qwen3"
    assert advice.choice.preferred_monthly_cost_usd is not None
    assert advice.primary.monthly_cost_usd is not None
    assert advice.choice.preferred_monthly_cost_usd > advice.primary.monthly_cost_usd
    assert advice.primary.hardware is not None and advice.primary.hardware.replicas == 1


def test_frontier_classification_follows_the_cost_not_the_coding_leader() -> None:
    advice = advise({"frontier_required": True, "task": "classification",
                     "monthly_tokens": "5B", "input_share": 0.9})
    assert advice.primary is not None and advice.choice is not None
    assert advice.choice.rule == "cost_ordered"
    costs = [c.monthly_cost_usd for c in (advice.primary, *advice.alternatives)
             if c.monthly_cost_usd is not None and c.rated]
    assert advice.primary.monthly_cost_usd == min(costs)


def test_where_the_sources_name_a_leader_it_leads_and_a_wide_gap_is_warned() -> None:
    advice = advise({"frontier_required": True, "task": "agentic_coding",
                     "monthly_tokens": "300M", "input_share": 0.85})
    assert advice.primary is not None and advice.primary.model == "claude-opus-4.8"
    assert any("more than the policy's" in w for w in advice.warnings)


def test_realtime_voice_is_priced_with_audio_tokens() -> None:
    advice = advise({"frontier_required": True, "task": "realtime_voice",
                     "monthly_tokens": "400M", "input_share": 0.5})
    assert advice.primary is not None
    cheapest = advice.primary.providers[0]
    assert cheapest.priced_as == "audio"
    price = next(p for p in shipped().prices_by_model["gpt-realtime"]
                 if p.provider == cheapest.provider)
    assert price.audio_input_per_mtok is not None and price.audio_output_per_mtok is not None
    expected = 400 * (0.5 * price.audio_input_per_mtok + 0.5 * price.audio_output_per_mtok)
    assert cheapest.monthly_cost_usd == pytest.approx(expected)
    text = 400 * (0.5 * price.input_per_mtok + 0.5 * price.output_per_mtok)
    assert cheapest.monthly_cost_usd > 4 * text


def test_a_geography_clause_excludes_self_hosting_and_warns_in_api_modes() -> None:
    hosted = advise({"task": "long_context", "min_context_tokens": 2_000_000,
                     "deployment_region": "DE"})
    assert hosted.primary is not None and hosted.primary.model == "llama-4-scout"
    assert any("licensee" in w and "European Union" in w for w in hosted.warnings)
    onprem = advise({"data_must_stay_in_vpc": True, "has_inference_ops": True,
                     "task": "long_context", "deployment_region": "DE"})
    assert ("llama-4-scout", "deployment_region") in {(e.model, e.rule) for e in onprem.excluded}
    assert onprem.primary is None or onprem.primary.model != "llama-4-scout"


def test_every_recommended_provider_serves_the_request() -> None:
    for answers in (
        {"task": "rag", "monthly_tokens": "800M", "min_context_tokens": 32000},
        {"task": "long_context", "min_context_tokens": 2_000_000},
        {"task": "chat", "avg_input_tokens": 150_000, "avg_output_tokens": 2000},
    ):
        advice = advise(answers)
        need = max(answers.get("min_context_tokens", 0),
                   answers.get("avg_input_tokens", 0) + answers.get("avg_output_tokens", 0))
        for candidate in (advice.primary, *advice.alternatives):
            assert candidate is not None
            for p in candidate.providers:
                assert p.max_context_tokens is not None and p.max_context_tokens >= need


# --- deprecations -------------------------------------------------------------------------


def _on(day: dt.date, answers: dict[str, Any]) -> Advice:
    return decide(resolve(answers, origin="test"), shipped(), day, sensitivity=False)


def test_a_provider_past_its_deprecation_date_is_never_recommended() -> None:
    answers = {"frontier_required": True, "task": "realtime_voice", "monthly_tokens": "400M"}
    dated = {p.provider: p.deprecation_date for p in shipped().prices_by_model["gpt-realtime"]}
    first = min(d for d in dated.values() if d is not None)
    leaving = next(p for p, d in dated.items() if d == first)
    before = _on(first - dt.timedelta(days=1), answers)
    after = _on(first, answers)
    assert before.primary is not None and before.primary.model == "gpt-realtime"
    assert leaving in {p.provider for p in before.primary.providers}
    assert any("stops serving GPT Realtime" in w or "stops serving" in w for w in before.warnings)
    assert after.primary is not None and after.primary.model == "gpt-realtime"
    assert leaving not in {p.provider for p in after.primary.providers}
    dropped = {d.provider: d.reason for d in after.primary.dropped_providers}
    assert "stopped serving it on" in dropped[leaving]


def test_a_model_every_provider_has_retired_is_excluded_from_the_api_modes() -> None:
    answers = {"frontier_required": True, "task": "realtime_voice", "monthly_tokens": "400M"}
    dates = [p.deprecation_date for p in shipped().prices_by_model["gpt-realtime"]]
    assert all(d is not None for d in dates)
    advice = _on(max(d for d in dates if d is not None), answers)
    assert advice.primary is None or advice.primary.model != "gpt-realtime"
    assert ("gpt-realtime", "providers") in {(e.model, e.rule) for e in advice.excluded}


def test_a_retired_closed_model_is_excluded_everywhere() -> None:
    catalog = shipped()
    retired = [m.model_copy(update={"deprecation_date": TODAY}) if m.id == "gpt-5.5" else m
               for m in catalog.models]
    moved = dataclasses.replace(catalog, models=retired)
    advice = decide(resolve({"frontier_required": True, "task": "tool_use"}, origin="test"),
                    moved, TODAY, sensitivity=False)
    assert advice.primary is not None and advice.primary.model != "gpt-5.5"
    assert ("gpt-5.5", "deprecated") in {(e.model, e.rule) for e in advice.excluded}


def test_kimi_k2s_attribution_binds_only_above_its_scale() -> None:
    from modelpick.engine.facts import license_facts

    catalog = shipped()
    lic = catalog.licenses_by_id["LicenseRef-Kimi-K2-Modified-MIT"]
    clauses = license_facts(lic).clauses
    assert "attribution above 100,000,000 MAU or $20,000,000 monthly revenue" in clauses
    assert "naming requirement" not in clauses  # it binds at scale only
    picks = {**catalog.policy.picks}
    picks[SELF_MODE] = {"default": ["kimi-k2"]}
    moved = dataclasses.replace(catalog, policy=catalog.policy.model_copy(update={"picks": picks}))
    base = {"data_must_stay_in_vpc": True, "has_inference_ops": True, "task": "chat"}
    small = decide(resolve({**base, "monthly_active_users": 1000}, origin="t"), moved, TODAY,
                   sensitivity=False)
    big = decide(resolve({**base, "monthly_active_users": 200_000_000}, origin="t"), moved,
                 TODAY, sensitivity=False)
    assert small.primary is not None and small.primary.model == "kimi-k2"
    assert not any("Kimi K2' on the user interface" in w for w in small.warnings)
    assert any("Kimi K2' on the user interface" in w for w in big.warnings)
    assert ("kimi-k2", "monthly_active_users") not in {(e.model, e.rule) for e in big.excluded}
