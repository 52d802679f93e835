"""A local corpus of other outlets' coverage: documents, passages, origins, and a hybrid index, in one folder.

Layout of a corpus folder::

    corpus.sqlite     documents and passages (SQLite, WAL): the source of truth
    index-<n>/        a hybrid index (see index.py), written whole, never modified
    CURRENT           the name of the index in use, replaced atomically
    lock              held (flock) by the one process that writes

Ingest reads every record through the same structure and provenance stages as ``analyze``, splits the article
into passages, and commits documents in small transactions: a kill -9 loses at most the batch in flight, and
a restart skips every record whose key is already stored. The index is rebuilt from the database when it no
longer covers every passage (after an ingest, or on the next search after an interrupted one).

Origin: each document belongs to one origin group, the unit of independence. A wire credit ("(Reuters) —",
"By Associated Press", "Originally published by Ukrainska Pravda") makes the credited outlet the origin; else a
stored document it is a copy of (MinHash containment, ``provenance.syndication``) lends its origin; else the
outlet is its own origin. An outlet has one key however it was found — by its domain, a credit or its name —
through the registry's aliases (``provenance.registry.origin_key``: ``outlet:tass.com`` for tass.ru, "/TASS/"
and "ITAR-TASS" alike); outlets the registry does not know are keyed by name.
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from newssift.corroborate.features import sentences
from newssift.corroborate.index import HybridIndex
from newssift.document import Document
from newssift.encoders.static import get_featurizer
from newssift.errors import InputError, NewssiftError
from newssift.provenance import ProvenanceResult, analyze_provenance
from newssift.provenance.registry import normalise_domain, origin_key
from newssift.provenance.syndication import NUM_PERM, SCHEME, SEED, Signature, SyndicationIndex, signature
from newssift.sources import BadRecord, Record, expand, raw_page, read_one
from newssift.structure.model import Structure

SCHEMA_VERSION = 2  # 2: one origin key per outlet (outlet:<registered domain>); a schema-1 corpus is migrated
BATCH = 32
PASSAGE_WORDS = 120
MIN_PASSAGE_WORDS = 25

_SCHEMA = """
CREATE TABLE IF NOT EXISTS info (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    url TEXT, outlet TEXT NOT NULL, title TEXT, date TEXT,
    origin TEXT NOT NULL, how TEXT NOT NULL,
    text TEXT NOT NULL,
    sig BLOB NOT NULL, sig_size INTEGER NOT NULL,
    added REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL, end INTEGER NOT NULL,
    vector BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc);
CREATE TABLE IF NOT EXISTS rejected (key TEXT PRIMARY KEY, reason TEXT NOT NULL);
"""


@dataclass(slots=True)
class IngestSummary:
    added: int = 0
    already: int = 0  # records whose key was stored by an earlier run
    passages: int = 0
    no_article: int = 0
    bad: list[BadRecord] = field(default_factory=list)
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class StoredPassage:
    id: int
    doc: int
    key: str
    url: str | None
    outlet: str
    title: str | None
    date: str | None
    origin: str
    start: int
    end: int
    text: str
    score: float


def _signature_blob(sig: Signature) -> bytes:
    return np.asarray(sig.minhash.hashvalues, dtype=np.uint64).tobytes()


def _signature(blob: bytes, size: int) -> Signature:
    from datasketch import MinHash

    values = np.frombuffer(blob, dtype=np.uint64)
    return Signature(MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=values, scheme=SCHEME), size)


def chunk(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Passages of about PASSAGE_WORDS words: short paragraphs joined, long ones split at sentence ends."""
    pieces: list[tuple[int, int]] = []
    for a, b in paragraphs:
        para = text[a:b]
        if len(para.split()) <= PASSAGE_WORDS:
            pieces.append((a, b))
            continue
        pos = a
        start = a
        words = 0
        for s in sentences(para):
            i = text.find(s, pos, b)
            if i < 0:
                continue
            if words and words + len(s.split()) > PASSAGE_WORDS:
                pieces.append((start, pos))
                start, words = i, 0
            words += len(s.split())
            pos = i + len(s)
        pieces.append((start, max(pos, start)))
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if b <= a:
            continue
        if (
            out
            and len(text[out[-1][0] : out[-1][1]].split()) + len(text[a:b].split()) <= PASSAGE_WORDS
            and (
                len(text[a:b].split()) < MIN_PASSAGE_WORDS
                or len(text[out[-1][0] : out[-1][1]].split()) < MIN_PASSAGE_WORDS
            )
        ):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


