"""What a price import would do: the plan `catalog import-prices` makes, as plain data.

`prices_import` reads a price map and makes this plan; `report.prices` describes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class Outcome(StrEnum):
    """What the import did with one catalog entry."""

    CHANGED = "changed"
    UNCHANGED = "unchanged"
    NO_KEY = "no_key"  # the catalog entry has no litellm_key
    KEY_NOT_FOUND = "key_not_found"  # the key is not (or no longer) in the file
    UNUSABLE = "unusable"  # the entry is there, but its values cannot be used


UNMAPPED = (Outcome.NO_KEY, Outcome.KEY_NOT_FOUND, Outcome.UNUSABLE)


@dataclass(frozen=True)
class PriceMap:
    """A price file as read from disk: LiteLLM's price map, or models.dev's api.json.

    models.dev's providers and models are flattened to `provider/model` keys with LiteLLM's
    field names (per-token costs, `max_input_tokens`), so one planner reads both.
    """

    file: str
    sha256: str
    entries: dict[str, Any]
    kind: str = "litellm"
    """`litellm` or `models.dev` (detected from the content)."""

    @property
    def label(self) -> str:
        """What the file is, in words."""
        return "models.dev api.json" if self.kind == "models.dev" else "LiteLLM price map"

    @property
    def name(self) -> str:
        """The file's name, without its directory."""
        return Path(self.file).name


@dataclass(frozen=True)
class PriceRow:
    """One catalog price and what the import makes of it (USD per million tokens)."""

    index: int
    model: str
    provider: str
    key: str | None
    old_input: float
    old_output: float
    new_input: float | None
    new_output: float | None
    outcome: Outcome
    reason: str | None = None
    old_window: int | None = None
    new_window: int | None = None
    """The served window the import writes (it only narrows one: widening is a note)."""
    old_deprecation: dt.date | None = None
    new_deprecation: dt.date | None = None

    @property
    def price_changed(self) -> bool:
        """Whether the per-token prices themselves change."""
        return self.new_input is not None and (self.new_input, self.new_output) != (
            self.old_input, self.old_output
        )

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {
            "model": self.model,
            "provider": self.provider,
            "litellm_key": self.key,
            "key": self.key,
            "window": {"old": self.old_window, "new": self.new_window},
            "deprecation_date": {
                "old": None if self.old_deprecation is None else self.old_deprecation.isoformat(),
                "new": None if self.new_deprecation is None else self.new_deprecation.isoformat(),
            },
            "outcome": self.outcome.value,
            "old": {"input_per_mtok": self.old_input, "output_per_mtok": self.old_output},
            "new": None
            if self.new_input is None
            else {"input_per_mtok": self.new_input, "output_per_mtok": self.new_output},
            "change_percent": {
                "input": percent(self.old_input, self.new_input),
                "output": percent(self.old_output, self.new_output),
            },
            "reason": self.reason,
        }


@dataclass(frozen=True)
class ContextRow:
    """One model with a model-level litellm_key, and its context window."""

    index: int
    model: str
    key: str
    old: int | None
    new: int | None
    outcome: Outcome
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {
            "model": self.model,
            "litellm_key": self.key,
            "outcome": self.outcome.value,
            "old": self.old,
            "new": self.new,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class ImportPlan:
    """Everything an import would change, and everything it could not match."""

    price_map: PriceMap
    catalog_dir: str
    source_id: str
    date: dt.date
    old_version: str
    prices: list[PriceRow]
    contexts: list[ContextRow]
    notes: list[str] = field(default_factory=list)
    source: Any = None
    """The `schema.Source` for the imported file, which changed entries cite."""

    def rows(self, *outcomes: Outcome) -> list[PriceRow]:
        """The price rows with one of these outcomes."""
        return [row for row in self.prices if row.outcome in outcomes]

    @property
    def changed_contexts(self) -> list[ContextRow]:
        """Models whose context window changes."""
        return [row for row in self.contexts if row.outcome is Outcome.CHANGED]

    @property
    def has_changes(self) -> bool:
        """Whether anything would be written."""
        return bool(self.rows(Outcome.CHANGED) or self.changed_contexts)

    @property
    def new_version(self) -> str:
        """The catalog version after the import: patch component + 1 when anything changes."""
        if not self.has_changes:
            return self.old_version
        major, minor, patch = self.old_version.split(".")
        return f"{major}.{minor}.{int(patch) + 1}"

    @property
    def changelog_line(self) -> str:
        """The changelog entry an import with changes adds."""
        line = (
            f"Prices refreshed from {self.price_map.label} {self.price_map.name} sha256 "
            f"{self.price_map.sha256[:12]}: {len(self.rows(Outcome.CHANGED))} changed, "
            f"{len(self.rows(Outcome.UNCHANGED))} unchanged, {len(self.rows(*UNMAPPED))} unmapped"
        )
        if self.changed_contexts:
            line += f"; context windows: {len(self.changed_contexts)} updated"
        return line + "."


def percent(old: float, new: float | None) -> float | None:
    """Change from old to new in percent, to 0.1; None when it cannot be computed."""
    if new is None:
        return None
    if old == 0:
        return 0.0 if new == 0 else None
    return round((new - old) / old * 100, 1)
