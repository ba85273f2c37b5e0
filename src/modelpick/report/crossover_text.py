"""Self-hosting against hosting in words and pictures, for the terminal, report and record.

One wording shared by the three, so they never disagree. Takes the engine's Crossover
(and Choice) and returns text; computes nothing but layout.
"""

from __future__ import annotations

import math

from modelpick.engine.result import Advice, CostPoint, Crossover
from modelpick.report.words import money, tokens

PRICING_WORDS = {"on_demand": "on demand", "reserved": "reserved (one-year commitment)"}


def _usd_h(value: float) -> str:
    return f"${value:,.2f}/GPU-hour"


def _ratio(value: float) -> str:
    """A cost over the hosted cost, always as a multiple: `0.29x`, `1.44x`, `118x`."""
    return f"{value:,.0f}x" if value >= 10 else f"{value:.2f}x"


def _per_mtok(value: float) -> str:
    return f"${value:,.3f}/M tokens" if value < 1 else f"${value:,.2f}/M tokens"


def verdict(c: Crossover) -> str:
    """One sentence: does self-hosting win here, by how much, and where is the crossover."""
    self_usd, hosted_usd = c.self_hosted_monthly_usd, c.hosted_monthly_usd
    head = (
        ("" if c.decided else "For comparison (an earlier answer chose the mode; node 5 did "
         "not weigh this): ")
        + f"Self-hosting {c.self_hosted_model} ({PRICING_WORDS.get(c.pricing, c.pricing)}) costs "
        f"{money(self_usd)} a month against {money(hosted_usd)} for {c.hosted_model} hosted "
        f"({c.hosted_provider}, ${c.hosted_blended_per_mtok:,.3f}/M tokens)"
    )
    if c.volume_tokens_per_month is None:
        where = "no volume makes self-hosting cheaper at these prices"
    else:
        where = f"self-hosting stays cheaper above {tokens(c.volume_tokens_per_month)} tokens/month"
    if c.self_hosting_wins:
        pessimistic = money(c.pessimistic_self_hosted_monthly_usd)
        close = (
            f"it wins with its pessimistic estimate ({pessimistic}, {_ratio(c.cost_ratio)} "
            f"the hosted cost) by more than the policy's {c.margin:.0%} margin "
            f"(at most {1 - c.margin:.2f}x)"
        )
    else:
        pessimistic = money(c.pessimistic_self_hosted_monthly_usd)
        close = (
            f"at its pessimistic estimate ({pessimistic}) it costs {_ratio(c.cost_ratio)} "
            f"the hosted cost; it must be at most {1 - c.margin:.2f}x to be recommended"
        )
    return f"{head}; {where}; {close}."


