"""Rich tables for `catalog list` and `catalog show` (shell code: imports rich).

Kept out of the core so that `catalog`, `engine` and `report` never import rich.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any, assert_never

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table

from modelpick.catalog import schema as s
from modelpick.catalog.loader import Catalog


def _num(value: float | None, suffix: str = "") -> str:
    if value is None:
        return "n/a"
    return f"{value:,.2f}".rstrip("0").rstrip(".") + suffix


def _yes(value: bool | None) -> str:
    return "?" if value is None else ("yes" if value else "no")


def _table(title: str, columns: Iterable[str]) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    for name in columns:
        table.add_column(name, overflow="fold")
    return table


def _context(tokens: int | None) -> str:
    if tokens is None:
        return "n/a"
    if tokens >= 1_000_000:
        return _num(round(tokens / 1_000_000, 1), "M")
    return f"{round(tokens / 1000)}k"


class ShowKind(StrEnum):
    """The kinds of entry `catalog show` finds (`catalog.query.find`'s first value)."""

    MODEL = "model"
    LICENSE = "license"
    GPU = "gpu"
    PROVIDER = "provider"
    SOURCE = "source"


def _availability(availability: s.Availability) -> str:
    if availability is s.Availability.RELEASED:
        return "released"
    if availability is s.Availability.API_ONLY:
        return "API only"
    if availability is s.Availability.NOT_RELEASED:
        return "unreleased"
    assert_never(availability)


def models_table(catalog: Catalog, *, width: int = 80) -> Table:
    """Every model, one row each; below 110 columns the name is left to `catalog show`."""
    wide = width >= 110
    columns = ["id", "name"] if wide else ["id"]
    columns += ["weights", "license", "from", "params", "context"]
    table = _table(f"Models (catalog {catalog.meta.version})", columns)
    for column in table.columns:
        column.no_wrap = column.header not in ("weights", "license")
    for m in catalog.models:
        total, active = m.parameters.total_b, m.parameters.active_b
        params = "?" if total is None else _num(total)
        if active is not None and active != total:
            params += f"/{_num(active)}"
        if m.parameters.estimate:
            params += "~"
        weights = m.weights.value
        if m.availability is not s.Availability.RELEASED:
            weights += f", {_availability(m.availability)}"
        row = [m.id, m.name] if wide else [m.id]
        row += [
            weights,
            m.license.removeprefix("LicenseRef-"),
            m.origin,
            params,
            _context(m.context_tokens),
        ]
        table.add_row(*row)
    table.caption = "params: total/active, billions; ~ estimate; ? unpublished"
    return table


def licenses_table(catalog: Catalog) -> Table:
    """Every license with its restrictions."""
    table = _table("Licenses", ["id", "kind", "permissive", "commercial", "restrictions"])
    for lic in catalog.licenses:
        table.add_row(
            lic.id,
            lic.kind,
            _yes(lic.permissive),
            _yes(lic.commercial_use),
            restrictions_text(lic.restrictions) or "none",
        )
    return table


def hardware_tables(catalog: Catalog) -> Group:
    """GPUs with the specifications sizing reads, then the recorded benchmarks."""
    gpus = _table(
        "GPUs",
        ["id", "name", "memory GB", "usable", "GB/s", "bf16 TFLOPS", "native", "link", "USD/hour",
         "estimate"],
    )
    for g in catalog.gpus:
        gpus.add_row(
            g.id,
            g.name,
            _num(g.memory_gb),
            f"{g.usable_share:.0%}",
            _num(g.bandwidth_gb_s),
            _num(g.dense_tflops.get(s.Precision.BF16) or 0.0),
            " ".join(p.value for p in g.native_precisions),
            g.interconnect.value,
            _num(g.hourly_usd),
            _yes(any(p.estimate for p in g.prices)),
        )
    return Group(gpus, benchmarks_table(catalog.benchmarks))


def benchmarks_table(benchmarks: Iterable[s.Benchmark]) -> Table:
    """Recorded serving measurements: configuration, shape and what was measured."""
    table = _table(
        "Benchmarks", ["id", "model", "GPUs", "precision", "engine", "in/out", "measured"]
    )
    for b in benchmarks:
        m = b.measured
        figure = (
            f"{_num(m.output_tokens_per_s)} out tok/s" if m.output_tokens_per_s is not None
            else f"{_num(m.total_tokens_per_s or 0.0)} tok/s"
        )
        if b.scope == "per_gpu":
            figure += " per GPU"
        table.add_row(
            b.id, b.model, f"{b.gpus} x {b.gpu}", b.precision.value, b.engine.value,
            f"{b.input_tokens}/{b.output_tokens}", figure,
        )
    return table


def providers_table(catalog: Catalog) -> Table:
    """Providers with their privacy posture and how many prices they have."""
    counts: dict[str, int] = {}
    for price in catalog.prices:
        counts[price.provider] = counts.get(price.provider, 0) + 1
    table = _table(
        "Providers", ["id", "name", "kind", "serves", "ZDR", "SOC 2", "HIPAA", "prices"]
    )
    for p in catalog.providers:
        table.add_row(
            p.id,
            p.name,
            p.kind.value.replace("_", " "),
            ", ".join(w.value for w in p.serves),
            _yes(p.privacy.zero_data_retention),
            _yes(p.privacy.soc2),
            _yes(p.privacy.hipaa),
            str(counts.get(p.id, 0)),
        )
    return table


def prices_table(prices: Iterable[s.Price]) -> Table:
    """Prices per million tokens."""
    table = _table("Prices (USD per million tokens)", ["provider", "input", "output", "as of"])
    for price in prices:
        est = " ~" if price.estimate else ""
        table.add_row(
            price.provider,
            _num(price.input_per_mtok) + est,
            _num(price.output_per_mtok) + est,
            price.as_of.isoformat(),
        )
    return table


def restrictions_text(r: s.Restrictions) -> str:
    """Restrictions as a short phrase."""
    parts = []
    if r.mau_threshold:
        parts.append(f"MAU > {r.mau_threshold:,}")
    for clause in r.geography:
        parts.append(f"no {'/'.join(clause.regions)} ({clause.applies_to.replace('_', ' ')})")
    if r.acceptable_use_policy:
        parts.append("acceptable-use policy")
    if r.non_commercial:
        parts.append("non-commercial")
    if r.research_only:
        parts.append("research only")
    if r.naming_requirement:
        parts.append("naming requirement")
    return "; ".join(parts)


def fields_table(title: str, data: dict[str, Any]) -> Table:
    """A two-column key/value table of one catalog entry."""
    table = Table(title=title, box=box.SIMPLE, show_header=False, title_justify="left")
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    for key, value in data.items():
        if value in (None, [], {}):
            continue
        table.add_row(key, _plain_value(value))
    return table


def _plain_value(value: Any) -> str:
    """A nested value as `key: value` text, lists comma-separated, nothing left as a repr."""
    if isinstance(value, list):
        return ", ".join(_plain_value(v) for v in value)
    if isinstance(value, dict):
        parts = [f"{k}: {_plain_value(v)}" for k, v in value.items() if v not in (None, [], {})]
        return "{" + "; ".join(parts) + "}"
    return str(value)


def _model_details(model: s.Model, catalog: Catalog) -> list[RenderableType]:
    """A model's license restrictions, prices and (open weights only) benchmarks."""
    parts: list[RenderableType] = []
    lic = catalog.licenses_by_id.get(model.license)
    if lic is not None:
        text = restrictions_text(lic.restrictions) or "none"
        parts.append(
            fields_table(
                f"license {lic.id}",
                {
                    "permissive": lic.permissive,
                    "commercial use": lic.commercial_use,
                    "restrictions": text,
                },
            )
        )
    parts.append(prices_table(catalog.prices_by_model.get(model.id, [])))
    benches = catalog.benchmarks_by_model.get(model.id, [])
    if model.weights is s.Weights.OPEN and benches:
        parts.append(benchmarks_table(benches))
    return parts


def show_renderable(kind: ShowKind, entry: Any, catalog: Catalog) -> RenderableType:
    """One catalog entry; for a model also its license restrictions, prices and benchmarks."""
    parts: list[RenderableType] = [
        fields_table(f"{kind.value} {entry.id}", entry.model_dump(mode="json"))
    ]
    if kind is ShowKind.MODEL:
        parts += _model_details(entry, catalog)
    elif kind in (ShowKind.LICENSE, ShowKind.GPU, ShowKind.PROVIDER, ShowKind.SOURCE):
        pass  # the entry's own fields are all there is to show
    else:
        assert_never(kind)
    return Group(*parts)
