"""Whole-report cost against trafilatura's extraction, per page and per stage (issue 34).

    .venv/bin/python bench/pipeline_cost.py            (about 2 minutes on one core)
    .venv/bin/python bench/pipeline_cost.py --limit 20  (a quick look; writes nothing)

On the Article Extraction Benchmark pages (../shared/data/article_extraction_benchmark/html/*.html.gz, 181 pages),
in one process and one thread (BLAS, onnxruntime and tokenizers set to one thread before any import), after one
warm-up page (models load, caches fill), each page is given in turn to

- trafilatura: ``trafilatura.extract(html, url=url)`` with its defaults (the bytes, as bench/extraction.py does);
- newssift: ingest (``newssift.ingest.from_bytes``: decoding) then ``newssift.pipeline.analyze_raw`` with the
  default options and no corpus, which is what ``newssift analyze page.html`` computes before printing.

Time is CPU time (``time.process_time``: this process's user + system time, which other work on a shared machine
hardly changes) and wall time. newssift's time is split by step with the ``progress(step)`` callback analyze_raw
calls as each step starts (structure, then each stage that runs on the page, then the report): a step's time runs
from its call to the next one, the report's to analyze_raw's return. A stage that does not run on a page (moderation
without comments) counts 0 ms there; the table gives the pages each step ran on. Serialising the report to JSON is
timed apart and not in the whole.

Goal (issue 34): the whole report at most 5x trafilatura's extraction time per page. Writes
bench/results/pipeline-cost.json (only for a run over all the pages), with the machine's load before and after.
"""

from __future__ import annotations

import os

# one thread, as a batch worker runs a page: CPU time is then the work done
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ["NEWSSIFT_ENCODER_THREADS"] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from itertools import pairwise  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import trafilatura  # noqa: E402

from bench import AEB, code_version  # noqa: E402
from evaluation.metrics import Page, aeb_pages  # noqa: E402
from newssift.ingest import from_bytes  # noqa: E402
from newssift.pipeline import STAGES, Options, analyze_raw  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "pipeline-cost.json"
GOAL_RATIO = 5.0
COMMAND = ".venv/bin/python bench/pipeline_cost.py"

Mark = tuple[str, float, float]  # step, wall (perf_counter), CPU (process_time)


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def time_trafilatura(page: Page) -> tuple[float, float]:
    """Wall and CPU seconds of trafilatura's default extraction of the page."""
    w0, c0 = _now()
    trafilatura.extract(page.html, url=page.url)
    w1, c1 = _now()
    return w1 - w0, c1 - c0


def time_newssift(page: Page) -> dict[str, float]:
    """Wall and CPU seconds of ingest + analyze_raw (default options), the CPU seconds of each step, and of JSON."""
    marks: list[Mark] = []

    def mark(step: str) -> None:
        marks.append((step, *_now()))

    mark("ingest")
    raw = from_bytes(page.html, url=page.url)
    mark("options")  # analyze_raw's checks of the options before its first step
    report = analyze_raw(raw, Options(), progress=mark)
    mark("end")
    out = {"wall": marks[-1][1] - marks[0][1], "cpu": marks[-1][2] - marks[0][2]}
    for (step, _w, c), (_next, _w2, c2) in pairwise(marks):
        out[f"step.{step}"] = out.get(f"step.{step}", 0.0) + c2 - c
    _w, c0 = _now()
    report.model_dump_json()
    out["json"] = time.process_time() - c0
    return out


