"""What would change a decision: answer flips, the volume where it flips, the price."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from modelpick.catalog.loader import Catalog, load_catalog
from modelpick.catalog.schema import DeploymentMode
from modelpick.engine import decide, resolve
from modelpick.engine.filters import apply_filters
from modelpick.engine.result import Advice, Outcome
from modelpick.engine.sensitivity import sensitivity
from modelpick.engine.walk import candidates
from modelpick.report.words import sensitivity_lines as describe

CATALOG = Path(__file__).parent.parent / "fixtures" / "catalog_min"
TODAY = dt.date(2026, 11, 2)
SELF = DeploymentMode.SELF_HOSTED
HOSTED = DeploymentMode.HOSTED_OPEN
CLOSED = DeploymentMode.CLOSED_API


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


OPEN_MODELS = ("qwen3", "llama-4-scout", "mistral-small-3.2", "deepseek-v3.2")
PRICEY_PER_MTOK = 0.75 * 5.0 + 0.25 * 15.0
"""The blended hosted price in the pricey catalog at the default input share (0.75)."""


@pytest.fixture(scope="module")
def pricey_catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """Every open-weight model hosted at $5/$15 per M tokens, so self-hosting wins at volume.

    Node 5 compares the self-hosted pick with its own hosted price, and right-sizing picks the
    self-hosted model by cost at each volume, so every open model is priced up.
    """
    target = tmp_path_factory.mktemp("cat") / "catalog"
    shutil.copytree(CATALOG, target)
    providers = target / "providers.yaml"
    text = providers.read_text()
    for model in OPEN_MODELS:
        text, n = re.subn(
            rf"(model: {re.escape(model)}\n    provider: \S+\n    input_per_mtok:) [\d.]+\n"
            r"(    output_per_mtok:) [\d.]+",
            r"\1 5.0\n\2 15.0",
            text,
        )
        assert n >= 1, model
    providers.write_text(text)
    return load_catalog(target)


def margin_volume(catalog: Catalog, advice: Advice) -> float:
    """The volume at which self-hosting wins by the policy's margin at its pessimistic cost.

    Node 5 self-hosts when pessimistic <= (1 - margin) x volume x hosted price per token;
    within one step of the staircase the pessimistic cost is flat, so the boundary is
    pessimistic / ((1 - margin) x price per token).
    """
    c = advice.crossover
    assert c is not None
    per_token = c.hosted_blended_per_mtok / 1_000_000
    return c.pessimistic_self_hosted_monthly_usd / (
        (1 - catalog.policy.self_hosting_margin) * per_token
    )


def advice_for(catalog: Catalog, **given: Any) -> Advice:
    return decide(resolve(given, origin="test"), catalog, TODAY, sensitivity=False)


@pytest.mark.parametrize(
    ("given", "key", "change", "to"),
    [
        ({"cost_dominant": True, "task": "rag"}, "cost_dominant",
         "cost_dominant: true -> false", Outcome(HOSTED, "deepseek-v3.2")),
        # cost dominates, so cost orders the self-hosted list too: the cheapest rated model
        ({"cost_dominant": True, "task": "rag"}, "data_must_stay_in_vpc",
         "data_must_stay_in_vpc: false -> true", Outcome(SELF, "mistral-small-3.2")),
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


def test_the_vpc_flip_of_a_cost_dominant_workload_self_hosts_the_cheapest(
    catalog: Catalog,
) -> None:
    answers = resolve({"cost_dominant": True, "task": "rag", "data_must_stay_in_vpc": True},
                      origin="test").answers
    found = candidates(SELF, answers, catalog, apply_filters(answers, catalog))
    rated = [c for c in found if c.rated and c.monthly_cost_usd is not None]
    assert len(rated) > 1
    cheapest = min(rated, key=lambda c: c.monthly_cost_usd or 0.0)
    assert cheapest.model == "mistral-small-3.2"
    assert rated[0].model == cheapest.model  # leads, ahead of the policy's first pick qwen3
    assert catalog.policy.picks[SELF]["default"][0] == "qwen3"


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


def test_the_engine_self_hosts_only_by_the_margin_not_at_the_crossover(
    pricey_catalog: Catalog,
) -> None:
    advice = advice_for(pricey_catalog, has_inference_ops=True, task="chat", monthly_tokens=10**8)
    c = advice.crossover
    assert c is not None and c.volume_tokens_per_month and c.hosted_blended_per_mtok == (
        pytest.approx(PRICEY_PER_MTOK)
    )
    assert advice.deployment is HOSTED and not c.self_hosting_wins
    # Just above the break-even, self-hosting is cheaper on its estimate but not by the margin
    # at its pessimistic one: node 5 still hosts.
    above = advice_for(pricey_catalog, has_inference_ops=True, task="chat",
                       monthly_tokens=math.floor(c.volume_tokens_per_month) + 1)
    assert above.crossover is not None
    assert above.crossover.self_hosted_monthly_usd <= above.crossover.hosted_monthly_usd * 1.001
    assert not above.crossover.self_hosting_wins and above.deployment is HOSTED


# Downwards from 10^12 the first change may be a smaller self-hosted model (right-sizing
# moves with volume) before hosting: any change counts, as long as the engine confirms it.
@pytest.mark.parametrize(("tokens", "direction", "mode"), [(10**8, "up", SELF),
                                                           (10**12, "down", None)])
def test_volume_flip_at_the_crossover(
    pricey_catalog: Catalog, tokens: int, direction: str, mode: DeploymentMode | None
) -> None:
    advice = advice_for(pricey_catalog, has_inference_ops=True, task="chat", monthly_tokens=tokens)
    assert advice.crossover is not None and advice.crossover.volume_tokens_per_month
    edge = advice.crossover.volume_tokens_per_month
    s = sensitivity(advice, pricey_catalog, today=TODAY)
    (flip,) = [v for v in s.volume if v.direction == direction]
    if mode is not None:
        assert flip.to.deployment is mode
    assert flip.to != Outcome.of(advice)
    there = advice_for(pricey_catalog, has_inference_ops=True, task="chat",
                       monthly_tokens=flip.monthly_tokens)
    assert Outcome.of(there) == flip.to  # the engine's outcome, nothing invented
    if direction == "up":
        # Past the break-even the engine still hosts until self-hosting wins by the margin at
        # its pessimistic cost: the probe at the crossover finds nothing, the search does.
        assert flip.via == "search"
        assert flip.monthly_tokens > edge
        assert there.crossover is not None and there.crossover.self_hosting_wins
        assert flip.monthly_tokens == pytest.approx(margin_volume(pricey_catalog, there),
                                                    rel=2e-3)
        below = advice_for(pricey_catalog, has_inference_ops=True, task="chat",
                           monthly_tokens=round(flip.monthly_tokens * 0.995))
        assert below.deployment is HOSTED
    else:
        # Downwards the configuration sized for 10^12 tokens is not the one a smaller volume
        # gets (sizing picks the cheapest at each volume), so its crossover is only a first
        # guess: the flip is confirmed, or found, by running the engine.
        assert flip.via in ("crossover", "search")
        assert flip.monthly_tokens < tokens


def test_the_downward_flip_is_the_first_volume_that_changes(pricey_catalog: Catalog) -> None:
    advice = advice_for(pricey_catalog, has_inference_ops=True, task="chat",
                        monthly_tokens=10**12)
    (flip,) = [v for v in sensitivity(advice, pricey_catalog, today=TODAY).volume
               if v.direction == "down"]
    just_above = advice_for(pricey_catalog, has_inference_ops=True, task="chat",
                            monthly_tokens=round(flip.monthly_tokens * 1.01))
    assert Outcome.of(just_above) == Outcome.of(advice)


def test_search_finds_the_crossover_without_being_told(pricey_catalog: Catalog) -> None:
    advice = advice_for(pricey_catalog, has_inference_ops=True, task="chat", monthly_tokens=10**8)
    told = sensitivity(advice, pricey_catalog, today=TODAY)
    blind = dataclasses.replace(advice, crossover=None)
    s = sensitivity(blind, pricey_catalog, today=TODAY)
    (flip,) = [v for v in s.volume if v.direction == "up"]
    assert flip.via == "search"
    assert [(v.direction, v.monthly_tokens, v.to) for v in told.volume] == [
        ("up", flip.monthly_tokens, flip.to)
    ]
    there = advice_for(pricey_catalog, has_inference_ops=True, task="chat",
                       monthly_tokens=flip.monthly_tokens)
    assert flip.monthly_tokens == pytest.approx(margin_volume(pricey_catalog, there), rel=2e-3)
    assert flip.to == Outcome(SELF, "llama-4-scout")
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
