"""Consistency checks beyond the schema: what a well-formed catalog must also mean.

Each check has a name (the `check` of its findings) and points at the file, line and key at
fault. Every check is one pass over the catalog with dict lookups, so a catalog of tens of
thousands of models validates in well under a second.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from modelpick.catalog import schema as s
from modelpick.catalog.loader import (
    MAX_CATALOG_FILE_BYTES,
    Catalog,
    Finding,
    Severity,
    parse_catalog,
)
from modelpick.errors import InputError, format_key
from modelpick.validation import did_you_mean
from modelpick.yamlfile import KeyPath, load_yaml_file

CATALOG = "catalog.yaml"
SOURCES = "sources.yaml"
LICENSES = "licenses.yaml"
MODELS = "models.yaml"
HARDWARE = "hardware.yaml"
PROVIDERS = "providers.yaml"
POLICY = "policy.yaml"

MAX_HINTS = 10
"""'Did you mean' costs a scan of the ids; past this many broken references, skip the hint."""

API_MODES = (s.DeploymentMode.HOSTED_OPEN, s.DeploymentMode.CLOSED_API)
OPEN_MODES = (s.DeploymentMode.SELF_HOSTED, s.DeploymentMode.HOSTED_OPEN)


class _Report:
    """Collects findings, resolving each key path to a line once."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.findings: list[Finding] = []
        self.hints_left = MAX_HINTS

    def add(
        self,
        check: str,
        severity: Severity,
        file_name: str,
        path: KeyPath,
        message: str,
    ) -> None:
        doc = self.catalog.docs.get(file_name)
        line = column = None
        file = file_name
        if doc is not None:
            file = doc.file
            line, column = doc.locate(path)
        self.findings.append(
            Finding(
                check=check,
                severity=severity,
                message=message,
                file=file,
                line=line,
                column=column,
                key=format_key(list(path)),
            )
        )

    def error(self, check: str, file_name: str, path: KeyPath, message: str) -> None:
        self.add(check, Severity.ERROR, file_name, path, message)

    def warn(self, check: str, file_name: str, path: KeyPath, message: str) -> None:
        self.add(check, Severity.WARNING, file_name, path, message)

    def hint(self, word: str, choices: Iterable[str]) -> str:
        if self.hints_left <= 0:
            return ""
        self.hints_left -= 1
        found = did_you_mean(word, list(choices))
        return f", {found}" if found else ""


def _pick_lists(
    policy: s.Policy,
) -> Iterable[tuple[str, s.DeploymentMode, str, int, str]]:
    """(section, mode, task key, index, model id) for every pick in the policy."""
    tables = (("picks", policy.picks), ("picks_cost_dominant", policy.picks_cost_dominant))
    for section, table in tables:
        for mode, by_task in table.items():
            for task, ids in by_task.items():
                for index, model_id in enumerate(ids):
                    yield section, mode, str(task), index, model_id


# --- unique-ids ---------------------------------------------------------------------------


def check_unique_ids(cat: Catalog, r: _Report) -> None:
    """No id is declared twice; no footprint or price is declared twice."""
    groups: list[tuple[str, str, list[Any]]] = [
        (SOURCES, "sources", cat.sources),
        (LICENSES, "licenses", cat.licenses),
        (MODELS, "models", cat.models),
        (HARDWARE, "gpus", cat.gpus),
        (PROVIDERS, "providers", cat.providers),
    ]
    for file_name, section, items in groups:
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in first:
                r.error(
                    "unique-ids",
                    file_name,
                    [section, index, "id"],
                    f"duplicate id '{item.id}' (first declared as {section}[{first[item.id]}])",
                )
            else:
                first[item.id] = index
    seen_fp: dict[tuple[str, str, str, int], int] = {}
    for index, fp in enumerate(cat.footprints):
        fp_key = (fp.model, fp.precision.value, fp.gpu, fp.gpus)
        if fp_key in seen_fp:
            r.error(
                "unique-ids",
                HARDWARE,
                ["footprints", index],
                f"duplicate footprint for '{fp.model}' at {fp.precision.value} on "
                f"{fp.gpus} x {fp.gpu} (first as footprints[{seen_fp[fp_key]}])",
            )
        else:
            seen_fp[fp_key] = index
    seen_price: dict[tuple[str, str], int] = {}
    for index, price in enumerate(cat.prices):
        price_key = (price.model, price.provider)
        if price_key in seen_price:
            r.error(
                "unique-ids",
                PROVIDERS,
                ["prices", index],
                f"duplicate price for '{price.model}' at '{price.provider}' "
                f"(first as prices[{seen_price[price_key]}])",
            )
        else:
            seen_price[price_key] = index


