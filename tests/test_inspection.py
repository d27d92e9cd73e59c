"""Inspection of the model OpenSees holds, and the equivalent lateral force method behind it.

Ordered by cost: pure ELF functions against hand calculations first, then models built
in-process (drafted or hand-written) and read back by ``inspect_model``.
"""

from __future__ import annotations

import math

import pytest

from autobm.agent import codes
from autobm.agent.drafting import draft_reference
from autobm.agent.facts import ModelFacts
from autobm.agent.inspection import InspectionRequest, inspect_model
from autobm.agent.opensees import load_opensees
from autobm.agent.seismic import (
    asce7_base_shear_coefficient,
    asce7_vertical_exponent,
    en1998_design_spectrum,
    gb_base_shear,
    lateral_forces,
)
from autobm.agent.spec import SeismicInput, complete_spec

ops = load_opensees()
G = codes.G_M_PER_S2

GB8 = SeismicInput(code="gb50011", intensity=8, pga_g=0.2, site_class="II", design_group=1)
ASCE = SeismicInput(code="asce7", pga_g=0.4, sds_g=1.0, sd1_g=0.6, risk_category="III")
EN = SeismicInput(code="en1998", pga_g=0.25, ground_type="C", importance_class="II")


def run_and_inspect(code: str, **request) -> ModelFacts:
    """Execute a model script in this process, then inspect what OpenSees holds."""
    ops.wipe()
    exec(compile(code, "model.py", "exec"), {"__name__": "__main__"})
    return inspect_model(InspectionRequest(**request))


# --- GB 50011 spectrum and base shear, by hand ---------------------------------------------------


@pytest.mark.parametrize(("period_s", "alpha_by_hand"), [
    # GB 50011-2010 5.1.5, intensity 8 (0.20g) frequent earthquake: alpha_max = 0.16; group 1, site II: Tg = 0.35 s;
    # 5 % damping: gamma = 0.9, eta1 = 0.02, eta2 = 1.0.
    (0.05, 0.16 * (0.45 + (1.0 - 0.45) * 0.05 / 0.1)),  # rising branch below 0.1 s: 0.116
    (0.30, 0.16),  # plateau 0.1 s <= T <= Tg: eta2 alpha_max
    (0.80, (0.35 / 0.80) ** 0.9 * 0.16),  # curved descent Tg < T <= 5 Tg: 0.076033
    (2.00, (0.2**0.9 - 0.02 * (2.00 - 5 * 0.35)) * 0.16),  # straight descent 5 Tg < T <= 6 s: 0.03679
])
def test_gb50011_alpha1_against_hand_calculation(period_s, alpha_by_hand):
    alpha1, fek = gb_base_shear(period_s, GB8, 1.0e7, 5)
    assert alpha1 == pytest.approx(alpha_by_hand, rel=1e-12)
    assert fek == pytest.approx(alpha_by_hand * 0.85 * 1.0e7, rel=1e-12)  # 5.2.1: Geq = 0.85 G


def test_gb50011_alpha1_numbers_written_out():
    """The same four points as decimals, worked on paper: guards the formula itself."""
    values = [gb_base_shear(t, GB8, 1.0, 2)[0] for t in (0.05, 0.30, 0.80, 2.00)]
    assert values == pytest.approx([0.116, 0.16, 0.076033, 0.036788], rel=2e-5)


def test_gb50011_story_forces_with_top_additional_force():
    """5.2.1: Fi = Gi Hi / sum(Gj Hj) FEk (1 - delta_n), plus delta_n FEk at the top.

    T1 = 0.8 s > 1.4 Tg = 0.49 s, Tg = 0.35 s: delta_n = 0.08 T1 + 0.07 = 0.134 (Table 5.2.1).
    A shear building's period is not reduced (ψT = 1), so the formulas are read at 0.8 s.
    """
    weights, levels = [4.0e6, 4.0e6, 3.0e6], [4.0, 7.5, 11.0]
    load = lateral_forces(GB8, "shear_building", 0.8, weights, levels)
    fek = (0.35 / 0.8) ** 0.9 * 0.16 * 0.85 * sum(weights)
    delta_n = 0.08 * 0.8 + 0.07
    gh = [w * h for w, h in zip(weights, levels)]
    expected = [x / sum(gh) * fek * (1 - delta_n) for x in gh]
    expected[-1] += delta_n * fek
    assert load.base_shear_n == pytest.approx(fek, rel=1e-12)
    assert load.story_forces_n == pytest.approx(expected, rel=1e-12)
    assert sum(load.story_forces_n) == pytest.approx(load.base_shear_n, rel=1e-12)
    assert load.amplification == 1.0


def test_gb_minimum_story_shear_for_long_periods():
    """GB 50011-2010 5.2.5, Table 5.2.5: V_i >= λ ΣG_j above; 8 度 0.20g: λ = 0.032 (T < 3.5 s),
    0.024 (T > 5 s). At T = 4.5 s the spectrum gives α1·0.85 ΣG = 0.0234 ΣG < 0.0293 ΣG; past 6 s
    α1 is 0 and the minimum shear alone loads the building (a model 1000 times too soft by a
    unit error still drifts, instead of passing with no force at all)."""
    weights, levels = [4.0e6, 4.0e6, 3.0e6], [4.0, 7.5, 11.0]
    lam = 0.032 * (1 - 0.25 * (4.5 - 3.5) / 1.5)
    load = lateral_forces(GB8, "shear_building", 4.5, weights, levels)
    shears = [sum(load.story_forces_n[i:]) for i in range(3)]
    assert min(v / sum(weights[i:]) for i, v in enumerate(shears)) == pytest.approx(lam, rel=1e-9)
    assert "5.2.5" in load.clause and "scaled" in load.note
    endless = lateral_forces(GB8, "shear_building", 40.0, weights, levels)
    assert endless.base_shear_n == pytest.approx(0.024 * sum(weights), rel=1e-9)
    short = lateral_forces(GB8, "shear_building", 0.8, weights, levels)
    assert "scaled" not in short.note  # the spectrum governs: nothing added


