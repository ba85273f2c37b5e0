"""Structural checks of rendered Markdown, shared by the report and ADR tests."""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

PARSER = MarkdownIt("commonmark").enable("table")

H2_ORDER = [
    "Context and Problem Statement",
    "Decision Drivers",
    "Considered Options",
    "Decision Outcome",
    "Pros and Cons of the Options",
    "More Information",
]
OUTCOME_H3 = [
    "Costs per provider",
    "Self-hosting sizing",
    "Crossover",
    "Excluded models",
    "Consequences",
    "Risks",
    "Confirmation",
]


RECORD_H3 = ["Consequences", "Confirmation"]
"""A decision record's Decision Outcome subsections (the report has more)."""


def check_record(text: str, *, sensitivity: bool = False) -> list[Token]:
    """The checks every rendered decision record must pass (MADR 4.0's sections, in order)."""
    del sensitivity  # a record folds "what would change it" into More Information
    toks = tokens(text)
    assert not html_tokens(toks), "raw HTML in the record"
    assert len(headings(toks, 1)) == 1
    h2 = [h for h in headings(toks, 2) if h not in ("Status", "Decision data")]
    assert h2 == H2_ORDER, h2
    h3 = headings(toks, 3)
    assert h3[: len(RECORD_H3)] == RECORD_H3, h3
    check_tables(toks, text)
    return toks


def tokens(text: str) -> list[Token]:
    return PARSER.parse(text)


def inline_text(token: Token) -> str:
    """The plain text of an inline token, as a reader sees it."""
    out = []
    for child in token.children or []:
        if child.type in ("text", "text_special", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out)


def headings(toks: list[Token], level: int) -> list[str]:
    out = []
    for i, tok in enumerate(toks):
        if tok.type == "heading_open" and tok.tag == f"h{level}":
            out.append(inline_text(toks[i + 1]))
    return out


def html_tokens(toks: list[Token]) -> list[Token]:
    found = [t for t in toks if t.type in ("html_block", "html_inline")]
    for tok in toks:
        found += [c for c in tok.children or [] if c.type in ("html_block", "html_inline")]
    return found


def tables(toks: list[Token]) -> list[list[list[str]]]:
    """Every table as rows of cell texts (header row first)."""
    out: list[list[list[str]]] = []
    row: list[str] = []
    for i, tok in enumerate(toks):
        if tok.type == "table_open":
            out.append([])
        elif tok.type == "tr_open":
            row = []
        elif tok.type in ("th_open", "td_open"):
            row.append(inline_text(toks[i + 1]))
        elif tok.type == "tr_close":
            out[-1].append(row)
    return out


def raw_table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("|")]


def raw_table_groups(text: str) -> list[list[str]]:
    """Runs of consecutive lines that start with a pipe."""
    groups: list[list[str]] = []
    previous = False
    for line in text.splitlines():
        is_row = line.startswith("|")
        if is_row and not previous:
            groups.append([])
        if is_row:
            groups[-1].append(line)
        previous = is_row
    return groups


def mermaid(toks: list[Token]) -> str:
    """The one Mermaid flowchart (the path through the tree)."""
    fences = [t for t in toks if t.type == "fence" and t.info.strip() == "mermaid"
              and t.content.startswith("flowchart")]
    assert len(fences) == 1, "exactly one mermaid flowchart"
    return fences[0].content


_XY_LINE = re.compile(r"^    line \[(\d+(?:, \d+)*)\]$")


