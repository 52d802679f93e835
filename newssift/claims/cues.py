"""Which words cue an attribution ("said", "according to", "told", "called for", a colon before a quotation):
a token classifier trained on PolNeAR's attribution cues (``train/attribution.py``), over spaCy tokens.

Each token is described by hashed string features (its lemma, tag and dependency, its head's, its children's
dependencies, its neighbours, whether it sits inside a quotation and whether it has a subject); a logistic
regression gives the probability that the token is part of a cue. Contiguous cue tokens form one cue.
``NEWSSIFT_CUE_MODEL`` may name another directory with ``cues.npz``/``cues.json`` of the same layout.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from newssift.errors import NewssiftError
from newssift.models import ModelCache

N_FEATURES = 2**18


def token_features(tok: Any, in_quote: bool) -> list[str]:
    """String features of one spaCy token (the classifier hashes them)."""
    lemma = tok.lemma_.lower()
    head = tok.head
    deps = sorted({c.dep_ for c in tok.children})
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    doc = tok.doc
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else "<s>"
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "</s>"
    feats = [
        "bias",
        f"l={lemma}",
        f"w={tok.lower_}",
        f"t={tok.tag_}",
        f"d={tok.dep_}",
        f"l|t={lemma}|{tok.tag_}",
        f"l|d={lemma}|{tok.dep_}",
        f"t|d={tok.tag_}|{tok.dep_}",
        f"hl={head.lemma_.lower()}",
        f"hd={head.dep_}",
        f"ht={head.tag_}",
        f"l|hl={lemma}|{head.lemma_.lower()}",
        f"prev={prev}",
        f"next={nxt}",
        f"l|next={lemma}|{nxt}",
        f"prev|l={prev}|{lemma}",
        f"q={in_quote}",
        f"shape={tok.shape_[:4]}",
    ]
    feats += [f"cd={d}" for d in deps]
    feats += [f"l|cd={lemma}|{d}" for d in deps if d in ("ccomp", "xcomp", "dobj", "prep", "nsubj", "advcl", "punct")]
    if subj is not None:
        ent = subj.ent_type_ or subj.pos_
        feats += [f"subj={ent}", f"l|subj={lemma}|{ent}"]
    if tok.ent_type_:
        feats.append(f"ent={tok.ent_type_}")
    return feats


def sentence_features(sent: Any, quotes: list[tuple[int, int]], offset: int) -> tuple[list[Any], list[list[str]]]:
    """The non-space tokens of a parsed sentence and their features. ``quotes`` are the quotation spans of the
    text, whose character ``offset`` the sentence's Doc starts at."""
    toks = [t for t in sent if not t.is_space]
    return toks, [token_features(t, any(a <= t.idx + offset < b for a, b in quotes)) for t in toks]


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode()) % N_FEATURES


def hashed(features: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """(row index, column) of every feature of every token, for a sparse matrix or a weight lookup."""
    rows = np.fromiter((i for i, fs in enumerate(features) for _ in fs), dtype=np.int64)
    cols = np.fromiter((_hash(f) for fs in features for f in fs), dtype=np.int64)
    return rows, cols


class CueModel:
    def __init__(self, model_dir: Path) -> None:
        if not (model_dir / "cues.npz").exists() or not (model_dir / "cues.json").exists():
            raise NewssiftError(f"attribution cue model in {model_dir} is missing; run `make train`")
        meta = json.loads((model_dir / "cues.json").read_text())
        with np.load(model_dir / "cues.npz") as z:
            self.coef = z["coef"].astype(np.float32)
        if self.coef.shape != (N_FEATURES,):
            raise NewssiftError("attribution cue model does not match the feature layout; retrain with `make train`")
        self.intercept = float(meta["intercept"])
        self.threshold = float(meta["threshold"])

    def proba(self, features: list[list[str]]) -> np.ndarray:
        if not features:
            return np.zeros(0, dtype=np.float32)
        rows, cols = hashed(features)
        z = np.bincount(rows, weights=self.coef[cols], minlength=len(features)) + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


_models: ModelCache[CueModel] = ModelCache(CueModel, "NEWSSIFT_CUE_MODEL", "claims")


def get_cue_model(model_dir: Path | None = None) -> CueModel:
    """The process-wide cue model, loaded on first use."""
    return _models.get(model_dir)
