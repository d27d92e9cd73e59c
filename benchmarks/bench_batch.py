"""Throughput of batch runs: the local pool with 1 and 2 workers against a serial loop, a
1,000-building portfolio, and Ray against the local pool; peak memory of each.

    python benchmarks/bench_batch.py                 # 100 buildings per comparison, 1,000 for the portfolio
    python benchmarks/bench_batch.py --n 40 --big 200 --no-ray

Every run uses the reference drafter (no model) on buildings from
``examples/portfolios/generate.py`` (fixed seed). The serial loop is one warm agent in this
process, building after building, with the same outputs written (model.py, summary.md,
result.json, a journal line): the baseline the pool has to beat. Memory is the peak of the
proportional set size (PSS: shared pages split between the processes sharing them) summed
over this process and all its descendants (workers, sandbox zygotes, Ray's daemons),
sampled every 0.1 s. Prints a table and writes benchmarks/results/batch.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples" / "portfolios"))

from generate import portfolio, write_csv  # noqa: E402

from autobm.agent.portfolio import BuildingRow, building_row, read_portfolio  # noqa: E402
from autobm.graphs.api import Agent, AgentOptions  # noqa: E402
from autobm.agent.report import write_run_outputs  # noqa: E402
from autobm.graphs.batch import BatchOptions, Journal, run_batch  # noqa: E402


class PeakMemory:
    """Peak PSS of this process and its descendants, sampled in a thread."""

    def __init__(self, every_s: float = 0.1) -> None:
        self.every_s = every_s
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, tree_pss_mb(os.getpid()))
            self._stop.wait(self.every_s)


def tree_pss_mb(root: int) -> float:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) / 1024
                    break
        except OSError:
            continue
    return total


def serial(source: Path, out: Path) -> list[BuildingRow]:
    """The baseline: one agent in this process, one building after another, same outputs."""
    entries = read_portfolio(source)
    journal = Journal(out / "journal.jsonl")
    options = AgentOptions(db=str(out / "traces.sqlite"), checkpoint=False)
    with Agent(options) as agent:
        for entry in entries:
            t0 = time.perf_counter()
            result = agent.run(entry.text, spec=entry.spec if entry.text is None else None)
            row = building_row(entry, result, time.perf_counter() - t0)
            write_run_outputs(result, out / "buildings" / entry.folder, html_report=False)
            journal.append(entry, row)
    journal.close()
    return list(journal.rows.values())


def measure(name: str, n: int, work: Callable[[Path], list[BuildingRow]]) -> dict:
    with tempfile.TemporaryDirectory(prefix="autobm-bench-batch-") as tmp:
        out = Path(tmp) / "out"
        with PeakMemory() as memory:
            t0 = time.perf_counter()
            done = work(out)
            seconds = time.perf_counter() - t0
    verified = sum(r.status == "verified" for r in done)
    row = {"name": name, "buildings": n, "seconds": round(seconds, 2), "buildings_per_s": round(n / seconds, 2),
           "peak_memory_mb": round(memory.peak_mb, 1), "verified": verified}
    print(f"  {name:<34} {n:>6} {seconds:>9.1f} {n / seconds:>10.2f} {memory.peak_mb:>10.0f}", flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100, help="buildings for the serial / pool / Ray comparison")
    parser.add_argument("--big", type=int, default=1000, help="buildings of the large portfolio (0: skip)")
    parser.add_argument("--no-ray", action="store_true", help="skip the Ray engine")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "batch.json"))
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="autobm-bench-portfolios-") as tmp:
        small, big = Path(tmp) / "small.csv", Path(tmp) / "big.csv"
        write_csv(portfolio(args.n, seed=11), small)
        write_csv(portfolio(args.big, seed=2026), big)
        print(f"  {'run':<34} {'bldgs':>6} {'seconds':>9} {'bldg/s':>10} {'peak MB':>10}")
        rows = [measure("serial loop (1 process)", args.n, lambda out: serial(small, out))]
        for workers in (1, 2):
            rows.append(measure(f"local pool, {workers} worker(s)", args.n,
                                lambda out, w=workers: run_batch(small, out, BatchOptions(workers=w)).rows))
        if args.big:  # before Ray, whose daemons go on working for a while after it shuts down
            rows.append(measure(f"portfolio, local pool, {cores} workers", args.big,
                                lambda out: run_batch(big, out, BatchOptions(workers=cores)).rows))
        if not args.no_ray:
            rows.append(measure("ray, 2 workers (local instance)", args.n,
                                lambda out: run_batch(small, out, BatchOptions(workers=2, engine="ray")).rows))
    by = {r["name"]: r for r in rows}
    base = by["serial loop (1 process)"]["buildings_per_s"]
    pool2 = by["local pool, 2 worker(s)"]["buildings_per_s"]
    result = {
        "rows": rows,
        "pool1_vs_serial": round(by["local pool, 1 worker(s)"]["buildings_per_s"] / base, 3),
        "pool2_vs_serial": round(pool2 / base, 3),
        "ray_vs_pool2": (round(by["ray, 2 workers (local instance)"]["buildings_per_s"] / pool2, 3)
                         if not args.no_ray else None),
        "big_portfolio_seconds": by[f"portfolio, local pool, {cores} workers"]["seconds"] if args.big else None,
        "machine": f"{platform.machine()}, {cores} cores, Python {platform.python_version()}",
    }
    print(f"\n  local pool vs serial loop: 1 worker {result['pool1_vs_serial']:.2f}x, 2 workers "
          f"{result['pool2_vs_serial']:.2f}x" + (f"; Ray vs local pool (2 workers): {result['ray_vs_pool2']:.2f}x"
                                                  if result["ray_vs_pool2"] else ""))
    if args.big:
        print(f"  {args.big}-building portfolio: {result['big_portfolio_seconds']:.1f} s on {cores} cores (target < 60 s)")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(f"  wrote {args.out}")


if __name__ == "__main__":
    main()
