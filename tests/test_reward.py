"""The MGHR reward (training/rewards): each component on hand-made completions, then the batch
through the real sandbox, the trl signature and ``autobm reward``.

Ordered by cost: pure scoring first (no process), then real runs of reference scripts of
"3-story RC frame, 3.3 m floors, 3 bays of 6 m, intensity 7" (T1 = 0.566 s), hostile ones
among them, then the command line in a subprocess.
"""

from __future__ import annotations

import doctest
import importlib
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from autobm.agent.checks import CheckResult
from autobm.agent.drafting import draft_reference
from autobm.agent.errors import SpecError
from autobm.agent.facts import ModalFacts, ModelFacts
from autobm.agent.parsing import parse_text
from autobm.agent.prompts import draft_prompt
from autobm.agent.sandbox import ExecutionResult
from autobm.training.rewards import (
    RewardConfig,
    RewardInput,
    api_coverage,
    autobm_reward,
    execution_score,
    format_score,
    reward_input,
    score_completions,
)
from autobm.training.rewards.coverage import ALL_APIS

TEXT = "3-story RC frame, 3.3 m floors, 3 bays of 6 m, intensity 7"
SPEC = parse_text(TEXT)
REFERENCE = draft_reference(SPEC).code
PRINT_T1 = '    print(f"T1 = {periods[0]:.6f} s")\n'

def eigen_only(code: str) -> str:
    """A reference script cut back to its model and eigen analysis: 8 of the 24 calls of r_ast."""
    start = code.index("\n\ndef static_analysis():")
    main = code.index('\n\nif __name__ == "__main__":')
    kept = code[:start] + code[main:]
    return kept[: kept.index(PRINT_T1) + len(PRINT_T1)]


# The reference script calls all 24 APIs: it builds the model, runs the eigen analysis, a gravity
# analysis and the code's lateral forces, and reports drifts, base shear and the mode shape.
FULL = REFERENCE
EIGEN_ONLY = eigen_only(REFERENCE)
FAST = RewardConfig(timeout_s=3)


def answer(code: str, think: str = "Frame on a grid, fixed base, lumped masses, eigen, then T1.") -> str:
    """The strict answer format."""
    return f"<think>\n{think}\n</think>\n<answer>\n```python\n{code.rstrip()}\n```\n</answer>"


def test_the_fixtures_are_what_they_claim() -> None:
    assert FULL != EIGEN_ONLY and api_coverage(FULL).all_apis_used
    assert not api_coverage(EIGEN_ONLY).all_apis_used


@pytest.mark.parametrize("module", ["", ".coverage", ".execution", ".fmt", ".inputs", ".mghr", ".verl_score"])
def test_module_doctests_pass(module: str) -> None:
    result = doctest.testmod(importlib.import_module("autobm.training.rewards" + module))
    assert result.attempted > 0 and result.failed == 0


# --------------------------------------------------------------------------- r_fmt

CODE = "import openseespy.opensees as ops\nops.wipe()\n"


@pytest.mark.parametrize(("completion", "fmt", "r_fmt"), [
    (answer(CODE), "strict", 1.0),
    (f"<think>plan</think>\nHere it is:\n<answer>\n```python\n{CODE}```\n</answer>\nDone.", "loose", 0.7),
    (f"```python\n{CODE}```", "code_block", 0.4),
    (CODE, "other", 0.05),
    ("I cannot write this model.", "other", 0.05),
    (f"<think>\n```python\n{CODE}```\n</think>\n<answer>see above</answer>", "strict", 0.0),  # code in think: 0
    # the paper's tiers are about the markup only, first that applies: what the answer holds does not matter
    ("<think>plan</think>\n<answer>I cannot write this model.</answer>", "strict", 1.0),
    (f"<think>plan</think>\n<answer>\n{CODE}</answer>", "strict", 1.0),  # bare code in a strict layout
    (f"<answer>\n```python\n{CODE}```\n</answer>", "code_block", 0.4),  # the code block comes before the answer tier
    ("<answer>I cannot write this model.</answer>", "answer_only", 0.2),
    (f"<think>plan</think>\n```python\n{CODE}```", "code_block", 0.4),  # think without an answer block
])
def test_format_tiers(completion: str, fmt: str, r_fmt: float) -> None:
    score = format_score(completion)
    assert (score.format, score.r_fmt) == (fmt, r_fmt)


