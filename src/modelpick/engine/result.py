"""What the engine returns: plain, immutable data that renderers turn into text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from modelpick.catalog.schema import DeploymentMode as DeploymentMode
from modelpick.engine.answers import Answers
from modelpick.sizing.model import Memory, Throughput

# DeploymentMode is re-exported: it is the Advice's vocabulary, and renderers take it from here
# rather than from the catalog (tests/test_layering.py).


# --- the catalog facts a renderer needs (engine/facts.py copies them from the catalog) ------


@dataclass(frozen=True)
class LicenseFacts:
    """A license as the advice cites it: its verdicts and its restrictions, as data."""

    id: str
    name: str
    permissive: bool
    commercial_use: bool
    mau_threshold: int | None
    geography: tuple[str, ...]
    """Every region a geography clause withholds rights in."""
    acceptable_use_policy: bool
    naming_requirement: bool

    @property
    def clauses(self) -> str:
        """The restrictions in a few words, or an empty string (the one wording of them)."""
        parts = []
        if self.mau_threshold is not None:
            parts.append(f"{self.mau_threshold:,} MAU threshold")
        if self.geography:
            parts.append("geography clause: " + ", ".join(self.geography))
        if self.acceptable_use_policy:
            parts.append("acceptable-use policy")
        if self.naming_requirement:
            parts.append("naming requirement")
        return "; ".join(parts)


@dataclass(frozen=True)
class Disagreement:
    """Sources that disagree on one of a model's facts, and which claim the catalog uses."""

    field: str
    claims: tuple[tuple[str, str], ...]
    """(value as written, source id) for each claim."""
    chosen: str
    reason: str


@dataclass(frozen=True)
class ModelFacts:
    """What the catalog says about a candidate model, beyond its id and name."""

    license: LicenseFacts
    closed_weights: bool
    chinese_origin: bool
    """The origin is in the policy's list of Chinese origin countries."""
    context_tokens: int | None
    total_params_b: float | None
    active_params_b: float | None
    architecture: str | None
    params_estimate: bool
    disagreements: tuple[Disagreement, ...]


@dataclass(frozen=True)
class SourceRow:
    """A source the advice cites; `known` is false for an id the catalog does not list."""

    id: str
    known: bool
    title: str = ""
    kind: str = ""
    publisher: str | None = None
    url: str | None = None
    file: str | None = None
    published: dt.date | None = None
    accessed: dt.date | None = None


@dataclass(frozen=True)
class CatalogFacts:
    """The catalog the advice was decided against: its identity, age and staleness policy."""

    version: str
    schema_version: int
    as_of: dt.date
    staleness_days: int
    revisit_by: dt.date
    """`as_of` plus the staleness limit (dt.date.max if that overflows)."""
    description: str | None = None
    changelog: tuple[ChangeFacts, ...] = ()
    """Newest first, as catalog.yaml lists it (user templates may show it)."""


@dataclass(frozen=True)
class ChangeFacts:
    """One changelog entry of the catalog."""

    version: str
    date: dt.date
    changes: tuple[str, ...]


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class CostPoint:
    """Monthly costs at one volume: the chart's data."""

    monthly_tokens: float
    hosted_usd: float
    on_demand_usd: float | None
    reserved_usd: float | None


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Choice:
    """Why the primary leads its mode's rated models: rank, right-sizing or cost."""

    rule: Literal["rank", "right_sized", "cost_ordered"]
    reason: str
    preferred: str | None = None
    """The higher-ranked model passed over (right-sizing), if any."""
    preferred_name: str | None = None
    preferred_monthly_cost_usd: float | None = None


@dataclass(frozen=True)
class Candidate:
    """A model that survived every filter, costed for the mode it would run in."""

    model: str
    name: str
    vendor: str
    origin: str
    license: str
    mode: DeploymentMode
    rank_source: str
    """Which policy list ranked it (e.g. `picks.hosted_open_weights_api.classification`)."""
    providers: tuple[ProviderCost, ...]
    hardware: Hardware | None
    monthly_cost_usd: float | None
    facts: ModelFacts
    rank: int = 0
    """Its place in the policy's order (0 first); rated models come before unranked ones."""
    rated: bool = True
    """A pick list for the mode and task names it (unranked models are a last resort)."""
    rationale: str | None = None
    """The policy's one line on why it is in its list."""
    rationale_sources: tuple[str, ...] = ()
    rationale_judgement: bool = False
    dropped_providers: tuple[ProviderDrop, ...] = ()
    """Providers of the model that cannot serve this workload, with the reason."""


@dataclass(frozen=True)
class Exclusion:
    """A model a hard filter removed, with the rule and the fact that fired."""

    model: str
    rule: str
    reason: str
    model_name: str = ""
    """The model's display name (the renderers' heading for it); not part of the JSON."""
    modes: tuple[DeploymentMode, ...] = ()
    """The modes it excludes the model in; empty: every mode."""


