"""Rendering a rich view to plain text, the way a 100-column terminal without colour shows it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.console import Console, RenderableType

Render = Callable[..., str]


@pytest.fixture
def render() -> Render:
    """Print a renderable on a recording console; return the text it exported."""

    def run(renderable: RenderableType, width: int = 100) -> str:
        console = Console(record=True, width=width, color_system=None, file=_Sink())
        console.print(renderable)
        return console.export_text()

    return run


class _Sink:
    """A file that discards what is written: the recording is what the test reads."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass
