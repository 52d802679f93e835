"""Structure of an HTML page: trafilatura for the main content and metadata, newssift for comments and boxes.

Order of work on one parsed tree:
1. metadata (title, site name, date, author) with trafilatura's metadata extractor;
2. the comment section found and taken out (``html_comments``);
3. publisher boxes inside the article container (disclaimers, newsletter prompts, share bars) taken out;
4. trafilatura extracts the article from what is left; its paragraphs are sorted into article text and
   boilerplate by wording (``boilerplate.classify``).
The Document text is composed from these pieces, in page order, blank-line separated.
"""

from __future__ import annotations

import re

import trafilatura
from lxml.html import HtmlElement

from newssift.document import Document, Metadata, Span, TextBuilder
from newssift.errors import InputError
from newssift.structure.boilerplate import classify, is_heading_like
from newssift.structure.html_comments import CommentSection, find_comments, named_like, text_of
from newssift.structure.html_index import NameIndex
from newssift.structure.html_meta import page_metadata
from newssift.structure.html_tree import parse_html
from newssift.structure.model import Comment, Structure

_BOX = re.compile(
    r"^(?:disclaimer|editors?-?note|notice|article-?notice|newsletter(?:-\w+)?|subscribe|subscription|signup|"
    r"sign-up|share|shares|sharing|share-?(?:bar|buttons|links|tools|box)|social(?:-\w+)?|related(?:-\w+)?|"
    r"author-?(?:bio|box|info)|about-?(?:the-)?author|copyright|promo|cta|consent|gdpr|cookie(?:-\w+)?|"
    r"(?:post|entry|article)-?(?:tags|categories|footer|share|meta-bottom)|tags|tag-?links|sharedaddy|"
    r"jp-relatedposts|yarpp-related|addtoany_share_save_container|sd-sharing-enabled|wp-block-buttons)$",
    re.I,
)
_BOX_KIND = [
    (re.compile(r"disclaimer|notice|editors?-?note", re.I), "disclaimer"),
    (re.compile(r"newsletter|subscri|signup|sign-up|cta|promo", re.I), "subscribe"),
    (re.compile(r"share|social|addtoany", re.I), "share_prompt"),
    (re.compile(r"related", re.I), "related_links"),
    (re.compile(r"author", re.I), "author_bio"),
    (re.compile(r"copyright", re.I), "copyright"),
    (re.compile(r"consent|gdpr|cookie", re.I), "consent"),
    (re.compile(r"tag|categor", re.I), "tags"),
]
_MAX_BOX_CHARS = 2000
_BOXISH = re.compile(
    r"disclaimer|note|notice|newsletter|subscri|sign|shar|social|related|author|copyright|promo|cta|consent|"
    r"gdpr|cookie|tag|categor|buttons|addtoany"
)


def _box_kind(el: HtmlElement) -> str:
    names = " ".join([el.get("id") or "", el.get("class") or ""])
    for rx, kind in _BOX_KIND:
        if rx.search(names):
            return kind
    return "boilerplate"


def _attached(el: HtmlElement, root: HtmlElement) -> bool:
    for anc in el.iterancestors():
        if anc is root:
            return True
    return el is root


def _find_boxes(index: NameIndex, body_chars: int) -> list[tuple[str, str, HtmlElement]]:
    """Small publisher boxes named as such (disclaimer, newsletter, share, related...), outermost only."""
    boxes: list[tuple[str, str, HtmlElement]] = []
    taken: set[HtmlElement] = set()
    for el in index.named(_BOXISH):
        if el.tag in ("html", "body", "a", "span", "script", "style"):
            continue
        if not named_like(el, _BOX):
            continue
        if any(a in taken for a in el.iterancestors()) or not _attached(el, index.tree):
            continue
        text = text_of(el)
        # never a container holding a large part of the page: that is layout, not a box
        if len(text) > _MAX_BOX_CHARS or (body_chars and len(text) > 0.3 * body_chars):
            continue
        taken.add(el)
        boxes.append((_box_kind(el), text, el))
    return boxes


_BYLINE_NAME = re.compile(r"byline|author|writer|vcard|reporter")
_BYLINE_TOKEN = re.compile(
    r"^(?:byline|by-?line|author|author-?name|post-?author|entry-?author|article-?author|story-?author|by-?author|"
    r"writer|reporter|vcard|fn)$",
    re.I,
)
_BY_PREFIX = re.compile(r"^(?:by|written\s+by|posted\s+by|von|par|por)\s+", re.I)


def _byline_from_markup(index: NameIndex) -> str | None:
    """The first short element named as a byline or author ("By Jane Doe"), before any comment section."""
    for el in index.named(_BYLINE_NAME):
        if el.tag in ("meta", "link", "script", "style", "body", "html"):
            continue
        if not named_like(el, _BYLINE_TOKEN):
            continue
        if any(re.search(r"comment", (a.get("class") or "") + (a.get("id") or ""), re.I) for a in el.iterancestors()):
            continue
        text = " ".join(el.text_content().split())
        if 3 <= len(text) <= 80 and (_BY_PREFIX.match(text) or not text.endswith((".", "?", "!"))):
            return _BY_PREFIX.sub("", text).strip() or None
    return None


def _remove(el: HtmlElement) -> None:
    parent = el.getparent()
    if parent is None:
        return
    # keep the tail text, which belongs to the parent
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


#: HTML characters above which trafilatura runs without its fallback extractors (readability, jusText): on a 5 MB
#: page they cost about 80 MB and gave the same text (issue 28: memory at most 200 MB + 20x the input); every page
#: of the extraction benchmarks is under 1.5 MB, so their figures are those of the full extractor
FAST_ABOVE = 2_000_000


