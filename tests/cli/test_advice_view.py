"""The advice as the terminal shows it (`advise --format text`), rendered on a recording console."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from modelpick.cli.advice_view import render_advice
from modelpick.engine import decide

Render = Callable[..., str]
Advise = Callable[..., tuple[Any, Any, Any]]


def test_a_hosted_recommendation_names_the_model_mode_and_providers(
    advise_on: Advise, render: Render
) -> None:
    advice, _, _ = advise_on({"workload": "Support bot", "task": "rag"})
    text = render(render_advice(advice))
    primary = advice.primary
    assert primary is not None
    assert "modelpick: Support bot" in text
    assert f"{primary.name} ({primary.model})" in text
    assert "Deploy as: " in text and "Monthly cost: $" in text
    assert f"catalog {advice.catalog_version}" in text
    assert "Providers" in text and primary.providers[0].provider_name in text
    assert "Path through the tree" in text
    assert "Self-hosting or hosting" in text  # an open pick with a price and a sizing
    assert "Self-hosting\n" not in text  # but no hardware block: it runs hosted


def test_a_self_hosted_recommendation_shows_its_arithmetic(
    advise_on: Advise, render: Render
) -> None:
    advice, _, _ = advise_on({"data_must_stay_in_vpc": True, "has_inference_ops": True})
    hw = advice.primary.hardware
    assert hw is not None
    text = render(render_advice(advice))
    assert "Self-hosting" in text
    assert f"replicas: {hw.replicas}" in text
    replicas = f"{hw.replicas} replica{'s' if hw.replicas != 1 else ''}"
    assert f"Runs on: {replicas} of {hw.gpus_per_replica} x {hw.gpu_name}" in text


def test_no_candidate_says_so_and_lists_the_exclusions(
    advise_on: Advise, render: Render
) -> None:
    advice, _, _ = advise_on({"task": "rag", "min_context_tokens": 100_000_000})
    assert advice.primary is None
    text = render(render_advice(advice))
    assert "No model satisfies these constraints." in text
    assert "Excluded (" in text
    assert advice.excluded[0].model in text
    assert "Providers" not in text


def test_assumed_answers_and_sensitivity_get_their_panels(
    advise_on: Advise, render: Render
) -> None:
    advice, catalog, resolved = advise_on({"task": "rag"})  # without sensitivity
    with_it = decide(resolved, catalog, dt.date(2026, 11, 15))
    text = render(render_advice(with_it))
    assert "Warnings and assumptions" in text
    assert "assumed (defaults): " in text and "monthly_tokens" in text
    assert "What would change this decision" in text
    assert "What would change this decision" not in render(render_advice(advice))


def test_the_view_fits_the_console_width(advise_on: Advise, render: Render) -> None:
    advice, _, _ = advise_on({"data_must_stay_in_vpc": True, "has_inference_ops": True})
    for width in (60, 100):
        lines = render(render_advice(advice), width=width).splitlines()
        assert max(len(line) for line in lines) <= width
