"""Which words cue an attribution ("said", "according to", "told", "called for", a colon before a quotation), and
which predicates with a source are attributions: two logistic regressions trained on PolNeAR's attributions
(``train/attribution.py``), over spaCy tokens.

- The *cue* classifier describes each token by hashed string features (its lemma, tag and dependency, its head's,
  its children's dependencies, its neighbours, whether it sits inside a quotation and whether it has a subject) and
  gives the probability that the token is part of a cue; contiguous cue tokens form one cue's span.
- The *attribution* classifier scores a (predicate, source) pair: a token with the phrase that would be its source
  (its subject, the object of "according to", the possessor of a cue noun, see ``quotes.source_of``), described
  by the token's features and the source's (lemma or part of speech, entity type, dependency, distance, side). It
  decides which predicates are attributions.

``NEWSSIFT_CUE_MODEL`` may name another directory with ``cues.npz``/``cues.json`` of the same layout.
"""

from __future__ import annotations

import json
import zlib
from functools import lru_cache
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


def source_features(tok: Any, source: Any) -> list[str]:
    """String features of the source head of a predicate; with ``token_features(tok)`` they describe the pair to
    the attribution classifier."""
    lemma = tok.lemma_.lower()
    src = source.lemma_.lower() if source.pos_ in ("PRON", "NOUN") else source.pos_
    return [
        f"s={src}",
        f"sp={source.pos_}",
        f"se={source.ent_type_ or '-'}",
        f"sd={source.dep_}",
        f"sd|l={source.dep_}|{lemma}",
        f"se|l={source.ent_type_ or source.pos_}|{lemma}",
        f"dist={min(4, abs(tok.i - source.i) // 3)}",
        f"before={source.i < tok.i}",
        f"d|sd={tok.dep_}|{source.dep_}",
    ]


def sentence_features(sent: Any, quotes: list[tuple[int, int]], offset: int) -> tuple[list[Any], list[list[str]]]:
    """The non-space tokens of a parsed sentence and their features. ``quotes`` are the quotation spans of the
    text, whose character ``offset`` the sentence's Doc starts at."""
    toks = [t for t in sent if not t.is_space]
    return toks, [token_features(t, any(a <= t.idx + offset < b for a, b in quotes)) for t in toks]


@lru_cache(maxsize=1 << 18)
def _hash(feature: str) -> int:
    """A feature's column; cached, as the same strings ("l=say", "dep=nsubj") recur in every sentence."""
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
            if "attribution_coef" not in z:
                raise NewssiftError("attribution cue model predates the attribution classifier; run `make train`")
            self.coef = z["coef"].astype(np.float32)
            self.attribution_coef = z["attribution_coef"].astype(np.float32)
        if self.coef.shape != (N_FEATURES,) or self.attribution_coef.shape != (N_FEATURES,):
            raise NewssiftError("attribution cue model does not match the feature layout; retrain with `make train`")
        self.intercept = float(meta["intercept"])
        self.threshold = float(meta["threshold"])
        self.attribution_intercept = float(meta["attribution"]["intercept"])
        self.attribution_threshold = float(meta["attribution"]["threshold"])

    def proba(self, features: list[list[str]]) -> np.ndarray:
        """Probability that each token is part of a cue."""
        return _logistic(self.coef, self.intercept, features)

    def attribution_proba(self, features: list[list[str]]) -> np.ndarray:
        """Probability that each (predicate, source) pair is an attribution."""
        return _logistic(self.attribution_coef, self.attribution_intercept, features)


def _logistic(coef: np.ndarray, intercept: float, features: list[list[str]]) -> np.ndarray:
    if not features:
        return np.zeros(0, dtype=np.float32)
    rows, cols = hashed(features)
    z = np.bincount(rows, weights=coef[cols], minlength=len(features)) + intercept
    return 1.0 / (1.0 + np.exp(-z))


_models: ModelCache[CueModel] = ModelCache(CueModel, "NEWSSIFT_CUE_MODEL", "claims")


def get_cue_model(model_dir: Path | None = None) -> CueModel:
    """The process-wide cue model, loaded on first use."""
    return _models.get(model_dir)
