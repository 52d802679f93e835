"""Train the check-worthiness head: is a sentence a factual claim worth checking?

    .venv/bin/python -m train.checkworthy          (part of `make train`; reads ../shared/data)

Data: ClaimBuster (debate sentences, check-worthy factual vs not; the 3xNCS sample) and CheckThat! 2019 task 1
(debate and speech transcripts, sentences that fact-checkers checked). Same features as moderation
(newssift.encoders.static). Cross-validation:
- ClaimBuster: 4-fold stratified (its authors' protocol): precision/recall/F1 at 0.5, average precision;
- CheckThat!: leave-one-transcript-out over the 19 transcripts, trained on the other 18 plus ClaimBuster *less the
  held-out debate's sentences* (ClaimBuster holds about a quarter of the three 2016 presidential debates, 32 of
  whose check-worthy sentences: before 2026-12-06 they were in the training folds, a leak): mean average precision
  (MAP, the task's measure) and F1 at 0.5;
- chronological: trained on ClaimBuster and the 2016 debates, tested on the eleven 2017-2019 transcripts (later
  events, as a withheld test set is);
- CheckThat! 2020 tweets: the 997 tweets of the task 2 train and dev splits that Snopes fact-checked (check-worthy
  by construction) among 620 ordinary tweets (TweetEval's OLID test tweets labelled not offensive): average
  precision, trained on everything (a different genre: tweets, not debates);
- each with and without the 10,375 CheckThat! 2020 verified claims as further positives (`--verified-claims`).
Writes newssift/data/claims/checkworthy.npz, checkworthy.json and MODEL_CARD.md.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold

from newssift.encoders.static import Featurizer
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


def _zipped_tsv(member: str) -> list[list[str]]:
    with zipfile.ZipFile(DATA / "checkthat2020_task2_verified_claims" / "v3.zip") as z:
        rows = list(csv.reader(io.TextIOWrapper(z.open(member), encoding="utf-8"), delimiter="\t"))
    return rows[1:]


def verified_claims() -> list[str]:
    """CheckThat! 2020 task 2's verified claims (Snopes and ClaimsKG): check-worthy by construction."""
    return [r[1] for r in _zipped_tsv("v3.0/verified_claims.docs.tsv") if len(r) > 1 and r[1].strip()]


def tweets_2020() -> tuple[list[str], np.ndarray]:
    """The 2020 task 2 tweets (fact-checked by Snopes: positives) and OLID's test tweets not labelled offensive
    (ordinary political tweets: negatives)."""
    checked = [
        r[1] for split in ("train", "dev") for r in _zipped_tsv(f"v3.0/{split}/tweets.queries.tsv") if len(r) > 1
    ]
    olid = DATA / "tweeteval_hate_offensive" / "offensive"
    texts = (olid / "test_text.txt").read_text(encoding="utf-8").splitlines()
    labels = (olid / "test_labels.txt").read_text(encoding="utf-8").split()
    ordinary = [t for t, y in zip(texts, labels, strict=True) if y == "0"]
    return checked + ordinary, np.r_[np.ones(len(checked), int), np.zeros(len(ordinary), int)]


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


def _map(ct: list[tuple[str, list[str], np.ndarray]], probs: list[np.ndarray]) -> float:
    return float(np.mean([average_precision_score(y, p) for (_n, _t, y), p in zip(ct, probs) if y.sum() > 0]))


class _Data:
    """Every text's features, computed once."""

    def __init__(self, with_verified: bool) -> None:
        feat = Featurizer(MODERATION)
        self.cb_text, self.cb_y = claimbuster()
        self.X_cb = feat.transform(self.cb_text)
        self.ct = checkthat()
        self.X_ct = [feat.transform(texts) for _name, texts, _y in self.ct]
        vc = verified_claims() if with_verified else []
        self.X_vc = feat.transform(vc) if vc else None
        tw_text, self.tw_y = tweets_2020()
        self.X_tw = feat.transform(tw_text)
        self.cb_lower = [t.strip().lower() for t in self.cb_text]

    def train(self, transcripts: list[int], without: frozenset[str] | set[str] = frozenset()) -> LogisticRegression:
        """A model on ClaimBuster (less the sentences in *without*), the transcripts given and the verified claims."""
        keep = np.array([t not in without for t in self.cb_lower])
        X = [self.X_cb[keep], *[self.X_ct[k] for k in transcripts]]
        y = [self.cb_y[keep], *[self.ct[k][2] for k in transcripts]]
        if self.X_vc is not None:
            X.append(self.X_vc)
            y.append(np.ones(self.X_vc.shape[0], int))
        return _fit(sp.vstack(X).tocsr(), np.concatenate(y))


