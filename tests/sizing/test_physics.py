"""Sizing from physics: KV bytes from published configs, fit verdicts, the fit to benchmarks.

The expected figures are worked by hand from each model's config.json (the catalog's `shape`):
GQA keeps 2 x layers x KV heads x head dim x 2 bytes per token; MLA keeps (kv_lora_rank +
qk_rope_head_dim) x layers x 2 bytes.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelpick.catalog import schema as s
from modelpick.catalog.loader import Catalog, load_catalog
from modelpick.sizing.fit import fit_rows
from modelpick.sizing.memory import kv_bytes
from modelpick.sizing.model import Config, Request
from modelpick.sizing.physics import size

SHIPPED = Path(__file__).resolve().parents[2] / "catalog"


@functools.cache
def _shipped() -> Catalog:
    """The shipped catalog, loaded once (hypothesis tests draw many examples)."""
    return load_catalog(SHIPPED)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return _shipped()


@pytest.mark.parametrize(
    ("model", "per_token"),
    [
        ("llama-3.1-8b", 2 * 32 * 8 * 128 * 2),  # 131,072
        ("llama-3.3-70b", 2 * 80 * 8 * 128 * 2),  # 327,680
        ("qwen3-32b", 2 * 64 * 8 * 128 * 2),  # 262,144
        ("qwen3", 2 * 94 * 4 * 128 * 2),  # 192,512
        ("deepseek-r1", (512 + 64) * 61 * 2),  # 70,272: MLA
        ("kimi-k2", (512 + 64) * 61 * 2),
    ],
)
def test_kv_bytes_per_token_follow_the_config(catalog: Catalog, model: str, per_token: int) -> None:
    shape = catalog.models_by_id[model].shape
    assert shape is not None
    assert kv_bytes(shape, 1000, catalog.policy.sizing) == pytest.approx(per_token * 1000)


def test_mla_holds_several_times_more_tokens_per_gb_than_gqa(catalog: Catalog) -> None:
    sizing = catalog.policy.sizing
    mla = catalog.models_by_id["deepseek-r1"].shape
    gqa = catalog.models_by_id["llama-3.3-70b"].shape
    assert mla is not None and gqa is not None
    assert kv_bytes(gqa, 10_000, sizing) / kv_bytes(mla, 10_000, sizing) > 3


def test_windows_cap_what_windowed_layers_keep(catalog: Catalog) -> None:
    """gpt-oss: 18 of 36 layers slide over 128 tokens; Llama 4: 36 of 48 chunk at 8,192."""
    sizing = catalog.policy.sizing
    oss = catalog.models_by_id["gpt-oss-120b"].shape
    scout = catalog.models_by_id["llama-4-scout"].shape
    assert oss is not None and scout is not None
    per_layer_oss = 2 * 8 * 64 * 2
    assert kv_bytes(oss, 100_000, sizing) == pytest.approx(
        per_layer_oss * (18 * 100_000 + 18 * 128)
    )
    per_layer_scout = 2 * 8 * 128 * 2
    assert kv_bytes(scout, 2_000_000, sizing) == pytest.approx(
        per_layer_scout * (12 * 2_000_000 + 36 * 8192)
    )


FITS = [
    # model, gpu, gpus, precision, context, fits: each follows from weights + KV at the context
    ("llama-3.1-8b", "rtx-4090-24gb", 1, "bf16", 8192, True),  # 16 GB + 1.1 GB in 21.6
    ("llama-3.3-70b", "h100-80gb", 1, "bf16", 4096, False),  # 141 GB of weights
    # An H100's 80 GB are 80 GiB: 2 x 85.5 GB x 0.9 = 153.9 GB holds 141 GB of weights
    ("llama-3.3-70b", "h100-80gb", 2, "bf16", 4096, True),
    ("llama-3.3-70b", "h100-80gb", 2, "bf16", 131_072, False),  # 43 GB of KV at 128k
    ("llama-3.3-70b", "h100-80gb", 1, "fp8", 4096, True),  # 72.7 + 2 + 1.3 < 77 GB
    ("llama-3.3-70b", "h200-141gb", 1, "bf16", 4096, False),  # 141 GB > 126.9 usable
    ("llama-3.3-70b", "mi300x-192gb", 1, "bf16", 4096, True),
    ("gpt-oss-120b", "h100-80gb", 1, "fp4", 131_072, True),  # the card: one 80 GB GPU
    ("kimi-k2", "h200-141gb", 8, "fp8", 4096, False),  # 1,026 GB of weights > 1,015 usable
    ("kimi-k2", "h200-141gb", 16, "fp8", 4096, True),
    ("deepseek-r1", "h100-80gb", 8, "fp8", 4096, False),  # 671 GB > 576 usable
    ("deepseek-r1", "h200-141gb", 8, "fp8", 4096, True),
    ("llama-4-scout", "h100-80gb", 1, "int4", 2_000_000, False),  # 99.5 GB of KV alone
    ("llama-4-scout", "h100-80gb", 4, "fp8", 2_000_000, True),
    ("gpt-oss-120b", "h100-80gb", 1, "fp4", 8192, True),  # the card: fits one 80 GB GPU
    ("qwen3", "h100-80gb", 4, "bf16", 4096, False),  # 470 GB of weights
]


@pytest.mark.parametrize(("model", "gpu", "gpus", "precision", "context", "fits"), FITS)
def test_fit_verdicts_follow_from_published_configs(
    catalog: Catalog, model: str, gpu: str, gpus: int, precision: str, context: int, fits: bool
) -> None:
    config = Config(catalog.gpus_by_id[gpu], gpus, s.Precision(precision))
    request = Request(min(1024, context // 2), 256, context)
    sized = size(catalog.models_by_id[model], config, request, catalog.policy.sizing)
    assert sized.fits is fits, sized.memory.reason
    assert (sized.throughput is None) is (not fits)


def test_every_recorded_benchmark_is_within_the_band(catalog: Catalog) -> None:
    """vLLM/SGLang within 0.67-1.5x; never above a TensorRT-LLM maximum by more than 1.25x."""
    band = catalog.policy.sizing.fit_band
    assert (band.low, band.high, band.offline_max_high) == (0.67, 1.5, 1.25)
    rows = fit_rows(catalog.benchmarks, catalog.models_by_id, catalog.gpus_by_id,
                    catalog.policy.sizing)
    assert len(rows) >= 15
    publishers = {src for r in rows for src in r.sources}
    assert len(publishers) >= 4
    bad = [(r.benchmark, r.ratio, r.verdict) for r in rows if r.verdict != "ok"]
    assert bad == []


@settings(max_examples=60, deadline=None)
@given(
    context=st.integers(1, 120_000),
    more=st.integers(1, 100_000),
)
def test_memory_grows_with_the_context(context: int, more: int) -> None:
    cat = _shipped()
    model = cat.models_by_id["qwen3-32b"]
    config = Config(cat.gpus_by_id["h100-80gb"], 2, s.Precision.FP8)
    small = size(model, config, Request(1, 1, context), cat.policy.sizing).memory
    large = size(model, config, Request(1, 1, context + more), cat.policy.sizing).memory
    assert large.kv_cache_gb > small.kv_cache_gb
    assert large.max_concurrency <= small.max_concurrency


@pytest.mark.parametrize("model", ["llama-3.1-8b", "qwen3-30b-a3b", "deepseek-r1"])
def test_more_concurrency_never_lowers_total_throughput(catalog: Catalog, model: str) -> None:
    m = catalog.models_by_id[model]
    gpu = catalog.gpus_by_id["h200-141gb"]
    gpus = 8 if model == "deepseek-r1" else 1
    config = Config(gpu, gpus, m.shape.native_precision if m.shape else s.Precision.BF16)
    rates = []
    for conc in (1, 4, 16, 64):
        sized = size(m, config, Request(1000, 500, 1500, conc), catalog.policy.sizing)
        assert sized.throughput is not None
        rates.append(sized.throughput.total_tokens_per_s)
    assert rates == sorted(rates)


def test_a_context_beyond_the_window_does_not_fit(catalog: Catalog) -> None:
    model = catalog.models_by_id["llama-3.1-8b"]
    config = Config(catalog.gpus_by_id["b200-192gb"], 8, s.Precision.BF16)
    sized = size(model, config, Request(100, 100, 1_000_000), catalog.policy.sizing)
    assert not sized.fits
    assert "window" in sized.memory.reason
