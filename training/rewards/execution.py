"""r_exec: what running the script in the sandbox gave, judged on the model it built.

The AutoBM paper's r_exec reads the period the script prints and trusts it. Here the
period is the one autobm computes from the model OpenSees holds after the script ran
(``ModelFacts.modal.periods_s[0]``, by ``autobm.agent.inspection``), and the compliance
bonus comes from autobm's physics and code checks (``autobm.agent.checks``), not from a
word in the output. Tiers, first that applies:

====================================  ==========================================================
no code in the completion             0 (code only inside ``<think>`` is not run: a format failure)
refused by the sandbox                0 (PermissionError: a fork, exec, socket or write outside its
                                      folder; or its memory limit: no model script does these, so a
                                      hostile completion earns nothing for running, not a runtime
                                      error's 0.30-0.55)
timeout (wall clock or CPU limit)     0.20
import or environment error           0.25 (ImportError, ModuleNotFoundError; SandboxError, a
                                      fault of the sandbox itself, is scored here too and says so)
runtime error (syntax errors too)     0.30 + 0.25 × error line / lines of the script
                                      (0.30 when the line is unknown, e.g. a crash)
ran to its end                        a base value, then the cap, the checks and the print:
====================================  ==========================================================

Base value of a script that ran: with a computed T1 and a ground truth, by the relative
error |T1 − T_gt| / T_gt: ≤ 10 % → 1.0, ≤ 20 % → 0.9, ≤ 40 % → 0.8, else 0.7 (the paper's
tiers); a computed T1 but no ground truth → 0.60; no computed T1 (no model, no mass, eigen
failed) → 0.50. Then, in this order:

1. cap: at most 0.85 unless the script called all 24 OpenSeesPy APIs of r_ast (the paper;
   the calls it made while it ran, as r_ast counts them, not the calls written in it);
2. checks: −0.05 unless every physics and compliance check passed (the paper's +0.05
   for compliance, already inside the values above; the checks judged are all of
   ``run_checks`` except ``period.printed_vs_computed``, priced in 3, and
   ``period.reference_model``, which the base value already measures);
3. print: −0.15 when the script printed a T1 more than 2 % away from the model's
   (``period.printed_vs_computed`` failed: e.g. 2π/λ for 2π/√λ, ω or f printed as T);
   −0.05 when it printed none although it built a model with a period (the answer
   format asks for ``T1 = <seconds> s``). A right model misreported (0.85 − 0.15 = 0.70
   under the cap) so scores below the same model reported right (0.85), and below the
   same model reported not at all (0.80): a wrong number is worse than none.

A script that ran scores 0.45 to 1.0; a runtime error 0.30 to 0.55 (as in the paper, a
crash on the last line can outscore a wrong model that ran).

>>> from autobm.agent.sandbox import ExecutionResult
>>> execution_score(ExecutionResult(ok=False, error_type="Timeout", timed_out=True), code_lines=40).r_exec
0.2
>>> execution_score(ExecutionResult(ok=False, error_type="SyntaxError", error_line=30), code_lines=40).r_exec
0.4875
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field

from autobm.agent.checks import PERIOD_PRINT_TOL, CheckResult, printed_fundamental_period_s
from autobm.agent.facts import ModelFacts
from autobm.agent.sandbox import ExecutionResult

__all__ = ["ExecutionScore", "execution_score", "period_tier", "PERIOD_TIERS"]

NO_CODE = 0.0
TIMEOUT = 0.20
ENVIRONMENT_ERROR = 0.25
RUNTIME_ERROR = 0.30
RUNTIME_ERROR_SPAN = 0.25
"""Runtime error: RUNTIME_ERROR + RUNTIME_ERROR_SPAN × error line / lines."""
NO_PERIOD = 0.50
NO_GROUND_TRUTH = 0.60
PERIOD_TIERS: tuple[tuple[float, float], ...] = ((0.10, 1.0), (0.20, 0.9), (0.40, 0.8))
"""(largest relative period error, value) in turn; beyond the last: PERIOD_BEYOND."""
PERIOD_BEYOND = 0.7
CAP_WITHOUT_ALL_APIS = 0.85
CHECKS_SHARE = 0.05
"""Withheld unless every judged check passed."""
WRONG_PRINT_PENALTY = 0.15
NO_PRINT_PENALTY = 0.05

BLOCKED = 0.0
BLOCKED_ERRORS = frozenset({"PermissionError"})
"""What the sandbox's confinement raises in the script (seccomp, Landlock: EPERM, EACCES); with the memory limit,
the tier ``blocked``."""
TIMEOUT_ERRORS = frozenset({"Timeout", "CPUTimeExceeded"})
ENVIRONMENT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "SandboxError"})
UNJUDGED_CHECKS = frozenset({"period.printed_vs_computed", "period.reference_model", "execution"})
"""Checks the checks share does not look at: priced separately, measured by the base value, or the error itself."""

Tier = Literal["no_code", "blocked", "timeout", "environment", "runtime_error", "success"]
GroundTruthSource = Literal["given", "reference_model"]


class ExecutionScore(BaseModel):
    """r_exec of one script, and why."""

    r_exec: float = Field(description="execution reward, 0..1")
    tier: Tier = Field(description="no_code, blocked, timeout, environment, runtime_error or success")
    error_type: str | None = Field(None, description="what the sandbox reported, e.g. SyntaxError, Timeout")
    error_message: str | None = Field(None, description="the error, first 300 characters")
    error_line: int | None = Field(None, description="1-based line of the failing statement")
    code_lines: int = Field(0, description="lines of the script")
    computed_t1_s: float | None = Field(None, description="fundamental period autobm computed from the model, s")
    printed_t1_s: float | None = Field(None, description="fundamental period the script printed, s")
    ground_truth_t1_s: float | None = Field(None, description="the period compared with, s")
    ground_truth_source: GroundTruthSource | None = Field(None, description="given with the row, or the period of the "
                                                          "reference drafter's model of the spec")
    relative_error: float | None = Field(None, description="|computed − ground truth| / ground truth")
    base: float | None = Field(None, description="value before cap, checks and print (success only)")
    capped: bool = Field(False, description="the base was cut to 0.85: not all 24 APIs called")
    checks_passed: bool | None = Field(None, description="every judged physics and code check passed (success only)")
    failed_checks: list[str] = Field(default_factory=list, description="ids of the checks that failed")
    penalties: dict[str, float] = Field(default_factory=dict, description="what was taken off, by reason")
    reasons: list[str] = Field(default_factory=list, description="the score explained, one line each")


def period_tier(relative_error: float) -> float:
    """The paper's value of a period within ``relative_error`` of the ground truth.

    >>> [period_tier(e) for e in (0.0, 0.1, 0.15, 0.4, 0.41)]
    [1.0, 1.0, 0.9, 0.8, 0.7]
    """
    return next((value for bound, value in PERIOD_TIERS if relative_error <= bound + 1e-12), PERIOD_BEYOND)


def execution_score(result: ExecutionResult | None, *, checks: Sequence[CheckResult] = (), code_lines: int = 0,
                    all_apis_used: bool = False, ground_truth_t1_s: float | None = None,
                    ground_truth_source: GroundTruthSource | None = None,
                    no_code_reason: str = "no code to run") -> ExecutionScore:
    """r_exec of a sandbox result (None: no code, for ``no_code_reason``) with the checks of the model it
    built; ``all_apis_used``: the script called all 24 APIs while it ran."""
    if result is None:
        return ExecutionScore(r_exec=NO_CODE, tier="no_code", reasons=[f"{no_code_reason}: 0"])
    failed = [c.id for c in checks if c.status == "failed" and c.id != "execution"]
    error = {"error_type": result.error_type, "error_message": (result.error_message or "")[:300] or None,
             "error_line": result.error_line, "code_lines": code_lines, "failed_checks": failed}
    if not result.ok:
        what = f"{result.error_type}: {(result.error_message or '').strip()[:160]}"
        if result.memory_exceeded or result.error_type in BLOCKED_ERRORS:
            why = "its memory limit" if result.memory_exceeded else "a confined action (fork, exec, socket, a write outside its folder)"
            return ExecutionScore(r_exec=BLOCKED, tier="blocked", **error,
                                  reasons=[f"refused by the sandbox, {why} ({what}): {BLOCKED}"])
        if result.timed_out or result.cpu_time_exceeded or result.error_type in TIMEOUT_ERRORS:
            return ExecutionScore(r_exec=TIMEOUT, tier="timeout", **error, reasons=[f"timeout ({what}): {TIMEOUT}"])
        if result.error_type in ENVIRONMENT_ERRORS:
            note = " (a fault of the sandbox, not of the script)" if result.error_type == "SandboxError" else ""
            return ExecutionScore(r_exec=ENVIRONMENT_ERROR, tier="environment", **error,
                                  reasons=[f"import or environment error{note} ({what}): {ENVIRONMENT_ERROR}"])
        share = min(1.0, result.error_line / code_lines) if result.error_line and code_lines > 0 else 0.0
        r = round(RUNTIME_ERROR + RUNTIME_ERROR_SPAN * share, 6)
        where = f"line {result.error_line} of {code_lines}" if result.error_line and code_lines else "line unknown"
        return ExecutionScore(r_exec=r, tier="runtime_error", **error,
                              reasons=[f"runtime error at {where} ({what}): {RUNTIME_ERROR} + {RUNTIME_ERROR_SPAN} × "
                                       f"{share:.3f} = {r:g}"])
    return _success(result, checks, failed, error, all_apis_used, ground_truth_t1_s, ground_truth_source)


def _success(result: ExecutionResult, checks: Sequence[CheckResult], failed: list[str], error: dict,
             all_apis_used: bool, ground_truth_t1_s: float | None,
             ground_truth_source: GroundTruthSource | None) -> ExecutionScore:
    facts = result.facts if isinstance(result.facts, ModelFacts) else None
    computed = facts.fundamental_period_s if facts is not None else None
    if computed is not None and not (math.isfinite(computed) and computed > 0):
        computed = None
    printed = printed_fundamental_period_s(result.stdout or "")
    reasons: list[str] = []
    relative_error: float | None = None
    if computed is None:
        base = NO_PERIOD
        reasons.append(f"ran, but the model has no period (no model, no mass, or eigen failed): {NO_PERIOD}")
    elif ground_truth_t1_s is None:
        base = NO_GROUND_TRUTH
        reasons.append(f"ran; T1 = {computed:.4g} s from the model, no ground truth to compare with: {NO_GROUND_TRUTH}")
    else:
        relative_error = abs(computed - ground_truth_t1_s) / ground_truth_t1_s
        base = period_tier(relative_error)
        source = "given" if ground_truth_source == "given" else "of the reference model"
        reasons.append(f"ran; T1 = {computed:.4g} s from the model vs {ground_truth_t1_s:.4g} s {source} "
                       f"({relative_error:.1%} apart): {base}")
    value = base
    capped = not all_apis_used and base > CAP_WITHOUT_ALL_APIS
    if capped:
        value = CAP_WITHOUT_ALL_APIS
        reasons.append(f"capped at {CAP_WITHOUT_ALL_APIS}: the script did not call all 24 OpenSeesPy APIs")
    penalties: dict[str, float] = {}
    judged = [c for c in checks if c.id not in UNJUDGED_CHECKS]
    judged_failed = [c.id for c in judged if c.status == "failed"]
    checks_passed = bool(judged) and not judged_failed
    if not checks_passed:
        penalties["checks"] = CHECKS_SHARE
        reasons.append(f"−{CHECKS_SHARE}: " + (f"failed checks: {', '.join(judged_failed)}" if judged_failed
                                                else "no physics or compliance check could run"))
    printed_check = next((c for c in checks if c.id == "period.printed_vs_computed"), None)
    if computed is not None:
        if printed is None:
            penalties["no_printed_period"] = NO_PRINT_PENALTY
            reasons.append(f"−{NO_PRINT_PENALTY}: no period printed (the answer format asks for 'T1 = <seconds> s')")
        elif (printed_check is not None and printed_check.status == "failed") or (
                printed_check is None and abs(printed - computed) > PERIOD_PRINT_TOL * computed):
            penalties["wrong_printed_period"] = WRONG_PRINT_PENALTY
            reasons.append(f"−{WRONG_PRINT_PENALTY}: " + (printed_check.message if printed_check is not None else
                           f"printed T1 = {printed:.4g} s, the model's is {computed:.4g} s"))
    r = round(max(0.0, value - sum(penalties.values())), 6)
    return ExecutionScore(r_exec=r, tier="success", **{**error, "error_type": None, "error_message": None},
                          computed_t1_s=computed, printed_t1_s=printed, ground_truth_t1_s=ground_truth_t1_s,
                          ground_truth_source=ground_truth_source if ground_truth_t1_s is not None else None,
                          relative_error=None if relative_error is None else round(relative_error, 6),
                          base=base, capped=capped, checks_passed=checks_passed, penalties=penalties, reasons=reasons)
