"""Text -> BuildingSpec, deterministically, in English and Chinese, SI and US units.

``parse_text`` is a pure function: it normalises the text (full-width characters,
number words, Chinese numerals), splits it into clauses, reads each field with a few
regular expressions, converts units with ``units.to_si``, and hands what it found to
``spec.complete_spec``, which fills and records the defaults. Contradictions (two story
counts, 2D with bays in Y, intensity 8 with 0.10g) and missing essentials raise
``SpecError`` naming them.

>>> s = parse_text("5-story RC frame, 3.5 m floors, 3x2 bays of 6 m, intensity 8, 0.20g, office")
>>> (s.stories, s.story_heights_m[0], s.bay_widths_x_m, s.bay_widths_y_m, s.seismic.pga_g)
(5, 3.5, [6.0, 6.0, 6.0], [6.0, 6.0], 0.2)
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, NamedTuple

from . import codes
from .errors import SpecError
from .spec import MAX_STORIES, STORY_HEIGHT_RANGE_M, BuildingSpec, box_section, complete_spec, i_section, pipe_section
from .units import to_si, tokens, us_equivalent, written_in_us_units

# ---------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------

_WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "single": 1, "double": 2, "a hundred": 100,
}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _zh_numeral(s: str) -> int:
    """Value of a Chinese numeral up to 999 ('十二' -> 12, '二十' -> 20, '一百二十' -> 120)."""
    total, current = 0, 0
    for ch in s:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _ZH_DIGITS[ch]
    return total + current


_ORDINALS = {"second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6"}
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                  "ninth": 9, "tenth": 10}
_ORDINAL = r"(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
_ORDINAL_FLOORS = re.compile(r"\b" + _ORDINAL + r"(?:\s*(-|~|to|through|and|&)\s*" + _ORDINAL + r")?\s*(?:floors?|levels?)\b"
                             r"(\s*(?:and\s*(?:above|up(?:wards)?)|upwards|to\s*(?:the\s*)?(?:top|roof))(?:\s*[(（][^()（）\d]{0,30}[)）])?)?")
_UK_FLOORS = re.compile(r"(?:\bground\s*(?:floor|level)\b(?:\s*[(（][^()（）\d]{0,30}[)）])?(?:\s*(?:height|is|of|=|:|at))*\s*\d+(?:\.\d+)?\s*(?:m|ft|')|"
                        r"\d+(?:\.\d+)?\s*(?:m|ft|')\s*(?:high\s*)?(?:for|at|on)?\s*(?:the\s*)?ground\s*(?:floor|level)\b|"
                        r"\d+(?:\.\d+)?\s*(?:m|ft|')\s*[(（]\s*(?:the\s*)?ground(?:\s*(?:floor|level))?\s*[)）])"
                        r"(?![^,;]*\(\s*(?:the\s*)?first)(?=.*\bfirst\s*(?:(?:-|~|to|through|and|&)\s*"
                        + _ORDINAL + r"\s*)?(?:floors?|levels?)\b)")
"""British floor naming: a ground floor and a first floor above it, each with its own height ('ground floor 4.5 m,
first and second floors 3.6 m'): the first floor is story 2."""


def _ordinal(word: str) -> int:
    return _ORDINAL_WORDS.get(word) or int(word[:-2])


def _ordinal_floors(t: str) -> str:
    """Floors by ordinal as the stories they are: 'second and third floors' (stories 2-3), 'second to fifth floors';
    in British naming (a ground floor and a first floor both given) one story higher: 'first floor' (story 2)."""
    offset = 1 if _UK_FLOORS.search(t) else 0

    def story(m: re.Match[str]) -> str:
        if m[4] and not m[3]:  # "first floor and above" (British: story 2 up), as the reader of 2层及以上 takes it
            return f"{_ordinal(m[1]) + offset}层及以上"
        low = _ordinal(m[1]) + offset
        high = _ordinal(m[3]) + offset if m[3] else low
        if m[2] in ("and", "&") and high != low + 1:
            return m.group(0)  # "first and third floors": not a range
        return f"stories {low}-{high}" if offset or m[3] or low > 1 else m.group(0)

    return _ORDINAL_FLOORS.sub(story, t)


def _is_unit(token: str) -> bool:
    """Whether ``token`` is a unit autobm reads (of a length, mass, stiffness, force or pressure)."""
    return any(token in tokens(d) for d in ("length", "mass", "stiffness", "force", "pressure"))


_LONG_BY_WIDE = re.compile(
    r"(?<![\d.])(?P<a>\d+(?:\.\d+)?)\s*(?P<au>m|ft|feet|foot)\s+(?P<ak>long|wide|deep)\b(?:\s*\(\s*(?P<an>\d+)\s*bays?\s*\))?"
    r"\s*(?:by|x|and|,)\s*(?P<b>\d+(?:\.\d+)?)\s*(?P<bu>m|ft|feet|foot)\s+(?P<bk>long|wide|deep)\b"
    r"(?:\s*\(\s*(?P<bn>\d+)\s*bays?\s*\))?")


def _plan_of_long_by_wide(m: re.Match[str]) -> str:
    """A plan given by its length and width: the length along X, the width (or depth) along Y, with the bay counts
    that came with them."""
    if (m["ak"] == "long") == (m["bk"] == "long"):
        return m.group(0)  # "30 m wide by 12 m deep": which is X is not said; left as written
    first, second = (m["a"], m["au"], m["an"]), (m["b"], m["bu"], m["bn"])
    (x, xu, nx), (y, yu, ny) = (first, second) if m["ak"] == "long" else (second, first)
    counts = [f"{n} bays in {axis}" for n, axis in ((nx, "x"), (ny, "y")) if n]
    return f"plan {x} {xu} x {y} {yu}" + (", " + " and ".join(counts) if counts else "")


def _expand_at(m: re.Match[str]) -> str:
    """'4.2 m + 5@3.6 m' as '4.2 m, 3.6 m, 3.6 m, 3.6 m, 3.6 m, 3.6 m' (where a term has a count: '6+2.4+6 m' stays)."""
    if "@" not in m.group(0):
        return m.group(0)
    unit = re.search(r"(m|ft)\s*$", m.group(0)).group(1)
    out = []
    for term in m.group(0).split("+"):
        n, _, length = term.strip().rpartition("@")
        value = re.match(r"\s*(\d+(?:\.\d+)?)", length).group(1)
        out += [f"{value} {unit}"] * (int(n) if n.strip() else 1)
    return ", ".join(out)


def _consecutive_stories(m: re.Match[str]) -> str:
    numbers = [int(x) for x in re.findall(r"\d+", m.group(1))]
    if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return f"{numbers[0]}~{numbers[-1]}层"
    return m.group(0)


_MASS_LABEL = r"(?:(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|ground)\s*(?:floor|level|stor(?:e)?y)|(?:floor|level)\s*\d+|roof)"
_LABELLED_MASS = _MASS_LABEL + r"\s*(?:=|:)?\s*\d+(?:\.\d+)?\s*(?:t|kg|tonnes?)\b"
_LABELLED_MASSES = re.compile(r"(mass(?:es)?\s*(?:=|:|are)?\s*)(" + _LABELLED_MASS + r"(?:\s*(?:,|and)\s*" + _LABELLED_MASS + r")+)")


def _floor_mass_list(m: re.Match[str]) -> str:
    """'masses: 1st floor 250 t, 2nd floor 250 t, roof 180 t' as 'masses: 250 t, 250 t, 180 t' (the floors in order;
    the first value was taken for every floor)."""
    values = re.findall(_MASS_LABEL + r"\s*(?:=|:)?\s*(\d+(?:\.\d+)?\s*(?:t|kg|tonnes?))\b", m.group(2))
    return m.group(1) + ", ".join(values)


_TABLE_HEIGHT = r"\d+(?:\.\d+)?(?:\s*(?:m|ft)\b|'\s*-?\s*\d+(?:\.\d+)?\s*\"|')?"
_HEIGHT_TABLE = re.compile(r"(?:stor(?:e)?y|level|floor|楼层|层号)\s*(?:no\.?|#)?\s*\|\s*(?:height|ht\.?|层高)\s*"
                           r"(?:\(\s*(m|ft)\s*\)|\[\s*(m|ft)\s*\])?\s*\|?((?:\s*[|\n]?\s*\d+\s*\|\s*" + _TABLE_HEIGHT
                           + r"\s*\|?)+)")


def _heights_of_table(m: re.Match[str]) -> str:
    """A table of story heights ('Story | Height (m)' then '1 | 4.2', '2 | 3.6' ...) as '4 stories, story heights
    4.2 m, 3.6 m, ...' (the rows in story order, or from the roof down; their count is the story count)."""
    unit = m.group(1) or m.group(2) or ""
    rows = re.findall(r"(\d+)\s*\|\s*(" + _TABLE_HEIGHT + ")", m.group(3))
    if rows and [int(n) for n, _ in rows] == list(range(len(rows), 0, -1)):  # listed from the roof down
        rows.reverse()
    if not rows or [int(n) for n, _ in rows] != list(range(1, len(rows) + 1)):
        return m.group(0)
    heights = [h if re.search(r"[a-z'\"]", h) or not unit else f"{h} {unit}" for _, h in rows]
    return f"; {len(rows)} stories, story heights {', '.join(heights)}; "


def _floor_labels(first: str, last: str, m: re.Match[str]) -> str:
    """Stories by floor labels ('2F~5F', 'L2-L5') as the parser reads them; before 层高, as Chinese: '2~5层层高3.6m'."""
    chinese = re.match(r"\s*层高", m.string[m.end():])
    return (f"{first}层" if first == last else f"{first}~{last}层") if chinese else f"stories {first}-{last} "


_BAY_IN_PARENTHESES = re.compile(r"(?<![\d.])(\d+)\s*(?:bays?|spans?)\s*[(（]\s*(\d+(?:\.\d+)?)\s*(m|ft|mm)\s*[)）]")
"""'3 bays (28 m)': each, or in all?"""


_BAYS_TOTAL = re.compile(
    r"(?<![\d.])(?P<n>\d+)\s*(?:bays?|spans?)\s*(?:(?:totall?ing|with\s*a\s*total\s*(?:length|width)?\s*of|over)\s*"
    r"(?P<total>\d+(?:\.\d+)?)\s*(?P<unit>m|ft)\b(?:\s*(?:in\s*total|in\s*all|total|overall))?"
    r"|[(,]\s*(?P<total2>\d+(?:\.\d+)?)\s*(?P<unit2>m|ft)\s*(?:in\s*total|in\s*all|total|overall|altogether)\s*\)?)")
"""Bays given by their total length: '3 bays totalling 28 m', '3 bays (28 m total)', '3 bays, 28 m in all'."""


def _bays_of_total(m: re.Match[str]) -> str:
    total, unit = (m["total"], m["unit"]) if m["total"] else (m["total2"], m["unit2"])
    return f"{m['n']} bays of {float(total) / int(m['n']):.6g} {unit}"


_SIZE_OF_THINGS = (r"\d+(?:\.\d+)?\s*(?:mm|cm|m|in|ft|\"|')?\s*(?:x|by)\s*\d+(?:\.\d+)?\s*(?:mm|cm|m|in|ft|\"|')?"
                   r"(?:\s*(?:x|by)\s*\d+(?:\.\d+)?\s*(?:mm|cm|m|in|ft|\"|')?)?")
"""A size, 'b x h' or 'b x h x t', with its units."""


def _story_heights_of_levels(m: re.Match[str]) -> str:
    """Rising floor elevations above the base as the story heights between them; anything else left as it was."""
    levels = [float(v) for v in re.findall(r"\d+(?:\.\d+)?", m.group(1))]
    if len(levels) > 2 and levels[0] == 0.0:  # "+0.00, +4.20, +7.80": the base's own level first
        levels = levels[1:]
    heights = [b - a for a, b in zip([0.0] + levels, levels)]
    if len(levels) < 2 or any(h <= 0 for h in heights):
        return m.group(0)
    return "story heights " + ", ".join(f"{h:.6g}" for h in heights) + " m"


def _bays_of_parenthesised(m: re.Match[str]) -> str:
    """'N bays (L)' where only one reading is a frame's bay: L each when L / N would be under 3 m, L in all when L
    itself is over 20 m; else left for ``_refuse`` to ask."""
    count, length = int(m[1]), to_si(float(m[2]), m[3], "length")
    if count > 1 and length / count < 3.0:
        return f"{m[1]} bays of {m[2]} {m[3]}"
    if count > 1 and length > 20.0:
        return f"{m[1]} bays of {float(m[2]) / count:.6g} {m[3]}"
    return m.group(0)


_TERMINAL = r"(?=\s*(?:$|[;)]|,\s*(?!\d)|,\s*\d+\s*-?\s*(?:bays?|spans?|stor|floors?)|in\s+(?:each\s+)?[xy]\b|along\b|each\b|typ))"
_UNIT_AT_FIRST = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(mm|m|ft)\b((?:\s*\+\s*\d+(?:\.\d+)?)+|(?:\s*,\s+\d+(?:\.\d+)?){2,})"
                            + _TERMINAL)
"""A list of lengths with its unit at the first only: '6.0 m + 8.0 + 6.0', '4.5 m, 3.3, 3.3, 3.3'."""
_GEOMETRY_BEFORE = re.compile(r"(?:bays?|spans?|heights?|stor(?:e)?(?:y|ies)|floors?|grid|widths?|direction|axis|[xy]\s*:"
                              r"|柱距|跨|层高)[^;。]{0,40}$")


def _unit_to_the_end(m: re.Match[str]) -> str:
    """'6.0 m + 8.0 + 6.0' as '6.0 + 8.0 + 6.0 m' after a word of the frame's geometry (bays, spans, heights): the rest
    of the list was dropped (three bays of 6.0 m, every story 4.5 m); elsewhere left alone."""
    if not _GEOMETRY_BEFORE.search(m.string[max(0, m.start() - 60):m.start()]):
        return m.group(0)
    return f"{m[1]}{m[3]} {m[2]}"


_PLAN_SIDE = re.compile(r"(?:(纵向|横向)\s*(?:总)?(?:长度|宽度|长|宽)|(?:plan|building|overall|total)\s*(length|width))\s*"
                        r"(?:is|of|=|:|为|是)?\s*(\d+(?:\.\d+)?)\s*(m|米|ft)(?![a-z\d])(?:\s*[(]\s*(\d+)\s*(?:bays?|spans?|跨)"
                        r"\s*(?:(?:x|of|at|@|,|each)?\s*(\d+(?:\.\d+)?)\s*(m|米|ft)(?![a-z\d]))?\s*[)])?")
"""A plan's side by its direction, with its bays in parentheses or not: '纵向长度50.4m(7跨x7.2m)', '横向宽度15m(2跨,7.5m)',
'plan length 50.4 m (7 bays of 7.2 m)'."""


def _plan_side(m: re.Match[str]) -> str:
    """'plan length 50.4 m, 7 bays of 7.2 m in x' (the plan then checked against its bays), or as it was."""
    axis = "x" if m[1] == "纵向" or m[2] == "length" else "y"
    unit = "ft" if m[4] == "ft" else "m"
    side = f"plan {'length' if axis == 'x' else 'width'} {m[3]} {unit}"
    if m[5] is None:
        return side
    bays = f"{m[5]} bays" + (f" of {m[6]} {'ft' if m[7] == 'ft' else 'm'}" if m[6] else "")
    return f"{side}, {bays} in {axis}"


_L = r"\d+(?:\.\d+)?\s*(?:mm|cm|m|ft)\b"  # a length of a story or a bay, with its unit
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}


_AXIS_HEAD = re.compile(r"方向|轴向|direction|dir\.?|axis")
_COUNT_HEAD = re.compile(r"跨数|开间数|(?:no\.?\s*(?:of\s*)?|number\s*of\s*|#\s*)(?:bays?|spans?)|(?:bays?|spans?)\s*(?:count|no\.?|number)")
_WIDTH_HEAD = re.compile(r"(?:跨度|柱距|开间|间距|(?:bay|span)\s*(?:widths?|lengths?)|widths?|spacing|(?P<bare>bays?|spans?))"
                         r"\s*(?:[(\[]\s*(?P<unit>m|ft|mm)\s*[)\]])?")
_AXIS_CELL = {"x": "x", "x向": "x", "纵向": "x", "longitudinal": "x", "long": "x",
              "y": "y", "y向": "y", "横向": "y", "transverse": "y", "short": "y"}


def _axis_rows(head: list[str], lines: list[str], sep: str) -> list[str] | None:
    """A table of bays with a row an axis, its header naming the axis, the count and the width (its unit in
    parentheses, or in the cells): each row as '; 5 bays of 6.0 m in x; '; None where the header is not that. A
    header of 'bays' or 'spans' alone is the count beside a width's, the width beside a count's."""
    if len(head) != 3:
        return None
    kinds: dict[str, int] = {}
    bare = []
    for k, h in enumerate(head):
        width = _WIDTH_HEAD.fullmatch(h)
        if _AXIS_HEAD.fullmatch(h):
            kinds.setdefault("axis", k)
        elif _COUNT_HEAD.fullmatch(h):
            kinds.setdefault("count", k)
        elif width and not (width["bare"] and not width["unit"]):
            kinds.setdefault("width", k)
        elif width:
            bare.append(k)
    for k in bare:
        kinds.setdefault("count" if "count" not in kinds else "width", k)
    if len(kinds) != 3 or len(set(kinds.values())) != 3:
        return None
    unit = (_WIDTH_HEAD.fullmatch(head[kinds["width"]]) or {"unit": None})["unit"]
    out = []
    for line in lines:
        cells = [c.strip() for c in line.split(sep)]
        if len(cells) != 3 or cells[kinds["axis"]] not in _AXIS_CELL or not cells[kinds["count"]].isdigit():
            break
        width = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(m|ft|mm|米)?", cells[kinds["width"]])
        if width is None or not (width[2] or unit):
            return None
        out.append(f"; {cells[kinds['count']]} bays of {width[1]} {width[2] or unit} in {_AXIS_CELL[cells[kinds['axis']]]}; ")
    return out or None


def _one_row_table(t: str) -> str:
    """A spreadsheet's header and one row pasted as text (tab or ';' separated, 3 cells or more) as 'header: value' a
    cell, the unit a header gives in parentheses after its value: 'stories\tstory ht (m)\n5\t3.6' as
    '; stories: 5; story ht: 3.6 m; '; a key-value table of Chinese keys ('层数;5') as '层数:5;'."""
    lines = t.split("\n")
    out, i = [], 0
    while i < len(lines):
        sep = "\t" if "\t" in lines[i] else ";" if lines[i].count(";") >= 2 else None
        head = [c.strip() for c in lines[i].split(sep)] if sep else []
        row = [c.strip() for c in lines[i + 1].split(sep)] if sep and i + 1 < len(lines) else []
        rows = _axis_rows(head, lines[i + 1:], sep) if sep else None
        if rows:  # a row an axis: "方向\t跨数\t跨度(m)" / "x\t5\t6.0" / "y\t2\t7.5"
            out += rows
            i += 1 + len(rows)
            continue
        if len(head) >= 3 and len(row) == len(head) and not any(re.fullmatch(r"[\d.\s]*(?:m|ft|mm)?", c) for c in head) \
                and any(re.fullmatch(r"\d+(?:\.\d+)?(?:\s*\w+)?", c) for c in row):
            cells = []
            for h, v in zip(head, row):
                unit = re.search(r"[(\[]\s*(m|ft|mm|kn/m2|kpa|psf)\s*[)\]]", h)
                name = re.sub(r"\s*[(\[][^)\]]*[)\]]", "", h)
                if unit and re.fullmatch(r"\d+(?:\.\d+)?", v):
                    v = f"{v} {unit[1]}"
                cells.append(f"{name}: {v}")
            following = [c.strip() for c in lines[i + 2].split(sep)] if i + 2 < len(lines) else []
            if len(following) == len(head) and any(re.fullmatch(r"\d+(?:\.\d+)?(?:\s*\w+)?", c) for c in following):
                raise SpecError(f"the table has a row for each of several buildings ('{row[0]}', '{following[0]}', ...): "
                                "a description is one building; give each row as a description of its own (a portfolio "
                                "of them: `autobm batch`)")
            out.append("; " + "; ".join(cells) + "; ")
            i += 2
            continue
        out.append(lines[i])
        i += 1
    t = "\n".join(out)
    return re.sub(r"(?m)^\s*((?:[xy](?=向))?[\u4e00-\u9fff][^;\t\n]{0,12}?)\s*[;\t]\s*([^;\t\n]+?)\s*$", r"\1:\2;", t)


def _rewrite_shorthand(t: str) -> str:
    """Shorthand and word orders of the frame's geometry, loads and sections, as the readers read them (each was read
    wrong or refused before: a count lost, a length dropped for the default)."""
    t = _one_row_table(t)
    # rows of a spreadsheet pasted as text, a property a row: "stories<TAB>5", "storey height;3.6;m"
    t = re.sub(r"(?m)^\s*([a-z][a-z .()/-]*?)\s*(?:\t+|;)\s*([0-9.]+)\s*(?:(?:\t+|;)\s*([a-z/²0-9]+))?\s*;?\s*$",
               lambda m: f"; {m[1]}: {m[2]}{' ' + m[3] if m[3] else ''}; ", t)
    t = re.sub(r"\b((?:stor(?:e)?y|floor)\s*heights?|dead(?:\s*load)?|live(?:\s*load)?)\s*;\s*(\d+(?:\.\d+)?)\s*;?\s*"
               r"(m|ft|kn/m2|kn/m²|kpa|psf)\b", r"\1 \2 \3", t)
    # a list of lengths does not run across "and" into a story height: "2 bays of 6 m and storeys of 3.5 m"
    t = re.sub(r"\s+and\s+(?=(?:\d+(?:\.\d+)?\s*(?:m|ft)\s+)?(?:stor(?:e)?(?:y|ies|eys|ys)|floor\s*heights?|heights?)\b)",
               lambda m: ", " if re.search(r"(?:bays?|spans?)\s+(?:of|at|@)\s*" + _L + r"$", m.string[:m.start()]) else m[0], t)
    t = re.sub(r"和(?=层高)", ",", t)
    t = re.sub(r"\b(\d+)\s+and\s+a\s+half\b", r"\1.5", t)  # "three and a half metres"
    # bays by both axes: "bays 5 @ 6 m by 3 @ 6 m", "grid 5 x 6.0 m by 3 x 6.0 m", "6 m x 5 in x and 6 m x 3 in y"
    t = re.sub(r"(?<![\d.])(\d+)\s*[@x×]\s*(" + _L + r")\s+by\s+(\d+)\s*[@x×]\s*(" + _L + r")",
               r"\1 bays of \2 in x and \3 bays of \4 in y", t)
    t = re.sub(r"(" + _L + r")\s*[x×]\s*(\d+)\s+(?:in|along)\s+([xy])\b", r"\2 bays of \1 in \3", t)
    t = re.sub(r"(?:(?<=^)|(?<=[,;:]))(\s*)(?:grid\s+)?([xy])\s+(\d+)\s*@\s*(" + _L + r")", r"\1\3 bays of \4 in \2", t)
    t = re.sub(r"(?:(?<=^)|(?<=[,;:]))(\s*)([xy])\s+(\d+\s*bays?\s+(?:of|at|@)\s*" + _L + r")", r"\1\3 in \2", t)
    t = re.sub(r"\s+along\s+(?:grid|axis|line)\s+[a-z0-9]{1,3}\b", "", t)  # "spans along grid b: 6.0, 7.5 m"
    t = re.sub(r"\bframe\s+with\s+(?:a\s+)?(?:spans?|bays?)\s+of\b", "frame, bays of", t)  # "1-bay frame with a span of 9 m"
    t = re.sub(r"\b(heights?)\s*[(]\s*(m|ft)\s*[)]\s*:\s*(\d+(?:\.\d+)?)(?![\d.]|\s*(?:m|ft|,|\+))", r"\1 \3 \2", t)
    t = re.sub(r"\b(?:bays?|spans?)\s+([xy])\s*:\s*(\d+)\s*(?=;|$)", r"\2 bays in \1", t)  # "bays x: 4" (a count)
    # a table of the building's data, a row a property: "| bays x | 4 @ 6.0 m |" as "; bays x: 4 @ 6.0 m; "
    t = re.sub(r"(?m)^\s*\|\s*([a-z][a-z .\-/()]*?)\s*\|\s*([^|\n]*(?:\d|\b(?:i{1,3}|iv|[a-e])\b)[^|\n]*?)\s*\|?\s*$",
               r"; \1: \2; ", t)
    t = re.sub(r"\b(dead|live)\s*(?:loads?)?\s*/\s*(dead|live)\s*(?:loads?)?\s*(?::|=|of)?\s*(\d+(?:\.\d+)?)\s*/\s*"
               r"(\d+(?:\.\d+)?)\s*(kpa|kn/m2|kn/m²|psf)", r"\1 load \3 \5, \2 load \4 \5", t)  # "dead / live: 5.0 / 2.0 kpa"
    # bays: "4 equal bays of 7 m", "5 longitudinal bays of 7 m and 2 transverse bays of 9 m", "bay widths 9.1 m x 4",
    # "4 bays in x, 7.5 m each", "bays 5.4 m (3 bays)", "x = 2@10 m", "bays in the e-w (x) direction 22 ft, 28 ft"
    t = re.sub(r"\bin\s+the\s+([xy])[- ]?(?:direction|dir\.?)", r"in \1", t)  # "4 bays in the x-direction"
    t = re.sub(r"\bin\s+the\s+(?:long|short|longitudinal|transverse)\s+direction\s*[(]\s*([xy])\s*[)]", r"in \1", t)
    t = re.sub(r"(?<![\d.])(\d+)\s+(?:equal|identical|typical|similar|uniform|regular)\s+(bays?|spans?)\b", r"\1 \2", t)
    t = re.sub(r"(?<![\d.])(\d+)\s+(longitudinal|transverse)\s+(bays?|spans?)((?:\s+(?:of|at|@)\s*" + _L + r")?)",
               lambda m: f"{m[1]} {m[3]}{m[4]} in {'x' if m[2] == 'longitudinal' else 'y'}", t)
    t = re.sub(r"\bbay\s*widths?\s*(?:of\s*)?(" + _L + r")\s*[x×]\s*(\d+)(?![\d.]|\s*(?:m|mm|ft)\b)", r"\2 bays of \1", t)
    t = re.sub(r"(?<![\d.])(\d+)\s*(bays?|spans?)\s*((?:in|along)\s*[xy])\s*(?:,\s*|[(]\s*)(" + _L + r")\s*each\b\s*[)]?",
               r"\1 \2 of \4 \3", t)
    t = re.sub(r"\b(?:(?:bays?|spans?)\s+)?(" + _L + r")\s*[(]\s*(\d+)\s*(?:bays?|spans?)\s*(?:,\s*(?:in\s*)?([xy]))?\s*[)]",
               lambda m: f"{m[2]} bays of {m[1]}" + (f" in {m[3]}" if m[3] else ""), t)  # "bays 5.4 m (3 bays, x)"
    t = re.sub(r"(?:(?<=^)|(?<=[,;:]))(\s*)(?:bays?\s+|spans?\s+)?([xy])\s*[=:]\s*(\d+)\s*@\s*(" + _L + r")",
               r"\1\3 bays of \4 in \2", t)
    t = re.sub(r"(" + _L + r")\s*[x×]\s*(\d+)\s*[(]\s*([xy])\s*[)]", r"\2 bays of \1 in \3", t)  # "30 ft x 4 (x)"
    t = re.sub(r"\b(bays?|spans?)\s+in\s+(?:the\s+)?(?:([xy])|(?:e-w|n-s|east-west|north-south)\s*[(]\s*([xy])\s*[)])\s*"
               r"(?:[(]\s*[xy]\s*[)])?\s*(?:direction|dir\.?)?\s+(?=\d)", lambda m: f"{m[1]} in {m[2] or m[3]}: ", t)
    # Chinese bays: "x向8.1m×6跨", "y向3跨,6.6m+2.4m+6.6m", "x向6m+6m", "y向(横向)2跨"
    t = re.sub(r"([xy]向)\s*[(]\s*(?:横向|纵向)\s*[)]|(横向|纵向)\s*[(]\s*[xy]向\s*[)]", lambda m: m[1] or m[2], t)
    t = re.sub(r"([xy]向)\s*为\s*(?:内廊式|外廊式|走廊式)\s*[,，]?\s*", r"\1", t)  # "y向为内廊式,跨度7.2m+3.0m+7.2m"
    t = re.sub(r"层数\s*:?\s*(\d+)(?!\s*[层\d.])", r"\1层", t)  # "层数;5" (a table's row)
    t = re.sub(r"([xy]向)\s*跨数\s*:?\s*(\d+)(?![\d.])", r"\1\2跨", t)  # "x向跨数;4"
    t = re.sub(r"([xy]向)\s*跨度\s*:\s*", r"\1跨度", t)  # "x向跨度;9.0m"
    t = re.sub(r"柱网(?=\s*:?\s*[xy]向)", "轴网", t)  # a grid by axis, not a column's size: "柱网x向4×4.5m"
    t = re.sub(r"(\d+)\s*跨\s*各\s*(\d+(?:\.\d+)?\s*(?:m|米))", r"\1跨,跨度\2", t)  # "2跨各6m"
    t = re.sub(r"跨度\s*l\s*=\s*", "跨度", t)  # "跨度L=6m"
    t = re.sub(r"(层高|跨度)\s*(?:都是|都为|全部为|全部是|全为|全是|均是|各为|各)", r"\1", t)  # "层高都是4m", "层高各4m"
    t = re.sub(r"(?<![\u4e00-\u9fff])(恒|活)(?=\s*\d)", r"\1载", t)  # "荷载:恒5.0kpa,活2.0kpa"
    # "x向7.2m×5", "x向8.1m×6跨", "y向:7.2 m x3跨": the width times the count
    t = re.sub(r"([xy]向)\s*:?\s*(\d+(?:\.\d+)?\s*(?:m|米))\s*[x×]\s*(\d+)(?![\d.]|\s*(?:m|米))\s*跨?", r"\1\3跨,跨度\2", t)
    t = re.sub(r"延性等级\s*(?:为|:)?\s*", " ductility class ", t)
    t = re.sub(r"性能系数\s*", " behaviour factor ", t)
    t = re.sub(r"风险类别\s*(?:为|:)?\s*(i{1,3}|iv)\s*类?", r" risk category \1 ", t)
    t = re.sub(r"(中等|普通|特殊)抗弯框架", lambda m: {"中等": " intermediate", "普通": " ordinary", "特殊": " special"}[m[1]]
               + " moment frame ", t)
    t = re.sub(r"([xy]向)\s*(\d+)\s*跨\s*[,，]\s*(\d+(?:\.\d+)?\s*(?:m|米)(?:\s*\+\s*\d+(?:\.\d+)?\s*(?:m|米)?)+)",
               r"\1\2跨,跨度\3", t)
    t = re.sub(r"([xy]向)\s*:?\s*(\d+(?:\.\d+)?(?:\s*(?:m|米))?(?:\s*\+\s*\d+(?:\.\d+)?(?:\s*(?:m|米))?)+)",
               lambda m: f"{m[1]}跨度{m[2]}" if re.search(r"\d\s*(?:m|米)", m[2]) else m[0], t)
    # story heights: "stories 3.2 m each", "story hts 14 ft/12 ft/12 ft", "second 4.0 m", "4.5 m at the base",
    # "17 ft at grade level", "16 ft 1st flr", "(upper four)", "all storeys 3.8 m except the first (5.0 m)",
    # "for the first two", "first floor-to-floor 16 ft", "3 storeys, 5.4 m, 4.5 m and 4.5 m (bottom to top)"
    t = re.sub(r"\bflrs?\b", "floor", t)
    t = re.sub(r"\b(stor(?:e)?y|floor)\s+hts?\b\.?", r"\1 heights", t)
    t = re.sub(r"(heights?\s*(?:of|:|=)?\s*)((?:\d+(?:\.\d+)?\s*(?:m|ft)?\s*/\s*)+\d+(?:\.\d+)?\s*(?:m|ft)\b)",
               lambda m: m[1] + m[2].replace("/", ", "), t)
    t = re.sub(r"\b(stor(?:e)?(?:ies|eys|ys|y)|floors?)\s+(" + _L + r")\s+each\b", r"\1, story height \2", t)
    t = re.sub(r"\b(?:the\s+)?(?:other|remaining|upper)\s+\d+\s*(?:stor(?:e)?(?:ies|eys|ys)|floors)?\s*(?:of|at|:)?\s*(" + _L
               + r")", r"\1 above", t)  # "ground storey 4.5 m, other four 3.5 m"
    t = re.sub(r"(?<![\d.])(\d+)\s*-?\s*(stor(?:e)?(?:ies|eys|ys|y))\s*[x×@]\s*(" + _L + ")", r"\1 \2 of \3", t)  # 5 storeys x 3 m
    t = re.sub(r"\bstor(?:e)?(?:ies|eys|ys|y)\s*:\s*(\d+)\s*[(]\s*(" + _L + r"(?:\s*(?:,|and)\s*" + _L + r")+)\s*[)]",
               r"\1 stories, story heights \2", t)  # "stories: 3 (5.0 m, 4.0 m, 4.0 m)"
    t = re.sub(r"\bstor(?:e)?(?:ies|eys|ys|y)\s+(\d+)\s+(?:and|&|to|through|-)\s+(\d+)\s+(?:at|of|:)\s*(" + _L + ")",
               r"stories \1-\2 \3", t)  # "storeys 1 and 2 at 4.2 m", "storeys 3 to 12 at 3.3 m"
    t = re.sub(r"\b1st\s*:\s*(" + _L + ")", r"first story \1", t)
    t = re.sub(r"\b(\d+)(?:st|nd|rd|th)\s*[-–~]\s*(\d+)(?:st|nd|rd|th)\s*:\s*(" + _L + ")", r"stories \1-\2 \3", t)
    t = re.sub(r"(?<![\d.])(\d+\s*-?\s*stor(?:e)?(?:ies|eys|ys|y))\s+total(?:l)?ing\s+(" + _L + ")", r"\1 \2 tall", t)
    t = re.sub(r"\broof\s+(?:level\s+)?(?:at|=|:)\s*(" + _L + ")|(" + _L + r")\s+to\s+the\s+roof\b",
               lambda m: f"{m[1] or m[2]} total height", t)  # "roof at 39 ft", "39 ft to the roof"
    t = re.sub(r"\b(second|third|fourth|fifth|sixth)\s+(?=" + _L + ")", lambda m: f"stories {_ORDINALS[m[1]]}-{_ORDINALS[m[1]]} ",
               t)
    t = re.sub(r"(" + _L + r")\s+at\s+(?:the\s+)?(?:base|grade(?:\s+level)?|ground(?:\s+level)?|(?:level|stor(?:e)?y|floor)\s+1"
               r"|first\s+(?:floor|stor(?:e)?y|level))\b",
               r"\1 first story", t)
    t = re.sub(r"[(]\s*upper\s*\d+\s*(?:stor(?:e)?(?:ies|eys|ys)|floors|levels)?\s*[)]", " above", t)
    t = re.sub(r"\b(?:all\s+)?(?:stor(?:e)?(?:ies|eys|ys|y)|floors?)\s+(" + _L + r")\s+except\s+(?:for\s+)?(?:the\s+)?"
               r"(?:first|ground|bottom)(?:\s+(?:stor(?:e)?y|floor))?\s*[(]\s*(" + _L + r")\s*[)]",
               r"first story \2, \1 above", t)
    t = re.sub(r"\bfor\s+the\s+first\s+(\d+)\b(?!\s*(?:stor|floor|level))", r"for the first \1 stories", t)
    t = re.sub(r"\bfirst\s+(?:floor-to-floor|floor\s+to\s+floor|stor(?:e)?y\s+height|floor\s+height)\s+(?=" + _L + ")",
               "first story ", t)
    t = re.sub(r"[(]\s*(?:from\s+)?(?:the\s+)?bottom(?:\s+to\s+(?:the\s+)?top|\s+up(?:wards)?)?\s*[)]", "", t)
    t = re.sub(r"(?<![\d.])(\d+)\s*-?\s*(stor(?:e)?(?:ies|eys|ys|y))\s*[,:]\s*((?:\d+\s*[x×@]\s*)?" + _L
               + r"(?:\s*(?:,|and|\+)\s*(?:\d+\s*[x×@]\s*)?" + _L + r")+)(?=\s*(?:[;.]|,\s*[a-z\u4e00-\u9fff]|$))",
               r"\1 \2, story heights \3", t)
    t = re.sub(r"(?<![\d.])(\d+(?:\.\d+)?\s*(?:m|米))\s*(?:的)?层高", r"层高\1", t)  # 3.6m层高
    # "| storey height | 3.5 m |": a row of a table of the building's data
    t = re.sub(r"\|\s*((?:stor(?:e)?y|floor)\s*heights?|层高)\s*\|\s*(" + _L + r")\s*(?:[(]\s*(?:all|typ\.?|typical)\s*[)])?\s*\|",
               r"; story height \2; ", t)
    # loads in EN 1990's words; sections by their abbreviations and levels
    t = re.sub(r"\bpermanent\s+actions?\b", "dead load", t)
    t = re.sub(r"\bframe\s*:\s*steel\b", "steel frame", t)  # "- Frame: steel, 2D"
    t = re.sub(r"\bdesign\s+basic\s+(?:ground\s+)?acceleration\s*(?:of|=|:|is)?\s*(\d+(?:\.\d+)?)\s*g\b", r"(\1g)", t)
    t = re.sub(r"\breference\s+peak\s+ground\s+acceleration\b\s*(?:of|=|:)?", "agr =", t)
    t = re.sub(r"\bpermanent\b(?!\s*(?:actions?|loads?))(?=\s*(?:=|:)?\s*\d)", "dead load", t)
    t = re.sub(r"(?<![a-z0-9.])([dlgq])\s*(?:=|:)?\s*(\d+(?:\.\d+)?\s*(?:kn/m2|kn/m²|kpa|psf))",
               lambda m: ("dead load " if m[1] in "dg" else "live load ") + m[2], t)  # "D 4.5 kN/m2", "G = 4.0 kN/m2"
    t = re.sub(r"\s*[(]\s*incl(?:uding|uded|\.)?\s*(?:member\s+)?self[- ]?weight\s*[)]", "", t)
    # a size with its conversion in parentheses: "610 x 610 mm (24\" x 24\")"
    t = re.sub(r"(\d+(?:\.\d+)?\s*[x×]\s*\d+(?:\.\d+)?\s*(?:mm|cm|m)\b)\s*[(]\s*\d+(?:\.\d+)?\s*(?:\"|in\.?|inch(?:es)?)?\s*[x×]\s*"
               r"\d+(?:\.\d+)?\s*(?:\"|in\.?|inch(?:es)?)\s*[)]", r"\1", t)
    t = re.sub(r"\bvariable\s+(?:actions?|loads?)\b", "live load", t)
    t = re.sub(r"\bcols?\b\.?(?=\s*\d)", "columns", t)
    t = re.sub(r"\bbms?\b\.?(?=\s*\d)", "beams", t)
    t = re.sub(r"\blvls?\b\.?\s*(?=\d)", "stories ", t)
    t = re.sub(r"\bup\s+to\s+(?:and\s+including\s+)?(?:the\s+)?(?:(\d+)(?:st|nd|rd|th)?\s+(?:stor(?:e)?y|floor|level)\b|"
               r"stories\s+(\d+)-\2\b)", lambda m: f"in stories 1-{m[1] or m[2]}", t)
    # Chinese sections by story: "底层柱600×600", "2层及以上柱500×500", "其余各层柱500×500" (the rest was dropped, or '1层'
    # read as the story count)
    size = r"(\d+(?:\.\d+)?\s*[x×]\s*\d+(?:\.\d+)?(?:\s*mm)?)"
    member = {"柱": "columns", "梁": "beams"}
    t = re.sub(r"(?:框架)?([柱梁])截面(?:尺寸)?\s*[:]\s*(?:首层|底层)\s*" + size + r"\s*[,，]\s*(?:其余|其他|其它|以上)(?:各)?(?:层)?\s*"
               + size, lambda m: f"{member[m[1]]} {m[2]} in stories 1-1, {member[m[1]]} {m[3]} above", t)
    t = re.sub(r"(?:首层|底层|一层|(?<![\d~\-.])1层)(?=(?:框架)?[柱梁])", "1~1层", t)
    t = re.sub(r"(?<![\d~\-.])(\d+)层(?:及)?以上(?:各层)?(?:框架)?([柱梁])(?:截面)?(?:尺寸)?(?:为|:|均为)?\s*" + size,
               lambda m: f"{member[m[2]]} {m[3]} in stories {m[1]} and above", t)
    t = re.sub(r"(?:其余|其他|其它|以上|上部)(?:各)?(?:层|楼层)?(?:框架)?([柱梁])(?:截面)?(?:尺寸)?(?:为|:|均为)?\s*" + size,
               lambda m: f"{member[m[1]]} {m[2]} above", t)
    # EN 1998's ground type in Chinese: 场地类别B, 地面类型B (GB 50011's site classes are I to IV)
    t = re.sub(r"(?:场地类别|地面类型|场地类型)\s*(?:为|:)?\s*([a-e])(?![a-z])", r"ground type \1", t)
    return t


