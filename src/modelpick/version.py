"""The version line, read without a YAML parser or the CLI stack (start-up speed)."""

from __future__ import annotations

import re

from modelpick import __version__

_VERSION_LINE = re.compile(r"""^version:\s*["']?([^"'\s#]+)""", re.MULTILINE)


def catalog_version() -> str:
    """The embedded catalog's version, read without a YAML parser (start-up speed)."""
    from importlib import resources

    try:
        text = (
            resources.files("modelpick").joinpath("catalog_data", "catalog.yaml").read_text("utf-8")
        )
    except (OSError, UnicodeDecodeError):
        return "unreadable"
    match = _VERSION_LINE.search(text)
    return match.group(1) if match else "unknown"


def version_line() -> str:
    """`modelpick 0.1.0 (catalog 2026.11.1)`."""
    return f"modelpick {__version__} (catalog {catalog_version()})"
