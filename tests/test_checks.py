"""The pure checks over hand-built ModelFacts: each can pass and each can fail."""

from __future__ import annotations

import math

import pytest

from autobm.agent.checks import (
    asce7_sdc,
    check_analysis_method,
    check_base_fixed,
    check_drift,
    check_end_offsets,
    check_equilibrium,
    check_first_mode_participation,
    check_masses_positive,
    check_no_free_nodes,
    check_period_code_band,
    check_period_reference,
    check_plan,
    check_printed_period,
    check_rotational_inertia,
    check_story_count,
    check_stability,
    check_story_heights,
    check_torsion,
    check_total_mass,
    drift_limit,
    printed_fundamental_period_s,
    stability_coefficients,
    run_checks,
)
from autobm.agent.facts import (
    ElementFact,
    FloorFact,
    GravityFacts,
    LateralFacts,
    ModalFacts,
    ModelFacts,
    NodeFact,
)
from autobm.agent.parsing import parse_text
from autobm.agent.spec import complete_spec


def _spec(**kw):
    given = {"stories": 2, "story_height_m": 3.0, "bays_x": 1, "bay_width_m": 6.0, "dimensions": 2,
             "seismic": {"intensity": 8}}
    given.update(kw)
    return complete_spec(given)


def _frame_facts(spec, *, heights=(3.0, 6.0), width=6.0, mass_scale=1.0, fixed=True, period=0.5, extra_node=False):
    """A 2D one-bay portal, two floors: 6 nodes, 6 elements, floor masses as the spec says (the roof's lighter)."""
    floor_masses = [m * mass_scale for m in spec.seismic_floor_masses_kg()]
    nodes, tag = [], 1
    for level, z in enumerate((0.0, *heights)):
        for x in (0.0, width):
            m = [] if z == 0 else [floor_masses[level - 1] / 2, 0.0, 0.0]
            nodes.append(NodeFact(tag=tag, coords_m=[x, z], mass=m, fixed_dofs=[1, 2, 3] if (z == 0 and fixed) else []))
            tag += 1
    if extra_node:
        nodes.append(NodeFact(tag=99, coords_m=[3.0, 1.5]))
    elements = [ElementFact(tag=1, nodes=[1, 3]), ElementFact(tag=2, nodes=[2, 4]), ElementFact(tag=3, nodes=[3, 4]),
                ElementFact(tag=4, nodes=[3, 5]), ElementFact(tag=5, nodes=[4, 6]), ElementFact(tag=6, nodes=[5, 6])]
    floors = [FloorFact(level_m=z, nodes=[], mass_kg=m) for z, m in zip(heights, floor_masses)]
    lam = (2 * math.pi / period) ** 2
    return ModelFacts(
        ndm=2, ndf=3, vertical_axis=1, nodes=nodes, elements=elements, floors=floors, base_level_m=0.0,
        total_mass_kg=sum(floor_masses),
        modal=ModalFacts(eigenvalues=[lam], periods_s=[period], mass_participation_x=[0.85]),
        gravity=GravityFacts(applied_vertical_n=1e5, reaction_vertical_n=1e5, relative_error=0.0),
        lateral=[LateralFacts(direction="x", code="gb50011", base_shear_n=1e4, story_forces_n=[4e3, 6e3],
                              floor_displacements_m=[0.003, 0.005], story_drifts_m=[0.003, 0.002],
                              story_heights_m=[3.0, 3.0], story_drift_ratios=[0.001, 0.000667])],
    )


def test_a_consistent_model_passes_every_check():
    spec = _spec()
    facts = _frame_facts(spec)
    report = run_checks(spec, facts, stdout="T1 = 0.5000 s", reference=facts)
    assert report.passed, [c for c in report.checks if c.status == "failed"]
    assert {c.id for c in report.checks} >= {"geometry.stories", "mass.total", "drift.limit", "period.reference_model"}
    for c in report.checks:
        assert c.status in ("passed", "skipped")


def test_story_count_and_heights_fail_with_the_expected_elevations():
    spec = _spec(stories=3)
    facts = _frame_facts(_spec())
    r = check_story_count(spec, facts)
    assert r.status == "failed" and "3, 6, 9" in r.message
    r = check_story_heights(_spec(), _frame_facts(_spec(), heights=(3.0, 7.0)))
    assert r.status == "failed" and r.value == pytest.approx(1.0)


def test_plan_fails_on_wrong_bay_width():
    spec = _spec()
    assert check_plan(spec, _frame_facts(spec)).status == "passed"
    r = check_plan(spec, _frame_facts(spec, width=6000.0))
    assert r.status == "failed" and "6000" in r.message


def test_unfixed_base_and_free_node_and_no_mass_fail():
    spec = _spec()
    assert check_base_fixed(_frame_facts(spec, fixed=False)).status == "failed"
    assert check_no_free_nodes(_frame_facts(spec, extra_node=True)).status == "failed"
    assert check_masses_positive(_frame_facts(spec, mass_scale=0.0)).status == "failed"


