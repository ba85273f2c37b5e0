"""The tree is one declaration: what it says, that the walk follows it, and what it skips."""

from __future__ import annotations

import ast
import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest

from modelpick.catalog.loader import Catalog, load_catalog
from modelpick.catalog.validators import validator
from modelpick.engine import decide, resolve
from modelpick.engine.answers import ANSWER_KEYS, Answers
from modelpick.engine.filters import RULES, apply_filters
from modelpick.engine.questions import QUESTIONS, next_question
from modelpick.engine.tree import (
    CLOSED,
    HOSTED,
    MODE_LABELS,
    NODE_KEYS,
    SELF,
    TREE,
    Node,
    Outcome,
    reachable,
    skipped,
)
from modelpick.engine.walk import walk
from modelpick.report.flowchart import flowchart
from modelpick.report.json_output import advice_dict
from modelpick.report.tree_mermaid import render_tree_mermaid

CATALOG_MIN = Path(__file__).parent.parent / "fixtures" / "catalog_min"
SRC = Path(__file__).parent.parent.parent / "src" / "modelpick"
TODAY = dt.date(2026, 11, 15)
EVERY_NODE_ANSWER = [
    dict(zip(NODE_KEYS, values, strict=True))
    for values in itertools.product([False, True], repeat=len(NODE_KEYS))
]


@pytest.fixture(scope="module")
def catalog_min() -> Catalog:
    return load_catalog(CATALOG_MIN)


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


def _outcomes() -> list[tuple[int, Node, bool, Outcome]]:
    return [
        (number, node, answer, node.outcome(answer))
        for number, node in enumerate(TREE, start=1)
        for answer in (True, False)
    ]


# --- the declaration -----------------------------------------------------------------------


@pytest.mark.parametrize("node", TREE, ids=lambda n: n.key)
def test_every_node_is_a_boolean_answer_with_a_question_and_help(node: Node) -> None:
    assert node.key in ANSWER_KEYS
    assert validator(Answers).model_fields[node.key].annotation is bool
    assert node.question.endswith("?")
    assert node.help.strip()
    assert node.yes.text and node.no.text


@pytest.mark.parametrize(
    ("number", "node", "answer", "outcome"), _outcomes(),
    ids=[f"{n.key}={a}" for _, n, a, _ in _outcomes()],
)
def test_every_outcome_says_what_it_does(
    number: int, node: Node, answer: bool, outcome: Outcome
) -> None:
    later = set(NODE_KEYS[number:])
    if outcome.goes_on:
        assert outcome.effect, "a walked step says why"
        assert outcome.still_matters == ()
        assert number < len(TREE), "the last node must choose"
    else:
        assert outcome.modes and all(m in MODE_LABELS for m in outcome.modes)
        assert outcome.effect or outcome.condition is not None
        assert set(outcome.still_matters) <= later
        assert outcome.filter is None
    if outcome.filter is not None:
        assert outcome.filter.rule in {name for name, _, _ in RULES}
    if outcome.final:
        assert reachable(outcome) == outcome.modes


def test_the_declaration_matches_the_product_brief() -> None:
    assert NODE_KEYS == (
        "data_must_stay_in_vpc", "frontier_required", "cost_dominant",
        "license_must_be_permissive", "has_inference_ops",
    )
    vpc, frontier, cost, license_, ops = TREE
    assert (vpc.yes.mode, vpc.yes.final) == (SELF, True)
    assert frontier.yes.mode is CLOSED and cost.yes.mode is HOSTED
    assert license_.yes.goes_on and license_.yes.filter is not None and license_.no.goes_on
    assert ops.yes.modes == (SELF, HOSTED) and ops.no.mode is HOSTED and ops.terminal
    assert [n.ranks for n in TREE] == [None, None, "picks_cost_dominant", None, None]


def test_questions_follow_the_declaration() -> None:
    nodes = [q for q in QUESTIONS if q.node is not None]
    assert [(q.key, q.text, q.explanation, q.node) for q in nodes] == [
        (n.key, n.question, n.help, i) for i, n in enumerate(TREE, start=1)
    ]
    assert {q.key for q in QUESTIONS} == set(ANSWER_KEYS)


def test_no_docstring_table_or_edge_table_can_drift() -> None:
    for path in (SRC / "engine").glob("*.py"):
        assert "|------" not in path.read_text(), path
    markdown = (SRC / "report" / "markdown.py").read_text()
    assert "_EDGES = (" not in markdown and "NODE_KEYS.index" not in markdown
    for path in SRC.rglob("*.py"):  # what decided is read from the steps, not from a node name
        assert '.node == "' not in path.read_text(), path


