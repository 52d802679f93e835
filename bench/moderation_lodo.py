"""Leave-one-dataset-out (LODO) figures for the moderation encoder's hate head, beside in-distribution ones, at a
reduced training budget (issue 37).

    .venv/bin/python bench/moderation_lodo.py [--n 3200] [--test 800] [--datasets dynahate,hatemoji,...] [--layers K]
    .venv/bin/python bench/moderation_lodo.py --stage-before     (adds the stage before the encoder; minutes)

``--layers K`` trains both arms with the first K of the six layers (train/moderation_encoder.py ``--layers``) and
writes bench/results/moderation-lodo-Klayers.json, to compare a smaller encoder with the six-layer figures.
``--distil K [--texts N]`` keeps the six-layer LODO arm as a teacher and distils a K-layer student from it on its
sample plus unlabelled texts without D, N / 21,779 times the sample in all (N: the texts the shipped-size student
read, train/moderation_distil.py ``--texts``); writes moderation-lodo-distilK[-Ntexts].json.

Protocol (a reduced-budget stand-in, NOT the shipped model retrained 10 times: the full recipe is ~22k examples and
retraining it once per dataset does not fit a shared CPU). For each hate-labelled dataset D of a list fixed before
any result (``DATASETS``):

* D's test texts: DynaHate's test split and HatemojiBuild's test split (held out of the shipped model), else D's
  seeded 10% validation split (``in_validation``); at most ``--test`` of them, a seeded sample.
* Training pool: the shipped recipe's training set (``split_sources()``: every source's 90% split, capped by
  ``CAPS``), minus any text equal (case-folded) to one of D's test texts (sources overlap, e.g. Gab posts in
  HateXplain).
* LODO: a stratified sample (by source, in proportion to the pool) of ``--n`` examples from the pool without D.
* In-distribution ("CV-like"): the same budget, stratified over the pool *with* D (D at its share of the shipped
  recipe), tested on the same texts.
* Both: ``train()`` of train/moderation_encoder.py unchanged (one epoch, batch 32, lr 3e-5 / heads 1e-3, frozen
  word embeddings, adversarial weight 2.5 times the recipe's ``adversarial_factor``, training seed
  ``--train-seed``, default 0), on one thread; scored in float32 torch, 64 pieces.
* Threshold: the hate threshold with the best F1 on the training sources' validation split (hate-labelled texts, at
  most ``VALIDATION_SCORED`` a source, D's test texts removed): without D for LODO, with D for in-distribution.
  Nothing is chosen on the test texts.
* The shipped model (newssift/data/moderation/encoder.onnx, int8, windows as the stage reads them) on the same test
  texts, at 0.5 and at its shipped threshold. It was trained on every dataset in the list (on DynaHate dev and
  HatemojiBuild train for those two), so its figure is in-distribution everywhere (``shipped_trained_on_d``).

``--stage-before`` adds, without training, the stage as it was before the encoder (the same code with the encoder
off: linear heads, masking and target caps, rules) on the same test texts, hate at 0.5, to the results file: the
issue's "current stage on the same splits". Its heads were trained on DynaHate (dev and test), ETHOS, HateXplain,
Implicit Hate and ISCA (``trained_on_d``), so on those its figure is in-sample; for those it also adds the stage
before with its heads refitted without D (``stage_before_lodo``: train/moderation.py's recipe on its data less D),
the stage before left out of D as the LODO arm is (about five minutes a dataset).

``--n`` at least the pool's size (e.g. ``--n 100000``) trains each arm on the whole recipe without D: the shipped
recipe left out of D, at full budget (about eight minutes an arm on one thread); with ``--lodo-only`` no
in-distribution arm (the shipped model stands for it). ``--recipe prior`` trains a recipe variant
(train/moderation_encoder.py ``RECIPES``).

Writes its results file (``results_file``: bench/results/moderation-lodo.json for the shipped recipe at a reduced
budget, -full at full budget, and so on) after each dataset (``complete`` false until the last) and prints a table.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402
from unittest.mock import patch  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import code_version  # noqa: E402
from bench.lodo_gate import DATASETS  # noqa: E402
from train.data import Example  # noqa: E402
from train.moderation_distil import TEXTS  # noqa: E402
from train.moderation_encoder import (  # noqa: E402
    HATE,
    OUT,
    RECIPES,
    SEED,
    SOURCES,
    VALIDATION_SCORED,
    _per_source,
    build_model,
    choose_thresholds,
    f1,
    held_out,
    in_validation,
    logits,
    set_layers,
    set_recipe,
    set_train_seed,
    split_sources,
    tokenizer,
    train,
)

RESULTS = Path(__file__).resolve().parent / "results" / "moderation-lodo.json"
WORK = Path("/tmp/moderation-lodo")
HELD_OUT_TEST = {"dynahate": "dynahate_test", "hatemoji": "hatemoji_test"}


def _work() -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    return WORK


@contextmanager
def _one_thread() -> Iterator[None]:
    """Run ``train()`` (which asks torch for two threads) on one, leaving the other core to other work."""
    import torch

    real = torch.set_num_threads
    real(1)
    setattr(torch, "set_num_threads", lambda _n: real(1))  # noqa: B010
    try:
        yield
    finally:
        setattr(torch, "set_num_threads", real)  # noqa: B010


def stratified(pool: list[Example], n: int, seed: int) -> list[Example]:
    """*n* examples of *pool*, each source's share in proportion to its size (largest remainder), seeded."""
    by: dict[str, list[Example]] = {}
    for ex in pool:
        by.setdefault(ex.source, []).append(ex)
    if n >= len(pool):
        return list(pool)
    exact = {s: n * len(v) / len(pool) for s, v in by.items()}
    quota = {s: int(q) for s, q in exact.items()}
    for s in sorted(exact, key=lambda s: (quota[s] - exact[s], s))[: n - sum(quota.values())]:
        quota[s] += 1
    rng = random.Random(seed)
    out: list[Example] = []
    for s in sorted(by):
        out += rng.sample(by[s], quota[s])
    rng.shuffle(out)
    return out


