"""The shared text features every stage's linear heads read (moderation, techniques, check-worthiness, stance):
distilled sentence embeddings plus hashed n-grams.

- ``embed``: the mean of static token vectors distilled from all-MiniLM-L6-v2 (``train/distill.py``), L2-normalised.
  Needs only the model's tokenizer and a table; no transformer at run time. ``token_ids`` tokenises each piece of
  text between spaces once and caches it: the same ids as the tokenizer gives the whole text.
- hashed word 1–2-grams and character 2–5-grams (scikit-learn's HashingVectorizer): nothing to store but the
  heads' weights. The character block, HashingVectorizer's slowest (it cuts n-grams in Python, one by one), is
  summed from each word's counts by ``char_ngrams``, a word's counts computed once and cached: the same matrix
  (``tests/test_moderation_fast_paths.py`` compares the two on the shared data), several times faster, since
  comments repeat words.

The same code builds training and run-time features, so what `make train` measured is what runs.
``get_featurizer()`` gives the process-wide one (its files, ``static-minilm.npz`` and ``tokenizer.json``, ship
with the moderation model in ``newssift/data/moderation``; ``NEWSSIFT_FEATURIZER`` names another folder).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import numpy as np
import scipy.sparse as sp
from sklearn import config_context
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils import murmurhash3_32
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

from newssift.encoders import tokenizer
from newssift.models import ModelCache

MAX_TOKENS = 256
MAX_CHARS = 5000
N_FEATURES = 2**17
EMBED_WEIGHT = 2.0

_SPACES = re.compile(r"[ \t\n\r]+")
_NO_IDS = np.zeros(0, dtype=np.int64)
_CACHE = 2**16  # most entries a cache of cached() keeps (20 MB for the n-gram columns); then it starts again

_V = TypeVar("_V")


def cached(cache: dict[str, _V], keys: set[str], compute: Callable[[list[str]], Iterable[_V]]) -> dict[str, _V]:
    """The value of each key, from *cache* or else from one call of ``compute(missing keys, sorted)``, which also
    fills the cache. Returns a table of its own: another request of the server may clear the cache meanwhile."""
    if len(cache) >= _CACHE:
        cache.clear()
    table = {k: v for k in keys if (v := cache.get(k)) is not None}
    new = sorted(keys - table.keys())
    if new:
        found = dict(zip(new, compute(new), strict=True))
        table.update(found)
        cache.update(found)
    return table


def _bucket(feature: str) -> int:
    """The column HashingVectorizer gives a feature (sklearn's _hashing_fast: signed murmurhash3, seed 0)."""
    h = murmurhash3_32(feature, seed=0)
    if h == -(2**31):
        return (2147483647 - (N_FEATURES - 1)) % N_FEATURES
    return abs(h) % N_FEATURES


class Featurizer:
    def __init__(self, data_dir: Path) -> None:
        self.tokenizer = tokenizer(data_dir / "tokenizer.json", MAX_TOKENS)
        with np.load(data_dir / "static-minilm.npz") as z:
            self.vectors = z["vectors"].astype(np.float32)
        self.dim = self.vectors.shape[1]
        self.words = HashingVectorizer(
            analyzer="word", ngram_range=(1, 2), n_features=N_FEATURES, alternate_sign=False, norm="l2"
        )
        self.chars = HashingVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), n_features=N_FEATURES, alternate_sign=False, norm="l2"
        )
        analyze = self.words.build_analyzer()

        @lru_cache(maxsize=2**16)
        def word_row(word: str) -> tuple[tuple[int, ...], tuple[float, ...]]:
            # the word's row of the word n-gram block, as HashingVectorizer.transform([word]) builds it (the same
            # hash, sign-free, l2-normalised), without its per-call overhead: evidence asks for it word by word
            counts = Counter(_bucket(gram) for gram in analyze(word))
            norm = float(np.sqrt(sum(c * c for c in counts.values()))) or 1.0
            return tuple(counts), tuple(c / norm for c in counts.values())

        self._word_row = word_row
        # the character block without its l2 norm, read one word at a time: word -> its n-grams' columns
        self._chars_counts = HashingVectorizer(**{**self.chars.get_params(), "norm": None})
        self._word_char_cols: dict[str, np.ndarray] = {}
        self._piece_ids: dict[str, np.ndarray] = {}  # text between spaces -> its token ids

    def char_ngrams(self, texts: list[str]) -> sp.csr_matrix:
        """``self.chars.transform(texts)`` built word by word: char_wb cuts each whitespace-separated word on its own,
        so a text's counts are the sum of its words' counts, and each word's are computed once and cached."""
        words_of = [t.lower().split() for t in texts]

        def columns(words: list[str]) -> list[np.ndarray]:
            raw = self._chars_counts.transform(words)
            # each column as often as the word has n-grams in it, so that a row is summed from ones
            return [
                np.repeat(raw.indices[lo:hi], raw.data[lo:hi].astype(np.int64))
                for lo, hi in zip(raw.indptr[:-1], raw.indptr[1:], strict=True)
            ]

        table = cached(self._word_char_cols, {w for words in words_of for w in words}, columns)
        entries = [table[w] for words in words_of for w in words]
        if not entries:
            return sp.csr_matrix((len(texts), N_FEATURES), dtype=np.float64)
        ends = np.cumsum([0] + [len(cols) for cols in entries])  # ends[k]: the n-grams of the first k words
        indptr = ends[np.cumsum([0] + [len(words) for words in words_of])]
        cols = np.concatenate(entries)
        x = sp.csr_matrix((np.ones(len(cols)), cols, indptr), shape=(len(texts), N_FEATURES))
        x.sum_duplicates()  # a column shared by two words of the text (" th", "he ") counts for both
        inplace_csr_row_normalize_l2(x)  # what normalize(x, norm="l2") runs, without its checks on every call
        return x

    @property
    def n_features(self) -> int:
        return 2 * N_FEATURES + self.dim

    def token_ids(self, texts: list[str]) -> list[np.ndarray]:
        """Each text's token ids, as ``tokenizer.encode(text, add_special_tokens=False)`` with truncation gives them,
        tokenised piece by piece between spaces, tabs and line breaks (where BERT's pre-tokenizer always splits and
        its normaliser joins nothing), each piece once and cached: comments repeat words."""
        pieces_of = [_SPACES.split(t) for t in texts]

        def ids(pieces: list[str]) -> list[np.ndarray]:
            return [
                np.asarray(e.ids, dtype=np.int64) for e in self.tokenizer.encode_batch(pieces, add_special_tokens=False)
            ]

        table = cached(self._piece_ids, {p for pieces in pieces_of for p in pieces if p}, ids)
        out = []
        for pieces in pieces_of:
            parts = [table[p] for p in pieces if p]
            out.append(np.concatenate(parts)[:MAX_TOKENS] if parts else _NO_IDS)
        return out

    def embed(self, texts: list[str]) -> np.ndarray:
        encodings = self.token_ids([t[:MAX_CHARS] for t in texts])
        lengths = np.array([len(ids) for ids in encodings])
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if lengths.sum() == 0:
            return out
        ids = np.concatenate([ids for ids in encodings if len(ids)])
        sums = np.add.reduceat(self.vectors[ids], np.concatenate([[0], np.cumsum(lengths[lengths > 0])[:-1]]), axis=0)
        out[lengths > 0] = sums / lengths[lengths > 0, None]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)

    def unigram_weights(self, vocab: list[str], weights: np.ndarray) -> np.ndarray:
        """Each word's own weight in a linear head: ``weights`` is the head's column over the feature layout,
        of which the word n-gram block comes first (a word's row holds its unigram and no bigram)."""
        out = np.zeros(len(vocab), dtype=np.float64)
        for i, word in enumerate(vocab):
            idx, vals = self._word_row(word)
            if idx:
                out[i] = float(np.dot(weights[list(idx)], vals))
        return out

    def blocks(self, texts: list[str]) -> tuple[sp.csr_matrix, sp.csr_matrix, np.ndarray]:
        """The three blocks of the feature layout: word n-grams, character n-grams, the embedding (weighted).

        scikit-learn's checks of the vectorizers' parameters are skipped (they are this class's own, fixed at
        construction): on one comment a call they cost about a third of the linear heads' time."""
        clipped = [t[:MAX_CHARS] for t in texts]
        with config_context(skip_parameter_validation=True):
            return self.words.transform(clipped), self.char_ngrams(clipped), self.embed(clipped) * EMBED_WEIGHT

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        words, chars, emb = self.blocks(texts)
        return sp.hstack([words, chars, sp.csr_matrix(emb)], format="csr")


_featurizers: ModelCache[Featurizer] = ModelCache(Featurizer, "NEWSSIFT_FEATURIZER", "moderation")


def get_featurizer(data_dir: Path | None = None) -> Featurizer:
    """The process-wide featurizer of *data_dir* (by default the shipped one), loaded on first use."""
    return _featurizers.get(data_dir)
