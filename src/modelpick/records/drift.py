"""Drift: a record decided again against today's catalog, and what changed and why.

Pure: the record is already parsed and the catalog already loaded; nothing is read here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from modelpick.catalog.loader import Catalog
from modelpick.engine.answers import resolve
from modelpick.engine.decision import decide
from modelpick.engine.result import Advice
from modelpick.engine.tree import MODE_LABELS, NODES_BY_KEY
from modelpick.errors import InputError
from modelpick.frozen import frozen
from modelpick.records.format import Record, Skipped, printable, recommendation, status_word
from modelpick.records.header import read_entry

FAILING_STATUS = "accepted"
"""Only an accepted decision that the catalog would now decide differently fails a check."""
COST_KEYS = ("deployment", "model", "provider", "monthly_cost_usd", "license")
"""What a record remembers of its choice, and what `adr check` compares."""


@frozen
class DriftRow:
    """One record decided again: what it chose, what today's catalog chooses, and why."""

    record: str
    status: str
    recorded_catalog_version: str | None
    recorded: dict[str, Any]
    today: dict[str, Any]
    changes: tuple[str, ...]
    notes: tuple[str, ...] = ()
    """What does not make the record drift yet: a pick retiring soon, a catalog changed."""
    recorded_catalog: dict[str, Any] | None = None
    """The catalog it was decided against: version, content hash, path (not shipped)."""
    title: str | None = None

    @property
    def drifted(self) -> bool:
        """Whether today's catalog decides differently."""
        return bool(self.changes)

    @property
    def fails(self) -> bool:
        """Only accepted decisions fail a check."""
        return self.drifted and self.status == FAILING_STATUS

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {
            "record": printable(self.record),
            "status": self.status,
            "recorded_catalog_version": self.recorded_catalog_version,
            "recorded": self.recorded,
            "today": self.today,
            "drifted": self.drifted,
            "fails": self.fails,
            "changes": list(self.changes),
            "notes": list(self.notes),
            "recorded_catalog": self.recorded_catalog,
            "title": self.title,
        }


def recorded_choice_cost(
    recorded: dict[str, Any], advice: Advice, catalog: Catalog
) -> float | None:
    """What the recorded choice (model, mode, provider) costs a month against this catalog.

    Priced afresh from the catalog, whether or not today's advice still lists the model:
    a hosted pick at its recorded provider (or its cheapest, if that one is gone), a
    self-hosted pick sized again for the recorded answers.
    """
    from modelpick.engine.costs import (
        provider_costs,
        rates_for,
        size_self_hosted,
        workload_request,
    )
    from modelpick.engine.result import DeploymentMode

    model = catalog.models_by_id.get(str(recorded.get("model")))
    if model is None:
        return None
    a = advice.answers
    if recorded.get("deployment") == DeploymentMode.SELF_HOSTED.value:
        request = workload_request(a, catalog.policy.sizing)
        hardware = size_self_hosted(model, a.monthly_tokens, catalog, request,
                                    rates_for(a, catalog))
        return hardware.monthly_cost_usd if hardware is not None else None
    costs = provider_costs(
        catalog.prices_by_model.get(model.id, []), a.monthly_tokens, a.input_share, catalog,
        audio=a.task.value == "realtime_voice",
    )
    at = next((c for c in costs if c.provider == recorded.get("provider")), None)
    if at is None and costs:
        at = costs[0]
    return at.monthly_cost_usd if at is not None else None


def cost_change(
    recorded: dict[str, Any], advice: Advice, catalog: Catalog, threshold: float
) -> str | None:
    """`cost of X at P was $198, now $1,980 a month (+900%)`, beyond the policy's threshold."""
    was = recorded.get("monthly_cost_usd")
    if not isinstance(was, int | float) or isinstance(was, bool) or was <= 0:
        return None
    now = recorded_choice_cost(recorded, advice, catalog)
    if now is None or abs(now / was - 1) <= threshold:
        return None
    at = f" at {recorded['provider']}" if recorded.get("provider") else ""
    return (
        f"cost of {recorded.get('model')}{at} was {_usd(was)}, now {_usd(now)} a month "
        f"({now / was - 1:+.0%}; the policy's drift threshold is {threshold:.0%})"
    )


