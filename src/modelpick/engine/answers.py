"""A workload's answers: the schema, its defaults, and the one check every source shares.

Reading them from files and `--set` is `inputs/answers.py`; the questions that gather them on
a terminal are `questions.py`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

from modelpick.catalog.record import Record
from modelpick.catalog.schema import Task
from modelpick.declare import AfterValidator, BeforeValidator, Field
from modelpick.engine.regions import UnknownRegion, region_code
from modelpick.errors import InputError
from modelpick.frozen import frozen
from modelpick.prevalidate import prevalidate

if TYPE_CHECKING:
    from pydantic import ValidationError, ValidationInfo
    from pydantic_core import PydanticCustomError

    from modelpick.yamlfile import YamlDocument

MAX_TOKENS = 10**15
"""A quadrillion tokens a month is beyond any workload; more is a typo."""


_QUANTITY = re.compile(r"^\s*(\d[\d_,]*(?:\.\d+)?(?:[eE]\+?\d+)?)\s*([kKmMbBtT]?)\s*$")
_SUFFIX = {"": 1, "K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}


def parse_quantity(text: str) -> int:
    """Read a count such as `2000000000`, `2_000_000_000`, `2,000,000,000`, `2e9` or `2B`."""
    match = _QUANTITY.match(text)
    if not match:
        raise ValueError(f"not a whole number: {text!r}")
    number = float(match.group(1).replace("_", "").replace(",", ""))
    value = number * _SUFFIX[match.group(2).upper()]
    if not value.is_integer() or value > 10**18:
        raise ValueError(f"not a whole number: {text!r}")
    return int(value)


def _refuse(message: str, hint: str | None = None) -> PydanticCustomError:
    """A validation error in modelpick's words, with its own hint, for `problems` to render.

    Raised only while pydantic validates (`prevalidate` takes any error as "ask pydantic").
    """
    from pydantic_core import PydanticCustomError

    from modelpick.validation import MODELPICK_ERROR

    return PydanticCustomError(MODELPICK_ERROR, "{message}", {"message": message, "hint": hint})


def _whole_number(value: Any) -> Any:
    """Accept 5e9, 5_000_000_000 or "5B" for a count, but never a bool or a fraction."""
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise _refuse(f"{value!r} is not a whole number")
    if isinstance(value, str):
        try:
            return parse_quantity(value)
        except ValueError:
            raise _refuse(
                f"{value.strip()!r} is not a whole number",
                "write it as 2000000000, 2_000_000_000, 2e9 or 2B",
            ) from None
    return value


_BOOLEAN_WORDS = frozenset({"yes", "no", "y", "n", "on", "off", "true", "false"})


def _boolean(value: Any) -> Any:
    """Refuse `yes`/`no`/`on`/`off` (text in YAML 1.2) and a quoted `"true"` with a hint."""
    if isinstance(value, str) and value.strip().lower() in _BOOLEAN_WORDS:
        quoted = value.strip().lower() in ("true", "false")
        raise _refuse(
            f"{value!r} is text, not true or false",
            "write true or false without quotes" if quoted
            else "use true or false: YAML 1.2 reads yes, no, on and off as text",
        )
    return value


REGION_GROUPS = "region_groups"
"""Validation context key: the catalog's region group names (see `resolve`)."""


