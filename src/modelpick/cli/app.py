"""The typer app: the root command, its `--version`, and the command groups attached."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Annotated

import typer
from typer.main import get_command_name

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


def app_for(argv: Sequence[str]) -> typer.Typer:
    """`app` with only the command `argv` runs, where its first word names one.

    typer builds every command's options before it runs one (18 ms a start, a tenth of
    `advise`); a command's options, help and errors do not depend on its siblings, so only
    the one named is built, and within a group only its named subcommand. Anything else (no
    command, an option first, `--help`, a misspelt name, completion) gets the whole app.
    """
    return _pruned(app, list(argv))


def _pruned(group: typer.Typer, argv: list[str]) -> typer.Typer:
    if not argv:
        return group
    name = argv[0]
    commands = [
        c for c in group.registered_commands
        if c.callback is not None and (c.name or get_command_name(c.callback.__name__)) == name
    ]
    groups = [g for g in group.registered_groups if g.name == name]
    if len(commands) + len(groups) != 1:
        return group
    pruned = copy.copy(group)
    pruned.registered_commands = commands
    pruned.registered_groups = []
    for info in groups:
        if info.typer_instance is not None:
            inner = copy.copy(info)
            inner.typer_instance = _pruned(info.typer_instance, argv[1:])
            pruned.registered_groups.append(inner)
    return pruned
