"""The moderation encoder on data it was not trained on, next to the stage as it was before it (git 52a6bc0).

    git worktree add /tmp/base 52a6bc0     (optional: the stage before, run from there; without it, this tree with
                                            the encoder off, the same code path)
    .venv/bin/python bench/moderation_encoder.py [--base /tmp/base] [--per-source 300] [--speed-only] [--speed-runs 5]

Splits (train/moderation_encoder.py): DynaHate test and HatemojiBuild validation and test (never trained on), and
the seeded 10% validation split of every training source (at most --per-source texts each; the encoder's
thresholds were chosen on a sample of that split, so its figures there are not blind; the held-out splits are).
Today's stage was trained on DynaHate dev *and test*, HateXplain, Implicit Hate, ETHOS, ISCA, PAN 2024, PRCT and
news sentences, all of them whole: its figures on those texts are in-sample (flagged ``base_saw_it``).

1. Hate F1 (label hate at >= 0.5): the encoder alone (calibrated score), the whole new stage, today's stage.
2. Accuracy by functional type: HatemojiBuild's and DynaHate's ``type``.
3. News false positives: sentences of published news in the validation split flagged hate, violence,
   conspiracy or spam at >= 0.5 by each stage.
4. Speed on one thread, one CPU: HateXplain posts through the whole new stage in batches of 32 (comments/s), one
   comment a call (p50 ms), and peak memory (max RSS).
Writes bench/results/moderation-encoder.json.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ.setdefault("NEWSSIFT_ENCODER_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import cpu_name  # noqa: E402
from train.data import Example  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "moderation-encoder.json"
LABELS = ("hate", "violence", "conspiracy", "spam")
BASE_TRAINED_ON = {"dynahate", "hatexplain", "implicit_hate", "ethos", "isca", "pan2024", "prct", "news"}
_BASE_SCRIPT = """
import json, sys
import newssift
assert newssift.__file__.startswith(sys.argv[1]), newssift.__file__
from newssift.moderation.stage import judge
texts = json.load(sys.stdin)
out = []
for i in range(0, len(texts), 500):
    out += [v.scores() for v in judge(texts[i : i + 500])]
