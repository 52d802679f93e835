"""Technique rates per outlet over a corpus (the Prta view): which outlets lean on which techniques."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newssift.techniques import TechniquesResult, find_techniques, ordered_counts, per_1000_words


@dataclass(slots=True)
class OutletRates:
    outlet: str
    documents: int = 0
    words: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, found: TechniquesResult) -> None:
        """Count one more document's findings."""
        self.documents += 1
        self.words += found.words
        self.counts.update(s.label for s in found.spans)

    @property
    def spans(self) -> int:
        return sum(self.counts.values())

    @property
    def per_1000_words(self) -> dict[str, float]:
        return per_1000_words(ordered_counts(self.counts), self.words)

    def as_dict(self) -> dict[str, object]:
        return {
            "outlet": self.outlet,
            "documents": self.documents,
            "words": self.words,
            "spans": self.spans,
            "spans_per_1000_words": round(1000 * self.spans / self.words, 2) if self.words else 0.0,
            "counts": ordered_counts(self.counts),
            "per_1000_words": self.per_1000_words,
        }


def outlet_rates(corpus: Path, progress: Callable[[int, int], None] | None = None) -> list[OutletRates]:
    """Run the techniques stage over every article of a corpus and sum it up per outlet, densest first."""
    from newssift.corroborate.corpus import Corpus

    by_outlet: dict[str, OutletRates] = {}
    with Corpus(corpus) as c:
        total = c.count_documents()
        for n, (_key, outlet, text, regions) in enumerate(c.article_regions(), 1):
            by_outlet.setdefault(outlet, OutletRates(outlet)).add(find_techniques(text, regions))
            if progress:
                progress(n, total)
    return sorted(by_outlet.values(), key=lambda r: (-(r.spans / r.words if r.words else 0), r.outlet))
