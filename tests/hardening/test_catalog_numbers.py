"""Numbers that validate never crash: any figure the schema accepts can be advised on.

The ranges are read off the pydantic schema (each field's ge/gt/le/lt), never restated here,
so the property follows the schema when a bound moves. Random catalogs are catalog_min with
every figure redrawn from anywhere in its range (extremes, tiny and huge values included),
repaired only where a named check ties two figures together (active <= total parameters, KV
heads <= attention heads, windows and experts within the model's); each must pass `catalog
validate`, and then every engine entry point and renderer must finish without raising anything
but modelpick's own errors.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import json
import math
import os
import shutil
import subprocess
import tempfile
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import annotated_types as at
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from rich.console import Console

from modelpick.catalog import schema as s
from modelpick.catalog.checks import validate_directory
from modelpick.catalog.findings import Severity
from modelpick.catalog.parse import parse_catalog
from modelpick.catalog.validators import validator
from modelpick.cli.advice_view import render_advice
from modelpick.cli.portfolio_view import render_portfolio
from modelpick.engine import decide, resolve
from modelpick.engine.answers import Answers, ResolvedAnswers
from modelpick.engine.facts import catalog_facts
from modelpick.engine.portfolio import ParsedPortfolio, Workload, evaluate
from modelpick.errors import ModelpickError
from modelpick.records.drift import evaluate_record
from modelpick.records.format import parse_record, render_record
from modelpick.report.findings import format_github, format_json, format_text
from modelpick.report.json_output import render_json
from modelpick.report.markdown import render_report
from modelpick.report.portfolio_json import render_portfolio_json
from modelpick.report.portfolio_markdown import render_portfolio_markdown
from modelpick.yamlfile import load_yaml_file

CATALOG_MIN = Path(__file__).parent.parent / "fixtures" / "catalog_min"
Path_ = tuple[str | int, ...]


# --- the ranges, from the schema ------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Range:
    """The values a schema field accepts: its type and its bounds."""

    kind: type
    low: Any = None
    high: Any = None
    low_open: bool = False
    high_open: bool = False
    finite: bool = False


def _range(kind: type, metadata: list[Any]) -> Range:
    flat: list[Any] = []
    for item in metadata:
        flat.extend(item.metadata if isinstance(item, FieldInfo) else [item])
    r = Range(kind)
    for item in flat:
        if isinstance(item, at.Ge):
            r = dataclasses.replace(r, low=item.ge)
        elif isinstance(item, at.Gt):
            r = dataclasses.replace(r, low=item.gt, low_open=True)
        elif isinstance(item, at.Le):
            r = dataclasses.replace(r, high=item.le)
        elif isinstance(item, at.Lt):
            r = dataclasses.replace(r, high=item.lt, high_open=True)
        elif getattr(item, "allow_inf_nan", True) is False:
            r = dataclasses.replace(r, finite=True)
    return r


def _unwrap(tp: Any) -> tuple[Any, list[Any]]:
    """A type without its Annotated layers, and their metadata, outermost last."""
    metadata: list[Any] = []
    while typing.get_origin(tp) is typing.Annotated:
        args = typing.get_args(tp)
        tp, metadata = args[0], [*args[1:], *metadata]
    return tp, metadata


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


NUMERIC = (int, float, dt.date)


def _ranges_of(tp: Any, metadata: list[Any], path: Path_) -> Iterator[tuple[Path_, Range]]:
    """Every numeric slot a type allows, with its range (`*` stands for any index or key)."""
    tp, inner = _unwrap(tp)
    metadata = [*inner, *metadata]
    origin = typing.get_origin(tp)
    if _is_union(tp):
        for arm in typing.get_args(tp):
            yield from _ranges_of(arm, metadata, path)
    elif origin is list:
        yield from _ranges_of(typing.get_args(tp)[0], [], (*path, "*"))
    elif origin is dict:
        yield from _ranges_of(typing.get_args(tp)[1], [], (*path, "*"))
    elif isinstance(tp, type) and issubclass(tp, BaseModel):
        for name, field in tp.model_fields.items():
            yield from _ranges_of(field.annotation, list(field.metadata), (*path, name))
    elif tp in NUMERIC:
        yield path, _range(tp, metadata)


def _schema_ranges(model: type[BaseModel]) -> dict[Path_, list[Range]]:
    out: dict[Path_, list[Range]] = {}
    for path, r in _ranges_of(model, [], ()):
        out.setdefault(path, []).append(r)
    return out


RANGES = {name: _schema_ranges(validator(record)) for name, record in s.FILES.items()}
ANSWER_RANGES = _schema_ranges(validator(Answers))


def _slot(path: Path_) -> Path_:
    return tuple("*" if isinstance(p, int) else p for p in path)


def _dict_slot(ranges: dict[Path_, list[Range]], path: Path_) -> Path_:
    """A dict's keys (bytes_per_param's precisions) are data: match them as `*`."""
    slot = _slot(path)
    if slot in ranges:
        return slot
    return (*slot[:-1], "*")


def test_every_figure_in_the_schema_is_bounded() -> None:
    """Every int, float and date a catalog holds has both bounds; every float is finite."""
    unbounded = [
        f"{name}:{'.'.join(map(str, path))}"
        for name, ranges in RANGES.items()
        for path, found in ranges.items()
        for r in found
        if r.low is None or r.high is None or (r.kind is float and not r.finite)
    ]
    assert unbounded == []
    assert len([p for ranges in RANGES.values() for p in ranges]) >= 25


# --- drawing values --------------------------------------------------------------------------


def _floats(r: Range) -> st.SearchStrategy[float]:
    low = math.nextafter(r.low, math.inf) if r.low_open else float(r.low)
    high = math.nextafter(r.high, -math.inf) if r.high_open else float(r.high)
    extremes = [low, high, math.nextafter(low, math.inf), math.nextafter(high, -math.inf)]
    if low < 1 < high:
        extremes.append(1.0)
    geometric = st.floats(0, 1).map(
        lambda u: min(high, max(low, math.exp(math.log(max(low, 1e-300)) * (1 - u)
                                              + math.log(high) * u)))
    )
    return st.one_of(st.sampled_from(extremes), geometric, st.floats(low, high))


def _value(r: Range) -> st.SearchStrategy[Any]:
    if r.kind is dt.date:
        return st.one_of(st.sampled_from([r.low, r.high]), st.dates(r.low, r.high))
    if r.kind is int:
        low = r.low + 1 if r.low_open else r.low
        high = r.high - 1 if r.high_open else r.high
        return st.one_of(st.sampled_from([low, high]), st.integers(low, high))
    return _floats(r)


def _leaves(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _leaves(value, (*path, i))
    elif _is_figure(data, path):
        yield path, data


def _is_figure(data: Any, path: Path_) -> bool:
    if isinstance(data, (int, float)):
        return not isinstance(data, bool)
    return isinstance(data, (str, dt.date)) and bool(path) and path[-1] in _DATE_KEYS


_DATE_KEYS = {"as_of", "date", "accessed", "published", "price_as_of"}


def _kind_of(value: Any) -> type:
    if isinstance(value, (str, dt.date)):
        return dt.date
    return int if isinstance(value, int) else float


def _range_for(file: str, path: Path_, value: Any) -> Range:
    ranges = RANGES[file]
    found = ranges.get(_slot(path)) or ranges[_dict_slot(ranges, path)]
    kind = _kind_of(value)
    matching = [r for r in found if r.kind is kind] or [r for r in found if r.kind is float]
    assert matching, (file, path, found)
    return matching[0]


def _set(data: Any, path: Path_, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _read_fixture() -> dict[str, Any]:
    return {
        name: load_yaml_file(CATALOG_MIN / name, max_bytes=10**7).data
        for name in s.FILES
    }


FIXTURE = _read_fixture()
SLOTS = [
    (file, path, _range_for(file, path, value))
    for file, data in FIXTURE.items()
    for path, value in _leaves(data)
    if path != ("schema_version",)  # the `dates` check wants exactly the one modelpick reads
]


def _repair(files: dict[str, Any]) -> None:
    """Tie together what a named check ties together.

    `numbers`: active <= total parameters; `shapes`: KV heads <= attention heads, windows and
    MoE layers within the model's layers, active experts <= experts. Whether the weights fit
    a GPU is no longer a check: a model that fits nowhere is simply not a candidate.
    """
    for model in files["models.yaml"]["models"]:
        params = model["parameters"]
        if params["total_b"] is not None and params["active_b"] is not None:
            params["active_b"] = min(params["active_b"], params["total_b"])
        shape = model.get("shape")
        if shape is None:
            continue
        if shape.get("kv_heads") is not None and shape["attention"] == "gqa":
            shape["kv_heads"] = min(shape["kv_heads"], shape["attention_heads"])
        budget = shape["layers"]
        for window in shape.get("windows") or []:
            window["layers"] = min(window["layers"], budget)
            budget -= window["layers"]
        shape["windows"] = [w for w in shape.get("windows") or [] if w["layers"] >= 1]
        if shape.get("moe_layers") is not None:
            shape["moe_layers"] = min(shape["moe_layers"], shape["layers"])
        experts = shape.get("experts")
        if experts is not None:
            experts["active"] = min(experts["active"], experts["total"])


def _write(files: dict[str, Any], directory: Path) -> None:
    for name, data in files.items():
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
        (directory / name).write_text(text, encoding="utf-8")


def _latest_date(files: dict[str, Any]) -> dt.date:
    """The latest date in the catalog: validating on that day, nothing is in the future."""
    return max(
        value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
        for data in files.values()
        for path, value in _leaves(data)
        if isinstance(value, (dt.date, str))
    )


@st.composite
def catalogs(draw: st.DrawFn) -> dict[str, Any]:
    """catalog_min with every figure redrawn from its schema range."""
    files = json.loads(json.dumps(FIXTURE, default=str))
    for file, path, r in SLOTS:
        value = draw(_value(r), label=f"{file}:{'.'.join(map(str, path))}")
        _set(files[file], path, value)
    _repair(files)
    return files


ANSWER_FIGURES = {
    path[0]: next(r for r in found if r.kind in (int, float))
    for path, found in ANSWER_RANGES.items()
    if len(path) == 1 and any(r.kind in (int, float) for r in found)
}
"""Every numeric answer (monthly_tokens, input_share, ...) and its schema range."""


def test_every_numeric_answer_is_bounded() -> None:
    assert {"monthly_tokens", "input_share"} <= set(ANSWER_FIGURES)
    for key, r in ANSWER_FIGURES.items():
        assert r.low is not None and r.high is not None, key
        assert r.kind is int or r.finite, key


@st.composite
def answers(draw: st.DrawFn) -> dict[str, Any]:
    """The nodes, the task, and each numeric answer (given or left to its default)."""
    out: dict[str, Any] = {
        key: draw(st.booleans())
        for key in (
            "data_must_stay_in_vpc",
            "frontier_required",
            "cost_dominant",
            "license_must_be_permissive",
            "has_inference_ops",
        )
    }
    out["task"] = draw(st.sampled_from([t.value for t in s.Task]))
    for key, r in ANSWER_FIGURES.items():
        if draw(st.integers(0, 3)):
            out[key] = draw(_value(r), label=key)
    out["excluded_origins"] = draw(st.lists(st.sampled_from(["CN", "US", "FR"]), unique=True))
    if draw(st.booleans()):
        out["deployment_region"] = draw(st.sampled_from(["EU", "US", "DE"]))
    return out


# --- the property ---------------------------------------------------------------------------


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in JSON output")

    return json.loads(text, parse_constant=refuse)


def _text(renderable: Any) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(renderable)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


def _every_entry_point(directory: Path, given: list[dict[str, Any]], today: dt.date) -> None:
    validation = validate_directory(directory, today=today)
    errors = [f for f in validation.findings if f.severity is Severity.ERROR]
    assert errors == [], errors
    format_text(validation)
    format_github(validation)
    _strict_json(format_json(validation, strict=True))
    catalog, _ = parse_catalog(directory)
    assert catalog is not None
    workloads = []
    for index, raw in enumerate(given):
        resolved = resolve({**raw, "workload": f"w{index}"}, origin="test")
        advice = decide(resolved, catalog, today)
        _strict_json(render_json(advice))
        render_report(advice)
        _text(render_advice(advice))
        record = render_record(
            advice, title="t", status="accepted", date=today
        )
        evaluate_record(parse_record(record, "0001-t.md"), catalog, today)
        workloads.append(Workload(f"w{index}", index, None, resolved))
    parsed = ParsedPortfolio("p.yaml", tuple(workloads), ())
    portfolio = evaluate(parsed, catalog, today=today, sensitivity=False)  # each ran it above
    _strict_json(render_portfolio_json(portfolio))
    render_portfolio_markdown(portfolio)
    _text(render_portfolio(portfolio))


# The everyday run draws twenty catalogs (the suite stays under two minutes); the
# opt-in fuzzing run (MODELPICK_FUZZ=1, see docs/development.md) draws many more.
@pytest.mark.fuzz
@settings(
    max_examples=500 if os.environ.get("MODELPICK_FUZZ") == "1" else 20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(files=catalogs(), given=st.lists(answers(), min_size=2, max_size=2))
def test_in_range_catalogs_never_crash(files: dict[str, Any], given: list[dict[str, Any]]) -> None:
    today = _latest_date(files)
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        _write(files, directory)
        with contextlib.suppress(ModelpickError):  # modelpick's own errors are answers
            _every_entry_point(directory, given, today)


# --- the real program on extreme catalogs ---------------------------------------------------


def _extreme(end: str) -> dict[str, Any]:
    """catalog_min with every figure at one end of its range (`low`, `high`, or `mixed`)."""
    files = json.loads(json.dumps(FIXTURE, default=str))
    for n, (file, path, r) in enumerate(SLOTS):
        if r.kind is dt.date:
            if end == "low":
                _set(files[file], path, r.low.isoformat())
            continue  # the real program's today is today: no future dates
        pick = {"low": "low", "high": "high", "mixed": "low" if n % 2 else "high"}[end]
        value = r.low if pick == "low" else r.high
        if r.kind is float:
            value = float(value)
            if (pick == "low" and r.low_open) or (pick == "high" and r.high_open):
                value = math.nextafter(value, math.inf if pick == "low" else -math.inf)
        _set(files[file], path, value)
    _repair(files)
    return files


@pytest.mark.parametrize("end", ["low", "high", "mixed"])
def test_extreme_catalogs_through_the_real_program(end: str, tmp_path: Path) -> None:
    exe = shutil.which("modelpick")
    assert exe is not None, "the modelpick entry point is not installed (pip install -e .)"
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    _write(_extreme(end), catalog)
    answers_file = tmp_path / "answers.yaml"
    answers_file.write_text(
        "workload: extreme\nhas_inference_ops: true\nmonthly_tokens: 1000000000000000\n"
        "min_context_tokens: 1\nmonthly_active_users: 100000000000\n",
        encoding="utf-8",
    )
    portfolio = tmp_path / "portfolio.yaml"
    portfolio.write_text(
        "workloads:\n  - {workload: a, has_inference_ops: true, monthly_tokens: 1}\n"
        "  - {workload: b, has_inference_ops: true, monthly_tokens: 1000000000000000}\n"
        "  - {workload: c, data_must_stay_in_vpc: true, input_share: 0}\n",
        encoding="utf-8",
    )
    commands = [
        ["catalog", "validate", catalog],
        ["advise", "--answers", answers_file, "--catalog", catalog, "--format", "json"],
        ["advise", "--answers", answers_file, "--catalog", catalog, "--format", "markdown"],
        ["advise", "--set", "frontier_required=true", "--catalog", catalog, "--no-input"],
        ["portfolio", portfolio, "--catalog", catalog, "--format", "json"],
        ["adr", "new", "--answers", answers_file, "--catalog", catalog, "--dir", tmp_path / "d",
         "--no-input"],
        ["adr", "check", tmp_path / "d", "--catalog", catalog],
        ["catalog", "list", "hardware", "--catalog", catalog],
        ["catalog", "show", "qwen3", "--catalog", catalog],
    ]
    for args in commands:
        done = subprocess.run(
            [exe, *map(str, args)], capture_output=True, text=True, timeout=60, check=False,
            stdin=subprocess.DEVNULL,
        )
        where = f"{end}: {' '.join(map(str, args[:2]))}: {done.stderr}"
        assert done.returncode in (0, 3), where
        assert "internal error" not in done.stderr, where
        assert "Traceback" not in done.stdout + done.stderr, where
        if "json" in args:
            _strict_json(done.stdout)


def test_the_fixture_itself_passes_through_every_entry_point() -> None:
    resolved = ResolvedAnswers(Answers(), ())
    assert resolved.answers.monthly_tokens >= 1
    _every_entry_point(CATALOG_MIN, [{}, {"has_inference_ops": True}], dt.date(2026, 11, 21))


# --- past the schema's ranges, the arithmetic still does not crash ------------------------
# Objects built without validation (model_copy, dataclasses.replace): the guards behind the
# ranges, each of which crashed before it was added.


def _loaded() -> Any:
    catalog, _ = parse_catalog(CATALOG_MIN)
    assert catalog is not None
    return catalog


def _request(catalog: Any) -> Any:
    from modelpick.engine.costs import request_for

    return request_for(0.75, None, catalog.policy.sizing)


def _rates(catalog: Any) -> Any:
    """What GPUs cost the default answers (on demand, peak over mean 2) in this catalog."""
    from modelpick.engine.costs import rates_for

    return rates_for(Answers(), catalog)


def _with_efficiency(catalog: Any, **update: Any) -> Any:
    sizing = catalog.policy.sizing
    efficiency = sizing.efficiency.model_copy(update=update)
    policy = catalog.policy.model_copy(
        update={"sizing": sizing.model_copy(update={"efficiency": efficiency})}
    )
    return dataclasses.replace(catalog, policy=policy)


# Each variant is made from a catalog of its own: `dataclasses.replace` keeps the original's
# `memo` (the sizing cache), so a variant of a catalog already sized would reuse its sizing.


def test_a_replica_serving_next_to_nothing_is_not_a_candidate() -> None:
    from modelpick.engine.costs import size_self_hosted

    request = _request(_loaded())
    baseline = _loaded()
    rates = _rates(baseline)
    assert size_self_hosted(
        baseline.models_by_id["qwen3"], 10**15, baseline, request, rates
    ) is not None
    fresh = _loaded()
    crawl = [
        g.model_copy(
            update={
                "bandwidth_gb_s": 5e-324,
                "dense_tflops": {p: 5e-324 for p in g.dense_tflops},
            }
        )
        for g in fresh.gpus
    ]
    slow = dataclasses.replace(fresh, gpus=crawl)  # a step overflows: capacity underflows to 0
    assert size_self_hosted(slow.models_by_id["qwen3"], 10**15, slow, request, rates) is None
    stalled = _with_efficiency(_loaded(), step_overhead_ms=1e308)  # each step takes forever
    assert size_self_hosted(
        stalled.models_by_id["qwen3"], 10**15, stalled, request, rates
    ) is None
    fresh = _loaded()
    dear = dataclasses.replace(
        fresh,
        gpus=[
            g.model_copy(
                update={"prices": [p.model_copy(update={"usd_per_hour": 1e308}) for p in g.prices]}
            )
            for g in fresh.gpus
        ],
    )  # the fleet costs more than a float holds, at every pricing
    assert size_self_hosted(dear.models_by_id["qwen3"], 10**15, dear, request, rates) is None


def test_a_crossover_past_any_volume_a_float_holds_is_never() -> None:
    from modelpick.engine.costs import provider_costs, size_self_hosted
    from modelpick.engine.crossover import crossover, stays_cheaper_above

    catalog = _loaded()
    rates = _rates(catalog)
    hardware = size_self_hosted(
        catalog.models_by_id["qwen3"], 10**9, catalog, _request(catalog), rates
    )
    assert hardware is not None
    hosted = provider_costs(catalog.prices_by_model["qwen3"], 10**9, 0.75, catalog)[0]
    hosted = dataclasses.replace(hosted, blended_per_mtok=1e-294)  # 1e-300 a token
    unit = math.nextafter(1e-300, 0) * (1 - 2**-40)
    tiny = dataclasses.replace(  # one replica earns a subnormal margin over the hosted price
        hardware,
        gpus_per_replica=1,
        hours_per_month=1.0,
        gpu_hourly_usd=unit,
        capacity_tokens_per_month=1.0,
    )
    # Engineers cost nothing per GPU, so one more replica costs only its GPU (else its share
    # of operations would dwarf the margin and no crossover would be searched for at all);
    # the operations floor stays: only past ~1e316 tokens does the margin pay for it.
    free = rates.operations.model_copy(update={"engineer_usd_per_month": 0.0})
    thin = dataclasses.replace(rates, operations=free)
    assert 1e-300 * tiny.capacity_tokens_per_month > unit  # the margin is there, subnormal
    cross = crossover("qwen3", tiny, "qwen3", hosted, 10**9, catalog, thin)
    assert cross.volume_tokens_per_month is None
    # Without the floor the same margin pays off within reach: the None above is the volume.
    no_floor = dataclasses.replace(
        thin, operations=free.model_copy(update={"floor_usd_per_month": 0.0})
    )
    reachable = stays_cheaper_above(unit, 1.0, 1, no_floor, 1e-300)
    assert reachable is not None and math.isfinite(reachable)


def test_a_revisit_date_past_the_calendar_does_not_crash() -> None:
    catalog = _loaded()
    resolved = resolve({}, origin="test")
    advice = decide(resolved, catalog, dt.date(2026, 11, 21), sensitivity=False)
    # The engine computes the revisit date (engine/facts.py); the report only prints it.
    late_catalog = types.SimpleNamespace(
        meta=catalog.meta.model_copy(update={"as_of": dt.date(9999, 12, 30)}),
        policy=catalog.policy,
    )
    late = dataclasses.replace(advice, catalog=catalog_facts(late_catalog))
    assert late.catalog.revisit_by == dt.date.max
    assert "9999-12-31" in render_report(late)


def _cost_dominant(catalog: Any) -> Any:
    resolved = resolve({"cost_dominant": True}, origin="test")
    return decide(resolved, catalog, dt.date(2026, 11, 21), sensitivity=False)


def test_a_price_rise_from_next_to_nothing_is_not_a_percentage() -> None:
    from modelpick.engine.sensitivity import _price_flip

    catalog = _loaded()
    advice = _cost_dominant(catalog)
    assert advice.primary is not None and advice.alternatives
    cheap = dataclasses.replace(advice.primary.providers[0], monthly_cost_usd=5e-324)
    primary = dataclasses.replace(advice.primary, providers=(cheap,))
    assert _price_flip(dataclasses.replace(advice, primary=primary)) is None


def test_json_never_carries_infinity() -> None:
    catalog = _loaded()
    advice = _cost_dominant(catalog)
    assert advice.primary is not None
    primary = dataclasses.replace(advice.primary, monthly_cost_usd=math.inf)
    out = _strict_json(render_json(dataclasses.replace(advice, primary=primary)))
    assert out["primary"]["monthly_cost_usd"] is None