def test_code_inside_think_gives_r_fmt_zero_even_beside_an_answer() -> None:
    score = format_score(f"<think>\n```python\n{CODE}```\n</think>\n<answer>\n```python\n{CODE}```\n</answer>")
    assert score.code_in_think and score.r_fmt == 0.0
    assert not score.code_only_in_think and score.code == CODE  # the answer's code is still graded


def test_code_only_inside_think_is_not_run_and_scores_zero() -> None:
    """The paper: code inside <think> is a format failure; with no code in the answer there is nothing to run."""
    completion = f"<think>\n```python\n{FULL}```\n</think>\n<answer>see above</answer>"
    assert format_score(completion).code_only_in_think and format_score(completion).code is None
    [score] = score_completions([RewardInput(completion=completion, spec=SPEC)], FAST)
    assert score.execution.tier == "no_code" and score.r_exec == 0.0 and score.r_ast == 0.0
    assert score.total == 0.0 and "inside <think>" in " ".join(score.reasons)  # it scored 0.95


# --------------------------------------------------------------------------- r_ast

def test_all_24_apis_score_one_and_few_score_their_tier_shares() -> None:
    calls = "\n".join(f"ops.{name}()" for name in sorted(ALL_APIS))
    assert api_coverage(f"import openseespy.opensees as ops\n{calls}\n").r_ast == 1.0
    few = api_coverage("import openseespy.opensees as ops\nops.wipe()\nops.node(1, 0, 0)\nops.analyze(1)\n"
                       "ops.eigen(1)\n")
    assert few.r_ast == pytest.approx(0.4 * 2 / 8 + 0.4 * 1 / 11 + 0.2 * 1 / 5, abs=1e-6)
    assert (few.used_t1, few.used_t2, few.used_t3) == (["node", "wipe"], ["analyze"], ["eigen"])
    assert api_coverage(FULL).r_ast == 1.0
    # no timeSeries; numberer and system (tier 2) set for the eigen solver, eigen the only tier-3 call
    assert api_coverage(EIGEN_ONLY).r_ast == pytest.approx(0.4 * 7 / 8 + 0.4 * 2 / 11 + 0.2 * 1 / 5)


def test_calls_count_through_any_alias_but_not_on_other_objects() -> None:
    code = ("from openseespy import opensees as o\nfrom openseespy.opensees import node as add_node\n"
            "import numpy as np\no.wipe()\nadd_node(1, 0.0, 0.0)\nnp.load('x')\nops.model('basic')\n")
    score = api_coverage(code)
    assert score.used_t1 == ["node", "wipe"] and score.used_t2 == []  # np.load is no OpenSees load
    assert score.undefined_names == ["ops"]


def test_undefined_names_cost_five_hundredths_each_up_to_a_half() -> None:
    base = "import openseespy.opensees as ops\n" + "\n".join(f"ops.{n}()" for n in sorted(ALL_APIS)) + "\n"
    two = api_coverage(base + "print(T1, omega)\n")
    assert two.undefined_names == ["T1", "omega"] and two.r_ast == pytest.approx(0.90)
    many = api_coverage(base + "print(" + ", ".join(f"x{i}" for i in range(15)) + ")\n")
    assert len(many.undefined_names) == 15 and many.penalty == 0.5 and many.r_ast == pytest.approx(0.5)


def test_names_bound_anywhere_are_defined() -> None:
    code = ("import math\n\ndef f(a, *rest, k=1):\n    global G\n    G = a\n    return [x * k for x in rest] + [G]\n\n"
            "class C:\n    y = 2\n    z = y + len(f(1))\n\ntry:\n    pass\nexcept Exception as e:\n    print(e)\n"
            "for i, j in enumerate([1]):\n    print(i + j, math.pi, __name__, C, G)\nwith open('a') as h:\n"
            "    print(h, (w := 3), w)\n")
    assert api_coverage(code).undefined_names == []


