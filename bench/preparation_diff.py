"""On how many texts two encoder input preparations (newssift/encoders/prepare.py) differ, per source: every
training source of train/moderation_encoder.py and the held-out splits. Used to decide whether one recipe's
leave-one-dataset-out runs can stand for another's (docs/benchmarks.md, ninth session, item 3).

    .venv/bin/python bench/preparation_diff.py [--a emoji-names] [--b emoji-names-2] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newssift.encoders.prepare import EMOJI_NAMES, EMOJI_NAMES_2, preparation
from train.moderation_encoder import SOURCES, held_out

RESULTS = Path(__file__).resolve().parent / "results" / "emoji-preparation-diff.json"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--a", default=EMOJI_NAMES)
    ap.add_argument("--b", default=EMOJI_NAMES_2)
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    first, second = preparation(args.a), preparation(args.b)
    texts = {name: [ex.text for ex in load() if ex.text] for name, (load, _licence) in SOURCES.items()}
    texts |= {name: [ex.text for ex in exs if ex.text] for name, exs in held_out().items()}
    total, differ = Counter[str](), Counter[str]()
    for name, rows in texts.items():
        total[name] = len(rows)
        differ[name] = sum(first(t) != second(t) for t in rows)
        print(f"{name:22s} {differ[name]:6d} / {total[name]:6d}", flush=True)
    doc = {
        "preparations": [args.a, args.b],
        "texts": sum(total.values()),
        "differ": sum(differ.values()),
        "by_source": {n: {"texts": total[n], "differ": differ[n]} for n in total},
    }
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"{doc['differ']} of {doc['texts']} texts differ; wrote {args.out}")


if __name__ == "__main__":
    main()
