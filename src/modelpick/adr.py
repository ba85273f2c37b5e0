"""Architecture decision records in the MADR 4.0 format that know when they are stale.

A record embeds its answers, the catalog version and the recommendation under a `modelpick:`
front-matter key, so `adr check` can decide it again against today's catalog. Rendering,
parsing and evaluating are pure; `write_new_record` and `read_records` are the only I/O.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from modelpick import __version__
from modelpick.catalog.loader import Catalog
from modelpick.engine.answers import ResolvedAnswers, resolve
from modelpick.engine.result import Advice
from modelpick.engine.tree import MODE_LABELS, advise
from modelpick.errors import InputError, NoCandidate, WriteRefused
from modelpick.fileio import Output, read_text, safe_child, write_files
from modelpick.report.markdown import Link, render_report
from modelpick.yamlfile import YamlDocument, load_yaml_text

DEFAULT_DIR = Path("docs/decisions")
SLUG_MAX = 60
_NUMBERED = re.compile(r"^(\d{4,})-.*\.md$")
_FENCE = "---"
MAX_RECORD_BYTES = 4 * 1024 * 1024
"""A decision record is a few kilobytes; megabytes are a mistake or an attack."""
FAILING_STATUS = "accepted"
"""Only an accepted decision that the catalog would now decide differently fails a check."""


# --- names ---------------------------------------------------------------------------------


def next_number(names: Iterable[str]) -> int:
    """One more than the highest `NNNN-` number among the names, or 1."""
    numbers = [int(m.group(1)) for name in names if (m := _NUMBERED.match(name))]
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


def find_record(names: Iterable[str], number: int) -> str | None:
    """The record whose number prefix is `number`, if any."""
    for name in sorted(names):
        match = _NUMBERED.match(name)
        if match and int(match.group(1)) == number:
            return name
    return None


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
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100_000)
    return f"{_FENCE}\n{body}{_FENCE}\n"


def render_record(
    advice: Advice,
    catalog: Catalog,
    resolved: ResolvedAnswers,
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
            "answers": resolved.answers.model_dump(mode="json"),
            "assumed": list(resolved.assumed),
            "recommendation": recommendation(advice),
        },
    }
    links: list[Link] = []
    if supersedes is not None:
        meta["modelpick"]["supersedes"] = supersedes
        links.append(Link(text="Supersedes", target=supersedes))
    body = render_report(advice, catalog, title=title, links=links)
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


# --- superseding ---------------------------------------------------------------------------


def supersede(text: str, name: str, new_name: str) -> str:
    """Record `name` marked as superseded by `new_name`, linked from its body."""
    record = parse_record(text, name)
    link = f"[{new_name[:4]}]({new_name})"
    meta = dict(record.meta or {})
    meta["status"] = f"superseded by {link}"
    body = record.body.rstrip("\n")
    body += f"\n\nSuperseded by {link}.\n"
    if record.meta is None:
        return dump_front_matter(meta) + "\n" + body.lstrip("\n")
    return dump_front_matter(meta) + body


# --- evaluating ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DriftRow:
    """One record decided again: what it chose, what today's catalog chooses, and why."""

    record: str
    status: str
    recorded_catalog_version: str | None
    recorded: dict[str, Any]
    today: dict[str, Any]
    changes: tuple[str, ...]

    @property
    def drifted(self) -> bool:
        """Whether today's catalog decides differently."""
        return bool(self.changes)

    @property
    def fails(self) -> bool:
        """Only accepted decisions fail a check."""
        return self.drifted and self.status == FAILING_STATUS

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {
            "record": self.record,
            "status": self.status,
            "recorded_catalog_version": self.recorded_catalog_version,
            "recorded": self.recorded,
            "today": self.today,
            "drifted": self.drifted,
            "fails": self.fails,
            "changes": list(self.changes),
        }


def _mode_label(value: object) -> str:
    for mode, label in MODE_LABELS.items():
        if mode.value == value:
            return label
    return "none" if value is None else str(value)


def explain(recorded: dict[str, Any], advice: Advice, catalog: Catalog) -> list[str]:
    """What differs between a recorded recommendation and today's advice, and why."""
    today = recommendation(advice)
    out: list[str] = []
    if today["deployment"] != recorded.get("deployment"):
        why = ""
        if advice.fallback is not None:
            f = advice.fallback
            why = f" (fallback from {MODE_LABELS[f.from_mode]}: {f.reason})"
        elif advice.path and advice.path[-1].node == "has_inference_ops":
            why = f" ({advice.path[-1].effect})"
        out.append(f"deployment now {_mode_label(today['deployment'])}{why}")
    old_model = recorded.get("model")
    primary = advice.primary
    if today["model"] != old_model:
        if old_model is not None:
            reasons = [e.reason for e in advice.excluded if e.model == old_model]
            if old_model not in catalog.models_by_id:
                out.append(f"model {old_model} is no longer in the catalog")
            elif reasons:
                out.append(f"model {old_model} now excluded: {'; '.join(reasons)}")
            elif any(c.model == old_model for c in advice.alternatives):
                out.append(f"model {old_model} is still a candidate, ranked lower")
            elif primary is not None:
                out.append(
                    f"model {old_model} is not a candidate as {MODE_LABELS[primary.mode]}"
                )
        if primary is None:
            out.append("no model satisfies the constraints")
        else:
            out.append(f"primary now {primary.model} (ranked first in {primary.rank_source})")
    elif today["provider"] != recorded.get("provider") and primary is not None:
        cheapest = primary.providers[0]
        old = recorded.get("provider")
        old_price = next((p for p in primary.providers if p.provider == old), None)
        was = (
            f"; {old} is ${old_price.blended_per_mtok:,.3f}/M"
            if old_price is not None
            else f"; {old} no longer prices it"
        )
        out.append(
            f"cheapest provider now {cheapest.provider} at "
            f"${cheapest.blended_per_mtok:,.3f}/M blended (price){was}"
        )
    return out


