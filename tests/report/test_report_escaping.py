"""Hostile workload names and titles cannot break the Markdown, the front matter or the path."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from markdown_checks import (
    PARSER,
    check_record,
    check_report,
    headings,
    html_tokens,
    inline_text,
    tables,
    tokens,
)
from modelpick.catalog.loader import load_catalog
from modelpick.engine.portfolio import evaluate
from modelpick.errors import InputError
from modelpick.inputs.portfolio import parse_portfolio
from modelpick.records.format import parse_record, render_record, slugify
from modelpick.report.escape import md_code, md_escape, mermaid_text
from modelpick.report.markdown import render_report
from modelpick.report.portfolio_markdown import render_portfolio_markdown
from modelpick.yamlfile import load_yaml_text

HOSTILE = [
    "../../etc/passwd",
    "# heading",
    "---",
    "a: b",
    "`backticks` and ``more``",
    "<script>alert(1)</script>",
    "line one\n# line two\n---\nline three",
    "| a | b |",
    "* star\n- dash\n+ plus",
    "1. one",
    "2) two",
    "[link](javascript:alert(1)) ![img](x.png)",
    "&lt;b&gt; &amp;",
    "<!-- comment -->",
    "```\ncode\n```",
    "~~~ tilde",
    "=====",
    "    indented code",
    "trailing backslash \\",
    "'quotes' \"double\" {braces} %percent @at !bang",
    "key: [1, 2]\nother: {a: b}",
    "..",
    "\u2028line separator\u2029paragraph",
    "tab\tand\rreturn",
]


def _fold(text: str) -> str:
    """What escaping keeps of text: controls and line breaks become spaces, runs fold to one."""
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text
    )
    return re.sub(r"\s+", " ", text)


def _normal(text: str) -> str:
    """How one line of Markdown shows the escaped text: folded, ends trimmed."""
    return _fold(text).strip(" ")


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_reads_back_as_itself(text: str) -> None:
    toks = PARSER.parse(md_escape(text))
    assert [t.type for t in toks] == ["paragraph_open", "inline", "paragraph_close"]
    assert {c.type for c in toks[1].children or []} <= {"text", "text_special"}
    assert inline_text(toks[1]) == _normal(text)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=80))
def test_any_text_escapes_to_plain_text(text: str) -> None:
    if not _normal(text):
        return
    for frame in ("{}", "x {} y", "| {} |\n|---|\n| {} |"):
        toks = PARSER.parse(frame.replace("{}", md_escape(text)))
        inline = [t for t in toks if t.type == "inline"]
        assert all(
            c.type in ("text", "text_special", "softbreak")
            for t in inline
            for c in t.children or []
        )
        assert "".join(t.type for t in toks).count("paragraph_open") <= 1
        if frame == "x {} y":
            assert inline_text(inline[0]) == f"x {_fold(text)} y"
        if frame.startswith("|"):
            assert tables(toks)[0] == [[_normal(text)], [_normal(text)]]


@pytest.mark.parametrize("text", ["plain", "a`b", "``x``", "`", "a | b"])
def test_code_spans_hold_any_backticks(text: str) -> None:
    toks = PARSER.parse(md_code(text))
    codes = [c for c in toks[1].children or [] if c.type == "code_inline"]
    assert len(codes) == 1 and codes[0].content == text


def _workload(advise_on: Any, text: str, **answers: Any) -> tuple[Any, Any, Any] | None:
    """The advice for a hostile workload, or None when the answers refuse it (controls)."""
    try:
        return advise_on({"workload": text, **answers})  # type: ignore[no-any-return]
    except InputError:
        assert any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text)
        return None


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_workload_keeps_the_report_whole(advise_on: Any, text: str) -> None:
    result = _workload(advise_on, text, cost_dominant=True, task="rag")
    if result is None:  # refused as an answer; it can still arrive as a title
        advice, _, _ = advise_on({"cost_dominant": True, "task": "rag"})
        toks = check_report(render_report(advice, title=text))
        assert headings(toks, 1) == [_normal(text)]
        return
    advice, _, _ = result
    toks = check_report(render_report(advice))
    assert headings(toks, 1) == [_normal(f"{text}: Mistral Small 3.2 as hosted open-weight API")]
    answers = next(t for t in tables(toks) if t[0][0] == "answer")
    assert answers[1] == ["workload", _normal(text), "given"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_title_and_workload_keep_the_record_whole(advise_on: Any, text: str) -> None:
    result = _workload(advise_on, text, task="rag")
    advice, _, resolved = result or advise_on({"workload": "plain", "task": "rag"})
    record = render_record(
        advice, title=text, status="accepted", date=dt.date(2026, 11, 15)
    )
    assert record.startswith("---\n")
    front, _, body = record[4:].partition("\n---\n")
    meta = yaml.safe_load(front)
    assert meta["status"] == "accepted"
    assert meta["modelpick"]["answers"]["workload"] == resolved.answers.workload  # exactly
    parsed = parse_record(record, "x.md")
    # A YAML 1.1 reader (other ADR tools) and modelpick's 1.2 core schema agree, but on the
    # date: 1.1 makes it a date, 1.2 keeps the text.
    assert parsed.meta == {k: str(v) if isinstance(v, dt.date) else v for k, v in meta.items()}
    assert headings(check_record(body), 1) == [_normal(text)]


@pytest.mark.parametrize("text", [*HOSTILE, "", "   ", "////", "Ünïcödé — title", "a" * 300])
def test_slugs_are_safe_file_names(text: str) -> None:
    slug = slugify(text)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert len(slug) <= 60 and ".." not in slug and "/" not in slug


def test_slug_examples() -> None:
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("Use Qwen3 as hosted open-weight API") == "use-qwen3-as-hosted-open-weight-api"
    assert slugify("") == "decision"
    assert slugify("Ünïcödé") == "unicode"


def test_no_raw_html_anywhere_in_a_hostile_report(advise_on: Any) -> None:
    advice, _, _ = advise_on({"workload": "<img src=x onerror=alert(1)>", "task": "rag"})
    html = PARSER.render(render_report(advice, title="<b>bold</b>"))
    assert "<img" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert tokens(render_report(advice))


# --- one escaping for every Markdown output -------------------------------------------------


def _accepted_names() -> list[str]:
    """The hostile strings the answers accept as a workload name (controls are refused)."""
    names = [t for t in HOSTILE if not any(unicodedata.category(ch) == "Cc" for ch in t)]
    return [t for t in names if _normal(t)]


def _mermaid_reads(label: str) -> str:
    """What Mermaid shows for a quoted label: its entities decoded."""
    for entity, ch in (("#quot;", '"'), ("#124;", "|"), ("#96;", "`"), ("&lt;", "<"),
                       ("&gt;", ">"), ("&amp;", "&"), ("#35;", "#")):
        label = label.replace(entity, ch)
    return label


@pytest.fixture(scope="module")
def hostile_portfolio() -> tuple[str, Any]:
    names = _accepted_names()
    text = yaml.safe_dump(
        {"workloads": [{"workload": n, "cost_dominant": True, "task": "rag"} for n in names]}
    )
    parsed = parse_portfolio(load_yaml_text(text, "estate.yaml"))
    assert not parsed.errors
    catalog = load_catalog(Path(__file__).parent.parent / "fixtures" / "catalog_min")
    result = evaluate(parsed, catalog, today=dt.date(2026, 11, 15), sensitivity=True)
    return render_portfolio_markdown(result), result


@pytest.mark.parametrize("text", _accepted_names())
def test_every_markdown_output_escapes_a_name_the_same(
    advise_on: Any, hostile_portfolio: tuple[str, Any], text: str
) -> None:
    advice, _, resolved = advise_on({"workload": text, "cost_dominant": True, "task": "rag"})
    escaped = md_escape(resolved.answers.workload)  # the answers trim the name's ends
    report = render_report(advice)
    record = render_record(
        advice, title=text, status="accepted", date=dt.date(2026, 11, 15)
    )
    portfolio, result = hostile_portfolio
    index = [r.workload for r in result.routes].index(text)
    # the same escaped text in a table cell of each output
    row = f"| `workload` | {escaped} | given |"
    assert row in report.splitlines()
    assert f'for the workload "{escaped}"?' in record
    assert any(line.startswith(f"| {md_escape(text)} | ") for line in portfolio.splitlines())
    # ... in a heading (the report and record titles) and a list item (the portfolio's)
    assert f"# {md_escape(text)}" in record.splitlines()
    assert report.startswith(f"# {escaped}: ")
    assert f"- **{md_escape(text)}**: " in portfolio
    # ... and it reads back as itself in each
    for toks in (check_report(report), tokens(portfolio)):
        cells = [row for table in tables(toks) for row in table]
        assert any(_normal(text) in row for row in cells)
        assert not html_tokens(toks)
    assert not html_tokens(check_record(record.split("\n---\n", 1)[1]))
    # a Mermaid label: one line, nothing that ends the label or the edge, decodes to the text
    label = mermaid_text(text)
    assert f'        w{index}["{label}"]' in portfolio.splitlines()
    assert not set(label) & set('"|<>`\n')
    assert _mermaid_reads(label) == _fold(text)


def test_portfolio_mermaid_block_stays_whole(hostile_portfolio: tuple[str, Any]) -> None:
    portfolio, result = hostile_portfolio
    toks = tokens(portfolio)
    fences = [t for t in toks if t.type == "fence"]
    assert [t.info for t in fences] == ["mermaid"]
    lines = fences[0].content.splitlines()
    assert lines[0] == "flowchart LR"
    assert sum(1 for line in lines if line.lstrip().startswith("w") and '["' in line) == len(
        result.routes
    )


def test_links_are_escaped_once_for_every_markdown_output() -> None:
    from modelpick.report.escape import md_link, md_link_target

    assert md_link("0002", "0002-use-x.md") == "[0002](0002-use-x.md)"
    assert md_link("a]b", "x y(z).md") == "[a\\]b](x%20y%28z%29.md)"
    assert md_link_target("line\nbreak") == "line%20break"
