"""Terminal rendering of a Portfolio with rich. Shell code: imported only by the CLI."""

from __future__ import annotations

from typing import assert_never

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from modelpick.engine.portfolio import Baseline, Portfolio
from modelpick.engine.result import DeploymentMode
from modelpick.report.plan_text import estate_lines, failover_lines
from modelpick.report.words import mode_label, money, pct, sensitivity_lines, tokens

_SHORT_MODES = {
    DeploymentMode.SELF_HOSTED: "self-hosted",
    DeploymentMode.HOSTED_OPEN: "hosted open",
    DeploymentMode.CLOSED_API: "closed API",
}
"""The routing table's mode column, short enough that model ids keep their width."""


def _routing(p: Portfolio) -> Table:
    table = Table(title="Routing", title_justify="left", box=None, show_footer=True)
    table.add_column("workload", footer="Total")
    table.add_column("mode")
    table.add_column("model", no_wrap=True)  # ids are what readers copy: never elided
    table.add_column("provider or GPUs")
    table.add_column("tokens/month", justify="right", no_wrap=True)
    table.add_column("per month", justify="right", footer=money(p.total_monthly_usd))
    for r in p.routes:
        table.add_row(
            r.workload,
            _SHORT_MODES.get(r.mode, mode_label(r.mode)) if r.mode else mode_label(r.mode),
            r.model or "no recommendation",
            r.where or "",
            tokens(r.monthly_tokens),
            money(r.monthly_cost_usd),
        )
    return table


def _baseline_title(b: Baseline) -> str:
    match b.kind:
        case "closed_frontier":
            return "Closed frontier"
        case "self_hosted":
            return "Self-hosted"
        case _:
            assert_never(b.kind)


def _baseline_line(b: Baseline) -> Text:
    text = Text()
    title = _baseline_title(b)
    text.append(f"{title}: ", style="bold")
    text.append(f"{money(b.total_usd)}/month against {money(b.portfolio_usd)} routed")
    share = f" ({pct(b.savings_fraction)})" if b.savings_fraction is not None else ""
    verb = "saves" if b.savings_usd >= 0 else "costs more by"
    text.append(f"; routing {verb} {money(abs(b.savings_usd))}{share}\n")
    text.append(f"  {b.description}", style="dim")
    missing = len(b.rows) - len(b.covered)
    if missing:
        text.append(f"; {missing} workload(s) not costed under this baseline", style="dim")
    notes = sorted({r.note for r in b.rows if r.note})
    for note in notes:
        count = sum(1 for r in b.rows if r.note == note)
        text.append(f"\n  note ({count}): {note}", style="dim")
    return text


def _baselines(p: Portfolio) -> Panel:
    parts = Text("\n").join(
        [_baseline_line(p.closed_baseline), _baseline_line(p.self_hosted_baseline)]
    )
    return Panel(parts, title="Against the baselines", title_align="left")


def _pools(p: Portfolio) -> RenderableType:
    if not p.pools:
        return Text("Consolidation: no two workloads self-host the same model.")
    table = Table(title="Consolidation: shared GPU pools", title_justify="left", box=None)
    for name in ("model", "workloads", "tokens/month", "shared pool", "separate", "saves"):
        table.add_column(name, justify="right" if name not in ("model", "workloads") else "left")
    for pool in p.pools:
        hw = pool.shared
        table.add_row(
            pool.model,
            ", ".join(pool.workloads),
            tokens(pool.monthly_tokens),
            f"{money(pool.shared_usd)} ({hw.replicas} x {hw.gpus_per_replica} x {hw.gpu_name})",
            money(pool.separate_usd),
            money(pool.savings_usd),
        )
    caption = f"With shared pools: {money(p.total_consolidated_usd)}/month"
    return Group(table, Text(caption))


def _sensitivities(p: Portfolio) -> RenderableType | None:
    text = Text()
    for item in p.workloads:
        if item.advice.sensitivity is None:
            continue
        text.append(f"{item.name}: ", style="bold")
        text.append("; ".join(sensitivity_lines(item.advice.sensitivity)) + "\n")
    text.rstrip()
    if not text:
        return None
    return Panel(text, title="What would change each decision", title_align="left")


def _errors(p: Portfolio) -> RenderableType | None:
    if not p.errors:
        return None
    text = Text()
    for e in p.errors:
        text.append("! ", style="bold red")
        text.append(e.render() + "\n")
    text.rstrip()
    return Panel(text, title=f"Workloads not advised ({len(p.errors)})", title_align="left")


def _fallbacks(p: Portfolio) -> RenderableType | None:
    text = Text()
    for item in p.workloads:
        lines = failover_lines(item.advice)
        if lines:
            text.append(f"{item.name}: ", style="bold")
            text.append("; ".join(lines) + "\n")
    text.rstrip()
    return Panel(text, title="Fallbacks", title_align="left") if text else None


def _timeline(p: Portfolio) -> RenderableType | None:
    lines = estate_lines(p.timeline)
    if not lines:
        return None
    return Panel(Text("\n".join(lines)), title="Timeline", title_align="left")


def render_portfolio(p: Portfolio) -> RenderableType:
    """The whole portfolio as one rich renderable."""
    head = Text(
        f"{len(p.routes)} workloads from {p.file}; {p.recommended} routed; "
        f"catalog {p.catalog_version} ({p.catalog_as_of})"
    )
    parts: list[RenderableType | None] = [
        head, _routing(p), _baselines(p), _pools(p), _fallbacks(p), _timeline(p), _sensitivities(p),
        _errors(p)
    ]
    return Group(*(part for part in parts if part is not None))
