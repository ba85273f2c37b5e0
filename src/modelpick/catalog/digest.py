"""A catalog's identity: its version and a content hash of its files, for decision records.

A record stores what it was decided against, so `adr check` can say whether the catalog has
changed since and which one it was (the path only for a catalog other than the shipped one).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

CATALOG_FILES = "*.yaml"


def content_sha256(directory: Path) -> str:
    """sha256 over every catalog file's name and bytes, in name order."""
    digest = hashlib.sha256()
    for path in sorted(directory.glob(CATALOG_FILES)):
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def catalog_identity(version: str, directory: Path, *, shipped: bool) -> dict[str, Any]:
    """`{version, sha256, path}`: path is None for the shipped catalog."""
    return {
        "version": version,
        "sha256": content_sha256(directory),
        "path": None if shipped else str(directory),
    }
