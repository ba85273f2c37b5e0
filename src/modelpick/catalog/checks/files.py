"""`files`: entries in a catalog directory that modelpick would silently never read.

Unlike the other checks it looks at the directory, not at a loaded catalog, so it runs even
when the files do not parse; `validate_directory` calls it on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from modelpick.catalog import schema as s
from modelpick.catalog.findings import Finding, Severity
from modelpick.catalog.plain import SNAPSHOT_FILE
from modelpick.validation import did_you_mean


def _ignored(name: str) -> bool:
    """Hidden entries, a README, editor schemas, and the shipped catalog's snapshot.

    The editor schemas are the ones catalog-authoring.md suggests saving; the snapshot is read
    only from the package (a copy of the shipped catalog carries one).
    """
    return (
        name.startswith(".")
        or name.split(".", 1)[0].upper() == "README"
        or name.endswith(".schema.json")
        or name == SNAPSHOT_FILE
    )


def check_files(directory: Path) -> Iterable[Finding]:
    """Warn about entries in a catalog directory that modelpick would silently never read."""
    try:
        names = sorted(entry.name for entry in directory.iterdir())
    except OSError:
        return  # the loader reports an unreadable directory
    for name in names:
        if name in s.FILES or _ignored(name):
            continue
        hint = did_you_mean(name, list(s.FILES))
        yield Finding(
            check="files",
            severity=Severity.WARNING,
            message=(
                f"'{name}' is not a catalog file and is never read"
                + (f"; {hint}" if hint else f" (the files are {', '.join(s.FILES)})")
            ),
            file=str(directory / name),
        )