def test_a_base_node_left_unfixed_fails_even_when_another_is_fixed():
    spec = _spec()
    facts = _frame_facts(spec)
    facts.nodes[1].fixed_dofs = []  # the second column foot, at (6, 0)
    r = check_base_fixed(facts)
    assert r.status == "failed" and "base nodes [2]" in r.message and r.limit == "all 2" and r.value == 1
    pinned = _frame_facts(spec)
    for n in pinned.nodes[:2]:
        n.fixed_dofs = [1, 2]  # pinned feet: translations fixed, rotation free
    assert check_base_fixed(pinned).status == "passed"
    on_spring = _frame_facts(spec)  # the foot on a support spring: its own node over a fixed one
    on_spring.nodes[1].fixed_dofs = []
    on_spring.nodes.append(NodeFact(tag=50, coords_m=[6.0, 0.0], fixed_dofs=[1, 2, 3]))
    on_spring.elements.append(ElementFact(tag=50, nodes=[50, 2], type="ZeroLength"))
    assert check_base_fixed(on_spring).status == "passed"


def test_total_mass_names_a_factor_of_1000():
    spec = _spec()
    r = check_total_mass(spec, _frame_facts(spec, mass_scale=1000.0))
    assert r.status == "failed" and "1000" in r.message
    r = check_total_mass(spec, _frame_facts(spec, mass_scale=1 / 9.80665))
    assert r.status == "failed" and "weight" in r.message


def test_equilibrium_fails_when_reactions_do_not_balance():
    spec = _spec()
    facts = _frame_facts(spec)
    facts.gravity = GravityFacts(applied_vertical_n=1e5, reaction_vertical_n=0.9e5, relative_error=0.1)
    assert check_equilibrium(facts).status == "failed"


@pytest.mark.parametrize("printed,hint", [
    (2 * math.pi / (2 * math.pi / 0.5) ** 2, "2π/λ"),
    (2 * math.pi / 0.5, "ω"),
    (0.25, "π/√λ, half the period"),  # T = 0.5 s: π/√λ = T/2
    (0.5 / (2 * math.pi), "1/ω = 1/√λ"),
    ((2 * math.pi / 0.5) ** 2, "the eigenvalue λ = ω² itself"),
    (1 / (2 * math.pi / 0.5) ** 2, "1/λ = 1/ω²"),
    (2.0, ""),
])
def test_printed_period_catches_the_classic_mistakes(printed, hint):
    facts = _frame_facts(_spec(), period=0.5)
    r = check_printed_period(facts, f"T1 = {printed:.6f} s")
    assert r.status == "failed"
    assert hint in r.message


def test_a_printed_period_of_another_mode_is_named():
    facts = _frame_facts(_spec(), period=0.5)
    facts.modal = ModalFacts(eigenvalues=[(2 * math.pi / t) ** 2 for t in (0.5, 0.16)], periods_s=[0.5, 0.16],
                             mass_participation_x=[0.85, 0.12])
    r = check_printed_period(facts, "T1 = 0.160 s")
    assert r.status == "failed" and "mode 2's period (0.16 s)" in r.message


@pytest.mark.parametrize(("column", "status"), [("0.5000", "passed"), ("2.0000", "failed")])
def test_a_period_printed_in_a_table_is_read_from_its_period_column(column, status):
    """A table of modes ('Mode | Period [s] | Freq [Hz]'): it read as 'no period printed', so a wrong column passed."""
    table = ("-" * 30 + "\nMode | Period [s] | Freq [Hz]\n" + "-" * 30 + f"\n   1 |     {column} |    2.0000\n"
             "   2 |     0.1600 |    6.2500\n" + "-" * 30)
    r = check_printed_period(_frame_facts(_spec(), period=0.5), table)
    assert r.status == status and r.value == float(column), r.message
    if status == "failed":
        assert "frequency f = ω/2π in Hz" in r.message


def test_printed_period_is_skipped_when_nothing_is_printed():
    assert check_printed_period(_frame_facts(_spec()), "done").status == "skipped"


@pytest.mark.parametrize("text,value", [
    ("T1 = 0.8123 s", 0.8123), ("Mode 1: T = 1.25 s", 1.25), ("基本周期T1=0.95s", 0.95),
    ("Fundamental period: 0.7 s", 0.7), ("Periods: [0.61, 0.2]", 0.61), ("nothing here", None),
    ("Period of mode 1: 0.1508 sec", 0.1508), ("T1 = 150.8 ms", 0.1508), ("period of the first mode = 812 msec", 0.812),
    # listings counted from 0: the lowest number is the first mode
    ("T0 = 0.5648 s\nT1 = 0.1625 s\nT2 = 0.0844 s", 0.5648), ("Mode 0: T = 0.5648 s\nMode 1: T = 0.1625 s", 0.5648),
    ("T0 = 0.12 s, Ts = 0.6 s (spectrum)\nT1 = 0.56 s", 0.56),  # ASCE 7's T0 = 0.2 SD1/SDS is no mode
    ("Period ratio T2/T1 = 0.288\nT1 = 0.5648 s", 0.5648),  # a ratio is no period
    ("Fundamental period of the 3-story frame: 0.565 s", 0.565), ("Fundamental period (mode 1) = 0.565 s", 0.565),
    ("Fundamental period of the 12-story frame 0.9 s", 0.9),
    # the seventh script probe's formats: a list after 'T [s] =', a DataFrame (with and without its index), rows of a
    # mode number and a period under a heading (its mode number was read as T1 = 1 s), and what is no period
    ("T [s] = 0.546, 0.525, 0.400, 0.164", 0.546),
    (" mode  omega_rad_s      T_s     f_Hz\n    1    12.442873 0.504963 1.980345\n    2    13.229117 0.474951 2.105479",
     0.504963),
    ("   mode  omega_rad_s      T_s\n0     1    12.442873 0.504963\n1     2    13.229117 0.474951", 0.504963),
    (" 1   0.4801 s\n 2   0.4614 s\n 3   0.3925 s", 0.4801),
    ("Modal periods:\n  1  0.3216 s\n  2  0.3176 s\n  3  0.2647 s", 0.3216),
    ("Mode 0  0.61 s\n", 0.61), ("Story drifts:\n  1  0.0021\n  2  0.0018", None), ("T = 0.55 s, f = 1.8 Hz", None),
    ("第1阶周期: 2.1540 s\n第2阶周期: 0.7 s", 2.154), ("第 1 阶自振周期T1=0.62s", 0.62),  # the eighth script probe
])
def test_printed_period_patterns(text, value):
    assert printed_fundamental_period_s(text) == (pytest.approx(value, rel=1e-12) if value else value)


