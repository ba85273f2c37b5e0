"""`catalog import-prices`: LiteLLM's price map -> catalog prices, through reviewed keys only."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from modelpick.catalog import price_plan as plans
from modelpick.catalog import prices_import as imp
from modelpick.catalog.loader import load_catalog
from modelpick.errors import InputError
from modelpick.report import prices as describe

Run = Callable[..., subprocess.CompletedProcess[str]]

REAL_FILE = Path(__file__).parents[3] / "shared" / "data" / "litellm_model_prices.json"
SHIPPED = Path(__file__).parents[2] / "catalog"
QWEN_DEEPINFRA = "deepinfra/Qwen/Qwen3-235B-A22B-Instruct-2507"

needs_real_file = pytest.mark.skipif(
    not REAL_FILE.is_file(),
    reason=f"the real LiteLLM price map is not at {REAL_FILE} (see shared/data/PROVENANCE.md)",
)


@pytest.fixture(scope="module")
def real_map() -> dict[str, Any]:
    if not REAL_FILE.is_file():
        pytest.skip(f"the real LiteLLM price map is not at {REAL_FILE}")
    data: dict[str, Any] = json.loads(REAL_FILE.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A private copy of the shipped catalog."""
    target = tmp_path / "catalog"
    shutil.copytree(SHIPPED, target)
    return target


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def write_map(tmp_path: Path, data: dict[str, Any], name: str = "prices.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run_json(modelpick: Run, *args: str | Path) -> dict[str, Any]:
    result = modelpick("catalog", "import-prices", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def yaml_of(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- the real file --------------------------------------------------------------------------


@needs_real_file
def test_dry_run_on_the_real_file_writes_nothing(shipped: Path, modelpick: Run) -> None:
    before = snapshot(shipped)
    data = run_json(modelpick, REAL_FILE, "--catalog", shipped, "--dry-run")
    assert snapshot(shipped) == before
    prices = len(yaml_of(shipped / "providers.yaml")["prices"])
    # The shipped catalog was taken from this very file: everything maps, nothing differs.
    assert data["counts"] == {"changed": 0, "unchanged": prices, "unmapped": 0,
                              "context_changed": 0}
    assert data["sha256"] == hashlib.sha256(REAL_FILE.read_bytes()).hexdigest()
    # the prices' source is the file imported, by name and content hash, not a fixed id
    assert data["source"] == "litellm-import-" + data["sha256"][:12]
    assert data["written"] == []


@needs_real_file
def test_real_run_with_nothing_changed_says_up_to_date(shipped: Path, modelpick: Run) -> None:
    before = snapshot(shipped)
    result = modelpick("catalog", "import-prices", REAL_FILE, "--catalog", shipped)
    assert result.returncode == 0, result.stderr
    assert "prices are up to date" in result.stdout
    assert snapshot(shipped) == before


def test_a_changed_price_is_written_keeping_comments_and_order(
    shipped: Path, real_map: dict[str, Any], tmp_path: Path, modelpick: Run
) -> None:
    changed = json.loads(json.dumps(real_map))
    changed[QWEN_DEEPINFRA]["input_cost_per_token"] = 1e-07  # 0.09 -> 0.1 per million
    price_file = write_map(tmp_path, changed)
    old = {name: (shipped / name).read_text(encoding="utf-8") for name in imp.s.FILES}
    # the date the price was taken: importing on it again leaves the price's as_of as it is
    as_of = next(p["as_of"] for p in yaml_of(shipped / "providers.yaml")["prices"]
                 if p.get("litellm_key") == QWEN_DEEPINFRA)

    result = modelpick("catalog", "import-prices", price_file, "--catalog", shipped,
                       "--date", as_of.isoformat())
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("qwen3 "))
    assert row.split() == ["qwen3", "deepinfra", "0.09", "0.55", "0.1", "0.55", "+11.1%", "0.0%",
                           "262144", "-"]  # the served window and retirement, unchanged

    new_providers = (shipped / "providers.yaml").read_text(encoding="utf-8")
    diff = [line for line in difflib.unified_diff(old["providers.yaml"].splitlines(),
                                                  new_providers.splitlines(), n=0, lineterm="")
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    # as_of was already the --date given, so only the price line changes, and the entry
    # cites the file imported
    sha = hashlib.sha256(price_file.read_bytes()).hexdigest()[:12]
    assert diff[:2] == ["-    input_per_mtok: 0.09", "+    input_per_mtok: 0.1"]
    was = diff[2].removeprefix("-")
    assert was.startswith("    sources: [") and was.endswith("]")
    assert diff[2:] == [f"-{was}", f"+{was[:-1]}, litellm-import-{sha}]"]
    sources = yaml_of(shipped / "sources.yaml")["sources"]
    imported = next(src for src in sources if src["id"] == f"litellm-import-{sha}")
    assert imported["kind"] == "dataset" and imported["commit"].endswith(
        hashlib.sha256(price_file.read_bytes()).hexdigest())
    assert "# providers.yaml - who serves which model, and at what price." in new_providers
    assert "  # --- qwen3\n" in new_providers
    old_prices = yaml.safe_load(old["providers.yaml"])["prices"]
    old_order = [(p["model"], p["provider"]) for p in old_prices]
    new_prices = yaml.safe_load(new_providers)["prices"]
    assert [(p["model"], p["provider"]) for p in new_prices] == old_order
    assert (shipped / "models.yaml").read_text(encoding="utf-8") == old["models.yaml"]

    meta = yaml_of(shipped / "catalog.yaml")
    old_meta = yaml.safe_load(old["catalog.yaml"])
    major, minor, patch = old_meta["version"].split(".")
    assert meta["version"] == f"{major}.{minor}.{int(patch) + 1}"
    entry = meta["changelog"][0]
    sha = hashlib.sha256(price_file.read_bytes()).hexdigest()[:12]
    assert entry["version"] == meta["version"]
    assert entry["date"] == as_of
    assert entry["changes"] == [
        f"Prices refreshed from LiteLLM price map prices.json sha256 {sha}: 1 changed, "
        f"{len(new_prices) - 1} unchanged, 0 unmapped."
    ]
    assert meta["changelog"][1:] == old_meta["changelog"]
    assert "# catalog.yaml - what this catalog is" in (shipped / "catalog.yaml").read_text()

    validate = modelpick("catalog", "validate", shipped)
    assert validate.returncode == 0, validate.stdout


def test_a_changed_price_gets_the_date_and_the_dataset_source(
    shipped: Path, real_map: dict[str, Any], tmp_path: Path, modelpick: Run
) -> None:
    providers = shipped / "providers.yaml"
    text = providers.read_text(encoding="utf-8")
    before = f'    litellm_key: "{QWEN_DEEPINFRA}"\n    sources: [litellm-prices-1.109.1]'
    assert before in text
    providers.write_text(text.replace(before, before.replace(
        "[litellm-prices-1.109.1]", "[art-oss-landscape-2026]")), encoding="utf-8")
    changed = json.loads(json.dumps(real_map))
    changed[QWEN_DEEPINFRA]["output_cost_per_token"] = 6.05e-07
    data = run_json(modelpick, write_map(tmp_path, changed), "--catalog", shipped)

    assert [(r["model"], r["provider"]) for r in data["changed"]] == [("qwen3", "deepinfra")]
    assert data["changed"][0]["change_percent"] == {"input": 0.0, "output": 10.0}
    assert data["notes"][0].startswith("changed entries cite 'litellm-import-")
    price = next(p for p in yaml_of(providers)["prices"] if p["litellm_key"] == QWEN_DEEPINFRA)
    assert price["output_per_mtok"] == 0.605
    assert price["as_of"] == dt.date.today()
    sha = data["sha256"][:12]
    assert price["sources"] == ["art-oss-landscape-2026", f"litellm-import-{sha}"]
    flow = f"    sources: [art-oss-landscape-2026, litellm-import-{sha}]\n"
    assert flow in providers.read_text(encoding="utf-8")


def test_a_missing_key_is_listed_as_unmapped(
    shipped: Path, real_map: dict[str, Any], tmp_path: Path, modelpick: Run
) -> None:
    gone = {k: v for k, v in real_map.items() if k != "zai/glm-5"}
    price_file = write_map(tmp_path, gone)
    before = snapshot(shipped)
    data = run_json(modelpick, price_file, "--catalog", shipped, "--dry-run")
    assert [(r["model"], r["provider"], r["litellm_key"], r["reason"]) for r in data["unmapped"]] \
        == [("glm-5", "zai", "zai/glm-5", "key not found in the file")]
    assert data["counts"]["unmapped"] == 1
    text = modelpick("catalog", "import-prices", price_file, "--catalog", shipped).stdout
    assert "Unmapped (left as they are):" in text
    assert "key not found in the file" in text
    assert "prices are up to date" in text  # an unmapped price is not a change
    assert snapshot(shipped) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"gpt-5": {"input_cost_per_token": 1e-06,', "invalid JSON"),
        ("[1, 2]", "a LiteLLM price map or a models.dev api.json), got list"),
        ("null", "got null"),
        ("", "invalid JSON"),
        (None, "price file not found"),
    ],
)
def test_a_bad_price_file_is_exit_2(
    shipped: Path, tmp_path: Path, modelpick: Run, content: str | None, message: str
) -> None:
    path = tmp_path / "prices.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    before = snapshot(shipped)
    result = modelpick("catalog", "import-prices", path, "--catalog", shipped)
    assert result.returncode == 2
    assert str(path) in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(shipped) == before


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "prices.json"
    path.write_text('{\n  "a": {},\n  "b": oops\n}\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        imp.read_price_map(path)
    assert (caught.value.file, caught.value.line) == (str(path), 3)


def test_the_embedded_catalog_is_only_read(modelpick: Run, tmp_path: Path) -> None:
    result = modelpick("catalog", "import-prices", write_map(tmp_path, {}))
    assert result.returncode == 2
    assert "--catalog DIR" in result.stderr


@pytest.mark.parametrize("date", ["2026-13-01", "yesterday", "2999-01-01"])
def test_a_bad_date_is_exit_2(shipped: Path, tmp_path: Path, modelpick: Run, date: str) -> None:
    result = modelpick("catalog", "import-prices", write_map(tmp_path, {}), "--catalog", shipped,
                       "--dry-run", "--date", date)
    assert result.returncode == 2
    assert "--date" in result.stderr


def test_a_result_that_would_not_validate_is_not_written(
    shipped: Path, real_map: dict[str, Any], tmp_path: Path, modelpick: Run
) -> None:
    absurd = json.loads(json.dumps(real_map))
    absurd["gpt-5"]["output_cost_per_token"] = 0.002  # 2,000 USD per million tokens
    before = snapshot(shipped)
    result = modelpick("catalog", "import-prices", write_map(tmp_path, absurd),
                       "--catalog", shipped)
    assert result.returncode == 1
    assert "would not validate" in result.stderr
    assert "nothing was written" in result.stderr
    assert snapshot(shipped) == before


# --- planning, in process -------------------------------------------------------------------


def price_map(entries: dict[str, Any]) -> plans.PriceMap:
    return plans.PriceMap(file="synthetic.json", sha256="0" * 64, entries=entries)


@pytest.fixture
def catalog_min_loaded(catalog_min: Path) -> Any:
    return load_catalog(catalog_min)


def test_odd_values_are_listed_not_fatal(catalog_min_loaded: Any) -> None:
    keys = ["k-string", "k-null", "k-list", "k-bool", "k-nan", "k-entry-list", "sample_spec",
            "k-missing", "k-negative"]
    template = catalog_min_loaded.prices[0]
    prices = [template.model_copy(update={"litellm_key": key}) for key in [*keys, None]]
    catalog = dataclasses.replace(catalog_min_loaded, prices=prices)
    entries = {
        "sample_spec": {"input_cost_per_token": "the input cost"},
        "k-string": {"input_cost_per_token": "1e-06", "output_cost_per_token": 2e-06},
        "k-null": {"input_cost_per_token": None, "output_cost_per_token": 2e-06},
        "k-list": {"input_cost_per_token": [1e-06], "output_cost_per_token": 2e-06},
        "k-bool": {"input_cost_per_token": True, "output_cost_per_token": 2e-06},
        "k-nan": {"input_cost_per_token": math.nan, "output_cost_per_token": 2e-06},
        "k-entry-list": [1, 2],
        "k-missing": {"output_cost_per_token": 2e-06},
        "k-negative": {"input_cost_per_token": -1e-06, "output_cost_per_token": 2e-06},
    }
    plan = imp.plan_import(catalog, price_map(entries), date=dt.date(2026, 11, 1))
    reasons = {row.key: row.reason for row in plan.rows(*plans.UNMAPPED) if row.key in keys}
    assert reasons == {
        "k-string": "input_cost_per_token is not a number: '1e-06'",
        "k-null": "input_cost_per_token is null",
        "k-list": "input_cost_per_token is not a number: [1e-06]",
        "k-bool": "input_cost_per_token is not a number: True",
        "k-nan": "input_cost_per_token is nan",
        "k-entry-list": "entry is not an object: [1, 2]",
        "sample_spec": "'sample_spec' documents the fields; it is no model",
        "k-missing": "input_cost_per_token is missing",
        "k-negative": "input_cost_per_token is -1e-06",
    }
    assert [(r.model, r.reason) for r in plan.rows(plans.Outcome.NO_KEY)] == [
        ("gpt-5", "no litellm_key in the catalog")
    ]
    assert not plan.has_changes
    text = describe.format_text(plan, written=[], dry_run=True)
    assert "unmapped (left as they are)" in text.lower()


@pytest.mark.parametrize(
    ("per_token", "per_million"),
    [
        (1.4e-07, 0.14),
        (3.2000000000000003e-06, 3.2),
        (2.5e-05, 25.0),
        (7.5e-08, 0.075),
        (2.69e-07, 0.269),
        (1.23e-11, 0.0000123),  # six significant digits never round a price down to 0
        (1.2345678e-04, 123.457),
        (0, 0.0),
        (1, 1_000_000.0),
    ],
)
def test_per_million_has_no_float_noise(per_token: float, per_million: float) -> None:
    assert imp.per_million(per_token) == per_million
    assert repr(imp.per_million(per_token)) == repr(per_million)


def test_context_windows_follow_a_model_level_key(
    shipped: Path, real_map: dict[str, Any], tmp_path: Path, modelpick: Run
) -> None:
    models = shipped / "models.yaml"
    anchor = "    # LiteLLM claude-opus-4-7 (first party): 1000000.\n"
    text = models.read_text(encoding="utf-8")
    assert anchor in text
    models.write_text(text.replace(anchor, anchor + "    litellm_key: claude-opus-4-7\n"),
                      encoding="utf-8")
    old = models.read_text(encoding="utf-8")
    bigger = json.loads(json.dumps(real_map))
    bigger["claude-opus-4-7"]["max_input_tokens"] = 2_000_000
    data = run_json(modelpick, write_map(tmp_path, bigger), "--catalog", shipped)

    assert data["counts"]["context_changed"] == 1
    # every other model-level key is reported too, and finds its window unchanged
    assert [c for c in data["contexts"] if c["outcome"] != "unchanged"] == [
        {"model": "claude-opus-4.7", "litellm_key": "claude-opus-4-7", "outcome": "changed",
         "old": 1_000_000, "new": 2_000_000, "reason": None}
    ]
    assert data["changelog"].endswith("; context windows: 1 updated.")
    new = models.read_text(encoding="utf-8")
    changed = [line for line in difflib.unified_diff(old.splitlines(), new.splitlines(), n=0,
                                                     lineterm="")
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed[:2] == ["-    context_tokens: 1000000", "+    context_tokens: 2000000"]
    assert all("litellm-import-" in line for line in changed[2:])  # it cites the file
    assert modelpick("catalog", "validate", shipped).returncode == 0


def test_without_model_level_keys_context_is_left_alone(catalog_min_loaded: Any) -> None:
    plan = imp.plan_import(catalog_min_loaded, price_map({}), date=dt.date(2026, 11, 1))
    assert plan.contexts == []
    assert any(note.startswith("context windows left alone") for note in plan.notes)


def test_a_failed_write_leaves_every_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    from modelpick import fileio

    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("old a\n")
    second.write_text("old b\n")
    real_fdopen = os.fdopen
    calls = []

    def failing_fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        calls.append(fd)
        if len(calls) == 2:
            os.close(fd)
            raise OSError(28, "No space left on device")
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", failing_fdopen)
    with pytest.raises(InputError, match="No space left on device"):
        fileio.write_atomic_many({first: "new a\n", second: "new b\n"})
    assert (first.read_text(), second.read_text()) == ("old a\n", "old b\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]


def test_the_round_trip_library_stays_off_the_start_up_path() -> None:
    code = ("import sys, modelpick.cli, modelpick.catalog.prices_import; "
            "print('ruamel.yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


MODELS_DEV = REAL_FILE.with_name("models_dev_api.json")


@pytest.mark.skipif(not MODELS_DEV.is_file(), reason="models.dev's api.json is not in shared/data")
def test_a_models_dev_file_is_detected_and_read_through_its_own_keys(
    shipped: Path, modelpick: Run
) -> None:
    data = run_json(modelpick, MODELS_DEV, "--catalog", shipped, "--dry-run")
    assert data["source"] == "models-dev-import-" + data["sha256"][:12]
    keyed = [p for p in yaml_of(shipped / "providers.yaml")["prices"] if p.get("models_dev_key")]
    assert keyed  # the reviewed models.dev keys the catalog records
    assert data["counts"]["changed"] + data["counts"]["unchanged"] == len(keyed)
    assert data["counts"]["context_changed"] == 0  # model-level windows come from LiteLLM keys
    raw = json.loads(MODELS_DEV.read_text(encoding="utf-8"))
    for row in data["changed"]:
        provider, model = row["key"].split("/", 1)
        cost = raw[provider]["models"][model]["cost"]
        assert row["new"] == {  # to six significant digits, without float noise
            "input_per_mtok": pytest.approx(cost["input"], rel=1e-5),
            "output_per_mtok": pytest.approx(cost["output"], rel=1e-5),
        }


def test_an_import_narrows_a_served_window_but_never_widens_it(
    shipped: Path, real_map: dict[str, Any], tmp_path: Path, modelpick: Run
) -> None:
    changed = json.loads(json.dumps(real_map))
    key = "deepinfra/meta-llama/Llama-4-Scout-17B-16E-Instruct"
    recorded = next(p for p in yaml_of(shipped / "providers.yaml")["prices"]
                    if p.get("litellm_key") == key)["max_context_tokens"]
    changed[key]["max_input_tokens"] = recorded * 10
    wide = run_json(modelpick, write_map(tmp_path, changed), "--catalog", shipped, "--dry-run")
    assert not [r for r in wide["changed"] if r["key"] == key]
    assert any("llama-4-scout at deepinfra" in note and "wider than" in note
               for note in wide["notes"])
    changed[key]["max_input_tokens"] = recorded // 2
    narrow = run_json(modelpick, write_map(tmp_path, changed, "narrow.json"), "--catalog",
                      shipped)
    (row,) = [r for r in narrow["changed"] if r["key"] == key]
    assert row["window"] == {"old": recorded, "new": recorded // 2}
    price = next(p for p in yaml_of(shipped / "providers.yaml")["prices"]
                 if p.get("litellm_key") == key)
    assert price["max_context_tokens"] == recorded // 2
