"""Distil the moderation encoder into fewer layers (issue 37, speed): a student with the first K layers of the
fine-tuned six-layer teacher learns the teacher's six probabilities on many more comments than the recipe labels,
and the gold labels where the recipe has them.

    .venv/bin/python -m train.moderation_distil --teacher /tmp/moderation-encoder/full/ckpt-final.pt \\
        --layers 3 [--texts 80000] [--out DIR]

* Texts: the recipe's training set (``split_sources()``, capped, with its labels) and, unlabelled, more texts of the
  same sources' training splits without the caps (validation splits and the held-out test sets never enter), up to
  ``--texts`` in all, a seeded sample (a larger ``--texts`` takes them all: 156,796 texts).
* Teacher: the six-layer checkpoint in float32 torch, logits computed once (cached in the work folder).
* Student: the teacher's embeddings, first K layers and heads; one epoch, batch 32, AdamW lr ``LR`` for all, loss =
  binary cross-entropy to the teacher's probabilities on every head + the recipe's weighted gold loss on labelled
  heads. Nothing here was tuned on the held-out sets.
* Export and thresholds: train/moderation_encoder.py's ``export`` and ``finish`` (validation split), into ``--out``
  (default the work folder's ``model``; the package folder only when named).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from train import moderation_encoder as me
from train.data import Example

LR = 5e-5
#: texts a student reads (labelled and not), by default
TEXTS = 80000
WORK = Path("/tmp/moderation-distil")


def texts(limit: int) -> tuple[list[Example], list[Example], Counter[str]]:
    """(labelled recipe set + unlabelled extra texts, validation split, the labelled set's counts by source)."""
    labelled, valid = me.split_sources()
    everything, _ = me.split_sources(caps={})
    have = {ex.text.lower() for ex in labelled}
    unique: dict[str, Example] = {}  # the first of each text (case-folded)
    for ex in everything:
        if ex.text.lower() not in have:
            unique.setdefault(ex.text.lower(), Example(ex.text, {}, ex.source, ex.meta))
    extra = list(unique.values())
    room = max(0, limit - len(labelled))
    if len(extra) > room:
        extra = random.Random(me.SEED).sample(extra, room)
    pool = labelled + extra
    print(f"distil on {len(pool)} texts: {len(labelled)} labelled, {len(extra)} unlabelled", flush=True)
    return pool, valid, Counter(ex.source for ex in labelled)


def teacher_logits(ckpt: Path, enc: list[list[int]], cache: Path) -> np.ndarray:
    """The six-layer teacher's logits of each text, computed once and cached in *cache*."""
    import torch

    if cache.exists():
        return np.load(cache)
    net = me.build_model(6)
    net.load_state_dict(torch.load(ckpt, map_location="cpu"))
    out = me.logits(net, enc, batch=128, log_every=100)
    np.save(cache, out)
    return out


def student(ckpt: Path, layers: int) -> Any:
    import torch

    net = me.build_model(layers)
    state = torch.load(ckpt, map_location="cpu")
    deeper = [k for k in state if k.startswith("bert.encoder.layer.") and int(k.split(".")[3]) >= layers]
    for k in deeper:
        del state[k]
    net.load_state_dict(state)
    return net


def distil(ckpt: Path, layers: int, pool: list[Example], work: Path) -> Path:
    import torch

    torch.set_num_threads(2)
    torch.manual_seed(me.TRAIN_SEED)
    rng = random.Random(me.TRAIN_SEED)
    enc = [e.ids for e in me.tokenizer().encode_batch([ex.text for ex in pool])]
    work.mkdir(parents=True, exist_ok=True)
    soft = torch.sigmoid(torch.from_numpy(teacher_logits(ckpt, enc, work / f"teacher-{len(pool)}.npy")))
    y, w = me._targets(pool)
    pos_weight = torch.from_numpy(me._pos_weight(y, w))
    net = student(ckpt, layers)
    net.train()
    net.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    opt = torch.optim.AdamW([p for p in net.parameters() if p.requires_grad], lr=LR, weight_decay=0.01)
    batches = me._batches(enc, rng)
    total = len(batches)
    sched = me._schedule(opt, total)
    gold = torch.nn.BCEWithLogitsLoss(reduction="none", pos_weight=pos_weight)
    t0 = time.time()
    for step, idx in enumerate(batches, 1):
        ids, mask, types = me._tensors(enc, idx)
        logits = net(input_ids=ids, attention_mask=mask, token_type_ids=types)
        yt, wt = torch.from_numpy(y[idx]), torch.from_numpy(w[idx])
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, soft[idx])
        if (wt > 0).any():
            loss = loss + (gold(logits, yt) * wt).sum() / (wt > 0).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 50 == 0:
            rate = step * me.BATCH / (time.time() - t0)
            eta = (total - step) * me.BATCH / rate / 60
            print(f"step {step}/{total} loss {loss.item():.4f} {rate:.0f} ex/s eta {eta:.1f} min", flush=True)
    path = work / f"student-{layers}.pt"
    torch.save(net.state_dict(), path)
    print(f"distilled in {(time.time() - t0) / 60:.1f} min -> {path}", flush=True)
    return path


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument(
        "--teacher", type=Path, required=True, help="the six-layer checkpoint (train/moderation_encoder.py)"
    )
    ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--texts", type=int, default=TEXTS)
    ap.add_argument("--work", type=Path, default=WORK)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    pool, valid, counts = texts(args.texts)
    ckpt = distil(args.teacher, args.layers, pool, args.work)
    me.set_layers(args.layers)
    out = args.out or args.work / f"model-{args.layers}"
    path = me.export(ckpt, out)
    labelled = sum(counts.values())
    distillation = {
        "teacher": str(args.teacher),
        "layers": args.layers,
        "texts": len(pool),
        "labelled": labelled,
        "unlabelled_by_source": dict(sorted(Counter(ex.source for ex in pool[labelled:]).items())),
        "lr": LR,
    }
    me.finish(path, valid, counts, out, "the teacher's whole epoch", distillation)


if __name__ == "__main__":
    sys.setrecursionlimit(10000)
    main()
