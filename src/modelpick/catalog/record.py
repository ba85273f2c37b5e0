"""The catalog's runtime classes: plain, immutable records, cheap to define and to build.

Every catalog type is declared once, in `schema*`, as a `Record` subclass whose annotations
carry the pydantic constraints, in words that need no pydantic (`declare`, `fields`). Defining
one costs what a plain class costs, so a command that uses a catalog validated earlier (the
shipped snapshot, a cached catalog) never imports pydantic: `from_data` builds records from
plain JSON data. Validation builds the pydantic models from the same declarations, once, when
it is needed (`validators`).

A record keeps its values in its instance dictionary; it refuses assignment, compares and
hashes by value, and offers the pydantic methods callers use on catalog objects and answers,
`model_copy(update=...)`, `model_dump(mode=...)`, `model_dump_json()` and iteration.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import sys
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from typing import Any, ClassVar, Literal, TypeVar

from modelpick.declare import MISSING, Declared

R = TypeVar("R", bound="Record")
Convert = Callable[[Any], Any]

_MISSING: Any = MISSING


class FieldSpec:
    """One field of a record: its name, annotation (as written) and default."""

    __slots__ = ("annotation", "default", "factory", "info", "name")

    def __init__(self, name: str, annotation: str, value: Any) -> None:
        self.name = name
        self.annotation = annotation
        self.info: Declared | None = value if isinstance(value, Declared) else None
        if self.info is not None:
            self.default = self.info.default
            self.factory: Callable[[], Any] | None = self.info.default_factory
        else:
            self.default, self.factory = value, None

    @property
    def required(self) -> bool:
        """Whether the field has neither a default nor a default factory."""
        return self.default is _MISSING and self.factory is None


class RecordMeta(type):
    """Collects a record class's fields from its annotations (no code generated, no slots)."""

    def __new__(
        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any
    ) -> RecordMeta:
        fields: dict[str, FieldSpec] = {}
        for base in reversed(bases):
            fields.update(getattr(base, "__record_fields__", {}))
        for field_name, annotation in namespace.get("__annotations__", {}).items():
            text = annotation if isinstance(annotation, str) else repr(annotation)
            if text.startswith(("ClassVar", "typing.ClassVar")):
                continue
            fields[field_name] = FieldSpec(field_name, text, namespace.pop(field_name, _MISSING))
        namespace["__record_fields__"] = fields
        return super().__new__(mcs, name, bases, namespace, **kwargs)


class FrozenRecordError(AttributeError):
    """A record's values cannot be changed; `model_copy(update=...)` makes a changed copy."""


class Record(metaclass=RecordMeta):
    """Base of every catalog type: keyword construction, immutable, compared by value."""

    __record_fields__: ClassVar[dict[str, FieldSpec]]
    __record_plan__: ClassVar[Plan | None] = None

    def __init__(self, **values: Any) -> None:
        data: dict[str, Any] = {}
        for name, spec in type(self).__record_fields__.items():
            if name in values:
                data[name] = values.pop(name)
            elif spec.factory is not None:
                data[name] = spec.factory()
            elif spec.default is not _MISSING:
                data[name] = spec.default
            else:
                raise TypeError(f"{type(self).__name__}() needs the keyword argument '{name}'")
        if values:
            unknown = ", ".join(sorted(values))
            raise TypeError(f"{type(self).__name__}() has no field {unknown}")
        object.__setattr__(self, "__dict__", data)

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenRecordError(f"{type(self).__name__} is immutable; use model_copy(update=...)")

    def __delattr__(self, name: str) -> None:
        raise FrozenRecordError(f"{type(self).__name__} is immutable")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:  # in the fields' order: equal records hash alike
        values = self.__dict__
        return hash((type(self), *(values[name] for name in type(self).__record_fields__)))

    def __repr__(self) -> str:
        values = ", ".join(f"{k}={self.__dict__[k]!r}" for k in type(self).__record_fields__)
        return f"{type(self).__name__}({values})"

    def model_copy(self: R, *, update: Mapping[str, Any] | None = None) -> R:
        """A copy with some values replaced, unvalidated (as pydantic's `model_copy`)."""
        data = dict(self.__dict__)
        if update:
            unknown = set(update) - set(type(self).__record_fields__)
            if unknown:
                raise TypeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
            data.update(update)
        copy = object.__new__(type(self))
        object.__setattr__(copy, "__dict__", data)
        return copy

    def model_dump(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]:
        """Every field as plain data (as pydantic's `model_dump`); `json`: enums and dates too."""
        return {name: _dump(self.__dict__[name], mode) for name in type(self).__record_fields__}

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        """(name, value) pairs, as a pydantic model iterates: `dict(record)` is shallow."""
        values = self.__dict__
        return ((name, values[name]) for name in type(self).__record_fields__)

    def model_dump_json(self) -> str:
        """The fields as JSON text (as pydantic's `model_dump_json`; compact, not its spacing)."""
        import json

        return json.dumps(self.model_dump(mode="json"), separators=(",", ":"))

    @classmethod
    def default_of(cls, name: str) -> Any:
        """Field `name`'s default, a fresh one where a factory makes it."""
        spec = cls.__record_fields__[name]
        if spec.required:
            raise KeyError(f"{cls.__name__}.{name} has no default")
        return spec.factory() if spec.factory is not None else spec.default


def _dump(value: Any, mode: str) -> Any:
    if isinstance(value, Record):
        return value.model_dump(mode=mode)  # type: ignore[arg-type]
    if isinstance(value, list):
        return [_dump(v, mode) for v in value]
    if isinstance(value, dict):
        return {_dump(k, mode): _dump(v, mode) for k, v in value.items()}
    if mode == "json":
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, dt.date):
            return value.isoformat()
    return value


