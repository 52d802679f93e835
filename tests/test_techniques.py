"""Persuasion techniques: sentences and candidates, patterns, the trained heads on the example page and on plain
news, the report section and its renderers, the CLI (one page and the outlet comparison), hostile text, and the
cross-validated technique classification goal."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

import newssift
from newssift.cli import app
from newssift.render import render
from newssift.segment import split_sentences
from newssift.techniques import find_techniques
from newssift.techniques.patterns import pattern_spans, repetitions
from newssift.techniques.spans import candidates
from newssift.techniques.taxonomy import BY_ID, IDS
from tests.conftest import DATA, EXAMPLES, needs_shared, require_shared
from tests.helpers import assert_linear

runner = CliRunner()


def _texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_report_labels_are_the_taxonomy() -> None:
    from typing import get_args

    from newssift.report import TechniqueLabel

    assert get_args(TechniqueLabel) == IDS


def test_sentences_keep_offsets_and_quoted_full_stops() -> None:
    text = "Peskov told the TV show ‘Moscow. Kremlin. Putin.’ on Sunday. “We are sure,” he said.\nNext line here"
    sents = split_sentences(text)
    assert _texts(text, sents) == [
        "Peskov told the TV show ‘Moscow. Kremlin. Putin.’ on Sunday.",
        "“We are sure,” he said.",
        "Next line here",
    ]
    assert split_sentences("  \n ... !!! \n") == []


def test_candidates_are_phrases_clauses_quotes_and_the_sentence() -> None:
    text = "The Kremlin believes that “common sense” would prevail, the official added, “and they know it well.”"
    (sent,) = split_sentences(text)
    got = {(text[c.start : c.end], c.kind) for c in candidates(text, sent)}
    assert ("common sense", "ngram") in got  # a span is a candidate once, under the first kind that finds it
    assert ("and they know it well.", "quote") in got
    assert ("Kremlin believes", "ngram") in got
    assert (text, "sentence") in got
    assert ("the official added", "clause") in got
    # n-grams neither start nor end on a stop word, and never cross punctuation
    assert not any(k == "ngram" and (t.lower().startswith("the ") or t.endswith(" that")) for t, k in got)
    assert not any(k == "ngram" and "," in t for t, k in got)


def test_patterns_name_their_technique_and_cue() -> None:
    text = (
        "But what about the bombing of Belgrade? The so-called experts agree. Common sense will prevail. "
        "You are either with us or against us."
    )
    found = {(text[a:b], tech) for a, b, tech, _cue in pattern_spans(text, [(0, len(text))])}
    assert ("But what about the bombing", "whataboutism") in found
    assert ("so-called", "doubt") in found
    assert ("Common sense", "glittering_generalities") in found
    assert ("You are either with us or against us", "black_and_white") in found
    assert ("experts agree", "appeal_to_authority") in found
    assert pattern_spans("The council voted 23 to 9 on Wednesday to extend free meals.", [(0, 60)]) == []


def test_repetition_counts_phrases_not_names() -> None:
    text = (
        "It was rigged election fraud. They hide rigged election fraud. Expose rigged election fraud now. "
        "Joe Biden spoke. Joe Biden left. Joe Biden returned. Joe Biden slept."
    )
    reps = repetitions(text, [(0, len(text))])
    assert _texts(text, [(a, b) for a, b, _t, _c in reps]) == ["rigged election fraud"] * 3
    assert all(t == "repetition" and "occurs 3 times" in c for _a, _b, t, c in reps)
    twice = "It was rigged election fraud. They hide rigged election fraud."
    assert repetitions(twice, [(0, len(twice))]) == []


def test_loaded_text_scores_above_plain_news() -> None:
    plain = (EXAMPLES / "school-meals-vote.txt").read_text(encoding="utf-8")
    st = newssift.analyze(plain, moderate=False, claims=False)
    neutral = st.technique_summary
    assert neutral is not None and neutral.words > 100
    loaded = (
        "These cowardly traitors are destroying our great nation while the so-called media cheers them on. "
        "Wake up: the corrupt elite wants total control, and only a fool would believe their pathetic lies!"
    )
    r = newssift.find_techniques(loaded)  # the whole text, through the package's lazy API
    labels = {s.label for s in r.spans}
    assert {"loaded_language", "doubt", "flag_waving"} <= labels, labels
    dense = sum(r.per_1000_words.values())
    calm = sum(neutral.per_1000_words.values())
    assert dense > 5 * max(calm, 1.0), (dense, calm)


def test_example_page_spans(example_text: str) -> None:
    """The example page: in the article, the appeal to "common sense" and nothing in the factual background; in
    the comments (asked for), the labels and loaded phrases a reviewer would mark."""
    r = newssift.analyze(example_text, moderate=False, claims=False)
    article = [(f.text, f.label, f.source) for f in r.techniques]
    assert ("common sense", "glittering_generalities", "pattern") in article
    background = next(p for p in r.article.paragraphs if p.text.startswith("Moscow and Kiev started peace talks"))
    assert not [f for f in r.techniques if background.start <= f.start < background.end]
    common = next(f for f in r.techniques if f.text == "common sense")
    assert common.explanation.startswith("Glittering generalities:") and "“common sense”" in common.explanation

    r = newssift.analyze(example_text, moderate=False, claims=False, include_comments=True)
    found = {(f.text, f.label) for f in r.techniques}
    assert ("apocalyptic death", "loaded_language") in found
    assert ("apocalyptic death cult", "name_calling") in found
    assert ("Zionist Apartheid Talmudic-Supremacist TERROR", "name_calling") in found
    for f in r.techniques:
        if f.source == "model":
            assert f.score >= 0.2 and "model score" in f.explanation


def test_report_section_and_summary(example_text: str) -> None:
    r = newssift.analyze(example_text, moderate=False, claims=False)
    s = r.technique_summary
    assert s is not None and r.techniques
    t = r.document.text
    article = [(p.start, p.end) for p in r.article.paragraphs]
    for f in r.techniques:
        assert t[f.start : f.end] == f.text and f.label in IDS and 0 <= f.score <= 1
        assert any(a <= f.start and f.end <= b for a, b in article)  # article only: comments were not asked for
        assert f.explanation.split(":")[0] in BY_ID[f.label].name
    assert sum(s.counts.values()) == len(r.techniques)
    for label, n in s.counts.items():
        assert s.per_1000_words[label] == round(1000 * n / s.words, 2)
    with_comments = newssift.analyze(example_text, moderate=False, claims=False, include_comments=True)
    assert with_comments.technique_summary is not None and with_comments.technique_summary.words > s.words
    skipped = newssift.analyze(example_text, moderate=False, claims=False, techniques=False)
    assert skipped.techniques == [] and skipped.technique_summary is None


def test_renderers_show_and_escape_techniques() -> None:
    page = (
        "<html><body><article><h1>Rally</h1><p>The so-called <img src=x onerror=alert(1)> experts agree that "
        "these cowardly traitors are destroying our great nation, and everyone knows it.</p>"
        "<p>The mayor said the march would go ahead on Saturday despite the rain forecast for the afternoon.</p>"
        "</article></body></html>"
    )
    r = newssift.analyze(page.encode(), moderate=False, claims=False)
    assert r.techniques
    html = render(r, "html")
    assert 'id="techniques"' in html and "<img" not in html and "onerror=alert(1)>" not in html
    md = render(r, "md")
    assert "## Persuasion techniques" in md and "<img" not in md
    text = render(r, "text")
    assert "persuasion techniques" in text


ODD = "They will destroy us all, the corrupt traitors! “unbalanced quote … and ‘another. ” ’ ?!?! ——— "


def test_hostile_text_keeps_its_spans_inside_the_regions_read() -> None:
    words = " ".join(["war"] * 20_000)  # one "sentence" of 20,000 words, no punctuation
    r = find_techniques(words, [(0, len(words))])
    assert r.words == 20_000 and r.sentences >= 1
    assert all(0 <= s.start < s.end <= len(words) for s in r.spans)
    assert find_techniques("", [(0, 0)]).spans == []
    # loaded words, unbalanced quotation marks and runs of punctuation, between text that is not to be read: every
    # span lies inside the region, and the loaded language in it is found
    before, after = "Ignore this, you idiots! " * 3, " Corrupt traitors, ignore this too!"
    text = before + ODD * 3 + after
    a, b = len(before), len(before) + 3 * len(ODD)
    r = find_techniques(text, [(a, b)])
    assert r.spans and all(a <= s.start < s.end <= b for s in r.spans)
    assert r.words == 3 * 12  # "They will destroy us all the corrupt traitors unbalanced quote and another"
    assert {"loaded_language", "name_calling"} & {s.label for s in r.spans}


def test_hostile_text_is_read_in_linear_time() -> None:
    """4x the text costs at most 6x the time (CPU time, as a ratio; measured 4.0x on 2026-12-06). 1,000 copies of
    ODD are 95,000 characters, all read (the stage reads the first 100,000)."""

    def run(n: int) -> None:
        text = ODD * n
        r = find_techniques(text, [(0, len(text))])
        assert r.spans and all(0 <= s.start < s.end <= len(text) for s in r.spans)

    assert_linear(run, 250, bound=6.0)


def test_cli_page_and_corpus(tmp_path: Path) -> None:
    page = EXAMPLES / "school-meals-vote.txt"
    res = runner.invoke(app, ["techniques", str(page), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["technique_summary"]["words"] > 100
    res = runner.invoke(app, ["techniques"])
    assert res.exit_code == 2 and "either a SOURCE page or --corpus" in res.output
    res = runner.invoke(app, ["techniques", str(page), "--corpus", str(tmp_path)])
    assert res.exit_code == 2
    res = runner.invoke(app, ["techniques", "--corpus", str(tmp_path / "none")])
    assert res.exit_code == 2 and "not a newssift corpus" in res.output

    # a corpus with a ranting outlet and a plain one: the rates per outlet put the rant first
    rant = (
        "These cowardly traitors are destroying our great nation. The so-called experts lie to you every day. "
        "Only a fool would trust the corrupt, pathetic elite that wants to enslave ordinary people. "
        "Wake up before it is too late: they will stop at nothing to crush us."
    )
    plain = (EXAMPLES / "school-meals-vote.txt").read_text(encoding="utf-8")
    lines = [
        {"id": f"r{i}", "outlet": "Rant Daily", "text": f"Story {i} headline here\n\n{rant}\n\n{rant}"}
        for i in range(3)
    ] + [{"id": f"p{i}", "outlet": "Plain Herald", "text": plain.replace("23 to 9", f"2{i} to 9")} for i in range(3)]
    src = tmp_path / "pages.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    corpus = tmp_path / "corpus"
    res = runner.invoke(app, ["corpus", "add", str(corpus), str(src), "--no-progress"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["techniques", "--corpus", str(corpus), "--format", "json", "--no-progress"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert [r["outlet"] for r in rows] == ["Rant Daily", "Plain Herald"]
    assert [r["documents"] for r in rows] == [3, 3]
    assert rows[0]["spans_per_1000_words"] > 3 * rows[1]["spans_per_1000_words"]
    res = runner.invoke(app, ["techniques", "--corpus", str(corpus), "--no-progress"])
    assert res.exit_code == 0 and "Rant Daily" in res.output.splitlines()[1]


@needs_shared
def test_technique_classification_with_gold_spans_cross_validated() -> None:
    """The issue's goal: micro-F1 >= 0.55 for technique classification with gold spans (5-fold, grouped by text)."""
    require_shared(DATA / "semeval2021_task6_persuasion")
    from sklearn.model_selection import GroupKFold

    from newssift.encoders.static import get_featurizer
    from train.techniques import fit_labels, gold_rows, semeval, top_k

    texts = semeval()
    X, labels, groups = gold_rows(get_featurizer(), texts)
    correct = 0
    for tr, te in GroupKFold(5).split(X, groups=groups):
        model = fit_labels(X, labels, tr)
        for i, pred in zip(te, top_k(model, X[te], [len(labels[i]) for i in te]), strict=True):
            correct += len(set(pred) & set(labels[i]))
    micro_f1 = correct / sum(len(x) for x in labels)
    majority = max(sum("loaded_language" in x for x in labels), 1) / sum(len(x) for x in labels)
    assert micro_f1 >= 0.55 and micro_f1 > majority + 0.15, micro_f1
    assert np.isfinite(micro_f1)
