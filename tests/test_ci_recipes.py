"""The pre-commit hooks and the GitHub Actions recipe run real commands that work."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parents[1]
WORKFLOW = ROOT / "examples" / "ci" / "github-actions.yml"

Run = Callable[..., subprocess.CompletedProcess[str]]


def hooks() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in data}


def test_the_hooks_are_declared_as_documented() -> None:
    found = hooks()
    assert sorted(found) == ["modelpick-adr-check", "modelpick-catalog-validate"]
    for hook in found.values():
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
    assert re.search(found["modelpick-catalog-validate"]["files"], "catalog/models.yaml")
    assert not re.search(found["modelpick-catalog-validate"]["files"], "docs/catalog.md")
    assert re.search(found["modelpick-adr-check"]["files"], "docs/decisions/0001-triage.md")


def test_the_validate_hook_passes_on_this_repository(modelpick: Run) -> None:
    hook = hooks()["modelpick-catalog-validate"]
    argv = shlex.split(hook["entry"])[1:] + hook.get("args", [])
    result = modelpick(*argv, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_adr_hook_runs(modelpick: Run, tmp_path: Path) -> None:
    (tmp_path / "docs" / "decisions").mkdir(parents=True)
    hook = hooks()["modelpick-adr-check"]
    result = modelpick(*shlex.split(hook["entry"])[1:], *hook.get("args", []), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no decision records" in result.stdout


def test_docs_show_the_example_workflow_verbatim() -> None:
    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert f"```yaml\n{WORKFLOW.read_text(encoding='utf-8')}```" in docs


@pytest.mark.parametrize("job", ["catalog", "decisions"])
def test_the_workflow_commands_work_here(job: str, tmp_path: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash to run the workflow's steps with")
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    env = {**os.environ, **workflow["env"]}
    if job == "decisions":
        env["DECISIONS"] = str(tmp_path)  # this repository keeps no decision records
    steps = [s["run"] for s in workflow["jobs"][job]["steps"] if "run" in s]
    commands = [s for s in steps if s.startswith("modelpick ")]
    assert commands
    for command in commands:
        done = subprocess.run([bash, "-c", command], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    if job == "catalog":
        assert re.search(r"^catalog \S+: 0 errors", done.stdout, re.MULTILINE)


def _requirement_name(spec: str) -> str:
    return re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0].lower().replace("_", "-")


def test_the_test_environment_is_pinned_and_the_package_stays_open() -> None:
    """The README's test command, verbatim in .ci/run, installs through constraints.txt,
    which pins every dependency the package and its tests name; pyproject pins nothing."""
    import tomllib

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = re.findall(r"^python3 -m venv .*pytest$", readme, flags=re.MULTILINE)
    assert len(commands) == 1, commands
    assert commands[0] in ci.splitlines()
    assert " -c constraints.txt " in commands[0]
    pins = {
        _requirement_name(line): line.split("==", 1)[1].strip()
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    }
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    named = list(project["dependencies"]) + list(project["optional-dependencies"]["test"])
    for spec in named:
        assert "==" not in spec, f"pyproject pins {spec}: keep the package's ranges open"
        assert _requirement_name(spec) in pins, f"constraints.txt does not pin {spec}"
