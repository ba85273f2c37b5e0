"""The shipped report templates, compiled to Python ahead of time (the catalog's snapshot's twin).

Compiling a template is jinja2's parser and code generator: tens of milliseconds a report,
a tenth of `advise --format markdown`. The shipped templates are compiled once, by
`python -m modelpick.report.compile_templates` (`--check` says whether they are current), into
`report/compiled/`, each file headed by its template's sha256 and the jinja2 version that
compiled it. The loader takes a compiled file only when both match, and takes its code object
from Python's own bytecode cache; anything else is compiled as before. These are files of the
package itself (the templates' own code), never a user's: `--template DIR` is compiled, and
sandboxed, every time. A test and the wheel's build hook refuse a stale file.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable, MutableMapping
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2

SHIPPED = ("report.md.j2", "record.md.j2", "portfolio.md.j2")
PACKAGE = "modelpick.report.compiled"
COMPILED = Path(__file__).parent / "compiled"
REGENERATE = "python -m modelpick.report.compile_templates"
_HEADER = "# modelpick precompiled template: sha256={sha} jinja2={version}\n"


def module_name(template: str) -> str:
    """`report.md.j2` is compiled into the module `report_md`."""
    return template.removesuffix(".j2").replace(".", "_")


def header(source: str) -> str:
    """The first line of a compiled file: what it was compiled from, and by which jinja2."""
    sha = hashlib.sha256(source.encode()).hexdigest()
    return _HEADER.format(sha=sha, version=jinja2.__version__)


class ShippedLoader(jinja2.PackageLoader):
    """The package's templates, from their compiled files while those are current."""

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        source, filename, uptodate = self.get_source(environment, name)
        code = _compiled_code(name, source)
        if code is None:
            code = environment.compile(source, name, filename)
        return environment.template_class.from_code(
            environment, code, {} if globals is None else globals, uptodate
        )


def _compiled_code(name: str, source: str) -> CodeType | None:
    """The code of `name`'s compiled file, if it was compiled from `source` by this jinja2."""
    if name not in SHIPPED:
        return None
    path = COMPILED / f"{module_name(name)}.py"
    try:
        with path.open(encoding="utf-8") as file:
            first = file.readline()
    except OSError:
        return None
    if first != header(source):
        return None
    # A file, not a module (its code runs only through `from_code`, with an environment):
    # its code object comes from the bytecode cache beside it, as an import's would.
    spec = importlib.util.spec_from_file_location(f"{PACKAGE}.{module_name(name)}", path)
    loader = spec.loader if spec is not None else None
    get_code: Callable[[str], CodeType | None] | None = getattr(loader, "get_code", None)
    return get_code(spec.name) if get_code is not None and spec is not None else None
