"""`app_for` builds only the command a command line names, and that command is the same."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main

from modelpick.cli.app import app, app_for

FULL: Any = typer.main.get_command(app)


def _paths() -> list[list[str]]:
    paths: list[list[str]] = []
    for name, command in FULL.commands.items():
        paths.append([name])
        paths.extend([name, sub] for sub in getattr(command, "commands", {}))
    return paths


def _shape(command: Any) -> Any:
    params = [(p.name, tuple(p.opts), tuple(p.secondary_opts), getattr(p, "help", None),
               p.default, p.required) for p in command.params]
    return command.help, params, sorted(getattr(command, "commands", {}))


def _find(group: Any, path: list[str]) -> Any:
    for name in path:
        group = group.commands[name]
    return group


@pytest.mark.parametrize("path", _paths(), ids=" ".join)
def test_the_pruned_app_builds_the_named_command_alike(path: list[str]) -> None:
    pruned: Any = typer.main.get_command(app_for([*path, "--help"]))
    assert _shape(_find(pruned, path)) == _shape(_find(FULL, path))
    assert list(pruned.commands) == [path[0]]  # and nothing else at the top
    assert _shape(pruned)[:2] == _shape(FULL)[:2]  # the root's own options and help


@pytest.mark.parametrize("argv", [[], ["--help"], ["--version"], ["advse"], ["--", "advise"]])
def test_anything_but_a_command_name_gets_the_whole_app(argv: list[str]) -> None:
    assert app_for(argv) is app


@pytest.mark.parametrize("argv", [["catalog"], ["catalog", "nope"], ["catalog", "--help"]])
def test_a_group_without_a_subcommand_name_gets_the_whole_group(argv: list[str]) -> None:
    pruned: Any = typer.main.get_command(app_for(argv))
    assert list(pruned.commands) == ["catalog"]
    assert sorted(pruned.commands["catalog"].commands) == sorted(FULL.commands["catalog"].commands)
