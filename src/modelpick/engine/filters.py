"""Hard filters: rules that remove a model whatever mode the tree chose.

Each rule returns the reason it fired (naming the fact), or None. All of them run on every
model so the output can list every reason a model was ruled out. A rule excludes in every mode
unless it says where: a license clause that binds the licensee excludes self-hosting only.
Providers are screened too (`providers.py`): a model no provider can serve is excluded from
the API modes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from operator import attrgetter
from typing import cast

from modelpick.catalog.loader import Catalog
from modelpick.catalog.schema import Availability, DeploymentMode, Modality, Model, Price, Weights
from modelpick.engine.answers import ANSWER_KEYS, Answers
from modelpick.engine.facts import license_facts
from modelpick.engine.providers import API_MODES, Screen, region_members, screen_catalog
from modelpick.engine.result import Exclusion, ProviderDrop
from modelpick.frozen import frozen

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
        if model.origin in region_members(excluded, catalog):
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


def geography_clause(model: Model, answers: Answers, catalog: Catalog) -> str | None:
    """The license's geography clause that binds a licensee established in the answers' region.

    The text names the region and quotes the clause where the catalog records its words.
    """
    region = answers.deployment_region
    if region is None:
        return None
    deploy = region_members(region, catalog)
    lic = catalog.licenses_by_id[model.license]
    multimodal = any(m is not Modality.TEXT for m in model.modalities)
    for clause in lic.restrictions.geography:
        if clause.applies_to == "multimodal_models" and not multimodal:
            continue
        for restricted in clause.regions:
            if deploy & region_members(restricted, catalog):
                scope = "multimodal models" if clause.applies_to == "multimodal_models" else "it"
                quote = f': "{clause.quote.strip()}"' if clause.quote else ""
                return (
                    f"license {lic.id} withholds rights to {scope} from licensees established "
                    f"in {restricted}; deployment_region is {region}{quote}"
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


FACETS: Mapping[str, tuple[str, ...]] = {
    "license_must_be_permissive": ("license", "weights._value_"),
    "commercial_use": ("license",),
    "monthly_active_users": ("license",),
}
"""For a rule named here, the model fields whose values alone decide whether it fires (given
the answers): it is run on one model of each combination of values, then for its reasons on
every model of the combinations that fire (a test holds each to the plain loop). The same few
licenses cover thousands of models. An enum is read by its `_value_`, a string: hashing the
member itself is a Python call, per model."""

SELF_HOSTING_ONLY: tuple[DeploymentMode, ...] = (DeploymentMode.SELF_HOSTED,)
"""Where a clause that binds the licensee excludes: the team holds the license only there;
in the API modes the provider does, and the clause is a warning (recommend.py)."""

RULES: tuple[tuple[str, Rule, tuple[DeploymentMode, ...]], ...] = (
    ("availability", _availability, ()),
    ("task", _task, ()),
    ("min_context_tokens", _context, ()),
    ("excluded_origins", _origin, ()),
    ("license_must_be_permissive", _permissive, ()),
    ("commercial_use", _commercial, ()),
    ("deployment_region", geography_clause, SELF_HOSTING_ONLY),
    ("monthly_active_users", _scale, ()),
)
"""Every hard filter, by the answer or catalog fact it tests, and the modes it excludes in
(empty: every mode)."""


def license_clauses(license_id: str, catalog: Catalog) -> str:
    """The restrictions of a license in a few words, or an empty string (once per license)."""
    key = ("license_clauses", license_id)
    found = catalog.memo.get(key)
    if found is None:
        found = catalog.memo[key] = license_facts(catalog.licenses_by_id[license_id]).clauses
    return cast(str, found)


def _deprecated(model: Model, today: dt.date | None) -> str | None:
    date = model.deprecation_date
    if today is not None and date is not None and date <= today:
        return f"{model.name} was retired on {date.isoformat()} (deprecation_date in the catalog)"
    return None


UNSCREENED: frozenset[str] = frozenset({
    "workload", "data_must_stay_in_vpc", "frontier_required", "cost_dominant",
    "has_inference_ops", "monthly_tokens", "input_share", "peak_to_mean", "latency",
    "gpu_pricing",
})
"""Answers no rule and no provider screen reads (a test proves it): answers that differ only
in these screen the catalog alike, so sensitivity's flips and volume probes reuse a screen.
Any other answer, a new one included, is part of the screen's key."""

PROVIDER_ANSWERS: tuple[str, ...] = (
    "min_context_tokens", "avg_input_tokens", "avg_output_tokens",
    "require_zero_data_retention", "require_hipaa", "data_residency",
)
"""The answers the provider screen reads (a test proves it); each rule reads only the answer
it is named after, if any. A flip of one answer re-runs only what reads it."""

