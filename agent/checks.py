"""Physics and code-compliance checks: pure functions of (spec, ModelFacts).

Each check returns a ``CheckResult`` with an id, its status, the measured value, the
limit, the unit, the clause or source, and a message written so that a person or a
model could repair the code from it. ``run_checks`` runs the ones that apply: without a
spec (``autobm check`` on a bare script) only the model-intrinsic ones.

A check is "skipped" when it cannot apply (no spec, nothing printed, analysis missing);
skipped checks do not fail a model. ``failed`` checks do.

>>> from autobm.agent.facts import ModelFacts
>>> r = check_masses_positive(ModelFacts(ndm=2, ndf=3, vertical_axis=1, nodes=[], elements=[]))
>>> (r.id, r.status)
('mass.positive', 'failed')
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, Field

from . import codes, seismic
from .facts import ElementFact, LateralFacts, ModelFacts, NodeFact
from .spec import BuildingSpec

Status = Literal["passed", "failed", "skipped", "warning"]

LEVEL_TOL_M = 0.01
PERIOD_PRINT_TOL = 0.02
REFERENCE_TIERS = (0.10, 0.20, 0.40)
MASS_TOL = 0.05
EQUILIBRIUM_TOL = 1e-3
FIRST_MODE_MIN_PARTICIPATION = 0.5
DEGENERATE_PERIOD_RTOL = 1e-4  # periods this close are one eigenspace (doubly symmetric plans)
PLAUSIBLE_T1_S = (0.01, 30.0)
"""A building's fundamental period lies between these, s (a 150-story tower is about 15 s); outside them
the model's units disagree (E in MPa with metres multiplies T by about 1000)."""


PLAUSIBLE_OF_TA = (0.05, 15.0)
"""A building of floors: T1 between these multiples of the empirical period of its height (a bare steel frame
is about 1.5-2.5 Ta, a stiff RC one 0.5 Ta, a base-isolated low building up to about 12 Ta); E in MPa multiplies T by about 30, masses in tonnes divide it by 30."""


class CheckResult(BaseModel):
    id: str = Field(description="stable identifier, e.g. 'period.printed_vs_computed'")
    status: Status
    value: float | int | str | None = Field(None, description="what was measured")
    limit: float | int | str | None = Field(None, description="the limit or the expected value")
    unit: str = ""
    clause: str = Field("", description="code clause or source of the limit")
    message: str = Field("", description="what is wrong and how to fix it, written for the code's author")

    @property
    def passed(self) -> bool:
        return self.status != "failed"


class CheckReport(BaseModel):
    checks: list[CheckResult] = Field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def failed(self) -> list[CheckResult]:
        return [c for c in self.checks if c.status == "failed"]

    def get(self, check_id: str) -> CheckResult | None:
        return next((c for c in self.checks if c.id == check_id), None)


def _result(check_id: str, ok: bool, value, limit, unit: str, clause: str, fail_msg: str, pass_msg: str = "") -> CheckResult:
    return CheckResult(id=check_id, status="passed" if ok else "failed", value=value, limit=limit, unit=unit,
                       clause=clause, message=pass_msg if ok else fail_msg)


def _skip(check_id: str, why: str, clause: str = "") -> CheckResult:
    return CheckResult(id=check_id, status="skipped", message=why, clause=clause)


# --- printed output ------------------------------------------------------------------

_NUMBER = r"([0-9]*\.?[0-9]+(?:[eE][-+]?\d+)?)"
_WHOLE = r"(?![-)\d]|\.\d)"
"""After a number read out of running text: not the 3 of '3-story' nor the 1 of '(mode 1)'."""

_INDEXED_PERIOD_PATTERNS = (
    ("T", r"(?<!/)(?<!/\s)\bT\s*_?\s*[(\[]?\s*(\d+)\s*[)\]]?\s*[\"']?\s*[=:]\s*" + _NUMBER),  # T1, T(1), "T1": ; not T2/T1
    ("mode", r"\bmode\s*(\d+)\b[^\n]{0,40}?\bT\s*[=:]\s*" + _NUMBER),
    ("mode", r"\bmode\s*(\d+)\b[^\n]{0,40}?period[^0-9\n]{0,10}" + _NUMBER),
    ("mode", r"\bmode\s*(\d+)\s*[:\s]\s*" + _NUMBER + r"\s*(?:s|sec|seconds?)\b"),  # "mode 1   0.6047 s" under "Periods:"
    ("row", r"(?m)^[ \t]*(\d+)[ \t]*[:.)]?[ \t]+" + _NUMBER + r"[ \t]*(?:s|sec|seconds?)\b"),  # "  1   0.4801 s" rows
    ("mode", r"第\s*(\d+)\s*(?:阶|个)?\s*(?:振型)?\s*(?:的)?\s*(?:自振)?周期\s*(?:T\s*\d*)?\s*[:：=为]?\s*" + _NUMBER),  # 第1阶周期: 0.85 s
)
"""Periods printed by mode number (group 1) with their value (group 2)."""

_FUNDAMENTAL_PERIOD_PATTERNS = (
    r"基本周期\s*(?:T1)?\s*[=:：为]?\s*" + _NUMBER,
    r"fundamental\s+period[^\n]{0,40}?[=:]\s*" + _NUMBER,
    r"fundamental\s+period[^0-9\n]{0,20}" + _NUMBER + _WHOLE,
    r"fundamental\s+period[^\n]{0,40}?(?<![\w.-])" + _NUMBER + _WHOLE + r"(?=\s*(?:s|sec|seconds?|ms)\b)",
)
"""The fundamental period in words, tried after 'T1 = ...' and before 'Mode 1: T = ...'."""

_FIRST_PERIOD_PATTERNS = (
    r"period\s+of\s+(?:the\s+)?(?:mode\s*1|first\s+mode)\b[^0-9\n]{0,10}" + _NUMBER,
    r"\bperiods?[ \t]*(?:\(s\)|\[s\])?[ \t]*[=:][ \t]*[\[(]?[ \t]*['\"]?" + _NUMBER,  # not a heading's 'Periods:' over rows
    r"[\"']\s*(?:periods?|fundamental_period)(?:_s)?\s*[\"']\s*:\s*\[?\s*" + _NUMBER,  # JSON: {"periods_s": [0.57, ...]}
    r"(?<![\w/])T\s*(?:\(s\)|\[s\])?\s*[=:]\s*[\[(]\s*['\"]?" + _NUMBER,  # NumPy's 'T = [0.843 0.808 ...]'
    r"(?<![\w/])T\s*(?:\(s\)|\[s\])?[ \t]*[=:][ \t]*" + _NUMBER + r"(?=[ \t]*(?:s\b|sec\b)?[ \t]*,[ \t]*\d)",  # 'T [s] = 0.546, 0.525'
)
"""The first of the periods, tried last."""

_DIRECTION_PERIOD = r"(?<![\w/])T\s*_?\s*[(\[]?\s*([xy])\s*[)\]]?\s*[=:]\s*" + _NUMBER
"""A period by its direction, 'Tx = 0.52 s', 'T_y: 0.48' (the first mode along that axis)."""


class PrintedPeriod(BaseModel):
    """A period read from a script's output."""

    value_s: float = Field(description="the period as printed, s")
    resolution_s: float = Field(description="half a unit of the last digit printed, s: '0.6' is 0.55..0.65 s")


_FORMULA_LINE = re.compile(r"empirical|approximate|formula|code\s*(?:period|limit|value)|\bt\s*_?a\b|\bcu\b|upper\s*"
                           r"(?:bound|limit)|经验|规范|公式", re.IGNORECASE)
_MODEL_LINE = re.compile(r"\bmodes?\b|\bmodel\b|eigen|computed|opensees|振型|模型", re.IGNORECASE)


def printed_fundamental_period(stdout: str) -> PrintedPeriod | None:
    """The first-mode period a script printed, read by the usual phrasings, with its precision.

    A listing by mode number is read at its lowest number: 'Mode 0: ..., Mode 1: ...' counts from 0;
    'T0 = ..., T1 = ...' too where T0 is the longer (else T0 is a spectrum's corner period, ASCE 7 11.4.6).

    >>> printed_fundamental_period("T0 = 0.5648 s\\nT1 = 0.1625 s\\nT2 = 0.0844 s")
    PrintedPeriod(value_s=0.5648, resolution_s=5e-05)
    >>> printed_fundamental_period("Period ratio T2/T1 = 0.288\\nT1 = 0.6 s").value_s
    0.6

    Lines about a code's formula ('Empirical T1 = 0.271 s', 'Ta = 0.45 s') are not the model's
    period, unless they name the model's modes too:

    >>> printed_fundamental_period("Empirical T1 = 0.271 s\\nMode 1: T = 0.5069 s").value_s
    0.5069

    Indices in brackets, and periods by direction (T1 is the longer):

    >>> printed_fundamental_period("T(1) = 1.524 s").value_s, printed_fundamental_period("Tx = 0.45 s, Ty = 0.47 s").value_s
    (1.524, 0.47)
    """
    text = "\n".join(line for line in (stdout or "").splitlines()
                     if not _FORMULA_LINE.search(line) or _MODEL_LINE.search(line))
    found = _indexed_period(text, "T")
    for pat in _FUNDAMENTAL_PERIOD_PATTERNS:
        found = found or re.search(pat, text, flags=re.IGNORECASE)
    found = found or _indexed_period(text, "mode")
    found = found or _indexed_period(text, "row")
    for pat in _FIRST_PERIOD_PATTERNS:
        found = found or re.search(pat, text, flags=re.IGNORECASE)
    if found is None:  # 'Tx = 0.52 s, Ty = 0.48 s': T1 is the longer
        found = max(re.finditer(_DIRECTION_PERIOD, text, flags=re.IGNORECASE), key=_value, default=None)
    if found is None:
        return _tabled_period(text)
    number = found.group(found.lastindex or 1)
    try:
        value = float(number)
    except ValueError:
        return None
    mantissa, _, exponent = number.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    resolution = 0.5 * 10.0 ** (int(exponent or 0) - decimals)
    if re.match(r"\s*(?:ms|msec|milliseconds?)\b", text[found.end():], flags=re.IGNORECASE):
        value, resolution = value / 1000.0, resolution / 1000.0
    return PrintedPeriod(value_s=value, resolution_s=resolution)


def _tabled_period(text: str) -> PrintedPeriod | None:
    """The period of mode 1 in a printed table: a header with a 'Period' (or 'T [s]', '周期') column, then rows
    split as it is ('|', tabs, commas or spaces); the row whose first cell is 1, else the first row.

    >>> _tabled_period("Mode | Period [s] | Freq [Hz]\\n---\\n   1 |     0.8048 |    1.2425\\n   2 | 0.2495 | 4.0").value_s
    0.8048
    >>> _tabled_period("| Mode | Period (s) |\\n|------|------------|\\n| 1 | 0.757 |\\n| 2 | 0.250 |").value_s
    0.757
    """
    def split(line: str, sep: str | None) -> list[str]:
        if sep == "|":  # a Markdown table's border: '| 1 | 0.757 |'
            line = line.strip().strip("|")
        if sep == " ":  # a DataFrame's columns, one space apart where a value is wide
            return line.split()
        return [c.strip() for c in (line.split(sep) if sep else re.split(r"\s{2,}", line.strip()))]

    lines = text.splitlines()
    for i, line in enumerate(lines):
        sep = "|" if "|" in line else "\t" if "\t" in line else "," if "," in line else None
        if sep is None and re.fullmatch(r"\s*(?:\S+\s+)+\S+\s*", line) and not re.search(r"[\[(]\s", line):
            sep = " "  # a header of one-word names: 'mode  omega_rad_s      T_s     f_Hz' (pandas)
        cells = [c.lower() for c in split(line, sep)]
        col = next((k for k, c in enumerate(cells) if re.match(r"(?:period|t\s*\[s\]|t\s*\(s\)|t_s\b|t\s*\[sec\]|周期)", c)), None)
        if col is None or len(cells) < 2:
            continue
        rows = []
        for row in lines[i + 1:]:
            parts = split(row, sep)
            if sep == " " and len(parts) == len(cells) + 1 and parts[0].isdigit():
                parts = parts[1:]  # a DataFrame's index
            if len(parts) != len(cells):
                if rows and not re.fullmatch(r"[-=+|\s]*", row):
                    break  # the table ended
                continue
            if all(re.fullmatch(r"[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?", p) for p in parts):
                rows.append(parts)
        row = next((r for r in rows if r[0] == "1"), rows[0] if rows else None)
        if row is None or col >= len(row):
            continue
        number = row[col]
        decimals = len(number.lower().partition("e")[0].partition(".")[2])
        return PrintedPeriod(value_s=float(number), resolution_s=0.5 * 10.0 ** -decimals)
    return None


def _indexed_period(text: str, family: str) -> re.Match[str] | None:
    """The first mode's period in a listing by mode number: at number 0 where the listing counts from 0."""
    found = [(int(m.group(1)), m) for pat in (p for f, p in _INDEXED_PERIOD_PATTERNS if f == family)
             for m in re.finditer(pat, text, flags=re.IGNORECASE)]
    found.sort(key=lambda item: item[1].start())
    first: dict[int, re.Match[str]] = {}
    for number, m in found:
        first.setdefault(number, m)
    zero, one = first.get(0), first.get(1)
    if zero is not None and (family in ("mode", "row") or (one is not None and _value(zero) > _value(one))):
        return zero
    return one


def _value(m: re.Match[str]) -> float:
    try:
        return float(m.group(2))
    except ValueError:
        return math.nan


def printed_fundamental_period_s(stdout: str) -> float | None:
    """The first-mode period a script printed, s (``printed_fundamental_period``).

    >>> printed_fundamental_period_s("Mode 1: T = 0.8123 s\\nMode 2: T = 0.2 s")
    0.8123
    >>> printed_fundamental_period_s("基本周期 T1 = 1.02 s")
    1.02
    >>> printed_fundamental_period_s("Period of mode 1: 812 ms")
    0.812
    """
    printed = printed_fundamental_period(stdout)
    return printed.value_s if printed else None


# --- model-intrinsic checks ----------------------------------------------------------


def _horizontal_masses(facts: ModelFacts) -> list[float]:
    """Translational mass along each horizontal axis, on DOFs free to move (3D: two values)."""
    axes = [a for a in range(min(facts.ndm, facts.ndf)) if a != facts.vertical_axis] if facts.ndm >= 2 else [0]
    return [sum(n.mass[a] for n in facts.nodes if len(n.mass) > a and (a + 1) not in n.fixed_dofs) for a in axes]


def check_masses_positive(facts: ModelFacts) -> CheckResult:
    negative = [n.tag for n in facts.nodes if any(m < 0 for m in n.mass)]
    horizontal = _horizontal_masses(facts)
    axes = [a for a in range(3) if a != facts.vertical_axis]
    spatial = facts.ndm == 3 and all(  # nodes spread along both horizontal axes (not a planar frame built in 3D)
        max((n.coords_m[a] for n in facts.nodes), default=0.0) - min((n.coords_m[a] for n in facts.nodes), default=0.0)
        > LEVEL_TOL_M for a in axes)
    one_way = spatial and len(horizontal) == 2 and max(horizontal) > 0 and min(horizontal) < 0.01 * max(horizontal)
    ok = facts.vibrating_mass_kg > 0 and not negative and not one_way
    if negative:
        msg = f"nodes {negative[:5]} have negative mass; masses must be >= 0"
    elif one_way:
        names = ["xyz"[a].upper() for a in axes]
        msg = (f"the model's mass moves along {names[0]} ({horizontal[0]:.5g} kg) but {'not' if min(horizontal) == 0 else 'hardly'} "
               f"along {names[1]} ({horizontal[1]:.5g} kg) or the reverse: a 3D model has no modes along an axis without mass; "
               "give ops.mass both horizontal translations (mx = my = the floor's mass)")
    elif facts.total_mass_kg > 0:
        msg = (f"all the model's mass ({facts.total_mass_kg:.5g} kg) sits on fixed DOFs, which do not vibrate: assign "
               "ops.mass(node, mx, my, ...) at the floor nodes above the supports")
    elif any(len(n.mass) > facts.vertical_axis and n.mass[facts.vertical_axis] > 0 for n in facts.nodes):
        axis = "xyz"[facts.vertical_axis].upper()
        msg = (f"the model's masses are on the vertical DOF ({axis}) only, and a frame sways horizontally: give each "
               f"floor node its mass along the horizontal DOFs too (ops.mass(node, m, m, ...), kg)")
    else:
        msg = ("the model has no translational mass, so eigen has nothing to vibrate: assign ops.mass(node, mx, my, ...) "
               "at every floor node (kg, from the seismic weight / g) before calling ops.eigen")
    return _result("mass.positive", ok, round(facts.total_mass_kg, 3), "> 0", "kg", "dynamics: the mass matrix must be positive",
                   msg)


