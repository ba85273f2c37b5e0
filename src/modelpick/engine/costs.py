"""Money: hosted prices for a volume, self-hosted sizing for a volume, and the crossover."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import field, replace
from typing import Literal, cast

from modelpick.catalog.loader import Catalog
from modelpick.catalog.schema import (
    Gpu,
    GpuPrice,
    GpuPricing,
    Model,
    Operations,
    Price,
    PriceTier,
    Sizing,
)
from modelpick.engine.answers import Answers
from modelpick.engine.configs import advice_gpus, cheapest, fitting
from modelpick.engine.result import Hardware, ProviderCost
from modelpick.frozen import frozen
from modelpick.sizing.memory import sizable
from modelpick.sizing.model import Latency, Request, Sized, Throughput

__all__ = [
    "MTOK", "SECONDS_PER_HOUR", "Rates", "advice_gpus", "blended_per_mtok", "cost_key",
    "fitting", "monthly_capacity", "provider_costs", "rates_for", "replicas_for", "request_for",
    "self_hosted_cost", "size_self_hosted", "workload_request",
]
"""`fitting` and `advice_gpus` live in `configs`; callers that cost options import them here."""

SECONDS_PER_HOUR = 3600
MTOK = 1_000_000


def blended_per_mtok(input_per_mtok: float, output_per_mtok: float, input_share: float) -> float:
    """Price per million tokens for a given input share."""
    return input_share * input_per_mtok + (1 - input_share) * output_per_mtok


def provider_costs(
    prices: Sequence[Price],
    tokens: int,
    input_share: float,
    catalog: Catalog,
    *,
    audio: bool = False,
) -> tuple[ProviderCost, ...]:
    """Every given price's monthly cost at this volume, cheapest first.

    With `audio` (realtime voice), a price that records audio-token prices is costed with
    them: speech in and out is billed per audio token, at several times the text price.
    """
    out = []
    for price in prices:
        provider = catalog.providers_by_id[price.provider]
        inp, outp, priced_as = _charged(price, audio)
        blended = blended_per_mtok(inp, outp, input_share)
        out.append(
            ProviderCost(
                provider=provider.id,
                provider_name=provider.name,
                input_per_mtok=inp,
                output_per_mtok=outp,
                blended_per_mtok=blended,
                monthly_cost_usd=tokens / MTOK * blended,
                estimate=price.estimate,
                as_of=price.as_of,
                sources=tuple(price.sources),
                zero_data_retention=provider.privacy.zero_data_retention,
                soc2=provider.privacy.soc2,
                hipaa=provider.privacy.hipaa,
                max_context_tokens=price.max_context_tokens,
                regions=tuple(provider.regions),
                priced_as=priced_as,
                privacy_sources=tuple(provider.privacy.sources),
                litellm_key=price.litellm_key,
            )
        )
    out.sort(key=lambda c: (c.monthly_cost_usd, c.provider))
    return tuple(out)


def _charged(price: Price, audio: bool) -> tuple[float, float, Literal["text", "audio"]]:
    """(input, output) per million tokens as billed, and which prices those are."""
    audio_in, audio_out = price.audio_input_per_mtok, price.audio_output_per_mtok
    if audio and audio_in is not None and audio_out is not None:
        return audio_in, audio_out, "audio"
    return price.input_per_mtok, price.output_per_mtok, "text"


def cheapest_monthly_cost(
    prices: Sequence[Price], tokens: int, input_share: float, *, audio: bool = False
) -> float | None:
    """`provider_costs(...)[0].monthly_cost_usd` (None: no price), building no ProviderCost.

    The ranking's re-runs for sensitivity read a hosted candidate's cost alone.
    """
    return min(
        (tokens / MTOK * blended_per_mtok(*_charged(price, audio)[:2], input_share)
         for price in prices),
        default=None,
    )


@frozen
class Rates:
    """What self-hosting GPUs costs this workload: the pricing, the load, the operations."""

    pricing: GpuPricing
    tiers: tuple[PriceTier, ...]
    peak_to_mean: float
    peak_utilization: float
    hours_per_month: float
    operations: Operations
    derate: float = 1.0
    """An estimated throughput is divided by this (the pessimistic case); a measured one not."""
    _prices: dict[int, tuple[Gpu, GpuPrice | None]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    """id(gpu) -> (that GPU, its price at this pricing): looked up once per GPU object, as
    sizing costs many options (the GPU is kept, so its id cannot be reused meanwhile)."""

    @property
    def key(self) -> tuple[str, tuple[str, ...], float, float, float, float]:
        """What the costs depend on besides the catalog (the memo key)."""
        return (self.pricing.value, tuple(t.value for t in self.tiers), self.peak_to_mean,
                self.peak_utilization, self.hours_per_month, self.derate)

    def tokens_per_s(self, tp: Throughput) -> float:
        """A replica's throughput as these rates count it: estimates derated, measurements not."""
        return tp.total_tokens_per_s / self.derate if tp.estimate else tp.total_tokens_per_s

    def pessimistic(self, uncertainty: float) -> Rates:
        """The same rates with estimated throughputs divided by `uncertainty`."""
        return replace(self, derate=uncertainty)

    @property
    def utilization(self) -> float:
        """Mean utilization: replicas are sized to run at peak_utilization at the peak."""
        return self.peak_utilization / self.peak_to_mean

    def price(self, gpu: Gpu) -> GpuPrice | None:
        """The GPU's hourly price at this pricing, in the policy's preferred tier.

        A GPU with no reserved price recorded is costed on demand (never cheaper than a
        commitment); the hardware block names the pricing used.
        """
        cached = self._prices.get(id(gpu))
        if cached is not None and cached[0] is gpu:
            return cached[1]
        found = gpu.price(self.pricing, self.tiers)
        if found is None and self.pricing is GpuPricing.RESERVED:
            found = gpu.price(GpuPricing.ON_DEMAND, self.tiers)
        self._prices[id(gpu)] = (gpu, found)
        return found

    def hourly(self, gpu: Gpu) -> float | None:
        """The GPU's hourly price in USD at this pricing (`price`), None where it has none."""
        price = self.price(gpu)
        return None if price is None else price.usd_per_hour

    @property
    def price_key(self) -> tuple[str, tuple[str, ...]]:
        """What `price` depends on besides the GPU."""
        return (self.pricing.value, tuple(t.value for t in self.tiers))

    def ops(self, gpus: int) -> float:
        """Operations cost of a fleet of this many GPUs a month."""
        return self.operations.monthly_usd(gpus)

    def other(self) -> Rates:
        """The same workload paying for GPUs the other way."""
        on_demand = self.pricing is GpuPricing.ON_DEMAND
        flipped = GpuPricing.RESERVED if on_demand else GpuPricing.ON_DEMAND
        return replace(self, pricing=flipped, _prices={})


