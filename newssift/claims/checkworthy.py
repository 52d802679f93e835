"""Check-worthiness scores for sentences (the head trained by `train/checkworthy.py`), on the shared features
(``newssift.encoders.static``). ``NEWSSIFT_CHECKWORTHY_MODEL`` names another folder with the head's files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from newssift.encoders.static import get_featurizer
from newssift.models import ModelCache


class CheckworthyHead:
    def __init__(self, model_dir: Path) -> None:
        with np.load(model_dir / "checkworthy.npz") as z:
            self.coef = z["coef"].astype(np.float32)
        self.intercept = float(json.loads((model_dir / "checkworthy.json").read_text())["intercept"])


_heads: ModelCache[CheckworthyHead] = ModelCache(CheckworthyHead, "NEWSSIFT_CHECKWORTHY_MODEL", "claims")


def checkworthiness(sentences: list[str]) -> np.ndarray:
    if not sentences:
        return np.zeros(0)
    head = _heads.get()
    z = np.asarray(get_featurizer().transform(sentences) @ head.coef).ravel() + head.intercept
    return 1.0 / (1.0 + np.exp(-z))