@pytest.mark.parametrize(("system", "psi"), [("rc_frame", 0.7), ("steel_frame", 0.9), ("shear_building", 1.0)])
def test_gb50011_forces_are_read_at_the_reduced_period(system, psi):
    """design-codes.md: Chinese practice multiplies the computed period by ψT before the spectrum
    (JGJ 3-2010 4.3.17: 0.6-0.7 for RC frames with masonry infill). The bare-frame T1 and the
    reduced one are both reported."""
    weights, levels = [4.0e6, 4.0e6, 3.0e6], [4.0, 7.5, 11.0]
    load = lateral_forces(GB8, system, 0.8, weights, levels)
    at_reduced = lateral_forces(GB8, "shear_building", psi * 0.8, weights, levels)
    assert load.period_s == pytest.approx(psi * 0.8, rel=1e-12)
    assert load.story_forces_n == pytest.approx(at_reduced.story_forces_n, rel=1e-12)
    assert "T1 = 0.8000 s" in load.note and f"{psi * 0.8:.4f} s" in load.note


def test_asce7_coefficients():
    """ASCE 7-22 12.8.1.1: Cs = SDS/(R/Ie) <= SD1/(T R/Ie), >= max(0.044 SDS Ie, 0.01); 12.8.3 k."""
    assert asce7_base_shear_coefficient(1.0, 0.6, 0.5, 8.0, 1.0) == pytest.approx(0.125)  # plateau SDS/R
    assert asce7_base_shear_coefficient(1.0, 0.6, 1.5, 8.0, 1.0) == pytest.approx(0.05)  # 0.6 / (1.5 x 8)
    assert asce7_base_shear_coefficient(1.0, 0.6, 10.0, 8.0, 1.0) == pytest.approx(0.044)  # floor 0.044 SDS Ie
    assert asce7_base_shear_coefficient(0.1, 0.05, 10.0, 8.0, 1.0) == pytest.approx(0.01)  # absolute floor
    assert [asce7_vertical_exponent(t) for t in (0.3, 0.5, 1.5, 2.5, 4.0)] == [1.0, 1.0, 1.5, 2.0, 2.0]


@pytest.mark.parametrize("system", ["steel_frame", "rc_frame", "shear_building"])
def test_asce7_drift_forces_at_the_computed_period_without_the_minimum(system):
    """12.8.6.2: drift is computed under forces at the computed T, without the Cu·Ta cap of 12.8.2;
    12.8.6.1: without the Eq. 12.8-5 minimum. At T = 5 s, Cs = SD1/(T R/Ie) is far below 0.044 SDS Ie."""
    weights, levels = [5.0e6] * 4, [4.0, 8.0, 12.0, 16.0]
    load = lateral_forces(ASCE, system, 5.0, weights, levels)  # far above any cap
    cap = codes.empirical_period("asce7", system, 16.0, 4, None, 0.6).high_s
    assert cap < 2.0 and load.period_s == 5.0
    ie = 1.25  # risk category III
    assert load.base_shear_coefficient == pytest.approx(0.6 / (5.0 * 8 / ie), rel=1e-12)
    assert load.base_shear_coefficient < 0.044 * 1.0 * ie
    assert "12.8.6.1" in load.clause and "12.8.6.2" in load.clause
    assert f"{cap:.4f}" in load.note  # the strength cap it left out is reported


def test_asce7_drift_forces_distribution_and_amplification():
    weights, levels = [5.0e6] * 4, [4.0, 8.0, 12.0, 16.0]
    load = lateral_forces(ASCE, "steel_frame", 3.0, weights, levels)
    assert load.period_s == 3.0
    ie = 1.25  # risk category III, Table 1.5-2
    cs = min(1.0 / (8 / ie), 0.6 / (3.0 * 8 / ie))
    assert load.base_shear_n == pytest.approx(cs * sum(weights), rel=1e-9)
    k = 2.0  # 12.8.3: T >= 2.5 s
    whk = [w * h**k for w, h in zip(weights, levels)]
    assert load.story_forces_n == pytest.approx([x / sum(whk) * load.base_shear_n for x in whk], rel=1e-9)
    assert load.amplification == pytest.approx(5.5 / 1.25)  # Cd / Ie, 12.8.6


def test_asce7_eq_12_8_6_bounds_the_drift_forces_where_s1_reaches_0_6g():
    """12.8.6.1 exempts Eq. 12.8-5 only: Cs >= 0.5 S1/(R/Ie) (Eq. 12.8-6) still holds for drift."""
    weights, levels = [5.0e6] * 4, [4.0, 8.0, 12.0, 16.0]
    ie = 1.25
    for s1, floor in ((0.75, 0.5 * 0.75 / (8 / ie)), (0.5, None)):
        seismic = ASCE.model_copy(update={"s1_g": s1})
        load = lateral_forces(seismic, "steel_frame", 5.0, weights, levels)
        plain = 0.6 / (5.0 * 8 / ie)
        assert load.base_shear_coefficient == pytest.approx(floor if floor else plain, rel=1e-12)
        assert ("Eq. 12.8-6 applied" in load.note) == (floor is not None)


def test_asce7_cs_minimum_is_kept_for_strength():
    """Eq. 12.8-5 stays in asce7_base_shear_coefficient unless the caller leaves it out."""
    assert asce7_base_shear_coefficient(1.0, 0.6, 10.0, 8.0, 1.25) == pytest.approx(0.044 * 1.25)
    assert asce7_base_shear_coefficient(1.0, 0.6, 10.0, 8.0, 1.25, minimum=False) == pytest.approx(0.6 / (10 * 8 / 1.25))


def test_en1998_spectrum_and_base_shear():
    """EN 1998-1 3.2.2.5 type 1, ground C: S = 1.15, TB = 0.2, TC = 0.6, TD = 2.0; q = 3.9 (RC DCM)."""
    ag = 0.25 * G
    assert en1998_design_spectrum(0.1, ag, "C", 3.9) == pytest.approx(ag * 1.15 * (2 / 3 + 0.5 * (2.5 / 3.9 - 2 / 3)))
    assert en1998_design_spectrum(0.4, ag, "C", 3.9) == pytest.approx(ag * 1.15 * 2.5 / 3.9)
    assert en1998_design_spectrum(1.2, ag, "C", 3.9) == pytest.approx(ag * 1.15 * 2.5 / 3.9 * 0.6 / 1.2)
    assert en1998_design_spectrum(4.0, ag, "C", 3.9) == pytest.approx(0.2 * ag)  # beta ag governs
    weights, levels = [3.0e6] * 4, [3.5, 7.0, 10.5, 14.0]
    load = lateral_forces(EN, "rc_frame", 1.0, weights, levels)
    fb = ag * 1.15 * 2.5 / 3.9 * 0.6 / 1.0 * sum(weights) / G * 0.85  # lambda = 0.85: T1 <= 2 TC, > 2 stories
    assert load.base_shear_n == pytest.approx(fb, rel=1e-12)
    assert load.story_forces_n == pytest.approx([fb * h / sum(levels) for h in levels], rel=1e-12)  # Eq. 4.11
    assert load.amplification == 3.9


