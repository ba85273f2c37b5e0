"""Turn pydantic validation errors into located, readable problems."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from modelpick.errors import format_key
from modelpick.yamlfile import YamlDocument

MODELPICK_ERROR = "modelpick"
"""Error type of a validator's own message: rendered as written, then its `hint` context."""


@dataclass(frozen=True)
class Problem:
    """One validation problem: where it is and what is wrong."""

    message: str
    key: str | None
    line: int | None
    column: int | None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean' hint for a misspelt key or value, or None."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.7)
    return f"did you mean '{close[0]}'?" if close else None


def existing_prefix(data: Any, loc: tuple[Any, ...]) -> list[str | int]:
    """The part of a pydantic error location present in the data (drops union branch tags)."""
    out: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part != "[key]":
            out.append(part)  # a missing or unknown key: name it and stop
            break
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            break
        out.append(part)
    return out


def short_repr(value: Any) -> str:
    """A value as it would be quoted in a message, cut to a readable length."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def problems(
    exc: ValidationError,
    data: Any,
    doc: YamlDocument | None,
    vocabulary: Iterable[str],
    *,
    limit: int | None = None,
) -> list[Problem]:
    """Each pydantic error as a Problem with the key path, and line when a document is known.

    With `limit`, only the first errors are located (callers that report one need one).
    """
    names = list(vocabulary)
    out = []
    for err in exc.errors(include_url=False)[:limit]:
        path = existing_prefix(data, tuple(err["loc"]))
        line, column = doc.locate(path) if doc is not None else (None, None)
        kind = err["type"]
        if kind == MODELPICK_ERROR:
            hint = err.get("ctx", {}).get("hint")
            message = err["msg"] + (f"; {hint}" if hint else "")
        elif kind == "extra_forbidden":
            hint = did_you_mean(str(path[-1]), names) if path else None
            message = "unknown key" + (f", {hint}" if hint else "")
        elif kind == "missing":
            message = "required key is missing"
        else:
            text = err["msg"].removeprefix("Value error, ")
            message = f"{text}, got {short_repr(err.get('input'))}"
            if kind in ("enum", "literal_error") and isinstance(err.get("input"), str):
                allowed = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
                hint = did_you_mean(err["input"], allowed)
                message += f"; {hint}" if hint else ""
        out.append(Problem(message=message, key=format_key(path), line=line, column=column))
    return out
