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
    NewStatus,
    NoInputOption,
    RecordLayout,
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
    decision_makers: Annotated[
        list[str],
        typer.Option("--decision-maker", metavar="NAME",
                     help="Who decided (MADR's decision-makers); repeat for several."),
    ] = [],  # noqa: B006
    consulted: Annotated[
        list[str],
        typer.Option("--consulted", metavar="NAME",
                     help="Whose opinion was sought; repeat for several."),
    ] = [],  # noqa: B006
    informed: Annotated[
        list[str],
        typer.Option("--informed", metavar="NAME",
                     help="Who is kept up to date; repeat for several."),
    ] = [],  # noqa: B006
    layout: Annotated[
        RecordLayout,
        typer.Option("--layout", help="madr: MADR 4.0 with YAML front matter. tools: MADR 4.0 "
                     "sections that adr-tools and log4brains read natively (title on line 1, "
                     "a Status list item and section, the answers in a fenced block)."),
    ] = RecordLayout.MADR,
    force: Annotated[
        bool,
        typer.Option("--force", help="With --supersedes: supersede a record that already is, "
                     "replacing its link."),
    ] = False,
    no_input: NoInputOption = False,
    catalog_dir: CatalogOption = None,
) -> None:
    """Write the advice as the next numbered MADR 4.0 record (NNNN-slug.md) in --dir.

    Example: modelpick adr new --answers examples/support-ticket-triage.yaml --status accepted
    """
    import datetime as dt

    from modelpick.catalog.digest import catalog_identity
    from modelpick.catalog.loader import load_catalog
    from modelpick.engine import decide
    from modelpick.fileio import refuse_overlaps
    from modelpick.records import write_new_record
    from modelpick.report.record import People

    if title is not None:
        require_text(title, file="--title")
    for option, names in (("--decision-maker", decision_makers), ("--consulted", consulted),
                          ("--informed", informed)):
        for name in names:
            require_text(name, file=option)
    refuse_overlaps([(directory, "decision records")], [catalog_input(catalog_dir)])
    catalog = load_catalog(catalog_dir)
    resolved = gather_answers(
        answers_file, sets, catalog, interactive=is_interactive(no_input)
    )
    today = dt.date.today()
    advice = decide(resolved, catalog, today)
    identity = catalog_identity(
        catalog.meta.version, Path(catalog.directory), shipped=catalog_dir is None
    )
    written = write_new_record(
        directory, advice,
        title=title, status=status.value, date=today, supersedes=supersedes, warn=warn_skipped,
        force=force, notify=warn, catalog=identity, layout=layout.value,
        people=People(tuple(decision_makers), tuple(consulted), tuple(informed)),
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
    require_records: Annotated[
        bool,
        typer.Option("--require-records", help="Fail (exit 1) when the directory holds no "
                     "record with modelpick answers: an empty or mistyped directory in CI."),
    ] = False,
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
    if require_records and not result.rows:
        raise CheckFailed(
            f"{directory}: no decision records with modelpick answers "
            "(--require-records); is this the right directory?"
        )


AdrNumber = Annotated[int, typer.Argument(metavar="N", min=1, help="The record's number.")]


@adr_app.command("list")
def adr_list(
    directory: DecisionsDir = Path("docs/decisions"),
    output_format: Annotated[DataFormat, typer.Option("--format", help="text or json.")] = (
        DataFormat.TEXT
    ),
) -> None:
    """List every numbered record, whoever wrote it: number, date, status, title, links.

    Reads MADR front matter, adr-tools (Nygard) records and log4brains' header lists.

    Example: modelpick adr list --dir docs/decisions --format json
    """
    from modelpick.records.manage import list_entries

    entries, skipped = list_entries(directory)
    for item in skipped:
        warn_skipped(item)
    if output_format is DataFormat.JSON:
        print_json({"directory": str(directory), "records": [e.as_dict() for e in entries]})
        return
    from modelpick.cli.adr_view import list_view

    print_rich(list_view(entries, str(directory)))


@adr_app.command("show")
def adr_show(
    number: AdrNumber,
    directory: DecisionsDir = Path("docs/decisions"),
    output_format: Annotated[DataFormat, typer.Option("--format", help="text or json.")] = (
        DataFormat.TEXT
    ),
) -> None:
    """Show one record: its status, people, links and, for modelpick's, what it decided.

    Example: modelpick adr show 3
    """
    from modelpick.records.manage import record_entry

    entry = record_entry(directory, number)
    if output_format is DataFormat.JSON:
        print_json(entry.as_dict() | {"path": str(directory / entry.name)})
        return
    from modelpick.cli.adr_view import show_view

    print_rich(show_view(entry, str(directory / entry.name)))


@adr_app.command("status")
def adr_status(
    number: AdrNumber,
    status: Annotated[
        NewStatus, typer.Argument(help="accepted, rejected, deprecated or proposed.")
    ],
    directory: DecisionsDir = Path("docs/decisions"),
    force: Annotated[
        bool, typer.Option("--force", help="Change the status of a superseded record too.")
    ] = False,
    output_format: Annotated[DataFormat, typer.Option("--format", help="text or json.")] = (
        DataFormat.TEXT
    ),
) -> None:
    """Set a record's status in its own layout, changing nothing else in the file.

    Example: modelpick adr status 3 accepted
    """
    from modelpick.records.manage import set_record_status

    path = set_record_status(directory, number, status.value, force=force)
    if output_format is DataFormat.JSON:
        print_json({"file": str(path), "number": number, "status": status.value})
    else:
        print(path)


@adr_app.command("index")
def adr_index(
    directory: DecisionsDir = Path("docs/decisions"),
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", help="The index page (default: DIR/README.md).",
                     dir_okay=False, show_default=False),
    ] = None,
    output_format: Annotated[DataFormat, typer.Option("--format", help="text or json.")] = (
        DataFormat.TEXT
    ),
) -> None:
    """Write the records' table into DIR/README.md between adr-log's markers, in place.

    The page outside `<!-- adrlog -->` and `<!-- adrlogstop -->` is kept as it is; a page
    without them gets them at its end.

    Example: modelpick adr index --dir docs/decisions
    """
    from modelpick.records.manage import write_index

    path = write_index(directory, output)
    if output_format is DataFormat.JSON:
        print_json({"file": str(path)})
    else:
        print(path)
