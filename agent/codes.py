"""Design-code facts, each with the clause it comes from.

Values marked *secondary* were read from a third-party transcription of the code,
not from the official text (see ``shared/reference/design-codes.md``). Everything
here is data plus small pure functions; units are in the names.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

G_M_PER_S2 = 9.80665
"""Standard gravity, m/s²."""

# --- Materials --------------------------------------------------------------------

CONCRETE_EC_GB50010_MPA: dict[str, float] = {
    "C20": 2.55e4,
    "C25": 2.80e4,
    "C30": 3.00e4,
    "C35": 3.15e4,
    "C40": 3.25e4,
    "C45": 3.35e4,
    "C50": 3.45e4,
    "C55": 3.55e4,
    "C60": 3.60e4,
}
"""Elastic modulus of concrete Ec, N/mm², GB 50010-2010 Table 4.1.5."""

CONCRETE_FC_GB50010_MPA: dict[str, float] = {
    "C20": 9.6, "C25": 11.9, "C30": 14.3, "C35": 16.7, "C40": 19.1, "C45": 21.1, "C50": 23.1, "C55": 25.3, "C60": 27.5,
}
"""Design axial compressive strength of concrete fc, N/mm², GB 50010-2010 Table 4.1.4-1: what a GB text
means by "fc = 14.3 N/mm²" (C30), not a cylinder strength."""

CONCRETE_ECM_EN1992_MPA: dict[str, float] = {
    "C20/25": 3.0e4,
    "C25/30": 3.1e4,
    "C30/37": 3.3e4,
    "C35/45": 3.4e4,
    "C40/50": 3.5e4,
    "C45/55": 3.6e4,
    "C50/60": 3.7e4,
    "C55/67": 3.8e4,
    "C60/75": 3.9e4,
}
"""Secant modulus of concrete Ecm, N/mm², EN 1992-1-1:2004 Table 3.1 (grades fck/fck,cube; quartzite
aggregates)."""

ACI_DEFAULT_FC_PSI = 4000.0
"""Specified compressive strength f'c assumed for an ASCE 7 RC frame that names none, psi (27.6 MPa)."""

PA_PER_PSI = 6894.757
"""One psi (lbf/in²) in Pa."""

STEEL_E_MPA: dict[str, float] = {
    # GB 50017-2017 Table 4.4.8: Es = 2.06e5 N/mm² for all structural steels.
    "Q235": 2.06e5,
    "Q345": 2.06e5,
    "Q355": 2.06e5,
    "Q390": 2.06e5,
    "Q420": 2.06e5,
    "Q460": 2.06e5,
    # AISC 360-16 Section B4 / Table 2-4: E = 29,000 ksi = 199,948 N/mm².
    "A36": 199_948.0,
    "A572": 199_948.0,
    "A992": 199_948.0,
    # EN 1993-1-1 3.2.6: E = 210,000 N/mm².
    "S235": 2.10e5,
    "S275": 2.10e5,
    "S355": 2.10e5,
    "S460": 2.10e5,
}
"""Elastic modulus of structural steel by grade, N/mm²."""

CONCRETE_UNIT_WEIGHT_N_PER_M3 = 25e3
"""Reinforced concrete unit weight, GB 55001-2021 Appendix / common practice (25 kN/m³)."""

STEEL_UNIT_WEIGHT_N_PER_M3 = 78.5e3
"""Structural steel unit weight, GB 55001-2021 (78.5 kN/m³)."""

# --- Live loads -------------------------------------------------------------------


@dataclass(frozen=True)
class LiveLoad:
    """A floor live load with the clause it comes from."""

    load_pa: float
    clause: str


_GB55001 = "GB 55001-2021 Table 4.2.2"
_ASCE7 = "ASCE 7-22 Table 4.3-1 (secondary)"
_EN1991 = "EN 1991-1-1 Table 6.2, recommended value (secondary)"

