"""The moderation regression cases (tests/data/moderation-cases.jsonl) through the whole stage with one encoder
folder: cases right per set, and the functionalities where a set fails more than tests/test_moderation.py's
MEASURED_FAILURES (the test allows NEW_FAILURES_ALLOWED such cases a set). To read a retrained encoder against the
shipped one (the eighth session's table: bench/results/moderation-cases-retrains.json).

    NEWSSIFT_MODERATION_ENCODER=/path/to/model .venv/bin/python bench/moderation_cases_retrains.py OUT.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.moderation_cases import load_cases, run_cases
from tests.test_moderation import MEASURED_FAILURES, NEW_FAILURES_ALLOWED


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("out", type=Path, help="where to write the per-set figures (JSON)")
    args = ap.parse_args(argv)
    sets: dict[str, dict[str, object]] = {}
    right: dict[str, int] = {}
    failing: list[str] = []
    for name, funcs in load_cases().items():
        res = run_cases(funcs)
        over = {g: len(f) - MEASURED_FAILURES[name].get(g, 0) for g, (_ok, _n, f) in res.items() if f}
        over = {g: n for g, n in over.items() if n > 0}
        right[name] = sum(r[0] for r in res.values())
        sets[name] = {"right": right[name], "n": sum(r[1] for r in res.values()), "over": over}
        if sum(over.values()) > NEW_FAILURES_ALLOWED:
            failing.append(name)
        print(name, sets[name]["right"], sets[name]["n"], over, flush=True)
    doc = {
        "encoder": os.environ.get("NEWSSIFT_MODERATION_ENCODER") or "shipped",
        "total_right": sum(right.values()),
        "sets_failing_the_test": sorted(failing),
        "sets": sets,
    }
    args.out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("total", doc["total_right"], "sets failing the test:", failing)


if __name__ == "__main__":
    main()
