"""Find elements by the words in their class, id or name attributes, fast.

Built once per parsed page: one XPath pulls every class/id/name attribute as a string, and each query is one
regular-expression scan over all of them joined, instead of a Python visit of every element.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add

from lxml.etree import XPath
from lxml.html import HtmlElement

_ATTRS = XPath("//@class|//@id|//@name")


class NameIndex:
    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self._attrs = _ATTRS(tree)
        self._joined = "\n".join(self._attrs).lower()
        self._starts = list(accumulate(map(add, map(len, self._attrs), repeat(1)), initial=0))

    def named(self, rx: re.Pattern[str]) -> list[HtmlElement]:
        """Elements with a class, id or name in which *rx* (lower-case) matches, in document order, once each."""
        out: list[HtmlElement] = []
        seen: set[HtmlElement] = set()
        last = -1
        for m in rx.finditer(self._joined):
            i = bisect_right(self._starts, m.start()) - 1
            if i == last:
                continue
            last = i
            el = self._attrs[i].getparent()
            if el is not None and el not in seen:
                seen.add(el)
                out.append(el)
        return out
