"""The checks and the findings formatters in-process: speed, determinism, escaping, dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from modelpick.catalog.checks import run_checks, validate_directory
from modelpick.catalog.findings import Finding, Severity
from modelpick.catalog.parse import Catalog, parse_catalog
from modelpick.report.findings import (
    escape_data,
    escape_property,
    finding_line,
    format_github,
    summary,
)


def test_today_is_injectable(catalog_min: Path) -> None:
    catalog, findings = parse_catalog(catalog_min)
    assert catalog is not None and findings == []
    assert run_checks(catalog, today=dt.date(2026, 11, 21)) == []
    past = run_checks(catalog, today=dt.date(2026, 10, 1))
    assert {(f.check, f.key) for f in past if f.severity is Severity.ERROR} >= {
        ("dates", "as_of"),
        ("dates", "prices[0].as_of"),
        ("sources", "sources[3].accessed"),
    }
    stale = run_checks(catalog, today=dt.date(2028, 1, 1))
    assert [(f.check, f.severity, f.key) for f in stale] == [("dates", Severity.WARNING, "as_of")]


def test_github_escaping() -> None:
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("C:\\a,b%") == "C%3A\\a%2Cb%25"
    finding = Finding("references", Severity.ERROR, "bad: x,\ny", "dir,1/a:b.yaml", 3, 7, "k")
    line = format_github_line(finding)
    assert (
        line
        == "::error file=dir%2C1/a%3Ab.yaml,line=3,col=7,title=modelpick references::k: bad: x,%0Ay"
    )


def format_github_line(finding: Finding) -> str:
    from modelpick.report.findings import github_line

    return github_line(finding)


def test_text_line_without_location() -> None:
    finding = Finding("yaml", Severity.WARNING, "m", file="f.yaml")
    assert finding_line(finding) == "f.yaml: warning[yaml] m"


def test_summary_plurals(catalog_min: Path) -> None:
    result = validate_directory(catalog_min, today=dt.date(2026, 11, 21))
    assert summary(result) == (
        "catalog 2026.11.1: 0 errors, 0 warnings (8 files, 7 models, 2 GPUs, 9 prices)"
    )
    assert format_github(result).splitlines() == [summary(result)]


def _big_catalog(catalog: Catalog, copies: int, broken: int = 0) -> Catalog:
    """catalog_min with `copies` x its models, prices and benchmarks renamed; `broken` bad refs."""
    models, benchmarks, prices = (
        list(catalog.models),
        list(catalog.benchmarks),
        list(catalog.prices),
    )
    for n in range(copies):
        models += [m.model_copy(update={"id": f"{m.id}-{n}"}) for m in catalog.models]
        benchmarks += [
            b.model_copy(update={"id": f"{b.id}-{n}", "model": f"{b.model}-{n}"})
            for b in catalog.benchmarks
        ]
        prices += [p.model_copy(update={"model": f"{p.model}-{n}"}) for p in catalog.prices]
    for n in range(broken):
        prices.append(catalog.prices[0].model_copy(update={"model": f"no-such-model-{n}"}))
    return dataclasses.replace(catalog, models=models, benchmarks=benchmarks, prices=prices)


@pytest.mark.slow
@pytest.mark.parametrize("broken", [0, 200])
def test_checks_are_linear(catalog_min: Path, broken: int) -> None:
    small, _ = parse_catalog(catalog_min)
    assert small is not None
    # Speed is measured in benchmarks/, never asserted here; this checks the big catalog's
    # findings are exactly the broken references, with no cross-talk between copies.
    catalog = _big_catalog(small, copies=300, broken=broken)
    assert len(catalog.models) > 2_000 and len(catalog.benchmarks) > 300
    found = run_checks(catalog, today=dt.date(2026, 11, 21))
    assert len(found) == broken  # one `references` error per unknown model


def test_findings_sorted_and_deterministic(catalog_copy: Path) -> None:
    models = catalog_copy / "models.yaml"
    models.write_text(
        models.read_text()
        .replace("    license: MIT", "    license: MTI")
        .replace("      active_b: 22\n", "      active_b: 2200\n")
    )
    (catalog_copy / "providers.yaml").write_text(
        (catalog_copy / "providers.yaml")
        .read_text()
        .replace("provider: mistral\n", "provider: x\n")
    )
    first = validate_directory(catalog_copy).findings
    again = validate_directory(catalog_copy).findings
    assert first == again
    keys = [(f.file or "", f.line or 0) for f in first]
    assert keys == sorted(keys)
    assert {f.check for f in first} >= {"references", "numbers"}