def test_reference_tiers():
    spec = _spec()
    ref = _frame_facts(spec, period=0.5)
    assert check_period_reference(spec, _frame_facts(spec, period=0.54), ref).status == "passed"
    r = check_period_reference(spec, _frame_facts(spec, period=0.58), ref)
    assert r.status == "failed" and "within 20 %" in r.message
    r = check_period_reference(spec, _frame_facts(spec, period=1.0), ref)
    assert "beyond 40 %" in r.message


def test_a_model_that_twists_first_is_compared_by_its_first_swaying_mode_in_the_message():
    spec = _spec(dimensions=3, bays_y=1)
    ref = _frame_facts(spec, period=0.32)
    twisting = _modal([0.97, 0.38, 0.32], [0.0, 0.01, 0.9], [0.0, 0.0, 0.0])
    r = check_period_reference(spec, twisting, ref)
    assert r.status == "failed" and "Mode 1 of the model twists" in r.message and "mode 3, has T = 0.32 s" in r.message
    # a 2D spec's frame is judged in its plane, X: by mode 3, the first along it, and told so
    plane = check_period_reference(_spec(), twisting, _frame_facts(_spec(), period=0.32))
    assert plane.status == "passed" and plane.value == 0.32 and "mode 3's (0.32 s), the first along X" in plane.message


def test_code_band_reports_the_reduction_coefficient_and_catches_unit_errors():
    spec = _spec()
    ok = check_period_code_band(spec, _frame_facts(spec, period=0.3))
    assert ok.status == "passed" and "ψT = 0.7" in ok.message and "GB 50009" in ok.clause
    bad = check_period_code_band(spec, _frame_facts(spec, period=30.0))
    assert bad.status == "failed"


def test_drift_limit_by_code():
    spec = _spec()
    facts = _frame_facts(spec)
    assert check_drift(spec, facts).status == "passed"
    facts.lateral[0].story_drift_ratios = [1 / 400, 1 / 600]
    r = check_drift(spec, facts)
    assert r.status == "failed" and r.limit == pytest.approx(1 / 550, rel=1e-4) and "Table 5.5.1" in r.clause
    asce = _spec(seismic={"code": "asce7", "sds_g": 1.0, "sd1_g": 0.6})
    assert check_drift(asce, facts).status == "passed"  # 1/400 < 0.020


def test_a_3d_model_whose_lateral_analysis_along_y_did_not_run_does_not_pass_on_x_alone():
    spec = _spec(dimensions=3, bays_y=1)
    facts = _frame_facts(spec).model_copy(update={"ndm": 3, "ndf": 6, "vertical_axis": 2,
                                                  "analysis_errors": ["lateral y: RuntimeError: analyze returned -3"]})
    r = check_drift(spec, facts)
    assert r.status == "failed" and "along Y did not run" in r.message and "analyze returned -3" in r.message
    both = facts.model_copy(update={"lateral": facts.lateral + [facts.lateral[0].model_copy(update={"direction": "y"})],
                                    "analysis_errors": []})
    assert check_drift(spec, both).status == "passed"


@pytest.mark.parametrize("code, seismic, value, what", [
    # JGJ 3-2010 3.4.5 holds both the displacements and the story drifts; ASCE 7-22 Table 12.3-1 type 1a the drifts;
    # EN 1998's plan regularity is not this ratio: the displacements, as GB 50011 Table 3.4.3-1 takes them.
    ("gb50011", {"intensity": 8}, 1.35, "story drift"),
    ("asce7", {"code": "asce7", "sds_g": 1.0, "sd1_g": 0.6}, 1.35, "story drift"),
    ("en1998", {"code": "en1998", "ground_type": "B"}, 1.25, "displacement"),
])
def test_torsion_is_judged_by_the_codes_measure_with_the_accidental_eccentricity(code, seismic, value, what):
    spec = _spec(dimensions=3, bays_y=1, seismic=seismic)
    facts = _frame_facts(spec).model_copy(update={"ndm": 3, "ndf": 6, "vertical_axis": 2})
    lateral = facts.lateral[0].model_copy(update={"edge_displacement_ratios": [1.25, 1.1],
                                                  "edge_drift_ratios": [1.25, 1.35],
                                                  "edge_displacement_ratios_centred": [1.02, 1.01],
                                                  "accidental_eccentricity": 0.05})
    facts = facts.model_copy(update={"lateral": [lateral, lateral.model_copy(update={"direction": "y"})]})
    r = check_torsion(spec, facts)
    assert r.status == "warning" and r.value == value and f"larger edge {what} is {value:.3f}" in r.message
    assert "accidental eccentricity of 5%" in r.message and "soft in torsion" in r.message
    assert ("story 2" if what == "story drift" else "floor 1") in r.message
    untwisted = facts.model_copy(update={"lateral": [lat.model_copy(update={"accidental_eccentricity": 0.0})
                                                     for lat in facts.lateral]})
    assert "without the accidental eccentricity" in check_torsion(spec, untwisted).message


