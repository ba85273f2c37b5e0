"""`modelpick catalog candidates FILE`: what a price file lists and the catalog lacks, a draft."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest
import yaml

from modelpick.catalog.candidates import model_name
from modelpick.catalog.loader import load_catalog

DATA = Path(__file__).parents[3] / "shared" / "data"
FILES = [DATA / "litellm_model_prices.json", DATA / "models_dev_api.json"]
Run = Callable[..., CompletedProcess[str]]


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("bedrock/us.meta.llama3-3-70b-instruct-v1:0", "llama3-3-70b-instruct"),
        ("deepinfra/Qwen/Qwen3-235B-A22B-Instruct-2507", "qwen3-235b-a22b-instruct-2507"),
        ("vertex_ai/gemini-3-pro-preview", "gemini-3-pro"),
        ("openrouter/openai/gpt-oss-120b:free", "gpt-oss-120b"),
    ],
)
def test_a_key_names_its_model(key: str, name: str) -> None:
    assert model_name(key) == name


@pytest.mark.parametrize("source", FILES, ids=lambda p: p.name)
def test_the_draft_lists_only_models_the_catalog_lacks_most_served_first(
    source: Path, modelpick: Run
) -> None:
    if not source.is_file():
        pytest.skip(f"{source} is not in shared/data")
    done = modelpick("catalog", "candidates", source, "--limit", "25")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Draft: 25 of ")
    drafts: list[dict[str, Any]] = yaml.safe_load(done.stdout)["candidates"]
    assert len(drafts) == 25
    catalog = load_catalog(None)
    known = {m.id for m in catalog.models}
    for draft in drafts:
        assert draft["id"] not in known
        assert draft["license"] is None and draft["origin"] is None and draft["tasks"] is None
        assert "must be sourced" in draft["note"]
        assert draft["prices"] and all("provider" in p for p in draft["prices"])
        assert draft["providers_serving"] == len({p["provider"] for p in draft["prices"]})
    serving = [d["providers_serving"] for d in drafts]
    assert serving == sorted(serving, reverse=True)


def test_output_is_written_once_and_never_overwritten(tmp_path: Path, modelpick: Run) -> None:
    source = FILES[1]
    if not source.is_file():
        pytest.skip(f"{source} is not in shared/data")
    target = tmp_path / "candidates.yaml"
    first = modelpick("catalog", "candidates", source, "--output", target, "--limit", "3")
    assert first.returncode == 0, first.stderr
    assert len(yaml.safe_load(target.read_text(encoding="utf-8"))["candidates"]) == 3
    again = modelpick("catalog", "candidates", source, "--output", target)
    assert again.returncode == 2
    assert "Traceback" not in again.stderr
    assert len(yaml.safe_load(target.read_text(encoding="utf-8"))["candidates"]) == 3
