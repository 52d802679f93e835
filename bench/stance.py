"""Stance: does a passage agree with, disagree with, discuss, or not address a claim? Before and after issue 32.

    .venv/bin/python bench/stance.py --cache /tmp/stance    (about an hour on 2 busy cores; reads ../shared/data)

Each protocol is run for each training mix of ``MIXES``: "before" (FNC-1 training split + Emergent, the data of
the model shipped before issue 32), "arc" (+ ARC train) and "arc+perspectrum" (+ ARC train + Perspectrum);
- FNC-1 by body: 5 folds grouped by body (GroupKFold), as the official train/hold-out split; held-out headlines
  may have been seen with other bodies (the FNC-1 competition test set is withheld and never read here);
- FNC-1, headline and body unseen (not with --no-strict): a pair is tested only when neither its headline nor
  its body was trained on;
- ARC dev (15% of ARC's training posts, held out with all their pairs) and ARC test (the official test file):
  user posts of NYT Room for Debate; one model trained on everything else scores both;
- Emergent claim vs article headline, 5 folds grouped by claim: short texts, as corpus passages are.
"-oversampled": the extra sources' agree/disagree pairs are oversampled with FNC-1's (train.stance._weights).
Selection: every mix, scored on the first ``--select-folds`` (2) of the 5 folds of each cross-validation; the
"after" mix is the one, other than "before", with the highest mean of FNC-1-by-body and ARC-dev macro-F1 (ARC
test plays no part). Before and after: all 5 folds (``--folds``), with the unseen-headline-and-body folds.
``--cache DIR`` keeps the features and each run's figures there, so runs can go in separate processes
(``--only select:NAME`` / ``--only final:NAME``) and a last run without ``--only`` gathers them.
Writes bench/results/stance.json.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import train.stance
from train.stance import FOLDS, build, build_extras, evaluate

RESULTS = Path(__file__).resolve().parent / "results" / "stance.json"
# name: (extra sources, whether their agree/disagree pairs are oversampled with FNC-1's; train.stance._weights)
MIXES: dict[str, tuple[tuple[str, ...], bool]] = {
    "before": ((), False),
    "arc-oversampled": (("arc",), True),
    "arc+perspectrum-oversampled": (("arc", "perspectrum"), True),
    "arc": (("arc",), False),
    "arc+perspectrum": (("arc", "perspectrum"), False),
}


def _features(cache: Path | None) -> dict[str, Any]:
    if cache and (cache / "features.pkl").exists():
        data: dict[str, Any] = pickle.loads((cache / "features.pkl").read_bytes())
        return data
    data = build()
    build_extras(data)
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "features.pkl").write_bytes(pickle.dumps(data))
    return data


def _summary(s: dict[str, Any]) -> dict[str, float]:
    return {k: round(s[k], 4) for k in ("fnc_score", "macro_f1", "disagree_f1")}


def _mean_macro(r: dict[str, Any]) -> float:
    """The selection criterion: mean of FNC-1-by-body and ARC-dev macro-F1."""
    return float((r["by_body"]["macro_f1"] + r["arc_dev"]["macro_f1"]) / 2)


def _run(data: dict[str, Any], name: str, folds: int, strict: bool, cache: Path | None, stage: str) -> dict[str, Any]:
    part = cache / f"{stage}-{name}.json" if cache else None
    if part and part.exists():
        cached: dict[str, Any] = json.loads(part.read_text())
        return cached
    print(f"== {stage}: {name}")
    mix, train.stance.OVERSAMPLE_EXTRAS = MIXES[name]
    result = evaluate(data, mix, strict=strict, folds=folds)
    if part:
        part.write_text(json.dumps(result, indent=2) + "\n")
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--select-folds", type=int, default=2, help="folds of each CV scored to choose the mix")
    ap.add_argument("--folds", type=int, default=FOLDS, help="folds of each CV scored for before and after")
    ap.add_argument("--no-strict", action="store_true", help="leave out the headline-and-body-unseen folds")
    ap.add_argument("--cache", type=Path, help="folder for the features and each run's figures")
    ap.add_argument("--only", help="'select:NAME' or 'final:NAME': that run alone, into --cache")
    args = ap.parse_args()
    data = _features(args.cache)
    if args.only:
        stage, name = args.only.split(":")
        folds = args.select_folds if stage == "select" else args.folds
        _run(data, name, folds, stage == "final" and not args.no_strict, args.cache, stage)
        return
    select = {name: _run(data, name, args.select_folds, False, args.cache, "select") for name in MIXES}
    chosen = max((n for n in MIXES if n != "before"), key=lambda n: _mean_macro(select[n]))
    final = {name: _run(data, name, args.folds, not args.no_strict, args.cache, "final") for name in ("before", chosen)}
    out = {
        "command": " ".join(["python bench/stance.py", *sys.argv[1:]]),
        "chosen_mix": chosen,
        "selection": {
            "how": f"FNC-1 by body and ARC dev, first {args.select_folds} of the {FOLDS} folds (ARC test played no "
            "part): the mix with the highest mean of the two macro-F1s",
            **{
                n: {
                    "fnc1_by_body": _summary(r["by_body"]),
                    "arc_dev": _summary(r["arc_dev"]),
                    "mean_macro_f1": round(_mean_macro(r), 4),
                }
                for n, r in select.items()
            },
        },
        "before": final["before"],
        "after": final[chosen],
        "selection_runs": select,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
