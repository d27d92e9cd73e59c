"""Training data from the trace store: SFT examples, GRPO prompts with ground truth, preference pairs.

    autobm export sft   --db ~/.autobm/autobm.sqlite --out data/sft   [--format trl|verl] [--test-fraction 0.1] [--seed 0]
    autobm export grpo  --db ... --out data/grpo
    autobm export pairs --db ... --out data/pairs

Each run of the trace store (``training.traces``) is read back into its attempts (prompt,
completion, code, execution, checks) and turned into examples:

- ``sft``: the verified final script of each verified run, as the answer the drafter should
  give to ``draft_prompt(spec)``: ``<think>…</think><answer>```python …```</answer>``. A
  model's own answer is kept when it was its verified first answer to that prompt, as
  written, in the strict format; otherwise (reference drafter, a deterministic repair, a
  loose format, or a repair turn's answer, whose think is about a failure the first prompt
  never showed) the script is put in that format with a short think written from the spec
  (what is modelled, the masses, what was assumed). Repair turns too, where a run has them:
  the failed answer and the repair message (the one the model got, or for a deterministic
  repair the message ``prompts.repair_prompt`` writes from the recorded diagnostics) as a
  multi-turn prompt, the fixed script as the completion.
- ``grpo``: one prompt per building with ground truth (``training.selfplay`` records it as a
  ``ground_truth`` event): the draft prompt of the spec the ground truth belongs to, the spec
  and the ground truth as JSON strings (trl passes extra columns to reward functions).
- ``pairs``: a failed model answer (rejected) against the verified script (chosen), for the
  prompt the failed answer was given (the draft prompt, or a repair turn).

Every prompt is for the spec its answer models. Drift sizing enlarges the assumed sections
after the model's attempts (a reference draft of the sized spec is verified): then a failed
answer to the first prompt and the verified script are for different buildings, and the pair
is left out (counted in ``skipped``); the final SFT row is the sized spec's draft prompt with
its script. A store with no finished run (or, for sft and pairs, no verified run), or from
which no example comes, is refused (``SpecError``) and nothing is written; a SQLite file
without the trace tables is refused before it is opened, so that no table is created in it.

Formats. ``trl`` (JSON lines, conversational): ``{"prompt": [messages], "completion":
[{"role": "assistant", ...}]}``; ``{"prompt", "spec", "ground_truth"}``; ``{"prompt",
"chosen", "rejected"}``. ``verl`` (Parquet, the layout of the AutoBM paper's release): SFT
rows ``data_source, question, answer, messages, ability, extra_info`` (``question``/``answer``
for verl's single-turn SFT trainer, ``messages`` for its multi-turn mode; a multi-turn prompt
is folded into ``question`` as a transcript); GRPO rows ``data_source`` ("autobm"),
``prompt`` (chat messages), ``ability``, ``reward_model`` ``{"style": "rule", "ground_truth":
"<T1 in s, as a string>"}`` and ``extra_info`` (split, index, spec key, spec and full
ground truth as JSON). Pairs are written for trl only.

Every example appears once (same prompt and completion, or same prompt for GRPO). The split
is by building (``sampler.spec_key``): all examples of one spec on the same side, the side
drawn from a hash of the seed and the key, ``test_fraction`` of the specs in ``test``; specs
of the held-out bench (``sampler.bench_keys``) are never in ``train`` (they go to ``test``).
Files in OUT: ``train`` and ``test`` (``.jsonl`` or ``.parquet``) and ``manifest.json``
(settings, counts, and per split the spec key, run and kind of each row, in row order).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from autobm.agent.spec import BuildingSpec
    from autobm.training.traces import Trace, TraceStore

__all__ = ["ExportOptions", "ExportSummary", "add_export_arguments", "canonical_answer", "examples_from_trace",
           "export", "export_command", "split_of", "think_from_spec"]

Kind = Literal["sft", "grpo", "pairs"]
KINDS: tuple[str, ...] = ("sft", "grpo", "pairs")
DATA_SOURCE = "autobm"
ABILITY = "structural_modeling"
GROUND_TRUTH_EVENT = "ground_truth"
"""Kind of the trace event that holds a building's ground truth (written by ``training.selfplay``)."""


