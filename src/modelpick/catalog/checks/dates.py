"""`dates`: the catalog is dated sensibly, versioned consistently and not stale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

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
    # Tens of thousands of prices, each run on every use: their dates are compared first,
    # and the list of what to point at is made only when one of them is in the future.
    if any(price.as_of > today for price in cat.prices):
        prices: Iterable[tuple[str, Sequence[str | int], str, dt.date]] = (
            (PROVIDERS, ("prices", i, "as_of"), "price as_of", price.as_of)
            for i, price in enumerate(cat.prices)
        )
    else:
        prices = ()
    dated: list[tuple[str, Sequence[str | int], str, dt.date]] = [
        *((CATALOG, ("changelog", i, "date"), "changelog date", entry.date)
          for i, entry in enumerate(meta.changelog)),
        *prices,
        *((HARDWARE, ("gpus", i, "prices", j, "as_of"), "GPU price as_of", price.as_of)
          for i, gpu in enumerate(cat.gpus) for j, price in enumerate(gpu.prices)),
    ]
    for file, path, label, date in dated:
        if date > today:
            yield ctx.error(file, path, f"{label} {date.isoformat()} is in the future")
