"""The checks made fast for large catalogs find what their straightforward versions find.

Each `_plain_*` below is the check as it was first written (one generator and one key path
per reference); the registered checks look a reference up before they build its path. On a
catalog with a broken reference, a duplicate and a doubtful price of every kind, both must
give the same findings in the same order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from modelpick.catalog import schema as s
from modelpick.catalog.checks import CheckContext, dates, prices, references, sources, text
from modelpick.catalog.checks.context import (
    BENCHMARKS,
    CATALOG,
    HARDWARE,
    LICENSES,
    MODELS,
    POLICY,
    PROVIDERS,
    pick_lists,
    source_refs,
)
from modelpick.catalog.findings import Finding
from modelpick.catalog.parse import Catalog, parse_catalog
from modelpick.validation import did_you_mean

TODAY = dt.date(2026, 12, 1)


def _plain_source_refs(cat: Catalog) -> Iterable[tuple[str, list[str | int], str]]:
    def cited(file_name: str, base: list[str | int], ids: list[str]) -> Iterable[Any]:
        for j, source_id in enumerate(ids):
            yield file_name, [*base, "sources", j], source_id

    def claims(file_name: str, base: list[str | int], disputes: list[Any]) -> Iterable[Any]:
        for k, dis in enumerate(disputes):
            for m, claim in enumerate(dis.claims):
                yield file_name, [*base, "disagreements", k, "claims", m, "source"], claim.source

    for i, lic in enumerate(cat.licenses):
        yield from cited(LICENSES, ["licenses", i], lic.sources)
    for i, model in enumerate(cat.models):
        yield from cited(MODELS, ["models", i], model.sources)
        yield from claims(MODELS, ["models", i], model.disagreements)
        if model.shape is not None:
            yield from cited(MODELS, ["models", i, "shape"], model.shape.sources)
    for i, gpu in enumerate(cat.gpus):
        yield from cited(HARDWARE, ["gpus", i], gpu.sources)
        for j, gpu_price in enumerate(gpu.prices):
            yield from cited(HARDWARE, ["gpus", i, "prices", j], gpu_price.sources)
    for i, bench in enumerate(cat.benchmarks):
        yield from cited(BENCHMARKS, ["benchmarks", i], bench.sources)
    for i, provider in enumerate(cat.providers):
        yield from cited(PROVIDERS, ["providers", i], provider.sources)
        yield from cited(PROVIDERS, ["providers", i, "privacy"], provider.privacy.sources)
        for j, source_id in enumerate(provider.regions_sources):
            yield PROVIDERS, ["providers", i, "regions_sources", j], source_id
    for i, price in enumerate(cat.prices):
        yield from cited(PROVIDERS, ["prices", i], price.sources)
    yield from cited(POLICY, ["policy"], cat.policy.sources)
    yield from cited(POLICY, ["policy", "sizing"], cat.policy.sizing.sources)
    yield from cited(POLICY, ["policy", "operations"], cat.policy.operations.sources)
    yield from cited(POLICY, ["policy", "right_sizing"], cat.policy.right_sizing.sources)
    for i, why in enumerate(cat.policy.rationales):
        yield from cited(POLICY, ["policy", "rationales", i], why.sources)
    yield from claims(POLICY, ["policy"], cat.policy.disagreements)


def _plain_unique_ids(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    groups: list[tuple[str, str, list[Any]]] = [
        ("sources.yaml", "sources", cat.sources), (LICENSES, "licenses", cat.licenses),
        (MODELS, "models", cat.models), (HARDWARE, "gpus", cat.gpus),
        (BENCHMARKS, "benchmarks", cat.benchmarks), (PROVIDERS, "providers", cat.providers),
    ]
    for file_name, section, items in groups:
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in first:
                yield ctx.error(file_name, [section, index, "id"],
                                f"duplicate id '{item.id}' (first declared as "
                                f"{section}[{first[item.id]}])")
            else:
                first[item.id] = index
    seen: dict[tuple[str, str], int] = {}
    for index, price in enumerate(cat.prices):
        key = (price.model, price.provider)
        if key in seen:
            yield ctx.error(PROVIDERS, ["prices", index],
                            f"duplicate price for '{price.model}' at '{price.provider}' "
                            f"(first as prices[{seen[key]}])")
        else:
            seen[key] = index


def _plain_references(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    hints_left = references.MAX_HINTS

    def resolve(file_name: str, path: Any, ref: str, table: dict[str, Any],
                what: str) -> Iterable[Finding]:
        nonlocal hints_left
        if ref in table:
            return
        hint = ""
        if hints_left > 0:
            hints_left -= 1
            found = did_you_mean(ref, list(table))
            hint = f", {found}" if found else ""
        yield ctx.error(file_name, path, f"unknown {what} '{ref}'{hint}")

    for i, model in enumerate(cat.models):
        yield from resolve(MODELS, ["models", i, "license"], model.license,
                           cat.licenses_by_id, "license")
    for i, bench in enumerate(cat.benchmarks):
        yield from resolve(BENCHMARKS, ["benchmarks", i, "model"], bench.model,
                           cat.models_by_id, "model")
        yield from resolve(BENCHMARKS, ["benchmarks", i, "gpu"], bench.gpu, cat.gpus_by_id, "GPU")
    for i, price in enumerate(cat.prices):
        yield from resolve(PROVIDERS, ["prices", i, "model"], price.model, cat.models_by_id,
                           "model")
        yield from resolve(PROVIDERS, ["prices", i, "provider"], price.provider,
                           cat.providers_by_id, "provider")
    for section, mode, task, index, model_id in pick_lists(cat.policy):
        yield from resolve(POLICY, ["policy", section, mode.value, task, index], model_id,
                           cat.models_by_id, "model")
    for file_name, path, source_id in _plain_source_refs(cat):
        yield from resolve(file_name, path, source_id, cat.sources_by_id, "source")


def _plain_prices(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    for i, model in enumerate(cat.models):
        if model.availability is s.Availability.NOT_RELEASED:
            continue
        self_hostable = model.weights is s.Weights.OPEN and model.shape is not None
        if model.id not in cat.prices_by_model and not self_hostable:
            kind = "closed-weights" if model.weights is s.Weights.CLOSED else "open-weight"
            yield ctx.error(MODELS, ["models", i, "id"],
                            f"{kind} model '{model.id}' has no price in providers.yaml")
    for i, price in enumerate(cat.prices):
        model = cat.models_by_id.get(price.model)
        provider = cat.providers_by_id.get(price.provider)
        if model is not None and provider is not None:
            if model.availability is s.Availability.NOT_RELEASED:
                yield ctx.error(PROVIDERS, ["prices", i, "model"],
                                f"'{model.id}' is not released; it cannot have a price")
            if model.weights not in provider.serves:
                served = " and ".join(w.value for w in provider.serves)
                yield ctx.error(
                    PROVIDERS, ["prices", i, "provider"],
                    f"'{provider.id}' serves {served} weights only (`serves` in providers.yaml),"
                    f" but '{model.id}' has {model.weights.value} weights")
        for field in ("input_per_mtok", "output_per_mtok"):
            if getattr(price, field) == 0:
                yield ctx.warning(
                    PROVIDERS, ["prices", i, field],
                    f"'{price.model}' at '{price.provider}' is priced at 0; is it really free?")


def _plain_dates(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
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
    dated: list[tuple[str, Sequence[str | int], str, dt.date]] = [
        *((CATALOG, ("changelog", i, "date"), "changelog date", entry.date)
          for i, entry in enumerate(meta.changelog)),
        *((PROVIDERS, ("prices", i, "as_of"), "price as_of", price.as_of)
          for i, price in enumerate(cat.prices)),
        *((HARDWARE, ("gpus", i, "prices", j, "as_of"), "GPU price as_of", price.as_of)
          for i, gpu in enumerate(cat.gpus) for j, price in enumerate(gpu.prices)),
    ]
    for file, path, label, date in dated:
        if date > today:
            yield ctx.error(file, path, f"{label} {date.isoformat()} is in the future")


@pytest.fixture
def catalog(catalog_copy: Path) -> Catalog:
    parsed, findings = parse_catalog(catalog_copy)
    assert parsed is not None and findings == []
    return parsed


def _broken(cat: Catalog) -> Catalog:
    """The catalog with a fault of every kind these checks look for, several times over."""
    models, prices_, benches = list(cat.models), list(cat.prices), list(cat.benchmarks)
    closed = next(i for i, m in enumerate(models) if m.weights is s.Weights.CLOSED)
    open_ = next(i for i, m in enumerate(models) if m.weights is s.Weights.OPEN)
    models[1] = models[1].model_copy(update={"license": "Apache-2.1", "sources": [
        models[1].sources[0], "no-such-source", models[1].sources[0], "no-such-either"]})
    models[2] = models[2].model_copy(update={"id": models[0].id})
    models[open_] = models[open_].model_copy(update={
        "availability": s.Availability.NOT_RELEASED})
    models[closed] = models[closed].model_copy(update={"id": "closed-without-price"})
    if models[3].disagreements:
        dis = models[3].disagreements[0]
        claim = dis.claims[0].model_copy(update={"source": "unknown-claim-source"})
        models[3] = models[3].model_copy(update={"disagreements": [
            dis.model_copy(update={"claims": [claim, *dis.claims[1:]]})]})
    free = prices_[0].model_copy(update={"input_per_mtok": 0.0, "output_per_mtok": 0.0})
    prices_ += [free, prices_[1], prices_[2].model_copy(update={"model": "no-such-model",
                                                                 "provider": "nowhere"})]
    prices_ += [p.model_copy(update={"model": models[open_].id}) for p in prices_[:3]]
    serving_closed = next(p for p in cat.providers if s.Weights.OPEN not in p.serves)
    prices_.append(prices_[0].model_copy(update={"model": models[open_].id,
                                                 "provider": serving_closed.id}))
    prices_[5] = prices_[5].model_copy(update={"as_of": TODAY + dt.timedelta(days=1)})
    benches[0] = benches[0].model_copy(update={"gpu": "h1000", "model": "qwen-9"})
    gpus = [cat.gpus[0].model_copy(update={"sources": ["gpu-source-missing"]}), *cat.gpus]
    return dataclasses.replace(cat, models=models, prices=prices_, benchmarks=benches,
                               gpus=gpus)


@pytest.mark.parametrize("broken", [False, True])
def test_fast_checks_find_what_the_plain_ones_find(catalog: Catalog, broken: bool) -> None:
    cat = _broken(catalog) if broken else catalog
    pairs = [
        ("unique-ids", references.unique_ids, _plain_unique_ids),
        ("references", references.references, _plain_references),
        ("prices", prices.prices, _plain_prices),
        ("dates", dates.dates, _plain_dates),
    ]
    for name, fast, plain in pairs:
        ctx = CheckContext(docs=cat.docs, today=TODAY, check=name)
        found = list(fast(cat, ctx))
        assert found == list(plain(cat, ctx)), name
        assert bool(found) is broken or name in ("prices", "dates"), name
        if name == "dates":
            assert any("price as_of" in f.message for f in found) is broken
    assert list(source_refs(cat)) == list(_plain_source_refs(cat))
    ctx = CheckContext(docs=cat.docs, today=TODAY, check="sources")
    used = {source_id for _, _, source_id in _plain_source_refs(cat)}
    never = {f.message for f in sources.sources_undated(cat, ctx) if "never cited" in f.message}
    assert never == {f"source '{src.id}' is never cited" for src in cat.sources
                     if src.id not in used}


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@given(st.text())
def test_has_control_is_the_search(value: str) -> None:
    assert text._CONTROL.pattern == _CONTROL.pattern
    assert text.has_control(value) == (_CONTROL.search(value) is not None)


@pytest.mark.parametrize("value", ["plain ascii", "tab\tand\nnewline", "bell\x07", "del\x7f",
                                   "é accent", "bidi\u202e", "c1\x85", "zero\x00", "\u2066",
                                   "\ud800 lone surrogate", ""])
def test_has_control_on_the_edges(value: str) -> None:
    assert text.has_control(value) == (_CONTROL.search(value) is not None)
