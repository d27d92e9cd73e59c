"""The trace store: every agent run, recorded as it happens, for people and for retraining.

A run is a row (text, spec, model, status, final result) and an ordered list of events, one
per thing the graph did: the prompt and the full completion of every model call, every
draft, every execution result, every check report, each repair (deterministic or by the
model) with its message, the question asked on an incomplete spec and its answer. Events
are written as they happen (nothing is lost when a run crashes) and keep full texts, since
later steps export them as training data.

Storage: SQLite by default, in the same file as the LangGraph checkpoints
(``default_db_path()``: ``$AUTOBM_HOME/autobm.sqlite``, ``~/.autobm`` by default), or
PostgreSQL for a ``postgresql://`` URL (needs ``pip install 'autobm[postgres]'``). The
tables are ``autobm_runs`` and ``autobm_events``, beside LangGraph's own.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from autobm.agent.errors import ConfigError, masked_url

__all__ = ["Trace", "TraceEvent", "TraceStore", "TraceSummary", "default_db_path", "display_target",
           "postgres_schema_lock"]


def default_db_path() -> Path:
    """``$AUTOBM_DB``, else ``$AUTOBM_HOME/autobm.sqlite`` (``AUTOBM_HOME`` defaults to ``~/.autobm``)."""
    if os.environ.get("AUTOBM_DB"):
        return Path(os.environ["AUTOBM_DB"]).expanduser()
    return Path(os.environ.get("AUTOBM_HOME", "~/.autobm")).expanduser() / "autobm.sqlite"


def is_postgres_url(target: str | os.PathLike[str]) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def display_target(target: str | os.PathLike[str]) -> str:
    """The database for messages: a URL's password masked.

    >>> display_target("postgresql://autobm:s3cret@db:5432/autobm")
    'postgresql://autobm:***@db:5432/autobm'
    """
    target = str(target)
    return masked_url(target) if is_postgres_url(target) else target


class TraceSummary(BaseModel):
    """One run, without its events."""

    run_id: str = Field(description="the LangGraph thread id of the run")
    started_at: float = Field(description="Unix time, s")
    finished_at: float | None = Field(None, description="Unix time, s; None while running, waiting or interrupted")
    status: str = Field(description="running, verified, failed, needs_input, invalid, error (the model did not "
                                    "answer, or a fault) or interrupted (Ctrl-C); the last two can be resumed")
    text: str | None = Field(None, description="the building description as given")
    model: str = Field(description="which model drafted: 'reference' or the model's description")
    drafter: str | None = Field(None, description="who drafted the final script")
    rounds: int = Field(0, description="repair rounds (deterministic and by the model)")


class TraceEvent(BaseModel):
    seq: int
    at: float = Field(description="Unix time, s")
    node: str = Field(description="the graph node that recorded it")
    kind: str = Field(description="spec, prompt, completion, draft, execution, checks, repair, question, answer, final")
    payload: dict[str, Any]


class Trace(TraceSummary):
    spec: dict[str, Any] | None = None
    result: dict[str, Any] | None = None
    events: list[TraceEvent] = Field(default_factory=list)


_SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS autobm_runs (
    run_id TEXT PRIMARY KEY, started_at REAL NOT NULL, finished_at REAL, status TEXT NOT NULL,
    text TEXT, model TEXT NOT NULL, drafter TEXT, rounds INTEGER NOT NULL DEFAULT 0,
    spec_json TEXT, result_json TEXT, owner TEXT);
CREATE TABLE IF NOT EXISTS autobm_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, at REAL NOT NULL, node TEXT NOT NULL,
    kind TEXT NOT NULL, payload_json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS autobm_events_run ON autobm_events (run_id, id);
"""
_POSTGRES_SCHEMA = _SQLITE_SCHEMA.replace("REAL", "DOUBLE PRECISION").replace(
    "id INTEGER PRIMARY KEY AUTOINCREMENT", "id BIGSERIAL PRIMARY KEY")
# Stores made before runs recorded their process: the column is added when such a store is opened.
_OWNER_COLUMN_SQLITE = "ALTER TABLE autobm_runs ADD COLUMN owner TEXT"
_OWNER_COLUMN_POSTGRES = "ALTER TABLE autobm_runs ADD COLUMN IF NOT EXISTS owner TEXT"
_POSTGRES_SCHEMA_LOCK_KEY = 0x6175746F626D  # b"autobm"
_POSTGRES_SCHEMA_LOCK_TIMEOUT_S = 120.0


