"""The trace store on its own: runs whose process died, and stores from before runs named their process."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from autobm.training import traces
from autobm.training.traces import TraceStore

START_AND_WAIT = """
import sys, time
from autobm.training.traces import TraceStore
store = TraceStore(sys.argv[1])
store.start_run("killed", text="3-story RC frame", model="reference")
print("started", flush=True)
time.sleep(60)
"""


def test_a_run_whose_process_was_killed_reads_as_interrupted(tmp_path: Path) -> None:
    db = tmp_path / "autobm.sqlite"
    child = subprocess.Popen([sys.executable, "-c", START_AND_WAIT, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "started"
        with TraceStore(db) as store:
            assert [r.status for r in store.list_runs()] == ["running"]  # its process lives: still running
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        child.kill()
        child.wait()
    with TraceStore(db) as store:
        run = store.get_run("killed")
        assert run is not None and run.status == "interrupted" and run.finished_at is None
        assert "ended before the run finished" in (run.result or {}).get("error", "")
        assert [r.status for r in store.list_runs(status="running")] == []
        assert [r.run_id for r in store.list_runs(status="interrupted")] == ["killed"]
        store.start_run("killed", text=None, model="reference")  # resumed by this process: running again
        assert store.get_run("killed").status == "running"


def test_runs_of_live_processes_other_hosts_and_reused_pids(tmp_path: Path) -> None:
    with TraceStore(tmp_path / "autobm.sqlite") as store:
        for run_id in ("mine", "other-host", "reused-pid", "no-owner"):
            store.start_run(run_id, text=None, model="reference")
        me = traces._this_process()
        host, pid, start = me.rsplit(":", 2)
        with store._cursor() as cur:
            cur.execute("UPDATE autobm_runs SET owner = ? WHERE run_id = 'other-host'", (f"elsewhere-{host}:1:1",))
            cur.execute("UPDATE autobm_runs SET owner = ? WHERE run_id = 'reused-pid'", (f"{host}:{pid}:{int(start) + 1}",))
            cur.execute("UPDATE autobm_runs SET owner = NULL WHERE run_id = 'no-owner'")
        assert store.mark_orphans() == (["reused-pid"] if int(start) else [])
        statuses = {r.run_id: r.status for r in store.list_runs()}
    assert statuses["mine"] == statuses["other-host"] == statuses["no-owner"] == "running"
    assert me.startswith(f"{socket.gethostname()}:{os.getpid()}:")


def test_a_store_from_before_owners_gains_the_column_and_keeps_its_runs(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    with sqlite3.connect(db) as conn:
        conn.executescript(traces._SQLITE_SCHEMA.replace(", owner TEXT);", ");"))
        conn.execute("INSERT INTO autobm_runs (run_id, started_at, status, model) VALUES ('old', ?, 'running', 'm')",
                     (time.time(),))
    with TraceStore(db) as store, TraceStore(db):  # a second opening finds the column there
        assert [(r.run_id, r.status) for r in store.list_runs()] == [("old", "running")]  # no owner: not judged
        store.start_run("new", text=None, model="reference")
        assert store.get_run("new").status == "running"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT owner FROM autobm_runs WHERE run_id = 'new'").fetchone()[0] == traces._this_process()
