"""Self-play buildings: a seeded sampler of realistic buildings, described in words, with ground truth.

    python -m autobm.training.sampler --n 20 --seed 7 --out buildings.jsonl [--ground-truth]
    python -m autobm.training.sampler --bench     # rewrites training/data/autobm-bench-128.jsonl

``sample_buildings(n, seed)`` proposes buildings within the ranges of practice: RC and
steel moment frames (plane and 3D) and idealised shear buildings; story counts and heights,
bays and spans; sections consistent with them (RC columns growing with the stories and the
seismic demand, beam depth span/10..span/12; steel H beams of depth span/18..span/15, H
columns in plane frames and box columns in 3D frames, or AISC W shapes in US units);
concrete and steel grades; seismic input by GB 50011 (intensity, PGA, site class, design
group), ASCE 7 (SDS, SD1, risk category) or EN 1998 (ag, ground type, importance class);
occupancy and floor loads. Each is worded in English (SI or US units) or Chinese.

``difficulty`` 1..3 sets how much the text says: 1 states everything (sections and material
included), 2 leaves some values to the code's defaults, 3 gives longer and irregular
buildings (first-story heights, per-story heights, corridor bays, US units) with more left
to assumptions. Weighted toward the AutoBM paper's BMEval (2D RC frames under Chinese
codes), with 3D, steel and the other codes beside.

Every text is checked as it is made: ``parse_text(text)`` must give the spec the sampler
meant (``complete_spec`` of the intended fields): same values on every field, same list of
assumed fields. A text that does not is an internal fault (``SamplerError``), never data.

Ground truth (``attach_ground_truth``) is the reference drafter's model of the spec through
``pipeline.run_spec`` (sizing applied to assumed sections, as ``autobm run`` does), with the
code's empirical period band (``checks.code_period_band``), the drift limit and the
seismic mass. After it, ``spec`` is the spec that model was built from (assumed sections
possibly enlarged, the factor recorded in ``assumptions``), so that ``draft_prompt(spec)``
and ``ground_truth.t1_s`` belong together. ``spec_key`` identifies a building whatever its
wording: the held-out bench and the train/test split are by it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import sys
from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from autobm.agent import codes
from autobm.agent.errors import AutobmError, SpecError
from autobm.agent.parsing import parse_text
from autobm.agent.spec import BuildingSpec, complete_spec, i_section, load_spec
from autobm.agent.units import to_si

__all__ = ["BENCH_FILE", "BENCH_SEED", "BENCH_SIZE", "GroundTruth", "SampledBuilding", "SamplerError",
           "attach_ground_truth", "bench_keys", "bench_path", "bench_plan", "ground_truth_of", "load_buildings", "make_bench",
           "roundtrip_problems", "sample_buildings", "spec_key", "write_buildings"]

BENCH_FILE = "autobm-bench-128.jsonl"
BENCH_SEED = 20260128
BENCH_SIZE = 128
Language = Literal["en", "zh"]
Units = Literal["si", "us"]


class SamplerError(AutobmError):
    """A sampled text does not parse back to the building it describes (a fault of the sampler)."""


# --- the typed result ------------------------------------------------------------------------


class GroundTruth(BaseModel):
    """What the reference model of a building gives, and the code's numbers for it."""

    t1_s: float | None = Field(description="fundamental period of the reference drafter's model, s")
    periods_s: list[float] = Field(description="first three periods of that model, s")
    t1_code_s: float | None = Field(description="the code's empirical T1, s (None for shear buildings)")
    t1_code_low_s: float | None = Field(description="low end of the code formula's band, s")
    t1_code_high_s: float | None = Field(description="high end of the code formula's band, s")
    drift_limit_ratio: float | None = Field(description="the code's story drift ratio limit")
    max_drift_ratio: float | None = Field(description="largest story drift ratio of the reference model")
    total_mass_kg: float = Field(description="seismic mass of the building (dead + ψ·live, or the given masses), kg")
    reference_status: Literal["verified", "failed"] = Field(description="the reference run's status")
    failed_checks: list[str] = Field(default_factory=list, description="checks the reference model failed")
    sizing_rounds: int = Field(0, description="times the assumed sections were enlarged (pipeline.run_spec)")


class SampledBuilding(BaseModel):
    """One sampled building: the words, the spec they mean and, once computed, its ground truth."""

    id: str = Field(description="unique id, e.g. BMB-001 (bench) or SP7-00012 (self-play, seed 7)")
    text: str = Field(description="the description in words")
    language: Language = Field(description="en or zh")
    units: Units = Field(description="si or us: the units of the text")
    difficulty: int = Field(ge=1, le=3, description="1 all explicit, 2 some code defaults, 3 irregular and more assumed")
    spec: BuildingSpec = Field(description="the full spec (the one the ground truth was computed on)")
    spec_key: str = Field(description="spec_key(spec): the building's identity for splits and the held-out bench")
    stated: dict[str, Any] = Field(description="what the text states, in SI (complete_spec's partial keys); the "
                                               "rest of spec was assumed (spec.assumptions)")
    ground_truth: GroundTruth | None = Field(None, description="None until attach_ground_truth")


