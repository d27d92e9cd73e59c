"""BuildingSpec: the typed, validated description of a building, in SI units.

Units inside autobm are m, kg, N, Pa and s; every number's unit is in its field name.
``complete_spec`` turns what a person said (a partial mapping, from the parser or a
JSON file) into a full ``BuildingSpec``; every value it fills in is recorded in
``assumptions`` with the code clause or convention it comes from.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from . import codes
from .errors import SpecError

SystemName = Literal["rc_frame", "steel_frame", "shear_building"]
SeismicCodeName = Literal["gb50011", "asce7", "en1998"]
SYSTEMS: tuple[str, ...] = ("rc_frame", "steel_frame", "shear_building")
SEISMIC_CODES: tuple[str, ...] = ("gb50011", "asce7", "en1998")

MAX_STORIES = 150
MAX_BAYS = 30
STORY_HEIGHT_RANGE_M = (1.5, 15.0)
BAY_WIDTH_RANGE_M = (1.0, 30.0)
SECTION_DIM_RANGE_M = (0.05, 5.0)


class Assumption(BaseModel):
    """A value the description did not give and autobm filled in, with the reason."""

    field: str = Field(description="dotted path of the spec field that was filled")
    value: Any = Field(description="the value used, in the field's SI unit")
    reason: str = Field(description="why: the code clause or the convention behind the value")


class Material(BaseModel):
    """Material of the frame members; ``elastic_modulus_pa`` is the one the model uses."""

    model_config = ConfigDict(extra="forbid")

    concrete_grade: str | None = Field(None, description="concrete grade of an RC frame: GB 50010 C20..C60 "
                                       "(GB 50011, ASCE 7) or EN 1992 C20/25..C60/75 (EN 1998)")
    fc_pa: float | None = Field(None, description="concrete cylinder strength f'c (fck), Pa, when one is given: E "
                                "follows from it by the code in use", gt=1e6, le=2e8)
    steel_grade: str | None = Field(None, description="structural steel grade, e.g. Q355, A992, S355")
    elastic_modulus_pa: float = Field(description="Young's modulus E, Pa", gt=1e9, le=3.5e11)
    unit_weight_n_per_m3: float = Field(description="unit weight of the member material, N/m³", gt=0, le=1e5)

    @field_validator("concrete_grade")
    @classmethod
    def _known_concrete(cls, v: str | None) -> str | None:
        known = {**codes.CONCRETE_EC_GB50010_MPA, **codes.CONCRETE_ECM_EN1992_MPA}
        if v is not None and v not in known:
            raise ValueError(f"unknown concrete grade {v!r}: allowed {', '.join(known)}")
        return v

    @field_validator("steel_grade")
    @classmethod
    def _known_steel(cls, v: str | None) -> str | None:
        if v is not None and v not in codes.STEEL_E_MPA:
            raise ValueError(f"unknown steel grade {v!r}: allowed {', '.join(codes.STEEL_E_MPA)}")
        return v


class Section(BaseModel):
    """A member section over a range of stories: either b × h (rectangle) or A and I.

    ``h_m`` is the depth in the bending plane of the frame; ``inertia_m4`` is about the
    strong axis (bending in the frame plane), ``inertia_weak_m4`` about the other axis.
    """

    model_config = ConfigDict(extra="forbid")

    from_story: int = Field(1, ge=1, description="first story (1 = ground story) this section applies to")
    to_story: int | None = Field(None, ge=1, description="last story, inclusive; None = the top story")
    b_m: float | None = Field(None, description="width, m")
    h_m: float | None = Field(None, description="depth, m")
    area_m2: float | None = Field(None, gt=0, le=25.0, description="cross-section area A, m²")
    inertia_m4: float | None = Field(None, gt=0, le=1e3, description="second moment of area, strong axis, m⁴")
    inertia_weak_m4: float | None = Field(None, gt=0, le=1e3, description="second moment of area, weak axis, m⁴")
    torsion_m4: float | None = Field(None, gt=0, le=1e3, description="torsion constant J, m⁴")

    @model_validator(mode="after")
    def _dims_or_properties(self) -> Section:
        lo, hi = SECTION_DIM_RANGE_M
        for name in ("b_m", "h_m"):
            v = getattr(self, name)
            if v is not None and not lo <= v <= hi:
                raise ValueError(f"{name} = {v:g} m is out of range: allowed {lo:g} to {hi:g} m")
        has_dims = self.b_m is not None and self.h_m is not None
        has_props = self.area_m2 is not None and self.inertia_m4 is not None
        if not (has_dims or has_props):
            raise ValueError("a section needs b_m and h_m (rectangle), or area_m2 and inertia_m4")
        if self.to_story is not None and self.to_story < self.from_story:
            raise ValueError(f"to_story = {self.to_story} is below from_story = {self.from_story}")
        return self

    def properties(self) -> tuple[float, float, float, float]:
        """(A m², I strong m⁴, I weak m⁴, J m⁴) of the section."""
        if self.b_m is not None and self.h_m is not None and self.area_m2 is None:
            b, h = self.b_m, self.h_m
            area = b * h
            i_strong = b * h**3 / 12
            i_weak = h * b**3 / 12
            short, long_ = min(b, h), max(b, h)
            # Saint-Venant torsion constant of a rectangle (Roark, Table 10.7 case 4).
            j = short**3 * long_ * (1 / 3 - 0.21 * short / long_ * (1 - short**4 / (12 * long_**4)))
            return area, i_strong, self.inertia_weak_m4 or i_weak, self.torsion_m4 or j
        area, i_strong = float(self.area_m2 or 0), float(self.inertia_m4 or 0)
        i_weak = self.inertia_weak_m4 or i_strong
        return area, i_strong, i_weak, self.torsion_m4 or (i_strong + i_weak)

    def covers(self, story: int, stories: int) -> bool:
        return self.from_story <= story <= (self.to_story or stories)


class Sections(BaseModel):
    """Column and beam sections, each a list of story ranges."""

    model_config = ConfigDict(extra="forbid")

    columns: list[Section] = Field(min_length=1)
    beams: list[Section] = Field(min_length=1)

    def column_at(self, story: int, stories: int) -> Section:
        return next(s for s in reversed(self.columns) if s.covers(story, stories))

    def beam_at(self, story: int, stories: int) -> Section:
        return next(s for s in reversed(self.beams) if s.covers(story, stories))


class StiffnessModifiers(BaseModel):
    """Effective-stiffness factors on the gross moment of inertia."""

    model_config = ConfigDict(extra="forbid")

    column_inertia_factor: float = Field(1.0, gt=0, le=1.0, description="I_eff / I_gross for columns")
    beam_inertia_factor: float = Field(1.0, gt=0, le=1.0, description="I_eff / I_gross for beams")
    clause: str = Field("gross sections", description="where the factors come from")


class SeismicInput(BaseModel):
    """Seismic input by one design code.

    GB 50011: ``intensity`` 6..9 with ``pga_g`` (design basic acceleration), ``site_class``,
    ``design_group``. ASCE 7: ``sds_g``, ``sd1_g``, ``risk_category``; ``pga_g`` is the
    spectrum at T = 0 (0.4 SDS, 11.4.6). EN 1998: ``pga_g`` is ag = γI·agR, ``ground_type``,
    ``importance_class``, and ``reference_pga_g`` agR where it was given.
    """

    model_config = ConfigDict(extra="forbid")

    code: SeismicCodeName = Field(description="design code: gb50011 | asce7 | en1998")
    intensity: int | None = Field(None, description="GB 50011 fortification intensity, 6..9")
    pga_g: float = Field(gt=0, le=1.5, description="design peak ground acceleration, g")
    site_class: str | None = Field(None, description="GB 50011 site class I0, I1, II, III or IV")
    design_group: int | None = Field(None, description="GB 50011 design earthquake group 1..3")
    sds_g: float | None = Field(None, gt=0, le=4.0, description="ASCE 7 SDS, g")
    sd1_g: float | None = Field(None, gt=0, le=3.0, description="ASCE 7 SD1, g")
    risk_category: Literal["I", "II", "III", "IV"] | None = Field(None, description="ASCE 7 risk category")
    s1_g: float | None = Field(None, gt=0, le=4.0, description="ASCE 7 S1, the mapped MCE_R spectral acceleration "
                                                            "at 1 s, g: from 0.6 g on, Eq. 12.8-6 bounds Cs from below")
    tl_s: float | None = Field(None, gt=0, le=20, description="ASCE 7 long-period transition period TL, s (Figures "
                                                           "22-14 to 22-17): Eq. 12.8-4 beyond it; None: not checked")
    ground_type: Literal["A", "B", "C", "D", "E"] | None = Field(None, description="EN 1998 ground type")
    importance_class: Literal["I", "II", "III", "IV"] | None = Field(None, description="EN 1998 importance class")
    reference_pga_g: float | None = Field(
        None, gt=0, le=1.5, description="EN 1998 reference peak ground acceleration agR, g: pga_g = γI·agR "
                                        "(3.2.1(3)), γI by importance class (4.2.5(5))")
    damping_ratio: float = Field(0.05, gt=0, le=0.3, description="viscous damping ratio ζ")
    frame_type: Literal["special", "intermediate", "ordinary"] | None = Field(
        None, description="ASCE 7 moment frame detailing, Table 12.2-1: special (R 8, Cd 5.5), intermediate (steel "
                          "R 4.5, Cd 4; RC R 5, Cd 4.5) or ordinary (steel R 3.5, Cd 3; RC R 3, Cd 2.5); None: special")
    ductility_class: Literal["DCL", "DCM", "DCH"] | None = Field(
        None, description="EN 1998 ductility class: low (q = 1.5, low-seismicity cases only), medium or high")
    behaviour_factor_q: float | None = Field(
        None, gt=1.0, le=8.0, description="EN 1998 behaviour factor q (5.2.2.2, Table 6.2), by the ductility class and "
                                          "the frame's αu/α1; None: 3.9 for RC, 4 for steel (DCM, multi-bay)")

    @model_validator(mode="after")
    def _consistent(self) -> SeismicInput:
        if self.code == "gb50011":
            if self.intensity is None or self.intensity not in codes.GB_INTENSITY_PGA_G:
                raise ValueError(f"intensity = {self.intensity} is not a GB 50011 intensity: allowed 6, 7, 8, 9")
            allowed = codes.GB_INTENSITY_PGA_G[self.intensity]
            if not any(math.isclose(self.pga_g, a, abs_tol=1e-6) for a in allowed):
                raise ValueError(
                    f"pga_g = {self.pga_g:g} contradicts intensity {self.intensity}: "
                    f"GB 50011 Table 3.2.2 allows {' or '.join(f'{a:g}g' for a in allowed)}"
                )
            if self.site_class not in codes.GB_SITE_CLASSES:
                raise ValueError(f"site_class = {self.site_class!r}: allowed {', '.join(codes.GB_SITE_CLASSES)}")
            if self.design_group not in (1, 2, 3):
                raise ValueError(f"design_group = {self.design_group}: allowed 1, 2, 3")
        elif self.code == "asce7":
            if self.sds_g is None or self.sd1_g is None:
                raise ValueError("ASCE 7 input needs sds_g and sd1_g")
        elif self.ground_type is None:
            raise ValueError("EN 1998 input needs ground_type A..E")
        if self.s1_g is not None and self.code != "asce7":
            raise ValueError(f"s1_g (S1) is an ASCE 7 input; seismic.code is {self.code}")
        if self.tl_s is not None and self.code != "asce7":
            raise ValueError(f"tl_s (TL) is an ASCE 7 input; seismic.code is {self.code}")
        if self.frame_type is not None and self.code != "asce7":
            raise ValueError(f"frame_type ({self.frame_type} moment frame, R and Cd of ASCE 7 Table 12.2-1) is an ASCE 7 "
                             f"input; seismic.code is {self.code}")
        if (self.ductility_class is not None or self.behaviour_factor_q is not None) and self.code != "en1998":
            raise ValueError(f"ductility_class and behaviour_factor_q are EN 1998 inputs; seismic.code is {self.code}")
        if self.reference_pga_g is not None:
            if self.code != "en1998":
                raise ValueError(f"reference_pga_g (agR) is an EN 1998 input; seismic.code is {self.code}")
            gamma = codes.EN1998_IMPORTANCE_FACTOR[self.importance_class or "II"]
            if not math.isclose(self.pga_g, gamma * self.reference_pga_g, rel_tol=1e-4):
                raise ValueError(f"pga_g = {self.pga_g:g} contradicts reference_pga_g = {self.reference_pga_g:g}: "
                                 f"ag = γI·agR = {gamma:g} x {self.reference_pga_g:g}g (importance class "
                                 f"{self.importance_class or 'II'}, EN 1998-1 3.2.1(3))")
        return self

    @property
    def tg_s(self) -> float:
        """GB 50011 characteristic period Tg, s."""
        return codes.GB_TG_S[self.design_group or 1][self.site_class or "II"]

    @property
    def alpha_max(self) -> float:
        """GB 50011 αmax for the frequent earthquake."""
        return codes.GB_ALPHA_MAX[round(self.pga_g, 2)]["frequent"]


class BuildingSpec(BaseModel):
    """A building, in SI units, complete and validated."""

    model_config = ConfigDict(extra="forbid")

    system: SystemName = Field(description="rc_frame | steel_frame | shear_building")
    dimensions: Literal[2, 3] = Field(description="2: one frame line (drafted in the X-Y plane of OpenSees, Y vertical); 3: a space frame (Z vertical)")
    stories: int = Field(description=f"number of stories above the base, 1..{MAX_STORIES}")
    story_heights_m: list[float] = Field(description="height of each story from the ground story up, m")
    bay_widths_x_m: list[float] = Field(default_factory=list, description="bay widths along X, m")
    bay_widths_y_m: list[float] = Field(default_factory=list, description="bay widths along Y, m (empty in 2D)")
    tributary_width_m: float | None = Field(
        None, description="2D frames: width of floor that loads this frame line, m"
    )
    material: Material | None = Field(None, description="member material (frames)")
    sections: Sections | None = Field(None, description="member sections (frames)")
    stiffness: StiffnessModifiers = Field(default_factory=StiffnessModifiers)
    occupancy: str | None = Field(None, description=f"use of the floors: {', '.join(codes.OCCUPANCIES)}")
    dead_load_pa: float | None = Field(None, description="floor dead load incl. member self-weight, Pa")
    live_load_pa: float | None = Field(None, description="floor live load, Pa")
    live_load_mass_factor: float = Field(0.5, ge=0, le=1, description="share of live load in the seismic mass")
    floor_masses_kg: list[float] | None = Field(None, description="explicit seismic mass of each floor, kg")
    story_stiffnesses_n_per_m: list[float] | None = Field(None, description="shear buildings: story stiffness, N/m")
    rigid_diaphragm: bool = Field(True, description="rigid floor diaphragms (3D)")
    seismic: SeismicInput
    name: str | None = Field(None, description="a short label")
    source_text: str | None = Field(None, description="the description the spec was parsed from")
    assumptions: list[Assumption] = Field(default_factory=list)

    @model_validator(mode="after")
    def _validate(self) -> BuildingSpec:
        problems = _check_geometry(self)
        if problems:
            raise ValueError("; ".join(problems))
        m = self.material
        if self.system == "rc_frame" and (m.concrete_grade is not None or m.fc_pa is not None):
            try:  # a full spec written by hand is held to what complete_spec holds a partial one to
                _concrete(self.seismic.code, m.concrete_grade, m.elastic_modulus_pa, m.fc_pa)
            except SpecError as exc:
                raise ValueError(str(exc)) from None
        if self.system == "steel_frame" and m.steel_grade is not None:
            e_grade = codes.STEEL_E_MPA[m.steel_grade] * 1e6
            if abs(m.elastic_modulus_pa - e_grade) > E_AGREEMENT * max(e_grade, m.elastic_modulus_pa):
                raise ValueError(f"contradictory material: material.steel_grade = {m.steel_grade} has E = {e_grade / 1e9:g} GPa "
                                 f"but material.elastic_modulus_pa = {m.elastic_modulus_pa / 1e9:g} GPa (more than "
                                 f"{E_AGREEMENT:.0%} apart): give one of them")
        return self

    # --- derived quantities ---------------------------------------------------------
    @property
    def height_m(self) -> float:
        return float(sum(self.story_heights_m))

    @property
    def plan_x_m(self) -> float:
        return float(sum(self.bay_widths_x_m))

    @property
    def plan_y_m(self) -> float:
        return float(sum(self.bay_widths_y_m))

    def floor_area_m2(self) -> float:
        """Floor area carried by the model: the plan in 3D, X length × tributary width in 2D."""
        if self.dimensions == 3:
            return self.plan_x_m * self.plan_y_m
        return self.plan_x_m * (self.tributary_width_m or 0.0)

    def seismic_floor_masses_kg(self) -> list[float]:
        """Seismic mass of each floor, kg: explicit masses, or (dead + ψ·live)·area / g.

        The roof carries no floor live load: GB 50011-2010 5.1.3 takes roof live load as 0 in the
        gravity representative value, and EN 1990's roofs (category H) have ψ2 = 0; ASCE 7 counts
        no live load anywhere. So the top floor's mass is the dead load alone (snow not modelled).
        """
        if self.floor_masses_kg is not None:
            return list(self.floor_masses_kg)
        area = self.floor_area_m2() / codes.G_M_PER_S2
        dead = (self.dead_load_pa or 0.0) * area
        floor = dead + self.live_load_mass_factor * (self.live_load_pa or 0.0) * area
        return [floor] * (self.stories - 1) + [dead]

    def total_mass_kg(self) -> float:
        return float(sum(self.seismic_floor_masses_kg()))

    def summary(self) -> str:
        """One line a person reads, e.g. '5-story RC frame, 3D, 3x2 bays, H = 17.5 m, GB 50011 8 (0.20g)'."""
        sys_name = {"rc_frame": "RC moment frame", "steel_frame": "steel moment frame",
                    "shear_building": "shear building"}[self.system]
        parts = [f"{self.stories}-story {sys_name}", f"{self.dimensions}D"]
        if self.system != "shear_building":
            bays = f"{len(self.bay_widths_x_m)}"
            if self.dimensions == 3:
                bays += f"x{len(self.bay_widths_y_m)}"
            parts.append(f"{bays} bays")
        parts.append(f"H = {self.height_m:.2f} m")
        s = self.seismic
        if s.code == "gb50011":
            parts.append(f"GB 50011 intensity {s.intensity} ({s.pga_g:.2f}g), site {s.site_class}")
        elif s.code == "asce7":
            parts.append(f"ASCE 7 SDS {s.sds_g:.2f}g, SD1 {s.sd1_g:.2f}g")
        else:
            parts.append(f"EN 1998 ag {s.pga_g:.2f}g, ground {s.ground_type}")
        return ", ".join(parts)


def _check_geometry(spec: BuildingSpec) -> list[str]:
    problems: list[str] = []
    n = spec.stories
    if not 1 <= n <= MAX_STORIES:
        return [f"stories = {n} is out of range: allowed 1 to {MAX_STORIES}"]
    if len(spec.story_heights_m) != n:
        problems.append(f"story_heights_m has {len(spec.story_heights_m)} values for {n} stories: give one per story")
    lo, hi = STORY_HEIGHT_RANGE_M
    for i, h in enumerate(spec.story_heights_m, 1):
        if not lo <= h <= hi:
            problems.append(f"story_heights_m[story {i}] = {h:g} m is out of range: allowed {lo:g} to {hi:g} m")
    lo, hi = BAY_WIDTH_RANGE_M
    for axis in ("x", "y"):
        widths = getattr(spec, f"bay_widths_{axis}_m")
        if len(widths) > MAX_BAYS:
            problems.append(f"bay_widths_{axis}_m has {len(widths)} bays: allowed 1 to {MAX_BAYS}")
        for i, w in enumerate(widths, 1):
            if not lo <= w <= hi:
                problems.append(f"bay_widths_{axis}_m[bay {i}] = {w:g} m is out of range: allowed {lo:g} to {hi:g} m")
    if spec.system == "shear_building":
        if spec.dimensions != 2:
            problems.append("dimensions = 3 is not available for a shear building: allowed 2")
        for name, values in (("floor_masses_kg", spec.floor_masses_kg),
                             ("story_stiffnesses_n_per_m", spec.story_stiffnesses_n_per_m)):
            if values is None or len(values) != n:
                got = "none" if values is None else f"{len(values)} values"
                problems.append(f"{name}: a shear building needs one value per story ({n}), got {got}")
            elif any(not (v > 0 and math.isfinite(v)) for v in values):
                problems.append(f"{name} = {values}: every value must be positive")
        return problems
    if not spec.bay_widths_x_m:
        problems.append("bay_widths_x_m is empty: a frame needs at least one bay along X")
    if spec.dimensions == 3 and not spec.bay_widths_y_m:
        problems.append("bay_widths_y_m is empty: a 3D frame needs at least one bay along Y")
    if spec.dimensions == 2 and spec.bay_widths_y_m:
        problems.append("bay_widths_y_m must be empty for a 2D frame (dimensions = 2); use dimensions = 3")
    if spec.dimensions == 2 and spec.floor_masses_kg is None:
        tw = spec.tributary_width_m
        lo, hi = BAY_WIDTH_RANGE_M
        if tw is None or not lo <= tw <= hi:
            problems.append(f"tributary_width_m = {tw}: a 2D frame needs the loaded width, {lo:g} to {hi:g} m")
    if spec.material is None:
        problems.append("material is missing: a frame needs its elastic modulus")
    if spec.sections is None:
        problems.append("sections are missing: a frame needs column and beam sections")
    else:
        for kind, secs in (("columns", spec.sections.columns), ("beams", spec.sections.beams)):
            for story in range(1, n + 1):
                if not any(s.covers(story, n) for s in secs):
                    problems.append(f"sections.{kind}: no section covers story {story}; give from_story/to_story ranges covering 1..{n}")
                    break
            for s in secs:
                if s.from_story > n:
                    problems.append(f"sections.{kind}: from_story = {s.from_story} is above the top story {n}")
    if spec.floor_masses_kg is not None:
        if len(spec.floor_masses_kg) != n:
            problems.append(f"floor_masses_kg has {len(spec.floor_masses_kg)} values for {n} stories")
        elif any(not m > 0 for m in spec.floor_masses_kg):
            problems.append("floor_masses_kg: every floor mass must be positive")
    else:
        for name, low in (("dead_load_pa", 500.0), ("live_load_pa", 0.0)):
            v = getattr(spec, name)
            if v is None or not low <= v <= 1e5 or 0 < v < 100:
                problems.append(f"{name} = {v}: allowed {low:g} to 100000 Pa (100 kPa); floors carry a few kPa, "
                                "e.g. 7000 Pa dead and 2500 Pa live (was it given in kPa?)")
        if spec.occupancy is not None and spec.occupancy not in codes.OCCUPANCIES:
            problems.append(f"occupancy = {spec.occupancy!r}: allowed {', '.join(codes.OCCUPANCIES)}")
    return problems


# ---------------------------------------------------------------------------------
# Completion: what the person said -> a full spec, with every default recorded.
# ---------------------------------------------------------------------------------

DEFAULT_STORY_HEIGHT_M = 3.3
DEFAULT_BAY_WIDTH_M = 6.0
DEFAULT_BAYS_X = 3
DEFAULT_BAYS_Y = 2
DEFAULT_DEAD_LOAD_PA = {"rc_frame": 7.0e3, "steel_frame": 5.0e3}
SELF_WEIGHT_PA = {"rc_frame": 5.0e3, "steel_frame": 3.5e3}
"""The structure's own weight smeared over the floor, Pa: an RC slab of about 150 mm with its beams and
columns (5 kPa), a composite slab on deck with the steel (3.5 kPa). DEFAULT_DEAD_LOAD_PA adds about
1.5-2 kPa of finishes, partitions and services to these; a given superimposed dead load replaces that part."""
SUPERIMPOSED = "superimposed dead load given"
STATED = "stated as"
"""Reasons that begin so record a value read from another one the text gave (R, Cd, Ie): kept on reading back."""
DEFAULT_STEEL_GRADE = {"gb50011": "Q355", "asce7": "A992", "en1998": "S355"}


E_AGREEMENT = 0.10
"""How far apart (relative) a given E may be from the E of a given grade or f'c before they contradict."""