# --- references ---------------------------------------------------------------------------


def _source_refs(cat: Catalog) -> Iterable[tuple[str, list[str | int], str]]:
    """(file, key path, source id) for every source citation in the catalog."""

    def cited(file_name: str, base: list[str | int], ids: list[str]) -> Iterable[Any]:
        for j, source_id in enumerate(ids):
            yield file_name, [*base, "sources", j], source_id

    def claims(
        file_name: str, base: list[str | int], disagreements: list[s.Disagreement]
    ) -> Iterable[Any]:
        for k, dis in enumerate(disagreements):
            for m, claim in enumerate(dis.claims):
                yield file_name, [*base, "disagreements", k, "claims", m, "source"], claim.source

    for i, lic in enumerate(cat.licenses):
        yield from cited(LICENSES, ["licenses", i], lic.sources)
    for i, model in enumerate(cat.models):
        yield from cited(MODELS, ["models", i], model.sources)
        yield from claims(MODELS, ["models", i], model.disagreements)
    for i, gpu in enumerate(cat.gpus):
        yield from cited(HARDWARE, ["gpus", i], gpu.sources)
    for i, fp in enumerate(cat.footprints):
        yield from cited(HARDWARE, ["footprints", i], fp.sources)
    for i, provider in enumerate(cat.providers):
        yield from cited(PROVIDERS, ["providers", i], provider.sources)
    for i, price in enumerate(cat.prices):
        yield from cited(PROVIDERS, ["prices", i], price.sources)
    yield from cited(POLICY, ["policy"], cat.policy.sources)
    yield from claims(POLICY, ["policy"], cat.policy.disagreements)


def check_references(cat: Catalog, r: _Report) -> None:
    """Every id a file mentions is declared where it belongs."""

    def resolve(file_name: str, path: KeyPath, ref: str, table: dict[str, Any], what: str) -> None:
        if ref not in table:
            r.error(
                "references",
                file_name,
                path,
                f"unknown {what} '{ref}'{r.hint(ref, table)}",
            )

    for i, model in enumerate(cat.models):
        resolve(MODELS, ["models", i, "license"], model.license, cat.licenses_by_id, "license")
    for i, fp in enumerate(cat.footprints):
        resolve(HARDWARE, ["footprints", i, "model"], fp.model, cat.models_by_id, "model")
        resolve(HARDWARE, ["footprints", i, "gpu"], fp.gpu, cat.gpus_by_id, "GPU")
    for i, price in enumerate(cat.prices):
        resolve(PROVIDERS, ["prices", i, "model"], price.model, cat.models_by_id, "model")
        resolve(
            PROVIDERS, ["prices", i, "provider"], price.provider, cat.providers_by_id, "provider"
        )
    for section, mode, task, index, model_id in _pick_lists(cat.policy):
        resolve(
            POLICY,
            ["policy", section, mode.value, task, index],
            model_id,
            cat.models_by_id,
            "model",
        )
    for file_name, path, source_id in _source_refs(cat):
        resolve(file_name, path, source_id, cat.sources_by_id, "source")


# --- policy-modes -------------------------------------------------------------------------


def _check_empty_picks(policy: s.Policy, r: _Report) -> None:
    """A mode or task with no picks says nothing; leaving the key out says it plainly."""
    tables = (("picks", policy.picks), ("picks_cost_dominant", policy.picks_cost_dominant))
    for section, table in tables:
        for mode, by_task in table.items():
            if not by_task:
                r.error(
                    "policy-modes",
                    POLICY,
                    ["policy", section, mode.value],
                    f"{section}.{mode.value} ranks nothing; name its picks or remove the key",
                )
            for task, ids in by_task.items():
                if not ids:
                    r.error(
                        "policy-modes",
                        POLICY,
                        ["policy", section, mode.value, str(task)],
                        f"{section}.{mode.value}.{task} is an empty list; name its picks or "
                        "remove the key",
                    )