def predict(net: Any, texts: list[str], batch: int = 64) -> np.ndarray:
    """(texts, heads) probabilities from a torch model, 64 pieces (as trained), in batches of similar length."""
    import torch

    enc = [e.ids for e in tokenizer().encode_batch(texts)]
    return np.asarray(torch.sigmoid(torch.from_numpy(logits(net, enc, batch))).numpy())


def auc(y: np.ndarray, p: np.ndarray) -> float | None:
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(y, p)), 4) if 0 < y.sum() < len(y) else None


def scores(y: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, Any]:
    return {
        "f1_at_0.5": round(f1(y, p, 0.5), 4),
        "threshold": threshold,
        "f1_at_threshold": round(f1(y, p, threshold), 4),
        "roc_auc": auc(y, p),
        "predicted_positive_rate_at_0.5": round(float((p >= 0.5).mean()), 4),
        "predicted_positive_rate_at_threshold": round(float((p >= threshold).mean()), 4),
    }


def run_arm(
    arm: str,
    d: str,
    sample: list[Example],
    valid: list[Example],
    test: list[Example],
    y: np.ndarray,
    keep: bool = False,
    stage: bool = False,
    work: Path | None = None,
) -> dict[str, Any]:
    """Train an arm (``LAYERS`` layers) in *work* (default a new folder under WORK, so that runs side by side never
    share one) and score it, and with *stage* the whole stage with it as its encoder (``stage_arm``); its checkpoint
    is removed unless *keep*."""
    work = work or Path(tempfile.mkdtemp(prefix=f"{d}-{arm}-", dir=_work()))
    t0 = time.time()
    with _one_thread():
        ckpt = train(sample, work, log_every=25)
    out = score_checkpoint(ckpt, None, sample, valid, test, y, time.time() - t0)
    if stage:
        out["stage"] = stage_arm(d, ckpt, sample, valid, test, y)
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    print(f"  {arm}: {json.dumps({k: v for k, v in out.items() if k not in ('train_by_source', 'validation')})}",
          flush=True)  # fmt: skip
    return out


