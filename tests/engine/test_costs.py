"""The money arithmetic: prices for a volume, sizing for a volume, the crossover."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelpick.catalog.loader import Catalog, load_catalog
from modelpick.catalog.schema import DeploymentMode, GpuPricing, Operations, PriceTier
from modelpick.engine import decide, resolve
from modelpick.engine.costs import (
    Rates,
    blended_per_mtok,
    fitting,
    provider_costs,
    rates_for,
    request_for,
    size_self_hosted,
)
from modelpick.engine.crossover import crossover, stays_cheaper_above
from modelpick.sizing.model import Request

CATALOG = Path(__file__).parent.parent / "fixtures" / "catalog_min"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


def _rates(catalog: Catalog, **answers: object) -> Rates:
    return rates_for(resolve({"task": "general", **answers}, origin="t").answers, catalog)


def test_blended_price_weights_input_and_output() -> None:
    assert blended_per_mtok(1.0, 3.0, 0.75) == pytest.approx(1.5)
    assert blended_per_mtok(1.0, 3.0, 0.0) == pytest.approx(3.0)


def test_provider_costs_are_cheapest_first_and_scale_with_volume(catalog: Catalog) -> None:
    prices = catalog.prices_by_model["qwen3"]
    costs = provider_costs(prices, 2_000_000_000, 0.75, catalog)
    assert len(costs) == len(prices) and costs, "qwen3 has prices in the fixture"
    assert [c.monthly_cost_usd for c in costs] == sorted(c.monthly_cost_usd for c in costs)
    for cost in costs:
        price = next(p for p in prices if p.provider == cost.provider)
        assert cost.priced_as == "text"
        assert cost.blended_per_mtok == pytest.approx(
            0.75 * price.input_per_mtok + 0.25 * price.output_per_mtok
        )
        assert cost.monthly_cost_usd == pytest.approx(2000 * cost.blended_per_mtok)


def test_audio_prices_cost_realtime_voice_where_recorded(catalog: Catalog) -> None:
    """With `audio`, a price that records audio-token prices is costed with them."""
    price = catalog.prices_by_model["qwen3"][0].model_copy(
        update={"audio_input_per_mtok": 32.0, "audio_output_per_mtok": 64.0}
    )
    plain = catalog.prices_by_model["qwen3"][0]
    [text] = provider_costs([price], 1_000_000, 0.5, catalog)
    [audio] = provider_costs([price], 1_000_000, 0.5, catalog, audio=True)
    [no_audio_price] = provider_costs([plain], 1_000_000, 0.5, catalog, audio=True)
    assert text.priced_as == "text"
    assert text.blended_per_mtok == pytest.approx(
        0.5 * plain.input_per_mtok + 0.5 * plain.output_per_mtok
    )
    assert audio.priced_as == "audio"
    assert (audio.input_per_mtok, audio.output_per_mtok) == (32.0, 64.0)
    assert audio.blended_per_mtok == pytest.approx(48.0)
    assert audio.monthly_cost_usd == pytest.approx(48.0)
    assert no_audio_price.priced_as == "text"  # nothing recorded: text prices, said so


def _request(catalog: Catalog) -> Request:
    return request_for(0.75, None, catalog.policy.sizing)


def test_request_splits_the_policy_tokens_by_the_input_share(catalog: Catalog) -> None:
    request = _request(catalog)
    assert (request.input_tokens, request.output_tokens, request.context_tokens) == (
        1536, 512, 2048
    )
    longer = request_for(0.75, 100_000, catalog.policy.sizing, avg_tokens=(3000, 1000))
    assert (longer.input_tokens, longer.output_tokens, longer.context_tokens) == (
        3000, 1000, 100_000
    )


def test_rates_follow_the_answers_and_the_policy(catalog: Catalog) -> None:
    rates = _rates(catalog)
    assert rates.pricing is GpuPricing.ON_DEMAND
    # policy peak utilization 0.8 over the default peak-to-mean of 2
    assert rates.utilization == pytest.approx(0.4)
    steady = _rates(catalog, peak_to_mean=1.0, gpu_pricing="reserved")
    assert steady.pricing is GpuPricing.RESERVED
    assert steady.utilization == pytest.approx(0.8)
    h100 = catalog.gpus_by_id["h100-80gb"]
    assert rates.price(h100).usd_per_hour == 2.5  # type: ignore[union-attr]
    assert steady.price(h100).usd_per_hour == 1.5  # type: ignore[union-attr]
    assert rates.other().pricing is GpuPricing.RESERVED


def test_operations_are_a_floor_then_engineers_per_gpu(catalog: Catalog) -> None:
    ops = _rates(catalog)
    # floor 15,000; one 20,000 engineer per 64 GPUs: the floor holds up to 48 GPUs
    assert ops.ops(1) == 15000
    assert ops.ops(48) == pytest.approx(15000)
    assert ops.ops(64) == pytest.approx(20000)
    assert ops.ops(160) == pytest.approx(50000)


def test_sizing_picks_the_cheapest_fitting_configuration(catalog: Catalog) -> None:
    """Every (GPU, count, precision) that fits is a candidate; the cheapest monthly wins."""
    qwen = catalog.models_by_id["qwen3"]
    request = _request(catalog)
    rates = _rates(catalog)
    hw = size_self_hosted(qwen, 1_000_000, catalog, request, rates)
    assert hw is not None
    options = fitting(qwen, request, catalog)
    assert options and all(o.fits for o in options)
    cheapest = min(o.config.gpus * o.config.gpu.hourly_usd for o in options)
    assert hw.gpus_per_replica * hw.gpu_hourly_usd == pytest.approx(cheapest)
    assert hw.gpu_pricing == "on_demand" and hw.price_tier == "neocloud"
    # qwen3 is published at bf16: fp8 (online quantization) and bf16 are candidates, fp4 is not
    assert hw.precision in ("fp8", "bf16")
    assert hw.replicas == 1
    assert hw.fleet_gpus == hw.gpus_per_replica
    assert hw.utilization == pytest.approx(0.4)
    assert hw.capacity_tokens_per_month == pytest.approx(
        hw.throughput_tokens_per_s * 3600 * 730 * 0.4
    )
    # a fleet of at most 48 GPUs pays the operations floor
    assert hw.ops_overhead_usd == 15000
    assert hw.monthly_cost_usd == pytest.approx(
        hw.gpus_per_replica * hw.gpu_hourly_usd * 730 + 15000
    )
    assert hw.memory.required_gb <= hw.memory.usable_gb
    assert hw.required_gb == pytest.approx(
        hw.memory.weights_gb + hw.memory.kv_cache_gb + hw.memory.runtime_gb
    )


def test_reserved_pricing_costs_the_reserved_price(catalog: Catalog) -> None:
    qwen = catalog.models_by_id["qwen3"]
    request = _request(catalog)
    on_demand = size_self_hosted(qwen, 1_000_000, catalog, request, _rates(catalog))
    reserved = size_self_hosted(
        qwen, 1_000_000, catalog, request, _rates(catalog, gpu_pricing="reserved")
    )
    assert on_demand is not None and reserved is not None
    assert reserved.gpu_pricing == "reserved"
    gpu = catalog.gpus_by_id[reserved.gpu]
    expected = gpu.price(GpuPricing.RESERVED, [PriceTier.NEOCLOUD])
    assert expected is not None and reserved.gpu_hourly_usd == expected.usd_per_hour
    assert reserved.monthly_cost_usd == pytest.approx(
        reserved.gpus_per_replica * reserved.gpu_hourly_usd * 730 + 15000
    )
    assert reserved.monthly_cost_usd < on_demand.monthly_cost_usd


def test_sizing_adds_replicas_for_volume(catalog: Catalog) -> None:
    qwen = catalog.models_by_id["qwen3"]
    request = _request(catalog)
    rates = _rates(catalog)
    one = size_self_hosted(qwen, 1_000_000, catalog, request, rates)
    assert one is not None
    volume = int(one.capacity_tokens_per_month * 3.5)
    hw = size_self_hosted(qwen, volume, catalog, request, rates)
    assert hw is not None
    assert hw.replicas == math.ceil(volume / hw.capacity_tokens_per_month)
    assert hw.gpu_cost_usd == pytest.approx(
        hw.replicas * hw.gpus_per_replica * hw.gpu_hourly_usd * 730
    )
    fleet = hw.replicas * hw.gpus_per_replica
    assert hw.fleet_gpus == fleet
    assert hw.ops_overhead_usd == pytest.approx(max(15000, fleet / 64 * 20000))


def test_a_peakier_workload_needs_more_gpus(catalog: Catalog) -> None:
    """Replicas are sized for the peak: mean utilization is peak_utilization / peak_to_mean."""
    qwen = catalog.models_by_id["qwen3"]
    request = _request(catalog)
    one = size_self_hosted(qwen, 1_000_000, catalog, request, _rates(catalog))
    assert one is not None
    volume = int(one.capacity_tokens_per_month * 3.5)
    steady = size_self_hosted(qwen, volume, catalog, request, _rates(catalog, peak_to_mean=1.0))
    peaky = size_self_hosted(qwen, volume, catalog, request, _rates(catalog, peak_to_mean=4.0))
    assert steady is not None and peaky is not None
    assert steady.utilization == pytest.approx(0.8) and peaky.utilization == pytest.approx(0.2)
    # more GPUs at the peak (more replicas, or larger ones that serve more per GPU-dollar)
    assert steady.fleet_gpus < peaky.fleet_gpus
    assert steady.gpu_cost_usd < peaky.gpu_cost_usd
    assert steady.replicas == math.ceil(volume / steady.capacity_tokens_per_month)
    assert peaky.replicas == math.ceil(volume / peaky.capacity_tokens_per_month)


def _operations(floor: float, engineer: float, per_engineer: float) -> Operations:
    return Operations(
        floor_usd_per_month=floor, engineer_usd_per_month=engineer,
        gpus_per_engineer=per_engineer, sources=["s"],
    )


def _fleet(replicas: int, unit: float, gpus: int, ops: Operations) -> float:
    return replicas * unit + ops.monthly_usd(replicas * gpus)


def _self_cost(volume: float, unit: float, capacity: float, gpus: int, ops: Operations) -> float:
    return _fleet(max(1, math.ceil(volume / capacity)), unit, gpus, ops)


@settings(max_examples=300, deadline=None)
@given(
    unit=st.floats(100, 50_000),
    capacity=st.floats(1e8, 1e11),
    gpus=st.sampled_from([1, 2, 4, 8]),
    floor=st.floats(0, 50_000),
    engineer=st.floats(0, 40_000),
    per_engineer=st.floats(1, 200),
    per_mtok=st.floats(0.01, 50),
)
def test_crossover_is_where_self_hosting_stays_cheaper(
    unit: float, capacity: float, gpus: int, floor: float, engineer: float,
    per_engineer: float, per_mtok: float,
) -> None:
    ops = _operations(floor, engineer, per_engineer)
    rates = Rates(GpuPricing.ON_DEMAND, (PriceTier.NEOCLOUD,), 1.0, 1.0, 730, ops)
    hosted = per_mtok / 1e6
    volume = stays_cheaper_above(unit, capacity, gpus, rates, hosted)
    if volume is None:
        # no volume above which it stays cheaper: once the engineers outgrow the floor, one
        # more replica (its GPUs and its engineers) costs at least the tokens it serves hosted
        start = max(1, math.ceil(floor * per_engineer / max(gpus * engineer, 1e-9)))
        for n in (start, start * 2, start * 10, start * 1000):
            v = n * capacity
            assert _self_cost(v, unit, capacity, gpus, ops) >= v * hosted * (1 - 1e-9)
        return
    for factor in (1.0001, 1.01, 1.5, 2, 10, 100):
        v = volume * factor
        assert _self_cost(v, unit, capacity, gpus, ops) < v * hosted * (1 + 1e-9)
    # and it is the least such volume: just below it, hosted is no more expensive
    v = volume - min(capacity, volume) * 1e-6
    assert _self_cost(v, unit, capacity, gpus, ops) >= v * hosted * (1 - 1e-6)


def test_crossover_reports_what_would_tip_it(catalog: Catalog) -> None:
    """At the workload's volume: both pricings, the break-even GPU-hour and hosted prices."""
    qwen = catalog.models_by_id["qwen3"]
    rates = _rates(catalog)
    tokens = 1_000_000_000
    hw = size_self_hosted(qwen, tokens, catalog, _request(catalog), rates)
    assert hw is not None
    [hosted, *_] = provider_costs(catalog.prices_by_model["qwen3"], tokens, 0.75, catalog)
    cross = crossover("qwen3", hw, "qwen3", hosted, tokens, catalog, rates)
    hosted_usd = tokens / 1e6 * hosted.blended_per_mtok
    assert cross.hosted_monthly_usd == pytest.approx(hosted_usd)
    assert cross.self_hosted_monthly_usd == pytest.approx(hw.monthly_cost_usd)
    assert [c.pricing for c in cross.cases] == ["on_demand", "reserved"]
    on_demand, reserved = cross.cases
    gpu = catalog.gpus_by_id[hw.gpu]
    assert on_demand.gpu_hourly_usd == gpu.hourly_usd
    expected = gpu.price(GpuPricing.RESERVED, [PriceTier.NEOCLOUD])
    assert expected is not None and reserved.gpu_hourly_usd == expected.usd_per_hour
    assert reserved.self_hosted_monthly_usd == pytest.approx(
        hw.replicas * hw.gpus_per_replica * reserved.gpu_hourly_usd * 730 + hw.ops_overhead_usd
    )
    # the hosted price that would make the two meet at this volume
    assert cross.break_even_hosted_per_mtok == pytest.approx(hw.monthly_cost_usd / 1000)
    # the GPU-hour price that would: hosting's bill less operations, over the GPU-hours
    spare = hosted_usd - hw.ops_overhead_usd
    if spare > 0:
        assert cross.break_even_gpu_hourly_usd == pytest.approx(
            spare / (hw.replicas * hw.gpus_per_replica * 730)
        )
    else:  # operations alone cost more than hosting: no GPU price makes it
        assert cross.break_even_gpu_hourly_usd is None
    assert cross.self_hosting_wins is (
        cross.pessimistic_self_hosted_monthly_usd <= (1 - 0.15) * hosted_usd
    )
    assert cross.pessimistic_self_hosted_monthly_usd >= cross.self_hosted_monthly_usd
    assert any(p.monthly_tokens == tokens for p in cross.series)


