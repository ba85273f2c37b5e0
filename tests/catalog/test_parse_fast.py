"""The fast parse path: records adopted from pydantic's models, files read once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from identity import identical
from modelpick.catalog import cache, parse
from modelpick.catalog import schema as s
from modelpick.catalog.adopt import adopt
from modelpick.catalog.loader import load_catalog
from modelpick.catalog.parse import MAX_CATALOG_FILE_BYTES
from modelpick.catalog.record import Record
from modelpick.catalog.validators import validator
from modelpick.yamlfile import load_yaml_file


@pytest.mark.parametrize("which", ["shipped", "minimal"])
def test_adopted_records_hold_what_pydantic_validated(
    which: str, catalog_copy: Path, catalog_min: Path
) -> None:
    """`adopt` against pydantic's own dump of the model it took over: the same values, of
    the same types, and records (never pydantic models) all the way down."""
    directory = catalog_copy if which == "shipped" else catalog_min
    for name, record in s.FILES.items():
        data = load_yaml_file(directory / name, max_bytes=MAX_CATALOG_FILE_BYTES).data
        model = validator(record)
        adopted = adopt(record, model.model_validate(data))
        identical(adopted.model_dump(), model.model_validate(data).model_dump(), name)
        _only_records(adopted, name)


def _only_records(value: Any, path: str) -> None:
    assert "pydantic" not in type(value).__module__, path
    if isinstance(value, Record):
        for key, item in value.__dict__.items():
            _only_records(item, f"{path}.{key}")
    elif isinstance(value, list | dict):
        for item in value.values() if isinstance(value, dict) else value:
            _only_records(item, path)


def test_adopt_fills_nothing_in_and_refuses_a_model_of_another_shape() -> None:
    price = load_catalog().prices[0]
    model = validator(s.Price).model_validate(price.model_dump(mode="json"))
    adopted = adopt(s.Price, model)
    assert adopted == price and isinstance(adopted.as_of, dt.date)
    other = validator(s.Parameters).model_validate({"total_b": 1.0, "active_b": 1.0})
    with pytest.raises(KeyError):
        adopt(s.Price, other)


def test_a_cold_load_reads_the_files_once_and_caches_what_it_validated(
    tmp_path: Path, catalog_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    reads: list[Path] = []
    real = cache.read_files

    def counted(directory: Path) -> dict[str, bytes] | None:
        reads.append(directory)
        return real(directory)

    monkeypatch.setattr(cache, "read_files", counted)
    first = load_catalog(catalog_copy, cache=True)
    assert reads == [catalog_copy]  # looked up; parsed and kept from those same bytes
    assert (tmp_path / "xdg" / "modelpick").is_dir()
    assert len(list((tmp_path / "xdg" / "modelpick").glob("*.catalog.json"))) == 1

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the catalog was parsed again")

    monkeypatch.setattr(parse, "parse_catalog", refuse)
    second = load_catalog(catalog_copy, cache=True)
    assert second.models == first.models and second.prices == first.prices


def test_the_bytes_looked_up_are_the_ones_validated(
    tmp_path: Path, catalog_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file edited after the lookup: the catalog and its entry are of the digested bytes."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    real = cache.lookup
    catalog_yaml = catalog_copy / "catalog.yaml"
    original = catalog_yaml.read_text()

    def edited_after(directory: Path) -> cache.Lookup:
        found = real(directory)
        catalog_yaml.write_text(original.replace("\nas_of:", "\n# edited\nas_of:", 1))
        return found

    monkeypatch.setattr(cache, "lookup", edited_after)
    loaded = load_catalog(catalog_copy, cache=True)
    assert "# edited" not in loaded.docs["catalog.yaml"].text
    monkeypatch.setattr(cache, "lookup", real)
    catalog_yaml.write_text(original)
    monkeypatch.setattr(parse, "parse_catalog", lambda *a, **k: pytest.fail("parsed again"))
    assert load_catalog(catalog_copy, cache=True).meta == loaded.meta


def test_bytes_that_are_not_utf8_text_are_refused_as_a_file_is(catalog_copy: Path) -> None:
    files = cache.read_files(catalog_copy)
    assert files is not None
    for bad, message in ((b"a: 1\n\x00", "binary"), (b"a: 1\nb: \xff\n", "not valid UTF-8")):
        catalog, findings = parse.parse_catalog(
            catalog_copy, files={**files, "policy.yaml": bad}
        )
        assert catalog is None
        [finding] = findings
        assert message in finding.message and finding.file == str(catalog_copy / "policy.yaml")
        (catalog_copy / "policy.yaml").write_bytes(bad)
        _, from_disk = parse.parse_catalog(catalog_copy)
        assert [(f.message, f.line) for f in from_disk] == [(finding.message, finding.line)]