@frozen
class _Part:
    """What one rule (or the deprecation dates, or the provider screen) excluded.

    Its Exclusions are made when they are read: a screen that decides an outcome alone (a
    sensitivity flip) reads only which models are blocked.
    """

    rule: str
    modes: tuple[DeploymentMode, ...]
    """Where it excludes; empty: every mode."""
    fired: tuple[tuple[str, str, str], ...]
    """(model id, model name, reason) of each model it excludes, in catalog order."""

    @classmethod
    def of(
        cls, rule: str, modes: tuple[DeploymentMode, ...], fired: Iterable[tuple[Model, str]]
    ) -> _Part:
        return cls(rule, modes, tuple((model.id, model.name, reason) for model, reason in fired))

    @cached_property
    def blocked(self) -> Mapping[DeploymentMode, frozenset[str]]:
        """Per mode, the ids of the models it excludes there."""
        ids = frozenset(model_id for model_id, _, _ in self.fired)
        return {
            mode: ids if not self.modes or mode in self.modes else frozenset()
            for mode in DeploymentMode
        }

    @cached_property
    def exclusions(self) -> tuple[Exclusion, ...]:
        return tuple(
            Exclusion(model=model_id, rule=self.rule, reason=reason, model_name=name,
                      modes=self.modes)
            for model_id, name, reason in self.fired
        )


def _key(values: object) -> object:
    return tuple(values) if isinstance(values, list) else values


def apply_filters(answers: Answers, catalog: Catalog, today: dt.date | None = None) -> Screen:
    """Every model and provider screened against the answers, for every mode.

    With `today`, a model or a provider price past its deprecation date is ruled out too.
    Computed once per catalog for each set of the answers it reads (`UNSCREENED` aside), and
    each rule once for each value of its answer.
    """
    key = ("screen", today, *(
        (name, _key(value)) for name, value in answers if name not in UNSCREENED
    ))
    screen = catalog.memo.get(key)
    if screen is None:
        screen = catalog.memo[key] = _screen(answers, catalog, today)
    assert isinstance(screen, Screen)
    return screen


def _part(catalog: Catalog, key: tuple[object, ...], make: Callable[[], _Part]) -> _Part:
    part = catalog.memo.get(key)
    if part is None:
        part = catalog.memo[key] = make()
    assert isinstance(part, _Part)
    return part


def _rule_part(
    name: str, rule: Rule, scope: tuple[DeploymentMode, ...], answers: Answers, catalog: Catalog
) -> _Part:
    def run() -> _Part:
        facet = FACETS.get(name)
        return _Part.of(name, scope, (
            (model, reason)
            for model in (catalog.models if facet is None else _firing(facet))
            if (reason := rule(model, answers, catalog)) is not None
        ))

    def _firing(facet: tuple[str, ...]) -> list[Model]:
        values, one_of_each = _facet(catalog, facet)
        fire = {v for v, model in one_of_each.items() if rule(model, answers, catalog) is not None}
        if not fire:
            return []
        return [model for model, v in zip(catalog.models, values, strict=True) if v in fire]

    answer = _key(getattr(answers, name)) if name in ANSWER_KEYS else None
    return _part(catalog, ("rule", name, answer), run)


def _field(catalog: Catalog, name: str) -> list[object]:
    """One (dotted) field of every model, in catalog order, once per catalog."""
    key = ("model_field", name)
    found = catalog.memo.get(key)
    if found is None:
        found = catalog.memo[key] = list(map(attrgetter(name), catalog.models))
    return cast("list[object]", found)


def _facet(catalog: Catalog, facet: tuple[str, ...]) -> tuple[list[object], dict[object, Model]]:
    """Every model's values of the facet's fields, in order, and one model for each value."""
    key = ("facet", facet)
    found = catalog.memo.get(key)
    if found is None:
        columns = [_field(catalog, name) for name in facet]
        values = columns[0] if len(columns) == 1 else list(zip(*columns, strict=True))
        found = catalog.memo[key] = (values, dict(zip(values, catalog.models, strict=True)))
    return cast("tuple[list[object], dict[object, Model]]", found)


def _retired_part(catalog: Catalog, today: dt.date | None) -> _Part:
    def run() -> _Part:
        return _Part.of("deprecated", (), (
            (model, retired)
            for model in catalog.models
            if (retired := _deprecated(model, today)) is not None
        ))

    return _part(catalog, ("retired", today), run)


Served = tuple[_Part, dict[str, tuple[Price, ...]], dict[str, tuple[ProviderDrop, ...]]]


def _provider_part(answers: Answers, catalog: Catalog, today: dt.date | None) -> Served:
    key = ("providers", today, *(_key(getattr(answers, k)) for k in PROVIDER_ANSWERS))
    found = catalog.memo.get(key)
    if found is None:
        prices, dropped, screened = screen_catalog(answers, catalog, today)
        fired = _Part.of("providers", API_MODES, (
            (catalog.models_by_id[model_id], "no provider can serve it: " + "; ".join(
                f"{d.provider_name}: {d.reason}" for d in dropped[model_id]
            ))
            for model_id in screened
            if not prices[model_id]
        ))
        found = catalog.memo[key] = (fired, prices, dropped)
    return cast(Served, found)


def _screen(answers: Answers, catalog: Catalog, today: dt.date | None) -> Screen:
    providers, prices, dropped = _provider_part(answers, catalog, today)
    parts = [
        *(_rule_part(name, rule, scope, answers, catalog) for name, rule, scope in RULES),
        _retired_part(catalog, today),
        providers,
    ]
    every = frozenset(catalog.models_by_id)
    return Screen(
        survivors={
            mode: every.difference(*(part.blocked[mode] for part in parts))
            for mode in DeploymentMode
        },
        parts=tuple(parts),
        prices=prices,
        dropped=dropped,
    )
