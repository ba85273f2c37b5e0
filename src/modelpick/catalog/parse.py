"""Parse a catalog directory: YAML -> validated models, every problem with file:line:key.

Meaning beyond the shape is left to `checks`; `loader.load_catalog` runs both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from modelpick.catalog import schema as s
from modelpick.catalog.findings import Finding, Severity
from modelpick.errors import InputError
from modelpick.validation import NUMBER_KINDS, Problem, problems
from modelpick.yamlfile import YamlDocument, load_yaml_file

MAX_CATALOG_FILE_BYTES = 32 * 1024 * 1024
"""Room for tens of thousands of models; beyond it a file is a mistake, not a catalog."""


def _vocabulary() -> list[str]:
    names: set[str] = set()
    for name in dir(s):
        obj = getattr(s, name)
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            names.update(obj.model_fields)
    return sorted(names)


_FIELD_NAMES = _vocabulary()


def _check_of(problem: Problem) -> str:
    """A figure out of its range is a `numbers` finding (a date out of its window, `dates`)."""
    if problem.kind not in NUMBER_KINDS:
        return "schema"
    return "dates" if isinstance(problem.bound, dt.date) else "numbers"


def schema_findings(doc: YamlDocument, exc: ValidationError) -> list[Finding]:
    """Turn pydantic's errors into findings that point at file, line and key."""
    return [
        Finding(
            check=_check_of(problem),
            severity=Severity.ERROR,
            message=problem.message,
            file=doc.file,
            line=problem.line,
            column=problem.column,
            key=problem.key,
        )
        for problem in problems(exc, doc.data, doc, _FIELD_NAMES)
    ]


@dataclass
class Catalog:
    """A loaded catalog: the validated files, lookups by id, and where each came from."""

    directory: str
    meta: s.CatalogMeta
    sources: list[s.Source]
    licenses: list[s.License]
    models: list[s.Model]
    gpus: list[s.Gpu]
    benchmarks: list[s.Benchmark]
    providers: list[s.Provider]
    prices: list[s.Price]
    policy: s.Policy
    docs: dict[str, YamlDocument] = field(repr=False)
    memo: dict[object, object] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """Results computed from this catalog alone (sizing), for callers that ask again; a
    catalog made with `dataclasses.replace` starts with an empty one."""

    @cached_property
    def models_by_id(self) -> dict[str, s.Model]:
        return {m.id: m for m in self.models}

    @cached_property
    def sorted_model_ids(self) -> list[str]:
        return sorted(self.models_by_id)

    @cached_property
    def licenses_by_id(self) -> dict[str, s.License]:
        return {lic.id: lic for lic in self.licenses}

    @cached_property
    def gpus_by_id(self) -> dict[str, s.Gpu]:
        return {g.id: g for g in self.gpus}

    @cached_property
    def providers_by_id(self) -> dict[str, s.Provider]:
        return {p.id: p for p in self.providers}

    @cached_property
    def sources_by_id(self) -> dict[str, s.Source]:
        return {src.id: src for src in self.sources}

    @cached_property
    def benchmarks_by_model(self) -> dict[str, list[s.Benchmark]]:
        out: dict[str, list[s.Benchmark]] = {}
        for bench in self.benchmarks:
            out.setdefault(bench.model, []).append(bench)
        return out

    @cached_property
    def prices_by_model(self) -> dict[str, list[s.Price]]:
        out: dict[str, list[s.Price]] = {}
        for price in self.prices:
            out.setdefault(price.model, []).append(price)
        return out


@contextmanager
def default_catalog_dir() -> Iterator[Path]:
    """The catalog embedded in the installed package."""
    with resources.as_file(resources.files("modelpick").joinpath("catalog_data")) as path:
        yield path


def _parse_dir(directory: Path) -> tuple[dict[str, Any], dict[str, YamlDocument], list[Finding]]:
    """Parse and schema-check every catalog file; collect every problem."""
    parsed: dict[str, Any] = {}
    docs: dict[str, YamlDocument] = {}
    findings: list[Finding] = []
    if not directory.is_dir():
        what = "is not a directory" if directory.exists() else "does not exist"
        raise InputError(f"catalog directory {what}", file=str(directory))
    for name, model in s.FILES.items():
        path = directory / name
        try:
            doc = load_yaml_file(path, max_bytes=MAX_CATALOG_FILE_BYTES, what="catalog file")
        except InputError as exc:
            findings.append(
                Finding(
                    check="yaml",
                    severity=Severity.ERROR,
                    message=exc.message,
                    file=exc.file,
                    line=exc.line,
                    column=exc.column,
                )
            )
            continue
        docs[name] = doc
        if not isinstance(doc.data, dict):
            got = "an empty file" if doc.data is None else _yaml_type(doc.data)
            findings.append(
                Finding(
                    check="schema",
                    severity=Severity.ERROR,
                    message=f"expected a mapping at the top of the file, got {got}",
                    file=doc.file,
                    line=1,
                )
            )
            continue
        try:
            parsed[name] = model.model_validate(doc.data)
        except ValidationError as exc:
            findings.extend(schema_findings(doc, exc))
    return parsed, docs, findings


def _yaml_type(value: Any) -> str:
    names = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "a boolean"}
    return names.get(type(value), type(value).__name__)


def parse_catalog(directory: Path) -> tuple[Catalog | None, list[Finding]]:
    """Load a catalog, returning it (when every file is well-formed) and the problems found."""
    parsed, docs, findings = _parse_dir(directory)
    if findings:
        return None, findings
    sources = parsed["sources.yaml"]
    licenses = parsed["licenses.yaml"]
    models = parsed["models.yaml"]
    hardware = parsed["hardware.yaml"]
    providers = parsed["providers.yaml"]
    catalog = Catalog(
        directory=str(directory),
        meta=parsed["catalog.yaml"],
        sources=sources.sources,
        licenses=licenses.licenses,
        models=models.models,
        gpus=hardware.gpus,
        benchmarks=parsed["benchmarks.yaml"].benchmarks,
        providers=providers.providers,
        prices=providers.prices,
        policy=parsed["policy.yaml"].policy,
        docs=docs,
    )
    return catalog, findings
