"""The deterministic parser: many phrasings in English and Chinese, SI and US units.

Each case gives a description and the spec values it must produce (SI units). Lengths
in US units are checked against their exact conversion (1 ft = 0.3048 m).
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys

import pytest

from autobm.agent.errors import SpecError
from autobm.agent.parsing import normalise, parse_text
from autobm.agent.spec import BuildingSpec, complete_spec, load_spec

FT = 0.3048
IN = 0.0254
PSF = 47.88025898
KIP_PER_IN = 4448.2216152605 / IN
KIP_S2_PER_IN = 4448.2216152605 / IN  # kip·s²/in in kg

# (description, expected values). Keys: BuildingSpec fields, "seismic.X", "h0"/"h1" (story heights),
# "x"/"y" (bay widths lists), "col0" / "beam0" ((b, h) of the first section), "cols" (list of (b, h, from, to)).
CASES: list[tuple[str, dict]] = [
    # --- the headline examples --------------------------------------------------
    ("5-story RC frame, 3.5 m floors, 3×2 bays of 6 m, intensity 8, 0.20g, office",
     {"stories": 5, "system": "rc_frame", "dimensions": 3, "h0": 3.5, "x": [6, 6, 6], "y": [6, 6],
      "seismic.intensity": 8, "seismic.pga_g": 0.2, "occupancy": "office"}),
    ("5层钢筋混凝土框架，层高3.5m，X向3跨、Y向2跨，跨度6m，8度(0.20g)，II类场地，办公楼",
     {"stories": 5, "system": "rc_frame", "dimensions": 3, "h0": 3.5, "x": [6, 6, 6], "y": [6, 6],
      "seismic.intensity": 8, "seismic.pga_g": 0.2, "seismic.site_class": "II", "occupancy": "office"}),
    # --- story counts and number words ---------------------------------------------
    ("five-story reinforced concrete frame, 3 bays of 6 m", {"stories": 5, "x": [6, 6, 6], "dimensions": 2}),
    ("A twelve storey RC moment frame with 4 bays at 7 m", {"stories": 12, "x": [7] * 4}),
    ("twenty-five story steel moment frame, bays of 9 m", {"stories": 25, "system": "steel_frame", "x": [9, 9, 9]}),
    ("3 storeys, concrete frame, 2 bays of 5 m", {"stories": 3, "system": "rc_frame", "x": [5, 5]}),
    ("An 8-level steel frame building, 3 spans of 8 m", {"stories": 8, "system": "steel_frame", "x": [8, 8, 8]}),
    ("10 floors RC frame, floor height 3.2 m, 3 bays of 6 m", {"stories": 10, "h0": 3.2}),
    ("Number of stories: 6; RC frame; story height 3.3 m; 3 bays of 6.6 m", {"stories": 6, "h0": 3.3, "x": [6.6] * 3}),
    ("G+4 RC frame building, 3 bays of 5 m", {"stories": 5}),
    ("single-story steel frame, 1 bay of 12 m, height 6 m", {"stories": 1, "system": "steel_frame", "x": [12]}),
    ("十二层钢筋混凝土框架结构，层高3.3米，3跨，跨度7.2米", {"stories": 12, "h0": 3.3, "x": [7.2] * 3}),
    ("地上六层框架结构，层高3.6m，X向4跨、Y向3跨，柱距8m", {"stories": 6, "h0": 3.6, "x": [8] * 4, "y": [8] * 3}),
    ("两层钢框架，层高4m，2跨，跨度9m", {"stories": 2, "system": "steel_frame", "x": [9, 9]}),
    # --- story heights ---------------------------------------------------------------
    ("5-story RC frame, story height 3.6 m, 3 bays of 6 m", {"h0": 3.6, "h1": 3.6}),
    ("5-storey RC frame, storey height 3.0 m, 3 bays of 6 m", {"h0": 3.0}),
    ("6-story RC frame, typical story height 3.3 m, ground floor 4.2 m, 3 bays of 6 m", {"h0": 4.2, "h1": 3.3}),
    ("6-story RC frame, first story 4.5 m, others 3.3 m, 3 bays of 6 m", {"h0": 4.5, "h1": 3.3, "height_m": 4.5 + 5 * 3.3}),
    ("4-story RC frame with 4.5 m first story and 3.6 m typical stories, 3 bays of 6 m", {"h0": 4.5, "h1": 3.6}),
    ("4-story RC frame, floor-to-floor height 3.8 m, 2 bays of 6 m", {"h0": 3.8}),
    ("3-story steel frame, each story 4 m high, 2 bays of 8 m", {"h0": 4.0, "h1": 4.0}),
    ("4-story RC frame, story heights 4.5, 3.6, 3.6, 3.3 m, 3 bays of 6 m", {"story_heights_m": [4.5, 3.6, 3.6, 3.3]}),
    ("3-story RC frame, story heights of 4.2 m, 3.6 m and 3.6 m, 2 bays of 6 m", {"story_heights_m": [4.2, 3.6, 3.6]}),
    ("4-story RC frame, 4.5 m ground floor and 3.6 m upper floors, 2 bays of 6 m",  # the 3.6 m fell to the 3.3 m default
     {"story_heights_m": [4.5, 3.6, 3.6, 3.6]}),
    ("4-story RC frame, 3.5 m floors, 2 bays of 6 m, columns 600x600 mm stories 1-2, 500x500 mm stories 3-4",
     {"story_heights_m": [3.5, 3.5, 3.5, 3.5]}),  # '600 mm stories' was read as a story height
    ("5-story RC frame, total height 17.5 m, 3 bays of 6 m", {"h0": 3.5, "height_m": 17.5}),
    ("5-story RC frame, 3.5 m stories, 3 bays of 6 m", {"h0": 3.5}),
    ("6层框架，首层层高4.5m，其余层3.3m，3跨，跨度6m", {"stories": 6, "h0": 4.5, "h1": 3.3}),
    ("4层框架，底层4.2m，标准层层高3.6m，2跨，跨度6m", {"h0": 4.2, "h1": 3.6}),
    ("3层框架，层高分别为4.5m、3.6m、3.6m，2跨，跨度6m", {"story_heights_m": [4.5, 3.6, 3.6]}),
    ("5层框架，层高为3.3米，3跨，跨度6米", {"h0": 3.3}),
    # --- bays ------------------------------------------------------------------------
    ("5-story RC frame, 3 bays at 6 m in X and 2 bays at 7.5 m in Y", {"x": [6] * 3, "y": [7.5] * 2, "dimensions": 3}),
    ("5-story RC frame, 3 bays in the x direction and 2 bays in the y direction, bay width 6 m", {"x": [6] * 3, "y": [6] * 2}),
    ("5-story RC frame, bays of 6 m, 7.5 m and 6 m", {"x": [6, 7.5, 6], "dimensions": 2}),
    ("4-story RC frame, bay widths 6, 7.5, 6 m", {"x": [6, 7.5, 6]}),
    ("4-story RC frame, X direction: 3 bays of 6 m; Y direction: 2 bays of 5 m", {"x": [6] * 3, "y": [5] * 2}),
    ("4-story RC frame, 3x2 bays, 6 m bays", {"x": [6] * 3, "y": [6] * 2}),
    ("4-story RC frame, 4 x 3 bays of 7 m", {"x": [7] * 4, "y": [7] * 3}),
    ("4-story RC space frame, plan 18 m x 12 m, bay width 6 m", {"x": [6] * 3, "y": [6] * 2, "dimensions": 3}),
    ("5-story RC frame, bays 3+12 m in X and 4+6+10 m in Y", {"x": [3, 12], "y": [4, 6, 10], "dimensions": 3}),
    ("5-story RC frame, bays 3+12 m in X, 4+6+10 m in Y", {"x": [3, 12], "y": [4, 6, 10]}),
    ("5-story RC frame, X bays 3, 12 m; Y bays 4, 6, 10 m", {"x": [3, 12], "y": [4, 6, 10]}),
    ("5-story RC frame, spans 6, 7.5 and 6 m in the x direction and 5, 5 m in the y direction", {"x": [6, 7.5, 6], "y": [5, 5]}),
    ("3-story RC frame, 2x2 bays, bays 6 m x 5 m", {"x": [6, 6], "y": [5, 5]}),
    ("3-story RC frame, 3 x 2 bays, bay size 8 m by 6 m", {"x": [8] * 3, "y": [6] * 2}),
    # plans, grids and lists that used to be dropped for the 3 x 6 m default
    ("5-story RC frame, 3.5 m floors, plan 24 x 18 m with 6 m bays", {"x": [6] * 4, "y": [6] * 3, "dimensions": 3}),
    ("5-story RC frame, plan dimensions 30 x 12 m, bays 6 m in X and 6 m in Y", {"x": [6] * 5, "y": [6] * 2}),
    ("5-story RC frame, bays 6+6+6 m in both directions", {"x": [6] * 3, "y": [6] * 3, "dimensions": 3}),
    ("5-story RC frame, 3 bays: 5 + 2.4 + 5 m", {"x": [5, 2.4, 5], "dimensions": 2}),
    ("5层框架，3跨(5m+2.4m+5m)", {"x": [5, 2.4, 5]}),
    ("5层框架，横向3跨5m+2.4m+5m，纵向8跨7.2m", {"x": [7.2] * 8, "y": [5, 2.4, 5]}),
    ("5层框架，开间4×3.9m，进深2×6m", {"x": [3.9] * 4, "y": [6, 6]}),
    ("5层框架，纵向6跨，柱距7.2米，横向2跨，跨度6米", {"x": [7.2] * 6, "y": [6, 6]}),
    ("5层框架，柱网8m×6m，层高3.6m", {"x": [8] * 3, "y": [6] * 2, "h0": 3.6}),
    ("5-story RC frame, column grid 8 x 6 m, 4 bays in x and 2 bays in y", {"x": [8] * 4, "y": [6] * 2}),
    # story heights: a Chinese list, a count times a height, story ranges, 'typical' after the height
    ("4层框架，层高4.5m、3.6m、3.6m、3.3m，3跨6m", {"story_heights_m": [4.5, 3.6, 3.6, 3.3]}),
    ("5层框架，层高4.5m+4×3.6m，3跨6m", {"story_heights_m": [4.5] + [3.6] * 4}),
    ("4层框架，层高：首层4.5m，2~4层3.6m，3跨6m", {"story_heights_m": [4.5, 3.6, 3.6, 3.6]}),
    ("6层框架，1~2层4.5m，3~6层3.3m，3跨6m", {"story_heights_m": [4.5, 4.5] + [3.3] * 4}),
    ("4-story RC frame, 14 ft ground floor and 12 ft typical, 3 bays of 24 ft", {"h0": 14 * FT, "h1": 12 * FT}),
    ("4-story 2D RC frame, 3 bays of 6 m, frame spacing 7 m", {"dimensions": 2, "tributary_width_m": 7.0}),
    ("4层框架，X向跨度6m，Y向跨度5m，X向3跨，Y向2跨", {"x": [6] * 3, "y": [5] * 2}),
    ("4层框架，纵向4跨，横向2跨，柱距7.2m", {"x": [7.2] * 4, "y": [7.2] * 2}),
    ("3层平面框架，3跨，跨度6m", {"dimensions": 2, "x": [6] * 3}),
    # --- US customary units ----------------------------------------------------------
    ("10-story steel moment frame, story height 13 ft, 3 bays at 30 ft in x and 2 bays at 25 ft in y, SDS = 1.0 g, SD1 = 0.6 g",
     {"h0": 13 * FT, "x": [30 * FT] * 3, "y": [25 * FT] * 2, "seismic.code": "asce7", "seismic.sds_g": 1.0, "seismic.sd1_g": 0.6}),
    ("4-story RC frame, 12'-6\" stories, 3 bays of 24 ft", {"h0": 12.5 * FT, "x": [24 * FT] * 3}),
    ("4-story RC frame, first story 15 ft, typical story height 12 ft, 2 bays of 20 ft", {"h0": 15 * FT, "h1": 12 * FT}),
    ("3-story RC frame, story height 144 in, 2 bays of 288 in", {"h0": 144 * IN, "x": [288 * IN] * 2}),
    ("5-story RC frame, 3 bays of 20 ft, dead load 100 psf, live load 50 psf", {"dead_load_pa": 100 * PSF, "live_load_pa": 50 * PSF}),
    ("3-story RC frame, 2 bays of 20 ft, columns 24 in x 24 in, beams 18x30 in",
     {"col0": (24 * IN, 24 * IN), "beam0": (18 * IN, 30 * IN)}),
    ("3-story RC frame, 2 bays of 20 ft, f'c = 4 ksi",
     {"material.elastic_modulus_pa": 57000 * math.sqrt(4000) * 6894.757}),
    ("3-story steel frame, 2 bays of 30 ft, E = 29000 ksi", {"material.elastic_modulus_pa": 29000 * 6894757.29}),
    ("3-story steel frame, 2 bays of 30 ft, E = 29,000 ksi, A992", {"material.steel_grade": "A992"}),
    # --- seismic input ----------------------------------------------------------------
    ("5-story RC frame, 3 bays of 6 m, PGA 0.2 g", {"seismic.code": "gb50011", "seismic.intensity": 8, "seismic.pga_g": 0.2}),
    ("5-story RC frame, 3 bays of 6 m, seismic intensity 7", {"seismic.intensity": 7, "seismic.pga_g": 0.10}),
    ("5-story RC frame, 3 bays of 6 m, intensity 7 (0.15g), site class III, design group 2",
     {"seismic.pga_g": 0.15, "seismic.site_class": "III", "seismic.design_group": 2}),
    ("6层框架，3跨，跨度6m，7度(0.15g)，III类场地，第二组", {"seismic.pga_g": 0.15, "seismic.site_class": "III", "seismic.design_group": 2}),
    ("6层框架，3跨，跨度6m，抗震设防烈度8度，设计基本地震加速度0.30g，场地类别IV类，设计地震分组第三组",
     {"seismic.intensity": 8, "seismic.pga_g": 0.30, "seismic.site_class": "IV", "seismic.design_group": 3}),
    ("6层框架，3跨，跨度6m，7度半", {"seismic.intensity": 7, "seismic.pga_g": 0.15}),
    ("6层框架，3跨，跨度6m，9度，Ⅰ1类场地", {"seismic.intensity": 9, "seismic.pga_g": 0.40, "seismic.site_class": "I1"}),
    ("5-story RC frame, 3 bays of 6 m, ASCE 7, SDS = 1.0 g, risk category III",
     {"seismic.code": "asce7", "seismic.sds_g": 1.0, "seismic.risk_category": "III", "seismic.sd1_g": 0.6}),
    ("5-story RC frame, 3 bays of 6 m, Sds 0.5g, Sd1 0.3g", {"seismic.code": "asce7", "seismic.sds_g": 0.5, "seismic.sd1_g": 0.3}),
    ("20-story steel moment frame, 4 m floors, 3 bays of 8 m, SDS = 1.0 g, SD1 = 0.6 g, S1 = 0.75 g",
     {"seismic.code": "asce7", "seismic.s1_g": 0.75, "seismic.pga_g": 0.4}),
    ("5-story RC frame, 3 bays of 6 m, S1 0.6g", {"seismic.code": "asce7", "seismic.s1_g": 0.6, "seismic.sds_g": 1.0}),
    ("4-story RC frame, 3 bays of 6 m, Eurocode 8, ag = 0.25g, ground type C, importance class II",
     {"seismic.code": "en1998", "seismic.pga_g": 0.25, "seismic.ground_type": "C"}),
    ("4-story RC frame, 3 bays of 6 m, EN 1998, ag = 2.45 m/s2, ground type B",
     {"seismic.code": "en1998", "seismic.pga_g": 2.45 / 9.80665, "seismic.ground_type": "B"}),
    ("5-story RC frame, 3 bays of 6 m, intensity 8, damping 5%", {"seismic.damping_ratio": 0.05}),
    ("5层框架，3跨，跨度6m，8度，阻尼比0.04", {"seismic.damping_ratio": 0.04}),
    # --- systems, dimensions, diaphragms ----------------------------------------------
    ("6-story steel moment-resisting frame, 3 bays of 8 m", {"system": "steel_frame", "material.steel_grade": "Q355"}),
    ("6-story SMRF, 3 bays of 8 m, ASCE 7, SDS = 1.2 g", {"system": "steel_frame", "material.steel_grade": "A992"}),
    ("6层钢结构框架，3跨，跨度8m，Q345钢", {"system": "steel_frame", "material.steel_grade": "Q345"}),
    # GB 50011-2010 8.2.2: steel frames under the frequent earthquake 0.04 up to 50 m, 0.03 below 200 m
    ("10层钢框架，层高3.3m，3跨，跨度8m，7度", {"seismic.damping_ratio": 0.04}),
    ("20-story steel frame, 4 m floors, 3 bays of 8 m, intensity 8", {"seismic.damping_ratio": 0.03}),
    ("20-story steel frame, 4 m floors, 3 bays of 8 m, intensity 8, damping 5%", {"seismic.damping_ratio": 0.05}),
    ("20-story steel frame, 4 m floors, 3 bays of 8 m, ASCE 7, SDS 1.0 g", {"seismic.damping_ratio": 0.05}),
    ("5-story 3D RC frame, 3 bays in x and 3 bays in y of 6 m", {"dimensions": 3, "x": [6] * 3, "y": [6] * 3}),
    ("5-story RC frame, 3x2 bays of 6 m, without rigid diaphragms", {"rigid_diaphragm": False}),
    ("5层框架，X向3跨、Y向2跨，跨度6m，刚性楼板", {"rigid_diaphragm": True}),
    ("5-story RC frame, 3x2 bays of 6 m, flexible diaphragm", {"rigid_diaphragm": False}),
    # --- materials and sections --------------------------------------------------------
    ("5-story RC frame, 3 bays of 6 m, C40 concrete", {"material.concrete_grade": "C40", "material.elastic_modulus_pa": 3.25e10}),
    ("5层框架，3跨，跨度6m，混凝土强度等级C35", {"material.concrete_grade": "C35", "material.elastic_modulus_pa": 3.15e10}),
    ("5-story RC frame, 3 bays of 6 m, E = 30 GPa", {"material.elastic_modulus_pa": 30e9}),
    # EN 1998 frames take EN 1992's Ecm (Table 3.1), ASCE 7 frames ACI 318's Ec (19.2.2.1(b))
    ("4-story RC frame, 3 bays of 6 m, EN 1998, ag = 0.25g, C30/37 concrete",
     {"material.concrete_grade": "C30/37", "material.elastic_modulus_pa": 3.3e10}),
    ("4-story RC frame, 3 bays of 6 m, EN 1998, ag = 0.25g, C40 concrete",
     {"material.concrete_grade": "C40/50", "material.elastic_modulus_pa": 3.5e10}),
    ("4-story RC frame, 3 bays of 6 m, EN 1998, ag = 0.25g", {"material.concrete_grade": "C30/37", "material.elastic_modulus_pa": 3.3e10}),
    ("5-story RC frame, 3 bays of 6 m, ASCE 7, SDS = 1.0 g",
     {"material.concrete_grade": None, "material.elastic_modulus_pa": 57000 * 4000**0.5 * 6894.757}),
    ("5-story RC frame, 3 bays of 6 m, ASCE 7, SDS = 1.0 g, f'c = 5 ksi",
     {"material.concrete_grade": None, "material.elastic_modulus_pa": 57000 * 5000**0.5 * 6894.757}),
    # an EN 1992 name under GB 50011 is read by its cube strength (GB grades are), under ASCE 7 by f'c (cylinder)
    ("5-story RC frame, 3 bays of 6 m, intensity 8, C25/30 concrete", {"material.concrete_grade": "C30", "material.elastic_modulus_pa": 3.0e10}),
    ("5-story RC frame, 3 bays of 6 m, ASCE 7, SDS = 1.0 g, C30/37 concrete",
     {"material.concrete_grade": "C30/37", "material.elastic_modulus_pa": 57000 * (30e6 / 6894.757)**0.5 * 6894.757}),
    ("5-story RC frame, 3 bays of 6 m, ASCE 7, SDS = 1.0 g, C30/37 concrete, E = 26 GPa",  # a given E wins
     {"material.concrete_grade": "C30/37", "material.elastic_modulus_pa": 26e9}),
    # a cylinder strength gives E by the code in use: ACI 318 (ASCE 7), EN 1992 Ecm = 22 (fcm/10)^0.3 GPa (EN 1998)
    ("4-story RC frame, 3 bays of 6 m, EN 1998, ag = 0.25g, fck = 30 MPa",
     {"material.fc_pa": 30e6, "material.concrete_grade": None, "material.elastic_modulus_pa": 22e9 * 3.8**0.3}),
    ("5-story RC frame, 3 bays of 6 m, ASCE 7, SDS = 1.0 g, fc' = 5000 psi", {"material.fc_pa": 5000 * 6894.757}),
    # a GB text's fc in N/mm² is the design strength of GB 50010 Table 4.1.4-1: 14.3 is C30's
    ("5-story RC frame, 3 bays of 6 m, intensity 8, C30, fc = 14.3 N/mm2",
     {"material.concrete_grade": "C30", "material.fc_pa": None, "material.elastic_modulus_pa": 3.0e10}),
    ("5层框架，3跨，跨度6m，8度，混凝土fc=19.1MPa", {"material.concrete_grade": "C40", "material.elastic_modulus_pa": 3.25e10}),
    # under ASCE 7 and EN 1998 a plain fc is the cylinder strength
    ("4-story RC frame, 3 bays of 6 m, EN 1998, ag = 0.25g, fc = 14.3 MPa", {"material.fc_pa": 14.3e6, "material.concrete_grade": None}),
    ("5-story RC frame, 3 bays of 6 m, Ss = 1.5 g, S1 = 0.6 g, SDS = 1.0 g, SD1 = 0.6 g", {"seismic.sds_g": 1.0, "seismic.s1_g": 0.6}),
    ("5-story RC frame, 3 bays of 6 m, columns 600x600 mm, beams 300x600 mm", {"col0": (0.6, 0.6), "beam0": (0.3, 0.6)}),
    ("4-story steel frame, 4 m stories, 2 bays of 8 m, columns A = 0.02 m2, I = 5e-4 m4, beams A = 0.01 m2 and I = 3e-4 m4",
     {"col0_props": (0.02, 5e-4), "beam0_props": (0.01, 3e-4)}),
    ("5-story RC frame, 3 bays of 6 m, column 0.5 m x 0.5 m, beam 0.25 m x 0.5 m", {"col0": (0.5, 0.5), "beam0": (0.25, 0.5)}),
    ("5层框架，3跨，跨度6m，柱截面600×600，梁截面300×600mm", {"col0": (0.6, 0.6), "beam0": (0.3, 0.6)}),
    ("6-story RC frame, 3 bays of 6 m, columns 700x700 mm for stories 1-3 and 600x600 mm above, beams 300x650",
     {"cols": [(0.7, 0.7, 1, 3), (0.6, 0.6, 4, None)]}),
    ("6层框架，3跨，跨度6m，1-3层柱700×700，4-6层柱600×600，梁300×600",
     {"cols": [(0.7, 0.7, 1, 3), (0.6, 0.6, 4, 6)], "stories": 6}),
    # --- loads and occupancy --------------------------------------------------------------
    ("5-story RC frame, 3 bays of 6 m, residential", {"occupancy": "residential", "live_load_pa": 2000.0}),
    ("5层住宅框架，3跨，跨度6m", {"occupancy": "residential"}),
    ("5-story RC school building, 3 bays of 6 m", {"occupancy": "school", "live_load_pa": 2500.0}),
    ("5-story RC frame, 3 bays of 6 m, dead load 6 kPa, live load 2 kN/m2", {"dead_load_pa": 6000.0, "live_load_pa": 2000.0}),
    ("5层框架，3跨，跨度6m，恒载5.5kN/m²，活载2.0kN/m²", {"dead_load_pa": 5500.0, "live_load_pa": 2000.0}),
    ("5-story RC frame, 3 bays of 6 m, floor mass 400 t", {"floor_masses_kg": [4.0e5] * 5}),
    # --- shear buildings --------------------------------------------------------------------
    ("2-story shear building, story height 144 in, floor masses 200/386, 100/386 kip-s2/in, story stiffnesses 154.32, 77.16 kip/in",
     {"system": "shear_building", "floor_masses_kg": [200 / 386 * KIP_S2_PER_IN, 100 / 386 * KIP_S2_PER_IN],
      "story_stiffnesses_n_per_m": [154.32 * KIP_PER_IN, 77.16 * KIP_PER_IN]}),
    ("3-story shear frame, floor mass 100 t, story stiffness 50000 kN/m, story height 3 m",
     {"system": "shear_building", "floor_masses_kg": [1e5] * 3, "story_stiffnesses_n_per_m": [5e7] * 3}),
    ("4层剪切型结构，层高3m，楼层质量200t，层间刚度80000kN/m",
     {"system": "shear_building", "floor_masses_kg": [2e5] * 4, "story_stiffnesses_n_per_m": [8e7] * 4}),
    ("2-story shear building, story height 3.6576 m, floor masses 90738 kg and 45369 kg, "
     "story stiffnesses 33782 kN/m and 16891 kN/m",
     {"system": "shear_building", "floor_masses_kg": [90738.0, 45369.0], "story_stiffnesses_n_per_m": [3.3782e7, 1.6891e7]}),
    ("3-story shear building, 3 m stories, masses 100/386 kip-s2/in, 50 t, 40 t, story stiffness 100000 kN/m",
     {"system": "shear_building", "floor_masses_kg": [100 / 386 * KIP_S2_PER_IN, 5e4, 4e4],
      "story_stiffnesses_n_per_m": [1e8] * 3}),
    ("2层剪切型结构，层高3m，楼层质量分别为100 t和50 t，层间刚度分别为2e5 kN/m和1e5 kN/m",
     {"system": "shear_building", "floor_masses_kg": [1e5, 5e4], "story_stiffnesses_n_per_m": [2e8, 1e8]}),
    # --- forms that once fell back to defaults silently ---------------------------
    ("12层框架，层高3.6m，4跨7.2m，7度0.10g", {"stories": 12, "x": [7.2] * 4, "seismic.pga_g": 0.1}),
    ("5层框架，层高3.6m，3跨8m，8度", {"x": [8.0] * 3}),
    ("12-story RC frame, 3.6 m stories, 4 bays 7.2 m, intensity 7 (0.10g)", {"x": [7.2] * 4}),
    ("12-story RC frame, 3.6 m stories, 4 x 7.2 m bays, intensity 7 (0.10g)", {"x": [7.2] * 4}),
    ("5层框架，层高3.6m，X向柱距6m+8m+6m，8度", {"x": [6.0, 8.0, 6.0]}),
    ("5-story RC frame, 3.5 m floors, bays 6+8+6 m, intensity 8", {"x": [6.0, 8.0, 6.0]}),
    ("4-story RC frame, 3.2 m floors, 3 bays in each direction of 5 m, intensity 8",
     {"dimensions": 3, "x": [5.0] * 3, "y": [5.0] * 3}),
    ("4-story RC frame, 3.2 m floors, 3 bays of 5 m each way, intensity 8", {"dimensions": 3, "x": [5.0] * 3, "y": [5.0] * 3}),
    # counts by axis with the bay word once (read as 3 bays in 2D, the default, before)
    ("5-story RC frame, 3.5 m floors, bays of 6 m: 4 in x and 1 in y, intensity 8",
     {"dimensions": 3, "x": [6.0] * 4, "y": [6.0]}),
    ("5-story RC frame, 3.5 m floors, 7.2 m bays, 4 along x, 2 along y, intensity 8",
     {"dimensions": 3, "x": [7.2] * 4, "y": [7.2] * 2}),
    ("5-story RC frame, 3.5 m floors, 4 bays in x and 2 in y of 5 m, intensity 8",
     {"dimensions": 3, "x": [5.0] * 4, "y": [5.0] * 2}),
    ("5-story RC frame, 3.5 m floors, 4 and 2 bays of 6 m in y and x, intensity 8",
     {"dimensions": 3, "x": [6.0] * 2, "y": [6.0] * 4}),
    ("5-story steel frame, 12 ft floors, bays of 25 ft: 3 in x and 2 in y, SDS 1.0, SD1 0.6",
     {"dimensions": 3, "x": [25 * FT] * 3, "y": [25 * FT] * 2}),
    ("12-story RC frame, 3.6 m stories, 4 bays of 7.2 m, intensity 7 (0.10g), site III", {"seismic.site_class": "III"}),
    ("5-story, 3.5-m floors, x-direction 3 bays of 6 m", {"h0": 3.5}),
    ("1-story steel frame, 6 m high, 2 bays of 8 m, intensity 8", {"h0": 6.0}),
    ("1-story steel frame, 20 ft tall, 2 bays of 25 ft, SDS 1.0, SD1 0.6", {"h0": 20 * FT}),
    ("5-story steel frame, 4 m stories, 3 bays of 8 m, SDS 1.0, SD1 0.6, hospital",
     {"occupancy": "hospital", "seismic.risk_category": "IV"}),
    ("5-story RC frame, 3 bays of 6 m, EN 1998, ag 0.25g, school", {"seismic.importance_class": "III"}),
    # EN 1998-1 3.2.1(3): ag = γI·agR (γI 1.2 for class III, 1.4 for IV: 4.2.5(5)); 'ag' itself includes γI
    ("4-storey RC frame, 3.5 m floors, 2 bays of 6 m, EN 1998, agR = 0.20g, ground type C, importance class III",
     {"seismic.pga_g": 0.24, "seismic.importance_class": "III"}),
    ("4-storey RC frame, 3.5 m floors, 2 bays of 6 m, EN 1998, ag(R) = 0.20g, ground type C, hospital",
     {"seismic.pga_g": 0.28, "seismic.importance_class": "IV"}),
    ("4-storey RC frame, 3.5 m floors, 2 bays of 6 m, EN 1998, ag = 0.20g, ground type C, importance class III",
     {"seismic.pga_g": 0.20}),
    ("4-storey RC frame, 3.5 m floors, 2 bays of 6 m, EN 1998, agR = 0.2g, ag = 0.24g, importance class III",
     {"seismic.pga_g": 0.24, "seismic.reference_pga_g": 0.2}),
    ("5-story RC frame, 3.5 m floors, three 7.2 m bays, intensity 8", {"x": [7.2] * 3}),
    ("4-story steel frame, 3.6 m floors, 3 bays of 8 m, 2D, frames spaced 7 m, intensity 8", {"tributary_width_m": 7.0}),
    ("5 stories @ 12 ft, steel moment frame, three 25-ft bays, SDS 1.0, SD1 0.6", {"h0": 12 * FT, "x": [25 * FT] * 3}),
    ("5层钢筋混凝土框架，层高3.5m，X向三跨，每跨7.2m，8度(0.2g)", {"x": [7.2] * 3}),
    ("5-story steel frame, 14 ft floors, 3 bays of 30 ft, SDS 1.0 g, SD1 0.5 g, columns H14x14.5x0.44x0.71 in",
     {"col0_props": (2 * 14.5 * 0.71 * IN**2 + 12.58 * 0.44 * IN**2,
                     (14.5 * 14**3 - 14.06 * 12.58**3) / 12 * IN**4)}),
    # steel I shapes by their plates, depth x flange width x web x flange (mm): A and I, fillets ignored
    ("4-story steel frame, 4 m stories, 3 bays of 8 m, columns H400x400x13x21, beams HN500x200x10x16, intensity 8",
     {"col0_props": (2 * 0.4 * 0.021 + 0.358 * 0.013, (0.4 * 0.4**3 - 0.387 * 0.358**3) / 12),
      "beam0_props": (2 * 0.2 * 0.016 + 0.468 * 0.010, (0.2 * 0.5**3 - 0.19 * 0.468**3) / 12)}),
    # a story height after the bays is not a second bay width; axes named "x:", "x方向", "the long direction"
    ("5-story RC frame, 4 bays of 7 m, 3.5 m floors", {"x": [7.0] * 4, "h0": 3.5, "stories": 5}),
    ("3-story steel frame, 3 bays of 20 ft, 12 ft story height", {"x": [20 * FT] * 3, "h0": 12 * FT}),
    ("5-story RC frame, bays of 6 m, 7.5 m and 6 m, 3.3 m floors", {"x": [6.0, 7.5, 6.0], "h0": 3.3}),
    ("5-story RC frame, 3.5 m floors, X: 5 bays of 7.2 m; Y: 3 bays of 6.0 m, intensity 8",
     {"dimensions": 3, "x": [7.2] * 5, "y": [6.0] * 3}),
    ("5层框架，层高3.5m，X方向5跨，每跨7.2m，Y方向3跨，每跨6.0m，8度",
     {"dimensions": 3, "x": [7.2] * 5, "y": [6.0] * 3, "seismic.intensity": 8}),
    ("5层框架，层高3.5m，纵向跨度8m共5跨，横向跨度6m共3跨，8度", {"dimensions": 3, "x": [8.0] * 5, "y": [6.0] * 3}),
    ("5-story RC frame, 3.5 m floors, 5 bays of 7.2 m in the long direction and 3 bays of 6 m in the short direction",
     {"dimensions": 3, "x": [7.2] * 5, "y": [6.0] * 3}),
    # story heights by range, for the first stories, the top story; the typical height for the others
    ("6-story RC frame, story height 3.3 m, top story 4.0 m, 3 bays of 6 m", {"story_heights_m": [3.3] * 5 + [4.0]}),
    ("4-story RC frame, 3.3 m floors, 4 m for the top floor", {"story_heights_m": [3.3] * 3 + [4.0]}),
    ("6-story RC frame, stories 1-2: 4.5 m, stories 3-6: 3.3 m, 3 bays of 6 m", {"story_heights_m": [4.5] * 2 + [3.3] * 4}),
    ("6-story RC frame, first two stories 4.5 m, remaining stories 3.3 m, 3 bays of 6 m",
     {"stories": 6, "story_heights_m": [4.5] * 2 + [3.3] * 4}),
    ("6层框架，底部两层层高4.5m，其余3.6m，3跨6m", {"stories": 6, "story_heights_m": [4.5] * 2 + [3.6] * 4}),
    ("6层框架，首层4.5m，顶层4.2m，其余3.6m，3跨6m", {"story_heights_m": [4.5] + [3.6] * 4 + [4.2]}),
    # column sizes with their story ranges in parentheses
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, columns 600x600 mm (floors 1-2), 500x500 mm (floors 3-5)",
     {"cols": [(0.6, 0.6, 1, 2), (0.5, 0.5, 3, 5)]}),
    # seismic inputs in other words: ordinal groups, Roman intensities, 场地土, a ground type without 'type'
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8 (0.2g), 3rd design group", {"seismic.design_group": 3}),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8 (0.2g), second design group", {"seismic.design_group": 2}),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity VIII, 0.2g", {"seismic.intensity": 8}),
    ("5层框架，层高3.5m，3跨6m，8度0.2g，场地土类别III类", {"seismic.site_class": "III"}),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, EN 1998, ag 0.2 g, ground B", {"seismic.ground_type": "B"}),
    # section sizes as people write them: 'wide by deep', '(b) x (h)', 'square', the noun after the size
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, beams 300 mm wide by 600 mm deep, columns 500x500 mm, intensity 8",
     {"col0": (0.5, 0.5), "beam0": (0.3, 0.6)}),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, beams 300 (b) x 600 (h) mm, intensity 8", {"beam0": (0.3, 0.6)}),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, columns 500 mm square, intensity 8", {"col0": (0.5, 0.5)}),
    ('5-story RC frame, 12 ft floors, 3 bays of 30 ft, 24"x24" columns, 18"x30" beams, SDS 1.0 g, SD1 0.6 g',
     {"x": [30 * FT] * 3, "col0": (24 * IN, 24 * IN), "beam0": (18 * IN, 30 * IN)}),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, 600x600 mm columns and 300x600 mm beams, intensity 8",
     {"x": [6.0] * 3, "col0": (0.6, 0.6), "beam0": (0.3, 0.6)}),
    # story heights in other words
    ("5-story RC frame, floor-to-floor 3 m, 3 bays of 6 m", {"h0": 3.0}),
    ("5-story RC frame, storeys 3.5 m tall, 3 bays of 6 m", {"h0": 3.5}),
    ("single-storey RC frame, height 4 m, 3 bays of 6 m", {"stories": 1, "story_heights_m": [4.0]}),
    # a shear building's masses and stiffnesses in symbols
    ("3-story shear building, m = 200 t, k = 300 MN/m, 3 m stories",
     {"floor_masses_kg": [200e3] * 3, "story_stiffnesses_n_per_m": [300e6] * 3}),
    ("3-story shear building, 3 m stories, m1=m2=m3=50 t, k=20 MN/m",
     {"floor_masses_kg": [50e3] * 3, "story_stiffnesses_n_per_m": [20e6] * 3}),
    # readings that must not change with the ones above (each was misread on the way)
    ("5-story RC frame, 3 bays of 6 m and 2 bays of 7.5 m in y, 3.5 m floors", {"x": [6.0] * 3, "y": [7.5] * 2}),
    ("6-story RC frame, top 2 stories 4.2 m, others 3.3 m, 3 bays of 6 m", {"story_heights_m": [3.3] * 4 + [4.2] * 2}),
    ("6层框架，顶部2层4.2m，其余3.3m，3跨6m", {"story_heights_m": [3.3] * 4 + [4.2] * 2}),
    ("3 stories 12 m tall steel frame, 2 bays of 8 m", {"stories": 3, "h0": 4.0}),  # the building 12 m tall
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, E = 30000 MPa concrete", {"material.elastic_modulus_pa": 30e9}),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, C30, 30 MPa concrete",
     {"material.concrete_grade": "C30", "material.elastic_modulus_pa": 30e9}),
    ("5-story RC frame, height 3.3 m typical, 3 bays of 6 m", {"h0": 3.3}),
    ("5-story RC frame, 3.6 m floors, roof level 18 m, 3 bays of 6 m", {"story_heights_m": [3.6] * 5}),
    ("5-story RC frame with wood-framed partitions, 3.5 m floors", {"system": "rc_frame"}),
    ("5-story steel frame, 4 m floors, cold-formed steel partitions", {"system": "steel_frame"}),
    ("5-story RC frame, 3.5 m floors, confined masonry infill panels", {"system": "rc_frame"}),
    ("6-story steel moment frame, lateral braces at beam bottom flanges, 4 m floors", {"system": "steel_frame"}),
    ("5-story RC frame, 3.5 m floors, materials: C30 concrete, steel", {"system": "rc_frame"}),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, live load q = 2.0", {"seismic.code": "gb50011"}),
    ("5-story RC frame, 12 ft floors, 3 bays of 30 ft, SDS 1.0, SD1 0.6, ground c", {"seismic.code": "asce7"}),
    ("5-story RC frame, height 3.5 m, 3 bays of 6 m", {"story_heights_m": [3.5] * 5}),
    ("5-story RC frame, 3 bays @ 6 m = 18 m, 3.5 m floors", {"x": [6.0] * 3, "h0": 3.5}),
    ("6-story RC frame, 4 m stories 1-3, 3.3 m stories 4-6, 3 bays of 6 m", {"story_heights_m": [4.0] * 3 + [3.3] * 3}),
    ("5-story RC frame, intensity 8, 3 bays of 6 m, 2 m cantilever, 3.5 m floors", {"x": [6.0] * 3, "h0": 3.5}),
    ("3 bays of 6 m, 3.5 m floors, 7 m frame spacing, 5-story RC frame", {"x": [6.0] * 3, "tributary_width_m": 7.0}),
    ("2-story shear building, 3 m stories, m1 = 100 t, m2 = 80 t, k1 = 200 MN/m, k2 = 150 MN/m",
     {"floor_masses_kg": [100e3, 80e3], "story_stiffnesses_n_per_m": [200e6, 150e6]}),
    ("5-story RC frame, 3.3 m floors, spans of 6 m, 7.2 m, 6 m respectively", {"x": [6.0, 7.2, 6.0]}),
    ("5-story RC frame, typical story height 3.6 m and 8 m bays", {"h0": 3.6, "x": [8.0] * 3}),
    ("5-story RC frame, 3.3 m floors, 4 bays @ 7.2 m (both ways)", {"dimensions": 3, "x": [7.2] * 4, "y": [7.2] * 4}),
    ("6-story RC frame, top 2 floors (penthouse) 4.0 m, typical 3.3 m, 3 bays of 6 m",
     {"story_heights_m": [3.3] * 4 + [4.0] * 2}),
    ("6-story RC frame, lower 2 floors retail at 4.5 m, typical 3.3 m, 3 bays of 6 m",
     {"story_heights_m": [4.5] * 2 + [3.3] * 4}),
    ("RC frame, 2 stories, height 3.5 m, 3 bays of 6 m", {"story_heights_m": [3.5] * 2}),
    ("RC frame, 3 stories, height 12 m, 3 bays of 6 m", {"story_heights_m": [4.0] * 3}),
    ("5-story RC frame, total height 14 m, first story 5 m, 3 bays of 6 m", {"story_heights_m": [5.0] + [2.25] * 4}),
    ("5-story RC frame, 3.3 m floors, 3 bays of 6 m, non-load-bearing masonry walls", {"system": "rc_frame"}),
    ("5-story RC frame, 3.3 m floors, 3 bays of 6 m, URM infill panels", {"system": "rc_frame"}),
    ("5层钢框架，层高3.6m，3跨8m，楼梯采用钢支撑", {"system": "steel_frame"}),
    ("5-story RC frame, 12 ft floors, 3 bays of 30 ft, SDS 1.0, SD1 0.6, first group of columns 24x24 in",
     {"seismic.code": "asce7"}),
    ("5-story RC frame, 3.3 m floors, 3 bays of 6 m, intensity 8, q=2.0", {"seismic.code": "gb50011"}),
    ("5-story RC frame, 3.3 m floors, 3 bays of 6 m, dead load 3.75 kN/m2 = 382 kg/m2", {"dead_load_pa": 3750.0}),
    ("5-story steel SMF, 13 ft floors, 3 bays of 30 ft, SDS 1.0, SD1 0.6", {"system": "steel_frame"}),
    ("5层框架，层高3.3m，跨度7.2m共4跨", {"x": [7.2] * 4}),
    ("RC frame, 4 stories, 3 bays of 7 m, 3.5 m typ. story height, intensity 7", {"x": [7.0] * 3, "h0": 3.5}),
    ("RC frame, 3 bays of 6 m, 1.8 m balcony, 5 stories, 3.3 m floors", {"x": [6.0] * 3}),
    ("RC frame, 6 m and 9 m bays, 4 stories, 3.3 m floors", {"x": [6.0, 9.0]}),
    ("5-story RC frame, 3.5 m floors, 6, 8, 6 m spans", {"x": [6.0, 8.0, 6.0]}),
    ("6层框架，其余5层3.3m，首层4.5m，3跨6m", {"stories": 6, "story_heights_m": [4.5] + [3.3] * 5}),
    ("框架结构，上部8层，层高3.3m，3跨6m，7度", {"stories": 8}),
    ("开间3.9m共4跨，进深6m共2跨，4层框架，层高3.3m", {"x": [3.9] * 4, "y": [6.0] * 2}),
    ("1-story shear building, 3 m story, m1 = 100 t, k1 = 50 MN/m",
     {"floor_masses_kg": [100e3], "story_stiffnesses_n_per_m": [50e6]}),
    ("6层框架，层高3.3m，3跨6m，柱600×600（1~3层），500×500（4~6层），8度", {"cols": [(0.6, 0.6, 1, 3), (0.5, 0.5, 4, 6)]}),
    ("3 stories at 4.0 m, 3.6 m and 3.6 m, RC frame, 3 bays of 6 m", {"story_heights_m": [4.0, 3.6, 3.6]}),
    ("6 stories, 3.6 m, 3 bays of 6 m, RC frame", {"stories": 6, "h0": 3.6}),
    ("5-story RC frame, 3 bays of 6 m (E-W) and 2 bays of 5 m (N-S), 3.5 m floors",
     {"dimensions": 3, "x": [6.0] * 3, "y": [5.0] * 2}),
    ("RC frame, 4 stories, story height 3.3 m, bays 6 m (E-W) and 8 m (N-S), 3 bays each",
     {"x": [6.0] * 3, "y": [8.0] * 3}),
    ("RC frame, 5 stories of 3.6 m and 8 m bays, 3 bays", {"h0": 3.6, "x": [8.0] * 3}),
    # a roof's live load is not the floors' (and no code counts it in the seismic mass)
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, roof live load 0.5 kPa, floor live load 3 kPa, intensity 8",
     {"live_load_pa": 3000.0}),
    # a concrete strength by its unit and the word concrete (ACI 318-19 19.2.2.1: Ec = 57,000 sqrt(f'c) psi)
    ("5-story RC frame, 12 ft floors, 3 bays of 30 ft, 5000 psi concrete, SDS 1.0 g, SD1 0.6 g",
     {"material.elastic_modulus_pa": 57000 * math.sqrt(5000) * 6894.757293168}),
    # a lone stress in a concrete frame is its strength, where nothing names it something else (2026-12-04)
    ("3-story RC frame, 5000 psi, 3 bays of 24 ft, 12 ft stories, ASCE 7, SDS 1.0, SD1 0.5",
     {"material.fc_pa": 5000 * 6894.757293168}),
    ("3-story RC frame, 4 ksi, Grade 60 rebar 60 ksi, 3 bays of 24 ft, 12 ft stories, ASCE 7, SDS 1.0, SD1 0.5",
     {"material.fc_pa": 4000 * 6894.757293168}),
    ("5-story RC frame, 3 bays of 6 m, 3.5 m stories, EN 1998, ag = 0.25 g, ground B, 30 MPa", {"material.fc_pa": 30e6}),
    ("5-story RC frame, 3 bays of 6 m, 3.5 m stories, EN 1998, ag = 0.25 g, ground B, E = 30000 MPa",
     {"material.fc_pa": None, "material.elastic_modulus_pa": 30e9}),
    ("3-story RC frame, 4 ksi and 5 ksi, 3 bays of 24 ft, 12 ft stories, ASCE 7, SDS 1.0, SD1 0.5",
     {"material.fc_pa": None}),
    ("3-story steel moment frame, 3 bays of 24 ft, 12 ft stories, 4000 psi slab, ASCE 7, SDS 1.0, SD1 0.5",
     {"material.fc_pa": None}),
    # a plan by its length and width, with the bay counts beside them: the widths follow (2026-12-04)
    ("5-story RC frame, 30 m long (5 bays) by 12 m wide (2 bays), 3.6 m stories, intensity 7",
     {"dimensions": 3, "x": [6.0] * 5, "y": [6.0] * 2}),
    ("5-story RC frame, 12 m wide (2 bays) by 30 m long (5 bays), 3.6 m stories, intensity 7",
     {"dimensions": 3, "x": [6.0] * 5, "y": [6.0] * 2}),
    ("5-story RC frame, 90 ft long (3 bays) x 60 ft wide (2 bays), 12 ft stories, SDS 1.0, SD1 0.5",
     {"x": [9.144] * 3, "y": [9.144] * 2}),
    ("5-story RC frame, 30 m long and 12 m wide with 6 m bays, 3.6 m stories", {"x": [6.0] * 5, "y": [6.0] * 2}),
    ("RC frame, 4 stories, 3.5 m, plan 24 m by 12 m, 4 bays by 2 bays", {"x": [6.0] * 4, "y": [6.0] * 2}),
    ("RC frame, 4 stories, 3.5 m, plan 28 m by 15 m, 4 bays by 2 bays", {"x": [7.0] * 4, "y": [7.5] * 2}),
    ("五层框架,长30米,宽12米,纵向5跨,横向2跨,层高3.6米,8度0.20g", {"x": [6.0] * 5, "y": [6.0] * 2}),
    ("5-story RC frame, 28 m x 15 m plan, 4 x 2 bays, 3.6 m stories", {"x": [7.0] * 4, "y": [7.5] * 2}),
    # lists of lengths each with its unit, floor labels, symbols, loads and site classes as people write them (2026-12-04)
    ("4-story RC frame, 3.4 m stories, 6 m, 3 m, 6 m, 6 m spans", {"x": [6.0, 3.0, 6.0, 6.0]}),
    ("4-story RC frame, 3.4 m stories, 7.2 m, 7.2 m, 9.0 m, 7.2 m bays", {"x": [7.2, 7.2, 9.0, 7.2]}),
    ("3-story RC frame, heights 3.9 m ground and 3.4 m above, 6 m, 3 m, 6 m spans, intensity 8, 0.30 g",
     {"heights": [3.9, 3.4, 3.4], "x": [6.0, 3.0, 6.0]}),
    ("5层框架,1F层高4.5m,2F~5F层高3.6m,3跨6m", {"heights": [4.5] + [3.6] * 4}),
    ("5层框架,1F 4.5m,2F-5F 3.6m,3跨6m", {"heights": [4.5] + [3.6] * 4}),
    ("5-story RC frame, floor heights 1F 4.5 m, 2F-5F 3.6 m, 3 bays of 6 m", {"heights": [4.5] + [3.6] * 4}),
    ("RC frame, 5 levels, L1 4.5 m, L2-L5 3.6 m, 3 bays of 6 m", {"heights": [4.5] + [3.6] * 4}),
    ("3-story RC frame, story height h = 3.5 m, 3 bays of 6 m", {"heights": [3.5] * 3}),
    ("Shear building, 3 stories, h1 = h2 = h3 = 3.5 m, m1 = m2 = m3 = 100 t, k1 = k2 = k3 = 50 MN/m",
     {"heights": [3.5] * 3, "floor_masses_kg": [1e5] * 3}),
    ("2-storey plane RC frame: h1 = 4.0 m, h2 = 3.5 m; single bay of 6 m", {"heights": [4.0, 3.5]}),
    ("3-story RC frame, 3.5 m stories, 3 bays of 6 m, beams b = 300 mm, h = 600 mm, columns 500x500 mm",
     {"sections.beams.0.b_m": 0.3, "sections.beams.0.h_m": 0.6}),
    ("4-story RC frame, 3.5 m stories, 3 bays of 6 m, floor loads 6 kPa dead + 3 kPa live",
     {"dead_load_pa": 6000.0, "live_load_pa": 3000.0}),
    ("4-story RC frame, 3.5 m stories, 3 bays of 6 m, dead and live loads of 6 and 3 kPa",
     {"dead_load_pa": 6000.0, "live_load_pa": 3000.0}),
    ("4-story RC frame, 3.5 m stories, 3 bays of 6 m, imposed load 4 kN/m2, permanent load 6.5 kN/m2",
     {"dead_load_pa": 6500.0, "live_load_pa": 4000.0}),
    ("4-story RC frame, 3.5 m stories, 3 bays of 6 m, loads: D = 6 kPa, L = 2.5 kPa", {"dead_load_pa": 6000.0}),
    ("4-story RC frame, 3.5 m stories, 3 bays of 6 m, gk = 6 kN/m2, qk = 3 kN/m2, Eurocode 8, ag = 0.2 g, ground type B",
     {"dead_load_pa": 6000.0, "live_load_pa": 3000.0}),
    ("5层框架,层高3.6m,3跨6m,楼面荷载:恒载5.5,活载2.0 kN/m2", {"dead_load_pa": 5500.0, "live_load_pa": 2000.0}),
    ("4-story steel frame, 4 m stories, 3 bays of 8 m, intensity 8, 0.2g, 3 percent damping",
     {"seismic.damping_ratio": 0.03}),
    ("3-story RC frame, 3.5 m stories, 3 bays of 6 m, 7-degree zone (0.15g), Class III site, Group 2",
     {"seismic.site_class": "III", "seismic.design_group": 2}),
    ("3-story RC frame, 3.5 m stories, 3 bays of 6 m, intensity 8, 0.2g, site: class III", {"seismic.site_class": "III"}),
    ("3-story RC frame, 3.5 m stories, 3 bays of 6 m, intensity 8, 0.2g, on a class IV site", {"seismic.site_class": "IV"}),
    ("3-story RC frame, 3.5 m stories, 3 bays of 6 m, intensity 8, 0.2g, site classification III",
     {"seismic.site_class": "III"}),
    ("3-story RC frame, 3.5 m stories, 3 bays of 6 m, Eurocode 8, PGA 0.25g, soil class D", {"seismic.ground_type": "D"}),
    ("5-storey RC frame, 3.5 m storeys, 3 bays of 6 m, EN 1998, ag = 0.2 g, ground type B, importance factor 1.2, DCM",
     {"seismic.importance_class": "III"}),
    # sizes before their members, story ranges after them, heights and bays in other orders (2026-12-04)
    ("6-story RC frame, 3.4 m stories, 4 bays of 7 m, 650x650 mm columns in stories 1-3 and 550x550 mm columns in "
     "stories 4-6", {"cols": [(0.65, 0.65, 1, 3), (0.55, 0.55, 4, 6)]}),
    ("6-story RC frame, 3.4 m stories, 4 bays of 7 m, 650 mm square columns in the first 3 stories, 550 mm square "
     "columns above", {"cols": [(0.65, 0.65, 1, 3), (0.55, 0.55, 4, None)]}),
    ("6-story RC frame, 3.4 m stories, 4 bays @ 7 m x 3 bays @ 6 m, columns 650 mm square for the first 3 stories and "
     "550 mm square for stories 4-6, beams 300x600 mm, C35, intensity 8, 0.2g.",
     {"cols": [(0.65, 0.65, 1, 3), (0.55, 0.55, 4, 6)], "heights": [3.4] * 6}),
    ("4-story RC frame, 12 ft stories, 3 bays of 24 ft, 24-in. square columns, 18-in. x 30-in. beams",
     {"x": [7.3152] * 3, "col0": (0.6096, 0.6096), "beam0": (0.4572, 0.762)}),
    ("5层框架,层高3.6m,3跨6m,梁截面宽250mm,高600mm", {"beam0": (0.25, 0.6)}),
    ("5-story RC frame, 3.5 m stories, three 8 m bays in x and two 6 m bays in y", {"x": [8.0] * 3, "y": [6.0] * 2}),
    ("5-story RC frame, 3.5 m stories, X-direction bays 8 m x 4, Y-direction bays 6 m x 2", {"x": [8.0] * 4, "y": [6.0] * 2}),
    ("6-story RC frame, story heights 4.2 m + 5@3.6 m, 3 bays of 6 m", {"heights": [4.2] + [3.6] * 5}),
    ("5-story RC frame, storey heights: ground 4.5 m, typical 3.5 m, 3 bays of 6 m", {"heights": [4.5] + [3.5] * 4}),
    ("5-story RC frame, 4.5 m ground storey then 3.5 m, 3 bays of 6 m", {"heights": [4.5] + [3.5] * 4}),
    ("5-story RC frame, first-story height 4.5 m, 3.5 m elsewhere, 3 bays of 6 m", {"heights": [4.5] + [3.5] * 4}),
    ("5-story RC frame, 4.5 m for the first 2 stories, 3.5 m above, 3 bays of 6 m", {"heights": [4.5] * 2 + [3.5] * 3}),
    ("3层框架,首层层高4.2m,2、3层层高3.6m,双向各3跨,跨度6m,C30,8度,0.2g", {"heights": [4.2, 3.6, 3.6]}),
    ("剪切型框架,2层,一层质量200t,二层质量150t,一层刚度100MN/m,二层刚度80MN/m,层高均为3.5m,7度0.1g",
     {"floor_masses_kg": [2e5, 1.5e5], "story_stiffnesses_n_per_m": [1e8, 8e7]}),
    ("共八层的框架结构,层高3.3m,横向三跨(6.0+2.4+6.0m),平面框架", {"dimensions": 2, "x": [6.0, 2.4, 6.0]}),
    ("4-story steel moment frame, 13 ft stories, 3x3 bays of 25 ft, columns A = 46.7 in2, Ix = 1900 in4, Iy = 748 in4, "
     "beams A = 20 in2, Ix = 1480 in4, SDS = 1.0 g, SD1 = 0.6 g",
     {"col0_props": (46.7 * 0.0254**2, 1900 * 0.0254**4), "sections.columns.0.inertia_weak_m4": 748 * 0.0254**4,
      "beam0_props": (20 * 0.0254**2, 1480 * 0.0254**4)}),
    ("RC frame, ground floor plus 4 upper floors, 3.5 m floors, 3 bays of 6 m, intensity 8, 0.2g", {"stories": 5}),
    ("RC frame office building, a ground floor with two floors above it, 3.2 m floors, 2 bays of 6 m, intensity 8",
     {"stories": 3}),  # read as 2 stories
    # a second probe's phrasings (2026-12-04)
    ("4-story steel frame, 3.6 m stories, 3 bays of 8 m, 8度0.2g, 阻尼比取0.02", {"seismic.damping_ratio": 0.02}),
    ("5层钢框架,层高4.0m,3跨8m,阻尼比取2%,8度0.2g", {"seismic.damping_ratio": 0.02}),
    ("5-storey steel frame, 4 m storeys, 3 bays of 8 m, intensity 8, 0.2g, damping ratio ζ = 0.03",
     {"seismic.damping_ratio": 0.03}),
    ("4-storey RC frame, 3.5 m storeys, 3 bays of 6 m, intensity 8, 0.2g, viscous damping ξ = 4%",
     {"seismic.damping_ratio": 0.04}),
    ("RC frame, Ground + 3 floors, floor height 3.2 m, 3 bays of 5 m, intensity 7, 0.10 g", {"stories": 4}),
    ("4-storey RC frame, 3.5 m storeys, 3 bays of 7.5 m, Dead: 6.0 kN/m²; Imposed: 5.0 kN/m²; EC8, agR = 0.2 g, "
     "ground type C", {"dead_load_pa": 6000.0, "live_load_pa": 5000.0}),
    ("RC frame building, 3 storeys, storey heights 3.6 m, 2 bays of 6 m, superimposed dead load 1.5 kPa, live load 3 kPa, "
     "intensity 7, 0.10g.", {"live_load_pa": 3000.0}),
    ("5-story RC frame, typ. story ht. 13'-4\", 3 bays @ 30' E-W, 2 bays @ 25' N-S, SDS = 0.9, SD1 = 0.5",
     {"heights": [13.3333 * 0.3048] * 5}),  # 13'-4" as 13.3333 ft
    ("4-story RC frame, 12 ft stories, 3 bays of 24 ft, columns 24 in. sq., beams 18 in. x 28 in., SDS = 0.8, SD1 = 0.4",
     {"col0": (0.6096, 0.6096), "beam0": (0.4572, 0.7112)}),
    ("Office building, 4-story steel SMF, 13 ft stories, 3 bays of 30 ft, Occupancy Category III, SDS = 1.0, SD1 = 0.6",
     {"seismic.risk_category": "III"}),
    ("6-story steel SMF, 13 ft stories, 3 bays of 30 ft, SDS 1.5, SD1 0.9, S1 0.75, TL 8 sec",
     {"seismic.s1_g": 0.75, "seismic.tl_s": 8.0}),
    ("6层框架,一、二层层高4.5m,三至六层层高3.6m,3跨7.2m,7度0.1g", {"heights": [4.5] * 2 + [3.6] * 4}),
    ("6层框架,层高:3.6m(1~3层),3.3m(4~6层),3跨6m,8度0.2g", {"heights": [3.6] * 3 + [3.3] * 3}),
    ("6层宿舍楼,框架结构,层高3.3m,开间3.6m,共10开间;进深6.0m+2.4m+6.0m;7度0.10g",
     {"x": [3.6] * 10, "y": [6.0, 2.4, 6.0]}),
    ("7层框架,层高3.3m,柱距8m×8m,X、Y向均为4跨,C35,8度0.3g,II类场地", {"x": [8.0] * 4, "y": [8.0] * 4}),
    ("6层框架,层高3.6m,3跨6m,8度(0.20g),III类,第一组", {"seismic.site_class": "III"}),
    ("Job 1187 - 5-storey RC frame - 3.5 m storeys, 3 bays of 6 m, intensity 7", {"stories": 5, "heights": [3.5] * 5}),
    ("Parking garage, 4 levels at 10'-6\", cast-in-place concrete moment frame, 3 bays of 60 ft x 6 bays of 20 ft, "
     "SDS = 0.9, SD1 = 0.5, live load 40 psf", {"x": [18.288] * 3, "y": [6.096] * 6, "live_load_pa": 40 * 47.880259}),
    ("5-storey RC frame, 3.6 m storeys, irregular bays: 6.0, 7.5, 6.0, 7.5 m in X; 5.0, 8.0 m in Y; intensity 7, 0.1g",
     {"x": [6.0, 7.5, 6.0, 7.5], "y": [5.0, 8.0]}),
    ("5层框架,层高3.6m,3跨6m,楼面恒载5.0kN/m2,屋面恒载7.0kN/m2,8度0.2g", {"dead_load_pa": 5000.0}),
    ("5-storey RC frame, 3.5 m storeys, 3 bays of 6 m, typical floor DL 6 kPa, roof DL 8 kPa, LL 2.5 kPa, intensity 7",
     {"dead_load_pa": 6000.0, "live_load_pa": 2500.0}),
    ("平面框架,5层,层高3.5m,跨度6.0m、6.0m、6.0m,框架间距(负荷宽度)7.5m,7度(0.10g)", {"tributary_width_m": 7.5}),
    ("Shear building, 3 storeys, masses: 1st floor 250 t, 2nd floor 250 t, roof 180 t; storey stiffness 200 MN/m each; "
     "3.5 m storeys", {"floor_masses_kg": [2.5e5, 2.5e5, 1.8e5]}),
    ("shear building, 3 stories, floor masses: level 1 = 250 t, level 2 = 250 t, roof = 180 t, story stiffness 200 MN/m, "
     "3.5 m stories", {"floor_masses_kg": [2.5e5, 2.5e5, 1.8e5]}),
    ("6-story RC frame, 3.6 m floors, 4 bays of 7 m, no setbacks, intensity 8, 0.20g", {"stories": 6}),
    # story heights as a table: its rows give the count and the heights (2026-12-04)
    ("RC moment frame, 3 bays of 24 ft, SDS = 0.9, SD1 = 0.5\nStory | Height\n1 | 15'-0\"\n2 | 13'-0\"\n3 | 13'-0\"",
     {"stories": 3, "heights": [4.572, 3.9624, 3.9624]}),
    ("框架结构,3跨6m\n楼层 | 层高(m)\n1 | 4.5\n2 | 3.9\n3 | 3.6\n4 | 3.6\n抗震设防烈度7度(0.10g)",
     {"stories": 4, "heights": [4.5, 3.9, 3.6, 3.6]}),
    ("4-story RC frame, 3 bays of 6 m, intensity 7 (0.10g)\nStory | Height (m)\n1 | 4.2\n2 | 3.6\n3 | 3.6\n4 | 3.3",
     {"stories": 4, "heights": [4.2, 3.6, 3.6, 3.3]}),
    # ASCE 7's TL without '='
    ("4-story RC frame, 3 bays of 8 m, 4 m stories, ASCE 7, SDS 0.8 SD1 0.4, TL 8 s", {"seismic.tl_s": 8.0}),
    # steel named apart from the frame
    ("5-story special moment frame (SMF), steel, 13 ft stories, 3 bays of 30 ft, SDS 1.0 g, SD1 0.6 g",
     {"system": "steel_frame"}),
    ("5-story frame structure, 4 m floors, W-shape steel columns and beams, 3 bays of 8 m, intensity 8",
     {"system": "steel_frame"}),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, HRB400 steel bars, intensity 8", {"system": "rc_frame"}),
    # bay lists as people write them
    ("5-story RC frame, 3.5 m floors, 2 bays of 6 m and 1 bay of 8 m", {"x": [6.0, 6.0, 8.0]}),
    ("5-story RC frame, 3.5 m floors, 2 bays of 6 m and 1 bay of 8 m in x, 2 bays of 6 m in y",
     {"dimensions": 3, "x": [6.0, 6.0, 8.0], "y": [6.0, 6.0]}),
    ("5-story RC frame, 3.5 m floors, 6-8-6 m spans", {"x": [6.0, 8.0, 6.0]}),
    ("5-story RC frame, 3.5 m floors, bays 6 m + 2.4 m (corridor) + 6 m", {"x": [6.0, 2.4, 6.0]}),
    ("5层框架，层高3.5m，X向跨度依次为6m、8m、6m", {"x": [6.0, 8.0, 6.0]}),
    ("5-story RC frame, 3.5 m floors, 3 @ 8.0 m in X, 2 @ 6.0 m in Y", {"dimensions": 3, "x": [8.0] * 3, "y": [6.0] * 2}),
    # a system denied is not the system
    ("5-story RC moment frame, 3.5 m floors, 3 bays of 6 m, no shear walls", {"system": "rc_frame"}),
    ("5层纯框架，层高3.5m，无剪力墙，3跨6m", {"system": "rc_frame"}),
    ("5-story steel moment frame without bracing, 4 m floors, 3 bays of 8 m", {"system": "steel_frame"}),
    # EN 1998's behaviour factor as given, or by the ductility class given (DCL: 1.5); a live load q is not it
    ("6-storey RC frame, 3.2 m storeys, 3 bays of 8 m, Eurocode 8, agR 0.25 g, ground type C, q = 3.0",
     {"seismic.behaviour_factor_q": 3.0}),
    ("4-story steel frame, 4 m floors, 3 bays of 8 m, EN 1998, ag 0.2 g, ground type B, behaviour factor 6.5",
     {"seismic.behaviour_factor_q": 6.5}),
    ("6-storey RC frame, 3.2 m storeys, 3 bays of 8 m, Eurocode 8, agR 0.1 g, ground type C, DCL",
     {"seismic.ductility_class": "DCL", "seismic.behaviour_factor_q": 1.5}),
    ("6-storey RC frame, 3.2 m storeys, 3 bays of 8 m, Eurocode 8, agR 0.25 g, ground type C, live load q = 2 kPa",
     {"seismic.behaviour_factor_q": 3.9, "live_load_pa": 2000.0}),
    # infill is left out of a bare-frame model (the period reduction coefficient stands for it), "unbraced" is a
    # moment frame: neither is refused as another system
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, masonry infill", {"system": "rc_frame"}),
    ("5层钢筋混凝土框架，层高3.5米，砌体填充墙，8度", {"system": "rc_frame", "stories": 5}),
    ("5-story unbraced steel moment frame, 4 m floors, 3 bays of 8 m", {"system": "steel_frame"}),
    # a first story and the rest named by a bare word, a lobby as the first story, lengths said in Chinese
    ("5-story RC frame, story heights 14 ft first and 12 ft above, 3 bays of 30 ft, ASCE 7, SDS 1.0, SD1 0.6",
     {"story_heights_m": [14 * FT] + [12 * FT] * 4}),
    ("6-story RC frame, lobby 5.0 m, typical floors 3.3 m, 3x2 bays of 6 m, intensity 8, 0.20g",
     {"story_heights_m": [5.0] + [3.3] * 5}),
    ("6-story RC frame, 5.0 m lobby, typical floors 3.3 m, 3 bays of 6 m, intensity 8", {"h0": 5.0, "h1": 3.3}),
    ("四层框架，层高四米五，3跨，跨度6米，8度0.2g", {"story_heights_m": [4.5] * 4}),
    ("四层框架，层高三点六米，3跨，跨度6米，8度0.2g", {"story_heights_m": [3.6] * 4}),
    ("四层框架，首层层高4米5，其余三米六，3跨，跨度六米，8度0.2g", {"story_heights_m": [4.5, 3.6, 3.6, 3.6], "x": [6.0] * 3}),
    ("四层框架，层高3.6米，6跨，8度0.2g", {"x": [6.0] * 6}),  # 3.6米 and 6跨 stay apart
    # one length for the clause before: every bay, or every story
    ("5-story RC frame, 4 bays in X and 3 bays in Y, all 8 m, 3.6 m floors, intensity 7", {"x": [8.0] * 4, "y": [8.0] * 3}),
    ("5-story RC frame, 3.6 m floors, 3 bays, 8 m each, intensity 7", {"x": [8.0] * 3}),
    ("5 stories, each 3.6 m, RC frame, 3 bays of 6 m, intensity 7", {"story_heights_m": [3.6] * 5}),
    # a US height after "floor" / "story" is no story number ("floor 16 ft" is not floor 1 at 6 ft)
    ("6-story RC frame, typical floor 16 ft, 3 bays of 30 ft, SDS 1.0, SD1 0.6", {"story_heights_m": [16 * FT] * 6}),
    ("4-story RC frame, each floor 15 ft high, 3 bays at 25 ft", {"story_heights_m": [15 * FT] * 4}),
    ("4-story frame, story 1 14 ft, others 12 ft, 3 bays of 30 ft", {"story_heights_m": [14 * FT] + [12 * FT] * 3}),
    # loads without the word "load", and the word after the value
    ("4-story RC frame, 3.5 m floors, 3 bays of 6 m, dead 85 psf, live 50 psf",
     {"dead_load_pa": 85 * PSF, "live_load_pa": 50 * PSF}),
    ("4-story RC frame, 3.5 m floors, 3 bays of 6 m, loads: dead 6.5 kN/m2, live 2.0 kN/m2",
     {"dead_load_pa": 6500.0, "live_load_pa": 2000.0}),
    ("4-story RC frame, 3.5 m floors, 3 bays of 6 m, 7 kPa dead, 3 kPa live", {"dead_load_pa": 7000.0, "live_load_pa": 3000.0}),
    # a count, then each story's height
    ("3D RC frame: 4 stories, 3.6 m each; X: 3 bays of 6 m; Y: 2 bays of 5 m; intensity 8, 0.2g",
     {"story_heights_m": [3.6] * 4, "y": [5.0, 5.0]}),
    ("RC frame, 4 storeys (3.5 m each), 3 bays (6 m, 8 m, 6 m)", {"story_heights_m": [3.5] * 4, "x": [6.0, 8.0, 6.0]}),
    ("steel frame 4 stories 14 ft, 3 bays of 30 ft", {"story_heights_m": [14 * FT] * 4}),
    ("RC frame, 5 stories, 3.4 m, 4 and 2 bays of 7 m in x and y", {"story_heights_m": [3.4] * 5, "y": [7.0, 7.0]}),
    ("混凝土框架，6层，每层3.6米，3跨6米", {"story_heights_m": [3.6] * 6}),
    # bays per axis as a count times a width, and compass axes without parentheses
    ("RC frame, 7 floors, 3.2 m floors, 6 bays x 7.2 m along X, 2 bays x 6.0 m along Y", {"x": [7.2] * 6, "y": [6.0] * 2}),
    ("6 stories, 4 bays 8.4 m in X, 3 bays 8.4 m in Y, 3.6 m floors", {"x": [8.4] * 4, "y": [8.4] * 3}),
    ("5-story RC frame, 3.5 m floors, 4 bays x 7.2 m", {"x": [7.2] * 4}),
    ("6-storey RC frame, 4 bays @ 8 m in x, 3 @ 7 m in y, storey height 3.5 m", {"x": [8.0] * 4, "y": [7.0] * 3}),
    ("4 stories, 12 ft floors, 4 bays of 30' E-W, 3 bays of 25' N-S", {"x": [30 * FT] * 4, "y": [25 * FT] * 3}),
    ("4 stories, 12 ft floors, 2 bays of 22 ft in the N-S direction and 3 bays of 22 ft in the E-W direction",
     {"x": [22 * FT] * 3, "y": [22 * FT] * 2}),
    # Chinese stories by their number ("二层4.5m" is story 2, not a 2-story count), and the stories from one up
    ("地上九层框架，首层5.1m，二层4.5m，三至九层3.6m，3跨6m", {"stories": 9, "story_heights_m": [5.1, 4.5] + [3.6] * 7}),
    ("8层框架，层高：1层4.8m，2~8层3.6m，3跨6m", {"stories": 8, "story_heights_m": [4.8] + [3.6] * 7}),
    ("6层框架，首层层高4.5米，二层以上层高3.6米，3跨6m", {"stories": 6, "story_heights_m": [4.5] + [3.6] * 5}),
    ("6层框架，首层4.5米，3层以上3.3米，2层3.9米，3跨6m", {"story_heights_m": [4.5, 3.9] + [3.3] * 4}),
    # sizes by story range in clauses of their own, the member named once
    ("6层框架，层高3.6m，3跨6m，柱截面：1~3层650×650，4~6层550×550",
     {"cols": [(0.65, 0.65, 1, 3), (0.55, 0.55, 4, 6)]}),
    ("6层框架，层高3.6m，3跨6m，柱截面1~3层600×600、4~6层500×500", {"cols": [(0.6, 0.6, 1, 3), (0.5, 0.5, 4, 6)]}),
    ("5-storey RC frame, 3.5 m storeys, columns: 600x600 (1-3F), 500x500 (4-5F), beams 300x600, 3 bays of 6 m",
     {"cols": [(0.6, 0.6, 1, 3), (0.5, 0.5, 4, 5)], "beam0": (0.3, 0.6)}),
    # steel shapes by story range, like rectangles; and "the first 3 stories" / "底部三层" as a range
    ("12-storey steel MRF, 3.8 m storeys, 5 bays of 9 m, columns box 600x600x30 mm (storeys 1-6), box 500x500x25 mm "
     "(storeys 7-12), beams H700x300x13x24 mm, agR = 0.2 g, ground type C",
     {"cols_a": [(0.6**2 - 0.54**2, 1, 6), (0.5**2 - 0.45**2, 7, 12)]}),
    ("8-storey steel frame, storey height 3.6 m, 4 bays of 8 m, columns H500x500x16x25 for storeys 1-4 and H400x400x13x21 "
     "for storeys 5-8, beams H550x200x10x16", {"cols_a": [(2 * 0.5 * 0.025 + 0.45 * 0.016, 1, 4),
                                                           (2 * 0.4 * 0.021 + 0.358 * 0.013, 5, 8)]}),
    ("7层钢框架，层高3.6m，3跨8m，柱：1~4层□550×550×28，5~7层□450×450×22，梁H500x200x10x16",
     {"cols_a": [(0.55**2 - 0.494**2, 1, 4), (0.45**2 - 0.406**2, 5, 7)]}),
    ("6-story RC frame, 3.5 m floors, 3 bays of 6 m, columns 500x500 mm for the first 3 stories and 400x400 mm above",
     {"cols": [(0.5, 0.5, 1, 3), (0.4, 0.4, 4, None)]}),
    ("6层框架，层高3.6m，3跨6m，柱：底部三层600×600，其余500×500", {"cols": [(0.6, 0.6, 1, 3), (0.5, 0.5, 4, None)]}),
    # Chinese counts said as words (单跨, 跨数4, 层数6, 纵横向均为4跨), a plan with a unit before its 'x'
    ("两层框架，一层层高4.5米，二层层高3.9米，单跨，跨度9米", {"x": [9.0], "story_heights_m": [4.5, 3.9]}),
    ("框架，5层，层高3.6m，纵向跨数4，横向跨数3，跨度6m", {"x": [6.0] * 4, "y": [6.0] * 3}),
    ("框架，层数6，层高3.6m，4跨6m", {"stories": 6}),
    ("5层框架，层高3.6m，纵横向均为4跨，跨度6m", {"x": [6.0] * 4, "y": [6.0] * 4}),
    ("某框架结构，共5层，层高3.6米，底层4.2米，平面尺寸36m×18m，柱距6m", {"x": [6.0] * 6, "y": [6.0] * 3}),
    ("框架结构，地上5层，层高均为3.6m，平面尺寸为48m×18m，纵向柱距8m，横向柱距6m", {"x": [8.0] * 6, "y": [6.0] * 3}),
    # Chinese widths then counts in clauses of their own, a list after an axis's count, the axis before a count x width
    ("一栋4层框架办公楼，层高3.9m，纵向跨度7.5m，共6跨，横向跨度6.9m，共2跨，8度，0.2g", {"x": [7.5] * 6, "y": [6.9] * 2}),
    ("框架结构，地上7层，层高3.6m，x向跨度8m，4跨，y向跨度6m，3跨", {"x": [8.0] * 4, "y": [6.0] * 3}),
    ("4层框架，底层层高3.9m，其余层高3.6m，纵向柱距7.8m，共8跨，横向3跨，跨度分别为7.2m、3.0m、7.2m，7度（0.10g）",
     {"x": [7.8] * 8, "y": [7.2, 3.0, 7.2]}),
    ("钢筋混凝土框架，4层，层高3.9m，x向8跨8.1m，y向3跨，跨度依次为7.2m、2.7m、7.2m", {"x": [8.1] * 8, "y": [7.2, 2.7, 7.2]}),
    ("框架结构，6层，层高为3.6m，跨度：x向3×8m，y向2×6m", {"x": [8.0] * 3, "y": [6.0] * 2}),
    # story heights as engineers write them: exceptions, lists before the noun, ordinals, units in parentheses
    ("A 3-storey, 2-bay RC frame, bays 5 m and 7 m, storeys 3.5 m", {"story_heights_m": [3.5] * 3, "x": [5.0, 7.0]}),
    ("5-story RC frame, story height 3.5 m (4.5 m at the ground floor), 3 bays of 6 m", {"story_heights_m": [4.5] + [3.5] * 4}),
    ("Six-storey RC frame, storey height 3.4 m except the ground storey which is 4.6 m, 3 bays of 6.6 m",
     {"story_heights_m": [4.6] + [3.4] * 5}),
    ("RC frame, 6 storeys, storey heights 4.5 m + 5 x 3.3 m, 3 bays of 6 m", {"story_heights_m": [4.5] + [3.3] * 5}),
    ("6 story RC frame with 13 ft stories except the first at 16 ft, 4 bays x 25 ft, SDS = 1.5, SD1 = 0.9",
     {"story_heights_m": [16 * FT] + [13 * FT] * 5, "x": [25 * FT] * 4}),
    ("2-story RC frame, 14 ft and 12 ft stories, 3 bays of 20 ft, SDS 0.4, SD1 0.2", {"story_heights_m": [14 * FT, 12 * FT]}),
    ("4-story intermediate steel moment frame, floors 13.5 ft, 3 bays of 28 ft, SDS 0.35, SD1 0.15",
     {"story_heights_m": [13.5 * FT] * 4}),
    ("6-story RC frame building 78 ft tall, 6 bays of 22 ft, SDS=0.6, SD1=0.3", {"story_heights_m": [13 * FT] * 6}),
    ("6-story steel frame, 14 ft/12 ft stories (first/typical), 4 bays of 30 ft, SDS 1.0, SD1 0.6",
     {"story_heights_m": [14 * FT] + [12 * FT] * 5}),
    ("2-story steel frame, 16 ft first story, 14 ft second story, 1 bay of 40 ft, SDS 0.4, SD1 0.2",
     {"story_heights_m": [16 * FT, 14 * FT]}),
    ("7-storey RC frame, storey heights (m): 4.5, 3.6, 3.6, 3.6, 3.6, 3.6, 3.6, 3 bays of 6 m",
     {"story_heights_m": [4.5] + [3.6] * 6}),
    ("6-story RC frame, story heights 4.5 m (1st) and 3.6 m (2nd to 6th), 3 bays of 6 m", {"story_heights_m": [4.5] + [3.6] * 5}),
    ("4-story RC frame, story heights: 1st 4.2 m, 2nd-4th 3.6 m, 3 bays of 6 m", {"story_heights_m": [4.2] + [3.6] * 3}),
    ("4-story shear building: floor masses (t) 250, 250, 250, 200; story stiffnesses (MN/m) 400, 350, 300, 250; story "
     "height 3.4 m", {"floor_masses_kg": [250e3] * 3 + [200e3], "story_stiffnesses_n_per_m": [400e6, 350e6, 300e6, 250e6]}),
    ("10-story concrete moment frame, floor-to-floor 12'-6\", ground floor 16', 5 bays of 28' in each direction, columns "
     "30\"x30\", beams 24\"x36\", f'c 6000 psi, SDS=1.2g, SD1=0.72g",
     {"story_heights_m": [16 * FT] + [12.5 * FT] * 9, "col0": (30 * IN, 30 * IN), "beam0": (24 * IN, 36 * IN)}),
    # bays in groups said as counts of widths, a size and its range in a clause of its own, a strength before 'concrete'
    ("3-storey RC frame, 3.3 m storeys, two 6 m bays and one 3 m bay", {"x": [6.0, 6.0, 3.0]}),
    ("RC frame, 3 stories, 3 m, bays 2@6 m + 1@8 m", {"x": [6.0, 6.0, 8.0]}),
    ("RC frame, 7 floors, 3.2 m floors, 6 bays of 7.2 m, columns 700x700 stories 1-3, 600x600 stories 4-7, beams 350x700",
     {"cols": [(0.7, 0.7, 1, 3), (0.6, 0.6, 4, 7)]}),
    ("4-story RC frame, 3.5 m stories, 2 bays of 6 m, 30 MPa concrete", {"material.fc_pa": 30e6}),
    # more plan and bay forms, shear buildings by DOF and by weights, a pipe by 'dia x wall', a member by width and depth
    ("10-story steel SMF, story heights: level 1 18 ft, levels 2-10 13 ft; 6 bays at 30 ft; SDS 1.2 g, SD1 0.7 g",
     {"story_heights_m": [18 * FT] + [13 * FT] * 9}),
    ("4-story RC frame, 12 ft stories, 3 bays of 20 ft, plan 60 ft by 40 ft, SDS 0.6, SD1 0.3", {"y": [20 * FT] * 2}),
    ("RC frame, 4 stories, 3.5 m, plan 24 m by 12 m, 4 bays by 2 bays", {"x": [6.0] * 4, "y": [6.0] * 2}),
    ("RC frame, 5 floors, 3.2 m, 4 bays of 6 m, 2 bays of 6 m in the other direction", {"x": [6.0] * 4, "y": [6.0] * 2}),
    ("2-DOF shear building: m1 = 0.5 kip-s2/in, m2 = 0.25 kip-s2/in, k1 = 150 kip/in, k2 = 75 kip/in, 12 ft stories",
     {"stories": 2, "story_stiffnesses_n_per_m": [150 * KIP_PER_IN, 75 * KIP_PER_IN]}),
    ("2-story shear building, W1 = 500 kips, W2 = 300 kips, k1 = 200 kips/in, k2 = 150 kips/in, 12 ft stories, SDS 0.8, SD1 0.4",
     {"floor_masses_kg": [500 * 4448.2216152605 / 9.80665, 300 * 4448.2216152605 / 9.80665]}),
    ("steel SMRF, 5 stories, 4 m, 3 bays 8 m, pipe columns 450 mm dia x 20 mm wall, H500x250x10x16 beams, SDS 1.0, SD1 0.5",
     {"col0_area": math.pi / 4 * (0.45**2 - 0.41**2)}),
    ("RC frame, beam depth 600 mm, beam width 300 mm, columns 500x500 mm, 4 stories, 3.5 m, 3 bays of 6 m",
     {"beam0": (0.3, 0.6), "col0": (0.5, 0.5)}),
    # a second probe's phrasings: design-report Chinese, sizes with mm by range, heights marked in parentheses, full stops
    ("5层框架，首层层高4.5m，标准层层高3.3m，顶层层高3.9m，3跨6m", {"story_heights_m": [4.5, 3.3, 3.3, 3.3, 3.9]}),
    ("6层框架，层高3.6m，3跨6m，柱截面：1~2层550mm×550mm，3~6层450mm×450mm",
     {"story_heights_m": [3.6] * 6, "cols": [(0.55, 0.55, 1, 2), (0.45, 0.45, 3, 6)]}),
    ("6-storey RC frame, storey heights 4.5 m (ground) and 3.3 m (above), 3 bays of 6 m", {"story_heights_m": [4.5] + [3.3] * 5}),
    ("6-story RC frame, 4.2 m (floor 1), 3.6 m (floors 2-5), 4.0 m (floor 6), 3 bays of 6 m",
     {"story_heights_m": [4.2] + [3.6] * 4 + [4.0]}),
    ("RC frame, 4 storeys, 3.5 m, 3 bays of 6 m. Columns 650x650, beams 300x650. Concrete C40. Intensity 8 (0.20g).",
     {"material.concrete_grade": "C40", "col0": (0.65, 0.65)}),
    ("RC frame, 6 storeys at 3.2 m, 4 bays of 6 m, Eurocode 8, agR 0.25 g, ground type C, q = 3.0.",
     {"seismic.behaviour_factor_q": 3.0}),
    ("12层框架，首层4.5m，2~11层层高3.3m，顶层3.6m，3跨6m", {"story_heights_m": [4.5] + [3.3] * 10 + [3.6]}),
    ("5层框架，底层高4.8米，其余3.6米，3跨6m", {"story_heights_m": [4.8] + [3.6] * 4}),
    ("4-story steel office building, SMF, 13 ft stories, 3 bays of 30 ft, box columns 16x16x1 in, beams H24x9x0.5x0.75 in, "
     "SDS 1.0, SD1 0.6", {"system": "steel_frame"}),
    ("single-storey steel portal frame, height 6 m, 1 bay of 20 m", {"system": "steel_frame", "story_heights_m": [6.0]}),
    ("6层钢框架，层高4m，3跨8m，梁采用H形截面500×200×10×16，柱箱形400x400x20", {"beam0_area": 2 * 0.2 * 0.016 + 0.468 * 0.01}),
    ("3层剪切型结构，层高3m，重力荷载代表值G1=G2=1200kN，G3=800kN，层间刚度k1=k2=k3=2e5kN/m，8度",
     {"floor_masses_kg": [1200e3 / 9.80665] * 2 + [800e3 / 9.80665]}),
    ("2层剪切型结构，层高3m，m1=60t、m2=50t，k1=k2=3e4kN/m", {"floor_masses_kg": [60e3, 50e3]}),
    # hollow sections named once for sizes by range; "up to storey 3", "2层及以下", bare ranges, "in storeys"
    ("6-storey steel frame, 3.6 m storeys, 3 bays of 8 m, box columns 400x400x25 for storeys 1-3 and 350x350x20 for "
     "storeys 4-6, beams H500x200x10x16", {"cols_a": [(0.4**2 - 0.35**2, 1, 3), (0.35**2 - 0.31**2, 4, 6)]}),
    ("4-storey steel frame, 3.6 m storeys, 3 bays of 8 m, columns are welded boxes, 450x450x25 in storeys 1-2 and "
     "400x400x20 in storeys 3-4, beams H500x200x10x16", {"cols_a": [(0.45**2 - 0.4**2, 1, 2), (0.4**2 - 0.36**2, 3, 4)]}),
    ("6层钢框架，层高3.6m，3跨8m，框架柱采用焊接箱形截面，1~3层450×450×22，4~6层400×400×18，梁H500x200x10x16",
     {"cols_a": [(0.45**2 - 0.406**2, 1, 3), (0.4**2 - 0.364**2, 4, 6)]}),
    ("6层钢框架，层高3.6m，3跨8m，柱采用圆钢管，1~3层500×20，4~6层450×16，梁H500x200x10x16",
     {"cols_a": [(math.pi / 4 * (0.5**2 - 0.46**2), 1, 3), (math.pi / 4 * (0.45**2 - 0.418**2), 4, 6)]}),
    ("6-story RC frame, 3.5 m floors, 3 bays of 6 m, columns 700x700 up to storey 3 and 600x600 above",
     {"cols": [(0.7, 0.7, 1, 3), (0.6, 0.6, 4, None)]}),
    ("6层框架，层高3.6m，3跨6m，柱截面：2层及以下600×600，3层及以上500×500", {"cols": [(0.6, 0.6, 1, 2), (0.5, 0.5, 3, None)]}),
    ("14-story RC frame, 3.3 m floors, 3 bays of 6 m, columns 950x950 (1-5), 850x850 (6-10), 750x750 (11-14)",
     {"cols": [(0.95, 0.95, 1, 5), (0.85, 0.85, 6, 10), (0.75, 0.75, 11, 14)]}),
    ("10-story RC frame, 3.3 m floors, 3 bays of 6 m, columns 1000x1000 in storeys 1-7, 900x900 in storeys 8-10",
     {"story_heights_m": [3.3] * 10, "cols": [(1.0, 1.0, 1, 7), (0.9, 0.9, 8, 10)]}),
    ("4-story RC frame, 12 ft stories, 3 bays of 24 ft, columns 20x20 in stories 1-2 and 18x18 in stories 3-4, beams 16x24 in",
     {"cols": [(20 * IN, 20 * IN, 1, 2), (18 * IN, 18 * IN, 3, 4)]}),
    # bays by axis as counts times widths, X by Y, both ways in Chinese; heights as bare lists
    ("某五层框架，底层层高4.5m，2~5层层高3.3m，X向4跨×6m，Y向2跨×7.5m，7度（0.10g）", {"x": [6.0] * 4, "y": [7.5] * 2}),
    ("框架结构，地上9层，层高3.4m，纵向7跨×7.8m，横向3跨×8.1m，7度", {"x": [7.8] * 7, "y": [8.1] * 3}),
    ("地上11层钢筋混凝土框架，底层高4.8米，其余各层层高3.2米，纵横向柱距均为7.5米，纵向6跨，横向4跨，8度（0.20g）",
     {"x": [7.5] * 6, "y": [7.5] * 4}),
    ("钢框架，地上10层，层高3.8m（首层4.5m），X、Y向均为4跨，跨度8m", {"x": [8.0] * 4, "y": [8.0] * 4, "h0": 4.5}),
    ("某5层钢筋混凝土框架，层高均为3.6m，X向为4跨，跨度6m，Y向为3跨，跨度5.4m", {"x": [6.0] * 4, "y": [5.4] * 3}),
    ("8-storey RC frame, storey height 3.4 m, 4 x 6.5 m bays in X, 3 x 6.5 m bays in Y", {"x": [6.5] * 4, "y": [6.5] * 3}),
    ("8-storey office, floor-to-floor 3.75 m, 5 x 7.2 m bays longitudinally and 3 x 6.6 m transversely",
     {"x": [7.2] * 5, "y": [6.6] * 3}),
    ("5 storeys, storey height 3.9 m, 6 bays of 7.2 m by 2 bays of 9 m", {"x": [7.2] * 6, "y": [9.0] * 2}),
    ("20-story steel frame, 13 ft stories, 6 bays x 30 ft by 4 bays x 30 ft", {"x": [30 * FT] * 6, "y": [30 * FT] * 4}),
    ("A 7-story RC moment frame. Story heights: 15 ft, 12 ft, 12 ft, 12 ft, 12 ft, 12 ft, 12 ft. Bays: 5 @ 24 ft (long "
     "direction), 3 @ 24 ft (short direction).", {"story_heights_m": [15 * FT] + [12 * FT] * 6, "y": [24 * FT] * 3}),
    ("6-storey steel MRF, 3.5 m storeys, 4 bays of 6 m in X, 3 of 6 m in Y", {"x": [6.0] * 4, "y": [6.0] * 3}),
    ("RC frame with 4 storeys above ground, heights 4.5 / 3.6 / 3.6 / 3.6 m, 4 bays of 6 m", {"story_heights_m": [4.5] + [3.6] * 3}),
    ("Steel frame, 4 storeys (4.0 m, 3.5 m, 3.5 m, 3.5 m), 2 bays of 12 m", {"story_heights_m": [4.0] + [3.5] * 3}),
    ("Three-story steel SMF (2D), bays 25 ft, 25 ft, 25 ft; stories 15 ft, 13 ft, 13 ft; SDS 0.75, SD1 0.4",
     {"story_heights_m": [15 * FT, 13 * FT, 13 * FT], "x": [25 * FT] * 3}),
    ("6 storey steel MRF; 4 spans of 7.2 m along X; ground floor 4.2 m and 3.2 m above.", {"story_heights_m": [4.2] + [3.2] * 5}),
    ("某12层框架结构，框架柱截面第1~5层为600mm×600mm，第6~12层为500mm×500mm，框架梁截面300mm×700mm，层高3.2m（首层4.5m），7度",
     {"cols": [(0.6, 0.6, 1, 5), (0.5, 0.5, 6, 12)], "h0": 4.5}),
    ("某教学楼，五层钢筋混凝土框架结构，底层层高3.9m（室内地面至二层楼面），其余层高3.6m，横向三跨：7.2m、2.7m、7.2m，纵向九跨，柱距4.5m",
     {"stories": 5, "story_heights_m": [3.9] + [3.6] * 4}),
    ("15-story RC frame, 3.3 m typical floors, first two floors 4.5 m, plan 40 m x 24 m with 8 m column spacing in both "
     "directions, columns 900x900 (1-5), 800x800 (6-10), 700x700 (11-15), beams 450x800",
     {"x": [8.0] * 5, "y": [8.0] * 3, "cols": [(0.9, 0.9, 1, 5), (0.8, 0.8, 6, 10), (0.7, 0.7, 11, 15)]}),
    ("A 20-storey RC frame, uniform storey height 3.2 m, 6x4 bays of 7 m, columns 1000x1000 in storeys 1-7, 900x900 in 8-14, "
     "800x800 in 15-20, beams 500x900", {"cols": [(1.0, 1.0, 1, 7), (0.9, 0.9, 8, 14), (0.8, 0.8, 15, 20)]}),
    ("11-storey RC frame, 3.6 m storeys, bays 7.5, 7.5, 7.5, 7.5 m in X and 3 x 6.5 m in Y", {"x": [7.5] * 4, "y": [6.5] * 3}),
    ("12 storey concrete frame; 3.3 m storeys; bays 6, 8, 6 m in X and 2 x 7 m in Y", {"x": [6.0, 8.0, 6.0], "y": [7.0] * 2}),
    ("10-story steel SMF, 24 ft x 32 ft bays, 3 in X and 2 in Y, 12.5 ft floor-to-floor", {"x": [24 * FT] * 3, "y": [32 * FT] * 2}),
    ("A 10-story steel frame; plan 22.5 m x 14 m on a 7.5 m x 7 m column grid; 3.5 m storeys", {"x": [7.5] * 3, "y": [7.0] * 2}),
    ("9-story steel moment frame, stories 1-3 at 4.5 m and 4-9 at 3.8 m, 4 spans of 8 m in X",
     {"story_heights_m": [4.5] * 3 + [3.8] * 6}),
    ("6-storey steel MRF, storey height 3.5 m (ground 4.0 m), 4 bays of 6 m in X, 3 of 6 m in Y",
     {"story_heights_m": [4.0] + [3.5] * 5}),
    ("10-story steel SMF, 13 ft stories (first 17 ft), 6 bays at 20 ft N-S and 3 bays at 30 ft E-W, SDS=1.5g, SD1=0.9g",
     {"story_heights_m": [17 * FT] + [13 * FT] * 9, "x": [30 * FT] * 3, "y": [20 * FT] * 6}),
    ("Office building, 5 storeys, RC frame, storey height 3.9 m except the top storey, which is 4.5 m; 6 bays of 7.2 m",
     {"story_heights_m": [3.9] * 4 + [4.5]}),
    ("2-storey plane RC frame: h1 = 4.0 m, h2 = 3.5 m; single bay of 6 m", {"story_heights_m": [4.0, 3.5], "x": [6.0]}),
    # seismic inputs as people write them
    ("RC frame, 6 storeys, 3.5 m, 3 bays of 6 m, GB 50011, 8 degrees, 0.20 g, site category II, 2nd group",
     {"seismic.design_group": 2}),
    ("RC frame, 10 stories, 3.5 m, 4 bays of 8 m, intensity 8, 0.3g, site soil class III, 3rd group",
     {"seismic.design_group": 3, "seismic.site_class": "III"}),
    ("5-story steel frame, 12 ft stories, 4 bays of 25 ft, SDS 0.9, SD1 0.5, risk cat. III", {"seismic.risk_category": "III"}),
    ("EC8 design, RC frame, 8 storeys, 3.2 m storeys, 5 bays of 6 m, ag,R = 0.2g, ground type A, importance class III",
     {"seismic.code": "en1998", "seismic.reference_pga_g": 0.2, "seismic.importance_class": "III"}),
    ("RC frame, Eurocode 8, 5 storeys at 3.3 m, 3 bays at 6 m, a_gR = 0.25 g, gamma_I = 1.2, ground type B",
     {"seismic.importance_class": "III", "seismic.pga_g": 0.3}),
    # US abbreviations: in., ft., the inch mark
    ("3-story RC frame, 12 ft stories, bays 3 @ 25 ft, columns 22 in. x 22 in., beams 16 in. x 26 in., SDS 0.6, SD1 0.3",
     {"col0": (22 * IN, 22 * IN), "beam0": (16 * IN, 26 * IN)}),
    ("4-story RC frame, 12 ft story height, 3 bays 24 ft, 24\" square columns, 18\"x30\" beams, SDS 0.6, SD1 0.3",
     {"x": [24 * FT] * 3, "col0": (24 * IN, 24 * IN), "beam0": (18 * IN, 30 * IN)}),
    ("4-story RC frame, 12 ft. stories, 3 bays of 24 ft., 20 in. square columns, SDS 0.6, SD1 0.3",
     {"story_heights_m": [12 * FT] * 4, "x": [24 * FT] * 3, "col0": (20 * IN, 20 * IN)}),
    # I shapes with plates in inch fractions, named after their plates, or welded H in Chinese
    ("6-story steel frame, 12 ft floors and 15 ft ground floor, 3 bays of 30 ft, columns box 16x16x0.75 in, beams "
     "H24x9x1/2x3/4 in", {"beam0_area": (2 * 9 * 0.75 + 22.5 * 0.5) * IN**2, "h0": 15 * FT}),
    ("Steel frame, 7 storeys, 3.6 m, 4 bays @ 7.5 m, columns 400x400x20 box, beams 500x200x10x16 I-section",
     {"beam0_area": 2 * 0.2 * 0.016 + 0.468 * 0.01, "col0_area": 0.4**2 - 0.36**2}),
    ("钢框架，6层，层高4m，x向4跨，y向3跨，柱距9m，柱箱形500x500x25，梁焊接H形600x250x12x20，7度0.15g",
     {"beam0_area": 2 * 0.25 * 0.02 + 0.56 * 0.012}),
    # hollow steel sections by their walls (not as solid b x h): A = b h - (b - 2t)(h - 2t), I = (b h^3 - ...)/12
    ("4-story steel frame, box columns 400x400x20 mm, beams H500x200x10x16 mm, 3 bays of 8 m, 4 m floors, intensity 8",
     {"col0_props": (0.4**2 - 0.36**2, (0.4**4 - 0.36**4) / 12), "col0": (None, None)}),
    ("4-story steel frame, 400x400x20 mm box columns, beams H500x200x10x16 mm, 3 bays of 8 m, 4 m floors, intensity 8",
     {"col0_props": (0.4**2 - 0.36**2, (0.4**4 - 0.36**4) / 12)}),
    ("4-story steel frame, columns box 400x20 mm, beams H500x200x10x16, 3 bays of 8 m, 4 m floors, intensity 8",
     {"col0_props": (0.4**2 - 0.36**2, (0.4**4 - 0.36**4) / 12)}),
    ("4层钢框架，箱形柱500x300x20，梁H500x200x10x16，3跨8米，层高4米，8度0.2g",
     {"col0_props": (0.5 * 0.3 - 0.46 * 0.26, (0.3 * 0.5**3 - 0.26 * 0.46**3) / 12)}),
    ("4-story steel SMF, HSS 16x16x1/2 columns, beams H24x9x0.5x0.75 in, 3 bays of 30 ft, 13 ft stories, ASCE 7, "
     "SDS 1.0, SD1 0.6", {"col0_props": ((16**2 - 15**2) * IN**2, (16**4 - 15**4) / 12 * IN**4)}),
    ("4-story steel frame, columns pipe 406x16 mm, beams H500x200x10x16 mm, 3 bays of 8 m, 4 m floors, intensity 8",
     {"col0_props": (math.pi / 4 * (0.406**2 - 0.374**2), math.pi / 64 * (0.406**4 - 0.374**4))}),
    # floors by ordinal, British naming (a ground floor and a first floor above it), bays by their total, bays by
    # axis after a colon, a conversion in parentheses, approximate values and misspellings (2026-12-04, later)
    ("4-story RC frame, ground floor 4.5 m, first and second floors 3.6 m, third floor 3.3 m, 3 bays of 6 m, intensity 8",
     {"story_heights_m": [4.5, 3.6, 3.6, 3.3]}),
    ("4-story RC frame, first floor 4.5 m, second and third floors 3.6 m, fourth floor 3.3 m, 3 bays of 6 m, intensity 8",
     {"story_heights_m": [4.5, 3.6, 3.6, 3.3]}),
    ("5-story RC frame, first floor 4.5 m, second to fifth floors 3.6 m, 3 bays of 6 m, intensity 8",
     {"story_heights_m": [4.5] + [3.6] * 4}),
    ("3-storey RC frame, ground floor 4.0 m, first floor 3.5 m, second floor 3.2 m, 3 bays of 6 m, intensity 8",
     {"story_heights_m": [4.0, 3.5, 3.2]}),
    ("4-story RC frame, 3.6 m floors, 3 bays (28 m) in x, 2 bays of 6 m in y, intensity 8", {"x": [28 / 3] * 3, "y": [6.0] * 2}),
    ("4-story RC frame, 3.6 m floors, 3 bays (28 m total) in x, 2 bays of 6 m in y, intensity 8", {"x": [28 / 3] * 3}),
    ("4-story RC frame, 3.6 m floors, 3 bays totalling 28 m in x, 2 bays of 6 m in y, intensity 8", {"x": [28 / 3] * 3}),
    ("4-story RC frame, 3.6 m floors, 3 bays, 24 m in total, intensity 8", {"x": [8.0] * 3}),
    ("4-story RC frame, 3.6 m floors, 4 bays (6 m), intensity 8", {"x": [6.0] * 4}),
    ("4-story RC frame, 3.6 m floors, bays X: 6.0+8.0+6.0 m, bays Y: 6+6 m, intensity 8", {"x": [6, 8, 6], "y": [6, 6]}),
    ("6-storey RC frame, 3.3 m storeys, bays X: 6.0+8.0+6.0 m; Y: 7.0+7.0 m; intensity 8, 0.2 g", {"x": [6, 8, 6], "y": [7, 7]}),
    ("4-story RC frame, 3.6 m floors, x direction: 6.0, 8.0 m, y direction: 6 m, intensity 8", {"x": [6, 8], "y": [6]}),
    ("Storey height: 3.3 m (typ.), 4.5 m (GF)\nBays: X 5@7.2 m; Y 3@6.0 m\nRC frame, 6 storeys, intensity 8",
     {"story_heights_m": [4.5] + [3.3] * 5, "x": [7.2] * 5, "y": [6.0] * 3}),
    ("5-story RC frame, 4 bays of 6 m and 2 bays of 7.5 m in y, 3.5 m floors", {"x": [6.0] * 4, "y": [7.5] * 2}),
    ("3-story RC frame, story height 12 ft (3.66 m), 3 bays of 24 ft (7.32 m), SDS = 0.8, SD1 = 0.4",
     {"story_heights_m": [12 * FT] * 3, "x": [24 * FT] * 3}),
    ("Steel SMF, 4 stories @ 13' = 52', 3 bays @ 30' = 90', SDS = 1.0, SD1 = 0.6",
     {"story_heights_m": [13 * FT] * 4, "x": [30 * FT] * 3}),
    ("5-story RC frame, 60 ft total height, 3 bays of 24 ft, SDS = 0.8, SD1 = 0.4", {"story_heights_m": [12 * FT] * 5}),
    ("3-story steel frame, floors at 12 ft, roof story 14 ft, 3 bays of 30 ft, SDS = 1.0, SD1 = 0.6",
     {"story_heights_m": [12 * FT, 12 * FT, 14 * FT]}),
    ("RC frame, 5 storeys of approx. 3.5 m, 3 bays of ~6 m, intensity 7, 0.1g", {"story_heights_m": [3.5] * 5, "x": [6.0] * 3}),
    ("RC frame, 4 storeys, storey heigth 3.5 m, 3 bays of 6 m, intesity 8, 0.2g", {"story_heights_m": [3.5] * 4}),
    ("平面框架，横向3跨，跨度6m，层高3.6m，4层，8度0.20g", {"dimensions": 2, "x": [6.0] * 3}),
    # ASCE 7 pairs in one phrase and the MCE values (SDS = 2/3 SMS, ASCE 7-22 11.4.4); bay counts by name; repeated
    # heights; a thousands space; a basement below the frame; o.c. spacings; mixed fractions; Tg and αmax by the
    # GB tables; dead loads without the self-weight (2026-12-04, later)
    ("4-story steel SMF, 13 ft stories, 3 bays of 30 ft, SDS/SD1 = 1.2/0.7 g", {"seismic.sds_g": 1.2, "seismic.sd1_g": 0.7}),
    ("4-story steel SMF, 13 ft stories, 3 bays of 30 ft, SDS, SD1 = 1.0, 0.6 g", {"seismic.sds_g": 1.0, "seismic.sd1_g": 0.6}),
    ("4-story steel SMF, 13 ft stories, 3 bays of 30 ft, SMS = 0.9 g and SM1 = 0.6 g, Risk Category II",
     {"seismic.sds_g": 0.6, "seismic.sd1_g": 0.4}),
    ("RC frame: storeys = 5; storey height = 3.4 m; bays = 4; bay width = 6.6 m; intensity = 8; PGA = 0.2 g",
     {"x": [6.6] * 4}),
    ("RC frame, 5 storeys, 3.4 m storeys, number of bays: 4, bay width: 6.6 m, intensity 8, 0.2 g", {"x": [6.6] * 4}),
    ("RC frame, 5 storeys, 3.4 m storeys, No. of bays 4, bay width 6.6 m, intensity 8, 0.2 g", {"x": [6.6] * 4}),
    ("RC frame, 5 storeys, storey heights: 4.5, 3.6 (x4) m, 3 bays of 6 m, intensity 7, 0.1g",
     {"story_heights_m": [4.5] + [3.6] * 4}),
    ("RC frame, 5 storeys, storey heights 4.5; 3.6; 3.6; 3.6; 3.6 m, 3 bays of 6 m, intensity 7, 0.1g",
     {"story_heights_m": [4.5] + [3.6] * 4}),
    ("RC frame, 4 storeys, 3.5 m storeys, 3 bays of 6 m, intensity 7, 0.1g, E = 28 000 MPa",
     {"material.elastic_modulus_pa": 28e9}),
    ("框架结构，地上6层，地下1层，层高3.6m，3跨6m，7度0.1g", {"stories": 6}),
    ("5-story steel SMF, 13 ft stories, 4 bays @ 30 ft o.c. E-W, 3 bays @ 25 ft o.c. N-S, SDS = 1.0, SD1 = 0.6",
     {"x": [30 * FT] * 4, "y": [25 * FT] * 3}),
    ("3-story RC frame, 13 1/2 ft stories, 3 bays of 24 ft, SDS = 0.8, SD1 = 0.4", {"story_heights_m": [13.5 * FT] * 3}),
    ("4-story steel SMF, 12'-0\" typ., 16'-0\" at ground, 3 bays of 30 ft, SDS = 1.0, SD1 = 0.6",
     {"story_heights_m": [16 * FT] + [12 * FT] * 3}),
    ("RC frame, 4 storeys, 3.5 m storeys, 4 bays in X, length 30 m, intensity 7, 0.1g", {"x": [7.5] * 4}),
    ("6层框架，层高3.6m，3跨6m，8度0.2g，Ⅱ类场地，特征周期Tg=0.45s", {"seismic.site_class": "II", "seismic.design_group": 3}),
    ("6层框架，层高3.6m，3跨6m，8度，Ⅱ类场地，第一组，αmax=0.24", {"seismic.pga_g": 0.3}),
    ("RC frame, 4 storeys, 3.5 m storeys, 3 bays of 6 m, intensity 7, 0.1g, dead load 1.5 kPa in addition to self-weight",
     {"dead_load_pa": 6500.0}),
    ("5层框架，层高3.6m，3跨6m，7度0.1g，楼面恒载2.0kN/m²（不含结构自重），活载2.0kN/m²", {"dead_load_pa": 7000.0}),
    ("3-story shear building, floor weights 1500 k, 1500 k, 1000 k, story stiffnesses 600, 600, 400 k/in, 12 ft stories, "
     "SDS = 1.0, SD1 = 0.5", {"floor_masses_kg": [1500 * 453.59237] * 2 + [1000 * 453.59237],
                              "story_stiffnesses_n_per_m": [600 * 4448.2216152605 / 0.0254] * 2 + [400 * 4448.2216152605 / 0.0254]}),
    # what a fourth probe found the new refusals and readings overreach on (2026-12-04, later): things autobm leaves out,
    # foundations and secondary members beside the frame's sizes, (typ.) after a bay, SDS = 2/3 SMS = ..., 一榀
    ("4-story steel SMF, 13 ft stories, 3 bays of 30 ft, SDS = 2/3 SMS = 1.0 g, SD1 = 2/3 SM1 = 0.6 g",
     {"seismic.sds_g": 1.0, "seismic.sd1_g": 0.6}),
    ("4-story steel SMF, 13 ft stories, 3 bays of 30 ft, SDS = 2/3 x 1.5 = 1.0 g, SD1 = 0.6 g", {"seismic.sds_g": 1.0}),
    ("5层框架，层高3.6m，3跨6m，7度0.1g，楼面恒载（不含自重）2.0kN/m²", {"dead_load_pa": 7000.0}),
    ("5层框架，层高3.6m，3跨6m，7度0.1g，恒载2.0kN/m²（不含板自重）", {"dead_load_pa": 7000.0}),
    ("4-storey RC frame, 3.5 m storeys, 3 bays of 6 m, intensity 7, dead load (excluding self-weight) 1.5 kPa",
     {"dead_load_pa": 6500.0}),
    ("4-storey RC frame, 3.5 m storeys, 3 bays of 6 m, intensity 7, dead load = self-weight + 1.5 kPa", {"dead_load_pa": 6500.0}),
    ("5-storey RC frame, ground storey 4.5 m, 3.5 m above, 3 bays of 6 m (typ.), intensity 7", {"x": [6.0] * 3,
                                                                                                "story_heights_m": [4.5] + [3.5] * 4}),
    ("4-storey RC frame, 3.5 m storeys (typ.), 3 bays of 6 m (typ.), intensity 7", {"story_heights_m": [3.5] * 4}),
    ("5-storey RC frame, 3.5 m storeys, 3 bays of 6 m, columns 600x600 mm, isolated column footings 2.5 m x 2.5 m",
     {"col0": (0.6, 0.6)}),
    ("5层框架，层高3.5m，3跨6m，柱截面600x600mm，柱下独立基础2.5m×2.5m，次梁250×500，梁截面300x600mm",
     {"col0": (0.6, 0.6), "beam0": (0.3, 0.6)}),
    ("4-story steel SMF, ground floor slab on grade, first floor 15 ft, typical floors 13 ft, 3 bays of 30 ft, SDS 1.0, SD1 0.6",
     {"story_heights_m": [15 * FT] + [13 * FT] * 3}),
    ("4-storey RC frame, 3.5 m storeys, spans: 3 no. at 7.2 m, intensity 7", {"x": [7.2] * 3}),
    ("5-storey RC frame, ground floor (retail) 4.5 m, first floor and above (offices) 3.6 m, 3 bays of 6 m, intensity 7",
     {"story_heights_m": [4.5] + [3.6] * 4}),
    ("4-story steel frame, 13 ft stories, building 90 ft x 60 ft in plan, 3 bays in x, 2 bays in y, SDS 1.0, SD1 0.6",
     {"x": [30 * FT] * 3, "y": [30 * FT] * 2}),
    ("6-story RC frame, 3.6 m floors, height to roof 21.6 m, 3 bays of 6 m, intensity 8", {"story_heights_m": [3.6] * 6}),
    ("4-story RC frame, 12 ft stories, 3 bays of 24 ft, 8 in. slab, SDS = 0.8, SD1 = 0.4", {"x": [24 * FT] * 3}),
    ("4-storey RC frame, 3.5 m storeys, 3 bays of 6 m, 230 mm brick infill walls, intensity 7", {"x": [6.0] * 3}),
    ("4-storey RC frame, 3.5 m storeys, 3 bays of 6 m, 1.2 m high parapet, intensity 7", {"story_heights_m": [3.5] * 4}),
    ("4-storey RC frame, 3.5 m storeys, 3 bays of 6 m (18 m total), intensity 7", {"x": [6.0] * 3}),
    ("5-storey RC frame, columns 450 x 450 mm on the ground floor and 400 x 400 mm above, 3.5 m storeys, 3 bays of 6 m",
     {"story_heights_m": [3.5] * 5}),
    ("一榀横向框架，8层，层高3.3m，横向3跨6m，8度", {"dimensions": 2, "x": [6.0] * 3}),
    ("4-storey RC frame, 3.5 m storeys, 3 bays of 6 m, ground floor slab 0.45 m higher than the external ground, intensity 7",
     {"story_heights_m": [3.5] * 4}),
    ("5层框架，层高3.6m，3跨6m，7度0.1g，首层室内外高差0.45m，各层楼面板厚100mm，顶层女儿墙高1.2m", {"story_heights_m": [3.6] * 5}),
    ("4-story steel SMF, 13 ft stories, bays at a max of 30 ft, 3 bays of 30 ft, SDS 1.0, SD1 0.6", {"x": [30 * FT] * 3}),
    ("5-story RC frame on isolated reinforced concrete footings with fly bracing to the roof purlins and fire dampers, "
     "3.5 m floors, 3 bays of 6 m, intensity 8", {"system": "rc_frame"}),
    ("RC frame, 4 storeys, storey height 3 600 mm, 3 bays of 6 m, intensity 7", {"story_heights_m": [3.6] * 4}),
    ("4-storey RC frame, 3.5 m storeys, 3 bays of 6 m, columns 450 x 450 mm in storey 1 and 400 x 400 mm above, intensity 7",
     {"cols": [(0.45, 0.45, 1, 1), (0.4, 0.4, 2, None)]}),
    ("4-storey RC frame, 3.5 m storeys, 3 bays of 6 m, columns 450 x 450 mm on the ground floor and 400 x 400 mm above",
     {"cols": [(0.45, 0.45, 1, 1), (0.4, 0.4, 2, None)]}),
    ("Single-storey steel portal frame, eaves height 6 m, 1 span of 24 m, intensity 7, 0.1g", {"story_heights_m": [6.0]}),
    ("4-story steel SMF, 13 ft stories, 3 bays of 30 ft, SMS = 1.5 g (SDS = 1.0 g), SM1 = 0.9 g (SD1 = 0.6 g)",
     {"seismic.sds_g": 1.0, "seismic.sd1_g": 0.6}),
    # cracked-section factors in words (they were dropped for the code's own)
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, cracked section properties: 0.7 Ig columns, 0.35 Ig beams",
     {"stiffness.column_inertia_factor": 0.7, "stiffness.beam_inertia_factor": 0.35}),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, cracked sections 0.5 Ig",
     {"stiffness.column_inertia_factor": 0.5, "stiffness.beam_inertia_factor": 0.5}),
    ("5-story steel frame with H-shaped columns and T-shaped stiffeners, 3.5 m floors, 3 bays of 8 m, intensity 8",
     {"system": "steel_frame"}),
    ("4-storey RC frame, 3.5 m storeys, 3 bays of 6 m, intensity 7, dead load 4.5 kPa (slab 3.0 kPa + finishes 1.5 kPa), "
     "live load 2 kPa", {"dead_load_pa": 4500.0, "live_load_pa": 2000.0}),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, wind pressure 0.55 kPa, snow 0.4 kPa, dead 6 kPa, live 2 kPa",
     {"dead_load_pa": 6000.0, "live_load_pa": 2000.0}),
    # floors by their elevations (the story heights are the differences); 'up to level 4' is no elevation
    ("3-storey RC frame, floor levels +4.50, +8.10 and +11.70 m, 3 bays of 6 m, intensity 7, 0.1g",
     {"story_heights_m": [4.5, 3.6, 3.6]}),
    ("3层框架，楼层标高4.5m、8.1m、11.7m，3跨6m，7度0.1g", {"story_heights_m": [4.5, 3.6, 3.6]}),
    ("7-storey RC frame, 3.5 m storeys, 4 bays of 8 m, 600 mm square columns up to level 4, 500 mm square above, intensity 8",
     {"story_heights_m": [3.5] * 7}),
    # long texts as handed over: bullet lists, dot leaders, "floor to floor", "4.2 m (ground), 3.6 m (first to third floors)"
    ("RC frame\n- 5 stories\n- 3.5 m floors\n- 3 bays of 6 m\n- intensity 8", {"stories": 5, "x": [6.0] * 3}),
    ("5-storey RC frame, story height .......... 3.8 m, 3 bays of 6 m, intensity 8", {"story_heights_m": [3.8] * 5}),
    ("5-storey RC frame, floor to floor 3.3 m, 3 bays of 6 m, intensity 8", {"story_heights_m": [3.3] * 5}),
    ("The hospital wing is a 4-storey RC moment frame. Storey heights: 4.2 m (ground), 3.6 m (first to third floors). "
     "There are 6 bays of 7.2 m, intensity 8", {"story_heights_m": [4.2] + [3.6] * 3}),
    # a list with its unit at the first length only (the rest was dropped: 3 bays of 6 m, every story 4.5 m)
    ("6-story RC frame, story height 3.3 m, bays x : 6.0 m + 8.0 + 6.0, bays y: 6 m + 6 m, intensity 8",
     {"x": [6.0, 8.0, 6.0], "y": [6.0, 6.0]}),
    ("6-story RC frame, story height 3.3 m, spans 6.0 m + 8.0 + 6.0, intensity 8", {"x": [6.0, 8.0, 6.0]}),
    ("6-story RC frame, story height 3.3 m, bay widths 6.0 m, 8.0, 6.0, intensity 8", {"x": [6.0, 8.0, 6.0]}),
    ("6-story RC frame, story heights 4.5 m, 3.3, 3.3, 3.3, 3.3, 3.3, 3 bays of 6 m, intensity 8",
     {"story_heights_m": [4.5] + [3.3] * 5}),
    ("6-story RC frame, story height 3.3 m, spans of 6 m + 8 + 6 in x, intensity 8", {"x": [6.0, 8.0, 6.0]}),
    # the singular before a list: 'floor height 1 @ 4.5 m + 4 @ 3.6 m' was refused
    ("5-story RC frame, floor height 1 @ 4.5 m + 4 @ 3.6 m, 3 bays of 6 m, intensity 8",
     {"story_heights_m": [4.5] + [3.6] * 4}),
    ("5-story RC frame, story height 4.5 m, 3.6 m, 3.6 m, 3.6 m, 3.6 m, 3 bays of 6 m, intensity 8",
     {"story_heights_m": [4.5] + [3.6] * 4}),
    ("5-story RC frame, floor height 4.5+3.6+3.6+3.6+3.6 m, 3 bays of 6 m, intensity 8",
     {"story_heights_m": [4.5] + [3.6] * 4}),
    # counts one way and the other (the second was dropped, a plane frame of 4 bays)
    ("5-story RC frame, 3.6 m stories, 4 bays one way and 3 the other, all 6 m, intensity 8",
     {"x": [6.0] * 4, "y": [6.0] * 3}),
    ("5-story RC frame, 3.6 m stories, a grid of 6 m x 6 m with 4 bays one way and 3 the other, intensity 8 (0.20g)",
     {"x": [6.0] * 4, "y": [6.0] * 3}),
    ("5-story RC frame, 3.6 m stories, 6 m bays, 4 bays in one direction and 3 bays in the other direction, intensity 8",
     {"x": [6.0] * 4, "y": [6.0] * 3}),
    # a plan's sides by direction, their bays in parentheses
    ("课程设计任务书：一、工程概况：某综合楼，地上5层，框架结构，纵向长度50.4m（7跨×7.2m），横向宽度15m（2跨，7.5m）。"
     "二、设计条件：层高3.6m，抗震设防烈度8度（0.2g），场地类别II类，设计地震分组第一组。", {"x": [7.2] * 7, "y": [7.5] * 2}),
    ("某综合楼，5层框架结构，纵向长度50.4m，横向宽度15m，纵向7跨，横向2跨，层高3.6m，8度(0.2g)",
     {"x": [7.2] * 7, "y": [7.5] * 2}),
    ("5-story RC frame, plan length 50.4 m (7 bays x 7.2 m), plan width 15 m (2 bays, 7.5 m), 3.6 m stories, intensity 8",
     {"x": [7.2] * 7, "y": [7.5] * 2}),
]


def _get(spec: BuildingSpec, key: str):
    if key == "h0":
        return spec.story_heights_m[0]
    if key == "h1":
        return spec.story_heights_m[1]
    if key == "x":
        return spec.bay_widths_x_m
    if key == "y":
        return spec.bay_widths_y_m
    if key == "height_m":
        return spec.height_m
    if key in ("col0", "beam0"):
        sec = (spec.sections.columns if key == "col0" else spec.sections.beams)[0]
        return (sec.b_m, sec.h_m)
    if key in ("col0_props", "beam0_props"):
        sec = (spec.sections.columns if key == "col0_props" else spec.sections.beams)[0]
        return (sec.area_m2, sec.inertia_m4)
    if key == "cols":
        return [(c.b_m, c.h_m, c.from_story, c.to_story) for c in spec.sections.columns]
    if key in ("col0_area", "beam0_area"):
        return (spec.sections.columns if key == "col0_area" else spec.sections.beams)[0].area_m2
    if key == "cols_a":
        return [(c.area_m2, c.from_story, c.to_story) for c in spec.sections.columns]
    if key == "heights":
        return spec.story_heights_m
    obj = spec
    for part in key.split("."):
        obj = obj[int(part)] if part.isdigit() else getattr(obj, part)
    return obj


def _close(a, b) -> bool:
    if isinstance(b, (list, tuple)):
        return isinstance(a, (list, tuple)) and len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(b, float) or isinstance(a, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6)
    return a == b


def test_at_least_sixty_phrasings_in_both_languages():
    chinese = [t for t, _ in CASES if any("\u4e00" <= ch <= "\u9fff" for ch in t)]
    us = [t for t, _ in CASES if any(u in t for u in (" ft", " in", "psf", "ksi", "'"))]
    assert len(CASES) >= 60 and len(chinese) >= 15 and len(us) >= 8


@pytest.mark.parametrize("text,expected", CASES, ids=[t[:48] for t, _ in CASES])
def test_phrasing(text, expected):
    spec = parse_text(text)
    for key, want in expected.items():
        got = _get(spec, key)
        assert _close(got, want), f"{key}: got {got!r}, want {want!r}"


def test_defaults_are_recorded_as_assumptions():
    spec = parse_text("5-story RC frame, 3.5 m floors, 3x2 bays of 6 m, intensity 8")
    fields = {a.field for a in spec.assumptions}
    assert {"material.concrete_grade", "live_load_pa", "dead_load_pa", "seismic.site_class", "occupancy"} <= fields
    assert "stories" not in fields and "story_heights_m" not in fields
    for a in spec.assumptions:
        assert a.reason  # every default says why


def test_a_concrete_special_moment_frame_is_a_given_system():
    spec = parse_text("5-story concrete special moment frame, 13 ft stories, 3 bays of 28 ft, SDS = 1.0, SD1 = 0.6")
    assert spec.system == "rc_frame" and "system" not in {a.field for a in spec.assumptions}


def test_given_values_are_not_assumptions():
    spec = parse_text("5-story RC frame, 3.5 m floors, 3x2 bays of 6 m, intensity 8, site class III, C35, office")
    fields = {a.field for a in spec.assumptions}
    assert "seismic.site_class" not in fields and "material.concrete_grade" not in fields and "occupancy" not in fields


def test_normalise_handles_full_width_and_numerals():
    assert normalise("十二层，３．５ｍ") == "12层,3.5m"
    assert normalise("Twenty Five stories") == "25 stories"


def test_parse_is_deterministic():
    text = "6层框架，首层层高4.5m，其余层3.3m，3跨，跨度6m，8度"
    assert parse_text(text).model_dump() == parse_text(text).model_dump()


# --- bad inputs: SpecError from the API, exit 2 with a message from the CLI ----------------

BAD: list[tuple[str, str]] = [
    ("", "empty"),
    ("hello world", "does not look like a building"),
    ("the quick brown fox jumps over the lazy dog", "does not look like a building"),
    ("RC frame with 3 bays of 6 m", "number of stories is missing"),
    ("框架结构，层高3.5m，3跨", "number of stories is missing"),
    ("5-story RC frame, 6 stories, 3 bays of 6 m", "contradictory stories"),
    ("0-story RC frame", "stories = 0"),
    ("300-story RC frame, 3 bays of 6 m", "stories = 300"),
    ("5-story RC frame, 3 bays of 200 m", "bay_widths_x_m"),
    ("5-story RC frame, 3 bays of 0 m", "bay_widths_x_m"),
    ("5-story RC frame, story height 0 m, 3 bays of 6 m", "story_heights_m"),
    ("5-story RC frame, story height 40 m, 3 bays of 6 m", "story_heights_m"),
    ("5-story RC frame, 3 bays of 6 m, C90 concrete", "concrete_grade"),
    ("4-story RC frame, 3 bays of 6 m, EN 1998, ag = 0.25g, C90 concrete", "allowed C20/25, C25/30"),
    ("5-story RC frame, 3 bays of 6 m, intensity 8, C30/37 concrete", "has no C37: allowed C20"),
    ("5-story RC frame, 3 bays of 6 m, intensity 8, S1 = 0.6 g", "contradictory seismic input"),
    ("5-story RC frame, 3 bays of 6 m, SDS = 1.0 g, SD1 = 0.6 g, S1 = 0.75 g, S1 = 0.5 g", "contradictory s1_g"),
    ("4-storey RC frame, 3 bays of 6 m, EN 1998, agR = 0.3 g, agR = 0.2 g", "contradictory reference_pga_g"),
    ("4-storey RC frame, 3.5 m floors, 2 bays of 6 m, EN 1998, agR = 0.2g, ag = 0.30g, importance class III",
     "pga_g = 0.3 contradicts reference_pga_g = 0.2"),  # the ag was dropped silently
    ("5-story RC frame, 3 bays of 6 m, intensity 11", "intensity = 11"),
    ("5-story RC frame, 3 bays of 6 m, intensity 8, 0.10g", "contradicts intensity 8"),
    ("5-story RC frame, 3 bays of 6 m, PGA 0.25 g", "not a GB 50011 design basic acceleration"),
    ("5-story RC steel frame, 3 bays of 6 m", "contradictory structural system"),
    ("5-story 2D RC frame, 3 bays in x and 2 bays in y of 6 m", "contradictory dimensions"),
    ("5-story RC frame, 3 bays of 6 m, intensity 8, SDS = 1.0 g", "contradictory seismic input"),
    ("4-story RC frame, story heights 4.5, 3.6 m, 3 bays of 6 m", "story_heights_m has 2 values for 4 stories"),
    ("5-story RC frame, story height 3 m, total height 20 m, 3 bays of 6 m", "contradictory heights"),
    ("5-story RC frame, 3 bays of 6 m, dead load 500 kPa", "dead_load_pa"),
    ("3-story shear building, story height 3 m", "floor_masses_kg is missing"),
    ("5-story RC frame, plan 20 m x 12 m, bay width 6 m", "contradictory plan"),
    # a plan beside its bays: their sum must be it, and a plan without bays is asked about (2026-12-04)
    ("5-story RC frame, plan 30 m x 12 m, 4 bays of 6 m, 3.6 m stories", "30 m along X is not 4 bays of 6 m"),
    ("5-story RC frame, plan 24 m x 12 m, bays 6, 8, 8 m in x, 2 bays in y, 3.6 m stories", "add up to 22 m"),
    ("5-story RC frame, 30 m long by 12 m wide, 3.6 m stories, intensity 7", "bays_x: the plan is 30 m along X"),
    ("Parking structure, 4 levels of 3.0 m, RC frame, 6 bays of 8 m by 3 bays of 16 m, intensity 7, 0.15g",
     "occupancy: 'parking' is none autobm holds a live load for"),
    ("6-story RC frame, 3.6 m floors, 4 bays of 7 m at stories 1-3, setback to the 2 middle bays at stories 4-6",
     "a setback (upper stories on fewer bays) is not modelled"),
    ("6层框架,层高3.6m,4跨7m,4层以上收进为2跨,8度0.2g", "a setback"),
    ("5层框架，6层，3跨", "contradictory stories"),
    ("6层框架，首层4.5m，2~4层3.6m，3跨6m", "leave out story 5, 6"),
    ("5-story RC frame, plan 90 ft x 50 ft, 30 ft bays", "is not a whole number of 9.144 m bays (50 ft, 30 ft)"),
    # a grade, f'c and E given together must agree within 10 %: a given E used to win silently
    ("5-story RC frame, 3 bays of 6 m, C40, E = 25 GPa", "contradictory material: material.concrete_grade = C40 gives E = 32.5 GPa"),
    ("5-story RC frame, 3 bays of 6 m, intensity 8, C30, f'c = 15 MPa", "39% apart (more than 10%)"),
    # an EN 1992 grade is named by its cylinder strength: a different fck or f'c contradicts it
    ("5-story RC frame, 3 bays of 6 m, ASCE 7, SDS 1.0 g, C40/50 concrete, f'c = 4 ksi", "C40/50 is the EN 1992 grade of fck = 40 MPa"),
    ("4-story RC frame, 3 bays of 6 m, EN 1998, ag 0.2 g, C30/37, fck = 45 MPa", "but material.fc_pa = 45 MPa"),
    # a GB text's plain fc is a design strength of GB 50010 Table 4.1.4-1 (read as the cylinder's, it gave a 39 % softer E)
    ("5-story RC frame, 3 bays of 6 m, C30, fc = 30 MPa", "is none of Table 4.1.4-1"),
    ("5层框架，3跨6m，fc=15N/mm2", "fc = 15 N/mm² under GB 50011 reads as GB 50010's design compressive strength"),
    ("5-story RC frame, 3 bays of 6 m, C40, fc = 14.3 N/mm2", "is the design strength of C30"),
    ("5-story RC frame, 3 bays of 6 m, E = 30 MPa", "(E in Pa: concrete about 3e10 Pa = 30 GPa"),
    ("5-story steel frame, 3 bays of 8 m, S355, E = 100 GPa", "material.steel_grade = S355 has E = 210 GPa"),
    ("5-story RC frame, 3 bays of 6 m, dead load -3 kPa", "a floor load is a positive (downward) pressure"),  # read as +3 kPa
    # ASCE 7's mapped Ss needs the site coefficients (SDS = 2/3 Fa Ss): it was ignored for a default SDS = 1.0 g
    ("5-story RC frame, 3 bays of 6 m, Ss = 0.75 g, S1 = 0.3 g, site class D", "give SDS and SD1"),
    ("5-story RC frame, 3 bays of 6 m, columns 600x600 mm, columns 500x500 mm", "contradictory sections.columns"),
    # once read as something else, or dropped for a default
    ("5-story RC frame, -3 m floors, 3 bays of 6 m, intensity 8", "'-3 m' is negative"),
    ("5层框架，层高-3.5m，3跨6m", "is negative"),
    ("-3 stories RC frame, 3 bays of 6 m", "'-3 stories' is negative"),  # was read as 3 stories
    ("minus 3 stories RC frame, 3 bays of 6 m", "'minus 3 stories' is negative"),
    ("5层框架，层高3.5m，-3跨6m", "'-3跨' is negative"),
    ("3.5 stories RC frame, 3 bays of 6 m", "is not a whole number"),  # was "the number of stories is missing"
    # values per floor or as formulas were made one uniform value (the roof took the floors' 200 t)
    ("5-story shear building, 3 m stories, floor masses 200 t for floors 1-4 and 150 t for the roof, "
     "story stiffness 300 MN/m", "gives values for some floors only"),
    ("2-story shear building, 3 m stories, floor masses 100 t, story stiffnesses 2k and k, k = 77.16 kip/in",
     "is in symbols"),
    ("2-story shear building, 12 ft stories, floor weights 100 kip, k = 24*30000*320/144^3 kip/in", "is a formula"),
    # stated inputs replaced by defaults with a note saying they were not given
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, site class D", "site class D is an ASCE 7 site class"),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, group 4", "design earthquake groups 1, 2 and 3"),
    ("6-story RC frame, 12 ft floors, 3 bays of 30 ft, SDS = 0.3 g, SD1 = 0.15 g, R = 6",
     "R = 6 is not an RC moment frame of ASCE 7-22 Table 12.2-1: allowed special R 8, Cd 5.5"),
    ("6-story RC frame, 12 ft floors, 3 bays of 30 ft, SDS = 0.3 g, SD1 = 0.15 g, Ie = 1.25, risk category IV",
     "Ie = 1.25 but risk category IV has Ie = 1.5"),
    ("5-story RC frame, 3.5 m floors, 0 bays of 6 m, intensity 8", "bays_x = 0"),
    ("5-story RC frame, 3.5 m floors, zero bays, intensity 8", "bays_x = 0"),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, site class V", "allowed I0, I1, II, III, IV"),
    ("5-story steel frame, 3 bays of 8 m, SDS 1.0, SD1 0.6, risk category V", "allowed I, II, III, IV"),
    ("5-story RC frame, 3 bays of 6 m, EN 1998, ag 0.2g, ground type F", "allowed A, B, C, D, E"),
    ("5-story RC frame, 3 bays of 6 m, EN 1998, ag 0.2g, importance class 5", "allowed I, II, III, IV"),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, NZS 1170.5, Z = 0.4", "'NZS 1170.5' is not supported"),
    ("4-story steel frame, 4 m stories, 3 bays of 8 m, columns HW400x400, beams HN500x200", "'HW400X400' is a catalogue"),
    ("4-story steel frame, 3 bays of 8 m, W14x90 columns, W24x62 beams, SDS 1.0, SD1 0.5", "'W14X90' is a catalogue"),
    ("4-story steel frame, 3 bays of 8 m, columns IPE300", "'IPE300' is a catalogue"),
    ("5-story steel frame, 3 bays of 30 ft, SDS 1.0, SD1 0.5, columns H14x14.5x0.44x0.71", "give the unit of its plates"),
    ("10层框架-剪力墙结构，层高3.3m，X向3跨，跨度8m，7度", "moment frames (RC or steel) and shear buildings only"),
    ("10-story concrete shear wall building, 3 m floors, 3 bays of 6 m", "'shear wall'"),
    ("6-story steel braced frame, 4 m floors, 3 bays of 8 m", "'braced frame'"),
    # other systems are refused, not modelled as the default RC frame or as a steel moment frame without its braces
    ("2-story wood frame, 10 ft floors", "'wood frame'"),
    ("2-story timber frame, 3 m floors", "'timber frame'"),
    ("5-story CLT building, 3 m floors", "'clt building'"),
    ("4-story braced steel frame, 4 m floors", "'braced steel frame'"),
    ("5-story steel frame with concentrically braced bays", "'concentrically braced'"),
    ("6-story SCBF, 4 m floors, 3 bays of 8 m", "'scbf'"),
    ("4-story steel moment frame with X-braced bays", "'x-braced'"),
    ("3-story unreinforced masonry building, 3 m floors", "'unreinforced masonry'"),
    ("2-story brick house, 3 m floors", "'brick house'"),
    ("4-story cold-formed steel building, 3 m floors", "'cold-formed steel'"),
    ("10层框架-核心筒结构，层高3.3m", "'框架-核心筒'"),
    ("5层钢框架-支撑结构，层高3.6m", "'框架-支撑'"),
    ("3层木框架，层高3m", "'木框架'"),
    ("5-story frame, no basement, with shear walls, 3.5 m floors", "'shear walls'"),
    ("5-story RC frame with no setbacks and shear walls at the core, 3.5 m floors", "'shear walls'"),
    ("5-story RC frame, 3.5 m floors, no shear walls but braced frames at the stairs", "'braced frames'"),
    ("5层框架，无地下室设剪力墙，层高3.5m", "'剪力墙'"),
    ("5层钢框架，层高3.5m，无填充墙有中心支撑", "'中心支撑'"),
    ("无地下室的框架剪力墙结构，10层，层高3m", "'剪力墙'"),
    ("没有转换层的框架-核心筒结构，10层，层高3m", "'框架-核心筒'"),
    ("Building No 3 is a shear wall building, 10 stories, 3 m floors", "'shear wall'"),
    ("RC frame, 5 stories, height 8 m, 3 bays of 6 m", "say 'story height ...' or 'total height ...'"),
    ("4-story steel frame, box columns 400x400 mm, beams H500x200x10x16 mm, 3 bays of 8 m, 4 m floors", "depth x width x wall"),
    ("4-story steel frame, columns pipe 406 mm, beams H500x200x10x16 mm, 3 bays of 8 m, 4 m floors", "diameter x wall"),
    ("4-story steel frame, box columns 400x400x250 mm, 3 bays of 8 m, 4 m floors", "leave no hollow"),
    ("4层框架，钢管混凝土柱600x20，梁H500x200x10x16，3跨8米，层高4米，8度", "composite"),
    ("4-story frame, concrete-filled tube columns 500x20 mm, 3 bays of 8 m, 4 m floors", "composite"),
    ("RC frame, beam depth 600 mm, columns 500x500 mm, 4 stories, 3.5 m, 3 bays of 6 m", "give the beam's width too"),
    ("RC frame, EC8, 5 storeys at 3.3 m, 3 bays at 6 m, agR = 0.25 g, gamma_I = 1.1, ground type B", "γI is 0.8, 1.0, 1.2 or 1.4"),
    # a length of the geometry that nothing read is asked about, not dropped for a default (2026-12-04, later)
    ("3-storey RC frame, ground (first) floor 4.0 m, typical 3.5 m, 3 bays of 6 m, intensity 8",
     "autobm could not tell what 4.0 m is"),
    ("RC frame, 5 storeys, storey heights 3.6-4.2 m, 3 bays of 6 m, intensity 7, 0.1g", "could not tell what 4.2 m is"),
    ("4-story RC frame, 3.6 m floors, x direction: 30 m, y direction: 12 m, 5 bays in x, 2 bays in y, intensity 8",
     "could not tell what 30 m is"),
    ("RC frame, 4 storeys, storey height 3,5 m, 3 bays of 7,2 m, intensity 7", "a decimal comma?"),
    ("4-story RC frame, 3.6 m floors, 3 bays (9 m), intensity 8", "is 9 m each bay's width or the 3 bays' total?"),
    ("横向3跨，跨度6m，层高3.6m，4层，钢筋混凝土框架，8度0.20g", "bays_x: the text gives the bays along Y ('横向3跨')"),
    ("5-story RC frame, 3 bays of 6 m in y, 3.5 m floors, intensity 8", "for a 3D building give the X bays too"),
    ("RC frame, 4 storeys, 3.5 m storeys, 4 bays of 6 m, plan length 30 m, intensity 7", "30 m along X is not 4 bays of 6 m"),
    ("RC frame, 5 storeys of 3.5 m, 3 bays of 6-8 m, intensity 7, 0.1g", "is a range"),
    ("RC frame, 4 storeys, typical storey 3.5 m, ground storey 2.0 m taller, 3 bays of 6 m", "give the story's own height"),
    ("RC frame, 4 storeys, storey height 3.5, 3 bays of 6, intensity 7", "give the unit of"),
    ("Steel moment frame with BRBs in the end bays, 6 storeys, 4 m storeys, 3 bays of 8 m", "'brbs': autobm models moment"),
    ("Steel moment frame with chevron braces in the middle bay, 4 storeys, 4 m storeys, 3 bays of 8 m", "'chevron braces'"),
    ("Steel moment frame with viscous dampers, 4 storeys, 4 m storeys, 3 bays of 8 m", "'viscous dampers'"),
    ("Base-isolated RC frame, 4 storeys, 3.5 m storeys, 3 bays of 6 m", "'base-isolated'"),
    ("隔震框架结构，4层，层高3.5m，3跨6m，8度0.2g", "'隔震'"),
    ("RC frame with a lift core, 4 storeys, 3.5 m storeys, 3 bays of 6 m", "'lift core'"),
    ("RC frame, 6 storeys, 3.6 m storeys, 3 bays of 6 m, intensity 8, 0.2g, Tg = 0.45 s", "give the site class and design group"),
    ("6层框架，层高3.6m，3跨6m，8度0.2g，Ⅱ类场地，第一组，αmax=0.45", "it is the fortification earthquake at 0.2 g"),
    ("6层框架，层高3.6m，3跨6m，8度0.2g，Ⅱ类场地，第一组，罕遇地震作用下的弹塑性层间位移", "a rare or fortification-level"),
    ("5-storey RC frame, 3.5 m storeys, 3 bays of 6 m, EN 1998, Type 2 spectrum, ag = 0.1 g, ground type C", "type 1 spectrum only"),
    # what a spec cannot hold, refused rather than dropped (2026-12-04, later)
    ("5-story RC frame, 3.5 m floors, 3 x 2 bays of 6 m, intensity 8, L-shaped plan", "'l-shaped plan' is not modelled"),
    ("A 3-story RC moment frame building is L-shaped in plan, with 3 bays of 24 ft along each leg. Story height 12 ft. "
     "SDS = 0.9, SD1 = 0.5.", "'l-shaped in plan' is not modelled"),
    ("5-story RC frame, 3.5 m floors, 3 x 2 bays of 6 m, intensity 8, corner column omitted", "is not modelled"),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, columns pinned at the base", "'pinned at the base'"),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, transfer girder at level 2", "'transfer girder'"),
    ("5-story RC flat-slab building, 3.5 m floors, 3 bays of 6 m, intensity 8", "'flat-slab' is not modelled"),
    ("5-story steel frame with semi-rigid connections, 3.5 m floors, 3 bays of 8 m, intensity 8", "'semi-rigid'"),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, roof garden 15 kPa", "'roof garden'"),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, centre of mass offset 3 m", "is not modelled"),
    ("5层框架，层高3.6m，3跨6m，8度，设转换层", "'转换层'"),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, cracked sections 1.5 Ig", "at most 1"),
    # a floor load nothing read (it was dropped for the default, or one floor's taken for all)
    ("4-storey RC frame, 3.5 m storeys, 3 bays of 6 m, live load 5 kPa on the first floor, 3 kPa elsewhere, intensity 7",
     "autobm could not tell what 3 kpa is; one dead load and one live load"),
    ("RC frame, 4 storeys, 3.5 m storeys, 3 bays of 6 m, intensity 7, 0.1g, DL 6 kPa, LL 3 kPa + 1 kPa partitions",
     "Partitions are part of a floor's dead load under ASCE 7"),
]


@pytest.mark.parametrize("text,needle", BAD, ids=[t[:40] or "empty" for t, _ in BAD])
def test_bad_input_raises_spec_error_naming_the_problem(text, needle):
    with pytest.raises(SpecError) as info:
        parse_text(text)
    assert needle in str(info.value)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autobm.agent.cli", *args], capture_output=True, text=True, timeout=60)


def test_cli_bad_inputs_exit_2_with_message_and_no_traceback():
    # One process per input would cost seconds each; the corpus runs in-process through main(),
    # and three inputs go through a real subprocess to prove the exit code and stderr.
    from autobm.agent.cli import main

    for text, needle in BAD:
        assert main(["parse", text]) == 2, text
    for text, needle in BAD[1:4]:
        proc = _cli("parse", text)
        assert proc.returncode == 2
        assert needle in proc.stderr
        assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_cli_json_has_the_fixed_keys(tmp_path):
    f = tmp_path / "b.txt"
    f.write_text("5层钢筋混凝土框架，层高3.5m，X向3跨、Y向2跨，跨度6m，8度(0.20g)，II类场地，办公楼", encoding="utf-8")
    proc = _cli("parse", "--file", str(f), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    for key in ("system", "dimensions", "stories", "story_heights_m", "bay_widths_x_m", "bay_widths_y_m",
                "seismic", "occupancy", "dead_load_pa", "live_load_pa", "assumptions"):
        assert key in data
    assert data["system"] == "rc_frame" and data["dimensions"] == 3 and data["stories"] == 5
    assert data["seismic"]["code"] == "gb50011" and data["seismic"]["intensity"] == 8 and data["seismic"]["pga_g"] == 0.2
    assert BuildingSpec.model_validate(data).stories == 5  # the JSON round-trips


def test_cli_2d_json_has_empty_y_bays():
    proc = _cli("parse", "--json", "3-story RC frame, 3 bays of 6 m")
    data = json.loads(proc.stdout)
    assert data["dimensions"] == 2 and data["bay_widths_y_m"] == []


def test_cli_missing_file_is_exit_2():
    proc = _cli("parse", "--file", "/nonexistent/building.txt")
    assert proc.returncode == 2 and "cannot read" in proc.stderr


def test_schema_command_prints_json_schema():
    proc = _cli("schema")
    schema = json.loads(proc.stdout)
    assert schema["title"] == "BuildingSpec"
    assert {"system", "stories", "seismic", "assumptions"} <= set(schema["properties"])


@pytest.mark.parametrize(("given", "needle"), [
    ({"story_height_m": "3.5 m"}, "story_height_m = '3.5 m' is not a number"),
    ({"story_heights_m": [3.5, "3.5m", 3.5, 3.5, 3.5]}, "story_heights_m[1] = '3.5m' is not a number"),
    ({"bay_widths_x_m": ["6m", 6]}, "bay_widths_x_m[0] = '6m' is not a number"),
    ({"bays_x": 2.5}, "bays_x = 2.5 must be a whole number"),
    ({"bays_x": 0}, "bays_x = 0 is out of range"),
    ({"story_heights_m": {"first": 4.5}}, "give a list of numbers"),
])
def test_spec_fields_of_the_wrong_type_are_named_not_a_traceback(given, needle):
    base = {"stories": 5, "story_height_m": 3.5, "bays_x": 3, "bay_width_m": 6.0}
    with pytest.raises(SpecError) as info:
        complete_spec(base | given)
    assert needle in str(info.value)


def test_one_number_for_story_heights_is_the_typical_height():
    """The mismatch message offers 'one typical height'; a bare number (not a list) is that."""
    spec = complete_spec({"stories": 4, "story_heights_m": 3.2, "bays_x": 2, "bay_width_m": "6"})
    assert spec.story_heights_m == [3.2] * 4 and spec.bay_widths_x_m == [6.0, 6.0]


@pytest.mark.parametrize(("seismic", "occupancy", "ag"), [
    ({"reference_pga_g": 0.2, "ground_type": "B"}, "office", 0.2),  # class II: γI = 1.0
    ({"reference_pga_g": 0.2, "importance_class": "III"}, None, 0.24),
    ({"code": "en1998", "reference_pga_g": "0.2"}, "hospital", 0.28),  # class IV by occupancy, γI = 1.4
])
def test_a_json_spec_gives_agr_and_gets_ag_from_the_importance_factor(seismic, occupancy, ag):
    """EN 1998-1 3.2.1(3): ag = γI·agR, γI 0.8/1.0/1.2/1.4 by importance class (4.2.5(5)); agR stays in the spec."""
    spec = complete_spec({"stories": 4, "story_height_m": 3.5, "bays_x": 2, "bay_width_m": 6.0, "seismic": seismic,
                          **({"occupancy": occupancy} if occupancy else {})})
    assert spec.seismic.code == "en1998" and spec.seismic.reference_pga_g == 0.2
    assert spec.seismic.pga_g == pytest.approx(ag)
    assert any(a.field == "seismic.pga_g" and "γI·agR" in a.reason for a in spec.assumptions)


@pytest.mark.parametrize(("seismic", "needle"), [
    ({"code": "en1998", "pga_g": 0.3, "reference_pga_g": 0.2, "importance_class": "III"}, "contradicts reference_pga_g"),
    ({"code": "gb50011", "intensity": 8, "reference_pga_g": 0.2}, "reference_pga_g (agR) is an EN 1998 input"),
])
def test_agr_that_disagrees_with_ag_or_the_code_is_refused(seismic, needle):
    with pytest.raises(SpecError, match=re.escape(needle)):
        complete_spec({"stories": 4, "story_height_m": 3.5, "bays_x": 2, "bay_width_m": 6.0, "seismic": seismic})


def test_a_nested_material_object_is_read_not_dropped_for_the_default():
    """A spec file may nest the material as BuildingSpec does; it used to be ignored silently."""
    base = {"stories": 4, "story_height_m": 3.5, "bays_x": 2, "bay_width_m": 6.0}
    spec = complete_spec(base | {"material": {"concrete_grade": "C35/45"}, "seismic": {"code": "en1998", "ground_type": "B"}})
    assert (spec.material.concrete_grade, spec.material.elastic_modulus_pa) == ("C35/45", 3.4e10)
    assert not any(a.field == "material.concrete_grade" for a in spec.assumptions)
    assert complete_spec(base | {"material": {"elastic_modulus_pa": 2.5e10}}).material.elastic_modulus_pa == 2.5e10
    assert complete_spec(complete_spec(base).model_dump(mode="json")).material == complete_spec(base).material
    assert complete_spec(base | {"material": {"concrete_grade": "c35"}, "concrete_grade": "C35"}).material.concrete_grade == "C35"


@pytest.mark.parametrize(("material", "needle"), [
    ({"material": {"grade": "C30"}}, "unknown material field(s) grade: allowed concrete_grade"),
    ({"material": {"concrete_grade": "C40"}, "concrete_grade": "C30"}, "contradictory concrete_grade"),
    ({"material": {"concrete_grade": "C40", "unknown": 1}, "concrete_grade": "c40"}, "unknown material field(s) unknown"),
    ({"material": "C30"}, "give an object"),
])
def test_a_bad_material_object_is_named(material, needle):
    with pytest.raises(SpecError, match=re.escape(needle)):
        complete_spec({"stories": 4, "story_height_m": 3.5, "bays_x": 2, "bay_width_m": 6.0} | material)


@pytest.mark.parametrize(("edit", "grade", "e_pa"), [
    ({"concrete_grade": "C40"}, "C40", 3.25e10),  # the grade edited: its own E, not the old one
    ({"elastic_modulus_pa": 2.8e10}, None, 2.8e10),  # E edited: the user's, and the defaulted grade goes
    ({}, "C30", 3.0e10),
])
def test_a_full_spec_edited_derives_its_modulus_again(edit, grade, e_pa):
    """A result.json's spec, edited and run again: the E autobm filled in follows the edit (it was kept)."""
    spec = parse_text("5-story RC frame, 3.5 m floors, 3x2 bays of 6 m, intensity 8, 0.20g, office")
    data = spec.model_dump(mode="json")
    data["material"] |= edit
    again = load_spec(data)
    assert (again.material.concrete_grade, again.material.elastic_modulus_pa) == (grade, e_pa)
    reasons = [a.reason for a in again.assumptions if a.field.startswith("material.")]
    assert reasons == ([f"no concrete grade given: {grade}, common for frames (GB 50010)", f"Ec of {grade}, GB 50010-2010 Table 4.1.5"]
                       if not edit else [] if grade is None else [f"Ec of {grade}, GB 50010-2010 Table 4.1.5"])
    if not edit:
        assert again == spec  # read back unchanged: the same spec, assumptions in the same order


