"""Features of a (claim, passage) pair for the stance head: how related, and how the passage leans.

Relatedness: static MiniLM cosine of the claim with the whole passage and with its closest sentences, overlap of
content words and bigrams weighted by IDF, and how early in the passage the claim's words appear.
Lean: counts of refuting words ("hoax", "denied", "false"), hedges ("reportedly", "unconfirmed") and negation,
in the passage as a whole, in the sentences closest to the claim, and in the one sentence that restates most of
the claim (IDF-weighted), and whether the figures of the claim appear in the passage or that sentence gives
other figures. All features are dense scalars: the element-wise products of the claim's and passage's vectors,
tried earlier, learned FNC-1's topics and did not carry over to other news (see the stance model card).

Texts are featurised once each (``TextFeatures``), pairs combine them, so a claim checked against many passages,
or the 50,000 FNC-1 pairs over 1,683 bodies, costs little more than its distinct texts.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newssift.encoders.static import Featurizer
from newssift.segment import split_sentences

MAX_CHARS = 20_000
MAX_SENTENCES = 60
IDF_BUCKETS = 2**18
TOP = 3

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand million"
    " billion half dozen".split()
)

REFUTE = frozenset(
    """fake fraud hoax false falsely deny denies denied denial not despite nope doubt doubts doubted bogus debunk
    debunked debunks refute refuted refutes retract retracted retraction untrue misleading rumor rumour rumors
    rumours myth fabricated fabrication satire satirical baseless unfounded incorrect wrong never dismissed dismisses
    dismiss rejected rejects reject no""".split()
)
HEDGE = frozenset(
    """reportedly allegedly alleged claims claim claimed claiming purportedly apparently unconfirmed unverified
    rumored rumoured may might could possibly perhaps believed suspected appears appear seems seem according
    report reports reported sources source said says""".split()
)
NEGATION = frozenset("""not no never none nobody nothing neither nor n't cannot without""".split())
AGREE = frozenset(
    """confirmed confirms confirm true indeed official officially announced revealed shows showed proves proved
    verified evidence""".split()
)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def sentences(text: str) -> list[str]:
    """The first MAX_SENTENCES sentences of the first MAX_CHARS characters (``newssift.segment``), or that text
    itself when it has none (no word in it)."""
    head = text[:MAX_CHARS]
    return [head[a:b] for a, b in split_sentences(head)[:MAX_SENTENCES]] or [head]


def _bucket(w: str) -> int:
    return zlib.crc32(w.encode()) % IDF_BUCKETS


@dataclass(slots=True)
class TextFeatures:
    content: set[str]
    bigrams: set[tuple[str, str]]
    first: set[str]  # content words in the first 255 characters
    sentence_words: list[set[str]]
    sentence_vectors: np.ndarray  # (sentences, dim)
    vector: np.ndarray  # whole text
    n_words: int
    refute: np.ndarray  # per sentence counts: refute, hedge, negation, agree
    question: bool
    numbers: set[str]  # figures and number words in the text
    sentence_numbers: list[set[str]]


def _lexicon_counts(ws: list[str]) -> list[int]:
    return [
        sum(w in REFUTE for w in ws),
        sum(w in HEDGE for w in ws),
        sum(w in NEGATION or w.endswith("n't") for w in ws),
        sum(w in AGREE for w in ws),
    ]


def _numbers(text: str, ws: list[str]) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)} | {w for w in ws if w in NUMBER_WORDS}


def _content(ws: list[str]) -> list[str]:
    return [w for w in ws if w not in ENGLISH_STOP_WORDS and len(w) > 1]


