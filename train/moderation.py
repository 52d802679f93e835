"""Train the moderation heads and write the shipped weights, cross-validated scores and model card.

    .venv/bin/python -m train.moderation          (part of `make train`; reads ../shared/data)

For each head (hate, antisemitism, violence, conspiracy, harassment): logistic regression on newssift's
features (distilled MiniLM embedding + hashed word and character n-grams), 5-fold stratified cross-validation,
Platt scaling fitted on the out-of-fold scores (so the shipped scores are calibrated probabilities), then a
final fit on all examples. Deterministic: fixed folds and solver seed. Writes newssift/data/moderation/
heads.npz, heads.json, cv-scores.json and MODEL_CARD.md.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, precision_score, recall_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

from newssift.encoders.static import Featurizer
from newssift.moderation.stage import _mask_groups
from train.data import ASSUMED_NEGATIVES, NEWS_NEGATIVE_HEADS, NEWS_NEGATIVES, Example, load_all

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


def metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    pred = (p >= 0.5).astype(int)
    out: dict[str, float] = {
        "n": len(y),
        "positives": int(y.sum()),
        "flagged": float(pred.mean()),  # the share scored >= 0.5: for assumed negatives, the false-positive rate
        "precision": float(precision_score(y, pred, zero_division=0)),
        "recall": float(recall_score(y, pred, zero_division=0)),
        "f1": float(f1_score(y, pred, zero_division=0)),
    }
    if 0 < y.sum() < len(y):
        out["roc_auc"] = float(roc_auc_score(y, p))
        out["average_precision"] = float(average_precision_score(y, p))
        bins = np.minimum((p * 10).astype(int), 9)
        ece = 0.0
        for b in range(10):
            m = bins == b
            if m.any():
                ece += abs(p[m].mean() - y[m].mean()) * m.mean()
        out["ece"] = float(ece)  # expected calibration error, 10 bins
    return out


def _head_data(name: str, examples: list[Example], index: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    seen: set[int] = set()
    rows = []
    for ex in examples:
        if name in ex.labels and index[ex.text] not in seen:  # a text labelled twice for one head counts once
            seen.add(index[ex.text])
            rows.append((index[ex.text], ex.labels[name], ex.source))
    return np.array([r[0] for r in rows]), np.array([r[1] for r in rows]), np.array([r[2] for r in rows])


def train_head(
    name: str, X: sp.csr_matrix, y: np.ndarray, sources: np.ndarray, X_masked: sp.csr_matrix | None = None
) -> tuple[dict[str, Any], np.ndarray, float, np.ndarray, np.ndarray | None]:
    """Cross-validate and fit one head. With X_masked (the same texts with group names masked, as the stage
    does), also the out-of-fold calibrated probabilities of the masked texts, from the same fold models."""
    oof = np.zeros(len(y))
    oof_masked = np.zeros(len(y)) if X_masked is not None else None
    for train_idx, test_idx in StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED).split(X, y):
        lr = LogisticRegression(C=C[name], solver="liblinear", max_iter=2000, random_state=SEED)
        lr.fit(X[train_idx], y[train_idx])
        oof[test_idx] = lr.decision_function(X[test_idx])
        if X_masked is not None and oof_masked is not None:
            oof_masked[test_idx] = lr.decision_function(X_masked[test_idx])
    a, b = _platt(oof, y)
    p = _sigmoid(a * oof + b)
    report: dict[str, Any] = {"overall": metrics(y, p), "by_source": {}}
    for src in sorted(set(sources)):
        m = sources == src
        report["by_source"][src] = metrics(y[m], p[m])
    final = LogisticRegression(C=C[name], solver="liblinear", max_iter=2000, random_state=SEED)
    final.fit(X, y)
    p_masked = _sigmoid(a * oof_masked + b) if oof_masked is not None else None
    return report, final.coef_[0] * a, float(final.intercept_[0] * a + b), p, p_masked


def cross_validate(
    verbose: bool = True, keep_oof: bool = False, examples: list[Example] | None = None
) -> tuple[dict[str, Any], dict[str, np.ndarray], dict[str, float]]:
    """Cross-validate every head on *examples* (default: ``load_all()``); also fit the final heads. With keep_oof,
    scores[head]["oof"] holds (texts, labels, sources, out-of-fold calibrated probabilities, the same for the
    group-masked texts) for further analysis (bench/moderation.py)."""
    t0 = time.time()
    examples = load_all() if examples is None else examples
    featurizer = Featurizer(OUT)
    texts = sorted({ex.text for ex in examples})
    index = {t: i for i, t in enumerate(texts)}
    X_all = featurizer.transform(texts)
    # the stage also scores each text with its group names masked (its identity-term counterfactual); the bench
    # needs those scores out of fold too
    X_masked = featurizer.transform([_mask_groups(t) for t in texts]) if keep_oof else None
    if verbose:
        print(
            f"{len(examples)} examples, {len(texts)} distinct texts, {X_all.shape[1]} features ({time.time() - t0:.0f}s)"
        )
    scores: dict[str, Any] = {}
    coefs: dict[str, np.ndarray] = {}
    intercepts: dict[str, float] = {}
    for name in HEADS:
        t1 = time.time()
        ids, y, sources = _head_data(name, examples, index)
        masked = X_masked[ids] if X_masked is not None else None
        report, coef, intercept, oof, oof_masked = train_head(name, X_all[ids], y, sources, masked)
        if keep_oof:
            report["oof"] = ([texts[i] for i in ids], y, sources, oof, oof_masked)
        scores[name], coefs[name], intercepts[name] = report, coef.astype(np.float32), intercept
        if verbose:
            o = report["overall"]
            print(
                f"{name:<13} n={o['n']:>6} pos={o['positives']:>6}  P={o['precision']:.3f} R={o['recall']:.3f} "
                f"F1={o['f1']:.3f} AUC={o.get('roc_auc', 0):.3f} ECE={o.get('ece', 0):.3f}  ({time.time() - t1:.0f}s)"
            )
            for src, m in report["by_source"].items():
                print(f"    {src:<32} n={m['n']:>6} pos={m['positives']:>5} P={m['precision']:.3f} ", end="")
                print(f"R={m['recall']:.3f} F1={m['f1']:.3f}")
    return scores, coefs, intercepts


def model_card(scores: dict[str, Any]) -> str:
    meta = json.loads((OUT / "static-minilm.json").read_text())
    rows = []
    for head, rep in scores.items():
        o = rep["overall"]
        rows.append(
            f"| {head} | {o['n']:,} | {o['positives']:,} | {o['precision']:.3f} | {o['recall']:.3f} | {o['f1']:.3f} | "
            f"{o.get('roc_auc', float('nan')):.3f} | {o.get('ece', float('nan')):.3f} |"
        )
    by_source = []
    for head, rep in scores.items():
        for src, m in rep["by_source"].items():
            if m["positives"] == 0:  # assumed negatives: precision and recall say nothing; the share flagged does
                by_source.append(f"| {head} | {src} | {m['n']:,} | 0 | — | — | — (scored ≥ 0.5: {m['flagged']:.2%}) |")
                continue
            by_source.append(
                f"| {head} | {src} | {m['n']:,} | {m['positives']:,} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} |"
            )
    negatives = ", ".join(f"{k}: {v:,}" for k, v in ASSUMED_NEGATIVES.items())
    news_heads = ", ".join(NEWS_NEGATIVE_HEADS)
    return f"""# Model card: newssift moderation heads

