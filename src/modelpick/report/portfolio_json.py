"""`portfolio --format json`: one object with routes, baselines, pools and each advice."""

from __future__ import annotations

import math
from typing import Any

from modelpick.engine.portfolio import Baseline, Pool, Portfolio
from modelpick.report.json_output import _plain, advice_dict
from modelpick.report.json_text import dumps


def _money(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else round(value, 2)


def _baseline(b: Baseline) -> dict[str, Any]:
    return {
        "description": b.description,
        "model": b.model,
        "total_monthly_usd": _money(b.total_usd),
        "portfolio_monthly_usd": _money(b.portfolio_usd),
        "savings_usd": _money(b.savings_usd),
        "savings_fraction": None if b.savings_fraction is None else round(b.savings_fraction, 4),
        "covered": list(b.covered),
        "rows": [
            {
                "workload": r.workload,
                "model": r.model,
                "where": r.where,
                "monthly_cost_usd": _money(r.monthly_cost_usd),
                "note": r.note,
            }
            for r in b.rows
        ],
    }


def _pool(p: Pool) -> dict[str, Any]:
    return {
        "model": p.model,
        "workloads": list(p.workloads),
        "monthly_tokens": p.monthly_tokens,
        "shared_monthly_usd": _money(p.shared_usd),
        "separate_monthly_usd": _money(p.separate_usd),
        "savings_usd": _money(p.savings_usd),
        "shared_hardware": _plain(p.shared),
    }


def portfolio_dict(portfolio: Portfolio) -> dict[str, Any]:
    """The portfolio as plain JSON data."""
    return {
        "catalog_version": portfolio.catalog_version,
        "file": portfolio.file,
        "routing": [
            {
                "workload": r.workload,
                "mode": r.mode.value if r.mode else None,
                "model": r.model,
                "where": r.where,
                "monthly_tokens": r.monthly_tokens,
                "monthly_cost_usd": _money(r.monthly_cost_usd),
            }
            for r in portfolio.routes
        ],
        "total_monthly_usd": _money(portfolio.total_monthly_usd),
        "total_consolidated_usd": _money(portfolio.total_consolidated_usd),
        "baselines": {
            "closed_frontier": _baseline(portfolio.closed_baseline),
            "self_hosted": _baseline(portfolio.self_hosted_baseline),
        },
        "consolidation": [_pool(p) for p in portfolio.pools],
        "timeline": _plain(portfolio.timeline),
        "errors": [
            {
                "workload": e.workload,
                "file": e.file,
                "line": e.line,
                "key": e.key,
                "message": e.message,
            }
            for e in portfolio.errors
        ],
        "workloads": [
            {"workload": w.name, "line": w.line, "advice": advice_dict(w.advice)}
            for w in portfolio.workloads
        ],
    }


def render_portfolio_json(portfolio: Portfolio) -> str:
    """The JSON document, indented, with a trailing newline."""
    return dumps(portfolio_dict(portfolio))
