"""A record's life after it is written: listed, indexed, its status changed, superseded.

Pure: the directory's texts come in, entries and edited texts go out (store.py reads and
writes). Edits go through edit.py, so nothing but the status and links changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from modelpick.errors import InputError
from modelpick.frozen import frozen
from modelpick.records.edit import set_status
from modelpick.records.format import Skipped, parse_record
from modelpick.records.header import Entry, read_entry
from modelpick.report.escape import md_escape, md_link, plain_link

STATUSES = ("proposed", "accepted", "rejected", "deprecated")
"""What `adr status` sets; `superseded` is set only by superseding, which links both ways."""

INDEX_START = "<!-- adrlog -->"
INDEX_END = "<!-- adrlogstop -->"
"""adr-log's markers: the index is regenerated between them and the rest of the page kept."""


def read_entries(texts: Sequence[tuple[str, str]]) -> tuple[list[Entry], list[Skipped]]:
    """Every numbered record among (path, text) files, in number order; the rest skipped."""
    found: list[Entry] = []
    skipped: list[Skipped] = []
    for path, text in texts:
        try:
            entry = read_entry(path, text)
        except InputError as exc:
            skipped.append(Skipped(path, f"not a decision record: {exc.message}", exc.line))
            continue
        if entry is not None:
            found.append(entry)
    found.sort(key=lambda e: (e.number, e.name))
    return found, skipped


def find(entries: Sequence[Entry], number: int, directory: str) -> Entry:
    """The one record numbered `number`; missing or ambiguous is an error."""
    matches = [e for e in entries if e.number == number]
    if not matches:
        raise InputError(f"no record numbered {number:04d}", file=directory)
    if len(matches) > 1:
        raise InputError(
            f"{len(matches)} records are numbered {number:04d} "
            f"({', '.join(e.name for e in matches)}); cannot tell which one is meant",
            file=directory, hint="renumber all but one of them",
        )
    return matches[0]


def adr_label(entry: Entry) -> str:
    """`ADR-0005`: how MADR and log4brains name a record in a link."""
    return f"ADR-{entry.number:04d}"


def change_status(entry: Entry, text: str, path: str, status: str, *, force: bool) -> str:
    """The record's text with its status set to one of STATUSES."""
    if status not in STATUSES:
        raise InputError(
            f"unknown status {status!r}; expected one of {', '.join(STATUSES)}", file=path
        )
    if entry.state == "superseded" and not force:
        raise InputError(
            f"{entry.name} is superseded ({entry.status}); changing its status would "
            "break the link to its successor",
            file=path, hint="pass --force to change it anyway",
        )
    return set_status(text, path, status=status, nygard_status=status.capitalize())


@frozen
class Supersession:
    """The superseded record's new text, and what the new record says about it."""

    old_text: str
    link_text: str
    """`ADR-0003` (MADR) or `3. Title` (adr-tools): how the new record names the old."""
    warnings: tuple[str, ...] = ()


def supersede(
    entry: Entry, text: str, path: str, new_number: int, new_name: str, new_title: str, *,
    force: bool, workload: str | None,
) -> Supersession:
    """Mark `entry` superseded by the new record, in its own layout; refuse a second time."""
    if entry.state == "superseded" and not force:
        raise InputError(
            f"{entry.name} is already superseded ({entry.status})",
            file=path, hint="pass --force to supersede it again; its link is then replaced",
        )
    # MADR names a record ADR-NNNN; log4brains resolves a successor by the link's text,
    # which must be the file's stem; adr-tools writes `N. Title`.
    if entry.layout in ("list", "tools"):
        status = f"superseded by {plain_link(new_name.removesuffix('.md'), new_name)}"
    else:
        status = f"superseded by {md_link(f'ADR-{new_number:04d}', new_name)}"
    nygard = plain_link(f"{new_number}. {new_title}", new_name)
    madr = md_link(f"ADR-{new_number:04d}", new_name)
    edited = set_status(
        text, path, status=status, nygard_status=f"Superseded by {nygard}",
        link_line=f"Superseded by {madr}.",
    )
    warnings = []
    for earlier in entry.superseded_by:
        warnings.append(
            f"{path}: was superseded by {earlier}, which still says it supersedes "
            f"{entry.name}; edit {earlier} if that no longer holds"
        )
    old_workload = _workload(text, path)
    if workload is not None and old_workload is not None and old_workload != workload:
        warnings.append(
            f"{path}: superseding a record for a different workload "
            f"({old_workload!r}, the new one is {workload!r})"
        )
    label = (
        f"ADR-{entry.number:04d}" if entry.layout == "madr"
        else f"{entry.number}. {entry.title}"
    )
    return Supersession(edited, label, tuple(warnings))


def _workload(text: str, path: str) -> str | None:
    record = parse_record(text, path)
    block = (record.meta or {}).get("modelpick")
    answers = block.get("answers") if isinstance(block, dict) else None
    workload = answers.get("workload") if isinstance(answers, dict) else None
    return str(workload) if workload is not None else None


# --- the index -----------------------------------------------------------------------------


def index_lines(entries: Sequence[Entry]) -> list[str]:
    """The index table: number and title linked, status (with successors linked) and date."""
    names = {e.name: e for e in entries}
    lines = ["| ADR | title | status | date |", "|---|---|---|---|"]
    for e in entries:
        status = str(md_escape(e.state))
        if e.superseded_by:
            links = ", ".join(
                str(md_link(adr_label(names[n]) if n in names else n, n)) for n in e.superseded_by
            )
            status = f"{status} by {links}"
        lines.append(
            f"| {md_link(adr_label(e), e.name)} | {md_escape(e.title)} | {status} | "
            f"{md_escape(e.date or '')} |"
        )
    return lines


def update_index(existing: str | None, entries: Sequence[Entry], path: str) -> str:
    """The index page with the table between adr-log's markers regenerated; the rest kept."""
    block = [INDEX_START, "", *index_lines(entries), "", INDEX_END]
    if existing is None:
        return "\n".join(["# Architecture decision records", "", *block]) + "\n"
    lines = existing.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == INDEX_START]
    ends = [i for i, line in enumerate(lines) if line.strip() == INDEX_END]
    if not starts and not ends:
        return existing.rstrip("\n") + "\n\n" + "\n".join(block) + "\n"
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        line = (starts or ends)[0] + 1
        raise InputError(
            f"the index markers {INDEX_START} and {INDEX_END} must each appear once, "
            "in that order", file=path, line=line,
        )
    out = lines[: starts[0]] + block + lines[ends[0] + 1 :]
    return "\n".join(out) + "\n"
