"""Edits that respect the file: a record's status and links changed, nothing else touched.

Front matter is edited as a round trip: ruamel.yaml (round-trip mode) finds the lines a key
occupies and writes the new value in the file's own style; every other line, comments and
lists included, is kept byte for byte, and the result is read back to prove that only the
edited keys changed. Records without front matter are edited in their own layout: the
`## Status` section of a Nygard / adr-tools record, the `* Status:` item of a MADR 2-3 /
log4brains header, both in a `tools` record. Pure: text in, text out.
"""

from __future__ import annotations

import re
from typing import Any

from modelpick.errors import InputError
from modelpick.records.format import parse_record
from modelpick.records.header import Entry, header_items, read_entry, status_section

_FENCE = "---"
_SUPERSEDED_LINE = re.compile(r"\s*Superseded by \[.*")


def _round_trip() -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.representer import RoundTripRepresenter

    class Representer(RoundTripRepresenter):
        pass

    def null(rep: Any, _: None) -> Any:
        return rep.represent_scalar("tag:yaml.org,2002:null", "null")

    Representer.add_representer(type(None), null)
    editor = YAML(typ="rt")  # round-trip: plain maps, lists and scalars, never objects
    editor.Representer = Representer
    editor.preserve_quotes = True
    editor.width = 4096
    editor.indent(mapping=2, sequence=2, offset=0)
    return editor


def _fragment(editor: Any, key: str, value: Any) -> list[str]:
    """`key: value` as ruamel writes it, as lines (collected in memory, no file)."""
    parts: list[str] = []

    class Collect:
        def write(self, text: str | bytes) -> None:
            parts.append(text.decode() if isinstance(text, bytes) else text)

    editor.dump({key: value}, Collect())
    return "".join(parts).splitlines(keepends=True)


def _comment(data: Any, key: str) -> str:
    """The end-of-line comment after `key`'s value, e.g. `  # agreed in review`."""
    items = getattr(data, "ca", None)
    token = items.items.get(key) if items is not None else None
    if not token or len(token) < 3 or token[2] is None:
        return ""
    text = str(token[2].value).split("\n", 1)[0].rstrip()
    return f"  {text.lstrip()}" if text.strip().startswith("#") else ""


