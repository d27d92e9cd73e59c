"""Repairs of a definition or a tag used twice: drop the identical repeat, or renumber the tag."""

from __future__ import annotations

import ast
import math
import re

from ..facts import ModelFacts
from ..pipeline import RunResult
from ..spec import BuildingSpec
from ._evidence import model_facts, run_messages
from ._source import Source, compiles, const_int, const_number, const_str, edit, parse, plain_args
from ._types import Repair

_DUPLICATE = re.compile(r"(\w+) with tag (-?\d+) already exists|one with similar tag exists, tag: (-?\d+)"
                        r"|already constrained in that dof", re.IGNORECASE)
_TWO_NODE_ELEMENT = re.compile(r"beamcolumn|beamwithhinges|timoshenkobeam|truss|zerolength|twonodelink", re.IGNORECASE)
_DEFINITIONS = ("node", "element", "fix", "geomTransf", "uniaxialMaterial", "nDMaterial", "section", "timeSeries",
                "pattern", "equalDOF", "rigidDiaphragm", "mass")


def drop_duplicate_definition(code: str, result: RunResult, spec: BuildingSpec | None) -> Repair | None:
    """Fault: a definition repeated ("... with tag N already exists", "similar tag exists", a DOF fixed twice).

    The failing statement (not in a loop) is dropped when an earlier statement is the same
    call, or when it is a literal ``ops.node(N, x, y...)`` at the coordinates that node N
    already has in the model.
    """
    call = _duplicate_call(code, result)
    if call is None:
        return None
    src, failing = call
    stmt = src.statement(failing)
    if src.in_loop(stmt) or not (isinstance(stmt, ast.Expr) and stmt.value is failing) \
            or src.indentation(stmt) is None:
        return None
    same = [c for c in src.calls(src.opensees_function(failing) or "")
            if c is not failing and (c.lineno, c.col_offset) < (failing.lineno, failing.col_offset)
            and ast.dump(c) == ast.dump(failing)]
    why = "an identical definition comes earlier" if same else ""
    if not same and src.opensees_function(failing) == "node":
        why = _same_node(failing, model_facts(result))
    if not why:
        return None
    fixed = edit(code, [(*src.line_span(stmt), "")])
    if not compiles(fixed):
        return None
    return Repair(name="drop-duplicate-definition", code=fixed,
                  description=f"Removed the repeated definition on line {stmt.lineno} `{src.text(failing)}`: {why}.")


def renumber_duplicate_tag(code: str, result: RunResult, spec: BuildingSpec | None) -> Repair | None:
    """Fault: a literal node or element tag used twice for different objects.

    A node gets the one literal tag that elements, fixes or masses refer to but no node
    defines (when exactly one such tag exists and every node tag is literal). An element
    gets the next tag after the largest element tag (when every element tag is literal and
    nothing else names element tags, so the number is free).
    """
    call = _duplicate_call(code, result)
    if call is None:
        return None
    src, failing = call
    kind = src.opensees_function(failing)
    if src.in_loop(failing) or kind not in ("node", "element") or not plain_args(failing):
        return None
    tag_arg = failing.args[0 if kind == "node" else 1] if len(failing.args) > 1 else None
    tag = const_int(tag_arg) if tag_arg is not None else None
    if tag is None or tag_arg is None:
        return None
    if kind == "node":
        new_tag = _missing_node_tag(src, tag)
        why = f"elements refer to node {new_tag}, which nothing else defines"
    else:
        new_tag = _next_element_tag(src)
        why = f"{new_tag} is the next free element tag"
    if new_tag is None:
        return None
    fixed = edit(code, [(*src.span(tag_arg), str(new_tag))])
    return Repair(name="renumber-duplicate-tag", code=fixed,
                  description=f"Renumbered the {kind} defined on line {failing.lineno} from tag {tag} (already used) "
                              f"to {new_tag}: {why}.")


def _duplicate_call(code: str, result: RunResult) -> tuple[Source, ast.Call] | None:
    if result.execution.ok or not result.execution.error_line or not _DUPLICATE.search(run_messages(result)):
        return None
    src = parse(code)
    if src is None:
        return None
    on_line = [c for c in src.calls(*_DEFINITIONS) if c.lineno == result.execution.error_line]
    return (src, on_line[0]) if len(on_line) == 1 else None


def _same_node(call: ast.Call, facts: ModelFacts | None) -> str:
    if facts is None or not plain_args(call) or len(call.args) < 2:
        return ""
    tag = const_int(call.args[0])
    coords = [const_number(a) for a in call.args[1:]]
    node = next((n for n in facts.nodes if n.tag == tag), None)
    if node is None or any(c is None for c in coords) or len(coords) != len(node.coords_m):
        return ""
    if all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)  # type: ignore[arg-type]
           for a, b in zip(coords, node.coords_m, strict=True)):
        return f"node {tag} already exists at the same coordinates"
    return ""


def _missing_node_tag(src: Source, duplicate: int) -> int | None:
    defined: set[int] = set()
    for call in src.calls("node"):
        tag = const_int(call.args[0]) if call.args else None
        if tag is None:
            return None  # computed tags: what is defined cannot be known here
        defined.add(tag)
    referenced: set[int] = set()
    for call in src.calls("element"):
        if call.args and _TWO_NODE_ELEMENT.search(const_str(call.args[0]) or "") and len(call.args) >= 4:
            referenced |= {t for t in (const_int(a) for a in call.args[2:4]) if t is not None}
    for call in src.calls("fix", "mass"):
        if call.args and const_int(call.args[0]) is not None:
            referenced.add(const_int(call.args[0]))  # type: ignore[arg-type]
    missing = referenced - defined
    return missing.pop() if len(missing) == 1 and duplicate not in missing else None


def _next_element_tag(src: Source) -> int | None:
    tags = []
    for call in src.calls("element"):
        tag = const_int(call.args[1]) if len(call.args) > 1 and plain_args(call) else None
        if tag is None:
            return None
        tags.append(tag)
    named = any(const_str(a) in ("-ele", "-eleRange") for c in ast.walk(src.tree) if isinstance(c, ast.Call)
                for a in c.args) or src.calls("eleLoad", "eleForce", "eleResponse", "remove")
    return None if named or not tags else max(tags) + 1
