"""The MGHR reward of a batch of completions: R = 0.05·r_fmt + 0.25·r_ast + 0.70·r_exec.

``score_completions`` grades every completion's markup (``fmt``), then runs every script of
the batch, and the reference drafter's model of each spec that has no ground-truth period
yet, in one ``run_many`` call: each job its own sandboxed process (``autobm.agent.sandbox``),
so a timeout, a crash or a hostile script costs only its own score. The sandbox counts the
OpenSeesPy calls each script makes while it runs; r_ast (``coverage``) is scored on those.
After the script, autobm inspects the model OpenSees holds (``autobm.agent.inspection``)
and checks it (``autobm.agent.checks``); ``execution`` turns that into r_exec. A completion
whose only code is inside ``<think>`` is not run (r_exec 0, r_ast 0: no call was made).
Identical (script, spec) pairs run once. The reference models' periods
are cached per spec (``REFERENCE_CACHE_SIZE`` specs), so a GRPO group pays for its
reference once.

``autobm_reward`` is the same as a trl reward function (``GRPOTrainer(reward_funcs=...)``),
logged as ``autobm_mghr``; ``make_autobm_reward(config)`` makes one with other settings.

>>> WEIGHTS
{'r_fmt': 0.05, 'r_ast': 0.25, 'r_exec': 0.7}
>>> score_completions([RewardInput(completion="no code here")])[0].total  # 0.05 × 0.05 (format "none")
0.0025

Known limits: a script runs in the process that reports on it, so a script that knew the
sandbox's report channel or its call counters could forge its own result
(``autobm.agent.sandbox``, "What it does not isolate"); the inspection itself restores
OpenSees before it runs, so patching ``ops`` does not fool it. The undefined-name penalty
of r_ast is read from the text.
"""

from __future__ import annotations

import math
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, Field

from autobm.agent.drafting import draft_reference
from autobm.agent.facts import ModalFacts, ModelFacts
from autobm.agent.pipeline import INSPECT, evaluate, inspection_request
from autobm.agent.sandbox import SandboxLimits, run_many
from autobm.agent.spec import BuildingSpec

from .coverage import ALL_APIS, ApiCoverage, api_coverage
from .execution import ExecutionScore, GroundTruthSource, execution_score
from .fmt import FormatScore, format_score
from .inputs import RewardInput, reward_input

__all__ = ["WEIGHTS", "RewardBreakdown", "RewardConfig", "RewardInput", "autobm_reward", "make_autobm_reward",
           "score_completions"]

WEIGHTS: dict[str, float] = {"r_fmt": 0.05, "r_ast": 0.25, "r_exec": 0.70}
"""Weights of the three components in R (AutoBM paper, MGHR reward)."""

REFERENCE_CACHE_SIZE = 4096
"""Specs whose reference-model period is kept (least recently used dropped first)."""

COUNTED_CALLS: tuple[str, ...] = tuple(sorted(ALL_APIS))
"""The OpenSeesPy functions whose calls the sandbox counts for r_ast."""


class RewardConfig(BaseModel):
    """How completions are run for the reward."""

    timeout_s: float = Field(8.0, gt=0, le=3600, description="wall-clock limit of one script in the sandbox, autobm's "
                             "inspection of its model included, s (the paper's sandbox: 8 s); a longer run scores 0.20")
    workers: int | None = Field(None, ge=1, description="scripts run at once (default: the CPU count; with several "
                                "training processes on one machine, give each its share of the cores)")
    memory_mb: int = Field(1024, ge=256, description="address space of one script, MiB")
    completion_prefix: str = Field("", description="text the chat template already put at the start of the assistant "
                                   "turn (e.g. '<think>\\n'), prefixed to every completion before its format is graded")

    def limits(self) -> SandboxLimits:
        """A timed-out completion scores as one, whatever it built: killed at the limit, not inspected."""
        return SandboxLimits(timeout_s=self.timeout_s, cpu_s=math.ceil(self.timeout_s) + 1, memory_mb=self.memory_mb,
                             inspect_after_timeout_s=0)


