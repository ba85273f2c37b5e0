"""The shipped catalog's snapshot: current, exact, never stale, never code."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from modelpick.catalog import snapshot
from modelpick.catalog.checks import run_checks, validate_directory
from modelpick.catalog.findings import Severity
from modelpick.catalog.loader import default_catalog_dir, load_catalog
from modelpick.catalog.parse import Catalog, parse_catalog
from modelpick.catalog.plain import FORMAT, header_of
from modelpick.errors import CatalogError

LISTS = ("sources", "licenses", "models", "gpus", "benchmarks", "providers", "prices")
LATE = dt.date(2031, 1, 1)
"""Late enough for the dated checks to find something (the catalog is stale by then)."""


@pytest.fixture(scope="module")
def shipped() -> Path:
    with default_catalog_dir() as path:
        return path


@pytest.fixture
def shipped_copy(tmp_path: Path, shipped: Path) -> Path:
    """The shipped catalog with its snapshot, in a directory a test may change."""
    target = tmp_path / "catalog"
    shutil.copytree(shipped, target)
    return target


def _same_records(a: Catalog, b: Catalog) -> None:
    assert a.meta == b.meta and a.policy == b.policy
    for name in LISTS:
        assert getattr(a, name) == getattr(b, name), name


def test_the_shipped_snapshot_matches_its_yaml(shipped: Path) -> None:
    """The snapshot is pinned to the YAML it was made from, by the files' content digest."""
    why = snapshot.staleness(shipped)
    assert why is None, f"{why}; after editing the catalog, regenerate it: {snapshot.REGENERATE}"


def test_the_snapshot_holds_exactly_what_the_yaml_validates_to(shipped: Path) -> None:
    loaded = snapshot.load(shipped)
    assert loaded is not None
    from_yaml, findings = parse_catalog(shipped)
    assert from_yaml is not None and findings == []
    _same_records(loaded[0], from_yaml)
    # the records are the ones the engine uses, with their types, not JSON look-alikes
    model = loaded[0].models_by_id["qwen3"]
    assert type(model) is type(from_yaml.models_by_id["qwen3"])
    assert isinstance(loaded[0].meta.as_of, dt.date)


def test_validating_the_shipped_catalog_from_its_snapshot_finds_what_the_yaml_does(
    shipped: Path,
) -> None:
    """Build-time findings are stored; the dated checks run again, here on a later day."""
    fast, full = snapshot.validate(shipped, LATE), validate_directory(shipped, LATE)
    assert fast == full
    assert any(f.check == "dates" for f in fast.findings)  # stale by 2031: found today


def test_the_dated_checks_run_again_on_every_use(shipped: Path) -> None:
    """A clock before the catalog's as_of date: the snapshot is refused as the YAML would be."""
    with pytest.raises(CatalogError, match="in the future"):
        load_catalog(today=dt.date(2020, 1, 1))
    assert load_catalog().meta.version  # today: fine


def test_every_check_is_either_dated_or_stored(shipped: Path) -> None:
    """Stored (undated) and re-run (dated) findings together are the full check's."""
    catalog, _ = parse_catalog(shipped)
    assert catalog is not None
    both = sorted(
        [*run_checks(catalog, LATE, dated=False), *run_checks(catalog, LATE, dated=True)],
        key=lambda f: (f.file or "", f.line or 0, f.check, f.message),
    )
    full = sorted(run_checks(catalog, LATE), key=lambda f: (f.file or "", f.line or 0,
                                                             f.check, f.message))
    assert both == full


def test_an_edited_catalog_is_validated_instead_of_its_stale_snapshot(shipped_copy: Path) -> None:
    models = shipped_copy / "models.yaml"
    models.write_text(models.read_text().replace("context_tokens: 262144", "context_tokens: 7",
                                                 1))
    assert snapshot.load(shipped_copy) is None
    why = snapshot.staleness(shipped_copy)
    assert why is not None and "catalog_sha256" in why
    assert snapshot.validate(shipped_copy) == validate_directory(shipped_copy)


def test_a_damaged_snapshot_is_refused(shipped_copy: Path) -> None:
    path = shipped_copy / snapshot.SNAPSHOT_FILE
    blob = path.read_bytes()
    path.write_bytes(blob.replace(b'"2026-', b'"2025-', 1))
    assert snapshot.load(shipped_copy) is None
    assert "digest" in (snapshot.staleness(shipped_copy) or "")
    path.write_bytes(b"\x80\x04\x95 not json: a pickle would start so\n{}")
    assert snapshot.load(shipped_copy) is None
    path.write_bytes(b"[" * 100_000 + b"\n{}")  # a header nested past the parser's limit
    assert snapshot.load(shipped_copy) is None


