"""A workload's answers: the schema, its defaults, and the questions that gather them.

Questions are data here; `prompts.py` is the only place that asks them on a terminal.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from modelpick.catalog.schema import Task
from modelpick.engine.regions import UnknownRegion, region_code
from modelpick.errors import InputError
from modelpick.validation import MODELPICK_ERROR, did_you_mean, problems
from modelpick.yamlfile import YamlDocument, dump_yaml, load_yaml_file, load_yaml_text

MAX_ANSWERS_BYTES = 1024 * 1024
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
    """A validation error in modelpick's words, with its own hint, for `problems` to render."""
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


TokenCount = Annotated[int, BeforeValidator(_whole_number), Field(ge=1, le=MAX_TOKENS, strict=True)]
Flag = Annotated[bool, BeforeValidator(_boolean), Field(strict=True)]
RegionCode = Annotated[str, BeforeValidator(_region), Field(strict=True)]
"""A country (ISO 3166-1 alpha-2) or a region group the catalog defines."""


class Answers(BaseModel):
    """Everything the decision tree needs to know about one workload."""

    model_config = ConfigDict(extra="forbid", frozen=True)

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


ANSWER_KEYS: tuple[str, ...] = tuple(Answers.model_fields)
NODE_KEYS: tuple[str, ...] = (
    "data_must_stay_in_vpc",
    "frontier_required",
    "cost_dominant",
    "license_must_be_permissive",
    "has_inference_ops",
)


@dataclass(frozen=True)
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
) -> None:
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
) -> ResolvedAnswers:
    """Validate given answers and fill the rest with defaults, recording them as assumed.

    `origin` names where the answers came from, in errors: one name, or one per key (a key
    not in the mapping is blamed on `answers`); lines come from `doc` for the keys it holds.
    `groups` are the catalog's region group names, which `deployment_region` and
    `excluded_origins` may use besides ISO 3166-1 alpha-2 codes; None (no catalog at hand)
    leaves group names unchecked.
    """
    context = {REGION_GROUPS: groups} if groups is not None else None
    try:
        answers = Answers.model_validate(dict(given), context=context)
    except ValidationError as exc:
        _raise_first(exc, given, doc, origin)
        raise AssertionError("unreachable") from None
    assumed = tuple(k for k in ANSWER_KEYS if k not in given)
    return ResolvedAnswers(answers=answers, assumed=assumed)


def check_answer(
    key: str, value: Any, *, origin: str, groups: Collection[str] | None = None
) -> Any:
    """One answer validated on its own, as a file's would be: its value, normalised (`us` is `US`).

    The one check per key that files, `--set` and the prompts share; InputError if bad.
    """
    return getattr(resolve({key: value}, origin=origin, groups=groups).answers, key)


def read_answers_file(
    path: Path, *, groups: Collection[str] | None = None
) -> tuple[dict[str, Any], YamlDocument]:
    """Read an answers file into a mapping; errors name the file, line and key."""
    doc = load_yaml_file(path, max_bytes=MAX_ANSWERS_BYTES, what="answers file")
    if doc.data is None:
        raise InputError("answers file is empty; expected a mapping of answers", file=doc.file)
    if not isinstance(doc.data, dict):
        raise InputError(
            f"expected a mapping of answers, got {_yaml_type(doc.data)}", file=doc.file, line=1
        )
    for key in doc.data:
        if not isinstance(key, str):
            line, column = doc.locate([str(key)])
            raise InputError(
                f"answer keys must be text, got {key!r}", file=doc.file, line=line, column=column
            )
    resolve(doc.data, origin=doc.file, doc=doc, groups=groups)
    return dict(doc.data), doc


def _yaml_type(value: Any) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def parse_typed(key: str, raw: str) -> Any:
    """A value typed for `key` (after `--set KEY=` or at a prompt), read as a file reads it.

    YAML (1.2 core schema, like every file) reads it as a scalar or a flow list; `workload` is
    always text (a '#' would start a comment); blank is None; `excluded_origins` may be
    written `CN,RU` or `CN RU`.
    """
    if key == "workload":
        return raw
    if not raw.strip():
        return None
    try:
        value = load_yaml_text(raw, "--set").data
    except InputError:
        value = raw
    if key == "excluded_origins" and isinstance(value, str):
        return [part for part in re.split(r"[,\s]+", value) if part]
    return value


def parse_set(items: list[str], *, groups: Collection[str] | None = None) -> dict[str, Any]:
    """Parse `--set KEY=VALUE` options (see `parse_typed`); errors name `--set` and the key."""
    out: dict[str, Any] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InputError(f"expected KEY=VALUE, got {item!r}", file="--set")
        if key not in ANSWER_KEYS:
            hint = did_you_mean(key, ANSWER_KEYS)
            raise InputError("unknown key", file="--set", key=key, hint=hint)
        out[key] = parse_typed(key, raw)
    resolve(out, origin="--set", groups=groups)
    return out


