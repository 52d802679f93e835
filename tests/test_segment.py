"""One segmentation (issue 34): the package's one sentence splitter, and every stage reading its sentences."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import newssift
from newssift.moderation.stage import _sentences
from newssift.perspective import span_pieces
from newssift.segment import MAX_SENTENCE_CHARS, Segmentation, split_sentences, words
from newssift.stages import Analysis, BaseStage, register_stage, unregister_stage
from tests.helpers import assert_linear

PACKAGE = Path(newssift.__file__).parent


def texts(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_abbreviations_initials_and_acronyms_end_no_sentence() -> None:
    text = "Mr. Trump met Sen. Warren in the U.S. Senate on Jan. 5. John F. Kennedy spoke. Then he left."
    assert texts(text) == [
        "Mr. Trump met Sen. Warren in the U.S. Senate on Jan. 5.",
        "John F. Kennedy spoke.",
        "Then he left.",
    ]


def test_full_stops_inside_a_quotation_end_no_sentence() -> None:
    assert texts('He said "This is bad. We act," and left. Next.') == [
        'He said "This is bad. We act," and left.',
        "Next.",
    ]
    assert texts("A book, ‘Moscow. Kremlin. Putin.’ came out. It sold.") == [
        "A book, ‘Moscow. Kremlin. Putin.’ came out.",
        "It sold.",
    ]


def test_line_breaks_end_sentences_and_spans_are_stripped() -> None:
    text = "  First line\nsecond line?  \n\n  Third one! \n ... \n"
    assert texts(text) == ["First line", "second line?", "Third one!"]
    assert split_sentences("  \n ... !!! \n") == []


def test_a_run_on_is_cut_into_pieces_of_bounded_size() -> None:
    text = "word " * 1000
    spans = split_sentences(text)
    assert len(spans) > 1 and all(b - a <= MAX_SENTENCE_CHARS for a, b in spans)
    assert sum(len(words(text, a, b)) for a, b in spans) == 1000  # no word lost or cut


def test_many_full_stops_inside_one_open_quotation_cost_linear_time() -> None:
    def run(n: int) -> None:
        split_sentences("“" + "Abc. " * n)

    assert_linear(run, 5000)


def test_offsets_of_a_region_index_the_whole_text() -> None:
    text = "Intro. Skip this.\n\nMr. Smith came. He saw."
    seg = Segmentation(text)
    region = (text.index("Mr."), len(text))
    assert [text[a:b] for a, b in seg.sentences(*region)] == ["Mr. Smith came.", "He saw."]
    assert seg.sentences(*region) is seg.sentences(*region)  # split once, then read


def test_the_package_splits_sentences_in_one_place() -> None:
    """No module but newssift/segment.py compiles a pattern that splits text at sentence ends: the splitter the
    stages had each written (``[^.!?\\n]+[.!?]*``-style patterns, lookbehinds on ``[.!?]`` followed by space and
    a capital) would show here."""
    splitter = re.compile(r"\[\^\.!\?|\(\?<=\[\.!\?\]|\[\.!\?…?\]\[.{0,20}\]\*\)?\\s\+\(\?=")
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.name != "segment.py" and splitter.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert splitter.search((PACKAGE / "segment.py").read_text(encoding="utf-8"))  # the check sees a splitter


def test_moderation_and_perspective_read_the_same_sentences() -> None:
    comment = "Mr. Smith is here. You people are awful!  Go away? ok"
    starts, ends = _sentences(comment)
    assert list(zip(starts, ends, strict=True)) == split_sentences(comment)
    pieces = span_pieces(comment)
    assert [a for a, _b in pieces] == [a for a, _b in split_sentences(comment)]
    assert pieces[-1][1] == len(comment) and all(b == nxt for (_a, b), (nxt, _c) in itertools.pairwise(pieces))


def test_claims_and_techniques_read_the_documents_sentences() -> None:
    """The claims stage gives spaCy the segmentation's sentences, so its check-worthy claims are exactly the
    sentences of the segmentation (those of enough words); the techniques stage counts the same sentences."""
    text = (
        "Storm hits the coast\n\n"
        "Mr. Jones, the U.S. envoy, said the talks failed on Jan. 5 in Geneva. Officials in the city denied it "
        "on Monday. The mayor said “We will rebuild. Nobody will stop us,” and left the room."
    )
    seen: dict[str, object] = {}

    class Spy(BaseStage):
        name = "spy_segmentation"
        requires = ("claims", "techniques")

        def run(self, analysis: Analysis) -> object:
            paragraphs = [(p.start, p.end) for p in analysis.structure.paragraphs]
            seen["text"] = analysis.document.text
            seen["sentences"] = list(analysis.segmentation.sentences_of(paragraphs))
            return None

    register_stage(Spy)
    try:
        report = newssift.analyze(text)
    finally:
        unregister_stage("spy_segmentation")
    doc_text, sentences = seen["text"], seen["sentences"]
    assert isinstance(doc_text, str) and isinstance(sentences, list)
    assert [doc_text[a:b] for a, b in sentences][-3:] == [
        "Mr. Jones, the U.S. envoy, said the talks failed on Jan. 5 in Geneva.",
        "Officials in the city denied it on Monday.",
        "The mayor said “We will rebuild. Nobody will stop us,” and left the room.",
    ]
    claims = [(c.start, c.end) for c in report.claims]
    assert claims and set(claims) <= set(sentences)
    assert report.technique_summary is not None and report.technique_summary.sentences == len(sentences)
