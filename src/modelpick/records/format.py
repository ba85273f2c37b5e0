"""The decision record format: file names and numbers, rendering, parsing, superseding.

A record is a MADR 4.0 Markdown file whose front matter embeds its answers, the catalog
version and the recommendation under a `modelpick:` key, so `adr check` can decide it again.
Everything here is text in, text out: no file is read or written (that is `store`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from modelpick import __version__
from modelpick.engine.result import Advice
from modelpick.errors import InputError, one_line
from modelpick.report.escape import md_link
from modelpick.report.markdown import Link, render_report
from modelpick.report.words import MODE_LABELS
from modelpick.yamlfile import YamlDocument, dump_yaml, load_yaml_text

SLUG_MAX = 60
_NUMBERED = re.compile(r"([0-9]{4,})-.*\.md", re.DOTALL)
"""A record's file name: an ASCII number of four or more digits, a dash, anything, `.md`."""
_FENCE = "---"


# --- names ---------------------------------------------------------------------------------


def record_number(name: str) -> int | None:
    """The number of a record's file name (`0004-x.md` -> 4); None for any other name."""
    match = _NUMBERED.fullmatch(name)
    return int(match.group(1)) if match else None


def next_number(names: Iterable[str]) -> int:
    """One more than the highest `NNNN-` number among the names, or 1."""
    numbers = [n for name in names if (n := record_number(name)) is not None]
    return max(numbers, default=0) + 1


def slugify(title: str) -> str:
    """A file-name slug: `[a-z0-9-]`, no path separators or dots, at most 60 characters."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        cut = slug[: SLUG_MAX + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:SLUG_MAX]  # whole words
    slug = slug.rstrip("-")
    return slug or "decision"


def record_name(number: int, title: str) -> str:
    """`0004-use-qwen3-for-support-triage.md`."""
    return f"{number:04d}-{slugify(title)}.md"


def records_numbered(names: Iterable[str], number: int) -> list[str]:
    """Every record name with number `number`, in name order: more than one is a defect."""
    return sorted(name for name in names if record_number(name) == number)


def duplicate_numbers(names: Iterable[str]) -> dict[int, list[str]]:
    """Numbers that more than one record name claims, each with its names in order."""
    by_number: dict[int, list[str]] = {}
    for name in sorted(names):
        number = record_number(name)
        if number is not None:
            by_number.setdefault(number, []).append(name)
    return {n: found for n, found in sorted(by_number.items()) if len(found) > 1}


# --- files passed over ---------------------------------------------------------------------


def printable(path: str) -> str:
    """A path as printable text, even when its name is not UTF-8."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Skipped:
    """A file passed over as not a decision record, and why: a warning, never an error."""

    file: str
    reason: str
    line: int | None = None

    def render(self) -> str:
        """One line: `file[:line]: reason; skipped`."""
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return one_line(f"{where}: {self.reason}; skipped")

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {"file": printable(self.file), "line": self.line, "reason": self.reason}


# --- rendering -----------------------------------------------------------------------------


def recommendation(advice: Advice) -> dict[str, Any]:
    """What a record remembers of the advice, and what `adr check` compares."""
    primary = advice.primary
    provider = primary.providers[0].provider if primary and primary.providers else None
    return {
        "deployment": advice.deployment.value if advice.deployment else None,
        "model": primary.model if primary else None,
        "provider": provider,
    }


def default_title(advice: Advice) -> str:
    """`Use Qwen3 as hosted open-weight API for Support triage`."""
    workload = advice.answers.workload
    if advice.primary is None or advice.deployment is None:
        return f"No model satisfies the constraints for {workload}"
    return f"Use {advice.primary.name} as {MODE_LABELS[advice.deployment]} for {workload}"


def dump_front_matter(data: dict[str, Any]) -> str:
    """YAML front matter between `---` lines; values are dumped, never interpolated."""
    body = dump_yaml(data)
    return f"{_FENCE}\n{body}{_FENCE}\n"