def stage_arm(
    d: str, ckpt: Path, sample: list[Example], valid: list[Example], test: list[Example], y: np.ndarray
) -> dict[str, Any]:
    """The whole stage (encoder, heads, rules) with the LODO arm's checkpoint as its encoder, exported as the
    shipped one is (``export``: int8) and given thresholds by ``finish`` on *valid* (the hate-labelled validation
    texts without D, so a head with no labels there keeps 0.5), hate at 0.5 on D's test texts: the new stage left
    out of D. Its linear heads are the shipped ones (with the encoder on they give evidence spans, not the hate
    score)."""
    from bench.moderation_encoder import new_scores
    from newssift.moderation.encoder import ENV
    from train.moderation_encoder import export, finish

    folder = Path(tempfile.mkdtemp(prefix=f"{d}-stage-", dir=_work()))  # a new folder: the caches key on the path
    graph = export(ckpt, folder)
    finish(graph, valid, Counter(ex.source for ex in sample), folder, "a LODO arm (bench/moderation_lodo.py)")
    with patch.dict(os.environ, {ENV: str(folder)}):
        p = np.array([sc.get("hate", 0.0) for sc in new_scores([ex.text for ex in test])[1]], dtype=np.float32)
    shutil.rmtree(folder, ignore_errors=True)
    return _at_half(y, p)


def score_checkpoint(
    ckpt: Path,
    layers: int | None,
    sample: list[Example],
    valid: list[Example],
    test: list[Example],
    y: np.ndarray,
    train_s: float,
) -> dict[str, Any]:
    """Hate figures of a checkpoint on D's test texts, at the threshold chosen on *valid*."""
    import torch

    net = build_model(layers)
    net.load_state_dict(torch.load(ckpt, map_location="cpu"))
    vprobs = predict(net, [ex.text for ex in valid])
    chosen = choose_thresholds(valid, vprobs).get("hate", {})
    threshold = float(chosen.get("threshold", 0.5))
    p = predict(net, [ex.text for ex in test])[:, HATE]
    return {
        "train_examples": len(sample),
        "train_by_source": dict(sorted(Counter(ex.source for ex in sample).items())),
        "train_seconds": round(train_s, 1),
        "validation": {
            "n": len(valid),
            "by_source": dict(sorted(Counter(ex.source for ex in valid).items())),
            "hate_f1_at_threshold": chosen.get("f1"),
        },
        **scores(y, p, threshold),
    }


def distil_arms(
    d: str, layers: int, ratio: float, sample: list[Example], extra_pool: list[Example], valid: list[Example],
    test: list[Example], y: np.ndarray,
) -> dict[str, Any]:  # fmt: skip
    """The six-layer LODO arm (the teacher, kept) and a *layers*-layer student distilled from it
    (train/moderation_distil.py) on the sample plus unlabelled texts without D: *ratio* times the sample in all, as
    the shipped distillation reads TEXTS texts for the recipe's labelled ones."""
    from train.moderation_distil import distil

    work = Path(tempfile.mkdtemp(prefix=f"{d}-teacher-", dir=_work()))
    teacher = run_arm("teacher", d, sample, valid, test, y, keep=True, work=work)
    have = {ex.text.lower() for ex in sample}
    extra = stratified([ex for ex in extra_pool if ex.text.lower() not in have], round(len(sample) * (ratio - 1)), SEED)
    pool = sample + [Example(ex.text, {}, ex.source, ex.meta) for ex in extra]
    t0 = time.time()
    with _one_thread():
        ckpt = distil(work / "ckpt-final.pt", layers, pool, work)
    student = score_checkpoint(ckpt, layers, pool, valid, test, y, time.time() - t0)
    shutil.rmtree(work, ignore_errors=True)
    print(f"  student: {json.dumps({k: v for k, v in student.items() if k not in ('train_by_source', 'validation')})}",
          flush=True)  # fmt: skip
    return {"lodo": teacher, "lodo_student": student}


def dataset_test_rows(d: str, held: dict[str, list[Example]], most: int) -> tuple[list[Example], str]:
    """D's test texts (hate-labelled): its held-out test split, else a seeded sample of its validation split; at
    most *most* of them. And the split's name."""
    if d in HELD_OUT_TEST:
        rows, split = held[HELD_OUT_TEST[d]], HELD_OUT_TEST[d]
    else:
        rows = [ex for ex in SOURCES[d][0]() if ex.text and in_validation(ex)]
        split = "validation split (seeded 10%)"
    rows = [ex for ex in rows if "hate" in ex.labels]
    rng = random.Random(SEED)
    return (rows if len(rows) <= most else rng.sample(rows, most)), split


