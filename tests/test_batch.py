"""Batch runs over portfolios: input formats, bad rows, outputs, resume after a real SIGKILL, Ray."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autobm.agent.errors import SpecError
from autobm.agent.portfolio import read_portfolio
from autobm.graphs.batch import JOURNAL, BatchOptions, run_batch

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "portfolios"

GOOD = [
    {"id": "A1", "text": "3-story RC frame, 3.3 m floors, 3 bays of 6 m, intensity 7"},
    {"id": "A2", "text": "4层钢筋混凝土框架，层高3.6m，X向3跨、Y向2跨，跨度6m，8度(0.20g)"},
    {"id": "A3", "system": "rc_frame", "stories": 2, "story_height_m": 3.5, "bays_x": 2, "bay_width_m": 6.0,
     "seismic.code": "asce7", "seismic.sds_g": 1.0, "seismic.sd1_g": 0.6},
]


def _write_csv(path: Path, rows: list[dict], columns: list[str] | None = None) -> Path:
    columns = columns or sorted({k for r in rows for k in r}, key=lambda c: (c != "id", c != "text", c))
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for r in rows:
            writer.writerow({k: r.get(k, "") for k in columns})
    return path


def _summary(out: Path) -> list[dict[str, str]]:
    with open(out / "summary.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# --- reading ---------------------------------------------------------------------------


def test_csv_cells_become_typed_nested_spec_fields(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "p.csv", [GOOD[2] | {"story_heights_m": "[4.2, 3.5]", "rigid_diaphragm": "true"}])
    [entry] = read_portfolio(path)
    assert entry.problem is None and entry.text is None
    assert entry.spec == {"system": "rc_frame", "stories": 2, "story_height_m": 3.5, "bays_x": 2, "bay_width_m": 6.0,
                          "story_heights_m": [4.2, 3.5], "rigid_diaphragm": True,
                          "seismic": {"code": "asce7", "sds_g": 1.0, "sd1_g": 0.6}}


def test_bad_rows_become_entries_with_their_message(tmp_path: Path) -> None:
    rows = [GOOD[0], {"text": "2-story RC frame"}, {"id": "A1", "text": "2-story RC frame"},
            {"id": "X", "text": "2-story RC frame", "stories": 2}, {"id": "Y", "story_heights_m": "[3.5,"},
            {"id": "Z"}]
    entries = read_portfolio(_write_csv(tmp_path / "p.csv", rows))
    problems = [e.problem for e in entries]
    assert problems[0] is None
    assert "no id" in problems[1]
    assert "repeats row 1" in problems[2]
    assert "both a text description and spec fields" in problems[3]
    assert "story_heights_m" in problems[4] and "not valid JSON" in problems[4]
    assert entries[4].id == "Y" and entries[4].key == "Y"  # a cell that cannot be read keeps its row's id
    assert "neither a text description nor spec fields" in problems[5]
    assert len({e.key for e in entries}) == len(entries)


def test_unknown_column_is_refused_naming_it_and_the_allowed_ones(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "p.csv", [{"id": "A", "text": "2-story RC frame", "owner": "ACME"}])
    with pytest.raises(SpecError, match=r"owner.*allowed id, text"):
        read_portfolio(path)


def test_unknown_jsonl_key_is_refused_like_a_csv_column(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"id": "A", "text": "2-story RC frame", "owner": "ACME"}) + "\n", encoding="utf-8")
    with pytest.raises(SpecError, match=r"owner.*allowed id, text"):
        read_portfolio(path)


def test_jsonl_lines_that_are_not_objects_are_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"id": "A", "spec": {"stories": 2, "bays_x": 1}}) + "\n[1, 2]\n{oops\n", encoding="utf-8")
    entries = read_portfolio(path)
    assert entries[0].spec == {"stories": 2, "bays_x": 1}
    assert "not a JSON object" in entries[1].problem and "not valid JSON" in entries[2].problem


def test_unknown_format_names_the_allowed_ones(tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    path.write_text("x")
    with pytest.raises(SpecError, match=r"\.csv, \.jsonl or \.parquet"):
        read_portfolio(path)


def test_ids_become_safe_unique_folder_names(tmp_path: Path) -> None:
    rows = [{"id": "../etc/passwd", "text": "a"}, {"id": "楼 1", "text": "a"}, {"id": "B-1", "text": "a"}]
    entries = read_portfolio(_write_csv(tmp_path / "p.csv", rows))
    folders = [e.folder for e in entries]
    assert folders[2] == "B-1"
    assert all("/" not in f and not f.startswith(".") for f in folders) and len(set(folders)) == 3


# --- running ---------------------------------------------------------------------------


def test_batch_writes_every_building_and_the_portfolio_outputs(tmp_path: Path) -> None:
    rows = [*GOOD, {"id": "BAD", "stories": 400, "bays_x": 2, "bay_width_m": 6.0}, {"text": "2-story RC frame"},
            {"id": "ASK", "text": "RC frame, 3 bays of 6 m, intensity 7"}]
    source = _write_csv(tmp_path / "p.csv", rows)
    seen = []
    summary = run_batch(source, tmp_path / "out", BatchOptions(workers=2),
                        on_row=lambda row, done, total: seen.append((row.id, done, total)))
    out = tmp_path / "out"
    table = _summary(out)
    assert [r["id"] for r in table] == ["A1", "A2", "A3", "BAD", "", "ASK"]  # input order, every row once
    assert [r["status"] for r in table[:3]] == ["verified"] * 3
    assert table[3]["status"] == "invalid" and "stories = 400" in table[3]["message"]
    assert table[4]["status"] == "invalid" and "no id" in table[4]["message"]
    assert table[5]["status"] == "needs_input" and "stories" in table[5]["message"]
    assert sorted(d for _, d, _ in seen) == [1, 2, 3, 4, 5, 6] and all(t == 6 for *_, t in seen)
    for r in table[:3]:
        result = json.loads((out / "buildings" / r["id"] / "result.json").read_text())
        assert result["status"] == "verified" and abs(result["periods_s"][0] - float(r["t1_s"])) < 1e-4
        assert (out / "buildings" / r["id"] / "model.py").read_text().startswith(("#", '"""'))
        assert 0 < float(r["max_drift_ratio"]) <= float(r["drift_limit_ratio"])
        assert float(r["t1_code_low_s"]) <= float(r["t1_code_s"]) <= float(r["t1_code_high_s"])
    import pyarrow.parquet as pq

    parquet = pq.read_table(out / "summary.parquet").to_pylist()
    assert [r["id"] for r in parquet] == [r["id"] for r in table]
    assert parquet[0]["failed_checks"] == [] and isinstance(parquet[0]["t1_s"], float)
    page = (out / "report.html").read_text()
    assert page.count("data:image/png;base64,") >= 3 and "BAD" in page
    assert summary.counts == {"verified": 3, "invalid": 2, "needs_input": 1}
    assert len((out / JOURNAL).read_text().splitlines()) == 6


