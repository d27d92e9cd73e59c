"""Deterministic repairs: break a working script the way a model would, run it, repair it, run it again.

Two kinds of scripts are broken: the reference drafter's (loops, functions, a 2D and a 3D
frame) and a literal one written out call by call, the way models write small scripts.
Every run goes through the sandbox and the checks (``pipeline.run_draft``), so the
failures the repairs see are the real ones.
"""

from __future__ import annotations

import pytest

from autobm.agent.drafting import Draft, draft_reference
from autobm.agent.parsing import parse_text
from autobm.agent.pipeline import RunResult, reference_facts, run_draft
from autobm.agent.repair import REPAIRS, Repair, deterministic_repair
from autobm.agent.spec import BuildingSpec

FRAME_2D = parse_text("3-story RC frame, 3.2 m floors, 2 bays of 6 m, intensity 8 (0.20g)")
FRAME_3D = parse_text("3-story 3D RC frame, 3.2 m floors, 2 bays of 6 m in X and 2 bays of 5 m in Y, "
                      "intensity 8 (0.20g)")
REFERENCE_2D = draft_reference(FRAME_2D).code
REFERENCE_3D = draft_reference(FRAME_3D).code


def run(spec: BuildingSpec, code: str, **kwargs) -> RunResult:
    return run_draft(spec, Draft(code=code, drafter="test", assumptions=[]), **kwargs)


def broken(reference: str, old: str, new: str) -> str:
    assert old in reference, f"the script no longer contains {old!r}"
    return reference.replace(old, new)


def repaired(spec: BuildingSpec, code: str, name: str, **kwargs) -> tuple[Repair, RunResult]:
    """Run the broken script, check that it fails and that ``name`` repairs it; run the repair."""
    before = run(spec, code, **kwargs)
    assert before.status == "failed"
    fix = deterministic_repair(code, before, spec)
    assert fix is not None, f"no repair for {[c.message for c in before.failed_checks]}"
    assert fix.name == name, fix.description
    assert fix.name in REPAIRS and fix.description.endswith(".")
    return fix, run(spec, fix.code, **kwargs)


def literal_frame_2d(spec: BuildingSpec) -> str:
    """The 2D frame of ``spec`` written out one call per node, mass and element, as models often write it."""
    xs = [0.0]
    for width in spec.bay_widths_x_m:
        xs.append(xs[-1] + width)
    ys = [0.0]
    for height in spec.story_heights_m:
        ys.append(ys[-1] + height)
    e = spec.material.elastic_modulus_pa
    lines = ["import math", "", "import openseespy.opensees as ops", "", "ops.wipe()",
             "ops.model('basic', '-ndm', 2, '-ndf', 3)", ""]
    lines += [f"ops.node({10 * j + i + 1}, {x}, {y})" for j, y in enumerate(ys) for i, x in enumerate(xs)]
    lines += [f"ops.fix({i + 1}, 1, 1, 1)" for i in range(len(xs))]
    for j, mass in enumerate(spec.seismic_floor_masses_kg(), 1):
        tributary = [((xs[i] - xs[i - 1]) if i else 0.0) / 2 + ((xs[i + 1] - xs[i]) if i + 1 < len(xs) else 0.0) / 2
                     for i in range(len(xs))]
        lines += [f"ops.mass({10 * j + i + 1}, {mass * t / xs[-1]:.6f}, 0.0, 0.0)" for i, t in enumerate(tributary)]
    lines += ["", "ops.geomTransf('Linear', 1)", "ops.geomTransf('Linear', 2)"]
    tag = 0
    for j in range(1, len(ys)):
        area, inertia, _, _ = spec.sections.column_at(j, spec.stories).properties()
        for i in range(len(xs)):
            tag += 1
            lines.append(f"ops.element('elasticBeamColumn', {tag}, {10 * (j - 1) + i + 1}, {10 * j + i + 1}, "
                         f"{area:.6g}, {e:.6g}, {inertia:.6g}, 1)")
    for j in range(1, len(ys)):
        area, inertia, _, _ = spec.sections.beam_at(j, spec.stories).properties()
        for i in range(len(xs) - 1):
            tag += 1
            lines.append(f"ops.element('elasticBeamColumn', {tag}, {10 * j + i + 1}, {10 * j + i + 2}, "
                         f"{area:.6g}, {e:.6g}, {inertia:.6g}, 2)")
    lines += ["", "lam = ops.eigen(3)", "T1 = 2 * math.pi / math.sqrt(lam[0])", 'print(f"T1 = {T1:.4f} s")', ""]
    return "\n".join(lines)


