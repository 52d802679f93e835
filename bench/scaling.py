"""Cost against input size: time and peak memory of `newssift.pipeline.analyze` on 0.1 to 5 MB of news text.

    .venv/bin/python bench/scaling.py                       (about 6 minutes on 2 cores)
    .venv/bin/python bench/scaling.py --sizes 0.1,1 --kinds plain

The text is real news: the article bodies of the Article Extraction Benchmark (../shared/data/
article_extraction_benchmark/ground-truth.json, 181 articles, 0.8 MB), paragraph after paragraph, in a new
shuffled order on every pass, to the size asked (UTF-8 bytes of the input); without ../shared, the paragraphs of
the pages in examples/. "plain" is that text as a copied page (a title, a byline, blank-line paragraphs); "html"
is one article page holding the same paragraphs (<p>, a heading every 20), with a nav bar and a footer (built by
evaluation/scaling.py, which tests/test_scaling.py uses too).

Each (kind, size) runs in a fresh subprocess: it analyses a small page of the same kind first (the models load,
the caches fill), then the timed page with every stage (structure, claims, techniques, provenance; no comments,
so no moderation), twice, the least time kept. Time is wall time and CPU time (user + system) of that call, with
the CPU time of each stage; BLAS runs one thread, as in a batch worker. Memory is the child's peak resident set
(getrusage maxrss) and its growth over the peak after the warm-up, which is what the input costs.

The goal (issue 28): cost linear in the input, at most 2 s per MB, and memory at most 200 MB + 20x the input.
The claims and techniques stages read a capped prefix of the text (newssift.claims.MAX_CHARS,
newssift.techniques.MAX_CHARS) and say so in the report's warnings; what grows with the input past that is the
structure stage, provenance and the report. So two figures per size: CPU seconds per MB of the whole call, and
the marginal seconds per MB from the smallest size (the slope: what each further MB costs). A size meets the time
goal when its CPU time is at most 2 s per MB, or, where the fixed cost of the capped stages alone is more than
that (small inputs), when its marginal cost is; and the memory goal when its growth is within 200 MB + 20x the
input. Writes bench/results/scaling.json (only from a run of the default sizes and kinds).
"""

from __future__ import annotations

import os

# one thread per analysis, as a batch worker runs it: CPU time is then the work done (BLAS threads that wait for a
# busy core spin, and their CPU time measured the machine's other work, not newssift's)
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from itertools import pairwise  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluation.scaling import page, paragraphs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
AEB = ROOT.parent / "shared" / "data" / "article_extraction_benchmark" / "ground-truth.json"
RESULTS = ROOT / "bench" / "results" / "scaling.json"
SIZES = (0.1, 0.5, 1.0, 2.0, 5.0)
KINDS = ("plain", "html")
GOAL_S_PER_MB = 2.0
GOAL_MB_FIXED, GOAL_MB_PER_MB = 200.0, 20.0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def child(kind: str, mb: float, repeats: int) -> dict[str, object]:
    """One measurement, in this (fresh) process: ``repeats`` analyses of the page, the least time kept."""
    from newssift.ingest import load
    from newssift.pipeline import Options, analyze_raw

    content = page(kind, int(mb * 1e6), AEB)
    data = content.encode("utf-8")
    analyze_raw(load(page(kind, 3_000, AEB).encode("utf-8")), Options())  # warm: models and caches
    warm_mb = _peak_mb()
    best: dict[str, float] = {}
    marks: list[tuple[str, float, float]] = []

    def mark(stage: str) -> None:
        marks.append((stage, time.perf_counter(), time.process_time()))

    for _ in range(repeats):
        # what newssift.pipeline.analyze does (ingest, then the stages), with the time of each stage
        marks.clear()
        mark("ingest")
        report = analyze_raw(load(data), Options(), progress=mark)
        mark("end")
        run = {"wall_s": marks[-1][1] - marks[0][1], "cpu_s": marks[-1][2] - marks[0][2]}
        for (stage, _w, c), (_next, _w2, c2) in pairwise(marks):
            run[f"cpu_s.{stage}"] = c2 - c
        if not best or run["cpu_s"] < best["cpu_s"]:
            best = run
    peak = _peak_mb()
    t1 = time.perf_counter()
    report.model_dump_json()
    return {
        "bytes": len(data),
        "characters": len(report.document.text),
        "wall_s": round(best.pop("wall_s"), 2),
        "cpu_s": round(best.pop("cpu_s"), 2),
        "cpu_s_by_stage": {k.split(".", 1)[1]: round(v, 2) for k, v in best.items()},
        "json_s": round(time.perf_counter() - t1, 2),
        "peak_rss_mb": round(peak),
        "warm_rss_mb": round(warm_mb),
        "growth_mb": round(peak - warm_mb),
        "paragraphs": len(report.article.paragraphs),
        "claims": len(report.claims),
        "techniques": len(report.techniques),
        "capped": [w.split(":")[0] for w in report.warnings if "(a cap of" in w],
    }