def check_rotational_inertia(facts: ModelFacts) -> CheckResult:
    """In 3D, every floor has a mass moment of inertia about the vertical: from masses spread over its plan, or
    given at the node that holds its mass (a diaphragm's master, ``ops.mass(master, m, m, 0, 0, 0, I)``). A floor
    whose mass sits at one point with no inertia has no torsional modes at all (its masses then turn for free, and the
    torsion of an eccentric mass is lost); an inertia given on a rotation the node has fixed is lost too."""
    cid = "mass.rotational_inertia"
    va = facts.vertical_axis
    if facts.ndm != 3 or facts.ndf < 6 or not facts.floors:
        return _skip(cid, "a plane model (or one without rotations) has no floor rotation about the vertical")
    spin = 3 + va
    plan = [a for a in range(3) if a != va]
    by_tag = {n.tag: n for n in facts.nodes}
    in_elements = _element_nodes(facts)
    lacking, lost = [], []
    for floor in facts.floors:
        nodes = [by_tag[t] for t in floor.nodes if t in by_tag and len(by_tag[t].coords_m) == 3]
        spread = [n for n in nodes if n.tag in in_elements]
        width = max((max(n.coords_m[a] for n in spread) - min(n.coords_m[a] for n in spread) for a in plan),
                    default=0.0) if spread else 0.0
        if width <= LEVEL_TOL_M:
            continue  # a stick: one point a floor, no plan to turn
        mass = [(n, n.mass[plan[0]] if len(n.mass) > plan[0] else 0.0) for n in nodes]
        total = sum(m for _, m in mass)
        if total <= 0:
            continue
        centre = [sum(m * n.coords_m[a] for n, m in mass) / total for a in plan]
        polar = sum(m * sum((n.coords_m[a] - c) ** 2 for a, c in zip(plan, centre)) for n, m in mass)
        inertia = sum(n.mass[spin] for n in nodes if len(n.mass) > spin and spin + 1 not in n.fixed_dofs)
        if polar + inertia <= 1e-6 * total * width * width:
            lacking.append(floor.level_m)
            lost += [n.tag for n in nodes if any(len(n.mass) > k and n.mass[k] > 0 and k + 1 in n.fixed_dofs
                                                 for k in range(3, 6))]
    if not lacking:
        return CheckResult(id=cid, status="passed", value=0, limit=0, unit="floors", clause="dynamics: floor mass "
                           "moment of inertia", message="every floor has a mass moment of inertia about the vertical")
    axis = "XYZ"[va]
    where = ", ".join(f"{z:g}" for z in lacking[:4])
    extra = (f"; nodes {lost[:4]} carry a rotational mass on a rotation they have fixed (ops.mass's 4th to 6th values are "
             f"the inertias about X, Y and Z: the one about {axis}, the vertical, is value {spin + 1})") if lost else ""
    return CheckResult(
        id=cid, status="failed", value=len(lacking), limit=0, unit="floors", clause="dynamics: floor mass moment of inertia",
        message=f"the floors at {where} m hold their mass at one point with no mass moment of inertia about the "
                f"vertical ({axis}){extra}: they have no torsional modes, and an eccentric mass cannot twist them. Give the "
                f"node holding each floor's mass its inertia, m (Lx^2 + Ly^2) / 12 for a rectangular floor, as the mass "
                f"of DOF {spin + 1} (ops.mass(master, m, m, 0, 0, 0, I) for a Z-up model), or spread the mass over the "
                "floor's nodes")


def check_levels_have_mass(facts: ModelFacts) -> CheckResult:
    """A level above the base that beams join but that holds no mass (a roof left without its dead load): a warning,
    with or without a spec (with one, geometry.stories fails it too). The floors are the levels with mass, so a
    massless roof was no floor, and the model passed as a building one story lower."""
    cid = "mass.levels"
    if facts.ndm < 2 or not facts.floors:
        return _skip(cid, "no floors with mass to compare other levels with")
    va = facts.vertical_axis
    plan = [a for a in range(facts.ndm) if a != va]
    floors = [facts.base_level_m + f.level_m for f in facts.floors]
    by_tag = {n.tag: n for n in facts.nodes if len(n.coords_m) > va}
    height = {t: n.coords_m[va] for t, n in by_tag.items()}
    levels: dict[int, float] = {}  # level key -> elevation, of the beams between two nodes at one level
    for e in facts.elements:
        if len(e.nodes) != 2:
            continue
        za, zb = height.get(e.nodes[0]), height.get(e.nodes[1])
        if za is None or zb is None or abs(za - zb) > LEVEL_TOL_M or za <= facts.base_level_m + LEVEL_TOL_M:
            continue
        i = bisect.bisect_left(floors, za - LEVEL_TOL_M)
        if i < len(floors) and abs(floors[i] - za) <= LEVEL_TOL_M:
            continue  # a floor's beam
        a, b = by_tag[e.nodes[0]], by_tag[e.nodes[1]]
        if any(abs(a.coords_m[k] - b.coords_m[k]) > LEVEL_TOL_M for k in plan):
            levels.setdefault(round(za / LEVEL_TOL_M), za)
    massless = []
    for z in sorted(levels.values()):
        at = [n for n in by_tag.values() if abs(n.coords_m[va] - z) <= LEVEL_TOL_M]
        if not any(m > 0 for n in at for k, m in enumerate(n.mass) if k in plan):
            massless.append(z - facts.base_level_m)
    if not massless:
        return CheckResult(id=cid, status="passed", value=0, limit=0, unit="levels", clause="seismic mass: every floor "
                           "and the roof carry their dead load", message="every level that beams join holds mass")
    return CheckResult(
        id=cid, status="warning", value=len(massless), limit=0, unit="levels",
        clause="seismic mass: every floor and the roof carry their dead load",
        message=f"beams join the level at {', '.join(f'{z:g}' for z in massless[:4])} m above the base, but it holds no "
                f"mass (the floors with mass are at {', '.join(f'{f.level_m:g}' for f in facts.floors[-3:])} m): a roof or "
                "floor carries its dead load; give its nodes their mass (ops.mass), or it is no story of the building")


def check_base_fixed(facts: ModelFacts) -> CheckResult:
    """Every node at the base level that carries an element has its translations fixed (a pinned base
    passes; a node on a support spring or tied to a fixed node is held by it, and a foot tied in every
    translation to a fixed node by equalDOF counts as supported; over a basement, a node at grade held in its
    horizontal translations is). One fixed node of a frame's four column feet used to pass: the others stood free."""
    va = facts.vertical_axis
    used = _element_nodes(facts)
    tied = {t for c in facts.constraints for t in c.constrained_nodes}
    if facts.ndm < 2:  # a 1-D stick has no vertical axis: any node fixed in its one direction is a support
        base = list(facts.nodes)
    else:
        base = [n for n in facts.nodes if abs(n.coords_m[va] - facts.base_level_m) <= LEVEL_TOL_M and n.tag in used]
    translational = min(facts.ndm, facts.ndf)
    fixed_all = {n.tag for n in facts.nodes if all(d in n.fixed_dofs for d in range(1, translational + 1))}
    tied_to_fixed = {t for c in facts.constraints if c.retained_node in fixed_all
                     and all(d in c.dofs for d in range(1, translational + 1)) for t in c.constrained_nodes}
    if facts.ndm >= 2 and any(n.tag in fixed_all and n.coords_m[va] < facts.base_level_m - LEVEL_TOL_M for n in facts.nodes):
        # a basement: supports below the base at grade, whose nodes its walls hold laterally (its columns carry them)
        plan = [d + 1 for d in range(translational) if d != va]
        fixed_all |= {n.tag for n in base if all(d in n.fixed_dofs for d in plan)}
    fully = [n for n in base if n.tag in fixed_all or n.tag in tied_to_fixed]  # fixed, or pinned to a fixed node
    fixed_tags = {n.tag for n in fully}
    held = {tuple(round(x, 6) for x in n.coords_m) for n in fully}  # a spring's upper node sits on its fixed node
    loose = [n.tag for n in base if n.tag not in fixed_tags and n.tag not in tied
             and tuple(round(x, 6) for x in n.coords_m) not in held] if facts.ndm >= 2 else []
    ok = bool(fully) and not loose
    fix = f"ops.fix(tag, {', '.join(['1'] * facts.ndf)})"
    if not fully:
        msg = (f"no node at the base level ({facts.base_level_m:g} m) has all its translations fixed: "
               f"call {fix} for every base node")
    else:
        msg = (f"base nodes {loose[:8]} at the base level ({facts.base_level_m:g} m) carry elements but are not fixed: "
               f"the columns on them stand free; call {fix} for each of them ({len(fully)} of {len(base)} are fixed)")
    return _result("supports.base_fixed", ok, len(fully), f"all {len(base)}", "nodes",
                   "statics: supports must prevent rigid-body motion; every column foot is supported", msg)


def _element_nodes(facts: ModelFacts) -> set[int]:
    """The nodes an element uses."""
    return {t for e in facts.elements for t in e.nodes}


def _connected_tags(facts: ModelFacts) -> set[int]:
    """The nodes an element or a constraint uses."""
    used = _element_nodes(facts)
    for c in facts.constraints:
        used.add(c.retained_node)
        used.update(c.constrained_nodes)
    return used


def _loose_dofs(facts: ModelFacts) -> dict[int, list[int]]:
    """Nodes no element uses, held by constraints only, with the DOFs nothing holds: neither fixed nor tied by
    any of their constraints (a rigid diaphragm's master left free out of its plane: DOFs 3, 4, 5 of a Z-up
    floor), which leave the stiffness matrix singular."""
    in_elements = _element_nodes(facts)
    tied: dict[int, set[int]] = {}
    for c in facts.constraints:
        for t in (c.retained_node, *c.constrained_nodes):
            tied.setdefault(t, set()).update(c.dofs)
    loose = {}
    for n in facts.nodes:
        if n.tag in in_elements or n.tag not in tied:
            continue
        dofs = [d for d in range(1, facts.ndf + 1) if d not in n.fixed_dofs and d not in tied[n.tag]]
        if dofs:
            loose[n.tag] = dofs
    return loose


def check_no_free_nodes(facts: ModelFacts) -> CheckResult:
    """No node that nothing holds: connected to no element and no constraint, or held by constraints only with
    DOFs neither fixed nor tied (``_loose_dofs``)."""
    used = _connected_tags(facts)
    # A node fixed in every DOF adds no equation: a reference point for recorders, not a floating node.
    free = [n.tag for n in facts.nodes if n.tag not in used and not all(d in n.fixed_dofs for d in range(1, facts.ndf + 1))]
    loose = _loose_dofs(facts)
    if free or not loose:
        return _result("connectivity.no_free_nodes", not free, len(free), 0, "nodes", "statics: every node must be connected",
                       f"nodes {free[:8]} are connected to no element and no constraint; remove them or connect them "
                       "(a floating node makes the stiffness matrix singular)")
    (tag, dofs), *_ = loose.items()
    return CheckResult(
        id="connectivity.no_free_nodes", status="failed", value=len(loose), limit=0, unit="nodes",
        clause="statics: every DOF must be held",
        message=f"nodes {list(loose)[:8]} belong to no element and are held by constraints only, and DOFs "
                f"{', '.join(map(str, dofs))} of node {tag} are neither fixed nor tied by them: nothing resists them, so "
                f"the stiffness matrix is singular (a mechanism); {_loose_fix(facts, tag, dofs)}")


def _loose_fix(facts: ModelFacts, tag: int, dofs: list[int]) -> str:
    """What to do about a constraint-held node's loose DOFs: a rigid diaphragm normal to another axis than the
    vertical one, or translations tied alone (rigidLink 'bar'), are named; else the ops.fix of those carrying no mass."""
    tied = sorted({d for c in facts.constraints if tag in (c.retained_node, *c.constrained_nodes) for d in c.dofs})
    node = next(n for n in facts.nodes if n.tag == tag)
    group = any(c.retained_node == tag and len(c.constrained_nodes) > 1 for c in facts.constraints)
    if facts.ndm == 3 and facts.ndf == 6 and group:  # a master of several nodes: a floor's
        v = facts.vertical_axis
        floor = sorted([d for d in (1, 2, 3) if d != v + 1] + [4 + v])  # a floor's diaphragm: its plan and torsion
        instead = (f"the model's vertical axis is {'XYZ'[v]}, so a floor's diaphragm is ops.rigidDiaphragm({v + 1}, "
                   f"master, *nodes), which ties DOFs {', '.join(map(str, floor))}")
        if tied == [1, 2, 3]:
            return (f"its constraints tie its translations only (rigidLink('bar')), so its rotations are free: {instead}")
        if tied != floor:
            perp = next((p for p in (1, 2, 3) if tied == sorted([d for d in (1, 2, 3) if d != p] + [3 + p])), None)
            said = f", a rigid diaphragm normal to {'XYZ'[perp - 1]} (perpDirn {perp})" if perp else ""
            return (f"its constraints tie DOFs {', '.join(map(str, tied))}{said}, not a floor's: {instead} (OpenSees "
                    "ignores the nodes of a diaphragm that are not in its plane)")
    massive = [d for d in dofs if len(node.mass) >= d and node.mass[d - 1] > 0]
    flags = ", ".join("1" if d in dofs else "0" for d in range(1, facts.ndf + 1))
    vertical = facts.vertical_axis + 1
    if massive and vertical in massive and facts.ndm >= 2:  # a floor master's vertical mass, tied in plan only
        return (f"DOF {vertical} (vertical) carries mass but nothing holds it: a floor's master moves in plan only; give "
                f"it no vertical mass and fix its DOFs that nothing ties: ops.fix({tag}, {flags})")
    if massive:
        rest = [d for d in dofs if d not in massive]
        also = (f"; fix the others: ops.fix({tag}, {', '.join('1' if d in rest else '0' for d in range(1, facts.ndf + 1))})"
                if rest else "")
        return (f"DOFs {', '.join(map(str, massive))} carry mass, so they are meant to move: tie them (ops.equalDOF, "
                f"ops.rigidDiaphragm) or connect the node to an element{also}")
    master = " (a rigid diaphragm's master: its out-of-plane DOFs)" if len(tied) == 3 else ""
    return f"fix them{master}, e.g. ops.fix({tag}, {flags})"


def check_coincident_nodes_joined(facts: ModelFacts) -> CheckResult:
    """Nodes at the same point, each used by an element, are joined by an element or a constraint (a zero-length
    spring, an equalDOF): a column whose top is a second node at the beam's joint carries nothing into the beam, and
    no other check sees it (the frame is softer; without a spec it passed)."""
    scale = max(1.0, max((abs(x) for n in facts.nodes for x in n.coords_m), default=1.0))
    in_elements = _element_nodes(facts)
    at: dict[tuple[int, ...], list[int]] = {}
    for n in facts.nodes:
        if n.tag in in_elements:
            at.setdefault(tuple(round(x / (1e-6 * scale)) for x in n.coords_m), []).append(n.tag)
    groups = [tags for tags in at.values() if len(tags) > 1]
    apart: list[tuple[int, int]] = []
    if groups:
        wanted = {t for tags in groups for t in tags}
        links: dict[int, set[int]] = {t: set() for t in wanted}  # node -> the elements and constraints it is in
        for i, nodes in enumerate([*(e.nodes for e in facts.elements),
                                   *([c.retained_node, *c.constrained_nodes] for c in facts.constraints)]):
            if len(set(nodes)) > 1:
                for t in wanted.intersection(nodes):
                    links[t].add(i)
        for tags in groups:  # joined: directly, or through a chain of the point's nodes (a stick of zero-length springs)
            part = {t: {t} for t in tags}
            for a, b in itertools.combinations(tags, 2):
                if part[a] is not part[b] and links[a] & links[b]:
                    merged = part[a] | part[b]
                    for t in merged:
                        part[t] = merged
            apart += [(tags[0], t) for t in tags[1:] if t not in part[tags[0]]
                      and min(part[t]) == t]  # one pair per part apart from the first node's
    coords = {n.tag: n.coords_m for n in facts.nodes}
    where = "; ".join(f"{a} and {b} at ({', '.join(f'{x:g}' for x in coords[a])})" for a, b in apart[:4])
    return _result("connectivity.coincident_nodes_joined", not apart, len(apart), 0, "node pairs apart",
                   "statics: members meeting at a joint share its node",
                   f"nodes {where} are at the same point, each used by elements, but no element or constraint joins "
                   f"them ({len(apart)} such pairs): the members on one carry nothing into those on the other; use one "
                   "node for the joint (or join them with ops.equalDOF or a zeroLength element)")


def check_members_defined_once(facts: ModelFacts) -> CheckResult:
    """No beam-column defined twice between the same two nodes, of the same type or of two (an elasticBeamColumn
    and a forceBeamColumn over it: the story's columns 31 % stiffer while T1 moved 5 %): a member pasted twice has
    twice its stiffness (shorter periods, smaller drifts that pass). Zero-length springs and trusses in parallel
    are not twins."""
    seen: dict[frozenset[int], ElementFact] = {}
    twice: list[tuple[ElementFact, ElementFact]] = []
    for e in facts.elements:
        key = frozenset(e.nodes)
        if len(e.nodes) == 2 and len(key) == 2 and _bends(e.type):
            if key in seen:
                twice.append((seen[key], e))
            seen.setdefault(key, e)
    pairs = ", ".join(f"{a.tag} and {b.tag}" + ("" if a.type == b.type else f" ({a.type}, {b.type})")
                      for a, b in twice[:4])
    same = all(a.type == b.type for a, b in twice)
    return _result("connectivity.members_defined_once", not twice, len(twice), 0, "members defined twice",
                   "statics: one element per member",
                   f"beam-columns {pairs} join the same two nodes{' with the same type' if same else ''} "
                   f"({len(twice)} such pairs): a member defined twice has twice its stiffness; define each column "
                   "and beam once")