LIVE_LOADS: dict[str, dict[str, LiveLoad]] = {
    "gb50011": {
        "residential": LiveLoad(2.0e3, _GB55001),
        "hotel": LiveLoad(2.0e3, _GB55001),
        "dormitory": LiveLoad(2.0e3, _GB55001),
        "hospital": LiveLoad(2.0e3, _GB55001 + " (ward)"),
        "office": LiveLoad(2.5e3, _GB55001),
        "school": LiveLoad(2.5e3, _GB55001 + " (classroom)"),
        "restaurant": LiveLoad(3.0e3, _GB55001),
        "laboratory": LiveLoad(3.0e3, _GB55001),
        "library": LiveLoad(3.0e3, _GB55001 + " (reading room)"),
        "assembly": LiveLoad(3.5e3, _GB55001 + " (auditorium, fixed seats)"),
        "retail": LiveLoad(4.0e3, _GB55001 + " (shop, exhibition)"),
        "gym": LiveLoad(4.5e3, _GB55001),
        "storage": LiveLoad(5.0e3, _GB55001 + " (stacks, archives, storerooms)"),
    },
    "asce7": {
        "residential": LiveLoad(1.92e3, _ASCE7 + ": 40 psf"),
        "hotel": LiveLoad(1.92e3, _ASCE7 + ": 40 psf"),
        "dormitory": LiveLoad(1.92e3, _ASCE7 + ": 40 psf"),
        "hospital": LiveLoad(1.92e3, _ASCE7 + ": patient rooms 40 psf"),
        "office": LiveLoad(2.40e3, _ASCE7 + ": 50 psf"),
        "school": LiveLoad(1.92e3, _ASCE7 + ": classrooms 40 psf"),
        "restaurant": LiveLoad(4.79e3, _ASCE7 + ": 100 psf"),
        "laboratory": LiveLoad(2.87e3, _ASCE7 + ": 60 psf"),
        "library": LiveLoad(2.87e3, _ASCE7 + ": reading rooms 60 psf"),
        "assembly": LiveLoad(2.87e3, _ASCE7 + ": fixed seats 60 psf"),
        "retail": LiveLoad(4.79e3, _ASCE7 + ": first floor 100 psf"),
        "gym": LiveLoad(4.79e3, _ASCE7 + ": 100 psf"),
        "storage": LiveLoad(6.0e3, _ASCE7 + ": light storage warehouses 125 psf"),
    },
    "en1998": {
        "residential": LiveLoad(2.0e3, _EN1991 + ": category A"),
        "hotel": LiveLoad(2.0e3, _EN1991 + ": category A"),
        "dormitory": LiveLoad(2.0e3, _EN1991 + ": category A"),
        "hospital": LiveLoad(2.0e3, _EN1991 + ": category A (wards)"),
        "office": LiveLoad(3.0e3, _EN1991 + ": category B"),
        "school": LiveLoad(3.0e3, _EN1991 + ": category C1"),
        "restaurant": LiveLoad(3.0e3, _EN1991 + ": category C1"),
        "laboratory": LiveLoad(3.0e3, _EN1991 + ": category B"),
        "library": LiveLoad(4.0e3, _EN1991 + ": category C3"),
        "assembly": LiveLoad(4.0e3, _EN1991 + ": category C2"),
        "retail": LiveLoad(5.0e3, _EN1991 + ": category D2"),
        "gym": LiveLoad(5.0e3, _EN1991 + ": category C4"),
        "storage": LiveLoad(7.5e3, "EN 1991-1-1 Table 6.4, recommended value (secondary): category E1"),
    },
}
"""Floor live loads, Pa, by seismic code family (the live-load code that goes with it) and occupancy."""

OCCUPANCIES: tuple[str, ...] = tuple(LIVE_LOADS["gb50011"])


@dataclass(frozen=True)
class MassFactor:
    """Fraction of the floor live load included in the seismic mass."""

    factor: float
    clause: str


