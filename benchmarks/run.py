"""Measure modelpick's speed and memory against issue 17's targets; print, never assert.

    python benchmarks/run.py [--runs 9] [--quick]

Generates synthetic catalogs (10,000 and 20,000 models, made by renaming copies of the shipped
catalog's models with their prices) and a 1,000-workload portfolio in a temporary directory,
then runs each command several times after a warm-up, interleaved with the eager-import
baseline, and prints the median wall time, the ratio to the baseline's median, the median CPU
time (user + system: what the machine's other load does not inflate), the peak memory (max RSS
of the process) and whether each target is met (on the wall-clock medians).

A user's catalog is cached on first use: "warm" runs find the cache entry (made by the
warm-up), "cold" runs each start from an empty cache directory of their own.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "catalog"
BASELINE = [sys.executable, "-c", "import typer, rich.console, pydantic, yaml, jinja2, questionary"]
MIB = 1024 * 1024
MIN_RUNS = 9


@dataclass(frozen=True)
class Case:
    name: str
    argv: list[str]
    target_ratio: float | None = None
    target_seconds: float | None = None
    target_mib: float | None = None
    expect: tuple[int, ...] = (0,)
    cold_cache: bool = False
    """Each run gets an empty cache directory of its own (the first use of a catalog)."""


@dataclass(frozen=True)
class Sample:
    seconds: float
    cpu_seconds: float
    max_rss_bytes: int
    code: int


@dataclass
class Result:
    case: Case
    seconds: float
    baseline: float
    peak_mib: float
    cpu_seconds: float
    codes: set[int] = field(default_factory=set)


def run_once(argv: list[str], env: dict[str, str] | None = None) -> Sample:
    """Run a command, returning its wall time, peak RSS and exit code."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Sample(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024,
                  proc.returncode)


