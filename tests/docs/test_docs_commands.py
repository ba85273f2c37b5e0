"""Every command shown in docs/*.md and README.md runs, and exits as the text says.

A command is a line starting with `modelpick ` (or `$ modelpick `) inside a ```sh or
```console block. Conventions for doc authors (also in docs/development.md):

- a trailing `# exit N` comment states the expected exit code (default 0);
- a trailing `# interactive` comment marks a command that asks questions on a terminal: it is
  run with `--help` instead;
- `> FILE` sends stdout to FILE; anything after `|` (jq, say) is not run;
- in a ```console block, the lines after a `$ modelpick ...` line, up to the next `$` line or
  the end of the block, are its expected stdout.

Each Markdown file gets its own scratch directory (examples/, catalog/ and my-catalog/, an
empty docs/decisions/, a small LiteLLM price map), and its commands run there in order, so a
file can build on its own earlier commands (adr new, then adr check). Commands that touch no
state and appear in several files run once. Stdin is closed, so nothing waits for input.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SOURCES = [*sorted(DOCS.glob("*.md")), ROOT / "README.md"]
PRICE_MAP = "model_prices_and_context_window.json"
CHANGED_KEY = "deepinfra/Qwen/Qwen3-235B-A22B-Instruct-2507"
"""The one price the docs' price map changes (DeepInfra's Qwen3 input: $0.09 -> $0.10 /M)."""

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)")
_EXIT = re.compile(r"\bexit\s+(\d+)\b")
_STATEFUL = re.compile(r"\badr\b|import-prices|my-catalog|docs/decisions|>|--report|--save")


@dataclass
class DocCommand:
    source: str
    line: int
    text: str
    argv: list[str]
    expected: int
    interactive: bool
    stdout_file: str | None
    expected_stdout: list[str] | None = None

    @property
    def id(self) -> str:
        return f"{self.source}:{self.line}"

    @property
    def stateful(self) -> bool:
        return bool(_STATEFUL.search(self.text)) or self.stdout_file is not None


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Block:
    lang: str
    start: int
    lines: list[tuple[int, str]] = field(default_factory=list)


def code_blocks(text: str) -> Iterator[Block]:
    """Fenced code blocks: language and (line number, text) of each line."""
    block: Block | None = None
    fence = ""
    for number, line in enumerate(text.splitlines(), start=1):
        match = _FENCE.match(line)
        if block is None:
            if match:
                fence = match.group(2)
                block = Block(match.group(3).lower(), number)
            continue
        if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
            yield block
            block = None
            continue
        block.lines.append((number, line))


def split_comment(line: str) -> tuple[str, str]:
    """(command, trailing comment): the first `#` outside quotes that follows a space."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip(), line[i + 1 :].strip()
    return line.rstrip(), ""


def parse_command(source: str, number: int, raw: str) -> DocCommand:
    command, comment = split_comment(raw)
    tokens = shlex.split(command)
    if "|" in tokens:
        tokens = tokens[: tokens.index("|")]
    stdout_file = None
    if ">" in tokens:
        at = tokens.index(">")
        stdout_file = tokens[at + 1]
        tokens = tokens[:at] + tokens[at + 2 :]
    exit_match = _EXIT.search(comment)
    return DocCommand(
        source=source,
        line=number,
        text=command,
        argv=tokens[1:],
        expected=int(exit_match.group(1)) if exit_match else 0,
        interactive=bool(re.search(r"\binteractive\b", comment)),
        stdout_file=stdout_file,
    )


def _is_modelpick(line: str) -> bool:
    return line.startswith("modelpick ") or line == "modelpick"


def doc_commands(path: Path) -> list[DocCommand]:
    """Every modelpick command in a Markdown file's sh and console blocks, in order."""
    source = path.relative_to(ROOT).as_posix()
    found: list[DocCommand] = []
    for block in code_blocks(path.read_text(encoding="utf-8")):
        current: DocCommand | None = None
        for number, line in block.lines:
            stripped = line.strip()
            if stripped.startswith("$ "):
                stripped = stripped[2:].lstrip()
            elif block.lang == "console":
                if current is not None and current.expected_stdout is not None:
                    current.expected_stdout.append(line.rstrip())
                continue
            if block.lang not in ("sh", "console") or not _is_modelpick(stripped):
                current = None
                continue
            current = parse_command(source, number, stripped)
            if block.lang == "console":
                current.expected_stdout = []
            found.append(current)
    for command in found:
        if command.expected_stdout == []:
            command.expected_stdout = None
    return found


ALL_COMMANDS = {path: doc_commands(path) for path in SOURCES}
FLAT = [command for commands in ALL_COMMANDS.values() for command in commands]


# --- the scratch directories ----------------------------------------------------------------


def write_price_map(catalog: Path, target: Path) -> None:
    """A LiteLLM-format price map holding every reviewed key of the catalog, one price moved."""
    prices = yaml.safe_load((catalog / "providers.yaml").read_text(encoding="utf-8"))["prices"]
    entries: dict[str, dict[str, object]] = {
        "sample_spec": {"input_cost_per_token": 0.0, "output_cost_per_token": 0.0}
    }
    for price in prices:
        key = price.get("litellm_key")
        if key:
            entries[key] = {
                "input_cost_per_token": price["input_per_mtok"] / 1e6,
                "output_cost_per_token": price["output_per_mtok"] / 1e6,
                "mode": "chat",
            }
    assert CHANGED_KEY in entries, "the docs' price-change example needs this catalog key"
    entries[CHANGED_KEY]["input_cost_per_token"] = 1e-07
    target.write_text(json.dumps(entries, indent=1), encoding="utf-8")


