"""The layering that keeps start-up fast: only the shell (`modelpick.cli`) imports the
interface libraries, and only `modelpick.cli.main` turns exceptions into exit codes."""

from __future__ import annotations

import ast
import functools
import importlib.util
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import modelpick

INTERFACE = ("typer", "rich", "questionary", "prompt_toolkit", "click")
SHELL = "modelpick.cli"
NOT_IMPORTABLE = ("modelpick.__main__",)  # runs the program when imported
CORE_PACKAGES = ("modelpick.catalog", "modelpick.engine", "modelpick.report")
"""Named so that the test fails if one of them stops being found; every other package and
module outside the shell is core too (`inputs`, `records`, `sizing`, `fileio`, ...)."""
SRC = Path(modelpick.__file__).parent


def _core_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(modelpick.__path__, "modelpick.")
        if info.name != SHELL and not info.name.startswith(f"{SHELL}.")
        and info.name not in NOT_IMPORTABLE
    ]
    return sorted(names)


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache  # parsed once per worker: a dozen tests and every renderer read them
def _sources() -> dict[str, ast.Module]:
    return {
        _module_name(path): ast.parse(path.read_text(encoding="utf-8"), str(path))
        for path in sorted(SRC.rglob("*.py"))
    }


def _first_to_load_interface(modules: list[str]) -> dict[str, list[str]]:
    """Import `modules` one after another in one fresh interpreter; the first whose import
    brings in an interface library, with what it brought (empty when none does)."""
    probe = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"    found = sorted(m for m in sys.modules if m.split('.')[0] in {INTERFACE!r})\n"
        "    if found:\n"
        "        print(json.dumps({name: found}))\n"
        "        break\n"
        "else:\n"
        "    print('{}')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    result: dict[str, list[str]] = json.loads(out.strip().splitlines()[-1])
    return result


def test_no_core_module_imports_interface_libraries() -> None:
    """Every core module imported in one interpreter: none may bring typer, rich and the like.

    One interpreter for all of them (not one each) keeps this fast; if any module loads an
    interface library, importing all of them does too, and the first to do it is named.
    """
    assert _first_to_load_interface(_core_modules()) == {}


def test_the_interface_probe_sees_an_interface_import() -> None:
    assert _first_to_load_interface(["json", "modelpick.cli.app"]) != {}


def test_there_are_core_modules_to_check() -> None:
    core = _core_modules()
    assert len(core) >= 15
    assert set(CORE_PACKAGES) <= set(core)
    assert SHELL not in core and "modelpick.entry" in core


