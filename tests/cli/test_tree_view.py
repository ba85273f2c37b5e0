"""The decision tree as `modelpick tree` draws it, rendered on a recording console."""

from __future__ import annotations

from collections.abc import Callable

from modelpick.cli.tree_view import render_tree
from modelpick.engine.nodes import AFTER_THE_WALK, NODES

Render = Callable[..., str]


def test_every_node_shows_its_question_key_and_both_answers(render: Render) -> None:
    text = render(render_tree())
    assert text.startswith("modelpick decision tree: five questions, always in this order")
    for node in NODES:
        assert f"{node.number}. {node.question}" in text
        assert f"[{node.key}]" in text
    assert text.count("yes: ") == len(NODES) and text.count("no: ") == len(NODES)


def test_an_answer_that_goes_on_names_the_next_node(render: Render) -> None:
    text = render(render_tree(), width=200)  # wide enough that no outcome wraps
    for index, node in enumerate(NODES[:-1]):
        for outcome in (node.yes, node.no):
            if outcome.goes_on:
                assert f"{outcome.text} to node {NODES[index + 1].number}" in text
    assert f"to node {NODES[-1].number + 1}" not in text  # the last node leads nowhere further


def test_the_steps_after_the_walk_follow(render: Render) -> None:
    text = render(render_tree(), width=200)  # wide enough that no step wraps
    after = text.split("\nThen:\n", 1)[1]
    for step in AFTER_THE_WALK:
        assert f"  - {step}" in after  # a dash right-aligned in three columns, then the step


def test_a_subset_of_nodes_draws_only_those(render: Render) -> None:
    text = render(render_tree(NODES[:2]))
    assert f"1. {NODES[0].question}" in text and f"2. {NODES[1].question}" in text
    assert f"3. {NODES[2].question}" not in text
