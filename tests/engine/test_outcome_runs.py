"""The outcome-only re-runs decide what the whole engine run decides.

`recommend_outcome` ranks hosted candidates by `cheapest_monthly_cost` and shares model
facts per catalog; each is compared here with the computation it stands for: a full
`recommend` on a catalog with an empty memo, `provider_costs(...)[0]` and `model_facts`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from modelpick.catalog.loader import Catalog, load_catalog
from modelpick.engine import resolve
from modelpick.engine.costs import cheapest_monthly_cost, provider_costs
from modelpick.engine.facts import model_facts
from modelpick.engine.recommend import recommend, recommend_outcome
from modelpick.engine.result import Outcome
from modelpick.engine.tree import NODE_KEYS
from modelpick.engine.walk import _facts
from modelpick.inputs.answers import read_answers_file

ROOT = Path(__file__).parent.parent.parent
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.yaml") if p.name != "portfolio.yaml")
CATALOG_MIN = ROOT / "tests" / "fixtures" / "catalog_min"
TODAY = dt.date.today()


@pytest.fixture(scope="module", params=["shipped", "catalog_min"])
def catalog(request: pytest.FixtureRequest) -> Catalog:
    return load_catalog(None if request.param == "shipped" else CATALOG_MIN, today=TODAY)


def test_the_cheapest_monthly_cost_is_the_first_provider_cost(catalog: Catalog) -> None:
    for prices in catalog.prices_by_model.values():
        for tokens in (1, 10**6, 3 * 10**9, 10**14):
            for share in (0.0, 0.37, 0.75, 1.0):
                for audio in (False, True):
                    first = provider_costs(prices, tokens, share, catalog, audio=audio)[0]
                    got = cheapest_monthly_cost(prices, tokens, share, audio=audio)
                    assert got == first.monthly_cost_usd
    assert cheapest_monthly_cost((), 10**6, 0.5) is None


def test_model_facts_are_shared_not_changed(catalog: Catalog) -> None:
    for model in catalog.models:
        assert _facts(model, catalog) == model_facts(model, catalog)
        assert _facts(model, catalog) is _facts(model, catalog)


def _variants(path: Path) -> list[dict[str, Any]]:
    data, _ = read_answers_file(path)
    assert isinstance(data, dict)
    out = [dict(data)]
    for key in NODE_KEYS:
        out.append({**data, key: not bool(data.get(key, False))})
    for tokens in (10**5, 10**8, 10**11, 10**14):
        out.append({**data, "monthly_tokens": tokens})
    return out


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_outcome_alone_is_the_outcome_of_the_whole_run(
    catalog: Catalog, path: Path
) -> None:
    shared = dataclasses.replace(catalog)  # one memo for every outcome run below
    for data in _variants(path):
        resolved = resolve(data, origin="t")
        whole = recommend(resolved, dataclasses.replace(catalog), TODAY, compare=False)
        assert recommend_outcome(resolved, shared, TODAY) == Outcome.of(whole)
