"""`modelpick advise`: one workload's recommendation, printed and optionally written."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, assert_never

import typer

from modelpick.cli.answers import gather_answers, is_interactive
from modelpick.cli.files import catalog_input, check_outputs
from modelpick.cli.options import (
    AnswersOption,
    CatalogOption,
    NoCacheOption,
    NoInputOption,
    OutputFormat,
    SetOption,
    plain_console,
)
from modelpick.errors import NoCandidate

if TYPE_CHECKING:
    from modelpick.engine.answers import ResolvedAnswers
    from modelpick.engine.result import Advice


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
    no_cache: NoCacheOption = False,
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
      avg_input_tokens            per request; with avg_output     none
      avg_output_tokens           ... they set input_share         none
      peak_to_mean                peak traffic over the mean       2.0
      latency                     interactive or batch             interactive
      gpu_pricing                 on_demand or reserved            on_demand
      require_zero_data_retention drop providers without ZDR       false
      require_hipaa               drop providers without a BAA     false
      data_residency              where providers process, [EU]    none
      monthly_growth              share per month volume grows     0
      horizon_months              how far the timeline looks       18
    tasks: general chat rag classification extraction summarization code
    agentic_coding tool_use reasoning long_context multimodal realtime_voice

    Exit codes: 0 advice, 2 bad input, 3 no model satisfies the constraints.

    Example: modelpick advise --answers examples/support-ticket-triage.yaml --format json
    """  # noqa: D301 - `\b` keeps click from rewrapping the table
    import datetime as dt

    from modelpick.catalog.loader import load_catalog
    from modelpick.engine import decide

    check_outputs(  # refused before any work is shown
        [(report, "report"), (save_answers, "answers file")],
        inputs=[(answers_file, "--answers file"), catalog_input(catalog_dir),
                (template_dir, "--template directory")],
        force=force,
    )
    if template_dir is not None:
        from modelpick.report.user_templates import check_template_dir

        check_template_dir(template_dir)
    catalog = load_catalog(catalog_dir, cache=not no_cache)
    resolved = gather_answers(
        answers_file, sets, catalog, interactive=is_interactive(no_input)
    )
    today = dt.date.today()
    advice = decide(resolved, catalog, today)
    markdown = (
        render_markdown(advice, template_dir)
        if output_format is OutputFormat.MARKDOWN or report is not None
        else None  # rendered before anything is printed: a template error writes nothing
    )
    emit_advice(advice, output_format, markdown)
    write_outputs(
        resolved, markdown, report=report, save_answers=save_answers, force=force
    )
    if advice.primary is None:
        raise NoCandidate("no model satisfies the constraints; every exclusion is listed above")


def render_markdown(advice: Advice, template_dir: Path | None) -> str:
    """The Markdown rationale report (imports jinja2 only when a report is wanted)."""
    from modelpick.report.markdown import render_report

    return render_report(advice, template_dir=template_dir)


def emit_advice(
    advice: Advice, output_format: OutputFormat, markdown: str | None
) -> None:
    """Print the advice in the chosen format."""
    if output_format is OutputFormat.JSON:
        from modelpick.report.json_output import render_json

        sys.stdout.write(render_json(advice))
    elif output_format is OutputFormat.MARKDOWN:
        sys.stdout.write(markdown or render_markdown(advice, None))
    elif output_format is OutputFormat.TEXT:
        from modelpick.cli.advice_view import render_advice

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
