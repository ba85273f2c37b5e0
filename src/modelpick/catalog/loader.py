"""Load a catalog for use: parse it, check what it means, and refuse it at its first error.

`parse` turns the files into models and `checks` judges them; this module is the one that
needs both, so neither needs the other's caller.
"""

from __future__ import annotations

from pathlib import Path

from modelpick.catalog.checks import run_checks
from modelpick.catalog.findings import Severity
from modelpick.catalog.parse import Catalog, default_catalog_dir, parse_catalog
from modelpick.errors import CatalogError

__all__ = ["Catalog", "default_catalog_dir", "load_catalog"]
"""`Catalog` and `default_catalog_dir` live in `parse`; callers of `load_catalog` need them."""


def load_catalog(directory: Path | None = None) -> Catalog:
    """Load a catalog for use, or raise CatalogError with its first error.

    Runs the consistency checks too: the engine relies on every reference resolving.
    """
    if directory is None:
        with default_catalog_dir() as path:
            return load_catalog(path)
    catalog, findings = parse_catalog(directory)
    if catalog is not None:
        findings = [
            f for f in run_checks(catalog, errors_only=True) if f.severity is Severity.ERROR
        ]
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
    assert catalog is not None
    return catalog