# --- building records from plain data ----------------------------------------------------------


def field_types(cls: type[Record]) -> dict[str, Any]:
    """The evaluated annotations of a record's fields, Annotated metadata included.

    Each annotation is evaluated in the module that wrote it (what `typing.get_type_hints`
    does, without walking the bases again for every class: a fifth of the time).
    """
    types_of: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        own = inspect.get_annotations(klass)
        for name, annotation in own.items():
            if name in cls.__record_fields__:
                types_of[name] = (
                    _evaluated(klass.__module__, annotation)
                    if isinstance(annotation, str) else annotation
                )
    return {name: types_of[name] for name in cls.__record_fields__}


@functools.cache
def _evaluated(module: str, annotation: str) -> Any:
    return eval(annotation, vars(sys.modules[module]))  # our own annotations, as typing does


class Plan:
    """How to build one record class from its JSON data, worked out once per class."""

    __slots__ = ("convert", "factories", "fixed", "size")

    def __init__(self, cls: type[Record]) -> None:
        self.size = len(cls.__record_fields__)
        self.convert = tuple(
            (name, convert)
            for name, tp in field_types(cls).items()
            if (convert := _converter(tp)) is not None
        )
        """The fields whose JSON form is not their value (enums, dates, records)."""
        optional = [spec for spec in cls.__record_fields__.values() if not spec.required]
        self.fixed = {spec.name: spec.default for spec in optional if spec.factory is None}
        """The fields JSON data may leave out (`exclude_defaults`) with a default value ..."""
        self.factories = tuple((s.name, s.factory) for s in optional if s.factory is not None)
        """... and those with a default factory, called for each record (a fresh list)."""


def _plan_of(cls: type[Record]) -> Plan:
    plan = cls.__record_plan__
    if plan is None:
        plan = Plan(cls)
        type.__setattr__(cls, "__record_plan__", plan)
    return plan


def from_data(cls: type[R], data: dict[str, Any]) -> R:
    """A record from its plain JSON data (`model_dump(mode="json")`), unvalidated.

    Fields at their default may be left out (`exclude_defaults=True`). The data must come
    from a validated catalog (pydantic's dump, the snapshot, a cache entry whose digest was
    checked); it is taken over, not copied, when it gives every field. Raises KeyError,
    TypeError or ValueError on data of the wrong shape.
    """
    return _build(cls, _plan_of(cls), data)


def _build(cls: type[R], plan: Plan, data: dict[str, Any]) -> R:
    for name, convert in plan.convert:
        value = data.get(name)
        if value is not None:
            data[name] = convert(value)
    if len(data) != plan.size:
        data = {**plan.fixed, **data}
        for name, factory in plan.factories:
            if name not in data:
                data[name] = factory()
        if len(data) != plan.size:  # a field missing, or one it does not have
            raise KeyError(f"{cls.__name__}: fields {sorted(data)} are not its own")
    record = _new(cls)
    _set(record, "__dict__", data)
    return record


_new = object.__new__
_set = object.__setattr__


@functools.lru_cache(maxsize=1024)
def _converter(tp: Any) -> Convert | None:
    """How to turn JSON data into a value of type `tp`; None where it is the value already.

    Worked out once per type: the catalog's types repeat (Text, Id, Date, SourceRefs).
    """
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _converter(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return _union([a for a in typing.get_args(tp) if a is not type(None)])
    if origin is list:
        (item_tp,) = typing.get_args(tp)
        if typing.get_origin(item_tp) is typing.Annotated:
            item_tp = typing.get_args(item_tp)[0]
        if isinstance(item_tp, type) and issubclass(item_tp, Record):
            return _records(item_tp)
        item = _converter(item_tp)
        return None if item is None else (lambda v: [item(x) for x in v])
    if origin is dict:
        key_tp, value_tp = typing.get_args(tp)
        key, value = _converter(key_tp), _converter(value_tp)
        if key is None and value is None:
            return None
        k = key or _same
        v = value or _same
        return lambda d: {k(a): v(b) for a, b in d.items()}
    if isinstance(tp, type):
        if issubclass(tp, Record):
            return lambda d: from_data(tp, d)
        if issubclass(tp, Enum):
            return tp._value2member_map_.__getitem__
        if tp is dt.date:
            return _date
    return None


def _records(cls: type[Record]) -> Convert:
    """A list of records (most of a large catalog): the class's plan looked up once a list."""

    def build(values: list[dict[str, Any]]) -> list[Record]:
        plan = _plan_of(cls)
        return [_build(cls, plan, data) for data in values]

    return build


@functools.lru_cache(maxsize=4096)
def _date(text: str) -> dt.date:
    """A date from its ISO text; a catalog holds few distinct dates, each kept once."""
    return dt.date.fromisoformat(text)


def _same(value: Any) -> Any:
    return value


def _union(arms: list[Any]) -> Convert | None:
    """A union's converter: the arm the JSON value's kind selects (validation chose it once)."""
    converters = [(arm, _converter(arm)) for arm in arms]
    if all(convert is None for _, convert in converters):
        return None
    if len(converters) == 1:
        return converters[0][1]
    enums = [
        arm._value2member_map_ for arm, _ in converters
        if isinstance(arm, type) and issubclass(arm, Enum)
    ]
    other = [c for arm, c in converters if c is not None and not (
        isinstance(arm, type) and issubclass(arm, Enum)
    )]
    if other:  # no catalog type mixes a record, a date or a container with other arms
        raise TypeError(f"cannot build a converter for the union of {arms}")

    def convert(value: Any) -> Any:
        for members in enums:
            member = members.get(value)
            if member is not None:
                return member
        return value  # a Literal arm's text

    return convert
