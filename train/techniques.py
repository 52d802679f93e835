"""Train the persuasion-technique heads: a span detector and a technique classifier.

    .venv/bin/python -m train.techniques          (part of `make train`; reads ../shared/data)

Data:
- SemEval-2021 Task 6 subtask 2 training set (688 texts, 1,498 technique spans, 20 techniques): the technique
  classifier (gold spans → technique) and the span detector (candidate spans of newssift.techniques.spans → is
  it an annotated span: char IoU ≥ 0.5 with one).
- Ukraine news bias 2014 (Färber et al. 2020; 2,057 news sentences, 5 crowd judgements of subjectivity each):
  the sentences all five workers judged not subjective give the span detector news-domain negatives (every
  candidate span in them is "no technique"), since the SemEval texts are memes, not news.

Cross-validation (5-fold, grouped by text / by article so no text is split across folds):
- technique classification with gold spans: micro-F1 (the SemEval-2020 Task 11 TC measure: a span annotated
  with k techniques gets the classifier's k best), and precision/recall/F1 per technique;
- span identification + classification: the SemEval-2021 Task 6 subtask 2 measure (character overlap with the
  same technique), per threshold, with the spans the detector puts on held-out objective news sentences (their
  articles are split into the same 5 folds); the run-time threshold is chosen on these out-of-fold figures.
Writes newssift/data/techniques/techniques.npz, techniques.json, cv-scores.json and MODEL_CARD.md.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import GroupKFold
from sklearn.multiclass import OneVsRestClassifier

from newssift.encoders.static import Featurizer
from newssift.segment import split_sentences
from newssift.techniques.model import Found, decode
from newssift.techniques.spans import N_DENSE, Candidate, candidates, features
from newssift.techniques.taxonomy import BY_NAME, IDS
from train.data import DATA

OUT = Path(__file__).resolve().parent.parent / "newssift" / "data" / "techniques"
MODERATION = Path(__file__).resolve().parent.parent / "newssift" / "data" / "moderation"
SEMEVAL = DATA / "semeval2021_task6_persuasion" / "training_set_task2.txt"
UKRAINE = DATA / "ukraine_news_bias_2014" / "all-data-as-json"
FOLDS = 5
C_LABEL = 1.0
C_SPAN = 0.5
POSITIVE_IOU = 0.5
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.10, 0.91, 0.05))
#: the run-time threshold is the one with the best SemEval F1 among those that put at most this many spans per
#: sentence on held-out objective news sentences
NEWS_FALSE_SPANS = 0.1


@dataclass(slots=True)
class Text:
    id: str
    text: str
    spans: dict[tuple[int, int], list[str]]  # (start, end) → technique ids


def semeval() -> list[Text]:
    out = []
    for row in json.loads(SEMEVAL.read_text(encoding="utf-8")):
        spans: dict[tuple[int, int], list[str]] = defaultdict(list)
        for lab in row["labels"]:
            tid = BY_NAME[lab["technique"]].id
            if tid not in spans[(lab["start"], lab["end"])]:
                spans[(lab["start"], lab["end"])].append(tid)
        out.append(Text(str(row["id"]), row["text"], dict(spans)))
    return out


def _context(text: str, a: int, b: int) -> tuple[int, int]:
    """The sentences a gold span lies in (their union), or the span itself."""
    sents = [s for s in split_sentences(text) if s[0] < b and a < s[1]]
    return (min(a, sents[0][0]), max(b, sents[-1][1])) if sents else (a, b)


def gold_rows(fz: Featurizer, texts: list[Text]) -> tuple[sp.csr_matrix, list[list[str]], np.ndarray]:
    blocks, labels, groups = [], [], []
    for k, t in enumerate(texts):
        cands = [Candidate(a, b, "ngram", _context(t.text, a, b)) for a, b in t.spans]
        # the kind a run-time candidate of this extent would have
        cands = [_with_kind(t.text, c) for c in cands]
        if cands:
            blocks.append(features(fz, t.text, cands))
            labels += [t.spans[(c.start, c.end)] for c in cands]
            groups += [k] * len(cands)
    return sp.vstack(blocks, format="csr"), labels, np.array(groups)


def _with_kind(text: str, c: Candidate) -> Candidate:
    if (c.start, c.end) == c.sentence:
        kind = "sentence"
    elif c.start > 0 and text[c.start - 1] in '"“‘«':
        kind = "quote"
    elif len(text[c.start : c.end].split()) <= 4:
        kind = "ngram"
    else:
        kind = "clause"
    return Candidate(c.start, c.end, kind, c.sentence)


def _iou(a: int, b: int, c: int, d: int) -> float:
    inter = min(b, d) - max(a, c)
    return inter / (max(b, d) - min(a, c)) if inter > 0 else 0.0


def candidate_rows(
    fz: Featurizer, texts: list[Text]
) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray, list[list[Candidate]]]:
    blocks, ys, groups, per_text = [], [], [], []
    for k, t in enumerate(texts):
        cands = [c for s in split_sentences(t.text) for c in candidates(t.text, s)]
        per_text.append(cands)
        if not cands:
            continue
        blocks.append(features(fz, t.text, cands))
        ys += [int(any(_iou(c.start, c.end, a, b) >= POSITIVE_IOU for a, b in t.spans)) for c in cands]
        groups += [k] * len(cands)
    return sp.vstack(blocks, format="csr"), np.array(ys), np.array(groups), per_text


def fit_labels(X: sp.csr_matrix, labels: list[list[str]], rows: np.ndarray) -> OneVsRestClassifier:
    """One logistic regression per technique (one-vs-rest; probabilities normalised over techniques): as good as a
    multinomial one here (micro-F1 0.645 both) and fifty times faster to fit."""
    idx = [i for i in rows for _ in labels[i]]
    y = [lab for i in rows for lab in labels[i]]
    one = LogisticRegression(C=C_LABEL, solver="liblinear", max_iter=2000, random_state=0)
    return OneVsRestClassifier(one).fit(X[idx], y)


def fit_spans(X: sp.csr_matrix, y: np.ndarray) -> LogisticRegression:
    return LogisticRegression(C=C_SPAN, solver="liblinear", max_iter=2000, random_state=0).fit(X, y)


def top_k(model: OneVsRestClassifier, X: sp.csr_matrix, ks: list[int]) -> list[list[str]]:
    proba = model.predict_proba(X)
    return [[str(model.classes_[j]) for j in np.argsort(-p)[:k]] for p, k in zip(proba, ks, strict=True)]


def span_prf(pred: list[list[Found]], texts: list[Text]) -> dict[str, float]:
    """SemEval-2021 Task 6 subtask 2: P = Σ_s Σ_t |s∩t|/|s| over same-technique pairs / |S|; R likewise / |T|."""
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for found, t in zip(pred, texts, strict=True):
        gold = [(a, b, lab) for (a, b), labs in t.spans.items() for lab in labs]
        n_pred += len(found)
        n_gold += len(gold)
        for f in found:
            for a, b, lab in gold:
                inter = min(f.end, b) - max(f.start, a)
                if lab == f.label and inter > 0:
                    p_sum += inter / (f.end - f.start)
                    r_sum += inter / (b - a)
    p = p_sum / n_pred if n_pred else 0.0
    r = r_sum / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "predicted": n_pred}


def news_objective() -> tuple[list[str], np.ndarray]:
    """Ukraine-2014 news sentences that all five crowd workers judged not subjective, and their article index."""
    sents, arts = [], []
    for k, path in enumerate(sorted(UKRAINE.glob("article_*.json"))):
        for s in json.loads(path.read_text(encoding="utf-8"))["sentences"]:
            judged = s["subjectivity"]["judgements"]
            if judged and max(judged) == 0:
                sents.append(s["content"])
                arts.append(k)
    return sents, np.array(arts)


def news_rows(fz: Featurizer, sents: list[str]) -> tuple[sp.csr_matrix, np.ndarray, list[list[Candidate]]]:
    """Every candidate span of the objective news sentences, as negatives; row → sentence index."""
    blocks, owner, per_sent = [], [], []
    for k, text in enumerate(sents):
        cands = [c for s in split_sentences(text) for c in candidates(text, s)]
        per_sent.append(cands)
        if cands:
            blocks.append(features(fz, text, cands))
            owner += [k] * len(cands)
    return sp.vstack(blocks, format="csr"), np.array(owner), per_sent


@dataclass(slots=True)
class Training:
    """Everything the heads are fitted on: gold spans, the SemEval candidates, the objective news candidates."""

    texts: list[Text]
    Xg: sp.csr_matrix  # gold spans
    labels: list[list[str]]
    gg: np.ndarray  # gold span → text
    Xc: sp.csr_matrix  # candidates of the SemEval texts
    yc: np.ndarray
    gc: np.ndarray  # candidate → text
    per_text: list[list[Candidate]]
    news: list[str]
    news_art: np.ndarray  # news sentence → article
    Xn: sp.csr_matrix  # candidates of the news sentences (all negatives)
    news_owner: np.ndarray  # news candidate → sentence
    news_cands: list[list[Candidate]]


def load_training() -> Training:
    fz = Featurizer(MODERATION)
    texts = semeval()
    news, news_art = news_objective()
    return Training(texts, *gold_rows(fz, texts), *candidate_rows(fz, texts), news, news_art, *news_rows(fz, news))


def cross_validate(verbose: bool = True) -> dict[str, Any]:
    t0 = time.time()
    d = load_training()
    texts, Xg, labels, gg, Xc, yc, gc, per_text = d.texts, d.Xg, d.labels, d.gg, d.Xc, d.yc, d.gc, d.per_text
    news, news_art, Xn, news_owner, news_cands = d.news, d.news_art, d.Xn, d.news_owner, d.news_cands
    news_fold = news_art[news_owner] % FOLDS  # each news article falls in one fold
    folds = list(GroupKFold(FOLDS).split(np.arange(len(texts)), groups=np.arange(len(texts))))
    gold_pred: list[list[str]] = [[] for _ in labels]
    found: dict[float, list[list[Found]]] = {t: [[] for _ in texts] for t in THRESHOLDS}
    news_found = dict.fromkeys(THRESHOLDS, 0)
    for fold, (_train_texts, test_texts) in enumerate(folds):
        held = set(test_texts.tolist())
        tr_g = np.array([i for i, g in enumerate(gg) if g not in held])
        te_g = np.array([i for i, g in enumerate(gg) if g in held])
        lab_model = fit_labels(Xg, labels, tr_g)
        for i, pred in zip(te_g, top_k(lab_model, Xg[te_g], [len(labels[i]) for i in te_g]), strict=True):
            gold_pred[i] = pred
        tr_c = np.isin(gc, list(held), invert=True)
        span_model = fit_spans(
            sp.vstack([Xc[tr_c], Xn[news_fold != fold]]),
            np.concatenate([yc[tr_c], np.zeros(int((news_fold != fold).sum()), dtype=int)]),
        )
        classes = [str(c) for c in lab_model.classes_]
        for k in test_texts:
            rows = np.nonzero(gc == k)[0]
            if not len(rows):
                continue
            p_span = span_model.predict_proba(Xc[rows])[:, 1]
            p_lab = lab_model.predict_proba(Xc[rows])
            for th in THRESHOLDS:
                found[th][k] = decode(per_text[k], p_span, p_lab, classes, th)
        for k in sorted(set(news_owner[news_fold == fold].tolist())):
            rows = np.nonzero(news_owner == k)[0]
            p_span = span_model.predict_proba(Xn[rows])[:, 1]
            p_lab = lab_model.predict_proba(Xn[rows])
            for th in THRESHOLDS:
                news_found[th] += len(decode(news_cands[k], p_span, p_lab, classes, th))
        if verbose:
            print(f"fold {fold + 1}/{FOLDS} done ({time.time() - t0:.0f}s)")
    # technique classification with gold spans
    gold_flat, pred_flat = [], []
    correct = 0
    for gold, pred in zip(labels, gold_pred, strict=True):
        correct += len(set(gold) & set(pred))
        # pair predictions with gold labels: matched ones first, then the rest in order
        hits = [g for g in gold if g in pred]
        rest_g = [g for g in gold if g not in pred]
        rest_p = [p for p in pred if p not in gold]
        gold_flat += hits + rest_g
        pred_flat += hits + rest_p
    total = sum(len(g) for g in labels)
    present = [t for t in IDS if t in gold_flat]
    p, r, f, n = precision_recall_fscore_support(gold_flat, pred_flat, labels=present, zero_division=0)
    per = {
        t: {"precision": float(a), "recall": float(b), "f1": float(c), "n": int(d)}
        for t, a, b, c, d in zip(present, p, r, f, n, strict=True)
    }
    majority = max(sum(lab in g for g in labels) for lab in present) / total
    si = {
        str(th): {**span_prf(found[th], texts), "objective_news_spans_per_sentence": news_found[th] / len(news)}
        for th in THRESHOLDS
    }
    allowed = [th for th in THRESHOLDS if si[str(th)]["objective_news_spans_per_sentence"] <= NEWS_FALSE_SPANS]
    best = max(allowed or [THRESHOLDS[-1]], key=lambda th: si[str(th)]["f1"])
    scores: dict[str, Any] = {
        "technique_classification_gold_spans": {
            "instances": total,
            "spans": len(labels),
            "micro_f1": correct / total,
            "majority_class_micro_f1": majority,
            "per_technique": per,
        },
        "span_identification_and_classification": {"by_threshold": si, "threshold": best, **si[str(best)]},
        "objective_news": {"sentences": len(news), "articles": len(set(news_art.tolist())), "budget": NEWS_FALSE_SPANS},
        "folds": FOLDS,
        "seconds": round(time.time() - t0, 1),
    }
    if verbose:
        tc = scores["technique_classification_gold_spans"]
        print(f"technique classification, gold spans: micro-F1 {tc['micro_f1']:.3f} (majority {majority:.3f})")
        for t, s in per.items():
            print(f"  {t:28s} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} n {s['n']}")
        for th in THRESHOLDS:
            x = si[str(th)]
            print(f"  threshold {th:.2f}: P {x['precision']:.3f} R {x['recall']:.3f} F1 {x['f1']:.3f}; "
                  f"objective news {x['objective_news_spans_per_sentence']:.3f} spans/sentence")  # fmt: skip
        b = scores["span_identification_and_classification"]
        print(f"spans + techniques at threshold {best}: P {b['precision']:.3f} R {b['recall']:.3f} F1 {b['f1']:.3f}")
    return scores


def fit_all() -> tuple[np.ndarray, np.ndarray, list[str], int]:
    d = load_training()
    lab_model = fit_labels(d.Xg, d.labels, np.arange(len(d.labels)))
    span_model = fit_spans(sp.vstack([d.Xc, d.Xn]), np.concatenate([d.yc, np.zeros(d.Xn.shape[0], dtype=int)]))
    W = np.vstack([span_model.coef_, *(e.coef_ for e in lab_model.estimators_)])  # (1 + classes, features)
    b = np.concatenate([span_model.intercept_, *(e.intercept_ for e in lab_model.estimators_)])
    fz = Featurizer(MODERATION)
    return W, b, [str(c) for c in lab_model.classes_], fz.n_features + fz.dim + N_DENSE


def main() -> None:
    t0 = time.time()
    scores = cross_validate()
    W, b, classes, n_features = fit_all()
    cols = np.nonzero(np.abs(W).max(axis=0) > 0)[0].astype(np.int32)
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT / "techniques.npz", columns=cols, values=W[:, cols].astype(np.float16), intercepts=b.astype(np.float32)
    )
    si = scores["span_identification_and_classification"]
    (OUT / "techniques.json").write_text(
        json.dumps(
            {"classes": classes, "threshold": si["threshold"], "n_features": n_features, "outputs": ["span", *classes]},
            indent=2,
        )
        + "\n"
    )
    (OUT / "cv-scores.json").write_text(json.dumps(scores, indent=2) + "\n")
    (OUT / "MODEL_CARD.md").write_text(model_card(scores))
    print(f"wrote {OUT} in {time.time() - t0:.0f}s")


def model_card(s: dict[str, Any]) -> str:
    tc = s["technique_classification_gold_spans"]
    si = s["span_identification_and_classification"]
    news = s["objective_news"]
    rows = "\n".join(
        f"| {t} | {v['n']} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} |"
        for t, v in sorted(tc["per_technique"].items(), key=lambda kv: -kv[1]["n"])
    )
    by_th = "\n".join(
        f"| {th} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['objective_news_spans_per_sentence']:.3f} |"
        for th, v in si["by_threshold"].items()
    )
    return f"""# Model card: newssift persuasion-technique heads

