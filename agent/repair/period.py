"""Repair of the period printed from the eigenvalue by a wrong formula (2π/λ, λ, √λ, or the frequency)."""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable

from ..pipeline import RunResult
from ..spec import BuildingSpec
from ._evidence import failed_check, model_facts
from ._source import Source, compiles, const_number, dotted, edit, parse
from ._types import Repair

_PERIOD_NAME = re.compile(r"^(?:t|t_?\d+|t_?n|\w*period\w*)$", re.IGNORECASE)


def period_from_eigenvalue(code: str, result: RunResult, spec: BuildingSpec | None) -> Repair | None:
    """Fault: the eigenvalue printed as the period (check ``period.printed_vs_computed`` failed).

    The printed value, against the model's first eigenvalue λ, says which mistake it is:
    2π/λ (the denominator gets its square root), λ or ω = √λ assigned to a period name
    (T = 2π/√λ), or the frequency ω/2π (T = 1/f). Only expressions that derive from
    ``ops.eigen``'s return value are edited.
    """
    check = failed_check(result, "period.printed_vs_computed")
    facts = model_facts(result)
    if check is None or facts is None or facts.modal is None or not facts.modal.eigenvalues:
        return None
    printed, lam = check.value, facts.modal.eigenvalues[0]
    if not isinstance(printed, (int, float)) or not lam > 0:
        return None
    omega = math.sqrt(lam)
    mistakes = {"2π/λ": 2 * math.pi / lam, "λ": lam, "ω = √λ": omega, "f = √λ/2π": omega / (2 * math.pi)}
    mistake = next((k for k, v in mistakes.items() if math.isclose(printed, v, rel_tol=0.02)), None)
    src = parse(code)
    if mistake is None or src is None:
        return None
    kinds = _eigen_kinds(src)
    sqrt, two_pi = _sqrt_and_two_pi(src)
    edits: list[tuple[int, int, str]] = []
    for node in ast.walk(src.tree):
        if mistake == "2π/λ" and isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) \
                and _is_two_pi(node.left) and _kind(node.right, kinds, src) in ("scalar", "list"):
            text = src.exact_text(node.right)
            if text is None:
                return None
            edits.append((*src.span(node.right), sqrt(text, _kind(node.right, kinds, src) == "scalar")))
        elif mistake != "2π/λ" and isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if not all(isinstance(t, ast.Name) and _PERIOD_NAME.match(t.id) for t in targets):
                continue
            value, kind = node.value, _kind(node.value, kinds, src)
            text = src.exact_text(value)
            if text is None:
                continue
            if mistake == "λ" and kind == "scalar":
                edits.append((*src.span(value), f"{two_pi} / {sqrt(text, True)}"))
            elif mistake == "λ" and kind == "list":
                edits.append((*src.span(value), f"[{two_pi} / {sqrt('lam', True)} for lam in {text}]"))
            elif mistake == "ω = √λ" and kind == "omega":
                edits.append((*src.span(value), f"{two_pi} / ({text})"))
            elif mistake == "f = √λ/2π" and isinstance(value, ast.BinOp) and isinstance(value.op, ast.Div) \
                    and _kind(value.left, kinds, src) == "omega" and _is_two_pi(value.right):
                edits.append((*src.span(value), f"{two_pi} / ({src.text(value.left)})"))
    if not edits:
        return None
    fixed = edit(code, edits)
    if not compiles(fixed):
        return None
    lines = sorted({code.count("\n", 0, start) + 1 for start, _, _ in edits})
    return Repair(name="period-from-eigenvalue", code=fixed,
                  description=f"The printed period T1 = {printed:.4g} s was {mistake} of the first eigenvalue "
                              f"λ = {lam:.4g} (rad/s)²: the period is now computed as T = 2π/√λ on line"
                              f"{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))}.")


def _eigen_kinds(src: Source) -> dict[str, str]:
    """Names bound to eigen's results: 'list' (the eigenvalues), 'scalar' (one λ), 'omega' (√λ)."""
    kinds: dict[str, str] = {}
    for _ in range(5):  # to a fixed point through chains of assignments
        before = dict(kinds)
        for node in ast.walk(src.tree):
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                kind = _kind(node.value, kinds, src)
                for target in targets:
                    if isinstance(target, ast.Name) and kind:
                        kinds[target.id] = kind
                    elif isinstance(target, ast.Tuple) and kind == "list":
                        kinds.update({e.id: "scalar" for e in target.elts if isinstance(e, ast.Name)})
            elif isinstance(node, (ast.For, ast.comprehension)):
                _bind_loop(node.target, node.iter, kinds, src)
        if kinds == before:
            break
    return kinds


def _bind_loop(target: ast.expr, iterable: ast.expr, kinds: dict[str, str], src: Source) -> None:
    if _kind(iterable, kinds, src) == "list" and isinstance(target, ast.Name):
        kinds[target.id] = "scalar"
    elif isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and iterable.func.id == "enumerate" \
            and iterable.args and _kind(iterable.args[0], kinds, src) == "list" \
            and isinstance(target, ast.Tuple) and len(target.elts) == 2 and isinstance(target.elts[1], ast.Name):
        kinds[target.elts[1].id] = "scalar"


def _kind(node: ast.AST, kinds: dict[str, str], src: Source | None = None) -> str | None:
    if isinstance(node, ast.Name):
        return kinds.get(node.id)
    if isinstance(node, ast.Call):
        if src is not None and src.opensees_function(node) == "eigen":
            return "list"
        name = dotted(node.func) or ""
        if name.split(".")[-1] in ("list", "array", "asarray") and node.args:
            return "list" if _kind(node.args[0], kinds, src) == "list" else None
        if name.split(".")[-1] == "sqrt" and node.args and _kind(node.args[0], kinds, src) == "scalar":
            return "omega"
        if name.split(".")[-1] in ("abs", "float", "fabs") and node.args:
            return _kind(node.args[0], kinds, src)
        return None
    if isinstance(node, ast.Subscript):
        base = _kind(node.value, kinds, src)
        if base == "list":
            return "list" if isinstance(node.slice, ast.Slice) else "scalar"
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) and const_number(node.right) == 0.5:
        return "omega" if _kind(node.left, kinds, src) == "scalar" else None
    return None


def _is_two_pi(node: ast.AST) -> bool:
    value = const_number(node)
    if value is not None:
        return math.isclose(value, 2 * math.pi, rel_tol=1e-3)
    if isinstance(node, ast.Attribute) and node.attr == "tau":
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        return any(const_number(a) == 2.0 and _is_pi(b) for a, b in ((node.left, node.right), (node.right, node.left)))
    return False


def _is_pi(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "pi") or (isinstance(node, ast.Name) and node.id == "pi")


def _sqrt_and_two_pi(src: Source) -> tuple[Callable[[str, bool], str], str]:
    """How to write √x and 2π in this script: with math if it imports math, else with ** 0.5 and a number."""
    has_math = any(isinstance(n, ast.Import) and any(a.name == "math" and not a.asname for a in n.names)
                   for n in ast.walk(src.tree))

    def sqrt(text: str, scalar: bool) -> str:
        if has_math and scalar:
            return f"math.sqrt({text})"
        return f"{text} ** 0.5" if re.fullmatch(r"[\w.\[\]]+", text) else f"({text}) ** 0.5"

    return sqrt, ("2.0 * math.pi" if has_math else "6.283185307179586")
