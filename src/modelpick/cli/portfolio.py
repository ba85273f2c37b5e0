"""`modelpick portfolio`: route a whole estate of workloads."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, assert_never

import typer

from modelpick.cli.files import catalog_input, check_outputs
from modelpick.cli.options import CatalogOption, NoCacheOption, OutputFormat, print_rich
from modelpick.errors import InputError, NoCandidate

if TYPE_CHECKING:
    from modelpick.engine.portfolio import Portfolio


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
    no_cache: NoCacheOption = False,
) -> None:
    """Route a whole estate of workloads: modes, models, costs, baselines, shared GPU pools.

    Example: modelpick portfolio examples/portfolio.yaml --format markdown
    """
    import datetime as dt

    from modelpick.catalog.loader import load_catalog
    from modelpick.engine.portfolio import evaluate
    from modelpick.fileio import write_atomic
    from modelpick.inputs.portfolio import read_portfolio_file

    check_outputs(
        [(report, "report")],
        inputs=[(workloads_file, "portfolio file"), catalog_input(catalog_dir)],
        force=force,
    )
    catalog = load_catalog(catalog_dir, cache=not no_cache)
    parsed = read_portfolio_file(workloads_file, groups=catalog.policy.region_groups)
    result = evaluate(parsed, catalog, today=dt.date.today())
    emit_portfolio(result, output_format)
    if report is not None and not result.errors:  # nothing is written on a failure
        from modelpick.report.portfolio_markdown import render_portfolio_markdown

        write_atomic(report, render_portfolio_markdown(result), force=force, what="report")
    for error in result.errors:
        print(f"modelpick: error: {error.render()}", file=sys.stderr)
    if result.errors:
        raise InputError(f"{len(result.errors)} workload(s) could not be advised; "
                         "each is named above", reported=True)
    if result.recommended == 0:
        raise NoCandidate("no workload got a recommendation; every exclusion is listed above")


def emit_portfolio(result: Portfolio, output_format: OutputFormat) -> None:
    """Print the portfolio in the chosen format."""
    if output_format is OutputFormat.JSON:
        from modelpick.report.portfolio_json import render_portfolio_json

        sys.stdout.write(render_portfolio_json(result))
    elif output_format is OutputFormat.MARKDOWN:
        from modelpick.report.portfolio_markdown import render_portfolio_markdown

        sys.stdout.write(render_portfolio_markdown(result))
    elif output_format is OutputFormat.TEXT:
        from modelpick.cli.portfolio_view import render_portfolio

        print_rich(render_portfolio(result))
    else:
        assert_never(output_format)
