"""`autobm eval`: the Pass@k estimator, the bench reader, and evaluations end to end.

Ordered by cost: the estimator against hand computations (pure); reading bench rows; the
reference drafter and scripted chat models (LangChain's GenericFakeChatModel) through the real
sandbox, inspection and checks; the CLI in subprocesses, once with the reference drafter and
once against the scripted OpenAI-compatible server of tests/openai_server.py. No real model.
"""

from __future__ import annotations

import doctest
import json
import math
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage
from pydantic import Field
from model_answers import answer, scripted
from openai_server import ScriptedOpenAIServer

from autobm.agent.drafting import draft_reference
from autobm.agent.errors import ConfigError, SpecError
from autobm.agent.models import ModelSettings, TransformersChatModel
from autobm.agent.parsing import parse_text
from autobm.agent.prompts import draft_prompt
from autobm.training import evaluate as evaluation
from autobm.training.evaluate import (
    BenchRow,
    default_bench_path,
    eval_limits,
    evaluate,
    format_report,
    load_bench,
    pass_at_k,
)

MODEL = "AutoBM-Seed-Coder-8B-R"
STEEL_TEXT = "two-story steel moment frame, 12 ft stories, 2 bays at 20 ft, SDS = 0.5 g, SD1 = 0.2 g"

BENCH: list[dict[str, Any]] = [
    # words only; T1 of the reference model, s (GB 50011, E = 30 GPa for C30)
    {"id": "rc-3", "text": "3-story RC frame, 3.2 m floors, 2 bays of 6 m, intensity 8 (0.20g), office",
     "language": "en", "units": "si", "difficulty": 1, "ground_truth": {"t1_s": 0.5069, "reference_status": "verified"}},
    # a partial spec and no ground truth: the reference model's T1 is the truth
    {"id": "shear-3", "spec": {"stories": 3, "story_stiffnesses_n_per_m": [3e8, 2.5e8, 2e8],
                               "floor_masses_kg": [3e5, 3e5, 2e5], "seismic": {"intensity": 7}},
     "difficulty": 2},
    # a full BuildingSpec and the text, in US units; ground truth with empty fields
    {"id": 7, "text": STEEL_TEXT, "language": "en", "units": "us", "difficulty": 2,
     "spec": parse_text(STEEL_TEXT).model_dump(mode="json"),
     "ground_truth": {"t1_s": 0.4657, "periods_s": None, "t1_code_s": None}},
]
SPECS = [BenchRow.model_validate(row).building_spec() for row in BENCH]
GOOD = [draft_reference(spec).code for spec in SPECS]


def syntax_error(code: str) -> str:
    """The paper's most common fault: an unterminated string literal."""
    broken = code.replace('print(f"T1 = {periods[0]:.6f} s")', 'print(f"T1 = {periods[0]:.6f} s)')
    assert broken != code
    return broken


def write_bench(path: Path, rows: list[dict[str, Any]] = BENCH) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


# --- the estimator (pure) ------------------------------------------------------------------


def test_module_doctests_pass() -> None:
    result = doctest.testmod(evaluation)
    assert result.attempted >= 7 and result.failed == 0


@pytest.mark.parametrize(("n", "c", "k", "expected"), [
    (1, 1, 1, 1.0), (1, 0, 1, 0.0),
    (2, 1, 1, 0.5),                     # one of two samples passes: a coin flip
    (2, 1, 2, 1.0),                     # both drawn: the passing one is among them
    (4, 1, 1, 0.25),
    (4, 2, 2, 1 - 1 / 6),               # 1 - C(2,2)/C(4,2)
    (5, 2, 2, 0.7),                     # 1 - C(3,2)/C(5,2) = 1 - 3/10
    (10, 3, 5, 1 - 21 / 252),           # 1 - C(7,5)/C(10,5)
    (5, 0, 5, 0.0), (5, 5, 1, 1.0), (5, 5, 5, 1.0),
    (5, 1, 5, 1.0),                     # n = k: any pass is drawn
])
def test_pass_at_k_against_hand_computations(n: int, c: int, k: int, expected: float) -> None:
    assert pass_at_k(n, c, k) == pytest.approx(expected, abs=1e-12)


