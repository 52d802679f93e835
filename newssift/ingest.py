"""Ingest: turn a path, stdin, a URL or page content into decoded text, sniffed as HTML or plain text.

This is one of the two I/O edges of newssift (the other is rendering). Everything it refuses, it refuses
with an :class:`~newssift.errors.InputError` or :class:`~newssift.errors.FetchError` whose message is one
line a user can act on.
"""

from __future__ import annotations

import codecs
import ipaddress
import re
import socket
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urljoin, urlsplit

from newssift.document import no_lone_surrogates
from newssift.errors import FetchError, InputError

#: Largest input accepted by default (bytes, after decompression).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: Network timeouts for URL fetching (seconds).
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
MAX_REDIRECTS = 5

USER_AGENT = "newssift (+https://pypi.org/project/newssift/)"


@dataclass(frozen=True, slots=True)
class RawPage:
    """Decoded page content before structure analysis."""

    text: str
    kind: str  # "html" or "text"
    url: str | None
    encoding: str
    origin: str  # "file", "stdin", "url" or "content"


# --------------------------------------------------------------------------------------------- bytes


_MAGIC = [
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x7fELF", "an executable"),
    (b"WARC/", "a WARC archive (use `newssift batch` for WARC files)"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard-compressed file"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ", "an xz-compressed file"),
]


def _maybe_gunzip(data: bytes, max_bytes: int) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        out = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise InputError(f"input is gzip-compressed but cannot be decompressed ({exc})") from None
    if len(out) > max_bytes:
        raise InputError(f"input decompresses to more than the {_mb(max_bytes)} limit (--max-bytes)")
    if out.startswith(b"WARC/"):
        raise InputError("input is a WARC archive; use `newssift batch` for WARC files")
    return out


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def check_binary(data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"input looks like {what}, not an HTML page or text")
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16/32 text has NUL bytes too: accept it when a BOM says so.
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
            return
        raise InputError("input looks like binary data (it contains NUL bytes), not an HTML page or text")
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and control / len(head) > 0.05:
        raise InputError("input looks like binary data (many control bytes), not an HTML page or text")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode page bytes: BOM, then UTF-8, then a declared charset, then detection. Never raises."""
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    m = _META_CHARSET.search(data[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "ignore"))
    for enc in candidates:
        try:
            name = codecs.lookup(enc).name
        except LookupError:
            continue
        if name in ("utf-8", "ascii"):
            # declared UTF-8 but not valid: keep UTF-8 and replace the bad bytes
            return data.decode("utf-8", errors="replace"), "utf-8 (invalid bytes replaced)"
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace"), best.encoding
    except Exception:  # noqa: BLE001 - detection is best effort; fall through to a lossless-ish default
        pass
    return data.decode("utf-8", errors="replace"), "utf-8 (invalid bytes replaced)"


_HTML_START = re.compile(
    r"\A(?:\ufeff)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|\?xml)\b", re.I | re.S
)
_HTML_TAG = re.compile(
    r"</?(?:p|div|br|span|a|li|ul|table|body|head|article|section|h[1-6]|script|meta|link)\b[^>]*>", re.I
)


def sniff_kind(text: str) -> str:
    """'html' when the content is markup, else 'text'."""
    head = text[:20_000]
    if _HTML_START.search(head):
        return "html"
    if len(_HTML_TAG.findall(head)) >= 5:
        return "html"
    return "text"


def from_bytes(
    data: bytes,
    *,
    url: str | None = None,
    origin: str = "content",
    declared_charset: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    kind: str | None = None,
) -> RawPage:
    if len(data) > max_bytes:
        raise InputError(f"input is {_mb(len(data))}, larger than the {_mb(max_bytes)} limit (--max-bytes)")
    data = _maybe_gunzip(data, max_bytes)
    if not data.strip():
        raise InputError("input is empty")
    check_binary(data)
    text, encoding = decode(data, declared_charset)
    return from_text(text, url=url, origin=origin, encoding=encoding, kind=kind)


def from_text(
    text: str, *, url: str | None = None, origin: str = "content", encoding: str = "str", kind: str | None = None
) -> RawPage:
    text = no_lone_surrogates(text.lstrip("\ufeff"))  # a str can hold what no UTF-8 can (see no_lone_surrogates)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("input is empty")
    return RawPage(text=text, kind=kind or sniff_kind(text), url=url, encoding=encoding, origin=origin)


# --------------------------------------------------------------------------------------------- files


def read_path(path: Path, *, url: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> RawPage:
    try:
        if path.is_dir():
            raise InputError(f"{path} is a directory, not a page")
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except PermissionError:
        raise InputError(f"permission denied: {path}") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if size > max_bytes and not path.name.endswith(".gz"):
        raise InputError(f"{path} is {_mb(size)}, larger than the {_mb(max_bytes)} limit (--max-bytes)")
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(f"{path} is larger than the {_mb(max_bytes)} limit (--max-bytes)")
    if not data.strip():
        raise InputError(f"{path} is empty")
    return from_bytes(data, url=url, origin="file", max_bytes=max_bytes)


def read_stream(stream: BinaryIO, *, url: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> RawPage:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"standard input is larger than the {_mb(max_bytes)} limit (--max-bytes)")
    if not data.strip():
        raise InputError("standard input is empty")
    return from_bytes(data, url=url, origin="stdin", max_bytes=max_bytes)


# --------------------------------------------------------------------------------------------- URLs


def local_path(source: str) -> Path:
    """A path string, or a ``file://`` URL of this machine, as a Path."""
    if source[:7].lower() != "file://":
        return Path(source).expanduser()
    from urllib.request import url2pathname

    parts = urlsplit(source)
    if parts.netloc not in ("", "localhost"):
        raise InputError(f"cannot read a file on another host: {source[:200]}")
    return Path(url2pathname(parts.path))