def test_a_long_plan_is_soft_in_torsion_under_the_accidental_eccentricity():
    """67.2 m by 10.8 m (8 bays of 8.4 m by 2 of 5.4 m, the bench's BMB-066): along Y the force moved 3.36 m along the
    plan turns the floors, its ends move 1.23 times their mean; a regular plan with its forces at the masses does not
    turn at all. A warning (torsionally irregular, GB 50011-2010 Table 3.4.3-1), not a failure: it still verifies."""
    from autobm.agent.pipeline import run_spec

    spec = complete_spec({"stories": 2, "story_height_m": 3.6, "bays_x": 8, "bay_width_x_m": 8.4, "bays_y": 2,
                          "bay_width_y_m": 5.4, "seismic": {"intensity": 7}, "occupancy": "office"})
    result = run_spec(spec)
    torsion = next(c for c in result.checks if c.id == "regularity.torsion")
    assert result.status == "verified" and torsion.status == "warning" and 1.2 < torsion.value < 1.3
    assert "along Y twists" in torsion.message and "frames along Y at the two ends of the plan" in torsion.message
    x, y = result.facts.lateral
    assert max(x.edge_displacement_ratios) < 1.02 and y.edge_displacement_ratios_centred == pytest.approx([1, 1])


def test_the_stability_coefficient_by_hand_and_its_limits_by_code():
    """θ = P Δ / (V h) per story (ASCE 7 12.8.7, EN 1998-1 4.4.2.2, GB 50011 3.6.3 / JGJ 3-2010 5.4.4)."""
    spec = _spec()
    facts = _frame_facts(spec)
    lat = facts.lateral[0]  # forces 4 and 6 kN, drifts 3 and 2 mm, 3 m stories
    w = [f.mass_kg * 9.80665 for f in facts.floors]
    assert stability_coefficients(facts, lat) == pytest.approx([(w[0] + w[1]) * 0.003 / (10e3 * 3), w[1] * 0.002 / (6e3 * 3)])
    unit = stability_coefficients(facts, lat)[0] / 0.003  # θ of story 1 per metre of its drift

    def at(theta, code_spec, *, code="gb50011", amplification=1.0, ratio=1e-4):
        drift = theta / unit / amplification
        f = facts.model_copy(update={"lateral": [lat.model_copy(update={
            "code": code, "amplification": amplification, "story_drifts_m": [drift, 0.0],
            "story_drift_ratios": [ratio, 0.0]})]})
        return check_stability(code_spec, f)

    gb = spec
    asce = _spec(seismic={"code": "asce7", "sds_g": 1.0, "sd1_g": 0.6})  # special RC frame: Cd 5.5, θmax 0.5/5.5
    en = _spec(seismic={"code": "en1998", "pga_g": 0.25, "ground_type": "C"})
    assert at(0.08, gb).status == "passed" and "may be neglected" in at(0.08, gb).message
    assert at(0.12, gb).status == "failed" and "JGJ 3-2010 5.4.4" in at(0.12, gb).clause
    assert at(0.08, asce).status == "passed"
    high = at(0.095, asce)
    assert high.status == "failed" and high.limit == pytest.approx(0.5 / 5.5) and "too flexible" in high.message
    assert at(0.15, en, code="en1998", amplification=4.0).value == pytest.approx(0.15)  # dr = q de
    counted = at(0.15, en, code="en1998", amplification=4.0)
    assert counted.status == "passed" and "1/(1 - theta)" in counted.message
    near = drift_limit(en).ratio * 0.9  # within the limit, but not once divided by 1 - 0.15
    assert at(0.15, en, code="en1998", amplification=4.0, ratio=near).status == "failed"
    assert "second-order analysis" in at(0.25, en, code="en1998", amplification=4.0).message
    assert "0.3" in at(0.35, en, code="en1998", amplification=4.0).message


def test_a_tall_asce_frame_too_flexible_for_its_weight_is_sized_for_stability_before_its_only_run():
    """20 stories of an intermediate steel moment frame (Cd 4, θmax 0.125): its preliminary sections give θ = 0.15
    (0.20 before the columns carried their gravity load), a building 'verified' before the check; they are sized
    before the run, and it verifies in one."""
    from autobm.agent.pipeline import run_spec

    text = ("20-story steel intermediate moment frame, 13 ft stories, 4 bays at 30 ft each way, SDS = 0.5 g, "
            "SD1 = 0.25 g, risk category III")
    spec = parse_text(text)
    unsized = run_spec(spec, size_for_drift=False)
    [before] = [c for c in unsized.checks if c.id == "drift.stability"]
    assert before.status == "failed" and before.value > 0.14 and before.limit == pytest.approx(0.125)
    sized = run_spec(spec)
    [after] = [c for c in sized.checks if c.id == "drift.stability"]
    assert sized.status == "verified" and sized.runs == 1 and after.status == "passed" and after.value <= 0.125


