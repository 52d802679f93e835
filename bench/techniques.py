"""Persuasion techniques: cross-validated scores on the shared training data (the same procedure as `make train`),
the cost per sentence on one core, and how often it fires on news.

    .venv/bin/python bench/techniques.py          (about 15 minutes on 2 cores; reads ../shared/data)

1. SemEval-2021 Task 6 training set, 5-fold grouped by text: technique classification with gold spans (micro-F1,
   per technique) and span identification + classification (the task's character-overlap F1) per threshold,
   beside the spans put on held-out objective news sentences (Ukraine-2014, all five workers: not subjective).
2. Cost: the whole stage (sentences, candidates, features, heads, patterns) over the 84 PolNeAR dev articles,
   pinned to one core with one BLAS thread; milliseconds per sentence, and spans per 1,000 words there.
Writes bench/results/techniques.json.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import SHARED

RESULTS = Path(__file__).resolve().parent / "results" / "techniques.json"
POLNEAR = SHARED / "polnear" / "dev" / "text"


def cost() -> dict[str, float]:
    from newssift.structure.text import analyze_text
    from newssift.techniques import find_techniques

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    texts = [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))]
    pages = [(t, [(p.start, p.end) for p in analyze_text(t).paragraphs]) for t in texts]
    find_techniques(*pages[0])  # load the models
    t0 = time.perf_counter()
    results = [find_techniques(t, regions) for t, regions in pages]
    dt = time.perf_counter() - t0
    n_sent = sum(r.sentences for r in results)
    n_words = sum(r.words for r in results)
    by_source = {src: sum(1 for r in results for s in r.spans if s.source == src) for src in ("model", "pattern")}
    return {
        "articles": len(pages),
        "sentences": n_sent,
        "words": n_words,
        "ms_per_sentence": 1000 * dt / n_sent,
        "model_spans_per_1000_words": 1000 * by_source["model"] / n_words,
        "pattern_spans_per_1000_words": 1000 * by_source["pattern"] / n_words,
    }


def main() -> None:
    from train.techniques import cross_validate

    scores = cross_validate(verbose=True)
    c = cost()
    print(
        f"cost: {c['ms_per_sentence']:.2f} ms/sentence on one core over {int(c['sentences'])} PolNeAR dev sentences; "
        f"there the model puts {c['model_spans_per_1000_words']:.2f} spans per 1,000 words and the patterns "
        f"{c['pattern_spans_per_1000_words']:.2f}"
    )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps({"cross_validation": scores, "cost": c, "machine": "x86_64, 2 cores"}, indent=2) + "\n"
    )


if __name__ == "__main__":
    main()
