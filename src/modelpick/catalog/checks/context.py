"""What every check is given besides the catalog, and the walks several checks share.

A check is `check(catalog, ctx) -> Iterable[Finding]`. The context knows where each key path
sits in its file, today's date, and the name of the check it is lent to, so a check says only
which file, which key and what is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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


SourceList = tuple[str, tuple[str | int, ...], Sequence[str], bool]
"""(file, key path, source ids, indexed): ids cited at `path` (`[*path, j]` for the j-th
one when `indexed`, else `path` itself: a claim's one `source`)."""


def source_lists(cat: Catalog) -> Iterator[SourceList]:
    """Every place the catalog cites sources, in file order, with the ids it cites there.

    The one walk of the catalog's citations: `source_refs` is each id of these with its own
    key path; checks that need only the ids read them here, and build no path for each.
    """
    for i, lic in enumerate(cat.licenses):
        yield LICENSES, ("licenses", i, "sources"), lic.sources, True
    for i, model in enumerate(cat.models):
        yield MODELS, ("models", i, "sources"), model.sources, True
        for k, dis in enumerate(model.disagreements):
            for m, claim in enumerate(dis.claims):
                claimed = ("models", i, "disagreements", k, "claims", m, "source")
                yield MODELS, claimed, (claim.source,), False
        if model.shape is not None:
            yield MODELS, ("models", i, "shape", "sources"), model.shape.sources, True
    for i, gpu in enumerate(cat.gpus):
        yield HARDWARE, ("gpus", i, "sources"), gpu.sources, True
        for j, gpu_price in enumerate(gpu.prices):
            yield HARDWARE, ("gpus", i, "prices", j, "sources"), gpu_price.sources, True
    for i, bench in enumerate(cat.benchmarks):
        yield BENCHMARKS, ("benchmarks", i, "sources"), bench.sources, True
    for i, provider in enumerate(cat.providers):
        yield PROVIDERS, ("providers", i, "sources"), provider.sources, True
        yield PROVIDERS, ("providers", i, "privacy", "sources"), provider.privacy.sources, True
        yield PROVIDERS, ("providers", i, "regions_sources"), provider.regions_sources, True
    for i, price in enumerate(cat.prices):
        yield PROVIDERS, ("prices", i, "sources"), price.sources, True
    policy = cat.policy
    yield POLICY, ("policy", "sources"), policy.sources, True
    yield POLICY, ("policy", "sizing", "sources"), policy.sizing.sources, True
    yield POLICY, ("policy", "operations", "sources"), policy.operations.sources, True
    yield POLICY, ("policy", "right_sizing", "sources"), policy.right_sizing.sources, True
    for i, why in enumerate(policy.rationales):
        yield POLICY, ("policy", "rationales", i, "sources"), why.sources, True
    for k, dis in enumerate(policy.disagreements):
        for m, claim in enumerate(dis.claims):
            claim_path = ("policy", "disagreements", k, "claims", m, "source")
            yield POLICY, claim_path, (claim.source,), False


def source_refs(cat: Catalog) -> Iterable[tuple[str, list[str | int], str]]:
    """(file, key path, source id) for every source citation in the catalog."""
    for file_name, path, ids, indexed in source_lists(cat):
        for j, source_id in enumerate(ids):
            yield file_name, [*path, j] if indexed else list(path), source_id


def cited_sources(cat: Catalog) -> set[str]:
    """Every source id the catalog cites (the ids of `source_refs`, as a set)."""
    used: set[str] = set()
    for _, _, ids, _ in source_lists(cat):
        used.update(ids)
    return used


def amount(value: float) -> str:
    """A figure in a message: thousands separated, `.0` dropped, huge typos kept short."""
    if abs(value) >= 1e15:  # a typo of many digits: keep the message one readable line
        try:
            return f"{float(value):.3g}"
        except OverflowError:
            return "more than 1e308"
    return f"{value:,.1f}".removesuffix(".0")
