"""A LiteLLM proxy configuration from advice: each workload's pick and fallbacks, as YAML text.

One `model_name` per workload (a slug of its name) routed to its pick: the provider's key in
LiteLLM's price map exactly as the catalog records it, or, self-hosted, the published checkpoint
behind an OpenAI-compatible vLLM endpoint. Each fallback route (provider failover, retry model,
hosted overflow) gets its own `model_name`, and `router_settings.fallbacks` lists them for the
workload in that order. Credentials are only ever environment references (`os.environ/NAME`,
LiteLLM's syntax), named as LiteLLM's own documentation names them.

Pure: advice in, text and what could not be exported out; the CLI decides where it goes.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
import unicodedata
from collections.abc import Sequence
from typing import Any

from modelpick import __version__
from modelpick.engine.portfolio import where
from modelpick.engine.result import Advice, Candidate, DeploymentMode, Route
from modelpick.errors import one_line
from modelpick.frozen import frozen
from modelpick.report.litellm_credentials import ENV, credentials, env_name, litellm_provider
from modelpick.report.plan_text import timeline_lines
from modelpick.report.words import mode_label, money, pct, tokens
from modelpick.yamlfile import dump_yaml

_KIND_LABELS = {"provider": "provider failover", "retry_model": "retry model",
                "overflow": "hosted overflow"}
_KIND_SUFFIXES = {"provider": "failover", "retry_model": "retry", "overflow": "overflow"}


@frozen
class ExportWorkload:
    """One workload to export: its name, its advice, and where its file writes it."""

    name: str
    advice: Advice
    line: int | None = None
    notes: tuple[str, ...] = ()
    """More to say about it (a GPU pool it shares), as comments."""


@frozen
class ExportProblem:
    """A workload whose pick cannot be written as a LiteLLM deployment, and why."""

    workload: str
    line: int | None
    message: str


@frozen
class LitellmConfig:
    """The configuration text, what was left out of it (warnings) and what stops it (errors)."""

    text: str
    warnings: tuple[str, ...]
    errors: tuple[ExportProblem, ...]
    aliases: tuple[str, ...]
    """Every `model_name` the configuration defines."""


@frozen
class _Deployment:
    alias: str
    params: dict[str, str]
    comments: tuple[str, ...]
    env: tuple[str, ...]


def _api(alias: str, key: str, provider: str | None, comments: list[str]) -> _Deployment:
    creds = credentials(litellm_provider(key, provider))
    params = {"model": key, **{name: ENV + env for name, env in creds.params}}
    if creds.note:
        comments.append(f"note: {creds.note}")
    return _Deployment(alias, params, tuple(comments),
                       (*(env for _, env in creds.params), *creds.also))


def _vllm(alias: str, checkpoint: str, comments: list[str]) -> _Deployment:
    base = f"MODELPICK_VLLM_{env_name(checkpoint)}_API_BASE"
    key = credentials("hosted_vllm").params[0][1]
    comments.append(f"serve {checkpoint} with vLLM (OpenAI-compatible); {base} is its URL, "
                    "e.g. http://vllm.internal:8000/v1")
    return _Deployment(alias, {"model": f"hosted_vllm/{checkpoint}", "api_base": ENV + base,
                               "api_key": ENV + key}, tuple(comments), (base, key))


def _primary(alias: str, name: str, candidate: Candidate,
             monthly_tokens: int) -> _Deployment | str:
    """The workload's own deployment, or why it cannot be written."""
    cost = f"{money(candidate.monthly_cost_usd)}/month for {tokens(monthly_tokens)} tokens"
    head = [f"{name}: {candidate.name}, {mode_label(candidate.mode)}, {where(candidate)}; {cost}"]
    if candidate.mode is DeploymentMode.SELF_HOSTED:
        hardware = candidate.hardware
        if hardware is None or hardware.checkpoint is None:
            precision = f" {hardware.precision}" if hardware is not None else ""
            return (f"cannot export self-hosted {candidate.name}: the catalog records no"
                    f"{precision} checkpoint to serve (shape.checkpoints in models.yaml)")
        return _vllm(alias, hardware.checkpoint, head)
    price = candidate.providers[0] if candidate.providers else None
    if price is None or price.litellm_key is None:
        at = f" at {price.provider_name}" if price is not None else ""
        return (f"cannot export {candidate.name}{at}: the catalog records no LiteLLM key for "
                "it (litellm_key of its price in providers.yaml)")
    return _api(alias, price.litellm_key, price.provider, head)


def _route(alias: str, route: Route, advice: Advice) -> _Deployment | str:
    """A fallback route's deployment, or why it is left out."""
    label = _KIND_LABELS[route.kind]
    at = f" at {route.provider_name}" if route.provider_name else ""
    head = [f"{label}: {route.name}{at}; {money(route.monthly_cost_usd)}/month at "
            f"{pct(route.share)} of the traffic", f"why: {route.reason}"]
    if route.mode is DeploymentMode.SELF_HOSTED:
        checkpoint = route.checkpoint
        if checkpoint is None:
            return (f"{label} {route.name} (self-hosted) left out: the advice names no "
                    "checkpoint to serve for it")
        return _vllm(alias, checkpoint, head)
    if route.litellm_key is None:
        return (f"{label} {route.name}{at} left out: the catalog records no LiteLLM key for "
                "it (litellm_key of its price in providers.yaml)")
    return _api(alias, route.litellm_key, route.provider, head)