_EN1998_SOIL_FACTORS = {"1.0": "a", "1.00": "a", "1.2": "b", "1.20": "b", "1.15": "c", "1.35": "d", "1.4": "e", "1.40": "e"}
"""EN 1998-1 Table 3.2, the type 1 spectrum's soil factor S by ground type (A 1.0, B 1.2, C 1.15, D 1.35, E 1.4)."""


def _structured(t: str) -> str:
    """Values as data files and papers write them, in the readers' forms: Python lists ('story heights [4.5, 3.8,
    3.8] m'), a unit in a comment ('4.5, 3.8 # m'), snake_case keys with their unit ('story_height_m = 4.0',
    'bay_width_x_m = 7.0', 'risk_category = IV'), LaTeX cells ('Storey height & 3.4~m \\\\', '$5 \\times 7.0$ m'), key-value
    material lines ('material: steel', 'grade = S355'), 'the first is 4.5 m, the others 3.6 m', and EN 1998's soil
    factor S as its ground type (Table 3.2, type 1)."""
    t = re.sub(r"\\times", "x", t)
    t = re.sub(r"\$\s*([^$\n]{1,40}?)\s*\$", r"\1", t)  # $5 x 7.0$ m
    t = re.sub(r"\s*\\\\\s*(?:\\hline\s*)?", "; ", t)  # a LaTeX row's end
    t = re.sub(r"(?<=\d)~(?=[a-z])", " ", t)  # 3.4~m
    t = re.sub(r"(?m)^([^&\n]{2,40}?)\s*&\s*([^&\n]+?)\s*;?\s*$", r"\1: \2;", t)  # "Storey height & 3.4 m"
    t = re.sub(r"\[\s*(\d+(?:\.\d+)?(?:\s*,\s*\d+(?:\.\d+)?)*)\s*\]\s*(mm|cm|m|ft)\b", r"\1 \2", t)  # [4.5, 3.8] m
    t = re.sub(r"(\d)\s*#\s*(mm|cm|m|ft)\b", r"\1 \2", t)  # 3.8 # m
    t = re.sub(r"\b([a-z]+(?:_[a-z]+)*)_(m|mm|ft|kpa|pa|g)\s*(=|:)\s*(\d+(?:\.\d+)?)",
               lambda m: f"{m[1].replace('_', ' ')} {m[3]} {m[4]} {m[2]}", t)  # story_height_m = 4.0
    t = re.sub(r"\b([a-z]+)_([a-z]+)(?:_([a-z]+))?\b(?=\s*(?:=|:))", lambda m: " ".join(g for g in m.groups() if g), t)
    t = re.sub(r"\b(bay\s*widths?|span\s*widths?)\s+([xy])\s*(?=[=:])", r"\1 in \2 ", t)  # bay width x = 7.0 m
    t = re.sub(r"\b(?:bays?|spans?)\s+([xy])\s*[=:]\s*(\d+)\b(?![.\d]|\s*(?:mm|cm|m|ft)\b|\s*[+,/&x@]\s*\d|\s*and\s*\d)", r"\2 bays in \1", t)  # bays x = 4
    t = re.sub(r"\b(?:material|type|system|structure)\s*(?:=|:)\s*(steel|rc|concrete|reinforced concrete)\b",
               lambda m: "steel frame" if m[1] == "steel" else "rc frame", t)
    t = re.sub(r"\bgrade\s*(?:=|:)\s*(s\d{3}|q\d{3}[a-e]?|a992|a36|a572)\b", r"steel frame, \1", t)
    t = re.sub(r"\bthe\s+first\s+(?:one\s+|1\s+|stor(?:e)?y\s+)?(?:is|=|:|of)\s*(" + _L + r")", r"first story \1", t)
    t = re.sub(r"\bthe\s+others?\s+(?:are\s+|is\s+)?(" + _L + r")", r"others \1", t)
    t = re.sub(r"(层高[^,，;；。\n]{0,12}?[\n:：？?]\s*(?:答\s*[:：]\s*)?)(?:都是|均为|都为|均是)\s*(\d+(?:\.\d+)?\s*(?:m|米))",
               r"\1层高\2", t)  # "问：层高多少？答：都是3.6米"
    m = re.search(r"\b(?:soil\s*factor\s*)?s\s*=\s*(1\.\d{1,2})\b(?!\s*(?:s|sec)\b)", t)
    if m and re.search(r"en\s*1998|eurocode|\bec\s*8\b|\bag\s*=", t) and not re.search(r"ground\s*type|soil\s*class", t):
        ground = _EN1998_SOIL_FACTORS.get(m[1])
        if ground:
            t = t[:m.start()] + f"ground type {ground}" + t[m.end():]
    return t


def _abbreviated(t: str) -> str:
    """Abbreviations of drawings and notes spelled out ('4-sty', '6 stys', 'flr ht.', 'grnd flr', 'no. of flrs = 5',
    '3 no. storeys', 'long dir.', 'longit.'), and a project's data that is no building's dropped ('48 parking spaces',
    'plot 60 m x 40 m')."""
    t = re.sub(r"(?<=\d)(\s*-?\s*)stys\b|\bstys\b", r"\1stories", t)
    t = re.sub(r"\bsty\b", "story", t)
    t = re.sub(r"\bflrs\b", "floors", t)
    t = re.sub(r"\bflr\b", "floor", t)
    t = re.sub(r"\bgrnd\b|\bgnd\b", "ground", t)
    t = re.sub(r"\bht\.?(?=\s|=|:|,|$)", "height", t)
    t = re.sub(r"\b(?:no\.|number)\s*of\s*(stor(?:e)?(?:ies|eys|ys)|floors|levels)\s*(?:is|are|=|:|has|of)?\s*(\d+)(?![\d.]|\s*(?:m|ft)\b)",
               r"\2 \1", t)
    t = re.sub(r"(?<![\d.])(\d+)\s*no\.?\s+(stor(?:e)?(?:ies|eys|ys|y)|floors?|bays?|spans?)\b", r"\1 \2", t)
    t = re.sub(r"\blongit\.|\blongit\b", "longitudinal", t)
    t = re.sub(r"\btransv\.|\btransv\b", "transverse", t)
    t = re.sub(r"\b(long|longer|short|shorter)\s*dir(?:\.|\b)", r"\1 direction", t)
    t = re.sub(r"\bspcg\b\.?", "spacing", t)
    t = re.sub(r"\bea\.(?=\s|=)", "each", t)  # "ht. ea. = 3.3 m"
    t = re.sub(r"@\s*(ground|grade|base)\b", r"at \1", t)  # "16 ft @ ground"
    t = re.sub(r"(\d\s*(?:m|ft))\s*(?:c/c|c-c|ctrs\.?|centres|centers|o\.\s*c\.|o\.c\b|oc\b|on\s*cent(?:re|er)s)(?=\s|[,;.]|$)",
               r"\1", t)  # "4 bays @ 7.5 m c/c in X": a spacing said twice
    # Hong Kong floor labels: G/F the ground story; n/F the floor n levels up, so the story above it is n + 1
    t = re.sub(r"\bg/f\b", "ground floor", t)
    t = re.sub(r"\b(\d+)/f\s*(?:to|-|~)\s*(\d+)/f\b", lambda m: f"stories {int(m[1]) + 1}-{int(m[2]) + 1}", t)
    t = re.sub(r"\s*[,;]?\s*\br/f\b[^,;.]*", "", t)  # "R/F main roof": the roof, no story
    # a basement's height beside the stories': not modelled (a basement is below the frame)
    t = re.sub(r"(?:地下室|地下\d+层)\s*[:：]?\s*\d+(?:\.\d+)?\s*(?:m|米)\s*[,，、;；]\s*", "", t)
    t = re.sub(r"\bbasement\s*(?:\([^()]*\)\s*)?(?:stor(?:e)?y\s*|level\s*)?(?:height\s*)?(?:[:=]\s*)?\d+(?:\.\d+)?\s*(?:m|ft)\b"
               r"\s*[,;]\s*", "", t)
    # an axis in parentheses, before the shorthand rewrites read '25 ft x 4 (x)': "(longit.)", "(short direction)"
    t = re.sub(r"\(\s*(?:the\s*)?(?:longitudinal|long|longer)(?:\s*(?:direction|side|way))?\s*\)", "(x)", t)
    t = re.sub(r"\(\s*(?:the\s*)?(?:transverse|short|shorter)(?:\s*(?:direction|side|way))?\s*\)", "(y)", t)
    t = re.sub(r"(?<![\d.])\d+\s*(?:car\s*|truck\s*|bicycle\s*|bike\s*)?parking\s*(?:spaces?|stalls?|lots?|places?|bays?)\b", " ", t)
    return re.sub(r"\b(?:plot|site|land|lot)\s*(?:area\s*|size\s*|dimensions?\s*)?(?:of|is|=|:)?\s*\d+(?:\.\d+)?\s*(?:m|ft)?\s*x\s*"
                  r"\d+(?:\.\d+)?\s*(?:m|ft)\b(?:\s*[(（][^()（）]{0,20}[)）])?", " ", t)


_UNIT_NOTE = re.compile(r"((?:层高|高度|跨度|开间|进深|柱距|stor(?:e)?y\s*heights?|heights?|bays?|spans?|widths?)[^。;；\n]*?)"
                        r"[(（]\s*(?:单位|units?)\s*[:：]?\s*(mm|m|ft|米)\s*[)）]")
"""A unit said once for a sentence's numbers: '层高：一层4.50，二～四层3.60（单位：m）', 'storey heights 4.5, 3.6 (units: m)'."""


def _unit_of_note(m: re.Match[str]) -> str:
    """The note's unit after each of the sentence's numbers that has none (not a count of stories or bays)."""
    unit = "m" if m[2] == "米" else m[2]
    return re.sub(r"(?<![\d.a-z])(\d+(?:\.\d+)?)(?![\d.]|\s*(?:[a-z%°'\"]|层|跨|度|类|组|米|~|-|至|到|x\s*\d))",
                  lambda n: f"{n[1]} {unit}", m[1])


_OLD_NEW = (r"(\d+(?:\.\d+)?\s*(?:mm|cm|m|ft|米)?)")


_GRID_WORD = r"(?:grid\s*-?\s*lines?|gridlines?|grids?|grid\s*axes|column\s*lines?)"
_GRID_RANGE = (r"\b([a-z]|\d{1,2})\s*(?:-|to|through|thru|~)\s*([a-z]|\d{1,2})\b\s*(?:at|@)\s*(?:an?\s+)?(?:equal\s+)?"
               r"(?:spacings?\s+of\s+|centres\s+of\s+|centers\s+of\s+)?(\d+(?:\.\d+)?)\s*(m|ft)\b\s*"
               r"(?:centres|centers|c/c|ctrs|o\.?\s*c\.?|spacing|apart|on\s*cent(?:re|er)s?)?\.?")
_GRIDS = re.compile(_GRID_WORD + r"\s*(?:from\s+)?" + _GRID_RANGE + r"(\s*\(\s*[xy]\s*\))?(?:\s*(?:,|and|&|;)\s*(?:"
                    + _GRID_WORD + r"\s*)?" + _GRID_RANGE + r"(\s*\(\s*[xy]\s*\))?)?")
"""Bays by their grid lines: 'grid lines A-E at 7.2 m centres (X) and 1-4 at 6.0 m centres (Y)', 'gridlines 1
through 7 at 30 ft o.c. and A through C at 25 ft o.c.' (the first range along X where no axis is named)."""
_GRID_PAIRS = re.compile(_GRID_WORD + r"\s+((?:[a-z]|\d{1,2})\s*-\s*(?:[a-z]|\d{1,2})\s*\d+(?:\.\d+)?\s*(?:m|ft)\b"
                         r"(?:\s*,\s*(?:[a-z]|\d{1,2})\s*-\s*(?:[a-z]|\d{1,2})\s*\d+(?:\.\d+)?\s*(?:m|ft)\b)+)")
"""Each bay by the two grid lines it lies between: 'grids A-B 6.0 m, B-C 8.0 m, C-D 6.0 m'."""


def _grid_count(first: str, last: str) -> int | None:
    """Bays between two grid lines: numbers or letters (a letter range over I or O, which grids often skip, is
    left for the reader to refuse)."""
    if first.isdigit() and last.isdigit():
        return abs(int(last) - int(first)) or None
    if first.isalpha() and last.isalpha():
        low, high = sorted((first, last))
        return None if any(c in "io" for c in map(chr, range(ord(low), ord(high) + 1))) else (ord(high) - ord(low)) or None
    return None


def _grids(t: str) -> str:
    """Grid lines as bays ('_GRIDS', '_GRID_PAIRS')."""
    def ranges(m: re.Match[str]) -> str:
        out, axes = [], []
        for k in (0, 5):
            first, last, value, unit, axis = m.groups()[k:k + 5]
            if first is None:
                continue
            count = _grid_count(first, last)
            if count is None:
                return m.group(0)
            axes.append(re.sub(r"[^xy]", "", axis or ""))
            out.append((count, value, unit))
        if len(out) == 2 and not all(axes):
            axes = ["x", "y"]
        return " and ".join(f"{n} bays of {v} {u}" + (f" in {a}" if a else "") for (n, v, u), a in zip(out, axes))

    t = _GRIDS.sub(ranges, t)
    groups = list(_GRID_PAIRS.finditer(t))
    for k, m in reversed(list(enumerate(groups))):
        pairs = re.findall(r"([a-z]|\d{1,2})\s*-\s*([a-z]|\d{1,2})\s*(\d+(?:\.\d+)?)\s*(m|ft)\b", m.group(1))
        if any(_grid_count(a, b) != 1 for a, b, _, _ in pairs) or len({u for *_, u in pairs}) != 1:
            continue
        axis = ("x", "y")[k] if len(groups) == 2 else None
        widths = "+".join(v for _, _, v, _ in pairs) + " " + pairs[0][3]
        t = t[:m.start()] + (f"bays in {axis}: {widths}" if axis else f"bays {widths}") + t[m.end():]
    return t


def _revised(t: str) -> str:
    """Revisions in a text, the standing value kept: '3.3 m, now 3.6 m', '3.3 m; update: 3.6 m', '3.6 m (revised to
    3.9 m)', 'changed from 3.3 m to 3.6 m', '(was 3.3 m)', '由3.6m改为3.9m', '3.6m，改为3.9m' (each was read as the
    first value, or refused)."""
    t = re.sub(r"\s*[(（]\s*(?:was|previously|formerly|originally|old|原为|原)\s*:?\s*" + _OLD_NEW + r"[^()（）]{0,60}[)）]", "", t)
    t = re.sub(_OLD_NEW + r"\s*[(（]\s*(?:revised|changed|updated|amended)\s*(?:to)?\s*:?\s*" + _OLD_NEW + r"[^()（）]{0,60}[)）]",
               r"\2", t)
    t = re.sub(r"(?:changed|revised|increased|decreased|reduced|raised)\s*from\s*" + _OLD_NEW + r"\s*to\s*" + _OLD_NEW,
               r"\2", t)
    t = re.sub(r"(?<![\d.])" + _OLD_NEW + r"\s*[,，;；]?\s*(?:now|(?:rev(?:ised|\.)?|update[ds]?|amended)\s*(?:to)?\s*:?)\s*"
               + _OLD_NEW + r"(?![\d.])", r"\2", t)
    t = re.sub(r"(?:由|原为)\s*" + _OLD_NEW + r"\s*[,，;；]?[^\d,，。;；]{0,20}?(?:改为|调整为|修改为|变更为)\s*" + _OLD_NEW, r"\2", t)
    return re.sub(r"(?<![\d.])" + _OLD_NEW + r"\s*[,，;；]?\s*(?:现|已)?(?:改为|调整为|修改为|变更为)\s*" + _OLD_NEW, r"\2", t)


