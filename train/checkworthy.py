"""Train the check-worthiness head: is a sentence a factual claim worth checking?

    .venv/bin/python -m train.checkworthy          (part of `make train`; reads ../shared/data)

Data: ClaimBuster (debate sentences, check-worthy factual vs not; the 3xNCS sample) and CheckThat! 2019 task 1
(debate and speech transcripts, sentences that fact-checkers checked). Same features as moderation
(newssift.moderation.features). Cross-validation:
- ClaimBuster: 4-fold stratified (its authors' protocol): precision/recall/F1 at 0.5, average precision;
- CheckThat!: leave-one-transcript-out over the 19 transcripts, trained on the other 18 plus all of ClaimBuster:
  mean average precision (MAP, the task's measure) and F1 at 0.5.
Writes newssift/data/claims/checkworthy.npz, checkworthy.json and MODEL_CARD.md.
"""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold

from newssift.moderation.features import Featurizer
from train.data import DATA

OUT = Path(__file__).resolve().parent.parent / "newssift" / "data" / "claims"
MODERATION = Path(__file__).resolve().parent.parent / "newssift" / "data" / "moderation"
C = 2.0
SEED = 0


def claimbuster() -> tuple[list[str], np.ndarray]:
    rows = json.loads((DATA / "claimbuster" / "3xNCS.json").read_text(encoding="utf-8"))
    return [r["text"] for r in rows], np.array([int(r["label"]) for r in rows])


def checkthat() -> list[tuple[str, list[str], np.ndarray]]:
    out = []
    for path in sorted((DATA / "checkthat2019_task1_en" / "training").glob("*.tsv")):
        with path.open(encoding="utf-8") as fh:
            rows = [r for r in csv.reader(fh, delimiter="\t") if len(r) >= 4]
        out.append((path.stem, [r[2] for r in rows], np.array([int(r[3]) for r in rows])))
    return out


def _fit(X: sp.csr_matrix, y: np.ndarray) -> LogisticRegression:
    return LogisticRegression(C=C, solver="liblinear", class_weight="balanced", max_iter=2000, random_state=SEED).fit(
        X, y
    )


def _prf(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    pred = (p >= 0.5).astype(int)
    return {
        "precision": float(precision_score(y, pred, zero_division=0)),
        "recall": float(recall_score(y, pred, zero_division=0)),
        "f1": float(f1_score(y, pred, zero_division=0)),
        "average_precision": float(average_precision_score(y, p)),
    }


def cross_validate(verbose: bool = True) -> tuple[dict[str, Any], LogisticRegression]:
    feat = Featurizer(MODERATION)
    cb_text, cb_y = claimbuster()
    X_cb = feat.transform(cb_text)
    ct = checkthat()
    X_ct = [feat.transform(texts) for _name, texts, _y in ct]
    # ClaimBuster, 4-fold
    oof = np.zeros(len(cb_y))
    for tr, te in StratifiedKFold(4, shuffle=True, random_state=SEED).split(X_cb, cb_y):
        oof[te] = _fit(X_cb[tr], cb_y[tr]).predict_proba(X_cb[te])[:, 1]
    scores: dict[str, Any] = {"claimbuster_4fold": {"n": len(cb_y), "positives": int(cb_y.sum()), **_prf(cb_y, oof)}}
    # CheckThat!, leave one transcript out
    aps, all_y, all_p = [], [], []
    for k, (_name, _texts, y) in enumerate(ct):
        train_X = sp.vstack([X_cb, *[X_ct[j] for j in range(len(ct)) if j != k]])
        train_y = np.concatenate([cb_y, *[ct[j][2] for j in range(len(ct)) if j != k]])
        p = _fit(train_X, train_y).predict_proba(X_ct[k])[:, 1]
        if y.sum() > 0:
            aps.append(float(average_precision_score(y, p)))
        all_y.append(y)
        all_p.append(p)
    yy, pp = np.concatenate(all_y), np.concatenate(all_p)
    scores["checkthat2019_leave_one_transcript_out"] = {
        "transcripts": len(ct),
        "n": len(yy),
        "positives": int(yy.sum()),
        "map": float(np.mean(aps)),
        **_prf(yy, pp),
    }
    final = _fit(sp.vstack([X_cb, *X_ct]), np.concatenate([cb_y, *[y for _n, _t, y in ct]]))
    if verbose:
        for name, s in scores.items():
            print(name, {k: round(v, 4) if isinstance(v, float) else v for k, v in s.items()})
    return scores, final


def main() -> None:
    t0 = time.time()
    scores, final = cross_validate()
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT / "checkworthy.npz", coef=final.coef_[0].astype(np.float16))
    (OUT / "checkworthy.json").write_text(
        json.dumps({"intercept": float(final.intercept_[0]), "cv": scores, "class_weight": "balanced"}, indent=2) + "\n"
    )
    cb, ct = scores["claimbuster_4fold"], scores["checkthat2019_leave_one_transcript_out"]
    (OUT / "MODEL_CARD.md").write_text(f"""# Model card: newssift check-worthiness head

Written by `train/checkworthy.py` (`make train`); do not edit by hand.

Logistic regression (class-balanced) on newssift's moderation features (hashed word and character n-grams plus
the sentence embedding distilled from all-MiniLM-L6-v2, Apache-2.0). The score ranks sentences by how much they
look like factual claims fact-checkers would check; with balanced classes, 0.5 is not a calibrated probability.

## Data (read from ../shared/data, not redistributed)
- ClaimBuster (Arslan et al. 2020), 3xNCS sample: {cb["n"]:,} debate sentences, {cb["positives"]:,} check-worthy. GPL-3.0 (repo) / CC BY 4.0 (Zenodo).
- CheckThat! 2019 task 1 English training transcripts: {ct["n"]:,} sentences in {ct["transcripts"]} debates and speeches, {ct["positives"]} checked by fact-checkers. Free for research.

## Cross-validated scores
| protocol | n | positives | precision | recall | F1 | average precision / MAP |
|---|---|---|---|---|---|---|
| ClaimBuster, 4-fold stratified | {cb["n"]:,} | {cb["positives"]:,} | {cb["precision"]:.3f} | {cb["recall"]:.3f} | {cb["f1"]:.3f} | AP {cb["average_precision"]:.3f} |
| CheckThat! 2019, leave one transcript out (+ all ClaimBuster in training) | {ct["n"]:,} | {ct["positives"]} | {ct["precision"]:.3f} | {ct["recall"]:.3f} | {ct["f1"]:.3f} | MAP {ct["map"]:.3f} |

## Limits
Trained on US political debates and speeches; news prose and reported speech differ. English only.
""")
    print(f"wrote {OUT} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
