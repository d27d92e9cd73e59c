"""Physics against published answers: autobm's inspection (eigen) of models built from them.

Each case states its source, its units and its tolerance. Models are executed in-process
(``exec``) and then read back by ``inspect_model``, exactly as after a drafted script.
"""

from __future__ import annotations

import math

import pytest

from autobm.agent.drafting import draft_reference
from autobm.agent.facts import ModelFacts
from autobm.agent.inspection import InspectionRequest, inspect_model
from autobm.agent.opensees import load_opensees
from autobm.agent.spec import SeismicInput, complete_spec

ops = load_opensees()

REL = 1e-6
KIP_N = 4448.2216152605  # 1 kip in N (exact by definition of the pound-force)
INCH_M = 0.0254  # 1 in in m (exact)


def run_and_inspect(code: str, **request) -> ModelFacts:
    """Execute a model script in this process, then inspect what OpenSees holds."""
    ops.wipe()
    exec(compile(code, "model.py", "exec"), {"__name__": "__main__"})
    return inspect_model(InspectionRequest(**request))


# --- Chopra, Dynamics of Structures, Example 10.4: two-story shear frame ----------------------
# Units kip, in, s. Bay 288 in, story height 144 in, E = 30,000 ksi, Ic = 320 in^4, A = 63.41 in^2;
# story 1: two columns 2 Ic, story 2: two columns Ic; rigid beams tied by equalDOF (vertical, rotation).
# m = 100/386 kip s^2/in: floor-1 nodes m each, roof nodes m/2 each, X only. k = 24 E Ic / h^3.
# Published: T1 = 2 pi sqrt(2m/k) = 0.514877 s, T2 = T1/2; mode 1 floor-1/roof ratio 0.5.
CHOPRA_10_4 = """
import openseespy.opensees as ops

ops.wipe()
ops.model("basic", "-ndm", 2, "-ndf", 3)
h, b = 144.0, 288.0          # in
E, Ic, A = 30000.0, 320.0, 63.41  # ksi, in^4, in^2
m = 100.0 / 386.0            # kip s^2 / in
ops.node(1, 0.0, 0.0); ops.node(2, b, 0.0)
ops.node(3, 0.0, h); ops.node(4, b, h)
ops.node(5, 0.0, 2 * h); ops.node(6, b, 2 * h)
ops.fix(1, 1, 1, 1); ops.fix(2, 1, 1, 1)
ops.equalDOF(3, 4, 2, 3)
ops.equalDOF(5, 6, 2, 3)
ops.mass(3, m, 0.0, 0.0); ops.mass(4, m, 0.0, 0.0)
ops.mass(5, m / 2, 0.0, 0.0); ops.mass(6, m / 2, 0.0, 0.0)
ops.geomTransf("Linear", 1)
ops.element("elasticBeamColumn", 1, 1, 3, A, E, 2 * Ic, 1)
ops.element("elasticBeamColumn", 2, 2, 4, A, E, 2 * Ic, 1)
ops.element("elasticBeamColumn", 3, 3, 5, A, E, Ic, 1)
ops.element("elasticBeamColumn", 4, 4, 6, A, E, Ic, 1)
ops.element("elasticBeamColumn", 5, 3, 4, A, E, 1.0e12, 1)
ops.element("elasticBeamColumn", 6, 5, 6, A, E, 1.0e12, 1)
"""

CHOPRA_T1_S = 0.514877
CHOPRA_T2_S = 0.257439


def test_chopra_10_4_closed_form_matches_published_numbers():
    """The closed form itself, k = 24 E Ic / h^3, reproduces the published periods (units cancel)."""
    k = 24 * 30000.0 * 320.0 / 144.0**3  # kip/in
    m = 100.0 / 386.0  # kip s^2/in
    t1 = 2 * math.pi * math.sqrt(2 * m / k)
    assert t1 == pytest.approx(CHOPRA_T1_S, rel=1e-6)
    assert t1 / 2 == pytest.approx(CHOPRA_T2_S, rel=2e-6)


