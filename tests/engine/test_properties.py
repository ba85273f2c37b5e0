"""Properties of the engine that must hold for every answer set (hypothesis)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelpick.catalog.loader import Catalog, load_catalog
from modelpick.catalog.schema import DeploymentMode, Task
from modelpick.engine import decide, resolve
from modelpick.engine.filters import apply_filters
from modelpick.report.json_output import advice_dict

FIXTURES = Path(__file__).parent.parent / "fixtures"
TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module", params=["fixture", "shipped"])
def catalog(request: pytest.FixtureRequest) -> Catalog:
    if request.param == "fixture":
        return load_catalog(FIXTURES / "catalog_min")
    return load_catalog()


answers_strategy = st.fixed_dictionaries(
    {
        "data_must_stay_in_vpc": st.booleans(),
        "frontier_required": st.booleans(),
        "cost_dominant": st.booleans(),
        "license_must_be_permissive": st.booleans(),
        "has_inference_ops": st.booleans(),
        "task": st.sampled_from([t.value for t in Task]),
        "monthly_tokens": st.integers(min_value=1, max_value=10**13),
        "input_share": st.floats(min_value=0, max_value=1),
    },
    optional={
        "min_context_tokens": st.sampled_from([4000, 32000, 128000, 1_000_000, 10_000_000]),
        "excluded_origins": st.lists(st.sampled_from(["CN", "US", "FR"]), max_size=2, unique=True),
        "deployment_region": st.sampled_from(["EU", "US", "DE", "JP"]),
        "monthly_active_users": st.integers(min_value=0, max_value=2_000_000_000),
    },
)

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _advise(answers: dict[str, Any], catalog: Catalog) -> Any:
    return decide(resolve(answers, origin="test"), catalog, TODAY, sensitivity=False)


@SETTINGS
@given(answers=answers_strategy)
def test_every_answer_set_reaches_exactly_one_outcome(
    catalog: Catalog, answers: dict[str, Any]
) -> None:
    advice = _advise(answers, catalog)
    if advice.primary is None:
        assert advice.deployment is None
        assert advice.alternatives == ()
    else:
        assert advice.deployment is advice.primary.mode
        assert all(alt.mode is advice.deployment for alt in advice.alternatives)
        assert advice.primary.model not in {a.model for a in advice.alternatives}


@SETTINGS
@given(answers=answers_strategy)
def test_node1_yes_never_yields_an_api_mode(catalog: Catalog, answers: dict[str, Any]) -> None:
    advice = _advise({**answers, "data_must_stay_in_vpc": True}, catalog)
    assert advice.deployment in (DeploymentMode.SELF_HOSTED, None)
    assert advice.fallback is None


@SETTINGS
@given(answers=answers_strategy)
def test_primary_and_alternatives_are_never_excluded(
    catalog: Catalog, answers: dict[str, Any]
) -> None:
    advice = _advise(answers, catalog)
    # An exclusion binds in its modes (none listed: every mode); a clause that binds only the
    # licensee excludes self-hosting and leaves the API modes to a warning.
    excluded = {
        e.model for e in advice.excluded
        if advice.deployment is not None and (not e.modes or advice.deployment in e.modes)
    }
    chosen = [c.model for c in (advice.primary, *advice.alternatives) if c is not None]
    assert not excluded.intersection(chosen)
    screen = apply_filters(advice.answers, catalog)
    assert all(screen.allows(model, advice.deployment) for model in chosen)


def _tighten(answers: dict[str, Any], how: str) -> dict[str, Any]:
    tighter = dict(answers)
    if how == "permissive":
        tighter["license_must_be_permissive"] = True
    elif how == "origin":
        tighter["excluded_origins"] = sorted({*answers.get("excluded_origins", []), "CN"})
    elif how == "context":
        tighter["min_context_tokens"] = max(answers.get("min_context_tokens") or 0, 200_000)
    elif how == "region":
        tighter["deployment_region"] = "EU"
    elif how == "mau":
        tighter["monthly_active_users"] = 1_000_000_000
    elif how == "zdr":
        tighter["require_zero_data_retention"] = True
    elif how == "hipaa":
        tighter["require_hipaa"] = True
    elif how == "residency":
        tighter["data_residency"] = ["EU"]
    return tighter


@SETTINGS
@given(
    answers=answers_strategy,
    how=st.sampled_from(
        ["permissive", "origin", "context", "region", "mau", "zdr", "hipaa", "residency"]
    ),
)
def test_adding_a_constraint_never_adds_a_candidate(
    catalog: Catalog, answers: dict[str, Any], how: str
) -> None:
    if how == "region" and answers.get("deployment_region"):
        return  # changing a region is not adding a constraint
    if how == "mau" and (answers.get("monthly_active_users") or 0) > 1_000_000_000:
        return
    loose = resolve(answers, origin="test").answers
    tight = resolve(_tighten(answers, how), origin="test").answers
    loose_screen = apply_filters(loose, catalog)
    tight_screen = apply_filters(tight, catalog)
    for mode in DeploymentMode:
        assert tight_screen.survivors[mode] <= loose_screen.survivors[mode], mode
    for model in catalog.models:  # nor a provider that can serve it
        kept = {p.provider for p in tight_screen.prices[model.id]}
        assert kept <= {p.provider for p in loose_screen.prices[model.id]}, model.id


def _shuffled(catalog: Catalog, seed: int) -> Catalog:
    rng = random.Random(seed)

    def mix(items: list[Any]) -> list[Any]:
        out = list(items)
        rng.shuffle(out)
        return out

    return dataclasses.replace(
        catalog,
        models=mix(catalog.models),
        licenses=mix(catalog.licenses),
        prices=mix(catalog.prices),
        benchmarks=mix(catalog.benchmarks),
        providers=mix(catalog.providers),
        gpus=mix(catalog.gpus),
        sources=mix(catalog.sources),
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=answers_strategy, seed=st.integers(0, 2**32 - 1))
def test_results_do_not_depend_on_catalog_order(
    catalog: Catalog, answers: dict[str, Any], seed: int
) -> None:
    assert advice_dict(_advise(answers, catalog)) == advice_dict(
        _advise(answers, _shuffled(catalog, seed))
    )


def test_the_providers_exclusion_does_not_depend_on_price_order() -> None:
    catalog = load_catalog(FIXTURES / "catalog_min")
    answers = {"task": "rag", "min_context_tokens": 1_000_000}  # wider than any served window
    reversed_prices = dataclasses.replace(catalog, prices=list(reversed(catalog.prices)))
    mine, theirs = (
        [e for e in advice_dict(_advise(answers, c))["excluded"] if e["rule"] == "providers"]
        for c in (catalog, reversed_prices)
    )
    assert any(e["model"] == "claude-opus-4.7" for e in mine)  # two providers dropped
    assert mine == theirs


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=answers_strategy)
def test_same_input_same_output(catalog: Catalog, answers: dict[str, Any]) -> None:
    assert advice_dict(_advise(answers, catalog)) == advice_dict(_advise(answers, catalog))
