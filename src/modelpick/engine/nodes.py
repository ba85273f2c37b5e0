"""The decision tree as data: the five nodes, their questions, and where each answer leads.

`tree.walk` is the code that runs the tree; this module describes the same tree for people
(`modelpick tree`, the Mermaid pictures in reports). Wording comes from `answers.QUESTIONS`,
so a question reads the same wherever it appears.
"""

from __future__ import annotations

from dataclasses import dataclass

from modelpick.catalog.schema import DeploymentMode
from modelpick.engine.answers import NODE_KEYS, QUESTIONS_BY_KEY
from modelpick.engine.filters import RULES
from modelpick.engine.tree import CLOSED, HOSTED, MODE_LABELS, SELF


@dataclass(frozen=True)
class Outcome:
    """Where one answer to a node leads.

    `modes` empty means "go on to the next node". Two modes with a `condition` mean the first
    when the condition holds, else the second (node 5: the crossover).
    """

    text: str
    modes: tuple[DeploymentMode, ...] = ()
    condition: str | None = None
    final: bool = False
    """No fallback ever leaves this mode (node 1)."""
    filter: str | None = None
    """A filter applied before going on (node 4)."""

    @property
    def goes_on(self) -> bool:
        """Whether this answer continues to the next node."""
        return not self.modes


@dataclass(frozen=True)
class Node:
    """One node of the decision tree."""

    number: int
    key: str
    question: str
    explanation: str
    yes: Outcome
    no: Outcome


_GO_ON = Outcome("go on")


def _node(number: int, yes: Outcome, no: Outcome = _GO_ON) -> Node:
    key = NODE_KEYS[number - 1]
    question = QUESTIONS_BY_KEY[key]
    return Node(number, key, question.text, question.explanation, yes, no)


NODES: tuple[Node, ...] = (
    _node(1, Outcome(f"{MODE_LABELS[SELF]} (final)", (SELF,), final=True)),
    _node(2, Outcome(MODE_LABELS[CLOSED], (CLOSED,))),
    _node(3, Outcome(MODE_LABELS[HOSTED], (HOSTED,))),
    _node(
        4,
        Outcome(
            "filter: drop every open-weight model whose license is not permissive, then go on",
            filter="open-weight models without a permissive license are dropped",
        ),
    ),
    _node(
        5,
        Outcome(
            f"{MODE_LABELS[SELF]} if monthly volume is above the computed crossover, "
            f"else {MODE_LABELS[HOSTED]}",
            (SELF, HOSTED),
            condition="monthly volume above the crossover",
        ),
        Outcome(MODE_LABELS[HOSTED], (HOSTED,)),
    ),
)
"""The five nodes, in the order the engine walks them."""

HARD_FILTERS: tuple[str, ...] = tuple(name for name, _ in RULES)
"""Every hard filter that runs after the walk, whatever mode it chose."""

AFTER_THE_WALK: tuple[str, ...] = (
    "hard filters remove models whatever the mode: " + ", ".join(HARD_FILTERS),
    "the catalog's policy ranks the survivors (picks per mode and task)",
    "no survivor in the chosen mode: fall back to the nearest mode the answers allow "
    "(never out of self-hosting after node 1)",
)
"""What happens once the five nodes have chosen a mode."""

__all__ = ["AFTER_THE_WALK", "HARD_FILTERS", "MODE_LABELS", "NODES", "Node", "Outcome"]