@dataclass(frozen=True)
class ProviderDrop:
    """A provider that cannot serve this workload's requests, and why."""

    provider: str
    provider_name: str
    reason: str


@dataclass(frozen=True)
class Step:
    """One node of the tree as this workload walked it."""

    node: str
    answer: bool
    effect: str
    """What the answer did, and why."""
    mode: DeploymentMode | None = None
    """The mode this step chose; None when it went on (or only filtered)."""


@dataclass(frozen=True)
class Skip:
    """A question no answer to which can change the advice, and why."""

    key: str
    reason: str


@dataclass(frozen=True)
class Fallback:
    """The chosen mode had no survivor; the engine moved to the nearest allowed one."""

    from_mode: DeploymentMode
    to_mode: DeploymentMode
    reason: str


# --- what would change it (sensitivity.py computes these) ---------------------------------


@dataclass(frozen=True)
class Outcome:
    """A recommendation reduced to what decides it: the mode and the primary model."""

    deployment: DeploymentMode | None
    model: str | None

    @classmethod
    def of(cls, advice: Advice) -> Outcome:
        """The outcome of one engine run."""
        return cls(advice.deployment, advice.primary.model if advice.primary else None)


@dataclass(frozen=True)
class AnswerFlip:
    """One answer changed on its own, and the recommendation it leads to."""

    key: str
    change: str
    """What was changed, in words: `cost_dominant: false -> true`, `drop CN from ...`."""
    to: Outcome


Direction = Literal["up", "down"]


@dataclass(frozen=True)
class VolumeFlip:
    """The monthly volume at which the recommendation changes, in one direction."""

    direction: Direction
    monthly_tokens: int
    """The first volume (going that way) with the other recommendation."""
    to: Outcome
    via: Literal["crossover", "search"]


@dataclass(frozen=True)
class PriceFlip:
    """How far the primary's price must rise before an alternative costs less."""

    model: str
    provider: str
    monthly_cost_usd: float
    alternative: str
    alternative_provider: str
    alternative_monthly_cost_usd: float
    percent: float
    """0 when the alternative is already cheaper (the policy ranks on more than price)."""


@dataclass(frozen=True)
class CostFlip:
    """A price or load at which self-hosting and hosting cost the same at this volume."""

    figure: Literal["gpu_hourly_usd", "hosted_per_mtok", "mean_utilization"]
    current: float
    break_even: float
    direction: Direction
    """Which way the figure must move for the other mode to win."""
    reachable: bool
    """False for a utilization above 100%."""


@dataclass(frozen=True)
class Sensitivity:
    """Everything that would change one recommendation."""

    current: Outcome
    flips: tuple[AnswerFlip, ...]
    unchanged: tuple[str, ...]
    """Changes that were tried and leave the recommendation as it is."""
    volume: tuple[VolumeFlip, ...]
    price: PriceFlip | None
    engine_runs: int
    costs: tuple[CostFlip, ...] = ()
    """From the crossover: the GPU price, hosted price and utilization at which the two meet."""


@dataclass(frozen=True)
class Advice:
    """The engine's whole answer for one workload."""

    catalog: CatalogFacts
    """The catalog's identity and staleness policy, for renderers."""
    answers: Answers
    assumed: tuple[str, ...]
    deployment: DeploymentMode | None
    tree_mode: DeploymentMode
    """The mode the five nodes chose, before any fallback."""
    primary: Candidate | None
    alternatives: tuple[Candidate, ...]
    path: tuple[Step, ...]
    excluded: tuple[Exclusion, ...]
    fallback: Fallback | None
    warnings: tuple[str, ...]
    crossover: Crossover | None
    sources: tuple[str, ...] = field(default=())
    """Every catalog source the recommendation rests on."""
    skipped: tuple[Skip, ...] = field(default=())
    """Node questions that cannot change this advice, and why (the prompts skip them)."""
    sensitivity: Sensitivity | None = None
    """What would change this recommendation (`decide` re-runs the engine to find out)."""
    source_rows: tuple[SourceRow, ...] = field(default=())
    """`sources`, each with what the catalog says about it."""
    hosted_provider_name: str | None = None
    """The display name of the crossover's hosted provider, when the catalog lists it."""
    choice: Choice | None = None
    """Why the primary leads: the policy's rank, right-sizing, or cost among equals."""

    @property
    def catalog_version(self) -> str:
        """The version of the catalog the advice was decided against."""
        return self.catalog.version

    @property
    def catalog_as_of(self) -> dt.date:
        """The date of that catalog's figures."""
        return self.catalog.as_of

    @property
    def deciding_step(self) -> Step | None:
        """The step whose answer chose the tree's mode."""
        return next((step for step in self.path if step.mode is not None), None)