def spec_key(spec: BuildingSpec) -> str:
    """A short hash of what the building is, whatever the words: equal for two texts meaning the same building.

    Leaves out the text, the name and the assumption notes; an assumed section counts as
    "assumed" (sizing may enlarge it); an open-ended story range is closed at the top story;
    numbers to 6 significant digits.

    >>> a = parse_text("3-story RC frame, 3.3 m floors, 2 bays of 6 m, intensity 8 (0.20g)")
    >>> b = parse_text("3层钢筋混凝土框架，层高3.3m，2跨，跨度6m，8度(0.20g)")
    >>> spec_key(a) == spec_key(b)
    True
    """
    data = spec.model_dump(mode="json", exclude={"assumptions", "source_text", "name"})
    assumed = {a.field for a in spec.assumptions}
    if data.get("sections"):
        for kind in ("columns", "beams"):
            if f"sections.{kind}" in assumed:
                data["sections"][kind] = "assumed"
            else:
                for s in data["sections"][kind]:
                    s["to_story"] = s["to_story"] or spec.stories
    canonical = json.dumps(_rounded(data), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return float(f"{value:.6g}")
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


# --- ranges of practice --------------------------------------------------------------------

GB_LEVELS: tuple[tuple[int, float], ...] = ((6, 0.05), (7, 0.10), (7, 0.15), (8, 0.20), (8, 0.30), (9, 0.40))
GB_LEVEL_WEIGHTS = (1, 4, 3, 4, 2, 1)
OCCUPANCY_ZH = {"office": "办公楼", "residential": "住宅", "school": "教学楼", "hospital": "医院", "retail": "商场",
                "hotel": "酒店", "dormitory": "宿舍", "library": "图书馆", "laboratory": "实验室", "restaurant": "餐厅"}
OCCUPANCY_EN = {"office": "office", "residential": "residential", "school": "school", "hospital": "hospital",
                "retail": "retail", "hotel": "hotel", "dormitory": "dormitory", "library": "library",
                "laboratory": "laboratory", "restaurant": "restaurant"}
OCCUPANCY_WEIGHTS = {"office": 5, "residential": 4, "school": 3, "hospital": 1, "retail": 2, "hotel": 1,
                     "dormitory": 1, "library": 1, "laboratory": 1, "restaurant": 1}
AISC_W_COLUMNS: tuple[tuple[str, float, float], ...] = (
    # (shape, A in², Ix in⁴), AISC Steel Construction Manual Table 1-1
    ("W14x68", 20.0, 722.0), ("W14x90", 26.5, 999.0), ("W14x120", 35.3, 1380.0), ("W14x159", 46.7, 1900.0),
    ("W14x211", 62.0, 2660.0), ("W14x257", 75.6, 3400.0))
AISC_W_BEAMS: tuple[tuple[str, float, float], ...] = (
    ("W18x35", 10.3, 510.0), ("W21x44", 13.0, 843.0), ("W21x50", 14.7, 984.0), ("W24x62", 18.2, 1550.0),
    ("W24x76", 22.4, 2100.0), ("W27x94", 27.7, 3270.0), ("W30x108", 31.7, 4470.0), ("W33x130", 38.3, 6710.0))

MAX_3D_COLUMNS = 240
"""Largest column count (column lines × stories) of a sampled 3D frame: its reference run takes a few seconds."""
GROUND_TRUTH_TIMEOUT_S = 120.0
"""Wall-clock limit of a reference run for ground truth, s (the largest sampled models take about 5 s alone)."""

Profile = Literal["selfplay", "bench"]
PROFILES: dict[str, dict[str, Any]] = {
    # system, dimensions (frames), seismic code, language (GB 50011 texts), difficulty weights
    "selfplay": {"system": {"rc_frame": 0.64, "steel_frame": 0.26, "shear_building": 0.10},
                 "dims3": 0.45, "code": {"gb50011": 0.60, "asce7": 0.22, "en1998": 0.18},
                 "zh": 0.45, "difficulty": {1: 0.35, 2: 0.35, 3: 0.30}},
    "bench": {"system": {"rc_frame": 0.80, "steel_frame": 0.15, "shear_building": 0.05},
              "dims3": 0.25, "code": {"gb50011": 0.75, "asce7": 0.15, "en1998": 0.10},
              "zh": 0.50, "difficulty": {1: 0.40, 2: 0.35, 3: 0.25}},
}

# P(the text states it) by difficulty 1, 2, 3
_SAY = {
    "dims_word": (1.0, 0.6, 0.3), "rc_word": (1.0, 1.0, 0.8), "sections": (1.0, 0.4, 0.25),
    "material": (1.0, 0.5, 0.3), "tributary": (1.0, 0.3, 0.1), "occupancy": (1.0, 0.7, 0.5),
    "loads": (0.5, 0.2, 0.15), "pga": (1.0, 0.5, 0.5), "site": (1.0, 0.6, 0.4), "group": (1.0, 0.4, 0.3),
    "sd1": (1.0, 0.8, 0.7), "risk": (1.0, 0.5, 0.4), "ground": (1.0, 0.8, 0.6), "importance": (1.0, 0.5, 0.3),
    "damping": (0.2, 0.05, 0.0), "no_seismic": (0.0, 0.0, 0.08), "us_units": (0.3, 0.5, 0.9),
}


def _say(rng: random.Random, what: str, difficulty: int) -> bool:
    return rng.random() < _SAY[what][difficulty - 1]


def _pick(rng: random.Random, weights: dict[Any, float]) -> Any:
    return rng.choices(list(weights), list(weights.values()))[0]


def _round_up(x: float, step: float) -> float:
    return round(math.ceil(x / step - 1e-9) * step, 6)


# --- one building --------------------------------------------------------------------------


@dataclass
class _Words:
    """A text being written: phrases in order, and the spec fields they state (SI, as the parser reads them)."""

    language: Language
    units: Units
    phrases: list[str] = field(default_factory=list)
    given: dict[str, Any] = field(default_factory=dict)

    def say(self, phrase: str, **fields: Any) -> None:
        self.phrases.append(phrase)
        self.given.update(fields)

    def text(self) -> str:
        return ("，" if self.language == "zh" else ", ").join(self.phrases)

    def length(self, value: float) -> float:
        """A length as written (m, or ft in US units) in metres, as the parser converts it."""
        return to_si(value, "ft" if self.units == "us" else "m", "length")


def _num(x: float, digits: int = 4) -> str:
    """A number as written: plain for tidy values, 4 significant digits otherwise."""
    if x == round(x, 2) and 0.01 <= abs(x) < 1e6:
        return f"{x:g}"
    if 1e-3 <= abs(x) < 1e6:
        return f"{x:.{digits}g}"
    return f"{x:.{digits - 1}e}"


def _sample_one(rng: random.Random, profile: str, difficulty: int, *, system: str | None = None,
                dims: int | None = None, code: str | None = None, language: Language | None = None) -> _Words:
    weights = PROFILES[profile]
    system = system or _pick(rng, weights["system"])
    code = code or _pick(rng, weights["code"])
    if language is None:
        language = "zh" if code == "gb50011" and rng.random() < weights["zh"] else "en"
    if language == "zh" and code != "gb50011":
        raise ValueError("Chinese texts are written for GB 50011 buildings only")
    units: Units = "us" if code == "asce7" and language == "en" and _say(rng, "us_units", difficulty) else "si"
    w = _Words(language, units)
    if system == "shear_building":
        _shear_building(rng, w, difficulty, code)
    else:
        dims = dims or (3 if rng.random() < weights["dims3"] else 2)
        _frame(rng, w, difficulty, system, dims, code)
    return w


def _stories(rng: random.Random, system: str, difficulty: int) -> int:
    if system == "shear_building":
        return rng.choice((1, 2, 2, 3, 3, 4, 5, 6) if difficulty < 3 else (3, 4, 5, 6, 8, 10))
    ranges = {"rc_frame": ((2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8), (2, 3, 4, 5, 5, 6, 6, 7, 8, 9, 10),
                           (4, 5, 6, 7, 8, 9, 10, 12, 15)),
              "steel_frame": ((2, 3, 4, 4, 5, 6, 6, 8), (3, 4, 5, 6, 8, 9, 10, 12), (6, 8, 10, 12, 15, 18, 20))}
    return rng.choice(ranges[system][difficulty - 1])


def _frame(rng: random.Random, w: _Words, difficulty: int, system: str, dims: int, code: str) -> None:
    n = _stories(rng, system, difficulty)
    zh, us = w.language == "zh", w.units == "us"
    steel = system == "steel_frame"

    # system and stories
    if zh:
        word = "钢框架" if steel else ("钢筋混凝土框架" if _say(rng, "rc_word", difficulty) else "框架结构")
        w.say(f"{n}层{word}", stories=n, **({"system": system} if "钢" in word else {}))
    else:
        word = rng.choice(("steel moment frame", "steel frame")) if steel else (
            rng.choice(("RC frame", "reinforced concrete frame", "RC moment frame"))
            if _say(rng, "rc_word", difficulty) else "frame building")
        w.say(f"{n}-story {word}", stories=n, **({} if word == "frame building" else {"system": system}))

    # story heights
    if us:
        typical = float(rng.choice((13, 14, 15) if steel else (12, 12, 13, 14)))
        first = typical + rng.choice((2, 3, 4, 6))
    else:
        typical = rng.choice((3.6, 3.9, 4.2, 4.5) if steel else (3.0, 3.3, 3.3, 3.6, 3.6, 3.9))
        first = round(typical + rng.choice((0.6, 0.9, 1.2, 1.5)), 2)
    mode = _pick(rng, ({"uniform": 0.7, "first": 0.3}, {"uniform": 0.5, "first": 0.5},
                       {"uniform": 0.2, "first": 0.5, "list": 0.3})[difficulty - 1])
    if n == 1:
        mode = "uniform"
    if mode == "list" and n > 8:
        mode = "first"
    unit = "ft" if us else "m"
    if mode == "uniform":
        w.say(f"层高{_num(typical)}m" if zh else rng.choice((f"{_num(typical)} {unit} floors", f"story height {_num(typical)} {unit}")),
              story_height_m=w.length(typical))
    elif mode == "first":
        w.say(f"首层层高{_num(first)}m，其余层{_num(typical)}m" if zh
              else f"first story {_num(first)} {unit}, typical story height {_num(typical)} {unit}",
              first_story_height_m=w.length(first), story_height_m=w.length(typical))
    else:
        heights = [first] + [typical + rng.choice((0.0, 0.0, 0.0, -0.3 if not us else -1.0)) for _ in range(n - 1)]
        heights = [round(h, 2) for h in heights]
        w.say(f"层高分别为{'、'.join(f'{_num(h)}m' for h in heights)}" if zh
              else f"story heights {', '.join(_num(h) for h in heights)} {unit}",
              story_heights_m=[w.length(h) for h in heights])

    # bays and spans
    if us:
        spans = (25.0, 30.0, 30.0, 35.0, 40.0) if steel else (20.0, 22.0, 24.0, 25.0, 28.0, 30.0)
        corridor = (8.0, 10.0)
    else:
        spans = (6.0, 7.5, 8.0, 9.0, 10.0, 12.0) if steel else (5.4, 6.0, 6.0, 6.6, 7.2, 7.8, 8.4)
        corridor = (2.4, 2.7, 3.0)
    bx = rng.choice(((2, 3, 3, 4), (1, 2, 3, 3, 4, 5), (3, 4, 5, 6, 7, 8))[difficulty - 1])
    span_x = rng.choice(spans)
    widths_x = [span_x] * bx
    if difficulty == 3 and rng.random() < 0.5 and bx >= 3:
        if not steel and bx == 3:  # a corridor between two rooms (schools, dormitories, hotels)
            widths_x = [span_x, rng.choice(corridor), span_x]
        else:
            alt = rng.choice([s for s in spans if abs(s - span_x) >= (4.0 if us else 1.2)] or [span_x])
            widths_x = [span_x if i % 2 == 0 else alt for i in range(bx)]
    varied = len(set(widths_x)) > 1
    if dims == 3:
        by = rng.choice(((1, 2, 2, 3), (1, 2, 3), (2, 3, 4))[difficulty - 1])
        while (bx + 1) * (by + 1) * n > MAX_3D_COLUMNS and bx > 1:  # keeps a model's analyses to a few seconds
            bx, by = (bx - 1, by) if bx >= by else (bx, by - 1)
        widths_x = widths_x[:bx]
        varied = len(set(widths_x)) > 1
        span_y = span_x if rng.random() < 0.5 else rng.choice(spans)
        if zh:
            if varied:
                w.say(f"X向{bx}跨，X向跨度分别为{'、'.join(f'{_num(s)}m' for s in widths_x)}", bays_x=bx,
                      bay_widths_x_m=[w.length(s) for s in widths_x])
                w.say(f"Y向{by}跨，Y向跨度{_num(span_y)}m", bays_y=by, bay_width_y_m=w.length(span_y))
            elif span_y == span_x:
                w.say(f"X向{bx}跨、Y向{by}跨，跨度{_num(span_x)}m", bays_x=bx, bays_y=by, bay_width_m=w.length(span_x))
            else:
                w.say(f"X向{bx}跨，X向跨度{_num(span_x)}m", bays_x=bx, bay_width_x_m=w.length(span_x))
                w.say(f"Y向{by}跨，Y向跨度{_num(span_y)}m", bays_y=by, bay_width_y_m=w.length(span_y))
        elif varied:
            w.say(f"{bx} bays of {', '.join(_num(s) for s in widths_x)} {unit} in x and {_bays(by)} of {_num(span_y)} {unit} in y",
                  bays_x=bx, bay_widths_x_m=[w.length(s) for s in widths_x], bays_y=by, bay_width_y_m=w.length(span_y))
        elif span_y == span_x and rng.random() < 0.5:
            w.say(f"{bx}x{by} bays of {_num(span_x)} {unit}", bays_x=bx, bays_y=by, bay_width_m=w.length(span_x))
        else:
            w.say(f"{_bays(bx)} at {_num(span_x)} {unit} in x and {_bays(by)} at {_num(span_y)} {unit} in y",
                  bays_x=bx, bay_width_x_m=w.length(span_x), bays_y=by, bay_width_y_m=w.length(span_y))
        if _say(rng, "dims_word", difficulty):
            w.say("空间框架" if zh else rng.choice(("3D model", "space frame")), dimensions=3)
    else:
        if zh:
            if varied:
                w.say(f"{bx}跨，跨度分别为{'、'.join(f'{_num(s)}m' for s in widths_x)}", bay_widths_x_m=[w.length(s) for s in widths_x])
                w.given["bays_x"] = bx
            else:
                w.say(f"{bx}跨，跨度{_num(span_x)}m", bays_x=bx, bay_width_x_m=w.length(span_x))
        elif varied:
            w.say(f"bays of {', '.join(_num(s) for s in widths_x)} {unit}", bay_widths_x_m=[w.length(s) for s in widths_x])
        else:
            w.say(f"{_bays(bx)} of {_num(span_x)} {unit}", bays_x=bx, bay_width_x_m=w.length(span_x))
        if _say(rng, "dims_word", difficulty):
            w.say("平面框架" if zh else rng.choice(("plane frame", "2D frame")), dimensions=2)
        if _say(rng, "tributary", difficulty):
            spacing = rng.choice((20.0, 24.0, 25.0, 30.0) if us else (6.0, 6.6, 7.2, 7.8, 8.4, 9.0))
            w.say(f"框架间距{_num(spacing)}m" if zh else f"frame spacing {_num(spacing)} {unit}",
                  tributary_width_m=w.length(spacing))

    seismic = _seismic(rng, w, difficulty, code)
    demand = _demand(code, seismic)

    # material
    if _say(rng, "material", difficulty):
        if steel:
            grade = rng.choice({"gb50011": ("Q235", "Q345", "Q355", "Q355", "Q390"), "asce7": ("A992", "A992", "A572"),
                                "en1998": ("S275", "S355", "S355")}[code])
            w.say(f"{grade}钢" if zh else f"{grade} steel", steel_grade=grade)
        elif us:
            fc_ksi = rng.choice((4.0, 4.0, 5.0, 6.0))
            w.say(f"f'c = {_num(fc_ksi)} ksi", fc_pa=to_si(fc_ksi, "ksi", "pressure"))
        else:
            grade = rng.choice(("C25", "C30", "C30", "C35", "C35", "C40", "C45", "C50"))
            if zh:
                w.say(f"混凝土强度等级{grade}", concrete_grade=grade)
            elif code == "en1998":
                ec2 = {"C25": "C25/30", "C30": "C30/37", "C35": "C35/45", "C40": "C40/50", "C45": "C45/55",
                       "C50": "C50/60"}[grade]
                w.say(f"{ec2} concrete", concrete_grade=ec2)
            else:
                w.say(f"{grade} concrete", concrete_grade=grade)

    # sections
    if _say(rng, "sections", difficulty):
        span = max(widths_x + ([span_y] if dims == 3 else []))
        if steel:
            _steel_sections(rng, w, n, span, dims, demand)
        else:
            _rc_sections(rng, w, n, span, demand, difficulty)

    # occupancy and loads
    if _say(rng, "occupancy", difficulty):
        occupancy = _pick(rng, OCCUPANCY_WEIGHTS)
        w.say(OCCUPANCY_ZH[occupancy] if zh else OCCUPANCY_EN[occupancy], occupancy=occupancy)
    if _say(rng, "loads", difficulty):
        if us:
            dead = float(rng.choice((80, 85, 90, 100) if steel else (110, 120, 130, 140, 150)))
            live = float(rng.choice((40, 50, 50, 80, 100)))
            w.say(f"dead load {_num(dead)} psf, live load {_num(live)} psf",
                  dead_load_pa=to_si(dead, "psf", "pressure"), live_load_pa=to_si(live, "psf", "pressure"))
        else:
            dead = rng.choice((4.0, 4.5, 5.0, 5.5) if steel else (5.5, 6.0, 6.5, 7.0, 7.5, 8.0))
            live = rng.choice((2.0, 2.0, 2.5, 2.5, 3.0, 3.5))
            w.say(f"恒载{_num(dead)}kN/m²，活载{_num(live)}kN/m²" if zh else f"dead load {_num(dead)} kPa, live load {_num(live)} kPa",
                  dead_load_pa=dead * 1e3, live_load_pa=live * 1e3)
    _say_seismic(rng, w, difficulty, seismic)


def _seismic(rng: random.Random, w: _Words, difficulty: int, code: str) -> dict[str, Any]:
    """The building's seismic input, and which of it the text states (key ``say``)."""
    if code == "gb50011":
        intensity, pga = rng.choices(GB_LEVELS, GB_LEVEL_WEIGHTS)[0]
        return {"code": code, "intensity": intensity, "pga_g": pga,
                "site_class": rng.choice(("I1", "II", "II", "II", "III", "III", "IV")), "design_group": rng.choice((1, 1, 2, 2, 3))}
    if code == "asce7":
        sds = rng.choice((0.5, 0.75, 1.0, 1.0, 1.2, 1.5))
        ratio = rng.choice((0.4, 0.5, 0.6, 0.7))
        return {"code": code, "sds_g": sds, "sd1_g": round(sds * ratio, 2), "risk_category": rng.choice(("II", "II", "III", "IV"))}
    return {"code": code, "pga_g": rng.choice((0.10, 0.15, 0.20, 0.25, 0.30, 0.35)),
            "ground_type": rng.choice(("A", "B", "B", "C", "C", "D", "E")), "importance_class": rng.choice(("II", "II", "III"))}


def _demand(code: str, seismic: dict[str, Any]) -> float:
    """Seismic demand on a 0..1 scale, to size members: GB 0.05g -> 0, 0.40g -> 1; SDS 0.5 -> 0, 1.5 -> 1."""
    if code == "asce7":
        value = (seismic["sds_g"] - 0.5) / 1.0
    else:
        value = (seismic["pga_g"] - 0.05) / 0.35 if code == "gb50011" else (seismic["pga_g"] - 0.10) / 0.25
    return min(1.0, max(0.0, value))


def _say_seismic(rng: random.Random, w: _Words, difficulty: int, s: dict[str, Any]) -> None:
    zh, code = w.language == "zh", s["code"]
    if code == "gb50011" and _say(rng, "no_seismic", difficulty):
        return  # GB 50011, intensity 7, by default
    given: dict[str, Any] = {"code": code}
    if code == "gb50011":
        intensity, pga = s["intensity"], s["pga_g"]
        say_pga = pga != codes.GB_INTENSITY_PGA_G[intensity][0] or _say(rng, "pga", difficulty)
        given["intensity"] = intensity
        if say_pga:
            given["pga_g"] = pga
        if zh:
            w.say(f"{intensity}度({pga:.2f}g)" if say_pga else f"抗震设防烈度{intensity}度")
        else:
            w.say(f"intensity {intensity} ({pga:.2f}g)" if say_pga else f"seismic intensity {intensity}")
        if _say(rng, "site", difficulty):
            given["site_class"] = s["site_class"]
            w.say(f"{s['site_class']}类场地" if zh else f"site class {s['site_class']}")
        if _say(rng, "group", difficulty):
            given["design_group"] = s["design_group"]
            w.say(f"设计地震分组第{'一二三'[s['design_group'] - 1]}组" if zh else f"design group {s['design_group']}")
    elif code == "asce7":
        parts = ["ASCE 7", f"SDS = {_num(s['sds_g'])} g"]
        given["sds_g"] = s["sds_g"]
        if _say(rng, "sd1", difficulty):
            parts.append(f"SD1 = {_num(s['sd1_g'])} g")
            given["sd1_g"] = s["sd1_g"]
        if _say(rng, "risk", difficulty):
            parts.append(f"risk category {s['risk_category']}")
            given["risk_category"] = s["risk_category"]
        w.say(", ".join(parts))
    else:
        parts = ["Eurocode 8", f"ag = {_num(s['pga_g'])} g"]
        given["pga_g"] = s["pga_g"]
        if _say(rng, "ground", difficulty):
            parts.append(f"ground type {s['ground_type']}")
            given["ground_type"] = s["ground_type"]
        if _say(rng, "importance", difficulty):
            parts.append(f"importance class {s['importance_class']}")
            given["importance_class"] = s["importance_class"]
        w.say(", ".join(parts))
    if _say(rng, "damping", difficulty):
        given["damping_ratio"] = 0.05
        w.say("阻尼比0.05" if zh else "damping ratio 5%")
    w.given["seismic"] = given


def _rc_sections(rng: random.Random, w: _Words, n: int, span_written: float, demand: float, difficulty: int) -> None:
    """RC members: beam depth span/10 (high seismic demand) to span/12, width about h/2; square columns
    of 0.30 m + 50 mm per story, larger with the seismic demand; stepped down in taller frames."""
    zh, us = w.language == "zh", w.units == "us"
    span = w.length(span_written)
    depth_ratio = 10 if demand > 0.5 else rng.choice((10, 11, 12))
    col = 0.30 + 0.05 * n + 0.20 * demand + 0.02 * max(0.0, span - 6.0) + rng.choice((0.0, 0.0, 0.05))
    beam_h = max(0.40, span / depth_ratio)
    if us:  # whole inches, columns and beam depths on 2 in
        col_in, beam_h_in = _round_up(col / 0.0254, 2), _round_up(beam_h / 0.0254, 2)
        col_in, beam_h_in = min(max(col_in, 16), 48), min(beam_h_in, 48)
        beam_b_in = max(12.0, _round_up(beam_h_in / 2, 2))
        lower = col_in + 4
        to = lambda v: to_si(v, "in", "length")  # noqa: E731
        cols = (f"{_num(col_in)} in x {_num(col_in)} in", f"{_num(lower)} in x {_num(lower)} in")
        beam = f"{_num(beam_b_in)}x{_num(beam_h_in)} in"
        col_m, lower_m, beam_b_m, beam_h_m = to(col_in), to(lower), to(beam_b_in), to(beam_h_in)
    else:
        col_m = min(max(_round_up(col, 0.05), 0.40), 1.20)
        beam_h_m = min(_round_up(beam_h, 0.05), 1.2)
        beam_b_m = max(0.25, _round_up(beam_h_m / 2, 0.05))
        lower_m = min(round(col_m + 0.10, 2), 1.30)
        mm = lambda v: f"{round(v * 1000):d}"  # noqa: E731
        cols = (f"{mm(col_m)}x{mm(col_m)} mm", f"{mm(lower_m)}x{mm(lower_m)} mm")
        beam = f"{mm(beam_b_m)}x{mm(beam_h_m)} mm"
    beams = [{"b_m": beam_b_m, "h_m": beam_h_m}]
    stepped = n >= 6 and difficulty >= 2 and rng.random() < 0.5
    if not stepped:
        w.say(f"柱截面{cols[0].replace('x', '×')}，梁截面{beam.replace('x', '×')}" if zh else f"columns {cols[0]}, beams {beam}",
              columns=[{"b_m": col_m, "h_m": col_m}], beams=beams)
        return
    k = n // 2
    columns = [{"b_m": lower_m, "h_m": lower_m, "from_story": 1, "to_story": k},
               {"b_m": col_m, "h_m": col_m, "from_story": k + 1, "to_story": n if zh else None}]
    if zh:
        w.say(f"1-{k}层柱{cols[1].replace('x', '×').removesuffix(' mm')}，{k + 1}-{n}层柱{cols[0].replace('x', '×').removesuffix(' mm')}，"
              f"梁{beam.replace('x', '×')}", columns=columns, beams=beams)
    else:
        w.say(f"columns {cols[1]} for stories 1-{k} and {cols[0]} above, beams {beam}", columns=columns, beams=beams)


def _steel_sections(rng: random.Random, w: _Words, n: int, span_written: float, dims: int, demand: float) -> None:
    """Steel members: welded H beams of depth span/18..span/15; H columns (plane frames, strong axis in
    the plane) or square box columns (3D frames) of depth 0.30 m + 25 mm per story, larger with the
    demand; in US units AISC W shapes (HSS-like boxes in 3D), A and Ix from the AISC Manual."""
    zh, us = w.language == "zh", w.units == "us"
    span = w.length(span_written)
    col_d = min(1.0, _round_up(0.30 + 0.025 * n + 0.15 * demand, 0.05))
    if us:
        beam_row = next((b for b in AISC_W_BEAMS if b[2] * 0.0254**4 >= (span / 16) ** 3 * 0.0055), AISC_W_BEAMS[-1])
        beam_a, beam_i = beam_row[1], beam_row[2]
        if dims == 3:
            b_in = _round_up(col_d / 0.0254, 2)
            t_in = max(0.5, _round_up(b_in / 20, 0.125))
            col_a = round(b_in**2 - (b_in - 2 * t_in) ** 2, 1)
            col_i = round((b_in**4 - (b_in - 2 * t_in) ** 4) / 12, 0)
        else:
            index = min(len(AISC_W_COLUMNS) - 1, int(n / 3 + 2 * demand))
            _, col_a, col_i = AISC_W_COLUMNS[index]
        word = "box columns" if dims == 3 else "columns"
        w.say(f"{word} A = {_num(col_a)} in2, I = {_num(col_i)} in4, beams A = {_num(beam_a)} in2, I = {_num(beam_i)} in4",
              columns=[{"area_m2": col_a * 0.0254**2, "inertia_m4": col_i * 0.0254**4}],
              beams=[{"area_m2": beam_a * 0.0254**2, "inertia_m4": beam_i * 0.0254**4}])
        return
    beam_d = _round_up(span / rng.choice((15, 16, 18)), 0.05)
    beam = i_section(beam_d, min(0.40, max(0.15, _round_up(beam_d / 2.5, 0.025))), _round_up(beam_d / 50, 0.002),
                     _round_up(beam_d / 30, 0.002))
    if dims == 3:
        t = _round_up(col_d / 20, 0.002)
        col = {"area_m2": col_d**2 - (col_d - 2 * t) ** 2, "inertia_m4": (col_d**4 - (col_d - 2 * t) ** 4) / 12}
    else:
        col = i_section(col_d, col_d, _round_up(col_d / 30, 0.002), _round_up(col_d / 18, 0.002))
    values = {k: float(_num(v)) for k, v in (("ca", col["area_m2"]), ("ci", col["inertia_m4"]),
                                             ("ba", beam["area_m2"]), ("bi", beam["inertia_m4"]))}
    text = {k: _num(v) for k, v in values.items()}
    if zh:
        phrase = (f"{'箱形' if dims == 3 else 'H型'}钢柱 A={text['ca']}m2, I={text['ci']}m4；"
                  f"H型钢梁 A={text['ba']}m2, I={text['bi']}m4")
    else:
        phrase = (f"{'box columns' if dims == 3 else 'H columns'} A = {text['ca']} m2, I = {text['ci']} m4, "
                  f"H beams A = {text['ba']} m2, I = {text['bi']} m4")
    w.say(phrase, columns=[{"area_m2": values["ca"], "inertia_m4": values["ci"]}],
          beams=[{"area_m2": values["ba"], "inertia_m4": values["bi"]}])


def _shear_building(rng: random.Random, w: _Words, difficulty: int, code: str) -> None:
    """An idealised shear building: floor masses and story stiffnesses chosen so that T1 is about
    0.06..0.12 s per story (uniform building: ω1 = 2·√(k/m)·sin(π/(4n+2)))."""
    zh, us = w.language == "zh", w.units == "us"
    n = _stories(rng, "shear_building", difficulty)
    h = float(rng.choice((12, 13, 14))) if us else rng.choice((3.0, 3.3, 3.6, 3.9))
    if us:
        mass_written = rng.choice((0.3, 0.4, 0.5, 0.6, 0.8))  # kip-s²/in
        mass = to_si(mass_written, "kip-s2/in", "mass")
    else:
        mass_written = float(rng.choice((60, 80, 100, 120, 150, 200, 250, 300)))  # t
        mass = mass_written * 1e3
    t1 = rng.choice((0.06, 0.08, 0.10, 0.12)) * n
    omega = 2 * math.pi / t1
    k = mass * (omega / (2 * math.sin(math.pi / (4 * n + 2)))) ** 2
    varied = difficulty == 3 and n > 1 and rng.random() < 0.6
    masses = [mass_written] * n
    stiff_factor = [1.0] * n
    if varied:
        masses[-1] = round(0.8 * mass_written, 2)
        stiff_factor = [round(1.0 - 0.5 * i / n, 2) for i in range(n)]
    if us:
        k_written = [float(f"{k * f / to_si(1, 'kip/in', 'stiffness'):.2g}") for f in stiff_factor]
        k_si = [to_si(v, "kip/in", "stiffness") for v in k_written]
        m_si = [to_si(m, "kip-s2/in", "mass") for m in masses]
        m_unit, k_unit = "kip-s2/in", "kip/in"
    else:
        k_written = [float(f"{k * f / 1e3:.2g}") for f in stiff_factor]  # kN/m
        k_si = [v * 1e3 for v in k_written]
        m_si = [m * 1e3 for m in masses]
        m_unit, k_unit = "t", "kN/m"
    unit = "ft" if us else "m"
    fields: dict[str, Any] = {"system": "shear_building", "stories": n, "story_height_m": w.length(h)}
    if varied:
        fields |= {"floor_masses_kg": m_si, "story_stiffnesses_n_per_m": k_si}
        if zh:
            w.say(f"{n}层剪切型结构，层高{_num(h)}m，楼层质量分别为{'、'.join(f'{_num(m)}t' for m in masses)}，"
                  f"层间刚度分别为{'、'.join(f'{v:.0f}kN/m' for v in k_written)}", **fields)
        else:
            w.say(f"{n}-story shear building, story height {_num(h)} {unit}, floor masses {', '.join(_num(m) for m in masses)} {m_unit}, "
                  f"story stiffnesses {', '.join(_k(v, us) for v in k_written)} {k_unit}", **fields)
    else:
        fields |= {"floor_masses_kg": m_si[:1], "story_stiffnesses_n_per_m": k_si[:1]}
        if zh:
            w.say(f"{n}层剪切型结构，层高{_num(h)}m，楼层质量{_num(masses[0])}t，层间刚度{k_written[0]:.0f}kN/m", **fields)
        else:
            w.say(f"{n}-story shear building, story height {_num(h)} {unit}, floor mass {_num(masses[0])} {m_unit}, "
                  f"story stiffness {_k(k_written[0], us)} {k_unit}", **fields)
    _say_seismic(rng, w, difficulty, _seismic(rng, w, difficulty, code))


def _bays(count: int) -> str:
    return f"{count} bay" if count == 1 else f"{count} bays"


def _k(value: float, us: bool) -> str:
    return _num(value) if us else f"{value:.0f}"


# --- checking a text against what it means -----------------------------------------------------


def roundtrip_problems(text: str, given: dict[str, Any]) -> list[str]:
    """Where ``parse_text(text)`` differs from ``complete_spec(given)``: values and assumed fields.

    Empty when the text means exactly the intended building. Numbers compare to 1e-9 relative;
    a story range ending at the top story equals an open-ended one.
    """
    try:
        parsed = parse_text(text)
    except AutobmError as exc:
        return [f"does not parse: {exc}"]
    intended = complete_spec({**given, "source_text": text})
    problems = [f"assumed fields differ: parsed {sorted(a)} vs meant {sorted(b)}"
                for a, b in [({x.field for x in parsed.assumptions}, {x.field for x in intended.assumptions})] if a != b]
    problems += _differences(_comparable(parsed), _comparable(intended), "")
    return problems


def _comparable(spec: BuildingSpec) -> dict[str, Any]:
    data = spec.model_dump(mode="json", exclude={"assumptions", "source_text", "name"})
    for s in (data.get("sections") or {}).get("columns", []) + (data.get("sections") or {}).get("beams", []):
        s["to_story"] = s["to_story"] or spec.stories
    return data


def _differences(a: Any, b: Any, where: str) -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        return [p for k in sorted(set(a) | set(b)) for p in _differences(a.get(k), b.get(k), f"{where}.{k}".lstrip("."))]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [p for i, (x, y) in enumerate(zip(a, b)) for p in _differences(x, y, f"{where}[{i}]")]
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return [] if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12) else [f"{where}: parsed {a!r}, meant {b!r}"]
    return [] if a == b else [f"{where}: parsed {a!r}, meant {b!r}"]