def check_equilibrium(facts: ModelFacts) -> CheckResult:
    g = facts.gravity
    if g is None:
        if facts.ndm < 2:
            return _skip("equilibrium.gravity", "the model is 1-D (-ndm 1): it has no vertical direction to load")
        errors = [e for e in facts.analysis_errors if e.startswith(("gravity", "static", "model"))] or facts.analysis_errors
        if errors and "no node carries horizontal mass" in errors[0]:  # mass.positive says what to do
            return _skip("equilibrium.gravity", "the model carries no horizontal mass to load with gravity (see "
                                                "mass.positive)")
        if errors:
            return CheckResult(id="equilibrium.gravity", status="failed", unit="", clause="statics: ΣR = ΣP",
                               message=f"autobm's gravity analysis of the model failed: {errors[0]}. "
                                       "Check supports, connectivity and constraints")
        return _skip("equilibrium.gravity", "gravity analysis did not run")
    ok = g.relative_error <= EQUILIBRIUM_TOL
    return _result("equilibrium.gravity", ok, g.relative_error, EQUILIBRIUM_TOL, "relative", "statics: ΣR = ΣP",
                   f"vertical reactions {g.reaction_vertical_n:.4g} N do not balance the applied gravity load "
                   f"{g.applied_vertical_n:.4g} N; a support or a load path is missing")


def check_printed_period(facts: ModelFacts, stdout: str | None) -> CheckResult:
    cid = "period.printed_vs_computed"
    computed = facts.fundamental_period_s
    if computed is None:
        return _skip(cid, "no period was computed from the model")
    read = printed_fundamental_period(stdout or "")
    if read is None:
        return _skip(cid, "the script printed no period (print it as 'T1 = 0.812 s')")
    printed = read.value_s
    err = abs(printed - computed) / computed

    def agrees(period_s: float) -> bool:  # '0.6 s' stands for 0.55..0.65 s
        return abs(printed - period_s) <= PERIOD_PRINT_TOL * period_s + read.resolution_s

    ok = agrees(computed)
    modal = facts.modal
    lines = [(line, float(m.group(2))) for line in (stdout or "").splitlines()
             for m in [re.search(_INDEXED_PERIOD_PATTERNS[0][1], line, flags=re.IGNORECASE)]
             if m and m.group(1) == "1" and re.fullmatch(r"[0-9.eE+-]+", m.group(2))]
    labelled = [(re.search(r"\b([xy])\b|\b([xy])\s*-?\s*(?:dir|direction)|([xy])\s*向", line, flags=re.IGNORECASE), v)
                for line, v in lines]
    said: list[tuple[str, float]] = []
    if labelled and all(label for label, _ in labelled):
        said = [(next(g for g in label.groups() if g).lower(), v) for label, v in labelled]
    elif not lines:  # "Tx = 0.52 s, Ty = 0.48 s"
        said = [(m.group(1).lower(), _value(m)) for m in re.finditer(_DIRECTION_PERIOD, stdout or "", flags=re.IGNORECASE)]
    per_direction = modal is not None and facts.ndm == 3 and bool(said)
    if per_direction:
        # "X direction: T1 = 0.519 s", "Y direction: T1 = ...": each the first mode along its axis, whether or not
        # the first line read is mode 1's (a right Y line hid a wrong X line)
        firsts = {axis: modal.first_mode(axis) for axis in ("x", "y")}
        wrong = [(axis, v) for axis, v in said if firsts.get(axis) is None
                 or abs(v - modal.periods_s[firsts[axis]]) > PERIOD_PRINT_TOL * modal.periods_s[firsts[axis]] + read.resolution_s]
        if not wrong:
            return CheckResult(
                id=cid, status="passed", value=printed, limit=round(modal.periods_s[firsts[said[0][0]]], 6), unit="s",
                clause="modal analysis: T = 2π/√λ, the first mode along each axis",
                message="the T1 printed per direction is the first mode along each: " + ", ".join(
                    f"{axis.upper()} {v:.4g} s (mode {firsts[axis] + 1}, {modal.periods_s[firsts[axis]]:.4g} s)"
                    for axis, v in said))
        if wrong:
            axis, v = wrong[0]
            i = firsts.get(axis)
            if i is None:
                why = f"none of the {len(modal.periods_s)} modes autobm computed sways along {axis.upper()}"
                limit = None
            else:
                lam_i = modal.eigenvalues[i] if i < len(modal.eigenvalues) else None
                why = (f"the model's first mode along {axis.upper()} is mode {i + 1}, T = {modal.periods_s[i]:.4g} s "
                       f"({abs(v - modal.periods_s[i]) / modal.periods_s[i]:.0%} apart)." + _period_hint(v, lam_i))
                limit = round(modal.periods_s[i], 6)
            return CheckResult(id=cid, status="failed", value=v, limit=limit, unit="s",
                               clause="modal analysis: T = 2π/√λ, the first mode along each axis",
                               message=f"the script printed {axis.upper()} T1 = {v:.4g} s but {why}")
    if not ok and not per_direction and len(lines) > 1 and abs(lines[-1][1] - computed) <= PERIOD_PRINT_TOL * computed \
            + read.resolution_s:
        return CheckResult(
            id=cid, status="passed", value=lines[-1][1], limit=round(computed, 6), unit="s",
            clause="modal analysis: T = 2π/√λ, of the last model the script built",
            message=f"the script printed T1 {len(lines)} times; the last, {lines[-1][1]:.4g} s, is that of the model "
                    f"left in the domain at the end, which autobm inspected (T1 = {computed:.4g} s): a script that "
                    "builds several models is judged by the last")
    as_left = facts.as_left_period_s
    load, weight = facts.as_left_vertical_load_n, facts.total_mass_kg * codes.G_M_PER_S2
    if not ok and as_left is not None and agrees(as_left) and load and weight > 0 and load > AS_LEFT_LOAD_MAX * weight:
        return CheckResult(
            id=cid, status="failed", value=printed, limit=round(computed, 6), unit="s",
            clause="modal analysis: T = 2π/√λ, of the model under its own weight",
            message=f"the printed T1 = {printed:.4g} s is the period of the state the script's own analyses left, whose "
                    f"supports carry {load:.4g} N, {load / weight:.3g} times the weight of the model's mass "
                    f"({weight:.4g} N, mass × g): the P-Delta softening of a load the building does not have. Apply "
                    f"each floor's weight once (its mass × g, spread over its nodes, not the building's weight at every "
                    f"column); the model's own T1 is {computed:.4g} s")
    if not ok and as_left is not None and agrees(as_left):
        return CheckResult(
            id=cid, status="passed", value=printed, limit=round(as_left, 6), unit="s",
            clause="modal analysis: T = 2π/√λ, of the state the script's own analyses left",
            message=f"the printed T1 = {printed:.4g} s is the period of the state the script's own analyses left "
                    f"(T1 = {as_left:.4g} s: the tangent of the loaded, cracked or yielded model); autobm's checks "
                    f"use the model's initial state, T1 = {computed:.4g} s")
    lam = facts.modal.eigenvalues[0] if facts.modal and facts.modal.eigenvalues else None
    hint = _period_hint(printed, lam)
    other = next((i for i, t in enumerate(facts.modal.periods_s if facts.modal else []) if i > 0 and agrees(t)), None)
    if not hint and other is not None:
        hint = (f" The printed value is mode {other + 1}'s period ({facts.modal.periods_s[other]:.4g} s): T1 is the "
                "longest, of mode 1 (the smallest eigenvalue, eigen's first).")
    if not hint and facts.reset_note:
        hint = (f" Note: {facts.reset_note}; a period the script computed after its own analyses is that of its "
                "loaded or yielded state.")
    return _result(cid, ok, printed, round(computed, 6), "s",
                   f"modal analysis: T = 2π/√λ; {PERIOD_PRINT_TOL:.0%}, plus half a unit of the last digit printed",
                   f"the script printed T1 = {printed:.4g} s but the model it built has T1 = {computed:.4g} s "
                   f"({err:.0%} apart).{hint}")


def _one_in(ratio: float) -> str:
    """A drift ratio as engineers say it, '1/470'; one of half a story's height or more (a mechanism, a unit slip) as
    '2.5 times the story height' (it read '1/0')."""
    return f"1/{1 / ratio:.0f}" if ratio < 0.5 else f"{ratio:.3g} times the story height"


def _period_hint(printed: float, lam: float | None) -> str:
    """What a printed period that is not T = 2π/√λ is, where it is one of the usual slips with eigen's λ = ω²."""
    if not lam or lam <= 0:
        return ""
    for value, hint in ((2 * math.pi / lam, "equals 2π/λ: the period is T = 2π/√λ (eigen returns λ = ω²)"),
                        (math.sqrt(lam), "is ω = √λ in rad/s, not the period T = 2π/ω"),
                        (math.sqrt(lam) / (2 * math.pi), "is the frequency f = ω/2π in Hz, not the period T = 1/f"),
                        (math.pi / math.sqrt(lam), "equals π/√λ, half the period: T = 2π/√λ"),
                        (1 / math.sqrt(lam), "is 1/ω = 1/√λ: the period is T = 2π/√λ"),
                        (2 * math.pi * math.sqrt(lam), "equals 2π·√λ = 2π·ω: the period is T = 2π/√λ"),
                        (lam, "is the eigenvalue λ = ω² itself (rad²/s²), not a period: T = 2π/√λ"),
                        (1 / lam, "equals 1/λ = 1/ω²: the period is T = 2π/√λ")):
        if math.isclose(printed, value, rel_tol=0.02):
            return f" The printed value {hint}."
    return ""


TORSIONAL_MAX_PARTICIPATION = 0.05
"""A first mode that moves less of the mass than this along X and Y, with a later mode that sways, twists."""


def check_first_mode_participation(facts: ModelFacts) -> CheckResult:
    """The first translational mode carries most of the mass.

    Modes whose periods coincide with the first one's (a doubly symmetric plan: the same
    period along X and Y) form one eigenspace, in which the solver returns any rotation of
    the two translations; their participations are summed per direction.
    """
    cid = "modal.first_mode_participation"
    m = facts.modal
    if m is None or not m.mass_participation_x:
        eigen_errors = [e for e in facts.analysis_errors if e.startswith("eigen")]
        if eigen_errors and facts.total_mass_kg > 0:  # a model with mass whose modes cannot be had
            return CheckResult(id=cid, status="failed", unit="", clause="modal analysis: K φ = ω² M φ",
                               message=f"autobm's eigen analysis of the model failed: {eigen_errors[0]}")
        return _skip(cid, "no modal participation available")
    periods = m.periods_s or [0.0]
    group = [i for i, t in enumerate(periods[: len(m.mass_participation_x)])
             if math.isclose(t, periods[0], rel_tol=DEGENERATE_PERIOD_RTOL)] or [0]
    along_x = sum(m.mass_participation_x[i] for i in group)
    along_y = sum(m.mass_participation_y[i] for i in group if i < len(m.mass_participation_y or []))
    first = max(along_x, along_y)
    ok = first >= FIRST_MODE_MIN_PARTICIPATION
    modes = f"modes {', '.join(str(i + 1) for i in group)} (one period)" if len(group) > 1 else "mode 1"
    later = max([*m.mass_participation_x[len(group):], *(m.mass_participation_y or [])[len(group):]], default=0.0)
    if first < TORSIONAL_MAX_PARTICIPATION and later >= FIRST_MODE_MIN_PARTICIPATION:  # a later mode sways, this one twists
        why = ("it moves almost no mass along X or Y while a later mode carries most of it: the first mode twists the "
               "plan (torsion), so the plan's stiffness is far from its mass centre (a stiff side and a soft side, "
               "masses off their floor's centre) or its perimeter is too weak to resist twisting")
    else:
        why = ("floor masses or story stiffnesses are inconsistent (a mass at the wrong node, a missing floor mass, or a "
               "stiff/soft story by a unit error)")
    return _result(cid, ok, round(first, 4), FIRST_MODE_MIN_PARTICIPATION, "ratio of total mass",
                   "regular frames: the first translational mode carries most of the mass (GB 50011 5.2.2; ASCE 7 12.9.1.1 for the 90 % sum)",
                   f"{modes} {'mobilise' if len(group) > 1 else 'mobilises'} only {first:.0%} of the mass; {why}",
                   f"{modes} {'mobilise' if len(group) > 1 else 'mobilises'} {first:.0%} of the mass")


_UNIT_HINTS = {  # ModelUnits.name -> (too long, too short): the mistake in that system
    "kN, m, t": ("in kN, m and t, E is in kPa (concrete about 3e7 kPa, steel 2e8 kPa), not MPa",
                 "in kN, m and t, ops.mass takes tonnes (a weight in kN / 9.81)"),
    "N, mm, t": ("in N, mm and t, E is in MPa (concrete about 3e4, steel 2e5) and I in mm^4",
                 "in N, mm and t, ops.mass takes tonnes (a weight in N / 9810)"),
    "kip, in, s (mass kip·s²/in)": ("in kip, in, s, ops.mass takes kip·s²/in (a weight in kip / 386.1) and E is in ksi "
                                    "(steel 29000, concrete 57 sqrt(f'c psi) / 1000)",
                                    "in kip, in, s, E is in ksi (steel 29000), not psi, and I in in^4"),
}


def check_period_plausible(facts: ModelFacts, units: ModelUnits | None = None) -> CheckResult:
    """T1 within what any building has: a units error shows here even without a spec. ``units``: the model's
    unit system where it is not SI (``model_units``), whose usual mistakes the message names."""
    cid = "period.plausible"
    t1 = facts.fundamental_period_s
    if t1 is None:
        return _skip(cid, "no period computed")
    low, high = PLAUSIBLE_T1_S
    source = "buildings: 0.01 s to 30 s (a 150-story tower is about 15 s)"
    height = max((f.level_m for f in facts.floors), default=0.0)
    if len(facts.floors) >= 2 and height >= 4.0:  # a building of floors: by its own height (not an oscillator)
        ta = 0.0724 * height**0.8
        low, high = max(low, round(PLAUSIBLE_OF_TA[0] * ta, 4)), min(high, round(PLAUSIBLE_OF_TA[1] * ta, 3))
        source = (f"{len(facts.floors)} floors, {height:.1f} m high: {PLAUSIBLE_OF_TA[0]:g} to {PLAUSIBLE_OF_TA[1]:g} times "
                  f"Ta = 0.0724 H^0.8 = {ta:.3f} s (ASCE 7-22 Eq. 12.8-7 for steel moment frames, the most flexible)")
    ok = low <= t1 <= high
    hint = ("far too long: the stiffness is too small for the masses, e.g. E in MPa (or kPa) with lengths in m and "
            "masses in kg; in SI, E of concrete is about 3e10 Pa" if t1 > high else
            "far too short: the masses are too small for the stiffness, e.g. masses in tonnes or kN with E in Pa; "
            "in SI, ops.mass takes kg")
    if units is not None and units.name in _UNIT_HINTS:
        long_hint, short_hint = _UNIT_HINTS[units.name]
        hint = (f"far too long: the stiffness is too small for the masses or the masses too large; {long_hint}"
                if t1 > high else f"far too short: the masses are too small for the stiffness; {short_hint}")
    return _result(cid, ok, round(t1, 6), f"{low:g}..{high:g}", "s", source, f"T1 = {t1:.4g} s is {hint}")


def _length_unit_guess(facts: ModelFacts, spec: BuildingSpec | None = None) -> str | None:
    """'millimetres' or 'inches' where the mean story height of a model of floors is 1-10 thousand or 80-300; 'feet'
    where, against a spec, the model's height is the spec's in feet (10-40 'm' stories are no sure sign alone)."""
    if len(facts.floors) < 1:
        return None
    mean = max(f.level_m for f in facts.floors) / len(facts.floors)
    if 1000 <= mean <= 10000:
        return "millimetres"
    if 80 <= mean <= 300:
        return "inches"
    if spec is not None and spec.height_m > 0 and math.isclose(facts.floors[-1].level_m * 0.3048, spec.height_m, rel_tol=0.03):
        # the plan in feet too; a plan in metres with heights in feet is a story-height slip, not a model in feet
        length = sum(spec.bay_widths_x_m)
        plan = [a for a in range(facts.ndm) if a != facts.vertical_axis][:1]
        coords = [n.coords_m[plan[0]] for n in facts.nodes if plan and len(n.coords_m) > plan[0]]
        extent = max(coords) - min(coords) if coords else 0.0
        if length > 0 and extent > 0 and math.isclose(extent, length, rel_tol=0.03):
            return None
        return "feet"
    return None


