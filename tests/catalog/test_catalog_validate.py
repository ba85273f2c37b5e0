"""`modelpick catalog validate`: one broken catalog per check, run through the real program."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


def mutate(directory: Path, file: str, old: str, new: str, at: str | None = None) -> int:
    """Replace the first `old` with `new` in one catalog file; the line of `at` nearest it."""
    path = directory / file
    text = path.read_text(encoding="utf-8")
    start = text.find(old)
    assert start >= 0, f"{old!r} not in {file}"
    text = text[:start] + new + text[start + len(old) :]
    path.write_text(text, encoding="utf-8")
    target = at if at is not None else new.strip().splitlines()[0].strip()
    mark = text.find(target, start)
    if mark < 0:  # the line named is above the change (e.g. the entry's id)
        mark = text.rfind(target, 0, start)
    assert mark >= 0
    return text.count("\n", 0, mark) + 1


@dataclass(frozen=True)
class Case:
    check: str
    file: str
    old: str
    new: str
    at: str | None = None
    message: str = ""
    warning: bool = False
    at_file: str | None = None  # where the finding points, when not the file changed


def line_in(path: Path, text: str) -> int:
    content = path.read_text(encoding="utf-8")
    assert text in content
    return content.count("\n", 0, content.find(text)) + 1


CASES: dict[str, Case] = {
    # -- parse and schema
    "malformed-yaml": Case(
        "yaml",
        "models.yaml",
        "    vendor: Alibaba\n",
        "    vendor: [Alibaba\n",
        "origin:",
        "invalid YAML",
    ),
    "duplicate-key": Case(
        "yaml",
        "hardware.yaml",
        "    memory_gb: 80\n",
        "    memory_gb: 80\n    memory_gb: 81\n",
        "memory_gb: 81",
        "duplicate key 'memory_gb'",
    ),
    "unknown-key": Case(
        "schema",
        "models.yaml",
        "    context_tokens: 400000",
        "    context_token: 400000",
        message="did you mean 'context_tokens'?",
    ),
    "string-for-number": Case(
        "schema",
        "hardware.yaml",
        "    memory_gb: 141",
        '    memory_gb: "141"',
        message="must be a number",
    ),
    "number-for-string": Case(
        "schema", "models.yaml", "    name: GPT-5", "    name: 5", message="must be text"
    ),
    "number-for-list": Case(
        "schema",
        "models.yaml",
        "    modalities: [text]",
        "    modalities: 3",
        message="must be a list",
    ),
    # -- unique-ids
    "duplicate-id": Case(
        "unique-ids",
        "providers.yaml",
        "  - id: deepseek\n",
        "  - id: together\n",
        message="duplicate id 'together'",
    ),
    "duplicate-price": Case(
        "unique-ids",
        "providers.yaml",
        "  - model: deepseek-v3.2\n    provider: together",
        "  - model: deepseek-v3.2\n    provider: deepseek",
        "- model: deepseek-v3.2",
        "duplicate price",
    ),
    # -- references
    "unknown-provider": Case(
        "references",
        "providers.yaml",
        "    provider: mistral\n",
        "    provider: mistrall\n",
        message="did you mean 'mistral'?",
    ),
    "unknown-claim-source": Case(
        "references",
        "models.yaml",
        "            source: art-llama4-bet",
        "            source: art-llama4-bett",
        message="unknown source 'art-llama4-bett'",
    ),
    "unknown-license": Case(
        "references",
        "models.yaml",
        "    license: MIT",
        "    license: MTI",
        message="unknown license 'MTI'",
    ),
    "unknown-pick": Case(
        "references",
        "policy.yaml",
        "      code: [qwen3, deepseek-v3.2]",
        "      code: [qwen3, deepseek-v32]",
        message="unknown model 'deepseek-v32'",
    ),
    # -- policy-modes
    "closed-in-open-mode": Case(
        "policy-modes",
        "policy.yaml",
        "      code: [qwen3, deepseek-v3.2]",
        "      code: [qwen3, gpt-5]",
        message="closed weights",
    ),
    "not-released-pick": Case(
        "policy-modes",
        "policy.yaml",
        "      reasoning: [gpt-5, claude-opus-4.7]",
        "      reasoning: [gpt-5, llama-4-behemoth]",
        message="not released",
    ),
    "empty-pick-list": Case(
        "policy-modes",
        "policy.yaml",
        "      code: [qwen3, deepseek-v3.2]",
        "      code: []",
        message="empty list",
    ),
    "mode-without-picks": Case(
        "policy-modes",
        "policy.yaml",
        "    hosted_open_weights_api:\n      default: [mistral-small-3.2, deepseek-v3.2, qwen3, "
        "llama-4-scout]",
        "    hosted_open_weights_api: {}",
        message="ranks nothing",
    ),
    "pick-task-mismatch": Case(
        "policy-modes",
        "policy.yaml",
        "      classification: [mistral-small-3.2, qwen3]",
        "      classification: [mistral-small-3.2, deepseek-v3.2]",
        message="tasks do not include it",
        warning=True,
    ),
    # -- footprints
    "footprint-too-small": Case(
        "footprints",
        "hardware.yaml",
        "    gpus: 4\n",
        "    gpus: 3\n",
        message="needs 305.5 GB",
    ),
    "footprint-for-not-released": Case(
        "footprints",
        "hardware.yaml",
        "  - model: mistral-small-3.2",
        "  - model: llama-4-behemoth",
        message="not released; it cannot have a footprint",
    ),
    "footprint-for-closed": Case(
        "footprints",
        "hardware.yaml",
        "  - model: mistral-small-3.2",
        "  - model: gpt-5",
        message="closed weights",
    ),
    "missing-footprint": Case(
        "footprints",
        "models.yaml",
        "    weights: closed\n    availability: released\n"
        "    license: LicenseRef-proprietary-api-terms\n    parameters:\n      total_b: null",
        "    weights: open\n    availability: released\n    license: Apache-2.0\n"
        "    parameters:\n      total_b: null",
        "- id: gpt-5",
        "has no footprint",
    ),
    "precision-without-bytes": Case(
        "footprints",
        "policy.yaml",
        "      int4: 0.5\n",
        "",
        "precision_order",
        "has no bytes_per_param",
    ),
    "footprint-without-total-params": Case(
        "footprints",
        "models.yaml",
        "      total_b: 235\n",
        "      total_b: null\n",
        "- model: qwen3",
        "cannot be checked",
        at_file="hardware.yaml",
    ),
    "open-in-closed-mode": Case(
        "policy-modes",
        "policy.yaml",
        "      reasoning: [gpt-5, claude-opus-4.7]",
        "      reasoning: [gpt-5, qwen3]",
        message="open weights",
    ),
    "permissive-not-commercial": Case(
        "licenses",
        "licenses.yaml",
        "    commercial_use: true\n    sources: [spdx-license-list]",
        "    commercial_use: false\n    sources: [spdx-license-list]",
        "commercial_use: false",
        "forbids commercial use",
    ),
    # -- prices
    "missing-price": Case(
        "prices",
        "providers.yaml",
        "  - model: mistral-small-3.2\n    provider: mistral",
        "  - model: qwen3\n    provider: mistral",
        "- id: mistral-small-3.2",
        "no price",
        at_file="models.yaml",
    ),
    "free-price": Case(
        "prices",
        "providers.yaml",
        "    input_per_mtok: 1.25",
        "    input_per_mtok: 0",
        message="priced at 0",
        warning=True,
    ),
    "price-at-provider-not-serving-closed": Case(
        "prices",
        "providers.yaml",
        "  - model: qwen3\n    provider: together",
        "  - model: gpt-5\n    provider: together",
        "provider: together",
        "serves open weights only",
    ),
    "price-at-provider-not-serving-open": Case(
        "prices",
        "providers.yaml",
        "  - model: gpt-5\n    provider: openai",
        "  - model: qwen3\n    provider: openai",
        "provider: openai",
        "serves closed weights only",
    ),
    "price-for-not-released": Case(
        "prices",
        "providers.yaml",
        "  - model: llama-4-scout\n    provider: aws-bedrock",
        "  - model: llama-4-behemoth\n    provider: aws-bedrock",
        "- model: llama-4-behemoth",
        "not released; it cannot have a price",
    ),
    "provider-without-serves": Case(
        "schema",
        "providers.yaml",
        "    serves: [open]\n",
        "",
        "- id: together",
        "required key is missing",
    ),
    # -- numbers: each figure's range comes from the schema
    "absurd-price": Case(
        "numbers",
        "providers.yaml",
        "    output_per_mtok: 25.0",
        "    output_per_mtok: 25000.0",
        message="out of range: must be at most 1,000",
    ),
    "negative-price": Case(
        "numbers",
        "providers.yaml",
        "    input_per_mtok: 1.25",
        "    input_per_mtok: -0.5",
        message="out of range: must be at least 0",
    ),
    "absurd-gpu-memory": Case(
        "numbers",
        "hardware.yaml",
        "    memory_gb: 141",
        "    memory_gb: 14100",
        message="out of range: must be at most 2,048",
    ),
    "zero-gpu-price": Case(
        "numbers",
        "hardware.yaml",
        "    hourly_usd: 2.5",
        "    hourly_usd: 0.0",
        message="out of range: must be at least 0.01",
    ),
    "zero-throughput": Case(
        "numbers",
        "hardware.yaml",
        "    throughput_tokens_per_s: 3000\n",
        "    throughput_tokens_per_s: 0.0\n",
        message="out of range: must be at least 0.01",
    ),
    "nan-throughput": Case(
        "numbers",
        "hardware.yaml",
        "    throughput_tokens_per_s: 3000\n",
        "    throughput_tokens_per_s: .nan\n",
        message="finite",
    ),
    "infinite-parameters": Case(
        "numbers",
        "models.yaml",
        "      total_b: 235\n",
        "      total_b: .inf\n",
        message="finite",
    ),
    "too-many-gpus": Case(
        "numbers",
        "hardware.yaml",
        "    gpus: 4\n",
        "    gpus: 4096\n",
        message="out of range: must be at most 1,024",
    ),
    "utilization-over-one": Case(
        "numbers",
        "policy.yaml",
        "    utilization: 0.5",
        "    utilization: 1.5",
        message="out of range: must be at most 1",
    ),
    "month-of-745-hours": Case(
        "numbers",
        "policy.yaml",
        "    hours_per_month: 730",
        "    hours_per_month: 745",
        message="out of range: must be at most 744",
    ),
    "staleness-of-a-century": Case(
        "numbers",
        "policy.yaml",
        "  staleness_days: 365",
        "  staleness_days: 36500",
        message="out of range: must be at most 3,650",
    ),
    "huge-mau-threshold": Case(
        "numbers",
        "licenses.yaml",
        "      mau_threshold: 700000000",
        "      mau_threshold: 700000000000000000000",
        message="out of range: must be at most 10,000,000,000",
    ),
    "bytes-per-param-zero": Case(
        "numbers",
        "policy.yaml",
        "      int4: 0.5\n",
        "      int4: 0.0\n",
        message="out of range: must be at least 0.125",
    ),
    "date-out-of-window": Case(
        "dates",
        "sources.yaml",
        "    accessed: 2026-10-20",
        "    accessed: 1066-10-14",
        message="out of range: must be at least 1900-01-01",
    ),
    "active-over-total": Case(
        "numbers",
        "models.yaml",
        "      active_b: 22\n",
        "      active_b: 2200\n",
        message="exceed total",
    ),
    "absurd-context": Case(
        "numbers",
        "models.yaml",
        "    context_tokens: 10000000",
        "    context_tokens: 1000000000",
        message="out of range: must be at most 100,000,000",
    ),
    # -- sources
    "unused-source": Case(
        "sources",
        "sources.yaml",
        "sources:\n",
        "sources:\n  - id: never-cited\n    title: Nobody cites this\n    kind: estimate\n"
        "    accessed: 2026-10-01\n",
        "- id: never-cited",
        "never cited",
        warning=True,
    ),
    "article-without-file": Case(
        "sources",
        "sources.yaml",
        "    kind: article\n    file: 003_f6fa97ad23caa417.txt\n",
        "    kind: article\n",
        message="has no `file`",
    ),
    "accessed-in-future": Case(
        "sources",
        "sources.yaml",
        "    accessed: 2026-10-20",
        "    accessed: 2099-10-20",
        message="in the future",
    ),
    # -- dates
    "as-of-in-future": Case(
        "dates",
        "catalog.yaml",
        "as_of: 2026-11-01",
        "as_of: 2099-11-01",
        message="in the future",
    ),
    "stale": Case(
        "dates",
        "catalog.yaml",
        "as_of: 2026-11-01",
        "as_of: 2020-01-01",
        message="staleness limit",
        warning=True,
    ),
    "no-changelog-entry": Case(
        "dates",
        "catalog.yaml",
        'version: "2026.11.1"',
        'version: "2026.12.0"',
        "changelog:",
        "no entry for version 2026.12.0",
    ),
    "schema-version": Case(
        "dates",
        "catalog.yaml",
        "schema_version: 1",
        "schema_version: 99",
        message="schema_version 99",
    ),
    "gpu-price-in-future": Case(
        "dates",
        "hardware.yaml",
        "    price_as_of: 2026-10-20",
        "    price_as_of: 2099-10-20",
        message="in the future",
    ),
    # -- licenses
    "permissive-with-restriction": Case(
        "licenses",
        "licenses.yaml",
        "    commercial_use: true\n    sources: [spdx-license-list]\n",
        "    commercial_use: true\n    restrictions:\n      non_commercial: true\n"
        "    sources: [spdx-license-list]\n",
        "non_commercial",
        "restricts use",
    ),
    "proprietary-permissive": Case(
        "licenses",
        "licenses.yaml",
        "    kind: proprietary\n    spdx: false\n    permissive: false",
        "    kind: proprietary\n    spdx: false\n    permissive: true",
        "permissive: true",
        "cannot be permissive",
    ),
    "spdx-licenseref": Case(
        "licenses",
        "licenses.yaml",
        "    spdx: false\n    permissive: false\n    commercial_use: true\n    restrictions:",
        "    spdx: true\n    permissive: false\n    commercial_use: true\n    restrictions:",
        message="not an SPDX identifier",
    ),
    "open-model-proprietary-license": Case(
        "licenses",
        "models.yaml",
        "    license: Apache-2.0",
        "    license: LicenseRef-proprietary-api-terms",
        message="proprietary license",
    ),
    # -- disagreements
    "chosen-not-a-claim": Case(
        "disagreements",
        "models.yaml",
        "        chosen: not_released",
        "        chosen: maybe",
        message="neither a claim",
        warning=True,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_check_names_file_and_line(name: str, catalog_copy: Path) -> None:
    """In-process, through the JSON report `catalog validate --format json` prints (the
    command itself runs in a subprocess in the format tests below and in the corpus)."""
    from modelpick.catalog.checks import validate_directory
    from modelpick.report.findings import format_json

    case = CASES[name]
    line = mutate(catalog_copy, case.file, case.old, case.new, None if case.at_file else case.at)
    if case.at_file is not None:
        assert case.at is not None
        line = line_in(catalog_copy / case.at_file, case.at)
    result = validate_directory(catalog_copy)
    # A warning alone passes; --strict fails it. An error fails either way.
    assert result.passed(strict=False) is case.warning
    assert not result.passed(strict=True)
    report = json.loads(format_json(result, strict=True))
    assert report["valid"] is False
    hits = [f for f in report["findings"] if f["check"] == case.check]
    assert hits, report["findings"]
    located = [
        f
        for f in hits
        if f["file"] == str(catalog_copy / (case.at_file or case.file))
        and f["line"] == line
        and case.message in f["message"]
    ]
    assert located, (line, hits)
    severity = "warning" if case.warning else "error"
    assert located[0]["severity"] == severity


def _file_findings(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {Path(f["file"]).name: f for f in report["findings"] if f["check"] == "files"}


def test_unknown_files_are_warnings_naming_each(catalog_copy: Path, modelpick: Run) -> None:
    (catalog_copy / "benchmarks.yaml").write_text("benchmarks: []\n", encoding="utf-8")
    (catalog_copy / "providers.yml").write_text("providers: []\n", encoding="utf-8")
    (catalog_copy / "old").mkdir()
    for ignored in (".DS_Store", "README.md", "readme.txt", "README", "models.schema.json"):
        (catalog_copy / ignored).write_text("{}\n", encoding="utf-8")
    (catalog_copy / ".git").mkdir()
    result = modelpick("catalog", "validate", catalog_copy, "--format", "json")
    assert result.returncode == 0, result.stdout  # warnings only
    report = json.loads(result.stdout)
    found = _file_findings(report)
    assert set(found) == {"benchmarks.yaml", "old", "providers.yml"}
    assert len(report["findings"]) == 3
    for name, finding in found.items():
        assert finding["file"] == str(catalog_copy / name)
        assert finding["severity"] == "warning"
        assert (finding["line"], finding["key"]) == (None, None)
    assert "did you mean 'providers.yaml'?" in found["providers.yml"]["message"]
    strict = modelpick("catalog", "validate", catalog_copy, "--strict")
    assert strict.returncode == 1
    assert f"{catalog_copy / 'benchmarks.yaml'}: warning[files] " in strict.stdout


def test_unknown_files_are_reported_when_a_file_does_not_parse(
    catalog_copy: Path, modelpick: Run
) -> None:
    (catalog_copy / "policy.yaml").rename(catalog_copy / "policy.yaml.bak")
    result = modelpick("catalog", "validate", catalog_copy, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert {f["check"] for f in report["findings"]} == {"yaml", "files"}
    assert set(_file_findings(report)) == {"policy.yaml.bak"}


def test_fixture_catalog_is_clean(catalog_min: Path, modelpick: Run) -> None:
    result = modelpick("catalog", "validate", catalog_min, "--strict")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1] == (
        "catalog 2026.11.1: 0 errors, 0 warnings (7 files, 7 models, 2 GPUs, 9 prices)"
    )
    assert result.stderr == ""


def test_text_format_lines(catalog_copy: Path, modelpick: Run) -> None:
    line = mutate(
        catalog_copy, "providers.yaml", "    provider: mistral\n", "    provider: mistrall\n"
    )
    mutate(catalog_copy, "providers.yaml", "    input_per_mtok: 1.25", "    input_per_mtok: 0")
    result = modelpick("catalog", "validate", catalog_copy)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    expected = (
        f"{catalog_copy / 'providers.yaml'}:{line}:5: error[references] prices[6].provider: "
        "unknown provider 'mistrall', did you mean 'mistral'?"
    )
    assert expected in lines
    assert lines[-1].startswith("catalog 2026.11.1: ")
    assert " error" in lines[-1] and "1 warning (" in lines[-1]


def test_every_problem_is_reported_even_when_a_file_does_not_parse(
    catalog_copy: Path, modelpick: Run
) -> None:
    mutate(catalog_copy, "models.yaml", "    vendor: Alibaba\n", "    vendor: [Alibaba\n")
    mutate(catalog_copy, "hardware.yaml", "    memory_gb: 141", '    memory_gb: "141"')
    mutate(catalog_copy, "policy.yaml", "  staleness_days: 365", "  staleness_day: 365")
    result = modelpick("catalog", "validate", catalog_copy, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    files = {Path(f["file"]).name for f in report["findings"]}
    assert files == {"models.yaml", "hardware.yaml", "policy.yaml"}
    assert report["valid"] is False
    assert report["catalog_version"] == "2026.11.1"
    lines = [(f["file"], f["line"] or 0) for f in report["findings"]]
    assert lines == sorted(lines)


def test_json_format(catalog_copy: Path, modelpick: Run) -> None:
    mutate(catalog_copy, "hardware.yaml", "    gpus: 4\n", "    gpus: 3\n")
    result = modelpick("catalog", "validate", catalog_copy, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert set(report) == {"catalog_version", "valid", "errors", "warnings", "findings"}
    assert report["errors"] == len(report["findings"]) == 1
    finding = report["findings"][0]
    assert set(finding) == {"check", "severity", "file", "line", "column", "key", "message"}
    assert finding["key"] == "footprints[0].gpus"


def test_json_format_of_a_clean_catalog(catalog_min: Path, modelpick: Run) -> None:
    result = modelpick("catalog", "validate", catalog_min, "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "catalog_version": "2026.11.1",
        "valid": True,
        "errors": 0,
        "warnings": 0,
        "findings": [],
    }


def test_github_format(catalog_copy: Path, modelpick: Run) -> None:
    line = mutate(catalog_copy, "hardware.yaml", "    gpus: 4\n", "    gpus: 3\n")
    mutate(catalog_copy, "providers.yaml", "    input_per_mtok: 1.25", "    input_per_mtok: 0")
    result = modelpick("catalog", "validate", catalog_copy, "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    hw = str(catalog_copy / "hardware.yaml").replace(":", "%3A").replace(",", "%2C")
    assert lines[0].startswith(
        f"::error file={hw},line={line},col=5,title=modelpick footprints::footprints[0].gpus: "
    )
    assert any(x.startswith("::warning file=") and "title=modelpick prices" in x for x in lines)
    assert lines[-1].startswith("catalog 2026.11.1: 1 error, 1 warning")


def test_missing_directory_is_a_usage_error(tmp_path: Path, modelpick: Run) -> None:
    result = modelpick("catalog", "validate", tmp_path / "nope")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "does not exist" in result.stderr


def test_missing_file_is_a_finding(catalog_copy: Path, modelpick: Run) -> None:
    (catalog_copy / "policy.yaml").unlink()
    result = modelpick("catalog", "validate", catalog_copy)
    assert result.returncode == 1
    assert "policy.yaml: error[yaml] " in result.stdout
