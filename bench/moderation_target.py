"""The hate label's target group on texts nobody here trained on: the target head (train/moderation_target.py)
with each dataset left out, beside the lexicon and the stage as it reports targets (issue 37).

    .venv/bin/python bench/moderation_target.py          (about 3 minutes on one core)

Test sets (hateful texts whose annotators named a group the head knows; neither the encoder nor any head saw
them): DynaHate test and HatemojiBuild validation + test. For each, the head is trained on the training pool
(``training_pool()``) without any text of that dataset (leave one dataset out: DynaHate dev is left out when
testing on DynaHate test), and, for comparison, on the whole pool as shipped. Compared on the same texts:

- ``lexicon``: the first group the lexicon's group patterns name in the (normalised) text, as the stage takes it;
- ``stage``: the target ``newssift.moderation.moderate`` reports on the hate (else violence) label: with the shipped
  head where newssift/data/moderation/target.npz exists (the ``lexicon_then_head_all`` rule, on the texts the stage
  labels), else the lexicon's;
- ``head``: the head's most probable group where its probability reaches its threshold, chosen on the head's own
  training datasets (``choose_threshold``: each of them predicted by a head fitted on the others);
- ``lexicon_then_head``: the lexicon's group where it names one, else the head's: the rule the stage uses, fixed
  before this bench was run.

A prediction is right when it is one of the text's gold groups. ``accuracy`` counts texts with no prediction as
wrong; ``precision`` is over the texts with a prediction; ``coverage`` is the share with one.

Writes bench/results/moderation-target.json.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ["NEWSSIFT_ENCODER_THREADS"] = "1"

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from train.moderation_target import (  # noqa: E402
    GROUPS,
    TARGET_PRECISION,
    Targeted,
    choose_threshold,
    fit,
    group_of,
    held_out_sets,
    out_of_dataset,
    pooled,
    predict,
    training_pool,
)

RESULTS = Path(__file__).resolve().parent / "results" / "moderation-target.json"
LEFT_OUT = {"dynahate_test": "dynahate", "hatemoji_validation_test": "hatemoji"}


def lexicon_group(text: str) -> str | None:
    """The first group the lexicon names in the normalised text, mapped onto ``GROUPS`` (None: none, or one the
    head does not know, such as Hindus)."""
    from newssift.moderation import lexicon as lx
    from newssift.moderation.normalise import normalise

    norm = normalise(text).text
    found = []
    for name, rx in lx.GROUPS.items():
        m = rx.search(norm)
        if m is not None:
            found.append((m.start(), lx.group_name(name, m.group())))
    if not found:
        return None
    groups = group_of(min(found)[1])
    return next(iter(sorted(groups))) if len(groups) == 1 else None


def stage_targets(texts: list[str]) -> list[str | None]:
    """The target the moderation stage reports (hate, else violence), mapped onto ``GROUPS``."""
    from newssift.moderation import moderate

    out: list[str | None] = []
    for verdict in moderate(texts):
        target = next((lab.target for lab in verdict.labels if lab.label == "hate" and lab.target), None)
        target = target or next((lab.target for lab in verdict.labels if lab.target), None)
        groups = group_of(target) if target else frozenset()
        out.append(next(iter(sorted(groups))) if len(groups) == 1 else None)
    return out


def score(pred: list[str | None], gold: list[Targeted]) -> dict[str, float | int]:
    made = [(p, t) for p, t in zip(pred, gold, strict=True) if p is not None]
    right = sum(p in t.groups for p, t in made)
    return {
        "n": len(gold),
        "accuracy": round(right / len(gold), 4),
        "precision": round(right / len(made), 4) if made else 0.0,
        "coverage": round(len(made) / len(gold), 4),
    }


def head_predictions(probs: np.ndarray, threshold: float) -> list[str | None]:
    return [GROUPS[int(k)] if row[k] >= threshold else None for row, k in zip(probs, probs.argmax(1), strict=True)]


def main() -> None:
    t0 = time.time()
    pool = training_pool()
    tests = held_out_sets()
    texts = sorted({t.text for ts in pool.values() for t in ts} | {t.text for ts in tests.values() for t in ts})
    print(f"{len(texts)} texts to encode")
    vec = dict(zip(texts, pooled(texts), strict=True))
    results: dict[str, object] = {}
    for name, gold in tests.items():
        x = np.stack([vec[t.text] for t in gold])
        lex = [lexicon_group(t.text) for t in gold]
        arms: dict[str, dict[str, float | int]] = {
            "lexicon": score(lex, gold),
            "stage": score(stage_targets([t.text for t in gold]), gold),
        }
        for arm, sources in (("lodo", [k for k in pool if k != LEFT_OUT[name]]), ("all", list(pool))):
            rows = [t for k in sources for t in pool[k]]
            coef, intercept = fit(np.stack([vec[t.text] for t in rows]), rows)
            threshold = choose_threshold(out_of_dataset(vec, {k: pool[k] for k in sources}))
            head = head_predictions(predict(coef, intercept, x), threshold)
            arms[f"threshold_{arm}"] = {"value": threshold}
            arms[f"head_{arm}"] = score(head, gold)
            arms[f"lexicon_then_head_{arm}"] = score([h if lx is None else lx for lx, h in zip(lex, head)], gold)
        results[name] = {
            "groups": dict(Counter(g for t in gold for g in t.groups).most_common()),
            "arms": arms,
        }
        print(name, json.dumps(arms))
    out = {
        "command": ".venv/bin/python bench/moderation_target.py",
        "threshold_rule": f"lowest head probability at which out-of-dataset predictions on the arm's training "
        f"datasets are right {TARGET_PRECISION:.0%} of the time",
        "training_pool": {k: len(v) for k, v in pool.items()},
        "note": "lodo: the head trained without the test set's dataset; all: trained on the whole pool (shipped)",
        "results": results,
        "seconds": round(time.time() - t0, 1),
    }
    RESULTS.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
