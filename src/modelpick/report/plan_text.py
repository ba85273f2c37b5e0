"""The words for a recommendation's fallback, its timeline and how to confirm it.

Shared by the terminal view, the Markdown report and the decision record, so the three say
the same thing. Pure: the Advice in, plain sentences out (Markdown callers escape them).
"""

from __future__ import annotations

from modelpick.engine.estate import EstateTimeline
from modelpick.engine.result import Advice, Route
from modelpick.report.words import MODE_LABELS, money, pct, tokens

_KIND_WORDS = {
    "provider": "Provider failover",
    "retry_model": "Retry model",
    "overflow": "Hosted overflow",
}


def route_line(route: Route) -> str:
    """`Provider failover: gpt-oss-120b at Novita AI, $7.00 a month at 5% of traffic (why)`."""
    where = f" at {route.provider_name}" if route.provider_name else " (self-hosted)"
    return (
        f"{_KIND_WORDS[route.kind]}: {route.name} ({route.model}){where}, "
        f"{money(route.monthly_cost_usd)} a month at {pct(route.share)} of traffic: "
        f"{route.reason}"
    )


def failover_lines(advice: Advice) -> list[str]:
    """Each documented fallback route, then why any is missing."""
    f = advice.failover
    if f is None:
        return []
    routes = [r for r in (f.provider, f.retry_model, f.overflow) if r is not None]
    return [route_line(r) for r in routes] + [f"Note: {n}" for n in f.notes]


def timeline_lines(advice: Advice) -> list[str]:
    """When the recommendation changes as the volume grows, and what each plan costs."""
    t = advice.timeline
    if t is None:
        return []
    growth = f"{t.monthly_growth:+.1%} a month over {t.horizon_months} months"
    last = t.months[-1]
    out = [f"Growth {growth}: {tokens(t.months[0].monthly_tokens)} tokens a month now, "
           f"{tokens(last.monthly_tokens)} in month {last.month}."]
    if t.switch_month is not None and t.switch_to_deployment is not None:
        out.append(
            f"Month {t.switch_month}: the recommendation changes to {t.switch_to_model} "
            f"({MODE_LABELS[t.switch_to_deployment]}) once volume reaches "
            f"{tokens(t.switch_volume_tokens or 0)} tokens a month."
        )
        saving = t.stay_total_usd - t.switch_total_usd
        out.append(
            f"Over the horizon: staying costs {money(t.stay_total_usd)}, switching in month "
            f"{t.switch_month} costs {money(t.switch_total_usd)} "
            f"({'saves' if saving >= 0 else 'costs'} {money(abs(saving))}; {t.basis})."
        )
    else:
        where = (
            f" (it would change at {tokens(t.switch_volume_tokens)} tokens a month)"
            if t.switch_volume_tokens else ""
        )
        out.append(f"The recommendation does not change within the horizon{where}; "
                   f"it costs {money(t.stay_total_usd)} over it.")
    if t.growth_to_switch_within_horizon is not None:
        out.append(f"A growth of {t.growth_to_switch_within_horizon:+.1%} a month would bring "
                   f"the change into month {t.horizon_months}.")
    if t.growth_for_year_earlier is not None:
        out.append(f"A growth of {t.growth_for_year_earlier:+.1%} a month would bring it a "
                   "year earlier.")
    if t.growth_for_year_later is not None:
        out.append(f"A growth of {t.growth_for_year_later:+.1%} a month would put it off a "
                   "year.")
    return out


def _fine(value: float) -> str:
    """Dollars to four significant figures: a request costs fractions of a cent."""
    return f"${value:,.2f}" if value >= 1 else f"${value:.4g}"


def confirmation_lines(advice: Advice) -> list[str]:
    """The eval gate to pass before switching, with the figure modelpick can fill in: cost."""
    facts = advice.catalog
    primary = advice.primary
    if not facts.gate_metrics or primary is None:
        return []
    a = advice.answers
    out = []
    for metric in facts.gate_metrics:
        if "cost" in metric and primary.monthly_cost_usd is not None:
            per_mtok = primary.monthly_cost_usd / a.monthly_tokens * 1_000_000
            figure = f"{money(per_mtok)} per million tokens"
            if a.avg_input_tokens is not None and a.avg_output_tokens is not None:
                request = a.avg_input_tokens + a.avg_output_tokens
                each = per_mtok * request / 1_000_000
                figure += f", {_fine(each)} per request of {request:,} tokens"
            out.append(f"{metric}: {figure} for {primary.name} at this volume (modelpick's "
                       "figure; a session is as many requests as yours take)")
        else:
            out.append(f"{metric}: measure on your own traffic")
    return out


def estate_lines(timeline: EstateTimeline | None) -> list[str]:
    """A portfolio's timeline: which workload switches when, and the estate's totals."""
    if timeline is None:
        return []
    out = [
        f"Month {s.month}: {s.workload} changes to {s.to_model} "
        f"({MODE_LABELS[s.to_deployment] if s.to_deployment else 'no recommendation'})"
        for s in timeline.switches
    ] or ["No workload's recommendation changes within the horizon."]
    months = len(timeline.months)
    out.append(
        f"Over {months} months the estate costs {money(timeline.stay_total_usd)} as it is, "
        f"{money(timeline.switch_total_usd)} switching each workload when its advice changes "
        f"(month {months}: {money(timeline.months[-1].stay_usd)} against "
        f"{money(timeline.months[-1].switch_usd)}); each workload at its own cost, before the "
        "shared GPU pools of the consolidation, which a switch away from a pool gives up."
    )
    return out
