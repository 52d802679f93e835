"""The trained moderation heads: calibrated probabilities, and the words that pushed each one up.

Weights are loaded once per process, lazily, from a model directory (by default the one shipped in the
package, written by ``make train``). ``NEWSSIFT_MODERATION_MODEL`` may point at another directory with the
same files (heads.npz, heads.json, static-minilm.npz, tokenizer.json), for example heads trained on other data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newssift.encoders.prepare import emoji_spans
from newssift.encoders.static import cached, get_featurizer
from newssift.errors import NewssiftError
from newssift.models import ModelCache

_WORD = re.compile(r"(?u)\b\w\w+\b")


def _counts(word: str) -> bool:
    """Whether a word may be evidence: not a stop word, longer than two letters."""
    return len(word) > 2 and word not in ENGLISH_STOP_WORDS


class ModerationModel:
    def __init__(self, model_dir: Path) -> None:
        needed = ("heads.npz", "heads.json", "static-minilm.npz", "tokenizer.json")
        missing = [f for f in needed if not (model_dir / f).exists()]
        if missing:
            raise NewssiftError(f"moderation model in {model_dir} lacks {', '.join(missing)}; run `make train`")
        self.featurizer = get_featurizer(model_dir)
        meta = json.loads((model_dir / "heads.json").read_text())
        self.heads: list[str] = list(meta["heads"])
        with np.load(model_dir / "heads.npz") as z:
            # (features, heads), float64 as the sparse features are: float32 weights were upcast on every call,
            # a 10 MB copy that cost more than scoring one comment
            self.coef = np.stack([z[h].astype(np.float32).astype(np.float64) for h in self.heads], axis=1)
        self.intercept = np.array([meta["intercepts"][h] for h in self.heads], dtype=np.float32)
        self._unigram: list[dict[str, float]] = [{} for _ in self.heads]  # per head: word -> its own weight
        if self.coef.shape[0] != self.featurizer.n_features:
            raise NewssiftError("moderation heads do not match the feature layout; retrain with `make train`")

    def predict(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Calibrated probability of each head for each text."""
        if not texts:
            return {h: np.zeros(0) for h in self.heads}
        # block by block, as transform(texts) @ coef, without stacking the blocks into one matrix first
        words, chars, emb = self.featurizer.blocks(texts)
        n = words.shape[1]
        z = words @ self.coef[:n] + chars @ self.coef[n : 2 * n] + emb @ self.coef[2 * n :] + self.intercept
        p = 1.0 / (1.0 + np.exp(-z))
        return {h: p[:, i] for i, h in enumerate(self.heads)}

    def evidence(self, text: str, head: str, top: int = 3, emoji: bool = False) -> list[tuple[int, int]]:
        """Spans of the words whose own weight pushed *head* up most (word unigrams of the hashed features). With
        *emoji* (the encoder reads emoji by their names: newssift/encoders/prepare.py), an emoji is a candidate too,
        weighing what the heaviest word of its name weighs ("🔪" as "kitchen knife")."""
        col = self.heads.index(head)
        window = text[:5000]
        words = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(window)]
        named = [(s, e, _WORD.findall(name.lower())) for s, e, name in emoji_spans(window)] if emoji else []
        if not words and not named:
            return []
        by_word = cached(
            self._unigram[col],
            {w for _s, _e, w in words} | {w for _s, _e, ws in named for w in ws},
            lambda new: self.featurizer.unigram_weights(new, self.coef[:, col]).tolist(),
        )
        scored = [(by_word[w], s, e) for s, e, w in words if by_word[w] > 0 and _counts(w)]
        for s, e, name_words in named:
            weight = max((by_word[w] for w in name_words if _counts(w)), default=0.0)
            if weight > 0:
                scored.append((weight, s, e))
        ranked = sorted(scored, reverse=True)
        chosen: list[tuple[int, int]] = []
        seen: set[str] = set()
        for _w, s, e in ranked:
            key = text[s:e].lower()
            if key in seen:
                continue
            seen.add(key)
            chosen.append((s, e))
            if len(chosen) == top:
                break
        return sorted(chosen)


_models: ModelCache[ModerationModel] = ModelCache(ModerationModel, "NEWSSIFT_MODERATION_MODEL", "moderation")


def get_model(model_dir: Path | None = None) -> ModerationModel:
    """The process-wide model, loaded on first use."""
    return _models.get(model_dir)