def dump_answers(resolved: ResolvedAnswers, *, include_assumed: bool = True) -> str:
    """The answers as a YAML answers file that reproduces the same advice.

    Defaults are written out too (like copier's answers file), so a later change of a
    default cannot change the advice; a comment names the keys that were assumed.
    """
    data = resolved.answers.model_dump(mode="json")
    if not include_assumed:
        data = {k: v for k, v in data.items() if k not in resolved.assumed}
    header = "# modelpick answers: reproduce with `modelpick advise --answers THIS_FILE`\n"
    if resolved.assumed and include_assumed:
        header += f"# assumed (documented defaults): {', '.join(resolved.assumed)}\n"
    return header + dump_yaml(data)


# --- the questions, as data ---------------------------------------------------------------


QuestionKind = Literal["confirm", "select", "integer", "fraction", "text", "countries"]


@dataclass(frozen=True)
class Question:
    """One question: what to ask, how, and what it means for the tree."""

    key: str
    kind: QuestionKind
    text: str
    explanation: str
    node: int | None = None
    choices: tuple[str, ...] = ()
    optional: bool = False


QUESTIONS: tuple[Question, ...] = (
    Question(
        "workload", "text", "What is the workload called?", "Free text, used in titles."
    ),
    Question(
        "data_must_stay_in_vpc",
        "confirm",
        "Must the data never leave your network boundary?",
        "Yes means self-hosted open weights, whatever else you answer.",
        node=1,
    ),
    Question(
        "frontier_required",
        "confirm",
        "Is the workload at the absolute frontier?",
        "Long-horizon agentic coding, novel reasoning, hard multimodal work.",
        node=2,
    ),
    Question(
        "cost_dominant",
        "confirm",
        "Is per-token cost the dominant constraint?",
        "High-volume RAG, classification, extraction, chat with millions of turns.",
        node=3,
    ),
    Question(
        "license_must_be_permissive",
        "confirm",
        "Will legal approve only permissive licenses?",
        "Apache-2.0 or MIT; no use-case or scale clauses. Filters open-weight models.",
        node=4,
    ),
    Question(
        "has_inference_ops",
        "confirm",
        "Do you run GPU services and can you be on call for inference?",
        "Self-hosting pays only with this capacity and enough volume.",
        node=5,
    ),
    Question(
        "task",
        "select",
        "What is the main task?",
        "Models that cannot do the task are excluded.",
        choices=tuple(t.value for t in Task),
    ),
    Question(
        "monthly_tokens",
        "integer",
        "How many tokens a month (input + output)?",
        "Drives every cost figure and the self-hosting crossover.",
    ),
    Question(
        "input_share",
        "fraction",
        "What share of those tokens is input (0 to 1)?",
        "Input is usually cheaper than output.",
    ),
    Question(
        "min_context_tokens",
        "integer",
        "Minimum context window in tokens (blank for none)?",
        "Models with a smaller window are excluded.",
        optional=True,
    ),
    Question(
        "excluded_origins",
        "countries",
        "Countries of origin to exclude (e.g. CN; blank for none)?",
        "Some procurement rules forbid models of some origins.",
        optional=True,
    ),
    Question(
        "deployment_region",
        "text",
        "Region you deploy in (e.g. EU, US; blank for none)?",
        "Checked against license geography clauses.",
        optional=True,
    ),
    Question(
        "monthly_active_users",
        "integer",
        "Monthly active users of the product (blank if unknown)?",
        "Checked against license scale thresholds (Llama: 700M).",
        optional=True,
    ),
)
QUESTIONS_BY_KEY = {q.key: q for q in QUESTIONS}


def relevant(key: str, known: Mapping[str, Any]) -> bool:
    """Whether asking `key` can still change the outcome, given the answers so far."""
    vpc = known.get("data_must_stay_in_vpc", False)
    frontier = known.get("frontier_required", False)
    if key == "frontier_required":
        return not vpc
    if key == "cost_dominant":
        return not vpc and not frontier
    # Node 4 filters every candidate; node 5 decides node 5, a warning after node 1, or
    # which fallbacks are open; the rest feed the hard filters and the costs.
    return True


def next_question(known: Mapping[str, Any], asked: Set[str] = frozenset()) -> Question | None:
    """The next question to ask, or None when nothing asked could change the outcome."""
    for question in QUESTIONS:
        if question.key in known or question.key in asked:
            continue
        if relevant(question.key, known):
            return question
    return None