def _imported(tree: ast.Module) -> set[str]:
    """Every top-level package a module imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_shell_imports_interface_libraries_even_lazily() -> None:
    offenders = {
        module: sorted(_imported(tree) & set(INTERFACE))
        for module, tree in _sources().items()
        if not (module == SHELL or module.startswith(f"{SHELL}."))
    }
    assert {m: libs for m, libs in offenders.items() if libs} == {}


_EXITS = re.compile(r"^(typer\.Exit|sys\.exit|SystemExit|os\._exit|exit|quit)$")


def _exits_by_function(tree: ast.Module) -> set[str]:
    """Functions that end the process or raise an exit: `typer.Exit(...)`, `sys.exit(...)`."""
    found: set[str] = set()

    def visit(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Call) and _EXITS.match(ast.unparse(child.func)):
                found.add(where)
            visit(child, where)

    visit(tree, "<module>")
    return found


def test_only_cli_main_maps_exceptions_to_exit_codes() -> None:
    """Commands raise; cli.main chooses every exit code (entry answers --version alone)."""
    exits = {
        f"{module}:{function}"
        for module, tree in _sources().items()
        for function in _exits_by_function(tree)
    }
    assert exits == {
        "modelpick.cli.main:main",
        "modelpick.cli.app:_version_callback",  # --version is the answer, exit 0
        "modelpick.entry:main",  # the fast --version path, before the CLI is imported
        # a build step, not a command: `python -m modelpick.catalog.snapshot` regenerates
        # the shipped catalog's snapshot and exits 1 when `--check` finds it stale
        "modelpick.catalog.snapshot:<module>",
        # and `python -m modelpick.report.compile_templates` the shipped report templates'
        "modelpick.report.compile_templates:<module>",
    }


def test_exit_codes_are_read_only_where_they_are_mapped() -> None:
    """The exit-code constants and `.exit_code` appear in errors.py and cli.main alone."""
    pattern = re.compile(r"\bEXIT_[A-Z_]+\b|\.exit_code\b")
    users = {
        module
        for module, tree in _sources().items()
        if pattern.search(ast.unparse(tree))
    }
    assert users == {"modelpick.errors", "modelpick.cli.main", "modelpick.cli.app"}


def _imports_the_shell(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(SHELL):
            return True
        if isinstance(node, ast.Import) and any(a.name.startswith(SHELL) for a in node.names):
            return True
    return False


def test_nothing_outside_the_shell_imports_it() -> None:
    importers = {
        module
        for module, tree in _sources().items()
        if not (module == SHELL or module.startswith(f"{SHELL}.")) and _imports_the_shell(tree)
    }
    assert importers == {"modelpick.entry"}  # which runs it, lazily


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
    # pydantic too: plainly valid answers are checked by `prevalidate` (issue 17)
    unwanted = ("rich", "jinja2", "questionary", "prompt_toolkit", "ruamel", "pydantic")
    if importlib.util.find_spec("ryaml") is not None:  # plain YAML needs no pyyaml then
        unwanted = (*unwanted, "yaml")
    assert sorted(m for m in loaded if m.split(".")[0] in unwanted) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["advise", "--no-input", "--format", "json", "--set", "task=rag"],
        ["catalog", "validate", "--format", "json"],
        ["size", "qwen3", "--gpu", "h100-80gb", "--format", "json"],
    ],
    ids=["advise", "validate", "size"],
)
def test_the_shipped_catalog_comes_from_its_snapshot(argv: list[str], tmp_path: Path) -> None:
    """No catalog model of pydantic's is built and no catalog YAML parsed: its snapshot is."""
    loaded = _modules_of_run(argv, tmp_path)
    assert "modelpick.catalog.snapshot" in loaded  # it really ran
    assert "modelpick.catalog.validators" not in loaded
    assert "modelpick.catalog.cache" not in loaded  # the shipped catalog needs no cache


def test_a_cached_catalog_is_not_validated_again(
    tmp_path: Path, catalog_min: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # a first use
    argv = ["advise", "--no-input", "--format", "json", "--catalog", str(catalog_min)]
    first = _modules_of_run(argv, tmp_path)
    assert "modelpick.catalog.validators" in first  # the first use validates ...
    again = _modules_of_run(argv, tmp_path)
    assert "modelpick.catalog.cache" in again
    assert "modelpick.catalog.validators" not in again  # ... the next ones read the cache
    uncached = _modules_of_run([*argv, "--no-cache"], tmp_path)
    assert "modelpick.catalog.validators" in uncached and "modelpick.catalog.cache" not in uncached


def test_package_version_is_importable_cheaply() -> None:
    assert modelpick.__version__


# --- decision records: the format and drift are pure; the store does the I/O ----------------

PURE_RECORD_MODULES = (
    "modelpick.records.format", "modelpick.records.drift", "modelpick.records.header",
    "modelpick.records.edit", "modelpick.records.lifecycle",
)
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


def test_records_modules_do_not_import_interface_libraries() -> None:
    modules = ["modelpick.records", *PURE_RECORD_MODULES, "modelpick.records.store",
               "modelpick.records.manage"]
    assert _first_to_load_interface(modules) == {}


def test_the_shell_does_not_import_the_entry_point() -> None:
    """entry -> cli only: the version line and signal helpers live in their own modules."""
    for module, tree in _sources().items():
        if module == SHELL or module.startswith(f"{SHELL}."):
            imported = {
                node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            }
            assert "modelpick.entry" not in imported, module


def _import_graph() -> dict[str, set[str]]:
    """Module -> the modelpick modules it imports (at the top or inside functions)."""
    sources = _sources()
    graph: dict[str, set[str]] = {}
    for module, tree in sources.items():
        targets: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
        graph[module] = {t for t in targets if t in sources and t != module}
    return graph


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), list(graph[start])
    while todo:
        module = todo.pop()
        if module == goal:
            return True
        if module not in seen:
            seen.add(module)
            todo += graph[module]
    return False


