"""`unique-ids` and `references`: every id is declared once, and every mention resolves."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from modelpick.catalog.checks.context import (
    BENCHMARKS,
    HARDWARE,
    LICENSES,
    MODELS,
    POLICY,
    PROVIDERS,
    SOURCES,
    CheckContext,
    pick_lists,
    source_lists,
)
from modelpick.catalog.findings import Finding
from modelpick.catalog.parse import Catalog
from modelpick.validation import did_you_mean

if TYPE_CHECKING:
    from modelpick.yamlfile import KeyPath

MAX_HINTS = 10
"""'Did you mean' costs a scan of the ids; past this many broken references, skip the hint."""


def unique_ids(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """No id is declared twice; no price is declared twice."""
    groups: list[tuple[str, str, list[Any]]] = [
        (SOURCES, "sources", cat.sources),
        (LICENSES, "licenses", cat.licenses),
        (MODELS, "models", cat.models),
        (HARDWARE, "gpus", cat.gpus),
        (BENCHMARKS, "benchmarks", cat.benchmarks),
        (PROVIDERS, "providers", cat.providers),
    ]
    for file_name, section, items in groups:
        if len({item.id for item in items}) == len(items):
            continue  # no id twice (the usual case): nothing to point at
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in first:
                yield ctx.error(
                    file_name,
                    [section, index, "id"],
                    f"duplicate id '{item.id}' (first declared as {section}[{first[item.id]}])",
                )
            else:
                first[item.id] = index
    if len({(price.model, price.provider) for price in cat.prices}) == len(cat.prices):
        return
    seen_price: dict[tuple[str, str], int] = {}
    for index, price in enumerate(cat.prices):
        price_key = (price.model, price.provider)
        if price_key in seen_price:
            yield ctx.error(
                PROVIDERS,
                ["prices", index],
                f"duplicate price for '{price.model}' at '{price.provider}' "
                f"(first as prices[{seen_price[price_key]}])",
            )
        else:
            seen_price[price_key] = index


def references(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """Every id a file mentions is declared where it belongs."""
    hints_left = MAX_HINTS

    def resolve(
        file_name: str, path: KeyPath, ref: str, table: dict[str, Any], what: str
    ) -> Iterable[Finding]:
        nonlocal hints_left
        if ref in table:
            return
        hint = ""
        if hints_left > 0:
            hints_left -= 1
            found = did_you_mean(ref, list(table))
            hint = f", {found}" if found else ""
        yield ctx.error(file_name, path, f"unknown {what} '{ref}'{hint}")

    # Each reference is looked up first, and its key path made only for one that fails: a
    # large catalog has hundreds of thousands of references, and makes no finding of them.
    licenses, models, gpus = cat.licenses_by_id, cat.models_by_id, cat.gpus_by_id
    for i, model in enumerate(cat.models):
        if model.license not in licenses:
            yield from resolve(MODELS, ["models", i, "license"], model.license, licenses,
                               "license")
    for i, bench in enumerate(cat.benchmarks):
        if bench.model not in models:
            yield from resolve(BENCHMARKS, ["benchmarks", i, "model"], bench.model, models,
                               "model")
        if bench.gpu not in gpus:
            yield from resolve(BENCHMARKS, ["benchmarks", i, "gpu"], bench.gpu, gpus, "GPU")
    providers = cat.providers_by_id
    for i, price in enumerate(cat.prices):
        if price.model not in models:
            yield from resolve(PROVIDERS, ["prices", i, "model"], price.model, models, "model")
        if price.provider not in providers:
            yield from resolve(PROVIDERS, ["prices", i, "provider"], price.provider, providers,
                               "provider")
    for section, mode, task, index, model_id in pick_lists(cat.policy):
        yield from resolve(
            POLICY,
            ["policy", section, mode.value, task, index],
            model_id,
            models,
            "model",
        )
    sources = cat.sources_by_id
    known = frozenset(sources)
    for file_name, path, ids, indexed in source_lists(cat):
        if known.issuperset(ids):
            continue
        for j, source_id in enumerate(ids):
            where = [*path, j] if indexed else list(path)
            yield from resolve(file_name, where, source_id, sources, "source")
