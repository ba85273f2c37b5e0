"""`modelpick export`: a gateway configuration for one workload's advice or a whole portfolio."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, assert_never

import typer

from modelpick.cli.files import catalog_input, check_outputs
from modelpick.cli.options import AnswersOption, CatalogOption, warn
from modelpick.errors import InputError, NoCandidate

if TYPE_CHECKING:
    import datetime as dt

    from modelpick.catalog.loader import Catalog
    from modelpick.engine.portfolio import Portfolio
    from modelpick.engine.result import Advice
    from modelpick.report.litellm_config import ExportWorkload, LitellmConfig


class ExportFormat(StrEnum):
    """What `export` writes."""

    LITELLM = "litellm"


def export(
    answers_file: AnswersOption = None,
    portfolio_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--portfolio", "-p", help="A portfolio file (defaults: and workloads:), "
                     "as `modelpick portfolio` reads it.", dir_okay=False, show_default=False),
    ] = None,
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="litellm: a LiteLLM proxy config.yaml.")
    ] = ExportFormat.LITELLM,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write the configuration to this file (else stdout).",
                     dir_okay=False, show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the --output file.")] = False,
    catalog_dir: CatalogOption = None,
) -> None:
    """Write a gateway configuration that routes each workload to its pick, with its fallbacks.

    From one answers file (or decision record) or a portfolio file: one model_name per
    workload, routed to the provider key the catalog records (self-hosted: a vLLM endpoint),
    a model_name for each fallback route, and router_settings.fallbacks in order. Credentials
    are environment references only (os.environ/NAME). Answers are never asked for: missing
    ones take their defaults. A fallback route the catalog cannot name for LiteLLM is left
    out with a warning; a pick it cannot name is an error, and nothing is written.

    Exit codes: 0 written, 2 bad input or a pick that cannot be exported, 3 no model fits.

    Example: modelpick export --portfolio examples/portfolio.yaml --output litellm.yaml
    """
    import datetime as dt

    from modelpick.catalog.loader import load_catalog

    if (answers_file is None) == (portfolio_file is None):
        raise InputError("give one of --answers FILE or --portfolio FILE",
                         hint="see 'modelpick export --help'")
    check_outputs(
        [(output, "output file")],
        inputs=[(answers_file, "--answers file"), (portfolio_file, "portfolio file"),
                catalog_input(catalog_dir)],
        force=force,
    )
    catalog = load_catalog(catalog_dir)
    today = dt.date.today()
    if answers_file is not None:
        config = _from_answers(answers_file, catalog, today)
    else:
        assert portfolio_file is not None
        config = _from_portfolio(portfolio_file, catalog, today)
    if output_format is ExportFormat.LITELLM:
        text = config.text
    else:
        assert_never(output_format)
    _write(text, output, force=force)


def _from_answers(path: Path, catalog: Catalog, today: dt.date) -> LitellmConfig:
    from modelpick.cli.answers import gather_answers
    from modelpick.engine import decide
    from modelpick.report.litellm_config import ExportWorkload

    advice = decide(gather_answers(path, [], catalog, interactive=False), catalog, today)
    if advice.primary is None:
        raise NoCandidate("no model satisfies the constraints; 'modelpick advise --answers "
                          f"{path}' lists every exclusion", file=str(path))
    if path.suffix.lower() in (".md", ".markdown"):
        _compare_with_record(path, advice)
    workload = ExportWorkload(advice.answers.workload, advice)
    return _render([workload], f"the answers in {path}", catalog, str(path))


def _compare_with_record(path: Path, advice: Advice) -> None:
    """Exporting a record decides it again: say so where today's catalog decides otherwise."""
    from modelpick.records.format import recommendation
    from modelpick.records.header import read_entry
    from modelpick.yamlfile import read_text

    entry = read_entry(str(path), read_text(path, max_bytes=4 * 1024 * 1024, what="record"))
    if entry is None or entry.modelpick is None:
        return
    if entry.state not in ("accepted", "proposed"):
        warn(f"{path}: the record is {entry.state}; exporting its answers anyway")
    recorded = entry.modelpick.get("recommendation")
    now = recommendation(advice)
    if isinstance(recorded, dict) and any(
        recorded.get(k) != now[k] for k in ("deployment", "model", "provider")
    ):
        warn(
            f"{path}: today's catalog decides this record differently "
            f"({recorded.get('model')} at {recorded.get('provider')} then, {now['model']} at "
            f"{now['provider']} now); the export follows today's; `modelpick adr check` says why"
        )


def _from_portfolio(path: Path, catalog: Catalog, today: dt.date) -> LitellmConfig:
    from modelpick.engine.portfolio import evaluate
    from modelpick.inputs.portfolio import read_portfolio_file
    from modelpick.report.litellm_config import ExportWorkload

    parsed = read_portfolio_file(path, groups=catalog.policy.region_groups)
    result = evaluate(parsed, catalog, today=today)  # with the timeline: when to revisit
    for error in result.errors:
        print(f"modelpick: error: {error.render()}", file=sys.stderr)
    if result.errors:
        raise InputError(f"{len(result.errors)} workload(s) could not be advised; each is "
                         "named above; nothing was written", reported=True)
    if result.recommended == 0:
        raise NoCandidate("no workload got a recommendation; 'modelpick portfolio "
                          f"{path}' lists every exclusion", file=str(path))
    workloads = [ExportWorkload(w.name, w.advice, w.line, notes=_pool_notes(result, w.name))
                 for w in result.workloads]
    return _render(workloads, f"the portfolio {path}", catalog, str(path))


def _pool_notes(result: Portfolio, name: str) -> tuple[str, ...]:
    """What a workload's configuration should say about a GPU pool it shares."""
    return tuple(
        f"one GPU pool of {pool.model_name} can serve this and "
        + "; ".join(n for n in pool.workloads if n != name)
        + " behind one vLLM endpoint ('modelpick portfolio' sizes it)"
        for pool in result.pools if name in pool.workloads
    )


def _render(workloads: list[ExportWorkload], source: str, catalog: Catalog,
            file: str) -> LitellmConfig:
    """Render, warn about what was left out, and refuse picks that cannot be exported."""
    from modelpick.errors import one_line
    from modelpick.report.litellm_config import render_litellm_config

    config = render_litellm_config(
        workloads, source=source, catalog_version=catalog.meta.version,
        catalog_as_of=catalog.meta.as_of,
    )
    for message in config.warnings:
        warn(message)
    for problem in config.errors:
        where = file + (f":{problem.line}" if problem.line is not None else "")
        print(one_line(f"modelpick: error: {where}: workload '{problem.workload}': "
                       f"{problem.message}"), file=sys.stderr)
    if config.errors:
        raise InputError(f"{len(config.errors)} workload(s) cannot be exported; each is named "
                         "above; nothing was written", reported=True)
    return config


def _write(text: str, output: Path | None, *, force: bool) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from modelpick.fileio import write_atomic

    write_atomic(output, text, force=force, what="output file")
