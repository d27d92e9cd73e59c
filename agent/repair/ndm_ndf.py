"""Repair of -ndm/-ndf in ``ops.model`` that do not suit the frame elements."""

from __future__ import annotations

import ast
import re

from ..pipeline import RunResult
from ..spec import BuildingSpec
from ._source import Source, compiles, const_int, const_str, edit, parse, plain_args
from ._types import Repair

_FRAME_ELEMENT = re.compile(r"beamcolumn|beamwithhinges|timoshenkobeam", re.IGNORECASE)
_NDF_OF_FRAME = {2: 3, 3: 6}
_DOFS_KEPT = {(6, 3): (0, 1, 5)}  # 3D → 2D: ux, uy, rz


def fix_ndm_ndf(code: str, result: RunResult, spec: BuildingSpec | None) -> Repair | None:
    """Fault: wrong -ndm/-ndf for the elements (a 2D frame needs ndf 3, a 3D one ndf 6).

    Needs a failed run, a literal ``ops.model(..., '-ndm', n, '-ndf', k)`` and frame elements
    (or geomTransf) in the script: the mismatch itself is the evidence (OpenSees says "current
    NDM and NDF is incompatible with frame elements", or fails later, e.g. "transfTag is not
    integer" when 3D element arguments meet a 2D model). -ndm follows the node coordinates
    when every ``ops.node`` call gives the same number of them. Literal ``fix`` and ``mass``
    calls with exactly the old DOF count are resized (a fix of all ones stays all ones;
    other added DOFs are 0; 6 → 3 keeps ux, uy, rz).
    """
    if result.execution.ok:
        return None
    src = parse(code)
    if src is None:
        return None
    models = src.calls("model")
    if len(models) != 1 or not plain_args(models[0]):
        return None
    model = models[0]
    flags = [const_str(a) for a in model.args]
    if "-ndm" not in flags or flags.index("-ndm") + 1 >= len(model.args):
        return None
    ndm = const_int(model.args[flags.index("-ndm") + 1])
    has_ndf = "-ndf" in flags and flags.index("-ndf") + 1 < len(model.args)
    ndf = const_int(model.args[flags.index("-ndf") + 1]) if has_ndf else _NDF_OF_FRAME.get(ndm or 0)
    if ndm not in _NDF_OF_FRAME or ndf is None:
        return None
    frames = any(_FRAME_ELEMENT.search(const_str(c.args[0]) or "") for c in src.calls("element") if c.args)
    if not frames and not src.calls("geomTransf"):
        return None
    coordinate_counts = {_coordinate_count(c) for c in src.calls("node")}
    new_ndm = ndm
    if len(coordinate_counts) == 1 and next(iter(coordinate_counts)) in _NDF_OF_FRAME:
        new_ndm = next(iter(coordinate_counts))
    new_ndf = _NDF_OF_FRAME[new_ndm]
    if (new_ndm, new_ndf) == (ndm, ndf):
        return None
    first = src.text(model.args[0])
    q = "'" if first.startswith("'") else '"'
    start, end = src.span(model)
    edits = [(start, end, f"{src.text(model.func)}({first}, {q}-ndm{q}, {new_ndm}, {q}-ndf{q}, {new_ndf})")]
    resized = 0
    for call in src.calls("fix", "mass"):
        values = call.args[1:]
        if not plain_args(call) or len(values) != ndf:
            continue
        new_values = _resized_dofs(src, call, values, ndf, new_ndf)
        if new_values is None:
            continue
        edits.append((src.span(values[0])[0], src.span(values[-1])[1], ", ".join(new_values)))
        resized += 1
    fixed = edit(code, edits)
    if not compiles(fixed):
        return None
    also = f"; {resized} fix/mass call{'s' if resized != 1 else ''} resized to {new_ndf} values" if resized else ""
    return Repair(name="fix-ndm-ndf", code=fixed,
                  description=f"Set ops.model to -ndm {new_ndm} -ndf {new_ndf} (was -ndm {ndm} -ndf {ndf}): "
                              f"{'2D' if new_ndm == 2 else '3D'} frame elements need {new_ndf} DOFs per node{also}.")


def _coordinate_count(call: ast.Call) -> int | None:
    if any(isinstance(a, ast.Starred) for a in call.args):
        return None
    count = 0
    for arg in call.args[1:]:
        if const_str(arg) is not None:
            break  # '-mass', '-ndf', ...
        count += 1
    return count


def _resized_dofs(src: Source, call: ast.Call, values: list[ast.expr], ndf: int, new_ndf: int) -> list[str] | None:
    texts = [src.text(v) for v in values]
    if new_ndf > ndf:
        all_fixed = src.opensees_function(call) == "fix" and all(const_int(v) == 1 for v in values)
        pad = "1" if all_fixed else ("0" if src.opensees_function(call) == "fix" else "0.0")
        return texts + [pad] * (new_ndf - ndf)
    kept = _DOFS_KEPT.get((ndf, new_ndf))
    return [texts[i] for i in kept] if kept else None
