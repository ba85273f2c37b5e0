"""Records as rows (`rows`): what the snapshot and the cache store, read back as it was."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from identity import identical
from modelpick.catalog import rows
from modelpick.catalog import schema as s
from modelpick.catalog.parse import parse_catalog
from modelpick.catalog.record import Record
from modelpick.catalog.rows import from_row, plan_of, to_row


def _files(directory: Path) -> dict[str, Record]:
    records: dict[str, Record] = {}
    catalog, findings = parse_catalog(directory, records=records)
    assert catalog is not None, findings
    return records


def _through_json(record: Record) -> Any:
    return json.loads(json.dumps(to_row(record), allow_nan=False))


@pytest.mark.parametrize("generated", [False, True], ids=["field-by-field", "generated"])
@pytest.mark.parametrize("which", ["shipped", "minimal"])
def test_every_file_reads_back_as_the_records_it_was_written_from(
    which: str, generated: bool, catalog_min: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both readers: field by field (short lists), and the generated code (long ones)."""
    from modelpick.catalog.parse import default_catalog_dir

    monkeypatch.setattr(rows, "GENERATE_AT", 0 if generated else 10**9)
    if which == "shipped":
        with default_catalog_dir() as path:
            files = _files(path)
    else:
        files = _files(catalog_min)
    kinds: set[type[Record]] = set()
    for name, record in files.items():
        row = _through_json(record)
        built = plan_of(type(record)).fast[0](row) if generated else from_row(type(record), row)
        identical(built, record, name)
        assert built == record
        kinds |= _kinds(record)
    assert len(kinds) >= (25 if which == "shipped" else 10)


def _kinds(value: Any) -> set[type[Record]]:
    if isinstance(value, Record):
        return {type(value)} | {k for v in value.__dict__.values() for k in _kinds(v)}
    if isinstance(value, list | dict):
        return {k for v in (value.values() if isinstance(value, dict) else value)
                for k in _kinds(v)}
    return set()


def _price(**update: Any) -> s.Price:
    base = s.Price(model="m", provider="p", input_per_mtok=1.0, output_per_mtok=2.0,
                   as_of=dt.date(2026, 11, 1), sources=["x"])
    return base.model_copy(update=update)


@pytest.mark.parametrize("price", [
    _price(),
    _price(deprecation_date=dt.date(2027, 1, 31), max_context_tokens=131072, estimate=True,
           cached_input_per_mtok=0.1, note="n", litellm_key="p/m"),
], ids=["defaults", "every-field"])
def test_a_row_holds_every_field_in_order(price: s.Price) -> None:
    row = to_row(price)
    names = list(s.Price.__record_fields__)
    assert len(row) == len(names)
    assert row[names.index("as_of")] == "2026-11-01"
    identical(from_row(s.Price, _through_json(price)), price)
    identical(plan_of(s.Price).fast[0](_through_json(price)), price)


@pytest.mark.parametrize("generated", [False, True], ids=["field-by-field", "generated"])
@pytest.mark.parametrize(("damage", "error"), [
    (lambda row: [*row, "extra"], ValueError),  # a value no field holds
    (lambda row: row[:-1], ValueError),  # a field left out
    (lambda row: {"model": "m"}, ValueError),  # an object, not a row
    (lambda row: "m" * len(row), ValueError),  # text of the row's length
    (lambda row: _at(row, "as_of", "not a date"), ValueError),
    (lambda row: _at(row, "as_of", 20261101), TypeError),
], ids=["extra", "missing", "object", "text", "bad-date", "number-date"])
def test_a_row_of_the_wrong_shape_is_refused(damage: Any, error: type[Exception],
                                             generated: bool) -> None:
    row = damage(_through_json(_price()))
    read = plan_of(s.Price).fast[1] if generated else plan_of(s.Price).build_all
    with pytest.raises(error):
        read([row])


def test_an_enum_value_no_member_has_is_refused() -> None:
    model = _shipped_model()
    names = list(s.Model.__record_fields__)
    row = _through_json(model)
    row[names.index("weights")] = "leaked"
    for read in (plan_of(s.Model).build, plan_of(s.Model).fast[0]):
        with pytest.raises(KeyError):
            read(list(row))


def _shipped_model() -> s.Model:
    from modelpick.catalog.loader import load_catalog

    return load_catalog().models[0]


def test_lists_long_enough_are_read_by_generated_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """The field-by-field reader stays for the short lists of the shipped catalog."""
    calls: list[int] = []
    real = rows.RowPlan.build

    def counted(self: rows.RowPlan, row: Any) -> Record:
        calls.append(1)
        return real(self, row)

    monkeypatch.setattr(rows.RowPlan, "build", counted)
    plan = plan_of(s.Price)
    short = [_through_json(_price()) for _ in range(rows.GENERATE_AT - 1)]
    plan.build_all(short)
    assert len(calls) == len(short)
    calls.clear()
    built = plan.build_all(short + short)
    assert calls == [] and len(built) == 2 * len(short) and built[-1] == _price()


def _at(row: list[Any], name: str, value: Any) -> list[Any]:
    row[list(s.Price.__record_fields__).index(name)] = value
    return row