def test_no_import_cycle_runs_through_the_shell_or_the_entry_point() -> None:
    graph = _import_graph()
    ends = [m for m in graph if m == SHELL or m.startswith(f"{SHELL}.")]
    ends += ["modelpick.entry", "modelpick.version", "modelpick.signals", "modelpick.errors"]
    assert [m for m in ends if _reaches(graph, m, m)] == []


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


# --- renderers take the Advice alone ---------------------------------------------------------

CATALOG = "modelpick.catalog"
RENDERERS_DESCRIBING_THE_CATALOG = {
    "modelpick.report.findings": "renders `catalog validate`'s findings (catalog.checks types)",
    "modelpick.report.prices": "renders `catalog import-prices`'s plan (catalog.price_plan types)",
}
"""Report modules whose input is a catalog operation's result, not an Advice: they describe
the catalog's own validation and price import, so they read its result types."""


def _renderer_modules() -> list[str]:
    names = [
        name for name in _sources()
        if name.startswith("modelpick.report.")
        or re.fullmatch(r"modelpick\.cli\.\w+_view", name)
        or name == "modelpick.records.format"
    ]
    return sorted(n for n in names if n not in RENDERERS_DESCRIBING_THE_CATALOG)


def _imported_modules(module: str, tree: ast.Module) -> list[tuple[int, str]]:
    """Every module an AST imports, at any depth (functions, TYPE_CHECKING blocks too)."""
    package = module.rsplit(".", 1)[0]
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            out.append((node.lineno, base))
            out += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return out


def _catalog_imports(module: str, tree: ast.Module) -> list[str]:
    return [
        f"{module}:{line}: {name}"
        for line, name in _imported_modules(module, tree)
        if name == CATALOG or name.startswith(f"{CATALOG}.")
    ]


def test_there_are_renderers_to_scan() -> None:
    found = _renderer_modules()
    for expected in ("modelpick.report.markdown", "modelpick.report.madr",
                     "modelpick.report.words", "modelpick.report.portfolio_markdown",
                     "modelpick.cli.advice_view", "modelpick.records.format"):
        assert expected in found


@pytest.mark.parametrize("module", _renderer_modules())
def test_renderer_imports_nothing_from_the_catalog(module: str) -> None:
    """Renderers take the Advice alone: what they need of the catalog, the engine attached."""
    assert _catalog_imports(module, _sources()[module]) == []


@pytest.mark.parametrize("module", sorted(RENDERERS_DESCRIBING_THE_CATALOG))
def test_the_exceptions_still_need_the_catalog(module: str) -> None:
    """An exception that no longer imports the catalog should leave the list."""
    assert _catalog_imports(module, _sources()[module]) != []


def test_the_catalog_import_scan_sees_every_form() -> None:
    code = (
        "from typing import TYPE_CHECKING\n"
        "import modelpick.catalog.loader\n"
        "from modelpick import catalog\n"
        "from ..catalog.schema import Model\n"
        "if TYPE_CHECKING:\n"
        "    from modelpick.catalog.loader import Catalog\n"
        "def f():\n"
        "    from modelpick.catalog import schema\n"
    )
    found = _catalog_imports("modelpick.report.x", ast.parse(code))
    assert sorted({int(f.split(":")[1]) for f in found}) == [2, 3, 4, 6, 8]
