"""`@frozen`: a frozen dataclass that costs a third as much to define.

Python 3.11's `dataclass(frozen=True)` compiles six methods for every class with `exec`,
about half a millisecond a class; the engine's results and the sizing model are some fifty
classes every command imports, a seventh of `advise`'s start (issue 17). `frozen` lets
`dataclasses` record the fields (so `dataclasses.replace`, `fields`, `asdict` and
`is_dataclass` work as ever) but compile nothing, compiles the one method that differs from
class to class, `__init__`, and shares the rest among all of them, with the same behaviour:
assignment refused (`FrozenInstanceError`), compared and hashed by the fields' values in
order (fields with `compare=False` left out), shown as `Name(field=value, ...)`.

Only what the package uses is supported: fields with a default or a `default_factory`, and
`__post_init__`; `InitVar`, `init=False` and keyword-only fields are refused when the class is
defined.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")

_FACTORY = object()
"""A parameter's default when its field has a `default_factory`: call the factory."""


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: type[T]) -> type[T]:
    """`@dataclass(frozen=True)`, compiling only `__init__`."""
    made = dataclasses.dataclass(init=False, repr=False, eq=False, frozen=False)(cls)
    fields = dataclasses.fields(made)  # type: ignore[arg-type]
    if any(not f.init or f.kw_only is True for f in fields) or any(
        isinstance(f.type, dataclasses.InitVar) or f.type == "InitVar" for f in fields
    ):
        raise TypeError(f"{cls.__qualname__}: @frozen takes plain fields only")
    made.__init__ = _init(made, fields)  # type: ignore[method-assign]
    compared = [f.name for f in fields if f.compare]
    values: Callable[[Any], tuple[Any, ...]] = (
        operator.attrgetter(*compared) if len(compared) > 1
        else (lambda obj: (getattr(obj, compared[0]),)) if compared
        else (lambda obj: ())
    )
    made.__frozen_values__ = staticmethod(values)  # type: ignore[attr-defined]
    made.__frozen_shown__ = tuple(f.name for f in fields if f.repr)  # type: ignore[attr-defined]
    shared = {"__eq__": _eq, "__hash__": _hash, "__repr__": _repr,
              "__setattr__": _setattr, "__delattr__": _delattr}
    for name, method in shared.items():
        if name not in cls.__dict__:  # a class's own method wins, as in dataclass
            setattr(made, name, method)
    return made


def _init(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """`__init__(self, <fields>)`, setting each through object.__setattr__ (one `exec`)."""
    scope: dict[str, Any] = {"_set": object.__setattr__, "_FACTORY": _FACTORY}
    params, body = ["self"], []
    for f in fields:
        if f.default_factory is not dataclasses.MISSING:
            scope[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_FACTORY")
            body.append(
                f"  _set(self, {f.name!r}, _factory_{f.name}() "
                f"if {f.name} is _FACTORY else {f.name})"
            )
            continue
        if f.default is not dataclasses.MISSING:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        else:
            params.append(f.name)
        body.append(f"  _set(self, {f.name!r}, {f.name})")
    if hasattr(cls, "__post_init__"):
        body.append("  self.__post_init__()")
    source = f"def __init__({', '.join(params)}):\n" + ("\n".join(body) or "  pass") + "\n"
    exec(source, scope)  # our own field names, as dataclasses does
    init: Callable[..., None] = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _setattr(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


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
