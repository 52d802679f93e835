"""HTML pages: the shipped example and comment markup of several CMSs, written for these tests."""

from __future__ import annotations

import newssift
from newssift.report import Report
from tests.conftest import EXAMPLES
from tests.helpers import assert_linear, cpu_seconds

ARTICLE = "".join(
    f"<p>{s}</p>\n"
    for s in [
        "The regional parliament approved a new budget on Tuesday after three days of debate, with the governing "
        "coalition and two independents voting in favour and the opposition abstaining.",
        "The budget raises spending on hospitals by six per cent and freezes public-sector hiring, measures the "
        "finance minister said were needed to keep the deficit under the limit agreed with the central government.",
        "Opposition leaders criticised the hiring freeze, saying schools in rural districts were already short of "
        "teachers and that the plan would make recruitment harder in the coming year.",
        "The budget takes effect on the first of January and will be reviewed by the audit office in the spring, "
        "as in previous years, before the supplementary estimates are presented to the chamber.",
    ]
)


def page(body_extra: str, *, article_extra: str = "") -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Parliament passes budget | Test Gazette</title>
<meta property="og:site_name" content="Test Gazette"></head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a></nav>
<article><h1>Parliament passes budget</h1><div class="entry-content">{ARTICLE}{article_extra}</div></article>
{body_extra}
<footer><a href="/about">About us</a> | <a href="/privacy">Privacy</a></footer></body></html>"""


def _thread(r: Report) -> list[tuple[str, str | None]]:
    return [(c.text, c.parent) for c in r.comments]


def test_shipped_example_nested_wordpress_thread() -> None:
    r = newssift.analyze(EXAMPLES / "harbour-bridge-closure.html")
    assert r.document.title == "Harbour bridge to close for six weeks of repairs"
    assert r.document.site_name == "The Lakeside Courier"
    assert r.document.date == "2025-03-14"
    assert r.document.byline == "Maren Oduya"
    assert r.article.paragraphs[0].text.startswith("The harbour bridge will close")
    assert any(p.kind == "heading" and p.text == "Traders worried about footfall" for p in r.article.paragraphs)
    assert not any("Editor's note" in p.text for p in r.article.paragraphs)
    assert any(b.kind == "disclaimer" and b.text.startswith("Editor's note") for b in r.boilerplate)
    assert any(b.kind == "share_prompt" for b in r.boilerplate)
    by_id = {c.id: c for c in r.comments}
    assert [c.id for c in r.comments] == ["comment-101", "comment-102", "comment-104", "comment-103"]
    assert by_id["comment-102"].parent == "comment-101"
    assert by_id["comment-104"].parent == "comment-102" and by_id["comment-104"].depth == 2
    assert by_id["comment-103"].parent is None
    assert by_id["comment-101"].author == "Pedro Alves"
    assert by_id["comment-101"].date == "14 March 2025 at 09:12"
    assert by_id["comment-101"].text == (
        "Six weeks in spring is a long time for the ferry alone. Will the ferry take bicycles?"
    )
    # the reply form, "Reply" links and the comment header are not comment text
    assert not any("Reply" in c.text or "says:" in c.text for c in r.comments)
    t = r.document.text
    for c in r.comments:
        assert c.header is not None and c.author in t[c.header.start : c.header.end]


def test_disqus_static_markup() -> None:
    html = page(
        """<div id="disqus_thread"><div id="dsq-content"><ul id="dsq-comments">
<li class="comment" id="dsq-comment-5001"><div class="dsq-comment-header"><cite>river_fox</cite></div>
  <div class="dsq-comment-body"><div class="dsq-comment-message"><p>The hiring freeze will hit rural schools hardest.</p></div></div>
  <ul class="children"><li class="comment" id="dsq-comment-5002"><div class="dsq-comment-header"><cite>elm</cite></div>
    <div class="dsq-comment-body"><div class="dsq-comment-message"><p>Rural schools were exempted in the final text.</p></div></div></li></ul>
</li>
<li class="comment" id="dsq-comment-5003"><div class="dsq-comment-header"><cite>kestrel</cite></div>
  <div class="dsq-comment-body"><div class="dsq-comment-message"><p>Six per cent barely covers inflation.</p></div></div></li>
</ul></div></div>"""
    )
    r = newssift.analyze(html)
    assert _thread(r) == [
        ("The hiring freeze will hit rural schools hardest.", None),
        ("Rural schools were exempted in the final text.", "comment-5001"),
        ("Six per cent barely covers inflation.", None),
    ]
    assert [c.author for c in r.comments] == ["river_fox", "elm", "kestrel"]
    assert len(r.article.paragraphs) == 4  # the h1 is the title; no comment text in the article
    assert not any("inflation" in p.text for p in r.article.paragraphs)


def test_blogger_definition_list_markup() -> None:
    html = page(
        """<div id="comments"><h4>2 comments:</h4><dl id="comments-block">
<dt class="comment-author" id="c7001">Anna said...</dt><dd class="comment-body"><p>Good summary, thanks.</p></dd>
<dd class="comment-footer"><span class="comment-timestamp">12 March 2024 at 10:02</span></dd>
<dt class="comment-author" id="c7002">Ben said...</dt><dd class="comment-body"><p>What about the transport budget?</p></dd>
<dd class="comment-footer"><span class="comment-timestamp">12 March 2024 at 11:40</span></dd>
</dl></div>"""
    )
    r = newssift.analyze(html)
    texts = [c.text for c in r.comments]
    assert len(r.comments) == 2
    assert any("Good summary, thanks." in t for t in texts)
    assert any("What about the transport budget?" in t for t in texts)
    assert all(c.parent is None for c in r.comments)


def test_flat_anchor_delimited_comments() -> None:
    # old Typepad: comments are runs of paragraphs after <a id="cNNN">, no element per comment
    html = page(
        """<div class="comments"><h2><a id="comments"></a>Comments</h2>
