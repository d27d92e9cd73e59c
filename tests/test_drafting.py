"""The reference drafter: scripts that run on their own, match the spec, and never change.

A few scripts run with plain ``python model.py`` in a fresh process (about 0.5 s each);
the rest are executed in this process and read back by ``inspect_model``.
"""

from __future__ import annotations

import ast
import contextlib
import io
import math
import os
import re
import subprocess
import sys
import time

import pytest

from autobm.agent.drafting import Draft, draft_reference, eigen_mode_count
from autobm.agent.facts import ModelFacts
from autobm.agent.inspection import InspectionRequest, inspect_model
from autobm.agent.opensees import load_opensees
from autobm.agent.spec import BuildingSpec, complete_spec
from autobm.training.rewards.coverage import api_coverage

ops = load_opensees()

MODE_LINE = re.compile(r"^Mode (\d+): T = ([0-9.]+) s$", re.MULTILINE)
T1_LINE = re.compile(r"^T1 = ([0-9.]+) s$", re.MULTILINE)


def run_and_inspect(code: str, **request) -> ModelFacts:
    """Execute a model script in this process, then inspect what OpenSees holds."""
    ops.wipe()
    exec(compile(code, "model.py", "exec"), {"__name__": "__main__"})
    return inspect_model(InspectionRequest(**request))


SPECS: dict[str, dict] = {
    "rc_3d_diaphragm": {"stories": 5, "story_height_m": 3.5, "bays_x": 3, "bays_y": 2, "bay_width_m": 6.0,
                        "seismic": {"intensity": 8}},
    "rc_3d_no_diaphragm": {"stories": 3, "story_height_m": 3.3, "bays_x": 2, "bays_y": 2, "bay_width_m": 7.0,
                           "rigid_diaphragm": False, "seismic": {"intensity": 7}},
    "rc_3d_one_story": {"stories": 1, "story_height_m": 4.0, "bay_widths_x_m": [6.0, 8.0], "bays_y": 1,
                        "bay_width_y_m": 5.0, "seismic": {"intensity": 7}},
    # a plan unsymmetric both ways: forces along X also move the floors along Y (a regression: the Y
    # drifts the script printed were measured from the X loads' state)
    "rc_3d_unsymmetric": {"stories": 4, "story_height_m": 3.3, "bay_widths_x_m": [3.0, 12.0],
                          "bay_widths_y_m": [4.0, 6.0, 10.0], "seismic": {"intensity": 8}},
    "steel_3d_asce": {"system": "steel_frame", "stories": 4, "bays_x": 2, "bays_y": 2, "bay_width_m": 9.0,
                      "seismic": {"code": "asce7", "sds_g": 1.0, "sd1_g": 0.6, "s1_g": 0.75}},
    "steel_2d": {"system": "steel_frame", "stories": 4, "story_heights_m": [4.5, 3.6, 3.6, 3.6],
                 "bays_x": 3, "bay_width_m": 8.0, "seismic": {"code": "en1998", "ground_type": "B"}},
    "rc_2d_ranges": {"stories": 6, "story_heights_m": [4.2, 3.3, 3.3, 3.3, 3.0, 3.0],
                     "bay_widths_x_m": [6.0, 3.0, 6.0], "tributary_width_m": 6.0,
                     "columns": [{"b_m": 0.6, "h_m": 0.6, "to_story": 2}, {"b_m": 0.5, "h_m": 0.5, "from_story": 3}],
                     "beams": [{"b_m": 0.3, "h_m": 0.6, "to_story": 3}, {"b_m": 0.25, "h_m": 0.5, "from_story": 4}],
                     "seismic": {"code": "asce7", "sds_g": 0.8, "sd1_g": 0.4}},
    "rc_2d_one_bay": {"stories": 1, "story_height_m": 3.0, "bays_x": 1, "bay_width_m": 6.0,
                      "seismic": {"intensity": 6}},
    # an ordinary moment frame (R 3.5, Cd 3) past a (short) TL, Eq. 12.8-4; a one-bay DCH frame (q = 4.5 x 1.2)
    "steel_2d_omf_tl": {"system": "steel_frame", "stories": 4, "bays_x": 2, "bay_width_m": 8.0,
                        "seismic": {"code": "asce7", "sds_g": 0.5, "sd1_g": 0.3, "frame_type": "ordinary", "tl_s": 0.5}},
    "rc_2d_dch_one_bay": {"stories": 3, "story_height_m": 3.3, "bays_x": 1, "bay_width_m": 7.0,
                          "seismic": {"code": "en1998", "ground_type": "C", "ductility_class": "DCH"}},
    "shear_4": {"system": "shear_building", "stories": 4, "story_heights_m": [4.0, 3.0, 3.0, 3.0],
                "floor_masses_kg": [3.0e5, 2.8e5, 2.8e5, 2.0e5],
                "story_stiffnesses_n_per_m": [4.0e8, 3.5e8, 3.0e8, 2.0e8], "seismic": {"intensity": 8}},
}


