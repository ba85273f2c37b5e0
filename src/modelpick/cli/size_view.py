"""`modelpick size` as text: the memory breakdown, the verdict, throughput and cost."""

from __future__ import annotations

from modelpick.engine.size_report import SizedConfig, SizeReport
from modelpick.report.sizing_text import memory_lines, throughput_lines
from modelpick.report.words import count, money


def _config_block(report: SizeReport, c: SizedConfig) -> list[str]:
    requests = report.concurrency or 1
    lines = [
        f"{report.model_name} ({report.model}) on {c.gpus} x {c.gpu_name} at {c.precision}"
        f" - {'fits' if c.fits else 'does not fit'}",
        "",
        "Memory (GB = 10^9 bytes)",
    ]
    lines += [
        f"  {line}"
        for line in memory_lines(
            c.memory, gpus=c.gpus, gpu_name=c.gpu_name, context=report.context_tokens,
            requests=requests,
        )
    ]
    lines.append(
        f"  max concurrency: {count(c.memory.max_concurrency)} requests at "
        f"{count(report.context_tokens)} tokens"
    )
    if c.throughput is not None:
        lines += ["", "Throughput (one replica)"]
        lines += [
            f"  {line}"
            for line in throughput_lines(
                c.throughput, input_tokens=report.input_tokens, output_tokens=report.output_tokens
            )
        ]
        if report.latency == "interactive":
            lines.append(
                f"  latency: interactive, at least {report.interactive_tokens_per_s:g} output "
                "tokens/s per user"
            )
    lines += [f"  note: {n}" for n in c.notes]
    lines += ["", "Cost"]
    estimate = " (estimate)" if c.price_estimate else ""
    lines.append(
        f"  {c.gpus} x ${c.gpu_hourly_usd:,.2f}/GPU-hour{estimate} = ${c.hourly_usd:,.2f}/hour"
        + (f"; ${c.usd_per_mtok:,.3f} per million tokens at full use" if c.usd_per_mtok else "")
    )
    if report.monthly_tokens is not None and c.replicas is not None:
        lines.append(
            f"  {count(report.monthly_tokens)} tokens/month at {report.utilization:.0%} "
            f"utilization: {c.replicas} replica(s) = {money(c.monthly_cost_usd)}/month "
            f"({report.hours_per_month:g} hours), GPUs only"
        )
    return lines


def _table(report: SizeReport) -> list[str]:
    head = f"{'GPU':<32} {'GPUs':>4} {'prec':<5} {'req GB':>8} {'usable':>8} {'max conc':>8} "
    head += f"{'tokens/s':>9} {'$/M tok':>8}"
    if report.monthly_tokens is not None:
        head += f" {'replicas':>8} {'$/month':>10}"
    rows = [head]
    for c in report.configurations:
        tp = c.throughput.total_tokens_per_s if c.throughput else 0.0
        row = (
            f"{c.gpu_name[:32]:<32} {c.gpus:>4} {c.precision:<5} {c.memory.required_gb:>8,.1f} "
            f"{c.memory.usable_gb:>8,.1f} {c.memory.max_concurrency:>8,} {tp:>9,.0f} "
            f"{(c.usd_per_mtok or 0):>8,.3f}"
        )
        if report.monthly_tokens is not None:
            row += f" {c.replicas or 0:>8} {money(c.monthly_cost_usd):>10}"
        rows.append(row)
    return rows


def render_size(report: SizeReport) -> str:
    """The whole text output of `modelpick size`."""
    lines = [
        f"Request: {count(report.input_tokens)} input + {count(report.output_tokens)} output "
        f"tokens; context {count(report.context_tokens)} tokens"
        + (f"; {count(report.concurrency)} concurrent" if report.concurrency else "")
    ]
    if report.assumed:
        lines.append(f"Assumed (defaults): {', '.join(report.assumed)}")
    lines.append("")
    if report.chosen is None:
        lines.append("No GPU configuration in the catalog holds the weights and one request "
                     "at this context.")
    else:
        lines += _config_block(report, report.chosen)
        if not report.explicit_gpu and len(report.configurations) > 1:
            lines += ["", "Cheapest configurations that fit:"]
            lines += [f"  {row}" for row in _table(report)]
    fit = report.fit
    if fit.low is not None and fit.high is not None:
        lines += [
            "",
            f"Fit: estimates are {fit.low:.2f}-{fit.high:.2f}x the {fit.count} recorded "
            f"measurements ({fit.within} within the policy's band; geometric mean "
            f"{fit.geomean:.2f}x); 'modelpick catalog benchmarks' lists each.",
        ]
    return "\n".join(lines) + "\n"
