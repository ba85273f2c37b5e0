"""A long YAML text read in pieces gives what reading it whole gives, or is read whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import ryaml

from modelpick.catalog.yaml_pieces import read_in_pieces

CATALOG = Path(__file__).resolve().parents[2] / "catalog"


class Counting:
    """ryaml's loads, counting the texts it is given."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, text: str) -> Any:
        self.texts.append(text)
        return ryaml.loads(text)


def _read(text: str, piece_chars: int = 40) -> tuple[Any, int]:
    loads = Counting()
    return read_in_pieces(text, loads, piece_chars), len(loads.texts)


@pytest.mark.parametrize("name", ["models.yaml", "providers.yaml", "sources.yaml",
                                  "policy.yaml", "hardware.yaml", "benchmarks.yaml"])
@pytest.mark.parametrize("piece_chars", [50, 700, 5000])
def test_the_shipped_files_read_in_pieces_as_whole(name: str, piece_chars: int) -> None:
    text = (CATALOG / name).read_text()
    data, calls = _read(text, piece_chars)
    whole = ryaml.loads(text)
    assert data == whole and list(data) == list(whole)
    assert calls > 1 or name == "policy.yaml"  # a mapping: no top-level list to cut


ITEMS = "".join(
    f"- id: m{i}\n  note: |+\n    kept {i}\n\n  tags:\n  - a\n  - b\n" for i in range(9)
)


@pytest.mark.parametrize("text", [
    f"# header\nname: x\nmodels:\n{ITEMS}after: 1\nprices:\n{ITEMS}",
    f"models:\n{ITEMS}# a comment at column 0\n\n{ITEMS}-\n  id: bare\n{ITEMS}",
    f"models:\n{ITEMS}" + "- note: 'quoted\n    across - lines'\n" + ITEMS,
    f"models:\n{ITEMS}" + "- note: >-\n    folded\n\n    text\n" + ITEMS,
    f"models:\n{ITEMS}other:\n  nested:\n  - x\nlast:\n{ITEMS}",
    "models:\n" + ITEMS.replace("\n", "\n  ").replace("- id", "  - id", 1),  # indented items
    "models:\n  # a comment\n" + ITEMS.replace("\n", "\n    ").replace("- id", "    - id", 1),
    f"models: # the models\n{ITEMS}",
    f"models:\n\n# before the first\n{ITEMS}",
])
def test_tricky_texts_read_as_whole(text: str) -> None:
    data, calls = _read(text)
    assert data == ryaml.loads(text) and list(data) == list(ryaml.loads(text))
    assert calls > 1


@pytest.mark.parametrize("text", [
    f"'models':\n{ITEMS}",  # a key not written plainly
    f"---\nmodels:\n{ITEMS}",
    f"models:\n{ITEMS}other: 1\n  - id: after the list ended\n{ITEMS}",
    "models:\n" + ITEMS.replace("\n", "\n  ").replace("- id", "  - id", 1)
    + f"- outdented\n{ITEMS}",
    f"models:\n{ITEMS}\r\n",
    f"models:\n{ITEMS}plain text at column 0\n{ITEMS}",
])
def test_texts_not_sure_to_cut_are_read_whole(text: str) -> None:
    try:
        whole: Any = ryaml.loads(text)
    except ryaml.InvalidYamlError:
        whole = None
    loads = Counting()
    try:
        data = read_in_pieces(text, loads, 40)
    except ryaml.InvalidYamlError:
        data = None
    assert data == whole
    assert loads.texts[-1] == text  # read whole in the end


def test_a_key_repeated_across_pieces_is_the_whole_texts_error() -> None:
    text = f"models:\n{ITEMS}prices:\n{ITEMS}models:\n{ITEMS}"
    with pytest.raises(ryaml.InvalidYamlError) as whole:
        ryaml.loads(text)
    with pytest.raises(ryaml.InvalidYamlError) as pieces:
        read_in_pieces(text, ryaml.loads, 40)
    assert str(pieces.value) == str(whole.value)


def test_a_broken_piece_is_the_whole_texts_error() -> None:
    text = f"models:\n{ITEMS}- id: [unclosed\n{ITEMS}"
    with pytest.raises(ryaml.InvalidYamlError) as whole:
        ryaml.loads(text)
    loads = Counting()
    with pytest.raises(ryaml.InvalidYamlError) as pieces:
        read_in_pieces(text, loads, 40)
    assert str(pieces.value) == str(whole.value) and loads.texts[-1] == text


def test_short_texts_are_read_whole() -> None:
    data, calls = _read(f"models:\n{ITEMS}", piece_chars=100_000)
    assert calls == 1 and len(data["models"]) == 9
