"""Persuasion techniques: loaded language, name calling, appeal to fear, doubt, flag-waving, whataboutism … as
spans of the article (and, on request, of the comments), each with a technique, a score and a one-line
explanation, plus counts and density per 1,000 words.

Two sources of spans, both reported with where they came from:
- the trained heads (``model.py``): every candidate span of a sentence (``spans.py``) is scored
  P(technique span) × P(technique | span) and kept above the threshold chosen in training;
- stock phrases (``patterns.py``) and phrases repeated across the text (Repetition).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from newssift.document import Document
from newssift.segment import Segmentation
from newssift.structure.model import Structure, first_chars
from newssift.techniques.model import get_techniques_model
from newssift.techniques.patterns import pattern_spans, repetitions
from newssift.techniques.spans import Candidate, candidates, words
from newssift.techniques.taxonomy import BY_ID, IDS, explanation

BATCH_SENTENCES = 256
#: characters of the text read (the article, and the comments when asked): about 16,000 words, longer than nearly
#: every news article. Candidates and their features cost about 10 ms per 1,000 characters, so a page of megabytes
#: is read this far, and the report says where the reading stopped; counts and rates per 1,000 words are of the
#: text read. (The claims stage, five times dearer per character, reads half as much.)
MAX_CHARS = 100_000
PATTERN_FLOOR = 0.5  # a pattern span's score: the model's probability for it, or this, whichever is higher


@dataclass(frozen=True, slots=True)
class TechniqueSpan:
    start: int
    end: int
    label: str  # a technique id of taxonomy.TECHNIQUES
    score: float
    explanation: str
    source: str  # "model" or "pattern"


@dataclass(slots=True)
class TechniquesResult:
    spans: list[TechniqueSpan]
    words: int
    sentences: int
    notes: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return ordered_counts(Counter(s.label for s in self.spans))

    @property
    def per_1000_words(self) -> dict[str, float]:
        return per_1000_words(self.counts, self.words)


def ordered_counts(counts: Counter[str]) -> dict[str, int]:
    """The techniques that occur, in taxonomy order, with their counts."""
    return {t: counts[t] for t in IDS if counts[t]}


def per_1000_words(counts: dict[str, int], words: int) -> dict[str, float]:
    return {t: round(1000 * n / words, 2) for t, n in counts.items()} if words else {}


def analyze_techniques(
    doc: Document, st: Structure, *, include_comments: bool = False, segmentation: Segmentation | None = None
) -> TechniquesResult:
    """The techniques stage over the article paragraphs (and the comments when asked), in the sentences of the
    document's ``segmentation`` (one made here when none is given)."""
    regions = [(p.start, p.end) for p in st.paragraphs]
    if include_comments:
        regions += [(c.span.start, c.span.end) for c in st.comments]
    return find_techniques(doc.text, regions, segmentation)


def find_techniques(
    text: str, regions: list[tuple[int, int]] | None = None, segmentation: Segmentation | None = None
) -> TechniquesResult:
    """Technique spans inside ``regions`` of ``text`` (offsets into ``text``; the whole text by default)."""
    seg = Segmentation.of(text, segmentation)
    if regions is None:
        regions = [(0, len(text))]
    notes: list[str] = []
    regions, total = first_chars(text, regions, MAX_CHARS)
    read = sum(b - a for a, b in regions)
    if read < total:
        notes.append(
            f"techniques: the model and the patterns read the first {read:,} of the {total:,} characters of the text "
            f"(a cap of {MAX_CHARS:,}); the text after character {regions[-1][1]:,} of the document was not analysed "
            "for techniques, and the counts and rates are of the text read"
        )
    sents = list(seg.sentences_of(regions))
    found: list[TechniqueSpan] = []
    for i in range(0, len(sents), BATCH_SENTENCES):
        found += _model_spans(text, sents[i : i + BATCH_SENTENCES])
    found = _merge(text, found, pattern_spans(text, regions) + repetitions(text, regions))
    n_words = sum(len(words(text, a, b)) for a, b in regions)
    return TechniquesResult(sorted(found, key=lambda s: (s.start, -s.end, s.label)), n_words, len(sents), notes)


def _model_spans(text: str, sents: list[tuple[int, int]]) -> list[TechniqueSpan]:
    from newssift.techniques.model import decode

    model = get_techniques_model()
    per_sentence = [candidates(text, s) for s in sents]
    cands = [c for cs in per_sentence for c in cs]
    if not cands:
        return []
    p_span, p_label = model.score(text, cands)
    out = []
    b = 0
    for cs in per_sentence:
        a, b = b, b + len(cs)
        for f in decode(cs, p_span[a:b], p_label[a:b], model.classes, model.threshold):
            cues = model.cue_words(text, f.start, f.end, f.label)
            said = f"cue words {', '.join(f'“{w}”' for w in cues)}; " if cues else ""
            out.append(
                TechniqueSpan(
                    f.start,
                    f.end,
                    f.label,
                    round(f.score, 4),
                    explanation(f.label, f"{said}model score {f.score:.2f}"),
                    "model",
                )
            )
    return out


def _merge(text: str, found: list[TechniqueSpan], rules: list[tuple[int, int, str, str]]) -> list[TechniqueSpan]:
    """Add the pattern spans; where one overlaps a model span of the same technique, the pattern's explanation
    stands and the higher score is kept."""
    if not rules:
        return found
    model = get_techniques_model()
    p_span, p_label = model.score(text, [Candidate(a, b, "ngram", (a, b)) for a, b, _t, _c in rules])
    # the spans of one technique never overlap (decode keeps one of overlapping spans, a pattern span replaces
    # those it overlaps), so each technique's spans, in text order, are found by binary search
    by_label: dict[str, list[TechniqueSpan]] = {}
    for s in sorted(found, key=lambda s: s.start):
        by_label.setdefault(s.label, []).append(s)
    for (a, b, tech, cue), ps, pl in zip(rules, p_span, p_label, strict=True):
        p = float(ps * pl[model.classes.index(tech)]) if tech in model.classes else 0.0
        spans = by_label.setdefault(tech, [])
        lo = bisect_right(spans, a, key=lambda s: s.end)  # the first span ending after a
        hi = bisect_left(spans, b, key=lambda s: s.start)  # the first span starting at b or later
        score = max([PATTERN_FLOOR, p] + [s.score for s in spans[lo:hi]])
        spans[lo:hi] = [TechniqueSpan(a, b, tech, round(score, 4), explanation(tech, cue), "pattern")]
    return [s for spans in by_label.values() for s in spans]


__all__ = [
    "BY_ID",
    "TechniqueSpan",
    "TechniquesResult",
    "analyze_techniques",
    "find_techniques",
    "ordered_counts",
    "per_1000_words",
]
