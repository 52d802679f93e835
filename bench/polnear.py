"""Attribution on PolNeAR's dev split (84 articles): source, cue and content F1, exact and overlap, in the layout
of BBC citron's published table; plus the cost of the claims stage beside the spaCy parse it runs on.

    .venv/bin/python bench/polnear.py                # PolNeAR dev
    .venv/bin/python bench/polnear.py --held-out-train  # every fifth train article (for choosing rules)

``--held-out-train`` scores the 168 train articles the attribution encoder is not fine-tuned on (index % 5 == 0,
``train/attribution_encoder.py``): the place to compare changes before dev is looked at. The attribution
classifier was trained on them, so its figures there are optimistic; results are not written.

Scored with evaluation/polnear.py: a predicted span matches exactly when its offsets equal a gold span's
(whitespace trimmed on both); it matches by overlap when they share a character. Precision counts matched
predictions, recall matched gold spans. Where an article was annotated twice, the first annotation file is the
gold. Also prints source figures without the attribution encoder's rescoring (the attribution classifier alone),
and how many gold attributions have a candidate the attribution classifier could accept (a ceiling on source
recall). Writes bench/results/polnear.json.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluation.polnear import KINDS, add_counts, gold_spans, predicted, prf, trim
from train.attribution import annotated, articles, covered_attributions

RESULTS = Path(__file__).resolve().parent / "results" / "polnear.json"


def main() -> None:
    logging.disable(logging.WARNING)
    from newssift.claims import analyze_claims
    from newssift.claims.nlp import parse_pieces
    from newssift.claims.quotes import extract_quotes
    from newssift.document import Document
    from newssift.structure.text import analyze_text

    held_out = "--held-out-train" in sys.argv
    split = "train" if held_out else "dev"
    every, arts_all = annotated(split), articles(split)
    keep = [k for k in range(len(every)) if not held_out or k % 5 == 0]
    pairs, arts = [every[k] for k in keep], [arts_all[k] for k in keep]
    totals = {(k, e): [0, 0, 0, 0] for k in KINDS for e in (True, False)}  # matched_pred, n_pred, matched_gold, n_gold
    t_parse = t_stage = 0.0
    n_gold = n_covered = 0
    alone = [0, 0, 0, 0]  # source, exact, without the encoder's rescoring
    for (path, ann), art in zip(pairs, arts, strict=True):
        text = path.read_text(encoding="utf-8")
        gold = gold_spans(ann, text)
        st = analyze_text(text)
        doc = Document(text)
        t0 = time.perf_counter()
        docs = parse_pieces(text, [(p.start, p.end) for p in st.paragraphs])
        t_parse += time.perf_counter() - t0
        n_gold += len(art.pairs)
        n_covered += covered_attributions(art, st.paragraphs, docs)
        _ents, plain = extract_quotes(
            [(d, p.start) for d, p in zip(docs, st.paragraphs, strict=True)], text, rescore=False
        )
        add_counts(alone, [trim(text, *q.speaker_span) for q in plain], gold["Source"], True)
        t0 = time.perf_counter()
        result = analyze_claims(doc, st)
        t_stage += time.perf_counter() - t0
        pred = predicted(result, text)
        for kind in KINDS:
            for exact in (True, False):
                add_counts(totals[(kind, exact)], pred[kind], gold[kind], exact)
    rows: dict[str, dict[str, float]] = {}
    print(f"PolNeAR {'train, held out from the encoder' if held_out else 'dev'}: {len(pairs)} articles")
    print(f"{'':<10} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}")
    for kind in KINDS:
        line = f"{kind:<10}"
        for exact in (True, False):
            row = rows[f"{kind.lower()}_{'exact' if exact else 'overlap'}"] = prf(totals[(kind, exact)])
            line += f" {row['precision']:>8.3f} {row['recall']:>6.3f} {row['f1']:>6.3f}  "
        print(line)
    a = rows["source_exact_without_encoder"] = prf(alone)
    print(
        f"source exact without the encoder's rescoring (the attribution classifier alone): "
        f"P {a['precision']:.3f} R {a['recall']:.3f} F1 {a['f1']:.3f}"
    )
    print(
        f"gold attributions with a candidate in the parse (predicate on the cue, source phrase on the source): "
        f"{n_covered}/{n_gold} = {n_covered / max(1, n_gold):.3f}"
    )
    ratio = t_stage / max(1e-9, t_parse)
    print(
        f"cost: spaCy parse {t_parse:.1f}s; whole claims stage (parse, quotes, check-worthiness, dates) {t_stage:.1f}s "
        f"= {ratio:.2f}x the parse, i.e. +{100 * (ratio - 1):.0f}% on top of it"
    )
    if held_out:
        return
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "articles": len(pairs),
                "scores": rows,
                "gold_attributions": n_gold,
                "with_candidate": n_covered,
                "parse_s": t_parse,
                "stage_s": t_stage,
                "stage_over_parse": ratio,
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