class ModelUnits(BaseModel):
    """A consistent unit system other than SI that a model is written in (force = mass x length / s²)."""

    name: str = Field(description="e.g. 'N, mm, t'")
    per_metre: float = Field(description="model length units in a metre")
    mass_kg: float = Field(description="kg in the model's mass unit")


_UNIT_SYSTEMS = {
    "millimetres": [ModelUnits(name="N, mm, t", per_metre=1000.0, mass_kg=1000.0),
                    ModelUnits(name="kN, mm, s (mass kN·s²/mm)", per_metre=1000.0, mass_kg=1.0e6)],
    "inches": [ModelUnits(name="kip, in, s (mass kip·s²/in)", per_metre=1 / 0.0254, mass_kg=4448.2216152605 / 0.0254),
               ModelUnits(name="lb, in, s (mass lb·s²/in)", per_metre=1 / 0.0254, mass_kg=4.4482216152605 / 0.0254)],
    "feet": [ModelUnits(name="kip, ft, s (mass kip·s²/ft)", per_metre=1 / 0.3048, mass_kg=4448.2216152605 / 0.3048),
             ModelUnits(name="lb, ft, s (mass slug)", per_metre=1 / 0.3048, mass_kg=4.4482216152605 / 0.3048)],
}
"""The consistent systems of a model in mm, inches or feet (``_length_unit_guess``), the likelier first."""


KN_M_T = ModelUnits(name="kN, m, t", per_metre=1.0, mass_kg=1000.0)
"""kN, m and tonnes (E in kPa), common in OpenSees models: told from SI by a spec only (``in_kn_m_t``)."""


def model_units(spec: BuildingSpec | None, facts: ModelFacts) -> ModelUnits | None:
    """The consistent unit system of a model whose story heights are in mm or inches, or, against a spec, of a
    model in kN, m and t (``in_kn_m_t``); None: read as SI. With a spec, the system whose mass unit gives the
    spec's mass, else the likelier one. E is then in the system's stress unit (MPa with N and mm, ksi with kip
    and in, kPa with kN and m)."""
    systems = _UNIT_SYSTEMS.get(_length_unit_guess(facts, spec) or "")
    if not systems:
        return KN_M_T if spec is not None and in_kn_m_t(spec, facts) else None
    if spec is not None and spec.total_mass_kg() > 0 and facts.vibrating_mass_kg > 0:
        def apart(u: ModelUnits) -> float:
            return abs(math.log(facts.vibrating_mass_kg * u.mass_kg / spec.total_mass_kg()))
        closest = min(systems, key=apart)
        accepted = accepted_period(spec, facts.fundamental_period_s) if facts.fundamental_period_s else None
        consistent = accepted is not None and accepted.low_s <= accepted.period_s <= accepted.high_s
        if consistent and apart(closest) <= math.log(UNITS_MASS_RATIO):
            return closest  # else a unit mistake (a weight used as a mass, T 20 times too long): the likelier system
    return systems[0]


def in_si(facts: ModelFacts, units: ModelUnits) -> ModelFacts:
    """The facts of a model in ``units`` in SI: lengths / per_metre, masses x mass_kg, forces x mass_kg (the
    inspection's loads are the model's masses times g in m/s²), drift ratios x per_metre (its lateral analysis
    then gives each displacement in metres as a number, the heights being in model units)."""
    k, mk = units.per_metre, units.mass_kg

    def mass(node: NodeFact) -> list[float]:  # translations in kg, rotations (mass x length²) in kg·m²
        return [m * mk if d < facts.ndm else m * mk / k**2 for d, m in enumerate(node.mass)]

    update: dict = {
        "nodes": [n.model_copy(update={"coords_m": [x / k for x in n.coords_m], "mass": mass(n)}) for n in facts.nodes],
        "floors": [f.model_copy(update={"level_m": f.level_m / k, "mass_kg": f.mass_kg * mk}) for f in facts.floors],
        "base_level_m": facts.base_level_m / k, "total_mass_kg": facts.total_mass_kg * mk,
        "restrained_mass_kg": facts.restrained_mass_kg * mk,
        "lateral": [lat.model_copy(update={
            "base_shear_n": lat.base_shear_n * mk, "story_forces_n": [x * mk for x in lat.story_forces_n],
            "story_heights_m": [h / k for h in lat.story_heights_m],
            "story_drift_ratios": [r * k for r in lat.story_drift_ratios]}) for lat in facts.lateral],
    }
    if any(e.end_offsets or e.rigidities for e in facts.elements):
        force = mk / k  # N in the model's force unit (its mass unit times its length unit / s²)
        update["elements"] = [e.model_copy(update={
            "end_offsets": [[x / k for x in end] for end in e.end_offsets],
            "rigidities": [r * force if i == 0 else r * force / k**2 for i, r in enumerate(e.rigidities)]})
            if e.end_offsets or e.rigidities else e for e in facts.elements]
    if facts.as_left_vertical_load_n is not None:
        update["as_left_vertical_load_n"] = facts.as_left_vertical_load_n * mk / k  # a force: N in the model's unit
    if facts.gravity is not None:
        update["gravity"] = facts.gravity.model_copy(update={"applied_vertical_n": facts.gravity.applied_vertical_n * mk,
                                                             "reaction_vertical_n": facts.gravity.reaction_vertical_n * mk})
    return facts.model_copy(update=update)


# --- checks against the spec -----------------------------------------------------------


def _expected_levels(spec: BuildingSpec) -> list[float]:
    levels, z = [], 0.0
    for h in spec.story_heights_m:
        z += h
        levels.append(z)
    return levels


def check_story_count(spec: BuildingSpec, facts: ModelFacts) -> CheckResult:
    """Floors the model has against the spec's stories. A floor is a level above the base where beams,
    a slab or a diaphragm join nodes, or (a stick model) a level holding a floor's share of the mass."""
    n = len(facts.floors)
    want = ", ".join(f"{z:g}" for z in _expected_levels(spec))
    got = ", ".join(f"{f.level_m:.4g}" for f in facts.floors)
    if n > spec.stories:
        fix = (f"the levels that are not floors must hold no floor mass and join no nodes horizontally (a column's "
               f"intermediate node may carry a little self-weight); the spec's floors are at {want} m")
    else:
        fix = f"create nodes, with the floor's mass, at every floor elevation: {want} m"
        va = facts.vertical_axis
        have = [f.level_m for f in facts.floors]
        massless = [z for z in _expected_levels(spec) if not any(abs(z - h) <= LEVEL_TOL_M for h in have)
                    and any(len(nd.coords_m) > va and abs(nd.coords_m[va] - facts.base_level_m - z) <= LEVEL_TOL_M
                            for nd in facts.nodes)]
        if massless and facts.ndm >= 2:
            fix = (f"the model has nodes at {', '.join(f'{z:g}' for z in massless)} m, but no floor there (no mass, or no "
                   "beam joining them): give those nodes the floor's mass with ops.mass, and join them with beams")
    return _result("geometry.stories", n == spec.stories, n, spec.stories, "floor levels", "spec: stories",
                   f"the model has {n} floor levels above the base" + (f" (at {got} m)" if n else "")
                   + f" but the building has {spec.stories} stories; {fix}")


def check_story_heights(spec: BuildingSpec, facts: ModelFacts) -> CheckResult:
    want = _expected_levels(spec)
    got = [f.level_m for f in facts.floors]  # above the base already
    if len(got) != len(want):
        return _skip("geometry.story_heights", "story count differs (see geometry.stories)")
    worst = max(abs(a - b) for a, b in zip(got, want))
    hint = _scale_hint(got[-1] / want[-1], _LENGTH_SCALES) if want and want[-1] > 0 and got[-1] > 0 else ""
    return _result("geometry.story_heights", worst <= LEVEL_TOL_M, round(worst, 6), LEVEL_TOL_M, "m", "spec: story_heights_m",
                   f"floor elevations {[round(z, 3) for z in got]} m differ from the spec's {[round(z, 3) for z in want]} m "
                   f"(by up to {worst:.3g} m).{hint} Check story heights and units (SI: m, kg, N, Pa, s)")


_LENGTH_SCALES = {1000.0: "lengths in mm instead of m", 100.0: "lengths in cm instead of m",
                  1 / 0.3048: "lengths in ft instead of m", 1 / 0.0254: "lengths in inches instead of m"}
_MASS_SCALES = {1000.0: "tonnes vs kg, or kN vs N", codes.G_M_PER_S2: "a weight (N) used as a mass (kg), or the reverse",
                0.0254 / 4448.2216152605: "masses in kip·s²/in (kip, in, s units) instead of kg",
                0.3048 / 4448.2216152605: "masses in kip·s²/ft (kip, ft, s units) instead of kg",
                1 / 0.45359237: "masses in lb instead of kg",
                codes.G_M_PER_S2 / 0.0254: "a weight (kip or lb) used as a mass: divide it by g = 386.1 in/s²",
                codes.G_M_PER_S2 / 1000.0: "weights in kN used as masses in a kN, m, t model: divide them by "
                                           "g = 9.81 m/s² for tonnes"}


def in_kn_m_t(spec: BuildingSpec, facts: ModelFacts) -> bool:
    """Whether the model is in kN, m and tonnes (E in kPa), as many OpenSees models are: lengths as the spec's,
    the mass about 1/1000 of the spec's in kg (``UNITS_MASS_RATIO``), and a period not below the code's band
    (masses in tonnes with E in Pa make T about 30 times too short; one far too long is of a stiffness in other
    units, E in MPa, which the period checks name). In those units t·m/s² is kN, so the code's forces and the
    drift ratio hold."""
    if not facts.floors or spec.height_m <= 0 or spec.total_mass_kg() <= 0 or facts.fundamental_period_s is None:
        return False
    if spec.system == "shear_building":  # no empirical band: the spec's own masses and springs give its period
        own = shear_building_period_s(spec)
        return (own is not None and math.isclose(facts.floors[-1].level_m, spec.height_m, rel_tol=0.03)
                and 1 / UNITS_MASS_RATIO <= facts.vibrating_mass_kg * 1000.0 / spec.total_mass_kg() <= UNITS_MASS_RATIO
                and own / UNITS_MASS_RATIO <= facts.fundamental_period_s <= own * UNITS_MASS_RATIO)
    accepted = accepted_period(spec, facts.fundamental_period_s)
    return (math.isclose(facts.floors[-1].level_m, spec.height_m, rel_tol=0.03)
            and 1 / UNITS_MASS_RATIO <= facts.vibrating_mass_kg * 1000.0 / spec.total_mass_kg() <= UNITS_MASS_RATIO
            and accepted is not None and accepted.low_s <= accepted.period_s)


def shear_building_period_s(spec: BuildingSpec) -> float | None:
    """T1 of a shear building's spec: its floor masses on its story springs (a chain fixed at the base), s."""
    k, m = spec.story_stiffnesses_n_per_m or [], spec.seismic_floor_masses_kg()
    if not k or len(k) != len(m) or min(k) <= 0 or min(m) <= 0:
        return None
    n = len(k)
    stiffness = [[0.0] * n for _ in range(n)]
    for i, ki in enumerate(k):  # story i joins floor i - 1 (the base below the first) to floor i
        stiffness[i][i] += ki
        if i > 0:
            stiffness[i - 1][i - 1] += ki
            stiffness[i - 1][i] -= ki
            stiffness[i][i - 1] -= ki
    import numpy as np  # noqa: PLC0415  (the checks need NumPy for this only)
    scale = np.diag(1.0 / np.sqrt(m))
    lam = float(np.linalg.eigvalsh(scale @ np.array(stiffness) @ scale)[0])
    return 2.0 * math.pi / math.sqrt(lam) if lam > 0 else None


UNITS_MASS_RATIO = 2.5
"""How far a model's mass, in the unit system it is read in, may be from the spec's and still tell that system: its
own loads may differ from the spec's (mass.total then judges them); beyond, a unit mistake is likelier."""


def _drift_in_other_units(spec: BuildingSpec, facts: ModelFacts) -> CheckResult | None:
    """A skipped drift check for a model whose lengths or masses are in other units than SI: the code's
    forces (N from kg and m/s²) on it give a drift that means nothing, and a 'passed' one misled. A model in
    kN, m and t (``in_kn_m_t``) is consistent: read in SI (``model_units``), its drift is checked."""
    got_h = facts.floors[-1].level_m if facts.floors else 0.0
    hints = [_scale_hint(got / want, scales) for got, want, scales in (
        (got_h, spec.height_m, _LENGTH_SCALES), (facts.vibrating_mass_kg, spec.total_mass_kg(), _MASS_SCALES))
        if got > 0 and want > 0]
    hints = [h for h in hints if h and "weight" not in h]  # a weight used as a mass is a mistake in SI, not other units
    if not hints:
        return None
    return _skip("drift.limit", "the model is not in SI units (" + " ".join(h.strip() for h in hints) + "): its drift "
                                "under the code's forces (N, from kg and m/s²) means nothing; build it in m, kg, N, Pa, s")


def mass_scale_hint(ratio: float) -> str:
    """' The ratio is 9.807: a weight (N) used as a mass (kg), ...' where a model's mass over the spec's is a known
    unit factor, else ''."""
    return _scale_hint(ratio, _MASS_SCALES)


def _scale_hint(ratio: float, scales: dict[float, str]) -> str:
    """' The ratio is 39.37: lengths in inches instead of m.' when the ratio (or its inverse) is a known unit factor."""
    for factor, meaning in scales.items():
        for candidate in (factor, 1 / factor):
            if math.isclose(ratio, candidate, rel_tol=0.03):
                return f" The ratio is {ratio:.4g}: {meaning}."
    return ""


TRUSS_TYPES = ("truss",)
"""Element classes (lower case, by substring) that carry axial force only: Truss, CorotTruss, TrussSection."""


def _column_feet(facts: ModelFacts) -> list:
    """The base nodes that carry the structure: supported, and used by an element or a constraint (a fully
    fixed node no element touches, a reference point for recorders, stands under no column)."""
    va = facts.vertical_axis
    used = _connected_tags(facts)
    # a stepped base's feet stand below the base (or above it, under the first floor): every support under the floors
    first_floor = facts.base_level_m + (facts.floors[0].level_m if facts.floors else 0.0) - LEVEL_TOL_M
    return [n for n in facts.nodes if n.fixed_dofs and n.tag in used
            and (abs(n.coords_m[va] - facts.base_level_m) <= LEVEL_TOL_M or n.coords_m[va] < first_floor)]


def _leaning_feet(facts: ModelFacts, feet: list) -> list:
    """The feet of leaning columns (P-Delta columns carrying the gravity frames' load): a base pinned
    among fixed ones, or a column line whose nodes reach the rest of the model through trusses only."""
    horizontal = [a for a in range(facts.ndm) if a != facts.vertical_axis]
    rotations = list(range(facts.ndm + 1, facts.ndf + 1))
    fixed = [n for n in feet if rotations and all(d in n.fixed_dofs for d in rotations)]
    touching: dict[int, list] = {}
    for e in facts.elements:
        for t in set(e.nodes):
            touching.setdefault(t, []).append(e)
    leaning = []
    for foot in feet:
        plan = [foot.coords_m[a] for a in horizontal]
        line = {n.tag for n in facts.nodes if all(abs(n.coords_m[a] - p) <= LEVEL_TOL_M for a, p in zip(horizontal, plan))}
        links = [e for t in line for e in touching.get(t, []) if not set(e.nodes) <= line]
        pinned = bool(fixed) and foot not in fixed
        trussed = bool(links) and all(any(k in e.type.lower() for k in TRUSS_TYPES) for e in links)
        if pinned or trussed:
            leaning.append(foot)
    return leaning


def _axis_lines(nodes: list, axis: int) -> list[float]:
    """The distinct coordinates of these nodes along ``axis``, merged within LEVEL_TOL_M."""
    coords = sorted({round(n.coords_m[axis], 3) for n in nodes})
    merged: list[float] = []
    for c in coords:
        if not merged or c - merged[-1] > LEVEL_TOL_M:
            merged.append(c)
    return merged


