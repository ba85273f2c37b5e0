"""The console entry point: `--version` answers before the CLI stack is imported."""

from __future__ import annotations

import gc
import os
import sys

from modelpick.signals import hold_signals
from modelpick.version import version_line


def main() -> None:
    """Run modelpick; the one common call that needs no CLI framework skips it."""
    hold_signals()
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
    from modelpick.cli.main import main as cli_main

    cli_main()
