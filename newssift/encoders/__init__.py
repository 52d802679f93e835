"""One home for the fine-tuned transformer encoders newssift runs: a tokenizer and an onnxruntime session.

Two kinds of graph, both all-MiniLM-L6-v2's layers (or the first of them) fine-tuned:

- ``Encoder``: a classifier, output ``probs`` (texts x heads); the moderation encoder.
- ``Hidden``: the last layer's vectors, output ``hidden`` (texts x pieces x 384), for a stage that puts its own
  head on chosen positions; the attribution encoder (``newssift/claims/encoder.py``).

An ``Encoder`` reads a model folder (``encoder.onnx``, ``encoder.json``; the MiniLM WordPiece tokenizer is the one
shipped in ``newssift/data/moderation/tokenizer.json`` unless the folder has its own ``tokenizer.json``), scores
texts (one a run by default, see ``Encoder.predict``; or in batches of similar length) and returns each head's
probability. No torch at run time: onnxruntime only.

``get_encoder(name)`` gives the process-wide encoder of a package data folder, loaded once, lazily and under a lock
(``newssift.models.ModelCache``); ``NEWSSIFT_<NAME>_ENCODER`` points at another folder with the same files.
``NEWSSIFT_ENCODER_THREADS`` sets onnxruntime's intra-op threads (default 1: a server runs one comment batch per
worker thread, and one thread is the fastest per core).
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np

from newssift.encoders.prepare import PLAIN, preparation
from newssift.errors import NewssiftError
from newssift.models import ModelCache, package_dir

MODEL_FILE = "encoder.onnx"
META_FILE = "encoder.json"
#: characters of a text the tokenizer reads at most: far more than max_length pieces need, and it bounds the cost
#: of a 50,000-character comment
MAX_CHARS = 2000
#: characters of a prepared text (``newssift/encoders/prepare.py``: an emoji becomes its name) read at most, which
#: bounds the cost of a comment of only emoji (about 20 characters of name each)
PREPARED_CHARS = 8 * MAX_CHARS
#: a text longer than one window (max_length pieces) is read in windows that overlap by STRIDE pieces, at most
#: MAX_WINDOWS of them, and each head takes its highest score: hate after the first 64 pieces is still read
STRIDE = 16
MAX_WINDOWS = 12


#: the width of an encoder's pooled vector (all-MiniLM-L6-v2's hidden size)
POOLED_WIDTH = 384
#: word pieces a ``Hidden`` encoder reads per text, [CLS] and [SEP] included; a longer text is cut
MAX_PIECES = 128


def _default_tokenizer() -> Path:
    return package_dir("moderation") / "tokenizer.json"


def tokenizer_path(model_dir: Path) -> Path:
    """The folder's tokenizer.json, or else the MiniLM WordPiece one shipped with the moderation encoder."""
    own = model_dir / "tokenizer.json"
    return own if own.exists() else _default_tokenizer()


def tokenizer(path: Path, max_pieces: int = MAX_PIECES, stride: int = 0) -> Any:
    """The MiniLM WordPiece tokenizer (``tokenizers``), adding [CLS]/[SEP] and cutting at ``max_pieces`` (the rest
    in overflowing windows that overlap by ``stride`` pieces), without padding."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.enable_truncation(max_pieces, stride=stride)
    tok.no_padding()
    return tok


def session(onnx_file: Path, threads: int | None = None) -> Any:
    """An onnxruntime CPU session of *onnx_file*: *threads* intra-op threads (``NEWSSIFT_ENCODER_THREADS``,
    default 1), every graph optimisation on."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads or int(os.environ.get("NEWSSIFT_ENCODER_THREADS", "1"))
    opts.inter_op_num_threads = 1
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(str(onnx_file), opts, providers=["CPUExecutionProvider"])


class Hidden:
    """The last-layer vectors of an encoder graph with output ``hidden`` (``train/minilm.py:export_onnx``)."""

    def __init__(self, onnx_file: Path, threads: int | None = None) -> None:
        if not onnx_file.exists():
            raise NewssiftError(f"encoder model {onnx_file} not found; run `make train`")
        self.session = session(onnx_file, threads)

    def hidden(self, ids: list[list[int]], needed: list[list[int]] | None = None) -> list[np.ndarray]:
        """Last-layer vectors of each sequence of word-piece ids ([CLS] ... [SEP]): all its positions as a
        (length, 384) array, or with ``needed`` only the positions listed for it, in that order.

        One sequence a run: the int8 graph quantises activations per tensor (dynamic quantisation), so in a batch
        a sentence's vectors would depend on the sentences beside it; alone they depend on the sentence only, and
        on one core a run per sentence costs no more than batches (no padding)."""
        out = []
        for k, seq in enumerate(ids):
            arr = np.asarray([seq], dtype=np.int64)
            h = np.asarray(self.session.run(["hidden"], {"input_ids": arr, "attention_mask": np.ones_like(arr)})[0])
            out.append(h[0, needed[k]] if needed is not None else h[0])
        return out


