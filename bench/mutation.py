"""Mutation testing of newssift's core modules with Cosmic Ray: the share of mutants the tests kill.

    nice -n 19 .venv/bin/python bench/mutation.py --label before --ref a603f5e
    nice -n 19 .venv/bin/python bench/mutation.py --label after --ref a603f5e \
        --add-tests tests/test_core_contracts.py --tests-ref 349adb9 --rerun-survivors-of before

(2026-12-06, about 25 and 6 minutes: 100 of the 3,431 mutants, 20 per group. Of the 100, 23 cannot be killed by
any test: 18 sit in function annotations, which ``from __future__ import annotations`` never evaluates, and 5 were
read and judged equivalent (EQUIVALENT_BY_READING); they are listed, not scored. Before: 49 of the 77 others
killed (0.636); after: 75 of 77 (0.974). bench/results/mutation.json lists every survivor with its diff.)

The second run measures the same code and the same mutants with the tests written for the survivors added: only
the survivors of the first run are run again (a superset of the tests kills at least what the first run killed).

A mutant is one small change to the code (an operator swapped, a constant changed, a condition negated, a loop
that never runs ...); the tests kill it when they fail on it. Each group of modules is run against the fast test
files that exercise it (GROUPS), never the whole suite. The source is taken from git at ``--ref`` into a folder
under ``--work`` (never the working tree: Cosmic Ray rewrites files in place), with ../shared beside it.

The full set of mutants is too slow for this machine (2 cores; each mutant runs its test files, 10-40 s), so
``--sample`` mutants per group are drawn with ``--seed`` from the full list, sorted by (module, operator,
occurrence): the same source, seed and size draw the same mutants, so a run before and after a change of the
tests compares like with like. The figures, with the surviving mutants' diffs, go to bench/results/mutation.json
under ``--label``; the score is (killed + incompetent) / mutants run. A mutant whose tests run past ``--timeout``
counts as killed (Cosmic Ray's rule).
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import os
import random
import subprocess
import sys
import tarfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "mutation.json"

#: tests written for what the mutants showed no test held (run first: it is the fastest file)
CONTRACTS = "tests/test_core_contracts.py"
#: group: (the modules mutated, the test files run against each of its mutants)
GROUPS: dict[str, tuple[list[str], list[str]]] = {
    "document": (["newssift/document.py"], [CONTRACTS, "tests/test_report.py", "tests/test_text_structure.py"]),
    "structure": (["newssift/structure"], [CONTRACTS, "tests/test_text_structure.py", "tests/test_html_structure.py"]),
    "provenance": (["newssift/provenance"], [CONTRACTS, "tests/test_provenance.py"]),
    "report": (["newssift/report.py"], [CONTRACTS, "tests/test_report.py"]),
    "pipeline": (["newssift/pipeline.py"], [CONTRACTS, "tests/test_report.py", "tests/test_example_page.py"]),
}


def checkout(ref: str, dest: Path) -> str:
    """The tracked files of ``ref`` into dest/main, with ../shared beside it; returns the commit's hash."""
    commit = subprocess.run(["git", "rev-parse", ref], cwd=ROOT, capture_output=True, text=True, check=True)
    sha = commit.stdout.strip()
    tree = dest / "main"
    if not tree.is_dir():
        archive = subprocess.run(["git", "archive", sha], cwd=ROOT, capture_output=True, check=True).stdout
        tree.mkdir(parents=True)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tree, filter="data")
    shared = dest / "shared"
    if not shared.exists() and (ROOT.parent / "shared").is_dir():
        shared.symlink_to(ROOT.parent / "shared")
    return sha


def mutants(tree: Path, paths: list[str]) -> list[Any]:
    """Every mutation Cosmic Ray's operators make in ``paths``, in a stable order."""
    from cosmic_ray.commands.init import init
    from cosmic_ray.modules import find_modules
    from cosmic_ray.work_db import use_db

    db_path = tree.parent / "session.sqlite"
    db_path.unlink(missing_ok=True)
    os.chdir(tree)
    with use_db(str(db_path)) as db:
        init(find_modules([Path(p) for p in paths]), db, {})
        specs = [m for item in db.work_items for m in item.mutations]
    return sorted(specs, key=lambda m: (str(m.module_path), m.operator_name, m.occurrence))


#: survivors read and found equivalent to the code (no test can kill them), at the commit they were read at
EQUIVALENT_BY_READING: dict[str, dict[tuple[str, str, int], str]] = {
    "a603f5e378bf9b0a56ac0e9d8d207570a2aed1f2": {
        ("newssift/structure/text.py", "core/NumberReplacer", 45): "default -1 -> 0: line 0 is skipped anyway",
        ("newssift/structure/text.py", "core/ReplaceComparisonOperator_Eq_GtE", 5): (
            "== -> >=: after the loop above, no open level is indented deeper than the line"
        ),
        ("newssift/structure/text.py", "core/ReplaceUnaryOperator_Delete_USub", 9): (
            "comments[-1] -> comments[1]: the stack is never empty once a comment was read"
        ),
        ("newssift/report.py", "core/ReplaceComparisonOperator_NotEq_Lt", 1): (
            "!= -> <: a set of ids is never larger than the list it came from"
        ),
        ("newssift/provenance/syndication.py", "core/ReplaceComparisonOperator_Eq_LtE", 0): (
            "size == 0 -> size <= 0: a size is never negative"
        ),
    }
}