def check_members(spec: BuildingSpec, facts: ModelFacts) -> CheckResult:
    """A moment frame's members: beam-columns (not trusses only) and beams at every floor (each defined once:
    ``check_members_defined_once``, with or without a spec).

    A frame of trusses carries no bending; a floor without a horizontal member is no frame's floor.
    """
    cid = "geometry.members"
    if spec.system == "shear_building":
        return _skip(cid, "a shear building's members are its story springs")
    two_node = [e for e in facts.elements if len(e.nodes) == 2]
    typed = [e for e in two_node if e.type]
    if typed and not any(_bends(e.type) for e in typed):
        kinds = sorted({e.type for e in typed})
        return CheckResult(id=cid, status="failed", value=", ".join(kinds[:4]), limit="beam-column elements", unit="",
                           clause="spec: system (a moment frame's members bend)",
                           message=f"the spec is a moment frame but the model's members are all {', '.join(kinds[:4])}: "
                                   "a truss carries no bending, so this is not the frame; model the columns and beams "
                                   "with elasticBeamColumn (or forceBeamColumn) elements")
    floors = _floor_graphs(facts)
    trusses = _truss_floors(facts, floors)
    if trusses:
        kinds = sorted({kind for _, kind in trusses})
        return CheckResult(id=cid, status="failed", value=len(trusses), limit=0, unit="floors of truss beams",
                           clause="spec: system (a moment frame's beams bend)",
                           message=f"every horizontal member of the floor at {', '.join(f'{z:g}' for z, _ in trusses[:6])} m "
                                   f"is a {', '.join(kinds[:3])}: a truss carries no moment, so its columns are not held "
                                   "against turning and the frame is softer there (the period checks may not see it: "
                                   "a roof of trusses drifted 2.5 times the frame's); model the beams with "
                                   "elasticBeamColumn (or forceBeamColumn) elements")
    beamless = [floor.level_m for floor, (_, joined) in zip(facts.floors, floors) if not any(joined.values())]
    if facts.ndm >= 2 and beamless and spec.bay_widths_x_m:
        return CheckResult(id=cid, status="failed", value=len(beamless), limit=0, unit="floors without beams",
                           clause="spec: system (a moment frame's beams join its columns at every floor)",
                           message=f"no element runs horizontally between two nodes of the floor at "
                                   f"{', '.join(f'{h:g}' for h in beamless[:6])} m: a frame's beams join the column tops "
                                   "of one floor; check the beams' end nodes (a beam from one floor to the next is a "
                                   "diagonal)")
    gaps = _bays_without_beams(facts, floors) if facts.ndm >= 2 and spec.bay_widths_x_m else []
    if gaps:
        where = "; ".join(f"{level:g} m, between nodes {a} and {b}" for level, a, b in gaps[:4])
        rotations = set(range(facts.ndm + 1, facts.ndf + 1))
        translations = set(range(1, facts.ndm + 1))
        pinned = {t for c in facts.constraints if translations <= set(c.dofs) and not rotations & set(c.dofs)
                  for t in (c.retained_node, *c.constrained_nodes)}  # a pin: every translation tied, no rotation
        tops = {t for _, a, b in gaps for t in (a, b)}
        hinge = (" The column tops there are tied to other nodes by constraints of translations only (ops.equalDOF without "
                 "the rotation): a beam on those nodes is pinned to its columns and carries no moment into them; tie the "
                 "rotation too (or put the beam on the column's node)" if tops & pinned else "")
        return CheckResult(id=cid, status="failed", value=len(gaps), limit=0, unit="bays without beams",
                           clause="spec: system (a moment frame's beams join its columns at every floor)",
                           message=f"no beam joins two neighbouring column tops of a floor ({len(gaps)} bays): at {where}; "
                                   "add the beam between them (a bay without its beam makes the frame softer, which the "
                                   "period checks may not see)." + hinge)
    return CheckResult(id=cid, status="passed", value=len(two_node), limit=None, unit="members", clause="spec: system",
                       message="beam-column members, with beams at every floor and bay")


def _truss_floors(facts: ModelFacts, floors: list[tuple[dict[int, NodeFact], dict[int, set[int]]]]
                  ) -> list[tuple[float, str]]:
    """(floor level, element type) of the floors whose horizontal members all have a type that does not bend (Truss,
    corotTruss): the frame's beams there are pin-ended. ``floors``: ``_floor_graphs``."""
    found = []
    for floor, (on, _) in zip(facts.floors, floors):
        kinds = [e.type for e in facts.elements if len(e.nodes) == 2 and e.nodes[0] in on and e.nodes[1] in on]
        if kinds and all(kinds) and not any(_bends(k) for k in kinds):
            found.append((floor.level_m, kinds[0]))
    return found


def _floor_graphs(facts: ModelFacts) -> list[tuple[dict[int, NodeFact], dict[int, set[int]]]]:
    """Per floor: its nodes, and the two-node elements between them as neighbours (its beams), read in one pass; a
    constraint of every DOF (a rigid end zone by rigidLink('beam'), a rigid joint by equalDOF) joins its nodes too."""
    va = facts.vertical_axis
    levels = [f.level_m + facts.base_level_m for f in facts.floors]
    graphs: list[tuple[dict[int, NodeFact], dict[int, set[int]]]] = [({}, {}) for _ in levels]
    floor_of: dict[int, int] = {}
    for n in facts.nodes:
        if len(n.coords_m) <= va:
            continue
        i = bisect.bisect_left(levels, n.coords_m[va] - LEVEL_TOL_M)
        if i < len(levels) and abs(levels[i] - n.coords_m[va]) <= LEVEL_TOL_M:
            floor_of[n.tag] = i
            graphs[i][0][n.tag] = n
            graphs[i][1][n.tag] = set()
    pairs = [(e.nodes[0], e.nodes[1]) for e in facts.elements if len(e.nodes) == 2 and e.nodes[0] != e.nodes[1]]
    every_dof = set(range(1, facts.ndf + 1))
    pairs += [(c.retained_node, n) for c in facts.constraints if every_dof <= set(c.dofs)
              for n in c.constrained_nodes]  # a rigid joint or end zone ('rigidLink beam', equalDOF of every DOF)
    for a, b in pairs:
        i = floor_of.get(a)
        if i is not None and floor_of.get(b) == i:
            graphs[i][1][a].add(b)
            graphs[i][1][b].add(a)
    return graphs


def _bays_without_beams(facts: ModelFacts, floors: list[tuple[dict[int, NodeFact], dict[int, set[int]]]]
                        ) -> list[tuple[float, int, int]]:
    """(floor level, node, node) of neighbouring column tops of a floor that no chain of horizontal elements along their
    line joins: a beam missing in one bay. The columns stand at the feet's plan positions (``_column_feet``); a
    position with no node at a floor (a setback) joins nothing there. ``floors``: ``_floor_graphs``."""
    va = facts.vertical_axis
    plan = [a for a in range(facts.ndm) if a != va]
    key = lambda c: tuple(round(c[a] / LEVEL_TOL_M) for a in plan)  # noqa: E731
    columns = {key(n.coords_m) for n in _column_feet(facts)}
    in_elements = _element_nodes(facts)
    gaps = []
    for floor, (on, joined) in zip(facts.floors, floors):
        tops = {key(n.coords_m): t for t, n in on.items() if key(n.coords_m) in columns and t in in_elements}
        for along, across in ((plan[0], plan[1:]), (plan[1], plan[:1])) if len(plan) > 1 else ((plan[0], []),):
            line_of = {t: tuple(round(n.coords_m[a] / LEVEL_TOL_M) for a in across) for t, n in on.items()}
            members: dict[tuple, set[int]] = {}
            for t, line in line_of.items():
                members.setdefault(line, set()).add(t)
            lines: dict[tuple, list[int]] = {}
            for t in tops.values():
                lines.setdefault(line_of[t], []).append(t)
            for line, tags in lines.items():
                tags.sort(key=lambda t: on[t].coords_m[along])
                on_line = members[line]
                for a, b in zip(tags, tags[1:]):
                    if not _reaches(a, b, joined, on_line):
                        gaps.append((round(floor.level_m, 6), a, b))
    return gaps


def _reaches(start: int, goal: int, joined: dict[int, set[int]], allowed: set[int]) -> bool:
    seen, todo = {start}, [start]
    while todo:
        t = todo.pop()
        if t == goal:
            return True
        for u in joined[t] & allowed - seen:
            seen.add(u)
            todo.append(u)
    return False


def _bends(element_type: str) -> bool:
    kind = element_type.lower()
    return "beam" in kind or "column" in kind or "timoshenko" in kind


def check_plan(spec: BuildingSpec, facts: ModelFacts) -> CheckResult:
    """Column lines along X (and Y in 3D) against the spec's bays. The lines are those of the base
    nodes that carry the structure (``_column_feet``); where they do not give the spec's bays but the
    lines without the leaning columns do, the leaning columns are left out, and the message says so."""
    cid = "geometry.plan"
    if spec.system == "shear_building":
        return _skip(cid, "a shear building has no plan grid")
    feet = _column_feet(facts)
    axes = [("X", 0, spec.bay_widths_x_m)]
    if spec.dimensions == 3:
        horizontal = [i for i in range(facts.ndm) if i != facts.vertical_axis]
        axes.append(("Y", horizontal[1] if len(horizontal) > 1 else 1, spec.bay_widths_y_m))

    def compare(nodes: list) -> tuple[list[str], list[str], list[str]]:
        problems, measured, expected = [], [], []
        for name, axis, widths in axes:
            if axis >= facts.ndm:
                problems.append(f"the model is {facts.ndm}D but the spec asks for bays along {name}")
                continue
            lines = _axis_lines(nodes, axis)
            got = [round(b - a, 3) for a, b in zip(lines, lines[1:])]
            measured.append(f"{name}: {got}")
            expected.append(f"{name}: {[round(w, 3) for w in widths]}")
            if len(got) != len(widths) or any(abs(a - b) > LEVEL_TOL_M for a, b in zip(got, widths)):
                problems.append(f"column lines along {name} give bays {got} m, the spec has {[round(w, 3) for w in widths]} m")
        return problems, measured, expected

    problems, measured, expected = compare(feet)
    if not problems and len(axes) == 2 and axes[1][1] < facts.ndm:
        # every grid intersection a column: a missing corner or interior column keeps every line (its T1 moved 7-9 %)
        (_, ax, _), (_, ay, _) = axes
        xs, ys = _axis_lines(feet, ax), _axis_lines(feet, ay)
        have = {(min(range(len(xs)), key=lambda i: abs(xs[i] - n.coords_m[ax])),
                 min(range(len(ys)), key=lambda j: abs(ys[j] - n.coords_m[ay]))) for n in feet}
        missing = [(xs[i], ys[j]) for i in range(len(xs)) for j in range(len(ys)) if (i, j) not in have]
        if missing:
            where = "; ".join(f"{'xyz'[ax]} = {x:g}, {'xyz'[ay]} = {y:g}" for x, y in missing[:4])
            problems.append(f"no column stands at the grid intersection {where} m ({len(missing)} of the spec's "
                            f"{len(xs)} x {len(ys)} column positions without one)")
    note = ""
    leaning = _leaning_feet(facts, feet) if problems else []
    frame = [n for n in feet if n not in leaning]
    if leaning and frame:
        without = compare(frame)
        if not without[0]:
            problems, measured, expected = without
            plan = [a for a in range(facts.ndm) if a != facts.vertical_axis]
            where = "; ".join(", ".join(f"{'xyz'[a]} = {n.coords_m[a]:g}" for a in plan) for n in leaning[:4])
            note = (f"bays as the spec's, the leaning column line at {where} m left out (a pinned base among fixed "
                    "ones, or linked to the frame by trusses only: it carries gravity load, not the frame's sway)")
    return _result(cid, not problems, "; ".join(measured), "; ".join(expected), "m", "spec: bay_widths_x_m / bay_widths_y_m",
                   "; ".join(problems) + (": add the column (and its base node)" if problems and "grid intersection"
                                          in problems[-1] else ": place base nodes at every column line"), note)


def check_total_mass(spec: BuildingSpec, facts: ModelFacts) -> CheckResult:
    want = spec.total_mass_kg()
    got = facts.vibrating_mass_kg
    err = abs(got - want) / want if want > 0 else math.inf
    restrained = (f" Left out: {facts.restrained_mass_kg:.5g} kg on fixed DOFs (base nodes), which does not vibrate."
                  if facts.restrained_mass_kg > 0 else "")
    if spec.floor_masses_kg:
        clause, how = "spec: floor_masses_kg", "Put each floor's given mass at its nodes"
    else:
        clause = {"gb50011": "GB 50011-2010 5.1.3 (dead + 0.5 floor live; the roof's live load 0)", "asce7": "ASCE 7-22 12.7.2 (effective seismic weight)",
                  "en1998": "EN 1998-1 3.2.4 (G + ψE·Q)"}[spec.seismic.code]
        how = (f"Lump each floor's mass (dead + ψ·live)·area/g at its nodes, the roof's dead·area/g: here dead "
               f"{spec.dead_load_pa or 0:g} Pa, live {spec.live_load_pa or 0:g} Pa, ψ = {spec.live_load_mass_factor:g}")
    hint = _scale_hint(got / want, _MASS_SCALES) if want > 0 and got > 0 else ""
    return _result("mass.total", err <= MASS_TOL, round(got, 3), round(want, 3), "kg", clause,
                   f"the model's total horizontal mass is {got:.5g} kg but the spec's seismic mass is {want:.5g} kg "
                   f"({err:.0%} apart).{restrained}{hint} {how}",
                   f"the model's horizontal mass {got:.5g} kg against the spec's {want:.5g} kg.{restrained}"
                   if restrained else "")


def code_period_band(spec: BuildingSpec) -> codes.PeriodBand | None:
    """The code's empirical period band for the building (None for idealised shear buildings).

    The plan width in the GB formula is the shorter side of a 3D plan, the frame's span in 2D.
    """
    if spec.system == "shear_building":
        return None
    width = min(spec.plan_x_m, spec.plan_y_m) if spec.dimensions == 3 else spec.plan_x_m
    return codes.empirical_period(spec.seismic.code, spec.system, spec.height_m, spec.stories, width, spec.seismic.sd1_g)


def drift_limit(spec: BuildingSpec) -> codes.DriftLimit:
    """The code's story drift limit for the building (a shear building is held to the RC frame's)."""
    s = spec.seismic
    system = "rc_frame" if spec.system == "shear_building" else spec.system
    limit = codes.drift_limit(s.code, system, spec.stories, s.risk_category, s.importance_class)
    if spec.system == "shear_building" and s.code == "gb50011":  # the only code here whose limit depends on the system
        return codes.DriftLimit(limit.ratio, f"{limit.clause} (a shear building names no material: held to the RC "
                                             "frame's limit; a steel frame's is 1/250)")
    return limit


PERIOD_ACCEPTED_LOW, PERIOD_ACCEPTED_HIGH = 0.5, 2.0
"""The band period.code_formula accepts, as factors on the code band's ends: wide on purpose, a bare frame is
longer than the formulas of real buildings; it catches units and missing stiffness or mass, not a design."""


class AcceptedPeriod(BaseModel):
    """T1 as period.code_formula compares it (reduced by ψT under GB 50011) and the band it accepts."""

    period_s: float
    low_s: float
    high_s: float
    band: codes.PeriodBand
    note: str = Field("", description="how T1 was reduced, where it was")


def accepted_period(spec: BuildingSpec, t1: float) -> AcceptedPeriod | None:
    """T1 against the code formula's band, widened by PERIOD_ACCEPTED_LOW/HIGH (a bare-frame model is
    longer than the formulas of real buildings); None for shear buildings, which have no formula."""
    band = code_period_band(spec)
    if band is None:
        return None
    psi, note = 1.0, ""
    if spec.seismic.code == "gb50011":
        psi, why = codes.gb_period_reduction(spec.system)
        note = f" {why}: T1 bare = {t1:.3f} s, reduced = {psi * t1:.3f} s (the period of the seismic forces too)."
    return AcceptedPeriod(period_s=psi * t1, low_s=PERIOD_ACCEPTED_LOW * band.low_s,
                          high_s=PERIOD_ACCEPTED_HIGH * band.high_s, band=band, note=note)


def _in_plane_period(spec: BuildingSpec, facts: ModelFacts) -> tuple[float | None, str]:
    """The fundamental period the spec's checks judge, and a note when it is not mode 1's: a 2D spec's frame built
    in 3D is judged by its first mode along X, the frame's plane (mode 1 may sway out of it, along Y)."""
    t1, m = facts.fundamental_period_s, facts.modal
    if t1 is None or spec.dimensions != 2 or facts.ndm != 3 or m is None or not m.mass_participation_x:
        return t1, ""
    first = next((i for i, x in enumerate(m.mass_participation_x) if x >= TORSIONAL_MAX_PARTICIPATION), None)
    if not first:  # mode 1 is along X, or no mode is
        return t1, ""
    return m.periods_s[first], (f" T1 here is mode {first + 1}'s ({m.periods_s[first]:.4g} s), the first along X, the "
                                f"plane of the spec's 2D frame; mode 1 ({t1:.4g} s) moves out of that plane (along Y or "
                                "in torsion): restrain or stiffen the frame out of its plane if it should not")


