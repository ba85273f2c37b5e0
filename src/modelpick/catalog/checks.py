"""Consistency checks beyond the schema (placeholder until the checks land)."""

from __future__ import annotations

import datetime as dt

from modelpick.catalog.loader import Catalog, Finding


def run_checks(catalog: Catalog, today: dt.date | None = None) -> list[Finding]:
    """Every finding about a loaded catalog."""
    return []
