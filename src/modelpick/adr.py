"""Architecture decision records in the MADR 4.0 format that know when they are stale.

A record embeds its answers, the catalog version and the recommendation under a `modelpick:`
front-matter key, so `adr check` can decide it again against today's catalog. Rendering,
parsing and evaluating are pure; `write_new_record` and `read_records` are the only I/O.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import re
import stat
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from modelpick import __version__
from modelpick.catalog.loader import Catalog
from modelpick.engine.answers import ResolvedAnswers, resolve
from modelpick.engine.decision import decide
from modelpick.engine.result import Advice
from modelpick.engine.tree import MODE_LABELS, NODES_BY_KEY
from modelpick.errors import InputError, NoCandidate, WriteRefused, one_line
from modelpick.fileio import Output, file_kind, safe_child, write_atomic, write_files
from modelpick.report.markdown import Link, render_report
from modelpick.yamlfile import YamlDocument, dump_yaml, load_yaml_text, read_text

DEFAULT_DIR = Path("docs/decisions")
SLUG_MAX = 60
_NUMBERED = re.compile(r"([0-9]{4,})-.*\.md", re.DOTALL)
"""A record's file name: an ASCII number of four or more digits, a dash, anything, `.md`."""
_RECORDISH = re.compile(r"[0-9]{4,}-.*\.md", re.DOTALL)
"""Found inside a name that is not a record's: an editor's swap, lock or backup of one."""
_OWN_TEMP = re.compile(r"\..*\.md\.[A-Za-z0-9_]+\.tmp", re.DOTALL)
"""A record that write_atomic is writing at this moment (its mkstemp name)."""
_FENCE = "---"
MAX_RECORD_BYTES = 4 * 1024 * 1024
"""Records are a few kilobytes; a larger `*.md` file is not read as one."""
LOCK_TIMEOUT_S = 10.0
"""How long `adr new` waits for another writer in the same directory before giving up."""
FAILING_STATUS = "accepted"
"""Only an accepted decision that the catalog would now decide differently fails a check."""


# --- names ---------------------------------------------------------------------------------


def record_number(name: str) -> int | None:
    """The number of a record's file name (`0004-x.md` -> 4); None for any other name."""
    match = _NUMBERED.fullmatch(name)
    return int(match.group(1)) if match else None


def next_number(names: Iterable[str]) -> int:
    """One more than the highest `NNNN-` number among the names, or 1."""
    numbers = [n for name in names if (n := record_number(name)) is not None]
    return max(numbers, default=0) + 1


def slugify(title: str) -> str:
    """A file-name slug: `[a-z0-9-]`, no path separators or dots, at most 60 characters."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        cut = slug[: SLUG_MAX + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:SLUG_MAX]  # whole words
    slug = slug.rstrip("-")
    return slug or "decision"


def record_name(number: int, title: str) -> str:
    """`0004-use-qwen3-for-support-triage.md`."""
    return f"{number:04d}-{slugify(title)}.md"


def find_record(names: Iterable[str], number: int) -> str | None:
    """The record whose number prefix is `number`, if any (the first by name)."""
    found = records_numbered(names, number)
    return found[0] if found else None


def records_numbered(names: Iterable[str], number: int) -> list[str]:
    """Every record name with number `number`, in name order: more than one is a defect."""
    return sorted(name for name in names if record_number(name) == number)


def duplicate_numbers(names: Iterable[str]) -> dict[int, list[str]]:
    """Numbers that more than one record name claims, each with its names in order."""
    by_number: dict[int, list[str]] = {}
    for name in sorted(names):
        number = record_number(name)
        if number is not None:
            by_number.setdefault(number, []).append(name)
    return {n: found for n, found in sorted(by_number.items()) if len(found) > 1}


# --- rendering -----------------------------------------------------------------------------


def recommendation(advice: Advice) -> dict[str, Any]:
    """What a record remembers of the advice, and what `adr check` compares."""
    primary = advice.primary
    provider = primary.providers[0].provider if primary and primary.providers else None
    return {
        "deployment": advice.deployment.value if advice.deployment else None,
        "model": primary.model if primary else None,
        "provider": provider,
    }


def default_title(advice: Advice) -> str:
    """`Use Qwen3 as hosted open-weight API for Support triage`."""
    workload = advice.answers.workload
    if advice.primary is None or advice.deployment is None:
        return f"No model satisfies the constraints for {workload}"
    return f"Use {advice.primary.name} as {MODE_LABELS[advice.deployment]} for {workload}"


def dump_front_matter(data: dict[str, Any]) -> str:
    """YAML front matter between `---` lines; values are dumped, never interpolated."""
    body = dump_yaml(data)
    return f"{_FENCE}\n{body}{_FENCE}\n"


def render_record(
    advice: Advice,
    catalog: Catalog,
    resolved: ResolvedAnswers,
    *,
    title: str,
    status: str,
    date: dt.date,
    supersedes: str | None = None,
) -> str:
    """A whole MADR 4.0 record: front matter, then the rationale report."""
    meta: dict[str, Any] = {
        "status": status,
        "date": date,
        "decision-makers": [],
        "consulted": [],
        "informed": [],
        "modelpick": {
            "version": __version__,
            "catalog_version": advice.catalog_version,
            "answers": resolved.answers.model_dump(mode="json"),
            "assumed": list(resolved.assumed),
            "recommendation": recommendation(advice),
        },
    }
    links: list[Link] = []
    if supersedes is not None:
        meta["modelpick"]["supersedes"] = supersedes
        links.append(Link(text="Supersedes", target=supersedes))
    body = render_report(advice, catalog, title=title, links=links)
    return dump_front_matter(meta) + "\n" + body


# --- parsing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """A parsed record: front matter (None when it has none) and the Markdown body."""

    name: str
    meta: dict[str, Any] | None
    body: str
    doc: YamlDocument | None
    """The front matter as a YAML document, for line numbers (1 = the opening `---`)."""

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of a front-matter key in the whole file."""
        if self.doc is None:
            return None
        line = self.doc.line_of(path)
        return line + 1 if line is not None else None


