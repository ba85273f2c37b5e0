"""The interactive flow, driven in a real pseudo-terminal the way a person would use it."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pexpect
import yaml

CATALOG = Path(__file__).parent.parent / "fixtures" / "catalog_min"
ENTER = "\r"


def _spawn(*args: str, cwd: Path) -> pexpect.spawn:
    exe = shutil.which("modelpick")
    assert exe is not None
    env = {
        **os.environ,
        "TERM": "xterm",
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "LINES": "40",
        "PROMPT_TOOLKIT_NO_CPR": "1",  # no cursor-position query pexpect would never answer
    }
    child = pexpect.spawn(
        exe,
        [*args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )
    child.delaybeforesend = None  # every send follows the prompt it answers (`expect`)
    return child


def test_answering_the_prompts_reaches_a_recommendation(tmp_path: Path) -> None:
    saved = tmp_path / "answers.yaml"
    child = _spawn("advise", "--catalog", str(CATALOG), "--save-answers", str(saved), cwd=tmp_path)
    child.expect("workload called")
    child.send("Ticket triage" + ENTER)
    child.expect(r"\[node 1/5\]")
    child.send("n")
    child.expect(r"\[node 2/5\]")
    child.send("n")
    child.expect(r"\[node 3/5\]")
    child.send("y")
    child.expect(r"\[node 4/5\]")
    child.send("n")
    child.expect(r"\[node 5/5\]")
    child.send("n")
    child.expect("main task")
    child.send(ENTER)  # general, the default
    child.expect("tokens a month")
    child.send("\x15" + "2B" + ENTER)  # Ctrl-U clears the default first
    child.expect("Average input tokens")
    child.send(ENTER)  # unknown: no average output is asked, the input share is
    child.expect("share of those tokens")
    child.send(ENTER)
    child.expect("Minimum context")
    child.send(ENTER)
    child.expect("Countries of origin")
    child.send("CN" + ENTER)
    child.expect("Region you deploy in")
    child.send(ENTER)
    child.expect("Monthly active users")
    child.send(ENTER)
    # No inference team and data free to leave: the GPU questions cannot matter, the API
    # provider's requirements can.
    child.expect(["zero data retention", "Peak traffic", "Average output"])
    assert child.match.group(0) == "zero data retention"
    child.send("n")
    child.expect("HIPAA BAA")
    child.send(ENTER)
    child.expect("Regions the provider must process")
    child.send(ENTER)
    child.expect("volume grow")
    child.send(ENTER)  # flat: no timeline, so no horizon is asked
    child.expect("Deploy as")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    data = saved.read_text()
    assert "workload: Ticket triage" in data
    assert "monthly_tokens: 2000000000" in data
    assert "- CN" in data
    answers = yaml.safe_load(data)
    assert answers["require_zero_data_retention"] is False
    assert answers["avg_input_tokens"] is None and answers["avg_output_tokens"] is None
    assert answers["input_share"] == 0.75


def test_the_request_shape_replaces_the_input_share_and_gpu_questions_follow(
    tmp_path: Path,
) -> None:
    """Both averages given: no input share is asked; with an inference team, the GPU
    questions are (peak traffic a decimal number, latency and pricing lists)."""
    saved = tmp_path / "answers.yaml"
    child = _spawn("advise", "--catalog", str(CATALOG), "--save-answers", str(saved), cwd=tmp_path)
    child.expect("workload called")
    child.send("Shaped" + ENTER)
    for node, key in enumerate("nnnny", start=1):
        child.expect(rf"\[node {node}/5\]")
        child.send(key)
    child.expect("main task")
    child.send(ENTER)
    child.expect("tokens a month")
    child.send(CLEAR + "2B" + ENTER)
    child.expect("Average input tokens")
    child.send("3000" + ENTER)
    child.expect("Average output tokens")
    child.send("0" + ENTER)
    child.expect("got 0")  # refused inline: a request has at least one output token
    child.send(CLEAR + "1k" + ENTER)
    child.expect(["share of those tokens", "Minimum context"])
    assert child.match.group(0) == "Minimum context"  # the averages set the input share
    child.send(ENTER)
    for prompt in ("Countries of origin", "Region you deploy in", "Monthly active users"):
        child.expect(prompt)
        child.send(ENTER)
    child.expect("Peak traffic")
    child.send(CLEAR + "0.5" + ENTER)
    child.expect("got 0.5")  # the peak is never below the mean
    child.send(CLEAR + "3.5" + ENTER)
    child.expect("Latency target")
    child.send(ENTER)  # interactive, the default
    child.expect("pay for GPUs")
    child.send("\x1b[B" + ENTER)  # down to reserved
    child.expect("zero data retention")
    child.send("y")
    child.expect("HIPAA BAA")
    child.send(ENTER)
    child.expect("Regions the provider must process")
    child.send("Europa" + ENTER)
    child.expect("neither an ISO 3166-1 alpha-2")
    child.send(CLEAR + "eu" + ENTER)
    child.expect("volume grow")
    child.send(CLEAR + "0.1" + ENTER)
    child.expect("How many months")
    child.send(ENTER)  # 18, the default
    # No provider in this catalog records its regions: every API is dropped, self-hosting leads
    child.expect("Deploy as: self-hosted open weights", timeout=60)
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    assert child.exitstatus == 0, child.before
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert data["avg_input_tokens"] == 3000
    assert data["avg_output_tokens"] == 1000
    assert data["input_share"] == 0.75  # derived from the averages, recorded with them
    assert data["peak_to_mean"] == 3.5
    assert data["latency"] == "interactive"
    assert data["gpu_pricing"] == "reserved"
    assert data["require_zero_data_retention"] is True
    assert data["data_residency"] == ["EU"]
    assert data["monthly_growth"] == 0.1 and data["horizon_months"] == 18


def test_data_that_must_stay_in_the_vpc_asks_no_api_requirements(tmp_path: Path) -> None:
    sets = ["workload=x", "data_must_stay_in_vpc=true", "cost_dominant=false",
            "license_must_be_permissive=false",
            "has_inference_ops=false", "task=general", "monthly_tokens=100M",
            "avg_input_tokens=", "input_share=0.75", "min_context_tokens=", "excluded_origins=[]",
            "deployment_region=", "monthly_active_users="]
    given = [a for item in sets for a in ("--set", item)]
    child = _spawn("advise", "--catalog", str(CATALOG), *given, cwd=tmp_path)
    # self-hosting is the outcome even without an inference team: the GPU questions matter
    child.expect("Peak traffic")
    child.send(ENTER)
    child.expect("Latency target")
    child.send(ENTER)
    child.expect("pay for GPUs")
    child.send(ENTER)
    child.expect(["zero data retention", "HIPAA", "Regions the provider", "volume grow"],
                 timeout=60)
    assert child.match.group(0) == "volume grow"
    child.send(ENTER)
    child.expect("Deploy as", timeout=60)
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    assert child.exitstatus == 0, child.before


def test_questions_that_cannot_change_the_outcome_are_not_asked(tmp_path: Path) -> None:
    child = _spawn("advise", "--catalog", str(CATALOG), "--set", "workload=x", cwd=tmp_path)
    child.expect(r"\[node 1/5\]")
    child.send("y")  # data must stay: node 2 (frontier) cannot matter; node 3 still ranks
    child.expect(r"\[node ([2-5])/5\]")
    assert child.match.group(1) == "3"
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_node_3_is_asked_after_node_1_when_the_policy_ranks_it(tmp_path: Path) -> None:
    """Node 3 ranks in every mode (cost orders the rated models): never skipped after node 1."""
    child = _spawn("advise", "--set", "workload=x", cwd=tmp_path)
    child.expect(r"\[node 1/5\]")
    child.send("y")
    child.expect(r"\[node ([2-5])/5\]")
    assert child.match.group(1) == "3"
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


# Ctrl-C at each prompt, end of input and terminals: tests/hardening/test_terminal.py.


def test_end_of_input_at_a_prompt_is_a_clear_error(tmp_path: Path) -> None:
    child = _spawn("advise", "--catalog", str(CATALOG), "--set", "workload=x", cwd=tmp_path)
    child.expect(r"\[node 1/5\]")
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus in (2, 130)
    assert "Traceback" not in (child.before or "")


def test_without_a_terminal_it_never_waits_and_lists_assumed(
    modelpick: object, tmp_path: Path
) -> None:
    import subprocess

    exe = shutil.which("modelpick")
    assert exe is not None
    proc = subprocess.run(
        [exe, "advise", "--catalog", str(CATALOG), "--format", "json"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data["answers"]["assumed"]) >= {"task", "monthly_tokens", "data_must_stay_in_vpc"}


CLEAR = "\x15"  # Ctrl-U: clear what was typed (or the default) before typing again


def _answer_the_nodes(child: pexpect.spawn) -> None:
    child.expect("workload called")
    child.send("Inline checks" + ENTER)
    for node in range(1, 6):
        child.expect(rf"\[node {node}/5\]")
        child.send("n")
    child.expect("main task")
    child.send(ENTER)


def _finish(child: pexpect.spawn) -> None:
    child.expect("volume grow", timeout=60)
    child.send(ENTER)
    child.expect("Deploy as", timeout=60)
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "Traceback" not in (child.before or "")


def test_a_bad_country_or_region_is_refused_where_it_is_typed(tmp_path: Path) -> None:
    saved = tmp_path / "answers.yaml"
    child = _spawn("advise", "--catalog", str(CATALOG), "--save-answers", str(saved), cwd=tmp_path)
    _answer_the_nodes(child)
    for prompt in ("tokens a month", "Average input tokens", "share of those tokens",
                   "Minimum context"):
        child.expect(prompt)
        child.send(ENTER)
    child.expect("Countries of origin")
    child.send("CN, Europa" + ENTER)
    child.expect("neither an ISO 3166-1 alpha-2")  # modelpick's message, shown inline
    child.send(CLEAR + "cn no" + ENTER)  # Norway, not false; lower case is upper-cased
    child.expect("Region you deploy in")
    child.send("UK" + ENTER)
    child.expect("reserved in ISO 3166-1")
    child.send(CLEAR + "eu" + ENTER)
    child.expect("Monthly active users")
    child.send(ENTER)
    for prompt in ("zero data retention", "HIPAA BAA"):
        child.expect(prompt)
        child.send(ENTER)
    child.expect("Regions the provider must process")
    child.send("US, UK" + ENTER)
    child.expect("reserved in ISO 3166-1")
    child.send(CLEAR + ENTER)  # blank: any region (this catalog records none: none would do)
    _finish(child)
    data = saved.read_text(encoding="utf-8")
    assert "excluded_origins:\n- CN\n- 'NO'\n" in data
    assert "deployment_region: EU\n" in data
    assert "data_residency: []\n" in data


def test_a_bad_number_is_refused_where_it_is_typed(tmp_path: Path) -> None:
    saved = tmp_path / "answers.yaml"
    child = _spawn("advise", "--catalog", str(CATALOG), "--save-answers", str(saved), cwd=tmp_path)
    _answer_the_nodes(child)
    child.expect("tokens a month")
    child.send(CLEAR + "lots" + ENTER)
    child.expect("not a whole number")
    child.send(CLEAR + "2B" + ENTER)
    child.expect("Average input tokens")
    child.send("-5" + ENTER)
    child.expect("got -5")
    child.send(CLEAR + ENTER)  # blank: unknown, so the input share is asked
    child.expect("share of those tokens")
    child.send(CLEAR + "1.5" + ENTER)
    child.expect("got 1.5")  # refused inline (modelpick's ", got VALUE"), still on the question
    child.send(CLEAR + "0.6" + ENTER)
    child.expect("Minimum context")
    child.send("32k" + ENTER)
    child.expect("Countries of origin")
    child.send(ENTER)
    child.expect("Region you deploy in")
    child.send(ENTER)
    child.expect("Monthly active users")
    child.send("-5" + ENTER)
    child.expect("got -5")
    child.send(CLEAR + "1.5M" + ENTER)
    for prompt in ("zero data retention", "HIPAA BAA", "Regions the provider"):
        child.expect(prompt)
        child.send(ENTER)
    _finish(child)
    data = saved.read_text(encoding="utf-8")
    assert "monthly_tokens: 2000000000\n" in data
    assert "input_share: 0.6\n" in data
    assert "min_context_tokens: 32000\n" in data
    assert "monthly_active_users: 1500000\n" in data