def _recorded_answers(record: Record) -> tuple[dict[str, Any], dict[str, Any], str | None]:
    assert record.meta is not None
    block = record.meta.get("modelpick")
    if not isinstance(block, dict):
        raise InputError(
            "'modelpick' must be a mapping", file=record.name, line=record.line_of(["modelpick"])
        )
    answers = block.get("answers")
    if not isinstance(answers, dict):
        raise InputError(
            "'modelpick.answers' must be a mapping of answers",
            file=record.name,
            line=record.line_of(["modelpick", "answers"]) or record.line_of(["modelpick"]),
            key="modelpick.answers",
        )
    recorded = block.get("recommendation")
    if not isinstance(recorded, dict):
        raise InputError(
            "'modelpick.recommendation' must be a mapping",
            file=record.name,
            line=record.line_of(["modelpick", "recommendation"]) or record.line_of(["modelpick"]),
            key="modelpick.recommendation",
        )
    version = block.get("catalog_version")
    return answers, recorded, str(version) if version is not None else None


def evaluate_record(record: Record, catalog: Catalog, today: dt.date) -> DriftRow:
    """Decide one record again against the catalog."""
    assert record.meta is not None
    answers, recorded, version = _recorded_answers(record)
    try:
        resolved = resolve(answers, origin=record.name)
    except InputError as exc:
        key = exc.key.split(".")[0].split("[")[0] if exc.key else None
        path: list[str | int] = ["modelpick", "answers", *([key] if key else [])]
        raise InputError(
            exc.message,
            file=record.name,
            line=record.line_of(path),
            key=f"modelpick.answers.{exc.key}" if exc.key else "modelpick.answers",
        ) from None
    advice = advise(resolved, catalog, today=today)
    recorded_view = {k: recorded.get(k) for k in ("deployment", "model", "provider")}
    return DriftRow(
        record=record.name,
        status=status_word(record.meta),
        recorded_catalog_version=version,
        recorded=recorded_view,
        today=recommendation(advice),
        changes=tuple(explain(recorded_view, advice, catalog)),
    )


def evaluate(
    records: Sequence[tuple[str, str]], catalog: Catalog, today: dt.date
) -> list[DriftRow]:
    """Every (name, text) record that carries modelpick answers, decided again."""
    rows = []
    for name, text in records:
        record = parse_record(text, name)
        if record.meta is None or "modelpick" not in record.meta:
            continue
        rows.append(evaluate_record(record, catalog, today))
    return rows


# --- the two commands' I/O -----------------------------------------------------------------


def read_records(directory: Path) -> list[tuple[str, str]]:
    """(path, text) of every `*.md` file in a directory, in name order."""
    if not directory.is_dir():
        what = "is not a directory" if directory.exists() else "does not exist"
        raise InputError(f"decision record directory {what}", file=str(directory))
    out = []
    for path in sorted(directory.glob("*.md")):
        if not path.is_file():
            continue
        text = read_text(path, max_bytes=MAX_RECORD_BYTES, what="decision record")
        out.append((str(path), text))
    return out


def write_new_record(
    directory: Path,
    advice: Advice,
    catalog: Catalog,
    resolved: ResolvedAnswers,
    *,
    title: str | None,
    status: str,
    date: dt.date,
    supersedes: int | None = None,
) -> list[Path]:
    """Write the next numbered record (and mark the one it supersedes); the paths written.

    Everything is checked before anything is written; each file is written atomically and a
    new record never replaces an existing file.
    """
    if advice.primary is None:
        raise NoCandidate("no model satisfies the constraints; no decision record written")
    if directory.exists() and not directory.is_dir():
        raise InputError("decision record directory is not a directory", file=str(directory))
    names = [p.name for p in directory.iterdir()] if directory.is_dir() else []
    old_name = None
    if supersedes is not None:
        old_name = find_record(names, supersedes)
        if old_name is None:
            raise InputError(
                f"no record numbered {supersedes:04d} to supersede", file=str(directory)
            )
    title = title if title and title.strip() else default_title(advice)
    new_name = record_name(next_number(names), title)
    text = render_record(
        advice, catalog, resolved, title=title, status=status, date=date, supersedes=old_name
    )
    old_text = None
    if old_name is not None:
        old_path = directory / old_name
        old_text = supersede(
            read_text(old_path, max_bytes=MAX_RECORD_BYTES, what="decision record"),
            str(old_path),
            new_name,
        )
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create directory: {exc.strerror or exc}", file=str(directory)
        ) from None
    # The name comes from a title: make sure it cannot land outside the directory.
    outputs = [Output(safe_child(directory, new_name, what="decision record"), text,
                      what="decision record")]
    if old_name is not None and old_text is not None:
        outputs.append(Output(safe_child(directory, old_name, what="decision record"), old_text,
                              what="decision record", overwrite=True))
    _write_records(outputs)
    return [output.path for output in outputs]


def _write_records(outputs: Sequence[Output]) -> None:
    """Both or neither: never a superseded record without its successor."""
    try:
        write_files(outputs)
    except WriteRefused as exc:
        raise InputError(exc.message, file=exc.file) from None  # no --force to suggest here
