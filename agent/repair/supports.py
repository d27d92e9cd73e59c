"""Repair of an unsupported base: fix the bare base nodes before the analysis."""

from __future__ import annotations

from ..pipeline import RunResult
from ..spec import BuildingSpec
from ._evidence import failed_check, model_facts, vertical_axis
from ._source import compiles, insert_before, parse
from ._types import Repair

_ANALYSES = ("eigen", "analyze", "analysis", "modalProperties")


def fix_base_supports(code: str, result: RunResult, spec: BuildingSpec | None) -> Repair | None:
    """Fault: unfixed bases (check ``supports.base_fixed`` failed: no base node fixed in its translations).

    When some base nodes have no support at all, a helper runs just before the first
    analysis call and fixes every unsupported node at the lowest elevation in all its DOFs.
    Partly restrained bases (pins, rollers) are left alone: their intent is not a guess.
    """
    facts = model_facts(result)
    if failed_check(result, "supports.base_fixed") is None or facts is None or not facts.nodes:
        return None
    va = vertical_axis(facts, spec)
    nodes = [n for n in facts.nodes if len(n.coords_m) > va]
    base_m = min((n.coords_m[va] for n in nodes), default=0.0)
    bare = [n.tag for n in nodes if abs(n.coords_m[va] - base_m) <= 0.01 and not n.fixed_dofs]
    src = parse(code)
    if not bare or src is None or "_autobm_fix_base" in code:
        return None  # (a base this helper already fixed and still failing is not its fault)
    point = src.insertion_point_before_first(*_ANALYSES)
    if point is None:
        return None
    imports, p = src.helper_header()
    snippet = f'''\
def _autobm_fix_base(vertical={va}, tolerance_m=0.01):
    """autobm repair: the base had no supports; fix every unsupported node at the lowest elevation, all DOFs."""
{imports}    nodes = {p}getNodeTags()
    base_m = min({p}nodeCoord(n)[vertical] for n in nodes)
    fixed = set({p}getFixedNodes())
    for n in nodes:
        if n not in fixed and abs({p}nodeCoord(n)[vertical] - base_m) <= tolerance_m:
            {p}fix(n, *[1] * {p}getNDF(n)[0])


_autobm_fix_base()
'''
    fixed = insert_before(src, point, snippet)
    if not compiles(fixed):
        return None
    return Repair(name="fix-base-supports", code=fixed,
                  description=f"Inserted before line {point.lineno} a step that fixes every unsupported node at the "
                              f"lowest elevation in all DOFs ({len(bare)} base node{'s' if len(bare) != 1 else ''} "
                              "had no support, so the model could move as a rigid body).")
