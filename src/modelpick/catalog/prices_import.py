"""Refresh catalog prices (and context windows) from a copy of LiteLLM's price map.

Entries are matched only through the reviewed keys the catalog records: a price's
`litellm_key`, and for context windows a model's `litellm_key`. Nothing is matched by name
similarity; whatever cannot be matched is listed, never dropped silently.

The work is split the way the rest of modelpick is: `read_price_map` reads the file,
`plan_import` decides (pure), `render_files` turns a plan into new file texts (pure, with
ruamel.yaml so comments and order survive), and `write_import` checks and writes them. The
plan itself is data in `price_plan`; `report.prices` describes it.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import tempfile
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelpick.catalog import schema as s
from modelpick.catalog.price_files import (
    MAX_PRICE_MAP_BYTES as MAX_PRICE_MAP_BYTES,
)
from modelpick.catalog.price_files import parse_date as parse_date
from modelpick.catalog.price_files import read_price_map as read_price_map
from modelpick.catalog.price_plan import (
    UNMAPPED,
    ContextRow,
    ImportPlan,
    Outcome,
    PriceMap,
    PriceRow,
)
from modelpick.errors import CheckFailed

if TYPE_CHECKING:
    from modelpick.catalog.parse import Catalog

DOC_ENTRY = "sample_spec"
"""LiteLLM's first key documents the fields; it is no model."""
PER_MILLION = Decimal(1_000_000)
SIGNIFICANT = 6
"""Digits kept in a price per million tokens: enough for any list price, and unlike a fixed
number of decimals it never rounds a tiny non-zero price down to 0."""

CATALOG = "catalog.yaml"
MODELS = "models.yaml"
PROVIDERS = "providers.yaml"
SOURCES = "sources.yaml"


# --- planning (pure) ------------------------------------------------------------------------


def per_million(value: float) -> float:
    """USD per token -> USD per million tokens, to 6 significant digits, without float noise.

    Decimal arithmetic on the shortest repr: 1.4e-07 gives 0.14, not 0.13999999999999999.
    """
    exact = Decimal(repr(float(value))) * PER_MILLION
    if exact == 0:
        return 0.0
    step = Decimal(1).scaleb(exact.adjusted() - SIGNIFICANT + 1)
    return float(exact.quantize(step, rounding=ROUND_HALF_EVEN))


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _number(entry: dict[str, Any], name: str) -> tuple[float | None, str | None]:
    """A usable per-token cost from an entry, or the reason it is not usable."""
    value = entry.get(name)
    if value is None:
        return None, f"{name} is {'null' if name in entry else 'missing'}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None, f"{name} is not a number: {_short(value)}"
    if not math.isfinite(value) or value < 0:
        return None, f"{name} is {value!r}"
    return value, None


def _entry(price_map: PriceMap, key: str) -> tuple[dict[str, Any] | None, Outcome, str | None]:
    if key not in price_map.entries:
        return None, Outcome.KEY_NOT_FOUND, "key not found in the file"
    if key == DOC_ENTRY:
        return None, Outcome.UNUSABLE, f"'{DOC_ENTRY}' documents the fields; it is no model"
    entry = price_map.entries[key]
    if not isinstance(entry, dict):
        return None, Outcome.UNUSABLE, f"entry is not an object: {_short(entry)}"
    return entry, Outcome.CHANGED, None


def _window(entry: dict[str, Any]) -> int | None:
    value = entry.get("max_input_tokens")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None
    return value


def _retired_on(entry: dict[str, Any], date: dt.date) -> dt.date | None:
    """The deprecation date an entry announces (models.dev's `deprecated`: the import's date)."""
    text = entry.get("deprecation_date")
    if isinstance(text, str):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    return date if entry.get("status") == "deprecated" else None


def price_key(price: s.Price, price_map: PriceMap) -> str | None:
    """The reviewed key of a catalog price in this kind of file."""
    return price.models_dev_key if price_map.kind == "models.dev" else price.litellm_key


