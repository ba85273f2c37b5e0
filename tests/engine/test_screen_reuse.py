"""The filters' screen is reused across answers that differ only in what no filter reads."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from modelpick.catalog.loader import load_catalog
from modelpick.catalog.parse import Catalog
from modelpick.engine import filters, resolve
from modelpick.engine.answers import ANSWER_KEYS, Answers
from modelpick.engine.providers import screen_providers

TODAY = dt.date(2026, 12, 1)
VARIED: list[dict[str, Any]] = [
    {},
    {"task": "rag", "min_context_tokens": 100_000, "excluded_origins": ["CN"]},
    {"license_must_be_permissive": True, "deployment_region": "EU",
     "monthly_active_users": 900_000_000},
    {"require_zero_data_retention": True, "require_hipaa": True, "data_residency": ["EU"],
     "avg_input_tokens": 3000, "avg_output_tokens": 1000},
    {"data_must_stay_in_vpc": True, "task": "code", "excluded_origins": ["US", "FR"]},
]


class _Reads:
    """Answers that note every attribute a filter reads."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers
        self.read: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        self.read.add(name)
        return getattr(self.answers, name)


@pytest.fixture(scope="module", params=["shipped", "catalog_min"])
def catalog(request: pytest.FixtureRequest) -> Catalog:
    if request.param == "shipped":
        return load_catalog()
    return load_catalog(Path(__file__).parents[1] / "fixtures" / "catalog_min")


@pytest.mark.parametrize("given", VARIED)
def test_no_filter_reads_an_unscreened_answer(catalog: Catalog, given: dict[str, Any]) -> None:
    reads = _Reads(resolve(given, origin="test").answers)
    filters._screen(reads, catalog, TODAY)  # type: ignore[arg-type]
    assert reads.read <= set(ANSWER_KEYS)
    assert reads.read & filters.UNSCREENED == set()


@pytest.mark.parametrize("given", VARIED)
def test_each_rule_reads_only_the_answer_it_is_named_after(
    catalog: Catalog, given: dict[str, Any]
) -> None:
    answers = resolve(given, origin="test").answers
    for name, rule, _ in filters.RULES:
        reads = _Reads(answers)
        for model in catalog.models:
            rule(model, reads, catalog)  # type: ignore[arg-type]
        assert reads.read <= ({name} & set(ANSWER_KEYS)), name


@pytest.mark.parametrize("given", VARIED)
def test_the_provider_screen_reads_only_its_answers(
    catalog: Catalog, given: dict[str, Any]
) -> None:
    reads = _Reads(resolve(given, origin="test").answers)
    for model in catalog.models:
        screen_providers(model, catalog.prices_by_model.get(model.id, []), reads,  # type: ignore[arg-type]
                         catalog, TODAY)
    assert reads.read <= set(filters.PROVIDER_ANSWERS)


def test_unscreened_names_are_answers() -> None:
    assert set(ANSWER_KEYS) >= filters.UNSCREENED


@pytest.mark.parametrize("given", VARIED)
def test_a_reused_screen_is_the_one_the_answers_would_get(
    catalog: Catalog, given: dict[str, Any]
) -> None:
    fresh = dataclasses.replace(catalog)  # an empty memo
    first = resolve(given, origin="test").answers
    other = first.model_copy(update={
        "monthly_tokens": 7 * first.monthly_tokens, "latency": "batch",
        "has_inference_ops": not first.has_inference_ops, "gpu_pricing": "reserved",
    })
    screen = filters.apply_filters(first, fresh, TODAY)
    assert filters.apply_filters(other, fresh, TODAY) is screen  # reused
    assert screen == filters._screen(other, catalog, TODAY)  # and right
    flipped = first.model_copy(update={"excluded_origins": ["ZZ"]})
    assert filters.apply_filters(flipped, fresh, TODAY) is not screen  # a screened answer
    assert filters.apply_filters(flipped, fresh, TODAY) == filters._screen(
        flipped, dataclasses.replace(catalog), TODAY
    )  # built from the parts it shares with the first, and right
