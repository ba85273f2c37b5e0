"""Providers as constraints: who can serve this workload's requests, and who cannot, and why.

A provider price is dropped when the window that provider serves is below the context the
workload needs (unknown counts as too small once a minimum is asked for), or when the provider
fails the privacy and residency answers. Unknown privacy facts never pass a requirement: the
catalog records true or false only where a source says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cached_property
from operator import attrgetter
from typing import Protocol, cast

from modelpick.catalog.loader import Catalog
from modelpick.catalog.schema import DeploymentMode, Model, Price, Provider
from modelpick.engine.answers import Answers
from modelpick.engine.result import Exclusion, ProviderDrop
from modelpick.frozen import frozen

API_MODES: tuple[DeploymentMode, ...] = (
    DeploymentMode.HOSTED_OPEN,
    DeploymentMode.CLOSED_API,
)


class Excluding(Protocol):
    """One part of a screen: what one rule (or the dates, or the providers) excluded."""

    @property
    def exclusions(self) -> tuple[Exclusion, ...]: ...


@frozen
class Screen:
    """The filters' verdict on the whole catalog for one workload."""

    survivors: Mapping[DeploymentMode, frozenset[str]]
    """Per mode, the models no rule excludes there."""
    parts: tuple[Excluding, ...]
    """What excluded them, part by part (`excluded` joins them when it is read)."""
    prices: Mapping[str, tuple[Price, ...]]
    """Per model, the prices of providers that can serve this workload."""
    dropped: Mapping[str, tuple[ProviderDrop, ...]]
    """Per model, the providers that cannot, with the reason."""

    @cached_property
    def excluded(self) -> tuple[Exclusion, ...]:
        """Every exclusion, by model and rule.

        (model, rule) is unique: the order the parts are joined in does not show.
        """
        return tuple(sorted(
            (e for part in self.parts for e in part.exclusions), key=attrgetter("model", "rule")
        ))

    def allows(self, model_id: str, mode: DeploymentMode) -> bool:
        """Whether no rule excludes the model in this mode."""
        return model_id in self.survivors.get(mode, frozenset())


def region_members(region: str, catalog: Catalog) -> set[str]:
    """A country or a region group, as the set of codes it stands for (itself included)."""
    return {region, *catalog.policy.region_groups.get(region, [])}


def needed_context(answers: Answers) -> int | None:
    """The window a provider must serve: the minimum context, or one average request."""
    need = answers.min_context_tokens or 0
    if answers.avg_input_tokens is not None and answers.avg_output_tokens is not None:
        need = max(need, answers.avg_input_tokens + answers.avg_output_tokens)
    return need or None


def _price_reason(price: Price, need: int | None, today: dt.date | None) -> str | None:
    """What rules out this one price: its retirement, or the window it serves (`need`)."""
    retired = price.deprecation_date
    if today is not None and retired is not None and retired <= today:
        return f"stopped serving it on {retired.isoformat()} (deprecation_date)"
    if need is not None:
        served = price.max_context_tokens
        if served is None:
            return f"the window it serves is not recorded; {need:,} tokens required"
        if served < need:
            return f"serves {served:,} tokens of context < {need:,} required"
    return None


def _provider_reason(provider: Provider, answers: Answers, catalog: Catalog) -> str | None:
    """What rules out every price of this provider: privacy and residency."""
    privacy = provider.privacy
    if answers.require_zero_data_retention and privacy.zero_data_retention is not True:
        known = "not recorded" if privacy.zero_data_retention is None else "not offered"
        return f"zero data retention {known} (require_zero_data_retention)"
    if answers.require_hipaa and privacy.hipaa is not True:
        known = "not recorded" if privacy.hipaa is None else "not offered"
        return f"HIPAA eligibility (a BAA) {known} (require_hipaa)"
    if answers.data_residency:
        if not provider.regions:
            wanted = ", ".join(answers.data_residency)
            return f"processing regions not recorded; data_residency is {wanted}"
        allowed = set().union(*(region_members(r, catalog) for r in answers.data_residency))
        where = set().union(*(region_members(r, catalog) for r in provider.regions))
        if not allowed & where:
            return (
                f"processes data in {', '.join(provider.regions)}, outside data_residency "
                f"({', '.join(answers.data_residency)})"
            )
    return None


