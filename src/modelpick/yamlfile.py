"""Safe YAML loading that remembers where every key came from.

Every file modelpick reads (catalogs, answers files, `--set` values, portfolio files, decision
records' front matter) is read one way: YAML 1.2's core schema, so `NO` is Norway and `yes` is
text, never a boolean. Loading is fast (the fast reader for plain texts, where installed;
else libyaml's C safe loader) and strict: duplicate keys, unsafe tags, alias bombs and absurd
nesting are errors (`yamlstrict`, which alone imports pyyaml). Line numbers are found lazily,
only when something needs to point at a key, by composing the document once more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelpick.catalog.yaml_pieces import read_in_pieces
from modelpick.errors import InputError
from modelpick.fileio import read_text as _read_text

if TYPE_CHECKING:
    import yaml

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


def dump_yaml(data: Any) -> str:
    """YAML text for `data` (block style, keys in order) that every reader reads back as is."""
    from modelpick.yamlstrict import dump

    return dump(data)


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
        import yaml  # loaded by compose: line numbers are pyyaml's

        from modelpick.yamlstrict import compose

        if self._root is None:
            self._root = compose(self.text)
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
        import yaml

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
    from modelpick.yamlstrict import strict_load

    return YamlDocument(file=file, text=text, data=strict_load(text, file))


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
