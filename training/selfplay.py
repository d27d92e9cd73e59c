"""Self-play: sample new buildings, run the agent over them with traces, and keep their ground truth.

    autobm selfplay --n 200 --seed 7 --out runs/sp7 --workers 2                   # the reference drafter
    autobm selfplay --n 200 --model AutoBM-Seed-Coder-8B-R --base-url http://gpu:8000/v1 --max-repairs 2

``run_selfplay`` samples ``n`` buildings (``training.sampler``; never one whose spec key is in
the held-out bench, so no test building leaks into training), computes each one's ground
truth (the reference model through ``run_spec``, the code's period band, drift limit and
mass), writes them as a portfolio, and runs the agent over it with ``graphs.batch.run_batch``
(same options as ``autobm batch``; parallel, resumable). Traces go to the trace store
(default ``default_db_path()``, the one ``autobm export`` reads; ``db`` for another).

Ground truth is stored twice, for people and for exports:

- ``OUT/buildings.jsonl``: one ``SampledBuilding`` a line (id, text, language, units,
  difficulty, spec, spec_key, ground_truth);
- in the trace store, as an event of the building's run: node ``selfplay``, kind
  ``ground_truth``, payload ``{"building": <that SampledBuilding as JSON>, "sampler":
  {"seed", "difficulty", "profile"}}``. ``training.datasets`` reads it for GRPO prompts.

Other files in OUT: ``portfolio.jsonl`` (id and text: what the batch reads), ``selfplay.json``
(the settings; the same command again resumes, other settings into the same OUT are refused)
and the batch's own outputs (``buildings/ID/``, ``summary.csv``, ``report.html``, ``journal.jsonl``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from autobm.graphs.api import AgentOptions
    from autobm.training.sampler import SampledBuilding

__all__ = ["SelfPlaySummary", "add_selfplay_arguments", "run_selfplay", "selfplay_command"]

SETTINGS_FILE = "selfplay.json"
BUILDINGS_FILE = "buildings.jsonl"
PORTFOLIO_FILE = "portfolio.jsonl"
GROUND_TRUTH_EVENT = "ground_truth"


class SelfPlaySummary(BaseModel):
    out: str = Field(description="the output folder")
    db: str = Field(description="the trace store the runs went to")
    buildings: int
    counts: dict[str, int] = Field(description="buildings by agent status (verified, failed, ...)")
    reference_verified: int = Field(description="buildings whose reference model verified")
    ground_truth_events: int = Field(description="ground truth events written to the trace store by this call")
    seconds: float
    sampled: bool = Field(description="the buildings were sampled now (False: read back from OUT on resume)")


def _settings(n: int, seed: int, difficulty: int | None) -> dict[str, Any]:
    from autobm.training.sampler import bench_path  # noqa: PLC0415

    bench = bench_path()
    return {"n": n, "seed": seed, "difficulty": difficulty, "profile": "selfplay",
            "bench": bench.name if bench.is_file() else None}


def _prepare(out: Path, n: int, seed: int, difficulty: int | None, workers: int | None,
             log: Callable[[str], None]) -> tuple[list[SampledBuilding], bool]:
    """The buildings of this self-play run: read back from OUT, or sampled with their ground truth."""
    from autobm.agent.errors import SpecError  # noqa: PLC0415
    from autobm.agent.report import write_atomic  # noqa: PLC0415
    from autobm.training.sampler import attach_ground_truth, bench_keys, load_buildings, sample_buildings  # noqa: PLC0415

    settings = _settings(n, seed, difficulty)
    settings_path, buildings_path = out / SETTINGS_FILE, out / BUILDINGS_FILE
    if settings_path.is_file() and buildings_path.is_file():
        before = json.loads(settings_path.read_text(encoding="utf-8"))
        if before != settings:
            raise SpecError(f"{out} holds a self-play run with other settings ({before}); "
                            f"give another --out for {settings}, or the same settings to resume")
        return load_buildings(buildings_path), False
    log(f"autobm selfplay: sampling {n} buildings (seed {seed}, difficulty {difficulty or 'mixed'}) "
        f"and running their reference models for ground truth")
    t0 = time.perf_counter()
    buildings = sample_buildings(n, seed, difficulty=difficulty, exclude_keys=bench_keys())
    buildings = attach_ground_truth(buildings, workers=workers)
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(buildings_path, "".join(b.model_dump_json() + "\n" for b in buildings))
    write_atomic(out / PORTFOLIO_FILE, "".join(json.dumps({"id": b.id, "text": b.text}, ensure_ascii=False) + "\n"
                                               for b in buildings))
    write_atomic(settings_path, json.dumps(settings, indent=1) + "\n")
    log(f"autobm selfplay: ground truth of {n} buildings in {time.perf_counter() - t0:.1f} s")
    return buildings, True


def ground_truth_payload(building: SampledBuilding, seed: int, difficulty: int | None) -> dict[str, Any]:
    return {"building": building.model_dump(mode="json"),
            "sampler": {"seed": seed, "difficulty": difficulty, "profile": "selfplay"}}


def run_selfplay(n: int, out_dir: str | os.PathLike[str], agent: AgentOptions | None = None, *, seed: int = 0,
                 difficulty: int | None = None, workers: int | None = None,
                 on_row: Callable[[Any, int, int], None] | None = None,
                 on_start: Callable[[int, int], None] | None = None,
                 log: Callable[[str], None] = lambda line: None) -> SelfPlaySummary:
    """Sample ``n`` buildings (bench excluded), compute their ground truth, run the agent over them with traces.

    ``agent`` are the agent's options (drafting model, repairs, timeout); its ``db`` is the
    trace store (None: ``default_db_path()``). Resumable: the same call again goes on.
    """
    from autobm.agent.errors import SpecError  # noqa: PLC0415
    from autobm.graphs.api import AgentOptions  # noqa: PLC0415
    from autobm.graphs.batch import BatchOptions, run_batch  # noqa: PLC0415
    from autobm.training.traces import TraceStore, default_db_path  # noqa: PLC0415

    if not 1 <= n <= 1_000_000:
        raise SpecError(f"--n = {n}: allowed 1 to 1000000")
    if difficulty is not None and difficulty not in (1, 2, 3):
        raise SpecError(f"--difficulty = {difficulty}: allowed 1, 2 or 3")
    if workers is not None and workers < 1:
        raise SpecError(f"--workers = {workers}: allowed 1 or more")
    t0 = time.perf_counter()
    out = Path(out_dir)
    buildings, sampled = _prepare(out, n, seed, difficulty, workers, log)
    by_id = {b.id: b for b in buildings}
    agent = (agent or AgentOptions()).model_copy()
    db = agent.db or str(default_db_path())
    agent = agent.model_copy(update={"db": db})
    attached: set[str] = set()
    written = 0
    with TraceStore(db) as store:
        def attach(row: Any, done: int, total: int) -> None:
            nonlocal written
            building = by_id.get(row.id)
            if building is not None and row.thread_id and row.thread_id not in attached:
                store.event(row.thread_id, "selfplay", GROUND_TRUTH_EVENT, ground_truth_payload(building, seed, difficulty))
                attached.add(row.thread_id)
                written += 1
            if on_row is not None:
                on_row(row, done, total)

        summary = run_batch(out / PORTFOLIO_FILE, out, BatchOptions(agent=agent, workers=workers, traces=True),
                            on_row=attach, on_start=on_start)
        for row in summary.rows:  # runs of an earlier, interrupted call whose event may be missing
            if row.thread_id and row.thread_id not in attached and row.id in by_id:
                trace = store.get_run(row.thread_id)
                if trace is not None and not any(e.kind == GROUND_TRUTH_EVENT for e in trace.events):
                    store.event(row.thread_id, "selfplay", GROUND_TRUTH_EVENT,
                                ground_truth_payload(by_id[row.id], seed, difficulty))
                    written += 1
    return SelfPlaySummary(
        out=str(out), db=db, buildings=len(buildings), counts=summary.counts,
        reference_verified=sum(1 for b in buildings if b.ground_truth and b.ground_truth.reference_status == "verified"),
        ground_truth_events=written, seconds=round(time.perf_counter() - t0, 3), sampled=sampled)


# --- command line ------------------------------------------------------------------------------


def add_selfplay_arguments(p: argparse.ArgumentParser) -> None:
    """``autobm selfplay``'s own arguments (the drafting-model options are added by the CLI)."""
    p.add_argument("--n", type=int, required=True, help="buildings to sample and run")
    p.add_argument("--seed", type=int, default=0, help="sampler seed (default 0): same seed, same buildings")
    p.add_argument("--difficulty", type=int, choices=(1, 2, 3), default=None,
                   help="1 all explicit, 2 some code defaults, 3 irregular, US units, more assumed (default: mixed)")
    p.add_argument("--out", "-o", help="output folder (default: runs/selfplay-sS[-dD]-nN): buildings.jsonl with "
                                       "ground truth, portfolio.jsonl, the batch outputs; run again to resume")
    p.add_argument("--workers", "-j", type=int, default=None, help="buildings in parallel (default: CPU cores)")
    p.add_argument("--db", help="trace store: SQLite file or postgresql:// URL (default: $AUTOBM_HOME/autobm.sqlite, "
                                "where autobm export looks)")
    p.add_argument("--timeout", type=float, default=None, help="wall-clock limit per script run, s (default 30)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no failure lines")


