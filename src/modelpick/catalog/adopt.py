"""Records from pydantic's validated models, without a round trip through JSON data.

`parse` validates a file with the pydantic model built from its record class (`validators`)
and needs the same values as records. A validated model's instance dictionary already holds
them in their Python form (enums, dates, numbers as validated), field for field: only the
nested models need to become their records. That is what `record.from_data` would build from
the model's JSON dump, without the dump, the enum and date parsing and the defaults filled in
again (the catalog types declare no serializers, so the dump says nothing the values do not).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from modelpick.catalog.record import Record, field_types

R = TypeVar("R", bound=Record)
Adopt = Callable[[Any], Any]

_PLANS: dict[type[Record], tuple[tuple[str, Adopt], ...]] = {}


def adopt(cls: type[R], model: Any) -> R:
    """The record of class `cls` holding a validated pydantic model's values.

    The model's instance dictionary is taken over, not copied (and its nested models are
    replaced by records): the model must not be used afterwards.
    """
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _plan(cls)
    data: dict[str, Any] = model.__dict__
    if len(data) != len(cls.__record_fields__):
        raise KeyError(f"{cls.__name__}: fields {sorted(data)} are not its own")
    for name, convert in plan:
        value = data[name]
        if value is not None:
            data[name] = convert(value)
    record = object.__new__(cls)
    object.__setattr__(record, "__dict__", data)
    return record


def _plan(cls: type[Record]) -> tuple[tuple[str, Adopt], ...]:
    """The fields of `cls` whose values hold nested models, with how to adopt each."""
    return tuple(
        (name, convert)
        for name, tp in field_types(cls).items()
        if (convert := _adopter(tp)) is not None
    )


def _adopter(tp: Any) -> Adopt | None:
    """How to turn a validated value of type `tp` into the record's; None: it is already."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _adopter(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        arms = [a for a in typing.get_args(tp) if a is not type(None)]
        adopters = [a for a in (_adopter(arm) for arm in arms) if a is not None]
        if not adopters:
            return None
        if len(arms) == 1:
            return adopters[0]
        raise TypeError(f"cannot adopt the union of {arms}")  # no catalog type has one
    if origin is list:
        item = _adopter(typing.get_args(tp)[0])
        return None if item is None else (lambda v: [item(x) for x in v])
    if origin is dict:
        key_tp, value_tp = typing.get_args(tp)
        if _adopter(key_tp) is not None:
            raise TypeError(f"cannot adopt records as keys: {tp}")
        value = _adopter(value_tp)
        return None if value is None else (lambda d: {k: value(v) for k, v in d.items()})
    if isinstance(tp, type) and issubclass(tp, Record):
        record_cls: type[Record] = tp
        return lambda m: adopt(record_cls, m)
    return None