def _unique(base: str, taken: set[str]) -> str:
    alias, n = base, 2
    while alias in taken:
        alias, n = f"{base}-{n}", n + 1
    taken.add(alias)
    return alias


def alias_of(name: str) -> str:
    """A workload's `model_name`: `Support-ticket triage` -> `support-ticket-triage`."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text)
    return "-".join(words)[:60].strip("-") or "workload"


def _comment(text: str, indent: str = "") -> list[str]:
    """A YAML comment, one line of text (nothing in it can end the comment) wrapped at 100."""
    lines = textwrap.wrap(one_line(text), width=98 - len(indent), subsequent_indent="  ",
                          break_long_words=False, break_on_hyphens=False) or [""]
    return [f"{indent}# {line}".rstrip() for line in lines]


def _entry(deployment: _Deployment) -> list[str]:
    item: dict[str, Any] = {"model_name": deployment.alias, "litellm_params": deployment.params}
    body = dump_yaml([item]).rstrip("\n").split("\n")
    return [*(line for c in deployment.comments for line in _comment(c, "  ")),
            *("  " + b for b in body)]


def _workload(
    advice: Advice, pick: Candidate, name: str, alias: str, taken: set[str]
) -> tuple[list[_Deployment], list[str], list[str]] | str:
    """Its deployments (the pick first, then the routes), the routes left out, and notes."""
    primary = _primary(alias, name, pick, advice.answers.monthly_tokens)
    if isinstance(primary, str):
        return primary
    failover = advice.failover
    routes = (failover.provider, failover.retry_model, failover.overflow) if failover else ()
    deployments, left_out = [primary], []
    for route in routes:
        if route is None:
            continue
        made = _route(_unique(f"{alias}-{_KIND_SUFFIXES[route.kind]}", taken), route, advice)
        if isinstance(made, str):
            left_out.append(made)
        else:
            deployments.append(made)
    notes = list(failover.notes) if failover else []
    when = timeline_lines(advice)[:2]  # the growth, and the month it changes in (if any)
    return deployments, left_out, notes + [f"timeline: {line}" for line in when]


def render_litellm_config(
    workloads: Sequence[ExportWorkload], *, source: str, catalog_version: str,
    catalog_as_of: dt.date,
) -> LitellmConfig:
    """The proxy configuration for these workloads' picks and fallbacks (see the module)."""
    taken: set[str] = set()
    aliases = [_unique(alias_of(w.name), taken) for w in workloads]
    entries: list[str] = []
    fallbacks: list[dict[str, list[str]]] = []
    env: list[str] = []
    names: list[str] = []
    warnings: list[str] = []
    errors: list[ExportProblem] = []
    for workload, alias in zip(workloads, aliases, strict=True):
        name, pick = one_line(workload.name), workload.advice.primary
        if pick is None:
            warnings.append(f"workload '{name}' left out: no model satisfies its constraints")
            entries += ["", *_comment(f"{name}: left out, no model satisfies its constraints",
                                      "  ")]
            continue
        made = _workload(workload.advice, pick, name, alias, taken)
        if isinstance(made, str):
            errors.append(ExportProblem(name, workload.line, made))
            continue
        deployments, left_out, notes = made
        warnings += [f"workload '{name}': {why}" for why in left_out]
        entries.append("")
        for deployment in deployments:
            entries += _entry(deployment)
            env += deployment.env
            names.append(deployment.alias)
        entries += [line for note in [*left_out, *notes, *workload.notes]
                    for line in _comment(note, "  ")]
        if len(deployments) > 1:
            fallbacks.append({alias: [d.alias for d in deployments[1:]]})
    routing = dump_yaml({"router_settings": {"fallbacks": fallbacks}}).rstrip("\n")
    text = "\n".join([
        *_header(workloads, source, catalog_version, catalog_as_of, env), "", "model_list:",
        *entries, "",
        "# Each workload's fallbacks, tried in this order once its own retries have failed.",
        routing,
    ]) + "\n"
    return LitellmConfig(text, tuple(warnings), tuple(errors), tuple(names))


def _header(workloads: Sequence[ExportWorkload], source: str, version: str, as_of: dt.date,
            env: list[str]) -> list[str]:
    lines = [
        f"LiteLLM proxy configuration written by modelpick {__version__} "
        "(modelpick export --format litellm)",
        f"from {source}",
        f"catalog {version}, figures as of {as_of.isoformat()}; costs are modelpick's estimates",
        "Run: litellm --config FILE; a client calls each workload by its model_name.",
        "Credentials are environment references (os.environ/NAME), never values; set:",
        *(f"  {name}" for name in sorted(set(env))),
    ]
    if len(workloads) == 1 and workloads[0].advice.assumed:
        lines.append("answers assumed at their defaults: " + ", ".join(workloads[0].advice.assumed))
    return [text for line in lines for text in _comment(line)]
