"""Sentences, candidate spans and their features: the one code path shared by training and run time.

A technique span is a word, a phrase, a clause, a quoted passage or a whole sentence. Candidates of each kind
are generated inside each sentence; the span detector scores which are technique spans and the technique
classifier says which technique. Offsets are characters of the text given (the Document text at run time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newssift.encoders.static import Featurizer
from newssift.segment import WORD, words

MAX_NGRAM = 4
KINDS = ("ngram", "clause", "quote", "sentence")
STOP = frozenset(ENGLISH_STOP_WORDS) | {"s", "t", "don", "didn", "doesn", "isn", "wasn", "won"}

_CLAUSE_BREAK = re.compile(r"\s*[,;:–—()]\s*|\s+-\s+")
_QUOTED = re.compile(r"[\"“«‘]([^\"“”«»‘’\n]{2,200}?)[\"”»’](?!\w)")
_NGRAM_BREAK = re.compile(r"[.!?;:,()\[\]\"“”«»\n–—]")


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    kind: str  # one of KINDS
    sentence: tuple[int, int]  # the sentence it lies in


def candidates(text: str, sentence: tuple[int, int]) -> list[Candidate]:
    """Every candidate span in one sentence: n-grams, clauses, quoted passages, and the sentence itself."""
    s0, s1 = sentence
    toks = words(text, s0, s1)
    seen: set[tuple[int, int]] = set()
    out: list[Candidate] = []

    def add(a: int, b: int, kind: str) -> None:
        if a < b and (a, b) not in seen:
            seen.add((a, b))
            out.append(Candidate(a, b, kind, sentence))

    lowered = [text[a:b].lower() for a, b in toks]
    # a name ("Petro Poroshenko", "Republican Party") is not cut: n-grams neither start nor end inside a run of
    # Title-case words (ALL-CAPS words do not count: whole memes and headlines are written that way; nor does a
    # capitalised stop word, as "The" opening a sentence)
    titled = [text[a].isupper() and not text[a:b].isupper() and w not in STOP for (a, b), w in zip(toks, lowered)]
    joined = [
        k + 1 < len(toks) and titled[k] and titled[k + 1] and not _NGRAM_BREAK.search(text, toks[k][1], toks[k + 1][0])
        for k in range(len(toks))
    ]  # joined[k]: token k and token k+1 belong to one name
    for i in range(len(toks)):
        if lowered[i] in STOP or not lowered[i][0].isalpha() or (i > 0 and joined[i - 1]):
            continue
        for n in range(1, MAX_NGRAM + 1):
            j = i + n - 1
            if j >= len(toks):
                break
            if j > i and _NGRAM_BREAK.search(text, toks[j - 1][1], toks[j][0]):
                break
            if lowered[j] in STOP or (n == 1 and len(lowered[i]) < 3) or joined[j]:
                continue
            add(toks[i][0], toks[j][1], "ngram")
    a = s0
    for m in [*_CLAUSE_BREAK.finditer(text, s0, s1), None]:
        b = m.start() if m else s1
        if len(words(text, a, b)) >= 2 and (a, b) != (s0, s1):
            add(*_trim(text, a, b), "clause")
        if m:
            a = m.end()
    for m in _QUOTED.finditer(text, s0, s1):
        if 1 <= len(words(text, m.start(1), m.end(1))) <= 15:
            add(m.start(1), m.end(1), "quote")
    add(s0, s1, "sentence")
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and not (text[a].isalnum() or text[a] in '"“‘«#'):
        a += 1
    while b > a and not (text[b - 1].isalnum() or text[b - 1] in '"”’»!?.'):
        b -= 1
    return a, b


def _dense(text: str, c: Candidate) -> list[float]:
    s = text[c.start : c.end]
    n = len(WORD.findall(s))
    s0, s1 = c.sentence
    before = text[max(s0, c.start - 1) : c.start]
    return [
        np.log1p(len(s)),
        np.log1p(n),
        (c.end - c.start) / max(1, s1 - s0),
        float("!" in s or text[c.end : c.end + 1] == "!"),
        float("?" in s or text[c.end : c.end + 1] == "?"),
        float(n == 1),
        float(n <= 3),
        float(before in {'"', "“", "‘", "«"}),
        *(float(c.kind == k) for k in KINDS),
    ]


N_DENSE = 8 + len(KINDS)


def features(fz: Featurizer, text: str, cands: list[Candidate]) -> sp.csr_matrix:
    """One row per candidate: its words and characters (hashed), its embedding, its sentence's embedding, shape."""
    if not cands:
        return sp.csr_matrix((0, fz.n_features + fz.dim + N_DENSE), dtype=np.float32)
    spans = [text[c.start : c.end] for c in cands]
    sents = sorted({c.sentence for c in cands})
    where = {s: i for i, s in enumerate(sents)}
    sent_vecs = fz.embed([text[a:b] for a, b in sents])
    ctx = sent_vecs[[where[c.sentence] for c in cands]]
    dense = np.array([_dense(text, c) for c in cands], dtype=np.float32)
    return sp.hstack([fz.transform(spans), sp.csr_matrix(ctx), sp.csr_matrix(dense)], format="csr", dtype=np.float32)
