"""Reading and editing a drafted script: its syntax tree, the OpenSees calls in it, literals, text edits.

Shared by the repairs. Nothing here runs the script: ``compiles`` only compiles it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator


class Source:
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
        if isinstance(f, ast.Attribute) and dotted(f.value) in self.modules:
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

    def insertion_point_before_first(self, *names: str) -> ast.stmt | None:
        """The insertion point (see ``insertion_point``) before the first call of these OpenSees functions."""
        calls = self.calls(*names)
        return self.insertion_point(calls[0]) if calls else None

    def indentation(self, stmt: ast.stmt) -> str | None:
        """The statement's indentation, or None when its line holds code before it (``if x: stmt``)."""
        line = self.lines[stmt.lineno - 1]
        before = line[:self.index(stmt.lineno, stmt.col_offset) - self._starts[stmt.lineno - 1]]
        return before if not before.strip() else None

    def line_span(self, stmt: ast.stmt) -> tuple[int, int]:
        """String indices of the whole lines a statement occupies (with its newline)."""
        end = min(stmt.end_lineno or stmt.lineno, len(self.lines))
        return self._starts[stmt.lineno - 1], min(self._starts[end], len(self.code))


def parse(code: str) -> Source | None:
    try:
        return Source(code, ast.parse(code))
    except (SyntaxError, ValueError):
        return None


def dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
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


# --- edits ---------------------------------------------------------------------------------------


def edit(code: str, edits: list[tuple[int, int, str]]) -> str:
    """Replace [start, end) spans (non-overlapping) by new text."""
    for start, end, text in sorted(edits, reverse=True):
        code = code[:start] + text + code[end:]
    return code


def insert_before(src: Source, stmt: ast.stmt, snippet: str) -> str:
    """The code with a snippet (lines, unindented) inserted before a statement, at its indentation."""
    indent = src.indentation(stmt) or ""
    block = "".join(f"{indent}{line}\n" if line else "\n" for line in snippet.rstrip("\n").split("\n"))
    start = src.line_span(stmt)[0]
    return src.code[:start] + block + src.code[start:]


def compiles(code: str) -> bool:
    return syntax_error(code) is None


def syntax_error(code: str) -> SyntaxError | None:
    try:
        compile(code, "model.py", "exec", dont_inherit=True)
    except SyntaxError as e:
        return e
    except ValueError:  # null bytes
        return SyntaxError("source contains null bytes")
    return None


# --- literals ------------------------------------------------------------------------------------


def const_int(node: ast.AST) -> int | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    return None


def const_number(node: ast.AST) -> float | None:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = const_number(node.operand)
        return None if inner is None else -inner
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    return None


def const_str(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def plain_args(call: ast.Call) -> bool:
    return not call.keywords and not any(isinstance(a, ast.Starred) for a in call.args)
