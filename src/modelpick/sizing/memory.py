"""Memory: weights at the precision + the KV cache the model's own attention keeps + runtime.

Weights are a published checkpoint's size where the catalog records one, else parameters x
the format's stored bytes (embeddings kept at bf16). The KV cache per token follows the shape
(GQA heads, or an MLA latent; windowed layers keep at most their window) and is laid out as a
tensor-parallel engine lays it out: KV heads replicated when fewer than the GPUs, an MLA latent
on every GPU. All of it is measured against the share of memory a serving engine allocates.
"""

from __future__ import annotations

from modelpick.catalog import schema as s
from modelpick.sizing.model import GB, Config, Memory, Request, Weights

# --- the model's facts --------------------------------------------------------------------


def sizable(model: s.Model) -> str | None:
    """Why a model cannot be sized, or None when it can."""
    if model.weights is not s.Weights.OPEN:
        return "its weights are closed"
    if model.availability is not s.Availability.RELEASED:
        return "its weights are not released"
    if model.shape is None:
        return "the catalog records no architecture facts (layers, attention) for it"
    if model.parameters.total_b is None or model.parameters.active_b is None:
        return "its parameter counts are unknown"
    if model.shape.attention is s.AttentionKind.MLA and model.shape.mla is None:
        return "its MLA latent sizes are unknown"
    if model.shape.attention is s.AttentionKind.GQA and model.shape.kv_heads is None:
        return "its KV head count is unknown"
    return None


def gpu_sizable(gpu: s.Gpu) -> str | None:
    """Why a GPU cannot size a model (the `gpus` check refuses such a catalog), or None."""
    if gpu.dense_tflops.get(s.Precision.BF16) is None:
        return f"'{gpu.id}' gives no dense bf16 TFLOPS"
    return None


def precisions_for(model: s.Model) -> list[s.Precision]:
    """Precisions a model can be served at.

    Its native one, bf16 from bf16 or fp8, fp8 online from bf16 (the engines quantize at
    load), and any precision with a published checkpoint.
    """
    assert model.shape is not None
    native = model.shape.native_precision
    out = {native, *(c.precision for c in model.shape.checkpoints)}
    if native in (s.Precision.BF16, s.Precision.FP8):
        out.add(s.Precision.BF16)
    if native is s.Precision.BF16:
        out.add(s.Precision.FP8)
    order = list(s.Precision)
    return sorted(out, key=order.index)


def _embedding_b(shape: s.Shape) -> float:
    if shape.vocab_size is None or shape.hidden_size is None:
        return 0.0
    return shape.vocab_size * shape.hidden_size * (1 if shape.tied_embeddings else 2) / 1e9


def loaded_params_b(model: s.Model) -> float:
    """Parameters a text-serving engine loads, in billions.

    The headline count, plus parts it leaves out (except MTP heads, which only speculative
    decoding loads).
    """
    assert model.parameters.total_b is not None and model.shape is not None
    extra = sum(
        p.b for p in model.shape.extra_params if not p.counted_in_total and p.part != "mtp"
    )
    return model.parameters.total_b + extra


def estimate_weights_gb(model: s.Model, precision: s.Precision, sizing: s.Sizing) -> float:
    """Parameters x stored bytes per weight; quantized formats keep embeddings at bf16."""
    assert model.shape is not None
    params = loaded_params_b(model)
    per = sizing.bytes_per_param[precision]
    if precision is s.Precision.BF16:
        return params * per
    embed = min(_embedding_b(model.shape), params)
    return (params - embed) * per + embed * sizing.bytes_per_param.get(s.Precision.BF16, 2.0)


def weights(model: s.Model, precision: s.Precision, sizing: s.Sizing) -> Weights:
    """A published checkpoint's size where one is recorded, else the estimate."""
    assert model.shape is not None
    estimated = estimate_weights_gb(model, precision, sizing)
    for ck in model.shape.checkpoints:
        if ck.precision is precision and ck.size_gb is not None:
            return Weights(ck.size_gb, False, f"published checkpoint {ck.repo}", estimated)
    per = sizing.bytes_per_param[precision]
    basis = f"{loaded_params_b(model):,.1f}B parameters x {per:g} bytes ({precision.value})"
    if precision is not s.Precision.BF16 and _embedding_b(model.shape) > 0:
        basis += ", embeddings at bf16"
    return Weights(estimated, True, basis, estimated)


