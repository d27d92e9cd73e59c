"""Units: the spellings people write, converted to SI with pint.

Every quantity inside autobm is SI (m, kg, N, Pa, s). The parser recognises a unit
token (``ft``, ``kN/m²``, ``kip-s2/in``, ``米``...) and asks ``to_si`` for the value.

>>> round(to_si(12, "ft", "length"), 4)
3.6576
>>> round(to_si(50, "psf", "pressure"), 1)
2394.0
"""

from __future__ import annotations

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