def test_a_script_that_does_not_parse_has_its_calls_counted_by_pattern() -> None:
    score = api_coverage('import openseespy.opensees as ops\nops.wipe()\nops.node(1, 0, 0)\nprint("T1 = \n')
    assert not score.parsed and score.used_t1 == ["node", "wipe"] and score.undefined_names == []
    assert score.counted == "static"
    ran = api_coverage('import openseespy.opensees as ops\nops.wipe()\nops.node(1, 0, 0)\nprint("T1 = \n', {})
    assert ran.counted == "executed" and ran.r_ast == 0.0  # a script that does not parse runs no call


def test_with_the_calls_made_only_those_count_and_names_still_come_from_the_text() -> None:
    code = "import openseespy.opensees as ops\n" + "\n".join(f"ops.{n}()" for n in sorted(ALL_APIS)) + "\nprint(T1)\n"
    made = {"wipe": 1, "model": 1, "node": 12, "eigen": 0, "analyze": 3, "noSuchCall": 5}
    score = api_coverage(code, made)
    assert (score.used_t1, score.used_t2, score.used_t3) == (["model", "node", "wipe"], ["analyze"], [])
    assert score.undefined_names == ["T1"] and not score.all_apis_used
    assert score.r_ast == pytest.approx(0.4 * 3 / 8 + 0.4 * 1 / 11 - 0.05, abs=1e-6)


def test_a_star_import_counts_bare_calls_and_no_undefined_names() -> None:
    score = api_coverage("from openseespy.opensees import *\nwipe()\nmodel('basic')\nprint(whatever)\n")
    assert score.used_t1 == ["model", "wipe"] and score.undefined_names == [] and score.note


# --------------------------------------------------------------------------- r_exec, pure

def facts(t1_s: float) -> ModelFacts:
    lam = (2 * math.pi / t1_s) ** 2
    return ModelFacts(ndm=2, ndf=3, vertical_axis=1, nodes=[], elements=[],
                      modal=ModalFacts(eigenvalues=[lam], periods_s=[t1_s]))


def ran(t1_s: float | None, printed: str = "T1 = {t:.4f} s") -> ExecutionResult:
    stdout = printed.format(t=t1_s) if t1_s is not None else ""
    return ExecutionResult(ok=True, stdout=stdout, facts=facts(t1_s) if t1_s is not None else None)


PASSING = [CheckResult(id="mass.positive", status="passed"), CheckResult(id="drift.limit", status="passed")]


def test_failures_take_the_papers_tiers() -> None:
    assert execution_score(None).r_exec == 0.0
    assert execution_score(ExecutionResult(ok=False, error_type="Timeout", timed_out=True)).tier == "timeout"
    cpu = ExecutionResult(ok=False, error_type="CPUTimeExceeded", cpu_time_exceeded=True)
    assert execution_score(cpu).r_exec == 0.20
    assert execution_score(ExecutionResult(ok=False, error_type="ModuleNotFoundError", error_line=1),
                           code_lines=10).r_exec == 0.25
    for k, n in ((1, 40), (20, 40), (40, 40)):
        score = execution_score(ExecutionResult(ok=False, error_type="OpenSeesError", error_line=k), code_lines=n)
        assert score.tier == "runtime_error" and score.r_exec == pytest.approx(0.30 + 0.25 * k / n)
    assert execution_score(ExecutionResult(ok=False, error_type="Crash"), code_lines=40).r_exec == 0.30


@pytest.mark.parametrize(("t1_s", "value"), [(0.50, 1.0), (0.545, 1.0), (0.59, 0.9), (0.69, 0.8), (0.71, 0.7),
                                             (0.29, 0.7)])
def test_the_computed_period_takes_the_papers_tiers(t1_s: float, value: float) -> None:
    score = execution_score(ran(t1_s), checks=PASSING, all_apis_used=True, ground_truth_t1_s=0.5,
                            ground_truth_source="given")
    assert score.r_exec == pytest.approx(value) and score.relative_error == pytest.approx(abs(t1_s - 0.5) / 0.5)


