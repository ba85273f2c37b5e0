"""One exception tree for modelpick, each class with its exit code; only cli.main maps them.

Every error carries where it happened (file, line, column, key path) as keyword-only fields,
and renders one human message from them, the way copier's errors do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_NO_CANDIDATE = 3
EXIT_INTERNAL = 70
"""A bug in modelpick (EX_SOFTWARE), never the user's input."""
EXIT_INTERRUPTED = 130
"""Ctrl-C: 128 + SIGINT."""
EXIT_TERMINATED = 143
"""SIGTERM, as a shell reports a process it ended: 128 + 15."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """Escape newlines and control characters: a message is one line and cannot drive a terminal."""
    return _CONTROL.sub(lambda m: ascii(m.group())[1:-1], text)


def format_key(key: Sequence[str | int] | str | None) -> str | None:
    """Render a key path as `models[3].license`."""
    if key is None:
        return None
    if isinstance(key, str):
        return key
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or None


def format_location(
    file: str | Path | None, line: int | None = None, column: int | None = None
) -> str:
    """Render `file:line:column`, leaving out what is unknown."""
    if file is None:
        return ""
    where = str(file)
    if line is not None:
        where += f":{line}"
        if column is not None:
            where += f":{column}"
    return where


class ModelpickError(Exception):
    """Base of every error modelpick raises on purpose.

    `reported=True` says the command's output already shows what failed (a findings list, a
    drift table, one line per bad workload): the exit code follows, with no further message.
    """

    exit_code: ClassVar[int] = EXIT_BAD_INPUT

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        key: Sequence[str | int] | str | None = None,
        hint: str | None = None,
        reported: bool = False,
    ) -> None:
        self.message = message
        self.reported = reported
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        self.key = format_key(key)
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        """One line: `file:line:col: key: message (hint)`."""
        parts = []
        where = format_location(self.file, self.line, self.column)
        if where:
            parts.append(where)
        if self.key:
            parts.append(f"key '{self.key}'")
        head = ": ".join(parts)
        text = f"{head}: {self.message}" if head else self.message
        if self.hint:
            text += f" ({self.hint})"
        return one_line(text)


class InputError(ModelpickError):
    """Bad input or usage: a file, an option or an answer. Exit code 2."""

    exit_code: ClassVar[int] = EXIT_BAD_INPUT


class CatalogError(InputError):
    """A catalog could not be loaded (for commands other than `catalog validate`)."""


class CheckFailed(ModelpickError):
    """A check found problems: catalog invalid, decision records drifted. Exit code 1."""

    exit_code: ClassVar[int] = EXIT_CHECK_FAILED


class NoCandidate(ModelpickError):
    """No model satisfies the constraints. Exit code 3."""

    exit_code: ClassVar[int] = EXIT_NO_CANDIDATE


class WriteRefused(InputError):
    """An output file would be overwritten or would land outside its directory."""


class Terminated(BaseException):
    """SIGTERM arrived. Exit code 143.

    A BaseException, as KeyboardInterrupt is, so that it unwinds through every `finally`
    (temporary files removed) and no `except Exception` mistakes it for a failure.
    """

    exit_code: ClassVar[int] = EXIT_TERMINATED


def require_text(value: str, *, file: str | None = None, key: str | None = None) -> str:
    """`value` if it is Unicode text; otherwise an InputError naming where it came from.

    A command-line argument whose bytes are not UTF-8 arrives with lone surrogates (Python's
    surrogateescape); it can be a file name, but never an answer, a title or an id.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(value[exc.start])
        byte = f" (byte 0x{code - 0xDC00:02x})" if 0xDC80 <= code <= 0xDCFF else ""
        raise InputError(f"not valid UTF-8 text{byte}", file=file, key=key) from None
    return value
