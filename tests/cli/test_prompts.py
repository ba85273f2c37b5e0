"""The interactive flow, driven in a real pseudo-terminal the way a person would use it."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pexpect

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
    return pexpect.spawn(
        exe,
        [*args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )


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
    child.expect("share of those tokens")
    child.send(ENTER)
    child.expect("Minimum context")
    child.send(ENTER)
    child.expect("Countries of origin")
    child.send("CN" + ENTER)
    child.expect("Region")
    child.send(ENTER)
    child.expect("Monthly active users")
    child.send(ENTER)
    child.expect("Deploy as")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    data = saved.read_text()
    assert "workload: Ticket triage" in data
    assert "monthly_tokens: 2000000000" in data
    assert "- CN" in data


def test_questions_that_cannot_change_the_outcome_are_not_asked(tmp_path: Path) -> None:
    child = _spawn("advise", "--catalog", str(CATALOG), "--set", "workload=x", cwd=tmp_path)
    child.expect(r"\[node 1/5\]")
    child.send("y")  # data must stay: node 2 cannot matter, nor node 3 (no cost-dominant
    # self-hosted picks in this catalog's policy)
    child.expect(r"\[node ([2-5])/5\]")
    assert child.match.group(1) == "4"
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_node_3_is_asked_after_node_1_when_the_policy_ranks_it(tmp_path: Path) -> None:
    """The shipped policy ranks cost-dominant self-hosting: node 3 can change the advice."""
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
    child.expect("Deploy as", timeout=60)
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "Traceback" not in (child.before or "")


def test_a_bad_country_or_region_is_refused_where_it_is_typed(tmp_path: Path) -> None:
    saved = tmp_path / "answers.yaml"
    child = _spawn("advise", "--catalog", str(CATALOG), "--save-answers", str(saved), cwd=tmp_path)
    _answer_the_nodes(child)
    for prompt in ("tokens a month", "share of those tokens", "Minimum context"):
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
    _finish(child)
    data = saved.read_text(encoding="utf-8")
    assert "excluded_origins:\n- CN\n- 'NO'\n" in data
    assert "deployment_region: EU\n" in data


def test_a_bad_number_is_refused_where_it_is_typed(tmp_path: Path) -> None:
    saved = tmp_path / "answers.yaml"
    child = _spawn("advise", "--catalog", str(CATALOG), "--save-answers", str(saved), cwd=tmp_path)
    _answer_the_nodes(child)
    child.expect("tokens a month")
    child.send(CLEAR + "lots" + ENTER)
    child.expect("not a whole number")
    child.send(CLEAR + "2B" + ENTER)
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
    _finish(child)
    data = saved.read_text(encoding="utf-8")
    assert "monthly_tokens: 2000000000\n" in data
    assert "input_share: 0.6\n" in data
    assert "min_context_tokens: 32000\n" in data
    assert "monthly_active_users: 1500000\n" in data