def test_cap_checks_and_print_in_that_order() -> None:
    def r(result: ExecutionResult, checks: list[CheckResult] = PASSING, all_apis: bool = True) -> float:
        return execution_score(result, checks=checks, all_apis_used=all_apis, ground_truth_t1_s=0.5,
                               ground_truth_source="given").r_exec

    assert r(ran(0.5), all_apis=False) == 0.85  # the paper's cap
    assert r(ran(0.6), all_apis=False) == 0.85  # 0.9, capped
    assert r(ran(0.69), all_apis=False) == 0.8  # under the cap
    failed = [*PASSING, CheckResult(id="drift.limit", status="failed")]
    assert r(ran(0.5), failed) == 0.95 and r(ran(0.5), failed, all_apis=False) == 0.80
    assert r(ran(0.5, printed="")) == 0.95  # no period printed
    wrong_print = [*PASSING, CheckResult(id="period.printed_vs_computed", status="failed", message="2π/λ")]
    assert r(ran(0.5, printed="T1 = 0.0199 s"), wrong_print) == 0.85
    assert r(ran(0.5, printed="T1 = 0.0199 s"), wrong_print, all_apis=False) == pytest.approx(0.70)


def test_checks_that_the_tiers_already_price_do_not_cost_twice() -> None:
    checks = [*PASSING, CheckResult(id="period.reference_model", status="failed")]
    score = execution_score(ran(0.8), checks=checks, all_apis_used=True, ground_truth_t1_s=0.5,
                            ground_truth_source="reference_model")
    assert score.r_exec == 0.7 and score.checks_passed and score.failed_checks == ["period.reference_model"]


def test_a_run_without_period_or_without_ground_truth() -> None:
    assert execution_score(ran(None), checks=PASSING).r_exec == 0.50
    assert execution_score(ran(0.5), checks=PASSING).r_exec == 0.60
    assert execution_score(ExecutionResult(ok=True), checks=[]).r_exec == 0.45  # nothing to check: no share


# --------------------------------------------------------------------------- inputs

def test_inputs_from_trl_and_verl_columns() -> None:
    messages = [{"role": "assistant", "content": [{"type": "text", "text": "<answer>"}, {"type": "text", "text": "x"}]}]
    item = reward_input(messages, spec=SPEC.model_dump_json(), ground_truth='{"t1_s": 0.57, "drift": 0.001}')
    assert item.completion == "<answer>x" and item.spec == SPEC and item.t1_s == 0.57
    assert reward_input("c", spec=SPEC.model_dump(mode="json"), ground_truth="0.57").t1_s == 0.57
    from_prompt = reward_input("c", prompt=[{"role": "user", "content": draft_prompt(SPEC)}])
    assert from_prompt.spec.model_dump(exclude={"source_text"}) == SPEC.model_dump(exclude={"source_text"})
    assert reward_input("c", text=TEXT).spec == SPEC and reward_input("c").spec is None


@pytest.mark.parametrize(("kwargs", "names"), [
    ({"ground_truth": "fast"}, "ground_truth"), ({"ground_truth": -1.0}, "positive"),
    ({"ground_truth": {"drift": 0.1}}, "t1_s"), ({"spec": "{not json"}, "spec"),
    ({"spec": {"stories": 0}}, "stories"), ({"text": "a nice afternoon"}, "building"),
])
def test_bad_columns_raise_spec_errors_naming_them(kwargs: dict, names: str) -> None:
    with pytest.raises(SpecError, match=names):
        reward_input("completion", **kwargs)


# --------------------------------------------------------------------------- the sandbox

def test_a_correct_complete_script_scores_at_least_095_against_its_own_spec() -> None:
    [score] = score_completions([RewardInput(completion=answer(FULL), spec=SPEC)], FAST)
    assert score.total >= 0.95, score.reasons
    ex = score.execution
    assert ex.ground_truth_source == "reference_model" and ex.relative_error == pytest.approx(0.0, abs=1e-6)
    assert ex.checks_passed and ex.failed_checks == [] and ex.penalties == {}
    assert ex.computed_t1_s == pytest.approx(ex.printed_t1_s, rel=1e-5)


