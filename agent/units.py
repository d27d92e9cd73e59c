"""Units: the spellings people write, converted to SI with pint.

Every quantity inside autobm is SI (m, kg, N, Pa, s). The parser recognises a unit
token (``ft``, ``kN/m²``, ``kip-s2/in``, ``米``...) and asks ``to_si`` for the value.

>>> round(to_si(12, "ft", "length"), 4)
3.6576
>>> round(to_si(50, "psf", "pressure"), 1)
2394.0
"""

from __future__ import annotations

import re
from functools import lru_cache

import pint

# token (lower case, as normalised by the parser) -> pint expression
_TOKENS: dict[str, dict[str, str]] = {
    "length": {
        "m": "m", "meter": "m", "meters": "m", "metre": "m", "metres": "m", "米": "m",
        "mm": "mm", "毫米": "mm", "cm": "cm", "厘米": "cm",
        "ft": "ft", "feet": "ft", "foot": "ft", "'": "ft",
        "in": "inch", "inch": "inch", "inches": "inch", '"': "inch",
    },
    "pressure": {
        "pa": "Pa", "kpa": "kPa", "mpa": "MPa", "gpa": "GPa",
        "kn/m2": "kN/m**2", "kn/m^2": "kN/m**2", "kn/m²": "kN/m**2", "kn/sqm": "kN/m**2",
        "n/mm2": "N/mm**2", "n/mm^2": "N/mm**2", "n/mm²": "N/mm**2",
        "psf": "lbf/ft**2", "ksf": "kip/ft**2", "psi": "lbf/inch**2", "ksi": "kip/inch**2",
    },
    "mass": {
        "kg": "kg", "t": "tonne", "ton": "tonne", "tons": "tonne", "tonne": "tonne", "tonnes": "tonne", "吨": "tonne",
        "kip-s2/in": "kip*s**2/inch", "kip*s2/in": "kip*s**2/inch", "kip-s^2/in": "kip*s**2/inch",
        "kip·s²/in": "kip*s**2/inch", "kip-s²/in": "kip*s**2/inch", "kip·s2/in": "kip*s**2/inch",
    },
    "force": {
        "n": "N", "kn": "kN", "mn": "MN", "kip": "kip", "kips": "kip", "lb": "lbf", "lbs": "lbf", "lbf": "lbf",
        "千牛": "kN",
    },
    "stiffness": {
        "n/m": "N/m", "kn/m": "kN/m", "kn/mm": "kN/mm", "mn/m": "MN/m",
        "kip/in": "kip/inch", "kips/in": "kip/inch", "k/in": "kip/inch", "lb/in": "lbf/inch",
    },
}

_SI = {"length": "m", "pressure": "Pa", "mass": "kg", "force": "N", "stiffness": "N/m"}


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The one pint registry (built lazily: it takes a few tenths of a second)."""
    return pint.UnitRegistry(cache_folder=None)


def tokens(dimension: str) -> list[str]:
    """Unit spellings of a dimension, longest first (for building regexes)."""
    return sorted(_TOKENS[dimension], key=len, reverse=True)


def dimension_of(token: str) -> str | None:
    token = token.lower()
    for dim, table in _TOKENS.items():
        if token in table:
            return dim
    return None


@lru_cache(maxsize=256)
def _factor(token: str, dimension: str) -> float:
    expr = _TOKENS[dimension][token]
    ureg = registry()
    return float(ureg.Quantity(1.0, expr).to(_SI[dimension]).magnitude)


def to_si(value: float, token: str, dimension: str) -> float:
    """Convert ``value`` given in ``token`` (a spelling in this module's tables) to SI."""
    token = token.lower()
    if token not in _TOKENS[dimension]:
        raise KeyError(f"unit {token!r} is not a {dimension} unit: known {', '.join(sorted(_TOKENS[dimension]))}")
    return float(f"{value * _factor(token, dimension):.12g}")  # 12 significant digits: no 3.6575999999


_US_WRITTEN = re.compile(r"\d\s*(?:ft|feet|foot|psf|ksf|psi|ksi|kips?|lbs?|lbf|kip-s|inch(?:es)?|in\b(?!\s*(?:x\b|y\b|the\b|each|both|all|a\b|an\b|plan|elevation|height))|'|\")")


def written_in_us_units(text: str | None) -> bool:
    """Whether a description gives its numbers in US customary units (ft, in, kip, psf, ksi):
    its reports then show US values beside the SI ones.

    >>> written_in_us_units("4-story RC frame, 12 ft stories, 3 bays of 24 ft"), written_in_us_units("3 bays of 6 m in x")
    (True, False)
    """
    return bool(text) and _US_WRITTEN.search(text.lower()) is not None


def us_equivalent(value: float, unit: str) -> str | None:
    """``value`` (SI ``unit``: m, kg, N, Pa) as a US engineer reads it, or None for other units.
    Lengths under 3 m in inches, longer ones in feet; a mass as its weight in kip; a pressure under
    1 MPa in psf, else in ksi; a section's area (m2) in in², its second moment (m4) in in⁴.

    A text of lengths in m (a check's "X: [9.144, 9.144]; Y: [7.62] m") has each number in feet.

    >>> us_equivalent(14.6304, "m"), us_equivalent(0.55, "m"), us_equivalent(458365.0, "kg"), us_equivalent(2394.0, "Pa")
    ('48 ft', '21.65 in', 'W = 1,011 kip', '50 psf')
    >>> us_equivalent(0.0110322, "m2"), us_equivalent(4.6203e-4, "m4")
    ('17.1 in²', '1,110 in⁴')
    >>> us_equivalent("X: [9.144, 9.144]; Y: [7.62] m", "m")
    'X: [30, 30]; Y: [25] ft'
    """
    if isinstance(value, str) and unit == "m":
        numbers = re.sub(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", lambda m: _digits(float(m.group()) / 0.3048), value)
        return (numbers.removesuffix(" m") + " ft") if numbers != value else None
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    if unit == "m":
        return f"{_digits(value / 0.0254)} in" if abs(value) < 3.0 else f"{_digits(value / 0.3048)} ft"
    if unit in ("m2", "m4"):  # section area and second moment
        power = int(unit[1])
        return f"{_digits(value / 0.0254**power)} in{'²' if power == 2 else '⁴'}"
    if unit == "kg":
        return f"W = {_digits(value * 9.80665 / 4448.2216152605)} kip"
    if unit == "N":
        return f"{_digits(value / 4448.2216152605)} kip"
    if unit == "Pa":
        return f"{_digits(value / 47.880258980336)} psf" if abs(value) < 1e6 else f"{_digits(value / 6894757.29316836)} ksi"
    return None


def _digits(x: float) -> str:
    """Four significant digits, never in exponent form; thousands separated ('1,011', '21.65')."""
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"