def tipping_points(c: Crossover) -> list[str]:
    """What would make the other mode win at this volume, one line each."""
    out = []
    if c.decided:
        other = "hosting" if c.self_hosting_wins else "self-hosting"
        gpu_way = "or more" if c.self_hosting_wins else "or less"
        if c.decision_gpu_hourly_usd is not None:
            out.append(
                f"node 5 would choose {other} at a GPU-hour price of "
                f"{_usd_h(c.decision_gpu_hourly_usd)} {gpu_way} (the pessimistic fleet's now "
                f"{_usd_h(c.decision_pessimistic_gpu_hourly_usd)})"
            )
        else:
            out.append(f"no GPU-hour price makes node 5 choose {other}: operations alone cost "
                       f"more than {1 - c.margin:.2f}x hosting")
        if c.decision_hosted_per_mtok is not None:
            hosted_way = "or less" if c.self_hosting_wins else "or more"
            out.append(
                f"node 5 would choose {other} at a hosted price of "
                f"{_per_mtok(c.decision_hosted_per_mtok)} {hosted_way} (now "
                f"{_per_mtok(c.hosted_blended_per_mtok)})"
            )
    answered = next((case for case in c.cases if case.pricing == c.pricing), None)
    if c.break_even_gpu_hourly_usd is not None and answered is not None:
        out.append(
            f"GPU-hour price at which the two costs meet: {_usd_h(c.break_even_gpu_hourly_usd)} "
            f"(now {_usd_h(answered.gpu_hourly_usd)}, {answered.price_provider})"
        )
    elif c.break_even_gpu_hourly_usd is None and not c.decided:
        out.append(
            "no GPU-hour price makes them meet: operations alone cost more than hosting"
        )
    if c.volume_tokens_per_month is None:
        if c.any_volume_gpu_hourly_usd is not None:
            out.append(
                "some volume makes self-hosting cheaper only below "
                f"{_usd_h(c.any_volume_gpu_hourly_usd)}"
            )
        else:
            out.append(
                "no GPU-hour price lets any volume make self-hosting cheaper: one replica's "
                "share of operations costs more than its tokens hosted"
            )
        if c.any_volume_hosted_per_mtok is not None:
            out.append(
                "some volume makes self-hosting cheaper only if hosting costs more than "
                f"{_per_mtok(c.any_volume_hosted_per_mtok)}"
            )
    if c.break_even_hosted_per_mtok is not None:
        out.append(
            f"hosted price at which the two costs meet: {_per_mtok(c.break_even_hosted_per_mtok)} "
            f"(now {_per_mtok(c.hosted_blended_per_mtok)})"
        )
    if c.break_even_utilization is not None:
        reach = "" if c.break_even_utilization <= 1 else " - not reachable"
        ptm = (
            f", a peak-to-mean of {c.break_even_peak_to_mean:.2f}"
            if c.break_even_peak_to_mean and c.break_even_peak_to_mean >= 1 else ""
        )
        out.append(
            "mean GPU utilization at which the two costs meet: "
            f"{c.break_even_utilization:.0%}{ptm}{reach}"
        )
    for case in c.cases:
        where = (
            "never cheaper" if case.volume_tokens_per_month is None
            else f"cheaper above {tokens(case.volume_tokens_per_month)} tokens/month"
        )
        out.append(
            f"{PRICING_WORDS.get(case.pricing, case.pricing)}: {_usd_h(case.gpu_hourly_usd)} "
            f"({case.price_tier}, {case.price_provider}): {money(case.self_hosted_monthly_usd)} "
            f"a month here; {where}"
        )
    if c.throughput_uncertainty > 1:
        out.append(
            f"pessimistic estimate: throughput divided by {c.throughput_uncertainty:g} (the "
            "catalog's fit band against published measurements)"
        )
    return out


def _label(volume: float) -> str:
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if volume >= size:
            return f"{volume / size:.3g}{suffix}"
    return f"{volume:.3g}"


def _marks(c: Crossover, point: CostPoint, volume: float) -> str:
    tags = []
    if math.isclose(point.monthly_tokens, volume, rel_tol=1e-9):
        tags.append("you")
    for case in c.cases:
        if case.volume_tokens_per_month is not None and math.isclose(
            point.monthly_tokens, case.volume_tokens_per_month, rel_tol=1e-9
        ):
            tags.append("break-even" if case.pricing == "on_demand" else "reserved break-even")
    return f" ({', '.join(tags)})" if tags else ""


def mermaid_chart(c: Crossover, volume: float) -> str:
    """A Mermaid xychart-beta: cost a month against volume (log-spaced axis), three lines."""
    points = c.series
    labels = ", ".join(f'"{_label(p.monthly_tokens)}{_marks(c, p, volume)}"' for p in points)
    top = max(
        max(p.hosted_usd, p.on_demand_usd or 0.0, p.reserved_usd or 0.0) for p in points
    )
    lines = [
        "```mermaid",
        "xychart-beta",
        f'    title "Monthly cost against monthly tokens: hosted {c.hosted_model} vs '
        f'self-hosted {c.self_hosted_model}"',
        f"    x-axis [{labels}]",
        f'    y-axis "USD per month" 0 --> {math.ceil(top * 1.05)}',
        "    line [" + ", ".join(f"{p.hosted_usd:.0f}" for p in points) + "]",
    ]
    for attr in ("on_demand_usd", "reserved_usd"):
        values = [getattr(p, attr) for p in points]
        if all(v is not None for v in values):
            lines.append("    line [" + ", ".join(f"{v:.0f}" for v in values) + "]")
    lines.append("```")
    return "\n".join(lines)