@pytest.fixture(scope="module", params=sorted(SPECS))
def drafted(request) -> tuple[BuildingSpec, Draft, ModelFacts]:
    spec = complete_spec(SPECS[request.param])
    draft = draft_reference(spec)
    facts = run_and_inspect(draft.code, num_modes=eigen_mode_count(spec)[0])
    return spec, draft, facts


def expected_counts(spec: BuildingSpec) -> tuple[int, int]:
    """(nodes, elements) of the reference model of ``spec``."""
    n = spec.stories
    if spec.system == "shear_building":
        return n + 1, n
    nx = len(spec.bay_widths_x_m)
    if spec.dimensions == 2:
        return (nx + 1) * (n + 1), n * (nx + 1) + n * nx
    ny = len(spec.bay_widths_y_m)
    nodes = (nx + 1) * (ny + 1) * (n + 1) + (n if spec.rigid_diaphragm else 0)
    return nodes, n * (nx + 1) * (ny + 1) + n * (nx * (ny + 1) + ny * (nx + 1))


def test_geometry_counts_match_the_spec(drafted):
    spec, _, facts = drafted
    nodes, elements = expected_counts(spec)
    assert (len(facts.nodes), len(facts.elements)) == (nodes, elements)
    assert (facts.ndm, facts.ndf) == ((3, 6) if spec.dimensions == 3 else (2, 3))
    assert facts.vertical_axis == (2 if spec.dimensions == 3 else 1)


def test_floors_levels_and_masses_match_the_spec(drafted):
    spec, _, facts = drafted
    levels = [sum(spec.story_heights_m[: i + 1]) for i in range(spec.stories)]
    assert [f.level_m for f in facts.floors] == pytest.approx(levels, rel=1e-12)
    assert [f.mass_kg for f in facts.floors] == pytest.approx(spec.seismic_floor_masses_kg(), rel=1e-6)
    assert facts.total_mass_kg == pytest.approx(spec.total_mass_kg(), rel=1e-6)


def test_model_analyses_cleanly(drafted):
    spec, _, facts = drafted
    assert facts.analysis_errors == []
    assert facts.modal is not None and len(facts.modal.periods_s) == eigen_mode_count(spec)[0]
    assert facts.gravity is not None and facts.gravity.relative_error < 1e-9
    if spec.dimensions == 3 and spec.rigid_diaphragm:
        assert len(facts.constraints) == spec.stories  # one diaphragm per floor, DOFs X, Y, RZ
        assert all(c.dofs == [1, 2, 6] for c in facts.constraints)


def test_assumptions_are_returned_and_stated_in_the_header(drafted):
    spec, draft, _ = drafted
    header = draft.code.split('"""')[1]
    assert spec.summary() in header
    assert "Units: SI (m, N, kg, Pa, s)" in header
    assert draft.assumptions and all(a in header for a in draft.assumptions)


def test_user_text_cannot_break_out_of_the_header():
    name = 'Block "A" """ \\ """; import os'
    code = draft_reference(complete_spec(dict(SPECS["shear_4"], name=name))).code
    tree = ast.parse(code)  # still valid Python
    assert f"Name: {name}" in ast.get_docstring(tree)  # the name stayed inside the docstring, verbatim


def test_drafting_is_deterministic(drafted):
    spec, draft, _ = drafted
    again = draft_reference(BuildingSpec.model_validate(spec.model_dump()))
    assert again.code == draft.code
    assert again.assumptions == draft.assumptions


