"""WARC files for the tests and bench/ingest.py, written with warcio: news-like pages plus the records a real crawl
holds that are not."""

from __future__ import annotations

import io
import random
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WORDS = (
    "council harbour bridge river market school budget minister police court hospital station election vote "
    "ferry storm museum library factory workers union farmers prices energy water housing rent tram airport "
    "festival report inquiry contract repairs engineers traders residents families pupils teachers nurses"
).split()
FILLER = "the a of to in and for on with said that was were will would after before from by at as".split()


def article_html(i: int, rng: random.Random, outlets: int = 5, pull_quote: bool = False) -> tuple[str, str]:
    """An HTML news page with three paragraphs of its own words; its URL names one of *outlets* sites. With
    *pull_quote*, also a quoted statement, given again as a pull quote (the page's text holds it twice)."""
    paras = []
    for _ in range(3):
        words = [rng.choice(WORDS if rng.random() < 0.5 else FILLER) for _ in range(45)]
        paras.append(f"Page {i} " + " ".join(words).capitalize() + ".")
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    if pull_quote:
        topic = " ".join(rng.choice(WORDS) for _ in range(4))
        quote = f'"The {topic} plan for page {i} will go ahead this year," the mayor, Anna Berg, said on Monday.'
        body = f"<p>{quote}</p>\n{body}<blockquote><p>{quote}</p></blockquote>\n"
    site = f"outlet{i % outlets}.example"
    html = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Story {i}</title>"
        f"<meta property='og:site_name' content='Outlet {i % outlets}'></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>Story number {i}</h1>{body}</article>"
        f"<footer>Copyright Outlet {i % outlets}</footer></body></html>"
    )
    return f"https://{site}/news/{i}", html


def write_response(writer: WARCWriter, url: str, payload: bytes, ctype: str, status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers))


def build_warc(
    path: Path, pages: int, *, junk: bool = True, truncate: bool = False, seed: int = 0, pull_quotes: bool = False
) -> dict[str, int]:
    """Write *pages* HTML responses (gzip WARC, one gzip member per record); with *junk*, also a request record,
    a 404, an image and a page with no article text; with *truncate*, cut the file inside its last record; with
    *pull_quotes*, every page repeats a quote. Returns the expected counts."""
    rng = random.Random(seed)
    counts = {"pages": pages, "not_found": 0, "not_html": 0, "no_article": 0}
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(pages):
            url, html = article_html(i, rng, pull_quote=pull_quotes)
            write_response(writer, url, html.encode(), "text/html; charset=utf-8")
            if junk and i % 50 == 10:
                req = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
                writer.write_record(req)
                write_response(writer, url + "/missing", b"<html>gone</html>", "text/html", "404 Not Found")
                write_response(writer, url + "/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
                write_response(writer, url + "/empty", b"<html><body></body></html>", "text/html")
                counts["not_found"] += 1
                counts["not_html"] += 1
                counts["no_article"] += 1
    if truncate:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) - 300])
    return counts


def member_offsets(path: Path) -> list[int]:
    """Where each gzip member of a (sound) gzip file starts, found by inflating them one after another."""
    data = path.read_bytes()
    starts, at = [], 0
    while at < len(data):
        starts.append(at)
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        inflater.decompress(data[at:])
        at = len(data) - len(inflater.unused_data)
    return starts


def damage_member(path: Path, index: int, how: str) -> int:
    """Damage the gzip member *index* of *path*: "truncate" drops its second half (the members after it stay),
    "corrupt" overwrites bytes in its middle. Returns the member's offset."""
    starts = member_offsets(path)
    data = path.read_bytes()
    start, end = starts[index], starts[index + 1]
    middle = (start + end) // 2
    if how == "truncate":
        damaged = data[:middle] + data[end:]
    else:
        damaged = data[:middle] + bytes(16) + data[middle + 16 :]
    path.write_bytes(damaged)
    return start