def check_period_code_band(spec: BuildingSpec, facts: ModelFacts) -> CheckResult:
    cid = "period.code_formula"
    t1, plane_note = _in_plane_period(spec, facts)
    if t1 is None:
        return _skip(cid, "no period was computed from the model")
    accepted = accepted_period(spec, t1)
    if accepted is None:
        return _skip(cid, "empirical period formulas are for real frames, not idealised shear buildings")
    # The check catches gross errors (units, missing stiffness or mass), not a design shortfall.
    t, low, high, band, note = accepted.period_s, accepted.low_s, accepted.high_s, accepted.band, accepted.note
    ok = low <= t <= high
    return CheckResult(
        id=cid, status="passed" if ok else "failed", value=round(t, 4), limit=f"{low:.3f}..{high:.3f}", unit="s",
        clause=band.clause,
        message=(f"T1 = {t:.3f} s against the empirical {band.nominal_s:.3f} s (band {band.low_s:.3f}-{band.high_s:.3f} s, "
                 f"accepted {low:.3f}-{high:.3f} s).{note}{plane_note}")
        + ("" if ok else " The period is far longer than buildings of this height have: the model is too soft or too "
                         "heavy; check the units of E, section properties and masses (E in MPa with lengths in m makes it "
                         "1000x too soft; a weight in N used as a mass makes it 9.81x too heavy)" if t > high else
           " The period is far shorter than buildings of this height have: the model is too stiff or too light; check "
           "the units of masses, E and sections (masses in tonnes where kg are meant make it 1000x too light, the "
           "period 32x too short; E in kPa or sections in mm with lengths in m are other causes)"),
    )


def check_period_reference(spec: BuildingSpec, facts: ModelFacts, reference: ModelFacts | None) -> CheckResult:
    """T1 against the reference drafter's model of the spec (``REFERENCE_TIERS``). A model whose members have rigid
    end offsets (-jntOffset) is judged by its periods without them (``ModelFacts.centreline_periods_s``): the
    reference model's members run from node to node, and end zones within the joints stiffen a frame by right
    (whether they lie within their members is ``geometry.end_offsets``)."""
    modal, centreline = facts.modal, facts.centreline_periods_s
    if modal is None or not centreline or len(centreline) != len(modal.periods_s):
        return _period_reference(spec, facts, reference)
    with_offsets, _ = _in_plane_period(spec, facts)
    result = _period_reference(spec, facts.model_copy(update={"modal": modal.model_copy(
        update={"periods_s": list(centreline)})}), reference)
    if result.status == "skipped" or with_offsets is None:
        return result
    return result.model_copy(update={"message": result.message + (
        f" T1 here is the model's without its rigid end offsets (-jntOffset), its members from node to node as the "
        f"reference model's are; with them it is {with_offsets:.4g} s")})


def _period_reference(spec: BuildingSpec, facts: ModelFacts, reference: ModelFacts | None) -> CheckResult:
    cid = "period.reference_model"
    t1, plane_note = _in_plane_period(spec, facts)
    ref = reference.fundamental_period_s if reference else None
    if t1 is None or ref is None:
        return _skip(cid, "no reference period available")
    err = abs(t1 - ref) / ref
    tier = next((f"within {int(t * 100)} %" for t in REFERENCE_TIERS if err <= t), "beyond 40 %")
    ok = err <= REFERENCE_TIERS[0]
    turned = _columns_turned(spec, facts, reference) if not ok else None
    if turned is not None:
        mean, mean_ref = turned
        return CheckResult(
            id=cid, status="passed", value=round(t1, 6), limit=round(ref, 6), unit="s",
            clause="autobm reference drafter model of the same spec (tiers 10/20/40 %)",
            message=f"T1 = {t1:.4g} s vs reference {ref:.4g} s: {err:.1%} apart, but the spec's columns are much "
                    "stiffer one way than the other (I shapes, rectangles) and it does not say which way they face "
                    "(the reference model puts every strong axis along X): the two directions together, T = (2 / "
                    "(1/Tx^2 + 1/Ty^2))^0.5, which turning a column leaves as it is, are "
                    f"{mean:.4g} s against the reference's {mean_ref:.4g} s, "
                    f"{abs(mean - mean_ref) / mean_ref:.1%} apart (passes within {REFERENCE_TIERS[0]:.0%})")
    sway = _first_swaying_mode(facts)
    twist = ""
    periods = facts.modal.periods_s if facts.modal else []
    if (not ok and sway is not None and sway > 0 and facts.ndm == 3 and sway < len(periods)
            and not math.isclose(periods[0], periods[sway], rel_tol=DEGENERATE_PERIOD_RTOL)):
        # mode 1 twists: the reference's T1 is a sway (not in a plane frame, nor where mode 1 is one of a pair of
        # equal periods: two frames side by side that nothing joins sway in and out of phase)
        t_sway = facts.modal.periods_s[sway] if facts.modal else t1
        twist = (f" Mode 1 of the model twists (it moves almost no mass along X or Y); its first swaying mode, mode "
                 f"{sway + 1}, has T = {t_sway:.4g} s, {abs(t_sway - ref) / ref:.1%} from the reference: make the "
                 "model stiffer in torsion (or its masses' rotational inertia smaller) so that it sways first")
    return CheckResult(id=cid, status="passed" if ok else "failed", value=round(t1, 6), limit=round(ref, 6), unit="s",
                       clause="autobm reference drafter model of the same spec (tiers 10/20/40 %)",
                       message=f"T1 = {t1:.4g} s vs reference {ref:.4g} s: {err:.1%} apart ({tier} tier; passes within "
                               f"{REFERENCE_TIERS[0]:.0%}).{plane_note}"
                       + ("" if ok else twist or (" Check masses, section properties, E and boundary conditions against "
                                                  "the spec" + _cracking_note(spec, t1 < ref))))


STORY_STIFFNESS_TOLERANCE = 0.3
"""How far a story's share of the model's lateral stiffness may be from the reference model's (both read from their
own lateral analyses: the story shear over the story drift, over the mean of the stories'): the columns of an 8-story
frame's lower and upper stories swapped moved a story's share by a third, T1 by 8 %; 30 right user scripts (end zones,
P-Delta, Timoshenko and fiber elements, other units) stayed within it."""


def check_story_stiffness(spec: BuildingSpec, facts: ModelFacts, reference: ModelFacts | None) -> CheckResult:
    """The model's stiffness story by story against the reference drafter's model of the spec: each story's shear over
    its drift under the code's forces, as a share of the mean of the stories', along each direction. T1 weighs the
    stories together: sections put on the wrong stories (the lower stories' columns above) leave it within 10 % while
    the soft stories drift half as much again."""
    cid = "reference.story_stiffness"
    if reference is None or spec.system == "shear_building":
        return _skip(cid, "no reference model to compare the stories with" if reference is None
                     else "a shear building's story stiffnesses are the spec's own")
    worst: tuple[float, str, int, float, float] | None = None
    for lat in facts.lateral:
        ref = next((r for r in reference.lateral if r.direction == lat.direction), None)
        if ref is None or len(ref.story_drifts_m) != len(lat.story_drifts_m) or len(lat.story_drifts_m) < 2:
            continue
        own, theirs = _story_stiffness_shares(lat), _story_stiffness_shares(ref)
        if own is None or theirs is None:
            continue
        for story, (a, b) in enumerate(zip(own, theirs), 1):
            off = abs(a - b) / b
            if worst is None or off > worst[0]:
                worst = (off, lat.direction, story, a, b)
    if worst is None:
        return _skip(cid, "no lateral analyses of the model and the reference to compare story by story")
    off, direction, story, a, b = worst
    where = f"story {story} along {direction.upper()}"
    if off <= STORY_STIFFNESS_TOLERANCE:
        return CheckResult(id=cid, status="passed", value=round(off, 4), limit=STORY_STIFFNESS_TOLERANCE, unit="ratio",
                           clause="autobm reference drafter model of the same spec",
                           message=f"each story's share of the lateral stiffness is within {off:.0%} of the reference "
                                   f"model's (the most at {where})")
    softer = a < b
    return CheckResult(
        id=cid, status="failed", value=round(off, 4), limit=STORY_STIFFNESS_TOLERANCE, unit="ratio",
        clause="autobm reference drafter model of the same spec",
        message=f"{where} has {off:.0%} {'less' if softer else 'more'} of the model's lateral stiffness than the "
                f"reference model's has: its share (story shear over drift, over the mean of the stories') is {a:.3f} "
                f"against {b:.3f}, whatever T1 says. Check that story's columns and beams against the spec's sections "
                "by story (sizes put on the wrong stories, one story's columns swapped with another's) and its height")


def _story_stiffness_shares(lat: LateralFacts) -> list[float] | None:
    """Each story's shear over its drift (N/m) under ``lat``'s forces, over the mean of the stories'; None where a
    story does not drift or carries no shear."""
    shears = [sum(lat.story_forces_n[i:]) for i in range(len(lat.story_forces_n))]
    if len(shears) != len(lat.story_drifts_m) or any(d <= 0 for d in lat.story_drifts_m) or any(v <= 0 for v in shears):
        return None
    stiffness = [v / d for v, d in zip(shears, lat.story_drifts_m)]
    mean = sum(stiffness) / len(stiffness)
    return [k / mean for k in stiffness]


def _columns_turned(spec: BuildingSpec, facts: ModelFacts, reference: ModelFacts | None) -> tuple[float, float] | None:
    """For a 3D frame of columns much stiffer one way than the other (I shapes), which the spec does not orient:
    (the model's, the reference's) period of both directions together, T = (2 / (1/Tx^2 + 1/Ty^2))^0.5 from the first
    X and Y modes, where they agree within the first tier and each of the model's two lies within the reference's two
    (a column turned adds to one direction what it takes from the other: the mean does not change, and neither
    direction becomes softer than the reference's softer one); None otherwise."""
    if spec.dimensions != 3 or facts.ndm != 3 or reference is None or spec.sections is None:
        return None
    props = [c.properties() for c in spec.sections.columns]
    if not props or min(strong / weak for _, strong, weak, _ in props) < 1.5:
        return None

    def first(f: ModelFacts) -> dict[str, float]:
        m = f.modal
        return {axis: m.periods_s[i] for axis in ("x", "y") if (i := m.first_mode(axis)) is not None} if m else {}

    own, ref = first(facts), first(reference)
    if len(own) != 2 or len(ref) != 2:
        return None
    low, high = (1 - REFERENCE_TIERS[0]) * min(ref.values()), (1 + REFERENCE_TIERS[0]) * max(ref.values())
    if not all(low <= t <= high for t in own.values()):  # a turned column's periods lie between the reference's
        return None
    mean, mean_ref = ((2 / (t["x"] ** -2 + t["y"] ** -2)) ** 0.5 for t in (own, ref))
    return (mean, mean_ref) if abs(mean - mean_ref) / mean_ref <= REFERENCE_TIERS[0] else None


def _first_swaying_mode(facts: ModelFacts) -> int | None:
    """Index of the first mode that moves at least TORSIONAL_MAX_PARTICIPATION of the mass along X or Y."""
    m = facts.modal
    if m is None or not m.mass_participation_x:
        return None
    ys = list(m.mass_participation_y or [])
    for i, x in enumerate(m.mass_participation_x):
        if max(x, ys[i] if i < len(ys) else 0.0) >= TORSIONAL_MAX_PARTICIPATION:
            return i
    return None


def _cracking_note(spec: BuildingSpec, stiffer: bool) -> str:
    """Where the reference model's sections are cracked (ASCE 7, EN 1998 RC frames) and the model is stiffer."""
    k = spec.stiffness
    if not stiffer or (k.column_inertia_factor >= 1.0 and k.beam_inertia_factor >= 1.0):
        return ""
    return (f". The reference model uses cracked-section stiffness, {k.column_inertia_factor:g} Ig for columns and "
            f"{k.beam_inertia_factor:g} Ig for beams ({k.clause}): a model with gross sections is stiffer and its T1 "
            "shorter; multiply the moments of inertia by these factors")


def check_drift(spec: BuildingSpec, facts: ModelFacts) -> CheckResult:
    cid = "drift.limit"
    other_units = _drift_in_other_units(spec, facts)
    if other_units is not None:
        return other_units
    if not facts.lateral:
        why = "the lateral-force analysis did not run"
        if facts.analysis_errors:
            why += f": {facts.analysis_errors[-1]}"
        return _skip(cid, why)
    lim = drift_limit(spec)
    wanted = _spec_directions(spec, facts)
    missing = [d for d in wanted if d not in {lat.direction for lat in facts.lateral}]
    if missing:
        errors = [e for e in facts.analysis_errors if e.startswith("lateral")]
        return CheckResult(id=cid, status="failed", value=None, limit=float(f"{lim.ratio:.6g}"), unit="(drift/height)",
                           clause=lim.clause,
                           message=f"the lateral-force analysis along {', '.join(d.upper() for d in missing)} did not run"
                                   + (f" ({errors[-1]})" if errors else "") + ": the drift there is not judged, so the "
                                   "model cannot pass; the directions that ran are in the lateral facts")
    worst, where = 0.0, ""
    for lat in (lat for lat in facts.lateral if lat.direction in wanted):
        for i, r in enumerate(lat.story_drift_ratios, 1):
            if abs(r) > worst:
                worst, where = abs(r), f"story {i} along {lat.direction.upper()}"
    ok = worst <= lim.ratio
    return _result(cid, ok, float(f"{worst:.6g}"), float(f"{lim.ratio:.6g}"), "(drift/height)", lim.clause,
                   f"the largest story drift ratio is {worst:.5f} ({_one_in(worst)}) at {where}, above the limit "
                   f"{lim.ratio:.5f} (1/{1 / lim.ratio:.0f}): {_stiffen(spec)} at that story"
                   if worst > 0 else "no drift computed",
                   f"max drift ratio 1/{1 / worst:.0f} at {where} within 1/{1 / lim.ratio:.0f}" if worst > 0 else "")


def _stiffen(spec: BuildingSpec) -> str:
    return ("stiffen the story spring (its k, in N/m with masses in kg)" if spec.system == "shear_building"
            else "stiffen the frame (larger columns or beams)")


def _spec_directions(spec: BuildingSpec, facts: ModelFacts) -> tuple[str, ...]:
    """The directions the spec's building sways in: X and Y for a 3D spec of a 3D model, else X (a 2D spec's frame
    line, even when the script builds it in 3D: its Y is out of plane, not a direction of the building's)."""
    return ("x", "y") if facts.ndm == 3 and spec.dimensions == 3 else ("x",)


def stability_coefficients(facts: ModelFacts, lat: LateralFacts) -> list[float]:
    """θ of each story along one direction: P Δ / (V h), P the floors' weight at and above it, V the story shear of
    the lateral forces and Δ their story drift, amplified for EN 1998 (dr = q de); ASCE 7's Δ Ie / Cd and GB 50011's
    elastic drift are the drift under the forces as computed. The ratio is that of the story's flexibility, so the
    forces' level cancels out."""
    n = len(lat.story_forces_n)
    if len(facts.floors) != n or len(lat.story_drifts_m) != n or len(lat.story_heights_m) != n:
        return []
    weights = [f.mass_kg * codes.G_M_PER_S2 for f in facts.floors]
    factor = lat.amplification if lat.code == "en1998" else 1.0
    out = []
    for i in range(n):
        p, v = sum(weights[i:]), sum(lat.story_forces_n[i:])
        h = lat.story_heights_m[i]
        out.append(p * factor * abs(lat.story_drifts_m[i]) / (v * h) if v > 0 and h > 0 else 0.0)
    return out


TORSION_IRREGULAR = 1.2
"""Edge over mean floor displacement (or story drift) beyond which a floor is torsionally irregular, with the accidental
eccentricity: GB 50011-2010 Table 3.4.3-1, ASCE 7-22 Table 12.3-1 type 1a."""


def torsion_limit(spec: BuildingSpec) -> tuple[float | None, str]:
    """The ratio a code does not allow, with its clause (None: irregular, but allowed)."""
    s = spec.seismic
    if s.code == "gb50011":
        return 1.5, "GB 50011-2010 3.4.3, 3.4.4; JGJ 3-2010 3.4.5 (displacement ratio at most 1.5)"
    if s.code == "asce7":
        sdc = asce7_sdc(s.sds_g or 0.0, s.sd1_g or 0.0, s.risk_category, s.s1_g)
        clause = "ASCE 7-22 Table 12.3-1 (1a above 1.2, 1b extreme above 1.4), 12.3.3.1"
        return (1.4, clause + f": extreme torsional irregularity is not permitted in SDC {sdc}") if sdc in ("E", "F") \
            else (None, clause)
    return None, "EN 1998-1 4.2.3.2 (a plan regular in torsion); ratio 1.2 as GB 50011 and ASCE 7 take it"