def _concrete(code: str, grade: Any, e_given: Any, fc_pa: Any = None) -> tuple[str | None, float, str]:
    """(grade, E in Pa, where E comes from) of an RC frame under ``code``.

    GB 50011 reads a GB 50010 grade (Ec, Table 4.1.5), named by its cube strength: an EN 1992
    name 'C25/30' is the GB grade of its cube strength, C30. EN 1998 reads an EN 1992 grade,
    named 'C30/37' or by its cylinder strength 'C30' (Ecm, Table 3.1). ASCE 7 takes Ec from f'c
    (ACI 318-19 19.2.2.1(b)): 4,000 psi when none is given, the cylinder strength of an EN 1992
    name ('C30/37': f'c = 30 MPa); a plain 'C30' is read as the GB 50010 grade.

    A cylinder strength ``fc_pa`` gives E by the code: ACI 318 under ASCE 7, EN 1992's Ecm formula
    under EN 1998; GB 50010 has Ec by grade only, so under GB 50011 f'c takes ACI 318's formula, said
    so. E, f'c and a grade given together must agree within ``E_AGREEMENT``; E given wins.

    >>> _concrete("en1998", None, None, 30e6)[2]
    'fck = 30 MPa: Ecm = 22 (fcm/10)^0.3 GPa, fcm = fck + 8 MPa: 32.8 GPa (EN 1992-1-1:2004 Table 3.1)'
    """
    name, e_grade, why_grade = _concrete_grade(code, grade)
    e_fc, why_fc = (None, None) if fc_pa is None else _concrete_fc(code, _number(fc_pa, "material.fc_pa"))
    named = (name or "").removeprefix("C").partition("/")[0]
    if fc_pa is not None and "/" in (name or "") and abs(float(named) - float(fc_pa) / 1e6) > 0.5:
        raise SpecError(f"contradictory material: {name} is the EN 1992 grade of fck = {named} MPa (the cylinder strength "
                        f"names it) but material.fc_pa = {float(fc_pa) / 1e6:g} MPa: give one of them")
    stated = [(label, e, why) for label, e, why in (
        (f"material.concrete_grade = {name}", e_grade, why_grade), ("material.fc_pa", e_fc, why_fc),
        ("material.elastic_modulus_pa", None if e_given is None else _number(e_given, "material.elastic_modulus_pa"), "given"))
        if e is not None]
    for (label_a, a, why_a), (label_b, b, why_b) in zip(stated, stated[1:]):
        if abs(a - b) > E_AGREEMENT * max(a, b):
            raise SpecError(f"contradictory material: {label_a} gives E = {a / 1e9:.1f} GPa ({why_a}) but {label_b} gives "
                            f"{b / 1e9:.1f} GPa ({why_b}), {abs(a - b) / max(a, b):.0%} apart (more than "
                            f"{E_AGREEMENT:.0%}): give one of them")
    if e_given is not None:
        return name, float(e_given), "given"
    if e_fc is not None:
        return name, e_fc, why_fc
    if e_grade is not None:
        return name, e_grade, why_grade
    if code == "asce7":
        fc = codes.ACI_DEFAULT_FC_PSI
        e = codes.aci_ec_pa(fc * codes.PA_PER_PSI)
        return None, e, (f"no f'c given: {fc:,.0f} psi ({fc * codes.PA_PER_PSI / 1e6:.1f} MPa), Ec = 57,000 sqrt(f'c) psi = "
                         f"{e / 1e9:.1f} GPa (ACI 318-19 19.2.2.1(b))")
    default = "C30/37" if code == "en1998" else "C30"
    return _concrete_grade(code, default)