def edit_front_matter(text: str, name: str, changes: dict[str, Any]) -> str:
    """The record with its front matter's top-level `changes` set; all else byte for byte.

    A key that is missing is added after `status` (or at the end); a key set to None that
    exists is left as is (this never deletes).
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != _FENCE:
        raise InputError("record has no front matter to edit", file=name, line=1)
    close = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") in (_FENCE, "...")), None
    )
    if close is None:
        raise InputError("front matter is not closed by a '---' line", file=name, line=1)
    editor = _round_trip()
    head = lines[1:close]
    for key, value in changes.items():
        data = editor.load("".join(head)) if head else None
        if data is None or not hasattr(data, "lc"):
            raise InputError("front matter must be a mapping", file=name, line=2)
        keys = list(data.keys())
        new = _fragment(editor, key, value)
        if key in data:
            start = data.lc.key(key)[0]
            later = [data.lc.key(k)[0] for k in keys if data.lc.key(k)[0] > start]
            end = min(later, default=len(head))
            while end - 1 > start and (
                not head[end - 1].strip() or head[end - 1].lstrip().startswith("#")
            ):
                end -= 1  # comments and blank lines above the next key stay with it
            new[0] = new[0].rstrip("\r\n") + _comment(data, key) + "\n"
            head = head[:start] + new + head[end:]
        else:
            anchor = "status" if "status" in data and key != "status" else None
            if anchor is None:
                head = head + new
            else:
                start = data.lc.key(anchor)[0]
                later = [data.lc.key(k)[0] for k in keys if data.lc.key(k)[0] > start]
                end = min(later, default=len(head))
                head = head[:end] + new + head[end:]
    edited = "".join([lines[0], *head, *lines[close:]])
    _prove(text, edited, name, set(changes))
    return edited


def _prove(before: str, after: str, name: str, changed: set[str]) -> None:
    """Read both back: every key not edited must be as it was (a bug otherwise)."""
    old = parse_record(before, name).meta or {}
    new = parse_record(after, name).meta or {}
    kept = {k: v for k, v in old.items() if k not in changed}
    if {k: v for k, v in new.items() if k not in changed} != kept:
        raise AssertionError(f"editing {sorted(changed)} of {name} changed other keys")


def _replace_status_section(lines: list[str], status: str, link: str | None) -> list[str]:
    """The `## Status` section with its status line replaced (and a link line added).

    Lines that are links to other records (`Supersedes [..](..)`, `Amended by ..`) stay; an
    old `Superseded by` line goes when a new one is written.
    """
    span = status_section(lines)
    assert span is not None
    first, end = span
    body = lines[first:end]
    nl = "\n"
    kept = [
        line for line in body
        if line.strip() and not _is_status_line(line) and not (
            link is not None and _SUPERSEDED_LINE.fullmatch(line.rstrip("\r\n"))
        )
    ]
    block = [nl, status + nl]
    for line in kept:
        block += [nl, line if line.endswith("\n") else line + nl]
    if link is not None and not status.startswith("Superseded by"):
        block += [nl, link + nl]
    block.append(nl)
    return lines[:first] + block + lines[end:]


def _is_status_line(line: str) -> bool:
    word = line.strip().split(" ", 1)[0].lower().rstrip(".,:") if line.strip() else ""
    return word in {"proposed", "accepted", "rejected", "deprecated", "draft"} or (
        line.strip().lower().startswith("superseded")
    )


def _replace_item(lines: list[str], label: str, value: str) -> list[str]:
    """The header list's `* Status: ...` item with a new value, its bullet and label kept."""
    items = header_items(lines)
    index = items[label.lower()][0]
    match = re.match(r"(\s*[*-]\s+[A-Za-z][A-Za-z -]*?\s*:\s*)", lines[index])
    assert match is not None
    ending = "\n" if lines[index].endswith("\n") else ""
    return [*lines[:index], match.group(1) + value + ending, *lines[index + 1 :]]


def set_status(
    text: str, name: str, *, status: str, nygard_status: str | None = None,
    link_line: str | None = None,
) -> str:
    """The record with a new status, in its own layout.

    `status` is MADR's wording (`superseded by [ADR-0005](0005-x.md)`), written to front
    matter and to a header list; `nygard_status` is adr-tools' (`Superseded by [5. Title](..)`),
    written to a `## Status` section (default: `status` capitalised). `link_line` is added
    to a status section, or, for front matter, below the body (replacing an earlier
    `Superseded by` line).
    """
    entry = read_entry(name, text)
    if entry is None:
        raise InputError("not a numbered decision record", file=name)
    if entry.layout == "madr":
        edited = edit_front_matter(text, name, {"status": status})
        if link_line is None:
            return edited
        body = [
            line for line in edited.splitlines(keepends=True)
            if not _SUPERSEDED_LINE.fullmatch(line.rstrip("\r\n"))
        ]
        out = "".join(body).rstrip("\n") + "\n\n" + link_line + "\n"
        return out
    if entry.layout == "plain":  # no status anywhere: give it MADR 4.0 front matter
        from modelpick.yamlfile import dump_yaml

        out = f"{_FENCE}\n{dump_yaml({'status': status})}{_FENCE}\n\n{text.lstrip(chr(10))}"
        if link_line is not None:
            out = out.rstrip("\n") + "\n\n" + link_line + "\n"
        return out
    lines = text.splitlines(keepends=True)
    spelled = nygard_status or (status[:1].upper() + status[1:])
    if entry.layout in ("list", "tools"):
        lines = _replace_item(lines, "status", status)
    if entry.layout in ("nygard", "tools"):
        if status_section(lines) is None:
            raise InputError("record has no '## Status' section to edit", file=name)
        lines = _replace_status_section(lines, spelled, link_line)
    return "".join(lines)


def is_superseded(entry: Entry) -> bool:
    """Whether a record already names a successor."""
    return entry.state == "superseded"
