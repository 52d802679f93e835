"""How often the stage calls a neutral mention of a group hate: news sentences that name a group, written by
journalists, which the encoder did not train on and whose validation split did not choose its thresholds.

The sentences are train/data.py's news sentences (PolNeAR, the article-extraction benchmark's gold bodies) that
name a group by the stage's own patterns (``names_group``), less the encoder recipe's news sample (the shipped
recipe's 1,000, the same at every training seed) and the validation split: about 2,000. They carry no labels; news
prose is assumed not hateful, so a hate score >= 0.5 is counted as a false flag (a few sentences quote hate, so
the rate is an upper bound). The linear heads read them in training (their news negatives take every group-naming
sentence), but with the encoder on they give no hate score. One figure per encoder folder, to compare retrains of
one recipe (the ninth session's band) or recipes on one kind of case, written by others, that the behavioural test
"Muslims pray on Fridays." stands for.

    .venv/bin/python bench/moderation_neutral_mentions.py OUT.json [FOLDER ...]   (none: the shipped encoder)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any
from unittest.mock import patch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.moderation_encoder import new_scores
from newssift.moderation.encoder import ENV
from train.data import Example, names_group, news_sentences
from train.moderation_encoder import in_validation, split_sources

PROBE = "Muslims pray on Fridays."  # tests/test_moderation.py's behavioural case, reported beside the rate


def unseen_sentences() -> list[str]:
    """News sentences that name a group, neither in the shipped recipe's training sample nor in validation."""
    train, _valid = split_sources(["news"])
    seen = {ex.text for ex in train}
    texts = sorted({ex.text for ex in news_sentences()})
    return [t for t in texts if t not in seen and names_group(t) and not in_validation(Example(t, {}, "news"))]


def rate(texts: list[str]) -> dict[str, Any]:
    _enc, stage = new_scores([*texts, PROBE])
    hate = [sc.get("hate", 0.0) for sc in stage]
    probe = hate.pop()
    flagged = sum(h >= 0.5 for h in hate)
    return {
        "flagged_at_0.5": flagged,
        "rate": round(flagged / len(hate), 4),
        "mean_hate": round(sum(hate) / len(hate), 4),
        "probe": round(probe, 4),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("out", type=Path, help="where to write the figures (JSON)")
    ap.add_argument("folders", nargs="*", help="encoder model folders (default: the shipped encoder)")
    args = ap.parse_args(argv)
    texts = unseen_sentences()
    by_folder: dict[str, Any] = {}
    for folder in args.folders or [""]:
        with patch.dict(os.environ, {ENV: folder}):
            by_folder[folder or "shipped"] = rate(texts)
        print(folder or "shipped", by_folder[folder or "shipped"], flush=True)
    doc = {
        "command": " ".join(["bench/moderation_neutral_mentions.py", *(argv if argv is not None else sys.argv[1:])]),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "sentences": len(texts),
        "probe": PROBE,
        "by_encoder": by_folder,
    }
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