@pytest.mark.parametrize("seismic", [GB8, ASCE, EN], ids=["gb50011", "asce7", "en1998"])
def test_base_shear_is_the_sum_of_story_forces(seismic):
    for period in (0.05, 0.4, 1.1, 3.0):
        load = lateral_forces(seismic, "rc_frame", period, [2.0e6, 2.5e6, 2.5e6, 1.5e6, 1.0e6], [4, 7, 10, 13, 16])
        assert sum(load.story_forces_n) == pytest.approx(load.base_shear_n, rel=1e-12)
        assert all(f > 0 for f in load.story_forces_n)


def test_lateral_forces_rejects_mismatched_floors():
    with pytest.raises(ValueError, match="one value per floor"):
        lateral_forces(GB8, "rc_frame", 1.0, [1.0, 2.0], [3.0])


# --- Models read back ----------------------------------------------------------------------------

FRAME_3D = {"stories": 5, "story_height_m": 3.5, "bays_x": 3, "bays_y": 2, "bay_width_m": 6.0,
            "seismic": {"intensity": 8}}
FRAME_2D = {"system": "steel_frame", "stories": 4, "story_heights_m": [4.5, 3.6, 3.6, 3.6], "bays_x": 3,
            "bay_width_m": 8.0, "seismic": {"code": "asce7", "sds_g": 1.0, "sd1_g": 0.6}}


@pytest.mark.parametrize("given", [FRAME_3D, dict(FRAME_3D, rigid_diaphragm=False), FRAME_2D],
                         ids=["3d_diaphragm", "3d_no_diaphragm", "2d"])
def test_gravity_reactions_equal_applied_load(given):
    spec = complete_spec(given)
    facts = run_and_inspect(draft_reference(spec).code)
    assert facts.analysis_errors == []
    applied = spec.total_mass_kg() * G  # mass x g, N
    assert facts.gravity.applied_vertical_n == pytest.approx(applied, rel=1e-9)
    assert facts.gravity.reaction_vertical_n == pytest.approx(applied, rel=1e-6)
    assert facts.gravity.relative_error < 1e-6


def test_gravity_of_diaphragm_floors_reaches_the_base(monkeypatch):
    """The masters are restrained vertically: their floor weight must go down the columns to the
    base supports, not into the masters' own supports. Reactions are read just before the load is removed."""
    from autobm.agent import inspection

    spec = complete_spec(FRAME_3D)
    base_reactions: list[float] = []
    real_clear = inspection._clear

    def read_then_clear(ops_, tag):
        if tag == inspection._TAG_GRAVITY:
            base = [t for t in ops.getFixedNodes() if ops.getFixedDOFs(t) == [1, 2, 3, 4, 5, 6]]
            assert len(base) == 12
            base_reactions.append(sum(ops.nodeReaction(t, 3) for t in base))
        real_clear(ops_, tag)

    monkeypatch.setattr(inspection, "_clear", read_then_clear)
    facts = run_and_inspect(draft_reference(spec).code, run_lateral=False)
    assert base_reactions == [pytest.approx(spec.total_mass_kg() * G, rel=1e-9)]
    assert facts.gravity.reaction_vertical_n == pytest.approx(spec.total_mass_kg() * G, rel=1e-9)


@pytest.mark.parametrize(("given", "seismic"), [(FRAME_3D, GB8), (FRAME_2D, ASCE), (FRAME_3D, EN)],
                         ids=["3d_gb", "2d_asce", "3d_en"])
def test_drifts_positive_and_adding_up_to_the_roof(given, seismic):
    spec = complete_spec(given)
    facts = run_and_inspect(draft_reference(spec).code, seismic=seismic, system=spec.system)
    assert facts.analysis_errors == []
    assert [lat.direction for lat in facts.lateral] == (["x", "y"] if spec.dimensions == 3 else ["x"])
    for lat in facts.lateral:
        assert len(lat.story_drift_ratios) == spec.stories
        assert all(r > 0 for r in lat.story_drift_ratios)
        assert sum(lat.story_drifts_m) == pytest.approx(lat.floor_displacements_m[-1], rel=1e-12)
        assert lat.story_heights_m == pytest.approx(spec.story_heights_m, rel=1e-12)
        assert lat.story_drift_ratios == pytest.approx(
            [lat.amplification * d / h for d, h in zip(lat.story_drifts_m, lat.story_heights_m)], rel=1e-12)
        assert sum(lat.story_forces_n) == pytest.approx(lat.base_shear_n, rel=1e-12)


def test_lateral_period_is_the_first_mode_in_that_direction():
    spec = complete_spec(FRAME_3D)
    facts = run_and_inspect(draft_reference(spec).code, seismic=GB8)
    modal = facts.modal
    for lat in facts.lateral:
        first = modal.periods_s[modal.dominant_direction.index(lat.direction)]
        assert lat.note.startswith(f"T = {first:.4f} s")
        design = codes.gb_period_reduction(spec.system)[0] * first  # ψT·T1
        alpha1 = codes.gb_spectrum_alpha(design, 0.16, 0.35)
        delta_n = codes.gb_top_additional_factor(design, 0.35)
        assert lat.base_shear_n == pytest.approx(alpha1 * 0.85 * spec.total_mass_kg() * G, rel=1e-9)
        assert lat.story_forces_n[-1] > delta_n * lat.base_shear_n