def is_url(s: str) -> bool:
    return bool(re.match(r"^https?://", s.strip(), re.I))


def _check_public(host: str, port: int, allow_private: bool) -> str:
    """Resolve *host* once and refuse private, loopback, link-local and other non-public addresses; returns the
    address to connect to (the fetch connects to it, so a second lookup cannot swap in another)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r} ({getattr(exc, 'strerror', None) or exc})") from None
    if not infos:
        raise FetchError(f"cannot resolve host {host!r} (no addresses)")
    first = str(infos[0][4][0]).split("%")[0]
    if allow_private:
        return first
    for info in infos:
        for addr in _addresses_behind(ipaddress.ip_address(str(info[4][0]).split("%")[0])):
            _refuse_private(host, addr)
    return first


_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052's well-known prefix: the last 32 bits are an IPv4 address


def _addresses_behind(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list[Any]:
    """*addr* and the IPv4 addresses an IPv6 address carries and reaches (mapped, 6to4, Teredo, NAT64)."""
    if isinstance(addr, ipaddress.IPv4Address):
        return [addr]
    inner: list[Any] = [addr]
    if addr.ipv4_mapped:
        inner = [addr.ipv4_mapped]
    if addr.sixtofour:
        inner.append(addr.sixtofour)
    if addr.teredo:
        inner.extend(addr.teredo)
    if addr in _NAT64:
        inner.append(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF))
    return inner


def _refuse_private(host: str, addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    if not addr.is_global or addr.is_multicast:
        what = (
            "loopback"
            if addr.is_loopback
            else "link-local"
            if addr.is_link_local
            else "private"
            if addr.is_private
            else "non-public"
        )
        raise FetchError(f"refusing to fetch {host} ({addr} is a {what} address); use --allow-private if you mean it")


def check_url(url: str, *, allow_private: bool = False) -> str:
    """*url*, stripped, if it is an http(s) URL whose host resolves to public addresses; else FetchError.

    For refusing a bad link at once (a server answering 4xx) before the fetch itself, which checks every hop again.
    """
    url = url.strip()
    _pinned(url, allow_private)  # the fetch's own parse and address check, run once ahead of it
    return url


_OK_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


def fetch_url(url: str, *, allow_private: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> RawPage:
    """Fetch a page over HTTP(S) with timeouts and a size cap. At every redirect hop the host is resolved once, its
    address checked, and the connection made to that address (TLS still verifies the host name), so a name that
    answers a public address to the check and a private one to the connection cannot reach the private one.
    Proxy settings from the environment are not used: a proxy would resolve the name itself."""
    import httpx

    timeout = httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT)
    current = url.strip()
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"}
    for _hop in range(MAX_REDIRECTS + 1):
        target, host_header, sni = _pinned(current, allow_private)
        # a client (and connection pool) per hop: pooled by address, a connection made and verified for one host
        # name would be reused for another name on the same address, whose certificate would go unchecked
        with httpx.Client(timeout=timeout, follow_redirects=False, headers=headers, trust_env=False) as client:
            try:
                with client.stream("GET", target, headers={"Host": host_header}, extensions=sni) as resp:
                    if resp.is_redirect:
                        location = resp.headers.get("location")
                        if not location:
                            raise FetchError(f"{current} redirects without a Location header")
                        current = urljoin(current, location)
                        continue
                    return _read_response(resp, current, max_bytes)
            except httpx.TimeoutException:
                raise FetchError(f"timed out fetching {current}") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {current}: {exc}") from None
    raise FetchError(f"too many redirects (>{MAX_REDIRECTS}) from {url}")


def _pinned(url: str, allow_private: bool) -> tuple[Any, str, dict[str, str]]:
    """*url* with its host replaced by the one checked address, the Host header to send, and the TLS server name."""
    import httpx

    try:
        u = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(f"not a valid URL: {exc}") from None
    if u.scheme not in ("http", "https") or not u.raw_host:
        raise FetchError(f"not an http(s) URL: {url[:200]}")
    host = u.raw_host.decode("ascii").strip("[]")
    port = u.port or (443 if u.scheme == "https" else 80)
    addr = _check_public(host, port, allow_private)
    target = u.copy_with(host=addr, username=None, password=None)
    name = f"[{host}]" if ":" in host else host  # an IPv6 literal is bracketed in the Host header
    host_header = name if u.port is None else f"{name}:{u.port}"
    return target, host_header, ({"sni_hostname": host} if u.scheme == "https" else {})


def _read_response(resp: Any, current: str, max_bytes: int) -> RawPage:
    """The page of a final (non-redirect) response, refusing errors, non-page types and bodies over *max_bytes*."""
    if resp.status_code >= 400:
        raise FetchError(f"{current} answered HTTP {resp.status_code} {resp.reason_phrase}")
    ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype and not ctype.startswith(_OK_TYPES):
        raise FetchError(f"{current} is {ctype}, not an HTML page or text")
    declared = resp.charset_encoding
    length = resp.headers.get("content-length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"{current} is {_mb(int(length))}, over the {_mb(max_bytes)} limit")
    buf = bytearray()
    for chunk in resp.iter_bytes():
        buf.extend(chunk)
        if len(buf) > max_bytes:
            raise FetchError(f"{current} is larger than the {_mb(max_bytes)} limit (--max-bytes)")
    return from_bytes(bytes(buf), url=current, origin="url", declared_charset=declared, max_bytes=max_bytes)


# --------------------------------------------------------------------------------------------- entry


def _exists(p: Path) -> bool:
    """Whether *p* names a file; False for a string the file system cannot take as a name (a one-line text longer
    than a file name may be: "File name too long"), which is then read as the page's content."""
    try:
        return p.exists()
    except (OSError, ValueError):
        return False


