"""The one error handler: every exception becomes a message and an exit code here, nowhere else.

Commands raise; each `ModelpickError` class carries its exit code (2 input, 1 check, 3 nothing
fits), a bug is 70 with one line asking for a report, Ctrl-C 130 and SIGTERM 143.
"""

from __future__ import annotations

import contextlib
import os
import sys

import typer

from modelpick.cli.app import app_for
from modelpick.errors import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    ModelpickError,
    Terminated,
    one_line,
)


def main() -> None:
    """Entry point: run the app, mapping errors, interrupts and signals to exit codes."""
    # typer >= 0.25 vendors click; its exceptions live here, not in the `click` package.
    from typer._click import exceptions as click_exc

    from modelpick.signals import release_signals, settle_signals, terminated

    try:
        try:
            release_signals()
            code = app_for(sys.argv[1:])(standalone_mode=False)
            if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into a quiet Exit(130)
                print("\nmodelpick: interrupted", file=sys.stderr)
        except ModelpickError as exc:
            if not exc.reported:  # else the output above already says what failed
                print(f"modelpick: error: {exc.render()}", file=sys.stderr)
            code = exc.exit_code
        except typer.Exit as done:
            code = done.exit_code
        except typer.Abort as exc:
            if isinstance(exc.__cause__, EOFError):
                print("modelpick: error: end of input while waiting for an answer",
                      file=sys.stderr)
                code = EXIT_BAD_INPUT
            else:
                print("modelpick: interrupted", file=sys.stderr)
                code = EXIT_INTERRUPTED
        except click_exc.ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                exc.show()  # a bare `modelpick` or `modelpick catalog`: the help is the answer
            else:
                print(f"modelpick: error: {_usage_message(exc)}", file=sys.stderr)
            code = EXIT_BAD_INPUT
        except BrokenPipeError:
            code = EXIT_OK
        except Exception as exc:  # a bug: say so in one line, never a traceback
            # ... unless a signal arrived inside a library that rewrapped it (pydantic's
            # serializer turns an exception raised in a callback into its own error)
            if terminated() or _caused_by(exc, Terminated):
                raise Terminated from exc
            if _caused_by(exc, KeyboardInterrupt):
                raise KeyboardInterrupt from exc
            if os.environ.get("MODELPICK_DEBUG"):
                raise
            _internal_error(exc)
            code = EXIT_INTERNAL
        _flush()
    except KeyboardInterrupt:  # also a second one while the first was being reported
        print("\nmodelpick: interrupted", file=sys.stderr)
        code = EXIT_INTERRUPTED
    except Terminated:
        print("modelpick: terminated", file=sys.stderr)
        code = Terminated.exit_code
    settle_signals()  # the outcome is decided and printed: a late signal cannot change it
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """Whether `kind` is anywhere in the exception's chain of causes and contexts."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _internal_error(exc: Exception) -> None:
    from modelpick import __version__

    print(
        f"modelpick: internal error: {one_line(f'{type(exc).__name__}: {exc}')} "
        f"(a bug in modelpick {__version__}, not in your input: please report it with the "
        "command you ran; MODELPICK_DEBUG=1 shows the traceback)",
        file=sys.stderr,
    )


def _flush() -> None:
    """Write out what is buffered while a signal can still be reported."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()


def _usage_message(exc: Exception) -> str:
    """A click usage error as one line, with where to find help."""
    format_message = getattr(exc, "format_message", None)
    text = format_message() if callable(format_message) else str(exc)
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        text += f" (see '{ctx.command_path} --help')"
    return one_line(str(text))