class RewardBreakdown(BaseModel):
    """The reward of one completion: the total, every component, and why."""

    total: float = Field(description="R = 0.05·r_fmt + 0.25·r_ast + 0.70·r_exec, 0..1")
    r_fmt: float = Field(description="format reward, 0..1")
    r_ast: float = Field(description="API coverage reward, 0..1")
    r_exec: float = Field(description="execution reward, 0..1")
    format: FormatScore
    api: ApiCoverage
    execution: ExecutionScore
    reasons: list[str] = Field(default_factory=list, description="the score explained, one line each")


# --- the batch ---------------------------------------------------------------------------------

_references: OrderedDict[str, ModelFacts | None] = OrderedDict()


def _spec_key(spec: BuildingSpec | None) -> str | None:
    return None if spec is None else spec.model_dump_json(exclude={"source_text", "name"})


def _remember(key: str, facts: ModelFacts | None) -> None:
    """Keep only what the reward and ``period.reference_model`` use: the periods."""
    if facts is not None and facts.modal is not None:
        facts = ModelFacts(ndm=facts.ndm, ndf=facts.ndf, vertical_axis=facts.vertical_axis, nodes=[], elements=[],
                           modal=ModalFacts(eigenvalues=facts.modal.eigenvalues, periods_s=facts.modal.periods_s))
    _references[key] = facts
    while len(_references) > REFERENCE_CACHE_SIZE:
        _references.popitem(last=False)


def score_completions(inputs: Sequence[RewardInput], config: RewardConfig | None = None) -> list[RewardBreakdown]:
    """The reward of every completion, in order; all scripts of the batch run in one parallel sandbox call."""
    config = config or RewardConfig()
    formats = [format_score(config.completion_prefix + item.completion) for item in inputs]
    spec_keys = [_spec_key(item.spec) for item in inputs]

    jobs: dict[tuple[str, str | None], int] = {}
    codes: list[str] = []
    requests: list[Any] = []

    def job(code: str, spec: BuildingSpec | None, spec_key: str | None) -> int:
        key = (code, spec_key)
        if key not in jobs:
            jobs[key] = len(codes)
            codes.append(code)
            requests.append(inspection_request(spec, code))
        return jobs[key]

    row_jobs = [job(f.code, item.spec, key) if f.code is not None else None
                for item, f, key in zip(inputs, formats, spec_keys)]
    reference_jobs: dict[str, int] = {}
    for item, key in zip(inputs, spec_keys):
        if item.t1_s is None and key is not None and key not in _references and key not in reference_jobs:
            reference_jobs[key] = job(draft_reference(item.spec).code, item.spec, key)
    results = run_many(codes, limits=config.limits(), after=INSPECT, after_args=requests,
                       workers=config.workers, count_calls=COUNTED_CALLS) if codes else []
    for key, index in reference_jobs.items():
        facts = results[index].facts
        _remember(key, facts if results[index].ok and isinstance(facts, ModelFacts) else None)

    out = []
    for item, f, key, index in zip(inputs, formats, spec_keys, row_jobs):
        reference = _references.get(key) if key is not None and item.t1_s is None else None
        if key is not None and key in _references:
            _references.move_to_end(key)
        truth, source = _ground_truth(item, reference)
        if index is None:
            api = api_coverage(None, {})
            execution = execution_score(None, no_code_reason="the only code is inside <think>, so it is not run (a "
                                        "format failure)" if f.code_only_in_think else "no code to run")
        else:
            result = results[index]
            api = api_coverage(f.code, result.opensees_calls or {})
            checks = evaluate(item.spec, result, reference if source == "reference_model" else None)
            execution = execution_score(result, checks=checks, code_lines=len((f.code or "").splitlines()),
                                        all_apis_used=api.all_apis_used, ground_truth_t1_s=truth,
                                        ground_truth_source=source)
        out.append(_breakdown(f, api, execution))
    return out


def _ground_truth(item: RewardInput, reference: ModelFacts | None) -> tuple[float | None, GroundTruthSource | None]:
    if item.t1_s is not None:
        return item.t1_s, "given"
    period = reference.fundamental_period_s if reference is not None else None
    if period is not None and math.isfinite(period) and period > 0:
        return period, "reference_model"
    return None, None


