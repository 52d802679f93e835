"""The forward pass of a (truncated, fine-tuned) all-MiniLM-L6-v2 in NumPy, for the small encoders newssift ships.

The attribution encoder (``newssift/claims/encoder.py``) and the antisemitism encoder
(``newssift/moderation/encoder.py``) are the first layers of MiniLM (a BERT of hidden size 384, 12 attention heads)
fine-tuned with a small head; analysis runs them here, so it needs no deep-learning framework. Weights are stored
as ``train/minilm.py`` exports them: word embeddings in int8 with a scale per row, the layers in float16, matrices
as (in, out); keys ``l{i}_qkv_w`` ... for layer i.
"""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

MAX_PIECES = 128  # word pieces per text, [CLS] and [SEP] included; a longer text is cut
HEADS = 12
BATCH = 32


def tokenizer(path: Path, max_pieces: int = MAX_PIECES) -> Any:
    """The MiniLM WordPiece tokenizer (``tokenizers``), adding [CLS]/[SEP] and cutting at ``max_pieces``."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.enable_truncation(max_pieces)
    tok.no_padding()
    return tok


def tokenizer_path(model_dir: Path) -> Path:
    """The folder's tokenizer.json, or else the one shipped with the moderation features (the same MiniLM one)."""
    own = model_dir / "tokenizer.json"
    return own if own.exists() else Path(str(resources.files("newssift") / "data" / "moderation" / "tokenizer.json"))


def layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray) -> np.ndarray:
    y = x - x.mean(-1, keepdims=True)
    var = np.einsum("ij,ij->i", y, y)[:, None] * (1.0 / y.shape[-1])
    y /= np.sqrt(var + 1e-12)
    y *= g
    y += b
    return y


_GELU_C = math.sqrt(2.0 / math.pi)


def gelu(x: np.ndarray) -> np.ndarray:
    """GELU in its tanh form: within 5e-4 of the exact (erf) one the models were trained with, six times faster."""
    y = x * x
    y *= x
    y *= 0.044715
    y += x
    y *= _GELU_C
    np.tanh(y, out=y)
    y += 1.0
    y *= x
    y *= 0.5
    return y


class MiniLM:
    """The encoder layers of one exported model; ``w`` keeps every array of the file (heads' weights included)."""

    def __init__(self, weights: dict[str, np.ndarray], n_layers: int) -> None:
        w = dict(weights)
        self.n_layers = n_layers
        self.word = w.pop("word_q")
        self.word_scale = w.pop("word_scale").astype(np.float32)
        self.w = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in w.items()}
        last = f"l{n_layers - 1}_"  # the last layer's query apart from its keys and values (``_forward``)
        dim = self.word.shape[1]
        for name, part in (("q", slice(0, dim)), ("kv", slice(dim, 3 * dim))):
            self.w[f"last_{name}_w"] = np.ascontiguousarray(self.w[last + "qkv_w"][:, part])
            self.w[f"last_{name}_b"] = np.ascontiguousarray(self.w[last + "qkv_b"][part])

    @classmethod
    def load(cls, path: Path, n_layers: int) -> MiniLM:
        with np.load(path) as z:
            return cls({k: z[k] for k in z.files}, n_layers)

    def hidden(self, ids: list[list[int]], needed: list[list[int]] | None = None) -> list[np.ndarray]:
        """Last-layer vectors of each sequence of word-piece ids ([CLS] ... [SEP]): all of a sequence's positions
        as a (length, 384) array, or with ``needed`` only the positions listed for it, in that order. The last
        layer is then computed at those positions alone (its keys and values still see the whole sequence), which
        gives the same vectors for less work."""
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        result: dict[int, np.ndarray] = {}
        for b in range(0, len(order), BATCH):
            batch = order[b : b + BATCH]
            n = max(len(ids[i]) for i in batch)
            arr = np.zeros((len(batch), n), dtype=np.int64)
            mask = np.zeros((len(batch), n), dtype=np.float32)
            for j, i in enumerate(batch):
                arr[j, : len(ids[i])] = ids[i]
                mask[j, : len(ids[i])] = 1.0
            if needed is None:
                h = self._forward(arr, mask)
                for j, i in enumerate(batch):
                    result[i] = h[j, : len(ids[i])]
                continue
            rows = [(j, t) for j, i in enumerate(batch) for t in needed[i]]
            at = np.array(rows, dtype=np.int64).reshape(-1, 2)
            h = self._forward(arr, mask, at[:, 0], at[:, 1])
            k = 0
            for i in batch:
                result[i] = h[k : k + len(needed[i])]
                k += len(needed[i])
        return [result[i] for i in range(len(ids))]

    def mean_pooled(self, ids: list[list[int]]) -> np.ndarray:
        """(texts, 384): the mean of each sequence's last-layer vectors, [CLS] and [SEP] included."""
        return np.stack([h.mean(0) for h in self.hidden(ids)]) if ids else np.zeros((0, self.word.shape[1]))

    def _forward(
        self, ids: np.ndarray, mask: np.ndarray, at_b: np.ndarray | None = None, at_t: np.ndarray | None = None
    ) -> np.ndarray:
        """(batch, length, 384) last-layer vectors; or, given positions (``at_b`` sequence, ``at_t`` position),
        (positions, 384) vectors at those positions only."""
        w = self.w
        bsz, n = ids.shape
        dim = self.word.shape[1]
        d = dim // HEADS
        scale = 1.0 / math.sqrt(d)
        x = self.word[ids].astype(np.float32) * self.word_scale[ids][..., None]
        x = (x + w["pos"][:n][None] + w["type"][None, None]).reshape(bsz * n, dim)
        x = layer_norm(x, w["emb_ln_g"], w["emb_ln_b"])
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        for i in range(self.n_layers):
            p = f"l{i}_"
            if at_b is not None and at_t is not None and i == self.n_layers - 1:
                kv = (x @ w["last_kv_w"] + w["last_kv_b"]).reshape(bsz, n, 2, HEADS, d).transpose(2, 0, 3, 1, 4)
                x = x[at_b * n + at_t]
                q = (x @ w["last_q_w"] + w["last_q_b"]).reshape(len(x), HEADS, 1, d)
                scores = (q @ kv[0][at_b].transpose(0, 1, 3, 2)) * scale + bias[at_b]
                ctx_of = kv[1][at_b]
            else:
                qkv = (x @ w[p + "qkv_w"] + w[p + "qkv_b"]).reshape(bsz, n, 3, HEADS, d).transpose(2, 0, 3, 1, 4)
                scores = (qkv[0] @ qkv[1].transpose(0, 1, 3, 2)) * scale + bias
                ctx_of = qkv[2]
            scores -= scores.max(-1, keepdims=True)
            att = np.exp(scores)
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ ctx_of).transpose(0, 2, 1, 3).reshape(len(x), dim)
            x = layer_norm(x + ctx @ w[p + "o_w"] + w[p + "o_b"], w[p + "ln1_g"], w[p + "ln1_b"])
            ff = gelu(x @ w[p + "ff1_w"] + w[p + "ff1_b"]) @ w[p + "ff2_w"] + w[p + "ff2_b"]
            x = layer_norm(x + ff, w[p + "ln2_g"], w[p + "ln2_b"])
        return x if at_b is not None else x.reshape(bsz, n, dim)