def test_shear_building_drift_is_force_over_stiffness():
    """Story shear V_i = sum of forces above; elastic story drift = V_i / k_i (exact for a shear building)."""
    stiff = [4.0e8, 3.0e8, 2.0e8]
    spec = complete_spec({"system": "shear_building", "stories": 3, "story_height_m": 3.0,
                          "floor_masses_kg": [2.0e5, 2.0e5, 1.5e5], "story_stiffnesses_n_per_m": stiff,
                          "seismic": {"intensity": 8}})
    facts = run_and_inspect(draft_reference(spec).code, num_modes=3, seismic=GB8, system="shear_building")
    lat = facts.lateral[0]
    shears = [sum(lat.story_forces_n[i:]) for i in range(3)]
    assert lat.story_drifts_m == pytest.approx([v / k for v, k in zip(shears, stiff)], rel=1e-9)


def test_inspection_leaves_the_domain_as_it_found_it():
    spec = complete_spec(FRAME_3D)
    first = run_and_inspect(draft_reference(spec).code, seismic=GB8)
    second = inspect_model(InspectionRequest(seismic=GB8))
    assert second.analysis_errors == []
    assert second.modal.periods_s == pytest.approx(first.modal.periods_s, rel=1e-9)
    assert second.lateral[0].floor_displacements_m == pytest.approx(first.lateral[0].floor_displacements_m, rel=1e-9)
    assert ops.getPatterns() == []


SCRIPT_WITH_OWN_ANALYSIS = """
import openseespy.opensees as ops

ops.wipe()
ops.model("basic", "-ndm", 2, "-ndf", 3)
ops.node(1, 0.0, 0.0); ops.node(2, 6.0, 0.0); ops.node(3, 0.0, 3.0); ops.node(4, 6.0, 3.0)
ops.fix(1, 1, 1, 1); ops.fix(2, 1, 1, 1)
ops.mass(3, 1.0e4, 0.0, 0.0); ops.mass(4, 1.0e4, 0.0, 0.0)
ops.geomTransf("Linear", 1)
ops.element("elasticBeamColumn", 1, 1, 3, 0.16, 3.0e10, 2.1e-3, 1)
ops.element("elasticBeamColumn", 2, 2, 4, 0.16, 3.0e10, 2.1e-3, 1)
ops.element("elasticBeamColumn", 3, 3, 4, 0.12, 3.0e10, 1.6e-3, 1)
ops.timeSeries("Linear", 1)
ops.pattern("Plain", 1, 1)
ops.load(3, 0.0, -5.0e5, 0.0); ops.load(4, 0.0, -5.0e5, 0.0)
ops.constraints("Plain"); ops.numberer("Plain"); ops.system("BandGeneral")
ops.test("NormDispIncr", 1e-8, 6); ops.algorithm("Newton"); ops.integrator("LoadControl", 0.1)
ops.analysis("Static")
ops.analyze(10)
ops.loadConst("-time", 0.0)
print(ops.eigen(1))
"""


def test_script_loads_do_not_leak_into_our_analyses():
    facts = run_and_inspect(SCRIPT_WITH_OWN_ANALYSIS, seismic=GB8, num_modes=2)
    assert facts.analysis_errors == []
    assert facts.gravity.applied_vertical_n == pytest.approx(2.0e4 * G, rel=1e-12)
    assert facts.gravity.reaction_vertical_n == pytest.approx(2.0e4 * G, rel=1e-9)  # not + 1e6 N of the script
    assert facts.lateral[0].floor_displacements_m[0] > 0


def test_unfixed_base_is_reported_not_raised():
    code = SCRIPT_WITH_OWN_ANALYSIS.split("ops.timeSeries")[0].replace("ops.fix(1, 1, 1, 1); ops.fix(2, 1, 1, 1)", "")
    facts = run_and_inspect(code, seismic=GB8)
    assert facts.analysis_errors
    assert any(e.startswith("eigen") for e in facts.analysis_errors)
    assert facts.modal is None and facts.gravity is None and facts.lateral == []
    assert any(e.startswith("gravity") and "no support" in e for e in facts.analysis_errors)
    assert len(facts.nodes) == 4 and len(facts.elements) == 3


def test_opensees_messages_are_captured_in_the_errors():
    """OpenSees explains its failures on the C-level stderr only; a failed stage keeps those words."""
    from autobm.agent.inspection import _Recorder, _Stderr

    ops.wipe()
    ops.model("basic", "-ndm", 2, "-ndf", 3)
    ops.node(1, 0.0, 0.0)
    stderr = _Stderr()
    stderr.start()
    try:
        recorder = _Recorder(stderr)
        with recorder.stage("dofs"):
            ops.nodeDOFs(1)  # no analysis yet: OpenSees prints "DOF group null" and raises
    finally:
        stderr.stop()
    assert len(recorder.errors) == 1
    assert recorder.errors[0].startswith("dofs: OpenSeesError")
    assert "OpenSees: WARNING nodeDOFs DOF group null" in recorder.errors[0]


def test_mechanism_is_reported_not_solved():
    """Pinned bases and a pin-ended beam (truss): a sway mechanism, found by the eigen analysis."""
    code = SCRIPT_WITH_OWN_ANALYSIS.split("ops.timeSeries")[0]
    code = code.replace("ops.fix(1, 1, 1, 1); ops.fix(2, 1, 1, 1)", "ops.fix(1, 1, 1, 0); ops.fix(2, 1, 1, 0)")
    code = code.replace('ops.element("elasticBeamColumn", 3, 3, 4, 0.12, 3.0e10, 1.6e-3, 1)',
                        'ops.uniaxialMaterial("Elastic", 1, 3.0e10); ops.element("Truss", 3, 3, 4, 0.12, 1)')
    facts = run_and_inspect(code, seismic=GB8)
    assert facts.modal is None and facts.lateral == []
    assert any(e.startswith("eigen") and "mechanism" in e for e in facts.analysis_errors)


def test_leaning_mechanism_under_gravity_is_not_solved():
    """The same mechanism with leaning columns: gravity pushes it sideways. The sparse solver 'solves'
    K u = P for K singular to round-off and returns huge displacements: inspection must refuse them."""
    code = SCRIPT_WITH_OWN_ANALYSIS.split("ops.timeSeries")[0]
    code = code.replace("ops.fix(1, 1, 1, 1); ops.fix(2, 1, 1, 1)", "ops.fix(1, 1, 1, 0); ops.fix(2, 1, 1, 0)")
    code = code.replace("ops.node(3, 0.0, 3.0); ops.node(4, 6.0, 3.0)", "ops.node(3, 1.0, 3.0); ops.node(4, 7.0, 3.0)")
    code = code.replace('ops.element("elasticBeamColumn", 3, 3, 4, 0.12, 3.0e10, 1.6e-3, 1)',
                        'ops.uniaxialMaterial("Elastic", 1, 3.0e10); ops.element("Truss", 3, 3, 4, 0.12, 1)')
    facts = run_and_inspect(code)
    assert facts.gravity is None
    assert any(e.startswith("gravity") and ("mechanism" in e or "analyze returned" in e) for e in facts.analysis_errors)