class ExportOptions(BaseModel):
    """What ``autobm export`` writes."""

    kind: Kind = Field(description="sft, grpo or pairs")
    format: Literal["trl", "verl"] = Field("trl", description="trl: conversational JSON lines; verl: Parquet")
    test_fraction: float = Field(0.1, ge=0.0, le=1.0, description="share of the specs (buildings) put in test, 0..1")
    seed: int = Field(0, description="seed of the train/test draw")
    bench: str | None = Field(None, description="held-out bench JSONL whose specs never go to train "
                                                "(default: the bench shipped with autobm)")


class ExportSummary(BaseModel):
    kind: str
    format: str
    runs: int = Field(description="runs read from the trace store")
    examples: dict[str, int] = Field(description="examples by kind before deduplication (final, repair, grpo, pair)")
    duplicates: int = Field(description="examples dropped as repeats of an earlier one")
    train: int
    test: int
    train_specs: int
    test_specs: int
    bench_examples: int = Field(description="examples on held-out bench specs (kept out of train)")
    skipped: dict[str, int] = Field(default_factory=dict, description="runs or rows left out, by reason")
    files: list[str] = Field(default_factory=list)

    def line(self) -> str:
        made = ", ".join(f"{v} {k}" for k, v in self.examples.items()) or "none"
        skipped = "; skipped: " + ", ".join(f"{v} {k}" for k, v in self.skipped.items()) if self.skipped else ""
        return (f"{self.kind}: {self.train + self.test} examples ({made}) from {self.runs} runs, {self.duplicates} "
                f"duplicates dropped; train {self.train} ({self.train_specs} specs), test {self.test} "
                f"({self.test_specs} specs); {self.bench_examples} on held-out bench specs, kept out of train{skipped}")


# --- answers in the drafter's format -----------------------------------------------------------


def canonical_answer(think: str, code: str) -> str:
    """The answer format of AutoBM-Seed-Coder-8B-R, strict tier: think, then the script in the answer block.

    >>> canonical_answer("plan", "print(1)\\n")
    '<think>\\nplan\\n</think>\\n<answer>\\n```python\\nprint(1)\\n```\\n</answer>'
    """
    return f"<think>\n{think.strip()}\n</think>\n<answer>\n```python\n{code.rstrip()}\n```\n</answer>"


def _g(value: float) -> str:
    return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"