def _extract_article(tree: HtmlElement, url: str | None, fast: bool = False) -> str:
    text = trafilatura.extract(
        tree,
        url=url,
        favor_precision=True,
        include_comments=False,
        with_metadata=False,
        include_tables=True,
        fast=fast,
    )
    if not text:
        text = trafilatura.extract(
            tree, url=url, favor_recall=True, include_comments=False, with_metadata=False, fast=fast
        )
    return text or ""


def _take_out_extras(
    tree: HtmlElement, index: NameIndex, body_chars: int
) -> tuple[CommentSection | None, list[tuple[str, str, HtmlElement]]]:
    """Take the comment section, comment forms and publisher boxes out of the tree, so that the article
    extractor does not read them; the section and the boxes (kind, text, element) are returned."""
    section: CommentSection | None = find_comments(tree, index)
    if section is not None:
        for el in section.elements:
            _remove(el)
    for el in list(tree.iter("form")):
        names = " ".join([el.get("id") or "", el.get("class") or "", el.get("action") or ""])
        if re.search(r"comment|respond|reply", names, re.I):
            _remove(el)
    boxes = _find_boxes(index, body_chars)
    for _kind, _text, el in boxes:
        _remove(el)
    return section, boxes


def _article_lines(article_text: str, title: str | None) -> list[str]:
    """The extracted article's non-blank lines, without a first line that repeats the title."""
    lines = [ln.strip() for ln in article_text.split("\n") if ln.strip()]
    if title and lines and _norm(lines[0]) == _norm(title):
        lines = lines[1:]
    return lines


def _line_kinds(lines: list[str]) -> list[str | None]:
    """The boilerplate kind of each article line (None: article text)."""
    kinds = [classify(ln) for ln in lines]
    # after the article's last paragraph, publisher text is expected: weaker evidence suffices there
    last = len(lines) - 1
    while last >= 0:
        kinds[last] = kinds[last] or classify(lines[last], tail=True)
        if kinds[last] is None:
            break
        last -= 1
    return kinds


def _article_spans(tb: TextBuilder, article_text: str, title: str | None) -> tuple[list[Span], list[Span]]:
    """The article's lines added to the text: paragraphs and headings, and the boilerplate among them."""
    lines = _article_lines(article_text, title)
    spans = [tb.add(ln) for ln in lines]
    kinds = _line_kinds(lines)
    paragraphs: list[Span] = []
    boiler: list[Span] = []
    for span, kind, ln in zip(spans, kinds, lines):
        if kind is None:
            paragraphs.append(Span(span.start, span.end, "heading" if is_heading_like(ln) else "paragraph"))
        else:
            boiler.append(Span(span.start, span.end, kind))
    return paragraphs, boiler


def _comment_spans(tb: TextBuilder, section: CommentSection) -> list[Comment]:
    """The comments added to the text, each with its header line (author, date) when it has one. A comment with
    no words at all (deleted, collapsed) is left out; its replies move up to its parent."""
    comments: list[Comment] = []
    moved: dict[str, str | None] = {}
    depth_of: dict[str, int] = {}
    for c in section.comments:
        parent = c.parent
        while parent in moved:
            parent = moved[parent]
        header_text = " · ".join(x for x in (c.author, c.date) if x)
        if not c.text and not header_text:
            moved[c.id] = parent
            continue
        header = tb.add(header_text, "header") if header_text else None
        if c.text:
            body = tb.add(c.text, "comment", sep="\n" if header else "\n\n")
        else:  # only a header line survives (a deleted comment): that line is the comment
            assert header is not None
            body, header = Span(header.start, header.end, "comment"), None
        depth = 0 if parent is None else depth_of.get(parent, -1) + 1
        depth_of[c.id] = depth
        comments.append(
            Comment(id=c.id, parent=parent, span=body, depth=depth, author=c.author, date=c.date, header=header)
        )
    return comments


def analyze_html(html: str, *, url: str | None = None) -> tuple[Document, Structure]:
    tree = parse_html(html)
    if tree is None:
        raise InputError("the HTML could not be parsed")
    index = NameIndex(tree)
    meta = page_metadata(tree, url)
    byline = meta.author or _byline_from_markup(index)
    body_el = tree.find(".//body")
    body_chars = len(body_el.text_content()) if body_el is not None else 0
    section, boxes = _take_out_extras(tree, index, body_chars)
    article_text = _extract_article(tree, url, fast=len(html) > FAST_ABOVE)
    title = (meta.title or "").strip() or None

    # the Document text, in page order: title, article, boxes, comments
    tb = TextBuilder()
    title_span: Span | None = tb.add(title, "title") if title else None
    paragraphs, boiler = _article_spans(tb, article_text, title)
    for kind, text, _el in boxes:
        if text:
            boiler.append(Span(*_offsets(tb.add(text)), kind))
    comments = _comment_spans(tb, section) if section is not None else []
    doc = Document(
        text=tb.build(),
        meta=Metadata(
            url=meta.url,
            title=title,
            site_name=meta.site_name,
            date=meta.date,
            byline=byline,
            language=None,
            source_type="html",
        ),
    )
    return doc, Structure(
        title=title_span,
        byline=None,
        paragraphs=tuple(paragraphs),
        boilerplate=tuple(boiler),
        comments=tuple(comments),
    )


def _offsets(s: Span) -> tuple[int, int]:
    return s.start, s.end


def visible_text(html: str) -> str:
    """The visible text of a page or fragment, block elements on their own lines."""
    tree = parse_html(html if "<html" in html[:2000].lower() else f"<html><body><div>{html}</div></body></html>")
    if tree is None:
        return ""
    body = tree.find(".//body")
    return text_of(body if body is not None else tree)
