"""The catalog's runtime classes: plain, immutable records, cheap to define and to build.

Every catalog type is declared once, in `schema*`, as a `Record` subclass whose annotations
carry the pydantic constraints, in words that need no pydantic (`declare`, `fields`). Defining
one costs what a plain class costs, so a command that uses a catalog validated earlier (the
shipped snapshot, a cached catalog) never imports pydantic: `rows.from_row` builds records
from plain JSON data. Validation builds the pydantic models from the same declarations, once,
when it is needed (`validators`).

A record keeps its values in its instance dictionary; it refuses assignment, compares and
hashes by value, and offers the pydantic methods callers use on catalog objects and answers,
`model_copy(update=...)`, `model_dump(mode=...)`, `model_dump_json()` and iteration.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import sys
from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from typing import Any, ClassVar, Literal, TypeVar

from modelpick.declare import MISSING, Declared

R = TypeVar("R", bound="Record")

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


# --- the annotations, evaluated (for `rows`, `adopt` and `validators`) --------------------------


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
