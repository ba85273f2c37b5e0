"""`modelpick catalog ...`: validate, list, show, schema, import-prices."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, assert_never

import typer

from modelpick.cli.options import (
    CatalogOption,
    DataFormat,
    ListKind,
    NoCacheOption,
    ValidateFormat,
    plain_console,
    print_json,
    print_rich,
)
from modelpick.errors import CheckFailed, InputError, require_text

if TYPE_CHECKING:
    from rich.console import RenderableType

    from modelpick.catalog.loader import Catalog

catalog_app = typer.Typer(
    help="Inspect, check and refresh a catalog (the embedded one unless told otherwise)."
    "\n\nExample: modelpick catalog show llama-4-scout",
    no_args_is_help=True,
)


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
    from modelpick.catalog.checks import validate_directory
    from modelpick.catalog.loader import default_catalog_dir
    from modelpick.catalog.snapshot import validate as validate_shipped
    from modelpick.report import findings as render

    if directory is None:  # its snapshot stands for the build-time checks; dated ones re-run
        with default_catalog_dir() as path:
            result = validate_shipped(path)
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
        raise CheckFailed("the catalog failed its checks; every finding is listed above",
                          reported=True)


def _list_table(kind: ListKind, catalog: Catalog, *, width: int) -> RenderableType:
    from modelpick.cli.tables import (
        hardware_tables,
        licenses_table,
        models_table,
        providers_table,
    )

    if kind is ListKind.MODELS:
        return models_table(catalog, width=width)
    if kind is ListKind.LICENSES:
        return licenses_table(catalog)
    if kind is ListKind.HARDWARE:
        return hardware_tables(catalog)
    if kind is ListKind.PROVIDERS:
        return providers_table(catalog)
    assert_never(kind)


@catalog_app.command("list")
def catalog_list(
    kind: Annotated[ListKind, typer.Argument(help="What to list.")] = ListKind.MODELS,
    output_format: Annotated[
        DataFormat, typer.Option("--format", help="text (a table) or json.")
    ] = DataFormat.TEXT,
    catalog_dir: CatalogOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List the catalog's models, licenses, hardware (GPUs and benchmarks) or providers.

    Example: modelpick catalog list providers --format json
    """
    from modelpick.catalog.loader import load_catalog

    catalog = load_catalog(catalog_dir, cache=not no_cache)
    if output_format is DataFormat.JSON:
        from modelpick.catalog.query import list_data

        print_json(list_data(catalog, kind.value))
    elif output_format is DataFormat.TEXT:
        console = plain_console(soft_wrap=False)
        console.print(_list_table(kind, catalog, width=console.width))
    else:
        assert_never(output_format)


