"""A corpus of broken drafts for the repair-loop benchmark: one known fault each, and its fix.

Every draft is a real reference script (``draft_reference(parse_text(text))``) with one
textual mutation of the kind language models make, wrapped the way models answer:
mostly ``<think>…</think>`` + ``<answer>`` + a python fence, some as a bare fence, some
with prose around the code, some with an unterminated fence. ``fixed_completion`` is what a
competent model answers to the repair message: the corrected script, always in the strict
``<think>…</think><answer>```python …```</answer>`` format.

The faults are the failure modes reported for generated OpenSeesPy code (AutoBM paper,
"Failure modes of generated OpenSeesPy code": syntax errors, most of them unterminated
string literals; wrong -ndm/-ndf; element before its geomTransf; missing masses before
eigen; eigenvalue printed as period; mixed units; unfixed bases; duplicate tags) and what
models do in practice (endless loops, code outside the <answer> block, a story missing,
a weight used as a mass). ``tests/test_broken_drafts.py`` runs a sample through
``run_draft``: every broken script fails, every fixed one verifies.

Same ``n`` and ``seed``, same corpus. ``text`` parses (``autobm.agent.parsing.parse_text``)
to the spec the draft was made from.

    python benchmarks/broken_drafts.py [--n 130]
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from autobm.agent.drafting import draft_reference
from autobm.agent.parsing import parse_text
from autobm.agent.sizing import presize
from autobm.agent.spec import BuildingSpec

FAULTS: tuple[str, ...] = (
    "unterminated_string",   # the most frequent syntax error of generated code
    "syntax_other",          # missing parenthesis, colon, comma or bracket
    "wrong_ndf",             # 2D frame with -ndf 2, 3D frame with -ndf 3
    "transf_after_element",  # an element refers to a geomTransf defined later
    "missing_mass",          # no ops.mass (or none horizontal) before eigen
    "eigenvalue_as_period",  # prints 2π/λ, λ or ω = √λ as the period
    "mixed_units",           # E in MPa, sections in mm, heights in mm, masses in t, stiffness in kN/m, with SI
    "unfixed_base",          # no ops.fix at the base, or only some base nodes fixed
    "duplicate_tag",         # a node or element tag reused
    "endless_loop",          # a loop whose stop condition never holds
    "code_outside_answer",   # correct code, but inside <think> or outside <answer>
    "wrong_story_count",     # one story missing
    "wrong_mass",            # weight in N used as mass in kg (g = 9.81 times too large)
)

G_APPROX_M_PER_S2 = 9.81
"""The value of g a model writes when it (wrongly) turns a mass into a weight."""

# Descriptions the corpus is built on: English and Chinese, SI and US units, 2D and 3D RC and
# steel frames, shear buildings, GB 50011 / ASCE 7 / EN 1998. Each one's reference draft
# verifies as it is (no drift resizing needed), so that its broken variants fail only by their fault.
BASE_TEXTS: tuple[str, ...] = (
    "4-story RC frame, story height 3.3 m, 3 bays of 6 m, intensity 7 (0.15g), site class II, office",
    "6-story reinforced concrete frame, first story 4.2 m, others 3.3 m, 3 bays of 6.6 m, intensity 7, 0.10g",
    "3-story 2D RC frame, 3.6 m stories, bays of 6 m, 7.5 m and 6 m, ASCE 7, SDS = 1.0 g, SD1 = 0.6 g",
    "5-story RC frame, 3 bays at 6 m in X and 2 bays at 7.5 m in Y, story height 3.6 m, intensity 8, 0.20g, office",
    "4-story RC space frame, 3x2 bays of 6 m, 3.3 m floors, Eurocode 8, ag = 0.25g, ground type C",
    "8-story RC frame, 4 x 3 bays of 7 m, story height 3.5 m, ASCE 7, SDS = 0.8 g, SD1 = 0.4 g, risk category II",
    "3-story steel moment frame, 2 bays of 8 m, 4 m stories, Q355 steel, intensity 8, 0.20g",
    "6-story steel frame, 3 bays of 9 m, story height 3.8 m, EN 1998, ag = 0.2g, ground type B",
    "4-story steel moment frame, 3 bays at 7 m in x and 2 bays at 7 m in y, story height 3.6 m, SDS = 0.5 g, SD1 = 0.3 g",
    "6-story steel moment frame, story height 12 ft, 3 bays at 25 ft in x and 2 bays at 25 ft in y, SDS = 0.5 g, SD1 = 0.25 g",
    "3-story shear building, story height 3 m, floor mass 100 t, story stiffness 50000 kN/m, intensity 8",
    "2-story shear building, story height 3.6576 m, floor masses 90738 kg and 45369 kg, "
    "story stiffnesses 33782 kN/m and 16891 kN/m, intensity 7",
    "5-story shear building, 3.2 m stories, floor mass 80 t, story stiffness 60000 kN/m, ASCE 7, SDS = 1.0 g, SD1 = 0.6 g",
    "5层钢筋混凝土框架，层高3.5m，X向3跨、Y向2跨，跨度6m，8度(0.20g)，II类场地，办公楼",
    "6层框架，首层层高4.5m，其余层3.3m，3跨，跨度6m，7度(0.10g)，III类场地，第二组",
    "4层钢框架，层高3.6m，3跨，跨度6m，8度，Q345钢",
    "3层平面框架，层高3.6m，3跨，跨度6m，7度，住宅",
    "7层钢筋混凝土框架结构，层高3.3米，X向4跨、Y向3跨，柱距7.2m，"
    "抗震设防烈度7度，设计基本地震加速度0.15g，场地类别III类",
    "4层剪切型结构，层高3m，楼层质量200t，层间刚度200000kN/m，8度",
    "3层钢结构框架，层高3.6m，X向3跨、Y向2跨，跨度6m，7度(0.10g)",
    "5-story RC frame, 3 bays of 6 m, columns 750x750 mm, beams 350x700 mm, story height 3.6 m, intensity 8, 0.30g",
    "4-story RC frame, 3x2 bays of 6 m, without rigid diaphragms, 3.4 m floors, intensity 7, 0.15g",
    "12-story RC frame, story height 3.2 m, 4 bays of 7 m, intensity 7, 0.10g, residential",
    "3-story steel frame, each story 4 m high, 2 bays of 8 m, Eurocode 8, ag = 0.15g, ground type B",
    "4-story RC frame, story heights 4.5, 3.6, 3.6, 3.3 m, 3 bays of 6 m, SDS = 0.5g, SD1 = 0.3g",
    "A 3-story RC frame building, 2 bays of 20 ft, story height 12 ft, f'c = 4 ksi, SDS = 0.8 g, SD1 = 0.4 g",
    "6-story 3D steel frame, 3 bays in x and 3 bays in y of 8 m, story height 3.6 m, intensity 8, 0.20g, office",
    "2-story RC frame, 3.5 m floors, 2x2 bays of 5 m, Eurocode 8, ag = 0.3g, ground type C, school",
    "2-story shear building, story height 144 in, floor masses 200/386, 100/386 kip-s2/in, "
    "story stiffnesses 154.32, 77.16 kip/in, SDS = 1.0 g, SD1 = 0.6 g",
    "3层剪切型结构，层高3.3m，楼层质量150t，层间刚度250000kN/m，7度",
)

KIND_CYCLE = ("2d", "3d", "2d", "shear", "3d")
"""Kinds of building a fault's successive drafts are made from: 4 2D, 4 3D, 2 shear per 10."""


