"""Measure modelpick's speed and memory against issue 7's targets; print, never assert.

    python benchmarks/run.py [--runs 7] [--quick]

Generates synthetic catalogs (10,000 and 20,000 models, made by renaming copies of the shipped
catalog's models with their footprints and prices) and a 1,000-workload portfolio in a
temporary directory, then runs each command several times after a warm-up, interleaved with
the eager-import baseline, and prints the median wall time, the ratio to the baseline and the
peak memory (max RSS of the process).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "catalog"
BASELINE = [sys.executable, "-c", "import typer, rich.console, pydantic, yaml, jinja2, questionary"]
MIB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    name: str
    argv: list[str]
    target_ratio: float | None = None
    target_seconds: float | None = None
    expect: tuple[int, ...] = (0,)


@dataclass(frozen=True)
class Sample:
    seconds: float
    max_rss_bytes: int
    code: int


def run_once(argv: list[str]) -> Sample:
    """Run a command, returning its wall time, peak RSS and exit code."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Sample(elapsed, usage.ru_maxrss * 1024, proc.returncode)


def synthetic_catalog(target: Path, models: int) -> Path:
    """The shipped catalog with its models copied under new ids until there are `models`."""
    shutil.copytree(CATALOG, target)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        def ignore_aliases(self, data: object) -> bool:
            return True  # written out in full, as a person would: no anchors

    dumper = Dumper
    model_doc = yaml.load((CATALOG / "models.yaml").read_text(), Loader=loader)
    hardware = yaml.load((CATALOG / "hardware.yaml").read_text(), Loader=loader)
    providers = yaml.load((CATALOG / "providers.yaml").read_text(), Loader=loader)
    base = model_doc["models"]
    copies = max(0, -(-(models - len(base)) // len(base)))
    out_models, out_fps, out_prices = list(base), list(hardware["footprints"]), list(
        providers["prices"]
    )
    for n in range(copies):
        for m in base:
            if len(out_models) >= models:
                break
            new_id = f"{m['id']}-x{n}"
            out_models.append({**m, "id": new_id, "disagreements": []})
            out_fps += [{**fp, "model": new_id} for fp in hardware["footprints"]
                        if fp["model"] == m["id"]]
            out_prices += [{**p, "model": new_id} for p in providers["prices"]
                           if p["model"] == m["id"]]
    (target / "models.yaml").write_text(
        yaml.dump({"models": out_models}, Dumper=dumper, sort_keys=False)
    )
    (target / "hardware.yaml").write_text(
        yaml.dump({**hardware, "footprints": out_fps}, Dumper=dumper, sort_keys=False)
    )
    (target / "providers.yaml").write_text(
        yaml.dump({**providers, "prices": out_prices}, Dumper=dumper, sort_keys=False)
    )
    return target


def portfolio_file(target: Path, workloads: int) -> Path:
    """A portfolio of varied workloads."""
    tasks = ["classification", "rag", "chat", "code", "agentic_coding", "summarization",
             "extraction", "long_context", "multimodal", "realtime_voice", "reasoning"]
    items = []
    for i in range(workloads):
        items.append({
            "workload": f"workload {i:04d}",
            "task": tasks[i % len(tasks)],
            "data_must_stay_in_vpc": i % 7 == 0,
            "frontier_required": i % 5 == 1,
            "cost_dominant": i % 3 == 2,
            "license_must_be_permissive": i % 4 == 3,
            "has_inference_ops": i % 2 == 0,
            "monthly_tokens": 10 ** (6 + i % 7),
            "excluded_origins": ["CN"] if i % 6 == 0 else [],
        })
    target.write_text(yaml.safe_dump({"defaults": {"input_share": 0.75}, "workloads": items}))
    return target


def modelpick_exe() -> str:
    """The modelpick installed beside this interpreter (this venv's), else the one on PATH."""
    beside = Path(sys.executable).parent / "modelpick"
    found = str(beside) if beside.exists() else shutil.which("modelpick")
    if found is None:
        sys.exit("modelpick is not installed in this environment")
    return found


def measure(cases: list[Case], runs: int) -> dict[str, float]:
    """Warm up, then interleave each case with the baseline; print the table."""
    medians: dict[str, float] = {}
    print(f"{'command':<46} {'median s':>9} {'baseline':>9} {'ratio':>6} {'target':>8} "
          f"{'peak MiB':>9}  verdict")
    for case in cases:
        for argv in (BASELINE, case.argv):
            run_once(argv)  # warm-up: page cache, .pyc files
        ours: list[Sample] = []
        base: list[Sample] = []
        for _ in range(runs):
            base.append(run_once(BASELINE))
            ours.append(run_once(case.argv))
        med = medians[case.name] = statistics.median(s.seconds for s in ours)
        med_base = statistics.median(s.seconds for s in base)
        ratio = med / med_base
        peak = max(s.max_rss_bytes for s in ours) / MIB
        codes = {s.code for s in ours}
        if case.target_ratio is not None:
            target, ok = f"<={case.target_ratio:g}x", ratio <= case.target_ratio
        elif case.target_seconds is not None:
            target, ok = f"<{case.target_seconds:g}s", med < case.target_seconds
        else:
            target, ok = "-", True
        if not codes <= set(case.expect):
            ok = False
        verdict = "met" if ok else "MISSED"
        if not codes <= set(case.expect):
            verdict += f" (exit {sorted(codes)})"
        print(f"{case.name:<46} {med:>9.3f} {med_base:>9.3f} {ratio:>6.2f} {target:>8} "
              f"{peak:>9.1f}  {verdict}")
    sys.stdout.flush()
    return medians


def main() -> None:
    """Build the inputs, run the cases, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command")
    parser.add_argument("--quick", action="store_true", help="skip the generated catalogs")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:  # run in a child, so that this process stays small (peak RSS of the
        # children is measured, and a forked child starts from its parent's size)
        synthetic_catalog(args.generate / "c10k", 10_000)
        synthetic_catalog(args.generate / "c20k", 20_000)
        portfolio_file(args.generate / "portfolio.yaml", 1_000)
        return
    exe = modelpick_exe()
    with tempfile.TemporaryDirectory(prefix="modelpick-bench-") as tmp:
        work = Path(tmp)
        answers = work / "answers.yaml"
        answers.write_text(
            "workload: Support-ticket triage\ncost_dominant: true\ntask: classification\n"
            "monthly_tokens: 2000000000\nexcluded_origins: [CN]\n"
        )
        cases = [
            Case("modelpick --version", [exe, "--version"], target_ratio=0.4),
            Case("advise --answers F --format json",
                 [exe, "advise", "--answers", str(answers), "--format", "json"],
                 target_ratio=0.6),
            Case("catalog validate", [exe, "catalog", "validate"], target_ratio=0.8),
            Case("advise --answers F --format markdown",
                 [exe, "advise", "--answers", str(answers), "--format", "markdown"],
                 target_ratio=0.9),
        ]
        if not args.quick:
            print("generating synthetic catalogs and portfolio...", flush=True)
            subprocess.run([sys.executable, __file__, "--generate", str(work)], check=True)
            big10, big20, folio = work / "c10k", work / "c20k", work / "portfolio.yaml"
            cases += [
                Case("catalog validate (10,000 models)",
                     [exe, "catalog", "validate", str(big10)], target_seconds=2.0, expect=(0, 1)),
                Case("advise json (10,000 models)",
                     [exe, "advise", "--catalog", str(big10), "--answers", str(answers),
                      "--format", "json"], target_seconds=1.0),
                Case("catalog validate (20,000 models)",
                     [exe, "catalog", "validate", str(big20)], expect=(0, 1)),
                Case("advise json (20,000 models)",
                     [exe, "advise", "--catalog", str(big20), "--answers", str(answers),
                      "--format", "json"]),
                Case("portfolio, 1,000 workloads (json)",
                     [exe, "portfolio", str(folio), "--format", "json"], target_seconds=5.0),
            ]
        medians = measure(cases, args.runs)
        for what in ("catalog validate", "advise json"):
            small = medians.get(f"{what} (10,000 models)")
            big = medians.get(f"{what} (20,000 models)")
            if small and big:
                verdict = "met" if big / small <= 2.2 else "MISSED"
                print(f"{what}: 20,000 models take {big / small:.2f}x the 10,000 figure "
                      f"(target <= 2.2x): {verdict}")
        print("targets: issue 7; peak memory of advise on the shipped catalog < 60 MiB")


if __name__ == "__main__":
    main()
