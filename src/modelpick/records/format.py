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
from typing import Any

from modelpick import __version__
from modelpick.engine.result import Advice, DeploymentMode
from modelpick.errors import InputError, one_line
from modelpick.frozen import frozen
from modelpick.report.escape import Md, md_escape, plain_link
from modelpick.report.markdown import Link
from modelpick.report.record import People, render_record_body
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


_DANGLING = frozenset({
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "onto", "or",
    "over", "per", "the", "to", "under", "via", "vs", "with", "without",
})
"""Words a slug never ends on: a slug cut after `for` or `the` has lost what followed."""


def slugify(title: str) -> str:
    """A file-name slug: `[a-z0-9-]`, at most 60 characters, cut only between whole words.

    It never ends on a preposition, article or conjunction (`...-api-for`).
    """
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^a-z0-9]+", ascii_text.lower()) if w]
    kept: list[str] = []
    for word in words:
        if len("-".join([*kept, word])) > SLUG_MAX:
            break
        kept.append(word)
    if not kept and words:
        kept = [words[0][:SLUG_MAX]]
    while len(kept) > 1 and kept[-1] in _DANGLING:
        kept.pop()
    return "-".join(kept) or "decision"


def slug_source(advice: Advice) -> str:
    """What a default record name says: the workload's words first, then the choice."""
    workload = advice.answers.workload
    if advice.primary is None or advice.deployment is None:
        return f"{workload} no model"
    return f"{workload} {advice.primary.model} {SHORT_MODES[advice.deployment]}"


SHORT_MODES = {
    DeploymentMode.SELF_HOSTED: "self-hosted",
    DeploymentMode.HOSTED_OPEN: "hosted-api",
    DeploymentMode.CLOSED_API: "closed-api",
}


def record_name(number: int, title: str) -> str:
    """`0004-support-ticket-triage-gpt-oss-120b-hosted-api.md`."""
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


