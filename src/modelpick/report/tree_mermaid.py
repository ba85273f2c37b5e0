"""The decision tree as a Mermaid `flowchart TD`, from the nodes the engine walks."""

from __future__ import annotations

from collections.abc import Sequence

from modelpick.catalog.schema import DeploymentMode
from modelpick.engine.nodes import AFTER_THE_WALK, NODES, Node, Outcome
from modelpick.engine.tree import MODE_LABELS
from modelpick.report.escape import mermaid_text as mermaid_text  # re-exported

_MODE_IDS = {
    DeploymentMode.SELF_HOSTED: "SELF",
    DeploymentMode.HOSTED_OPEN: "HOSTED",
    DeploymentMode.CLOSED_API: "CLOSED",
}


def _edges(node: Node, answer: str, outcome: Outcome, next_id: str) -> list[str]:
    here = f"N{node.number}"
    if outcome.goes_on:
        label = answer if outcome.filter is None else f"{answer}: filter licenses"
        return [f"    {here} -->|{label}| {next_id}"]
    if outcome.condition is not None:
        cond = f"N{node.number}X"
        above, below = outcome.modes
        return [
            f'    {here} -->|{answer}| {cond}{{"{mermaid_text(outcome.condition)}?"}}',
            f"    {cond} -->|yes| {_MODE_IDS[above]}",
            f"    {cond} -->|no| {_MODE_IDS[below]}",
        ]
    (mode,) = outcome.modes
    label = f"{answer}, final" if outcome.final else answer
    return [f"    {here} -->|{label}| {_MODE_IDS[mode]}"]


def render_tree_mermaid(nodes: Sequence[Node] = NODES) -> str:
    """The tree as a Mermaid `flowchart TD` block body (no code fences), ending in a newline."""
    lines = ["flowchart TD"]
    for node in nodes:
        label = mermaid_text(f"{node.number}. {node.question}")
        lines.append(f'    N{node.number}{{"{label}<br/>{node.key}"}}')
    for mode, ident in _MODE_IDS.items():
        lines.append(f'    {ident}["{mermaid_text(MODE_LABELS[mode])}"]')
    for index, node in enumerate(nodes):
        next_id = f"N{nodes[index + 1].number}" if index + 1 < len(nodes) else "HOSTED"
        lines += _edges(node, "yes", node.yes, next_id)
        lines += _edges(node, "no", node.no, next_id)
    after = "<br/>".join(mermaid_text(step) for step in AFTER_THE_WALK)
    lines.append(f'    AFTER["then: {after}"]')
    for ident in _MODE_IDS.values():
        lines.append(f"    {ident} -.-> AFTER")
    return "\n".join(lines) + "\n"
