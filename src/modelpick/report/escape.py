"""Markdown and Mermaid escaping, declared once for every Markdown output modelpick writes.

The rationale report, the portfolio report and decision records all print text from outside
(workload names, titles, catalog strings, answers) through these functions, so one hostile
string comes out the same in each: one line, no markup, no raw HTML. `Md` marks text that is
already Markdown, assembled here from escaped parts; templates print it as it is.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote


class Md(str):
    """Text that is already Markdown: templates print it as it is."""

    __slots__ = ()


_SPECIAL = re.compile(r"([\\`*_\[\]<>#|&~!])")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def one_line(value: object) -> str:
    """The text on one line: control characters and line breaks become spaces, runs fold."""
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in str(value)
    )
    return re.sub(r"\s+", " ", text)


def md_escape(value: object) -> Md:
    """Make any text inert inline Markdown: one line, no markup, no raw HTML.

    Safe in a table cell, a heading, a list item or mid-sentence; `Md` passes unchanged.
    """
    if isinstance(value, Md):
        return value
    text = _SPECIAL.sub(r"\\\1", one_line(value))
    body = text.lstrip(" ")
    lead = text[: len(text) - len(body)]
    if body[:1] in ("-", "+", "="):
        body = "\\" + body
    body = _ORDERED_MARKER.sub(r"\1\\\2", body)
    return Md(lead + body)


def md_code(value: object) -> Md:
    """An inline code span that no backtick in the text can close early."""
    text = one_line(value).strip()
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Md(f"{fence}{pad}{text}{pad}{fence}")


def md_link_target(value: object) -> Md:
    """A link destination: one line, percent-encoded but for the characters of a path."""
    return Md(quote(one_line(value), safe="/._-#"))


def md_link(text: object, target: object) -> Md:
    """`[text](target)`, the text escaped and the target encoded."""
    return Md(f"[{md_escape(text)}]({md_link_target(target)})")


def plain_link(text: object, target: object) -> Md:
    """`[2. Use X](0002-use-x.md)` as adr-tools writes it: only what breaks a link escaped."""
    words = re.sub(r"([\\\[\]])", r"\\\1", " ".join(str(text).split()))
    return Md(f"[{words}]({md_link_target(target)})")


def md(template: str, *args: object) -> Md:
    """Fill a Markdown sentence frame; every argument that is not `Md` is escaped."""
    return Md(template.format(*(md_escape(a) for a in args)))


def table_cell(value: object) -> Md:
    """A table cell: escaped text, or a dash for a value that is absent."""
    return Md("–") if value is None else md_escape(value)


def finalize(value: object) -> object:
    """jinja2's `finalize`: every `{{ value }}` is escaped unless it is `Md`."""
    return value if isinstance(value, Md) else md_escape(value)


_MERMAID = {
    "#": "#35;",
    "&": "&amp;",
    '"': "#quot;",
    "<": "&lt;",
    ">": "&gt;",
    "|": "#124;",
    "`": "#96;",  # a label between backticks would be read as a Mermaid Markdown string
}
_MERMAID_SPECIAL = re.compile("[" + re.escape("".join(_MERMAID)) + "]")


def mermaid_text(value: object) -> str:
    """Text made safe inside a quoted Mermaid label (or an edge label): one line, inert."""
    return _MERMAID_SPECIAL.sub(lambda m: _MERMAID[m.group()], one_line(value))


__all__ = [
    "Md",
    "finalize",
    "md",
    "md_code",
    "md_escape",
    "mermaid_text",
    "one_line",
    "table_cell",
]