def _plan_price(index: int, price: s.Price, price_map: PriceMap, date: dt.date) -> PriceRow:
    key = price_key(price, price_map)

    def row(outcome: Outcome, reason: str | None = None, new: tuple[float, float] | None = None,
            window: int | None = None, retired: dt.date | None = None) -> PriceRow:
        return PriceRow(
            index=index,
            model=price.model,
            provider=price.provider,
            key=key,
            old_input=price.input_per_mtok,
            old_output=price.output_per_mtok,
            new_input=new[0] if new else None,
            new_output=new[1] if new else None,
            outcome=outcome,
            reason=reason,
            old_window=price.max_context_tokens,
            new_window=window if window is not None else price.max_context_tokens,
            old_deprecation=price.deprecation_date,
            new_deprecation=retired if retired is not None else price.deprecation_date,
        )

    if key is None:
        field = "models_dev_key" if price_map.kind == "models.dev" else "litellm_key"
        return row(Outcome.NO_KEY, f"no {field} in the catalog")
    entry, outcome, reason = _entry(price_map, key)
    if entry is None:
        return row(outcome, reason)
    cost_in, why_in = _number(entry, "input_cost_per_token")
    cost_out, why_out = _number(entry, "output_cost_per_token")
    if cost_in is None or cost_out is None:
        return row(Outcome.UNUSABLE, "; ".join(w for w in (why_in, why_out) if w))
    new = (per_million(cost_in), per_million(cost_out))
    served = _window(entry)
    # One file never widens a window another recorded narrower: narrowing is safe, widening
    # is for a reviewer (a note), since the files disagree (providers.yaml notes where).
    old = price.max_context_tokens
    window = served if served is not None and (old is None or served < old) else None
    retired = _retired_on(entry, date)
    same = (
        new == (price.input_per_mtok, price.output_per_mtok)
        and (window is None or window == old)
        and (retired is None or retired == price.deprecation_date)
    )
    return row(Outcome.UNCHANGED if same else Outcome.CHANGED, new=new, window=window,
               retired=retired)


def _plan_context(index: int, model: s.Model, key: str, price_map: PriceMap) -> ContextRow:
    def row(outcome: Outcome, reason: str | None = None, new: int | None = None) -> ContextRow:
        return ContextRow(index, model.id, key, model.context_tokens, new, outcome, reason)

    entry, outcome, reason = _entry(price_map, key)
    if entry is None:
        return row(outcome, reason)
    value = entry.get("max_input_tokens")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return row(Outcome.UNUSABLE, f"max_input_tokens is not a positive integer: {_short(value)}")
    return row(Outcome.UNCHANGED if value == model.context_tokens else Outcome.CHANGED, new=value)


def import_source(price_map: PriceMap, date: dt.date) -> s.Source:
    """The source every figure this import writes cites: the file itself, by name and hash."""
    stem = "models-dev" if price_map.kind == "models.dev" else "litellm"
    return s.Source(
        id=f"{stem}-import-{price_map.sha256[:12]}",
        title=f"{price_map.name} ({price_map.label})",
        kind=s.SourceKind.DATASET,
        publisher="sst/models.dev" if price_map.kind == "models.dev" else "BerriAI (LiteLLM)",
        commit=f"sha256:{price_map.sha256}",
        accessed=date,
        note=f"Imported by modelpick catalog import-prices; sha256 {price_map.sha256}.",
    )


def _deprecated(entry: Any, date: dt.date) -> str | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("deprecation_date"), str):
        return None
    try:
        when = dt.date.fromisoformat(entry["deprecation_date"])
    except ValueError:
        return None
    return when.isoformat() if when <= date else None


