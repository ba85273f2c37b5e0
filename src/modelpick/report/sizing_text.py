"""The sizing arithmetic in words: one set of lines for `size`, `advise`, reports and records.

Each function takes the engine's `Memory` and `Throughput` blocks and returns plain lines; a
Markdown renderer escapes them like any other text.
"""

from __future__ import annotations

from modelpick.engine.result import Hardware
from modelpick.report.words import count
from modelpick.sizing.model import Memory, Throughput


def gb(value: float) -> str:
    """GB (10^9 bytes) to a tenth."""
    return f"{value:,.1f} GB"


def memory_lines(
    m: Memory, *, gpus: int, gpu_name: str, context: int, requests: int
) -> list[str]:
    """Weights + KV cache + runtime against usable memory, and the verdict."""
    kv_per_request = m.kv_bytes_per_token * context * m.kv_replication / 1e9
    replication = (
        f", kept {m.kv_replication:g}x over the GPUs" if m.kv_replication != 1 else ""
    )
    basis = m.weights_basis + ("; an estimate" if m.weights_estimate else "")
    return [
        f"weights: {gb(m.weights_gb)} ({basis})",
        f"KV cache: {gb(m.kv_cache_gb)} = {count(requests)} request(s) x {count(context)} tokens"
        f" x {count(m.kv_bytes_per_token)} bytes/token{replication}"
        f" ({gb(kv_per_request)} per request)",
        f"runtime: {gb(m.runtime_gb)} ({gpus} GPU(s) x {m.runtime_gb / gpus:g} GB reserve)",
        f"required: {gb(m.required_gb)} of {gb(m.usable_gb)} usable"
        f" ({m.usable_share:.0%} of {gpus} x {gpu_name} = {gb(m.total_gb)})",
        f"{'fits' if m.fits else 'does not fit'}: {m.reason}",
    ]


def throughput_lines(t: Throughput, *, input_tokens: int, output_tokens: int) -> list[str]:
    """Prefill, decode and the blended rate at the request's split."""
    kind = "estimate" if t.estimate else "measured"
    lines = [
        f"prefill: {count(t.prefill_tokens_per_s)} tokens/s (compute-bound)",
        f"decode: {count(t.decode_tokens_per_s)} tokens/s at a batch of {count(t.batch)}"
        f" (bound by {t.decode_bound}; batch limited by {t.batch_limit})",
        f"blended at {count(input_tokens)} in / {count(output_tokens)} out per request:"
        f" {count(t.total_tokens_per_s)} tokens/s ({count(t.output_tokens_per_s)} output),"
        f" {t.per_user_tokens_per_s:,.1f} output tokens/s per user",
    ]
    if t.prefill_tokens_per_s > 0 and input_tokens > 0:
        # One request's prompt, alone on the replica, at its prefill rate: a lower bound on
        # the time to first token (queueing and batching add to it).
        first = input_tokens / t.prefill_tokens_per_s
        shown = f"{first:,.2f} s" if first < 60 else f"{first / 60:,.1f} min"
        lines.append(f"first token: at least {shown} ({count(input_tokens)} input tokens at "
                     f"{count(t.prefill_tokens_per_s)} tokens/s of prefill)")
    lines.append(f"basis: {kind}, {t.basis}")
    return lines


def hardware_lines(hw: Hardware) -> list[str]:
    """A sized self-hosting pick: the same memory and throughput lines as `modelpick size`."""
    lines = memory_lines(
        hw.memory, gpus=hw.gpus_per_replica, gpu_name=hw.gpu_name, context=hw.context_tokens,
        requests=1,
    )
    lines += throughput_lines(
        hw.throughput, input_tokens=hw.input_tokens, output_tokens=hw.output_tokens
    )
    if hw.latency == "interactive":
        lines.append("latency: interactive (each user keeps the policy's decode speed)")
    lines += list(hw.notes)
    return lines