def _concrete_grade(code: str, grade: Any) -> tuple[str | None, float | None, str | None]:
    """(grade as the spec names it, its E in Pa, where E comes from); all None without a grade."""
    if grade is None:
        return None, None, None
    grade = str(grade).upper().replace(" ", "")
    if code == "en1998":
        en = codes.en1992_grade(grade)
        if en is None:
            raise SpecError(f"material.concrete_grade = {grade!r} is unknown for EN 1998: allowed "
                            f"{', '.join(codes.CONCRETE_ECM_EN1992_MPA)}")
        return en, codes.ec_of_grade(en), f"Ecm of {en}, EN 1992-1-1:2004 Table 3.1"
    if "/" in grade:
        cylinder, _, cube = grade.removeprefix("C").partition("/")
        if code == "asce7" and re.fullmatch(r"\d+(?:\.\d+)?", cylinder):
            name = grade if grade in codes.CONCRETE_ECM_EN1992_MPA else None
            e = codes.aci_ec_pa(float(cylinder) * 1e6)
            return name, e, (f"{grade}: f'c = {cylinder} MPa (the cylinder strength), Ec = 57,000 sqrt(f'c) psi = "
                             f"{e / 1e9:.1f} GPa (ACI 318-19 19.2.2.1(b))")
        gb = f"C{cube}"
        if gb not in codes.CONCRETE_EC_GB50010_MPA:
            raise SpecError(f"material.concrete_grade = {grade!r}: GB 50010 names concrete by its cube strength "
                            f"({cube} MPa here), and has no C{cube}: allowed {', '.join(codes.CONCRETE_EC_GB50010_MPA)}")
        return gb, codes.ec_of_grade(gb), f"{grade} read as {gb} by its cube strength; Ec of {gb}, GB 50010-2010 Table 4.1.5"
    if grade not in codes.CONCRETE_EC_GB50010_MPA:
        raise SpecError(f"material.concrete_grade = {grade!r} is unknown: allowed {', '.join(codes.CONCRETE_EC_GB50010_MPA)}")
    return grade, codes.ec_of_grade(grade), f"Ec of {grade}, GB 50010-2010 Table 4.1.5"