def default_out(args: argparse.Namespace) -> str:
    return f"runs/selfplay-s{args.seed}" + (f"-d{args.difficulty}" if args.difficulty else "") + f"-n{args.n}"


def selfplay_command(args: argparse.Namespace, agent: AgentOptions, progress: Any) -> int:
    """``autobm selfplay``: ``agent`` from the CLI's model options, ``progress`` its batch progress bar."""
    out = args.out or default_out(args)
    log = (lambda line: None) if args.quiet else (lambda line: print(line, file=sys.stderr, flush=True))
    try:
        summary = run_selfplay(args.n, out, agent, seed=args.seed, difficulty=args.difficulty, workers=args.workers,
                               on_row=progress, on_start=progress.start, log=log)
    except KeyboardInterrupt:
        progress.finish()
        print(f"autobm selfplay: interrupted; run the same command again to finish ({out})", file=sys.stderr)
        return 130
    progress.finish()
    from autobm.training.traces import display_target  # noqa: PLC0415

    counts = ", ".join(f"{k} {v}" for k, v in sorted(summary.counts.items()))
    print(f"{summary.buildings} buildings: {counts}  (reference models verified: {summary.reference_verified}; "
          f"{summary.seconds:.1f} s)")
    print(f"wrote {Path(out) / BUILDINGS_FILE} (ground truth), {Path(out) / PORTFOLIO_FILE}, {Path(out) / 'summary.csv'}; "
          f"traces and {summary.ground_truth_events} ground truth events in {display_target(summary.db)}")
    return 0