def _rewrite_phrasings(t: str) -> str:
    """Phrasings people write, rewritten as ones the readers below read (``normalise``'s last steps): plans by length
    and width, loads with one unit, floor labels, heights, bays and sections in other orders, symbols, site classes."""
    t = _structured(t)  # "story heights [4.5, 3.8] m", "story_height_m = 4.0", "Storey height & 3.4~m \\"
    t = _abbreviated(t)  # "4-sty", "no. of flrs = 5", "flr ht."
    t = _grids(t)  # "grid lines A-E at 7.2 m centres (X) and 1-4 at 6.0 m centres (Y)", "grids A-B 6.0 m, B-C 8.0 m"
    t = re.sub(r"\b(?:ground|first)\s*(?:floor|stor(?:e)?y|level)?\s*(" + _L + r")\s*\+\s*(\d+\s*(?:x|@)\s*" + _L + ")",
               r"story heights \1 + \2", t)  # "ground 4.0 m + 7 x 3.2 m"
    t = _revised(t)  # "storey height 3.3 m, now 3.6 m": the value that stands
    t = _UNIT_NOTE.sub(_unit_of_note, t)  # "层高：一层4.50，二～四层3.60（单位：m）"
    t = re.sub(r"(?:跨度|柱距)\s*[(（]\s*(开间|进深)\s*[)）]|(开间|进深)\s*[(（]\s*(?:跨度|柱距)\s*[)）]", lambda m: m[1] or m[2],
               t)  # "跨度（进深）12m": the depth's bays
    t = re.sub(r"进深方向", "y向", t)  # "进深方向3跨，每跨6.0m": the bays across the depth, along Y
    t = re.sub(r"开间方向", "x向", t)
    # the count in parentheses after the width: "进深7.0m（2跨）", "开间8.0m（4个开间）" (2 bays of 7.0 m, 4 of 8.0 m)
    t = re.sub(r"(开间|进深|柱距|跨度)\s*(?:为|是)?\s*(\d+(?:\.\d+)?\s*(?:mm|m|米))\s*[(（]\s*(?:共)?\s*(\d+)\s*个?\s*"
               r"(?:跨|开间|进深)\s*[)）]", r"\1\3x\2", t)
    # the width before the count: "开间3.6m×8" (8 bays of 3.6 m), "柱距（开间）6.0m×6"; not "柱距6m×8m", a grid
    t = re.sub(r"(开间|进深|柱距|跨度)\s*(?:[(（][^)）]{1,6}[)）])?\s*(?:为|是)?\s*(\d+(?:\.\d+)?\s*(?:mm|m|米))\s*x\s*(\d+)"
               r"(?![\d.]|\s*(?:mm|m|米|cm)\b|\s*(?:mm|m|米))", r"\1\3x\2", t)
    t = re.sub(r"\bsteal\b(?=\s*(?:special\s*|intermediate\s*|ordinary\s*)?(?:moment|frame|structure|building|smrf|mrf|beams?|columns?))",
               "steel", t)  # a typo: "steal moment frame" was an RC frame by default
    t = re.sub(r"(?:\s*(?:,|\band|\bwith)\s*(?:an?\s+|the\s+|its\s+)?)?\b(?:eaves|eave)\s*(?:height\s*)?(?:at|of|=|:|is)?\s*(?=\d)",
               ", height ", t)  # "eaves at 9 m", "and an eaves height of 6 m": a portal's story height
    t = re.sub(r"(?:檐口(?:高度|标高)|檐高|柱顶(?:标高|高度))\s*(?:为|是|:)?\s*(?=\d)", ",height ", t)  # 檐口高度9m
    t = re.sub(r"(?:\s*\bthen\s+)?(" + _L + r")\s*(?:above\s*)?(?:for|in)\s*(?:the\s*)?(?:other|remaining)\s*\d+(?!\s*(?:m|ft|mm|cm)\b|\s*(?:bays?|spans?)\b)"
               r"(?:\s*" + STORY_WORD + r")?", r", \1 above", t)  # "then 3.2 m for the other 5"
    t = _LONG_BY_WIDE.sub(_plan_of_long_by_wide, t)  # "30 m long (5 bays) by 12 m wide (2 bays)": a plan
    t = _UNIT_AT_FIRST.sub(_unit_to_the_end, t)  # "bays: 6.0 m + 8.0 + 6.0", "story heights 4.5 m, 3.3, 3.3"
    t = _PLAN_SIDE.sub(_plan_side, t)  # "纵向长度50.4m(7跨x7.2m)", "plan width 15 m (2 bays, 7.5 m)"
    t = _rewrite_shorthand(t)
    t = re.sub(r"(?<![\d.])(\d+)\s*(bays?|spans?)\s*(?:in\s*)?(?:one|1)\s*(?:way|direction)\s*(?:,\s*)?(?:and|,)\s*"
               r"(\d+)\s*(?:bays?\s*|spans?\s*)?(?:(?:in\s*)?the\s*other(?:\s*(?:way|direction))?|in\s*y)\b",
               r"\1 \2 in x and \3 \2 in y", t)  # "4 bays one way and 3 the other": X, then Y
    t = re.sub(r"\bfloor\s+to\s+floor\b", "floor-to-floor", t)  # "floor to floor 3.3 m"
    t = re.sub(r"\b(dead|live)\s*(?:and|&)\s*(dead|live)\s*loads?\s*(?:of|=|:|are)?\s*(\d+(?:\.\d+)?)\s*(?:and|,|/|&)\s*"
               r"(\d+(?:\.\d+)?)\s*(kpa|kn/m2|kn/m²|psf|ksf)", r"\1 load \3 \5, \2 load \4 \5", t)  # dead and live loads of 6 and 3 kPa
    t = re.sub(r"(dead|live|恒(?:荷)?载|活(?:荷)?载)(\s*(?:loads?)?\s*(?:=|:|为)?\s*)(\d+(?:\.\d+)?)(\s*(?:[,，、]|and)\s*"
               r"(?:dead|live|恒(?:荷)?载|活(?:荷)?载)\s*(?:loads?)?\s*(?:=|:|为)?\s*\d+(?:\.\d+)?\s*(kpa|kn/m2|kn/m²|psf|ksf))",
               r"\1\2\3 \5\4", t)  # 恒载5.5,活载2.0 kN/m2: the one unit for both
    t = re.sub(r"(\d+(?:\.\d+)?)\s*(?:percent|per\s*cent|pct)\b", r"\1%", t)  # 3 percent damping
    # stories by floor labels: "1F", "2F~5F", "L1", "L2-L5" (as stories 1-1, 2-5); an L label only before a length
    t = re.sub(r"(?<![a-z0-9.])(?:(\d+)f?|l(\d+))\s*(?:-|~|to|至|到)\s*(?:(\d+)f|l(\d+))(?![a-z0-9])",
               lambda m: _floor_labels(m[1] or m[2], m[3] or m[4], m), t)  # "2F~5F", "1-3F", "L2-L5"
    t = re.sub(r"(?<![a-z0-9.~-])(\d+)f(?![a-z0-9])|(?<![a-z0-9.~-])l(\d+)(?=\s+\d+(?:\.\d+)?\s*(?:m|ft)\b)",
               lambda m: _floor_labels(m[1] or m[2], m[1] or m[2], m), t)
    # story heights as people list them: "first 4.5 m, typical 3.5 m", "4.5 m ground storey then 3.5 m",
    # "4.5 m, 3.5 m elsewhere", "4.2 m + 5@3.6 m"
    t = re.sub(r"(?<![a-z-])(?:first|ground|bottom|1st)\s+(?=\d+(?:\.\d+)?\s*(?:m|ft)\b)", "first story ", t)
    t = re.sub(r"\s*\bthen\s+(\d+(?:\.\d+)?\s*(?:m|ft))\b(?!\s*(?:-?\s*bays?|spans?|wide|long))", r", \1 above", t)
    t = re.sub(r"(\d+(?:\.\d+)?\s*(?:m|ft))\s+(?:elsewhere|for\s+the\s+(?:rest|others))\b", r"\1 above", t)
    t = re.sub(r"(?:(?:\d+\s*@\s*)?\d+(?:\.\d+)?\s*(?:m|ft)?\s*\+\s*)+(?:\d+\s*@\s*)?\d+(?:\.\d+)?\s*(?:m|ft)\b", _expand_at, t)
    # "for the first 3 stories", "for stories 4-6": as the story ranges that are read ("in stories 1-3")
    t = re.sub(r"\b(?:for|in|at|on)\s+(?:the\s+)?(?:first|bottom|lowest|lower)\s+(\d+)\s*(?:stor(?:e)?ys|stories|floors|levels)\b",
               r"in stories 1-\1", t)
    t = re.sub(r"\bfor\s+(?:stor(?:e)?ys|stories|floors|levels)\s+(?=\d+\s*-\s*\d+)", "in stories ", t)
    # words that do not change a value: "approx. 3.5 m", "~6 m", "about 30 ft"; common misspellings ("heigth")
    t = re.sub(r"\b(?:approx(?:imately|\.)?|about|around|roughly|circa|ca\.)\s*(?=\d)|(?<!\d)(?<!\d\s)[~≈]\s*(?=\d)", "", t)
    t = re.sub(r"\b(?:heigth|hieght|hight)(s?)\b", r"height\1", t)
    t = re.sub(r"\b(?:intesity|intensty|intenisty)\b", "intensity", t)
    # a length with its conversion after it: "12 ft (3.66 m)" (the second is no other length)
    t = re.sub(LEN + r"\s*[(（]\s*(?:=\s*)?" + LEN + r"\s*[)）]",
               lambda m: m.group(0) if not math.isclose(to_si(_num(m[1]), m[2], "length"), to_si(_num(m[3]), m[4], "length"),
                                                        rel_tol=0.015) else f"{m[1]} {m[2]}", t)
    # "bays 3 @ 30' = 90'", "4 stories @ 13' = 52'": the total after a repeated length
    t = re.sub(r"(@\s*\d+(?:\.\d+)?\s*(?:m|ft|'))\s*=\s*\d+(?:\.\d+)?\s*(?:m|ft|')", r"\1", t)
    # floors as abbreviated: "4.5 m (GF)" (the ground floor), "3.3 m (typ.)", "roof story 14 ft" (the top story)
    t = re.sub(r"\bgf\b", "ground floor", t)
    t = re.sub(r"\beaves\s*height\b", "height", t)  # a portal's eaves: its story's height (a taller building's own)
    # a size for one story: "450 x 450 mm on the ground floor", "… in storey 1" (as the ranges after sizes are read)
    t = re.sub("(" + _SIZE_OF_THINGS + r")\s*(?:on|in|at|for)\s*(?:the\s*)?(?:ground|bottom|lowest)\s*(?:floor|stor(?:e)?y|level)\b",
               r"\1 for stories 1-1", t)
    t = re.sub("(" + _SIZE_OF_THINGS + r")\s*(?:on|in|at|for)\s*(?:stor(?:e)?y|floor|level)\s*(\d+)\b(?!\s*(?:-|~|to)\s*\d)",
               r"\1 for stories \2-\2", t)
    t = re.sub(r"\b(floors?|stor(?:e)?ys?|stories|levels?|above|upwards)\s*[(（](?![^()（）]*(?:first|typ|ground|top|above|others?|rest|upper|"
               r"lower|bottom|each|all|[xy]\b))[^()（）\d]{2,30}[)）]", r"\1", t)  # "ground floor (retail) 4.5 m"
    t = re.sub(r"(\d+(?:\.\d+)?\s*(?:m|ft|')?\s*(?:x|by)\s*\d+(?:\.\d+)?\s*(?:m|ft|'))\s*in\s*plan\b", r"plan \1", t)
    t = re.sub(r"\b(spans?|bays?)\s*(?:widths?|lengths?)?\s*[lb]\s*(?=[=:])", r"\1 ", t)  # "span L = 6 m"
    t = re.sub(r"([^,;]*?)[(（]\s*typ\.?\s*[)）]", lambda m: m[1] + ("(typical)" if re.search(
        r"stor|floor|height|层", m[1]) and not re.search(r"bays?|spans?|columns?|beams?|girders?|柱|梁|跨", m[1]) else ""), t)
    t = re.sub(r"\broof\s+(stor(?:e)?y)\b", r"top \1", t)
    # bays by their total: "3 bays totalling 28 m", "3 bays (28 m total)", "3 bays, 28 m in all" (3 bays of 9.333 m);
    # a total after the widths, "3 bays of 6 m (18 m total)", says nothing more
    t = re.sub(LEN + r"\s*[(（]\s*" + LEN + r"\s*(?:in\s*total|in\s*all|total|overall)\s*[)）]", r"\1 \2", t)
    t = _BAYS_TOTAL.sub(_bays_of_total, t)
    # floors by their elevations: "floor levels +4.50, +8.10 and +11.70 m", "楼层标高4.5m、8.1m、11.7m" (the story heights
    # are the differences: 4.5, 3.6, 3.6 m)
    t = re.sub(r"(?:floor\s*)?(?:levels|elevations|楼层标高|楼面标高|标高)\s*(?:at|of|are|:|=|为|分别为)?\s*"
               r"((?:\+?\d+(?:\.\d+)?\s*(?:m(?![a-z²³])|米)?\s*(?:,|、|and|和)\s*)+\+?\d+(?:\.\d+)?\s*(?:m|米)(?![a-z²³]))",
               _story_heights_of_levels, t)
    # "3 no. at 7.2 m" (3 of them at 7.2 m)
    t = re.sub(r"(?<![\d.])(\d+)\s*no\.?\s*(?:at|@|of)\s*(?=\d)", r"\1 @ ", t)
    # what the frame stands on or carries that is no member of it: "isolated column footings 2.5 m x 2.5 m", "column
    # base plates 24 x 24 in", "ground beams 300 x 700 mm", "secondary beams 250 x 500 mm", "柱下独立基础2.5m×2.5m",
    # "次梁250×500" (their sizes were read as the columns' or beams')
    t = re.sub(r"(?:(?:isolated|pad|spread|combined|strip|column|reinforced\s*concrete|rc)\s*)*(?:footings?|foundations?|base\s*plates?|"
               r"pile\s*caps?|(?:ground|grade|tie|plinth|secondary|minor|infill|edge)\s*beams?|joists?|purlins?|"
               r"柱下独立基础|独立基础|基础梁|地梁|承台|次梁)\s*(?:截面)?\s*(?:of|are|is|:|=|为)?\s*" + _SIZE_OF_THINGS
               + r"|" + _SIZE_OF_THINGS + r"\s*(?:(?:isolated|pad|spread|column)\s*)*(?:footings?|base\s*plates?|pile\s*caps?|"
               r"(?:ground|grade|tie|secondary)\s*beams?)", " ", t)
    # kips as US engineers write them, "1500 k", "400 k/in", "50 k-ft" (a number then k: not the symbol "k = ...")
    if re.search(r"\b(?:ft|feet|psf|ksi|psi|kips?|sds|sd1)\b|'", t):
        t = re.sub(r"(?<![\w.])(\d+(?:\.\d+)?)\s*k(?=\s*(?:/\s*(?:in|ft)\b|-\s*ft\b))", r"\1 kip", t)
        if not re.search(r"\bk\s*=", t):  # "stiffnesses 2k and k, k = 77 kip/in": a symbol
            t = re.sub(r"(?<![\w.])(\d+(?:\.\d+)?)\s*k(?=\s*(?:[,;)]|\s+(?:and|each|per)\b|$))", r"\1 kip", t)
    # "30 ft o.c." (on centres: the spacing it is anyway); "13 1/2 ft" (13.5 ft)
    t = re.sub(r"(\d\s*(?:m|ft|'))\s*o\.?\s*c\.?(?=\s|,|;|$)", r"\1", t)
    t = re.sub(r"(?<![\d./])(\d+)\s+(\d)/(\d{1,2})\s*(?=ft\b|feet\b|in\b|inch)", lambda m: f"{int(m[1]) + int(m[2]) / int(m[3]):g} ", t)
    # a dead load without the structure's own weight: "dead load 1.5 kPa in addition to self-weight", "DL = 4.5 kN/m2
    # (excluding self-weight)", "楼面恒载2.0kN/m²(不含结构自重)" (a superimposed dead load: it was read as the whole)
    without_self = (r"[(（]?\s*(?:excluding|excl\.?|not\s*including|without|in\s*addition\s*to|on\s*top\s*of|plus|besides|"
                    r"beyond|不含|不包括|未含|不计)\s*(?:the\s*)?(?:structural\s*|structure'?s?\s*|member\s*|slab\s*|板)?"
                    r"(?:self[- ]?weight|own\s*weight|结构自重|自重)\s*[)）]?")
    dead = r"(?:\bdead\s*loads?|\bdl\b|楼面恒(?:荷)?载|恒(?:荷)?载)"
    pressure = r"(\s*(?:=|:|of|is|为)?\s*\d+(?:\.\d+)?\s*(?:kpa|kn/m2|kn/m²|psf|ksf))"
    t = re.sub(dead + pressure + r"\s*" + without_self, r"superimposed dead load\1", t)
    t = re.sub(dead + r"\s*" + without_self + pressure, r"superimposed dead load\1", t)
    t = re.sub(dead + r"\s*(?:=|:)?\s*(?:the\s*)?(?:slab\s*|structural\s*)?(?:self[- ]?weight|own\s*weight|自重)\s*\+\s*"
               r"(\d+(?:\.\d+)?\s*(?:kpa|kn/m2|kn/m²|psf|ksf))", r"superimposed dead load \1", t)
    # ASCE 7 pairs in one phrase: "SDS/SD1 = 1.2/0.7 g", "SDS, SD1 = 1.0, 0.6" (SD1 took the SDS, SDS the default);
    # the MCE values "SMS = 0.9, SM1 = 0.6" as the design values SDS = 2/3 SMS, SD1 = 2/3 SM1 (ASCE 7-22 11.4.4)
    t = re.sub(r"\bs\s*_?\s*ds\s*(?:/|,|and|&)\s*s\s*_?\s*d1\s*(?:=|:|of|are)?\s*(\d*\.?\d+)\s*(g\b)?\s*(?:/|,|and|&)\s*"
               r"(\d*\.?\d+)\s*(g\b)?", r"sds = \1 g, sd1 = \3 g", t)
    t = re.sub(r"(\bs\s*_?\s*d\s*[s1]\s*=)\s*2\s*/\s*3\s*(?:x|\*|·)?\s*(?:s\s*_?\s*m\s*[s1]|\d*\.?\d+)\s*=\s*", r"\1 ", t)
    t = re.sub(r"\bs\s*_?\s*m\s*([s1])\s*(?:=|:|of|is)?\s*(\d*\.?\d+)\s*(?:g\b)?",
               lambda m: "" if re.search(r"\bs\s*_?\s*d\s*" + ("s" if m[1] == "s" else "1") + r"\s*(?:=|:)", t)
               else f"s{'ds' if m[1] == 's' else 'd1'} = {2 * float(m[2]) / 3:.4g} g", t)
    # a bay count by its name: "number of bays: 4", "No. of bays 4", "bays = 4", "bays: 4, span: 6.6 m" (4 bays)
    t = re.sub(r"\b(?:number|no\.?|num\.?)\s*of\s*(bays|spans)\s*(?:in\s*([xy])\s*)?(?:=|:|is)?\s*(\d+)(?![\d.]|\s*(?:@|x\b|m\b|ft\b))",
               lambda m: f"{m[3]} {m[1]}" + (f" in {m[2]}" if m[2] else ""), t)
    t = re.sub(r"(?:^|(?<=[,;]))(\s*)(bays|spans)\s*(?:=|:)\s*(\d+)(?![\d.]|\s*(?:@|x\b|m\b|ft\b|mm\b|'|\+|[,/]\s*\d))",
               r"\1\3 \2", t)
    # a story height repeated: "4.5, 3.6 (x4) m" (4.5 and four of 3.6), "4.5; 3.6; 3.6 m" (a list)
    t = re.sub(r"(\d+(?:\.\d+)?)\s*(m|ft)?\s*\(\s*x\s*(\d+)\s*\)", lambda m: ", ".join([m[1] + (f" {m[2]}" if m[2] else "")] * int(m[3])), t)
    t = re.sub(r"(heights?\s*(?:=|:|are|of)?\s*)((?:\d+(?:\.\d+)?\s*(?:m|ft)?\s*;\s*)+\d+(?:\.\d+)?\s*(?:m|ft))",
               lambda m: m[1] + m[2].replace(";", ","), t)
    # thousands by a space before a unit: "E = 28 000 MPa"
    t = re.sub(r"(?<![\d.])(\d{1,3}) (\d{3})(?![\d.])(?=\s*(?:mpa|gpa|kpa|n/mm|psi|ksi|kn|kg\b|t\b|mm\b))", r"\1\2", t)
    # a basement below the frame: "地下1层" (the frame above grade is modelled: it is no story count)
    t = re.sub(r"地下(?:室)?\s*(?:共)?\s*\d+\s*层", "", t)
    t = _BAY_IN_PARENTHESES.sub(_bays_of_parenthesised, t)  # "4 bays (6 m)": each; "3 bays (28 m)": in all
    # a count before its bays' width: "three 8 m bays in x" (3 bays of 8 m); the width before the count: "bays 8 m x 4"
    t = re.sub(r"(?<![\d.])(\d{1,2})\s+(\d+(?:\.\d+)?)\s*(m|ft)\s*-?\s*(bays?|spans?)\b", r"\1 bays of \2 \3", t)
    t = re.sub(r"\b(?:bays?|spans?)\s*(?:of\s*)?(\d+(?:\.\d+)?)\s*(m|ft)\s*x\s*(\d{1,2})(?![\d.]|\s*(?:m|ft|mm|bays?|spans?)\b)",
               r"\3 bays of \1 \2", t)
    # 梁截面宽250mm,高600mm: 梁截面250x600mm
    t = re.sub(r"(梁|柱)(截面)?\s*宽(?:度)?\s*(?:为|:)?\s*(\d+)\s*(?:mm)?\s*[,、]?\s*高(?:度)?\s*(?:为|:)?\s*(\d+)\s*mm",
               r"\1截面\3x\4mm", t)
    # a size before its member ("650x650 mm columns in stories 1-3 and 550x550 mm columns in stories 4-6"): the member
    # first, as the story ranges after a size are read (they paired each range with the next size: swapped)
    t = re.sub(r"(?<![\w.])(\d+(?:\.\d+)?\s*(?:mm|cm|m|in)?\s*(?:x|by)\s*\d+(?:\.\d+)?\s*(?:mm|cm|m|in)?|"
               r"\d+(?:\.\d+)?\s*(?:mm|cm|m|in)?\s*square)\s*((?:rc\s*|concrete\s*|steel\s*)?(?:columns?|beams?|girders?))\b"
               r"(?!\s*(?:grid|spacing|lines?|layout|centres|centers))",
               r"\2 \1", t)
    # a section as b = ..., h = ...: "beams b = 300 mm, h = 600 mm" (as 300 mm x 600 mm)
    t = re.sub(r"\bb\s*=\s*(\d+(?:\.\d+)?)\s*(mm|cm|m|in)\s*(?:[,，x*]|and)?\s*h\s*=\s*(\d+(?:\.\d+)?)\s*(mm|cm|m|in)\b",
               r"\1 \2 x \3 \4", t)
    # a story height as a symbol: "story height h = 3.5 m", "h1 = h2 = h3 = 3.5 m" (a story's range of heights)
    t = re.sub(r"(?<![a-z])h(?:\s*_?\s*\d+(?:\s*=\s*h\s*_?\s*\d+)+)?\s*=\s*(\d+(?:\.\d+)?)\s*(m|ft)\b",
               lambda m: (f"story height {m[1]} {m[2]}" if 2.0 <= float(m[1]) * (0.3048 if m[2] == "ft" else 1) <= 10
                          else m.group(0)), t)
    # stories listed with 、: "2、3层层高3.6m" (as 2~3层); a story's mass and stiffness by its number in Chinese:
    # "一层质量200t,二层刚度80MN/m" (as m1 = 200t, k2 = 80MN/m)
    t = re.sub(r"([一二三四五六七八九十]+)(?=\s*、\s*[一二三四五六七八九十\d]+\s*层)", lambda m: str(_zh_numeral(m[1])), t)
    t = re.sub(r"(?<![\d.])(\d+(?:\s*、\s*\d+)+)\s*层", _consecutive_stories, t)
    t = re.sub(r"(?<![\d.~])第?\s*(\d+)\s*层\s*(质量|刚度|重量)\s*(?:为|是|:)?\s*(?=\d)",
               lambda m: {"质量": "m", "刚度": "k", "重量": "w"}[m[2]] + f"{m[1]} = ", t)
    # "ground floor plus 4 upper floors", "Ground + 3 floors": G+4, 5 stories
    t = re.sub(r"\bground\s*(?:floor|stor(?:e)?y)?\s*(?:plus|\+|and|with)\s*(\d+)\s*(?:upper\s*|more\s*)?(?:floors|stories|storeys|levels)"
               r"\b(?:\s*above(?:\s*it)?)?", r"g+\1", t)
    # abbreviations: "typ. story ht. 13 ft", "24 in. sq." (square), "Occupancy Category III" (ASCE 7-05: risk category)
    t = re.sub(r"\bht\.?(?=\s*\d)", "height", t)
    t = re.sub(r"\btyp\.\s*(?=stor|floor)", "typical ", t)
    t = re.sub(r"(\d\s*(?:mm|cm|m|in|ft)?)\s*sq\.?(?![a-z])", r"\1 square", t)
    t = re.sub(r"\boccupancy\s*category\b", "risk category", t)
    # a height then its stories in parentheses: "3.6m(1~3层)"
    t = re.sub(r"(\d+(?:\.\d+)?\s*(?:m|米))\s*\(\s*(\d+\s*[~-]\s*\d+)\s*层\s*\)", r"\2层\1", t)
    # "6.0, 7.5 m in X; 5.0, 8.0 m in Y": one phrase of bays by axis (the Y list alone was no bays)
    t = re.sub(r"(m\s+in\s+x)\s*;\s*(?=[\d.,\s]+\s*m\s+in\s+y\b)", r"\1 and ", t)
    # 柱距8m×8m: the column grid both ways (it was read as a column's size)
    t = re.sub(r"柱距\s*(\d+(?:\.\d+)?)\s*(?:m|米)?\s*x\s*(\d+(?:\.\d+)?)\s*(?:m|米)", r"x向柱距\1m,y向柱距\2m", t)
    # a bay count after its width in Chinese: "开间3.6m,共10开间" (10 bays of 3.6 m)
    t = re.sub(r"开间\s*(\d+(?:\.\d+)?)\s*(m|米)\s*[,]?\s*共\s*(\d+)\s*(?:个)?开间", r"开间\3x\1\2", t)
    # a dash between a job's parts: "Job 1187 - 5-storey RC frame - 3.5 m storeys" (not a minus sign)
    t = re.sub(r"(?<=[a-z0-9)])\s+-\s+(?=\d)", ", ", t)
    # site classes as people write them: "site: class III", "class III site", "on a class IV site", "site classification"
    t = re.sub(r"\bsite\s*(?:classification|:\s*class)\b", "site class", t)
    t = re.sub(r"\bclass\s*(i0|i1|iv|iii|ii|i)\s+site\b", r"site class \1", t)
    # "importance factor 1.2": γI under EN 1998, Ie under ASCE 7
    en = re.search(r"eurocode|en\s*1998|\bec\s*8\b|\ba\s*_?\s*g\s*(?:=|:)|ground\s*type", t)
    t = re.sub(r"\bimportance\s*factor\s*(?:of|=|:|is)?\s*(?=\d)", "γi = " if en else "ie = ", t)
    t = re.sub(r"(?<![\d.])(\d+(?:\.\d+)?\s*(?:m|ft|feet|foot)?\s*(?:x|by)\s*\d+(?:\.\d+)?\s*(?:m|ft|feet|foot))\s*"
               r"(?:floor\s*|building\s*)?(plan|footprint)\b", r"\2 \1", t)  # "28 m x 15 m plan": plan 28 m x 15 m
    t = re.sub(r"(?:总|平面)?长(?:度)?\s*(?:为|是|:)?\s*(\d+(?:\.\d+)?)\s*(?:m|米)\s*[,、]?\s*(?:总)?宽(?:度)?\s*(?:为|是|:)?\s*"
               r"(\d+(?:\.\d+)?)\s*(?:m|米)", r"plan \1 m x \2 m", t)  # 长30米,宽12米
    return t


_CIRCLED = "[\u2460-\u2473\u2776-\u2793\u24b6-\u24cf]"
_CIRCLED_AXES = re.compile("(" + _CIRCLED + r")\s*[~～\-—–至到]\s*(" + _CIRCLED + r")\s*轴线?\s*(?:之?间(?:距|的距离)?)?\s*")
"""A range of grid axes by their circled labels: '①~⑦轴' (numbers: the axes across X), 'Ⓐ~Ⓓ轴' (letters: across Y)."""


def _bays_of_axes(m: re.Match[str]) -> str:
    """'①~⑦轴开间均为7.5m' -> 'x向6跨,开间均为7.5m'; '①~⑦轴间距7.5m' -> 'x向6跨,跨度7.5m' (the bays between the axes)."""
    a, b = m[1], m[2]
    letters = not a.isdigit() and unicodedata.name(a, "").startswith("CIRCLED LATIN")
    first, last = (ord(unicodedata.normalize("NFKC", a).lower()), ord(unicodedata.normalize("NFKC", b).lower())) \
        if letters else (int(unicodedata.numeric(a)), int(unicodedata.numeric(b)))
    count = abs(last - first)
    if count == 0:
        return m[0]
    joined = "跨度" if m[0].rstrip().endswith(("距", "距离")) else ""
    return f"{'y' if letters else 'x'}向{count}跨,{joined}"


_TRADITIONAL = str.maketrans("層樓鋼場類設計組縱橫標準樑強級構結載恆築間開進寬長簡單雙個與為總許範圍廠庫館醫學辦體這兩種區線軸點數據擬",
                             "层楼钢场类设计组纵横标准梁强级构结载恒筑间开进宽长简单双个与为总许范围厂库馆医学办体这两种区线轴点数据拟")
"""Traditional characters of building descriptions and their simplified forms."""


def _joined_lines(t: str) -> str:
    """Lines of one sentence broken as a PDF breaks them, joined: a word hyphenated at a line's end ('sto-\\nrey'), a
    line that goes on in lower case ('in the X\\ndirection'); not the rows of a table (tabs, ';') nor a list's items."""
    lines = t.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        prev = out[-1]
        table = any(c in prev or c in line for c in ("\t", ";", "|"))
        if not table and re.search(r"[A-Za-z]-$", prev) and re.match(r"[a-z]", line):
            out[-1] = prev[:-1] + line  # "sto-" + "rey"
        elif not table and not re.match(r"\s*[-*•·▪]", line) and (
                re.search(r"\b(?:of|at|and|by|with|to|in|the|a|an|is|are|@)$", prev.rstrip())  # "3 bays of" / "6.0 m"
                or re.match(r"\s*(?:and|or|with|to|of|in|at|by|directions?)\b", line)  # "(ground)" / "and 3.4 m"
                or (len(prev.strip()) >= 20 and re.match(r"[a-z]", line.lstrip())  # a wrapped line: "with storey" / "heights"
                    and re.search(r"(?<![\d.])\b[A-Za-z]{2,}$", prev.rstrip())
                    and not re.search(r"\b(?:mm|cm|ft|in|kpa|mpa|gpa|psf|psi|ksi|kn|kip|kips|sec)$", prev.rstrip(), re.I))):
            out[-1] = prev.rstrip() + " " + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def normalise(text: str) -> str:
    """Lower case, half-width, number words and Chinese numerals as digits.

    >>> normalise("Five-Story RC frame，层高３．５ｍ，十二层")
    '5-story rc frame,层高3.5m,12层'
    """
    t = _CIRCLED_AXES.sub(_bays_of_axes, text)  # "①~⑦轴开间均为7.5m": six bays along X
    t = re.sub(r"[\u2460-\u2473\u2776-\u2793]", " ", t)  # circled item numbers: NFKC makes "②3层" 23 stories
    t = re.sub(r"(?m)(?:^|(?<=[。；;：:]))[ \t]*[一二三四五六七八九十]{1,3}[、．.](?![一二三四五六七八九十\d跨]|层(?!数))", " ", t)  # "二、层数"
    t = unicodedata.normalize("NFKC", t)
    t = t.translate(_TRADITIONAL)  # 層高, 鋼框架, 場地類別: the simplified characters the readers know
    t = _joined_lines(t)
    t = re.sub(r"(?m)^[ \t]*[-*•·▪–—]+[ \t]+", "", t)  # bullets: "- 5 stories" is no minus
    t = re.sub(r"\.{3,}|…+", " ", t)  # dot leaders: "story height .......... 3.8 m"
    t = t.replace("×", "x").replace("＊", "x").replace("·", "*").replace("∙", "*").replace("−", "-")
    t = t.replace("–", "-").replace("—", "-").replace("～", "~").replace("’", "'").replace("”", '"').replace("“", '"')
    t = re.sub(r"(\d\s*(?:ft|in|m|mm))\.(?=\s+[A-Z])", r"\1;", t)  # "... 12 ft. Bays: ...": a sentence ends (not 'ft.')
    t = t.lower()
    # compound English numbers: "twenty-five" / "twenty five"
    t = re.sub(r"\b(" + "|".join(_TENS) + r")[- ](" + "|".join(_UNITS_WORDS) + r")\b",
               lambda m: str(_WORD_NUMBERS[m.group(1)] + _WORD_NUMBERS[m.group(2)]), t)
    t = re.sub(r"\b(" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")\b",
               lambda m: str(_WORD_NUMBERS[m.group(1)]), t)
    t = _LABELLED_MASSES.sub(_floor_mass_list, t)
    t = _HEIGHT_TABLE.sub(_heights_of_table, t)
    # lengths as spoken: 四米五 (4.5 m), 三点六米 (3.6 m), 3米6 (3.6 m), ending at a separator
    zh = "零〇一二两三四五六七八九十"
    t = re.sub(r"([" + zh + r"]+)点([" + zh[:-1] + r"]+)(?=\s*(?:米|m\b))",
               lambda m: f"{_zh_numeral(m.group(1))}." + "".join(str(_ZH_DIGITS[c]) for c in m.group(2)), t)
    t = re.sub(r"(?:([" + zh + r"]+)|(?<![\d.])(\d+))米([一二三四五六七八九]|\d)(?=\s*(?:[,，;；。、)）]|的|$))",
               lambda m: f"{_zh_numeral(m.group(1)) if m.group(1) else m.group(2)}.{_ZH_DIGITS.get(m.group(3), m.group(3))}米", t)
    # Chinese numerals (not inside words such as 一般/统一: only before a counter or after 第)
    t = re.sub(r"([零〇一二两三四五六七八九十百]+)(?=\s*(?:层|跨|度|类|组|榀|个|道|米|m|[至到~]\s*[零〇一二两三四五六七八九十百\d]+\s*层))",
               lambda m: str(_zh_numeral(m.group(1))), t)
    t = re.sub(r"第([零〇一二两三四五六七八九十百]+)", lambda m: "第" + str(_zh_numeral(m.group(1))), t)
    # Chinese decimal words and a few spellings
    t = t.replace("度半", ".5度").replace("单跨", "1跨").replace("单层", "1层")
    t = re.sub(r"跨数\s*(?:为|是|:)?\s*(\d+)", r"\1跨", t)  # 纵向跨数4: 纵向4跨
    t = re.sub(r"层数\s*(?:为|是|:)?\s*(\d+)", r"\1层", t)  # 层数6: 6层
    t = re.sub(r"(\d)\s*(mm|cm|m|ft|in)\s*x(?=\s*\d)", r"\1 \2 x", t)  # 48mx18m: 48 m x 18m (no unit 'mx')
    t = re.sub(r"(\d)-(m|mm|cm|ft|feet|foot|in)\b", r"\1 \2", t)  # 3.5-m floors, 12-ft stories
    t = re.sub(r"(\d)\s*(ft|in)\.(?=\s|,|$|x)", r"\1 \2", t)  # 22 in. x 22 in., 12 ft. stories, 24-in. (24 in)
    # a sentence's full stop after a value: "Concrete C40. Intensity 8", "q = 3.0." (a clause ends there)
    t = re.sub(r"((?:\d|\d\s*(?:m|mm|cm|ft|g|kpa|mpa|psf|psi|ksi|s|t|kn|kips?|%)|\))\s*)\.(?=\s|$)", r"\1;", t)
    t = _ordinal_floors(t)  # "second and third floors", "ground floor 4.5 m, first floor 3.6 m" (British)
    # stories by ordinal: "2nd-4th", "(2nd to 6th)", "second story", "(1st)", "1st 4.2 m" -> "stories 2-4" ...
    t = re.sub(r"\b(\d+)(?:st|nd|rd|th)\s*(?:-|~|to|through)\s*(\d+)(?:st|nd|rd|th)(?:\s*" + STORY_WORD + r")?",
               r"stories \1-\2", t)
    t = re.sub(r"\b(second|third|fourth|fifth|sixth|[2-9](?:nd|rd|th))\s*" + STORY_WORD,
               lambda m: "stories {0}-{0}".format(_ORDINALS.get(m.group(1)) or m.group(1)[:-2]), t)
    t = re.sub(r"\((1st|[2-9](?:nd|rd|th))\)", lambda m: f"(stories {m.group(1)[:-2]}-{m.group(1)[:-2]})", t)
    t = re.sub(r"\(\s*(?:stor(?:e)?y|floor|level)\s*(\d+)\s*\)", r"(stories \1-\1)", t)  # "4.0 m (floor 6)"
    t = re.sub(r"(?<![a-z])(1st|[2-9](?:nd|rd|th))\s+(?=\d+(?:\.\d+)?\s*(?:m|ft)\b)",
               lambda m: f"stories {m.group(1)[:-2]}-{m.group(1)[:-2]} ", t)
    t = re.sub(r"\(\s*([a-z][a-z/²^2]*)\s*\)\s*[:=]?\s*(\d+(?:\.\d+)?(?:\s*(?:,|、|and)\s*\d+(?:\.\d+)?)*)(?![\d.]|\s*[a-z])",
               lambda m: f": {m.group(2)} {m.group(1)}" if _is_unit(m.group(1)) else m.group(0), t)  # heights (m): 4.5, 3.6
    t = re.sub(r"(?:in|along)\s*the\s*other\s*(?:direction|way)", "in y", t)  # "4 bays in x, 2 bays in the other direction"
    t = re.sub(r"(\d+(?:\.\d+)?)\s*(mm|cm|m|in)?\s*(?:dia\.?|diameter|o\.?d\.?)\s*x\s*(\d+(?:\.\d+)?)\s*(mm|cm|m|in)?\s*"
               r"(?:wall|thick(?:ness)?)?\b", lambda m: f"{m.group(1)} {m.group(2) or ''} x {m.group(3)} {m.group(4) or ''}", t)
    t = _feet_inches(t)  # 12'-6" first: its inches are no section's
    t = re.sub(r"(\d(?:\.\d+)?)\s*\"(?=\s*(?:x|by|square|sq\b|columns?|beams?|,|;|$))", r"\1 in", t)  # 24" square, 18"x30"
    t = re.sub(r"(?<![\d./])(\d{1,3}),(\d{3})(?![\d.])", r"\1\2", t)  # 29,000 ksi -> 29000 ksi
    t = _rewrite_phrasings(t)
    # axes as people name them: "x方向" (x向), "the long direction" (longitudinal), "x: 5 bays" (x direction: 5 bays)
    t = re.sub(r"([xy])\s*方向", r"\1向", t)
    t = re.sub(r"\(\s*e\s*-\s*w\s*\)", "(x)", t)  # plan axes by the compass: east-west along X, north-south along Y
    t = re.sub(r"\(\s*n\s*-\s*s\s*\)", "(y)", t)
    t = re.sub(r"(?:\b(?:in|along)\s*(?:the\s*)?)?\b(?:e\s*-\s*w|east\s*-?\s*west)(?:\s*(?:direction|dir\.?))?(?![a-z-])", "in x", t)
    t = re.sub(r"(?:\b(?:in|along)\s*(?:the\s*)?)?\b(?:n\s*-\s*s|north\s*-?\s*south)(?:\s*(?:direction|dir\.?))?(?![a-z-])", "in y", t)
    t = re.sub(r"\b(?:long|longer)\s*(direction|side|way)", r"longitudinal \1", t)
    t = re.sub(r"\b(?:short|shorter)\s*(direction|side|way)", r"transverse \1", t)
    t = re.sub(r"\bx\s*[、,]\s*y\s*向", "x和y向", t)  # X、Y向均为4跨: one phrase, not two clauses
    t = re.sub(r"\(\s*(?:the\s*)?longitudinal(?:\s*(?:direction|side|way))?\s*\)", "(x)", t)
    t = re.sub(r"\(\s*(?:the\s*)?transverse(?:\s*(?:direction|side|way))?\s*\)", "(y)", t)
    t = re.sub(r"(?:^|(?<=[,;.]))(\s*)([xy])\s*:\s*(?=\d)", r"\1\2 direction: ", t)
    # "bays: X 5@7.2 m; Y 3@6.0 m": each axis, then its count at a width
    t = re.sub(r"(?:^|(?<=[,;])|(?<=\bbays:)|(?<=\bspans:))(\s*)([xy])\s+(?=\d+\s*(?:@|x)\s*\d)",
               r"\1\2 direction: ", t)
    return _axis_lists(t)


_AXIS_LIST = re.compile(r"(?:(?<=^)|(?<=[,;]))(\s*)(?:(?:bays?|spans?)\s*(?:in\s*)?([xy])|([xy])\s*-?\s*(?:direction|dir\.?|axis)"
                        r"(?:\s*(?:bays?|spans?))?)\s*[:=]\s*(\d+(?:\.\d+)?(?:\s*(?:m|ft)\b)?(?:\s*[,+]\s*\d+(?:\.\d+)?"
                        r"(?:\s*(?:m|ft)\b)?)*)(?=\s*(?:[,;]|$))")
"""Bays by axis after a colon: 'bays X: 6.0+8.0+6.0 m', 'x direction: 6.0, 8.0 m', 'bays x : 6.0 m + 8.0 + 6.0' (each a
bay's width; one unit, at any of them)."""


