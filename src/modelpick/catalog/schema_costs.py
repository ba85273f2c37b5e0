"""The catalog's schema for money and promises: operations cost, right-sizing, privacy.

Split from `schema` (which re-exports every name, so `schema.X` stays the one way to name them).
"""

from __future__ import annotations

from typing import Annotated

from modelpick.catalog.base import Strict
from modelpick.catalog.fields import Id, OpsOverhead, SourceRefs, Text, figure
from modelpick.declare import Field, StrictBool


class Privacy(Strict):
    """What a provider offers on data handling; null where unknown."""

    zero_data_retention: StrictBool | None = None
    soc2: StrictBool | None = None
    hipaa: StrictBool | None = None
    sources: list[Id] = Field(default_factory=list)
    note: Text | None = None


class Operations(Strict):
    """What running inference costs in people: a floor, then engineers per GPU fleet."""

    floor_usd_per_month: OpsOverhead = Field(
        description="the least a self-hosted deployment costs to operate (on-call cover)"
    )
    engineer_usd_per_month: OpsOverhead = Field(description="one engineer, fully loaded")
    gpus_per_engineer: Annotated[float, figure(ge=1, le=1_000_000, unit="GPUs")]
    estimate: StrictBool = True
    sources: SourceRefs
    note: Text | None = None

    def monthly_usd(self, gpus: int) -> float:
        """Operations cost of a fleet of this many GPUs."""
        engineers = gpus / self.gpus_per_engineer
        return max(self.floor_usd_per_month, engineers * self.engineer_usd_per_month)


class FailoverShares(Strict):
    """The shares of traffic each documented fallback route is costed at."""

    provider_share: Annotated[float, figure(ge=0, le=1, unit="a fraction")] = Field(
        0.05, description="traffic another provider of the same model takes in an outage"
    )
    retry_share: Annotated[float, figure(ge=0, le=1, unit="a fraction")] = Field(
        0.05, description="requests retried on the smaller model when the primary times out"
    )
    overflow_share: Annotated[float, figure(ge=0, le=1, unit="a fraction")] = Field(
        0.10, description="self-hosted traffic sent to a hosted API beyond the fleet's capacity"
    )
    sources: list[Id] = Field(default_factory=list)
    note: Text | None = None


class Confirmation(Strict):
    """The eval gate a candidate must pass before a team switches to it (MADR Confirmation)."""

    metrics: list[Text] = Field(default_factory=list, description="what the gate measures")
    rule: Text | None = Field(None, description="how a candidate passes")
    practice: list[Text] = Field(default_factory=list, description="how to run the gate")
    sources: list[Id] = Field(default_factory=list)


class RecordDrift(Strict):
    """When `adr check` calls a recorded decision's cost drifted."""

    cost_change: Annotated[float, figure(ge=0, le=100, unit="a share")] = Field(
        0.25,
        description="a recorded pick whose monthly cost moved by more than this share (either "
        "way) drifted",
    )
    sources: list[Id] = Field(default_factory=list)
    note: Text | None = None


class RightSizing(Strict):
    """When a cheaper model the policy rates for the task replaces the higher-ranked one."""

    cost_factor: Annotated[float, figure(ge=1, le=1000, unit="a cost ratio")] = Field(
        description="the higher-ranked pick stays while it costs at most this many times the "
        "cheapest rated one"
    )
    min_saving_usd_per_month: OpsOverhead = Field(
        description="a saving below this never replaces the higher-ranked pick"
    )
    warn_factor: Annotated[float, figure(ge=1, le=1000, unit="a cost ratio")] = Field(
        description="warn when the pick costs more than this many times the next rated one"
    )
    sources: SourceRefs
    note: Text | None = None