# --- the walk follows it -------------------------------------------------------------------


@pytest.mark.parametrize("given", EVERY_NODE_ANSWER, ids=str)
def test_the_walk_visits_the_nodes_in_declaration_order(
    catalog_min: Catalog, given: dict[str, bool]
) -> None:
    answers = Answers(**given)
    walked = walk(answers, catalog_min, apply_filters(answers, catalog_min))
    keys = [step.node for step in walked.path]
    assert keys == sorted(keys, key=NODE_KEYS.index)
    choosing = [step for step in walked.path if step.mode is not None]
    assert len(choosing) == 1 and choosing[0].mode is walked.mode
    first = next(i for i, n in enumerate(TREE) if not n.outcome(given[n.key]).goes_on)
    assert keys[: first + 1] == list(NODE_KEYS[: first + 1])
    assert choosing[0].node == NODE_KEYS[first]
    after = [k for k in keys[first + 1 :]]
    assert all(TREE[NODE_KEYS.index(k)].outcome(given[k]).filter is not None for k in after)
    assert walked.locked is TREE[first].outcome(given[NODE_KEYS[first]]).final


class _SixAnswers(Answers):
    needs_vendor_support: bool = False


_SIXTH = Node(
    key="needs_vendor_support",
    question="Must a vendor carry the support contract?",
    help="A vendor's API is then the only option.",
    yes=Outcome(MODE_LABELS[CLOSED], "a vendor must support it", mode=CLOSED),
    no=Outcome("go on", "no vendor support needed: go on"),
)


def test_a_node_added_to_a_copy_of_the_tree_changes_the_walk(catalog_min: Catalog) -> None:
    tree = (_SIXTH, *TREE)
    for answer, mode in ((True, CLOSED), (False, HOSTED)):
        answers = _SixAnswers(needs_vendor_support=answer)
        walked = walk(answers, catalog_min, apply_filters(answers, catalog_min), tree)
        assert walked.mode is mode
        assert walked.path[0].node == "needs_vendor_support"
    assert "needs_vendor_support" in render_tree_mermaid(tree)
    assert "N6{" in render_tree_mermaid(tree)
    assert skipped({"needs_vendor_support": True}, catalog_min.policy, tree)[0].key == (
        "data_must_stay_in_vpc"
    )


@pytest.mark.parametrize("given", EVERY_NODE_ANSWER[::3], ids=str)
def test_the_report_flowchart_highlights_the_walked_path(
    catalog_min: Catalog, given: dict[str, bool]
) -> None:
    advice = decide(resolve(given, origin="test"), catalog_min, TODAY, sensitivity=False)
    chart = flowchart(advice)
    assert len(chart.nodes) == len(TREE) + len(MODE_LABELS)
    taken = [chart.edges[i] for i in chart.taken_edges if not chart.edges[i].dashed]
    step = advice.deciding_step
    assert step is not None
    assert taken[-1].target.startswith("m_") and taken[-1].source == (
        f"n{NODE_KEYS.index(step.node) + 1}"
    )
    assert all(edge.target.startswith("n") for edge in taken[:-1])


# --- relevance follows the policy ----------------------------------------------------------


def test_node_1_yes_asks_node_3_when_the_policy_ranks_cost_dominant_self_hosting(
    shipped: Catalog,
) -> None:
    assert shipped.policy.picks_cost_dominant.get(SELF)
    known: dict[str, Any] = {"workload": "x", "data_must_stay_in_vpc": True}
    question = next_question(known, shipped.policy)
    assert question is not None and question.key == "cost_dominant"
    assert [s.key for s in skipped(known, shipped.policy)] == ["frontier_required"]
    ranked = {
        cost: decide(resolve({"data_must_stay_in_vpc": True, "cost_dominant": cost},
                             origin="test"), shipped, TODAY, sensitivity=False).primary
        for cost in (True, False)
    }
    assert ranked[True] is not None and ranked[False] is not None
    assert ranked[True].rank_source.startswith("picks_cost_dominant.")
    assert ranked[False].rank_source.startswith("picks.")  # the answer nobody was asked