def think_from_spec(spec: BuildingSpec) -> str:
    """A short plan of the model, written from the spec: what is modelled, the masses, what was assumed.

    No code (the AutoBM format reward is 0 for code inside <think>) and nothing the spec does not say.
    """
    from autobm.agent.drafting import eigen_mode_count  # noqa: PLC0415
    from autobm.agent.checks import code_period_band  # noqa: PLC0415

    n = spec.stories
    lines = [f"The building: {spec.summary()}."]
    masses = spec.seismic_floor_masses_kg()
    if spec.system == "shear_building":
        lines.append(f"A shear building: a stick of {n + 1} nodes along the height, the base fixed and every floor free "
                     f"only in horizontal translation; each story is one elastic element whose lateral stiffness "
                     f"12EI/h^3 equals the given story stiffness ({_g(min(spec.story_stiffnesses_n_per_m or [0]))} to "
                     f"{_g(max(spec.story_stiffnesses_n_per_m or [0]))} N/m).")
    else:
        nx = len(spec.bay_widths_x_m) + 1
        if spec.dimensions == 2:
            grid, frame = nx, "one plane frame in the X-Y plane, Y vertical (ndm 2, ndf 3)"
            beams = (nx - 1) * n
        else:
            ny = len(spec.bay_widths_y_m) + 1
            grid, frame = nx * ny, "a space frame, Z vertical (ndm 3, ndf 6)"
            beams = ((nx - 1) * ny + (ny - 1) * nx) * n
        lines.append(f"Model {frame}: {grid} column lines on {n + 1} levels, {grid * (n + 1)} nodes, the base nodes "
                     f"fixed; {grid * n} columns and {beams} beams as elastic beam-columns with linear transforms.")
        if spec.material is not None:
            grade = spec.material.concrete_grade or spec.material.steel_grade
            lines.append(f"E = {spec.material.elastic_modulus_pa:.4g} Pa" + (f" ({grade})" if grade else "") + ".")
        if spec.sections is not None:
            parts = []
            for kind in ("columns", "beams"):
                for s in getattr(spec.sections, kind):
                    area, inertia, _, _ = s.properties()
                    size = f"{s.b_m:g} x {s.h_m:g} m" if s.b_m is not None and s.h_m is not None else \
                        f"A = {area:.4g} m2, I = {inertia:.4g} m4"
                    parts.append(f"{kind} of stories {s.from_story}-{s.to_story or n}: {size}")
            lines.append("Sections: " + "; ".join(parts) + ".")
        if spec.dimensions == 3 and spec.rigid_diaphragm:
            lines.append("Rigid floor diaphragms: each floor's mass and rotational inertia at a master node at the plan centroid.")
    if spec.floor_masses_kg is None and spec.system != "shear_building":
        lines.append(f"Seismic mass per floor = (dead {_g(spec.dead_load_pa or 0)} Pa + {spec.live_load_mass_factor:g} x "
                     f"live {_g(spec.live_load_pa or 0)} Pa) x {_g(spec.floor_area_m2())} m2 / g = {_g(masses[0])} kg, "
                     f"total {_g(sum(masses))} kg, lumped at the floor nodes, horizontal only.")
    else:
        lines.append(f"Floor masses {_g(min(masses))} to {_g(max(masses))} kg (total {_g(sum(masses))} kg), horizontal only.")
    assumed = [a for a in spec.assumptions if a.field not in ("stiffness", "seismic.damping_ratio")]
    if assumed:
        lines.append("Not given in the description, so assumed: " + "; ".join(
            f"{a.field} ({a.reason.split(':')[0]})" for a in assumed[:8]) + ("; ..." if len(assumed) > 8 else "") + ".")
    modes, _ = eigen_mode_count(spec)
    band = code_period_band(spec)
    check = f" The code formula gives T1 about {band.nominal_s:.2f} s (band {band.low_s:.2f}-{band.high_s:.2f} s); " \
            "a bare frame is usually longer." if band else ""
    lines.append(f"Then an eigen analysis of {modes} modes, T = 2 pi / sqrt(lambda), printing each mode's period and T1."
                 + check)
    return "\n".join(lines)


def _failure_summary(attempt: _Attempt) -> str:
    ex = attempt.execution or {}
    if not ex.get("ok") and (ex.get("error_type") or ex.get("error")):
        where = f" at line {ex['error_line']}" if ex.get("error_line") else ""
        return f"{ex.get('error_type') or 'no code'}{where}: {(ex.get('error_message') or ex.get('error') or '')[:200]}"
    failed = [c for c in attempt.checks if c.get("status") == "failed"]
    return "failed checks: " + "; ".join(
        f"{c['id']} (measured {c.get('value')}, limit {c.get('limit')})" for c in failed[:4]) if failed else "it failed"


def _think_for_repair(failed: _Attempt, fix: str | None) -> str:
    lines = [f"The previous script did not pass: {_failure_summary(failed)}."]
    if fix:
        lines.append(f"Fix: {fix.rstrip('.')}.")
    lines.append("The corrected script below keeps the model otherwise as it was, runs the eigen analysis and prints "
                 "each mode's period and T1.")
    return "\n".join(lines)


# --- a trace, read back into attempts ---------------------------------------------------------


@dataclass
class _Attempt:
    """One executed and checked draft of a run, as its events recorded it."""

    source: str
    spec: dict[str, Any] | None = None  # the spec it was drafted for; None after sizing changed it (not recorded)
    code: str | None = None
    completion: str | None = None
    prompt: list[dict[str, str]] | None = None
    fix: str | None = None
    execution: dict[str, Any] | None = None
    checks: list[dict[str, Any]] = field(default_factory=list)
    status: str = "failed"


