"""The two YAML readers agree, and texts the fast one must not read go strict."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelpick import yamlfile, yamlstrict
from modelpick.catalog.loader import default_catalog_dir
from modelpick.errors import InputError


def _catalog_files() -> list[Path]:
    with default_catalog_dir() as directory:
        return sorted(directory.glob("*.yaml"))


def _strict(text: str) -> object:
    saved = yamlfile._ryaml
    yamlfile._ryaml = None
    try:
        return yamlfile.load_yaml_text(text, "f.yaml").data
    finally:
        yamlfile._ryaml = saved


@pytest.mark.skipif(yamlfile._ryaml is None, reason="the fast reader is not installed")
@pytest.mark.parametrize("path", _catalog_files(), ids=lambda p: p.name)
def test_fast_and_strict_readers_agree_on_the_shipped_catalog(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yamlfile.load_yaml_text(text, str(path)).data == _strict(text)


SCALARS = """\
origin: NO
yes_word: yes
underscored: 1_000
date: 2026-11-01
flag: true
octal_looking: 017
fraction: 1.5
exponent: 1e5
negative: -3
nothing: ~
"""


def test_core_schema_scalars() -> None:
    assert _strict(SCALARS) == {
        "origin": "NO",
        "yes_word": "yes",
        "underscored": "1_000",
        "date": "2026-11-01",
        "flag": True,
        "octal_looking": "017",
        "fraction": 1.5,
        "exponent": 100000.0,
        "negative": -3,
        "nothing": None,
    }
    assert yamlfile.load_yaml_text(SCALARS, "f").data == _strict(SCALARS)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("a: 1\nb: 2\na: 3\n", "duplicate key 'a'"),
        ("x: !!python/object/apply:os.system ['true']\n", "unsafe or unknown tag"),
        ("x: !custom 3\n", "unsafe or unknown tag"),
        ("a: [1, 2\n", "invalid YAML"),
        ("---\na: 1\n---\nb: 2\n", "second YAML document"),
        ("[" * 100_000, "nests deeper than 64"),
        ("{a: " * 5_000, "nests deeper than 64"),
        ("x:\n" + "".join(" " * i + "- a:\n" for i in range(0, 400, 2)), "nests deeper than 64"),
    ],
)
def test_refusals_are_located_whichever_reader_runs(text: str, needle: str) -> None:
    with pytest.raises(InputError) as caught:
        yamlfile.load_yaml_text(text, "f.yaml")
    assert needle in caught.value.message
    assert caught.value.line is not None


def test_anchors_go_to_the_strict_reader_and_still_work() -> None:
    text = "base: &b {a: 1}\nother: *b\n"
    assert yamlfile.load_yaml_text(text, "f").data == {
        "base": {"a": 1},
        "other": {"a": 1},
    }


@pytest.mark.parametrize("loader", ["c", "python"])
def test_structure_is_judged_in_modelpicks_words_whichever_parser_stops_first(
    loader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libyaml may refuse deep nesting itself (PyYAML 6.0.4 does); the message stays ours."""
    import yaml

    if loader == "python":
        monkeypatch.setattr(yamlstrict, "_BaseLoader", yaml.SafeLoader)
    with pytest.raises(InputError) as caught:
        yamlfile.load_yaml_text("[" * 2_000 + "]" * 2_000, "f.yaml")
    assert caught.value.message == f"document nests deeper than {yamlstrict.MAX_DEPTH} levels"
    assert caught.value.line == 1


def test_a_syntax_error_far_into_a_big_text_is_still_located() -> None:
    """Past RECHECK_BYTES the slow re-judgement is skipped; the load reports it, located."""
    import time

    lines = yamlstrict.RECHECK_BYTES // 8 + 1
    text = "".join(f"k{i:05x}: 1\n" for i in range(lines)) + "b: [\n"
    assert len(text) > yamlstrict.RECHECK_BYTES
    start = time.perf_counter()
    with pytest.raises(InputError) as caught:
        yamlfile.load_yaml_text(text, "f.yaml")
    assert caught.value.message.startswith("invalid YAML")
    assert caught.value.line is not None and caught.value.line > lines
    print(f"1 MB text with a late syntax error: {time.perf_counter() - start:.2f} s")


def test_every_file_reads_yaml_1_2_core_scalars() -> None:
    """Answers, --set values, portfolios and front matter read `NO` and `yes` as catalogs do."""
    assert yamlfile.load_yaml_text("x: yes\ny: [NO, on]\n", "f").data == {
        "x": "yes", "y": ["NO", "on"]
    }
