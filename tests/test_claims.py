"""Claims and quotes: attribution with speaker resolution, check-worthiness, the timeline, and hostile text."""

from __future__ import annotations

import newssift
from newssift.report import Report
from tests.conftest import needs_shared
from tests.helpers import assert_linear


def _by_speaker(r: Report, name: str) -> list:  # type: ignore[type-arg]
    return [q for q in r.quotes if q.speaker.name == name]


def test_example_page_speakers_and_quotes(example_text: str) -> None:
    r = newssift.analyze(example_text, page_date="2022-07-03")
    t = r.document.text
    peskov = _by_speaker(r, "Dmitry Peskov")
    assert len(peskov) >= 6
    assert peskov[0].speaker.role == "Kremlin spokesman"
    introduced_as = {t[q.speaker_mention.start : q.speaker_mention.end] for q in peskov}
    for mention in ("the Russian president’s spokesman", "the Kremlin spokesman", "the official", "Peskov"):
        assert mention in introduced_as, mention
    mentions = {t[m.start : m.end] for m in peskov[0].speaker.mentions}
    assert "Kremlin spokesman Dmitry Peskov" in mentions and "he" in mentions
    for name in ("David Arakhamia", "Petro Poroshenko", "Vladimir Putin"):
        assert _by_speaker(r, name), name
    assert _by_speaker(r, "David Arakhamia")[0].speaker.role == "Ukraine’s top negotiator"
    told = next(q for q in peskov if q.cue.text == "told")
    assert told.direct and told.content.text.startswith("“At the moment")
    assert told.venue is not None and "Rossiya 1" in told.venue.text and "Moscow. Kremlin. Putin." in told.venue.text
    indirect = next(q for q in peskov if q.cue.text == "said" and q.content.text.startswith("Russia had provided"))
    assert not indirect.direct
    # spans index the document text
    for q in r.quotes:
        assert t[q.content.start : q.content.end] == q.content.text and q.content.text == q.content.text.strip()


def test_example_page_timeline(example_text: str) -> None:
    r = newssift.analyze(example_text, page_date="2022-07-03")
    dates = {(e.date, e.precision) for e in r.timeline}
    assert {("2022-02-24", "day"), ("2014", "year"), ("2022-07-03", "day")} <= dates
    assert ("2022-03", "month") in dates
    assert [e.date for e in r.timeline] == sorted(e.date for e in r.timeline)
    sunday = next(e for e in r.timeline if e.date == "2022-07-03")
    assert sunday.text == "Sunday"


def test_without_a_page_date_relative_dates_are_not_guessed(example_text: str) -> None:
    r = newssift.analyze(example_text)
    assert "2022-07-03" not in {e.date for e in r.timeline}
    assert {e.text for e in r.timeline} == {"2014", "February 2022"}  # only dates that carry their year
    assert any("page date unknown" in w for w in r.warnings)


def test_claims_are_scored_and_linked_to_quotes(example_text: str) -> None:
    r = newssift.analyze(example_text, page_date="2022-07-03")
    assert r.claims and all(0 <= c.checkworthiness <= 1 for c in r.claims)
    factual = next(c for c in r.claims if c.text.startswith("The protocols, brokered by Germany"))
    assert factual.checkworthiness >= 0.5
    linked = [c for c in r.claims if c.quote is not None]
    assert linked and all(r.quotes[c.quote].speaker.name for c in linked)  # type: ignore[index]
    # comments are not read unless asked
    assert all(c.start < r.comments[0].start for c in r.claims)
    with_comments = newssift.analyze(example_text, include_comments=True)
    assert any(c.start >= with_comments.comments[0].start for c in with_comments.claims)