def check_policy_modes(cat: Catalog, r: _Report) -> None:
    """Every pick can actually be deployed the way its mode says."""
    _check_empty_picks(cat.policy, r)
    for section, mode, task, index, model_id in _pick_lists(cat.policy):
        model = cat.models_by_id.get(model_id)
        if model is None:
            continue  # `references` reports it
        path = ["policy", section, mode.value, task, index]
        closed = model.weights is s.Weights.CLOSED
        if mode in OPEN_MODES and closed:
            r.error(
                "policy-modes",
                POLICY,
                path,
                f"'{model_id}' has closed weights but is picked for {mode.value}",
            )
        if mode is s.DeploymentMode.CLOSED_API and not closed:
            r.error(
                "policy-modes",
                POLICY,
                path,
                f"'{model_id}' has open weights but is picked for {mode.value}",
            )
        if model.availability is s.Availability.NOT_RELEASED:
            r.error(
                "policy-modes",
                POLICY,
                path,
                f"'{model_id}' is not released and must never be recommended",
            )
        if mode is s.DeploymentMode.SELF_HOSTED and model_id not in cat.footprints_by_model:
            r.error(
                "policy-modes",
                POLICY,
                path,
                f"'{model_id}' is picked for self-hosting but has no footprint in hardware.yaml",
            )
        if mode in API_MODES and model_id not in cat.prices_by_model:
            r.error(
                "policy-modes",
                POLICY,
                path,
                f"'{model_id}' is picked for {mode.value} but has no price in providers.yaml",
            )
        if task != "default" and task not in model.tasks:
            r.warn(
                "policy-modes",
                POLICY,
                path,
                f"'{model_id}' is picked for task '{task}' but its tasks do not include it",
            )


# --- footprints ---------------------------------------------------------------------------


def _num(value: float) -> str:
    if abs(value) >= 1e15:  # a typo of many digits: keep the message one readable line
        try:
            return f"{float(value):.3g}"
        except OverflowError:
            return "more than 1e308"
    return f"{value:,.1f}".removesuffix(".0")


def check_footprints(cat: Catalog, r: _Report) -> None:
    """Released open models have footprints, and each footprint's arithmetic holds."""
    sizing = cat.policy.sizing
    for i, precision in enumerate(sizing.precision_order):
        if precision not in sizing.bytes_per_param:
            r.error(
                "footprints",
                POLICY,
                ["policy", "sizing", "precision_order", i],
                f"precision '{precision.value}' has no bytes_per_param",
            )
    for i, model in enumerate(cat.models):
        if (
            model.weights is s.Weights.OPEN
            and model.availability is s.Availability.RELEASED
            and model.id not in cat.footprints_by_model
        ):
            r.error(
                "footprints",
                MODELS,
                ["models", i, "id"],
                f"released open-weight model '{model.id}' has no footprint in hardware.yaml",
            )
    headroom = 1 + sizing.kv_cache_headroom + sizing.runtime_headroom
    for i, fp in enumerate(cat.footprints):
        path: list[str | int] = ["footprints", i]
        fp_model = cat.models_by_id.get(fp.model)
        if fp_model is None:
            continue
        model = fp_model
        if model.weights is s.Weights.CLOSED:
            r.error(
                "footprints",
                HARDWARE,
                [*path, "model"],
                f"'{fp.model}' has closed weights; it cannot have a footprint",
            )
            continue
        if model.availability is s.Availability.NOT_RELEASED:
            r.error(
                "footprints",
                HARDWARE,
                [*path, "model"],
                f"'{fp.model}' is not released; it cannot have a footprint",
            )
            continue
        bpp = sizing.bytes_per_param.get(fp.precision)
        if bpp is None:
            r.error(
                "footprints",
                HARDWARE,
                [*path, "precision"],
                f"policy.sizing.bytes_per_param has no entry for '{fp.precision.value}'",
            )
            continue
        total_b = model.parameters.total_b
        if total_b is None:
            r.error(
                "footprints",
                HARDWARE,
                [*path, "model"],
                f"'{fp.model}' has no published total parameter count; "
                "the footprint cannot be checked",
            )
            continue
        gpu = cat.gpus_by_id.get(fp.gpu)
        if gpu is None:
            continue
        weights_gb = total_b * bpp
        required = weights_gb * headroom
        available = fp.gpus * gpu.memory_gb
        if available + 1e-9 < required:
            r.error(
                "footprints",
                HARDWARE,
                [*path, "gpus"],
                f"'{fp.model}' at {fp.precision.value} needs {_num(required)} GB "
                f"({_num(total_b)}B params x {_num(bpp)} bytes = {_num(weights_gb)} GB weights "
                f"x {headroom:.2f} headroom) but {fp.gpus} x {gpu.id} "
                f"({_num(gpu.memory_gb)} GB) = {_num(available)} GB",
            )