def _usd(value: float) -> str:
    return f"${value:,.0f}" if value >= 100 else f"${value:,.2f}"


def retirement(
    recorded: dict[str, Any], catalog: Catalog, today: dt.date
) -> tuple[list[str], list[str]]:
    """(changes, notes): the recorded pick retired (drift), or retiring soon (a note)."""
    model_id, provider = recorded.get("model"), recorded.get("provider")
    model = catalog.models_by_id.get(str(model_id)) if model_id is not None else None
    if model is None:
        return [], []
    dates = [(f"{model.name}", model.deprecation_date)]
    if provider is not None:
        for price in catalog.prices_by_model.get(model.id, []):
            if price.provider == provider:
                dates.append((f"{provider}'s {model.name}", price.deprecation_date))
    changes: list[str] = []
    notes: list[str] = []
    window = catalog.policy.deprecation_warning_days
    for what, date in dates:
        if date is None:
            continue
        days = (date - today).days
        if days <= 0:
            changes.append(f"the recorded pick is deprecated: {what} retired on {date}")
        elif days <= window:
            notes.append(f"{what} retires on {date}, in {days} days")
    return changes, notes


def license_change(recorded: dict[str, Any], catalog: Catalog) -> str | None:
    """`the license of X is now Y (was Z)`: the recorded pick's license changed."""
    was = recorded.get("license")
    model = catalog.models_by_id.get(str(recorded.get("model")))
    if was is None or model is None or model.license == was:
        return None
    return f"the license of {model.id} is now {model.license} (was {was})"


def explain(recorded: dict[str, Any], advice: Advice, catalog: Catalog) -> list[str]:
    """What differs between a recorded recommendation and today's advice, and why."""
    today = recommendation(advice)
    out: list[str] = []
    if today["deployment"] != recorded.get("deployment"):
        why = ""
        if advice.fallback is not None:
            f = advice.fallback
            why = f" (fallback from {MODE_LABELS[f.from_mode]}: {f.reason})"
        elif (step := advice.deciding_step) is not None and NODES_BY_KEY[step.node].terminal:
            why = f" ({step.effect})"  # a terminal node (5) says why; the others name a mode
        now = "none" if advice.deployment is None else MODE_LABELS[advice.deployment]
        out.append(f"deployment now {now}{why}")
    old_model = recorded.get("model")
    primary = advice.primary
    if today["model"] != old_model:
        if old_model is not None:
            reasons = [e.reason for e in advice.excluded if e.model == old_model]
            if old_model not in catalog.models_by_id:
                out.append(f"model {old_model} is no longer in the catalog")
            elif reasons:
                out.append(f"model {old_model} now excluded: {'; '.join(reasons)}")
            elif any(c.model == old_model for c in advice.alternatives):
                out.append(f"model {old_model} is still a candidate, ranked lower")
            elif primary is not None:
                out.append(
                    f"model {old_model} is not a candidate as {MODE_LABELS[primary.mode]}"
                )
        if primary is None:
            out.append("no model satisfies the constraints")
        else:
            out.append(f"primary now {primary.model} (ranked first in {primary.rank_source})")
    elif today["provider"] != recorded.get("provider") and primary is not None:
        cheapest = primary.providers[0]
        old = recorded.get("provider")
        old_price = next((p for p in primary.providers if p.provider == old), None)
        dropped = next((d for d in primary.dropped_providers if d.provider == old), None)
        if old_price is not None:
            was = f"; {old} is ${old_price.blended_per_mtok:,.3f}/M"
        elif dropped is not None:
            was = f"; {old} can no longer serve it: {dropped.reason}"
        else:
            was = f"; {old} no longer prices it"
        out.append(
            f"cheapest provider now {cheapest.provider} at "
            f"${cheapest.blended_per_mtok:,.3f}/M blended (price){was}"
        )
    return out