def _axis_lists(t: str) -> str:
    """'bays X: 6+8+6 m; Y: 7+7 m', 'x direction: 6.0, 8.0 m, y direction: 6 m' as bays by axis ('bays in x: ...');
    a single length after an axis alone ('x direction: 30 m': a plan, a bay?) only beside a list of the other
    axis in the same form, or with the word bays."""
    hits = [m for m in _AXIS_LIST.finditer(t) if len(set(re.findall(r"\d\s*(m|ft)\b", m[4]))) == 1]  # one unit
    lists = any(len(re.findall(r"\d+(?:\.\d+)?", m[4])) > 1 for m in hits)
    for m in reversed(hits):
        axis, numbers = m[2] or m[3], re.findall(r"\d+(?:\.\d+)?", m[4])
        widths = "+".join(numbers) + " " + re.findall(r"\d\s*(m|ft)\b", m[4])[0]  # the unit once, at the end
        if lists and len(numbers) == 1:  # "x direction: 6.0, 8.0 m, y direction: 6 m": one bay of 6 m
            t = t[:m.start()] + f"{m[1]}1 bay of {widths} in {axis}" + t[m.end():]
        elif m[2] or lists:
            t = t[:m.start()] + f"{m[1]}bays in {axis}: {widths}" + t[m.end():]
    return t


def _clauses(t: str) -> list[str]:
    """Split at separators that do not start a list of numbers ('6 m, 7.5 m and 6 m' stays)
    or a section's second property ('columns A = 0.36 m2, I = 0.0108 m4' stays); a comma before a count
    ('…, 3 bays') or a story height ('4 bays of 7 m, 3.5 m floors') does split."""
    parts = re.split(r"[;；。\n]+|[,，、](?!\s*\d)(?!\s*(?:and\s+)?i\s*_?\s*(?:x|y|strong|weak|major|minor)?\s*=)(?!\s*which\s+is\b)|[,，、](?=\s*\d+\s*(?:[-~]\s*\d+\s*)?(?:x\s*\d+\s*)?-?\s*(?:bays?|spans?|stor|floors?|跨|层))|"
                     r"[,，](?=\s*\d+(?:\.\d+)?\s*(?:m|ft|feet|foot|mm|米|')?\s*(?:high|tall|typical|each)?\s*"
                     r"(?:(?:first|ground|top|bottom|typical|typ\.?|upper|lower|other|remaining)\s*)?-?\s*(?:stor|floors?\b|levels?\b|层高)"
                     r"|\s*\d+(?:\.\d+)?\s*(?:m|ft|')\s*typ(?:ical|\.)?\s*(?:$|[,;]|stor|floor))|"
                     r"[,，](?=\s*\d+(?:\.\d+)?\s*度)|"
                     r"[,，](?=\s*\d+(?:\.\d+)?\s*(?:m|ft|mm|cm|in|feet|\")\s*(?:(?:high|tall|thick|wide|deep)\s*)?"
                     r"(?:cantilevers?|overhangs?|balcon(?:y|ies)|"
                     r"frame\s*spacing|spacing|tributary|slabs?|thick|deck|topping|screed|brick|block|infill|walls?|"
                     r"parapets?|partitions?|(?:concrete\s*|rc\s*)?slabs?)\b)|"
                     r"[,，](?=\s*\d+(?:\.\d+)?\s*(?:mm|cm|m|in|\")?\s*x\s*\d+(?:\.\d+)?\s*(?:mm|cm|m|in|\")?\s*"
                     r"(?:rc\s*|concrete\s*|steel\s*)?(?:columns?|beams?|girders?))|"
                     r"[,，](?=\s*\d+(?:\.\d+)?\s*(?:mm|cm|m|in)?\s*square\s*(?:rc\s*|concrete\s*|steel\s*)?(?:columns?|beams?))|"
                     r"(?<!\d)[,，](?=\s*\d[\d.\s+\-@x]*(?:m|ft|mm|feet)?\s*-?\s*(?:bays?|spans?)\b)|"
                     r"\.\s+(?=[a-z])", t)
    return _rejoin_length_lists([p.strip() for p in parts if p and p.strip()])


_LENGTHS_AT_END = re.compile(r"(?:^|,\s*)((?:\d+(?:\.\d+)?\s*(?:m|ft|mm|feet)\s*,\s*)+\d+(?:\.\d+)?\s*(?:m|ft|mm|feet))$")
_LENGTH_BAYS = re.compile(r"\d+(?:\.\d+)?\s*(?:m|ft|mm|feet)\s*-?\s*(?:bays?|spans?)\b")


def _rejoin_length_lists(parts: list[str]) -> list[str]:
    """'6 m, 3 m, 6 m, 6 m spans': the split before the last item's 'spans' (which splits '..., 8 m bays') undone,
    the list of lengths going with it (it was read as one 6 m bay, the count left to the default)."""
    out: list[str] = []
    for part in parts:
        m = _LENGTHS_AT_END.search(out[-1]) if out and _LENGTH_BAYS.match(part) else None
        if m:
            head = out[-1][:m.start()].rstrip(" ,")
            out[-1:] = [head] if head else []
            part = f"{m.group(1)}, {part}"
        out.append(part)
    return out


# ---------------------------------------------------------------------------------
# Quantities
# ---------------------------------------------------------------------------------

NUM = r"(\d+(?:\.\d+)?(?:\s*(?:e|x\s*10\^?)\s*[-+]?\d+)?)"


def _num(s: str) -> float:
    s = s.replace(" ", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:(?:e|x10\^?)([-+]?\d+))?", s)
    if not m:
        raise SpecError(f"cannot read the number {s!r}")
    return float(m.group(1)) * (10 ** int(m.group(2)) if m.group(2) else 1)


def _unit_alt(dimension: str) -> str:
    return "|".join(re.escape(tok) for tok in tokens(dimension))


def _unit_re(dimension: str) -> str:
    return r"(" + _unit_alt(dimension) + r")(?![a-z0-9²^])"


LEN_UNIT = _unit_re("length")
LEN = NUM + r"\s*" + LEN_UNIT
PRESSURE_UNIT = _unit_re("pressure")
MASS_UNIT = _unit_re("mass")
FORCE_UNIT = _unit_re("force")
STIFF_UNIT = _unit_re("stiffness")


def _feet_inches(t: str) -> str:
    """12'-6" -> 12.5 ft, 12 ft 6 in -> 12.5 ft."""
    t = re.sub(r"(\d+)\s*'\s*-?\s*(\d+(?:\.\d+)?)\s*\"", lambda m: f"{int(m.group(1)) + float(m.group(2)) / 12:g} ft", t)
    return re.sub(r"(\d+)\s*(?:ft|feet)\s*(\d+(?:\.\d+)?)\s*(?:in|inch|inches)\b",
                  lambda m: f"{int(m.group(1)) + float(m.group(2)) / 12:g} ft", t)


def _lengths(s: str, first_list_only: bool = False) -> list[float]:
    """Every length with a unit in ``s``, in metres; '6, 7.5 and 6 m' gives three.

    With ``first_list_only``, only the first run of lengths ('4.5, 3.6 m' of '4.5, 3.6 m, 3 bays of 6 m').
    """
    out: list[float] = []
    pattern = re.compile(r"((?:" + NUM + r"\s*(?:" + LEN_UNIT + r")?\s*(?:,|and|&|、|和|及|/|\+)\s*)*)" + LEN)
    for m in pattern.finditer(s):
        unit = m.group(m.lastindex)  # the unit of the last value applies to bare ones before it
        head = m.group(1) or ""
        for vm in re.finditer(NUM + r"\s*(?:" + LEN_UNIT + r")?", head):
            out.append(to_si(_num(vm.group(1)), vm.group(2) or unit, "length"))
        out.append(to_si(_num(m.group(m.lastindex - 1)), unit, "length"))
        if first_list_only:
            break
    return out


def _quantity(s: str, dimension: str) -> list[float]:
    unit_re = {"pressure": PRESSURE_UNIT, "mass": MASS_UNIT, "force": FORCE_UNIT, "stiffness": STIFF_UNIT}[dimension]
    vals = []
    for m in re.finditer(NUM + r"\s*" + unit_re, s):
        vals.append(to_si(_num(m.group(1)), m.group(2), dimension))
    return vals


_LIST_FIELDS = {"mass": "floor_masses_kg", "force": "floor_masses_kg (as weights)", "stiffness": "story_stiffnesses_n_per_m"}


def _list_quantity(s: str, dimension: str) -> list[float]:
    """'0.5, 0.25 kip-s2/in' -> two values with the trailing unit; '90 t and 45 t' -> each its own;
    '100/386 kip-s2/in' -> a ratio. A value without a unit takes the next unit in the list."""
    unit_re = {"mass": MASS_UNIT, "force": FORCE_UNIT, "stiffness": STIFF_UNIT}[dimension]
    item = NUM + r"(?:\s*/\s*" + NUM + r")?(?:\s*" + unit_re + r")?"
    m = re.search(r"(?:" + item + r"\s*(?:,|and|、|和|及)\s*)*" + NUM + r"(?:\s*/\s*" + NUM + r")?\s*" + unit_re, s)
    if not m:
        return []
    if re.search(r"[*×^+]\s*$|\d\s*[-/]\s*$", s[: m.start()]) or re.match(r"\s*[*×^+]", s[m.end():]):
        raise SpecError(f"{_LIST_FIELDS[dimension]}: '{s.strip()[:80]}' is a formula; give the computed value "
                        "with its unit, e.g. '77.2 kip/in'")
    rest = s[m.end():]
    if re.match(r"\s*(?:for|at|on|in|of)?\s*(?:the\s*)?(?:floors?|stor|levels?|roof|top|first|ground|lower|upper|\d+(?:st|nd|rd|th)|层|屋)",
                rest) or re.search(NUM + r"\s*" + unit_re, rest):
        raise SpecError(f"{_LIST_FIELDS[dimension]}: '{s.strip()[:80]}' gives values for some floors only, or "
                        "several values without saying which floor each is; give one value per floor from the "
                        "first up, e.g. 'floor masses 200, 200, 200, 200, 150 t'")
    pending: list[float] = []
    out = []
    for part in re.finditer(NUM + r"(?:\s*/\s*" + NUM + r")?(?:\s*" + unit_re + r")?", m.group(0)):
        numerator, denominator, unit = part.groups()
        pending.append(_num(numerator) / (_num(denominator) if denominator else 1.0))
        if unit is not None:
            out += [to_si(v, unit, dimension) for v in pending]
            pending = []
    return out


# ---------------------------------------------------------------------------------
# Field readers. Each appends (value, source phrase) to a list; the caller resolves
# repeats and reports contradictions.
# ---------------------------------------------------------------------------------

STORY_WORD = r"(?:stor(?:e)?y|stories|storeys|stor(?:e)?ys|floors?|levels?)"
RANGE = r"(\d+)\s*(?:-|~|to|through|至|到)\s*(\d+)"


class _Found(dict):
    """field -> list of (value, phrase)."""

    def add(self, field: str, value: Any, phrase: str) -> None:
        self.setdefault(field, []).append((value, phrase.strip()))


def _read_stories(t: str, f: _Found) -> None:
    clean = re.sub(r"(?:stor(?:e)?y|stories|storeys|floors?|levels?)\s*" + RANGE, " ", t)
    clean = re.sub(RANGE + r"\s*(?:层|" + STORY_WORD + r")", " ", clean)
    clean = re.sub(r"第\s*\d+\s*层", " ", clean)
    clean = re.sub(r"\b(?:first|bottom|lowest|lower|top|upper|last|remaining|other)\s+\d+\s*" + STORY_WORD, " ", clean)
    clean = re.sub(r"(?:底部|下部|首|顶部|上部|其余)\s*\d+\s*层(?=\s*(?:层高)?(?:均)?(?:为|是|:)?\s*\d)|(?:底部|下部|顶部)\s*\d+\s*层",
                   " ", clean)  # "底部2层4.5m", "其余5层3.3m": stories by their height, not the count
    for m in re.finditer(r"(?<![\d.])(\d+)(?!\.\d)\s*-?\s*" + STORY_WORD + r"\b(?!\s*(?:height|high|tall))", clean):
        f.add("stories", int(m.group(1)), m.group(0))
    for m in re.finditer(r"(?:number of (?:stories|storeys|floors)|stories|storeys|floors)\s*(?:=|:|is)\s*(\d+)(?!\.\d)", clean):
        f.add("stories", int(m.group(1)), m.group(0))
    # "二层4.5m", "1层4.8m", "二层以上层高3.6米": a story by its number, not the count
    clean = re.sub(r"(?<![\d.])\d+\s*层(?=\s*(?:层高)?(?:均)?(?:为|是|:)?\s*\d+(?:\.\d+)?\s*(?:m|米)(?![a-z²2])|\s*(?:及)?以[上下])", " ", clean)
    for m in re.finditer(r"(?:地上|共)?\s*(?<!至)(?<!到)(\d+)\s*层(?!层高|高|楼面|楼板|顶)", clean):
        f.add("stories", int(m.group(1)), m.group(0))
    for m in re.finditer(r"\bg\s*\+\s*(\d+)\b", clean):
        f.add("stories", int(m.group(1)) + 1, m.group(0))
    if re.search(r"shear\s*building|stick|lumped", clean):  # "2-DOF shear building": one DOF per story
        for m in re.finditer(r"(?<![\d.])(\d+)\s*-?\s*(?:dofs?|degrees?[- ]of[- ]freedom)\b", clean):
            f.add("stories", int(m.group(1)), m.group(0))


_FIRST = r"(?:first|1st|ground|bottom|lowest)\s*(?:-\s*)?" + STORY_WORD
_BETWEEN = r"\s*(?:\([^)\d]{1,24}\)\s*|(?!(?:are|at|of|each)\b)[a-z]+\s+){0,2}"
"""Up to two words, or a note in parentheses, between stories and their height: 'top 2 floors (penthouse) 4 m',
'first 2 floors parking 3.0 m'."""
_OTHERS = r"(?:others?|the rest|remaining|upper|typical|all other|above)"


def _repeats(s: str) -> str:
    """'4.5m+3x3.6m' -> '4.5m+3.6m+3.6m+3.6m': a count times a length, in a list of story heights."""
    return re.sub(r"(?<![\d.])(\d+)\s*x\s*(\d+(?:\.\d+)?\s*(?:m|ft|米)?)(?![\d.])",
                  lambda m: "+".join([m.group(2)] * int(m.group(1))) if 0 < int(m.group(1)) <= MAX_STORIES else m.group(0), s)


def _take_length(c: str, f: _Found, field: str, patterns: tuple[str, ...]) -> str:
    """The first of ``patterns`` (each with one LEN) that matches gives ``field``; ``c`` without the phrase."""
    for pat in patterns:
        m = re.search(pat, c)
        if m:
            vals = [g for g in m.groups() if g is not None]
            f.add(field, to_si(_num(vals[0]), vals[1], "length"), m.group(0))
            return c.replace(m.group(0), " ")
    return c


_NOT_A_SIZE = r"(?<![x×*\d.])(?<![x×*]\s)(?!\d+(?:\.\d+)?\s*[a-z]*\s*[x×*])"
"""Where a length starts that is no side of a section's size ('600x600 mm above', '36 in x 36 in above')."""


_NO_SIZE = r"(?!\s*(?:x|\*)\s*\d)"
"""After a length: it is no side of a section's size ('1~2层550mm×550mm')."""


_HEIGHT_LIST_ALONE = re.compile(r"\s*\d+(?:\.\d+)?\s*(?:m|ft|')?(?:(?:\s*,\s+|\s*(?:\+|and|&)\s*)\d+(?:\.\d+)?\s*(?:m|ft|')?)+"
                                r"\s*(?:m|ft|')\s*")
"""A clause's rest that is only a list of lengths, the last with its unit ('4.5 m, 3.6 m, 3.6 m', '4.5+3.6+3.6 m'; a comma
with a space after it: '3,5 m' is a decimal comma)."""


def _read_heights(clause: str, f: _Found) -> None:
    c = clause
    # Chinese: 首层/底层 4.5m, 其余/标准层 3.3m, 层高 3.5m, 层高分别为 a、b、c
    if re.search(r"(首层|底层|第1层|(?<![\d~至到\-])1层层高|一层)", c):
        m = re.search(r"(?:首层|底层|第1层|(?<![\d~至到\-])1层)(?:层高|高)?(?:为|是|:)?\s*" + LEN + _NO_SIZE, c)
        if m:
            f.add("first_story_height_m", to_si(_num(m.group(1)), m.group(2), "length"), m.group(0))
            c = c.replace(m.group(0), " ")
    m = re.search(r"层高分别(?:为|是)?\s*(.*)", c)
    if m:
        f.add("story_heights_m", _lengths(_repeats(m.group(1)), True), m.group(0))
        return
    m = re.search(r"层高(?:均)?(?:为|是|:)?\s*(.*)", c)  # 层高4.5m、3.6m、3.3m / 层高4.5m+3x3.6m: a list, one per story
    if m and len(_lengths(_repeats(m.group(1)), True)) > 1:
        f.add("story_heights_m", _lengths(_repeats(m.group(1)), True), m.group(0))
        return
    for m in re.finditer(RANGE + r"\s*层(?:层高)?(?:均)?(?:为|是|:)?\s*" + LEN + _NO_SIZE, c):  # 2~4层3.6m: stories 2 to 4
        f.add("story_range_heights", (int(m.group(1)), int(m.group(2)), to_si(_num(m.group(3)), m.group(4), "length")),
              m.group(0))
        c = c.replace(m.group(0), " ")
    for m in re.finditer(r"(?<![\d.~至到\-])(?<!底部|下部|顶部|上部|其余)(?<!首)(\d+)\s*层\s*(?:层高)?(?:均)?(?:为|是|:)?\s*" + LEN
                         + _NO_SIZE, c):
        n = int(m.group(1))  # 二层4.5m: story 2 alone
        f.add("story_range_heights", (n, n, to_si(_num(m.group(2)), m.group(3), "length")), m.group(0))
        c = c.replace(m.group(0), " ")
    for m in re.finditer(r"(?<![\d.])(\d+)\s*层\s*(?:及)?以上(?:各层)?\s*(?:层高)?(?:均)?(?:为|是|:)?\s*" + LEN + _NO_SIZE, c):
        f.add("stories_from_height", (int(m.group(1)), to_si(_num(m.group(2)), m.group(3), "length")), m.group(0))
        c = c.replace(m.group(0), " ")  # 二层以上层高3.6米: story 2 to the top
    for m in re.finditer(r"(?:底部|下部|首)\s*(\d+)\s*层\s*(?:层高)?(?:均)?(?:为|是|:)?\s*" + LEN + _NO_SIZE, c):  # 底部2层4.5m: 1 to 2
        f.add("story_range_heights", (1, int(m.group(1)), to_si(_num(m.group(2)), m.group(3), "length")), m.group(0))
        c = c.replace(m.group(0), " ")
    m = re.search(r"(?:其余|其他|以上|标准层|其余各层|其它)(?:\d+层)?[^\d]{0,6}" + LEN, c)
    if m:
        f.add("story_height_m", to_si(_num(m.group(1)), m.group(2), "length"), m.group(0))
        c = c.replace(m.group(0), " ")
    m = re.search(r"(?<!顶层)(?<!首层)(?<!底层)层高(?:均)?(?:为|是|:)?\s*" + LEN, c)  # not 顶层层高3.9m: the top story's
    if m:
        f.add("story_height_m", to_si(_num(m.group(1)), m.group(2), "length"), m.group(0))
    m = re.search(r"(?:总高(?:度)?|房屋高度|结构高度)(?:为|是|:)?\s*" + LEN, c)
    if m:
        f.add("total_height_m", to_si(_num(m.group(1)), m.group(2), "length"), m.group(0))
    # English per-story list: "story heights 4.5, 3.6, 3.6 m" / "story heights of 4.5 m, 3.6 m and 3.6 m"
    m = (re.search(r"(?:(?:stor(?:e)?y|floor)[- ]|^\s*)heights\s*(?:are|of|:|=)?\s*(.*)", c)
         or re.search(r"(?<![\d.])\d+\s*" + STORY_WORD + r"\s*(?:at|of|:|=)\s*(" + _LEN_LIST + r")(?!\s*-?\s*(?:bays?|spans?))",
                      c)  # "3 stories at 4, 3.6 and 3.6 m" (not "5 stories of 3.6 m and 8 m bays")
         or re.search(r"(?<![\d.])\d+\s*-?\s*" + STORY_WORD + r"\s*[(（]\s*(" + _LEN_LIST + r")\s*[)）]", c)  # "4 storeys (4.0 m, 3.5 m)"
         or re.search(r"^\s*" + STORY_WORD + r"\s*(?:are|:|=)?\s*(" + _LEN_LIST + r")\s*$", c))  # "stories 15 ft, 13 ft, 13 ft"
    if m and len(_lengths(_repeats(m.group(1)), True)) > 1:  # "4.5 m + 5 x 3.3 m" too
        f.add("story_heights_m", _lengths(_repeats(m.group(1)), True), m.group(0))
        return
    # the singular with a list and nothing else: "floor height 4.5 m, 3.6 m, 3.6 m", "story height 4.5+3.6+3.6 m"
    m = re.search(r"(?:(?:stor(?:e)?y|floor)[- ]|^\s*)height\s*(?:is|are|of|:|=)?\s*(.*)", c)
    if m and _HEIGHT_LIST_ALONE.fullmatch(_repeats(m.group(1))) and len(_lengths(_repeats(m.group(1)), True)) > 1:
        f.add("story_heights_m", _lengths(_repeats(m.group(1)), True), m.group(0))
        return
    # "14 ft/12 ft stories (first/typical)"
    m = re.search(LEN + r"\s*/\s*" + LEN + r"\s*" + STORY_WORD + r"\s*\(\s*(?:first|ground|1st|bottom)\s*/\s*"
                  r"(?:typical|others?|upper|above|rest)\s*\)", c)
    if m:
        f.add("first_story_height_m", to_si(_num(m.group(1)), m.group(2), "length"), m.group(0))
        f.add("story_height_m", to_si(_num(m.group(3)), m.group(4), "length"), m.group(0))
        return
    # a list before the story word: "14 ft and 12 ft stories" (one per story, from the first up)
    m = re.search(r"(?<![\d.x×*])(" + _LEN_LIST + r")\s*" + STORY_WORD + r"\b", c)
    if m and len(_lengths(m.group(1), True)) > 1 and not re.search(_MEMBER, c):
        f.add("story_heights_m", _lengths(m.group(1), True), m.group(0))
        return
    m = re.fullmatch(r"\s*(?<![\d.])\d+\s*-?\s*" + STORY_WORD + r"\s*,\s*" + LEN + r"\s*", c)  # "6 stories, 3.6 m"
    if m:
        f.add("story_height_m", to_si(_num(m.group(1)), m.group(2), "length"), m.group(0))
        return
    # stories by range: "stories 1-2: 4.5 m", "floors 3 to 6 at 3.3 m", "first 2 stories 4.5 m"
    sizes = re.search(r"columns?|beams?|girders?|柱|梁", c)  # "700x700 mm for stories 1-3": a section's range
    for m in [] if sizes else re.finditer(r"(?<![\d.x*])" + LEN + r"\s*[(（]?\s*(?:for\s*|in\s*)?(?:the\s*)?(?:stor(?:e)?(?:y|ies|eys)|floors?|levels?)\s*" + RANGE, c):
        f.add("story_range_heights", (int(m.group(3)), int(m.group(4)), to_si(_num(m.group(1)), m.group(2), "length")),
              m.group(0))  # "4 m stories 1-3"
        c = c.replace(m.group(0), " ")
    for pat, whole in ((r"(?:stor(?:e)?(?:y|ies|eys)|floors?|levels?)\s*" + RANGE + r"\s*(?:are|at|of|:|=|-)?\s*(?:each\s*)?"
                        + LEN + _NO_SIZE, False),
                       (r"(?<=\s)(?:and|,)\s*" + RANGE + r"\s*(?:at|:|=)\s*" + LEN + _NO_SIZE, False),  # "… and 4-9 at 3.8 m"
                       (r"(?:the\s*)?(?:first|bottom|lowest|lower)\s*(\d+)\s*" + STORY_WORD + _BETWEEN + r"(?:are|at|of|:|=)?\s*"
                        r"(?:each\s*)?" + LEN, True)):
        for m in re.finditer(pat, c):
            g = [x for x in m.groups() if x is not None]
            low, high = (1, int(g[0])) if whole else (int(g[0]), int(g[1]))
            f.add("story_range_heights", (low, high, to_si(_num(g[-2]), g[-1], "length")), m.group(0))
            c = c.replace(m.group(0), " ")
    # the top story: "top story 4.0 m", "4 m for the top floor", "顶层4.0m" (placed once the story count is known)
    top_word = r"(?:stor(?:e)?y|floor)"  # not "roof level 18 m": an elevation
    for m in re.finditer(r"(?:the\s*)?(?:top|upper(?:most)?|last)\s*(\d+)\s*" + STORY_WORD + _BETWEEN + r"(?:are|at|of|:|=)?\s*(?:each\s*)?"
                         + LEN + r"|(?:顶部|上部)\s*(\d+)\s*层\s*(?:层高)?(?:均)?(?:为|是|:)?\s*" + LEN, c):  # the top 2 stories
        g = [x for x in m.groups() if x is not None]
        f.add("top_stories_height", (int(g[0]), to_si(_num(g[1]), g[2], "length")), m.group(0))
        c = c.replace(m.group(0), " ")
    c = _take_length(c, f, "top_story_height_m", (
        r"except\s*(?:for\s*)?(?:the\s*)?(?:top|uppermost|last)\s*" + top_word + r"\s*(?:,\s*)?(?:which\s*is|at|of|is|=|:)?\s*"
        + LEN,  # "3.9 m except the top storey, which is 4.5 m"
        r"(?:top|uppermost|last)\s*" + top_word + r"(?:\s*(?:height|is|of|at|=|:))*\s*" + LEN,
        r"(?<![\d.])" + LEN + r"\s*(?:high|tall)?\s*(?:for|at)?\s*(?:the\s*)?(?:top|uppermost|last)\s*" + top_word,
        r"顶层\s*(?:层高)?(?:为|是|:)?\s*" + LEN))
    c = _take_length(c, f, "first_story_height_m", (
        _FIRST + r"(?:\s*(?:height|is|of|at|=|:))*\s*" + LEN,
        _NOT_A_SIZE + LEN + r"\s*(?:high|tall)?\s*(?:(?:for|at|in|on)\s*)?(?:the\s*)?" + _FIRST,  # "(4.5 m at the ground floor)"
        _NOT_A_SIZE + LEN + r"\s*(?:high|tall)?\s*(?:at|for)\s*(?:the\s*)?ground\b(?!\s*(?:level\s*)?elevation)",  # "16 ft at ground"
        LEN + r"\s*[(（]\s*(?:at\s*)?(?:the\s*)?(?:ground|first|1st|bottom)(?:\s*(?:floor|stor(?:e)?y|level))?\s*[)）]",  # "4.5 m (ground)"
        r"[(（]\s*(?:the\s*)?(?:ground|first|1st|bottom)(?:\s*(?:floor|stor(?:e)?y|level))?\s*(?:at|of|is|=|:)?\s*" + LEN
        + r"\s*[)）]",  # "3.5 m (ground 4.0 m)", "13 ft stories (first 17 ft)"
        r"except\s*(?:for\s*)?(?:the\s*)?(?:first|ground|bottom|lowest)\s*(?:stor(?:e)?y|floor|level)?\s*"
        r"(?:,\s*)?(?:which\s*is|at|of|is|=|:)?\s*" + LEN,  # "3.4 m except the ground storey which is 4.6 m"
        r"(?:stor(?:e)?y|floor|level)\s*1(?![\d.])\s*(?:height)?\s*(?:is|of|=|:)?\s*" + LEN,
        r"\blobby\s*(?:stor(?:e)?y|floor|level)?(?:\s*(?:height|is|of|at|=|:))*\s*" + LEN,  # "lobby 5.0 m"
        LEN + r"\s*(?:high|tall)?\s*(?:for\s*the\s*)?lobby\b",
        _NOT_A_SIZE + LEN + r"\s*(?:for\s*the\s*)?(?:first|ground|bottom)\b(?=\s*(?:and|,|;|\)|$))"))  # "heights 14 ft first and 12 ft above"
    # a count, then each story's height: "4 stories, 3.6 m each", "4 storeys (3.5 m each)", "4 stories 14 ft", "5 stories,
    # 3.4 m, 4 bays", "每层3.6米" (not "3 stories 12 m tall", a building's height, nor a bay's "… 3 bays 6 m")
    m = (re.search(r"(?<![\d.])\d+\s*-?\s*" + STORY_WORD + r"\s*[,(（:]?\s*(?:at\s*|of\s*)?" + _NOT_A_SIZE + LEN
                   + r"\s*(?:each\b|apiece\b|per\s*(?:stor(?:e)?y|floor)\b|[)）]|(?=\s*(?:$|[,;，；])))", c)
         or re.search(r"(?:每层|各层)(?:层高)?(?:均)?(?:为|是|:)?\s*" + LEN, c))
    if m and to_si(_num(m.group(1)), m.group(2), "length") <= STORY_HEIGHT_RANGE_M[1] / 2:
        f.add("story_height_m", to_si(_num(m.group(1)), m.group(2), "length"), m.group(0))
        c = c.replace(m.group(0), " ")
    # typical height
    pats = (
        r"(?:typical\s*)?(?:stor(?:e)?y|floor|floor-to-floor|inter-?stor(?:e)?y)\s*heights?\s*(?:is|of|=|:|at)?\s*(?:all\s*)?" + LEN,
        _OTHERS + r"\s*(?:" + STORY_WORD + r")?\s*(?:are|is|at|of|=|:)?\s*" + LEN,
        LEN + r"\s*(?:for\s*)?(?:the\s*)?" + _OTHERS + r"\s*" + STORY_WORD,  # "3.6 m upper floors"
        r"typical\s*" + STORY_WORD + r"\s*(?:are|is|at|of|=|:)?\s*" + LEN,
        LEN + r"\s*(?:typical\s*)?(?:stor(?:e)?y|floor|floor-to-floor)\s*heights?",
        _NOT_A_SIZE + LEN + r"\s*(?:high|tall)?\s*(?:typical\s*)?" + STORY_WORD + r"\b",  # not 600x600 mm stories 1-2
        LEN + r"\s*(?:typical\b|typ\.|typ\b)(?!\s*(?:column|beam|section|bay|span))",  # "14 ft ground floor and 12 ft typical"
        r"(?:each|every|all)\s*" + STORY_WORD + r"\s*(?:is|are)?\s*" + LEN + r"(?:\s*(?:high|tall))?",
        r"^\s*(?:each|every\s*one)\s*(?:of\s*them\s*)?(?:is\s*)?" + LEN + r"\s*(?:high|tall|in\s*height)\b",  # "3 storeys, each 5 m tall"
        STORY_WORD + r"\s*(?:of|at|@)\s*" + LEN,
        r"floor-to-floor\s*(?:distance\s*)?(?:is|of|=|:|at)?\s*" + LEN,  # "floor-to-floor 3 m"
        r"(?<![\d-])(?<!\d\s)" + STORY_WORD + r"\s*(?:are|is)?\s*(?:each\s*|all\s*)?" + LEN + r"\s*(?:high|tall)\b",  # "storeys 3.5 m tall", not "3 stories 12 m tall"
        _NOT_A_SIZE + LEN + r"\s*(?:for\s*)?(?:the\s*)?(?:above|others|the\s*rest|remaining)\s*[.;]?\s*$",
        r"^\s*" + STORY_WORD + r"\s*(?:are|is|:)?\s*" + _NOT_A_SIZE + LEN + r"\s*$",  # "…, storeys 3.5 m"
        LEN + r"\s*[(（]\s*(?:above|typical|others?|upper|rest|remaining|the\s*rest)(?:\s*(?:floors?|stor(?:e)?(?:y|ies|eys)|levels?))?"
        r"\s*[)）]",  # "3.3 m (above)", "13 ft (others)"  # "14 ft first and 12 ft above"
    )
    typical_found = False
    for pat in pats:
        m = re.search(pat, c)
        if m:
            vals = [g for g in m.groups() if g is not None]
            f.add("story_height_m", to_si(_num(vals[0]), vals[1], "length"), m.group(0))
            typical_found = True
            break
    bare = None if typical_found else re.search(r"^\s*height\s*(?:is|of|=|:)?\s*" + LEN + r"(?!\s*(?:typical|each|per))", c)
    if bare:  # "…, height 4 m": the building's, or (placed once the story count is known) each story's
        f.add("bare_height_m", to_si(_num(bare.group(1)), bare.group(2), "length"), bare.group(0))
        return
    m = (re.search(r"(?:total|overall|building|roof)\s*height\s*(?:is|of|=|:)?\s*" + LEN, c)
         or re.search(r"height\s*(?:to|of)\s*(?:the\s*)?roof\s*(?:is|of|=|:)?\s*" + LEN, c)
         or re.search(LEN + r"\s*(?:total|overall|building|roof)\s*height\b", c))  # "60 ft total height"
    if m:
        f.add("total_height_m", to_si(_num(m.group(1)), m.group(2), "length"), m.group(0))
    elif not typical_found:  # "6 m high", "20 ft tall": the building's height, when no story is named with it
        m = re.search(r"(?<![\d.])" + LEN + r"\s*(?:high|tall)\b(?!\s*(?:typical\s*)?" + STORY_WORD + ")"
                      r"(?!\s*(?:parapets?|partitions?|walls?|fences?|railings?|balustrades?|doors?|windows?|plinths?|upstands?|"
                      r"ceilings?|screens?|hoardings?|signs?))", c)
        before = c[: m.start()] if m else ""
        if m and re.search(r"(?<![\d.])\d+\s*-?\s*" + STORY_WORD + r"\s*,?\s*$", before):
            # "3 stories 12 m tall": the building's height, or (for 3 stories, 3.5 m tall) a story's
            f.add("bare_height_m", to_si(_num(m.group(1)), m.group(2), "length"), m.group(0))
        elif m and (not re.search(STORY_WORD + r"|column|柱", re.split(r"[,，]", before)[-1])
                    or re.search(r"(?:building|structure|tower|frame)\s*$", before)):  # "… frame building 78 ft tall"
            f.add("total_height_m", to_si(_num(m.group(1)), m.group(2), "length"), m.group(0))


