"""Every recommendation's documented fallback: a second provider, a retry model, an overflow.

Article 000: the teams that do well run "a small portfolio of models, each pinned to a job,
each behind its own eval suite, each with a documented fallback", with "fallback chains that
route to a smaller-model retry when the primary times out". Three routes, each costed at the
share of traffic the policy states (`policy.failover`):

- **provider**: the same model at the next eligible provider (the same privacy, window and
  residency screen the primary passed), for an outage;
- **retry_model**: the first alternative in the policy's order that is smaller (fewer active
  parameters, so faster) or cheaper, for a timeout;
- **overflow**: for a self-hosted pick, the hosted API the crossover weighed it against, for
  traffic beyond the fleet; only where the answers let data leave the network.

Pure: the candidates and the catalog in, a Failover out.
"""

from __future__ import annotations

from collections.abc import Sequence

from modelpick.catalog.loader import Catalog
from modelpick.engine.answers import Answers
from modelpick.engine.costs import MTOK, rates_for, size_self_hosted, workload_request
from modelpick.engine.result import (
    Candidate,
    Crossover,
    DeploymentMode,
    Failover,
    ProviderCost,
    Route,
)

SELF = DeploymentMode.SELF_HOSTED


def _size(candidate: Candidate) -> float | None:
    """Active parameters (total for a dense model): what decode speed follows."""
    facts = candidate.facts
    return facts.active_params_b if facts.active_params_b is not None else facts.total_params_b


def _api_route(
    kind: str, candidate: Candidate, price: ProviderCost, tokens: int, share: float, reason: str
) -> Route:
    return Route(
        kind=kind,  # type: ignore[arg-type]
        model=candidate.model,
        name=candidate.name,
        mode=candidate.mode,
        provider=price.provider,
        provider_name=price.provider_name,
        litellm_key=price.litellm_key,
        blended_per_mtok=price.blended_per_mtok,
        share=share,
        monthly_cost_usd=tokens * share / MTOK * price.blended_per_mtok,
        reason=reason,
    )


def _provider(primary: Candidate, tokens: int, share: float) -> tuple[Route | None, str | None]:
    if primary.mode is SELF:
        return None, None
    if len(primary.providers) < 2:
        return None, (
            f"no second provider: the catalog has no other provider of {primary.name} that "
            "meets these answers' requirements"
        )
    second = primary.providers[1]
    return _api_route(
        "provider", primary, second, tokens, share,
        f"the next eligible provider of {primary.name}, for an outage at "
        f"{primary.providers[0].provider_name}",
    ), None


def _retry(
    primary: Candidate, alternatives: Sequence[Candidate], answers: Answers, catalog: Catalog,
    share: float,
) -> tuple[Route | None, str | None]:
    size = _size(primary)
    for alt in alternatives:
        alt_size = _size(alt)
        faster = size is not None and alt_size is not None and alt_size < size
        cheaper = (
            alt.monthly_cost_usd is not None and primary.monthly_cost_usd is not None
            and alt.monthly_cost_usd < primary.monthly_cost_usd
        )
        if not (faster or cheaper):
            continue
        why = "smaller (fewer active parameters, so faster)" if faster else "cheaper"
        rated = "the policy rates for the task" if alt.rated else "that survives the filters"
        reason = f"the next model {rated} that is {why}, for a timeout"
        if alt.mode is not SELF and alt.providers:
            return _api_route("retry_model", alt, alt.providers[0], answers.monthly_tokens,
                              share, reason), None
        if alt.mode is SELF:
            volume = max(1, round(answers.monthly_tokens * share))
            hardware = size_self_hosted(
                catalog.models_by_id[alt.model], volume, catalog,
                workload_request(answers, catalog.policy.sizing), rates_for(answers, catalog),
            )
            if hardware is None:
                continue
            return Route(
                kind="retry_model", model=alt.model, name=alt.name, mode=alt.mode,
                provider=None, provider_name=None, litellm_key=None, blended_per_mtok=None,
                share=share, monthly_cost_usd=hardware.gpu_cost_usd,
                checkpoint=hardware.checkpoint,
                reason=reason + f"; it needs its own {hardware.replicas} replica(s) of "
                f"{hardware.gpus_per_replica} × {hardware.gpu_name}, a fixed GPU cost whatever "
                "the share, run by the same team (no operations added)",
            ), None
    return None, (
        f"no retry model: no alternative the policy rates is smaller or cheaper than "
        f"{primary.name}"
    )


def _overflow(
    primary: Candidate, answers: Answers, catalog: Catalog, crossover: Crossover | None,
    share: float,
) -> tuple[Route | None, str | None]:
    if primary.mode is not SELF:
        return None, None
    if answers.data_must_stay_in_vpc:
        return None, (
            "no hosted overflow: data must stay inside the network boundary; size the fleet "
            "for the peak instead (peak_to_mean)"
        )
    if crossover is None or crossover.self_hosted_model != primary.model:
        return None, f"no hosted overflow: no provider prices {primary.name} or a hosted pick"
    model = catalog.models_by_id[crossover.hosted_model]
    price = next(
        (p for p in catalog.prices_by_model.get(model.id, [])
         if p.provider == crossover.hosted_provider), None,
    )
    provider = catalog.providers_by_id.get(crossover.hosted_provider)
    tokens = answers.monthly_tokens
    return Route(
        kind="overflow", model=model.id, name=model.name, mode=DeploymentMode.HOSTED_OPEN,
        provider=crossover.hosted_provider,
        provider_name=provider.name if provider is not None else crossover.hosted_provider,
        litellm_key=price.litellm_key if price is not None else None,
        blended_per_mtok=crossover.hosted_blended_per_mtok, share=share,
        monthly_cost_usd=tokens * share / MTOK * crossover.hosted_blended_per_mtok,
        reason="the hosted API the crossover weighs self-hosting against, for traffic beyond "
        "the fleet or while it is down (data may leave the network)",
    ), None


def plan_failover(
    primary: Candidate | None, alternatives: Sequence[Candidate], answers: Answers,
    catalog: Catalog, crossover: Crossover | None,
) -> Failover | None:
    """The documented fallback of a recommendation; None when nothing is recommended."""
    if primary is None:
        return None
    shares = catalog.policy.failover
    provider, why_provider = _provider(primary, answers.monthly_tokens, shares.provider_share)
    retry, why_retry = _retry(primary, alternatives, answers, catalog, shares.retry_share)
    overflow, why_overflow = _overflow(primary, answers, catalog, crossover,
                                       shares.overflow_share)
    notes = tuple(n for n in (why_provider, why_retry, why_overflow) if n is not None)
    return Failover(provider=provider, retry_model=retry, overflow=overflow, notes=notes)
