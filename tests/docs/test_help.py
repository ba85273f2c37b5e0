"""Every command and option explains itself in --help, with an example."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer

from modelpick.catalog.schema import Task
from modelpick.cli import app
from modelpick.engine.answers import ANSWER_KEYS

ROOT_COMMAND = typer.main.get_command(app)


def walk(command: Any, path: tuple[str, ...] = ("modelpick",)) -> Iterator[tuple[str, Any]]:
    yield " ".join(path), command
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():
            yield from walk(sub, (*path, name))


COMMANDS = dict(walk(ROOT_COMMAND))


def help_text(name: str) -> str:
    command = COMMANDS[name]
    parts = name.split()
    ctx = command.context_class(
        command, info_name=parts[-1], terminal_width=100, max_content_width=100
    )
    text: str = command.get_help(ctx)
    return text


def test_every_command_is_covered() -> None:
    assert {"modelpick advise", "modelpick catalog import-prices", "modelpick adr check"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_help_ends_with_an_example(name: str) -> None:
    text = COMMANDS[name].help or ""
    last = text.strip().split("\n\n")[-1].strip()
    assert last.startswith("Example: modelpick"), f"{name}: {last!r}"
    example = last.removeprefix("Example: ").split()
    assert " ".join(example[: len(name.split())]) == name, f"{name}: {last!r}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_and_argument_has_help(name: str) -> None:
    for param in COMMANDS[name].params:
        if param.name in ("help", "install_completion", "show_completion"):
            continue
        assert getattr(param, "help", None), f"{name}: {param.name} has no help text"


def test_advise_help_lists_every_answers_key_and_task() -> None:
    text = help_text("modelpick advise")
    for key in ANSWER_KEYS:
        assert f"\n    {key} " in text, key
    for task in Task:
        assert task.value in text, task
