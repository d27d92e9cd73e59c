"""`autobm run` and `autobm check` end to end: real subprocesses, real sandbox, real OpenSees.

Physics against a published answer: Chopra, Dynamics of Structures, Example 10.4 (two-story
shear frame, ../shared/reference/verification-cases.md): T1 = 0.514877 s, T2 = T1/2 = 0.257439 s,
tolerance 1e-6 relative. Once as words given to `run`, once as a script given to `check`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_verification import CHOPRA_10_4, CHOPRA_T1_S, CHOPRA_T2_S

REL = 1e-6
# Chopra 10.4 in words: floor masses 2m and m with m = 100/386 kip s^2/in, story stiffnesses
# 2k and k with k = 24 E Ic / h^3 = 77.16049 kip/in (given to 6 digits: 8e-8 relative, far below REL).
CHOPRA_TEXT = ("two-story shear building, story height 144 in, floor masses 200/386 and 100/386 kip-s2/in, "
               "story stiffnesses 154.321 and 77.1605 kip/in")
EXAMPLE_TEXT = "5-story RC frame, 3.5 m floors, 3x2 bays of 6 m, intensity 8, 0.20g, office"
RUN_KEYS = {"status", "spec", "assumptions", "periods_s", "checks", "drafter"}
CHECK_KEYS = {"script", "ok", "error_type", "error_message", "error_line", "periods_s", "checks"}
CHECK_RESULT_KEYS = {"id", "status", "value", "limit", "unit", "clause", "message"}


def autobm(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "autobm.agent.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def test_run_chopra_in_words_gives_the_published_periods(tmp_path: Path) -> None:
    done = autobm("run", CHOPRA_TEXT, "--out", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads((tmp_path / "result.json").read_text())
    assert RUN_KEYS <= result.keys()
    assert result["status"] == "verified"
    assert result["drafter"] == "reference"
    assert result["spec"]["system"] == "shear_building"
    assert result["periods_s"][0] == pytest.approx(CHOPRA_T1_S, rel=REL)
    assert result["periods_s"][1] == pytest.approx(CHOPRA_T2_S, rel=2e-6)  # published value rounded to 6 digits
    assert all(CHECK_RESULT_KEYS <= c.keys() for c in result["checks"])
    assert "Traceback" not in done.stderr


def test_run_example_writes_model_report_and_summary(tmp_path: Path) -> None:
    done = autobm("run", EXAMPLE_TEXT, "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stdout + done.stderr
    out = tmp_path / "out"
    result = json.loads((out / "result.json").read_text())
    assert result["status"] == "verified"
    assert {a["field"] for a in result["assumptions"]} >= {"seismic.site_class", "material.concrete_grade"}
    ids = {c["id"] for c in result["checks"] if c["status"] == "passed"}
    assert {"geometry.plan", "mass.total", "equilibrium.gravity", "period.code_formula", "drift.limit"} <= ids
    html = (out / "report.html").read_text()
    assert html.count("data:image/png;base64,") >= 3  # the model, the mode shapes, the drift profile
    summary = (out / "summary.md").read_text()
    assert "verified" in summary
    # the equivalent lateral forces of each direction, as the base shear autobm computed (kN) and their notes
    rows = re.findall(r"^\| ([XY]) \| ([0-9,.]+) kN \| ([0-9.]+) \|", summary, re.MULTILINE)
    assert [r[0] for r in rows] == ["X", "Y"]
    for (axis, shear, _), lateral in zip(rows, result["facts"]["lateral"]):
        assert float(shear.replace(",", "")) == pytest.approx(lateral["base_shear_n"] / 1e3, abs=0.06)
    assert "Equivalent lateral forces" in html and "ψT = 0.7" in summary
    # The model is standalone: plain python runs it and prints the same first period.
    plain = subprocess.run([sys.executable, "model.py"], cwd=out, capture_output=True, text=True, timeout=120)
    assert plain.returncode == 0, plain.stderr
    printed = float(re.search(r"^T1 = ([0-9.]+) s$", plain.stdout, re.MULTILINE).group(1))
    assert printed == pytest.approx(result["periods_s"][0], abs=1e-6)


def test_a_description_in_us_units_is_reported_in_us_units_beside_si(tmp_path: Path) -> None:
    done = autobm("run", "4-story RC frame, 12 ft stories, 3 bays of 24 ft, ASCE 7, SDS 1.0 g, SD1 0.6 g, f'c = 5 ksi",
                  "--out", str(tmp_path / "us"))
    assert done.returncode == 0, done.stdout + done.stderr
    summary = (tmp_path / "us" / "summary.md").read_text()
    result = json.loads((tmp_path / "us" / "result.json").read_text())
    assert "H = 48 ft; story heights 12 ft, 12 ft, 12 ft, 12 ft; bays along X 24 ft, 24 ft, 24 ft" in summary
    kn, kip = re.search(r"^\| X \| ([0-9,.]+) kN \(([0-9,.]+) kip\)", summary, re.MULTILINE).groups()
    assert float(kip) == pytest.approx(float(kn) / 4.4482216, rel=2e-3)
    weight_kip = result["facts"]["total_mass_kg"] * 9.80665 / 4448.2216
    assert f"(W = {weight_kip:,.0f} kip)" in summary
    assert re.search(r"`sections.columns` = .*\(27.56 in x 27.56 in\)", summary)  # 0.70 m square columns
    assert "(146.2 psf)" in summary  # the 7 kPa dead load
    assert "kip" in (tmp_path / "us" / "report.html").read_text()
    assert f"kg (W = {weight_kip:,.0f} kip)" in done.stdout  # the console's check lines too
    assert "(X: [24, 24, 24] ft)" in done.stdout and "(X: [24, 24, 24] ft)" in (tmp_path / "us" / "report.html").read_text()
    si = autobm("run", EXAMPLE_TEXT, "--out", str(tmp_path / "si"))
    assert si.returncode == 0 and not re.search(r"\bkip\b", (tmp_path / "si" / "summary.md").read_text())  # ("skipped")


def test_steel_sections_of_a_us_description_are_reported_in_square_and_quartic_inches(tmp_path: Path) -> None:
    done = autobm("run", "5-story steel frame, 14 ft floors, 3 bays of 30 ft, SDS 1.0 g, SD1 0.5 g", "--out", str(tmp_path))
    assert done.returncode in (0, 1), done.stdout + done.stderr
    summary = (tmp_path / "summary.md").read_text()
    columns = json.loads((tmp_path / "result.json").read_text())["spec"]["sections"]["columns"][0]
    area, inertia = re.search(r"`sections.columns` = .*\(A = ([0-9.,]+) in², I = ([0-9.,]+) in⁴\)", summary).groups()
    assert float(area.replace(",", "")) == pytest.approx(columns["area_m2"] / 0.0254**2, rel=5e-3)
    assert float(inertia.replace(",", "")) == pytest.approx(columns["inertia_m4"] / 0.0254**4, rel=5e-3)


def test_asce7_reports_label_the_drift_level_base_shear_and_show_the_design_one(tmp_path: Path) -> None:
    """The base shear shown was the forces drift is computed under (no Eq. 12.8-5 minimum, 12.8.6.1; the computed
    T without the Cu Ta cap, 12.8.6.2), labelled as the base shear. Ten stories of steel special moment frame
    (R = 8, Ie = 1), hn = 15 + 9 x 12 ft = 37.49 m, SDS = 1.0 g, SD1 = 0.6 g: Ta = 0.0724 hn^0.8 (Eq. 12.8-7),
    Cu = 1.4 (Table 12.8-1); at T = Cu Ta, SD1/(T R) is below 0.044 SDS Ie = 0.044 (Eq. 12.8-5), which governs."""
    done = autobm("run", "ten-storey steel moment frame, first story 15 ft, others 12 ft, 3 bays at 30 ft in x and "
                  "2 bays at 25 ft in y, SDS = 1.0 g, SD1 = 0.6 g", "--out", str(tmp_path))
    assert done.returncode in (0, 1), done.stdout + done.stderr
    result = json.loads((tmp_path / "result.json").read_text())
    summary = (tmp_path / "summary.md").read_text()
    assert "| direction | drift-level base shear | V / W | strength-level design base shear |" in summary
    weight_kn = sum(f["mass_kg"] for f in result["facts"]["floors"]) * 9.80665 / 1e3
    cap_s = 1.4 * 0.0724 * (37.4904**0.8)
    assert result["periods_s"][0] > cap_s and 0.6 / (cap_s * 8) < 0.044  # the cap applies, then the minimum governs
    rows = re.findall(r"^\| ([XY]) \| ([0-9,.]+) kN \(.*?\) \(no Eq. 12.8-5 minimum, 12.8.6.1; T without the Cu\*Ta cap, "
                      r"12.8.6.2\) \| [0-9.]+ \| ([0-9,.]+) kN \(.*?\), Cs = 0.04400 at T = ([0-9.]+) s \(Eq. 12.8-5 minimum",
                      summary, re.MULTILINE)
    assert [r[0] for r in rows] == ["X", "Y"], summary
    for (_, drift_kn, design_kn, period), lateral in zip(rows, result["facts"]["lateral"]):
        assert float(drift_kn.replace(",", "")) == pytest.approx(lateral["base_shear_n"] / 1e3, abs=0.06)
        assert float(design_kn.replace(",", "")) == pytest.approx(0.044 * weight_kn, abs=0.06)
        assert float(period) == pytest.approx(cap_s, abs=1e-4) and float(drift_kn.replace(",", "")) < float(design_kn.replace(",", ""))
    assert "T capped at Cu*Ta" in summary and "ASCE 7-22 12.8.1, 12.8.1.1, 12.8.2" in summary
    assert "<th>strength-level design base shear</th>" in (tmp_path / "report.html").read_text()


def test_run_json_prints_the_result(tmp_path: Path) -> None:
    done = autobm("run", "--json", "3-story steel frame, 4 m stories, 2 bays of 8 m, ASCE 7 SDS = 1.0 g, SD1 = 0.6 g",
                  "--out", str(tmp_path))
    printed = json.loads(done.stdout)
    assert printed == json.loads((tmp_path / "result.json").read_text())
    assert done.returncode == (0 if printed["status"] == "verified" else 1)
    assert printed["spec"]["seismic"]["code"] == "asce7"


def test_run_from_a_spec_file(tmp_path: Path) -> None:
    spec_file = tmp_path / "spec.json"
    parsed = autobm("parse", "--json", CHOPRA_TEXT)
    spec_file.write_text(parsed.stdout)
    done = autobm("run", "--spec-file", str(spec_file), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "out" / "result.json").read_text())
    assert result["periods_s"][0] == pytest.approx(CHOPRA_T1_S, rel=REL)


def test_run_exit_1_when_a_check_fails(tmp_path: Path) -> None:
    """Twelve stories on slender steel columns at SDS = 1.0 g: the drift limit is exceeded."""
    done = autobm("run", "12-story steel frame, 4 m stories, 2 bays of 8 m, ASCE 7 SDS = 1.0 g, SD1 = 0.6 g, "
                  "columns A = 0.004 m2, I = 2e-5 m4, beams A = 0.004 m2, I = 2e-5 m4", "--out", str(tmp_path))
    assert done.returncode == 1, done.stdout + done.stderr
    result = json.loads((tmp_path / "result.json").read_text())
    assert result["status"] == "failed"
    failed = [c for c in result["checks"] if c["status"] == "failed"]
    assert "drift.limit" in {c["id"] for c in failed}
    drift = next(c for c in failed if c["id"] == "drift.limit")
    assert drift["value"] > drift["limit"] and "ASCE 7" in drift["clause"]
    assert "FAIL" in done.stdout


@pytest.mark.parametrize(("args", "expected"), [
    (["run", "a nice lunch with friends"], "stor"),
    (["run", "300-story RC frame, 3 m stories"], "stories"),
    (["run"], "TEXT"),
    (["run", "--spec-file", "/nonexistent/spec.json"], "spec.json"),
    (["check", "/nonexistent/model.py"], "model.py"),
])
def test_invalid_input_exit_2_with_a_message(args: list[str], expected: str, tmp_path: Path) -> None:
    done = autobm(*args, *(["--out", str(tmp_path)] if args[0] == "run" else []))
    assert done.returncode == 2, done.stdout + done.stderr
    assert expected in done.stderr
    assert "Traceback" not in done.stderr


def test_check_chopra_script_gives_the_published_periods(tmp_path: Path) -> None:
    script = tmp_path / "chopra.py"
    script.write_text(CHOPRA_10_4)
    done = autobm("check", str(script), "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    [report] = json.loads(done.stdout)
    assert CHECK_KEYS <= report.keys()
    assert report["ok"] and report["error_type"] is None
    assert report["periods_s"][0] == pytest.approx(CHOPRA_T1_S, rel=REL)
    assert report["periods_s"][1] == pytest.approx(CHOPRA_T2_S, rel=2e-6)
    ran = {c["id"] for c in report["checks"] if c["status"] == "passed"}
    assert {"equilibrium.gravity", "modal.first_mode_participation", "supports.base_fixed"} <= ran


def test_check_against_a_spec_reads_a_model_in_kip_in_s_as_the_same_building(tmp_path: Path) -> None:
    """The script is in kip, in, s; the spec (SI inside) is the same building: the model's units are recognised
    (model.units), its heights and masses are read in SI and agree (they used to fail as 'inches' and 'kip·s²/in')."""
    script = tmp_path / "chopra.py"
    script.write_text(CHOPRA_10_4)
    done = autobm("check", str(script), "--spec", CHOPRA_TEXT, "--json")
    [report] = json.loads(done.stdout)
    checks = {c["id"]: c for c in report["checks"]}
    assert checks["model.units"]["value"].startswith("kip, in, s")
    for cid in ("geometry.story_heights", "mass.total", "period.plausible"):
        assert checks[cid]["status"] == "passed", (cid, checks[cid]["message"])
    # the same script with its masses in kg (the rest in kip and in) is no consistent model: its mass fails
    wrong = tmp_path / "mixed.py"
    wrong.write_text(re.sub(r"ops\.mass\((\w+), ([^,]+),", r"ops.mass(\1, (\2) * 175126.8,", CHOPRA_10_4))
    done = autobm("check", str(wrong), "--spec", CHOPRA_TEXT, "--json")
    assert done.returncode == 1
    [report] = json.loads(done.stdout)
    assert {c["id"]: c["status"] for c in report["checks"]}["mass.total"] == "failed"


def test_check_runs_several_scripts_in_parallel_and_reports_each(tmp_path: Path) -> None:
    good = tmp_path / "good.py"
    good.write_text(CHOPRA_10_4)
    broken = tmp_path / "broken.py"
    broken.write_text("import openseespy.opensees as ops\nops.wipe()\nops.model('basic', '-ndm', 2, '-ndf', 3)\n"
                      "ops.node(1, 0.0, 0.0)\nops.element('elasticBeamColumn', 1, 1, 2, 1.0, 1.0, 1.0, 1)\n")
    endless = tmp_path / "endless.py"
    endless.write_text("while True:\n    pass\n")
    done = autobm("check", str(good), str(broken), str(endless), "--json", "--timeout", "2", "--workers", "3")
    assert done.returncode == 1
    reports = json.loads(done.stdout)
    assert [Path(r["script"]).name for r in reports] == ["good.py", "broken.py", "endless.py"]
    assert reports[0]["ok"]
    assert not reports[1]["ok"] and reports[1]["error_line"] == 5 and reports[1]["error_message"]
    assert reports[2]["error_type"] == "Timeout" and reports[2]["error_line"] in (1, 2)


ENDLESS_TRANSIENT = """
ops.timeSeries("Linear", 1)
ops.pattern("UniformExcitation", 1, 1, "-accel", 1)
ops.constraints("Transformation"); ops.numberer("RCM"); ops.system("BandGeneral")
ops.test("NormDispIncr", 1.0e-8, 10); ops.algorithm("Linear"); ops.integrator("Newmark", 0.5, 0.25)
ops.analysis("Transient")
while True:  # a time history that never ends
    ops.analyze(1, 0.001)
