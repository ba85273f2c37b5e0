"""What every check is given besides the catalog, and the walks several checks share.

A check is `check(catalog, ctx) -> Iterable[Finding]`. The context knows where each key path
sits in its file, today's date, and the name of the check it is lent to, so a check says only
which file, which key and what is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from modelpick.catalog import schema as s
from modelpick.catalog.findings import Finding, Severity
from modelpick.catalog.parse import Catalog
from modelpick.errors import format_key

if TYPE_CHECKING:
    from modelpick.yamlfile import KeyPath, YamlDocument

CATALOG = "catalog.yaml"
SOURCES = "sources.yaml"
LICENSES = "licenses.yaml"
MODELS = "models.yaml"
HARDWARE = "hardware.yaml"
BENCHMARKS = "benchmarks.yaml"
PROVIDERS = "providers.yaml"
POLICY = "policy.yaml"


@dataclass(frozen=True)
class CheckContext:
    """The catalog's documents (for file:line), today, and the name findings carry."""

    docs: Mapping[str, YamlDocument]
    today: dt.date
    check: str

    def finding(
        self, severity: Severity, file_name: str, path: KeyPath, message: str
    ) -> Finding:
        """A finding at `path` in one of the catalog's files, located to line and column."""
        doc = self.docs[file_name]
        line, column = doc.locate(path)
        return Finding(
            check=self.check,
            severity=severity,
            message=message,
            file=doc.file,
            line=line,
            column=column,
            key=format_key(list(path)),
        )

    def error(self, file_name: str, path: KeyPath, message: str) -> Finding:
        """An error finding (fails validation and loading)."""
        return self.finding(Severity.ERROR, file_name, path, message)

    def warning(self, file_name: str, path: KeyPath, message: str) -> Finding:
        """A warning finding (fails validation only with --strict)."""
        return self.finding(Severity.WARNING, file_name, path, message)


Check = Callable[[Catalog, CheckContext], Iterable[Finding]]
"""The one signature every check has."""


def pick_lists(policy: s.Policy) -> Iterable[tuple[str, s.DeploymentMode, str, int, str]]:
    """(section, mode, task key, index, model id) for every pick in the policy."""
    tables = (("picks", policy.picks), ("picks_cost_dominant", policy.picks_cost_dominant))
    for section, table in tables:
        for mode, by_task in table.items():
            for task, ids in by_task.items():
                for index, model_id in enumerate(ids):
                    yield section, mode, str(task), index, model_id


def source_refs(cat: Catalog) -> Iterable[tuple[str, list[str | int], str]]:
    """(file, key path, source id) for every source citation in the catalog."""

    def cited(
        file_name: str, base: list[str | int], ids: list[str]
    ) -> Iterable[tuple[str, list[str | int], str]]:
        for j, source_id in enumerate(ids):
            yield file_name, [*base, "sources", j], source_id

    def claims(
        file_name: str, base: list[str | int], disagreements: list[s.Disagreement]
    ) -> Iterable[tuple[str, list[str | int], str]]:
        for k, dis in enumerate(disagreements):
            for m, claim in enumerate(dis.claims):
                yield file_name, [*base, "disagreements", k, "claims", m, "source"], claim.source

    for i, lic in enumerate(cat.licenses):
        yield from cited(LICENSES, ["licenses", i], lic.sources)
    for i, model in enumerate(cat.models):
        yield from cited(MODELS, ["models", i], model.sources)
        yield from claims(MODELS, ["models", i], model.disagreements)
        if model.shape is not None:
            yield from cited(MODELS, ["models", i, "shape"], model.shape.sources)
    for i, gpu in enumerate(cat.gpus):
        yield from cited(HARDWARE, ["gpus", i], gpu.sources)
        for j, gpu_price in enumerate(gpu.prices):
            yield from cited(HARDWARE, ["gpus", i, "prices", j], gpu_price.sources)
    for i, bench in enumerate(cat.benchmarks):
        yield from cited(BENCHMARKS, ["benchmarks", i], bench.sources)
    for i, provider in enumerate(cat.providers):
        yield from cited(PROVIDERS, ["providers", i], provider.sources)
        privacy = provider.privacy.sources
        yield from cited(PROVIDERS, ["providers", i, "privacy"], privacy)
        for j, source_id in enumerate(provider.regions_sources):
            yield PROVIDERS, ["providers", i, "regions_sources", j], source_id
    for i, price in enumerate(cat.prices):
        yield from cited(PROVIDERS, ["prices", i], price.sources)
    yield from cited(POLICY, ["policy"], cat.policy.sources)
    yield from cited(POLICY, ["policy", "sizing"], cat.policy.sizing.sources)
    yield from cited(POLICY, ["policy", "operations"], cat.policy.operations.sources)
    yield from cited(POLICY, ["policy", "right_sizing"], cat.policy.right_sizing.sources)
    for i, why in enumerate(cat.policy.rationales):
        yield from cited(POLICY, ["policy", "rationales", i], why.sources)
    yield from claims(POLICY, ["policy"], cat.policy.disagreements)


def amount(value: float) -> str:
    """A figure in a message: thousands separated, `.0` dropped, huge typos kept short."""
    if abs(value) >= 1e15:  # a typo of many digits: keep the message one readable line
        try:
            return f"{float(value):.3g}"
        except OverflowError:
            return "more than 1e308"
    return f"{value:,.1f}".removesuffix(".0")
