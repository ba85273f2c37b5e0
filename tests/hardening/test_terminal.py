"""Interruption and terminals, in a real pseudo-terminal: Ctrl-C, Ctrl-D, no terminal, NO_COLOR,
TERM=dumb and a narrow window. And an interrupt in the middle of writing a file.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pexpect
import pytest

from modelpick.fileio import write_atomic

HERE = Path(__file__).parent
CATALOG = HERE.parent / "fixtures" / "catalog_min"
ANSWERS = HERE.parent.parent / "examples" / "support-ticket-triage.yaml"
ENTER = "\r"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]")

PROMPTS = [
    "workload called",
    r"\[node 1/5\]",
    r"\[node 2/5\]",
    r"\[node 3/5\]",
    r"\[node 4/5\]",
    r"\[node 5/5\]",
    "main task",
    "tokens a month",
    "Average input tokens",
    "share of those tokens",
    "Minimum context",
    "Countries of origin",
    "Region you deploy in",
    "Monthly active users",
    "zero data retention",
    "HIPAA BAA",
    "Regions the provider",
]
"""Every question `advise` asks when all five nodes are answered no, in order: no inference
team and data free to leave, so the GPU questions (peak traffic, latency, GPU pricing) cannot
matter and are not asked; a blank average input means no average output is asked either."""

SELF_HOSTING_PROMPTS = ["Peak traffic", "Latency target", "pay for GPUs"]
"""The questions that only matter where self-hosting can be the outcome, asked after
PROMPTS[:"Monthly active users"] when node 5 is answered yes."""


def spawn(*args: str, cwd: Path, env: dict[str, str | None] | None = None,
          size: tuple[int, int] = (40, 100)) -> pexpect.spawn:
    """`modelpick` in a pseudo-terminal; an env value of None removes the variable."""
    exe = shutil.which("modelpick")
    assert exe is not None
    merged: dict[str, str | None] = {
        **os.environ, "TERM": "xterm", "NO_COLOR": "1", "COLUMNS": str(size[1]),
        "PROMPT_TOOLKIT_NO_CPR": "1",  # no cursor-position query: it costs a second a prompt
        "LINES": str(size[0]), **(env or {}),
    }
    full = {k: v for k, v in merged.items() if v is not None}
    child = pexpect.spawn(exe, list(args), cwd=str(cwd), env=full, encoding="utf-8",
                          timeout=20, dimensions=size)
    # No 50 ms pause before each send (pexpect's default): every send follows the prompt it
    # answers (`expect`), so nothing is typed early.
    child.delaybeforesend = None
    return child


def advise_outputs(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "report.md", tmp_path / "saved.yaml"


def walk_to(child: pexpect.spawn, index: int) -> None:
    """Answer the first `index` prompts with their defaults, then wait at the next one."""
    for pattern in PROMPTS[:index]:
        child.expect(pattern)
        child.send(ENTER)
    child.expect(PROMPTS[index])


def assert_no_files(tmp_path: Path, *outputs: Path) -> None:
    for path in outputs:
        assert not path.exists(), f"{path} was written"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


ANSWERED_BEFORE = [
    "workload=x", "data_must_stay_in_vpc=false", "frontier_required=false",
    "cost_dominant=false", "license_must_be_permissive=false", "has_inference_ops=false",
    "task=general", "monthly_tokens=100M", "avg_input_tokens=", "input_share=0.75",
    "min_context_tokens=", "excluded_origins=[]", "deployment_region=", "monthly_active_users=",
    "require_zero_data_retention=false", "require_hipaa=false",
]
"""--set values that skip the prompts before PROMPTS[i], so each test starts at its prompt."""
assert len(ANSWERED_BEFORE) == len(PROMPTS) - 1

SELF_HOSTING_BEFORE = [
    *("has_inference_ops=true" if a.startswith("has_inference_ops=") else a
      for a in ANSWERED_BEFORE[: PROMPTS.index("Monthly active users") + 1]),
    "peak_to_mean=2", "latency=interactive",
]
"""--set values that skip the prompts before SELF_HOSTING_PROMPTS[i] (at offset
len(SELF_HOSTING_BEFORE) - 2)."""


def _sets(items: list[str]) -> list[str]:
    return [a for item in items for a in ("--set", item)]


def _interrupt_at(
    tmp_path: Path, index: int, *, walk: bool, given: list[str] | None = None,
    prompt: str | None = None,
) -> None:
    report, saved = advise_outputs(tmp_path)
    if given is None:
        given = [] if walk else _sets(ANSWERED_BEFORE[:index])
    child = spawn("advise", "--catalog", str(CATALOG), "--report", str(report),
                  "--save-answers", str(saved), *given, cwd=tmp_path)
    if walk:
        walk_to(child, index)
    else:
        child.expect(prompt or PROMPTS[index])
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130, child.before
    assert "Traceback" not in (child.before or "")
    assert "interrupted" in (child.before or "")
    assert_no_files(tmp_path, report, saved)


@pytest.mark.parametrize("index", range(len(PROMPTS)), ids=[p.strip("\\[]") for p in PROMPTS])
def test_ctrl_c_at_every_prompt_exits_130_and_writes_nothing(tmp_path: Path, index: int) -> None:
    _interrupt_at(tmp_path, index, walk=False)


def test_ctrl_c_at_the_last_prompt_after_typing_every_answer(tmp_path: Path) -> None:
    _interrupt_at(tmp_path, len(PROMPTS) - 1, walk=True)


@pytest.mark.parametrize("index", range(len(SELF_HOSTING_PROMPTS)), ids=SELF_HOSTING_PROMPTS)
def test_ctrl_c_at_every_self_hosting_prompt(tmp_path: Path, index: int) -> None:
    start = len(SELF_HOSTING_BEFORE) - 2
    _interrupt_at(tmp_path, index, walk=False, given=_sets(SELF_HOSTING_BEFORE[: start + index]),
                  prompt=SELF_HOSTING_PROMPTS[index])


END_OF_INPUT = {
    "text prompt": (PROMPTS.index("workload called"), ANSWERED_BEFORE, PROMPTS),
    "yes-no prompt": (PROMPTS.index(r"\[node 1/5\]"), ANSWERED_BEFORE, PROMPTS),
    "choice prompt": (PROMPTS.index("main task"), ANSWERED_BEFORE, PROMPTS),
    "number prompt": (PROMPTS.index("tokens a month"), ANSWERED_BEFORE, PROMPTS),
    "optional number prompt": (PROMPTS.index("Average input tokens"), ANSWERED_BEFORE, PROMPTS),
    "optional text prompt": (PROMPTS.index("Countries of origin"), ANSWERED_BEFORE, PROMPTS),
    "decimal prompt": (len(SELF_HOSTING_BEFORE) - 2, SELF_HOSTING_BEFORE,
                       [*PROMPTS[: len(SELF_HOSTING_BEFORE) - 2], *SELF_HOSTING_PROMPTS]),
}
"""Each kind of prompt: where it is asked, the --set answers before it, the prompts in order."""


@pytest.mark.parametrize("kind", list(END_OF_INPUT))
def test_end_of_input_at_a_prompt_is_one_clear_error(tmp_path: Path, kind: str) -> None:
    index, before, prompts = END_OF_INPUT[kind]
    report, saved = advise_outputs(tmp_path)
    child = spawn("advise", "--catalog", str(CATALOG), "--report", str(report),
                  "--save-answers", str(saved), *_sets(before[:index]), cwd=tmp_path)
    child.expect(prompts[index])
    child.send("\x15")  # Ctrl-U: empty the line (a shown default), so Ctrl-D means end of input
    child.sendcontrol("d")
    child.expect(pexpect.EOF, timeout=10)  # not a hang
    child.close()
    assert child.exitstatus == 2, child.before
    output = child.before or ""
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if "modelpick: error:" in line]
    assert len(errors) == 1, output
    assert "end of input" in errors[0]
    assert_no_files(tmp_path, report, saved)


# --- no terminal ----------------------------------------------------------------------------


@pytest.mark.parametrize("stdin", ["devnull", "open pipe"])
def test_without_a_terminal_it_never_waits_for_input(tmp_path: Path, stdin: str) -> None:
    exe = shutil.which("modelpick")
    assert exe is not None
    source = subprocess.DEVNULL if stdin == "devnull" else subprocess.PIPE
    with subprocess.Popen(
        [exe, "advise", "--catalog", str(CATALOG), "--format", "json"],
        stdin=source, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
    ) as proc:
        # An open pipe that never delivers a byte: reading from it would hang forever.
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert '"assumed"' in out
    assert "Traceback" not in err


def test_output_redirected_from_a_terminal_does_not_prompt(tmp_path: Path) -> None:
    """stdin is the terminal but stdout is a file: nobody would see the questions."""
    exe = shutil.which("modelpick")
    assert exe is not None
    out = tmp_path / "out.json"
    child = pexpect.spawn(
        "/bin/sh", ["-c", f'"{exe}" advise --catalog "{CATALOG}" --format json > "{out}"'],
        cwd=str(tmp_path), encoding="utf-8", timeout=20,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert '"assumed"' in out.read_text(encoding="utf-8")


# --- colour and width -----------------------------------------------------------------------


def _rendered(env: dict[str, str | None], size: tuple[int, int] = (50, 100)) -> str:
    child = spawn("advise", "--answers", str(ANSWERS), "--catalog", str(CATALOG), "--no-input",
                  cwd=HERE, env=env, size=size)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return (child.before or "").replace("\r\n", "\n")


@pytest.mark.parametrize(
    "env",
    [{"NO_COLOR": "1", "TERM": "xterm-256color"}, {"NO_COLOR": None, "TERM": "dumb"}],
    ids=["NO_COLOR", "TERM=dumb"],
)
def test_no_colour_means_no_escape_sequences(env: dict[str, str | None]) -> None:
    text = _rendered(env)
    assert "\x1b" not in text, repr(ANSI.findall(text)[:5])
    assert "mistral-small-3.2" in text
    assert "hosted open-weight API" in text


def test_colour_is_used_on_a_capable_terminal() -> None:
    """The control for the test above: the same run with colour allowed does colour."""
    text = _rendered({"NO_COLOR": None, "TERM": "xterm-256color"})
    assert "\x1b[" in text


def test_a_40_column_terminal_stays_readable() -> None:
    text = _rendered({"NO_COLOR": "1"}, size=(200, 40))
    lines = text.splitlines()
    too_long = [line for line in lines if len(ANSI.sub("", line)) > 40]
    assert too_long == []
    flat = " ".join(line.strip("│ ") for line in lines)
    assert "mistral-small-3.2" in flat
    assert "Deploy as" in flat and "hosted open-weight API" in flat


# --- an interrupt while writing -------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "force"),
    # A new file is placed by a hard link, --force or not; os.replace only swaps an existing
    # file (the next test).
    [("write", False), ("write", True), ("fsync", False), ("fsync", True), ("link", False),
     ("link", True)],
)
def test_interrupt_while_writing_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, force: bool
) -> None:
    target = tmp_path / "report.md"

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    if where == "write":
        real_fdopen = os.fdopen

        def fdopen(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            handle = real_fdopen(*args, **kwargs)  # type: ignore[call-overload]
            handle.write = interrupt
            return handle

        monkeypatch.setattr(os, "fdopen", fdopen)
    elif where == "fsync":
        monkeypatch.setattr(os, "fsync", interrupt)
    elif where == "replace":
        monkeypatch.setattr(os, "replace", interrupt)
    else:
        monkeypatch.setattr(os, "link", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "# a report\n" * 1000, force=force, what="report")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_interrupt_while_overwriting_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    target.write_text("old\n", encoding="utf-8")

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new\n", force=True)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