def _modal(periods, along_x, along_y):
    return ModelFacts(ndm=3, ndf=6, vertical_axis=2, nodes=[], elements=[], floors=[], base_level_m=0.0,
                      total_mass_kg=1.0,
                      modal=ModalFacts(eigenvalues=[(2 * math.pi / t) ** 2 for t in periods], periods_s=periods,
                                       mass_participation_x=along_x, mass_participation_y=along_y))


def test_a_torsional_first_mode_is_called_torsion_not_inconsistent_masses():
    twisting = check_first_mode_participation(_modal([1.2, 1.0, 0.9], [0.001, 0.81, 0.0], [0.0, 0.0, 0.8]))
    assert twisting.status == "failed" and "torsion" in twisting.message and "inconsistent" not in twisting.message
    lumpy = check_first_mode_participation(_modal([1.2, 1.0, 0.9], [0.3, 0.2, 0.1], [0.0, 0.1, 0.1]))
    assert lumpy.status == "failed" and "inconsistent" in lumpy.message and "torsion" not in lumpy.message


def test_first_mode_participation_sums_a_degenerate_pair_of_modes():
    """A doubly symmetric plan: X and Y share one period and the solver mixes them (seen on a
    15-story 1x1-bay frame: 36 % and 35 % along X)."""
    mixed = check_first_mode_participation(_modal([1.9597, 1.9597, 0.52], [0.359, 0.351, 0.12], [0.351, 0.359, 0.01]))
    assert mixed.status == "passed" and mixed.value == pytest.approx(0.71) and "modes 1, 2" in mixed.message
    lone = check_first_mode_participation(_modal([1.9597, 1.70, 0.52], [0.359, 0.351, 0.12], [0.351, 0.359, 0.01]))
    assert lone.status == "failed" and lone.value == pytest.approx(0.359)


@pytest.mark.parametrize(("text", "status", "limit"), [
    ("25-story RC frame, 3.6 m floors, 3 bays of 8 m, intensity 7", "warning", 50.0),  # 90 m > 50 m
    ("10-story RC frame, 3.6 m floors, 3 bays of 8 m, intensity 8 (0.30g)", "warning", 35.0),  # 36 m > 35 m
    ("8-story RC frame, 3.6 m floors, 3 bays of 8 m, intensity 8", "passed", 40.0),  # 28.8 m
    ("20-story steel frame, 4 m floors, 3 bays of 8 m, intensity 8 (0.30g)", "warning", 70.0),  # 80 m, Table 8.1.1
    ("20-story steel frame, 4 m floors, 3 bays of 8 m, intensity 7", "passed", 110.0),
])
def test_gb_height_limits_warn_without_failing(text, status, limit):
    """GB 50011 Tables 6.1.1 and 8.1.1: above the largest height a frame is out of the code's range
    (special review); a warning, since the model and its other checks still hold."""
    from autobm.agent.checks import check_height_limit

    result = check_height_limit(parse_text(text))
    assert (result.status, result.limit, result.unit) == (status, limit, "m")
    assert result.passed  # a warning never fails the run
    assert ("special seismic review" in result.message) == (status == "warning")


def test_special_moment_frames_have_no_height_limit():
    from autobm.agent.checks import check_height_limit

    spec = parse_text("30-story steel moment frame, 4 m floors, 3 bays of 8 m, ASCE 7, SDS 1.0 g, SD1 0.6 g")
    assert check_height_limit(spec).status == "skipped"


@pytest.mark.parametrize(("text", "status", "limit_ft"), [
    ("6-story steel ordinary moment frame, 12 ft floors, 3 bays of 30 ft, SDS = 1.0 g, SD1 = 0.6 g", "warning", 0.0),
    ("3-story steel intermediate moment frame, 12 ft floors, 3 bays of 30 ft, SDS = 1.0 g, SD1 = 0.6 g", "warning", 35.0),
    ("2-story steel intermediate moment frame, 12 ft floors, 3 bays of 30 ft, SDS = 1.0 g, SD1 = 0.6 g", "passed", 35.0),
    ("6-story RC ordinary moment frame, 12 ft floors, 3 bays of 30 ft, SDS = 0.4 g, SD1 = 0.1 g", "warning", 0.0),  # SDC C
    ("6-story RC ordinary moment frame, 12 ft floors, 3 bays of 30 ft, SDS = 0.2 g, SD1 = 0.08 g", "passed", None),  # SDC B
])
def test_asce7_frames_other_than_special_are_held_to_table_12_2_1(text, status, limit_ft):
    from autobm.agent.checks import check_height_limit

    result = check_height_limit(parse_text(text))
    assert result.status == status and result.passed, result.message
    assert result.limit == (None if limit_ft is None else pytest.approx(limit_ft * 0.3048))


def test_a_shear_building_says_whose_drift_limit_it_is_held_to():
    """GB 50011 Table 5.5.1 sets 1/550 for RC frames, 1/250 for steel: a shear building has no material."""
    spec = parse_text("two-story shear building, story height 3 m, floor masses 2e5 and 1e5 kg, "
                      "story stiffnesses 4e8 and 2e8 N/m, intensity 8")
    limit = drift_limit(spec)
    assert limit.ratio == pytest.approx(1 / 550) and "a shear building names no material" in limit.clause
    frame = drift_limit(parse_text("3-story RC frame, 2 bays of 6 m, intensity 8"))
    assert "shear building" not in frame.clause