@pytest.mark.parametrize("fast_at", [0, 1 << 62], ids=["orjson", "json"])
def test_both_json_readers_read_the_same_catalog_and_refuse_the_same_damage(
    shipped_copy: Path, shipped: Path, monkeypatch: pytest.MonkeyPatch, fast_at: int
) -> None:
    """A large payload is read by orjson where installed (the `fast` extra), a small one by
    the standard library: the same records either way, and the same damage refused."""
    if fast_at == 0:
        pytest.importorskip("orjson")
    from modelpick.catalog import plain

    monkeypatch.setattr(plain, "FAST_JSON_AT", fast_at)
    loaded = snapshot.load(shipped)
    assert loaded is not None
    from_yaml, _ = parse_catalog(shipped)
    assert from_yaml is not None
    _same_records(loaded[0], from_yaml)
    path = shipped_copy / snapshot.SNAPSHOT_FILE
    head, _, payload = path.read_bytes().partition(b"\n")
    finding = (b'{"check":"x","severity":"warning","message":"m","file":null,"line":%s,'
               b'"column":null,"key":null}')
    cases = {  # payload -> usable
        payload + b"\n\n": True,
        b" \n" + payload: True,  # JSON's whitespace around the value
        payload.replace(b'"findings":[]', b'"findings":[' + finding % b"3" + b"]"): True,
        payload + b" []": False,
        payload[:-1]: False,
        b"\xff" + payload: False,
        b"[" * 100_000 + b"]" * 100_000: False,  # the standard library recurses, orjson limits
        payload + "\u00a0".encode(): False,  # whitespace to str.strip, not to JSON
        payload.replace(b"730.0", b"NaN", 1): False,  # never written: allow_nan=False
        payload.replace(b"730.0", b"Infinity", 1): False,
        payload.replace(b'"findings":[]', b'"findings":[' + finding % b'"3"' + b"]"): False,
    }
    for bad, usable in cases.items():
        forged = json.loads(head)
        forged["payload_sha256"] = hashlib.sha256(bad).hexdigest()  # damage the digest passes
        path.write_bytes(json.dumps(forged, sort_keys=True).encode() + b"\n" + bad)
        assert (snapshot.load(shipped_copy) is not None) == usable, bad[-40:]
    # a header of more bytes than characters: the payload is where its bytes start
    forged = {**json.loads(head), "note": "\u00e9t\u00e9", "payload_sha256": ""}
    for bad, usable in ((payload, True), (b"xx" + payload, False)):
        forged["payload_sha256"] = hashlib.sha256(bad).hexdigest()
        line = json.dumps(forged, sort_keys=True, ensure_ascii=False).encode()
        path.write_bytes(line + b"\n" + bad)
        assert (snapshot.load(shipped_copy) is not None) == usable


def test_the_snapshot_is_json_with_a_header(shipped: Path) -> None:
    blob = (shipped / snapshot.SNAPSHOT_FILE).read_bytes()
    head = header_of(blob)
    assert head["format"] == FORMAT
    assert set(head) >= {"catalog_sha256", "catalog_version", "payload_sha256", "schema"}
    payload = json.loads(blob.partition(b"\n")[2])
    assert set(payload) == {"files", "findings"}


def test_a_snapshot_is_made_of_a_valid_catalog_only(catalog_copy: Path) -> None:
    models = catalog_copy / "models.yaml"
    models.write_text(models.read_text().replace("    license: MIT", "    license: MTI"))
    with pytest.raises(CatalogError, match="no snapshot of an invalid catalog"):
        snapshot.build(catalog_copy)


def test_the_regenerating_command_writes_and_checks(
    catalog_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert snapshot.main(["--check", str(catalog_copy)]) == 1
    assert snapshot.REGENERATE in capsys.readouterr().err
    assert snapshot.main([str(catalog_copy)]) == 0
    assert snapshot.main(["--check", str(catalog_copy)]) == 0
    assert snapshot.main([str(catalog_copy)]) == 0  # unchanged: not rewritten
    assert "is current" in capsys.readouterr().out
    loaded = snapshot.load(catalog_copy)
    from_yaml, _ = parse_catalog(catalog_copy)
    assert loaded is not None and from_yaml is not None
    _same_records(loaded[0], from_yaml)


def test_stored_findings_point_into_wherever_the_catalog_is(
    catalog_copy: Path, tmp_path: Path
) -> None:
    sources = catalog_copy / "sources.yaml"
    sources.write_text(sources.read_text() + (
        "  - id: never-cited\n    title: Nobody cites this\n    kind: web_page\n"
        "    accessed: 2026-01-01\n"
    ))
    assert snapshot.main([str(catalog_copy)]) == 0
    moved = tmp_path / "elsewhere"
    shutil.move(catalog_copy, moved)
    loaded = snapshot.load(moved)
    assert loaded is not None
    _, stored = loaded
    warning = next(f for f in stored if "never cited" in f.message)
    assert warning.severity is Severity.WARNING
    assert warning.file == str(moved / "sources.yaml") and warning.line is not None
    assert snapshot.validate(moved) == validate_directory(moved)


def test_records_are_immutable_and_copied_with_changes(shipped: Path) -> None:
    catalog = load_catalog()
    model = catalog.models[0]
    with pytest.raises(AttributeError):
        model.name = "x"  # type: ignore[misc]
    renamed = model.model_copy(update={"name": "x"})
    assert renamed.name == "x" and model.name != "x" and renamed.id == model.id
    assert dataclasses.replace(catalog, models=[renamed]).models == [renamed]
    assert model.model_dump(mode="json")["id"] == model.id


def test_only_the_registered_dated_parts_of_the_checks_read_today() -> None:
    """A check that reads today's date but is not in `checks.DATED` would keep, in the snapshot
    and the cache, a verdict made on another day."""
    import ast
    import inspect

    from modelpick.catalog import checks

    readers = set()
    for _, check in checks.CHECKS:
        module = inspect.getmodule(check)
        assert module is not None
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.FunctionDef) and any(
                isinstance(n, ast.Attribute) and n.attr == "today" for n in ast.walk(node)
            ):
                readers.add(f"{module.__name__}.{node.name}")
    dated = {f"{part.__module__}.{part.__name__}" for part, _ in checks.DATED.values()}
    assert readers == dated
