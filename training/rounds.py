"""Rounds of self-improvement: self-play → export → SFT (→ GRPO) → evaluate, K times.

    autobm rounds --model models/smollm2-135m --work runs/rounds --rounds 2 --selfplay-n 32

Each round drafts its self-play buildings with the newest checkpoint (the reference drafter
takes over a building when the model's attempts fail, so every building leaves verified
code behind, recorded as a fallback in its trace), exports the round's traces as SFT and
GRPO data (held-out bench specs never go to train), fine-tunes the checkpoint on them,
optionally runs GRPO on our reward, and evaluates the result on the held-out bench. The
metrics of every round go to ``WORK/rounds.json`` and ``WORK/rounds.md`` as the round
ends, so a long run can be read while it goes on (like the iterations of the
self-improving CAD model in the seeds); a round already in the table is not run again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from autobm.agent.errors import SpecError

__all__ = ["RoundRow", "RoundsOptions", "run_rounds"]


class RoundsOptions(BaseModel):
    """``autobm rounds``'s options."""

    model: str = Field(description="the checkpoint of round 0 (e.g. autobm train prepare-model's output)")
    work: str = Field(description="folder for every round's self-play, data, checkpoints and the metrics table")
    rounds: int = Field(1, ge=1, le=100, description="rounds to run (K)")
    selfplay_n: int = Field(16, ge=1, description="buildings sampled per round")
    difficulty: int | None = Field(None, ge=1, le=3, description="sampler difficulty (default: mixed)")
    seed: int = Field(0, description="round r samples with seed + r")
    workers: int | None = Field(None, ge=1, description="self-play and evaluation workers (default: cores)")
    max_tokens: int = Field(2048, ge=8, description="new tokens per model answer in self-play and evaluation")
    temperature: float = Field(0.6, ge=0, le=2, description="sampling temperature of the drafting model")
    max_repairs: int = Field(1, ge=0, le=20, description="model repair rounds per self-play building")
    sft_steps: int = Field(20, ge=1, description="SFT optimizer steps per round")
    sft_learning_rate: float = Field(1e-5, gt=0, description="SFT peak learning rate")
    sft_max_length: int = Field(8192, ge=64, description="SFT tokens per example, longer ones truncated")
    grpo_steps: int = Field(0, ge=0, description="GRPO steps after SFT (0: SFT only)")
    grpo_learning_rate: float = Field(1e-6, gt=0, description="GRPO peak learning rate")
    grpo_num_generations: int = Field(4, ge=2, description="GRPO completions per prompt")
    grpo_max_completion_length: int = Field(1024, ge=8, description="GRPO new tokens per completion")
    batch_size: int = Field(2, ge=1, description="SFT examples per step (GRPO: num_generations completions)")
    eval_k: int = Field(1, ge=1, description="k of Pass@k in each round's evaluation")
    eval_limit: int | None = Field(16, ge=1, description="bench buildings evaluated per round (None: all 128)")
    eval_draft_batch: int = Field(8, ge=1, description="bench answers the model drafts in one generate call")
    bench: str | None = Field(None, description="the held-out bench (default: the one shipped with autobm)")
    device: Literal["cpu", "cuda"] = Field("cpu", description="cpu (fp32) or cuda (bf16)")


class RoundRow(BaseModel):
    """One line of the metrics table."""

    round: int
    checkpoint: str
    selfplay_buildings: int
    selfplay_model_verified: int = Field(description="self-play buildings whose verified code the model wrote as it "
                                         "stands (its draft or its own repair; no deterministic repair, no fallback)")
    selfplay_model_repaired: int | None = Field(None, description="self-play buildings verified with a model draft "
                                                "that a deterministic repair fixed (not in selfplay_model_verified)")
    sft_examples: int
    grpo_prompts: int
    sft_loss_first: float | None = None
    sft_loss_last: float | None = None
    grpo_reward_first: float | None = None
    grpo_reward_last: float | None = None
    eval_buildings: int
    pass_at_1: float = Field(alias="pass@1")
    pass_at_k: float = Field(alias="pass@k")
    pass_at_k_period: float = Field(alias="pass@k_period")
    pass_at_k_compliance: float = Field(alias="pass@k_compliance")
    pass_at_k_strict: float = Field(alias="pass@k_strict")
    mean_period_error: float | None = None
    median_period_error: float | None = None
    seconds: dict[str, float] = Field(default_factory=dict, description="selfplay, export, sft, grpo, eval, total")

    model_config = {"populate_by_name": True, "serialize_by_alias": True}


