"""What a command reads and where it may write: refused before any work is done."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def check_outputs(
    outputs: list[tuple[Path | None, str]],
    *,
    inputs: list[tuple[Path | None, str]],
    force: bool,
) -> None:
    """Refuse, before any work, outputs that would be refused, clash, or land on an input."""
    from modelpick.fileio import check_writable, refuse_overlaps

    named = [(path, what) for path, what in outputs if path is not None]
    refuse_overlaps(named, inputs)
    for path, what in named:
        check_writable(path, force=force, what=what)


def catalog_input(directory: Path | None) -> tuple[Path | None, str]:
    """The catalog a command reads, as an input no output may land in."""
    if directory is not None:
        return directory, "--catalog directory"
    embedded = resources.files("modelpick").joinpath("catalog_data")
    return (embedded if isinstance(embedded, Path) else None), "embedded catalog"
