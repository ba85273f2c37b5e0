"""What would change a decision: answer flips, the volume where it flips, the price."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from modelpick.catalog.loader import Catalog, load_catalog
from modelpick.catalog.schema import DeploymentMode
from modelpick.engine import decide, resolve
from modelpick.engine.result import Advice, Outcome
from modelpick.engine.sensitivity import sensitivity
from modelpick.report.words import sensitivity_lines as describe

CATALOG = Path(__file__).parent.parent / "fixtures" / "catalog_min"
TODAY = dt.date(2026, 11, 2)
SELF = DeploymentMode.SELF_HOSTED
HOSTED = DeploymentMode.HOSTED_OPEN
CLOSED = DeploymentMode.CLOSED_API


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


@pytest.fixture(scope="module")
def pricey_catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """qwen3 hosted at $5/$15 per M tokens, so self-hosting it wins above a crossover."""
    target = tmp_path_factory.mktemp("cat") / "catalog"
    shutil.copytree(CATALOG, target)
    providers = target / "providers.yaml"
    text = providers.read_text()
    text, n = re.subn(
        r"(model: qwen3\n    provider: together\n    input_per_mtok:) 0.2\n"
        r"(    output_per_mtok:) 0.6",
        r"\1 5.0\n\2 15.0",
        text,
    )
    assert n == 1
    providers.write_text(text)
    return load_catalog(target)


def advice_for(catalog: Catalog, **given: Any) -> Advice:
    return decide(resolve(given, origin="test"), catalog, TODAY, sensitivity=False)


@pytest.mark.parametrize(
    ("given", "key", "change", "to"),
    [
        ({"cost_dominant": True, "task": "rag"}, "cost_dominant",
         "cost_dominant: true -> false", Outcome(HOSTED, "deepseek-v3.2")),
        ({"cost_dominant": True, "task": "rag"}, "data_must_stay_in_vpc",
         "data_must_stay_in_vpc: false -> true", Outcome(SELF, "qwen3")),
        ({"frontier_required": True, "task": "agentic_coding"}, "data_must_stay_in_vpc",
         "data_must_stay_in_vpc: false -> true", Outcome(None, None)),
        ({"task": "general"}, "frontier_required",
         "frontier_required: false -> true", Outcome(CLOSED, "claude-opus-4.7")),
        ({"task": "rag", "excluded_origins": ["CN"]}, "excluded_origins",
         "drop CN from excluded_origins", Outcome(HOSTED, "deepseek-v3.2")),
        ({"task": "rag", "min_context_tokens": 200_000}, "min_context_tokens",
         "remove min_context_tokens (200,000)", Outcome(HOSTED, "deepseek-v3.2")),
    ],
)
def test_single_answer_flips(
    catalog: Catalog, given: dict[str, Any], key: str, change: str, to: Outcome
) -> None:
    s = sensitivity(advice_for(catalog, **given), catalog, today=TODAY)
    flip = next(f for f in s.flips if f.change == change)
    assert (flip.key, flip.to) == (key, to)
    assert change not in s.unchanged


def test_changes_that_do_nothing_are_listed_as_unchanged(catalog: Catalog) -> None:
    s = sensitivity(advice_for(catalog, cost_dominant=True, task="rag"), catalog, today=TODAY)
    assert "has_inference_ops: false -> true" in s.unchanged
    assert {f.change for f in s.flips}.isdisjoint(s.unchanged)


def test_every_flip_is_what_the_engine_says(catalog: Catalog) -> None:
    """A flip's outcome is the engine's outcome for the changed answers, nothing invented."""
    advice = advice_for(catalog, cost_dominant=True, task="rag", excluded_origins=["CN", "US"])
    for flip in sensitivity(advice, catalog, today=TODAY).flips:
        assert flip.to != Outcome.of(advice)


def test_no_volume_flip_when_self_hosting_never_pays(catalog: Catalog) -> None:
    s = sensitivity(advice_for(catalog, has_inference_ops=True, task="rag"), catalog, today=TODAY)
    assert s.volume == ()
    assert any("volume: no change" in line for line in describe(s))


@pytest.mark.parametrize(("tokens", "direction", "mode"), [(10**8, "up", SELF),
                                                           (10**12, "down", HOSTED)])
def test_volume_flip_at_the_crossover(
    pricey_catalog: Catalog, tokens: int, direction: str, mode: DeploymentMode
) -> None:
    advice = advice_for(pricey_catalog, has_inference_ops=True, task="chat", monthly_tokens=tokens)
    assert advice.crossover is not None and advice.crossover.volume_tokens_per_month
    s = sensitivity(advice, pricey_catalog, today=TODAY)
    (flip,) = [v for v in s.volume if v.direction == direction]
    assert flip.to.deployment is mode
    if direction == "up":
        assert flip.via == "crossover"
        edge = advice.crossover.volume_tokens_per_month
        assert abs(flip.monthly_tokens - edge) <= 1
    else:
        # Downwards the configuration sized for 10^12 tokens is not the one a smaller volume
        # gets (sizing picks the cheapest at each volume), so its crossover is only a first
        # guess: the flip is confirmed, or found, by running the engine.
        assert flip.via in ("crossover", "search")
        assert flip.monthly_tokens < tokens


def test_search_finds_the_crossover_without_being_told(pricey_catalog: Catalog) -> None:
    advice = advice_for(pricey_catalog, has_inference_ops=True, task="chat", monthly_tokens=10**8)
    edge = advice.crossover.volume_tokens_per_month  # type: ignore[union-attr]
    blind = dataclasses.replace(advice, crossover=None)
    s = sensitivity(blind, pricey_catalog, today=TODAY)
    (flip,) = [v for v in s.volume if v.direction == "up"]
    assert flip.via == "search"
    assert flip.monthly_tokens == pytest.approx(edge, rel=0.01)
    assert flip.to == Outcome(SELF, "qwen3")
    assert s.engine_runs <= 40


def test_price_flip_is_where_the_cheapest_alternative_undercuts(catalog: Catalog) -> None:
    advice = advice_for(catalog, cost_dominant=True, task="rag")
    price = sensitivity(advice, catalog, today=TODAY).price
    assert price is not None
    assert price.model == "mistral-small-3.2"
    assert price.monthly_cost_usd * (1 + price.percent / 100) == pytest.approx(
        price.alternative_monthly_cost_usd
    )
    assert price.alternative_monthly_cost_usd == min(
        c.monthly_cost_usd or 0 for c in advice.alternatives
    )


def test_price_flip_is_zero_when_an_alternative_is_already_cheaper(catalog: Catalog) -> None:
    advice = advice_for(catalog, frontier_required=True, task="agentic_coding")
    price = sensitivity(advice, catalog, today=TODAY).price
    assert price is not None and price.percent == 0 and price.alternative == "gpt-5"
    assert any("already cheaper" in line for line in describe(sensitivity(advice, catalog,
                                                                          today=TODAY)))


def test_no_price_flip_when_self_hosted(catalog: Catalog) -> None:
    advice = advice_for(catalog, data_must_stay_in_vpc=True)
    assert sensitivity(advice, catalog, today=TODAY).price is None


def test_decide_attaches_sensitivity_and_changes_nothing_else(catalog: Catalog) -> None:
    advice = advice_for(catalog, cost_dominant=True, task="rag")
    resolved = resolve({"cost_dominant": True, "task": "rag"}, origin="test")
    attached = decide(resolved, catalog, TODAY)
    assert attached.sensitivity == sensitivity(advice, catalog, today=TODAY)
    assert dataclasses.replace(attached, sensitivity=None) == advice


def test_advise_json_has_a_sensitivity_key(modelpick) -> None:  # type: ignore[no-untyped-def]
    import json

    done = modelpick("advise", "--catalog", CATALOG, "--set", "task=rag", "--set",
                     "cost_dominant=true", "--format", "json", "--no-input")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)["sensitivity"]
    assert {"flips", "unchanged", "volume", "price", "engine_runs"} <= set(data)
    assert data["flips"][0]["to"]["model"]
    text = modelpick("advise", "--catalog", CATALOG, "--set", "task=rag", "--no-input")
    assert "What would change this decision" in text.stdout
