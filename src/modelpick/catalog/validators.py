"""The pydantic models that validate catalog files, built from the records' declarations.

Built once per process, when something must be validated or described (`parse`, `catalog
schema`): a record class and its model share their name, docstring, fields, constraints and
defaults, so the errors and the JSON schema are the ones the declarations say.
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

from modelpick.catalog.record import Record, field_types
from modelpick.declare import to_pydantic


class StrictModel(BaseModel):
    """Unknown keys are errors, values are immutable.

    Scalars are strict field by field (StrictStr, strict numbers) so that YAML's "3" is not a
    number; enums and dates stay lax so their YAML spelling validates.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)


@functools.cache
def validator(record: type[Record]) -> type[BaseModel]:
    """The pydantic model that validates data for `record`.

    Nested records become models, and declarations (`declare`) their pydantic objects.
    """
    definitions: dict[str, Any] = {}
    for name, tp in field_types(record).items():
        spec = record.__record_fields__[name]
        if spec.info is not None:
            default = to_pydantic(spec.info)
        else:
            default = ... if spec.required else spec.default
        definitions[name] = (_substitute(tp), default)
    model: type[BaseModel] = create_model(
        record.__name__,
        __base__=StrictModel,
        __module__=record.__module__,
        __doc__=record.__doc__,
        **definitions,
    )
    return model


def _substitute(tp: Any) -> Any:
    """`tp` with every record type in it replaced by its pydantic model."""
    if isinstance(tp, type) and issubclass(tp, Record):
        return validator(tp)
    origin = typing.get_origin(tp)
    if origin is None:
        return tp
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        metadata = (to_pydantic(m) for m in tp.__metadata__)
        return typing.Annotated[(_substitute(args[0]), *metadata)]
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_substitute(a) for a in args)]  # noqa: UP007
    if origin is typing.Literal:
        return tp
    return origin[tuple(_substitute(a) for a in args)]