Written by `train/techniques.py` (`make train`); do not edit by hand.

Two linear heads on newssift's shared features (newssift.encoders.static: hashed word 1–2-grams and character 2–5-grams of the span,
its embedding and its sentence's embedding from the static table distilled from all-MiniLM-L6-v2, Apache-2.0,
plus span shape: length, share of the sentence, quotation marks, kind of candidate):
- **span detector** (logistic regression): is a candidate span (word n-gram, clause, quoted passage, sentence;
  `newssift/techniques/spans.py`) an annotated technique span;
- **technique classifier** (one logistic regression per technique, one-vs-rest, probabilities normalised over
  the {len(tc["per_technique"])} techniques seen in training): which technique a span uses.
A model span's score is P(span) × P(technique | span); spans at or above **{si["threshold"]}** are reported.
Pattern rules (`newssift/techniques/patterns.py`) add spans for stock phrases and repeated phrases.

## Data (read from ../shared/data, not redistributed)
- SemEval-2021 Task 6 (Dimitrov et al. 2021), subtask 2 training set: 688 meme texts, {tc["instances"]:,} technique
  annotations on {tc["spans"]:,} distinct spans. "Free for general research use." Dev and test sets are withheld
  and were not used.
- Ukraine news bias 2014 (Färber et al. 2020): the {news["sentences"]} sentences (of {news["articles"]} news articles)
  that all five crowd workers judged not subjective; every candidate span in them is a negative for the span
  detector, so that news vocabulary ("troops", "talks", names) is not read as loaded. CC BY-NC 4.0: the shipped
  weights are for non-commercial use.