<a id="c64426688"></a><p>Thank you for covering this.</p><p>The freeze is a mistake.</p>
<p class="posted">Posted by: Andrew | Mar 26, 2024 2:00:18 PM</p>
<a id="c64426804"></a><p>Hospitals needed the money more than anyone.</p>
<p class="posted">Posted by: Carla | Mar 26, 2024 3:10:00 PM</p>
<h2>Post a comment</h2><form id="comment-form"><textarea></textarea></form></div>"""
    )
    r = newssift.analyze(html)
    assert len(r.comments) == 2
    assert "The freeze is a mistake." in r.comments[0].text
    assert "Hospitals needed the money" in r.comments[1].text
    assert not any("freeze is a mistake" in p.text for p in r.article.paragraphs)


def test_comment_words_in_class_names_are_not_comments() -> None:
    html = page(
        "",
        article_extra='<div class="comment-count"><a href="#respond">5 comments</a></div>'
        '<p class="editorial-comment">Comment: this is the paper\'s view on the vote.</p>',
    )
    r = newssift.analyze(html)
    assert r.comments == []


def test_comments_closed_and_related_lines_are_boilerplate() -> None:
    html = page(
        "",
        article_extra="<p>Related: Budget debate day two</p><p>Comments are closed.</p>",
    )
    r = newssift.analyze(html)
    kinds = {b.kind for b in r.boilerplate}
    assert {"related_links", "comments_closed"} <= kinds
    assert r.article.paragraphs[-1].text.startswith("The budget takes effect")


def test_fragment_is_read() -> None:
    r = newssift.analyze("<div><p>Short note.</p><p>Second line of the note.</p></div>")
    assert r.document.source_type == "html"
    assert [p.text for p in r.article.paragraphs] == ["Short note.", "Second line of the note."]


def test_markup_with_no_text_says_so() -> None:
    r = newssift.analyze("<html><head><title></title></head><body><div><img src='x.png'></div></body></html>")
    assert r.article.paragraphs == [] and r.comments == []
    assert r.warnings == ["the page has no visible text"]


def test_byline_from_markup_when_metadata_has_none() -> None:
    html = page("").replace(
        "<h1>Parliament passes budget</h1>", '<h1>Parliament passes budget</h1><p class="byline">By Jane Roe</p>'
    )
    assert newssift.analyze(html).document.byline == "Jane Roe"


def _deep(depth: int, *, closed: bool = False) -> str:
    """The test page with ``depth`` ``<font>`` tags opened before the article: nested (``closed=False``, as a
    page that never closes them) or each closed at once (a shallow page of the same markup and text)."""
    fonts = "<font></font>" * depth if closed else "<font>" * depth
    return page("").replace("<body>", "<body>" + fonts, 1)


def test_deep_nesting_keeps_the_article() -> None:
    # libxml2 stops at 256 levels: 300 unclosed tags once left a tree with no article, and a "no visible text"
    # warning; the page is now parsed again with the deep levels flattened
    r = newssift.analyze(_deep(300), moderate=False)
    plain = newssift.analyze(page(""), moderate=False)
    assert r.article.paragraphs[0].text.startswith("The regional parliament approved a new budget")
    assert [p.text for p in r.article.paragraphs] == [p.text for p in plain.article.paragraphs]
    assert "the page has no visible text" not in r.warnings and r.warnings == plain.warnings
    assert r.document.title == plain.document.title and r.claims == plain.claims


def test_very_deep_nesting_is_read_in_time_linear_in_the_markup() -> None:
    from newssift.structure.html_tree import MAX_DEPTH, parse_html

    # a tree as deep as the page would blow every recursive walk: it is flattened past MAX_DEPTH
    tree = parse_html(_deep(100_000))
    assert tree is not None
    assert max(sum(1 for _ in el.iterancestors()) for el in tree.iter("p")) <= MAX_DEPTH + 1

    found: dict[bool, Report] = {}

    def run(closed: bool) -> None:
        found[closed] = newssift.analyze(_deep(100_000, closed=closed), moderate=False, claims=False, techniques=False)

    run(True)  # warm: the registry and parsers are loaded once
    shallow_s = cpu_seconds(lambda: run(True), repeats=1)
    deep_s = cpu_seconds(lambda: run(False), repeats=1)
    deep, shallow = found[False], found[True]
    assert deep.article.paragraphs and deep.article.paragraphs[0].text.startswith("The regional parliament")
    assert [p.text for p in deep.article.paragraphs] == [p.text for p in shallow.article.paragraphs]
    assert "the page has no visible text" not in deep.warnings
    # the same markup and text, nested or not: the depth costs a constant factor at most (a ratio of CPU times,
    # measured 1.2x; a walk of every element's ancestors would make it hundreds)
    assert deep_s <= 3 * shallow_s, (deep_s, shallow_s)


def test_deep_page_with_many_entities_stays_linear() -> None:
    """Text of a deep page arrives in one piece per entity: 4x the entities costs at most 6x the time (each piece
    appended to the element's text made it quadratic: 80,000 '&amp;' took 31 s; found on review)."""
    from newssift.structure.html_tree import parse_deep

    def run(n: int) -> None:
        root = parse_deep("<html><body>" + "<font>" * 260 + "<p>" + "x&amp;" * n + "</p></body></html>")
        assert root is not None and "".join(root.itertext()).count("x&") == n

    assert_linear(run, 20_000, bound=6.0)
