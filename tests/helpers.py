"""Shared checks used by several test modules."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from newssift.report import Report


def regions(report: Report) -> list[tuple[str, int, int]]:
    """Every region of the report that page text can belong to: (role, start, end)."""
    out: list[tuple[str, int, int]] = []
    a = report.article
    if a.title:
        out.append(("title", a.title.start, a.title.end))
    if a.byline:
        out.append(("byline", a.byline.start, a.byline.end))
    out += [("article", p.start, p.end) for p in a.paragraphs]
    out += [("boilerplate", b.start, b.end) for b in report.boilerplate]
    for c in report.comments:
        out.append(("comment", c.start, c.end))
        for extra in (c.header, c.marker):
            if extra is not None:
                out.append(("comment", extra.start, extra.end))
    return out


def line_roles(report: Report) -> list[tuple[str, set[str]]]:
    """For each non-blank line of document.text: the line and the roles of the regions holding its words.

    A line "lies in" a region when all its non-blank characters do; a comment's marker ("1.") and header
    count as part of the comment.
    """
    text = report.document.text
    regs = regions(report)
    out = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        chars = [i for i in range(start, end) if not text[i].isspace()]
        roles: set[str] = set()
        for i in chars:
            holders = {role for role, s, e in regs if s <= i < e}
            roles |= holders if holders else {"<none>"}
        out.append((line, roles))
    return out


def cpu_seconds(run: Callable[[], object], repeats: int = 2) -> float:
    """The least CPU time (this process, all its threads) that ``run()`` took over ``repeats`` runs: CPU time, not
    wall time, so that other work on the machine does not count; the least, so that a pause in one run does not."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def assert_linear(run: Callable[[int], object], n: int, *, factor: int = 4, bound: float = 5.0) -> None:
    """``run(factor * n)`` costs at most ``bound`` times ``run(n)``: time grows (about) linearly with the input,
    checked as a ratio, never as a wall-clock threshold. What the warm-up left (the models: millions of objects)
    is frozen out of the garbage collector's sight while the runs are timed: a full collection walks all of it,
    and whether one falls in the larger run or not swung ratios of linear work from 3.7x to 7.8x."""
    run(max(1, n // 8))  # warm: models loaded, caches filled
    gc.collect()
    gc.freeze()
    try:
        small = cpu_seconds(lambda: run(n))
        # the least of two: on a shared 2-core machine one run's CPU time doubled under another process's load
        # (CI, 2026-12-06: 1.41 s -> 3.18 s where the machine alone gives 0.68 s -> 0.77 s)
        large = cpu_seconds(lambda: run(factor * n), repeats=2)
    finally:
        gc.unfreeze()
    assert large <= bound * small, (
        f"{factor}x the input took {large / small:.1f}x the time ({small:.2f} s -> {large:.2f} s)"
    )
