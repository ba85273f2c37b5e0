"""`licenses`: license facts agree with themselves and with the models that use them."""

from __future__ import annotations

from collections.abc import Iterable

from modelpick.catalog import schema as s
from modelpick.catalog.checks.context import LICENSES, MODELS, CheckContext
from modelpick.catalog.findings import Finding
from modelpick.catalog.parse import Catalog

_RESTRICTIONS = (
    "mau_threshold",
    "geography",
    "acceptable_use_policy",
    "non_commercial",
    "research_only",
)


def licenses(cat: Catalog, ctx: CheckContext) -> Iterable[Finding]:
    """License facts agree with themselves and with the models that use them."""
    for i, lic in enumerate(cat.licenses):
        path: list[str | int] = ["licenses", i]
        if lic.permissive:
            for name in _RESTRICTIONS:
                if getattr(lic.restrictions, name):
                    yield ctx.error(
                        LICENSES,
                        [*path, "restrictions", name],
                        f"'{lic.id}' is marked permissive but restricts use ({name})",
                    )
            if not lic.commercial_use:
                yield ctx.error(
                    LICENSES,
                    [*path, "commercial_use"],
                    f"'{lic.id}' is marked permissive but forbids commercial use",
                )
            if lic.kind == "proprietary":
                yield ctx.error(
                    LICENSES,
                    [*path, "permissive"],
                    f"'{lic.id}' is proprietary and cannot be permissive",
                )
        is_ref = lic.id.startswith("LicenseRef-")
        if lic.spdx and is_ref:
            yield ctx.error(
                LICENSES,
                [*path, "spdx"],
                f"'{lic.id}' is a LicenseRef, not an SPDX identifier",
            )
        if not lic.spdx and not is_ref:
            yield ctx.warning(
                LICENSES,
                [*path, "id"],
                f"'{lic.id}' is not on the SPDX list; name it 'LicenseRef-{lic.id}'",
            )
    closed, open_weights = s.Weights.CLOSED, s.Weights.OPEN  # looked up once
    licenses = cat.licenses_by_id
    for i, model in enumerate(cat.models):
        lic_of = licenses.get(model.license)
        if lic_of is None:
            continue  # `references` reports it
        if model.weights is closed and lic_of.kind != "proprietary":
            yield ctx.warning(
                MODELS,
                ["models", i, "license"],
                f"closed-weights model '{model.id}' uses non-proprietary license '{lic_of.id}'",
            )
        if model.weights is open_weights and lic_of.kind == "proprietary":
            yield ctx.error(
                MODELS,
                ["models", i, "license"],
                f"open-weight model '{model.id}' uses proprietary license '{lic_of.id}'",
            )