def test_other_attribution_shapes() -> None:
    text = (
        "Budget talks collapse\n\n"
        "“We will not sign this budget,” the finance minister said on Monday, “and we will say so in parliament.”\n\n"
        "According to the central bank, inflation will fall below 3 per cent next year.\n\n"
        'Anna Berg, the opposition leader, told reporters: "The government has run out of ideas."\n\n'
        "The minister later added that talks could resume in May."
    )
    r = newssift.analyze(text, page_date="2024-03-06")
    cues = {q.cue.text: q for q in r.quotes}
    split = cues["said"]
    assert (
        split.direct
        and split.content.text.startswith("“We will not sign")
        and split.content.text.endswith("parliament.”")
    )
    assert cues["According to"].speaker.name.lower().endswith("central bank")
    colon = cues["told"]
    assert colon.speaker.name == "Anna Berg" and colon.direct and "run out of ideas" in colon.content.text
    assert cues["added"].content.text == "talks could resume in May"
    assert any(e.date == "2024-03-04" and e.text == "Monday" for e in r.timeline)


def _claims_spans(r: Report) -> list[tuple[int, int, str | None]]:
    """Every span the claims stage reports: (start, end, the text the report gives for it, when it gives one)."""
    out: list[tuple[int, int, str | None]] = []
    for q in r.quotes:
        out += [(q.speaker_mention.start, q.speaker_mention.end, None), (q.cue.start, q.cue.end, q.cue.text)]
        out += [(q.content.start, q.content.end, q.content.text)]
        out += [(m.start, m.end, None) for m in q.speaker.mentions]
        if q.venue is not None:
            out.append((q.venue.start, q.venue.end, q.venue.text))
    out += [(c.start, c.end, c.text) for c in r.claims]
    out += [(e.start, e.end, e.text) for e in r.timeline]
    return out


def _assert_spans_inside(r: Report) -> None:
    text = r.document.text
    for start, end, shown in _claims_spans(r):
        assert 0 <= start < end <= len(text), (start, end, len(text))
        assert shown is None or shown == text[start:end], (shown, text[start:end])


def test_hostile_texts_keep_their_spans_inside_the_text() -> None:
    unbalanced = "He said “this never ends. And he said 'neither does this."  # unbalanced quotes, mixed styles
    r = newssift.analyze(unbalanced)
    _assert_spans_inside(r)
    # two attributions, each cue the "said" of its own sentence, each content inside that sentence after its cue
    second = unbalanced.index("And")
    cues = sorted((q.cue.start, q.content.start, q.content.end) for q in r.quotes)
    assert [c[0] for c in cues] == [unbalanced.index("said"), unbalanced.index("said", second)]
    assert cues[0][0] < cues[0][1] < cues[0][2] <= second and cues[1][0] < cues[1][1] < cues[1][2]

    styles = '"Straight quotes," she said. “Curly quotes,” he said. ‘Single,’ they said.'
    r = newssift.analyze(styles)
    _assert_spans_inside(r)
    # three direct quotes, one per style of quotation mark, each the quotation with its marks
    found = sorted((q.content.text, q.speaker.name, q.direct) for q in r.quotes)
    assert found == sorted(
        [('"Straight quotes,"', "she", True), ("“Curly quotes,”", "he", True), ("‘Single,’", "they", True)]
    )

    for text in ("!!! ??? ... ---", "word"):  # no sentence to attribute, claim or date
        r = newssift.analyze(text)
        assert (r.quotes, r.claims, r.timeline) == ([], [], [])


def test_a_long_paragraph_is_read_whole_in_linear_time() -> None:
    """One paragraph of n attributions: n quotes, every span inside the text, and 4x the sentences cost at most
    6x the time (CPU time, as a ratio; measured 4.0x from 250 sentences on 2026-12-06; a quadratic step makes it
    16x). 1,000 sentences are 45,000 characters, all read (the stage reads the first 50,000). The old check ran
    100,000 words once and asked only for >= 80% of the quotes."""
    sentence = "The minister said that the plan would work. "

    def run(n: int) -> None:
        text = "A long one\n\n" + sentence * n
        r = newssift.analyze(text, moderate=False, techniques=False)
        assert len(r.quotes) == n and len(r.claims) == n
        assert {(q.speaker.name, q.cue.text, q.content.text) for q in r.quotes} == {
            ("minister", "said", "the plan would work")
        }
        _assert_spans_inside(r)

    assert_linear(run, 250, bound=6.0)


