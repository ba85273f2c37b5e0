"""`footprints` and `numbers`: the arithmetic a catalog's figures must satisfy together.

Each figure's own range is in the schema; these are the facts that hold between figures.
"""

from __future__ import annotations

from collections.abc import Iterable

from modelpick.catalog import schema as s
from modelpick.catalog.checks.context import HARDWARE, MODELS, POLICY, CheckContext, amount
from modelpick.catalog.findings import Finding
from modelpick.catalog.parse import Catalog


def footprints(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """Released open models have footprints, and each footprint's arithmetic holds."""
    sizing = cat.policy.sizing
    for i, precision in enumerate(sizing.precision_order):
        if precision not in sizing.bytes_per_param:
            yield ctx.error(
                POLICY,
                ["policy", "sizing", "precision_order", i],
                f"precision '{precision.value}' has no bytes_per_param",
            )
    for i, m in enumerate(cat.models):
        if (
            m.weights is s.Weights.OPEN
            and m.availability is s.Availability.RELEASED
            and m.id not in cat.footprints_by_model
        ):
            yield ctx.error(
                MODELS,
                ["models", i, "id"],
                f"released open-weight model '{m.id}' has no footprint in hardware.yaml",
            )
    headroom = 1 + sizing.kv_cache_headroom + sizing.runtime_headroom
    for i, fp in enumerate(cat.footprints):
        path: list[str | int] = ["footprints", i]
        model = cat.models_by_id.get(fp.model)
        if model is None:
            continue  # `references` reports it
        if model.weights is s.Weights.CLOSED:
            yield ctx.error(
                HARDWARE,
                [*path, "model"],
                f"'{fp.model}' has closed weights; it cannot have a footprint",
            )
            continue
        if model.availability is s.Availability.NOT_RELEASED:
            yield ctx.error(
                HARDWARE,
                [*path, "model"],
                f"'{fp.model}' is not released; it cannot have a footprint",
            )
            continue
        bpp = sizing.bytes_per_param.get(fp.precision)
        if bpp is None:
            yield ctx.error(
                HARDWARE,
                [*path, "precision"],
                f"policy.sizing.bytes_per_param has no entry for '{fp.precision.value}'",
            )
            continue
        total_b = model.parameters.total_b
        if total_b is None:
            yield ctx.error(
                HARDWARE,
                [*path, "model"],
                f"'{fp.model}' has no published total parameter count; "
                "the footprint cannot be checked",
            )
            continue
        gpu = cat.gpus_by_id.get(fp.gpu)
        if gpu is None:
            continue  # `references` reports it
        weights_gb = total_b * bpp
        required = weights_gb * headroom
        available = fp.gpus * gpu.memory_gb
        if available + 1e-9 < required:
            yield ctx.error(
                HARDWARE,
                [*path, "gpus"],
                f"'{fp.model}' at {fp.precision.value} needs {amount(required)} GB "
                f"({amount(total_b)}B params x {amount(bpp)} bytes = {amount(weights_gb)} GB "
                f"weights x {headroom:.2f} headroom) but {fp.gpus} x {gpu.id} "
                f"({amount(gpu.memory_gb)} GB) = {amount(available)} GB",
            )


def numbers(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """Figures that cannot be true together (each one's own range is in the schema)."""
    for i, model in enumerate(cat.models):
        params = model.parameters
        total, active = params.total_b, params.active_b
        if total is not None and active is not None and active > total:
            yield ctx.error(
                MODELS,
                ["models", i, "parameters", "active_b"],
                f"active parameters ({amount(active)}B) exceed total ({amount(total)}B)",
            )
