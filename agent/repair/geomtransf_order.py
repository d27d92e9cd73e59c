"""Repair of an element defined before the geomTransf it refers to."""

from __future__ import annotations

import ast
import re

from ..pipeline import RunResult
from ..spec import BuildingSpec
from ._evidence import run_messages
from ._source import Source, compiles, edit, parse
from ._types import Repair

_TRANSF_MESSAGES = re.compile(r"getCrdTransf|CrdTransf.*none found|transf\w* not found|coord transf", re.IGNORECASE)


def move_geomtransf_before_elements(code: str, result: RunResult, spec: BuildingSpec | None) -> Repair | None:
    """Fault: an element defined before its geomTransf ("CrdTransf ... none found with tag").

    The geomTransf statements (or loops of them) that come after the first element, in the
    same block, move to just before the statement holding that element; not when that
    statement is a function definition (definition order is not run order), nor when a
    name the geomTransf arguments use is assigned in between.
    """
    if result.execution.ok or not _TRANSF_MESSAGES.search(run_messages(result)):
        return None
    src = parse(code)
    if src is None:
        return None
    elements = src.calls("element")
    if not elements:
        return None
    first = elements[0]
    units: list[ast.stmt] = []
    target: ast.stmt | None = None
    for transf in src.calls("geomTransf"):
        if (transf.lineno, transf.col_offset) < (first.lineno, first.col_offset):
            continue
        found = _common_block(src, transf, first)
        if found is None:
            return None
        body, unit, element_unit = found
        if target is not None and element_unit is not target:
            return None
        if isinstance(element_unit, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return None
        if _calls_in(src, unit, "element", "node", "eigen", "analyze"):
            return None
        if _assigned_between(body, element_unit, unit) & _names_loaded(transf):
            return None
        target = element_unit
        if unit not in units:
            units.append(unit)
    if target is None or not units:
        return None
    moved = "".join(code[slice(*src.line_span(u))] for u in units)
    edits = [(*src.line_span(u), "") for u in units]
    start = src.line_span(target)[0]
    edits.append((start, start, moved))
    fixed = edit(code, edits)
    if not compiles(fixed):
        return None
    count = sum(len(_calls_in(src, u, "geomTransf")) for u in units)
    return Repair(name="move-geomtransf-before-elements", code=fixed,
                  description=f"Moved {count} geomTransf definition{'s' if count != 1 else ''} from line "
                              f"{units[0].lineno} up to line {target.lineno}, before the first element that uses "
                              "them (OpenSees found no coordinate transformation with that tag).")


def _common_block(src: Source, later: ast.AST, earlier: ast.AST) -> tuple[list[ast.stmt], ast.stmt, ast.stmt] | None:
    """(block, statement of ``later`` in it, statement of ``earlier`` in it) for the innermost block holding both."""
    chain, earlier_chain = _statement_chain(src, later), _statement_chain(src, earlier)
    for unit in chain:
        parent = src.parents.get(unit)
        body = _body_of(parent, unit) if parent is not None else None
        if body is None:
            continue
        for other in earlier_chain:
            if other in body and body.index(other) < body.index(unit):
                return body, unit, other
    return None


def _statement_chain(src: Source, node: ast.AST) -> list[ast.stmt]:
    """The statement holding the node, then the statements around it, innermost first."""
    stmt = src.statement(node)
    return [stmt, *(a for a in src.ancestors(stmt) if isinstance(a, ast.stmt))]


def _body_of(parent: ast.AST, stmt: ast.stmt) -> list[ast.stmt] | None:
    for field in ("body", "orelse", "finalbody"):
        body = getattr(parent, field, None)
        if isinstance(body, list) and stmt in body:
            return body
    return None


def _calls_in(src: Source, node: ast.AST, *names: str) -> list[ast.Call]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Call) and src.opensees_function(n) in names]


def _names_loaded(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _assigned_between(body: list[ast.stmt], first: ast.stmt, last: ast.stmt) -> set[str]:
    names: set[str] = set()
    for stmt in body[body.index(first):body.index(last)]:
        names |= {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    return names
