"""The configurations a model can be served in, each sized once per catalog.

`fitting` lists every configuration advice may choose from; `cheapest` finds the one a cost
order puts first without sizing the rest. A replica costs at least its own GPUs for an hour
(one replica is the least a volume needs), so once that floor is above the cheapest cost
found, neither that configuration nor a larger one of the same GPU can be cheaper. Sizing is
memoized per catalog and configuration: sensitivity and the timeline ask for the same model,
GPU and request at many volumes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar, cast

from modelpick.catalog.loader import Catalog
from modelpick.catalog.schema import Gpu, Model, Precision, Sizing
from modelpick.sizing.memory import precisions_for, weights
from modelpick.sizing.model import Config, Request, Sized
from modelpick.sizing.physics import gpu_counts, size

K = TypeVar("K", bound=tuple[object, ...])

Floor = Callable[[Gpu, int], float]
"""The least the cost order's first figure can be for a replica of this many of this GPU."""


def advice_gpus(catalog: Catalog) -> list[Gpu]:
    """GPUs advice may choose: consumer cards only where the policy allows them.

    Their drivers' licenses bar data-centre use.
    """
    allow = catalog.policy.sizing.consumer_gpus
    return [g for g in catalog.gpus if allow or not g.consumer]


def sized(model: Model, config: Config, request: Request, catalog: Catalog) -> Sized:
    """`size` with the catalog's benchmarks for the model, computed once per catalog.

    Keyed by ids as `fitting` is: within one catalog an id names one record.
    """
    key = ("sized", model.id, config.gpu.id, config.gpus, config.precision, request)
    found = catalog.memo.get(key)
    if found is None:
        benchmarks = catalog.benchmarks_by_model.get(model.id, [])
        found = catalog.memo[key] = size(
            model, config, request, catalog.policy.sizing, benchmarks
        )
    return cast("Sized", found)


def fitting(
    model: Model,
    request: Request,
    catalog: Catalog,
    *,
    gpus: Sequence[Gpu] | None = None,
    precisions: Sequence[Precision] | None = None,
    counts: Sequence[int] | None = None,
) -> list[Sized]:
    """Every configuration that holds the model and one request at the context.

    Depends on the catalog and the request only, so it is computed once per catalog: the
    sensitivity analysis asks again for every answer it flips.
    """
    key = (
        "fitting",
        model.id,
        request,
        None if gpus is None else tuple(g.id for g in gpus),
        None if precisions is None else tuple(precisions),
        None if counts is None else tuple(counts),
    )
    cached = catalog.memo.get(key)
    if cached is not None:
        return list(cast("tuple[Sized, ...]", cached))
    out = [
        option
        for gpu, precision, ordered in _runs(model, request, catalog, gpus, precisions, counts)
        for option in _larger_while_cheaper(model, request, catalog, gpu, precision, ordered)
    ]
    catalog.memo[key] = tuple(out)
    return out


def _runs(
    model: Model,
    request: Request,
    catalog: Catalog,
    gpus: Sequence[Gpu] | None,
    precisions: Sequence[Precision] | None,
    counts: Sequence[int] | None,
) -> Iterator[tuple[Gpu, Precision, list[int]]]:
    """(GPU, precision, counts to try, smallest first), in `fitting`'s order.

    Counts whose memory cannot hold the weights and the runtime (memory()'s first test) are
    left out without sizing them, as most small counts of a large model are.
    """
    sizing = catalog.policy.sizing
    if precisions is not None:  # asked for: any precision the engines can run
        usable = list(precisions)
    else:  # advice: what the model is published at, among what the policy allows
        usable = [p for p in precisions_for(model) if p in sizing.precisions]
    held = {precision: _weights_gb(model, precision, catalog) for precision in usable}
    for gpu in gpus if gpus is not None else advice_gpus(catalog):
        tried = sorted(counts if counts is not None else gpu_counts(gpu, sizing))
        per_gpu = _per_gpu_gb(gpu, sizing)
        for precision in usable:
            yield gpu, precision, [n for n in tried if n * per_gpu >= held[precision]]


def _weights_gb(model: Model, precision: Precision, catalog: Catalog) -> float:
    key = ("weights_gb", model.id, precision)
    found = catalog.memo.get(key)
    if found is None:
        found = catalog.memo[key] = weights(model, precision, catalog.policy.sizing).gb
    return cast("float", found)


def _per_gpu_gb(gpu: Gpu, sizing: Sizing) -> float:
    capacity = gpu.capacity_gb or gpu.memory_gb
    return capacity * gpu.usable_share - sizing.runtime_reserve_gb_per_gpu


def _larger_while_cheaper(
    model: Model,
    request: Request,
    catalog: Catalog,
    gpu: Gpu,
    precision: Precision,
    counts: Sequence[int],
    stop: Callable[[int], bool] | None = None,
) -> Iterator[Sized]:
    """Fitting replicas of one GPU and precision, smallest first.

    A larger replica is tried until two in a row serve no more tokens per GPU-dollar than the
    best before them: past that, more GPUs per replica only add cost per token. `stop(n)`
    ends the run before sizing n GPUs (`cheapest`: no replica that large can win).
    """
    best, worse, found = 0.0, 0, False
    for n in counts:
        if stop is not None and stop(n):
            return
        option = sized(model, Config(gpu, n, precision), request, catalog)
        if not option.fits:
            if found:  # a larger replica that does not fit cannot run this precision here
                return
            continue
        found = True
        yield option
        assert option.throughput is not None
        # Per GPU: one GPU's prices are the same whatever the count, so this orders by cost.
        per_dollar = option.throughput.total_tokens_per_s / n
        if per_dollar > best:
            best, worse = per_dollar, 0
        else:
            worse += 1
            if worse >= 2:
                return


def cheapest(
    model: Model,
    request: Request,
    catalog: Catalog,
    order: Callable[[Sized], K],
    floor: Floor,
) -> Sized | None:
    """`min(fitting(model, request, catalog), key=order)`, sizing as few options as it can.

    `floor(gpu, n)` must never exceed `order(option)[0]` for an option of n of that GPU, and
    must grow with n. Runs are tried from the lowest floor up; a run ends at the first count
    whose floor is above the best found (an option there cannot be first, ties included, as
    only a strictly greater floor is passed over).
    """
    runs = []
    for index, (gpu, precision, counts) in enumerate(
        _runs(model, request, catalog, None, None, None)
    ):
        if counts:
            runs.append((floor(gpu, counts[0]), index, gpu, precision, counts))
    runs.sort(key=lambda run: (run[0], run[1]))
    best: Sized | None = None
    best_key: K | None = None

    def beaten(gpu: Gpu) -> Callable[[int], bool]:
        return lambda n: best_key is not None and floor(gpu, n) > cast("float", best_key[0])

    for first, _, gpu, precision, counts in runs:
        if best_key is not None and first > cast("float", best_key[0]):
            break  # every later run's floor is at least this one's
        for option in _larger_while_cheaper(
            model, request, catalog, gpu, precision, counts, beaten(gpu)
        ):
            key = order(option)
            if best_key is None or key < best_key:
                best, best_key = option, key
    return best


def hourly_floor(price_of: Callable[[Gpu], float | None]) -> Floor:
    """The GPUs' hourly price: one replica at least, so a cost of replicas x hourly is above it.

    A GPU without a price sorts last (infinite cost), and so floors at infinity.
    """

    def floor(gpu: Gpu, n: int) -> float:
        usd = price_of(gpu)
        return math.inf if usd is None else n * usd

    return floor
