"""A validated catalog as plain data: the form the shipped snapshot and the cache store.

An entry is one line of JSON, its header (what it is, what it was made from, the digest of
the rest), then its payload: each catalog file's validated record as a row (`rows`: each
record an array of its fields' values, nearly half the text of objects and half the time to
read), and the findings of the checks that do not depend on the date. JSON only, never
pickle:
reading an entry can at worst give wrong figures, never run code; and an entry whose header,
digest or shape is not the expected one is refused (`EntryError`), so the catalog is
validated again instead.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from modelpick import __version__
from modelpick.catalog import schema as s
from modelpick.catalog.findings import Finding, Severity
from modelpick.catalog.record import Record
from modelpick.catalog.rows import from_row, to_row

FORMAT = "modelpick-catalog/2"
"""What an entry is; a change to the layout below changes it."""
SNAPSHOT_FILE = "snapshot.json"
"""The shipped catalog's entry, beside its YAML files (`snapshot`)."""


class EntryError(Exception):
    """An entry that cannot be used: made for other files or another modelpick, or damaged."""


def content_sha256(files: Mapping[str, bytes]) -> str:
    """sha256 over every catalog file's name and bytes, in name order.

    The same digest as `digest.content_sha256` gives a directory that holds only the catalog
    files (the shipped one).
    """
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0")
        digest.update(files[name])  # not `+ b"\0"`: that copies tens of megabytes
        digest.update(b"\0")
    return digest.hexdigest()


@functools.cache
def schema_fingerprint() -> str:
    """A digest of every catalog type's fields, annotations and defaults, and the version.

    An entry made by a modelpick whose records differ (a field added, renamed, retyped, or
    given another default) has another fingerprint, so it is never read into these records.
    """
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0".encode())
    for name in sorted(dir(s)):
        cls = getattr(s, name)
        if not (isinstance(cls, type) and issubclass(cls, Record)):
            continue
        digest.update(f"{cls.__module__}.{cls.__qualname__}\0".encode())
        for spec in cls.__record_fields__.values():
            default = spec.factory() if spec.factory is not None else spec.default
            digest.update(f"{spec.name}:{spec.annotation}={default!r}\0".encode())
    return digest.hexdigest()


def encode(
    header: Mapping[str, Any],
    files: Mapping[str, Record],
    findings: list[Finding] | None = None,
    *,
    directory: Path | None = None,
) -> bytes:
    """An entry: the header line, then each file's validated record (as `parse` gives it).

    Findings' files are stored relative to `directory`, so they point into wherever the
    catalog is installed when read back.
    """
    content = {
        "files": {name: to_row(files[name]) for name in s.FILES},
        "findings": [_relative(f, directory) for f in findings or []],
    }
    payload = json.dumps(content, allow_nan=False, separators=(",", ":")).encode()
    head = {
        **header,
        "format": FORMAT,
        "schema": schema_fingerprint(),
        "payload_sha256": hashlib.sha256(payload).hexdigest(),
    }
    return json.dumps(head, sort_keys=True).encode() + b"\n" + payload


def header_of(blob: bytes) -> dict[str, Any]:
    """The header of an entry; EntryError when there is none."""
    line, newline, _ = blob.partition(b"\n")
    try:
        head = json.loads(line) if newline else None
    except (ValueError, RecursionError):
        head = None
    if not isinstance(head, dict):
        raise EntryError("no header")
    return head


def decode(
    read: Callable[[], bytes], *, expect: Mapping[str, Any], directory: Path
) -> tuple[dict[str, Record], list[Finding]]:
    """The records of each file and the stored findings; EntryError if the entry is not usable.

    `read` gives the entry's bytes (which are let go of as soon as they are text: a large
    catalog's entry is tens of megabytes). `expect` holds the header values the entry must
    have been made with (the content digest of the files it stands for).
    """
    blob = read()
    head = header_of(blob)
    wanted = {**expect, "format": FORMAT, "schema": schema_fingerprint()}
    wrong = sorted(k for k, v in wanted.items() if head.get(k) != v)
    if wrong:
        raise EntryError(f"made for another {' and '.join(wrong)}")
    start = blob.index(b"\n") + 1
    with memoryview(blob) as view:
        if hashlib.sha256(view[start:]).hexdigest() != head.get("payload_sha256"):
            raise EntryError("its digest does not match its content (damaged or edited)")
        data = _payload(view, start)
    del blob
    try:
        records: dict[str, Record] = {
            name: from_row(record, data["files"][name]) for name, record in s.FILES.items()
        }
        findings = [_finding(item, directory) for item in data["findings"]]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise EntryError(f"its content is not a catalog ({type(exc).__name__})") from None
    return records, findings


FAST_JSON_AT = 1 << 20
"""Payloads of at least this many bytes are parsed by orjson where it is installed (the
`fast` extra): a 10,000-model catalog's 12 MB in two thirds of the standard library's time.
Smaller ones (the shipped snapshot) are not worth its import."""


def _payload(view: memoryview, start: int) -> Any:
    """The JSON value after the header; EntryError if it is not one JSON text and no more.

    Both readers take the same texts: JSON's own whitespace around the value, no NaN or
    infinities (an entry is written without them).
    """
    if len(view) - start >= FAST_JSON_AT:
        try:
            from orjson import loads
        except ImportError:
            pass
        else:
            try:
                return loads(view[start:])  # UTF-8 checked, nothing after the value
            except ValueError:
                raise EntryError("its content is not JSON text") from None
    try:
        text = str(view[start:], "utf-8")
    except UnicodeDecodeError:
        raise EntryError("its content is not text") from None
    try:
        return json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):  # nested deeper than any catalog (orjson: ValueError)
        raise EntryError("its content is not JSON text") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _relative(finding: Finding, directory: Path | None) -> dict[str, Any]:
    item = finding.as_dict()
    if directory is not None and finding.file is not None:
        path = Path(finding.file)
        if path.parent == directory:
            item["file"] = path.name
    return item


def _finding(item: dict[str, Any], directory: Path) -> Finding:
    check, message, file, key = (item[name] for name in ("check", "message", "file", "key"))
    line, column = item["line"], item["column"]
    if not (
        type(check) is str and type(message) is str
        and all(v is None or type(v) is str for v in (file, key))
        and all(v is None or type(v) is int for v in (line, column))
    ):  # findings are sorted and printed: a forged one of another shape would fail there
        raise ValueError("a stored finding of the wrong shape")
    return Finding(
        check=check,
        severity=Severity(item["severity"]),
        message=message,
        file=str(directory / file) if file and not Path(file).is_absolute() else file,
        line=line,
        column=column,
        key=key,
    )