def test_chopra_10_4_hand_written_script():
    facts = run_and_inspect(CHOPRA_10_4, num_modes=2)
    assert facts.analysis_errors == []
    periods = facts.modal.periods_s
    t1 = 2 * math.pi * math.sqrt(2 * (100 / 386) / (24 * 30000.0 * 320.0 / 144.0**3))
    assert periods[0] == pytest.approx(t1, rel=REL)
    assert periods[1] == pytest.approx(t1 / 2, rel=REL)
    assert periods[0] == pytest.approx(CHOPRA_T1_S, rel=REL)
    assert periods[1] == pytest.approx(CHOPRA_T2_S, rel=2e-6)  # published value rounded to 6 digits
    assert facts.modal.first_mode_shape_x == pytest.approx([0.5, 1.0], rel=1e-6)
    assert [f.level_m for f in facts.floors] == [144.0, 288.0]
    assert facts.total_mass_kg == pytest.approx(3 * 100 / 386, rel=1e-12)  # kip s^2/in here
    # Effective modal masses from the shapes phi1 = (1/2, 1), phi2 = (-1, 1) and masses (2m, m):
    # (phi^T M 1)^2 / (phi^T M phi) / 3m: mode 1 (2m)^2 / 1.5m / 3m = 8/9, mode 2 (-m)^2 / 3m / 3m = 1/9.
    assert facts.modal.mass_participation_x == pytest.approx([8 / 9, 1 / 9], rel=1e-6)


def test_chopra_10_4_as_a_shear_building_spec():
    """Same building in SI through the reference drafter: masses 2m, m (kg), stiffnesses 2k, k (N/m)."""
    kip_s2_per_in_in_kg = KIP_N / INCH_M  # 1 kip s^2/in = 175,126.8 kg
    kip_per_in_in_n_per_m = KIP_N / INCH_M  # 1 kip/in = 175,126.8 N/m
    m_kg = 100 / 386 * kip_s2_per_in_in_kg
    k_n_per_m = 24 * 30000.0 * 320.0 / 144.0**3 * kip_per_in_in_n_per_m
    spec = complete_spec({
        "system": "shear_building", "stories": 2, "story_heights_m": [144 * INCH_M] * 2,
        "floor_masses_kg": [2 * m_kg, m_kg], "story_stiffnesses_n_per_m": [2 * k_n_per_m, k_n_per_m],
        "seismic": {"code": "asce7", "sds_g": 1.0, "sd1_g": 0.6},
    })
    facts = run_and_inspect(draft_reference(spec).code, num_modes=2)
    assert facts.analysis_errors == []
    assert facts.modal.periods_s[0] == pytest.approx(CHOPRA_T1_S, rel=REL)
    assert facts.modal.periods_s[1] == pytest.approx(CHOPRA_T2_S, rel=2e-6)
    assert facts.modal.first_mode_shape_x == pytest.approx([0.5, 1.0], rel=1e-6)


# --- Uniform N-story shear building, closed form (verification-cases.md) ----------------------
# omega_r = 2 sqrt(k/m) sin((2r - 1) pi / (2 (2N + 1))), r = 1..N; phi_jr = sin((2r - 1) j pi / (2N + 1)).