def _table(rows: list[RoundRow]) -> str:
    head = ("| round | self-play (model verified, + det. repair) | SFT ex. | SFT loss | GRPO reward | Pass@1 | Pass@k | "
            "period | compliance | strict | T1 error (median) | s |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n")

    def pct(v: float | None) -> str:
        return "" if v is None else f"{100 * v:.1f} %"

    def arrow(a: float | None, b: float | None) -> str:
        return "" if a is None or b is None else f"{a:.3g} → {b:.3g}"

    return head + "".join(
        f"| {r.round} | {r.selfplay_buildings} ({r.selfplay_model_verified}, +{r.selfplay_model_repaired or 0}) | "
        f"{r.sft_examples} | "
        f"{arrow(r.sft_loss_first, r.sft_loss_last)} | {arrow(r.grpo_reward_first, r.grpo_reward_last)} | "
        f"{pct(r.pass_at_1)} | {pct(r.pass_at_k)} | {pct(r.pass_at_k_period)} | {pct(r.pass_at_k_compliance)} | "
        f"{pct(r.pass_at_k_strict)} | {pct(r.mean_period_error)}"
        f"{f' ({pct(r.median_period_error)})' if r.median_period_error is not None else ''} | "
        f"{r.seconds.get('total', 0):.0f} |\n" for r in rows)


def _load(work: Path) -> list[RoundRow]:
    path = work / "rounds.json"
    if not path.exists():
        return []
    return [RoundRow.model_validate(r) for r in json.loads(path.read_text(encoding="utf-8"))["rounds"]]


def _save(work: Path, rows: list[RoundRow], options: RoundsOptions) -> None:
    from autobm.agent.report import write_atomic  # noqa: PLC0415

    write_atomic(work / "rounds.json", json.dumps({"options": options.model_dump(), "rounds": [
        r.model_dump(mode="json") for r in rows]}, indent=2))
    write_atomic(work / "rounds.md", f"# Rounds (work folder {work.name})\n\n" + _table(rows))


def run_rounds(options: RoundsOptions, log: Callable[[str], None] = print) -> list[RoundRow]:
    """Run the rounds not yet in ``WORK/rounds.json``; return the whole table."""
    from autobm.agent.models import ModelSettings  # noqa: PLC0415
    from autobm.graphs.api import AgentOptions  # noqa: PLC0415
    from autobm.training.datasets import ExportOptions, export  # noqa: PLC0415
    from autobm.training.evaluate import default_bench_path, evaluate, load_bench  # noqa: PLC0415
    from autobm.training.selfplay import run_selfplay  # noqa: PLC0415
    from autobm.training.train import GRPOOptions, SFTOptions, train_grpo, train_sft  # noqa: PLC0415

    if not (Path(options.model) / "config.json").is_file():
        raise SpecError(f"--model {options.model}: not a checkpoint directory (no config.json); autobm train "
                        "prepare-model makes one")
    work = Path(options.work)
    work.mkdir(parents=True, exist_ok=True)
    rows = _load(work)
    checkpoint = rows[-1].checkpoint if rows else options.model
    bench = load_bench(options.bench or default_bench_path(), limit=options.eval_limit)
    for r in range(len(rows) + 1, options.rounds + 1):
        t0 = time.perf_counter()
        here = work / f"round-{r}"
        seconds: dict[str, float] = {}
        settings = ModelSettings(model_path=checkpoint, max_tokens=options.max_tokens, temperature=options.temperature)
        db = str(here / "traces.sqlite")
        log(f"round {r}: self-play of {options.selfplay_n} buildings drafted by {checkpoint}")
        t = time.perf_counter()
        played = run_selfplay(options.selfplay_n, here / "selfplay",
                              AgentOptions(model=settings, max_repairs=options.max_repairs, fallback_to_reference=True,
                                           db=db), seed=options.seed + r, difficulty=options.difficulty,
                              workers=options.workers)
        seconds["selfplay"] = time.perf_counter() - t
        model_verified, model_repaired = _model_verified(db)
        t = time.perf_counter()
        sft = export(db, here / "data" / "sft", ExportOptions(kind="sft", bench=options.bench))
        grpo = export(db, here / "data" / "grpo", ExportOptions(kind="grpo", bench=options.bench))
        seconds["export"] = time.perf_counter() - t
        if sft.train == 0:
            raise SpecError(f"round {r}: self-play left no verified code to learn from ({played.counts})")
        log(f"round {r}: SFT on {sft.train} examples, {options.sft_steps} steps")
        t = time.perf_counter()
        sft_report = train_sft(SFTOptions(
            model=checkpoint, data=str(here / "data" / "sft" / "train.jsonl"), out=str(here / "sft"),
            max_steps=options.sft_steps, learning_rate=options.sft_learning_rate, batch_size=options.batch_size,
            max_length=options.sft_max_length, device=options.device, seed=options.seed + r))
        seconds["sft"] = time.perf_counter() - t
        newest, grpo_report = str(here / "sft"), None
        if options.grpo_steps and grpo.train:
            log(f"round {r}: GRPO on {grpo.train} prompts, {options.grpo_steps} steps")
            t = time.perf_counter()
            grpo_report = train_grpo(GRPOOptions(
                model=newest, data=str(here / "data" / "grpo" / "train.jsonl"), out=str(here / "grpo"),
                max_steps=options.grpo_steps, learning_rate=options.grpo_learning_rate,
                num_generations=options.grpo_num_generations, batch_size=options.grpo_num_generations,
                max_completion_length=options.grpo_max_completion_length, temperature=options.temperature or 0.6,
                device=options.device, seed=options.seed + r))
            seconds["grpo"] = time.perf_counter() - t
            newest = str(here / "grpo")
        log(f"round {r}: evaluating {newest} on {len(bench)} bench buildings, k = {options.eval_k}")
        t = time.perf_counter()
        report = evaluate(bench, ModelSettings(model_path=newest, max_tokens=options.max_tokens,
                                               temperature=options.temperature),
                          k=options.eval_k, workers=options.workers, concurrency=1,
                          draft_batch=options.eval_draft_batch)
        seconds["eval"] = time.perf_counter() - t
        seconds = {k: round(v, 1) for k, v in seconds.items()} | {"total": round(time.perf_counter() - t0, 1)}
        metrics = report.model_dump(by_alias=True)
        rows.append(RoundRow(
            round=r, checkpoint=newest, selfplay_buildings=played.buildings, selfplay_model_verified=model_verified,
            selfplay_model_repaired=model_repaired,
            sft_examples=sft.train, grpo_prompts=grpo.train, sft_loss_first=sft_report.first,
            sft_loss_last=sft_report.last, grpo_reward_first=grpo_report.first if grpo_report else None,
            grpo_reward_last=grpo_report.last if grpo_report else None, eval_buildings=report.buildings,
            mean_period_error=report.mean_period_error, median_period_error=report.median_period_error,
            seconds=seconds,
            **{key: metrics[key] for key in ("pass@1", "pass@k", "pass@k_period", "pass@k_compliance",
                                             "pass@k_strict")}))
        _save(work, rows, options)
        checkpoint = newest
        log(f"round {r}: done in {seconds['total']:.0f} s; table in {work / 'rounds.md'}")
    return rows