@pytest.mark.parametrize(("text", "period", "status", "needle"), [
    ("12-story steel frame, 3.6 m floors, 3 bays of 8 m, intensity 8", 2.0, "warning", "GB 50011-2010 5.1.2"),
    ("10-story RC frame, 3.6 m floors, 3 bays of 8 m, intensity 8", 1.2, "passed", "GB 50011-2010 5.1.2"),
    ("8-story RC frame, 3.6 m floors, 3 bays of 8 m, EN 1998, ag 0.25 g, ground type C", 2.5, "warning", "min(4 TC, 2.0 s) = 2 s"),
    ("8-story RC frame, 3.6 m floors, 3 bays of 8 m, EN 1998, ag 0.25 g, ground type A", 1.7, "warning", "= 1.6 s"),
    ("8-story RC frame, 3.6 m floors, 3 bays of 8 m, EN 1998, ag 0.25 g, ground type C", 1.5, "passed", "4.3.3.2.1(2)a"),
    ("20-story steel frame, 4 m floors, 3 bays of 8 m, SDS 1.0 g, SD1 0.6 g", 3.5, "warning", "in SDC D the ELF procedure"),
    ("4-story RC frame, 3 bays of 6 m, SDS 0.3 g, SD1 0.1 g", 3.0, "passed", "SDC B and C"),
])
def test_the_lateral_force_method_is_flagged_outside_its_code_scope(text, period, status, needle):
    """GB 50011 5.1.2 (H <= 40 m), EN 1998-1 4.3.3.2.1 (T1 <= min(4 TC, 2 s)), ASCE 7 Table 12.6-1 (SDC D-F: T < 3.5 Ts)."""
    spec = parse_text(text)
    result = check_analysis_method(spec, _frame_facts(spec, period=period))
    assert result.status == status and needle in result.clause, result


def test_asce7_seismic_design_category_by_both_tables():
    """ASCE 7-22 Tables 11.6-1 and 11.6-2: the more severe; risk category IV one step up; S1 >= 0.75 g E or F."""
    assert [asce7_sdc(sds, sd1, "II") for sds, sd1 in ((0.1, 0.05), (0.2, 0.05), (0.4, 0.1), (0.3, 0.25))] == ["A", "B", "C", "D"]
    assert asce7_sdc(0.2, 0.05, "IV") == "C" and asce7_sdc(1.5, 0.9, "II", s1_g=0.8) == "E"


@pytest.mark.parametrize(("period", "needle"), [
    (30.0, "far longer than buildings of this height have: the model is too soft or too heavy"),
    (0.01, "far shorter than buildings of this height have: the model is too stiff or too light; check the units of masses"),
])
def test_a_period_outside_the_code_band_points_the_right_way(period, needle):
    spec = _spec()
    r = check_period_code_band(spec, _frame_facts(spec, period=period))
    assert r.status == "failed" and needle in r.message


@pytest.mark.parametrize("kw", [{"mass_scale": 1e-3, "period": 0.5 / 1000**0.5}, {"heights": (3000.0, 6000.0), "width": 6000.0}])
def test_drift_is_not_judged_on_a_model_in_other_units(kw):
    """A consistent N-mm-tonne model (or tonnes for kg with E in Pa) under the code's SI forces: its drift means
    nothing (it 'passed' at 1/468077)."""
    spec = _spec()
    drift = {c.id: c for c in run_checks(spec, _frame_facts(spec, **kw)).checks}["drift.limit"]
    assert drift.status == "skipped" and "not in SI units" in drift.message
    assert {c.id: c for c in run_checks(spec, _frame_facts(spec)).checks}["drift.limit"].status == "passed"


@pytest.mark.parametrize(("printed", "status"), [("0.6", "passed"), ("0.57", "passed"), ("0.5", "failed"), ("0.600", "failed")])
def test_a_printed_period_is_read_to_the_precision_it_was_printed(printed, status):
    """'T1 = 0.6 s' for 0.5648 s is 6 % off, but 0.6 stands for 0.55..0.65: 2 % plus half a unit of the last digit."""
    facts = _frame_facts(_spec(), period=0.5648)
    assert check_printed_period(facts, f"T1 = {printed} s").status == status


def test_a_period_printed_in_the_state_the_script_left_is_its_models():
    """A script that printed T1 after its own gravity analysis of a fiber frame: the tangent of that state."""
    facts = _frame_facts(_spec(), period=0.5147)
    facts.reset_note = "the script's own analyses left the model displaced"
    assert check_printed_period(facts, "T1 = 0.7498 s").status == "failed"
    facts.as_left_period_s = 0.749844
    r = check_printed_period(facts, "T1 = 0.7498 s")
    assert r.status == "passed" and "state the script's own analyses left" in r.message


def test_a_fully_fixed_node_without_elements_is_no_free_node_and_no_column_line():
    """A fixed reference node for relative-displacement recorders, 3 m left of the frame."""
    spec = _spec()
    facts = _frame_facts(spec)
    facts.nodes.append(NodeFact(tag=9999, coords_m=[-3.0, 0.0], fixed_dofs=[1, 2, 3]))
    assert check_no_free_nodes(facts).status == "passed"
    r = check_plan(spec, facts)
    assert r.status == "passed" and r.value == "X: [6.0]"
    facts.nodes[-1].fixed_dofs = [1, 2]  # its rotation is a DOF no element holds: floating
    assert check_no_free_nodes(facts).status == "failed"