def _pricier(catalog: Catalog, factor: float) -> Catalog:
    prices = [
        p.model_copy(
            update={
                "input_per_mtok": p.input_per_mtok * factor,
                "output_per_mtok": p.output_per_mtok * factor,
            }
        )
        for p in catalog.prices
    ]
    return dataclasses.replace(catalog, prices=prices)


@pytest.mark.parametrize("factor", [1.0, 20.0])
def test_node5_self_hosts_only_when_it_wins_by_the_margin(
    catalog: Catalog, factor: float
) -> None:
    today = dt.date(2026, 11, 21)
    priced = _pricier(catalog, factor)
    base = {"task": "general", "has_inference_ops": True, "excluded_origins": ["CN"]}

    def at(tokens: int):  # type: ignore[no-untyped-def]
        return decide(resolve({**base, "monthly_tokens": tokens}, origin="t"), priced, today,
                      sensitivity=False)

    low = at(1_000_000)
    assert low.crossover is not None
    assert low.deployment == DeploymentMode.HOSTED_OPEN
    assert not low.crossover.self_hosting_wins
    if factor == 1.0:
        # at list prices one more replica never pays for itself: no crossover, hosted even
        # at a trillion tokens a month
        assert low.crossover.volume_tokens_per_month is None
        huge = at(10**12)
        assert huge.deployment == DeploymentMode.HOSTED_OPEN
        assert huge.crossover is not None and not huge.crossover.self_hosting_wins
        return
    volume = low.crossover.volume_tokens_per_month
    assert volume is not None
    below = at(int(volume * 0.5))
    assert below.deployment == DeploymentMode.HOSTED_OPEN
    # far enough above any crossover that it wins at its pessimistic throughput too
    above = at(int(volume * 10))
    assert above.deployment == DeploymentMode.SELF_HOSTED
    assert above.primary is not None and above.primary.hardware is not None
    cross = above.crossover
    assert cross is not None and cross.self_hosting_wins
    assert cross.volume_tokens_per_month is not None
    assert cross.volume_tokens_per_month < volume * 10
    assert cross.pessimistic_self_hosted_monthly_usd <= 0.85 * cross.hosted_monthly_usd
    assert cross.self_hosted_monthly_usd < cross.hosted_monthly_usd
