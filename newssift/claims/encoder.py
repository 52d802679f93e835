"""A small fine-tuned transformer that rescores the attribution classifier's uncertain (predicate, source) pairs.

The encoder is the first ``layers`` layers of all-MiniLM-L6-v2 (a BERT of hidden size 384), fine-tuned on
PolNeAR train with a pair head (``train/attribution_encoder.py``). For a candidate pair it reads the sentence's
contextual vectors of the predicate and of the source head (the mean over their word pieces) and the logistic
regression's logit, and gives the probability that the pair is an attribution.

The layers run in onnxruntime (``newssift.encoders.Hidden``, one sentence a run), so analysis needs no
deep-learning framework: they ship as ``encoder.onnx`` (int8: the matrix products dynamically quantised, the word
embeddings with a scale per row),
the head's weights as ``head.npz``, beside the tokenizer the moderation encoder uses.
``NEWSSIFT_ATTRIBUTION_ENCODER`` may name another folder with the same files.

Only pairs whose logistic-regression probability lies inside the model's ``band`` are rescored (a cascade):
outside it the regression is already sure, and the encoder costs more than the parse.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.special import erf

from newssift.encoders import MAX_PIECES, Hidden, tokenizer, tokenizer_path
from newssift.errors import NewssiftError
from newssift.models import ModelCache

__all__ = ["LOGIT_SCALE", "MAX_PIECES", "AttributionEncoder", "get_encoder", "logit", "pieces", "tokenizer"]

LOGIT_SCALE = 4.0  # the regression's logit enters the head divided by this


def pieces(offsets: Sequence[tuple[int, int]], start: int, end: int) -> list[int]:
    """Indices of the word pieces whose characters overlap [start, end) of the encoded string (special tokens,
    which have empty offsets, never do). Empty when the span lies past the cut."""
    return [i for i, (a, b) in enumerate(offsets) if b > a and a < end and start < b]


def gelu(x: np.ndarray) -> np.ndarray:
    """GELU, the exact (erf) form the head was trained with."""
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


def logit(p: np.ndarray) -> np.ndarray:
    """The regression's probabilities as the logits the head reads (clipped away from 0 and 1)."""
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(q / (1 - q))


class AttributionEncoder:
    def __init__(self, model_dir: Path) -> None:
        files = [model_dir / "encoder.onnx", model_dir / "head.npz", model_dir / "encoder.json"]
        if not all(f.exists() for f in files):
            raise NewssiftError(f"attribution encoder in {model_dir} is missing; run `make train`")
        meta = json.loads((model_dir / "encoder.json").read_text())
        self.band = (float(meta["band"][0]), float(meta["band"][1]))
        self.threshold = float(meta["threshold"])
        self.n_layers = int(meta["layers"])
        self.tokenizer = tokenizer(tokenizer_path(model_dir))
        self.encoder = Hidden(model_dir / "encoder.onnx")
        with np.load(model_dir / "head.npz") as z:
            self.w = {k: z[k].astype(np.float32) for k in z.files}
        self.hidden = self.encoder.hidden

    def head(self, pred: np.ndarray, src: np.ndarray, logit: np.ndarray) -> np.ndarray:
        """Attribution probability of pairs from their predicate and source vectors and the regression's logit."""
        w = self.w
        x = np.concatenate([pred, src, pred * src, (logit / LOGIT_SCALE)[:, None]], axis=1)
        h = gelu(x @ w["head1_w"] + w["head1_b"])
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
        used = [s for s in used if needed[s]]  # a sentence whose spans all lie past the cut is not run
        positions = {s: sorted(needed[s]) for s in used}
        found = self.hidden([encs[s].ids for s in used], [positions[s] for s in used])
        vectors = dict(zip(used, found, strict=True))
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
