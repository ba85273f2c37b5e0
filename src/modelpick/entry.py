"""The console entry point: `--version` answers before the CLI stack is imported."""

from __future__ import annotations

import gc
import os
import re
import sys

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


def main() -> None:
    """Run modelpick; the one common call that needs no CLI framework skips it."""
    if sys.argv[1:] == ["--version"]:
        print(version_line())
        sys.exit(0)
    # modelpick uses no pydantic plugins; looking for them scans every installed package's
    # entry points (importlib.metadata), about a tenth of a cold start.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A short-lived process that builds a catalog of up to hundreds of thousands of objects
    # and makes no cycles worth collecting: reference counting frees what it drops, and the
    # cycle collector would only rescan the catalog as it grows (a fifth of a large run).
    gc.disable()
    from modelpick.cli import main as cli_main

    cli_main()