_AXIS_WORDS = {"x": "x", "y": "y", "longitudinal": "x", "transverse": "y", "纵向": "x", "横向": "y"}
_LEN_LIST = NUM + r"\s*(?:" + LEN_UNIT + r")?(?:\s*(?:,|and|、|和|/|\+)\s*" + NUM + r"\s*(?:" + LEN_UNIT + r")?)*"
"""Lengths in a row ('5 + 2.4 + 5 m', '6, 7.5 and 6 m'); ``_lengths`` reads them (the last one needs its unit)."""
_BOTH_WAYS = r"(?:in\s*)?(?:each|both)\s*(?:directions?|ways?)"
_GRID = (r"(?:柱网|column\s*grid)(?:尺寸)?\s*(?:为|是|of|:|=)?\s*" + NUM + r"\s*(" + _unit_alt("length") + r")?\s*(?:x|by|\*)\s*"
         + LEN)
"""A column grid, X by Y: '柱网6m x 6m', 'column grid 8 x 6 m'."""
_AXIS = r"(?:(?:in|along)\s*(?:the\s*)?([xy])(?:\s*-?\s*(?:direction|dir\.?|axis))?|([xy])\s*-?\s*(?:direction|dir\.?|axis)|\(([xy])\)|([xy])\s*向|(?:(?:in|along)\s*(?:the\s*)?)?(longitudinal|transverse)(?:ly)?|(纵向|横向))"
BAY_WORD = r"(?:bays?|spans?)\b"
BAY_LEN_WORD = r"(?:bay\s*widths?|bays?|spans?|span\s*lengths?|bay\s*spacing|column\s*spacing|grid|跨度|柱距|开间|进深|每跨)"


def _one_axis(name: str) -> str:
    return r"(?:in|along)\s*(?:the\s*)?(?P<" + name + r">[xy])(?:\s*-?\s*(?:direction|dir\.?|axis))?(?![a-z])"


_WIDTH_AFTER = r"(?:\s*,?\s*(?:of|at|@|each)\s*(?P<width>" + LEN + r"))?"
_AXIS_COUNTS = (r"(?<![\d.])(?P<n1>\d+)\s*(?:" + BAY_WORD + r")?\s*" + _one_axis("a1") + r"\s*(?:,|and|&|;)\s*"
                r"(?P<n2>\d+)\s*(?:" + BAY_WORD + r")?\s*" + _one_axis("a2") + _WIDTH_AFTER)
"""Two bay counts, each with its axis: '4 in x and 1 in y', '4 bays along x, 2 along y' (then perhaps 'of 6 m')."""
_COUNTS_THEN_AXES = (r"(?<![\d.])(?P<n1>\d+)\s*(?:and|,|&)\s*(?P<n2>\d+)\s*" + BAY_WORD + _WIDTH_AFTER
                     + r"\s*(?:in|along)\s*(?:the\s*)?(?P<a1>[xy])\s*(?:and|,|&)\s*(?P<a2>[xy])(?![a-z])")
"""Two bay counts, then the axes in the same order: '4 and 2 bays of 6 m in x and y'."""


def _axis_of(groups: tuple) -> str | None:
    for g in groups:
        if g:
            return _AXIS_WORDS.get(g, g)
    return None


def _add_axis_bays(f: _Found, axis: str, count: int, widths_text: str | None, source: str) -> None:
    """A bay count along one axis, with its width (one value) or widths (a list) when given."""
    f.add(f"bays_{axis}", count, source)
    lens = _lengths(widths_text or "")
    if len(lens) == 1:
        f.add(f"bay_width_{axis}_m", lens[0], source)
    elif lens:
        f.add(f"bay_widths_{axis}_m", lens, source)


_BAY_GROUP = (r"(?:(?<![\d.])(\d+)\s*(?:" + BAY_WORD + r"\s*(?:of|at|@)|@)\s*" + LEN
              + r"|(?<![\d.])(\d+)\s+" + LEN + r"\s*-?\s*" + BAY_WORD + ")")
"""A group of equal bays: '2 bays of 6 m', '2@6 m', 'two 6 m bays' (2 6 m bays once normalised)."""
_BAY_GROUPS = re.compile(_BAY_GROUP + r"(?:\s*(?:,|and|&|\+|plus)\s*" + _BAY_GROUP + r")+")
"""Groups of equal bays in one line: '2 bays of 6 m and 1 bay of 8 m' (6, 6, 8)."""


def _tidy_bays(c: str) -> str:
    """Bay lists as people write them, in the parser's forms: '6-8-6 m spans' -> '6+8+6 m spans',
    '6 m + 2.4 m (corridor) + 6 m' -> '6 m + 2.4 m + 6 m' (not '(x)' or '(x direction)': axes), '3 bays @ 6 m = 18 m'
    -> '3 bays @ 6 m'."""
    c = re.sub(r"(?<![\d.\-])(\d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?){2,})(?=\s*(?:m|ft)\s*-?\s*(?:bays?|spans?)\b)",
               lambda m: re.sub(r"\s*-\s*", "+", m.group(1)), c)
    c = re.sub(r"((?:bays?|spans?)\s*(?:of|:|=|are)?\s*)(\d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?){2,})(?=\s*(?:m|ft)\b)",
               lambda m: m.group(1) + re.sub(r"\s*-\s*", "+", m.group(2)), c)  # "spans 6-8-6 m", "bays of 6-8-6 m"
    c = re.sub(r"(\d\s*(?:m|ft))\s*=\s*\d+(?:\.\d+)?\s*(?:m|ft)\b", r"\1", c)  # "3 bays @ 6 m = 18 m": a total
    return re.sub(r"(?<=[\dm])\s*[(（](?![xy][)）])(?![^)）]*(?:direction|axis|dir|向|each|both|ways?|e-w|n-s|east|west|north|south))[^()（）\d]{2,24}[)）]", "", c)


_BY_BAYS = re.compile(r"(?<![\d.])(\d+)\s*" + BAY_WORD + r"\s*(?:of|at|@|x)\s*" + LEN + r"\s*(?:by|x)\s*(\d+)\s*" + BAY_WORD
                      + r"\s*(?:of|at|@|x)\s*" + LEN)
"""X by Y with a width each: '6 bays of 7.2 m by 2 bays of 9 m', '6 bays x 30 ft by 4 bays x 30 ft'."""


def _read_bays(clause: str, f: _Found) -> None:
    c = _tidy_bays(clause)
    m = re.search(r"(?<![\d.x])" + LEN + r"\s*(?:x|by)\s*" + LEN + r"\s*(?:bays?|(?:column\s*)?grid|column\s*spacing)\b", c)
    if m:  # "24 ft x 32 ft bays, 3 in X and 2 in Y", "on a 7.5 m x 7 m column grid": X by Y
        f.add("bay_width_x_m", to_si(_num(m.group(1)), m.group(2), "length"), m.group(0))
        f.add("bay_width_y_m", to_si(_num(m.group(3)), m.group(4), "length"), m.group(0))
        c = c.replace(m.group(0), " bays ")
    m = _BY_BAYS.search(c)
    if m:
        _add_axis_bays(f, "x", int(m.group(1)), m.group(2) + m.group(3), m.group(0))
        _add_axis_bays(f, "y", int(m.group(4)), m.group(5) + m.group(6), m.group(0))
        return
    m = re.search(r"(?:纵横向|纵、横向|双向|x\s*[、,和及/]\s*y\s*向)\s*(?:的)?\s*(?:柱距|跨度)\s*(?:均)?(?:为|是)?\s*" + LEN, c)
    if m:  # 纵横向柱距均为7.5米: both ways
        f.add("bay_width_m", to_si(_num(m.group(1)), m.group(2), "length"), m.group(0))
        c = c.replace(m.group(0), " ")
    m = _BAY_GROUPS.search(c)
    if m:
        widths, groups = [], []
        for g in re.finditer(_BAY_GROUP, m.group(0)):
            count, value, unit = (g.group(1), g.group(2), g.group(3)) if g.group(1) else (g.group(4), g.group(5), g.group(6))
            widths += [to_si(_num(value), unit, "length")] * int(count)
            groups.append([to_si(_num(value), unit, "length")] * int(count))
        axis_m = re.match(r"\s*" + _AXIS, c[m.end():])
        axis = _axis_of(axis_m.groups()) if axis_m else "x"
        other = {"x": "y", "y": "x"}[axis]
        # an axis after the groups is theirs where it is X (the groups' axis anyway) or the other axis follows; else
        # it is the last group's ("3 bays of 6 m and 2 bays of 7.5 m in y": 3 along X, 2 along Y)
        if axis_m is None or axis == "x" or any(_axis_of(a.groups()) == other
                                                for a in re.finditer(_AXIS, c[m.end() + axis_m.end():])):
            _add_bay_widths(f, axis, widths, m.group(0))
            c = c.replace(m.group(0), " ")
            if axis_m is None:
                return
        else:  # the last group is Y's, the ones before it X's: "4 bays of 6 m and 2 bays of 7.5 m in y"
            _add_bay_widths(f, "x", [w for g in groups[:-1] for w in g], m.group(0))
            _add_bay_widths(f, "y", groups[-1], m.group(0) + axis_m.group(0))
            return
    # N x M bays (of L) / NxM跨
    m = re.search(r"(\d+)\s*(?:(?:bays?|spans?)\s*)?(?:x|by)\s*(\d+)\s*(?:-\s*)?(?:bays?|spans?|跨)", c)  # "4 bays by 2 bays"
    if m:
        f.add("bays_x", int(m.group(1)), m.group(0))
        f.add("bays_y", int(m.group(2)), m.group(0))
        rest = c[m.end():]
        lens = _lengths(rest)
        if lens and re.match(r"\s*(?:of|at|@|,|each|跨度|,跨度)?", rest):
            if len(lens) >= 2 and re.search(r"x|by", rest):
                f.add("bay_width_x_m", lens[0], rest)
                f.add("bay_width_y_m", lens[1], rest)
            else:
                f.add("bay_width_m", lens[0], rest)
        return
    m = re.fullmatch(r"\s*(\d+)\s*(?:bays?|spans?)\s*each\s*", c)  # "bays 6 m (x) and 8 m (y), 3 bays each"
    if m:
        for axis in ("x", "y"):
            f.add(f"bays_{axis}", int(m.group(1)), m.group(0))
        return
    # the same bays both ways: "3 bays in each direction of 5 m", "3 bays of 5 m each way", "双向各3跨"
    m = re.search(r"(?<![\d.])(\d+)\s*-?\s*(?:" + BAY_WORD + r"|跨)(.*?)(?:in\s*)?(?:each|both)\s*(?:directions?|ways?)"
                  r"|(?:双向|两个方向|纵横向|纵横两向|纵、横向|x\s*[、,和及/]\s*y\s*向)(?:均|各)?(?:为|是)?\s*(\d+)\s*跨", c)
    if m:
        count = int(m.group(1) or m.group(3))
        lens = _lengths(c[m.start():])
        for axis in ("x", "y"):
            f.add(f"bays_{axis}", count, m.group(0))
            if len(lens) == 1:
                f.add(f"bay_width_{axis}_m", lens[0], m.group(0))
        return
    # the width before the count, in Chinese: "纵向跨度8m共5跨", "x向柱距7.2m,4跨", "跨度7.2m共4跨" (X)
    hits = list(re.finditer("(?:" + _AXIS + r")?\s*(?:的)?\s*(跨度|柱距|开间|进深)\s*(?:均)?(?:为|是)?\s*" + LEN
                            + r"\s*[,，]?\s*(?:共|计)?\s*(\d+)\s*跨", c))
    for m in hits:
        axis = _axis_of(m.groups()[:6]) or ("y" if m.group(7) == "进深" else "x")
        _add_axis_bays(f, axis, int(m.group(10)), m.group(8) + (m.group(9) or ""), m.group(0))
    if hits:
        return
    # a count at a width with its axis: "3 @ 8.0 m in x, 2 @ 6.0 m in y", "4 x 6.5 m bays in X", "5 x 7.2 m bays longitudinally"
    hits = list(re.finditer(r"(?<![\d.])(\d+)\s*(?:" + BAY_WORD + r")?\s*(?:@|x)\s*" + LEN + r"\s*(?:-?\s*" + BAY_WORD + r")?\s*"
                            + _AXIS, c))
    for m in hits:
        _add_axis_bays(f, _axis_of(m.groups()[3:]) or "x", int(m.group(1)), m.group(2) + m.group(3), m.group(0))
        c = c.replace(m.group(0), " ")  # the other axis may be a list: "bays 6, 8, 6 m in X and 2 x 7 m in Y"
    if hits and not re.search(r"\d", c):
        return
    # "4 x 7.2 m bays", "4 @ 7.2 m spans", "three 7.2 m bays" (3 7.2 m bays once normalised)
    m = None if hits else re.search(r"(?<![\d.])(\d+)\s*(?:x|@|\s)\s*" + LEN + r"\s*-?\s*(?:" + BAY_WORD + r"|跨)", c)
    if m:
        f.add("bays_x", int(m.group(1)), m.group(0))
        f.add("bay_width_x_m", to_si(_num(m.group(2)), m.group(3), "length"), m.group(0))
        return
    # the axis first: "x向3×8m，y向2×6m", "X向4跨×6m"
    hits = list(re.finditer(_AXIS + r"\s*[:：]?\s*(?:为|是)?\s*(\d+)\s*(?:跨|" + BAY_WORD + r")?\s*(?:x|@)\s*" + LEN, c))
    for m in hits:
        _add_axis_bays(f, _axis_of(m.groups()[:6]) or "x", int(m.group(7)), m.group(8) + m.group(9), m.group(0))
    if hits:
        return
    # a count times a width after the bay word: "开间4x3.9m" (X), "进深2x6m" (Y), "bays 4 x 7.2 m in y"
    hits = list(re.finditer(r"(开间|进深|柱距|跨度|" + BAY_WORD + r")\s*[:：]?\s*(\d+)\s*(?:x|@)\s*" + LEN, c))
    for m in hits:
        axis_m = re.search(_AXIS, c[m.end():m.end() + 24]) or (re.search(_AXIS, c) if len(hits) == 1 else None)
        axis = "y" if m.group(1) == "进深" else "x" if m.group(1) == "开间" else _axis_of(axis_m.groups()) if axis_m else "x"
        f.add(f"bays_{axis}", int(m.group(2)), m.group(0))
        f.add(f"bay_width_{axis}_m", to_si(_num(m.group(3)), m.group(4), "length"), m.group(0))
    if hits:
        return
    # a plan by its length and width: "plan length 30 m", "building width 12 m", "4 bays in x, length 30 m"
    for m in re.finditer(r"(?:(?:plan|building|overall|total)\s*|(?:^|(?<=[,;]))\s*)(length|width)\s*(?:is|of|=|:)?\s*" + LEN, c):
        f.add("plan_x_m" if m.group(1) == "length" else "plan_y_m", to_si(_num(m.group(2)), m.group(3), "length"), m.group(0))
        c = c.replace(m.group(0), " ")
    # plan dimensions: "plan 18 m x 12 m" (used with bay widths later)
    m = re.search(r"(?:plan|footprint|平面尺寸)[^\d]{0,12}" + NUM + r"\s*(?:" + LEN_UNIT + r")?\s*(?:x|by)\s*" + LEN, c)
    if m:
        f.add("plan_x_m", to_si(_num(m.group(1)), m.group(2) or m.group(4), "length"), m.group(0))
        f.add("plan_y_m", to_si(_num(m.group(3)), m.group(4), "length"), m.group(0))
        c = c.replace(m.group(0), " ")
    # counts by axis with the bay word once: "bays of 6 m: 4 in x and 1 in y", "6 m bays, 4 along x, 2 along y",
    # "4 bays in x and 2 in y of 6 m"; and "4 and 2 bays of 6 m in x and y" (the counts in the axes' order)
    found_axis_counts = False
    for pattern in (_AXIS_COUNTS, _COUNTS_THEN_AXES) if re.search(BAY_WORD, c) else ():
        for m in list(re.finditer(pattern, c)):
            for count, axis in (("n1", "a1"), ("n2", "a2")):
                _add_axis_bays(f, m.group(axis), int(m.group(count)), m.group("width"), m.group(0))
            c = c.replace(m.group(0), " ")
            found_axis_counts = True
    # "3 bays at 6 m in x", "3 bays (x)", "x: 3 bays of 6 m", "x向3跨", "3跨"
    for m in re.finditer(r"(?<![\d.])(\d+)\s*-?\s*" + BAY_WORD + r"((?:\s*(?:of|at|@|x|each|with widths?|widths?)?\s*(?=\d)[^a-z]*?(?:m|ft|mm|cm|in|feet|')(?![a-z]))?)\s*" + _AXIS, c):
        _add_axis_bays(f, _axis_of(m.groups()[2:]), int(m.group(1)), m.group(2), m.group(0))
        found_axis_counts = True
    for m in re.finditer(r"(?:,|\band)\s*(\d+)\s*of\s*" + LEN + r"\s*" + _AXIS, c):  # "4 bays of 6 m in X, 3 of 6 m in Y"
        _add_axis_bays(f, _axis_of(m.groups()[3:]) or "x", int(m.group(1)), m.group(2) + m.group(3), m.group(0))
        found_axis_counts = True
    for m in re.finditer(_AXIS + r"\s*(?:has|with|:|=|,|为|是)?\s*(\d+)\s*-?\s*(?:" + BAY_WORD + r"|跨)((?:\s*(?:of|at|@|each|:)?\s*[(（]?\s*(?:" + _LEN_LIST + r"))?)", c):
        _add_axis_bays(f, _axis_of(m.groups()[:6]), int(m.group(7)), m.group(8), m.group(0))
        found_axis_counts = True
    if not found_axis_counts:
        m = re.search(r"(?<![\d.x])(\d+)\s*-?\s*(?:" + BAY_WORD + r"|跨)(?!度)", c)
        if m:
            f.add("bays_x", int(m.group(1)), m.group(0))
            rest = c[m.end():]
            lens = _lengths(rest) if re.match(r"\s*(?:of|at|@|x(?=\s*\d)|each|,|:|\(|（|with|跨度|spanning|(?=\d))", rest) else []
            if len(lens) == 1:
                f.add("bay_width_x_m", lens[0], m.group(0))
            elif lens:
                f.add("bay_widths_x_m", lens, m.group(0))
            return
    # a column grid: "柱网6m x 6m", "column grid 8 x 6 m" (X by Y)
    m = re.search(_GRID, c)
    if m:
        f.add("bay_width_x_m", to_si(_num(m.group(1)), m.group(2) or m.group(4), "length"), m.group(0))
        f.add("bay_width_y_m", to_si(_num(m.group(3)), m.group(4), "length"), m.group(0))
        return
    m = re.search(r"(?<![\d.x])" + LEN + r"\s*(?:column\s*spacing|spacing|grid|bays?|spans?)\s*" + _BOTH_WAYS, c)
    if m:  # "8 m column spacing in both directions" (the spacing: 'column' was taken out for the sections' reading)
        f.add("bay_width_m", to_si(_num(m.group(1)), m.group(2), "length"), m.group(0))
        return
    # the same widths both ways: "bays 6+6+6 m in both directions", "bays of 6 m each way"
    m = re.search(BAY_LEN_WORD + r"\s*(?:widths?|of|are|:|=)?\s*(" + _LEN_LIST + r")\s*" + _BOTH_WAYS, c)
    if m and _lengths(m.group(1)):
        for axis in ("x", "y"):
            _add_bay_widths(f, axis, _lengths(m.group(1)), m.group(0))
        return
    # a width before the bay word, without a count: "with 6 m bays", "30 ft bays"
    # (or a list of them: "6+8+6 m spans")
    m = re.search(r"(?<![\d.x@+])(?<![\d.x@+]\s)(" + _LEN_LIST + r")\s*-?\s*(?:bays?|spans?)\b", c)
    if m and _lengths(m.group(1)):
        lens = _lengths(m.group(1))
        if len(lens) > 1 and re.search(r"(?:height|high|tall|floors?|stor(?:e)?(?:y|ies|eys)|columns?|beams?)\s*(?:of|is|=|:)?\s*$",
                                       c[: m.start()]):
            lens = lens[-1:]  # "story height 3.6 m and 8 m bays": the first length is the height's
        axis_m = re.match(r"\s*" + _AXIS, c[m.end():])
        _add_bay_widths(f, _axis_of(axis_m.groups()) if axis_m else None, lens, m.group(0))
        return
    # bay widths without counts: "bays of 6 m, 7.5 m and 6 m", "bay width 6 m in y", "x向跨度6m",
    # "bays 3+12 m in X and 4+6+10 m in Y", "X bays 3, 12 m; Y bays 4, 6, 10 m" (each list takes the axis named
    # right before or after it; a single list the clause's axis)
    phrases = list(re.finditer(r"(?:(?:x|y)\s*向\s*|(?:x|y)\s*-?\s*direction\s*)?" + BAY_LEN_WORD + r"\s*(?:widths?|lengths?|sizes?|dimensions?)?\s*(?:in\s*(?:the\s*)?(?:x|y)\s*(?:direction)?\s*)?(?:are|is|of|=|:|at|@|均为|为|分别为|依次为)?\s*(" + _LEN_LIST + r")", c))
    for m in phrases:
        lens = _lengths(m.group(1))
        if not lens:
            continue
        phrase = m.group(0)
        after = re.match(r"\s*" + _AXIS, c[m.end():])
        before = re.search(r"(?<![\d.])(?<![\d.]\s)\b([xy])\s*-?\s*$", c[:m.start()])  # "X bays 3, 12 m"
        axis_m = re.search(_AXIS, phrase) or after or (re.search(_AXIS, c) if len(phrases) == 1 else None)
        axis = before.group(1) if before else _axis_of(axis_m.groups()) if axis_m else None
        if "进深" in phrase:
            axis = "y"
        by = re.match(r"\s*(?:x|by)\s*" + LEN, c[m.end():])
        if axis is None and len(lens) == 1 and by:  # "bays 6 m x 5 m": X by Y
            _add_bay_widths(f, "x", lens, phrase)
            _add_bay_widths(f, "y", [to_si(_num(by.group(1)), by.group(2), "length")], phrase + by.group(0))
            break
        _add_bay_widths(f, axis, lens, phrase)
        if after and axis:
            # "... in X and 4+6+10 m in Y": a second list for the other axis, without the bay word again
            more = re.match(r"\s*(?:,|and|&|;)?\s*(" + _LEN_LIST + r")\s*" + _AXIS, c[m.end() + after.end():])
            if more and _lengths(more.group(1)):
                _add_bay_widths(f, _axis_of(more.groups()[-6:]), _lengths(more.group(1)), more.group(0))
        if axis is None:
            break


def _add_bay_widths(f: _Found, axis: str | None, lens: list[float], source: str) -> None:
    """Bay widths along one axis (or the frame's, when no axis is named): one value or a list."""
    axis_part = "" if axis is None else f"_{axis}"
    if len(lens) > 1:
        f.add(f"bay_widths{axis_part}_m", lens, source)
    else:
        f.add(f"bay_width{axis_part}_m", lens[0], source)


_UNSUPPORTED_SYSTEMS = re.compile(
    r"shear[- ]?walls?|剪力墙|框剪|core[- ]?(?:walls?|tubes?)|核心筒|框架[-－—]?核心筒|筒体|框筒|(?:framed[- ])?tube\s*structure|"
    r"(?<!un)(?:(?:concentrically|eccentrically|buckling[- ]restrained)\s*)?braced(?:\s*(?:steel|rc|concrete|moment))?\s*frames?|"
    r"(?:concentrically|eccentrically|buckling[- ]restrained)\s*braced|(?<!un)braced\s*(?:bays?|spans?|cores?)|"
    r"\b(?:cbf|scbf|ocbf|ebf|brbf)s?\b|(?<!fly )(?<!temporary )(?<!erection )(?<!lateral )\bbracing\b(?!\s*(?:during|for)\s*(?:erection|construction))|\bx-?braced\b|支撑框架|框架[-－—]?支撑|[偏中]心支撑|屈曲约束支撑|"
    r"\bdual\s*system|\bbrbs?\b|(?:chevron|inverted[- ]v|diagonal|buckling[- ]restrained|concentric|eccentric|steel|x|v|k)\s*-?\s*"
    r"braces\b|\bbraces?\s*in\s*(?:the\s*)?(?:[a-z]+\s*){0,2}bays?\b|"
    r"(?:viscous|friction|fluid|metallic|yielding|tuned[- ]mass|visco-?elastic|hysteretic)\s*(?:-?\s*)?dampers?|(?<!fire )(?<!smoke )(?<!volume )(?<!air )\bdampers?\b|\btmd\b|"
    r"消能|减震|阻尼器|(?:seismic(?:ally)?|base)\s*-?\s*isolat\w*|isolation\s*(?:system|bearings?|layer|devices?|pads?)|(?:seismic|rubber)\s*isolators?|隔震|lead[- ]rubber|elastomeric\s*bearings?|friction\s*pendulum|"
    r"(?:lift|elevator|stair)\s*cores?|\b(?:central|service|structural|concrete|rc)\s*(?:rc\s*|concrete\s*)?cores?\b|"
    r"resist(?:ed|ing)?\s*by\s*(?:the|a|an)\s*(?:[a-z]+\s*){0,2}cores?\b|"
    r"\b(?:rc|concrete|structural|lift[- ]?shaft|shaft|stair(?:case|well)?|core|retaining|basement|load[- ]bearing)\s*walls?\b|"
    r"walls?\s*(?:around|at|of|enclosing)\s*(?:the\s*)?(?:lift|elevator|stair)|(?:钢筋)?混凝土墙|墙体承重|"
    r"(?:(?:unreinforced|(?<!non-)(?<!non)(?<!non )load[- ]bearing|reinforced|confined)\s*masonry(?!\s*(?:infill|partition|veneer|cladding))"
    r"|\burm\b(?!\s*(?:infill|partition|veneer|cladding|parapet)))|"
    r"masonry\s*(?:building|structure|house|"
    r"walls?\s*(?:building|structure))|brick\s*(?:building|structure|house)|砌体结构|砖混|砖房|"
    r"\b(?:timber|wood(?:en)?|glulam|clt|light[- ]frame)\s*(?:-?\s*(?:framed?|building|structure|house|construction))(?![a-z])"
    r"(?!\s*(?:partitions?|walls?|studs?|infill|cladding|facades?|roofs?|floors?|decks?|joists?|stairs?))|"
    r"木结构|木框架|cold[- ]formed\s*steel(?!\s*(?:partitions?|studs?|walls?|cladding|purlins?|joists?|decks?|framing|roof|trusses|ceilings?))|冷弯薄壁")


_NEGATED = re.compile(r"(?:\b(?:no(?!\.?\s*\d)|without|not|nor|never)\b|无|没有|不设|不含|未设)"
                      r"(?:(?!\b(?:and|but|with|plus|yet|is|has|are)\b|有|设|但|及|和|的)[^,;.，；。]){0,24}$")
"""Words that deny the system named right after them: 'moment frame, no shear walls', '无剪力墙'."""


def _read_system(t: str, f: _Found) -> None:
    m = next((m for m in _UNSUPPORTED_SYSTEMS.finditer(t) if not _NEGATED.search(t[: m.start()])), None)
    if m:
        raise SpecError(f"'{m.group(0)}': autobm models moment frames (RC or steel) and shear buildings only: allowed "
                        "rc_frame, steel_frame, shear_building. Walls, cores, braces, dampers, isolators, masonry or timber would be "
                        "left out of the model, so their building cannot be checked here")
    if re.search(r"shear[- ]?(?:type\s*)?(?:building|frame|model)|剪切型|剪切层|层剪切|lumped[- ]mass\s*stick|stick\s*model", t):
        f.add("system", "shear_building", "shear building")
    rc = re.search(r"\brc\b|\br\.c\.|reinforced[- ]concrete|concrete\s*(?:(?:special|intermediate|ordinary)\s*)?"
                   r"(?:moment[- ](?:resisting\s*)?)?(?:frame|building|structure)|钢筋混凝土|混凝土框架|砼", t)
    if re.search(r"steel\s*(?:special\s*|intermediate\s*|ordinary\s*)?(?:moment[- ](?:resisting\s*)?)?frame|steel\s*(?:structure|building|smrf|mrf)|\bsmrf\b|钢框架|钢结构|钢结构框架"
                 r"|\bsteel\s*[sio]mr?f\b|\b[sio]mr?f\s*,?\s*steel\b|\bof\s+structural\s+steel\b|\baisc\s*(?:341|360)\b", t) \
            or (not rc and re.search(r"\bsteel\s*(?:columns?|beams?|girders?|members?|sections?)\b|\bw-?shapes?\b|wide[- ]flange"
                                     r"|(?:^|[,;(])\s*(?:structural\s*)?steel\s*(?=[,;)]|$)"
                                     r"|\bsteel\s+(?:[a-z-]+\s+){0,2}(?:frames?|building|structure|portal|office|hospital|school"
                                     r"|warehouse|hotel)\b"  # "steel office building", "single-storey steel portal frame"
                                     r"|(?<![a-z])(?:h[nwmp]?|wf)\s*-?\s*\d+\s*x\s*\d+\s*x\s*\d|\b(?:box|hss|rhs|shs|chs)\b"
                                     r"|箱形|箱型|圆钢管|方钢管|□|h型钢|h形钢|焊接h", t)):  # weaker words and steel shapes: not beside RC
        f.add("system", "steel_frame", "steel frame")
    if rc:
        f.add("system", "rc_frame", "reinforced concrete")


def _read_dimensions(t: str, f: _Found) -> None:
    if re.search(r"\b2\s*-?\s*d\b|\bplane\s*(?:(?:rc|steel|concrete|reinforced\s*concrete|moment)\s*)*frame|\bplanar\b|平面框架|二维|单榀|one\s*frame\s*line|single\s*frame|一榀|(?<!\d)1\s*榀", t):
        f.add("dimensions", 2, "2D")
    if re.search(r"\b3\s*-?\s*d\b|space\s*frame|spatial|三维|空间框架|空间模型", t):
        f.add("dimensions", 3, "3D")


_AGR = r"\ba\s*_?\s*g\s*[,_]?\s*(?:\(\s*r\s*\)|r)(?![a-z])"
"""EN 1998's reference peak ground acceleration agR (ag = γI·agR, 3.2.1(3))."""

_ROMAN_SITE = {"i0": "I0", "i1": "I1", "ii": "II", "iii": "III", "iv": "IV", "1": "I", "2": "II", "3": "III", "4": "IV",
               "i": "I", "a": None}
"""Site classes as written -> GB 50011's; class I alone ("I", "1") is split by complete_spec into I0/I1."""


_ROMAN_CLASSES = {"i": "I", "ii": "II", "iii": "III", "iv": "IV", "1": "I", "2": "II", "3": "III", "4": "IV"}


def _class_of(field: str, name: str, what: str, clause: str, t: str, f: _Found, pattern: str | None = None) -> None:
    """A class I to IV after its name ('risk category III', 'importance class 2'; ``pattern``, the name's spellings
    where there are more); another value is refused."""
    m = re.search((pattern or name.replace(" ", r"\s*")) + r"\s*(?:=|:)?\s*([a-z0-9]+)", t)
    if m:
        if m.group(1) not in _ROMAN_CLASSES:
            raise SpecError(f"{name} '{m.group(1).upper()}' is not {what}: allowed I, II, III, IV ({clause})")
        f.add(field, _ROMAN_CLASSES[m.group(1)], m.group(0))


