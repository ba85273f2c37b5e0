"""The price-import descriptions: a plan in, exact text or JSON out."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from modelpick.catalog.price_plan import ContextRow, ImportPlan, Outcome, PriceMap, PriceRow
from modelpick.report import prices as describe


@pytest.fixture
def plan() -> ImportPlan:
    price_map = PriceMap(file="maps/prices.json", sha256="ab" * 32, entries={"a": {}, "b": {}})
    no_key = "no litellm_key in the catalog"
    return ImportPlan(
        price_map=price_map,
        catalog_dir="cat",
        source_id="litellm-2026",
        date=dt.date(2026, 11, 1),
        old_version="2026.11.1",
        prices=[
            PriceRow(0, "gpt-5", "openai", "gpt-5", 1.25, 10.0, 1.5, 10.0, Outcome.CHANGED),
            PriceRow(1, "m2", "p", "k2", 0.0, 2.0, 0.0, 2.0, Outcome.UNCHANGED),
            PriceRow(2, "m3", "p", None, 1.0, 2.0, None, None, Outcome.NO_KEY, no_key),
        ],
        contexts=[ContextRow(0, "gpt-5", "gpt-5", 128000, 400000, Outcome.CHANGED)],
        notes=["a note"],
    )


def test_text_after_writing(plan: ImportPlan) -> None:
    written = [Path("cat/providers.yaml"), Path("cat/catalog.yaml")]
    assert describe.format_text(plan, written=written, dry_run=False) == (
        "LiteLLM price map: maps/prices.json (sha256 abababababab, 2 keys)\n"
        "Catalog: cat (version 2026.11.1); imported figures cite 'litellm-2026'\n"
        "\n"
        "Prices: 1 changed, 1 unchanged, 1 unmapped (USD per million tokens)\n"
        "\n"
        "model  provider  old in  old out  new in  new out  in %    out %  window  retires\n"
        "gpt-5  openai    1.25    10.0     1.5     10.0     +20.0%  0.0%   -       -\n"
        "\n"
        "Unmapped (left as they are):\n"
        "model  provider  key  reason\n"
        "m3     p         -    no litellm_key in the catalog\n"
        "\n"
        "Context windows (model-level litellm_key):\n"
        "model  litellm_key  old     new     outcome\n"
        "gpt-5  gpt-5        128000  400000  changed\n"
        "\n"
        "Notes:\n"
        "- a note\n"
        "\n"
        "wrote providers.yaml, catalog.yaml: catalog 2026.11.1 -> 2026.11.2\n"
    )


def test_text_last_line_says_what_happened(plan: ImportPlan) -> None:
    dry = describe.format_text(plan, written=[], dry_run=True).splitlines()[-1]
    assert dry == "dry run: nothing written (would bump the catalog to 2026.11.2)"
    unchanged = ImportPlan(
        price_map=plan.price_map, catalog_dir="cat", source_id="s", date=plan.date,
        old_version="1.0.0", prices=[plan.prices[1]], contexts=[],
    )
    last = describe.format_text(unchanged, written=[], dry_run=False).splitlines()[-1]
    assert last == "prices are up to date; nothing to write"


def test_json(plan: ImportPlan) -> None:
    data = json.loads(describe.format_json(plan, written=[], dry_run=True))
    assert data["version"] == {"old": "2026.11.1", "new": "2026.11.2"}
    assert data["counts"] == {"changed": 1, "unchanged": 1, "unmapped": 1, "context_changed": 1}
    assert data["changed"][0]["change_percent"] == {"input": 20.0, "output": 0.0}
    assert data["unmapped"][0]["new"] is None
    assert data["changelog"] == (
        "Prices refreshed from LiteLLM price map prices.json sha256 abababababab: 1 changed, "
        "1 unchanged, 1 unmapped; context windows: 1 updated."
    )
    assert data["written"] == [] and data["dry_run"] is True
