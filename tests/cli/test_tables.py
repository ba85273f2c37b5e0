"""`catalog list` and `catalog show` tables, rendered on a recording console."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from modelpick.catalog import schema as s
from modelpick.catalog.loader import Catalog, load_catalog
from modelpick.catalog.query import find
from modelpick.cli import tables
from modelpick.cli.tables import ShowKind, show_renderable

Render = Callable[..., str]
CATALOG = Path(__file__).parent.parent / "fixtures" / "catalog_min"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


def test_the_models_table_shows_names_only_when_wide(catalog: Catalog, render: Render) -> None:
    model = catalog.models[0]
    narrow = render(tables.models_table(catalog, width=80), width=80)
    wide = render(tables.models_table(catalog, width=120), width=120)
    assert f"Models (catalog {catalog.meta.version})" in narrow
    assert model.id in narrow and model.id in wide
    def header(text: str) -> str:
        return next(line for line in text.splitlines() if line.lstrip().startswith("id "))

    assert " name " in header(wide) and " name " not in header(narrow)
    assert "params: total/active, billions; ~ estimate; ? unpublished" in narrow


def test_unreleased_models_say_so(catalog: Catalog, render: Render) -> None:
    text = render(tables.models_table(catalog, width=200), width=200)
    for m in catalog.models:
        if m.availability is s.Availability.API_ONLY:
            assert "API only" in text


def test_licenses_table_words_the_restrictions(catalog: Catalog, render: Render) -> None:
    text = render(tables.licenses_table(catalog), width=140)
    for lic in catalog.licenses:
        assert lic.id in text
        assert (tables.restrictions_text(lic.restrictions) or "none")[:20] in text


def test_show_a_model_adds_license_prices_and_benchmarks(
    catalog: Catalog, render: Render
) -> None:
    model = next(m for m in catalog.models if m.weights is s.Weights.OPEN)
    text = render(show_renderable(ShowKind.MODEL, model, catalog), width=140)
    assert f"model {model.id}" in text
    assert f"license {model.license}" in text
    assert "Prices (USD per million tokens)" in text and "Benchmarks" in text
    for bench in (b for b in catalog.benchmarks if b.model == model.id):
        assert bench.id in text


def test_show_other_kinds_is_their_fields_alone(catalog: Catalog, render: Render) -> None:
    gpu = catalog.gpus[0]
    text = render(show_renderable(ShowKind.GPU, gpu, catalog))
    assert f"gpu {gpu.id}" in text and gpu.name in text
    assert "Prices" not in text and "Benchmarks" not in text


def test_show_kinds_are_exactly_what_find_returns(catalog: Catalog) -> None:
    found = {
        find(catalog, entry.id)[0]
        for entries in (catalog.models, catalog.licenses, catalog.gpus, catalog.providers,
                        catalog.sources)
        for entry in entries[:1]
    }
    assert found == {kind.value for kind in ShowKind}
