"""WARC files (for `newssift batch` and `newssift corpus add`), read gzip member by gzip member: one bad record
costs one record.

A ``.warc.gz`` as Common Crawl and CC-NEWS write it holds one gzip member per record. Read as one stream (warcio),
the first corrupt or truncated member ends the file and every record after it is lost. Here each member is inflated
on its own; one that cannot be (corrupt, or cut short) becomes one bad record, and reading resumes at the next offset
where a gzip member starts and inflates cleanly. Uncompressed WARC files are read by warcio as a stream (a corrupt
record there ends the file, with one bad record). A file that is neither is one bad record. Reasons never quote the
file's bytes.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newssift.sources import MAX_RECORD_BYTES, BadRecord, Record, _charset

GZIP_MAGIC = b"\x1f\x8b\x08"  # gzip, deflate
_CHUNK = 1 << 14  # read size while inflating: most members are smaller, and a read past one is re-read
MAX_MEMBER_BYTES = 4 * MAX_RECORD_BYTES  # inflated bytes kept of one member: a larger one is not read
_ENDS_INSIDE = "the file ends inside it"
RESYNC_BUDGET = 4  # compressed bytes failed resync candidates may read, as a multiple of the file's size
_UNREADABLE = (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error)


def read_warc(path: Path) -> Iterator[Record | BadRecord]:
    """HTTP responses (status 200, HTML or text) of a WARC file, and a BadRecord for each record that is not."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            if head.startswith(GZIP_MAGIC):
                yield from _gzip_records(fh, path)
            elif head.startswith(b"WARC/"):
                yield from _stream_records(fh, path)
            else:
                yield BadRecord(f"{path}@0", "not a WARC file (it is neither gzip data nor starts with 'WARC/')")
    except OSError as exc:
        yield BadRecord(f"{path}@0", f"cannot read ({exc.strerror or type(exc).__name__})")


# ------------------------------------------------------------------------------------------- gzip members


@dataclass(frozen=True, slots=True)
class _Member:
    start: int  # offset of its first byte in the file
    end: int  # offset after it
    data: bytes = b""  # inflated
    error: str | None = None  # why it cannot be read


def _inflate(fh: IO[bytes], start: int, limit: int | None = None) -> _Member:
    """The gzip member at *start*, inflated, or why it cannot be (corrupt, cut short, too large, or more than
    *limit* compressed bytes read)."""
    fh.seek(start)
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # checks the header, the CRC and the length
    kept = bytearray()
    fed = 0
    while not inflater.eof:
        if limit is not None and fed >= limit:
            return _Member(start, start + fed, error="resynchronising took too long")
        chunk = fh.read(_CHUNK)
        if not chunk:
            return _Member(start, start + fed, error=_ENDS_INSIDE)
        fed += len(chunk)
        try:
            kept += inflater.decompress(chunk)
        except zlib.error as exc:
            return _Member(start, start + fed, error=f"corrupt gzip data: {str(exc).split(': ')[-1]}")
        if len(kept) > MAX_MEMBER_BYTES:
            return _Member(start, start + fed, error=f"gzip member inflates to over {MAX_MEMBER_BYTES >> 20} MiB")
    return _Member(start, start + fed - len(inflater.unused_data), bytes(kept))


def _resync(fh: IO[bytes], after: int, budget: list[int]) -> int | None:
    """The first offset past *after* where a gzip member starts and inflates cleanly; None if there is none, or if
    the file's resynchronising *budget* (compressed bytes read by candidates that failed) runs out: a hostile file
    can make every offset a gzip start that fails only at its end, which would cost time quadratic in its size."""
    at = _find_magic(fh, after + 1)
    while at is not None and budget[0] > 0:
        candidate = _inflate(fh, at, limit=budget[0])
        if candidate.error is None:
            return at
        budget[0] -= max(1, candidate.end - at)
        at = _find_magic(fh, at + 1)
    return None


def _find_magic(fh: IO[bytes], start: int) -> int | None:
    fh.seek(start)
    base, buf = start, b""
    while chunk := fh.read(_CHUNK):
        buf += chunk
        found = buf.find(GZIP_MAGIC)
        if found >= 0:
            return base + found
        keep = len(GZIP_MAGIC) - 1  # a magic split across two reads
        base, buf = base + len(buf) - keep, buf[-keep:]
    return None


