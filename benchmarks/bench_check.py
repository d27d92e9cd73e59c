"""Throughput of `autobm check` (sandboxed) against a plain process pool without isolation.

Scripts: N valid models from the reference drafter, broken ones (a syntax error, an
OpenSees error, eigen without mass) and one that never ends. Both sides use the same
per-script wall-clock limit and the same number of workers.

- sandbox, exec only: each script forked from the warm parent with limits, Landlock,
  seccomp, fd-level capture; nothing else.
- sandbox + inspection + checks: what `autobm check` does (eigen, gravity and lateral
  analyses of each model, then the checks).
- plain pool (the baseline): multiprocessing fork pool whose warm workers exec() the script
  in-process (openseespy loaded once, ops.wipe() between scripts), SIGALRM for the time limit.
- one interpreter per script: `python model.py` in a subprocess, no isolation, what a user
  checking scripts by hand does (for scale; skip it with --no-interpreters).

    python benchmarks/bench_check.py [--n 300] [--workers 2] [--timeout 2] [--repeat 3]

The plain pool and the exec-only sandbox run alternately, best of --repeat each.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import multiprocessing as mp
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from specs import varied_specs  # noqa: E402

from autobm.agent.drafting import draft_reference  # noqa: E402
from autobm.agent.pipeline import check_scripts  # noqa: E402
from autobm.agent.sandbox import SandboxLimits, run_many  # noqa: E402

BROKEN = [
    "import openseespy.opensees as ops\nops.wipe()\nops.model('basic', '-ndm', 2, '-ndf', 3\nops.node(1, 0, 0)\n",
    "import openseespy.opensees as ops\nops.wipe()\nops.model('basic', '-ndm', 2, '-ndf', 3)\nops.node(1, 0, 0)\n"
    "ops.geomTransf('Linear', 1)\nops.element('elasticBeamColumn', 1, 1, 2, 0.1, 3e10, 1e-3, 1)\n",
    "import openseespy.opensees as ops\nops.wipe()\nops.model('basic', '-ndm', 2, '-ndf', 3)\nops.node(1, 0, 0)\nops.node(2, 0, 3)\n"
    "ops.fix(1, 1, 1, 1)\nops.geomTransf('Linear', 1)\nops.element('elasticBeamColumn', 1, 1, 2, 0.1, 3e10, 1e-3, 1)\n"
    "print(ops.eigen(1))\n",
]
FOREVER = "while True:\n    pass\n"


def corpus(n: int) -> list[str]:
    valid = [draft_reference(s).code for s in varied_specs(n - len(BROKEN) - 1)]
    return valid + BROKEN + [FOREVER]


_ops = None


def _init() -> None:
    global _ops
    from autobm.agent.opensees import load_opensees

    _ops = load_opensees()
    _ops.logFile(os.devnull, "-noEcho")


def _alarm(signum, frame):
    raise TimeoutError("time limit")


def _plain_exec(args: tuple[str, float]) -> bool:
    code, timeout = args
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        _ops.wipe()
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(code, "model.py", "exec"), {"__name__": "__main__"})
        return True
    except BaseException:  # noqa: BLE001  (the baseline swallows whatever a script raises)
        return False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def plain_pool(codes: list[str], workers: int, timeout: float) -> float:
    ctx = mp.get_context("fork")
    with ctx.Pool(workers, initializer=_init) as pool:
        pool.map(_plain_exec, [("x = 1", timeout)] * workers)  # warm
        t0 = time.perf_counter()
        pool.map(_plain_exec, [(c, timeout) for c in codes], chunksize=1)
        return time.perf_counter() - t0


def interpreters(codes: list[str], workers: int, timeout: float) -> float:
    def one(path: str) -> bool:
        try:
            done = subprocess.run([sys.executable, path], capture_output=True, timeout=timeout, cwd=os.path.dirname(path))
            return done.returncode == 0
        except subprocess.TimeoutExpired:
            return False

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, code in enumerate(codes):
            path = os.path.join(folder, f"s{i}.py")
            Path(path).write_text(code)
            paths.append(path)
        t0 = time.perf_counter()
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(one, paths))
        return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=float, default=2.0)
    ap.add_argument("--repeat", type=int, default=3, help="best of this many alternating runs of each runner")
    ap.add_argument("--no-interpreters", action="store_true", help="skip the one-interpreter-per-script run")
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "check.json"))
    args = ap.parse_args()
    codes = corpus(args.n)
    limits = SandboxLimits(timeout_s=args.timeout)
    run_many(codes[:2], limits=limits, workers=args.workers)  # start the zygote

    def sandbox() -> float:
        t0 = time.perf_counter()
        run_many(codes, limits=limits, workers=args.workers)
        return time.perf_counter() - t0

    sandbox_s = plain_s = float("inf")
    for _ in range(args.repeat):  # alternating, so that a slow spell of the machine hits both sides
        plain_s = min(plain_s, plain_pool(codes, args.workers, args.timeout))
        sandbox_s = min(sandbox_s, sandbox())
    t0 = time.perf_counter()
    checked = check_scripts([(f"s{i}.py", c) for i, c in enumerate(codes)], None, limits=limits, workers=args.workers)
    check_s = time.perf_counter() - t0
    fresh_s = None if args.no_interpreters else interpreters(codes, args.workers, args.timeout)

    row = {
        "scripts": len(codes), "workers": args.workers, "timeout_s": args.timeout, "best_of": args.repeat,
        "passed": sum(r.ok for r in checked),
        "plain_pool_s": plain_s, "sandbox_exec_s": sandbox_s, "sandbox_check_s": check_s,
        "scripts_per_s_plain": len(codes) / plain_s, "scripts_per_s_sandbox": len(codes) / sandbox_s,
        "scripts_per_s_check": len(codes) / check_s,
        "ratio_sandbox_to_plain": sandbox_s / plain_s, "ratio_check_to_plain": check_s / plain_s,
        "interpreter_per_script_s": fresh_s,
        "ratio_sandbox_to_interpreters": sandbox_s / fresh_s if fresh_s else None,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    print(f"{'runner':<34} {'seconds':>8} {'scripts/s':>10} {'ratio':>6}")
    runs = [("plain pool (no isolation)", plain_s), ("sandbox, exec only", sandbox_s),
            ("sandbox + inspection + checks", check_s)]
    if fresh_s is not None:
        runs.append(("python model.py per script", fresh_s))
    for name, s in runs:
        print(f"{name:<34} {s:>8.2f} {len(codes) / s:>10.1f} {s / plain_s:>6.2f}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(row, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
