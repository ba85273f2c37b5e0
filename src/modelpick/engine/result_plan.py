"""What the engine says beyond the pick: its documented fallback and its timeline.

Plain, immutable data (engine/failover.py and engine/timeline.py compute it), re-exported by
result.py with the rest of the Advice's vocabulary.
"""

from __future__ import annotations

from typing import Literal

from modelpick.catalog.schema import DeploymentMode
from modelpick.frozen import frozen


@frozen
class Route:
    """Where a share of the traffic goes when the primary cannot take it, and what it costs."""

    kind: Literal["provider", "retry_model", "overflow"]
    model: str
    name: str
    mode: DeploymentMode
    provider: str | None
    """The provider serving it; None for self-hosted."""
    provider_name: str | None
    litellm_key: str | None
    """What a gateway calls: the provider's key in LiteLLM's price map."""
    blended_per_mtok: float | None
    share: float
    """The share of the monthly traffic the route is costed at (the policy's)."""
    monthly_cost_usd: float
    """The route's cost at that share."""
    reason: str
    checkpoint: str | None = None
    """Self-hosted: the published checkpoint to serve (a Hugging Face repository)."""


@frozen
class Failover:
    """The recommendation's documented fallback: another provider, a retry model, overflow."""

    provider: Route | None
    retry_model: Route | None
    overflow: Route | None
    notes: tuple[str, ...] = ()
    """Why a route is missing (no other provider, data must stay, no smaller model)."""


@frozen
class TimelineMonth:
    """One month of the horizon: its volume and what the two plans cost."""

    month: int
    """1 is the first month."""
    monthly_tokens: int
    stay_usd: float
    """The recommendation as it is now, at this month's volume."""
    switch_usd: float
    """The recommendation of the month's volume (the same as stay before the switch)."""


@frozen
class Timeline:
    """How the recommendation changes as volume grows over the horizon."""

    monthly_growth: float
    horizon_months: int
    months: tuple[TimelineMonth, ...]
    switch_month: int | None
    """The first month whose volume the engine decides differently; None within the horizon."""
    switch_volume_tokens: int | None
    """The volume at which it changes (the sensitivity's volume flip), if there is one."""
    switch_to_deployment: DeploymentMode | None
    switch_to_model: str | None
    stay_total_usd: float
    switch_total_usd: float
    growth_for_year_earlier: float | None
    """The monthly growth that would bring the switch twelve months earlier (or into the
    horizon's first year), None where no growth can."""
    growth_for_year_later: float | None
    growth_to_switch_within_horizon: float | None
    """Where the switch falls outside the horizon: the growth that brings it to its end."""
    basis: str
    """How the costs are figured, in words."""
