"""The layering that keeps start-up fast: the core never imports the interface libraries."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import modelpick

INTERFACE = ("typer", "rich", "questionary", "prompt_toolkit", "click")
CORE_PACKAGES = ("modelpick.catalog", "modelpick.engine", "modelpick.report")


def _core_modules() -> list[str]:
    names = []
    for package in CORE_PACKAGES:
        module = __import__(package, fromlist=["_"])
        names.append(package)
        names += [
            f"{package}.{info.name}" for info in pkgutil.iter_modules(module.__path__)
        ]
    return sorted(names)


def _loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def _interface_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in INTERFACE)


@pytest.mark.parametrize("module", _core_modules())
def test_core_module_does_not_import_interface_libraries(module: str) -> None:
    assert _interface_in(_loaded_after(f"import {module}")) == []


def test_there_are_core_modules_to_check() -> None:
    assert len(_core_modules()) >= 15


def _modules_of_run(argv: list[str], tmp_path: Path) -> set[str]:
    dump = tmp_path / "modules.json"
    write = f"open({str(dump)!r}, 'w').write(json.dumps(sorted(sys.modules)))"
    code = (
        "import atexit, json, sys\n"
        f"atexit.register(lambda: {write})\n"
        f"sys.argv = ['modelpick', *{argv!r}]\n"
        "from modelpick.entry import main\n"
        "main()\n"
    )
    subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
        stdin=subprocess.DEVNULL, check=False,
    )
    return set(json.loads(dump.read_text()))


def test_version_imports_nothing_heavy(tmp_path: Path) -> None:
    loaded = _modules_of_run(["--version"], tmp_path)
    heavy = ("typer", "pydantic", "yaml", "rich", "jinja2", "questionary")
    assert [m for m in loaded if m.split(".")[0] in heavy] == []


def test_json_advice_needs_no_rich_jinja_or_prompts(tmp_path: Path) -> None:
    loaded = _modules_of_run(
        ["advise", "--no-input", "--format", "json", "--set", "task=rag"], tmp_path
    )
    assert "modelpick.engine.tree" in loaded  # it really ran
    unwanted = ("rich", "jinja2", "questionary", "prompt_toolkit", "ruamel")
    assert sorted(m for m in loaded if m.split(".")[0] in unwanted) == []


def test_package_version_is_importable_cheaply() -> None:
    assert modelpick.__version__


# --- the engine does no I/O ------------------------------------------------------------------

ENGINE = Path(modelpick.__file__).parent / "engine"
READERS = {"open", "load_yaml_file", "read_text"}
"""Functions that read files (the builtin, and yamlfile's readers)."""
OS_CALLS = {"stat", "lstat", "open", "listdir", "scandir", "walk", "remove", "rename", "copy"}
PATH_CALLS = {
    "open", "read_text", "write_text", "read_bytes", "write_bytes", "exists", "is_file",
    "is_dir", "iterdir", "glob", "rglob", "stat", "mkdir", "unlink", "touch",
}
"""`pathlib.Path` methods that touch the file system."""


def _engine_sources() -> list[Path]:
    return sorted(ENGINE.glob("*.py"))


def _file_calls(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in READERS:
            found.append(func.id)
        elif isinstance(func, ast.Attribute):
            owner = func.value
            if isinstance(owner, ast.Name) and owner.id in ("os", "shutil"):
                if func.attr in OS_CALLS:
                    found.append(f"{owner.id}.{func.attr}")
            elif func.attr in PATH_CALLS:
                found.append(func.attr)
    return found


def test_there_are_engine_modules_to_scan() -> None:
    assert len(_engine_sources()) >= 10


@pytest.mark.parametrize("path", _engine_sources(), ids=lambda p: p.name)
def test_engine_module_does_no_file_io(path: Path) -> None:
    tree = ast.parse(path.read_text())
    assert _file_calls(tree) == [], path.name
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.module not in ("modelpick.fileio", "modelpick.inputs"), path.name
            assert not node.module.startswith("modelpick.inputs."), path.name
            if node.module == "modelpick.yamlfile":
                readers = {a.name for a in node.names} & {"load_yaml_file", "read_text"}
                assert not readers, path.name
        if isinstance(node, ast.Import):
            assert all(a.name.split(".")[0] not in ("os", "shutil", "pathlib") for a in node.names)
            assert all(a.name not in ("modelpick.fileio",) for a in node.names), path.name


def test_the_io_scan_would_see_a_read() -> None:
    sample = "from pathlib import Path\nPath('x').read_text()\nopen('y')\nimport os\nos.stat('z')\n"
    assert _file_calls(ast.parse(sample)) == ["read_text", "open", "os.stat"]


# --- no import cycle in the engine -----------------------------------------------------------


def _imports_of(path: Path, package: str) -> set[str]:
    """Modules of `package` that a file imports anywhere (functions and TYPE_CHECKING too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == package:
                found |= {f"{package}.{a.name}" for a in node.names}
            elif node.module.startswith(package + "."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith(package + ".")}
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        stack.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                return [*stack[stack.index(target):], target]
            if target not in state and (found := visit(target)) is not None:
                return found
        state[module] = 2
        stack.pop()
        return None

    for module in sorted(graph):
        if module not in state and (found := visit(module)) is not None:
            return found
    return None


def test_the_engine_has_no_import_cycle() -> None:
    package = "modelpick.engine"
    modules = {f"{package}.{p.stem}": p for p in _engine_sources() if p.stem != "__init__"}
    graph = {name: _imports_of(path, package) & set(modules) for name, path in modules.items()}
    assert _cycle(graph) is None


def test_the_cycle_check_would_see_one() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
