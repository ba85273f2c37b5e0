"""`numbers`: the arithmetic a catalog's figures must satisfy together.

Each figure's own range is in the schema; these are the facts that hold between figures.
"""

from __future__ import annotations

from collections.abc import Iterable

from modelpick.catalog.checks.context import MODELS, CheckContext, amount
from modelpick.catalog.findings import Finding
from modelpick.catalog.parse import Catalog


def numbers(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """Figures that cannot be true together (each one's own range is in the schema)."""
    for i, model in enumerate(cat.models):
        params = model.parameters
        total, active = params.total_b, params.active_b
        if total is not None and active is not None and active > total:
            yield ctx.error(
                MODELS,
                ["models", i, "parameters", "active_b"],
                f"active parameters ({amount(active)}B) exceed total ({amount(total)}B)",
            )
