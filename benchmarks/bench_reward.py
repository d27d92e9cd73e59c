"""Rewards per second: autobm's MGHR batch path against the paper's way of scoring, in one run.

Completions (256 by default): reference scripts of varied buildings in the answer format
(``specs.varied_specs``), broken answers from ``broken_drafts.py`` (every fault but the
endless loop), one endless loop, and a few answers without code.

- autobm (``score_completions``): one ``run_many`` call, each script in the sandbox with
  autobm's inspection (eigen, gravity and lateral analyses) and checks after it; ``--workers``
  at a time. Twice: with the ground-truth period in every row, and with the spec only and an
  empty reference cache (the reference drafter's model of every spec runs in the same batch).
- the paper's way (the baseline): a loop that writes each completion's script to a file and
  runs ``python model.py`` in a fresh interpreter with the same time limit, no isolation,
  reads the printed period and grades it (MGHR with the period and a compliance word read
  from stdout); r_fmt and r_ast as autobm computes them. Also with a pool of ``--workers``
  threads, to tell parallelism from the rest.

    python benchmarks/bench_reward.py [--n 256] [--workers 2] [--timeout 8]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from broken_drafts import broken_drafts  # noqa: E402
from specs import varied_specs  # noqa: E402

from autobm.agent.checks import printed_fundamental_period_s  # noqa: E402
from autobm.agent.drafting import draft_reference  # noqa: E402
from autobm.agent.parsing import parse_text  # noqa: E402
from autobm.agent.pipeline import INSPECT, inspection_request  # noqa: E402
from autobm.agent.sandbox import run_many  # noqa: E402
from autobm.agent.spec import BuildingSpec  # noqa: E402
from autobm.training.rewards import RewardConfig, RewardInput, api_coverage, format_score  # noqa: E402
from autobm.training.rewards import mghr  # noqa: E402
from autobm.training.rewards.execution import period_tier  # noqa: E402

NO_CODE = (
    "I cannot write an OpenSeesPy model without the section sizes.",
    "<think>The building needs a frame model.</think>\n"
    "<answer>Use elastic beam-columns and run an eigen analysis.</answer>",
    "<think>Let me think about the masses first, then the stiffness, then",
)
ENDLESS = "import openseespy.opensees as ops\nops.wipe()\nstep = 0\nwhile step >= 0:\n    step += 1\n"


def answer(code: str) -> str:
    return f"<think>\nGrid of nodes, fixed base, elastic members, lumped masses, eigen, print T1.\n</think>\n" \
           f"<answer>\n```python\n{code.rstrip()}\n```\n</answer>"


def corpus(n: int) -> list[tuple[str, BuildingSpec]]:
    """(completion, spec): half valid, the rest broken, one endless loop, about 4 % without code."""
    n_valid, n_none = n // 2, max(1, n // 25)
    valid = [(answer(draft_reference(s).code), s) for s in varied_specs(n_valid)]
    n_broken = n - n_valid - n_none - 1
    specs: dict[str, BuildingSpec] = {}
    broken = [(d.completion, specs.setdefault(d.text, parse_text(d.text)))
              for d in broken_drafts(n_broken * 13 // 12 + 13) if d.fault != "endless_loop"][:n_broken]
    none = [(NO_CODE[i % len(NO_CODE)], valid[i][1]) for i in range(n_none)]
    rows = valid + broken + [(answer(ENDLESS), valid[0][1])] + none
    assert len(rows) == n, (len(rows), n)
    return rows


def reference_periods(specs: list[BuildingSpec], workers: int) -> list[float | None]:
    """T1 of the reference drafter's model of each spec (the ground truth given to both sides)."""
    unique = {s.model_dump_json(): s for s in specs}
    results = run_many([draft_reference(s).code for s in unique.values()], after=INSPECT,
                       after_args=[inspection_request(s) for s in unique.values()], workers=workers)
    t1 = {key: (r.facts.fundamental_period_s if r.facts is not None else None) for key, r in zip(unique, results)}
    return [t1[s.model_dump_json()] for s in specs]


# --- the paper's way ------------------------------------------------------------------------

def _plain_env() -> dict[str, str]:
    """The caller's environment, with openseespy's bundled BLAS findable: a plain ``import openseespy``
    works in a fresh interpreter (its Linux wheel does not find the libblas beside it by itself)."""
    spec = importlib.util.find_spec("openseespylinux")
    folders = [os.path.join(f, "lib") for f in (spec.submodule_search_locations or [])] if spec else []
    path = os.pathsep.join([*folders, os.environ.get("LD_LIBRARY_PATH", "")]).strip(os.pathsep)
    return {**os.environ, "LD_LIBRARY_PATH": path}


_ENV = _plain_env()
_COMPLIANT = re.compile(r"satisf|满足|\bOK\b|compliant", re.IGNORECASE)
_LINE = re.compile(r'File "model\.py", line (\d+)')