def test_outcomes_in_the_sandbox() -> None:
    """One batch: the reference script, cut back to eigen only (capped), a wrong print, E in MPa, syntax and import errors, an endless loop."""
    lines = FULL.splitlines()
    k = next(i for i, line in enumerate(lines, 1) if line.startswith("def build_model"))
    syntax = "\n".join(lines[:k - 1] + ['print("unterminated'] + lines[k:]) + "\n"
    cases = {
        "full": FULL, "eigen_only": EIGEN_ONLY,
        "two_pi_over_lambda": FULL.replace("2.0 * math.pi / math.sqrt(lam)", "2.0 * math.pi / lam"),
        "no_print": FULL.replace(PRINT_T1, "").replace('        print(f"Mode {mode}: T = {period:.6f} s")\n',
                                                        "        pass\n"),
        "e_in_mpa": FULL.replace("E_PA = 30000000000.0", "E_PA = 30000.0"),
        "syntax": syntax, "import": "import openseespy.opensee as ops\n" + FULL,
        "endless": FULL.replace("def build_model():\n", "def build_model():\n    while True:\n        pass\n"),
    }
    assert all(code != FULL for name, code in cases.items() if name != "full")
    scores = dict(zip(cases, score_completions([RewardInput(completion=answer(c), spec=SPEC) for c in cases.values()],
                                               FAST)))
    ex = {name: s.execution for name, s in scores.items()}
    assert ex["full"].r_exec == 1.0 and ex["eigen_only"].r_exec == 0.85 and ex["eigen_only"].capped
    assert ex["two_pi_over_lambda"].r_exec == pytest.approx(0.85)
    assert ex["two_pi_over_lambda"].penalties == {"wrong_printed_period": 0.15}
    assert "2π/λ" in " ".join(scores["two_pi_over_lambda"].reasons)
    assert ex["no_print"].r_exec == pytest.approx(0.95) and ex["no_print"].printed_t1_s is None
    assert ex["full"].r_exec > ex["no_print"].r_exec > ex["two_pi_over_lambda"].r_exec
    assert ex["e_in_mpa"].computed_t1_s > 100 * ex["full"].computed_t1_s  # E 10⁶ times too small
    assert ex["e_in_mpa"].r_exec == pytest.approx(0.65) and "period.code_formula" in ex["e_in_mpa"].failed_checks
    assert ex["e_in_mpa"].penalties == {"checks": 0.05}  # the script prints its own (wrong) period faithfully
    assert ex["syntax"].tier == "runtime_error" and ex["syntax"].error_type == "SyntaxError"
    assert ex["syntax"].error_line == k
    assert ex["syntax"].r_exec == pytest.approx(0.30 + 0.25 * k / len(syntax.splitlines()))
    assert ex["import"].tier == "environment" and ex["import"].r_exec == 0.25
    assert ex["endless"].tier == "timeout" and ex["endless"].r_exec == 0.20
    assert scores["endless"].r_ast == 0.0 and api_coverage(cases["endless"]).r_ast == 1.0  # it called none of the 24
    assert scores["syntax"].r_ast == 0.0  # it ran nothing
    assert scores["full"].total > max(scores["eigen_only"].total, scores["e_in_mpa"].total)
    # The paper's weights: a right model-only script calling 10 APIs (0.761) just outranks a wrong model calling all
    # 24 (0.755); with 8 calls it did not (0.7425).
    assert scores["eigen_only"].total == pytest.approx(0.05 + 0.25 * api_coverage(EIGEN_ONLY).r_ast + 0.70 * 0.85)
    assert scores["eigen_only"].total > scores["e_in_mpa"].total > scores["syntax"].total


def test_a_given_ground_truth_replaces_the_reference_model() -> None:
    t1 = score_completions([RewardInput(completion=answer(FULL), spec=SPEC)], FAST)[0].execution.computed_t1_s
    truths = [t1, t1 / 1.15, t1 / 1.3, t1 / 2]
    scores = score_completions([RewardInput(completion=answer(FULL), spec=SPEC, t1_s=t) for t in truths]
                               + [RewardInput(completion=answer(FULL), t1_s=t1)], FAST)
    assert [s.execution.r_exec for s in scores[:4]] == [1.0, 0.9, 0.8, 0.7]
    assert all(s.execution.ground_truth_source == "given" for s in scores)
    no_spec = scores[4].execution  # model-intrinsic checks only
    assert no_spec.r_exec == 1.0 and no_spec.checks_passed


