"""Models a price file lists that the catalog lacks: a draft for a reviewer, never an import.

`catalog candidates FILE` groups the file's entries by model (the last part of the key,
lower-cased, with region, vendor and version decorations taken off), drops every model the
catalog already knows (by its ids and every reviewed key), ranks the rest by how many providers
serve them, and writes each as a draft: the facts the file gives (name, context window,
modalities, open weights, each provider's prices and window), everything else `null` with a
note saying what must be sourced. Nothing here touches the catalog.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from modelpick.catalog.price_plan import PriceMap

if TYPE_CHECKING:
    from modelpick.catalog.parse import Catalog

_PREFIX = re.compile(
    r"^(?:(?:us|eu|global|apac|jp|au)\.)?"
    r"(?:(?:meta|anthropic|mistral|qwen|zai|openai|amazon|cohere|ai21|deepseek|google|"
    r"moonshotai|writer|minimax)\.)?"
)
_SUFFIX = re.compile(r"(?:-v\d+:\d+|-maas|-preview|:free|@\d{8}|-\d{8})+$")
"""Bedrock's `-v1:0`, Vertex's `-maas`, previews, free tiers and date stamps (not `-v3`: a
version that names the model, as in deepseek-v3)."""
_ALNUM = re.compile(r"[^a-z0-9]")

MUST_SOURCE = (
    "must be sourced: origin, license (and its clauses), parameters, architecture and, for "
    "open weights, the shape sizing needs (from the model's config.json), and the tasks it "
    "does well; a reviewer completes this entry before it joins models.yaml"
)


def model_name(key: str) -> str:
    """The model a price-file key stands for (`bedrock/us.meta.llama3-3-70b-v1:0`: llama3-3-70b)."""
    tail = key.rsplit("/", 1)[-1].lower()
    tail = _PREFIX.sub("", tail)
    return _SUFFIX.sub("", tail)


def _known(catalog: Catalog) -> set[str]:
    names = {m.id.lower() for m in catalog.models}
    names |= {model_name(m.litellm_key) for m in catalog.models if m.litellm_key}
    for price in catalog.prices:
        for key in (price.litellm_key, price.models_dev_key):
            if key:
                names.add(model_name(key))
    return {_ALNUM.sub("", n) for n in names}


def _stems(catalog: Catalog) -> list[str]:
    """Catalog ids distinctive enough to recognise inside another file's name.

    Eight or more letters and digits, with a digit: `mistrallarge3`, not `qwen3`.
    """
    stems = (_ALNUM.sub("", m.id.lower()) for m in catalog.models)
    return [s for s in stems if len(s) >= 8 and any(c.isdigit() for c in s)]


def _is_known(name: str, known: set[str], stems: list[str]) -> bool:
    flat = _ALNUM.sub("", name)
    return flat in known or any(flat.startswith(stem) for stem in stems)


@dataclass
class Draft:
    """One model the file lists and the catalog lacks, as the file describes it."""

    name: str
    title: str | None = None
    providers: dict[str, dict[str, Any]] = field(default_factory=dict)
    context_tokens: int | None = None
    modalities: set[str] = field(default_factory=set)
    open_weights: bool | None = None

    @property
    def serving(self) -> int:
        """How many distinct providers serve it."""
        return len({facts["provider"] for facts in self.providers.values()})

    def as_dict(self) -> dict[str, Any]:
        """The draft entry: facts from the file, the rest null with what must be sourced."""
        return {
            "id": self.name,
            "name": self.title,
            "providers_serving": self.serving,
            "weights": None if self.open_weights is None else (
                "open" if self.open_weights else "closed"
            ),
            "context_tokens": self.context_tokens,
            "modalities": sorted(self.modalities) or None,
            "origin": None,
            "license": None,
            "parameters": {"total_b": None, "active_b": None},
            "tasks": None,
            "note": MUST_SOURCE,
            "prices": [
                {"key": key, **facts} for key, facts in sorted(self.providers.items())
            ],
        }


def _provider(key: str, entry: dict[str, Any], kind: str) -> str:
    if kind == "models.dev":
        return key.split("/", 1)[0]
    provider = entry.get("litellm_provider")
    return provider if isinstance(provider, str) else key.split("/", 1)[0]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return round(float(value) * 1_000_000, 6)


def candidates(
    price_map: PriceMap, catalog: Catalog, today: dt.date | None = None
) -> list[Draft]:
    """Models in the file the catalog lacks, most providers first (retired entries skipped)."""
    known, stems = _known(catalog), _stems(catalog)
    drafts: dict[str, Draft] = {}
    for key, entry in price_map.entries.items():
        if not isinstance(entry, dict) or key == "sample_spec":
            continue
        if price_map.kind == "litellm" and entry.get("mode") not in (None, "chat"):
            continue
        name = model_name(key)
        if not name or _is_known(name, known, stems):
            continue
        retired = entry.get("deprecation_date")
        if isinstance(retired, str) and today is not None and retired <= today.isoformat():
            continue  # a retired entry serves nobody: it does not count
        draft = drafts.setdefault(name, Draft(name))
        provider = _provider(key, entry, price_map.kind)
        window = entry.get("max_input_tokens")
        if isinstance(window, int) and not isinstance(window, bool):
            draft.context_tokens = max(draft.context_tokens or 0, window)
        facts = {
            "provider": provider,
            "input_per_mtok": _number(entry.get("input_cost_per_token")),
            "output_per_mtok": _number(entry.get("output_cost_per_token")),
            "max_context_tokens": window if isinstance(window, int) else None,
        }
        if isinstance(entry.get("deprecation_date"), str):
            facts["deprecation_date"] = entry["deprecation_date"]
        draft.providers[key] = facts
        for flag, modality in (("supports_vision", "image"), ("supports_audio_input", "audio")):
            if entry.get(flag) is True:
                draft.modalities |= {"text", modality}
        extra = entry.get("modalities")
        if isinstance(extra, list):
            draft.modalities |= {m for m in extra if isinstance(m, str)}
        if isinstance(entry.get("title"), str):
            draft.title = entry["title"]
        if isinstance(entry.get("open_weights"), bool):  # any provider saying open wins
            draft.open_weights = bool(draft.open_weights) or entry["open_weights"]
    return sorted(drafts.values(), key=lambda d: (-d.serving, d.name))
