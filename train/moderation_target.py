"""The hate label's target group: a softmax head on the moderation encoder's pooled vector (issue 37).

    .venv/bin/python -m train.moderation_target          (part of `make train`; about 2 minutes on one core)

The moderation encoder (``newssift/data/moderation/encoder.onnx``) is not retrained: its graph's mean-pooled
vector (output ``pooled``, the vector its six heads read) is the input of a multinomial logistic regression over
the groups the lexicon reports (``GROUPS``), trained on hateful texts whose annotators named the group:
DynaHate dev, HatemojiBuild train, ToxiGen's hateful statements, SBIC (offensive posts aimed at a group) and the
Implicit Hate Corpus (stage 3). Each dataset's own target labels are mapped onto those groups by ``group_of``
(codes and free text as the datasets write them, read from their SOURCE.md files, not from any model's errors);
a target outside the groups (liberals, "assault victims", working class) leaves the text out.

DynaHate test and HatemojiBuild validation/test are never trained on (the encoder did not see them either);
bench/moderation_target.py measures the head on them with each dataset left out, beside the lexicon.

Writes newssift/data/moderation/target.npz (coef, intercept) and target.json (groups, threshold, counts).
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.special import softmax

from train.data import DATA, _clean

OUT = Path(__file__).resolve().parent.parent / "newssift" / "data" / "moderation"
SEED = 0
#: texts a dataset gives the head at most (seeded sample), so that no one dataset's way of writing dominates
CAP = 3000
#: the head names a target (where the lexicon names none) only when its probability reaches a threshold chosen
#: on the training pool alone (``choose_threshold``): the lowest at which the head's targets, each dataset of the
#: pool predicted by a head trained on the others, are right this often. A wrong group misleads a moderator more
#: than none, so the bar is precision, fixed before any test
TARGET_PRECISION = 0.8
C = 1.0  # the regression's inverse regularisation (scikit-learn's default), not tuned

#: the groups the head chooses among: the lexicon's group names (newssift/data/moderation/rules/groups.toml), and
#: "Arab people", which the lexicon reports by the word matched ("Arabs")
GROUPS = (
    "Jewish people",
    "Muslims",
    "Black people",
    "women",
    "LGBTQ people",
    "immigrants",
    "Asian people",
    "Roma",
    "disabled people",
    "Christians",
    "white people",
    "Hispanic people",
    "Arab people",
)

#: a dataset's target label (a DynaHate/HatemojiBuild code part, a ToxiGen file's group, a word of an SBIC or
#: Implicit Hate free-text target) -> group. Codes are from the datasets' documentation; "wc" (working class),
#: "pol" and political groups, victims and "minorities" name no group here and are left out.
_WORDS: dict[str, str] = {
    "jew": "Jewish people",
    "jews": "Jewish people",
    "jewish": "Jewish people",
    "mus": "Muslims",
    "muswom": "Muslims+women",
    "muslim": "Muslims",
    "muslims": "Muslims",
    "islamic": "Muslims",
    "bla": "Black people",
    "blawom": "Black people+women",
    "blaman": "Black people",
    "black": "Black people",
    "blacks": "Black people",
    "african": "Black people",
    "africans": "Black people",
    "wom": "women",
    "women": "women",
    "gay": "LGBTQ people",
    "gayman": "LGBTQ people",
    "gaywom": "LGBTQ people",
    "gays": "LGBTQ people",
    "lesbian": "LGBTQ people",
    "trans": "LGBTQ people",
    "bis": "LGBTQ people",
    "bisexual": "LGBTQ people",
    "lgbtq": "LGBTQ people",
    "lgbtqa": "LGBTQ people",
    "gendermin": "LGBTQ people",
    "immig": "immigrants",
    "immigrant": "immigrants",
    "immigrants": "immigrants",
    "illegals": "immigrants",
    "ref": "immigrants",
    "refugees": "immigrants",
    "asylum": "immigrants",
    "asi": "Asian people",
    "asian": "Asian people",
    "chinese": "Asian people",
    "trav": "Roma",
    "roma": "Roma",
    "dis": "disabled people",
    "disabled": "disabled people",
    "disability": "disabled people",
    "christian": "Christians",
    "christians": "Christians",
    "catholics": "Christians",
    "white": "white people",
    "whites": "white people",
    "hisp": "Hispanic people",
    "hispanic": "Hispanic people",
    "hispanics": "Hispanic people",
    "latino": "Hispanic people",
    "mexican": "Hispanic people",
    "mexicans": "Hispanic people",
    "arab": "Arab people",
    "arabs": "Arab people",
    "arabic": "Arab people",
    "middle": "Arab people",  # ToxiGen's "middle_east"
}


@dataclass(frozen=True, slots=True)
class Targeted:
    text: str
    groups: frozenset[str]
    source: str


def group_of(label: str) -> frozenset[str]:
    """The groups a dataset's target label names: each code part or word looked up in ``_WORDS`` ("asi.east.chin"
    -> Asian people; "black folks, latino/latina folks" -> Black and Hispanic people; "white men" -> white people)."""
    out: set[str] = set()
    for part in label.lower().replace("/", " ").replace("_", " ").replace(",", " ").replace(".", " ").split():
        hit = _WORDS.get(part)
        if hit is not None:
            out.update(hit.split("+"))
    return frozenset(out)


def _csv(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter=delimiter)


def dynahate(split: str) -> Iterator[Targeted]:
    for row in _csv(DATA / "dynahate_v0.2.3_devtest" / f"{split}.csv"):
        if row["label"] == "hate":
            yield Targeted(_clean(row["text"]), group_of(row["target"]), "dynahate")


def hatemoji(split: str) -> Iterator[Targeted]:
    for row in _csv(DATA / "hatemoji_build" / f"{split}.csv"):
        if row["label_gold"] == "1":
            codes = ast.literal_eval(row["target"]) if row["target"].startswith("[") else [row["target"]]
            yield Targeted(_clean(row["text"]), group_of(" ".join(codes)), "hatemoji")


def toxigen() -> Iterator[Targeted]:
    for path in sorted((DATA / "toxigen_prompts").glob("hate_*_1k.txt")):
        groups = group_of(path.stem.removesuffix("_1k").removeprefix("hate_"))
        for line in path.read_text(encoding="utf-8").splitlines():
            for item in line.split("\\n"):
                text = _clean(item.strip().removeprefix("-").strip())
                if len(text.split()) >= 3:
                    yield Targeted(text, groups, "toxigen")


def sbic() -> Iterator[Targeted]:
    for split in ("dev", "tst"):
        for row in _csv(DATA / "sbic_social_bias_frames" / f"SBIC.v2.agg.{split}.csv"):
            if float(row["offensiveYN"] or 0) >= 0.5 and float(row["whoTarget"] or 0) >= 0.5:
                names = ast.literal_eval(row["targetMinority"] or "[]")
                yield Targeted(_clean(row["post"]), group_of(" ".join(names)), "sbic")


def implicit() -> Iterator[Targeted]:
    for row in _csv(DATA / "implicit_hate_corpus" / "implicit_hate_v1_stg3_posts.tsv", delimiter="\t"):
        yield Targeted(_clean(row["post"]), group_of(row["target"]), "implicit_hate")


def training_pool() -> dict[str, list[Targeted]]:
    """Each training dataset's hateful texts with at least one known group, one entry per text (the first label
    set seen), capped at ``CAP`` by a seeded sample."""
    readers = {
        "dynahate": lambda: dynahate("dev"),
        "hatemoji": lambda: hatemoji("train"),
        "toxigen": toxigen,
        "sbic": sbic,
        "implicit_hate": implicit,
    }
    rng = random.Random(SEED)
    pool: dict[str, list[Targeted]] = {}
    seen: set[str] = set()
    for name, read in readers.items():
        rows = []
        for t in read():
            if t.text and t.groups and t.text.lower() not in seen:
                seen.add(t.text.lower())
                rows.append(t)
        pool[name] = rng.sample(rows, CAP) if len(rows) > CAP else rows
    return pool


def held_out_sets() -> dict[str, list[Targeted]]:
    """The texts no head or encoder here was trained on, with a known group."""
    return {
        "dynahate_test": [t for t in dynahate("test") if t.text and t.groups],
        "hatemoji_validation_test": [
            t for split in ("validation", "test") for t in hatemoji(split) if t.text and t.groups
        ],
    }


def pooled(texts: list[str], onnx_file: Path | None = None) -> np.ndarray:
    """The moderation encoder's pooled vector of each text (of its window with the highest hate score, as the stage
    reads it), one text a run."""
    from newssift.encoders import Encoder

    enc = Encoder(onnx_file or OUT / "encoder.onnx", threads=1)
    return enc.pooled(texts)


def fit(x: np.ndarray, rows: list[Targeted]) -> tuple[np.ndarray, np.ndarray]:
    """(coef groups x 384, intercept) of a multinomial regression; a text with two groups counts once for each."""
    from sklearn.linear_model import LogisticRegression

    xs, ys = [], []
    for v, t in zip(x, rows, strict=True):
        for g in sorted(t.groups):
            xs.append(v)
            ys.append(GROUPS.index(g))
    present = sorted(set(ys))
    clf = LogisticRegression(C=C, max_iter=2000)
    clf.fit(np.stack(xs), np.array(ys))
    coef = np.zeros((len(GROUPS), x.shape[1]), dtype=np.float32)
    intercept = np.full(len(GROUPS), -30.0, dtype=np.float32)  # a group no training text names is never chosen
    # scikit-learn keeps one row for two classes (the second's logit against the first's 0)
    coef[present] = clf.coef_ if len(present) > 2 else np.vstack([np.zeros_like(clf.coef_), clf.coef_])
    intercept[present] = clf.intercept_ if len(present) > 2 else np.array([0.0, clf.intercept_[0]])
    return coef, intercept


def predict(coef: np.ndarray, intercept: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Softmax probabilities over ``GROUPS``."""
    return np.asarray(softmax(x @ coef.T + intercept, axis=1))


