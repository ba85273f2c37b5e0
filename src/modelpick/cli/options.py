"""What the commands share: option types, the choices as enums, and printing to the terminal.

Heavy libraries (rich, questionary, jinja2) are imported inside the functions that use them,
so `modelpick --version` and JSON output start fast.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from rich.console import Console


class OutputFormat(StrEnum):
    """Output of `advise` and `portfolio`."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


class ValidateFormat(StrEnum):
    """Output of `catalog validate`."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class DataFormat(StrEnum):
    """Output of `catalog list`, `catalog show`, `catalog import-prices` and `adr check`."""

    TEXT = "text"
    JSON = "json"


class ListKind(StrEnum):
    """What `catalog list` lists."""

    MODELS = "models"
    LICENSES = "licenses"
    HARDWARE = "hardware"
    PROVIDERS = "providers"


class TreeFormat(StrEnum):
    """Output of `tree`."""

    TEXT = "text"
    MERMAID = "mermaid"


class RecordStatus(StrEnum):
    """Status of a new decision record."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"


class NewStatus(StrEnum):
    """What `adr status` sets (superseding sets `superseded`, linking both ways)."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DEPRECATED = "deprecated"
    PROPOSED = "proposed"


class RecordLayout(StrEnum):
    """How a decision record is laid out: MADR 4.0 front matter, or for the other tools."""

    MADR = "madr"
    TOOLS = "tools"


CatalogOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional on 3.11
    typer.Option(
        "--catalog",
        help="Catalog directory to use instead of the embedded one.",
        file_okay=False,
        dir_okay=True,
        show_default=False,
    ),
]

NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Validate the --catalog directory again instead of reading (or keeping) it in "
        "the user's cache (~/.cache/modelpick).",
    ),
]

ANSWERS_HELP = (
    "YAML answers file: the keys and defaults are listed in `modelpick advise --help` "
    "(and docs/answers-reference.md); unknown keys are errors."
)

# Options shared by every command that gathers answers (advise, adr new).
AnswersOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional on 3.11
    typer.Option("--answers", "-a", help=ANSWERS_HELP, dir_okay=False, show_default=False),
]
SetOption = Annotated[
    list[str],
    typer.Option(
        "--set", "-s", metavar="KEY=VALUE",
        help="Answer one key (e.g. --set task=rag --set monthly_tokens=2B); beats --answers.",
    ),
]
NoInputOption = Annotated[
    bool, typer.Option("--no-input", help="Never prompt; missing answers take their defaults.")
]


def print_json(data: object) -> None:
    """Write data as modelpick's strict JSON to stdout."""
    from modelpick.report.json_text import dumps

    sys.stdout.write(dumps(data))


def plain_console(**options: object) -> Console:
    """A rich console that honours NO_COLOR fully: no colour, and no bold or italics either."""
    from rich.console import Console

    plain = os.environ.get("NO_COLOR", "") != ""
    return Console(color_system=None if plain else "auto", **options)  # type: ignore[arg-type]


def print_rich(renderable: object) -> None:
    """Print a rich renderable to stdout, never soft-wrapped."""
    plain_console(soft_wrap=False).print(renderable)


def warn(message: str) -> None:
    """One warning line on stderr; the command goes on."""
    print(f"modelpick: warning: {message}", file=sys.stderr)
