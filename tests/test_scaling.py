"""Cost against input size, as ratios of CPU time (``tests.helpers.assert_linear``), never as wall-clock limits.

A quadratic step makes 4x the input cost 16x the time; these tests allow 6x where the cost should grow with the
input, and 2x where a stage reads a capped prefix and should not grow at all. The pages are the news text of
``evaluation/scaling.py``, as ``bench/scaling.py`` builds them (it measures the same up to 5 MB): small sizes, so
that the whole file takes seconds.
"""

from __future__ import annotations

from functools import cache

import pytest

import newssift
from evaluation.scaling import page
from newssift.report import Report
from tests.conftest import DATA
from tests.helpers import assert_linear


@cache
def _page(kind: str, n_bytes: int) -> bytes:
    return page(kind, n_bytes, DATA / "article_extraction_benchmark" / "ground-truth.json").encode("utf-8")


@pytest.mark.parametrize("kind", ["plain", "html"])
def test_structure_provenance_and_report_grow_linearly(kind: str) -> None:
    # the stages that read the whole page, however long: 4x the text (1 MB) costs at most 6x the time
    def run(n: int) -> None:
        r = newssift.analyze(_page(kind, n), moderate=False, claims=False, techniques=False)
        assert len(r.article.paragraphs) >= n // 400  # news paragraphs are about 200 bytes: every one is read

    assert_linear(run, 250_000, bound=6.0)


def _read_to(r: Report, stage: str) -> int:
    """Where the capped stage says it stopped reading (its warning names the document offset)."""
    note = next(w for w in r.warnings if w.startswith(f"{stage}:"))
    return int(note.split("after character ")[1].split()[0].replace(",", ""))


def test_capped_stages_cost_the_same_past_their_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    # claims and techniques read the first MAX_CHARS of the article (small caps here, to keep the test cheap): past
    # them, 4x the page costs at most 2x the time (a stage that read everything again would cost about 4x), the
    # report says where each stopped, and nothing is reported from the text after that
    import newssift.claims
    import newssift.techniques

    monkeypatch.setattr(newssift.claims, "MAX_CHARS", 5_000)
    monkeypatch.setattr(newssift.techniques, "MAX_CHARS", 5_000)

    def run(n: int) -> None:
        r = newssift.analyze(_page("plain", n), moderate=False)
        if n < 10_000:  # the warm-up run (assert_linear's n // 8) is within the caps
            return
        claims_end, techniques_end = _read_to(r, "claims"), _read_to(r, "techniques")
        assert 4_000 < claims_end < 6_000 and 4_000 < techniques_end < 6_000
        assert r.claims and all(c.end <= claims_end for c in r.claims)
        assert all(q.content.end <= claims_end for q in r.quotes)
        assert all(e.end <= claims_end for e in r.timeline)
        assert r.techniques and all(t.end <= techniques_end for t in r.techniques)
        assert r.technique_summary is not None and r.technique_summary.words < 1_000
        assert "not analysed" in " ".join(r.warnings)

    assert_linear(run, 25_000, bound=2.0)


def test_techniques_grow_linearly_below_their_cap() -> None:
    from newssift.techniques import MAX_CHARS, find_techniques

    def run(n: int) -> None:
        text = _page("plain", n).decode("utf-8")
        r = find_techniques(text)
        assert not r.notes and r.words > n // 8

    assert 4 * 25_000 <= MAX_CHARS
    assert_linear(run, 25_000, bound=6.0)