def _attempts(trace: Trace) -> list[_Attempt]:
    from autobm.agent.extraction import extract_code  # noqa: PLC0415

    attempts: list[_Attempt] = []
    pending: _Attempt | None = None
    prompt: list[dict[str, str]] | None = None
    spec: dict[str, Any] | None = None  # in force: the parsed spec, until sizing enlarges its sections
    for event in trace.events:
        p = event.payload
        if event.node == "model_parse":
            continue
        if event.kind == "spec":
            spec = p.get("spec")
        elif event.kind == "prompt":
            prompt = p.get("messages")
        elif event.kind == "completion":
            text = p.get("text") or ""
            pending = _Attempt(source="model", spec=spec, completion=text, prompt=prompt, code=extract_code(text).code)
        elif event.kind == "draft" and p.get("source") != "model":
            pending = _Attempt(source=p.get("source", "reference"), spec=spec, code=p.get("code"))
        elif event.kind == "repair":
            if p.get("kind") == "sizing":
                spec = None
            if p.get("kind") == "deterministic":
                pending = _Attempt(source="deterministic", spec=spec, code=p.get("code"),
                                   fix=p.get("description") or p.get("name"))
            elif p.get("kind") in ("sizing", "fallback"):
                pending = _Attempt(source=p["kind"], spec=spec)
        elif event.kind == "execution" and pending is not None:
            pending.execution = p
        elif event.kind == "checks" and pending is not None:
            pending.status, pending.checks = p.get("status", "failed"), p.get("checks", [])
            attempts.append(pending)
            pending = None
    return attempts


def _repair_message(failed: _Attempt, spec: BuildingSpec) -> str:
    """The repair turn the model would have been given after ``failed`` (``prompts.repair_prompt``)."""
    from autobm.agent.checks import CheckResult  # noqa: PLC0415
    from autobm.agent.pipeline import ExecutionSummary, RunResult  # noqa: PLC0415
    from autobm.agent.prompts import repair_prompt  # noqa: PLC0415

    ex = failed.execution or {}
    if failed.code is None:
        return repair_prompt(None, extraction_problem=ex.get("error") or "no python code block")
    summary = ExecutionSummary.model_validate({k: v for k, v in ex.items() if k in ExecutionSummary.model_fields})
    result = RunResult(status="failed", spec=spec, assumptions=[], drafter="model", execution=summary,
                       checks=[CheckResult.model_validate(c) for c in failed.checks], stderr=ex.get("stderr") or "")
    return repair_prompt(result)