LITERAL_2D = literal_frame_2d(FRAME_2D)


def test_the_unbroken_scripts_verify():
    for spec, code in ((FRAME_2D, REFERENCE_2D), (FRAME_3D, REFERENCE_3D), (FRAME_2D, LITERAL_2D)):
        assert run(spec, code).status == "verified"


# --- unterminated string literal ----------------------------------------------------------------------


def test_unterminated_string_before_the_closing_bracket():
    code = broken(REFERENCE_2D, 'print(f"T1 = {periods[0]:.6f} s")', 'print(f"T1 = {periods[0]:.6f} s)')
    fix, after = repaired(FRAME_2D, code, "close-unterminated-string")
    assert fix.code == REFERENCE_2D
    assert after.status == "verified"


def test_unterminated_strings_on_several_lines():
    code = broken(LITERAL_2D, "ops.geomTransf('Linear', 1)\nops.geomTransf('Linear', 2)",
                  "ops.geomTransf('Linear, 1)\nops.geomTransf('Linear, 2)")
    fix, after = repaired(FRAME_2D, code, "close-unterminated-string")
    assert fix.code == LITERAL_2D
    assert after.status == "verified"


def test_apostrophe_inside_single_quotes():
    code = broken(LITERAL_2D, 'print(f"T1 = {T1:.4f} s")',
                  "print('The building's first period follows')\nprint(f\"T1 = {T1:.4f} s\")")
    fix, after = repaired(FRAME_2D, code, "close-unterminated-string")
    assert "print(\"The building's first period follows\")" in fix.code
    assert after.status == "verified"


# --- -ndm / -ndf --------------------------------------------------------------------------------------


def test_2d_frame_with_two_dofs():
    code = broken(REFERENCE_2D, '"-ndf", 3', '"-ndf", 2')
    fix, after = repaired(FRAME_2D, code, "fix-ndm-ndf")
    assert fix.code == REFERENCE_2D
    assert after.status == "verified"


def test_3d_frame_with_three_dofs():
    code = broken(REFERENCE_3D, '"-ndf", 6', '"-ndf", 3')
    fix, after = repaired(FRAME_3D, code, "fix-ndm-ndf")
    assert fix.code == REFERENCE_3D
    assert after.status == "verified"


def test_2d_model_of_a_3d_frame():
    code = broken(REFERENCE_3D, '"-ndm", 3, "-ndf", 6', '"-ndm", 2, "-ndf", 3')
    fix, after = repaired(FRAME_3D, code, "fix-ndm-ndf")
    assert fix.code == REFERENCE_3D
    assert after.status == "verified"


def test_two_dof_fixes_and_masses_are_resized():
    two_dofs = {", 1, 1, 1)": ", 1, 1)", ", 0.0, 0.0)": ", 0.0)"}  # fix(n, ux, uy), mass(n, mx, my)
    code = "\n".join(line.replace(*next((k, v) for k, v in two_dofs.items() if line.endswith(k)))
                     if line.startswith(("ops.fix(", "ops.mass(")) else line for line in LITERAL_2D.split("\n"))
    code = broken(code, "'-ndf', 3", "'-ndf', 2")
    fix, after = repaired(FRAME_2D, code, "fix-ndm-ndf")
    assert fix.code == LITERAL_2D
    assert "12 fix/mass calls resized to 3 values" in fix.description
    assert after.status == "verified"


# --- geomTransf after the elements ------------------------------------------------------------------