def time_spacy(page: Page) -> dict[str, float]:
    """CPU seconds of the spaCy work in the claims stage on the page (default options), step by step: making the
    Docs (``make_doc``: spaCy's tokeniser, and newssift's headline case and sentence boundaries, segmented afresh
    here where the stage reuses the page's), then each component of the pipeline over all of the page's pieces in
    turn. Timed apart from the whole report (a second pass)."""
    from newssift.claims import pieces_parsed, spans_read
    from newssift.claims.nlp import BATCH, get_nlp, unparsed
    from newssift.pipeline import structure

    doc, st = structure(from_bytes(page.html, url=page.url))
    spans, _notes = spans_read(doc, st)
    c = time.process_time()
    docs = list(unparsed(doc.text, pieces_parsed(doc.text, spans)))
    out = {"spacy.make_doc": time.process_time() - c}
    for name, proc in get_nlp().pipeline:
        c = time.process_time()
        docs = list(proc.pipe(docs, batch_size=BATCH))
        out[f"spacy.{name}"] = time.process_time() - c
    return out


def load_now() -> dict[str, object]:
    one, five, fifteen = os.getloadavg()
    up = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    return {"loadavg_1_5_15": [round(one, 2), round(five, 2), round(fifteen, 2)], "uptime": up}


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def measure(pages: list[Page]) -> tuple[list[dict[str, float]], list[str]]:
    """One row per page: trafilatura's and newssift's times (seconds); the pages newssift failed on."""
    rows: list[dict[str, float]] = []
    errors: list[str] = []
    for i, page in enumerate(pages):
        t_wall, t_cpu = time_trafilatura(page)
        try:
            n = time_newssift(page)
            n |= time_spacy(page)
        except Exception as exc:  # noqa: BLE001 - a bench counts failures instead of stopping
            errors.append(f"{page.id}: {type(exc).__name__}: {exc}")
            continue
        rows.append({"trafilatura.wall": t_wall, "trafilatura.cpu": t_cpu, **n})
        if (i + 1) % 20 == 0:
            print(f"  {i + 1}/{len(pages)} pages", file=sys.stderr, flush=True)
    return rows, errors


def _stat(values: list[float]) -> dict[str, float]:
    return {
        "mean_ms": round(1000 * statistics.fmean(values), 1),
        "median_ms": round(1000 * statistics.median(values), 1),
    }


def summarise(rows: list[dict[str, float]]) -> dict[str, object]:
    steps = ["ingest", "options", *STAGES]
    steps += sorted({k.split(".", 1)[1] for r in rows for k in r if k.startswith("step.")} - set(steps))
    whole = [r["cpu"] for r in rows]
    traf = [r["trafilatura.cpu"] for r in rows]
    by_step: dict[str, dict[str, object]] = {}
    for step in steps:
        ran = [r[f"step.{step}"] for r in rows if f"step.{step}" in r]
        if not ran:
            continue
        values = [r.get(f"step.{step}", 0.0) for r in rows]
        by_step[step] = {
            "pages": len(ran),
            **_stat(values),
            "mean_ms_where_run": round(1000 * statistics.fmean(ran), 1),
            "share_of_whole": round(sum(values) / sum(whole), 3),
        }
    parts = [k for k in rows[0] if k.startswith("spacy.")]
    spacy = [sum(r[k] for k in parts) for r in rows]
    per_page_ratio = [w / t for w, t in zip(whole, traf, strict=True) if t > 0]
    ratio = statistics.fmean(whole) / statistics.fmean(traf)
    return {
        "trafilatura_cpu": _stat(traf),
        "trafilatura_wall": _stat([r["trafilatura.wall"] for r in rows]),
        "whole_report_cpu": _stat(whole),
        "whole_report_wall": _stat([r["wall"] for r in rows]),
        "by_step_cpu": by_step,
        "report_json_cpu_not_in_whole": _stat([r["json"] for r in rows]),
        "ratio_whole_to_trafilatura_cpu_means": round(ratio, 2),
        "ratio_whole_to_trafilatura_cpu_medians": round(statistics.median(whole) / statistics.median(traf), 2),
        "median_per_page_ratio_cpu": round(statistics.median(per_page_ratio), 2),
        "spacy_in_claims_cpu": {
            "note": "a second pass: the spaCy steps of the claims stage alone, over the same pieces",
            "whole": _stat(spacy),
            **{k.removeprefix("spacy."): _stat([r[k] for r in rows]) for k in parts},
        },
        "ratio_spacy_to_trafilatura_cpu_means": round(statistics.fmean(spacy) / statistics.fmean(traf), 2),
        "goal": f"whole report <= {GOAL_RATIO:g}x trafilatura's extraction (CPU time, means)",
        "meets_goal": ratio <= GOAL_RATIO,
    }