@pytest.mark.parametrize(("edit", "expect"), [
    (lambda d: d.update(occupancy="residential"), lambda s: s.live_load_pa == 2000.0),  # GB 55001 Table 4.2.2
    # edited bays: the preliminary beams follow the 12 m span (they stayed span/24 and failed the drift check)
    (lambda d: d.update(bay_widths_x_m=[3, 12], bay_widths_y_m=[4, 6, 10]),
     lambda s: (s.sections.beams[0].b_m, s.sections.beams[0].h_m) == (0.5, 1.0) and s.dimensions == 3),
    (lambda d: d["seismic"].update(intensity=9, pga_g=None), lambda s: s.seismic.pga_g == 0.4),
    (lambda d: d["seismic"].update(code="asce7", sds_g=1.0, sd1_g=0.6),  # no GB site class or live load kept
     lambda s: s.seismic.site_class is None and s.live_load_pa == 2400.0 and s.material.concrete_grade is None),
])
def test_a_full_spec_edited_fills_in_again_what_follows_from_the_edit(edit, expect):
    data = parse_text("5-story RC frame, 3.5 m floors, 3x2 bays of 6 m, intensity 8, office").model_dump(mode="json")
    edit(data)
    assert expect(load_spec(data))


@pytest.mark.parametrize("text", [
    "6-story RC frame, first story 4.5 m, 4 bays of 6.5 m",  # the default above a given ground story
    "two-story shear building, story height 3 m, floor masses 2e5 kg, story stiffnesses 4e8 and 2e8 N/m",
    "3-story steel frame, 4 bays, EN 1998, ag 0.2g",
])
def test_a_spec_read_back_unedited_is_the_same_spec(text):
    spec = parse_text(text)
    assert load_spec(spec.model_dump(mode="json")) == spec