def test_pass_at_k_is_stable_where_the_binomials_are_huge() -> None:
    exact = 1 - Fraction(math.comb(990, 100), math.comb(1000, 100))
    assert pass_at_k(1000, 10, 100) == pytest.approx(float(exact), rel=1e-12)
    assert 0.0 < pass_at_k(10_000, 1, 1) == pytest.approx(1e-4, rel=1e-9)


def test_pass_at_k_rejects_fewer_samples_than_k_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match=r"pass@5 needs at least 5 samples per building, got n = 3: draw n >= k"):
        pass_at_k(3, 1, 5)
    with pytest.raises(ValueError, match="between 0 and n = 3"):
        pass_at_k(3, 4, 1)
    with pytest.raises(ValueError, match="k must be at least 1"):
        pass_at_k(3, 1, 0)
    with pytest.raises(SpecError, match=r"n = 2 samples per building is fewer than k = 5.*--n"):
        evaluate(BENCH, k=5, n=2)


# --- the bench -----------------------------------------------------------------------------


def test_bench_rows_may_be_words_partial_or_full_specs_with_or_without_ground_truth(tmp_path: Path) -> None:
    rows = load_bench(write_bench(tmp_path / "bench.jsonl"))
    assert [r.id for r in rows] == ["rc-3", "shear-3", "7"]
    assert rows[0].ground_truth.t1_s == 0.5069 and rows[1].ground_truth.t1_s is None
    assert rows[2].ground_truth.periods_s == []
    assert [s.system for s in SPECS] == ["rc_frame", "shear_building", "steel_frame"]
    assert SPECS[2].seismic.code == "asce7" and SPECS[2].story_heights_m[0] == pytest.approx(12 * 0.3048)
    assert [r.id for r in load_bench(tmp_path / "bench.jsonl", limit=2)] == ["rc-3", "shear-3"]


