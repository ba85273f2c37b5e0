"""The questions that gather a workload's answers, as data, in the order they are asked.

The node questions come from the tree's declaration (`tree.TREE`); `prompts.py` is the only
place that asks them on a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import Any, Literal

from modelpick.catalog.schema import Policy, Task
from modelpick.engine.tree import TREE, skipped

QuestionKind = Literal["confirm", "select", "integer", "fraction", "text", "countries"]


@dataclass(frozen=True)
class Question:
    """One question: what to ask, how, and what it means for the tree."""

    key: str
    kind: QuestionKind
    text: str
    explanation: str
    node: int | None = None
    choices: tuple[str, ...] = ()
    optional: bool = False


QUESTIONS: tuple[Question, ...] = (
    Question(
        "workload", "text", "What is the workload called?", "Free text, used in titles."
    ),
    *(
        Question(node.key, "confirm", node.question, node.help, node=number)
        for number, node in enumerate(TREE, start=1)
    ),
    Question(
        "task",
        "select",
        "What is the main task?",
        "Models that cannot do the task are excluded.",
        choices=tuple(t.value for t in Task),
    ),
    Question(
        "monthly_tokens",
        "integer",
        "How many tokens a month (input + output)?",
        "Drives every cost figure and the self-hosting crossover.",
    ),
    Question(
        "input_share",
        "fraction",
        "What share of those tokens is input (0 to 1)?",
        "Input is usually cheaper than output.",
    ),
    Question(
        "min_context_tokens",
        "integer",
        "Minimum context window in tokens (blank for none)?",
        "Models with a smaller window are excluded.",
        optional=True,
    ),
    Question(
        "excluded_origins",
        "countries",
        "Countries of origin to exclude (e.g. CN; blank for none)?",
        "Some procurement rules forbid models of some origins.",
        optional=True,
    ),
    Question(
        "deployment_region",
        "text",
        "Region you deploy in (e.g. EU, US; blank for none)?",
        "Checked against license geography clauses.",
        optional=True,
    ),
    Question(
        "monthly_active_users",
        "integer",
        "Monthly active users of the product (blank if unknown)?",
        "Checked against license scale thresholds (Llama: 700M).",
        optional=True,
    ),
)
QUESTIONS_BY_KEY = {q.key: q for q in QUESTIONS}


def next_question(
    known: Mapping[str, Any], policy: Policy, asked: Set[str] = frozenset()
) -> Question | None:
    """The next question to ask, or None when nothing asked could change the outcome.

    A node question is skipped when the tree says no answer to it can change the advice
    (`tree.skipped`, which reads the catalog's `policy`); every other question can.
    """
    cannot = {skip.key for skip in skipped(known, policy)}
    for question in QUESTIONS:
        if question.key in known or question.key in asked or question.key in cannot:
            continue
        return question
    return None
