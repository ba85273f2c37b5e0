"""Time `modelpick portfolio` on a generated 1,000-workload estate against the shipped catalog.

Usage: python benchmarks/portfolio_scale.py [--workloads N] [--repeat R] [--format json]

Prints the wall-clock time of the installed entry point (cold start included), best of R runs.
Workloads vary every answer the tree reads, with a fixed seed so runs are comparable.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

TASKS = [
    "general", "chat", "rag", "classification", "extraction", "summarization", "code",
    "agentic_coding", "tool_use", "reasoning", "long_context", "multimodal", "realtime_voice",
]


def workload(rng: random.Random, index: int) -> dict[str, object]:
    """One workload with varied answers."""
    entry: dict[str, object] = {
        "workload": f"workload {index:05d}",
        "data_must_stay_in_vpc": rng.random() < 0.15,
        "frontier_required": rng.random() < 0.2,
        "cost_dominant": rng.random() < 0.4,
        "license_must_be_permissive": rng.random() < 0.3,
        "has_inference_ops": rng.random() < 0.4,
        "task": rng.choice(TASKS),
        "monthly_tokens": int(10 ** rng.uniform(6, 12)),
        "input_share": round(rng.uniform(0.3, 0.95), 2),
    }
    if rng.random() < 0.2:
        entry["excluded_origins"] = ["CN"]
    if rng.random() < 0.2:
        entry["deployment_region"] = rng.choice(["EU", "US", "DE"])
    if rng.random() < 0.1:
        entry["min_context_tokens"] = rng.choice([32_000, 128_000, 1_000_000])
    return entry


def main() -> int:
    """Generate, run, print the figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workloads", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--format", default="json", choices=["json", "markdown", "text"])
    args = parser.parse_args()
    exe = shutil.which("modelpick")
    if exe is None:
        print("modelpick is not installed (pip install -e .)", file=sys.stderr)
        return 1
    rng = random.Random(5)
    estate = {
        "defaults": {"input_share": 0.75},
        "workloads": [workload(rng, i) for i in range(args.workloads)],
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "estate.yaml"
        path.write_text(yaml.safe_dump(estate, sort_keys=False))
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            done = subprocess.run(
                [exe, "portfolio", str(path), "--format", args.format],
                capture_output=True, text=True, check=False,
            )
            times.append(time.perf_counter() - start)
            if done.returncode not in (0, 3):
                print(done.stderr, file=sys.stderr)
                return 1
    routed = None
    if args.format == "json":
        import json

        routed = sum(1 for r in json.loads(done.stdout)["routing"] if r["model"] is not None)
    print(
        f"modelpick portfolio: {args.workloads:,} workloads, --format {args.format}: "
        f"best {min(times):.2f}s, worst {max(times):.2f}s over {args.repeat} runs"
        + (f" ({routed:,} routed)" if routed is not None else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
