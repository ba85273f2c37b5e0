"""`size --format json`: the contract in PRODUCT.md; keys are added, never renamed."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from modelpick.engine.size_report import SizedConfig, SizeReport

SIZE_SCHEMA_VERSION = 1


def _memory(c: SizedConfig) -> dict[str, Any]:
    return asdict(c.memory)


def _throughput(c: SizedConfig) -> dict[str, Any] | None:
    return None if c.throughput is None else asdict(c.throughput)


def config_data(c: SizedConfig) -> dict[str, Any]:
    """One configuration: the same keys the top level carries for the chosen one."""
    return {
        "gpu": c.gpu,
        "gpu_name": c.gpu_name,
        "gpus": c.gpus,
        "precision": c.precision,
        "compute_precision": c.compute_precision,
        "weight_only": c.weight_only,
        "fits": c.fits,
        "reason": c.reason,
        "memory": _memory(c),
        "kv_bytes_per_token": c.memory.kv_bytes_per_token,
        "max_concurrency": c.memory.max_concurrency,
        "throughput": _throughput(c),
        "hourly_usd": c.hourly_usd,
        "gpu_hourly_usd": c.gpu_hourly_usd,
        "price_estimate": c.price_estimate,
        "usd_per_mtok": c.usd_per_mtok,
        "replicas": c.replicas,
        "monthly_cost_usd": c.monthly_cost_usd,
        "notes": list(c.notes),
    }


def size_data(report: SizeReport) -> dict[str, Any]:
    """The JSON object `size --format json` prints."""
    chosen = report.chosen
    top: dict[str, Any] = {
        "schema_version": SIZE_SCHEMA_VERSION,
        "catalog_version": report.catalog_version,
        "model": report.model,
        "model_name": report.model_name,
        "gpu": chosen.gpu if chosen else None,
        "gpus": chosen.gpus if chosen else None,
        "precision": chosen.precision if chosen else None,
        "context_tokens": report.context_tokens,
        "input_tokens": report.input_tokens,
        "output_tokens": report.output_tokens,
        "concurrency": report.concurrency,
        "latency": report.latency,
        "fits": chosen.fits if chosen else False,
        "reason": chosen.reason if chosen else "no configuration in the catalog fits",
        "memory": _memory(chosen) if chosen else None,
        "kv_bytes_per_token": chosen.memory.kv_bytes_per_token if chosen else None,
        "max_concurrency": chosen.memory.max_concurrency if chosen else 0,
        "throughput": _throughput(chosen) if chosen else None,
        "replicas": chosen.replicas if chosen else None,
        "monthly_cost_usd": chosen.monthly_cost_usd if chosen else None,
        "monthly_tokens": report.monthly_tokens,
        "configurations": [config_data(c) for c in report.configurations],
        "assumed": list(report.assumed),
        "fit": {
            "benchmarks": report.fit.count,
            "within_band": report.fit.within,
            "lowest_ratio": report.fit.low,
            "highest_ratio": report.fit.high,
            "geometric_mean_ratio": report.fit.geomean,
            "model_benchmarks": list(report.model_benchmarks),
        },
    }
    return top
