"""`modelpick tree`: the decision tree the engine walks, drawn or as Mermaid."""

from __future__ import annotations

import sys
from typing import Annotated, assert_never

import typer

from modelpick.cli.options import TreeFormat, print_rich


def tree(
    output_format: Annotated[
        TreeFormat, typer.Option("--format", "-f", help="text (drawn) or mermaid (for docs).")
    ] = TreeFormat.TEXT,
) -> None:
    """Show the decision tree the engine walks: each node, its question and where it leads.

    Example: modelpick tree --format mermaid
    """
    if output_format is TreeFormat.MERMAID:
        from modelpick.report.tree_mermaid import render_tree_mermaid

        sys.stdout.write(render_tree_mermaid())
    elif output_format is TreeFormat.TEXT:
        from modelpick.cli.tree_view import render_tree

        print_rich(render_tree())
    else:
        assert_never(output_format)
