"""analyze(): source → Document + structure → Report. The one place stages are run in order."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from newssift import __version__
from newssift.document import Document, Metadata, Span
from newssift.ingest import DEFAULT_MAX_BYTES, RawPage, load
from newssift.report import (
    SCHEMA_ID,
    Article,
    Boilerplate,
    Comment,
    DocumentInfo,
    Generator,
    Moderation,
    Offsets,
    Paragraph,
    Report,
    TextSpan,
)
from newssift.structure.html import analyze_html, visible_text
from newssift.structure.model import Structure

if TYPE_CHECKING:
    from newssift.moderation.policy import Policy
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


def moderate_comments(doc: Document, st: Structure, policy: Policy | None = None) -> list[Moderation]:
    """The moderation stage over the page's comments, each reply judged with its parent in view."""
    from newssift.moderation import to_report
    from newssift.moderation.policy import load_policy
    from newssift.moderation.stage import judge

    policy = policy or load_policy()
    index = {c.id: i for i, c in enumerate(st.comments)}
    texts = [doc.text[c.span.start : c.span.end] for c in st.comments]
    parents = [index.get(c.parent) if c.parent else None for c in st.comments]
    verdicts = judge(texts, parents, policy=policy)
    return [to_report(v, c.span.start, policy.name) for v, c in zip(verdicts, st.comments, strict=True)]


def build_report(
    doc: Document, st: Structure, *, encoding: str | None = None, moderation: list[Moderation] | None = None
) -> Report:
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
        warnings=list(st.notes),
    )


def analyze(
    source: str | bytes | Path,
    *,
    url: str | None = None,
    allow_private: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    moderate: bool = True,
    policy: str | Path | None = None,
) -> Report:
    """Analyse a page: *source* is a path, a URL, or the page content itself (HTML or text, str or bytes).

    ``url`` names the page's address when the content comes from a file or a string.
    URLs to private, loopback and link-local addresses are refused unless ``allow_private`` is set.
    Every comment is moderated (``moderate=False`` skips it) under ``policy`` (a YAML file; default policy if None).
    """
    raw = load(source, url=url, allow_private=allow_private, max_bytes=max_bytes)
    return analyze_raw(raw, moderate=moderate, policy=policy)


def analyze_raw(raw: RawPage, *, moderate: bool = True, policy: str | Path | None = None) -> Report:
    doc, st = structure(raw)
    moderation = None
    if moderate and st.comments:
        from newssift.moderation.policy import load_policy

        moderation = moderate_comments(doc, st, load_policy(Path(policy) if policy is not None else None))
    return build_report(doc, st, encoding=raw.encoding, moderation=moderation)
