"""The HTML renderer: highlights that overlap without breaking markup, page text escaped, links only http(s)."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from newssift.cli import app
from newssift.render.html import Mark, highlight, render_html, safe_link
from newssift.report import Report

from .conftest import EXAMPLES


def test_overlapping_marks_are_flattened_and_escaped() -> None:
    text = "He said <b>hello</b> & left."
    base = 100
    marks = [
        Mark(103, 115, ("quote", "spk-0"), 'who "x"'),
        Mark(108, 125, ("claim",), "claim"),
        Mark(90, 99, ("when",)),  # outside the text: ignored
    ]
    html = str(highlight(text, base, marks))
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
    assert html.count("<span") == html.count("</span>") == 3  # quote only, quote+claim, claim only
    assert '<span class="quote spk-0 claim" title="who &#34;x&#34; · claim">' in html
    assert re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == text


def test_badge_follows_the_end_of_its_mark() -> None:
    from markupsafe import Markup

    html = str(highlight("One two three.", 0, [Mark(4, 7, ("claim",), "", Markup("<a class=badge>B</a>"))]))
    assert html == 'One <span class="claim" title="">two</span><a class=badge>B</a> three.'


def test_safe_link_keeps_only_http() -> None:
    assert safe_link("https://example.org/a") == "https://example.org/a"
    assert safe_link("javascript:alert(1)") is None
    assert safe_link("data:text/html,<script>") is None
    assert safe_link(None) is None


def test_cli_html_report_is_standalone(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = CliRunner().invoke(
        app, ["analyze", str(EXAMPLES / "harbour-bridge-closure.html"), "--format", "html", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and 'http-equiv="Content-Security-Policy"' in page
    assert page.count('class="comment ') == 4
    assert "<link" not in page  # the stylesheet is inlined: the file opens anywhere, offline


def test_every_comment_and_paragraph_is_rendered(example_text: str) -> None:
    import newssift

    r: Report = newssift.analyze(example_text)
    page = render_html(r)
    plain = re.sub(r"<[^>]+>", "", page)
    for c in r.comments:
        assert f'data-comment="{c.id}"' in page
    for p in r.article.paragraphs:
        words = p.text.split()[:6]
        assert re.search(r"\s+".join(map(re.escape, words)), plain.replace("&#39;", "'").replace("&#34;", '"'))
