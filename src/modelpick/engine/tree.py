"""The decision tree, declared once: five questions, always in this order, choose the mode.

`TREE` is the only description of the tree. The walk (`walk.py`) iterates it; the prompts ask
its questions in its order and skip what it says cannot matter (`skipped`); `modelpick tree`,
the Mermaid pictures and the report's flowchart draw it; decision records read what decided
from the steps it produced. Adding a node is one `Node` here plus, when its answer does more
than choose or filter, that effect where it acts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from modelpick.catalog.schema import DeploymentMode, Policy, Task
from modelpick.engine.filters import RULES
from modelpick.engine.result import Skip
from modelpick.frozen import frozen

SELF = DeploymentMode.SELF_HOSTED
HOSTED = DeploymentMode.HOSTED_OPEN
CLOSED = DeploymentMode.CLOSED_API

MODE_LABELS: dict[DeploymentMode, str] = {
    SELF: "self-hosted open weights",
    HOSTED: "hosted open-weight API",
    CLOSED: "closed frontier API",
}

FALLBACKS: dict[DeploymentMode, tuple[tuple[DeploymentMode, bool], ...]] = {
    CLOSED: ((HOSTED, False), (SELF, True)),
    HOSTED: ((SELF, True), (CLOSED, False)),
    SELF: ((HOSTED, False), (CLOSED, False)),
}
"""Nearest modes first, when the chosen one has no survivor: (mode, needs inference ops)."""


@frozen
class Condition:
    """A test the engine computes from catalog figures: `then` when it holds, else `otherwise`."""

    text: str
    then: DeploymentMode
    otherwise: DeploymentMode
    labels: tuple[str, str]
    """Short edge labels of `then` and `otherwise` for the report's flowchart."""


@frozen
class Filter:
    """A hard filter that one answer switches on, whatever mode the tree chooses."""

    rule: str
    """Its name in `filters.RULES` and in the output's `excluded[].rule`."""
    text: str
    label: str
    """Its edge label in `modelpick tree --format mermaid`."""
    short: str
    """Its edge label in the report's flowchart."""


@frozen
class Outcome:
    """What one answer to a node does: choose a mode, or go on (perhaps filtering first)."""

    text: str
    """What it does, for people (`modelpick tree`)."""
    effect: str = ""
    """Why, as the walk records it; a condition's computation says why instead."""
    mode: DeploymentMode | None = None
    condition: Condition | None = None
    final: bool = False
    """No fallback ever leaves the mode it chooses."""
    filter: Filter | None = None
    still_matters: tuple[str, ...] = ()
    """Later nodes whose answers can still change the advice once this outcome has chosen."""

    @property
    def goes_on(self) -> bool:
        """Whether this answer continues to the next node."""
        return self.mode is None and self.condition is None

    @property
    def modes(self) -> tuple[DeploymentMode, ...]:
        """The modes it can choose: one, two for a condition (`then` first), none going on."""
        if self.condition is not None:
            return (self.condition.then, self.condition.otherwise)
        return (self.mode,) if self.mode is not None else ()


@frozen
class Node:
    """One question of the tree and what each answer does."""

    key: str
    """The answer key (`Answers` field) that answers it."""
    question: str
    help: str
    yes: Outcome
    no: Outcome
    ranks: Literal["picks_cost_dominant"] | None = None
    """A policy table its "yes" ranks first, in every mode, wherever the tree ends."""

    def outcome(self, answer: bool) -> Outcome:
        """The outcome of one answer."""
        return self.yes if answer else self.no

    @property
    def terminal(self) -> bool:
        """Both answers choose: the walk reaches it only when every earlier node went on."""
        return not self.yes.goes_on and not self.no.goes_on


_ALSO_AFTER_A_CHOICE = ("license_must_be_permissive", "has_inference_ops")
"""The license filter applies in every mode; inference ops open fallbacks, or warn (node 1)."""

_PERMISSIVE = Filter(
    "license_must_be_permissive",
    "open-weight models without a permissive license are dropped",
    label="filter licenses",
    short="drop non-permissive",
)

