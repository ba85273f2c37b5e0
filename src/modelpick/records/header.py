"""What any decision record says about itself: number, title, status, date, people and links.

Three layouts are read, whoever wrote them:

- **MADR 4.0 front matter** (modelpick's default): `status:`, `date:`, `decision-makers:`,
  `consulted:`, `informed:` in YAML between `---` lines, the title the first `# ` heading.
- **Nygard / adr-tools**: `# 1. Title` on the first line, a `Date:` line, and a `## Status`
  section whose first paragraph is the status, followed by link lines (`Supersedes [..](..)`).
- **MADR 2-3 / log4brains**: `# Title` on the first line, then a list of `* Status: ...`,
  `* Date: ...`, `* Deciders: ...` items.

modelpick's `tools` layout is the last two at once (the title on line 1, the header list that
log4brains reads and the status section that adr-tools reads), with its answers in a fenced
block at the end (format.py). Pure: text in, an Entry out.
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import Any, Literal

from modelpick.frozen import frozen
from modelpick.records.format import Record, parse_record, record_number, status_word

Layout = Literal["madr", "nygard", "list", "tools", "plain"]

_HEADING = re.compile(r"#\s+(.*?)\s*#*\s*")
_NUMBERED_TITLE = re.compile(r"[0-9]+\.\s+(.*)")
_LIST_ITEM = re.compile(r"[*-]\s+([A-Za-z][A-Za-z -]*?)\s*:\s*(.*)")
_DATE_LINE = re.compile(r"Date:\s*(.*)")
_LINK = re.compile(r"\[([^\]]*)\]\(<?([^)>\s]+)>?\)")
_STATUS_WORDS = (
    "proposed", "accepted", "rejected", "deprecated", "superseded", "superceded", "draft"
)
"""Superceded: upstream adr-tools' spelling (Debian's package writes Superseded)."""


@frozen
class Entry:
    """One decision record as `adr list` shows it."""

    name: str
    number: int
    title: str
    status: str
    """The status as written, e.g. `superseded by [ADR-0005](0005-x.md)`."""
    date: str | None
    layout: Layout
    superseded_by: tuple[str, ...] = ()
    """File names the status links to as successors."""
    supersedes: tuple[str, ...] = ()
    decision_makers: tuple[str, ...] = ()
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()
    modelpick: dict[str, Any] | None = field(default=None, compare=False)
    """The record's `modelpick:` block, when modelpick wrote it."""
    conflict: str | None = None
    """A `tools` record whose header list and `## Status` section disagree (one tool edited
    its own copy only), in words."""

    @property
    def state(self) -> str:
        """The status's first word, lower case: `accepted`, `superseded`, ..."""
        word = status_word({"status": self.status}).rstrip(".,:")
        return "superseded" if word == "superceded" else word

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output (keys are only ever added)."""
        block = self.modelpick or {}
        recommendation = block.get("recommendation") if isinstance(block, dict) else None
        return {
            "number": self.number,
            "file": self.name,
            "title": self.title,
            "status": self.state,
            "status_text": self.status,
            "date": self.date,
            "layout": self.layout,
            "superseded_by": list(self.superseded_by),
            "supersedes": list(self.supersedes),
            "decision_makers": list(self.decision_makers),
            "consulted": list(self.consulted),
            "informed": list(self.informed),
            "modelpick": self.modelpick is not None,
            "catalog_version": block.get("catalog_version") if isinstance(block, dict) else None,
            "recommendation": recommendation if isinstance(recommendation, dict) else None,
        }


def link_targets(text: str) -> tuple[str, ...]:
    """The record file names that Markdown links in `text` point at."""
    out = []
    for _, target in _LINK.findall(text):
        base = target.rsplit("/", 1)[-1].split("#", 1)[0]
        if record_number(base) is not None:
            out.append(base)
    return tuple(dict.fromkeys(out))


def _names(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(v) for v in value if v is not None and str(v).strip())
    return tuple(part.strip() for part in str(value).split(",") if part.strip())


def _title(line: str) -> str:
    match = _HEADING.fullmatch(line.strip())
    title = match.group(1) if match else line.strip()
    numbered = _NUMBERED_TITLE.fullmatch(title)
    return numbered.group(1) if numbered else title


def _first_heading(body: str) -> str | None:
    in_fence = False
    for line in body.splitlines():
        if line.startswith(("```", "~~~")):
            in_fence = not in_fence
        elif not in_fence and _HEADING.fullmatch(line.strip()) and line.startswith("# "):
            return _title(line)
    return None


def status_section(lines: list[str]) -> tuple[int, int] | None:
    """(first, end) line indexes of the `## Status` section's body, or None."""
    for index, line in enumerate(lines):
        if re.fullmatch(r"##\s+Status\s*", line.rstrip("\r\n")):
            end = index + 1
            while end < len(lines) and not lines[end].startswith("#"):
                end += 1
            return index + 1, end
    return None


