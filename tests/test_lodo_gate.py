"""bench/lodo_gate.py on the committed LODO results: the gate reproduces the sixth session's verdict, merging a
run's parts gives the run back, and files that cannot be compared are refused with a clear error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.lodo_gate import gate, merge, spread

RESULTS = Path(__file__).resolve().parent.parent / "bench" / "results"
FULL, SEED1 = RESULTS / "moderation-lodo-full.json", RESULTS / "moderation-lodo-full-seed1.json"
MORE, MORE1 = RESULTS / "moderation-lodo-full-more.json", RESULTS / "moderation-lodo-full-more-seed1.json"
#: the shipped recipe at training seeds 0-2: each dataset's seed range, the loss a candidate may take there
SHIPPED_SEEDS = [FULL, SEED1, RESULTS / "moderation-lodo-full-seed2.json"]


def _doc(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _write(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_the_gate_fails_the_more_recipe_on_hatemoji_as_recorded() -> None:
    g = gate([MORE], [FULL], 0.03)
    assert g["verdict"] == "fail" and not g["missing"] and len(g["datasets"]) == 10
    assert g["worst"]["dataset"] == "hatemoji" and g["worst"]["change"] == pytest.approx(-0.081, abs=0.001)
    assert abs(g["mean_change"]) < 0.001  # "+0.0002" in docs/benchmarks.md
    # the stage before wins Davidson, Gab and HateXplain (left out of D where it was refitted: 0.701)
    assert len(g["with_stage_before"]) == 10
    assert set(g["datasets"]) - set(g["beats_stage_before"]) == {"davidson", "gab", "hatexplain"}
    assert g["datasets"]["hatexplain"]["stage_before"] == pytest.approx(0.7005)
    assert gate([MORE], [FULL], 0.1)["verdict"] == "pass"  # mean up (barely) and no loss past 0.1


def test_a_seed_missing_a_dataset_makes_the_gate_incomplete(tmp_path: Path) -> None:
    part = _doc(MORE)
    part["train_seed"], part["results"] = 1, {d: r for d, r in part["results"].items() if d != "dynahate"}
    g = gate([MORE, _write(tmp_path / "more1.json", part)], [FULL, SEED1], 0.03)
    assert g["verdict"] == "incomplete" and g["missing"] == ["dynahate"] and len(g["datasets"]) == 9


def test_the_gate_refuses_files_it_cannot_compare(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="as many"):
        gate([MORE, MORE1], [FULL], 0.03)
    with pytest.raises(SystemExit, match="each seed once"):
        gate([MORE, MORE], [FULL, FULL], 0.03)  # one seed given twice is not two seeds
    with pytest.raises(SystemExit, match="shipped recipe"):
        gate([FULL], [MORE], 0.03)  # the baseline is the shipped recipe
    with pytest.raises(SystemExit, match="not comparable"):
        gate([MORE], [RESULTS / "moderation-lodo.json"], 0.03)  # a reduced-budget baseline
    with pytest.raises(SystemExit, match="not comparable"):
        gate([MORE1], [FULL], 0.03)  # another training seed
    other = _doc(MORE)
    other["results"]["sbic"] = {**other["results"]["sbic"], "test_n": 10}
    with pytest.raises(SystemExit, match="sbic's test texts"):
        gate([_write(tmp_path / "m.json", other)], [FULL], 0.03)
    for bad in ([1, 2], {"results": []}, {"results": {"sbic": {"stage": {}}}}):
        with pytest.raises(SystemExit, match="not a results file"):
            gate([_write(tmp_path / "bad.json", bad)], [FULL], 0.03)  # type: ignore[arg-type]


def test_merging_a_runs_parts_gives_the_run_back_and_refuses_mixing(tmp_path: Path) -> None:
    whole = _doc(FULL)
    parts = []
    for k, names in enumerate((["davidson", "gab", "dynahate"], ["hatexplain", "sbic"])):
        parts.append(_write(tmp_path / f"part{k}.json", {**whole, "results": {d: whole["results"][d] for d in names}}))
    out = tmp_path / "merged.json"
    doc = merge(out, parts, None)
    assert list(doc["results"]) == ["dynahate", "davidson", "gab", "sbic", "hatexplain"]  # the list's order
    assert doc["datasets"] == list(doc["results"]) and not doc["complete"]
    assert doc["results"]["sbic"] == whole["results"]["sbic"]  # one command: no run of its own
    assert [p["datasets"] for p in doc["parts"]] == [["davidson", "gab", "dynahate"], ["hatexplain", "sbic"]]
    with pytest.raises(SystemExit, match="already"):
        merge(out, parts[1:], None)  # a dataset twice
    with pytest.raises(SystemExit, match="another run"):
        merge(out, [SEED1], None)  # another training seed
    later = {**whole, "command": "a later run", "results": {"hatemoji": whole["results"]["hatemoji"]}}
    doc = merge(out, [_write(tmp_path / "later.json", later)], "why it ran")
    assert doc["results"]["hatemoji"]["run"]["command"] == "a later run"
    assert doc["results"]["hatemoji"]["run"]["why"] == "why it ran" and "run" not in doc["results"]["sbic"]
    assert json.loads(out.read_text(encoding="utf-8")) == doc


def test_the_spread_of_two_seeds_reads_each_dataset_both_have() -> None:
    sp = spread([FULL, SEED1])
    assert sp["train_seeds"] == [0, 1] and sp["recipe"] == "shipped" and not sp["missing"]
    s0, s1 = _doc(FULL)["results"]["hatemoji"]["lodo"], _doc(SEED1)["results"]["hatemoji"]["lodo"]
    hm = sp["datasets"]["hatemoji"]["stage_f1"]
    assert hm["per_seed"] == [s0["stage"]["f1_at_0.5"], s1["stage"]["f1_at_0.5"]]
    assert hm["range"] == pytest.approx(abs(s0["stage"]["f1_at_0.5"] - s1["stage"]["f1_at_0.5"]), abs=1e-4)
    assert sp["datasets"]["hatexplain"]["stage_before"] == pytest.approx(0.7005)
    with pytest.raises(SystemExit, match="not the same recipe"):
        spread([FULL, MORE1])  # seeds 0 and 1, but two recipes
    with pytest.raises(SystemExit, match="each seed once"):
        spread([FULL, FULL])


def test_tolerances_from_the_shipped_seeds_allow_each_dataset_its_own_range(tmp_path: Path) -> None:
    seeds = SHIPPED_SEEDS
    # a candidate 0.035 under the shipped recipe on HatemojiBuild (its range over three seeds: 0.040) and 0.035
    # under on SBIC (range 0.011), up elsewhere: fails at 0.03 on both, past the range only on SBIC
    cand = _doc(FULL)
    cand["recipe"] = "emoji"
    for d, r in cand["results"].items():
        step = -0.035 if d in ("hatemoji", "sbic") else 0.02
        r["lodo"]["stage"]["f1_at_0.5"] += step
    path = _write(tmp_path / "cand.json", cand)
    flat = gate([path], [FULL], 0.03)
    assert flat["verdict"] == "fail" and flat["past_allowed"] == ["hatemoji", "sbic"]
    ranged = gate([path], [FULL], 0.03, seeds)
    assert ranged["datasets"]["hatemoji"]["allowed"] == pytest.approx(0.0395, abs=0.001)
    assert ranged["datasets"]["sbic"]["allowed"] == 0.03  # the range (0.011) is under the floor
    assert ranged["past_allowed"] == ["sbic"] and ranged["verdict"] == "fail"
    cand["results"]["sbic"]["lodo"]["stage"]["f1_at_0.5"] += 0.01
    assert gate([_write(tmp_path / "cand2.json", cand)], [FULL], 0.03, seeds)["verdict"] == "pass"
    with pytest.raises(SystemExit, match="shipped recipe's files at two seeds"):
        gate([path], [FULL], 0.03, [FULL])


def test_the_news_groups_gate_over_two_seeds_fails_as_recorded() -> None:
    """The tenth session's verdict: no dataset past its allowed loss, but the mean of the ten is lower."""
    seeds = [RESULTS / "moderation-lodo-full-news-groups.json", RESULTS / "moderation-lodo-full-news-groups-seed1.json"]
    g = gate(seeds, [FULL, SEED1], 0.03, SHIPPED_SEEDS)
    assert g["verdict"] == "fail" and not g["missing"] and not g["past_allowed"]
    assert g["mean_change"] < 0 and g["worst"]["dataset"] == "stormfront"
    recorded = _doc(RESULTS / "moderation-lodo-gate-news-groups.json")
    assert g["datasets"] == recorded["datasets"] and g["mean_change"] == recorded["mean_change"]


def test_more_adversarial_seed0_is_not_dropped_for_futility_but_loses_hatemoji_as_recorded() -> None:
    """The tenth session's seed 0: the mean of the ten up (so not dropped), HatemojiBuild past its allowance."""
    g = gate([RESULTS / "moderation-lodo-full-more-adversarial.json"], [FULL], 0.03, SHIPPED_SEEDS)
    assert g["mean_change"] > 0 and g["past_allowed"] == ["hatemoji"]
    recorded = _doc(RESULTS / "moderation-lodo-gate-more-adversarial-seed0.json")
    assert g["datasets"] == recorded["datasets"] and g["mean_change"] == recorded["mean_change"]
