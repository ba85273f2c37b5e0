"""The field types of the catalog schema: ids, text, and every figure with its range.

`schema` builds one model per file from these; the bounds and the reasons for them live here.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from modelpick.declare import Field, StrictStr

Id = Annotated[
    StrictStr,
    Field(pattern=r"^[a-z0-9][a-z0-9._\-]*$", max_length=80, description="lower-case id"),
]
LicenseId = Annotated[
    StrictStr,
    Field(
        pattern=r"^(LicenseRef-[A-Za-z0-9.\-]+|[A-Za-z0-9][A-Za-z0-9.\-+]*)$",
        max_length=80,
        description="SPDX identifier, or LicenseRef-… where SPDX has none",
    ),
]
Text = Annotated[StrictStr, Field(min_length=1, max_length=2000)]

# --- bounds ---------------------------------------------------------------------------------
# Every figure a catalog holds has a range: physical where physics gives one, else a generous
# ceiling on anything that exists. Inside them the engine's arithmetic stays finite (costs,
# replicas, the crossover, dates); `tests/hardening/test_catalog_numbers.py` draws catalogs
# from exactly these ranges, read off the fields below. NaN and infinity are refused everywhere.

MIN_DATE = dt.date(1900, 1, 1)
"""Older than anything a catalog of LLM facts could cite (licenses and papers included)."""
MAX_DATE = dt.date(2199, 12, 31)
"""Keeps `as_of + staleness_days` (and any date arithmetic) far from `date.max`."""
MAX_PRICE_PER_MTOK = 1000.0
"""USD per million tokens; the dearest list price is under $1,000/M (o1-pro: $600/M out)."""
MAX_GPU_MEMORY_GB = 2048.0
"""Ten times the largest accelerator's memory (MI355X: 288 GB)."""
MIN_GPU_MEMORY_GB = 1.0
"""No GPU with less memory can hold an LLM."""
MAX_GPU_HOURLY_USD = 200.0
"""USD per GPU-hour: tens of times any cloud's on-demand price."""
MIN_GPU_HOURLY_USD = 0.01
"""A cent per GPU-hour: nobody rents one for less (and self-hosting is never free)."""
MAX_CONTEXT_TOKENS = 100_000_000
"""Ten times the largest context window announced (Llama 4 Scout: 10M)."""
MAX_THROUGHPUT = 10_000_000.0
"""Tokens per second one replica serves: far above any published serving measurement."""
MIN_THROUGHPUT = 0.01
"""A token every hundred seconds; a replica slower than that serves nobody."""
MAX_GPUS_PER_REPLICA = 1024
"""GPUs in one replica: the largest NVLink domains hold 72 (GB200 NVL72)."""
MIN_PARAMS_B = 0.001
"""Billions of parameters: a million; smaller is not a language model."""
MAX_PARAMS_B = 100_000.0
"""A hundred trillion parameters: fifty times the largest announced (Behemoth, about 2T)."""
MAX_MAU = 10_000_000_000
"""Monthly active users: more people than live on Earth."""
MIN_BYTES_PER_PARAM = 0.125
"""One bit per parameter."""
MAX_BYTES_PER_PARAM = 8.0
"""FP64."""
MIN_UTILIZATION = 0.01
"""A fleet busy one percent of the time; idler than that, sizing means nothing."""
HOURS_PER_MONTH_MAX = 744.0
"""31 days x 24 hours: a month has no more hours."""
MAX_OPS_OVERHEAD_USD = 10_000_000.0
"""USD a month for operations: a few hundred engineers on call."""
MAX_LAYERS = 10_000
"""Decoder layers: far above the deepest published LLM (Llama 3.1 405B: 126)."""
MAX_DIM = 1_000_000
"""A head count, head dimension, hidden size, latent rank or vocabulary: far above any model's."""
MAX_BANDWIDTH_GB_S = 1_000_000.0
"""GB/s of memory bandwidth: a hundred times the fastest HBM stack (B200: 8,000)."""
MAX_TFLOPS = 1_000_000.0
"""Dense TFLOPS: a hundred times the fastest accelerator's dense FP4."""
MAX_CHECKPOINT_GB = 1_000_000.0
"""GB on disk: a million; the largest open checkpoints are about two thousand."""
MAX_BENCHMARK_TOKENS = MAX_CONTEXT_TOKENS
MAX_BENCH_CONCURRENCY = 1_000_000

MAX_STALENESS_DAYS = 3650
"""Ten years: a catalog older than that is not a catalog of current models."""
MAX_SCHEMA_VERSION = 1000
MAX_CLAIM = 10**15
"""A number a disagreement claims: parameters, contexts, prices and users all fit below it."""