def header_items(lines: list[str]) -> dict[str, tuple[int, str]]:
    """The `* Key: value` list right under the title: lower-case key -> (line index, value)."""
    items: dict[str, tuple[int, str]] = {}
    start = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if start is None:
        return items
    index = start + 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    while index < len(lines):
        match = _LIST_ITEM.fullmatch(lines[index].rstrip("\r\n"))
        if not match:
            break
        items.setdefault(match.group(1).strip().lower(), (index, match.group(2).strip()))
        index += 1
    return items


def _nygard_status(lines: list[str], section: tuple[int, int]) -> tuple[str, tuple[str, ...]]:
    """The status paragraph of a `## Status` section, and what its link lines supersede."""
    body = [line.strip() for line in lines[section[0] : section[1]]]
    status = next(
        (line for line in body if line and line.split()[0].lower().rstrip(".,:") in
         _STATUS_WORDS),
        next((line for line in body if line), ""),
    )
    supersedes = tuple(
        target
        for line in body if line.lower().startswith(("supersedes", "supercedes"))
        for target in link_targets(line)
    )
    return status, supersedes


def read_entry(name: str, text: str, record: Record | None = None) -> Entry | None:
    """The entry of a record file, or None when it is not numbered like one."""
    number = record_number(name.rsplit("/", 1)[-1])
    if number is None:
        return None
    base = name.rsplit("/", 1)[-1]
    record = record if record is not None else parse_record(text, name)
    if record.meta is not None and not record.embedded:
        meta = record.meta
        block = meta.get("modelpick") if isinstance(meta.get("modelpick"), dict) else None
        status = str(meta.get("status") or "unknown")
        supersedes: tuple[str, ...] = ()
        if block and isinstance(block.get("supersedes"), str):
            supersedes = (str(block["supersedes"]),)
        return Entry(
            name=base, number=number,
            title=_first_heading(record.body) or base,
            status=status,
            date=str(meta["date"]) if meta.get("date") is not None else None,
            layout="madr",
            superseded_by=link_targets(status) if status_word(meta) == "superseded" else (),
            supersedes=supersedes,
            decision_makers=_names(meta.get("decision-makers")),
            consulted=_names(meta.get("consulted")),
            informed=_names(meta.get("informed")),
            modelpick=block,
        )
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    title = _title(first) if first.startswith("#") else base
    items = header_items(lines)
    section = status_section(lines)
    block = record.meta["modelpick"] if record.meta is not None else None
    conflict = None
    if section is not None:
        status, supersedes = _nygard_status(lines, section)
        date = next((m.group(1).strip() for line in lines if (m := _DATE_LINE.fullmatch(line))),
                    None)
        layout: Layout = "tools" if "status" in items else "nygard"
        if layout == "tools":
            listed = items["status"][1]
            if status_word({"status": listed}) != status_word({"status": status}):
                conflict = (
                    f"its header says '{listed}' but its Status section says '{status}' "
                    "(another tool edited one of them); set both"
                )
            if not status.lower().startswith(("superseded", "superceded")):
                status = listed  # a successor link in either copy wins: it was superseded
    elif "status" in items:
        status, supersedes, layout = items["status"][1], (), "list"
        date = None
    else:
        status, supersedes, layout, date = "unknown", (), "plain", None
    if "date" in items:
        date = items["date"][1]
    if "supersedes" in items:
        supersedes = link_targets(items["supersedes"][1]) or supersedes
    return Entry(
        name=base, number=number, title=title, status=status or "unknown", date=date,
        layout=layout,
        superseded_by=(
            link_targets(status) if status.lower().startswith(("superseded", "superceded"))
            else ()
        ),
        supersedes=supersedes,
        decision_makers=_names(items.get("deciders", (0, None))[1]),
        consulted=_names(items.get("consulted", (0, None))[1]),
        informed=_names(items.get("informed", (0, None))[1]),
        modelpick=block,
        conflict=conflict,
    )