@dataclass(frozen=True)
class BrokenDraft:
    """A language model's answer with one known fault, and the answer with it fixed."""

    id: str
    fault: str  # one of FAULTS
    text: str  # the building description given to the parser
    completion: str  # the model's answer: the broken code, wrapped as models answer
    fixed_completion: str  # the same answer with the fault corrected; it verifies
    note: str  # what was broken, where, and how the completion is wrapped


@dataclass(frozen=True)
class _Base:
    text: str
    spec: BuildingSpec
    code: str  # the reference script

    @property
    def kind(self) -> str:
        if self.spec.system == "shear_building":
            return "shear"
        return f"{self.spec.dimensions}d"

    @property
    def label(self) -> str:
        if self.spec.system == "shear_building":
            return "shear"
        return f"{'rc' if self.spec.system == 'rc_frame' else 'steel'}{self.spec.dimensions}d"

    @property
    def chinese(self) -> bool:
        return re.search(r"[\u4e00-\u9fff]", self.text) is not None


@dataclass(frozen=True)
class _Mutation:
    code: str  # the broken script
    note: str  # what is broken
    fix: str  # what the repair does, for the fixed answer's reasoning
    fixed_code: str | None = None  # the corrected script when it is not the reference script
    wrap: str | None = None  # forced completion style (code_outside_answer)


class _NotApplicable(Exception):
    """The mutation's anchor is not in this script (e.g. a rigid-diaphragm line in a 2D frame)."""


# --- textual edits ------------------------------------------------------------------------


def _sub(code: str, pattern: str, repl: str | Callable[[re.Match[str]], str], count: int = 1) -> str:
    """``re.sub`` that insists on a match (the mutation must change the script)."""
    new, n = re.subn(pattern, repl, code, count=count, flags=re.MULTILINE)
    if n == 0:
        raise _NotApplicable(pattern)
    return new


def _replace(code: str, old: str, new: str, count: int = 1) -> str:
    if old not in code:
        raise _NotApplicable(old)
    return code.replace(old, new, count)


def _num(x: float) -> str:
    """A float as Python source, as the reference drafter writes it."""
    text = f"{x:.12g}"
    return text if any(c in text for c in ".en") else text + ".0"


def _scale_list(code: str, name: str, factor: float, comment: str | None = None, drop_last: bool = False) -> str:
    """Rewrite the data line ``NAME = [a, b, ...]  # comment`` with every value times ``factor``."""
    def edit(m: re.Match[str]) -> str:
        values = [float(v) for v in m.group(2).split(",")]
        if drop_last:
            values = values[:-1]
        body = ", ".join(_num(v * factor) for v in values)
        tail = f"  # {comment}" if comment is not None else m.group(3)
        return f"{m.group(1)}[{body}]{tail}"
    return _sub(code, rf"^({name} = )\[([^\]]*)\](.*)$", edit)


def _scale_sections(code: str, name: str) -> str:
    """Section table rows (first, last, A, I, I, J) in mm² and mm⁴ instead of m² and m⁴."""
    block = re.search(rf"^{name} = \[\n(.*?)^\]", code, flags=re.MULTILINE | re.DOTALL)
    if block is None:
        raise _NotApplicable(name)

    def row(m: re.Match[str]) -> str:
        first, last, area, i_strong, i_weak, torsion = (v.strip() for v in m.group(1).split(","))
        mm = [float(area) * 1e6, float(i_strong) * 1e12, float(i_weak) * 1e12, float(torsion) * 1e12]
        return "    (" + ", ".join([first, last] + [f"{v:.6g}" for v in mm]) + "),"
    rows = re.sub(r"^    \((.*)\),$", row, block.group(1), flags=re.MULTILINE)
    return code[:block.start(1)] + rows + code[block.end(1):]


