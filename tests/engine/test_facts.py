"""The catalog facts the Advice carries, so that renderers need nothing else (engine/facts.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from modelpick.catalog.schema import Weights
from modelpick.engine.filters import license_clauses
from modelpick.engine.result import Advice
from modelpick.report.json_output import advice_dict

ANSWERS: dict[str, dict[str, Any]] = {
    "hosted": {"cost_dominant": True, "task": "classification", "monthly_tokens": 2_000_000_000},
    "self_hosted": {"data_must_stay_in_vpc": True, "has_inference_ops": True,
                    "task": "extraction", "monthly_tokens": 5_000_000_000},
    "crossover": {"has_inference_ops": True, "task": "rag", "monthly_tokens": 20_000_000_000},
    "closed": {"frontier_required": True, "task": "agentic_coding"},
    "nothing": {"data_must_stay_in_vpc": True, "task": "realtime_voice"},
}


def _survivors(advice: Advice) -> list[Any]:
    return [c for c in (advice.primary, *advice.alternatives) if c is not None]


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_each_candidate_carries_its_catalog_facts(advise_on: Any, name: str) -> None:
    advice, catalog, _ = advise_on(ANSWERS[name])
    for candidate in _survivors(advice):
        model = catalog.models_by_id[candidate.model]
        lic = catalog.licenses_by_id[model.license]
        facts = candidate.facts
        assert (facts.license.id, facts.license.name) == (lic.id, lic.name)
        assert facts.license.permissive is lic.permissive
        assert facts.license.commercial_use is lic.commercial_use
        assert facts.license.clauses == license_clauses(lic.id, catalog)
        assert facts.closed_weights is (model.weights is Weights.CLOSED)
        assert facts.chinese_origin is (model.origin in catalog.policy.chinese_origin_countries)
        assert facts.context_tokens == model.context_tokens
        assert facts.total_params_b == model.parameters.total_b
        assert [d.field for d in facts.disagreements] == [d.field for d in model.disagreements]


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_the_advice_carries_its_sources_catalog_and_names(advise_on: Any, name: str) -> None:
    advice, catalog, _ = advise_on(ANSWERS[name])
    assert [row.id for row in advice.source_rows] == list(advice.sources)
    for row in advice.source_rows:
        src = catalog.sources_by_id[row.id]
        assert row.known and (row.title, row.url, row.published) == (
            src.title, src.url, src.published
        )
    facts = advice.catalog
    assert (facts.version, facts.as_of) == (catalog.meta.version, catalog.meta.as_of)
    assert facts.schema_version == catalog.meta.schema_version
    assert facts.revisit_by == catalog.meta.as_of + dt.timedelta(
        days=catalog.policy.staleness_days
    )
    for exclusion in advice.excluded:
        assert exclusion.model_name == catalog.models_by_id[exclusion.model].name
    if advice.crossover is not None:
        provider = catalog.providers_by_id[advice.crossover.hosted_provider]
        assert advice.hosted_provider_name == provider.name


def test_the_facts_stay_out_of_the_json(advise_on: Any) -> None:
    advice, _, _ = advise_on(ANSWERS["hosted"])
    data = advice_dict(advice)
    assert set(data) == {"schema_version", "catalog_version", "answers", "deployment", "primary",
                         "alternatives", "path", "excluded", "fallback", "warnings",
                         "sensitivity", "skipped", "choice", "failover", "timeline"}
    assert "facts" not in data["primary"]
    assert all(set(e) == {"model", "reason", "rule", "modes"} for e in data["excluded"])
