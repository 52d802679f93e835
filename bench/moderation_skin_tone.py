"""Does the moderation encoder's hate score move with an emoji's skin tone? A counterfactual check, no labels needed.

Every HatemojiBuild validation and test text that carries a skin-tone modifier (U+1F3FB-U+1F3FF) is scored six
times: with each of its modifiers set to one of the five tones, and with the modifiers removed. A model that reads
an emoji's tone as meaning something (the emoji preparations name it: "... dark skin tone") scores the same
sentence differently by tone. Reported for the encoder alone and the whole stage: the mean hate score per tone,
the mean and largest spread (highest minus lowest of the five tones) per text, and how many texts change their
verdict at 0.5 with the tone. The plain encoder reads every emoji and modifier as [UNK], so its score cannot move
with the tone.

Not every spread is a bias: a tone can name the group a text attacks. HatemojiBuild's training split holds three
pairs of texts that differ only in a tone and are labelled differently, two tone against tone and one tone against
none ("i hate all of these 👸🏾 🤴🏿" hateful, without the king's tone not). The figure says how much the tone moves
the score; which of those moves are right is a question for labelled pairs.

    NEWSSIFT_MODERATION_ENCODER=/path/to/model .venv/bin/python bench/moderation_skin_tone.py OUT.json
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.moderation_encoder import new_scores
from newssift.moderation.encoder import ENV
from train.data import DATA

TONES = {
    "light": "\U0001f3fb",
    "medium-light": "\U0001f3fc",
    "medium": "\U0001f3fd",
    "medium-dark": "\U0001f3fe",
    "dark": "\U0001f3ff",
}
MODIFIER = re.compile("[\U0001f3fb-\U0001f3ff]")
SPLITS = ("validation", "test")  # HatemojiBuild's splits the encoder is not trained on


def toned_texts() -> list[str]:
    texts = []
    for split in SPLITS:
        with (DATA / "hatemoji_build" / f"{split}.csv").open(encoding="utf-8", newline="") as fh:
            texts += [r["text"] for r in csv.DictReader(fh) if MODIFIER.search(r["text"])]
    return texts


def spread(scores: dict[str, list[float]]) -> dict[str, Any]:
    """Per-tone means, and the spread over the five tones of each text."""
    n = len(scores["none"])
    spreads = [max(scores[t][i] for t in TONES) - min(scores[t][i] for t in TONES) for i in range(n)]
    flips = sum(1 for i in range(n) if len({scores[t][i] >= 0.5 for t in TONES}) > 1)
    flips_none = sum(1 for i in range(n) if len({scores[t][i] >= 0.5 for t in (*TONES, "none")}) > 1)
    return {
        "mean_by_tone": {t: round(sum(v) / n, 4) for t, v in scores.items()},
        "mean_spread": round(sum(spreads) / n, 4),
        "largest_spread": round(max(spreads), 4),
        "texts_whose_verdict_at_0.5_changes_with_the_tone": flips,
        "the_same_with_no_tone_as_a_sixth": flips_none,
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("out", type=Path, help="where to write the figures (JSON)")
    args = ap.parse_args(argv)
    texts = toned_texts()
    variants = {t: [MODIFIER.sub(m, x) for x in texts] for t, m in TONES.items()}
    variants["none"] = [MODIFIER.sub("", x) for x in texts]
    enc: dict[str, list[float]] = {}
    stage: dict[str, list[float]] = {}
    for tone, batch in variants.items():
        e, s = new_scores(batch)
        enc[tone] = [sc.get("hate", 0.0) for sc in e]
        stage[tone] = [sc.get("hate", 0.0) for sc in s]
    doc = {
        "command": " ".join(["bench/moderation_skin_tone.py", *(argv if argv is not None else sys.argv[1:])]),
        "encoder": os.environ.get(ENV) or "shipped",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "texts": len(texts),
        "splits": [f"hatemoji_build/{s}" for s in SPLITS],
        "encoder_alone": spread(enc),
        "stage": spread(stage),
    }
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(doc, indent=1))


if __name__ == "__main__":
    main()