@contextmanager
def postgres_schema_lock(conn: Any) -> Iterator[None]:
    """Create tables one process at a time: hold autobm's advisory lock on a psycopg connection.

    PostgreSQL's ``CREATE TABLE IF NOT EXISTS`` is not safe between sessions: processes that
    start together on a new database fail with a unique violation on ``pg_type`` (the trace
    tables, and LangGraph's checkpoint migrations). The lock is a session lock taken by
    polling ``pg_try_advisory_lock``: a session blocked inside a statement would hold a
    snapshot, which the holder's ``CREATE INDEX CONCURRENTLY`` (a checkpoint migration) waits
    for, a deadlock. ``conn`` must be in autocommit mode.
    """
    from psycopg.rows import tuple_row  # noqa: PLC0415  (optional dependency)

    deadline = time.monotonic() + _POSTGRES_SCHEMA_LOCK_TIMEOUT_S
    with conn.cursor(row_factory=tuple_row) as cur:
        while not cur.execute("SELECT pg_try_advisory_lock(%s)", (_POSTGRES_SCHEMA_LOCK_KEY,)).fetchone()[0]:
            if time.monotonic() > deadline:
                raise ConfigError(f"another session has held autobm's schema lock for "
                                  f"{_POSTGRES_SCHEMA_LOCK_TIMEOUT_S:g} s: see pg_locks (locktype 'advisory')")
            time.sleep(0.05)
        try:
            yield
        finally:
            cur.execute("SELECT pg_advisory_unlock(%s)", (_POSTGRES_SCHEMA_LOCK_KEY,))


class TraceStore:
    """Append-only store of runs and their events (thread-safe; several processes may share a SQLite file)."""

    def __init__(self, target: str | os.PathLike[str] | None = None) -> None:
        target = target if target is not None else default_db_path()
        self.target = str(target)
        self._lock = threading.Lock()
        if is_postgres_url(target):
            try:
                import psycopg  # noqa: PLC0415  (optional dependency)
            except ImportError:
                raise ConfigError("a PostgreSQL trace store needs psycopg: pip install 'autobm[postgres]'") from None
            try:
                self._conn: Any = psycopg.connect(self.target, autocommit=True)
            except psycopg.OperationalError as exc:
                raise ConfigError(f"trace store {display_target(target)}: cannot connect ({exc})") from None
            self._param = "%s"
            with postgres_schema_lock(self._conn), self._conn.cursor() as cur:
                cur.execute(_POSTGRES_SCHEMA)
                cur.execute(_OWNER_COLUMN_POSTGRES)
        else:
            path = Path(target).expanduser()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30, isolation_level=None)
                self._conn.execute("PRAGMA journal_mode=WAL")
                # WAL without an fsync per commit: a killed process loses nothing, a power cut at most the last
                # runs' traces, never the file.
                self._conn.execute("PRAGMA synchronous=NORMAL")
                self._conn.execute("PRAGMA busy_timeout=30000")
                self._param = "?"
                self._conn.executescript(_SQLITE_SCHEMA)
                _add_owner_column(self._conn)
            except (sqlite3.DatabaseError, OSError) as exc:
                raise ConfigError(f"trace store {path}: cannot be used ({exc}); give a new file name or an autobm "
                                  "SQLite store") from None

    # --- writing ---------------------------------------------------------------------

    def start_run(self, run_id: str, *, text: str | None, model: str) -> None:
        """Record a run's start (a resumed run keeps its row and goes back to 'running').

        The row names this process (host, pid and the pid's start time): a run whose process
        died without finishing it (``kill -9``, a power cut) reads as 'interrupted' from then on.
        """
        now = time.time()
        owner = _this_process()
        with self._cursor() as cur:
            cur.execute(self._sql("SELECT run_id FROM autobm_runs WHERE run_id = ?"), (run_id,))
            if cur.fetchone() is None:
                cur.execute(self._sql("INSERT INTO autobm_runs (run_id, started_at, status, text, model, owner) "
                                      "VALUES (?, ?, 'running', ?, ?, ?)"), (run_id, now, text, model, owner))
            else:
                cur.execute(self._sql("UPDATE autobm_runs SET status = 'running', finished_at = NULL, owner = ? "
                                      "WHERE run_id = ?"), (owner, run_id))

    def has_run(self, run_id: str) -> bool:
        with self._cursor() as cur:
            cur.execute(self._sql("SELECT 1 FROM autobm_runs WHERE run_id = ?"), (run_id,))
            return cur.fetchone() is not None

    def event(self, run_id: str, node: str, kind: str, payload: dict[str, Any]) -> None:
        with self._cursor() as cur:
            cur.execute(self._sql("INSERT INTO autobm_events (run_id, at, node, kind, payload_json) VALUES (?, ?, ?, ?, ?)"),
                        (run_id, time.time(), node, kind, json.dumps(payload, ensure_ascii=False, default=str)))

    def finish_run(self, run_id: str, *, status: str, spec: dict[str, Any] | None = None, drafter: str | None = None,
                   rounds: int = 0, result: dict[str, Any] | None = None) -> None:
        with self._cursor() as cur:
            cur.execute(self._sql("UPDATE autobm_runs SET status = ?, finished_at = ?, spec_json = ?, drafter = ?, "
                                  "rounds = ?, result_json = ? WHERE run_id = ?"),
                        (status, time.time() if status not in ("running", "needs_input", "interrupted") else None,
                         _dumps(spec), drafter, rounds, _dumps(result), run_id))

    # --- reading ---------------------------------------------------------------------

    def list_runs(self, *, limit: int = 50, status: str | None = None) -> list[TraceSummary]:
        """The newest runs first."""
        self.mark_orphans()
        where, args = ("WHERE status = ?", (status,)) if status else ("", ())
        with self._cursor() as cur:
            cur.execute(self._sql(f"SELECT run_id, started_at, finished_at, status, text, model, drafter, rounds "
                                  f"FROM autobm_runs {where} ORDER BY started_at DESC LIMIT ?"), (*args, limit))
            rows = cur.fetchall()
        keys = ("run_id", "started_at", "finished_at", "status", "text", "model", "drafter", "rounds")
        return [TraceSummary(**dict(zip(keys, row))) for row in rows]

    def get_run(self, run_id: str) -> Trace | None:
        self.mark_orphans(run_id)
        with self._cursor() as cur:
            cur.execute(self._sql("SELECT run_id, started_at, finished_at, status, text, model, drafter, rounds, "
                                  "spec_json, result_json FROM autobm_runs WHERE run_id = ?"), (run_id,))
            row = cur.fetchone()
            if row is None:
                return None
            cur.execute(self._sql("SELECT id, at, node, kind, payload_json FROM autobm_events WHERE run_id = ? "
                                  "ORDER BY id"), (run_id,))
            events = [TraceEvent(seq=i, at=at, node=node, kind=kind, payload=json.loads(payload))
                      for i, (_, at, node, kind, payload) in enumerate(cur.fetchall())]
        keys = ("run_id", "started_at", "finished_at", "status", "text", "model", "drafter", "rounds")
        return Trace(**dict(zip(keys, row[:8])), spec=_loads(row[8]), result=_loads(row[9]), events=events)

    def mark_orphans(self, run_id: str | None = None) -> list[str]:
        """Runs left 'running' by a process of this host that is gone are marked 'interrupted'; their ids.

        All runs, or only ``run_id``. Runs of other hosts are left as they are: whether their
        process lives cannot be seen from here.
        """
        where, args = ("AND run_id = ?", (run_id,)) if run_id is not None else ("", ())
        with self._cursor() as cur:
            cur.execute(self._sql(f"SELECT run_id, owner FROM autobm_runs WHERE status = 'running' {where}"), args)
            orphans = [run for run, owner in cur.fetchall() if _orphaned(owner)]
            for run in orphans:
                cur.execute(self._sql("UPDATE autobm_runs SET status = 'interrupted', result_json = ? "
                                      "WHERE run_id = ? AND status = 'running'"),
                            (_dumps({"error": "the process running it ended before the run finished (killed, or "
                                              "the machine stopped); it can be resumed where checkpoints were kept"}),
                             run))
        return orphans

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> TraceStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- internals -------------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql if self._param == "?" else sql.replace("?", self._param)

    @contextmanager
    def _cursor(self) -> Iterator[Any]:
        with self._lock:
            cur = self._conn.cursor()
            try:
                yield cur
            finally:
                cur.close()


