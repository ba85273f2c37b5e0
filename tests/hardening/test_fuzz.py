"""Fuzzing the parsers: whatever the input, only modelpick's own error type may escape.

The normal run tries a few hundred examples in all. The long run is opt-in:

    MODELPICK_FUZZ=1 python -m pytest tests/hardening/test_fuzz.py -m fuzz

(5,000 examples per test; `-p no:randomly` is not needed, hypothesis seeds itself.)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelpick.catalog import schema as catalog_schema
from modelpick.catalog.checks import validate_directory
from modelpick.catalog.loader import load_catalog
from modelpick.engine.answers import ANSWER_KEYS
from modelpick.errors import ModelpickError
from modelpick.inputs.answers import parse_set, read_answers_file
from modelpick.inputs.portfolio import read_portfolio_file

ROOT = Path(__file__).parent.parent.parent
CATALOG_MIN = ROOT / "tests" / "fixtures" / "catalog_min"
CATALOG_FILES = sorted(catalog_schema.FILES)
PORTFOLIO_EXAMPLE = ROOT / "examples" / "portfolio.yaml"
ANSWERS_EXAMPLE = ROOT / "examples" / "support-ticket-triage.yaml"

FUZZ = os.environ.get("MODELPICK_FUZZ") == "1"
_COMMON: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
    "database": None,
}
settings.register_profile("modelpick-quick", max_examples=60, **_COMMON)
settings.register_profile("modelpick-fuzz", max_examples=5000, **_COMMON)
QUICK = settings.get_profile("modelpick-quick")
LONG = settings.get_profile("modelpick-fuzz")
_SCRATCH = Path(tempfile.mkdtemp(prefix="modelpick-fuzz-"))
"""Where fuzzed files are written; one per module run, removed at the end."""


@pytest.fixture(scope="module", autouse=True)
def _remove_scratch() -> Iterator[None]:
    yield
    shutil.rmtree(_SCRATCH, ignore_errors=True)


long_run = pytest.mark.skipif(not FUZZ, reason="opt-in: MODELPICK_FUZZ=1 pytest -m fuzz")


def twice(
    body: Callable[..., None], quick_examples: int, *strategies: Any
) -> tuple[Callable[..., None], Callable[..., None]]:
    """The same property as a quick test (normal suite) and a long one (opt-in, `fuzz`)."""
    quick = settings(QUICK, max_examples=quick_examples)(given(*strategies)(body))
    long = pytest.mark.fuzz(long_run(settings(LONG)(given(*strategies)(body))))
    return quick, long


# --- strategies -----------------------------------------------------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.dates()
    | st.sampled_from(["", "2B", "1e300", "-1", ".nan", "CN", "general", "rag", "null", "~"])
)
keys = st.sampled_from(ANSWER_KEYS) | st.text(max_size=12)
structures = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)
answers_like = st.dictionaries(keys, structures, max_size=8)

YAML_BITS = [
    "- ", ": ", "? ", "&a ", "*a ", "!!python/object/apply:os.system ", "!!str ", "!!int ",
    "!!binary ", "!!timestamp ", "{", "}", "[", "]", ",", "\n", "\t", "  ", "'", '"', "#",
    "---\n", "...\n", "|\n", ">\n", "<<: ", "%YAML 1.1\n", "\ufeff", "\x00", "\x85", "\u2028",
    ".nan", ".inf", "-.inf", "0x1F", "0o17", "1e400", "2026-13-45", "~", "yes", "no",
]
yamlish_text = st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=8), max_size=40).map(
    "".join
)
raw_text = st.text(max_size=400) | yamlish_text
raw_bytes = st.binary(max_size=400)


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """A real file with a few lines deleted, duplicated or swapped, or characters changed."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        if not lines:
            break
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "chars", "insert", "indent"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = draw(st.sampled_from(["  ", "\t", " "])) + lines[i]
        elif op == "insert":
            lines.insert(i, draw(yamlish_text) + "\n")
        else:
            line = lines[i]
            if len(line) > 1:
                a = draw(st.integers(min_value=0, max_value=len(line) - 2))
                b = draw(st.integers(min_value=0, max_value=len(line) - 2))
                chars = list(line)
                chars[a], chars[b] = chars[b], chars[a]
                if draw(st.booleans()):
                    chars[a] = draw(st.sampled_from(list("0-9:[]{}&*!'\"#x. ")))
                lines[i] = "".join(chars)
    return "".join(lines)


@st.composite
def value_swapped(draw: st.DrawFn, data: Any) -> Any:
    """The real data with one value somewhere replaced by something else."""
    if isinstance(data, dict) and data and draw(st.integers(0, 3)):
        key = draw(st.sampled_from(sorted(data, key=str)))
        return {**data, key: draw(value_swapped(data[key]))}
    if isinstance(data, list) and data and draw(st.integers(0, 3)):
        i = draw(st.integers(0, len(data) - 1))
        return [*data[:i], draw(value_swapped(data[i])), *data[i + 1 :]]
    return draw(structures)


# --- answers --------------------------------------------------------------------------------