@pytest.mark.parametrize(("material", "needle"), [
    ({"concrete_grade": "C50", "elastic_modulus_pa": 2.5e10}, "28% apart (more than 10%)"),
    ({"concrete_grade": "C30/37"}, "has no C37"),  # under GB 50011, as the text path refuses it
])
def test_a_full_spec_written_by_hand_is_held_to_the_material_rules(material, needle):
    """Without assumptions a full spec is validated as it is: the grade and E must still agree."""
    data = parse_text("5-story RC frame, 3.5 m floors, 3x2 bays of 6 m, intensity 8, office").model_dump(mode="json")
    data["assumptions"] = []
    data["material"] |= material
    with pytest.raises(SpecError, match=re.escape(needle)):
        load_spec(data)


def test_a_steel_frame_read_back_keeps_its_grade_and_follows_an_edited_one():
    spec = parse_text("3-story steel frame, 2 bays of 8 m, EN 1998, ag 0.2 g")
    data = spec.model_dump(mode="json")
    assert complete_spec(data) == spec and spec.material.steel_grade == "S355"
    data["material"]["steel_grade"] = "A992"
    assert complete_spec(data).material.elastic_modulus_pa == pytest.approx(199_948e6)


def test_a_zero_unit_weight_is_refused_not_replaced_by_the_default():
    with pytest.raises(SpecError, match=re.escape("material.unit_weight_n_per_m3 = 0.0")):
        complete_spec({"stories": 4, "story_height_m": 3.5, "bays_x": 2, "bay_width_m": 6.0,
                       "material": {"unit_weight_n_per_m3": 0}})


