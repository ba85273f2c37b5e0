"""The `advise --format json` contract: one object, exactly the keys PRODUCT.md lists."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from enum import Enum
from typing import Any

from modelpick.engine.result import Advice, Candidate
from modelpick.report.json_text import dumps

ADVISE_SCHEMA_VERSION = 2
"""The shape of this document: 2 added the crossover's break-evens, pricing cases and chart
series, providers' served windows and regions, the choice and each pick's rationale."""


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, float):  # JSON has no infinity: an unbounded figure is unknown
        return round(value, 6) if math.isfinite(value) else None
    return value


def candidate_dict(candidate: Candidate) -> dict[str, Any]:
    """A candidate as JSON: the contract's keys first, then detail."""
    return {
        "model": candidate.model,
        "providers": _plain(candidate.providers),
        "monthly_cost_usd": _plain(candidate.monthly_cost_usd),
        "hardware": _plain(candidate.hardware),
        "name": candidate.name,
        "vendor": candidate.vendor,
        "origin": candidate.origin,
        "license": candidate.license,
        "mode": candidate.mode.value,
        "rank_source": candidate.rank_source,
        "rated": candidate.rated,
        "rationale": (
            {
                "why": candidate.rationale,
                "sources": list(candidate.rationale_sources),
                "judgement": candidate.rationale_judgement,
            }
            if candidate.rationale
            else None
        ),
        "dropped_providers": _plain(candidate.dropped_providers),
    }


def advice_dict(advice: Advice) -> dict[str, Any]:
    """The advice as the JSON object of the output contract."""
    answers = advice.answers.model_dump(mode="json")
    answers["assumed"] = list(advice.assumed)
    return {
        "schema_version": ADVISE_SCHEMA_VERSION,
        "catalog_version": advice.catalog_version,
        "answers": answers,
        "deployment": advice.deployment.value if advice.deployment else None,
        "primary": (
            {**candidate_dict(advice.primary), "crossover": _plain(advice.crossover)}
            if advice.primary
            else None
        ),
        "alternatives": [candidate_dict(c) for c in advice.alternatives],
        "path": [
            {"node": s.node, "answer": s.answer, "effect": s.effect} for s in advice.path
        ],
        "excluded": [
            {
                "model": e.model,
                "reason": e.reason,
                "rule": e.rule,
                "modes": [m.value for m in e.modes] or None,
            }
            for e in advice.excluded
        ],
        "fallback": (
            {
                "from": advice.fallback.from_mode.value,
                "to": advice.fallback.to_mode.value,
                "reason": advice.fallback.reason,
            }
            if advice.fallback
            else None
        ),
        "warnings": list(advice.warnings),
        "sensitivity": sensitivity_dict(advice),
        "skipped": [{"key": s.key, "reason": s.reason} for s in advice.skipped],
        "choice": _plain(advice.choice),
        "failover": _plain(advice.failover),
        "timeline": _plain(advice.timeline),
    }


def sensitivity_dict(advice: Advice) -> dict[str, Any] | None:
    """What would change the advice, or None when it was not computed."""
    s = advice.sensitivity
    if s is None:
        return None

    def outcome(o: Any) -> dict[str, Any]:
        return {"deployment": o.deployment.value if o.deployment else None, "model": o.model}

    return {
        "flips": [
            {"key": f.key, "change": f.change, "to": outcome(f.to)} for f in s.flips
        ],
        "unchanged": list(s.unchanged),
        "volume": [
            {
                "direction": v.direction,
                "monthly_tokens": v.monthly_tokens,
                "to": outcome(v.to),
                "via": v.via,
            }
            for v in s.volume
        ],
        "price": _plain(s.price),
        "costs": _plain(s.costs),
        "engine_runs": s.engine_runs,
    }


def render_json(advice: Advice) -> str:
    """The JSON document, indented, with a trailing newline."""
    return dumps(advice_dict(advice))