def test_geomtransf_after_the_element_loops():
    transfs = '    ops.geomTransf("Linear", 1)  # columns\n    ops.geomTransf("Linear", 2)  # beams\n'
    code = broken(REFERENCE_2D, transfs, "").replace("\n\nNUM_MODES", transfs + "\n\nNUM_MODES")
    fix, after = repaired(FRAME_2D, code, "move-geomtransf-before-elements")
    assert fix.code.index('ops.geomTransf("Linear", 2)') < fix.code.index('ops.element(')
    assert after.status == "verified"


def test_geomtransf_after_literal_elements():
    transfs = "ops.geomTransf('Linear', 1)\nops.geomTransf('Linear', 2)\n"
    code = broken(LITERAL_2D, transfs, "").replace("\nlam = ", "\n" + transfs + "lam = ")
    _, after = repaired(FRAME_2D, code, "move-geomtransf-before-elements")
    assert after.status == "verified"


# --- duplicate tags ------------------------------------------------------------------------------------


def test_repeated_node_at_the_same_place_is_dropped():
    code = broken(REFERENCE_2D, "# fixed base\n", "# fixed base\n    ops.node(1, 0.0, 0.0)\n")
    fix, after = repaired(FRAME_2D, code, "drop-duplicate-definition")
    assert fix.code == REFERENCE_2D
    assert after.status == "verified"


def test_identical_element_line_is_dropped():
    line = next(line for line in LITERAL_2D.splitlines() if line.startswith("ops.element('elasticBeamColumn', 7,"))
    code = broken(LITERAL_2D, line + "\n", line + "\n" + line + "\n")
    fix, after = repaired(FRAME_2D, code, "drop-duplicate-definition")
    assert fix.code == LITERAL_2D
    assert after.status == "verified"


def test_node_tag_typo_takes_the_tag_the_elements_use():
    code = broken(LITERAL_2D, "ops.node(13, 12.0, 3.2)", "ops.node(12, 12.0, 3.2)")
    fix, after = repaired(FRAME_2D, code, "renumber-duplicate-tag")
    assert fix.code == LITERAL_2D
    assert after.status == "verified"


def test_element_tag_typo_takes_the_next_free_tag():
    code = broken(LITERAL_2D, "ops.element('elasticBeamColumn', 5,", "ops.element('elasticBeamColumn', 4,")
    fix, after = repaired(FRAME_2D, code, "renumber-duplicate-tag")
    assert "ops.element('elasticBeamColumn', 16," in fix.code
    assert after.status == "verified"


def test_duplicate_tag_made_in_a_loop_is_not_guessed():
    code = broken(REFERENCE_2D, '    ops.geomTransf("Linear", 2)  # beams\n',
                  '    ops.geomTransf("Linear", 2)  # beams\n'
                  '    ops.element("elasticBeamColumn", 1, 1, 2, 0.25, E_PA, 5e-3, 2)\n')
    result = run(FRAME_2D, code)
    assert "element with tag 1 already exists" in result.stderr
    assert deterministic_repair(code, result, FRAME_2D) is None


# --- unsupported base -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("spec", "reference", "fix_line"), [
    (FRAME_2D, REFERENCE_2D, "ops.fix(node_tag(0, ix), 1, 1, 1)"),
    (FRAME_3D, REFERENCE_3D, "ops.fix(node_tag(0, ix, iy), 1, 1, 1, 1, 1, 1)"),
], ids=["2d", "3d"])
def test_unfixed_base(spec, reference, fix_line):
    code = broken(reference, fix_line, "pass")
    _, after = repaired(spec, code, "fix-base-supports")
    assert after.status == "verified"


# --- missing masses -------------------------------------------------------------------------------------


def test_missing_masses_2d():
    code = broken(REFERENCE_2D, "ops.mass(node_tag(level, ix), m, 0.0, 0.0)", "pass")
    _, after = repaired(FRAME_2D, code, "assign-floor-masses")
    assert after.status == "verified"
    assert after.facts.total_mass_kg == pytest.approx(FRAME_2D.total_mass_kg(), rel=1e-6)


def test_missing_masses_3d_rigid_diaphragm():
    code = broken(REFERENCE_3D, "ops.mass(master, m, m, 0.0, 0.0, 0.0, m * (lx**2 + ly**2) / 12.0)", "pass")
    _, after = repaired(FRAME_3D, code, "assign-floor-masses")
    assert after.status == "verified"
    assert after.facts.total_mass_kg == pytest.approx(FRAME_3D.total_mass_kg(), rel=1e-6)


