"""SIGTERM and SIGINT at random moments of long runs leave every file as it was, or complete.

Three long runs (a large portfolio with --report, `catalog validate` of a large catalog, and
`catalog import-prices` writing into one) each get SIGTERM and SIGINT at random delays once
the program has installed its handler. Whenever the signal lands, the run ends with 143
("modelpick: terminated") or 130 ("modelpick: interrupted") and that one line, no traceback,
no temporary file left anywhere, and every target either untouched or exactly what an
uninterrupted run writes; a signal that comes after the outcome is decided changes nothing.
The seed is MODELPICK_SIGNAL_SEED (default 143), so a failure can be replayed.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parent.parent.parent
CATALOG = ROOT / "tests" / "fixtures" / "catalog_min"
SEED = int(os.environ.get("MODELPICK_SIGNAL_SEED", "143"))
TASKS = ["chat", "rag", "classification", "extraction", "summarization", "code", "reasoning"]
EXPECTED = {signal.SIGTERM: (143, "modelpick: terminated"),
            signal.SIGINT: (130, "modelpick: interrupted")}


def _exe() -> str:
    exe = shutil.which("modelpick")
    assert exe is not None, "the modelpick entry point is not installed (pip install -e .)"
    return exe


def _dump(path: Path, data: Any) -> None:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump(data, Dumper=dumper, sort_keys=False), encoding="utf-8")


def _big_catalog(target: Path, copies: int) -> Path:
    """catalog_min with each model (its benchmarks and prices too) copied `copies` times."""
    shutil.copytree(CATALOG, target)
    load = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    models = yaml.load((CATALOG / "models.yaml").read_text(), Loader=load)
    benchmarks = yaml.load((CATALOG / "benchmarks.yaml").read_text(), Loader=load)
    providers = yaml.load((CATALOG / "providers.yaml").read_text(), Loader=load)
    out_models, out_benches, out_prices = [], [], []
    for n in range(copies):
        for model in models["models"]:
            new_id = model["id"] if n == 0 else f"{model['id']}-x{n}"
            out_models.append({**model, "id": new_id, "disagreements": []} if n else model)
            out_benches += [
                {**b, "model": new_id} if n == 0 else {**b, "id": f"{b['id']}-x{n}",
                                                       "model": new_id}
                for b in benchmarks["benchmarks"] if b["model"] == model["id"]
            ]
            out_prices += [{**p, "model": new_id} for p in providers["prices"]
                           if p["model"] == model["id"]]
    _dump(target / "models.yaml", {**models, "models": out_models})
    _dump(target / "benchmarks.yaml", {**benchmarks, "benchmarks": out_benches})
    _dump(target / "providers.yaml", {**providers, "prices": out_prices})
    return target


def _price_map(catalog: Path, path: Path) -> Path:
    """A LiteLLM-style map doubling every keyed price of the catalog."""
    import json

    prices = yaml.safe_load((catalog / "providers.yaml").read_text())["prices"]
    entries = {
        p["litellm_key"]: {"input_cost_per_token": p["input_per_mtok"] * 2e-6,
                           "output_cost_per_token": p["output_per_mtok"] * 2e-6}
        for p in prices if p.get("litellm_key")
    }
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def _estate(path: Path, workloads: int) -> Path:
    rng = random.Random(5)
    items = [
        {
            "workload": f"workload {i:04d}",
            "task": rng.choice(TASKS),
            "cost_dominant": rng.random() < 0.5,
            "has_inference_ops": rng.random() < 0.5,
            "license_must_be_permissive": rng.random() < 0.3,
            "monthly_tokens": int(10 ** rng.uniform(6, 11)),
        }
        for i in range(workloads)
    ]
    _dump(path, {"defaults": {"input_share": 0.75}, "workloads": items})
    return path


@dataclass(frozen=True)
class Scenario:
    name: str
    args: Callable[[Path], list[str]]
    """The command line, given the run's own work directory."""
    prepare: Callable[[Path], None]
    """Put the run's own copies of what it writes into the work directory."""
    watched: str
    """The directory (relative to work) whose files must end old or complete."""