# --- Scripts that run on their own ---------------------------------------------------------


@pytest.mark.parametrize("name", ["rc_3d_diaphragm", "steel_2d", "shear_4"])
def test_script_runs_with_plain_python(name, tmp_path):
    spec = complete_spec(SPECS[name])
    draft = draft_reference(spec)
    path = tmp_path / "model.py"
    path.write_text(draft.code)
    env = {k: v for k, v in os.environ.items() if k not in ("LD_LIBRARY_PATH", "LD_PRELOAD")}
    done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=60,
                          cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    modes = [(int(r), float(t)) for r, t in MODE_LINE.findall(done.stdout)]
    count = eigen_mode_count(spec)[0]
    assert [r for r, _ in modes] == list(range(1, count + 1))
    t1 = float(T1_LINE.search(done.stdout).group(1))
    facts = run_and_inspect(draft.code, num_modes=count)
    assert t1 == pytest.approx(facts.modal.periods_s[0], abs=1e-6)
    assert [t for _, t in modes] == pytest.approx(facts.modal.periods_s, abs=1e-6)


def test_a_tall_3d_frame_is_eigen_analysed_in_seconds_by_its_script_and_by_inspection():
    """A user's 60-story 5 x 5 bay frame timed out at the script's ops.eigen (3 minutes alone): ARPACK factorised
    through OpenSees' default ProfileSPD system, whose skyline with rigid diaphragms spans the model (a 20-story
    frame took 10 s), and inspection's own eigen analysis did the same. On a sparse system the 60-story frame takes
    0.4 s; this 30-story one took about 30 s before, in each."""
    spec = complete_spec({"system": "steel_frame", "stories": 30, "story_height_m": 4.0, "bays_x": 5, "bays_y": 5,
                          "bay_width_m": 9.0, "seismic": {"intensity": 7}})
    script: dict = {"__name__": "model"}  # its functions, not its main program
    exec(compile(draft_reference(spec).code, "model.py", "exec"), script)
    script["build_model"]()
    t0 = time.perf_counter()
    periods = script["eigen_periods"]()
    script_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    facts = inspect_model(InspectionRequest(num_modes=len(periods), run_gravity=False))
    inspection_s = time.perf_counter() - t0
    assert script_s < 5 and inspection_s < 5, (script_s, inspection_s)
    assert len(periods) == 12 and facts.modal.periods_s == pytest.approx(periods, rel=1e-9)


# --- Sections, stiffness modifiers, materials ---------------------------------------------------


def _column_and_beam_inertia(tag: int, length_m: float, e_pa: float, ndm: int) -> float:
    """Strong-axis I of an elastic element from its basic stiffness 4EI/L."""
    k = ops.basicStiffness(tag)
    size = 3 if ndm == 2 else 6
    return k[1 * size + 1] * length_m / (4 * e_pa)


def test_sections_follow_story_ranges():
    spec = complete_spec(SPECS["rc_2d_ranges"])
    run_and_inspect(draft_reference(spec).code, run_gravity=False)
    e = spec.material.elastic_modulus_pa
    nx = len(spec.bay_widths_x_m)
    n = spec.stories
    for story in range(1, n + 1):
        column_tag = (story - 1) * (nx + 1) + 1
        beam_tag = n * (nx + 1) + (story - 1) * nx + 1
        col = spec.sections.column_at(story, n).properties()[1]
        beam = spec.sections.beam_at(story, n).properties()[1]
        assert _column_and_beam_inertia(column_tag, spec.story_heights_m[story - 1], e, 2) == pytest.approx(
            spec.stiffness.column_inertia_factor * col, rel=1e-9)
        assert _column_and_beam_inertia(beam_tag, spec.bay_widths_x_m[0], e, 2) == pytest.approx(
            spec.stiffness.beam_inertia_factor * beam, rel=1e-9)
    # ASCE 7 RC frame: cracked sections 0.70 Ig columns, 0.35 Ig beams (ACI 318-19 6.6.3.1.1).
    assert (spec.stiffness.column_inertia_factor, spec.stiffness.beam_inertia_factor) == (0.70, 0.35)
    # Story 1 column 0.6 m square: Ig = 0.6^4 / 12 = 0.0108 m^4.
    assert spec.sections.column_at(1, n).properties()[1] == pytest.approx(0.0108, rel=1e-12)


