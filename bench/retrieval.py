"""Evidence retrieval at scale: build the hybrid index over synthetic passages, then time queries.

    .venv/bin/python bench/retrieval.py                 (100k and 1M passages; about 15 minutes on 2 cores)
    .venv/bin/python bench/retrieval.py --sizes 100000  (about 1 minute)

Passages are synthetic but shaped like news text: 1,000 topics, each a set of 300 words drawn from the FNC-1
bodies' vocabulary; a passage is 60 words, 60% from its topic and 40% from the whole vocabulary by frequency.
A query is 5 of its target passage's topic words, 4 other words of the same topic that the passage lacks, and
2 background words, in random order (a claim paraphrasing a passage, sharing its subject with 1,000 others at
1M). Measures: build time, index size on disk, per-query latency (p50/p95, one query at a time, lexical + dense +
fusion, query embedding included) and recall@10 of the target passage.
Writes bench/results/retrieval.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from functools import cache
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newssift.corroborate.index import HybridIndex
from newssift.encoders.static import get_featurizer

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
RESULTS = Path(__file__).resolve().parent / "results" / "retrieval.json"
TOPICS = 1000
TOPIC_WORDS = 300
WORDS = 60
QUERIES = 500


@cache
def vocabulary() -> tuple[list[str], np.ndarray]:
    csv.field_size_limit(sys.maxsize)
    with (DATA / "fnc1" / "train_bodies.csv").open(encoding="utf-8") as fh:
        counts = Counter(w for r in csv.DictReader(fh) for w in re.findall(r"[a-z]{3,}", r["articleBody"].lower()))
    vocab = [w for w, n in counts.most_common() if n >= 3]
    freq = np.array([counts[w] for w in vocab], dtype=np.float64)
    return vocab, freq / freq.sum()


def synthesise(n: int, rng: np.random.Generator) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    vocab, p = vocabulary()
    topics = rng.integers(0, len(vocab), size=(TOPICS, TOPIC_WORDS))
    topic_of = rng.integers(0, TOPICS, n)
    n_topic = int(WORDS * 0.6)
    picks = topics[topic_of[:, None], rng.integers(0, TOPIC_WORDS, size=(n, n_topic))]
    background = rng.choice(len(vocab), size=(n, WORDS - n_topic), p=p)
    ids = np.concatenate([picks, background], axis=1)
    words = np.array(vocab, dtype=object)
    texts = [" ".join(row) for row in words[ids]]
    return texts, ids, topics, topic_of


def queries(
    ids: np.ndarray, topics: np.ndarray, topic_of: np.ndarray, targets: np.ndarray, rng: np.random.Generator
) -> list[str]:
    vocab, p = vocabulary()
    n_topic = int(WORDS * 0.6)
    out = []
    for t in targets:
        own = rng.choice(np.unique(ids[t, :n_topic]), 5, replace=False)
        mates = rng.choice(np.setdiff1d(topics[topic_of[t]], ids[t]), 4, replace=False)
        noise = rng.choice(len(vocab), 2, p=p)
        words = [vocab[i] for i in (*own, *mates, *noise)]
        rng.shuffle(words)
        out.append(" ".join(words))
    return out


def run(n: int, workdir: Path) -> dict[str, float]:
    rng = np.random.default_rng(n)
    featurizer = get_featurizer()
    t0 = time.perf_counter()
    texts, ids, topics, topic_of = synthesise(n, rng)
    t1 = time.perf_counter()
    vectors = np.vstack([featurizer.embed(texts[i : i + 10_000]) for i in range(0, n, 10_000)])
    t2 = time.perf_counter()
    path = workdir / f"index-{n}"
    HybridIndex.build(path, np.arange(n), texts, vectors)
    t3 = time.perf_counter()
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    del texts, vectors
    targets = rng.choice(n, QUERIES, replace=False)
    qs = queries(ids, topics, topic_of, targets, rng)
    timings = {}
    for backend in ("numpy", "numba"):
        index = HybridIndex(path, backend=backend)
        s = time.perf_counter()
        index.search([qs[0]], featurizer.embed([qs[0]]), k=10)  # the first query pays numba's compilation
        first_ms = (time.perf_counter() - s) * 1000
        latencies = []
        found = 0
        for q, target in zip(qs, targets):
            s = time.perf_counter()
            hits = index.search([q], featurizer.embed([q]), k=10)[0]
            latencies.append((time.perf_counter() - s) * 1000)
            found += any(h.key == target for h in hits)
        timings[backend] = {
            "first_query_ms": round(first_ms, 1),
            "query_p50_ms": round(float(np.percentile(latencies, 50)), 2),
            "query_p95_ms": round(float(np.percentile(latencies, 95)), 2),
            "recall_at_10": found / len(targets),
        }
    lex = index.lexical(qs[:100], k=10)
    den = index.dense(featurizer.embed(qs[:100]), k=10)
    result = {
        "passages": n,
        "synthesise_s": round(t1 - t0, 1),
        "embed_s": round(t2 - t1, 1),
        "build_s": round(t3 - t2, 1),
        "index_mib": round(size / 2**20, 1),
        **{f"{b}_{k}": v for b, t in timings.items() for k, v in t.items()},
        "recall_at_10_lexical_only": float(np.mean([t in row for t, row in zip(targets[:100], lex)])),
        "recall_at_10_dense_only": float(np.mean([t in row for t, row in zip(targets[:100], den)])),
    }
    print(
        f"{n:>9,} passages: build {result['build_s']:.0f} s (+ embed {result['embed_s']:.0f} s), "
        f"{result['index_mib']:.0f} MiB on disk; query p50/p95 {result['numpy_query_p50_ms']:.1f}/"
        f"{result['numpy_query_p95_ms']:.1f} ms with bm25s numpy, {result['numba_query_p50_ms']:.1f}/"
        f"{result['numba_query_p95_ms']:.1f} ms with numba (first query {result['numba_first_query_ms']:.0f} ms); "
        f"recall@10 {result['numpy_recall_at_10']:.3f} "
        f"(lexical only {result['recall_at_10_lexical_only']:.2f}, dense only {result['recall_at_10_dense_only']:.2f})",
        flush=True,
    )
    shutil.rmtree(path)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="newssift-retrieval-") as tmp:
        results = [run(n, Path(tmp)) for n in args.sizes]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