class StanceFeaturizer:
    def __init__(self, featurizer: Featurizer, idf: np.ndarray) -> None:
        self.featurizer = featurizer
        self.idf = idf
        self.dim = featurizer.dim

    def texts(self, texts: list[str]) -> list[TextFeatures]:
        sents = [sentences(t) for t in texts]
        flat = [s for ss in sents for s in ss]
        vecs = self.featurizer.embed(flat) if flat else np.zeros((0, self.dim), dtype=np.float32)
        whole = self.featurizer.embed([t[:MAX_CHARS] for t in texts])
        out = []
        i = 0
        for t, ss, v in zip(texts, sents, whole):
            ws = words(t[:MAX_CHARS])
            cw = _content(ws)
            sw = [words(s) for s in ss]
            sn = [_numbers(s, w) for s, w in zip(ss, sw, strict=True)]
            out.append(
                TextFeatures(
                    content=set(cw),
                    bigrams=set(itertools.pairwise(cw)),
                    first=set(_content(words(t[:255]))),
                    sentence_words=[set(_content(x)) for x in sw],
                    sentence_vectors=vecs[i : i + len(ss)],
                    vector=v,
                    n_words=len(ws),
                    refute=np.array([_lexicon_counts(x) for x in sw], dtype=np.float32).reshape(-1, 4),
                    question="?" in t[:300],
                    numbers=set().union(*sn),
                    sentence_numbers=sn,
                )
            )
            i += len(ss)
        return out

    def _idf_sum(self, ws: set[str]) -> float:
        return float(sum(self.idf[_bucket(w)] for w in ws))

    def pair(self, claim: TextFeatures, passage: TextFeatures) -> np.ndarray:
        """Dense features of one pair: relatedness and lean (see the module docstring)."""
        sims = passage.sentence_vectors @ claim.vector if len(passage.sentence_vectors) else np.zeros(1)
        order = np.argsort(-sims)[:TOP]
        top = sims[order]
        cw = claim.content or {""}
        inter = claim.content & passage.content
        idf_all = self._idf_sum(cw) or 1.0
        sent_overlap = [len(claim.content & s) / len(cw) for s in passage.sentence_words] or [0.0]
        first_hit = next((k for k, x in enumerate(sent_overlap) if x >= 0.3), len(sent_overlap))
        lean_top = passage.refute[order].sum(axis=0) if len(passage.refute) else np.zeros(4)
        lean_all = passage.refute.sum(axis=0) if len(passage.refute) else np.zeros(4)
        claim_lean = claim.refute.sum(axis=0) if len(claim.refute) else np.zeros(4)
        n_sent = max(1, len(passage.sentence_words))
        # the sentence that restates most of the claim (IDF-weighted): how much of it, and how it leans
        cover = [self._idf_sum(claim.content & s) / idf_all for s in passage.sentence_words] or [0.0]
        b = int(np.argmax(cover))
        lean_best = passage.refute[b] if len(passage.refute) else np.zeros(4)
        best_numbers = passage.sentence_numbers[b] if passage.sentence_numbers else set()
        has_numbers = bool(claim.numbers)
        dense = [
            float(claim.vector @ passage.vector),
            float(top[0]) if len(top) else 0.0,
            float(top.mean()) if len(top) else 0.0,
            float(sims[:2].max()) if len(sims) else 0.0,
            len(inter) / len(cw),
            self._idf_sum(inter) / idf_all,
            len(claim.bigrams & passage.bigrams) / max(1, len(claim.bigrams)),
            len(claim.content & passage.first) / len(cw),
            self._idf_sum(claim.content & passage.first) / idf_all,
            max(sent_overlap),
            float(np.mean(sorted(sent_overlap)[-TOP:])),
            first_hit / n_sent,
            math.log1p(passage.n_words),
            math.log1p(claim.n_words),
            float(claim.question),
            *lean_top.tolist(),
            *(lean_all / n_sent).tolist(),
            *claim_lean.tolist(),
            float(np.sign(claim_lean[0]) * np.sign(lean_top[0])),
            cover[b],
            float(np.mean(sorted(cover)[-2:])),
            *lean_best.tolist(),
            float(has_numbers),
            len(claim.numbers & passage.numbers) / max(1, len(claim.numbers)),
            float(has_numbers and bool(best_numbers) and not (claim.numbers & best_numbers)),
        ]
        return np.asarray(dense, dtype=np.float32)

    def matrix(
        self, claims: list[TextFeatures], passages: list[TextFeatures], pairs: list[tuple[int, int]]
    ) -> np.ndarray:
        if not pairs:
            return np.zeros((0, self.n_features), dtype=np.float32)
        return np.stack([self.pair(claims[i], passages[j]) for i, j in pairs])

    N_FEATURES = 15 + 4 * 3 + 1 + 2 + 4 + 3

    @property
    def n_features(self) -> int:
        return self.N_FEATURES


def fit_idf(texts: list[str]) -> np.ndarray:
    """Smoothed IDF per hashed word bucket from a list of documents; unseen buckets get the maximum."""
    df = np.zeros(IDF_BUCKETS, dtype=np.float32)
    for t in texts:
        for b in {_bucket(w) for w in words(t[:MAX_CHARS])}:
            df[b] += 1
    return np.log((1 + len(texts)) / (1 + df)).astype(np.float32) + 1.0