@dataclass
class Outcome:
    done: subprocess.CompletedProcess[str] | None
    sent: int | None
    """The signal sent, or None if the run had finished first."""
    before: dict[str, bytes]
    after: dict[str, bytes]
    leftovers: list[str]
    seconds: float


def _files(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def _leftovers(work: Path) -> list[str]:
    temps = [str(p) for p in work.rglob(".*.tmp")]
    return temps + [str(p) for p in (work / "tmp").iterdir()]


def _handler_installed(pid: int) -> bool:
    """SIGTERM is caught: modelpick's entry point has taken over its signals."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True  # gone already
    mask = next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(mask, 16) & (1 << (signal.SIGTERM - 1)))


def _play(scenario: Scenario, work: Path, signum: int | None, delay: float) -> Outcome:
    (work / "tmp").mkdir(parents=True)
    scenario.prepare(work)
    watched = work / scenario.watched
    before = _files(watched)
    env = {**os.environ, "TMPDIR": str(work / "tmp"), "NO_COLOR": "1"}
    # stdout to a file: a full pipe would block the run, and the signal would land there.
    stdout = (work / "stdout").open("w+", encoding="utf-8")
    started = time.monotonic()
    proc = subprocess.Popen(
        [_exe(), *scenario.args(work)], cwd=work, env=env, stdin=subprocess.DEVNULL,
        stdout=stdout, stderr=subprocess.PIPE, text=True,
    )
    sent = None
    if signum is not None:
        deadline = time.monotonic() + 20
        while not _handler_installed(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signum)
            sent = signum
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return Outcome(None, sent, before, {}, [], 0.0)
    finally:
        stdout.seek(0)
        out = stdout.read()
        stdout.close()
    done = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    return Outcome(done, sent, before, _files(watched), _leftovers(work),
                   time.monotonic() - started)


def _portfolio_args(work: Path) -> list[str]:
    return ["portfolio", str(work.parent / "estate.yaml"), "--catalog", str(CATALOG),
            "--format", "json", "--report", "out/report.md"]


def _import_args(work: Path) -> list[str]:
    return ["catalog", "import-prices", str(work.parent / "prices.json"), "--catalog", "catalog",
            "--date", "2026-11-20"]


def _copy_big(work: Path) -> None:
    shutil.copytree(work.parent / "big", work / "catalog")


SCENARIOS = [
    Scenario("portfolio", _portfolio_args, lambda w: (w / "out").mkdir(), "out"),
    Scenario("validate", lambda w: ["catalog", "validate", str(w.parent / "bigger")],
             lambda w: None, "tmp"),
    Scenario("import-prices", _import_args, _copy_big, "catalog"),
]
RUNS_PER_SIGNAL = 2


def _plan() -> list[tuple[Scenario, int | None, float]]:
    """(scenario, signal, when): `when` is a share of the reference run's working time."""
    rng = random.Random(SEED)
    plan: list[tuple[Scenario, int | None, float]] = []
    for scenario in SCENARIOS:
        plan.append((scenario, None, 0.0))  # the reference: how long, and what it writes
        for signum in (signal.SIGTERM, signal.SIGINT):
            plan += [(scenario, signum, rng.uniform(0, 0.9)) for _ in range(RUNS_PER_SIGNAL)]
    return plan


PLAN = _plan()


def _id(entry: tuple[Scenario, int | None, float]) -> str:
    scenario, signum, when = entry
    name = "reference" if signum is None else signal.Signals(signum).name
    return f"{scenario.name}-{name}" + ("" if signum is None else f"-at-{when:.0%}")


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """The reference runs, then every signalled run, in private copies of the inputs.

    A delay is a share of its reference run's time on this machine, now: a slow or busy
    machine stretches both alike, so the signals still land while the runs work.
    """
    shared = tmp_path_factory.mktemp("signals")
    _estate(shared / "estate.yaml", 300)
    _big_catalog(shared / "big", 60)
    _big_catalog(shared / "bigger", 200)
    _price_map(shared / "big", shared / "prices.json")
    runs = list(enumerate(PLAN))
    with ThreadPoolExecutor(max_workers=len(SCENARIOS)) as pool:
        references = dict(pool.map(
            lambda run: (run[1][0].name, _play(run[1][0], shared / f"run{run[0]}", None, 0)),
            [run for run in runs if run[1][1] is None],
        ))

    def play(run: tuple[int, tuple[Scenario, int | None, float]]) -> tuple[str, Outcome]:
        index, (scenario, signum, when) = run
        delay = when * references[scenario.name].seconds
        return _id(run[1]), _play(scenario, shared / f"run{index}", signum, delay)

    with ThreadPoolExecutor(max_workers=4) as pool:
        played = dict(pool.map(play, [run for run in runs if run[1][1] is not None]))
    return {**{f"{name}-reference": o for name, o in references.items()}, **played}


def _reference(outcomes: dict[str, Outcome], scenario: Scenario) -> Outcome:
    return outcomes[f"{scenario.name}-reference"]


@pytest.mark.parametrize("entry", PLAN, ids=[_id(e) for e in PLAN])
def test_a_signal_leaves_files_as_they_were_or_complete(
    entry: tuple[Scenario, int | None, float], outcomes: dict[str, Outcome]
) -> None:
    scenario, signum, _ = entry
    outcome = outcomes[_id(entry)]
    done = outcome.done
    assert done is not None, "the run hung"
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert outcome.leftovers == []
    if signum is None:  # the reference run itself
        assert done.returncode == 0, done.stderr
        assert outcome.after != outcome.before or scenario.watched == "tmp"
        return
    code, message = EXPECTED[signum]
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    if done.returncode == code:
        assert outcome.sent == signum
        assert lines == [message], done.stderr
    else:  # it had finished, or the signal came once the outcome was decided
        assert done.returncode == 0, done.stderr
        assert not any(line.startswith("modelpick: error") for line in lines), done.stderr
    if scenario.watched == "tmp":
        return
    reference = _reference(outcomes, scenario)
    assert outcome.after in (outcome.before, reference.after), (
        "files neither as they were nor complete: "
        + ", ".join(k for k in outcome.after if outcome.after[k] != outcome.before.get(k))
    )
    if done.returncode == 0:
        assert outcome.after == reference.after


def test_most_signals_landed_while_working(outcomes: dict[str, Outcome]) -> None:
    """The delays are short enough that the runs above test what they claim to."""
    for key, outcome in outcomes.items():
        code = outcome.done.returncode if outcome.done else "hung"
        print(f"{key}: exit {code} after {outcome.seconds:.2f} s")
    ended = [o for k, o in outcomes.items() if "reference" not in k]
    stopped = [o for o in ended if o.done is not None and o.done.returncode in (130, 143)]
    assert len(stopped) >= len(ended) // 2, [
        (k, o.done.returncode if o.done else None) for k, o in outcomes.items()
    ]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_at_a_prompt_restores_the_terminal(tmp_path: Path, signum: int) -> None:
    pexpect = pytest.importorskip("pexpect")
    code, message = EXPECTED[signum]
    child = pexpect.spawn(
        _exe(), ["advise", "--catalog", str(CATALOG), "--report", "r.md"], cwd=str(tmp_path),
        encoding="utf-8", timeout=30, dimensions=(40, 100),
        env={**os.environ, "NO_COLOR": "1", "TERM": "xterm"},
    )
    child.expect("workload called")
    child.kill(signum)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code, child.before
    assert child.before.rstrip().endswith(message)
    assert "Traceback" not in child.before
    assert "\x1b[?25h" in child.before  # the prompt gave the cursor back on its way out
    assert list(tmp_path.iterdir()) == []