# --- prices -------------------------------------------------------------------------------


def check_prices(cat: Catalog, r: _Report) -> None:
    """Every model served through an API has a price, and prices are plausible."""
    for i, model in enumerate(cat.models):
        if model.availability is s.Availability.NOT_RELEASED:
            continue
        if model.id not in cat.prices_by_model:
            kind = "closed-weights" if model.weights is s.Weights.CLOSED else "open-weight"
            r.error(
                "prices",
                MODELS,
                ["models", i, "id"],
                f"{kind} model '{model.id}' has no price in providers.yaml",
            )
    for i, price in enumerate(cat.prices):
        _check_price_target(cat, r, i, price)
        for field in ("input_per_mtok", "output_per_mtok"):
            value: float = getattr(price, field)
            path: list[str | int] = ["prices", i, field]
            if value == 0:
                r.warn(
                    "prices",
                    PROVIDERS,
                    path,
                    f"'{price.model}' at '{price.provider}' is priced at 0; is it really free?",
                )


def _check_price_target(cat: Catalog, r: _Report, index: int, price: s.Price) -> None:
    """A price is for a released model, at a provider that serves weights of its kind."""
    model = cat.models_by_id.get(price.model)
    provider = cat.providers_by_id.get(price.provider)
    if model is None or provider is None:
        return  # `references` reports it
    if model.availability is s.Availability.NOT_RELEASED:
        r.error(
            "prices",
            PROVIDERS,
            ["prices", index, "model"],
            f"'{model.id}' is not released; it cannot have a price",
        )
    if model.weights not in provider.serves:
        served = " and ".join(w.value for w in provider.serves)
        r.error(
            "prices",
            PROVIDERS,
            ["prices", index, "provider"],
            f"'{provider.id}' serves {served} weights only (`serves` in providers.yaml), but "
            f"'{model.id}' has {model.weights.value} weights",
        )


# --- numbers ------------------------------------------------------------------------------


def check_numbers(cat: Catalog, r: _Report) -> None:
    """Figures that cannot be true together (each one's own range is in the schema)."""
    for i, model in enumerate(cat.models):
        params = model.parameters
        total, active = params.total_b, params.active_b
        if total is not None and active is not None and active > total:
            r.error(
                "numbers",
                MODELS,
                ["models", i, "parameters", "active_b"],
                f"active parameters ({_num(active)}B) exceed total ({_num(total)}B)",
            )


# --- sources ------------------------------------------------------------------------------


def check_sources(cat: Catalog, r: _Report, today: dt.date) -> None:
    """Sources are used, locatable and not dated in the future."""
    used = {source_id for _, _, source_id in _source_refs(cat)}
    for i, src in enumerate(cat.sources):
        path: list[str | int] = ["sources", i]
        if src.id not in used:
            r.warn("sources", SOURCES, [*path, "id"], f"source '{src.id}' is never cited")
        if src.kind is s.SourceKind.ARTICLE and not src.file:
            r.error(
                "sources",
                SOURCES,
                [*path, "kind"],
                f"article '{src.id}' has no `file` naming the article it comes from",
            )
        if src.kind is s.SourceKind.DATASET and not (src.commit or src.url):
            r.error(
                "sources",
                SOURCES,
                [*path, "kind"],
                f"dataset '{src.id}' has neither `commit` nor `url`",
            )
        if src.accessed > today:
            r.error(
                "sources",
                SOURCES,
                [*path, "accessed"],
                f"accessed {src.accessed.isoformat()} is in the future (today is "
                f"{today.isoformat()})",
            )


# --- dates --------------------------------------------------------------------------------