def _read_seismic(t: str, f: _Found) -> None:
    if re.search(r"gb\s*50011|chinese\s*(?:seismic\s*)?code|抗震规范|gb\s*code", t):
        f.add("code", "gb50011", "GB 50011")
    if re.search(r"asce\s*7|\bibc\b|\basce\b", t):
        f.add("code", "asce7", "ASCE 7")
    if re.search(r"eurocode\s*8|\bec\s*8\b|en\s*1998|eurocode", t):
        f.add("code", "en1998", "EN 1998")
    t = re.sub(r"(intensity\s*(?:of|=|:|is)?\s*)(ix|viii|vii|vi)\b",
               lambda m: m.group(1) + {"vi": "6", "vii": "7", "viii": "8", "ix": "9"}[m.group(2)], t)  # intensity VIII
    for m in re.finditer(r"(?:seismic\s*|design\s*|fortification\s*)?intensity\s*(?:of|=|:|is)?\s*(\d+(?:\.5)?)(?!\s*g)|(\d+(?:\.5)?)\s*-?\s*degree|(?:设防)?烈度\s*(?:为|:)?\s*(\d+(?:\.5)?)\s*度?|(\d+(?:\.5)?)\s*度(?!\s*\d)", t):
        v = next(g for g in m.groups() if g)
        val = float(v)
        if val == 7.5:
            f.add("intensity", 7, m.group(0))
            f.add("pga_g", 0.15, m.group(0))
        elif val == 8.5:
            f.add("intensity", 8, m.group(0))
            f.add("pga_g", 0.30, m.group(0))
        else:
            f.add("intensity", int(val) if val.is_integer() else val, m.group(0))
    for m in re.finditer(r"(?:pga|peak ground acceleration|design (?:basic )?(?:ground )?acceleration|设计基本地震加速度|加速度)?\s*(?:of|=|:|为)?\s*(?<![a-z0-9.])(\d*\.\d+|\d+)\s*g\b(?!\s*[a-z])", t):
        before = t[max(0, m.start() - 12): m.start() + 1]
        if re.search(r"s\s*_?\s*d\s*s|s\s*_?\s*d\s*1|\bs\s*_?\s*s\b|\bs\s*_?\s*1\b|a\s*_?\s*g\b|\bag\b|" + _AGR, before + m.group(0)):
            continue
        f.add("pga_g", float(m.group(1)), m.group(0))
    for m in re.finditer(_AGR + r"\s*(?:=|:|of|is)?\s*(\d*\.?\d+)\s*(g|m/s2|m/s\^2|m/s²)?", t):
        # the reference peak ground acceleration: ag = γI·agR once the importance class is known
        v = float(m.group(1))
        f.add("reference_pga_g", v / codes.G_M_PER_S2 if m.group(2) and m.group(2).startswith("m") else v, m.group(0))
        f.add("code", "en1998", m.group(0))
    m = re.search(r"\ba\s*_?\s*g\s*(?:=|:|of|is)?\s*(\d*\.?\d+)\s*(g|m/s2|m/s\^2|m/s²)?", t)  # ag, not agR
    if m:
        v = float(m.group(1))
        f.add("pga_g", v / codes.G_M_PER_S2 if m.group(2) and m.group(2).startswith("m") else v, m.group(0))
        f.add("code", "en1998", m.group(0))
    for key, pat in (("sds_g", r"s\s*_?\s*ds"), ("sd1_g", r"s\s*_?\s*d1")):
        m = re.search(r"\b" + pat + r"\s*(?:=|:|of|is)?\s*(\d*\.?\d+)\s*g?", t)
        if m:
            f.add(key, float(m.group(1)), m.group(0))
    m = re.search(r"\bs\s*_?\s*s\s*(?:(?:=|:|of|is)\s*(\d*\.?\d+)\s*g?|(\d*\.?\d+)\s*g\b|(\d*\.\d+)(?![\d.]|\s*[a-z]))", t)
    if m:  # ASCE 7's mapped Ss: SDS needs the site coefficient Fa, which autobm does not hold (see _given)
        f.add("ss_g", float(m.group(1) or m.group(2) or m.group(3)), m.group(0))
    for m in re.finditer(r"\bt\s*_?\s*l\s*(?:(?:=|:|of|is)\s*(\d*\.?\d+)\s*(?:s|sec|seconds)?\b|(\d*\.?\d+)\s*(?:s|sec|seconds)\b)",
                         t):
        f.add("tl_s", float(m.group(1) or m.group(2)), m.group(0))  # ASCE 7's long-period transition period
    for m in re.finditer(r"\bs\s*_?\s*1\s*(?:(?:=|:|of|is)\s*(\d*\.?\d+)\s*g?|(\d*\.?\d+)\s*g\b|(\d*\.\d+)(?![\d.]|\s*[a-z]))",
                         t):
        f.add("s1_g", float(m.group(1) or m.group(2) or m.group(3)), m.group(0))  # ASCE 7's S1: Eq. 12.8-6 from 0.6 g on
    _class_of("risk_category", "risk category", "an ASCE 7 risk category", "Table 1.5-1", t, f,
              r"risk\s*(?:category|cat\.?)")
    for m in re.finditer(r"\b(special|intermediate|ordinary)\s+(?:steel\s+|rc\s+|(?:reinforced\s+)?concrete\s+)?moment[- ]"
                         r"(?:resisting\s+)?frames?|\b(s|i|o)mr?f\b", t):
        kind = m.group(1) or {"s": "special", "i": "intermediate", "o": "ordinary"}[m.group(2)]
        f.add("frame_type", kind, m.group(0))
    for key, pat in (("response_modification", r"(?<![,_])\br"), ("deflection_amplification", r"\bc\s*_?\s*d"),
                     ("importance_factor", r"\bi\s*_?\s*e")):
        for m in re.finditer(pat + r"\s*=\s*(\d+(?:\.\d+)?)(?![\d.])", t):
            f.add(key, float(m.group(1)), m.group(0))
    for m in re.finditer(r"\b(dcl|dcm|dch)\b|ductility\s*class\s*(?:=|:)?\s*(low|medium|high|l|m|h)\b|(low|medium|high)\s*ductility(?:\s*class)?", t):
        v = next(g for g in m.groups() if g)
        f.add("ductility_class", "DCH" if v in ("dch", "high", "h") else "DCL" if v in ("dcl", "low", "l") else "DCM",
              m.group(0))
    # the behaviour factor as given: "q = 3.0", "behaviour factor 3.9", "behavior factor q of 4" (not a live load q = 2 kPa)
    for m in re.finditer(r"(?:behaviou?r\s*factor\s*(?:q\s*)?(?:=|:|of|is)?|\bq\s*(?:=|:))\s*(\d+(?:\.\d+)?)(?![\d.])"
                         r"(?!\s*(?:k?n\b|k?pa\b|psf|kip|lb|t\b|%))", t):
        if not m.group(0).startswith("behav") and (
                re.search(r"(?:load|live|imposed|dead)\s*$", t[max(0, m.start() - 12): m.start()])
                or not re.search(r"eurocode|en\s*1998|\bec\s*8\b|" + _AGR + r"|ground\s*type|\bdc[lmh]\b", t)):
            continue  # "live load q = 2.0", or a q without EN 1998 around it: not the behaviour factor
        f.add("behaviour_factor_q", float(m.group(1)), m.group(0))
    m = (re.search(r"(?:ground|soil)\s*type\s*(?:=|:)?\s*([a-z0-9]+)", t)
         or (re.search(r"eurocode|en\s*1998|\bec\s*8\b|" + _AGR + r"|\ba\s*_?\s*g\s*(?:=|:)", t)
             and re.search(r"\b(?:ground|soil)\s*(?:class\s*)?(?:=|:)?\s*([a-e])\b(?!\s*(?:floor|stor|level|-))", t)))
    if m:
        if m.group(1) not in ("a", "b", "c", "d", "e"):
            raise SpecError(f"ground type '{m.group(1).upper()}' is not an EN 1998 ground type with a code spectrum: allowed A, B, C, D, E "
                            "(EN 1998-1 Table 3.1; S1 and S2 need special studies)")
        f.add("ground_type", m.group(1).upper(), m.group(0))
    _class_of("importance_class", "importance class", "an EN 1998 importance class", "EN 1998-1 4.2.5", t, f)
    m = re.search(r"(?:gamma|γ)\s*_?\s*i\b\s*(?:=|:|of|is)?\s*(\d+(?:\.\d+)?)", t)
    if m:  # the importance factor γI, by EN 1998-1 4.2.5(5)'s recommended values: 0.8, 1.0, 1.2, 1.4 for I to IV
        cls = {0.8: "I", 1.0: "II", 1.2: "III", 1.4: "IV"}.get(float(m.group(1)))
        if cls is None:
            raise SpecError(f"'{m.group(0)}': γI is 0.8, 1.0, 1.2 or 1.4 for importance classes I to IV (EN 1998-1 "
                            "4.2.5(5), recommended values); give the importance class instead")
        f.add("importance_class", cls, m.group(0))
        f.add("code", "en1998", m.group(0))
    for m in re.finditer(r"site\s*(?:soil\s*)?(?:class|category|type)?\s*(?:=|:)?\s*(i0|i1|iv|iii|ii|i|[1-4])\b|(i0|i1|iv|iii|ii|i|[1-4])\s*类\s*场地|场地土?(?:类别)?\s*(?:为|:|是)?\s*(i0|i1|iv|iii|ii|i|[1-4])\s*类?"
                         r"|(?<![a-z0-9])(i0|i1|iv|iii|ii|i)\s*类(?![\u4e00-\u9fff]*(?:建筑|设防|结构|抗震|工程|钢))(?=\s*(?:[,;]|$|场))", t):
        v = next(g for g in m.groups() if g)
        f.add("site_class", _ROMAN_SITE.get(v, v.upper()), m.group(0))
    # a site class that is none of those: GB 50011's five, or ASCE 7's letters (read through SDS and SD1)
    m = re.search(r"site\s*(?:soil\s*)?(?:class|category)\s*(?:=|:)?\s*([a-z0-9]+)|([a-z0-9]+)\s*类\s*场地", t)
    if m:
        v = m.group(1) or m.group(2)
        if v not in _ROMAN_SITE and not re.fullmatch(r"[a-f]|[a-f]{2}", v):
            raise SpecError(f"site class '{v.upper()}' is not a GB 50011 site class: allowed I0, I1, II, III, IV "
                            "(GB 50011-2010 Table 4.1.6); ASCE 7 site classes A to F go in through SDS and SD1")
        if re.fullmatch(r"[a-f]|[a-f]{2}", v):  # an ASCE 7 letter: refused below unless the code is ASCE 7
            f.add("site_letter", v.upper(), m.group(0))
    m = re.search(r"\bgroup\s*(?:=|:)?\s*(?:[4-9]|iv|v)\b|第\s*[4-9四五六]\s*组|地震分组\s*(?:为|:)?\s*第?\s*[4-9四五六]", t)
    if m:
        raise SpecError(f"'{m.group(0).strip()}': GB 50011 has design earthquake groups 1, 2 and 3 (3.2.3, Appendix A)")
    for m in re.finditer(r"(?:design\s*)?(?:earthquake\s*|seismic\s*)?group\s*(?:=|:)?\s*([1-3]|iii|ii|i)\b|第\s*([1-3一二三])\s*组|(?:设计)?地震分组\s*(?:为|:)?\s*第?\s*([1-3一二三])\s*组?"
                         r"|\b([1-3])(?:st|nd|rd)\s*(?:(?:design|earthquake|seismic)\s*)?(?:earthquake\s*)?group\b"
                         r"|\b(first|second|third)\s*(?:design|earthquake|seismic)\s*(?:earthquake\s*)?group\b", t):
        v = next(g for g in m.groups() if g)
        v = {"first": "1", "second": "2", "third": "3"}.get(v, v)
        f.add("design_group", {"i": 1, "ii": 2, "iii": 3, "一": 1, "二": 2, "三": 3}.get(v, None) or int(v), m.group(0))
    m = re.search(r"(?:特征周期\s*|characteristic\s*period\s*|\b)t\s*_?\s*g\s*(?:=|:|of|is|为)?\s*(\d*\.?\d+)\s*(?:s|sec|秒)?(?![\d.])"
                  r"|特征周期\s*(?:为|=|:)?\s*(\d*\.?\d+)", t)
    if m:
        f.add("tg_s", float(m.group(1) or m.group(2)), m.group(0))
    m = re.search(r"(?:α\s*_?\s*|\balpha\s*_?\s*|\ba_?)max\b\s*(?:=|:|of|is|为)?\s*(\d*\.?\d+)(?![\d.]|\s*(?:cm|mm|m|gal)\b)", t)
    if m and float(m.group(1)) < 2.0:
        f.add("alpha_max", float(m.group(1)), m.group(0))
    m = re.search(r"罕遇|\brare\s*(?:earthquake|seismic|event|level)|\bmce\s*(?:level|analysis|earthquake)|maximum\s*considered\s*"
                  r"earthquake|设防地震|中震|fortification\s*(?:level\s*)?earthquake", t)
    if m:
        raise SpecError(f"'{m.group(0).strip()}': autobm checks the frame under the design earthquake of its code (GB 50011: "
                        "the frequent earthquake, 多遇地震, αmax of Table 5.1.4-1); a rare or fortification-level "
                        "earthquake analysis is not modelled: leave it out")
    m = re.search(r"\btype\s*(?:2|ii)\s*(?:elastic\s*|design\s*|response\s*)?spectrum|spectrum\s*(?:of\s*)?type\s*(?:2|ii)\b", t)
    if m:
        raise SpecError(f"'{m.group(0).strip()}': autobm holds EN 1998-1's type 1 spectrum only (Table 3.2, the recommended "
                        "values for Ms > 5.5); give the frame without it or check the script without --spec")
    m = re.search(r"(?:(?:viscous\s*)?damping(?:\s*ratio)?|阻尼比)\s*(?:ζ|ξ|zeta|xi)?\s*(?:of|=|:|为|is|取)?\s*(\d*\.?\d+)\s*(%)?"
                  r"|(\d*\.?\d+)\s*%\s*damping", t)
    if m:
        v = float(m.group(1) or m.group(3))
        f.add("damping_ratio", v / 100 if (m.group(2) or m.group(3) or v > 0.5) else v, m.group(0))


_OCCUPANCY_WORDS = {
    "office": r"\boffices?\b|办公",
    "residential": r"residential|apartments?|residence|housing|\bdwelling|住宅|公寓",
    "hotel": r"\bhotels?\b|酒店|宾馆|旅馆",
    "dormitory": r"dormitor(?:y|ies)|宿舍",
    "school": r"\bschools?\b|classrooms?|教学楼|学校|教室",
    "hospital": r"hospitals?|医院|病房",
    "retail": r"\bretail|\bshops?\b|shopping|\bmall\b|\bstores?\b|commercial|商场|商店|商业",
    "restaurant": r"restaurants?|canteen|餐厅|食堂",
    "library": r"librar(?:y|ies)|图书馆|阅览",
    "laboratory": r"laborator(?:y|ies)|\blabs?\b|实验室",
    "assembly": r"auditorium|theat(?:er|re)|assembly|礼堂|剧院|会堂",
    "gym": r"\bgym(?:nasium)?\b|体育馆|健身",
    "storage": r"storage|warehouses?|archives?|书库|档案库|仓库|储藏|贮藏",
}


def _read_occupancy(t: str, f: _Found) -> None:
    for occ, pat in _OCCUPANCY_WORDS.items():
        m = re.search(pat, t)
        if m:
            f.add("occupancy", occ, m.group(0))


def _read_material(t: str, f: _Found) -> None:
    for m in re.finditer(r"(?<![a-z0-9])c\s*(\d{2})(?:\s*/\s*(\d{2}))?(?![0-9.])(?!\s*(?:mm|m\b|x))", t):
        f.add("concrete_grade", f"C{m.group(1)}" + (f"/{m.group(2)}" if m.group(2) else ""), m.group(0))
    for m in re.finditer(r"(?<![a-z0-9])(q\s*(?:235|345|355|390|420|460)|a\s*(?:36|572|992)|s\s*(?:235|275|355|460))(?![0-9])", t):
        f.add("steel_grade", m.group(1).replace(" ", "").upper(), m.group(0))
    # the cylinder strength (ACI 318 f'c, EN 1992 fck): complete_spec takes E from it by the code in use; a plain
    # "fc" in N/mm² is read once the code is known (_plain_fc): GB 50010's design strength under GB 50011
    m = re.search(r"(?<![a-z])f\s*('\s*c|c\s*'|ck|c)(?![a-z])\s*(?:=|:|of)?\s*" + NUM + r"\s*(ksi|psi|mpa|n/mm2|n/mm²)", t)
    if m:
        symbol, unit = m.group(1).replace(" ", ""), m.group(3)
        fc_mpa = to_si(_num(m.group(2)), "mpa" if unit.startswith("n/") else unit, "pressure") / 1e6
        f.add("fc_plain_pa" if symbol == "c" and unit not in ("psi", "ksi") else "fc_pa", fc_mpa * 1e6, m.group(0))
    elif "concrete_grade" not in f:  # "5000 psi concrete", "concrete strength 35 MPa": a cylinder strength
        m = (re.search(r"(?<![\d.])" + NUM + r"\s*(psi|ksi|mpa|n/mm2|n/mm²)\s*(?:normal[- ]weight\s*)?concrete", t)
             or re.search(r"concrete\s*(?:compressive\s*|cylinder\s*)?strength\s*(?:of|=|:|is)?\s*" + NUM + r"\s*(psi|ksi|mpa)", t))
        modulus = m is not None and re.search(r"modul|\be\s*[sc]?\s*(?:=|:)", t[max(0, m.start() - 24): m.start()])
        fc = to_si(_num(m.group(1)), m.group(2), "pressure") if m else 0.0
        if m and not modulus and 10e6 <= fc <= 120e6:  # a strength (a modulus or a rebar's 60 ksi is none)
            f.add("fc_pa", fc, m.group(0))
        elif m is None and "steel_frame" not in {v for v, _ in f.get("system", [])}:
            _read_bare_strength(t, f)
    m = re.search(r"(?:\be\s*[sc]?|young'?s\s*modulus|elastic\s*modulus|modulus\s*of\s*elasticity|弹性模量)\s*(?:=|:|of|is|为)?\s*" + NUM + r"\s*" + PRESSURE_UNIT, t)
    if m:
        f.add("elastic_modulus_pa", to_si(_num(m.group(1)), m.group(2), "pressure"), m.group(0))


_NOT_A_STRENGTH = re.compile(r"modul|\be\s*[sc]?\s*(?:=|:|of|is)?\s*$|\bf\s*_?\s*y|yield|rebar|reinforc|steel|bearing|"
                             r"load|pressure|stress|wind|soil|grout|mortar|masonry|bolt|weld")


def _read_bare_strength(t: str, f: _Found) -> None:
    """A lone stress of a concrete's strength in a concrete frame ("RC frame, 5000 psi, ..."): f'c, where it is the
    only stress between 10 and 120 MPa that no word before it makes something else (a modulus, a rebar's yield, a
    soil's bearing); two such stresses are ambiguous and give none."""
    found: dict[int, tuple[float, str]] = {}
    for m in re.finditer(r"(?<![\d.])" + NUM + r"\s*(psi|ksi|mpa|n/mm2|n/mm²)(?![a-z0-9])", t):
        fc = to_si(_num(m.group(1)), "mpa" if m.group(2).startswith("n/") else m.group(2), "pressure")
        if not _NOT_A_STRENGTH.search(t[max(0, m.start() - 24): m.start()]) and 10e6 <= fc <= 120e6:
            found.setdefault(round(fc), (fc, m.group(0)))
    if len(found) == 1:
        [(fc, phrase)] = found.values()
        f.add("fc_pa", fc, phrase)


def _section_dims(a: float, b: float, unit: str | None) -> tuple[float, float]:
    if unit is None:
        unit = "mm" if max(a, b) > 10 else "m"
    return to_si(a, unit, "length"), to_si(b, unit, "length")


_PLATE = NUM + r"\s*(?:" + LEN_UNIT + r")?"
_H_PLATE = r"(\d+\s*/\s*\d+|\d+(?:\.\d+)?)\s*(?:" + LEN_UNIT + r")?"
"""A plate of an I shape: '13', '0.5 in', '3/8' (fractions of an inch, as AISC writes them)."""
_H_FULL = re.compile(r"(?<![a-z])(?:h[nwmp]?|i|wf)\s*-?\s*(?:sections?|beams?|shapes?|形(?:截面)?|型钢|型(?:截面)?)?\s*"
                     + r"\s*(?:x|\*)\s*".join([_H_PLATE] * 4))
_I_AFTER = re.compile(r"(?<![\dx.])((?:\d+(?:\.\d+)?\s*(?:x|\*)\s*){3}\d+(?:\.\d+)?)\s*(mm|m|in)?\s*(?:welded\s*)?"
                      r"(?:i|h|wf)\s*-?\s*(?:sections?|shapes?|beams?)\b")
"""Four plates and then the shape's name: '500x200x10x16 I-section' (read as 'h500x200x10x16')."""
_DESIGNATION = re.compile(r"(?<![a-z0-9])(h[nwmp]?\s*\d+\s*(?:x|\*)\s*\d+|w\s*\d+\s*(?:x|\*)\s*\d+(?:\.\d+)?"
                          r"|(?:ipe|ipn|he[abm]|hd|ub|uc)\s*\d+(?:\s*(?:x|\*)\s*\d+(?:\.\d+)?)*)(?![0-9.])")


_BOX_WORD = (r"(?:box|tubes?|tubular|rhs|shs|hss|(?:square|rectangular)\s*hollow|hollow\s*(?:square|rectangular|box)?|箱形|箱型|"
             r"方钢管|方管|矩形钢管|□)")
_PIPE_WORD = r"(?:pipes?|chs|circular\s*hollow|round\s*hollow|圆钢管|圆管|钢管|φ|ϕ|ø|⌀)"
_MEMBER_NOUN = r"(?:\s*-?\s*(?:sections?|shapes?|columns?|beams?|girders?|柱|梁|截面))*"
_WALL = r"(\d+\s*/\s*\d+|\d+(?:\.\d+)?)\s*(?:" + LEN_UNIT + r")?"
_HOLLOW_DIMS = r"\s*(?:of|:|=)?\s*" + _PLATE + r"\s*(?:x|\*)\s*" + _WALL + r"(?:\s*(?:x|\*)\s*" + _WALL + r")?"
_HOLLOW = re.compile(r"(?<![a-z])(?P<word>" + _BOX_WORD + "|" + _PIPE_WORD + r")" + _MEMBER_NOUN + _HOLLOW_DIMS
                     + r"|(?<![\d.x])" + _PLATE + r"\s*(?:x|\*)\s*" + _WALL + r"(?:\s*(?:x|\*)\s*" + _WALL + r")?\s*"
                     r"(?P<after>" + _BOX_WORD + "|" + _PIPE_WORD + r")")
"""A hollow steel section: 'box 400x400x20 mm' or '箱形柱400x400x20' (depth x width x wall), 'box 400x20' (square),
'HSS 16x16x1/2' (inches), 'pipe 406x16' or '圆钢管400x16' (diameter x wall); the word after the size too."""
_FILLED = re.compile(r"钢管混凝土|concrete[- ]?filled|\bcft\b|\bcfst\b|filled\s*(?:steel\s*)?(?:tubes?|pipes?|box)")


def _wall(text: str) -> float:
    """A plate thickness as written: '20', '0.5', '1/2' (HSS walls in fractions of an inch)."""
    if "/" in text:
        top, bottom = (float(x) for x in text.split("/"))
        if bottom == 0:
            raise SpecError(f"wall thickness '{text}': a fraction needs a denominator other than 0")
        return top / bottom
    return _num(text)


class _Shape(NamedTuple):
    """A steel section read from a clause: where it stands, its member (by the noun before it) and its properties."""

    start: int
    end: int
    member: str
    props: dict[str, float]
    text: str


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the spans blanked out (spaces: every other position stays where it was)."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _member_before(clause: str, start: int, kind: str, own: str = "") -> str:
    """The member a section is for: the noun in its own text, else the last one before it, else the clause's."""
    noun = re.findall(_MEMBER, own) or re.findall(_MEMBER, clause[:start])
    return ("columns" if noun[-1].startswith(("col", "柱")) else "beams") if noun else ("columns" if kind == "both" else kind)


def _hollow_context(t: str) -> str | None:
    """'box' or 'pipe' where the text names hollow sections: its bare sizes of walls are theirs ('box columns
    400x400x25 for storeys 1-3 and 350x350x20 for storeys 4-6', '柱采用圆钢管，1~3层500×20')."""
    if re.search(r"(?<![a-z])" + _BOX_WORD, t):
        return "box"
    if re.search(r"\bpipes?\b|\bchs\b|circular\s*hollow|圆钢管|圆管|钢管", t):
        return "pipe"
    return None


def _hollow_shapes(clause: str, kind: str, context: str | None = None) -> tuple[str, list[_Shape]]:
    """Hollow steel sections (``_HOLLOW``) as A, I and J (``box_section``, ``pipe_section``); the clause with them
    blanked out, and the shapes. In a text of boxes or pipes (``context``), a bare size that has a wall is one too:
    three numbers with the last under a quarter of the others (a box), two with the second under an eighth of the
    first (a pipe).

    The unit is the one written, else inches for HSS (AISC's designations), else mm where the size is over 10;
    a box without its wall thickness, and a concrete-filled tube (composite), are refused."""
    if _FILLED.search(clause):
        raise SpecError(f"'{clause.strip()[:60]}': concrete-filled steel tubes are composite sections, which autobm does not "
                        "model; give the properties of an equivalent section, e.g. 'columns A = 0.05 m2, I = 2.1e-3 m4'")
    shapes = []
    for m in _HOLLOW.finditer(clause):
        g = m.groupdict()
        word = g["word"] or g["after"]
        head = 2 if g["word"] else 8  # where the size's groups start
        numbers = [m.group(head), m.group(head + 2), m.group(head + 4)]
        units = [m.group(head + 1), m.group(head + 3), m.group(head + 5)]
        given = [u for u in units if u]
        pipe = re.fullmatch(_PIPE_WORD, word) is not None
        first = _num(numbers[0])
        if given:
            default = given[-1]
        elif word == "hss":
            default = "in"
        elif first > 10:
            default = "mm"
        else:
            raise SpecError(f"section '{m.group(0).strip()}': give the unit of its sizes (mm, m or in)")
        sizes = [to_si(_wall(x), u or default, "length") for x, u in zip(numbers, units) if x is not None]
        what = "diameter x wall" if pipe else "depth x width x wall, or side x wall"
        if pipe and len(sizes) == 2:
            d, t = sizes
            props, ok = pipe_section(d, t), 0 < 2 * t < d
        elif not pipe and len(sizes) == 3:
            h, b, t = sizes
            props, ok = box_section(h, b, t), 0 < 2 * t < min(h, b)
        elif not pipe and len(sizes) == 2 and sizes[1] <= sizes[0] / 4:
            h, t = sizes
            props, ok = box_section(h, h, t), t > 0
        else:
            raise SpecError(f"section '{m.group(0).strip()}': a {'pipe' if pipe else 'box'} is given as {what} "
                            f"(e.g. '{'pipe 400x16 mm' if pipe else 'box 400x400x20 mm'}')")
        if not ok:
            raise SpecError(f"section '{m.group(0).strip()}': read as {' x '.join(f'{x:g}' for x in sizes)} m ({what}), "
                            "whose walls leave no hollow: give the wall thickness last")
        shapes.append(_Shape(m.start(), m.end(), _member_before(clause, m.start(), kind, m.group(0)), props, m.group(0)))
    rest = _blank(clause, ((x.start, x.end) for x in shapes))
    if context is not None:
        x = r"\s*(?:x|\*)\s*"
        bare = re.compile(r"(?<![\dx.a-z*])" + _PLATE + x + _WALL + (x + _WALL if context == "box" else "") + r"(?!\s*(?:x|\*)\s*\d)")
        found = []
        for m in bare.finditer(rest):
            numbers = [g for g in (m.group(1), m.group(3), m.group(5) if context == "box" else None) if g is not None]
            units = [m.group(2), m.group(4), m.group(6) if context == "box" else None]
            given = [u for u in units if u]
            if not given and _num(numbers[0]) <= 10:
                continue
            sizes = [to_si(_wall(v), u or (given[-1] if given else "mm"), "length") for v, u in zip(numbers, units)]
            if context == "box" and 0 < sizes[2] <= min(sizes[:2]) / 4:
                props = box_section(*sizes)
            elif context == "pipe" and 0 < sizes[1] <= sizes[0] / 8:
                props = pipe_section(*sizes)
            else:
                continue
            found.append(_Shape(m.start(), m.end(), _member_before(rest, m.start(), kind), props, m.group(0)))
        shapes += found
        rest = _blank(rest, ((y.start, y.end) for y in found))
    m = re.search(r"(?<![a-z])(" + _BOX_WORD + "|" + _PIPE_WORD + r")" + _MEMBER_NOUN + r"\s*(?:of|:|=)?\s*" + _PLATE
                  + r"(?!\s*(?:x|\*|~|-|至|到|层|to\b))", rest)
    if m:
        pipe = re.fullmatch(_PIPE_WORD, m.group(1)) is not None
        raise SpecError(f"section '{m.group(0).strip()}': a {'pipe' if pipe else 'box'} is given with its wall, as "
                        f"{'diameter x wall' if pipe else 'depth x width x wall'} (e.g. "
                        f"'{'pipe 400x16 mm' if pipe else 'box 400x400x20 mm'}')")
    return rest, shapes


def _steel_shapes(clause: str, kind: str, hollow: str | None = None) -> tuple[str, list[_Shape]]:
    """Rolled or welded I shapes: 'H400x200x8x13' (depth, flange width, web, flange; mm unless
    'm') gives A and I by plates (fillets ignored); a catalogue name alone ('HW400x400',
    'W14x90', 'IPE300') is refused, since autobm holds no section tables. Hollow sections too
    (``_hollow_shapes``). Returns the clause with the shapes blanked out, so that no b × h is read
    from them, and the shapes in the order written."""
    shapes = []
    clause = _I_AFTER.sub(lambda m: f"h{m.group(1)} {m.group(2) or ''}", clause)
    for m in _H_FULL.finditer(clause):
        values = [_wall(m.group(i)) for i in (1, 3, 5, 7)]
        units = [m.group(i) for i in (2, 4, 6, 8)]
        given = [u for u in units if u]
        if not given and values[0] < 50:  # 14x14.5x0.44x0.71: inches, or metres? say which
            raise SpecError(f"section '{m.group(0).strip()}': give the unit of its plates (mm, m or in); without one "
                            f"they are read as mm, and a depth of {values[0]:g} mm is no member")
        default = given[-1] if given else ("mm" if values[0] > 10 else "m")
        d, bf, tw, tf = (to_si(v, u or default, "length") for v, u in zip(values, units))
        if not (2 * tf < d and tw < bf):
            raise SpecError(f"section '{m.group(0).strip()}': read as depth {d:g} m, flange width {bf:g} m, web {tw:g} m and "
                            f"flange {tf:g} m, which is no I shape: give depth x flange width x web x flange thickness")
        shapes.append(_Shape(m.start(), m.end(), _member_before(clause, m.start(), kind), i_section(d, bf, tw, tf),
                             m.group(0)))
    rest, hollow_shapes = _hollow_shapes(_blank(clause, ((x.start, x.end) for x in shapes)), kind, hollow)
    m = _DESIGNATION.search(rest)
    if m:
        raise SpecError(f"section '{m.group(1).upper().replace(' ', '')}' is a catalogue designation and autobm holds no section "
                        "tables: give the plate sizes, e.g. 'H400x400x13x21 mm' (depth x flange width x web x flange), or "
                        "the properties, e.g. 'columns A = 0.0219 m2, I = 6.69e-4 m4'")
    return rest, sorted(shapes + hollow_shapes)


_WIDTH_ONLY = r"(?:柱距|跨度|开间|每跨)"


def _with_axis_of_count(clauses: list[str], i: int) -> str:
    """'纵向6跨，柱距7.2米，横向2跨，跨度6米': each width after an axis's count is that axis's (the
    clause with the axis named); a single width clause is every axis's ('纵向4跨，横向2跨，柱距7.2m')."""
    clause = clauses[i]
    widths = [j for j, c in enumerate(clauses) if re.match(_WIDTH_ONLY, c) and not re.search(_AXIS, c)]
    count = re.search(r"(\d+)\s*跨", clauses[i - 1]) if i > 0 else None
    # a list of as many widths as the count before it is that count's: '横向3跨，跨度分别为7.2m、3.0m、7.2m'
    listed = count is not None and len(_lengths(clause)) == int(count.group(1)) > 1
    if i in widths and (len(widths) > 1 or listed) and count:
        axis = re.search(_AXIS, clauses[i - 1])
        if axis:
            return axis.group(0) + clause
    return clause


_WIDTH_CLAUSE = re.compile(r"(?:" + _AXIS + r")?\s*(?:的)?\s*(?:跨度|柱距|开间|进深)\s*(?:均)?(?:为|是|:)?\s*" + LEN)
_COUNT_CLAUSE = re.compile(r"\s*(?:共|计)?\s*\d+\s*跨\s*")


