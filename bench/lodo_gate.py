"""Merge leave-one-dataset-out runs and judge a recipe variant against the shipped one on several training seeds.

    .venv/bin/python bench/lodo_gate.py merge OUT.json PART.json [PART.json ...] [--why TEXT]
    .venv/bin/python bench/lodo_gate.py gate --candidate C0.json C1.json --baseline B0.json B1.json [--json OUT]
    .venv/bin/python bench/lodo_gate.py spread S0.json S1.json S2.json [--json OUT]

``merge``: the results of bench/moderation_lodo.py runs of one recipe, training seed and budget made over parts of
the dataset list (two processes side by side; a dataset added later) into one file. OUT's own results (if it
exists) are kept; each part's datasets come with the part's command, date and code (``run``) where they differ from
the file's. Refuses parts of another recipe, seed or budget, and a dataset in two parts.

``gate``: the gate the pre-registrations in docs/benchmarks.md write (the seventh session's and later): for each
dataset, the whole stage's hate F1 at 0.5 left out of D (``lodo.stage``), averaged over the seeds given (the i-th
candidate file against the i-th baseline file, the same training seed); it passes when the mean of the datasets is
higher and none is lower by more than ``--tolerance``. Beside it, the stage before (left out of D where it was
refitted, ``stage_before_lodo``), for issue 37's Must show 1. Only datasets every file has are judged; a missing
one is named, and the verdict is then "incomplete".

``spread``: one recipe at several training seeds (the same data, split and test texts; only the training's own
randomness differs): per dataset, the encoder's and the stage's hate F1 at 0.5 and the encoder's ROC-AUC at each
seed, their mean and range (largest minus smallest), and the stage's mean against the stage before: how much of a
difference between two runs a gate can read as more than noise, and issue 37's Must show 1 on the seeds' mean.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

SAME = ("recipe", "train_seed", "budget_n", "test_max", "seed", "layers")
#: what a file older than the setting means by leaving it out
DEFAULTS = {"recipe": "shipped", "train_seed": 0, "layers": 6}
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
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"{path}: not a results file ({exc})") from None


def _setting(doc: dict[str, Any], key: str) -> Any:
    return doc.get(key, DEFAULTS.get(key))


def merge(out: Path, parts: list[Path], why: str | None) -> dict[str, Any]:
    """OUT's results with every part's added (see the module's docstring)."""
    docs = [_load(p) for p in parts]
    base = _load(out) if out.exists() else dict(docs[0])
    base.setdefault("results", {})
    for path, doc in zip(parts, docs, strict=True):
        other = {k: (_setting(base, k), _setting(doc, k)) for k in SAME if _setting(base, k) != _setting(doc, k)}
        if other:
            raise SystemExit(f"{path}: another run's settings (file, part): {other}")
        for d, res in doc.get("results", {}).items():
            if d in base["results"] and base["results"][d] is not res:
                raise SystemExit(f"{path}: {d} is already in {out}")
            if doc is not base and doc.get("command") != base.get("command"):
                res = {**res, "run": {k: doc.get(k) for k in ("command", "date", "code", "wall_seconds")}}
                if why:
                    res["run"]["why"] = why
            base["results"][d] = res
    base["results"] = {d: base["results"][d] for d in DATASETS if d in base["results"]}
    base["complete"] = all(d in base["results"] for d in DATASETS)
    out.write_text(json.dumps(base, indent=1) + "\n", encoding="utf-8")
    return base


def _stage(doc: dict[str, Any], d: str) -> float | None:
    res = doc.get("results", {}).get(d)
    return None if res is None else res["lodo"].get("stage", {}).get("f1_at_0.5")


def _before(doc: dict[str, Any], d: str) -> float | None:
    res = doc.get("results", {}).get(d, {})
    before = res.get("stage_before_lodo") or res.get("stage_before") or {}
    return before.get("f1_at_0.5")


def gate(candidate: list[Path], baseline: list[Path], tolerance: float) -> dict[str, Any]:
    """Per-dataset seed-mean stage F1 at 0.5 of candidate and baseline, their difference, and the verdict."""
    if len(candidate) != len(baseline):
        raise SystemExit("give as many candidate files as baseline files (one per training seed, in the same order)")
    cand, base = [_load(p) for p in candidate], [_load(p) for p in baseline]
    for c, b, pc in zip(cand, base, candidate, strict=True):
        if _setting(c, "train_seed") != _setting(b, "train_seed"):
            raise SystemExit(
                f"{pc}: training seed {_setting(c, 'train_seed')}, its baseline's {_setting(b, 'train_seed')}"
            )
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
            "change": round(cm - bm, 4),
            "stage_before": next((v for b in base if (v := _before(b, d)) is not None), None),
        }
    mean_change = sum(r["change"] for r in rows.values()) / max(len(rows), 1)
    worst = min(rows.items(), key=lambda kv: kv[1]["change"], default=(None, {"change": 0.0}))
    passed = mean_change > 0 and worst[1]["change"] >= -tolerance
    return {
        "candidate_files": [str(p) for p in candidate],
        "baseline_files": [str(p) for p in baseline],
        "tolerance": tolerance,
        "datasets": rows,
        "missing": missing,
        "mean_change": round(mean_change, 4),
        "worst": {"dataset": worst[0], "change": worst[1]["change"]},
        "beats_stage_before": sorted(
            d for d, r in rows.items() if r["stage_before"] is not None and r["candidate_mean"] > r["stage_before"]
        ),
        "verdict": "incomplete" if missing else ("pass" if passed else "fail"),
    }


