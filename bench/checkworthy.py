"""Check-worthiness: cross-validated scores on the shared training data (the same procedure as `make train`).

    .venv/bin/python bench/checkworthy.py      (about 80 seconds; reads ../shared/data)

ClaimBuster: 4-fold stratified precision/recall/F1 and average precision. CheckThat! 2019 task 1: leave one
transcript out (19 folds), MAP over transcripts and F1 at 0.5. Writes bench/results/checkworthy.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from train.checkworthy import cross_validate

RESULTS = Path(__file__).resolve().parent / "results" / "checkworthy.json"


def main() -> None:
    scores, _model = cross_validate(verbose=True)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(scores, indent=2) + "\n")


if __name__ == "__main__":
    main()
