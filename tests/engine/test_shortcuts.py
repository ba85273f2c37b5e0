"""The engine's shortcuts on a large catalog give what the straightforward computation gives.

Each shortcut (the unranked walk, the provider screen's index, the rules' facets) is compared
with the plain loop it replaces, over the examples' answers and varied ones, on the shipped
catalog, the minimal fixture and the shipped catalog with every model copied under new ids
(so unranked copies sort between the policy's models, as in a large catalog).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from modelpick.catalog.loader import load_catalog
from modelpick.catalog.parse import Catalog
from modelpick.catalog.schema import DeploymentMode
from modelpick.engine import filters, recommend, resolve, sensitivity, walk
from modelpick.engine.answers import Answers, ResolvedAnswers
from modelpick.engine.choice import choose
from modelpick.engine.costs import rates_for
from modelpick.engine.facts import license_facts
from modelpick.engine.filters import apply_filters
from modelpick.engine.providers import screen_catalog, screen_providers
from modelpick.engine.result import Exclusion, Outcome

TODAY = dt.date(2026, 12, 1)
ROOT = Path(__file__).parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.yaml") if p.stem != "portfolio")
VARIED: list[dict[str, Any]] = [
    {},
    {"task": "rag", "min_context_tokens": 100_000, "excluded_origins": ["CN"]},
    {"license_must_be_permissive": True, "deployment_region": "EU",
     "monthly_active_users": 900_000_000},
    {"require_zero_data_retention": True, "require_hipaa": True, "data_residency": ["EU"],
     "avg_input_tokens": 3000, "avg_output_tokens": 1000},
    {"data_must_stay_in_vpc": True, "task": "code", "excluded_origins": ["US", "FR"]},
    {"task": "realtime_voice", "cost_dominant": True, "min_context_tokens": 1_000_000},
    {"task": "multimodal", "deployment_region": "DE", "monthly_active_users": 1_000},
]
GIVEN = [*VARIED, *(yaml.safe_load(p.read_text()) for p in EXAMPLES)]


def _copied(catalog: Catalog, copies: int) -> Catalog:
    """The catalog with every model (and its prices) also under `copies` new ids."""
    models, prices = list(catalog.models), list(catalog.prices)
    for n in range(copies):
        for model in catalog.models:
            new = f"{model.id}-x{n}"
            models.append(model.model_copy(update={"id": new}))
            prices += [
                p.model_copy(update={"model": new})
                for p in catalog.prices_by_model.get(model.id, [])
            ]
    return dataclasses.replace(catalog, models=models, prices=prices)


def _mixed(catalog: Catalog) -> Catalog:
    """The catalog with copies whose facts are taken from different models, field by field.

    A copy pairs a license with weights, a release status, tasks and a window no shipped
    model combines, so a facet that leaves out a field a rule reads shows.
    """
    models, prices = list(catalog.models), list(catalog.prices)
    base = catalog.models
    fields = ("license", "weights", "availability", "tasks", "context_tokens", "origin")
    for n in (1, 2, 3):
        for i, model in enumerate(base):
            new = f"{model.id}-m{n}"
            update: dict[str, Any] = {
                f: getattr(base[(i + k * n) % len(base)], f) for k, f in enumerate(fields, 1)
            }
            models.append(model.model_copy(update={"id": new, **update}))
            prices += [
                p.model_copy(update={"model": new})
                for p in catalog.prices_by_model.get(model.id, [])
            ]
    return dataclasses.replace(catalog, models=models, prices=prices)


@pytest.fixture(scope="module", params=["shipped", "catalog_min", "copied", "mixed"])
def catalog(request: pytest.FixtureRequest) -> Catalog:
    if request.param == "catalog_min":
        return load_catalog(ROOT / "tests" / "fixtures" / "catalog_min")
    shipped = load_catalog()
    if request.param == "shipped":
        return shipped
    return _copied(shipped, 3) if request.param == "copied" else _mixed(shipped)


def _answers(given: dict[str, Any]) -> Answers:
    return resolve(given, origin="test").answers


def _plain_pool(
    mode: DeploymentMode, answers: Answers, catalog: Catalog, limit: int | None, priced: bool
) -> tuple[list[Any], Any]:
    """`ranked_pool` as first written: every id `ranking` yields, in turn."""
    screen = apply_filters(answers, catalog, TODAY)
    rates = rates_for(answers, catalog)
    rated = walk.rated_lists(mode, answers, catalog)
    out = []
    for rank, (model_id, source) in enumerate(walk.ranking(mode, answers, catalog)):
        if source == "unranked" and limit is not None and len(out) >= limit:
            break
        model = catalog.models_by_id.get(model_id)
        if (model is None or not screen.allows(model_id, mode)
                or not walk.in_mode(model, mode, catalog)):
            continue
        candidate = walk._candidate(
            model, mode, source, rank, answers, catalog, screen, rates, source in rated, priced
        )
        if candidate is not None:
            out.append(candidate)
    return choose(out, mode, answers, catalog)


@pytest.mark.parametrize("given", GIVEN)
@pytest.mark.parametrize("limit", [None, 1, 4, 40])
def test_the_pool_walks_the_unranked_as_ranking_does(
    catalog: Catalog, given: dict[str, Any], limit: int | None
) -> None:
    answers = _answers(given)
    screen = apply_filters(answers, catalog, TODAY)
    for mode in DeploymentMode:
        for priced in (True, False):
            got = walk.ranked_pool(mode, answers, catalog, screen, limit, priced=priced)
            assert got == _plain_pool(mode, answers, catalog, limit, priced), (mode, priced)


@pytest.mark.parametrize("given", GIVEN)
@pytest.mark.parametrize("today", [None, TODAY, dt.date(2020, 1, 1), dt.date(2031, 6, 30)])
def test_the_provider_screen_screens_only_what_a_verdict_touches(
    catalog: Catalog, given: dict[str, Any], today: dt.date | None
) -> None:
    answers = _answers(given)
    prices, dropped = {}, {}
    for model in catalog.models:
        offered = catalog.prices_by_model.get(model.id) or []
        kept, drops = screen_providers(model, offered, answers, catalog, today)
        prices[model.id], dropped[model.id] = tuple(kept), tuple(drops)
    got_prices, got_dropped, screened = screen_catalog(answers, catalog, today)
    assert list(got_prices.items()) == list(prices.items())  # the catalog's order too
    assert list(got_dropped.items()) == list(dropped.items())
    assert set(screened) >= {m for m, d in dropped.items() if d}
    assert screened == [m.id for m in catalog.models if m.id in set(screened)]


@pytest.mark.parametrize("given", GIVEN)
def test_a_rule_run_by_facet_excludes_what_the_plain_loop_does(
    catalog: Catalog, given: dict[str, Any]
) -> None:
    answers = _answers(given)
    flipped = answers.model_copy(update={
        "license_must_be_permissive": not answers.license_must_be_permissive,
        "monthly_active_users": 800_000_000 if answers.monthly_active_users is None else None,
    })
    fresh = dataclasses.replace(catalog)  # an empty memo
    assert set(filters.FACETS) <= {name for name, _, _ in filters.RULES}
    for name, rule, scope in filters.RULES:
        for these in (answers, flipped):
            plain = [
                Exclusion(model=m.id, rule=name, reason=reason, model_name=m.name, modes=scope)
                for m in catalog.models if (reason := rule(m, these, catalog)) is not None
            ]
            part = filters._rule_part(name, rule, scope, these, fresh)
            assert list(part.exclusions) == plain, name
            for mode in DeploymentMode:
                assert part.blocked[mode] == {
                    e.model for e in plain if not e.modes or mode in e.modes
                }, (name, mode)


def test_license_clauses_are_the_license_facts(catalog: Catalog) -> None:
    fresh = dataclasses.replace(catalog)
    for lic in catalog.licenses:
        for _ in range(2):
            assert filters.license_clauses(lic.id, fresh) == license_facts(lic).clauses


class _Reads:
    """Answers that note every attribute the engine reads."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers
        self.read: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        self.read.add(name)
        return getattr(self.answers, name)

    def __iter__(self) -> Any:
        # The one iteration is the screen's memo key, which leaves UNSCREENED out.
        return iter(self.answers)


