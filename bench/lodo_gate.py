"""Merge leave-one-dataset-out runs and judge a recipe variant against the shipped one on several training seeds.

    .venv/bin/python bench/lodo_gate.py merge OUT.json PART.json [PART.json ...] [--why TEXT]
    .venv/bin/python bench/lodo_gate.py gate --candidate C0.json C1.json --baseline B0.json B1.json
        [--tolerance-from S0.json S1.json S2.json] [--json OUT]
    .venv/bin/python bench/lodo_gate.py spread S0.json S1.json S2.json [--json OUT]

``merge``: the results of bench/moderation_lodo.py runs of one recipe, training seed and budget made over parts of
the dataset list (two processes side by side; a dataset added later) into one file. OUT's own results (if it
exists) are kept; each part's datasets come with the part's command, date and code (``run``) where they differ from
the file's. Refuses parts of another recipe, seed or budget, and a dataset in two parts.

``gate``: the gate the pre-registrations in docs/benchmarks.md write (the seventh session's and later): for each
dataset, the whole stage's hate F1 at 0.5 left out of D (``lodo.stage``), averaged over the seeds given (the i-th
candidate file against the i-th baseline file, the same training seed); it passes when the mean of the datasets is
higher and none is lower by more than ``--tolerance``, or, with ``--tolerance-from`` (the shipped recipe's files at
several seeds), by more than the larger of ``--tolerance`` and that dataset's range of the stage's F1 over those
seeds (the eighth session's pre-registration). Beside it, the stage before (left out of D where it was
refitted, ``stage_before_lodo``), for issue 37's Must show 1. Only datasets every file has are judged; a missing
one is named, and the verdict is then "incomplete".

``spread``: one recipe at several training seeds (the same data, split and test texts; only the training's own
randomness differs): per dataset, the encoder's and the stage's hate F1 at 0.5 and the encoder's ROC-AUC at each
seed, their mean and range (largest minus smallest), and the stage's mean against the stage before: how much of a
difference between two runs a gate can read as more than noise, and issue 37's Must show 1 on the seeds' mean.
"""

from __future__ import annotations

import argparse
import copy
import json
from pathlib import Path
from typing import Any

#: settings every part of a merged file, and a candidate and its baseline in a gate (but recipe), must share
SAME = ("recipe", "train_seed", "budget_n", "test_max", "seed", "layers", "epochs", "distil", "distil_texts")
#: what a file older than the setting means by leaving it out
DEFAULTS: dict[str, Any] = {"recipe": "shipped", "train_seed": 0, "layers": 6, "epochs": 1}
# the datasets bench/moderation_lodo.py leaves out one at a time, in the order its files and the merged ones keep;
# fixed before any result: every source of train/moderation_encoder.py with a hate label except ETHOS (998 texts,
# ~100 in its validation split) and ISCA (its "hate" is antisemitism only). Here, not there, so that this module
# imports nothing that pins the process to one thread
DATASETS = (
    "dynahate",
    "hatemoji",
    "davidson",
    "tweeteval_hate",
    "stormfront",
    "toxigen",
    "gab",
    "implicit_hate",
    "sbic",
    "hatexplain",
)


