"""Reading a portfolio file into the engine's workloads.

The file format (YAML):

    defaults:            # optional: answers every workload starts from
      task: chat
    workloads:           # each an answers block; `workload` (its name) is required
      - workload: Support-ticket triage
        cost_dominant: true

A workload's own key wins over the default. Each workload is validated separately: a bad one
is reported by name and line, and the others are still advised.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from modelpick.engine.answers import ANSWER_KEYS, ResolvedAnswers, resolve
from modelpick.engine.portfolio import ParsedPortfolio, Workload, WorkloadError
from modelpick.errors import InputError
from modelpick.validation import did_you_mean
from modelpick.yamlfile import YamlDocument, load_yaml_file

MAX_PORTFOLIO_BYTES = 16 * 1024 * 1024
MAX_WORKLOADS = 100_000
TOP_KEYS = ("defaults", "workloads")


_KEY_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _key_path(key: str | None) -> list[str | int]:
    if not key:
        return []
    return [name if name else int(index) for name, index in _KEY_PART.findall(key)]


def _yaml_type(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), "a number"
    )


def _check_defaults(
    doc: YamlDocument, defaults: Any, groups: Collection[str] | None
) -> dict[str, Any]:
    if defaults is None:
        return {}
    line = doc.line_of(["defaults"])
    if not isinstance(defaults, dict):
        raise InputError(
            f"defaults must be a mapping of answers, got {_yaml_type(defaults)}",
            file=doc.file, line=line, key="defaults",
        )
    if "workload" in defaults:
        raise InputError(
            "each workload names itself; 'workload' cannot be a default",
            file=doc.file, line=doc.line_of(["defaults", "workload"]), key="defaults.workload",
        )
    try:
        resolve(defaults, origin=doc.file, groups=groups)
    except InputError as exc:
        path = ["defaults", *_key_path(exc.key)]
        line, column = doc.locate(path)
        raise InputError(
            exc.message, file=doc.file, line=line, column=column, key=path, hint=exc.hint
        ) from None
    return dict(defaults)


def _locate_error(
    doc: YamlDocument, index: int, entry: Mapping[str, Any], defaults: Mapping[str, Any],
    key: str | None,
) -> tuple[int | None, str | None]:
    path = _key_path(key)
    if (path and path[0] in entry) or not path or path[0] not in defaults:
        full: list[str | int] = ["workloads", index, *path]
        where = key
    else:
        full = ["defaults", *path]
        where = f"defaults.{key}"
    return doc.locate(full)[0], where


def parse_portfolio(
    doc: YamlDocument, *, groups: Collection[str] | None = None
) -> ParsedPortfolio:
    """Validate a loaded portfolio file (`groups`: the catalog's region groups, as `resolve`).

    The file's shape (top-level keys, `defaults`) is all-or-nothing: a problem there raises
    InputError. Problems inside one workload are collected; the other workloads stand.
    """
    data = doc.data
    if data is None:
        raise InputError("portfolio file is empty; expected 'workloads:'", file=doc.file)
    if not isinstance(data, dict):
        raise InputError(
            f"expected a mapping with 'workloads:', got {_yaml_type(data)}", file=doc.file, line=1
        )
    for key in data:
        if key not in TOP_KEYS:
            hint = did_you_mean(str(key), TOP_KEYS)
            if hint is None and str(key) in ANSWER_KEYS:
                hint = "answers go under 'defaults:' or a workload"
            raise InputError(
                "unknown key", file=doc.file, line=doc.line_of([str(key)]), key=str(key), hint=hint
            )
    entries = data.get("workloads")
    if not isinstance(entries, list) or not entries:
        raise InputError(
            "'workloads:' must be a non-empty list of answers blocks",
            file=doc.file, line=doc.line_of(["workloads"]), key="workloads",
        )
    if len(entries) > MAX_WORKLOADS:
        raise InputError(
            f"{len(entries):,} workloads; the limit is {MAX_WORKLOADS:,}", file=doc.file
        )
    defaults = _check_defaults(doc, data.get("defaults"), groups)
    workloads: list[Workload] = []
    errors: list[WorkloadError] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        line = doc.line_of(["workloads", index])
        label = f"#{index + 1}"
        if not isinstance(entry, dict):
            errors.append(WorkloadError(
                label, index, doc.file, line, None,
                f"expected an answers block (a mapping), got {_yaml_type(entry)}",
            ))
            continue
        name = entry.get("workload")
        if isinstance(name, str) and name.strip():
            label = name
        else:
            message = (
                "required key is missing" if "workload" not in entry
                else f"must be a non-empty name, got {_yaml_type(name)}"
            )
            errors.append(WorkloadError(label, index, doc.file, line, "workload", message))
            continue
        if label in seen:
            errors.append(WorkloadError(
                label, index, doc.file, doc.line_of(["workloads", index, "workload"]), "workload",
                f"duplicate workload name (first at workload #{seen[label] + 1})",
            ))
            continue
        seen[label] = index
        try:
            resolved = resolve({**defaults, **entry}, origin=doc.file, groups=groups)
        except InputError as exc:
            at, where = _locate_error(doc, index, entry, defaults, exc.key)
            message = exc.message + (f" ({exc.hint})" if exc.hint else "")
            errors.append(WorkloadError(label, index, doc.file, at, where, message))
            continue
        # A default counts as given: it was written down, not assumed.
        assumed = tuple(k for k in resolved.assumed if k not in defaults)
        workloads.append(
            Workload(label, index, line, ResolvedAnswers(resolved.answers, assumed))
        )
    return ParsedPortfolio(doc.file, tuple(workloads), tuple(errors))


def read_portfolio_file(path: Path, *, groups: Collection[str] | None = None) -> ParsedPortfolio:
    """Read and validate a portfolio file; the file's shape errors raise InputError."""
    doc = load_yaml_file(path, max_bytes=MAX_PORTFOLIO_BYTES, what="portfolio file")
    return parse_portfolio(doc, groups=groups)
