"""The base every catalog model shares."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Base for every catalog model: unknown keys are errors, values are immutable.

    Scalars are strict field by field (StrictStr, strict numbers) so that YAML's "3" is not a
    number; enums and dates stay lax so their YAML spelling validates.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
