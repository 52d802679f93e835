"""The README's table of current figures, generated from bench/results/*.json (issue 34).

    .venv/bin/python scripts/figures.py            (prints the table)
    .venv/bin/python scripts/figures.py --write    (replaces the table between the README's figures markers)

Figures on withheld test sets, which only others can measure, come from bench/results/withheld.json.
tests/test_docs.py checks that the README holds the table this script makes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.lodo_gate import spread  # noqa: E402

RESULTS = ROOT / "bench" / "results"
README = ROOT / "README.md"
START, END = "<!-- figures:start (scripts/figures.py) -->", "<!-- figures:end -->"


def _load(name: str) -> Any:
    return json.loads((RESULTS / name).read_text(encoding="utf-8"))


def _before(r: dict[str, Any]) -> float:
    """The stage before the encoder's hate F1 at 0.5 on D, left out of D as the LODO arm is: with its heads
    refitted without D where they had been trained on it (``stage_before_lodo``)."""
    return float(r.get("stage_before_lodo", r["stage_before"])["f1_at_0.5"])


def _lodo_beside_before(results: dict[str, Any]) -> str:
    """On how many datasets the encoder trained without them scores higher hate F1 (at 0.5) than the stage before
    the encoder also without them (bench/moderation_lodo.py --stage-before), and by how many of them less than
    0.03 (one seed's noise); empty where the results have no stage-before figures."""
    if not all("stage_before" in r for r in results.values()):
        return ""
    gaps = [r["lodo"]["f1_at_0.5"] - _before(r) for r in results.values()]
    wins, close = sum(g > 0 for g in gaps), sum(0 < g < 0.03 for g in gaps)
    return f"; above the stage before the encoder on {wins} of {len(gaps)} ({close} by less than 0.03)"


def _seed_runs() -> list[Path]:
    """The full-budget LODO runs of the shipped recipe: training seed 0 and every other seed's complete run."""
    runs = [RESULTS / "moderation-lodo-full.json"]
    for path in sorted(RESULTS.glob("moderation-lodo-full-seed*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("complete") and doc.get("recipe", "shipped") == "shipped":
            runs.append(path)
    return runs


def _full_lodo(runs: list[Path]) -> str:
    """The full-budget LODO runs (the shipped recipe trained without D, at each training seed): on how many datasets
    the encoder, and the whole stage with it, score higher hate F1 at 0.5, on the seeds' mean (bench/lodo_gate.py
    ``spread``), than the stage before the encoder, also without D (from the seed-0 run: it trains nothing with the
    seed)."""
    rows = spread(runs)["datasets"]
    if not rows or any(r["stage_before"] is None for r in rows.values()):
        return "not measured (bench/moderation_lodo.py --n 100000 --lodo-only --stage)"
    n = len(rows)
    losses = [d for d, r in rows.items() if r["encoder_f1"]["mean"] <= r["stage_before"]]
    stage = sum(r["stage_f1"]["mean"] > r["stage_before"] for r in rows.values())
    seeds = f" (mean of {len(runs)} training seeds)" if len(runs) > 1 else ""
    return (
        f"the shipped recipe trained without each dataset{seeds}: hate F1 above the stage before the encoder (also "
        f"without it) on {n - len(losses)} of {n}"
        + (f" (not on {', '.join(losses)})" if losses else "")
        + f"; the whole stage with that encoder on {stage} of {n}"
    )


def _lodo_within(results: dict[str, Any], drop: float) -> tuple[int, int]:
    """How many datasets lose at most *drop* hate F1 (at 0.5) when left out of training."""
    gaps = [r["in_distribution"]["f1_at_0.5"] - r["lodo"]["f1_at_0.5"] for r in results.values()]
    return sum(g <= drop for g in gaps), len(gaps)


def rows() -> list[tuple[str, str, str]]:
    ext, drag, pol = _load("extraction.json"), _load("dragnet.json"), _load("polnear.json")
    cw, cross, held = _load("checkworthy.json"), _load("stance-cross.json"), _load("withheld.json")
    mod, lodo, cost = _load("moderation-encoder.json"), _load("moderation-lodo.json"), _load("pipeline-cost.json")
    target = _load("moderation-target.json")["results"]["dynahate_test"]["arms"]
    full = _seed_runs()
    news, traf = ext["systems"]["newssift"], ext["systems"]["trafilatura (defaults)"]
    d = drag["newssift"]
    src = pol["scores"]
    recipe = cw["recipe"]
    five = cross["fnc1_five_folds_by_body"]
    by_body, alone = five["perceptron_then_cross_encoder"], five["perceptron"]
    q, sp = mod["quality"], mod["speed"]
    within, n_lodo = _lodo_within(lodo["results"], 0.035)
    whole, tr = cost["summary"]["whole_report_cpu"]["mean_ms"], cost["summary"]["trafilatura_cpu"]["mean_ms"]
    suite, wstance = held["moderation_functional_suite"], held["stance"]
    return [
        (
            "article body",
            f"F1 {news['f1']:.3f} (trafilatura {traf['f1']:.3f})",
            f"article-extraction-benchmark, {ext['pages']} pages",
        ),
        (
            "comment sections",
            f"detection {d['detection_accuracy']:.3f}, comment-text token F1 {d['comment_f1_pages_with_comments']:.3f}",
            f"Dragnet train split, {drag['pages']} pages",
        ),
        (
            "quotes",
            f"source F1 {src['source_exact']['f1']:.2f} (exact) / {src['source_overlap']['f1']:.2f} (overlap)",
            "PolNeAR dev",
        ),
        (
            "check-worthiness",
            f"MAP {recipe['checkthat2019_leave_one_transcript_out']['map']:.2f} leave-one-debate-out, "
            f"{recipe['checkthat2019_chronological']['map']:.2f} on later transcripts; "
            f"**MAP {held['checkworthy_map']['value']:.2f} withheld**",
            "CheckThat! 2019 train / test",
        ),
        (
            "persuasion techniques",
            f"**F1 {held['techniques_f1']['value']:.2f} withheld**",
            "news spans (SemEval-2020 PTC)",
        ),
        (
            "stance",
            f"FNC score {by_body['fnc_score'] * 100:.1f}, macro-F1 {by_body['macro_f1']:.3f}, disagree F1 "
            f"{by_body['f1']['disagree']:.2f} by body (the perceptron alone: {alone['fnc_score'] * 100:.1f}, "
            f"{alone['macro_f1']:.3f}, {alone['f1']['disagree']:.2f}); the perceptron alone "
            f"**{wstance['fnc_score']:.1f}, {wstance['macro_f1']:.2f} withheld** "
            f"(best published: {wstance['best_published_fnc_score']:.1f})",
            "FNC-1 train (5 folds by body) / competition test",
        ),
        (
            "moderation, hate",
            f"F1 {q['dynahate_test']['hate']['stage']['f1']:.2f} (before the fine-tuned encoder: "
            f"{q['dynahate_test']['hate']['today']['f1']:.2f}) · {q['hatemoji_test']['hate']['stage']['f1']:.2f} "
            f"({q['hatemoji_test']['hate']['today']['f1']:.2f})",
            "DynaHate test · HatemojiBuild test (held out of training)",
        ),
        (
            "moderation, hate",
            f"**{suite['stage']:.0%} of a withheld functional suite** with the linear heads "
            f"(Perspective: {suite['perspective']:.0%}); not yet re-measured with the encoder",
            "HateCheck-style suite",
        ),
        (
            "moderation, leave one dataset out",
            f"hate F1 within 0.035 of the in-distribution model on {within} of {n_lodo} datasets "
            f"(reduced budget: {lodo['budget_n']:,} examples){_lodo_beside_before(lodo['results'])}",
            f"{n_lodo} hate datasets",
        ),
        (
            "moderation, leave one dataset out, full budget",
            _full_lodo(full),
            f"{len(_load(full[0].name)['results'])} hate datasets",
        ),
        (
            "moderation, hate target",
            f"right for {target['stage']['accuracy']:.0%} of hateful texts at precision "
            f"{target['stage']['precision']:.2f} (the lexicon alone: {target['lexicon']['accuracy']:.0%})",
            "DynaHate test (held out of training)",
        ),
        (
            "moderation speed",
            f"{sp['comments_per_second']:.0f} comments/s on one thread ({sp.get('cpu', 'CPU not recorded')}"
            + (
                f", median of {sp['runs']} runs: {min(sp['comments_per_second_by_run']):.0f}-"
                f"{max(sp['comments_per_second_by_run']):.0f}"
                if sp.get("runs", 1) > 1
                else ""
            )
            + f"); {sp['one_at_a_time_p50_ms']:.1f} ms p50 for one comment",
            "HateXplain posts",
        ),
        (
            "whole report",
            f"{whole:.0f} ms CPU per page, {whole / tr:.1f}× trafilatura's extraction ({tr:.0f} ms)",
            f"article-extraction-benchmark, {cost['pages']} pages",
        ),
    ]


def table() -> str:
    lines = ["| stage | figure | on |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows()]
    return "\n".join(lines)


def block() -> str:
    return f"{START}\n{table()}\n{END}"


def readme_block(text: str) -> str | None:
    """The README's generated block as it stands, or None without its markers."""
    if START not in text or END not in text:
        return None
    return text[text.index(START) : text.index(END) + len(END)]


def main(argv: list[str]) -> None:
    if "--write" in argv:
        text = README.read_text(encoding="utf-8")
        old = readme_block(text)
        if old is None:
            sys.exit(f"{README} has no {START} ... {END} markers")
        README.write_text(text.replace(old, block()), encoding="utf-8")
    else:
        print(table())


if __name__ == "__main__":
    main(sys.argv[1:])