def rates_for(answers: Answers, catalog: Catalog) -> Rates:
    """The rates the answers and the policy set."""
    sizing = catalog.policy.sizing
    return Rates(
        pricing=GpuPricing(answers.gpu_pricing),
        tiers=tuple(sizing.price_tiers),
        peak_to_mean=answers.peak_to_mean,
        peak_utilization=sizing.peak_utilization,
        hours_per_month=sizing.hours_per_month,
        operations=catalog.policy.operations,
    )


def monthly_capacity(tokens_per_s: float, rates: Rates) -> float:
    """Tokens one replica serves a month at the workload's mean utilization."""
    return tokens_per_s * SECONDS_PER_HOUR * rates.hours_per_month * rates.utilization


def replicas_for(tokens: float, tokens_per_s: float, rates: Rates) -> int:
    """Replicas a monthly volume needs at its peak (at least one)."""
    return max(1, math.ceil(tokens / max(monthly_capacity(tokens_per_s, rates), 1e-9)))


def request_for(
    input_share: float,
    min_context_tokens: int | None,
    sizing: Sizing,
    *,
    latency: Latency = "interactive",
    avg_tokens: tuple[int, int] | None = None,
) -> Request:
    """The request shape advice sizes for.

    The answers' average request where given, else the policy's tokens per request split by
    the input share; the context one request must hold is the larger of the request and
    `min_context_tokens`.
    """
    if avg_tokens is not None:
        inp, output = avg_tokens
    else:
        output = max(1, round(sizing.request_tokens * (1 - input_share)))
        inp = max(0, sizing.request_tokens - output)
    context = max(inp + output, min_context_tokens or 0)
    return Request(inp, output, context, latency=latency)


