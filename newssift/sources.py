"""Records to read, from files, folders, JSONL and WARC; bad records are reported with where they were, not fatal.

Used by ``newssift corpus add`` and ``newssift batch``.

Every record has a stable ``key`` so that an interrupted ingest can skip what it already stored:
the WARC-Record-ID for WARC records, ``path#line`` (or the record's ``id``/``url`` field) for JSONL, and the
SHA-256 of the bytes for single files.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newssift.errors import InputError
from newssift.ingest import RawPage, from_bytes, from_text

MAX_RECORD_BYTES = 5 * 2**20
FILE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".text", ".jsonl", ".warc", ".warc.gz", ".arc.gz")


@dataclass(frozen=True, slots=True)
class Record:
    key: str
    data: bytes | str
    where: str  # file and offset or line, for messages
    url: str | None = None
    kind: str | None = None  # "html" or "text" when known
    charset: str | None = None
    meta: dict[str, str] = field(default_factory=dict)  # outlet, date, title from JSONL


@dataclass(frozen=True, slots=True)
class BadRecord:
    where: str
    reason: str


def _is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz", ".arc.gz", ".arc"))


def expand(paths: list[Path]) -> list[Path]:
    """Files to read: the given files, and inside folders every file with a known suffix, in sorted order."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(FILE_SUFFIXES))
        else:
            out.append(p)
    return out


def _charset(content_type: str | None) -> str | None:
    if content_type and "charset=" in content_type.lower():
        return content_type.lower().split("charset=")[-1].split(";")[0].strip().strip("\"'") or None
    return None


def read_jsonl(path: Path) -> Iterator[Record | BadRecord]:
    """One page per line: {"html" or "text", and optionally "url", "id", "outlet", "date", "title"}."""
    with path.open("rb") as fh:
        for n, line in enumerate(fh, 1):
            where = f"{path}:{n}"
            if not line.strip():
                continue
            if len(line) > MAX_RECORD_BYTES:
                yield BadRecord(where, f"line larger than {MAX_RECORD_BYTES // 2**20} MiB")
                continue
            try:
                obj = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield BadRecord(where, f"not JSON ({exc})")
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("html", obj.get("text")), str):
                yield BadRecord(where, 'needs an object with an "html" or "text" string')
                continue
            kind = "html" if isinstance(obj.get("html"), str) else "text"
            meta = {k: str(obj[k]) for k in ("outlet", "date", "title") if isinstance(obj.get(k), str | int)}
            url = obj.get("url") if isinstance(obj.get("url"), str) else None
            ident = obj.get("id") if isinstance(obj.get("id"), str | int) else None
            key = f"jsonl:{ident}" if ident is not None else (f"url:{url}" if url else f"{path.name}:{n}")
            yield Record(key, obj[kind], where, url=url, kind=kind, meta=meta)


def read_file(path: Path) -> Iterator[Record | BadRecord]:
    try:
        size = path.stat().st_size
        if size > MAX_RECORD_BYTES:
            yield BadRecord(str(path), f"larger than {MAX_RECORD_BYTES // 2**20} MiB")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield BadRecord(str(path), f"cannot read ({exc.strerror or exc})")
        return
    kind = "text" if path.suffix.lower() in (".txt", ".text", ".md") else None
    yield Record("sha256:" + hashlib.sha256(data).hexdigest(), data, str(path), kind=kind)


def read_one(path: Path) -> Iterator[Record | BadRecord]:
    """Every record of one input file, by its kind: WARC, JSONL, or a single page."""
    if not path.exists():
        yield BadRecord(str(path), "no such file")
    elif _is_warc(path):
        from newssift.warc import read_warc  # it reads Record and BadRecord from here

        yield from read_warc(path)
    elif path.name.lower().endswith(".jsonl"):
        yield from read_jsonl(path)
    else:
        yield from read_file(path)


def raw_page(rec: Record) -> RawPage:
    """The record's content, decoded and sniffed like any other input (InputError when empty or binary)."""
    if isinstance(rec.data, str):
        if not rec.data.strip():
            raise InputError("empty record")
        return from_text(rec.data, url=rec.url, kind=rec.kind)
    return from_bytes(rec.data, url=rec.url, declared_charset=rec.charset, kind=rec.kind)