def check_torsion(spec: BuildingSpec, facts: ModelFacts) -> CheckResult:
    """Whether the floors twist under the code's lateral forces with the accidental eccentricity (each floor's force
    moved by 5 % of its width across the forces, to the worse side): the larger edge displacement over the mean of the
    two edges, along X and Y; story drifts at the edges under ASCE 7 (Table 12.3-1 type 1a), the worse of displacements
    and drifts under GB 50011 (JGJ 3-2010 3.4.5). Beyond 1.2 the plan is torsionally irregular (a warning: its
    consequences are the design's), beyond the code's limit it fails."""
    cid = "regularity.torsion"
    if facts.ndm != 3 or spec.dimensions != 3:
        return _skip(cid, "a plane frame does not twist")
    code = spec.seismic.code
    rows = []
    for lat in (lat for lat in facts.lateral if lat.direction in _spec_directions(spec, facts)):
        drift = lat.edge_drift_ratios if len(lat.edge_drift_ratios) == len(lat.edge_displacement_ratios) else []
        centred = lat.edge_displacement_ratios_centred or lat.edge_displacement_ratios
        for i, r in enumerate(lat.edge_displacement_ratios):
            by_drift = drift[i] if drift else r
            value, what = ((by_drift, "story drift") if code == "asce7" or (code == "gb50011" and by_drift > r)
                           else (r, "displacement"))
            rows.append((value, lat.direction, i + 1, what, centred[i] if i < len(centred) else r,
                         lat.accidental_eccentricity))
    if not rows:
        return _skip(cid, "no lateral analysis with two edges at every floor to compare")
    still = _floors_that_do_not_turn(spec, facts)
    if still:
        direction, eccentricity = still[0]
        return CheckResult(
            id=cid, status="failed", value=1.0, limit=TORSION_IRREGULAR, unit="ratio", clause=torsion_limit(spec)[1],
            message=f"the floors do not turn in plan: the accidental torsion (each floor's force moved by "
                    f"{eccentricity:.0%} of its width, along {direction.upper()}) moves the two edges of every floor by "
                    "exactly the same, so each floor's nodes are tied to move as one point: equalDOF(master, node, 1, 2, "
                    "6) ties the translations without the lever arm a rigid floor has, and the floors have no "
                    "torsional stiffness (the torsional periods, and the twist of an eccentric mass, are wrong). Tie "
                    "each floor with ops.rigidDiaphragm(3, master, *floor_nodes) (the master at the floor's centre of "
                    "mass, its rotation about the vertical free), or leave the floors to their beams")
    worst, direction, story, what, centred, eccentricity = max(rows, key=lambda row: row[0])
    limit, clause = torsion_limit(spec)
    where = f"floor {story} along {direction.upper()}" if what == "displacement" else \
        f"story {story} along {direction.upper()}"
    taken = (f"with the accidental eccentricity of {eccentricity:.0%} of the floor's width ({_ECCENTRICITY_CLAUSE[code]})"
             if eccentricity else "without the accidental eccentricity (the floors could not take its moment), which "
             "adds to it")
    if worst <= TORSION_IRREGULAR:
        return CheckResult(id=cid, status="passed", value=round(worst, 4), limit=TORSION_IRREGULAR, unit="ratio",
                           clause=clause, message=f"the floors move evenly: edge over mean {what} at most {worst:.3f} "
                                                  f"({where}, {taken}), within {TORSION_IRREGULAR:g}")
    failed = limit is not None and worst > limit
    why = (f"the floor's mass is off the centre of its stiffness (the ratio is {centred:.3f} with the forces at the "
           "masses alone). Put the masses where the floor's load is (spread over its nodes, or at its centre of mass), "
           "or stiffen the frames at the edge that moves most") if centred > TORSION_IRREGULAR else (
           f"the plan is soft in torsion for its width ({centred:.3f} with the forces at the masses alone): stiffen the "
           f"frames along {direction.upper()} at the two ends of the plan (its least and largest "
           f"{'Y' if direction == 'x' else 'X'}), which resist the turn")
    return CheckResult(
        id=cid, status="failed" if failed else "warning", value=round(worst, 4), limit=limit or TORSION_IRREGULAR,
        unit="ratio", clause=clause,
        message=f"{where} twists under the lateral forces {taken}: its larger edge {what} is {worst:.3f} times the mean "
                f"of its two edges (torsionally irregular beyond {TORSION_IRREGULAR:g}"
                + (f", not allowed beyond {limit:g}" if limit else "") + f"): {why}")


def _floors_that_do_not_turn(spec: BuildingSpec, facts: ModelFacts) -> list[tuple[str, float]]:
    """(direction, eccentricity) of each lateral analysis whose accidental torsion moved no floor's edges apart: a floor
    that turns at all moves its two edges by different amounts (1e-9 of the edge over mean ratio is far below any real
    floor's turn: a rigid floor's ratio grows by 0.03 or more)."""
    found = []
    for lat in (lat for lat in facts.lateral if lat.direction in _spec_directions(spec, facts)):
        turned, centred = lat.edge_displacement_ratios, lat.edge_displacement_ratios_centred
        if lat.accidental_eccentricity and centred and len(centred) == len(turned) \
                and all(abs(a - b) <= 1e-9 for a, b in zip(turned, centred)):
            found.append((lat.direction, lat.accidental_eccentricity))
    return found


_ECCENTRICITY_CLAUSE = {"gb50011": "JGJ 3-2010 4.3.3", "asce7": "ASCE 7-22 12.8.4.2, Ax = 1",
                        "en1998": "EN 1998-1 4.3.2(1)"}


def check_stability(spec: BuildingSpec, facts: ModelFacts) -> CheckResult:
    """The story stability coefficient θ against the code: P-Delta may be neglected, is taken by amplifying the
    drifts by 1/(1 - θ) (which then must meet the drift limit), or the structure is too flexible for its weight."""
    cid = "drift.stability"
    if not facts.lateral or _drift_in_other_units(spec, facts) is not None:
        return _skip(cid, "no lateral-force analysis in the spec's units to take story drifts and shears from")
    s = spec.seismic
    lim = codes.stability_limit(s.code, spec.system, s.frame_type)
    worst, where, amplified, amplified_where = 0.0, "", 0.0, ""
    for lat in (lat for lat in facts.lateral if lat.direction in _spec_directions(spec, facts)):
        thetas = stability_coefficients(facts, lat)
        for story, (theta, ratio) in enumerate(zip(thetas, lat.story_drift_ratios), 1):
            if theta > worst:
                worst, where = theta, f"story {story} along {lat.direction.upper()}"
            if theta < 1.0:
                grown = lim.drift(ratio, theta)
                if grown > amplified:
                    amplified, amplified_where = grown, f"story {story} along {lat.direction.upper()}"
    if not where:
        return _skip(cid, "the floors and the lateral analysis do not match story by story")
    drift = drift_limit(spec)
    theta_text = f"theta = {worst:.4f} at {where} (P: the model's floor weights, dead and the seismic share of live)"
    if worst > lim.maximum:
        why = f"above the largest the code allows, {lim.maximum:.4g}: the frame is too flexible for the weight it carries"
    elif worst > lim.amplify:
        why = (f"above {lim.amplify:g}: the drifts may not simply be amplified, a second-order analysis is needed (not "
               "made here)")
    elif worst <= lim.neglect:
        return CheckResult(id=cid, status="passed", value=round(worst, 5), limit=lim.amplify, unit="(P Delta / V h)",
                           clause=lim.clause, message=f"{theta_text}: P-Delta effects may be neglected.")
    elif amplified <= drift.ratio:
        return CheckResult(id=cid, status="passed", value=round(worst, 5), limit=lim.amplify, unit="(P Delta / V h)",
                           clause=lim.clause,
                           message=f"{theta_text}: above {lim.neglect:g}, so P-Delta counts: the drifts times "
                                   f"1/(1 - theta) reach {amplified:.5f} at {amplified_where}, within the limit "
                                   f"{drift.ratio:.5f} ({drift.clause}).")
    else:
        why = (f"above {lim.neglect:g}, so P-Delta counts, and the drifts times 1/(1 - theta) reach {amplified:.5f} at "
               f"{amplified_where}, above the limit {drift.ratio:.5f} ({drift.clause})")
    return CheckResult(id=cid, status="failed", value=round(worst, 5), limit=lim.amplify, unit="(P Delta / V h)",
                       clause=lim.clause,
                       message=f"{theta_text}, {why}: {_stiffen(spec)} at that story")


def check_height_limit(spec: BuildingSpec) -> CheckResult:
    """The building's height against the largest GB 50011 allows for its system: a warning, not a
    failure (the model is still right; the building needs the special review of an out-of-code one)."""
    cid = "code.height_limit"
    if spec.seismic.code == "asce7":
        return _asce7_frame_limit(spec)
    if spec.seismic.code != "gb50011":
        return _skip(cid, f"{spec.seismic.code}: no height limit for moment frames (EN 1998 sets none)")
    found = codes.gb_max_height(spec.system, spec.seismic.pga_g)
    if found is None:
        return _skip(cid, "a shear building's system is not named: no GB 50011 height table applies")
    limit, clause = found
    ok = spec.height_m <= limit
    return CheckResult(id=cid, status="passed" if ok else "warning", value=round(spec.height_m, 3), limit=limit,
                       unit="m", clause=clause,
                       message=f"H = {spec.height_m:.1f} m " + (f"is within the {limit:g} m the code allows." if ok else
                               f"exceeds the {limit:g} m the code allows for this system and intensity: an out-of-code "
                               "building (超限高层) that needs a special seismic review; the model and its other "
                               "checks still hold."))


FT_M = 0.3048  # one foot, m


def _asce7_frame_limit(spec: BuildingSpec) -> CheckResult:
    """The moment frame type against its height limit in the building's seismic design category (Table 12.2-1)."""
    cid, s = "code.height_limit", spec.seismic
    kind = s.frame_type or "special"
    limits = codes.ASCE7_FRAME_HEIGHT_LIMITS_FT.get((spec.system, kind))
    sdc = asce7_sdc(s.sds_g or 0.0, s.sd1_g or 0.0, s.risk_category, s.s1_g)
    if limits is None or sdc == "A":
        return _skip(cid, f"asce7: {kind} moment frames in SDC {sdc} are not height-limited (ASCE 7-22 Table 12.2-1"
                          + (", 11.7" if sdc == "A" else "") + ")")
    limit_ft = limits[sdc]
    height_ft = spec.height_m / FT_M
    clause = f"ASCE 7-22 Table 12.2-1: {codes.asce7_frame_coefficients(spec.system, kind)[2]} in SDC {sdc}"
    if limit_ft is None:
        return CheckResult(id=cid, status="passed", value=round(spec.height_m, 3), limit=None, unit="m", clause=clause,
                           message=f"{kind.capitalize()} moment frames are permitted without a height limit in SDC {sdc}.")
    ok = limit_ft > 0 and height_ft <= limit_ft
    why = (f"is not permitted in SDC {sdc}" if limit_ft == 0 else
           f"is limited to {limit_ft:g} ft ({limit_ft * FT_M:.1f} m) in SDC {sdc}; H = {height_ft:.0f} ft")
    return CheckResult(id=cid, status="passed" if ok else "warning", value=round(spec.height_m, 3),
                       limit=round(limit_ft * FT_M, 3), unit="m", clause=clause,
                       message=f"{kind.capitalize()} moment frames {why.replace('is ', 'are ', 1)}" + ("." if ok else
                               ": detail it as a special moment frame" + (" (or see the exceptions of 12.2.5.6 and 12.2.5.7 "
                               "for steel ordinary and intermediate frames)" if spec.system == "steel_frame" else "")
                               + "; the model and its other checks still hold."))


ASCE7_SDC_BY_SDS = ((0.50, "D", "D"), (0.33, "C", "D"), (0.167, "B", "C"), (0.0, "A", "A"))
ASCE7_SDC_BY_SD1 = ((0.20, "D", "D"), (0.133, "C", "D"), (0.067, "B", "C"), (0.0, "A", "A"))
"""(lower bound g, SDC for risk category I-III, for IV): ASCE 7-22 Tables 11.6-1 (SDS) and 11.6-2 (SD1);
E (I-III) or F (IV) where S1 >= 0.75 g (11.6)."""


def asce7_sdc(sds_g: float, sd1_g: float, risk_category: str | None, s1_g: float | None = None) -> str:
    """Seismic design category, the more severe of the two tables (ASCE 7-22 11.6).

    >>> asce7_sdc(1.0, 0.6, "II"), asce7_sdc(0.3, 0.1, "II"), asce7_sdc(0.3, 0.1, "IV")
    ('D', 'B', 'C')
    """
    iv = risk_category == "IV"
    if s1_g is not None and s1_g >= 0.75:
        return "F" if iv else "E"
    by = [next(sdc_iv if iv else sdc for low, sdc, sdc_iv in table if value >= low)
          for table, value in ((ASCE7_SDC_BY_SDS, sds_g), (ASCE7_SDC_BY_SD1, sd1_g))]
    return max(by)


def check_analysis_method(spec: BuildingSpec, facts: ModelFacts) -> CheckResult:
    """Whether the code lets the equivalent lateral force method (the analysis autobm and the scripts run)
    stand for this building: a warning where it requires a modal response spectrum analysis instead.
    The model and its periods still hold; its forces and drifts are then the simplified method's."""
    cid = "code.analysis_method"
    s, t1 = spec.seismic, facts.fundamental_period_s
    if s.code == "gb50011":
        value, limit, unit = round(spec.height_m, 3), 40.0, "m"
        clause = ("GB 50011-2010 5.1.2: the base shear method for buildings up to 40 m high, deformed mainly in shear, "
                  "with mass and stiffness fairly uniform over the height")
        what = f"H = {spec.height_m:.1f} m"
    elif t1 is None:
        return _skip(cid, "no period was computed from the model")
    elif s.code == "en1998":
        tc = seismic.EN1998_GROUND_TYPE1[s.ground_type or "B"][2]
        value, limit, unit = round(t1, 6), round(min(4 * tc, 2.0), 6), "s"
        clause = (f"EN 1998-1 4.3.3.2.1(2)a: the lateral force method for T1 <= min(4 TC, 2.0 s) = {limit:g} s "
                  f"(TC = {tc:g} s, ground type {s.ground_type}) and regularity in elevation")
        what = f"T1 = {t1:.3f} s"
    else:
        sdc = asce7_sdc(s.sds_g, s.sd1_g, s.risk_category, s.s1_g)
        if sdc in ("A", "B", "C"):
            return CheckResult(id=cid, status="passed", value=sdc, limit="A, B or C", unit="SDC",
                               clause="ASCE 7-22 Table 12.6-1: the ELF procedure is permitted for every structure in SDC B and C",
                               message=f"seismic design category {sdc}: the equivalent lateral force procedure is permitted.")
        band = code_period_band(spec)
        t = min(t1, band.high_s) if band is not None else t1  # the T of 12.8.2, capped at Cu Ta
        ts = s.sd1_g / s.sds_g
        value, limit, unit = round(t, 6), round(3.5 * ts, 6), "s"
        clause = (f"ASCE 7-22 Table 12.6-1: in SDC {sdc} the ELF procedure for T < 3.5 Ts = {limit:g} s "
                  f"(Ts = SD1/SDS = {ts:.3f} s; regular structures, 12.3.2)")
        what = f"T = {t:.3f} s"
    ok = value <= limit
    return CheckResult(id=cid, status="passed" if ok else "warning", value=value, limit=limit, unit=unit, clause=clause,
                       message=(f"{what}: the equivalent lateral force method is within its scope." if ok else
                                f"{what} is beyond {limit:g} {unit}: the code requires a modal response spectrum analysis "
                                "for this building; the forces and drifts here are the equivalent lateral force method's "
                                "(an estimate), the model and its periods still hold."))


def run_checks(spec: BuildingSpec | None, facts: ModelFacts, *, stdout: str | None = None,
               reference: ModelFacts | None = None) -> CheckReport:
    """All checks that apply: model-intrinsic ones always, spec ones when a spec is given; for a model of no
    nodes (none built, or wiped, or not readable), one failed check that says why."""
    if not facts.nodes:
        errors = [e for e in facts.analysis_errors if e.startswith("model")] or facts.analysis_errors
        empty = not errors or "holds no nodes" in errors[0]  # else nodes were read and set aside (NaN coordinates)
        return CheckReport(checks=[CheckResult(
            id="model.nodes", status="failed", value=0 if empty else None, limit="> 0" if empty else None,
            unit="nodes", clause="autobm inspection",
            message=errors[0] if errors else "the domain holds no nodes: the script built no model (or wiped it)")])
    units = model_units(spec, facts)
    if units is not None:  # judged in SI; the first check says so
        facts = in_si(facts, units)
    checks = [
        *([CheckResult(id="model.units", status="passed", value=units.name, unit="", clause="consistent units",
                       message=_units_message(units))] if units else []),
        _guarded("mass.positive", check_masses_positive, facts),
        _guarded("mass.rotational_inertia", check_rotational_inertia, facts),
        _guarded("mass.levels", check_levels_have_mass, facts),
        _guarded("supports.base_fixed", check_base_fixed, facts),
        _guarded("connectivity.no_free_nodes", check_no_free_nodes, facts),
        _guarded("connectivity.members_defined_once", check_members_defined_once, facts),
        _guarded("connectivity.coincident_nodes_joined", check_coincident_nodes_joined, facts),
        *([_guarded("geometry.end_offsets", check_end_offsets, facts)]
          if any(e.end_offsets for e in facts.elements) else []),
        _guarded("equilibrium.gravity", check_equilibrium, facts),
        _guarded("period.printed_vs_computed", check_printed_period, facts, stdout),
        _guarded("modal.first_mode_participation", check_first_mode_participation, facts),
        _guarded("period.plausible", check_period_plausible, facts, units),
    ]
    if spec is not None:
        geometric = facts.ndm >= 2
        spatial = [("geometry.stories", check_story_count), ("geometry.story_heights", check_story_heights),
                   ("geometry.plan", check_plan), ("geometry.members", check_members)]
        checks += [_guarded(cid, check, spec, facts) if geometric else _one_dimensional(cid) for cid, check in spatial]
        checks += [
            _guarded("mass.total", check_total_mass, spec, facts),
            *([_guarded("sections.rigidity", check_member_rigidities, spec, facts)]
              if any(e.rigidities for e in facts.elements) else []),
            _guarded("period.code_formula", check_period_code_band, spec, facts),
            _guarded("period.reference_model", check_period_reference, spec, facts, reference),
            _guarded("reference.story_stiffness", check_story_stiffness, spec, facts, reference),
            _guarded("drift.limit", check_drift, spec, facts) if geometric else _one_dimensional("drift.limit"),
            _guarded("drift.stability", check_stability, spec, facts) if geometric
            else _one_dimensional("drift.stability"),
            _guarded("regularity.torsion", check_torsion, spec, facts),
            _guarded("code.height_limit", check_height_limit, spec),
            _guarded("code.analysis_method", check_analysis_method, spec, facts),
        ]
    return CheckReport(checks=_point_at_causes(checks))


