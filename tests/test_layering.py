"""The layering that keeps start-up fast: the core never imports the interface libraries."""

from __future__ import annotations

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


# --- decision records: the format and drift are pure; the store does the I/O ----------------

PURE_RECORD_MODULES = ("modelpick.records.format", "modelpick.records.drift")
IO_MODULES = {"os", "io", "shutil", "tempfile", "pathlib", "fcntl", "glob", "modelpick.fileio"}
"""Modules whose import alone says a module touches files."""
IO_NAMES = {"open", "read_text", "load_yaml_file", "read_bytes"}
"""Functions (built in, or imported from modelpick) that read or write files."""
IO_METHODS = {
    "read_text", "write_text", "read_bytes", "write_bytes", "open", "touch", "mkdir", "rmdir",
    "unlink", "iterdir", "glob", "rglob", "exists", "is_dir", "is_file", "is_symlink", "lstat",
    "chmod", "symlink_to", "hardlink_to", "resolve", "samefile", "listdir", "scandir",
}
"""Path (and os) methods that touch the file system."""


def _file_io_in(module: str) -> list[str]:
    import ast
    import importlib.util

    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"), spec.origin)
    found: list[str] = []
    for node in ast.walk(tree):
        where = f"{module}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Import):
            found += [f"{where}: import {a.name}" for a in node.names
                      if a.name.split(".")[0] in IO_MODULES or a.name in IO_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            if node.module in IO_MODULES or node.module.split(".")[0] in IO_MODULES:
                found.append(f"{where}: from {node.module} import ...")
            found += [f"{where}: imports {a.name}" for a in node.names if a.name in IO_NAMES]
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in IO_NAMES:
                found.append(f"{where}: {func.id}(...)")
            elif isinstance(func, ast.Attribute) and func.attr in IO_METHODS:
                found.append(f"{where}: .{func.attr}(...)")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and (
            node.value.id in {"os", "shutil", "tempfile", "fcntl"}
        ):
            found.append(f"{where}: {node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("module", PURE_RECORD_MODULES)
def test_record_format_and_drift_do_no_file_io(module: str) -> None:
    assert _file_io_in(module) == []


def test_the_file_io_scan_sees_the_store_do_io() -> None:
    found = _file_io_in("modelpick.records.store")
    assert any("import os" in f for f in found) and any("os.listdir" in f for f in found)


@pytest.mark.parametrize(
    "module", ["modelpick.records", *PURE_RECORD_MODULES, "modelpick.records.store"]
)
def test_records_modules_do_not_import_interface_libraries(module: str) -> None:
    assert _interface_in(_loaded_after(f"import {module}")) == []
