"""One run at a time on a thread: a run or a resume holds its thread's lock until it returns.

Without it, two resumes of one waiting thread in two processes both read the question from the
checkpoint and both took their answer: two runs of one building, each writing the thread's
checkpoints and trace over the other's. With it, the second fails at once with ``ThreadBusy``,
which names the process that holds the thread.

SQLite stores: ``flock`` on a small file per thread in ``STORE.locks/`` beside the store (the
store's real path: a symlink to it is the same store), which the kernel releases if its holder
dies (a killed run blocks nothing; its small file stays until the thread runs again); the file
goes when the lock is released. PostgreSQL: a session advisory lock on the checkpointer's
connection, released with the session as well. Beneath both, ``process_lock`` holds the thread
within the process: calls that share one Agent share its PostgreSQL session, whose advisory
locks are re-entrant, and checkpoints in memory (or none) have no store to lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from autobm.agent.errors import ThreadBusy


def _busy(thread_id: str, holder: str) -> ThreadBusy:
    return ThreadBusy(f"thread {thread_id!r} is being run by {holder or 'another process'}: wait for it to end, then "
                      "resume it", thread_id=thread_id)


_HELD: set[tuple[str, str]] = set()  # (store, thread) held by this process
_HELD_GUARD = threading.Lock()


@contextlib.contextmanager
def process_lock(store: str, thread_id: str) -> Iterator[None]:
    """Hold ``thread_id`` of ``store`` within this process (any checkpoint mode): ThreadBusy at once if another
    call of this process holds it. Beneath the store's own lock, which one PostgreSQL connection would grant
    twice (advisory locks are re-entrant per session), and the only lock of checkpoints in memory or none."""
    key = (store, thread_id)
    with _HELD_GUARD:
        if key in _HELD:
            raise _busy(thread_id, f"another call in this {_holder()}")
        _HELD.add(key)
    try:
        yield
    finally:
        with _HELD_GUARD:
            _HELD.discard(key)


def _holder() -> str:
    return f"process {os.getpid()} on {socket.gethostname()}"


@contextlib.contextmanager
def file_lock(store: Path, thread_id: str) -> Iterator[None]:
    """Hold ``thread_id`` of the SQLite store ``store``; ThreadBusy at once if another holds it."""
    store = Path(os.path.realpath(store))  # a symlink to the store is the same store
    folder = store.with_name(store.name + ".locks")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (hashlib.sha256(thread_id.encode()).hexdigest()[:32] + ".lock")
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode(errors="replace").strip()
            os.close(fd)
            raise _busy(thread_id, holder) from None
        try:  # the holder before us removes the file as it lets go: ours must still be the one at the path
            current = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            current = False
        if current:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, _holder().encode(), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


def _key(thread_id: str) -> int:
    """A signed 64-bit advisory lock key for the thread (collisions only make two threads wait on each other)."""
    return int.from_bytes(hashlib.sha256(f"autobm thread {thread_id}".encode()).digest()[:8], "big", signed=True)


def _scalar(row: Any) -> Any:
    return next(iter(row.values())) if isinstance(row, dict) else row[0]


@contextlib.contextmanager
def advisory_lock(saver: Any, thread_id: str) -> Iterator[None]:
    """Hold ``thread_id`` on the PostgresSaver's connection; ThreadBusy at once if another session holds it."""
    conn, guard = saver.conn, getattr(saver, "lock", None) or contextlib.nullcontext()
    key = _key(thread_id)
    with guard, conn.cursor() as cur:
        cur.execute("SELECT pg_try_advisory_lock(%s)", (key,))
        locked = bool(_scalar(cur.fetchone()))
    if not locked:
        raise _busy(thread_id, "another database session")
    try:
        yield
    finally:
        with guard, conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_unlock(%s)", (key,))
