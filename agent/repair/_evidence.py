"""What a failed run says: OpenSees' messages, the failed checks, the model facts, the vertical axis.

Shared by the repairs, which act only when this evidence and the code agree on the fault.
"""

from __future__ import annotations

from ..checks import CheckResult
from ..facts import ModelFacts
from ..pipeline import RunResult
from ..spec import BuildingSpec


def run_messages(result: RunResult) -> str:
    """What the run reported: the error message and stderr (OpenSees' own messages)."""
    return f"{result.execution.error_message or ''}\n{result.stderr or ''}"


def failed_check(result: RunResult, check_id: str) -> CheckResult | None:
    return next((c for c in result.checks if c.id == check_id and c.status == "failed"), None)


def model_facts(result: RunResult) -> ModelFacts | None:
    return result.facts if isinstance(result.facts, ModelFacts) else None


def vertical_axis(facts: ModelFacts, spec: BuildingSpec | None) -> int:
    """The coordinate whose distinct node levels are the spec's floor elevations; else the last (Y in 2D, Z in 3D).

    Not ``facts.vertical_axis``: inspection infers it from the supports, which are what is
    missing or wrong when these repairs run.
    """
    if spec is not None and facts.nodes:
        expected, z = [0.0], 0.0
        for h in spec.story_heights_m:
            z += h
            expected.append(z)
        for axis in range(facts.ndm):
            values = sorted(n.coords_m[axis] for n in facts.nodes if len(n.coords_m) > axis)
            levels: list[float] = []
            for v in values:
                if not levels or v - values[0] - levels[-1] > 0.01:
                    levels.append(v - values[0])
            if len(levels) == len(expected) and all(abs(a - b) <= 0.01
                                                    for a, b in zip(levels, expected, strict=True)):
                return axis
    return max(facts.ndm - 1, 0)
