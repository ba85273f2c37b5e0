"""How modelpick words things, in every format: modes, answers, numbers, money and sentences.

The Markdown report, the portfolio report, the rich views and decision records all take their
words from here, so a figure or a mode reads the same everywhere. Plain strings: escaping for
Markdown is report/escape.py's job. The mode labels themselves are declared with the tree
(engine/tree.py) and re-exported here.
"""

from __future__ import annotations

from modelpick.engine.answers import Answers
from modelpick.engine.result import CostFlip, DeploymentMode, Outcome, Sensitivity
from modelpick.engine.sensitivity import VOLUME_MAX, VOLUME_MIN
from modelpick.engine.tree import MODE_LABELS as MODE_LABELS

# --- numbers and money ---------------------------------------------------------------------


def money(value: float | None) -> str:
    """US dollars, no cents above a hundred."""
    if value is None:
        return "n/a"
    return f"${value:,.0f}" if value >= 100 else f"${value:,.2f}"


def tokens(value: float | None) -> str:
    """A token count in words people read: 2.0B, 350M."""
    if value is None:
        return "never"
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if value >= size:
            return f"{value / size:,.1f}{suffix}"
    return f"{value:,.0f}"


def per_mtok(value: float) -> str:
    """A price per million tokens, to a tenth of a cent."""
    return f"${value:,.3f}"


def per_mtok_bare(value: float) -> str:
    """A price per million tokens without the dollar sign (a `$/M` table column)."""
    return f"{value:,.3f}"


def count(value: float) -> str:
    """A whole number with thousands separators."""
    return f"{value:,.0f}"


def pct(value: float) -> str:
    """A share as a whole percentage."""
    return f"{value:.0%}"


def percent(value: float | None) -> str:
    """A share as a whole percentage, or n/a."""
    return "n/a" if value is None else pct(value)


def num(value: float | int) -> str:
    """A figure as the catalog gives it: six significant digits for a float."""
    return f"{value:,.6g}" if isinstance(value, float) else f"{value:,}"


# --- answers and flags ---------------------------------------------------------------------


def yes_no(answer: bool) -> str:
    """A boolean answer."""
    return "yes" if answer else "no"


def flag(value: bool | None) -> str:
    """A catalog fact that may be unrecorded (zero data retention, SOC 2, HIPAA)."""
    return {True: "yes", False: "no", None: "not recorded"}[value]


def short_flag(value: bool | None) -> str:
    """`flag` for a narrow table column."""
    return {True: "yes", False: "no", None: "?"}[value]


def mode_label(mode: DeploymentMode | None) -> str:
    """A deployment mode in words, or `none`."""
    return MODE_LABELS[mode] if mode is not None else "none"


def answer_text(key: str, answers: Answers) -> str:
    """One answer as the reports show it."""
    value = getattr(answers, key)
    if isinstance(value, bool):
        return yes_no(value)
    if value is None:
        return "not given"
    if key == "monthly_tokens":
        return f"{count(value)} ({tokens(value)})"
    if key in ("min_context_tokens", "monthly_active_users"):
        return count(value)
    if key == "input_share":
        return pct(value)
    if key == "monthly_growth":
        return f"{value:+.1%} a month" if value else "none"
    if key == "horizon_months":
        return f"{value} months"
    if isinstance(value, list):
        return ", ".join(value) if value else "none"
    return str(getattr(value, "value", value))


# --- sentences -----------------------------------------------------------------------------

_OUTCOME_MODE_WORDS = {
    DeploymentMode.SELF_HOSTED: "self-hosted",
    DeploymentMode.HOSTED_OPEN: "hosted open-weight API",
    DeploymentMode.CLOSED_API: "closed API",
}
"""The mode after a model id in a sensitivity line, shorter than MODE_LABELS."""


def outcome_text(outcome: Outcome) -> str:
    """`deepseek-v4-flash (hosted open-weight API)`, or `no recommendation`."""
    if outcome.deployment is None or outcome.model is None:
        return "no recommendation"
    return f"{outcome.model} ({_OUTCOME_MODE_WORDS[outcome.deployment]})"


_COST_FIGURES = {
    "gpu_hourly_usd": ("GPU-hour price", "${:,.2f}"),
    "hosted_per_mtok": ("hosted price", "${:,.3f}/M tokens"),
}


def _cost_flip_line(cost: CostFlip) -> str:
    name, form = _COST_FIGURES[cost.figure]
    shown = form.format
    way = "rises to" if cost.direction == "up" else "falls to"
    return (
        f"{name}: node 5's choice flips at this volume if it {way} "
        f"{shown(cost.break_even)} (now {shown(cost.current)})"
    )


def sensitivity_lines(s: Sensitivity) -> list[str]:
    """What would change the decision, as short sentences, for every renderer."""
    lines = [f"{f.change} -> {outcome_text(f.to)}" for f in s.flips]
    if not s.flips:
        lines.append("no single answer change alters the recommendation")
    for v in s.volume:
        way = "at or above" if v.direction == "up" else "at or below"
        lines.append(f"volume {way} {tokens(v.monthly_tokens)} tokens/month -> "
                     f"{outcome_text(v.to)}")
    if not s.volume:
        lines.append(
            f"volume: no change between {tokens(VOLUME_MIN)} and {tokens(VOLUME_MAX)} "
            "tokens/month"
        )
    for cost in s.costs:
        lines.append(_cost_flip_line(cost))
    p = s.price
    if p is not None:
        if p.percent == 0:
            lines.append(
                f"price: {p.alternative} via {p.alternative_provider} is already cheaper "
                f"than {p.model}; the catalog's policy ranks {p.model} first"
            )
        else:
            lines.append(
                f"price: {p.model} at {p.provider} would have to cost {p.percent:,.0f}% more "
                f"before {p.alternative} via {p.alternative_provider} is cheaper"
            )
    return lines