def _end_of_build_model(code: str) -> int:
    """Where to append statements to ``build_model``: before its closing ``return`` (the eigen block follows)."""
    i = code.find("\n\n\nNUM_MODES = ")
    if i < 0:
        raise _NotApplicable("NUM_MODES")
    last_line = code.rfind("\n", 0, i)
    if code.startswith("\n    return ", last_line):  # the layout it returns: insert before that
        return last_line
    return i


# --- mutations, by fault -------------------------------------------------------------------
# Each takes the base and returns a _Mutation, or raises _NotApplicable.

Mutator = Callable[[_Base], _Mutation]


def _unterminated_t1_print(b: _Base) -> _Mutation:
    code = _replace(b.code, 'print(f"T1 = {periods[0]:.6f} s")', 'print(f"T1 = {periods[0]:.6f} s)')
    return _Mutation(code, "closing quote of the T1 print f-string dropped (SyntaxError: unterminated string literal)",
                     'close the f-string: print(f"T1 = {periods[0]:.6f} s")')


def _unterminated_mode_print(b: _Base) -> _Mutation:
    code = _replace(b.code, 'print(f"Mode {mode}: T = {period:.6f} s")', 'print(f"Mode {mode}: T = {period:.6f} s)')
    return _Mutation(code, "closing quote of the per-mode print f-string dropped (SyntaxError: unterminated string literal)",
                     "close the f-string of the per-mode print")


def _unterminated_transf(b: _Base) -> _Mutation:
    code = _replace(b.code, 'ops.geomTransf("Linear", 1', 'ops.geomTransf("Linear, 1')
    return _Mutation(code, "closing quote of 'Linear' dropped in the first geomTransf (SyntaxError: unterminated string literal)",
                     'write the transformation type as "Linear" with both quotes')


def _unterminated_element(b: _Base) -> _Mutation:
    code = _replace(b.code, 'ops.element("elasticBeamColumn", ', 'ops.element("elasticBeamColumn, ')
    return _Mutation(code, "closing quote of 'elasticBeamColumn' dropped in the first element call "
                     "(SyntaxError: unterminated string literal)", 'close the string "elasticBeamColumn"')


def _unterminated_model(b: _Base) -> _Mutation:
    code = _sub(b.code, r'"-ndf", (\d)\)', r'"-ndf, \1)')
    return _Mutation(code, "closing quote of '-ndf' dropped in ops.model (SyntaxError: unterminated string literal)",
                     'close the string "-ndf" in ops.model')


def _unterminated_apostrophe(b: _Base) -> _Mutation:
    old = 'print(f"T1 = {periods[0]:.6f} s")'
    code = _replace(b.code, old, "print('The building's T1 =', round(periods[0], 6), 's')")
    fixed = _replace(b.code, old, "print(\"The building's T1 =\", round(periods[0], 6), \"s\")")
    return _Mutation(code, "apostrophe inside a single-quoted string in the T1 print (SyntaxError: unterminated string literal)",
                     "use double quotes around a string that contains an apostrophe", fixed_code=fixed)


def _syntax_fix_paren(b: _Base) -> _Mutation:
    code = _sub(b.code, r"^(\s*ops\.fix\(node_tag\(0[^\n]*?)\)(\s*# fixed base)$", r"\1\2")
    return _Mutation(code, "closing parenthesis of the base ops.fix call dropped (SyntaxError: '(' was never closed)",
                     "close the parenthesis of ops.fix")


def _syntax_def_colon(b: _Base) -> _Mutation:
    code = _replace(b.code, "def build_model():", "def build_model()")
    return _Mutation(code, "colon after 'def build_model()' missing (SyntaxError: expected ':')",
                     "add the colon after def build_model()")


def _syntax_for_colon(b: _Base) -> _Mutation:
    code = _replace(b.code, "for mode, period in enumerate(periods, 1):", "for mode, period in enumerate(periods, 1)")
    return _Mutation(code, "colon after the for over the periods missing (SyntaxError: expected ':')",
                     "add the colon at the end of the for statement")


def _syntax_mass_paren(b: _Base) -> _Mutation:
    code = _sub(b.code, r"^(\s*ops\.mass\([^\n]*)\)$", r"\1")
    return _Mutation(code, "closing parenthesis of an ops.mass call dropped (SyntaxError: '(' was never closed)",
                     "close the parenthesis of ops.mass")


def _syntax_node_comma(b: _Base) -> _Mutation:
    code = _sub(b.code, r"^(\s*ops\.node\(node_tag\([^()]*\)), ", r"\1 ")
    return _Mutation(code, "comma after the node tag missing in ops.node (SyntaxError: invalid syntax, forgot a comma?)",
                     "put the comma between the node tag and the coordinates")


def _syntax_bracket(b: _Base) -> _Mutation:
    code = _replace(b.code, "for lam in eigenvalues]", "for lam in eigenvalues)")
    return _Mutation(code, "list comprehension of the periods closed with ')' instead of ']' (SyntaxError)",
                     "close the list comprehension with ']'")