def screen_providers(
    model: Model,
    prices: Sequence[Price],
    answers: Answers,
    catalog: Catalog,
    today: dt.date | None = None,
    *,
    providers: dict[str, str | None] | None = None,
) -> tuple[list[Price], list[ProviderDrop]]:
    """(prices of providers that can serve the workload, the others with their reasons).

    `providers`: a memo of each provider's own verdict for these answers, for a caller that
    screens every model's prices (the same few providers serve thousands of models).
    """
    kept: list[Price] = []
    drops: list[ProviderDrop] = []
    need = needed_context(answers)
    for price in prices:
        provider = catalog.providers_by_id[price.provider]
        reason = _price_reason(price, need, today)
        if reason is None:
            if providers is None:
                reason = _provider_reason(provider, answers, catalog)
            elif provider.id in providers:
                reason = providers[provider.id]
            else:
                reason = providers[provider.id] = _provider_reason(provider, answers, catalog)
        if reason is None:
            kept.append(price)
        else:
            drops.append(ProviderDrop(provider.id, provider.name, reason))
    if len(drops) > 1:
        drops.sort(key=lambda d: d.provider)
    return kept, drops


def _column(catalog: Catalog, field: str) -> list[object]:
    """One field of every price of the catalog, in order, once per catalog."""
    key = ("price_column", field)
    found = catalog.memo.get(key)
    if found is None:
        found = catalog.memo[key] = list(map(attrgetter(field), catalog.prices))
    return cast("list[object]", found)


def _models(catalog: Catalog) -> list[str]:
    """The model of every price of the catalog, in order."""
    return cast("list[str]", _column(catalog, "model"))


def _all_kept(catalog: Catalog) -> dict[str, tuple[Price, ...]]:
    """Per model of the catalog, in its order, all its prices (empty: none)."""
    found = catalog.memo.get(("all_kept",))
    if found is None:
        by_model = catalog.prices_by_model
        kept: dict[str, tuple[Price, ...]] = dict.fromkeys(catalog.models_by_id, ())
        kept.update(zip(by_model, map(tuple, by_model.values()), strict=True))
        if len(kept) != len(catalog.models_by_id):  # prices of a model not in the catalog
            kept = {model_id: kept[model_id] for model_id in catalog.models_by_id}
        found = catalog.memo[("all_kept",)] = kept
    return cast("dict[str, tuple[Price, ...]]", found)


def _retired(catalog: Catalog, today: dt.date) -> set[str]:
    """The models with a price whose deprecation date is `today` or earlier."""
    dates = _column(catalog, "deprecation_date")
    prices = catalog.prices
    return {
        prices[i].model for i, date in enumerate(dates)
        if date is not None and cast(dt.date, date) <= today
    }


def _touched(
    answers: Answers, catalog: Catalog, today: dt.date | None, verdicts: Mapping[str, str | None]
) -> set[str]:
    """The models with a price a verdict of `screen_providers` could drop.

    A price is dropped only for a reason read from it: a window below the need (or not
    recorded, once one is asked), a deprecation date reached, or its provider's verdict.
    """
    touched: set[str] = set()
    need = needed_context(answers)
    if need is not None:
        touched.update(
            model for window, model in zip(_column(catalog, "max_context_tokens"),
                                           _models(catalog), strict=True)
            if window is None or cast(int, window) < need
        )
    if today is not None:
        touched |= _retired(catalog, today)
    failing = {provider for provider, reason in verdicts.items() if reason is not None}
    if failing:
        touched.update(
            model for provider, model in zip(_column(catalog, "provider"), _models(catalog),
                                             strict=True)
            if provider in failing
        )
    return touched


def screen_catalog(
    answers: Answers, catalog: Catalog, today: dt.date | None
) -> tuple[dict[str, tuple[Price, ...]], dict[str, tuple[ProviderDrop, ...]], list[str]]:
    """`screen_providers` for every model of the catalog: (prices, drops, models screened).

    Only the models a verdict could touch (`_touched`) are screened one by one, in catalog
    order (the ids returned); every other keeps all its prices and drops none.
    """
    verdicts = {
        provider.id: _provider_reason(provider, answers, catalog) for provider in catalog.providers
    }
    touched = _touched(answers, catalog, today, verdicts)
    prices = dict(_all_kept(catalog))
    dropped: dict[str, tuple[ProviderDrop, ...]] = dict.fromkeys(prices, ())
    screened = [model_id for model_id in prices if model_id in touched] if touched else []
    for model_id in screened:
        kept, drops = screen_providers(
            catalog.models_by_id[model_id], prices[model_id], answers, catalog, today,
            providers=verdicts,
        )
        prices[model_id], dropped[model_id] = tuple(kept), tuple(drops)
    return prices, dropped, screened
