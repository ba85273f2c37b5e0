"""The strict YAML loader (pyyaml, libyaml's C safe loader where present), and the dumper.

`yamlfile` reads a plain text with the fast reader when it is installed, and comes here for
everything else: texts with tags, anchors or aliases, every error and its line, line numbers
(composing the document), and writing YAML. So a command whose files are plain never imports
pyyaml (about 8 ms of a start).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable
from typing import Any, ClassVar

import yaml

from modelpick.errors import InputError

try:
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - only without libyaml
    _BaseLoader = yaml.SafeLoader

MAX_NODES = 250_000
"""More values than this, once aliases are expanded, is an alias bomb, not a catalog.

The shipped catalog holds about 2,500 values in all.
"""
MAX_DEPTH = 64
"""No modelpick file nests deeper than a handful of levels."""


_CONSTRUCTOR_BUGS = (ValueError, ArithmeticError, TypeError, LookupError, AttributeError)


class _BadKey(yaml.MarkedYAMLError):
    """A duplicate or unhashable key; its problem is the whole message, in modelpick's words."""


class _UnsafeTag(yaml.MarkedYAMLError):
    """A tag the safe loader has no constructor for (python/object/apply, !include, ...)."""

    def __init__(self, tag: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem=f"unsafe or unknown tag refused: {tag}", problem_mark=mark)


