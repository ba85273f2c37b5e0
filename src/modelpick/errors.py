"""One exception tree for modelpick; only the CLI turns it into exit codes.

Every error carries where it happened (file, line, column, key path) as keyword-only fields,
and renders one human message from them, the way copier's errors do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

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
    """Base of every error modelpick raises on purpose."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        key: Sequence[str | int] | str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
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


class CatalogError(InputError):
    """A catalog could not be loaded (for commands other than `catalog validate`)."""


class CheckFailed(ModelpickError):
    """A check found problems: catalog invalid, decision records drifted. Exit code 1."""


class NoCandidate(ModelpickError):
    """No model satisfies the constraints. Exit code 3."""


class WriteRefused(InputError):
    """An output file would be overwritten or would land outside its directory."""


class Terminated(BaseException):
    """SIGTERM arrived. Exit code 143.

    A BaseException, as KeyboardInterrupt is, so that it unwinds through every `finally`
    (temporary files removed) and no `except Exception` mistakes it for a failure.
    """
