"""Shared fixtures: keep tests away from the user's files; run the installed program."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CATALOG_MIN = FIXTURES / "catalog_min"


def _isolate(home: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No real home; subprocesses print plain, 100-column text."""
    monkeypatch.setenv("HOME", str(home))
    # The catalog cache is shared by the tests a worker runs, as a user's is by their commands:
    # a catalog is validated once, then read from its entry (identical either way: what the
    # cache's own tests check, each in a cache of its own).
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    # Hundreds of runs of the installed program: let them reuse compiled modules (a tenth of
    # each start where the environment asks Python not to write them).
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)


@pytest.fixture(scope="session", autouse=True)
def _isolated_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Module- and session-scoped fixtures run before any test's own environment is made:
    what they run gets a home of its own too (never the user's cache)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        _isolate(tmp_path_factory.mktemp("session-home"), _shared_cache(tmp_path_factory),
                 monkeypatch)
        yield


@pytest.fixture(autouse=True)
def _isolated_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real home, nor another test's."""
    _isolate(tmp_path_factory.mktemp("home"), _shared_cache(tmp_path_factory), monkeypatch)


def _shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.getbasetemp() / "catalog-cache"


@pytest.fixture
def catalog_min() -> Path:
    """The small, complete, valid test catalog (read-only: copy it before changing it)."""
    return CATALOG_MIN


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A private copy of catalog_min that a test may break."""
    target = tmp_path / "catalog"
    shutil.copytree(CATALOG_MIN, target)
    return target


@pytest.fixture
def modelpick() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed `modelpick` entry point in a subprocess."""
    exe = shutil.which("modelpick")
    if exe is None:
        pytest.fail("the modelpick entry point is not installed (pip install -e .)")

    def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [exe, *map(str, args)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            cwd=cwd,
        )

    return run


REPORT_TODAY = dt.date(2026, 11, 15)
"""A fixed 'today' for reports and decision records, so their output is stable."""


@pytest.fixture
def advise_on() -> Callable[..., tuple[Any, Any, Any]]:
    """Run the engine on answers against a catalog directory: (advice, catalog, resolved)."""
    from modelpick.catalog.loader import load_catalog
    from modelpick.engine import decide, resolve

    def run(answers: dict[str, Any], catalog_dir: Path = CATALOG_MIN) -> tuple[Any, Any, Any]:
        catalog = load_catalog(catalog_dir)
        resolved = resolve(answers, origin="test")
        return decide(resolved, catalog, REPORT_TODAY, sensitivity=False), catalog, resolved

    return run
