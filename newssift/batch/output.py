"""The batch output folder: Parquet parts and the manifest that makes a killed run resumable, exactly once.

    OUT/pages/part-000001.parquet      one row per page, the report nested
    OUT/comments/part-000001.parquet   flat tables
    OUT/quotes/…, OUT/claims/…, OUT/techniques/…
    OUT/manifest.sqlite3               every record's key: written (and in which part) or bad (and why)

A part is written under a temporary name, renamed into place, and only then committed to the manifest together
with the keys it holds (one SQLite transaction). On start, part files the manifest does not know (a run killed
between rename and commit) are deleted, and keys the manifest knows are skipped: no page is lost or written twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newssift.batch.tables import TABLES
from newssift.batch.work import ChunkResult
from newssift.errors import InputError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    key TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'bad')),
    reason TEXT,
    part INTEGER
);
CREATE TABLE IF NOT EXISTS parts (part INTEGER PRIMARY KEY, pages INTEGER NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
"""


@dataclass(slots=True)
class Summary:
    written: int = 0  # pages written by this run
    bad: int = 0  # bad records found by this run
    skipped_done: int = 0  # records already in the manifest from an earlier run
    duplicates: int = 0  # records whose key appeared earlier in this run's input
    seconds: float = 0.0
    total_pages: int = 0  # pages in the output, all runs
    total_bad: int = 0
    bad_reasons: dict[str, int] = field(default_factory=dict)
    bad_examples: list[dict[str, str]] = field(default_factory=list)  # where and why, the first 50
    parts: int = 0
    rows: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


class Output:
    def __init__(self, path: Path, settings: dict[str, Any]) -> None:
        self.path = path
        try:
            path.mkdir(parents=True, exist_ok=True)
            for table in TABLES:
                (path / table).mkdir(exist_ok=True)
            self.db = sqlite3.connect(path / "manifest.sqlite3", isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.executescript(_SCHEMA)
        except (OSError, sqlite3.DatabaseError) as exc:
            raise InputError(f"cannot use {path} as the output folder: {exc}") from None
        wanted = json.dumps(settings, sort_keys=True)
        found = self._meta("settings", wanted)
        if found != wanted:
            raise InputError(
                f"{path} holds a batch run with other stages ({found}); give a new --out, or the same options"
            )
        if self._meta("tables", tables_version()) != tables_version():
            raise InputError(f"{path} holds tables of another newssift version, with other columns; give a new --out")
        self._clean()
        self.next_part = int(self.db.execute("SELECT coalesce(max(part), 0) FROM parts").fetchone()[0]) + 1

    def _meta(self, key: str, wanted: str) -> str | None:
        """The output's *key*: *wanted* for a new output, None for one written before *key* was kept."""
        row = self.db.execute("SELECT v FROM meta WHERE k=?", (key,)).fetchone()
        if row is not None:
            return str(row[0])
        if self.db.execute("SELECT count(*) FROM parts").fetchone()[0]:
            return None
        self.db.execute("INSERT INTO meta VALUES (?, ?)", (key, wanted))
        return wanted

    def _clean(self) -> None:
        known = {int(r[0]) for r in self.db.execute("SELECT part FROM parts")}
        for table in TABLES:
            for f in (self.path / table).iterdir():
                stem = f.name.split(".")[0]
                number = stem.removeprefix("part-")
                if f.name.endswith(".tmp") or not number.isdigit() or int(number) not in known:
                    f.unlink()

    def done(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT key FROM records")}

    def record_bad(self, key: str, where: str, reason: str) -> bool:
        """A bad record found while reading; False if the manifest has it already."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO records (key, source, status, reason) VALUES (?,?,?,?)", (key, where, "bad", reason)
        )
        return cur.rowcount == 1

    def write(self, result: ChunkResult) -> None:
        """Write one part (all four tables, possibly empty) and commit it with its keys."""
        part = self.next_part
        name = f"part-{part:06d}.parquet"
        staged = []
        for table, schema in TABLES.items():
            tmp = self.path / table / (name + ".tmp")
            pq.write_table(pa.Table.from_pylist(result.rows[table], schema=schema), tmp, compression="zstd")
            staged.append((tmp, self.path / table / name))
        for tmp, final in staged:
            os.replace(tmp, final)
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute(
                "INSERT INTO parts VALUES (?,?,?)",
                (part, len(result.ok), datetime.now(UTC).isoformat(timespec="seconds")),
            )
            self.db.executemany(
                "INSERT INTO records (key, source, status, part) VALUES (?,?,'ok',?)",
                [(k, w, part) for k, w in result.ok],
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO records (key, source, status, reason, part) VALUES (?,?,'bad',?,?)",
                [(k, w, why, part) for k, w, why in result.bad],
            )
        self.next_part += 1

    def totals(self, summary: Summary) -> Summary:
        q = self.db.execute
        summary.total_pages = int(q("SELECT count(*) FROM records WHERE status='ok'").fetchone()[0])
        summary.total_bad = int(q("SELECT count(*) FROM records WHERE status='bad'").fetchone()[0])
        reasons: Counter[str] = Counter()
        for (reason,) in q("SELECT reason FROM records WHERE status='bad'"):
            reasons[_reason_kind(reason)] += 1
        summary.bad_reasons = dict(reasons.most_common())
        summary.bad_examples = [
            {"where": w, "reason": r}
            for w, r in q("SELECT source, reason FROM records WHERE status='bad' ORDER BY rowid LIMIT 50")
        ]
        summary.parts = int(q("SELECT count(*) FROM parts").fetchone()[0])
        summary.rows = {
            table: sum(pq.ParquetFile(f).metadata.num_rows for f in sorted((self.path / table).glob("*.parquet")))
            for table in TABLES
        }
        return summary

    def close(self) -> None:
        self.db.close()


def tables_version() -> str:
    """A digest of the tables' columns: parts of one output must all have the same (a resume too)."""
    text = "\n".join(f"{name}: {schema.to_string(show_schema_metadata=False)}" for name, schema in TABLES.items())
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _reason_kind(reason: str) -> str:
    """Bad-record reasons grouped for the summary: 'HTTP status 404', 'not a page (image/png)', ..."""
    for prefix in ("unreadable WARC data", "analysis failed", "not JSON", "cannot read"):
        if reason.startswith(prefix):
            return prefix
    return reason.split(";")[0][:80]
