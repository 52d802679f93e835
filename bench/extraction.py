"""Article-body extraction on the article-extraction-benchmark (181 pages): newssift beside trafilatura.

    .venv/bin/python bench/extraction.py

Prints shingle precision/recall/F1 (the benchmark's method) and time per page for newssift's structure stage
and for trafilatura run two ways (its defaults, and favor_precision without comments), all in the same run;
writes bench/results/extraction.json.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import trafilatura

from bench import AEB
from evaluation.metrics import aeb_pages, shingle_counts, shingle_prf
from evaluation.run import run_newssift

RESULTS = Path(__file__).resolve().parent / "results" / "extraction.json"


def main() -> None:
    logging.disable(logging.WARNING)
    pages = list(aeb_pages(AEB))
    systems = {
        "newssift": [],
        "trafilatura (defaults)": [],
        "trafilatura (favor_precision, no comments)": [],
    }
    times = {k: 0.0 for k in systems}
    errors: list[str] = []
    for page in pages:
        out = run_newssift(page)
        if out.error:
            errors.append(f"{page.id}: {out.error}")
        systems["newssift"].append(shingle_counts(page.body, out.article))
        times["newssift"] += out.seconds
        for name, kwargs in (
            ("trafilatura (defaults)", {}),
            ("trafilatura (favor_precision, no comments)", {"favor_precision": True, "include_comments": False}),
        ):
            t0 = time.perf_counter()
            text = trafilatura.extract(page.html, url=page.url, **kwargs) or ""
            times[name] += time.perf_counter() - t0
            systems[name].append(shingle_counts(page.body, text))
    result: dict[str, object] = {"pages": len(pages), "errors": errors, "systems": {}}
    print(f"article-extraction-benchmark: {len(pages)} pages, newssift errors: {len(errors)}")
    print(f"{'system':<46} {'precision':>9} {'recall':>7} {'F1':>7} {'ms/page':>8}")
    for name, rows in systems.items():
        p, r, f = shingle_prf(rows)
        ms = 1000 * times[name] / len(pages)
        print(f"{name:<46} {p:>9.4f} {r:>7.4f} {f:>7.4f} {ms:>8.1f}")
        result["systems"][name] = {"precision": p, "recall": r, "f1": f, "ms_per_page": ms}  # type: ignore[index]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    for e in errors:
        print("error:", e)


if __name__ == "__main__":
    main()