def _concrete_fc(code: str, fc_pa: float) -> tuple[float, str]:
    """E in Pa of concrete of cylinder strength ``fc_pa`` under ``code``, and where it comes from."""
    if not 1e6 < fc_pa <= 2e8:
        raise SpecError(f"material.fc_pa = {fc_pa:g} Pa is out of range: allowed 1 to 200 MPa (f'c in Pa, SI)")
    if code == "en1998":
        e = codes.en1992_ecm_pa(fc_pa)
        return e, (f"fck = {fc_pa / 1e6:g} MPa: Ecm = 22 (fcm/10)^0.3 GPa, fcm = fck + 8 MPa: {e / 1e9:.1f} GPa "
                   "(EN 1992-1-1:2004 Table 3.1)")
    e = codes.aci_ec_pa(fc_pa)
    why = (f"f'c = {fc_pa / codes.PA_PER_PSI:,.0f} psi ({fc_pa / 1e6:.1f} MPa): Ec = 57,000 sqrt(f'c) psi = "
           f"{e / 1e9:.1f} GPa (ACI 318-19 19.2.2.1(b), normal-weight concrete)")
    if code == "gb50011":
        why += "; GB 50010 gives Ec by grade (cube strength) only, so a cylinder strength takes ACI 318's formula"
    return e, why


PARTIAL_KEYS = {
    # The keys ``complete_spec`` reads, besides BuildingSpec's own field names.
    "bays_x": "number of bays along X",
    "bays_y": "number of bays along Y",
    "story_height_m": "typical story height, m",
    "first_story_height_m": "height of the ground story, m",
    "concrete_grade": "concrete grade (GB 50010, or EN 1992 under EN 1998)",
    "fc_pa": "concrete cylinder strength f'c (fck), Pa",
    "steel_grade": "steel grade",
    "elastic_modulus_pa": "explicit Young's modulus, Pa",
    "columns": "list of column sections (Section fields)",
    "beams": "list of beam sections (Section fields)",
    "seismic.response_modification": "ASCE 7 R, read as the moment frame type of Table 12.2-1 it belongs to",
    "seismic.deflection_amplification": "ASCE 7 Cd, read as the moment frame type of Table 12.2-1 it belongs to",
    "seismic.importance_factor": "ASCE 7 Ie, read as the risk category of Table 1.5-2 it belongs to",
    "superimposed_dead_load_pa": "superimposed dead load (finishes, partitions, services), Pa: added to the "
                                 "structure's own weight to make dead_load_pa",
}


def _add(assumptions: list[Assumption], field: str, value: Any, reason: str) -> None:
    assumptions.append(Assumption(field=field, value=value, reason=reason))


def _round_up(x: float, step: float) -> float:
    return round(math.ceil(x / step - 1e-9) * step, 6)


PRELIMINARY_GRAVITY_N_PER_M2 = 14e3
"""Gravity load per floor area for sizing RC columns, N/m² (12-15 kN/m² for RC frames in GB design practice)."""
PRELIMINARY_AXIAL_STRESS_PA: dict[str, tuple[float, str]] = {
    "gb50011": (0.75 * 14.3e6, "the axial compression ratio 0.75 of GB 50011-2010 Table 6.3.6 (frames, seismic "
                               "grade 2) with fc = 14.3 N/mm² of C30"),
    "en1998": (0.65 * 20e6, "the normalised axial force 0.65 of EN 1998-1 5.4.3.2.1(3)P (DCM) with fcd = 20 MPa of "
                            "C30/37"),
    "asce7": (0.30 * 27.58e6, "0.3 Ag f'c, above which ACI 318-19 18.7.5.2(f) asks every column bar to be held by "
                              "a hoop corner or crosstie, with f'c = 4,000 psi"),
}
"""Mean column stress under the preliminary gravity load, by code, Pa, with its source."""
PRELIMINARY_GRAVITY_STEEL_N_PER_M2 = 10e3
"""The same for steel frames with composite floors, N/m² (a lighter floor: 3.5 kPa of slab and steel in
SELF_WEIGHT_PA against 5 kPa for RC)."""
_STEEL_PRACTICE = "(preliminary practice: the rest is left to the seismic moments and to buckling)"
PRELIMINARY_STEEL_STRESS_PA: dict[str, tuple[float, str]] = {
    "gb50011": (0.4 * 355e6, f"0.4 fy of Q355 {_STEEL_PRACTICE}"),
    "en1998": (0.4 * 355e6, f"0.4 fy of S355 {_STEEL_PRACTICE}"),
    "asce7": (0.4 * 345e6, f"0.4 Fy of ASTM A992, 50 ksi {_STEEL_PRACTICE}"),
}
"""Mean steel column stress under the preliminary gravity load, by code, Pa, with its source."""


def default_sections(system: str, stories: int, max_span_m: float, code: str,
                     tributary_area_m2: float | None = None) -> tuple[Sections, str]:
    """Preliminary member sizes by rules of thumb, with the reason.

    RC: beam depth ≈ span/12 (GB 50010 practice l/8..l/12 for frame beams), width ≈ h/2,
    columns square, growing with the stories carried (about 50 mm per story above 0.40 m),
    and at least the area an interior column needs for the gravity load of its tributary area
    (``tributary_area_m2``, the largest bay in plan) at the code's limit on the mean axial stress
    (``PRELIMINARY_AXIAL_STRESS_PA``): A ≥ 1.25 · 14 kN/m² · area · stories / stress.
    Steel: welded H sections sized the same way (beam depth ≈ span/20, column depth ≈ 0.3 m + 25 mm/story),
    the columns thickened, then deepened, to carry 1.25 · 10 kN/m² · area · stories at 0.4 fy
    (``PRELIMINARY_STEEL_STRESS_PA``).

    >>> default_sections("rc_frame", 5, 6.0, "gb50011", 36.0)[0].columns[0].b_m  # by the stories: 0.35 + 0.25
    0.6
    >>> default_sections("rc_frame", 5, 12.0, "gb50011", 144.0)[0].columns[0].b_m  # by the load: 12.6 MN
    1.1
    >>> default_sections("steel_frame", 10, 8.0, "asce7", 64.0)[1]  # 8 MN at 138 MPa: 0.058 m²
    'preliminary sizing: welded H beams of depth span/20, H columns of 0.55 m with 42 mm flanges and 26 mm webs, \
for the gravity load of a 64 m² bay, 1.25 × 10 kN/m² × 10 floors = 8 MN, at 0.4 Fy of ASTM A992, 50 ksi \
(preliminary practice: the rest is left to the seismic moments and to buckling)'
    """
    area = tributary_area_m2 if tributary_area_m2 is not None else max_span_m**2
    if system == "rc_frame":
        beam_h = max(0.40, _round_up(max_span_m / 12, 0.05))
        beam_b = max(0.25, _round_up(beam_h / 2, 0.05))
        by_stories = 0.35 + 0.05 * stories
        needed_m2, gravity = _column_demand(PRELIMINARY_GRAVITY_N_PER_M2, PRELIMINARY_AXIAL_STRESS_PA, code, stories, area)
        by_load = math.sqrt(needed_m2)
        col = min(1.2, max(0.40, _round_up(max(by_stories, by_load), 0.05)))
        secs = Sections(columns=[Section(b_m=col, h_m=col)], beams=[Section(b_m=beam_b, h_m=beam_h)])
        practice = {"gb50011": "GB 50010 practice, l/8..l/12", "asce7": "common US practice, deeper than ACI 318 "
                    "Table 9.3.1.1's deflection minimum", "en1998": "common European practice"}.get(code, "common practice")
        governs = gravity if by_load > by_stories else "0.35 m + 50 mm per story"
        return secs, (f"preliminary sizing: beam depth = span/12 ({practice}), column side by {governs}"
                      + ("" if col >= max(by_stories, by_load) - 1e-9 else ", capped at 1.2 m"))
    beam_d = max(0.30, _round_up(max_span_m / 20, 0.05))
    beam = i_section(beam_d, max(0.15, _round_up(beam_d / 2.5, 0.025)), 0.010, 0.016)
    needed_m2, gravity = _column_demand(PRELIMINARY_GRAVITY_STEEL_N_PER_M2, PRELIMINARY_STEEL_STRESS_PA, code, stories,
                                        area)
    (col_d, tw, tf), by_load = _steel_column(0.30 + 0.025 * stories, needed_m2)
    capped = i_section(col_d, col_d, tw, tf)["area_m2"] < needed_m2 - 1e-9
    secs = Sections(columns=[Section(**i_section(col_d, col_d, tw, tf))], beams=[Section(**beam)])
    column = "H columns of depth 0.30 m + 25 mm per story"
    if by_load:
        column = (f"H columns of {col_d:g} m with {tf * 1e3:g} mm flanges and {tw * 1e3:g} mm webs, for {gravity}"
                  + (", capped at 1.0 m and 60 mm flanges" if capped else ""))
    return secs, f"preliminary sizing: welded H beams of depth span/20, {column}"


