"""The suite never touches the user's home, whichever scope a fixture has."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HOME_AT_IMPORT = os.environ.get("HOME")
"""The user's home: test modules are imported before any fixture runs."""


@pytest.fixture(scope="module")
def module_home() -> str | None:
    return os.environ.get("HOME")


def test_module_scoped_fixtures_run_outside_the_users_home(module_home: str | None) -> None:
    assert module_home != HOME_AT_IMPORT


def test_each_test_has_a_home_of_its_own(module_home: str | None) -> None:
    assert os.environ.get("HOME") not in (HOME_AT_IMPORT, module_home)


def test_the_catalog_cache_is_the_workers_own(tmp_path_factory: pytest.TempPathFactory) -> None:
    cache = Path(os.environ["XDG_CACHE_HOME"])
    assert cache.is_relative_to(tmp_path_factory.getbasetemp())
