"""Build hook: a wheel is never built with a stale snapshot of the shipped catalog or templates.

The snapshot (`catalog/snapshot.json`, made by `python -m modelpick.catalog.snapshot`) records
a sha256 of the catalog's YAML files, and each compiled report template
(`src/modelpick/report/compiled/*.py`, made by `python -m modelpick.report.compile_templates`) the
sha256 of its template; the build stops when the files no longer have it. Only the standard
library is used: the build runs in an environment with hatchling alone.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

REGENERATE = "python -m modelpick.catalog.snapshot"
RECOMPILE = "python -m modelpick.report.compile_templates"
TEMPLATES = ("report.md.j2", "record.md.j2", "portfolio.md.j2")


def catalog_sha256(directory: Path) -> str:
    """The digest `modelpick.catalog.plain.content_sha256` gives the shipped catalog."""
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


class SnapshotCheck(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":  # reads catalog/ in place, and falls back to the YAML
            return
        catalog = Path(self.root) / "catalog"
        snapshot = catalog / "snapshot.json"
        try:
            header = json.loads(snapshot.read_bytes().partition(b"\n")[0])
        except (OSError, ValueError):
            header = {}
        if header.get("catalog_sha256") != catalog_sha256(catalog):
            raise RuntimeError(
                f"{snapshot} does not match the catalog's YAML files (missing or stale); "
                f"regenerate it: {REGENERATE}"
            )
        _check_templates(Path(self.root) / "src" / "modelpick" / "report")


def _check_templates(report: Path) -> None:
    """Each shipped template's compiled file names the template's current sha256."""
    for name in TEMPLATES:
        source = (report / "templates" / name).read_bytes()
        compiled = report / "compiled" / (name.removesuffix(".j2").replace(".", "_") + ".py")
        try:
            first = compiled.read_text(encoding="utf-8").partition("\n")[0]
        except OSError:
            first = ""
        if f"sha256={hashlib.sha256(source).hexdigest()} " not in first:
            raise RuntimeError(
                f"{compiled} does not match {name} (missing or stale); regenerate it: {RECOMPILE}"
            )