def _breakdown(f: FormatScore, api: ApiCoverage, execution: ExecutionScore) -> RewardBreakdown:
    parts = {"r_fmt": f.r_fmt, "r_ast": api.r_ast, "r_exec": execution.r_exec}
    total = round(sum(WEIGHTS[name] * value for name, value in parts.items()), 6)
    reasons = [f"r_fmt = {f.r_fmt:g}: format {f.format}" + (", code inside <think>" if f.code_in_think else ""),
               f"r_ast = {api.r_ast:g}: {len(api.used_t1)}/8 T1, {len(api.used_t2)}/11 T2, "
               f"{len(api.used_t3)}/5 T3 calls" + (" made while it ran" if api.counted == "executed" else "")
               + (f", undefined names {api.undefined_names} (−{api.penalty:g})" if api.undefined_names else "")
               + (f" ({api.note})" if api.note and api.note != "no code" else ""),
               f"r_exec = {execution.r_exec:g}: " + "; ".join(execution.reasons)]
    return RewardBreakdown(total=total, **parts, format=f, api=api, execution=execution, reasons=reasons)


# --- trl -----------------------------------------------------------------------------------------

def _column(kwargs: dict[str, Any], name: str, n: int) -> list[Any]:
    values = kwargs.get(name)
    if values is None:
        return [None] * n
    if isinstance(values, (str, bytes, dict)) or not hasattr(values, "__len__") or len(values) != n:
        raise ValueError(f"column {name!r}: expected one value per completion ({n}), got {type(values).__name__}")
    return list(values)


def make_autobm_reward(config: RewardConfig | None = None) -> Callable[..., list[float]]:
    """A trl reward function, ``f(completions, prompts=None, **columns) -> list[float]``, with these settings."""
    config = config or RewardConfig()

    def autobm_mghr(completions: Sequence[Any], prompts: Sequence[Any] | None = None, **kwargs: Any) -> list[float]:
        """R of each completion against its row's ``spec``, ``text`` or prompt, and ``ground_truth``."""
        n = len(completions)
        columns = {name: _column(kwargs, name, n) for name in ("spec", "ground_truth", "text", "reward_model")}
        prompt_column = list(prompts) if prompts is not None and len(prompts) == n else [None] * n
        inputs = [reward_input(completion, spec=columns["spec"][i],
                               ground_truth=columns["ground_truth"][i] if columns["ground_truth"][i] is not None
                               else columns["reward_model"][i],
                               text=columns["text"][i], prompt=prompt_column[i])
                  for i, completion in enumerate(completions)]
        scored = score_completions(inputs, config)
        _log(kwargs, scored)
        return [s.total for s in scored]

    autobm_mghr.__qualname__ = autobm_mghr.__name__ = "autobm_mghr"
    return autobm_mghr


def _log(kwargs: dict[str, Any], scored: list[RewardBreakdown]) -> None:
    """Component means and tier shares through trl's ``log_metric``, per-row components through ``log_extra``."""
    log_metric, log_extra = kwargs.get("log_metric"), kwargs.get("log_extra")
    if not scored:
        return
    if callable(log_metric):
        for name in WEIGHTS:
            log_metric(f"autobm_mghr/{name}", sum(getattr(s, name) for s in scored) / len(scored))
        for tier, count in Counter(s.execution.tier for s in scored).items():
            log_metric(f"autobm_mghr/tier_{tier}", count / len(scored))
    if callable(log_extra):
        for name in WEIGHTS:
            log_extra(name, [getattr(s, name) for s in scored])
        log_extra("exec_tier", [s.execution.tier for s in scored])


def autobm_reward(completions: Sequence[Any], prompts: Sequence[Any] | None = None, **kwargs: Any) -> list[float]:
    """trl reward function: R (MGHR) of each completion, with the default ``RewardConfig``.

    ``completions``: strings or conversations (lists of messages); dataset columns arrive as
    lists, one value per completion: ``spec`` (BuildingSpec JSON text or object), ``text``
    (a description), ``ground_truth`` (``t1_s`` as JSON text or object, or the period as a
    number or string); without spec and text, the description is read from ``prompts``.
    """
    return _default(completions, prompts, **kwargs)


_default = make_autobm_reward()
autobm_reward.__name__ = "autobm_mghr"