def _ndf_model(b: _Base) -> _Mutation:
    if b.kind == "3d":
        code = _replace(b.code, '"-ndm", 3, "-ndf", 6', '"-ndm", 3, "-ndf", 3')
        return _Mutation(code, "3D frame declared with -ndf 3 (translations only) for elasticBeamColumn members",
                         "a 3D frame of beam-columns needs ops.model('basic', '-ndm', 3, '-ndf', 6)")
    code = _replace(b.code, '"-ndm", 2, "-ndf", 3', '"-ndm", 2, "-ndf", 2')
    return _Mutation(code, "2D model declared with -ndf 2 (no rotation) for elasticBeamColumn members",
                     "a 2D model of beam-columns needs ops.model('basic', '-ndm', 2, '-ndf', 3)")


def _ndf_consistent(b: _Base) -> _Mutation:
    """The wrong -ndf, with fix and mass calls written for it (a consistent but wrong model)."""
    code = _ndf_model(b).code
    if b.kind == "3d":
        code = _sub(code, r"ops\.fix\((node_tag\(0, ix, iy\)), 1, 1, 1, 1, 1, 1\)", r"ops.fix(\1, 1, 1, 1)")
        code = re.sub(r"ops\.mass\((node_tag\(level, ix, iy\)), m, m, 0\.0, 0\.0, 0\.0, 0\.0\)", r"ops.mass(\1, m, m, 0.0)", code)
        code = re.sub(r"ops\.fix\(master, 0, 0, 1, 1, 1, 0\)", "ops.fix(master, 0, 0, 1)", code)
        code = re.sub(r"ops\.mass\(master, m, m, 0\.0, 0\.0, 0\.0, [^\n]*\)", "ops.mass(master, m, m, 0.0)", code)
        note = "3D frame declared with -ndf 3, fix and mass written with 3 DOFs; elasticBeamColumn needs 6"
        fix = "use -ndf 6 and give ops.fix and ops.mass six values per node"
    else:
        code = re.sub(r"ops\.fix\(([^\n]*), ([01]), ([01]), ([01])\)", r"ops.fix(\1, \2, \3)", code)
        code = re.sub(r"ops\.mass\(([^\n]*), 0\.0, 0\.0\)", r"ops.mass(\1, 0.0)", code)
        note = "2D model declared with -ndf 2, fix and mass written with 2 DOFs; elasticBeamColumn needs 3"
        fix = "use -ndf 3 and give ops.fix and ops.mass three values per node"
    return _Mutation(code, note, fix)


def _transf_moved(b: _Base, tags: tuple[int, ...]) -> str:
    lines = b.code.split("\n")
    moved = [ln for ln in lines if re.match(r"\s*ops\.geomTransf\(\"Linear\", (\d+)", ln)
             and int(re.match(r"\s*ops\.geomTransf\(\"Linear\", (\d+)", ln).group(1)) in tags]
    if not moved:
        raise _NotApplicable("geomTransf")
    kept = "\n".join(ln for ln in lines if ln not in moved)
    end = _end_of_build_model(kept)
    return kept[:end] + "\n    # coordinate transformations\n" + "\n".join(moved) + kept[end:]


def _transf_all_after(b: _Base) -> _Mutation:
    code = _transf_moved(b, (1, 2, 3))
    return _Mutation(code, "every geomTransf defined at the end of build_model, after the elements that use them "
                     "(OpenSeesError when the first element is created)", "define the geomTransf objects before the elements")


def _transf_beams_after(b: _Base) -> _Mutation:
    if b.kind == "shear":
        raise _NotApplicable("beams")
    code = _transf_moved(b, (2, 3))
    return _Mutation(code, "the beams' geomTransf defined after the beam elements (OpenSeesError at the first beam)",
                     "define the beams' geomTransf before the beam elements")


def _mass_deleted(b: _Base) -> _Mutation:
    code = _sub(b.code, r"^\s*ops\.mass\([^\n]*\n", "", count=0)
    return _Mutation(code, "the floor masses are computed but never assigned (no ops.mass before ops.eigen)",
                     "assign the floor masses with ops.mass before ops.eigen")


def _mass_commented(b: _Base) -> _Mutation:
    code = _sub(b.code, r"^(\s*)(ops\.mass\([^\n]*)$", r"\1# \2  # TODO masses", count=0)
    return _Mutation(code, "the ops.mass calls are commented out (no mass before ops.eigen)",
                     "uncomment the ops.mass calls")


def _mass_vertical(b: _Base) -> _Mutation:
    if b.kind != "2d":
        raise _NotApplicable("2D frame only")
    code = _replace(b.code, "ops.mass(node_tag(level, ix), m, 0.0, 0.0)", "ops.mass(node_tag(level, ix), 0.0, m, 0.0)")
    return _Mutation(code, "floor masses assigned in the vertical DOF only: no horizontal mass for the lateral modes",
                     "put the floor mass in the horizontal DOF: ops.mass(node, m, 0.0, 0.0)")


_PERIOD_LINE = "return [2.0 * math.pi / math.sqrt(lam) for lam in eigenvalues]"


def _period_over_lambda(b: _Base) -> _Mutation:
    code = _replace(b.code, _PERIOD_LINE, "return [2.0 * math.pi / lam for lam in eigenvalues]")
    return _Mutation(code, "period computed as 2π/λ (λ = ω² from ops.eigen) instead of 2π/√λ",
                     "T = 2π/√λ: take the square root of the eigenvalue")


def _period_lambda(b: _Base) -> _Mutation:
    code = _replace(b.code, _PERIOD_LINE, "return list(eigenvalues)  # ops.eigen returns the periods")
    return _Mutation(code, "the eigenvalues λ printed as the periods", "ops.eigen returns λ = ω²: T = 2π/√λ")


