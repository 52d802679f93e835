"""Moderation: cross-validated scores per label, the functional suites, and speed and memory on one core.

    .venv/bin/python bench/moderation.py            (about 3 minutes on 2 cores; reads ../shared/data)
    .venv/bin/python bench/moderation.py --speed    (speed and memory only)

1. Cross-validated precision/recall/F1 of each trained head (5-fold, out-of-fold, calibrated, threshold 0.5),
   overall and per dataset — the same procedure as `make train`.
2. The whole stage (heads + lexicons + context rules) on ISCA antisemitism, using the heads' out-of-fold scores
   (of each tweet and of its group-masked counterfactual), so no tweet is scored by a model that saw it: F1 of
   "hate aimed at Jewish people" against ISCA's label.
   The whole stage's hate label on each hate dataset the same way (what the context rules cost in recall), and
   how often it flags sentences of published news (assumed negatives) as hate, violence or conspiracy.
3. Accuracy per functionality on newssift's functional suite and on the fourteen later sets, all in
   tests/data/moderation-cases.jsonl (each case's provenance says what its set was and was not used for).
4. Comments per second through the whole stage on one core (process pinned to one CPU, one thread), and peak
   memory (max RSS) of the process.
Writes bench/results/moderation.json.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

if TYPE_CHECKING:
    from newssift.moderation.model import ModerationModel
    from newssift.moderation.stage import _Acc

RESULTS = Path(__file__).resolve().parent / "results" / "moderation.json"
CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "moderation-cases.jsonl"


def speed(n: int = 5000) -> dict[str, float]:
    from newssift.moderation.model import get_model
    from newssift.moderation.stage import judge
    from train.data import hatexplain

    cpus = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    if cpus:
        os.sched_setaffinity(0, {min(cpus)})
    posts = [ex.text for ex in hatexplain()]
    texts = posts[:n]
    get_model()
    judge(texts[:50])  # warm up
    t0 = time.perf_counter()
    for i in range(0, len(texts), 500):
        judge(texts[i : i + 500])
    dt = time.perf_counter() - t0
    # one comment a call, as the Perspective endpoint gets them: other posts than the batches read
    singles = posts[n : n + 500]
    t1 = time.perf_counter()
    for text in singles:
        judge([text])
    single_ms = (time.perf_counter() - t1) / max(1, len(singles)) * 1000
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux -> MiB
    if cpus:
        os.sched_setaffinity(0, cpus)
    out = {
        "comments": len(texts),
        "seconds": dt,
        "comments_per_second": len(texts) / dt,
        "one_at_a_time_ms": single_ms,
        "peak_rss_mib": rss,
    }
    print(
        f"speed: {out['comments_per_second']:.0f} comments/s on one core ({len(texts)} HateXplain posts through the "
        f"whole stage, batches of 500); one comment a call {single_ms:.1f} ms; peak memory {rss:.0f} MiB"
    )
    return out


def _prf(pred: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    tp = int((pred & (gold == 1)).sum())
    p_ = tp / max(1, int(pred.sum()))
    r_ = tp / max(1, int((gold == 1).sum()))
    return {"precision": p_, "recall": r_, "f1": 2 * p_ * r_ / max(1e-9, p_ + r_)}


def oof_by_text(scores: dict, head: str, source: str | None = None) -> dict[str, tuple[float, float]]:
    """A head's out-of-fold (score, score of the group-masked text) by text, from cross_validate(keep_oof=True),
    for one source or for all."""
    texts, _y, src, p, pm = scores[head]["oof"]
    return {t: (p_, pm_) for t, s, p_, pm_ in zip(texts, src, p, pm, strict=True) if source is None or s == source}


def _oof_hate(text: str, p_hate: float, pm_hate: float, p_anti: float, pm_anti: float, model: ModerationModel) -> _Acc:
    """The stage's hate result for one text from out-of-fold scores of it and of its group-masked form, passed as
    judge() passes the shipped heads' scores (the masked ones only where the text names a group)."""
    from newssift.moderation.stage import _judge_one, _names_a_group

    masked = {"hate": float(pm_hate), "antisemitism": float(pm_anti)} if _names_a_group(text) else None
    return _judge_one(text, {"hate": float(p_hate), "antisemitism": float(p_anti)}, masked, model)["hate"]


