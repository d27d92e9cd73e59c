"""One run at a time on a thread (graphs/locks.py): a second run or resume of a thread that another
process holds is refused at once, naming the holder; a holder that dies lets go of it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from autobm.agent.errors import NeedsInput, SpecError, ThreadBusy
from autobm.graphs.api import Agent, AgentOptions, resume, run
from autobm.graphs.locks import file_lock

INCOMPLETE = "RC frame office building, 3 bays of 6 m, intensity 8 (0.20g)"

HOLDER = """
import sys, time
from pathlib import Path
from autobm.graphs.locks import file_lock
with file_lock(Path(sys.argv[1]), sys.argv[2]):
    print("held", flush=True)
    time.sleep(120)
"""


def _waiting_thread(db: Path) -> str:
    with pytest.raises(NeedsInput) as asked:
        run(INCOMPLETE, options=AgentOptions(db=str(db), timeout_s=20))
    return asked.value.thread_id


def _hold_in_another_process(db: Path, thread_id: str) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), thread_id], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_an_answer_while_another_process_holds_the_thread_is_refused_until_that_process_dies(tmp_path: Path) -> None:
    db = tmp_path / "autobm.sqlite"
    thread_id = _waiting_thread(db)
    holder = _hold_in_another_process(db, thread_id)
    try:
        with pytest.raises(ThreadBusy, match=f"process {holder.pid} on ") as busy:
            resume(thread_id, "4 stories of 3.3 m", options=AgentOptions(db=str(db), timeout_s=20))
        assert busy.value.thread_id == thread_id and "then resume it" in str(busy.value)
        cli = subprocess.run([sys.executable, "-m", "autobm.agent.cli", "run", "--thread", thread_id, "--answer",
                              "4 stories of 3.3 m", "--db", str(db), "--out", str(tmp_path / "out")],
                             capture_output=True, text=True, timeout=120)
        assert cli.returncode == 2 and "is being run by process" in cli.stderr, cli.stderr
        assert f"go on with: autobm run --thread {thread_id} --db {db}" in cli.stderr
    finally:
        os.kill(holder.pid, signal.SIGKILL)  # a run killed mid-way: the kernel lets go of its lock
        holder.wait()
    result = resume(thread_id, "4 stories of 3.3 m", options=AgentOptions(db=str(db), timeout_s=20))
    assert result.status == "verified" and result.spec.stories == 4
    assert not any((tmp_path / "autobm.sqlite.locks").iterdir())  # released, and its file gone


def test_two_resumes_racing_on_one_waiting_thread_take_one_answer(tmp_path: Path) -> None:
    """The race itself, two agents in two threads: one answer is taken, the other is refused (before, both
    were taken, and the thread's checkpoints and trace were written by two runs at once)."""
    db = tmp_path / "autobm.sqlite"
    thread_id = _waiting_thread(db)
    barrier, outcomes = threading.Barrier(2), {}

    def answer(text: str) -> None:
        with Agent(AgentOptions(db=str(db), timeout_s=20)) as agent:
            barrier.wait()
            try:
                outcomes[text] = agent.resume(thread_id, text).spec.stories
            except (ThreadBusy, SpecError) as exc:  # busy, or, once the first has finished, nothing left to answer
                outcomes[text] = type(exc).__name__

    workers = [threading.Thread(target=answer, args=(t,)) for t in ("4 stories of 3.3 m", "6 stories of 3.3 m")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    taken = [v for v in outcomes.values() if isinstance(v, int)]
    assert len(outcomes) == 2 and len(taken) == 1, outcomes
    with Agent(AgentOptions(db=str(db))) as agent:
        assert agent.state(thread_id)["spec"]["stories"] == taken[0]


def test_a_second_run_of_a_thread_in_the_same_process_is_refused_while_the_first_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "autobm.sqlite"
    with file_lock(db, "busy-thread"):
        with pytest.raises(ThreadBusy, match=f"process {os.getpid()}"):
            run("3-story RC frame, 3.3 m floors, 2 bays of 6 m, intensity 7", thread_id="busy-thread",
                options=AgentOptions(db=str(db), timeout_s=20))
    assert run("3-story RC frame, 3.3 m floors, 2 bays of 6 m, intensity 7", thread_id="busy-thread",
               options=AgentOptions(db=str(db), timeout_s=20)).status == "verified"


def test_calls_sharing_one_agent_or_a_symlinked_store_are_held_apart(tmp_path: Path) -> None:
    """One Agent's calls share one PostgreSQL session, whose advisory locks are re-entrant, so the process holds its
    threads itself (any checkpoint mode); a symlink to the SQLite store is the same store."""
    db = tmp_path / "autobm.sqlite"
    thread_id = _waiting_thread(db)
    link = tmp_path / "link.sqlite"
    link.symlink_to(db)
    with Agent(AgentOptions(db=str(db), timeout_s=20)) as agent, agent._holding(thread_id):
        with pytest.raises(ThreadBusy, match="another call in this process"):
            agent.resume(thread_id, "4 stories of 3.3 m")
    holder = _hold_in_another_process(link, thread_id)
    try:
        with pytest.raises(ThreadBusy, match=f"process {holder.pid} on "):
            resume(thread_id, "4 stories of 3.3 m", options=AgentOptions(db=str(db), timeout_s=20))
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    for mode in ("memory", False):  # no checkpoint store: the traces' store still holds the thread in this process
        with Agent(AgentOptions(db=str(db), checkpoint=mode)) as agent, agent._holding("shared-id"):
            with pytest.raises(ThreadBusy):
                agent.run("3-story RC frame, 3.3 m floors, 2 bays of 6 m, intensity 7", thread_id="shared-id")


def test_the_cli_says_how_to_go_on_with_the_store_and_model_it_was_given(tmp_path: Path) -> None:
    db = tmp_path / "my store.sqlite"
    cli = subprocess.run([sys.executable, "-m", "autobm.agent.cli", "run", INCOMPLETE, "--db", str(db), "--out",
                          str(tmp_path / "out"), "--fallback"], capture_output=True, text=True, timeout=120)
    assert cli.returncode == 2
    [hint] = [line for line in cli.stderr.splitlines() if line.startswith("answer with: ")]
    assert f"--db '{db}'" in hint and "--fallback" in hint and f"--out {tmp_path / 'out'}" in hint