@pytest.mark.parametrize(("stories", "mass_kg", "stiffness_n_per_m"), [
    (1, 1.0e5, 1.0e8),
    (2, 3.3e4, 4.1e7),
    (3, 2.5e5, 3.0e8),
    (5, 1.2e5, 9.0e7),
    (8, 7.7e4, 2.2e8),
    (12, 4.0e5, 6.5e8),
])
def test_uniform_shear_building_periods(stories, mass_kg, stiffness_n_per_m):
    spec = complete_spec({
        "system": "shear_building", "stories": stories, "story_height_m": 3.2,
        "floor_masses_kg": [mass_kg], "story_stiffnesses_n_per_m": [stiffness_n_per_m],
        "seismic": {"intensity": 8},
    })
    facts = run_and_inspect(draft_reference(spec).code, num_modes=stories)
    assert facts.analysis_errors == []
    n = stories
    expected = [2 * math.pi / (2 * math.sqrt(stiffness_n_per_m / mass_kg) * math.sin((2 * r - 1) * math.pi / (2 * (2 * n + 1))))
                for r in range(1, n + 1)]
    assert facts.modal.periods_s == pytest.approx(expected, rel=REL)
    shape = [math.sin(j * math.pi / (2 * n + 1)) for j in range(1, n + 1)]
    assert facts.modal.first_mode_shape_x == pytest.approx([s / shape[-1] for s in shape], rel=1e-6)


# --- Cantilever column with a tip mass -------------------------------------------------------
# Euler-Bernoulli cantilever, tip stiffness k = 3 E I / L^3 (any mechanics-of-materials text, e.g.
# Gere & Goodno, Mechanics of Materials, Table G-1 case 4); massless column with a lumped tip mass m:
# T = 2 pi sqrt(m / k) = 2 pi sqrt(m L^3 / (3 E I)) (Chopra, Dynamics of Structures, Eq. 2.1.4).
# Exact for one elastic beam element (cubic shape functions are the exact static solution).
CANTILEVER = """
import openseespy.opensees as ops

ops.wipe()
ops.model("basic", "-ndm", 2, "-ndf", 3)
L, E, I, A, m = 4.0, 2.0e11, 8.0e-5, 1.0e-2, 5000.0   # m, Pa, m^4, m^2, kg
ops.node(1, 0.0, 0.0)
ops.node(2, 0.0, L)
ops.fix(1, 1, 1, 1)
ops.mass(2, m, 0.0, 0.0)
ops.geomTransf("Linear", 1)
ops.element("elasticBeamColumn", 1, 1, 2, A, E, I, 1)
"""


def test_cantilever_with_tip_mass():
    facts = run_and_inspect(CANTILEVER, num_modes=1)
    assert facts.analysis_errors == []
    expected = 2 * math.pi * math.sqrt(5000.0 * 4.0**3 / (3 * 2.0e11 * 8.0e-5))  # 0.2295 s
    assert facts.modal.periods_s == pytest.approx([expected], rel=REL)


# --- One-story rigid-diaphragm system: translation and torsion ---------------------------------
# Four cantilever columns (no beams) at the corners of an a x a plan, tied at the top by a rigid
# diaphragm (rigidDiaphragm 3): each column gives k = 3 E I / h^3 along X and Y and G J / h in
# torsion. K_x = 4 k; K_theta = sum k r^2 + 4 G J / h with r^2 = 2 (a/2)^2; mass m, polar inertia
# m a^2 / 6 (uniform square plate). T = 2 pi sqrt(mass / stiffness) for each uncoupled mode
# (Chopra, Dynamics of Structures, Sec. 9.5, one-story system with rigid diaphragm, symmetric plan).
ONE_STORY_DIAPHRAGM = """
import openseespy.opensees as ops

ops.wipe()
ops.model("basic", "-ndm", 3, "-ndf", 6)
a, h = 6.0, 3.0
E, G, A, I, J = 3.0e10, 1.25e10, 0.16, 2.1333e-3, 3.6e-3
m = 8.0e4
for tag, (x, y) in enumerate([(0.0, 0.0), (a, 0.0), (a, a), (0.0, a)], 1):
    ops.node(tag, x, y, 0.0)
    ops.fix(tag, 1, 1, 1, 1, 1, 1)
    ops.node(10 + tag, x, y, h)
ops.node(100, a / 2, a / 2, h)
ops.fix(100, 0, 0, 1, 1, 1, 0)
ops.mass(100, m, m, 0.0, 0.0, 0.0, m * a**2 / 6)
ops.rigidDiaphragm(3, 100, 11, 12, 13, 14)
ops.geomTransf("Linear", 1, 0.0, 1.0, 0.0)
for tag in range(1, 5):
    ops.element("elasticBeamColumn", tag, tag, 10 + tag, A, E, G, J, I, I, 1)
"""