class Corpus:
    def __init__(self, path: Path, create: bool = False) -> None:
        self.path = path
        db = path / "corpus.sqlite"
        if not db.exists() and not create:
            raise InputError(
                f"{path} is not a newssift corpus (no corpus.sqlite); create it with `newssift corpus add`"
            )
        if create:
            path.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(db, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        row = self.db.execute("SELECT value FROM info WHERE name='schema'").fetchone()
        if row is None:
            with self.db:
                self.db.execute("INSERT OR IGNORE INTO info VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) == 1:
            self._migrate_origins()
        elif int(row[0]) != SCHEMA_VERSION:
            raise NewssiftError(f"corpus {path} has schema {row[0]}; this newssift reads {SCHEMA_VERSION}")
        self._index: HybridIndex | None = None

    def close(self) -> None:
        self.db.close()

    def _migrate_origins(self) -> None:
        """Schema 1 to 2: rewrite the stored origin keys (``credit:tass.com`` and ``outlet:tass`` are both
        ``outlet:tass.com`` now), in one transaction."""
        with self.db:
            for (old,) in self.db.execute("SELECT DISTINCT origin FROM documents").fetchall():
                new = migrate_origin(old)
                if new != old:
                    self.db.execute("UPDATE documents SET origin = ? WHERE origin = ?", (new, old))
            self.db.execute("UPDATE info SET value = ? WHERE name = 'schema'", (str(SCHEMA_VERSION),))

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing ------------------------------------------------------------------------------------------

    @contextmanager
    def _writer(self) -> Iterator[None]:
        with (self.path / "lock").open("a") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise NewssiftError(f"another process is writing to the corpus {self.path}") from exc
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _syndication(self) -> tuple[SyndicationIndex, dict[str, str]]:
        index = SyndicationIndex()
        origins: dict[str, str] = {}
        for key, origin, blob, size in self.db.execute("SELECT key, origin, sig, sig_size FROM documents"):
            index.add(key, _signature(blob, size))
            origins[key] = origin
        return index, origins

    def add(self, paths: list[Path], progress: Callable[[int, int], None] | None = None) -> IngestSummary:
        """Ingest files, folders, JSONL and WARC, then index; ``progress(records_seen, files_done)`` is called per
        record, files counted as ``expand(paths)`` lists them."""
        from newssift.pipeline import structure

        t0 = time.perf_counter()
        summary = IngestSummary()
        with self._writer():
            known = {k for (k,) in self.db.execute("SELECT key FROM documents UNION SELECT key FROM rejected")}
            synd, origins = self._syndication()
            batch: list[tuple[dict[str, object], list[tuple[int, int]]]] = []
            rejected: list[tuple[str, str]] = []
            seen = 0
            records = ((i, rec) for i, path in enumerate(expand(paths)) for rec in read_one(path))
            for files_done, rec in records:
                seen += 1
                if progress:
                    progress(seen, files_done)
                if isinstance(rec, BadRecord):
                    summary.bad.append(rec)
                    continue
                if rec.key in known:
                    summary.already += 1
                    continue
                known.add(rec.key)
                try:
                    doc, st = structure(raw_page(rec))
                except InputError as exc:
                    summary.bad.append(BadRecord(rec.where, str(exc)))
                    rejected.append((rec.key, str(exc)))
                    continue
                paras = [(p.start, p.end) for p in st.paragraphs]
                if not paras:
                    summary.no_article += 1
                    rejected.append((rec.key, "no article text"))
                    continue
                row = _document_row(rec, doc, st, paras, synd, origins)
                batch.append((row, chunk(doc.text, paras)))
                if len(batch) >= BATCH:
                    summary.passages += self._commit(batch, rejected)
                    summary.added += len(batch)
                    batch, rejected = [], []
            summary.passages += self._commit(batch, rejected)
            summary.added += len(batch)
            self.build_index()
        summary.seconds = time.perf_counter() - t0
        return summary

    def _commit(
        self, batch: list[tuple[dict[str, object], list[tuple[int, int]]]], rejected: list[tuple[str, str]]
    ) -> int:
        texts = [str(row["text"])[a:b] for row, chunks in batch for a, b in chunks]
        vectors = get_featurizer().embed(texts) if texts else np.zeros((0, 0), dtype=np.float32)
        n = 0
        with self.db:  # one transaction: the whole batch is stored, or none of it
            for row, chunks in batch:
                cur = self.db.execute(
                    "INSERT INTO documents (key, url, outlet, title, date, origin, how, text, sig, sig_size, added)"
                    " VALUES (:key, :url, :outlet, :title, :date, :origin, :how, :text, :sig, :sig_size, :added)",
                    row,
                )
                for a, b in chunks:
                    self.db.execute(
                        "INSERT INTO passages (doc, start, end, vector) VALUES (?, ?, ?, ?)",
                        (cur.lastrowid, a, b, vectors[n].astype(np.float16).tobytes()),
                    )
                    n += 1
            self.db.executemany("INSERT OR IGNORE INTO rejected VALUES (?, ?)", rejected)
        return n

    # ---- the index ----------------------------------------------------------------------------------------

    def _current(self) -> Path | None:
        try:
            name = (self.path / "CURRENT").read_text().strip()
        except FileNotFoundError:
            return None
        p = self.path / name
        return p if (p / "meta.json").exists() else None

    def index_is_current(self) -> bool:
        cur = self._current()
        if cur is None:
            return False
        meta = json.loads((cur / "meta.json").read_text())
        count, max_id = self.db.execute("SELECT count(*), coalesce(max(id), 0) FROM passages").fetchone()
        return bool(meta["count"] == count and meta["max_key"] == max_id)

    def build_index(self) -> None:
        """Write a fresh index of every stored passage and switch CURRENT to it atomically."""
        rows = self.db.execute(
            "SELECT p.id, d.text, p.start, p.end, p.vector"
            " FROM passages p JOIN documents d ON d.id = p.doc ORDER BY p.id"
        ).fetchall()
        keys = np.array([r[0] for r in rows], dtype=np.int64)
        texts = [r[1][r[2] : r[3]] for r in rows]
        dim = get_featurizer().dim
        vectors = (
            np.frombuffer(b"".join(r[4] for r in rows), dtype=np.float16).reshape(-1, dim).astype(np.float32)
            if rows
            else np.zeros((0, dim), dtype=np.float32)
        )
        name = f"index-{int(time.time() * 1000)}-{os.getpid()}"
        HybridIndex.build(self.path / name, keys, texts, vectors)
        tmp = self.path / f"CURRENT.{os.getpid()}.tmp"
        tmp.write_text(name + "\n")
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.path / "CURRENT")
        self._index = None
        for p in self.path.glob("index-*"):  # older indexes, and any left half-written by a killed build
            if p.name != name:
                shutil.rmtree(p, ignore_errors=True)

    def index(self) -> HybridIndex:
        if self._index is None:
            if not self.index_is_current():
                try:
                    with self._writer():
                        self.build_index()
                except NewssiftError:
                    pass  # another process is writing: search the index as it stands
            cur = self._current()
            if cur is None:
                raise NewssiftError(f"corpus {self.path} has no index yet; another process is still ingesting")
            self._index = HybridIndex(cur)
        return self._index

    # ---- reading ------------------------------------------------------------------------------------------

    def search(self, queries: list[str], k: int = 10) -> list[list[StoredPassage]]:
        index = self.index()
        vectors = get_featurizer().embed(queries)
        hits = index.search(queries, vectors, k=k)
        ids = sorted({h.key for hs in hits for h in hs})
        found = self.passages(ids)
        return [
            [
                dataclasses.replace(found[h.key], score=h.score) for h in hs if h.key in found
            ]  # a passage is never deleted
            for hs in hits
        ]

    def passages(self, ids: list[int]) -> dict[int, StoredPassage]:
        out: dict[int, StoredPassage] = {}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            q = (
                "SELECT p.id, p.doc, d.key, d.url, d.outlet, d.title, d.date, d.origin, p.start, p.end, d.text"
                f" FROM passages p JOIN documents d ON d.id = p.doc WHERE p.id IN ({','.join('?' * len(part))})"
            )
            for pid, doc, key, url, outlet, title, date, origin, start, end, text in self.db.execute(q, part):
                out[pid] = StoredPassage(
                    pid, doc, key, url, outlet, title, date, origin, start, end, text[start:end], score=0.0
                )
        return out

    def articles(self, ids: list[int]) -> dict[int, str]:
        """The article text of each stored document (its passages joined), by document id."""
        out: dict[int, list[str]] = {}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            q = (
                "SELECT p.doc, d.text, p.start, p.end FROM passages p JOIN documents d ON d.id = p.doc"
                f" WHERE p.doc IN ({','.join('?' * len(part))}) ORDER BY p.doc, p.id"
            )
            for doc, text, start, end in self.db.execute(q, part):
                out.setdefault(doc, []).append(text[start:end])
        return {d: "\n".join(v) for d, v in out.items()}

    def count_documents(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def article_regions(self) -> Iterator[tuple[str, str, str, list[tuple[int, int]]]]:
        """Every stored document as (key, outlet, text, article passages as (start, end) offsets into text)."""
        rows = self.db.execute(
            "SELECT d.key, d.outlet, d.text, p.start, p.end FROM documents d JOIN passages p ON p.doc = d.id"
            " ORDER BY d.id, p.id"
        )
        current: tuple[str, str, str] | None = None
        regions: list[tuple[int, int]] = []
        for key, outlet, text, start, end in rows:
            if current is not None and current[0] != key:
                yield (*current, regions)
                regions = []
            current = (key, outlet, text)
            regions.append((start, end))
        if current is not None:
            yield (*current, regions)

    def signature_of(self, doc: int) -> Signature:
        blob, size = self.db.execute("SELECT sig, sig_size FROM documents WHERE id = ?", (doc,)).fetchone()
        return _signature(blob, size)

    def stats(self) -> dict[str, object]:
        docs, outlets, origins = self.db.execute(
            "SELECT count(*), count(DISTINCT outlet), count(DISTINCT origin) FROM documents"
        ).fetchone()
        (passages,) = self.db.execute("SELECT count(*) FROM passages").fetchone()
        (rejected,) = self.db.execute("SELECT count(*) FROM rejected").fetchone()
        top = self.db.execute(
            "SELECT outlet, count(*) AS n FROM documents GROUP BY outlet ORDER BY n DESC, outlet LIMIT 20"
        ).fetchall()
        size = sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())
        return {
            "documents": docs,
            "passages": passages,
            "outlets": outlets,
            "origins": origins,
            "rejected_records": rejected,
            "index_current": self.index_is_current(),
            "bytes_on_disk": size,
            "top_outlets": [{"outlet": o, "documents": n} for o, n in top],
        }


@dataclass(frozen=True, slots=True)
class Origins:
    """Who published a page and who is credited with its text, as names and as origin keys (one per outlet)."""

    outlet: str  # the publishing outlet's name, as the corpus lists it
    key: str  # the publishing outlet's origin key
    credited: list[tuple[str, str]]  # (origin key, name) of each other outlet credited with the text


def outlet_of(doc: Document, prov: ProvenanceResult, given: str | None = None) -> Origins:
    """The publishing outlet and the outlets credited with the text (wires, original publishers), each with its
    origin key from the registry (``origin_key``): an outlet found by its domain, a credit or its name is one key."""
    publisher_domain = prov.publisher.info.domain if prov.publisher else None
    if doc.meta.url and not publisher_domain:
        publisher_domain = normalise_domain(doc.meta.url) or None
    if given:
        outlet = given
    elif prov.publisher is not None:
        outlet = prov.publisher.info.name or prov.publisher.info.domain or "unknown"
    elif doc.meta.url:
        outlet = normalise_domain(doc.meta.url) or "unknown"
    else:
        outlet = "unknown"
    own = origin_key(None if outlet == "unknown" else outlet, publisher_domain) or "outlet:unknown"
    credited: list[tuple[str, str]] = []
    for o in prov.credited:
        key = origin_key(o.info.name, o.info.domain)
        if key and key != own and key not in (k for k, _ in credited):
            credited.append((key, o.info.name or o.info.domain or key))
    return Origins(outlet, own, credited)


def migrate_origin(old: str) -> str:
    """A schema-1 origin key (``credit:<domain>``, ``outlet:<name or domain>``) as this version writes it."""
    kind, _, rest = old.partition(":")
    if kind == "credit":
        return origin_key(None, rest) or old
    if kind == "outlet" and rest != "unknown":
        return origin_key(rest, rest if "." in rest and " " not in rest else None) or old
    return old


def _document_row(
    rec: Record,
    doc: Document,
    st: Structure,
    paras: list[tuple[int, int]],
    synd: SyndicationIndex,
    origins: dict[str, str],
) -> dict[str, object]:
    found = outlet_of(doc, analyze_provenance(doc, st), rec.meta.get("outlet"))
    outlet = found.outlet
    article = "\n".join(doc.text[a:b] for a, b in paras)
    sig = signature(article)
    if found.credited:
        origin, how = found.credited[0][0], f"credited to {found.credited[0][1]}"
    else:
        copies = [(k, s) for k, s in synd.query(sig) if k in origins]
        if copies:
            origin, how = origins[copies[0][0]], f"copy of {copies[0][0]} (containment {copies[0][1]:.2f})"
        else:
            origin, how = found.key, "the outlet's own"
    synd.add(rec.key, sig)
    origins[rec.key] = origin
    return {
        "key": rec.key,
        "url": rec.url,
        "outlet": outlet,
        "title": rec.meta.get("title") or doc.meta.title,
        "date": rec.meta.get("date") or doc.meta.date or st.date,
        "origin": origin,
        "how": how,
        "text": doc.text,
        "sig": _signature_blob(sig),
        "sig_size": sig.size,
        "added": time.time(),
    }