def _joined_counts(clauses: list[str]) -> list[str]:
    """'纵向跨度7.5m，共6跨' and 'x向跨度8m，4跨': a width and the count after it, in one clause again."""
    out: list[str] = []
    for clause in clauses:
        if out and _COUNT_CLAUSE.fullmatch(clause) and _WIDTH_CLAUSE.fullmatch(out[-1]):
            out[-1] += "," + clause
        else:
            out.append(clause)
    return out


_MEMBER = r"columns?|柱|beams?|girders?|梁"
_RANGED_SIZE = re.compile(r"\s*(?:第\s*)?(?:(?:" + RANGE + r"\s*(?:层|f\b|" + STORY_WORD + r")|(?:stor(?:e)?(?:y|ies|eys)|floors?|levels?)\s*"
                          + RANGE + r"|\d+\s*层(?:及)?以[上下]|其余|以上|others?|above|remaining|upper)\s*(?:为|是|:)?\s*\d+(?:\.\d+)?\s*[a-z]*\s*x\s*\d"
                          r"|\d+(?:\.\d+)?\s*[a-z]*\s*x\s*\d+(?:\.\d+)?\s*(?:mm|cm|m|in)?\s*[(（]?\s*(?:for\s*)?(?:the\s*)?"
                          r"(?:stor(?:e)?(?:y|ies|eys)|floors?|levels?)\s*" + RANGE.replace("(", "(?:").replace("(?:?:", "(?:") + r")")
"""A clause that is a story range (or the rest of the stories) and a size: '4~6层550x550', 'floors 4-6 500x500 mm',
'其余500x500'."""


_STEEL_START = re.compile(r"\s*(?:" + RANGE + r"\s*(?:层|f\b|" + STORY_WORD + r")\s*(?:为|是|:)?\s*)?(?:" + _BOX_WORD + "|"
                          + _PIPE_WORD + r"|(?:h[nwmp]?|i|wf)\s*-?\s*\d)")
"""A clause that starts with a steel shape (perhaps after its story range): 'box 500x500x25 mm (storeys 7-12)'."""


def _with_member_of_previous(clauses: list[str], i: int) -> str:
    """'柱截面：1~3层650×650，4~6层550×550': a range and a size with no member after a clause that named one are that
    member's (the clause with the member named)."""
    def sized(text: str) -> bool:
        return _RANGED_SIZE.match(text) is not None or _STEEL_START.match(text) is not None

    clause = clauses[i]
    if i == 0 or re.search(_MEMBER, clause) or not sized(clause):
        return clause
    for before in reversed(clauses[:i]):
        named = re.findall(_MEMBER, before)
        if named:
            return named[-1] + " " + clause
        if not sized(before):
            return clause
    return clause


_SIZE_UNIT = r"(mm|cm|m|in|inch(?:es)?|\")?"


def _tidy_sizes(c: str) -> str:
    """Section sizes in the parser's 'b x h unit' form: '300 mm wide by 600 mm deep', '300 (b) x 600 (h) mm',
    '24" square', '500 mm square'."""
    c = re.sub(r"(?<![\d.])(\d+(?:\.\d+)?)\s*" + _SIZE_UNIT + r"\s*(?:wide|\(\s*b\s*\)|b\b)\s*(?:x|by|\*)\s*(\d+(?:\.\d+)?)\s*"
               + _SIZE_UNIT + r"\s*(?:deep|high|\(\s*h\s*\)|h\b)(?:\s*" + _SIZE_UNIT.replace("(", "(?P<u3>", 1) + r")?",
               lambda m: f"{m.group(1)}x{m.group(3)} {m.group(4) or m.group(2) or m.group('u3') or ''}".rstrip(), c)
    return re.sub(r"(?<![\d.x])(\d+(?:\.\d+)?)\s*" + _SIZE_UNIT + r"\s*square\b",
                  lambda m: f"{m.group(1)}x{m.group(1)} {m.group(2) or ''}".rstrip(), c)


def _story_range(m: re.Match[str]) -> tuple[int, int]:
    """(from, to) of a story range read: 'stories 1-3', '1~3层', or 'the first 3 stories' and '底部3层' (from 1)."""
    g = [int(x) for x in m.groups() if x is not None]
    return (1, g[0]) if len(g) == 1 else (g[0], g[1])


def _read_sections(clause: str, f: _Found, hollow: str | None = None) -> None:
    clause = _tidy_sizes(re.sub(_GRID, " ", clause))  # the bays' grid (read with the bays)
    clause = re.sub(r"(?:plan|footprint|平面尺寸)[^\d]{0,12}" + NUM + r"\s*(?:" + LEN_UNIT + r")?\s*(?:x|by)\s*" + LEN, " ", clause)
    clause = re.sub(r"columns?\s*(?:spacing|grid|lines?)", "spacing", clause)  # "8 m column spacing": no column size
    c = clause
    kind = None
    if re.search(r"columns?|柱", c):
        kind = "columns"
    if re.search(r"beams?|girders?|梁", c):
        kind = "beams" if kind is None else "both"
    if kind is None:
        return
    # "1000x1000 in storeys 1-7": a story range's 'in' after a size in mm (not inches: "20x20 in stories 1-2")
    c = re.sub(r"(?<![\d.])(\d+(?:\.\d+)?)((?:\s*(?:x|\*)\s*\d+(?:\.\d+)?)+)(\s*)in(?=\s+(?:the\s+)?(?:stor|floor|level|\d+\s*-\s*\d))",
               lambda m: m.group(0) if float(m.group(1)) <= 100 else m.group(1) + m.group(2) + m.group(3) + "  ", c)
    c, shapes = _steel_shapes(c, kind, hollow)
    range_re = re.compile(r"(?:stor(?:e)?(?:y|ies|ys)|floors?|levels?)\s*" + RANGE + r"|" + RANGE + r"\s*(?:层|f\b|" + STORY_WORD + r")"
                          r"|(?:the\s*)?(?:first|bottom|lowest|lower)\s*(\d+)\s*" + STORY_WORD + r"|(?:底部|下部|首)\s*(\d+)\s*层"
                          r"|(?:up\s*to|through)\s*(?:and\s*including\s*)?(?:the\s*)?(?:stor(?:e)?y|floor|level)\s*(\d+)"
                          r"|(\d+)\s*层及以下")  # from story 1: "up to storey 3", "2层及以下"
    above_re = re.compile(r"\babove\b|以上|其余|others?|upper|remaining")
    pat = re.compile(r"(?:(columns?|柱|beams?|girders?|梁)[^\d]{0,24}?)?" + NUM + r"\s*(" + _unit_alt("length") + r")?\s*(?:x|by|\*)\s*" + NUM + r"\s*" + r"(?:" + LEN_UNIT + r")?")
    # every size in the order written: steel shapes (their member by the noun before them) and b x h rectangles
    sizes: list[tuple[int, int, _Shape | re.Match[str]]] = sorted(
        [(x.start, x.end, x) for x in shapes] + [(m.start(), m.end(), m) for m in pat.finditer(c)], key=lambda x: x[0])
    last_kind = "columns" if kind == "both" else kind
    taken = 0  # where the text not yet read as a size's story range begins
    noun_after_previous = False  # the previous size was named by the noun after it (so the next noun is not this one's)
    for i, (start, end, m) in enumerate(sizes):
        sec: dict[str, Any]
        if isinstance(m, _Shape):
            last_kind, sec, text, noun_after_previous = m.member, dict(m.props), m.text, False
        else:
            who = m.group(1)
            named_after = re.match(r"\s*(?:" + _unit_alt("length") + r")?\s*(?:rc\s*|concrete\s*|steel\s*)?(columns?|beams?|girders?)\b",
                                   c[m.end():])
            if named_after and (not who or noun_after_previous):
                who = named_after.group(1)  # '24x24 in columns, 18x30 in beams': the noun after the size names it
            noun_after_previous = named_after is not None
            if who:
                last_kind = "columns" if who.startswith(("col", "柱")) else "beams"
            a, b = _num(m.group(2)), _num(m.group(4))
            bm, hm = _section_dims(a, b, m.group(5) or m.group(3))
            sec, text = {"b_m": bm, "h_m": hm}, m.group(0)
        # the story range of this size: right after it ("700x700 for stories 1-3") or before it ("1-3层柱700x700")
        after = c[end: sizes[i + 1][0] if i + 1 < len(sizes) else len(c)]
        before = c[max(sizes[i - 1][1] if i else 0, taken): start]
        after_range = re.match(r"\s*(?:mm|m)?\s*[(（]?\s*(?:for|in|at|on|,)?\s*(?:the\s*)?(?:" + range_re.pattern + ")"
                               r"|\s*(?:mm|m)?\s*[(（]\s*" + RANGE + r"\s*[)）]"  # "950x950 (1-5)"
                               r"|\s*(?:mm|m)?\s*(?:(?:in|for|at)\s+)?" + RANGE + r"(?![\d.]|\s*(?:mm|m|ft|in)\b)(?=\s*(?:[,;)]|and\b|$))",
                               after)  # "in 8-14" (its 'in' blanked above)
        if after_range:  # "600x600 mm (floors 1-2), 500x500 mm (floors 3-5)": not the next size's range too
            taken = end + after_range.end()
        after_above = above_re.search(after.split(" and ")[0]) is not None
        rng = after_range or (None if after_above else range_re.search(before))
        if rng:
            sec["from_story"], sec["to_story"] = _story_range(rng)
        elif after_above or above_re.search(before):
            sec["_above"] = True
        f.add(last_kind, sec, text)
    stories_range = None
    m = range_re.search(c)
    if m:
        stories_range = _story_range(m)
    # properties: "column A = 0.36 m2, I = 0.0108 m4"
    # (and "Ix = 1900 in4, Iy = 748 in4": the strong axis, then the weak one)
    inertia = r"\s*(m4|m\^4|m⁴|in4|in\^4|in⁴)"
    m = re.search(r"\ba\s*=\s*" + NUM + r"\s*(m2|m\^2|m²|in2|in\^2|in²)\s*,?\s*(?:and\s*)?i\s*_?\s*(?:x|strong|major)?\s*=\s*"
                  + NUM + inertia + r"(?:\s*,?\s*(?:and\s*)?i\s*_?\s*(?:y|weak|minor)\s*=\s*" + NUM + inertia + ")?", c)
    if m:
        a_fac = 1.0 if m.group(2).startswith("m") else 0.0254**2
        i_fac = 1.0 if m.group(4).startswith("m") else 0.0254**4
        sec = {"area_m2": _num(m.group(1)) * a_fac, "inertia_m4": _num(m.group(3)) * i_fac}
        if m.group(5):
            sec["inertia_weak_m4"] = _num(m.group(5)) * (1.0 if m.group(6).startswith("m") else 0.0254**4)
        if stories_range:
            sec["from_story"], sec["to_story"] = stories_range
        f.add("columns" if kind in ("columns", "both") else "beams", sec, m.group(0))


_INDEXED_SYMBOL = re.compile(r"(?<![a-z/^\d.])[mkwg]\s*_?\d+\s*=")
_INDEXED = re.compile(r"(?<![a-z/^\d.])([mkwg])\s*_?(\d+)\s*=\s*((?:[mkwg]\s*_?\d+\s*=\s*)*)([^,;、，]*)")


def _read_indexed(t: str, f: _Found) -> None:
    """A shear building's masses (or weights) and stiffnesses by story number: 'm1 = 100 t, m2 = 80 t',
    'W1 = 500 kips', 'k1=k2=k3=20 MN/m'."""
    by: dict[str, dict[int, float]] = {"m": {}, "k": {}}
    phrases: dict[str, list[str]] = {"m": [], "k": []}
    for m in _INDEXED.finditer(t):
        symbol = m.group(1)
        if symbol in ("w", "g"):  # a floor's weight (W1, or GB 50011's G1): its mass is W / g
            values = [v / codes.G_M_PER_S2 for v in _list_quantity(m.group(4), "force")]
            symbol = "m"
        else:
            values = _list_quantity(m.group(4), "mass" if symbol == "m" else "stiffness")
        if not values:
            continue
        for index in [int(m.group(2))] + [int(x) for x in re.findall(r"\d+", m.group(3))]:
            by[symbol][index] = values[0]
        phrases[symbol].append(m.group(0).strip())
    heights = {int(m.group(1)): to_si(_num(m.group(2)), m.group(3), "length")
               for m in re.finditer(r"(?<![a-z/^\d.])h\s*_?(\d+)\s*=\s*" + LEN, t)}
    if len(heights) >= 2 and sorted(heights) == list(range(1, len(heights) + 1)):  # "h1 = 4.0 m, h2 = 3.5 m"
        f.add("story_heights_m", [heights[i] for i in range(1, len(heights) + 1)], "h1, h2, ...")
    for symbol, key in (("m", "floor_masses_kg"), ("k", "story_stiffnesses_n_per_m")):
        got = by[symbol]
        if len(got) >= 2 or list(got) == [1]:  # a lone 'm2 = 510 kg' is a unit's name ('kg/m2'), not a story's mass
            if sorted(got) != list(range(1, len(got) + 1)):
                raise SpecError(f"{key}: {', '.join(phrases[symbol])} leave out a story: number them 1, 2, 3 ... from "
                                "the first story up")
            f.add(key, [got[i] for i in range(1, len(got) + 1)], ", ".join(phrases[symbol]))


def _read_member_dims(t: str, f: _Found) -> None:
    """A member's width and depth said apart: 'beam depth 600 mm, beam width 300 mm' (one alone is refused)."""
    for noun, key in ((r"beams?|girders?", "beams"), (r"columns?", "columns")):
        dims = {}
        for dim, pat in (("h_m", r"depth|height|\bh\b"), ("b_m", r"width|\bb\b")):
            m = re.search(r"\b(?:" + noun + r")\s*(?:" + pat + r")\s*(?:of|=|:|is)?\s*" + LEN, t)
            if m:
                dims[dim] = (to_si(_num(m.group(1)), m.group(2), "length"), m.group(0))
        if len(dims) == 1:
            (dim, (_, phrase)), = dims.items()
            raise SpecError(f"'{phrase}': give the {key[:-1]}'s {'width' if dim == 'h_m' else 'depth'} too, or its size as "
                            f"width x depth (e.g. '{key} 300x600 mm')")
        if dims:
            f.add(key, {"b_m": dims["b_m"][0], "h_m": dims["h_m"][0]}, f"{dims['h_m'][1]}, {dims['b_m'][1]}")


_IG = r"(\d?\.\d+)\s*(?:e\s*)?i\s*_?\s*(?:g|gross)\b"
"""An effective moment of inertia as a share of the gross, '0.35 Ig', '0.7 EIg'."""


def _read_cracked(t: str, f: _Found) -> None:
    """Cracked-section factors: '0.7 Ig columns, 0.35 Ig beams', 'columns 0.7 Ig', 'cracked sections 0.35 Ig' (both)."""
    for m in re.finditer(r"(columns?|beams?|girders?)\s*(?:of|at|with|=|:)?\s*" + _IG + r"|" + _IG
                         + r"\s*(?:for\s*(?:the\s*)?)?(columns?|beams?|girders?)", t):
        member = m.group(1) or m.group(4)
        value = float(m.group(2) or m.group(3))
        f.add("beam_inertia_factor" if member.startswith(("beam", "girder")) else "column_inertia_factor", value, m.group(0))
    if "column_inertia_factor" in f or "beam_inertia_factor" in f:
        return
    m = re.search(r"(?:cracked|effective)\s*(?:sections?|section\s*properties|stiffness|moments?\s*of\s*inertia)?\s*"
                  r"(?:of|=|:|with)?\s*" + _IG, t)
    if m:
        for key in ("column_inertia_factor", "beam_inertia_factor"):
            f.add(key, float(m.group(1)), m.group(0))


def _read_loads(clause: str, f: _Found) -> None:
    c = clause
    for key, pat in (("superimposed_dead_load_pa", r"superimposed(?:\s*dead)?(?:\s*loads?)?(?!\s*live)|\bsdl\b|附加恒(?:荷)?载|附加恒荷载"),
                     ("dead_load_pa", r"(?<!superimposed )(?<!superimposed)\bdead(?:\s*loads?)?|\bdl\b|(?<!附加)恒(?:荷)?载|永久荷载|"
                                      r"permanent\s*loads?|\bg\s*_?\s*k\b|\bd(?=\s*=)"),
                     ("live_load_pa", r"\blive(?:\s*loads?)?|\bll\b|\bimposed(?:\s*loads?)?|活载|活荷载|楼面活荷载|可变荷载|"
                                      r"\bq\s*_?\s*k\b|\bl(?=\s*=)")):
        # "dead load 5 kPa", "dead 85 psf" (not across a comma or a plus: "7 kPa dead, 3 kPa live", "6 kPa dead + 3 kPa
        # live"), or the word after: "7 kPa dead"
        found = itertools.chain(re.finditer(r"(?:" + pat + r")[^\d,;，；+]{0,12}" + NUM + r"\s*" + PRESSURE_UNIT, c),
                                re.finditer(r"(?<![\d.])" + NUM + r"\s*" + PRESSURE_UNIT + r"\s*(?:" + pat + r")\b", c))
        # a roof's live load is not part of the seismic mass by any of the codes (GB 50011 5.1.3, ASCE 7 12.7.2,
        # EN 1998 ψ2 = 0 for roofs): the floors' load is the one read; a roof's own dead load is the floors' (one dead
        # load for the building: the floors' is read)
        m = next((m for m in found if key == "superimposed_dead_load_pa"
                  or not re.search(r"(?:roof|屋面)\s*(?:dead\s*|live\s*)?$", c[: m.start()])), None)
        if m:
            if re.search(r"-\s*$", c[: m.start(1)]):  # "-3 kPa": the sign was dropped and 3 kPa used
                raise SpecError(f"{key} = -{m.group(1)} {m.group(2)}: a floor load is a positive (downward) pressure")
            f.add(key, to_si(_num(m.group(1)), m.group(2), "pressure"), m.group(0))
    m = re.search(r"(?:floor|story|storey|lumped|楼层|各层)?\s*(?:masses|mass|质量)\s*(?:of\s*each\s*floor\s*)?(?:are|is|of|=|:|为|分别为)?\s*(.*)"
                  r"|(?<![a-z])m\s*=\s*(.*)", c)  # "m = 200 t" (m1 = ..., m2 = ...: _read_indexed)
    if m and "mass participation" not in c and not _INDEXED_SYMBOL.search(c):
        vals = _list_quantity(m.group(1) or m.group(2) or "", "mass")
        if vals:
            f.add("floor_masses_kg", vals, m.group(0))
    m = re.search(r"(?:floor|story|storey|seismic)?\s*weights?\s*(?:are|is|of|=|:)?\s*(.*)|(?:重力荷载代表值|楼层重量)\s*(?:为|:)?\s*(.*)", c)
    if m and not _INDEXED_SYMBOL.search(c):
        vals = _list_quantity(m.group(1) or m.group(2) or "", "force")
        if vals:
            f.add("floor_masses_kg", [v / codes.G_M_PER_S2 for v in vals], m.group(0))
    m = re.search(r"(?:stor(?:e)?y|lateral|inter-?stor(?:e)?y|层间|侧向)?\s*(?:stiffness(?:es)?|刚度)\s*(?:k\s*)?(?:are|is|of|=|:|为|分别为)?\s*(.*)|(?<![a-z])k\s*=\s*(.*)", c)
    if re.search(r"(?:stiffness(?:es)?|刚度)\s*(?:are|is|of|=|:)?\s*\d*(?:\.\d+)?\s*k\s*(?:,|and|、|和)\s*\d*(?:\.\d+)?\s*k\b", c):
        raise SpecError(f"story_stiffnesses_n_per_m: '{c.strip()[:80]}' is in symbols (multiples of k); give each "
                        "story's stiffness as a number with its unit, from the first story up, e.g. '154, 77 kip/in'")
    if m and not _INDEXED_SYMBOL.search(c):
        vals = _list_quantity(m.group(1) or m.group(2) or "", "stiffness")
        if vals:
            f.add("story_stiffnesses_n_per_m", vals, m.group(0))
    m = (re.search(r"(?:tributary\s*width|frame\s*spacing|frames?\s*(?:spaced\s*)?(?:at|@)|frames?\s*spaced|loaded\s*width|负荷宽度|框架间距)"
                   r"\s*(?:\([^)\d]{0,12}\)\s*)?(?:of|=|:|is|为)?\s*" + LEN, c)
         or re.search(r"(?<![\d.])" + LEN + r"\s*(?:frame\s*spacing|tributary\s*width)", c))  # "7 m frame spacing"
    if m:
        f.add("tributary_width_m", to_si(_num(m.group(1)), m.group(2), "length"), m.group(0))


def _read_diaphragm(t: str, f: _Found) -> None:
    if re.search(r"(?:no|without|not)\s*(?:a\s*)?rigid\s*(?:floor\s*)?diaphragms?|flexible\s*(?:floor\s*)?diaphragms?|弹性楼板|非刚性楼板", t):
        f.add("rigid_diaphragm", False, "flexible diaphragm")
    elif re.search(r"rigid\s*(?:floor\s*)?(?:diaphragms?|floors?|slabs?)|刚性楼板|楼板刚性", t):
        f.add("rigid_diaphragm", True, "rigid diaphragm")


# ---------------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------------


def _one(found: _Found, key: str, *, tol: float = 1e-6) -> Any:
    entries = found.get(key)
    if not entries:
        return None
    first = entries[0][0]
    for value, phrase in entries[1:]:
        same = (math.isclose(value, first, rel_tol=tol) if isinstance(value, float) and isinstance(first, (int, float))
                else value == first)
        if not same:
            raise SpecError(f"contradictory {key}: '{entries[0][1]}' gives {first!r} but '{phrase}' gives {value!r}")
    return first


_BUILDING_WORDS = re.compile(
    r"stor(?:e)?y|stories|storeys|floors?|frame|building|bays?|spans?|structure|tower|层|框架|建筑|结构|楼|跨"
)


_DIRECTED_MEMBER = re.compile(r"(?:纵向|横向|x\s*向|y\s*向|longitudinal|transverse|(?:x|y)[- ]direction|n-s|e-w)"
                              r"[^,;]{0,10}$")
"""A direction just before a member's size: '纵向框架梁截面...', 'transverse beams ...'."""


def _sections_from(found: _Found, kind: str, text: str | None = None) -> list[dict[str, Any]] | None:
    entries = [dict(v) for v, _ in found.get(kind, [])]
    if not entries:
        return None
    ranged = [e for e in entries if "from_story" in e]
    above = [e for e in entries if e.pop("_above", False)]
    plain = [e for e in entries if "from_story" not in e and e not in above]
    if ranged:
        top = max(e["to_story"] for e in ranged)
        out = sorted(ranged, key=lambda e: e["from_story"])
        for e in above + plain[:1]:
            out.append({**e, "from_story": top + 1})
        return out
    if len(plain) > 1 and any(p != plain[0] for p in plain[1:]):
        norm = normalise(text) if kind == "beams" and text else ""
        directed = [src for _, src in found.get(kind, []) if src in norm and _DIRECTED_MEMBER.search(norm[:norm.find(src)])]
        if len(directed) > 1:
            raise SpecError(f"sections.beams: beams of different sizes along X and Y ({', '.join(repr(d) for d in directed)}): "
                            "a spec holds one beam section a story for both directions; give one of them to model (the "
                            "smaller errs on the safe side for the drift), or model each direction as a plane frame with its own beams")
        raise SpecError(f"contradictory sections.{kind}: several sizes given without story ranges "
                        f"({len(plain)} sizes); say which stories each applies to, e.g. 'stories 1-3'")
    return plain[:1]


_NEGATIVE = re.compile(r"(?:^|(?<=[,:=(;])|(?<=[a-z\u4e00-\u9fff]\s)|(?<=[,:=(;]\s)|(?<=[\u4e00-\u9fff]))-\s*" + NUM + r"\s*(?:" + LEN_UNIT + r"|g\b)")
_NEGATIVE_COUNT = re.compile(r"(?:^|(?<=[\s,:=(;]))(?:-|minus\s+|negative\s+)\s*\d+\s*-?\s*(?:" + STORY_WORD
                             + r"|bays?|spans?|层|跨)(?![a-z])|(?:stories|storeys|floors|bays)\s*(?:=|:)\s*-\s*\d+")
_FRACTIONAL_STORIES = re.compile(r"(?<![\d.])\d+\.\d+\s*-?\s*(?:stor(?:e)?y|stories|storeys|stor(?:e)?ys|层)(?!\s*(?:height|high|tall|层高))")
_OTHER_CODES = re.compile(r"\bnzs\s*1170(?:\.5)?|\bas\s*1170(?:\.4)?|\bis\s*1893|\bnbcc\b|\bnch\s*433|\bubc\b|\btbdy\b"
                          r"|\bsni\s*1726|\bnsr-?10\b|\bcfe\b|\bjis\b|\bbuilding standard law\b|\baij\b")


_SETBACK = re.compile(r"\bset\s*-?\s*backs?\b|\bset\s+back\b|\bstep(?:s|ped|ping)?\s*-?\s*back\b|\bstepped\s*(?:plan|profile|elevation)|收进|退台")


_NOT_HELD = re.compile(
    r"\b[ltu][- ]shaped?\s*(?:in\s*)?(?:plan|building|footprint|layout|floor\s*plan|block)\b|re-?entrant|irregular\s*plan|(?:missing|omitted|without\s*(?:the\s*|a\s*)?(?:corner|interior|middle)?)\s*"
    r"columns?|columns?\s*(?:omitted|removed|missing)|(?:corner|interior)\s*columns?\s*(?:is|are)\s*(?:omitted|removed|missing)|"
    r"penthouse|transfer\s*(?:girders?|beams?|floors?|levels?|slabs?|plates?)|flat[- ]slabs?|beamless|without\s*beams|"
    r"semi[- ]rigid|pinned\s*(?:at\s*the\s*)?bases?|pin(?:ned)?[- ]based|(?:column\s*)?bases?\s*pinned|hinged\s*bases?|"
    r"(?:centre|center)\s*of\s*mass\s*(?:is\s*)?(?:offset|eccentric)|mass\s*eccentricity|eccentric\s*mass|"
    r"roof\s*garden|water\s*tanks?|(?:roof|heavy)\s*(?:top\s*)?equipment|转换层|转换梁|无梁楼盖|板柱|铰接柱脚|柱脚铰接|"
    r"[lLＬ]形平面|凹凸|缺角|"
    r"\bplan\s*(?:is|:)?\s*(?:an?\s*)?[ltu][- ]shaped?\b|(?:building|structure|footprint|floor\s*plate)\s*(?:is\s*)?(?:an?\s*)?[ltu][- ]shaped?\b(?!\s*(?:in\s*)?plan)|"
    r"(?:trapezoidal|triangular|circular|curved|round|oval|elliptical|skewed|non-?rectangular|irregular)\s*(?:in\s*)?"
    r"(?:plan|footprint|shape|floor\s*plate|building)|split[- ]levels?|平面(?:为|呈|是)?\s*[lLＬtTＴuUＵ]\s*形|"
    r"(?:梯形|三角形|圆形|弧形|扇形|不规则)平面|平面(?:为|呈|是)?\s*(?:梯形|三角形|圆形|弧形|扇形|不规则)|错层")
"""What a spec cannot hold and the parser would drop (an L-shaped plan, a missing column, a pinned base, a transfer
girder, a roof garden's load): refused, not modelled as the regular frame."""
_WIDTH_RANGE = re.compile(r"(?<![\d.])\d+\s*(?:bays?|spans?)\s*(?:of|at|@)\s*\d+(?:\.\d+)?\s*(?:m|ft)?\s*(?:-|to|~)\s*"
                          r"\d+(?:\.\d+)?\s*(?:m|ft)\b")
"""'3 bays of 6-8 m': a range, no widths (the upper end was taken)."""
_RELATIVE_HEIGHT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*(?:m|ft|mm)\s*(?:taller|higher|shorter|lower|more|less)\b"
                              r"(?!\s*than\s*(?:the\s*)?(?:external|outside|finished|natural|surrounding|existing)?\s*"
                              r"(?:ground|grade|street|road|site))")
"""'ground storey 2.0 m taller': a difference, not a height (it was read as the height)."""
_UNITLESS_LENGTH = re.compile(r"(?:(?:stor(?:e)?y|floor)\s*heights?|\b(?:bays?|spans?)\s*(?:of|at|@)|bay\s*widths?|spans?\s*(?:=|:)|层高)\s*"
                              r"(?:is|of|=|:|为)?\s*(\d+(?:\.\d+)?)(?![\d.]|\s*(?:m\b|mm|cm|met(?:re|er)|millimet|ft|feet|foot|in\b|inch|米|'|\"|x\b|@|"
                              r"bays?|spans?|stor|floor|层|跨|[,+/]\s*\d+(?:\.\d+)?(?!\s*-?\s*(?:bays?|spans?|stor|floors?|levels?|跨|层))|"
                              r"and\s*\d|-\s*\d|~\s*\d|to\s*\d))")
"""'storey height 3.5, 3 bays of 6': lengths without their unit (the defaults were taken)."""


_UNDECIDED_STORIES = re.compile(r"\b\d+\s*-?\s*(?:or|/)\s*\d+\s*-?\s*stor(?:e)?(?:y|ies|eys|ys)\b|\d+\s*(?:或|至)\s*\d+\s*层(?!\s*(?:层高|柱|梁|\d))"
                                r"(?=[^\d]*(?:框架|结构|建筑|楼))")
"""'a 3- or 4-storey frame', '3 or 4 storeys', '3或4层框架': a count not decided."""
_MIXED_MEMBERS = re.compile(r"\bsteel\s+(?:box\s+|tube\s+|pipe\s+|h\s+|wide[- ]flange\s+)?columns?\b[^;.]{0,80}?\b(?:rc|concrete|"
                            r"reinforced[- ]concrete)\s+beams?\b|\b(?:rc|concrete|reinforced[- ]concrete)\s+columns?\b[^;.]{0,80}?"
                            r"\bsteel\s+(?:[a-z]+\s+)?beams?\b|钢柱[^;。]{0,40}?(?:钢筋)?混凝土梁|(?:钢筋)?混凝土柱[^;。]{0,40}?钢梁")
"""Steel columns with concrete beams, or the reverse: one material a spec."""
_NON_SEISMIC = re.compile(r"\bnon[- ]?seismic(?:\s*(?:design|region|zone|area))?\b|\bno\s+seismic\s+(?:design|loads?|requirements?)|"
                          r"\bwind\s+(?:loads?\s+)?only\b|非抗震|不考虑地震|不设防")
"""A design without seismic input."""


_MAPPED_SPECTRAL = re.compile(r"\bmapped\s*(?:mce\w*\s*)?(?:spectral\s*)?(?:response\s*)?accelerations?(?:\s*parameters?)?"
                              r"|\bmce\s*_?r?\s*spectral\s*(?:response\s*)?accelerations?")
_CLEAR_STORY_HEIGHT = re.compile(r"\bclear\s*(?:stor(?:e)?y|floor)\s*heights?\b|净层高")
"""A clear story height (floor to ceiling), which the story-height readers would take for one."""
_CLEAR_HEIGHT = re.compile(r"\bclear\s*heights?\b|\bfloor[- ]to[- ]ceiling(?:\s*heights?)?|净高|净空")
"""A clear height, no story height: refused where the text gives none (the default was taken)."""
_HEIGHT_FIELDS = ("story_heights_m", "story_height_m", "first_story_height_m", "total_height_m", "bare_height_m",
                  "story_range_heights", "top_story_height_m", "top_stories_height")


