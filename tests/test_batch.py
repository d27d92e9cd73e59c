"""Batch runs over portfolios: input formats, bad rows, outputs, resume after a real SIGKILL, Ray."""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import warnings
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autobm.training.traces import TraceStore

from autobm.agent.errors import SpecError
from autobm.agent.portfolio import BuildingRow, PortfolioEntry, building_row, read_portfolio
from autobm.agent.portfolio_report import id_labels, plot_slowest, portfolio_html
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


def test_unknown_jsonl_key_makes_only_its_row_invalid(tmp_path: Path) -> None:
    """A key belongs to its line in JSONL (a CSV column to every row): one unknown key stopped the whole portfolio,
    with no row number."""
    path = tmp_path / "p.jsonl"
    lines = [GOOD[0], {"id": "B", "stories": 3, "story_height_ft": 12, "bays_x": 2}, GOOD[2]]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    entries = read_portfolio(path)
    assert [e.problem for e in entries[::2]] == [None, None]
    bad = entries[1]
    assert bad.id == "B" and bad.key == "B"
    assert re.match(r"row 2: line 2 has key\(s\) story_height_ft that are not spec fields: allowed id, text", bad.problem)
    assert "story_height_m" in bad.problem  # the allowed keys are named


def test_a_portfolio_that_is_not_utf8_is_refused_saying_how_to_convert_it(tmp_path: Path) -> None:
    """A CSV saved by Excel on a Chinese Windows (GBK) gave a bare 'utf-8 codec can't decode'."""
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("id,text\n楼1,3层钢筋混凝土框架，层高3.3m，3跨，跨度6m，7度\n".encode("gbk"))
    # 楼 is 0xc2 0xa5 in GBK, valid UTF-8 too (¥): the first byte UTF-8 refuses is 层's 0xb2
    with pytest.raises(SpecError, match=r"gbk.csv: not UTF-8 text \(byte 0x\w\w at offset 13, line 2\); it reads as "
                                        r"GB18030/GBK.*iconv -f GB18030 -t UTF-8 gbk.csv"):
        read_portfolio(gbk)
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"id": "caf\xe9", "text": "2-story RC frame"}\n')
    with pytest.raises(SpecError, match=r"not UTF-8 text .*: save it as UTF-8"):
        read_portfolio(latin)


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


def test_verified_buildings_with_warnings_show_them_in_the_summary_and_the_report(tmp_path: Path) -> None:
    """A 40-story (160 m) steel frame at 8 degrees 0.20g is beyond GB 50011 Table 8.1.1 (90 m) and 5.1.2's
    base shear method (40 m): it verifies, and summary.csv showed nothing, the report did not list it."""
    tall = {"id": "X09", "system": "steel_frame", "dimensions": 2, "stories": 40, "story_height_m": 4.0, "bays_x": 3,
            "bay_width_m": 8.0, "seismic.code": "gb50011", "seismic.intensity": 8, "seismic.pga_g": 0.2}
    out = tmp_path / "out"
    run_batch(_write_csv(tmp_path / "p.csv", [GOOD[0], tall]), out, BatchOptions(workers=1))
    low, high = _summary(out)
    assert (low["status"], low["warning_checks"], low["warnings"]) == ("verified", "", "")
    assert high["status"] == "verified" and high["message"] == "" and high["failed_checks"] == ""
    assert high["warning_checks"] == "code.height_limit;code.analysis_method"
    assert "code.height_limit: H = 160.0 m exceeds the 90 m" in high["warnings"] and "beyond 40 m" in high["warnings"]
    assert list(high)[: len(OLD_SUMMARY_COLUMNS)] == OLD_SUMMARY_COLUMNS  # columns added after the old ones
    import pyarrow.parquet as pq

    parquet = pq.read_table(out / "summary.parquet").to_pylist()
    assert parquet[1]["warning_checks"] == ["code.height_limit", "code.analysis_method"] and parquet[0]["warning_checks"] == []
    page = (out / "report.html").read_text()
    listed = page.split("Buildings verified with warnings (1)")[1]
    assert "<td>X09</td><td>code.height_limit, code.analysis_method</td>" in listed and "A1" not in listed
    assert "verified with warnings: <b>1</b>" in page


OLD_SUMMARY_COLUMNS = ["id", "row", "status", "message", "system", "dimensions", "stories", "height_m", "code", "t1_s",
                       "t1_code_s", "t1_code_low_s", "t1_code_high_s", "t1_compared_s", "max_drift_ratio",
                       "drift_limit_ratio", "failed_checks", "drafter", "rounds", "model_calls", "seconds", "thread_id"]