def test_broken_script_and_empty_domain_are_reported_not_raised():
    ops.wipe()
    with pytest.raises(ZeroDivisionError):
        exec(compile(SCRIPT_WITH_OWN_ANALYSIS.replace("ops.mass(3,", "1 / 0; ops.mass(3,"), "model.py", "exec"), {})
    facts = inspect_model(InspectionRequest(seismic=GB8))
    assert facts.total_mass_kg == 0.0 and facts.modal is None
    assert any("mass" in e for e in facts.analysis_errors)
    ops.wipe()
    empty = inspect_model()
    assert empty.nodes == [] and empty.analysis_errors


def test_y_up_3d_model_is_detected():
    """A 3D model with Y vertical: supports share one Y, not one Z."""
    code = """
import openseespy.opensees as ops

ops.wipe()
ops.model("basic", "-ndm", 3, "-ndf", 6)
for tag, (x, z) in enumerate([(0.0, 0.0), (6.0, 0.0), (6.0, 6.0), (0.0, 6.0)], 1):
    ops.node(tag, x, 0.0, z)
    ops.fix(tag, 1, 1, 1, 1, 1, 1)
    ops.node(10 + tag, x, 3.0, z)
    ops.mass(10 + tag, 2.0e4, 2.0e4, 2.0e4, 0.0, 0.0, 0.0)
ops.geomTransf("Linear", 1, 1.0, 0.0, 0.0)
ops.geomTransf("Linear", 2, 0.0, 1.0, 0.0)
for tag in range(1, 5):
    ops.element("elasticBeamColumn", tag, tag, 10 + tag, 0.16, 3.0e10, 1.25e10, 3.6e-3, 2.1e-3, 2.1e-3, 1)
for tag, (i, j) in enumerate([(11, 12), (12, 13), (13, 14), (14, 11)], 5):
    ops.element("elasticBeamColumn", tag, i, j, 0.12, 3.0e10, 1.25e10, 1.0e-3, 1.6e-3, 1.6e-3, 2)
"""
    facts = run_and_inspect(code, seismic=GB8)
    assert facts.vertical_axis == 1
    assert [f.level_m for f in facts.floors] == [3.0]
    assert facts.gravity.relative_error < 1e-9
    assert {lat.direction for lat in facts.lateral} == {"x", "y"}


def test_inspection_of_a_5_story_3x2_bay_frame_can_be_repeated():
    """A 5-story 3 x 2-bay 3D frame (145 elements): eigen, gravity and two ELF cases, again and
    again on a rebuilt model, with the same answer (speed is bench_check's business)."""
    spec = complete_spec(FRAME_3D)
    g = {"__name__": "model"}
    ops.wipe()
    exec(compile(draft_reference(spec).code, "model.py", "exec"), g)
    request = InspectionRequest(seismic=GB8)
    periods = []
    for _ in range(3):
        g["build_model"]()
        facts = inspect_model(request)
        periods.append(facts.modal.periods_s[0])
    assert facts.analysis_errors == [] and len(facts.elements) == 145
    assert periods[0] == pytest.approx(periods[1], rel=1e-9) == pytest.approx(periods[2], rel=1e-9)
    assert math.isfinite(facts.modal.periods_s[0])


def test_a_3d_model_gives_the_shape_of_its_first_mode_along_each_axis():
    """The mode shapes per floor along X and, in 3D, Y (the report plotted X only: T1 along Y was left out)."""
    spec = complete_spec(FRAME_3D)  # 3 x 2 bays: softer along Y, mode 1 along Y
    m = run_and_inspect(draft_reference(spec).code, run_lateral=False).modal
    first_y = m.dominant_direction.index("y")
    first_x = m.dominant_direction.index("x")
    assert first_y != first_x
    for shape in (m.first_mode_shape_x, m.first_mode_shape_y):
        assert len(shape) == 5 and shape[-1] == pytest.approx(1.0) and all(0 < a < b for a, b in zip(shape, shape[1:]))
    flat = run_and_inspect(draft_reference(complete_spec(FRAME_2D)).code, run_lateral=False).modal
    assert flat.first_mode_shape_y == [] and len(flat.first_mode_shape_x) == 4


FIBER_FRAME = """
import openseespy.opensees as ops

ops.wipe()
ops.model("basic", "-ndm", 2, "-ndf", 3)
for floor, y in enumerate((0.0, 3.5, 7.0)):
    for axis, x in enumerate((0.0, 6.0)):
        ops.node(10 * floor + axis + 1, x, y)
ops.fix(1, 1, 1, 1); ops.fix(2, 1, 1, 1)
for tag in (11, 12, 21, 22):
    ops.mass(tag, 2.0e4, 1e-9, 0.0)
ops.uniaxialMaterial("Concrete01", 1, -30e6, -0.002, -6e6, -0.006)
ops.uniaxialMaterial("Steel01", 2, 400e6, 2.0e11, 0.01)
for tag, b, h, bars in ((1, 0.5, 0.5, 4), (2, 0.25, 0.5, 3)):
    ops.section("Fiber", tag)
    ops.patch("rect", 1, 10, 2, -h / 2, -b / 2, h / 2, b / 2)
    for y in (h / 2 - 0.04, -h / 2 + 0.04):
        ops.layer("straight", 2, bars, 4.9e-4, y, b / 2 - 0.04, y, -b / 2 + 0.04)
    ops.beamIntegration("Lobatto", tag, tag, 5)
ops.geomTransf("PDelta", 1); ops.geomTransf("Linear", 2)
for tag, (i, j, kind) in enumerate([(1, 11, 1), (2, 12, 1), (11, 21, 1), (12, 22, 1), (11, 12, 2), (21, 22, 2)], 1):
    ops.element("forceBeamColumn", tag, i, j, kind, kind)
"""