def test_3d_members_oriented_and_shear_modulus_from_poisson():
    spec = complete_spec(SPECS["steel_3d_asce"])
    run_and_inspect(draft_reference(spec).code, run_gravity=False)
    e = spec.material.elastic_modulus_pa
    area, i_strong, i_weak, torsion = spec.sections.column_at(1, spec.stories).properties()
    k = ops.basicStiffness(1)  # first column of story 1, 6 x 6: N, Mz_i, Mz_j, My_i, My_j, T
    h = spec.story_heights_m[0]
    assert k[0] == pytest.approx(e * area / h, rel=1e-9)
    assert k[7] == pytest.approx(4 * e * i_strong / h, rel=1e-9)  # Iz: strong axis, sway along X
    assert k[21] == pytest.approx(4 * e * i_weak / h, rel=1e-9)
    g = e / (2 * (1 + 0.3))  # steel, nu = 0.3
    assert k[35] == pytest.approx(g * torsion / h, rel=1e-9)


def test_rigid_diaphragm_master_carries_mass_and_polar_inertia():
    spec = complete_spec(SPECS["rc_3d_diaphragm"])
    facts = run_and_inspect(draft_reference(spec).code, run_gravity=False)
    lx, ly = spec.plan_x_m, spec.plan_y_m
    m = spec.seismic_floor_masses_kg()[0]
    master = next(n for n in facts.nodes if n.tag == 10000 + 9999)
    assert master.coords_m == pytest.approx([lx / 2, ly / 2, spec.story_heights_m[0]])
    assert master.mass == pytest.approx([m, m, 0, 0, 0, m * (lx**2 + ly**2) / 12], rel=1e-9)
    assert master.fixed_dofs == [3, 4, 5]
    assert sum(facts.modal.mass_participation_x) + sum(facts.modal.mass_participation_y) <= 2.0 + 1e-9


def test_no_diaphragm_masses_by_tributary_area():
    spec = complete_spec(SPECS["rc_3d_no_diaphragm"])
    facts = run_and_inspect(draft_reference(spec).code, run_gravity=False)
    m = spec.seismic_floor_masses_kg()[0]
    area = spec.plan_x_m * spec.plan_y_m
    by_tag = {n.tag: n for n in facts.nodes}
    corner, edge, middle = by_tag[10001], by_tag[10002], by_tag[10000 + 100 + 2]
    assert corner.mass[0] == pytest.approx(m * 3.5 * 3.5 / area, rel=1e-9)
    assert edge.mass[0] == pytest.approx(m * 7.0 * 3.5 / area, rel=1e-9)
    assert middle.mass[:2] == pytest.approx([m * 7.0 * 7.0 / area] * 2, rel=1e-9)
    assert facts.constraints == []


def test_shear_building_story_stiffness_is_exact():
    """Static check: a unit force at the roof of the stick moves it by sum(1/k_i) (springs in series)."""
    spec = complete_spec(SPECS["shear_4"])
    run_and_inspect(draft_reference(spec).code, run_gravity=False)
    for pattern in ops.getPatterns():  # the script's own lateral load, and the state it left
        ops.remove("loadPattern", pattern)
    ops.reset()
    ops.wipeAnalysis()
    ops.timeSeries("Constant", 101)
    ops.pattern("Plain", 101, 101)
    ops.load(spec.stories + 1, 1.0, 0.0, 0.0)
    ops.constraints("Plain")
    ops.system("BandGeneral")
    ops.numberer("Plain")
    ops.algorithm("Linear")
    ops.integrator("LoadControl", 1.0)
    ops.analysis("Static")
    assert ops.analyze(1) == 0
    flexibility = sum(1 / k for k in spec.story_stiffnesses_n_per_m)
    assert ops.nodeDisp(spec.stories + 1, 1) == pytest.approx(flexibility, rel=1e-9)


