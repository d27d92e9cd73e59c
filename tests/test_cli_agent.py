"""`autobm run` through the agent, in real subprocesses: a model behind real HTTP, questions
and answers across processes, a run killed mid-way and resumed, and the trace commands.
"""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from model_answers import answer
from openai_server import ScriptedOpenAIServer

from autobm.agent.drafting import draft_reference
from autobm.agent.parsing import parse_text

TEXT = "3-story RC frame, 3.2 m floors, 2 bays of 6 m, intensity 8 (0.20g), office"
GOOD = draft_reference(parse_text(TEXT)).code
MODEL = "AutoBM-Seed-Coder-8B-R"


def autobm(*args: str, db: Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """The CLI in a fresh process, with its checkpoints and traces in ``db``."""
    return subprocess.run([sys.executable, "-m", "autobm.agent.cli", *args, "--db", str(db)],
                          capture_output=True, text=True, timeout=timeout)


def test_model_over_http_repairs_and_records_a_trace(tmp_path: Path) -> None:
    db = tmp_path / "autobm.sqlite"
    broken = GOOD.replace('ops.model("basic", "-ndm", 2, "-ndf", 3)', 'ops.model("basic", "-ndm", 2, "-ndf", 2)')
    with ScriptedOpenAIServer([answer(broken), answer(GOOD)]) as server:
        done = autobm("run", TEXT, "--model", MODEL, "--base-url", server.url, "--out", str(tmp_path / "out"), db=db)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads((tmp_path / "out" / "result.json").read_text())
    assert result["status"] == "verified"
    assert MODEL in result["model"] and MODEL in result["drafter"]
    assert result["attempts"][0]["status"] == "failed"
    # progress: one line per step, on stderr
    assert re.search(r"\] draft +drafted by", done.stderr) and re.search(r"\] check +", done.stderr)
    # the chat format of the model: user turns only, no system role
    assert all(m["role"] != "system" for r in server.requests for m in r["messages"])

    listed = autobm("traces", "list", "--json", db=db)
    assert listed.returncode == 0, listed.stderr
    runs = json.loads(listed.stdout)
    assert runs[0]["run_id"] == result["thread_id"] and runs[0]["status"] == "verified"
    shown = autobm("traces", "show", result["thread_id"], "--json", db=db)
    trace = json.loads(shown.stdout)
    assert [e["kind"] for e in trace["events"]].count("completion") == len(server.requests)
    text_view = autobm("traces", "show", result["thread_id"], db=db)
    assert "completion" in text_view.stdout and "checks" in text_view.stdout


def test_question_in_one_process_answer_in_another(tmp_path: Path) -> None:
    db = tmp_path / "autobm.sqlite"
    out = tmp_path / "out"
    asked = autobm("run", "RC frame office building, 3 bays of 6 m, intensity 8 (0.20g)", "--out", str(out), db=db)
    assert asked.returncode == 2, asked.stdout + asked.stderr
    assert "stories" in asked.stderr and "Traceback" not in asked.stderr
    thread = re.search(r"--thread (\S+)", asked.stderr).group(1)
    done = autobm("run", "--thread", thread, "--answer", "6 stories of 3.6 m", "--out", str(out), db=db)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads((out / "result.json").read_text())
    assert result["status"] == "verified" and result["thread_id"] == thread
    assert result["spec"]["stories"] == 6


def _checkpointed_next(db: Path, thread: str) -> bool:
    """True once the run has a checkpoint after its draft (the sandbox is running the script)."""
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            kinds = [k for (k,) in conn.execute(
                "SELECT kind FROM autobm_events WHERE run_id = ? ORDER BY id", (thread,))]
    except sqlite3.Error:
        return False
    return "draft" in kinds


def _stop_mid_run(tmp_path: Path, db: Path, thread: str, signum: int) -> subprocess.CompletedProcess[str]:
    """`autobm run` with a model whose draft never ends, sent ``signum`` once the draft is checkpointed."""
    endless = GOOD.replace("    layout = build_model()\n", "    layout = build_model()\n    while True:\n        pass\n")
    with ScriptedOpenAIServer([answer(endless)]) as server:
        args = [sys.executable, "-m", "autobm.agent.cli", "run", TEXT, "--model", MODEL, "--base-url", server.url,
                "--timeout", "120", "--thread", thread, "--db", str(db), "--out", str(tmp_path / "out")]
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not _checkpointed_next(db, thread) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(0.5)
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(args, process.returncode, stdout, stderr)


def test_run_killed_mid_way_resumes_from_its_checkpoint(tmp_path: Path) -> None:
    db = tmp_path / "autobm.sqlite"
    killed = _stop_mid_run(tmp_path, db, "killed-run", signal.SIGKILL)  # no cleanup, no goodbye
    assert killed.returncode == -signal.SIGKILL
    assert not (tmp_path / "out" / "result.json").exists()

    # An answer to a run that asked nothing is refused, not dropped.
    answered = autobm("run", "--thread", "killed-run", "--answer", "7 stories", "--out", str(tmp_path / "out"), db=db)
    assert answered.returncode == 2 and "cut off mid-run and asks nothing" in answered.stderr, answered.stderr

    # Another process continues the same thread: the endless draft is run again (now with a
    # 2 s limit), times out, and the model's repair verifies.
    with ScriptedOpenAIServer([answer(GOOD)]) as server:
        done = autobm("run", "--thread", "killed-run", "--model", MODEL, "--base-url", server.url, "--timeout", "2",
                      "--out", str(tmp_path / "out"), db=db)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads((tmp_path / "out" / "result.json").read_text())
    assert result["status"] == "verified"
    assert result["attempts"][0]["error_type"] == "Timeout"
    assert len(server.requests) == 1  # only the repair: the first draft came from the checkpoint


def test_ctrl_c_says_how_to_go_on_and_marks_the_trace(tmp_path: Path) -> None:
    db = tmp_path / "autobm.sqlite"
    stopped = _stop_mid_run(tmp_path, db, "stopped-run", signal.SIGINT)
    assert stopped.returncode == 130, stopped.stderr
    assert "interrupted; go on with: autobm run --thread stopped-run" in stopped.stderr
    assert "Traceback" not in stopped.stderr
    shown = json.loads(autobm("traces", "show", "stopped-run", "--json", db=db).stdout)
    assert shown["status"] == "interrupted" and shown["finished_at"] is None


def test_traces_refuse_a_missing_store_and_an_unknown_status(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.sqlite"
    done = autobm("traces", "list", db=missing)
    assert done.returncode == 2 and "no trace store" in done.stderr and not missing.exists()
    bogus = autobm("traces", "list", "--status", "bogus", db=missing)
    assert bogus.returncode == 2 and "invalid choice" in bogus.stderr


@pytest.mark.parametrize(("text", "line"), [
    ("3-story RC frame, 2 bays of 6 m", "3 stories, rc_frame, 2D, GB 50011 intensity 7 (0.10g), assumed: the description "
                                        "gives no seismic input"),
    ("3-story RC frame, 2 bays of 6 m, intensity 8 (0.20g)", "3 stories, rc_frame, 2D, GB 50011 intensity 8 (0.20g)"),
    ("3-story RC frame, 2 bays of 20 ft, SDS 1.0 g, SD1 0.5 g", "3 stories, rc_frame, 2D, ASCE 7 SDS 1.0 g, SD1 0.5 g"),
])
def test_the_parse_progress_line_names_the_hazard_and_says_when_it_was_assumed(text, line):
    from autobm.agent.cli import _Progress

    described = _Progress._describe("parse", {"spec": parse_text(text).model_dump(mode="json")})
    assert described.startswith(line)
    assert ("assumed" in described) == ("assumed" in line)


def test_the_parse_progress_line_says_when_the_sections_were_sized_before_the_first_run(tmp_path: Path) -> None:
    text = "9层钢筋混凝土框架，层高3.6m，5跨，跨度5.4m，酒店，抗震设防烈度8度，II类场地"
    proc = autobm("run", text, "--out", str(tmp_path / "out"), db=tmp_path / "t.sqlite")
    assert proc.returncode == 0, proc.stderr
    [line] = [x for x in proc.stderr.splitlines() if " parse " in x]
    factor = re.search(r"assumed sections enlarged ×(1\.\d+) before the first run", line).group(1)
    result = json.loads((tmp_path / "out" / "result.json").read_text())
    assert [a["source"] for a in result["attempts"]] == ["reference"] and result["sizing_rounds"] == 1
    assert result["runs"] == 1
    reason = next(a["reason"] for a in result["spec"]["assumptions"] if a["field"] == "sections.columns")
    assert f"×{factor} to meet GB 50011-2010 Table 5.5.1" in reason and "predicted" in reason


@pytest.mark.parametrize("args", [["traces", "list"], ["run", "3-story RC frame, 2 bays of 6 m", "-q"]])
def test_a_db_that_is_not_a_trace_store_is_an_input_error_not_a_traceback(tmp_path: Path, args) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database")
    out = ["--out", str(tmp_path / "out")] if args[0] == "run" else []
    done = autobm(*args, *out, db=junk)
    assert done.returncode == 2 and "cannot be used" in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_an_output_folder_that_cannot_be_written_is_an_input_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    done = autobm("run", "3-story RC frame, 2 bays of 6 m", "-q", "--out", str(blocker / "out"), db=tmp_path / "t.sqlite")
    assert done.returncode == 2 and "cannot write" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert "drafting with" not in done.stderr  # said before the run, not after it


def test_a_server_that_fails_is_an_error_with_the_way_on_not_a_traceback(tmp_path: Path) -> None:
    """HTTP 500: exit 2, the status and the command that goes on; the same command once the
    server answers finishes the run. No password of the URL reaches the outputs or the store."""
    db = tmp_path / "autobm.sqlite"
    with ScriptedOpenAIServer([500]) as server:
        url = server.url.replace("http://", "http://bob:hunter2@")
        failed = autobm("run", TEXT, "--model", MODEL, "--base-url", url, "--model-retries", "0",
                        "--out", str(tmp_path / "out"), db=db)
    assert failed.returncode == 2, failed.stdout + failed.stderr
    assert "Traceback" not in failed.stderr and "500" in failed.stderr, failed.stderr
    go_on = re.search(r"go on with: autobm run --thread (\w+)", failed.stderr)
    assert go_on, failed.stderr
    listed = json.loads(autobm("traces", "list", "--json", "--status", "error", db=db).stdout)
    assert [r["run_id"] for r in listed] == [go_on.group(1)]
    with ScriptedOpenAIServer([answer(GOOD)]) as server:
        url = server.url.replace("http://", "http://bob:hunter2@")
        done = autobm("run", "--thread", go_on.group(1), "--model", MODEL, "--base-url", url,
                      "--out", str(tmp_path / "out"), db=db)
    assert done.returncode == 0, done.stdout + done.stderr
    result = (tmp_path / "out" / "result.json").read_text()
    assert json.loads(result)["status"] == "verified" and "bob:***@" in json.loads(result)["model"]
    with sqlite3.connect(db) as connection:
        dump = "\n".join(connection.iterdump())
    assert "hunter2" not in result + done.stderr + failed.stderr + dump


def test_answer_without_thread_and_bad_limits_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "autobm.sqlite"
    no_thread = autobm("run", "--answer", "5 stories", "--out", str(tmp_path / "o"), db=db)
    assert no_thread.returncode == 2 and "--answer needs --thread" in no_thread.stderr
    autobm("run", TEXT, "--out", str(tmp_path / "o"), db=db)
    for limit in ("0", "-1"):
        listed = autobm("traces", "list", "--limit", limit, db=db)
        assert listed.returncode == 2 and "--limit" in listed.stderr
