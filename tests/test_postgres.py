"""Checkpoints and traces in PostgreSQL, against a live server (tests/pg_server.py), no mocks.

One server for the session; each test gets a new, empty database (the ``postgres_url``
fixture of conftest.py). The same runs go through the trace store on SQLite and on
PostgreSQL and must read back the same; the agent runs, pauses on a question and resumes
with PostgresSaver; the CLI does the same in subprocesses with ``--db postgresql://...``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("psycopg", reason="the PostgreSQL driver is missing: pip install -e '.[test]'")
pytest.importorskip("langgraph.checkpoint.postgres", reason="langgraph-checkpoint-postgres is missing: "
                                                            "pip install -e '.[test]'")

import psycopg  # noqa: E402

from autobm.agent.errors import ConfigError, NeedsInput, SpecError, ThreadBusy  # noqa: E402
from autobm.graphs.api import Agent, AgentOptions, resume, run  # noqa: E402
from autobm.graphs.locks import advisory_lock  # noqa: E402
from autobm.training import traces  # noqa: E402
from autobm.training.traces import TraceStore, default_db_path  # noqa: E402

TEXT = "3-story RC frame, 3.2 m floors, 2 bays of 6 m, intensity 8 (0.20g), office"
INCOMPLETE = "RC frame office building, 3 bays of 6 m, intensity 8 (0.20g)"


def _record_runs(store: TraceStore) -> None:
    """The same calls as the agent makes: a verified run, a paused one, a failed one resumed."""
    store.start_run("verified-run", text=TEXT, model="reference")
    store.event("verified-run", "parse", "spec", {"spec": {"stories": 3, "story_heights_m": [3.2, 3.2, 3.2]}})
    store.event("verified-run", "execute", "execution", {"ok": True, "duration_s": 0.25, "stdout": "T1 = 0.53 s\n",
                                                         "stderr": "", "bytes": "nul \x00 and ünïcödé 五层"})
    store.event("verified-run", "check", "checks", {"round": 0, "checks": [{"id": "drift.limit", "value": 1.3e-3}]})
    store.finish_run("verified-run", status="verified", spec={"stories": 3}, drafter="reference", rounds=0,
                     result={"status": "verified", "periods_s": [0.5337, 0.171]})
    store.start_run("paused-run", text=INCOMPLETE, model="reference")
    store.event("paused-run", "parse", "question", {"question": "how many stories?", "missing": ["stories"]})
    store.finish_run("paused-run", status="needs_input")
    store.start_run("resumed-run", text="5层框架", model="AutoBM-Seed-Coder-8B-R")
    store.finish_run("resumed-run", status="failed", rounds=2)
    store.start_run("resumed-run", text="ignored: a resumed run keeps its text", model="reference")
    store.event("resumed-run", "repair", "repair", {"kind": "model", "message": "add ops.mass(...)"})
    store.finish_run("resumed-run", status="failed", drafter="model", rounds=3, result=None)
    store.start_run("orphan-run", text=TEXT, model="reference")
    host, pid, start = traces._this_process().rsplit(":", 2)  # as if its pid had been reused by this process
    with store._cursor() as cur:
        cur.execute(store._sql("UPDATE autobm_runs SET owner = ?, started_at = 1.5e9 WHERE run_id = 'orphan-run'"),
                    (f"{host}:{pid}:{int(start) + 1}",))


def _comparable(value: Any) -> Any:
    """A run or summary as a dict, each timestamp replaced by whether it is set."""
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    data = value.model_dump()
    for key in ("started_at", "finished_at", "at"):
        if key in data:
            data[key] = data[key] is not None
    if "events" in data:
        data["events"] = [_comparable_event(e) for e in data["events"]]
    return data


def _comparable_event(event: dict[str, Any]) -> dict[str, Any]:
    return {**event, "at": event["at"] is not None}


def test_trace_store_reads_back_the_same_on_postgres_as_on_sqlite(postgres_url: str, tmp_path: Path) -> None:
    with TraceStore(tmp_path / "traces.sqlite") as sqlite_store, TraceStore(postgres_url) as postgres_store:
        for store in (sqlite_store, postgres_store):
            _record_runs(store)
        views = [
            {"all": _comparable(store.list_runs()),
             "failed": _comparable(store.list_runs(status="failed")),
             "newest": _comparable(store.list_runs(limit=1)),
             "runs": {run_id: _comparable(store.get_run(run_id))
                      for run_id in ("verified-run", "paused-run", "resumed-run", "orphan-run")},
             "missing": store.get_run("no-such-run")}
            for store in (sqlite_store, postgres_store)]
        verified = postgres_store.get_run("verified-run")
        times = [(r.started_at, r.finished_at) for r in postgres_store.list_runs()]
    assert views[1] == views[0]
    on_postgres = views[1]
    assert [r["run_id"] for r in on_postgres["all"]] == ["resumed-run", "paused-run", "verified-run", "orphan-run"]
    assert on_postgres["runs"]["orphan-run"]["status"] == "interrupted"
    assert [r["run_id"] for r in on_postgres["failed"]] == ["resumed-run"]
    assert on_postgres["runs"]["paused-run"]["finished_at"] is False  # waits for its answer
    assert on_postgres["runs"]["resumed-run"]["text"] == "5层框架" and on_postgres["runs"]["resumed-run"]["rounds"] == 3
    assert verified is not None and [e.kind for e in verified.events] == ["spec", "execution", "checks"]
    assert [e.seq for e in verified.events] == [0, 1, 2]
    assert verified.events[1].payload["bytes"] == "nul \x00 and ünïcödé 五层"
    assert verified.result == {"status": "verified", "periods_s": [0.5337, 0.171]}
    assert all(isinstance(started, float) and started > 1e9 for started, _ in times)


def _postgres_rows(url: str, sql: str, *args: object) -> list[tuple[Any, ...]]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, args).fetchall()


def test_agent_checkpoints_and_traces_a_run_in_postgres(postgres_url: str) -> None:
    options = AgentOptions(db=postgres_url, timeout_s=20)
    result = run(TEXT, options=options, thread_id="pg-building-1")
    assert result.status == "verified" and result.thread_id == "pg-building-1"

    with Agent(options) as agent:  # new connections: everything is read back from the server
        state = agent.state("pg-building-1")
        again = agent.resume("pg-building-1")  # finished: the same result, nothing rerun
        with pytest.raises(SpecError, match="already holds a run"):
            agent.run(TEXT, thread_id="pg-building-1")
    assert state["status"] == "verified" and state["text"] == TEXT and len(state["attempts"]) == 1
    assert again.model_dump() == result.model_dump()

    with TraceStore(postgres_url) as store:
        listed = store.list_runs()
        trace = store.get_run("pg-building-1")
    assert [(r.run_id, r.status, r.model) for r in listed] == [("pg-building-1", "verified", "reference")]
    assert trace is not None and trace.text == TEXT and trace.finished_at is not None
    assert {"spec", "draft", "execution", "checks"} <= {e.kind for e in trace.events}
    assert trace.result is not None and trace.result["periods_s"] == result.periods_s

    assert _postgres_rows(postgres_url, "SELECT count(*) FROM checkpoints WHERE thread_id = %s", "pg-building-1")[0][0] > 0
    assert not default_db_path().exists()  # nothing went to the default SQLite file


def test_question_and_answer_resume_through_postgres(postgres_url: str) -> None:
    options = AgentOptions(db=postgres_url, timeout_s=20)
    with pytest.raises(NeedsInput) as asked:
        run(INCOMPLETE, options=options)
    thread_id = asked.value.thread_id
    assert "stories" in asked.value.question and asked.value.missing == ["stories"]
    with TraceStore(postgres_url) as store:
        paused = store.get_run(thread_id)
    assert paused is not None and paused.status == "needs_input" and paused.finished_at is None

    with Agent(options) as agent, pytest.raises(NeedsInput, match="stories"):
        agent.resume(thread_id)  # still waiting: asks again instead of running without the answer

    result = resume(thread_id, "4 stories of 3.3 m", options=options)  # a fresh agent, as in another process
    assert result.status == "verified" and result.thread_id == thread_id
    assert result.spec.stories == 4 and result.spec.story_heights_m == [3.3] * 4
    with TraceStore(postgres_url) as store:
        trace = store.get_run(thread_id)
    assert trace is not None and trace.status == "verified" and trace.text == INCOMPLETE
    kinds = [e.kind for e in trace.events]
    assert "question" in kinds and "answer" in kinds and kinds.index("question") < kinds.index("answer")
    answer = next(e for e in trace.events if e.kind == "answer")
    assert answer.payload == {"answer": "4 stories of 3.3 m"}


def test_a_thread_another_session_holds_is_refused_until_it_lets_go(postgres_url: str) -> None:
    """graphs/locks.py on PostgreSQL: a session advisory lock per thread, on the checkpointer's connection."""
    options = AgentOptions(db=postgres_url, timeout_s=20)
    with pytest.raises(NeedsInput) as asked:
        run(INCOMPLETE, options=options)
    thread_id = asked.value.thread_id
    with Agent(options) as holder, advisory_lock(holder.graph.checkpointer, thread_id):
        with pytest.raises(ThreadBusy, match="another database session"):
            resume(thread_id, "4 stories of 3.3 m", options=options)
        with Agent(options) as other, advisory_lock(other.graph.checkpointer, "another-thread"):
            pass  # other threads are not held up
    result = resume(thread_id, "4 stories of 3.3 m", options=options)
    assert result.status == "verified" and result.spec.stories == 4


