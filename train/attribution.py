"""Train the attribution classifiers: which (predicate, source) pairs are attributions, and which tokens are part
of a cue ("said", "according to", "told").

    .venv/bin/python -m train.attribution    (part of `make train`; reads ../shared/data/polnear; ~6 min, 2 cores)

Data: PolNeAR train (840 US political news articles, 2016; Newell et al. 2018), brat Source/Cue annotations of
the first annotator where there are two. Each article is split into paragraphs as newssift splits a page
(``structure.text.analyze_text``) and parsed by the project's spaCy pipeline. A token is positive for the cue
classifier when it lies inside a gold Cue span; a (token, would-be source) pair is positive for the attribution
classifier when one gold attribution's Cue overlaps the token and its Source overlaps the source phrase.
Features: ``newssift.claims.cues.token_features`` (+ ``source_features`` for pairs), hashed; models: L2 logistic
regressions. Cross-validation: 5 folds grouped by article; the attribution classifier's C and threshold are chosen
by that cross-validation. The PolNeAR dev split is *not* used here: ``bench/polnear.py`` measures the whole
extraction on it.
Writes newssift/data/claims/{cues.npz, cues.json}.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import GroupKFold

from newssift.claims.cues import N_FEATURES, hashed, sentence_features
from newssift.claims.nlp import parse_pieces
from newssift.claims.quotes import _quote_spans, _source_phrase, _span_of, pair_candidates, sentence_quotes
from newssift.document import Span
from newssift.structure.text import analyze_text
from train.data import DATA

OUT = Path(__file__).resolve().parent.parent / "newssift" / "data" / "claims"
POLNEAR = DATA / "polnear"
C = 0.5  # cue classifier
THRESHOLD = 0.5
PAIR_CS = (0.3, 1.0)  # attribution classifier: chosen by cross-validation
PAIR_THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
FOLDS = 5
SEED = 0


def brat(ann: Path) -> tuple[dict[str, tuple[str, list[tuple[int, int]]]], list[dict[str, str]]]:
    """The text-bound annotations of a brat file by id ("T3": (kind, character fragments)) and its event lines
    ({"Cue": "T2", "Source": "T1", ...}, one per attribution). A line that only continues the text of a
    multi-line annotation is skipped."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if line.startswith("T"):
            kind, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (kind, [(int(x), int(y)) for x, y in (frag.split() for frag in offsets.split(";"))])
        elif line.startswith("E"):
            events.append(dict(role.split(":", 1) for role in parts[1].split() if ":" in role))
    return spans, events