def parse_record(text: str, name: str = "record") -> Record:
    """Split a record into front matter and body; broken front matter names file and line."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != _FENCE:
        return Record(name, None, text, None)
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n") in (_FENCE, "..."):
            break
    else:
        raise InputError("front matter is not closed by a '---' line", file=name, line=1)
    yaml_text = "".join(lines[1:index])
    try:
        doc = load_yaml_text(yaml_text, name)
    except InputError as exc:
        line = exc.line + 1 if exc.line is not None else 1
        raise InputError(
            f"front matter: {exc.message}", file=name, line=line, column=exc.column
        ) from None
    if doc.data is None:
        data: dict[str, Any] = {}
    elif isinstance(doc.data, dict):
        data = doc.data
    else:
        raise InputError("front matter must be a mapping", file=name, line=2)
    return Record(name, data, "".join(lines[index + 1 :]), doc)


def status_word(meta: dict[str, Any]) -> str:
    """`accepted`, `proposed`, `superseded`...: the first word of the status, lower case."""
    words = str(meta.get("status") or "").split()
    return words[0].lower() if words else "unknown"


# --- superseding ---------------------------------------------------------------------------


def supersede(text: str, name: str, new_name: str) -> str:
    """Record `name` marked as superseded by `new_name`, linked from its body."""
    record = parse_record(text, name)
    link = f"[{new_name[:4]}]({new_name})"
    meta = dict(record.meta or {})
    meta["status"] = f"superseded by {link}"
    body = record.body.rstrip("\n")
    body += f"\n\nSuperseded by {link}.\n"
    if record.meta is None:
        return dump_front_matter(meta) + "\n" + body.lstrip("\n")
    return dump_front_matter(meta) + body


# --- evaluating ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DriftRow:
    """One record decided again: what it chose, what today's catalog chooses, and why."""

    record: str
    status: str
    recorded_catalog_version: str | None
    recorded: dict[str, Any]
    today: dict[str, Any]
    changes: tuple[str, ...]

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
        }


def _mode_label(value: object) -> str:
    for mode, label in MODE_LABELS.items():
        if mode.value == value:
            return label
    return "none" if value is None else str(value)


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
        out.append(f"deployment now {_mode_label(today['deployment'])}{why}")
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
        was = (
            f"; {old} is ${old_price.blended_per_mtok:,.3f}/M"
            if old_price is not None
            else f"; {old} no longer prices it"
        )
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
    answers = block.get("answers")
    if not isinstance(answers, dict):
        raise InputError(
            "'modelpick.answers' must be a mapping of answers",
            file=record.name,
            line=record.line_of(["modelpick", "answers"]) or record.line_of(["modelpick"]),
            key="modelpick.answers",
        )
    recorded = block.get("recommendation")
    if not isinstance(recorded, dict):
        raise InputError(
            "'modelpick.recommendation' must be a mapping",
            file=record.name,
            line=record.line_of(["modelpick", "recommendation"]) or record.line_of(["modelpick"]),
            key="modelpick.recommendation",
        )
    version = block.get("catalog_version")
    return answers, recorded, str(version) if version is not None else None


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
    recorded_view = {k: recorded.get(k) for k in ("deployment", "model", "provider")}
    return DriftRow(
        record=record.name,
        status=status_word(record.meta),
        recorded_catalog_version=version,
        recorded=recorded_view,
        today=recommendation(advice),
        changes=tuple(explain(recorded_view, advice, catalog)),
    )


