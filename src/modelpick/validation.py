"""Turn pydantic validation errors into located, readable problems."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from modelpick.errors import format_key

if TYPE_CHECKING:
    from pydantic import ValidationError

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


_WORDS: dict[str, str] = {
    "bool_type": "must be true or false (a boolean)",
    "bool_parsing": "must be true or false (a boolean)",
    "int_type": "must be a whole number (an integer)",
    "int_parsing": "must be a whole number (an integer)",
    "int_parsing_size": "must be a whole number (an integer) of a sensible size",
    "int_from_float": "must be a whole number (an integer), not a fraction",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "finite_number": "must be a finite number",
    "number_type": "must be a number",
    "string_type": "must be text (a string)",
    "string_unicode": "must be text (a string)",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "set_type": "must be a list",
    "dict_type": "must be a mapping (key: value)",
    "model_type": "must be a mapping (key: value)",
    "model_attributes_type": "must be a mapping (key: value)",
    "date_type": "must be a date (YYYY-MM-DD)",
    "date_parsing": "must be a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "must be a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "must be a date (YYYY-MM-DD), without a time",
    "none_required": "must be empty (null)",
    "url_parsing": "must be a URL",
    "url_scheme": "must be an http or https URL",
    "frozen_set_type": "must be a list",
    "union_tag_invalid": "is not one of the known kinds",
    "union_tag_not_found": "needs a key saying which kind it is",
}
"""Pydantic's error types, worded by modelpick: messages never depend on pydantic's words."""

_BOUNDS: dict[str, str] = {
    "greater_than": "must be greater than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be at most {le}",
    "multiple_of": "must be a multiple of {multiple_of}",
    "string_too_short": "must be at least {min_length} characters long",
    "string_too_long": "must be at most {max_length} characters long",
    "too_short": "must have at least {min_length} items",
    "too_long": "must have at most {max_length} items",
    "string_pattern_mismatch": "must match the pattern {pattern}",
    "enum": "must be one of {expected}",
    "literal_error": "must be one of {expected}",
}


def describe(err: Any) -> str:
    """What a pydantic error says is wrong, in modelpick's words.

    Value errors raised by modelpick's own validators keep their text (it is ours); every
    other error is worded from its stable type and context, with a generic fallback.
    """
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        error = ctx.get("error")
        return str(error) if error is not None else "is not valid"
    if kind in _WORDS:
        return _WORDS[kind]
    template = _BOUNDS.get(kind)
    if template is not None:
        try:
            return template.format(**{k: _plain(v) for k, v in ctx.items()})
        except (KeyError, IndexError, ValueError):
            pass
    return "is not a valid value here"


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


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
        elif kind in NUMBER_KINDS:
            message = _range_message(kind, err)
        else:
            message = f"{describe(err)}, got {short_repr(err.get('input'))}"
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