@pytest.mark.parametrize("kind", ["pinned", "trussed"])
def test_a_leaning_column_is_no_bay_of_the_frame(kind):
    """A P-Delta column 3 m right of the frame, pinned at its base and linked to the frame by trusses
    (or fixed, linked by trusses): bays [6, 3] against the spec's [6] failed."""
    spec = _spec()
    facts = _frame_facts(spec)
    for level, z in enumerate((0.0, 3.0, 6.0)):
        facts.nodes.append(NodeFact(tag=70 + level, coords_m=[9.0, z], fixed_dofs=([1, 2] if kind == "pinned" else [1, 2, 3])
                                    if level == 0 else []))
    facts.elements += [ElementFact(tag=70, nodes=[70, 71], type="ElasticBeam2d"),
                       ElementFact(tag=71, nodes=[71, 72], type="ElasticBeam2d"),
                       ElementFact(tag=72, nodes=[4, 71], type="Truss"), ElementFact(tag=73, nodes=[6, 72], type="Truss")]
    r = check_plan(spec, facts)
    assert r.status == "passed" and r.value == "X: [6.0]" and "leaning column line at x = 9 m" in r.message
    facts.elements[-1].type = facts.elements[-2].type = "ElasticBeam2d"  # a bay of the frame after all
    if kind == "trussed":
        assert check_plan(spec, facts).status == "failed"


def test_mass_on_fixed_base_nodes_is_not_seismic_mass():
    spec = _spec()
    facts = _frame_facts(spec)
    facts.nodes[0].mass = facts.nodes[1].mass = [0.2 * spec.total_mass_kg(), 0.0, 0.0]
    facts.total_mass_kg *= 1.4
    facts.restrained_mass_kg = 0.4 * spec.total_mass_kg()
    r = check_total_mass(spec, facts)
    assert r.status == "passed" and r.value == pytest.approx(spec.total_mass_kg(), rel=1e-6)
    assert "on fixed DOFs" in r.message
    facts.restrained_mass_kg = facts.total_mass_kg
    assert check_masses_positive(facts).status == "failed"


def test_too_many_floors_are_listed_not_asked_for_again():
    spec = _spec(stories=1)
    r = check_story_count(spec, _frame_facts(_spec()))
    assert r.status == "failed" and "at 3, 6 m" in r.message and "create nodes" not in r.message


def test_story_heights_are_read_above_a_base_off_zero():
    """FloorFact.level_m is above the base already: a base at -1.5 m was subtracted twice."""
    spec = _spec()
    facts = _frame_facts(spec)
    facts.base_level_m = -1.5
    assert check_story_heights(spec, facts).status == "passed"


def test_a_gross_section_model_against_a_cracked_reference_is_told_why():
    """ASCE 7 12.7.3: the reference RC frame has 0.70 Ig columns and 0.35 Ig beams (ACI 318-19 6.6.3.1.1)."""
    spec = _spec(seismic={"code": "asce7", "sds_g": 1.0, "sd1_g": 0.6})
    r = check_period_reference(spec, _frame_facts(spec, period=0.59), _frame_facts(spec, period=0.87))
    assert r.status == "failed" and "0.7 Ig for columns and 0.35 Ig for beams" in r.message and "6.6.3.1.1" in r.message
    r = check_period_reference(spec, _frame_facts(spec, period=1.2), _frame_facts(spec, period=0.87))
    assert "cracked" not in r.message  # a softer model: not the cracking
    gb = _spec()
    assert "cracked" not in check_period_reference(gb, _frame_facts(gb, period=0.3), _frame_facts(gb, period=0.5)).message


@pytest.mark.parametrize(("period", "status"), [(0.45, "passed"), (14.2, "failed"), (0.014, "failed"), (4.0, "passed")])
def test_a_units_error_of_a_low_building_shows_without_a_spec(period, status):
    """E in MPa multiplies T by about 30: a 6 m frame at 14 s was 'plausible' under the fixed 30 s bound."""
    from autobm.agent.checks import check_period_plausible

    facts = _frame_facts(_spec(), period=period)
    result = check_period_plausible(facts)
    assert result.status == status, result.limit
    assert "Ta = 0.0724 H^0.8" in result.clause


def test_a_model_in_kn_m_and_tonnes_is_checked_as_consistent():
    """kN, m, t with E in kPa (common in OpenSees): t·m/s² is kN, so the mass and the drift hold. It failed
    mass.total ('tonnes vs kg') and its drift was skipped."""
    spec = _spec()
    checks = {c.id: c for c in run_checks(spec, _frame_facts(spec, mass_scale=1e-3)).checks}
    assert checks["model.units"].value == "kN, m, t" and "masses are about the spec's in tonnes" in checks["model.units"].message
    assert checks["mass.total"].status == "passed" and checks["mass.total"].value == pytest.approx(spec.total_mass_kg(), rel=1e-3)
    assert checks["mass.positive"].value == pytest.approx(spec.total_mass_kg(), rel=1e-3) and checks["mass.positive"].unit == "kg"
    assert checks["drift.limit"].status == "passed"