def test_a_given_fc_is_recorded_with_the_modulus_it_gives():
    spec = parse_text("8-story RC moment frame, 12 ft stories, 3 bays of 30 ft, SDS 1.0 g, SD1 0.6 g, f'c = 5 ksi")
    [reason] = [a.reason for a in spec.assumptions if a.field == "material.elastic_modulus_pa"]
    assert "f'c = 5,000 psi (34.5 MPa)" in reason and "27.8 GPa" in reason and "ACI 318-19 19.2.2.1(b)" in reason


def test_a_json_intensity_outside_the_table_names_the_allowed_ones():
    """It said 'seismic.pga_g: Field required'."""
    with pytest.raises(SpecError, match=re.escape("seismic.intensity = 10 is not a GB 50011 fortification intensity: "
                                                  "allowed 6, 7, 8, 9")):
        load_spec({"stories": 3, "story_height_m": 3.5, "bays_x": 2, "bay_width_m": 6.0, "seismic": {"intensity": 10}})


def test_a_steel_spec_written_by_hand_is_held_to_its_grade_modulus():
    data = parse_text("3-story steel frame, 2 bays of 8 m, EN 1998, ag 0.2 g").model_dump(mode="json")
    data["assumptions"], data["material"]["elastic_modulus_pa"] = [], 1e11
    with pytest.raises(SpecError, match="S355 has E = 210 GPa"):
        load_spec(data)