def stage_on_isca(scores: dict) -> dict[str, float]:
    """The whole stage on ISCA, with the heads' out-of-fold probabilities standing in for the shipped heads."""
    from newssift.moderation.model import get_model
    from newssift.moderation.stage import _judge_one

    hate_oof = oof_by_text(scores, "hate", "isca")
    texts, y, src, p_anti, pm_anti = scores["antisemitism"]["oof"]
    model = get_model()
    rows = [(t, label, p, pm) for t, label, s, p, pm in zip(texts, y, src, p_anti, pm_anti, strict=True) if s == "isca"]
    pred_stage, pred_rules = [], []
    for text, _label, p, pm in rows:
        hate = _oof_hate(text, *hate_oof.get(text, (0.0, 0.0)), p, pm, model)
        pred_stage.append(hate.score >= 0.5 and hate.target == "Jewish people")
        rules = _judge_one(text, {"hate": 0.0, "antisemitism": 0.0}, None, model)["hate"]
        pred_rules.append(rules.score >= 0.5 and rules.target == "Jewish people")
    gold = np.array([label for _t, label, _p, _pm in rows])
    out = {"n": len(rows), "stage": _prf(np.array(pred_stage), gold), "rules_only": _prf(np.array(pred_rules), gold)}
    s, r = out["stage"], out["rules_only"]
    print(
        f"ISCA antisemitism, whole stage with out-of-fold heads: P={s['precision']:.3f} R={s['recall']:.3f} "
        f"F1={s['f1']:.3f}; lexicon rules alone: P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
        f"(n={len(rows)})"
    )
    return out  # type: ignore[return-value]


def stage_hate_by_source(scores: dict) -> dict[str, dict[str, float]]:
    """The whole stage's hate label (score >= 0.5, any target) on every dataset the hate head is trained on, with
    out-of-fold heads as in stage_on_isca: what the context rules cost in recall and buy in precision."""
    from newssift.moderation.model import get_model

    texts, y, src, p_h, pm_h = scores["hate"]["oof"]
    anti = oof_by_text(scores, "antisemitism")
    model = get_model()
    pred = np.array(
        [_oof_hate(t, p_h[i], pm_h[i], *anti.get(t, (0.0, 0.0)), model).score >= 0.5 for i, t in enumerate(texts)]
    )
    out: dict[str, dict[str, float]] = {}
    for source in sorted(set(src)):
        m = src == source
        if not (y[m] == 1).any():
            continue  # assumed negatives (news sentences): see stage_on_news
        out[source] = {"n": int(m.sum()), **_prf(pred[m], y[m])}
        o, head = out[source], scores["hate"]["by_source"][source]
        print(
            f"stage hate on {source:<14} n={o['n']:>6}  P={o['precision']:.3f} R={o['recall']:.3f} F1={o['f1']:.3f}   "
            f"(hate head alone: P={head['precision']:.3f} R={head['recall']:.3f} F1={head['f1']:.3f})"
        )
    return out


def _functional_results(cases: list[dict]) -> dict[str, tuple[int, int]]:
    """Per functionality of one set: (passed, total). A case passes when each label it names is given (score 0.5
    or more) or not, as expected, and its hate target where it names one; a reply is judged after its parent, one
    batch per functionality (as tests/moderation_cases.py runs them)."""
    from newssift.moderation.stage import judge

    groups: dict[str, list[dict]] = {}
    for case in cases:
        groups.setdefault(case["functionality"], []).append(case)
    out: dict[str, tuple[int, int]] = {}
    for func, group in groups.items():
        texts: list[str] = []
        parents: list[int | None] = []
        slots: list[int] = []  # where each case's own comment is
        for case in group:
            if case.get("parent") is not None:
                texts.append(case["parent"])
                parents.append(None)
            parents.append(len(texts) - 1 if case.get("parent") is not None else None)
            texts.append(case["text"])
            slots.append(len(texts) - 1)
        judged = judge(texts, parents)
        verdicts = [judged[i] for i in slots]
        passed = 0
        for case, verdict in zip(group, verdicts, strict=True):
            scores = verdict.scores()
            expect = {case["label"]: case["expected"], **case.get("also", {})}
            ok = all((scores.get(label, 0.0) >= 0.5) == want for label, want in expect.items())
            if ok and case.get("target") is not None:
                hate = next((lab for lab in verdict.labels if lab.label == "hate"), None)
                ok = hate is not None and hate.target == case["target"]
            passed += ok
        out[func] = (passed, len(group))
    return out


