"""The catalog's schema for licenses: their verdicts and their restrictions, as data.

Split from `schema` (which re-exports every name, so `schema.X` stays the one way to name them).
"""

from __future__ import annotations

from typing import Annotated, Literal

from modelpick.catalog.base import Strict
from modelpick.catalog.fields import LicenseId, Region, SourceRefs, Text, UserCount
from modelpick.declare import Field, StrictBool


class GeographyClause(Strict):
    """A license clause that withholds rights in a region."""

    regions: list[Region] = Field(min_length=1)
    applies_to: Literal["all_models", "multimodal_models"]
    quote: Text | None = Field(None, description="the clause's own words")
    note: Text | None = None


class Attribution(Strict):
    """A duty to credit the model that binds only above a scale (Kimi K2's modified MIT)."""

    mau: UserCount | None = Field(None, description="monthly active users above which it binds")
    monthly_revenue_usd: Annotated[float, Field(ge=0, le=1e13, allow_inf_nan=False)] | None = None
    requirement: Text = Field(description="what the licensee must do, in the license's words")


class Restrictions(Strict):
    """A license's restrictions, as data the engine can test."""

    mau_threshold: UserCount | None = Field(
        None, description="monthly active users above which a separate license is needed"
    )
    geography: list[GeographyClause] = Field(default_factory=list)
    acceptable_use_policy: StrictBool = False
    non_commercial: StrictBool = False
    research_only: StrictBool = False
    attribution: Attribution | None = Field(
        None, description="an attribution duty that binds only above a scale"
    )
    naming_requirement: StrictBool = Field(
        False, description="derivatives must carry the licensor's name or branding"
    )


class License(Strict):
    id: LicenseId
    name: Text
    kind: Literal["open", "proprietary"]
    spdx: StrictBool = Field(description="true when `id` is an SPDX license-list identifier")
    permissive: StrictBool
    commercial_use: StrictBool
    restrictions: Restrictions = Field(default_factory=Restrictions)
    url: Text | None = None
    sources: SourceRefs
    note: Text | None = None


class LicensesFile(Strict):
    licenses: list[License]