def chart_legend(c: Crossover) -> str:
    """Which line is which (xychart-beta draws no legend)."""
    names = [f"1: hosted {c.hosted_model}", "2: self-hosted on demand"]
    if all(p.reserved_usd is not None for p in c.series):
        names.append("3: self-hosted reserved")
    return (
        "Lines, in order: " + "; ".join(names) + ". The x axis has half-decade ticks (log "
        "scale) plus the workload's volume and the break-evens."
    )


def terminal_chart(c: Crossover, volume: float, width: int = 48, height: int = 9) -> list[str]:
    """A compact log-log chart: H hosted, O self-hosted on demand, R reserved, | your volume."""
    points = [p for p in c.series if p.monthly_tokens > 0]
    values = [
        v for p in points for v in (p.hosted_usd, p.on_demand_usd, p.reserved_usd)
        if v is not None and v > 0
    ]
    if len(points) < 2 or not values:
        return []
    x0, x1 = math.log10(points[0].monthly_tokens), math.log10(points[-1].monthly_tokens)
    y0, y1 = math.log10(min(values)), math.log10(max(values))
    y1 = y1 if y1 > y0 else y0 + 1
    grid = [[" "] * width for _ in range(height)]

    def col(x: float) -> int:
        return min(width - 1, max(0, round((math.log10(x) - x0) / (x1 - x0) * (width - 1))))

    def row(y: float) -> int:
        return min(height - 1, max(0, round((y1 - math.log10(y)) / (y1 - y0) * (height - 1))))

    for r in range(height):
        grid[r][col(volume)] = "|"
    if c.volume_tokens_per_month is not None and c.volume_tokens_per_month > 0:
        for r in range(height):
            grid[r][col(c.volume_tokens_per_month)] = ":"
    for i in range(width):  # interpolate each line across every column
        x = 10 ** (x0 + (x1 - x0) * i / (width - 1))
        nearest = min(points, key=lambda p: abs(math.log10(p.monthly_tokens) - math.log10(x)))
        hosted = x * c.hosted_blended_per_mtok / 1e6
        for mark, value in (("H", hosted), ("O", nearest.on_demand_usd),
                            ("R", nearest.reserved_usd)):
            if value is not None and value > 0:
                cell = grid[row(value)][i]
                grid[row(value)][i] = "*" if cell in "HOR*" and cell != " " else mark
    top, bottom = money(10 ** y1), money(10 ** y0)
    pad = max(len(top), len(bottom))
    out = []
    for r, cells in enumerate(grid):
        axis = top if r == 0 else bottom if r == height - 1 else ""
        out.append(f"{axis:>{pad}} {''.join(cells)}")
    left, right = _label(points[0].monthly_tokens), _label(points[-1].monthly_tokens)
    out.append(f"{'':>{pad}} {left}{right:>{width - len(left)}} tokens/month (log)")
    out.append(
        f"{'':>{pad}} H hosted  O self-hosted  R reserved  * both  | you  : even"
    )
    return out


def choice_line(advice: Advice) -> str | None:
    """Why the primary leads, when it is not simply the policy's first pick."""
    choice = advice.choice
    if choice is None or choice.rule == "rank":
        return None
    return choice.reason


def rationale_line(advice: Advice) -> str | None:
    """The policy's one line on why the pick is in its list, marked when it is a judgement."""
    primary = advice.primary
    if primary is None or not primary.rationale:
        return None
    judged = " (team judgement)" if primary.rationale_judgement else ""
    return f"Why {primary.name}: {primary.rationale}{judged}"


def trade_offs(advice: Advice) -> list[str]:
    """What each alternative would cost a month more or less than the pick."""
    primary = advice.primary
    if primary is None or primary.monthly_cost_usd is None:
        return []
    out = []
    for alt in advice.alternatives:
        if alt.monthly_cost_usd is None:
            continue
        delta = alt.monthly_cost_usd - primary.monthly_cost_usd
        word = "more" if delta >= 0 else "less"
        out.append(f"{alt.name} would cost {money(abs(delta))} {word} a month")
    return out