_MODELPICK_KEY = re.compile(r"""["']?modelpick["']?\s*:""")


def _claims_modelpick(text: str) -> bool:
    """Whether unparsable front matter has a top-level `modelpick:` key: a broken record."""
    for line in text.splitlines()[1:]:
        if line.rstrip() in (_FENCE, "..."):
            return False
        if _MODELPICK_KEY.match(line):
            return True
    return False


def parse_records(texts: Sequence[tuple[str, str]]) -> tuple[list[Record], list[Skipped]]:
    """The (name, text) files that carry modelpick answers, parsed; and those passed over.

    A file without front matter or without a `modelpick:` block is not a modelpick record
    and is left out silently (a README, a hand-written record). Front matter that does not
    parse (a template's `{{status}}`, a Markdown rule on the first line) is passed over with
    a warning, unless it has a `modelpick:` key: that is a broken record, and an error.
    """
    found: list[Record] = []
    skipped: list[Skipped] = []
    for name, text in texts:
        try:
            record = parse_record(text, name)
        except InputError as exc:
            if _claims_modelpick(text):
                raise
            skipped.append(Skipped(name, f"not a decision record: {exc.message}", exc.line))
            continue
        if record.meta is not None and "modelpick" in record.meta:
            found.append(record)
    return found, skipped


def evaluate(
    records: Sequence[tuple[str, str]], catalog: Catalog, today: dt.date
) -> list[DriftRow]:
    """Every (name, text) record that carries modelpick answers, decided again."""
    found, _ = parse_records(records)
    return [evaluate_record(record, catalog, today) for record in found]


# --- the directory -------------------------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    """A file passed over as not a decision record, and why: a warning, never an error."""

    file: str
    reason: str
    line: int | None = None

    def render(self) -> str:
        """One line: `file[:line]: reason; skipped`."""
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return one_line(f"{where}: {self.reason}; skipped")

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {"file": printable(self.file), "line": self.line, "reason": self.reason}


@dataclass(frozen=True)
class Listing:
    """A decision record directory, sorted into what can be read as records and what not."""

    names: tuple[str, ...] = ()
    """Every entry's name. Numbering counts every record name here, whatever the entry is:
    a number skipped is harmless, a number given twice is what `adr check` fails."""
    records: tuple[str, ...] = ()
    """Regular files (or links to one) named like records, `NNNN-*.md`, in name order."""
    documents: tuple[str, ...] = ()
    """Other regular, visible `*.md` files: a README, an index, a template, notes."""
    skipped: tuple[Skipped, ...] = ()
    """Entries that look like records but cannot be read as one, each with the reason."""


def printable(path: str) -> str:
    """A path as printable text, even when its name is not UTF-8."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _not_a_file(path: Path) -> str | None:
    """Why an entry cannot be read as a record; None for a regular file, "" if it vanished.

    Only stat, never open: opening a named pipe blocks, and a device never ends.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "a symbolic link to nothing" if os.path.islink(path) else ""
    except OSError as exc:
        return f"cannot be examined ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    return f"{file_kind(mode)}, not a decision record"


def scan_directory(directory: Path) -> Listing:
    """Sort a directory's entries: records, other Markdown documents, and what to warn about.

    Only names of the form `NNNN-*.md` are records. An editor's swap, lock or backup file
    of one (`.0003-x.md.swp`, `.#0003-x.md`, `0003-x.md~`, `#0003-x.md#`) is not, and is
    named in a warning; modelpick's own temporary files are left out silently.
    """
    try:
        names = sorted(os.listdir(directory))
    except OSError as exc:
        raise InputError(
            f"cannot list decision record directory: {exc.strerror or exc}", file=str(directory)
        ) from None
    records: list[str] = []
    documents: list[str] = []
    skipped: list[Skipped] = []
    for name in names:
        path = str(directory / name)
        is_record = record_number(name) is not None
        if is_record or (name.endswith(".md") and not name.startswith(".")):
            why = _not_a_file(directory / name)
            if why is None:
                (records if is_record else documents).append(name)
            elif why:
                skipped.append(Skipped(path, why))
        elif _RECORDISH.search(name) and not _OWN_TEMP.fullmatch(name):
            skipped.append(
                Skipped(path, "not a decision record name (an editor's swap or backup file?)")
            )
    return Listing(tuple(names), tuple(records), tuple(documents), tuple(skipped))