def figure(*, ge: float, le: float, unit: str) -> Any:
    """A strict, finite float in a range; the description names the unit and the range."""
    return Field(
        ge=ge, le=le, allow_inf_nan=False, strict=True, description=f"{unit}, {ge:g} to {le:g}"
    )


def whole(*, ge: int, le: int, unit: str) -> Any:
    """A strict whole number in a range."""
    return Field(ge=ge, le=le, strict=True, description=f"{unit}, {ge:,} to {le:,}")


Money = Annotated[
    float, figure(ge=0, le=MAX_PRICE_PER_MTOK, unit="USD per million tokens")
]
Billions = Annotated[
    float, figure(ge=MIN_PARAMS_B, le=MAX_PARAMS_B, unit="billions of parameters")
]
Fraction = Annotated[float, figure(ge=0, le=1, unit="a fraction")]
GpuCount = Annotated[int, whole(ge=1, le=MAX_GPUS_PER_REPLICA, unit="GPUs per replica")]
ContextTokens = Annotated[int, whole(ge=1, le=MAX_CONTEXT_TOKENS, unit="tokens")]
Date = Annotated[dt.date, Field(ge=MIN_DATE, le=MAX_DATE)]
ClaimNumber = Annotated[float, Field(ge=-MAX_CLAIM, le=MAX_CLAIM, allow_inf_nan=False)]
ClaimInt = Annotated[int, Field(ge=-MAX_CLAIM, le=MAX_CLAIM)]
ClaimValue = StrictStr | ClaimNumber | ClaimInt | bool
Country = Annotated[StrictStr, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166 alpha-2")]
Region = Annotated[StrictStr, Field(pattern=r"^[A-Z]{2,8}$", description="country or group")]
SourceRefs = Annotated[list[Id], Field(min_length=1, description="ids from sources.yaml")]
SchemaVersion = Annotated[int, whole(ge=1, le=MAX_SCHEMA_VERSION, unit="version")]
UserCount = Annotated[int, whole(ge=1, le=MAX_MAU, unit="users")]
GpuMemory = Annotated[
    float, figure(ge=MIN_GPU_MEMORY_GB, le=MAX_GPU_MEMORY_GB, unit="GB of memory")
]
GpuHourly = Annotated[
    float,
    figure(
        ge=MIN_GPU_HOURLY_USD,
        le=MAX_GPU_HOURLY_USD,
        unit="USD, on-demand price of one GPU for one hour",
    ),
]
Throughput = Annotated[
    float,
    figure(
        ge=MIN_THROUGHPUT,
        le=MAX_THROUGHPUT,
        unit="sustained tokens per second one replica serves (input + output)",
    ),
]
BytesPerParam = Annotated[
    float, figure(ge=MIN_BYTES_PER_PARAM, le=MAX_BYTES_PER_PARAM, unit="bytes per parameter")
]
Utilization = Annotated[
    float, figure(ge=MIN_UTILIZATION, le=1, unit="share of a replica's capacity used")
]
MonthHours = Annotated[
    float, figure(ge=1, le=HOURS_PER_MONTH_MAX, unit="hours a GPU is paid for a month")
]
OpsOverhead = Annotated[float, figure(ge=0, le=MAX_OPS_OVERHEAD_USD, unit="USD a month")]
StalenessDays = Annotated[int, whole(ge=1, le=MAX_STALENESS_DAYS, unit="days")]
Layers = Annotated[int, whole(ge=1, le=MAX_LAYERS, unit="layers")]
Dim = Annotated[int, whole(ge=1, le=MAX_DIM, unit="a count or dimension")]
Bandwidth = Annotated[float, figure(ge=1, le=MAX_BANDWIDTH_GB_S, unit="GB/s of memory bandwidth")]
Tflops = Annotated[float, figure(ge=0.1, le=MAX_TFLOPS, unit="dense TFLOPS")]
CheckpointGb = Annotated[float, figure(ge=0.001, le=MAX_CHECKPOINT_GB, unit="GB (10^9 bytes)")]
RequestTokens = Annotated[int, whole(ge=1, le=MAX_BENCHMARK_TOKENS, unit="tokens per request")]
Concurrency = Annotated[int, whole(ge=1, le=MAX_BENCH_CONCURRENCY, unit="concurrent requests")]
Share = Annotated[float, figure(ge=0.05, le=1, unit="a share of GPU memory")]
Efficiency = Annotated[float, figure(ge=0.01, le=1, unit="a share of the hardware's peak")]
ReserveGb = Annotated[float, figure(ge=0, le=MAX_GPU_MEMORY_GB, unit="GB per GPU")]
StepMs = Annotated[float, figure(ge=0, le=1000, unit="milliseconds per decode step")]
TokensPerS = Annotated[float, figure(ge=0.01, le=10_000, unit="tokens per second per user")]
