"""Corroboration: for each check-worthy claim, what other, independent outlets in a local corpus say about it.

``corroborate`` retrieves passages for each claim from a ``Corpus`` (hybrid BM25 + vector search), classifies
the stance of each retrieved document's article towards the claim (``classify_stance``: agree / disagree /
discuss / unrelated; the model was trained on whole bodies, so it reads the whole article), drops
what the page itself published (its outlet, its credited origin, and stored copies of its text), and counts
*origins*, not documents: syndicated copies and one outlet's several stories are one voice. Every counted origin
is listed with the passage that decided its voice first; the cap (PASSAGES_PER_ORIGIN) is on passages per origin,
never on origins, so the counts and the evidence shown agree. A document dated more than DATE_WINDOW_DAYS
outside the claim's time (``claim_time``: its timeline dates, else the page date) reports another statement or
another event: it is listed apart in ``other_date`` ("same speaker, other date" when it names the claim's
speaker), not counted.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib import resources

import numpy as np
import yaml

from newssift.corroborate.corpus import Corpus, StoredPassage, outlet_of
from newssift.corroborate.stance import LABELS, classify_stance, stance_proba
from newssift.document import Document, iso_date
from newssift.provenance import ProvenanceResult
from newssift.provenance.credits import find_citations
from newssift.provenance.registry import origin_key
from newssift.provenance.syndication import containment, signature
from newssift.structure.model import Structure

CHECKWORTHY = 0.5  # claims at or above this check-worthiness are corroborated
MAX_CLAIMS = 25
CANDIDATES = 20  # passages retrieved per claim before the stance model reads them
PASSAGES_PER_ORIGIN = 3  # evidence listed per counted origin (every counted origin is listed)
RELATED = 0.5  # a passage is evidence when P(unrelated) is below this
COPY = 0.5  # containment at or above which a stored document is a copy of the page
# A document dated more than this many days before or after the claim's time (its timeline date, else the page
# date) reports another statement or another event: it is listed apart ("other date"), not counted. Three days
# cover time zones, weekend editions and the usual lag between a statement and the last reports of it.
DATE_WINDOW_DAYS = 3
SAME_SPEAKER = "same speaker, other date"
OTHER_DATE = "other date"


@dataclass(frozen=True, slots=True)
class Evidence:
    passage: StoredPassage
    stance: str  # agree, disagree or discuss
    score: float  # probability that the passage addresses the claim (1 - P(unrelated))
    confidence: float  # probability of the stance given
    attributes: bool = False  # it names the claim's speaker: it reports them saying it (neutral on the content)
    denies: bool = False  # it reports the speaker denying they said it
    cites: str | None = None  # origin key of the one outlet the passage gives as its source ("told TASS")

    @property
    def origin(self) -> str:
        """The origin the passage counts under: the outlet it cites as its source, else its document's."""
        return self.cites or self.passage.origin


@dataclass(slots=True)
class Attribution:
    """Did the speaker say it? The independent origins that report the speaker saying it, and those that report
    the speaker denying it."""

    speaker: str
    status: str  # confirmed, disputed or unconfirmed
    confirmed_by: list[str] = field(default_factory=list)  # origin keys
    disputed_by: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ClaimCorroboration:
    claim: int  # index into the report's claims
    supports: int = 0
    contradicts: int = 0
    discusses: int = 0
    evidence: list[Evidence] = field(default_factory=list)  # every counted origin's, its deciding passage first
    excluded_own: int = 0  # retrieved passages dropped as the page's own origin
    not_listed: int = 0  # passages of counted origins beyond PASSAGES_PER_ORIGIN
    time: tuple[date, date] | None = None  # the claim's time the evidence was dated against (None: not dated)
    attribution: Attribution | None = None  # for a claim attributed to a speaker
    other_date: list[tuple[Evidence, str]] = field(default_factory=list)  # (passage, why), set apart, not counted


def _span_of(iso: str, precision: str) -> tuple[date, date] | None:
    try:
        if precision == "day":
            d = date.fromisoformat(iso[:10])
            return d, d
        if precision == "month":
            y, m = int(iso[:4]), int(iso[5:7])
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        if precision == "year":
            y = int(iso[:4])
            return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None
    return None


