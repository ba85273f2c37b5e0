"""`catalog benchmarks` as text: the fit table, the checkpoint sizes, and a summary."""

from __future__ import annotations

from collections.abc import Sequence

from modelpick.sizing.fit import FitRow, WeightsRow, summary


def render_fit(
    rows: Sequence[FitRow], weights: Sequence[WeightsRow], band: tuple[float, float, float]
) -> str:
    """The fit table, each checkpoint size beside its estimate, and the summary.

    `band` is the policy's fit band: (low, high, TensorRT-LLM ceiling).
    """
    low, high, ceiling = band
    head = (
        f"{'benchmark':<58} {'config':<24} {'in/out':>12} {'conc':>5} {'engine':<12} "
        f"{'measured':>9} {'estimate':>9} {'ratio':>6}  verdict"
    )
    lines = ["Throughput: estimate / measured (output tokens/s where published, else total)", head]
    for r in rows:
        config = f"{r.gpus}x{r.gpu} {r.precision}"
        conc = "max" if r.concurrency is None else str(r.concurrency)
        measured = f"{r.measured:,.0f}" if r.measured is not None else "-"
        estimated = f"{r.estimated:,.0f}" if r.estimated is not None else "-"
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "-"
        lines.append(
            f"{r.benchmark[:58]:<58} {config[:24]:<24} {r.input_tokens:>5}/{r.output_tokens:<6} "
            f"{conc:>5} {r.engine:<12} {measured:>9} {estimated:>9} {ratio:>6}  {r.verdict}"
        )
    sm = summary(rows)
    lines.append("")
    if sm.low is not None:
        lines.append(
            f"{sm.within}/{sm.count} within the band (vLLM/SGLang {low:g}-{high:g}x; "
            f"TensorRT-LLM maxima at most {ceiling:g}x); ratios "
            f"{sm.low:.2f}-{sm.high:.2f}, geometric mean {sm.geomean:.2f}"
        )
    if weights:
        lines += ["", "Weights: estimate from parameters / published checkpoint size (GB)"]
        for w in weights:
            lines.append(
                f"  {w.model:<20} {w.precision:<5} {w.repo[:60]:<60} "
                f"published {w.published_gb:>8,.1f}"
                f"  estimate {w.estimated_gb:>8,.1f}  ratio {w.ratio:.2f}"
            )
    return "\n".join(lines) + "\n"
