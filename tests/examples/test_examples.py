"""Every example in examples/ through the installed program, against the shipped catalog.

The expected mode and model come from what the articles in shared/sources say about each
workload (each example file cites its passage), not from what the engine happens to print.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent.parent.parent / "examples"

EXPECTED = {
    # 004: "DeepSeek V4 Flash is the typical default for cost-sensitive default-pick workloads"
    "support-ticket-triage.yaml": ("hosted_open_weights_api", "deepseek-v4-flash"),
    # 001: "Closed API or hosted open"; 004: "Start with a hosted open-weight model (Qwen 3 ...)"
    "sales-email-drafting.yaml": ("hosted_open_weights_api", "qwen3"),
    # 004: "Claude Opus 4.7 has been the standard for multi-file coding agents"
    "coding-assistant.yaml": ("closed_frontier_api", "claude-opus-4.7"),
    # 001: "Closed API (OpenAI Realtime is dominant)"
    "voice-agent.yaml": ("closed_frontier_api", "gpt-realtime"),
    # 001: "Open self-hosted with HIPAA-compliant infrastructure"; 004: "Pick Qwen 3 ..."
    "healthcare-onprem.yaml": ("self_hosted_open_weights", "qwen3"),
    # 004 FAQ: "For general-purpose chat and RAG: Qwen 3."
    "rag-chatbot.yaml": ("hosted_open_weights_api", "qwen3"),
    # 004 FAQ: "For long-context work (10M+ tokens): Llama 4 Scout."
    "repo-analysis.yaml": ("hosted_open_weights_api", "llama-4-scout"),
}


def _modelpick() -> str:
    exe = shutil.which("modelpick")
    if exe is None:
        pytest.fail("the modelpick entry point is not installed (pip install -e .)")
    return exe


def test_every_example_has_an_expectation() -> None:
    files = {p.name for p in EXAMPLES.glob("*.yaml")} - {"portfolio.yaml"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_example(name: str, expected: tuple[str, str]) -> None:
    done = subprocess.run(
        [_modelpick(), "advise", "--answers", str(EXAMPLES / name), "--format", "json",
         "--no-input"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["deployment"], data["primary"]["model"]) == expected
    assert data["fallback"] is None
    text = (EXAMPLES / name).read_text()
    assert text.startswith("#") and ".txt" in text


def test_portfolio_example_routes_like_the_single_examples() -> None:
    done = subprocess.run(
        [_modelpick(), "portfolio", str(EXAMPLES / "portfolio.yaml"), "--format", "json"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    routes = {r["workload"]: (r["mode"], r["model"]) for r in data["routing"]}
    for name, expected in EXPECTED.items():
        workload = _workload_name(EXAMPLES / name)
        assert routes[workload] == expected, workload
    assert data["errors"] == []
    assert data["consolidation"] and data["consolidation"][0]["model"] == "qwen3"


def _workload_name(path: Path) -> str:
    for line in path.read_text().splitlines():
        if line.startswith("workload:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"{path} has no workload name")