def _column_demand(gravity_pa: float, stresses: dict[str, tuple[float, str]], code: str, stories: int,
                   area_m2: float) -> tuple[float, str]:
    """The column area an interior column needs for the gravity load of its bay at the code's mean stress, m², and
    the reason: 1.25 · gravity · area · stories / stress."""
    load = 1.25 * gravity_pa * area_m2 * stories
    stress, source = stresses.get(code, stresses["gb50011"])
    return load / stress, (f"the gravity load of a {area_m2:.3g} m² bay, 1.25 × {gravity_pa / 1e3:g} kN/m² × {stories} "
                           f"floors = {load / 1e6:.3g} MN, at {source}")


def _steel_column(depth_m: float, area_m2: float) -> tuple[tuple[float, float, float], bool]:
    """A square welded H column (depth, web and flange thickness, m) of at least ``depth_m`` (rounded up to 50 mm,
    0.30-1.0 m) and ``area_m2``: 14 mm webs and 22 mm flanges, thickened in proportion up to 60 mm flanges, then
    deepened; and whether the area governed."""
    depth = min(1.0, max(0.30, _round_up(depth_m, 0.05)))
    if i_section(depth, depth, 0.014, 0.022)["area_m2"] >= area_m2:
        return (depth, 0.014, 0.022), False
    while True:
        scale = area_m2 / i_section(depth, depth, 0.014, 0.022)["area_m2"]
        if 0.022 * scale <= 0.060 or depth >= 1.0:
            scale = min(scale, 0.060 / 0.022)
            return (depth, _round_up(0.014 * scale, 0.002), _round_up(0.022 * scale, 0.002)), True
        depth = round(depth + 0.05, 6)


def i_section(d: float, bf: float, tw: float, tf: float) -> dict[str, float]:
    """Area, inertias and torsion constant of a doubly symmetric I section (m, m², m⁴).

    >>> round(i_section(0.4, 0.2, 0.008, 0.013)["area_m2"], 6)
    0.008192
    """
    hw = d - 2 * tf
    area = 2 * bf * tf + hw * tw
    i_strong = (bf * d**3 - (bf - tw) * hw**3) / 12
    i_weak = (2 * tf * bf**3 + hw * tw**3) / 12
    j = (2 * bf * tf**3 + hw * tw**3) / 3
    return {"area_m2": area, "inertia_m4": i_strong, "inertia_weak_m4": i_weak, "torsion_m4": j}


def box_section(h: float, b: float, t: float) -> dict[str, float]:
    """Area, inertias and torsion constant of a rectangular hollow section, depth ``h`` (in the bending plane) by
    width ``b`` with walls ``t`` (m, m², m⁴; corners square). J by Bredt's thin-walled formula on the wall's mid-line,
    J = 4 A_m² t / p_m (Roark, Table 10.7 case 16).

    >>> round(box_section(0.4, 0.4, 0.02)["area_m2"], 6)
    0.0304
    """
    hi, bi = h - 2 * t, b - 2 * t
    hm, bm = h - t, b - t
    return {"area_m2": b * h - bi * hi, "inertia_m4": (b * h**3 - bi * hi**3) / 12,
            "inertia_weak_m4": (h * b**3 - hi * bi**3) / 12, "torsion_m4": 4 * (hm * bm) ** 2 * t / (2 * (hm + bm))}


def pipe_section(d: float, t: float) -> dict[str, float]:
    """Area, inertia and torsion constant of a circular hollow section, outside diameter ``d``, wall ``t`` (m, m², m⁴).

    >>> round(pipe_section(0.4, 0.016)["area_m2"], 6)
    0.019302
    """
    di = d - 2 * t
    inertia = math.pi * (d**4 - di**4) / 64
    return {"area_m2": math.pi * (d**2 - di**2) / 4, "inertia_m4": inertia, "inertia_weak_m4": inertia,
            "torsion_m4": 2 * inertia}


def _stiffness_modifiers(system: str, code: str) -> tuple[StiffnessModifiers, str | None]:
    if system != "rc_frame":
        return StiffnessModifiers(), None
    if code == "asce7":
        m = StiffnessModifiers(column_inertia_factor=0.70, beam_inertia_factor=0.35,
                               clause="ASCE 7-22 12.7.3 with ACI 318-19 6.6.3.1.1: columns 0.70 Ig, beams 0.35 Ig")
        return m, m.clause
    if code == "en1998":
        m = StiffnessModifiers(column_inertia_factor=0.5, beam_inertia_factor=0.5,
                               clause="EN 1998-1 4.3.1(7): cracked stiffness 0.5 of the uncracked (secondary)")
        return m, m.clause
    m = StiffnessModifiers(clause="GB practice: gross sections, period reduced afterwards by psi_T (JGJ 3-2010 4.3.17)")
    return m, m.clause


_ASCE7_RISK_BY_OCCUPANCY = {
    "hospital": ("IV", "IV, a hospital taken as an essential facility with surgery or emergency treatment"),
    "school": ("III", "III, a school taken as holding more than 250 people"),
    "assembly": ("III", "III, an assembly building taken as holding more than 300 people in one area"),
}
_EN1998_IMPORTANCE_BY_OCCUPANCY = {
    "hospital": ("IV", "IV, a hospital, vital for civil protection"),
    "school": ("III", "III, a school, whose collapse would have large consequences"),
    "assembly": ("III", "III, an assembly hall"),
}


def _seismic(given: Mapping[str, Any], assumptions: list[Assumption], system: str, height_m: float) -> dict[str, Any]:
    s = dict(given.get("seismic") or {})
    code = s.get("code")
    if code is None:
        if s.get("sds_g") is not None or s.get("sd1_g") is not None or s.get("risk_category") or s.get("s1_g") is not None:
            code = "asce7"
        elif s.get("ground_type") or s.get("importance_class") or s.get("reference_pga_g") is not None:
            code = "en1998"
        else:
            code = "gb50011"
            if not s:
                _add(assumptions, "seismic.code", code, "no seismic input given: GB 50011-2010 assumed")
        s["code"] = code
    stray = [f"{name} (seismic.{key})" for key, name in (("importance_factor", "Ie"), ("response_modification", "R"),
                                                         ("deflection_amplification", "Cd"))
             if s.get(key) is not None and code != "asce7"]
    if stray:
        raise SpecError(f"{', '.join(stray)}: ASCE 7 inputs (Table 12.2-1, Table 1.5-2), but seismic.code is {code}: "
                        + ("EN 1998 takes a ductility class (DCL, DCM, DCH) and an importance class" if code == "en1998" else
                           "GB 50011 takes an intensity, a site class and a design group"))
    if code == "gb50011":
        if s.get("intensity") is None:
            pga = s.get("pga_g")
            match = [i for i, pgas in codes.GB_INTENSITY_PGA_G.items()
                     if pga is not None and any(math.isclose(pga, a, abs_tol=1e-6) for a in pgas)]
            if match:
                s["intensity"] = match[0]
            elif pga is None:
                s["intensity"] = 7
                _add(assumptions, "seismic.intensity", 7, "no intensity given: 7, the most common fortification intensity in China (GB 50011 Appendix A)")
            else:
                allowed = sorted({a for v in codes.GB_INTENSITY_PGA_G.values() for a in v})
                raise SpecError(f"seismic.pga_g = {pga:g} is not a GB 50011 design basic acceleration: "
                                f"allowed {', '.join(f'{a:g}g' for a in allowed)} (Table 3.2.2)")
        if s["intensity"] not in codes.GB_INTENSITY_PGA_G:
            raise SpecError(f"seismic.intensity = {s['intensity']!r} is not a GB 50011 fortification intensity: allowed "
                            f"{', '.join(map(str, codes.GB_INTENSITY_PGA_G))}")
        if s.get("pga_g") is None:
            s["pga_g"] = codes.GB_INTENSITY_PGA_G[s["intensity"]][0]
            _add(assumptions, "seismic.pga_g", s["pga_g"], f"intensity {s['intensity']}: design basic acceleration by GB 50011-2010 Table 3.2.2")
        if s.get("site_class") == "I":  # GB 50011-2010 splits the class I of earlier editions
            s["site_class"] = "I1"
            _add(assumptions, "seismic.site_class", "I1", f"{STATED} site class I: I1 (GB 50011-2010 4.1.6 splits class I into "
                 "I0, hard rock with vs > 800 m/s, and I1, the rest)")
        if s.get("site_class") is None:
            s["site_class"] = "II"
            _add(assumptions, "seismic.site_class", "II", "no site class given: class II, the most common (GB 50011-2010 4.1.6)")
        if s.get("design_group") is None:
            s["design_group"] = 1
            _add(assumptions, "seismic.design_group", 1, "no design earthquake group given: group 1 (GB 50011-2010 3.2.3)")
    elif code == "asce7":
        if s.get("sds_g") is None:
            if s.get("pga_g") is not None:
                s["sds_g"] = round(s["pga_g"] / 0.4, 4)
                _add(assumptions, "seismic.sds_g", s["sds_g"], "SDS = PGA / 0.4 (Sa at T = 0 is 0.4 SDS, ASCE 7-22 11.4.6)")
            else:
                s["sds_g"] = 1.0
                _add(assumptions, "seismic.sds_g", 1.0, "no SDS given: 1.0 g (high seismicity, SDC D)")
        if s.get("sd1_g") is None:
            s["sd1_g"] = round(0.6 * s["sds_g"], 4)
            _add(assumptions, "seismic.sd1_g", s["sd1_g"], "no SD1 given: 0.6 SDS (site class D typical ratio)")
        ie = s.pop("importance_factor", None)
        if ie is not None:
            category = {1.0: "II", 1.25: "III", 1.5: "IV"}.get(round(_number(ie, "seismic.importance_factor"), 3))
            if category is None:
                raise SpecError(f"seismic.importance_factor Ie = {ie:g}: ASCE 7-22 Table 1.5-2 allows 1.0 (risk "
                                "category I, II), 1.25 (III) or 1.5 (IV)")
            if s.get("risk_category") is None:
                s["risk_category"] = category
                _add(assumptions, "seismic.risk_category", category,
                     f"{STATED} Ie = {ie:g}: risk category {category} (ASCE 7-22 Table 1.5-2{'; I shares it' if category == 'II' else ''})")
            elif codes.asce7_importance_factor(s["risk_category"]) != ie:
                raise SpecError(f"contradictory seismic input: Ie = {ie:g} but risk category {s['risk_category']} has "
                                f"Ie = {codes.asce7_importance_factor(s['risk_category']):g} (ASCE 7-22 Table 1.5-2)")
        if s.get("risk_category") is None:
            category, why = _ASCE7_RISK_BY_OCCUPANCY.get(given.get("occupancy"), ("II", "II, ordinary buildings"))
            s["risk_category"] = category
            _add(assumptions, "seismic.risk_category", category, f"no risk category given: {why} (ASCE 7-22 Table 1.5-1)")
        _asce7_frame_type(s, assumptions, system)
        if s.get("pga_g") is None:
            s["pga_g"] = round(0.4 * s["sds_g"], 4)
            _add(assumptions, "seismic.pga_g", s["pga_g"], "PGA = 0.4 SDS, the design spectrum at T = 0 (ASCE 7-22 11.4.6)")
    else:
        if s.get("ground_type") is None:
            s["ground_type"] = "C"
            _add(assumptions, "seismic.ground_type", "C", "no ground type given: C (EN 1998-1 Table 3.1, common)")
        if s.get("importance_class") is None:
            klass, why = _EN1998_IMPORTANCE_BY_OCCUPANCY.get(given.get("occupancy"), ("II", "II, ordinary buildings"))
            s["importance_class"] = klass
            _add(assumptions, "seismic.importance_class", klass, f"no importance class given: {why} (EN 1998-1 4.2.5, Table 4.3)")
        agr = s.get("reference_pga_g")
        if s.get("pga_g") is None and agr is not None:
            agr = _number(agr, "seismic.reference_pga_g")
            gamma = codes.EN1998_IMPORTANCE_FACTOR.get(s["importance_class"])
            if gamma is not None:  # an unknown class is named by SeismicInput's own check
                s["pga_g"] = round(gamma * agr, 6)
                _add(assumptions, "seismic.pga_g", s["pga_g"],
                     f"ag = γI·agR = {gamma:g} x {agr:g}g, importance class {s['importance_class']} "
                     "(EN 1998-1 3.2.1(3), γI recommended in 4.2.5(5))")
        elif s.get("pga_g") is not None and agr is None and codes.EN1998_IMPORTANCE_FACTOR.get(s["importance_class"], 1.0) != 1.0:
            gamma = codes.EN1998_IMPORTANCE_FACTOR[s["importance_class"]]
            _add(assumptions, "seismic.pga_g", s["pga_g"],
                 f"{STATED} ag = {s['pga_g']:g} g: the design ground acceleration, with γI = {gamma:g} of importance class "
                 f"{s['importance_class']} taken as included (EN 1998-1 3.2.1(3)); for ag = γI·agR give agR instead")
        if s.get("pga_g") is None:
            s["pga_g"] = 0.25
            _add(assumptions, "seismic.pga_g", 0.25, "no ag given: 0.25 g (high seismicity in EN 1998 national annexes)")

    if s.get("damping_ratio") is None and system == "steel_frame" and code == "gb50011":
        zeta = 0.04 if height_m <= 50 else 0.03 if height_m < 200 else 0.02
        s["damping_ratio"] = zeta
        _add(assumptions, "seismic.damping_ratio", zeta,
             f"steel frame {height_m:g} m high: {zeta:.0%} damping under the frequent earthquake (GB 50011-2010 8.2.2: "
             "0.04 up to 50 m, 0.03 below 200 m, 0.02 from 200 m)")
    elif s.get("damping_ratio") is None:
        s["damping_ratio"] = 0.05
        clause = {"gb50011": "GB 50011-2010 5.1.5", "asce7": "ASCE 7-22 11.4.6", "en1998": "EN 1998-1 3.2.2.2, η = 1"}.get(code, "")
        _add(assumptions, "seismic.damping_ratio", 0.05, f"5 % damping, the code spectrum's reference value ({clause})")
    return s


