"""Export a fine-tuned (truncated) MiniLM in the layout ``newssift/minilm.py`` reads.

Word embeddings in int8 with a scale per row, position embeddings up to ``MAX_PIECES``, the layers in float16,
matrices as (in, out). The small encoders' training scripts (``train/attribution_encoder.py``,
``train/moderation_encoder.py``) add their heads' weights to the same file.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from newssift.minilm import MAX_PIECES


def export_layers(bert: Any, layers: int) -> dict[str, np.ndarray]:
    sd = {k: v.detach().float().numpy() for k, v in bert.state_dict().items()}
    word = sd["embeddings.word_embeddings.weight"]
    scale = np.abs(word).max(1) / 127.0
    out: dict[str, np.ndarray] = {
        "word_q": np.round(word / np.maximum(scale, 1e-12)[:, None]).astype(np.int8),
        "word_scale": scale.astype(np.float32),
        "pos": sd["embeddings.position_embeddings.weight"][:MAX_PIECES].astype(np.float16),
        "type": sd["embeddings.token_type_embeddings.weight"][0].astype(np.float16),
        "emb_ln_g": sd["embeddings.LayerNorm.weight"].astype(np.float16),
        "emb_ln_b": sd["embeddings.LayerNorm.bias"].astype(np.float16),
    }
    for i in range(layers):
        p = f"encoder.layer.{i}."
        att = p + "attention.self."
        layer = {
            "qkv_w": np.concatenate([sd[att + f"{m}.weight"].T for m in ("query", "key", "value")], 1),
            "qkv_b": np.concatenate([sd[att + f"{m}.bias"] for m in ("query", "key", "value")]),
            "o_w": sd[p + "attention.output.dense.weight"].T,
            "o_b": sd[p + "attention.output.dense.bias"],
            "ln1_g": sd[p + "attention.output.LayerNorm.weight"],
            "ln1_b": sd[p + "attention.output.LayerNorm.bias"],
            "ff1_w": sd[p + "intermediate.dense.weight"].T,
            "ff1_b": sd[p + "intermediate.dense.bias"],
            "ff2_w": sd[p + "output.dense.weight"].T,
            "ff2_b": sd[p + "output.dense.bias"],
            "ln2_g": sd[p + "output.LayerNorm.weight"],
            "ln2_b": sd[p + "output.LayerNorm.bias"],
        }
        out.update({f"l{i}_{k}": v.astype(np.float16) for k, v in layer.items()})
    return out
