"""The parsed tree of a page, whatever its depth.

libxml2's HTML parser stops at 256 levels of nesting: past that it reports "Excessive depth in document" and
gives up on the rest of the page, so 300 unclosed ``<font>`` tags before an article used to leave a tree with no
article in it (the report then said "the page has no visible text"). ``huge_tree`` only moves the limit to 2,048.

``parse_html`` parses with trafilatura's ``load_html`` as before; when the tree it gets reaches
:data:`DEEP` levels (the page may have been cut there), the page is parsed again with a builder of newssift's own
as the parser's target, which receives every element however deep (the limit lives in libxml2's tree builder,
not in its tokenizer) and puts an element that would lie deeper than :data:`MAX_DEPTH` beside the open element at
that depth instead of inside it. Text stays in page order and nothing is dropped; only nesting past
``MAX_DEPTH`` is flattened, which also keeps every later tree walk (recursive ones included) shallow.
"""

from __future__ import annotations

import lxml.html
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html, repair_faulty_html

#: a tree this deep may have been cut by libxml2 (256 levels): the page is parsed again with the flattening builder
DEEP = 250
#: elements nested deeper than this are placed beside the open element at this depth (flattening builder only)
MAX_DEPTH = 128

# an element at DEEP levels: the path /*/*/.../* from the document root (one XPath step per level, linear)
_HAS_DEEP = etree.XPath("boolean(/*" + "/*" * (DEEP - 1) + ")")


def _parser(builder: _FlatBuilder, encoding: str | None = None) -> etree.HTMLParser:
    # the options of trafilatura's own parser (trafilatura.utils.HTML_PARSER)
    return lxml.html.HTMLParser(
        target=builder,
        collect_ids=False,
        default_doctype=False,
        encoding=encoding,
        remove_comments=True,
        remove_pis=True,
    )


class _FlatBuilder:
    """A target for lxml's HTML parser that builds the tree, elements deeper than ``max_depth`` flattened."""

    def __init__(self, max_depth: int = MAX_DEPTH) -> None:
        self.max_depth = max_depth
        self.root: HtmlElement | None = None
        # the open elements, outermost first (None: a tag that could not be built), and for each the element that
        # receives its children: itself within max_depth, else the element at max_depth that holds it
        self.open: list[HtmlElement | None] = []
        self.holders: list[HtmlElement | None] = []
        self.last: HtmlElement | None = None  # the element that text goes into ...
        self.tail = False  # ... after it (its tail) or inside it (its text)
        self._maker = lxml.html.HTMLParser()
        self.pending: list[str] = []  # text not yet put into self.last (see data)

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self._flush()
        parent = self.holders[-1] if self.holders else None
        el = self._make(parent, tag, attrib)
        self.holders.append(el if el is not None and len(self.open) < self.max_depth else parent)
        self.open.append(el)
        if el is not None:
            self.last, self.tail = el, False

    def _make(self, parent: HtmlElement | None, tag: str, attrib: dict[str, str]) -> HtmlElement | None:
        try:
            if parent is None:
                if self.root is not None:  # a second root (content after </html>): it goes into the first
                    return self._make(self.root, tag, attrib)
                self.root = self._maker.makeelement(tag, attrib)
                return self.root
            return etree.SubElement(parent, tag, attrib)
        except ValueError:  # a name libxml2 accepts and lxml does not: keep the tag, skip the odd attributes
            pass
        try:
            el = self._maker.makeelement(tag) if parent is None else etree.SubElement(parent, tag)
        except ValueError:
            return None  # an odd tag name: its content goes where it would have gone without the tag
        for k, v in attrib.items():
            try:
                el.set(k, v)
            except ValueError:
                continue
        if parent is None:
            self.root = el
        return el

    def end(self, tag: str) -> None:
        self._flush()
        if not self.open:
            return
        el = self.open.pop()
        self.holders.pop()
        if el is None:
            return
        parent = el.getparent()
        # text after a flattened element goes after its last flattened sibling, not between them
        self.last = parent[-1] if parent is not None else el
        self.tail = True

    def data(self, text: str) -> None:
        # libxml2 sends text in pieces (one per entity reference): kept in a list and joined once, when the next
        # tag comes, since appending each piece to the element's text copied it every time (quadratic)
        if self.last is not None:
            self.pending.append(text)

    def _flush(self) -> None:
        el = self.last
        if not self.pending or el is None:
            return
        text = "".join(self.pending)
        self.pending.clear()
        if self.tail:
            el.tail = (el.tail or "") + text
        else:
            el.text = (el.text or "") + text

    def close(self) -> HtmlElement | None:
        self._flush()
        return self.root


def parse_deep(html: str) -> HtmlElement | None:
    """The tree of *html*, every element kept, nesting deeper than :data:`MAX_DEPTH` flattened."""
    html = repair_faulty_html(html, html[:50].lower())  # as load_html does: no characters XML refuses
    builder = _FlatBuilder()
    try:
        root = etree.fromstring(html, _parser(builder))
    except ValueError:  # a str with an encoding declaration: parse its UTF-8 bytes
        builder = _FlatBuilder()
        root = etree.fromstring(html.encode("utf-8", "surrogatepass"), _parser(builder, "utf-8"))
    return root if isinstance(root, HtmlElement) else None


def parse_html(html: str) -> HtmlElement | None:
    """The tree of a page (trafilatura's ``load_html``), parsed again by ``parse_deep`` when it is deep enough
    to have been cut by libxml2."""
    tree = load_html(html)
    if tree is None or not _HAS_DEEP(tree):
        return tree
    return parse_deep(html)


__all__ = ["DEEP", "MAX_DEPTH", "parse_deep", "parse_html"]
