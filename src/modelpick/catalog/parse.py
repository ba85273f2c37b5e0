"""Parse a catalog directory: YAML -> validated records, every problem with file:line:key.

Meaning beyond the shape is left to `checks`; `loader.load_catalog` runs both. Importing this
module is cheap (no YAML parser, no pydantic model): commands that use a catalog validated
earlier need `Catalog` and never parse.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelpick.catalog import schema as s
from modelpick.catalog.findings import Finding, Severity
from modelpick.catalog.record import Record
from modelpick.errors import InputError

if TYPE_CHECKING:
    from pydantic import ValidationError

    from modelpick.validation import Problem
    from modelpick.yamlfile import YamlDocument

MAX_CATALOG_FILE_BYTES = 32 * 1024 * 1024
"""Room for tens of thousands of models; beyond it a file is a mistake, not a catalog."""


@functools.cache
def field_names() -> list[str]:
    """Every field name any catalog type has: the vocabulary of "did you mean" hints."""
    names: set[str] = set()
    for name in dir(s):
        obj = getattr(s, name)
        if isinstance(obj, type) and issubclass(obj, Record):
            names.update(obj.__record_fields__)
    return sorted(names)


def _check_of(problem: Problem) -> str:
    """A figure out of its range is a `numbers` finding (a date out of its window, `dates`)."""
    from modelpick.validation import NUMBER_KINDS

    if problem.kind not in NUMBER_KINDS:
        return "schema"
    return "dates" if isinstance(problem.bound, dt.date) else "numbers"


def schema_findings(doc: YamlDocument, exc: ValidationError) -> list[Finding]:
    """Turn pydantic's errors into findings that point at file, line and key."""
    from modelpick.validation import problems

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
        for problem in problems(exc, doc.data, doc, field_names())
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
    docs: Mapping[str, YamlDocument] = field(repr=False)
    """The files as read, for pointing at a line (read on demand when the records came
    from the snapshot or a cache entry)."""
    memo: dict[object, object] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """Results computed from this catalog alone (sizing), for callers that ask again; a
    catalog made with `dataclasses.replace` starts with an empty one."""

    @classmethod
    def from_files(
        cls, directory: Path, files: Mapping[str, Any], docs: Mapping[str, YamlDocument]
    ) -> Catalog:
        """A catalog from each file's validated record (`schema.FILES`)."""
        providers = files["providers.yaml"]
        return cls(
            directory=str(directory),
            meta=files["catalog.yaml"],
            sources=files["sources.yaml"].sources,
            licenses=files["licenses.yaml"].licenses,
            models=files["models.yaml"].models,
            gpus=files["hardware.yaml"].gpus,
            benchmarks=files["benchmarks.yaml"].benchmarks,
            providers=providers.providers,
            prices=providers.prices,
            policy=files["policy.yaml"].policy,
            docs=docs,
        )

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


def _parse_dir(
    directory: Path, records: dict[str, Any] | None, files: Mapping[str, bytes] | None
) -> tuple[dict[str, Any], dict[str, YamlDocument], list[Finding]]:
    """Parse and schema-check every catalog file; collect every problem."""
    from pydantic import ValidationError

    from modelpick.catalog.adopt import adopt
    from modelpick.catalog.validators import validator
    from modelpick.yamlfile import load_yaml_bytes, load_yaml_file

    parsed: dict[str, Any] = {}
    docs: dict[str, YamlDocument] = {}
    findings: list[Finding] = []
    if not directory.is_dir():
        what = "is not a directory" if directory.exists() else "does not exist"
        raise InputError(f"catalog directory {what}", file=str(directory))
    for name, record in s.FILES.items():
        path = directory / name
        try:
            if files is None:
                doc = load_yaml_file(path, max_bytes=MAX_CATALOG_FILE_BYTES, what="catalog file")
            else:
                doc = load_yaml_bytes(files[name], path, what="catalog file")
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
            valid = validator(record).model_validate(doc.data)
        except ValidationError as exc:
            findings.extend(schema_findings(doc, exc))
        else:
            parsed[name] = adopt(record, valid)  # takes `valid` over: no use of it after
            if records is not None:
                records[name] = parsed[name]
    return parsed, docs, findings


def _yaml_type(value: Any) -> str:
    names = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "a boolean"}
    return names.get(type(value), type(value).__name__)


def parse_catalog(
    directory: Path,
    *,
    records: dict[str, Any] | None = None,
    files: Mapping[str, bytes] | None = None,
) -> tuple[Catalog | None, list[Finding]]:
    """Load a catalog, returning it (when every file is well-formed) and the problems found.

    `records`, when given, receives each file's validated record (for `plain.encode`).
    `files`, when given, are the
    catalog files' bytes, read already (`cache.read_files`): they are parsed instead of the
    files on disk, so what is validated is exactly what was digested.
    """
    parsed, docs, findings = _parse_dir(directory, records, files)
    if findings:
        return None, findings
    return Catalog.from_files(directory, parsed, docs), findings


class Documents(Mapping[str, "YamlDocument"]):
    """A catalog's files, each read (and parsed) the first time a finding points into it.

    For catalogs whose records came from the snapshot or a cache entry: their checks ran
    when they were made, so the files are read again only to locate a new finding.
    """

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._read: dict[str, YamlDocument] = {}

    def __getitem__(self, name: str) -> YamlDocument:
        if name not in s.FILES:
            raise KeyError(name)
        doc = self._read.get(name)
        if doc is None:
            from modelpick.yamlfile import load_yaml_file

            doc = self._read[name] = load_yaml_file(
                self._directory / name, max_bytes=MAX_CATALOG_FILE_BYTES, what="catalog file"
            )
        return doc

    def __iter__(self) -> Iterator[str]:
        return iter(s.FILES)

    def __len__(self) -> int:
        return len(s.FILES)