class _StrictSafeLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loader that refuses duplicate keys (pyyaml silently keeps the last one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Hashable] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                raise _BadKey(
                    problem="a key must be a plain value, not a list or a mapping (unhashable key)",
                    problem_mark=key_node.start_mark,
                )
            if key in seen:
                raise _BadKey(
                    problem=f"duplicate key '{key}': each key may appear once",
                    problem_mark=key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # pyyaml's scalar constructors raise bare errors (an impossible date, an empty
        # `!!int`), which would lose the line or escape; give them the node's mark.
        try:
            return super().construct_object(node, deep=deep)
        except _CONSTRUCTOR_BUGS as exc:
            tag = str(node.tag).rsplit(":", 1)[-1]
            value = node.value if isinstance(node, yaml.ScalarNode) else "this value"
            raise yaml.constructor.ConstructorError(
                problem=f"cannot read {str(value)[:40]!r} as {tag} ({exc})",
                problem_mark=node.start_mark,
            ) from None

    def construct_unknown_tag(self, node: yaml.Node) -> Any:
        raise _UnsafeTag(str(node.tag), node.start_mark)


# Our own error for tags without a constructor, so the message never depends on pyyaml's words.
_StrictSafeLoader.add_constructor(None, _StrictSafeLoader.construct_unknown_tag)


class _CoreSchemaSafeLoader(_StrictSafeLoader):
    """The strict loader with YAML 1.2 core-schema scalars, as every modelpick file is read.

    YAML 1.1's `yes`/`no`/`on`/`off` booleans, `1_000` integers, base-60 numbers and
    timestamps are plain strings here (so `origin: NO` is Norway, not false), which is also
    what the optional fast reader does: both readers agree on every file.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}


_CORE_RESOLVERS: tuple[tuple[str, str, str | list[str]], ...] = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?(?:0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$",
     "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     "-+0123456789."),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<"),
)
for _tag, _pattern, _first in _CORE_RESOLVERS:
    _CoreSchemaSafeLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class _QuotingDumper(yaml.SafeDumper):
    """Quotes every text that YAML 1.1 or the 1.2 core schema would read as something else.

    So a file modelpick writes reads back the same here, and in YAML 1.1 tools too: `NO`,
    `yes`, `1e9` and `0o17` are written quoted. Date-like text stays plain (`date:
    2026-11-01` in a record's front matter is a date to any reader that has dates).
    """


_QuotingDumper.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
for _tag, _pattern, _first in _CORE_RESOLVERS:
    _QuotingDumper.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))
_QuotingDumper.add_representer(
    dt.date, lambda dumper, value: dumper.represent_str(value.isoformat())
)


def dump(data: Any) -> str:
    """YAML text for `data` (block style, keys in order) that every reader reads back as is."""
    return yaml.dump(
        data, Dumper=_QuotingDumper, sort_keys=False, allow_unicode=True, width=100_000
    )


def _structure_problem(text: str, file: str, loader: type[yaml.SafeLoader]) -> InputError | None:
    """Too deep, or more than one document: found from the event stream, in modelpick's words.

    The event parser keeps its own stack, so counting there is safe where a recursive
    composer (libyaml's, in C) would crash the process on a few hundred thousand brackets.
    Raises yaml.YAMLError when the text is not YAML up to the point where it is judged.
    """
    depth = 0
    documents = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return InputError(
                    f"document nests deeper than {MAX_DEPTH} levels",
                    file=file,
                    line=_mark_line(event.start_mark),
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                return InputError(
                    "a second YAML document starts here; a modelpick file holds one",
                    file=file,
                    line=_mark_line(event.start_mark),
                )
    return None


def _mark_line(mark: Any) -> int | None:
    line = getattr(mark, "line", None)
    return line + 1 if isinstance(line, int) else None


RECHECK_BYTES = 1024 * 1024
"""How much text the pure-Python parser judges again after libyaml failed (about a second)."""


def _check_structure(text: str, file: str) -> None:
    """Refuse deep nesting and extra documents before anything recursive sees the text.

    libyaml (C) reads fast but may stop at limits of its own first, in its own words (PyYAML
    6.0.4's bundled libyaml refuses 1,000 levels while scanning ahead). When it fails, the
    pure-Python parser, which has no such limits, judges the text up to where libyaml stopped
    (at most RECHECK_BYTES), so that modelpick reports what it knows in its own terms. Other
    syntax errors are left to the real load, which reports them with their line.
    """
    try:
        problem = _structure_problem(text, file, _BaseLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        stop = mark.index + 1 if mark is not None and mark.index >= 0 else len(text)
        if stop > RECHECK_BYTES:
            return
        try:
            problem = _structure_problem(text[:stop], file, yaml.SafeLoader)
        except yaml.YAMLError:
            return
    if problem is not None:
        raise problem


def _check_shape(data: Any, file: str, text_length: int) -> None:
    """Refuse alias bombs, self-references and absurd nesting in the loaded data.

    Shared (aliased) values are measured once, so a billion laughs costs microseconds.
    Every value written out takes at least a character, so a document expanding to more
    values than it has characters (and more than MAX_NODES) is made of aliases.
    """
    limit = max(MAX_NODES, text_length)
    sizes: dict[int, tuple[int, int]] = {}
    """id -> (values including itself, levels below it), for containers measured."""
    active: set[int] = set()

    def measure(item: Any, depth: int) -> tuple[int, int]:
        if not isinstance(item, dict | list):
            return (1, 0)
        key = id(item)
        known = sizes.get(key)
        if known is None:
            if key in active:
                raise InputError("document refers to itself (a recursive alias)", file=file)
            if depth >= MAX_DEPTH:
                raise InputError(f"document nests deeper than {MAX_DEPTH} levels", file=file)
            active.add(key)
            count, height = 1, 0
            for child in item.values() if isinstance(item, dict) else item:
                child_count, child_height = measure(child, depth + 1)
                count += child_count
                height = max(height, child_height + 1)
                if count > limit:
                    raise InputError(
                        f"document expands to more than {limit:,} values "
                        "(an alias or anchor bomb?)",
                        file=file,
                    )
            active.discard(key)
            known = sizes[key] = (count, height)
        if depth + known[1] > MAX_DEPTH:
            raise InputError(f"document nests deeper than {MAX_DEPTH} levels", file=file)
        return known

    measure(data, 0)


def _char_at(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else ""


def _line_of_position(text: str, position: int) -> int:
    return text.count("\n", 0, max(position, 0)) + 1


def _strict_load(text: str) -> Any:
    """The strict safe loader's data (what pyyaml's load does, with this loader only)."""
    loader = _CoreSchemaSafeLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def strict_load(text: str, file: str) -> Any:
    """The strict loader's data for `text`, or InputError naming the file, line and problem."""
    _check_structure(text, file)
    try:
        data = _strict_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if isinstance(exc, _BadKey | _UnsafeTag):
            message = problem
        else:
            message = f"invalid YAML: {problem}"
            if exc.context and exc.problem:
                message += f" ({exc.context})"
        if mark is not None and _char_at(text, mark.index) == "\t":
            message = "invalid YAML: a tab character here; YAML indents with spaces only"
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise InputError(message, file=file, line=line, column=column) from None
    except yaml.reader.ReaderError as exc:
        raise InputError(
            f"invalid YAML: {exc.reason}",
            file=file,
            line=_line_of_position(text, exc.position),
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", file=file) from None
    except RecursionError:
        raise InputError(f"document nests deeper than {MAX_DEPTH} levels", file=file) from None
    except _CONSTRUCTOR_BUGS as exc:
        # Raised outside any one node (merge keys, say): no line to give.
        raise InputError(f"invalid YAML value: {exc}", file=file) from None
    _check_shape(data, file, len(text))
    return data


def compose(text: str) -> yaml.Node | None:
    """The document's node tree (for line numbers), or None when it is not YAML."""
    try:
        return yaml.compose(text, Loader=_BaseLoader)
    except yaml.YAMLError:
        return None
