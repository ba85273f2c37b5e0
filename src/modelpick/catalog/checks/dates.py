"""`dates`: the catalog is dated sensibly, versioned consistently and not stale."""

from __future__ import annotations

from collections.abc import Iterable

from modelpick.catalog import schema as s
from modelpick.catalog.checks.context import CATALOG, HARDWARE, PROVIDERS, CheckContext
from modelpick.catalog.findings import Finding
from modelpick.catalog.parse import Catalog


def dates(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """The catalog is dated sensibly, versioned consistently and not stale."""
    meta, today = cat.meta, ctx.today
    if meta.as_of > today:
        yield ctx.error(
            CATALOG,
            ["as_of"],
            f"as_of {meta.as_of.isoformat()} is in the future (today is {today.isoformat()})",
        )
    else:
        age = (today - meta.as_of).days
        if age > cat.policy.staleness_days:
            yield ctx.warning(
                CATALOG,
                ["as_of"],
                f"catalog is {age} days old, past the policy's staleness limit of "
                f"{cat.policy.staleness_days} days",
            )
    if meta.schema_version != s.SCHEMA_VERSION:
        yield ctx.error(
            CATALOG,
            ["schema_version"],
            f"schema_version {meta.schema_version} is not the one this modelpick reads "
            f"({s.SCHEMA_VERSION})",
        )
    if not any(entry.version == meta.version for entry in meta.changelog):
        yield ctx.error(
            CATALOG,
            ["changelog"],
            f"the changelog has no entry for version {meta.version}",
        )
    for i, entry in enumerate(meta.changelog):
        if entry.date > today:
            yield ctx.error(
                CATALOG,
                ["changelog", i, "date"],
                f"changelog date {entry.date.isoformat()} is in the future",
            )
    for i, price in enumerate(cat.prices):
        if price.as_of > today:
            yield ctx.error(
                PROVIDERS,
                ["prices", i, "as_of"],
                f"price as_of {price.as_of.isoformat()} is in the future",
            )
    for i, gpu in enumerate(cat.gpus):
        if gpu.price_as_of > today:
            yield ctx.error(
                HARDWARE,
                ["gpus", i, "price_as_of"],
                f"price_as_of {gpu.price_as_of.isoformat()} is in the future",
            )