def _add_owner_column(conn: sqlite3.Connection) -> None:
    if any(row[1] == "owner" for row in conn.execute("PRAGMA table_info(autobm_runs)")):
        return
    try:
        conn.execute(_OWNER_COLUMN_SQLITE)
    except sqlite3.OperationalError as exc:  # another process added it first
        if "duplicate column" not in str(exc):
            raise


def _this_process() -> str:
    """'host:pid:start', start being the pid's start time in clock ticks since boot (Linux; 0 elsewhere)."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_start_ticks(pid)}"


def _start_ticks(pid: int) -> int:
    state = _proc_stat(pid)
    return 0 if state is None else int(state[19])


def _proc_stat(pid: int) -> list[str] | None:
    """/proc/PID/stat from field 3 (state) on, or None without /proc; [19] is field 22, the start time in ticks."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2:].split()  # the name, field 2, may hold spaces and parentheses


def _orphaned(owner: str | None) -> bool:
    """Whether the process an owner string names ran on this host and is gone (a pid reused since, or a zombie,
    counts as gone). Owners of other hosts, and rows written before owners were recorded, are not orphans."""
    try:
        host, pid_text, start_text = (owner or "").rsplit(":", 2)
        pid, start = int(pid_text), int(start_text)
    except ValueError:
        return False
    if host != socket.gethostname():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # another user's process
    state = _proc_stat(pid)
    if state is None:  # no /proc (or it ended just now: the next read sees it)
        return False
    return state[0] == "Z" or (start != 0 and int(state[19]) != start)


def _dumps(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def _loads(text: str | None) -> dict[str, Any] | None:
    return None if text is None else json.loads(text)