PUSHOVER = """
ops.timeSeries("Linear", 1); ops.pattern("Plain", 1, 1)
for tag in (11, 12, 21, 22):
    ops.load(tag, 0.0, -2.0e4 * 9.81, 0.0)
ops.constraints("Plain"); ops.numberer("RCM"); ops.system("BandGeneral")
ops.test("NormDispIncr", 1e-8, 50); ops.algorithm("Newton"); ops.integrator("LoadControl", 0.1)
ops.analysis("Static"); ops.analyze(10); ops.loadConst("-time", 0.0)
ops.timeSeries("Linear", 2); ops.pattern("Plain", 2, 2)
ops.load(11, 1.0, 0.0, 0.0); ops.load(21, 2.0, 0.0, 0.0)
ops.integrator("DisplacementControl", 21, 1, 0.005); ops.algorithm("NewtonLineSearch")
ops.analyze(40)  # 0.2 m at the roof: 2.9 % drift, the columns yielded
"""


def test_gravity_of_a_fiber_frame_is_in_equilibrium(monkeypatch):
    """Concrete01 and Steel01 fibers: one linear step left the reactions 1.7 % short of the load (the
    resisting forces at that displacement are not the load). Newton's method balances them, and a
    linear model still takes one iteration."""
    from autobm.agent import inspection

    facts = run_and_inspect(FIBER_FRAME, seismic=GB8)
    assert facts.analysis_errors == []
    assert facts.gravity.relative_error < 1e-6
    iterations = []
    real_solve = inspection._solve

    def counting(ops_, m, loads, *, equilibrium, elastic):
        real_solve(ops_, m, loads, equilibrium=equilibrium, elastic=elastic)
        iterations.append(ops_.testIter() if equilibrium else 0)

    monkeypatch.setattr(inspection, "_solve", counting)
    elastic = run_and_inspect(draft_reference(complete_spec(FRAME_2D)).code, run_lateral=False)
    assert elastic.gravity.relative_error < 1e-9 and iterations == [1]


def test_an_elastic_p_delta_frame_iterates_gravity_to_equilibrium_and_takes_one_linear_lateral_step(monkeypatch):
    """Elastic beam-columns share one factorisation of the initial tangent (ModifiedNewton -factoronce): with
    P-Delta columns gravity iterates on it to equilibrium, and each lateral step is still one linear step on
    it, as on the same frame with linear transformations; the factorisation is formed once."""
    from autobm.agent import inspection

    linear = draft_reference(complete_spec(FRAME_2D)).code
    p_delta = linear.replace('ops.geomTransf("Linear", 1)  # columns', 'ops.geomTransf("PDelta", 1)  # columns')
    assert p_delta != linear
    iterations = []
    real_solve = inspection._solve

    def counting(ops_, m, loads, *, equilibrium, elastic):
        real_solve(ops_, m, loads, equilibrium=equilibrium, elastic=elastic)
        iterations.append((equilibrium, elastic, ops_.testIter()))

    monkeypatch.setattr(inspection, "_solve", counting)
    facts = run_and_inspect(p_delta, seismic=GB8)
    assert facts.analysis_errors == [] and facts.gravity.relative_error < 1e-7
    assert iterations[0][:2] == (True, True) and iterations[0][2] > 1  # P-Delta: more than the linear model's one
    assert iterations[1] == (False, True, 1)
    plain = run_and_inspect(linear, seismic=GB8)
    assert facts.lateral[0].floor_displacements_m == pytest.approx(plain.lateral[0].floor_displacements_m, rel=1e-9)


def test_a_time_series_of_the_script_with_autobm_s_tag_does_not_cost_a_direction():
    """A 3D script that defined a time series with the tag of autobm's Y analysis: it is removed with the script's
    loads (before, the Y analysis failed to add its own, and the drift was judged along X alone)."""
    code = draft_reference(complete_spec({"stories": 3, "story_height_m": 3.3, "bays_x": 2, "bays_y": 1,
                                          "bay_width_m": 6.0, "dimensions": 3, "seismic": {"intensity": 8}})).code
    clean = run_and_inspect(code, seismic=GB8)
    clashing = run_and_inspect(code + "\nops.timeSeries('Linear', 2000000003)\nops.timeSeries('Linear', 2000000001)\n",
                               seismic=GB8)
    assert clashing.analysis_errors == [] and [lat.direction for lat in clashing.lateral] == ["x", "y"]
    assert clashing.gravity.relative_error < 1e-9
    for a, b in zip(clashing.lateral, clean.lateral):
        assert a.story_drift_ratios == pytest.approx(b.story_drift_ratios, rel=1e-9)


def test_a_pushed_over_frame_is_analysed_from_its_initial_state():
    """A script that ran its own gravity and pushover analyses: the eigen analysis of the yielded,
    displaced domain gave T1 several times the frame's (7.18 s for 0.515 s). The domain is reset first;
    the state the script left keeps its own T1, for the period the script may have printed then."""
    initial = run_and_inspect(FIBER_FRAME, seismic=GB8)
    pushed = run_and_inspect(FIBER_FRAME + PUSHOVER, seismic=GB8)
    assert pushed.analysis_errors == []
    assert pushed.modal.periods_s == pytest.approx(initial.modal.periods_s, rel=1e-9)
    assert pushed.gravity.relative_error < 1e-6
    assert pushed.lateral[0].floor_displacements_m == pytest.approx(initial.lateral[0].floor_displacements_m, rel=1e-9)
    assert "ops.reset()" in pushed.reset_note and initial.reset_note == ""
    assert pushed.as_left_period_s > 2 * initial.modal.periods_s[0]


