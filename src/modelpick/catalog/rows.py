"""Records as rows: each record a JSON array of its fields' values, in declaration order.

The form the shipped snapshot and the cache store (`plain`). A catalog of 10,000 models is
about 90,000 records: written as objects, their field names are half the text and most of
the parsing, and merging the defaults a dump leaves out is most of the building. As rows,
every field is written (its position names it) and a record is built by zipping its class's
names with the row. The field order is part of the records' fingerprint
(`plain.schema_fingerprint`), so a row is never read into a class whose fields moved.

Each class's plan (which fields need converting, and how) is worked out once, from its
annotations (`record.field_types`), as `record.from_data` does for objects.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any, Literal, TypeVar

from modelpick.catalog.record import Record, field_types

R = TypeVar("R", bound=Record)
Convert = Callable[[Any], Any]

_new = object.__new__
_set = object.__setattr__


GENERATE_AT = 200
"""Lists of at least this many rows are read by code generated for their class."""

Mode = Literal["write", "read", "fast"]
"""Writing rows; reading them field by field; reading them with generated code."""


class RowPlan:
    """How to write and read one record class as rows, worked out once per class.

    Writing, and reading a long list of rows (and the records nested in it), goes through
    functions generated from the class's fields, as `dataclasses` generates `__init__`: their
    code is made of the class's declaration alone (positions, field names as literals, the
    converters as arguments), never of data. Generated code builds a catalog of 90,000
    records in about half the time of a loop over each record's fields, but compiling it
    costs about half a millisecond a class: the shipped catalog's short lists are read field
    by field.
    """

    __slots__ = ("_fast", "_row", "cls", "names", "reading", "size")

    def __init__(self, cls: type[Record]) -> None:
        self.cls = cls
        self.names = tuple(cls.__record_fields__)
        self.size = len(self.names)
        hints = field_types(cls)
        self.reading = tuple(
            (index, name, convert) for index, name in enumerate(self.names)
            if (convert := _converter(hints[name], "read")) is not None
        )
        """The fields whose JSON form is not their value (enums, dates, records), as
        (position in the row, name, converter)."""
        self._row: Callable[[Record], list[Any]] | None = None
        self._fast: tuple[Convert, Convert] | None = None

    @property
    def row(self) -> Callable[[Record], list[Any]]:
        """The record as a row (dates as ISO text, records as rows; a text enum is text)."""
        if self._row is None:
            self._row = _generate_row(self.cls, self._converters("write"))
        return self._row

    def build(self, row: Any) -> Record:
        """A record from its row."""
        if type(row) is not list or len(row) != self.size:
            _shape_error(self.cls, row)
        data = dict(zip(self.names, row, strict=True))
        for index, name, convert in self.reading:
            value = row[index]
            if value is not None:
                data[name] = convert(value)
        record = _new(self.cls)
        _set(record, "__dict__", data)
        return record

    def build_all(self, rows: Any) -> list[Record]:
        """Records from a list of rows."""
        if type(rows) is not list:
            _shape_error(self.cls, rows)
        if len(rows) < GENERATE_AT:
            return [self.build(row) for row in rows]
        return self.fast[1](rows)  # type: ignore[no-any-return]

    @property
    def fast(self) -> tuple[Convert, Convert]:
        """Generated readers of one row and of a list of rows (nested records read alike)."""
        if self._fast is None:
            self._fast = _generate_build(self.cls, self._converters("fast"))
        return self._fast

    def _converters(self, mode: Mode) -> dict[str, Convert | None]:
        hints = field_types(self.cls)
        return {name: _converter(hints[name], mode) for name in self.names}


def _generate_row(cls: type[Record], convert: dict[str, Convert | None]) -> Convert:
    env: dict[str, Any] = {}
    items = _fields(convert, env, "d[{name}]", "(None if (v := d[{name}]) is None else c{i}(v))")
    source = f"def row(record):\n    d = record.__dict__\n    return [{', '.join(items)}]\n"
    return _compiled(cls, source, env)["row"]  # type: ignore[no-any-return]


def _generate_build(
    cls: type[Record], convert: dict[str, Convert | None]
) -> tuple[Convert, Convert]:
    env: dict[str, Any] = {"cls": cls, "new": _new, "put": _set, "shape": _shape_error}
    values = _fields(convert, env, "{name}: a{i}", "{name}: None if a{i} is None else c{i}(a{i})")
    size = len(convert)
    unpack = f"({''.join(f'a{i}, ' for i in range(size))}) = row\n" if size else "pass\n"
    check = f"if type(row) is not list or len(row) != {size}:\n"
    make = f"record = new(cls)\nput(record, '__dict__', {{{', '.join(values)}}})\n"
    one = check + "    shape(cls, row)\n" + unpack + make + "return record\n"
    each = check + "    shape(cls, row)\n" + unpack + make + "append(record)\n"
    source = (
        "def build(row):\n" + _indent(one, 1)
        + "def build_all(rows):\n"
        "    if type(rows) is not list:\n        shape(cls, rows)\n"
        "    records = []\n    append = records.append\n"
        "    for row in rows:\n" + _indent(each, 2) + "    return records\n"
    )
    namespace = _compiled(cls, source, env)
    return namespace["build"], namespace["build_all"]


def _fields(
    convert: dict[str, Convert | None], env: dict[str, Any], same: str, converted: str
) -> list[str]:
    """Each field's expression in generated code.

    `same` where the value is itself, else `converted`, with the converter put in `env` as
    c<position>; `{name}` is the field's name as a literal, `{i}` its position.
    """
    out = []
    for index, (name, converter) in enumerate(convert.items()):
        if converter is not None:
            env[f"c{index}"] = converter
        out.append((same if converter is None else converted).format(name=repr(name), i=index))
    return out


def _indent(lines: str, depth: int) -> str:
    return "".join("    " * depth + line + "\n" for line in lines.splitlines())


def _compiled(cls: type[Record], source: str, env: dict[str, Any]) -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    code = compile(source, f"<rows of {cls.__name__}>", "exec")
    exec(code, env, namespace)  # made of a record class's declaration alone (RowPlan)
    return namespace


def _shape_error(cls: type[Record], row: Any) -> None:
    size = len(cls.__record_fields__)
    raise ValueError(f"{cls.__name__}: a row of {size} values expected, got {type(row).__name__}")


_PLANS: dict[type[Record], RowPlan] = {}


def plan_of(cls: type[Record]) -> RowPlan:
    """The row plan of a record class (worked out on first use)."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = RowPlan(cls)
    return plan


