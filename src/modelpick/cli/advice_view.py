"""Terminal rendering of an Advice with rich. Shell code: imported only by the CLI."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from modelpick.engine.result import Advice, Candidate
from modelpick.report.crossover_text import (
    choice_line,
    rationale_line,
    terminal_chart,
    tipping_points,
    trade_offs,
    verdict,
)
from modelpick.report.plan_text import failover_lines, timeline_lines
from modelpick.report.words import (
    MODE_LABELS,
    money,
    per_mtok_bare,
    sensitivity_lines,
    short_flag,
    tokens,
    yes_no,
)


def _where(candidate: Candidate) -> str:
    hw = candidate.hardware
    if hw is not None:
        replicas = f"{hw.replicas} replica{'s' if hw.replicas != 1 else ''}"
        return f"{replicas} of {hw.gpus_per_replica} x {hw.gpu_name} ({hw.precision})"
    if candidate.providers:
        return candidate.providers[0].provider_name
    return "no provider priced"


def _headline(advice: Advice) -> RenderableType:
    primary = advice.primary
    if primary is None or advice.deployment is None:
        return Text("No model satisfies these constraints.", style="bold red")
    text = Text()
    text.append(f"{primary.name}", style="bold")
    text.append(f" ({primary.model})\n")
    text.append("Deploy as: ")
    text.append(MODE_LABELS[advice.deployment], style="bold")
    text.append(f"\nMonthly cost: {money(primary.monthly_cost_usd)}")
    text.append(f" for {tokens(advice.answers.monthly_tokens)} tokens")
    text.append(f"\nRuns on: {_where(primary)}")
    text.append(f"\nLicense: {primary.license}   Origin: {primary.origin} ({primary.vendor})")
    return text


def _providers(candidate: Candidate) -> RenderableType | None:
    if not candidate.providers:
        return None
    audio = any(p.priced_as == "audio" for p in candidate.providers)
    table = Table(
        title="Providers", title_justify="left", expand=False, box=None,
        caption=(
            f"in/out: USD per million {'audio ' if audio else ''}tokens; per month: at your "
            "volume and input share; context: the window this provider serves; ZDR zero data "
            "retention, HIPAA a BAA offered (yes/no/? unknown); regions: where it processes data"
        ),
        caption_justify="left",
    )
    table.add_column("provider")
    table.add_column("in $/M", justify="right")
    table.add_column("out $/M", justify="right")
    table.add_column("per month", justify="right")
    table.add_column("context", justify="right")
    table.add_column("ZDR", justify="center")
    table.add_column("HIPAA", justify="center")
    table.add_column("regions")
    for p in candidate.providers[:6]:
        est = " (est.)" if p.estimate else ""
        table.add_row(
            p.provider_name + est,
            per_mtok_bare(p.input_per_mtok),
            per_mtok_bare(p.output_per_mtok),
            money(p.monthly_cost_usd),
            tokens(p.max_context_tokens) if p.max_context_tokens else "?",
            short_flag(p.zero_data_retention),
            short_flag(p.hipaa),
            " ".join(p.regions) or "?",
        )
    if not candidate.dropped_providers:
        return table
    dropped = Text("Providers that cannot serve this workload: " + "; ".join(
        f"{d.provider_name} ({d.reason})" for d in candidate.dropped_providers
    ))
    return Group(table, dropped)


def _hardware(advice: Advice) -> RenderableType | None:
    primary = advice.primary
    if primary is None or primary.hardware is None:
        return None
    hw = primary.hardware
    from modelpick.report.sizing_text import hardware_lines

    lines = [
        f"{hw.gpus_per_replica} x {hw.gpu_name} at {hw.precision}, per replica:",
        *(f"  {line}" for line in hardware_lines(hw)),
        f"replica: {hw.throughput_tokens_per_s:,.0f} tokens/s x {hw.utilization:.0%} utilization"
        f" = {tokens(hw.capacity_tokens_per_month)} tokens/month; replicas: {hw.replicas}",
        f"cost: {hw.replicas} x {hw.gpus_per_replica} GPU{'s' if hw.gpus_per_replica != 1 else ''}"
        f" x ${hw.gpu_hourly_usd:,.2f}/h x "
        f"{hw.hours_per_month:g} h = {money(hw.gpu_cost_usd)} + ops {money(hw.ops_overhead_usd)}"
        f" = {money(hw.monthly_cost_usd)}/month",
    ]
    return Panel("\n".join(lines), title="Self-hosting", title_align="left")


def _crossover(advice: Advice) -> RenderableType | None:
    c = advice.crossover
    if c is None:
        return None
    lines = [f"Self-hosting or hosting: {verdict(c)}"]
    lines += [f"  - {line}" for line in tipping_points(c)]
    lines += terminal_chart(c, advice.answers.monthly_tokens)
    return Text("\n".join(lines))


def _choice(advice: Advice) -> RenderableType | None:
    lines = []
    why = choice_line(advice)
    if why:
        lines.append(f"Chosen: {why}.")
    why_line = rationale_line(advice)
    if why_line:
        lines.append(why_line)
    offs = trade_offs(advice)
    if offs:
        lines.append("Trade-off: " + "; ".join(offs) + ".")
    return Text("\n".join(lines)) if lines else None


def _alternatives(advice: Advice) -> RenderableType | None:
    if not advice.alternatives:
        return None
    table = Table(title="Alternatives", title_justify="left", box=None)
    table.add_column("model")
    table.add_column("runs on")
    table.add_column("per month", justify="right")
    for c in advice.alternatives:
        table.add_row(c.model, _where(c), money(c.monthly_cost_usd))
    return table


def _path(advice: Advice) -> RenderableType:
    text = Text()
    for step in advice.path:
        text.append(f"{step.node} = {yes_no(step.answer)}", style="bold")
        text.append(f"  ->  {step.effect}\n")
    for skip in advice.skipped:
        text.append(f"{skip.key} skipped", style="dim bold")
        text.append(f"  ->  {skip.reason}\n", style="dim")
    if advice.fallback:
        f = advice.fallback
        text.append("fallback: ", style="bold yellow")
        text.append(
            f"{MODE_LABELS[f.from_mode]} -> {MODE_LABELS[f.to_mode]}: {f.reason}\n"
        )
    text.rstrip()
    return Panel(text, title="Path through the tree", title_align="left")


def _excluded(advice: Advice) -> RenderableType | None:
    if not advice.excluded:
        return None
    by_model: dict[str, list[str]] = defaultdict(list)
    for e in advice.excluded:
        by_model[e.model].append(f"{e.scope}{e.reason}")
    text = Text()
    for model, reasons in by_model.items():
        text.append(f"{model}: ", style="bold")
        text.append("; ".join(reasons) + "\n")
    text.rstrip()
    count = len(by_model)
    title = f"Excluded ({count} model{'s' if count != 1 else ''})"
    return Panel(text, title=title, title_align="left")


def _notes(advice: Advice) -> RenderableType | None:
    text = Text()
    for warning in advice.warnings:
        text.append("! ", style="bold yellow")
        text.append(warning + "\n")
    if advice.assumed:
        text.append("assumed (defaults): ", style="bold")
        text.append(", ".join(advice.assumed) + "\n")
    text.rstrip()
    return Panel(text, title="Warnings and assumptions", title_align="left") if text else None


def _sensitivity(advice: Advice) -> RenderableType | None:
    if advice.sensitivity is None:
        return None
    text = Text()
    for line in sensitivity_lines(advice.sensitivity):
        text.append("- " + line + "\n")
    text.rstrip()
    return Panel(text, title="What would change this decision", title_align="left")


def _plan(title: str, lines: list[str]) -> RenderableType | None:
    """A titled block of plain lines (the fallback, the timeline), or nothing."""
    if not lines:
        return None
    return Text("\n".join([title, *(f"  {line}" for line in lines)]))


def render_advice(advice: Advice) -> RenderableType:
    """The whole recommendation as one rich renderable."""
    primary = advice.primary
    parts: list[RenderableType | None] = [
        Panel(
            _headline(advice),
            title=f"modelpick: {advice.answers.workload}",
            subtitle=f"catalog {advice.catalog_version} ({advice.catalog_as_of})",
        ),
        _providers(primary) if primary else None,
        _choice(advice),
        _plan("Fallback (documented, article 000):", failover_lines(advice)),
        _hardware(advice),
        _crossover(advice),
        _plan("Timeline:", timeline_lines(advice)),
        _alternatives(advice),
        _path(advice),
        _excluded(advice),
        _sensitivity(advice),
        _notes(advice),
    ]
    return Group(*(p for p in parts if p is not None))