def _kv_elements_per_layer(shape: s.Shape) -> float:
    if shape.attention is s.AttentionKind.MLA:
        assert shape.mla is not None
        return float(shape.mla.kv_lora_rank + shape.mla.qk_rope_head_dim)
    assert shape.kv_heads is not None
    return float(2 * shape.kv_heads * shape.head_dim)


def token_layers(shape: s.Shape, tokens: float) -> float:
    """Layer-tokens a request of `tokens` keeps.

    Full layers keep all, windowed ones at most their window (compressed ones a share more).
    """
    windowed = min(sum(w.layers for w in shape.windows), shape.layers)
    held = (shape.layers - windowed) * tokens
    for w in shape.windows:
        held += w.layers * min(tokens, w.tokens)
        if w.kind is s.WindowKind.COMPRESSED and w.ratio:
            held += w.layers * max(0.0, tokens - w.tokens) / w.ratio
    return held


def kv_bytes(shape: s.Shape, tokens: float, sizing: s.Sizing) -> float:
    """KV-cache bytes one request of `tokens` keeps (one copy, before any replication)."""
    held = token_layers(shape, tokens) * _kv_elements_per_layer(shape) * sizing.kv_cache_bytes
    if shape.indexer_head_dim is not None:  # fp8 indexer keys, one per token and layer
        held += shape.layers * tokens * shape.indexer_head_dim
    return held


def kv_replication(shape: s.Shape, tensor_parallel: int) -> float:
    """Copies of the KV cache under tensor parallelism.

    Each GPU holds at least one KV head (GQA), and every GPU the whole latent (MLA).
    """
    if shape.attention is s.AttentionKind.MLA:
        return float(tensor_parallel)
    assert shape.kv_heads is not None
    per_gpu = max(1, shape.kv_heads // tensor_parallel)
    return tensor_parallel * per_gpu / shape.kv_heads


def memory(
    model: s.Model, config: Config, request: Request, sizing: s.Sizing
) -> Memory:
    """Weights + KV cache at the context + runtime, against the replica's usable memory."""
    assert model.shape is not None
    shape = model.shape
    w = weights(model, config.precision, sizing)
    total = config.gpus * (config.gpu.capacity_gb or config.gpu.memory_gb)
    usable = total * config.gpu.usable_share
    runtime = config.gpus * sizing.runtime_reserve_gb_per_gpu
    repl = kv_replication(shape, config.tensor_parallel)
    context = request.context_tokens
    per_request_gb = kv_bytes(shape, context, sizing) * repl / GB
    wanted = request.concurrency or 1
    kv_gb = per_request_gb * wanted
    free = usable - w.gb - runtime
    max_conc = int(free // per_request_gb) if free > 0 and per_request_gb > 0 else 0
    required = w.gb + runtime + kv_gb
    if w.gb + runtime > usable:
        fits = False
        reason = (
            f"the weights ({w.gb:,.1f} GB) and runtime ({runtime:,.1f} GB) exceed the "
            f"{usable:,.1f} GB a serving engine can use of {config.gpus} x {config.gpu.name}"
        )
    elif max_conc < 1:
        fits = False
        reason = (
            f"one request at {context:,} tokens needs {per_request_gb:,.1f} GB of KV cache; "
            f"{free:,.1f} GB is left after the weights and runtime"
        )
    elif max_conc < wanted:
        fits = False
        reason = (
            f"{wanted:,} requests at {context:,} tokens need {kv_gb:,.1f} GB of KV cache; "
            f"{free:,.1f} GB holds {max_conc:,}"
        )
    else:
        fits = True
        reason = (
            f"{required:,.1f} GB of {usable:,.1f} GB usable; the rest holds "
            f"{max_conc:,} requests at {context:,} tokens"
        )
    return Memory(
        weights_gb=w.gb,
        weights_estimate=w.estimate,
        weights_basis=w.basis,
        kv_cache_gb=kv_gb,
        runtime_gb=runtime,
        required_gb=required,
        usable_gb=usable,
        total_gb=total,
        usable_share=config.gpu.usable_share,
        kv_bytes_per_token=kv_bytes(shape, context, sizing) / context,
        kv_replication=repl,
        kv_free_gb=max(free, 0.0),
        max_concurrency=max(max_conc, 0),
        fits=fits,
        reason=reason,
    )
