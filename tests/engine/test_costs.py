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
from modelpick.catalog.schema import DeploymentMode
from modelpick.engine import decide, resolve
from modelpick.engine.costs import (
    blended_per_mtok,
    crossover,
    fitting,
    provider_costs,
    size_self_hosted,
    workload_request,
)
from modelpick.engine.result import Hardware, ProviderCost
from modelpick.sizing.model import Request

CATALOG = Path(__file__).parent.parent / "fixtures" / "catalog_min"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


def test_blended_price_weights_input_and_output() -> None:
    assert blended_per_mtok(1.0, 3.0, 0.75) == pytest.approx(1.5)
    assert blended_per_mtok(1.0, 3.0, 0.0) == pytest.approx(3.0)


def test_provider_costs_are_cheapest_first_and_scale_with_volume(catalog: Catalog) -> None:
    costs = provider_costs("qwen3", 2_000_000_000, 0.75, catalog)
    assert costs, "qwen3 has prices in the fixture"
    assert [c.monthly_cost_usd for c in costs] == sorted(c.monthly_cost_usd for c in costs)
    for cost in costs:
        assert cost.monthly_cost_usd == pytest.approx(2000 * cost.blended_per_mtok)


def _request(catalog: Catalog) -> Request:
    return workload_request(0.75, None, catalog.policy.sizing)


def test_sizing_picks_the_cheapest_fitting_configuration(catalog: Catalog) -> None:
    """Every (GPU, count, precision) that fits is a candidate; the cheapest monthly wins."""
    qwen = catalog.models_by_id["qwen3"]
    request = _request(catalog)
    hw = size_self_hosted(qwen, 1_000_000, catalog, request)
    assert hw is not None
    options = fitting(qwen, request, catalog)
    assert options and all(o.fits for o in options)
    cheapest = min(o.config.gpus * o.config.gpu.hourly_usd for o in options)
    assert hw.gpus_per_replica * hw.gpu_hourly_usd == pytest.approx(cheapest)
    # qwen3 is published at bf16: fp8 (online quantization) and bf16 are candidates, fp4 is not
    assert hw.precision in ("fp8", "bf16")
    assert hw.replicas == 1
    assert hw.monthly_cost_usd == pytest.approx(
        hw.gpus_per_replica * hw.gpu_hourly_usd * 730 + 15000
    )
    assert hw.memory.required_gb <= hw.memory.usable_gb
    assert hw.required_gb == pytest.approx(
        hw.memory.weights_gb + hw.memory.kv_cache_gb + hw.memory.runtime_gb
    )


def test_sizing_adds_replicas_for_volume(catalog: Catalog) -> None:
    qwen = catalog.models_by_id["qwen3"]
    request = _request(catalog)
    one = size_self_hosted(qwen, 1_000_000, catalog, request)
    assert one is not None
    volume = int(one.capacity_tokens_per_month * 3.5)
    hw = size_self_hosted(qwen, volume, catalog, request)
    assert hw is not None
    assert hw.replicas == math.ceil(volume / hw.capacity_tokens_per_month)
    assert hw.gpu_cost_usd == pytest.approx(
        hw.replicas * hw.gpus_per_replica * hw.gpu_hourly_usd * 730
    )


def _hardware(unit: float, capacity: float, overhead: float) -> Hardware:
    return Hardware(
        gpu="g",
        gpu_name="G",
        gpus_per_replica=1,
        precision="fp8",
        bytes_per_param=1,
        total_params_b=1,
        weights_gb=1,
        headroom_fraction=0.3,
        required_gb=1.3,
        memory_gb_per_replica=80,
        throughput_tokens_per_s=1,
        utilization=1,
        capacity_tokens_per_month=capacity,
        replicas=1,
        gpu_hourly_usd=unit / 730,
        hours_per_month=730,
        gpu_cost_usd=unit,
        ops_overhead_usd=overhead,
        monthly_cost_usd=unit + overhead,
        estimates=(),
        sources=(),
        context_tokens=2048,
        input_tokens=1536,
        output_tokens=512,
        latency=None,
        kv_bytes_per_token=1.0,
        max_concurrency=1,
        memory=None,  # type: ignore[arg-type]
        throughput=None,  # type: ignore[arg-type]
        compute_precision="fp8",
        weight_only=False,
        notes=(),
    )


def _price(per_mtok: float) -> ProviderCost:
    return ProviderCost(
        provider="p",
        provider_name="P",
        input_per_mtok=per_mtok,
        output_per_mtok=per_mtok,
        blended_per_mtok=per_mtok,
        monthly_cost_usd=0,
        estimate=False,
        as_of=dt.date(2026, 1, 1),
        sources=(),
        zero_data_retention=None,
        soc2=None,
        hipaa=None,
    )


def _self_cost(volume: float, unit: float, capacity: float, overhead: float) -> float:
    return max(1, math.ceil(volume / capacity)) * unit + overhead


@settings(max_examples=300, deadline=None)
@given(
    unit=st.floats(100, 50_000),
    capacity=st.floats(1e8, 1e11),
    overhead=st.floats(0, 50_000),
    per_mtok=st.floats(0.01, 50),
)
def test_crossover_is_where_self_hosting_stays_cheaper(
    unit: float, capacity: float, overhead: float, per_mtok: float
) -> None:
    cross = crossover("m", _hardware(unit, capacity, overhead), "m", _price(per_mtok), 1)
    hosted = per_mtok / 1e6
    volume = cross.volume_tokens_per_month
    if volume is None:
        # never: at any volume self-hosting costs at least as much as hosted
        for n in (1, 2, 10, 1000):
            v = n * capacity
            assert _self_cost(v, unit, capacity, overhead) >= v * hosted * (1 - 1e-9)
        return
    for factor in (1.0001, 1.01, 1.5, 2, 10, 100):
        v = volume * factor
        assert _self_cost(v, unit, capacity, overhead) < v * hosted * (1 + 1e-9)
    # and it is the least such volume: just below it, hosted is no more expensive
    v = volume - min(capacity, volume) * 1e-6
    assert _self_cost(v, unit, capacity, overhead) >= v * hosted * (1 - 1e-6)


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
def test_node5_self_hosts_above_the_crossover_and_not_below(
    catalog: Catalog, factor: float
) -> None:
    today = dt.date(2026, 11, 21)
    priced = _pricier(catalog, factor)
    base = {"task": "general", "has_inference_ops": True, "excluded_origins": ["CN"]}
    low = decide(
        resolve({**base, "monthly_tokens": 1_000_000}, origin="t"), priced, today,
        sensitivity=False,
    )
    assert low.crossover is not None
    assert low.deployment == DeploymentMode.HOSTED_OPEN
    if factor == 1.0:
        # at list prices one replica never pays for itself: hosted at any volume
        assert low.crossover.volume_tokens_per_month is None
        return
    volume = low.crossover.volume_tokens_per_month
    assert volume is not None
    below = decide(
        resolve({**base, "monthly_tokens": int(volume * 0.5)}, origin="t"), priced, today,
        sensitivity=False,
    )
    above = decide(
        resolve({**base, "monthly_tokens": int(volume * 1.5)}, origin="t"), priced, today,
        sensitivity=False,
    )
    assert below.deployment == DeploymentMode.HOSTED_OPEN
    assert above.deployment == DeploymentMode.SELF_HOSTED
    assert above.primary is not None and above.primary.hardware is not None
    assert above.crossover is not None
    assert above.crossover.self_hosted_monthly_usd < above.crossover.hosted_monthly_usd
