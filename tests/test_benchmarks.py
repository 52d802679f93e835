"""The page-structure goals on the shared benchmarks (the same code as bench/, from evaluation/, without timings).

All 1,147 pages (181 article-extraction-benchmark + 966 Dragnet) must be analysed without an exception, and the
scores must reach the issue's goals: article-body F1 >= 0.965, comment-text F1 >= 0.90.
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from evaluation.metrics import Page, aeb_pages, dragnet_pages, shingle_counts, shingle_prf, token_f1
from evaluation.run import Outcome, run_newssift
from tests.conftest import DATA, needs_shared, require_shared

pytestmark = needs_shared


def _run_all(folder: str, pages: Callable[[Path], Iterable[Page]]) -> list[Outcome]:
    require_shared(DATA / folder)
    logging.disable(logging.WARNING)
    try:
        return [run_newssift(p) for p in pages(DATA / folder)]
    finally:
        logging.disable(logging.NOTSET)


@pytest.fixture(scope="module")
def aeb() -> list[Outcome]:
    return _run_all("article_extraction_benchmark", aeb_pages)


@pytest.fixture(scope="module")
def dragnet() -> list[Outcome]:
    return _run_all("dragnet", dragnet_pages)


def test_no_exception_on_any_benchmark_page(aeb: list[Outcome], dragnet: list[Outcome]) -> None:
    assert len(aeb) == 181 and len(dragnet) == 966
    failures = [f"{o.page.id}: {o.error}" for o in aeb + dragnet if o.error]
    assert failures == []


def test_article_body_f1_on_extraction_benchmark(aeb: list[Outcome]) -> None:
    _p, _r, f1 = shingle_prf([shingle_counts(o.page.body, o.article) for o in aeb])
    assert f1 >= 0.965


def test_comment_f1_on_dragnet(dragnet: list[Outcome]) -> None:
    with_comments = [o for o in dragnet if o.page.comments.strip()]
    assert len(with_comments) >= 280
    f1 = statistics.mean(token_f1(o.page.comments, o.comments) for o in with_comments)
    assert f1 >= 0.90
    detected = statistics.mean(bool(o.page.comments.strip()) == bool(o.comments.strip()) for o in dragnet)
    assert detected >= 0.90


def test_comment_threads_are_consistent(dragnet: list[Outcome]) -> None:
    for o in dragnet:
        assert o.report is not None
        ids = {c.id for c in o.report.comments}
        for c in o.report.comments:
            assert c.parent is None or c.parent in ids
            assert c.text.strip()
