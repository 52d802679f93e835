"""Train the attribution cue classifier: is this token part of a cue ("said", "according to", "told")?

    .venv/bin/python -m train.attribution      (part of `make train`; reads ../shared/data/polnear; ~3 minutes)

Data: PolNeAR train (840 US political news articles, 2016; Newell et al. 2018), brat Cue spans. Each article is
split into paragraphs as newssift splits a page (``structure.text.analyze_text``) and parsed by the project's
spaCy pipeline; a token is positive when it lies inside a gold Cue span (of the first annotator where there are
two). Features: ``newssift.claims.cues.token_features``, hashed; model: L2 logistic regression.
Cross-validation: 5 folds grouped by article, token-level precision/recall/F1 of the cue class. The PolNeAR dev
split is *not* used here: ``bench/polnear.py`` measures the whole extraction on it.
Writes newssift/data/claims/{cues.npz, cues.json}.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import GroupKFold

from newssift.claims.cues import N_FEATURES, hashed, sentence_features
from newssift.claims.nlp import get_nlp
from newssift.claims.quotes import _quote_spans
from newssift.structure.text import analyze_text
from train.data import DATA

OUT = Path(__file__).resolve().parent.parent / "newssift" / "data" / "claims"
POLNEAR = DATA / "polnear"
C = 0.5
THRESHOLD = 0.5
FOLDS = 5
SEED = 0


def brat_spans(ann: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """(kind, character fragments) of each text-bound annotation (a "T" line) of a brat file. A line that only
    continues the text of a multi-line annotation is skipped."""
    out = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not line.startswith("T") or len(parts) < 2:
            continue
        kind, _, offsets = parts[1].partition(" ")
        out.append((kind, [(int(x), int(y)) for x, y in (frag.split() for frag in offsets.split(";"))]))
    return out


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


def articles(split: str) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(name, text, gold cue fragments, every fragment of a discontinuous cue) for each article of a split."""
    return [
        (path.stem, path.read_text(encoding="utf-8"), [f for kind, fs in brat_spans(ann) if kind == "Cue" for f in fs])
        for path, ann in annotated(split)
    ]


def featurise(arts: list[tuple[str, str, list[tuple[int, int]]]]) -> tuple[list[list[str]], np.ndarray, np.ndarray]:
    """Token features, labels and article index of every non-space token of the articles' paragraphs."""
    nlp = get_nlp()
    feats: list[list[str]] = []
    labels: list[int] = []
    groups: list[int] = []
    for k, (_name, text, cues) in enumerate(arts):
        paragraphs = analyze_text(text).paragraphs
        for doc, p in zip(nlp.pipe([text[p.start : p.end] for p in paragraphs]), paragraphs, strict=True):
            for sent in doc.sents:
                quotes = _quote_spans(text, sent.start_char + p.start, sent.end_char + p.start)
                toks, fs = sentence_features(sent, quotes, p.start)
                feats += fs
                for tok in toks:
                    a = tok.idx + p.start
                    b = a + len(tok.text)
                    labels.append(int(any(c0 < b and a < c1 for c0, c1 in cues)))
                    groups.append(k)
    return feats, np.array(labels), np.array(groups)


def matrix(feats: list[list[str]]) -> sp.csr_matrix:
    rows, cols = hashed(feats)
    return sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(feats), N_FEATURES))


def fit(X: sp.csr_matrix, y: np.ndarray) -> LogisticRegression:
    return LogisticRegression(C=C, solver="liblinear", max_iter=2000, random_state=SEED).fit(X, y)


def cross_validate(X: sp.csr_matrix, y: np.ndarray, groups: np.ndarray) -> dict[str, Any]:
    proba = np.zeros(len(y))
    for tr, te in GroupKFold(FOLDS).split(X, y, groups):
        proba[te] = fit(X[tr], y[tr]).predict_proba(X[te])[:, 1]
    p, r, f, _ = precision_recall_fscore_support(y, proba >= THRESHOLD, average="binary", zero_division=0)
    return {
        "protocol": f"{FOLDS}-fold cross-validation grouped by article, PolNeAR train, token level",
        "tokens": len(y),
        "cue_tokens": int(y.sum()),
        "precision": float(p),
        "recall": float(r),
        "f1": float(f),
    }


def main() -> None:
    t0 = time.perf_counter()
    arts = articles("train")
    feats, y, groups = featurise(arts)
    X = matrix(feats)
    print(f"{len(arts)} articles, {len(y):,} tokens, {int(y.sum()):,} cue tokens ({time.perf_counter() - t0:.0f} s)")
    cv = cross_validate(X, y, groups)
    print(f"cue tokens, cross-validated: P {cv['precision']:.3f} R {cv['recall']:.3f} F1 {cv['f1']:.3f}")
    model = fit(X, y)
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT / "cues.npz", coef=model.coef_.ravel().astype(np.float32))
    meta = {"intercept": float(model.intercept_[0]), "threshold": THRESHOLD, "C": C, "cv": cv}
    (OUT / "cues.json").write_text(json.dumps(meta, indent=2) + "\n")
    write_card(cv, len(arts))
    print(f"wrote {OUT} in {time.perf_counter() - t0:.0f} s")


def write_card(cv: dict[str, Any], n_articles: int) -> None:
    card = f"""# Model card: newssift attribution cue classifier

Written by `train/attribution.py` (`make train`); do not edit by hand.

## What it is
A logistic regression (L2, C={C}) over hashed string features of each spaCy token (en_core_web_sm 3.8.0): its
lemma, tag and dependency, its syntactic head's, its children's dependencies, its neighbours, whether it has a
subject (and of what entity type) and whether it sits inside a quotation (`newssift/claims/cues.py`). It gives
the probability that a token is part of an attribution cue ("said", "according to", "told", "called for",
"criticized"); runs of adjacent tokens at or above {THRESHOLD} form one cue. The source, content and venue of
each cue are then read from the parse (`newssift/claims/quotes.py`): the subject of a cue verb, the object of
"according to", the possessor of a cue noun; the reported clause, the quotation, or the cue's complements.

## Data (read from ../shared/data, not redistributed)
PolNeAR train (Newell, Margolin & Ruths 2018, "An Attribution Relations Corpus for Political News", LREC):
{n_articles} US news articles from 2016 (seven publishers), brat Source/Cue/Content annotations. No licence is
stated upstream; research use with attribution. The dev split is kept for `bench/polnear.py`; the test split is
withheld from this project.

## Cross-validated scores
{cv["protocol"]}: {cv["tokens"]:,} tokens, {cv["cue_tokens"]:,} of them in cues. At {THRESHOLD}: precision
{cv["precision"]:.3f}, recall {cv["recall"]:.3f}, F1 {cv["f1"]:.3f}.

The end-to-end figures (source, cue and content F1, exact and overlap, on PolNeAR dev) are printed by
`python bench/polnear.py` and kept in `bench/results/polnear.json` and the README.

## Limits
- US political news of 2016; other registers (press releases, comments, translated wire copy) differ.
- English only. The parse is en_core_web_sm's: a wrong subject gives a wrong source.
- PolNeAR marks beliefs and stances ("supported", "wants") as attributions as well as speech; so does this model.
"""
    (OUT / "MODEL_CARD-attribution.md").write_text(card)


if __name__ == "__main__":
    main()