json.dump(out, sys.stdout)
"""


def base_scores(texts: list[str], base: Path) -> list[dict[str, float]]:
    """Today's stage (the code in *base*) on *texts*, in a child process that imports newssift from there."""
    env = {**os.environ, "PYTHONPATH": str(base)}
    # run from *base*: with `-c` the working directory comes first on sys.path, before PYTHONPATH
    run = subprocess.run(
        [sys.executable, "-c", _BASE_SCRIPT, str(base)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        env=env,
        cwd=base,
    )
    if run.returncode != 0:
        raise SystemExit(f"today's stage failed in {base}: {run.stderr.strip().splitlines()[-1:]}")
    return list(json.loads(run.stdout))


def heads_scores(texts: list[str]) -> list[dict[str, float]]:
    """The stage with the encoder off (its linear heads, masking and target caps: the stage before the encoder),
    in this process."""
    from newssift.moderation.stage import judge

    return [v.scores() for i in range(0, len(texts), 500) for v in judge(texts[i : i + 500], use_encoder=False)]


def new_scores(texts: list[str]) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """(encoder alone: calibrated scores, whole new stage: label scores) for *texts*."""
    from newssift.moderation.encoder import encoder_scores, get_moderation_encoder
    from newssift.moderation.model import get_model
    from newssift.moderation.normalise import normalise
    from newssift.moderation.policy import load_policy
    from newssift.moderation.stage import _judge_one, _verdict

    encoder = get_moderation_encoder()
    if encoder is None:
        raise SystemExit("no moderation encoder installed (newssift/data/moderation/encoder.onnx); run `make train`")
    texts = [normalise(t).text for t in texts]  # judge() reads the texts normalised (obfuscation undone)
    enc, _targets = encoder_scores(texts, encoder)
    # what judge() does for comments without a parent, with the encoder's scores computed once for both figures
    model, policy = get_model(), load_policy()
    probs = model.predict(texts)
    stage = []
    for i, text in enumerate(texts):
        acc = _judge_one(text, {h: float(p[i]) for h, p in probs.items()}, None, model, enc[i])
        stage.append(_verdict(acc, policy).scores())
    return enc, stage


def prf(y: list[int], pred: list[bool]) -> dict[str, float]:
    tp = sum(1 for a, b in zip(y, pred) if a and b)
    fp = sum(1 for a, b in zip(y, pred) if not a and b)
    fn = sum(1 for a, b in zip(y, pred) if a and not b)
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    acc = sum(1 for a, b in zip(y, pred) if bool(a) == b) / max(len(y), 1)
    return {"n": len(y), "precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / max(p + r, 1e-9), 4),
            "accuracy": round(acc, 4)}  # fmt: skip


def sets(per_source: int) -> dict[str, list[Example]]:
    from train.moderation_encoder import held_out, split_sources

    out = held_out()
    _train, valid = split_sources()
    by_source: dict[str, list[Example]] = defaultdict(list)
    for ex in valid:
        by_source[ex.source].append(ex)
    rng = random.Random(0)
    for source, exs in sorted(by_source.items()):
        out[f"valid:{source}"] = exs if len(exs) <= per_source else rng.sample(exs, per_source)
    return out


def hate_report(exs: list[Example], scored: dict[str, list[dict[str, float]]]) -> dict[str, object]:
    keep = [i for i, ex in enumerate(exs) if "hate" in ex.labels]
    y = [exs[i].labels["hate"] for i in keep]
    out: dict[str, object] = {}
    for who, rows in scored.items():
        out[who] = prf(y, [rows[i].get("hate", 0.0) >= 0.5 for i in keep])
    if "encoder" in scored and 0 < sum(y) < len(y):
        from sklearn.metrics import roc_auc_score

        # the encoder's ranking, apart from any threshold (its calibration to 0.5 is monotone)
        out["encoder_roc_auc"] = round(
            float(roc_auc_score(y, [scored["encoder"][i].get("hate", 0.0) for i in keep])), 4
        )
    return out


def by_type(exs: list[Example], scored: dict[str, list[dict[str, float]]]) -> dict[str, dict[str, object]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, ex in enumerate(exs):
        groups[str(ex.meta.get("type", "?"))].append(i)
    out: dict[str, dict[str, object]] = {}
    for kind, idx in sorted(groups.items()):
        row: dict[str, object] = {"n": len(idx), "hateful": sum(exs[i].labels["hate"] for i in idx)}
        for who, rows in scored.items():
            right = sum(1 for i in idx if (rows[i].get("hate", 0.0) >= 0.5) == bool(exs[i].labels["hate"]))
            row[who] = round(right / len(idx), 4)
        out[kind] = row
    return out


def news_report(exs: list[Example], scored: dict[str, list[dict[str, float]]]) -> dict[str, object]:
    out: dict[str, object] = {"n": len(exs)}
    for who, rows in scored.items():
        if who == "encoder":
            continue
        out[who] = {lab: sum(1 for r in rows if r.get(lab, 0.0) >= 0.5) for lab in LABELS}
    return out


def head_report(exs: list[Example], enc: list[dict[str, float]]) -> dict[str, object]:
    """Every labelled head of the encoder alone (its own F1 at its calibrated 0.5)."""
    out: dict[str, object] = {}
    for head in ("violence", "conspiracy", "spam", "offensive", "antisemitism"):
        keep = [i for i, ex in enumerate(exs) if head in ex.labels]
        if keep and any(exs[i].labels[head] for i in keep):
            out[head] = prf([exs[i].labels[head] for i in keep], [enc[i].get(head, 0.0) >= 0.5 for i in keep])
    return out


def quality(base: Path | None, per_source: int, limit: int | None = None) -> dict[str, object]:
    result: dict[str, object] = {}
    for name, exs in sets(per_source).items():
        exs = exs[:limit] if limit else exs
        texts = [ex.text for ex in exs]
        t0 = time.perf_counter()
        enc, stage = new_scores(texts)
        scored = {"encoder": enc, "stage": stage}
        scored["today"] = base_scores(texts, base) if base is not None else heads_scores(texts)
        source = name.split(":", 1)[-1]
        row: dict[str, object] = {"base_saw_it": source in BASE_TRAINED_ON or name == "dynahate_test"}
        if source == "news":
            row["news_flagged_at_0.5"] = news_report(exs, scored)
        else:
            row["hate"] = hate_report(exs, scored)
            row["heads"] = head_report(exs, enc)
        if name in ("dynahate_test", "hatemoji_test", "hatemoji_validation"):
            row["by_type"] = by_type(exs, scored)
        result[name] = row
        print(f"{name} ({len(exs)} texts, {time.perf_counter() - t0:.0f} s): {json.dumps(row.get('hate') or row)}")
        sys.stdout.flush()
    return result


def speed(n: int = 1000, singles: int = 200, run: int = 0) -> dict[str, float | int]:
    """The whole stage on *n* HateXplain posts in batches of 32, then *singles* posts one a call. Run *run* reads
    its own slice of the posts, so that a run does not find the words of the one before in the stage's caches."""
    from newssift.moderation.stage import judge
    from train.data import hatexplain

    load = os.getloadavg()[0]
    cpus = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    if cpus:
        os.sched_setaffinity(0, {min(cpus)})
    posts = [ex.text for ex in hatexplain()]
    start = (run * (n + singles)) % max(1, len(posts) - n - singles)
    texts, later = posts[start : start + n], posts[start + n : start + n + singles]
    judge(posts[-64:])  # warm up (loads the heads and the encoder) on posts no run reads first
    t0 = time.perf_counter()
    for i in range(0, len(texts), 32):
        judge(texts[i : i + 32])
    dt = time.perf_counter() - t0
    times = []
    for text in later:
        t1 = time.perf_counter()
        judge([text])
        times.append((time.perf_counter() - t1) * 1000)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if cpus:
        os.sched_setaffinity(0, cpus)
    out = {
        "comments": len(texts),
        "first_post": start,
        "comments_per_second": round(len(texts) / dt, 1),
        "one_at_a_time_p50_ms": round(statistics.median(times), 2),
        "one_at_a_time_p90_ms": round(sorted(times)[int(0.9 * len(times))], 2),
        "peak_rss_mib": round(rss, 1),
        "load_average_at_start": load,
    }
    print(f"speed (one thread, one CPU, shared machine): {json.dumps(out)}")
    return out


def speeds(runs: int, limit: int | None) -> dict[str, object]:
    """``speed`` *runs* times, each on its own slice of the posts, after one run thrown away when *runs* > 1 (the
    first run of a process is slower: caches, the allocator): the median of the runs' comments/s and of their p50s
    (the lower middle one when *runs* is even), every kept run's figures, and the CPU. This machine's speed drifts
    from minute to minute by more than a change may gain, so one run is not a figure."""
    n, singles = (limit, limit) if limit else (1000, 200)
    if runs > 1:
        speed(n, singles, run=0)  # thrown away
    done = [speed(n, singles, run=i + 1) for i in range(max(1, runs))]

    def middle(key: str) -> float:
        return float(sorted(r[key] for r in done)[(len(done) - 1) // 2])

    return {
        "comments": done[0]["comments"],
        "comments_per_second": middle("comments_per_second"),
        "one_at_a_time_p50_ms": middle("one_at_a_time_p50_ms"),
        "one_at_a_time_p90_ms": middle("one_at_a_time_p90_ms"),
        "peak_rss_mib": max(r["peak_rss_mib"] for r in done),
        "load_average_at_start": done[0]["load_average_at_start"],
        "runs": len(done),
        "comments_per_second_by_run": [r["comments_per_second"] for r in done],
        "one_at_a_time_p50_ms_by_run": [r["one_at_a_time_p50_ms"] for r in done],
        "first_post_by_run": [r["first_post"] for r in done],
        "cpu": cpu_name(),
    }


def _f1s(row: dict[str, object]) -> str:
    hate = row.get("hate")
    if not isinstance(hate, dict):
        return ""
    cells = [f"{hate[w]['f1']:.3f}" if w in hate else "-" for w in ("encoder", "stage", "today")]
    return " | ".join(cells)


def card_text(result: dict[str, object]) -> str:
    """The held-out figures for the model card (train.moderation_encoder.update_card)."""
    quality = result.get("quality")
    sp = result["speed"]
    assert isinstance(sp, dict)
    lines = [
        "Hate F1 at 0.5 (`bench/moderation_encoder.py`): the encoder alone, the whole stage with it, and the stage",
        "before it (git 52a6bc0). * = the stage before was trained on these texts (in-sample for it).",
        "Rows `valid:` are the training sources' validation split, where the encoder's thresholds were chosen.",
        "",
        "| split | n | encoder | stage | stage before |",
        "|---|---|---|---|---|",
    ]
    weak: list[str] = []
    news_lines: list[str] = []
    for name, row in (quality or {}).items() if isinstance(quality, dict) else []:
        if "hate" in row:
            n = row["hate"]["encoder"]["n"]
            if n:
                lines.append(f"| {name}{' *' if row['base_saw_it'] else ''} | {n} | {_f1s(row)} |")
        for kind, t in (row.get("by_type") or {}).items():
            weak.append(f"{name} {kind}: stage {t['stage']:.0%} right of {t['n']} (before: {t.get('today', 0):.0%})")
        if "news_flagged_at_0.5" in row:
            news = row["news_flagged_at_0.5"]
            news_lines.append(f"News sentences (validation split, n={news['n']}) flagged at 0.5: {json.dumps(news)}")
    lines += [
        "",
        *news_lines,
        "",
        f"Speed, one thread on one CPU ({sp.get('cpu', 'unknown')}) of a shared 2-core machine (load "
        f"{sp['load_average_at_start']:.1f}; the median of {sp.get('runs', 1)} runs): "
        f"{sp['comments_per_second']} comments/s through the whole stage (HateXplain, batches of 32); one comment a "
        f"call p50 {sp['one_at_a_time_p50_ms']} ms; peak memory {sp['peak_rss_mib']} MiB.",
        "",
        "Accuracy by functional type (held-out splits):",
        "",
        *[f"- {w}" for w in weak],
        "",
        "What it still gets wrong: non-hateful text that names a group (the `none` types above). The encoder reads",
        "a group name as evidence of hate: neutral and positive statements, negated hate and counter-speech that",
        "quotes hate to reject it often score as hate. The stage no longer holds the encoder's score down by masking",
        "group names or by 'hate needs a target'; it damps it only for counter-speech, slurs or tropes only mentioned,",
        "and a group named to identify with it ('I am Jewish'). Negation and praise-word caps were measured and left",
        "out: they cost more on the held-out splits than they gained (see 'Context caps' above the held-out block).",
        "Its recall on hateful text is high (DynaHate, HatemojiBuild) and its precision is not. The violence and",
        "antisemitism heads are weak (validation F1 in the training block); the antisemitism head counts only where",
        "Jews or Israel are named.",
    ]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=Path, default=Path("/tmp/base"))
    ap.add_argument("--per-source", type=int, default=300)
    ap.add_argument("--speed-only", action="store_true")
    ap.add_argument(
        "--speed-runs", type=int, default=5, help="runs of the speed figure (after one thrown away if more than one)"
    )
    ap.add_argument("--limit", type=int, help="at most this many texts of each set (a quick check of the bench)")
    ap.add_argument("--out", type=Path, default=RESULTS, help="results file (another one leaves the model card alone)")
    args = ap.parse_args()
    out: Path = args.out
    result: dict[str, object] = json.loads(out.read_text()) if args.speed_only and out.exists() else {}
    result["encoder"] = os.environ.get("NEWSSIFT_MODERATION_ENCODER") or "shipped"
    result["speed"] = speeds(args.speed_runs, args.limit)
    if not args.speed_only:
        base = args.base if (args.base / "newssift").is_dir() else None
        if base is None:
            print(f"{args.base} has no worktree of 52a6bc0: the stage before is this tree's with the encoder off")
        result["quality"] = quality(base, args.per_source, args.limit)
        result["leave_one_dataset_out"] = "bench/moderation_lodo.py (bench/results/moderation-lodo.json)"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    if not args.limit and "quality" in result and out == RESULTS:
        from train.moderation_encoder import update_card

        update_card("held-out", card_text(result))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