def test_a_second_run_only_reruns_rows_whose_content_changed(tmp_path: Path) -> None:
    source = _write_csv(tmp_path / "p.csv", GOOD)
    first = run_batch(source, tmp_path / "out", BatchOptions(workers=1))
    assert first.ran == 3
    again = run_batch(source, tmp_path / "out", BatchOptions(workers=1))
    assert again.ran == 0 and len(again.rows) == 3
    changed = [dict(GOOD[0], text="5-story RC frame, 3.3 m floors, 3 bays of 6 m, intensity 7"), *GOOD[1:]]
    third = run_batch(_write_csv(source, changed), tmp_path / "out", BatchOptions(workers=1))
    assert third.ran == 1
    table = _summary(tmp_path / "out")
    assert [r["id"] for r in table] == ["A1", "A2", "A3"] and table[0]["stories"] == "5"


@pytest.mark.parametrize("name", ["portfolio-small.jsonl", "portfolio-small.parquet"])
def test_jsonl_and_parquet_examples_run(tmp_path: Path, name: str) -> None:
    summary = run_batch(EXAMPLES / name, tmp_path / "out", BatchOptions(workers=2))
    by_id = {r.id: r for r in summary.rows}
    assert len(summary.rows) == 12
    assert by_id["TOO-TALL"].status == "invalid"
    assert sum(r.status == "invalid" and "repeats row 1" in r.message for r in summary.rows) == 1
    ran = [r for r in summary.rows if r.status in ("verified", "failed")]
    assert len(ran) == 10 and all(r.t1_s and r.t1_s > 0 for r in ran)


