"""The trained technique heads: a span detector and a technique classifier over candidate spans.

Loaded once per process, lazily, from a model directory (by default the one shipped in the package, written by
``make train``); ``NEWSSIFT_TECHNIQUES_MODEL`` may point at another directory with the same files
(techniques.npz, techniques.json). Features are the shared featurizer's (newssift.encoders.static), so
the static MiniLM table is loaded once for every stage.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newssift.encoders.static import Featurizer, get_featurizer
from newssift.errors import NewssiftError
from newssift.models import ModelCache
from newssift.segment import WORD
from newssift.techniques.spans import N_DENSE, Candidate, features


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    label: str
    score: float  # P(technique span) × P(label | span)


def decode(
    cands: list[Candidate], p_span: np.ndarray, p_label: np.ndarray, classes: list[str], threshold: float
) -> list[Found]:
    """Candidates scored above ``threshold`` for a label, kept greedily by score; a span is dropped when a
    kept span with the same label overlaps it (spans of different labels may nest, as in the annotations)."""
    scores = p_span[:, None] * p_label
    rows, cols = np.nonzero(scores >= threshold)
    order = sorted(zip(rows.tolist(), cols.tolist(), strict=True), key=lambda rc: -scores[rc[0], rc[1]])
    kept: list[Found] = []
    for r, c in order:
        cand = cands[r]
        label = classes[c]
        if any(k.label == label and k.start < cand.end and cand.start < k.end for k in kept):
            continue
        kept.append(Found(cand.start, cand.end, label, float(scores[r, c])))
    return sorted(kept, key=lambda f: (f.start, -f.end, f.label))


class TechniquesModel:
    def __init__(self, model_dir: Path, featurizer: Featurizer) -> None:
        needed = ("techniques.npz", "techniques.json")
        missing = [f for f in needed if not (model_dir / f).exists()]
        if missing:
            raise NewssiftError(f"techniques model in {model_dir} lacks {', '.join(missing)}; run `make train`")
        self.featurizer = featurizer
        meta = json.loads((model_dir / "techniques.json").read_text())
        self.classes: list[str] = list(meta["classes"])
        self.threshold = float(meta["threshold"])
        n = featurizer.n_features + featurizer.dim + N_DENSE
        if int(meta["n_features"]) != n:
            raise NewssiftError("techniques heads do not match the feature layout; retrain with `make train`")
        with np.load(model_dir / "techniques.npz") as z:
            cols, vals = z["columns"], z["values"].astype(np.float32)  # vals: (outputs, len(cols))
            self.intercepts = z["intercepts"].astype(np.float32)
        # columns: the span detector, then one one-vs-rest head per class
        self.weights = np.zeros((n, vals.shape[0]), dtype=np.float32)
        self.weights[cols] = vals.T

    def score(self, text: str, cands: list[Candidate]) -> tuple[np.ndarray, np.ndarray]:
        """P(technique span) and P(technique | span) for each candidate."""
        if not cands:
            return np.zeros(0), np.zeros((0, len(self.classes)))
        z = np.asarray(features(self.featurizer, text, cands) @ self.weights) + self.intercepts
        p = 1.0 / (1.0 + np.exp(-z))
        per_label = p[:, 1:]  # one-vs-rest heads, normalised over the techniques (as scikit-learn's predict_proba)
        return p[:, 0], per_label / np.maximum(per_label.sum(axis=1, keepdims=True), 1e-12)

    def cue_words(self, text: str, start: int, end: int, label: str, top: int = 2) -> list[str]:
        """The words of a span whose own (unigram) weight pushed ``label`` up most; capitalised names left out."""
        col = 1 + self.classes.index(label)
        found = [
            (m.group(0), m.group(0).lower())
            for m in WORD.finditer(text, start, end)
            if not (m.group(0)[0].isupper() and not m.group(0).isupper())  # a name ("Christian", "Party") is no cue
        ]
        vocab = sorted({w for _o, w in found if len(w) > 2 and w not in ENGLISH_STOP_WORDS})
        if not vocab:
            return []
        weight = self.featurizer.unigram_weights(vocab, self.weights[:, col])
        ranked = sorted(((w, v) for v, w in zip(vocab, weight, strict=True) if w > 0), reverse=True)[:top]
        original = {w: o for o, w in found}
        return [original[v] for _w, v in ranked]


def _build(model_dir: Path) -> TechniquesModel:
    return TechniquesModel(model_dir, get_featurizer())


_models: ModelCache[TechniquesModel] = ModelCache(_build, "NEWSSIFT_TECHNIQUES_MODEL", "techniques")


def get_techniques_model(model_dir: Path | None = None) -> TechniquesModel:
    """The process-wide model, loaded on first use."""
    return _models.get(model_dir)