def test_a_planar_frame_drawn_in_3d_with_y_up_is_read_with_y_up():
    """ndm 3, Y vertical, every z = 0 (the frame in the X-Y plane): the supports share one Y and one Z,
    and only Y spreads. It was read Z-up: no floors, nine 'unfixed' base nodes."""
    code = """
import openseespy.opensees as ops

ops.wipe()
ops.model("basic", "-ndm", 3, "-ndf", 6)
for floor, y in enumerate((0.0, 3.5, 7.0, 10.5)):
    for axis, x in enumerate((0.0, 6.0, 12.0)):
        tag = 10 * floor + axis + 1
        ops.node(tag, x, y, 0.0)
        ops.fix(tag, *([1] * 6 if floor == 0 else [0, 0, 1, 1, 1, 0]))
        if floor:
            ops.mass(tag, 1.5e4, 1.5e4, 0.0, 0.0, 0.0, 0.0)
ops.geomTransf("Linear", 1, 0.0, 0.0, 1.0)
tag = 0
for floor in range(1, 4):
    for axis in range(3):
        tag += 1
        ops.element("elasticBeamColumn", tag, 10 * (floor - 1) + axis + 1, 10 * floor + axis + 1,
                    0.25, 3.0e10, 1.25e10, 7.3e-3, 5.2e-3, 5.2e-3, 1)
    for axis in range(2):
        tag += 1
        ops.element("elasticBeamColumn", tag, 10 * floor + axis + 1, 10 * floor + axis + 2,
                    0.125, 3.0e10, 1.25e10, 2.6e-3, 6.5e-4, 2.6e-3, 1)
"""
    facts = run_and_inspect(code, seismic=GB8)
    assert facts.vertical_axis == 1
    assert [f.level_m for f in facts.floors] == pytest.approx([3.5, 7.0, 10.5])
    assert facts.gravity.relative_error < 1e-9
    drifts = next(lat for lat in facts.lateral if lat.direction == "x").story_drift_ratios
    assert len(drifts) == 3 and all(r > 0 for r in drifts)


def test_column_mid_height_nodes_carrying_self_weight_are_not_floors():
    """Columns split at mid-height, the members' self-weight lumped at their nodes: the mid-height
    levels hold a little mass (2 % of a floor's) and nothing joins their nodes, so they are no floors
    (they were: 6 floors for 3). Mass on the fixed base nodes does not vibrate: it is counted apart."""
    code = """
import openseespy.opensees as ops

ops.wipe()
ops.model("basic", "-ndm", 2, "-ndf", 3)
ops.geomTransf("Linear", 1)
tag = 0
for axis, x in enumerate((0.0, 6.0)):
    ops.node(axis + 1, x, 0.0); ops.fix(axis + 1, 1, 1, 1); ops.mass(axis + 1, 500.0, 500.0, 0.0)
for floor in (1, 2, 3):
    for axis, x in enumerate((0.0, 6.0)):
        mid, top = 100 * floor + 50 + axis, 100 * floor + axis + 1
        ops.node(mid, x, 3.5 * floor - 1.75); ops.mass(mid, 1000.0, 1000.0, 0.0)
        ops.node(top, x, 3.5 * floor); ops.mass(top, 2.5e4, 2.5e4, 0.0)
        below = axis + 1 if floor == 1 else 100 * (floor - 1) + axis + 1
        for i, j in ((below, mid), (mid, top)):
            tag += 1
            ops.element("elasticBeamColumn", tag, i, j, 0.25, 3.0e10, 5.2e-3, 1)
    tag += 1
    ops.element("elasticBeamColumn", tag, 100 * floor + 1, 100 * floor + 2, 0.125, 3.0e10, 2.6e-3, 1)
"""
    facts = run_and_inspect(code, seismic=GB8)
    assert [f.level_m for f in facts.floors] == pytest.approx([3.5, 7.0, 10.5])
    assert [f.mass_kg for f in facts.floors] == pytest.approx([5.0e4] * 3)
    assert facts.restrained_mass_kg == pytest.approx(1000.0)
    assert facts.vibrating_mass_kg == pytest.approx(1.5e5 + 6000.0)
    assert len(facts.lateral[0].story_drift_ratios) == 3


def test_a_low_3d_frame_with_diaphragms_gets_arpack_modes_not_a_dense_solve():
    """12 modes asked of 4 floors (12 mass DOFs): ARPACK gives half of them in milliseconds; the dense
    solver it fell back to took 66 ms on this frame's 600 equations. The modes ARPACK gives are the same."""
    spec = complete_spec({"stories": 4, "bays_x": 4, "bays_y": 3, "seismic": {"intensity": 8}})
    code = draft_reference(spec).code
    facts = run_and_inspect(code, num_modes=12)
    assert len(facts.modal.periods_s) == 6
    ops.wipeAnalysis()
    ops.numberer("RCM")
    ops.system("SuperLU")
    dense = [2 * math.pi / math.sqrt(v) for v in ops.eigen("-fullGenLapack", 12)]
    assert facts.modal.periods_s == pytest.approx(dense[:6], rel=1e-6)


def _portal_with_beam_offsets(element: str, offset_m: float, ndm: int = 2) -> str:
    """A one-bay, two-story frame whose beams have rigid end zones of ``offset_m`` (geomTransf -jntOffset);
    ``element``: 'elastic' or 'force' (elastic sections, Lobatto)."""
    if ndm == 2:
        head = "ops.model('basic', '-ndm', 2, '-ndf', 3)\n"
        node = "ops.node({t}, {x}, {z})"
        fix, mass = "ops.fix({t}, 1, 1, 1)", "ops.mass({t}, 2.0e4, 0.0, 0.0)"
        transf = ("ops.geomTransf('Linear', 1)\n"
                  f"ops.geomTransf('PDelta', 2, '-jntOffset', {offset_m}, 0.0, {-offset_m}, 0.0)\n")
        section = "ops.section('Elastic', {s}, 3.0e10, {a}, {i})"
        elastic = "ops.element('elasticBeamColumn', {e}, {n1}, {n2}, {a}, 3.0e10, {i}, {tr})"
    else:
        head = "ops.model('basic', '-ndm', 3, '-ndf', 6)\n"
        node = "ops.node({t}, {x}, 0.0, {z})"
        fix, mass = "ops.fix({t}, 1, 1, 1, 1, 1, 1)", "ops.mass({t}, 2.0e4, 0.0, 0.0, 0.0, 0.0, 0.0)"
        transf = ("ops.geomTransf('Linear', 1, 0.0, 1.0, 0.0)\n"
                  f"ops.geomTransf('Linear', 2, 0.0, -1.0, 0.0, '-jntOffset', {offset_m}, 0.0, 0.0, {-offset_m}, 0.0, 0.0)\n")
        section = "ops.section('Elastic', {s}, 3.0e10, {a}, {i}, {i}, 1.25e10, {j})"
        elastic = "ops.element('elasticBeamColumn', {e}, {n1}, {n2}, {a}, 3.0e10, 1.25e10, {j}, {i}, {i}, {tr})"
    lines = ["import openseespy.opensees as ops", "ops.wipe()", head + transf]
    for t, (x, z) in enumerate([(0, 0), (6, 0), (0, 3.5), (6, 3.5), (0, 7), (6, 7)], start=1):
        lines.append(node.format(t=t, x=x, z=z))
        lines.append(fix.format(t=t) if z == 0 else mass.format(t=t))
    members = [(1, 1, 3, 0.36, 0.0108, 1), (2, 2, 4, 0.36, 0.0108, 1), (3, 3, 5, 0.36, 0.0108, 1),
               (4, 4, 6, 0.36, 0.0108, 1), (5, 3, 4, 0.24, 0.0072, 2), (6, 5, 6, 0.24, 0.0072, 2)]
    for e, n1, n2, a, i, tr in members:
        if element == "elastic":
            lines.append(elastic.format(e=e, n1=n1, n2=n2, a=a, i=i, j=2 * i, tr=tr))
        else:
            lines.append(section.format(s=e, a=a, i=i, j=2 * i))
            lines.append(f"ops.beamIntegration('Lobatto', {e}, {e}, 4)")
            lines.append(f"ops.element('forceBeamColumn', {e}, {n1}, {n2}, {tr}, {e})")
    return "\n".join(lines) + "\nops.eigen(2)\n"


