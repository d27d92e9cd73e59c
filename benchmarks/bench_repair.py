"""Repair success rate of the agent over a corpus of broken drafts (benchmarks/broken_drafts.py).

Each broken draft is the first answer of a drafting model. Two settings:

- deterministic repairs alone: the model is never asked again (max_repairs = 0); only the
  deterministic repairs (and, for code outside the answer block, the extraction) can save it;
- with a scripted model: up to 2 model repair rounds. The scripted model answers the fixed
  script only when the repair message names the fault (keywords per fault below), otherwise
  it repeats its broken answer: it measures whether the diagnostics point at the fault, as
  a model that can fix only what it is told would need.

    python benchmarks/bench_repair.py [--n 130] [--out benchmarks/results/repair.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

sys.path.insert(0, str(Path(__file__).resolve().parent))

from broken_drafts import FAULTS, BrokenDraft, broken_drafts  # noqa: E402

from autobm.graphs.api import Agent, AgentOptions  # noqa: E402

# What a repair message must say for the scripted model to find the fault (any one, case-insensitive).
FAULT_KEYWORDS: dict[str, tuple[str, ...]] = {
    "unterminated_string": ("unterminated string",),
    "syntax_other": ("syntaxerror",),
    "wrong_ndf": ("ndf", "dof"),
    "transf_after_element": ("transf",),
    "missing_mass": ("mass",),
    "eigenvalue_as_period": ("period.printed_vs_computed",),
    "mixed_units": ("period.reference_model", "units", "modulus", "tonnes"),
    "unfixed_base": ("supports.base_fixed", "fix"),
    "duplicate_tag": ("already exists", "duplicate", "tag"),
    "endless_loop": ("time limit",),
    "code_outside_answer": ("no runnable code", "code"),
    "wrong_story_count": ("geometry.stories", "stories"),
    "wrong_mass": ("mass.total",),
}


class DiagnosticModel(BaseChatModel):
    """Answers the broken draft first; afterwards the fix only when the last message names the fault."""

    case: Any

    @property
    def _llm_type(self) -> str:
        return "bench-diagnostic"

    def _generate(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        case: BrokenDraft = self.case
        if len(messages) == 1:
            text = case.completion
        else:
            message = str(messages[-1].content).lower()
            named = any(k in message for k in FAULT_KEYWORDS.get(case.fault, ()))
            text = case.fixed_completion if named else case.completion
        return ChatResult(generations=[ChatGeneration(message=AIMessage(text))])


def run_setting(cases: list[BrokenDraft], *, max_repairs: int, db: str) -> dict[str, Any]:
    options = AgentOptions(db=db, max_repairs=max_repairs, timeout_s=3, checkpoint=True, record_traces=False)
    by_fault: dict[str, Counter] = defaultdict(Counter)
    sources: Counter = Counter()
    rounds = []
    t0 = time.perf_counter()
    with Agent(options) as agent:
        for i, case in enumerate(cases, 1):
            agent.context.chat_model = DiagnosticModel(case=case)
            result = agent.run(case.text, thread_id=f"{case.id}-{max_repairs}")
            ok = result.status == "verified"
            by_fault[case.fault]["n"] += 1
            by_fault[case.fault]["verified"] += ok
            if ok:
                sources[result.attempts[result.best_round].source] += 1
                rounds.append(result.rounds)
            print(f"\r  max_repairs={max_repairs}: {i}/{len(cases)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    n = len(cases)
    verified = sum(c["verified"] for c in by_fault.values())
    return {"max_repairs": max_repairs, "drafts": n, "verified": verified, "success_rate": verified / n,
            "seconds": time.perf_counter() - t0, "mean_rounds_when_verified": sum(rounds) / max(1, len(rounds)),
            "verified_by": dict(sources),
            "by_fault": {f: {"n": c["n"], "verified": c["verified"]} for f, c in sorted(by_fault.items())}}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=130)
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "repair.json"))
    args = ap.parse_args()
    cases = broken_drafts(args.n)
    with tempfile.TemporaryDirectory() as folder:
        db = os.path.join(folder, "bench.sqlite")
        alone = run_setting(cases, max_repairs=0, db=db)
        scripted = run_setting(cases, max_repairs=2, db=db)
    print(f"{'fault':<22} {'n':>4} {'deterministic':>14} {'+ scripted model':>17}")
    for fault in FAULTS:
        a, s = alone["by_fault"].get(fault), scripted["by_fault"].get(fault)
        if a:
            print(f"{fault:<22} {a['n']:>4} {a['verified']:>8} ({a['verified'] / a['n']:4.0%}) "
                  f"{s['verified']:>9} ({s['verified'] / s['n']:4.0%})")
    print(f"{'all':<22} {alone['drafts']:>4} {alone['verified']:>8} ({alone['success_rate']:4.0%}) "
          f"{scripted['verified']:>9} ({scripted['success_rate']:4.0%})")
    print(f"seconds: {alone['seconds']:.1f} and {scripted['seconds']:.1f}; "
          f"verified by: {alone['verified_by']} / {scripted['verified_by']}")
    row = {"deterministic_only": alone, "scripted_model": scripted,
           "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(row, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
