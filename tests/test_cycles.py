"""No import cycles among modelpick's modules.

Imports are read with `ast`, not by importing: module-level and function-level imports both
count (a lazy import only hides a cycle), imports under `if TYPE_CHECKING:` do not (they never
run). To see every cycle (add `--type-checking` to count those imports too):

    python tests/test_cycles.py
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = "modelpick"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted((SRC / ROOT).rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(
    tree: ast.AST, module: str, is_package: bool, *, type_checking: bool = False
) -> Iterator[str]:
    """Every module name an import statement names; `if TYPE_CHECKING:` bodies only if asked."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if not type_checking and isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module if is_package else module.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}".rstrip(".")
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)
        stack.extend(ast.iter_child_nodes(node))


def import_graph(*, type_checking: bool = False) -> dict[str, set[str]]:
    """Each modelpick module -> the modelpick modules it imports (parents not implied)."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets = _imports(tree, name, path.name == "__init__.py", type_checking=type_checking)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph[node]):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def _in_package(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


PACKAGES = [
    "modelpick.catalog",
    "modelpick.report",
    "modelpick.engine",
    "modelpick.records",
    "modelpick.cli",
    "modelpick.entry",
]


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_cycle_touches(package: str) -> None:
    touching = [c for c in cycles(import_graph()) if any(_in_package(m, package) for m in c)]
    assert touching == [], "run `python tests/test_cycles.py` to see them"


def test_catalog_has_no_cycle_even_through_type_checking_imports() -> None:
    graph = import_graph(type_checking=True)
    touching = [c for c in cycles(graph) if any(_in_package(m, "modelpick.catalog") for m in c)]
    assert touching == []


def test_the_graph_sees_lazy_imports_and_skips_type_checking(tmp_path: Path) -> None:
    code = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from modelpick import a\n"
        "def f():\n    from modelpick.b import thing\n"
        "from . import c\n"
    )
    names = set(_imports(ast.parse(code), "modelpick.pkg.mod", is_package=False))
    assert "modelpick.a" not in names
    assert {"modelpick.b", "modelpick.pkg.c"} <= names
    assert cycles({"x": {"y"}, "y": {"x"}, "z": {"x"}}) == [["x", "y"]]


def test_the_graph_covers_the_package() -> None:
    graph = import_graph()
    assert "modelpick.catalog.loader" in graph
    assert "modelpick.catalog.checks" in graph["modelpick.catalog.loader"]


if __name__ == "__main__":
    found = cycles(import_graph(type_checking="--type-checking" in sys.argv))
    for component in found:
        print(" <-> ".join(component))
    print(f"{len(found)} import cycle(s)")
    sys.exit(1 if found else 0)
