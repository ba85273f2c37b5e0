"""The command line: parse, call one core function, print. Nothing else lives here.

Heavy libraries (rich, questionary, jinja2) are imported inside the commands that use them,
so `modelpick --version` and JSON output start fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from modelpick import __version__
from modelpick.errors import CheckFailed, InputError, ModelpickError, NoCandidate

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_NO_CANDIDATE = 3
EXIT_INTERRUPTED = 130

app = typer.Typer(
    name="modelpick",
    help="Which LLM, deployed how, for this workload. Offline; answers never leave the machine.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
catalog_app = typer.Typer(help="Inspect and check a catalog.", no_args_is_help=True)
adr_app = typer.Typer(help="Architecture decision records.", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")
app.add_typer(adr_app, name="adr")


class OutputFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


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


def fail(exc: ModelpickError) -> NoReturn:
    """The one place that maps modelpick's errors to exit codes."""
    print(f"modelpick: error: {exc.render()}", file=sys.stderr)
    if isinstance(exc, NoCandidate):
        raise typer.Exit(EXIT_NO_CANDIDATE)
    if isinstance(exc, CheckFailed):
        raise typer.Exit(EXIT_CHECK_FAILED)
    if isinstance(exc, InputError):
        raise typer.Exit(EXIT_BAD_INPUT)
    raise typer.Exit(EXIT_BAD_INPUT)


def load_catalog_or_fail(directory: Path | None):  # type: ignore[no-untyped-def]
    """Load the catalog for a command other than `catalog validate`."""
    from modelpick.catalog.loader import load_catalog

    return load_catalog(directory)


def _version_callback(value: bool) -> None:
    if value:
        try:
            from modelpick.catalog.loader import default_catalog_dir
            from modelpick.yamlfile import load_yaml_file

            with default_catalog_dir() as path:
                meta = load_yaml_file(path / "catalog.yaml", max_bytes=1 << 20).data
            catalog_version = meta.get("version", "unknown") if isinstance(meta, dict) else "?"
        except ModelpickError:
            catalog_version = "unreadable"
        print(f"modelpick {__version__} (catalog {catalog_version})")
        raise typer.Exit(EXIT_OK)


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


# --- catalog commands ----------------------------------------------------------------------
# (catalog validate, list, show, schema live here)


# --- advise --------------------------------------------------------------------------------


# --- adr -----------------------------------------------------------------------------------


def main() -> None:
    """Entry point: run the app, mapping errors and interrupts to exit codes in one place."""
    # typer >= 0.25 vendors click; its exceptions live here, not in the `click` package.
    from typer._click import exceptions as click_exc

    try:
        code = app(standalone_mode=False)
    except ModelpickError as exc:
        code = _exit_code_of(exc)
    except typer.Exit as done:
        code = done.exit_code
    except typer.Abort as exc:
        if isinstance(exc.__cause__, EOFError):
            print("modelpick: error: end of input while waiting for an answer", file=sys.stderr)
            code = EXIT_BAD_INPUT
        else:
            print("modelpick: interrupted", file=sys.stderr)
            code = EXIT_INTERRUPTED
    except KeyboardInterrupt:
        print("\nmodelpick: interrupted", file=sys.stderr)
        code = EXIT_INTERRUPTED
    except click_exc.ClickException as exc:
        exc.show()
        code = EXIT_BAD_INPUT
    except BrokenPipeError:
        code = EXIT_OK
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _exit_code_of(exc: ModelpickError) -> int:
    try:
        fail(exc)
    except typer.Exit as done:
        return done.exit_code
