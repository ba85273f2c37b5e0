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
from collections.abc import Callable, Hashable, Sequence
from functools import partial
from typing import TypeVar, cast

from modelpick.catalog.loader import Catalog
from modelpick.catalog.schema import Gpu, Model, Precision
from modelpick.sizing.memory import precisions_for, weights
from modelpick.sizing.model import Config, Request, Sized
from modelpick.sizing.physics import gpu_counts, size

K = TypeVar("K", bound=tuple[object, ...])

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
    if gpus is None and precisions is None and counts is None:
        runs = _advice_runs(model, request, catalog)
    else:
        runs = _runs(model, request, catalog, gpus, precisions, counts)
    out = [option for run in runs for option in run.all(catalog)]
    catalog.memo[key] = tuple(out)
    return out


class _Run:
    """One GPU and precision's fitting replicas, smallest first, sized only as far as asked.

    Kept in the catalog's memo, so it holds no reference to the catalog (no cycle).

    A larger replica is tried until two in a row serve no more tokens per GPU-dollar than the
    best before them: past that, more GPUs per replica only add cost per token. A larger
    replica that does not fit, after one that did, cannot run this precision here.
    """

    def __init__(
        self, model: Model, request: Request, gpu: Gpu, precision: Precision, counts: list[int]
    ) -> None:
        self.model, self.request = model, request
        self.gpu, self.precision, self.counts = gpu, precision, counts
        self.options: list[Sized] = []
        self._next = 0  # the index in `counts` to size next
        self._done = not counts
        self._best, self._worse = 0.0, 0

    def get(
        self, index: int, catalog: Catalog, stop: Callable[[int], bool] | None = None
    ) -> Sized | None:
        """The run's option at `index`, or None past its end (`catalog`: the run's own).

        None too, before sizing a count n where `stop(n)` (the run stays where it was).
        """
        while len(self.options) <= index and not self._done:
            if stop is not None and stop(self.counts[self._next]):
                return None
            self._extend(catalog)
        return self.options[index] if index < len(self.options) else None

    def all(self, catalog: Catalog) -> list[Sized]:
        """Every option of the run."""
        while not self._done:
            self._extend(catalog)
        return self.options

    def _extend(self, catalog: Catalog) -> None:
        n = self.counts[self._next]
        self._next += 1
        self._done = self._next >= len(self.counts)
        option = sized(self.model, Config(self.gpu, n, self.precision), self.request, catalog)
        if not option.fits:
            self._done = self._done or bool(self.options)
            return
        self.options.append(option)
        assert option.throughput is not None
        # Per GPU: one GPU's prices are the same whatever the count, so this orders by cost.
        per_dollar = option.throughput.total_tokens_per_s / n
        if per_dollar > self._best:
            self._best, self._worse = per_dollar, 0
        else:
            self._worse += 1
            self._done = self._done or self._worse >= 2


def _advice_runs(model: Model, request: Request, catalog: Catalog) -> list[_Run]:
    """The runs advice chooses from, kept per catalog: each is sized as far as asked once."""
    key = ("runs", model.id, request)
    found = catalog.memo.get(key)
    if found is None:
        found = catalog.memo[key] = _runs(model, request, catalog, None, None, None)
    return cast("list[_Run]", found)


def _runs(
    model: Model,
    request: Request,
    catalog: Catalog,
    gpus: Sequence[Gpu] | None,
    precisions: Sequence[Precision] | None,
    counts: Sequence[int] | None,
) -> list[_Run]:
    """A run for each GPU and precision, in `fitting`'s order.

    Counts whose memory cannot hold the weights and the runtime (memory()'s first test) are
    left out without sizing them, as most small counts of a large model are.
    """
    sizing = catalog.policy.sizing
    if precisions is not None:  # asked for: any precision the engines can run
        usable = list(precisions)
    else:  # advice: what the model is published at, among what the policy allows
        usable = [p for p in precisions_for(model) if p in sizing.precisions]
    held = {precision: weights(model, precision, sizing).gb for precision in usable}
    out = []
    for gpu in gpus if gpus is not None else advice_gpus(catalog):
        tried = sorted(counts if counts is not None else gpu_counts(gpu, sizing))
        capacity = gpu.capacity_gb or gpu.memory_gb
        per_gpu = capacity * gpu.usable_share - sizing.runtime_reserve_gb_per_gpu
        for precision in usable:
            kept = [n for n in tried if n * per_gpu >= held[precision]]
            out.append(_Run(model, request, gpu, precision, kept))
    return out


def cheapest(
    model: Model,
    request: Request,
    catalog: Catalog,
    order: Callable[[Sized], K],
    hourly: Callable[[Gpu], float | None],
    prices: Hashable,
) -> Sized | None:
    """`min(fitting(model, request, catalog), key=order)`, sizing as few options as it can.

    `order(option)[0]` must be a whole number (at least one) of replicas times the replica's
    `hourly` price (infinite without one), and `prices` must name what `hourly` depends on
    besides the GPU. Then n GPUs' hourly price is a floor under the cost: runs are tried
    from the lowest floor up, and a run ends at the first count whose floor is above the best
    cost found (it cannot be first, ties included, as only a strictly greater floor is passed
    over; nor can the larger counts after it).
    """
    best: Sized | None = None
    best_key: K | None = None
    bar = math.inf  # the best cost found: a floor above it cannot be first

    def beaten(usd: float, n: int) -> bool:
        return n * usd > bar

    for first, usd, run in _plan(model, request, catalog, hourly, prices):
        if first > bar:
            break  # every later run's floor is at least this one's
        index = 0
        while (option := run.get(index, catalog, partial(beaten, usd))) is not None:
            if beaten(usd, option.config.gpus):
                break
            key = order(option)
            if best_key is None or key < best_key:
                best, best_key, bar = option, key, cast("float", key[0])
            index += 1
    return best


def _plan(
    model: Model,
    request: Request,
    catalog: Catalog,
    hourly: Callable[[Gpu], float | None],
    prices: Hashable,
) -> list[tuple[float, float, _Run]]:
    """(floor of its smallest count, hourly price, run) by floor, kept per catalog and prices.

    A GPU without a price floors at infinity (its cost sorts last).
    """
    key = ("plan", model.id, request, prices)
    found = catalog.memo.get(key)
    if found is None:
        plan = []
        for index, run in enumerate(_advice_runs(model, request, catalog)):
            usd = hourly(run.gpu)
            usd = math.inf if usd is None else usd
            if run.counts:
                plan.append((run.counts[0] * usd, index, usd, run))
        plan.sort(key=lambda item: (item[0], item[1]))
        found = catalog.memo[key] = [(first, usd, run) for first, _, usd, run in plan]
    return cast("list[tuple[float, float, _Run]]", found)
