"""Strict equality for tests: equal, and of the same types all the way down."""

from __future__ import annotations

from typing import Any

from modelpick.catalog.record import Record


def identical(a: Any, b: Any, path: str = "$") -> None:
    """Equal, and of the same types all the way down (1 == 1.0 == True is not enough)."""
    assert type(a) is type(b), f"{path}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, Record):
        assert list(a.__dict__) == list(b.__dict__), path  # in the fields' order
        for name in type(a).__record_fields__:
            identical(a.__dict__[name], b.__dict__[name], f"{path}.{name}")
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            identical(x, y, f"{path}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), path
        for (ka, va), (kb, vb) in zip(a.items(), b.items(), strict=True):
            identical(ka, kb, f"{path}<key>")
            identical(va, vb, f"{path}[{ka!r}]")
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"
