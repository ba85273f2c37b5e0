"""`prices`: every model served through an API has a price, and prices are plausible."""

from __future__ import annotations

from collections.abc import Iterable

from modelpick.catalog import schema as s
from modelpick.catalog.checks.context import MODELS, PROVIDERS, CheckContext
from modelpick.catalog.findings import Finding
from modelpick.catalog.parse import Catalog


def prices(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """Every model served through an API has a price, and prices are plausible."""
    not_released, open_weights = s.Availability.NOT_RELEASED, s.Weights.OPEN  # looked up once
    priced = cat.prices_by_model
    for i, model in enumerate(cat.models):
        if model.availability is not_released:
            continue
        self_hostable = model.weights is open_weights and model.shape is not None
        if model.id not in priced and not self_hostable:
            kind = "closed-weights" if model.weights is s.Weights.CLOSED else "open-weight"
            yield ctx.error(
                MODELS,
                ["models", i, "id"],
                f"{kind} model '{model.id}' has no price in providers.yaml",
            )
    models, providers = cat.models_by_id, cat.providers_by_id
    for i, price in enumerate(cat.prices):
        # What `_target` finds, looked at here first: tens of thousands of prices, each
        # fine, would otherwise make a generator each.
        target = models.get(price.model)
        provider = providers.get(price.provider)
        if target is not None and provider is not None and (
            target.availability is not_released or target.weights not in provider.serves
        ):
            yield from _target(cat, ctx, i, price)
        if price.input_per_mtok == 0 or price.output_per_mtok == 0:
            for field in ("input_per_mtok", "output_per_mtok"):
                value: float = getattr(price, field)
                if value == 0:
                    yield ctx.warning(
                        PROVIDERS,
                        ["prices", i, field],
                        f"'{price.model}' at '{price.provider}' is priced at 0; "
                        "is it really free?",
                    )


def _target(cat: Catalog, ctx: CheckContext, index: int, price: s.Price) -> Iterable[Finding]:
    """A price is for a released model, at a provider that serves weights of its kind."""
    model = cat.models_by_id.get(price.model)
    provider = cat.providers_by_id.get(price.provider)
    if model is None or provider is None:
        return  # `references` reports it
    if model.availability is s.Availability.NOT_RELEASED:
        yield ctx.error(
            PROVIDERS,
            ["prices", index, "model"],
            f"'{model.id}' is not released; it cannot have a price",
        )
    if model.weights not in provider.serves:
        served = " and ".join(w.value for w in provider.serves)
        yield ctx.error(
            PROVIDERS,
            ["prices", index, "provider"],
            f"'{provider.id}' serves {served} weights only (`serves` in providers.yaml), but "
            f"'{model.id}' has {model.weights.value} weights",
        )