"""


def test_check_stops_a_script_at_its_time_limit_and_inspects_the_model_it_built(tmp_path: Path) -> None:
    """A model followed by an endless time history: stopped at --timeout, the model it had built is still read and
    checked (the published periods), and only execution fails, naming the line it was stopped at."""
    script = tmp_path / "endless_history.py"
    script.write_text(CHOPRA_10_4 + ENDLESS_TRANSIENT)
    loop_line = (CHOPRA_10_4 + ENDLESS_TRANSIENT).splitlines().index("    ops.analyze(1, 0.001)") + 1
    done = autobm("check", str(script), "--json", "--timeout", "2")
    assert done.returncode == 1, done.stdout + done.stderr
    [report] = json.loads(done.stdout)
    assert not report["ok"] and report["error_type"] == "Timeout"
    assert report["error_line"] in (loop_line - 1, loop_line), report["error_message"]
    assert "stopped" in report["error_message"]
    assert report["periods_s"][0] == pytest.approx(CHOPRA_T1_S, rel=REL)
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert statuses.pop("execution") == "failed"
    assert {"equilibrium.gravity", "supports.base_fixed"} <= statuses.keys()
    assert set(statuses.values()) <= {"passed", "skipped"}, statuses


def test_check_text_output_names_failures(tmp_path: Path) -> None:
    script = tmp_path / "nomass.py"
    script.write_text("import openseespy.opensees as ops\nops.wipe()\nops.model('basic', '-ndm', 2, '-ndf', 3)\n"
                      "ops.node(1, 0.0, 0.0)\nops.node(2, 0.0, 3.0)\nops.fix(1, 1, 1, 1)\nops.geomTransf('Linear', 1)\n"
                      "ops.element('elasticBeamColumn', 1, 1, 2, 0.1, 3e10, 1e-3, 1)\n")
    done = autobm("check", str(script))
    assert done.returncode == 1
    assert "FAIL" in done.stdout and "mass.positive" in done.stdout


def test_run_enlarges_assumed_sections_to_meet_the_drift_limit(tmp_path: Path) -> None:
    """Same building as above without sections: the preliminary sizes fail drift, so run enlarges them."""
    done = autobm("run", "--json", "12-story steel frame, 4 m stories, 2 bays of 8 m, ASCE 7 SDS = 1.0 g, SD1 = 0.6 g",
                  "--out", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)
    assert result["status"] == "verified"
    assert result["sizing_rounds"] >= 1
    columns = next(a for a in result["assumptions"] if a["field"] == "sections.columns")
    assert "enlarged" in columns["reason"] and "ASCE 7" in columns["reason"]
    in_spec = [{k: v for k, v in s.items() if v is not None} for s in result["spec"]["sections"]["columns"]]
    assert columns["value"] == in_spec


def test_parse_file_completes_a_json_spec_as_run_does(tmp_path: Path) -> None:
    spec_file = tmp_path / "b4.json"
    spec_file.write_text(json.dumps({"stories": 4, "story_height_m": 3.3, "bays_x": 2, "bay_width_m": 6,
                                     "material": {"concrete_grade": "C40"}}))
    done = autobm("parse", "--file", str(spec_file), "--json")
    assert done.returncode == 0, done.stderr
    spec = json.loads(done.stdout)
    assert spec["stories"] == 4 and spec["material"]["elastic_modulus_pa"] == 3.25e10


def test_check_flags_a_model_in_mpa_without_a_spec(tmp_path: Path) -> None:
    """E in MPa with metres and kilograms: T1 of hundreds of seconds, refused by period.plausible."""
    script = tmp_path / "mpa.py"
    script.write_text("import math\nimport openseespy.opensees as ops\nops.wipe()\nops.model('basic', '-ndm', 2, '-ndf', 3)\n"
                      "ops.node(1, 0, 0)\nops.node(2, 0, 3.5)\nops.fix(1, 1, 1, 1)\nops.mass(2, 1.0e5, 0.0, 0.0)\n"
                      "ops.geomTransf('Linear', 1)\nops.element('elasticBeamColumn', 1, 1, 2, 0.36, 30000.0, 0.0108, 1)\n"
                      "lam = ops.eigen('-fullGenLapack', 1)\nprint('T1 =', 2 * math.pi / math.sqrt(lam[0]), 's')\n")
    done = autobm("check", str(script), "--json")
    assert done.returncode == 1
    [row] = json.loads(done.stdout)
    plausible = next(c for c in row["checks"] if c["id"] == "period.plausible")
    assert plausible["status"] == "failed" and plausible["value"] > 100 and "E in MPa" in plausible["message"]


def test_a_3d_model_without_supports_is_read_z_up_and_told_so(tmp_path: Path) -> None:
    """Its diaphragm masters (fixed out of plane at each floor) are not a base: the supports check names the
    12 base nodes left unfixed, and no floor is lost (a regression: the masters made it read Y as vertical)."""
    out = tmp_path / "ref"
    assert autobm("run", EXAMPLE_TEXT, "--out", str(out)).returncode == 0
    code = (out / "model.py").read_text()
    assert code.count("ops.fix(node_tag(0, ix, iy), 1, 1, 1, 1, 1, 1)") == 1
    script = tmp_path / "nofix.py"
    script.write_text(code.replace("ops.fix(node_tag(0, ix, iy), 1, 1, 1, 1, 1, 1)", "pass"))
    done = autobm("check", str(script), "--spec", EXAMPLE_TEXT, "--json")
    [row] = json.loads(done.stdout)
    checks = {c["id"]: c for c in row["checks"]}
    assert checks["supports.base_fixed"]["status"] == "failed" and checks["supports.base_fixed"]["limit"] == "all 12"
    assert checks["geometry.stories"]["status"] == "passed"


def test_a_run_model_sized_for_drift_passes_check_against_the_same_spec(tmp_path: Path) -> None:
    """`run` enlarges preliminary sections to meet the drift limit; `check` with the same words (or the
    result's spec) compares against that sized model, not the unsized one (17 % apart: it failed)."""
    text = "5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, 0.20g, office"
    done = autobm("run", text, "--out", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads((tmp_path / "result.json").read_text())
    assert any("enlarged" in a["reason"] for a in result["assumptions"] if a["field"] == "sections.columns")
    from autobm.agent.spec import load_spec

    assert load_spec(result["spec"]).sections.model_dump() == result["spec"]["sections"]  # read back: still sized
    (tmp_path / "spec.json").write_text(json.dumps(result["spec"]))
    for spec_args in (["--spec", text], ["--spec-file", str(tmp_path / "spec.json")]):
        checked = autobm("check", str(tmp_path / "model.py"), *spec_args, "--json")
        [report] = json.loads(checked.stdout)
        [reference] = [c for c in report["checks"] if c["id"] == "period.reference_model"]
        assert checked.returncode == 0 and reference["status"] == "passed", reference
        assert reference["limit"] == pytest.approx(result["periods_s"][0], rel=1e-6)