def test_rotational_inertia_of_floors_whose_nodes_no_element_joins_is_not_judged():
    """A floor's nodes in no element (a broken draft's duplicate tags): the check raised on an empty plan (every
    check after it was lost); such a floor is a stick's, with no plan to turn."""
    nodes = [NodeFact(tag=1, coords_m=[0.0, 0.0, 0.0], fixed_dofs=[1, 2, 3, 4, 5, 6]),
             NodeFact(tag=2, coords_m=[0.0, 0.0, 3.0], mass=[1e4, 1e4, 0.0, 0.0, 0.0, 0.0]),
             NodeFact(tag=3, coords_m=[6.0, 0.0, 3.0], mass=[1e4, 1e4, 0.0, 0.0, 0.0, 0.0])]
    facts = ModelFacts(ndm=3, ndf=6, vertical_axis=2, nodes=nodes, elements=[],
                       floors=[FloorFact(level_m=3.0, nodes=[2, 3], mass_kg=2e4)], total_mass_kg=2e4)
    assert check_rotational_inertia(facts).status == "passed"
    joined = facts.model_copy(update={"elements": [ElementFact(tag=1, nodes=[2, 3])], "nodes": [
        nodes[0], nodes[1].model_copy(update={"coords_m": [3.0, 0.0, 3.0]}), nodes[2].model_copy(update={"mass": []})]})
    assert check_rotational_inertia(joined).status == "failed"  # all the mass at node 2, no inertia


def test_a_check_that_raises_on_a_model_is_a_warning_and_the_other_checks_stand(monkeypatch):
    import autobm.agent.checks as checks_module

    def broken(facts):
        raise ValueError("max() arg is an empty sequence")

    monkeypatch.setattr(checks_module, "check_rotational_inertia", broken)
    spec = _spec()
    report = run_checks(spec, _frame_facts(spec))
    by_id = {c.id: c for c in report.checks}
    assert by_id["mass.rotational_inertia"].status == "warning"
    assert "could not judge this model (ValueError: max() arg is an empty sequence)" in by_id["mass.rotational_inertia"].message
    assert by_id["geometry.stories"].status == "passed" and len(report.checks) > 15


@pytest.mark.parametrize(("offsets", "status", "flexible"), [  # flexible: the flexible length / the node distance
    ([[0.4, 0.0], [-0.4, 0.0]], "passed", 5.2 / 6.0),  # the beams' end zones inside 800 mm columns
    ([[0.4, 0.2], [-0.4, 0.2]], "passed", 5.2 / 6.0),  # a beam below the nodes (eccentric): only the axis counts
    ([[-0.4, 0.0], [0.4, 0.0]], "failed", 6.8 / 6.0),  # the wrong sign: 6.8 m of flexible beam on 6 m
    ([[3.5, 0.0], [-3.5, 0.0]], "failed", -1.0 / 6.0),  # the ends pass each other
    ([[1.8, 0.0], [-1.8, 0.0]], "warning", 2.4 / 6.0),  # end zones of 60 % of the span
])
def test_end_offsets_must_lie_within_their_members(offsets, status, flexible):
    spec = _spec()
    facts = _frame_facts(spec)
    facts.elements = [e.model_copy(update={"end_offsets": offsets}) if e.tag in (3, 6) else e for e in facts.elements]
    r = check_end_offsets(facts)
    assert r.status == status, r.message
    assert r.value == pytest.approx(flexible, abs=1e-4)
    assert ("2 elements" in r.message) if status == "passed" else ("elements 3, 6 (2 of 2" in r.message)
    assert any(c.id == "geometry.end_offsets" for c in run_checks(spec, facts).checks)
    assert not any(c.id == "geometry.end_offsets" for c in run_checks(spec, _frame_facts(spec)).checks)


def test_a_model_with_end_offsets_is_held_to_the_reference_by_its_periods_without_them():
    spec = _spec()
    reference = _frame_facts(spec, period=0.5)
    stiff = _frame_facts(spec, period=0.42)  # 16 % short of the reference: end zones of 800 mm columns
    assert check_period_reference(spec, stiff, reference).status == "failed"
    stiff.centreline_periods_s = [0.505]
    r = check_period_reference(spec, stiff, reference)
    assert r.status == "passed" and r.value == pytest.approx(0.505) and "with them it is 0.42 s" in r.message
    stiff.centreline_periods_s = [0.62]  # the frame is wrong without its end zones too
    assert check_period_reference(spec, stiff, reference).status == "failed"


def test_a_shear_buildings_own_period_is_the_uniform_chains_closed_form():
    from autobm.agent.checks import shear_building_period_s
    spec = parse_text("5-story shear building, m = 200 t, k = 300 MN/m, 3.5 m stories, intensity 8 (0.20g), site II")
    # a uniform chain of n masses fixed at one end: omega_1 = 2 sqrt(k/m) sin(pi / (2 (2n + 1)))
    omega = 2.0 * math.sqrt(3.0e8 / 2.0e5) * math.sin(math.pi / 22.0)
    assert shear_building_period_s(spec) == pytest.approx(2.0 * math.pi / omega, rel=1e-9)
    assert shear_building_period_s(_spec()) is None  # a frame's spec has no story springs


def test_member_rigidities_are_read_in_si_from_a_models_units():
    from autobm.agent.checks import KN_M_T, ModelUnits, in_si
    facts = _frame_facts(_spec())
    facts.elements = [e.model_copy(update={"rigidities": [7.5e6, 1.5e5]}) for e in facts.elements]  # kN, kN·m²
    si = in_si(facts, KN_M_T)
    assert si.elements[0].rigidities == pytest.approx([7.5e9, 1.5e8])
    n_mm = ModelUnits(name="N, mm, t", per_metre=1000.0, mass_kg=1000.0)  # N and N·mm²
    assert in_si(facts, n_mm).elements[0].rigidities == pytest.approx([7.5e6, 1.5e5 * 1e-6])
