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