def _period_omega(b: _Base) -> _Mutation:
    code = _replace(b.code, _PERIOD_LINE, "return [math.sqrt(lam) for lam in eigenvalues]")
    return _Mutation(code, "ω = √λ (rad/s) printed as the period", "T = 2π/ω = 2π/√λ, not ω")


def _units_e_mpa(b: _Base) -> _Mutation:
    def to_mpa(m: re.Match[str]) -> str:
        return f"E_PA = {_num(round(float(m.group(1)) / 1e6, 1))}  # Young's modulus, MPa"
    code = _sub(b.code, r"^E_PA = ([0-9.e+]+)  # Young's modulus$", to_mpa)
    return _Mutation(code, "E in MPa with lengths in m and masses in kg (the frame 10⁶ times too soft)",
                     "E in Pa with lengths in m: multiply the MPa value by 1e6")


def _units_sections_mm(b: _Base) -> _Mutation:
    code = _scale_sections(_scale_sections(b.code, "COLUMN_SECTIONS"), "BEAM_SECTIONS")
    return _Mutation(code, "section areas in mm² and inertias in mm⁴ with lengths in m and E in Pa (members 10⁶-10¹² too stiff)",
                     "section properties in m² and m⁴")


def _units_heights_mm(b: _Base) -> _Mutation:
    code = _scale_list(b.code, "STORY_HEIGHTS_M", 1000.0, comment="story heights, mm")
    rest = "bay widths" if b.kind != "shear" else "everything else"
    return _Mutation(code, f"story heights in mm while {rest} in SI (m)", "story heights in m")


def _units_mass_tonnes(b: _Base) -> _Mutation:
    code = _scale_list(b.code, "FLOOR_MASSES_KG", 1e-3, comment="floor masses, t")
    return _Mutation(code, "floor masses in tonnes with forces in N and lengths in m", "floor masses in kg (1 t = 1000 kg)")


def _base_fix_removed(b: _Base) -> _Mutation:
    if b.kind == "shear":
        code = _sub(b.code, r"^\s*ops\.fix\(node_tag\(0\), 1, 1, 1\)  # fixed base\n", "")
    elif b.kind == "2d":
        code = _sub(b.code, r"^    for ix in range\(len\(x_grid\)\):\n\s*ops\.fix\([^\n]*\n", "")
    else:
        code = _sub(b.code, r"^    for iy in range\(len\(y_grid\)\):\n\s*for ix in range\(len\(x_grid\)\):\n\s*ops\.fix\([^\n]*\n", "")
    return _Mutation(code, "no ops.fix at the base: the structure is unsupported", "fix every base node in all DOFs")


def _base_fix_one_line(b: _Base) -> _Mutation:
    if b.kind == "2d":
        code = _sub(b.code, r"^    for ix in range\(len\(x_grid\)\):\n\s*ops\.fix\(node_tag\(0, ix\), 1, 1, 1\)",
                    "    ops.fix(node_tag(0, 0), 1, 1, 1)")
        return _Mutation(code, "only the first base node is fixed; the other columns stand on nothing",
                         "fix every base node: loop over all grid lines")
    if b.kind == "3d":
        code = _sub(b.code, r"^    for iy in range\(len\(y_grid\)\):\n\s*for ix in range\(len\(x_grid\)\):\n\s*ops\.fix\(node_tag\(0, ix, iy\),",
                    "    for ix in range(len(x_grid)):\n        ops.fix(node_tag(0, ix, 0),")
        return _Mutation(code, "only the base nodes of the first frame line (iy = 0) are fixed",
                         "fix the base nodes of every frame line: loop over iy as well")
    code = _replace(b.code, "ops.fix(node_tag(0), 1, 1, 1)  # fixed base", "ops.fix(node_tag(0), 0, 1, 1)  # fixed base")
    return _Mutation(code, "the base node fixed like a floor node (free in X): the stick can slide",
                     "fix the base node in all DOFs: ops.fix(node_tag(0), 1, 1, 1)")


def _base_fix_off_by_one(b: _Base) -> _Mutation:
    if b.kind == "shear":
        raise _NotApplicable("frames")
    code = _sub(b.code, r"^(\s*)for ix in range\(len\(x_grid\)\):(\n\s*ops\.fix\()", r"\1for ix in range(len(x_grid) - 1):\2")
    return _Mutation(code, "the base-fix loop stops one grid line short: the last column line is unsupported",
                     "loop over every grid line: range(len(x_grid))")


def _dup_element_counter(b: _Base) -> _Mutation:
    if b.kind == "shear":
        code = _replace(b.code, 'ops.element("elasticBeamColumn", story, ', 'ops.element("elasticBeamColumn", 1, ')
        return _Mutation(code, "every story element created with tag 1 (duplicate element tag)",
                         "give each story element its own tag (the story number)")
    levels = "y_levels" if b.kind == "2d" else "z_levels"
    head = f"    for story in range(1, len({levels})):\n        area, i_strong, "
    first = b.code.find(head)
    second = b.code.find(head, first + 1)
    if first < 0 or second < 0:
        raise _NotApplicable("beam loop")
    code = b.code[:second] + "    ele = 0  # beams\n" + b.code[second:]
    return _Mutation(code, "element counter restarted at 0 before the beams: beam tags repeat the column tags",
                     "keep counting element tags from the columns: do not reset ele")


