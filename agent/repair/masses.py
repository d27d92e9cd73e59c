"""Repair of a script that assigns no mass: the spec's floor masses on each floor's free nodes."""

from __future__ import annotations

import ast
import re

from ..pipeline import RunResult
from ..spec import BuildingSpec
from ._evidence import failed_check, model_facts, vertical_axis
from ._source import compiles, const_str, insert_before, parse
from ._types import Repair

_EIGEN_FAILED = re.compile(r"eigen", re.IGNORECASE)


def assign_floor_masses(code: str, result: RunResult, spec: BuildingSpec | None) -> Repair | None:
    """Fault: missing masses before eigen (no ``ops.mass`` and no ``-mass`` anywhere; eigen fails or mass is 0).

    A helper inserted before the first ``ops.eigen`` groups the nodes by elevation and gives
    each floor of the spec (elevations from its story heights) its seismic mass, shared
    equally by that floor's nodes that are free horizontally, in the horizontal DOFs only
    (vertical mass adds no lateral mode). It raises a clear error if a floor has no such node.
    """
    if spec is None:
        return None
    mass_check = failed_check(result, "mass.positive")
    eigen_failed = not result.execution.ok and (_EIGEN_FAILED.search(result.execution.error_line_text or "")
                                                or _EIGEN_FAILED.search(result.execution.error_message or ""))
    if mass_check is None and not eigen_failed:
        return None
    src = parse(code)
    if src is None or src.calls("mass") or any(const_str(n) == "-mass" for n in ast.walk(src.tree)):
        return None
    point = src.insertion_point_before_first("eigen")
    if point is None:
        return None
    facts = model_facts(result)
    ndm = facts.ndm if facts else spec.dimensions
    vertical = vertical_axis(facts, spec) if facts else ndm - 1
    horizontal = [axis + 1 for axis in range(ndm) if axis != vertical]
    levels, z = [], 0.0
    for h in spec.story_heights_m:
        z += h
        levels.append(round(z, 6))
    masses = [round(m, 6) for m in spec.seismic_floor_masses_kg()]
    imports, p = src.helper_header()
    snippet = f'''\
def _autobm_assign_floor_masses(masses_kg={masses!r}, elevations_m={levels!r},
                                vertical={vertical}, horizontal_dofs={horizontal!r}, tolerance_m=0.01):
    """autobm repair: the script assigned no mass. Each floor's seismic mass (kg, from the building spec)
    is shared equally by the nodes of that floor free to move horizontally, in the horizontal DOFs."""
{imports}    nodes = {p}getNodeTags()
    base_m = min({p}nodeCoord(n)[vertical] for n in nodes)
    for elevation_m, mass_kg in zip(elevations_m, masses_kg):
        floor = [n for n in nodes if abs({p}nodeCoord(n)[vertical] - base_m - elevation_m) <= tolerance_m
                 and not all(d in {p}getFixedDOFs(n) for d in horizontal_dofs)]
        if not floor:
            raise RuntimeError(f"autobm repair: no free node {{elevation_m}} m above the base to carry a floor mass")
        share_kg = mass_kg / len(floor)
        for n in floor:
            ndf = {p}getNDF(n)[0]
            {p}mass(n, *[share_kg if d in horizontal_dofs else 0.0 for d in range(1, ndf + 1)])


_autobm_assign_floor_masses()
'''
    fixed = insert_before(src, point, snippet)
    if not compiles(fixed):
        return None
    return Repair(name="assign-floor-masses", code=fixed,
                  description=f"Inserted before line {point.lineno} a step that assigns the spec's floor masses "
                              f"({sum(masses):.6g} kg in all) to the free nodes of each floor, because the script "
                              "assigned no mass and eigen had nothing to vibrate.")