def claim_time(
    span: tuple[int, int], timeline: Sequence[tuple[int, int, str | None, str]], page_date: date | None
) -> tuple[date, date] | None:
    """The time a claim is about: the dates of the timeline entries inside its span ((start, end, ISO date,
    precision); a month or a year is its whole extent, several entries their hull), else the page date, else None
    (the claim cannot be dated: its evidence is not filtered by date)."""
    spans = [
        t
        for a, b, iso, precision in timeline
        if iso and span[0] <= a and b <= span[1] and (t := _span_of(iso, precision)) is not None
    ]
    if spans:
        return min(a for a, _ in spans), max(b for _, b in spans)
    return (page_date, page_date) if page_date else None


def in_time(doc_date: date | None, when: tuple[date, date] | None) -> bool:
    """Whether a document dated ``doc_date`` can report a claim about ``when`` (undated either way: it can)."""
    if doc_date is None or when is None:
        return True
    # in days, not by adding the window to a date: a claim dated 0001-01-01 (--date, a page's zero date) would
    # overflow date arithmetic
    return (when[0] - doc_date).days <= DATE_WINDOW_DAYS and (doc_date - when[1]).days <= DATE_WINDOW_DAYS


@lru_cache(maxsize=4096)  # a server sees many speakers
def speaker_pattern(name: str, kind: str = "PERSON") -> re.Pattern[str] | None:
    """How passages name a speaker: a person by their surname ("Voronin", "Peskov"); an organisation or group by
    its last two words ("transport department" of "city 's transport department", "foreign ministry"), or by a
    one-word proper name ("Kremlin"). A bare common noun ("council", "traders") or a country ("Russia") names too
    many others: None."""
    words = [w.strip(".,'’") for w in name.split() if w not in ("'s", "’s")]
    words = [w for w in words if w]
    if not words:
        return None
    if kind == "PERSON":
        last = words[-1]
        return re.compile(rf"(?<!\w){re.escape(last)}(?!\w)") if len(last) > 2 and last[0].isupper() else None
    if len(words) >= 2:
        return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words[-2:])) + r"(?!\w)", re.I)
    if words[0][0].isupper() and len(words[0]) > 2 and kind not in ("GPE", "NORP", "LOC"):
        return re.compile(rf"(?<!\w){re.escape(words[0])}(?!\w)")
    return None  # "council", and a country or a people ("Russia", "Ukrainians"), which every passage names


def _names(speaker: re.Pattern[str] | None, text: str) -> bool:
    """Whether a passage names the claim's speaker."""
    return speaker is not None and speaker.search(text) is not None


@cache
def _denial_pattern() -> re.Pattern[str]:
    """A denial (data/sources/attribution.yaml) within ``gap_words`` words, in one sentence, matched from the end of
    the speaker's name."""
    data = yaml.safe_load((resources.files("newssift") / "data" / "sources" / "attribution.yaml").read_text("utf-8"))
    words = sorted(data["denials"], key=len, reverse=True)
    denial = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?:[^\w.!?]+\w+){{0,{int(data['gap_words'])}}}?[^\w.!?]+(?:{denial})(?!\w)", re.I)


def _denies(speaker: re.Pattern[str] | None, text: str) -> bool:
    """Whether a passage reports the speaker denying a statement: a denial word within a few words after their
    name ("Voronin later denied saying", "the department denies"), not before it ("denied Voronin's claim")."""
    if speaker is None:
        return False
    after = _denial_pattern()
    return any(after.match(text, m.end()) for m in speaker.finditer(text))


def cited_origin(text: str, origin: str) -> str | None:
    """The origin key of the one outlet a passage gives as the source of what it reports ("Voronin told TASS",
    "according to Interfax"), when that is not its own origin; None when it cites none, or several."""
    keys = {k for c in find_citations(text) if (k := origin_key(c.name, c.domain)) is not None}
    keys.discard(origin)
    return keys.pop() if len(keys) == 1 else None


def own_origins(doc: Document, st: Structure, prov: ProvenanceResult, corpus: Corpus) -> tuple[set[str], set[int]]:
    """Origins that are the page's own (its outlet, its credits, copies of it) and the stored copies' ids."""
    found = outlet_of(doc, prov)
    origins = {key for key, _name in found.credited}
    if found.outlet != "unknown":
        origins.add(found.key)
    article = "\n".join(doc.text[p.start : p.end] for p in st.paragraphs)
    copies: set[int] = set()
    if article.strip():
        sig = signature(article)
        # the corpus's candidate documents: those sharing passages with the page's article
        hits = corpus.search([doc.text[p.start : p.end] for p in st.paragraphs[:MAX_CLAIMS]], k=5)
        for doc_id, origin in {h.doc: h.origin for hs in hits for h in hs}.items():
            if containment(sig, corpus.signature_of(doc_id)) >= COPY:
                copies.add(doc_id)
                origins.add(origin)
    return origins, copies