def load(
    source: str | bytes | Path,
    *,
    url: str | None = None,
    allow_private: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> RawPage:
    """Load *source*: a Path, a path string, a URL, or the page content itself (str or bytes)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return from_bytes(bytes(source), url=url, max_bytes=max_bytes)
    if isinstance(source, Path):
        return read_path(source, url=url, max_bytes=max_bytes)
    if not isinstance(source, str):
        raise InputError(f"cannot analyse an object of type {type(source).__name__}; give a path, URL, str or bytes")
    s = source.strip()
    if s[:7].lower() == "file://" and "\n" not in s:  # a file URL names a local file: read it as a path
        return read_path(local_path(s), url=url, max_bytes=max_bytes)
    if is_url(s) and "\n" not in s and " " not in s:
        return fetch_url(s, allow_private=allow_private, max_bytes=max_bytes)
    if "\n" not in s and len(s) < 4096 and not s.startswith("<"):
        p = Path(s).expanduser()
        if _exists(p):
            return read_path(p, url=url, max_bytes=max_bytes)
        if re.search(r"\.(?:html?|xhtml|txt|gz|md)$", s, re.I) or s.startswith(("/", "./", "../", "~")):
            raise InputError(f"no such file: {s}")
    return from_text(source, url=url, origin="content")
