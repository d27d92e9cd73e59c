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

>>> from autobm.agent.pipeline import ExecutionSummary
>>> summary = ExecutionSummary(ok=False, error_type="SyntaxError", error_line=2,
...                            error_message="unterminated string literal (detected at line 2)")
>>> result = RunResult.model_construct(execution=summary, checks=[], stderr="", facts=None)
>>> fix = deterministic_repair("import math\\nprint(f'T1 = {math.pi:.3f} s)\\n", result, None)
>>> (fix.name, fix.code)
('close-unterminated-string', "import math\\nprint(f'T1 = {math.pi:.3f} s')\\n")
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable, Iterator

from pydantic import BaseModel, Field

from .checks import CheckResult
from .facts import ModelFacts
from .pipeline import RunResult
from .spec import BuildingSpec

__all__ = ["REPAIRS", "Repair", "deterministic_repair"]


class Repair(BaseModel):
    """A repaired script and what was changed."""

    name: str = Field(description="stable id of the repair, e.g. 'close-unterminated-string' (keys of REPAIRS)")
    description: str = Field(description="what was changed and why, one sentence, for a log and for a model")
    code: str = Field(description="the repaired script")


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


def deterministic_repair(code: str, result: RunResult, spec: BuildingSpec | None) -> Repair | None:
    """The first repair in ``REPAIRS`` order that applies to this failed run, or None."""
    for repair in _ORDER:
        fixed = repair(code, result, spec)
        if fixed is not None and fixed.code != code:
            return fixed
    return None


# --- reading the source ------------------------------------------------------------------------


