"""JSON text as every modelpick command writes it: strict JSON, whatever the numbers are."""

from __future__ import annotations

import json
import math
from typing import Any


def finite(data: Any) -> Any:
    """The same data with every NaN or infinite float as None (JSON has no such numbers)."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [finite(value) for value in data]
    return data


def dumps(data: Any, *, ascii_only: bool = False) -> str:
    """Indented, strict JSON (never `NaN` or `Infinity`) ending in a newline."""
    try:  # most data has no such number: not copied to find out (a large advice is 1 MB)
        text = json.dumps(data, indent=2, ensure_ascii=ascii_only, allow_nan=False)
    except ValueError:  # a NaN or an infinity: written as null
        text = json.dumps(finite(data), indent=2, ensure_ascii=ascii_only, allow_nan=False)
    return text + "\n"
