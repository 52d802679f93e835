"""Export a fine-tuned (truncated) MiniLM for newssift: its layers as ONNX, run by ``newssift.encoders``.

Word embeddings in int8 with a scale per row, position embeddings up to ``MAX_PIECES``, the layers in float16,
matrices as (in, out). The small encoders' training scripts (``train/attribution_encoder.py``,
``train/moderation_encoder.py``) add their heads' weights to the same file.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from newssift.encoders import MAX_PIECES

HEADS = 12


def export_layers(bert: Any, layers: int) -> dict[str, np.ndarray]:
    sd = {k: v.detach().float().numpy() for k, v in bert.state_dict().items()}
    word = sd["embeddings.word_embeddings.weight"]
    scale = np.abs(word).max(1) / 127.0
    out: dict[str, np.ndarray] = {
        "word_q": np.round(word / np.maximum(scale, 1e-12)[:, None]).astype(np.int8),
        "word_scale": scale.astype(np.float32),
        "pos": sd["embeddings.position_embeddings.weight"][:MAX_PIECES].astype(np.float16),
        "type": sd["embeddings.token_type_embeddings.weight"][0].astype(np.float16),
        "emb_ln_g": sd["embeddings.LayerNorm.weight"].astype(np.float16),
        "emb_ln_b": sd["embeddings.LayerNorm.bias"].astype(np.float16),
    }
    for i in range(layers):
        p = f"encoder.layer.{i}."
        att = p + "attention.self."
        layer = {
            "qkv_w": np.concatenate([sd[att + f"{m}.weight"].T for m in ("query", "key", "value")], 1),
            "qkv_b": np.concatenate([sd[att + f"{m}.bias"] for m in ("query", "key", "value")]),
            "o_w": sd[p + "attention.output.dense.weight"].T,
            "o_b": sd[p + "attention.output.dense.bias"],
            "ln1_g": sd[p + "attention.output.LayerNorm.weight"],
            "ln1_b": sd[p + "attention.output.LayerNorm.bias"],
            "ff1_w": sd[p + "intermediate.dense.weight"].T,
            "ff1_b": sd[p + "intermediate.dense.bias"],
            "ff2_w": sd[p + "output.dense.weight"].T,
            "ff2_b": sd[p + "output.dense.bias"],
            "ln2_g": sd[p + "output.LayerNorm.weight"],
            "ln2_b": sd[p + "output.LayerNorm.bias"],
        }
        out.update({f"l{i}_{k}": v.astype(np.float16) for k, v in layer.items()})
    return out


def export_onnx(weights: dict[str, np.ndarray], layers: int, path: Path) -> Path:
    """The layers of ``export_layers``'s dict as an ONNX graph onnxruntime runs (``newssift.encoders.Hidden``):
    inputs ``input_ids`` and ``attention_mask`` (batch x pieces, both dynamic), output ``hidden`` (batch x pieces
    x 384), the last layer's vectors. The weights are stored as the dict holds them (word embeddings in int8
    with a scale per row, the rest in float16) and cast to float32 in the graph, which onnxruntime does once
    when it loads the model (constant folding), so the file is no larger than the dict and the sums are float32.
    GELU is the exact (erf) one the models were trained with."""
    import torch

    class Layers(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            for name, value in weights.items():
                if not name.startswith("head"):  # a head's weights (write_encoder) stay out of the graph
                    self.register_buffer("w_" + name, torch.from_numpy(np.ascontiguousarray(value)))

        def w(self, name: str) -> Any:
            return getattr(self, "w_" + name).float()

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            n = input_ids.shape[1]
            dim = self.w_word_q.shape[1]
            heads, d = HEADS, dim // HEADS
            x = self.w_word_q[input_ids].float() * self.w_word_scale[input_ids].unsqueeze(-1)
            x = x + self.w("pos")[:n].unsqueeze(0) + self.w("type")
            x = torch.nn.functional.layer_norm(x, (dim,), self.w("emb_ln_g"), self.w("emb_ln_b"), eps=1e-12)
            bias = ((1.0 - attention_mask.float()) * -1e9)[:, None, None, :]
            bsz = input_ids.shape[0]
            for i in range(layers):
                p = f"l{i}_"
                qkv = (x @ self.w(p + "qkv_w") + self.w(p + "qkv_b")).reshape(bsz, n, 3, heads, d)
                q, k, v = qkv.permute(2, 0, 3, 1, 4).unbind(0)
                att = torch.softmax(q @ k.transpose(-1, -2) / float(np.sqrt(d)) + bias, dim=-1)
                ctx = (att @ v).transpose(1, 2).reshape(bsz, n, dim)
                x = torch.nn.functional.layer_norm(
                    x + ctx @ self.w(p + "o_w") + self.w(p + "o_b"),
                    (dim,),
                    self.w(p + "ln1_g"),
                    self.w(p + "ln1_b"),
                    1e-12,
                )
                ff = torch.nn.functional.gelu(x @ self.w(p + "ff1_w") + self.w(p + "ff1_b"))
                ff = ff @ self.w(p + "ff2_w") + self.w(p + "ff2_b")
                x = torch.nn.functional.layer_norm(x + ff, (dim,), self.w(p + "ln2_g"), self.w(p + "ln2_b"), 1e-12)
            return x

    ids = torch.tensor([[101, 1045, 2293, 102], [101, 102, 0, 0]])
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 0, 0]])
    dyn = {0: "batch", 1: "pieces"}
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        Layers().eval(),
        (),
        str(path),
        kwargs={"input_ids": ids, "attention_mask": mask},
        input_names=["input_ids", "attention_mask"],
        output_names=["hidden"],
        dynamic_axes={"input_ids": dyn, "attention_mask": dyn, "hidden": {0: "batch", 1: "pieces"}},
        opset_version=17,
        dynamo=False,
        do_constant_folding=False,  # keep the stored types: folding the casts would write float32 weights
    )
    return path


def quantise(src: Path, dst: Path) -> Path:
    """``export_onnx``'s graph with its matrix products in int8 (onnxruntime's dynamic quantisation; weights
    per tensor, activations per run): the casts of the stored weights are folded first (onnxruntime's basic
    graph optimisations), so that the quantiser sees float32 weights. On PolNeAR's held-out train articles the
    claims figures moved by at most 0.003 F1 and the encoder's cost per page halved (the model card)."""
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory() as tmp:  # not beside dst: a failed run leaves nothing in the package
        folded = Path(tmp) / "folded.onnx"
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = str(folded)
        ort.InferenceSession(str(src), options, providers=["CPUExecutionProvider"])
        quantize_dynamic(str(folded), str(dst), weight_type=QuantType.QInt8)
    return dst


def write_encoder(weights: dict[str, np.ndarray], layers: int, out_dir: Path) -> None:
    """``export_layers``'s dict plus a head's arrays (named ``head*``) as the files newssift reads: the layers
    as ``encoder.onnx`` (int8, ``quantise``), the head's weights in ``head.npz``."""
    with tempfile.TemporaryDirectory() as tmp:
        quantise(export_onnx(weights, layers, Path(tmp) / "encoder-float.onnx"), out_dir / "encoder.onnx")
    np.savez_compressed(out_dir / "head.npz", **{k: v for k, v in weights.items() if k.startswith("head")})


def convert(npz: Path, layers: int, out_dir: Path) -> None:
    """An ``encoder.npz`` of the layout newssift read before issue 34 (the layers and head in one file) as
    ``write_encoder``'s files: ``python -m train.minilm NPZ LAYERS DIR``."""
    with np.load(npz) as z:
        write_encoder({k: z[k] for k in z.files}, layers, out_dir)


if __name__ == "__main__":
    import sys

    convert(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
