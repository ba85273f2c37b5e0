"""`@frozen`: a frozen dataclass that costs half as much to define.

Python 3.11's `dataclass(frozen=True)` compiles six methods for every class with `exec`,
about half a millisecond a class; the engine's results and the sizing model are some fifty
classes every command imports, a seventh of `advise`'s start (issue 17). `frozen` lets
`dataclasses` generate only what differs from class to class (`__init__` and the frozen
`__setattr__`/`__delattr__`) and shares one `__eq__`, `__hash__` and `__repr__` among all of
them, with the same behaviour: compared and hashed by the fields' values in order (fields
with `compare=False` left out), shown as `Name(field=value, ...)`. Everything else is a plain
dataclass: `dataclasses.replace`, `fields`, `asdict` and `is_dataclass` work as ever.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: type[T]) -> type[T]:
    """`@dataclass(frozen=True)`, with the comparison, hash and repr shared among classes."""
    made = dataclasses.dataclass(frozen=True, repr=False, eq=False)(cls)
    fields = dataclasses.fields(made)  # type: ignore[arg-type]
    compared = [f.name for f in fields if f.compare]
    values: Callable[[Any], tuple[Any, ...]] = (
        operator.attrgetter(*compared) if len(compared) > 1
        else (lambda obj: (getattr(obj, compared[0]),)) if compared
        else (lambda obj: ())
    )
    made.__frozen_values__ = staticmethod(values)  # type: ignore[attr-defined]
    made.__frozen_shown__ = tuple(f.name for f in fields if f.repr)  # type: ignore[attr-defined]
    made.__eq__ = _eq  # type: ignore[method-assign]
    made.__hash__ = _hash  # type: ignore[method-assign]
    made.__repr__ = _repr  # type: ignore[method-assign]
    return made


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    values = self.__frozen_values__
    return values(self) == values(other)


def _hash(self: Any) -> int:
    return hash(self.__frozen_values__(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__frozen_shown__)
    return f"{self.__class__.__qualname__}({shown})"