def spread(files: list[Path]) -> dict[str, Any]:
    """Per dataset, each seed's encoder F1, AUC and stage F1 (at 0.5), their mean and range (see the docstring)."""
    docs = [_load(p) for p in files]
    seeds = [_setting(doc, "train_seed") for doc in docs]
    if len(set(seeds)) != len(seeds) or len({_setting(doc, "recipe") for doc in docs}) != 1:
        raise SystemExit(f"give one recipe's files at different training seeds (seeds {seeds})")
    rows: dict[str, Any] = {}
    for d in DATASETS:
        res = [doc.get("results", {}).get(d) for doc in docs]
        if any(r is None or "stage" not in r["lodo"] for r in res):
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
        "train_seeds": seeds,
        "recipe": _setting(docs[0], "recipe"),
        "datasets": rows,
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
    wins = [
        d
        for d, r in sp["datasets"].items()
        if r["stage_before"] is not None and r["stage_f1"]["mean"] > r["stage_before"]
    ]
    lines.append(f"\nthe stage's seed mean beats the stage before on {len(wins)} of {len(sp['datasets'])}")
    return "\n".join(lines)


def table(g: dict[str, Any]) -> str:
    lines = [
        "| D | candidate (per seed) | mean | shipped recipe (per seed) | mean | change | stage before |",
        "|---|---|---|---|---|---|---|",
    ]
    for d, r in g["datasets"].items():
        c = " / ".join(f"{v:.3f}" for v in r["candidate"])
        b = " / ".join(f"{v:.3f}" for v in r["baseline"])
        sb = "-" if r["stage_before"] is None else f"{r['stage_before']:.3f}"
        row = f"| {d} | {c} | {r['candidate_mean']:.3f} | {b} | {r['baseline_mean']:.3f} | {r['change']:+.3f} | {sb} |"
        lines.append(row)
    lines.append(
        f"\nmean change {g['mean_change']:+.4f}; worst {g['worst']['dataset']} {g['worst']['change']:+.3f} "
        f"(allowed -{g['tolerance']}); beats the stage before on {len(g['beats_stage_before'])} of "
        f"{len(g['datasets'])}; verdict: {g['verdict']}"
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
    g.add_argument("--json", type=Path, help="also write the verdict here")
    sp = sub.add_parser("spread", help="one recipe at several training seeds: per dataset, mean and range")
    sp.add_argument("files", type=Path, nargs="+", help="one results file per training seed")
    sp.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    if args.cmd == "spread":
        figures = spread(args.files)
        print(spread_table(figures))
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
        return
    if args.cmd == "merge":
        doc = merge(args.out, args.parts, args.why)
        print(f"{args.out}: {', '.join(doc['results'])} (complete: {doc['complete']})")
        return
    verdict = gate(args.candidate, args.baseline, args.tolerance)
    print(table(verdict))
    if args.json:
        args.json.write_text(json.dumps(verdict, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
