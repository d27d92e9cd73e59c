"""Deterministic repairs of frequent, well-understood faults in drafted OpenSeesPy scripts.

A failed run (``pipeline.RunResult``: the sandbox's error, OpenSees' stderr, the failed
checks and the model facts) often points at one of the faults that the AutoBM paper lists
for generated OpenSeesPy code: unterminated string literals (most syntax errors), wrong
-ndm/-ndf for the elements, an element before its geomTransf, missing masses before eigen,
the eigenvalue printed as the period, unfixed bases, duplicate tags, E in MPa with lengths
in metres. Each of these has a fix that needs no model call. ``deterministic_repair`` tries
them in ``REPAIRS`` order and returns the first that applies, as a new script with a
one-sentence description written for the log and for the model that may see it next.

Every repair is a pure function of (code, result, spec): string and syntax-tree edits, no
execution. Each one returns None unless the evidence (the message, the failed check, the
numbers) and the code agree on the fault, and the edit it would make is unambiguous.

One module per fault: ``syntax`` (unterminated strings), ``ndm_ndf``, ``geomtransf_order``,
``duplicates`` (a repeated definition, a reused tag), ``supports``, ``masses``, ``period``,
``modulus_units``. What they share: ``_source`` reads and edits the script, ``_evidence``
reads the failed run, ``_types`` holds ``Repair``.

>>> from autobm.agent.pipeline import ExecutionSummary
>>> summary = ExecutionSummary(ok=False, error_type="SyntaxError", error_line=2,
...                            error_message="unterminated string literal (detected at line 2)")
>>> result = RunResult.model_construct(execution=summary, checks=[], stderr="", facts=None)
>>> fix = deterministic_repair("import math\\nprint(f'T1 = {math.pi:.3f} s)\\n", result, None)
>>> (fix.name, fix.code)
('close-unterminated-string', "import math\\nprint(f'T1 = {math.pi:.3f} s')\\n")
"""

from __future__ import annotations

from ..pipeline import RunResult
from ..spec import BuildingSpec
from ._types import Repair, RepairFunction
from .duplicates import drop_duplicate_definition, renumber_duplicate_tag
from .geomtransf_order import move_geomtransf_before_elements
from .masses import assign_floor_masses
from .modulus_units import scale_modulus_to_pa
from .ndm_ndf import fix_ndm_ndf
from .period import period_from_eigenvalue
from .supports import fix_base_supports
from .syntax import close_unterminated_string

__all__ = ["REPAIRS", "Repair", "deterministic_repair"]


REPAIRS: dict[str, str] = {
    "close-unterminated-string": "SyntaxError 'unterminated string literal': close the quote the line leaves open "
                                 "(or swap the quotes around an apostrophe), where the script then compiles.",
    "fix-ndm-ndf": "ops.model's -ndm/-ndf do not suit the frame elements (2D: 3 DOFs, 3D: 6): set them, and resize "
                   "literal fix/mass calls written for the old DOF count.",
    "move-geomtransf-before-elements": "an element refers to a geomTransf defined later: move the geomTransf "
                                       "definitions before the first element.",
    "drop-duplicate-definition": "a node, element or other object is defined twice identically (or a node again "
                                 "at the same coordinates): drop the later definition.",
    "renumber-duplicate-tag": "a literal node or element tag is used twice: give the later definition the node tag "
                              "that elements refer to but nothing defines, or the next free element tag.",
    "fix-base-supports": "no base node is supported: fix every unsupported node at the lowest elevation, all DOFs, "
                         "before the analysis.",
    "assign-floor-masses": "the script assigns no mass: before eigen, share each floor's seismic mass from the spec "
                           "equally among the horizontally free nodes of that floor, in the horizontal DOFs.",
    "period-from-eigenvalue": "the printed period is 2π/λ, λ or ω = √λ (or the frequency): compute T = 2π/√λ "
                              "where the script derives the period from ops.eigen's eigenvalues.",
    "scale-modulus-to-pa": "the period is √10⁶ (or √10⁹) times too long and E is a literal in MPa (GPa) with "
                           "lengths in metres: convert E (and a literal G) to Pa.",
}
"""Repair names, in the order they are tried, with the fault each one fixes."""

_REPAIR_FUNCTIONS: dict[str, RepairFunction] = {
    "close-unterminated-string": close_unterminated_string,
    "fix-ndm-ndf": fix_ndm_ndf,
    "move-geomtransf-before-elements": move_geomtransf_before_elements,
    "drop-duplicate-definition": drop_duplicate_definition,
    "renumber-duplicate-tag": renumber_duplicate_tag,
    "fix-base-supports": fix_base_supports,
    "assign-floor-masses": assign_floor_masses,
    "period-from-eigenvalue": period_from_eigenvalue,
    "scale-modulus-to-pa": scale_modulus_to_pa,
}
"""The function behind each name of ``REPAIRS`` (which alone gives the order)."""


def deterministic_repair(code: str, result: RunResult, spec: BuildingSpec | None) -> Repair | None:
    """The first repair in ``REPAIRS`` order that applies to this failed run, or None."""
    for name in REPAIRS:
        fixed = _REPAIR_FUNCTIONS[name](code, result, spec)
        if fixed is not None and fixed.code != code:
            return fixed
    return None
