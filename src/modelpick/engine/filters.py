"""Hard filters: rules that remove a model whatever mode the tree chose.

Each rule returns the reason it fired (naming the fact), or None. All of them run on every
model so the output can list every reason a model was ruled out.
"""

from __future__ import annotations

from collections.abc import Callable

from modelpick.catalog.loader import Catalog
from modelpick.catalog.schema import Availability, Modality, Model, Weights
from modelpick.engine.answers import Answers
from modelpick.engine.facts import license_facts
from modelpick.engine.result import Exclusion

Rule = Callable[[Model, Answers, Catalog], str | None]


def _availability(model: Model, answers: Answers, catalog: Catalog) -> str | None:
    if model.availability is Availability.NOT_RELEASED:
        return f"{model.name} is not released (availability: not_released in the catalog)"
    return None


def _task(model: Model, answers: Answers, catalog: Catalog) -> str | None:
    if answers.task not in model.tasks:
        return f"cannot do task '{answers.task.value}' (catalog tasks: {', '.join(model.tasks)})"
    return None


def _context(model: Model, answers: Answers, catalog: Catalog) -> str | None:
    need = answers.min_context_tokens
    if need is None:
        return None
    if model.context_tokens is None:
        return f"context window unknown; {need:,} tokens required"
    if model.context_tokens < need:
        return f"context window {model.context_tokens:,} tokens < {need:,} required"
    return None


def _origin(model: Model, answers: Answers, catalog: Catalog) -> str | None:
    for excluded in answers.excluded_origins:
        if model.origin in _region_members(excluded, catalog):
            via = "" if excluded == model.origin else f" (in {excluded})"
            return f"origin {model.origin}{via} ({model.vendor}) is in excluded_origins"
    return None


def _permissive(model: Model, answers: Answers, catalog: Catalog) -> str | None:
    # Node 4 restricts open-weight models; closed APIs run under their vendor's terms.
    if not answers.license_must_be_permissive or model.weights is Weights.CLOSED:
        return None
    lic = catalog.licenses_by_id[model.license]
    if not lic.permissive:
        clauses = license_clauses(lic.id, catalog) or lic.name
        return f"license {lic.id} is not permissive ({clauses})"
    return None


def _commercial(model: Model, answers: Answers, catalog: Catalog) -> str | None:
    lic = catalog.licenses_by_id[model.license]
    if not lic.commercial_use or lic.restrictions.non_commercial or lic.restrictions.research_only:
        return f"license {lic.id} does not allow commercial use"
    return None


def _region_members(region: str, catalog: Catalog) -> set[str]:
    return {region, *catalog.policy.region_groups.get(region, [])}


def _geography(model: Model, answers: Answers, catalog: Catalog) -> str | None:
    region = answers.deployment_region
    if region is None:
        return None
    deploy = _region_members(region, catalog)
    lic = catalog.licenses_by_id[model.license]
    multimodal = any(m is not Modality.TEXT for m in model.modalities)
    for clause in lic.restrictions.geography:
        if clause.applies_to == "multimodal_models" and not multimodal:
            continue
        for restricted in clause.regions:
            if deploy & _region_members(restricted, catalog):
                scope = "multimodal models" if clause.applies_to == "multimodal_models" else "it"
                return (
                    f"license {lic.id} withholds rights to {scope} in {restricted}; "
                    f"deployment_region is {region}"
                )
    return None


def _scale(model: Model, answers: Answers, catalog: Catalog) -> str | None:
    users = answers.monthly_active_users
    threshold = catalog.licenses_by_id[model.license].restrictions.mau_threshold
    if users is not None and threshold is not None and users > threshold:
        return (
            f"license {model.license} needs a separate license above {threshold:,} monthly "
            f"active users; monthly_active_users is {users:,}"
        )
    return None


RULES: tuple[tuple[str, Rule], ...] = (
    ("availability", _availability),
    ("task", _task),
    ("min_context_tokens", _context),
    ("excluded_origins", _origin),
    ("license_must_be_permissive", _permissive),
    ("commercial_use", _commercial),
    ("deployment_region", _geography),
    ("monthly_active_users", _scale),
)
"""Every hard filter, by the answer or catalog fact it tests."""


def license_clauses(license_id: str, catalog: Catalog) -> str:
    """The restrictions of a license in a few words, or an empty string."""
    return license_facts(catalog.licenses_by_id[license_id]).clauses


def apply_filters(answers: Answers, catalog: Catalog) -> tuple[set[str], list[Exclusion]]:
    """(ids of surviving models, every exclusion) for the whole catalog."""
    survivors: set[str] = set()
    excluded: list[Exclusion] = []
    for model in catalog.models:
        fired = [
            Exclusion(model=model.id, rule=name, reason=reason, model_name=model.name)
            for name, rule in RULES
            if (reason := rule(model, answers, catalog)) is not None
        ]
        if fired:
            excluded.extend(fired)
        else:
            survivors.add(model.id)
    excluded.sort(key=lambda e: (e.model, e.rule))
    return survivors, excluded
