"""A small fine-tuned transformer that rescores the attribution classifier's uncertain (predicate, source) pairs.

The encoder is the first ``layers`` layers of all-MiniLM-L6-v2 (a BERT of hidden size 384), fine-tuned on
PolNeAR train with a pair head (``train/attribution_encoder.py``). For a candidate pair it reads the sentence's
contextual vectors of the predicate and of the source head (the mean over their word pieces) and the logistic
regression's logit, and gives the probability that the pair is an attribution.

The forward pass is written here in NumPy, so analysis needs no deep-learning framework: the weights ship as
``encoder.npz`` (word embeddings in int8 with a scale per row, the rest in float16) beside the tokenizer the
moderation features use. ``NEWSSIFT_ATTRIBUTION_ENCODER`` may name another folder with the same files.

Only pairs whose logistic-regression probability lies inside the model's ``band`` are rescored (a cascade):
outside it the regression is already sure, and the encoder costs more than the parse.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from newssift.errors import NewssiftError
from newssift.models import ModelCache

MAX_PIECES = 128  # word pieces per sentence, [CLS] and [SEP] included; a longer sentence is cut
HEADS = 12
LOGIT_SCALE = 4.0  # the regression's logit enters the head divided by this
BATCH = 32


def tokenizer(path: Path) -> Any:
    """The MiniLM WordPiece tokenizer (``tokenizers``), adding [CLS]/[SEP] and cutting at ``MAX_PIECES``."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.enable_truncation(MAX_PIECES)
    tok.no_padding()
    return tok


def pieces(offsets: Sequence[tuple[int, int]], start: int, end: int) -> list[int]:
    """Indices of the word pieces whose characters overlap [start, end) of the encoded string (special tokens,
    which have empty offsets, never do). Empty when the span lies past the cut."""
    return [i for i, (a, b) in enumerate(offsets) if b > a and a < end and start < b]


def logit(p: np.ndarray) -> np.ndarray:
    """The regression's probabilities as the logits the head reads (clipped away from 0 and 1)."""
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(q / (1 - q))


def _layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray) -> np.ndarray:
    y = x - x.mean(-1, keepdims=True)
    var = np.einsum("ij,ij->i", y, y)[:, None] * (1.0 / y.shape[-1])
    y /= np.sqrt(var + 1e-12)
    y *= g
    y += b
    return y


_GELU_C = math.sqrt(2.0 / math.pi)


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU in its tanh form: within 5e-4 of the exact (erf) one the model was trained with, six times faster."""
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


class AttributionEncoder:
    def __init__(self, model_dir: Path) -> None:
        files = [model_dir / "encoder.npz", model_dir / "encoder.json"]
        if not all(f.exists() for f in files):
            raise NewssiftError(f"attribution encoder in {model_dir} is missing; run `make train`")
        meta = json.loads((model_dir / "encoder.json").read_text())
        self.band = (float(meta["band"][0]), float(meta["band"][1]))
        self.threshold = float(meta["threshold"])
        self.n_layers = int(meta["layers"])
        tok_path = model_dir / "tokenizer.json"  # the moderation features' MiniLM tokenizer, unless the folder has one
        if not tok_path.exists():
            tok_path = Path(str(resources.files("newssift") / "data" / "moderation" / "tokenizer.json"))
        self.tokenizer = tokenizer(tok_path)
        with np.load(model_dir / "encoder.npz") as z:
            w = {k: z[k] for k in z.files}
        self.word = w.pop("word_q")
        self.word_scale = w.pop("word_scale").astype(np.float32)
        self.w = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in w.items()}
        last = f"l{self.n_layers - 1}_"  # the last layer's query apart from its keys and values (``_forward``)
        dim = self.word.shape[1]
        for name, part in (("q", slice(0, dim)), ("kv", slice(dim, 3 * dim))):
            self.w[f"last_{name}_w"] = np.ascontiguousarray(self.w[last + "qkv_w"][:, part])
            self.w[f"last_{name}_b"] = np.ascontiguousarray(self.w[last + "qkv_b"][part])

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
        x = _layer_norm(x, w["emb_ln_g"], w["emb_ln_b"])
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
            x = _layer_norm(x + ctx @ w[p + "o_w"] + w[p + "o_b"], w[p + "ln1_g"], w[p + "ln1_b"])
            ff = _gelu(x @ w[p + "ff1_w"] + w[p + "ff1_b"]) @ w[p + "ff2_w"] + w[p + "ff2_b"]
            x = _layer_norm(x + ff, w[p + "ln2_g"], w[p + "ln2_b"])
        return x if at_b is not None else x.reshape(bsz, n, dim)

    def head(self, pred: np.ndarray, src: np.ndarray, logit: np.ndarray) -> np.ndarray:
        """Attribution probability of pairs from their predicate and source vectors and the regression's logit."""
        w = self.w
        x = np.concatenate([pred, src, pred * src, (logit / LOGIT_SCALE)[:, None]], axis=1)
        h = _gelu(x @ w["head1_w"] + w["head1_b"])
        z = (h @ w["head2_w"] + w["head2_b"]).ravel()
        return 1.0 / (1.0 + np.exp(-z))

    def rescore(
        self, sentences: list[str], pairs: list[tuple[int, tuple[int, int], tuple[int, int], float]]
    ) -> list[float | None]:
        """Probabilities for (sentence index, predicate span, source span, regression probability) pairs, spans
        in characters of their sentence; None for a pair the encoder does not score (its span lies past the cut,
        or the regression is outside the band and stands)."""
        lo, hi = self.band
        todo = [k for k, (_s, _p, _q, p) in enumerate(pairs) if lo <= p <= hi]
        out: list[float | None] = [None] * len(pairs)
        if not todo:
            return out
        used = sorted({pairs[k][0] for k in todo})
        encs = dict(zip(used, self.tokenizer.encode_batch([sentences[s] for s in used]), strict=True))
        spans: dict[int, tuple[list[int], list[int]]] = {}
        needed: dict[int, set[int]] = {s: set() for s in used}
        for k in todo:
            s, pred, src, _p = pairs[k]
            ip, is_ = pieces(encs[s].offsets, *pred), pieces(encs[s].offsets, *src)
            if ip and is_:
                spans[k] = (ip, is_)
                needed[s].update(ip + is_)
        positions = {s: sorted(needed[s]) for s in used}
        vectors = dict(zip(used, self.hidden([encs[s].ids for s in used], [positions[s] for s in used]), strict=True))
        rows: list[int] = []
        vp: list[np.ndarray] = []
        vs: list[np.ndarray] = []
        row_of = {s: {t: r for r, t in enumerate(positions[s])} for s in used}
        for k, (ip, is_) in spans.items():
            row = row_of[pairs[k][0]]
            vectors_k = vectors[pairs[k][0]]
            rows.append(k)
            vp.append(vectors_k[[row[t] for t in ip]].mean(0))
            vs.append(vectors_k[[row[t] for t in is_]].mean(0))
        if rows:
            lg = logit(np.array([pairs[k][3] for k in rows], dtype=np.float64)).astype(np.float32)
            probs = self.head(np.stack(vp), np.stack(vs), lg)
            for k, pr in zip(rows, probs, strict=True):
                out[k] = float(pr)
        return out


_models: ModelCache[AttributionEncoder] = ModelCache(AttributionEncoder, "NEWSSIFT_ATTRIBUTION_ENCODER", "claims")


def get_encoder(model_dir: Path | None = None) -> AttributionEncoder:
    """The process-wide attribution encoder, loaded on first use."""
    return _models.get(model_dir)
