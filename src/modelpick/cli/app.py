"""The typer app: the root command, its `--version`, and the command groups attached."""

from __future__ import annotations

from typing import Annotated

import typer

from modelpick.cli.adr import adr_app
from modelpick.cli.advise import advise
from modelpick.cli.catalog import catalog_app
from modelpick.cli.export import export
from modelpick.cli.portfolio import portfolio
from modelpick.cli.size import size
from modelpick.cli.tree import tree
from modelpick.errors import EXIT_OK

app = typer.Typer(
    name="modelpick",
    help=(
        "Which LLM, deployed how, for this workload. Offline; answers never leave the machine."
        "\n\nExample: modelpick advise --answers examples/rag-chatbot.yaml"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(catalog_app, name="catalog")
app.add_typer(adr_app, name="adr")
app.command()(advise)
app.command()(tree)
app.command()(portfolio)
app.command()(size)
app.command()(export)


def _version_callback(value: bool) -> None:
    if value:
        from modelpick.version import version_line

        print(version_line())
        raise typer.Exit(EXIT_OK)  # the answer, not a failure: no error handler needed


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help="Print the package and embedded catalog versions, then exit.",
        ),
    ] = False,
) -> None:
    """Which LLM, deployed how, for this workload."""
