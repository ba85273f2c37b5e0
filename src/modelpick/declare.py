"""The words records declare their fields with, in pydantic's spelling but without pydantic.

A catalog type or the answers are declared once (`Field(ge=0)`, `StrictStr`,
`BeforeValidator(parse)`), and two things read the declaration: the plain records every
command uses, which need only the defaults, and the pydantic models that validate, which are
built from it when something must be validated (`to_pydantic`). Importing pydantic costs
about a fifth of a command's start, so declaring must not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Final


class _Missing:
    """No default: the field is required."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final[Any] = _Missing()


class Declared:
    """A field's declaration: its default (or factory) and its pydantic constraints."""

    __slots__ = ("constraints", "default", "default_factory")

    def __init__(
        self, default: Any, default_factory: Callable[[], Any] | None, constraints: dict[str, Any]
    ) -> None:
        self.default = default
        self.default_factory = default_factory
        self.constraints = constraints

    def __repr__(self) -> str:
        given = {"default": self.default} if self.default is not MISSING else {}
        if self.default_factory is not None:
            given["default_factory"] = self.default_factory
        words = ", ".join(f"{k}={v!r}" for k, v in {**given, **self.constraints}.items())
        return f"Field({words})"


def Field(  # pydantic's name, so declarations read as pydantic's do
    default: Any = MISSING,
    *,
    default_factory: Callable[[], Any] | None = None,
    **constraints: Any,
) -> Any:
    """A field's default and constraints (any keyword of `pydantic.Field`), as a declaration."""
    return Declared(default, default_factory, constraints)


class Strict:
    """Metadata: no coercion (pydantic's `Strict()`): YAML's "3" is not a number."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "Strict()"


class _Validator:
    __slots__ = ("func",)

    def __init__(self, func: Callable[..., Any]) -> None:
        self.func = func

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.func.__qualname__})"


class BeforeValidator(_Validator):
    """Metadata: `func` turns the raw value into one the type accepts (pydantic's)."""


class AfterValidator(_Validator):
    """Metadata: `func` checks or normalises the typed value (pydantic's)."""


StrictStr = Annotated[str, Strict()]
StrictBool = Annotated[bool, Strict()]


def to_pydantic(item: Any) -> Any:
    """The pydantic object a declaration stands for; anything else as it is.

    Imported only by what validates or describes (pydantic is loaded there anyway).
    """
    if isinstance(item, Declared):
        from pydantic import Field as PydanticField

        extra: dict[str, Any] = {}
        if item.default is not MISSING:
            extra["default"] = item.default
        if item.default_factory is not None:
            extra["default_factory"] = item.default_factory
        field: Any = PydanticField(**extra, **item.constraints)
        return field
    if isinstance(item, Strict):
        from pydantic import Strict as PydanticStrict

        return PydanticStrict()
    if isinstance(item, BeforeValidator):
        from pydantic import BeforeValidator as PydanticBefore

        return PydanticBefore(item.func)
    if isinstance(item, AfterValidator):
        from pydantic import AfterValidator as PydanticAfter

        return PydanticAfter(item.func)
    return item