class Encoder:
    """A moderation-style classifier folder. *text_input* overrides the preparation its encoder.json names (``input``;
    newssift/encoders/prepare.py), for scoring a graph before its encoder.json is written."""

    def __init__(self, model_path: Path, threads: int | None = None, text_input: str | None = None) -> None:
        model_dir = model_path.parent if model_path.suffix == ".onnx" else model_path
        onnx_file = model_path if model_path.suffix == ".onnx" else model_dir / MODEL_FILE
        if not onnx_file.exists():
            raise NewssiftError(f"encoder model {onnx_file} not found; run `make train`")
        meta_file = model_dir / META_FILE
        meta: dict[str, Any] = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
        self.model_dir = model_dir
        self.max_length = int(meta.get("max_length", 64))
        self.thresholds: dict[str, float] = dict(meta.get("thresholds", {}))
        #: what a text goes through before the tokenizer: the preparation the model was trained with
        self.text_input: str = text_input or meta.get("input") or PLAIN
        self.prepare = preparation(self.text_input)
        self.tokenizer = tokenizer(tokenizer_path(model_dir), self.max_length, STRIDE)
        self.session = session(onnx_file, threads)
        self.heads: list[str] = list(meta.get("heads") or [f"head{i}" for i in range(self._n_outputs())])
        pooled = next((o for o in self.session.get_outputs() if o.name == "pooled"), None)
        #: the graph's outputs read: ``probs``, and ``pooled`` where the graph has it (``train/moderation_target.py``)
        self._outputs = ["probs", "pooled"] if pooled is not None else ["probs"]
        width = pooled.shape[-1] if pooled is not None else None
        self.width = width if isinstance(width, int) else POOLED_WIDTH
        #: the head whose highest-scoring window gives a text's pooled vector: hate where the encoder has it
        self._main = self.heads.index("hate") if "hate" in self.heads else 0
        #: the graph's inputs: the shipped one has only ``input_ids`` (one window a run needs no mask)
        self._inputs = {i.name for i in self.session.get_inputs()}

    def _n_outputs(self) -> int:
        shape = self.session.get_outputs()[0].shape
        return int(shape[-1]) if isinstance(shape[-1], int) else 1

    def windows(self, texts: list[str]) -> list[list[list[int]]]:
        """Each text's windows of at most max_length pieces, overlapping by STRIDE, at most MAX_WINDOWS; the text
        prepared as the model was trained (``prepare``)."""
        encoded = self.tokenizer.encode_batch([self.prepare(t[:MAX_CHARS])[:PREPARED_CHARS] for t in texts])
        return [[e.ids, *(o.ids for o in e.overflowing)][:MAX_WINDOWS] for e in encoded]

    def predict(self, texts: list[str], batch: int = 1) -> np.ndarray:
        """(texts, heads) probabilities; texts are run in batches of *batch* texts of similar length.

        One text a run by default: the int8 graph quantises activations per tensor (dynamic quantisation), so in a
        batch a text's scores would depend on the texts beside it (by up to 0.04 here) and a verdict on how
        comments were batched; one at a time costs no more on one core (no padding). A graph without an
        ``attention_mask`` input (the shipped one) reads windows of different lengths one at a time whatever
        *batch* is."""
        return self.predict_pooled(texts, batch)[0]

    def pooled(self, texts: list[str]) -> np.ndarray:
        """(texts, width) mean-pooled vectors, the input of the heads (output ``pooled``), of each text's window
        with the highest hate score (the first head's where there is no hate head)."""
        return self.predict_pooled(texts)[1]

    def predict_pooled(self, texts: list[str], batch: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """``predict``'s probabilities and ``pooled``'s vectors from one pass (the vectors are zeros for a graph
        without a ``pooled`` output)."""
        out = np.zeros((len(texts), len(self.heads)), dtype=np.float32)
        vecs = np.zeros((len(texts), self.width), dtype=np.float32)
        if not texts:
            return out, vecs
        rows = [(i, w) for i, ws in enumerate(self.windows(texts)) for w in ws]
        order = sorted(range(len(rows)), key=lambda k: len(rows[k][1]))
        best = np.full(len(texts), -1.0, dtype=np.float32)
        for b in range(0, len(order), batch):
            chunk = [rows[k] for k in order[b : b + batch]]
            scores, pooled = self._run([w for _i, w in chunk])
            for j, ((i, _w), row) in enumerate(zip(chunk, scores, strict=True)):
                out[i] = np.maximum(out[i], row)  # a text's score: its highest window's
                if pooled is not None and row[self._main] > best[i]:
                    best[i], vecs[i] = row[self._main], pooled[j]
        return out, vecs

    def _run(self, rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray | None]:
        if "attention_mask" not in self._inputs and len({len(r) for r in rows}) > 1:
            # a graph without a mask (train/moderation_encoder.py:export) reads only sequences of one length
            runs = [self._run([r]) for r in rows]
            pooled = [p for _s, p in runs if p is not None]
            return np.concatenate([s for s, _p in runs]), (np.concatenate(pooled) if pooled else None)
        width = max(len(r) for r in rows)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for r, row in enumerate(rows):
            ids[r, : len(row)] = row
            mask[r, : len(row)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        result = self.session.run(self._outputs, {k: v for k, v in feeds.items() if k in self._inputs})
        probs = np.asarray(result[0], dtype=np.float32)
        return probs, (np.asarray(result[1], dtype=np.float32) if len(result) > 1 else None)


_caches: dict[str, ModelCache[Encoder]] = {}
_caches_lock = threading.Lock()


def encoder_cache(name: str) -> ModelCache[Encoder]:
    """The cache of the encoder in ``newssift/data/<name>`` (env override ``NEWSSIFT_<NAME>_ENCODER``)."""
    with _caches_lock:
        if name not in _caches:
            _caches[name] = ModelCache(Encoder, f"NEWSSIFT_{name.upper()}_ENCODER", name)
        return _caches[name]


def get_encoder(name: str, model_dir: Path | None = None) -> Encoder:
    """The process-wide encoder of ``newssift/data/<name>`` (or *model_dir*), loaded on first use."""
    return encoder_cache(name).get(model_dir)
