"""Reader-comment threads in HTML: WordPress, Disqus (static markup), Blogger, Typepad, Drupal and similar CMSs.

A comment is found by the markup CMSs give it (``li.comment``, ``id="comment-123"``, ``div.dsq-comment``,
Blogger's ``dl#comments-block``); nesting in reply lists (``ul.children``, ``.replies``) gives the thread.
Each comment yields its id, parent id, author, date and text; the section's element is returned so the
caller can take it out of the tree before article extraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from lxml.html import HtmlElement

from newssift.structure.html_index import NameIndex

_ITEM_CLASS = re.compile(
    r"^(?:comment|comments?[-_]?item|comment[-_]?entry|single-comment|dsq-comment|comment[-_]?post|postcomment|"
    r"comment-(?:even|odd)|media-comment|user-comment|reader-comment|comment-list-item|c-comment|"
    r"talkback|reply-item|bbp-reply|commentary-item)$",
    re.I,
)
_ANCHOR_ID = re.compile(r"^(?:c|comment[-_]?|cmt[-_]?|comm)\d{3,}$", re.I)
_FLAT_STOP = re.compile(
    r"respond|comment-?form|commentform|trackback|post-?a-?comment|leave-?a-?(?:reply|comment)", re.I
)
_MARK = "data-newssift-comment"
_ITEM_ID = re.compile(
    r"^(?:li-|div-|dsq-)?comment[-_]?(?:body-|post-)?\d+$|^c\d{2,}$|^comment-[0-9a-f]{6,}$|^post-reply-\d+$", re.I
)
_SECTION = re.compile(
    r"^(?:comments?|comments?[-_]?(?:area|section|list|block|wrapper|container|content|holder|inner|main|thread|"
    r"box|panel|module|widget|stream|outer|body|loop)|commentlist|comment_list|disqus_thread|dsq-content|"
    r"dsq-comments|all-comments|post-comments|article-comments|user-comments|reader-comments|story-comments|"
    r"blog-comments|comments-block-wrapper|responses|discussion|talkbacks)$",
    re.I,
)
_REPLY_LIST = re.compile(
    r"^(?:children|replies|comment-replies|child-comments|sub-?comments?|reply-list|thread-children|"
    r"dsq-children|comment-children|nested-comments)$",
    re.I,
)
_SKIP_CLASS = re.compile(
    r"^(?:reply|comment-reply-link|reply-link|comment-reply|edit-link|comment-edit-link|comment-actions|"
    r"comment-tools|report|report-abuse|flag|comment-vote|vote|votes|likes?|comment-like|share|"
    r"comment-form|comment-respond|respond|commentform|avatar|comment-avatar|screen-reader-text|"
    r"comment-awaiting-moderation|navigation|comment-navigation|comments-pagination|pagination|"
    r"dsq-comment-footer|dsq-comment-buttons|comment-permalink|says)$",
    re.I,
)
_AUTHOR_CLASS = re.compile(
    r"^(?:fn|comment-author|comment_author|commenter|commenter-name|author|author-name|username|user-name|"
    r"user|name|nick|nickname|dsq-commenter-name|comment-author-name|comment-user|by)$",
    re.I,
)
_DATE_CLASS = re.compile(
    r"^(?:comment-date|comment_date|comment-time|comment_time|comment-timestamp|timestamp|date|time|published|"
    r"comment-meta|commentmetadata|comment-metadata|dsq-comment-header-time|datetime|posted|comment-info)$",
    re.I,
)
# the comment's own words, most specific names first
_BODY_CLASSES = [
    re.compile(
        r"^(?:comment-content|comment-text|comment_text|comment-entry-content|dsq-comment-message|"
        r"dsq-comment-text|comment-message|comment_message|commenttext|comment-copy)$",
        re.I,
    ),
    re.compile(r"^(?:comment-body|commentbody|comment_body|comment-post|comments-content|comment-entry)$", re.I),
    re.compile(r"^(?:message|content|text|entry-content|body)$", re.I),
]
_DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "form",
    "textarea",
    "input",
    "select",
    "button",
    "iframe",
    "svg",
    "template",
    "label",
}
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "pre",
    "article",
    "section",
    "header",
    "footer",
    "aside",
    "hr",
    "figure",
    "figcaption",
}
_SAYS = re.compile(r"\s*(?:says|said|wrote|writes)\s*:?\s*$", re.I)


_COMMENTISH = re.compile(r"comment|talkback|reply|^c\d{3,}$|discussion|disqus|dsq|respons", re.M)


def _tokens(el: HtmlElement) -> list[str]:
    return (el.get("class") or "").split()


def named_like(el: HtmlElement, rx: re.Pattern[str]) -> bool:
    """Whether one of the element's class tokens, or its id, matches *rx*."""
    return any(rx.match(t) for t in _tokens(el)) or bool(rx.match(el.get("id") or ""))