def _refuse(t: str) -> None:
    """Inputs no reading can make sense of: a negative length or acceleration, a code autobm does not implement, a
    decimal comma in a bay's width ('span 7,2 m': 7.2 m, or bays of 7 m and 2 m?)."""
    m = re.search(r"(?<![\d.,])(\d+),(\d{1,2})\s*(m|ft)\b(?!\s*[,+\d])", t)
    if m and re.search(r"(?:bays?|spans?|widths?|跨度|柱距)[^;,]{0,12}$", t[max(0, m.start() - 24):m.start()]):
        raise SpecError(f"'{m.group(0)}': a decimal comma ({m[1]}.{m[2]} {m[3]}) or two bays ({m[1]} {m[3]} and "
                        f"{m[2]} {m[3]})? Write decimals with a point and lists with a space after each comma")
    m = _NEGATIVE.search(t)
    if m:
        raise SpecError(f"'{m.group(0).strip()}' is negative: lengths and accelerations are positive; "
                        "give the value without the minus sign (basements and below-grade levels are not modelled)")
    m = _NEGATIVE_COUNT.search(t)
    if m:
        raise SpecError(f"'{m.group(0).strip()}' is negative: stories and bays are counted from 1; give the count "
                        "without the sign (basements and below-grade levels are not modelled)")
    m = next((m for m in _SETBACK.finditer(t) if not _NEGATED.search(t[: m.start()])), None)
    if m:
        raise SpecError(f"'{m.group(0).strip()}': a setback (upper stories on fewer bays) is not modelled: a spec has one "
                        "plan for every story; describe the frame without it, or check the script without --spec")
    m = next((m for m in _BAY_IN_PARENTHESES.finditer(t) if int(m[1]) > 1), None)
    if m:  # a length that could be either: "3 bays (9 m)"
        raise SpecError(f"'{m.group(0).strip()}': is {m[2]} {m[3]} each bay's width or the {m[1]} bays' total? write "
                        f"'{m[1]} bays of {m[2]} {m[3]}' or '{m[1]} bays, {m[2]} {m[3]} in total'")
    m = next((m for m in _NOT_HELD.finditer(t) if not _NEGATED.search(t[: m.start()])), None)
    if m:
        raise SpecError(f"'{m.group(0).strip()}' is not modelled: a spec has a full rectangular grid of columns and "
                        "beams on fixed bases, one plan for every story and its mass spread over each floor; describe the "
                        "frame without it, or check a script of your own with `autobm check` (without --spec)")
    m = _WIDTH_RANGE.search(t)
    if m:
        raise SpecError(f"'{m.group(0).strip()}' is a range: give each bay's width (e.g. 'bays 6+7+8 m') or one width for all")
    m = _RELATIVE_HEIGHT.search(t)
    if m:
        raise SpecError(f"'{m.group(0).strip()}': give the story's own height (e.g. 'ground storey 5.5 m'), not how much it "
                        "differs from another")
    m = _UNITLESS_LENGTH.search(t)
    if m:
        raise SpecError(f"'{m.group(0).strip()}': give the unit of {m[1]} (e.g. '{m[1]} m' or '{m[1]} ft')")
    m = _FRACTIONAL_STORIES.search(t)
    if m:
        raise SpecError(f"stories: '{m.group(0).strip()}' is not a whole number; give the count of full stories "
                        "(a mezzanine or a half story is not modelled: count it as a story or leave it out)")
    m = _UNDECIDED_STORIES.search(t)
    if m:
        raise SpecError(f"stories: '{m.group(0).strip()}' leaves the count open: give one number of stories",
                        missing=["stories"])
    m = _MIXED_MEMBERS.search(t)
    if m:
        raise SpecError(f"'{m.group(0).strip()}': steel members beside concrete ones (a composite or mixed frame) are "
                        "not modelled: a spec has one material for every member (rc_frame or steel_frame)")
    m = _NON_SEISMIC.search(t)
    if m and not _NEGATED.search(t[: m.start()]):
        raise SpecError(f"'{m.group(0).strip()}': autobm checks a frame under the seismic forces of a code (GB 50011, "
                        "ASCE 7, EN 1998); a non-seismic design has no seismic input to check it for")
    m = re.search(r"\bcs\s*(?:=|:|of|is)\s*\d*\.?\d+", t)
    if m and not re.search(r"s\s*_?\s*ds|s\s*_?\s*d1|\bsms\b", t):
        raise SpecError(f"'{m.group(0).strip()}': a seismic response coefficient Cs is the result of SDS, SD1, R and Ie "
                        "(ASCE 7 12.8.1.1), not an input autobm can use: give SDS and SD1", missing=["sds_g", "sd1_g"])
    m = _MAPPED_SPECTRAL.search(t)
    if m:
        raise SpecError(f"'{m.group(0).strip()}' is a mapped (MCE) spectral acceleration: the design values SDS = 2/3 Fa Ss "
                        "and SD1 = 2/3 Fv S1 need the site coefficients Fa and Fv, which autobm does not hold (ASCE 7 11.4.4): "
                        "give SDS and SD1 (e.g. 'SDS 1.0 g, SD1 0.6 g')", missing=["sds_g", "sd1_g"])
    m = _CLEAR_STORY_HEIGHT.search(t)
    if m:
        raise SpecError(f"'{m.group(0).strip()}': a clear height (floor to ceiling) is not a story height (floor to floor, "
                        "top of slab to top of slab, as the frame is modelled): give the story height",
                        missing=["story_heights_m"])
    m = _OTHER_CODES.search(t)
    if m:
        raise SpecError(f"seismic code '{m.group(0).strip().upper()}' is not supported: allowed GB 50011 (intensity, "
                        "site class), ASCE 7 (SDS, SD1, risk category) or EN 1998 (ag, ground type); give that code's input")


def _plan_with_bays(given: dict[str, Any], axis: str, plan: float, width: float | None, us: bool) -> None:
    """A plan length along ``axis`` beside what the text gave of its bays: the bay width from the count
    ("30 m long (5 bays)": 6 m), or the contradiction named; a plan without any bays is asked about."""
    count, widths = given.get(f"bays_{axis}"), given.get(f"bay_widths_{axis}_m")
    said = (lambda *lengths: " (" + ", ".join(us_equivalent(v, "m") for v in lengths) + ")" if us else "")
    if widths:
        if abs(sum(widths) - plan) > 0.01 * plan:
            raise SpecError(f"contradictory plan: {plan:g} m along {axis.upper()} but its bays {widths} m add up to "
                            f"{sum(widths):g} m{said(plan, sum(widths))}")
    elif count and width:
        if abs(count * width - plan) > 0.01 * plan:
            raise SpecError(f"contradictory plan: {plan:g} m along {axis.upper()} is not {count} bays of {width:g} m"
                            f"{said(plan, width)}")
    elif count:
        given[f"bay_width_{axis}_m"] = plan / count
    else:
        raise SpecError(f"bays_{axis}: the plan is {plan:g} m along {axis.upper()}{said(plan)} but its bays are not given; "
                        f"give their count or width, e.g. '{max(1, round(plan / 6))} bays' or '6 m bays'",
                        missing=[f"bays_{axis}"])


def _read(text: str) -> tuple[str, _Found]:
    """The normalised text and every field read from it, with the phrase it came from."""
    t = _feet_inches(normalise(text))
    _refuse(t)
    found = _Found()
    _read_stories(t, found)
    _read_system(t, found)
    _read_dimensions(t, found)
    _read_seismic(t, found)
    _read_occupancy(t, found)
    _read_material(t, found)
    _read_diaphragm(t, found)
    _read_indexed(t, found)
    _read_member_dims(t, found)
    _read_cracked(t, found)
    clauses = _joined_counts(_clauses(t))
    hollow = _hollow_context(t)
    for i, clause in enumerate(clauses):
        _read_shared_length(clauses, i, found)
        _read_heights(clause, found)
        _read_bays(_with_axis_of_count(clauses, i), found)
        _read_sections(_with_member_of_previous(clauses, i), found, hollow)
        _read_loads(clause, found)
    _unread_lengths(clauses, found)
    _unread_pressures(clauses, found)
    m = _CLEAR_HEIGHT.search(t)
    if m and not any(k in found for k in _HEIGHT_FIELDS):
        raise SpecError(f"'{m.group(0).strip()}': a clear height (floor to ceiling) is not a story height (floor to floor, "
                        "top of slab to top of slab, as the frame is modelled): give the story height",
                        missing=["story_heights_m"])
    m = _PARKING.search(t)
    if m and "live_load_pa" not in found and "occupancy" not in found:
        raise SpecError(f"occupancy: '{m.group(0)}' is none autobm holds a live load for (allowed "
                        f"{', '.join(codes.OCCUPANCIES)}): give the floors' live load, e.g. 'live load 4.0 kPa'",
                        missing=["live_load_pa"])
    return t, found


_PARKING = re.compile(r"\bparking\b|\bcar\s*park|\bgarages?\b|停车|车库")


_GEOMETRY_WORDS = re.compile(r"bays?|spans?|direction|axis|(?<![a-z])[xy](?![a-z])|向|跨|柱距|开间|进深|floors?|stor|levels?|层|"
                             r"heights?|high|tall|grid|spacing|ground|length|width|wide|long|plan|footprint|长|宽")
_NOT_MODELLED = re.compile(r"cantilever|overhang|balcon|parapet|slab|thick|roof\s*level|elevation|deep|depth|basement|"
                           r"foundation|footing|below\s*(?:ground|grade)|walls?|corridor|clear|ceiling|m/s|columns?|beams?|"
                           r"girders?|sections?|canopy|walkway|bridge|stair|ramp|joints?|infill|partition|"
                           r"柱|梁|楼板|板厚|悬挑|女儿墙|室内外|高差|基础|埋深")
_A_LENGTH = re.compile(r"(?<![\d.x*/])(\d+(?:\.\d+)?)\s*(mm|cm|m|ft|feet|foot|in|米|')(?![a-z0-9²/])"
                       r"(?!\s*(?:x|y|the|each|both|stor|floor)\b)")


def _flat_numbers(value: Any) -> list[float]:
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, float)):
        return [float(value)]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return [x for v in value for x in _flat_numbers(v)]
    return []


_A_PRESSURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(kpa|kn/m2|kn/m²|psf|ksf)\b")
_NOT_A_FLOOR_LOAD = re.compile(r"wind|snow|bearing|soil|roof|屋面|suction|capacity|风|雪|地基|承载力|fire|blast|"
                               r"cladding|facade|stair|楼梯|corridor|走廊|balcon|阳台|toilet|卫生间|parapet|女儿墙")


def _unread_pressures(clauses: list[str], found: _Found) -> None:
    """A floor load the text gives that no reader took is refused, as lengths are (``_unread_lengths``): 'dead load
    (excluding self-weight) 1.5 kPa' was dropped for the 7 kPa default, '5 kPa on the first floor, 3 kPa elsewhere'
    took 5 kPa everywhere. Loads autobm does not model (wind, snow, the soil's, a roof's) and a breakdown in
    parentheses ('4.5 kPa (slab 3.0 kPa + finishes 1.5 kPa)') are left alone."""
    read = [x for values in found.values() for v, _ in values for x in _flat_numbers(v)]
    for clause in clauses:
        if _NOT_A_FLOOR_LOAD.search(clause):
            continue
        c = re.sub(r"[(（][^()（）]*[)）]", " ", clause)
        for m in _A_PRESSURE.finditer(c):
            value = to_si(float(m[1]), m[2].replace("²", "2"), "pressure")
            if not any(math.isclose(value, r, rel_tol=1e-6) for r in read):
                partitions = (" Partitions are part of a floor's dead load under ASCE 7 (12.7.2) and an addition to its "
                              "live load under GB 50009 (5.1.1) and EN 1991-1-1 (6.3.1.2(8)): add them to the one the code "
                              "takes." if re.search(r"partition|隔墙", clause) else "")
                raise SpecError(f"'{clause}': autobm could not tell what {m.group(0).strip()} is; one dead load and one "
                                "live load hold for every floor (the roof's live load aside): write e.g. 'dead load 7 kPa, "
                                "live load 2.5 kPa', or a superimposed dead load ('superimposed dead load 1.5 kPa')."
                                + partitions)


def _unread_lengths(clauses: list[str], found: _Found) -> None:
    """A length of the frame's geometry (in a clause about bays, axes, stories or heights) that no reader took is
    refused, not dropped for a default ('x direction: 6.0, 8.0 m', 'ground (first) floor 4.0 m' built other
    buildings than the ones described). Members' sizes and what autobm does not model (cantilevers, slabs) are
    left alone."""
    read = [x for values in found.values() for v, _ in values for x in _flat_numbers(v)]
    for clause in clauses:
        c = _tidy_bays(clause)
        if not _GEOMETRY_WORDS.search(c) or _NOT_MODELLED.search(c):
            continue
        for m in _A_LENGTH.finditer(c):
            unit = {"米": "m", "'": "ft", "feet": "ft", "foot": "ft"}.get(m[2], m[2])
            value = to_si(float(m[1]), unit, "length")
            if not any(math.isclose(value, r, rel_tol=1e-6) for r in read):
                comma = re.search(r"\d,$", c[:m.start()])
                said = f"{m.group(0).strip()} (a decimal comma? write a point: 3.5 m)" if comma else m.group(0).strip()
                raise SpecError(f"'{clause}': autobm could not tell what {said} is; write it as the parser "
                                "reads it, e.g. '3 bays of 6 m in x', 'bays 6+8+6 m in x', 'plan 30 m x 12 m', "
                                "'first story 4.5 m', 'stories 2-5 3.6 m'")


_SHARED = re.compile(r"\s*(?:(?:all|each|every)\s*(?:bays?|spans?|stor(?:e)?(?:y|ies|eys)|floors?)?\s*(?:are|is|of|at|=|:)?\s*" + LEN
                     + r"(?:\s*each)?|" + LEN + r"\s*each)\s*")
"""A clause of one length for every member of the one before: '4 bays in x and 3 in y, all 8 m', '5 stories, each 3.6 m'."""


def _read_shared_length(clauses: list[str], i: int, f: _Found) -> None:
    """'…, all 8 m' after bays gives every bay's width; after stories, every story's height."""
    m = _SHARED.fullmatch(clauses[i])
    if m is None or i == 0:
        return
    vals = [g for g in m.groups() if g is not None]
    value, before = to_si(_num(vals[0]), vals[1], "length"), clauses[i - 1]
    if re.search(BAY_WORD + r"|跨", before) and not re.search(LEN, before):
        f.add("bay_width_m", value, f"{before}, {clauses[i]}")
    elif re.search(STORY_WORD + r"|层", before) and not re.search(LEN, before):
        f.add("story_height_m", value, f"{before}, {clauses[i]}")


def _heights_from_ranges(ranges: list[tuple[int, int, float]], first: float | None, stories: int | None,
                         found: _Found, typical: float | None = None) -> list[float]:
    """Story heights from '首层4.5m，2~4层3.6m' (stories by range) or 'first 2 stories 4.5 m, others 3.3 m' (the
    typical height for the stories no range names): every story must get one."""
    top = max([b for _, b, _ in ranges] + [stories or 0])
    heights: list[float | None] = [None] * top
    if first is not None:
        heights[0] = first
    for a, b, h in ranges:
        if not 1 <= a <= b:
            raise SpecError(f"story range {a}~{b}: give the lower story first, from story 1")
        for i in range(a - 1, b):
            if heights[i] is not None and heights[i] != h:
                raise SpecError(f"contradictory heights: story {i + 1} is given as {heights[i]:g} m and {h:g} m")
            heights[i] = h
    if typical is not None:
        heights = [typical if h is None else h for h in heights]
    missing = [i + 1 for i, h in enumerate(heights) if h is None]
    if missing:
        phrases = ", ".join(p for _, p in found.get("story_range_heights", []) + found.get("top_story_height_m", []))
        raise SpecError(f"story heights by range ({phrases}) leave out story {', '.join(map(str, missing))}: "
                        "give the height of every story (e.g. '首层4.5m，2~5层3.6m')", missing=["story_heights_m"])
    return [float(h) for h in heights if h is not None]


def parse_text(text: str) -> BuildingSpec:
    """Parse a building description into a validated BuildingSpec.

    Raises SpecError (with ``missing`` listing what could not be found) for text that
    is not a building, lacks the story count, contradicts itself or fails validation.
    """
    if not text or not text.strip():
        raise SpecError("the description is empty: describe a building, e.g. '5-story RC frame, 3.5 m floors, 3x2 bays of 6 m, intensity 8'",
                        missing=["stories"])
    t, found = _read(text)
    if not found.get("stories") and not _BUILDING_WORDS.search(t):
        raise SpecError("this does not look like a building description: found no story count, structural system, bays or story heights. "
                        "Describe one, e.g. '5-story RC frame, 3.5 m floors, 3x2 bays of 6 m, intensity 8 (0.20g)'",
                        missing=["stories"])
    return complete_spec(_given(found, text))


def read_text(text: str) -> dict[str, Any]:
    """What the text itself says, as ``complete_spec``'s partial mapping: nothing filled in.

    Unlike ``parse_text`` a missing story count is no error here (the key is then absent);
    contradictions still raise SpecError. Used to tell what the parser read from what
    someone else (the drafting model, ``agent.model_parsing``) may add.

    >>> sorted(read_text("RC frame, ground floor plus two, 3.2 m floors, intensity 8"))
    ['seismic', 'source_text', 'story_height_m', 'system']
    """
    _, found = _read(text or "")
    return _given(found, text or "", require_stories=False)


def _stories_of_heights(found: _Found) -> int | None:
    """The story count where the text gives no count but a height for every story: the first one and ranges that
    follow on without a gap ('ground floor 5.0 m, first floor 4.0 m, second to fourth floors 3.5 m': 5), or a list of
    three heights or more; None otherwise (a typical height, two heights, or ranges with a gap say nothing of it)."""
    listed = [v for v, _ in found.get("story_heights_m", [])]
    others = ("story_height_m", "total_height_m", "bare_height_m", "top_story_height_m", "top_stories_height",
              "first_story_height_m", "story_range_heights")
    if len(listed) == 1 and len(listed[0]) >= 3 and not any(k in found for k in others):
        return len(listed[0])  # "storey heights 4.2 m + 5 @ 3.6 m": six (two could be the first and the typical)
    if listed or any(k in found for k in others[:5]):
        return None
    spans = sorted((a, b) for (a, b, _), _ in found.get("story_range_heights", []))
    if "first_story_height_m" in found:
        spans = sorted([(1, 1), *spans])
    if not spans or spans[0][0] != 1 or len(spans) < 2:
        return None
    top = 0
    for a, b in spans:
        if a != top + 1 or b < a:
            return None
        top = b
    return top


def _given(found: _Found, text: str, *, require_stories: bool = True) -> dict[str, Any]:
    given: dict[str, Any] = {"source_text": text}
    stories = _one(found, "stories")
    if stories is None:
        stories = _stories_of_heights(found)  # "层高：一层4.50 m，二～四层3.60 m": the heights name every story
    if stories is None and require_stories:
        raise SpecError("the number of stories is missing: say e.g. '5-story', 'five storeys' or '5层'", missing=["stories"])
    systems = {v for v, _ in found.get("system", [])}
    if "shear_building" in systems:
        given["system"] = "shear_building"
    elif len(systems) > 1:
        phrases = " and ".join(f"'{p}'" for _, p in found["system"])
        raise SpecError(f"contradictory structural system: the text names both {phrases}; allowed one of rc_frame, steel_frame, shear_building")
    elif systems:
        given["system"] = systems.pop()
    if stories is not None:
        given["stories"] = stories

    # heights
    heights = _one(found, "story_heights_m")
    typical = _one(found, "story_height_m")
    first = _one(found, "first_story_height_m")
    total = _one(found, "total_height_m", tol=0.01)
    bare = _one(found, "bare_height_m", tol=0.01)
    if bare is not None and total is None and stories is not None:
        # the building's height, unless it is the story height given, or its stories would be under 2.5 m: then a
        # story's ("5-story frame, height 3.5 m")
        low, high = STORY_HEIGHT_RANGE_M
        if typical is not None and math.isclose(bare, typical, rel_tol=0.01):
            pass
        elif typical is None and heights is None and stories > 1 and bare / stories < 2.5:
            if bare > 6.0:  # neither reading is a building: 8 m stories, or 1.6 m ones
                raise SpecError(f"height {bare:g} m for {stories} stories: as the building's height its stories would be "
                                f"{bare / stories:.3g} m, as each story's {bare:g} m; say 'story height ...' or 'total "
                                "height ...'", missing=["story_heights_m"])
            typical = bare
        else:
            total = bare
    ranges = [v for v, _ in found.get("story_range_heights", [])]
    top = _one(found, "top_story_height_m")
    tops = [(1, top)] if top is not None else []
    tops += [v for v, _ in found.get("top_stories_height", [])]
    if tops and heights is None:
        if stories is None:
            said = ", ".join(p for _, p in found.get("top_story_height_m", []) + found.get("top_stories_height", []))
            raise SpecError(f"the top stories' height ({said}) needs the number of stories: say e.g. '6 stories'",
                            missing=["stories"])
        for n, h in tops:
            if not 1 <= n <= stories:
                raise SpecError(f"the top {n} stories of a {stories}-story building: give at most {stories}")
            ranges.append((stories - n + 1, stories, h))
    froms = [v for v, _ in found.get("stories_from_height", [])]
    if froms and heights is None:
        if stories is None:
            said = ", ".join(p for _, p in found["stories_from_height"])
            raise SpecError(f"the stories from one up ({said}) need the number of stories: say e.g. '6层'", missing=["stories"])
        for n, h in froms:
            if not 1 <= n <= stories:
                raise SpecError(f"stories {n} and above of a {stories}-story building: give a story from 1 to {stories}")
            ranges.append((n, stories, h))
    if ranges and heights is None:
        heights = _heights_from_ranges(ranges, first, stories, found, typical)
        first = typical = None
    if heights:
        given["story_heights_m"] = heights
    if typical is not None:
        given["story_height_m"] = typical
    if first is not None:
        given["first_story_height_m"] = first
    if total is not None and stories is not None and stories > 1 and first is not None and typical is None and not heights:
        typical = (total - first) / (stories - 1)  # "total height 14 m, first story 5 m": the others share the rest
        given["story_height_m"] = typical
    if total is not None and stories is not None:  # without a story count a total height says nothing per story
        if heights is None and typical is None and first is None:
            given["story_height_m"] = total / stories
        else:
            implied = sum(heights) if heights else (first or typical) + (stories - 1) * (typical or first)
            if not math.isclose(implied, total, rel_tol=0.01):
                raise SpecError(f"contradictory heights: the story heights add up to {implied:g} m but the total height is given as {total:g} m")

    # dimensions and bays
    dims = _one(found, "dimensions")
    for axis in ("x", "y"):
        for key in (f"bays_{axis}", f"bay_width_{axis}_m", f"bay_widths_{axis}_m"):
            v = _one(found, key)
            if v is not None:
                given[key] = v
    generic = _one(found, "bay_width_m")
    if generic is not None:
        given["bay_width_m"] = generic
    widths = _one(found, "bay_widths_m")
    if widths is not None:
        if "bays_x" in given and given["bays_x"] != len(widths) and "bays_y" not in given:
            raise SpecError(f"contradictory bays: {given['bays_x']} bays but {len(widths)} bay widths {widths}")
        given.setdefault("bay_widths_x_m", widths)
    for axis in ("x", "y"):
        if f"bay_width_{axis}_m" in given and f"bay_widths_{axis}_m" not in given:
            given[f"bay_width_{axis}_m"] = given[f"bay_width_{axis}_m"]
        plan = _one(found, f"plan_{axis}_m")
        width = given.get(f"bay_width_{axis}_m", given.get("bay_width_m"))
        if axis == "y" and width is None and plan is not None and "bays_y" not in given and "bay_widths_y_m" not in given:
            width = given.get("bay_width_x_m")  # "3 bays of 20 ft, plan 60 ft by 40 ft": the one width both ways
            if width and abs(plan / width - round(plan / width)) <= 0.01:
                given["bay_width_y_m"] = width
        us = written_in_us_units(text)
        if plan is not None and f"bays_{axis}" not in given and width:
            n = plan / width
            if abs(n - round(n)) > 0.01:
                said = f" ({us_equivalent(plan, 'm')}, {us_equivalent(width, 'm')})" if us else ""
                raise SpecError(f"contradictory plan: {plan:g} m along {axis.upper()} is not a whole number of {width:g} m bays{said}")
            given[f"bays_{axis}"] = round(n)
        elif plan is not None:
            _plan_with_bays(given, axis, plan, width, us)
    has_y = any(k in given for k in ("bays_y", "bay_width_y_m", "bay_widths_y_m"))
    has_x = any(k in given for k in ("bays_x", "bay_width_x_m", "bay_widths_x_m"))
    if dims == 2 and has_y and not has_x:  # "横向三跨 ... 平面框架": the plane frame is the one along the axis named
        for key in ("bays_y", "bay_width_y_m", "bay_widths_y_m"):
            if key in given:
                given[key.replace("_y", "_x")] = given.pop(key)
        has_y = False
    elif dims is None and has_y and not has_x and "bays_y" in given and given.get("system") != "shear_building":
        said = ", ".join(f"'{p}'" for _, p in found.get("bays_y", []))
        raise SpecError(f"bays_x: the text gives the bays along Y ({said}) but none along X: for one plane frame along "
                        "them say so ('plane frame', '平面框架'), for a 3D building give the X bays too (e.g. '4 bays of "
                        "6 m in x', '纵向4跨')", missing=["bays_x"])
    has_x = has_x or "bay_width_m" in given
    if dims == 2 and has_y and given.get("system") != "shear_building":
        raise SpecError("contradictory dimensions: the text asks for a 2D (plane) frame but gives bays along Y")
    if dims is not None:
        given["dimensions"] = dims
    if dims == 2 and "bay_width_y_m" in given:
        given.pop("bay_width_y_m")

    # material and sections
    for key in ("concrete_grade", "fc_pa", "steel_grade", "elastic_modulus_pa"):
        v = _one(found, key, tol=1e-3)
        if v is not None:
            given[key] = v
    for kind in ("columns", "beams"):
        secs = _sections_from(found, kind, text)
        if secs:
            given[kind] = secs

    cracked = {key: _one(found, key, tol=1e-6) for key in ("column_inertia_factor", "beam_inertia_factor")}
    if any(v is not None for v in cracked.values()):
        for key, v in cracked.items():
            if v is not None and not 0 < v <= 1:
                raise SpecError(f"stiffness.{key} = {v:g}: an effective moment of inertia is a share of the gross one, "
                                "above 0 and at most 1 (e.g. 0.7 Ig for columns, 0.35 Ig for beams)")
        phrases = "; ".join(dict.fromkeys(p for key in cracked for _, p in found.get(key, [])))
        given["stiffness"] = {"column_inertia_factor": cracked["column_inertia_factor"] or 1.0,
                              "beam_inertia_factor": cracked["beam_inertia_factor"] or 1.0,
                              "clause": f"given: {phrases}"}

    # loads
    for key in ("occupancy", "dead_load_pa", "superimposed_dead_load_pa", "live_load_pa", "tributary_width_m", "rigid_diaphragm"):
        v = _one(found, key, tol=1e-3)
        if v is not None:
            given[key] = v
    for key in ("floor_masses_kg", "story_stiffnesses_n_per_m"):
        v = _one(found, key, tol=1e-6)
        if v is not None:
            given[key] = v
    if ("floor_masses_kg" in given or "story_stiffnesses_n_per_m" in given) and "system" not in given:
        if "story_stiffnesses_n_per_m" in given:
            given["system"] = "shear_building"

    # seismic
    seismic: dict[str, Any] = {}
    codes_named = {v for v, _ in found.get("code", [])}
    for key in ("intensity", "pga_g", "site_class", "design_group", "sds_g", "sd1_g", "s1_g", "risk_category",
                "frame_type", "response_modification", "deflection_amplification", "importance_factor", "tl_s",
                "ground_type", "importance_class", "reference_pga_g", "ductility_class", "behaviour_factor_q",
                "damping_ratio"):
        v = _one(found, key, tol=1e-6)
        if v is not None:
            seismic[key] = v
    ss = _one(found, "ss_g", tol=1e-6)
    if ss is not None and ("sds_g" not in seismic or "sd1_g" not in seismic):
        raise SpecError(f"Ss = {ss:g} g is a mapped spectral acceleration: the design values SDS = 2/3 Fa Ss and "
                        "SD1 = 2/3 Fv S1 (ASCE 7-22 11.4.4, 11.4.5) need the site coefficients of the site class, "
                        "which autobm does not hold (the USGS Seismic Design Geodatabase gives SDS and SD1 for a site): "
                        "give SDS and SD1, e.g. 'SDS = 0.6 g, SD1 = 0.4 g'", missing=["seismic.sds_g", "seismic.sd1_g"])
    gb_keys = {"intensity", "site_class", "design_group"} & set(seismic)
    asce_keys = {"sds_g", "sd1_g", "s1_g", "tl_s", "risk_category", "frame_type", "response_modification",
                 "deflection_amplification", "importance_factor"} & set(seismic)
    en_keys = {"ground_type", "importance_class", "reference_pga_g", "ductility_class", "behaviour_factor_q"} & set(seismic)  # agR: complete_spec gives ag = γI·agR
    families = {name for name, keys in (("gb50011", gb_keys), ("asce7", asce_keys), ("en1998", en_keys)) if keys} | codes_named
    if len(families) > 1:
        raise SpecError(f"contradictory seismic input: parameters of more than one code given ({', '.join(sorted(families))}); "
                        "give the input of one code: GB 50011 (intensity, site class), ASCE 7 (SDS, SD1) or EN 1998 (ag, ground type)")
    if families:
        seismic["code"] = families.pop()
    elif "pga_g" in seismic:
        seismic["code"] = "gb50011"
    letter = _one(found, "site_letter")
    if letter is not None and seismic.get("code", "gb50011") != "asce7":
        raise SpecError(f"site class {letter} is an ASCE 7 site class, but the seismic input is "
                        + ("EN 1998's: give the ground type A-E (EN 1998-1 Table 3.1)" if seismic.get("code") == "en1998" else
                           "GB 50011's: give a GB site class I0, I1, II, III or IV (GB 50011-2010 Table 4.1.6), or ASCE 7's "
                           "SDS and SD1"))
    _gb_spectrum_inputs(found, seismic)
    if seismic:
        given["seismic"] = seismic
    _plain_fc(found, given)
    return given


def _gb_spectrum_inputs(found: _Found, seismic: dict[str, Any]) -> None:
    """Tg and αmax given with the GB 50011 input: each must be the one its site class, design group and design
    acceleration give (Table 5.1.4-2, Table 5.1.4-1, frequent earthquake); a Tg without them names them where one
    site class and group give it. Else refused: autobm's spectrum comes from the tables, not from a Tg or αmax given."""
    tg, alpha = _one(found, "tg_s", tol=1e-6), _one(found, "alpha_max", tol=1e-6)
    if tg is None and alpha is None:
        return
    if seismic.get("code", "gb50011") != "gb50011":
        raise SpecError("Tg and αmax are GB 50011 spectrum values, but the seismic input is of another code: leave them out")
    seismic["code"] = "gb50011"
    if tg is not None:
        site, group = seismic.get("site_class"), seismic.get("design_group")
        pairs = [(c, g) for g, row in codes.GB_TG_S.items() for c, v in row.items()
                 if math.isclose(v, tg, abs_tol=1e-6) and site in (None, c) and group in (None, g)]
        said = ", ".join(f"site class {c} group {g}" for c, g in pairs)
        if not pairs:
            raise SpecError(f"Tg = {tg:g} s is not the characteristic period of "
                            + (f"site class {site}" if site else "any site class") + (f", group {group}" if group else "")
                            + " (GB 50011-2010 Table 5.1.4-2): give the site class and design group, autobm takes Tg from them")
        if len(pairs) > 1 and (site is None or group is None):
            raise SpecError(f"Tg = {tg:g} s is the characteristic period of {said} (GB 50011-2010 Table 5.1.4-2): give the "
                            "site class and design group", missing=["seismic.site_class", "seismic.design_group"])
        seismic["site_class"], seismic["design_group"] = pairs[0]
    if alpha is not None:
        pga, intensity = seismic.get("pga_g"), seismic.get("intensity")
        levels = {round(p, 3): row for p, row in codes.GB_ALPHA_MAX.items()}
        frequent = [p for p, row in levels.items() if math.isclose(row["frequent"], alpha, abs_tol=1e-6)
                    and (pga is None or math.isclose(p, pga, abs_tol=1e-6))
                    and (intensity is None or p in codes.GB_INTENSITY_PGA_G.get(int(intensity), ()))]
        if not frequent:
            other = [f"{level} earthquake at {p:g} g" for p, row in levels.items() for level, v in row.items()
                     if level != "frequent" and math.isclose(v, alpha, abs_tol=1e-6)]
            raise SpecError(f"αmax = {alpha:g} is not the frequent-earthquake αmax of "
                            + (f"{pga:g} g" if pga else f"intensity {intensity}" if intensity else "any design acceleration")
                            + (f" (it is the {', '.join(other)})" if other else "") + ": autobm checks the frame under the "
                            "frequent earthquake of GB 50011-2010 Table 5.1.4-1; leave αmax out, or give the intensity and "
                            "design acceleration")
        seismic.setdefault("pga_g", frequent[0])


def _plain_fc(found: _Found, given: dict[str, Any]) -> None:
    """'fc = 14.3 N/mm²': under GB 50011 (the default code) GB 50010's design strength fc, which names
    its grade (Table 4.1.4-1: 14.3 is C30); under ASCE 7 or EN 1998 a cylinder strength."""
    fc = _one(found, "fc_plain_pa", tol=1e-3)
    if fc is None:
        return
    code = given.get("seismic", {}).get("code", "gb50011")
    if code != "gb50011":
        if given.setdefault("fc_pa", fc) != fc:
            raise SpecError(f"contradictory fc_pa: {given['fc_pa'] / 1e6:g} MPa and {fc / 1e6:g} MPa")
        return
    table = codes.CONCRETE_FC_GB50010_MPA
    grade = next((g for g, v in table.items() if abs(v - fc / 1e6) < 0.05), None)
    if grade is None:
        raise SpecError(f"fc = {fc / 1e6:g} N/mm² under GB 50011 reads as GB 50010's design compressive strength, and is none "
                        f"of Table 4.1.4-1 ({', '.join(f'{g} {v:g}' for g, v in table.items())}): give the grade (e.g. C30), "
                        "E, or a cylinder strength as f'c")
    if given.setdefault("concrete_grade", grade) != grade:
        raise SpecError(f"contradictory concrete grade: '{given['concrete_grade']}' but fc = {fc / 1e6:g} N/mm² is the design "
                        f"strength of {grade} (GB 50010 Table 4.1.4-1)")