@catalog_app.command("show")
def catalog_show(
    entry_id: Annotated[
        str, typer.Argument(metavar="ID", help="A model, license, GPU, provider or source id.")
    ],
    output_format: Annotated[
        DataFormat, typer.Option("--format", help="text or json.")
    ] = DataFormat.TEXT,
    catalog_dir: CatalogOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Show one catalog entry; a model with its license, prices and benchmarks.

    Example: modelpick catalog show llama-4-scout
    """
    from modelpick.catalog.loader import load_catalog
    from modelpick.catalog.query import find, show_data

    catalog = load_catalog(catalog_dir, cache=not no_cache)
    kind, entry = find(catalog, require_text(entry_id, file="catalog show", key="ID"))
    if output_format is DataFormat.JSON:
        print_json(show_data(catalog, kind, entry))
    elif output_format is DataFormat.TEXT:
        from modelpick.cli.tables import ShowKind, show_renderable

        print_rich(show_renderable(ShowKind(kind), entry, catalog))
    else:
        assert_never(output_format)


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

    print_json(json_schemas(file_name))


@catalog_app.command("import-prices")
def catalog_import_prices(
    price_file: Annotated[
        Path,
        typer.Argument(metavar="FILE", show_default=False,
                       help="A copy of LiteLLM's model_prices_and_context_window.json or of "
                       "models.dev's api.json (told apart by their content)."),
    ],
    catalog_dir: CatalogOption = None,
    no_cache: NoCacheOption = False,
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
    """Refresh prices, served windows and deprecation dates from LiteLLM or models.dev.

    Each price is matched through its reviewed key (litellm_key, models_dev_key); a window is
    only ever narrowed (a wider one is a note for review); changed entries cite the file
    imported, added to sources.yaml by name and content hash.

    Prints the diff; writes (comments and order kept, version bumped) only into a catalog
    named with --catalog, and only without --dry-run.

    Example: modelpick catalog import-prices model_prices.json --catalog catalog --dry-run
    """
    import datetime as dt

    from modelpick.catalog import prices_import as imp
    from modelpick.catalog.loader import load_catalog
    from modelpick.report import prices as describe

    if catalog_dir is None and not dry_run:
        raise InputError("name the catalog to update with --catalog DIR (or use --dry-run); "
                         "the embedded catalog belongs to the installed package")
    today = dt.date.today()
    catalog = load_catalog(catalog_dir, cache=not no_cache)
    plan = imp.plan_import(catalog, imp.read_price_map(price_file),
                           date=imp.parse_date(date, today=today))
    written = [] if dry_run else imp.write_import(plan, catalog, today=today)
    if output_format is DataFormat.JSON:
        sys.stdout.write(describe.format_json(plan, written=written, dry_run=dry_run))
    elif output_format is DataFormat.TEXT:
        sys.stdout.write(describe.format_text(plan, written=written, dry_run=dry_run))
    else:
        assert_never(output_format)


@catalog_app.command("candidates")
def catalog_candidates(
    price_file: Annotated[
        Path,
        typer.Argument(metavar="FILE", show_default=False,
                       help="A LiteLLM price map or a models.dev api.json."),
    ],
    output: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on 3.11
        typer.Option("--output", metavar="PATH", show_default=False,
                     help="Write the draft here instead of stdout (not over a file "
                     "without --force)."),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=100_000, help="At most this many models.")
    ] = 50,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing --output file.")
    ] = False,
    catalog_dir: CatalogOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Models FILE lists that the catalog lacks, most providers first, as a draft YAML.

    Each draft carries what the file says (name, context window, modalities, open weights,
    every provider's prices and window) and `null`, with a note, for what a reviewer must
    source. Nothing is added to the catalog.

    Example: modelpick catalog candidates models_dev_api.json --output candidates.yaml
    """
    import yaml as pyyaml

    from modelpick.catalog import prices_import as imp
    from modelpick.catalog.candidates import candidates
    from modelpick.catalog.loader import load_catalog
    from modelpick.cli.files import check_outputs
    from modelpick.fileio import write_atomic

    if output is not None:
        check_outputs([(output, "--output file")], inputs=[(price_file, "FILE")], force=force)
    catalog = load_catalog(catalog_dir, cache=not no_cache)
    price_map = imp.read_price_map(price_file)
    import datetime as dt

    found = candidates(price_map, catalog, dt.date.today())
    header = (
        f"# Draft: {min(limit, len(found))} of {len(found)} models {price_map.label} "
        f"{price_map.name} (sha256 {price_map.sha256[:12]}) lists and catalog "
        f"{catalog.meta.version} lacks, most providers first.\n"
        "# Review every entry, source what is null, then move it into models.yaml and\n"
        "# providers.yaml by hand: nothing here is part of the catalog.\n"
    )
    body = pyyaml.safe_dump(
        {"candidates": [d.as_dict() for d in found[:limit]]},
        sort_keys=False, allow_unicode=True, width=100,
    )
    if output is None:
        sys.stdout.write(header + body)
    else:
        write_atomic(output, header + body, force=force, what="candidates draft")
        sys.stdout.write(f"wrote {output}: {min(limit, len(found))} candidate models\n")


@catalog_app.command("benchmarks")
def catalog_benchmarks(
    output_format: Annotated[
        DataFormat, typer.Option("--format", help="text (a table) or json.")
    ] = DataFormat.TEXT,
    catalog_dir: CatalogOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Every recorded serving measurement beside the estimate for the same configuration.

    Shows the ratio (estimate / measured) and whether it is within the policy's fit band, then
    every published checkpoint size beside the weights estimate. Exit 1 if any estimate is
    outside its band.

    Example: modelpick catalog benchmarks --format json
    """
    from dataclasses import asdict

    from modelpick.catalog.loader import load_catalog
    from modelpick.report.benchmarks_text import render_fit
    from modelpick.sizing.fit import fit_rows, summary, weights_rows

    catalog = load_catalog(catalog_dir, cache=not no_cache)
    sizing = catalog.policy.sizing
    rows = fit_rows(catalog.benchmarks, catalog.models_by_id, catalog.gpus_by_id, sizing)
    weights = weights_rows(catalog.models, sizing)
    if output_format is DataFormat.JSON:
        print_json({
            "catalog_version": catalog.meta.version,
            "fit_band": sizing.fit_band.model_dump(mode="json"),
            "benchmarks": [asdict(r) for r in rows],
            "checkpoints": [asdict(w) for w in weights],
            "summary": asdict(summary(rows)),
        })
    elif output_format is DataFormat.TEXT:
        band = sizing.fit_band
        sys.stdout.write(render_fit(rows, weights, (band.low, band.high, band.offline_max_high)))
    else:
        assert_never(output_format)
    if any(r.verdict != "ok" for r in rows):
        raise CheckFailed("an estimate is outside its band; every row is listed above",
                          reported=True)