def _dup_node_formula(b: _Base) -> _Mutation:
    if b.kind == "2d":
        code = _replace(b.code, "return 100 * level + ix + 1", "return level * len(BAY_WIDTHS_X_M) + ix + 1")
    elif b.kind == "3d":
        code = _replace(b.code, "return 10000 * level + 100 * iy + ix + 1",
                        "return (level * len(BAY_WIDTHS_Y_M) + iy) * len(BAY_WIDTHS_X_M) + ix + 1")
    else:
        code = _replace(b.code, "for level, height in enumerate(STORY_HEIGHTS_M, 1):",
                        "for level, height in enumerate(STORY_HEIGHTS_M):")
        return _Mutation(code, "floor loop starts at level 0: the base node tag is created twice",
                         "number the floors from 1: enumerate(STORY_HEIGHTS_M, 1)")
    return _Mutation(code, "node tags numbered with the bay count instead of the grid-line count: "
                     "the last node of a row and the first of the next share a tag",
                     "number nodes with a formula that cannot collide, e.g. 100 * level + ix + 1")


def _dup_master(b: _Base) -> _Mutation:
    if not (b.kind == "3d" and b.spec.rigid_diaphragm):
        raise _NotApplicable("rigid diaphragm")
    code = _replace(b.code, "return 10000 * level + 9999", "return 10000 * level + 1")
    return _Mutation(code, "diaphragm master node tag equals the tag of the floor's first corner node",
                     "give the master node a tag no floor node uses, e.g. 10000 * level + 9999")


def _loop_mass_while(b: _Base) -> _Mutation:
    if b.kind == "shear":
        mass_line = "        ops.mass(node_tag(level), FLOOR_MASSES_KG[level - 1], 0.0, 0.0)\n"
        code = _replace(b.code, mass_line, "")
        code = _replace(code, "\n    ops.geomTransf(", "\n    level = 1\n    while level <= len(FLOOR_MASSES_KG):  # floor masses\n"
                        + mass_line + "\n    ops.geomTransf(")
        return _Mutation(code, "floor masses assigned in a while loop without 'level += 1': it never ends",
                         "assign each floor's mass where the floor node is created, or increment level in the loop")
    if b.kind == "3d" and b.spec.rigid_diaphragm:
        raise _NotApplicable("the rigid-diaphragm loop creates nodes: a repeat fails instead of looping")
    levels = "y_levels" if b.kind == "2d" else "z_levels"
    old = f"    for level in range(1, len({levels})):\n"
    code = _replace(b.code, old, f"    level = 1\n    while level < len({levels}):  # every floor\n")
    return _Mutation(code, "the floor-mass loop became a while loop without 'level += 1': it never ends",
                     "loop over the floors with for level in range(1, n_levels)")


def _loop_tributary_while(b: _Base) -> _Mutation:
    if b.kind == "shear" or (b.kind == "3d" and b.spec.rigid_diaphragm):
        raise _NotApplicable("tributary_lengths is called only by the frames without a rigid diaphragm")
    body = (
        "    lengths = [0.0] * len(grid)\n"
        "    i = 0\n"
        "    while i < len(grid):\n"
        "        left = (grid[i] - grid[i - 1]) if i > 0 else 0.0\n"
        "        right = (grid[i + 1] - grid[i]) if i + 1 < len(grid) else 0.0\n"
        "        lengths[i] = (left + right) / 2.0\n"
        "    return lengths\n")
    code = _sub(b.code, r'^(def tributary_lengths\(grid\):\n    """[^\n]*"""\n)    return \[[\s\S]*?for i in range\(len\(grid\)\)\]\n',
                lambda m: m.group(1) + body)
    return _Mutation(code, "tributary_lengths rewritten as a while loop that never increments i: it never ends",
                     "increment i in the loop, or use a list comprehension over range(len(grid))")


def _loop_while_true(b: _Base) -> _Mutation:
    wait = ("    periods = eigen_periods()\n"
            "    while True:  # wait until every mode is available\n"
            "        if len(periods) == NUM_MODES + 1:\n"
            "            break\n")
    code = _replace(b.code, "    periods = eigen_periods()\n", wait)
    return _Mutation(code, "'while True' waiting for more periods than modes, a condition that never holds",
                     "drop the wait: eigen_periods() returns the periods at once")


def _code_in_think(b: _Base) -> _Mutation:
    return _Mutation(b.code, "correct code, but only inside <think>; the <answer> block has prose only",
                     "put the script inside the <answer> block", wrap="in_think")


def _code_after_answer(b: _Base) -> _Mutation:
    return _Mutation(b.code, "correct code, but after </answer>; the <answer> block has prose only",
                     "put the script inside the <answer> block", wrap="after_answer")


def _code_before_think(b: _Base) -> _Mutation:
    return _Mutation(b.code, "correct code, but before <think>; the <answer> block only points to it",
                     "put the script inside the <answer> block", wrap="before_think")


def _stories_list_short(b: _Base) -> _Mutation:
    code = _scale_list(b.code, "STORY_HEIGHTS_M", 1.0, drop_last=True)
    code = _scale_list(code, "FLOOR_MASSES_KG", 1.0, drop_last=True)
    if b.kind == "shear":
        code = _scale_list(code, "STORY_STIFFNESSES_N_PER_M", 1.0, drop_last=True)
    return _Mutation(code, "the data lists have one story fewer than the building (roof story missing)",
                     f"list all {b.spec.stories} stories")


def _stories_skip_first(b: _Base) -> _Mutation:
    if b.kind == "shear":
        raise _NotApplicable("frames")
    code = _replace(b.code, "    for height in STORY_HEIGHTS_M:\n",
                    "    for height in STORY_HEIGHTS_M[1:]:  # the first entry is the ground floor\n")
    return _Mutation(code, "the first story height skipped as if it were the ground: one story missing",
                     "every entry of STORY_HEIGHTS_M is a story: loop over all of them")