def synthetic_catalog(target: Path, models: int) -> Path:
    """The shipped catalog with its models (and their prices) copied under new ids."""
    shutil.copytree(CATALOG, target)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        def ignore_aliases(self, data: object) -> bool:
            return True  # written out in full, as a person would: no anchors

    model_doc = yaml.load((CATALOG / "models.yaml").read_text(), Loader=loader)
    providers = yaml.load((CATALOG / "providers.yaml").read_text(), Loader=loader)
    base = model_doc["models"]
    by_model: dict[str, list[dict[str, object]]] = {}
    for price in providers["prices"]:
        by_model.setdefault(price["model"], []).append(price)
    copies = max(0, -(-(models - len(base)) // len(base)))
    out_models, out_prices = list(base), list(providers["prices"])
    for n in range(copies):
        for m in base:
            if len(out_models) >= models:
                break
            new_id = f"{m['id']}-x{n}"
            # A copy is its own model, with every fact but the prose (notes, disputes): the
            # shipped entries carry a page of it each, which would put 20,000 models past the
            # loader's 32 MiB a file. Keys into other files stay with the original.
            copy = _without(m, ("note", "disagreements", "litellm_key"))
            out_models.append({**copy, "id": new_id})
            out_prices += [
                {**_without(p, ("note", "litellm_key", "models_dev_key")), "model": new_id}
                for p in by_model.get(m["id"], [])
            ]
    (target / "models.yaml").write_text(
        yaml.dump({"models": out_models}, Dumper=Dumper, sort_keys=False)
    )
    (target / "providers.yaml").write_text(
        yaml.dump({**providers, "prices": out_prices}, Dumper=Dumper, sort_keys=False)
    )
    return target


def _without(entry: dict[str, object], keys: tuple[str, ...]) -> dict[str, object]:
    """`entry` without `keys`, at every depth (a shape's note, a checkpoint's note)."""
    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in keys}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    out = strip(entry)
    assert isinstance(out, dict)
    return out


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


def compile_package() -> None:
    """Compile modelpick's modules once, as an installed wheel has them: runs under
    PYTHONDONTWRITEBYTECODE would otherwise compile every new module on every start."""
    where = "import modelpick, os; print(os.path.dirname(modelpick.__file__))"
    probe = [sys.executable, "-c", where]
    package = subprocess.run(probe, capture_output=True, text=True, check=True).stdout.strip()
    compileall.compile_dir(package, quiet=1)


def verdict_of(case: Case, seconds: float, ratio: float, peak: float) -> tuple[str, bool]:
    """The case's target, as printed, and whether it is met."""
    targets: list[tuple[str, bool]] = []
    if case.target_ratio is not None:
        targets.append((f"<={case.target_ratio:g}x", ratio <= case.target_ratio))
    if case.target_seconds is not None:
        targets.append((f"<{case.target_seconds:g}s", seconds < case.target_seconds))
    if case.target_mib is not None:
        targets.append((f"<{case.target_mib:g}MiB", peak < case.target_mib))
    if not targets:
        return "-", True
    return " ".join(t for t, _ in targets), all(ok for _, ok in targets)


def measure(cases: list[Case], runs: int, cache_root: Path) -> dict[str, Result]:
    """Warm up, then interleave each case with the baseline; print the table."""
    results: dict[str, Result] = {}
    print(f"{'command':<44} {'median s':>9} {'baseline':>9} {'ratio':>6} {'cpu s':>6} "
          f"{'peak MiB':>9} {'target':>16}  verdict")
    warm_env = {**os.environ, "XDG_CACHE_HOME": str(cache_root / "warm")}
    fresh = iter(range(10**9))

    def env_for(case: Case) -> dict[str, str]:
        if case.cold_cache:
            return {**os.environ, "XDG_CACHE_HOME": str(cache_root / f"cold-{next(fresh)}")}
        return warm_env

    for case in cases:
        run_once(BASELINE)  # warm-up: page cache, .pyc files, and the warm cache entry
        run_once(case.argv, env_for(case))
        ours: list[Sample] = []
        base: list[Sample] = []
        for _ in range(runs):
            base.append(run_once(BASELINE))
            ours.append(run_once(case.argv, env_for(case)))
        med = statistics.median(s.seconds for s in ours)
        med_base = statistics.median(s.seconds for s in base)
        peak = max(s.max_rss_bytes for s in ours) / MIB
        cpu = statistics.median(s.cpu_seconds for s in ours)
        codes = {s.code for s in ours}
        result = results[case.name] = Result(case, med, med_base, peak, cpu, codes)
        ratio = med / med_base
        target, ok = verdict_of(case, med, ratio, peak)
        bad_exit = not codes <= set(case.expect)
        verdict = "met" if ok and not bad_exit else "MISSED"
        if bad_exit:
            verdict += f" (exit {sorted(codes)})"
        print(f"{case.name:<44} {result.seconds:>9.3f} {med_base:>9.3f} {ratio:>6.2f} "
              f"{cpu:>6.3f} {peak:>9.1f} {target:>16}  {verdict}", flush=True)
    return results


SCALED = ("catalog validate", "advise json, warm cache", "advise json, cold cache")
"""Commands run on both generated catalogs, whose 20k/10k ratio has a target."""


def main() -> None:
    """Build the inputs, run the cases, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=MIN_RUNS,
                        help=f"timed runs per command (at least {MIN_RUNS} for the verdicts)")
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
    compile_package()
    with tempfile.TemporaryDirectory(prefix="modelpick-bench-") as tmp:
        work = Path(tmp)
        answers = work / "answers.yaml"
        answers.write_text(
            "workload: Support-ticket triage\ncost_dominant: true\ntask: classification\n"
            "monthly_tokens: 2000000000\nexcluded_origins: [CN]\n"
        )
        advise = [exe, "advise", "--answers", str(answers)]
        cases = [
            Case("modelpick --version", [exe, "--version"], target_ratio=0.2),
            Case("advise --format json", [*advise, "--format", "json"],
                 target_ratio=0.65, target_mib=40),
            Case("advise --format markdown", [*advise, "--format", "markdown"],
                 target_ratio=0.9),
            Case("catalog validate", [exe, "catalog", "validate"], target_ratio=0.8),
        ]
        if not args.quick:
            print("generating synthetic catalogs and portfolio...", flush=True)
            subprocess.run([sys.executable, __file__, "--generate", str(work)], check=True)
            folio = work / "portfolio.yaml"
            for size, label in ((10_000, "10k"), (20_000, "20k")):
                big = str(work / f"c{label}")
                first = size == 10_000
                cases += [
                    Case(f"catalog validate ({label} models)",
                         [exe, "catalog", "validate", big],
                         target_seconds=2.0 if first else None, expect=(0, 1)),
                    Case(f"advise json, warm cache ({label} models)",
                         [*advise, "--catalog", big, "--format", "json"],
                         target_seconds=0.5 if first else None,
                         target_mib=150 if first else None),
                    Case(f"advise json, cold cache ({label} models)",
                         [*advise, "--catalog", big, "--format", "json"],
                         target_seconds=2.5 if first else None, cold_cache=True),
                ]
            cases.append(Case("portfolio, 1,000 workloads (json; issue 7)",
                              [exe, "portfolio", str(folio), "--format", "json"],
                              target_seconds=5.0))
        results = measure(cases, max(args.runs, 1), work / "cache")
        for what in SCALED:
            small = results.get(f"{what} (10k models)")
            big = results.get(f"{what} (20k models)")
            if small and big:
                ratio = big.seconds / small.seconds
                ran = small.codes <= set(small.case.expect) and big.codes <= set(big.case.expect)
                verdict = "met" if ratio <= 2.2 and ran else "MISSED"
                print(f"{what + ': 20k / 10k models':<44} {ratio:>9.2f}x "
                      f"{'':>40} {'<=2.2x':>16}  {verdict}")
        if args.runs < MIN_RUNS:
            print(f"(fewer than {MIN_RUNS} runs: the verdicts are indicative only)")
        print("targets: issue 17 (fast extra installed: "
              f"{'yes' if _has_fast_reader() else 'no'})")


def _has_fast_reader() -> bool:
    probe = [sys.executable, "-c", "import ryaml"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


if __name__ == "__main__":
    main()
