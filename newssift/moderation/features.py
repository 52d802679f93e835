"""Features of a comment for the moderation heads: distilled sentence embeddings plus hashed n-grams.

- ``embed``: the mean of static token vectors distilled from all-MiniLM-L6-v2 (``train/distill.py``), L2-normalised.
  Needs only the model's tokenizer and a table; no transformer at run time.
- hashed word 1–2-grams and character 2–5-grams (scikit-learn's HashingVectorizer): nothing to store but the
  heads' weights.

The same code builds training and run-time features, so what `make train` measured is what runs.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils import murmurhash3_32
from tokenizers import Tokenizer

MAX_TOKENS = 256
MAX_CHARS = 5000
N_FEATURES = 2**17
EMBED_WEIGHT = 2.0


def _bucket(feature: str) -> int:
    """The column HashingVectorizer gives a feature (sklearn's _hashing_fast: signed murmurhash3, seed 0)."""
    h = murmurhash3_32(feature, seed=0)
    if h == -(2**31):
        return (2147483647 - (N_FEATURES - 1)) % N_FEATURES
    return abs(h) % N_FEATURES


class Featurizer:
    def __init__(self, data_dir: Path) -> None:
        self.tokenizer = Tokenizer.from_file(str(data_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
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

    @property
    def n_features(self) -> int:
        return 2 * N_FEATURES + self.dim

    def embed(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch([t[:MAX_CHARS] for t in texts], add_special_tokens=False)
        lengths = np.array([len(e.ids) for e in encodings])
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if lengths.sum() == 0:
            return out
        ids = np.concatenate([np.asarray(e.ids, dtype=np.int64) for e in encodings if e.ids])
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

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        clipped = [t[:MAX_CHARS] for t in texts]
        emb = sp.csr_matrix(self.embed(clipped) * EMBED_WEIGHT)
        return sp.hstack([self.words.transform(clipped), self.chars.transform(clipped), emb], format="csr")
