"""Corroboration: stance model, corpus ingest (files, JSONL, WARC; resumable; kill -9 safe), retrieval, and the
end-to-end count of independent origins on the demo corpus in examples/corpus."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from evaluation.warcs import build_warc
from newssift import analyze, classify_stance
from newssift.cli import app
from newssift.corroborate.corpus import Corpus, chunk
from newssift.errors import InputError, NewssiftError
from tests.conftest import EXAMPLES, ROOT

CORPUS = EXAMPLES / "corpus"
PAGE = EXAMPLES / "harbour-bridge-closure.html"
runner = CliRunner()


@pytest.fixture(scope="module")
def demo_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "demo"
    with Corpus(path, create=True) as c:
        summary = c.add([CORPUS])
    assert summary.added == 43 and not summary.bad
    return path


def test_demo_corpus_has_outlets_copies_and_origins(demo_corpus: Path) -> None:
    with Corpus(demo_corpus) as c:
        stats = c.stats()
        rows = {key: (outlet, origin, how) for key, outlet, origin, how in c.db.execute(
            "SELECT key, outlet, origin, how FROM documents")}  # fmt: skip
    assert stats["documents"] >= 40 and stats["outlets"] >= 8
    by_outlet_slug = {(o, k.rsplit("/", 1)[-1]): (origin, how) for k, (o, origin, how) in rows.items()}
    # the Gazette's republished Chronicle story, and the Digest's copy of the museum story, share the original's origin
    gazette = [v for (o, _), v in by_outlet_slug.items() if o == "Northshore Gazette" and v[1].startswith("copy of")]
    assert [g[0] for g in gazette] == ["outlet:harbour city chronicle"]
    assert by_outlet_slug[("Metro Daily Digest", "museum-grant")][0] == "outlet:harbour city chronicle"
    # an outlet's own stories are its own origin
    assert by_outlet_slug[("Valley Times", "reservoir-levels")][0] == "outlet:valley times"


def test_adding_again_adds_nothing(demo_corpus: Path) -> None:
    with Corpus(demo_corpus) as c:
        summary = c.add([CORPUS])
        assert (summary.added, summary.already) == (0, 43)
        assert c.stats()["documents"] == 43


def test_search_finds_the_story_across_outlets(demo_corpus: Path) -> None:
    with Corpus(demo_corpus) as c:
        hits = c.search(["Will the harbour bridge close to traffic for six weeks of bearing repairs?"], k=6)[0]
    outlets = {h.outlet for h in hits}
    assert {"Harbour City Chronicle", "Coastline Post", "Quayside Independent"} <= outlets
    assert all(h.text == h.text.strip() and h.text for h in hits)


def _closure(demo_corpus: Path):  # type: ignore[no-untyped-def]
    report = analyze(PAGE, corpus=demo_corpus)
    closure = next(
        c for c in report.corroboration if "close to all traffic from 2 April" in report.claims[c.claim].text
    )
    return report, closure


CHRONICLE = "outlet:harbour city chronicle"


def test_end_to_end_origins_are_counted_once(demo_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newssift.corroborate

    # every related document listed (the report lists 3 per origin), so that the counts can be checked against them
    monkeypatch.setattr(newssift.corroborate, "PASSAGES_PER_ORIGIN", 1000)
    report, closure = _closure(demo_corpus)
    origins_of = {(e.outlet, e.origin) for e in closure.evidence}
    # the Chronicle's story and the Gazette's copy of it are found, and are one origin
    assert {("Harbour City Chronicle", CHRONICLE), ("Northshore Gazette", CHRONICLE)} <= origins_of
    assert {"Coastline Post", "Quayside Independent"} <= {outlet for outlet, _ in origins_of}
    # each origin is counted once, whatever its number of documents: one count per origin among the documents,
    # and there are fewer origins than documents (counting documents would give more)
    assert len({e.document for e in closure.evidence}) == len(closure.evidence)  # one passage per document
    by_origin: dict[str, list[Any]] = {}
    for e in closure.evidence:
        by_origin.setdefault(e.origin, []).append(e)
    assert len(by_origin) < len(closure.evidence)

    # ... with one voice each, as the module says: its most confident passage taking a side on the content, else
    # "discuss"; an agreeing passage that reports the claim's speaker saying it is a faithful report of the quote,
    # neutral on the content
    def sides(evs: list[Any]) -> list[Any]:
        return [e for e in evs if e.stance == "disagree" or (e.stance == "agree" and not e.reports_speaker)]

    voices = Counter(
        max(sides(evs), key=lambda e: e.score * e.confidence).stance if sides(evs) else "discuss"
        for evs in by_origin.values()
    )
    assert (closure.supports, closure.contradicts, closure.discusses) == (
        voices["agree"],
        voices["disagree"],
        voices["discuss"],
    )
    # the page's own story, republished word for word by the Digest, is never evidence
    assert closure.excluded_own >= 1
    assert all("metrodailydigest.example/a/harbour" not in (e.url or "") for e in closure.evidence)
    assert all(e.origin != "outlet:the lakeside courier" for c in report.corroboration for e in c.evidence)
    for c in report.corroboration:
        for e in c.evidence:
            assert e.passage.text.strip()
    assert type(report).model_validate_json(report.model_dump_json()) == report


def test_end_to_end_attribution_and_content(demo_corpus: Path) -> None:
    """The claim is the transport department's ("..., the city's transport department said"): two findings."""
    _, closure = _closure(demo_corpus)
    # attribution: the Chronicle (+ the Gazette's copy, one origin) reports the department saying it; the Quayside
    # Independent reports the department denying it: disputed
    att = closure.attribution
    assert att is not None and att.status == "disputed"
    assert att.disputed_by == ["outlet:quayside independent"]
    assert "outlet:harbour city chronicle" in att.confirmed_by
    # content: the Chronicle's faithful report of the department's statement agrees with it, but it is a report of
    # the quote, neutral on the content; the Coastline Post states the closure in its own voice; the Quayside
    # Independent contradicts it
    assert (closure.supports, closure.contradicts) == (1, 1)
    assert [e.outlet for e in closure.evidence if e.stance == "disagree"] == ["Quayside Independent"]
    own_voice = {e.origin for e in closure.evidence if e.stance == "agree" and not e.reports_speaker}
    assert own_voice == {"outlet:coastline post"}
    reports = {e.origin for e in closure.evidence if e.stance == "agree" and e.reports_speaker}
    assert "outlet:harbour city chronicle" in reports