Written by `train/moderation.py` (`make train`); do not edit by hand.

## What it is
Five logistic-regression heads (hate, antisemitism, violence, conspiracy, harassment) on one feature vector per
comment: hashed word 1–2-grams and character 2–5-grams (2 × 131,072 features) plus a {meta["dim"]}-dimensional
sentence embedding distilled from **all-MiniLM-L6-v2** ({meta["source_model"]}, licence {meta["licence"]}):
{meta["method"]} ({meta["pca_variance_explained"]:.0%} of variance kept). Scores are calibrated by Platt scaling
fitted on out-of-fold scores. At run time newssift combines these scores with lexicon patterns (antisemitic
tropes after the IHRA working definition's examples, threats, conspiracy narratives, insults, profanity, spam)
and context rules (counter-speech, negation, identity-term counterfactual, thread context): see
`newssift/moderation/stage.py`. Profanity and spam are rules only.

## Training data (read from ../shared/data, not redistributed)
| dataset | used for | licence |
|---|---|---|
| DynaHate v0.2.3 dev+test (Vidgen et al. 2021) | hate; violence (type "threatening"); antisemitism (target "jew") | none stated |
| HateXplain, MBIB-derived (Mathew et al. 2021) | hate (hatespeech vs normal/offensive) | MIT / CC BY 4.0 (MBIB GPL-3.0) |
| Implicit Hate Corpus (ElSherief et al. 2021) | hate (implicit+explicit); violence ("threatening"); antisemitism (target jews) | CC BY 4.0 |
| ETHOS (Mollas et al. 2022) | hate; violence; harassment (directed vs generalised) | GPL-3.0 |
| ISCA antisemitism tweets (Jikeli et al. 2023) | antisemitism and hate (IHRA-based labels) | CC BY 4.0 |
| PAN 2024 oppositional thinking, EN (Korenčić et al. 2024) | conspiracy vs critical | CC BY-SA 4.0 |
| PRCT replacement-conspiracy comments (Marino et al.) | conspiracy (Great Replacement) | CC BY-NC-SA 4.0 / CC0 (conflicting) |
| PolNeAR train+dev article texts (Newell et al. 2018) | assumed negatives (news sentences) | none stated (research use) |
| article-extraction-benchmark gold bodies (Scrapinghub) | assumed negatives (news sentences) | MIT |

Assumed negatives: non-hateful posts from HateXplain and DynaHate, drawn with a fixed seed, are added as
negatives for conspiracy ({negatives}): they are *assumed* not to be conspiracy narratives (not annotated so).
Sentences of published news articles (6–60 words) are added as negatives for {news_heads}: every one that
names a group or a Jewish term, then a fixed-seed sample of the rest, {NEWS_NEGATIVES:,} in all. They are
*assumed* not hateful, antisemitic, violent or conspiratorial (not annotated so); they teach the heads that
news prose naming groups or reporting violence ("the Jewish museum reopened", "two men were stabbed, police
said") is not hate or a threat, which none of the comment datasets shows. Which sentences name a group is
decided by the stage's own group patterns (`newssift/moderation/lexicon.py`), so a change there changes this
sample: retrain after one.
SBIC is not used (its offensiveness is not hate). Licences with NC/SA terms bind the shipped weights accordingly.

## Cross-validated scores (5-fold stratified, out-of-fold, threshold 0.5 on calibrated scores)
| head | n | positives | precision | recall | F1 | ROC AUC | ECE |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

By source (the same out-of-fold predictions, restricted to one dataset):

| head | source | n | positives | precision | recall | F1 |
|---|---|---|---|---|---|---|
{chr(10).join(by_source)}

## Limits
- Antisemitism on ISCA reaches F1 well below the project's goal of 0.80 (see the table): linear heads on these
  features, and also on full contextual MiniLM embeddings (tried: max F1 ≈ 0.65), do not get there, and neither
  does fine-tuning: the first 3 layers of MiniLM fine-tuned end to end on the same ISCA folds reach mean F1 0.593
  (ROC AUC 0.853) against 0.597 (0.851) for this head trained on the same tweets, and their average 0.596 (0.865)
  (`bench/antisemitism_finetune.py`). The lexicon of IHRA-example tropes carries most antisemitism decisions.
- Violence and harassment heads have little data (a few hundred positives): at 0.5 they have low recall, so the
  stage relies on threat and insult patterns and uses the heads as supporting evidence.
- The conspiracy head knows two families of narrative: Covid-era Telegram posts (PAN 2024) and the Great
  Replacement (PRCT). Other narratives (moon landing, JFK, smart meters, voting machines) reach it only through
  the lexicon, and a new one goes unflagged (holdout 7 in `tests/`: 1 of 8 found).
- English only. Training posts are tweets, Gab, Reddit, YouTube and Telegram; news-site comments differ.
"""


def main() -> None:
    t0 = time.time()
    scores, coefs, intercepts = cross_validate()
    np.savez_compressed(OUT / "heads.npz", **{k: v.astype(np.float16) for k, v in coefs.items()})
    n_features = next(iter(coefs.values())).shape[0]
    (OUT / "heads.json").write_text(
        json.dumps({"heads": list(HEADS), "intercepts": intercepts, "n_features": n_features, "folds": FOLDS}, indent=2)
        + "\n"
    )
    (OUT / "cv-scores.json").write_text(json.dumps(scores, indent=2) + "\n")
    (OUT / "MODEL_CARD.md").write_text(model_card(scores))
    print(f"wrote heads, scores and model card to {OUT} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
