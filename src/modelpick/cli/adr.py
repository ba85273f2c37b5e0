"""`modelpick adr ...`: write decision records from advice, check them for drift."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, assert_never

import typer

from modelpick.cli.answers import gather_answers, is_interactive
from modelpick.cli.files import catalog_input
from modelpick.cli.options import (
    AnswersOption,
    CatalogOption,
    DataFormat,
    NoInputOption,
    RecordStatus,
    SetOption,
    print_json,
    print_rich,
    warn,
)
from modelpick.errors import CheckFailed, require_text

if TYPE_CHECKING:
    from modelpick.records import Skipped

adr_app = typer.Typer(
    help="Architecture decision records: write them from advice, check them for drift."
    "\n\nExample: modelpick adr check docs/decisions",
    no_args_is_help=True,
)

DecisionsDir = Annotated[
    Path,
    typer.Option("--dir", help="Directory of decision records.", file_okay=False),
]


def warn_skipped(item: Skipped) -> None:
    """A file in a decision record directory that is not a record: one line on stderr."""
    warn(item.render())


@adr_app.command("new")
def adr_new(
    answers_file: AnswersOption = None,
    sets: SetOption = [],  # noqa: B006 - typer reads the default, never mutates it
    directory: DecisionsDir = Path("docs/decisions"),
    title: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--title", help="Record title (default: the choice and the workload).",
                     show_default=False),
    ] = None,
    supersedes: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--supersedes", metavar="N", min=1, show_default=False,
                     help="Mark record N as superseded by the new one, linking both ways."),
    ] = None,
    status: Annotated[
        RecordStatus,
        typer.Option("--status", help="proposed or accepted; only accepted records fail "
                     "`adr check` when they drift."),
    ] = RecordStatus.PROPOSED,
    no_input: NoInputOption = False,
    catalog_dir: CatalogOption = None,
) -> None:
    """Write the advice as the next numbered MADR 4.0 record (NNNN-slug.md) in --dir.

    Example: modelpick adr new --answers examples/support-ticket-triage.yaml --status accepted
    """
    import datetime as dt

    from modelpick.catalog.loader import load_catalog
    from modelpick.engine import decide
    from modelpick.fileio import refuse_overlaps
    from modelpick.records import write_new_record

    if title is not None:
        require_text(title, file="--title")
    refuse_overlaps([(directory, "decision records")], [catalog_input(catalog_dir)])
    catalog = load_catalog(catalog_dir)
    resolved = gather_answers(
        answers_file, sets, catalog, interactive=is_interactive(no_input)
    )
    today = dt.date.today()
    advice = decide(resolved, catalog, today)
    written = write_new_record(
        directory, advice,
        title=title, status=status.value, date=today, supersedes=supersedes, warn=warn_skipped,
    )
    for path in written:
        print(path)


@adr_app.command("check")
def adr_check(
    directory: Annotated[
        Path,
        typer.Argument(help="Directory of decision records.", file_okay=False),
    ] = Path("docs/decisions"),
    output_format: Annotated[DataFormat, typer.Option("--format", help="text or json.")] = (
        DataFormat.TEXT
    ),
    catalog_dir: CatalogOption = None,
) -> None:
    """Decide every record with modelpick answers again; exit 1 if an accepted one changed.

    Records without a `modelpick:` block in their front matter are skipped; files that
    cannot be read as records are skipped with a warning. Two records with one number
    (0003-a.md and 0003-b.md) fail the check too.

    Example: modelpick adr check docs/decisions --format json
    """
    import datetime as dt

    from modelpick.catalog.loader import load_catalog
    from modelpick.records import check_records

    catalog = load_catalog(catalog_dir)
    result = check_records(directory, catalog, dt.date.today())
    for item in result.skipped:
        warn_skipped(item)
    if output_format is DataFormat.JSON:
        print_json(result.as_dict())
    elif output_format is DataFormat.TEXT:
        from modelpick.cli.adr_view import check_view

        print_rich(check_view(result, str(directory), catalog.meta.version))
    else:
        assert_never(output_format)
    if result.fails:
        raise CheckFailed("decision records drifted; each one is listed above", reported=True)