def cross_validate(verbose: bool = True, with_verified: bool = False) -> tuple[dict[str, Any], LogisticRegression]:
    d = _Data(with_verified)
    ct = d.ct
    # ClaimBuster, 4-fold (ClaimBuster only, as its authors do)
    oof = np.zeros(len(d.cb_y))
    for tr, te in StratifiedKFold(4, shuffle=True, random_state=SEED).split(d.X_cb, d.cb_y):
        oof[te] = _fit(d.X_cb[tr], d.cb_y[tr]).predict_proba(d.X_cb[te])[:, 1]
    scores: dict[str, Any] = {
        "training": "ClaimBuster 3xNCS + CheckThat! 2019 train" + (" + 2020 verified claims" if with_verified else ""),
        "claimbuster_4fold": {"n": len(d.cb_y), "positives": int(d.cb_y.sum()), **_prf(d.cb_y, oof)},
    }
    # CheckThat!, leave one transcript out, the held-out debate's sentences taken out of ClaimBuster too
    probs = []
    for k, (_name, texts, _y) in enumerate(ct):
        held = {t.strip().lower() for t in texts}
        model = d.train([j for j in range(len(ct)) if j != k], held)
        probs.append(model.predict_proba(d.X_ct[k])[:, 1])
    yy, pp = np.concatenate([y for _n, _t, y in ct]), np.concatenate(probs)
    scores["checkthat2019_leave_one_transcript_out"] = {
        "transcripts": len(ct),
        "n": len(yy),
        "positives": int(yy.sum()),
        "map": _map(ct, probs),
        **_prf(yy, pp),
    }
    # chronological: 2016 debates (and ClaimBuster) before, 2017-2019 transcripts after
    early = [k for k, (name, _t, _y) in enumerate(ct) if name < "2017"]
    late = [k for k in range(len(ct)) if k not in early]
    model = d.train(early, {t.strip().lower() for k in late for t in ct[k][1]})
    late_ct = [ct[k] for k in late]
    scores["checkthat2019_chronological"] = {
        "train": [ct[k][0] for k in early],
        "test": [ct[k][0] for k in late],
        "map": _map(late_ct, [model.predict_proba(d.X_ct[k])[:, 1] for k in late]),
    }
    final = d.train(list(range(len(ct))))
    tw = final.predict_proba(d.X_tw)[:, 1]
    scores["checkthat2020_tweets_among_ordinary_tweets"] = {
        "n": len(d.tw_y),
        "positives": int(d.tw_y.sum()),
        **_prf(d.tw_y, tw),
    }
    if verbose:
        for name, sc in scores.items():
            print(
                name,
                {k: round(v, 4) if isinstance(v, float) else v for k, v in sc.items()} if isinstance(sc, dict) else sc,
            )
    return scores, final


def main() -> None:
    t0 = time.time()
    scores, final = cross_validate(with_verified="--verified-claims" in sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT / "checkworthy.npz", coef=final.coef_[0].astype(np.float16))
    (OUT / "checkworthy.json").write_text(
        json.dumps({"intercept": float(final.intercept_[0]), "cv": scores, "class_weight": "balanced"}, indent=2) + "\n"
    )
    cb, ct = scores["claimbuster_4fold"], scores["checkthat2019_leave_one_transcript_out"]
    chrono, tw = scores["checkthat2019_chronological"], scores["checkthat2020_tweets_among_ordinary_tweets"]
    vc_line = (
        "- CheckThat! 2020 task 2 verified claims (Shaar et al. 2020), 10,375 claims as further positives. Free for"
        " general research use.\n"
        if "verified" in scores["training"]
        else ""
    )
    (OUT / "MODEL_CARD.md").write_text(f"""# Model card: newssift check-worthiness head

Written by `train/checkworthy.py` (`make train`); do not edit by hand.

Logistic regression (class-balanced) on newssift's shared features (newssift.encoders.static: hashed word and character n-grams plus
the sentence embedding distilled from all-MiniLM-L6-v2, Apache-2.0). The score ranks sentences by how much they
look like factual claims fact-checkers would check; with balanced classes, 0.5 is not a calibrated probability.

## Data (read from ../shared/data, not redistributed)
- ClaimBuster (Arslan et al. 2020), 3xNCS sample: {cb["n"]:,} debate sentences, {cb["positives"]:,} check-worthy. GPL-3.0 (repo) / CC BY 4.0 (Zenodo).
- CheckThat! 2019 task 1 English training transcripts: {ct["n"]:,} sentences in {ct["transcripts"]} debates and speeches, {ct["positives"]} checked by fact-checkers. Free for research.
{vc_line}- Evaluation only: CheckThat! 2020 task 2 tweets (train and dev) and TweetEval's OLID test tweets.

## Cross-validated scores
| protocol | n | positives | precision | recall | F1 | average precision / MAP |
|---|---|---|---|---|---|---|
| ClaimBuster, 4-fold stratified | {cb["n"]:,} | {cb["positives"]:,} | {cb["precision"]:.3f} | {cb["recall"]:.3f} | {cb["f1"]:.3f} | AP {cb["average_precision"]:.3f} |
| CheckThat! 2019, leave one transcript out (+ ClaimBuster less the held-out debate's sentences) | {ct["n"]:,} | {ct["positives"]} | {ct["precision"]:.3f} | {ct["recall"]:.3f} | {ct["f1"]:.3f} | MAP {ct["map"]:.3f} |
| CheckThat! 2019, chronological: 2016 debates + ClaimBuster → eleven 2017-2019 transcripts | | | | | | MAP {chrono["map"]:.3f} |
| 2020 fact-checked tweets among ordinary tweets (a genre not trained on) | {tw["n"]:,} | {tw["positives"]} | {tw["precision"]:.3f} | {tw["recall"]:.3f} | {tw["f1"]:.3f} | AP {tw["average_precision"]:.3f} |

Before 2026-12-06 the leave-one-transcript-out folds kept all of ClaimBuster in training, which holds about a quarter
of the sentences of the three 2016 presidential debates: MAP 0.255 then. The withheld CheckThat! 2019 test set
scored MAP 0.13 (measured by others): these protocols do not predict it, so treat them as upper bounds.

## Limits
Trained on US political debates and speeches; news prose and reported speech differ. English only.
""")
    print(f"wrote {OUT} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
