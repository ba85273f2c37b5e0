"""What the engine returns about money: provider costs, self-hosted hardware, the crossover.

Split from `result` (which re-exports every name, so `result.X` stays the one way to name them).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from modelpick.frozen import frozen
from modelpick.sizing.model import Memory, Throughput


@frozen
class ProviderCost:
    """One provider's price for a model, and what the workload would cost there."""

    provider: str
    provider_name: str
    input_per_mtok: float
    output_per_mtok: float
    blended_per_mtok: float
    monthly_cost_usd: float
    estimate: bool
    as_of: dt.date
    sources: tuple[str, ...]
    zero_data_retention: bool | None
    soc2: bool | None
    hipaa: bool | None
    max_context_tokens: int | None = None
    """The context window this provider serves; None when the catalog does not record it."""
    regions: tuple[str, ...] = ()
    """Where it processes the data; empty when unknown."""
    priced_as: Literal["text", "audio"] = "text"
    """Audio: the workload is realtime voice, priced with the audio-token prices."""
    privacy_sources: tuple[str, ...] = ()
    """The sources of its privacy posture (zero data retention, SOC 2, HIPAA)."""
    litellm_key: str | None = None
    """This provider's key for the model in LiteLLM's price map (what a gateway calls)."""


@frozen
class Hardware:
    """A self-hosting configuration sized for the workload's volume, with its arithmetic.

    `memory` and `throughput` are the blocks `modelpick size` prints for the same
    configuration; the flat figures beside them are kept for readers of older output.
    """

    gpu: str
    gpu_name: str
    gpus_per_replica: int
    precision: str
    bytes_per_param: float
    total_params_b: float
    weights_gb: float
    headroom_fraction: float
    """(required - weights) / weights: KV cache at the context and runtime, over the weights."""
    required_gb: float
    memory_gb_per_replica: float
    throughput_tokens_per_s: float
    utilization: float
    capacity_tokens_per_month: float
    replicas: int
    gpu_hourly_usd: float
    hours_per_month: float
    gpu_cost_usd: float
    ops_overhead_usd: float
    monthly_cost_usd: float
    estimates: tuple[str, ...]
    sources: tuple[str, ...]
    context_tokens: int
    input_tokens: int
    output_tokens: int
    latency: str | None
    kv_bytes_per_token: float
    max_concurrency: int
    memory: Memory
    throughput: Throughput
    compute_precision: str
    weight_only: bool
    notes: tuple[str, ...]
    gpu_pricing: str = "on_demand"
    """How the GPUs are paid for: on_demand or reserved (a one-year commitment)."""
    price_tier: str = "neocloud"
    price_provider: str = ""
    """Who charges `gpu_hourly_usd` (the catalog's source for it)."""
    peak_to_mean: float = 1.0
    peak_utilization: float = 1.0
    """`utilization` is this over `peak_to_mean`: replicas are sized for the peak."""
    fleet_gpus: int = 0
    """replicas x gpus_per_replica: what the operations cost scales with."""
    checkpoint: str | None = None
    """The published checkpoint to serve at `precision` (a Hugging Face repository)."""


@frozen
class PricingCase:
    """Self-hosting the pick at one way of paying for GPUs, against the hosted price."""

    pricing: str
    """on_demand or reserved."""
    gpu_hourly_usd: float
    price_tier: str
    price_provider: str
    self_hosted_monthly_usd: float
    """At the workload's volume."""
    volume_tokens_per_month: float | None
    """Above this volume self-hosting stays cheaper; None when no volume makes it so."""
    break_even_gpu_hourly_usd: float | None
    """The GPU-hour price at which self-hosting costs what hosting does at this volume; None
    when operations alone cost more than hosting."""


@frozen
class CostPoint:
    """Monthly costs at one volume: the chart's data."""

    monthly_tokens: float
    hosted_usd: float
    on_demand_usd: float | None
    reserved_usd: float | None


@frozen
class Crossover:
    """Self-hosting the pick against the cheapest eligible hosted price, and what would tip it."""

    self_hosted_model: str
    hosted_model: str
    hosted_provider: str
    hosted_blended_per_mtok: float
    replica_monthly_usd: float
    replica_capacity_tokens: float
    ops_overhead_usd: float
    """Operations cost of the fleet at the workload's volume."""
    volume_tokens_per_month: float | None
    """At the answered pricing: above this volume self-hosting stays cheaper; None when it
    never does."""
    self_hosted_monthly_usd: float
    hosted_monthly_usd: float
    """Both costs at the workload's own volume."""
    pricing: str = "on_demand"
    cases: tuple[PricingCase, ...] = ()
    """On-demand and reserved, where the GPU has both prices."""
    break_even_gpu_hourly_usd: float | None = None
    """At the answered pricing (see PricingCase)."""
    break_even_hosted_per_mtok: float | None = None
    """The hosted blended price at which hosting costs what self-hosting does at this volume."""
    break_even_utilization: float | None = None
    """The mean utilization at which self-hosting would cost what hosting does (may exceed 1:
    not reachable)."""
    break_even_peak_to_mean: float | None = None
    """The peak-to-mean ratio that gives that utilization (below 1: not reachable)."""
    pessimistic_self_hosted_monthly_usd: float = 0.0
    """With an estimated throughput divided by the catalog's fit band (`throughput_uncertainty`)."""
    throughput_uncertainty: float = 1.0
    margin: float = 0.0
    """Self-hosting must cost at most (1 - margin) x hosting, at its pessimistic estimate."""
    self_hosting_wins: bool = False
    """Whether it does: what node 5 decides on."""
    cost_ratio: float = 0.0
    """Pessimistic self-hosted cost over hosted cost at this volume: how close it was."""
    series: tuple[CostPoint, ...] = ()
    """Monthly cost against volume for the chart, log-spaced, including the workload's volume."""
    utilization: float = 0.0
    """The mean GPU utilization the replica's capacity assumes."""
    any_volume_gpu_hourly_usd: float | None = None
    """Below this GPU-hour price some volume makes self-hosting cheaper (None: none does, as
    one more replica's share of operations alone costs more than its tokens hosted)."""
    any_volume_hosted_per_mtok: float | None = None
    """Above this hosted price some volume makes self-hosting cheaper."""
    decided: bool = False
    """Node 5 chose the mode on this comparison (else it is shown for comparison only)."""
    decision_gpu_hourly_usd: float | None = None
    """The GPU-hour price at which node 5's test flips at this volume: the pessimistic fleet
    costs (1 - margin) x hosting. None when operations alone exceed that."""
    decision_pessimistic_gpu_hourly_usd: float = 0.0
    """The GPU-hour price of the pessimistic fleet now (compare with the one above)."""
    decision_hosted_per_mtok: float | None = None
    """The hosted price at which node 5's test flips at this volume."""


@frozen
class Choice:
    """Why the primary leads its mode's rated models: rank, right-sizing or cost."""

    rule: Literal["rank", "right_sized", "cost_ordered"]
    reason: str
    preferred: str | None = None
    """The higher-ranked model passed over (right-sizing), if any."""
    preferred_name: str | None = None
    preferred_monthly_cost_usd: float | None = None
