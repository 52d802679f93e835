"""The fine-tuned moderation encoder's scores, on the policy's scale.

The encoder (``newssift/data/moderation/encoder.onnx``, trained by ``train/moderation_encoder.py``, run through
``newssift.encoders``) gives one probability per head: hate, violence, conspiracy, spam, offensive, antisemitism.
Each head's threshold was chosen on the training side's validation split (best F1; ``encoder.json``); scores are
mapped piecewise-linearly so that the threshold lands on 0.5, the policy's review line for hate, and 0 and 1 stay
where they are.

``NEWSSIFT_MODERATION_ENCODER`` points at another folder with encoder.onnx and encoder.json, or is ``off`` to run
the stage without the encoder (the linear heads and the rules, as before the encoder existed).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from newssift.encoders import MODEL_FILE, Encoder, encoder_cache
from newssift.errors import NewssiftError

ENV = "NEWSSIFT_MODERATION_ENCODER"
_OFF = ("off", "none", "0", "false")


def calibrate(p: float, threshold: float) -> float:
    """*p* mapped so that *threshold* becomes 0.5 (linear on each side)."""
    t = min(max(threshold, 1e-3), 1 - 1e-3)
    return 0.5 * p / t if p < t else 0.5 + 0.5 * (p - t) / (1 - t)


def get_moderation_encoder() -> Encoder | None:
    """The process-wide moderation encoder, or None when it is switched off or not installed."""
    value = os.environ.get(ENV, "").strip()
    if value.lower() in _OFF:
        return None
    cache = encoder_cache("moderation")
    if not (cache.default_dir() / MODEL_FILE).exists():
        if value:
            raise NewssiftError(f"{ENV}={value}: no {MODEL_FILE} there (or set it to 'off')")
        return None  # an install without the encoder: the linear heads and the rules
    return cache.get()


def encoder_scores(texts: Sequence[str], encoder: Encoder) -> list[dict[str, float]]:
    """For each text, each head's calibrated score."""
    probs = encoder.predict(list(texts))
    thresholds = [encoder.thresholds.get(h, 0.5) for h in encoder.heads]
    return [
        {h: round(calibrate(float(row[k]), thresholds[k]), 4) for k, h in enumerate(encoder.heads)} for row in probs
    ]