def _answers_file(tmp: Path, content: str | bytes) -> Path:
    path = tmp / "answers.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8", "surrogatepass"))
    return path


def _read_answers(content: str | bytes) -> None:
    with contextlib.suppress(ModelpickError):
        read_answers_file(_answers_file(_SCRATCH, content))


def _answers_text(text: str) -> None:
    _read_answers(text)


def _answers_bytes(raw: bytes) -> None:
    _read_answers(raw)


def _answers_structure(data: dict[str, Any]) -> None:
    _read_answers(dump(data))


def _answers_mutation(data: st.DataObject) -> None:
    base = ANSWERS_EXAMPLE.read_text(encoding="utf-8")
    if data.draw(st.booleans()):
        text = data.draw(mutated(base))
    else:
        text = dump(data.draw(value_swapped(yaml.safe_load(base))))
    _read_answers(text)


def _set_options(items: list[str]) -> None:
    with contextlib.suppress(ModelpickError):
        parse_set(items)


set_items = st.lists(
    st.text(max_size=40)
    | st.builds(lambda k, v: f"{k}={v}", st.sampled_from(ANSWER_KEYS), raw_text),
    max_size=4,
)

test_answers_text, test_answers_text_long = twice(_answers_text, 120, raw_text)
test_answers_bytes, test_answers_bytes_long = twice(_answers_bytes, 60, raw_bytes)
test_answers_structure, test_answers_structure_long = twice(_answers_structure, 80, answers_like)
test_answers_mutation, test_answers_mutation_long = twice(_answers_mutation, 80, st.data())
test_parse_set, test_parse_set_long = twice(_set_options, 150, set_items)


# --- catalog --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fuzz_catalog() -> Iterator[Path]:
    directory = Path(tempfile.mkdtemp(prefix="modelpick-fuzz-catalog-"))
    shutil.copytree(CATALOG_MIN, directory, dirs_exist_ok=True)
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


def _with_file(directory: Path, name: str, content: str | bytes) -> None:
    """Put `content` in place of one catalog file, run every loader on it, put it back."""
    path = directory / name
    original = (CATALOG_MIN / name).read_bytes()
    try:
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8", "surrogatepass"))
        # `catalog validate` parses and checks; it reports findings and never raises.
        result = validate_directory(directory)
        if result.errors == 0:
            load_catalog(directory)  # what every other command does with the same files
    finally:
        path.write_bytes(original)


def _catalog_text(directory: Path, name: str, text: str) -> None:
    _with_file(directory, name, text)


def _catalog_structure(directory: Path, name: str, data: Any) -> None:
    _with_file(directory, name, dump(data))


def _catalog_mutation(directory: Path, name: str, data: st.DataObject) -> None:
    base = (CATALOG_MIN / name).read_text(encoding="utf-8")
    if data.draw(st.booleans()):
        text = data.draw(mutated(base))
    else:
        text = dump(data.draw(value_swapped(yaml.safe_load(base))))
    _with_file(directory, name, text)


catalog_names = st.sampled_from(CATALOG_FILES)


def _catalog_tests(body: Callable[..., None], quick: int, *strategies: Any) -> Any:
    def run(fuzz_catalog: Path, name: str, value: Any) -> None:
        body(fuzz_catalog, name, value)

    q = settings(QUICK, max_examples=quick)(given(name=catalog_names, value=strategies[0])(run))
    long = pytest.mark.fuzz(
        long_run(settings(LONG)(given(name=catalog_names, value=strategies[0])(run)))
    )
    return q, long


test_catalog_text, test_catalog_text_long = _catalog_tests(_catalog_text, 60, raw_text)
test_catalog_structure, test_catalog_structure_long = _catalog_tests(
    _catalog_structure, 40, structures
)
test_catalog_mutation, test_catalog_mutation_long = _catalog_tests(
    _catalog_mutation, 150, st.data()
)


# --- portfolio ------------------------------------------------------------------------------

def _read_portfolio(content: str | bytes) -> None:
    path = _SCRATCH / "portfolio.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8", "surrogatepass"))
    with contextlib.suppress(ModelpickError):
        read_portfolio_file(path)


def _portfolio(value: Any) -> None:
    if isinstance(value, st.DataObject):
        base = PORTFOLIO_EXAMPLE.read_text(encoding="utf-8")
        kind = value.draw(st.sampled_from(["lines", "values", "workloads"]))
        if kind == "lines":
            _read_portfolio(value.draw(mutated(base)))
        elif kind == "values":
            _read_portfolio(dump(value.draw(value_swapped(yaml.safe_load(base)))))
        else:
            defaults = value.draw(answers_like | structures)
            workloads = value.draw(st.lists(answers_like | structures, max_size=4) | structures)
            _read_portfolio(dump({"defaults": defaults, "workloads": workloads}))
    else:
        _read_portfolio(value)


portfolio_inputs = raw_text | raw_bytes | structures.map(dump)
test_portfolio_inputs, test_portfolio_inputs_long = twice(_portfolio, 100, portfolio_inputs)
test_portfolio_mutation, test_portfolio_mutation_long = twice(_portfolio, 120, st.data())