@pytest.mark.parametrize("given", GIVEN)
def test_no_outcome_reads_what_its_memo_leaves_out(
    catalog: Catalog, given: dict[str, Any]
) -> None:
    reads = _Reads(_answers(given))
    recommend._pick(reads, dataclasses.replace(catalog), TODAY, priced=False)  # type: ignore[arg-type]
    assert reads.read, "the engine read no answer through the proxy"
    assert not reads.read & recommend.OUTCOME_UNREAD
    assert recommend.OUTCOME_UNREAD <= filters.UNSCREENED


@pytest.mark.parametrize("given", GIVEN)
def test_a_memoized_outcome_is_the_one_the_engine_gives(
    catalog: Catalog, given: dict[str, Any]
) -> None:
    fresh = dataclasses.replace(catalog)
    resolved = resolve(given, origin="test")
    renamed = ResolvedAnswers(
        resolved.answers.model_copy(update={"workload": "another name"}), ()
    )
    for volume in (10**5, resolved.answers.monthly_tokens, 10**12):
        these = ResolvedAnswers(
            resolved.answers.model_copy(update={"monthly_tokens": volume}), resolved.assumed
        )
        memoized = recommend.recommend_outcome(these, fresh, TODAY)
        assert memoized == Outcome.of(recommend.recommend(these, catalog, TODAY))
        assert recommend.recommend_outcome(these, fresh, TODAY) is memoized
    assert recommend.recommend_outcome(renamed, fresh, TODAY) == Outcome.of(
        recommend.recommend(resolved, catalog, TODAY)
    )
    key = recommend.outcome_key
    assert key(renamed.answers) == key(resolved.answers)
    for name, value in (("monthly_tokens", 7), ("peak_to_mean", 3.0), ("excluded_origins", ["ZZ"])):
        assert key(resolved.answers.model_copy(update={name: value})) != key(resolved.answers)


@pytest.mark.parametrize("given", GIVEN)
def test_sensitivity_keyed_by_typed_values_counts_as_keyed_by_json(
    catalog: Catalog, given: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    resolved = resolve(given, origin="test")
    advice = recommend.recommend(resolved, catalog, TODAY)
    typed = sensitivity.sensitivity(advice, dataclasses.replace(catalog), today=TODAY)
    monkeypatch.setattr(sensitivity, "outcome_key", lambda a: (a.model_dump_json(),))
    by_json = sensitivity.sensitivity(advice, dataclasses.replace(catalog), today=TODAY)
    assert typed == by_json
    assert typed.engine_runs == by_json.engine_runs