def test_periods_respond_to_the_spec():
    """Heavier floors lengthen the period as sqrt(mass): T ~ sqrt(m / k) at fixed stiffness."""
    base = dict(SPECS["rc_2d_one_bay"], floor_masses_kg=[4.0e4])
    heavy = dict(base, floor_masses_kg=[1.6e5])
    t_base = run_and_inspect(draft_reference(complete_spec(base)).code, run_gravity=False).modal.periods_s[0]
    t_heavy = run_and_inspect(draft_reference(complete_spec(heavy)).code, run_gravity=False).modal.periods_s[0]
    assert t_heavy / t_base == pytest.approx(math.sqrt(4.0), rel=1e-9)


# --- The script's own analyses: gravity, lateral forces, drifts ---------------------------------

STORY_LINE = re.compile(r"^Story (\d+) along ([XY]): drift ratio ([0-9.]+) ", re.MULTILINE)
GRAVITY_LINE = re.compile(r"^Gravity: floor weights ([0-9.]+) kN, axial force at the column bases ([-0-9.]+) kN$",
                          re.MULTILINE)
LATERAL_LINE = re.compile(r"^Lateral forces along ([XY]) at T = ([0-9.]+) s: base shear ([0-9.]+) kN, "
                          r"resisted at the column bases ([-0-9.]+) kN$", re.MULTILINE)
SHAPE_LINE = re.compile(r"^Mode (\d+) shape along X \(roof = 1\): (.*)$", re.MULTILINE)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_script_reports_what_autobm_computes(name):
    """Gravity equilibrium, the ELF base shear and every story drift ratio the script prints agree with
    autobm's own analyses of the model it built (inspection at the first mode's period along each
    direction, by the code): along X, and along Y in 3D."""
    spec = complete_spec(SPECS[name])
    out = io.StringIO()
    ops.wipe()
    with contextlib.redirect_stdout(out):
        exec(compile(draft_reference(spec).code, "model.py", "exec"), {"__name__": "__main__"})
    facts = inspect_model(InspectionRequest(num_modes=eigen_mode_count(spec)[0], seismic=spec.seismic,
                                            system=spec.system))
    printed = out.getvalue()
    assert facts.analysis_errors == []
    lines = LATERAL_LINE.findall(printed)
    assert [axis for axis, *_ in lines] == (["X", "Y"] if spec.dimensions == 3 else ["X"])
    for (axis, *numbers), lateral in zip(lines, facts.lateral, strict=True):
        assert lateral.direction == axis.lower()
        period, applied, resisted = map(float, numbers)
        first = facts.modal.dominant_direction.index(axis.lower())
        assert period == pytest.approx(facts.modal.periods_s[first], abs=6e-4)
        assert applied == pytest.approx(lateral.base_shear_n / 1e3, abs=0.06)
        assert resisted == pytest.approx(applied, abs=0.11)  # equilibrium: the column bases take all of it
        drifts = [float(r) for _, a, r in STORY_LINE.findall(printed) if a == axis]
        assert drifts == pytest.approx(lateral.story_drift_ratios, rel=2e-3, abs=2e-6)
    shape = [float(v) for v in SHAPE_LINE.search(printed).group(2).split(", ")]
    assert shape == pytest.approx(facts.modal.first_mode_shape_x, abs=2e-3)
    gravity = GRAVITY_LINE.search(printed)
    if spec.system == "shear_building":
        assert gravity is None  # no beams to load: the floors' vertical restraints would take it all
    else:
        weight, axial = map(float, gravity.groups())
        assert weight == pytest.approx(spec.total_mass_kg() * 9.80665 / 1e3, abs=0.06)
        assert axial == pytest.approx(weight, abs=0.11)  # local y of every beam points up


@pytest.mark.parametrize("name", sorted(SPECS))
def test_reference_scripts_call_the_24_apis_of_the_reward(name):
    """The reference scripts are the SFT teacher: they use the 24 OpenSeesPy calls the published reward
    counts (a shear building has no beams to load: no eleLoad, and no gravity step to hold: no loadConst)."""
    spec = complete_spec(SPECS[name])
    coverage = api_coverage(draft_reference(spec).code)
    expected = ["eleLoad", "loadConst"] if spec.system == "shear_building" else []
    assert sorted(coverage.missing) == expected
    assert coverage.undefined_names == []
