"""The checks registry: one signature, one name per check, and an order that cannot leak out."""

from __future__ import annotations

import datetime as dt
import inspect
import re
import typing
from collections.abc import Iterable
from pathlib import Path

import pytest

from modelpick.catalog import checks
from modelpick.catalog.checks import CHECKS, CheckContext, iter_findings, run_checks
from modelpick.catalog.findings import Finding
from modelpick.catalog.parse import Catalog, parse_catalog

TODAY = dt.date(2030, 1, 1)
"""Late enough that the catalog is stale: a `dates` finding too."""
AUTHORING = Path(__file__).resolve().parents[2] / "docs" / "catalog-authoring.md"


def _broken(catalog_copy: Path) -> Catalog:
    """catalog_min with findings from several checks at once."""
    models = catalog_copy / "models.yaml"
    models.write_text(
        models.read_text()
        .replace("    license: MIT", "    license: MTI")
        .replace("      active_b: 22\n", "      active_b: 2200\n")
    )
    providers = catalog_copy / "providers.yaml"
    providers.write_text(
        providers.read_text()
        .replace("provider: mistral\n", "provider: x\n")
        .replace("input_per_mtok: 1.25\n", "input_per_mtok: 0\n", 1)
    )
    catalog, findings = parse_catalog(catalog_copy)
    assert catalog is not None and findings == []
    return catalog


@pytest.mark.parametrize(("name", "check"), CHECKS, ids=[name for name, _ in CHECKS])
def test_every_check_has_the_one_signature(name: str, check: typing.Any) -> None:
    params = list(inspect.signature(check).parameters.values())
    assert [p.kind for p in params] == [inspect.Parameter.POSITIONAL_OR_KEYWORD] * 2
    hints = typing.get_type_hints(check)
    assert [hints[p.name] for p in params] == [Catalog, CheckContext]
    assert hints["return"] == Iterable[Finding]


def test_check_names_are_unique_and_documented() -> None:
    names = [name for name, _ in CHECKS]
    assert len(names) == len(set(names))
    section = AUTHORING.read_text().split("## What `catalog validate` checks", 1)[1]
    section = section.split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([a-z-]+)` \|", section, flags=re.M)
    assert set(names) <= set(documented)
    # the documented table lists the checks in the order they run (after yaml and schema)
    assert [n for n in documented if n in names] == names


def test_findings_carry_the_name_they_are_registered_under(catalog_copy: Path) -> None:
    catalog = _broken(catalog_copy)
    order = {name: i for i, (name, _) in enumerate(CHECKS)}
    found = list(iter_findings(catalog, TODAY))
    assert {f.check for f in found} >= {"references", "prices", "numbers", "dates"}
    positions = [order[f.check] for f in found]
    assert positions == sorted(positions)  # the checks run, and report, in registry order


def test_the_sorted_report_does_not_depend_on_registry_order(
    catalog_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = _broken(catalog_copy)
    forward, unsorted = run_checks(catalog, today=TODAY), list(iter_findings(catalog, TODAY))
    monkeypatch.setattr(checks, "CHECKS", tuple(reversed(CHECKS)))
    assert list(iter_findings(catalog, TODAY)) != unsorted  # the checks really ran reversed
    assert run_checks(catalog, today=TODAY) == forward