def workload_request(answers: Answers, sizing: Sizing) -> Request:
    """The request of one workload's answers."""
    avg = (
        (answers.avg_input_tokens, answers.avg_output_tokens)
        if answers.avg_input_tokens is not None and answers.avg_output_tokens is not None
        else None
    )
    return request_for(
        answers.input_share, answers.min_context_tokens, sizing,
        latency=answers.latency, avg_tokens=avg,
    )


@frozen
class _Fleet:
    """A configuration's fleet for a volume: its price, replicas and monthly costs."""

    price: GpuPrice
    capacity: float
    replicas: int
    gpus: int
    gpu_cost: float
    overhead: float


def _fleet(sized: Sized, tokens: int, rates: Rates) -> _Fleet | None:
    """The fleet a volume needs of this configuration; None: it cannot be costed."""
    config, tp = sized.config, sized.throughput
    assert tp is not None
    price = rates.price(config.gpu)
    if price is None:
        return None
    capacity = monthly_capacity(rates.tokens_per_s(tp), rates)
    per_replica = config.gpus * price.usd_per_hour * rates.hours_per_month
    # The schema's ranges keep these finite; a replica that serves next to nothing, or a fleet
    # that costs more than a float can hold, cannot be costed, so it is not a candidate.
    needed = tokens / capacity if capacity > 0 else math.inf
    if not math.isfinite(max(needed, 1.0) * per_replica) or needed > 1e12:
        return None
    replicas = max(1, math.ceil(needed))
    fleet = replicas * config.gpus
    return _Fleet(price, capacity, replicas, fleet, replicas * per_replica, rates.ops(fleet))


def _hardware(
    model: Model, sized: Sized, tokens: int, catalog: Catalog, rates: Rates
) -> Hardware | None:
    found = _fleet(sized, tokens, rates)
    return None if found is None else _costed(model, sized, found, catalog, rates)


def _costed(
    model: Model, sized: Sized, costs: _Fleet, catalog: Catalog, rates: Rates
) -> Hardware:
    sizing = catalog.policy.sizing
    config, mem, tp = sized.config, sized.memory, sized.throughput
    assert tp is not None and model.parameters.total_b is not None
    gpu, price, capacity, replicas = config.gpu, costs.price, costs.capacity, costs.replicas
    fleet, overhead, gpu_cost = costs.gpus, costs.overhead, costs.gpu_cost
    estimates = []
    if tp.estimate:
        estimates.append(f"throughput {tp.total_tokens_per_s:,.0f} tokens/s per replica")
    if mem.weights_estimate:
        estimates.append(f"weights {mem.weights_gb:,.1f} GB ({mem.weights_basis})")
    if price.estimate:
        estimates.append(f"{gpu.name} at ${price.usd_per_hour:,.2f}/GPU-hour")
    if model.parameters.estimate:
        estimates.append(f"{model.name} parameter count")
    if rates.operations.estimate:
        estimates.append(f"operations ${overhead:,.0f}/month for {fleet} GPUs")
    assert model.shape is not None
    sources = [*model.shape.sources, *gpu.sources, *price.sources, *sizing.sources,
               *rates.operations.sources]
    if tp.benchmark is not None:
        bench = next(b for b in catalog.benchmarks if b.id == tp.benchmark)
        sources += bench.sources
    return Hardware(
        gpu=gpu.id,
        gpu_name=gpu.name,
        gpus_per_replica=config.gpus,
        precision=config.precision.value,
        bytes_per_param=sizing.bytes_per_param[config.precision],
        total_params_b=model.parameters.total_b,
        weights_gb=mem.weights_gb,
        headroom_fraction=(mem.required_gb - mem.weights_gb) / mem.weights_gb,
        required_gb=mem.required_gb,
        memory_gb_per_replica=mem.total_gb,
        throughput_tokens_per_s=tp.total_tokens_per_s,
        utilization=rates.utilization,
        capacity_tokens_per_month=capacity,
        replicas=replicas,
        gpu_hourly_usd=price.usd_per_hour,
        hours_per_month=rates.hours_per_month,
        gpu_cost_usd=gpu_cost,
        ops_overhead_usd=overhead,
        monthly_cost_usd=gpu_cost + overhead,
        estimates=tuple(estimates),
        sources=tuple(dict.fromkeys(sources)),
        context_tokens=sized.request.context_tokens,
        input_tokens=sized.request.input_tokens,
        output_tokens=sized.request.output_tokens,
        latency=sized.request.latency,
        kv_bytes_per_token=mem.kv_bytes_per_token,
        max_concurrency=mem.max_concurrency,
        memory=mem,
        throughput=tp,
        compute_precision=sized.compute_precision.value,
        weight_only=sized.weight_only,
        notes=sized.notes,
        gpu_pricing=price.pricing.value,
        price_tier=price.tier.value,
        price_provider=price.provider,
        peak_to_mean=rates.peak_to_mean,
        peak_utilization=rates.peak_utilization,
        fleet_gpus=fleet,
        checkpoint=next(
            (c.repo for c in model.shape.checkpoints if c.precision is config.precision), None
        ),
    )