def test_calls_that_did_not_run_do_not_count() -> None:
    """The paper counts calls in the text: a script that printed T1, exited, and listed the 24 calls in dead code
    scored 1.0. Only the calls made while the script ran count, so it scores as the model-only script it is."""
    exit_early = FULL.replace(PRINT_T1, PRINT_T1 + "    import sys\n    sys.exit(0)\n")
    dead = "\nif False:\n" + "".join(f"    ops.{name}()\n" for name in sorted(ALL_APIS))
    never_called = FULL + "\n\ndef unused():\n" + "".join(f"    ops.{name}()\n" for name in sorted(ALL_APIS))
    cases = {"exit_early": exit_early, "exit_and_dead_code": exit_early + dead,
             "never_called": EIGEN_ONLY + never_called[len(FULL):], "eigen_only": EIGEN_ONLY, "full": FULL}
    assert exit_early != FULL
    assert all(api_coverage(cases[name]).all_apis_used for name in ("exit_and_dead_code", "never_called"))
    scores = dict(zip(cases, score_completions([RewardInput(completion=answer(c), spec=SPEC) for c in cases.values()],
                                               FAST)))
    for name in ("exit_early", "exit_and_dead_code", "never_called"):
        s = scores[name]
        assert s.api.counted == "executed" and not s.api.all_apis_used, name
        assert s.r_ast == scores["eigen_only"].r_ast and s.execution.capped, (name, s.reasons)
        assert s.total == pytest.approx(scores["eigen_only"].total) and s.total < scores["full"].total - 0.2
    assert scores["full"].total == 1.0 and scores["full"].api.all_apis_used


def test_a_script_that_fails_early_gets_coverage_for_what_ran() -> None:
    start = "import openseespy.opensees as ops\nops.wipe()\nops.model('basic', '-ndm', 2, '-ndf', 3)\n"
    tail = "ops.node(1, 0.0, 0.0)\nops.eigen(1)\nops.analyze(1)\n"
    cases = [start + "raise RuntimeError('stop')\n" + tail,  # a runtime error after two calls
             start + "while True:\n    pass\n" + tail,  # a timeout after two calls: the counts outlive the job
             start + "ops.node(1)\n" + tail]  # a call that raised is not counted
    scores = score_completions([RewardInput(completion=answer(c), spec=SPEC) for c in cases], FAST)
    assert [s.execution.tier for s in scores] == ["runtime_error", "timeout", "runtime_error"]
    for s in scores:
        assert s.api.used_t1 == ["model", "wipe"] and s.api.used_t2 == s.api.used_t3 == []
        assert s.r_ast == pytest.approx(0.4 * 2 / 8)


HOSTILE = {
    "endless": "while True:\n    pass\n",
    "fork_bomb": "import os\nwhile True:\n    os.fork()\n",
    "kill_parents": "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n"
                    f"os.kill({os.getpid()}, signal.SIGKILL)\n",
    "huge_output": "line = 'x' * 10_000\nwhile True:\n    print(line)\n",
    "memory_bomb": "blocks = []\nwhile True:\n    blocks.append(bytearray(2**26))\n",
    "exit": "import os\nos._exit(0)\n",
}


