"""r_ast: which OpenSeesPy calls a script makes, and which names it uses without defining them.

The AutoBM paper's r_ast (MGHR reward) rewards coverage of 24 OpenSeesPy calls in three
tiers, weighted 0.4 / 0.4 / 0.2 by the share of the tier's calls the script makes:

- T1 topology (8): wipe, model, node, fix, mass, geomTransf, element, timeSeries;
- T2 boundary and load (11): pattern, load, loadConst, constraints, numberer, system, test,
  algorithm, integrator, analysis, analyze;
- T3 analysis (5): eigen, nodeEigenvector, eleForce, eleLoad, nodeDisp.

r_ast = 0.4·T1/8 + 0.4·T2/11 + 0.2·T3/5 − 0.05 per distinct undefined name (at most 0.5
off), never below 0: 1.0 when all 24 are called and every name is defined (the paper's
"at least 0.99").

- The reward counts the calls that ran: ``api_coverage(code, calls_made)`` with the calls
  the sandbox counted while the script ran (``ExecutionResult.opensees_calls``: a call that
  returned counts, whatever alias it was made through). A call in dead code (``if False:``,
  after ``sys.exit``, in a function never called) or after the line a script failed on does
  not count: the paper counts calls in the text, so a script could print T1, exit, and
  list the 24 calls below to score as complete. A script that does not run (a syntax
  error) makes no calls.
- Without ``calls_made`` the calls are read from the text, as the paper does (static, for
  comparison and for code that is not run): a call counts when made on the openseespy
  module, whatever its alias (``import openseespy.opensees as ops``, ``from openseespy
  import opensees``), or on a function imported from it (``from openseespy.opensees
  import node``, or ``*``); a script that does not parse has its calls found by pattern.
- An undefined name is read somewhere (module, function or class scope) but bound nowhere
  in the module (assignment, import, def, class, parameter, loop or ``except`` target,
  ``global`` assignment) and is no builtin. Scopes are not followed further: a name bound
  only after its use is not undefined here (execution catches it). After a star import
  (``from m import *``) undefined names cannot be told, and none are counted; nor in a
  script that does not parse. Names are always read from the text (``ast``, ``symtable``).

>>> code = ("import openseespy.opensees as ops\\nops.wipe()\\nops.model('basic', '-ndm', 2)\\n"
...         "ops.eigen(1)\\nprint(T1)\\n")
>>> score = api_coverage(code)
>>> (score.r_ast, score.used_t1, score.used_t3, score.undefined_names, score.counted)
(0.09, ['model', 'wipe'], ['eigen'], ['T1'], 'static')
>>> api_coverage(code, {"wipe": 1, "model": 1, "eigen": 0}).used_t3  # eigen raised: it did not count
[]
"""

from __future__ import annotations

import ast
import builtins
import re
import symtable

from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, Field

__all__ = ["API_TIERS", "ALL_APIS", "TIER_WEIGHTS", "UNDEFINED_NAME_PENALTY", "UNDEFINED_NAME_MAX_PENALTY",
           "ApiCoverage", "api_coverage"]

API_TIERS: dict[str, tuple[str, ...]] = {
    "t1": ("wipe", "model", "node", "fix", "mass", "geomTransf", "element", "timeSeries"),
    "t2": ("pattern", "load", "loadConst", "constraints", "numberer", "system", "test", "algorithm", "integrator",
           "analysis", "analyze"),
    "t3": ("eigen", "nodeEigenvector", "eleForce", "eleLoad", "nodeDisp"),
}
"""The 24 OpenSeesPy calls of r_ast, by tier (AutoBM paper, MGHR reward)."""

TIER_WEIGHTS: dict[str, float] = {"t1": 0.4, "t2": 0.4, "t3": 0.2}
"""Weight of each tier's coverage (share of its calls made) in r_ast."""

UNDEFINED_NAME_PENALTY = 0.05
"""Taken off r_ast per distinct undefined name."""

UNDEFINED_NAME_MAX_PENALTY = 0.5
"""At most this much is taken off r_ast for undefined names."""

ALL_APIS: frozenset[str] = frozenset(name for names in API_TIERS.values() for name in names)

_OPENSEES_MODULES = ("openseespy.opensees", "opensees")
_MODULE_NAMES = frozenset({"__name__", "__file__", "__doc__", "__builtins__", "__spec__", "__loader__",
                           "__package__", "__annotations__", "__dict__"})
_BUILTINS = frozenset(dir(builtins))


class ApiCoverage(BaseModel):
    """r_ast of one script, with what it was made of."""

    r_ast: float = Field(description="API coverage reward, 0..1")
    coverage: float = Field(description="0.4·T1 + 0.4·T2 + 0.2·T3 shares, before the undefined-name penalty, 0..1")
    used_t1: list[str] = Field(default_factory=list, description="T1 (topology) calls made, sorted")
    used_t2: list[str] = Field(default_factory=list, description="T2 (boundary and load) calls made, sorted")
    used_t3: list[str] = Field(default_factory=list, description="T3 (analysis) calls made, sorted")
    missing: list[str] = Field(default_factory=list, description="of the 24 calls, those not made, in tier order")
    undefined_names: list[str] = Field(default_factory=list, description="names read but bound nowhere, sorted")
    penalty: float = Field(0.0, description="taken off for undefined names (0.05 each, at most 0.5)")
    parsed: bool = Field(True, description="the script parsed (if not and counted is static, calls were found by "
                         "pattern)")
    counted: Literal["executed", "static"] = Field("static", description="executed: the calls the script made in the "
                                                   "sandbox (the reward); static: the calls written in the text")
    note: str | None = Field(None, description="why names were not counted, or why the script did not parse")

    @property
    def all_apis_used(self) -> bool:
        return not self.missing


