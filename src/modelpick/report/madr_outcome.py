"""The MADR decision outcome in prose: why the pick, its consequences, risks, what flips it.

Built from the Advice alone, escaped on the way in (report/escape.py).
"""

from __future__ import annotations

from modelpick.engine.result import Advice
from modelpick.report.escape import Md, md, md_code, md_escape
from modelpick.report.madr import Point, privacy, step_phrase
from modelpick.report.words import MODE_LABELS, count, money, tokens


def because(advice: Advice) -> Md:
    """Why the primary: the deciding node, any fallback, and its rank."""
    primary = advice.primary
    assert primary is not None
    parts: list[Md] = []
    step = advice.deciding_step
    if step is not None:
        parts.append(step_phrase(step, advice.tree_mode))
    if advice.fallback is not None:
        f = advice.fallback
        parts.append(
            md(
                "the {} had no candidate ({}), so the engine fell back to the {}",
                MODE_LABELS[f.from_mode],
                f.reason,
                MODE_LABELS[f.to_mode],
            )
        )
    choice = advice.choice
    if primary.rank_source == "unranked":
        parts.append(md("no policy list ranks a surviving model; it is first in id order"))
    elif choice is not None and choice.rule == "cost_ordered":
        parts.append(md(
            "it is the cheapest at this volume of the models the catalog policy list {} rates "
            "for the task", md_code(primary.rank_source),
        ))
    elif choice is not None and choice.rule == "right_sized":
        parts.append(md(
            "it is the best-ranked model in the catalog policy list {} whose cost is in "
            "proportion to the workload (right-sizing, below)", md_code(primary.rank_source),
        ))
    else:
        parts.append(
            md(
                "it ranks first among the models that survive the hard filters in the catalog "
                "policy list {}",
                md_code(primary.rank_source),
            )
        )
    return Md("; ".join(parts))


def consequences(advice: Advice) -> list[Point]:
    """What choosing the primary means: its cost, who runs it, its license, any fallback."""
    primary = advice.primary
    if primary is None:
        return [Point("Bad", md("no model is recommended; every exclusion is listed above"))]
    a = advice.answers
    facts = primary.facts
    lic = facts.license
    out: list[Point] = []
    if primary.hardware is not None:
        hw = primary.hardware
        out.append(
            Point(
                "Neutral",
                md(
                    "it costs {}/month for {} tokens a month on {} replica(s) of {} x {}",
                    money(hw.monthly_cost_usd),
                    tokens(a.monthly_tokens),
                    hw.replicas,
                    hw.gpus_per_replica,
                    hw.gpu_name,
                ),
            )
        )
        out.append(
            Point(
                "Neutral",
                md(
                    "per replica: {} weights + {} KV cache at {} tokens + {} runtime = {} of {} "
                    "usable; {} tokens/s at {} in / {} out per request ({})",
                    f"{hw.memory.weights_gb:,.1f} GB",
                    f"{hw.memory.kv_cache_gb:,.1f} GB",
                    f"{hw.context_tokens:,}",
                    f"{hw.memory.runtime_gb:,.1f} GB",
                    f"{hw.memory.required_gb:,.1f} GB",
                    f"{hw.memory.usable_gb:,.1f} GB",
                    f"{hw.throughput.total_tokens_per_s:,.0f}",
                    f"{hw.input_tokens:,}",
                    f"{hw.output_tokens:,}",
                    "estimate" if hw.throughput.estimate else "measured",
                ),
            )
        )
        ops = (
            "has_inference_ops is yes"
            if a.has_inference_ops
            else "has_inference_ops is no: that capacity has to be found"
        )
        out.append(
            Point("Bad", md("your team runs the GPUs and is on call for inference; {}", ops))
        )
    elif primary.providers:
        p = primary.providers[0]
        out.append(
            Point(
                "Neutral",
                md(
                    "it costs {}/month for {} tokens a month at {}",
                    money(p.monthly_cost_usd),
                    tokens(a.monthly_tokens),
                    p.provider_name,
                ),
            )
        )
        posture = privacy(p)
        out.append(
            Point(
                "Neutral" if posture.kind == "Good" else "Bad",
                md("prompts and outputs go to {}; {}", p.provider_name, posture.text),
            )
        )
    if facts.closed_weights:
        out.append(Point("Neutral", md("it is used under {}, not an open license", lic.name)))
    elif lic.permissive:
        out.append(Point("Good", md("its license {} is permissive", lic.id)))
    else:
        clauses = lic.clauses or lic.name
        out.append(Point("Bad", md("its license {} carries clauses: {}", lic.id, clauses)))
    if advice.fallback is not None:
        out.append(
            Point(
                "Bad",
                md(
                    "the tree chose the {} but it had no candidate: {}",
                    MODE_LABELS[advice.fallback.from_mode],
                    advice.fallback.reason,
                ),
            )
        )
    return out


def risks(advice: Advice) -> list[Md]:
    """The engine's warnings, the sources that disagree, and the catalog's age."""
    out = [md_escape(w) for w in advice.warnings]
    if advice.primary is not None:
        primary = advice.primary
        for d in primary.facts.disagreements:
            claims = "; ".join(f"{value} ({source})" for value, source in d.claims)
            out.append(
                md(
                    "sources disagree on {}'s {}: {}; the catalog uses {}: {}",
                    primary.name,
                    d.field,
                    claims,
                    d.chosen,
                    d.reason,
                )
            )
    limit = advice.catalog.staleness_days
    out.append(
        md(
            "catalog age: its figures are as of {}, and its policy treats them as stale after "
            "{} days",
            advice.catalog_as_of.isoformat(),
            limit,
        )
    )
    return list(dict.fromkeys(out))


def flip(advice: Advice) -> Md:
    """Whether and where the monthly volume flips the deployment."""
    c = advice.crossover
    a = advice.answers
    if c is not None and c.volume_tokens_per_month is not None:
        side = "above" if a.monthly_tokens > c.volume_tokens_per_month else "at or below"
        return md(
            "self-hosting is cheaper above {} tokens/month ({}); this workload's {} is {} it, "
            "and self-hosting is recommended only where it still wins by the policy's {} "
            "margin at its pessimistic estimate",
            count(c.volume_tokens_per_month),
            tokens(c.volume_tokens_per_month),
            tokens(a.monthly_tokens),
            side,
            f"{c.margin:.0%}",
        )
    if c is not None:
        return md("no volume flips the deployment with these figures: self-hosting never pays")
    step = advice.deciding_step
    if step is not None:
        return md(
            "volume does not change the deployment: {}, and only node 5 weighs volume, when "
            "{} is yes",
            step_phrase(step, advice.tree_mode),
            md_code("has_inference_ops"),
        )
    return md("volume does not change the deployment")
