"""The console entry point: `--version` answers before the CLI stack is imported."""

from __future__ import annotations

import contextlib
import gc
import os
import re
import signal
import sys
from types import FrameType

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


_HELD = {signal.SIGINT, signal.SIGTERM}
_handling = False
"""True once main() owns the process's signals (not when a test imports the CLI)."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    from modelpick.errors import Terminated

    raise Terminated


def _hold_signals() -> None:
    """Install the SIGTERM handler, and hold both signals until cli.main can map them.

    Importing the CLI takes a moment; a Ctrl-C or SIGTERM meanwhile waits (cli.main releases
    it inside its handlers) instead of ending in a traceback or a silent death.
    """
    global _handling
    # Held first: once the handler shows (a test waits for it), nothing can end in a traceback.
    with contextlib.suppress(AttributeError, OSError, ValueError):  # not on this platform
        signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    signal.signal(signal.SIGTERM, _terminate)
    _handling = True


def release_signals() -> None:
    """Deliver SIGINT and SIGTERM again, once something is ready to map them to exit codes."""
    with contextlib.suppress(AttributeError, OSError, ValueError):  # not on this platform
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


def settle_signals() -> None:
    """Ignore SIGINT and SIGTERM from now on: the outcome is decided and reported."""
    if not _handling:
        return
    for number in _HELD:
        with contextlib.suppress(OSError, ValueError):
            signal.signal(number, signal.SIG_IGN)


def main() -> None:
    """Run modelpick; the one common call that needs no CLI framework skips it."""
    _hold_signals()
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
