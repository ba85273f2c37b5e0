"""`portfolio --format markdown`: the routed, costed hybrid stack as a Markdown report.

Text from the portfolio file (workload names, error messages) is escaped exactly as in the
rationale report: every `{{ value }}` goes through report/escape.py unless it is `Md`.
"""

from __future__ import annotations

import re
from typing import Any

from modelpick.engine.portfolio import Portfolio
from modelpick.engine.result import DeploymentMode
from modelpick.report import words
from modelpick.report.escape import Md, finalize, md_code, mermaid_text, table_cell
from modelpick.report.plan_text import estate_lines, failover_lines

_MODE_IDS = {
    DeploymentMode.CLOSED_API: "closed",
    DeploymentMode.HOSTED_OPEN: "hosted",
    DeploymentMode.SELF_HOSTED: "selfhosted",
}


def _ident(prefix: str, text: str) -> str:
    return prefix + "_" + re.sub(r"[^A-Za-z0-9]", "_", text)


def stack_mermaid(portfolio: Portfolio) -> str:
    """The hybrid stack as a Mermaid `flowchart LR`: workloads -> model, models grouped by mode."""
    lines = ["flowchart LR", '    subgraph workloads["Workloads"]']
    for index, route in enumerate(portfolio.routes):
        lines.append(f'        w{index}["{mermaid_text(route.workload)}"]')
    lines.append("    end")
    lines.append('    none["no recommendation"]')
    for mode, mode_id in _MODE_IDS.items():
        models = sorted({r.model for r in portfolio.routes if r.mode is mode and r.model})
        if not models:
            continue
        lines.append(f'    subgraph {mode_id}["{mermaid_text(words.MODE_LABELS[mode])}"]')
        for model in models:
            lines.append(f'        {_ident(mode_id, model)}["{mermaid_text(model)}"]')
        lines.append("    end")
    for index, route in enumerate(portfolio.routes):
        if route.mode is None or route.model is None:
            lines.append(f"    w{index} -.-> none")
            continue
        cost = mermaid_text(words.money(route.monthly_cost_usd) + "/mo")
        lines.append(f'    w{index} -->|"{cost}"| {_ident(_MODE_IDS[route.mode], route.model)}')
    if all(r.model is not None for r in portfolio.routes):
        lines.remove('    none["no recommendation"]')
    return "\n".join(lines) + "\n"


def _environment() -> Any:
    from jinja2 import Environment, StrictUndefined

    from modelpick.report.precompiled import ShippedLoader

    env = Environment(
        loader=ShippedLoader("modelpick.report", "templates"),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["money"] = signed_money
    env.filters["tokens"] = words.tokens
    env.filters["cell"] = table_cell
    env.filters["code"] = md_code
    env.globals["mode_label"] = words.mode_label
    return env


def signed_money(value: float | None) -> Md:
    """Money with the sign in front of the dollar: -$1,200 (our own digits: printed as is)."""
    if value is not None and value < 0:
        return Md("-" + words.money(-value))
    return Md(words.money(value))


def render_portfolio_markdown(portfolio: Portfolio) -> str:
    """The portfolio report as Markdown text."""
    template = _environment().get_template("portfolio.md.j2")
    return str(
        template.render(
            p=portfolio,
            mermaid=Md(stack_mermaid(portfolio)),
            percent=words.percent,
            baselines=(portfolio.closed_baseline, portfolio.self_hosted_baseline),
            estate_lines=estate_lines(portfolio.timeline),
            fallbacks=[(w.name, failover_lines(w.advice)) for w in portfolio.workloads
                       if failover_lines(w.advice)],
            sensitivities=[
                (w.name, words.sensitivity_lines(w.advice.sensitivity))
                for w in portfolio.workloads
                if w.advice.sensitivity is not None
            ],
        )
    )