def suites() -> dict[str, dict[str, float]]:
    """Accuracy per functionality of each set in tests/data/moderation-cases.jsonl (read here, not imported from
    tests/). The first holdout is reported as "holdout", as before the sets moved to that file."""
    sets: dict[str, list[dict]] = {}
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip():
            case = json.loads(line)
            sets.setdefault(case["set"], []).append(case)
    out: dict[str, dict[str, float]] = {}
    for set_name, cases in sets.items():
        name = "holdout" if set_name == "holdout1" else set_name
        res = _functional_results(cases)
        total = sum(n for _ok, n in res.values())
        passed = sum(ok for ok, _n in res.values())
        print(f"functional {name}: {passed}/{total} cases ({passed / total:.3f})")
        for func, (ok, n) in res.items():
            print(f"    {ok / n:.2f}  {ok:>3}/{n:<3} {func}")
        out[name] = {func: ok / n for func, (ok, n) in res.items()}
    return out


def stage_on_news(scores: dict) -> dict[str, float]:
    """How often the whole stage flags sentences of published news articles (the assumed negatives of
    train.data.news_sentences) as hate, violence, conspiracy or spam, with out-of-fold heads as in stage_on_isca: news
    prose names groups and reports violence, and a comment that quotes it must not be flagged for that."""
    from newssift.moderation.model import get_model
    from newssift.moderation.stage import _judge_one, _names_a_group

    heads = ("hate", "antisemitism", "violence", "conspiracy")
    oof: dict[str, dict[str, tuple[float, float]]] = {}
    for head in heads:
        texts, _y, src, p, pm = scores[head]["oof"]
        for t, s, p_, pm_ in zip(texts, src, p, pm, strict=True):
            if s.startswith("news"):
                oof.setdefault(t, {})[head] = (float(p_), float(pm_))
    model = get_model()
    flagged = dict.fromkeys(("hate", "violence", "conspiracy", "spam"), 0)  # spam: rules only
    for text, by_head in oof.items():
        probs = {h: v[0] for h, v in by_head.items()}
        masked = {h: v[1] for h, v in by_head.items()} if _names_a_group(text) else None
        acc = _judge_one(text, probs, masked, model)
        for label in flagged:
            flagged[label] += acc[label].score >= 0.5
    out = {"n": len(oof), **{f"{label}_flagged": n / max(1, len(oof)) for label, n in flagged.items()}}
    print(
        f"news sentences (assumed negative, n={len(oof)}) flagged by the whole stage at 0.5: "
        + ", ".join(f"{label} {n} ({n / max(1, len(oof)):.2%})" for label, n in flagged.items())
    )
    return out


def main() -> None:
    result: dict[str, object] = {}
    # first, so that peak memory is the moderation stage's own, not the cross-validation's
    result["speed"] = speed()
    if "--speed" not in sys.argv:
        from train.moderation import cross_validate

        scores, _coefs, _intercepts = cross_validate(verbose=True, keep_oof=True)
        result["cross_validation"] = {h: {k: v for k, v in rep.items() if k != "oof"} for h, rep in scores.items()}
        result["isca_stage"] = stage_on_isca(scores)
        result["stage_hate_by_source"] = stage_hate_by_source(scores)
        result["stage_on_news"] = stage_on_news(scores)
        result["functional"] = suites()
    RESULTS.parent.mkdir(exist_ok=True)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    previous.update(result)
    RESULTS.write_text(json.dumps(previous, indent=2) + "\n")


if __name__ == "__main__":
    main()