@frozen
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
    cost = primary.monthly_cost_usd if primary is not None else None
    return {
        "deployment": advice.deployment.value if advice.deployment else None,
        "model": primary.model if primary else None,
        "provider": provider,
        "monthly_cost_usd": round(cost, 2) if cost is not None else None,
        "license": primary.license if primary is not None else None,
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


LAYOUTS = ("madr", "tools")
"""`madr`: MADR 4.0 with YAML front matter. `tools`: MADR 4.0 sections with the title on the
first line, log4brains' header list and adr-tools' `## Status` section, the answers in a
fenced block at the end; adr-tools and log4brains read it natively."""


def render_record(
    advice: Advice,
    *,
    title: str,
    status: str,
    date: dt.date,
    supersedes: str | None = None,
    supersedes_label: str | None = None,
    people: People | None = None,
    catalog: dict[str, Any] | None = None,
    layout: str = "madr",
) -> str:
    """A whole MADR 4.0 record: its metadata, then the decision's sections.

    `catalog` identifies the catalog it was decided against (version, sha256, and path when
    not the shipped one); `supersedes` is the file name of the record it replaces.
    """
    people = people or People()
    block: dict[str, Any] = {
        "version": __version__,
        "catalog_version": advice.catalog_version,
        "catalog": catalog or {"version": advice.catalog_version},
        "answers": advice.answers.model_dump(mode="json"),
        "assumed": list(advice.assumed),
        "recommendation": recommendation(advice),
    }
    links: list[Link] = []
    label = supersedes_label or (f"ADR-{supersedes[:4]}" if supersedes else "")
    if supersedes is not None:
        block["supersedes"] = supersedes
        links.append(Link(text="Supersedes", target=supersedes, label=label))
    if layout == "madr":
        meta: dict[str, Any] = {
            "status": status,
            "date": date,
            "decision-makers": list(people.decision_makers),
            "consulted": list(people.consulted),
            "informed": list(people.informed),
            "modelpick": block,
        }
        body = render_record_body(advice, title=title, links=links)
        return dump_front_matter(meta) + "\n" + body
    if layout != "tools":
        raise ValueError(f"unknown record layout {layout!r}")
    header = [Md(f"* Status: {md_escape(status)}"), Md(f"* Date: {date.isoformat()}")]
    for item, names in (("Deciders", people.decision_makers), ("Consulted", people.consulted),
                        ("Informed", people.informed)):
        if names:
            header.append(Md(f"* {item}: " + ", ".join(md_escape(one_line(n)) for n in names)))
    status_lines = [Md(md_escape(status.capitalize()))]
    if supersedes is not None:
        status_lines.append(Md(f"Supersedes {plain_link(label, supersedes)}"))
    body = render_record_body(
        advice, title=title, links=links, header=header, status_lines=status_lines,
    )
    data = dump_yaml({"modelpick": block})
    return (
        body.rstrip("\n") + "\n\n## Decision data\n\n"
        "Written by modelpick: `modelpick adr check` decides the record again from it and "
        "`modelpick advise --answers` on this file replays it.\n\n"
        f"```{BLOCK_INFO}\n{data}```\n"
    )


# --- parsing -------------------------------------------------------------------------------


@frozen
class Record:
    """A parsed record: front matter (None when it has none) and the Markdown body."""

    name: str
    meta: dict[str, Any] | None
    body: str
    doc: YamlDocument | None
    """The front matter (or a `tools` record's fenced block) as a YAML document."""
    offset: int = 1
    """Lines of the file above the YAML document (1: the opening `---`)."""
    embedded: bool = False
    """The YAML is a `tools`-layout record's ```yaml modelpick block, not front matter."""

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of a front-matter key in the whole file."""
        if self.doc is None:
            return None
        line = self.doc.line_of(path)
        return line + self.offset if line is not None else None


def parse_record(text: str, name: str = "record") -> Record:
    """Split a record into front matter and body; broken front matter names file and line."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != _FENCE:
        return _embedded_record(text, name)
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


BLOCK_INFO = "yaml modelpick"
"""The info string of the fenced block that carries a `tools`-layout record's answers."""


def embedded_span(lines: Sequence[str]) -> tuple[int, int] | None:
    """(first, end) line indexes of the YAML inside the ```yaml modelpick fence, or None."""
    for index, line in enumerate(lines):
        if line.strip() == "```" + BLOCK_INFO:
            for end in range(index + 1, len(lines)):
                if lines[end].strip() == "```":
                    return index + 1, end
            raise InputError(
                "the ```yaml modelpick block is not closed by a ``` line",
                file="", line=index + 1,
            )
    return None


def _embedded_record(text: str, name: str) -> Record:
    """A record without front matter: its ```yaml modelpick block, if it has one."""
    lines = text.splitlines(keepends=True)
    try:
        span = embedded_span(lines)
    except InputError as exc:
        raise InputError(exc.message, file=name, line=exc.line) from None
    if span is None:
        return Record(name, None, text, None)
    try:
        doc = load_yaml_text("".join(lines[span[0] : span[1]]), name)
    except InputError as exc:
        line = exc.line + span[0] if exc.line is not None else span[0]
        raise InputError(
            f"modelpick block: {exc.message}", file=name, line=line, column=exc.column
        ) from None
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("modelpick"), dict):
        raise InputError(
            "the ```yaml modelpick block must hold a 'modelpick:' mapping",
            file=name, line=span[0] + 1,
        )
    return Record(name, doc.data, text, doc, offset=span[0], embedded=True)


def status_word(meta: dict[str, Any]) -> str:
    """`accepted`, `proposed`, `superseded`...: the first word of the status, lower case."""
    words = str(meta.get("status") or "").split()
    return words[0].lower() if words else "unknown"


_MODELPICK_KEY = re.compile(r"""["']?modelpick["']?\s*:""")


def _claims_modelpick(text: str) -> bool:
    """Whether unparsable front matter has a top-level `modelpick:` key: a broken record."""
    if not text.startswith(_FENCE):
        return "```" + BLOCK_INFO in text
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