def test_hostile_completions_in_a_batch_cost_only_their_own_score() -> None:
    # 512 MiB of address space: the memory bomb fills about 250 MiB before its MemoryError (with 1 GiB,
    # 750 MiB of page faults took up to 2.2 s on a loaded 2-core machine, near the 3 s limit)
    config = FAST.model_copy(update={"memory_mb": 512})
    good = [RewardInput(completion=answer(FULL), spec=SPEC), RewardInput(completion=answer(EIGEN_ONLY), spec=SPEC)]
    alone = [s.total for s in score_completions(good, config)]
    hostile = [RewardInput(completion=answer(code), spec=SPEC) for code in HOSTILE.values()]
    batch = score_completions([hostile[0], good[0], *hostile[1:], good[1]], config)
    assert [batch[1].total, batch[-1].total] == alone
    by_name = dict(zip(HOSTILE, [batch[0], *batch[2:-1]]))
    assert by_name["endless"].execution.tier == "timeout"
    assert by_name["fork_bomb"].execution.error_type == "PermissionError"
    assert by_name["kill_parents"].execution.error_type == "PermissionError"  # the caller is still here
    assert by_name["huge_output"].execution.error_type == "FileSizeExceeded"
    assert by_name["memory_bomb"].execution.error_type == "MemoryError"
    assert by_name["exit"].execution.tier == "runtime_error"  # ended without reporting
    assert all(s.r_exec <= 0.55 and s.total < 0.45 for s in by_name.values())
    # what the sandbox refused earns nothing for running: it scored as a runtime error at its line, above a timeout
    for name in ("fork_bomb", "kill_parents", "memory_bomb"):
        assert by_name[name].execution.tier == "blocked" and by_name[name].r_exec == 0.0, name
    crash = score_completions([RewardInput(completion=answer("1/0\n"), spec=SPEC)], FAST)[0]
    assert crash.execution.tier == "runtime_error" and by_name["fork_bomb"].total < crash.total


def test_identical_completions_score_identically() -> None:
    scores = score_completions([RewardInput(completion=answer(EIGEN_ONLY), spec=SPEC)] * 3, FAST)
    assert len({s.model_dump_json() for s in scores}) == 1


# --------------------------------------------------------------------------- trl

def test_trl_signature_with_conversational_completions_and_json_columns() -> None:
    assert autobm_reward.__name__ == "autobm_mghr"
    completions = [[{"role": "assistant", "content": answer(FULL)}], [{"role": "assistant", "content": "No."}]]
    prompts = [[{"role": "user", "content": draft_prompt(SPEC)}]] * 2
    logged: dict[str, float] = {}
    rewards = autobm_reward(completions, prompts=prompts, spec=[SPEC.model_dump_json()] * 2,
                            ground_truth=[None, None], completion_ids=[[1], [2]], trainer_state=None,
                            log_metric=logged.__setitem__)
    assert rewards[0] >= 0.95 and rewards[1] == pytest.approx(0.0025)
    assert logged["autobm_mghr/r_exec"] == pytest.approx(0.5) and logged["autobm_mghr/tier_no_code"] == 0.5
    from_prompt = autobm_reward([answer(FULL)], prompts=[draft_prompt(SPEC)], ground_truth=["0.5664"])
    assert from_prompt[0] >= 0.95


# --------------------------------------------------------------------------- verl

def test_verl_custom_reward_function_scores_the_rows_of_the_verl_export() -> None:
    """verl's default scorer does not know data_source "autobm": compute_score is what its config points at."""
    import inspect

    from autobm.training.datasets import Example, _verl_row
    from autobm.training.rewards.verl_score import compute_score, compute_score_batch

    assert list(inspect.signature(compute_score).parameters)[:4] == ["data_source", "solution_str", "ground_truth",
                                                                      "extra_info"]
    t1 = score_completions([RewardInput(completion=answer(FULL), spec=SPEC)], FAST)[0].execution.computed_t1_s
    row = _verl_row(Example("grpo", "key", "run", {"prompt": [{"role": "user", "content": draft_prompt(SPEC)}],
                                                   "spec": SPEC.model_dump_json(),
                                                   "ground_truth": json.dumps({"t1_s": t1 * 1.15})}),
                    "grpo", "train", 0)  # the period 15 % off: the tier says the ground truth was read
    args = (row["data_source"], answer(FULL), row["reward_model"]["ground_truth"], row["extra_info"])
    total = compute_score(*args, timeout_s=3)
    assert total == score_completions([RewardInput(completion=answer(FULL), spec=SPEC, t1_s=t1 * 1.15)], FAST)[0].total
    assert 0.9 < total < 1.0
    truth_in_extra = {**row["extra_info"], "ground_truth": json.dumps({"t1_s": t1})}  # read there when none is given
    assert compute_score(row["data_source"], answer(FULL), None, truth_in_extra, timeout_s=3) == 1.0
    batch = compute_score_batch([row["data_source"]] * 2, [answer(FULL), "No."],
                                [row["reward_model"]["ground_truth"]] * 2, [row["extra_info"]] * 2, timeout_s=3)
    assert batch == [total, 0.0025]
    with pytest.raises(ValueError, match="extra_info has no 'spec'"):
        compute_score("other", answer(FULL), "0.5", {"index": 3})