def live_load_mass_factor(code: str, occupancy: str) -> MassFactor:
    """Combination factor ψ for live load in the seismic mass, by the code in use.

    >>> live_load_mass_factor("gb50011", "office").factor
    0.5
    """
    if code == "gb50011":
        if occupancy == "storage":
            return MassFactor(0.8, "GB 50011-2010 5.1.3, Table 5.1.3: stacks and archives, dead + 0.8 floor live")
        return MassFactor(0.5, "GB 50011-2010 5.1.3: gravity representative value = dead + 0.5 floor live")
    if code == "asce7":
        # Only storage live load enters the effective seismic weight (25 %).
        if occupancy == "storage":
            return MassFactor(0.25, "ASCE 7-22 12.7.2 item 1: 25 % of the floor live load in areas used for storage")
        return MassFactor(0.0, "ASCE 7-22 12.7.2: effective seismic weight excludes floor live load except storage")
    # EN 1998-1 3.2.4(2), 4.2.4 Table 4.2: psi_E = phi * psi_2; phi = 0.5 for independently occupied
    # storeys of categories A-C, 1.0 for categories D-F (shopping, storage).
    psi2 = {"office": 0.3, "residential": 0.3, "hotel": 0.3, "dormitory": 0.3, "hospital": 0.3,
            "school": 0.6, "restaurant": 0.6, "laboratory": 0.3, "library": 0.6, "assembly": 0.6,
            "retail": 0.6, "gym": 0.6, "storage": 0.8}[occupancy]
    phi, category = {"retail": (1.0, "category D"), "storage": (1.0, "category E")}.get(occupancy, (0.5, "categories A-C"))
    return MassFactor(phi * psi2, f"EN 1998-1 4.2.4 Table 4.2 and EN 1990 Table A1.1: psi_E = phi x psi_2 = "
                                  f"{phi:g} x {psi2} ({category}; secondary)")


# --- Moment frame coefficients: ASCE 7 R and Cd, EN 1998 q ------------------------------

ASCE7_MOMENT_FRAMES: dict[tuple[str, str], tuple[float, float, str]] = {
    ("steel_frame", "special"): (8.0, 5.5, "C.1 steel special moment frame"),
    ("steel_frame", "intermediate"): (4.5, 4.0, "C.3 steel intermediate moment frame"),
    ("steel_frame", "ordinary"): (3.5, 3.0, "C.4 steel ordinary moment frame"),
    ("rc_frame", "special"): (8.0, 5.5, "C.5 RC special moment frame"),
    ("rc_frame", "intermediate"): (5.0, 4.5, "C.6 RC intermediate moment frame"),
    ("rc_frame", "ordinary"): (3.0, 2.5, "C.7 RC ordinary moment frame"),
}
"""(R, Cd, line) of moment frames, ASCE 7-22 Table 12.2-1, by system and detailing (secondary)."""


_NL, _NP = None, 0.0
ASCE7_FRAME_HEIGHT_LIMITS_FT: dict[tuple[str, str], dict[str, float | None]] = {
    ("steel_frame", "intermediate"): {"B": _NL, "C": _NL, "D": 35.0, "E": _NP, "F": _NP},
    ("steel_frame", "ordinary"): {"B": _NL, "C": _NL, "D": _NP, "E": _NP, "F": _NP},
    ("rc_frame", "intermediate"): {"B": _NL, "C": _NL, "D": _NP, "E": _NP, "F": _NP},
    ("rc_frame", "ordinary"): {"B": _NL, "C": _NP, "D": _NP, "E": _NP, "F": _NP},
}
"""Height limits of moment frames by seismic design category, ft, ASCE 7-22 Table 12.2-1 (secondary): None not
limited, 0 not permitted; special moment frames are not limited in any category, and SDC A has no limits (11.7).
The exceptions of 12.2.5.6 and 12.2.5.7 (single-story and light frames) are not considered."""


def asce7_importance_factor(risk_category: str | None) -> float:
    """Seismic importance factor Ie, ASCE 7-22 Table 1.5-2: I/II 1.0, III 1.25, IV 1.5.

    >>> asce7_importance_factor("III")
    1.25
    """
    return {"III": 1.25, "IV": 1.5}.get(risk_category or "II", 1.0)


def asce7_frame_coefficients(system: str, frame_type: str | None) -> tuple[float, float, str]:
    """(R, Cd, Table 12.2-1 line) of a moment frame; a shear building is taken as a special moment frame.

    >>> asce7_frame_coefficients("steel_frame", "ordinary")
    (3.5, 3.0, 'C.4 steel ordinary moment frame')
    """
    kind = frame_type or "special"
    if system == "shear_building":
        r, cd, _ = ASCE7_MOMENT_FRAMES[("rc_frame", kind)]
        return r, cd, f"{kind} moment frame (a shear building taken as one)"
    return ASCE7_MOMENT_FRAMES[(system, kind)]