def test_a_long_bad_value_is_shortened_in_the_message():
    """A bench row's whole spec was dumped into the error (3 KB)."""
    with pytest.raises(SpecError) as bad:
        complete_spec({"stories": 3, "story_height_m": 3.5, "bays_x": 2, "bay_width_m": 6.0, "name": ["a"] * 500})
    assert str(bad.value).startswith("name = ['a', 'a'") and "...: Input should be a valid string" in str(bad.value)
    assert len(str(bad.value)) < 300


@pytest.mark.parametrize("text,expected", [
    # R and Cd were ignored for a special moment frame's 8 and 5.5: Cs 2.3 times too low
    ("6-story steel ordinary moment frame, 12 ft floors, 3x3 bays of 30 ft, SDS = 0.3 g, SD1 = 0.15 g, R = 3.5, Cd = 3",
     {"seismic.frame_type": "ordinary"}),
    ("6-story steel frame, 12 ft floors, 3 bays of 30 ft, SDS = 0.3 g, SD1 = 0.15 g, R = 4.5, Ie = 1.5",
     {"seismic.frame_type": "intermediate", "seismic.risk_category": "IV"}),
    ("6-story RC special moment frame, 12 ft floors, 3 bays of 30 ft, SDS = 1 g, SD1 = 0.6 g, TL = 8 s",
     {"seismic.frame_type": "special", "seismic.tl_s": 8.0}),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, ag = 0.25 g, ground type C, DCH", {"seismic.behaviour_factor_q": 5.85}),
    ("1-story RC frame, 4 m high, 3 bays of 6 m, ag = 0.25 g, ground type C", {"seismic.behaviour_factor_q": 3.3}),
    # a superimposed dead load was taken as the whole dead load (1.5 kPa for 6.5)
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, superimposed dead load 1.5 kPa", {"dead_load_pa": 6500.0}),
    ("5层钢筋混凝土框架，层高3.5m，3跨6m，8度(0.20g)，附加恒载1.5kPa", {"dead_load_pa": 6500.0}),
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, dead load 6 kPa, SDL 1.5 kPa", {"dead_load_pa": 7500.0}),
    # storage was read as office
    ("5-story RC frame, 3.5 m floors, 3 bays of 6 m, intensity 8, storage warehouse",
     {"occupancy": "storage", "live_load_pa": 5000.0, "live_load_mass_factor": 0.8}),
    ("5层框架，层高3.5m，3跨6m，8度，I类场地", {"seismic.site_class": "I1"}),
])
def test_stated_seismic_and_load_inputs_are_used_and_read_back_the_same(text, expected):
    spec = parse_text(text)
    for path, value in expected.items():
        holder = spec.seismic if path.startswith("seismic.") else spec
        assert getattr(holder, path.removeprefix("seismic.")) == pytest.approx(value) if isinstance(value, float) \
            else getattr(holder, path.removeprefix("seismic.")) == value, path
    assert load_spec(spec.model_dump(mode="json")).model_dump() == spec.model_dump()  # what was read is kept