def _mass_weight_list(b: _Base) -> _Mutation:
    code = _scale_list(b.code, "FLOOR_MASSES_KG", G_APPROX_M_PER_S2, comment="seismic weight of each floor, N")
    return _Mutation(code, "floor weights in N (m·g) used as masses in kg: masses 9.81 times too large",
                     "masses in kg: divide the weights by g, or use the masses directly")


def _mass_times_g(b: _Base) -> _Mutation:
    code = _replace(b.code, "FLOOR_MASSES_KG[level - 1]", f"FLOOR_MASSES_KG[level - 1] * {G_APPROX_M_PER_S2}")
    return _Mutation(code, "mass multiplied by g where it is lumped (W = m·g used as m): 9.81 times too large",
                     "ops.mass takes the mass in kg; do not multiply by g")


# Not in the corpus: a shear building's story stiffnesses in kN/m with masses in kg (periods
# √1000 times too long, e.g. 20 s). run_draft without a reference verifies it: the code period
# band does not apply to shear buildings, and past the end of the GB 50011 5.1.5 spectrum α1 is 0,
# so no lateral force and a drift of 0. Only period.reference_model (run_draft given the reference
# model's facts) catches it.
MUTATIONS: dict[str, tuple[Mutator, ...]] = {
    "unterminated_string": (_unterminated_t1_print, _unterminated_mode_print, _unterminated_transf,
                            _unterminated_element, _unterminated_model, _unterminated_apostrophe),
    "syntax_other": (_syntax_fix_paren, _syntax_def_colon, _syntax_for_colon, _syntax_mass_paren,
                     _syntax_node_comma, _syntax_bracket),
    "wrong_ndf": (_ndf_model, _ndf_consistent),
    "transf_after_element": (_transf_all_after, _transf_beams_after),
    "missing_mass": (_mass_deleted, _mass_commented, _mass_vertical),
    "eigenvalue_as_period": (_period_over_lambda, _period_lambda, _period_omega),
    "mixed_units": (_units_e_mpa, _units_mass_tonnes, _units_sections_mm, _units_heights_mm),
    "unfixed_base": (_base_fix_removed, _base_fix_one_line, _base_fix_off_by_one),
    "duplicate_tag": (_dup_element_counter, _dup_node_formula, _dup_master),
    "endless_loop": (_loop_mass_while, _loop_tributary_while, _loop_while_true),
    "code_outside_answer": (_code_in_think, _code_after_answer, _code_before_think),
    "wrong_story_count": (_stories_list_short, _stories_skip_first),
    "wrong_mass": (_mass_weight_list, _mass_times_g),
}
assert set(MUTATIONS) == set(FAULTS)

# --- how models wrap their answers ----------------------------------------------------------

_WRAPS = ("think_answer", "bare", "prose_answer", "unterminated")
_WRAP_WEIGHTS = (0.55, 0.15, 0.15, 0.15)


def _reasoning(b: _Base, rng: random.Random) -> str:
    s = b.spec
    if b.chinese:
        if s.system == "shear_building":
            return (f"{s.stories}层剪切型结构：每层一个节点，层间刚度用I = k h^3 / 12的弹性柱模拟，"
                    "楼层质量集中在节点上，底部固定，特征值分析后输出周期T1。")
        return (f"{s.summary()}。用OpenSeesPy建立弹性梁柱模型（elasticBeamColumn），"
                "楼层质量按从属面积集中到节点，柱底固接，做特征值分析并输出T1。")
    if s.system == "shear_building":
        return rng.choice((
            f"A {s.stories}-story shear building: one node per floor, each story an elastic column with I = k h^3 / 12 "
            "so that its lateral stiffness is k, floor masses in X, fixed base, then eigen and print T1.",
            f"{s.summary()}. Lumped-mass stick: story stiffness from 12 E I / h^3, masses at the floors, "
            "fixed base; the periods come from ops.eigen as T = 2 pi / sqrt(lambda).",
        ))
    return rng.choice((
        f"{s.summary()}. I will build it in OpenSeesPy with elasticBeamColumn members, lump the seismic floor "
        "masses at the floor nodes, fix the base, run an eigen analysis and print the periods and T1.",
        f"The building is a {s.summary()}. Plan: grid of nodes, fixed base, columns and beams as elastic "
        "beam-columns with cracked stiffness, floor masses from the gravity load, eigen, print T1 in seconds.",
        f"Task: {s.summary()}. SI units (m, N, kg, Pa). Nodes on the grid, base fixed, elastic members, "
        "masses per floor, then ops.eigen and T = 2 pi / sqrt(lambda).",
    ))


def _fence(code: str) -> str:
    return f"```python\n{code.rstrip()}\n```"


