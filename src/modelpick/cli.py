"""The command line: parse, call one core function, print. Nothing else lives here.

Heavy libraries (rich, questionary, jinja2) are imported inside the commands that use them,
so `modelpick --version` and JSON output start fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional, assert_never

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from modelpick.adr import Skipped
    from modelpick.catalog.loader import Catalog
    from modelpick.engine.answers import ResolvedAnswers
    from modelpick.engine.result import Advice
from modelpick.errors import CheckFailed, InputError, ModelpickError, NoCandidate, Terminated

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_NO_CANDIDATE = 3
EXIT_INTERNAL = 70
"""A bug in modelpick (EX_SOFTWARE), never the user's input."""
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143
"""SIGTERM, as a shell reports a process it ended: 128 + 15."""

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
catalog_app = typer.Typer(
    help="Inspect, check and refresh a catalog (the embedded one unless told otherwise)."
    "\n\nExample: modelpick catalog show llama-4-scout",
    no_args_is_help=True,
)
adr_app = typer.Typer(
    help="Architecture decision records: write them from advice, check them for drift."
    "\n\nExample: modelpick adr check docs/decisions",
    no_args_is_help=True,
)
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


def check_outputs(
    outputs: list[tuple[Path | None, str]],
    *,
    inputs: list[tuple[Path | None, str]],
    force: bool,
) -> None:
    """Refuse, before any work, outputs that would be refused, clash, or land on an input."""
    from modelpick.fileio import check_writable, refuse_overlaps

    named = [(path, what) for path, what in outputs if path is not None]
    refuse_overlaps(named, inputs)
    for path, what in named:
        check_writable(path, force=force, what=what)


def catalog_input(directory: Path | None) -> tuple[Path | None, str]:
    """The catalog a command reads, as an input no output may land in."""
    if directory is not None:
        return directory, "--catalog directory"
    from importlib import resources

    embedded = resources.files("modelpick").joinpath("catalog_data")
    return (embedded if isinstance(embedded, Path) else None), "embedded catalog"


def load_catalog_or_fail(directory: Path | None) -> Catalog:
    """Load the catalog for a command other than `catalog validate`."""
    from modelpick.catalog.loader import load_catalog

    return load_catalog(directory)


def _version_callback(value: bool) -> None:
    if value:
        from modelpick.entry import version_line

        print(version_line())
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


def _print_json(data: object) -> None:
    from modelpick.report.json_text import dumps

    sys.stdout.write(dumps(data))


def plain_console(**options: object) -> Console:
    """A rich console that honours NO_COLOR fully: no colour, and no bold or italics either."""
    from rich.console import Console

    plain = os.environ.get("NO_COLOR", "") != ""
    return Console(color_system=None if plain else "auto", **options)  # type: ignore[arg-type]


def _print_rich(renderable: object) -> None:
    plain_console(soft_wrap=False).print(renderable)


@catalog_app.command("validate")
def catalog_validate(
    directory: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on 3.11
        typer.Argument(
            help="Catalog directory (default: the embedded catalog).", show_default=False
        ),
    ] = None,
    output_format: Annotated[
        ValidateFormat, typer.Option("--format", help="text, json, or github annotations.")
    ] = ValidateFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
) -> None:
    """Check a catalog: schema, references, arithmetic, sources, dates. Exit 1 on any error.

    Every finding names its check, file, line and key; --format github prints them as GitHub
    Actions annotations. Warnings (e.g. a source never cited) fail only with --strict.

    Example: modelpick catalog validate catalog/ --format github
    """
    from typing import assert_never

    from modelpick.catalog.checks import validate_directory
    from modelpick.catalog.loader import default_catalog_dir
    from modelpick.report import findings as render

    if directory is None:
        with default_catalog_dir() as path:
            result = validate_directory(path)
    else:
        result = validate_directory(directory)
    if output_format is ValidateFormat.TEXT:
        sys.stdout.write(render.format_text(result))
    elif output_format is ValidateFormat.JSON:
        sys.stdout.write(render.format_json(result, strict=strict))
    elif output_format is ValidateFormat.GITHUB:
        sys.stdout.write(render.format_github(result))
    else:
        assert_never(output_format)
    if not result.passed(strict=strict):
        raise typer.Exit(EXIT_CHECK_FAILED)