def en1998_alpha_ratio(stories: int, bays: int) -> tuple[float, str]:
    """αu/α1 of a moment frame, EN 1998-1 5.2.2.2(5) (RC) and 6.3.2(3) (steel): 1.1 one storey,
    1.2 multi-storey one bay, 1.3 multi-storey multi-bay.

    >>> en1998_alpha_ratio(1, 3), en1998_alpha_ratio(5, 1)[0]
    ((1.1, 'one-storey frame au/a1 = 1.1'), 1.2)
    """
    if stories <= 1:
        return 1.1, "one-storey frame au/a1 = 1.1"
    if bays <= 1:
        return 1.2, "multi-storey one-bay frame au/a1 = 1.2"
    return 1.3, "multi-storey multi-bay frame au/a1 = 1.3"


def en1998_q_clause(system: str, ductility: str | None) -> str:
    """Where EN 1998-1 gives the behaviour factor of the system and ductility class (None: DCM).

    >>> en1998_q_clause("steel_frame", "DCH"), en1998_q_clause("rc_frame", "DCL")
    ('EN 1998-1 6.3.2, Table 6.2', 'EN 1998-1 5.3, Table 6.1')
    """
    if ductility == "DCL":
        return "EN 1998-1 5.3, Table 6.1"
    return "EN 1998-1 6.3.2, Table 6.2" if system == "steel_frame" else "EN 1998-1 5.2.2.2, Table 5.1"


def en1998_behaviour_factor(system: str, ductility: str = "DCM", *, stories: int = 2, bays: int = 2) -> tuple[float, str]:
    """Behaviour factor q of a moment frame with its clause, EN 1998-1 (secondary).

    RC frame: q0 = 3.0·αu/α1 (DCM) or 4.5·αu/α1 (DCH), Table 5.1, regular in elevation (kw = 1
    for frames, 5.2.2.2(11)); steel moment frame: q = 4 (DCM) or 5·αu/α1 (DCH), Table 6.2; either
    of low ductility (DCL): 1.5. A shear building is taken as a multi-bay RC frame.

    >>> en1998_behaviour_factor("rc_frame")[0], en1998_behaviour_factor("rc_frame", stories=1)[0]
    (3.9, 3.3)
    >>> round(en1998_behaviour_factor("steel_frame", "DCH", stories=5, bays=1)[0], 3)
    6.0
    """
    if ductility == "DCL":
        return 1.5, ("EN 1998-1 5.3 (concrete) and 6.1.2, Table 6.1 (steel): low ductility class DCL, q = 1.5 "
                     "(low-seismicity cases only)")
    ratio, why = en1998_alpha_ratio(stories, bays) if system != "shear_building" else (1.3, "taken as a multi-bay frame")
    if system == "steel_frame":
        if ductility == "DCH":
            return 5.0 * ratio, f"EN 1998-1 Table 6.2, 6.3.2(3): steel moment frame DCH q = 5 au/a1, {why}"
        return 4.0, "EN 1998-1 Table 6.2: steel moment frame DCM q = 4"
    base = 4.5 if ductility == "DCH" else 3.0
    return (round(base * ratio, 6), f"EN 1998-1 Table 5.1, 5.2.2.2(5): RC frame {ductility} q = {base:g} au/a1, {why}")


# --- GB 50011 seismic parameters ---------------------------------------------------

GB_INTENSITY_PGA_G: dict[int, tuple[float, ...]] = {6: (0.05,), 7: (0.10, 0.15), 8: (0.20, 0.30), 9: (0.40,)}
"""Design basic acceleration by fortification intensity, g, GB 50011-2010 Table 3.2.2."""

GB_ALPHA_MAX: dict[float, dict[str, float]] = {
    0.05: {"frequent": 0.04, "fortification": 0.12, "rare": 0.28},
    0.10: {"frequent": 0.08, "fortification": 0.23, "rare": 0.50},
    0.15: {"frequent": 0.12, "fortification": 0.34, "rare": 0.72},
    0.20: {"frequent": 0.16, "fortification": 0.45, "rare": 0.90},
    0.30: {"frequent": 0.24, "fortification": 0.68, "rare": 1.20},
    0.40: {"frequent": 0.32, "fortification": 0.90, "rare": 1.40},
}
"""Maximum horizontal seismic influence coefficient αmax by design acceleration, GB 50011-2010 Table 5.1.4-1 (secondary)."""