def test_one_story_rigid_diaphragm_translation_and_torsion():
    facts = run_and_inspect(ONE_STORY_DIAPHRAGM, num_modes=3)
    assert facts.analysis_errors == []
    a, h, e_pa, g_pa, i_m4, j_m4, m = 6.0, 3.0, 3.0e10, 1.25e10, 2.1333e-3, 3.6e-3, 8.0e4
    k = 3 * e_pa * i_m4 / h**3
    t_lateral = 2 * math.pi * math.sqrt(m / (4 * k))
    k_theta = 4 * k * 2 * (a / 2) ** 2 + 4 * g_pa * j_m4 / h
    t_torsion = 2 * math.pi * math.sqrt((m * a**2 / 6) / k_theta)
    periods = facts.modal.periods_s
    assert periods[0] == pytest.approx(t_lateral, rel=REL)
    assert periods[1] == pytest.approx(t_lateral, rel=REL)
    assert periods[2] == pytest.approx(t_torsion, rel=REL)
    assert facts.modal.dominant_direction[2] == "torsion"
    assert sorted(facts.modal.dominant_direction[:2]) == ["x", "y"]
    # The two lateral modes share all the lateral mass between them (degenerate pair).
    assert sum(facts.modal.mass_participation_x) == pytest.approx(1.0, rel=1e-9)
    assert sum(facts.modal.mass_participation_y) == pytest.approx(1.0, rel=1e-9)


# Accidental torsion of the same system (JGJ 3-2010 4.3.3, ASCE 7-22 12.8.4.2, EN 1998-1 4.3.2: the floor's force moved
# by e = 0.05 a across it): the floor translates u = F / (4 k) and turns theta = F e / K_theta, so an edge at a / 2
# from the centre moves u + theta a / 2 and the mean of the two edges is u: edge over mean 1 + 0.1 k a^2 / K_theta
# (1.05 for columns without torsional stiffness), for the mass at the master (its moment there) or at the column tops
# (the moment spread over them as forces).
@pytest.mark.parametrize("mass_at", ["master", "columns"])
def test_one_story_rigid_diaphragm_accidental_torsion_by_hand(mass_at):
    code = ONE_STORY_DIAPHRAGM
    if mass_at == "columns":
        code = code.replace("ops.mass(100, m, m, 0.0, 0.0, 0.0, m * a**2 / 6)",
                            "[ops.mass(10 + t, m / 4, m / 4, 0.0, 0.0, 0.0, 0.0) for t in range(1, 5)]")
        assert code != ONE_STORY_DIAPHRAGM
    seismic = SeismicInput(code="gb50011", intensity=8, pga_g=0.2, site_class="II", design_group=1)
    facts = run_and_inspect(code, num_modes=3, seismic=seismic)
    assert facts.analysis_errors == []
    a, h, e_pa, g_pa, i_m4, j_m4 = 6.0, 3.0, 3.0e10, 1.25e10, 2.1333e-3, 3.6e-3
    k = 3 * e_pa * i_m4 / h**3
    k_theta = 4 * k * 2 * (a / 2) ** 2 + 4 * g_pa * j_m4 / h
    by_hand = 1 + 0.1 * k * a**2 / k_theta
    for lateral in facts.lateral:
        assert lateral.accidental_eccentricity == 0.05
        assert lateral.edge_displacement_ratios == pytest.approx([by_hand], rel=REL)
        assert lateral.edge_drift_ratios == pytest.approx([by_hand], rel=REL)  # one story: its drift is the floor's
        assert lateral.edge_displacement_ratios_centred == pytest.approx([1.0], rel=REL)