def _load(path: Path) -> dict[str, Any]:
    """A results file of bench/moderation_lodo.py, checked: an object whose ``results`` map datasets to objects
    with a ``lodo`` arm."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"{path}: not a results file ({exc})") from None
    results = doc.get("results") if isinstance(doc, dict) else None
    if not isinstance(results, dict) or not all(isinstance(r, dict) and "lodo" in r for r in results.values()):
        raise SystemExit(f"{path}: not a results file of bench/moderation_lodo.py (no results with a lodo arm)")
    return dict(doc)


def _write(path: Path, doc: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise SystemExit(f"{path}: cannot write ({exc})") from None


def _setting(doc: dict[str, Any], key: str) -> Any:
    return doc.get(key, DEFAULTS.get(key))


def _differ(a: dict[str, Any], b: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: (_setting(a, k), _setting(b, k)) for k in keys if _setting(a, k) != _setting(b, k)}


def merge(out: Path, parts: list[Path], why: str | None) -> dict[str, Any]:
    """OUT's results with every part's added (see the module's docstring)."""
    docs = [_load(p) for p in parts]
    if out.exists():
        base, fresh = _load(out), docs
    else:  # the first part is the file; the others are added to it
        base, fresh = copy.deepcopy(docs[0]), docs[1:]
        base["parts"] = [{"file": str(parts[0]), "command": base.get("command"), "datasets": list(base["results"])}]
    base.setdefault("parts", [])
    for path, doc in zip(parts[len(parts) - len(fresh) :], fresh, strict=True):
        other = _differ(base, doc, SAME)
        if other:
            raise SystemExit(f"{path}: another run's settings (file, part): {other}")
        twice = sorted(set(doc["results"]) & set(base["results"]))
        if twice:
            raise SystemExit(f"{path}: {', '.join(twice)} already in {out}")
        run = {k: doc.get(k) for k in ("command", "date", "code", "wall_seconds")} | ({"why": why} if why else {})
        for d, res in doc["results"].items():
            # a part of the same command (one run split over processes) needs no record of its own
            base["results"][d] = res if doc.get("command") == base.get("command") else {**res, "run": run}
        base["parts"].append({"file": str(path), "command": doc.get("command"), "datasets": list(doc["results"])})
    base["results"] = {d: base["results"][d] for d in DATASETS if d in base["results"]}
    base["datasets"] = list(base["results"])
    base["complete"] = all(d in base["results"] for d in DATASETS)
    _write(out, base)
    return base


def _stage(doc: dict[str, Any], d: str) -> float | None:
    res = doc["results"].get(d)
    return None if res is None else res["lodo"].get("stage", {}).get("f1_at_0.5")


def _before(doc: dict[str, Any], d: str) -> float | None:
    res = doc["results"].get(d, {})
    before = res.get("stage_before_lodo") or res.get("stage_before") or {}
    return before.get("f1_at_0.5")


def _check_seeds(paths: list[Path], docs: list[dict[str, Any]], what: str) -> None:
    """*docs* are one recipe, one set of settings, each at its own training seed, on the same test texts."""
    seeds = [_setting(doc, "train_seed") for doc in docs]
    if len(set(seeds)) != len(seeds):
        raise SystemExit(f"{what}: one file per training seed, each seed once (seeds {seeds})")
    for path, doc in zip(paths[1:], docs[1:], strict=True):
        other = _differ(docs[0], doc, tuple(k for k in SAME if k != "train_seed"))
        if other:
            raise SystemExit(f"{path}: not the same recipe and settings as {paths[0]} (first, this): {other}")


def _same_tests(pa: Path, a: dict[str, Any], b: dict[str, Any]) -> None:
    """A candidate and its baseline scored the same test texts: their settings (but recipe) and each dataset's
    test size and positives agree."""
    other = _differ(a, b, tuple(k for k in SAME if k != "recipe"))
    if other:
        raise SystemExit(f"{pa}: not comparable with its baseline (candidate, baseline): {other}")
    for d in set(a["results"]) & set(b["results"]):
        ra, rb = a["results"][d], b["results"][d]
        if (ra.get("test_n"), ra.get("test_positives")) != (rb.get("test_n"), rb.get("test_positives")):
            raise SystemExit(f"{pa}: {d}'s test texts differ from its baseline's")


def gate(
    candidate: list[Path], baseline: list[Path], tolerance: float, tolerance_from: list[Path] | None = None
) -> dict[str, Any]:
    """Per-dataset seed-mean stage F1 at 0.5 of candidate and baseline, their difference, and the verdict; each
    dataset may lose *tolerance*, or its stage range over *tolerance_from*'s seeds where that is larger."""
    if len(candidate) != len(baseline):
        raise SystemExit("give as many candidate files as baseline files (one per training seed, in the same order)")
    cand, base = [_load(p) for p in candidate], [_load(p) for p in baseline]
    _check_seeds(candidate, cand, "candidate")
    _check_seeds(baseline, base, "baseline")
    if _setting(base[0], "recipe") != "shipped" or _setting(cand[0], "recipe") == "shipped":
        raise SystemExit("the baseline is the shipped recipe and the candidate another one")
    for pc, c, b in zip(candidate, cand, base, strict=True):
        _same_tests(pc, c, b)
    ranges: dict[str, float] = {}
    if tolerance_from:
        sp = spread(tolerance_from)
        if sp["recipe"] != "shipped" or len(sp["train_seeds"]) < 2:
            raise SystemExit("--tolerance-from: the shipped recipe's files at two seeds or more")
        ranges = {d: r["stage_f1"]["range"] for d, r in sp["datasets"].items()}
    rows: dict[str, Any] = {}
    missing = []
    for d in DATASETS:
        cs, bs = [_stage(c, d) for c in cand], [_stage(b, d) for b in base]
        if None in cs or None in bs:
            missing.append(d)
            continue
        cm, bm = sum(cs) / len(cs), sum(bs) / len(bs)  # type: ignore[arg-type]
        rows[d] = {
            "candidate": cs,
            "baseline": bs,
            "candidate_mean": round(cm, 4),
            "baseline_mean": round(bm, 4),
            "change": cm - bm,
            "allowed": max(tolerance, ranges.get(d, 0.0)),
            "stage_before": next((v for b in base if (v := _before(b, d)) is not None), None),
        }
    if tolerance_from and (unranged := [d for d in rows if d not in ranges]):
        raise SystemExit(f"--tolerance-from has no range for {', '.join(unranged)}")
    mean_change = sum(r["change"] for r in rows.values()) / max(len(rows), 1)
    worst = min(rows.items(), key=lambda kv: kv[1]["change"], default=(None, {"change": 0.0}))
    past = sorted(d for d, r in rows.items() if r["change"] < -r["allowed"])  # unrounded: -0.03004 is past -0.03
    passed = mean_change > 0 and not past
    with_before = [d for d, r in rows.items() if r["stage_before"] is not None]
    for r in rows.values():
        r["change"] = round(r["change"], 4)
    return {
        "candidate_files": [str(p) for p in candidate],
        "baseline_files": [str(p) for p in baseline],
        "tolerance": tolerance,
        "tolerance_from": [str(p) for p in tolerance_from or []],
        "datasets": rows,
        "missing": missing,
        "mean_change": round(mean_change, 4),
        "worst": {"dataset": worst[0], "change": round(worst[1]["change"], 4)},
        "past_allowed": past,
        "with_stage_before": with_before,
        "beats_stage_before": sorted(d for d in with_before if rows[d]["candidate_mean"] > rows[d]["stage_before"]),
        "verdict": "incomplete" if missing else ("pass" if passed else "fail"),
    }


def spread(files: list[Path]) -> dict[str, Any]:
    """Per dataset, each seed's encoder F1, AUC and stage F1 (at 0.5), their mean and range (see the docstring)."""
    docs = [_load(p) for p in files]
    _check_seeds(files, docs, "spread")
    rows: dict[str, Any] = {}
    missing = []
    for d in DATASETS:
        res = [doc["results"].get(d) for doc in docs]
        if any(r is None or "stage" not in r["lodo"] for r in res):
            missing.append(d)
            continue
        row: dict[str, Any] = {}
        for name, get in (
            ("encoder_f1", lambda r: r["lodo"]["f1_at_0.5"]),
            ("encoder_auc", lambda r: r["lodo"]["roc_auc"]),
            ("stage_f1", lambda r: r["lodo"]["stage"]["f1_at_0.5"]),
        ):
            vals = [float(get(r)) for r in res]
            row[name] = {
                "per_seed": vals,
                "mean": round(sum(vals) / len(vals), 4),
                "range": round(max(vals) - min(vals), 4),
            }
        row["stage_before"] = next((v for doc in docs if (v := _before(doc, d)) is not None), None)
        rows[d] = row
    return {
        "files": [str(p) for p in files],
        "train_seeds": [_setting(doc, "train_seed") for doc in docs],
        "recipe": _setting(docs[0], "recipe"),
        "datasets": rows,
        "missing": missing,
    }


def spread_table(sp: dict[str, Any]) -> str:
    seeds = "/".join(str(s) for s in sp["train_seeds"])
    lines = [
        f"| D | stage F1@.5 (seeds {seeds}) | mean | range | encoder F1@.5 range | encoder AUC range | stage before |",
        "|---|---|---|---|---|---|---|",
    ]
    for d, r in sp["datasets"].items():
        st = r["stage_f1"]
        per = " / ".join(f"{v:.3f}" for v in st["per_seed"])
        sb = "-" if r["stage_before"] is None else f"{r['stage_before']:.3f}"
        lines.append(
            f"| {d} | {per} | {st['mean']:.3f} | {st['range']:.3f} | {r['encoder_f1']['range']:.3f} "
            f"| {r['encoder_auc']['range']:.3f} | {sb} |"
        )
    known = {d: r for d, r in sp["datasets"].items() if r["stage_before"] is not None}
    wins = sum(r["stage_f1"]["mean"] > r["stage_before"] for r in known.values())
    lines.append(
        f"\nthe stage's seed mean beats the stage before on {wins} of the {len(known)} with its figure"
        + (f"; missing from some seed: {', '.join(sp['missing'])}" if sp["missing"] else "")
    )
    return "\n".join(lines)


def table(g: dict[str, Any]) -> str:
    lines = [
        "| D | candidate (per seed) | mean | shipped recipe (per seed) | mean | change | allowed | stage before |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for d, r in g["datasets"].items():
        c = " / ".join(f"{v:.3f}" for v in r["candidate"])
        b = " / ".join(f"{v:.3f}" for v in r["baseline"])
        sb = "-" if r["stage_before"] is None else f"{r['stage_before']:.3f}"
        row = (
            f"| {d} | {c} | {r['candidate_mean']:.3f} | {b} | {r['baseline_mean']:.3f} | {r['change']:+.3f} "
            f"| -{r['allowed']:.3f} | {sb} |"
        )
        lines.append(row)
    lines.append(
        f"\nmean change {g['mean_change']:+.4f}; worst {g['worst']['dataset']} {g['worst']['change']:+.3f} "
        f"(past the allowed loss: {', '.join(g['past_allowed']) or 'none'}); "
        f"beats the stage before on {len(g['beats_stage_before'])} of the "
        f"{len(g['with_stage_before'])} with its figure; verdict: {g['verdict']}"
        + (f" (missing: {', '.join(g['missing'])})" if g["missing"] else "")
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("merge", help="merge runs over parts of the dataset list into OUT")
    m.add_argument("out", type=Path)
    m.add_argument("parts", type=Path, nargs="+")
    m.add_argument("--why", help="why the parts were run (recorded with each merged dataset's run)")
    g = sub.add_parser("gate", help="judge a candidate recipe against the shipped one, seed by seed")
    g.add_argument("--candidate", type=Path, nargs="+", required=True, help="one results file per training seed")
    g.add_argument("--baseline", type=Path, nargs="+", required=True, help="the same seeds, in the same order")
    g.add_argument("--tolerance", type=float, default=0.03, help="the most any dataset may lose (default 0.03)")
    g.add_argument(
        "--tolerance-from",
        type=Path,
        nargs="+",
        help="the shipped recipe's files at several seeds: a dataset may lose its stage range over them where that "
        "is more than --tolerance",
    )
    g.add_argument("--json", type=Path, help="also write the verdict here")
    sp = sub.add_parser("spread", help="one recipe at several training seeds: per dataset, mean and range")
    sp.add_argument("files", type=Path, nargs="+", help="one results file per training seed")
    sp.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    if args.cmd == "spread":
        figures = spread(args.files)
        print(spread_table(figures))
        if args.json:
            _write(args.json, figures)
        return
    if args.cmd == "merge":
        doc = merge(args.out, args.parts, args.why)
        print(f"{args.out}: {', '.join(doc['results'])} (complete: {doc['complete']})")
        return
    verdict = gate(args.candidate, args.baseline, args.tolerance, args.tolerance_from)
    print(table(verdict))
    if args.json:
        _write(args.json, verdict)


if __name__ == "__main__":
    main()