def _same_code(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.rstrip() == b.rstrip()


def _same_spec(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Whether two recorded specs are the same building (None: not known, never the same)."""
    return a is not None and b is not None and json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _verified_answer(attempt: _Attempt, code: str, think: str, *, turns: int) -> str:
    """The model's own answer when it was verified as written in the strict format, in answer to a prompt of
    ``turns`` messages; else the canonical one with ``think``."""
    from autobm.agent.extraction import extract_code  # noqa: PLC0415

    if attempt.source == "model" and attempt.completion and _same_code(attempt.code, code) \
            and attempt.prompt is not None and len(attempt.prompt) == turns \
            and extract_code(attempt.completion).format == "strict":
        return attempt.completion
    return canonical_answer(think, code)


def _user(content: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": content}]


def _assistant(content: str) -> list[dict[str, str]]:
    return [{"role": "assistant", "content": content}]


@dataclass
class Example:
    """One row to write, with what the split and the manifest need."""

    kind: str  # final, repair, grpo or pair
    spec_key: str
    run_id: str
    row: dict[str, Any]

    def identity(self) -> str:
        keys = ("prompt",) if self.kind == "grpo" else ("prompt", "completion", "chosen", "rejected")
        content = {k: self.row[k] for k in keys if k in self.row}
        return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


SIZED_PAIR = "pair left out: the verified script is for the spec as sizing enlarged it, not the rejected answer's"


def examples_from_trace(trace: Trace, kind: Kind) -> tuple[list[Example], str | None]:
    """The examples of one run, and why there are none (a reason) when it gives none."""
    examples, reasons = _examples(trace, kind)
    return examples, None if examples else (reasons[0] if reasons else None)


def _examples(trace: Trace, kind: Kind) -> tuple[list[Example], list[str]]:
    """The examples of one run, and a reason for each run or example left out."""
    from autobm.agent.prompts import draft_prompt  # noqa: PLC0415
    from autobm.agent.spec import BuildingSpec  # noqa: PLC0415
    from autobm.training.sampler import spec_key  # noqa: PLC0415

    if kind == "grpo":
        event = next((e for e in reversed(trace.events) if e.kind == GROUND_TRUTH_EVENT), None)
        if event is None:
            return [], ["no ground truth"]
        building = event.payload.get("building") or {}
        truth = building.get("ground_truth") or {}
        if truth.get("t1_s") is None:
            return [], ["no reference period"]
        spec = BuildingSpec.model_validate(building["spec"])
        row = {"prompt": _user(draft_prompt(spec)), "spec": json.dumps(building["spec"], ensure_ascii=False),
               "ground_truth": json.dumps(truth, ensure_ascii=False)}
        return [Example("grpo", building.get("spec_key") or spec_key(spec), trace.run_id, row)], []

    if trace.status != "verified" or not trace.spec or not trace.result or not trace.result.get("code"):
        return [], [f"not verified ({trace.status})"]
    spec = BuildingSpec.model_validate(trace.spec)
    key = spec_key(spec)
    code: str = trace.result["code"]
    attempts = _attempts(trace)
    best_round = trace.result.get("best_round", len(attempts) - 1)
    if not 0 <= best_round < len(attempts) or not _same_code(attempts[best_round].code or code, code):
        best_round = next((i for i in range(len(attempts) - 1, -1, -1) if attempts[i].status == "verified"), -1)
    if best_round < 0:
        return [], ["verified attempt not found in the events"]
    best = attempts[best_round]
    # the verified script models trace.spec (sizing may have enlarged the sections since the model was prompted):
    # a prompt recorded for another spec is never paired with it
    draft = next((a for a in attempts if a.source == "model" and a.prompt and len(a.prompt) == 1
                  and _same_spec(a.spec, trace.spec)), None)
    first_prompt = draft.prompt if best.source in ("model", "deterministic") and draft is not None \
        else _user(draft_prompt(spec))
    final = _verified_answer(best, code, think_from_spec(spec), turns=1)
    out: list[Example] = []
    reasons: list[str] = []

    def repair_turn(failed: _Attempt) -> list[dict[str, str]] | None:
        """The multi-turn prompt after a failed model answer: its own prompt, the answer, the repair message."""
        if failed.source != "model" or not failed.completion or not failed.prompt \
                or not _same_spec(failed.spec, trace.spec):
            return None
        return [*failed.prompt, *_assistant(failed.completion), *_user(_repair_message(failed, spec))]

    if kind == "sft":
        out.append(Example("final", key, trace.run_id, {"prompt": first_prompt, "completion": _assistant(final)}))
        if best_round >= 1:
            previous = attempts[best_round - 1]
            if best.source == "model" and best.prompt and len(best.prompt) > 1 and _same_spec(best.spec, trace.spec):
                answer = _verified_answer(best, code, _think_for_repair(previous, None), turns=len(best.prompt))
                out.append(Example("repair", key, trace.run_id, {"prompt": best.prompt, "completion": _assistant(answer)}))
            elif best.source == "deterministic" and (turns := repair_turn(previous)) is not None:
                answer = canonical_answer(_think_for_repair(previous, best.fix), code)
                out.append(Example("repair", key, trace.run_id, {"prompt": turns, "completion": _assistant(answer)}))
        return out, reasons

    for i, failed in enumerate(attempts[:best_round]):
        if failed.source != "model" or not failed.completion or failed.status == "verified" \
                or _same_code(failed.code, code) or not failed.prompt:
            continue
        if not _same_spec(failed.spec, trace.spec):
            reasons.append(SIZED_PAIR)
            continue
        if len(failed.prompt) == 1:
            chosen = final
        else:
            chosen = canonical_answer(_think_for_repair(attempts[i - 1], None), code) if i else final
        out.append(Example("pair", key, trace.run_id, {"prompt": failed.prompt, "chosen": _assistant(chosen),
                                                       "rejected": _assistant(failed.completion)}))
    return out, (reasons or ([] if out else ["no failed model answer"]))


# --- the split and the files --------------------------------------------------------------------


def split_of(key: str, *, test_fraction: float, seed: int = 0, held_out: frozenset[str] = frozenset()) -> str:
    """'train' or 'test' for a spec key: held-out keys are always 'test', the rest by a hash of (seed, key).

    >>> split_of("abc", test_fraction=0.0), split_of("abc", test_fraction=1.0)
    ('train', 'test')
    >>> split_of("abc", test_fraction=0.0, held_out=frozenset({"abc"}))
    'test'
    """
    if key in held_out:
        return "test"
    draw = int(hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()[:12], 16) / 16**12
    return "test" if draw < test_fraction else "train"


def _runs(store: TraceStore) -> Iterator[Trace]:
    """Every finished run, oldest first."""
    for summary in reversed(store.list_runs(limit=2**62)):
        if summary.status in ("verified", "failed"):
            trace = store.get_run(summary.run_id)
            if trace is not None:
                yield trace


def _check_sqlite_store(path: Path) -> None:
    """Refuse a file that is not a trace store, without creating anything in it (read-only)."""
    import sqlite3  # noqa: PLC0415

    from autobm.agent.errors import SpecError  # noqa: PLC0415

    if not path.is_file():
        raise SpecError(f"--db {path}: no such trace store")
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise SpecError(f"--db {path}: not a SQLite trace store ({exc})") from None
    if "autobm_runs" not in tables:
        raise SpecError(f"--db {path}: no runs in it (it has no autobm trace tables): give the store that autobm "
                        "selfplay, run or batch wrote")


def _verl_row(example: Example, kind: str, split: str, index: int) -> dict[str, Any]:
    row = example.row
    meta = {"split": split, "index": index, "spec_key": example.spec_key, "run_id": example.run_id,
            "kind": example.kind}
    if kind == "grpo":
        truth = json.loads(row["ground_truth"])
        return {"data_source": DATA_SOURCE, "prompt": row["prompt"], "ability": ABILITY,
                "reward_model": {"style": "rule", "ground_truth": f"{truth['t1_s']:.6g}"},
                "extra_info": {**meta, "spec": row["spec"], "ground_truth": row["ground_truth"]}}
    prompt, answer = row["prompt"], row["completion"][0]["content"]
    question = prompt[-1]["content"] if len(prompt) == 1 else "\n\n".join(
        f"[{turn['role']}]\n{turn['content']}" for turn in prompt)
    return {"data_source": DATA_SOURCE, "question": question, "answer": answer, "messages": [*prompt, *row["completion"]],
            "ability": ABILITY, "extra_info": meta}


def _write(out: Path, splits: dict[str, list[dict[str, Any]]], fmt: str) -> list[Path]:
    """``train`` and ``test`` files: JSON lines (trl), or Parquet with one schema for both (verl)."""
    from autobm.agent.report import write_atomic  # noqa: PLC0415

    if fmt == "trl":
        for split, rows in splits.items():
            write_atomic(out / f"{split}.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        return [out / f"{split}.jsonl" for split in splits]
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    table = pa.Table.from_pylist([row for rows in splits.values() for row in rows])
    start = 0
    for split, rows in splits.items():
        pq.write_table(table.slice(start, len(rows)), out / f"{split}.parquet")
        start += len(rows)
    return [out / f"{split}.parquet" for split in splits]


def export(db: str | None, out_dir: str | Path, options: ExportOptions) -> ExportSummary:
    """Read every finished run of the trace store ``db`` and write the ``options.kind`` data set to ``out_dir``."""
    from autobm.agent.errors import SpecError  # noqa: PLC0415
    from autobm.training.sampler import bench_keys, bench_path  # noqa: PLC0415
    from autobm.training.traces import TraceStore, default_db_path, display_target  # noqa: PLC0415

    if options.kind == "pairs" and options.format == "verl":
        raise SpecError("--format verl: verl has no preference-pair trainer; write pairs with --format trl")
    if options.bench is not None and not Path(options.bench).is_file():
        raise SpecError(f"--bench {options.bench}: no such file")
    held_out = bench_keys(options.bench)
    target = db or str(default_db_path())
    if not str(target).startswith(("postgresql://", "postgres://")):
        _check_sqlite_store(Path(target).expanduser())
    made: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    seen: set[str] = set()
    duplicates = runs = verified = 0
    splits: dict[str, list[Example]] = {"train": [], "test": []}
    with TraceStore(target) as store:
        for trace in _runs(store):
            runs += 1
            verified += trace.status == "verified"
            examples, reasons = _examples(trace, options.kind)
            skipped.update(reasons)
            for example in examples:
                made[example.kind] += 1
                identity = example.identity()
                if identity in seen:
                    duplicates += 1
                    continue
                seen.add(identity)
                split = split_of(example.spec_key, test_fraction=options.test_fraction, seed=options.seed, held_out=held_out)
                splits[split].append(example)
    where = display_target(target)
    if runs == 0:
        raise SpecError(f"no finished runs in {where}: nothing to export (autobm selfplay, run or batch with --db "
                        "records them)")
    if options.kind != "grpo" and verified == 0:
        raise SpecError(f"no verified runs in {where} ({runs} finished runs, none verified): {options.kind} examples "
                        "are made from verified code; nothing written")
    if not made:
        why = "; ".join(f"{count} {reason}" for reason, count in skipped.most_common())
        raise SpecError(f"no {options.kind} examples in the {runs} runs of {where} ({why}); nothing written")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows = {split: [_verl_row(e, options.kind, split, i) if options.format == "verl" else e.row
                    for i, e in enumerate(examples)] for split, examples in splits.items()}
    files = [str(path) for path in _write(out, rows, options.format)]
    manifest_rows = {split: [{"spec_key": e.spec_key, "run_id": e.run_id, "kind": e.kind} for e in examples]
                     for split, examples in splits.items()}
    summary = ExportSummary(
        kind=options.kind, format=options.format, runs=runs, examples=dict(made), duplicates=duplicates,
        train=len(splits["train"]), test=len(splits["test"]),
        train_specs=len({e.spec_key for e in splits["train"]}), test_specs=len({e.spec_key for e in splits["test"]}),
        bench_examples=sum(e.spec_key in held_out for e in splits["test"]), skipped=dict(skipped), files=files)
    manifest = out / "manifest.json"
    bench_file = Path(options.bench) if options.bench is not None else bench_path()
    manifest.write_text(json.dumps({"options": options.model_dump(), "db": str(target), "summary": summary.model_dump(),
                                    "held_out_bench": {"file": str(bench_file), "buildings": len(held_out)},
                                    "rows": manifest_rows}, indent=1, ensure_ascii=False), encoding="utf-8")
    summary.files.append(str(manifest))
    return summary


# --- command line ------------------------------------------------------------------------------


def add_export_arguments(p: argparse.ArgumentParser) -> None:
    """``autobm export``'s arguments."""
    p.add_argument("kind", choices=KINDS, help="sft: spec -> verified code (and repair turns); grpo: prompts with "
                                               "ground truth; pairs: failed vs verified answers")
    p.add_argument("--db", help="trace store: SQLite file or postgresql:// URL (default: $AUTOBM_HOME/autobm.sqlite)")
    p.add_argument("--out", "-o", required=True, help="output folder: train and test files, manifest.json")
    p.add_argument("--format", choices=("trl", "verl"), default="trl",
                   help="trl: conversational JSON lines (default); verl: Parquet in the AutoBM release's layout")
    p.add_argument("--test-fraction", type=float, default=0.1, help="share of the buildings (specs) in test (default 0.1)")
    p.add_argument("--seed", type=int, default=0, help="seed of the train/test draw (default 0)")
    p.add_argument("--bench", help="held-out bench JSONL whose specs never go to train (default: the shipped bench)")


def export_command(args: argparse.Namespace) -> int:
    from autobm.agent.errors import SpecError  # noqa: PLC0415

    if not 0.0 <= args.test_fraction <= 1.0 or math.isnan(args.test_fraction):
        raise SpecError(f"--test-fraction = {args.test_fraction}: allowed 0 to 1")
    options = ExportOptions(kind=args.kind, format=args.format, test_fraction=args.test_fraction, seed=args.seed,
                            bench=args.bench)
    summary = export(args.db, args.out, options)
    print(summary.line())
    print("wrote " + ", ".join(summary.files))
    # the split is a hash draw per building (stable across exports), so few buildings can leave a side empty
    for side, count in (("train", summary.train), ("test", summary.test)):
        wanted = options.test_fraction if side == "test" else 1.0 - options.test_fraction
        if count == 0 and wanted > 0 and summary.train + summary.test > 0:
            print(f"autobm export: warning: the {side} split is empty ({summary.train_specs + summary.test_specs} "
                  f"buildings split by a hash draw at --test-fraction {options.test_fraction:g}); export more "
                  "buildings or choose another --seed", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:  # pragma: no cover  (autobm export is the entry point)
    parser = argparse.ArgumentParser(prog="python -m autobm.training.datasets")
    add_export_arguments(parser)
    return export_command(parser.parse_args(argv))
