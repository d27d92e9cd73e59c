"""Self-play data: the building sampler, the held-out bench, ``autobm selfplay`` and ``autobm export``.

Pure sampling and parsing first (hundreds of texts, no OpenSees), then the bench file, then
self-play of a few buildings end to end through the CLI in a subprocess, and exports from
its traces and from runs with a scripted fake chat model (LangChain's GenericFakeChatModel):
a failed first draft repaired deterministically, and a wrong answer repaired by the model.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from model_answers import answer, scripted

from autobm.agent.drafting import draft_reference
from autobm.agent.extraction import extract_code
from autobm.agent.parsing import parse_text
from autobm.agent.prompts import draft_prompt
from autobm.graphs import agent as agent_module
from autobm.graphs.api import AgentOptions, run
from autobm.agent.errors import SpecError
from autobm.agent.spec import BuildingSpec
from autobm.training.datasets import ExportOptions, export, split_of, think_from_spec
from autobm.training.sampler import (
    BENCH_SIZE,
    SampledBuilding,
    bench_keys,
    bench_path,
    bench_plan,
    load_buildings,
    roundtrip_problems,
    sample_buildings,
    spec_key,
)
from autobm.training.traces import TraceStore

ROOT = Path(__file__).resolve().parent.parent


# --- the sampler: pure ------------------------------------------------------------------------


def test_sampler_is_deterministic_by_seed() -> None:
    a = [b.model_dump(mode="json") for b in sample_buildings(25, seed=5)]
    b = [b.model_dump(mode="json") for b in sample_buildings(25, seed=5)]
    c = [b.model_dump(mode="json") for b in sample_buildings(25, seed=6)]
    assert a == b
    assert [x["text"] for x in a] != [x["text"] for x in c]
    assert len({x["spec_key"] for x in a}) == 25  # distinct buildings
    assert sample_buildings(10, seed=5)[0].text == a[0]["text"]  # a prefix of a longer draw


@pytest.fixture(scope="module")
def many() -> list[SampledBuilding]:
    """300 buildings, 100 at each difficulty."""
    return [b for d in (1, 2, 3) for b in sample_buildings(100, seed=100 + d, difficulty=d)]


def test_every_text_parses_back_to_the_building_it_describes(many) -> None:
    for b in many:
        assert roundtrip_problems(b.text, b.stated) == [], b.text
        parsed = parse_text(b.text)
        stated = b.stated
        assert parsed.stories == stated["stories"]
        assert parsed.system == stated.get("system", "rc_frame")
        assert spec_key(parsed) == b.spec_key == spec_key(b.spec)
        if "story_heights_m" in stated:
            assert parsed.story_heights_m == pytest.approx(stated["story_heights_m"])
        if "story_height_m" in stated:
            assert parsed.story_heights_m[-1] == pytest.approx(stated["story_height_m"])
        if "first_story_height_m" in stated:
            assert parsed.story_heights_m[0] == pytest.approx(stated["first_story_height_m"])
        for axis in ("x", "y"):
            if f"bays_{axis}" in stated:
                assert len(getattr(parsed, f"bay_widths_{axis}_m")) == stated[f"bays_{axis}"]
            if f"bay_widths_{axis}_m" in stated:
                assert getattr(parsed, f"bay_widths_{axis}_m") == pytest.approx(stated[f"bay_widths_{axis}_m"])
        for key, value in stated.get("seismic", {}).items():
            assert getattr(parsed.seismic, key) == pytest.approx(value) if isinstance(value, float) \
                else getattr(parsed.seismic, key) == value
        if "columns" in stated:
            first = parsed.sections.columns[0]
            for key, value in stated["columns"][0].items():
                assert getattr(first, key) == pytest.approx(value), (b.text, key)
        for key in ("concrete_grade", "steel_grade"):
            if key in stated:
                assert getattr(parsed.material, key) == stated[key]
        for key in ("occupancy", "dead_load_pa", "live_load_pa", "tributary_width_m"):
            if key in stated:
                assert getattr(parsed, key) == pytest.approx(stated[key])


def test_a_text_that_says_something_else_is_caught() -> None:
    b = sample_buildings(1, seed=3, difficulty=1)[0]
    wrong = dict(b.stated, stories=b.stated["stories"] + 1)
    assert any("stories" in p for p in roundtrip_problems(b.text, wrong))


def test_sampled_buildings_are_in_the_ranges_of_practice(many) -> None:
    counts = Counter((b.spec.system, b.language, b.units, b.spec.seismic.code) for b in many)
    systems = Counter(b.spec.system for b in many)
    assert set(systems) == {"rc_frame", "steel_frame", "shear_building"} and systems["rc_frame"] > len(many) / 2
    assert {b.spec.seismic.code for b in many} == {"gb50011", "asce7", "en1998"}
    assert {b.language for b in many} == {"en", "zh"} and {b.units for b in many} == {"si", "us"}
    assert all(b.spec.seismic.code == "gb50011" for b in many if b.language == "zh"), counts
    assert {b.spec.dimensions for b in many if b.spec.system != "shear_building"} == {2, 3}
    rc_columns: dict[bool, list[float]] = {True: [], False: []}
    for b in many:
        spec = b.spec
        assert 1 <= spec.stories <= 20
        assert all(2.7 <= h <= 6.5 for h in spec.story_heights_m), b.text
        assert all(2.4 <= w <= 12.2 for w in spec.bay_widths_x_m + spec.bay_widths_y_m), b.text
        steel_gb = (spec.system == "steel_frame" and spec.seismic.code == "gb50011"  # GB 50011-2010 8.2.2
                    and "damping_ratio" not in (b.stated.get("seismic") or {}) and "damping_ratio" not in b.stated)
        assert spec.seismic.damping_ratio == (0.04 if steel_gb and spec.height_m <= 50 else 0.03 if steel_gb else 0.05)
        if spec.seismic.code == "asce7":
            assert 0.5 <= spec.seismic.sds_g <= 1.5 and spec.seismic.sd1_g <= spec.seismic.sds_g
        if spec.seismic.code == "en1998":
            assert 0.1 <= spec.seismic.pga_g <= 0.35
        if spec.system == "shear_building":
            t1_guess = [m > 0 for m in spec.floor_masses_kg]
            assert all(t1_guess) and all(k > 0 for k in spec.story_stiffnesses_n_per_m)
            continue
        stated = "columns" in b.stated
        if spec.system == "rc_frame":
            allowed = ("C25/30", "C30/37", "C35/45", "C40/50", "C45/55", "C50/60") if spec.seismic.code == "en1998" \
                else (None, "C25", "C30", "C35", "C40", "C45", "C50")
            assert spec.material.concrete_grade in allowed
            if stated:
                span = max(spec.bay_widths_x_m + spec.bay_widths_y_m)
                beam = spec.sections.beams[0]
                assert span / 12.5 <= beam.h_m <= max(span / 10 + 0.051, 0.45), b.text  # span/10..span/12, rounded up
                assert 0.25 <= beam.b_m <= beam.h_m
                side = spec.sections.columns[0].h_m
                rc_columns[spec.stories >= 8].append(side)
                assert all(c.b_m == c.h_m for c in spec.sections.columns)  # square columns
                assert spec.sections.columns[0].h_m >= spec.sections.columns[-1].h_m  # stepped down, never up
        else:
            assert spec.material.steel_grade in ("Q235", "Q345", "Q355", "Q390", "A992", "A572", "S275", "S355")
            if stated:  # H or box columns and H beams by A and I
                col, beam = spec.sections.columns[0], spec.sections.beams[0]
                assert col.area_m2 and col.inertia_m4 and beam.area_m2 and beam.inertia_m4
                assert 0.005 < col.area_m2 < 0.25 and 5e-5 < beam.inertia_m4 < 0.02
    assert statistics.mean(rc_columns[True]) > statistics.mean(rc_columns[False]) + 0.1  # columns grow with stories


def test_difficulty_changes_what_the_text_states(many) -> None:
    by_level = {d: [b for b in many if b.difficulty == d] for d in (1, 2, 3)}

    def assumed(b: SampledBuilding) -> set[str]:
        return {a.field for a in b.spec.assumptions}

    frames1 = [b for b in by_level[1] if b.spec.system != "shear_building"]
    assert all({"sections.columns", "sections.beams", "material.concrete_grade", "material.steel_grade",
                "occupancy", "dimensions"}.isdisjoint(assumed(b)) for b in frames1)
    assert all("site_class" in b.stated["seismic"] for b in by_level[1] if b.spec.seismic.code == "gb50011")
    mean_assumed = [statistics.mean(len(assumed(b)) for b in by_level[d]) for d in (1, 2, 3)]
    assert mean_assumed[0] < mean_assumed[1] < mean_assumed[2], mean_assumed
    irregular = [sum(len(set(b.spec.story_heights_m)) > 1 or len(set(b.spec.bay_widths_x_m)) > 1 for b in by_level[d])
                 for d in (1, 3)]
    assert irregular[1] > irregular[0] + 20
    us = [sum(b.units == "us" for b in by_level[d]) / max(1, sum(b.spec.seismic.code == "asce7" for b in by_level[d]))
          for d in (1, 3)]
    assert us[1] > us[0]


def test_bench_keys_are_never_sampled_for_self_play() -> None:
    first = sample_buildings(5, seed=9)
    again = sample_buildings(5, seed=9, exclude_keys={first[0].spec_key, first[2].spec_key})
    assert {b.spec_key for b in again}.isdisjoint({first[0].spec_key, first[2].spec_key})
    assert again[0].text == first[1].text


# --- the held-out bench -----------------------------------------------------------------------


def test_the_bench_file_has_128_buildings_with_the_stated_spread_and_ground_truth() -> None:
    rows = load_buildings(bench_path())
    assert len(rows) == BENCH_SIZE == 128
    assert len({b.id for b in rows}) == 128 and len({b.spec_key for b in rows}) == 128
    assert bench_keys() == frozenset(b.spec_key for b in rows)
    kinds = Counter((b.spec.system, b.spec.dimensions, b.spec.seismic.code) for b in rows)
    assert kinds[("rc_frame", 2, "gb50011")] >= 64  # mostly plane RC frames under GB 50011, as BMEval
    assert sum(n for (_, d, _), n in kinds.items() if d == 3) >= 20
    assert sum(n for (s, _, _), n in kinds.items() if s == "steel_frame") >= 15
    assert sum(n for (_, _, c), n in kinds.items() if c == "asce7") >= 10
    assert sum(n for (_, _, c), n in kinds.items() if c == "en1998") >= 8
    assert Counter(b.language for b in rows)["zh"] >= 40 and Counter(b.language for b in rows)["en"] >= 40
    assert set(Counter(b.difficulty for b in rows)) == {1, 2, 3}
    verified = 0
    for b in rows:
        truth = b.ground_truth
        assert truth is not None and truth.reference_status in ("verified", "failed")
        verified += truth.reference_status == "verified"
        assert truth.t1_s and truth.t1_s > 0 and truth.periods_s[0] == truth.t1_s
        assert truth.periods_s == sorted(truth.periods_s, reverse=True)
        assert truth.total_mass_kg == pytest.approx(b.spec.total_mass_kg(), rel=1e-6)
        assert truth.drift_limit_ratio and 0.001 < truth.drift_limit_ratio <= 0.02
        if b.spec.system != "shear_building":
            assert len(truth.periods_s) == 3
            assert truth.t1_code_low_s <= truth.t1_code_s <= truth.t1_code_high_s
            assert 0.5 * truth.t1_code_low_s <= truth.t1_s  # no absurdly stiff reference model
        assert spec_key(parse_text(b.text)) == b.spec_key  # the text still means this building
    assert verified >= 0.85 * len(rows)


def test_the_bench_texts_are_reproducible_from_the_committed_generator() -> None:
    rows = load_buildings(bench_path())
    from autobm.training.sampler import BENCH_SEED

    again = sample_buildings(BENCH_SIZE, BENCH_SEED, profile="bench", id_prefix="BMB", plan=bench_plan())
    assert [b.text for b in again] == [b.text for b in rows]


# --- self-play end to end, and exports from its traces -------------------------------------------


def _autobm(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autobm.agent.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, env=os.environ.copy())


@pytest.fixture(scope="module")
def selfplay_run(tmp_path_factory) -> dict:
    """``autobm selfplay --n 6`` into the default trace store of a temporary AUTOBM_HOME."""
    root = tmp_path_factory.mktemp("selfplay")
    home = root / "home"
    old = os.environ.get("AUTOBM_HOME")
    os.environ["AUTOBM_HOME"] = str(home)
    try:
        proc = _autobm("selfplay", "--n", "6", "--seed", "11", "--out", str(root / "out"), "--workers", "2", "-q",
                       cwd=root)
    finally:
        if old is None:
            os.environ.pop("AUTOBM_HOME")
        else:
            os.environ["AUTOBM_HOME"] = old
    assert proc.returncode == 0, proc.stderr[-3000:]
    return {"root": root, "out": root / "out", "db": home / "autobm.sqlite", "stdout": proc.stdout}


def test_selfplay_writes_buildings_with_ground_truth_and_traces(selfplay_run) -> None:
    out, db = selfplay_run["out"], selfplay_run["db"]
    buildings = load_buildings(out / "buildings.jsonl")
    assert len(buildings) == 6 and all(b.ground_truth is not None for b in buildings)
    assert {b.spec_key for b in buildings}.isdisjoint(bench_keys())
    portfolio = [json.loads(line) for line in (out / "portfolio.jsonl").read_text().splitlines()]
    assert [p["text"] for p in portfolio] == [b.text for b in buildings]
    assert db.is_file()  # the default trace store ($AUTOBM_HOME/autobm.sqlite), where export looks
    with TraceStore(db) as store:
        runs = store.list_runs(limit=100)
        assert len(runs) == 6 and all(r.status in ("verified", "failed") for r in runs)
        for r in runs:
            trace = store.get_run(r.run_id)
            events = [e for e in trace.events if e.kind == "ground_truth"]
            assert len(events) == 1
            building = events[0].payload["building"]
            assert building["text"] == trace.text and building["ground_truth"]["t1_s"] > 0
    assert "6 buildings" in selfplay_run["stdout"]


def test_export_sft_and_grpo_from_selfplay_traces(selfplay_run, tmp_path) -> None:
    out, db = selfplay_run["out"], selfplay_run["db"]
    buildings = {b.text: b for b in load_buildings(out / "buildings.jsonl")}
    proc = _autobm("export", "sft", "--db", str(db), "--out", str(tmp_path / "sft"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "sft:" in proc.stdout and "train" in proc.stdout
    test_rows = (tmp_path / "sft" / "test.jsonl").read_text().splitlines()
    assert ("the test split is empty" in proc.stderr) == (not test_rows)  # a few buildings can leave it empty: said
    rows = [json.loads(line) for split in ("train", "test") for line in (tmp_path / "sft" / f"{split}.jsonl").read_text().splitlines()]
    verified = [b for b in buildings.values() if b.ground_truth.reference_status == "verified"]
    assert len(rows) == len(verified) >= 4
    with TraceStore(db) as store:
        final_code = {store.get_run(r.run_id).text: store.get_run(r.run_id).result["code"] for r in store.list_runs()}
    for row in rows:
        assert set(row) == {"prompt", "completion"}
        assert [m["role"] for m in row["prompt"]] == ["user"] and [m["role"] for m in row["completion"]] == ["assistant"]
        answer = row["completion"][0]["content"]
        extraction = extract_code(answer)
        assert extraction.format == "strict" and not extraction.code_in_think
        text = re.search(r"Description: (.*)", row["prompt"][0]["content"]).group(1)
        assert extraction.code.rstrip() == final_code[text].rstrip()  # the verified script of the run
        folder = out / "buildings" / buildings[text].id
        assert (folder / "model.py").read_text().rstrip() == extraction.code.rstrip()

    proc = _autobm("export", "grpo", "--db", str(db), "--out", str(tmp_path / "grpo"), "--test-fraction", "0.5",
                   "--seed", "3", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    grpo = [json.loads(line) for split in ("train", "test") for line in (tmp_path / "grpo" / f"{split}.jsonl").read_text().splitlines()]
    assert len(grpo) == 6
    for row in grpo:
        assert set(row) == {"prompt", "spec", "ground_truth"}
        spec, truth = json.loads(row["spec"]), json.loads(row["ground_truth"])
        building = buildings[spec["source_text"]]
        assert truth == building.ground_truth.model_dump(mode="json")
        assert row["prompt"] == [{"role": "user", "content": draft_prompt(building.spec)}]

    proc = _autobm("export", "grpo", "--db", str(db), "--out", str(tmp_path / "verl"), "--format", "verl", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    table = pq.read_table(tmp_path / "verl" / "train.parquet")
    assert table.column_names == ["data_source", "prompt", "ability", "reward_model", "extra_info"]
    row = table.to_pylist()[0]
    assert row["data_source"] == "autobm" and row["prompt"][0]["role"] == "user"
    assert row["reward_model"]["style"] == "rule"
    t1 = json.loads(row["extra_info"]["ground_truth"])["t1_s"]
    assert float(row["reward_model"]["ground_truth"]) == pytest.approx(t1, rel=1e-5)
    assert pq.read_table(tmp_path / "verl" / "test.parquet").schema == table.schema


# --- repairs, pairs, split and dedupe, with scripted models ---------------------------------------

TEXT = "3-story RC frame, 3.2 m floors, 2 bays of 6 m, intensity 8 (0.20g), office"
GOOD = draft_reference(parse_text(TEXT)).code
REPAIR_THINK = "The previous script modelled two stories; the third story is added back."


@pytest.fixture(scope="module")
def repaired_runs(tmp_path_factory) -> Path:
    """A trace store with two repaired model runs: a deterministic repair, and a model repair."""
    db = tmp_path_factory.mktemp("repairs") / "traces.sqlite"
    options = AgentOptions(db=str(db), timeout_s=20, max_repairs=2)
    broken = GOOD.replace('print(f"T1 = {periods[0]:.6f} s")', 'print(f"T1 = {periods[0]:.6f} s)')
    assert broken != GOOD
    first = run(TEXT, options=options, chat_model=scripted(answer(broken)))
    assert [a.source for a in first.attempts] == ["model", "deterministic"] and first.status == "verified"
    short = GOOD.replace("STORY_HEIGHTS_M = [3.2, 3.2, 3.2]", "STORY_HEIGHTS_M = [3.2, 3.2]")
    assert short != GOOD
    second = run(TEXT, options=options, chat_model=scripted(answer(short), answer(GOOD, think=REPAIR_THINK)))
    assert [a.source for a in second.attempts] == ["model", "model"] and second.status == "verified"
    return db


def test_export_pairs_from_failed_then_repaired_runs(repaired_runs, tmp_path) -> None:
    summary = export(str(repaired_runs), tmp_path, ExportOptions(kind="pairs", test_fraction=0.0))
    rows = [json.loads(line) for line in (tmp_path / "train.jsonl").read_text().splitlines()]
    assert summary.train == len(rows) == 2 and summary.test == 0
    for row in rows:
        assert set(row) == {"prompt", "chosen", "rejected"}
        assert row["prompt"] == [{"role": "user", "content": draft_prompt(parse_text(TEXT))}]
        chosen, rejected = extract_code(row["chosen"][0]["content"]), extract_code(row["rejected"][0]["content"])
        assert chosen.format == "strict" and chosen.code.rstrip() == GOOD.rstrip()
        assert rejected.code.rstrip() != GOOD.rstrip()
        assert REPAIR_THINK not in row["chosen"][0]["content"]  # a repair's think answers no first-draft prompt
    assert any('{periods[0]:.6f} s)\n' in r["rejected"][0]["content"] for r in rows)  # the unterminated string
    assert any("[3.2, 3.2]\n" in r["rejected"][0]["content"] for r in rows)  # the missing story
    with pytest.raises(Exception, match="trl"):
        export(str(repaired_runs), tmp_path / "v", ExportOptions(kind="pairs", format="verl"))


def test_export_sft_has_the_repair_turns(repaired_runs, tmp_path) -> None:
    summary = export(str(repaired_runs), tmp_path, ExportOptions(kind="sft", test_fraction=0.0))
    rows = [json.loads(line) for line in (tmp_path / "train.jsonl").read_text().splitlines()]
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    kinds = [r["kind"] for r in manifest["rows"]["train"]]
    # both runs verified GOOD for the same prompt: their final rows are one example (the think written from the spec)
    assert summary.examples == {"final": 2, "repair": 2} and summary.duplicates == 1
    assert sorted(kinds) == ["final", "repair", "repair"]
    for row, kind in zip(rows, kinds):
        assert extract_code(row["completion"][0]["content"]).code.rstrip() == GOOD.rstrip()
        if kind == "final":
            assert len(row["prompt"]) == 1
            continue
        assert [m["role"] for m in row["prompt"]] == ["user", "assistant", "user"]
        assert row["prompt"][0]["content"] == draft_prompt(parse_text(TEXT))
        repair_message = row["prompt"][2]["content"]
        assert "SyntaxError" in repair_message or "geometry.stories" in repair_message
    deterministic = next(r for r, k in zip(rows, kinds) if k == "repair" and "SyntaxError" in r["prompt"][2]["content"])
    assert "unterminated" in deterministic["completion"][0]["content"].split("</think>")[0]  # the think names the fault
    # the model's verified repair answer thinks about a failure: kept for its repair turn, never for the first prompt
    model_repair = next(r for r, k in zip(rows, kinds)
                        if k == "repair" and "geometry.stories" in r["prompt"][2]["content"])
    assert REPAIR_THINK in model_repair["completion"][0]["content"]
    finals = [r["completion"][0]["content"] for r, k in zip(rows, kinds) if k == "final"]
    assert all(REPAIR_THINK not in f for f in finals)
    assert all(f.startswith(f"<think>\n{think_from_spec(parse_text(TEXT))}\n</think>") for f in finals)


SIZED_TEXT = "9层钢筋混凝土框架，层高3.6m，5跨，跨度5.4m，酒店，抗震设防烈度8度，II类场地"


@pytest.fixture(scope="module")
def sized_run(tmp_path_factory) -> Path:
    """A run whose model answers fail the drift limit, then the reference fallback is sized to meet it:
    the verified script models larger sections than the prompt the model was given. (The sizing before
    the first draft, which would have given the model the larger sections, is off.)"""
    db = tmp_path_factory.mktemp("sized") / "traces.sqlite"
    unsized = draft_reference(parse_text(SIZED_TEXT)).code
    options = AgentOptions(db=str(db), timeout_s=20, max_repairs=1, fallback_to_reference=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(agent_module, "presize", lambda spec: (spec, 1.0))
        result = run(SIZED_TEXT, options=options, chat_model=scripted(answer(unsized), answer(unsized)))
    assert [a.source for a in result.attempts] == ["model", "model", "fallback", "sizing"]
    assert result.status == "verified"
    return db


def test_pairs_and_sft_rows_answer_the_spec_of_their_prompt(sized_run, tmp_path) -> None:
    """The pair SP4-00002 of a user test: the prompt said columns 0.8 x 0.8, the chosen script had 0.9 x 0.9."""
    with TraceStore(sized_run) as store:
        trace = store.get_run(store.list_runs()[0].run_id)
    sized, given = BuildingSpec.model_validate(trace.spec), parse_text(SIZED_TEXT)
    assert sized.sections != given.sections  # sizing enlarged them
    with pytest.raises(SpecError, match="sizing enlarged"):  # both failed answers were for the unsized spec
        export(str(sized_run), tmp_path / "pairs", ExportOptions(kind="pairs", test_fraction=0.0))
    assert not (tmp_path / "pairs").exists()
    summary = export(str(sized_run), tmp_path / "sft", ExportOptions(kind="sft", test_fraction=0.0))
    [row] = [json.loads(line) for line in (tmp_path / "sft" / "train.jsonl").read_text().splitlines()]
    assert summary.examples == {"final": 1}
    assert row["prompt"] == [{"role": "user", "content": draft_prompt(sized)}] != [{"role": "user",
                                                                                    "content": draft_prompt(given)}]
    assert extract_code(row["completion"][0]["content"]).code.rstrip() == trace.result["code"].rstrip()


def test_the_model_is_given_the_sections_sized_before_the_first_draft(tmp_path) -> None:
    """The same building with the sizing before the first draft on: the prompt already has the larger
    sections, the reference fallback of that spec is verified as it stands (no sizing round after the
    model), and the pair of a failed answer and the fallback answers one spec."""
    db = tmp_path / "traces.sqlite"
    unsized = draft_reference(parse_text(SIZED_TEXT)).code
    options = AgentOptions(db=str(db), timeout_s=20, max_repairs=1, fallback_to_reference=True)
    result = run(SIZED_TEXT, options=options, chat_model=scripted(answer(unsized), answer(unsized)))
    assert [a.source for a in result.attempts] == ["model", "model", "fallback"] and result.status == "verified"
    with TraceStore(db) as store:
        trace = store.get_run(store.list_runs()[0].run_id)
    sized, given = BuildingSpec.model_validate(trace.spec), parse_text(SIZED_TEXT)
    assert sized.sections.columns[0].b_m > given.sections.columns[0].b_m
    assert "predicted by a planar frame analysis" in next(a.reason for a in sized.assumptions if a.field == "sections.columns")
    prompt = next(e.payload["messages"] for e in trace.events if e.kind == "prompt")
    assert prompt[-1]["content"] == draft_prompt(sized) != draft_prompt(given)
    summary = export(str(db), tmp_path / "pairs", ExportOptions(kind="pairs", test_fraction=0.0))
    assert summary.examples and (tmp_path / "pairs" / "train.jsonl").read_text().strip()


def test_split_is_by_spec_and_keeps_bench_specs_out_of_train(tmp_path) -> None:
    db = tmp_path / "traces.sqlite"
    options = AgentOptions(db=str(db), timeout_s=20)
    bench = [b for b in load_buildings(bench_path()) if b.spec.system == "rc_frame" and b.spec.dimensions == 2
             and b.spec.stories <= 4 and b.ground_truth.reference_status == "verified"][:1]
    assert bench, "the bench has small plane RC frames"
    texts = [bench[0].text,
             "3-story RC frame, 3.3 m floors, 2 bays of 6 m, plane frame, intensity 8 (0.20g)",
             "3层钢筋混凝土框架，层高3.3m，2跨，跨度6m，平面框架，8度(0.20g)",  # the same building in Chinese
             "4-story RC frame, 3.3 m floors, 3 bays of 6 m, plane frame, intensity 7 (0.10g)",
             "2-story steel frame, 4 m floors, 2 bays of 8 m, plane frame, intensity 7 (0.10g)"]
    for text in texts:
        assert run(text, options=options).status == "verified"
    assert run(texts[1], options=options).status == "verified"  # a repeat: the same example again
    held_out = bench_keys()
    for fraction in (0.0, 0.5, 1.0):
        summary = export(str(db), tmp_path / f"sft{fraction}", ExportOptions(kind="sft", test_fraction=fraction, seed=1))
        manifest = json.loads((tmp_path / f"sft{fraction}" / "manifest.json").read_text())
        train = {r["spec_key"] for r in manifest["rows"]["train"]}
        test = {r["spec_key"] for r in manifest["rows"]["test"]}
        assert train.isdisjoint(test) and train.isdisjoint(held_out)
        assert manifest["held_out_bench"]["buildings"] == len(held_out) == 128  # which bench kept them out
        assert bench[0].spec_key in test and summary.bench_examples == 1
        assert summary.duplicates == 1 and summary.train + summary.test == 5
        assert len(train | test) == 4  # English and Chinese texts of one building share a spec
        for key in train:
            assert split_of(key, test_fraction=fraction, seed=1, held_out=held_out) == "train"
    assert summary.train == 0  # fraction 1.0: everything in test
    # a held-out bench of one's own, in the eval's row format (id and text): its buildings stay out of train
    own = tmp_path / "own-bench.jsonl"
    own.write_text(json.dumps({"id": "MINE-1", "text": texts[3]}) + "\n", encoding="utf-8")
    summary = export(str(db), tmp_path / "own", ExportOptions(kind="sft", test_fraction=0.0, seed=1, bench=str(own)))
    assert summary.bench_examples == 1 and summary.test == 1 and summary.train == 4


def test_export_refuses_stores_without_runs_and_writes_nothing(tmp_path) -> None:
    """An empty store gave empty files with exit 0, and an empty file was given the trace tables."""
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    proc = _autobm("export", "sft", "--db", str(empty), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert proc.returncode == 2 and "no runs in it" in proc.stderr, proc.stderr
    assert empty.stat().st_size == 0 and not (tmp_path / "out").exists()
    no_runs = tmp_path / "no-runs.sqlite"
    with TraceStore(no_runs):
        pass  # the tables, and nothing in them
    with pytest.raises(SpecError, match="no finished runs in"):
        export(str(no_runs), tmp_path / "out", ExportOptions(kind="grpo"))
    failed = tmp_path / "failed.sqlite"
    outcome = run(TEXT, options=AgentOptions(db=str(failed), timeout_s=20, max_repairs=0),
                  chat_model=scripted("I cannot write this model."))
    assert outcome.status == "failed"
    for kind in ("sft", "pairs"):
        with pytest.raises(SpecError, match="no verified runs in .*1 finished runs, none verified"):
            export(str(failed), tmp_path / "out", ExportOptions(kind=kind))
    with pytest.raises(SpecError, match="no grpo examples in the 1 runs .*no ground truth"):
        export(str(failed), tmp_path / "out", ExportOptions(kind="grpo"))
    assert not (tmp_path / "out").exists()