def prepare(directory: Path) -> Path:
    directory.mkdir(parents=True)
    shutil.copytree(ROOT / "examples", directory / "examples")
    shutil.copytree(ROOT / "catalog", directory / "catalog")
    shutil.copytree(ROOT / "catalog", directory / "my-catalog")
    (directory / "docs" / "decisions").mkdir(parents=True)
    write_price_map(ROOT / "catalog", directory / PRICE_MAP)
    return directory


def run(exe: str, command: DocCommand, cwd: Path, env: dict[str, str]) -> Outcome:
    argv = [*command.argv, "--help"] if command.interactive else command.argv
    result = subprocess.run(
        [exe, *argv],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if command.stdout_file is not None:
        (cwd / command.stdout_file).write_text(result.stdout, encoding="utf-8")
    return Outcome(result.returncode, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Run every doc command once: each file's stateful commands in order, the rest in parallel."""
    exe = shutil.which("modelpick")
    if exe is None:
        pytest.fail("the modelpick entry point is not installed (pip install -e .)")
    root = tmp_path_factory.mktemp("docs")
    home = root / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("MODELPICK_DEBUG", None)
    env.pop("FORCE_COLOR", None)

    results: dict[str, Outcome] = {}
    shared: dict[tuple[str, bool], list[DocCommand]] = {}
    chains: list[tuple[Path, list[DocCommand]]] = []
    for path, commands in ALL_COMMANDS.items():
        cwd = prepare(root / path.stem)
        chain = []
        for command in commands:
            if command.stateful:
                chain.append(command)
            else:
                shared.setdefault((command.text, command.interactive), []).append(command)
        chains.append((cwd, chain))
    plain = root / "plain"
    prepare(plain)

    def run_chain(cwd: Path, chain: list[DocCommand]) -> None:
        for command in chain:
            results[command.id] = run(exe, command, cwd, env)

    def run_shared(group: list[DocCommand]) -> None:
        outcome = run(exe, group[0], plain, env)
        for command in group:
            results[command.id] = outcome

    with ThreadPoolExecutor(max_workers=max(4, 2 * (os.cpu_count() or 2))) as pool:
        futures = [pool.submit(run_chain, cwd, chain) for cwd, chain in chains if chain]
        futures += [pool.submit(run_shared, group) for group in shared.values()]
        for future in futures:
            future.result()
    return results


# --- the tests --------------------------------------------------------------------------------


def test_the_docs_show_commands() -> None:
    assert len(FLAT) >= 40, [c.id for c in FLAT]
    assert ALL_COMMANDS[ROOT / "README.md"]


@pytest.mark.parametrize("command", FLAT, ids=[c.id for c in FLAT])
def test_doc_command(command: DocCommand, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[command.id]
    shown = f"{command.id}: modelpick {shlex.join(command.argv)}"
    assert "Traceback" not in outcome.stderr + outcome.stdout, shown + "\n" + outcome.stderr
    assert "internal error" not in outcome.stderr, shown + "\n" + outcome.stderr
    expected = 0 if command.interactive else command.expected
    assert outcome.returncode == expected, (
        f"{shown}\nexit {outcome.returncode}, the doc says {expected}\n{outcome.stderr}"
    )
    if command.expected_stdout is not None:
        actual = [line.rstrip() for line in outcome.stdout.splitlines()]
        assert actual == command.expected_stdout, shown


def mermaid_blocks(path: Path) -> list[str]:
    return [
        "\n".join(line for _, line in block.lines)
        for block in code_blocks(path.read_text(encoding="utf-8"))
        if block.lang == "mermaid"
    ]


def test_the_decision_tree_picture_is_the_commands_output() -> None:
    from modelpick.report.tree_mermaid import render_tree_mermaid

    blocks = mermaid_blocks(DOCS / "decision-tree.md")
    assert len(blocks) == 1
    assert blocks[0] == render_tree_mermaid().rstrip("\n"), (
        "regenerate the block with `modelpick tree --format mermaid`"
    )


# --- the parser itself ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "argv", "expected", "interactive", "stdout_file"),
    [
        ("modelpick tree", ["tree"], 0, False, None),
        ("modelpick advise   # interactive: asks", ["advise"], 0, True, None),
        ("modelpick adr check   # exit 1", ["adr", "check"], 1, False, None),
        (
            'modelpick advise --set workload="A # B" --format json > out.json',
            ["advise", "--set", "workload=A # B", "--format", "json"],
            0,
            False,
            "out.json",
        ),
        ("modelpick advise --format json | jq .primary", ["advise", "--format", "json"], 0, False,
         None),
    ],
)
def test_parse_command(
    line: str, argv: list[str], expected: int, interactive: bool, stdout_file: str | None
) -> None:
    command = parse_command("x.md", 1, line)
    assert (command.argv, command.expected, command.interactive, command.stdout_file) == (
        argv, expected, interactive, stdout_file
    )
