"""The records' life on disk: listed, shown, their status changed, an index page written.

The pure parts are lifecycle.py's; reading goes through store.py's directory scan, and every
rewrite is atomic under the directory's lock, as `adr new` writes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from modelpick.errors import InputError
from modelpick.fileio import Output, safe_child, write_atomic
from modelpick.records.format import Skipped, record_number
from modelpick.records.header import Entry
from modelpick.records.lifecycle import change_status, find, read_entries, update_index
from modelpick.records.store import (
    MAX_RECORD_BYTES,
    numbering_lock,
    read_record_text,
    read_records,
    write_records,
)
from modelpick.yamlfile import read_text


def list_entries(directory: Path) -> tuple[list[Entry], list[Skipped]]:
    """Every numbered record in the directory (any layout), and the files passed over."""
    texts, listing, unreadable = read_records(directory)
    records = {str(directory / name) for name in listing.records}
    entries, unparsed = read_entries([(path, text) for path, text in texts if path in records])
    skipped = sorted([*listing.skipped, *unreadable, *unparsed], key=lambda item: item.file)
    return entries, skipped


def _rewrite(directory: Path, name: str, edit: Callable[[str, str], str]) -> Path:
    """Rewrite one record in place, under the directory's lock, atomically."""
    path = safe_child(directory, name, what="decision record")
    if path.is_symlink():
        raise InputError("refusing to rewrite a decision record through a symbolic link",
                         file=str(path))
    with numbering_lock(directory):
        text = read_record_text(path)
        write_records([Output(path, edit(text, str(path)), what="decision record",
                               overwrite=True)])
    return path


def set_record_status(directory: Path, number: int, status: str, *, force: bool) -> Path:
    """`adr status N STATUS`: the record's status changed in its own layout."""
    entry = record_entry(directory, number)
    return _rewrite(
        directory, entry.name,
        lambda text, path: change_status(entry, text, path, status, force=force),
    )


def record_entry(directory: Path, number: int) -> Entry:
    """The record numbered `number`; one that cannot be read fails with its own error."""
    entries, skipped = list_entries(directory)
    for item in skipped:
        if record_number(Path(item.file).name) == number:
            raise InputError(item.reason, file=item.file, line=item.line)
    return find(entries, number, str(directory))


def write_index(directory: Path, output: Path | None = None) -> Path:
    """`adr index`: the records' table regenerated between adr-log's markers in README.md."""
    entries, _ = list_entries(directory)
    path = output if output is not None else directory / INDEX_NAME
    existing = read_text(path, max_bytes=MAX_RECORD_BYTES, what="index") if path.exists() else None
    text = update_index(existing, entries, str(path))
    if text != existing:
        write_atomic(path, text, force=existing is not None, what="index")
    return path


INDEX_NAME = "README.md"
