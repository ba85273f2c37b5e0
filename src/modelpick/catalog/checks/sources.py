"""`sources` and `disagreements`: every fact traces to a source, and disputes are resolved."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from modelpick.catalog import schema as s
from modelpick.catalog.checks.context import (
    MODELS,
    POLICY,
    SOURCES,
    CheckContext,
    cited_sources,
)
from modelpick.catalog.findings import Finding
from modelpick.catalog.parse import Catalog


def sources(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """Sources are used, locatable and not dated in the future."""
    yield from sources_undated(cat, ctx)
    yield from sources_accessed(cat, ctx)


def sources_undated(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """Sources are used and locatable (what does not depend on today's date)."""
    used = cited_sources(cat)
    for i, src in enumerate(cat.sources):
        path: list[str | int] = ["sources", i]
        if src.id not in used:
            yield ctx.warning(SOURCES, [*path, "id"], f"source '{src.id}' is never cited")
        if src.kind is s.SourceKind.ARTICLE and not src.file:
            yield ctx.error(
                SOURCES,
                [*path, "kind"],
                f"article '{src.id}' has no `file` naming the article it comes from",
            )
        if src.kind is s.SourceKind.DATASET and not (src.commit or src.url):
            yield ctx.error(
                SOURCES,
                [*path, "kind"],
                f"dataset '{src.id}' has neither `commit` nor `url`",
            )


def sources_accessed(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """No source was accessed after today."""
    today = ctx.today
    for i, src in enumerate(cat.sources):
        if src.accessed > today:
            yield ctx.error(
                SOURCES,
                ["sources", i, "accessed"],
                f"accessed {src.accessed.isoformat()} is in the future (today is "
                f"{today.isoformat()})",
            )


_MISSING = object()


def _field_value(obj: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        obj = getattr(obj, part, _MISSING)
        if obj is _MISSING:
            return _MISSING
    return obj


def _same(a: Any, b: Any) -> bool:
    numeric = (int, float)
    if (
        isinstance(a, numeric)
        and isinstance(b, numeric)
        and not isinstance(a, bool)
        and not isinstance(b, bool)
    ):
        return math.isclose(float(a), float(b), rel_tol=1e-9)
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return bool(a == b)


def disagreements(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """A disagreement's choice is one of its claims, or the value the catalog records."""
    owners: list[tuple[str, list[str | int], Any, list[s.Disagreement]]] = [
        (MODELS, ["models", i], m, m.disagreements) for i, m in enumerate(cat.models)
    ]
    owners.append((POLICY, ["policy"], cat.policy, cat.policy.disagreements))
    for file_name, base, owner, disputes in owners:
        for k, dis in enumerate(disputes):
            current = _field_value(owner, dis.field)
            if current is _MISSING:
                # A disagreement about a concept, not a recorded field (the crossover volume,
                # say): its resolution may be neither claim, and there is nothing to compare.
                continue
            candidates = [claim.value for claim in dis.claims] + [current]
            if any(_same(dis.chosen, value) for value in candidates):
                continue
            yield ctx.warning(
                file_name,
                [*base, "disagreements", k, "chosen"],
                f"chosen value {dis.chosen!r} is neither a claim nor the recorded value of "
                f"'{dis.field}' ({current!r})",
            )