def paper_reward(completion: str, t1_s: float | None, timeout_s: float, folder: str) -> float:
    """MGHR as the paper computes it: the script in a fresh interpreter, the period read from stdout."""
    f = format_score(completion)
    api = api_coverage(f.code)
    if f.code is None:
        return 0.05 * f.r_fmt + 0.25 * api.r_ast
    path = os.path.join(folder, "model.py")
    Path(path).write_text(f.code, encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, "model.py"], cwd=folder, capture_output=True, text=True,
                              timeout=timeout_s, env=_ENV)
    except subprocess.TimeoutExpired:
        r_exec = 0.20
    else:
        if done.returncode != 0:
            if re.search(r"\b(ModuleNotFoundError|ImportError)\b", done.stderr):
                r_exec = 0.25
            else:
                lines = _LINE.findall(done.stderr)
                total = max(1, len(f.code.splitlines()))
                r_exec = 0.30 + 0.25 * min(1.0, int(lines[-1]) / total) if lines else 0.30
        else:
            printed = printed_fundamental_period_s(done.stdout)
            if printed is None or not t1_s:
                r_exec = 0.50 + (0.05 if _COMPLIANT.search(done.stdout) else 0.0)
            else:
                r_exec = period_tier(abs(printed - t1_s) / t1_s)
            if not api.all_apis_used:
                r_exec = min(r_exec, 0.85)
    return 0.05 * f.r_fmt + 0.25 * api.r_ast + 0.70 * r_exec


def paper_loop(rows: list[tuple[str, float | None]], timeout_s: float, workers: int = 1) -> tuple[float, list[float]]:
    def one(row: tuple[str, float | None]) -> float:
        with tempfile.TemporaryDirectory() as folder:
            return paper_reward(row[0], row[1], timeout_s, folder)

    t0 = time.perf_counter()
    if workers == 1:
        totals = [one(row) for row in rows]
    else:
        with ThreadPoolExecutor(workers) as pool:
            totals = list(pool.map(one, rows))
    return time.perf_counter() - t0, totals


def timed(run: Callable[[], list]) -> tuple[float, list]:
    t0 = time.perf_counter()
    out = run()
    return time.perf_counter() - t0, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=256)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=float, default=8.0, help="per script, s (the paper's sandbox: 8 s)")
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "reward.json"))
    args = ap.parse_args()

    rows = corpus(args.n)
    specs = [s for _, s in rows]
    t1 = reference_periods(specs, args.workers)  # also starts the sandbox's zygote
    config = RewardConfig(timeout_s=args.timeout, workers=args.workers)
    given = [RewardInput(completion=c, spec=s, t1_s=t) for (c, s), t in zip(rows, t1)]
    spec_only = [RewardInput(completion=c, spec=s) for c, s in rows]

    ours_s, ours = timed(lambda: mghr.score_completions(given, config))
    mghr._references.clear()
    cold_s, cold = timed(lambda: mghr.score_completions(spec_only, config))
    paper_s, paper = paper_loop(list(zip([c for c, _ in rows], t1)), args.timeout)
    paper_pool_s, _ = paper_loop(list(zip([c for c, _ in rows], t1)), args.timeout, workers=args.workers)

    n = len(rows)
    tiers: dict[str, int] = {}
    for s in ours:
        tiers[s.execution.tier] = tiers.get(s.execution.tier, 0) + 1
    ours_totals = [s.total for s in ours]
    differ = sum(abs(a - b) > 0.05 for a, b in zip(ours_totals, paper))
    result = {
        "completions": n, "workers": args.workers, "timeout_s": args.timeout, "exec_tiers": tiers,
        "unique_specs": len({s.model_dump_json() for s in specs}),
        "autobm_batch_s": ours_s, "autobm_batch_cold_references_s": cold_s,
        "paper_loop_s": paper_s, "paper_pool_s": paper_pool_s,
        "rewards_per_s_autobm": n / ours_s, "rewards_per_s_autobm_cold": n / cold_s,
        "rewards_per_s_paper_loop": n / paper_s, "rewards_per_s_paper_pool": n / paper_pool_s,
        "speedup_vs_paper_loop": paper_s / ours_s, "speedup_vs_paper_pool": paper_pool_s / ours_s,
        "cold_speedup_vs_paper_loop": paper_s / cold_s,
        "mean_total_autobm": sum(ours_totals) / n, "mean_total_paper": sum(paper) / n,
        "totals_differing_by_more_than_0_05": differ,
        "same_totals_cold_and_given": sum(abs(a.total - b.total) < 1e-9 for a, b in zip(ours, cold)),
        "load_average_1min_at_end": os.getloadavg()[0],
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    print(f"{n} completions ({', '.join(f'{k} {v}' for k, v in sorted(tiers.items()))}), "
          f"{result['unique_specs']} buildings, {args.workers} workers, {args.timeout:g} s limit")
    print(f"{'scorer':<52} {'seconds':>8} {'rewards/s':>10} {'speedup':>8}")
    for name, s in (("autobm batch (sandbox + inspection + checks), T1 given", ours_s),
                    ("autobm batch, spec only, reference models in the batch", cold_s),
                    (f"paper's way, pool of {args.workers} threads", paper_pool_s),
                    ("paper's way: loop, python model.py each (baseline)", paper_s)):
        print(f"{name:<52} {s:>8.2f} {n / s:>10.1f} {paper_s / s:>7.2f}x")
    print(f"mean reward: autobm {result['mean_total_autobm']:.3f}, paper's way {result['mean_total_paper']:.3f}; "
          f"{differ} of {n} differ by more than 0.05")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