def read_record_text(path: Path) -> str:
    """A record's text, read with a size cap (its st_size is not trusted)."""
    return read_text(path, max_bytes=MAX_RECORD_BYTES, what="decision record")


# --- adr check -----------------------------------------------------------------------------


@dataclass(frozen=True)
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


def read_records(directory: Path) -> tuple[list[tuple[str, str]], Listing, list[Skipped]]:
    """(path, text) of every readable `*.md` file in a directory, in name order.

    Also the directory's listing, and the files that could not be read (each a warning).
    """
    if not directory.is_dir():
        what = "is not a directory" if directory.exists() else "does not exist"
        raise InputError(f"decision record directory {what}", file=str(directory))
    listing = scan_directory(directory)
    texts: list[tuple[str, str]] = []
    unreadable: list[Skipped] = []
    for name in sorted(listing.records + listing.documents):
        path = directory / name
        try:
            texts.append((str(path), read_record_text(path)))
        except InputError as exc:
            unreadable.append(Skipped(str(path), exc.message, exc.line))
    return texts, listing, unreadable


def check_records(directory: Path, catalog: Catalog, today: dt.date) -> CheckResult:
    """`adr check`: every record in the directory decided again, and its numbering checked."""
    texts, listing, unreadable = read_records(directory)
    found, unparsed = parse_records(texts)
    rows = tuple(evaluate_record(record, catalog, today) for record in found)
    duplicates = tuple(
        (number, tuple(str(directory / name) for name in names))
        for number, names in duplicate_numbers(listing.records).items()
    )
    skipped = sorted([*listing.skipped, *unreadable, *unparsed], key=lambda item: item.file)
    return CheckResult(rows, duplicates, tuple(skipped))


# --- adr new -------------------------------------------------------------------------------


@contextlib.contextmanager
def numbering_lock(directory: Path, *, timeout: float = LOCK_TIMEOUT_S) -> Iterator[bool]:
    """Hold an exclusive lock on the directory while a number is chosen and its file created.

    The lock is flock(2) on the directory itself, opened read-only: there is no lock file to
    leave behind, and the kernel drops the lock when the process ends, however it ends.
    Another writer is waited for at most `timeout` seconds; then the command fails naming
    the directory. Yields whether the lock is held: where flock is missing or refused (not
    POSIX; some network file systems) it yields False and the claim check in
    write_new_record alone keeps numbers distinct.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield False
        return
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(directory, flags)
    except OSError as exc:
        raise InputError(
            f"cannot open decision record directory: {exc.strerror or exc}", file=str(directory)
        ) from None
    try:
        deadline = time.monotonic() + timeout
        delay = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise InputError(
                        "another modelpick is writing a decision record in this directory; "
                        f"gave up waiting after {timeout:g} s",
                        file=str(directory),
                        hint="try again once it has finished",
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.05)
                continue
            except OSError:  # ENOLCK, EOPNOTSUPP, EBADF (NFS): no lock, the claim check holds
                yield False
                return
            break
        yield True
    finally:
        os.close(fd)  # releases the lock


def _superseded(directory: Path, listing: Listing, number: int) -> str:
    """The one record numbered `number`; missing, ambiguous or a symlink is an error."""
    found = records_numbered(listing.records, number)
    if not found:
        raise InputError(f"no record numbered {number:04d} to supersede", file=str(directory))
    if len(found) > 1:
        raise InputError(
            f"{len(found)} records are numbered {number:04d} ({', '.join(found)}); "
            "cannot tell which one to supersede",
            file=str(directory),
            hint="renumber all but one of them",
        )
    if (directory / found[0]).is_symlink():
        raise InputError(
            "refusing to rewrite a decision record through a symbolic link",
            file=str(directory / found[0]),
        )
    return found[0]


def _sole_claim(directory: Path, name: str) -> bool:
    """Whether `name` is the only entry with its number (it has just been created)."""
    number = record_number(name)
    try:
        names = os.listdir(directory)
    except OSError:  # it was listed a moment ago; the lock, if held, still holds
        return True
    return not any(other != name and record_number(other) == number for other in names)


def _withdraw(written: Sequence[Path], original: tuple[Path, str] | None) -> None:
    """Take back a record that lost its number to another writer, and restore the old one."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(written[0])
    if original is not None and original[0] in written[1:]:
        write_atomic(original[0], original[1], force=True, what="decision record")