GB_SITE_CLASSES: tuple[str, ...] = ("I0", "I1", "II", "III", "IV")

GB_TG_S: dict[int, dict[str, float]] = {
    1: {"I0": 0.20, "I1": 0.25, "II": 0.35, "III": 0.45, "IV": 0.65},
    2: {"I0": 0.25, "I1": 0.30, "II": 0.40, "III": 0.55, "IV": 0.75},
    3: {"I0": 0.30, "I1": 0.35, "II": 0.45, "III": 0.65, "IV": 0.90},
}
"""Characteristic period Tg, s, by design group and site class, GB 50011-2010 Table 5.1.4-2 (secondary)."""


def gb_damping_factors(damping_ratio: float) -> tuple[float, float, float]:
    """(γ, η1, η2) of the spectrum for a damping ratio, GB 50011-2010 5.1.5 (Eq. 5.1.5-1 to -3).

    >>> gb_damping_factors(0.05)
    (0.9, 0.02, 1.0)
    """
    zeta = damping_ratio
    gamma = 0.9 + (0.05 - zeta) / (0.3 + 6 * zeta)
    eta1 = max(0.0, 0.02 + (0.05 - zeta) / (4 + 32 * zeta))
    eta2 = max(0.55, 1 + (0.05 - zeta) / (0.08 + 1.6 * zeta))
    return gamma, eta1, eta2


def gb_spectrum_alpha(period_s: float, alpha_max: float, tg_s: float, damping_ratio: float = 0.05) -> float:
    """Seismic influence coefficient α(T), GB 50011-2010 5.1.5 (Figure 5.1.5).

    >>> round(gb_spectrum_alpha(0.3, 0.16, 0.35), 3)
    0.16
    """
    gamma, eta1, eta2 = gb_damping_factors(damping_ratio)
    t = period_s
    if t < 0.1:
        return alpha_max * (0.45 + (eta2 - 0.45) * t / 0.1)
    if t <= tg_s:
        return eta2 * alpha_max
    if t <= 5 * tg_s:
        return (tg_s / t) ** gamma * eta2 * alpha_max
    return max(0.0, (eta2 * 0.2**gamma - eta1 * (t - 5 * tg_s)) * alpha_max)


GB_MIN_SHEAR_SHORT: dict[float, float] = {0.05: 0.008, 0.10: 0.016, 0.15: 0.024, 0.20: 0.032, 0.30: 0.048, 0.40: 0.064}
"""Minimum seismic shear coefficient λ by design basic acceleration (g), structures with T1 < 3.5 s,
GB 50011-2010 (2016) Table 5.2.5; for T1 > 5.0 s the table gives 3/4 of these, linear in between."""


def gb_min_shear_coefficient(period_s: float, pga_g: float) -> float:
    """λ of GB 50011-2010 Table 5.2.5: V_Eki ≥ λ·ΣG_j over the floors above story i.

    >>> gb_min_shear_coefficient(1.0, 0.20), gb_min_shear_coefficient(6.0, 0.20), round(gb_min_shear_coefficient(4.25, 0.20), 4)
    (0.032, 0.024, 0.028)
    """
    short = min(GB_MIN_SHEAR_SHORT.items(), key=lambda kv: abs(kv[0] - pga_g))[1]
    if period_s <= 3.5:
        return short
    if period_s >= 5.0:
        return 0.75 * short
    return short * (1.0 - 0.25 * (period_s - 3.5) / 1.5)


def gb_top_additional_factor(period_s: float, tg_s: float) -> float:
    """Top additional seismic action factor δn, GB 50011-2010 Table 5.2.1 (RC and steel frames)."""
    if period_s <= 1.4 * tg_s:
        return 0.0
    return 0.08 * period_s + gb_top_additional_offset(tg_s)


def gb_top_additional_offset(tg_s: float) -> float:
    """The constant of δn = 0.08·T1 + c, GB 50011-2010 Table 5.2.1: 0.07 (Tg ≤ 0.35 s), 0.01 (≤ 0.55 s), −0.02."""
    if tg_s <= 0.35:
        return 0.07
    if tg_s <= 0.55:
        return 0.01
    return -0.02


