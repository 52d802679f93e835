"""Stance of a passage towards a claim: agree, disagree, discuss or unrelated (the FNC-1 labels).

The head is a small perceptron over ``features.StanceFeaturizer`` features, trained by ``train/stance.py`` on
FNC-1 and Emergent; its forward pass is a few numpy lines. Where it calls a pair related, a cross-encoder
(``cross.py``) helps share the related probability among agree, disagree and discuss. ``NEWSSIFT_STANCE_MODEL``
may point at another directory holding a ``stance.npz``/``stance.json`` pair with the same layout.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from newssift.corroborate.cross import combine, get_cross_encoder, rows_to_read
from newssift.corroborate.features import StanceFeaturizer, TextFeatures
from newssift.encoders.static import get_featurizer
from newssift.errors import NewssiftError
from newssift.models import ModelCache

LABELS = ["agree", "disagree", "discuss", "unrelated"]


class StanceModel:
    def __init__(self, model_dir: Path) -> None:
        if not (model_dir / "stance.npz").exists() or not (model_dir / "stance.json").exists():
            raise NewssiftError(f"stance model in {model_dir} is missing; run `make train`")
        meta = json.loads((model_dir / "stance.json").read_text())
        if meta["labels"] != LABELS:
            raise NewssiftError(f"stance model in {model_dir} has labels {meta['labels']}, expected {LABELS}")
        with np.load(model_dir / "stance.npz") as z:
            self.mean = z["mean"].astype(np.float32)
            self.scale = z["scale"].astype(np.float32)
            self.layers = [(z[f"w{i}"], z[f"b{i}"]) for i in range(int(meta["layers"]))]
            idf = z["idf"].astype(np.float32)
        self.features = StanceFeaturizer(get_featurizer(), idf)
        if self.mean.shape[0] != self.features.n_features:
            raise NewssiftError("stance head does not match the feature layout; retrain with `make train`")

    def proba(self, X: np.ndarray) -> np.ndarray:
        h = (X - self.mean) / self.scale
        for i, (w, b) in enumerate(self.layers):
            h = h @ w + b
            if i < len(self.layers) - 1:
                h = np.maximum(h, 0.0)
        h = h - h.max(axis=1, keepdims=True)
        e = np.exp(h)
        return e / e.sum(axis=1, keepdims=True)

    def score_pairs(
        self, claims: list[TextFeatures], passages: list[TextFeatures], pairs: list[tuple[int, int]]
    ) -> np.ndarray:
        """Class probabilities (pairs × LABELS) for (claim index, passage index) pairs of featurised texts."""
        if not pairs:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        return self.proba(self.features.matrix(claims, passages, pairs))


_models: ModelCache[StanceModel] = ModelCache(StanceModel, "NEWSSIFT_STANCE_MODEL", "stance")


def get_stance_model(model_dir: Path | None = None) -> StanceModel:
    """The process-wide stance model, loaded on first use (as ``moderation.model.get_model``)."""
    return _models.get(model_dir)


def stance_proba(pairs: list[tuple[str, str]]) -> np.ndarray:
    """Probabilities over LABELS for each (claim or headline, passage or body) pair; each distinct text once. The
    perceptron decides related vs unrelated; where it says related (passages of ``cross.MIN_SENTENCES`` sentences
    or more), the mean of its and the cross-encoder's distributions shares the related probability among agree,
    disagree and discuss (``cross.combine``; ``NEWSSIFT_STANCE_ENCODER=off`` leaves the perceptron alone)."""
    model = get_stance_model()
    claims = sorted({c for c, _ in pairs})
    passages = sorted({p for _, p in pairs})
    ci = {t: i for i, t in enumerate(claims)}
    pi = {t: i for i, t in enumerate(passages)}
    cf = model.features.texts(claims)
    pf = model.features.texts(passages)
    proba = model.score_pairs(cf, pf, [(ci[c], pi[p]) for c, p in pairs])
    cross = get_cross_encoder()
    if cross is None or not len(proba):
        return proba
    related = rows_to_read(proba, [p for _, p in pairs])
    return combine(proba, related, cross.proba([pairs[i] for i in related])) if related else proba


def classify_stance(pairs: list[tuple[str, str]]) -> list[str]:
    """The stance label of each (claim or headline, passage or body) pair: agree, disagree, discuss, unrelated."""
    if not pairs:
        return []
    return [LABELS[i] for i in stance_proba(pairs).argmax(axis=1)]