def test_html_metadata_date_places_relative_dates() -> None:
    from tests.conftest import EXAMPLES

    r = newssift.analyze(EXAMPLES / "harbour-bridge-closure.html")
    assert r.document.date == "2025-03-14"  # a Friday, from article:published_time
    thursday = next(e for e in r.timeline if e.text == "Thursday")
    assert thursday.date == "2025-03-13" and thursday.precision == "day"
    assert any(e.text == "2 April" and e.date == "2025-04-02" for e in r.timeline)
    reyes = next(q for q in r.quotes if q.speaker.name == "Tomas Reyes")
    assert reyes.direct and reyes.speaker.role == "chief engineer" and reyes.venue is None


@needs_shared
def test_polnear_dev_source_f1() -> None:
    """Source F1 on all 84 PolNeAR dev articles (read from ../shared), scored as bench/polnear.py does (with
    evaluation/polnear.py): the issue's goal is 0.80 exact. Measured 0.8005 exact / 0.832 overlap (again on 2026-12-06, at 461c318; the attribution
    classifier alone 0.772 exact); the cue classifier alone with the old source phrase scored 0.615 / 0.724, the
    cue-verb lexicon before it 0.540 / 0.630.

    The measurement is deterministic, so this is a regression guard a little under the measured figures (0.79 /
    0.82), not the goal itself: against 0.80, a change that lost one or two of the 2,066 gold sources failed it.
    Removing the apposition's closing comma from source spans (quotes._source_phrase) brings exact F1 to 0.768."""
    from evaluation.polnear import add_counts, gold_spans, predicted, prf
    from newssift.claims import analyze_claims
    from newssift.document import Document
    from newssift.structure.text import analyze_text
    from train.attribution import annotated

    totals = {True: [0, 0, 0, 0], False: [0, 0, 0, 0]}
    for path, ann in annotated("dev"):
        text = path.read_text(encoding="utf-8")
        gold = gold_spans(ann, text)["Source"]
        pred = predicted(analyze_claims(Document(text), analyze_text(text)), text)["Source"]
        for exact, tot in totals.items():
            add_counts(tot, pred, gold, exact)
    f1 = {exact: prf(tot)["f1"] for exact, tot in totals.items()}
    print(f"source F1 exact {f1[True]:.3f} overlap {f1[False]:.3f}")
    assert f1[True] >= 0.79 and f1[False] >= 0.82


def test_cues_beyond_speech_verbs() -> None:
    text = (
        "The senator criticized the ruling on Tuesday. According to the campaign, the rally drew 5,000 people. "
        '"We will win," the governor said.'
    )
    r = newssift.analyze(text, moderate=False)
    found = {(q.speaker.name, q.cue.text, q.content.text, q.direct) for q in r.quotes}
    assert ("senator", "criticized", "the ruling on Tuesday", False) in found
    assert ("campaign", "According to", "the rally drew 5,000 people", False) in found
    assert ("governor", "said", '"We will win,"', True) in found


def test_source_spans_and_speaker_labels() -> None:
    """The source is the whole phrase, apposition and its closing comma included; a paragraph opening with a
    speaker's label and a colon is that speaker's direct quote."""
    text = (
        "Keron Blair, executive director of the coalition, said the vote would be close.\n\n"
        "WALLACE: Let's start with the news of the week.\n\n"
        "Editor's Note: This story was updated on Friday."
    )
    r = newssift.analyze(text, moderate=False)
    spans = {text[q.speaker_mention.start : q.speaker_mention.end] for q in r.quotes}
    assert "Keron Blair, executive director of the coalition," in spans
    wallace = next(q for q in r.quotes if q.speaker.name == "WALLACE")
    assert wallace.cue.text == ":" and wallace.direct
    assert wallace.content.text == "Let's start with the news of the week"
    assert not any("Note" in q.speaker.name for q in r.quotes)


def test_quotation_over_two_sentences_with_the_cue_after_it() -> None:
    """A quotation that runs over two sentences before "said X": its words are not the speaker, and the whole
    quotation is the content."""
    text = (
        "“The campaign is in panic mode. Full panic mode,” said Leslie Wimes, a Florida-based organiser of the caucus."
    )
    r = newssift.analyze(text, moderate=False)
    q = next(q for q in r.quotes if q.cue.text == "said")
    assert q.speaker.name == "Leslie Wimes"
    assert q.direct and q.content.text == "“The campaign is in panic mode. Full panic mode,”"


