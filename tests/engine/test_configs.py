"""The memoized, pruned sizing search equals sizing every configuration from scratch.

The reference below is the search as first written: every GPU, precision and count sized
with `physics.size` directly (no memo), the cheapest by `cost_key` taken, the next that can
be costed where it cannot. The shipped catalog and the test catalog are both compared over
every sizable model, several request shapes, volumes from 10^5 to 10^15 and both pricings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import pytest

from modelpick.catalog.loader import Catalog, load_catalog
from modelpick.catalog.schema import Benchmark, Gpu, Model, Precision
from modelpick.engine import resolve
from modelpick.engine.configs import advice_gpus, cheapest, fitting, sized
from modelpick.engine.costs import (
    Rates,
    _hardware,
    cost_key,
    rates_for,
    request_for,
    self_hosted_cost,
    size_self_hosted,
)
from modelpick.engine.result import Hardware
from modelpick.sizing.memory import precisions_for, sizable, weights
from modelpick.sizing.model import Config, Request, Sized
from modelpick.sizing.physics import gpu_counts, size

CATALOG_MIN = Path(__file__).parent.parent / "fixtures" / "catalog_min"
VOLUMES = (10**5, 10**7, 3 * 10**8, 10**9, 2 * 10**10, 10**12, 10**14, 10**15)


def _reference_fitting(model: Model, request: Request, catalog: Catalog) -> list[Sized]:
    sizing = catalog.policy.sizing
    benchmarks = catalog.benchmarks_by_model.get(model.id, [])
    out: list[Sized] = []
    for gpu in [g for g in catalog.gpus if sizing.consumer_gpus or not g.consumer]:
        for precision in [p for p in precisions_for(model) if p in sizing.precisions]:
            out += _reference_run(model, request, catalog, benchmarks, gpu, precision)
    return out


def _reference_run(
    model: Model,
    request: Request,
    catalog: Catalog,
    benchmarks: Sequence[Benchmark],
    gpu: Gpu,
    precision: Precision,
) -> list[Sized]:
    sizing = catalog.policy.sizing
    out: list[Sized] = []
    best, worse = 0.0, 0
    held = weights(model, precision, sizing).gb
    per_gpu = (gpu.capacity_gb or gpu.memory_gb) * gpu.usable_share
    per_gpu -= sizing.runtime_reserve_gb_per_gpu
    for n in sorted(gpu_counts(gpu, sizing)):
        if n * per_gpu < held:
            continue
        option = size(model, Config(gpu, n, precision), request, sizing, benchmarks)
        if not option.fits:
            if out:
                break
            continue
        out.append(option)
        assert option.throughput is not None
        per_dollar = option.throughput.total_tokens_per_s / n
        if per_dollar > best:
            best, worse = per_dollar, 0
        else:
            worse += 1
            if worse >= 2:
                break
    return out


def _reference_hardware(
    model: Model, tokens: int, catalog: Catalog, options: list[Sized], rates: Rates
) -> Hardware | None:
    options = sorted(options, key=lambda o: cost_key(o, tokens, rates))
    return next((h for o in options if (h := _hardware(model, o, tokens, catalog, rates))), None)


def _requests(catalog: Catalog) -> list[Request]:
    sizing = catalog.policy.sizing
    return [
        request_for(0.9, None, sizing),
        request_for(0.5, 32_000, sizing, latency="batch"),
        request_for(0.75, None, sizing, avg_tokens=(6_000, 1_500)),
    ]


def _all_rates(catalog: Catalog) -> list[Rates]:
    out = []
    for answers in ({}, {"gpu_pricing": "reserved"}, {"peak_to_mean": 1.0}):
        rates = rates_for(resolve({"task": "general", **answers}, origin="t").answers, catalog)
        out += [rates, rates.pessimistic(catalog.policy.sizing.fit_band.high)]
    return out


@pytest.fixture(scope="module", params=["shipped", "catalog_min"])
def catalog(request: pytest.FixtureRequest) -> Catalog:
    return load_catalog(None if request.param == "shipped" else CATALOG_MIN)


def test_the_pruned_search_costs_what_sizing_everything_costs(catalog: Catalog) -> None:
    fresh = dataclasses.replace(catalog)  # an empty memo, shared by every call below
    checked = 0
    for model in catalog.models:
        if sizable(model) is not None:
            continue
        for request in _requests(catalog):
            options = _reference_fitting(model, request, catalog)
            for rates in _all_rates(catalog):
                for tokens in VOLUMES:
                    got = size_self_hosted(model, tokens, fresh, request, rates)
                    assert got == _reference_hardware(model, tokens, catalog, options, rates)
                    checked += got is not None
    assert checked > 0


def test_cheapest_is_the_first_option_in_the_cost_order(catalog: Catalog) -> None:
    fresh = dataclasses.replace(catalog)
    for model in catalog.models:
        if sizable(model) is not None:
            continue
        for request in _requests(catalog):
            options = _reference_fitting(model, request, catalog)
            for rates in _all_rates(catalog):
                for tokens in VOLUMES:
                    def order(
                        o: Sized, t: int = tokens, r: Rates = rates
                    ) -> tuple[float, int, str, str]:
                        return cost_key(o, t, r)

                    found = cheapest(model, request, fresh, order, rates.hourly, rates.price_key)
                    assert found == (min(options, key=order) if options else None)
                    cost = self_hosted_cost(model, tokens, fresh, request, rates)
                    hardware = size_self_hosted(model, tokens, fresh, request, rates)
                    assert cost == (None if hardware is None else hardware.monthly_cost_usd)


def test_fitting_and_sized_equal_sizing_from_scratch(catalog: Catalog) -> None:
    fresh = dataclasses.replace(catalog)
    sizing = catalog.policy.sizing
    for model in catalog.models:
        if sizable(model) is not None:
            continue
        for request in _requests(catalog):
            assert fitting(model, request, fresh) == _reference_fitting(model, request, catalog)
            assert fitting(model, request, fresh) == _reference_fitting(model, request, catalog)
            gpu = advice_gpus(catalog)[0]
            precision = precisions_for(model)[0]
            config = Config(gpu, gpu.gpus_per_node, precision)
            benchmarks = catalog.benchmarks_by_model.get(model.id, [])
            assert sized(model, config, request, fresh) == size(
                model, config, request, sizing, benchmarks
            )
