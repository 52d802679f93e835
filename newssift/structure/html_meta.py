"""Page metadata (title, site name, date, author, canonical URL) from trafilatura's and htmldate's extractors.

The same building blocks as ``trafilatura.metadata.extract_metadata``, without the parts newssift does not
report (categories, tags, licence), which cost a third of its time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura import metadata as tm

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None = None
    site_name: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None


def page_metadata(tree: HtmlElement, url: str | None = None) -> PageMeta:
    meta = tm.examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    try:
        meta = tm.extract_meta_json(tree, meta)
    except Exception as exc:  # noqa: BLE001 - malformed JSON-LD on a page must not stop the analysis
        log.debug("JSON-LD metadata skipped: %s", exc)
    title = meta.title or tm.extract_title(tree)
    # trafilatura's markup-based author search costs more than the rest together; newssift looks for a
    # byline in the markup itself (structure.html) when the metadata names no author
    author = meta.author
    page_url = meta.url or tm.extract_url(tree, url)
    try:
        date = find_date(
            tree,
            url=page_url,
            original_date=True,
            extensive_search=False,
            max_date=datetime.now().astimezone().strftime("%Y-%m-%d"),
        )
    except Exception as exc:  # noqa: BLE001 - htmldate on hostile markup: no date rather than no report
        log.debug("date extraction failed: %s", exc)
        date = None
    site = meta.sitename or tm.extract_sitename(tree)
    if site:
        site = site.lstrip("@")
        if site and "." not in site and not site[0].isupper():
            site = site.title()
    elif page_url:
        m = tm.META_URL.match(page_url)
        site = m[1] if m else None
    return PageMeta(
        title=" ".join(title.split()) if title else None,
        site_name=site or None,
        date=date,
        author=" ".join(author.split()) if author else None,
        url=url or page_url,
    )