# --------------------------------------------------------------------------- autobm reward

def autobm(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "autobm.agent.cli", *args], capture_output=True, text=True,
                          timeout=120)


def test_cli_prints_a_json_line_per_row_and_an_error_line_for_a_bad_row(tmp_path: Path) -> None:
    rows = [
        json.dumps({"id": "a", "completion": answer(FULL), "spec": SPEC.model_dump(mode="json")}),
        json.dumps({"id": "b", "completion": [{"role": "assistant", "content": answer(EIGEN_ONLY)}], "text": TEXT,
                    "ground_truth": {"t1_s": 0.5664}}),
        "{this is not json",
        "",
        json.dumps({"id": "d", "completion": "no code", "prompt": draft_prompt(SPEC), "ground_truth": "0.5"}),
        json.dumps({"id": "e", "text": TEXT}),
        json.dumps({"id": "f", "completion": answer(FULL), "description": TEXT}),  # a column named wrong
        json.dumps({"id": "g", "completion": answer(FULL)}),  # no building: it was scored 0.72 without a word
    ]
    path = tmp_path / "completions.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = autobm("reward", str(path), "--workers", "2", "--timeout", "5")
    assert done.returncode == 1, done.stderr  # one row could not be scored
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["line"] for o in out] == [1, 2, 3, 5, 6, 7, 8]
    a, b, bad, d, e, f, g = out
    assert "unknown key(s) description: allowed" in f["error"] and "no building" in g["error"]
    assert a["id"] == "a" and a["total"] >= 0.95 and {"r_fmt", "r_ast", "r_exec", "reasons", "execution"} <= set(a)
    assert b["execution"]["ground_truth_source"] == "given" and b["r_exec"] == 0.85
    assert "error" in bad and "total" not in bad
    assert d["total"] == pytest.approx(0.0025)
    assert "completion" in e["error"]


def test_cli_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"completion": "nothing", "text": TEXT}) + "\n", encoding="utf-8")
    assert autobm("reward", str(good)).returncode == 0
    missing = autobm("reward", str(tmp_path / "missing.jsonl"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr and not missing.stdout
    assert autobm("reward", str(good), "--workers", "0").returncode == 2
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    nothing = autobm("reward", str(empty))  # it printed nothing and exited 0
    assert nothing.returncode == 2 and "no rows to score" in nothing.stderr


def test_a_text_or_partial_row_is_scored_against_the_sections_sized_before_the_first_draft() -> None:
    """A building whose preliminary sections the agent enlarges before drafting: its verified script scores the
    same whether the row gives the sized spec, the text, a partial spec or the prompt (the text and the partial
    spec scored it against the unsized sections: 11 % off the period, 0.93)."""
    from autobm.agent.pipeline import run_spec
    from autobm.agent.prompts import draft_prompt

    text = "9层钢筋混凝土框架，层高3.6m，5跨，跨度5.4m，酒店，抗震设防烈度8度，II类场地"
    built = run_spec(parse_text(text))
    assert built.status == "verified" and built.sizing_rounds == 1 and built.runs == 1
    partial = {"system": "rc_frame", "stories": 9, "story_height_m": 3.6, "bays_x": 5, "bay_width_m": 5.4,
               "occupancy": "hotel", "seismic": {"intensity": 8, "site_class": "II"}}
    rows = [reward_input(answer(built.code), spec=built.spec.model_dump_json()), reward_input(answer(built.code), text=text),
            reward_input(answer(built.code), spec=partial),
            reward_input(answer(built.code), prompt=[{"role": "user", "content": draft_prompt(parse_text(text))}])]
    assert all(r.spec.sections == built.spec.sections for r in rows)
    totals = [s.total for s in score_completions(rows, FAST)]
    assert totals == [1.0] * 4, totals