def test_the_csv_example_has_200_varied_buildings() -> None:
    entries = read_portfolio(EXAMPLES / "portfolio-200.csv")
    assert len(entries) >= 200 and all(e.problem is None for e in entries)
    texts = [e.text for e in entries if e.text]
    assert any("层" in t for t in texts) and any(" ft" in t for t in texts)
    codes = {(e.spec or {}).get("seismic", {}).get("code") for e in entries}
    assert {"gb50011", "asce7", "en1998"} <= codes


def _journal_lines(out: Path) -> int:
    path = out / JOURNAL
    return len(path.read_bytes().split(b"\n")) - 1 if path.exists() else 0


def _session_processes(sid: int) -> list[str]:
    """Live processes of the session (zombies waiting for a reaper do not count)."""
    ps = subprocess.run(["ps", "-o", "pid=,stat=,args=", "-s", str(sid)], capture_output=True, text=True).stdout
    return [line.strip() for line in ps.splitlines() if line.split()[1][0] not in "ZX"]


def _batch_command(source: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "autobm.agent.cli", "batch", str(source), "--out", str(out), *extra]


def test_resume_after_sigkill_finishes_the_rest_and_counts_each_building_once(tmp_path: Path) -> None:
    source = EXAMPLES / "portfolio-200.csv"
    out = tmp_path / "out"
    limit = "60"  # enough that the kill lands mid-batch even on a loaded machine
    proc = subprocess.Popen(_batch_command(source, out, "--limit", limit, "-j", "2", "-q"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while _journal_lines(out) < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, f"the batch ended before it could be killed: {proc.stderr.read().decode()[-2000:]}"
    os.kill(proc.pid, signal.SIGKILL)  # the main process only: its workers must go with it
    proc.wait()
    killed_at = _journal_lines(out)
    assert 5 <= killed_at < 60
    leftover = _session_processes(proc.pid)
    deadline = time.monotonic() + 10
    while leftover and time.monotonic() < deadline:
        time.sleep(0.1)
        leftover = _session_processes(proc.pid)
    assert leftover == [], f"worker processes outlived the killed batch: {leftover}"
    done = subprocess.run(_batch_command(source, out, "--limit", limit, "-j", "2"), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert f"{killed_at} of 60 buildings already done" in done.stderr
    table = _summary(out)
    ids = [r["id"] for r in table]
    assert len(ids) == 60 and len(set(ids)) == 60
    keys = [json.loads(line)["key"] for line in (out / JOURNAL).read_text().splitlines()]
    assert sorted(keys) == sorted(ids), "a building is missing from the journal or recorded twice"
    for r in table:
        if r["status"] in ("verified", "failed"):
            assert json.loads((out / "buildings" / r["id"] / "result.json").read_text())["status"] == r["status"]
    assert not list(out.rglob("*.tmp")), "half-written files were left behind"


def test_torn_last_journal_line_is_cut_and_the_building_runs_again(tmp_path: Path) -> None:
    source = _write_csv(tmp_path / "p.csv", GOOD)
    out = tmp_path / "out"
    run_batch(source, out, BatchOptions(workers=1))
    journal = out / JOURNAL
    data = journal.read_bytes()
    journal.write_bytes(data[: len(data) - 40])  # a power cut in the middle of the last line
    again = run_batch(source, out, BatchOptions(workers=1))
    assert again.ran == 1 and [r.id for r in again.rows] == ["A1", "A2", "A3"]
    assert len(journal.read_text().splitlines()) == 3


def test_cli_batch_exit_codes_and_failure_lines(tmp_path: Path) -> None:
    source = _write_csv(tmp_path / "p.csv", [GOOD[0], {"id": "BAD", "stories": 400, "bays_x": 1, "bay_width_m": 6}])
    run = subprocess.run(_batch_command(source, tmp_path / "out", "-j", "1"), capture_output=True, text=True, timeout=300)
    assert run.returncode == 1
    assert "BAD: stories = 400" in run.stderr
    assert "2/2" in run.stderr and "bldg/s" in run.stderr
    assert "2 buildings: invalid 1, verified 1" in run.stdout
    missing = subprocess.run(_batch_command(tmp_path / "nope.csv", tmp_path / "o2"), capture_output=True, text=True)
    assert missing.returncode == 2 and "no such file" in missing.stderr
    wrong = subprocess.run(_batch_command(source, tmp_path / "o3", "--address", "auto"), capture_output=True, text=True)
    assert wrong.returncode == 2 and "--engine ray" in wrong.stderr


def test_ray_engine_on_a_local_instance_gives_the_local_pool_results(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    source = _write_csv(tmp_path / "p.csv", GOOD)
    local = run_batch(source, tmp_path / "local", BatchOptions(workers=2))
    ray_run = run_batch(source, tmp_path / "ray", BatchOptions(workers=2, engine="ray"))
    # on a mismatch, say what each engine made of the buildings that differ (this test has failed once, unexplained)
    differ = [(a.model_dump(), b.model_dump()) for a, b in zip(ray_run.rows, local.rows)
              if (a.id, a.status, a.t1_s) != (b.id, b.status, b.t1_s)]
    assert [r.id for r in ray_run.rows] == [r.id for r in local.rows] and not differ, differ
    assert (tmp_path / "ray" / "buildings" / "A2" / "result.json").exists()


def test_ctrl_c_keeps_what_is_done_summarises_it_and_a_rerun_finishes(tmp_path: Path) -> None:
    source = EXAMPLES / "portfolio-200.csv"
    out = tmp_path / "out"
    proc = subprocess.Popen(_batch_command(source, out, "--limit", "60", "-j", "2", "-q"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while _journal_lines(out) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C: the whole process group
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr[-2000:]
    assert "interrupted" in stderr and "Traceback" not in stderr, stderr[-3000:]  # failed once, unexplained: say why
    done = _journal_lines(out)
    assert len(_summary(out)) == done < 60, (len(_summary(out)), done, stderr[-3000:])
    finish = subprocess.run(_batch_command(source, out, "--limit", "60", "-q"), capture_output=True, text=True,
                            timeout=300)
    assert finish.returncode in (0, 1) and len(_summary(out)) == 60


def test_run_outputs_are_readable_by_others_as_the_umask_allows(tmp_path):
    """Files are written through a temporary file (mkstemp makes 0600); they end as open() would make them."""
    import os

    from autobm.agent.report import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "summary.csv", "id,status\n")
    finally:
        os.umask(old)
    assert (tmp_path / "summary.csv").stat().st_mode & 0o777 == 0o644


def test_a_trace_store_that_cannot_be_used_stops_the_batch_before_any_work(tmp_path: Path) -> None:
    """Each worker died on it ('the worker process died twice'), and the error rows were kept for good."""
    source = _write_csv(tmp_path / "p.csv", GOOD[:1])
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database")
    done = subprocess.run(_batch_command(source, tmp_path / "out", "--db", str(junk), "-q"), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2 and "junk.sqlite: cannot be used (file is not a database)" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out" / "buildings" / "A1").exists()


def test_a_building_that_ended_in_error_runs_again_on_the_next_batch(tmp_path: Path) -> None:
    """An 'error' row (the worker died: the machine's fault, not the building's) is not a finished building."""
    source = _write_csv(tmp_path / "p.csv", GOOD[:1])
    out = tmp_path / "out"
    first = run_batch(source, out, BatchOptions(workers=1))
    assert [r.status for r in first.rows] == ["verified"]
    journal = out / "journal.jsonl"
    record = json.loads(journal.read_text().splitlines()[0])
    record["row"]["status"] = "error"
    journal.write_text(json.dumps(record) + "\n")
    again = run_batch(source, out, BatchOptions(workers=1))
    assert again.ran == 1 and [r.status for r in again.rows] == ["verified"]
