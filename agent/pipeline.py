"""The offline main job: spec -> reference draft -> sandboxed run -> inspection -> checks.

``run_spec`` is what ``autobm run`` does for one building; ``check_scripts`` is what
``autobm check`` does for any OpenSeesPy scripts. Both return typed results with the
content of ``result.json``. The LangGraph agent (``autobm.graphs``) reuses these steps.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field

from . import codes
from .checks import MASS_TOL, CheckResult, mass_scale_hint, run_checks
from .drafting import Draft, draft_reference
from .facts import ModelFacts
from .inspection import InspectionRequest, inspect_model
from .sandbox import ExecutionResult, SandboxLimits, run_many, run_untrusted
from .sizing import MAX_SIZING_ROUNDS, assumed_sections, enlarge_default_sections, presize, sizing_step
from .spec import Assumption, BuildingSpec

INSPECT = inspect_model  # runs in the sandboxed process, after the script


class ExecutionSummary(BaseModel):
    """What the sandbox said about running the script (without the full output)."""

    ok: bool
    error_type: str | None = None
    error_message: str | None = None
    error_line: int | None = None
    error_line_text: str | None = None
    timed_out: bool = False
    memory_exceeded: bool = False
    duration_s: float = 0.0

    @classmethod
    def of(cls, r: ExecutionResult) -> ExecutionSummary:
        return cls(ok=r.ok, error_type=r.error_type, error_message=r.error_message, error_line=r.error_line,
                   error_line_text=r.error_line_text, timed_out=r.timed_out, memory_exceeded=r.memory_exceeded,
                   duration_s=round(r.duration_s, 6))


class RunResult(BaseModel):
    """The result of one building through the pipeline (what result.json holds)."""

    status: Literal["verified", "failed"]
    spec: BuildingSpec
    assumptions: list[Assumption] = Field(description="values the description did not give")
    modelling_assumptions: list[str] = Field(default_factory=list, description="how the model idealises the building")
    drafter: str
    periods_s: list[float] = Field(default_factory=list, description="periods computed by inspection of the built model, s")
    checks: list[CheckResult] = Field(default_factory=list)
    execution: ExecutionSummary
    facts: ModelFacts | None = None
    stdout: str = ""
    stderr: str = ""
    timings_s: dict[str, float] = Field(default_factory=dict)
    sizing_rounds: int = Field(0, description="times the assumed sections were enlarged to meet the drift limit or the period "
                                              "band (before the first run, where predicted, and after a run)")
    runs: int = Field(1, description="sandboxed runs of the building: one, and one after each sizing step that followed a "
                                     "run (the agent: one an attempt that had code to run, repairs included)")
    code: str = Field("", exclude=True, description="the script that was run (written to model.py, not to JSON)")

    @property
    def failed_checks(self) -> list[CheckResult]:
        return [c for c in self.checks if c.status == "failed"]


class ScriptCheck(BaseModel):
    """``autobm check`` output for one script."""

    script: str
    ok: bool = Field(description="the script ran and every applicable check passed")
    error_type: str | None = None
    error_message: str | None = None
    error_line: int | None = None
    periods_s: list[float] = Field(default_factory=list)
    checks: list[CheckResult] = Field(default_factory=list)
    duration_s: float = 0.0


GEOMETRIC_TRANSFORMATION = re.compile(r"""geomTransf\s*\(\s*["'](?:PDelta|Corotational)""")
JOINT_OFFSETS = re.compile(r"""["']-jntOffset["']""")
"""A transformation's rigid end offsets (geomTransf's '-jntOffset')."""
ELEMENT_MASS = re.compile(r"""["']-(?:mass|cMass|rho)["']""")
"""An element's mass option ('-mass' of a beam-column, '-cMass', a truss's '-rho'; a node's '-mass' too, harmless)."""


def inspection_request(spec: BuildingSpec | None, code: str | None = None, *,
                       rigidities: bool = False) -> InspectionRequest:
    """What inspection analyses for ``spec`` (None: the checks that need no spec); ``code``, the script, says
    whether it may use a P-Delta or corotational transformation, give its elements mass or its transformations
    rigid end offsets; ``rigidities``: read the members' EA and EI too (``sections.rigidity``)."""
    geometric = bool(code and GEOMETRIC_TRANSFORMATION.search(code))
    element_mass = bool(code and ELEMENT_MASS.search(code))
    offsets = bool(code and JOINT_OFFSETS.search(code))
    if spec is None:
        return InspectionRequest(geometric_nonlinearity=geometric, element_mass=element_mass, joint_offsets=offsets)
    return InspectionRequest(seismic=spec.seismic, system=spec.system, geometric_nonlinearity=geometric,
                             element_mass=element_mass, joint_offsets=offsets, member_rigidities=rigidities,
                             num_modes=max(3, min(3 * spec.stories, 12)))


ALONE = {
    "ModuleNotFoundError": "a module beside the script is not there (or the package is not installed): inline the "
                           "module's code in the script",
    "FileNotFoundError": "a data file beside the script is not there: inline the data in the script",
}
"""What a script that reached for its folder is told: the sandbox runs its text alone (sandbox.py)."""


def _execution_check(result: ExecutionResult) -> CheckResult:
    where = f" at line {result.error_line}" + (f" `{result.error_line_text.strip()}`" if result.error_line_text else "") \
        if result.error_line else ""
    alone = ALONE.get(result.error_type or "")
    hint = f". Only the script's own text runs, alone in an empty temporary folder: {alone}" if alone else ""
    hint = hint or _arpack_hint(result) or _band_lapack_hint(result)
    return CheckResult(id="execution", status="failed", value=result.error_type, limit="runs to completion",
                       clause="the script must run", message=f"{result.error_type}{where}: {result.error_message}{hint}")


_EIGEN_CALL = re.compile(r"\beigen\s*\(\s*(?:['\"]-?genBandArpack['\"]\s*,\s*)?(\d+)\s*\)")


def _band_lapack_hint(result: ExecutionResult) -> str:
    """eigen('-symmBandLapack', n) fails in solve() for every model in the OpenSees build autobm runs (a 2-node
    cantilever too): the script's model is not at fault."""
    if "symmbandlapack" not in (result.error_line_text or "").lower() or "EigenSOE failed" not in (
            (result.error_message or "") + result.stderr):
        return ""
    return (". The '-symmBandLapack' eigen solver fails in this OpenSees build whatever the model (a two-node "
            "cantilever too): use ops.eigen(n) (ARPACK) or ops.eigen('-fullGenLapack', n)")


def _arpack_hint(result: ExecutionResult) -> str:
    """Why ARPACK's 'EigenSOE failed in solve()' where the script asked for half the DOFs that carry mass or more."""
    facts = result.facts if isinstance(result.facts, ModelFacts) else None
    call = _EIGEN_CALL.search(result.error_line_text or "")
    if facts is None or call is None or "EigenSOE failed" not in (result.error_message or "") + result.stderr:
        return ""
    asked = int(call.group(1))
    # the DOFs left with mass once the constraints have condensed their nodes' onto the retained ones (a diaphragm's
    # slaves carry none of their own after it: counting them said ARPACK had 96 where it had 8)
    tied = {(t, d) for c in facts.constraints for t in c.constrained_nodes for d in c.dofs}
    mass = {n.tag: n.mass for n in facts.nodes}
    fixed = {n.tag: set(n.fixed_dofs) for n in facts.nodes}
    free = {(n.tag, dof) for n in facts.nodes for dof, m in enumerate(n.mass, start=1)
            if m > 0 and dof not in n.fixed_dofs and (n.tag, dof) not in tied}
    def carries(dofs: list[int], d: int, nodes: list[int]) -> bool:
        # a retained node's rotation carries the mass of its constrained nodes' translations (their distance from it:
        # a diaphragm's slaves with mass in X and Y only give its master an inertia about the vertical)
        on = [d] if d <= facts.ndm else dofs
        return any(len(mass.get(t, [])) >= k and mass[t][k - 1] > 0 for t in nodes for k in on)

    free |= {(c.retained_node, d) for c in facts.constraints for d in c.dofs
             if d not in fixed.get(c.retained_node, set()) and (c.retained_node, d) not in tied
             and carries(c.dofs, d, c.constrained_nodes)}
    carrying = len(free)
    if carrying == 0 or asked < carrying / 2:
        return ""
    return (f". ARPACK, eigen's default solver, needs fewer modes than half the DOFs that carry mass: this model has "
            f"{carrying}, and {asked} were asked for. Ask for at most {max(1, (carrying - 1) // 2)}, or use "
            f"ops.eigen('-fullGenLapack', {asked}) (dense, for small models)")


def evaluate(spec: BuildingSpec | None, result: ExecutionResult, reference: ModelFacts | None = None) -> list[CheckResult]:
    """Checks for one executed script: the execution itself, then the physics when a model exists."""
    checks: list[CheckResult] = []
    facts = result.facts if isinstance(result.facts, ModelFacts) else None
    if not result.ok:
        checks.append(_execution_check(result))
    unreadable = facts is not None and any(e.startswith("model") and "holds no nodes" not in e for e in facts.analysis_errors)
    if facts is not None and (result.ok or facts.nodes or unreadable):  # a crash's NaN coordinates are worth saying
        checks += run_checks(spec, facts, stdout=result.stdout, reference=reference).checks
    elif result.ok:
        checks.append(CheckResult(id="inspection", status="failed", clause="autobm inspection",
                                  message=f"the model could not be inspected: {result.after_error or 'no model facts'}"))
    return checks


def execute_draft(spec: BuildingSpec | None, code: str, *, limits: SandboxLimits | None = None) -> ExecutionResult:
    """Run a script in the sandbox and inspect the model it built (``facts``)."""
    return run_untrusted(code, limits=limits, after=INSPECT, after_arg=inspection_request(spec, code))


OWN_YARDSTICK = CheckResult(id="period.reference_model", status="skipped",
                            clause="autobm reference drafter model of the same spec (tiers 10/20/40 %)",
                            message="this is the reference drafter's model of the spec: the yardstick other drafts are "
                                    "compared with, not compared with itself")


def judge(spec: BuildingSpec, draft: Draft, result: ExecutionResult, *, reference: ModelFacts | None = None,
          timings_s: dict[str, float] | None = None) -> RunResult:
    """Check an executed draft against the spec (and the reference model's facts, when given)."""
    t0 = time.perf_counter()
    facts = result.facts if isinstance(result.facts, ModelFacts) else None
    checks = evaluate(spec, result, reference)
    if reference is None and draft.drafter == "reference":  # the yardstick itself: compared with itself, it passed
        checks = [OWN_YARDSTICK if c.id == "period.reference_model" else c for c in checks]
    ok = result.ok and facts is not None and all(c.status != "failed" for c in checks)
    return RunResult(
        status="verified" if ok else "failed", spec=spec, assumptions=spec.assumptions,
        modelling_assumptions=draft.assumptions, drafter=draft.drafter,
        periods_s=[round(t, 6) for t in (facts.modal.periods_s if facts and facts.modal else [])],
        checks=checks, execution=ExecutionSummary.of(result), facts=facts, stdout=result.stdout, stderr=result.stderr,
        timings_s={**(timings_s or {}), "checks": round(time.perf_counter() - t0, 6)}, code=draft.code,
    )


def run_draft(spec: BuildingSpec, draft: Draft, *, limits: SandboxLimits | None = None,
              reference: ModelFacts | None = None) -> RunResult:
    """Execute a draft in the sandbox, inspect the model, check it against the spec."""
    t0 = time.perf_counter()
    result = execute_draft(spec, draft.code, limits=limits)
    return judge(spec, draft, result, reference=reference,
                 timings_s={"execute_and_inspect": round(time.perf_counter() - t0, 6)})


def run_spec(spec: BuildingSpec, *, limits: SandboxLimits | None = None, size_for_drift: bool = True) -> RunResult:
    """The offline main job for one building, with the reference drafter.

    Sections the description did not give are preliminary sizes (``default_sections``). With
    ``size_for_drift`` on, they are sized for stiffness (``autobm.agent.sizing``): enlarged before
    the first run where a planar frame analysis predicts the drift limit or the period band
    missed (``presize``), and after a run whose model fails only for want of stiffness
    (``sizing_step``), every dimension by one factor, and the building run again, up to
    ``MAX_SIZING_ROUNDS`` times; the assumption records the factor. Sections the user gave are
    never changed: their failure is the answer.
    """
    t0 = time.perf_counter()
    given_spec, factor, rounds = spec, 1.0, 0
    if size_for_drift:
        spec, factor = presize(spec)
        rounds = int(factor != 1.0)
    runs = 0
    while True:
        t_draft = time.perf_counter()
        draft = draft_reference(spec)
        t1 = time.perf_counter()
        result = run_draft(spec, draft, limits=limits)
        runs += 1
        step = sizing_step(spec, result) if size_for_drift and rounds < MAX_SIZING_ROUNDS else None
        if step is None:
            break
        factor *= step[0]
        spec = enlarge_default_sections(given_spec, factor, step[1])
        rounds += 1
    result.timings_s = {"draft": round(t1 - t_draft, 6), **result.timings_s, "total": round(time.perf_counter() - t0, 6)}
    result.sizing_rounds, result.runs = rounds, runs
    return result


def reference_facts(spec: BuildingSpec, limits: SandboxLimits | None = None) -> ModelFacts | None:
    """ModelFacts of the reference drafter's model of ``spec`` (the yardstick for other drafts)."""
    r = execute_draft(spec, draft_reference(spec).code, limits=limits)
    return r.facts if isinstance(r.facts, ModelFacts) else None


def _guessed_yardstick(check: CheckResult) -> CheckResult:
    return check.model_copy(update={
        "status": "warning",
        "message": check.message + ". The spec gives no sections, so the reference model's are autobm's preliminary "
                                   "sizes (sized for drift as `autobm run` sizes them): a script with sections of its own "
                                   "differs by them. Give the sections in the spec to hold the script to the same model"})


ASSUMED_FIELDS = {
    "geometry.story_heights": ("story_heights_m",),
    "geometry.plan": ("bay_widths_x_m", "bays_x", "bay_widths_y_m", "bays_y"),
    "mass.total": ("dead_load_pa", "live_load_pa", "occupancy"),
}
"""The spec fields a check holds a script to; where autobm assumed any of them (the spec's text did not give it),
a script of other values is not wrong (``_assumed_by_autobm``)."""


ASSUMED_MASS_RANGE = (0.4, 2.5)
"""A model's mass against the spec's made of assumed loads: within this ratio, other loads may explain it (dead
loads of 3 to 12 kPa against the assumed 7, live loads of 2 to 5 kPa); beyond it, or at a unit factor (a weight
used as a mass, tonnes for kg), no loads do, and the check stays failed."""


def _assumed_by_autobm(check: CheckResult, spec: BuildingSpec) -> CheckResult:
    """A failed check against values autobm assumed for the spec (not given) is a warning for `autobm check`,
    unless no other value of them could explain it (a mass ``ASSUMED_MASS_RANGE`` apart)."""
    fields = ASSUMED_FIELDS.get(check.id)
    assumed = [a for a in spec.assumptions if fields and a.field in fields]
    if check.status != "failed" or not assumed:
        return check
    if check.id == "mass.total" and {a.field for a in assumed} == {"occupancy"}:
        return _occupancy_only(check, spec)
    if check.id == "mass.total" and isinstance(check.value, (int, float)) and isinstance(check.limit, (int, float)):
        ratio = check.value / check.limit if check.limit > 0 else 0.0
        if not ASSUMED_MASS_RANGE[0] <= ratio <= ASSUMED_MASS_RANGE[1] or mass_scale_hint(ratio):
            return check
    said = "; ".join(f"{a.field} = {a.value} ({a.reason})" for a in assumed[:2])
    return check.model_copy(update={
        "status": "warning",
        "message": f"{check.message}. The spec does not give this: autobm assumed {said}; the script's own value may "
                   "be right. Give it in the spec to hold the script to it"})


def _occupancy_only(check: CheckResult, spec: BuildingSpec) -> CheckResult:
    """mass.total where the spec gives its dead and live loads (or its floor masses) and autobm assumed the occupancy
    only: the occupancy sets ψ, the live load's share in the mass, and nothing else. The failure stands unless the
    model's mass is the spec's under the ψ of some occupancy by the code (GB 50011 0.5 or 0.8, ASCE 7 0 or 0.25, EN
    1998 0.15 to 0.8) within the check's tolerance: full live load (+14 % of a frame's mass) was a warning before."""
    if spec.floor_masses_kg or not isinstance(check.value, (int, float)):
        return check
    factors = sorted({codes.live_load_mass_factor(spec.seismic.code, o).factor for o in codes.OCCUPANCIES})
    low, high = (spec.model_copy(update={"live_load_mass_factor": f}).total_mass_kg() for f in (factors[0], factors[-1]))
    if not (1.0 - MASS_TOL) * low <= check.value <= (1.0 + MASS_TOL) * high:
        return check.model_copy(update={"message": check.message + (
            f". autobm assumed the occupancy, which sets only ψ: with the dead and live loads the spec gives, the "
            f"occupancies of {spec.seismic.code.upper()} give {low:.5g} to {high:.5g} kg (ψ {factors[0]:g} to "
            f"{factors[-1]:g}), and the model's mass is none of them")})
    return check.model_copy(update={
        "status": "warning",
        "message": check.message + (f". The spec does not name the occupancy: autobm assumed {spec.occupancy} (ψ = "
                                    f"{spec.live_load_mass_factor:g}); another occupancy's ψ gives {low:.5g} to "
                                    f"{high:.5g} kg with the same loads. Name the occupancy in the spec to hold the "
                                    "script to it")})


def check_scripts(scripts: Sequence[tuple[str, str]], spec: BuildingSpec | None = None, *,
                  limits: SandboxLimits | None = None, workers: int | None = None) -> list[ScriptCheck]:
    """Run (name, code) scripts in parallel through the sandbox, inspection and the checks that apply."""
    codes_ = [code for _, code in scripts]
    reference = None
    sized = spec is not None and assumed_sections(spec)
    if sized:  # preliminary sections: the reference is the model `autobm run` builds, sized for drift as it sizes it
        built = run_spec(spec, limits=limits)
        spec, reference = built.spec, built.facts
    elif spec is not None:  # the sections are the spec's: the reference model runs alongside the scripts
        codes_.insert(0, draft_reference(spec).code)
    # the spec's own sections: each script's members are held to them (sections.rigidity), not autobm's guess of
    # them; the reference model, first in the batch then, is built from them
    results = run_many(codes_, limits=limits, after=INSPECT, workers=workers,
                       after_args=[inspection_request(spec, c, rigidities=spec is not None and not sized and i > 0)
                                   for i, c in enumerate(codes_)])
    if spec is not None and not sized:
        reference_result = results.pop(0)
        reference = reference_result.facts if isinstance(reference_result.facts, ModelFacts) else None
    out = []
    for (name, _), r in zip(scripts, results):
        checks = evaluate(spec, r, reference)
        if sized:  # the yardstick's sections are autobm's guess, not the spec's: a script's own differ by right
            checks = [_guessed_yardstick(c) if c.id in ("period.reference_model", "reference.story_stiffness")
                      and c.status == "failed" else c for c in checks]
        if spec is not None:
            checks = [_assumed_by_autobm(c, spec) for c in checks]
        facts = r.facts if isinstance(r.facts, ModelFacts) else None
        out.append(ScriptCheck(
            script=name, ok=r.ok and facts is not None and all(c.status != "failed" for c in checks),
            error_type=r.error_type, error_message=r.error_message, error_line=r.error_line,
            periods_s=[round(t, 6) for t in (facts.modal.periods_s if facts and facts.modal else [])],
            checks=checks, duration_s=round(r.duration_s, 6)))
    return out
