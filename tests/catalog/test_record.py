"""Records, the catalog's runtime classes: what pydantic validates them to, and no more."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from modelpick.catalog import schema as s
from modelpick.catalog.loader import load_catalog
from modelpick.catalog.record import Record, from_data
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


def test_sparse_and_dense_data_build_equal_records() -> None:
    price = load_catalog().prices[0]
    dense = price.model_dump(mode="json")
    sparse = validator(s.Price).model_validate(dense).model_dump(mode="json",
                                                                 exclude_defaults=True)
    assert len(sparse) < len(dense)
    a, b = from_data(s.Price, dense), from_data(s.Price, sparse)
    assert a == b == price and isinstance(a.as_of, dt.date)
    # the fields at their default come last in the sparse one: equal all the same, and hashed
    plain = {"total_b": 1.0, "active_b": 1.0, "estimate": False, "note": None}
    c, d = from_data(s.Parameters, dict(plain)), from_data(s.Parameters, {"active_b": 1.0,
                                                                         "total_b": 1.0})
    assert c == d and hash(c) == hash(d)


def test_data_with_a_field_no_record_has_is_refused() -> None:
    data = load_catalog().prices[0].model_dump(mode="json")
    with pytest.raises(KeyError):
        from_data(s.Price, {**data, "extra": 1})
    with pytest.raises(KeyError):
        from_data(s.Price, {k: v for k, v in data.items() if k != "model"})
    with pytest.raises(ValueError):
        from_data(s.Price, {**data, "as_of": "not a date"})


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
