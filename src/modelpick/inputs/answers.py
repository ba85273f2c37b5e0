"""Reading answers: an answers file, `--set KEY=VALUE` and typed text, into engine answers.

Every value is checked by the engine's one check (`engine.answers.resolve`), so a file,
`--set` and a prompt refuse the same things with the same words.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

from modelpick.engine.answers import ANSWER_KEYS, ResolvedAnswers, resolve
from modelpick.errors import InputError, require_text
from modelpick.validation import did_you_mean
from modelpick.yamlfile import (
    NestedDocument,
    YamlDocument,
    dump_yaml,
    load_yaml_file,
    load_yaml_text,
    read_text,
)

MAX_ANSWERS_BYTES = 1024 * 1024


def read_answers_file(
    path: Path, *, groups: Collection[str] | None = None
) -> tuple[dict[str, Any], YamlDocument]:
    """Read an answers file into a mapping; errors name the file, line and key.

    A decision record (`*.md`) is read too: the answers embedded in it, so a decision can
    be replayed or recorded again exactly.
    """
    if path.suffix.lower() in RECORD_SUFFIXES:
        doc = _record_answers(path)
    else:
        doc = load_yaml_file(path, max_bytes=MAX_ANSWERS_BYTES, what="answers file")
    if doc.data is None:
        raise InputError("answers file is empty; expected a mapping of answers", file=doc.file)
    if not isinstance(doc.data, dict):
        raise InputError(
            f"expected a mapping of answers, got {_yaml_type(doc.data)}", file=doc.file, line=1
        )
    for key in doc.data:
        if not isinstance(key, str):
            line, column = doc.locate([str(key)])
            raise InputError(
                f"answer keys must be text, got {key!r}", file=doc.file, line=line, column=column
            )
    resolve(doc.data, origin=doc.file, doc=doc, groups=groups)
    return dict(doc.data), doc


RECORD_SUFFIXES = (".md", ".markdown")


def _record_answers(path: Path) -> YamlDocument:
    """The `modelpick.answers` of a decision record, located in the record's own lines."""
    from modelpick.records.format import parse_record

    text = read_text(path, max_bytes=MAX_ANSWERS_BYTES, what="decision record")
    record = parse_record(text, str(path))
    block = (record.meta or {}).get("modelpick")
    if record.doc is None or not isinstance(block, dict):
        raise InputError(
            "not a decision record with modelpick answers (no 'modelpick:' block in its front "
            "matter or in a ```yaml modelpick block)", file=str(path),
        )
    answers = block.get("answers")
    if not isinstance(answers, dict):
        raise InputError(
            "'modelpick.answers' must be a mapping of answers", file=str(path),
            line=record.line_of(["modelpick", "answers"]) or record.line_of(["modelpick"]),
            key="modelpick.answers",
        )
    return NestedDocument(
        file=str(path), text=record.doc.text, data=dict(answers),
        prefix=("modelpick", "answers"), line_offset=record.offset,
    )


def _yaml_type(value: Any) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def parse_typed(key: str, raw: str) -> Any:
    """A value typed for `key` (after `--set KEY=` or at a prompt), read as a file reads it.

    YAML (1.2 core schema, like every file) reads it as a scalar or a flow list; `workload` is
    always text (a '#' would start a comment); blank is None; `excluded_origins` may be
    written `CN,RU` or `CN RU`.
    """
    if key == "workload":
        return raw
    if not raw.strip():
        return None
    try:
        value = load_yaml_text(raw, "--set").data
    except InputError:
        value = raw
    if key in ("excluded_origins", "data_residency") and isinstance(value, str):
        return [part for part in re.split(r"[,\s]+", value) if part]
    return value


def parse_set(items: list[str], *, groups: Collection[str] | None = None) -> dict[str, Any]:
    """Parse `--set KEY=VALUE` options (see `parse_typed`); errors name `--set` and the key."""
    out: dict[str, Any] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        require_text(item, file="--set", key=key.strip() if sep else None)
        key = key.strip()
        if not sep or not key:
            raise InputError(f"expected KEY=VALUE, got {item!r}", file="--set")
        if key not in ANSWER_KEYS:
            hint = did_you_mean(key, ANSWER_KEYS)
            raise InputError("unknown key", file="--set", key=key, hint=hint)
        out[key] = parse_typed(key, raw)
    resolve(out, origin="--set", groups=groups)
    return out


def dump_answers(resolved: ResolvedAnswers, *, include_assumed: bool = True) -> str:
    """The answers as a YAML answers file that reproduces the same advice.

    Defaults are written out too (like copier's answers file), so a later change of a
    default cannot change the advice; a comment names the keys that were assumed.
    """
    data = resolved.answers.model_dump(mode="json")
    if not include_assumed:
        data = {k: v for k, v in data.items() if k not in resolved.assumed}
    header = "# modelpick answers: reproduce with `modelpick advise --answers THIS_FILE`\n"
    if resolved.assumed and include_assumed:
        header += f"# assumed (documented defaults): {', '.join(resolved.assumed)}\n"
    return header + dump_yaml(data)
