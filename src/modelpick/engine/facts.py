"""The catalog facts an Advice carries, copied once so that renderers never read the catalog.

Pure: catalog models in, the plain dataclasses of result.py out.
"""

from __future__ import annotations

import datetime as dt

from modelpick.catalog.loader import Catalog
from modelpick.catalog.schema import License, Model, Weights
from modelpick.engine.result import (
    CatalogFacts,
    ChangeFacts,
    Disagreement,
    LicenseFacts,
    ModelFacts,
    SourceRow,
)


def license_facts(lic: License) -> LicenseFacts:
    """A license's verdicts and restrictions."""
    r = lic.restrictions
    return LicenseFacts(
        id=lic.id,
        name=lic.name,
        permissive=lic.permissive,
        commercial_use=lic.commercial_use,
        mau_threshold=r.mau_threshold,
        geography=tuple(g for clause in r.geography for g in clause.regions),
        acceptable_use_policy=r.acceptable_use_policy,
        naming_requirement=r.naming_requirement,
        attribution_mau=r.attribution.mau if r.attribution else None,
        attribution_revenue_usd=r.attribution.monthly_revenue_usd if r.attribution else None,
        attribution=r.attribution.requirement if r.attribution else None,
        sources=tuple(lic.sources),
    )


def model_facts(model: Model, catalog: Catalog) -> ModelFacts:
    """A model's license, origin verdict, context, parameters and disagreements."""
    params = model.parameters
    return ModelFacts(
        license=license_facts(catalog.licenses_by_id[model.license]),
        closed_weights=model.weights is Weights.CLOSED,
        chinese_origin=model.origin in catalog.policy.chinese_origin_countries,
        context_tokens=model.context_tokens,
        total_params_b=params.total_b,
        active_params_b=params.active_b,
        architecture=model.architecture.value if model.architecture is not None else None,
        params_estimate=params.estimate,
        disagreements=tuple(
            Disagreement(
                field=d.field,
                claims=tuple((f"{c.value}", c.source) for c in d.claims),
                chosen=f"{d.chosen}",
                reason=d.reason,
            )
            for d in model.disagreements
        ),
        sources=tuple(model.sources),
    )


def source_rows(ids: tuple[str, ...], catalog: Catalog) -> tuple[SourceRow, ...]:
    """Each cited source id with what the catalog says about it."""
    rows = []
    for source_id in ids:
        src = catalog.sources_by_id.get(source_id)
        if src is None:
            rows.append(SourceRow(id=source_id, known=False))
            continue
        rows.append(
            SourceRow(
                id=source_id,
                known=True,
                title=src.title,
                kind=src.kind.value,
                publisher=src.publisher,
                url=src.url,
                file=src.file,
                published=src.published,
                accessed=src.accessed,
            )
        )
    return tuple(rows)


def catalog_facts(catalog: Catalog) -> CatalogFacts:
    """The catalog's identity, age and staleness policy."""
    meta = catalog.meta
    limit = catalog.policy.staleness_days
    try:
        revisit = meta.as_of + dt.timedelta(days=limit)
    except OverflowError:  # the schema's date window prevents it; never crash on a date
        revisit = dt.date.max
    return CatalogFacts(
        version=meta.version,
        schema_version=meta.schema_version,
        as_of=meta.as_of,
        staleness_days=limit,
        revisit_by=revisit,
        description=meta.description,
        changelog=tuple(
            ChangeFacts(entry.version, entry.date, tuple(entry.changes)) for entry in meta.changelog
        ),
        policy_sources=tuple(catalog.policy.sources),
        gate_metrics=tuple(catalog.policy.confirmation.metrics),
        gate_rule=catalog.policy.confirmation.rule,
        gate_practice=tuple(catalog.policy.confirmation.practice),
        gate_sources=tuple(catalog.policy.confirmation.sources),
        failover_sources=tuple(catalog.policy.failover.sources),
    )