def plan_import(catalog: Catalog, price_map: PriceMap, *, date: dt.date) -> ImportPlan:
    """Match the catalog's reviewed keys against a price map; decide every change."""
    source = import_source(price_map, date)
    prices = [_plan_price(i, p, price_map, date) for i, p in enumerate(catalog.prices)]
    contexts = [
        _plan_context(i, m, m.litellm_key, price_map)
        for i, m in enumerate(catalog.models)
        if m.litellm_key is not None and price_map.kind == "litellm"
    ]
    notes = [
        f"changed entries cite '{source.id}', this file ({price_map.name}, sha256 "
        f"{price_map.sha256[:12]}), added to sources.yaml"
    ]
    for row in prices:
        entry = price_map.entries.get(row.key) if row.key else None
        served = _window(entry) if isinstance(entry, dict) else None
        if served is not None and row.old_window is not None and served > row.old_window:
            notes.append(
                f"{row.model} at {row.provider}: the file serves {served:,} tokens, wider than "
                f"the {row.old_window:,} recorded; left for review (the files disagree)"
            )
    if not contexts and price_map.kind == "litellm":
        notes.append(
            "context windows left alone: no model in models.yaml has a litellm_key "
            "(a model-level key is the reviewed mapping for context_tokens)"
        )
    for row in prices:
        if row.key is None or row.outcome in UNMAPPED:
            continue
        gone = _deprecated(price_map.entries.get(row.key), date)
        if gone:
            notes.append(f"LiteLLM marks '{row.key}' ({row.model} at {row.provider}) "
                         f"deprecated from {gone}")
        if row.outcome is Outcome.CHANGED and catalog.prices[row.index].estimate:
            notes.append(f"{row.model} at {row.provider} is flagged estimate: true; "
                         "the flag was left as it is")
    return ImportPlan(
        price_map=price_map,
        catalog_dir=catalog.directory,
        source_id=source.id,
        source=source,
        date=date,
        old_version=catalog.meta.version,
        prices=prices,
        contexts=contexts,
        notes=notes,
    )


# --- rendering new file texts (pure) ----------------------------------------------------------


def _yaml() -> Any:
    """A round-trip ruamel.yaml instance set up to reproduce the catalog's own layout.

    pyyaml cannot write comments back; ruamel.yaml's round-trip mode keeps comments, key
    order, quoting and flow style, so only the edited values change. Two tweaks make an
    unedited file come back byte for byte: nulls stay `null`, and long lines are not re-wrapped.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.representer import RoundTripRepresenter

    class Representer(RoundTripRepresenter):
        def ignore_aliases(self, data: Any) -> bool:
            # one date object written twice must not become an &anchor / *alias pair
            if isinstance(data, dt.date | float | int | str):
                return True
            return bool(super().ignore_aliases(data))

    def null(rep: Any, _: None) -> Any:
        return rep.represent_scalar("tag:yaml.org,2002:null", "null")

    def number(rep: Any, value: float) -> Any:
        # Plain decimals: pyyaml (YAML 1.1) reads `1e-05` as a string, not a number.
        text = format(Decimal(repr(value)), "f")
        if "." not in text:
            text += ".0"
        return rep.represent_scalar("tag:yaml.org,2002:float", text)

    Representer.add_representer(type(None), null)
    Representer.add_representer(float, number)
    yaml = YAML(typ="rt")
    yaml.Representer = Representer
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap existing lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _cite(sources: Any, source_id: str) -> None:
    if source_id not in sources:
        sources.append(source_id)


def _folded(text: str, width: int = 88) -> Any:
    """A `>-` folded scalar broken at spaces near `width`, like the hand-written entries."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    folded = FoldedScalarString(text)
    positions, start = [], 0
    while len(text) - start > width:
        cut = text.rfind(" ", start, start + width)
        if cut <= start:
            break
        positions.append(cut)
        start = cut + 1
    folded.fold_pos = positions
    return folded


def _set_after(entry: Any, key: str, value: Any, after: str) -> None:
    """Set `key`, inserting it after `after` when the entry lacks it (key order kept)."""
    if key in entry:
        entry[key] = value
        return
    keys = list(entry.keys())
    entry.insert(keys.index(after) + 1 if after in keys else len(keys), key, value)