@catalog_app.command("list")
def catalog_list(
    kind: Annotated[ListKind, typer.Argument(help="What to list.")] = ListKind.MODELS,
    output_format: Annotated[
        DataFormat, typer.Option("--format", help="text (a table) or json.")
    ] = DataFormat.TEXT,
    catalog_dir: CatalogOption = None,
) -> None:
    """List the catalog's models, licenses, hardware (GPUs and footprints) or providers.

    Example: modelpick catalog list providers --format json
    """
    catalog = load_catalog_or_fail(catalog_dir)
    if output_format is DataFormat.JSON:
        from modelpick.catalog.query import list_data

        _print_json(list_data(catalog, kind.value))
        return
    from modelpick import tables

    console = plain_console(soft_wrap=False)
    builders = {
        ListKind.MODELS: lambda c: tables.models_table(c, width=console.width),
        ListKind.LICENSES: tables.licenses_table,
        ListKind.HARDWARE: tables.hardware_tables,
        ListKind.PROVIDERS: tables.providers_table,
    }
    console.print(builders[kind](catalog))


@catalog_app.command("show")
def catalog_show(
    entry_id: Annotated[
        str, typer.Argument(metavar="ID", help="A model, license, GPU, provider or source id.")
    ],
    output_format: Annotated[
        DataFormat, typer.Option("--format", help="text or json.")
    ] = DataFormat.TEXT,
    catalog_dir: CatalogOption = None,
) -> None:
    """Show one catalog entry; a model with its license, prices and footprints.

    Example: modelpick catalog show llama-4-scout
    """
    from modelpick.catalog.query import find, show_data

    catalog = load_catalog_or_fail(catalog_dir)
    kind, entry = find(catalog, entry_id)
    if output_format is DataFormat.JSON:
        _print_json(show_data(catalog, kind, entry))
        return
    from modelpick.tables import show_renderable

    _print_rich(show_renderable(kind, entry, catalog))


@catalog_app.command("schema")
def catalog_schema(
    file_name: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on 3.11
        typer.Option("--file", help="One file, e.g. models.yaml (default: all, keyed by file).",
                     show_default=False),
    ] = None,
) -> None:
    """Print the JSON Schema of the catalog files, for editors.

    \b
    Save one file's schema and point the YAML file at it with a first-line modeline:
        modelpick catalog schema --file models.yaml > models.schema.json
        # yaml-language-server: $schema=models.schema.json
    (a path relative to the YAML file; the yaml-language-server, used by VS Code's YAML
    extension, then validates as you type).

    Example: modelpick catalog schema --file models.yaml > models.schema.json
    """  # noqa: D301 - `\b` keeps click from rewrapping the example
    from modelpick.catalog.query import json_schemas

    _print_json(json_schemas(file_name))


@catalog_app.command("import-prices")
def catalog_import_prices(
    price_file: Annotated[
        Path,
        typer.Argument(metavar="FILE", show_default=False,
                       help="A copy of LiteLLM's model_prices_and_context_window.json."),
    ],
    catalog_dir: CatalogOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the diff; write nothing.")
    ] = False,
    date: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on 3.11
        typer.Option("--date", metavar="YYYY-MM-DD", show_default=False,
                     help="as_of for changed prices and the changelog (default: today)."),
    ] = None,
    output_format: Annotated[DataFormat, typer.Option("--format", help="text or json.")] = (
        DataFormat.TEXT
    ),
) -> None:
    """Refresh prices from LiteLLM's price map through each price's reviewed litellm_key.

    Prints the diff; writes (comments and order kept, version bumped) only into a catalog
    named with --catalog, and only without --dry-run.

    Example: modelpick catalog import-prices model_prices.json --catalog catalog --dry-run
    """
    import datetime as dt

    from modelpick.catalog import prices_import as imp

    if catalog_dir is None and not dry_run:
        raise InputError("name the catalog to update with --catalog DIR (or use --dry-run); "
                         "the embedded catalog belongs to the installed package")
    today = dt.date.today()
    catalog = load_catalog_or_fail(catalog_dir)
    plan = imp.plan_import(catalog, imp.read_price_map(price_file),
                           date=imp.parse_date(date, today=today))
    written = [] if dry_run else imp.write_import(plan, catalog, today=today)
    if output_format is DataFormat.JSON:
        sys.stdout.write(imp.format_json(plan, written=written, dry_run=dry_run))
    elif output_format is DataFormat.TEXT:
        sys.stdout.write(imp.format_text(plan, written=written, dry_run=dry_run))
    else:
        assert_never(output_format)


