"""Consistency checks beyond the schema: what a well-formed catalog must also mean.

Every check is one function, `check(catalog, ctx) -> Iterable[Finding]`, declared once in
`CHECKS` under the name its findings carry; `run_checks` runs them in that order and sorts
what they find by file and line. Each check is one pass over the catalog with dict lookups, so
a catalog of tens of thousands of models validates in well under a second.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from modelpick.catalog import schema as s
from modelpick.catalog.checks import (
    dates,
    figures,
    licenses,
    policy,
    prices,
    references,
    sizing,
    sources,
    text,
)
from modelpick.catalog.checks.context import Check, CheckContext
from modelpick.catalog.checks.files import check_files
from modelpick.catalog.findings import Finding, Severity, sort_key
from modelpick.catalog.parse import MAX_CATALOG_FILE_BYTES, Catalog, parse_catalog
from modelpick.errors import InputError

__all__ = [
    "CHECKS",
    "DATED",
    "Check",
    "CheckContext",
    "Validation",
    "iter_findings",
    "run_checks",
    "validate_directory",
    "validation_of",
]

CHECKS: tuple[tuple[str, Check], ...] = (
    ("unique-ids", references.unique_ids),
    ("references", references.references),
    ("policy-modes", policy.policy_modes),
    ("costs", policy.costs),
    ("shapes", sizing.shapes),
    ("gpus", sizing.gpus),
    ("benchmarks", sizing.benchmarks),
    ("fit", sizing.fit),
    ("checkpoints", sizing.checkpoints),
    ("prices", prices.prices),
    ("numbers", figures.numbers),
    ("sources", sources.sources),
    ("dates", dates.dates),
    ("licenses", licenses.licenses),
    ("disagreements", sources.disagreements),
    ("text", text.text),
)
"""Every check on a loaded catalog, by the name its findings carry, in the order they run."""

WARNINGS_ONLY = frozenset({"fit", "checkpoints"})
"""Checks that can only warn; loading a catalog for use (errors only) skips them."""

DATED: dict[str, tuple[Check, Check | None]] = {
    "sources": (sources.sources_accessed, sources.sources_undated),
    "dates": (dates.dates, None),
}
"""The checks whose findings depend on today's date: (the part that does, the rest).

A catalog checked earlier (the shipped snapshot, a cached catalog) keeps what the rest found
and runs the dated parts again on every use: staleness and dates in the future."""


def iter_findings(
    catalog: Catalog, today: dt.date, *, errors_only: bool = False, dated: bool | None = None
) -> Iterable[Finding]:
    """Every finding about a loaded catalog, check by check in registry order (unsorted).

    `dated=True` runs only the parts of the checks that depend on today's date (`DATED`),
    `dated=False` everything else; both together find what `dated=None` finds.
    """
    for name, check in CHECKS:
        if errors_only and name in WARNINGS_ONLY:
            continue
        part: Check | None = check
        if dated is not None:
            today_part, rest = DATED.get(name, (None, check))
            part = today_part if dated else rest
        if part is not None:
            yield from part(catalog, CheckContext(docs=catalog.docs, today=today, check=name))


def run_checks(
    catalog: Catalog,
    today: dt.date | None = None,
    *,
    errors_only: bool = False,
    dated: bool | None = None,
) -> list[Finding]:
    """Every finding about a loaded catalog, sorted by file and line.

    With `errors_only`, the checks that can only warn are skipped; `dated` as `iter_findings`.
    """
    found = iter_findings(catalog, today or dt.date.today(), errors_only=errors_only, dated=dated)
    return sorted(found, key=sort_key)


@dataclass(frozen=True)
class Validation:
    """What `catalog validate` found, and what it looked at."""

    version: str | None
    findings: Sequence[Finding]
    files: int
    models: int | None = None
    gpus: int | None = None
    prices: int | None = None

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    def passed(self, *, strict: bool) -> bool:
        """No errors, and with `strict` no warnings either."""
        return self.errors == 0 and not (strict and self.warnings)


def _version_of(directory: Path) -> str | None:
    """The version catalog.yaml declares, read on its own when the catalog did not load."""
    from modelpick.yamlfile import load_yaml_file

    try:
        data = load_yaml_file(
            directory / "catalog.yaml", max_bytes=MAX_CATALOG_FILE_BYTES, what="catalog file"
        ).data
    except InputError:
        return None
    version = data.get("version") if isinstance(data, dict) else None
    return version if isinstance(version, str) else None


def validate_directory(directory: Path, today: dt.date | None = None) -> Validation:
    """Every problem in a catalog directory: parse, schema and consistency, as findings.

    Raises InputError only when the directory itself cannot be read.
    """
    catalog, findings = parse_catalog(directory)
    extra = check_files(directory)
    if catalog is None:
        return Validation(
            version=_version_of(directory),
            findings=sorted(itertools.chain(findings, extra), key=sort_key),
            files=len(s.FILES),
        )
    return validation_of(catalog, [*run_checks(catalog, today), *extra])


def validation_of(catalog: Catalog, findings: Iterable[Finding]) -> Validation:
    """What validating a loaded catalog found, sorted, with what it looked at."""
    return Validation(
        version=catalog.meta.version,
        findings=sorted(findings, key=sort_key),
        files=len(s.FILES),
        models=len(catalog.models),
        gpus=len(catalog.gpus),
        prices=len(catalog.prices),
    )