def _recorded_answers(record: Record) -> tuple[dict[str, Any], dict[str, Any], str | None]:
    assert record.meta is not None
    block = record.meta.get("modelpick")
    if not isinstance(block, dict):
        raise InputError(
            "'modelpick' must be a mapping", file=record.name, line=record.line_of(["modelpick"])
        )
    answers = _mapping(record, block, "answers", "a mapping of answers")
    recorded = _mapping(record, block, "recommendation", "a mapping")
    version = block.get("catalog_version")
    return answers, recorded, str(version) if version is not None else None


def _mapping(record: Record, block: dict[str, Any], key: str, what: str) -> dict[str, Any]:
    """`modelpick.<key>` of a record, which must be a mapping; else an error at its line."""
    value = block.get(key)
    if not isinstance(value, dict):
        raise InputError(
            f"'modelpick.{key}' must be {what}",
            file=record.name,
            line=record.line_of(["modelpick", key]) or record.line_of(["modelpick"]),
            key=f"modelpick.{key}",
        )
    return value


def evaluate_record(record: Record, catalog: Catalog, today: dt.date) -> DriftRow:
    """Decide one record again against the catalog."""
    assert record.meta is not None
    answers, recorded, version = _recorded_answers(record)
    try:
        resolved = resolve(answers, origin=record.name, groups=catalog.policy.region_groups)
    except InputError as exc:
        key = exc.key.split(".")[0].split("[")[0] if exc.key else None
        path: list[str | int] = ["modelpick", "answers", *([key] if key else [])]
        raise InputError(
            exc.message,
            file=record.name,
            line=record.line_of(path),
            key=f"modelpick.answers.{exc.key}" if exc.key else "modelpick.answers",
        ) from None
    advice = decide(resolved, catalog, today, sensitivity=False)
    recorded_view = {k: recorded.get(k) for k in COST_KEYS}
    changes = explain(recorded_view, advice, catalog)
    retired, notes = retirement(recorded_view, catalog, today)
    changes += retired
    if (relicensed := license_change(recorded_view, catalog)) is not None:
        changes.append(relicensed)
    threshold = catalog.policy.record_drift.cost_change
    if (moved := cost_change(recorded_view, advice, catalog, threshold)) is not None:
        changes.append(moved)
    block = record.meta["modelpick"]
    identity = block.get("catalog") if isinstance(block.get("catalog"), dict) else None
    entry = read_entry(record.name, record.body, record) if record.embedded else None
    if entry is not None and entry.conflict is not None:
        notes.append(entry.conflict)
    return DriftRow(
        record=record.name,
        status=entry.state if entry is not None else status_word(record.meta),
        recorded_catalog_version=version,
        recorded=recorded_view,
        today=recommendation(advice),
        changes=tuple(changes),
        notes=tuple(notes),
        recorded_catalog=identity,
        title=entry.title if entry is not None else _title(record.body),
    )


def _title(body: str) -> str | None:
    return next(
        (line[2:].strip() for line in body.splitlines() if line.startswith("# ")), None
    )


@frozen
class CheckResult:
    """What `adr check` found: records decided again, numbers given twice, files passed over."""

    rows: tuple[DriftRow, ...]
    duplicates: tuple[tuple[int, tuple[str, ...]], ...] = ()
    """(number, paths) for each number that more than one record file has."""
    skipped: tuple[Skipped, ...] = ()

    @property
    def fails(self) -> bool:
        """An accepted record that drifted, or two records with one number."""
        return bool(self.duplicates) or any(row.fails for row in self.rows)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output (keys are only ever added)."""
        return {
            "records": [row.as_dict() for row in self.rows],
            "drifted": sum(row.drifted for row in self.rows),
            "failing": sum(row.fails for row in self.rows),
            "duplicates": [
                {"number": number, "records": [printable(p) for p in paths]}
                for number, paths in self.duplicates
            ],
            "skipped": [item.as_dict() for item in self.skipped],
        }

