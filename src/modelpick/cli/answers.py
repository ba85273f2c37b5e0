"""Gathering a workload's answers: a file, then --set, then the questions still open."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from modelpick.catalog.loader import Catalog
    from modelpick.engine.answers import ResolvedAnswers


def gather_answers(
    answers_file: Path | None, sets: list[str], catalog: Catalog, *, interactive: bool
) -> ResolvedAnswers:
    """Answers from a file, then --set, then (on a terminal) the questions still open.

    Each source is checked as it is read, against the catalog's region groups, and every key
    remembers its source, so an error names the file and line, `--set`, or the prompt.
    """
    from modelpick.engine.answers import resolve
    from modelpick.inputs.answers import parse_set, read_answers_file

    groups = catalog.policy.region_groups
    given: dict[str, object] = {}
    origins: dict[str, str] = {}
    doc = None
    if answers_file is not None:
        given, doc = read_answers_file(answers_file, groups=groups)
        origins = dict.fromkeys(given, doc.file)
    from_set = parse_set(sets, groups=groups)
    given.update(from_set)
    origins.update(dict.fromkeys(from_set, "--set"))
    if interactive:
        from modelpick.cli.prompts import ask_missing

        asked = ask_missing(given, groups=groups, policy=catalog.policy)  # checked as typed
        origins.update(dict.fromkeys(asked.keys() - given.keys(), "prompt"))
        given = asked
    return resolve(given, origin=origins, doc=doc, groups=groups)


def is_interactive(no_input: bool) -> bool:
    """Prompt only when a person is at both ends of the terminal."""
    return not no_input and sys.stdin.isatty() and sys.stdout.isatty()
