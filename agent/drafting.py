"""The reference drafter: BuildingSpec -> a readable, standalone OpenSeesPy script.

``draft_reference`` is the embedded default drafter (no language model): it writes the
script an engineer would write by hand for an elastic moment frame (2D or 3D) or a shear
building. Its main program runs the eigen analysis and prints the periods as
``Mode r: T = <seconds> s`` lines, then ``T1 = <seconds> s`` and the first X mode's shape;
then a gravity analysis (frames: each floor's weight on its beams with ``eleLoad``, held with
``loadConst``) and the equivalent lateral forces of the spec's code at that mode's period (the
code's formulas written out in the script's ``lateral_forces``, the same as
``autobm.agent.seismic``), and prints the base shear, the roof displacement and the story drift
ratios against the code's limit. So the script calls all 24 OpenSeesPy APIs the published
reward counts (a shear building: 22, it has no beams to load), and serves as the SFT teacher.
The script runs with plain ``python model.py``; its header states the building, the units and
every modelling assumption, which also come back in ``Draft.assumptions``. Same spec, same bytes.

Conventions of the scripts: SI units (m, N, kg, Pa, s). 2D: one frame line along X,
Y vertical (ndm 2, ndf 3). 3D: Z vertical (ndm 3, ndf 6). Node tags encode the grid:
``10000·level + 100·iy + ix + 1`` (3D), ``100·level + ix + 1`` (2D), ``level + 1``
(shear building); the rigid-diaphragm master of floor ``level`` is ``10000·level + 9999``.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from . import checks, codes
from .seismic import EN1998_BETA, EN1998_GROUND_TYPE1, asce7_importance_factor, en1998_behaviour_factor
from .spec import BuildingSpec

__all__ = ["Draft", "draft_reference", "eigen_mode_count"]

POISSON_RATIO = {"rc_frame": 0.2, "steel_frame": 0.3}
"""Poisson's ratio ν for G = E / (2(1 + ν)): concrete 0.2 (GB 50010-2010 4.1.8); steel 0.3
(GB 50017-2017 Table 4.4.8 lists G = 79,000 N/mm² for E = 206,000, i.e. ν ≈ 0.30)."""

MAX_FRAME_MODES = 12


class Draft(BaseModel):
    """An OpenSeesPy script for a building, with the modelling assumptions it makes."""

    code: str = Field(description="the Python source of the model script")
    drafter: str = Field("reference", description="who wrote it: 'reference' or a model's name")
    assumptions: list[str] = Field(default_factory=list, description="modelling assumptions, one sentence each")


def eigen_mode_count(spec: BuildingSpec) -> tuple[int, bool]:
    """(number of modes, use the dense solver) for the spec's eigen analysis.

    Shear buildings: all N modes. Frames: three per story in 3D (two translations and
    torsion), one per story in 2D, at least three where the mass DOFs allow, at most 12.
    ARPACK (OpenSees' default -genBandArpack) failed in trials whenever more than half of
    the DOFs carrying mass were asked for: the count is cut to that half where it leaves
    three modes or more, else the dense -fullGenLapack is used (such models are tiny).

    >>> from autobm.agent.spec import complete_spec
    >>> eigen_mode_count(complete_spec({"stories": 5, "bays_x": 3, "bays_y": 2, "seismic": {"intensity": 8}}))
    (7, False)
    """
    n = spec.stories
    if spec.system == "shear_building":
        return n, True
    if spec.dimensions == 2:
        mass_dofs = n * (len(spec.bay_widths_x_m) + 1)
        wanted = max(min(n, MAX_FRAME_MODES), 3)
    else:
        per_floor = 3 if spec.rigid_diaphragm else 2 * (len(spec.bay_widths_x_m) + 1) * (len(spec.bay_widths_y_m) + 1)
        mass_dofs = n * per_floor
        wanted = min(3 * n, MAX_FRAME_MODES)
    modes = min(wanted, mass_dofs)
    if modes <= mass_dofs // 2:
        return modes, False
    if mass_dofs // 2 >= 3:
        return mass_dofs // 2, False  # fewer modes rather than the slow dense solver
    return modes, True


def _num(x: float) -> str:
    """A float as Python source, 12 significant digits (1e-12 relative, far below any tolerance)."""
    text = f"{float(x):.12g}"
    return text if any(c in text for c in ".en") else text + ".0"


def _list(values: list[float]) -> str:
    return "[" + ", ".join(_num(v) for v in values) + "]"


_PRELOAD = '''\
# openseespy's Linux wheel ships liblapack without a path to the libblas beside it:
# load that libblas first, so the import works on a machine without a system BLAS.
import ctypes
import importlib.util
import os
import sys

if sys.platform.startswith("linux"):
    _found = importlib.util.find_spec("openseespylinux")
    for _folder in (_found.submodule_search_locations or []) if _found else []:
        for _lib in ("libgfortran.so.4", "libquadmath.so.0", "libblas.so.3"):
            if os.path.exists(os.path.join(_folder, "lib", _lib)):
                try:
                    ctypes.CDLL(os.path.join(_folder, "lib", _lib), mode=ctypes.RTLD_GLOBAL)
                except OSError:
                    pass  # a system copy may still serve

import math

import openseespy.opensees as ops
'''


def _eigen_block(num_modes: int, dense: bool) -> str:
    """The script's eigen analysis. ARPACK (-genBandArpack) factorises the stiffness through the analysis'
    linear system, which is OpenSees' ProfileSPD unless one is set. With rigid diaphragms the skyline of that
    system (RCM numbering, constraints by transformation) grows with the whole model, not with a floor: a
    60-story 3D frame took about 3 minutes (a 20-story one 10 s) and a 150-story one ran out of memory. A sparse
    solver (SuperLU) takes 0.4 s and 1.9 s for the 60- and 150-story frames (RCM, Plain and AMD numberings
    alike). The dense -fullGenLapack builds its own matrices and needs neither."""
    if dense:
        setup = ""
        call = 'ops.eigen("-fullGenLapack", num_modes)  # dense solver: ARPACK needs more mass DOFs than this model has'
    else:
        setup = ('\n    ops.wipeAnalysis()\n    ops.numberer("RCM")\n'
                 '    ops.system("SuperLU")  # sparse: the default ProfileSPD takes minutes on a tall 3D frame')
        call = "ops.eigen(num_modes)  # default solver, -genBandArpack"
    return f'''

NUM_MODES = {num_modes}


def eigen_periods(num_modes=NUM_MODES):
    """Periods of the first modes, s (T = 2 pi / omega)."""{setup}
    eigenvalues = {call}
    return [2.0 * math.pi / math.sqrt(lam) for lam in eigenvalues]
'''


_FLOOR_LEVELS = '''

def floor_levels():
    """Height of each floor above the base, m."""
    return [sum(STORY_HEIGHTS_M[: story + 1]) for story in range(len(STORY_HEIGHTS_M))]
'''


def _seismic_block(spec: BuildingSpec) -> tuple[str, list[str]]:
    """The script's seismic action: the code's parameters and its equivalent lateral forces as a function of T.

    The same formulas as ``autobm.agent.seismic.lateral_forces`` (tests hold the two to the
    same forces), written out for the one code of the spec so that the script stands alone.
    """
    s = spec.seismic
    limit = checks.drift_limit(spec)
    head = f'''

# --- Loads and seismic action (SI units) -------------------------------------------
G_M_PER_S2 = {_num(codes.G_M_PER_S2)}  # standard gravity
DRIFT_LIMIT = {_num(limit.ratio)}  # {_comment(limit.clause)}
'''
    if s.code == "gb50011":
        zeta = s.damping_ratio
        gamma, eta1, eta2 = codes.gb_damping_factors(zeta)
        lam = codes.gb_min_shear_coefficient(0.0, s.pga_g)  # the short-period value
        dn = codes.gb_top_additional_offset(s.tg_s)
        psi, psi_why = codes.gb_period_reduction(spec.system)
        clause = "GB 50011-2010 5.1.5 (spectrum), 5.2.1 (base shear, distribution, top force), 5.2.5 (minimum shear)"
        params = f'''# GB 50011-2010 (2016), frequent earthquake, intensity {s.intensity} ({s.pga_g:g}g), site {s.site_class}, group {s.design_group}
ALPHA_MAX = {_num(s.alpha_max)}  # Table 5.1.4-1
TG_S = {_num(s.tg_s)}  # characteristic period, Table 5.1.4-2
GAMMA, ETA1, ETA2 = {_num(gamma)}, {_num(eta1)}, {_num(eta2)}  # 5.1.5, damping ratio {zeta:g}
MIN_SHEAR = {_num(lam)}  # lambda for T1 <= 3.5 s, Table 5.2.5 (3/4 of it from 5 s)
DN_OFFSET = {_num(dn)}  # top force factor dn = 0.08 T1 + DN_OFFSET for T1 > 1.4 Tg, Table 5.2.1
PSI_T = {_num(psi)}  # period reduction: {_comment(psi_why)}
DRIFT_AMPLIFICATION = 1.0  # the elastic drift is checked (5.5.1)
'''
        function = '''

def lateral_forces(period):
    """Floor forces, N, bottom up: GB 50011-2010 5.1.5 and 5.2.1, scaled up to the minimum shear of 5.2.5."""
    t = PSI_T * period  # the spectrum is read at the reduced period
    if t < 0.1:
        alpha = ALPHA_MAX * (0.45 + (ETA2 - 0.45) * t / 0.1)
    elif t <= TG_S:
        alpha = ETA2 * ALPHA_MAX
    elif t <= 5.0 * TG_S:
        alpha = (TG_S / t) ** GAMMA * ETA2 * ALPHA_MAX
    else:
        alpha = max(0.0, (ETA2 * 0.2**GAMMA - ETA1 * (t - 5.0 * TG_S)) * ALPHA_MAX)
    weights = [m * G_M_PER_S2 for m in FLOOR_MASSES_KG]
    gh = [w * z for w, z in zip(weights, floor_levels())]
    lam = MIN_SHEAR * (1.0 - 0.25 * min(max(t - 3.5, 0.0), 1.5) / 1.5)
    if alpha <= 0.0:  # past the spectrum's end: the minimum shear alone
        return [x / sum(gh) * lam * sum(weights) for x in gh]
    base_shear = alpha * (0.85 if len(weights) > 1 else 1.0) * sum(weights)  # FEk = alpha1 Geq
    top = 0.08 * t + DN_OFFSET if t > 1.4 * TG_S and len(weights) > 1 else 0.0
    forces = [x / sum(gh) * base_shear * (1.0 - top) for x in gh]
    forces[-1] += top * base_shear
    scale = max(lam * sum(weights[i:]) / sum(forces[i:]) for i in range(len(forces)))
    return [f * max(scale, 1.0) for f in forces]
'''
    elif s.code == "asce7":
        clause = ("ASCE 7-22 12.8.1 (V = Cs W), 12.8.1.1 (Cs), 12.8.3 (k), 12.8.6 (Cd / Ie), 12.8.6.1 and 12.8.6.2 "
                  "(forces for drift)")
        r, cd, frame = codes.asce7_frame_coefficients(spec.system, s.frame_type)
        params = f'''# ASCE 7-22, risk category {s.risk_category or "II"}; {frame} (Table 12.2-1)
SDS_G, SD1_G = {_num(s.sds_g or 0.0)}, {_num(s.sd1_g or 0.0)}  # design spectral accelerations, g
R, CD, IE = {_num(r)}, {_num(cd)}, {_num(asce7_importance_factor(s.risk_category))}  # Table 12.2-1; Ie Table 1.5-2
DRIFT_AMPLIFICATION = CD / IE  # 12.8.6
'''
        s1_floor, tl_cap, tl_doc = "", "", "TL not checked"
        if s.tl_s is not None:
            params += f"TL_S = {_num(s.tl_s)}  # long-period transition period, s: Eq. 12.8-4 beyond it\n"
            tl_cap = "\n    if period > TL_S:\n        cs = min(cs, SD1_G * TL_S / (period**2 * R / IE))  # Eq. 12.8-4"
            tl_doc = "Eq. 12.8-4 beyond TL"
        if s.s1_g is not None and s.s1_g >= 0.6:
            params += f"S1_G = {_num(s.s1_g)}  # mapped MCE_R spectral acceleration at 1 s, g: Eq. 12.8-6 applies\n"
            s1_floor = "\n    cs = max(cs, 0.5 * S1_G / (R / IE))  # Eq. 12.8-6, kept for drift (S1 >= 0.6 g)"
        function = f'''

def lateral_forces(period):
    """Floor forces, N, bottom up, for the drift check: ASCE 7-22 12.8.1 to 12.8.3 at the computed
    period without the Cu Ta cap (12.8.6.2) and without the Eq. 12.8-5 minimum (12.8.6.1); {tl_doc}."""
    cs = min(SDS_G / (R / IE), SD1_G / (period * R / IE)){tl_cap}{s1_floor}
    k = 1.0 if period <= 0.5 else (2.0 if period >= 2.5 else 1.0 + (period - 0.5) / 2.0)
    weights = [m * G_M_PER_S2 for m in FLOOR_MASSES_KG]
    whk = [w * z**k for w, z in zip(weights, floor_levels())]
    return [x / sum(whk) * cs * sum(weights) for x in whk]
'''
    else:
        ground = s.ground_type or "C"
        soil, tb, tc, td = EN1998_GROUND_TYPE1[ground]
        q, q_clause = en1998_behaviour_factor(spec.system)
        if s.behaviour_factor_q is not None:
            q, q_clause = s.behaviour_factor_q, f"q = {_num(s.behaviour_factor_q)} ({codes.en1998_q_clause(spec.system, s.ductility_class)})"
        clause = "EN 1998-1 3.2.2.5 (design spectrum, type 1), 4.3.3.2.2 (Fb), 4.3.3.2.3 (distribution), 4.3.4 (ds = q de)"
        params = f'''# EN 1998-1:2004, ground type {ground}, type 1 spectrum (Table 3.2)
AG = {_num(s.pga_g)} * G_M_PER_S2  # design ground acceleration, m/s2
S, TB_S, TC_S, TD_S = {_num(soil)}, {_num(tb)}, {_num(tc)}, {_num(td)}
Q = {_num(q)}  # behaviour factor: {_comment(q_clause)}
BETA = {_num(EN1998_BETA)}  # lower bound factor, 3.2.2.5(4)
DRIFT_AMPLIFICATION = Q  # ds = q de, 4.3.4
'''
        function = '''

def lateral_forces(period):
    """Floor forces, N, bottom up: EN 1998-1 3.2.2.5, 4.3.3.2.2 and 4.3.3.2.3 (heights)."""
    t = period
    if t <= TB_S:
        sd = AG * S * (2.0 / 3.0 + t / TB_S * (2.5 / Q - 2.0 / 3.0))
    elif t <= TC_S:
        sd = AG * S * 2.5 / Q
    elif t <= TD_S:
        sd = max(AG * S * 2.5 / Q * TC_S / t, BETA * AG)
    else:
        sd = max(AG * S * 2.5 / Q * TC_S * TD_S / t**2, BETA * AG)
    lam = 0.85 if t <= 2.0 * TC_S and len(FLOOR_MASSES_KG) > 2 else 1.0
    zm = [m * z for m, z in zip(FLOOR_MASSES_KG, floor_levels())]
    return [x / sum(zm) * sd * sum(FLOOR_MASSES_KG) * lam for x in zm]
'''
    text = head + params + _FLOOR_LEVELS + function
    assumptions = [
        f"Equivalent lateral forces along {'X, then along Y,' if spec.dimensions == 3 else 'X'} at the period of the "
        f"first mode along that direction from the eigen analysis ({clause}), each removed after its analysis; "
        f"story drift ratio = amplification x elastic drift / story height, against {limit.ratio:.5f} ({limit.clause}).",
    ]
    if spec.system != "shear_building":
        assumptions.insert(0, "Gravity: each floor's weight (seismic mass x g) as a uniform load spread evenly over the "
                              "floor's beams per metre (totals exact; slab load paths not modelled), one linear static "
                              "step, then held constant (loadConst) under the lateral forces.")
    return text, assumptions


def _comment(text: str) -> str:
    """Text made safe for one comment line of the script."""
    return " ".join(text.split())


def _analysis_block(spec: BuildingSpec) -> str:
    """Static analysis, gravity (frames), lateral forces, and the main program: what the script reports."""
    three_d = spec.dimensions == 3
    text = '''

def static_analysis():
    """One step of the static analysis (set up by setup_static_analysis) under the load patterns defined so far."""
    if ops.analyze(1) != 0:
        raise RuntimeError("the static analysis failed")


def setup_static_analysis():
    """A linear static analysis, set up once, after the eigen analysis (which sets up its own). The model is
    linear (elastic elements, geomTransf Linear), so its stiffness is formed and factorised at the first step and
    reused by the later ones (-factorOnce), which solve for their loads only."""
    ops.wipeAnalysis()
    ops.constraints("Transformation")  # enforces rigid diaphragms, if any
    ops.numberer("RCM")
    ops.system("SuperLU")  # sparse general solver
    ops.test("NormDispIncr", 1.0e-8, 10)  # for iterative algorithms; Linear solves once
    ops.algorithm("Linear", "-factorOnce")  # elastic model: one solve is exact, one factorisation serves every step
    ops.integrator("LoadControl", 1.0)
    ops.analysis("Static")


def floor_mean(layout, value):
    """value(node) averaged over each floor's nodes, weighted by their share of the floor mass."""
    return [sum(share * value(node) for node, share in floor) for floor in layout["floors"]]
'''
    if three_d:
        text += '''

def first_mode_along(layout, dof):
    """The first mode with more effective mass along dof (1 X, 2 Y) than along the other."""
    for mode in range(1, NUM_MODES + 1):
        along = [sum(mass * share * ops.nodeEigenvector(node, mode, d)
                     for mass, floor in zip(FLOOR_MASSES_KG, layout["floors"]) for node, share in floor)
                 for d in (1, 2)]
        if along[dof - 1] ** 2 >= along[2 - dof] ** 2:
            return mode
    return 1
'''
    if spec.system != "shear_building":
        text += f'''

def apply_gravity(layout):
    """Each floor's weight as a uniform load on its beams (local y up), held constant afterwards."""
    ops.timeSeries("Linear", 1)
    ops.pattern("Plain", 1, 1)
    for floor_mass, beams in zip(FLOOR_MASSES_KG, layout["beams"]):
        w = floor_mass * G_M_PER_S2 / sum(length for _, length in beams)  # N per metre of beam
        for tag, _ in beams:
            ops.eleLoad("-ele", tag, "-type", "-beamUniform", {"-w, 0.0" if three_d else "-w"})
    static_analysis()
    ops.loadConst("-time", 0.0)
    weight = sum(FLOOR_MASSES_KG) * G_M_PER_S2
    axial = sum(ops.eleForce(tag, {3 if three_d else 2}) for tag in layout["base_columns"])  # vertical, base end
    print(f"Gravity: floor weights {{weight / 1e3:.1f}} kN, axial force at the column bases {{axial / 1e3:.1f}} kN")
'''
    text += f'''

def report_lateral(layout, period, dof, tag, before):
    """Apply the equivalent lateral forces along dof (1 X, 2 Y) as load pattern tag, on the gravity state whose
    floor displacements along dof are before; print base shear, roof displacement and drift ratios; then
    remove the pattern (the next direction's step solves the gravity loads with its own: the model is linear)."""
    axis = "XY"[dof - 1]
    forces = lateral_forces(period)
    ops.timeSeries("Constant", tag)
    ops.pattern("Plain", tag, tag)
    for force, floor in zip(forces, layout["floors"]):
        for node, share in floor:
            load = [0.0] * {6 if three_d else 3}
            load[dof - 1] = force * share
            ops.load(node, *load)
    static_analysis()
    after = floor_mean(layout, lambda node: ops.nodeDisp(node, dof))
    displacements = [a - b for a, b in zip(after, before)]  # from the lateral forces alone
    resisted = -sum(ops.eleForce(column, dof) for column in layout["base_columns"])  # force at the column bases
    print(f"Lateral forces along {{axis}} at T = {{period:.3f}} s: base shear {{sum(forces) / 1e3:.1f}} kN, "
          f"resisted at the column bases {{resisted / 1e3:.1f}} kN")
    print(f"Roof displacement along {{axis}}: {{displacements[-1] * 1e3:.2f}} mm (elastic)")
    worst, below = 0.0, 0.0
    for story, (disp, height) in enumerate(zip(displacements, STORY_HEIGHTS_M), 1):
        ratio = DRIFT_AMPLIFICATION * abs(disp - below) / height
        worst, below = max(worst, ratio), disp
        print(f"Story {{story}} along {{axis}}: drift ratio {{ratio:.6f}} (1/{{1.0 / max(ratio, 1e-12):.0f}})")
    verdict = "within" if worst <= DRIFT_LIMIT else "EXCEEDS"
    print(f"Largest story drift ratio along {{axis}} {{worst:.6f}}, {{verdict}} the limit {{DRIFT_LIMIT:.6f}}")
    ops.remove("loadPattern", tag)


if __name__ == "__main__":
    layout = build_model()
    periods = eigen_periods()
    for mode, period in enumerate(periods, 1):
        print(f"Mode {{mode}}: T = {{period:.6f}} s")
    print(f"T1 = {{periods[0]:.6f}} s")
    mode = {"first_mode_along(layout, 1)" if three_d else "1"}
    shape = floor_mean(layout, lambda node: ops.nodeEigenvector(node, mode, 1))
    print(f"Mode {{mode}} shape along X (roof = 1): " + ", ".join(f"{{v / shape[-1]:.3f}}" for v in shape))
    setup_static_analysis()
'''
    if spec.system != "shear_building":
        text += "    apply_gravity(layout)\n"
    if three_d:
        text += ("    gravity = [floor_mean(layout, lambda node, dof=dof: ops.nodeDisp(node, dof)) for dof in (1, 2)]\n"
                 "    report_lateral(layout, periods[mode - 1], 1, 2, gravity[0])\n"
                 "    report_lateral(layout, periods[first_mode_along(layout, 2) - 1], 2, 3, gravity[1])\n")
    else:
        text += ("    gravity = floor_mean(layout, lambda node: ops.nodeDisp(node, 1))\n"
                 "    report_lateral(layout, periods[mode - 1], 1, 2, gravity)\n")
    return text


def _sections_table(spec: BuildingSpec, kind: str) -> str:
    """Per-story section properties compressed into runs of equal stories."""
    assert spec.sections is not None
    at = spec.sections.column_at if kind == "columns" else spec.sections.beam_at
    runs: list[list] = []
    for story in range(1, spec.stories + 1):
        props = at(story, spec.stories).properties()
        if runs and runs[-1][2:] == list(props):
            runs[-1][1] = story
        else:
            runs.append([story, story, *props])
    rows = "".join(f"    ({r[0]}, {r[1]}, {_num(r[2])}, {_num(r[3])}, {_num(r[4])}, {_num(r[5])}),\n" for r in runs)
    return f"[\n{rows}]"


def _mass_clause(spec: BuildingSpec) -> str:
    if spec.floor_masses_kg is not None:
        return "floor masses as given in the description"
    clause = ""
    if spec.occupancy:
        clause = "; " + codes.live_load_mass_factor(spec.seismic.code, spec.occupancy).clause
    return (f"seismic mass = (dead {spec.dead_load_pa or 0:g} Pa + {spec.live_load_mass_factor:g} x live "
            f"{spec.live_load_pa or 0:g} Pa) x floor area {spec.floor_area_m2():g} m2 / g, the roof dead load "
            f"alone (no floor live load on it){clause}")


def _frame_assumptions(spec: BuildingSpec, num_modes: int, dense: bool) -> list[str]:
    assert spec.material is not None
    nu = POISSON_RATIO[spec.system]
    mat = "concrete" if spec.system == "rc_frame" else "steel"
    st = spec.stiffness
    a = [
        f"Units SI: m, N, kg, Pa, s. {'3D space frame, Z vertical (ndm 3, ndf 6)' if spec.dimensions == 3 else '2D plane frame along X, Y vertical (ndm 2, ndf 3)'}.",
        "Base fixed: every ground node restrained in all DOFs.",
        "Members elastic (elasticBeamColumn) on centre lines; no rigid end zones, joint flexibility or member self-mass (member weight is in the floor dead load).",
        f"E = {spec.material.elastic_modulus_pa:g} Pa; G = E / (2 (1 + nu)), nu = {nu:g} ({mat}).",
        f"Effective stiffness: columns {st.column_inertia_factor:g} Ig, beams {st.beam_inertia_factor:g} Ig on both bending axes; "
        f"A and J gross ({st.clause}).",
        "geomTransf Linear for columns and beams: first-order analysis, P-Delta not modelled.",
        "Mass from the seismic gravity representative value: " + _mass_clause(spec) + ".",
    ]
    if spec.dimensions == 3:
        a.append("Columns oriented with their depth h along X (strong axis resists sway along X); beams bend about their strong axis in the vertical plane.")
        if spec.rigid_diaphragm:
            a.append("Rigid floor diaphragms (rigidDiaphragm 3): master node at the plan centroid (centre of mass of a uniformly "
                     "distributed floor mass), fixed in Z, RX, RY; floor mass m in X and Y and rotational inertia m (Lx^2 + Ly^2) / 12 at the master.")
        else:
            a.append("No rigid diaphragm: floor mass lumped at the floor nodes by tributary area, in X and Y; no rotational mass.")
    else:
        a.append("Floor mass lumped at the floor nodes by tributary length along X, horizontal (X) only: "
                 "the eigen analysis finds lateral modes.")
    a.append(f"Eigen analysis of {num_modes} modes with "
             f"{'the -fullGenLapack solver' if dense else 'the default -genBandArpack solver on a sparse SuperLU system'}; "
             "damping not modelled.")
    return a


def _header(spec: BuildingSpec, assumptions: list[str]) -> str:
    """The script's docstring: the building, the units, the assumptions (escaped: names are user text)."""
    lines = [f"{spec.summary()}.", ""]
    if spec.name:
        lines += [f"Name: {spec.name}", ""]
    lines += ["OpenSeesPy model drafted by autobm's reference drafter. Run: python model.py",
              "Units: SI (m, N, kg, Pa, s).", "", "Modelling assumptions:"]
    lines += [f"- {a}" for a in assumptions]
    text = "\n".join(lines).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return f'"""{text}\n"""\n\n'


def _draft_frame(spec: BuildingSpec) -> Draft:
    assert spec.material is not None and spec.sections is not None
    num_modes, dense = eigen_mode_count(spec)
    assumptions = _frame_assumptions(spec, num_modes, dense)
    st = spec.stiffness
    nu = POISSON_RATIO[spec.system]
    data = f'''

# --- Data (SI units) ---------------------------------------------------------------
STORY_HEIGHTS_M = {_list(spec.story_heights_m)}
BAY_WIDTHS_X_M = {_list(spec.bay_widths_x_m)}
'''
    if spec.dimensions == 3:
        data += f"BAY_WIDTHS_Y_M = {_list(spec.bay_widths_y_m)}\n"
    data += f'''FLOOR_MASSES_KG = {_list(spec.seismic_floor_masses_kg())}  # seismic mass of each floor, bottom up

E_PA = {_num(spec.material.elastic_modulus_pa)}  # Young's modulus
NU = {_num(nu)}  # Poisson's ratio
G_PA = E_PA / (2.0 * (1.0 + NU))  # shear modulus
COLUMN_INERTIA_FACTOR = {_num(st.column_inertia_factor)}  # I_eff / I_gross ({st.clause})
BEAM_INERTIA_FACTOR = {_num(st.beam_inertia_factor)}

# Gross section properties by story range:
# (first story, last story, A m2, I strong axis m4, I weak axis m4, J m4)
COLUMN_SECTIONS = {_sections_table(spec, "columns")}
BEAM_SECTIONS = {_sections_table(spec, "beams")}


def section_at(table, story):
    """(A, I strong, I weak, J) of the section row covering ``story``."""
    for first, last, area, i_strong, i_weak, torsion in table:
        if first <= story <= last:
            return area, i_strong, i_weak, torsion
    raise ValueError(f"no section covers story {{story}}")


def tributary_lengths(grid):
    """Half of each bay on either side of every grid line."""
    return [((grid[i] - grid[i - 1]) if i > 0 else 0.0) / 2.0
            + ((grid[i + 1] - grid[i]) if i + 1 < len(grid) else 0.0) / 2.0 for i in range(len(grid))]
'''
    loads, load_assumptions = _seismic_block(spec)
    assumptions[-1:-1] = load_assumptions
    body = _frame3d_body(spec) if spec.dimensions == 3 else _frame2d_body()
    code = (_header(spec, assumptions) + _PRELOAD + data + loads + body + _eigen_block(num_modes, dense)
            + _analysis_block(spec))
    return Draft(code=code, assumptions=assumptions)


def _frame2d_body() -> str:
    return '''

def node_tag(level, ix):
    """Node at grid line ix (0 = left) of floor level (0 = base)."""
    return 100 * level + ix + 1


def build_model():
    """Build the frame; return its layout: floor nodes with their mass shares, beams, base columns."""
    ops.wipe()
    ops.model("basic", "-ndm", 2, "-ndf", 3)
    x_grid = [0.0]
    for width in BAY_WIDTHS_X_M:
        x_grid.append(x_grid[-1] + width)
    y_levels = [0.0]
    for height in STORY_HEIGHTS_M:
        y_levels.append(y_levels[-1] + height)

    for level, y in enumerate(y_levels):
        for ix, x in enumerate(x_grid):
            ops.node(node_tag(level, ix), x, y)
    for ix in range(len(x_grid)):
        ops.fix(node_tag(0, ix), 1, 1, 1)  # fixed base

    # Floor mass by tributary length, horizontal (X) only.
    tributary = tributary_lengths(x_grid)
    for level in range(1, len(y_levels)):
        for ix in range(len(x_grid)):
            m = FLOOR_MASSES_KG[level - 1] * tributary[ix] / x_grid[-1]
            ops.mass(node_tag(level, ix), m, 0.0, 0.0)
    floors = [[(node_tag(level, ix), tributary[ix] / x_grid[-1]) for ix in range(len(x_grid))]
              for level in range(1, len(y_levels))]

    ops.geomTransf("Linear", 1)  # columns
    ops.geomTransf("Linear", 2)  # beams
    ele = 0
    base_columns, beams = [], [[] for _ in STORY_HEIGHTS_M]  # beams: (tag, length m) by floor
    for story in range(1, len(y_levels)):
        area, i_strong, _, _ = section_at(COLUMN_SECTIONS, story)
        for ix in range(len(x_grid)):
            ele += 1
            ops.element("elasticBeamColumn", ele, node_tag(story - 1, ix), node_tag(story, ix),
                        area, E_PA, COLUMN_INERTIA_FACTOR * i_strong, 1)
            if story == 1:
                base_columns.append(ele)
    for story in range(1, len(y_levels)):
        area, i_strong, _, _ = section_at(BEAM_SECTIONS, story)  # beams at the top of the story
        for ix in range(len(x_grid) - 1):
            ele += 1
            ops.element("elasticBeamColumn", ele, node_tag(story, ix), node_tag(story, ix + 1),
                        area, E_PA, BEAM_INERTIA_FACTOR * i_strong, 2)
            beams[story - 1].append((ele, BAY_WIDTHS_X_M[ix]))
    return {"floors": floors, "beams": beams, "base_columns": base_columns}
'''


def _frame3d_body(spec: BuildingSpec) -> str:
    if spec.rigid_diaphragm:
        mass_block = '''    # Rigid floor diaphragms: master at the plan centroid carries the floor mass.
    lx, ly = x_grid[-1], y_grid[-1]
    for level in range(1, len(z_levels)):
        m = FLOOR_MASSES_KG[level - 1]
        master = master_tag(level)
        ops.node(master, lx / 2.0, ly / 2.0, z_levels[level])
        ops.fix(master, 0, 0, 1, 1, 1, 0)
        ops.mass(master, m, m, 0.0, 0.0, 0.0, m * (lx**2 + ly**2) / 12.0)
        floor_nodes = [node_tag(level, ix, iy) for iy in range(len(y_grid)) for ix in range(len(x_grid))]
        ops.rigidDiaphragm(3, master, *floor_nodes)
    floors = [[(master_tag(level), 1.0)] for level in range(1, len(z_levels))]
'''
        master_fn = '''

def master_tag(level):
    """Rigid-diaphragm master node of floor level."""
    return 10000 * level + 9999
'''
    else:
        mass_block = '''    # Floor mass by tributary area, in X and Y.
    tx, ty = tributary_lengths(x_grid), tributary_lengths(y_grid)
    area = x_grid[-1] * y_grid[-1]
    for level in range(1, len(z_levels)):
        for iy in range(len(y_grid)):
            for ix in range(len(x_grid)):
                m = FLOOR_MASSES_KG[level - 1] * tx[ix] * ty[iy] / area
                ops.mass(node_tag(level, ix, iy), m, m, 0.0, 0.0, 0.0, 0.0)
    floors = [[(node_tag(level, ix, iy), tx[ix] * ty[iy] / area) for iy in range(len(y_grid)) for ix in range(len(x_grid))]
              for level in range(1, len(z_levels))]
'''
        master_fn = ""
    return f'''

def node_tag(level, ix, iy):
    """Node at grid lines (ix, iy) of floor level (0 = base)."""
    return 10000 * level + 100 * iy + ix + 1
{master_fn}

def build_model():
    """Build the frame; return its layout: floor nodes with their mass shares, beams, base columns."""
    ops.wipe()
    ops.model("basic", "-ndm", 3, "-ndf", 6)
    x_grid = [0.0]
    for width in BAY_WIDTHS_X_M:
        x_grid.append(x_grid[-1] + width)
    y_grid = [0.0]
    for width in BAY_WIDTHS_Y_M:
        y_grid.append(y_grid[-1] + width)
    z_levels = [0.0]
    for height in STORY_HEIGHTS_M:
        z_levels.append(z_levels[-1] + height)

    for level, z in enumerate(z_levels):
        for iy, y in enumerate(y_grid):
            for ix, x in enumerate(x_grid):
                ops.node(node_tag(level, ix, iy), x, y, z)
    for iy in range(len(y_grid)):
        for ix in range(len(x_grid)):
            ops.fix(node_tag(0, ix, iy), 1, 1, 1, 1, 1, 1)  # fixed base

{mass_block}
    # Local axes: columns z = global Y, so Iz (strong axis, depth along X) resists sway along X;
    # beams y up and z horizontal, so Iz (strong axis) takes vertical bending.
    ops.geomTransf("Linear", 1, 0.0, 1.0, 0.0)  # columns
    ops.geomTransf("Linear", 2, 0.0, -1.0, 0.0)  # beams along X
    ops.geomTransf("Linear", 3, 1.0, 0.0, 0.0)  # beams along Y
    ele = 0
    base_columns, beams = [], [[] for _ in STORY_HEIGHTS_M]  # beams: (tag, length m) by floor
    for story in range(1, len(z_levels)):
        area, i_strong, i_weak, torsion = section_at(COLUMN_SECTIONS, story)
        for iy in range(len(y_grid)):
            for ix in range(len(x_grid)):
                ele += 1
                ops.element("elasticBeamColumn", ele, node_tag(story - 1, ix, iy), node_tag(story, ix, iy),
                            area, E_PA, G_PA, torsion, COLUMN_INERTIA_FACTOR * i_weak,
                            COLUMN_INERTIA_FACTOR * i_strong, 1)
                if story == 1:
                    base_columns.append(ele)
    for story in range(1, len(z_levels)):
        area, i_strong, i_weak, torsion = section_at(BEAM_SECTIONS, story)  # beams at the top of the story
        for iy in range(len(y_grid)):
            for ix in range(len(x_grid) - 1):
                ele += 1
                ops.element("elasticBeamColumn", ele, node_tag(story, ix, iy), node_tag(story, ix + 1, iy),
                            area, E_PA, G_PA, torsion, BEAM_INERTIA_FACTOR * i_weak,
                            BEAM_INERTIA_FACTOR * i_strong, 2)
                beams[story - 1].append((ele, BAY_WIDTHS_X_M[ix]))
        for iy in range(len(y_grid) - 1):
            for ix in range(len(x_grid)):
                ele += 1
                ops.element("elasticBeamColumn", ele, node_tag(story, ix, iy), node_tag(story, ix, iy + 1),
                            area, E_PA, G_PA, torsion, BEAM_INERTIA_FACTOR * i_weak,
                            BEAM_INERTIA_FACTOR * i_strong, 3)
                beams[story - 1].append((ele, BAY_WIDTHS_Y_M[iy]))
    return {{"floors": floors, "beams": beams, "base_columns": base_columns}}
'''


def _draft_shear_building(spec: BuildingSpec) -> Draft:
    assert spec.story_stiffnesses_n_per_m is not None
    num_modes, dense = eigen_mode_count(spec)
    assumptions = [
        "Units SI: m, N, kg, Pa, s. Shear building as a 2D stick along X, Y vertical (ndm 2, ndf 3): one node per floor.",
        "Base node fixed; floor nodes restrained vertically and against rotation, so the only free DOF of a floor is its X translation.",
        "Story stiffness k modelled by an elasticBeamColumn with both ends restrained against rotation, notional E = 1 Pa and "
        "I = k h^3 / 12: its lateral stiffness 12 E I / h^3 equals k exactly.",
        "Floor masses as given, lumped at the floor nodes in X only.",
        f"Eigen analysis of all {num_modes} modes with the -fullGenLapack solver; damping not modelled.",
    ]
    data = f'''

# --- Data (SI units) ---------------------------------------------------------------
STORY_HEIGHTS_M = {_list(spec.story_heights_m)}
FLOOR_MASSES_KG = {_list(spec.seismic_floor_masses_kg())}  # mass of each floor, bottom up
STORY_STIFFNESSES_N_PER_M = {_list(spec.story_stiffnesses_n_per_m)}  # lateral stiffness of each story
E_NOTIONAL_PA = 1.0  # the story columns only carry the stiffness: 12 E I / h^3 = k
'''
    body = '''

def node_tag(level):
    """Node of floor level (0 = base)."""
    return level + 1


def build_model():
    """Build the stick; return its layout: floor nodes, the base story element."""
    ops.wipe()
    ops.model("basic", "-ndm", 2, "-ndf", 3)
    y = 0.0
    ops.node(node_tag(0), 0.0, y)
    ops.fix(node_tag(0), 1, 1, 1)  # fixed base
    for level, height in enumerate(STORY_HEIGHTS_M, 1):
        y += height
        ops.node(node_tag(level), 0.0, y)
        ops.fix(node_tag(level), 0, 1, 1)  # free in X only
        ops.mass(node_tag(level), FLOOR_MASSES_KG[level - 1], 0.0, 0.0)

    ops.geomTransf("Linear", 1)
    for story, (height, k) in enumerate(zip(STORY_HEIGHTS_M, STORY_STIFFNESSES_N_PER_M), 1):
        inertia = k * height**3 / (12.0 * E_NOTIONAL_PA)
        ops.element("elasticBeamColumn", story, node_tag(story - 1), node_tag(story), 1.0, E_NOTIONAL_PA, inertia, 1)
    return {"floors": [[(node_tag(level), 1.0)] for level in range(1, len(STORY_HEIGHTS_M) + 1)], "base_columns": [1]}
'''
    loads, load_assumptions = _seismic_block(spec)
    assumptions[-1:-1] = load_assumptions
    code = (_header(spec, assumptions) + _PRELOAD + data + loads + body + _eigen_block(num_modes, dense)
            + _analysis_block(spec))
    return Draft(code=code, assumptions=assumptions)


def draft_reference(spec: BuildingSpec) -> Draft:
    """The reference OpenSeesPy script for ``spec`` (deterministic).

    >>> from autobm.agent.spec import complete_spec
    >>> d = draft_reference(complete_spec({"stories": 2, "story_stiffnesses_n_per_m": [2e7, 1e7],
    ...                                    "floor_masses_kg": [2e4, 1e4], "seismic": {"intensity": 7}}))
    >>> "ops.eigen(" in d.code and d.drafter
    'reference'
    """
    if spec.system == "shear_building":
        return _draft_shear_building(spec)
    return _draft_frame(spec)

