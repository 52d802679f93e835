"""Syndication: precision and recall of "same origin" on a labelled set of pairs, and the speed of the pieces.

    .venv/bin/python bench/syndication.py

The labelled set is built here from real articles in ../shared/data:
- positives (4 per article, 30 articles from the article-extraction-benchmark's gold bodies): a truncated copy
  (first 40–60% of the words), a copy with a new headline and advertisements, the article embedded in a page with
  two other stories, and a lightly edited copy (every tenth sentence dropped, one word in twenty changed);
- negatives: the most similar pairs of *different* PolNeAR articles published the same day by different outlets
  (the same event in another outlet's words), and random pairs of benchmark articles.
Also: MinHash signatures per second on one core (article texts; raw HTML too), and registry lookups per second.
Writes bench/results/syndication.json.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import csv
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import AEB, SHARED
from evaluation.metrics import aeb_pages
from newssift.provenance.registry import lookup_source
from newssift.provenance.syndication import THRESHOLD, same_origin, signatures

RESULTS = Path(__file__).resolve().parent / "results" / "syndication.json"
_SENT = re.compile(r"(?<=[.!?])\s+")
_WORDS = re.compile(r"\w+")


def positives(articles: list[str], rng: random.Random) -> list[tuple[str, str, str]]:
    out = []
    for i, art in enumerate(articles):
        words = art.split()
        cut = int(len(words) * rng.uniform(0.4, 0.6))
        out.append(("truncated copy", art, " ".join(words[:cut])))
        ads = "\n\nAdvertisement\nSubscribe now and get 3 months free!\n\n"
        paras = art.split("\n")
        mid = len(paras) // 2
        out.append(
            (
                "new headline and ads",
                art,
                "BREAKING: You won't believe this\n\n"
                + "\n".join(paras[:mid])
                + ads
                + "\n".join(paras[mid:])
                + "\n\nSponsored content: the best deals of the week.",
            )
        )
        others = [articles[(i + 7) % len(articles)], articles[(i + 13) % len(articles)]]
        out.append(("embedded in a page", art, others[0] + "\n\n" + art + "\n\n" + others[1]))
        sents = _SENT.split(art)
        kept = [s for k, s in enumerate(sents) if k % 10 != 9]
        edited = []
        for s in kept:
            ws = s.split()
            edited.append(" ".join(w if rng.random() > 0.05 else "indeed" for w in ws))
        out.append(("lightly edited", art, " ".join(edited)))
    return out


def polnear_same_day_pairs(n: int) -> list[tuple[str, str, str]]:
    meta = SHARED / "polnear" / "metadata.tsv"
    texts: dict[str, Path] = {}
    for folder in ("train", "dev"):
        for p in (SHARED / "polnear" / folder / "text").glob("*.txt"):
            texts[p.stem] = p
    by_day: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with meta.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["filename"] in texts:
                by_day[row["publication_date"]].append((row["publisher"], row["filename"]))
    scored = []
    for items in by_day.values():
        for (pa, fa), (pb, fb) in combinations(items, 2):
            if pa == pb:
                continue
            ta, tb = texts[fa].read_text(encoding="utf-8"), texts[fb].read_text(encoding="utf-8")
            ca = Counter(w for w in _WORDS.findall(ta.lower()) if len(w) > 4)
            cb = Counter(w for w in _WORDS.findall(tb.lower()) if len(w) > 4)
            overlap = sum((ca & cb).values()) / max(1, min(sum(ca.values()), sum(cb.values())))
            scored.append((overlap, ta, tb))
    scored.sort(key=lambda x: -x[0])
    return [("same event, other outlet", a, b) for _o, a, b in scored[:n]]


def main() -> None:
    rng = random.Random(0)
    bodies = [p.body for p in aeb_pages(AEB) if len(p.body.split()) >= 250]
    articles = bodies[:30]
    pairs = [(kind, a, b, True) for kind, a, b in positives(articles, rng)]
    pairs += [(kind, a, b, False) for kind, a, b in polnear_same_day_pairs(60)]
    for _ in range(30):
        a, b = rng.sample(bodies, 2)
        pairs.append(("unrelated articles", a, b, False))
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    tp = fp = fn = tn = 0
    for kind, a, b, label in pairs:
        same, _score = same_origin(a, b)
        per_kind[kind][0] += int(same == label)
        per_kind[kind][1] += 1
        tp += same and label
        fp += same and not label
        fn += (not same) and label
        tn += (not same) and (not label)
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    print(f"labelled pairs: {len(pairs)} ({tp + fn} same origin, {fp + tn} not); threshold {THRESHOLD}")
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    for kind, (ok, n) in per_kind.items():
        print(f"    {ok / n:.2f}  {ok:>3}/{n:<3} {kind}")

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    # newssift signs a page's article text (what syndication copies share), not its raw HTML
    pages = ([p.body for p in aeb_pages(AEB)] * 12)[:2000]
    t0 = time.perf_counter()
    signatures(pages)
    sig_rate = len(pages) / (time.perf_counter() - t0)
    raw = [p.html.decode("utf-8", "replace") for p in aeb_pages(AEB)][:200]
    t0 = time.perf_counter()
    signatures(raw)
    raw_rate = len(raw) / (time.perf_counter() - t0)
    queries = [
        "rt.com",
        "https://www.reuters.com/world/x",
        "Russia Today",
        "veteranstoday.com",
        "no-such.example",
    ] * 40000
    lookup_source("warm-up")
    t0 = time.perf_counter()
    for q in queries:
        lookup_source(q)
    lookup_rate = len(queries) / (time.perf_counter() - t0)
    avg_kb = sum(len(p) for p in pages) / len(pages) / 1024
    print(
        f"MinHash signatures: {sig_rate:,.0f} pages/s on one core (article texts, {avg_kb:.1f} KB on average); "
        f"{raw_rate:,.0f}/s over whole raw HTML pages"
    )
    print(f"registry lookups: {lookup_rate:,.0f}/s on one core")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "pairs": len(pairs),
                "precision": precision,
                "recall": recall,
                "threshold": THRESHOLD,
                "per_kind_accuracy": {k: ok / n for k, (ok, n) in per_kind.items()},
                "signatures_per_second": sig_rate,
                "raw_html_signatures_per_second": raw_rate,
                "lookups_per_second": lookup_rate,
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
