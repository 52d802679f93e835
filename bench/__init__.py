"""Benchmark scripts (``make bench``); the scoring helpers they share with the tests are in evaluation/."""

from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"  # ../shared/data beside the repository
AEB = SHARED / "article_extraction_benchmark"
DRAGNET = SHARED / "dragnet"