def brat_spans(ann: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """(kind, character fragments) of each text-bound annotation of a brat file."""
    return list(brat(ann)[0].values())


def annotated(split: str) -> list[tuple[Path, Path]]:
    """(text file, annotation file) of each annotated article of a PolNeAR split; where an article was annotated
    twice, the first annotator's file."""
    anns = sorted((POLNEAR / split / "attributions").glob("*.ann"))
    out = []
    for path in sorted((POLNEAR / split / "text").glob("*.txt")):
        ann = next((a for a in anns if a.name.startswith(path.stem)), None)
        if ann is not None:
            out.append((path, ann))
    return out


@dataclass
class Article:
    name: str
    text: str
    cues: list[tuple[int, int]]  # every fragment of every gold cue
    pairs: list[tuple[tuple[int, int], tuple[int, int]]]  # (cue extent, source extent) of each attribution


def _extent(
    spans: dict[str, tuple[str, list[tuple[int, int]]]], event: dict[str, str], role: str
) -> tuple[int, int] | None:
    """First to last character of the span that fills ``role`` in an attribution, if it has one."""
    frags = spans[event[role]][1] if event.get(role) in spans else None
    return (min(f[0] for f in frags), max(f[1] for f in frags)) if frags else None


def articles(split: str) -> list[Article]:
    """The annotated articles of a split with their gold cues and (cue, source) pairs."""
    out = []
    for path, ann in annotated(split):
        spans, events = brat(ann)
        pairs = [(c, s) for ev in events if (c := _extent(spans, ev, "Cue")) and (s := _extent(spans, ev, "Source"))]
        cues = [f for kind, fs in spans.values() if kind == "Cue" for f in fs]
        out.append(Article(path.stem, path.read_text(encoding="utf-8"), cues, pairs))
    return out


@dataclass
class Features:
    """Token rows (cue classifier) and (predicate, source) rows (attribution classifier), with labels and the
    article each row comes from."""

    tokens: list[list[str]] = field(default_factory=list)
    token_y: list[int] = field(default_factory=list)
    token_group: list[int] = field(default_factory=list)
    pairs: list[list[str]] = field(default_factory=list)
    pair_y: list[int] = field(default_factory=list)
    pair_group: list[int] = field(default_factory=list)


def parsed(text: str) -> tuple[Sequence[Span], list[Any]]:
    """The text's paragraphs as newssift splits a page, and their spaCy Docs as the stage parses them."""
    paragraphs = analyze_text(text).paragraphs
    return paragraphs, parse_pieces(text, [(p.start, p.end) for p in paragraphs])


def _sentences(
    text: str, paragraphs: Sequence[Span], docs: list[Any]
) -> Iterator[tuple[list[Any], list[list[str]], list[tuple[Any, Any, list[str]]], int]]:
    """Each sentence of the parsed paragraphs (``parsed``) as the stage sees it: its tokens, their features, the
    (predicate, source head, pair features) candidates, and the offset of its paragraph."""
    for doc, p in zip(docs, paragraphs, strict=True):
        paragraph_quotes = _quote_spans(text, p.start, p.end)
        for sent in doc.sents:
            toks, fs = sentence_features(sent, sentence_quotes(paragraph_quotes, sent, p.start), p.start)
            yield toks, fs, pair_candidates(toks, fs, paragraph_quotes, p.start), p.start


def _pair_spans(tok: Any, src: Any, off: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Character spans of a candidate's predicate and of its source phrase."""
    return _span_of([tok], off), _span_of(_source_phrase(src, tok, [src]), off)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def featurise(arts: list[Article]) -> Features:
    """Features and labels of every non-space token of the articles' paragraphs, and of every token that has a
    source (``quotes.source_of``): a pair is positive when a gold attribution's cue overlaps the token and its
    source overlaps the source phrase."""
    out = Features()
    for k, art in enumerate(arts):
        for toks, fs, cands, off in _sentences(art.text, *parsed(art.text)):
            for tok, f in zip(toks, fs, strict=True):
                a = tok.idx + off
                out.tokens.append(f)
                out.token_y.append(int(any(c0 < a + len(tok.text) and a < c1 for c0, c1 in art.cues)))
                out.token_group.append(k)
            for tok, src, pf in cands:
                out.pairs.append(pf)
                out.pair_y.append(int(attributed(art, *_pair_spans(tok, src, off))))
                out.pair_group.append(k)
    return out


def covered_attributions(art: Article, paragraphs: Sequence[Span], docs: list[Any]) -> int:
    """How many of the article's gold attributions have a candidate: one whose predicate overlaps the gold cue and
    whose source phrase overlaps the gold source. What no candidate covers, no classifier can find. ``paragraphs``
    and ``docs`` are the article's, as ``parsed`` gives them."""
    spans = [
        _pair_spans(tok, src, off)
        for _t, _f, cands, off in _sentences(art.text, paragraphs, docs)
        for tok, src, _pf in cands
    ]
    return covered(art, spans)


def attributed(art: Article, cue: tuple[int, int], source: tuple[int, int]) -> bool:
    """Whether a candidate (character spans of its predicate and source phrase) is one of the article's gold
    attributions: its cue overlaps the predicate and its source the source phrase."""
    return any(_overlap(c, cue) and _overlap(s, source) for c, s in art.pairs)


def covered(art: Article, spans: list[tuple[tuple[int, int], tuple[int, int]]]) -> int:
    """How many of the article's gold attributions one of the candidates (``attributed``'s spans) covers."""
    return sum(any(_overlap(c, cue) and _overlap(s, sp) for cue, sp in spans) for c, s in art.pairs)


def matrix(feats: list[list[str]]) -> sp.csr_matrix:
    rows, cols = hashed(feats)
    return sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(feats), N_FEATURES))


def fit(X: sp.csr_matrix, y: np.ndarray, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, solver="liblinear", max_iter=3000, random_state=SEED).fit(X, y)


def out_of_fold(X: sp.csr_matrix, y: np.ndarray, groups: np.ndarray, c: float) -> np.ndarray:
    proba = np.zeros(len(y))
    for tr, te in GroupKFold(FOLDS).split(X, y, groups):
        proba[te] = fit(X[tr], y[tr], c).predict_proba(X[te])[:, 1]
    return proba


def prf(y: np.ndarray, proba: np.ndarray, threshold: float) -> dict[str, float]:
    p, r, f, _ = precision_recall_fscore_support(y, proba >= threshold, average="binary", zero_division=0)
    return {"precision": float(p), "recall": float(r), "f1": float(f)}


def cross_validate_pairs(X: sp.csr_matrix, y: np.ndarray, groups: np.ndarray) -> dict[str, Any]:
    """C and threshold of the attribution classifier, chosen by out-of-fold F1 on PolNeAR train."""
    best: dict[str, Any] = {}
    for c in PAIR_CS:
        proba = out_of_fold(X, y, groups, c)
        for th in PAIR_THRESHOLDS:
            scores = prf(y, proba, th)
            if not best or scores["f1"] > best["f1"]:
                best = {"C": c, "threshold": th, **scores}
    return {
        "protocol": f"{FOLDS}-fold cross-validation grouped by article, PolNeAR train, (predicate, source) pairs",
        "pairs": len(y),
        "attributions": int(y.sum()),
        **best,
    }


