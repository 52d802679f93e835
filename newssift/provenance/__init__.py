"""Provenance: who publishes the page, who is credited with writing it, what independent raters say of each.

``analyze_provenance`` reads the Document and its structure: the publisher from the URL's registered domain,
the site-name metadata, or (plain text) outlet names in the publisher's boilerplate; credited origins from
bylines, wire datelines and source lines. Every clue carries its evidence span. ``lookup_source`` and
``same_origin`` are the registry and syndication helpers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newssift.document import Document
from newssift.provenance.credits import Clue, find_credits, publisher_clues
from newssift.provenance.registry import SourceInfo, get_registry, lookup_source
from newssift.provenance.syndication import SyndicationIndex, same_origin
from newssift.structure.model import Structure


@dataclass(slots=True)
class Outlet:
    info: SourceInfo
    evidence: list[tuple[int, int]] = field(default_factory=list)
    how: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ProvenanceResult:
    publisher: Outlet | None
    credited: list[Outlet]


def analyze_provenance(doc: Document, st: Structure) -> ProvenanceResult:
    reg = get_registry()
    text = doc.text
    publisher: Outlet | None = None
    if doc.meta.url:
        info = reg.lookup(doc.meta.url)
        if info.domain:
            if info.name is None and doc.meta.site_name:
                info = SourceInfo(doc.meta.site_name, info.domain, info.ratings, info.state_affiliated)
            publisher = Outlet(info, [], ["the page's URL"])
    if publisher is None and doc.meta.site_name:
        info = reg.lookup(doc.meta.site_name)
        if info.known:
            publisher = Outlet(info, [], ["the page's site-name metadata"])
    if publisher is None:
        clues = publisher_clues(text, [(b.start, b.end) for b in st.boilerplate])
        if clues:
            name, _n = Counter(c.name for c in clues).most_common(1)[0]
            chosen = [c for c in clues if c.name == name]
            publisher = Outlet(reg.lookup(chosen[0].domain), [(c.start, c.end) for c in chosen], [chosen[0].how])
            if publisher.info.name is None:
                info = publisher.info
                publisher.info = SourceInfo(name, chosen[0].domain, info.ratings, info.state_affiliated)
    regions = [(p.start, p.end) for p in st.paragraphs] + [(b.start, b.end) for b in st.boilerplate]
    byline = (st.byline.start, st.byline.end) if st.byline else None
    credits = find_credits(text, regions, byline)
    if st.byline is None and doc.meta.byline and doc.meta.source_type == "html":
        # HTML: the byline is metadata, not a span of the document text; a credit named there has no span
        hit = reg.name_for(doc.meta.byline.removeprefix("By ").strip())
        if hit:
            credits.append(Clue(hit[0], hit[1], -1, -1, "byline metadata"))
    credited: dict[str, Outlet] = {}
    for c in credits:
        out = credited.get(c.domain)
        if out is None:
            info = reg.lookup(c.domain)
            info = SourceInfo(c.name, info.domain or c.domain, info.ratings, info.state_affiliated)
            out = credited[c.domain] = Outlet(info)
        if c.start >= 0:
            out.evidence.append((c.start, c.end))
        if c.how not in out.how:
            out.how.append(c.how)
    return ProvenanceResult(publisher, list(credited.values()))


__all__ = ["ProvenanceResult", "SyndicationIndex", "analyze_provenance", "lookup_source", "same_origin"]
