"""The base every catalog type shares."""

from __future__ import annotations

from modelpick.catalog.record import Record


class Strict(Record):
    """Base for every catalog type: a plain, immutable record (see `record`).

    Validation refuses unknown keys; scalars are strict field by field (StrictStr, strict
    numbers) so that YAML's "3" is not a number; enums and dates stay lax so their YAML
    spelling validates (`validators.StrictModel` holds that configuration).
    """