def test_corpus_needs_claims() -> None:
    with pytest.raises(InputError, match="--no-claims"):
        analyze(PAGE, corpus=CORPUS, claims=False)


def test_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(PAGE), "--corpus", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "not a newssift corpus" in result.output


def test_classify_stance_pairs() -> None:
    """One clear pair per label, as FNC-1 defines them: a body that states the claim (agree), one that denies it
    (disagree), one that reports it without taking a side (discuss), and one about something else (unrelated)."""
    claim = "The city council voted to close the central library on Mondays"
    pairs = [
        (claim, "Councillors voted on Tuesday to close the central library on Mondays to save money."),
        (
            claim,
            "The council denied reports that it had voted to close the central library on Mondays. "
            '"That is false, no such vote took place," a spokesperson said.',
        ),
        (
            claim,
            "Reports claim the city council may have voted to close the central library on Mondays; it is unclear "
            "whether the decision is final.",
        ),
        (claim, "The striker scored twice as the home side won the league title on the final day of the season."),
    ]
    assert classify_stance(pairs) == ["agree", "disagree", "discuss", "unrelated"]
    assert classify_stance([]) == []


def test_chunk_keeps_offsets_and_size() -> None:
    para = " ".join(f"Sentence number {i} says something about the harbour." for i in range(60))
    text = "Short intro.\n" + para + "\nTail."
    a = text.index(para)
    pieces = chunk(text, [(0, 12), (a, a + len(para)), (a + len(para) + 1, len(text))])
    assert all(0 <= s < e <= len(text) for s, e in pieces)
    assert all(len(text[s:e].split()) <= 130 for s, e in pieces)
    covered = "".join(text[s:e] for s, e in pieces)
    assert "Sentence number 59" in covered and "Sentence number 0" in covered


