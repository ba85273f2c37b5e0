"""Drift on its own: a parsed record decided again against a catalog changed in memory."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from modelpick.catalog.loader import Catalog, load_catalog
from modelpick.errors import InputError
from modelpick.records.drift import CheckResult, DriftRow, evaluate_record
from modelpick.records.format import Record, Skipped, parse_record, render_record

TODAY = dt.date(2026, 11, 15)
LONG = {"workload": "Long documents", "cost_dominant": False, "task": "long_context"}


def _record(advise_on: Any, answers: dict[str, Any], status: str = "accepted") -> Record:
    advice, _, _ = advise_on(answers)
    text = render_record(advice, title="t", status=status, date=TODAY)
    return parse_record(text, "0001-long.md")


def _repriced(catalog: Catalog, model: str, provider: str, **change: float) -> Catalog:
    prices = [
        p.model_copy(update=change) if (p.model, p.provider) == (model, provider) else p
        for p in catalog.prices
    ]
    return dataclasses.replace(catalog, prices=prices)


@pytest.fixture
def catalog(catalog_min: Path) -> Catalog:
    return load_catalog(catalog_min)


def test_the_same_catalog_is_no_drift(advise_on: Any, catalog: Catalog) -> None:
    row = evaluate_record(_record(advise_on, LONG), catalog, TODAY)
    pick = {"deployment": "hosted_open_weights_api", "model": "llama-4-scout",
            "provider": "together", "monthly_cost_usd": 28.25,
            "license": "LicenseRef-llama-4-community"}
    assert row == DriftRow(
        record="0001-long.md",
        status="accepted",
        recorded_catalog_version="2026.11.1",
        recorded=pick,
        today=pick,
        changes=(),
        recorded_catalog={"version": "2026.11.1"},
        title="t",
    )
    assert not row.drifted and not row.fails


def test_a_cheaper_price_moves_the_provider(advise_on: Any, catalog: Catalog) -> None:
    cheaper = _repriced(catalog, "llama-4-scout", "together", input_per_mtok=0.5)
    row = evaluate_record(_record(advise_on, LONG), cheaper, TODAY)
    assert row.today["provider"] == "aws-bedrock"
    assert row.changes == (
        "cheapest provider now aws-bedrock at $0.292/M blended (price); together is $0.522/M",
        "cost of llama-4-scout at together was $28.25, now $52.25 a month (+85%; the policy's "
        "drift threshold is 25%)",
    )
    assert row.fails
    assert row.as_dict()["drifted"] is True and row.as_dict()["fails"] is True


@pytest.mark.parametrize(("status", "fails"), [("accepted", True), ("proposed", False),
                                                ("Accepted 2026-11-15", True)])
def test_only_an_accepted_record_fails(
    advise_on: Any, catalog: Catalog, status: str, fails: bool
) -> None:
    cheaper = _repriced(catalog, "llama-4-scout", "together", input_per_mtok=0.5)
    row = evaluate_record(_record(advise_on, LONG, status), cheaper, TODAY)
    assert row.drifted and row.fails is fails


def test_an_empty_catalog_decides_nothing(advise_on: Any, catalog: Catalog) -> None:
    empty = dataclasses.replace(catalog, models=[], prices=[], benchmarks=[])
    row = evaluate_record(_record(advise_on, LONG), empty, TODAY)
    assert row.today == {"deployment": None, "model": None, "provider": None,
                         "monthly_cost_usd": None, "license": None}
    assert row.changes == (
        "deployment now none (no inference-ops capacity: hosted open-weight API)",
        "model llama-4-scout is no longer in the catalog",
        "no model satisfies the constraints",
    )


def test_broken_recorded_answers_name_the_line(catalog: Catalog) -> None:
    text = "---\nstatus: accepted\nmodelpick:\n  answers:\n    task: painting\n" \
           "  recommendation: {}\n---\n"
    with pytest.raises(InputError) as caught:
        evaluate_record(parse_record(text, "0001-x.md"), catalog, TODAY)
    assert (caught.value.file, caught.value.line, caught.value.key) == (
        "0001-x.md", 5, "modelpick.answers.task"
    )


def test_check_result_fails_on_a_number_given_twice() -> None:
    result = CheckResult(rows=(), duplicates=((3, ("d/0003-a.md", "d/0003-b.md")),))
    assert result.fails
    assert result.as_dict()["duplicates"] == [
        {"number": 3, "records": ["d/0003-a.md", "d/0003-b.md"]}
    ]
    skipped = CheckResult(rows=(), skipped=(Skipped("d/notes.md", "not a decision record"),))
    assert not skipped.fails
    assert skipped.as_dict()["skipped"] == [
        {"file": "d/notes.md", "line": None, "reason": "not a decision record"}
    ]


def test_a_relicensed_pick_is_drift(advise_on: Any, catalog: Catalog) -> None:
    model = catalog.models_by_id["llama-4-scout"]
    relicensed = dataclasses.replace(
        catalog,
        models=[m.model_copy(update={"license": "Apache-2.0"}) if m is model else m
                for m in catalog.models],
    )
    row = evaluate_record(_record(advise_on, LONG), relicensed, TODAY)
    assert "the license of llama-4-scout is now Apache-2.0 (was LicenseRef-llama-4-community)" \
        in row.changes