## Cross-validated scores ({s["folds"]}-fold, grouped by text; news sentences grouped by article)
Technique classification with gold spans (SemEval-2020 Task 11 TC protocol): **micro-F1 {tc["micro_f1"]:.3f}**
(the majority class alone: {tc["majority_class_micro_f1"]:.3f}).

| technique | n | precision | recall | F1 |
|---|---|---|---|---|
{rows}

Span identification and classification together (SemEval-2021 Task 6 subtask 2 measure, character overlap with
the same technique), and the spans put on held-out objective news sentences, by threshold. The run-time
threshold is the best F1 among those with at most {news["budget"]} spans per objective news sentence, chosen on
these same out-of-fold figures:

| threshold | precision | recall | F1 | spans per objective news sentence |
|---|---|---|---|---|
{by_th}

## Limits
The technique data are memes: short, often upper-case, US politics. News prose differs; there is no news-domain
technique gold here to measure the transfer (the PTC corpus is withheld), only the false-span rate on
objective news sentences above. Rare techniques (fewer than 30 examples) are rarely predicted by the model.
The crowd's sentence subjectivity scores were also tried as a regression target: cross-validated Spearman ≈ 0
(−0.04), so they are used only as the all-agree negatives above. English only.
"""


if __name__ == "__main__":
    main()