# --- Approximate periods ---------------------------------------------------------


@dataclass(frozen=True)
class PeriodBand:
    """An empirical fundamental period (s) with its band and the clause."""

    nominal_s: float
    low_s: float
    high_s: float
    clause: str


def asce7_cu(sd1_g: float) -> float:
    """Coefficient for the upper limit on the calculated period Cu, ASCE 7 Table 12.8-1 (interpolated)."""
    points = [(0.1, 1.7), (0.15, 1.6), (0.2, 1.5), (0.3, 1.4), (0.4, 1.4)]
    if sd1_g <= points[0][0]:
        return points[0][1]
    if sd1_g >= points[-1][0]:
        return points[-1][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 <= sd1_g <= x1:
            return y0 + (y1 - y0) * (sd1_g - x0) / (x1 - x0)
    raise AssertionError("unreachable")


def empirical_period(
    code: str, system: str, height_m: float, stories: int, plan_width_m: float | None, sd1_g: float | None = None
) -> PeriodBand:
    """Empirical fundamental period of a moment frame by the code's formula.

    GB 50009-2012 Appendix F.2: RC frame T1 = 0.25 + 0.53e-3 H²/∛B, band (0.05–0.10)·n;
    steel frame (0.10–0.15)·n. ASCE 7 12.8.2.1: Ta = Ct·hn^x, band Ta..Cu·Ta.
    EN 1998-1 4.3.3.2.2(3): T1 = Ct·H^(3/4), H ≤ 40 m.

    >>> round(empirical_period("asce7", "rc_frame", 17.5, 5, 18.0, 0.3).nominal_s, 3)
    0.613
    """
    if code == "gb50011":
        if system == "steel_frame":
            return PeriodBand(0.125 * stories, 0.10 * stories, 0.15 * stories, "GB 50009-2012 App. F.2.1: steel frame T1 = (0.10-0.15) n")
        b = plan_width_m if plan_width_m and plan_width_m > 0 else height_m
        nominal = 0.25 + 0.53e-3 * height_m**2 / b ** (1 / 3)
        low, high = 0.05 * stories, 0.10 * stories
        return PeriodBand(nominal, min(low, nominal), max(high, nominal),
                          "GB 50009-2012 App. F.2.2: RC frame T1 = 0.25 + 0.53e-3 H^2 / B^(1/3); F.2.1: (0.05-0.10) n")
    if code == "asce7":  # Table 12.8-2; a shear building's system is unknown: "all other structural systems"
        ct, x = {"steel_frame": (0.0724, 0.8), "rc_frame": (0.0466, 0.9)}.get(system, (0.0488, 0.75))
        ta = ct * height_m**x
        cu = asce7_cu(sd1_g if sd1_g is not None else 0.4)
        return PeriodBand(ta, ta, cu * ta, f"ASCE 7-22 Eq. 12.8-7: Ta = {ct} hn^{x} (m); Table 12.8-1: Cu = {cu:.2f}")
    ct = {"steel_frame": 0.085, "rc_frame": 0.075}.get(system, 0.050)  # 0.050: all other structures
    t1 = ct * height_m**0.75
    return PeriodBand(t1, t1, 2.0 * t1 if height_m <= 40 else 2.5 * t1,
                      f"EN 1998-1 4.3.3.2.2(3): T1 = {ct} H^(3/4) (secondary)")


EN1998_IMPORTANCE_FACTOR = {"I": 0.8, "II": 1.0, "III": 1.2, "IV": 1.4}
"""Importance factor γI by importance class, EN 1998-1 4.2.5(5) recommended values (ag = γI·agR)."""

PERIOD_REDUCTION_GB = (0.6, 0.7)
"""Period reduction coefficient ψT for RC frames with masonry infill, JGJ 3-2010 4.3.17."""


def gb_period_reduction(system: str) -> tuple[float, str]:
    """ψT by which Chinese practice multiplies the computed period before the spectrum, and why.

    The bare-frame model leaves out the infill walls that stiffen real frames; JGJ 3-2010
    4.3.17 gives 0.6-0.7 for RC frames with masonry infill (the upper value is taken), and
    0.9 is the practice for steel frames. A shear building's story stiffnesses are the
    structure's own, so its period is not reduced.

    >>> gb_period_reduction("rc_frame")[0], gb_period_reduction("shear_building")[0]
    (0.7, 1.0)
    """
    if system == "rc_frame":
        low, high = PERIOD_REDUCTION_GB
        return high, f"ψT = {high:g}, JGJ 3-2010 4.3.17 (RC frames with masonry infill: {low:g}-{high:g})"
    if system == "steel_frame":
        return 0.9, "ψT = 0.9, the practice for steel frames (infill stiffens them less)"
    return 1.0, "ψT = 1 for a shear building (its story stiffnesses are the structure's)"

# --- Drift limits ------------------------------------------------------------------


@dataclass(frozen=True)
class DriftLimit:
    """An allowable story drift ratio with the clause it comes from."""

    ratio: float
    clause: str


@dataclass(frozen=True)
class StabilityLimit:
    """The story stability coefficient θ = P Δ / (V h) the code allows, and how second-order effects are taken.

    ``neglect``: up to it P-Delta may be left out; to ``amplify`` the first-order drifts are multiplied by
    1/(1 - θ); beyond ``amplify`` (to ``maximum``) a second-order analysis is needed, beyond ``maximum`` the
    structure is to be redesigned. Δ is the code's design drift (ASCE 7: Δ Ie / Cd, so the elastic drift
    under the forces, EN 1998: q de, GB 50011: the elastic drift), P the weight at and above the story.
    """

    neglect: float
    amplify: float
    maximum: float
    clause: str

    def drift(self, ratio: float, theta: float) -> float:
        """A story's drift ratio as the stability clause takes it: times 1/(1 - θ) past ``neglect`` (θ < 1)."""
        return abs(ratio) / (1.0 - theta) if self.neglect < theta < 1.0 else abs(ratio)


def stability_limit(code: str, system: str, frame_type: str | None = None) -> StabilityLimit:
    """θ limits by code.

    >>> stability_limit("asce7", "rc_frame").maximum  # 0.5 / (beta Cd), beta = 1, Cd = 5.5
    0.09090909090909091
    >>> stability_limit("en1998", "steel_frame").amplify, stability_limit("gb50011", "rc_frame").maximum
    (0.2, 0.1)
    """
    if code == "asce7":
        _, cd, frame = asce7_frame_coefficients(system, frame_type)
        theta_max = min(0.25, 0.5 / cd)
        return StabilityLimit(neglect=0.10, amplify=theta_max, maximum=theta_max,
                              clause=f"ASCE 7-22 12.8.7: theta = Px Delta Ie / (Vx hsx Cd) (Eq. 12.8-16) <= 0.10 may "
                                     f"neglect P-delta, else x 1/(1 - theta); theta_max = 0.5 / (beta Cd) <= 0.25 "
                                     f"(Eq. 12.8-17, beta = 1 taken, Cd = {cd:g}, {frame})")
    if code == "en1998":
        return StabilityLimit(neglect=0.10, amplify=0.20, maximum=0.30,
                              clause="EN 1998-1 4.4.2.2(2)-(4): theta = Ptot dr / (Vtot h) <= 0.10 may neglect "
                                     "second-order effects, 0.1-0.2 x 1/(1 - theta), never above 0.3")
    return StabilityLimit(neglect=0.10, amplify=0.10, maximum=0.10,
                          clause="GB 50011-2010 3.6.3 (gravity second-order moment above 10 % of the first-order "
                                 "one is to be included) and JGJ 3-2010 5.4.4 (frames: Di hi / sum Gj >= 10, i.e. "
                                 "theta <= 0.1; Gj here the representative weights, not the design values)")


def drift_limit(code: str, system: str, stories: int, risk_category: str | None = None,
                importance_class: str | None = None) -> DriftLimit:
    """Allowable story drift ratio for the frequent (serviceability) earthquake or design drift.

    >>> drift_limit("gb50011", "rc_frame", 5).ratio == 1 / 550
    True
    """
    if code == "gb50011":
        if system == "steel_frame":
            return DriftLimit(1 / 250, "GB 50011-2010 Table 5.5.1: multi- and high-rise steel 1/250")
        return DriftLimit(1 / 550, "GB 50011-2010 Table 5.5.1: RC frame 1/550")
    if code == "asce7":
        rc = risk_category or "II"
        if rc in ("I", "II"):
            return DriftLimit(0.020, "ASCE 7-22 Table 12.12-1: risk category I/II 0.020 hsx")
        if rc == "III":
            return DriftLimit(0.015, "ASCE 7-22 Table 12.12-1: risk category III 0.015 hsx")
        return DriftLimit(0.010, "ASCE 7-22 Table 12.12-1: risk category IV 0.010 hsx")
    nu = 0.4 if importance_class in ("III", "IV") else 0.5
    return DriftLimit(0.0075 / nu, f"EN 1998-1 4.4.3.2(1)b: dr nu <= 0.0075 h, nu = {nu} (ductile nonstructural, secondary)")


GB_MAX_HEIGHT_M: dict[str, dict[float, float]] = {
    # *secondary*: keyed by the design basic acceleration (g), which names the intensity (Table 3.2.2)
    "rc_frame": {0.05: 60.0, 0.10: 50.0, 0.15: 50.0, 0.20: 40.0, 0.30: 35.0, 0.40: 24.0},
    "steel_frame": {0.05: 110.0, 0.10: 110.0, 0.15: 90.0, 0.20: 90.0, 0.30: 70.0, 0.40: 50.0},
}
"""Largest height of a building of the system, m: GB 50011-2010 (2016) Table 6.1.1 (RC frames) and
Table 8.1.1 (steel frames); above it the building is out of the code's range (超限, special review)."""


def gb_max_height(system: str, pga_g: float) -> tuple[float, str] | None:
    """(largest height in m, clause) of a GB 50011 frame at this design basic acceleration; None
    for a system the tables do not cover (a shear building).

    >>> gb_max_height("rc_frame", 0.2)
    (40.0, 'GB 50011-2010 Table 6.1.1: RC frames at 0.2g, 40 m (secondary)')
    """
    table = GB_MAX_HEIGHT_M.get(system)
    if table is None:
        return None
    key = min(table, key=lambda a: abs(a - pga_g))
    clause = "Table 6.1.1: RC frames" if system == "rc_frame" else "Table 8.1.1: steel frames"
    return table[key], f"GB 50011-2010 {clause} at {key:g}g, {table[key]:g} m (secondary)"


def ec_of_grade(grade: str) -> float:
    """Concrete E in Pa for a GB 50010 grade such as 'C30' (Ec, Table 4.1.5) or an EN 1992 grade such
    as 'C30/37' (Ecm, Table 3.1)."""
    if grade in CONCRETE_ECM_EN1992_MPA:
        return CONCRETE_ECM_EN1992_MPA[grade] * 1e6
    return CONCRETE_EC_GB50010_MPA[grade] * 1e6


def en1992_grade(grade: str) -> str | None:
    """The EN 1992 grade named by 'C30/37', or by its cylinder strength alone ('C30'); None if none.

    >>> en1992_grade("C30"), en1992_grade("C30/37"), en1992_grade("C90")
    ('C30/37', 'C30/37', None)
    """
    if grade in CONCRETE_ECM_EN1992_MPA:
        return grade
    return next((g for g in CONCRETE_ECM_EN1992_MPA if g.split("/")[0] == grade), None)


def en1992_ecm_pa(fck_pa: float) -> float:
    """Ecm of concrete with characteristic cylinder strength fck, Pa: EN 1992-1-1:2004 Table 3.1,
    Ecm = 22 (fcm/10)^0.3 GPa with fcm = fck + 8 MPa (the table's values are this, rounded).

    >>> round(en1992_ecm_pa(30e6) / 1e9, 2)
    32.84
    """
    return 22e9 * ((fck_pa / 1e6 + 8.0) / 10.0) ** 0.3


def aci_ec_pa(fc_pa: float) -> float:
    """Ec of normal-weight concrete, Pa: ACI 318-19 19.2.2.1(b), Ec = 57,000 sqrt(f'c) psi
    (4,700 sqrt(f'c) MPa).

    >>> round(aci_ec_pa(4000 * 6894.757) / 1e9, 2)
    24.86
    """
    return 57000.0 * math.sqrt(fc_pa / PA_PER_PSI) * PA_PER_PSI
