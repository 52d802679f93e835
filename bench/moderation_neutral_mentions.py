"""How often the stage calls a neutral mention of a group hate: news sentences that name a group, written by
journalists, which none of the encoders compared trained on and whose validation split chose none of their
thresholds.

The sentences are train/data.py's news sentences (PolNeAR, the article-extraction benchmark's gold bodies) that
name a group by the stage's own patterns (``names_group``), less every news sentence of each compared encoder's
training set (the recipe named in its encoder.json; the shipped recipe's 1,000 are the same at every training seed)
and less the validation split: 2,254 for the shipped recipe alone. They carry no labels; news prose is assumed not
hateful, so a hate score >= 0.5 is counted as a false flag (a few sentences quote hate, so the rate is an upper
bound). The linear heads read them in training (their news negatives take every group-naming sentence), but with
the encoder on they give no hate score. One figure per encoder folder, to compare retrains of one recipe (the
ninth session's band) or recipes on one kind of case, written by others, that the behavioural test "Muslims pray
on Fridays." stands for.

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

import train.moderation_encoder as me
from bench.moderation_encoder import new_scores
from newssift.encoders import META_FILE
from newssift.moderation.encoder import ENV
from train.data import Example, names_group, news_sentences

PROBE = "Muslims pray on Fridays."  # tests/test_moderation.py's behavioural case, reported beside the rate


def _recipe_of(folder: str) -> tuple[str, int]:
    """(recipe, training seed) an encoder folder was trained with ("": the shipped folder)."""
    meta_dir = Path(folder) if folder else me.OUT
    training = json.loads((meta_dir / META_FILE).read_text(encoding="utf-8")).get("training", {})
    return str(training.get("recipe", "shipped")), int(training.get("train_seed", 0))


def trained_news(recipe: str) -> set[str]:
    """The news sentences *recipe*'s encoder trains on: its whole training set drawn as training draws it (one
    seeded sampler over every source in order, so news alone would be drawn differently)."""
    before = me.RECIPE
    me.set_recipe(recipe)
    try:
        train, _valid = me.split_sources()
    finally:
        me.set_recipe(before)
    return {ex.text for ex in train if ex.source == "news"}


def unseen_sentences(recipes: tuple[str, ...] = ("shipped",)) -> list[str]:
    """News sentences that name a group, in no training set of *recipes* and not in the validation split."""
    seen = set().union(*(trained_news(r) for r in recipes))
    texts = sorted({ex.text for ex in news_sentences()})
    return [t for t in texts if t not in seen and names_group(t) and not me.in_validation(Example(t, {}, "news"))]


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
    folders = args.folders or [""]
    trained_with = {folder or "shipped": _recipe_of(folder) for folder in folders}
    texts = unseen_sentences(tuple(sorted({r for r, _seed in trained_with.values()})))
    by_folder: dict[str, Any] = {}
    for folder in folders:
        name = folder or "shipped"
        recipe, seed = trained_with[name]
        with patch.dict(os.environ, {ENV: folder}):
            by_folder[name] = {"recipe": recipe, "train_seed": seed, **rate(texts)}
        print(name, by_folder[name], flush=True)
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