# --- many buildings ------------------------------------------------------------------------


def _rng(seed: int, index: int) -> random.Random:
    return random.Random(f"autobm-sampler:{seed}:{index}")


def sample_buildings(n: int, seed: int = 0, *, difficulty: int | None = None, profile: Profile = "selfplay",
                     exclude_keys: Collection[str] = (), id_prefix: str | None = None,
                     plan: Sequence[dict[str, Any]] | None = None) -> list[SampledBuilding]:
    """``n`` distinct buildings (no two with the same ``spec_key``, none in ``exclude_keys``), seeded.

    ``difficulty`` fixes it (1..3), else it is drawn from the profile. ``plan`` gives, per
    building, fixed draws (``system``, ``dims``, ``code``, ``language``, ``difficulty``) for a
    stated spread (the bench); the rest comes from the profile. Same arguments, same buildings.
    Ground truth is not computed here (``attach_ground_truth``). Raises SamplerError if a text
    does not parse back to its building.
    """
    if difficulty is not None and difficulty not in (1, 2, 3):
        raise ValueError(f"difficulty = {difficulty}: allowed 1, 2 or 3")
    if profile not in PROFILES:
        raise ValueError(f"profile = {profile!r}: allowed {', '.join(PROFILES)}")
    prefix = id_prefix or f"SP{seed}"
    taken = set(exclude_keys)
    out: list[SampledBuilding] = []
    index = 0
    while len(out) < n:
        if index > 50 * n + 1000:
            raise SamplerError(f"could not find {n} distinct buildings (found {len(out)}): the settings allow too few")
        rng = _rng(seed, index)
        index += 1
        fixed = dict(plan[len(out)]) if plan is not None else {}
        level = fixed.pop("difficulty", None) or difficulty or _pick(rng, PROFILES[profile]["difficulty"])
        words = _sample_one(rng, profile, level, **fixed)
        text = words.text()
        problems = roundtrip_problems(text, words.given)
        if problems:
            raise SamplerError(f"sampled text does not parse back to its building (seed {seed}, draw {index - 1}): "
                               f"{text!r}: " + "; ".join(problems))
        spec = parse_text(text)
        key = spec_key(spec)
        if key in taken:
            continue
        taken.add(key)
        out.append(SampledBuilding(id=f"{prefix}-{len(out) + 1:05d}", text=text, language=words.language,
                                   units=words.units, difficulty=level, spec=spec, spec_key=key, stated=words.given))
    return out