def main() -> None:
    t0 = time.perf_counter()
    arts = articles("train")
    feats = featurise(arts)
    X, y, groups = matrix(feats.tokens), np.array(feats.token_y), np.array(feats.token_group)
    Xp, yp, gp = matrix(feats.pairs), np.array(feats.pair_y), np.array(feats.pair_group)
    print(
        f"{len(arts)} articles, {len(y):,} tokens ({int(y.sum()):,} in cues), {len(yp):,} predicate-source pairs "
        f"({int(yp.sum()):,} attributions) in {time.perf_counter() - t0:.0f} s"
    )
    cv = {
        "protocol": f"{FOLDS}-fold cross-validation grouped by article, PolNeAR train, token level",
        "tokens": len(y),
        "cue_tokens": int(y.sum()),
        **prf(y, out_of_fold(X, y, groups, C), THRESHOLD),
    }
    print(f"cue tokens, cross-validated: P {cv['precision']:.3f} R {cv['recall']:.3f} F1 {cv['f1']:.3f}")
    pair_cv = cross_validate_pairs(Xp, yp, gp)
    print(
        f"attributions, cross-validated (C {pair_cv['C']}, threshold {pair_cv['threshold']}): "
        f"P {pair_cv['precision']:.3f} R {pair_cv['recall']:.3f} F1 {pair_cv['f1']:.3f}"
    )
    cue_model = fit(X, y, C)
    pair_model = fit(Xp, yp, pair_cv["C"])
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT / "cues.npz",
        coef=cue_model.coef_.ravel().astype(np.float32),
        attribution_coef=pair_model.coef_.ravel().astype(np.float32),
    )
    meta = {
        "intercept": float(cue_model.intercept_[0]),
        "threshold": THRESHOLD,
        "C": C,
        "cv": cv,
        "attribution": {
            "intercept": float(pair_model.intercept_[0]),
            "threshold": pair_cv["threshold"],
            "C": pair_cv["C"],
            "cv": pair_cv,
        },
    }
    (OUT / "cues.json").write_text(json.dumps(meta, indent=2) + "\n")
    write_card(cv, pair_cv, len(arts))
    print(f"wrote {OUT} in {time.perf_counter() - t0:.0f} s")


def write_card(cv: dict[str, Any], pair_cv: dict[str, Any], n_articles: int) -> None:
    card = f"""# Model card: newssift attribution classifiers (cues and attributions)

Written by `train/attribution.py` (`make train`); do not edit by hand.

## What it is
Two logistic regressions (L2) over hashed string features of spaCy tokens (en_core_web_sm 3.8.0),
`newssift/claims/cues.py`:

- **Attribution classifier** (C={pair_cv["C"]}, threshold {pair_cv["threshold"]}, both chosen by cross-validation):
  for every token that has a would-be source in the parse (the subject of a verb or of the clause a participle
  hangs on, a passive's agent, the noun a participle set off by a comma describes, the object of "according
  to", the possessor or "by" agent of a noun; `quotes.source_of`), the
  probability that the pair is an attribution. Features: the token's (below) and the source head's lemma or part
  of speech, entity type, dependency, distance and side. This decides which predicates are attributions.
- **Cue classifier** (C={C}, threshold {THRESHOLD}): the probability that a token is part of an attribution cue,
  from its lemma, tag and dependency, its syntactic head's, its children's dependencies, its neighbours, whether it
  has a subject (and of what entity type) and whether it sits inside a quotation. Runs of adjacent cue tokens
  around an accepted predicate form its cue span ("has said", "according to").

The source span is the whole phrase the source head heads, as PolNeAR draws it; content and venue are read from
the parse (`newssift/claims/quotes.py`): the reported clause, the quotation, or the cue's complements.

## Data (read from ../shared/data, not redistributed)
PolNeAR train (Newell, Margolin & Ruths 2018, "An Attribution Relations Corpus for Political News", LREC):
{n_articles} US news articles from 2016 (seven publishers), brat Source/Cue/Content annotations. No licence is
stated upstream; research use with attribution. The dev split is kept for `bench/polnear.py`; the test split is
withheld from this project. A (predicate, source) pair is positive when one gold attribution's cue overlaps the
predicate and its source overlaps the source phrase.

## Cross-validated scores
- Attributions: {pair_cv["protocol"]}: {pair_cv["pairs"]:,} pairs, {pair_cv["attributions"]:,} of them
  attributions. Precision {pair_cv["precision"]:.3f}, recall {pair_cv["recall"]:.3f}, F1 {pair_cv["f1"]:.3f}.
- Cue tokens: {cv["protocol"]}: {cv["tokens"]:,} tokens, {cv["cue_tokens"]:,} of them in cues. At {THRESHOLD}:
  precision {cv["precision"]:.3f}, recall {cv["recall"]:.3f}, F1 {cv["f1"]:.3f}.

The end-to-end figures (source, cue and content F1, exact and overlap, on PolNeAR dev) are printed by
`python bench/polnear.py` and kept in `bench/results/polnear.json` and the README.

## Limits
- US political news of 2016; other registers (press releases, comments, translated wire copy) differ.
- English only. The parse is en_core_web_sm's: a wrong subject gives a wrong source, and an attribution whose
  source is in another sentence or left implicit (a passive without agent) is not found.
- PolNeAR marks beliefs and stances ("supported", "wants") as attributions as well as speech; so does this model.
"""
    (OUT / "MODEL_CARD-attribution.md").write_text(card)


if __name__ == "__main__":
    main()
