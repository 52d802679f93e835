"""Check-worthiness: the shipped recipe's cross-validated scores, with and without the CheckThat! 2020 verified claims
as further training positives (the protocols are described in train/checkworthy.py).

    .venv/bin/python bench/checkworthy.py      (about 15 minutes on one core; reads ../shared/data)

ClaimBuster 4-fold; CheckThat! 2019 leave one transcript out (ClaimBuster less the held-out debate) and
chronological (2016 -> 2017-2019); the 2020 fact-checked tweets among ordinary tweets. Writes
bench/results/checkworthy.json with the figure before this protocol (the leaky leave-one-transcript-out MAP).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from train.checkworthy import cross_validate

RESULTS = Path(__file__).resolve().parent / "results" / "checkworthy.json"
# bench/results/checkworthy.json at 415b8fa: ClaimBuster (which holds sentences of three of the 2016 debates) was
# in every leave-one-transcript-out training fold
BEFORE = {"checkthat2019_leave_one_transcript_out_leaky_map": 0.2553, "withheld_checkthat2019_test_map": 0.13}


def main() -> None:
    t0 = time.time()
    recipe, _ = cross_validate(verbose=True)
    verified, _ = cross_validate(verbose=True, with_verified=True)
    RESULTS.parent.mkdir(exist_ok=True)
    out = {
        "command": "python bench/checkworthy.py",
        "date": time.strftime("%Y-%m-%d"),
        "before": BEFORE,
        "recipe": recipe,
        "with_verified_claims": verified,
        "seconds": round(time.time() - t0),
    }
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