def test_warc_ingest_counts_bad_records(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    expected = build_warc(warc, 120, truncate=True)
    result = runner.invoke(app, ["corpus", "add", str(tmp_path / "c"), str(warc), "--no-progress"])
    assert result.exit_code == 0, result.output
    with Corpus(tmp_path / "c") as c:
        stats = c.stats()
    # the last page is cut short by the truncation: reported, not stored half
    assert stats["documents"] == expected["pages"] - 1
    assert f"{expected['not_found'] + expected['not_html'] + 1} bad records" in result.output
    assert "record truncated" in result.output
    assert f"{expected['no_article']} without article text" in result.output


def test_kill_9_mid_ingest_then_resume_is_exact(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    expected = build_warc(warc, 600, junk=False)
    corpus = tmp_path / "c"
    cmd = [sys.executable, "-m", "newssift", "corpus", "add", str(corpus), str(warc), "--no-progress"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    db = corpus / "corpus.sqlite"
    deadline = time.time() + 120
    count = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as con:
                    count = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if count >= 100:
                break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < count < expected["pages"], "the ingest was not interrupted mid-way"
    with Corpus(corpus) as c:  # usable as it stands: committed batches only, each whole
        (docs,) = c.db.execute("SELECT count(*) FROM documents").fetchone()
        (orphans,) = c.db.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                                  "(SELECT 1 FROM passages p WHERE p.doc = d.id)").fetchone()  # fmt: skip
        assert docs < expected["pages"] and orphans == 0
        hits = c.search(["council harbour bridge"], k=3)[0]  # the index is rebuilt from what was committed
        assert hits
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{docs} already stored" in done.stderr
    with Corpus(corpus) as c:
        (n, distinct) = c.db.execute("SELECT count(*), count(DISTINCT key) FROM documents").fetchone()
        assert n == distinct == expected["pages"]
        assert c.index_is_current()


def test_corpus_cli_search_and_stats(demo_corpus: Path) -> None:
    result = runner.invoke(app, ["corpus", "stats", str(demo_corpus), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["documents"] == 43
    result = runner.invoke(app, ["corpus", "search", str(demo_corpus), "ferry bicycles", "-k", "3"])
    assert result.exit_code == 0
    assert "Northshore Gazette" in result.output or "Harbour City Chronicle" in result.output


def test_stance_cli() -> None:
    result = runner.invoke(app, ["stance", "The bridge will close for six weeks", "Cats sleep most of the day."])
    assert result.exit_code == 0
    assert result.output.startswith("unrelated")


def test_cross_encoder_input_is_the_claims_closest_sentences() -> None:
    """The stance cross-encoder reads the claim and the passage's sentences sharing most of its words,
    in passage order, cut to its lengths; a one-sentence passage is left to the perceptron."""
    from newssift.corroborate.cross import HEAD_LEN, MAX_LEN, cross_tokenizer, excerpt, pair_ids, reads
    from newssift.corroborate.stance import LABELS

    claim = "The council voted to close the central library."
    body = (
        "The weather was mild. The council met on Tuesday. Councillors voted to close the library. "
        "A bakery opened nearby. Residents said the central library was loved."
    )
    # shared content words: 3 ("voted", "close", "library"), 2 ("central", "library"), 1 ("council"), 0, 0
    assert excerpt(claim, body, keep=2) == (
        "Councillors voted to close the library. Residents said the central library was loved."
    )
    ids, types = pair_ids(cross_tokenizer(ROOT / "newssift" / "data" / "stance"), claim * 20, body * 40)
    assert len(ids) == len(types) <= MAX_LEN and ids[0] == 101 and ids.count(102) == 2
    assert types.index(1) == HEAD_LEN + 2  # the claim is cut to HEAD_LEN pieces
    assert reads(body) and not reads("One sentence only, however long it is.")
    assert LABELS[:3] == ["agree", "disagree", "discuss"]  # the cross-encoder's classes, in the perceptron's order


def test_the_cross_encoder_only_shares_the_related_probability(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With the cross-encoder, a pair the perceptron calls related keeps a related label and its unrelated
    probability, the related share follows the mean of the two models, and unrelated or one-sentence pairs are the
    perceptron's. The cross-encoder is a stand-in that always says "disagree" (the shipped one runs in
    test_classify_stance_pairs and the corroboration tests)."""
    import numpy as np

    from newssift.corroborate import stance
    from newssift.corroborate.cross import combine

    claim = "The council voted to close the library."
    pairs = [
        (claim, "The council voted to close the library. It shuts in May, councillors said."),
        (claim, "The striker scored twice. The club won the cup."),
        (claim, "The council voted to close the library on Tuesday."),
    ]
    monkeypatch.setenv("NEWSSIFT_STANCE_ENCODER", "off")
    alone = stance.stance_proba(pairs)  # switched off: the perceptron's
    labels = [stance.LABELS[i] for i in alone.argmax(1)]
    assert labels[0] in ("agree", "discuss") and labels[1] == "unrelated"

    class Disagrees:
        def proba(self, ps: list[tuple[str, str]]) -> np.ndarray:
            assert ps == pairs[:1]  # only the related pair of two sentences or more is read
            return np.array([[0.05, 0.9, 0.05]] * len(ps), dtype=np.float32)

    monkeypatch.setattr(stance, "get_cross_encoder", Disagrees)
    both = stance.stance_proba(pairs)
    related = 1.0 - alone[0, 3]
    mean = 0.5 * (alone[0, :3] / related + np.array([0.05, 0.9, 0.05])) * related
    assert np.allclose(both[0, :3], mean, atol=1e-6) and both[0, 3] == alone[0, 3]
    assert both[0, 1] > alone[0, 1] + 0.3  # the disagree share moved towards the cross-encoder
    assert np.allclose(both.sum(1), 1.0, atol=1e-5) and (both[1:] == alone[1:]).all()
    # a cross-encoder too unsure to keep the pair related leaves the perceptron's row
    row = np.array([[0.36, 0.02, 0.32, 0.30]])
    assert (combine(row, [0], np.array([[0.34, 0.33, 0.33]])) == row).all()
    # the mean of the two: (agree 0.5, disagree 0, discuss 0.5) and (0, 1, 0), scaled by the related 0.8
    mixed = combine(np.array([[0.4, 0.0, 0.4, 0.2]]), [0], np.array([[0.0, 1.0, 0.0]]))
    assert np.allclose(mixed, [[0.2, 0.4, 0.2, 0.2]])
    monkeypatch.undo()  # the real loader again
    monkeypatch.delenv("NEWSSIFT_STANCE_ENCODER", raising=False)
    assert stance.get_cross_encoder() is not None  # one ships, and is on by default
    monkeypatch.setenv("NEWSSIFT_STANCE_ENCODER", str(tmp_path))  # a folder without it: one clear error
    with pytest.raises(NewssiftError, match="NEWSSIFT_STANCE_ENCODER"):
        stance.stance_proba(pairs)
    (tmp_path / "cross-encoder.onnx").write_bytes(b"")  # a graph without its labels file: one clear error too
    with pytest.raises(NewssiftError, match=r"cross-encoder\.json"):
        stance.stance_proba(pairs)