def test_source_span_leaves_out_datelines() -> None:
    """Words the parse hangs before a dash (a dateline) are not part of the source."""
    text = (
        "FLINT, Mich., Oct. 4 (UPI) — Former President Bill Clinton said on Tuesday that the water crisis was far "
        "from over."
    )
    r = newssift.analyze(text, moderate=False)
    q = next(q for q in r.quotes if q.cue.text == "said")
    assert text[q.speaker_mention.start : q.speaker_mention.end] == "Former President Bill Clinton"


def test_dateline_taken_for_the_subject_gives_way_to_the_speaker() -> None:
    """The parse makes the dateline the subject ("WASHINGTON ... said", "MACAU ... said"); the speaker is the noun
    phrase after the dash."""
    for text, speaker in (
        (
            "WASHINGTON (AP) — President Barack Obama said on Friday that he would veto the bill.",
            "President Barack Obama",
        ),
        (
            "MACAU (Reuters) – Top Republican Party donor Sheldon Adelson said on Friday he met Donald Trump.",
            "Top Republican Party donor Sheldon Adelson",
        ),
    ):
        r = newssift.analyze(text, moderate=False)
        q = next(q for q in r.quotes if q.cue.text == "said")
        assert text[q.speaker_mention.start : q.speaker_mention.end] == speaker


def test_would_be_sources_of_passives_and_prepositional_gerunds() -> None:
    """The candidates the attribution classifier scores: a passive's agent, not its subject; the subject of the
    clause a gerund after a preposition hangs on."""
    from newssift.claims.nlp import get_nlp
    from newssift.claims.quotes import source_of

    nlp = get_nlp()
    for text, cue, source in (
        ("These proposals have been applauded by Wall Street critics.", "applauded", "critics"),
        ("The bill was denounced by Senator Elizabeth Warren on Monday.", "denounced", "Warren"),
        ("Trump tried to laugh it off by interjecting that nobody cared.", "interjecting", "Trump"),
    ):
        doc = nlp(text)
        tok = next(t for t in doc if t.text == cue)
        src = source_of(tok, [], 0)
        assert src is not None and src.text == source, (text, src)


def test_headlines_are_parsed_in_sentence_case() -> None:
    """A title-case or all-capitals headline is parsed as a sentence would be written, names kept as the article
    writes them, so "Blasts" is a verb with "Glenn Beck" as its subject; offsets index the original text."""
    from newssift.claims.nlp import parse_pieces
    from newssift.claims.quotes import source_of

    text = (
        "Glenn Beck Blasts Drudge for Mocking His Fast\n\n"
        "The radio host Glenn Beck said on Monday that Matt Drudge had mocked his hunger strike.\n\n"
        "EXPERTS DOWNPLAY PLANNED NORTH KOREA LAUNCH\n\n"
        "Analysts in South Korea and North Korea watchers said the launch was routine."
    )
    pieces = [(0, 45), (47, 134), (136, 179), (181, len(text))]
    docs = parse_pieces(text, pieces)
    assert docs[0].text == "Glenn Beck blasts Drudge for mocking his fast"
    assert docs[2].text == "Experts downplay planned North Korea launch"
    assert docs[1].text == text[47:134]  # ordinary sentences are left alone
    blasts = next(t for t in docs[0] if t.lower_ == "blasts")
    assert blasts.pos_ == "VERB"
    src = source_of(blasts, [], 0)
    assert src is not None and src.text == "Beck"
    assert all(len(d.text) == b - a for d, (a, b) in zip(docs, pieces, strict=True))


