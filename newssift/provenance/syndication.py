"""Syndicated copies: are two texts one origin? MinHash over word shingles plus a containment measure.

A copy may be full, truncated, lightly edited, or embedded in a larger page with other stories, so the test is
containment — how much of the *smaller* text lies in the larger — estimated from MinHash signatures and the
shingle counts, not plain Jaccard similarity. ``SyndicationIndex`` finds candidates among many pages with
datasketch's MinHash LSH, then checks containment; it scales to millions of signatures.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE = 5
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch's default hashing scheme; stored signatures are rebuilt with it
THRESHOLD = 0.5  # containment at or above which two texts are one origin
_WORD = re.compile(r"\w+")


_MULT = np.uint64(0x100000001B3)  # FNV-style multiplier for combining word hashes into shingle hashes
_MAX_HASH = np.uint64((1 << 32) - 1)


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """Distinct 32-bit hashes of the text's k-word shingles (lower-cased \\w+ words), stable across processes."""
    words = _WORD.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    if len(words) >= k:
        acc = h[: len(words) - k + 1].copy()
        with np.errstate(over="ignore"):
            for j in range(1, k):
                acc = acc * _MULT + h[j : len(words) - k + 1 + j]
        h = acc
    else:
        with np.errstate(over="ignore"):
            h = np.array([np.bitwise_xor.reduce(h * _MULT)], dtype=np.uint64)
    return np.unique(h & _MAX_HASH)


@dataclass(frozen=True, slots=True)
class Signature:
    minhash: MinHash
    size: int  # number of distinct shingles


def _identity(value: int) -> int:
    return value


def _minhash(hv: np.ndarray) -> MinHash:
    """datasketch's MinHash over shingle hashes computed here (vectorised), not re-hashed one by one."""
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity, scheme=SCHEME)
    if len(hv):
        m.update_batch(hv.tolist())
    return m


def signature(text: str) -> Signature:
    hv = shingle_hashes(text)
    return Signature(_minhash(hv), len(hv))


def signatures(texts: Iterable[str]) -> list[Signature]:
    return [signature(t) for t in texts]


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the smaller text's shingles that are in the other: |A∩B| / min(|A|, |B|)."""
    if a.size == 0 or b.size == 0:
        return 0.0
    j = float(np.mean(a.minhash.hashvalues == b.minhash.hashvalues))
    inter = j * (a.size + b.size) / (1.0 + j)
    return min(1.0, inter / min(a.size, b.size))


def same_origin(a: str, b: str, threshold: float = THRESHOLD) -> tuple[bool, float]:
    """Whether two texts are copies of one origin, and the containment score behind the decision."""
    score = containment(signature(a), signature(b))
    return score >= threshold, round(score, 4)


class SyndicationIndex:
    """Many pages' signatures; ``query`` returns the keys of pages that share an origin with a text."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        # LSH on Jaccard finds candidates; a copy embedded in a much longer page has low Jaccard, so the
        # candidate threshold is low and containment decides
        self.lsh = MinHashLSH(threshold=0.1, num_perm=NUM_PERM)
        self.sigs: dict[str, Signature] = {}
        self.threshold = threshold

    def add(self, key: str, text: str | Signature) -> None:
        sig = text if isinstance(text, Signature) else signature(text)
        self.sigs[key] = sig
        self.lsh.insert(key, sig.minhash)

    def query(self, text: str | Signature) -> list[tuple[str, float]]:
        sig = text if isinstance(text, Signature) else signature(text)
        hits = []
        for key in self.lsh.query(sig.minhash):
            score = containment(sig, self.sigs[key])
            if score >= self.threshold:
                hits.append((key, round(score, 4)))
        return sorted(hits, key=lambda h: -h[1])
