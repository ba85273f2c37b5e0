"""The shipped catalog as a snapshot, validated when the package is built and tested.

`catalog/snapshot.json` holds the shipped catalog's validated records and what its checks
found, as plain data (`plain`), pinned to the YAML beside it by a content digest. At run time
it is read instead of the YAML: no YAML parser, no pydantic model, no check but those that
depend on today's date. After editing the catalog, regenerate it:

    python -m modelpick.catalog.snapshot

(`--check` only says whether it is current: exit 1, naming that command, when it is not.) A
snapshot that does not match the YAML beside it, or this modelpick's records, is never read:
the YAML is validated instead, as for any other catalog directory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from modelpick.catalog import schema as s
from modelpick.catalog.findings import Finding, Severity
from modelpick.catalog.parse import Catalog, Documents, default_catalog_dir, parse_catalog
from modelpick.catalog.plain import (
    SNAPSHOT_FILE,
    EntryError,
    content_sha256,
    decode,
    encode,
    header_of,
)
from modelpick.errors import CatalogError

if TYPE_CHECKING:
    from modelpick.catalog.checks import Validation
    from modelpick.catalog.record import Record

__all__ = ["REGENERATE", "SNAPSHOT_FILE", "build", "load", "main", "staleness", "validate"]
REGENERATE = "python -m modelpick.catalog.snapshot"
"""The command that writes the snapshot again (named in every message about a stale one)."""


def catalog_files(directory: Path) -> dict[str, bytes]:
    """The bytes of each catalog file in a directory the package ships (trusted, not a user's)."""
    return {name: (directory / name).read_bytes() for name in s.FILES}


def build(directory: Path, today: dt.date | None = None) -> bytes:
    """A snapshot of the catalog in `directory`: parse, validate, run the checks, encode.

    Raises CatalogError when the catalog has an error: a snapshot is made of a valid catalog.
    """
    from modelpick.catalog.checks import run_checks

    files: dict[str, Record] = {}
    digest = content_sha256(catalog_files(directory))
    catalog, findings = parse_catalog(directory, records=files)
    if catalog is not None:
        findings = run_checks(catalog, today, dated=False)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        raise CatalogError(
            f"no snapshot of an invalid catalog: {first.message} (run 'modelpick catalog "
            "validate' on it)",
            file=first.file,
            line=first.line,
            key=first.key,
        )
    if content_sha256(catalog_files(directory)) != digest:
        raise CatalogError("the catalog changed while its snapshot was made; run it again",
                           file=str(directory))
    assert catalog is not None
    header = {"catalog_sha256": digest, "catalog_version": catalog.meta.version}
    return encode(header, files, findings, directory=directory)


def load(directory: Path) -> tuple[Catalog, list[Finding]] | None:
    """The catalog and its stored findings from the snapshot in `directory`; None if stale.

    Stale: missing, damaged, made from other YAML than the files beside it, or for other
    records than this modelpick's.
    """
    try:
        blob = (directory / SNAPSHOT_FILE).read_bytes()
        digest = content_sha256(catalog_files(directory))
    except OSError:
        return None
    try:
        files, findings = decode(lambda: blob, expect={"catalog_sha256": digest},
                                 directory=directory)
    except EntryError:
        return None
    return Catalog.from_files(directory, files, Documents(directory)), findings


def validate(directory: Path, today: dt.date | None = None) -> Validation:
    """`catalog validate` of a directory the package ships: what validating it finds.

    A current snapshot stands for the parse and for the checks that do not depend on the
    date, whose findings it holds; the dated checks and the directory's listing are checked
    again. Without one, the directory is validated in full.
    """
    from modelpick.catalog.checks import run_checks, validate_directory, validation_of
    from modelpick.catalog.checks.files import check_files

    loaded = load(directory)
    if loaded is None:
        return validate_directory(directory, today)
    catalog, stored = loaded
    dated = run_checks(catalog, today, dated=True)
    return validation_of(catalog, [*stored, *dated, *check_files(directory)])


def staleness(directory: Path) -> str | None:
    """Why the snapshot in `directory` is not the one its YAML would make; None if current."""
    path = directory / SNAPSHOT_FILE
    try:
        blob = path.read_bytes()
    except OSError:
        return f"{path} is missing"
    try:
        decode(lambda: blob,
               expect={"catalog_sha256": content_sha256(catalog_files(directory))},
               directory=directory)
    except EntryError as exc:
        made = header_of(blob).get("catalog_version", "?") if blob else "?"
        return f"{path} (of catalog {made}) is stale: {exc}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Write the shipped catalog's snapshot, or with --check say whether it is current."""
    parser = argparse.ArgumentParser(
        prog=REGENERATE, description="Write catalog/snapshot.json from the catalog's YAML."
    )
    parser.add_argument("--check", action="store_true",
                        help="only check that the snapshot is current (exit 1 if not)")
    parser.add_argument("directory", nargs="?", type=Path,
                        help="the catalog directory (default: the one the package ships)")
    args = parser.parse_args(argv)
    if args.directory is None:
        with default_catalog_dir() as path:
            return _run(path, check=args.check)
    return _run(args.directory, check=args.check)


def _run(directory: Path, *, check: bool) -> int:
    if check:
        why = staleness(directory)
        if why is not None:
            print(f"{why}; regenerate it: {REGENERATE}", file=sys.stderr)
            return 1
        print(f"{directory / SNAPSHOT_FILE} is current")
        return 0
    try:
        blob = build(directory)
    except CatalogError as exc:
        print(f"error: {exc.render()}", file=sys.stderr)
        return 2
    target = directory / SNAPSHOT_FILE
    if target.exists() and target.read_bytes() == blob:
        print(f"{target} is current")
        return 0
    from modelpick.fileio import write_atomic

    write_atomic(target, blob.decode(), force=True, what="catalog snapshot")
    print(f"wrote {target} ({len(blob):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