# --- advise --------------------------------------------------------------------------------


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


def gather_answers(
    answers_file: Path | None, sets: list[str], catalog: Catalog, *, interactive: bool
) -> ResolvedAnswers:
    """Answers from a file, then --set, then (on a terminal) the questions still open.

    Each source is checked as it is read, against the catalog's region groups, and every key
    remembers its source, so an error names the file and line, `--set`, or the prompt.
    """
    from modelpick.engine.answers import resolve
    from modelpick.inputs.answers import parse_set, read_answers_file

    groups = catalog.policy.region_groups
    given: dict[str, object] = {}
    origins: dict[str, str] = {}
    doc = None
    if answers_file is not None:
        given, doc = read_answers_file(answers_file, groups=groups)
        origins = dict.fromkeys(given, doc.file)
    from_set = parse_set(sets, groups=groups)
    given.update(from_set)
    origins.update(dict.fromkeys(from_set, "--set"))
    if interactive:
        from modelpick.prompts import ask_missing

        asked = ask_missing(given, groups=groups, policy=catalog.policy)  # checked as typed
        origins.update(dict.fromkeys(asked.keys() - given.keys(), "prompt"))
        given = asked
    return resolve(given, origin=origins, doc=doc, groups=groups)


def is_interactive(no_input: bool) -> bool:
    """Prompt only when a person is at both ends of the terminal."""
    return not no_input and sys.stdin.isatty() and sys.stdout.isatty()


@app.command()
def advise(
    answers_file: AnswersOption = None,
    sets: SetOption = [],  # noqa: B006 - typer reads the default, never mutates it
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text, markdown or json.")
    ] = OutputFormat.TEXT,
    report: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--report", help="Also write the Markdown rationale report to this file.",
                      dir_okay=False, show_default=False),
    ] = None,
    save_answers: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--save-answers",
            help="Write the answers used to FILE, to reproduce this advice later.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite existing --report / --save-answers files.")
    ] = False,
    no_input: NoInputOption = False,
    template_dir: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--template",
            help="Directory with your own report.md.j2 for the Markdown report (run sandboxed).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    catalog_dir: CatalogOption = None,
) -> None:
    """Recommend a model and a deployment mode for one workload.

    Answers come from --answers FILE, then --set KEY=VALUE (which wins), then, on a
    terminal, questions for the keys still missing. Without a terminal, or with --no-input,
    missing keys take their defaults and the output lists them as assumed.

    \b
    Answers file keys (a YAML mapping; every key is optional):     default
      workload                    free text, used in titles        Unnamed workload
      data_must_stay_in_vpc       node 1: true or false            false
      frontier_required           node 2: true or false            false
      cost_dominant               node 3: true or false            false
      license_must_be_permissive  node 4: true or false            false
      has_inference_ops           node 5: true or false            false
      task                        one of the tasks below           general
      monthly_tokens              input + output, e.g. 2B or 2e9   100000000
      input_share                 share of tokens that is input    0.75
      min_context_tokens          smallest context window needed   none
      excluded_origins            model origins to drop, e.g. [CN] none
      deployment_region           e.g. EU or US, for license terms none
      monthly_active_users        for license MAU thresholds       none
    tasks: general chat rag classification extraction summarization code
    agentic_coding tool_use reasoning long_context multimodal realtime_voice

    Exit codes: 0 advice, 2 bad input, 3 no model satisfies the constraints.

    Example: modelpick advise --answers examples/support-ticket-triage.yaml --format json
    """  # noqa: D301 - `\b` keeps click from rewrapping the table
    import datetime as dt

    from modelpick.engine import decide

    check_outputs(  # refused before any work is shown
        [(report, "report"), (save_answers, "answers file")],
        inputs=[(answers_file, "--answers file"), catalog_input(catalog_dir),
                (template_dir, "--template directory")],
        force=force,
    )
    catalog = load_catalog_or_fail(catalog_dir)
    resolved = gather_answers(
        answers_file, sets, catalog, interactive=is_interactive(no_input)
    )
    advice = decide(resolved, catalog, dt.date.today())
    markdown = (
        render_markdown(advice, catalog, template_dir)
        if output_format is OutputFormat.MARKDOWN or report is not None
        else None  # rendered before anything is printed: a template error writes nothing
    )
    emit_advice(advice, catalog, output_format, markdown)
    write_outputs(
        resolved, markdown, report=report, save_answers=save_answers, force=force
    )
    if advice.primary is None:
        raise NoCandidate("no model satisfies the constraints; every exclusion is listed above")