def _region(value: Any, info: ValidationInfo) -> Any:
    """An ISO 3166-1 alpha-2 code or one of the catalog's groups, upper-cased (`us` is `US`)."""
    if not isinstance(value, str):
        return value
    groups = (info.context or {}).get(REGION_GROUPS)
    try:
        return region_code(value, groups)
    except UnknownRegion as exc:
        raise _refuse(exc.message, exc.hint) from None


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control and bidi-override characters: a name must not rewrite the terminal or the title."""


def _plain_text(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must be plain text without control characters")
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


INPUT_SHARE_TOLERANCE = 0.005
"""How far an explicit input_share may sit from the one the tokens per request give."""

RequestSize = Annotated[
    int, BeforeValidator(_whole_number), Field(ge=1, le=100_000_000, strict=True)
]
"""Tokens in one request: at most the largest context window the catalog can record."""
Latency = Literal["interactive", "batch"]
GpuPricingAnswer = Literal["on_demand", "reserved"]

TokenCount = Annotated[int, BeforeValidator(_whole_number), Field(ge=1, le=MAX_TOKENS, strict=True)]
Flag = Annotated[bool, BeforeValidator(_boolean), Field(strict=True)]
RegionCode = Annotated[str, BeforeValidator(_region), Field(strict=True)]
"""A country (ISO 3166-1 alpha-2) or a region group the catalog defines."""


class Answers(Record):
    """Everything the decision tree needs to know about one workload.

    A plain record (`catalog.record`): immutable, unknown keys refused when validated.
    """

    workload: Annotated[
        str, Field(min_length=1, max_length=200), AfterValidator(_plain_text)
    ] = "Unnamed workload"
    data_must_stay_in_vpc: Flag = False
    frontier_required: Flag = False
    cost_dominant: Flag = False
    license_must_be_permissive: Flag = False
    has_inference_ops: Flag = False
    task: Task = Task.GENERAL
    monthly_tokens: TokenCount = 100_000_000
    input_share: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False, strict=True)] = 0.75
    min_context_tokens: TokenCount | None = None
    excluded_origins: Annotated[list[RegionCode], Field(max_length=250)] = Field(
        default_factory=list
    )
    deployment_region: RegionCode | None = None
    monthly_active_users: (
        Annotated[int, BeforeValidator(_whole_number), Field(ge=0, le=10**11, strict=True)] | None
    ) = None
    # workload shape
    avg_input_tokens: RequestSize | None = None
    avg_output_tokens: RequestSize | None = None
    peak_to_mean: Annotated[
        float, Field(ge=1, le=1000, allow_inf_nan=False, strict=True)
    ] = 2.0
    latency: Latency = "interactive"
    gpu_pricing: GpuPricingAnswer = "on_demand"
    # provider requirements
    require_zero_data_retention: Flag = False
    require_hipaa: Flag = False
    data_residency: Annotated[list[RegionCode], Field(max_length=250)] = Field(
        default_factory=list
    )
    # growth
    monthly_growth: Annotated[
        float, Field(ge=-0.5, le=10, allow_inf_nan=False, strict=True)
    ] = 0.0
    horizon_months: Annotated[
        int, BeforeValidator(_whole_number), Field(ge=1, le=120, strict=True)
    ] = 18

    @property
    def shape_given(self) -> bool:
        """Whether the answers give the tokens of an average request."""
        return self.avg_input_tokens is not None and self.avg_output_tokens is not None


ANSWER_KEYS: tuple[str, ...] = tuple(Answers.__record_fields__)


@frozen
class ResolvedAnswers:
    """Validated answers, and which keys took their documented defaults."""

    answers: Answers
    assumed: tuple[str, ...]


Origin = str | Mapping[str, str]
"""Where answers came from: one name (a file, `--set`), or a name per key when they were mixed."""


def _raise_first(
    exc: ValidationError,
    data: Mapping[str, Any],
    doc: YamlDocument | None,
    origin: Origin,
) -> NoReturn:
    from modelpick.validation import problems

    first = problems(exc, dict(data), doc, ANSWER_KEYS, limit=1)[0]
    if isinstance(origin, str):
        file = origin
    else:
        top = first.key.split(".")[0].split("[")[0] if first.key else ""
        file = origin.get(top, "answers")
    line, column = (first.line, first.column) if doc is not None and doc.file == file else (
        None, None
    )
    more = exc.error_count() - 1
    extra = f" (and {more} more)" if more > 0 else ""
    raise InputError(
        first.message + extra, file=file, line=line, column=column, key=first.key
    ) from None


def resolve(
    given: Mapping[str, Any],
    *,
    origin: Origin,
    doc: YamlDocument | None = None,
    groups: Collection[str] | None = None,
    whole: bool = True,
) -> ResolvedAnswers:
    """Validate given answers and fill the rest with defaults, recording them as assumed.

    `origin` names where the answers came from, in errors: one name, or one per key (a key
    not in the mapping is blamed on `answers`); lines come from `doc` for the keys it holds.
    `groups` are the catalog's region group names, which `deployment_region` and
    `excluded_origins` may use besides ISO 3166-1 alpha-2 codes; None (no catalog at hand)
    leaves group names unchecked.
    """
    context = {REGION_GROUPS: groups} if groups is not None else None
    values = prevalidate(Answers, given, context)
    answers = Answers(**values) if values is not None else _validated(given, doc, origin, context)
    if whole:  # answers that must agree with each other are checked together
        answers = _with_shape(answers, given, doc, origin)
    derived = {"input_share"} if answers.shape_given else set()
    assumed = tuple(k for k in ANSWER_KEYS if k not in given and k not in derived)
    return ResolvedAnswers(answers=answers, assumed=assumed)


def _validated(
    given: Mapping[str, Any],
    doc: YamlDocument | None,
    origin: Origin,
    context: Mapping[str, Any] | None,
) -> Answers:
    """The answers pydantic accepts, or InputError with its first problem, located."""
    from pydantic import ValidationError

    from modelpick.catalog.validators import validator

    try:
        model = validator(Answers).model_validate(dict(given), context=context)
    except ValidationError as exc:
        _raise_first(exc, given, doc, origin)
    return Answers(**dict(model))


def _with_shape(
    answers: Answers, given: Mapping[str, Any], doc: YamlDocument | None, origin: Origin
) -> Answers:
    """Average tokens per request, both given, set the input share (which must agree)."""
    inp, out = answers.avg_input_tokens, answers.avg_output_tokens
    if inp is None and out is None:
        return answers

    def refuse(key: str, message: str) -> NoReturn:
        file = origin if isinstance(origin, str) else origin.get(key, "answers")
        line = doc.line_of((key,)) if doc is not None and doc.file == file else None
        raise InputError(message, file=file, line=line, key=key)

    if inp is None or out is None:
        present = "avg_input_tokens" if out is None else "avg_output_tokens"
        missing = "avg_output_tokens" if out is None else "avg_input_tokens"
        refuse(present, f"{missing} is missing: give avg_input_tokens and avg_output_tokens "
               "together (the share of input in a request needs both)")
    share = inp / (inp + out)
    if "input_share" in given and abs(answers.input_share - share) > INPUT_SHARE_TOLERANCE:
        refuse("input_share", f"input_share {answers.input_share:g} contradicts "
               f"avg_input_tokens and avg_output_tokens ({inp:,} in, {out:,} out: "
               f"{share:.3f}); drop input_share: the tokens per request set it")
    return answers.model_copy(update={"input_share": share})


def check_answer(
    key: str, value: Any, *, origin: str, groups: Collection[str] | None = None
) -> Any:
    """One answer validated on its own, as a file's would be: its value, normalised (`us` is `US`).

    The one check per key that files, `--set` and the prompts share; InputError if bad.
    """
    resolved = resolve({key: value}, origin=origin, groups=groups, whole=False)
    return getattr(resolved.answers, key)
