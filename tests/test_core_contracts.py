"""Contracts of the core modules that no other test held: found by mutation testing (bench/mutation.py), where a
mutant of the code survived every test. Expected values come from the modules' docstrings and the report schema.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest

import newssift
from newssift.document import Document, Metadata, Span, TextBuilder
from newssift.provenance.registry import lookup_source, normalise_domain
from newssift.provenance.syndication import SHINGLE, containment, shingle_hashes, signature
from newssift.report import Report
from newssift.structure.html import analyze_html
from newssift.structure.text import analyze_text

# --- newssift/document.py ---------------------------------------------------------------------------------------


def test_span_offsets_are_checked_and_its_length_is_its_extent() -> None:
    assert len(Span(3, 10)) == 7 and len(Span(4, 4)) == 0
    for start, end in ((-1, 2), (5, 4)):
        with pytest.raises(ValueError, match="bad span offsets"):
            Span(start, end)
    with pytest.raises(dataclasses.FrozenInstanceError):
        Span(0, 1).start = 2  # type: ignore[misc]


def test_span_text_is_the_slice_and_refuses_a_span_past_the_end() -> None:
    doc = Document("The council voted.", Metadata(title="Vote"))
    assert doc.span_text(Span(4, 11)) == "council"
    assert doc.span_text(Span(0, len(doc.text))) == doc.text  # a span may end exactly at the end
    with pytest.raises(ValueError, match="beyond text of length 18"):
        doc.span_text(Span(10, 19))
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "changed"  # type: ignore[misc]


def test_text_builder_separates_pieces_and_returns_their_spans() -> None:
    b = TextBuilder()
    title = b.add("Title", "title")
    body = b.add("Body text.", "paragraph")
    tail = b.add(" tail", "paragraph", sep="")
    text = b.build()
    assert text == "Title\n\nBody text. tail"
    assert [(s.start, s.end, s.label) for s in (title, body, tail)] == [
        (0, 5, "title"),
        (7, 17, "paragraph"),
        (17, 22, "paragraph"),
    ]
    assert [text[s.start : s.end] for s in (title, body, tail)] == ["Title", "Body text.", " tail"]
    first = TextBuilder().add("Only", sep="\n")  # no separator before the first piece
    assert (first.start, first.end) == (0, 4)


def test_spans_and_documents_have_no_instance_dict() -> None:
    # slots=True: millions of spans on a crawl cost no per-instance dict
    assert not hasattr(Span(0, 1), "__dict__") and not hasattr(Document("x"), "__dict__")


# --- newssift/structure (text) ---------------------------------------------------------------------------------

WRAPPED = (
    "Library hours cut\n\n"
    "The council voted on Tuesday to close the central library on Mondays, a\n"
    "decision that officials say will save the city two hundred thousand pounds\n"
)


def _paragraphs(text: str) -> list[str]:
    return [text[p.start : p.end] for p in analyze_text(text).paragraphs]


def test_hard_wrapped_lines_are_one_paragraph_unless_the_last_line_runs_past_the_width() -> None:
    """text.py: lines filled to about one width are one paragraph; its last line may be shorter, not much longer."""
    short_end = WRAPPED + "a year, the council said.\n"
    assert _paragraphs(short_end) == [short_end[short_end.index("The council") :].rstrip("\n")]
    long_end = WRAPPED + (
        "a year. The library will open five days a week from May, and its staff will move to other branches in "
        "the city, the council said on Tuesday evening in a statement.\n"
    )
    assert len(_paragraphs(long_end)) == 3


def test_numbered_comments_after_a_disclaimer_deep_in_the_page() -> None:
    text = (
        "Library hours cut\n\nThe council voted on Tuesday to close the central library on Mondays.\n\n"
        "The closure starts in May.\n\n"
        "Opinions expressed in reader comments are those of their authors and do not necessarily reflect the views "
        "of the Northgate Herald.\n\n"
        "1. This is a disgrace.\n\n2. About time, it was always empty.\n"
    )
    st = analyze_text(text)
    assert [(c.id, c.parent, text[c.span.start : c.span.end]) for c in st.comments] == [
        ("1", None, "This is a disgrace."),
        ("2", None, "About time, it was always empty."),
    ]
    assert len(st.paragraphs) == 2


def test_unnumbered_replies_follow_their_indentation_back_out() -> None:
    text = (
        "Library hours cut\n\nThe council voted on Tuesday to close the central library on Mondays.\n\n3 Comments\n\n"
        "Anna K. says:\nThis is a disgrace.\n\n"
        "    Tom R. says:\n    I disagree, it was empty.\n\n"
        "        Anna K. says:\n        It was full on Saturdays.\n\n"
        "    Lee P. says:\n    Agreed with Anna.\n\n"
        "Mark S. says:\nNew thread here.\n"
    )
    threads = [(c.id, c.parent, c.depth, c.author) for c in analyze_text(text).comments]
    assert threads == [
        ("c1", None, 0, "Anna K."),
        ("c2", "c1", 1, "Tom R."),
        ("c3", "c2", 2, "Anna K."),
        ("c4", "c1", 1, "Lee P."),  # back out two levels: a reply to the first comment, beside Tom's
        ("c5", None, 0, "Mark S."),
    ]


# --- newssift/structure (HTML) ---------------------------------------------------------------------------------

ARTICLE = "".join(
    f"<p>The council voted on Tuesday to close the central library on Mondays, paragraph {i} of the story, which "
    "goes on long enough to be read as article text.</p>"
    for i in range(4)
)


def test_comments_in_the_articles_own_container_leave_the_article_whole() -> None:
    html = (
        "<html><body><div class='post'><h1>Library hours cut</h1>" + ARTICLE + "<div class='comment' id='comment-11'>"
        "<span class='comment-author'>Anna K.</span><p>This is a disgrace, the library was always full.</p></div>"
        "<div class='comment' id='comment-12'><span class='comment-author'>Tom R.</span><p>About time, it was "
        "always empty on Mondays.</p></div></div></body></html>"
    )
    doc, st = analyze_html(html)
    assert len(st.paragraphs) == 4 and all("paragraph" in doc.text[p.start : p.end] for p in st.paragraphs)
    assert [(c.id, c.author) for c in st.comments] == [("comment-11", "Anna K."), ("comment-12", "Tom R.")]


def test_blogger_comments_keep_the_ids_the_page_gives_them() -> None:
    html = (
        "<html><body><div class='post'><h1>Library hours cut</h1>" + ARTICLE + "</div>"
        "<div id='comments'><h4>2 comments:</h4><dl id='comments-block'>"
        "<dt class='comment-author' id='c1234'>Anna K. said...</dt><dd class='comment-body'><p>This is a disgrace, "
        "the library was always full.</p></dd><dt class='comment-author' id='c5678'>Tom R. said...</dt>"
        "<dd class='comment-body'><p>About time, it was always empty on Mondays.</p></dd></dl></div></body></html>"
    )
    doc, st = analyze_html(html)
    assert [c.id for c in st.comments] == ["comment-1234", "comment-5678"]
    assert "always full" in doc.text[st.comments[0].span.start : st.comments[0].span.end]


# --- newssift/provenance ---------------------------------------------------------------------------------------


def test_a_domain_is_looked_up_through_its_subdomains_and_normalised() -> None:
    assert lookup_source("live.news.bbc.co.uk").domain == "bbc.co.uk"  # three labels above the registered domain
    for given in (
        "https://www.Example.com?utm=1",
        "example.com#top",
        "http://user@example.com:8080/a/b",
        "EXAMPLE.com.",
    ):
        assert normalise_domain(given) == "example.com", given


def test_shingles_are_ordered_k_word_windows() -> None:
    words = [f"word{i}" for i in range(12)]
    changed = [*words[:6], "other", *words[7:]]  # position 6 replaced
    a, b = set(shingle_hashes(" ".join(words))), set(shingle_hashes(" ".join(changed)))
    windows = range(len(words) - SHINGLE + 1)
    assert len(a) == len(windows)
    # the windows that do not hold position 6 are shared, those that do are not
    assert len(a & b) == sum(1 for i in windows if not i <= 6 < i + SHINGLE)
    reversed_text = " ".join(reversed(words))  # the same words in another order share no window
    assert containment(signature(" ".join(words)), signature(reversed_text)) < 0.2
    short = "breaking news tonight"  # fewer words than a shingle: one hash, and a copy of it is contained
    assert len(shingle_hashes(short)) == 1 and containment(signature(short), signature(short)) == 1.0


# --- newssift/report.py and newssift/pipeline.py -----------------------------------------------------------------

PAGE = (
    "Library hours cut\n\nThe council voted on Tuesday to close the central library on Mondays, the mayor said.\n\n"
    "2 Comments\n\nAnna K. says:\nYou are a pathetic idiot.\n\nTom R. says:\nGood news for the budget.\n"
)


@pytest.fixture(scope="module")
def page_report() -> dict[str, Any]:
    return newssift.analyze(PAGE).model_dump(mode="json", by_alias=True)  # type: ignore[no-any-return]


def _refused(data: dict[str, Any], needle: str) -> None:
    with pytest.raises(ValueError, match=needle):
        Report.model_validate(data)


def test_report_refuses_spans_that_do_not_index_the_text(page_report: dict[str, Any]) -> None:
    Report.model_validate(page_report)
    data = copy.deepcopy(page_report)
    data["boilerplate"].append({"start": 10, "end": 5, "text": "", "kind": "slogan"})  # end before start
    _refused(data, "does not match document.text")
    data = copy.deepcopy(page_report)
    cue = data["quotes"][0]["cue"]
    cue["text"] = cue["text"].upper()  # a quote's cue that is not the text at its offsets
    _refused(data, "does not match document.text")


def test_report_checks_provenance_evidence_and_moderation_spans(page_report: dict[str, Any]) -> None:
    data = copy.deepcopy(page_report)
    outlet = {"name": "Library Times", "domain": "library.example", "how": ["title"]}
    data["provenance"] = {"publisher": outlet | {"evidence": [{"start": 0, "end": 7}]}, "credited": []}
    Report.model_validate(data)  # evidence may start at the first character
    data["provenance"]["publisher"]["evidence"] = [{"start": 0, "end": len(PAGE) + 1}]
    _refused(data, "lies outside document.text")

    data = copy.deepcopy(page_report)
    insult = next(c for c in data["comments"] if "idiot" in c["text"])
    label = next(lab for lab in insult["moderation"]["labels"] if lab["spans"])
    label["spans"] = [{"start": insult["start"], "end": insult["end"]}]
    Report.model_validate(data)  # the whole comment is inside it
    label["spans"] = [{"start": insult["start"], "end": insult["end"] + 1}]
    _refused(data, "lies outside comment")


def test_every_comment_is_moderated_unless_asked_not_to_be() -> None:
    assert [c.moderation is not None for c in newssift.analyze(PAGE).comments] == [True, True]
    assert [c.moderation for c in newssift.analyze(PAGE, moderate=False).comments] == [None, None]


def test_an_html_article_is_read_as_html() -> None:
    html = f"<html><head><title>Library hours cut</title></head><body><article>{ARTICLE}</article></body></html>"
    r = newssift.analyze(html, moderate=False, claims=False, techniques=False)
    assert r.document.source_type == "html" and len(r.article.paragraphs) == 4
    assert not any("no article found" in w for w in r.warnings)
    assert newssift.analyze(PAGE, moderate=False, claims=False, techniques=False).document.source_type == "text"