def annotation_ranges(module: Path) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where the module's function signatures hold annotations: with ``from __future__ import annotations`` they
    are never evaluated, so a mutant inside one is equivalent to the code (``str | None`` -> ``str << None``)."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    future = any(
        isinstance(n, ast.ImportFrom) and n.module == "__future__" and any(a.name == "annotations" for a in n.names)
        for n in tree.body
    )
    if not future:
        return []
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            notes = [a.annotation for a in every if a is not None and a.annotation is not None] + [node.returns]
            for n in notes:
                if n is not None:
                    out.append(((n.lineno, n.col_offset), (n.end_lineno or n.lineno, n.end_col_offset or 0)))
    return out


def equivalence(tree: Path, commit: str, spec: Any) -> str | None:
    """Why a mutant cannot be killed, when it cannot: in an annotation, or read and judged so."""
    where = (spec.start_pos[0], spec.start_pos[1])
    if any(a <= where < b for a, b in annotation_ranges(tree / spec.module_path)):
        return "in a function annotation, never evaluated"
    return EQUIVALENT_BY_READING.get(commit, {}).get((str(spec.module_path), spec.operator_name, spec.occurrence))


def describe(spec: Any) -> dict[str, Any]:
    return {
        "module": str(spec.module_path),
        "operator": spec.operator_name,
        "occurrence": spec.occurrence,
        "line": spec.start_pos[0],
        "in": spec.definition_name,
    }


def run_group(tree: Path, name: str, specs: list[Any], timeout: float, commit: str) -> dict[str, Any]:
    from cosmic_ray.mutating import mutate_and_test

    tests = [t for t in GROUPS[name][1] if (tree / t).exists()]  # a test file added later is not in older commits
    command = f"{sys.executable} -m pytest -x -q -p no:cacheprovider {' '.join(tests)}"
    os.chdir(tree)
    baseline = subprocess.run(command.split(), capture_output=True, text=True, env=os.environ | {"CI": ""})
    if baseline.returncode != 0:  # the tests must pass on the unchanged code, or no mutant's result means anything
        raise SystemExit(f"{name}: the tests fail without a mutant:\n{baseline.stdout[-3000:]}")
    counts = {"killed": 0, "survived": 0, "incompetent": 0, "equivalent": 0, "not_run": 0}
    survivors = []
    started = time.monotonic()
    for n, spec in enumerate(specs, 1):
        why = equivalence(tree, commit, spec)
        if why is not None:  # cannot be killed: not run, and not counted in the score
            counts["equivalent"] += 1
            survivors.append(describe(spec) | {"equivalent": why})
            continue
        result = mutate_and_test([spec], command, timeout)
        outcome = result.test_outcome.value if result.test_outcome is not None else "not_run"
        counts[outcome] += 1
        if outcome == "survived":
            survivors.append(describe(spec) | {"diff": result.diff})
        print(f"  {name} {n}/{len(specs)} {outcome:<11} {describe(spec)}", flush=True)
    return {"tests": tests, **counts, "seconds": round(time.monotonic() - started), "survivors": survivors}


def _key(m: dict[str, Any]) -> tuple[str, str, int]:
    return m["module"], m["operator"], m["occurrence"]


def measure_group(
    tree: Path, name: str, args: argparse.Namespace, earlier: dict[str, Any] | None, commit: str
) -> dict[str, Any]:
    """One group's figures. With ``earlier`` (a run on the same code with fewer tests), only its survivors are run
    again: the tests now are a superset of the tests then, so what they killed stays killed."""
    specs = mutants(tree, GROUPS[name][0])
    drawn = random.Random(f"{args.seed}:{name}").sample(specs, args.sample) if args.sample else specs
    drawn.sort(key=lambda m: (str(m.module_path), m.operator_name, m.occurrence))
    carried = {"killed": 0, "incompetent": 0}
    if earlier is not None:
        before = earlier["groups"][name]
        if before["mutants"] != len(specs) or before["sampled"] != len(drawn):
            raise SystemExit(f"{name}: not the mutants of the earlier run (another commit's code?)")
        survived = {_key(m) for m in before["survivors"]}
        drawn = [m for m in drawn if _key(describe(m)) in survived]
        carried = {k: before[k] for k in carried}
    print(f"{name}: {len(specs)} mutants, running {len(drawn)}", flush=True)
    result = run_group(tree, name, drawn, args.timeout, commit)
    for k, n in carried.items():
        result[k] += n
    run = result["killed"] + result["survived"] + result["incompetent"]
    score = round((result["killed"] + result["incompetent"]) / run, 3) if run else None
    return (
        {"modules": GROUPS[name][0], "mutants": len(specs), "sampled": args.sample or len(specs)}
        | result
        | {"score": score}
    )