def to_row(record: Record) -> list[Any]:
    """A record as a row of JSON values (nested records as rows too)."""
    return plan_of(type(record)).row(record)


def from_row(cls: type[R], row: Any) -> R:
    """A record of class `cls` from its row, unvalidated.

    The row must come from a validated catalog (a snapshot or a cache entry whose digest was
    checked). Raises KeyError, TypeError or ValueError on one of the wrong shape.
    """
    return typing.cast(R, plan_of(cls).build(row))


@functools.lru_cache(maxsize=1024)
def _converter(tp: Any, mode: Mode) -> Convert | None:
    """How to write a value of type `tp` as JSON, or read it back; None where it is itself."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _converter(typing.get_args(tp)[0], mode)
    if origin in (typing.Union, types.UnionType):
        return _union([a for a in typing.get_args(tp) if a is not type(None)], mode)
    if origin is list:
        (item_tp,) = typing.get_args(tp)
        if typing.get_origin(item_tp) is typing.Annotated:
            item_tp = typing.get_args(item_tp)[0]
        if mode != "write" and isinstance(item_tp, type) and issubclass(item_tp, Record):
            return _records(item_tp, mode)
        item = _converter(item_tp, mode)
        return None if item is None else functools.partial(_each, item)
    if origin is dict:
        key_tp, value_tp = typing.get_args(tp)
        key, value = _converter(key_tp, mode), _converter(value_tp, mode)
        if key is None and value is None:
            return None
        k, v = key or _same, value or _same
        return lambda d: {k(a): v(b) for a, b in d.items()}
    if isinstance(tp, type):
        if issubclass(tp, Record):
            return _record(tp, mode)
        if issubclass(tp, Enum):
            if mode == "write":  # JSON writes a text enum (every catalog enum) as its text
                return None if issubclass(tp, str) else _enum_value
            return tp._value2member_map_.__getitem__
        if tp is dt.date:
            return dt.date.isoformat if mode == "write" else _date
    return None


def _record(cls: type[Record], mode: Mode) -> Convert:
    """A nested record's converter.

    Read field by field, its plan is looked up when first used (classes may refer to each
    other before all are defined); generated code (every writer, and the fast reader) is made
    while its parent's is, when every class is defined.
    """
    if mode == "write":
        return plan_of(cls).row
    if mode == "read":
        return lambda row: plan_of(cls).build(row)
    return plan_of(cls).fast[0]


def _records(cls: type[Record], mode: Mode) -> Convert:
    """A list of records: each read field by field, or all in one generated loop."""
    if mode == "read":
        return lambda rows: plan_of(cls).build_all(rows)
    return plan_of(cls).fast[1]


def _each(item: Convert, values: list[Any]) -> list[Any]:
    return list(map(item, values))


_enum_value = operator.attrgetter("value")


def _union_value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


@functools.lru_cache(maxsize=4096)
def _date(text: str) -> dt.date:
    """A date from its ISO text; a catalog holds few distinct dates, each kept once."""
    return dt.date.fromisoformat(text)


def _same(value: Any) -> Any:
    return value


def _union(arms: list[Any], mode: Mode) -> Convert | None:
    """A union's converter: enums and literals only (no catalog type mixes other arms)."""
    converters = [(arm, _converter(arm, mode)) for arm in arms]
    if all(convert is None for _, convert in converters):
        return None
    if len(converters) == 1:
        return converters[0][1]
    enums = [arm for arm, _ in converters if isinstance(arm, type) and issubclass(arm, Enum)]
    if any(c is not None and arm not in enums for arm, c in converters):
        raise TypeError(f"cannot build a converter for the union of {arms}")
    if mode == "write":
        return None if all(issubclass(arm, str) for arm in enums) else _union_value
    members = [arm._value2member_map_ for arm in enums]

    def convert(value: Any) -> Any:
        for values in members:
            member = values.get(value)
            if member is not None:
                return member
        return value  # a Literal arm's text

    return convert