def _en1998_q(seismic: dict[str, Any], assumptions: list[Assumption], system: str, stories: int, bays: int) -> None:
    """EN 1998's behaviour factor from the ductility class (DCM unless given) and the frame's αu/α1."""
    if seismic["code"] != "en1998" or seismic.get("behaviour_factor_q") is not None:
        return
    ductility = seismic.get("ductility_class") or "DCM"
    q, why = codes.en1998_behaviour_factor(system, ductility, stories=stories, bays=bays)
    seismic["behaviour_factor_q"] = q
    _add(assumptions, "seismic.behaviour_factor_q", q,
         f"{'ductility class ' + ductility if seismic.get('ductility_class') else 'no ductility class given: DCM'}: {why}")


def _asce7_frame_type(s: dict[str, Any], assumptions: list[Assumption], system: str) -> None:
    """The moment frame type from the one given, or from R and Cd given (Table 12.2-1), else special."""
    r, cd = s.pop("response_modification", None), s.pop("deflection_amplification", None)
    given = s.get("frame_type")
    frames = {kind: codes.asce7_frame_coefficients(system, kind) for kind in ("special", "intermediate", "ordinary")}
    if r is not None or cd is not None:
        matching = [kind for kind, (rk, cdk, _) in frames.items()
                    if (r is None or math.isclose(_number(r, "seismic.response_modification"), rk))
                    and (cd is None or math.isclose(_number(cd, "seismic.deflection_amplification"), cdk))]
        stated = ", ".join(f"{name} = {v:g}" for name, v in (("R", r), ("Cd", cd)) if v is not None)
        if not matching or (given is not None and given not in matching):
            table = "; ".join(f"{kind} R {rk:g}, Cd {cdk:g}" for kind, (rk, cdk, _) in frames.items())
            label = {"rc_frame": "an RC moment frame", "steel_frame": "a steel moment frame"}.get(system, "a moment frame")
            raise SpecError(f"seismic: {stated} is not {label} of ASCE 7-22 Table 12.2-1"
                            + (f" of the {given} kind" if given else "") + f": allowed {table}")
        if given is None:
            s["frame_type"] = matching[0]
            _add(assumptions, "seismic.frame_type", matching[0], f"{STATED} {stated}: {frames[matching[0]][2]} "
                 "(ASCE 7-22 Table 12.2-1)")
    elif given is None:
        s["frame_type"] = "special"
        rk, cdk, line = frames["special"]
        _add(assumptions, "seismic.frame_type", "special", f"no moment frame type given: {line}, R = {rk:g}, "
             f"Cd = {cdk:g} (ASCE 7-22 Table 12.2-1)")


