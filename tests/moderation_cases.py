"""The moderation regression cases: tests/data/moderation-cases.jsonl (its fields: tests/data/README.md), read into
sets of cases by functionality, and the run that scores them through the moderation stage.

A case passes when every label it names is given (score 0.5 or more) or not given as it expects, and, where it names
a target, the hate label names that target. bench/moderation.py reads the same file with its own code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

CASES_FILE = Path(__file__).resolve().parent / "data" / "moderation-cases.jsonl"


@dataclass(frozen=True, slots=True)
class Case:
    text: str
    expect: dict[str, bool]  # label -> whether it must be given
    parent: str | None = None  # the comment this one replies to, judged with it in view
    target: str | None = None  # the hate target that must be named, when given


def load_cases(path: Path = CASES_FILE) -> dict[str, dict[str, list[Case]]]:
    """Set name -> functionality -> cases, in the file's order."""
    sets: dict[str, dict[str, list[Case]]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        expect = {row["label"]: row["expected"], **row.get("also", {})}
        if not all(isinstance(v, bool) for v in expect.values()):
            raise ValueError(f"{path.name} line {number}: expected values must be true or false")
        case = Case(row["text"], expect, parent=row.get("parent"), target=row.get("target"))
        sets.setdefault(row["set"], {}).setdefault(row["functionality"], []).append(case)
    return sets


def run_cases(cases: dict[str, list[Case]]) -> dict[str, tuple[int, int, list[str]]]:
    """Per functionality: (passed, total, failures). Each functionality is judged as one batch, a reply after its
    parent."""
    from newssift.moderation.stage import judge

    results: dict[str, tuple[int, int, list[str]]] = {}
    for name, group in cases.items():
        texts: list[str] = []
        parents: list[int | None] = []
        slots: list[int] = []
        for case in group:
            if case.parent is not None:
                texts.append(case.parent)
                parents.append(None)
                texts.append(case.text)
                parents.append(len(texts) - 2)
            else:
                texts.append(case.text)
                parents.append(None)
            slots.append(len(texts) - 1)
        verdicts = judge(texts, parents)
        passed = 0
        failures: list[str] = []
        for case, slot in zip(group, slots, strict=True):
            scores = verdicts[slot].scores()
            ok = all((scores.get(label, 0.0) >= 0.5) == want for label, want in case.expect.items())
            if ok and case.target is not None:
                hate = next((lab for lab in verdicts[slot].labels if lab.label == "hate"), None)
                ok = hate is not None and hate.target == case.target
            if ok:
                passed += 1
            else:
                failures.append(
                    f"{case.text!r} expected {case.expect} got { {k: round(v, 2) for k, v in scores.items()} }"
                )
        results[name] = (passed, len(group), failures)
    return results


if __name__ == "__main__":
    import sys

    total = 0
    for name, (ok, n, fails) in run_cases(load_cases()[sys.argv[1] if len(sys.argv) > 1 else "suite"]).items():
        total += n
        print(f"{ok / n:6.2f}  {ok:>3}/{n:<3} {name}")
        for f in fails:
            print("        ", f)
    print("cases:", total)