def test_attribution_encoder_rescores_only_uncertain_pairs_it_can_see() -> None:
    """The encoder gives a probability to a pair whose regression probability lies in its band and whose spans
    it reads, and leaves the others (None) to the regression: outside the band, or past the 128-piece cut."""
    from newssift.claims.encoder import get_encoder, pieces

    enc = get_encoder()
    lo, hi = enc.band
    mid = (lo + hi) / 2
    short = "The senator said on Tuesday that the vote would be close."
    long = " ".join(["word"] * 200) + " and the governor said so."
    said = short.index("said")
    gov = long.index("governor")
    pairs = [
        (0, (said, said + 4), (4, 11), mid),  # in the band: rescored
        (0, (said, said + 4), (4, 11), hi + (1 - hi) / 2),  # the regression is sure: it stands
        (1, (gov + 9, gov + 13), (gov, gov + 8), mid),  # past the cut: the regression stands
    ]
    got = enc.rescore([short, long], pairs)
    assert got[0] is not None and 0.0 <= got[0] <= 1.0
    assert got[1] is None and got[2] is None
    offsets = [(0, 0), (0, 3), (4, 11), (12, 16), (0, 0)]
    assert pieces(offsets, 4, 11) == [2] and pieces(offsets, 0, 16) == [1, 2, 3] and pieces(offsets, 20, 30) == []


def test_attribution_encoder_reads_each_sentence_alone() -> None:
    """A sentence's vectors do not depend on the sentences asked for with it (each runs alone: in one batch the int8
    graph's activation scale would depend on them, and padding would be added) nor on which positions are asked
    for; a speaker's vector moves with its context (the encoder is contextual)."""
    import numpy as np

    from newssift.claims.encoder import get_encoder

    enc = get_encoder()
    a = enc.tokenizer.encode("The minister said the talks had failed.").ids
    b = enc.tokenizer.encode(" ".join(["Officials in the capital told reporters on Monday"] * 6)).ids
    alone = enc.hidden([a])[0]
    batched = enc.hidden([a, b])[0]
    assert alone.shape == (len(a), 384)
    assert np.array_equal(alone, batched)
    # the last layer computed only at the positions asked for gives the same vectors as the whole sequence's
    some = enc.hidden([a, b], [[2, 3], []])
    assert some[0].shape == (2, 384) and some[1].shape == (0, 384)
    assert np.allclose(some[0], alone[[2, 3]], atol=1e-4)
    c = enc.tokenizer.encode("The minister ate the cake.").ids
    minister_a, minister_c = alone[2], enc.hidden([c])[0][2]
    assert not np.allclose(minister_a, minister_c, atol=1e-2)


def test_source_phrase_boundaries() -> None:
    """The source phrase leaves out a relative clause that holds an attribution of its own and a leading "even",
    and keeps the comma that closes an apposition after the cue ("said X, a pollster, referring to ...")."""
    from newssift.claims.nlp import parse_pieces
    from newssift.claims.quotes import _source_phrase, source_of

    def phrase(sentence: str, cue: str, nested: str | None = None) -> str:
        doc = parse_pieces(sentence, [(0, len(sentence))])[0]
        verb = next(t for t in doc if t.text == cue)
        src = source_of(verb, [], 0)
        assert src is not None
        inner = frozenset(t.i for t in doc if t.text == nested)
        toks = _source_phrase(src, verb, [src], inner)
        return sentence[toks[0].idx : toks[-1].idx + len(toks[-1].text)]

    relative = "Harry Reid, who endorsed Hillary Clinton in February, said the vote would be close."
    assert phrase(relative, "said") == "Harry Reid, who endorsed Hillary Clinton in February,"
    assert phrase(relative, "said", nested="endorsed") == "Harry Reid"
    assert phrase("Even some of his admirers say the plan is risky.", "say") == "some of his admirers"
    inverted = "“It is over,” said Cornell Belcher, a Democratic pollster, referring to the race."
    assert phrase(inverted, "said") == "Cornell Belcher, a Democratic pollster,"
    assert phrase("Trump on Tuesday dismissed the report as fake.", "dismissed") == "Trump"


def test_cue_hung_on_the_reported_clause_takes_the_reporter() -> None:
    """The parse often hangs a participle or a second verb on the reported clause ("Carson said he plans ...,
    insisting ..."); its source is the reporter, not the reported clause's subject."""
    from newssift.claims.nlp import parse_pieces
    from newssift.claims.quotes import source_of

    for sentence, cue, speaker in (
        ("Carson said he plans to visit Libya, insisting that his rivals are wrong.", "insisting", "Carson"),
        ("Ms. Khan said Mr. Trump was ignorant of Islam and criticized him for his remarks.", "criticized", "Khan"),
        ("Kasich says he would sit Putin down and tells the crowd he was first.", "tells", "Kasich"),
    ):
        doc = parse_pieces(sentence, [(0, len(sentence))])[0]
        src = source_of(next(t for t in doc if t.text == cue), [], 0)
        assert src is not None and src.text == speaker, (sentence, src)
        # the reported clause's own verb keeps its subject
        reported = next(t for t in doc if t.dep_ == "ccomp")
        own = source_of(reported, [], 0)
        assert own is not None and own.text != speaker