def xycharts(toks: list[Token]) -> list[dict[str, Any]]:
    """Every Mermaid xychart-beta block, parsed strictly: its x labels and its lines."""
    out = []
    for t in toks:
        if t.type != "fence" or t.info.strip() != "mermaid" or t.content.startswith("flowchart"):
            continue
        lines = t.content.rstrip("\n").split("\n")
        assert lines[0] == "xychart-beta", lines[0]
        assert lines[1].startswith('    title "') and lines[1].endswith('"')
        assert lines[2].startswith("    x-axis [") and lines[2].endswith("]")
        labels = re.findall(r'"([^"]*)"', lines[2])
        assert re.match(r'^    y-axis "[^"]+" 0 --> \d+$', lines[3]), lines[3]
        series = []
        for line in lines[4:]:
            m = _XY_LINE.match(line)
            assert m, f"unexpected xychart statement: {line!r}"
            values = [int(v) for v in m.group(1).split(", ")]
            assert len(values) == len(labels)
            series.append(values)
        out.append({"labels": labels, "lines": series})
    return out


_NODE = re.compile(r'^\s+(\w+)(?:\{"[^"]*"\}|\["[^"]*"\])$')
_EDGE = re.compile(r'^\s+(\w+) (-->|-\.->)\|"[^"]*"\| (\w+)$')
_CLASSDEF = re.compile(r"^\s+classDef (\w+) \S+$")
_CLASS = re.compile(r"^\s+class ([\w,]+) (\w+)$")
_LINKSTYLE = re.compile(r"^\s+linkStyle ([\d,]+) \S+$")


def check_mermaid(source: str) -> dict[str, Any]:
    """Parse the flowchart strictly; every statement must be one of the known shapes."""
    lines = source.rstrip("\n").split("\n")
    assert lines[0] == "flowchart TD"
    nodes: list[str] = []
    edges: list[tuple[str, str, str]] = []
    class_defs: set[str] = set()
    classes: dict[str, list[str]] = {}
    link_styles: list[int] = []
    for line in lines[1:]:
        if m := _NODE.match(line):
            assert m.group(1) not in nodes, f"node defined twice: {line}"
            nodes.append(m.group(1))
        elif m := _EDGE.match(line):
            edges.append((m.group(1), m.group(2), m.group(3)))
        elif m := _CLASSDEF.match(line):
            class_defs.add(m.group(1))
        elif m := _CLASS.match(line):
            classes.setdefault(m.group(2), []).extend(m.group(1).split(","))
        elif m := _LINKSTYLE.match(line):
            link_styles.extend(int(i) for i in m.group(1).split(","))
        else:
            raise AssertionError(f"unexpected mermaid statement: {line!r}")
    for source_id, _, target in edges:
        assert source_id in nodes and target in nodes, (source_id, target)
    for class_name, ids in classes.items():
        assert class_name in class_defs
        for node_id in ids:
            assert node_id in nodes, node_id
    for index in link_styles:
        assert 0 <= index < len(edges), index
    return {
        "nodes": nodes,
        "edges": edges,
        "classes": classes,
        "link_styles": link_styles,
    }


def check_report(text: str, *, sensitivity: bool = False) -> list[Token]:
    """The checks every rendered report must pass; returns the tokens for more."""
    toks = tokens(text)
    assert not html_tokens(toks), "raw HTML in the report"
    assert len(headings(toks, 1)) == 1
    expected = list(H2_ORDER)
    if sensitivity:
        expected.insert(expected.index("More Information"), "What would change this decision")
    assert headings(toks, 2) == expected
    h3 = headings(toks, 3)
    assert h3[: len(OUTCOME_H3)] == OUTCOME_H3
    check_tables(toks, text)
    check_mermaid(mermaid(toks))
    return toks


def check_tables(toks: list[Token], text: str) -> None:
    """Every raw table line became a row (none split or swallowed), and rows are rectangular."""
    parsed = tables(toks)
    rows_in_tokens = sum(len(t) for t in parsed)
    raw = raw_table_rows(text)
    separators = [r for r in raw if re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", r)]
    assert rows_in_tokens == len(raw) - len(separators)
    for table in parsed:
        assert len({len(r) for r in table}) == 1
    # markdown-it drops surplus cells silently: count the raw, unescaped pipes too.
    for group in raw_table_groups(text):
        counts = {len(re.findall(r"(?<!\\)\|", line)) for line in group}
        assert len(counts) == 1, group
