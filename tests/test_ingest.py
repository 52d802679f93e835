"""Ingest: files, bytes, encodings, sizes, and URL fetching against a real local HTTP server."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import newssift
from newssift import ingest
from newssift.errors import FetchError, InputError

PAGE = (
    "<!DOCTYPE html><html><head><title>Local test page</title></head><body><article><h1>Local test page</h1>"
    + "".join(
        f"<p>Paragraph {i} of a page served by the test server, long enough to be article text.</p>" for i in range(6)
    )
    + "</article></body></html>"
).encode()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        if self.path == "/page":
            self._send(200, "text/html; charset=utf-8", PAGE)
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/image":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
        elif self.path == "/big":
            self._send(200, "text/html", b"<p>" + b"x" * 300_000 + b"</p>")
        elif self.path == "/latin1":
            body = "<html><body><p>Caf\xe9 cr\xe8me in M\xfcnchen, a page in ISO-8859-1.</p></body></html>".encode(
                "latin-1"
            )
            self._send(200, "text/html; charset=iso-8859-1", body)
        else:
            self._send(404, "text/plain", b"not found")

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8080/page",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://0.0.0.0/",
    ],
)
def test_private_addresses_are_refused(url: str) -> None:
    with pytest.raises(FetchError, match="refusing to fetch"):
        ingest.fetch_url(url)


def test_fetch_local_page_when_allowed(server: str) -> None:
    r = newssift.analyze(f"{server}/page", allow_private=True)
    assert r.document.url == f"{server}/page"
    assert r.document.title == "Local test page"
    assert len(r.article.paragraphs) == 6


def test_fetch_refuses_local_server_by_default(server: str) -> None:
    with pytest.raises(FetchError, match="loopback"):
        newssift.analyze(f"{server}/page")


def test_redirects_are_followed_and_bounded(server: str) -> None:
    raw = ingest.fetch_url(f"{server}/redirect", allow_private=True)
    assert raw.url == f"{server}/page"
    with pytest.raises(FetchError, match="too many redirects"):
        ingest.fetch_url(f"{server}/loop", allow_private=True)


def test_fetch_errors_are_clear(server: str) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        ingest.fetch_url(f"{server}/missing", allow_private=True)
    with pytest.raises(FetchError, match="image/png"):
        ingest.fetch_url(f"{server}/image", allow_private=True)
    with pytest.raises(FetchError, match="limit"):
        ingest.fetch_url(f"{server}/big", allow_private=True, max_bytes=100_000)


def test_declared_charset_is_used(server: str) -> None:
    raw = ingest.fetch_url(f"{server}/latin1", allow_private=True)
    assert "Café crème in München" in raw.text


def test_empty_and_binary_inputs(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        newssift.analyze(empty)
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"   \n\n\t ")
    with pytest.raises(InputError, match="empty"):
        newssift.analyze(blank)
    png = tmp_path / "picture.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match="PNG"):
        newssift.analyze(png)
    noise = tmp_path / "noise.bin"
    noise.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(InputError, match="binary"):
        newssift.analyze(noise)


def test_size_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (11 * 1024 * 1024 // 5))
    with pytest.raises(InputError, match="larger than"):
        newssift.analyze(big, max_bytes=10 * 1024 * 1024)
    bomb = gzip.compress(b"a" * (5 * 1024 * 1024))
    with pytest.raises(InputError, match="decompresses to more than"):
        ingest.from_bytes(bomb, max_bytes=1024 * 1024)


def test_invalid_utf8_never_crashes() -> None:
    data = "Preußen Münster gewinnt — café".encode("latin-1", errors="replace") + b"\xff\xfe\x80 trailing text."
    r = newssift.analyze(data)
    assert "Preu" in r.document.text and "trailing text." in r.document.text
    declared = b'<html><head><meta charset="utf-8"></head><body><p>bad \xc3\x28 bytes in a paragraph of text.</p></body></html>'
    assert "bytes in a paragraph" in ingest.from_bytes(declared).text


def test_encodings_by_bom_and_detection() -> None:
    text = "Zürich: Stadtrat beschließt neues Budget für Schulen und Straßen."
    assert ingest.from_bytes(text.encode("utf-16")).text == text
    assert ingest.from_bytes(b"\xef\xbb\xbf" + text.encode()).text == text
    cp = ("Стаття про бюджет міста. " * 20).encode("cp1251")
    assert "бюджет" in ingest.from_bytes(cp).text


def test_gzip_file_is_read(tmp_path: Path) -> None:
    p = tmp_path / "page.html.gz"
    p.write_bytes(gzip.compress(PAGE))
    r = newssift.analyze(p)
    assert r.document.title == "Local test page"


def test_source_kinds() -> None:
    assert ingest.sniff_kind("<!doctype html><html><body>x</body></html>") == "html"
    assert ingest.sniff_kind("A line that mentions <b> once.\nAnother line.") == "text"
    with pytest.raises(InputError, match="no such file"):
        newssift.analyze("missing-page.html")
    with pytest.raises(InputError, match="cannot analyse"):
        newssift.analyze(12345)  # type: ignore[arg-type]


def test_a_long_one_line_text_is_read_as_content_not_as_a_file_name() -> None:
    """A one-line string longer than a file name may be (255 bytes here) was taken for a path and failed with
    "File name too long"; it is the page's text."""

    text = "The council voted on Tuesday to close the central library on Mondays, the mayor said. " * 10
    page = ingest.load(text)
    assert len(text.strip()) > 255 and page.origin == "content"
    assert "central library" in page.text
