"""Comments and article on Dragnet (966 training pages, 282 with a comment section), newssift beside trafilatura.

    .venv/bin/python bench/dragnet.py

Prints, for newssift and for trafilatura with include_comments=True, in the same run:
- comment-section detection accuracy over all pages (has comments / has none, against the gold);
- comment-text token F1, averaged over the pages whose gold has comments (0 for a page where none were found);
- micro token F1 of comment text over all pages; article-body token F1 averaged over all pages;
- time per page: newssift's whole structure stage (decode, metadata, article, boilerplate, comments, report)
  as a ratio to trafilatura's bare_extraction, with and without its metadata.
Writes bench/results/dragnet.json.
"""

from __future__ import annotations

import json
import logging
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import trafilatura

from bench import DRAGNET
from evaluation.metrics import dragnet_pages, token_counts, token_f1
from evaluation.run import run_newssift

RESULTS = Path(__file__).resolve().parent / "results" / "dragnet.json"


def score(rows: list[tuple[str, str, str, str]]) -> dict[str, float]:
    """rows: (gold body, gold comments, predicted body, predicted comments)."""
    detect = [bool(gc.strip()) == bool(pc.strip()) for _gb, gc, _pb, pc in rows]
    with_comments = [token_f1(gc, pc) for _gb, gc, _pb, pc in rows if gc.strip()]
    tp = fp = fn = 0
    for _gb, gc, _pb, pc in rows:
        a, b, c = token_counts(gc, pc)
        tp, fp, fn = tp + a, fp + b, fn + c
    body = [token_f1(gb, pb) for gb, _gc, pb, _pc in rows]
    return {
        "detection_accuracy": statistics.mean(detect),
        "comment_f1_pages_with_comments": statistics.mean(with_comments),
        "comment_f1_micro_all_pages": 2 * tp / (2 * tp + fp + fn),
        "article_f1": statistics.mean(body),
        "pages_with_gold_comments": len(with_comments),
    }


def main() -> None:
    logging.disable(logging.WARNING)
    pages = list(dragnet_pages(DRAGNET))
    ours: list[tuple[str, str, str, str]] = []
    theirs: list[tuple[str, str, str, str]] = []
    t_ours = t_bare = t_meta = 0.0
    errors: list[str] = []
    for page in pages:
        out = run_newssift(page)
        t_ours += out.seconds
        if out.error:
            errors.append(f"{page.id}: {out.error}")
        ours.append((page.body, page.comments, out.article, out.comments))
        t0 = time.perf_counter()
        doc = trafilatura.bare_extraction(page.html)
        t_bare += time.perf_counter() - t0
        t0 = time.perf_counter()
        trafilatura.bare_extraction(page.html, with_metadata=True)
        t_meta += time.perf_counter() - t0
        theirs.append((page.body, page.comments, (doc.text if doc else "") or "", (doc.comments if doc else "") or ""))
    n = len(pages)
    s_ours, s_theirs = score(ours), score(theirs)
    print(
        f"dragnet (train split): {n} pages, {s_ours['pages_with_gold_comments']} with gold comments, "
        f"newssift errors: {len(errors)}"
    )
    print(f"{'metric':<40} {'newssift':>9} {'trafilatura':>12}")
    for key in ("detection_accuracy", "comment_f1_pages_with_comments", "comment_f1_micro_all_pages", "article_f1"):
        print(f"{key:<40} {s_ours[key]:>9.4f} {s_theirs[key]:>12.4f}")
    ms_ours, ms_bare, ms_meta = (1000 * t / n for t in (t_ours, t_bare, t_meta))
    print(
        f"time per page: newssift structure {ms_ours:.1f} ms; trafilatura bare_extraction {ms_bare:.1f} ms "
        f"(ratio {ms_ours / ms_bare:.2f}x); with metadata {ms_meta:.1f} ms (ratio {ms_ours / ms_meta:.2f}x)"
    )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "pages": n,
                "errors": errors,
                "newssift": s_ours,
                "trafilatura_include_comments": s_theirs,
                "ms_per_page": {
                    "newssift": ms_ours,
                    "trafilatura_bare_extraction": ms_bare,
                    "trafilatura_bare_extraction_with_metadata": ms_meta,
                },
            },
            indent=2,
        )
        + "\n"
    )
    for e in errors:
        print("error:", e)


if __name__ == "__main__":
    main()