def check_dates(cat: Catalog, r: _Report, today: dt.date) -> None:
    """The catalog is dated sensibly, versioned consistently and not stale."""
    meta = cat.meta
    if meta.as_of > today:
        r.error(
            "dates",
            CATALOG,
            ["as_of"],
            f"as_of {meta.as_of.isoformat()} is in the future (today is {today.isoformat()})",
        )
    else:
        age = (today - meta.as_of).days
        if age > cat.policy.staleness_days:
            r.warn(
                "dates",
                CATALOG,
                ["as_of"],
                f"catalog is {age} days old, past the policy's staleness limit of "
                f"{cat.policy.staleness_days} days",
            )
    if meta.schema_version != s.SCHEMA_VERSION:
        r.error(
            "dates",
            CATALOG,
            ["schema_version"],
            f"schema_version {meta.schema_version} is not the one this modelpick reads "
            f"({s.SCHEMA_VERSION})",
        )
    if not any(entry.version == meta.version for entry in meta.changelog):
        r.error(
            "dates",
            CATALOG,
            ["changelog"],
            f"the changelog has no entry for version {meta.version}",
        )
    for i, entry in enumerate(meta.changelog):
        if entry.date > today:
            r.error(
                "dates",
                CATALOG,
                ["changelog", i, "date"],
                f"changelog date {entry.date.isoformat()} is in the future",
            )
    for i, price in enumerate(cat.prices):
        if price.as_of > today:
            r.error(
                "dates",
                PROVIDERS,
                ["prices", i, "as_of"],
                f"price as_of {price.as_of.isoformat()} is in the future",
            )
    for i, gpu in enumerate(cat.gpus):
        if gpu.price_as_of > today:
            r.error(
                "dates",
                HARDWARE,
                ["gpus", i, "price_as_of"],
                f"price_as_of {gpu.price_as_of.isoformat()} is in the future",
            )


# --- licenses -----------------------------------------------------------------------------

_RESTRICTIONS = (
    "mau_threshold",
    "geography",
    "acceptable_use_policy",
    "non_commercial",
    "research_only",
)


def check_licenses(cat: Catalog, r: _Report) -> None:
    """License facts agree with themselves and with the models that use them."""
    for i, lic in enumerate(cat.licenses):
        path: list[str | int] = ["licenses", i]
        if lic.permissive:
            for name in _RESTRICTIONS:
                if getattr(lic.restrictions, name):
                    r.error(
                        "licenses",
                        LICENSES,
                        [*path, "restrictions", name],
                        f"'{lic.id}' is marked permissive but restricts use ({name})",
                    )
            if not lic.commercial_use:
                r.error(
                    "licenses",
                    LICENSES,
                    [*path, "commercial_use"],
                    f"'{lic.id}' is marked permissive but forbids commercial use",
                )
            if lic.kind == "proprietary":
                r.error(
                    "licenses",
                    LICENSES,
                    [*path, "permissive"],
                    f"'{lic.id}' is proprietary and cannot be permissive",
                )
        is_ref = lic.id.startswith("LicenseRef-")
        if lic.spdx and is_ref:
            r.error(
                "licenses",
                LICENSES,
                [*path, "spdx"],
                f"'{lic.id}' is a LicenseRef, not an SPDX identifier",
            )
        if not lic.spdx and not is_ref:
            r.warn(
                "licenses",
                LICENSES,
                [*path, "id"],
                f"'{lic.id}' is not on the SPDX list; name it 'LicenseRef-{lic.id}'",
            )
    for i, model in enumerate(cat.models):
        lic_of = cat.licenses_by_id.get(model.license)
        if lic_of is None:
            continue
        path = ["models", i, "license"]
        if model.weights is s.Weights.CLOSED and lic_of.kind != "proprietary":
            r.warn(
                "licenses",
                MODELS,
                path,
                f"closed-weights model '{model.id}' uses non-proprietary license '{lic_of.id}'",
            )
        if model.weights is s.Weights.OPEN and lic_of.kind == "proprietary":
            r.error(
                "licenses",
                MODELS,
                path,
                f"open-weight model '{model.id}' uses proprietary license '{lic_of.id}'",
            )


# --- disagreements ------------------------------------------------------------------------

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


def check_disagreements(cat: Catalog, r: _Report) -> None:
    """A disagreement's choice is one of its claims, or the value the catalog records."""
    owners: list[tuple[str, list[str | int], Any, list[s.Disagreement]]] = [
        (MODELS, ["models", i], m, m.disagreements) for i, m in enumerate(cat.models)
    ]
    owners.append((POLICY, ["policy"], cat.policy, cat.policy.disagreements))
    for file_name, base, owner, disagreements in owners:
        for k, dis in enumerate(disagreements):
            current = _field_value(owner, dis.field)
            if current is _MISSING:
                # A disagreement about a concept, not a recorded field (the crossover volume,
                # say): its resolution may be neither claim, and there is nothing to compare.
                continue
            candidates = [claim.value for claim in dis.claims] + [current]
            if any(_same(dis.chosen, value) for value in candidates):
                continue
            r.warn(
                "disagreements",
                file_name,
                [*base, "disagreements", k, "chosen"],
                f"chosen value {dis.chosen!r} is neither a claim nor the recorded value of "
                f"'{dis.field}' ({current!r})",
            )


