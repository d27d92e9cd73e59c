"""Time per building of the whole `autobm run` pipeline against bare OpenSees.

Pipeline: draft (reference drafter) -> sandboxed run (fork from the warm parent) ->
inspection (eigen, gravity, lateral-force analyses) -> checks, for N buildings in one
warm process; assumed sections too soft for the drift limit or the period band are enlarged
before the first run where a planar frame analysis predicts it, and after a run that finds it
(then run again), as `autobm run` does. Baseline, same process, the same final models: the drafted script's
build_model() and eigen_periods() in-process, with ops.wipe() between models. For scale, also
the whole script in-process (its gravity and lateral-force analyses and reports too). Prints a
table, writes JSON.

    python benchmarks/bench_pipeline.py [--n 100]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from specs import varied_specs  # noqa: E402

from autobm.agent.opensees import load_opensees  # noqa: E402
from autobm.agent.pipeline import run_spec  # noqa: E402


def bare(codes: list[str], *, whole_script: bool) -> list[float]:
    """Seconds per script in this process: build + eigen (the baseline), or the whole script."""
    ops = load_opensees()
    times = []
    with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
        ops.logFile(os.devnull, "-noEcho")
        for code in codes:
            t0 = time.perf_counter()
            ops.wipe()
            namespace = {"__name__": "__main__" if whole_script else "model"}
            exec(compile(code, "model.py", "exec"), namespace)
            if not whole_script:
                namespace["build_model"]()
                namespace["eigen_periods"]()
            times.append(time.perf_counter() - t0)
    ops.wipe()
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "pipeline.json"))
    args = ap.parse_args()
    specs = varied_specs(args.n)
    run_spec(specs[0])  # warm the zygote
    t0 = time.perf_counter()
    results = [run_spec(s) for s in specs]
    pipeline_s = time.perf_counter() - t0
    bare_s = sum(bare([r.code for r in results], whole_script=False))
    script_s = sum(bare([r.code for r in results], whole_script=True))
    verified = sum(r.status == "verified" for r in results)
    resized = sum(r.sizing_rounds > 0 for r in results)
    runs = sum(r.runs for r in results)
    row = {
        "buildings": args.n, "verified": verified, "sections_enlarged": resized,
        "sizing_rounds": sum(r.sizing_rounds for r in results), "runs": runs,
        "pipeline_s_per_building": pipeline_s / args.n, "bare_s_per_building": bare_s / args.n,
        "ratio_pipeline_to_bare": pipeline_s / bare_s,
        "whole_script_s_per_building": script_s / args.n, "ratio_pipeline_to_whole_script": pipeline_s / script_s,
        "pipeline_median_s": statistics.median(r.timings_s.get("execute_and_inspect", 0) for r in results),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    print(f"{'buildings':>10} {'verified':>9} {'resized':>8} {'runs':>5} {'pipeline ms/bldg':>17} {'build+eigen ms':>15} "
          f"{'ratio':>6} {'whole script ms':>16} {'ratio':>6}")
    print(f"{args.n:>10} {verified:>9} {resized:>8} {runs:>5} {row['pipeline_s_per_building'] * 1e3:>17.2f} "
          f"{row['bare_s_per_building'] * 1e3:>15.2f} {row['ratio_pipeline_to_bare']:>6.2f} "
          f"{row['whole_script_s_per_building'] * 1e3:>16.2f} {row['ratio_pipeline_to_whole_script']:>6.2f}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(row, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
