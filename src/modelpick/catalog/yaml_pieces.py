"""A long YAML text read by the fast reader in pieces: the same data, in less time and memory.

The fast reader (ryaml) builds the whole document in memory of its own before it hands it
over, some twenty times the text: a 10 MB catalog file costs 200 MB, and page faults a tenth
of its reading time. A catalog file is mostly one long top-level list (`models:`, `prices:`)
whose items start with `- ` at one indentation, and such a list can be cut before any of its
items: every other line of an item is indented further, so no item, block scalar or quoted
text goes on past a line that starts with `- ` at the items' indentation. Each piece after
the first is read as `key:` followed by the rest of its text, and the lists are joined.

A cut is made only where it is sure to change nothing: in the list of a top-level key
written plainly on its own line, with every line from the list's first item to the cut
either an item, indented further, a comment or blank. Anything else (document markers or
directives, a key repeated across pieces, a piece the reader refuses) reads the text whole,
as before, so that errors are found and reported on the whole text, with its lines.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from typing import Any

PIECE_CHARS = 256 * 1024
"""About how much text each piece holds (cut at the next item after this many characters)."""

_HEAD = re.compile(r"\n([A-Za-z_][A-Za-z0-9_-]*):[ ]*(?:#[^\n]*)?(?=\n)")
"""A plainly written top-level key alone on its line (a comment may follow), at column 0."""
_MARKERS = ("---", "...", "%")
"""Document markers and directives, at the start of a line: a text with any is read whole."""


class _Whole(Exception):
    """The text cannot be cut safely: read it whole."""


def read_in_pieces(
    text: str, loads: Callable[[str], Any], piece_chars: int = PIECE_CHARS
) -> Any:
    """`loads(text)`, reading a long text in pieces where that gives the same data.

    Raises what `loads` raises on the whole text (it is read whole whenever a piece fails).
    """
    if len(text) < 2 * piece_chars or "\r" in text or _has_markers(text):
        return loads(text)
    try:
        cuts = _cuts(text, piece_chars)
        if not cuts:
            return loads(text)
        return _read(text, cuts, loads)
    except _Whole:
        return loads(text)


def _has_markers(text: str) -> bool:
    return text.startswith(_MARKERS) or any(f"\n{mark}" in text for mark in _MARKERS)


def _cuts(text: str, piece_chars: int) -> list[tuple[int, str]]:
    """Where to cut, each with the key whose list goes on there, about every `piece_chars`.

    A cut is the start of an item line of a top-level list: `key:` at column 0, then (past
    blank and comment lines) its first item, `- ` at some indentation k, and the cut a line
    with `- ` after k spaces. Every line from the first item to a cut is the list's: blank,
    a comment, an item or indented past k. Otherwise the list could have ended before it.
    """
    opening = _HEAD.match("\n" + text[:200])  # a key on the first line too
    heads = [(0, opening.group(1), opening.end())] if opening is not None else []
    heads += [(m.start() + 1, m.group(1), m.end() + 1) for m in _HEAD.finditer(text)]
    cuts: list[tuple[int, str]] = []
    for n, (_, key, after) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(text)
        first, indent = _first_item(text, after, end)
        if first < 0:
            continue  # not a list (or not one written so): left whole inside its piece
        item = "\n" + " " * indent + "- "
        at = max(first, (cuts[-1][0] if cuts else 0) + piece_chars)
        last = -1
        while at < end:
            found = text.find(item, at, end)
            if found < 0:
                break
            last = found + 1
            cuts.append((last, key))
            at = last + piece_chars
        if last >= 0 and _not_an_item(indent).search(text, first, last):
            raise _Whole
    if cuts and cuts[-1][0] > len(text) - piece_chars // 2:
        cuts.pop()  # no piece of a few items at the very end
    return cuts


def _first_item(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the first item of a list starts (its line), and its indentation; -1 if none."""
    at = start
    while at < end:
        line_end = text.find("\n", at, end)
        if line_end < 0:
            return -1, 0
        line = text[at:line_end]
        body = line.lstrip(" ")
        if body.startswith("- ") or body == "-":
            return at, len(line) - len(body)
        if body and not body.startswith("#"):
            return -1, 0
        at = line_end + 1
    return -1, 0


@functools.cache
def _not_an_item(indent: int) -> re.Pattern[str]:
    """A line that would end a list whose items are indented by `indent`.

    One indented less that is not blank or a comment, or one indented as much that is not
    an item (`- `, or `-` alone) or a comment.
    """
    less = f" {{0,{indent - 1}}}[^ #\n]|" if indent else ""
    return re.compile(f"\n(?:{less} {{{indent}}}(?:[^ #\n-]|-[^ \n]))")


def _read(text: str, cuts: list[tuple[int, str]], loads: Callable[[str], Any]) -> Any:
    """The pieces read and joined: each after the first is `key:` and the rest of its list."""
    bounds = [(0, ""), *cuts, (len(text), "")]
    merged: dict[Any, Any] = {}
    for (start, key), (end, _) in itertools.pairwise(bounds):
        piece = f"{key}:\n{text[start:end]}" if key else text[start:end]
        try:
            data = loads(piece)
        except Exception:
            raise _Whole from None
        if not isinstance(data, dict):
            raise _Whole
        if key:
            items = data.pop(key, None)
            if not isinstance(items, list) or not isinstance(merged.get(key), list):
                raise _Whole
            if next(reversed(merged)) != key:
                raise _Whole  # the list cut is not the last thing read before the cut
            merged[key].extend(items)
        if any(k in merged for k in data):  # a key repeated across pieces
            raise _Whole
        merged.update(data)
    return merged