def table(s: dict[str, object]) -> str:
    def line(name: str, pages: object, st: dict[str, object], share: str = "") -> str:
        return f"| {name} | {pages} | {st['mean_ms']} | {st['median_ms']} | {share} |"

    n = s["pages"]
    out = ["| per page, CPU ms | pages | mean | median | share of whole |", "|---|---:|---:|---:|---:|"]
    out.append(line("trafilatura.extract (defaults)", n, s["trafilatura_cpu"]))  # type: ignore[arg-type]
    out.append(line("**newssift whole report**", n, s["whole_report_cpu"], "1.00"))  # type: ignore[arg-type]
    for step, st in s["by_step_cpu"].items():  # type: ignore[attr-defined]
        out.append(line(f"step: {step}", st["pages"], st, f"{st['share_of_whole']:.2f}"))
    out.append(line("report to JSON (not in whole)", n, s["report_json_cpu_not_in_whole"]))  # type: ignore[arg-type]
    sp = s["spacy_in_claims_cpu"]
    for name, st in sp.items():  # type: ignore[attr-defined]
        if name != "note":
            out.append(line(f"spaCy in claims (second pass): {name}", n, st))
    tw, ww = s["trafilatura_wall"], s["whole_report_wall"]
    out.append("")
    out.append(
        f"Whole / trafilatura (CPU, means): **{s['ratio_whole_to_trafilatura_cpu_means']}x**; medians "
        f"{s['ratio_whole_to_trafilatura_cpu_medians']}x; median per-page ratio {s['median_per_page_ratio_cpu']}x. "
        f"Wall ms, mean/median: trafilatura {tw['mean_ms']}/{tw['median_ms']}, "  # type: ignore[index]
        f"newssift {ww['mean_ms']}/{ww['median_ms']}. "  # type: ignore[index]
        f"spaCy in claims alone / trafilatura (CPU, means): {s['ratio_spacy_to_trafilatura_cpu_means']}x."
    )
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="measure only the first N pages (writes nothing)")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    before = load_now()
    pages = list(aeb_pages(AEB))
    if args.limit:
        pages = pages[: args.limit]
    time_trafilatura(pages[0])  # warm-up: imports, models, caches (then measured again with the rest)
    time_newssift(pages[0])
    started = datetime.now(UTC).isoformat(timespec="seconds")
    t0 = time.perf_counter()
    rows, errors = measure(pages)
    after = load_now()
    summary = {"pages": len(rows), **summarise(rows)}
    result = {
        "command": COMMAND + (f" --limit {args.limit}" if args.limit else ""),
        "date": started,
        "data": "Article Extraction Benchmark html/*.html.gz (ground-truth.json order), bytes as stored",
        "pages": len(rows),
        "errors": errors,
        "warm_up": "the first page, once through each, before the timed pass (it is timed again in the pass)",
        "machine": f"{cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}, trafilatura "
        f"{trafilatura.__version__}; one process, one thread (BLAS, onnxruntime, tokenizers)",
        "machine_shared": "the machine was shared with other work while measured (load below); CPU time "
        "(process_time) is the figure compared, wall time is given beside it",
        "code": code_version(),
        "load_before": before,
        "load_after": after,
        "run_wall_s": round(time.perf_counter() - t0, 1),
        "summary": summary,
    }
    print(table(summary))
    print(f"load before: {before['uptime']}\nload after:  {after['uptime']}")
    for e in errors:
        print("error:", e)
    if not args.limit:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(RESULTS.parent.parent.parent)}")


if __name__ == "__main__":
    main()