def _is_item(el: HtmlElement) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _DROP_TAGS or tag in ("a", "span", "img", "time", "cite", "p", "body", "html"):
        return False
    if el.get(_MARK):
        return True
    return any(_ITEM_CLASS.match(t) for t in _tokens(el)) or bool(_ITEM_ID.match(el.get("id") or ""))


def _skip(el: HtmlElement) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag in _DROP_TAGS or not tag or named_like(el, _SKIP_CLASS)


def text_of(el: HtmlElement, exclude: set[HtmlElement] | frozenset[HtmlElement] = frozenset()) -> str:
    """Visible text of *el*, block elements on their own lines, *exclude*d subtrees left out."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node in exclude or _skip(node):
            if node.tail:
                parts.append(node.tail)
            return
        block = node.tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if block:
            parts.append("\n")
        if node.tail:
            parts.append(node.tail)

    tail = el.tail
    el.tail = None
    try:
        walk(el)
    finally:
        el.tail = tail
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass(slots=True)
class HtmlComment:
    element: HtmlElement
    id: str
    parent: str | None = None
    depth: int = 0
    author: str | None = None
    date: str | None = None
    text: str = ""
    replies: list[HtmlComment] = field(default_factory=list)


def _between(ancestor: HtmlElement, node: HtmlElement) -> Iterator[HtmlElement]:
    """Elements strictly between *node* and its *ancestor*."""
    p = node.getparent()
    while p is not None and p is not ancestor:
        yield p
        p = p.getparent()


def _item_ancestor(el: HtmlElement, items: set[HtmlElement]) -> HtmlElement | None:
    p = el.getparent()
    while p is not None:
        if p in items:
            return p
        p = p.getparent()
    return None


def _is_reply_container(el: HtmlElement) -> bool:
    return el.tag in ("ul", "ol", "dl") or named_like(el, _REPLY_LIST)


def _walk(el: HtmlElement, stop: set[HtmlElement]) -> Iterator[HtmlElement]:
    """Descendants of *el* in document order, not entering *stop* subtrees (replies) or comments/PIs."""
    stack = list(reversed(el))
    while stack:
        d = stack.pop()
        if not isinstance(d.tag, str) or d in stop:
            continue
        yield d
        stack.extend(reversed(d))


def _parts(el: HtmlElement, stop: set[HtmlElement]) -> tuple[HtmlElement | None, ...]:
    """One walk over a comment: its author, date and body elements (bodies by priority of their names)."""
    author = cite = time_el = date = None
    bodies: list[HtmlElement | None] = [None] * len(_BODY_CLASSES)
    for d in _walk(el, stop):
        if d.tag == "cite" and cite is None:
            cite = d
        elif d.tag == "time" and time_el is None:
            time_el = d
        names = _tokens(d)
        ident = d.get("id")
        if ident:
            names.append(ident)
        if not names:
            continue
        if author is None and any(_AUTHOR_CLASS.match(t) for t in names):
            author = d
        if date is None and any(_DATE_CLASS.match(t) for t in names):
            date = d
        for i, rx in enumerate(_BODY_CLASSES):
            if bodies[i] is None and any(rx.match(t) for t in names):
                bodies[i] = d
    body = next((b for b in bodies if b is not None), None)
    return (author if author is not None else cite), (time_el if time_el is not None else date), body


def _short(text: str, limit: int = 100) -> str | None:
    t = " ".join(text.split())
    return t if 0 < len(t) <= limit else None


def _comment_from(el: HtmlElement, cid: str, nested: set[HtmlElement]) -> HtmlComment:
    author_el, date_el, body_el = _parts(el, nested)
    author = _short(_SAYS.sub("", text_of(author_el, nested))) if author_el is not None else None
    date = _short(text_of(date_el, nested)) if date_el is not None else None
    if date is None and date_el is not None:
        date = date_el.get("datetime")
    exclude = set(nested)
    for meta in (author_el, date_el):
        if meta is not None:
            exclude.add(meta)
    text = text_of(body_el if body_el is not None and body_el is not el else el, exclude)
    if not text:
        text = text_of(el, nested)
        if author and text.startswith(author):
            text = text[len(author) :].strip()
    return HtmlComment(element=el, id=cid, author=author, date=date, text=text)


def _comment_id(el: HtmlElement, n: int) -> str:
    for cand in islice(el.iter(), 4):
        ident = cand.get("id") or "" if isinstance(cand.tag, str) else ""
        m = re.search(r"(\d+|[0-9a-f]{6,})$", ident)
        if ident and m and _ITEM_ID.match(ident):
            return f"comment-{m.group(1)}"
    return f"c{n}"


@dataclass(slots=True)
class CommentSection:
    elements: list[HtmlElement]
    comments: list[HtmlComment]  # in document order, replies after their parent


def _lca(nodes: Iterable[HtmlElement]) -> HtmlElement | None:
    paths = []
    for n in nodes:
        path = [n, *n.iterancestors()]
        paths.append(path[::-1])
    if not paths:
        return None
    common: HtmlElement | None = None
    for level in zip(*paths):
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    return common


def _section_of(anchor: HtmlElement, max_up: int = 6) -> HtmlElement:
    """The nearest enclosing element named like a comment section, or *anchor* itself."""
    p: HtmlElement | None = anchor
    for _ in range(max_up):
        if p is None or p.tag in ("body", "html"):
            break
        if named_like(p, _SECTION):
            return p
        p = p.getparent()
    return anchor


def _blogger_items(section: HtmlElement) -> list[list[HtmlElement]]:
    """Blogger-style ``<dl><dt>author</dt><dd>body</dd><dd>footer</dd>...``: group each dt with its dds."""
    groups: list[list[HtmlElement]] = []
    for dl in section.iter("dl"):
        for child in dl:
            if child.tag == "dt":
                groups.append([child])
            elif child.tag == "dd" and groups:
                groups[-1].append(child)
        if groups:
            break
    return groups


def _wrap(nodes: list[HtmlElement], ident: str) -> HtmlElement:
    """Put sibling *nodes* into a new div marked as one comment (their tails move with them)."""
    first = nodes[0]
    parent = first.getparent()
    div = first.makeelement("div", {_MARK: "1", "id": ident})
    parent.insert(parent.index(first), div)
    for n in nodes:
        div.append(n)
    return div


def _mark_markup(named: list[HtmlElement]) -> dict[HtmlElement, HtmlElement]:
    """Give comment markup that lacks a comment element one: Blogger/WordPress ``dt``+``dd`` pairs and
    comments delimited only by anchors (``<a id="c123">`` then paragraphs, as in old Typepad pages).

    Returns, for each named element that now stands for a comment, the element that holds it."""
    holders: dict[HtmlElement, HtmlElement] = {}
    for dt in [el for el in named if el.tag == "dt"]:
        if not _is_item(dt):
            continue
        group = [dt]
        nxt = dt.getnext()
        while nxt is not None and nxt.tag == "dd":
            group.append(nxt)
            nxt = nxt.getnext()
        if len(group) > 1:
            holders[dt] = _wrap(group, dt.get("id") or "")
            for g in group:
                for attr in ("id", "class"):
                    g.attrib.pop(attr, None)
    anchors = [a for a in named if a.tag == "a" and _ANCHOR_ID.match(a.get("id") or a.get("name") or "")]
    anchor_set = set(anchors)
    for a in anchors:
        ident = a.get("id") or a.get("name") or ""
        parent = a.getparent()
        if parent is None or _is_item(parent) or any(_is_item(x) for x in a.iterancestors()):
            continue
        own = [x for x in parent.iter("a") if x in anchor_set]
        rest = (parent.text_content() or "").strip()
        if len(own) == 1 and parent.tag not in ("body", "html") and len(rest) > 0 and len(rest) < 20_000:
            if parent.index(a) <= 1 or not (parent.text or "").strip():
                parent.set(_MARK, "1")
                holders[a] = parent
                continue
        # flat: the anchor and the siblings after it, up to the next anchor or a heading, form or reply box
        run = [a]
        nxt = a.getnext()
        while nxt is not None:
            if not isinstance(nxt.tag, str):
                run.append(nxt)
                nxt = nxt.getnext()
                continue
            names = " ".join([nxt.get("id") or "", nxt.get("class") or "", nxt.get("name") or ""])
            if (
                nxt in anchor_set
                or any(d in anchor_set for d in nxt.iterdescendants("a"))
                or nxt.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "form", "script")
                or _FLAT_STOP.search(names)
                or _is_item(nxt)
            ):
                break
            run.append(nxt)
            nxt = nxt.getnext()
        if len(run) > 1:
            holders[a] = _wrap(run, ident)
    return holders


def _level_inners(items: list[HtmlElement], item_set: set[HtmlElement]) -> dict[HtmlElement, list[HtmlElement]]:
    """For each item, the items nested in it with no reply list between (wrappers or a list of comments)."""
    inner: dict[HtmlElement, list[HtmlElement]] = {el: [] for el in items}
    for el in items:
        anc = _item_ancestor(el, item_set)
        if anc is not None and not any(_is_reply_container(b) for b in _between(anc, el)):
            inner[anc].append(el)
    return inner


def find_comments(tree: HtmlElement, index: NameIndex | None = None) -> CommentSection | None:
    """The page's comment section, or None when it has none."""
    named = (index or NameIndex(tree)).named(_COMMENTISH)
    holders = _mark_markup(named)
    candidates = list(dict.fromkeys(holders.get(el, el) for el in named))
    items = [el for el in candidates if _is_item(el)]
    items = [el for el in items if not any(a.tag == "form" for a in el.iterancestors())]
    # an "item" holding several items at its own level is a list of comments, not a comment
    for _ in range(3):
        item_set = set(items)
        inner = _level_inners(items, item_set)
        containers = {el for el, ins in inner.items() if len(ins) >= 2}
        if not containers:
            break
        items = [el for el in items if el not in containers]
    item_set = set(items)
    inner = _level_inners(items, item_set)
    # an item nested alone in another with no reply list between is the same comment (a wrapper): keep the outer
    wrappers = {ins[0] for ins in inner.values() if len(ins) == 1}
    kept = [el for el in items if el not in wrappers]
    if kept:
        return _build_section(tree, kept, set(kept))
    # no item markup: a section by name, Blogger style
    for el in named:
        if named_like(el, _SECTION) and el.tag not in ("a", "span", "form"):
            groups = _blogger_items(el)
            if groups:
                return _blogger_section(el, groups)
    return None