def api_coverage(code: str | None, calls_made: Mapping[str, int] | None = None) -> ApiCoverage:
    """r_ast of ``code`` (None or empty: 0): the calls in ``calls_made`` (name → calls that ran) when
    given, else those written in the text."""
    counted: Literal["executed", "static"] = "static" if calls_made is None else "executed"
    ran = {name for name, count in (calls_made or {}).items() if count > 0} & ALL_APIS
    if not code or not code.strip():
        return _score(set(), [], parsed=True, counted=counted, note="no code")
    try:
        tree = ast.parse(code)
        table = symtable.symtable(code, "model.py", "exec")
    except (SyntaxError, ValueError, RecursionError) as exc:  # ValueError: null bytes
        where = f" (line {exc.lineno})" if isinstance(exc, SyntaxError) and exc.lineno else ""
        if calls_made is not None:
            return _score(ran, [], parsed=False, counted=counted,
                          note=f"the script does not parse{where}: it ran no call, names not checked")
        return _score(_calls_by_pattern(code), [], parsed=False, counted=counted,
                      note=f"the script does not parse{where}: calls counted by pattern, names not checked")
    calls, star_import = _calls(tree)
    if calls_made is not None:
        calls = ran
    if star_import:
        return _score(calls, [], parsed=True, counted=counted,
                      note="a star import: undefined names cannot be told and are not counted")
    return _score(calls, _undefined_names(table), parsed=True, counted=counted)


def _score(calls: set[str], undefined: list[str], *, parsed: bool, counted: Literal["executed", "static"],
           note: str | None = None) -> ApiCoverage:
    used = {tier: sorted(set(names) & calls) for tier, names in API_TIERS.items()}
    coverage = sum(TIER_WEIGHTS[tier] * len(used[tier]) / len(names) for tier, names in API_TIERS.items())
    penalty = min(UNDEFINED_NAME_MAX_PENALTY, UNDEFINED_NAME_PENALTY * len(undefined))
    return ApiCoverage(
        r_ast=round(max(0.0, coverage - penalty), 6), coverage=round(coverage, 6),
        used_t1=used["t1"], used_t2=used["t2"], used_t3=used["t3"],
        missing=[name for names in API_TIERS.values() for name in names if name not in calls],
        undefined_names=undefined, penalty=round(penalty, 6), parsed=parsed, counted=counted, note=note)


def _calls(tree: ast.Module) -> tuple[set[str], bool]:
    """OpenSeesPy calls made anywhere in the module, and whether it has a star import of any module."""
    aliases: set[str] = set()  # names bound to the openseespy module
    functions: dict[str, str] = {}  # local name -> OpenSeesPy function
    dotted = False  # `import openseespy.opensees` without alias: openseespy.opensees.node(...)
    star_opensees = star_any = False
    on_names: list[tuple[str, str]] = []  # (owner, attribute) of calls `owner.attribute(...)`
    on_dotted: list[str] = []  # attributes of calls `openseespy.opensees.attribute(...)`
    bare: list[str] = []  # names of calls `name(...)`
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute):
                owner = func.value
                if isinstance(owner, ast.Name):
                    on_names.append((owner.id, func.attr))
                elif (isinstance(owner, ast.Attribute) and owner.attr == "opensees"
                      and isinstance(owner.value, ast.Name) and owner.value.id == "openseespy"):
                    on_dotted.append(func.attr)
            elif isinstance(func, ast.Name):
                bare.append(func.id)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in _OPENSEES_MODULES:
                    if alias.asname:
                        aliases.add(alias.asname)
                    elif "." in alias.name:
                        dotted = True
                    else:
                        aliases.add(alias.name)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                if node.module == "openseespy" and alias.name == "opensees":
                    aliases.add(alias.asname or "opensees")
                elif alias.name == "*":
                    star_any = True
                    star_opensees |= node.module in _OPENSEES_MODULES
                elif node.module in _OPENSEES_MODULES:
                    functions[alias.asname or alias.name] = alias.name
    calls = {attribute for owner, attribute in on_names if owner in aliases}
    calls.update(on_dotted if dotted else ())
    calls.update(functions[name] for name in bare if name in functions)
    calls.update(name for name in bare if star_opensees and name in ALL_APIS)
    return calls & ALL_APIS, star_any


_ALIAS_PATTERN = re.compile(r"^\s*import\s+openseespy\.opensees\s+as\s+(\w+)|^\s*from\s+openseespy\s+import\s+opensees"
                            r"(?:\s+as\s+(\w+))?", re.MULTILINE)


def _calls_by_pattern(code: str) -> set[str]:
    """Calls ``alias.name(`` in text that does not parse (the alias from the import line, else ``ops``)."""
    aliases = {a or b or "opensees" for a, b in _ALIAS_PATTERN.findall(code)} or {"ops"}
    pattern = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(aliases)))})\s*\.\s*(\w+)\s*\(")
    return set(pattern.findall(code)) & ALL_APIS


def _undefined_names(top: symtable.SymbolTable) -> list[str]:
    """Names read in any scope that resolve to the module but are bound nowhere in it."""
    bound = set(_MODULE_NAMES) | _BUILTINS
    read_as_global: set[str] = set()
    tables = [top]
    while tables:
        table = tables.pop()
        tables.extend(table.get_children())
        module_level = table is top
        for symbol in table.get_symbols():
            name = symbol.get_name()
            if symbol.is_imported() or (symbol.is_assigned() and (module_level or symbol.is_declared_global())):
                bound.add(name)
            if symbol.is_referenced() and (module_level or symbol.is_global()):
                read_as_global.add(name)
    return sorted(read_as_global - bound)