def corroborate(
    doc: Document,
    st: Structure,
    prov: ProvenanceResult,
    claims: list[tuple[int, str, float]],
    corpus: Corpus,
    times: dict[int, tuple[date, date]] | None = None,
    speakers: dict[int, tuple[str, str]] | None = None,
) -> list[ClaimCorroboration]:
    """Corroboration of each (claim index, text, check-worthiness) whose check-worthiness reaches CHECKWORTHY, and
    of each quote whose speaker can be named in other reports, whatever its check-worthiness (its attribution can
    be checked); at most MAX_CLAIMS, check-worthy ones first.

    ``times`` gives a claim's time (``claim_time``), by claim index: documents dated more than DATE_WINDOW_DAYS
    outside it are listed in ``other_date``, not counted. ``speakers`` gives the (name, kind) of the speaker of an
    attributed claim: a passage naming them reports them saying it (it confirms the attribution, and agreeing, it is
    neutral on the content), one reporting them denying it disputes it (``Attribution``), and one of another date
    naming them is marked "same speaker, other date"."""
    chosen = _checked(claims, speakers or {})
    if not chosen:
        return []
    own, copies = own_origins(doc, st, prov, corpus)
    candidates, excluded, cited = _candidates([text for _, text, _ in chosen], corpus, own, copies)
    # stance is read against the whole stored article, as the model was trained (FNC-1 bodies); the passage
    # that retrieval found is the evidence shown
    articles = corpus.articles(sorted({p.doc for ps in candidates for p in ps}))
    pairs = [(text, articles[p.doc]) for (_, text, _), ps in zip(chosen, candidates) for p in ps]
    probas = iter(stance_proba(pairs))
    out = []
    for (index, _text, _cw), ps, n_own in zip(chosen, candidates, excluded):
        when = (times or {}).get(index)
        name, kind = (speakers or {}).get(index, ("", ""))
        speaker = speaker_pattern(name, kind) if name else None
        result = ClaimCorroboration(claim=index, excluded_own=n_own, time=when)
        by_origin: dict[str, list[Evidence]] = {}
        apart: dict[str, list[Evidence]] = {}
        for p, pr in zip(ps, probas):  # ps first: zip stops without taking another row of probas
            ev = _evidence(p, pr, speaker, cited[p.id])
            if ev is None:
                continue
            if in_time(iso_date(p.date), when):
                by_origin.setdefault(ev.origin, []).append(ev)
            else:  # another statement or another event: shown apart, so that the reader sees why it is not counted
                apart.setdefault(ev.origin, []).append(ev)
        _set_apart(result, apart, speaker, articles)
        _count(result, by_origin)
        if speaker is not None:
            result.attribution = _attribution(name, by_origin)
        out.append(result)
    return out


def _checked(
    claims: list[tuple[int, str, float]], speakers: dict[int, tuple[str, str]]
) -> list[tuple[int, str, float]]:
    """The claims to corroborate, in page order: the check-worthy ones, then the attributed ones (a speaker other
    reports can name), each by check-worthiness, at most MAX_CLAIMS."""
    attributed = {i for i, (name, kind) in speakers.items() if name and speaker_pattern(name, kind) is not None}
    chosen = [c for c in claims if c[2] >= CHECKWORTHY or c[0] in attributed]
    chosen = sorted(chosen, key=lambda c: (c[2] < CHECKWORTHY, -c[2]))[:MAX_CLAIMS]
    return sorted(chosen, key=lambda c: c[0])


def _candidates(
    queries: list[str], corpus: Corpus, own: set[str], copies: set[int]
) -> tuple[list[list[StoredPassage]], list[int], dict[int, str | None]]:
    """Each query's candidate passages (one per document, the best-ranked, none of the page's own: its outlet, a
    copy of it, or a passage citing its origin), how many retrieved passages were dropped as its own, and the
    origin each passage cites."""
    candidates: list[list[StoredPassage]] = []
    excluded: list[int] = []
    cited: dict[int, str | None] = {}
    for hs in corpus.search(queries, k=CANDIDATES):
        best: dict[int, StoredPassage] = {}
        dropped: set[int] = set()
        for p in hs:
            if p.doc in best or p.doc in dropped:
                continue
            if p.id not in cited:
                cited[p.id] = cited_origin(p.text, p.origin)
            if p.origin in own or p.doc in copies or cited[p.id] in own:
                dropped.add(p.doc)
            else:
                best[p.doc] = p
        candidates.append(list(best.values()))
        excluded.append(sum(p.doc in dropped for p in hs))
    return candidates, excluded, cited