def ground_truth_of(spec: BuildingSpec) -> tuple[GroundTruth, BuildingSpec]:
    """The reference model of ``spec`` through ``run_spec`` (sizing included): its ground truth,
    and the spec that model was built from."""
    from autobm.agent.pipeline import run_spec  # noqa: PLC0415  (OpenSees and the sandbox)
    from autobm.agent.checks import code_period_band  # noqa: PLC0415

    from autobm.agent.sandbox import SandboxLimits  # noqa: PLC0415

    result = run_spec(spec, limits=SandboxLimits(timeout_s=GROUND_TRUTH_TIMEOUT_S, cpu_s=int(GROUND_TRUTH_TIMEOUT_S)))
    final = result.spec
    band = code_period_band(final)
    drift = next((c for c in result.checks if c.id == "drift.limit" and c.status != "skipped"), None)
    limit = drift.limit if drift is not None and isinstance(drift.limit, float) else codes.drift_limit(
        final.seismic.code, final.system, final.stories, final.seismic.risk_category,
        final.seismic.importance_class).ratio
    truth = GroundTruth(
        t1_s=round(result.periods_s[0], 6) if result.periods_s else None, periods_s=result.periods_s[:3],
        t1_code_s=round(band.nominal_s, 6) if band else None, t1_code_low_s=round(band.low_s, 6) if band else None,
        t1_code_high_s=round(band.high_s, 6) if band else None, drift_limit_ratio=round(limit, 8),
        max_drift_ratio=drift.value if drift is not None and isinstance(drift.value, float) else None,
        total_mass_kg=round(final.total_mass_kg(), 3), reference_status=result.status,
        failed_checks=[c.id for c in result.failed_checks], sizing_rounds=result.sizing_rounds)
    return truth, final


