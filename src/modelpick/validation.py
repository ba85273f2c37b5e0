"""Turn pydantic validation errors into located, readable problems."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from modelpick.errors import format_key
from modelpick.yamlfile import YamlDocument


@dataclass(frozen=True)
class Problem:
    """One validation problem: where it is and what is wrong."""

    message: str
    key: str | None
    line: int | None
    column: int | None
    kind: str = ""
    """pydantic's error type (`less_than_equal`, `missing`, ...), for callers that sort them."""
    bound: object = None
    """The bound a range error broke (a number or a date)."""


RANGE_KINDS = {
    "greater_than": ("gt", "more than"),
    "greater_than_equal": ("ge", "at least"),
    "less_than": ("lt", "less than"),
    "less_than_equal": ("le", "at most"),
}
"""pydantic's range errors: the context key that holds the bound, and how to say it."""
NUMBER_KINDS = frozenset({*RANGE_KINDS, "finite_number"})


def _bound(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _ctx_bound(kind: str, err: Any) -> object:
    if kind not in RANGE_KINDS:
        return None
    bound = err.get("ctx", {}).get(RANGE_KINDS[kind][0])
    if isinstance(bound, str):  # pydantic gives a date's bound as text
        try:
            return dt.date.fromisoformat(bound)
        except ValueError:
            return bound
    return bound


def _range_message(kind: str, err: Any) -> str:
    got = short_repr(err.get("input"))
    if kind == "finite_number":
        return f"must be a finite number, got {got}"
    words = RANGE_KINDS[kind][1]
    return f"out of range: must be {words} {_bound(_ctx_bound(kind, err))}, got {got}"


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
        if kind == "extra_forbidden":
            hint = did_you_mean(str(path[-1]), names) if path else None
            message = "unknown key" + (f", {hint}" if hint else "")
        elif kind == "missing":
            message = "required key is missing"
        elif kind in NUMBER_KINDS:
            message = _range_message(kind, err)
        else:
            text = err["msg"].removeprefix("Value error, ")
            message = f"{text}, got {short_repr(err.get('input'))}"
            if kind in ("enum", "literal_error") and isinstance(err.get("input"), str):
                allowed = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
                hint = did_you_mean(err["input"], allowed)
                message += f"; {hint}" if hint else ""
        out.append(
            Problem(
                message=message,
                key=format_key(path),
                line=line,
                column=column,
                kind=kind,
                bound=_ctx_bound(kind, err),
            )
        )
    return out
