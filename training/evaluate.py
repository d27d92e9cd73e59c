"""Evaluation of drafting models on a bench of buildings: Pass@k by execution, period and compliance.

For each building of the bench, ``n`` samples (n >= k) are drawn from the drafting model at its
own temperature, each from the agent's first-draft prompt (``prompts.draft_prompt``) as one user
turn, with no repair: this measures the drafter, not the agent. The code is taken out of each
answer (``extraction.extract_code``), every sample of every building runs in the sandbox with
the model inspected after it (``sandbox.run_many``, in parallel), and each is judged against the
spec and the reference drafter's model of the same spec (``pipeline.judge``). With no model
configured the reference drafter is the drafter: deterministic, a baseline and a smoke test.

A sample passes, on our own inspection of the model OpenSees holds, never on what it printed
(the AutoBM paper's BMEval metrics, each read from the model instead of from stdout):

- ``exec`` (Pass@k): the script ran to completion inside the time limit;
- ``period`` (Pass@k_period): it ran, and the T1 we computed is within 30 % of the bench's
  ``ground_truth.t1_s`` (the reference model's T1 where the bench gives none);
- ``compliance`` (Pass@k_compliance): the design conclusion, as the paper's "satisfies the
  design criteria": it ran, the story drift under the code's lateral forces is within the
  code's limit (``drift.limit`` passed, not skipped) and no other design-code check
  (``drift.stability``, ``regularity.torsion``, ``code.*``) failed. The period checks are not part of it (the period has its own metric),
  nor are the model checks (mass, geometry, supports); ``verified`` (every check passed, the
  agent's status) is counted beside it;
- ``strict`` (Pass@k_strict): all three at once (period and compliance of one sample).

Pass@k is the unbiased estimator of HumanEval (Chen et al. 2021, "Evaluating Large Language
Models Trained on Code", eq. 1): pass@k = E[1 - C(n-c, k) / C(n, k)] over buildings, c the
passing samples of n. The AutoBM paper's BMEval reads the period from stdout against empirical
formulas and the compliance from a printed conclusion; here both come from the model itself.

The period error, |T1 - truth| / truth, is reported as a mean (and a median, which one sample
with E in MPa, hundreds of times off, does not swamp) over the samples that ran and built a
model with a period; the paper defines no such average (its period metric is the pass rate).

Bench rows (JSONL, one building a line): ``id``, ``text``, ``language``, ``units``,
``difficulty``, ``spec`` (a BuildingSpec, complete or partial) and ``ground_truth`` (``t1_s``
and the reference run's other numbers, any of them may be missing). A row with only ``text``
is parsed like ``autobm run`` parses it.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from langchain_core.messages import HumanMessage
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

import autobm.training
from autobm.agent.checks import CheckResult
from autobm.agent.drafting import Draft, draft_reference
from autobm.agent.errors import AutobmError, ConfigError, SpecError
from autobm.agent.extraction import extract_code
from autobm.agent.facts import ModelFacts
from autobm.agent.models import ModelSettings, TransformersChatModel, invoke_chat
from autobm.agent.parsing import parse_text
from autobm.agent.pipeline import INSPECT, RunResult, inspection_request, judge
from autobm.agent.prompts import draft_prompt
from autobm.agent.sandbox import ExecutionResult, SandboxLimits, run_many
from autobm.agent.sizing import presize
from autobm.agent.spec import BuildingSpec, load_spec, spec_error_from_validation
from autobm.graphs.state import AgentContext

__all__ = ["BENCH_FILE", "BenchRow", "EvalReport", "GroundTruth", "SampleResult", "default_bench_path",
           "design_compliant", "eval_limits", "evaluate", "format_report", "load_bench", "pass_at_k",
           "period_error_summary", "write_samples"]

BENCH_FILE = "autobm-bench-128.jsonl"
PERIOD_TOLERANCE = 0.30
"""Relative error of T1 against the ground truth that still passes (BMEval's Pass@k_period)."""
DESIGN_CHECKS = frozenset({"drift.limit", "drift.stability", "regularity.torsion", "code.height_limit",
                           "code.analysis_method"})
"""The checks of the design conclusion (Pass@k_compliance): drift.limit must pass, none of them may fail."""
DEFAULT_TIMEOUT_S = 30.0
"""Wall-clock limit per script, s: the agent's default (``AgentOptions.timeout_s``)."""
CHUNK_SAMPLES = 64
"""Samples run through the sandbox together; the model drafts the next chunk meanwhile."""


def default_bench_path() -> Path:
    """The bench shipped with the package: ``training/data/autobm-bench-128.jsonl``."""
    return Path(autobm.training.__file__).parent / "data" / BENCH_FILE


def eval_limits(timeout_s: float = DEFAULT_TIMEOUT_S) -> SandboxLimits:
    """Sandbox limits for one sample: ``timeout_s`` of wall clock, and as many CPU seconds (at least
    the sandbox's default), so that a longer ``--timeout`` is not cut short by the CPU limit. A sample past
    the limit fails whatever it built, so it is killed then, not inspected."""
    return SandboxLimits(timeout_s=timeout_s, cpu_s=max(SandboxLimits().cpu_s, math.ceil(timeout_s)),
                         inspect_after_timeout_s=0)


# --- metrics (pure) ------------------------------------------------------------------------


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased estimate of pass@k from n samples of which c passed (HumanEval, Chen et al. 2021).

    1 - C(n-c, k) / C(n, k), computed as 1 - prod_{i=n-c+1..n} (1 - k/i), which neither
    overflows nor loses precision for large n.

    >>> pass_at_k(2, 1, 1), pass_at_k(2, 1, 2)
    (0.5, 1.0)
    >>> round(pass_at_k(5, 2, 2), 12)     # 1 - C(3,2)/C(5,2) = 1 - 3/10
    0.7
    >>> round(pass_at_k(10, 3, 5), 12)    # 1 - C(7,5)/C(10,5) = 1 - 21/252
    0.916666666667
    >>> pass_at_k(5, 0, 5), pass_at_k(5, 5, 1)
    (0.0, 1.0)
    >>> pass_at_k(3, 1, 5)
    Traceback (most recent call last):
    ...
    ValueError: pass@5 needs at least 5 samples per building, got n = 3: draw n >= k samples
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got k = {k}")
    if n < k:
        raise ValueError(f"pass@{k} needs at least {k} samples per building, got n = {n}: draw n >= k samples")
    if not 0 <= c <= n:
        raise ValueError(f"the passing samples c must be between 0 and n = {n}, got c = {c}")
    if n - c < k:
        return 1.0
    return 1.0 - math.prod(1.0 - k / i for i in range(n - c + 1, n + 1))


def relative_error(value: float, truth: float) -> float:
    """|value - truth| / truth.

    >>> round(relative_error(1.3, 1.0), 12)
    0.3
    """
    return abs(value - truth) / truth


def period_passes(t1_s: float | None, truth_s: float | None, tolerance: float = PERIOD_TOLERANCE) -> bool:
    """Whether a computed T1 is within ``tolerance`` (relative) of the ground truth.

    >>> period_passes(1.29, 1.0), period_passes(0.69, 1.0), period_passes(None, 1.0), period_passes(1.0, None)
    (True, False, False, False)
    """
    if t1_s is None or truth_s is None or truth_s <= 0:
        return False
    return relative_error(t1_s, truth_s) <= tolerance + 1e-12


# --- the bench -----------------------------------------------------------------------------


class GroundTruth(BaseModel):
    """What the bench knows of a building: the reference model's results and the code's numbers."""

    model_config = ConfigDict(extra="allow")

    t1_s: float | None = Field(None, description="fundamental period of the reference model, s")
    periods_s: list[float] = Field(default_factory=list, description="periods of the reference model, s")
    t1_code_s: float | None = Field(None, description="the code's empirical T1, s")
    t1_code_low_s: float | None = Field(None, description="low end of the code's accepted T1 band, s")
    t1_code_high_s: float | None = Field(None, description="high end of the code's accepted T1 band, s")
    drift_limit_ratio: float | None = Field(None, description="the code's story drift ratio limit")
    max_drift_ratio: float | None = Field(None, description="largest story drift ratio of the reference model")
    total_mass_kg: float | None = Field(None, description="seismic mass of the reference model, kg")
    reference_status: str | None = Field(None, description="the reference run's status, e.g. verified")

    @field_validator("periods_s", mode="before")
    @classmethod
    def _no_periods(cls, value: Any) -> Any:
        return [] if value is None else value


class BenchRow(BaseModel):
    """One building of the bench (one JSONL line)."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(description="the building's id, unique in the bench")
    text: str | None = Field(None, description="the description in words")
    language: str | None = Field(None, description="language of the text, e.g. en, zh")
    units: str | None = Field(None, description="units of the text, e.g. SI, US")
    difficulty: str | None = Field(None, description="the bench's difficulty class, e.g. 1, 2, 3 or easy, hard")
    spec: dict[str, Any] | None = Field(None, description="the BuildingSpec as JSON, complete or partial")
    ground_truth: GroundTruth = Field(default_factory=GroundTruth)

    @field_validator("id", "difficulty", mode="before")
    @classmethod
    def _number_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("ground_truth", mode="before")
    @classmethod
    def _no_truth(cls, value: Any) -> Any:
        return {} if value is None else value

    def building_spec(self) -> BuildingSpec:
        """The spec (completed where partial), else the text parsed, with the assumed sections sized as the agent
        sizes them before its first draft (``sizing.presize``); SpecError naming the row."""
        try:
            if self.spec:
                spec = load_spec(self.spec)
                if spec.source_text is None and self.text:
                    spec = spec.model_copy(update={"source_text": self.text})
                return presize(spec)[0]
            if self.text:
                return presize(parse_text(self.text))[0]
        except SpecError as exc:
            raise SpecError([f"bench row {self.id!r}: {p}" for p in exc.problems]) from None
        raise SpecError(f"bench row {self.id!r}: neither spec nor text: give the building as a spec or in words")


def _validated_row(data: Any, where: str) -> BenchRow:
    if not isinstance(data, Mapping):
        raise SpecError(f"{where}: a bench row must be a JSON object with id, text or spec, and ground_truth")
    try:
        return BenchRow.model_validate(data)
    except ValidationError as exc:
        raise SpecError([f"{where}: {p}" for p in spec_error_from_validation(exc).problems]) from None


def load_bench(path: str | Path, *, limit: int | None = None) -> list[BenchRow]:
    """The bench's rows from a JSONL file, in order (the first ``limit`` only when given).

    Blank lines are skipped. A line that is not JSON, a row that is not a bench row, or a
    repeated id raises SpecError naming the line: a bench with a broken row is not evaluated.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SpecError(f"bench {path}: cannot read it ({exc.strerror})") from None
    rows: list[BenchRow] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if limit is not None and len(rows) >= limit:
            break
        if not line.strip():
            continue
        where = f"bench {path} line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SpecError(f"{where}: not JSON ({exc.msg} at column {exc.colno})") from None
        row = _validated_row(data, where)
        if row.id in seen:
            raise SpecError(f"{where}: id {row.id!r} repeats line {seen[row.id]}; ids must be unique")
        seen[row.id] = number
        rows.append(row)
    if not rows:
        raise SpecError(f"bench {path}: no buildings in it")
    return rows


# --- results -------------------------------------------------------------------------------


class SampleResult(BaseModel):
    """One sample of one building, as judged (one line of ``--out``)."""

    building_id: str
    sample: int = Field(description="0-based index of the sample for its building")
    status: Literal["verified", "failed", "no_code", "model_error"] = Field(
        description="verified or failed as judged; no_code: no script in the answer; model_error: the call failed")
    exec: bool = Field(description="the script ran to completion inside the time limit")
    period: bool = Field(description="it ran and our computed T1 is within 30 % of the ground truth")
    compliance: bool = Field(description="the design conclusion: it ran, drift.limit passed and none of "
                                         "drift.stability, regularity.torsion or a code.* check failed")
    strict: bool = Field(description="exec, period and compliance")
    verified: bool = Field(False, description="every check passed (the agent's status verified)")
    t1_s: float | None = Field(None, description="T1 computed by our inspection of the built model, s")
    t1_truth_s: float | None = Field(None, description="the ground-truth T1 it was compared with, s")
    period_error: float | None = Field(None, description="|T1 - truth| / truth, where both exist")
    error: str | None = Field(None, description="why it did not run: 'Type at line N: message', NoCode, ModelError")
    failed_checks: list[str] = Field(default_factory=list, description="ids of the failed checks")
    answer_format: str | None = Field(None, description="markup tier of the answer (extraction.Extraction.format)")
    draft_s: float = Field(0.0, description="time of the model call (or the reference drafter), s")
    run_s: float = Field(0.0, description="time of the sandboxed run with inspection, s")


class Metrics(BaseModel):
    """The five BMEval metrics, averaged over buildings."""

    model_config = ConfigDict(validate_by_name=True, serialize_by_alias=True)

    pass_at_1: float = Field(alias="pass@1", description="samples that ran, pass@1")
    pass_at_k: float = Field(alias="pass@k", description="samples that ran, pass@k")
    pass_at_k_period: float = Field(alias="pass@k_period", description="samples whose T1 is right, pass@k")
    pass_at_k_compliance: float = Field(alias="pass@k_compliance", description="samples whose design meets the "
                                        "code (drift within its limit, no code check failed), pass@k")
    pass_at_k_strict: float = Field(alias="pass@k_strict", description="samples passing all three, pass@k")


class GroupMetrics(Metrics):
    buildings: int


class BuildingScore(BaseModel):
    """Passing samples of one building, by criterion."""

    id: str
    difficulty: str | None = None
    system: str
    code: str = Field(description="the seismic code of the spec")
    samples: int
    exec: int
    period: int
    compliance: int
    strict: int
    t1_truth_s: float | None = Field(None, description="the ground-truth T1, s")
    truth_source: Literal["bench", "reference"] | None = Field(
        None, description="bench: ground_truth.t1_s; reference: the reference model's T1 (the bench gave none)")


class SampleCounts(BaseModel):
    samples: int
    exec: int
    period: int
    compliance: int
    strict: int
    verified: int = Field(0, description="samples whose every check passed")
    with_period: int = Field(description="samples that ran and built a model whose T1 was compared with a ground truth "
                             "(those the period error is over)")
    no_code: int
    model_errors: int


class EvalReport(Metrics):
    """What ``autobm eval`` reports; ``results`` (one per sample) goes to ``--out``, not to JSON."""

    model: str = Field(description="the drafter: 'reference', or the model as traces name it")
    k: int
    n: int = Field(description="samples per building")
    buildings: int
    bench: str | None = Field(None, description="the bench file")
    mean_period_error: float | None = Field(
        description="mean |T1 - truth| / truth over the samples that ran and built a model with a period (crashed "
                    "samples left out); None when none did")
    median_period_error: float | None = Field(
        None, description="median of the same, which one far-off sample (E in MPa: hundreds of times) does not swamp")
    period_tolerance: float = PERIOD_TOLERANCE
    counts: SampleCounts
    failed_checks: dict[str, int] = Field(default_factory=dict, description="samples failing each check, most first")
    error_types: dict[str, int] = Field(default_factory=dict, description="samples that did not run, by error type "
                                        "(SyntaxError, Timeout, ..., NoCode, ModelError), most first")
    by_difficulty: dict[str, GroupMetrics] = Field(default_factory=dict)
    by_system: dict[str, GroupMetrics] = Field(default_factory=dict)
    by_code: dict[str, GroupMetrics] = Field(default_factory=dict)
    per_building: list[BuildingScore] = Field(default_factory=list)
    seconds: dict[str, float] = Field(default_factory=dict, description="total, sandbox (wall), waiting for the model")
    results: list[SampleResult] = Field(default_factory=list, exclude=True)


def score_metrics(scores: Sequence[BuildingScore], k: int) -> dict[str, float]:
    """The five metrics over buildings (by field name), each the mean of the buildings' pass@k."""
    def mean_pass(attr: str, kk: int) -> float:
        return sum(pass_at_k(s.samples, getattr(s, attr), kk) for s in scores) / len(scores)

    return {"pass_at_1": mean_pass("exec", 1), "pass_at_k": mean_pass("exec", k),
            "pass_at_k_period": mean_pass("period", k), "pass_at_k_compliance": mean_pass("compliance", k),
            "pass_at_k_strict": mean_pass("strict", k)}


def _groups(scores: Sequence[BuildingScore], key: Callable[[BuildingScore], str | None], k: int) -> dict[str, GroupMetrics]:
    groups: dict[str, list[BuildingScore]] = {}
    for s in scores:
        groups.setdefault(key(s) or "unknown", []).append(s)
    return {name: GroupMetrics(buildings=len(group), **score_metrics(group, k)) for name, group in sorted(groups.items())}


# --- drafting ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Drafted:
    code: str | None
    seconds: float
    answer_format: str | None = None
    problem: str | None = None  # no code: why
    model_error: str | None = None


def _draft_with_model(model: Any, prompt: str) -> _Drafted:
    t0 = time.perf_counter()
    try:
        reply = invoke_chat(model, [HumanMessage(prompt)])
    except AutobmError:
        raise
    except Exception as exc:  # noqa: BLE001 - a failed call (server, network) is recorded with its sample
        return _Drafted(code=None, seconds=time.perf_counter() - t0, model_error=f"{type(exc).__name__}: {exc}")
    return _drafted_from(reply.text, time.perf_counter() - t0)


def _drafted_from(text: str, seconds: float) -> _Drafted:
    extraction = extract_code(text)
    return _Drafted(code=extraction.code, seconds=seconds, answer_format=extraction.format,
                    problem=None if extraction.code else "; ".join(extraction.problems) or "no python code block")


def _draft_batch_into(model: TransformersChatModel, prompts: Sequence[str], futures: Sequence[Future[_Drafted]]) -> None:
    """Draft ``prompts`` in one padded batch and settle each prompt's future; a sample's
    ``seconds`` is its share of the batch's time."""
    t0 = time.perf_counter()
    try:
        replies = model.generate_batch([[HumanMessage(p)] for p in prompts], batch_size=len(prompts))
        seconds = (time.perf_counter() - t0) / len(prompts)
        drafted = [_drafted_from(reply.text, seconds) for reply in replies]
    except AutobmError as exc:  # a model that cannot be made: the evaluation stops with its message
        for future in futures:
            future.set_exception(exc)
        return
    except Exception as exc:  # noqa: BLE001 - a failed call is recorded with each of its samples
        seconds = (time.perf_counter() - t0) / len(prompts)
        drafted = [_Drafted(code=None, seconds=seconds, model_error=f"{type(exc).__name__}: {exc}")] * len(prompts)
    for future, result in zip(futures, drafted):
        future.set_result(result)


def _submit_drafts(pool: ThreadPoolExecutor, model: Any, prompts: Sequence[str], batch: int) -> list[Future[_Drafted]]:
    """One future per prompt, in order; a local transformers model drafts ``batch`` prompts a call."""
    if batch <= 1 or not isinstance(model, TransformersChatModel):
        return [pool.submit(_draft_with_model, model, p) for p in prompts]
    futures: list[Future[_Drafted]] = [Future() for _ in prompts]
    for start in range(0, len(prompts), batch):
        pool.submit(_draft_batch_into, model, prompts[start:start + batch], futures[start:start + batch])
    return futures


def _draft_reference(spec: BuildingSpec) -> _Drafted:
    t0 = time.perf_counter()
    code = draft_reference(spec).code
    return _Drafted(code=code, seconds=time.perf_counter() - t0)


# --- judging -------------------------------------------------------------------------------


def _error_line(result: RunResult) -> str | None:
    ex = result.execution
    if ex.ok:
        return None
    where = f" at line {ex.error_line}" if ex.error_line else ""
    return f"{ex.error_type}{where}: {(ex.error_message or '').strip()[:300]}"


def _sample_result(building_id: str, index: int, drafted: _Drafted, run: RunResult | None,
                   run_s: float, truth_s: float | None) -> SampleResult:
    if run is None:
        status: Literal["no_code", "model_error"] = "model_error" if drafted.model_error else "no_code"
        error = f"ModelError: {drafted.model_error}" if drafted.model_error else f"NoCode: {drafted.problem}"
        return SampleResult(building_id=building_id, sample=index, status=status, exec=False, period=False,
                            compliance=False, strict=False, t1_truth_s=truth_s, error=error,
                            answer_format=drafted.answer_format, draft_s=round(drafted.seconds, 6))
    ran = run.execution.ok
    t1 = run.facts.fundamental_period_s if run.facts is not None else None
    period = ran and period_passes(t1, truth_s)
    compliance = ran and design_compliant(run.checks)
    return SampleResult(
        building_id=building_id, sample=index, status=run.status, exec=ran, period=period, compliance=compliance,
        strict=ran and period and compliance, verified=run.status == "verified",
        t1_s=round(t1, 6) if t1 is not None else None, t1_truth_s=truth_s,
        period_error=round(relative_error(t1, truth_s), 6) if t1 is not None and truth_s else None,
        error=_error_line(run), failed_checks=[c.id for c in run.failed_checks], answer_format=drafted.answer_format,
        draft_s=round(drafted.seconds, 6), run_s=round(run_s, 6))


def design_compliant(checks: Sequence[CheckResult]) -> bool:
    """The design conclusion of a checked model: drift.limit passed and no design-code check failed.

    >>> design_compliant([CheckResult(id="drift.limit", status="passed"),
    ...                   CheckResult(id="period.reference_model", status="failed")])
    True
    >>> design_compliant([CheckResult(id="drift.limit", status="skipped")])
    False
    """
    drift = next((c for c in checks if c.id == "drift.limit"), None)
    return drift is not None and drift.status == "passed" and not any(
        c.status == "failed" for c in checks if c.id in DESIGN_CHECKS)


def period_error_summary(results: Sequence[SampleResult]) -> tuple[float | None, float | None, int]:
    """(mean, median, count) of the period error over the samples that ran and built a model with a period.

    >>> ok = dict(building_id="b", status="failed", exec=True, period=False, compliance=False, strict=False)
    >>> samples = [SampleResult(sample=i, period_error=e, **ok) for i, e in enumerate((0.1, 0.3, 333.0))]
    >>> crashed = SampleResult(sample=3, period_error=0.9, **{**ok, "exec": False})
    >>> period_error_summary([*samples, crashed])
    (111.133333, 0.3, 3)
    """
    errors = [r.period_error for r in results if r.exec and r.period_error is not None]
    if not errors:
        return None, None, 0
    return round(statistics.fmean(errors), 6), round(statistics.median(errors), 6), len(errors)


def _facts(result: ExecutionResult) -> ModelFacts | None:
    return result.facts if isinstance(result.facts, ModelFacts) else None


# --- the evaluation ------------------------------------------------------------------------


def evaluate(rows: Iterable[BenchRow | Mapping[str, Any]], model_settings: ModelSettings | None = None,
             chat_model: Any = None, *, k: int = 5, n: int | None = None, limits: SandboxLimits | None = None,
             workers: int | None = None, concurrency: int = 4, draft_batch: int = 1, bench: str | None = None,
             on_progress: Callable[[int, int], None] | None = None) -> EvalReport:
    """Draw ``n`` samples per building (default ``k``), run and judge them, and report Pass@k.

    ``chat_model`` (any LangChain chat model) overrides ``model_settings``; neither: the
    reference drafter. ``concurrency`` model calls run at once (1 for a local transformers
    model, which instead drafts ``draft_batch`` samples in one padded ``generate`` call,
    in bench order); drafting goes on while the sandbox runs the previous chunk on ``workers``
    processes. ``limits`` default to ``eval_limits()``. ``on_progress(done, total)`` after
    each chunk of buildings. Raises SpecError for bad input (n < k, a row that is not a
    building), ConfigError when the model cannot be made or fails on every call of the
    first chunk.
    """
    t_start = time.perf_counter()
    n = k if n is None else n
    if k < 1:
        raise SpecError(f"k = {k}: allowed 1 or more")
    if n < k:
        raise SpecError(f"n = {n} samples per building is fewer than k = {k}: pass@k needs n >= k "
                        "(give --n at least -k, or leave it out for n = k)")
    if concurrency < 1:
        raise SpecError(f"concurrency = {concurrency}: allowed 1 or more")
    if draft_batch < 1:
        raise SpecError(f"draft_batch = {draft_batch}: allowed 1 or more")
    rows_ = [r if isinstance(r, BenchRow) else _validated_row(r, f"bench row {i + 1}") for i, r in enumerate(rows)]
    if not rows_:
        raise SpecError("the bench has no buildings")
    specs = [row.building_spec() for row in rows_]
    context = AgentContext(model=model_settings, chat_model=chat_model)
    model = context.drafting_model()
    name = context.model_name()
    limits = limits or eval_limits()
    if isinstance(model, TransformersChatModel):
        concurrency = 1  # one model in this process: calls would only queue on it

    per_chunk = max(1, CHUNK_SAMPLES // n)
    chunks = [range(start, min(start + per_chunk, len(rows_))) for start in range(0, len(rows_), per_chunk)]
    results: list[SampleResult] = []
    scores: list[BuildingScore] = []
    sandbox_s = waiting_s = 0.0
    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="autobm-eval-draft") if model else None
    try:
        futures: list[list[Future[_Drafted]]] = []
        if pool is not None:  # submitted in order: the pool drafts ahead while the sandbox runs
            flat = _submit_drafts(pool, model, [draft_prompt(spec) for spec in specs for _ in range(n)], draft_batch)
            futures = [flat[b * n:(b + 1) * n] for b in range(len(specs))]
        for chunk_number, chunk in enumerate(chunks):
            t_wait = time.perf_counter()
            drafted = {b: ([f.result() for f in futures[b]] if pool is not None else [_draft_reference(specs[b])] * n)
                       for b in chunk}
            waiting_s += time.perf_counter() - t_wait
            if chunk_number == 0 and model is not None:
                _fail_if_the_model_never_answered(drafted, name)

            t_run = time.perf_counter()
            executed = _run_chunk(specs, drafted, limits=limits, workers=workers)
            sandbox_s += time.perf_counter() - t_run
            for b in chunk:
                samples, score = _judge_building(rows_[b], specs[b], drafted[b], executed[b], name)
                results += samples
                scores.append(score)
            if on_progress is not None:
                on_progress(chunk.stop, len(rows_))
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    mean_error, median_error, with_period = period_error_summary(results)
    counts = SampleCounts(
        samples=len(results), exec=sum(r.exec for r in results), period=sum(r.period for r in results),
        compliance=sum(r.compliance for r in results), strict=sum(r.strict for r in results),
        verified=sum(r.verified for r in results), with_period=with_period,
        no_code=sum(r.status == "no_code" for r in results), model_errors=sum(r.status == "model_error" for r in results))
    failed_checks = Counter(c for r in results for c in r.failed_checks if c != "execution")
    error_types = Counter(r.error.split(":")[0].split(" at line")[0] for r in results if not r.exec and r.error)
    return EvalReport(
        model=name, k=k, n=n, buildings=len(rows_), bench=bench, **score_metrics(scores, k),
        mean_period_error=mean_error, median_period_error=median_error, counts=counts,
        failed_checks=dict(failed_checks.most_common()), error_types=dict(error_types.most_common()),
        by_difficulty=_groups(scores, lambda s: s.difficulty, k), by_system=_groups(scores, lambda s: s.system, k),
        by_code=_groups(scores, lambda s: s.code, k), per_building=scores,
        seconds={"total": round(time.perf_counter() - t_start, 3), "sandbox": round(sandbox_s, 3),
                 "waiting_for_model": round(waiting_s, 3)},
        results=results)


@dataclass(frozen=True)
class _Executed:
    """The sandboxed runs of one building: its reference model's, and one per sample with code."""

    reference: ExecutionResult
    samples: list[ExecutionResult | None]


def _run_chunk(specs: Sequence[BuildingSpec], drafted: Mapping[int, list[_Drafted]], *, limits: SandboxLimits,
               workers: int | None) -> dict[int, _Executed]:
    """Run the reference model and the samples of these buildings in one parallel batch, each
    distinct script of a building once (a deterministic drafter's n samples are one run)."""
    codes: list[str] = []
    requests: list[Any] = []
    job_of: dict[tuple[int, str], int] = {}

    def job(b: int, code: str) -> int:
        if (b, code) not in job_of:
            job_of[(b, code)] = len(codes)
            codes.append(code)
            requests.append(inspection_request(specs[b], code))
        return job_of[(b, code)]

    reference_jobs = {b: job(b, draft_reference(specs[b]).code) for b in drafted}
    sample_jobs = {b: [job(b, d.code) if d.code else None for d in ds] for b, ds in drafted.items()}
    executed = run_many(codes, limits=limits, after=INSPECT, after_args=requests, workers=workers)
    return {b: _Executed(reference=executed[reference_jobs[b]],
                         samples=[executed[j] if j is not None else None for j in sample_jobs[b]]) for b in drafted}


def _judge_building(row: BenchRow, spec: BuildingSpec, drafted: Sequence[_Drafted], executed: _Executed,
                    drafter: str) -> tuple[list[SampleResult], BuildingScore]:
    """Each sample of one building judged against its spec and the reference model's facts."""
    reference = _facts(executed.reference)
    truth_s, source = _truth(row, reference)
    judged: dict[int, RunResult] = {}  # by the identity of the run: identical scripts are judged once
    samples = []
    for i, (d, result) in enumerate(zip(drafted, executed.samples)):
        run = None
        if result is not None and d.code is not None:
            if id(result) not in judged:
                judged[id(result)] = judge(spec, Draft(code=d.code, drafter=drafter), result, reference=reference)
            run = judged[id(result)]
        samples.append(_sample_result(row.id, i, d, run, result.duration_s if result is not None else 0.0, truth_s))
    score = BuildingScore(id=row.id, difficulty=row.difficulty, system=spec.system, code=spec.seismic.code,
                          samples=len(samples), exec=sum(s.exec for s in samples), period=sum(s.period for s in samples),
                          compliance=sum(s.compliance for s in samples), strict=sum(s.strict for s in samples),
                          t1_truth_s=truth_s, truth_source=source)
    return samples, score


def _truth(row: BenchRow, reference: ModelFacts | None) -> tuple[float | None, Literal["bench", "reference"] | None]:
    """The ground-truth T1: the bench's, else the reference model's."""
    if row.ground_truth.t1_s is not None and row.ground_truth.t1_s > 0:
        return row.ground_truth.t1_s, "bench"
    t1 = reference.fundamental_period_s if reference is not None else None
    return (round(t1, 6), "reference") if t1 is not None else (None, None)


def _fail_if_the_model_never_answered(drafted: Mapping[int, list[_Drafted]], name: str) -> None:
    """Every call of the first chunk failed: the model is misconfigured, not bad at drafting."""
    all_drafts = [d for ds in drafted.values() for d in ds]
    if all_drafts and all(d.model_error for d in all_drafts):
        raise ConfigError(f"the drafting model {name} failed on all {len(all_drafts)} calls of the first buildings; "
                          f"the first error: {all_drafts[0].model_error}")


# --- output --------------------------------------------------------------------------------


def write_samples(report: EvalReport, path: str | Path) -> Path:
    """The per-sample results as JSONL (one ``SampleResult`` a line), for comparing rounds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for r in report.results:
            f.write(json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:6.2f}"


def format_report(report: EvalReport) -> str:
    """The report as a table a person reads (percentages, as the paper gives them)."""
    k = report.k
    c = report.counts
    error = "-" if report.mean_period_error is None else \
        f"mean {100 * report.mean_period_error:.1f} %, median {100 * (report.median_period_error or 0):.1f} %"
    names = ["Pass@1", *([f"Pass@{k}"] if k > 1 else []), f"Pass@{k}_period", f"Pass@{k}_compliance", f"Pass@{k}_strict"]

    def values(m: Metrics) -> list[float]:
        return [m.pass_at_1, *([m.pass_at_k] if k > 1 else []), m.pass_at_k_period, m.pass_at_k_compliance,
                m.pass_at_k_strict]

    lines = [
        f"autobm eval: {report.buildings} buildings x {report.n} samples, drafter {report.model}, k = {k}"
        + (f"  ({report.seconds.get('total', 0):.1f} s)" if report.seconds else ""),
        "",
        f"{'metric':<22}{'%':>8}",
        *(f"{name:<22}{_pct(value):>8}" for name, value in zip(names, values(report))),
        f"period error: {error} over {c.with_period} samples that ran and built a model with a period "
        f"(a period passes within {100 * report.period_tolerance:.0f} %)",
        f"samples: {c.samples}; ran {c.exec}, period {c.period}, compliant {c.compliance}, strict {c.strict}, "
        f"verified (every check) {c.verified}; no code {c.no_code}, model errors {c.model_errors}",
    ]
    if report.error_types:
        lines.append("did not run: " + ", ".join(f"{e} {count}" for e, count in report.error_types.items()))
    if report.failed_checks:
        lines.append("failed checks: " + ", ".join(f"{cid} {count}" for cid, count in report.failed_checks.items()))
    columns = ["Pass@1", *([f"Pass@{k}"] if k > 1 else []), "period", "compl.", "strict"]
    for title, groups in (("difficulty", report.by_difficulty), ("system", report.by_system), ("code", report.by_code)):
        if len(groups) < 2:
            continue
        lines += ["", f"{f'by {title}':<18}{'bldgs':>6}" + "".join(f"{col:>8}" for col in columns)]
        for group, m in groups.items():
            lines.append(f"  {group[:16]:<16}{m.buildings:>6}" + "".join(f"{_pct(v):>8}" for v in values(m)))
    return "\n".join(lines)
