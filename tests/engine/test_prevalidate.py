"""`prevalidate` accepts only what pydantic accepts, as pydantic would, or leaves it to pydantic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from modelpick.catalog.schema import Task
from modelpick.catalog.validators import validator
from modelpick.engine.answers import ANSWER_KEYS, REGION_GROUPS, Answers, resolve
from modelpick.prevalidate import prevalidate

EXAMPLES = Path(__file__).parents[2] / "examples"

TEXTS = [
    "2B", "2e9", "2_000", "1,000", "0", "-3", "1.5", "yes", "no", "on", "true", "False",
    "us", "CN", "eu", "EU", "EEA", "ZZ", "rag", "RAG", "chat", "classification",
    "interactive", "batch", "on_demand", "reserved", "Triage", " Triage ", "", " ",
    "\x00bad", "x" * 201, "10T", "1e16",
]
NUMBERS = [
    0, 1, 2, -1, 18, 120, 121, 10**15, 10**15 + 1, 10**18, 0.0, 0.5, 1.0, 1.5, 2.0, -0.5,
    -0.6, 10.0, 10.5, 1000.0, 1e15, float("nan"), float("inf"), 1e-9, True, False,
]
scalars = st.one_of(
    st.sampled_from(TEXTS), st.sampled_from(NUMBERS), st.none(), st.just(Task.RAG),
    st.text(max_size=8), st.integers(), st.floats(), st.binary(max_size=3),
)
values = st.one_of(scalars, st.lists(scalars, max_size=4), st.dictionaries(st.text(), scalars))
keys = st.one_of(st.sampled_from(ANSWER_KEYS), st.sampled_from(["tasks", "model", "", "x"]))
CONTEXTS = [None, {REGION_GROUPS: ("EU", "EEA")}]


def _exact(value: Any) -> Any:
    """A value with its types spelt out, so 1 and 1.0 and True differ."""
    if isinstance(value, list):
        return ("list", [_exact(v) for v in value])
    return (type(value), value if value == value else "nan")


def _agrees(data: dict[str, Any], context: Any) -> None:
    fast = prevalidate(Answers, data, context)
    try:
        slow = dict(validator(Answers).model_validate(data, context=context))
    except ValidationError:
        assert fast is None, f"accepted what pydantic refuses: {data!r}"
        return
    if fast is not None:
        assert {k: _exact(v) for k, v in fast.items()} == {k: _exact(slow[k]) for k in data}


SAMPLES = [*TEXTS, *NUMBERS, None, Task.RAG, b"2B", [], ["us"], ["EU", "cn"], ["Narnia"],
           [1], ("us",), ["us"] * 251, {"a": 1}]


@pytest.mark.parametrize("key", ANSWER_KEYS)
def test_every_key_agrees_with_pydantic_on_every_sample(key: str) -> None:
    for value in SAMPLES:
        for context in CONTEXTS:
            _agrees({key: value}, context)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(keys, values, max_size=6), st.sampled_from(CONTEXTS))
def test_prevalidate_never_disagrees_with_pydantic(data: dict[str, Any], context: Any) -> None:
    _agrees(data, context)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"monthly_tokens": "2B"}, {"monthly_tokens": 2_000_000_000}),
        ({"monthly_tokens": 2e9}, {"monthly_tokens": 2_000_000_000}),
        ({"input_share": 1}, {"input_share": 1.0}),
        ({"task": "rag"}, {"task": Task.RAG}),
        ({"excluded_origins": ["cn", "us"]}, {"excluded_origins": ["CN", "US"]}),
        ({"workload": "  Triage "}, {"workload": "Triage"}),
        ({"avg_input_tokens": None}, {"avg_input_tokens": None}),
    ],
)
def test_plainly_valid_answers_need_no_pydantic(
    data: dict[str, Any], expected: dict[str, Any]
) -> None:
    assert prevalidate(Answers, data) == expected


@pytest.mark.parametrize(
    "data",
    [
        {"monthly_tokens": "lots"}, {"cost_dominant": "yes"}, {"input_share": True},
        {"task": "RAG"}, {"excluded_origins": ["Narnia"]}, {"horizon_months": 121},
        {"monthly_growth": float("nan")}, {"unknown": 1}, {"workload": ""},
    ],
)
def test_doubtful_answers_go_to_pydantic(data: dict[str, Any]) -> None:
    assert prevalidate(Answers, data, {REGION_GROUPS: ("EU",)}) is None


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_is_decided_without_pydantic(path: Path) -> None:
    data = yaml.safe_load(path.read_text())
    if "workloads" in data:  # the portfolio: each workload with the shared defaults
        items = [{**data.get("defaults", {}), **w} for w in data["workloads"]]
    else:
        items = [data]
    for item in items:
        assert prevalidate(Answers, item) is not None, item
        assert resolve(item, origin=path.name).answers == Answers(**prevalidate(Answers, item))
