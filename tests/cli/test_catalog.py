"""`catalog list`, `show`, `schema`; broken catalogs for commands other than validate."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("models", ["llama-4-scout", "qwen3", "claude-opus-4.7"]),
        ("licenses", ["Apache-2.0", "MAU > 700,000,000", "no EU"]),
        ("hardware", ["h100-80gb", "Benchmarks", "8 x h100-80gb"]),
        ("providers", ["together", "aws-bedrock", "cloud platform"]),
    ],
)
def test_list_tables(kind: str, expected: list[str], catalog_min: Path, modelpick: Run) -> None:
    result = modelpick("catalog", "list", kind, "--catalog", catalog_min)
    assert result.returncode == 0, result.stderr
    for text in expected:
        assert text in result.stdout
    assert "\x1b[" not in result.stdout  # NO_COLOR


def test_list_fits_80_columns(
    catalog_min: Path, modelpick: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for kind in ("models", "licenses", "hardware", "providers"):
        result = modelpick("catalog", "list", kind, "--catalog", catalog_min)
        assert result.returncode == 0
        assert max(len(line.rstrip()) for line in result.stdout.splitlines()) <= 80
    models = modelpick("catalog", "list", "--catalog", catalog_min).stdout
    assert "llama-4-behemoth" in models and "unreleased" in models


def test_list_json(catalog_min: Path, modelpick: Run) -> None:
    result = modelpick("catalog", "list", "models", "--format", "json", "--catalog", catalog_min)
    assert result.returncode == 0
    models = json.loads(result.stdout)
    assert [m["id"] for m in models][:3] == ["gpt-5", "claude-opus-4.7", "qwen3"]
    assert models[2]["parameters"]["total_b"] == 235
    providers = json.loads(
        modelpick(
            "catalog", "list", "providers", "--format", "json", "--catalog", catalog_min
        ).stdout
    )
    assert {p["id"]: p["prices"] for p in providers}["together"] == 3


def test_show_model(catalog_min: Path, modelpick: Run) -> None:
    result = modelpick("catalog", "show", "llama-4-scout", "--catalog", catalog_min)
    assert result.returncode == 0, result.stderr
    for text in ("Llama 4 Scout", "MAU > 700,000,000", "aws-bedrock", "chunked"):
        assert text in result.stdout
    data = json.loads(
        modelpick(
            "catalog", "show", "llama-4-scout", "--format", "json", "--catalog", catalog_min
        ).stdout
    )
    assert data["kind"] == "model"
    assert data["license"]["restrictions"]["mau_threshold"] == 700_000_000
    assert {p["provider"] for p in data["prices"]} == {"together", "aws-bedrock"}
    assert "footprints" not in data
    assert data["benchmarks"] == []  # no measurement recorded for it
    assert data["model"]["shape"]["experts"] == {"total": 16, "active": 1, "shared": 1}
    qwen3 = modelpick("catalog", "show", "qwen3", "--catalog", catalog_min)
    assert qwen3.returncode == 0, qwen3.stderr
    assert "8 x h100-80gb" in qwen3.stdout and "8,000 out tok/s" in qwen3.stdout
    data = json.loads(
        modelpick("catalog", "show", "qwen3", "--format", "json", "--catalog", catalog_min).stdout
    )
    assert [b["id"] for b in data["benchmarks"]] == ["example-qwen3-8xh100-fp8"]


@pytest.mark.parametrize(
    ("entry", "kind"),
    [
        ("MIT", "license"),
        ("h200-141gb", "gpu"),
        ("together", "provider"),
        ("litellm-prices", "source"),
    ],
)
def test_show_any_kind(entry: str, kind: str, catalog_min: Path, modelpick: Run) -> None:
    result = modelpick("catalog", "show", entry, "--format", "json", "--catalog", catalog_min)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["kind"] == kind
    assert modelpick("catalog", "show", entry, "--catalog", catalog_min).returncode == 0


def test_show_unknown_id(catalog_min: Path, modelpick: Run) -> None:
    result = modelpick("catalog", "show", "qwen-3", "--catalog", catalog_min)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "did you mean 'qwen3'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_all_files(modelpick: Run) -> None:
    result = modelpick("catalog", "schema")
    assert result.returncode == 0
    schemas = json.loads(result.stdout)
    assert sorted(schemas) == sorted(
        [
            "catalog.yaml",
            "sources.yaml",
            "licenses.yaml",
            "models.yaml",
            "hardware.yaml",
            "benchmarks.yaml",
            "providers.yaml",
            "policy.yaml",
        ]
    )
    assert schemas["models.yaml"]["additionalProperties"] is False


def test_schema_validates_the_fixture(catalog_min: Path, modelpick: Run) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    data = yaml.safe_load((catalog_min / "providers.yaml").read_text())
    schema = json.loads(modelpick("catalog", "schema", "--file", "providers.yaml").stdout)
    # JSON Schema knows no dates: compare the YAML as JSON would carry it.
    jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)


def test_schema_help_documents_the_modeline(modelpick: Run) -> None:
    result = modelpick("catalog", "schema", "--help")
    assert "# yaml-language-server: $schema=" in result.stdout


def test_schema_unknown_file(modelpick: Run) -> None:
    result = modelpick("catalog", "schema", "--file", "model.yaml")
    assert result.returncode == 2
    assert "did you mean 'models.yaml'?" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("catalog", "list"),
        ("catalog", "list", "hardware", "--format", "json"),
        ("catalog", "show", "qwen3"),
    ],
)
def test_broken_catalog_stops_other_commands(
    args: tuple[str, ...], catalog_copy: Path, modelpick: Run
) -> None:
    models = catalog_copy / "models.yaml"
    models.write_text(models.read_text().replace("    license: MIT", "    license: MTI"))
    result = modelpick(*args, "--catalog", catalog_copy)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{models}:" in lines[0] and "unknown license 'MTI'" in lines[0]


def test_unparsable_catalog_stops_other_commands(catalog_copy: Path, modelpick: Run) -> None:
    (catalog_copy / "hardware.yaml").write_text("gpus: [\n")
    result = modelpick("catalog", "list", "--catalog", catalog_copy)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "hardware.yaml" in result.stderr
