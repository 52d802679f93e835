"""The stance cross-encoder: all six layers of all-MiniLM-L6-v2 read a claim and a passage together and tell
agree, disagree and discuss apart (issue 32), where the perceptron of ``stance.py`` reads features of each text
apart. It helps decide only the pairs the perceptron calls related (the perceptron keeps deciding related vs
unrelated, which it does well), and only where the passage has at least ``MIN_SENTENCES`` sentences: there the
related probability is shared among agree, disagree and discuss by the mean of the two models (``combine``).

Trained by ``train/stance_encoder.py`` on FNC-1's related pairs and exported as ``cross-encoder.onnx`` (int8,
dynamic quantisation, output ``probs``: agree, disagree, discuss) with ``cross-encoder.json``; run by onnxruntime
one pair a run (so a pair's scores never depend on the pairs beside it). It ships in ``newssift/data/stance``
(MODEL_CARD-cross-encoder.md there); ``NEWSSIFT_STANCE_ENCODER`` names another folder holding those files, or
``off`` switches it off (the perceptron's decisions then stand).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from newssift.corroborate.features import sentences, words
from newssift.encoders import session, tokenizer, tokenizer_path
from newssift.errors import NewssiftError
from newssift.models import ModelCache, package_dir, switched_off

RELATED = ("agree", "disagree", "discuss")
MODEL_FILE = "cross-encoder.onnx"
META_FILE = "cross-encoder.json"
ENV = "NEWSSIFT_STANCE_ENCODER"
#: word pieces of a (claim, passage) pair at most, of the claim at most and of the passage at most; corpus
#: passages are about this long
MAX_LEN = 160
HEAD_LEN = 40
PASSAGE_LEN = 128
#: sentences of a long passage read: those sharing most content words with the claim
KEEP_SENTENCES = 5
_STOP = frozenset(
    "a an the of to in on for and or but is are was were be been it its this that with as at by from has have had "
    "not no will would said says say".split()
)
#: the cross-encoder re-decides a pair only where the passage has at least this many sentences: it was trained on
#: excerpts of five sentences of an article, and on one-sentence passages (Emergent's headlines) it fell far below
#: the perceptron (disagree F1 0.75 -> 0.28, a run before this rule; docs/corroboration.md). Corroboration reads
#: whole stored articles, which always have more.
MIN_SENTENCES = 2
_CLS, _SEP = 101, 102


def reads(passage: str) -> bool:
    """Whether the cross-encoder re-decides a pair with this passage (``MIN_SENTENCES``)."""
    return len(sentences(passage)) >= MIN_SENTENCES


def excerpt(claim: str, passage: str, keep: int = KEEP_SENTENCES) -> str:
    """The ``keep`` sentences of the passage that share most content words with the claim, in passage order (the
    earlier sentence wins a tie): an FNC-1 body, like the stored article corroboration reads, is a whole article."""
    head = {w for w in words(claim) if w not in _STOP}
    sents = sentences(passage)
    score = [(len(head & set(words(s))), -i) for i, s in enumerate(sents)]
    best = sorted(range(len(sents)), key=lambda i: score[i], reverse=True)[:keep]
    return " ".join(sents[i] for i in sorted(best))


def pair_ids(tok: Any, claim: str, passage: str) -> tuple[list[int], list[int]]:
    """(word-piece ids, token type ids) of ``[CLS] claim [SEP] excerpt [SEP]``: the claim cut to HEAD_LEN pieces,
    the excerpt to PASSAGE_LEN, the whole to MAX_LEN. ``tok`` is the MiniLM tokenizer (``cross_tokenizer``)."""
    h = tok.encode(claim, add_special_tokens=False).ids[:HEAD_LEN]
    p = tok.encode(excerpt(claim, passage), add_special_tokens=False).ids[: min(PASSAGE_LEN, MAX_LEN - len(h) - 3)]
    return [_CLS, *h, _SEP, *p, _SEP], [0] * (len(h) + 2) + [1] * (len(p) + 1)


def cross_tokenizer(model_dir: Path) -> Any:
    """The MiniLM tokenizer the cross-encoder reads with (cutting every text at PASSAGE_LEN pieces)."""
    return tokenizer(tokenizer_path(model_dir), PASSAGE_LEN)


class CrossEncoder:
    def __init__(self, model_dir: Path) -> None:
        try:
            meta = json.loads((model_dir / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise NewssiftError(f"stance cross-encoder in {model_dir}: {META_FILE} unreadable ({exc})") from exc
        if not isinstance(meta, dict) or tuple(meta.get("labels", ())) != RELATED:
            raise NewssiftError(f"{model_dir / META_FILE}: labels should be {list(RELATED)}")
        self.tokenizer = cross_tokenizer(model_dir)
        self.session = session(model_dir / MODEL_FILE)

    def proba(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """(pairs x RELATED) probabilities, one pair a run."""
        out = np.zeros((len(pairs), len(RELATED)), dtype=np.float32)
        for k, (claim, passage) in enumerate(pairs):
            ids, types = pair_ids(self.tokenizer, claim, passage)
            arr = np.asarray([ids], dtype=np.int64)
            feeds = {"input_ids": arr, "attention_mask": np.ones_like(arr), "token_type_ids": np.asarray([types])}
            out[k] = self.session.run(["probs"], feeds)[0][0]
        return out


_models: ModelCache[CrossEncoder] = ModelCache(CrossEncoder, ENV, "stance")


def get_cross_encoder() -> CrossEncoder | None:
    """The process-wide cross-encoder: the shipped one, or the folder ``NEWSSIFT_STANCE_ENCODER`` names; None where
    that variable switches it off."""
    if switched_off(ENV):
        return None
    value = os.environ.get(ENV, "").strip()
    folder = Path(value) if value else package_dir("stance")
    if not (folder / MODEL_FILE).exists():
        where = f"{ENV}={value}" if value else f"the package's {folder}"
        raise NewssiftError(
            f"{where}: no {MODEL_FILE} there (build one: python -m train.stance_encoder --fold 0, then the same with "
            f"--ship --out FOLDER; or {ENV}=off for the perceptron alone)"
        )
    return _models.get(folder)


def rows_to_read(proba: np.ndarray, passages: list[str]) -> list[int]:
    """The rows of ``proba`` (pairs x agree, disagree, discuss, unrelated; ``passages`` the pairs' passages) that
    the cross-encoder helps decide: those the perceptron calls related whose passage it reads (``reads``; each
    distinct passage split once)."""
    candidates = np.flatnonzero(proba.argmax(axis=1) != len(RELATED))  # "unrelated" comes after RELATED
    read = {p: reads(p) for p in {passages[i] for i in candidates}}
    return [int(i) for i in candidates if read[passages[i]]]


def combine(proba: np.ndarray, rows: list[int], cross_proba: np.ndarray) -> np.ndarray:
    """``proba`` (pairs x agree, disagree, discuss, unrelated) with ``rows`` re-decided with the cross-encoder's
    ``cross_proba`` (rows x RELATED): the related probability the perceptron gives a row is shared among agree,
    disagree and discuss by the mean of the two models' distributions over those three (the perceptron's scaled to
    sum to one), where that keeps a related label on top (the perceptron decides related vs unrelated); other rows
    are left as they are. The mean, not the cross-encoder alone: alone it read short denials and reports of a
    claim as agreeing (docs/corroboration.md)."""
    out = proba.copy()
    k_related = len(RELATED)
    for k, i in enumerate(rows):
        related = 1.0 - proba[i, -1]
        own = proba[i, :k_related] / max(float(related), 1e-9)
        shared = 0.5 * (cross_proba[k] + own) * related
        if shared.max() > proba[i, -1]:
            out[i, :k_related] = shared
    return out
