"""The stance cross-encoder (newssift/corroborate/cross.py, issue 32) as the stage runs it, beside the perceptron
alone: the stage's ``stance_proba`` with ``NEWSSIFT_STANCE_ENCODER`` set to the model's folder and set to ``off``.

    .venv/bin/python bench/stance_cross.py [--model DIR]    (the shipped model by default; about 2 minutes on one core)
    .venv/bin/python bench/stance_cross.py --cv             (also the five FNC-1 folds; each needs
                                                              python -m train.stance_encoder --fold K first)

- ARC test (user posts of NYT Room for Debate against the debate's statement, in FNC-1's labels; the official test
  file): neither the perceptron nor the cross-encoder was trained on ARC.
- Emergent (claim vs article headline, train/stance.py's rows with its sampled unrelated headlines): the perceptron
  trained on it; a headline is one sentence, which the cross-encoder does not read (``cross.MIN_SENTENCES``).
- Emergent, five folds grouped by claim (``--cv``): train/stance.py's protocol for the perceptron, the shipped
  cross-encoder on the pairs it reads.
- FNC-1, all five folds grouped by body (``--cv``): the recipe's figures, not the shipped model's. Each fold's
  perceptron and cross-encoder trained on the other four (``train/stance_encoder.py --fold K``), its float32
  probabilities saved in /tmp/stance-encoder/fold{K}-proba.npz, decided under the stage's rule (``cross.combine``)
  and pooled over the folds, as bench/stance.py pools the perceptron's.

Writes bench/results/stance-cross.json (only with ``--cv``: the README's figures read its five-fold row).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ["NEWSSIFT_ENCODER_THREADS"] = "1"

import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newssift.models import package_dir  # noqa: E402
from train.stance_encoder import WORK, emergent_by_claim, pooled_folds, stage_figures  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "stance-cross.json"


def main() -> None:
    import argparse

    from newssift.corroborate.cross import MODEL_FILE

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=package_dir("stance"), help="the cross-encoder's folder")
    ap.add_argument("--cv", action="store_true", help="also pool the five folds' saved probabilities")
    ap.add_argument("--work", type=Path, default=WORK, help="where train/stance_encoder.py saved the folds")
    args = ap.parse_args()
    if not (args.model / MODEL_FILE).exists():
        raise SystemExit(f"no {MODEL_FILE} in {args.model}: train and export it first (see --help)")
    model = args.model.resolve()
    root = Path(__file__).resolve().parent.parent
    shown = str(model.relative_to(root)) if model.is_relative_to(root) else str(model)
    out: dict[str, object] = {
        "command": " ".join([".venv/bin/python bench/stance_cross.py", *sys.argv[1:]]),
        "model": shown,
    }
    out.update(stage_figures(args.model))
    for name in ("arc_test", "emergent"):
        print(name, json.dumps(out[name]))
    if args.cv:
        five = pooled_folds(args.work)
        if five is None:
            raise SystemExit(
                f"--cv: {args.work} lacks a fold's fold{{K}}-proba.npz (python -m train.stance_encoder --fold K)"
            )
        out["fnc1_five_folds_by_body"] = five
        print("five folds", json.dumps(five))
        out["emergent_by_claim"] = emergent_by_claim(args.model)
        print("Emergent by claim", json.dumps(out["emergent_by_claim"]))
    if not args.cv:
        print(f"not written to {RESULTS} (it holds the --cv figures too: run with --cv to replace it)")
        return
    RESULTS.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