@pytest.mark.parametrize(("text", "needle"), [
    ("某办公楼，6层框架。纵向8跨，柱距7.2m；横向3跨，跨度6.0m。层高3.6m。7度(0.10g)。纵向框架梁截面250×600mm，"
     "横向框架梁截面300×700mm，柱截面600×600mm。", "beams of different sizes along X and Y"),
    ("6-story frame, longitudinal beams 250x600 mm, transverse beams 300x700 mm, 3.6 m stories, 3 bays of 6 m in x, "
     "2 bays of 6 m in y, intensity 7", "beams of different sizes along X and Y"),
    ("6-story frame, beams 250x600 mm, beams 300x700 mm, 3.6 m stories, 3 bays of 6 m, intensity 7",
     "several sizes given without story ranges"),
    ("5-story RC frame, plan length 50.4 m (6 bays of 7.2 m), 2 bays of 7.5 m in y, 3.6 m stories, intensity 8",
     "50.4 m along X is not 6 bays of 7.2 m"),
    ("RC frame, 4 storeys, storey height 3,5 m, 3 bays of 7,2 m, intensity 7", "a decimal comma"),
])
def test_beams_by_direction_plans_against_their_bays_and_decimal_commas_are_refused_by_name(text, needle):
    with pytest.raises(SpecError) as err:
        parse_text(text)
    assert needle in str(err.value)


