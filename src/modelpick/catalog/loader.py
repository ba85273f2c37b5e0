"""Load a catalog for use: parse it, check what it means, and refuse it at its first error.

`parse` turns the files into records and `checks` judges them; this module is the one that
needs both, so neither needs the other's caller. A catalog checked earlier is not checked
again but for what depends on today's date: the shipped catalog comes from its snapshot
(`snapshot`, made when the package is built), and with `cache` a user's catalog directory
comes from the entry made the first time it was used (`cache`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from modelpick.catalog.findings import Finding, Severity
from modelpick.catalog.parse import Catalog, default_catalog_dir
from modelpick.errors import CatalogError

if TYPE_CHECKING:
    from modelpick.catalog.record import Record

__all__ = ["Catalog", "default_catalog_dir", "load_catalog"]
"""`Catalog` and `default_catalog_dir` live in `parse`; callers of `load_catalog` need them."""


def load_catalog(
    directory: Path | None = None, *, cache: bool = False, today: dt.date | None = None
) -> Catalog:
    """Load a catalog for use, or raise CatalogError with its first error.

    Runs the consistency checks too: the engine relies on every reference resolving. No
    directory: the shipped catalog, from its snapshot while that matches its YAML. With
    `cache`, a catalog directory validated before by this modelpick is read from the user's
    cache, and one validated now is kept there (`--no-cache` turns it off).
    """
    today = today or dt.date.today()
    if directory is None:
        from modelpick.catalog import snapshot

        with default_catalog_dir() as path:
            shipped = snapshot.load(path)
            if shipped is None:  # edited YAML, not yet snapshotted: validate it instead
                return _load_directory(path, cache=cache, today=today)
            return _checked_today(shipped[0], today)
    return _load_directory(directory, cache=cache, today=today)


def _load_directory(directory: Path, *, cache: bool, today: dt.date) -> Catalog:
    if not cache:
        return _validated(directory, today, None)
    from modelpick.catalog import cache as user_cache

    found = user_cache.lookup(directory)
    if found.catalog is not None:
        return _checked_today(found.catalog, today)
    records: dict[str, Record] = {}
    catalog = _validated(directory, today, records, found.files)
    user_cache.store(directory, found, records)
    return catalog


def _validated(
    directory: Path,
    today: dt.date,
    records: dict[str, Record] | None,
    files: Mapping[str, bytes] | None = None,
) -> Catalog:
    """Parse and check a catalog directory in full (`records` receives its files' records).

    `files`: the catalog files' bytes, read already (else they are read from `directory`).
    """
    from modelpick.catalog import parse
    from modelpick.catalog.checks import run_checks

    catalog, findings = parse.parse_catalog(directory, records=records, files=files)
    if catalog is not None:
        findings = [
            f for f in run_checks(catalog, today, errors_only=True)
            if f.severity is Severity.ERROR
        ]
    _refuse(findings)
    assert catalog is not None
    return catalog


def _checked_today(catalog: Catalog, today: dt.date) -> Catalog:
    """A catalog checked earlier, once the checks that depend on the date pass today too."""
    from modelpick.catalog.checks import run_checks

    _refuse([
        f for f in run_checks(catalog, today, errors_only=True, dated=True)
        if f.severity is Severity.ERROR
    ])
    return catalog


def _refuse(findings: list[Finding]) -> None:
    if findings:
        first = findings[0]
        more = f" (and {len(findings) - 1} more; run 'modelpick catalog validate')" if len(
            findings
        ) > 1 else ""
        raise CatalogError(
            f"invalid catalog: {first.message}{more}",
            file=first.file,
            line=first.line,
            column=first.column,
            key=first.key,
        )
