"""The rationale report's flowchart: the declared tree in Mermaid, this workload's path on it.

Nodes and edges come from the tree's declaration (engine/tree.py); a step of the Advice's path
picks out the edge it took. Labels go through report/escape.py's `mermaid_text`.
"""

from __future__ import annotations

from functools import cache

from modelpick.engine.result import Advice, DeploymentMode, Step
from modelpick.engine.tree import TREE
from modelpick.frozen import frozen
from modelpick.report.escape import mermaid_text
from modelpick.report.words import MODE_LABELS, yes_no

SELF = DeploymentMode.SELF_HOSTED
HOSTED = DeploymentMode.HOSTED_OPEN
CLOSED = DeploymentMode.CLOSED_API

@frozen
class Edge:
    """One edge of the Mermaid flowchart."""

    source: str
    target: str
    label: str
    dashed: bool = False


@frozen
class Flowchart:
    """The decision tree as Mermaid nodes and edges, with the taken path."""

    nodes: tuple[tuple[str, str, str], ...]
    """(id, shape, label): shape is `decision` or `mode`."""
    edges: tuple[Edge, ...]
    taken_nodes: tuple[str, ...]
    taken_edges: tuple[int, ...]
    chosen: str | None

    def lines(self) -> list[str]:
        """The `flowchart TD` source, one statement per line."""
        out = ["flowchart TD"]
        for node_id, shape, label in self.nodes:
            text = mermaid_text(label)
            out.append(f'    {node_id}{{"{text}"}}' if shape == "decision" else
                       f'    {node_id}["{text}"]')
        for edge in self.edges:
            arrow = "-.->" if edge.dashed else "-->"
            out.append(f'    {edge.source} {arrow}|"{mermaid_text(edge.label)}"| {edge.target}')
        out.append("    classDef taken fill:#dbeafe,stroke:#1d4ed8,stroke-width:2px")
        out.append("    classDef chosen fill:#dcfce7,stroke:#15803d,stroke-width:3px")
        path_nodes = [n for n in self.taken_nodes if n != self.chosen]
        if path_nodes:
            out.append(f"    class {','.join(path_nodes)} taken")
        if self.chosen:
            out.append(f"    class {self.chosen} chosen")
        if self.taken_edges:
            indexes = ",".join(str(i) for i in self.taken_edges)
            out.append(f"    linkStyle {indexes} stroke:#1d4ed8,stroke-width:3px")
        return out


MODE_NODE = {SELF: "m_self", HOSTED: "m_hosted", CLOSED: "m_closed"}
NODE_NUMBER = {node.key: number for number, node in enumerate(TREE, start=1)}


@cache
def _tree_edges() -> tuple[tuple[Edge, tuple[str, bool, DeploymentMode | None]], ...]:
    """Every edge of the declared tree, with the step (node, answer, mode chosen) that takes it."""
    out: list[tuple[Edge, tuple[str, bool, DeploymentMode | None]]] = []
    for number, node in enumerate(TREE, start=1):
        source = f"n{number}"
        for answer in (True, False):
            word = yes_no(answer)
            outcome = node.outcome(answer)
            if outcome.condition is not None:
                for mode, label in zip(outcome.modes, outcome.condition.labels, strict=True):
                    out.append((Edge(source, MODE_NODE[mode], f"{word}: {label}"),
                                (node.key, answer, mode)))
            elif outcome.mode is not None:
                out.append((Edge(source, MODE_NODE[outcome.mode], word),
                            (node.key, answer, outcome.mode)))
            else:
                label = word if outcome.filter is None else f"{word}: {outcome.filter.short}"
                out.append((Edge(source, f"n{number + 1}", label), (node.key, answer, None)))
    return tuple(out)


def _edge_taken(step: Step) -> int:
    """Index in the tree's edges of the edge a step took."""
    for index, (_, taken_by) in enumerate(_tree_edges()):
        if taken_by == (step.node, step.answer, step.mode):
            return index
    raise AssertionError(f"no edge for {step}")


def flowchart(advice: Advice) -> Flowchart:
    """The tree's nodes and three modes, the path this workload took highlighted."""
    nodes = [(f"n{number}", "decision", f"{number}. {node.key}?")
             for number, node in enumerate(TREE, start=1)]
    nodes += [(MODE_NODE[mode], "mode", MODE_LABELS[mode]) for mode in MODE_NODE]
    edges = [edge for edge, _ in _tree_edges()]
    taken_edges: list[int] = []
    taken_nodes: list[str] = []
    for step in advice.path:
        taken_nodes.append(f"n{NODE_NUMBER[step.node]}")
        taken_edges.append(_edge_taken(step))
        if step.mode is not None:
            break  # the tree has chosen; later steps (node 4's filter) are not on the chart
    taken_nodes.append(MODE_NODE[advice.tree_mode])
    if advice.fallback is not None:
        edges.append(
            Edge(
                MODE_NODE[advice.fallback.from_mode],
                MODE_NODE[advice.fallback.to_mode],
                "fallback: no candidate",
                dashed=True,
            )
        )
        taken_edges.append(len(edges) - 1)
        taken_nodes.append(MODE_NODE[advice.fallback.to_mode])
    chosen = MODE_NODE[advice.deployment] if advice.deployment is not None else None
    return Flowchart(
        nodes=tuple(nodes),
        edges=tuple(edges),
        taken_nodes=tuple(dict.fromkeys(taken_nodes)),
        taken_edges=tuple(taken_edges),
        chosen=chosen,
    )

