"""The cache of users' catalogs: used when it is safe, refused when it is not, never run."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from modelpick.catalog import cache, parse
from modelpick.catalog import schema as s
from modelpick.catalog.loader import load_catalog
from modelpick.catalog.parse import Catalog
from modelpick.catalog.plain import FORMAT
from modelpick.errors import CatalogError

LISTS = ("sources", "licenses", "models", "gpus", "benchmarks", "providers", "prices")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An XDG cache home of this test's own."""
    root = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(root))
    return root


def _entries(home: Path) -> list[Path]:
    return sorted((home / "modelpick").glob("*.catalog.json"))


def _same(a: Catalog, b: Catalog) -> None:
    assert a.meta == b.meta and a.policy == b.policy
    for name in LISTS:
        assert getattr(a, name) == getattr(b, name), name


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the catalog was parsed again")

    monkeypatch.setattr(parse, "parse_catalog", refuse)


def test_a_catalog_is_validated_once_then_read_from_the_cache(
    home: Path, catalog_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_catalog(catalog_copy, cache=True)
    [entry] = _entries(home)
    assert stat.S_IMODE((home / "modelpick").stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    _no_parsing(monkeypatch)
    second = load_catalog(catalog_copy, cache=True)
    _same(first, second)
    assert second.directory == str(catalog_copy)


def test_without_cache_nothing_is_written(home: Path, catalog_copy: Path) -> None:
    load_catalog(catalog_copy)
    assert not home.exists()


def test_an_edited_catalog_makes_a_new_entry(home: Path, catalog_copy: Path) -> None:
    load_catalog(catalog_copy, cache=True)
    models = catalog_copy / "models.yaml"
    models.write_text(models.read_text().replace("name: ", "name: Renamed ", 1))
    edited = load_catalog(catalog_copy, cache=True)
    assert edited.models[0].name.startswith("Renamed ")
    assert len(_entries(home)) == 2
    assert load_catalog(catalog_copy, cache=True).models[0].name.startswith("Renamed ")


def test_an_invalid_catalog_is_never_cached(home: Path, catalog_copy: Path) -> None:
    models = catalog_copy / "models.yaml"
    models.write_text(models.read_text().replace("    license: MIT", "    license: MTI"))
    with pytest.raises(CatalogError):
        load_catalog(catalog_copy, cache=True)
    assert _entries(home) == []


def test_the_dated_checks_run_on_a_cached_catalog(home: Path, catalog_copy: Path) -> None:
    load_catalog(catalog_copy, cache=True)
    with pytest.raises(CatalogError, match="in the future"):
        load_catalog(catalog_copy, cache=True, today=dt.date(2000, 1, 1))


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda b: b.replace(b'"2026-', b'"2025-', 1), id="a-date"),
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: b"\x80\x04\x95\x00 a pickle, say\n", id="not-json"),
        pytest.param(lambda b: b.replace(FORMAT.encode(), b"modelpick-catalog/0"),
                     id="old-format"),
    ],
)
def test_a_tampered_entry_is_detected_and_replaced(
    home: Path, catalog_copy: Path, tamper: Callable[[bytes], bytes]
) -> None:
    fresh = load_catalog(catalog_copy, cache=True)
    [entry] = _entries(home)
    good = entry.read_bytes()
    entry.write_bytes(tamper(good))
    found = cache.lookup(catalog_copy)
    assert found.key is not None and found.catalog is None  # refused
    _same(load_catalog(catalog_copy, cache=True), fresh)  # validated again ...
    assert entry.read_bytes() == good  # ... and kept again


def test_an_entry_forged_with_a_matching_digest_can_at_worst_mislead(
    home: Path, catalog_copy: Path
) -> None:
    """Someone who can write the user's cache can recompute the digest: the entry is still
    JSON read into records (never code), and one of the wrong shape is refused."""
    import hashlib
    import json

    load_catalog(catalog_copy, cache=True)
    [entry] = _entries(home)
    head_line, _, payload = entry.read_bytes().partition(b"\n")
    head, data = json.loads(head_line), json.loads(payload)

    def forge() -> None:
        forged = json.dumps(data).encode()
        head["payload_sha256"] = hashlib.sha256(forged).hexdigest()
        entry.write_bytes(json.dumps(head).encode() + b"\n" + forged)

    [models] = data["files"]["models.yaml"]  # a record is a row of its fields' values
    model = models[0]
    model.append("os.system")
    forge()
    assert cache.lookup(catalog_copy).catalog is None  # a value no field holds: refused
    model.pop()
    second, models[1] = models[1], {"__class__": "os.system"}
    forge()
    assert cache.lookup(catalog_copy).catalog is None  # not a row: refused
    models[1] = second
    model[list(s.Model.__record_fields__).index("name")] = "Misleading"
    forge()
    misled = cache.lookup(catalog_copy).catalog
    assert misled is not None and misled.models[0].name == "Misleading"


def test_a_symlinked_cache_directory_is_not_used(
    home: Path, catalog_copy: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    home.mkdir()
    (home / "modelpick").symlink_to(elsewhere, target_is_directory=True)
    load_catalog(catalog_copy, cache=True)
    assert list(elsewhere.iterdir()) == []
    assert cache.lookup(catalog_copy).catalog is None


def test_a_cache_directory_others_may_write_is_not_used(home: Path, catalog_copy: Path) -> None:
    (home / "modelpick").mkdir(parents=True)
    os.chmod(home / "modelpick", 0o777)
    load_catalog(catalog_copy, cache=True)
    assert _entries(home) == []


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_a_cache_directory_of_another_user_is_not_used(home: Path, catalog_copy: Path) -> None:
    (home / "modelpick").mkdir(parents=True, mode=0o700)
    os.chown(home / "modelpick", 12345, 12345)
    load_catalog(catalog_copy, cache=True)
    assert _entries(home) == []


def test_an_entry_that_is_a_symlink_is_not_followed(
    home: Path, catalog_copy: Path, tmp_path: Path
) -> None:
    load_catalog(catalog_copy, cache=True)
    [entry] = _entries(home)
    real = tmp_path / "real-entry.json"
    real.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(real)
    assert cache.lookup(catalog_copy).catalog is None
    load_catalog(catalog_copy, cache=True)  # validated again, written over the link
    assert not entry.is_symlink() and real.read_bytes() == entry.read_bytes()


def test_a_relative_cache_home_is_ignored(
    catalog_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.chdir(tmp_path)
    assert cache.cache_root() == Path.home() / ".cache" / "modelpick"
    load_catalog(catalog_copy, cache=True)
    assert not (tmp_path / "relative").exists()
    assert list((Path.home() / ".cache" / "modelpick").glob("*.catalog.json"))


def test_old_entries_are_pruned(home: Path, catalog_copy: Path) -> None:
    models = catalog_copy / "models.yaml"
    text = models.read_text()
    for n in range(cache.KEEP_ENTRIES + 3):
        models.write_text(text.replace("name: ", f"name: V{n} ", 1))
        load_catalog(catalog_copy, cache=True)
    assert len(_entries(home)) == cache.KEEP_ENTRIES


def test_no_cache_on_the_command_line(
    modelpick: Callable[..., subprocess.CompletedProcess[str]],
    catalog_min: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(root))
    args = ("advise", "--no-input", "--format", "json", "--catalog", catalog_min)
    uncached = modelpick(*args, "--no-cache")
    assert uncached.returncode == 0, uncached.stderr
    assert not root.exists()
    first, second = modelpick(*args), modelpick(*args)
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout == uncached.stdout
    assert len(list((root / "modelpick").glob("*.catalog.json"))) == 1
