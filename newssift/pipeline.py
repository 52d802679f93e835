"""analyze(): source → Document + structure → the registered stages, in one loop → Report.

The stages are in :mod:`newssift.stages`; this module keeps what they share (options, the report converters)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newssift import __version__
from newssift.document import Document, Metadata, Span, iso_date
from newssift.errors import InputError, NewssiftError
from newssift.ingest import DEFAULT_MAX_BYTES, RawPage, load
from newssift.report import (
    SCHEMA_ID,
    Article,
    Attribution,
    Boilerplate,
    Claim,
    Comment,
    Corroboration,
    DocumentInfo,
    Evidence,
    EvidencePassage,
    Generator,
    Moderation,
    Offsets,
    Outlet,
    Paragraph,
    Provenance,
    Quote,
    Rating,
    Report,
    Speaker,
    StateAffiliation,
    TechniqueFinding,
    TechniqueSummary,
    TextSpan,
    TimelineEntry,
)
from newssift.stages import BUILTIN, Analysis, ReportBuilder, enabled_stages
from newssift.structure.html import analyze_html, visible_text
from newssift.structure.model import Structure

if TYPE_CHECKING:
    from newssift.claims import ClaimsResult
    from newssift.moderation.policy import Policy
    from newssift.provenance import ProvenanceResult
    from newssift.techniques import TechniquesResult
from newssift.structure.text import analyze_text


def structure(raw: RawPage) -> tuple[Document, Structure]:
    """The Document and its structure, from ingested content."""
    if raw.kind == "html":
        doc, st = analyze_html(raw.text, url=raw.url)
        if st.paragraphs or st.comments:
            return doc, st
        # markup with no extractable article (a fragment, a page of links): read its visible text as text
        text = visible_text(raw.text)
        if not text.strip():
            return doc, replace(st, notes=(*st.notes, "the page has no visible text"))
        st = analyze_text(text)
        st = replace(st, notes=(*st.notes, "no article found in the HTML; its visible text was read as plain text"))
        return Document(text, replace(doc.meta, source_type="html")), st
    st = analyze_text(raw.text)
    byline = raw.text[st.byline.start : st.byline.end] if st.byline else None
    title = raw.text[st.title.start : st.title.end] if st.title else None
    doc = Document(raw.text, Metadata(url=raw.url, title=title, byline=byline, date=st.date, source_type="text"))
    return doc, st


def _span(doc: Document, s: Span) -> TextSpan:
    return TextSpan(start=s.start, end=s.end, text=doc.text[s.start : s.end])


def _offsets(s: Span | None) -> Offsets | None:
    return None if s is None else Offsets(start=s.start, end=s.end)


#: Comments moderated on one page, in page order; the rest get no verdict and the report's warnings say so. At
#: about 4 ms a comment (the encoder, one thread) this bounds the stage near 20 s, where a 5 MB page of one-line
#: "comments" would otherwise hold the server's analysis thread for minutes.
MAX_MODERATED_COMMENTS = 5000


def moderate_comments(
    doc: Document, st: Structure, policy: Policy | None = None
) -> tuple[list[Moderation | None], list[str]]:
    """The moderation stage over the page's comments (the first MAX_MODERATED_COMMENTS), each reply judged with its
    parent in view; and what it did not read."""
    from newssift.moderation import to_report
    from newssift.moderation.policy import load_policy
    from newssift.moderation.stage import judge

    policy = policy or load_policy()
    comments = st.comments[:MAX_MODERATED_COMMENTS]
    index = {c.id: i for i, c in enumerate(comments)}
    texts = [doc.text[c.span.start : c.span.end] for c in comments]
    parents = [index.get(c.parent) if c.parent else None for c in comments]
    verdicts = judge(texts, parents, policy=policy)
    judged: list[Moderation | None] = [to_report(v, c.span.start, policy.name) for v, c in zip(verdicts, comments)]
    rest = len(st.comments) - len(comments)
    notes = []
    if rest > 0:
        notes.append(
            f"moderation read the first {len(comments):,} of {len(st.comments):,} comments (its cap); "
            f"the {rest:,} after comment {comments[-1].id} have no verdict"
        )
    return judged + [None] * rest, notes


#: the page date from metadata or --date (an ISO date, possibly with a time after it), or None
parse_page_date = iso_date


def claims_section(doc: Document, result: ClaimsResult) -> dict[str, list[Any]]:
    t = doc.text
    speakers = [
        Speaker(name=e.name, role=e.role, kind=e.kind, mentions=[Offsets(start=a, end=b) for a, b in e.mentions])
        for e in result.entities
    ]

    def span(a: int, b: int) -> TextSpan:
        return TextSpan(start=a, end=b, text=t[a:b])

    quotes = [
        Quote(
            speaker=speakers[q.speaker],
            speaker_mention=Offsets(start=q.speaker_span[0], end=q.speaker_span[1]),
            cue=span(*q.cue),
            content=span(*q.content),
            direct=q.direct,
            venue=span(*q.venue) if q.venue else None,
        )
        for q in result.quotes
    ]
    claims = [
        Claim(start=c.start, end=c.end, text=t[c.start : c.end], checkworthiness=c.checkworthiness, quote=c.quote)
        for c in result.claims
    ]
    timeline = [
        TimelineEntry(
            start=e.start,
            end=e.end,
            text=t[e.start : e.end],
            date=e.date or "",
            precision=e.precision,  # type: ignore[arg-type]
            qualifier=e.qualifier,
        )
        for e in result.timeline
    ]
    return {"quotes": quotes, "claims": claims, "timeline": timeline}


def provenance_section(result: ProvenanceResult) -> Provenance:
    def outlet(o: Any) -> Outlet:
        info = o.info
        aff = info.state_affiliated
        return Outlet(
            name=info.name,
            domain=info.domain,
            evidence=[Offsets(start=a, end=b) for a, b in o.evidence],
            how=list(o.how),
            state_affiliated=StateAffiliation(country=aff.country, citation=aff.citation, as_of=aff.as_of)
            if aff
            else None,
            ratings=[Rating(scale=r.scale, value=r.value, source=r.source, as_of=r.as_of) for r in info.ratings],
        )

    return Provenance(
        publisher=outlet(result.publisher) if result.publisher else None,
        credited=[outlet(c) for c in result.credited],
    )


def techniques_section(doc: Document, result: TechniquesResult) -> dict[str, Any]:
    t = doc.text
    return {
        "techniques": [
            TechniqueFinding(
                start=s.start,
                end=s.end,
                text=t[s.start : s.end],
                label=s.label,  # type: ignore[arg-type]
                score=s.score,
                explanation=s.explanation,
                source=s.source,  # type: ignore[arg-type]
            )
            for s in result.spans
        ],
        "technique_summary": TechniqueSummary(
            counts=result.counts,
            per_1000_words=result.per_1000_words,
            words=result.words,
            sentences=result.sentences,
        ),
    }


def _check_extensions(extensions: dict[str, Any]) -> None:
    """A stage of one's own gives its report section as JSON values; anything else is refused by name here,
    before the report is built, rather than failing when the report is written."""
    for name, value in extensions.items():
        try:
            json.dumps(value, allow_nan=False)
        except (TypeError, ValueError) as e:
            raise NewssiftError(f"the report section {name!r} is not a JSON value ({e}); give lists, dicts, "
                                "strings, numbers, booleans or None") from None  # fmt: skip


def build_report(
    doc: Document,
    st: Structure,
    *,
    encoding: str | None = None,
    moderation: list[Moderation | None] | None = None,
    warnings: list[str] | None = None,
    fields: dict[str, Any] | None = None,
) -> Report:
    """The report of *doc*: its structure, and the sections the stages give (``fields``: report fields by name)."""
    t = doc.text
    byline = doc.meta.byline
    if st.byline is not None:
        byline = t[st.byline.start : st.byline.end]
    return Report(
        schema=SCHEMA_ID,
        generator=Generator(version=__version__),
        document=DocumentInfo(
            text=t,
            url=doc.meta.url,
            title=doc.meta.title,
            byline=byline,
            site_name=doc.meta.site_name,
            date=doc.meta.date,
            source_type="html" if doc.meta.source_type == "html" else "text",
            encoding=encoding,
            length=len(t),
        ),
        article=Article(
            title=_span(doc, st.title) if st.title else None,
            byline=_span(doc, st.byline) if st.byline else None,
            paragraphs=[
                Paragraph(start=p.start, end=p.end, text=t[p.start : p.end], kind=p.label or "paragraph")  # type: ignore[arg-type]
                for p in st.paragraphs
            ],
        ),
        boilerplate=[
            Boilerplate(start=b.start, end=b.end, text=t[b.start : b.end], kind=b.label) for b in st.boilerplate
        ],
        comments=[
            Comment(
                id=c.id,
                parent=c.parent,
                start=c.span.start,
                end=c.span.end,
                text=t[c.span.start : c.span.end],
                depth=c.depth,
                author=c.author,
                date=c.date,
                header=_offsets(c.header),
                marker=_offsets(c.marker),
                moderation=moderation[i] if moderation is not None else None,
            )
            for i, c in enumerate(st.comments)
        ],
        warnings=list(st.notes) + (warnings or []),
        **(fields or {}),
    )


@dataclass(frozen=True, slots=True)
class Options:
    """What to run on a page besides its structure, and how: the one options object the CLI, the Python API, the
    HTTP server and batch runs build. ``disable`` names stages not to run (:func:`newssift.stages.stage_names`);
    ``moderate``, ``claims`` and ``techniques`` set to False disable those stages too."""

    moderate: bool = True  # moderate every comment
    policy: str | Path | None = None  # moderation policy file; the default policy when None
    claims: bool = True  # quotes, check-worthy claims, timeline
    page_date: str | None = None  # ISO date overriding the one found in the page
    include_comments: bool = False  # read comments for quotes, claims, dates and techniques too
    techniques: bool = True  # persuasion techniques in the article
    corpus: str | Path | None = None  # a corpus folder (`newssift corpus add`): corroborate the claims against it
    disable: tuple[str, ...] = ()  # stages not to run, by name

    def __post_init__(self) -> None:
        names = (self.disable,) if isinstance(self.disable, str) else tuple(self.disable)
        object.__setattr__(self, "disable", names)  # a list or one name given: a tuple, hashable and comparable

    @property
    def disabled(self) -> frozenset[str]:
        """The stages these options switch off: ``disable`` and the stages whose boolean is False."""
        off = {
            name
            for name, on in (("moderation", self.moderate), ("claims", self.claims), ("techniques", self.techniques))
            if not on
        }
        return frozenset(self.disable) | off


_DEFAULTS = Options()


def analyze(
    source: str | bytes | Path,
    *,
    url: str | None = None,
    allow_private: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    moderate: bool = True,
    policy: str | Path | None = None,
    claims: bool = True,
    page_date: str | None = None,
    include_comments: bool = False,
    corpus: str | Path | None = None,
    techniques: bool = True,
    disable: Iterable[str] = (),
    options: Options | None = None,
) -> Report:
    """Analyse a page: *source* is a path, a URL, or the page content itself (HTML or text, str or bytes).

    ``url`` names the page's address when the content comes from a file or a string.
    URLs to private, loopback and link-local addresses are refused unless ``allow_private`` is set.
    Every comment is moderated (``moderate=False`` skips it) under ``policy`` (a YAML file; default policy if None).
    Quotes, check-worthy claims and a timeline are extracted from the article (``include_comments`` adds the
    comments; ``claims=False`` skips the stage); ``page_date`` (ISO) overrides the date found in the page.
    ``corpus`` (a folder made by ``newssift corpus add``) fills ``corroboration`` for the check-worthy claims.
    Persuasion techniques are found in the article (and the comments with ``include_comments``);
    ``techniques=False`` skips the stage.
    ``disable=["techniques", ...]`` switches stages off by name (:func:`newssift.stages.stage_names`, a stage of
    one's own included). ``options`` gives all of these as one :class:`Options` instead of keywords (not both).
    """
    given = Options(
        moderate=moderate,
        policy=policy,
        claims=claims,
        page_date=page_date,
        include_comments=include_comments,
        corpus=corpus,
        techniques=techniques,
        disable=tuple(disable) if not isinstance(disable, str) else (disable,),
    )
    if options is not None and given != _DEFAULTS:
        raise TypeError("analyze() takes the options as one Options or as keywords, not both")
    raw = load(source, url=url, allow_private=allow_private, max_bytes=max_bytes)
    return analyze_raw(raw, options if options is not None else given)


#: The steps analyze_raw() reports to its ``progress`` callback, in order (some are skipped by the options): the
#: built-in stages between structure and report. A stage registered later is reported by its name after these.
STAGES = ("structure", *(stage.name for stage in BUILTIN), "report")


def check_options(opts: Options) -> Policy | None:
    """Refuse options that cannot work, whatever the page holds (InputError, one line): a --date that is not an
    ISO date, a policy file that is missing or invalid (even when the page has no comment to moderate), --corpus
    without claims, a stage to disable that does not exist, a stage that needs one that is disabled. Returns the
    policy named by ``opts.policy`` (None for the default one)."""
    if opts.corpus is not None and not opts.claims:
        raise InputError("corroboration checks the page's claims: --corpus cannot be used with --no-claims")
    if opts.page_date is not None and parse_page_date(opts.page_date) is None:
        raise InputError(f"--date {opts.page_date!r} is not an ISO date (YYYY-MM-DD)")
    enabled_stages(opts, opts.disabled)
    if opts.policy is None:
        return None
    from newssift.moderation.policy import load_policy

    return load_policy(Path(opts.policy))


def analyze_raw(raw: RawPage, options: Options | None = None, progress: Callable[[str], None] | None = None) -> Report:
    """Run the stages on ingested content. ``progress(step)`` is called as each step of :data:`STAGES` starts."""
    report = run_stages(raw, options, progress).report
    assert report is not None
    return report


def run_stages(raw: RawPage, options: Options | None = None, progress: Callable[[str], None] | None = None) -> Analysis:
    """Structure, then each enabled stage in one loop, then the report: the whole :class:`Analysis` (its
    ``findings`` by stage, its ``report``). ``progress(step)`` is called as each step starts."""
    opts = options or Options()
    policy = check_options(opts)
    stages = enabled_stages(opts, opts.disabled)
    step = progress or (lambda _stage: None)
    step("structure")
    doc, st = structure(raw)
    if opts.page_date is not None:
        doc = Document(doc.text, replace(doc.meta, date=opts.page_date))
    analysis = Analysis(raw=raw, options=opts, document=doc, structure=st, policy=policy)
    for stage in stages:
        if all(analysis.ran(r) for r in stage.requires) and stage.applies(analysis):
            step(stage.name)
            analysis.findings[stage.name] = stage.run(analysis)
    step("report")
    parts = ReportBuilder()
    for stage in stages:
        if analysis.ran(stage.name):
            stage.report(analysis, parts)
    _check_extensions(parts.extensions)
    analysis.report = build_report(
        doc,
        st,
        encoding=raw.encoding,
        moderation=parts.moderation,
        warnings=analysis.warnings,
        fields={**parts.fields, **({"extensions": parts.extensions} if parts.extensions else {})},
    )
    return analysis


def corroboration_section(
    doc: Document,
    st: Structure,
    prov: ProvenanceResult,
    claims: list[Claim],
    corpus: Path,
    timeline: list[TimelineEntry] | None = None,
    quotes: list[Quote] | None = None,
) -> list[Corroboration]:
    from newssift.corroborate import Corpus, claim_time, corroborate

    page_date = parse_page_date(doc.meta.date)
    dated = [(t.start, t.end, t.date or None, t.precision) for t in timeline or []]
    times = {i: w for i, c in enumerate(claims) if (w := claim_time((c.start, c.end), dated, page_date)) is not None}
    speakers = {
        i: (quotes[c.quote].speaker.name, quotes[c.quote].speaker.kind)
        for i, c in enumerate(claims)
        if quotes and c.quote is not None
    }
    with Corpus(corpus) as c:
        found = corroborate(
            doc, st, prov, [(i, x.text, x.checkworthiness) for i, x in enumerate(claims)], c, times, speakers
        )

    def evidence(e: Any, why: str | None = None) -> Evidence:
        return Evidence(
            document=e.passage.key,
            outlet=e.passage.outlet,
            origin=e.passage.origin,
            url=e.passage.url,
            title=e.passage.title,
            date=e.passage.date,
            passage=EvidencePassage(start=e.passage.start, end=e.passage.end, text=e.passage.text),
            stance=e.stance,
            score=e.score,
            confidence=min(1.0, e.confidence),
            reports_speaker=e.attributes,
            speaker_denies=e.denies,
            cites=e.cites,
            set_apart=why,  # type: ignore[arg-type]
        )

    def when(t: tuple[date, date] | None) -> str | None:
        if t is None:
            return None
        return t[0].isoformat() if t[0] == t[1] else f"{t[0].isoformat()}/{t[1].isoformat()}"

    return [
        Corroboration(
            claim=r.claim,
            supports=r.supports,
            contradicts=r.contradicts,
            discusses=r.discusses,
            excluded_own=r.excluded_own,
            not_listed=r.not_listed,
            evidence=[evidence(e) for e in r.evidence],
            time=when(r.time),
            other_date=[evidence(e, why) for e, why in r.other_date],
            attribution=Attribution(
                speaker=r.attribution.speaker,
                status=r.attribution.status,  # type: ignore[arg-type]
                confirmed_by=r.attribution.confirmed_by,
                disputed_by=r.attribution.disputed_by,
            )
            if r.attribution
            else None,
        )
        for r in found
    ]
