"""Enlarging assumed sections for drift (sizing.enlarge_default_sections): what changes and what does not."""

from __future__ import annotations

import pytest

from autobm.agent.sizing import enlarge_default_sections
from autobm.agent.spec import complete_spec


def test_assumed_rc_sections_grow_by_the_factor_rounded_up_to_10_mm() -> None:
    spec = complete_spec({"system": "rc_frame", "stories": 8, "story_height_m": 3.3, "bays_x": 3, "bay_width_m": 6.0})
    column, beam = spec.sections.columns[0], spec.sections.beams[0]
    bigger = enlarge_default_sections(spec, 1.23, "GB 50011-2010 Table 5.5.1")
    new_column, new_beam = bigger.sections.columns[0], bigger.sections.beams[0]
    for old, new in ((column, new_column), (beam, new_beam)):
        assert old.h_m * 1.23 <= new.h_m < old.h_m * 1.23 + 0.01
        assert old.b_m * 1.23 <= new.b_m < old.b_m * 1.23 + 0.01
    reasons = {a.field: a.reason for a in bigger.assumptions}
    assert "×1.23" in reasons["sections.columns"] and "GB 50011" in reasons["sections.beams"]
    assert spec.sections.columns[0] == column  # the given spec is left as it was


def test_given_sections_are_never_enlarged() -> None:
    spec = complete_spec({"system": "steel_frame", "stories": 4, "story_height_m": 3.6, "bays_x": 2, "bay_width_m": 8.0,
                          "columns": [{"area_m2": 0.02, "inertia_m4": 5e-4}]})
    bigger = enlarge_default_sections(spec, 1.5, "ASCE 7-22 Table 12.12-1")
    assert bigger.sections.columns == spec.sections.columns
    assert bigger.sections.beams[0].inertia_m4 == pytest.approx(spec.sections.beams[0].inertia_m4 * 1.5**4)
    assert bigger.sections.beams[0].area_m2 == pytest.approx(spec.sections.beams[0].area_m2 * 1.5**2)


# --- Sizing before the first run: the planar frame prediction ------------------------------

from autobm.agent import pipeline  # noqa: E402
from autobm.agent.parsing import parse_text  # noqa: E402
from autobm.agent.pipeline import run_spec  # noqa: E402
from autobm.agent.sizing import MAX_PLANAR_DOFS, PREDICTED, planar_frame, predicted_step, presize  # noqa: E402

PREDICTED_SPECS = {
    "rc_2d_gb": {"system": "rc_frame", "stories": 6, "story_heights_m": [4.5] + [3.3] * 5, "bays_x": 3,
                 "bay_widths_x_m": [6.0, 7.5, 6.0], "seismic": {"code": "gb50011", "intensity": 8, "pga_g": 0.3}},
    "rc_3d_asce_cracked": {"system": "rc_frame", "dimensions": 3, "stories": 5, "story_height_m": 3.6,
                           "bay_widths_x_m": [7.0, 7.0, 7.0], "bay_widths_y_m": [6.0, 6.0],
                           "columns": [{"b_m": 0.6, "h_m": 0.6, "to_story": 2}, {"b_m": 0.5, "h_m": 0.5, "from_story": 3}],
                           "beams": [{"b_m": 0.35, "h_m": 0.6}],
                           "seismic": {"code": "asce7", "sds_g": 1.0, "sd1_g": 0.6, "risk_category": "II"}},
    "steel_3d_en_weak_axis": {"system": "steel_frame", "dimensions": 3, "stories": 4, "story_height_m": 4.0,
                              "bay_widths_x_m": [8.0, 8.0], "bay_widths_y_m": [6.0, 6.0, 6.0],
                              "seismic": {"code": "en1998", "pga_g": 0.25, "ground_type": "C"}},
}


@pytest.mark.parametrize("name", sorted(PREDICTED_SPECS))
def test_the_planar_frame_predicts_the_reference_models_period_and_drifts(name) -> None:
    """One frame line condensed to a lateral DOF a floor against the OpenSees model inspection analyses
    (story ranges of sections, a taller ground story, unequal bays, cracked sections, the weak axis in Y)."""
    spec = complete_spec(PREDICTED_SPECS[name])
    facts = run_spec(spec, size_for_drift=False).facts
    frames = [planar_frame(spec, lat.direction) for lat in facts.lateral]
    assert len(frames) == spec.dimensions - 1
    assert max(f.period_s for f in frames) == pytest.approx(facts.modal.periods_s[0], rel=2e-3)
    for frame, lat in zip(frames, facts.lateral):
        assert frame.drift_ratios == pytest.approx([abs(r) for r in lat.story_drift_ratios], rel=3e-3)
    if spec.system == "steel_frame":  # H columns bend about their weak axis along Y, with shorter bays: softer still
        assert frames[1].period_s > frames[0].period_s


SOFT = "9层钢筋混凝土框架，层高3.6m，5跨，跨度5.4m，酒店，抗震设防烈度8度，II类场地"


def test_a_building_predicted_too_soft_is_sized_before_its_only_run(monkeypatch) -> None:
    spec = parse_text(SOFT)
    sized = run_spec(spec)
    assert sized.status == "verified" and sized.runs == 1 and sized.sizing_rounds == 1
    reason = next(a.reason for a in sized.spec.assumptions if a.field == "sections.columns")
    assert PREDICTED in reason and "1/550" in reason
    [drift] = [c for c in sized.checks if c.id == "drift.limit"]
    assert 0.9 < drift.value / drift.limit < 1.0  # sized to the limit, with the 3 % margin and 10 mm steps
    monkeypatch.setattr(pipeline, "presize", lambda s: (s, 1.0))  # as before: found by the first run, then run again
    after_a_run = run_spec(spec)
    assert after_a_run.status == "verified" and after_a_run.runs == 2 and after_a_run.sizing_rounds == 1
    for predicted, found in zip(sized.spec.sections.columns + sized.spec.sections.beams,
                                after_a_run.spec.sections.columns + after_a_run.spec.sections.beams):
        assert predicted.b_m <= found.b_m and predicted.h_m <= found.h_m  # one step by the exponent: larger


def test_no_sizing_is_predicted_for_given_sections_a_stiff_frame_or_a_shear_building() -> None:
    given = complete_spec(PREDICTED_SPECS["rc_3d_asce_cracked"])
    assert planar_frame(given) is not None and predicted_step(given) is None  # the user's sections are the answer
    stiff = parse_text("3-story RC frame, 3.3 m floors, 3 bays of 6 m, plane frame, intensity 7 (0.10g)")
    assert max(planar_frame(stiff).drift_ratios) > 0 and predicted_step(stiff) is None
    assert presize(stiff) == (stiff, 1.0)
    shear = complete_spec({"system": "shear_building", "stories": 3, "story_height_m": 3.0,
                           "floor_masses_kg": [1e5] * 3, "story_stiffnesses_n_per_m": [1e8] * 3})
    assert planar_frame(shear) is None and predicted_step(shear) is None


def test_a_frame_line_too_large_to_condense_is_left_to_the_run() -> None:
    bays = MAX_PLANAR_DOFS // (2 * 60)  # 60 stories: one more joint column than fits
    tall = complete_spec({"system": "steel_frame", "stories": 60, "story_height_m": 3.6, "bays_x": bays,
                          "bay_width_m": 6.0})
    assert planar_frame(tall) is None and predicted_step(tall) is None
    fits = complete_spec({"system": "steel_frame", "stories": 60, "story_height_m": 3.6, "bays_x": bays - 1,
                          "bay_width_m": 6.0})
    assert planar_frame(fits) is not None
