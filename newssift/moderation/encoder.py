"""The fine-tuned moderation encoder's scores, on the policy's scale.

The encoder (``newssift/data/moderation/encoder.onnx``, trained by ``train/moderation_encoder.py``, run through
``newssift.encoders``) gives one probability per head: hate, violence, conspiracy, spam, offensive, antisemitism.
Each head's threshold was chosen on the training side's validation split (best F1; ``encoder.json``); scores are
mapped piecewise-linearly so that the threshold lands on 0.5, the policy's review line for hate, and 0 and 1 stay
where they are.

Where the folder also holds ``target.npz`` and ``target.json`` (``train/moderation_target.py``), a softmax head on
the encoder's pooled vector names the group a hateful text targets (``TargetHead``), from the same run.

``NEWSSIFT_MODERATION_ENCODER`` points at another folder with encoder.onnx and encoder.json, or is ``off`` to run
the stage without the encoder (the linear heads and the rules, as before the encoder existed).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.special import softmax

from newssift.encoders import MODEL_FILE, Encoder, encoder_cache
from newssift.errors import NewssiftError
from newssift.models import switched_off

ENV = "NEWSSIFT_MODERATION_ENCODER"


def calibrate(p: float, threshold: float) -> float:
    """*p* mapped so that *threshold* becomes 0.5 (linear on each side)."""
    t = min(max(threshold, 1e-3), 1 - 1e-3)
    return 0.5 * p / t if p < t else 0.5 + 0.5 * (p - t) / (1 - t)


def get_moderation_encoder() -> Encoder | None:
    """The process-wide moderation encoder, or None when it is switched off or not installed."""
    value = os.environ.get(ENV, "").strip()
    if switched_off(ENV):
        return None
    cache = encoder_cache("moderation")
    if not (cache.default_dir() / MODEL_FILE).exists():
        if value:
            raise NewssiftError(f"{ENV}={value}: no {MODEL_FILE} there (or set it to 'off')")
        return None  # an install without the encoder: the linear heads and the rules
    return cache.get()


class TargetHead:
    """The group a hateful text targets, from the encoder's pooled vector: a multinomial regression over
    ``groups``, trusted where its probability reaches ``threshold`` (chosen at training for 80% precision on
    datasets the head was not fitted on; the model card has the figures)."""

    def __init__(self, model_dir: Path) -> None:
        meta = json.loads((model_dir / "target.json").read_text(encoding="utf-8"))
        with np.load(model_dir / "target.npz") as z:
            self.coef = z["coef"].astype(np.float32)
            self.intercept = z["intercept"].astype(np.float32)
        self.groups: list[str] = list(meta["groups"])
        self.threshold = float(meta["threshold"])
        if self.coef.shape[0] != len(self.groups):
            raise NewssiftError(f"{model_dir / 'target.npz'} does not match target.json's groups")

    def check(self, width: int) -> None:
        if self.coef.shape[1] != width:
            raise NewssiftError(f"target head has width {self.coef.shape[1]}, the encoder's vectors {width}")

    def targets(self, pooled: np.ndarray) -> list[str | None]:
        """Each vector's group, or None where the head is not sure enough (or the vector is zeros: a graph
        without the ``pooled`` output)."""
        p = softmax(pooled @ self.coef.T + self.intercept, axis=1)
        best = p.argmax(axis=1)
        return [
            self.groups[int(k)] if p[i, k] >= self.threshold and pooled[i].any() else None for i, k in enumerate(best)
        ]


@functools.cache
def target_head(model_dir: Path) -> TargetHead | None:
    """The target head of an encoder folder, loaded once; None where the folder has none."""
    if not (model_dir / "target.npz").exists() or not (model_dir / "target.json").exists():
        return None
    return TargetHead(model_dir)


def encoder_scores(texts: Sequence[str], encoder: Encoder) -> tuple[list[dict[str, float]], list[str | None]]:
    """For each text, each head's calibrated score, and the group the target head names (None: no head, or not
    sure), from one run of the encoder."""
    probs, pooled = encoder.predict_pooled(list(texts))
    thresholds = [encoder.thresholds.get(h, 0.5) for h in encoder.heads]
    scores = [
        {h: round(calibrate(float(row[k]), thresholds[k]), 4) for k, h in enumerate(encoder.heads)} for row in probs
    ]
    head = target_head(encoder.model_dir)
    if head is None:
        return scores, [None] * len(scores)
    head.check(pooled.shape[1])
    return scores, head.targets(pooled)