# --- text ---------------------------------------------------------------------------------


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control and bidi-override characters (tab and newline are fine in notes)."""


def check_text(cat: Catalog, r: _Report) -> None:
    """No key or text in a catalog file carries control characters: they reach terminals."""
    for file_name, doc in cat.docs.items():
        if "\\" not in doc.text and not _CONTROL.search(doc.text):
            continue  # nothing written, and no escape sequence that could make one
        stack: list[tuple[Any, list[str | int]]] = [(doc.data, [])]
        while stack:
            item, path = stack.pop()
            if isinstance(item, dict):
                for key, value in item.items():
                    if isinstance(key, str) and _CONTROL.search(key):
                        r.error("text", file_name, path, f"key {key!r} has control characters")
                    stack.append((value, [*path, str(key)]))
            elif isinstance(item, list):
                stack.extend((value, [*path, i]) for i, value in enumerate(item))
            elif isinstance(item, str) and _CONTROL.search(item):
                r.error("text", file_name, path, f"{item[:40]!r} has control characters")


# --- files --------------------------------------------------------------------------------


def _ignored(name: str) -> bool:
    """Hidden entries, a README and the editor schemas catalog-authoring.md suggests saving."""
    return (
        name.startswith(".")
        or name.split(".", 1)[0].upper() == "README"
        or name.endswith(".schema.json")
    )


def check_files(directory: Path) -> list[Finding]:
    """Warn about entries in a catalog directory that modelpick would silently never read."""
    try:
        names = sorted(entry.name for entry in directory.iterdir())
    except OSError:
        return []  # the loader reports an unreadable directory
    out = []
    for name in names:
        if name in s.FILES or _ignored(name):
            continue
        hint = did_you_mean(name, list(s.FILES))
        out.append(
            Finding(
                check="files",
                severity=Severity.WARNING,
                message=(
                    f"'{name}' is not a catalog file and is never read"
                    + (f"; {hint}" if hint else f" (the files are {', '.join(s.FILES)})")
                ),
                file=str(directory / name),
            )
        )
    return out


CHECKS: dict[str, Callable[[Catalog, _Report, dt.date], None]] = {
    "unique-ids": lambda c, r, t: check_unique_ids(c, r),
    "references": lambda c, r, t: check_references(c, r),
    "policy-modes": lambda c, r, t: check_policy_modes(c, r),
    "footprints": lambda c, r, t: check_footprints(c, r),
    "prices": lambda c, r, t: check_prices(c, r),
    "numbers": lambda c, r, t: check_numbers(c, r),
    "sources": check_sources,
    "dates": check_dates,
    "licenses": lambda c, r, t: check_licenses(c, r),
    "disagreements": lambda c, r, t: check_disagreements(c, r),
    "text": lambda c, r, t: check_text(c, r),
}
"""Every check by the name its findings carry."""


def sort_key(finding: Finding) -> tuple[str, int, int, str, str, str]:
    """Findings in file, line order; ties broken so the order never depends on chance."""
    return (
        finding.file or "",
        finding.line or 0,
        finding.column or 0,
        finding.check,
        finding.key or "",
        finding.message,
    )


def run_checks(catalog: Catalog, today: dt.date | None = None) -> list[Finding]:
    """Every finding about a loaded catalog, sorted by file and line."""
    today = today or dt.date.today()
    report = _Report(catalog)
    for check in CHECKS.values():
        check(catalog, report, today)
    return sorted(report.findings, key=sort_key)


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
            findings=sorted([*findings, *extra], key=sort_key),
            files=len(s.FILES),
        )
    return Validation(
        version=catalog.meta.version,
        findings=sorted([*run_checks(catalog, today), *extra], key=sort_key),
        files=len(s.FILES),
        models=len(catalog.models),
        gpus=len(catalog.gpus),
        prices=len(catalog.prices),
    )
