"""The engine's one entry point: answers, a catalog and a date in, the whole Advice out."""

from __future__ import annotations

import dataclasses
import datetime as dt

from modelpick.catalog.loader import Catalog
from modelpick.engine.answers import ResolvedAnswers
from modelpick.engine.recommend import recommend
from modelpick.engine.result import Advice
from modelpick.engine.sensitivity import sensitivity as what_would_change
from modelpick.engine.timeline import timeline


def decide(
    answers: ResolvedAnswers, catalog: Catalog, today: dt.date, *, sensitivity: bool = True
) -> Advice:
    """Walk the tree, filter, rank and cost; with `sensitivity`, also what would change it.

    `today` is the command's one reading of the clock (it dates the catalog's staleness).
    Sensitivity re-runs the engine a few dozen times; `adr check` needs none.
    """
    advice = recommend(answers, catalog, today)
    if not sensitivity:
        return advice
    changes = what_would_change(advice, catalog, today=today)
    return dataclasses.replace(
        advice, sensitivity=changes, timeline=timeline(advice, changes, catalog, today)
    )
