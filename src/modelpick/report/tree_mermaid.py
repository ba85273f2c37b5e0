"""The decision tree as a Mermaid `flowchart TD`, from the nodes the engine walks."""

from __future__ import annotations

from collections.abc import Sequence

from modelpick.engine.result import DeploymentMode
from modelpick.engine.tree import AFTER_THE_WALK, TREE, Node, Outcome
from modelpick.report.escape import mermaid_text as mermaid_text  # re-exported
from modelpick.report.words import MODE_LABELS

_MODE_IDS = {
    DeploymentMode.SELF_HOSTED: "SELF",
    DeploymentMode.HOSTED_OPEN: "HOSTED",
    DeploymentMode.CLOSED_API: "CLOSED",
}


def _edges(number: int, answer: str, outcome: Outcome, next_id: str) -> list[str]:
    here = f"N{number}"
    if outcome.goes_on:
        label = answer if outcome.filter is None else f"{answer}: {outcome.filter.label}"
        return [f"    {here} -->|{label}| {next_id}"]
    if outcome.condition is not None:
        cond = f"N{number}X"
        above, below = outcome.modes
        return [
            f'    {here} -->|{answer}| {cond}{{"{mermaid_text(outcome.condition.text)}?"}}',
            f"    {cond} -->|yes| {_MODE_IDS[above]}",
            f"    {cond} -->|no| {_MODE_IDS[below]}",
        ]
    (mode,) = outcome.modes
    label = f"{answer}, final" if outcome.final else answer
    return [f"    {here} -->|{label}| {_MODE_IDS[mode]}"]


def render_tree_mermaid(nodes: Sequence[Node] = TREE) -> str:
    """The tree as a Mermaid `flowchart TD` block body (no code fences), ending in a newline."""
    lines = ["flowchart TD"]
    for number, node in enumerate(nodes, start=1):
        label = mermaid_text(f"{number}. {node.question}")
        lines.append(f'    N{number}{{"{label}<br/>{node.key}"}}')
    for mode, ident in _MODE_IDS.items():
        lines.append(f'    {ident}["{mermaid_text(MODE_LABELS[mode])}"]')
    for number, node in enumerate(nodes, start=1):
        next_id = f"N{number + 1}" if number < len(nodes) else "HOSTED"
        lines += _edges(number, "yes", node.yes, next_id)
        lines += _edges(number, "no", node.no, next_id)
    after = "<br/>".join(mermaid_text(step) for step in AFTER_THE_WALK)
    lines.append(f'    AFTER["then: {after}"]')
    for ident in _MODE_IDS.values():
        lines.append(f"    {ident} -.-> AFTER")
    return "\n".join(lines) + "\n"
