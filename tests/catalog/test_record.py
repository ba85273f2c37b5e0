"""Records, the catalog's runtime classes: what pydantic validates them to, and no more."""

from __future__ import annotations

from typing import Any

import pytest

from modelpick.catalog import schema as s
from modelpick.catalog.loader import load_catalog
from modelpick.catalog.record import Record
from modelpick.catalog.validators import validator


def _records(value: Any) -> list[Record]:
    """Every record in a value, nested ones included."""
    if isinstance(value, Record):
        return [value, *(r for v in value.__dict__.values() for r in _records(v))]
    if isinstance(value, list | tuple):
        return [r for v in value for r in _records(v)]
    if isinstance(value, dict):
        return [r for v in value.values() for r in _records(v)]
    return []


def test_every_record_dumps_as_its_pydantic_model_does() -> None:
    catalog = load_catalog()
    top = [catalog.meta, catalog.policy, *catalog.sources, *catalog.licenses, *catalog.models,
           *catalog.gpus, *catalog.benchmarks, *catalog.providers, *catalog.prices]
    records = [r for item in top for r in _records(item)]
    assert len({type(r) for r in records}) >= 25
    for record in records:
        data = record.model_dump(mode="json")
        model = validator(type(record)).model_validate(data)
        assert model.model_dump(mode="json") == data, type(record).__name__
        assert model.model_dump() == record.model_dump(), type(record).__name__


def test_construction_takes_keywords_and_fills_defaults() -> None:
    ops = s.Operations(floor_usd_per_month=1.0, engineer_usd_per_month=2.0,
                       gpus_per_engineer=8.0, sources=["x"])
    assert ops.estimate is True and ops.note is None and ops.monthly_usd(8) == 2.0
    assert s.Provider.__record_fields__["regions"].factory is list
    with pytest.raises(TypeError, match="needs the keyword argument 'sources'"):
        s.Operations(floor_usd_per_month=1.0, engineer_usd_per_month=2.0,
                     gpus_per_engineer=8.0)
    with pytest.raises(TypeError, match="has no field colour"):
        s.Operations(floor_usd_per_month=1.0, engineer_usd_per_month=2.0,
                     gpus_per_engineer=8.0, sources=["x"], colour="red")


def test_records_are_values() -> None:
    a = s.Claim(value=3, source="x")
    assert a == s.Claim(value=3, source="x") and a != s.Claim(value=4, source="x")
    assert len({a, s.Claim(value=3, source="x")}) == 1
    assert repr(a) == "Claim(value=3, source='x')"
    with pytest.raises(AttributeError):
        del a.value
    with pytest.raises(TypeError, match="has no field"):
        a.model_copy(update={"colour": "red"})
