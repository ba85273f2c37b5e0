"""The sizing's values: a request, a configuration, and what it was judged to need and serve."""

from __future__ import annotations

import math
from dataclasses import field
from typing import Literal

from modelpick.catalog import schema as s
from modelpick.frozen import frozen

GB = 1e9
Latency = Literal["interactive", "batch"]


@frozen
class Request:
    """The shape of the work: tokens per request, the context one request must hold, limits."""

    input_tokens: int
    output_tokens: int
    context_tokens: int
    concurrency: int | None = None
    """A fixed number of requests in flight; None: as many as memory and the engine allow."""
    latency: Latency | None = None
    """`interactive` keeps each user's decode speed at the policy's target; None or `batch`:
    saturation."""


@frozen
class Config:
    """One way to serve a model: GPU type, GPUs per replica, weight precision."""

    gpu: s.Gpu
    gpus: int
    precision: s.Precision

    @property
    def tensor_parallel(self) -> int:
        return min(self.gpus, self.gpu.gpus_per_node)

    @property
    def nodes(self) -> int:
        return max(1, math.ceil(self.gpus / self.gpu.gpus_per_node))


@frozen
class Weights:
    gb: float
    estimate: bool
    basis: str
    estimated_gb: float
    """The estimate from parameters even where a checkpoint's size is used (the fit)."""


@frozen
class Memory:
    """One replica's memory, GB (10^9 bytes)."""

    weights_gb: float
    weights_estimate: bool
    weights_basis: str
    kv_cache_gb: float
    """KV cache of the requests the verdict is for (`concurrency`, default one) at the context."""
    runtime_gb: float
    required_gb: float
    usable_gb: float
    total_gb: float
    usable_share: float
    kv_bytes_per_token: float
    """The model's own KV bytes per token, averaged over the context (windows respected)."""
    kv_replication: float
    """Copies of the KV cache the layout keeps over the replica's GPUs (1 = none)."""
    kv_free_gb: float
    max_concurrency: int
    """Requests at the full context the free memory holds at once (0: not even one)."""
    fits: bool
    reason: str


@frozen
class Throughput:
    """Tokens per second one replica serves for a request shape."""

    prefill_tokens_per_s: float
    decode_tokens_per_s: float
    output_tokens_per_s: float
    total_tokens_per_s: float
    per_user_tokens_per_s: float
    batch: int
    batch_limit: str
    """What capped the batch: memory, the engine, the concurrency, or the latency target."""
    decode_bound: str
    """What bounds a decode step: memory bandwidth or compute."""
    estimate: bool
    basis: str
    benchmark: str | None = None
    meets_latency: bool = True


@frozen
class Sized:
    """A configuration judged for a model and a request: memory, and throughput if it fits."""

    model: str
    model_name: str
    config: Config
    request: Request
    memory: Memory
    throughput: Throughput | None
    compute_precision: s.Precision
    weight_only: bool
    """The GPU runs the precision weight-only (dequantized to bf16 compute), not natively."""
    notes: tuple[str, ...] = field(default=())

    @property
    def fits(self) -> bool:
        return self.memory.fits