def autobm(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "autobm.agent.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def test_cli_runs_and_lists_traces_with_a_postgres_url(postgres_url: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = autobm("run", TEXT, "--db", postgres_url, "--out", str(out), "--quiet")
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads((out / "result.json").read_text())
    assert result["status"] == "verified"

    listed = autobm("traces", "list", "--db", postgres_url, "--json")
    assert listed.returncode == 0, listed.stderr
    runs = json.loads(listed.stdout)
    assert [(r["run_id"], r["status"], r["text"]) for r in runs] == [(result["thread_id"], "verified", TEXT)]
    table = autobm("traces", "list", "--db", postgres_url)
    assert table.returncode == 0 and result["thread_id"] in table.stdout
    shown = autobm("traces", "show", result["thread_id"], "--db", postgres_url, "--json")
    assert shown.returncode == 0, shown.stderr
    assert "checks" in [e["kind"] for e in json.loads(shown.stdout)["events"]]


def test_an_unreachable_database_is_a_config_error_that_hides_the_password(postgres_server) -> None:
    missing = postgres_server.database_url("no_such_database").replace("postgres@", "postgres:s3cret@")
    with pytest.raises(ConfigError, match="cannot connect") as from_store:
        TraceStore(missing)
    with pytest.raises(ConfigError, match="cannot connect") as from_agent:
        Agent(AgentOptions(db=missing))
    for message in (str(from_store.value), str(from_agent.value)):
        assert "no_such_database" in message and "s3cret" not in message and "postgres:***@" in message

    done = autobm("traces", "list", "--db", missing)
    assert done.returncode == 2 and "cannot connect" in done.stderr
    assert "Traceback" not in done.stderr and "s3cret" not in done.stderr


def test_a_missing_thread_names_the_database_without_its_password(postgres_url: str) -> None:
    with_password = postgres_url.replace("postgres@", "postgres:s3cret@")  # trust authentication ignores it
    with pytest.raises(SpecError, match="no such run") as missing:
        resume("no-such-thread", options=AgentOptions(db=with_password))
    assert "s3cret" not in str(missing.value) and "postgres:***@" in str(missing.value)


def test_agents_opening_a_new_database_together_create_its_tables_once(postgres_url: str) -> None:
    """CREATE TABLE IF NOT EXISTS races between sessions; the schema lock makes them take turns."""
    starting = threading.Barrier(6)
    errors: list[BaseException] = []

    def open_agent() -> None:
        starting.wait()
        try:
            Agent(AgentOptions(db=postgres_url)).close()
        except Exception as exc:  # noqa: BLE001  (collected, and the assertion shows them)
            errors.append(exc)

    threads = [threading.Thread(target=open_agent) for _ in range(starting.parties)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    tables = {name for (name,) in _postgres_rows(postgres_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert {"autobm_runs", "autobm_events", "checkpoints", "checkpoint_writes", "checkpoint_migrations"} <= tables