class _Source:
    """A script's syntax tree with parents, positions as string indices, and the OpenSees names."""

    def __init__(self, code: str, tree: ast.Module) -> None:
        self.code = code
        self.tree = tree
        self.lines = code.split("\n")
        self._starts = [0]
        for line in self.lines:
            self._starts.append(self._starts[-1] + len(line) + 1)
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        self.modules, self.bare = _opensees_names(tree)

    def index(self, lineno: int, col_bytes: int) -> int:
        """String index of an ast position (1-based line, UTF-8 byte column)."""
        line = self.lines[lineno - 1]
        return self._starts[lineno - 1] + len(line.encode()[:col_bytes].decode(errors="ignore"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        return (self.index(node.lineno, node.col_offset),  # type: ignore[attr-defined]
                self.index(node.end_lineno, node.end_col_offset))  # type: ignore[attr-defined]

    def text(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.code[start:end]

    def calls(self, *names: str) -> list[ast.Call]:
        """Calls of these OpenSees functions, in source order."""
        found = [n for n in ast.walk(self.tree) if isinstance(n, ast.Call) and self.opensees_function(n) in names]
        return sorted(found, key=lambda n: (n.lineno, n.col_offset))

    def opensees_function(self, call: ast.Call) -> str | None:
        f = call.func
        if isinstance(f, ast.Attribute) and _dotted(f.value) in self.modules:
            return f.attr
        if isinstance(f, ast.Name) and (f.id in self.bare or "*" in self.bare):
            return f.id
        return None

    def helper_header(self) -> tuple[str, str]:
        """(an import line for a helper function, or '', the prefix of OpenSees calls in it: 'ops.')."""
        if not self.modules:  # functions imported by name: the helper imports the module itself
            return "    import openseespy.opensees as ops\n", "ops."
        return "", ("ops" if "ops" in self.modules else min(self.modules)) + "."

    def exact_text(self, node: ast.AST) -> str | None:
        """The node's source, or None when its position does not give it back (multi-line f-strings)."""
        text = self.text(node)
        try:
            same = ast.dump(ast.parse(text.strip(), mode="eval").body) == ast.dump(node)
        except SyntaxError:
            same = False
        return text if same else None

    def statement(self, node: ast.AST) -> ast.stmt:
        while not isinstance(node, ast.stmt):
            node = self.parents[node]
        return node

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        while node in self.parents:
            node = self.parents[node]
            yield node

    def in_loop(self, node: ast.AST) -> bool:
        return any(isinstance(a, (ast.For, ast.While, ast.AsyncFor)) for a in self.ancestors(node))

    def insertion_point(self, node: ast.AST) -> ast.stmt | None:
        """The statement to insert code before so that it runs just before ``node``, once: out of loops."""
        stmt = self.statement(node)
        while isinstance(self.parents.get(stmt), (ast.For, ast.While, ast.AsyncFor)):
            stmt = self.parents[stmt]  # type: ignore[assignment]
        return stmt if self.indentation(stmt) is not None else None

    def indentation(self, stmt: ast.stmt) -> str | None:
        """The statement's indentation, or None when its line holds code before it (``if x: stmt``)."""
        line = self.lines[stmt.lineno - 1]
        before = line[:self.index(stmt.lineno, stmt.col_offset) - self._starts[stmt.lineno - 1]]
        return before if not before.strip() else None

    def line_span(self, stmt: ast.stmt) -> tuple[int, int]:
        """String indices of the whole lines a statement occupies (with its newline)."""
        end = min(stmt.end_lineno or stmt.lineno, len(self.lines))
        return self._starts[stmt.lineno - 1], min(self._starts[end], len(self.code))


def _parse(code: str) -> _Source | None:
    try:
        return _Source(code, ast.parse(code))
    except (SyntaxError, ValueError):
        return None


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _opensees_names(tree: ast.Module) -> tuple[set[str], set[str]]:
    """(names the OpenSees module is bound to, functions imported bare or '*')."""
    modules: set[str] = set()
    bare: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in ("openseespy.opensees", "opensees", "openseespy.opensees.opensees"):
                    modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                if node.module == "openseespy" and alias.name == "opensees":
                    modules.add(alias.asname or "opensees")
                elif node.module in ("openseespy.opensees", "opensees"):
                    bare.add(alias.asname or alias.name)
    if not modules and not bare:
        modules.add("ops")  # a fragment without its imports: the usual alias
    return modules, bare


def _edit(code: str, edits: list[tuple[int, int, str]]) -> str:
    """Replace [start, end) spans (non-overlapping) by new text."""
    for start, end, text in sorted(edits, reverse=True):
        code = code[:start] + text + code[end:]
    return code


def _insert_before(src: _Source, stmt: ast.stmt, snippet: str) -> str:
    """The code with a snippet (lines, unindented) inserted before a statement, at its indentation."""
    indent = src.indentation(stmt) or ""
    block = "".join(f"{indent}{line}\n" if line else "\n" for line in snippet.rstrip("\n").split("\n"))
    start = src.line_span(stmt)[0]
    return src.code[:start] + block + src.code[start:]


def _compiles(code: str) -> bool:
    return _syntax_error(code) is None


def _syntax_error(code: str) -> SyntaxError | None:
    try:
        compile(code, "model.py", "exec", dont_inherit=True)
    except SyntaxError as e:
        return e
    except ValueError:  # null bytes
        return SyntaxError("source contains null bytes")
    return None


def _said(result: RunResult) -> str:
    """What the run reported: the error message and stderr (OpenSees' own messages)."""
    return f"{result.execution.error_message or ''}\n{result.stderr or ''}"


def _failed(result: RunResult, check_id: str) -> CheckResult | None:
    return next((c for c in result.checks if c.id == check_id and c.status == "failed"), None)


def _facts(result: RunResult) -> ModelFacts | None:
    return result.facts if isinstance(result.facts, ModelFacts) else None


def _const_int(node: ast.AST) -> int | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    return None


def _const_number(node: ast.AST) -> float | None:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _const_number(node.operand)
        return None if inner is None else -inner
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    return None


def _const_str(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _plain_args(call: ast.Call) -> bool:
    return not call.keywords and not any(isinstance(a, ast.Starred) for a in call.args)


# --- unterminated string literal -----------------------------------------------------------------

_UNTERMINATED = re.compile(r"unterminated (?:f-)?string literal|EOL while scanning string literal")
_CLOSERS = ")]},:;"
_MAX_STRING_FIXES = 20


def close_unterminated_string(code: str, result: RunResult, spec: BuildingSpec | None) -> Repair | None:
    """Fault: SyntaxError 'unterminated string literal' (95.7 % of the syntax errors in the paper's sample).

    On each such line, in turn: swap the quotes of a literal cut short by an apostrophe
    (``'the building's period'``), close an OpenSees type name (``ops.element("elasticBeamColumn, 1, ...``),
    or close the string before the line's trailing brackets, else at its end. A candidate is
    kept only if the script then compiles, or its first syntax error moves further down.
    """
    if result.execution.error_type != "SyntaxError" or not _UNTERMINATED.search(result.execution.error_message or ""):
        return None
    fixed: list[int] = []
    for _ in range(_MAX_STRING_FIXES):
        error = _syntax_error(code)
        if error is None or not _UNTERMINATED.search(error.msg or "") or not error.lineno:
            break
        repaired = _close_string_on_line(code, error.lineno)
        if repaired is None:
            break
        code = repaired
        fixed.append(error.lineno)
    if not fixed:
        return None
    lines = ", ".join(str(n) for n in fixed)
    return Repair(name="close-unterminated-string", code=code,
                  description=f"Closed the unterminated string literal on line{'s' if len(fixed) > 1 else ''} {lines} "
                              "(SyntaxError: unterminated string literal).")


def _scan_quotes(line: str) -> tuple[list[tuple[int, int, str]], int | None]:
    """(closed single-line literals as (open, close, quote), position of the quote left open) of one line."""
    spans: list[tuple[int, int, str]] = []
    i, start, quote = 0, 0, ""
    while i < len(line):
        ch = line[i]
        if not quote:
            if ch == "#":
                break
            if ch in "'\"":
                if line.startswith(ch * 3, i):
                    end = line.find(ch * 3, i + 3)
                    if end < 0:
                        return spans, None  # a triple-quoted string: not this fault
                    i = end + 3
                    continue
                start, quote = i, ch
        elif ch == "\\":
            i += 1
        elif ch == quote:
            spans.append((start, i, quote))
            quote = ""
        i += 1
    return spans, (start if quote else None)


def _open_brackets(text: str) -> int:
    depth = 0
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
    return max(depth, 0)


def _close_string_on_line(code: str, lineno: int) -> str | None:
    lines = code.split("\n")
    line = lines[lineno - 1]
    spans, opened = _scan_quotes(line)
    if opened is None:
        return None
    quote = line[opened]
    other = "'" if quote == '"' else '"'
    candidates: list[str] = []
    # 1. An apostrophe ended an earlier literal: the quote left open is that literal's real end.
    for start, end, q in reversed(spans):
        if q == quote and 0 < end < len(line) - 1 and line[end - 1].isalnum() and line[end + 1].isalpha():
            content = line[start + 1:opened]
            if other not in content:
                candidates.append(line[:start] + other + content + other + line[opened + 1:])
            break
    # 2. An OpenSees type name or flag as an argument of an OpenSees call: close it before the comma.
    aliases = {"ops", *re.findall(r"import\s+openseespy\.opensees\s+as\s+(\w+)", code)}
    token = re.match(r"-?[A-Za-z_]\w*(?=\s*,)", line[opened + 1:])
    if token and re.search(rf"\b(?:{'|'.join(sorted(aliases))})\.\w+\((?:.*[(,])?\s*$", line[:opened]):
        cut = opened + 1 + token.end()
        candidates.append(line[:cut] + quote + line[cut:])
    # 3. Before the trailing brackets that close what the line opened, then at the end of the line.
    bodies = [line.rstrip()]
    comment = re.search(r"\s+#", line[opened + 1:])
    if comment:
        bodies.append(line[:opened + 1 + comment.start()].rstrip())
    depth = _open_brackets("".join(ch for i, ch in enumerate(line[:opened]) if not _inside(spans, i)))
    for body in bodies:
        tail = len(body) - len(body.rstrip(_CLOSERS + " \t"))
        run = body[len(body) - tail:]
        positions = [len(body) - tail + i for i, ch in enumerate(run) if ch in _CLOSERS]
        closers = [p for p in positions if body[p] in ")]}"]
        if depth and len(closers) >= depth:
            at = closers[-depth]
            candidates.append(body[:at].rstrip() + quote + body[at:] + line[len(body):])
        candidates.append(body + quote + line[len(body):])
        candidates += [body[:p] + quote + body[p:] + line[len(body):] for p in positions]
    for candidate in dict.fromkeys(candidates):
        new = "\n".join([*lines[:lineno - 1], candidate, *lines[lineno:]])
        error = _syntax_error(new)
        if error is None or (error.lineno or 0) > lineno:
            return new
    return None


def _inside(spans: list[tuple[int, int, str]], i: int) -> bool:
    return any(start <= i <= end for start, end, _ in spans)


# --- -ndm / -ndf -----------------------------------------------------------------------------------

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
    src = _parse(code)
    if src is None:
        return None
    models = src.calls("model")
    if len(models) != 1 or not _plain_args(models[0]):
        return None
    model = models[0]
    flags = [_const_str(a) for a in model.args]
    if "-ndm" not in flags or flags.index("-ndm") + 1 >= len(model.args):
        return None
    ndm = _const_int(model.args[flags.index("-ndm") + 1])
    has_ndf = "-ndf" in flags and flags.index("-ndf") + 1 < len(model.args)
    ndf = _const_int(model.args[flags.index("-ndf") + 1]) if has_ndf else _NDF_OF_FRAME.get(ndm or 0)
    if ndm not in _NDF_OF_FRAME or ndf is None:
        return None
    frames = any(_FRAME_ELEMENT.search(_const_str(c.args[0]) or "") for c in src.calls("element") if c.args)
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
        if not _plain_args(call) or len(values) != ndf:
            continue
        new_values = _resized_dofs(src, call, values, ndf, new_ndf)
        if new_values is None:
            continue
        edits.append((src.span(values[0])[0], src.span(values[-1])[1], ", ".join(new_values)))
        resized += 1
    fixed = _edit(code, edits)
    if not _compiles(fixed):
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
        if _const_str(arg) is not None:
            break  # '-mass', '-ndf', ...
        count += 1
    return count


def _resized_dofs(src: _Source, call: ast.Call, values: list[ast.expr], ndf: int, new_ndf: int) -> list[str] | None:
    texts = [src.text(v) for v in values]
    if new_ndf > ndf:
        all_fixed = src.opensees_function(call) == "fix" and all(_const_int(v) == 1 for v in values)
        pad = "1" if all_fixed else ("0" if src.opensees_function(call) == "fix" else "0.0")
        return texts + [pad] * (new_ndf - ndf)
    kept = _DOFS_KEPT.get((ndf, new_ndf))
    return [texts[i] for i in kept] if kept else None


# --- geomTransf after the elements --------------------------------------------------------------

_TRANSF_MESSAGES = re.compile(r"getCrdTransf|CrdTransf.*none found|transf\w* not found|coord transf", re.IGNORECASE)


def move_geomtransf_before_elements(code: str, result: RunResult, spec: BuildingSpec | None) -> Repair | None:
    """Fault: an element defined before its geomTransf ("CrdTransf ... none found with tag").

    The geomTransf statements (or loops of them) that come after the first element, in the
    same block, move to just before the statement holding that element; not when that
    statement is a function definition (definition order is not run order), nor when a
    name the geomTransf arguments use is assigned in between.
    """
    if result.execution.ok or not _TRANSF_MESSAGES.search(_said(result)):
        return None
    src = _parse(code)
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
    fixed = _edit(code, edits)
    if not _compiles(fixed):
        return None
    count = sum(len(_calls_in(src, u, "geomTransf")) for u in units)
    return Repair(name="move-geomtransf-before-elements", code=fixed,
                  description=f"Moved {count} geomTransf definition{'s' if count != 1 else ''} from line "
                              f"{units[0].lineno} up to line {target.lineno}, before the first element that uses "
                              "them (OpenSees found no coordinate transformation with that tag).")


def _common_block(src: _Source, later: ast.AST, earlier: ast.AST) -> tuple[list[ast.stmt], ast.stmt, ast.stmt] | None:
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


def _statement_chain(src: _Source, node: ast.AST) -> list[ast.stmt]:
    """The statement holding the node, then the statements around it, innermost first."""
    stmt = src.statement(node)
    return [stmt, *(a for a in src.ancestors(stmt) if isinstance(a, ast.stmt))]


def _body_of(parent: ast.AST, stmt: ast.stmt) -> list[ast.stmt] | None:
    for field in ("body", "orelse", "finalbody"):
        body = getattr(parent, field, None)
        if isinstance(body, list) and stmt in body:
            return body
    return None


def _calls_in(src: _Source, node: ast.AST, *names: str) -> list[ast.Call]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Call) and src.opensees_function(n) in names]


def _names_loaded(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _assigned_between(body: list[ast.stmt], first: ast.stmt, last: ast.stmt) -> set[str]:
    names: set[str] = set()
    for stmt in body[body.index(first):body.index(last)]:
        names |= {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    return names


# --- duplicate tags --------------------------------------------------------------------------------

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
        why = _same_node(failing, _facts(result))
    if not why:
        return None
    fixed = _edit(code, [(*src.line_span(stmt), "")])
    if not _compiles(fixed):
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
    if src.in_loop(failing) or kind not in ("node", "element") or not _plain_args(failing):
        return None
    tag_arg = failing.args[0 if kind == "node" else 1] if len(failing.args) > 1 else None
    tag = _const_int(tag_arg) if tag_arg is not None else None
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
    fixed = _edit(code, [(*src.span(tag_arg), str(new_tag))])
    return Repair(name="renumber-duplicate-tag", code=fixed,
                  description=f"Renumbered the {kind} defined on line {failing.lineno} from tag {tag} (already used) "
                              f"to {new_tag}: {why}.")


def _duplicate_call(code: str, result: RunResult) -> tuple[_Source, ast.Call] | None:
    if result.execution.ok or not result.execution.error_line or not _DUPLICATE.search(_said(result)):
        return None
    src = _parse(code)
    if src is None:
        return None
    on_line = [c for c in src.calls(*_DEFINITIONS) if c.lineno == result.execution.error_line]
    return (src, on_line[0]) if len(on_line) == 1 else None


def _same_node(call: ast.Call, facts: ModelFacts | None) -> str:
    if facts is None or not _plain_args(call) or len(call.args) < 2:
        return ""
    tag = _const_int(call.args[0])
    coords = [_const_number(a) for a in call.args[1:]]
    node = next((n for n in facts.nodes if n.tag == tag), None)
    if node is None or any(c is None for c in coords) or len(coords) != len(node.coords_m):
        return ""
    if all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)  # type: ignore[arg-type]
           for a, b in zip(coords, node.coords_m, strict=True)):
        return f"node {tag} already exists at the same coordinates"
    return ""


def _missing_node_tag(src: _Source, duplicate: int) -> int | None:
    defined: set[int] = set()
    for call in src.calls("node"):
        tag = _const_int(call.args[0]) if call.args else None
        if tag is None:
            return None  # computed tags: what is defined cannot be known here
        defined.add(tag)
    referenced: set[int] = set()
    for call in src.calls("element"):
        if call.args and _TWO_NODE_ELEMENT.search(_const_str(call.args[0]) or "") and len(call.args) >= 4:
            referenced |= {t for t in (_const_int(a) for a in call.args[2:4]) if t is not None}
    for call in src.calls("fix", "mass"):
        if call.args and _const_int(call.args[0]) is not None:
            referenced.add(_const_int(call.args[0]))  # type: ignore[arg-type]
    missing = referenced - defined
    return missing.pop() if len(missing) == 1 and duplicate not in missing else None


def _next_element_tag(src: _Source) -> int | None:
    tags = []
    for call in src.calls("element"):
        tag = _const_int(call.args[1]) if len(call.args) > 1 and _plain_args(call) else None
        if tag is None:
            return None
        tags.append(tag)
    named = any(_const_str(a) in ("-ele", "-eleRange") for c in ast.walk(src.tree) if isinstance(c, ast.Call)
                for a in c.args) or src.calls("eleLoad", "eleForce", "eleResponse", "remove")
    return None if named or not tags else max(tags) + 1


# --- unsupported base --------------------------------------------------------------------------

_ANALYSES = ("eigen", "analyze", "analysis", "modalProperties")


def fix_base_supports(code: str, result: RunResult, spec: BuildingSpec | None) -> Repair | None:
    """Fault: unfixed bases (check ``supports.base_fixed`` failed: no base node fixed in its translations).

    When some base nodes have no support at all, a helper runs just before the first
    analysis call and fixes every unsupported node at the lowest elevation in all its DOFs.
    Partly restrained bases (pins, rollers) are left alone: their intent is not a guess.
    """
    facts = _facts(result)
    if _failed(result, "supports.base_fixed") is None or facts is None or not facts.nodes:
        return None
    va = _vertical_axis(facts, spec)
    nodes = [n for n in facts.nodes if len(n.coords_m) > va]
    base_m = min((n.coords_m[va] for n in nodes), default=0.0)
    bare = [n.tag for n in nodes if abs(n.coords_m[va] - base_m) <= 0.01 and not n.fixed_dofs]
    src = _parse(code)
    if not bare or src is None or "_autobm_fix_base" in code:
        return None  # (a base this helper already fixed and still failing is not its fault)
    analyses = src.calls(*_ANALYSES)
    point = src.insertion_point(analyses[0]) if analyses else None
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
    fixed = _insert_before(src, point, snippet)
    if not _compiles(fixed):
        return None
    return Repair(name="fix-base-supports", code=fixed,
                  description=f"Inserted before line {point.lineno} a step that fixes every unsupported node at the "
                              f"lowest elevation in all DOFs ({len(bare)} base node{'s' if len(bare) != 1 else ''} "
                              "had no support, so the model could move as a rigid body).")


def _vertical_axis(facts: ModelFacts, spec: BuildingSpec | None) -> int:
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


# --- missing masses ----------------------------------------------------------------------------------

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
    mass_check = _failed(result, "mass.positive")
    eigen_failed = not result.execution.ok and (_EIGEN_FAILED.search(result.execution.error_line_text or "")
                                                or _EIGEN_FAILED.search(result.execution.error_message or ""))
    if mass_check is None and not eigen_failed:
        return None
    src = _parse(code)
    if src is None or src.calls("mass") or any(_const_str(n) == "-mass" for n in ast.walk(src.tree)):
        return None
    eigens = src.calls("eigen")
    point = src.insertion_point(eigens[0]) if eigens else None
    if point is None:
        return None
    facts = _facts(result)
    ndm = facts.ndm if facts else spec.dimensions
    vertical = _vertical_axis(facts, spec) if facts else ndm - 1
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
    fixed = _insert_before(src, point, snippet)
    if not _compiles(fixed):
        return None
    return Repair(name="assign-floor-masses", code=fixed,
                  description=f"Inserted before line {point.lineno} a step that assigns the spec's floor masses "
                              f"({sum(masses):.6g} kg in all) to the free nodes of each floor, because the script "
                              "assigned no mass and eigen had nothing to vibrate.")


# --- the eigenvalue printed as the period -----------------------------------------------------------

_PERIOD_NAME = re.compile(r"^(?:t|t_?\d+|t_?n|\w*period\w*)$", re.IGNORECASE)


def period_from_eigenvalue(code: str, result: RunResult, spec: BuildingSpec | None) -> Repair | None:
    """Fault: the eigenvalue printed as the period (check ``period.printed_vs_computed`` failed).

    The printed value, against the model's first eigenvalue λ, says which mistake it is:
    2π/λ (the denominator gets its square root), λ or ω = √λ assigned to a period name
    (T = 2π/√λ), or the frequency ω/2π (T = 1/f). Only expressions that derive from
    ``ops.eigen``'s return value are edited.
    """
    check = _failed(result, "period.printed_vs_computed")
    facts = _facts(result)
    if check is None or facts is None or facts.modal is None or not facts.modal.eigenvalues:
        return None
    printed, lam = check.value, facts.modal.eigenvalues[0]
    if not isinstance(printed, (int, float)) or not lam > 0:
        return None
    omega = math.sqrt(lam)
    mistakes = {"2π/λ": 2 * math.pi / lam, "λ": lam, "ω = √λ": omega, "f = √λ/2π": omega / (2 * math.pi)}
    mistake = next((k for k, v in mistakes.items() if math.isclose(printed, v, rel_tol=0.02)), None)
    src = _parse(code)
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
    fixed = _edit(code, edits)
    if not _compiles(fixed):
        return None
    lines = sorted({code.count("\n", 0, start) + 1 for start, _, _ in edits})
    return Repair(name="period-from-eigenvalue", code=fixed,
                  description=f"The printed period T1 = {printed:.4g} s was {mistake} of the first eigenvalue "
                              f"λ = {lam:.4g} (rad/s)²: the period is now computed as T = 2π/√λ on line"
                              f"{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))}.")


def _eigen_kinds(src: _Source) -> dict[str, str]:
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


def _bind_loop(target: ast.expr, iterable: ast.expr, kinds: dict[str, str], src: _Source) -> None:
    if _kind(iterable, kinds, src) == "list" and isinstance(target, ast.Name):
        kinds[target.id] = "scalar"
    elif isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and iterable.func.id == "enumerate" \
            and iterable.args and _kind(iterable.args[0], kinds, src) == "list" \
            and isinstance(target, ast.Tuple) and len(target.elts) == 2 and isinstance(target.elts[1], ast.Name):
        kinds[target.elts[1].id] = "scalar"


def _kind(node: ast.AST, kinds: dict[str, str], src: _Source | None = None) -> str | None:
    if isinstance(node, ast.Name):
        return kinds.get(node.id)
    if isinstance(node, ast.Call):
        if src is not None and src.opensees_function(node) == "eigen":
            return "list"
        name = _dotted(node.func) or ""
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
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) and _const_number(node.right) == 0.5:
        return "omega" if _kind(node.left, kinds, src) == "scalar" else None
    return None


def _is_two_pi(node: ast.AST) -> bool:
    value = _const_number(node)
    if value is not None:
        return math.isclose(value, 2 * math.pi, rel_tol=1e-3)
    if isinstance(node, ast.Attribute) and node.attr == "tau":
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        return any(_const_number(a) == 2.0 and _is_pi(b) for a, b in ((node.left, node.right), (node.right, node.left)))
    return False


def _is_pi(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "pi") or (isinstance(node, ast.Name) and node.id == "pi")


def _sqrt_and_two_pi(src: _Source) -> tuple[Callable[[str, bool], str], str]:
    """How to write √x and 2π in this script: with math if it imports math, else with ** 0.5 and a number."""
    has_math = any(isinstance(n, ast.Import) and any(a.name == "math" and not a.asname for a in n.names)
                   for n in ast.walk(src.tree))

    def sqrt(text: str, scalar: bool) -> str:
        if has_math and scalar:
            return f"math.sqrt({text})"
        return f"{text} ** 0.5" if re.fullmatch(r"[\w.\[\]]+", text) else f"({text}) ** 0.5"

    return sqrt, ("2.0 * math.pi" if has_math else "6.283185307179586")


# --- E in MPa (or GPa) with lengths in metres -------------------------------------------------------

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
    src = _parse(code)
    if factor is None or src is None:
        return None
    unit, e_range, g_range = _UNIT_FACTORS[factor]
    moduli = _modulus_literals(src, e_range, g_range)
    if not any(kind == "E" for kind, _ in moduli):
        return None
    edits = [(*src.span(node), f"{_const_number(node) * factor:.6g}") for _, node in moduli]  # type: ignore[operator]
    fixed = _edit(code, edits)
    if not _compiles(fixed):
        return None
    changed = ", ".join(f"{src.text(n)} → {_const_number(n) * factor:.6g}" for _, n in moduli)  # type: ignore[operator]
    return Repair(name="scale-modulus-to-pa", code=fixed,
                  description=f"Converted the elastic modulus from {unit} to Pa ({changed}): with lengths in metres "
                              f"E must be in Pa; the period was {math.sqrt(factor):.4g} times too long.")


def _unit_factor(result: RunResult) -> float | None:
    reference = _failed(result, "period.reference_model")
    if reference is not None:
        if not isinstance(reference.value, (int, float)) or not isinstance(reference.limit, (int, float)) \
                or reference.limit <= 0:
            return None
        ratio = reference.value / reference.limit
        return next((f for f in _UNIT_FACTORS
                     if 1 / _REFERENCE_RATIO_TOL <= ratio / math.sqrt(f) <= _REFERENCE_RATIO_TOL), None)
    band = _failed(result, "period.code_formula")
    if band is None or not isinstance(band.value, (int, float)) or not isinstance(band.limit, str):
        return None
    m = re.fullmatch(r"([0-9.eE+-]+)\.\.([0-9.eE+-]+)", band.limit)
    if m is None:
        return None
    low, high = float(m.group(1)), float(m.group(2))
    matches = [f for f in _UNIT_FACTORS if low <= band.value / math.sqrt(f) <= high]
    return matches[0] if len(matches) == 1 else None


def _modulus_literals(src: _Source, e_range: tuple[float, float],
                      g_range: tuple[float, float]) -> list[tuple[str, ast.expr]]:
    """('E' or 'G', literal node) for the moduli written in the suspected unit."""
    found: list[tuple[str, ast.expr]] = []

    def take(kind: str, node: ast.expr) -> None:
        value = _const_number(node)
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
        kind = _const_str(call.args[0]) if call.args else None
        if kind and kind.lower() in ("elasticbeamcolumn", "elastictimoshenkobeam") and len(call.args) > 5:
            take("E", call.args[5])
            if len(call.args) >= 11:
                take("G", call.args[6])
    for call in src.calls("uniaxialMaterial"):
        if call.args and (_const_str(call.args[0]) or "").lower() == "elastic" and len(call.args) > 2:
            take("E", call.args[2])
    return sorted(found, key=lambda item: (item[1].lineno, item[1].col_offset))


_ORDER: tuple[Callable[[str, RunResult, BuildingSpec | None], Repair | None], ...] = (
    close_unterminated_string,
    fix_ndm_ndf,
    move_geomtransf_before_elements,
    drop_duplicate_definition,
    renumber_duplicate_tag,
    fix_base_supports,
    assign_floor_masses,
    period_from_eigenvalue,
    scale_modulus_to_pa,
)
