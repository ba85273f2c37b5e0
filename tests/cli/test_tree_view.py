"""The decision tree as `modelpick tree` draws it, rendered on a recording console."""

from __future__ import annotations

from collections.abc import Callable

from modelpick.cli.tree_view import render_tree
from modelpick.engine.tree import AFTER_THE_WALK, TREE

Render = Callable[..., str]


def test_every_node_shows_its_question_key_and_both_answers(render: Render) -> None:
    text = render(render_tree())
    assert text.startswith("modelpick decision tree: five questions, always in this order")
    for number, node in enumerate(TREE, start=1):
        assert f"{number}. {node.question}" in text
        assert f"[{node.key}]" in text
    assert text.count("yes: ") == len(TREE) and text.count("no: ") == len(TREE)


def test_an_answer_that_goes_on_names_the_next_node(render: Render) -> None:
    text = render(render_tree(), width=200)  # wide enough that no outcome wraps
    for number, node in enumerate(TREE[:-1], start=1):
        for outcome in (node.yes, node.no):
            if outcome.goes_on:
                assert f"{outcome.text} to node {number + 1}" in text
    assert f"to node {len(TREE) + 1}" not in text  # the last node leads nowhere further


def test_the_steps_after_the_walk_follow(render: Render) -> None:
    text = render(render_tree(), width=200)  # wide enough that no step wraps
    after = text.split("\nThen:\n", 1)[1]
    for step in AFTER_THE_WALK:
        assert f"  - {step}" in after  # a dash right-aligned in three columns, then the step


def test_a_subset_of_nodes_draws_only_those(render: Render) -> None:
    text = render(render_tree(TREE[:2]))
    assert f"1. {TREE[0].question}" in text and f"2. {TREE[1].question}" in text
    assert f"3. {TREE[2].question}" not in text
