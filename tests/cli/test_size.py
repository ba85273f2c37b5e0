"""`modelpick size` and `catalog benchmarks` through the installed entry point."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable

Run = Callable[..., subprocess.CompletedProcess[str]]

SIZE_KEYS = {
    "model", "gpu", "gpus", "precision", "context_tokens", "fits", "memory",
    "kv_bytes_per_token", "max_concurrency", "throughput", "replicas", "monthly_cost_usd",
    "configurations",
}
MEMORY_KEYS = {"weights_gb", "kv_cache_gb", "runtime_gb", "required_gb", "usable_gb"}
THROUGHPUT_KEYS = {
    "prefill_tokens_per_s", "decode_tokens_per_s", "output_tokens_per_s", "total_tokens_per_s",
    "estimate", "basis",
}


def test_size_json_keeps_the_contract(modelpick: Run) -> None:
    out = modelpick("size", "qwen3-32b", "--gpu", "h100-80gb", "--precision", "fp8",
                    "--input-tokens", "1000", "--output-tokens", "1000",
                    "--monthly-tokens", "5000000000", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= SIZE_KEYS
    assert set(data["memory"]) >= MEMORY_KEYS
    assert set(data["throughput"]) >= THROUGHPUT_KEYS
    assert (data["model"], data["gpu"], data["gpus"], data["precision"]) == (
        "qwen3-32b", "h100-80gb", 1, "fp8")
    assert data["fits"] is True
    mem = data["memory"]
    assert mem["required_gb"] == (
        mem["weights_gb"] + mem["kv_cache_gb"] + mem["runtime_gb"]
    ) or abs(mem["required_gb"] - mem["weights_gb"] - mem["kv_cache_gb"] - mem["runtime_gb"]) < 1e-6
    tp = data["throughput"]
    assert abs(tp["total_tokens_per_s"] - 2 * tp["output_tokens_per_s"]) < 1e-6 * tp[
        "total_tokens_per_s"]
    assert data["replicas"] >= 1 and data["monthly_cost_usd"] > 0


def test_a_verdict_that_does_not_fit_is_still_an_answer(modelpick: Run) -> None:
    out = modelpick("size", "llama-4-scout", "--gpu", "h100-80gb", "--gpus", "1",
                    "--precision", "int4", "--context", "2000000", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["fits"] is False and data["throughput"] is None
    assert "2,000,000" in data["reason"]


def test_without_a_gpu_the_cheapest_fitting_configurations_are_listed(modelpick: Run) -> None:
    out = modelpick("size", "deepseek-r1", "--monthly-tokens", "2000000000", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    configs = data["configurations"]
    assert configs and all(c["fits"] for c in configs)
    costs = [c["monthly_cost_usd"] for c in configs]
    assert costs == sorted(costs)
    assert (data["gpu"], data["gpus"]) == (configs[0]["gpu"], configs[0]["gpus"])


def test_nothing_fits_is_exit_3(modelpick: Run) -> None:
    out = modelpick("size", "kimi-k2", "--gpus", "1", "--precision", "bf16")
    assert out.returncode == 3
    assert "No GPU configuration" in out.stdout


def test_text_output_shows_the_arithmetic(modelpick: Run) -> None:
    out = modelpick("size", "llama-3.3-70b", "--gpu", "h200-141gb", "--precision", "fp8",
                    "--context", "32768", "--monthly-tokens", "1000000000")
    assert out.returncode == 0, out.stderr
    for part in ("weights:", "KV cache:", "runtime:", "required:", "max concurrency:",
                 "prefill:", "decode:", "blended", "replica(s)", "Fit:"):
        assert part in out.stdout


def test_bad_model_and_gpu_are_exit_2(modelpick: Run) -> None:
    unknown = modelpick("size", "qwen9")
    assert unknown.returncode == 2 and "unknown model 'qwen9'" in unknown.stderr
    closed = modelpick("size", "gpt-5")
    assert closed.returncode == 2 and "weights are closed" in closed.stderr
    gpu = modelpick("size", "qwen3-32b", "--gpu", "h100")
    assert gpu.returncode == 2 and "unknown GPU 'h100'" in gpu.stderr
    assert "Traceback" not in unknown.stderr + closed.stderr + gpu.stderr


def test_catalog_benchmarks_prints_every_ratio(modelpick: Run) -> None:
    out = modelpick("catalog", "benchmarks", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    rows = data["benchmarks"]
    assert len(rows) >= 15
    assert all(r["ratio"] is not None and r["verdict"] == "ok" for r in rows)
    text = modelpick("catalog", "benchmarks")
    assert text.returncode == 0
    assert "within the band" in text.stdout


def test_a_context_shorter_than_one_request_is_exit_2(modelpick: Run) -> None:
    out = modelpick("size", "qwen3-32b", "--context", "1000", "--input-tokens", "2000")
    assert out.returncode == 2
    assert "--context" in out.stderr and "Traceback" not in out.stderr