@pytest.mark.parametrize(("element", "ndm"), [("elastic", 2), ("force", 2), ("elastic", 3), ("force", 3)])
def test_end_offsets_are_read_and_the_periods_without_them_are_the_bare_frames(element, ndm):
    with_zones = run_and_inspect(_portal_with_beam_offsets(element, 0.3, ndm), joint_offsets=True, num_modes=2)
    assert with_zones.analysis_errors == []
    beams = [e for e in with_zones.elements if e.tag in (5, 6)]
    assert all(e.end_offsets == [[0.3] + [0.0] * (ndm - 1), [-0.3] + [0.0] * (ndm - 1)] for e in beams)
    assert not any(e.end_offsets for e in with_zones.elements if e.tag not in (5, 6))
    again = inspect_model(InspectionRequest(joint_offsets=True, num_modes=2))  # the script's elements are back
    assert again.modal.periods_s == pytest.approx(with_zones.modal.periods_s, rel=1e-9)
    assert again.centreline_periods_s == pytest.approx(with_zones.centreline_periods_s, rel=1e-9)
    bare = run_and_inspect(_portal_with_beam_offsets(element, 0.0, ndm), joint_offsets=True, num_modes=2)
    assert bare.centreline_periods_s == [] and not any(e.end_offsets for e in bare.elements)
    assert with_zones.modal.periods_s[0] < 0.97 * bare.modal.periods_s[0]  # the end zones stiffen the frame
    assert with_zones.centreline_periods_s == pytest.approx(bare.modal.periods_s, rel=1e-9)


def test_end_offsets_are_not_read_unless_asked():
    facts = run_and_inspect(_portal_with_beam_offsets("elastic", 0.3), num_modes=2)
    assert facts.centreline_periods_s == [] and not any(e.end_offsets for e in facts.elements)


@pytest.mark.parametrize(("element", "ndm"), [("elastic", 2), ("force", 2), ("elastic", 3), ("force", 3)])
def test_member_rigidities_are_read_from_the_basic_stiffness(element, ndm):
    facts = run_and_inspect(_portal_with_beam_offsets(element, 0.0, ndm), member_rigidities=True, num_modes=2)
    by_tag = {e.tag: e for e in facts.elements}
    column, beam = by_tag[1].rigidities, by_tag[5].rigidities
    assert column[:2] == pytest.approx([3.0e10 * 0.36, 3.0e10 * 0.0108], rel=1e-9)
    assert beam[:2] == pytest.approx([3.0e10 * 0.24, 3.0e10 * 0.0072], rel=1e-9)
    assert len(column) == (3 if ndm == 3 else 2)
    assert not any(e.rigidities for e in run_and_inspect(_portal_with_beam_offsets(element, 0.0, ndm)).elements)


@pytest.mark.parametrize(("vecxz", "vertical_plane_i"), [((0.0, -1.0, 0.0), 1.0e-3), ((0.0, 0.0, 1.0), 2.0e-3)])
def test_a_beams_rigidity_in_the_vertical_plane_comes_first_whichever_its_local_axes(vecxz, vertical_plane_i):
    """Iz = 1e-3, Iy = 2e-3: with local y vertical the beam bends in the vertical plane about z, with local z vertical
    about y (its EIy first then)."""
    code = f"""
import openseespy.opensees as ops
ops.wipe(); ops.model('basic', '-ndm', 3, '-ndf', 6)
ops.node(1, 0, 0, 0); ops.node(2, 6, 0, 0); ops.node(3, 0, 0, 3); ops.node(4, 6, 0, 3)
for t in (1, 2): ops.fix(t, 1, 1, 1, 1, 1, 1)
for t in (3, 4): ops.mass(t, 1.0e4, 1.0e4, 0, 0, 0, 0)
ops.geomTransf('Linear', 1, 0.0, 1.0, 0.0)
ops.geomTransf('Linear', 2, {vecxz[0]}, {vecxz[1]}, {vecxz[2]})
ops.element('elasticBeamColumn', 1, 1, 3, 0.25, 3.0e10, 1.25e10, 1.0e-2, 5.0e-3, 5.0e-3, 1)
ops.element('elasticBeamColumn', 2, 2, 4, 0.25, 3.0e10, 1.25e10, 1.0e-2, 5.0e-3, 5.0e-3, 1)
ops.element('elasticBeamColumn', 3, 3, 4, 0.18, 3.0e10, 1.25e10, 1.0e-2, 2.0e-3, 1.0e-3, 2)
"""
    facts = run_and_inspect(code, member_rigidities=True, run_lateral=False)
    beam = next(e for e in facts.elements if e.tag == 3)
    assert beam.rigidities[1] == pytest.approx(3.0e10 * vertical_plane_i, rel=1e-9)
    assert sorted(beam.rigidities[1:]) == pytest.approx([3.0e10 * 1.0e-3, 3.0e10 * 2.0e-3], rel=1e-9)