def _at_half(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    """A stage's hate F1 and share flagged at 0.5. No ROC-AUC: a verdict reports a label only from 0.3 up, so most
    texts score 0 and a ranking of the stage's scores would mean little."""
    full = scores(y, p, 0.5)
    return {k: full[k] for k in ("f1_at_0.5", "predicted_positive_rate_at_0.5")}


def _before_stage(texts: list[str], y: np.ndarray) -> dict[str, Any]:
    """The stage with the encoder off (``judge(use_encoder=False)``) on *texts*: hate F1 and share flagged at 0.5
    (``_at_half``), and where its hate verdicts at 0.5 come from: ``rules`` (a slur, trope or derogation rule gave the
    score) or ``heads`` (the linear heads: reason "model: ..."), each with how many are right."""
    from newssift.moderation.stage import judge

    found = [
        next(((lab.score, lab.reason) for lab in v.labels if lab.label == "hate"), (0.0, ""))
        for i in range(0, len(texts), 500)
        for v in judge(texts[i : i + 500], use_encoder=False)
    ]
    p = np.array([score for score, _why in found], dtype=np.float32)
    by: dict[str, int] = dict.fromkeys(("rules", "rules_right", "heads", "heads_right"), 0)
    for (score, why), label in zip(found, y, strict=True):
        if score >= 0.5:
            kind = "heads" if why.startswith("model") else "rules"
            by[kind] += 1
            by[f"{kind}_right"] += int(label)
    return {**_at_half(y, p), "verdicts_at_0.5_from": by}


def stage_before(doc: dict[str, Any], command: str) -> None:
    """Add to each dataset of *doc* the stage before the encoder (``judge(use_encoder=False)``: the linear heads,
    their masking and target caps, and the rules) on the same test texts, its hate score at 0.5, and whether its
    heads were trained on D (the sources of their cross-validation, newssift/data/moderation/cv-scores.json); and
    the whole stage as it ships (encoder, heads and rules; trained on D as ``shipped`` is)."""
    from bench.moderation_encoder import new_scores

    cv = json.loads((OUT / "cv-scores.json").read_text(encoding="utf-8"))
    trained = {name.split(" ")[0] for name in cv["hate"]["by_source"]}
    held = held_out()
    for d, r in doc["results"].items():
        test, _split = dataset_test_rows(d, held, doc["test_max"])
        y = np.array([ex.labels["hate"] for ex in test], dtype=np.float32)
        if len(test) != r["test_n"] or int(y.sum()) != r["test_positives"]:
            raise SystemExit(f"{d}: the test texts differ from those of the run ({len(test)} texts)")
        texts = [ex.text for ex in test]
        r["stage_before"] = {**_before_stage(texts, y), "trained_on_d": d in trained}
        now = np.array([sc.get("hate", 0.0) for sc in new_scores(texts)[1]], dtype=np.float32)
        r["stage_now"] = _at_half(y, now)
        print(f"  {d}: stage before {json.dumps(r['stage_before'])}; now {json.dumps(r['stage_now'])}", flush=True)
    doc["stage_before_run"] = {
        "command": command,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "code": code_version(),
    }


def heads_without(d: str, model_dir: Path) -> None:
    """The stage before's linear heads refitted by train/moderation.py's recipe (``cross_validate``: cross-validated
    Platt scaling, then a final fit) on its training data without dataset *d* (nor the assumed negatives drawn from
    *d*'s texts), into *model_dir*: a copy of the shipped folder with those heads."""
    from train.data import load_all
    from train.moderation import cross_validate

    shutil.rmtree(model_dir, ignore_errors=True)
    shutil.copytree(OUT, model_dir, ignore=shutil.ignore_patterns("encoder.onnx"))
    examples = [ex for ex in load_all() if ex.source.split(" ")[0] != d]
    _scores, coefs, intercepts = cross_validate(verbose=False, examples=examples)
    np.savez_compressed(model_dir / "heads.npz", **{k: v.astype(np.float16) for k, v in coefs.items()})  # type: ignore[arg-type]
    meta = json.loads((OUT / "heads.json").read_text(encoding="utf-8"))
    (model_dir / "heads.json").write_text(json.dumps({**meta, "intercepts": intercepts}), encoding="utf-8")


def stage_before_lodo(doc: dict[str, Any]) -> None:
    """Where the stage before's heads were trained on D (``trained_on_d``), the same stage with its heads refitted
    without D (``heads_without``), on the same test texts: the stage before, left out of D as the LODO arm is."""
    held = held_out()
    for d, r in doc["results"].items():
        if not r.get("stage_before", {}).get("trained_on_d"):
            continue
        t0 = time.time()
        model_dir = Path(tempfile.mkdtemp(prefix=f"heads-without-{d}-", dir=_work()))
        heads_without(d, model_dir)
        test, _split = dataset_test_rows(d, held, doc["test_max"])
        y = np.array([ex.labels["hate"] for ex in test], dtype=np.float32)
        with patch.dict(os.environ, {"NEWSSIFT_MODERATION_MODEL": str(model_dir)}):
            r["stage_before_lodo"] = _before_stage([ex.text for ex in test], y)
        shutil.rmtree(model_dir, ignore_errors=True)
        print(f"  {d}: stage before, heads without D {json.dumps(r['stage_before_lodo'])} ({time.time() - t0:.0f} s)",
              flush=True)  # fmt: skip


def table(results: dict[str, Any]) -> str:
    """Hate head on D's test texts: F1 at 0.5, F1 at the validation-chosen threshold (thr), ROC-AUC, and the share
    predicted positive at the threshold, for LODO, in-distribution and the shipped model; where the results have
    them, the stages' hate F1 at 0.5: before the encoder (and with its heads refitted without D), the shipped
    stage, and the stage with the LODO arm as its encoder (``--stage``)."""
    rows = [
        "| D (test split) | n | pos. | LODO F1@.5 | LODO F1@thr (thr) | LODO AUC | LODO pred+ | in-dist. F1@.5"
        " | in-dist. F1@thr (thr) | in-dist. AUC | in-dist. pred+ | shipped F1@.5 | shipped AUC | shipped pred+ |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for d, r in results.items():
        split = "test" if r["test_split"].endswith("_test") else "val"
        cells = [f"{d} ({split})", str(r["test_n"]), f"{r['test_positive_rate']:.2f}"]
        for arm in ("lodo", "in_distribution", "shipped"):
            a = r.get(arm)
            if a is None:  # --lodo-only
                cells += ["-"] * (3 if arm == "shipped" else 4)
                continue
            cells.append(f"{a['f1_at_0.5']:.3f}")
            if arm != "shipped":
                cells.append(f"{a['f1_at_threshold']:.3f} ({a['threshold']})")
            cells.append("-" if a["roc_auc"] is None else f"{a['roc_auc']:.3f}")
            cells.append(f"{a['predicted_positive_rate_at_threshold']:.2f}")
        before, now = r.get("stage_before"), r.get("stage_now")
        if before and now:
            seen = " (trained on D)" if before["trained_on_d"] else ""
            without = r.get("stage_before_lodo")
            cells += [
                f"{before['f1_at_0.5']:.3f}{seen}",
                f"{without['f1_at_0.5']:.3f}" if without else "(not trained on D)",
                f"{now['f1_at_0.5']:.3f}",
            ]
        if any("stage" in other["lodo"] for other in results.values()):
            stage = r["lodo"].get("stage")
            cells.append(f"{stage['f1_at_0.5']:.3f}" if stage else "-")
        rows.append("| " + " | ".join(cells) + " |")
    if any("stage_now" in r for r in results.values()):
        rows[0] += " stage before F1@.5 | stage before, heads without D | stage now F1@.5 |"
        rows[1] += "---|---|---|"
    if any("stage" in r["lodo"] for r in results.values()):
        rows[0] += " stage without D F1@.5 |"
        rows[1] += "---|"
    return "\n".join(rows)


def distil_table(results: dict[str, Any]) -> str:
    """The six-layer LODO arm against its distilled student on each D: F1 at each one's threshold and ROC-AUC, with
    the mean and the largest drop of F1."""
    rows = [
        "| D (test split) | n | six layers F1@thr | student F1@thr | change | six layers AUC | student AUC |",
        "|---|---|---|---|---|---|---|",
    ]
    changes = []
    for d, r in results.items():
        t, s = r["lodo"], r["lodo_student"]
        change = s["f1_at_threshold"] - t["f1_at_threshold"]
        changes.append(change)
        n = r.get("test_n", "")
        rows.append(
            f"| {d} | {n} | {t['f1_at_threshold']:.3f} | {s['f1_at_threshold']:.3f} | {change:+.3f} "
            f"| {t['roc_auc']:.3f} | {s['roc_auc']:.3f} |"
        )
    if changes:
        rows.append(f"\nmean change {sum(changes) / len(changes):+.4f}, largest drop {min(changes):+.4f}")
    return "\n".join(rows)


FULL_NOTE = (
    "FULL BUDGET: --n is at least the recipe's training set, so each LODO arm trains on the whole recipe without D "
    "(the shipped recipe left out of D; its size is the arm's train_examples), not on a sample. The reduced-budget "
    "protocol below holds otherwise. "
)


def results_file(recipe: str, layers: int, distil: int | None, texts: int, full: bool, train_seed: int = 0) -> Path:
    """bench/results/moderation-lodo[-full][-RECIPE][-distilK[-Ntexts] | -Klayers][-seedN].json: the shipped recipe
    at the reduced budget, six layers, seed 0, writes moderation-lodo.json, which the README's row reads."""
    name = "moderation-lodo" + ("-full" if full else "") + ("" if recipe == "shipped" else f"-{recipe}")
    if distil:
        name += f"-distil{distil}" + ("" if texts == TEXTS else f"-{texts}texts")
    elif layers != 6:
        name += f"-{layers}layers"
    return RESULTS.with_name(name + (f"-seed{train_seed}" if train_seed else "") + ".json")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3200, help="training examples per run (both arms)")
    ap.add_argument("--test", type=int, default=800, help="test texts per dataset at most")
    ap.add_argument("--datasets", default=",".join(DATASETS))
    ap.add_argument("--out", type=Path)
    ap.add_argument("--layers", type=int, default=6, help="layers of the six each arm trains (default 6)")
    ap.add_argument(
        "--recipe",
        default="shipped",
        choices=RECIPES,
        help="train/moderation_encoder.py recipe variant both arms train with; another than 'shipped' is named in "
        "the results file (results_file: moderation-lodo[-full]-RECIPE...json)",
    )
    ap.add_argument(
        "--train-seed",
        type=int,
        default=0,
        help="seed of the arms' training alone (not the split or the sample): another one measures the spread",
    )
    ap.add_argument(
        "--lodo-only", action="store_true", help="train the LODO arm only (no in-distribution arm; half the time)"
    )
    ap.add_argument(
        "--stage",
        action="store_true",
        help="also score the whole stage with each LODO arm as its encoder (exported as the shipped one is)",
    )
    ap.add_argument("--distil", type=int, metavar="K", help="instead: the six-layer LODO arm and a K-layer student")
    ap.add_argument(
        "--texts",
        type=int,
        default=TEXTS,
        help="with --distil: the texts the shipped-size student read (train/moderation_distil.py --texts); each "
        f"student arm reads the same multiple of its labelled sample (default {TEXTS})",
    )
    ap.add_argument(
        "--stage-before",
        action="store_true",
        help="instead: add the stage before the encoder (encoder off) on the same test texts to --out's results",
    )
    args = ap.parse_args(argv)
    if args.stage_before:
        out = args.out or RESULTS
        earlier = json.loads(out.read_text(encoding="utf-8"))
        stage_before(
            earlier, ".venv/bin/python bench/moderation_lodo.py " + " ".join(sys.argv[1:] if argv is None else argv)
        )
        stage_before_lodo(earlier)
        out.write_text(json.dumps(earlier, indent=1) + "\n", encoding="utf-8")
        print(table(earlier["results"]))
        return
    if args.distil and args.layers != 6:
        ap.error("--distil distils a six-layer LODO arm: leave --layers at 6")
    set_layers(args.layers)
    set_recipe(args.recipe)
    set_train_seed(args.train_seed)
    datasets = [d for d in args.datasets.split(",") if d]
    assert all(d in SOURCES for d in datasets), datasets
    started = time.time()
    command = "bench/moderation_lodo.py " + " ".join(sys.argv[1:] if argv is None else argv)

    from newssift.encoders import Encoder

    shipped = Encoder(OUT / "encoder.onnx", threads=1)
    shipped_meta = json.loads((OUT / "encoder.json").read_text(encoding="utf-8"))
    shipped_sources = set(shipped_meta["training"]["examples_by_source"])
    pool, valid_all = split_sources()
    full = args.n >= len(pool)  # every arm trains on the whole recipe without D
    args.out = args.out or results_file(args.recipe, args.layers, args.distil, args.texts, full, args.train_seed)
    unlabelled = split_sources(caps={})[0] if args.distil else []
    valid_all = [ex for ex in valid_all if "hate" in ex.labels]
    held = held_out()
    doc: dict[str, Any] = {
        "command": f".venv/bin/python {command}".strip(),
        "protocol": (FULL_NOTE if full else "") + (__doc__ or "").split("Protocol ", 1)[1].split("Writes ")[0].strip(),
        "budget_n": args.n,
        "full_budget": full,
        "test_max": args.test,
        "seed": SEED,
        "train_seed": args.train_seed,
        "epochs": 1,
        "threads": 1,
        "layers": args.layers,
        "recipe": args.recipe,
        "code": code_version(),
        "distil": args.distil,
        "distil_texts": args.texts if args.distil else None,
        "datasets": datasets,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "shipped_threshold_hate": shipped.thresholds.get("hate", 0.5),
        "complete": False,
        "results": {},
    }
    for d in datasets:
        print(f"== {d} ({time.strftime('%H:%M:%S', time.gmtime())})", flush=True)
        test, split = dataset_test_rows(d, held, args.test)
        seen = {ex.text.lower() for ex in test}
        y = np.array([ex.labels["hate"] for ex in test], dtype=np.float32)
        clean = [ex for ex in pool if ex.text.lower() not in seen]
        removed = Counter(ex.source for ex in pool if ex.text.lower() in seen)
        valid = [ex for ex in valid_all if ex.text.lower() not in seen]
        lodo_valid = _per_source([ex for ex in valid if ex.source != d], VALIDATION_SCORED)
        cv_valid = _per_source(valid, VALIDATION_SCORED)
        sample = stratified([ex for ex in clean if ex.source != d], args.n, SEED)
        if args.distil:
            extra = [ex for ex in unlabelled if ex.source != d and ex.text.lower() not in seen]
            arms = distil_arms(d, args.distil, args.texts / len(pool), sample, extra, lodo_valid, test, y)
            doc["results"][d] = {"test_split": split, "test_n": len(test), "test_positives": int(y.sum()), **arms}
            args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
            continue
        lodo = run_arm("lodo", d, sample, lodo_valid, test, y, stage=args.stage)
        cv = None
        if not args.lodo_only:
            cv = run_arm("in_distribution", d, stratified(clean, args.n, SEED), cv_valid, test, y)
        ps = shipped.predict([ex.text for ex in test])[:, shipped.heads.index("hate")]
        sh = scores(y, ps, float(shipped.thresholds.get("hate", 0.5)))
        print(f"  shipped: {json.dumps(sh)}", flush=True)
        doc["results"][d] = {
            "test_split": split,
            "test_n": len(test),
            "test_positives": int(y.sum()),
            "test_positive_rate": round(float(y.mean()), 4),
            "pool_texts_removed_as_test_duplicates": dict(sorted(removed.items())),
            "shipped_trained_on_d": d in shipped_sources,
            "lodo": lodo,
            **({"in_distribution": cv} if cv else {}),
            "shipped": sh,
        }
        doc["wall_seconds"] = round(time.time() - started, 1)
        args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    doc["complete"] = len(doc["results"]) == len(DATASETS)
    doc["wall_seconds"] = round(time.time() - started, 1)
    if not args.distil and args.layers == 6 and args.recipe == "shipped" and args.train_seed == 0:
        # the stages beside the arms, on the same test texts (the README's row reads them); they train nothing
        # with the training seed, so another seed's run has the same ones and does not redo them
        stage_before(doc, doc["command"])
        stage_before_lodo(doc)
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(distil_table(doc["results"]) if args.distil else table(doc["results"]))
    print(f"wall {doc['wall_seconds'] / 60:.1f} min")


if __name__ == "__main__":
    main()
