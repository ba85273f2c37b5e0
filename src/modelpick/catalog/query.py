"""Look things up in a loaded catalog for `catalog list` and `catalog show`: data, no printing."""

from __future__ import annotations

from typing import Any

from modelpick.catalog import schema as s
from modelpick.catalog.loader import Catalog
from modelpick.catalog.record import Record
from modelpick.errors import InputError
from modelpick.validation import did_you_mean

LIST_KINDS = ("models", "licenses", "hardware", "providers")


def list_data(catalog: Catalog, kind: str) -> list[dict[str, Any]]:
    """Every entry of one kind as plain JSON-ready data."""
    items: list[Record]
    if kind == "models":
        items = list(catalog.models)
    elif kind == "licenses":
        items = list(catalog.licenses)
    elif kind == "hardware":
        gpus = [{"type": "gpu", **g.model_dump(mode="json")} for g in catalog.gpus]
        benches = [{"type": "benchmark", **b.model_dump(mode="json")} for b in catalog.benchmarks]
        return gpus + benches
    elif kind == "providers":
        counts: dict[str, int] = {}
        for price in catalog.prices:
            counts[price.provider] = counts.get(price.provider, 0) + 1
        return [
            {**p.model_dump(mode="json"), "prices": counts.get(p.id, 0)} for p in catalog.providers
        ]
    else:
        raise InputError(f"unknown kind '{kind}'; choose one of {', '.join(LIST_KINDS)}")
    return [item.model_dump(mode="json") for item in items]


def find(catalog: Catalog, entry_id: str) -> tuple[str, Any]:
    """(kind, entry) for an id of any kind, or InputError with a 'did you mean'."""
    tables: list[tuple[str, dict[str, Any]]] = [
        ("model", catalog.models_by_id),
        ("license", catalog.licenses_by_id),
        ("gpu", catalog.gpus_by_id),
        ("provider", catalog.providers_by_id),
        ("source", catalog.sources_by_id),
    ]
    for kind, table in tables:
        if entry_id in table:
            return kind, table[entry_id]
    every = [key for _, table in tables for key in table]
    hint = did_you_mean(entry_id, every)
    if hint is None:
        lowered = {key.lower(): key for key in every}
        if entry_id.lower() in lowered:
            hint = f"did you mean '{lowered[entry_id.lower()]}'?"
    raise InputError(
        f"no model, license, GPU, provider or source has the id '{entry_id}'", hint=hint
    )


def show_data(catalog: Catalog, kind: str, entry: Any) -> dict[str, Any]:
    """One entry as JSON-ready data; a model comes with its license, prices and benchmarks."""
    data: dict[str, Any] = {"kind": kind, kind: entry.model_dump(mode="json")}
    if kind == "model":
        model: s.Model = entry
        lic = catalog.licenses_by_id.get(model.license)
        data["license"] = lic.model_dump(mode="json") if lic else None
        data["prices"] = [
            p.model_dump(mode="json") for p in catalog.prices_by_model.get(model.id, [])
        ]
        data["benchmarks"] = [
            b.model_dump(mode="json") for b in catalog.benchmarks_by_model.get(model.id, [])
        ]
    return data


def json_schemas(file_name: str | None = None) -> dict[str, Any]:
    """The JSON Schema of every catalog file keyed by file name, or of one file."""
    from modelpick.catalog.validators import validator

    if file_name is None:
        return {name: validator(record).model_json_schema() for name, record in s.FILES.items()}
    record = s.FILES.get(file_name)
    if record is None:
        raise InputError(
            f"'{file_name}' is not a catalog file; choose one of {', '.join(s.FILES)}",
            key="--file",
            hint=did_you_mean(file_name, list(s.FILES)),
        )
    return validator(record).model_json_schema()