def render_markdown(advice: Advice, catalog: Catalog, template_dir: Path | None) -> str:
    """The Markdown rationale report (imports jinja2 only when a report is wanted)."""
    from modelpick.report.markdown import render_report

    return render_report(advice, catalog, template_dir=template_dir)


def emit_advice(
    advice: Advice, catalog: Catalog, output_format: OutputFormat, markdown: str | None
) -> None:
    """Print the advice in the chosen format."""
    if output_format is OutputFormat.JSON:
        from modelpick.report.json_output import render_json

        sys.stdout.write(render_json(advice))
    elif output_format is OutputFormat.MARKDOWN:
        sys.stdout.write(markdown or render_markdown(advice, catalog, None))
    elif output_format is OutputFormat.TEXT:
        from modelpick.console import render_advice

        plain_console(highlight=False).print(render_advice(advice))
    else:
        assert_never(output_format)


def write_outputs(
    resolved: ResolvedAnswers,
    markdown: str | None,
    *,
    report: Path | None,
    save_answers: Path | None,
    force: bool,
) -> None:
    """Write the report and the answers file: both or neither."""
    from modelpick.fileio import Output, write_files

    outputs = []
    if report is not None and markdown is not None:
        outputs.append(Output(report, markdown, what="report", overwrite=force))
    if save_answers is not None:
        from modelpick.inputs.answers import dump_answers

        outputs.append(
            Output(save_answers, dump_answers(resolved), what="answers file", overwrite=force)
        )
    write_files(outputs)


# --- adr -----------------------------------------------------------------------------------