def _members(fh: IO[bytes]) -> Iterator[_Member]:
    """Every gzip member of the file; a run of bytes that inflates to nothing is one member with its error."""
    start = 0
    fh.seek(0, io.SEEK_END)
    budget = [RESYNC_BUDGET * fh.tell() + (16 << 20)]  # see _resync
    while True:
        fh.seek(start)
        if not fh.read(1):
            return
        member = _inflate(fh, start)
        if member.error is None:
            yield member
            start = member.end
            continue
        resume = _resync(fh, start, budget)
        yield _Member(start, -1 if resume is None else resume, error=member.error)
        if resume is None:
            return
        start = resume


def _gzip_records(fh: IO[bytes], path: Path) -> Iterator[Record | BadRecord]:
    for member in _members(fh):
        where = f"{path}@{member.start}"
        if member.error is not None:
            yield BadRecord(where, _bad_member(member))
            continue
        try:
            for rec in _archive(io.BytesIO(member.data)):
                page = _page(rec, where)
                if page is not None:
                    yield page
        except _UNREADABLE as exc:
            yield BadRecord(where, _not_warc(member, exc))


def _not_warc(member: _Member, exc: BaseException) -> str:
    if member.start == 0 and isinstance(exc, ArchiveLoadFailed):
        return "not a WARC file (gzip data, but not of WARC records)"
    return f"unreadable WARC data (gzip member: {_why(exc)})"


def _bad_member(member: _Member) -> str:
    if member.end < 0 and member.error == _ENDS_INSIDE:
        return "record truncated (the file ends inside it)"
    if member.end < 0 and member.start == 0:
        return f"unreadable WARC data ({member.error}); nothing in the file could be read"
    if member.end < 0:
        return f"unreadable WARC data ({member.error}); rest of file skipped"
    skipped = member.end - member.start
    return f"unreadable WARC data ({member.error}); skipped {skipped:,} bytes to the next record"


# ------------------------------------------------------------------------------------------- uncompressed


def _stream_records(fh: IO[bytes], path: Path) -> Iterator[Record | BadRecord]:
    fh.seek(0)
    it = _archive(fh)
    try:
        for rec in it:
            page = _page(rec, f"{path}@{it.offset}")  # the offset where this record starts
            if page is not None:
                yield page
    except _UNREADABLE as exc:
        yield BadRecord(f"{path}@{it.offset}", f"unreadable WARC data ({_why(exc)}); rest of file skipped")


# ------------------------------------------------------------------------------------------- records


def _archive(fh: IO[bytes]) -> ArchiveIterator:
    it = ArchiveIterator(fh)
    it.INC_RECORD = ""  # warcio writes the line it did not expect to stderr, raw bytes and all: say nothing
    return it


def _why(exc: BaseException) -> str:
    """An exception, named without its message: warcio's quote the bytes it could not parse."""
    return "not a WARC record" if isinstance(exc, ArchiveLoadFailed) else type(exc).__name__


def _page(rec: Any, where: str) -> Record | BadRecord | None:
    """A WARC response as a page to analyse, a BadRecord saying why it is not one, or None for other records."""
    if rec.rec_type != "response":
        return None
    body = rec.content_stream().read(MAX_RECORD_BYTES + 1)
    if getattr(rec.raw_stream, "limit", 0) > 0 and len(body) <= MAX_RECORD_BYTES:
        return BadRecord(where, "record truncated (the file ends inside it)")
    if rec.http_headers is None:
        return BadRecord(where, "not an HTTP response (no HTTP headers)")
    status = rec.http_headers.get_statuscode()
    ctype = rec.http_headers.get_header("Content-Type")
    if status != "200":
        return BadRecord(where, f"HTTP status {status}")
    if ctype and not any(t in ctype.lower() for t in ("html", "text/plain", "xml")):
        return BadRecord(where, f"not a page ({ctype.split(';')[0]})")
    if len(body) > MAX_RECORD_BYTES:
        return BadRecord(where, f"larger than {MAX_RECORD_BYTES // 2**20} MiB")
    key = rec.rec_headers.get_header("WARC-Record-ID") or where
    url = rec.rec_headers.get_header("WARC-Target-URI")
    kind = "text" if ctype and "text/plain" in ctype.lower() else "html"
    return Record(key, body, where, url=url, kind=kind, charset=_charset(ctype))