def _wrap(style: str, think: str, code: str, rng: random.Random) -> str:
    if style == "think_answer":
        return f"<think>\n{think}\n</think>\n<answer>\n{_fence(code)}\n</answer>"
    if style == "bare":
        return _fence(code)
    if style == "prose_answer":
        return (f"<think>\n{think}\n</think>\n<answer>\nHere is the OpenSeesPy model of the building.\n\n{_fence(code)}\n\n"
                "Run it with `python model.py`; it prints the period of every mode and T1.\n</answer>")
    if style == "unterminated":
        fence_open = f"```python\n{code.rstrip()}\n"
        if rng.random() < 0.5:
            return f"<think>\n{think}\n</think>\n<answer>\n{fence_open}</answer>"
        return f"<think>\n{think}\n</think>\n<answer>\n{fence_open}"  # cut off: no closing fence, no </answer>
    if style == "in_think":
        return (f"<think>\n{think}\n\n{_fence(code)}\n</think>\n<answer>\n"
                "The script above builds the model, runs the eigen analysis and prints T1.\n</answer>")
    if style == "after_answer":
        return f"<think>\n{think}\n</think>\n<answer>\nThe OpenSeesPy model is below.\n</answer>\n\n{_fence(code)}"
    if style == "before_think":
        return f"{_fence(code)}\n<think>\n{think}\n</think>\n<answer>\nSee the script at the top.\n</answer>"
    raise ValueError(f"unknown completion style {style!r}")


_WRAP_NOTES = {"think_answer": "think + answer", "bare": "bare python fence", "prose_answer": "prose around the fence",
               "unterminated": "unterminated fence", "in_think": "code inside <think>",
               "after_answer": "code after </answer>", "before_think": "code before <think>"}


# --- the corpus -------------------------------------------------------------------------------


def _bases() -> list[_Base]:
    """The base descriptions with their reference scripts, the header cut to what a model writes:
    the drafter's list of modelling assumptions would contradict the mutated lines. The spec is the one the
    agent drafts for: its assumed sections sized before the first draft (``sizing.presize``)."""
    out = []
    for text in BASE_TEXTS:
        spec = presize(parse_text(text))[0]
        code = draft_reference(spec).code
        header_end = code.index('\n"""\n') + len('\n"""\n')
        code = f'"""{spec.summary()}.\n\nOpenSeesPy model. Units: SI (m, N, kg, Pa, s).\n"""\n' + code[header_end:]
        out.append(_Base(text=text, spec=spec, code=code))
    return out


def broken_drafts(n: int = 130, *, seed: int = 20240611) -> list[BrokenDraft]:
    """``n`` broken drafts, the faults in turn (each at least 6 times when n >= 78), deterministic.

    Draft ``i`` has fault ``FAULTS[i % 13]``; a fault's successive drafts cycle through 2D frames,
    3D frames and shear buildings (``KIND_CYCLE``), through the base descriptions of that kind,
    and through the fault's mutations that apply to the base.
    """
    rng = random.Random(seed)
    bases = _bases()
    by_kind: dict[str, list[_Base]] = {}
    for b in bases:
        by_kind.setdefault(b.kind, []).append(b)
    for kind, pool in by_kind.items():  # RC and steel in turn within a kind
        rc = [b for b in pool if b.spec.system != "steel_frame"]
        steel = [b for b in pool if b.spec.system == "steel_frame"]
        by_kind[kind] = [b for pair in zip(rc, steel) for b in pair] + rc[len(steel):] + steel[len(rc):]
    used: Counter[tuple[str, str]] = Counter()
    out: list[BrokenDraft] = []
    for i in range(n):
        fault_index, occurrence = i % len(FAULTS), i // len(FAULTS)
        fault = FAULTS[fault_index]
        kind = KIND_CYCLE[occurrence % len(KIND_CYCLE)]
        pool = by_kind[kind]
        turn = sum(1 for k in KIND_CYCLE[: occurrence % len(KIND_CYCLE)] if k == kind) \
            + (occurrence // len(KIND_CYCLE)) * KIND_CYCLE.count(kind)
        mutators = MUTATIONS[fault]
        chosen: tuple[_Base, str, _Mutation] | None = None
        for base_attempt in range(len(pool)):
            base = pool[(turn + fault_index * 3 + base_attempt) % len(pool)]
            # the fault's least used mutation that applies to this base
            for mutate in sorted(mutators, key=lambda m: used[fault, m.__name__]):
                try:
                    chosen = base, mutate.__name__, mutate(base)
                    break
                except _NotApplicable:
                    continue
            if chosen is not None:
                break
        if chosen is None:
            raise RuntimeError(f"no mutation of {fault} applies to a {kind} base")
        base, mutation_name, mutation = chosen
        used[fault, mutation_name] += 1
        assert mutation.code != base.code or mutation.wrap is not None
        style = mutation.wrap or rng.choices(_WRAPS, weights=_WRAP_WEIGHTS)[0]
        think = _reasoning(base, rng)
        fixed_think = (f"The previous script failed: {mutation.note}. Fix: {mutation.fix}. "
                       "The rest of the model stays as it was.")
        out.append(BrokenDraft(
            id=f"{fault}-{occurrence:02d}-{base.label}",
            fault=fault,
            text=base.text,
            completion=_wrap(style, think, mutation.code, rng),
            fixed_completion=_wrap("think_answer", fixed_think, mutation.fixed_code or base.code, rng),
            note=f"{mutation.note}; mutation: {mutation_name.lstrip('_')}; completion: {_WRAP_NOTES[style]}",
        ))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=130)
    args = ap.parse_args()
    drafts = broken_drafts(args.n)
    faults = Counter(d.fault for d in drafts)
    kinds = {f: Counter(d.id.rsplit("-", 1)[1] for d in drafts if d.fault == f) for f in FAULTS}
    print(f"{len(drafts)} broken drafts")
    print(f"{'fault':<22} {'count':>5}  buildings")
    for fault in FAULTS:
        spread = ", ".join(f"{k} {v}" for k, v in sorted(kinds[fault].items()))
        print(f"{fault:<22} {faults[fault]:>5}  {spread}")


if __name__ == "__main__":
    main()