def render_record(
    advice: Advice,
    *,
    title: str,
    status: str,
    date: dt.date,
    supersedes: str | None = None,
) -> str:
    """A whole MADR 4.0 record: front matter, then the rationale report."""
    meta: dict[str, Any] = {
        "status": status,
        "date": date,
        "decision-makers": [],
        "consulted": [],
        "informed": [],
        "modelpick": {
            "version": __version__,
            "catalog_version": advice.catalog_version,
            "answers": advice.answers.model_dump(mode="json"),
            "assumed": list(advice.assumed),
            "recommendation": recommendation(advice),
        },
    }
    links: list[Link] = []
    if supersedes is not None:
        meta["modelpick"]["supersedes"] = supersedes
        links.append(Link(text="Supersedes", target=supersedes))
    body = render_report(advice, title=title, links=links)
    return dump_front_matter(meta) + "\n" + body


# --- parsing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """A parsed record: front matter (None when it has none) and the Markdown body."""

    name: str
    meta: dict[str, Any] | None
    body: str
    doc: YamlDocument | None
    """The front matter as a YAML document, for line numbers (1 = the opening `---`)."""

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of a front-matter key in the whole file."""
        if self.doc is None:
            return None
        line = self.doc.line_of(path)
        return line + 1 if line is not None else None


def parse_record(text: str, name: str = "record") -> Record:
    """Split a record into front matter and body; broken front matter names file and line."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != _FENCE:
        return Record(name, None, text, None)
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n") in (_FENCE, "..."):
            break
    else:
        raise InputError("front matter is not closed by a '---' line", file=name, line=1)
    yaml_text = "".join(lines[1:index])
    try:
        doc = load_yaml_text(yaml_text, name)
    except InputError as exc:
        line = exc.line + 1 if exc.line is not None else 1
        raise InputError(
            f"front matter: {exc.message}", file=name, line=line, column=exc.column
        ) from None
    if doc.data is None:
        data: dict[str, Any] = {}
    elif isinstance(doc.data, dict):
        data = doc.data
    else:
        raise InputError("front matter must be a mapping", file=name, line=2)
    return Record(name, data, "".join(lines[index + 1 :]), doc)


def status_word(meta: dict[str, Any]) -> str:
    """`accepted`, `proposed`, `superseded`...: the first word of the status, lower case."""
    words = str(meta.get("status") or "").split()
    return words[0].lower() if words else "unknown"


_MODELPICK_KEY = re.compile(r"""["']?modelpick["']?\s*:""")


def _claims_modelpick(text: str) -> bool:
    """Whether unparsable front matter has a top-level `modelpick:` key: a broken record."""
    for line in text.splitlines()[1:]:
        if line.rstrip() in (_FENCE, "..."):
            return False
        if _MODELPICK_KEY.match(line):
            return True
    return False


def parse_records(texts: Sequence[tuple[str, str]]) -> tuple[list[Record], list[Skipped]]:
    """The (name, text) files that carry modelpick answers, parsed; and those passed over.

    A file without front matter or without a `modelpick:` block is not a modelpick record
    and is left out silently (a README, a hand-written record). Front matter that does not
    parse (a template's `{{status}}`, a Markdown rule on the first line) is passed over with
    a warning, unless it has a `modelpick:` key: that is a broken record, and an error.
    """
    found: list[Record] = []
    skipped: list[Skipped] = []
    for name, text in texts:
        try:
            record = parse_record(text, name)
        except InputError as exc:
            if _claims_modelpick(text):
                raise
            skipped.append(Skipped(name, f"not a decision record: {exc.message}", exc.line))
            continue
        if record.meta is not None and "modelpick" in record.meta:
            found.append(record)
    return found, skipped


# --- superseding ---------------------------------------------------------------------------


def supersede(text: str, name: str, new_name: str) -> str:
    """Record `name` marked as superseded by `new_name`, linked from its body."""
    record = parse_record(text, name)
    link = md_link(new_name[:4], new_name)
    meta = dict(record.meta or {})
    meta["status"] = f"superseded by {link}"
    body = record.body.rstrip("\n")
    body += f"\n\nSuperseded by {link}.\n"
    if record.meta is None:
        return dump_front_matter(meta) + "\n" + body.lstrip("\n")
    return dump_front_matter(meta) + body
