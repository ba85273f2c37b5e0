"""Accept what a record's pydantic validator would accept, without pydantic, or say "can't tell".

Answers arrive on every command, and validating them with pydantic means importing it and
building a model: about a fifth of a command's start. Nearly always they are plainly valid,
so `prevalidate` reads the record's declarations (`declare`) and checks the common shapes
itself: strict scalars, their bounds, enums, literals, optionals, lists and the declared
before/after validators. Anything it does not know, or any value it would refuse, returns
None, and the caller asks pydantic, whose answer (and error message) is the only one that
counts. So this can only ever be slower, never different: a property test holds it to
pydantic's result on arbitrary input (tests/engine/test_prevalidate.py).
"""

from __future__ import annotations

import enum
import functools
import math
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

from modelpick.catalog.record import Record, field_types
from modelpick.declare import AfterValidator, BeforeValidator, Declared, Strict

Check = Callable[[Any, "_Info"], Any]
"""A value in, the validated value out; raises `_Refused` (or anything) when unsure."""


class _Refused(Exception):
    """Not plainly valid: pydantic decides."""


class _Info:
    """What a validator taking `info` reads (pydantic's ValidationInfo): the context."""

    __slots__ = ("context",)

    def __init__(self, context: Mapping[str, Any] | None) -> None:
        self.context = context


def prevalidate(
    cls: type[Record], data: Mapping[str, Any], context: Mapping[str, Any] | None = None
) -> dict[str, Any] | None:
    """The validated values of the keys `data` gives, or None where pydantic must decide."""
    checks = _checks(cls)
    info = _Info(context)
    values: dict[str, Any] = {}
    try:
        for key, value in data.items():
            check = checks.get(key) if isinstance(key, str) else None
            if check is None:
                return None  # an unknown key: pydantic words the error
            values[key] = check(value, info)
    except Exception:
        return None
    return values


@functools.cache
def _checks(cls: type[Record]) -> dict[str, Check]:
    return {name: _check(tp) for name, tp in field_types(cls).items()}


def _refuse(value: Any, info: _Info) -> Any:
    raise _Refused


def _check(tp: Any) -> Check:
    """The plain check of one annotation, or `_refuse` for a shape it does not know."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(tp)
        return _annotated(base, metadata)
    if origin in (typing.Union, types.UnionType):
        arms = typing.get_args(tp)
        if len(arms) != 2 or type(None) not in arms:
            return _refuse
        inner = _check(next(a for a in arms if a is not type(None)))
        return lambda v, i: None if v is None else inner(v, i)
    if origin is typing.Literal:
        choices = frozenset(a for a in typing.get_args(tp) if type(a) is str)
        if len(choices) != len(typing.get_args(tp)):
            return _refuse
        return lambda v, i: v if type(v) is str and v in choices else _refuse(v, i)
    if origin is list:
        item = _check(typing.get_args(tp)[0])
        return lambda v, i: [item(x, i) for x in v] if type(v) is list else _refuse(v, i)
    if isinstance(tp, type) and issubclass(tp, enum.Enum) and issubclass(tp, str):
        members = tp._value2member_map_
        return lambda v, i: v if type(v) is tp else members[v] if type(v) is str else _refuse(v, i)
    return _scalar(tp, {}, strict=False)


def _annotated(base: Any, metadata: list[Any]) -> Check:
    """`Annotated[base, ...]`: before validators, the type and its bounds, after validators."""
    before: list[Callable[..., Any]] = []
    after: list[Callable[..., Any]] = []
    bounds: dict[str, Any] = {}
    strict = False
    for item in metadata:
        if isinstance(item, BeforeValidator):
            before.insert(0, item.func)  # pydantic runs the last-declared before first
        elif isinstance(item, AfterValidator):
            after.append(item.func)
        elif isinstance(item, Strict):
            strict = True
        elif isinstance(item, Declared):
            bounds.update(item.constraints)
            strict = bool(bounds.pop("strict", strict))
            bounds.pop("description", None)
        else:
            return _refuse
    if typing.get_origin(base) is not None or not isinstance(base, type):
        if set(bounds) - _TEXT_BOUNDS:  # a container's bounds are its length's
            return _refuse
        inner, length = _check(base), _length(bounds)
        core: Check = lambda v, i: length(inner(v, i))  # noqa: E731
    else:
        core = _scalar(base, bounds, strict=strict)
    before_calls = [_call(f) for f in before]
    after_calls = [_call(f) for f in after]

    def check(value: Any, info: _Info) -> Any:
        for call in before_calls:
            value = call(value, info)
        value = core(value, info)
        for call in after_calls:
            value = call(value, info)
        return value

    return check


def _call(func: Callable[..., Any]) -> Check:
    """A declared validator, called with `info` when it takes two arguments (as pydantic)."""
    if func.__code__.co_argcount == 2:
        return func
    return lambda v, i: func(v)


def _length(bounds: Mapping[str, Any]) -> Callable[[Any], Any]:
    low, high = bounds.get("min_length", 0), bounds.get("max_length")

    def length(value: Any) -> Any:
        if len(value) < low or (high is not None and len(value) > high):
            raise _Refused
        return value

    return length


_NUMBER_BOUNDS = frozenset({"ge", "gt", "le", "lt", "allow_inf_nan"})
_TEXT_BOUNDS = frozenset({"min_length", "max_length"})


def _scalar(tp: Any, bounds: Mapping[str, Any], *, strict: bool) -> Check:
    """A str, bool, int or float (strict or not: only exact types pass here)."""
    known = _TEXT_BOUNDS if tp is str else _NUMBER_BOUNDS if tp in (int, float) else frozenset()
    if set(bounds) - known:
        return _refuse
    if tp is str:
        length = _length(bounds)
        return lambda v, i: length(v) if type(v) is str else _refuse(v, i)
    if tp is bool:
        return lambda v, i: v if type(v) is bool else _refuse(v, i)
    if tp not in (int, float):
        return _refuse
    ge, gt, le, lt = (bounds.get(k) for k in ("ge", "gt", "le", "lt"))
    finite = tp is float and bounds.get("allow_inf_nan") is False

    def number(value: Any, info: _Info) -> Any:
        kind = type(value)
        if kind is int and tp is float:
            value = float(value)  # a strict float takes an int, as a float
        elif kind is not tp:
            raise _Refused
        if finite and not math.isfinite(value):
            raise _Refused
        if (ge is not None and not value >= ge) or (gt is not None and not value > gt):
            raise _Refused
        if (le is not None and not value <= le) or (lt is not None and not value < lt):
            raise _Refused
        return value

    return number