def render_files(plan: ImportPlan, texts: dict[str, str]) -> dict[str, str]:
    """The new text of every catalog file the plan changes, from the current `texts`."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if not plan.has_changes:
        return {}
    round_trip = _yaml()  # ruamel round-trip mode: builds plain maps and lists, never objects
    out: dict[str, str] = {}

    def dump(data: Any) -> str:
        buffer = io.StringIO()
        round_trip.dump(data, buffer)
        return buffer.getvalue()

    changed = plan.rows(Outcome.CHANGED)
    if changed:
        data = round_trip.load(texts[PROVIDERS])
        for row in changed:
            entry = data["prices"][row.index]
            assert (entry["model"], entry["provider"]) == (row.model, row.provider)
            entry["input_per_mtok"] = row.new_input
            entry["output_per_mtok"] = row.new_output
            entry["as_of"] = plan.date
            if row.new_window is not None and row.new_window != row.old_window:
                _set_after(entry, "max_context_tokens", row.new_window, "output_per_mtok")
            if row.new_deprecation is not None and row.new_deprecation != row.old_deprecation:
                _set_after(entry, "deprecation_date", row.new_deprecation, "as_of")
            _cite(entry["sources"], plan.source_id)
        out[PROVIDERS] = dump(data)
    if plan.changed_contexts:
        data = round_trip.load(texts[MODELS])
        for ctx in plan.changed_contexts:
            entry = data["models"][ctx.index]
            assert entry["id"] == ctx.model
            entry["context_tokens"] = ctx.new
            _cite(entry["sources"], plan.source_id)
        out[MODELS] = dump(data)
    if plan.source is not None:
        sources = round_trip.load(texts[SOURCES])
        if all(src["id"] != plan.source.id for src in sources["sources"]):
            src = CommentedMap()
            src["id"] = plan.source.id
            src["title"] = plan.source.title
            src["kind"] = plan.source.kind.value
            src["publisher"] = plan.source.publisher
            src["commit"] = plan.source.commit
            src["accessed"] = plan.source.accessed
            src["note"] = plan.source.note
            sources["sources"].append(src)
            out[SOURCES] = dump(sources)
    meta = round_trip.load(texts[CATALOG])
    meta["version"] = DoubleQuotedScalarString(plan.new_version)
    meta["as_of"] = max(plan.date, meta["as_of"])
    entry = CommentedMap()
    entry["version"] = DoubleQuotedScalarString(plan.new_version)
    entry["date"] = plan.date
    entry["changes"] = CommentedSeq([_folded(plan.changelog_line)])
    meta["changelog"].insert(0, entry)
    out[CATALOG] = dump(meta)
    return out


# --- writing --------------------------------------------------------------------------------


def write_import(plan: ImportPlan, catalog: Catalog, *, today: dt.date) -> list[Path]:
    """Write the plan's changes into the catalog directory, all or nothing.

    The new catalog is first validated in a scratch copy; if it has any error, nothing is
    written and CheckFailed names the first one.
    """
    from modelpick.catalog.checks import validate_directory
    from modelpick.fileio import write_atomic_many

    texts = {name: catalog.docs[name].text for name in s.FILES}
    new = render_files(plan, texts)
    if not new:
        return []
    with tempfile.TemporaryDirectory(prefix="modelpick-import-") as scratch:
        for name, text in {**texts, **new}.items():
            (Path(scratch) / name).write_text(text, encoding="utf-8")
        result = validate_directory(Path(scratch), today=today)
    if result.errors:
        first = next(f for f in result.findings if f.severity.value == "error")
        where = Path(first.file).name if first.file else "catalog"
        raise CheckFailed(
            f"the refreshed catalog would not validate ({where}:{first.line}: {first.message}); "
            "nothing was written",
            file=plan.catalog_dir,
        )
    directory = Path(catalog.directory)
    paths = {directory / name: text for name, text in new.items()}
    write_atomic_many(paths, what="catalog file")
    return list(paths)
