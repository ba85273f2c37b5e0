"""A user's template directory, read as every other user file is: regular files, capped."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import jinja2

from modelpick.fileio import read_text

MAX_TEMPLATE_BYTES = 1024 * 1024
"""The shipped report template is about 10 KB; a megabyte is a mistake, or /dev/zero."""


class TemplateDirLoader(jinja2.BaseLoader):
    """jinja's FileSystemLoader for one directory, reading through fileio.read_text.

    A template that is a device, a FIFO, a directory or too large (symlinks followed) is an
    InputError naming it, not a hang or an unbounded read. A name that is not there raises
    TemplateNotFound, so a ChoiceLoader falls back to the built-in template.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        """The template's text, its file name, and whether it is unchanged since."""
        path = self.directory.joinpath(*jinja2.loaders.split_template_path(template))
        if not os.path.lexists(path):
            raise jinja2.TemplateNotFound(template)
        text = read_text(path, max_bytes=MAX_TEMPLATE_BYTES, what="template")
        mtime = _mtime(path)
        return text, str(path), lambda: _mtime(path) == mtime


def _mtime(path: Path) -> float | None:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None