def totals(groups: list[dict[str, Any]]) -> dict[str, Any]:
    run = sum(g["killed"] + g["survived"] + g["incompetent"] for g in groups)
    dead = sum(g["killed"] + g["incompetent"] for g in groups)
    equivalent = sum(g.get("equivalent", 0) for g in groups)
    out: dict[str, Any] = {"run": run, "killed_or_incompetent": dead, "score": round(dead / run, 3) if run else None}
    out["equivalent_not_scored"] = equivalent
    out["score_with_equivalent_as_survivors"] = round(dead / (run + equivalent), 3) if run + equivalent else None
    # the groups are sampled alike but differ in size: each group's score weighted by its number of mutants
    # estimates the share of all mutants the tests kill
    weighted = [(g["mutants"], g["score"]) for g in groups if g["score"] is not None]
    if weighted:
        out["estimated_score_all_mutants"] = round(sum(n * s for n, s in weighted) / sum(n for n, _ in weighted), 3)
    return out


def reclassify(run: dict[str, Any], tree: Path) -> None:
    """Mark the survivors of a stored run that cannot be killed (``equivalence``), and score it without them."""
    for name, group in run["groups"].items():
        specs = {_key(describe(m)): m for m in mutants(tree, GROUPS[name][0])}
        for survivor in group["survivors"]:
            if "equivalent" in survivor:
                continue
            why = equivalence(tree, run["commit"], specs[_key(survivor)])
            if why is not None:
                survivor["equivalent"] = why
                survivor.pop("diff", None)
                group["survived"] -= 1
                group["equivalent"] = group.get("equivalent", 0) + 1
        scored = group["killed"] + group["survived"] + group["incompetent"]
        group["score"] = round((group["killed"] + group["incompetent"]) / scored, 3) if scored else None
    run["total"] = totals(list(run["groups"].values()))


def add_tests(tree: Path, ref: str, paths: list[str]) -> None:
    """Test files as they are at ``ref``, added to the tree (the code stays that of --ref)."""
    for path in paths:
        text = subprocess.run(["git", "show", f"{ref}:{path}"], cwd=ROOT, capture_output=True, check=True).stdout
        (tree / path).write_bytes(text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--label", required=True, help="the key the figures are stored under (before, after ...)")
    ap.add_argument("--ref", default="HEAD", help="the commit whose code and tests are measured")
    ap.add_argument("--add-tests", nargs="*", default=[], help="test files to add from --tests-ref")
    ap.add_argument("--tests-ref", default="HEAD")
    ap.add_argument("--rerun-survivors-of", help="the label of a run on the same code: run only its survivors")
    ap.add_argument("--reclassify", action="store_true", help="only mark the stored run's equivalent mutants")
    ap.add_argument("--sample", type=int, default=20, help="mutants drawn per group (0: all)")
    ap.add_argument("--seed", type=int, default=38)
    ap.add_argument("--timeout", type=float, default=240.0, help="seconds one mutant's tests may run")
    ap.add_argument("--groups", nargs="*", default=list(GROUPS))
    ap.add_argument("--work", type=Path, default=Path("/tmp/newssift-mutation"))
    args = ap.parse_args()

    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    dest = args.work / args.label
    sha = checkout(args.ref, dest)
    tree = dest / "main"
    if args.reclassify:  # a stored run, scored again without the mutants no test can kill
        reclassify(results[args.label], tree)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        return
    add_tests(tree, args.tests_ref, args.add_tests)
    earlier = results[args.rerun_survivors_of] if args.rerun_survivors_of else None
    if earlier is not None and earlier["commit"] != sha:
        raise SystemExit(f"--rerun-survivors-of {args.rerun_survivors_of}: measured at {earlier['commit']}, not {sha}")
    out: dict[str, Any] = {
        "date": date.today().isoformat(),
        "commit": sha,
        "tests_added": {"from": args.tests_ref, "files": args.add_tests} if args.add_tests else None,
        "tool": "cosmic-ray " + _version("cosmic-ray"),
        "seed": args.seed,
        "sample_per_group": args.sample or "all",
        "command": " ".join(["nice -n 19 .venv/bin/python bench/mutation.py", *sys.argv[1:]]),
        "groups": {name: measure_group(tree, name, args, earlier, sha) for name in args.groups},
    }
    out["total"] = totals(list(out["groups"].values()))
    print(f"{args.label}: {out['total']['killed_or_incompetent']}/{out['total']['run']} mutants killed")
    results[args.label] = out
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


if __name__ == "__main__":
    main()
