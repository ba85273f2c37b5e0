"""`modelpick tree`: the nodes as data agree with the engine, and both formats render."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelpick.catalog.loader import Catalog, load_catalog
from modelpick.engine.answers import Answers
from modelpick.engine.filters import apply_filters
from modelpick.engine.questions import QUESTIONS_BY_KEY
from modelpick.engine.tree import NODE_KEYS, TREE, Node
from modelpick.engine.walk import walk
from modelpick.report.tree_mermaid import mermaid_text, render_tree_mermaid

CATALOG = Path(__file__).parent.parent / "fixtures" / "catalog_min"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


def test_nodes_are_the_five_answers_in_order() -> None:
    assert tuple(n.key for n in TREE) == NODE_KEYS
    assert len(TREE) == 5
    for number, node in enumerate(TREE, start=1):
        assert node.question == QUESTIONS_BY_KEY[node.key].text
        assert node.help == QUESTIONS_BY_KEY[node.key].explanation
        assert QUESTIONS_BY_KEY[node.key].node == number


@pytest.mark.parametrize("node", TREE, ids=lambda n: n.key)
@pytest.mark.parametrize("answer", [True, False])
@pytest.mark.parametrize("ops_volume", [None, 10**15])
def test_the_description_matches_the_walk(
    catalog: Catalog, node: Node, answer: bool, ops_volume: int | None
) -> None:
    """Answering only this node (yes or no) ends where the node says it does."""
    given: dict[str, object] = {node.key: answer}
    if ops_volume is not None:
        given["monthly_tokens"] = ops_volume
    answers = Answers(**given)
    walked = walk(answers, catalog, apply_filters(answers, catalog))
    outcome = node.yes if answer else node.no
    if outcome.goes_on:
        # Every later node is "no": the walk ends at node 5's "no", a hosted API.
        assert walked.mode in TREE[-1].no.modes
    else:
        assert walked.mode in outcome.modes
    number = TREE.index(node) + 1
    assert [s.node for s in walked.path][:number] == list(NODE_KEYS[:number])


def test_mermaid_has_every_node_and_mode() -> None:
    text = render_tree_mermaid()
    assert text.startswith("flowchart TD\n")
    for number, node in enumerate(TREE, start=1):
        assert f"N{number}{{" in text
        assert node.key in text
    for ident in ("SELF", "HOSTED", "CLOSED"):
        assert f"| {ident}" in text
    assert "N1 -->|yes, final| SELF" in text
    assert "N5X -->|yes| SELF" in text and "N5X -->|no| HOSTED" in text


@pytest.mark.parametrize(
    ("raw", "safe"),
    [('say "hi"', "say #quot;hi#quot;"), ("a|b", "a#124;b"), ("<x>", "&lt;x&gt;")],
)
def test_mermaid_text_escapes(raw: str, safe: str) -> None:
    assert mermaid_text(raw) == safe


def test_tree_command_text(modelpick) -> None:  # type: ignore[no-untyped-def]
    done = modelpick("tree")
    assert done.returncode == 0, done.stderr
    for node in TREE:
        assert node.key in done.stdout
        assert node.question in done.stdout
    assert "go on to node 2" in done.stdout


def test_tree_command_mermaid(modelpick) -> None:  # type: ignore[no-untyped-def]
    done = modelpick("tree", "--format", "mermaid")
    assert done.returncode == 0, done.stderr
    assert done.stdout == render_tree_mermaid()


def test_tree_command_rejects_an_unknown_format(modelpick) -> None:  # type: ignore[no-untyped-def]
    done = modelpick("tree", "--format", "svg")
    assert done.returncode == 2
