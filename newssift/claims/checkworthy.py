"""Check-worthiness scores for sentences (the head trained by `train/checkworthy.py`), on the moderation features."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from newssift.moderation.model import get_model


@cache
def _head() -> tuple[np.ndarray, float]:
    base = Path(str(resources.files("newssift") / "data" / "claims"))
    with np.load(base / "checkworthy.npz") as z:
        coef = z["coef"].astype(np.float32)
    return coef, float(json.loads((base / "checkworthy.json").read_text())["intercept"])


def checkworthiness(sentences: list[str]) -> np.ndarray:
    if not sentences:
        return np.zeros(0)
    coef, intercept = _head()
    z = np.asarray(get_model().featurizer.transform(sentences) @ coef).ravel() + intercept
    return 1.0 / (1.0 + np.exp(-z))