def _model_verified(db: str) -> tuple[int, int]:
    """(verified runs whose code is the model's as it wrote it, verified runs whose model draft a deterministic
    repair fixed), from the source of each run's verified attempt."""
    from autobm.training.traces import TraceStore  # noqa: PLC0415

    own = repaired = 0
    with TraceStore(db) as store:
        for summary in store.list_runs(limit=1_000_000):
            trace = store.get_run(summary.run_id) if summary.status == "verified" else None
            origin = verified_code_origin((trace.result or {}) if trace is not None else {})
            own += origin == "model"
            repaired += origin == "model+deterministic"
    return own, repaired


def verified_code_origin(result: dict[str, Any]) -> Literal["model", "model+deterministic", "reference"] | None:
    """Who wrote a run's verified code, from its result's attempts: the model (its draft or its own repair), a
    deterministic repair of a model draft, or the reference drafter (a fallback, sizing); None if not known.

    >>> verified_code_origin({"best_round": 1, "attempts": [{"source": "model"}, {"source": "deterministic"}]})
    'model+deterministic'
    >>> verified_code_origin({"best_round": 2, "attempts": [{"source": "model"}, {"source": "fallback"},
    ...                                                     {"source": "deterministic"}]})
    'reference'
    """
    attempts = result.get("attempts") or []
    best = result.get("best_round")
    if not isinstance(best, int) or not 0 <= best < len(attempts):
        return None
    sources = [a.get("source") for a in attempts[:best + 1]]
    if sources[-1] == "model":
        return "model"
    if sources[-1] != "deterministic":
        return "reference"
    drafted = next((s for s in reversed(sources) if s != "deterministic"), None)  # what the repairs started from
    return "model+deterministic" if drafted == "model" else "reference"


def rounds_summary(work: str | Path) -> dict[str, Any]:
    """The metrics table of a work folder (rounds.json)."""
    return json.loads((Path(work) / "rounds.json").read_text(encoding="utf-8"))