def out_of_dataset(vectors: dict[str, np.ndarray], pool: dict[str, list[Targeted]]) -> list[tuple[float, bool]]:
    """(head probability, right) for every text of the pool, each dataset predicted by a head fitted on the others."""
    out: list[tuple[float, bool]] = []
    for name, rows in pool.items():
        train = [t for k, ts in pool.items() if k != name for t in ts]
        coef, intercept = fit(np.stack([vectors[t.text] for t in train]), train)
        probs = predict(coef, intercept, np.stack([vectors[t.text] for t in rows]))
        for row, t in zip(probs, rows, strict=True):
            k = int(row.argmax())
            out.append((float(row[k]), GROUPS[k] in t.groups))
    return out


def choose_threshold(scored: list[tuple[float, bool]], precision: float = TARGET_PRECISION) -> float:
    """The lowest probability above which the predictions in ``scored`` are right at least ``precision`` of the
    time (0.99 when none is)."""
    ranked = sorted(scored, key=lambda s: -s[0])
    right = 0
    best = 0.99
    for n, (p, ok) in enumerate(ranked, 1):
        right += ok
        if right / n >= precision:
            best = p
    return round(min(best, 0.99), 4)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--out", type=Path, default=OUT, help="folder of the encoder (encoder.onnx) the head reads, and of the head"
    )
    args = ap.parse_args(argv)
    if not (args.out / "encoder.onnx").is_file():
        ap.error(f"{args.out} has no encoder.onnx: the head is fitted on that folder's encoder")
    pool = training_pool()
    rows = [t for ts in pool.values() for t in ts]
    print("training texts:", {k: len(v) for k, v in pool.items()})
    x = pooled([t.text for t in rows], args.out / "encoder.onnx")
    coef, intercept = fit(x, rows)
    threshold = choose_threshold(out_of_dataset({t.text: v for t, v in zip(rows, x, strict=True)}, pool))
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out / "target.npz", coef=coef, intercept=intercept)
    counts = Counter(g for t in rows for g in t.groups)
    meta = {
        "groups": list(GROUPS),
        "threshold": threshold,
        "threshold_rule": f"the lowest probability at which out-of-dataset predictions on the pool are right "
        f"{TARGET_PRECISION:.0%} of the time",
        "trained_on": {k: len(v) for k, v in pool.items()},
        "texts_per_group": {g: counts[g] for g in GROUPS},
        "recipe": "python -m train.moderation_target",
    }
    (args.out / "target.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out / 'target.npz'}: {len(rows)} texts, {sum(counts.values())} labels")


if __name__ == "__main__":
    main()
