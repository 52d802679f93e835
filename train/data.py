"""Training data for the moderation heads, read from ../shared/data (never copied into the repository).

Each loader yields ``Example(text, labels, source)`` where ``labels`` maps only the labels that dataset
annotates (1 = present, 0 = absent); a head is trained on the examples that carry its label.
"""

from __future__ import annotations

import ast
import csv
import html
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    labels: dict[str, int]
    source: str
    meta: dict[str, object] = field(default_factory=dict)


_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text.replace('""', '"')).strip()


def dynahate() -> Iterator[Example]:
    for split in ("dev", "test"):
        with (DATA / "dynahate_v0.2.3_devtest" / f"{split}.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                hate = int(row["label"] == "hate")
                labels = {"hate": hate, "violence": int(hate and row["type"] == "threatening")}
                if "jew" in row["target"].split(","):
                    labels["antisemitism"] = hate
                elif "jew" in row["text"].lower() or "israel" in row["text"].lower():
                    labels["antisemitism"] = 0
                yield Example(_clean(row["text"]), labels, "dynahate", {"target": row["target"]})


def hatexplain() -> Iterator[Example]:
    with (DATA / "hatexplain_mbib_derived" / "092-HateXplain.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cat = row["category"]
            if cat == "3":  # no majority
                continue
            yield Example(_clean(row["text"]), {"hate": int(cat == "1")}, "hatexplain", {"offensive": cat == "2"})


def implicit_hate() -> Iterator[Example]:
    base = DATA / "implicit_hate_corpus"
    stage2: dict[str, str] = {}
    with (base / "implicit_hate_v1_stg2_posts.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            stage2[_clean(row["post"])] = row["implicit_class"]
    jewish: set[str] = set()
    with (base / "implicit_hate_v1_stg3_posts.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if re.search(r"\bjew", row["target"] or "", re.I):
                jewish.add(_clean(row["post"]))
    with (base / "implicit_hate_v1_stg1_posts.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            text = _clean(row["post"])
            hate = int(row["class"] != "not_hate")
            labels = {"hate": hate}
            kind = stage2.get(text)
            if kind is not None:
                labels["violence"] = int(kind == "threatening")
            if text in jewish:
                labels["antisemitism"] = 1
            yield Example(text, labels, "implicit_hate", {"class": row["class"]})


def ethos() -> Iterator[Example]:
    base = DATA / "ethos"
    multi: dict[str, dict[str, str]] = {}
    with (base / "Ethos_Dataset_Multi_Label.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            multi[_clean(row["comment"])] = row
    with (base / "Ethos_Dataset_Binary.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            text = _clean(row["comment"])
            hate = int(float(row["isHate"]) >= 0.5)
            labels = {"hate": hate}
            m = multi.get(text)
            if m is not None:
                labels["violence"] = int(float(m["violence"]) >= 0.5)
                labels["harassment"] = int(float(m["directed_vs_generalized"]) >= 0.5)
            elif not hate:
                labels["violence"] = 0
                labels["harassment"] = 0
            yield Example(text, labels, "ethos")


def isca() -> Iterator[Example]:
    path = DATA / "isca_antisemitism_twitter" / "Updated_dataset_with_full_text.csv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            biased = int(row["Biased"])
            # the export writes line breaks as a literal backslash-n and keeps HTML entities ("&amp;"): restore
            # the text a reader saw, so that "\\nJews" is the word "Jews" to the lexicons and the features
            text = html.unescape(row["Text"].replace("\\n", "\n"))
            yield Example(
                _clean(text),
                {"antisemitism": biased, "hate": biased},
                "isca",
                {"keyword": row["Keyword"], "tweet_id": row["TweetID"]},
            )


def pan2024() -> Iterator[Example]:
    items = json.loads((DATA / "pan2024_oppositional_conspiracy" / "dataset_en_test.json").read_text(encoding="utf-8"))
    for item in items:
        text = _clean(re.sub(r" ([.,;:!?'’])", r"\1", item["text"]))
        spans = item.get("annotations") or []
        if isinstance(spans, str):
            spans = ast.literal_eval(spans)
        yield Example(text, {"conspiracy": int(item["category"] == "CONSPIRACY")}, "pan2024", {"spans": spans})


def prct() -> Iterator[Example]:
    with (DATA / "prct_replacement_conspiracy" / "anonymized_gold_standard.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            model_says = row["Model_Classification"] == "PRCT"
            correct = row["Annotation"].strip().lower() == "true"
            gold = model_says if correct else not model_says
            yield Example(
                _clean(row["CommentText"]),
                {"conspiracy": int(gold)},
                "prct",
                {"parent": _clean(row["ParentCommentText"] or "")},
            )


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def news_sentences() -> Iterator[Example]:
    """Sentences of published news articles (PolNeAR train+dev, the article-extraction benchmark's gold bodies).

    They carry no moderation labels; ``load_all`` samples them as *assumed* negatives: news prose that names groups
    ("the Jewish museum reopened", "Muslim voters"), reports violence ("two people were stabbed, police said") or
    discusses elections is what a comment section quotes and paraphrases, and none of the comment datasets has it.
    """
    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "polnear").glob("*/text/*.txt"))]
    gold = json.loads((DATA / "article_extraction_benchmark" / "ground-truth.json").read_text(encoding="utf-8"))
    texts += [page["articleBody"] for _key, page in sorted(gold.items())]
    for text in texts:
        for sentence in _SENTENCE_END.split(text):
            sentence = _clean(sentence)
            if 6 <= len(sentence.split()) <= 60:
                yield Example(sentence, {}, "news")


LOADERS = {
    "dynahate": dynahate,
    "hatexplain": hatexplain,
    "implicit_hate": implicit_hate,
    "ethos": ethos,
    "isca": isca,
    "pan2024": pan2024,
    "prct": prct,
}


# Conspiracy data (PAN 2024, PRCT) is all about politics and COVID: without ordinary posts as negatives a head
# learns "political text" instead of "conspiracy narrative". These posts, drawn with a fixed seed from
# HateXplain's and DynaHate's non-hateful posts, are *assumed* not to be conspiracy narratives (the model card
# says so).
ASSUMED_NEGATIVES = {"conspiracy": 4000}
# News sentences (see news_sentences) are assumed negatives for these heads: every sentence that names a group,
# and a fixed-seed sample of the rest up to NEWS_NEGATIVES in all.
NEWS_NEGATIVE_HEADS = ("hate", "antisemitism", "violence", "conspiracy")
NEWS_NEGATIVES = 6000


def names_group(text: str) -> bool:
    """Whether *text* names a group or a Jewish term, by the stage's own patterns: the news sentences drawn first as
    assumed negatives (here for the linear heads, and by train/moderation_encoder.py's ``news-groups`` recipe)."""
    from newssift.moderation.lexicon import JEWISH_TERM, names_a_group

    return bool(names_a_group(text) or JEWISH_TERM.search(text))


def load_all() -> list[Example]:
    import random

    out: list[Example] = []
    for load in LOADERS.values():
        out.extend(ex for ex in load() if ex.text)
    pool = [ex for ex in out if ex.source in ("hatexplain", "dynahate") and ex.labels.get("hate") == 0]
    rng = random.Random(0)
    for label, n in ASSUMED_NEGATIVES.items():
        for ex in rng.sample(pool, n):
            out.append(Example(ex.text, {label: 0}, f"{ex.source} (assumed negative)"))
    naming: list[str] = []
    rest: list[str] = []
    for t in sorted({ex.text for ex in news_sentences()}):
        (naming if names_group(t) else rest).append(t)
    chosen = naming[:NEWS_NEGATIVES] + rng.sample(rest, max(0, NEWS_NEGATIVES - len(naming)))
    labels = dict.fromkeys(NEWS_NEGATIVE_HEADS, 0)
    out.extend(Example(t, dict(labels), "news (assumed negative)") for t in chosen)
    return out


if __name__ == "__main__":
    from collections import Counter

    exs = load_all()
    c: Counter[tuple[str, str, int]] = Counter()
    for ex in exs:
        for k, v in ex.labels.items():
            c[(ex.source, k, v)] += 1
    for key in sorted(c):
        print(key, c[key])