def attach_ground_truth(buildings: Iterable[SampledBuilding], *, workers: int | None = None,
                        on_done: Callable[[SampledBuilding], None] | None = None) -> list[SampledBuilding]:
    """Each building with its ground truth and the spec it belongs to, ``workers`` reference runs at a time."""
    buildings = list(buildings)

    def one(b: SampledBuilding) -> SampledBuilding:
        truth, final = ground_truth_of(b.spec)
        done = b.model_copy(update={"ground_truth": truth, "spec": final})
        if on_done is not None:
            on_done(done)
        return done

    with ThreadPoolExecutor(max_workers=max(1, min(workers or os.cpu_count() or 1, len(buildings) or 1))) as pool:
        return list(pool.map(one, buildings))


# --- files ---------------------------------------------------------------------------------


def write_buildings(buildings: Iterable[SampledBuilding], path: str | Path) -> Path:
    """One SampledBuilding JSON a line (UTF-8)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(b.model_dump_json() + "\n" for b in buildings), encoding="utf-8")
    return path


def load_buildings(path: str | Path) -> list[SampledBuilding]:
    return [SampledBuilding.model_validate_json(line)
            for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def bench_path() -> Path:
    """The held-out bench shipped with the package: ``training/data/autobm-bench-128.jsonl``."""
    return Path(__file__).resolve().parent / "data" / BENCH_FILE


def bench_keys(path: str | Path | None = None) -> frozenset[str]:
    """The spec keys of the held-out bench: no training example may be built on one of them."""
    path = Path(path) if path is not None else bench_path()
    if not path.is_file():
        return frozenset()
    keys = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if row.get("spec_key"):
                keys.add(row["spec_key"])
            elif row.get("spec"):  # a bench of one's own: the key of its spec, or of its text's
                keys.add(spec_key(load_spec(row["spec"])))
            else:
                keys.add(spec_key(parse_text(row["text"])))
        except (ValueError, KeyError, AttributeError, SpecError) as exc:
            raise SpecError(f"{path}:{number}: a bench row needs 'spec_key', 'spec' or 'text' ({exc})") from None
    return frozenset(keys)


BENCH_SPREAD: tuple[tuple[int, dict[str, Any]], ...] = (
    # (count, fixed draws): mostly plane RC frames under GB 50011, as in the AutoBM paper's BMEval
    (36, {"system": "rc_frame", "dims": 2, "code": "gb50011", "language": "zh"}),
    (34, {"system": "rc_frame", "dims": 2, "code": "gb50011", "language": "en"}),
    (9, {"system": "rc_frame", "dims": 3, "code": "gb50011", "language": "zh"}),
    (9, {"system": "rc_frame", "dims": 3, "code": "gb50011", "language": "en"}),
    (5, {"system": "steel_frame", "dims": 2, "code": "gb50011", "language": "zh"}),
    (5, {"system": "steel_frame", "dims": 3, "code": "gb50011", "language": "en"}),
    (5, {"system": "rc_frame", "dims": 2, "code": "asce7", "language": "en"}),
    (4, {"system": "rc_frame", "dims": 3, "code": "asce7", "language": "en"}),
    (5, {"system": "steel_frame", "dims": 2, "code": "asce7", "language": "en"}),
    (2, {"system": "steel_frame", "dims": 3, "code": "asce7", "language": "en"}),
    (4, {"system": "rc_frame", "dims": 2, "code": "en1998", "language": "en"}),
    (3, {"system": "rc_frame", "dims": 3, "code": "en1998", "language": "en"}),
    (3, {"system": "steel_frame", "dims": 2, "code": "en1998", "language": "en"}),
    (2, {"system": "shear_building", "code": "gb50011", "language": "zh"}),
    (2, {"system": "shear_building", "code": "gb50011", "language": "en"}),
)


def bench_plan(seed: int = BENCH_SEED) -> list[dict[str, Any]]:
    """The bench's fixed draws: ``BENCH_SPREAD`` with difficulties 1:2:3 about 40:35:25, shuffled by the seed."""
    rows = [dict(fixed) for count, fixed in BENCH_SPREAD for _ in range(count)]
    rng = random.Random(f"autobm-bench:{seed}")
    levels = [1] * 51 + [2] * 45 + [3] * 32
    rng.shuffle(levels)
    for row, level in zip(rows, levels):
        row["difficulty"] = level
    rng.shuffle(rows)
    return rows


