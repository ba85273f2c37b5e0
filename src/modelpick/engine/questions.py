"""The questions that gather a workload's answers, as data, in the order they are asked.

The node questions come from the tree's declaration (`tree.TREE`); `prompts.py` is the only
place that asks them on a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any, Literal

from modelpick.catalog.schema import Policy, Task
from modelpick.engine.tree import TREE, skipped
from modelpick.frozen import frozen

QuestionKind = Literal[
    "confirm", "select", "integer", "fraction", "number", "text", "countries"
]


@frozen
class Question:
    """One question: what to ask, how, and what it means for the tree."""

    key: str
    kind: QuestionKind
    text: str
    explanation: str
    node: int | None = None
    choices: tuple[str, ...] = ()
    optional: bool = False
    matters: Literal["always", "self_hosting", "api"] = "always"
    """When its answer can change the outcome: always, only where self-hosting can be the
    outcome (GPU load and pricing), or only where an API can (provider requirements)."""
    after: str | None = None
    """Asked only when this other question got an answer (a pair given together)."""


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
        "avg_input_tokens",
        "integer",
        "Average input tokens per request (blank if unknown)?",
        "With the output tokens, sets the input share and the context self-hosting must hold.",
        optional=True,
    ),
    Question(
        "avg_output_tokens",
        "integer",
        "Average output tokens per request?",
        "Given with the input tokens per request.",
        optional=True,
        after="avg_input_tokens",
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
    Question(
        "peak_to_mean",
        "number",
        "Peak traffic over average traffic (1 = steady)?",
        "Self-hosted replicas are sized for the peak: their mean utilization is lower.",
        matters="self_hosting",
    ),
    Question(
        "latency",
        "select",
        "Latency target?",
        "interactive: each user keeps a reading-speed decode; batch: throughput only.",
        choices=("interactive", "batch"),
        matters="self_hosting",
    ),
    Question(
        "gpu_pricing",
        "select",
        "How would you pay for GPUs?",
        "on_demand, or reserved (a one-year commitment, cheaper per hour).",
        choices=("on_demand", "reserved"),
        matters="self_hosting",
    ),
    Question(
        "require_zero_data_retention",
        "confirm",
        "Must the API provider offer zero data retention?",
        "Providers that do not (or whose posture is not recorded) are dropped.",
        matters="api",
    ),
    Question(
        "require_hipaa",
        "confirm",
        "Must the API provider sign a HIPAA BAA?",
        "Providers that do not (or whose posture is not recorded) are dropped.",
        matters="api",
    ),
    Question(
        "data_residency",
        "countries",
        "Regions the provider must process data in (e.g. EU; blank for any)?",
        "Providers processing elsewhere, or whose regions are not recorded, are dropped.",
        optional=True,
        matters="api",
    ),
    Question(
        "monthly_growth",
        "number",
        "How much does the volume grow each month (0.1 = 10%; 0 = flat)?",
        "The timeline says in which month, if any, the recommendation changes.",
    ),
    Question(
        "horizon_months",
        "integer",
        "How many months should the timeline look ahead?",
        "18 follows article 001's typical evolution of a deployment.",
        after="monthly_growth",
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
    if known.get("data_must_stay_in_vpc") is True:  # node 1 chose self-hosting, final
        cannot |= {q.key for q in QUESTIONS if q.matters == "api"}
    elif known.get("has_inference_ops") is False:  # no path leads to self-hosting
        cannot |= {q.key for q in QUESTIONS if q.matters == "self_hosting"}
    if known.get("avg_input_tokens") is not None and known.get("avg_output_tokens") is not None:
        cannot.add("input_share")  # the tokens per request set it
    if known.get("monthly_growth") in (0, 0.0):
        cannot.add("horizon_months")  # no growth, no timeline
    for question in QUESTIONS:
        if question.key in known or question.key in asked or question.key in cannot:
            continue
        if question.after is not None and known.get(question.after) is None:
            continue
        return question
    return None