Warn = Callable[[Skipped], None]


def _once(warn: Warn | None) -> Callable[[Iterable[Skipped]], None]:
    """Report each skipped file once, however often the directory is listed."""
    seen: set[str] = set()

    def report(items: Iterable[Skipped]) -> None:
        for item in items:
            if warn is not None and item.file not in seen:
                seen.add(item.file)
                warn(item)

    return report


def write_new_record(
    directory: Path,
    advice: Advice,
    catalog: Catalog,
    resolved: ResolvedAnswers,
    *,
    title: str | None,
    status: str,
    date: dt.date,
    supersedes: int | None = None,
    warn: Warn | None = None,
    lock_timeout: float = LOCK_TIMEOUT_S,
) -> list[Path]:
    """Write the next numbered record (and mark the one it supersedes); the paths written.

    Everything is checked before anything is written; each file is written atomically and a
    new record never replaces an existing file. Files in the directory that are not records
    are passed to `warn` and otherwise ignored.

    Writers running at once get distinct numbers by two means. The directory is locked
    (numbering_lock) while the next number is chosen and its file created, so `adr new`s
    take turns. And, where the lock is unavailable or another tool writes without it, the
    claim is checked: after creating NNNN-slug.md the directory is listed again, and if
    any other name has NNNN the new file is taken back and the next number tried, after a
    short random pause. A writer keeps its file only if no rival was there when it looked,
    after its own file existed; so of two writers of one number at most one keeps it.
    """
    if advice.primary is None:
        raise NoCandidate("no model satisfies the constraints; no decision record written")
    if directory.exists() and not directory.is_dir():
        raise InputError("decision record directory is not a directory", file=str(directory))
    report = _once(warn)
    if supersedes is not None:  # fail before the directory is created or locked
        listing = scan_directory(directory) if directory.is_dir() else Listing()
        report(listing.skipped)
        _superseded(directory, listing, supersedes)
    title = title if title and title.strip() else default_title(advice)
    rendered: dict[str | None, str] = {}

    def render(old_name: str | None) -> str:
        if old_name not in rendered:
            rendered[old_name] = render_record(
                advice, catalog, resolved, title=title, status=status, date=date,
                supersedes=old_name,
            )
        return rendered[old_name]

    if supersedes is None:
        render(None)  # before the lock: keep the turn short
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create directory: {exc.strerror or exc}", file=str(directory)
        ) from None
    with numbering_lock(directory, timeout=lock_timeout):
        deadline = time.monotonic() + lock_timeout
        while True:
            listing = scan_directory(directory)
            report(listing.skipped)
            old_name = None if supersedes is None else _superseded(directory, listing, supersedes)
            new_name = record_name(next_number(listing.names), title)
            original = None
            old_text = None
            if old_name is not None:
                old_path = directory / old_name
                original = (old_path, read_record_text(old_path))
                old_text = supersede(original[1], str(old_path), new_name)
            try:
                written = _place(directory, new_name, render(old_name), old_name, old_text)
            except InputError as exc:
                # Another writer created this very name first: number again.
                new_path = directory / new_name
                if exc.file != str(new_path) or not os.path.lexists(new_path):
                    raise
            else:
                if _sole_claim(directory, new_name):
                    return written
                _withdraw(written, original)
            if time.monotonic() >= deadline:
                raise InputError(
                    "could not claim a record number: other writers kept taking it",
                    file=str(directory),
                    hint="try again",
                )
            time.sleep(random.uniform(0.005, 0.05))


def _place(
    directory: Path, new_name: str, text: str, old_name: str | None, old_text: str | None
) -> list[Path]:
    """Create the new record (never replacing a file) and rewrite the superseded one."""
    # The name comes from a title: make sure it cannot land outside the directory.
    outputs = [Output(safe_child(directory, new_name, what="decision record"), text,
                      what="decision record")]
    if old_name is not None and old_text is not None:
        outputs.append(Output(safe_child(directory, old_name, what="decision record"), old_text,
                              what="decision record", overwrite=True))
    _write_records(outputs)
    return [output.path for output in outputs]


def _write_records(outputs: Sequence[Output]) -> None:
    """Both or neither: never a superseded record without its successor."""
    try:
        write_files(outputs)
    except WriteRefused as exc:
        raise InputError(exc.message, file=exc.file) from None  # no --force to suggest here
