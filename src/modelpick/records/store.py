"""The store: a directory of decision records, read for `adr check`, written by `adr new`.

All of the records' file I/O is here: listing the directory and sorting its entries, reading
records with a size cap, and placing a new record (and rewriting the one it supersedes)
under a lock, so that writers running at once get distinct numbers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from modelpick.catalog.loader import Catalog
from modelpick.engine.result import Advice
from modelpick.errors import InputError, NoCandidate, WriteRefused
from modelpick.fileio import Output, file_kind, safe_child, write_atomic, write_files
from modelpick.frozen import frozen
from modelpick.records.drift import CheckResult, evaluate_record
from modelpick.records.format import (
    Skipped,
    default_title,
    duplicate_numbers,
    next_number,
    parse_records,
    record_name,
    record_number,
    records_numbered,
    render_record,
    slug_source,
)
from modelpick.records.header import read_entry
from modelpick.records.lifecycle import supersede
from modelpick.report.record import People
from modelpick.yamlfile import read_text

_RECORDISH = re.compile(r"[0-9]{4,}-.*\.md", re.DOTALL)
"""Found inside a name that is not a record's: an editor's swap, lock or backup of one."""
_OWN_TEMP = re.compile(r"\..*\.md\.[A-Za-z0-9_]+\.tmp", re.DOTALL)
"""A record that write_atomic is writing at this moment (its mkstemp name)."""
MAX_RECORD_BYTES = 4 * 1024 * 1024
"""Records are a few kilobytes; a larger `*.md` file is not read as one."""
LOCK_TIMEOUT_S = 10.0
"""How long `adr new` waits for another writer in the same directory before giving up."""


# --- the directory -------------------------------------------------------------------------


@frozen
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
    *,
    title: str | None,
    status: str,
    date: dt.date,
    supersedes: int | None = None,
    warn: Warn | None = None,
    lock_timeout: float = LOCK_TIMEOUT_S,
    force: bool = False,
    notify: Callable[[str], None] | None = None,
    people: People | None = None,
    catalog: dict[str, object] | None = None,
    layout: str = "madr",
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
    slug = title if title and title.strip() else slug_source(advice)
    title = title if title and title.strip() else default_title(advice)
    rendered: dict[tuple[str | None, str | None], str] = {}

    def render(old_name: str | None, label: str | None = None) -> str:
        if (old_name, label) not in rendered:
            rendered[(old_name, label)] = render_record(
                advice, title=title, status=status, date=date,
                supersedes=old_name, supersedes_label=label, people=people,
                catalog=catalog, layout=layout,
            )
        return rendered[(old_name, label)]

    if supersedes is None:
        render(None)  # before the lock: keep the turn short
    if directory.is_symlink() and not directory.exists():
        raise InputError(
            "decision record directory is a symbolic link to nothing", file=str(directory)
        )
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create directory: {exc.strerror or exc}", file=str(directory)
        ) from None
    warned: set[str] = set()
    with numbering_lock(directory, timeout=lock_timeout):
        deadline = time.monotonic() + lock_timeout
        while True:
            listing = scan_directory(directory)
            report(listing.skipped)
            old_name = None if supersedes is None else _superseded(directory, listing, supersedes)
            new_name = record_name(next_number(listing.names), slug)
            original = None
            old_text = None
            label = None
            if old_name is not None:
                old_path = directory / old_name
                original = (old_path, read_record_text(old_path))
                entry = read_entry(str(old_path), original[1])
                assert entry is not None  # it is numbered: _superseded found it by number
                plan = supersede(
                    entry, original[1], str(old_path), record_number(new_name) or 0, new_name,
                    title, force=force, workload=advice.answers.workload,
                )
                old_text, label = plan.old_text, plan.link_text
                for line in plan.warnings:
                    if notify is not None and line not in warned:
                        warned.add(line)
                        notify(line)
            try:
                written = _place(directory, new_name, render(old_name, label), old_name, old_text)
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
    write_records(outputs)
    return [output.path for output in outputs]


def write_records(outputs: Sequence[Output]) -> None:
    """Both or neither: never a superseded record without its successor."""
    try:
        write_files(outputs)
    except WriteRefused as exc:
        raise InputError(exc.message, file=exc.file) from None  # no --force to suggest here