# A sixth probe (90 descriptions as engineers, students and clients write them: 59 right before, 90 now): each a
# count or length that was lost for the default, a value misread, or a clear text refused.
FT = 0.3048
PROBE_6 = [
    ("5 storeys of 3.6 m, 4 equal bays of 7 m", {"x": [7.0] * 4}),
    ("5 storeys of 3.6 m, 5 longitudinal bays of 7 m and 2 transverse bays of 9 m", {"x": [7.0] * 5, "y": [9.0] * 2}),
    ("Plane RC frame (transverse): spans 7 m + 7 m, 5 storeys of 3.6 m", {"dimensions": 2, "x": [7.0, 7.0]}),
    ("2D frame, 3 storeys of 4 m, bay widths 9.1 m x 4", {"x": [9.1] * 4}),
    ("5-story frame, stories 3.2 m each", {"heights": [3.2] * 5}),
    ("5 storeys of 3.6 m, 4 bays in x, 7.5 m each", {"x": [7.5] * 4}),
    ("5 storeys of 3.6 m, 4 bays in x (7.5 m each), 3 bays in y (6.0 m each)", {"x": [7.5] * 4, "y": [6.0] * 3}),
    ("3 story frame, story hts 14 ft/12 ft/12 ft", {"heights": [14 * FT, 12 * FT, 12 * FT]}),
    ("6-storey frame, first 4.5 m, second 4.0 m, others 3.3 m", {"heights": [4.5, 4.0] + [3.3] * 4}),
    ("6-storey frame, 3.3 m typical, 4.5 m at the base", {"heights": [4.5] + [3.3] * 5}),
    ("6-story frame, 12 ft typical, 16 ft 1st flr", {"heights": [16 * FT] + [12 * FT] * 5}),
    ("3-storey RC frame, columns 700x700 up to the 2nd storey and 600x600 above",
     {"cols": [(0.7, 0.7, 1, 2), (0.6, 0.6, 3, None)]}),
    ("3层框架，底层柱600×600，其余各层柱500×500", {"cols": [(0.6, 0.6, 1, 1), (0.5, 0.5, 2, None)]}),
    ("4层框架，1层柱600×600，2层及以上柱500×500", {"cols": [(0.6, 0.6, 1, 1), (0.5, 0.5, 2, None)]}),
    ("框架柱截面尺寸：底层600×600，其余各层500×500；梁截面250×600。4层框架，层高：底层4.5m，其余3.3m；2跨，每跨6m（平面框架）；"
     "7度0.1g", {"cols": [(0.6, 0.6, 1, 1), (0.5, 0.5, 2, None)], "heights": [4.5] + [3.3] * 3}),
    ("4-storey RC frame, cols 600x600, bms 300x600", {"col0": (0.6, 0.6), "beam0": (0.3, 0.6)}),
    ("EN 1998-1，5层框架，层高3.5m，agR=0.25g，场地类别B", {"seismic.ground_type": "B"}),
    ("5-storey frame, storey heights 4.0 m (ground) and 3.2 m (upper four)", {"heights": [4.0] + [3.2] * 4}),
    ("5-storey frame, 4.2 m at the base, 3.6 m above", {"heights": [4.2] + [3.6] * 4}),
    ("3 storeys, 5.4 m, 4.5 m and 4.5 m (bottom to top)", {"heights": [5.4, 4.5, 4.5]}),
    ("8-storey frame, all storeys 3.8 m except the first (5.0 m)", {"heights": [5.0] + [3.8] * 7}),
    ("8-storey frame, story heights 4.2 m for the first two and 3.6 m above", {"heights": [4.2] * 2 + [3.6] * 6}),
    ("Steel MRF, 4 storeys: 4.0 m + 3 x 3.5 m, bays 3 x 6 m (X) and 3 x 6 m (Y), EC8 agR 0.25 g, soil C",
     {"heights": [4.0] + [3.5] * 3, "x": [6.0] * 3, "y": [6.0] * 3}),
    ("5-story frame, floor heights 13.5 ft typical, 17 ft at grade level", {"heights": [17 * FT] + [13.5 * FT] * 4}),
    ("Steel frame (2-D), 1 bay of 36 ft, 2 stories, 16 ft and 14 ft, SDS 0.3 g, SD1 0.15 g",
     {"heights": [16 * FT, 14 * FT], "x": [36 * FT]}),
    ("5层框架，3.6m层高", {"heights": [3.6] * 5}),
    ("Story | Height (ft)\n3 | 12\n2 | 12\n1 | 16", {"heights": [16 * FT, 12 * FT, 12 * FT]}),
    ("4 stories; first floor-to-floor 16 ft, typical 13 ft", {"heights": [16 * FT] + [13 * FT] * 3}),
    ("12-story frame, story heights: first 18 ft, second 15 ft, 3rd through 12th 13 ft",
     {"heights": [18 * FT, 15 * FT] + [13 * FT] * 10}),
    ("5层框架，层高3.3m，X向6跨，Y向（横向）2跨", {"x": [6.0] * 6, "y": [6.0] * 2}),
    ("5层框架，层高3.3m，X向7跨；Y向为内廊式，跨度7.2m+3.0m+7.2m", {"x": [6.0] * 7, "y": [7.2, 3.0, 7.2]}),
    ("Retrofit assessment: existing 4-storey RC frame (built 1985). Storey heights 3.6 m. Bays 5.4 m (3 bays, X) and "
     "4.8 m (2 bays, Y). Seismic: GB 50011, intensity 8, 0.30 g, site III, group 2.", {"x": [5.4] * 3, "y": [4.8] * 2}),
    ("Steel frame, 3D, 4 stories @ 4 m, bays X = 2@10 m, Y = 3@6 m, EN 1998 agR = 0.35 g, soil D, importance II",
     {"x": [10.0] * 2, "y": [6.0] * 3}),
    ("5-story frame: bays in the E-W (X) direction 22 ft, 28 ft, 22 ft", {"x": [22 * FT, 28 * FT, 22 * FT]}),
    ("5层框架，层高3.3m，X向6跨，柱距6m；Y向3跨，6.6m+2.4m+6.6m", {"y": [6.6, 2.4, 6.6]}),
    ("5层框架，层高3.3m，X向8.1m×6跨", {"x": [8.1] * 6}),
    ("5层框架，层高3.3m，X向6m+6m", {"x": [6.0, 6.0]}),
    ("框架课程设计：6层，层高3.6m（首层4.2m），X向：6.0+6.0+6.0+6.0m，Y向：7.5+3.0+7.5m，设防烈度8度0.2g",
     {"x": [6.0] * 4, "y": [7.5, 3.0, 7.5]}),
    ("3-storey frame, permanent actions 5.5 kN/m², variable actions 2.0 kN/m²", {"dead_load_pa": 5500.0, "live_load_pa": 2000.0}),
    ("4-storey RC frame, columns 600x600 lvl 1-2, 500x500 lvl 3-4", {"cols": [(0.6, 0.6, 1, 2), (0.5, 0.5, 3, 4)]}),
    ("A 6-story RC moment frame with story heights of 3.3 m (stories 2 to 6) and 4.8 m (story 1), 4 bays in the "
     "x-direction (7.5 m each), 3 bays in the y-direction (6.0 m each), intensity 8 (0.20g)",
     {"x": [7.5] * 4, "y": [6.0] * 3, "heights": [4.8] + [3.3] * 5}),
    ("5-story steel frame, floor heights 13'-6\" typical, 17'-0\" at grade level; bays 30'-0\" x 4 (X), 25'-0\" x 3 (Y); "
     "SDS = 0.72 g, SD1 = 0.40 g", {"x": [30 * FT] * 4, "y": [25 * FT] * 3, "heights": [17 * FT] + [13.5 * FT] * 4}),
    ("A three-bay, five-storey RC frame (2D). Bays: 6 m, 6 m, 6 m. Design to EN 1998-1, reference peak ground "
     "acceleration 0.25 g, ground type B, importance class III.", {"seismic.reference_pga_g": 0.25}),
    ("Building data\n| Item | Value |\n|---|---|\n| System | RC moment frame |\n| Storeys | 5 |\n| Storey height | 3.5 m (all) |"
     "\n| Bays X | 4 @ 6.0 m |\n| Bays Y | 3 @ 6.0 m |\n| Code | GB 50011-2010 |\n| Intensity | 8 (0.20g) |\n| Site class | III |"
     "\n| Dead / live | 5.0 / 2.0 kPa |", {"heights": [3.5] * 5, "x": [6.0] * 4, "y": [6.0] * 3,
                                         "seismic.site_class": "III", "dead_load_pa": 5000.0, "live_load_pa": 2000.0}),
]


@pytest.mark.parametrize(("text", "expected"), PROBE_6)
def test_the_sixth_probes_descriptions_are_read_as_written(text, expected):
    spec = parse_text(text)
    for key, value in expected.items():
        got = _get(spec, key)
        if key == "cols":
            value = [(b, h, lo, hi) for b, h, lo, hi in value]
        assert _close(got, value), (key, got, value)


