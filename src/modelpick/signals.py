"""SIGINT and SIGTERM from start-up to exit: held while the CLI loads, then mapped, then ignored.

The entry point holds them first thing; `modelpick.cli.main` releases them inside its error
handler and settles them once the outcome is printed. Standard library only (start-up speed).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from types import FrameType
from typing import Any

_HELD = {signal.SIGINT, signal.SIGTERM}
_handling = False
"""True once the entry point owns the process's signals (not when a test imports the CLI)."""


_terminated = False
"""Set when SIGTERM arrives, even if a library swallows or rewraps the exception it raises."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    from modelpick.errors import Terminated

    global _terminated
    _terminated = True
    raise Terminated


def terminated() -> bool:
    """Whether SIGTERM has arrived in this process."""
    return _terminated


def _unraisable(info: Any) -> None:
    """A Ctrl-C or SIGTERM that lands inside a callback Python cannot raise from.

    The interpreter would print "Exception ignored in ..." with a traceback and drop the
    interrupt (it happens when the signal arrives during an import's lock clean-up). Send the
    signal again instead: it is delivered at the next line, where the CLI maps it to its exit
    code.
    """
    from modelpick.errors import Terminated

    if isinstance(info.exc_value, KeyboardInterrupt | Terminated):
        number = signal.SIGTERM if isinstance(info.exc_value, Terminated) else signal.SIGINT
        os.kill(os.getpid(), number)
        return
    sys.__unraisablehook__(info)


def hold_signals() -> None:
    """Install the SIGTERM handler, and hold both signals until cli.main can map them.

    Importing the CLI takes a moment; a Ctrl-C or SIGTERM meanwhile waits (cli.main releases
    it inside its handlers) instead of ending in a traceback or a silent death.
    """
    global _handling
    # Held first: once the handler shows (a test waits for it), nothing can end in a traceback.
    with contextlib.suppress(AttributeError, OSError, ValueError):  # not on this platform
        signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    signal.signal(signal.SIGTERM, _terminate)
    sys.unraisablehook = _unraisable
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
