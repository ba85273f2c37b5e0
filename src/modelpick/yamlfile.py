"""Safe YAML loading that remembers where every key came from.

Every file modelpick reads (catalogs, answers files, `--set` values, portfolio files, decision
records' front matter) is read one way: YAML 1.2's core schema, so `NO` is Norway and `yes` is
text, never a boolean. Loading is fast (libyaml's C safe loader where present) and strict:
duplicate keys, unsafe tags, alias bombs and absurd nesting are errors. Line numbers are found
lazily, only when something needs to point at a key, by composing the document once more.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from modelpick.catalog.yaml_pieces import read_in_pieces
from modelpick.errors import InputError
from modelpick.fileio import read_text as _read_text

try:
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - only without libyaml
    _BaseLoader = yaml.SafeLoader

_ryaml: Any
try:  # optional accelerator for large catalogs: pip install 'modelpick[fast]'
    import ryaml as _ryaml
except ImportError:  # pragma: no cover - depends on the installed extras
    _ryaml = None

_MARKS = re.compile(r"[!&*<]")
_NODE_STARTS = frozenset("\n\r,[{:?-")
"""Tags (`!`), anchors (`&`) and aliases (`*`) can only begin a node: at the start of a line
(after its indentation), or after `-`, `?`, `:`, `,`, `[` or `{` and blanks. A `*` or `&` in
running text (`2 * 1024`, `R & D`) is neither, and leaves the text to the fast reader."""


def _not_plain(text: str) -> bool:
    """Whether a text may hold tags, anchors, aliases or merge keys: the strict loader's."""
    for mark in _MARKS.finditer(text):  # one pass; catalogs hold a handful of these
        i = mark.start()
        if text[i] == "<":
            if text.startswith("<<", i):  # a merge key, or text like it
                return True
            continue
        i -= 1
        while i >= 0 and text[i] in " \t":  # each blank is passed once: linear in the text
            i -= 1
        if i < 0 or text[i] in _NODE_STARTS:
            return True
    return False

KeyPath = Sequence[str | int]

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


def dump_yaml(data: Any) -> str:
    """YAML text for `data` (block style, keys in order) that every reader reads back as is."""
    return yaml.dump(
        data, Dumper=_QuotingDumper, sort_keys=False, allow_unicode=True, width=100_000
    )


@dataclass
class YamlDocument:
    """A loaded YAML file: its data, and a way back from a key path to a line."""

    file: str
    text: str
    data: Any
    _root: yaml.Node | None = field(default=None, repr=False)
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, repr=False
    )

    def locate(self, path: KeyPath) -> tuple[int | None, int | None]:
        """1-based (line, column) of the deepest node along `path` that exists."""
        if self._root is None:
            try:
                self._root = yaml.compose(self.text, Loader=_BaseLoader)
            except yaml.YAMLError:
                return (None, None)
        node = self._root
        if node is None:
            return (None, None)
        mark = node.start_mark
        for part in path:
            if isinstance(node, yaml.MappingNode):
                found = self._index(node).get(str(part))
                if found is None:
                    break
                mark, node = found[0].start_mark, found[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                mark = node.start_mark
            else:
                break
        return (mark.line + 1, mark.column + 1)

    def _index(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        # Indexed once per mapping: a file with thousands of bad keys stays linear.
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    index[key_node.value] = (key_node, value_node)
            self._keys[id(node)] = index
        return index

    def line_of(self, path: KeyPath) -> int | None:
        """1-based line of `path`, or None."""
        return self.locate(path)[0]


@dataclass
class NestedDocument(YamlDocument):
    """A mapping inside another document (a record's `modelpick.answers`), located in its file.

    Key paths are taken below `prefix`; lines count from the file's first line, `line_offset`
    lines above the YAML (front matter's `---`, or a fenced block's opening).
    """

    prefix: tuple[str | int, ...] = ()
    line_offset: int = 0

    def locate(self, path: KeyPath) -> tuple[int | None, int | None]:
        line, column = super().locate([*self.prefix, *path])
        return (line + self.line_offset if line is not None else None, column)


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


def load_yaml_text(text: str, file: str) -> YamlDocument:
    """Parse YAML text safely, with YAML 1.2 core-schema scalars; failures name file and line.

    Plain texts (no tags, anchors or aliases) are read by the fast reader when it is
    installed; anything it refuses goes to the strict loader, which finds the problem and its
    line.
    """
    if _ryaml is not None and not _not_plain(text):
        try:
            # A long text (a catalog file) is read in pieces: less memory, less time.
            data = read_in_pieces(text, _ryaml.loads)
        except Exception:
            pass
        else:
            # No aliases in a plain text, so no bombs; the fast reader limits nesting itself.
            return YamlDocument(file=file, text=text, data=data)
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
    return YamlDocument(file=file, text=text, data=data)


def read_text(path: Path, *, max_bytes: int, what: str = "file") -> str:
    """Read a UTF-8 text file, turning every problem into one InputError.

    Only a regular file is read, and never more than `max_bytes` of it (fileio.read_bytes).
    """
    return _read_text(path, max_bytes=max_bytes, what=what, kind="YAML text")


def load_yaml_file(path: Path, *, max_bytes: int, what: str = "file") -> YamlDocument:
    """Read and parse one YAML file."""
    text = read_text(path, max_bytes=max_bytes, what=what)
    return load_yaml_text(text, str(path))


def load_yaml_bytes(raw: bytes, path: Path, *, what: str = "file") -> YamlDocument:
    """Parse one YAML file's bytes, read already (`fileio.read_bytes`, within its limit).

    Decoded as `read_text` decodes a file, with the same errors: binary text, or not UTF-8.
    """
    name = str(path)
    if b"\x00" in raw:
        raise InputError(f"{what} is binary, not YAML text", file=name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{what} is not valid UTF-8 text", file=name, line=line) from None
    return load_yaml_text(text, name)
