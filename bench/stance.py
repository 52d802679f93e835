"""Stance (FNC-1): cross-validated FNC score and macro-F1, the same procedure as `make train`.

    .venv/bin/python bench/stance.py      (about 10 minutes on 2 cores; reads ../shared/data)

Two protocols on the FNC-1 training split (the competition test set is withheld):
- by body: 5 folds grouped by body (GroupKFold), as the official train/hold-out split; held-out headlines may
  have been seen with other bodies;
- unseen headline and body: a pair is tested only when neither its headline nor its body was trained on, the
  closer picture of new claims against new coverage;
- Emergent claim vs article headline, 5 folds grouped by claim: short texts, as corpus passages are.
Writes bench/results/stance.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from train.stance import build, cross_validate, cross_validate_emergent

RESULTS = Path(__file__).resolve().parent / "results" / "stance.json"


def main() -> None:
    data = build()
    scores = {
        "by_body": cross_validate(data),
        "unseen_headline_and_body": cross_validate(data, strict=True),
        "emergent_by_claim": cross_validate_emergent(data),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(scores, indent=2) + "\n")


if __name__ == "__main__":
    main()
