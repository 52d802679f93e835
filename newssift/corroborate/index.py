"""A hybrid passage index on disk: BM25 (bm25s) for words, HNSW (usearch) for vectors, fused by reciprocal rank.

An index is a directory written once and never changed: ``bm25/`` (bm25s's arrays), ``vectors.usearch`` and
``meta.json`` (how many passages, which keys). ``HybridIndex.build`` writes a new one; the corpus switches to it
by atomically replacing a pointer file, so a reader never sees a half-written index.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
from usearch.index import Index

CANDIDATES = 50
RRF_K = 60
STOPWORDS = "english"
# bm25s's scoring backend: "numba" is ~30x faster per query at 1M passages but compiles for ~5 s in each new
# process, so it pays off in long-running processes (serve, batch) over big corpora; numpy is the default
BACKEND = os.environ.get("NEWSSIFT_BM25_BACKEND", "numpy")

logging.getLogger("bm25s").setLevel(logging.WARNING)


def _tokenize(texts: list[str]) -> bm25s.tokenization.Tokenized:
    return bm25s.tokenize(texts, stopwords=STOPWORDS, show_progress=False)


@dataclass(frozen=True, slots=True)
class Hit:
    key: int  # the passage's key (its row id in the corpus)
    score: float  # fused reciprocal-rank score
    lexical_rank: int | None
    dense_rank: int | None


class HybridIndex:
    def __init__(self, path: Path, backend: str = BACKEND) -> None:
        self.path = path
        meta = json.loads((path / "meta.json").read_text())
        self.count = int(meta["count"])
        self.max_key = int(meta["max_key"])
        self.dim = int(meta["dim"])
        self.keys = np.load(path / "keys.npy", mmap_mode="r")
        self.bm25 = (
            bm25s.BM25.load(str(path / "bm25"), mmap=True, show_progress=False, backend=backend) if self.count else None
        )
        self.vectors = Index.restore(str(path / "vectors.usearch"), view=True) if self.count else None

    @staticmethod
    def build(path: Path, keys: np.ndarray, texts: list[str], vectors: np.ndarray, threads: int = 0) -> None:
        """Write a new index for passages (key, text, unit vector) into the empty directory *path*."""
        path.mkdir(parents=True)
        keys = np.asarray(keys, dtype=np.int64)
        np.save(path / "keys.npy", keys)
        dim = int(vectors.shape[1]) if vectors.ndim == 2 else 0
        if len(keys):
            bm25 = bm25s.BM25()
            bm25.index(_tokenize(texts), show_progress=False)
            bm25.save(str(path / "bm25"), show_progress=False)
            index = Index(ndim=dim, metric="cos", dtype="f16")
            index.add(keys, vectors.astype(np.float32), threads=threads)
            index.save(str(path / "vectors.usearch"))
        meta = {"count": len(keys), "max_key": int(keys.max()) if len(keys) else 0, "dim": dim}
        (path / "meta.json").write_text(json.dumps(meta))

    def lexical(self, queries: list[str], k: int = CANDIDATES) -> list[list[int]]:
        if self.bm25 is None or not queries:
            return [[] for _ in queries]
        tokens = _tokenize(queries)
        k = min(k, self.count)
        docs, scores = self.bm25.retrieve(tokens, k=k, show_progress=False, n_threads=1)
        return [[int(self.keys[d]) for d, s in zip(row, srow) if s > 0] for row, srow in zip(docs, scores)]

    def dense(self, vectors: np.ndarray, k: int = CANDIDATES) -> list[list[int]]:
        if self.vectors is None or not len(vectors):
            return [[] for _ in range(len(vectors))]
        found = self.vectors.search(vectors.astype(np.float32), count=min(k, self.count))
        keys = np.atleast_2d(np.asarray(found.keys))
        counts = np.atleast_1d(np.asarray(getattr(found, "counts", len(keys[0]))))
        return [[int(x) for x in row[:n]] for row, n in zip(keys, counts)]

    def search(self, queries: list[str], vectors: np.ndarray, k: int = 20) -> list[list[Hit]]:
        """Top-k passages per query by reciprocal-rank fusion of the BM25 and vector candidates."""
        out = []
        for lex, den in zip(self.lexical(queries), self.dense(vectors)):
            ranks: dict[int, list[int | None]] = {}
            for r, key in enumerate(lex):
                ranks.setdefault(key, [None, None])[0] = r
            for r, key in enumerate(den):
                ranks.setdefault(key, [None, None])[1] = r
            hits = [
                Hit(key, sum(1.0 / (RRF_K + 1 + x) for x in rr if x is not None), rr[0], rr[1])
                for key, rr in ranks.items()
            ]
            hits.sort(key=lambda h: -h.score)
            out.append(hits[:k])
        return out
