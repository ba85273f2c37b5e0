"""What the engine returns: plain, immutable data that renderers turn into text."""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from typing import Literal

from modelpick.catalog.schema import DeploymentMode as DeploymentMode
from modelpick.engine.answers import Answers
from modelpick.engine.result_costs import Choice as Choice
from modelpick.engine.result_costs import CostPoint as CostPoint
from modelpick.engine.result_costs import Crossover as Crossover
from modelpick.engine.result_costs import Hardware as Hardware
from modelpick.engine.result_costs import PricingCase as PricingCase
from modelpick.engine.result_costs import ProviderCost as ProviderCost
from modelpick.engine.result_plan import Failover as Failover
from modelpick.engine.result_plan import Route as Route
from modelpick.engine.result_plan import Timeline as Timeline
from modelpick.engine.result_plan import TimelineMonth as TimelineMonth
from modelpick.frozen import frozen

# DeploymentMode is re-exported: it is the Advice's vocabulary, and renderers take it from here
# rather than from the catalog (tests/test_layering.py).


# --- the catalog facts a renderer needs (engine/facts.py copies them from the catalog) ------


@frozen
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
    attribution_mau: int | None = None
    attribution_revenue_usd: float | None = None
    attribution: str | None = None
    """An attribution duty binding only above `attribution_mau` users or that revenue."""
    sources: tuple[str, ...] = ()

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
        if self.attribution:
            scale = [f"{self.attribution_mau:,} MAU"] if self.attribution_mau else []
            if self.attribution_revenue_usd:
                scale.append(f"${self.attribution_revenue_usd:,.0f} monthly revenue")
            parts.append("attribution above " + " or ".join(scale) if scale else "attribution")
        return "; ".join(parts)


@frozen
class Disagreement:
    """Sources that disagree on one of a model's facts, and which claim the catalog uses."""

    field: str
    claims: tuple[tuple[str, str], ...]
    """(value as written, source id) for each claim."""
    chosen: str
    reason: str


@frozen
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
    sources: tuple[str, ...] = ()
    """The catalog's sources for the model's facts (origin, context, parameters, tasks)."""


@frozen
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


@frozen
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
    policy_sources: tuple[str, ...] = ()
    """The sources of the policy itself: the articles the decision tree comes from."""
    gate_metrics: tuple[str, ...] = ()
    """The eval gate before a switch (policy.confirmation): what it measures ..."""
    gate_rule: str | None = None
    """... how a candidate passes ..."""
    gate_practice: tuple[str, ...] = ()
    """... and how to run it."""
    gate_sources: tuple[str, ...] = ()
    failover_sources: tuple[str, ...] = ()
    """The sources of the failover shares (policy.failover)."""


@frozen
class ChangeFacts:
    """One changelog entry of the catalog."""

    version: str
    date: dt.date
    changes: tuple[str, ...]


@frozen
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


@frozen
class Exclusion:
    """A model a hard filter removed, with the rule and the fact that fired."""

    model: str
    rule: str
    reason: str
    model_name: str = ""
    """The model's display name (the renderers' heading for it); not part of the JSON."""
    modes: tuple[DeploymentMode, ...] = ()
    """The modes it excludes the model in; empty: every mode."""

    @property
    def scope(self) -> str:
        """`(self-hosting only) ` and the like when it excludes in some modes only, else ''."""
        if not self.modes:
            return ""
        words = {DeploymentMode.SELF_HOSTED: "self-hosting", DeploymentMode.HOSTED_OPEN:
                 "hosted APIs", DeploymentMode.CLOSED_API: "closed APIs"}
        if set(self.modes) == {DeploymentMode.HOSTED_OPEN, DeploymentMode.CLOSED_API}:
            return "(API modes only) "
        return "(" + " and ".join(words[m] for m in self.modes) + " only) "


@frozen
class ProviderDrop:
    """A provider that cannot serve this workload's requests, and why."""

    provider: str
    provider_name: str
    reason: str


@frozen
class Step:
    """One node of the tree as this workload walked it."""

    node: str
    answer: bool
    effect: str
    """What the answer did, and why."""
    mode: DeploymentMode | None = None
    """The mode this step chose; None when it went on (or only filtered)."""


@frozen
class Skip:
    """A question no answer to which can change the advice, and why."""

    key: str
    reason: str


@frozen
class Fallback:
    """The chosen mode had no survivor; the engine moved to the nearest allowed one."""

    from_mode: DeploymentMode
    to_mode: DeploymentMode
    reason: str


# --- what would change it (sensitivity.py computes these) ---------------------------------


@frozen
class Outcome:
    """A recommendation reduced to what decides it: the mode and the primary model."""

    deployment: DeploymentMode | None
    model: str | None

    @classmethod
    def of(cls, advice: Advice) -> Outcome:
        """The outcome of one engine run."""
        return cls(advice.deployment, advice.primary.model if advice.primary else None)


@frozen
class AnswerFlip:
    """One answer changed on its own, and the recommendation it leads to."""

    key: str
    change: str
    """What was changed, in words: `cost_dominant: false -> true`, `drop CN from ...`."""
    to: Outcome


Direction = Literal["up", "down"]


@frozen
class VolumeFlip:
    """The monthly volume at which the recommendation changes, in one direction."""

    direction: Direction
    monthly_tokens: int
    """The first volume (going that way) with the other recommendation."""
    to: Outcome
    via: Literal["crossover", "search"]


@frozen
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


@frozen
class CostFlip:
    """A price or load at which self-hosting and hosting cost the same at this volume."""

    figure: Literal["gpu_hourly_usd", "hosted_per_mtok"]
    current: float
    break_even: float
    direction: Direction
    """Which way the figure must move for the other mode to win."""


@frozen
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


@frozen
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
    failover: Failover | None = None
    """The documented fallback: another provider, a retry model, a hosted overflow."""
    timeline: Timeline | None = None
    """With `monthly_growth` given: when the recommendation changes over the horizon."""

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