TREE: tuple[Node, ...] = (
    Node(
        key="data_must_stay_in_vpc",
        question="Must the data never leave your network boundary?",
        help="Yes means self-hosted open weights, whatever else you answer.",
        yes=Outcome(
            f"{MODE_LABELS[SELF]} (final)", f"{MODE_LABELS[SELF]} (final)", mode=SELF,
            final=True, still_matters=("cost_dominant", *_ALSO_AFTER_A_CHOICE),
        ),
        no=Outcome("go on", "data may leave the network: go on"),
    ),
    Node(
        key="frontier_required",
        question="Is the workload at the absolute frontier?",
        help="Long-horizon agentic coding, novel reasoning, hard multimodal work.",
        yes=Outcome(
            MODE_LABELS[CLOSED], MODE_LABELS[CLOSED], mode=CLOSED,
            still_matters=("cost_dominant", *_ALSO_AFTER_A_CHOICE),
        ),
        no=Outcome("go on", "not at the frontier: go on"),
    ),
    Node(
        key="cost_dominant",
        question="Is per-token cost the dominant constraint?",
        help="High-volume RAG, classification, extraction, chat with millions of turns.",
        yes=Outcome(
            MODE_LABELS[HOSTED], MODE_LABELS[HOSTED], mode=HOSTED,
            still_matters=_ALSO_AFTER_A_CHOICE,
        ),
        no=Outcome("go on", "cost is not dominant: go on"),
        ranks="picks_cost_dominant",
    ),
    Node(
        key="license_must_be_permissive",
        question="Will legal approve only permissive licenses?",
        help="Apache-2.0 or MIT; no use-case or scale clauses. Filters open-weight models.",
        yes=Outcome(
            "filter: drop every open-weight model whose license is not permissive, then go on",
            f"filter: {_PERMISSIVE.text}",
            filter=_PERMISSIVE,
        ),
        no=Outcome("go on", "any license legal accepts: go on"),
    ),
    Node(
        key="has_inference_ops",
        question="Do you run GPU services and can you be on call for inference?",
        help="Self-hosting pays only with this capacity and enough volume.",
        yes=Outcome(
            f"{MODE_LABELS[SELF]} if monthly volume is above the computed crossover, "
            f"else {MODE_LABELS[HOSTED]}",
            condition=Condition(
                "monthly volume above the crossover", SELF, HOSTED, ("self-host", "hosted")
            ),
        ),
        no=Outcome(
            MODE_LABELS[HOSTED], "no inference-ops capacity: hosted open-weight API", mode=HOSTED
        ),
    ),
)
"""The nodes, in the order the engine walks them and the prompts ask them."""

NODE_KEYS: tuple[str, ...] = tuple(node.key for node in TREE)
NODES_BY_KEY: dict[str, Node] = {node.key: node for node in TREE}

AFTER_THE_WALK: tuple[str, ...] = (
    "hard filters remove models whatever the mode: " + ", ".join(name for name, *_ in RULES),
    "the catalog's policy ranks the survivors (picks per mode and task)",
    "no survivor in the chosen mode: fall back to the nearest mode the answers allow "
    "(never out of self-hosting after node 1)",
)
"""What happens once the nodes have chosen a mode."""


def fallback_order(mode: DeploymentMode, *, inference_ops: bool) -> list[DeploymentMode]:
    """The nearest modes the answers allow, in order, when `mode` has no survivor."""
    return [nearer for nearer, needs_ops in FALLBACKS[mode] if inference_ops or not needs_ops]


def reachable(outcome: Outcome) -> tuple[DeploymentMode, ...]:
    """Every mode the advice can end in once this outcome has chosen (its fallbacks too)."""
    modes = list(outcome.modes)
    if not outcome.final:
        for mode in outcome.modes:
            modes += fallback_order(mode, inference_ops=True)
    return tuple(dict.fromkeys(modes))


RankTable = Mapping[Literal["default"] | Task, Sequence[str]]
"""Ranked model ids per task (or `default`), best first."""


def ranking_tables(node: Node, policy: Policy) -> Mapping[DeploymentMode, RankTable]:
    """The policy table a node's "yes" ranks first, per mode (empty when it ranks none)."""
    if node.ranks == "picks_cost_dominant":
        return policy.picks_cost_dominant
    return {}


def _answer_word(answer: bool) -> str:
    return "yes" if answer else "no"


def skipped(
    known: Mapping[str, Any], policy: Policy, nodes: Sequence[Node] = TREE
) -> tuple[Skip, ...]:
    """The nodes that cannot change the advice, given the answers so far (unknown ones go on).

    After the node that chose, a later node still matters when the choice lists it in
    `still_matters`; a node that only ranks matters only where the policy has its table
    for a mode the advice can still end in.
    """
    out: list[Skip] = []
    chose: tuple[int, Node, bool, Outcome] | None = None
    for number, node in enumerate(nodes, start=1):
        if chose is None:
            answer = known.get(node.key) is True
            outcome = node.outcome(answer)
            if not outcome.goes_on:
                chose = (number, node, answer, outcome)
            continue
        at, by, answer, outcome = chose
        why = (
            f"node {at} ({by.key} = {_answer_word(answer)}) chose "
            f"{' or '.join(MODE_LABELS[m] for m in outcome.modes)}"
            + (" (final)" if outcome.final else "")
        )
        if node.key not in outcome.still_matters:
            out.append(Skip(node.key, f"{why}; {node.key} cannot change it"))
        # A node that ranks (node 3) still matters in every mode it can end in: its "yes"
        # puts cost first among the rated models (engine/choice.py), with or without a table.
    return tuple(out)


__all__ = [
    "AFTER_THE_WALK",
    "CLOSED",
    "HOSTED",
    "MODE_LABELS",
    "NODES_BY_KEY",
    "NODE_KEYS",
    "SELF",
    "TREE",
    "Condition",
    "Filter",
    "Node",
    "Outcome",
    "Skip",
    "fallback_order",
    "reachable",
    "skipped",
]