def _number(value: Any, field: str) -> float:
    """A number from user data (JSON, a table cell; "3.5" too); SpecError naming the field otherwise."""
    if isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?\s*", value):
        return float(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SpecError(f"{field} = {value!r} is not a number: give a plain number in the unit its name "
                        "ends with (_m metres, _kg kilograms, _pa pascals, _n_per_m newtons per metre)")
    return float(value)


def _unit_weight(given: Mapping[str, Any], default: float) -> float:
    """The members' unit weight, N/m³: the one given (0 is refused by the field's bound, not replaced) or the default."""
    value = given.get("unit_weight_n_per_m3")
    return default if value is None else _number(value, "material.unit_weight_n_per_m3")


def _numbers(value: Any, field: str) -> list[float]:
    """A list of numbers from user data; a single number is a list of one (one typical value)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [float(value)]
    if not isinstance(value, (list, tuple)):
        raise SpecError(f"{field} = {value!r}: give a list of numbers (SI units, one per story or bay) or one number")
    return [_number(v, f"{field}[{i}]") for i, v in enumerate(value)]


def _count(value: Any, field: str, high: int) -> int:
    """A whole count between 1 and ``high`` ("3" too); SpecError naming the field otherwise."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise SpecError(f"{field} = {value!r} must be a whole number: allowed 1 to {high}")
    if not 1 <= value <= high:
        raise SpecError(f"{field} = {value} is out of range: allowed 1 to {high}")
    return value


def _widths(given: Mapping[str, Any], axis: str, assumptions: list[Assumption], needed: bool) -> list[float]:
    widths = given.get(f"bay_widths_{axis}_m")
    count = given.get(f"bays_{axis}")
    uniform = given.get(f"bay_width_{axis}_m", given.get("bay_width_m"))
    if count is not None:
        count = _count(count, f"bays_{axis}", MAX_BAYS)
    if widths:
        widths = _numbers(widths, f"bay_widths_{axis}_m")
        if count is not None and count != len(widths):
            if len(widths) == 1:
                return widths * count
            raise SpecError(f"bays_{axis} = {count} contradicts bay_widths_{axis}_m = {widths} ({len(widths)} widths)")
        return widths
    if not needed:
        return []
    if count is None:
        count = DEFAULT_BAYS_X if axis == "x" else DEFAULT_BAYS_Y
        _add(assumptions, f"bays_{axis}", count, f"no bay count along {axis.upper()} given: {count}, a common frame layout")
    if uniform is None:
        uniform = DEFAULT_BAY_WIDTH_M
        _add(assumptions, f"bay_widths_{axis}_m", uniform, "no bay width given: 6.0 m, a common column grid")
    return [_number(uniform, f"bay_width_{axis}_m")] * count


def _flat_material(given: Mapping[str, Any]) -> Mapping[str, Any]:
    """A nested ``material`` object (as a full spec holds it) read as the flat keys complete_spec
    takes; the same key given both ways must agree."""
    material = given.get("material")
    if material is None:
        return given
    if not isinstance(material, Mapping):
        raise SpecError(f"material = {material!r}: give an object such as {{\"concrete_grade\": \"C30\"}}")
    allowed = tuple(Material.model_fields)
    unknown = sorted(set(material) - set(allowed))
    if unknown:
        raise SpecError(f"unknown material field(s) {', '.join(unknown)}: allowed {', '.join(allowed)}")
    flat = {k: v for k, v in given.items() if k != "material"}
    def same(a: Any, b: Any) -> bool:  # grades compare as names: 'c35' is C35
        return str(a).upper().replace(" ", "") == str(b).upper().replace(" ", "") if isinstance(a, str) else a == b

    for key, value in material.items():
        if value is None:
            continue
        if flat.get(key) is not None and not same(flat[key], value):
            raise SpecError(f"contradictory {key}: {flat[key]!r} and material.{key} = {value!r}; give one")
        flat[key] = value
    return flat


ENLARGED = "every dimension enlarged ×"
"""How the run's drift sizing marks the preliminary sections it enlarged (``sizing.enlarge_default_sections``)."""

READ_BY_MODEL = "not read by the parser: filled by the drafting model"
"""How the reason of a value the drafting model read from the text begins: the user's, not a default."""

_FILLED_AS_GIVEN = {"floor_masses_kg", "story_stiffnesses_n_per_m", "seismic.code"}
"""Assumptions kept as they are on reading a spec back: how a given value was spread (one value for
every story), and the design code (the other seismic inputs are read by it; editing it is a choice)."""


def _in_order(assumptions: list[Assumption], read_back: Mapping[str, int]) -> list[Assumption]:
    """Assumptions without repeats, those of a spec read back in their old places, new ones after."""
    unique = list({(a.field, repr(a.value), a.reason): a for a in assumptions}.values())
    return sorted(unique, key=lambda a: read_back.get(a.field, len(read_back)))


def _derive_again(given: Mapping[str, Any], assumptions: list[Assumption]) -> tuple[dict[str, Any], list[Assumption]]:
    """A full spec read back (a result.json, perhaps edited): what autobm filled in is filled in
    again from the rest, so an edited concrete grade brings its own E, an edited occupancy its live
    load, edited bays their sections; a filled-in value edited since is the user's, and the reason
    recorded for the old one goes. Assumptions about fields the data does not hold are kept."""
    out = {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in given.items()}
    kept = []
    for a in assumptions:
        path = _assumed_path(a.field, out)
        if path is None:
            kept.append(a)
            continue
        holder, key = path
        if not _filled_in(a.field, a.value, holder[key]):
            continue  # edited since: the user's value; the old reason goes with the old value
        if (a.field in _FILLED_AS_GIVEN or a.field.startswith("bays_") or a.reason.startswith((READ_BY_MODEL, SUPERIMPOSED, STATED))
                or (a.field.startswith("sections.") and ENLARGED in a.reason)):
            kept.append(a)  # stays as it is: the user's, spread; a count the widths carry; sized by a run
            continue
        value = holder.pop(key)
        if a.field.startswith("sections."):
            out.pop(key, None)
        elif a.field == "story_heights_m" and value[0] != a.value:  # a given ground story under the default
            out["first_story_height_m"] = value[0]
        elif a.field.startswith("bay_widths_"):  # a default width: keep the count, fill in the width again
            out[f"bays_{a.field.split('_')[2]}"] = len(value)
    return out, kept


def _assumed_path(field: str, data: dict[str, Any]) -> tuple[dict[str, Any], str] | None:
    """Where an assumption's field sits in complete_spec's input (material flattened), if it holds a value."""
    head, _, key = field.partition(".")
    if head == "material":
        head, key = key, ""
    if head.startswith("bays_"):  # a count: the widths along that axis hold it
        head = f"bay_widths_{head.removeprefix('bays_')}_m"
    if not key:
        return (data, head) if data.get(head) is not None else None
    holder = data.get(head)
    if isinstance(holder, dict) and holder.get(key) is not None:
        return holder, key
    return None


def _filled_in(field: str, recorded: Any, value: Any) -> bool:
    """Whether ``value`` is still what an assumption on ``field`` recorded (so it was not edited)."""
    if field.startswith("bays_"):
        return isinstance(value, list) and len(value) == recorded
    if field == "stiffness" and isinstance(recorded, Mapping) and isinstance(value, Mapping):
        return (value.get("column_inertia_factor"), value.get("beam_inertia_factor")) == (
            recorded.get("columns"), recorded.get("beams"))
    if field.startswith("sections.") and isinstance(recorded, list) and isinstance(value, list):
        def norm(items: list[Any]) -> list[dict[str, Any]]:
            return [Section.model_validate(x).model_dump() for x in items]
        try:
            return norm(recorded) == norm(value)
        except ValidationError:
            return False
    if field == "story_heights_m" and isinstance(value, list):  # the default above a given ground story too
        return bool(value) and all(v == recorded for v in value[1:])
    if isinstance(value, list) and not isinstance(recorded, list):  # one value spread over the list
        return bool(value) and all(v == recorded for v in value)
    return value == recorded


def complete_spec(given: Mapping[str, Any]) -> BuildingSpec:
    """Fill what ``given`` leaves out, record each default, and validate.

    ``given`` uses BuildingSpec's field names, nested ``seismic``, plus the convenience
    keys in ``PARTIAL_KEYS``. Raises SpecError naming every problem found.

    >>> s = complete_spec({"stories": 5, "story_height_m": 3.5, "bays_x": 3, "bays_y": 2,
    ...                    "bay_width_m": 6.0, "seismic": {"intensity": 8}})
    >>> (s.system, s.dimensions, s.story_heights_m[0], s.seismic.pga_g)
    ('rc_frame', 3, 3.5, 0.2)
    """
    assumptions: list[Assumption] = [Assumption(**a) if isinstance(a, Mapping) else a
                                     for a in given.get("assumptions", [])]
    known = set(BuildingSpec.model_fields) | set(PARTIAL_KEYS) | {"bay_width_m", "bay_width_x_m", "bay_width_y_m"}
    unknown = sorted(set(given) - known)
    if unknown:
        raise SpecError(f"unknown spec field(s) {', '.join(unknown)}: allowed {', '.join(sorted(known))}")
    read_back = {a.field: i for i, a in enumerate(assumptions)}  # a value filled in again keeps its place in the list
    given, assumptions = _derive_again(_flat_material(given), assumptions)

    stories = given.get("stories")
    if stories is None:
        heights = given.get("story_heights_m")
        if isinstance(heights, (list, tuple)) and heights:
            stories = len(heights)
        else:
            raise SpecError("the number of stories is missing: say e.g. '5-story' or '5层'", missing=["stories"])
    if not isinstance(stories, int) or isinstance(stories, bool):
        if isinstance(stories, float) and stories.is_integer():
            stories = int(stories)
        else:
            raise SpecError(f"stories = {stories!r} must be a whole number: allowed 1 to {MAX_STORIES}")
    if not 1 <= stories <= MAX_STORIES:
        raise SpecError(f"stories = {stories} is out of range: allowed 1 to {MAX_STORIES}")

    system = given.get("system")
    if system is None:
        if given.get("story_stiffnesses_n_per_m"):
            system = "shear_building"
        else:
            system = "rc_frame"
            _add(assumptions, "system", system, "no structural system named: reinforced concrete moment frame assumed")
    if system not in SYSTEMS:
        raise SpecError(f"system = {system!r} is unknown: allowed {', '.join(SYSTEMS)}")

    # Stories and heights.
    heights = given.get("story_heights_m")
    if heights is not None and heights != []:
        heights = _numbers(heights, "story_heights_m")
        if len(heights) == 1 and stories > 1:
            heights = heights * stories
        elif len(heights) != stories:
            raise SpecError(f"story_heights_m has {len(heights)} values for {stories} stories: give one per story, or one typical height")
    else:
        typical = given.get("story_height_m")
        first = given.get("first_story_height_m")
        if typical is None:
            typical = 3.0 if system == "shear_building" else DEFAULT_STORY_HEIGHT_M
            if first is None or stories > 1:
                _add(assumptions, "story_heights_m", typical, f"no story height given: {typical} m, a typical floor-to-floor height")
        heights = [_number(typical, "story_height_m")] * stories
        if first is not None:
            heights[0] = _number(first, "first_story_height_m")

    seismic = _seismic(given, assumptions, system, sum(heights))
    code = seismic["code"]
    if code not in SEISMIC_CODES:
        raise SpecError(f"seismic.code = {code!r} is unknown: allowed {', '.join(SEISMIC_CODES)}")
    out: dict[str, Any] = {
        "system": system,
        "stories": stories,
        "story_heights_m": heights,
        "seismic": seismic,
        "name": given.get("name"),
        "source_text": given.get("source_text"),
        "rigid_diaphragm": given.get("rigid_diaphragm", True),
    }

    if system == "shear_building":
        out["dimensions"] = 2
        for key in ("floor_masses_kg", "story_stiffnesses_n_per_m"):
            values = given.get(key)
            if values is not None:
                values = _numbers(values, key)
                if len(values) == 1 and stories > 1:
                    values = values * stories
                    _add(assumptions, key, values[0], "one value given: the same for every story")
            out[key] = values
        missing = [k for k in ("floor_masses_kg", "story_stiffnesses_n_per_m") if not out.get(k)]
        if missing:
            raise SpecError([f"{k} is missing: a shear building needs the mass of each floor and the stiffness of each story"
                             for k in missing], missing=missing)
        out["occupancy"] = given.get("occupancy")
        out["dead_load_pa"] = given.get("dead_load_pa")
        out["live_load_pa"] = given.get("live_load_pa")
        out["live_load_mass_factor"] = 0.0
        _en1998_q(seismic, assumptions, system, stories, 2)
        out["assumptions"] = _in_order(assumptions, read_back)
        return _validated(out)

    # Frames: plan.
    dims = given.get("dimensions")
    has_y = bool(given.get("bay_widths_y_m") or given.get("bays_y") or given.get("bay_width_y_m"))
    if dims is None:
        dims = 3 if has_y else 2
        if not has_y:
            _add(assumptions, "dimensions", 2, "no bays along Y given: one plane frame (2D) modelled")
    if dims not in (2, 3):
        raise SpecError(f"dimensions = {dims!r}: allowed 2 or 3")
    out["dimensions"] = dims
    out["bay_widths_x_m"] = _widths(given, "x", assumptions, needed=True)
    out["bay_widths_y_m"] = _widths(given, "y", assumptions, needed=dims == 3) if dims == 3 else []
    _en1998_q(seismic, assumptions, system, stories, min(len(b) for b in (out["bay_widths_x_m"], out["bay_widths_y_m"]) if b))
    if dims == 2:
        tw = given.get("tributary_width_m")
        if tw is None and given.get("floor_masses_kg") is None:
            y_given = given.get("bay_widths_y_m") or ([given["bay_width_y_m"]] if given.get("bay_width_y_m") else None)
            tw = float(y_given[0]) if y_given else max(out["bay_widths_x_m"])
            _add(assumptions, "tributary_width_m", tw, "2D frame: loaded width = one bay spacing between parallel frames, taken equal to the bay width")
        out["tributary_width_m"] = tw

    # Material.
    e_given = given.get("elastic_modulus_pa")
    mat: dict[str, Any] = {}
    if system == "rc_frame":
        grade, e, why = _concrete(code, given.get("concrete_grade"), e_given, given.get("fc_pa"))
        mat["concrete_grade"] = grade
        if given.get("fc_pa") is not None:
            mat["fc_pa"] = _number(given["fc_pa"], "material.fc_pa")
        mat["elastic_modulus_pa"] = e
        if grade is not None and given.get("concrete_grade") is None:
            _add(assumptions, "material.concrete_grade", grade, f"no concrete grade given: {grade}, common for frames "
                 f"({'EN 1992' if code == 'en1998' else 'GB 50010'})")
        if e_given is None:
            _add(assumptions, "material.elastic_modulus_pa", e, why)
        mat["unit_weight_n_per_m3"] = _unit_weight(given, codes.CONCRETE_UNIT_WEIGHT_N_PER_M3)
    else:
        grade = given.get("steel_grade")
        if grade is not None:
            grade = str(grade).upper()
        if grade is None and e_given is None:
            grade = DEFAULT_STEEL_GRADE[code]
            _add(assumptions, "material.steel_grade", grade, f"no steel grade given: {grade}, common for {code} practice")
        if grade is not None and grade not in codes.STEEL_E_MPA:
            raise SpecError(f"material.steel_grade = {grade!r} is unknown: allowed {', '.join(codes.STEEL_E_MPA)}")
        mat["steel_grade"] = grade
        if e_given is not None:  # a grade's E and a given one must agree: BuildingSpec's own check
            mat["elastic_modulus_pa"] = _number(e_given, "material.elastic_modulus_pa")
        else:
            mat["elastic_modulus_pa"] = codes.STEEL_E_MPA[grade] * 1e6
            clause = {"Q": "GB 50017-2017 Table 4.4.8", "A": "AISC 360-16 B4, 29,000 ksi", "S": "EN 1993-1-1 3.2.6"}[grade[0]]
            _add(assumptions, "material.elastic_modulus_pa", mat["elastic_modulus_pa"], f"E of {grade} steel, {clause}")
        mat["unit_weight_n_per_m3"] = _unit_weight(given, codes.STEEL_UNIT_WEIGHT_N_PER_M3)
    out["material"] = mat

    # Sections.
    columns, beams = given.get("columns"), given.get("beams")
    if given.get("sections"):
        columns = columns or given["sections"].get("columns")
        beams = beams or given["sections"].get("beams")
    if not columns or not beams:
        spans = out["bay_widths_x_m"] + out["bay_widths_y_m"]
        span = min(max(spans), BAY_WIDTH_RANGE_M[1])  # an out-of-range bay is reported by validation
        x_bay = min(max(out["bay_widths_x_m"]), BAY_WIDTH_RANGE_M[1])
        y_bay = max(out["bay_widths_y_m"]) if out["bay_widths_y_m"] else out.get("tributary_width_m") or x_bay
        default, why = default_sections(system, stories, span, code, x_bay * min(y_bay, BAY_WIDTH_RANGE_M[1]))
        if not columns:
            columns = [s.model_dump(exclude_none=True) for s in default.columns]
            _add(assumptions, "sections.columns", columns, why)
        if not beams:
            beams = [s.model_dump(exclude_none=True) for s in default.beams]
            _add(assumptions, "sections.beams", beams, why)
    out["sections"] = {"columns": columns, "beams": beams}
    modifiers, why = _stiffness_modifiers(system, code)
    if given.get("stiffness"):
        out["stiffness"] = given["stiffness"]
    else:
        out["stiffness"] = modifiers.model_dump()
        if why:
            _add(assumptions, "stiffness", {"columns": modifiers.column_inertia_factor,
                                            "beams": modifiers.beam_inertia_factor}, why)

    # Loads and masses.
    out["floor_masses_kg"] = given.get("floor_masses_kg")
    if out["floor_masses_kg"] is not None and len(out["floor_masses_kg"]) == 1 and stories > 1:
        out["floor_masses_kg"] = list(out["floor_masses_kg"]) * stories
    occupancy = given.get("occupancy")
    if occupancy is None:
        occupancy = "office"
        if out["floor_masses_kg"] is None:
            _add(assumptions, "occupancy", occupancy, "no occupancy given: office")
    if occupancy not in codes.OCCUPANCIES:
        raise SpecError(f"occupancy = {occupancy!r} is unknown: allowed {', '.join(codes.OCCUPANCIES)}")
    out["occupancy"] = occupancy
    live = given.get("live_load_pa")
    if live is None:
        ll = codes.LIVE_LOADS[code][occupancy]
        live = ll.load_pa
        if out["floor_masses_kg"] is None:
            _add(assumptions, "live_load_pa", live, f"{occupancy} live load, {ll.clause}")
    dead = given.get("dead_load_pa")
    superimposed = given.get("superimposed_dead_load_pa")
    if superimposed is not None:
        superimposed = _number(superimposed, "superimposed_dead_load_pa")
        if superimposed < 0:
            raise SpecError(f"superimposed_dead_load_pa = {superimposed:g}: a floor load is a positive (downward) pressure")
        own = SELF_WEIGHT_PA.get(system, 0.0) if dead is None else _number(dead, "dead_load_pa")
        where = ("the structure's own weight, slab and members smeared over the floor, "
                 f"{own / 1e3:g} kPa (typical for {'RC' if system == 'rc_frame' else 'steel-composite'} floors)"
                 if dead is None else f"the dead load given, {own / 1e3:g} kPa")
        dead = own + superimposed
        _add(assumptions, "dead_load_pa", dead, f"{SUPERIMPOSED} ({superimposed / 1e3:g} kPa: finishes, partitions, "
             f"services) added to {where}")
    if dead is None:
        dead = DEFAULT_DEAD_LOAD_PA[system]
        if out["floor_masses_kg"] is None:
            _add(assumptions, "dead_load_pa", dead, "no dead load given: slab, finishes, partitions and member self-weight smeared over the floor "
                 f"({dead / 1e3:g} kPa, typical for {'RC' if system == 'rc_frame' else 'steel-composite'} floors)")
    out["live_load_pa"], out["dead_load_pa"] = float(live), float(dead)
    factor = given.get("live_load_mass_factor")
    if factor is None:
        mf = codes.live_load_mass_factor(code, occupancy)
        factor = mf.factor
        if out["floor_masses_kg"] is None:
            _add(assumptions, "live_load_mass_factor", factor, mf.clause)
    out["live_load_mass_factor"] = factor
    out["assumptions"] = _in_order(assumptions, read_back)
    return _validated(out)


def _validated(data: Mapping[str, Any]) -> BuildingSpec:
    try:
        return BuildingSpec.model_validate(data)
    except ValidationError as exc:
        raise spec_error_from_validation(exc) from None


def spec_error_from_validation(exc: ValidationError) -> SpecError:
    """Turn pydantic's errors into lines naming the field, the value and what is allowed."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in err["loc"] if p != "__root__")
        msg = err["msg"].removeprefix("Value error, ")
        value = err.get("input")
        if err["type"] in ("value_error", "assertion_error") or isinstance(value, Mapping):
            problems.append(f"{loc}: {msg}" if loc else msg)
        else:
            hint = _UNIT_HINTS.get(loc.rsplit(".", 1)[-1], "")
            shown = repr(value)
            shown = shown if len(shown) <= 200 else shown[:200] + "..."  # a whole spec in a message helps no one
            problems.append(f"{loc} = {shown}: {msg}{hint}")
    return SpecError(problems)


_UNIT_HINTS = {
    "elastic_modulus_pa": " (E in Pa: concrete about 3e10 Pa = 30 GPa, steel about 2e11 Pa = 200 GPa)",
    "unit_weight_n_per_m3": " (N/m³: concrete about 25,000, steel about 78,500)",
    "fc_pa": " (f'c in Pa: 30 MPa is 3e7 Pa)",
}


def load_spec(data: Mapping[str, Any]) -> BuildingSpec:
    """A spec from JSON data: a complete spec is validated as is, a partial one completed; a spec
    with assumptions (autobm's own, read back) is completed again, so what autobm filled in follows
    any edit of what it was filled in from."""
    if data.get("assumptions"):  # a spec autobm completed (a result.json's, perhaps edited): fill in again
        return complete_spec(data)
    try:
        return BuildingSpec.model_validate(data)
    except ValidationError:
        return complete_spec(data)


def spec_json_schema() -> dict[str, Any]:
    """JSON Schema of BuildingSpec (what ``autobm schema`` prints)."""
    return BuildingSpec.model_json_schema()