def _guarded(cid: str, check: Callable[..., CheckResult], *args: Any) -> CheckResult:
    """The check's result; where the check itself raised on this model (autobm's fault, not the model's), a warning
    that says so: one check's fault never loses the others (a floor whose nodes no element joins once raised in
    mass.rotational_inertia, and the model had no checks at all)."""
    try:
        return check(*args)
    except Exception as exc:  # noqa: BLE001  (reported as the check's result)
        return CheckResult(id=cid, status="warning", clause="autobm",
                           message=f"autobm's check could not judge this model ({type(exc).__name__}: {exc}): a fault of "
                                   "autobm's; the other checks stand")


FAILURE_CAUSES = (
    ("connectivity.no_free_nodes", ("equilibrium.gravity", "modal.first_mode_participation", "period.printed_vs_computed",
                                    "period.code_formula", "period.reference_model", "period.plausible"),
     ". First fix what connectivity.no_free_nodes names: DOFs that nothing holds make any model a mechanism"),
    ("mass.total", ("drift.limit", "drift.stability"),
     "; but the model's mass is not the spec's (mass.total), which changes these forces: correct the mass first"),
)
"""(cause, the checks it makes fail, what they then say): failed analyses of a model with DOFs nothing holds point at
them, not at the supports or the units; failed drifts of a model of the wrong mass at the mass, not the frame."""


def _point_at_causes(checks: list[CheckResult]) -> list[CheckResult]:
    """Failed checks whose failure another failed check explains say so (``FAILURE_CAUSES``)."""
    failed = {c.id for c in checks if c.status == "failed"}
    for cause, effects, note in FAILURE_CAUSES:
        if cause in failed:
            checks = [c.model_copy(update={"message": c.message + note}) if c.id in effects and c.status == "failed"
                      else c for c in checks]
    return checks


def _units_message(units: ModelUnits) -> str:
    said = ("its masses are about the spec's in tonnes and its lengths in metres, its period not 30 times too short"
            if units is KN_M_T else f"the model's story heights are in {units.name.split(',')[1].strip()}")
    lengths = f"lengths / {units.per_metre:.6g}, " if units.per_metre != 1 else ""
    return (f"{said}: read as a model in {units.name} ({lengths}masses x {units.mass_kg:.6g} kg) and judged in SI; its "
            "period is the same in any consistent system")


AS_LEFT_LOAD_MAX = 2.0
"""How many times the weight of its mass a script's own gravity load may be before the period of the state it left
(its P-Delta tangent) is no period of the building: dead and full live load under a factored combination stay
within (1.2 D + 1.6 L of a seismic mass of D + 0.5 L is under 1.6 times); the building's weight at every column of
a 12-column frame was 12 times, and its printed T1 passed."""


RIGIDITY_RANGE = (0.2, 5.0)
"""How far a story's columns' (or a floor's beams') flexural rigidity EI may be from the spec's section's, E times
its strong-axis I: cracked sections (0.35 Ig of ACI 318 beams), catalogue values beside plates and the other axis of
a rectangle lie within; a unit slip (I in mm⁴ with lengths in m: 10¹², in cm⁴: 10⁸, E in MPa: 10⁻⁶) far outside."""
BEAM_RIGIDITY_MIN = 0.28
"""The least a floor's beams' EI in the vertical plane may be of E times the spec's strong-axis I: cracked beams (0.35
Ig, ACI 318) lie above, a rectangular beam turned onto its weak axis ((b/h)² = 0.25 for 300 x 600) below."""
_RIGIDITY_SCALES = {1e12: "an I in mm⁴ with lengths in m", 1e8: "an I in cm⁴ with lengths in m",
                    1e6: "E in kPa for Pa, or an I in mm⁴ with E in MPa", 1e3: "E in MPa with forces in kN, or kN for N",
                    1e9: "E in GPa read as Pa, or an I in mm⁴ with E in kPa"}


def check_member_rigidities(spec: BuildingSpec, facts: ModelFacts) -> CheckResult:
    """Each story's columns and each floor's beams: their flexural rigidity EI (from the elements' basic stiffness,
    ``ElementFact.rigidities``) against E times the spec's section's strong-axis I. The period checks weigh the
    stories together, so one story's columns in other units (A = 650², I = 650⁴/12 in a model in metres: I 10¹²
    times) moved T1 by 3.4 % and passed every check, while its drift fell 20 %. Judged by the length-weighted median
    of a story's members (a short, stiff link is no column), and only where the spec gives its sections."""
    cid = "sections.rigidity"
    if spec.sections is None or spec.material is None or spec.system == "shear_building":
        return _skip(cid, "the spec has no member sections")
    coords = {n.tag: n.coords_m for n in facts.nodes}
    va = facts.vertical_axis
    levels = [facts.base_level_m + z for z in _expected_levels(spec)]
    found: dict[tuple[str, int], list[tuple[float, float]]] = {}  # (kind, story) -> (EI, length)
    released: list[int] = []
    for e in facts.elements:
        if len(e.rigidities) < 2 or len(e.nodes) != 2 or not all(t in coords for t in e.nodes):
            continue
        a, b = coords[e.nodes[0]], coords[e.nodes[1]]
        length = math.dist(a, b)
        if length == 0.0 or len(a) <= va:
            continue
        rise = abs(b[va] - a[va]) / length
        if rise > 0.9:  # a column: the story its middle is in
            mid = (a[va] + b[va]) / 2
            story = next((i + 1 for i, z in enumerate(levels) if mid < z), None)
            kind = "columns"
        elif rise < 0.1:  # a beam: the floor it is at, the top of its story; in 3D by its direction
            story = next((i + 1 for i, z in enumerate(levels) if abs(a[va] - z) <= 0.05 * spec.story_heights_m[i]), None)
            plan = [k for k in range(len(a)) if k != va]
            along = max(plan, key=lambda k: abs(b[k] - a[k]))
            kind = "beams" if facts.ndm < 3 else f"beams along {'XYZ'[along]}"
        else:
            continue
        ei = max(e.rigidities[1:]) if kind == "columns" else e.rigidities[1]
        if story is not None and ei <= 0.0 and kind != "columns":  # no bending stiffness at its ends: released
            released.append(e.tag)
        elif story is not None and ei > 0.0:  # a column may face either way; a beam bends in the vertical plane
            found.setdefault((kind, story), []).append((ei, length))
    if released:
        tags = ", ".join(map(str, released[:8])) + (", ..." if len(released) > 8 else "")
        return CheckResult(id=cid, status="failed", value=len(released), limit=0, unit="beams without end moments",
                           clause="spec: moment frame",
                           message=f"beams {tags} ({len(released)}) carry no moment at their ends (their ends released, "
                                   "'-release' or hinges): a moment frame's beams are fixed to its columns; leave the "
                                   "ends fixed (a pinned beam makes the frame a set of cantilever columns)")
    if not found:
        return _skip(cid, "no beam-column of the model gives its rigidities (elastic, force- or displacement-based "
                          "beam-columns do)")
    low, high = RIGIDITY_RANGE
    e_spec = spec.material.elastic_modulus_pa
    off = []
    ratios: dict[tuple[str, int], float] = {}
    worst_share = 1.0
    for (kind, story), members in sorted(found.items(), key=lambda item: (item[0][1], item[0][0])):
        section = (spec.sections.column_at if kind == "columns" else spec.sections.beam_at)(story, spec.stories)
        want = e_spec * section.properties()[1]
        got = _weighted_median(members)
        ratio = got / want
        if abs(math.log(ratio)) > abs(math.log(worst_share)):
            worst_share = ratio
        if not (low if kind == "columns" else BEAM_RIGIDITY_MIN) <= ratio <= high:
            off.append((kind, story, got, want, ratio, section))
        ratios[(kind, story)] = ratio
    swapped = [story for story in sorted({st for _, st in ratios}) if _sections_swapped(spec, story, ratios)]
    if swapped and not off:
        c, b = spec.sections.column_at(swapped[0], spec.stories), spec.sections.beam_at(swapped[0], spec.stories)
        i_c, i_b = c.properties()[1], b.properties()[1]
        return CheckResult(id=cid, status="failed", value=round(ratios[("columns", swapped[0])], 6),
                           limit=f"{low:g}..{high:g}", unit="EI / (E I) of the spec", clause="spec: sections",
                           message=f"stories {', '.join(map(str, swapped[:8]))}: the columns have the spec's beam section "
                                   f"and the beams its column section (the columns' EI is {i_b / i_c:.3g} times the "
                                   f"column's, the beams' {i_c / i_b:.3g} times the beam's): the two sections are swapped; "
                                   "give the columns the column section and the beams the beam section")
    if not off:
        return CheckResult(id=cid, status="passed", value=round(worst_share, 4), limit=f"{low:g}..{high:g}",
                           unit="EI / (E I) of the spec", clause="spec: sections",
                           message=f"every story's columns and beams have the flexural rigidity of the spec's sections "
                                   f"within a factor {high:g} (the farthest {worst_share:.3g} times)")
    kind, story, got, want, ratio, section = max(off, key=lambda item: abs(math.log(item[4])))
    size = (f"{section.b_m * 1000:.0f}x{section.h_m * 1000:.0f} mm" if section.b_m and section.h_m
            else f"I = {section.properties()[1]:.4g} m⁴")
    listed = ", ".join(f"story {s}'s {k} {r:.3g} times" for k, s, _, _, r, _ in off[:6])
    hint = _scale_hint(ratio, _RIGIDITY_SCALES)
    if not hint and kind.startswith("beams") and section.b_m and section.h_m and math.isclose(
            ratio, (min(section.b_m, section.h_m) / max(section.b_m, section.h_m)) ** 2, rel_tol=0.15):
        hint = (" That is (b/h)²: the beams bend about their weak axis; give the beams' transformation a vecxz that "
                "puts their depth in the vertical plane (local y vertical), or swap Iy and Iz.")
    return CheckResult(id=cid, status="failed", value=round(ratio, 6), limit=f"{low:g}..{high:g}",
                       unit="EI / (E I) of the spec", clause="spec: sections",
                       message=f"story {story}'s {kind} have EI = {got:.4g} N·m² against the spec's {want:.4g} N·m² "
                               f"({size}, E = {e_spec / 1e9:.4g} GPa): {ratio:.3g} times ({listed}).{hint} Give each "
                               "member the section of the spec, A and I in the model's units (m², m⁴ with lengths in m)")


SWAP_TOLERANCE = 0.15
"""How close a story's columns' and beams' EI must be to each other's section to read as the two sections swapped."""


def _sections_swapped(spec: BuildingSpec, story: int, ratios: dict[tuple[str, int], float]) -> bool:
    """Whether a story's columns have the spec's beam section and its beams the column section: each ratio within
    ``SWAP_TOLERANCE`` of the other section's, where the two sections differ by more than 30 %."""
    assert spec.sections is not None
    columns = ratios.get(("columns", story))
    beams = [r for (kind, st), r in ratios.items() if kind.startswith("beams") and st == story]
    if columns is None or not beams:
        return False
    factor = spec.sections.beam_at(story, spec.stories).properties()[1] / spec.sections.column_at(story, spec.stories).properties()[1]
    near = lambda r, f: abs(math.log(r / f)) <= math.log(1 + SWAP_TOLERANCE)  # noqa: E731
    return abs(math.log(factor)) > math.log(1.3) and near(columns, factor) and all(near(r, 1 / factor) for r in beams)


def _weighted_median(values: list[tuple[float, float]]) -> float:
    """The median of (value, weight) pairs: the value at half the total weight."""
    ordered = sorted(values)
    half, acc = sum(w for _, w in ordered) / 2, 0.0
    for value, weight in ordered:
        acc += weight
        if acc >= half:
            return value
    return ordered[-1][0]


END_ZONE_MAX_SHARE = 0.5
"""The largest share of a member's length its two rigid end zones may take before the offsets are questioned."""


def check_end_offsets(facts: ModelFacts) -> CheckResult:
    """Rigid end offsets (geomTransf -jntOffset) must lie within their members: each goes from its node to the
    element's flexible end, into the member, so the flexible part is shorter than the distance between the nodes.
    Offsets of the wrong sign make it longer (a beam softer than the bare frame's); offsets across each other turn
    it round."""
    cid = "geometry.end_offsets"
    coords = {n.tag: n.coords_m for n in facts.nodes}
    members = [e for e in facts.elements if e.end_offsets and len(e.nodes) == 2 and all(t in coords for t in e.nodes)]
    out, crossed, long_, shares = [], [], [], []
    for e in members:
        a, b = coords[e.nodes[0]], coords[e.nodes[1]]
        axis = [q - p for p, q in zip(a, b)]
        length2 = sum(x * x for x in axis)
        if length2 == 0.0:
            continue
        di, dj = e.end_offsets
        flexible = sum((x + j - i) * u for x, i, j, u in zip(axis, di, dj, axis)) / length2  # along the axis, x L
        shares.append(1.0 - flexible)
        where = (e, math.sqrt(length2), flexible * math.sqrt(length2))
        if flexible > 1.0 + 1e-9:
            out.append(where)
        elif flexible <= 0.0:
            crossed.append(where)
        elif 1.0 - flexible > END_ZONE_MAX_SHARE:
            long_.append(where)
    if not shares:
        return _skip(cid, "no element between two distinct nodes has rigid end offsets")

    def listed(found: list) -> str:
        e, length, flexible = found[0]
        tags = ", ".join(str(x[0].tag) for x in found[:8]) + (", ..." if len(found) > 8 else "")
        return (f"elements {tags} ({len(found)} of {len(shares)} with end offsets); element {e.tag}, from node "
                f"{e.nodes[0]} to node {e.nodes[1]}, is {length:.4g} m between its nodes and {flexible:.4g} m between its "
                "ends along its axis")
    how = ("The offsets go from each node to the element's end, into the member: dI points from I towards J, dJ from "
           "J towards I (a beam from left to right between columns of depth hc: geomTransf('Linear', tag, "
           "'-jntOffset', hc/2, 0.0, -hc/2, 0.0))")
    if out or crossed:
        found = out or crossed
        what = ("reach beyond their nodes: the offsets point out of the member, which makes it longer and softer "
                "than the frame" if out else "have end zones that pass each other: the element's ends are turned round")
        worst = max((flexible / length for _, length, flexible in found), key=lambda r: abs(r - 1.0))
        return CheckResult(id=cid, status="failed", value=round(worst, 4),
                           limit=f"0..1 ({1.0 - END_ZONE_MAX_SHARE:g}..1 without a warning)",
                           unit="flexible length / node distance", clause="geomTransf -jntOffset (rigid end zones)",
                           message=f"{listed(found)}: they {what}. {how}")
    if long_:
        return CheckResult(id=cid, status="warning", value=round(1.0 - max(shares), 4),
                           limit=f"{1.0 - END_ZONE_MAX_SHARE:g}..1", unit="flexible length / node distance",
                           clause="geomTransf -jntOffset (rigid end zones)",
                           message=f"{listed(long_)}: their rigid end zones take more than "
                                   f"{END_ZONE_MAX_SHARE:.0%} of the member, more than the joints of a frame do (half "
                                   "the depth of the member framing in at each end). Check their size")
    return CheckResult(id=cid, status="passed", value=round(1.0 - max(shares), 4),
                       limit=f"{1.0 - END_ZONE_MAX_SHARE:g}..1", unit="flexible length / node distance",
                       clause="geomTransf -jntOffset (rigid end zones)",
                       message=f"the rigid end offsets of {len(shares)} elements lie within their members (the end "
                               f"zones take up to {max(shares):.1%} of a member's length)")


def _one_dimensional(check_id: str) -> CheckResult:
    return _skip(check_id, "the model is 1-D (-ndm 1): its nodes have no vertical coordinate, so floors, heights, plan and "
                           "story drifts cannot be read from it; build it in 2D (-ndm 2 -ndf 3) or 3D for these checks")
