"""Must-show 1 of the page-structure issue, on the canonical example in ../shared/examples."""

from __future__ import annotations

import newssift
from tests.helpers import line_roles


def test_byline_credits_russia_today(example_text: str) -> None:
    r = newssift.analyze(example_text)
    assert r.document.byline == "By Russia Today"
    assert r.article.byline is not None and r.article.byline.text == "By Russia Today"
    assert r.article.title is None  # the copied page has no title line


def test_article_paragraphs(example_text: str) -> None:
    r = newssift.analyze(example_text)
    paras = r.article.paragraphs
    assert paras[0].text.startswith("The US and its allies")
    assert paras[-1].text.endswith("completely unprovoked.")
    # the file holds 10 blank-line-separated paragraphs between the byline and the slogan
    assert len(paras) == 10
    assert all(p.kind == "paragraph" for p in paras)


def test_boilerplate(example_text: str) -> None:
    r = newssift.analyze(example_text)
    kinds = {b.kind: b.text for b in r.boilerplate}
    texts = [b.text for b in r.boilerplate]
    assert "We See The World From All Sides and Want YOU To Be Fully Informed" in texts
    assert kinds["slogan"].startswith("We See The World")
    assert any("seek corroboration from other non-VT sources" in t for t in texts)
    assert "About VT - Policies & Disclosures - Comment Policy" in texts
    assert kinds["policy_links"] == "About VT - Policies & Disclosures - Comment Policy"
    assert any(t.startswith("Due to the nature of uncensored content") for t in texts)
    assert kinds["comments_closed"] == "Comments are closed."
    assert [b.kind for b in r.boilerplate].count("disclaimer") == 2


def test_comments_and_thread(example_text: str) -> None:
    r = newssift.analyze(example_text)
    assert len(r.comments) == 4
    c1, c2, c3, c4 = r.comments
    assert [c.parent for c in r.comments] == [None, None, None, c3.id]
    assert c4.depth == 1
    assert c1.text.startswith("Wouldn’t it be more direct")
    assert c1.text.endswith("from Brest to Vladivostok.")
    assert c2.text.startswith("The Russia/Ukraine conflict")
    assert c3.text.startswith("I have written this on VT a few times.")
    assert c3.text.endswith("Its not Ukraine.")
    assert c4.text.startswith("From a US perspective")
    assert c4.text.endswith("heart and soul of the Republican Party.")
    # comment numbers and the reply bullet are markers, not comment text
    for c, marker in zip(r.comments, ["1.", "2.", "3.", "•"], strict=True):
        assert not c.text.lstrip().startswith(marker)
        assert c.marker is not None
        assert r.document.text[c.marker.start : c.marker.end] == marker


def test_no_line_lost(example_text: str) -> None:
    r = newssift.analyze(example_text)
    assert r.document.text == example_text  # plain text is kept unchanged
    lines = line_roles(r)
    assert len(lines) == sum(1 for ln in example_text.split("\n") if ln.strip())
    for line, roles in lines:
        assert len(roles) == 1 and "<none>" not in roles, (line[:60], roles)


def test_spans_index_document_text(example_text: str) -> None:
    r = newssift.analyze(example_text)
    t = r.document.text
    for p in r.article.paragraphs:
        assert t[p.start : p.end] == p.text
    for b in r.boilerplate:
        assert t[b.start : b.end] == b.text
    for c in r.comments:
        assert t[c.start : c.end] == c.text
