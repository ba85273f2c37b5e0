"""The provider screen with its per-call memo of provider verdicts equals the screen without.

`_provider_part` screens every model's prices sharing one dict of each provider's own verdict
(privacy, residency); the per-price checks (retirement, window) are never shared.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from modelpick.catalog.loader import Catalog, load_catalog
from modelpick.engine import resolve
from modelpick.engine.providers import screen_providers

TODAY = dt.date.today()
VARIED: list[dict[str, Any]] = [
    {},
    {"require_zero_data_retention": True},
    {"require_hipaa": True, "min_context_tokens": 128_000},
    {"data_residency": ["EU"], "avg_input_tokens": 90_000, "avg_output_tokens": 10_000},
    {"data_residency": ["US"], "require_zero_data_retention": True, "require_hipaa": True},
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(None, today=TODAY)


@pytest.mark.parametrize("given", VARIED)
@pytest.mark.parametrize("today", [None, TODAY, dt.date(2100, 1, 1)])
def test_shared_provider_verdicts_screen_alike(
    catalog: Catalog, given: dict[str, Any], today: dt.date | None
) -> None:
    answers = resolve({"task": "general", **given}, origin="test").answers
    verdicts: dict[str, str | None] = {}
    for model in catalog.models:
        prices = catalog.prices_by_model.get(model.id, [])
        shared = screen_providers(model, prices, answers, catalog, today, providers=verdicts)
        assert shared == screen_providers(model, prices, answers, catalog, today)