def cost_key(
    sized: Sized, tokens: int | None, rates: Rates
) -> tuple[float, int, str, str]:
    """Cheapest first: monthly GPU cost at the volume, else cost per token at saturation.

    A GPU without a price at the workload's pricing sorts last (it cannot be costed).
    """
    tp = sized.throughput
    assert tp is not None
    price = rates.price(sized.config.gpu)
    if price is None:
        return (math.inf, sized.config.gpus, sized.config.gpu.id, sized.config.precision.value)
    hourly = sized.config.gpus * price.usd_per_hour
    if tokens is None:
        value = hourly / max(rates.tokens_per_s(tp), 1e-9)
    else:
        value = replicas_for(tokens, rates.tokens_per_s(tp), rates) * hourly
    return (value, sized.config.gpus, sized.config.gpu.id, sized.config.precision.value)


def size_self_hosted(
    model: Model, tokens: int, catalog: Catalog, request: Request, rates: Rates
) -> Hardware | None:
    """The cheapest configuration that fits the request, costed for the volume.

    Memoized per catalog: sensitivity asks again for every answer and volume it tries.
    """
    key = ("self_hosted", model.id, tokens, request, rates.key)
    if key in catalog.memo:
        return cast("Hardware | None", catalog.memo[key])
    found = _cheapest_fleet(model, tokens, catalog, request, rates)
    hardware = None if found is None else _costed(model, *found, catalog, rates)
    catalog.memo[key] = hardware
    return hardware


def self_hosted_cost(
    model: Model, tokens: int, catalog: Catalog, request: Request, rates: Rates
) -> float | None:
    """`size_self_hosted(...).monthly_cost_usd` (None: no costed fit), building no Hardware.

    The ranking's re-runs for sensitivity read a self-hosted candidate's cost alone.
    """
    found = _cheapest_fleet(model, tokens, catalog, request, rates)
    return None if found is None else found[1].gpu_cost + found[1].overhead


def _cheapest_fleet(
    model: Model, tokens: int, catalog: Catalog, request: Request, rates: Rates
) -> tuple[Sized, _Fleet] | None:
    """The cheapest configuration by `cost_key` that can be costed, and its fleet."""
    if sizable(model) is not None:
        return None
    key = ("cheapest_fleet", model.id, tokens, request, rates.key)
    if key in catalog.memo:
        return cast("tuple[Sized, _Fleet] | None", catalog.memo[key])

    def order(sized: Sized) -> tuple[float, int, str, str]:
        return cost_key(sized, tokens, rates)

    best = cheapest(model, request, catalog, order, rates.hourly, rates.price_key)
    found = None if best is None else _fleet(best, tokens, rates)
    out = None if best is None or found is None else (best, found)
    if best is not None and found is None:  # it cannot be costed: take the next that can
        options = sorted(fitting(model, request, catalog), key=order)
        out = next(((s, f) for s in options if (f := _fleet(s, tokens, rates))), None)
    catalog.memo[key] = out
    return out