def test_a_broken_bench_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bench.jsonl"
    path.write_text(json.dumps(BENCH[0]) + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(SpecError, match=r"line 3: not JSON"):
        load_bench(path)
    write_bench(path, [BENCH[0], BENCH[0]])
    with pytest.raises(SpecError, match=r"line 2: id 'rc-3' repeats line 1"):
        load_bench(path)
    write_bench(path, [{"id": "x", "difficulty": 1}])
    with pytest.raises(SpecError, match=r"bench row 'x': neither spec nor text"):
        load_bench(path)[0].building_spec()
    write_bench(path, [{"id": "y", "spec": {"stories": 0, "story_heights_m": [3.0]}}])
    with pytest.raises(SpecError, match=r"bench row 'y': .*stories"):
        evaluate(load_bench(path), k=1)


def test_the_default_bench_is_looked_for_in_the_installed_training_package() -> None:
    path = default_bench_path()
    assert path.name == "autobm-bench-128.jsonl"
    assert path.parent == Path(evaluation.__file__).parent / "data"  # the training/ folder


# --- evaluations through the sandbox -------------------------------------------------------


def test_the_reference_drafter_passes_every_metric() -> None:
    report = evaluate(BENCH, k=3)
    assert report.model == "reference" and (report.k, report.n, report.buildings) == (3, 3, 3)
    for value in (report.pass_at_1, report.pass_at_k, report.pass_at_k_period, report.pass_at_k_compliance,
                  report.pass_at_k_strict):
        assert value == 1.0
    assert report.counts.samples == 9 == report.counts.strict == report.counts.with_period
    assert report.mean_period_error is not None and report.mean_period_error < 0.001
    sources = {b.id: b.truth_source for b in report.per_building}
    assert sources == {"rc-3": "bench", "shear-3": "reference", "7": "bench"}
    assert set(report.by_system) == {"rc_frame", "shear_building", "steel_frame"}
    assert report.by_difficulty["2"].buildings == 2 and report.by_code["asce7"].pass_at_k_strict == 1.0
    table = format_report(report)
    assert "Pass@3_strict" in table and "100.00" in table and "by system" in table


def test_one_good_and_one_broken_answer_per_building_give_pass_at_1_half_and_pass_at_2_one() -> None:
    replies = [r for code in GOOD for r in (answer(code), answer(syntax_error(code)))]
    report = evaluate(BENCH, chat_model=scripted(*replies), k=2, concurrency=1)
    assert report.model.startswith("chat:")
    for b in report.per_building:  # per building: c = 1 of n = 2 on every criterion
        assert (b.samples, b.exec, b.period, b.compliance, b.strict) == (2, 1, 1, 1, 1)
    assert report.pass_at_1 == pytest.approx(0.5)
    assert report.pass_at_k == report.pass_at_k_period == report.pass_at_k_compliance == report.pass_at_k_strict == 1.0
    broken = [r for r in report.results if r.sample == 1]
    assert all(not r.exec and r.error and r.error.startswith("SyntaxError") for r in broken)
    assert report.error_types == {"SyntaxError": 3} and report.failed_checks == {}
    assert all(r.answer_format == "strict" for r in report.results)


def test_a_right_looking_print_of_a_model_built_with_e_in_mpa_fails_the_period() -> None:
    truth_s = BENCH[0]["ground_truth"]["t1_s"]
    code = GOOD[0].replace("E_PA = 30000000000.0", "E_PA = 30000.0  # MPa")
    code = code.replace('print(f"T1 = {periods[0]:.6f} s")', f'print("T1 = {truth_s:.6f} s")')
    assert code.count("30000.0  # MPa") == 1 and f"T1 = {truth_s:.6f} s" in code
    report = evaluate(BENCH[:1], chat_model=scripted(answer(code)), k=1, concurrency=1)
    sample = report.results[0]
    assert sample.exec and report.pass_at_1 == 1.0
    assert not sample.period and not sample.compliance and report.pass_at_k_period == 0.0
    # E a million times too small: T1 a thousand times too long, whatever the script printed
    assert sample.t1_s == pytest.approx(1000 * 0.5069, rel=0.01) and sample.period_error > 100
    assert "period.printed_vs_computed" in sample.failed_checks and "period.reference_model" in sample.failed_checks
    assert report.failed_checks["period.printed_vs_computed"] == 1 and report.error_types == {}


def test_compliance_is_the_design_conclusion_and_leaves_the_period_to_its_own_metric() -> None:
    """The paper's Pass@k_compliance is the design conclusion (drift within the code's limit); a model 18 % stiffer in
    period than the reference fails only period.reference_model: it was counted non-compliant, so never strict."""
    stiffer = GOOD[0].replace("E_PA = 30000000000.0", "E_PA = 45000000000.0")  # T1 x 0.82
    assert stiffer != GOOD[0]
    report = evaluate(BENCH[:1], chat_model=scripted(answer(stiffer)), k=1, concurrency=1)
    sample = report.results[0]
    assert sample.failed_checks == ["period.reference_model"] and sample.status == "failed" and not sample.verified
    assert sample.exec and sample.period and 0.1 < sample.period_error < 0.3
    assert sample.compliance and sample.strict and report.pass_at_k_compliance == report.pass_at_k_strict == 1.0
    assert report.counts.verified == 0 and report.counts.compliance == 1
    drift_failed = evaluate(BENCH[:1], chat_model=scripted(answer(GOOD[0].replace("E_PA = 30000000000.0",
                                                                                  "E_PA = 3000000000.0"))),
                            k=1, concurrency=1).results[0]
    assert "drift.limit" in drift_failed.failed_checks and not drift_failed.compliance and not drift_failed.strict


def test_the_period_error_is_over_samples_that_ran_with_a_median_beside_the_mean() -> None:
    """A crashed sample's model is left out; one E-in-MPa sample (hundreds of times off) swamps the mean, not
    the median."""
    mpa = GOOD[0].replace("E_PA = 30000000000.0", "E_PA = 30000.0")
    crash = GOOD[0] + "\nraise RuntimeError('after the model was built')\n"
    replies = [answer(GOOD[0]), answer(GOOD[0]), answer(mpa), answer(crash)]
    report = evaluate(BENCH[:1], chat_model=scripted(*replies), k=1, n=4, concurrency=1)
    good, _, far, crashed = report.results
    assert not crashed.exec and crashed.period_error is not None  # its model was inspected, but it did not run
    assert report.counts.with_period == 3
    assert report.mean_period_error == pytest.approx((2 * good.period_error + far.period_error) / 3, rel=1e-5)
    assert far.period_error > 100 and report.median_period_error == pytest.approx(good.period_error, abs=1e-6)
    assert report.model_dump(by_alias=True)["median_period_error"] == report.median_period_error
    assert "median" in format_report(report)


def test_answers_without_code_and_scripts_past_the_time_limit_do_not_execute() -> None:
    endless = "import openseespy.opensees as ops\nwhile True:\n    pass\n"
    model = scripted("I cannot write OpenSeesPy code for this building.", answer(endless))
    report = evaluate(BENCH[:1], chat_model=model, k=1, n=2, concurrency=1, limits=eval_limits(1.0))
    no_code, timed_out = report.results
    assert no_code.status == "no_code" and not no_code.exec and no_code.error.startswith("NoCode")
    assert no_code.answer_format == "none"
    assert timed_out.status == "failed" and not timed_out.exec and timed_out.error.startswith("Timeout")
    assert report.pass_at_1 == 0.0 and report.counts.no_code == 1
    assert report.error_types == {"NoCode": 1, "Timeout": 1}
    assert report.mean_period_error is None


def test_failed_model_calls_are_counted_and_a_model_that_never_answers_is_a_config_error() -> None:
    with ScriptedOpenAIServer([answer(GOOD[0])]) as server:  # one reply, then 400s
        settings = ModelSettings(model=MODEL, base_url=server.url)
        report = evaluate(BENCH[:2], settings, k=1, concurrency=1)
    assert report.counts.model_errors == 1 and report.results[1].status == "model_error"
    assert report.results[1].error.startswith("ModelError: ") and "400" in report.results[1].error
    assert report.pass_at_1 == 0.5 and report.model == f"openai-compatible:{MODEL}@{server.url}"
    with ScriptedOpenAIServer([]) as server, pytest.raises(ConfigError, match="failed on all 2 calls"):
        evaluate(BENCH[:2], ModelSettings(model=MODEL, base_url=server.url), k=1)


class BatchingModel(TransformersChatModel):
    """A local model in name: answers each building's prompt with that building's answer, in the
    batches ``evaluate`` asks for (recorded), without loading anything."""

    answers: dict[str, str]
    batches: list[int] = Field(default_factory=list)
    fail_batch: int | None = None

    def generate_batch(self, conversations: Any, *, batch_size: int = 8, stop: Any = None) -> list[AIMessage]:
        self.batches.append(len(conversations))
        if len(self.batches) - 1 == self.fail_batch:
            raise RuntimeError("CUDA out of memory")
        return [AIMessage(self.answers[c[0].content]) for c in conversations]


def test_a_local_model_drafts_in_batches_and_each_answer_reaches_its_own_building() -> None:
    answers = {draft_prompt(spec): answer(code) for spec, code in zip(SPECS, GOOD)}
    model = BatchingModel(path=".", answers=answers)
    report = evaluate(BENCH, chat_model=model, k=2, draft_batch=4)
    assert model.batches == [4, 2]  # 3 buildings x 2 samples, 4 to a call, in bench order
    assert report.pass_at_k_strict == 1.0 and report.counts.strict == 6  # right answer, right building
    assert [r.building_id for r in report.results] == ["rc-3", "rc-3", "shear-3", "shear-3", "7", "7"]
    assert all(r.draft_s > 0 for r in report.results)

    failing = BatchingModel(path=".", answers=answers, fail_batch=1)  # the second call fails: its samples only
    report = evaluate(BENCH, chat_model=failing, k=1, draft_batch=2)
    assert [r.status for r in report.results] == ["verified", "verified", "model_error"]
    assert report.results[2].error == "ModelError: RuntimeError: CUDA out of memory"
    with pytest.raises(SpecError, match="draft_batch = 0: allowed 1 or more"):
        evaluate(BENCH, chat_model=model, k=1, draft_batch=0)


# --- the command line ----------------------------------------------------------------------


def autobm(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "autobm.agent.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


METRIC_KEYS = {"pass@1", "pass@k", "pass@k_period", "pass@k_compliance", "pass@k_strict", "mean_period_error",
               "k", "n", "buildings", "model"}


def test_cli_json_with_the_reference_drafter_and_per_sample_results(tmp_path: Path) -> None:
    bench = write_bench(tmp_path / "bench.jsonl")
    done = autobm("eval", "--bench", str(bench), "-k", "2", "--json", "--out", str(tmp_path / "samples.jsonl"),
                  "--workers", "2")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert METRIC_KEYS <= set(report)
    assert all(report[key] == 1.0 for key in METRIC_KEYS if key.startswith("pass@"))
    assert (report["k"], report["n"], report["buildings"], report["model"]) == (2, 2, 3, "reference")
    assert "results" not in report and "3/3 buildings" in done.stderr
    samples = [json.loads(line) for line in (tmp_path / "samples.jsonl").read_text().splitlines()]
    assert [(s["building_id"], s["sample"]) for s in samples] == [(b, i) for b in ("rc-3", "shear-3", "7") for i in (0, 1)]
    assert all(s["exec"] and s["period"] and s["compliance"] and s["t1_s"] > 0 for s in samples)

    refused = autobm("eval", "--bench", str(bench), "-k", "3", "--n", "2")
    assert refused.returncode == 2 and "n >= k" in refused.stderr and "Traceback" not in refused.stderr
    missing = autobm("eval", "--bench", str(tmp_path / "nowhere.jsonl"))
    assert missing.returncode == 2 and "cannot read it" in missing.stderr


def test_cli_against_an_openai_compatible_server(tmp_path: Path) -> None:
    bench = write_bench(tmp_path / "bench.jsonl")
    good = {draft_prompt(spec): code for spec, code in zip(SPECS, GOOD)}
    asked: dict[str, int] = {}

    def reply(request: dict[str, Any]) -> str:
        """Per building, whatever order the calls come in: the first answer right, the second broken."""
        prompt = request["messages"][-1]["content"]
        asked[prompt] = asked.get(prompt, 0) + 1
        return answer(good[prompt] if asked[prompt] == 1 else syntax_error(good[prompt]))

    with ScriptedOpenAIServer(reply) as server:
        done = autobm("eval", "--bench", str(bench), "-k", "2", "--json", "--model", MODEL, "--base-url", server.url,
                      "--temperature", "0.8", "--out", str(tmp_path / "samples.jsonl"))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["pass@1"] == pytest.approx(0.5) and report["pass@k"] == 1.0 and report["pass@k_strict"] == 1.0
    assert MODEL in report["model"] and report["counts"]["exec"] == 3
    # first drafts only: one user turn, the agent's draft prompt, at the model's temperature
    assert len(server.requests) == 6 and sorted(asked.values()) == [2, 2, 2]
    assert all([m["role"] for m in r["messages"]] == ["user"] and r["temperature"] == 0.8 for r in server.requests)
    lines = (tmp_path / "samples.jsonl").read_text().splitlines()
    assert sum(json.loads(line)["exec"] for line in lines) == 3


@pytest.mark.slow
def test_the_reference_drafter_on_the_shipped_bench_reproduces_its_ground_truth() -> None:
    """The bench's spec is the reference model's: its T1 comes back, and the buildings whose
    reference run failed (given sections too soft for the drift limit) are the ones not compliant."""
    path = default_bench_path()
    if not path.exists():
        pytest.skip(f"{path} is not there")
    rows = load_bench(path)
    report = evaluate(rows, k=1)
    assert report.pass_at_1 == report.pass_at_k_period == 1.0 and report.mean_period_error < 1e-4
    failed = {r.id for r in rows if r.ground_truth.reference_status not in (None, "verified")}
    assert {b.id for b in report.per_building if not b.compliance} == failed


def test_a_bench_row_in_words_is_drafted_for_the_sections_the_agent_sizes_before_its_first_draft() -> None:
    """A text (or partial spec) row: the eval's building is the one `autobm run` drafts, sections sized before
    the first draft, so the reference drafter verifies it and its T1 is the bench's (the row's unsized sections
    failed drift.limit, and the eval's own reference period was the unsized model's)."""
    from autobm.agent.pipeline import run_spec

    text = "9层钢筋混凝土框架，层高3.6m，5跨，跨度5.4m，酒店，抗震设防烈度8度，II类场地"
    built = run_spec(parse_text(text))
    assert built.sizing_rounds == 1 and built.status == "verified"
    row = evaluation.BenchRow(id="sized-in-words", text=text, ground_truth={})
    assert row.building_spec().sections == built.spec.sections
    report = evaluation.evaluate([row], None, k=1, n=1)
    assert report.pass_at_k_strict == 1.0 and report.mean_period_error == 0.0