class RecordStatus(StrEnum):
    """Status of a new decision record."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"


DecisionsDir = Annotated[
    Path,
    typer.Option("--dir", help="Directory of decision records.", file_okay=False),
]


def warn_skipped(item: Skipped) -> None:
    """A file in a decision record directory that is not a record: one line on stderr."""
    print(f"modelpick: warning: {item.render()}", file=sys.stderr)


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

    from modelpick.adr import write_new_record
    from modelpick.engine import decide
    from modelpick.fileio import refuse_overlaps

    refuse_overlaps([(directory, "decision records")], [catalog_input(catalog_dir)])
    catalog = load_catalog_or_fail(catalog_dir)
    resolved = gather_answers(
        answers_file, sets, catalog, interactive=is_interactive(no_input)
    )
    today = dt.date.today()
    advice = decide(resolved, catalog, today)
    written = write_new_record(
        directory, advice, catalog, resolved,
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

    from modelpick.adr import check_records

    catalog = load_catalog_or_fail(catalog_dir)
    result = check_records(directory, catalog, dt.date.today())
    for item in result.skipped:
        warn_skipped(item)
    if output_format is DataFormat.JSON:
        _print_json(result.as_dict())
    elif output_format is DataFormat.TEXT:
        from modelpick.adr_console import check_view

        _print_rich(check_view(result, str(directory), catalog.meta.version))
    else:
        assert_never(output_format)
    if result.fails:
        raise typer.Exit(EXIT_CHECK_FAILED)


# --- tree / portfolio ----------------------------------------------------------------------


class TreeFormat(StrEnum):
    """Output of `tree`."""

    TEXT = "text"
    MERMAID = "mermaid"


@app.command()
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
        from modelpick.tree_console import render_tree

        _print_rich(render_tree())
    else:
        assert_never(output_format)


@app.command()
def portfolio(
    workloads_file: Annotated[
        Path,
        typer.Argument(metavar="WORKLOADS.yaml", help="defaults: and workloads: (answers blocks).",
                       dir_okay=False, show_default=False),
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text, markdown or json.")
    ] = OutputFormat.TEXT,
    report: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--report", help="Also write the Markdown portfolio report to this file.",
                      dir_okay=False, show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the --report file.")] = False,
    catalog_dir: CatalogOption = None,
) -> None:
    """Route a whole estate of workloads: modes, models, costs, baselines, shared GPU pools.

    Example: modelpick portfolio examples/portfolio.yaml --format markdown
    """
    import datetime as dt

    from modelpick.engine.portfolio import evaluate
    from modelpick.fileio import write_atomic
    from modelpick.inputs.portfolio import read_portfolio_file

    check_outputs(
        [(report, "report")],
        inputs=[(workloads_file, "portfolio file"), catalog_input(catalog_dir)],
        force=force,
    )
    catalog = load_catalog_or_fail(catalog_dir)
    parsed = read_portfolio_file(workloads_file, groups=catalog.policy.region_groups)
    result = evaluate(parsed, catalog, today=dt.date.today())
    emit_portfolio(result, output_format)
    if report is not None and not result.errors:  # nothing is written on a failure
        from modelpick.report.portfolio_markdown import render_portfolio_markdown

        write_atomic(report, render_portfolio_markdown(result), force=force, what="report")
    for error in result.errors:
        print(f"modelpick: error: {error.render()}", file=sys.stderr)
    if result.errors:
        raise typer.Exit(EXIT_BAD_INPUT)
    if result.recommended == 0:
        raise NoCandidate("no workload got a recommendation; every exclusion is listed above")


def emit_portfolio(result, output_format: OutputFormat) -> None:  # type: ignore[no-untyped-def]
    """Print the portfolio in the chosen format."""
    if output_format is OutputFormat.JSON:
        from modelpick.report.portfolio_json import render_portfolio_json

        sys.stdout.write(render_portfolio_json(result))
    elif output_format is OutputFormat.MARKDOWN:
        from modelpick.report.portfolio_markdown import render_portfolio_markdown

        sys.stdout.write(render_portfolio_markdown(result))
    elif output_format is OutputFormat.TEXT:
        from modelpick.portfolio_console import render_portfolio

        _print_rich(render_portfolio(result))
    else:
        assert_never(output_format)


def main() -> None:
    """Entry point: run the app, mapping errors, interrupts and signals to exit codes."""
    # typer >= 0.25 vendors click; its exceptions live here, not in the `click` package.
    from typer._click import exceptions as click_exc

    from modelpick.entry import release_signals, settle_signals

    try:
        try:
            release_signals()
            code = app(standalone_mode=False)
            if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into a quiet Exit(130)
                print("\nmodelpick: interrupted", file=sys.stderr)
        except ModelpickError as exc:
            code = _exit_code_of(exc)
        except typer.Exit as done:
            code = done.exit_code
        except typer.Abort as exc:
            if isinstance(exc.__cause__, EOFError):
                print("modelpick: error: end of input while waiting for an answer",
                      file=sys.stderr)
                code = EXIT_BAD_INPUT
            else:
                print("modelpick: interrupted", file=sys.stderr)
                code = EXIT_INTERRUPTED
        except click_exc.ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                exc.show()  # a bare `modelpick` or `modelpick catalog`: the help is the answer
            else:
                print(f"modelpick: error: {_usage_message(exc)}", file=sys.stderr)
            code = EXIT_BAD_INPUT
        except BrokenPipeError:
            code = EXIT_OK
        except Exception as exc:  # a bug: say so in one line, never a traceback
            if os.environ.get("MODELPICK_DEBUG"):
                raise
            _internal_error(exc)
            code = EXIT_INTERNAL
        _flush()
    except KeyboardInterrupt:  # also a second one while the first was being reported
        print("\nmodelpick: interrupted", file=sys.stderr)
        code = EXIT_INTERRUPTED
    except Terminated:
        print("modelpick: terminated", file=sys.stderr)
        code = EXIT_TERMINATED
    settle_signals()  # the outcome is decided and printed: a late signal cannot change it
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _internal_error(exc: Exception) -> None:
    from modelpick import __version__
    from modelpick.errors import one_line

    print(
        f"modelpick: internal error: {one_line(f'{type(exc).__name__}: {exc}')} "
        f"(a bug in modelpick {__version__}, not in your input: please report it with the "
        "command you ran; MODELPICK_DEBUG=1 shows the traceback)",
        file=sys.stderr,
    )


def _flush() -> None:
    """Write out what is buffered while a signal can still be reported."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()


def _usage_message(exc: Exception) -> str:
    """A click usage error as one line, with where to find help."""
    from modelpick.errors import one_line

    format_message = getattr(exc, "format_message", None)
    text = format_message() if callable(format_message) else str(exc)
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        text += f" (see '{ctx.command_path} --help')"
    return one_line(str(text))


def _exit_code_of(exc: ModelpickError) -> int:
    try:
        fail(exc)
    except typer.Exit as done:
        return done.exit_code
