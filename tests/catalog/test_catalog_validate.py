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
    if at is None and not new.strip():  # a deletion: the line it was on
        return text.count("\n", 0, start) + 1
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
    also: tuple[tuple[str, str, str], ...] = ()  # (file, old, new) changes made first


def line_in(path: Path, text: str) -> int:
    content = path.read_text(encoding="utf-8")
    assert text in content
    return content.count("\n", 0, content.find(text)) + 1


MISTRAL_SHAPE = (
    "    shape:\n      layers: 40\n      attention_heads: 32\n      kv_heads: 8\n"
    "      head_dim: 128\n      attention: gqa\n      native_precision: bf16\n"
    "      sources: [throughput-estimate]\n"
)

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
    "self-hosting-pick-without-shape": Case(
        "policy-modes",
        "models.yaml",
        MISTRAL_SHAPE,
        "",
        "      default: [qwen3, llama-4-scout, mistral-small-3.2",
        "picked for self-hosting but cannot be sized: the catalog records no architecture",
        at_file="policy.yaml",
    ),
    "self-hosting-pick-without-parameters": Case(
        "policy-modes",
        "models.yaml",
        "      total_b: 235\n",
        "      total_b: null\n",
        "      default: [qwen3,",
        "cannot be sized: its parameter counts are unknown",
        at_file="policy.yaml",
    ),
    # -- shapes
    "open-model-without-shape": Case(
        "shapes",
        "models.yaml",
        "    availability: not_released\n",
        "    availability: released\n",
        "- id: llama-4-behemoth",
        "has no shape: it cannot be sized",
        warning=True,
        also=(
            (
                "providers.yaml",
                "prices:\n",
                "prices:\n  - model: llama-4-behemoth\n    provider: together\n"
                "    input_per_mtok: 2.0\n    output_per_mtok: 6.0\n    as_of: 2026-10-20\n"
                "    sources: [litellm-prices]\n",
            ),
        ),
    ),
    "shape-for-closed": Case(
        "shapes",
        "models.yaml",
        "    context_tokens: 400000\n",
        "    context_tokens: 400000\n    shape:\n      layers: 10\n      attention_heads: 8\n"
        "      kv_heads: 8\n      head_dim: 128\n      attention: gqa\n"
        "      native_precision: bf16\n      sources: [throughput-estimate]\n",
        "shape:",
        "has closed weights; it cannot have a shape",
    ),
    "active-experts-over-total": Case(
        "shapes",
        "models.yaml",
        "experts: {total: 128, active: 8}",
        "experts: {total: 128, active: 256}",
        message="256 active experts exceed 128 in total",
    ),
    "kv-heads-over-heads": Case(
        "shapes",
        "models.yaml",
        "      kv_heads: 4\n",
        "      kv_heads: 65\n",
        message="65 KV heads exceed 64 attention heads",
    ),
    "gqa-without-kv-heads": Case(
        "shapes",
        "models.yaml",
        "      kv_heads: 4\n",
        "      kv_heads: null\n",
        message="gqa attention needs its KV head count",
    ),
    "mla-without-latent": Case(
        "shapes",
        "models.yaml",
        "      attention: mla\n      mla: {kv_lora_rank: 512, qk_rope_head_dim: 64}\n",
        "      attention: mla\n",
        "    shape:\n      layers: 61\n",  # the block the latent sizes are missing from
        "attention is mla but the latent sizes are missing",
        at_file="models.yaml",
    ),
    "windows-over-layers": Case(
        "shapes",
        "models.yaml",
        "tokens: 8192, layers: 36}]",
        "tokens: 8192, layers: 49}]",
        message="windows cover 49 layers but the model has 48",
    ),
    "dense-with-experts": Case(
        "shapes",
        "models.yaml",
        "    architecture: moe\n    context_tokens: 131072\n",
        "    architecture: dense\n    context_tokens: 131072\n",
        "experts: {total: 128",
        "a dense model has no experts",
    ),
    "precision-without-bytes": Case(
        "shapes",
        "policy.yaml",
        ", int4: 0.52}",
        "}",
        "bytes_per_param",
        "no bytes_per_param for 'int4'",
    ),
    # -- gpus
    "native-fp8-without-tflops": Case(
        "gpus",
        "hardware.yaml",
        "dense_tflops: {bf16: 989.4, fp8: 1978.9}",
        "dense_tflops: {bf16: 989.4}",
        "native_precisions",
        "runs fp8 natively but gives no fp8 TFLOPS",
    ),
    "no-bf16-tflops": Case(
        "gpus",
        "hardware.yaml",
        "dense_tflops: {bf16: 989.4, fp8: 1978.9}",
        "dense_tflops: {fp8: 1978.9}",
        message="gives no dense bf16 TFLOPS",
    ),
    "no-tflops-at-all": Case(  # a benchmark runs on it: the fit check must not size it
        "gpus",
        "hardware.yaml",
        "dense_tflops: {bf16: 989.4, fp8: 1978.9}",
        "dense_tflops: {}",
        message="gives no dense bf16 TFLOPS",
    ),
    # -- benchmarks
    "benchmark-unknown-gpu": Case(
        "references",
        "benchmarks.yaml",
        "    gpu: h100-80gb\n",
        "    gpu: h100-80g\n",
        message="unknown GPU 'h100-80g', did you mean 'h100-80gb'?",
    ),
    "benchmark-unknown-model": Case(
        "references",
        "benchmarks.yaml",
        "    model: qwen3\n",
        "    model: qwen33\n",
        message="unknown model 'qwen33'",
    ),
    "benchmark-for-not-released": Case(
        "benchmarks",
        "benchmarks.yaml",
        "    model: qwen3\n",
        "    model: llama-4-behemoth\n",
        message="cannot be sized: its weights are not released",
    ),
    "benchmark-for-closed": Case(
        "benchmarks",
        "benchmarks.yaml",
        "    model: qwen3\n",
        "    model: gpt-5\n",
        message="cannot be sized: its weights are closed",
    ),
    "benchmark-without-total-params": Case(
        "benchmarks",
        "models.yaml",
        "      total_b: 235\n",
        "      total_b: null\n",
        "    model: qwen3",
        "cannot be sized: its parameter counts are unknown",
        at_file="benchmarks.yaml",
    ),
    "benchmark-measures-nothing": Case(
        "benchmarks",
        "benchmarks.yaml",
        "measured: {output_tokens_per_s: 8000.0}",
        "measured: {}",
        message="no measured figure is given",
    ),
    "online-benchmark-without-concurrency": Case(
        "benchmarks",
        "benchmarks.yaml",
        "    scenario: offline\n",
        "    scenario: online\n",
        "- id: example-qwen3-8xh100-fp8",
        "an online measurement needs its concurrency",
    ),
    "benchmark-precision-without-checkpoint": Case(
        "benchmarks",
        "benchmarks.yaml",
        "    precision: fp8\n",
        "    precision: int4\n",
        message="'qwen3' lists no int4 checkpoint",
        warning=True,
    ),
    "benchmark-outside-the-band": Case(
        "fit",
        "benchmarks.yaml",
        "measured: {output_tokens_per_s: 8000.0}",
        "measured: {output_tokens_per_s: 80000.0}",
        message="x the measured 80,000, outside 0.67-1.5x",
        warning=True,
    ),
    "benchmark-does-not-fit": Case(
        "fit",
        "benchmarks.yaml",
        "    gpus: 8\n",
        "    gpus: 1\n",
        "- id: example-qwen3-8xh100-fp8",
        "the measured configuration does not fit",
        warning=True,
    ),
    # -- checkpoints
    "checkpoint-size-far-from-estimate": Case(
        "checkpoints",
        "models.yaml",
        "repo: example/llama-4-scout-int4}",
        "repo: example/llama-4-scout-int4, size_gb: 10.0}",
        "checkpoints:",
        "is 5.67x the published 10 GB (example/llama-4-scout-int4)",
        warning=True,
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
        "models.yaml",
        "    availability: not_released\n",
        "    availability: released\n",
        "- id: llama-4-behemoth",
        "open-weight model 'llama-4-behemoth' has no price",
    ),
    "missing-price-closed": Case(
        "prices",
        "providers.yaml",
        "  - model: gpt-5\n    provider: openai",
        "  - model: claude-opus-4.7\n    provider: openai",
        "- id: gpt-5",
        "closed-weights model 'gpt-5' has no price",
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
    "zero-bandwidth": Case(
        "numbers",
        "hardware.yaml",
        "    bandwidth_gb_s: 3350",
        "    bandwidth_gb_s: 0",
        message="out of range: must be at least 1",
    ),
    "usable-share-over-one": Case(
        "numbers",
        "hardware.yaml",
        "    usable_share: 0.9",
        "    usable_share: 1.5",
        message="out of range: must be at most 1",
    ),
    "zero-gpu-price": Case(
        "numbers",
        "hardware.yaml",
        "usd_per_hour: 2.5,",
        "usd_per_hour: 0.0,",
        message="out of range: must be at least 0.01",
    ),
    "reserved-term-over-five-years": Case(
        "numbers",
        "hardware.yaml",
        "term_months: 12,",
        "term_months: 61,",
        message="at most 60",
    ),
    "zero-throughput": Case(
        "numbers",
        "benchmarks.yaml",
        "measured: {output_tokens_per_s: 8000.0}",
        "measured: {output_tokens_per_s: 0.0}",
        message="out of range: must be at least 0.01",
    ),
    "nan-throughput": Case(
        "numbers",
        "benchmarks.yaml",
        "measured: {output_tokens_per_s: 8000.0}",
        "measured: {output_tokens_per_s: .nan}",
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
        "benchmarks.yaml",
        "    gpus: 8\n",
        "    gpus: 4096\n",
        message="out of range: must be at most 1,024",
    ),
    "utilization-over-one": Case(
        "numbers",
        "policy.yaml",
        "    peak_utilization: 0.8",
        "    peak_utilization: 1.5",
        message="out of range: must be at most 1",
    ),
    "margin-over-one": Case(
        "numbers",
        "policy.yaml",
        "  self_hosting_margin: 0.15",
        "  self_hosting_margin: 1.5",
        message="out of range: must be at most 1",
    ),
    "no-gpus-per-engineer": Case(
        "numbers",
        "policy.yaml",
        "    gpus_per_engineer: 64",
        "    gpus_per_engineer: 0",
        message="out of range: must be at least 1",
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
        "int4: 0.52}",
        "int4: 0.0}",
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
        "schema_version: 3",
        "schema_version: 99",
        message="schema_version 99",
    ),
    "gpu-price-in-future": Case(
        "dates",
        "hardware.yaml",
        "usd_per_hour: 2.5, as_of: 2026-10-20,",
        "usd_per_hour: 2.5, as_of: 2099-10-20,",
        "as_of: 2099-10-20",
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
    for file, old, new in case.also:
        mutate(catalog_copy, file, old, new)
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
    (catalog_copy / "footprints.yaml").write_text("footprints: []\n", encoding="utf-8")
    (catalog_copy / "providers.yml").write_text("providers: []\n", encoding="utf-8")
    (catalog_copy / "old").mkdir()
    for ignored in (".DS_Store", "README.md", "readme.txt", "README", "models.schema.json"):
        (catalog_copy / ignored).write_text("{}\n", encoding="utf-8")
    (catalog_copy / ".git").mkdir()
    result = modelpick("catalog", "validate", catalog_copy, "--format", "json")
    assert result.returncode == 0, result.stdout  # warnings only
    report = json.loads(result.stdout)
    found = _file_findings(report)
    assert set(found) == {"footprints.yaml", "old", "providers.yml"}
    assert len(report["findings"]) == 3
    for name, finding in found.items():
        assert finding["file"] == str(catalog_copy / name)
        assert finding["severity"] == "warning"
        assert (finding["line"], finding["key"]) == (None, None)
    assert "did you mean 'providers.yaml'?" in found["providers.yml"]["message"]
    strict = modelpick("catalog", "validate", catalog_copy, "--strict")
    assert strict.returncode == 1
    assert f"{catalog_copy / 'footprints.yaml'}: warning[files] " in strict.stdout


def test_unknown_files_are_reported_when_a_file_does_not_parse(
    catalog_copy: Path, modelpick: Run
) -> None:
    (catalog_copy / "policy.yaml").rename(catalog_copy / "policy.yaml.bak")
    result = modelpick("catalog", "validate", catalog_copy, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert {f["check"] for f in report["findings"]} == {"yaml", "files"}
    assert set(_file_findings(report)) == {"policy.yaml.bak"}


def test_an_open_model_that_can_be_sized_needs_no_price(catalog_copy: Path) -> None:
    """Self-hosting needs a shape, not a price: only the API pick of it is an error."""
    from modelpick.catalog.checks import validate_directory

    mutate(
        catalog_copy,
        "providers.yaml",
        "  - model: mistral-small-3.2\n    provider: mistral",
        "  - model: qwen3\n    provider: mistral",
    )
    findings = validate_directory(catalog_copy).findings
    assert not [f for f in findings if f.check == "prices"], findings
    assert [f.check for f in findings] == ["policy-modes", "policy-modes", "policy-modes"]
    assert all(
        "'mistral-small-3.2' is picked for hosted_open_weights_api" in f.message for f in findings
    )


def test_fixture_catalog_is_clean(catalog_min: Path, modelpick: Run) -> None:
    result = modelpick("catalog", "validate", catalog_min, "--strict")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1] == (
        "catalog 2026.11.1: 0 errors, 0 warnings (8 files, 7 models, 2 GPUs, 9 prices)"
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


NO_FP8_TFLOPS = "dense_tflops: {bf16: 989.4, fp8: 1978.9}"


def test_json_format(catalog_copy: Path, modelpick: Run) -> None:
    mutate(catalog_copy, "hardware.yaml", NO_FP8_TFLOPS, "dense_tflops: {bf16: 989.4}")
    result = modelpick("catalog", "validate", catalog_copy, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert set(report) == {"catalog_version", "valid", "errors", "warnings", "findings"}
    assert report["errors"] == len(report["findings"]) == 1
    finding = report["findings"][0]
    assert set(finding) == {"check", "severity", "file", "line", "column", "key", "message"}
    assert finding["key"] == "gpus[0].native_precisions[1]"


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
    line = mutate(
        catalog_copy, "hardware.yaml", NO_FP8_TFLOPS, "dense_tflops: {bf16: 989.4}", "native_"
    )
    mutate(catalog_copy, "providers.yaml", "    input_per_mtok: 1.25", "    input_per_mtok: 0")
    result = modelpick("catalog", "validate", catalog_copy, "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    hw = str(catalog_copy / "hardware.yaml").replace(":", "%3A").replace(",", "%2C")
    assert lines[0].startswith(
        f"::error file={hw},line={line},col=31,title=modelpick gpus::"
        "gpus[0].native_precisions[1]: 'h100-80gb' runs fp8 natively but gives no fp8 TFLOPS"
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
