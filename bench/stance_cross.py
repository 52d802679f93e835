"""The stance cross-encoder (newssift/corroborate/cross.py, issue 32; not shipped) on data its training never read,
beside the perceptron alone: the stage's ``stance_proba`` with ``NEWSSIFT_STANCE_ENCODER`` set to the model's folder
and set to ``off``.

    .venv/bin/python -m train.stance_encoder --fold 0 && .venv/bin/python -m train.stance_encoder --fold 0 --ship
    .venv/bin/python bench/stance_cross.py [--model /tmp/stance-encoder/model]     (about 2 minutes on one core)

- ARC test (user posts of NYT Room for Debate against the debate's statement, in FNC-1's labels; the official test
  file): neither the perceptron nor the cross-encoder was trained on ARC.
- Emergent (claim vs article headline: a sentence, as a corpus passage is short; train/stance.py's rows, with its
  sampled unrelated headlines): the cross-encoder never read Emergent; the shipped perceptron was trained on it, so
  its related/unrelated decisions there are in-distribution and the comparison isolates the cross-encoder.
- FNC-1 fold 0 (held out of the cross-encoder): the figures ``train/stance_encoder.py --ship`` wrote in
  cross-encoder.json, copied here.

- FNC-1, all five folds grouped by body (``--cv``): each fold's cross-encoder trained by
  ``train/stance_encoder.py --fold K`` on the other four, scored in float32 torch under the stage's rule
  (``cross.combine``), the predictions it saved in /tmp/stance-encoder/fold{K}-pred.npz pooled over the folds, as
  bench/stance.py pools the perceptron's.

Writes bench/results/stance-cross.json.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ["NEWSSIFT_ENCODER_THREADS"] = "1"

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from train.stance import arc, emergent  # noqa: E402
from train.stance_encoder import scores  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "stance-cross.json"


def run(pairs: list[tuple[str, str]], gold: np.ndarray, model: str) -> tuple[dict[str, object], float]:
    from newssift.corroborate import cross as cross_module
    from newssift.corroborate.stance import stance_proba

    os.environ[cross_module.ENV] = model
    t0 = time.process_time()
    pred = stance_proba(pairs).argmax(axis=1)
    return scores(gold, pred), time.process_time() - t0


def five_folds() -> dict[str, object]:
    """The perceptron's and the cross-encoder's out-of-fold FNC-1 figures, pooled over the five folds' saved
    predictions (float32 torch, the stage's rule)."""
    from train.stance import FOLDS

    files = [Path(f"/tmp/stance-encoder/fold{k}-pred.npz") for k in range(FOLDS)]
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        raise SystemExit(f"--cv: missing {', '.join(missing)} (python -m train.stance_encoder --fold K)")
    folds = [np.load(f) for f in files]
    gold = np.concatenate([z["gold"] for z in folds])
    return {
        "pairs": len(gold),
        "perceptron": scores(gold, np.concatenate([z["base"] for z in folds])),
        "perceptron_then_cross_encoder": scores(gold, np.concatenate([z["both"] for z in folds])),
        "macro_f1_by_fold": [
            [scores(z["gold"], z["base"])["macro_f1"], scores(z["gold"], z["both"])["macro_f1"]] for z in folds
        ],
    }


def main() -> None:
    import argparse

    from newssift.corroborate.cross import META_FILE, MODEL_FILE

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=Path("/tmp/stance-encoder/model"))
    ap.add_argument("--cv", action="store_true", help="also pool the five folds' saved predictions")
    args = ap.parse_args()
    if not (args.model / MODEL_FILE).exists():
        raise SystemExit(f"no {MODEL_FILE} in {args.model}: train and export it first (see --help)")
    from newssift.corroborate.stance import LABELS

    sets = {
        "arc_test": [(h, b, s) for h, b, s, _ in arc()[2]],
        "emergent": [(c, a, s) for c, a, s, _ in emergent()],
    }
    out: dict[str, object] = {"command": ".venv/bin/python bench/stance_cross.py"}
    for name, rows in sets.items():
        pairs = [(h, b) for h, b, _ in rows]
        gold = np.array([LABELS.index(s) for _, _, s in rows])
        alone, t_alone = run(pairs, gold, "off")
        both, t_both = run(pairs, gold, str(args.model))
        out[name] = {
            "n": len(rows),
            "perceptron": alone,
            "perceptron_then_cross_encoder": both,
            "cpu_seconds": {"perceptron": round(t_alone, 1), "with_cross_encoder": round(t_both, 1)},
        }
        print(name, json.dumps(out[name]))
    out["fnc1_held_out_fold"] = json.loads((args.model / META_FILE).read_text())["held_out"]
    if args.cv:
        out["fnc1_five_folds_by_body"] = five_folds()
        print("five folds", json.dumps(out["fnc1_five_folds_by_body"]))
    RESULTS.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