def _evidence(p: StoredPassage, pr: np.ndarray, speaker: re.Pattern[str] | None, cites: str | None) -> Evidence | None:
    """The passage as evidence with its stance, or None when the stance model reads it as unrelated."""
    related = 1.0 - float(pr[LABELS.index("unrelated")])
    if related < RELATED:
        return None
    j = int(np.argmax(pr[:3]))
    return Evidence(
        p,
        LABELS[j],
        round(related, 4),
        round(float(pr[j]) / related, 4),
        attributes=_names(speaker, p.text),
        denies=_denies(speaker, p.text),
        cites=cites,
    )


def _set_apart(
    result: ClaimCorroboration,
    apart: dict[str, list[Evidence]],
    speaker: re.Pattern[str] | None,
    articles: dict[int, str],
) -> None:
    """List the passages of another date (strongest origin first, PASSAGES_PER_ORIGIN each) with the reason."""
    for evs in sorted(apart.values(), key=lambda evs: -max(e.score * e.confidence for e in evs)):
        evs.sort(key=lambda e: (-e.score * e.confidence, -e.passage.score))
        for e in evs[:PASSAGES_PER_ORIGIN]:
            why = SAME_SPEAKER if _names(speaker, articles.get(e.passage.doc, e.passage.text)) else OTHER_DATE
            result.other_date.append((e, why))


def _count(result: ClaimCorroboration, by_origin: dict[str, list[Evidence]]) -> None:
    """One voice per origin in the counts, and its passages listed: the one that decided its voice first, then the
    others by strength, at most PASSAGES_PER_ORIGIN, so that a count never rests on a passage the report does not
    show."""
    listed: list[list[Evidence]] = []
    for evs in by_origin.values():
        verdict = _origin_stance(evs)
        if verdict == "agree":
            result.supports += 1
        elif verdict == "disagree":
            result.contradicts += 1
        else:
            result.discusses += 1
        decider = _decider(evs)
        evs.sort(key=lambda e: (e is not decider, -e.score * e.confidence, -e.passage.score))
        listed.append(evs[:PASSAGES_PER_ORIGIN])
        result.not_listed += max(0, len(evs) - PASSAGES_PER_ORIGIN)
    listed.sort(key=lambda evs: (-evs[0].score, -evs[0].confidence))
    result.evidence = [e for evs in listed for e in evs]


def content_stance(e: Evidence) -> str:
    """A passage's stance on the claim's content: a passage that agrees by reporting the claim's speaker saying it
    is a faithful report of the quote, which confirms the attribution and is neutral on the content (discuss)."""
    return "discuss" if e.stance == "agree" and e.attributes else e.stance


def _decider(evs: list[Evidence]) -> Evidence:
    """The passage that gives an origin its voice: its most confident passage taking a side on the content, else
    its most confident one (the origin discusses)."""
    taking_sides = [e for e in evs if content_stance(e) in ("agree", "disagree")]
    return max(taking_sides or evs, key=lambda e: e.score * e.confidence)


def _origin_stance(evs: list[Evidence]) -> str:
    """One origin, one voice: its most confident passage taking a side on the content decides; else it discusses."""
    return stance if (stance := content_stance(_decider(evs))) in ("agree", "disagree") else "discuss"


def _attribution(speaker: str, by_origin: dict[str, list[Evidence]]) -> Attribution:
    """Confirmed when an independent origin reports the speaker saying it and none reports them denying it;
    disputed when one reports the speaker denying it; else unconfirmed."""
    found = Attribution(speaker, "unconfirmed")
    for origin, evs in by_origin.items():
        if any(e.denies for e in evs):
            found.disputed_by.append(origin)
        elif any(e.attributes for e in evs):  # agreeing or not with the content, it reports them saying it
            found.confirmed_by.append(origin)
    found.status = "disputed" if found.disputed_by else "confirmed" if found.confirmed_by else "unconfirmed"
    return found


__all__ = ["ClaimCorroboration", "Corpus", "Evidence", "classify_stance", "corroborate"]
