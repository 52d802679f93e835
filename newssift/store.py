"""The server's report store: one SQLite file holding analyses (with their progress) and reviewers' overrides.

An analysis is a row that moves queued → running (with the stage it is in) → done (with the report JSON) or failed
(with a one-line error). An override is an append-only audit record: which comment, the action the model chose,
the action the reviewer set, why, who, and when; the latest override of a comment is its effective action.
Each call opens its own connection (WAL mode), so the store can be shared by the server's threads.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newssift.errors import InputError, NewssiftError
from newssift.report import Report

ACTIONS = ("remove", "review", "allow")
MAX_REASON = 2000
MAX_REVIEWER = 120

_SCHEMA = """
CREATE TABLE IF NOT EXISTS analyses (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    stage TEXT,
    input_kind TEXT NOT NULL,
    input_label TEXT,
    title TEXT,
    report TEXT,
    error TEXT,
    owner TEXT
);
CREATE INDEX IF NOT EXISTS analyses_created ON analyses (created);
CREATE TABLE IF NOT EXISTS overrides (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    analysis TEXT NOT NULL REFERENCES analyses (id),
    comment TEXT NOT NULL,
    previous TEXT,
    action TEXT NOT NULL CHECK (action IN ('remove', 'review', 'allow')),
    reason TEXT NOT NULL,
    reviewer TEXT,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS overrides_analysis ON overrides (analysis, seq);
"""


STORE_TIMEOUT = 30.0  # seconds to wait for a lock on the database before it counts as unavailable


class StoreUnavailable(NewssiftError):
    """The report database cannot be read or written now (locked, read-only, removed, corrupt)."""


class Conflict(NewssiftError):
    """The request does not fit the analysis's state (not finished; the same override again)."""


_PROCESS_TOKEN = secrets.token_hex(4)  # tells this process from an earlier one that had the same pid


def owner() -> str:
    """Who runs the analyses this process creates: ``host:pid:token``."""
    return f"{socket.gethostname()}:{os.getpid()}:{_PROCESS_TOKEN}"


def _owner_alive(owner: str | None) -> bool:
    """Whether the server process *owner* (``host:pid:token``) is running. An owner on another machine is taken to
    be alive (this one cannot tell). This process's pid with another token is an earlier process that had the same
    pid (a container restarted: the server is pid 1 again), so it is gone. A row with no owner was made before
    owners were kept, by a process that is gone."""
    if not owner or ":" not in owner:
        return False
    host, _, rest = owner.partition(":")
    pid, _, token = rest.partition(":")
    if host != socket.gethostname():
        return True
    if not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return token == _PROCESS_TOKEN
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a process of another user has that pid
        return True
    return True


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Analysis:
    id: str
    created: str
    updated: str
    status: str
    stage: str | None
    input_kind: str
    input_label: str | None
    title: str | None
    report: Report | None
    error: str | None


@dataclass(frozen=True, slots=True)
class Override:
    seq: int
    comment: str
    previous: str | None
    action: str
    reason: str
    reviewer: str | None
    at: str

    def as_json(self) -> dict[str, Any]:
        return {
            "comment": self.comment,
            "previous": self.previous,
            "action": self.action,
            "reason": self.reason,
            "reviewer": self.reviewer,
            "at": self.at,
        }


def default_path() -> Path:
    """``$XDG_DATA_HOME/newssift/reports.sqlite3`` (``~/.local/share`` when XDG_DATA_HOME is unset)."""
    import os

    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newssift" / "reports.sqlite3"


class ReportStore:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._db() as db:
                db.executescript(_SCHEMA)
                columns = {row[1] for row in db.execute("PRAGMA table_info(analyses)")}
                if "owner" not in columns:  # a database made before analyses had owners
                    db.execute("ALTER TABLE analyses ADD COLUMN owner TEXT")
        except (OSError, sqlite3.DatabaseError, StoreUnavailable) as exc:
            raise InputError(f"cannot open the report database {self.path}: {exc}") from None

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        try:
            db = sqlite3.connect(self.path, timeout=STORE_TIMEOUT, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"the report database {self.path} is unavailable ({exc})") from None
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.row_factory = sqlite3.Row
            yield db
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as exc:  # locked, read-only, gone, corrupt (OperationalError is one)
            raise StoreUnavailable(f"the report database {self.path} is unavailable ({exc})") from None
        finally:
            db.close()

    # ----------------------------------------------------------------------------------------- analyses

    def create(self, input_kind: str, input_label: str | None) -> str:
        aid = secrets.token_urlsafe(12)
        t = now()
        with self._db() as db:
            db.execute(
                "INSERT INTO analyses (id, created, updated, status, input_kind, input_label, owner) "
                "VALUES (?,?,?,?,?,?,?)",
                (aid, t, t, "queued", input_kind, (input_label or "")[:300] or None, owner()),
            )
        return aid

    def set_stage(self, aid: str, stage: str) -> None:
        with self._db() as db:
            db.execute("UPDATE analyses SET status='running', stage=?, updated=? WHERE id=?", (stage, now(), aid))

    def finish(self, aid: str, report: Report) -> None:
        body = report.model_dump_json()
        with self._db() as db:
            db.execute(
                "UPDATE analyses SET status='done', stage=NULL, updated=?, title=?, report=? WHERE id=?",
                (now(), (report.document.title or "")[:300] or None, body, aid),
            )

    def fail(self, aid: str, error: str) -> None:
        with self._db() as db:
            db.execute("UPDATE analyses SET status='failed', updated=?, error=? WHERE id=?", (now(), error[:2000], aid))

    def interrupt_unfinished(self) -> int:
        """Mark as failed the analyses left queued or running by a server process of this machine that is gone
        (another server still running on the same database keeps its own); returns how many."""
        with self._db() as db:
            rows = db.execute("SELECT id, owner FROM analyses WHERE status IN ('queued', 'running')").fetchall()
            orphans = [(r["id"],) for r in rows if not _owner_alive(r["owner"])]
            db.executemany(
                "UPDATE analyses SET status='failed', updated=?, error=? "
                "WHERE id=? AND status IN ('queued', 'running')",
                [
                    (now(), "interrupted: the server stopped before this analysis finished; submit it again", *o)
                    for o in orphans
                ],
            )
            return len(orphans)

    def get(self, aid: str) -> Analysis | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM analyses WHERE id=?", (aid,)).fetchone()
        if row is None:
            return None
        report = Report.model_validate_json(row["report"]) if row["report"] else None
        return Analysis(
            id=row["id"],
            created=row["created"],
            updated=row["updated"],
            status=row["status"],
            stage=row["stage"],
            input_kind=row["input_kind"],
            input_label=row["input_label"],
            title=row["title"],
            report=report,
            error=row["error"],
        )

    def recent(self, limit: int = 20) -> list[dict[str, Any]]:
        with self._db() as db:
            rows = db.execute(
                "SELECT id, created, status, input_kind, input_label, title FROM analyses "
                "ORDER BY created DESC, rowid DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [dict(r) for r in rows]

    def pending(self) -> int:
        with self._db() as db:
            row = db.execute("SELECT count(*) FROM analyses WHERE status IN ('queued', 'running')").fetchone()
        return int(row[0])

    # ----------------------------------------------------------------------------------------- overrides

    def override(self, aid: str, comment: str, action: str, reason: str, reviewer: str | None) -> Override:
        """Record a reviewer's action on one comment of a finished analysis."""
        if action not in ACTIONS:
            raise InputError(f"action must be one of {', '.join(ACTIONS)}, not {action!r}")
        reason = reason.strip()
        if not reason:
            raise InputError("a reason is required to overrule a verdict")
        if len(reason) > MAX_REASON:
            raise InputError(f"the reason is longer than {MAX_REASON} characters")
        reviewer = (reviewer or "").strip()[:MAX_REVIEWER] or None
        analysis = self.get(aid)
        if analysis is None:
            raise LookupError(f"no analysis {aid!r}")
        if analysis.report is None:
            raise Conflict(f"analysis {aid!r} is {analysis.status}; only a finished report can be overruled")
        by_id = {c.id: c for c in analysis.report.comments}
        if comment not in by_id:
            raise LookupError(f"analysis {aid!r} has no comment {comment!r}")
        current = self.effective_actions(aid).get(comment)
        if current == action:  # a form sent twice, or two reviewers at once: one audit record, not two
            raise Conflict(f"comment {comment!r} was already overruled to {action!r}; reload to see the audit log")
        if current is None:
            mod = by_id[comment].moderation
            current = mod.action if mod else None
        t = now()
        with self._db() as db:
            cur = db.execute(
                "INSERT INTO overrides (analysis, comment, previous, action, reason, reviewer, at) "
                "VALUES (?,?,?,?,?,?,?)",
                (aid, comment, current, action, reason, reviewer, t),
            )
            seq = int(cur.lastrowid or 0)
        return Override(seq, comment, current, action, reason, reviewer, t)

    def overrides(self, aid: str) -> list[Override]:
        with self._db() as db:
            rows = db.execute(
                "SELECT seq, comment, previous, action, reason, reviewer, at FROM overrides "
                "WHERE analysis=? ORDER BY seq",
                (aid,),
            ).fetchall()
        return [Override(*tuple(r)) for r in rows]

    def effective_actions(self, aid: str) -> dict[str, str]:
        """The latest overriding action of each overruled comment."""
        return {o.comment: o.action for o in self.overrides(aid)}


def analysis_json(a: Analysis, overrides: list[Override]) -> dict[str, Any]:
    """The API's view of an analysis: status and progress, the report when done, and the audit log."""
    return {
        "id": a.id,
        "status": a.status,
        "stage": a.stage,
        "created": a.created,
        "updated": a.updated,
        "input": {"kind": a.input_kind, "label": a.input_label},
        "error": a.error,
        "report": json.loads(a.report.model_dump_json()) if a.report else None,
        "overrides": [o.as_json() for o in overrides],
    }