def measure(kind: str, mb: float, repeats: int) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--repeats", str(repeats), "--child", kind, str(mb)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if out.returncode != 0:
        raise SystemExit(f"{kind} {mb} MB failed:\n{out.stderr[-3000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def judge(rows: list[dict[str, object]]) -> None:
    """Seconds per MB, the marginal cost (the slope from the smallest size) and whether each size meets the goal."""
    first = rows[0]
    mb0, cpu0 = float(first["bytes"]) / 1e6, float(first["cpu_s"])  # type: ignore[arg-type]
    for r in rows:
        mb = float(r["bytes"]) / 1e6  # type: ignore[arg-type]
        cpu = float(r["cpu_s"])  # type: ignore[arg-type]
        r["cpu_s_per_mb"] = round(cpu / mb, 2)
        marginal = round((cpu - cpu0) / (mb - mb0), 2) if r is not first else None
        r["marginal_cpu_s_per_mb"] = marginal
        time_ok = cpu / mb <= GOAL_S_PER_MB or (marginal is not None and marginal <= GOAL_S_PER_MB)
        memory_ok = float(r["growth_mb"]) <= GOAL_MB_FIXED + GOAL_MB_PER_MB * mb  # type: ignore[arg-type]
        r["meets_time_goal"] = time_ok
        r["meets_memory_goal"] = memory_ok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=",".join(str(s) for s in SIZES), help="MB of input, comma-separated")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--repeats", type=int, default=2, help="analyses per size (the least time is kept)")
    ap.add_argument("--child", nargs=2, metavar=("KIND", "MB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], float(args.child[1]), args.repeats)))
        return
    from newssift.claims import MAX_CHARS as CLAIMS_CHARS
    from newssift.techniques import MAX_CHARS as TECHNIQUES_CHARS

    sizes = [float(s) for s in args.sizes.split(",")]
    results: dict[str, list[dict[str, object]]] = {}
    for kind in args.kinds.split(","):
        rows = []
        for mb in sizes:
            row = {"mb": mb, **measure(kind, mb, args.repeats)}
            rows.append(row)
            print(f"{kind:5} {mb:4} MB: {json.dumps(row)}", flush=True)
        judge(rows)
        results[kind] = rows
    summary = {
        kind: {
            "meets_goal_at": [r["mb"] for r in rows if r["meets_time_goal"] and r["meets_memory_goal"]],
            "cpu_s_per_mb_at_largest": rows[-1]["cpu_s_per_mb"],
            "marginal_cpu_s_per_mb_from_smallest": [r["marginal_cpu_s_per_mb"] for r in rows[1:]],
        }
        for kind, rows in results.items()
    }
    report = {
        "input": paragraphs(AEB)[1],
        "goal": f"linear; <= {GOAL_S_PER_MB} s per MB; memory growth <= {GOAL_MB_FIXED:.0f} MB + "
        f"{GOAL_MB_PER_MB:.0f}x the input",
        "caps": {"claims_chars": CLAIMS_CHARS, "techniques_chars": TECHNIQUES_CHARS},
        "results": results,
        "summary": summary,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, one BLAS thread; other work on the machine shows "
        "in wall time, hardly in CPU time",
    }
    print(json.dumps(summary, indent=2))
    if args.sizes == ",".join(str(s) for s in SIZES) and args.kinds == ",".join(KINDS):
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