def test_speaker_labels_in_headlines_and_kickers() -> None:
    """A headline "Name: words" is that person's quote though the headline is parsed in sentence case; a kicker
    ("EXCLUSIVE:", "BOOM:") is not a speaker."""
    from newssift.claims.nlp import parse_pieces
    from newssift.claims.quotes import extract_quotes

    text = (
        "Ann Coulter: And Then There Was the One\n\n"
        "EXCLUSIVE: Saudis insist they had no role in the attacks.\n\n"
        "The columnist wrote about the primary on Wednesday."
    )
    pieces = [(0, 39), (41, 98), (100, len(text))]
    docs = parse_pieces(text, pieces)
    assert docs[0].text.startswith("Ann coulter:")  # parsed in sentence case
    entities, quotes = extract_quotes([(d, a) for d, (a, _b) in zip(docs, pieces, strict=True)], text)
    labelled = {text[q.speaker_span[0] : q.speaker_span[1]] for q in quotes if text[q.cue[0] : q.cue[1]] == ":"}
    assert labelled == {"Ann Coulter"}
    assert entities[quotes[0].speaker].name == "Ann Coulter"  # as written, not as the headline was parsed


def test_quotation_marks_pair_by_kind() -> None:
    """Two apostrophes are one double mark (''Today''), a plural possessive's apostrophe is not a quotation mark,
    single quotations nest inside double ones, and "'90s" opens nothing."""
    from newssift.claims.quotes import _quote_spans

    def quoted(text: str) -> list[str]:
        return [text[a:b] for a, b in _quote_spans(text, 0, len(text))]

    assert quoted("Bush is joining the ''Today'' show as an anchor, NBC announced.") == ["''Today''"]
    nested = "When the Rogans' turn came, Mr. Rogan said, Mr. Clinton ''smiled and said: 'Jim, thanks.'.''"
    assert quoted(nested) == ["''smiled and said: 'Jim, thanks.'.''"]
    assert quoted("'I don't know,' she said. The '90s were 'great'.") == ["'I don't know,'", "'great'"]
    assert quoted("“Full panic mode,” said Leslie Wimes.") == ["“Full panic mode,”"]


def test_cue_outside_doubled_apostrophe_quotes_is_found() -> None:
    """NYT-style ''...'' quotations no longer leave the cue after them inside an unclosed quotation."""
    text = "Billy Bush is joining the ''Today'' show as an anchor, NBC announced on Tuesday."
    r = newssift.analyze(text)
    t = r.document.text
    got = [(q.cue.text, t[q.speaker_mention.start : q.speaker_mention.end]) for q in r.quotes]
    assert got == [("announced", "NBC")]


def test_subject_the_parse_misplaces() -> None:
    """A cue verb the parse leaves without a subject takes the subject of the misparsed clause before it, or the
    name just before it; a subject inside a quotation gives way to one outside it."""
    from newssift.claims.nlp import parse_pieces
    from newssift.claims.quotes import _quote_spans, source_of

    for sentence, speaker in (
        ("Jeffrey Salkin, a Hollywood, Fla., rabbi helping to organize the boycott, said he was alarmed.", "Salkin"),
        (
            "Tuesday, on the trail for his wife Hillary Clinton, former president Bill Clinton said she was ready.",
            "Clinton",
        ),
        ('"If she gets to pick her judges, nothing you can do folks," Trump said before adding more.', "Trump"),
    ):
        doc = parse_pieces(sentence, [(0, len(sentence))])[0]
        verb = next(t for t in doc if t.text == "said")
        src = source_of(verb, _quote_spans(sentence, 0, len(sentence)), 0)
        assert src is not None and src.text == speaker, (sentence, src)
        if speaker == "Clinton":
            assert src.i > 10  # the former president, not his wife