def test_a_script_that_timed_out_on_a_large_model_says_to_give_a_longer_timeout() -> None:
    from types import SimpleNamespace

    from autobm.agent.spec import complete_spec

    def row_of(spec: dict) -> BuildingRow:
        execution = SimpleNamespace(ok=False, timed_out=True, error_type="Timeout",
                                    error_message="the script ran longer than 30 s (wall clock) and was killed")
        result = SimpleNamespace(spec=complete_spec(spec), checks=[], execution=execution, status="failed",
                                 periods_s=[], drafter="reference")
        return building_row(PortfolioEntry(row=1, id="T", key="T", input_hash="h"), result, 31.0)

    tall = row_of({"system": "steel_frame", "stories": 60, "story_height_m": 4.0, "bays_x": 5, "bays_y": 5,
                   "bay_width_m": 9.0, "seismic": {"intensity": 7}})
    assert tall.message.startswith("Timeout: the script ran longer than 30 s")
    assert "a large model (13,176 DOFs: 61 levels x 36 column lines x 6): give a longer --timeout" in tall.message
    small = row_of({"stories": 3, "bays_x": 2, "bay_width_m": 6.0, "seismic": {"intensity": 7}})
    assert "--timeout" not in small.message  # a small model that runs 30 s is stuck, not slow


def test_ids_the_fonts_cannot_draw_become_row_numbers_without_a_warning(monkeypatch) -> None:
    """Chinese ids were boxes in the slowest-buildings chart, and matplotlib's missing-glyph warning printed
    through -q."""
    from autobm.agent import portfolio_report

    rows = [BuildingRow(id="楼A-1", row=1, status="verified", stories=3, dimensions=3, seconds=0.5),
            BuildingRow(id="B2", row=2, status="failed", stories=4, dimensions=2, seconds=0.2),
            BuildingRow(id="Bâtiment-é", row=3, status="verified", stories=2, dimensions=2, seconds=0.3)]
    assert id_labels(rows[1:]) == (["B2", "Bâtiment-é"], portfolio_report._fonts_with(frozenset("âé"))[0])
    monkeypatch.setattr(portfolio_report, "_fonts_with", lambda chars: ())  # no font has the glyphs
    assert id_labels(rows) == (["row 1", "B2", "row 3"], None)
    monkeypatch.setattr(portfolio_report, "_fonts_with", lambda chars: ("Noto Sans CJK SC",))
    assert id_labels(rows) == (["楼A-1", "B2", "Bâtiment-é"], "Noto Sans CJK SC")
    monkeypatch.undo()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a glyph missing from the font is a UserWarning
        assert plot_slowest(rows) and "<td>B2</td>" in portfolio_html(rows)


def test_the_font_lookup_finds_glyphs_in_the_installed_fonts() -> None:
    from autobm.agent.portfolio_report import _fonts_with

    assert _fonts_with(frozenset("é")) == ("DejaVu Sans",)  # matplotlib's default font has it
    assert _fonts_with(frozenset("\u0378")) == ()  # an unassigned code point (matplotlib's Last Resort font aside)


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


def test_cli_batch_with_nothing_left_to_run_says_so(tmp_path: Path) -> None:
    """It printed '0 run now in 0.0 s, 0.0 buildings/s'."""
    source = _write_csv(tmp_path / "p.csv", GOOD[:1])
    first = subprocess.run(_batch_command(source, tmp_path / "out", "-j", "1", "-q"), capture_output=True, text=True,
                           timeout=300)
    assert first.returncode == 0 and "1 run now in" in first.stdout, first.stdout + first.stderr
    again = subprocess.run(_batch_command(source, tmp_path / "out", "-q"), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "1 buildings: verified 1  (nothing left to run: all 1 buildings were done before)" in again.stdout
    assert "buildings/s" not in again.stdout
    assert "This run: nothing left to run, all 1 buildings were done before." in (tmp_path / "out" / "report.html").read_text()
    loud = subprocess.run(_batch_command(source, tmp_path / "out"), capture_output=True, text=True, timeout=300)
    assert "1 of 1 buildings already done, nothing left to run" in loud.stderr and "the other 0" not in loud.stderr


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
    with TraceStore(out / "traces.sqlite") as store:  # the buildings the stopped workers had: interrupted, not running
        assert store.list_runs(status="running") == []
        assert store.list_runs(status="interrupted", limit=1000)
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
