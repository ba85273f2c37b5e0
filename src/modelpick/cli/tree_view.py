"""The decision tree drawn with rich. Shell code: imported only by the CLI."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from modelpick.engine.tree import AFTER_THE_WALK, TREE, Node, Outcome


def _label(number: int, node: Node) -> Text:
    text = Text()
    text.append(f"{number}. {node.question}", style="bold")
    text.append(f"  [{node.key}]", style="cyan")
    text.append(f"\n{node.help}", style="dim")
    return text


def _outcome(answer: str, outcome: Outcome) -> Text:
    text = Text()
    text.append(f"{answer}: ", style="bold green" if answer == "yes" else "bold red")
    text.append(outcome.text)
    return text


def _attach(parent: Tree, nodes: Sequence[Node]) -> None:
    for number, node in enumerate(nodes, start=1):
        branch = parent.add(_label(number, node))
        following = number + 1 if number < len(nodes) else None
        for answer, outcome in (("yes", node.yes), ("no", node.no)):
            text = _outcome(answer, outcome)
            if outcome.goes_on and following is not None:
                text.append(f" to node {following}")
            branch.add(text)


def render_tree(nodes: Sequence[Node] = TREE) -> RenderableType:
    """The five nodes as a rich tree, then what happens after the walk."""
    root = Tree(Text("modelpick decision tree: five questions, always in this order", "bold"))
    _attach(root, nodes)
    steps = Table.grid(padding=(0, 1))
    steps.add_column(width=3, justify="right")
    steps.add_column()  # wrapped lines keep the hanging indent
    for step in AFTER_THE_WALK:
        steps.add_row("-", step)
    return Group(root, Text("\nThen:", style="bold"), steps)
