"""The news pages of the scaling measurements (bench/scaling.py, to 5 MB; tests/test_scaling.py, small sizes).

The text is real news: the article bodies of the Article Extraction Benchmark's ground truth, at the path given
(../shared/data/article_extraction_benchmark/ground-truth.json), paragraph after paragraph, in a new shuffled
order on every pass; where that file is missing, the paragraphs of the pages in examples/. "plain" is that text as
a copied page (a title, a byline, blank-line paragraphs); "html" is one article page holding the same paragraphs
(<p>, a heading every 20), with a nav bar and a footer.
"""

from __future__ import annotations

import html
import json
import random
import re
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TITLE = "Parliament passes budget after three days of debate"


def paragraphs(truth: Path) -> tuple[list[str], str]:
    """Paragraphs of real news text from the ground truth at ``truth`` (or examples/), and where they come from."""
    if truth.exists():
        data = json.loads(truth.read_text(encoding="utf-8"))
        bodies = [v["articleBody"] for _k, v in sorted(data.items()) if v.get("articleBody")]
        what = f"Article Extraction Benchmark article bodies ({len(bodies)} articles)"
    else:
        bodies = [(EXAMPLES / "school-meals-vote.txt").read_text(encoding="utf-8")]
        for page in sorted(EXAMPLES.rglob("*.html")):
            found = re.findall(r"<p[^>]*>(.*?)</p>", page.read_text(encoding="utf-8"), re.S)
            bodies.append("\n".join(html.unescape(re.sub(r"<[^>]+>", "", p)) for p in found))
        what = f"examples/ pages ({len(bodies)})"
    paras = [" ".join(p.split()) for b in bodies for p in b.split("\n")]
    return [p for p in paras if len(p.split()) >= 3], what


def news_text(n_bytes: int, truth: Path) -> list[str]:
    """Paragraphs holding about ``n_bytes`` of UTF-8: every paragraph once per pass, each pass in a new order."""
    pool, _what = paragraphs(truth)
    rng = random.Random(0)
    out: list[str] = []
    size = 0
    while size < n_bytes:
        batch = pool[:]
        rng.shuffle(batch)
        for p in batch:
            out.append(p)
            size += len(p.encode("utf-8")) + 2
            if size >= n_bytes:
                break
    return out


def plain_page(paras: list[str]) -> str:
    return f"{TITLE}\nBy Jane Roe\n\n" + "\n\n".join(paras) + "\n"


def html_page(paras: list[str]) -> str:
    body = "\n".join(
        (f"<h2>{html.escape(p[:60])}</h2>\n" if i and i % 20 == 0 else "") + f"<p>{html.escape(p)}</p>"
        for i, p in enumerate(paras)
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE} | Test Gazette</title>'
        '<meta property="og:site_name" content="Test Gazette"></head><body>'
        '<nav><a href="/">Home</a> <a href="/politics">Politics</a></nav>'
        f'<article><h1>{TITLE}</h1><p class="byline">By Jane Roe</p>\n{body}\n</article>'
        '<footer><a href="/about">About us</a> | <a href="/privacy">Privacy</a></footer></body></html>'
    )


def page(kind: str, n_bytes: int, truth: Path) -> str:
    """A page of ``kind`` ("plain" or "html") of about ``n_bytes`` of UTF-8, markup included, of the news text of
    the ground truth at ``truth`` (see ``paragraphs``)."""
    paras = news_text(n_bytes, truth)
    make = plain_page if kind == "plain" else html_page
    built = make(paras)
    while len(built.encode("utf-8")) > n_bytes and len(paras) > 1:  # the markup counts too: drop paragraphs
        over = len(built.encode("utf-8")) - n_bytes
        paras = paras[: max(1, len(paras) - max(1, over // 200))]
        built = make(paras)
    return built