def make_bench(seed: int = BENCH_SEED, *, workers: int | None = None) -> list[SampledBuilding]:
    """The held-out bench: ``BENCH_SIZE`` buildings by ``bench_plan``, with ground truth."""
    plan = bench_plan(seed)
    assert len(plan) == BENCH_SIZE, len(plan)
    buildings = sample_buildings(BENCH_SIZE, seed, profile="bench", id_prefix="BMB", plan=plan)
    buildings = [b.model_copy(update={"id": f"BMB-{i:03d}"}) for i, b in enumerate(buildings, 1)]
    return attach_ground_truth(buildings, workers=workers)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autobm.training.sampler", description=__doc__.split("\n")[0])
    parser.add_argument("--bench", action="store_true", help=f"rewrite the held-out bench ({BENCH_FILE}, seed {BENCH_SEED})")
    parser.add_argument("--n", type=int, default=10, help="buildings to sample (default 10)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--difficulty", type=int, choices=(1, 2, 3), help="default: drawn per building")
    parser.add_argument("--profile", choices=tuple(PROFILES), default="selfplay")
    parser.add_argument("--ground-truth", action="store_true", help="also run the reference model of each (run_spec)")
    parser.add_argument("--workers", type=int, default=None, help="reference runs at a time (default: CPU cores)")
    parser.add_argument("--out", help="JSONL file (default: stdout)")
    args = parser.parse_args(argv)
    if args.bench:
        path = write_buildings(make_bench(workers=args.workers), args.out or bench_path())
        print(f"wrote {path} ({BENCH_SIZE} buildings)", file=sys.stderr)
        return 0
    buildings = sample_buildings(args.n, args.seed, difficulty=args.difficulty, profile=args.profile,
                                 exclude_keys=bench_keys())
    if args.ground_truth:
        buildings = attach_ground_truth(buildings, workers=args.workers)
    if args.out:
        write_buildings(buildings, args.out)
    else:
        sys.stdout.write("".join(b.model_dump_json() + "\n" for b in buildings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
