"""JSON text as every command writes it: strict, whatever numbers the data holds."""

from __future__ import annotations

import json
import math

from hypothesis import given
from hypothesis import strategies as st

from modelpick.report.json_text import dumps, finite

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5)
DATA = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


def test_non_finite_numbers_are_written_as_null() -> None:
    text = dumps({"a": [1.5, math.nan, (math.inf, -math.inf)], "b": "x"})
    assert json.loads(text) == {"a": [1.5, None, [None, None]], "b": "x"}
    assert "NaN" not in text and "Infinity" not in text and text.endswith("}\n")


@given(DATA)
def test_the_text_is_the_finite_data_indented(data: object) -> None:
    expected = json.dumps(finite(data), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    assert dumps(data) == expected
