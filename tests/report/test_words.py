"""How things are worded, once for every format (report/words.py)."""

from __future__ import annotations

import pytest

from modelpick.engine.answers import Answers
from modelpick.engine.result import (
    AnswerFlip,
    DeploymentMode,
    Outcome,
    PriceFlip,
    Sensitivity,
    VolumeFlip,
)
from modelpick.engine.tree import MODE_LABELS as TREE_LABELS
from modelpick.report import words


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "n/a"), (0.5, "$0.50"), (99.999, "$100.00"), (100, "$100"), (12345.6, "$12,346")],
)
def test_money(value: float | None, text: str) -> None:
    assert words.money(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "never"), (999, "999"), (1_500, "1.5K"), (2e9, "2.0B"), (3.5e12, "3.5T")],
)
def test_tokens(value: float | None, text: str) -> None:
    assert words.tokens(value) == text


def test_numbers_and_flags() -> None:
    assert words.per_mtok(0.1234) == "$0.123"
    assert words.per_mtok_bare(1234.5) == "1,234.500"
    assert words.count(1234567.4) == "1,234,567"
    assert (words.pct(0.25), words.percent(None), words.percent(0.5)) == ("25%", "n/a", "50%")
    assert (words.num(1234), words.num(0.1234567)) == ("1,234", "0.123457")
    assert [words.flag(v) for v in (True, False, None)] == ["yes", "no", "not recorded"]
    assert [words.short_flag(v) for v in (True, False, None)] == ["yes", "no", "?"]
    assert (words.yes_no(True), words.yes_no(False)) == ("yes", "no")


def test_the_mode_labels_are_the_trees() -> None:
    assert words.MODE_LABELS is TREE_LABELS
    assert words.mode_label(DeploymentMode.CLOSED_API) == TREE_LABELS[DeploymentMode.CLOSED_API]
    assert words.mode_label(None) == "none"


def test_answers() -> None:
    answers = Answers(workload="w", task="rag", monthly_tokens=2_000_000_000,
                      excluded_origins=[], input_share=0.75, cost_dominant=True)
    assert words.answer_text("monthly_tokens", answers) == "2,000,000,000 (2.0B)"
    assert words.answer_text("excluded_origins", answers) == "none"
    assert words.answer_text("input_share", answers) == "75%"
    assert words.answer_text("cost_dominant", answers) == "yes"
    assert words.answer_text("deployment_region", answers) == "not given"
    assert words.answer_text("task", answers) == "rag"


def test_sensitivity_sentences() -> None:
    hosted = Outcome(DeploymentMode.HOSTED_OPEN, "m2")
    s = Sensitivity(
        current=Outcome(DeploymentMode.SELF_HOSTED, "m1"),
        flips=(AnswerFlip("cost_dominant", "cost_dominant: false -> true", hosted),),
        unchanged=(),
        volume=(VolumeFlip("down", 1_000_000, Outcome(None, None), "search"),),
        price=PriceFlip("m1", "p1", 10.0, "m2", "p2", 12.0, 20.0),
        engine_runs=3,
    )
    assert words.sensitivity_lines(s) == [
        "cost_dominant: false -> true -> m2 (hosted open-weight API)",
        "volume at or below 1.0M tokens/month -> no recommendation",
        "price: m1 at p1 would have to cost 20% more before m2 via p2 is cheaper",
    ]
    quiet = Sensitivity(s.current, (), (), (), None, 1)
    assert words.sensitivity_lines(quiet) == [
        "no single answer change alters the recommendation",
        "volume: no change between 100.0K and 100.0T tokens/month",
    ]
