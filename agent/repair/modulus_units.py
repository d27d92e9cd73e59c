"""Repair of an elastic modulus written in MPa (or GPa) in a model whose lengths are in metres."""

from __future__ import annotations

import ast
import math
import re

from ..pipeline import RunResult
from ..spec import BuildingSpec
from ._evidence import failed_check
from ._source import Source, compiles, const_number, const_str, edit, parse
from ._types import Repair

_MODULUS_NAME = re.compile(r"^(?:e(?:_\w+|[cs]\d*)?|young\w*|\w*elastic_?modulus\w*|\w*youngs?_?modulus\w*)$",
                           re.IGNORECASE)
_SHEAR_NAME = re.compile(r"^(?:g(?:_\w+|[cs]\d*)?|\w*shear_?modulus\w*)$", re.IGNORECASE)
_UNIT_FACTORS = {1e6: ("MPa", (5e3, 5e5), (2e3, 2e5)), 1e9: ("GPa", (5.0, 500.0), (2.0, 200.0))}
"""Factor to Pa: (unit, range of E in that unit, range of G in that unit)."""
_REFERENCE_RATIO_TOL = 1.25


def scale_modulus_to_pa(code: str, result: RunResult, spec: BuildingSpec | None) -> Repair | None:
    """Fault: mixed units, E in MPa (or GPa) with lengths in metres: the model is 10⁶ (10⁹) times too soft.

    Evidence: the period is √factor times the reference model's (within 25 %), or, without
    a reference, the period divided by √factor falls in the code-formula band. The literals
    changed: numbers in that unit's range assigned to a modulus name (E, Ec, E_steel, ...;
    G likewise) or passed as E (and G) to elasticBeamColumn / uniaxialMaterial Elastic.
    """
    factor = _unit_factor(result)
    src = parse(code)
    if factor is None or src is None:
        return None
    unit, e_range, g_range = _UNIT_FACTORS[factor]
    moduli = _modulus_literals(src, e_range, g_range)
    if not any(kind == "E" for kind, _ in moduli):
        return None
    edits = [(*src.span(node), f"{const_number(node) * factor:.6g}") for _, node in moduli]  # type: ignore[operator]
    fixed = edit(code, edits)
    if not compiles(fixed):
        return None
    changed = ", ".join(f"{src.text(n)} → {const_number(n) * factor:.6g}" for _, n in moduli)  # type: ignore[operator]
    return Repair(name="scale-modulus-to-pa", code=fixed,
                  description=f"Converted the elastic modulus from {unit} to Pa ({changed}): with lengths in metres "
                              f"E must be in Pa; the period was {math.sqrt(factor):.4g} times too long.")


def _unit_factor(result: RunResult) -> float | None:
    reference = failed_check(result, "period.reference_model")
    if reference is not None:
        if not isinstance(reference.value, (int, float)) or not isinstance(reference.limit, (int, float)) \
                or reference.limit <= 0:
            return None
        ratio = reference.value / reference.limit
        return next((f for f in _UNIT_FACTORS
                     if 1 / _REFERENCE_RATIO_TOL <= ratio / math.sqrt(f) <= _REFERENCE_RATIO_TOL), None)
    band = failed_check(result, "period.code_formula")
    if band is None or not isinstance(band.value, (int, float)) or not isinstance(band.limit, str):
        return None
    m = re.fullmatch(r"([0-9.eE+-]+)\.\.([0-9.eE+-]+)", band.limit)
    if m is None:
        return None
    low, high = float(m.group(1)), float(m.group(2))
    matches = [f for f in _UNIT_FACTORS if low <= band.value / math.sqrt(f) <= high]
    return matches[0] if len(matches) == 1 else None


def _modulus_literals(src: Source, e_range: tuple[float, float],
                      g_range: tuple[float, float]) -> list[tuple[str, ast.expr]]:
    """('E' or 'G', literal node) for the moduli written in the suspected unit."""
    found: list[tuple[str, ast.expr]] = []

    def take(kind: str, node: ast.expr) -> None:
        value = const_number(node)
        low, high = e_range if kind == "E" else g_range
        if isinstance(node, ast.Constant) and value is not None and low <= value <= high \
                and all(n is not node for _, n in found):
            found.append((kind, node))

    for node in ast.walk(src.tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if _MODULUS_NAME.match(name):
                take("E", node.value)
            elif _SHEAR_NAME.match(name):
                take("G", node.value)
    for call in src.calls("element"):
        kind = const_str(call.args[0]) if call.args else None
        if kind and kind.lower() in ("elasticbeamcolumn", "elastictimoshenkobeam") and len(call.args) > 5:
            take("E", call.args[5])
            if len(call.args) >= 11:
                take("G", call.args[6])
    for call in src.calls("uniaxialMaterial"):
        if call.args and (const_str(call.args[0]) or "").lower() == "elastic" and len(call.args) > 2:
            take("E", call.args[2])
    return sorted(found, key=lambda item: (item[1].lineno, item[1].col_offset))
