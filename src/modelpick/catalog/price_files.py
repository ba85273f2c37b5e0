"""Reading price files: LiteLLM's price map, or models.dev's api.json flattened to its shape.

Split from `prices_import` (which re-exports these names); `candidates` reads files here too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from modelpick.catalog.price_plan import PriceMap
from modelpick.errors import InputError
from modelpick.fileio import read_bytes

MAX_PRICE_MAP_BYTES = 512 * 1024 * 1024
PER_MILLION = Decimal(1_000_000)


def _models_dev(data: dict[str, Any]) -> bool:
    """models.dev's api.json: providers, each an object with an `id` and a `models` object."""
    sample = [v for v in data.values() if isinstance(v, dict)][:20]
    return bool(sample) and all(
        isinstance(v.get("models"), dict) and "id" in v for v in sample
    )


def _per_token(value: Any) -> Any:
    """models.dev's USD per million tokens as LiteLLM's per token (non-numbers pass through)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return float(Decimal(repr(float(value))) / PER_MILLION)


def _flatten_models_dev(data: dict[str, Any]) -> dict[str, Any]:
    """`provider/model` -> an entry with LiteLLM's field names, for one planner to read."""
    out: dict[str, Any] = {}
    for provider_id, provider in data.items():
        models = provider.get("models") if isinstance(provider, dict) else None
        if not isinstance(models, dict):
            continue
        for model_id, model in models.items():
            if not isinstance(model, dict):
                out[f"{provider_id}/{model_id}"] = model
                continue
            raw_cost, raw_limit = model.get("cost"), model.get("limit")
            cost: dict[str, Any] = raw_cost if isinstance(raw_cost, dict) else {}
            limit: dict[str, Any] = raw_limit if isinstance(raw_limit, dict) else {}
            entry: dict[str, Any] = {
                "input_cost_per_token": _per_token(cost.get("input")),
                "output_cost_per_token": _per_token(cost.get("output")),
                "max_input_tokens": limit.get("context"),
            }
            for name, field in (("cache_read", "cache_read_input_token_cost"),
                                ("input_audio", "input_cost_per_audio_token"),
                                ("output_audio", "output_cost_per_audio_token")):
                if name in cost:
                    entry[field] = _per_token(cost[name])
            if model.get("status") == "deprecated":
                entry["status"] = "deprecated"
            # for `catalog candidates`: what the file says about the model itself
            if isinstance(model.get("name"), str):
                entry["title"] = model["name"]
            if isinstance(model.get("open_weights"), bool):
                entry["open_weights"] = model["open_weights"]
            modalities = model.get("modalities")
            if isinstance(modalities, dict) and isinstance(modalities.get("input"), list):
                entry["modalities"] = modalities["input"]
            out[f"{provider_id}/{model_id}"] = entry
    return out


def read_price_map(path: Path) -> PriceMap:
    """Read a LiteLLM price map or a models.dev api.json (told apart by their shape).

    Every problem is an InputError naming the file.
    """
    name = str(path)
    raw = read_bytes(path, max_bytes=MAX_PRICE_MAP_BYTES, what="price file")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError("price file is not UTF-8 JSON text", file=name, line=line) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"invalid JSON: {exc.msg}", file=name, line=exc.lineno, column=exc.colno
        ) from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply", file=name) from None
    if not isinstance(data, dict):
        got = "null" if data is None else type(data).__name__
        raise InputError(
            f"expected a JSON object (a LiteLLM price map or a models.dev api.json), got {got}",
            file=name,
        )
    digest = hashlib.sha256(raw).hexdigest()
    if _models_dev(data):
        return PriceMap(file=name, sha256=digest, entries=_flatten_models_dev(data),
                        kind="models.dev")
    return PriceMap(file=name, sha256=digest, entries=data)


def parse_date(text: str | None, *, today: dt.date) -> dt.date:
    """The --date option: an ISO date, not in the future; today when absent."""
    if text is None:
        return today
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--date must be YYYY-MM-DD, got {text!r}") from None
    if date > today:
        raise InputError(
            f"--date {date.isoformat()} is in the future (today is {today.isoformat()})"
        )
    return date