def test_node_1_yes_still_asks_node_3_because_cost_orders_the_rated_models(
    catalog_min: Catalog,
) -> None:
    # Without a picks_cost_dominant table, "yes" still puts cost first among the models the
    # policy rates (engine/choice.py), so the question can change the advice and is asked.
    assert not catalog_min.policy.picks_cost_dominant.get(SELF)
    known: dict[str, Any] = {"workload": "x", "data_must_stay_in_vpc": True}
    question = next_question(known, catalog_min.policy)
    assert question is not None and question.key == "cost_dominant"
    skips = {s.key: s.reason for s in skipped(known, catalog_min.policy)}
    assert set(skips) == {"frontier_required"}
    assert "node 1 (data_must_stay_in_vpc = yes)" in skips["frontier_required"]
    advice = {
        cost: decide(resolve({**known, "cost_dominant": cost}, origin="test"), catalog_min,
                     TODAY, sensitivity=False)
        for cost in (True, False)
    }
    assert advice[True].choice is not None and advice[True].choice.rule == "cost_ordered"


def test_node_2_yes_asks_node_3(catalog_min: Catalog) -> None:
    known = {"workload": "x", "data_must_stay_in_vpc": False, "frontier_required": True}
    question = next_question(known, catalog_min.policy)
    assert question is not None and question.key == "cost_dominant"
    bare = catalog_min.policy.model_copy(update={"picks_cost_dominant": {}})
    assert not skipped(known, bare)


def _skip_cases() -> list[Any]:
    cases = []
    for catalog_name in ("catalog_min", "shipped"):
        for given in EVERY_NODE_ANSWER:
            cases.append(pytest.param(catalog_name, given, id=f"{catalog_name}-{given}"))
    return cases


@pytest.mark.parametrize(("catalog_name", "given"), _skip_cases())
def test_a_skipped_answer_cannot_change_the_advice(
    catalog_name: str, given: dict[str, bool], request: pytest.FixtureRequest
) -> None:
    catalog: Catalog = request.getfixturevalue(catalog_name)
    advice = decide(resolve(given, origin="test"), catalog, TODAY, sensitivity=False)
    assert advice.skipped == skipped(given, catalog.policy)
    for skip in advice.skipped:
        flipped = {**given, skip.key: not given[skip.key]}
        other = decide(resolve(flipped, origin="test"), catalog, TODAY, sensitivity=False)
        mine, theirs = advice_dict(advice), advice_dict(other)
        for data in (mine, theirs):
            data.pop("answers")
            data.pop("sensitivity")
        assert mine == theirs, skip


def test_skipped_questions_are_in_the_json_and_the_text(modelpick) -> None:  # type: ignore[no-untyped-def]
    import json

    args = ("advise", "--no-input", "--catalog", str(CATALOG_MIN), "--set",
            "data_must_stay_in_vpc=true")
    done = modelpick(*args, "--format", "json")
    assert done.returncode == 0, done.stderr
    skips = json.loads(done.stdout)["skipped"]
    assert [s["key"] for s in skips] == ["frontier_required"]
    text = modelpick(*args).stdout
    assert "frontier_required skipped" in text and "cost_dominant skipped" not in text


# --- one entry point -----------------------------------------------------------------------


def _functions_calling(name: str) -> dict[str, str]:
    """{function name: file} for every function under src/ that calls `name(...)`."""
    out = {}
    for path in SRC.rglob("*.py"):
        for fn in ast.walk(ast.parse(path.read_text())):
            if not isinstance(fn, ast.FunctionDef):
                continue
            for call in ast.walk(fn):
                if isinstance(call, ast.Call):
                    f = call.func
                    called = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
                    if called == name:
                        out[fn.name] = str(path.relative_to(SRC))
    return out


def test_advise_adr_new_adr_check_and_portfolio_all_call_decide() -> None:
    callers = _functions_calling("decide")
    assert {"advise", "adr_new", "evaluate_record", "evaluate"} <= set(callers), callers
    assert not _functions_calling("with_sensitivity")
    # recommend_outcome: a re-run that builds no Advice (it reads the mode and the primary)
    runs = {
        *_functions_calling("recommend").values(),
        *_functions_calling("recommend_outcome").values(),
    }
    assert runs == {
        "engine/decision.py", "engine/sensitivity.py",  # one run, and its re-runs
        "engine/timeline.py",  # one more at the volume the timeline switches at
    }
    assert "with_sensitivity(" not in "".join(p.read_text() for p in SRC.rglob("*.py"))


def test_each_command_reads_the_clock_at_most_once() -> None:
    for path in SRC.rglob("*.py"):
        for fn in ast.walk(ast.parse(path.read_text())):
            if isinstance(fn, ast.FunctionDef):
                reads = [
                    c for c in ast.walk(fn)
                    if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
                    and c.func.attr == "today"
                ]
                assert len(reads) <= 1, f"{path.name}:{fn.name} reads the clock {len(reads)} times"
