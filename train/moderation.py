"""Train the moderation heads and write the shipped weights, cross-validated scores and model card.

    .venv/bin/python -m train.moderation          (part of `make train`; reads ../shared/data)

For each head (hate, antisemitism, violence, conspiracy, harassment): logistic regression on newssift's
features (distilled MiniLM embedding + hashed word and character n-grams), 5-fold stratified cross-validation,
Platt scaling fitted on the out-of-fold scores (so the shipped scores are calibrated probabilities), then a
final fit on all examples. Writes newssift/data/moderation/heads.npz and heads.json, and
newssift/data/moderation/MODEL_CARD.md with the cross-validated figures.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, precision_score, recall_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

from newssift.moderate.features import Featurizer
from train.data import Example, load_all

OUT = Path(__file__).resolve().parent.parent / "newssift" / "data" / "moderation"
HEADS = ("hate", "antisemitism", "violence", "conspiracy", "harassment")
C = {"hate": 2.0, "antisemitism": 4.0, "violence": 4.0, "conspiracy": 4.0, "harassment": 4.0}
FOLDS = 5
SEED = 0


def _platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    lr = LogisticRegression(C=1e6, solver="lbfgs")
    lr.fit(scores.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    pred = (p >= 0.5).astype(int)
    out = {
        "n": int(len(y)),
        "positives": int(y.sum()),
        "precision": float(precision_score(y, pred, zero_division=0)),
        "recall": float(recall_score(y, pred, zero_division=0)),
        "f1": float(f1_score(y, pred, zero_division=0)),
    }
    if 0 < y.sum() < len(y):
        out["roc_auc"] = float(roc_auc_score(y, p))
        out["average_precision"] = float(average_precision_score(y, p))
        # calibration: expected calibration error over 10 bins
        bins = np.minimum((p * 10).astype(int), 9)
        ece = sum(abs(p[bins == b].mean() - y[bins == b].mean()) * (bins == b).mean() for b in range(10) if (bins == b).any())
        out["ece"] = float(ece)
    return out


def train_head(name: str, examples: list[Example], X_all, index: dict[str, int]) -> tuple[dict, np.ndarray, float]:  # type: ignore[no-untyped-def]
    rows = [(index[ex.text], ex.labels[name], ex.source) for ex in examples if name in ex.labels]
    ids = np.array([r[0] for r in rows])
    y = np.array([r[1] for r in rows])
    sources = np.array([r[2] for r in rows])
    X = X_all[ids]
    oof = np.zeros(len(y))
    skf = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for train_idx, test_idx in skf.split(X, y):
        lr = LogisticRegression(C=C[name], solver="liblinear", max_iter=2000)
        lr.fit(X[train_idx], y[train_idx])
        oof[test_idx] = lr.decision_function(X[test_idx])
    a, b = _platt(oof, y)
    p = _sigmoid(a * oof + b)
    report = {"overall": _metrics(y, p), "by_source": {}}
    for src in sorted(set(sources)):
        m = sources == src
        report["by_source"][src] = _metrics(y[m], p[m])
    final = LogisticRegression(C=C[name], solver="liblinear", max_iter=2000)
    final.fit(X, y)
    coef = final.coef_[0] * a
    intercept = float(final.intercept_[0] * a + b)
    return report, coef, intercept


def main() -> None:
    t0 = time.time()
    examples = load_all()
    featurizer = Featurizer(OUT)
    texts = sorted({ex.text for ex in examples})
    index = {t: i for i, t in enumerate(texts)}
    X_all = featurizer.transform(texts)
    print(f"{len(examples)} examples, {len(texts)} distinct texts, features {X_all.shape[1]} ({time.time() - t0:.0f}s)")
    coefs = {}
    intercepts = {}
    scores: dict[str, dict] = {}
    for name in HEADS:
        t1 = time.time()
        report, coef, intercept = train_head(name, examples, X_all, index)
        coefs[name] = coef.astype(np.float32)
        intercepts[name] = intercept
        scores[name] = report
        o = report["overall"]
        print(
            f"{name:<13} n={o['n']:>6} pos={o['positives']:>6}  P={o['precision']:.3f} R={o['recall']:.3f} "
            f"F1={o['f1']:.3f} AUC={o.get('roc_auc', 0):.3f} ECE={o.get('ece', 0):.3f}  ({time.time() - t1:.0f}s)"
        )
        for src, m in report["by_source"].items():
            print(f"    {src:<14} n={m['n']:>6} pos={m['positives']:>6} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}")
    np.savez_compressed(OUT / "heads.npz", **{k: v.astype(np.float16) for k, v in coefs.items()})
    (OUT / "heads.json").write_text(
        json.dumps(
            {"heads": list(HEADS), "intercepts": intercepts, "n_features": int(X_all.shape[1]), "folds": FOLDS},
            indent=2,
        )
        + "\n"
    )
    (OUT / "cv-scores.json").write_text(json.dumps(scores, indent=2) + "\n")
    print(f"wrote heads to {OUT} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    _ = defaultdict
    main()