def _build_section(tree: HtmlElement, kept: list[HtmlElement], kept_set: set[HtmlElement]) -> CommentSection | None:
    comments: list[HtmlComment] = []
    by_el: dict[HtmlElement, HtmlComment] = {}
    for n, el in enumerate(kept, 1):
        nested = {d for d in el.iterdescendants() if d in kept_set}
        # reply lists under this comment are left out of its text
        nested_lists = set()
        for d in nested:
            for b in _between(el, d):
                if _is_reply_container(b):
                    nested_lists.add(b)
                    break
        c = _comment_from(el, _comment_id(el, n), nested | nested_lists)
        parent_el = _item_ancestor(el, kept_set)
        if parent_el is not None and parent_el in by_el:
            parent = by_el[parent_el]
            c.parent = parent.id
            c.depth = parent.depth + 1
            parent.replies.append(c)
        by_el[el] = c
        comments.append(c)
    # ids must be unique
    seen: dict[str, int] = {}
    for c in comments:
        if c.id in seen:
            seen[c.id] += 1
            c.id = f"{c.id}-{seen[c.id]}"
        else:
            seen[c.id] = 1
    for c in comments:
        for r in c.replies:
            r.parent = c.id
    comments = [c for c in comments if c.text or c.replies]
    top = [c.element for c in comments if c.parent is None]
    if not top:
        return None
    anchor = _lca(top) if len(top) > 1 else top[0].getparent()
    if anchor is None:
        return None
    section = _section_of(anchor)
    named = named_like(section, _SECTION) or any(named_like(a, _SECTION) for a in section.iterancestors())
    total = sum(len(c.text) for c in comments)
    # a lone "comment" element outside any comment section is too weak a clue (editors' comments, widgets)
    structured = any(c.author or c.date for c in comments)
    if not named and not structured and (len(comments) < 2 or total < 40):
        return None
    # widgets listing "recent comments" are links, not comments
    if all(len(c.text) < 25 for c in comments) and len(comments) > 2 and not named:
        return None
    # a container that also holds the article (flat markup) is not removed whole: only the comments are
    section_chars = len(" ".join(section.text_content().split()))
    comment_chars = sum(len(" ".join(text_of(el).split())) for el in top)
    if section_chars and comment_chars < 0.6 * section_chars:
        return CommentSection(elements=top, comments=comments)
    return CommentSection(elements=[section], comments=comments)


def _blogger_section(section: HtmlElement, groups: list[list[HtmlElement]]) -> CommentSection | None:
    comments: list[HtmlComment] = []
    for n, group in enumerate(groups, 1):
        dt, dds = group[0], group[1:]
        author = _short(_SAYS.sub("", text_of(dt)))
        body = dds[0] if dds else None
        text = text_of(body) if body is not None else ""
        date = _short(text_of(dds[1])) if len(dds) > 1 else None
        cid = _comment_id(dt, n) if _ITEM_ID.match(dt.get("id") or "") else f"c{n}"
        if text:
            comments.append(HtmlComment(element=dt, id=cid, author=author, date=date, text=text))
    if not comments:
        return None
    return CommentSection(elements=[section], comments=comments)