def test_missing_masses_literal():
    code = "\n".join(line for line in LITERAL_2D.splitlines() if not line.startswith("ops.mass("))
    fix, after = repaired(FRAME_2D, code, "assign-floor-masses")
    assert fix.code.index("_autobm_assign_floor_masses()") < fix.code.index("lam = ops.eigen(3)")
    assert after.status == "verified"


def test_missing_masses_with_functions_imported_by_name():
    code = "\n".join(line for line in LITERAL_2D.splitlines() if not line.startswith("ops.mass("))
    code = broken(code, "import openseespy.opensees as ops", "from openseespy.opensees import *").replace("ops.", "")
    fix, after = repaired(FRAME_2D, code, "assign-floor-masses")
    assert "import openseespy.opensees as ops" in fix.code
    assert after.status == "verified"


def test_missing_masses_need_the_spec():
    code = broken(REFERENCE_2D, "ops.mass(node_tag(level, ix), m, 0.0, 0.0)", "pass")
    assert deterministic_repair(code, run(FRAME_2D, code), None) is None


# --- the eigenvalue printed as the period -------------------------------------------------------------


def test_two_pi_over_lambda():
    code = broken(REFERENCE_2D, "2.0 * math.pi / math.sqrt(lam)", "2.0 * math.pi / lam")
    fix, after = repaired(FRAME_2D, code, "period-from-eigenvalue")
    assert fix.code == REFERENCE_2D
    assert after.status == "verified"


def test_two_pi_over_lambda_inside_an_f_string():
    code = broken(LITERAL_2D, 'T1 = 2 * math.pi / math.sqrt(lam[0])\nprint(f"T1 = {T1:.4f} s")',
                  'print(f"T1 = {2 * math.pi / lam[0]:.4f} s")')
    fix, after = repaired(FRAME_2D, code, "period-from-eigenvalue")
    assert 'print(f"T1 = {2 * math.pi / math.sqrt(lam[0]):.4f} s")' in fix.code
    assert after.status == "verified"


@pytest.mark.parametrize("wrong", ["lam[0]", "math.sqrt(lam[0])", "math.sqrt(lam[0]) / (2 * math.pi)"])
def test_eigenvalue_omega_or_frequency_assigned_to_the_period(wrong):
    code = broken(LITERAL_2D, "T1 = 2 * math.pi / math.sqrt(lam[0])", f"T1 = {wrong}")
    _, after = repaired(FRAME_2D, code, "period-from-eigenvalue")
    assert after.status == "verified"


# --- E in MPa --------------------------------------------------------------------------------------------


def test_modulus_in_mpa_against_the_code_formula():
    code = broken(REFERENCE_2D, "E_PA = 30000000000.0", "E_PA = 30000.0")
    fix, after = repaired(FRAME_2D, code, "scale-modulus-to-pa")
    assert fix.code == REFERENCE_2D.replace("E_PA = 30000000000.0", "E_PA = 3e+10")
    assert after.status == "verified"


def test_modulus_in_mpa_against_the_reference_model():
    code = LITERAL_2D.replace(", 3e+10, ", ", 30000, ")
    fix, after = repaired(FRAME_2D, code, "scale-modulus-to-pa", reference=reference_facts(FRAME_2D))
    assert fix.code == LITERAL_2D
    assert after.status == "verified"


# --- nothing to repair ------------------------------------------------------------------------------------


def test_unrelated_failure_is_left_to_the_model():
    code = broken(LITERAL_2D, 'print(f"T1 = {T1:.4f} s")', 'print(f"T1 = {T_1:.4f} s")')
    result = run(FRAME_2D, code)
    assert result.execution.error_type == "NameError"
    assert deterministic_repair(code, result, FRAME_2D) is None


def test_a_verified_run_needs_no_repair():
    assert deterministic_repair(LITERAL_2D, run(FRAME_2D, LITERAL_2D), FRAME_2D) is None
