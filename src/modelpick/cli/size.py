"""`modelpick size MODEL`: the calculator - memory, fit and throughput of one open model."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, Optional, assert_never

import typer

from modelpick.cli.options import CatalogOption, DataFormat, NoCacheOption, print_json
from modelpick.errors import InputError, NoCandidate, require_text


class PrecisionChoice(StrEnum):
    BF16 = "bf16"
    FP8 = "fp8"
    FP4 = "fp4"
    INT4 = "int4"


class LatencyChoice(StrEnum):
    INTERACTIVE = "interactive"
    BATCH = "batch"


Count = Annotated[int, typer.Option(min=1, max=100_000_000, show_default=False)]


def size(
    model_id: Annotated[str, typer.Argument(metavar="MODEL", help="An open model's catalog id.")],
    gpu: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on 3.11
        typer.Option("--gpu", help="A GPU id (default: every GPU, cheapest fits first).",
                     show_default=False),
    ] = None,
    gpus: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--gpus", min=1, max=1024, show_default=False,
                     help="GPUs per replica (default: the smallest that fits)."),
    ] = None,
    precision: Annotated[
        Optional[PrecisionChoice],  # noqa: UP045
        typer.Option("--precision", help="Weight precision (default: the checkpoint's native one).",
                     show_default=False),
    ] = None,
    context: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--context", min=1, max=100_000_000,
                     help="Tokens one request must hold (default: input + output).",
                     show_default=False),
    ] = None,
    concurrency: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--concurrency", min=1, max=1_000_000,
                     help="Requests in flight (default: as many as fit).", show_default=False),
    ] = None,
    input_tokens: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--input-tokens", min=0, max=100_000_000,
                     help="Input tokens per request (default from input_share).",
                     show_default=False),
    ] = None,
    output_tokens: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--output-tokens", min=1, max=100_000_000,
                     help="Output tokens per request (default from input_share).",
                     show_default=False),
    ] = None,
    latency: Annotated[
        Optional[LatencyChoice],  # noqa: UP045
        typer.Option("--latency", help="interactive keeps each user's decode speed at the "
                     "policy's target; batch (the default) is saturation.", show_default=False),
    ] = None,
    monthly_tokens: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--monthly-tokens", metavar="N",
                     help="Volume to cost, e.g. 5B: replicas and GPU cost a month.",
                     show_default=False),
    ] = None,
    output_format: Annotated[
        DataFormat, typer.Option("--format", "-f", help="text or json.")
    ] = DataFormat.TEXT,
    catalog_dir: CatalogOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Size an open model: memory, fit, concurrency, throughput, replicas and cost.

    Memory is weights + KV cache at the context + runtime; throughput is prefill, decode and
    the blend at the request's input and output tokens; a volume adds replicas and cost.

    With --gpu the verdict is the answer (exit 0 whether it fits or not); without it, the
    cheapest configurations that fit are listed (exit 3 when none does).

    Example: modelpick size llama-4-scout --gpu h100-80gb --context 2000000
    """
    from modelpick.catalog.loader import load_catalog
    from modelpick.catalog.schema import Precision
    from modelpick.engine.answers import Answers
    from modelpick.engine.size_report import SizeOptions, request_for, size_model
    from modelpick.sizing.memory import sizable
    from modelpick.validation import did_you_mean

    catalog = load_catalog(catalog_dir, cache=not no_cache)
    model_id = require_text(model_id, file="size", key="MODEL")
    model = catalog.models_by_id.get(model_id)
    if model is None:
        hint = did_you_mean(model_id, catalog.sorted_model_ids)
        raise InputError(f"unknown model '{model_id}'" + (f", {hint}" if hint else ""),
                         file="size", key="MODEL")
    why = sizable(model)
    if why is not None:
        raise InputError(f"cannot size '{model_id}': {why}", file="size", key="MODEL")
    if gpu is not None:
        gpu = require_text(gpu, file="size", key="--gpu")
        if gpu not in catalog.gpus_by_id:
            hint = did_you_mean(gpu, sorted(catalog.gpus_by_id))
            raise InputError(f"unknown GPU '{gpu}'" + (f", {hint}" if hint else ""),
                             file="size", key="--gpu")
    volume = None
    if monthly_tokens is not None:
        from modelpick.engine.answers import parse_quantity

        try:
            text = require_text(monthly_tokens, file="size", key="--monthly-tokens")
            volume = parse_quantity(text)
        except ValueError as exc:
            raise InputError(str(exc), file="size", key="--monthly-tokens") from None
        if not 1 <= volume <= 10**15:
            raise InputError("must be between 1 and 10^15 tokens a month", file="size",
                             key="--monthly-tokens")
    if input_tokens == 0 and output_tokens is None:
        raise InputError(
            "--input-tokens 0 needs --output-tokens", file="size", key="--input-tokens"
        )
    options = SizeOptions(
        gpu=gpu,
        gpus=gpus,
        precision=Precision(precision.value) if precision else None,
        context_tokens=context,
        concurrency=concurrency,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        latency="interactive" if latency is LatencyChoice.INTERACTIVE else (
            "batch" if latency is LatencyChoice.BATCH else None
        ),
        monthly_tokens=volume,
    )
    share = Answers.default_of("input_share")
    shape, _ = request_for(options, catalog.policy.sizing, share)
    if context is not None and context < shape.input_tokens + shape.output_tokens:
        raise InputError(
            f"{context:,} tokens cannot hold one request of {shape.input_tokens:,} input + "
            f"{shape.output_tokens:,} output tokens", file="size", key="--context",
        )
    report = size_model(model, options, catalog, share)
    if output_format is DataFormat.JSON:
        from modelpick.report.size_json import size_data

        print_json(size_data(report))
    elif output_format is DataFormat.TEXT:
        from modelpick.cli.size_view import render_size

        sys.stdout.write(render_size(report))
    else:
        assert_never(output_format)
    if report.chosen is None:
        raise NoCandidate(
            f"no GPU configuration in the catalog holds '{model_id}' and one request at "
            f"{report.context_tokens:,} tokens",
            reported=True,
        )