# A seventh probe (90 descriptions in other styles: e-mails, spreadsheet rows, bullet lists, exam questions, ASCE 7 and
# Eurocode practice; 45 right before, 70 now): the silent misreadings and the clear texts refused that it found.
PROBE_7 = [
    ("3-storey frame, 2 bays of 6 m and storeys of 3.5 m", {"x": [6.0, 6.0], "heights": [3.5] * 3}),
    ("3-storey frame, 3 bays of 9 m, 4.8 m at the first floor and 4 m above", {"x": [9.0] * 3, "heights": [4.8, 4.0, 4.0]}),
    ("2-storey single-bay frame with a span of 9 m and 4 m storeys", {"x": [9.0], "heights": [4.0, 4.0]}),
    ("3层框架，2跨6m和层高3.5m", {"x": [6.0, 6.0], "heights": [3.5] * 3}),
    ("4-storey RC frame, 3 m storeys, bays 5 @ 6 m by 3 @ 6 m", {"x": [6.0] * 5, "y": [6.0] * 3}),
    ("6-storey RC frame, 3.2 m storeys, grid 5 x 6.0 m by 3 x 6.0 m", {"x": [6.0] * 5, "y": [6.0] * 3}),
    ("7-storey RC frame, 3.2 m storeys, grid 4 x 7 m by 3 x 7 m", {"x": [7.0] * 4, "y": [7.0] * 3}),
    ("4-storey RC frame, 3 m storeys, bays 6 m x 5 in X and 6 m x 3 in Y", {"x": [6.0] * 5, "y": [6.0] * 3}),
    ("5-storey frame, ground storey 4.5 m, other four 3.5 m, 3 bays of 6 m", {"heights": [4.5] + [3.5] * 4}),
    ("4层框架，层高都是4m，3跨6米", {"heights": [4.0] * 4}),
    ("4-storey frame, every storey is three and a half metres high, 3 bays of 6 m", {"heights": [3.5] * 4}),
    ("3-storey plane frame, 2 bays of 6 m, levels +0.00, +4.20, +7.80, +11.40 m", {"heights": [4.2, 3.6, 3.6]}),
    ("3 stories, roof at 39 ft, 3 bays of 30 ft", {"heights": [13 * FT] * 3}),
    ("5-storey frame; storey height;3.6;m; 3 bays of 6 m", {"heights": [3.6] * 5}),
    ("②3层，层高4.5m，2跨15m", {"stories": 3}),
    ("二、层数：3层，层高4.5m，2跨15m", {"stories": 3}),
    ("5层框架，层高3.3m，柱网X向4×4.5m", {"x": [4.5] * 4, "col0": (0.6, 0.6)}),
    ("Ordinary moment frame of structural steel, 2 stories of 14 ft, 2 bays of 20 ft", {"system": "steel_frame"}),
    ("SMF per AISC 341, 2 stories of 14 ft, 2 bays of 20 ft", {"system": "steel_frame"}),
    ("4层框架，层高3.5m，X向3跨6m，EC8，agR=0.25g，延性等级DCH", {"seismic.ductility_class": "DCH"}),
    ("4层框架，层高3.5m，X向3跨6m，EC8，agR=0.25g，性能系数q=5.85", {"seismic.behaviour_factor_q": 5.85}),
    ("4层钢框架，层高4.5m，X向3跨9m，SDS=1.0g，SD1=0.6g，风险类别III", {"seismic.risk_category": "III"}),
    ("4层钢框架，层高4.5m，X向3跨9m，SDS=1.0g，SD1=0.6g，风险类别为III类", {"seismic.risk_category": "III"}),
    ("4层钢筋混凝土中等抗弯框架，层高4.5m，X向3跨9m，SDS=0.45g，SD1=0.2g", {"seismic.frame_type": "intermediate"}),
    ("Stories\t5\nStory height (m)\t3.6\nBays X\t4", {"stories": 5, "heights": [3.6] * 5, "x": [6.0] * 4}),
    ("3-storey frame, storeys 3.9 m, 3 bays of 6 m, dead;6.5 kN/m2", {"dead_load_pa": 6500.0}),
    ("4-story frame, 3 bays of 24 ft, 1st: 14 ft, 2nd-4th: 12 ft", {"heights": [14 * FT] + [12 * FT] * 3}),
    ("2D frame, single bay 12 m, stories: 3 (5.0 m, 4.0 m, 4.0 m)", {"heights": [5.0, 4.0, 4.0]}),
    ("frame, 5 storeys x 3.0 m, 4 bays of 5 m", {"heights": [3.0] * 5}),
    ("12-storey frame, 6 bays of 7.5 m, storeys 1 and 2 at 4.2 m, storeys 3 to 12 at 3.3 m", {"heights": [4.2] * 2 + [3.3] * 10}),
    ("5 storeys totalling 18.5 m, 3 bays of 6 m", {"heights": [3.7] * 5}),
    ("3 stories, 39 ft to the roof, 3 bays of 30 ft", {"heights": [13 * FT] * 3}),
    ("7-storey frame, storeys 3.3 m, grid X 6 @ 8.0 m, Y 3 @ 8.0 m", {"x": [8.0] * 6, "y": [8.0] * 3}),
    ("5-storey frame, storeys 3.7 m, X 4 bays of 8 m, Y 3 bays of 6 m", {"x": [8.0] * 4, "y": [6.0] * 3}),
    ("plane frame, 3 storeys of 3.6 m, spans along grid B: 6.0, 7.5 and 6.0 m", {"x": [6.0, 7.5, 6.0]}),
    ("3-storey, 2-bay plane frame with bays of 6 m and 4 m, storeys 3.5 m", {"x": [6.0, 4.0]}),
    ("2层框架（平面），2跨各6m，层高4m", {"x": [6.0, 6.0]}),
    ("5层框架，层高3.3m，X向7.2m×5，Y向6.0m×3", {"x": [7.2] * 5, "y": [6.0] * 3}),
    ("2层框架（平面），单跨，跨度L=6m，层高4m", {"x": [6.0]}),
    ("9层框架，层高3.3m，X向4跨，Y向3跨，跨度都是7.2m", {"x": [7.2] * 4, "y": [7.2] * 3}),
    ("5层框架，层高3.3m，柱网：X向6×8m，Y向3×8m", {"x": [8.0] * 6, "y": [8.0] * 3}),
    ("8层框架，层高3.3m，底层4.5m，柱网8m×8m，X向4跨，Y向3跨，8度0.2g，Ⅲ类场地", {"x": [8.0] * 4, "y": [8.0] * 3}),
    ("5-storey frame, storeys 3.3 m, 3 bays of 6 m, permanent 5.0 kN/m2", {"dead_load_pa": 5000.0}),
    ("frame, 3 storeys of 3 m, 2 bays of 6 m, D 4.5 kN/m2, L 2.5 kN/m2", {"dead_load_pa": 4500.0, "live_load_pa": 2500.0}),
    ("frame, 4 storeys, 3.6 m storeys, 3 bays of 6 m, G = 4.0 kN/m2, Q = 3.0 kN/m2",
     {"dead_load_pa": 4000.0, "live_load_pa": 3000.0}),
    ("3-storey frame, storeys 3.9 m, 3 bays of 6 m, dead (incl. self-weight) 6.5 kN/m2", {"dead_load_pa": 6500.0}),
    ("4-storey RC frame, 3.6 m storeys, 3 bays of 7 m, columns 610 x 610 mm (24\" x 24\")", {"col0": (0.61, 0.61)}),
    ("某6层框架，层高：1层 4.8m；2层 4.2m；3~6层 3.6m。跨度：X向 7.2m×5；Y向 6.0m×3。8度（0.3g），Ⅲ类，第一组。荷载：恒5.0kPa，"
     "活2.0kPa。", {"dead_load_pa": 5000.0, "live_load_pa": 2000.0, "x": [7.2] * 5}),
    ("- Use: offices\n- Frame: steel, 2D, single bay 12 m\n- Stories: 3 (5.0 m, 4.0 m, 4.0 m)\n- Seismic: SDS 0.35 g, "
     "SD1 0.20 g, Risk Category IV", {"system": "steel_frame", "heights": [5.0, 4.0, 4.0]}),
    ("8-storey steel frame, GB 50011-2010, intensity 8, design basic acceleration 0.30g, 3 bays of 9 m, 3.9 m storeys",
     {"seismic.pga_g": 0.3}),
    # a spreadsheet's header and one row, and a table of Chinese keys and values
    ("Bldg\tSystem\tStories\tStory ht (m)\tBays X\tBay X (m)\tBays Y\tBay Y (m)\tCode\tIntensity\tPGA\tSite\n"
     "A1\tRC frame\t5\t3.6\t4\t7.2\t3\t6.0\tGB 50011\t7\t0.10g\tII",
     {"stories": 5, "heights": [3.6] * 5, "x": [7.2] * 4, "y": [6.0] * 3, "seismic.pga_g": 0.1}),
    ("项目;数值\n结构形式;钢框架\n层数;5\n首层层高;4.8m\n标准层层高;3.9m\nX向跨数;4\nX向跨度;9.0m\nY向跨数;3\nY向跨度;9.0m\n"
     "设防烈度;8度(0.20g)\n场地类别;Ⅲ类\n设计地震分组;第二组",
     {"system": "steel_frame", "heights": [4.8] + [3.9] * 4, "x": [9.0] * 4, "y": [9.0] * 3, "seismic.site_class": "III",
      "seismic.design_group": 2}),
]


@pytest.mark.parametrize("text", ["plane frame, 3 storeys of 3 m, span 7,2 m", "5-storey frame, storeys 3.3 m, 4 bays at 7,2 m"])
def test_a_decimal_comma_in_a_bay_width_is_asked_about_not_read_as_two_bays(text):
    with pytest.raises(SpecError) as err:
        parse_text(text)
    assert "a decimal comma (7.2 m) or two bays (7 m and 2 m)?" in str(err.value)


def test_a_list_of_story_heights_before_the_story_word_still_joins_across_and():
    spec = parse_text("2-story RC frame, 14 ft and 12 ft stories, 3 bays of 20 ft, SDS 0.4, SD1 0.2")
    assert _close(spec.story_heights_m, [14 * FT, 12 * FT])


# The eighth probe: project briefs, revisions, PDF line breaks, abbreviations, tables, 设计说明 (each was read wrong,
# the silent ones first, or refused)
PROBE_8 = [
    ("3 storeys, each 5 m tall, 3 bays of 6 m", {"heights": [5.0] * 3}),
    ("3-storey frame, each fifteen feet high, 3 bays of 30 ft", {"heights": [15 * FT] * 3}),
    ("5-storey RC frame, 3 bays of 6 m, storey height 3.3 m, now 3.6 m", {"heights": [3.6] * 5}),
    ("5-storey RC frame, 3 bays of 6 m, storey height 3.3 m; update: 3.6 m", {"heights": [3.6] * 5}),
    ("4-storey RC frame, 3 bays of 6.0 m, one frame line. Storey height 3.6 m (revised to 3.9 m per the architect's "
     "comment of 14/05).", {"heights": [3.9] * 4}),
    ("5-storey RC frame, 3 bays of 6 m, storey height changed from 3.3 m to 3.6 m", {"heights": [3.6] * 5}),
    ("5-storey RC frame, 3 bays of 6 m, storey height 3.6 m (was 3.3 m)", {"heights": [3.6] * 5}),
    ("5层框架，3跨6m，层高3.6m，改为3.9m", {"heights": [3.9] * 5}),
    ("4层框架，3跨6m，层高由3.6m改为3.9m", {"heights": [3.9] * 4}),
    ("层高原为3.6m，现根据建筑专业意见修改为3.9m。4层钢筋混凝土框架，X向3跨7.2m，Y向2跨6.6m，8度0.20g", {"heights": [3.9] * 4}),
    ("5-storey RC frame, bays 6 m, now 7 m, 3 bays", {"x": [7.0] * 3}),
    ("6-story frame, 4.8 m first story, then 3.2 m for the other 5, 3 bays of 8 m", {"heights": [4.8] + [3.2] * 5}),
    ("单层钢框架，檐口高度9m，1跨24m", {"heights": [9.0], "x": [24.0]}),
    ("1-storey steel frame, 1 bay of 24 m, eaves at 9 m", {"heights": [9.0]}),
    ("1-storey single-bay steel portal frame, span eighteen metres and an eaves height of six metres",
     {"heights": [6.0], "x": [18.0]}),
    ("6层框架，层高2.9m，开间3.6m×8，8度0.2g", {"x": [3.6] * 8}),
    ("5层框架，层高3.6m，①~⑦轴开间均为7.5m", {"x": [7.5] * 6}),
    ("5层框架，层高3.6m，①~⑦轴间距7.5m，Ⓐ~Ⓒ轴间距6m", {"x": [7.5] * 6, "y": [6.0] * 2}),
    ("steal moment frame, 3 storeys of 4 m, 3 bays of 8 m", {"system": "steel_frame"}),
    ("4-storey RC frame, 3.6 m floors, bays 600 cm x 3 in X and 500 cm x 2 in Y", {"x": [6.0] * 3, "y": [5.0] * 2}),
    ("4-storey RC frame, 3.6 m floors, 3 bays of 600 cm in x and 2 bays of 500 cm in y", {"x": [6.0] * 3, "y": [5.0] * 2}),
    ("4层框架，层高3.6m，7度0.10g\n方向\t跨数\t跨度(m)\nX\t5\t6.0\nY\t2\t7.5", {"x": [6.0] * 5, "y": [7.5] * 2}),
    ("4-storey RC frame, 3.6 m storeys\naxis\tspan\tno. of spans\nlongitudinal\t8 m\t5\ntransverse\t6 m\t2",
     {"x": [8.0] * 5, "y": [6.0] * 2}),
    ("4-storey steel frame, plane frame, storey height 3.5 m, spans 6-8-6 m, frame spacing 6 m", {"x": [6.0, 8.0, 6.0]}),
    ("4-storey RC frame, 3.6 m storeys, bays of 6-8-6 m, plane frame", {"x": [6.0, 8.0, 6.0]}),
    ("The structure is a six-sto-\nrey reinforced con-\ncrete moment-resist-\ning frame with storey\nheights of 4.2 m "
     "(ground)\nand 3.4 m (typical). There\nare 5 bays of 7.2 m in the X\ndirection and 3 bays of\n6.0 m in the Y direction.",
     {"heights": [4.2] + [3.4] * 5, "x": [7.2] * 5, "y": [6.0] * 3}),
    ("Typ. flr-to-flr ht = 11'-6\"; grnd flr = 14'-0\"; no. of flrs = 5; bay spcg 25'-0\" x 4 (longit.) & 30'-0\" x 2 "
     "(transv.); conc. SMF; f'c = 5 ksi; SDS 1.0, SD1 0.6",
     {"heights": [14 * FT] + [11.5 * FT] * 4, "x": [25 * FT] * 4, "y": [30 * FT] * 2}),
    ("approx. 3 no. storeys @ 3.6 m, 4 no. bays @ 6.0 m ctrs, 2D frame, conc. C30/37, EC8 agR 0.2g, gnd type C",
     {"stories": 3, "x": [6.0] * 4}),
    ("5-storey RC frame, 4.0 m storeys, 3 bays of 7.5 m, 48 parking spaces, office", {"x": [7.5] * 3}),
    ("2-storey steel frame, 4 m storeys, 4 bays of 9 m, plot 60 m x 40 m (2400 m2), office", {"x": [9.0] * 4}),
    ("4-storey frame, storey heights 4.5, 3.6, 3.6, 3.6 (units: m), 3 bays of 6 m", {"heights": [4.5, 3.6, 3.6, 3.6]}),
    ("5 storeys, intensity 8, 0.2g, storey heights 4.5, 3.6, 3.6, 3.6, 3.6 (units: m), 3 bays of 6 m",  # not "8 m"
     {"heights": [4.5] + [3.6] * 4, "seismic.intensity": 8}),
    ("4层框架，层高3.9m，开间7.2m，共6开间；进深方向3跨，每跨6.0m", {"x": [7.2] * 6, "y": [6.0] * 3}),
    ("4层框架，层高3.9m，开间8.0m（4个开间），进深7.0m（2跨）", {"x": [8.0] * 4, "y": [7.0] * 2}),
    ("4层框架，层高3.9m，X向6跨6m，进深12m（单跨）", {"x": [6.0] * 6, "y": [12.0]}),
    ("Grid lines A-E at 7.2 m centres (X) and 1-4 at 6.0 m centres (Y); 5 storeys at 3.6 m; RC frame.",
     {"x": [7.2] * 4, "y": [6.0] * 3}),
    ("Grids A-B 6.0 m, B-C 8.0 m, C-D 6.0 m; grids 1-2 7.5 m, 2-3 7.5 m. 4 storeys of 3.9 m; steel moment frame.",
     {"x": [6.0, 8.0, 6.0], "y": [7.5, 7.5]}),
    ("Plane frame on grid 3, spanning grid lines A to F at an equal spacing of 6.6 m; 3 storeys of 4.0 m; RC.",
     {"x": [6.6] * 5}),
    ("Gridlines 1 through 7 at 30'-0\" o.c. and A through C at 25'-0\" o.c.; 3-story steel SMF; 13'-0\" typical story "
     "height; SDS 1.0, SD1 0.6", {"x": [30 * FT] * 6, "y": [25 * FT] * 2, "heights": [13 * FT] * 3}),
    ("5 flr RC MRF, flr ht. 3.5 m typ., 1st flr ht. 4.5 m, 4 bays @ 7.5 m c/c in X, 3 bays @ 6 m c/c in Y.",
     {"heights": [4.5] + [3.5] * 4, "x": [7.5] * 4, "y": [6.0] * 3}),
    ('4-sty conc. frame w/ 12 ft typ. sty ht., 16 ft @ grnd, 3 bays @ 24 ft o.c. E-W, 2 bays @ 20 ft o.c. N-S; '
     'cols 20" sq., bms 16"x24"; DL 100 psf, LL 40 psf; SDS 1.0, SD1 0.6',
     {"heights": [16 * FT] + [12 * FT] * 3, "x": [24 * FT] * 3, "y": [20 * FT] * 2, "col0": (20 * 0.0254, 20 * 0.0254),
      "beam0": (16 * 0.0254, 24 * 0.0254)}),
    ("钢结构设计说明：结构形式为钢框架，层数2层，层高分别为6.0m和4.5m，柱距（开间）6.0m×6，跨度（进深）12m（单跨）。6度(0.05g)",
     {"x": [6.0] * 6, "y": [12.0]}),
    ("地上3层，地下1层（不参与计算）；层高：地下室3.9m，一层4.5m，二、三层4.2m。钢筋混凝土框架，X向5跨8.0m，Y向2跨8.0m。6度（0.05g）",
     {"heights": [4.5, 4.2, 4.2]}),
    ("Storey heights: G/F 4.5 m, 1/F to 5/F 3.3 m (typ.), R/F main roof. RC frame, bays 4 @ 8.0 m in X and 2 @ 10.0 m "
     "in Y.", {"heights": [4.5] + [3.3] * 5, "x": [8.0] * 4, "y": [10.0] * 2}),
    # no story count, but a height for every story, from the first on: the count
    ("Ground floor 5.0 m, first floor 4.0 m, second to fourth floors 3.5 m, then the roof. RC frame, 3 bays of 6 m, one "
     "frame line.", {"heights": [5.0, 4.0, 3.5, 3.5, 3.5]}),
    ("钢筋混凝土框架。层高：一层 4.50，二～四层 3.60（单位：m）。开间 3×7.8 m，进深 2×6.9 m。8度（0.20g）",
     {"heights": [4.5, 3.6, 3.6, 3.6], "x": [7.8] * 3, "y": [6.9] * 2}),
    ("Plane frame: steel OMF, story heights 168 in. (1st) and 144 in. (2nd-3rd), bay widths 360 in. x 3, SDS 0.30 g, "
     "SD1 0.12 g.", {"heights": [168 * 0.0254] + [144 * 0.0254] * 2, "x": [360 * 0.0254] * 3}),
    ("EC8 DCH, ag = 0.30 g, soil class B. RC MRF in C40/50, 8 storeys: ground 4.0 m + 7 × 3.2 m; bays 3 × 8 m (X) and "
     "3 × 8 m (Y).", {"heights": [4.0] + [3.2] * 7, "x": [8.0] * 3, "y": [8.0] * 3}),
    ("RC frame, storey heights 4.2 m + 5 @ 3.6 m, 3 bays of 6 m", {"stories": 6, "heights": [4.2] + [3.6] * 5}),
]


@pytest.mark.parametrize(("text", "needle"), [
    ("8-storey RC frame with a central RC core, 3.5 m storeys, 3 bays of 8 m", "central rc core"),
    ("8-storey RC frame, 3.5 m storeys, 3 bays of 8 m, lateral loads resisted by the core", "resisted by the core"),
    ("5-storey RC frame, 3.6 m storeys, 4 bays of 8 m, RC walls around the lift shaft", "rc walls"),
    ("5-storey RC frame, 3.6 m storeys, 4 bays of 8 m, lift shaft walls", "lift shaft walls"),
    ("5层框架，层高3.6m，X向4跨8m，楼梯间设钢筋混凝土墙", "钢筋混凝土墙"),
    ("5-storey RC frame, 3.6 m storeys, 4 bays of 8 m, the plan is L-shaped", "plan is l-shaped"),
    ("5层框架，层高3.6m，X向4跨8m，平面为L形", "平面为l形"),
    ("5-storey RC frame with a trapezoidal plan, storey height 3.5 m, 3 bays of 6 m", "trapezoidal plan"),
    ("6-storey RC frame, 3.3 m storeys, 4 bays of 7 m. The top two floors step back on the north side.", "step back"),
    ("5层框架，层高3.6m，X向4跨8m，局部错层", "错层"),
    ("3-story concrete SMF, 14 ft stories, 3 bays at 28 ft; mapped spectral response acceleration 1.25 g (short period)",
     "mapped (MCE) spectral acceleration"),
    ("3-story concrete SMF, 14 ft stories, 3 bays at 28 ft; Ss 1.25, S1 0.50", "Ss = 1.25 g is a mapped"),
    ("4-storey frame, storey height 4.5, 3 bays of 6 m", "give the unit of 4.5"),
    ("4层框架，层高4.50，3跨6m", "give the unit of 4.50"),
    ("3-storey frame, clear height 3.0 m, 3 bays of 6 m", "is not a story height"),
    ("3-storey frame, clear storey height 3.0 m, 3 bays of 6 m", "is not a story height"),
    ("RC frame, 3 bays of 6 m, ground floor 5.0 m, third floor 3.5 m", "number of stories"),  # a gap: no count
    ("RC frame, storey heights 4.5 m and 3.6 m, 3 bays of 6 m", "number of stories"),  # the first and the typical?
    ("5-storey RC frame, 3.6 m storeys, grid lines A-K at 7.2 m centres", "could not tell"),  # I is skipped or not?
])
def test_what_the_eighth_probe_found_read_as_a_plain_frame_is_refused(text, needle):
    with pytest.raises(SpecError) as err:
        parse_text(text)
    assert needle in str(err.value)


def test_a_clear_height_beside_a_story_height_is_no_story_height():
    spec = parse_text("3-storey frame, storey height 3.6 m, clear height 3.0 m, 3 bays of 6 m")
    assert _close(spec.story_heights_m, [3.6] * 3)


# The ninth probe: chat turns, data files (YAML-like keys, Python lists, LaTeX), traditional characters, mixed
# members, undecided counts (each was read wrong, the silent ones first, or refused)
PROBE_9 = [
    ("steel moment frame, 4 stories, story heights [4.5, 3.8, 3.8, 3.8] m, 3 bays of 8 m", {"heights": [4.5, 3.8, 3.8, 3.8]}),
    ("steel moment frame, 4 stories, story heights 4.5, 3.8, 3.8, 3.8 # m, 3 bays of 8 m", {"heights": [4.5, 3.8, 3.8, 3.8]}),
    ("steel moment frame, 4 stories of 3.8 m, bays x: [8.0, 8.0, 8.0] m", {"x": [8.0] * 3}),
    ("3 stories, story_height_m = 4.0, 3 bays of 8 m", {"heights": [4.0] * 3}),
    ("RC frame, 5 stories of 3.5 m, bays_x = 4, bay_width_x_m = 7.0", {"x": [7.0] * 4}),
    ("7-storey RC frame, 4 bays of 7.2 m\nStorey height & 3.4~m \\\\", {"heights": [3.4] * 7}),
    ("7-storey RC frame, 3.4 m storeys, bays in x $5 \\times 7.0$ m", {"x": [7.0] * 5}),
    ("6层框架，層高3.6m，X向3跨6m", {"heights": [3.6] * 6}),
    ("6层框架，层高3.6m，首層4.5m，X向3跨6m", {"heights": [4.5] + [3.6] * 5}),
    ("6层鋼框架，层高3.6m，X向3跨6m", {"system": "steel_frame"}),
    ("6层框架，层高3.6m，X向3跨6m，8度0.2g，場地類別Ⅲ類，設計地震分組第二組", {"seismic.site_class": "III",
                                                                 "seismic.design_group": 2}),
    ("3-storey steel frame, the first is 4.5 m, the others 3.6 m, 4 bays of 9 m", {"heights": [4.5, 3.6, 3.6]}),
    ("3 stories. The first one is 15 ft, the others 13 ft. One frame line, 4 bays at 30 ft. SDS 1.0, SD1 0.6",
     {"heights": [15 * FT, 13 * FT, 13 * FT]}),
    ("问：几层？\n答：六层。\n问：层高多少？\n答：都是3.6米，首层4.5米。\n问：柱网？\n答：X向4跨8米，Y向2跨8米。\n问：抗震？\n答：8度（0.20g）",
     {"heights": [4.5] + [3.6] * 5}),
    ("3 stories of 4 m, 3 bays of 8 m, material: steel", {"system": "steel_frame"}),
    ("3 stories of 4 m, 3 bays of 8 m\ngrade = S355", {"system": "steel_frame", "material.steel_grade": "S355"}),
    ("RC frame, 4 storeys of 3.5 m, 3 bays of 6 m, SDS 1.0, SD1 0.6, risk_category = IV", {"seismic.risk_category": "IV"}),
    ("RC frame, 4 storeys of 3.5 m, 3 bays of 6 m, intensity 8, site_class = III", {"seismic.site_class": "III"}),
    ("RC frame, 4 storeys of 3.5 m, 3 bays of 6 m, EN 1998, ag = 0.25 g, S = 1.35", {"seismic.ground_type": "D"}),
]


@pytest.mark.parametrize(("text", "expected"), PROBE_7 + PROBE_8 + PROBE_9)
def test_the_seventh_to_ninth_probes_descriptions_are_read_as_written(text, expected):
    spec = parse_text(text)
    for key, value in expected.items():
        got = _get(spec, key)
        assert _close(got, value), (key, got, value)


@pytest.mark.parametrize(("text", "needle"), [
    ("Bldg\tSystem\tStories\tStory ht (m)\tBays X\tBay X (m)\nA1\tRC frame\t5\t3.6\t4\t7.2\nA2\tRC frame\t8\t4.2\t6\t9.0",
     "several buildings"),
    ("A 3- or 4-storey steel frame, 4.0 m storeys, 3 bays of 8 m", "leaves the count open"),
    ("steel frame, 3 or 4 storeys, 4.0 m storeys, 3 bays of 8 m", "leaves the count open"),
    ("4层框架，钢柱（箱形400x400x20），钢筋混凝土梁300×600，层高3.6m，X向3跨7.2m", "one material for every member"),
    ("4-storey frame, steel box columns 400x400x20, concrete beams 300x600 mm, 3.6 m storeys, 3 bays of 7 m",
     "one material for every member"),
    ("4-storey RC frame, storey height 3.5 m, 5 bays of 6 m, non-seismic design", "no seismic input"),
    ("4层框架，层高3.5m，X向5跨6m，非抗震设计", "no seismic input"),
    ("Concrete OMF, 4 stories of 12 ft, 3 bays of 24 ft, Cs = 0.10", "give SDS and SD1"),
])
def test_what_the_ninth_probe_found_read_wrong_is_refused(text, needle):
    with pytest.raises(SpecError) as err:
        parse_text(text)
    assert needle in str(err.value)
