"""Describe a price-import plan as text or JSON: a plan in, a string out."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from modelpick.catalog.price_plan import UNMAPPED, ImportPlan, Outcome, percent
from modelpick.report.json_text import dumps


def _money(value: float | None) -> str:
    return "-" if value is None else format(Decimal(repr(value)), "f")


def _pct(value: float | None) -> str:
    if value is None:
        return "n/a"
    return "0.0%" if value == 0 else f"{value:+.1f}%"


def _change(old: object, new: object) -> str:
    """`old -> new` when a field changes, the value when it does not, `-` when unknown."""
    if old == new:
        return "-" if old is None else str(old)
    return f"{'-' if old is None else old} -> {new}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
            for r in [header, *rows]]


def format_text(plan: ImportPlan, *, written: list[Path], dry_run: bool) -> str:
    """The diff and the lists of what could not be matched, as plain text."""
    pm = plan.price_map
    changed = plan.rows(Outcome.CHANGED)
    unmapped = plan.rows(*UNMAPPED)
    lines = [
        f"{pm.label}: {pm.file} (sha256 {pm.sha256[:12]}, {len(pm.entries):,} keys)",
        f"Catalog: {plan.catalog_dir} (version {plan.old_version}); imported figures cite "
        f"'{plan.source_id}'",
        "",
        f"Prices: {len(changed)} changed, {len(plan.rows(Outcome.UNCHANGED))} unchanged, "
        f"{len(unmapped)} unmapped (USD per million tokens)",
    ]
    if changed:
        lines += ["", *_table(
            ["model", "provider", "old in", "old out", "new in", "new out", "in %", "out %",
             "window", "retires"],
            [[r.model, r.provider, _money(r.old_input), _money(r.old_output),
              _money(r.new_input), _money(r.new_output),
              _pct(percent(r.old_input, r.new_input)), _pct(percent(r.old_output, r.new_output)),
              _change(r.old_window, r.new_window), _change(r.old_deprecation, r.new_deprecation)]
             for r in changed],
        )]
    if unmapped:
        lines += ["", "Unmapped (left as they are):", *_table(
            ["model", "provider", "key", "reason"],
            [[r.model, r.provider, r.key or "-", r.reason or r.outcome.value] for r in unmapped],
        )]
    if plan.contexts:
        lines += ["", "Context windows (model-level litellm_key):", *_table(
            ["model", "litellm_key", "old", "new", "outcome"],
            [[c.model, c.key, str(c.old), str(c.new), c.reason or c.outcome.value]
             for c in plan.contexts],
        )]
    if plan.notes:
        lines += ["", "Notes:", *(f"- {note}" for note in plan.notes)]
    lines.append("")
    if not plan.has_changes:
        lines.append("prices are up to date; nothing to write")
    elif dry_run:
        lines.append(f"dry run: nothing written (would bump the catalog to {plan.new_version})")
    else:
        names = ", ".join(p.name for p in written)
        lines.append(f"wrote {names}: catalog {plan.old_version} -> {plan.new_version}")
    return "\n".join(lines) + "\n"


def format_json(plan: ImportPlan, *, written: list[Path], dry_run: bool) -> str:
    """The whole plan as one JSON object."""
    data = {
        "file": plan.price_map.file,
        "sha256": plan.price_map.sha256,
        "catalog": plan.catalog_dir,
        "source": plan.source_id,
        "date": plan.date.isoformat(),
        "dry_run": dry_run,
        "up_to_date": not plan.has_changes,
        "version": {"old": plan.old_version, "new": plan.new_version},
        "counts": {
            "changed": len(plan.rows(Outcome.CHANGED)),
            "unchanged": len(plan.rows(Outcome.UNCHANGED)),
            "unmapped": len(plan.rows(*UNMAPPED)),
            "context_changed": len(plan.changed_contexts),
        },
        "changed": [r.as_dict() for r in plan.rows(Outcome.CHANGED)],
        "unmapped": [r.as_dict() for r in plan.rows(*UNMAPPED)],
        "contexts": [c.as_dict() for c in plan.contexts],
        "changelog": plan.changelog_line if plan.has_changes else None,
        "notes": plan.notes,
        "written": [str(p) for p in written],
    }
    return dumps(data)
