"""Equivalent lateral force (ELF) method by GB 50011, ASCE 7 and EN 1998: pure functions.

``lateral_forces`` turns a fundamental period and the floor weights into a base shear,
its distribution over the floors and the factor that turns an elastic drift into the
design drift the code's limit is compared with. SI units (N, m, s). Values marked
*secondary* come from third-party transcriptions of the codes (``shared/reference/design-codes.md``).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from . import codes
from .spec import SeismicInput

__all__ = [
    "ASCE7_SMF_CD",
    "ASCE7_SMF_R",
    "EN1998_GROUND_TYPE1",
    "LateralLoad",
    "asce7_base_shear_coefficient",
    "asce7_importance_factor",
    "asce7_vertical_exponent",
    "en1998_behaviour_factor",
    "en1998_design_spectrum",
    "gb_base_shear",
    "lateral_forces",
]


class LateralLoad(BaseModel):
    """Lateral design forces on the floors by the equivalent lateral force method."""

    code: str = Field(description="gb50011 | asce7 | en1998")
    period_s: float = Field(description="period the forces are computed at (for drift: ASCE 7 without the Cu·Ta "
                                        "cap; GB 50011 reads its spectrum at ψT times it), s")
    base_shear_coefficient: float = Field(description="base shear / total floor weight (α1·0.85, Cs, Sd·λ/g)")
    base_shear_n: float = Field(description="total lateral force at the base, N")
    story_forces_n: list[float] = Field(description="lateral force applied at each floor, bottom up, N")
    amplification: float = Field(description="factor on elastic drift giving the design drift (GB 1, ASCE Cd/Ie, EN q)")
    clause: str = Field(description="code clauses the numbers come from")
    note: str = Field("", description="what was assumed or left out")


# --- GB 50011-2010 (2016) ------------------------------------------------------------


def gb_base_shear(period_s: float, seismic: SeismicInput, total_weight_n: float, floors: int) -> tuple[float, float]:
    """(α1, FEk): GB 50011-2010 5.2.1, FEk = α1·Geq, Geq = 0.85·ΣG for more than one floor.

    α1 from the spectrum of 5.1.5 with αmax of the frequent earthquake (Table 5.1.4-1).

    >>> s = SeismicInput(code="gb50011", intensity=8, pga_g=0.2, site_class="II", design_group=1)
    >>> a1, fek = gb_base_shear(1.0, s, 1.0e6, 5)
    >>> round(a1, 5), round(fek)
    (0.0622, 52869)
    """
    alpha1 = codes.gb_spectrum_alpha(period_s, seismic.alpha_max, seismic.tg_s, seismic.damping_ratio)
    geq = (0.85 if floors > 1 else 1.0) * total_weight_n
    return alpha1, alpha1 * geq


def _gb(seismic: SeismicInput, system: str, bare_period_s: float, weights: list[float], levels: list[float]) -> LateralLoad:
    psi, why = codes.gb_period_reduction(system)
    period_s = psi * bare_period_s  # the period the spectrum is read at (design-codes.md: "report both")
    total = sum(weights)
    alpha1, fek = gb_base_shear(period_s, seismic, total, len(weights))
    delta_n = codes.gb_top_additional_factor(period_s, seismic.tg_s) if len(weights) > 1 else 0.0
    gh = [w * h for w, h in zip(weights, levels)]
    sum_gh = sum(gh)
    forces = [g / sum_gh * fek * (1 - delta_n) for g in gh]
    forces[-1] += delta_n * fek  # ΔFn = δn·FEk at the top (5.2.1-3, -4)
    # 5.2.5: every story's shear at least λ times the weight above it (long periods, where
    # the spectrum of 5.1.5 falls towards zero); the forces are scaled up as a whole.
    lam = codes.gb_min_shear_coefficient(period_s, seismic.pga_g or 0.10)
    shears = [sum(forces[i:]) for i in range(len(forces))]
    required = [lam * sum(weights[i:]) for i in range(len(weights))]
    scale = max(1.0, *(r / v for r, v in zip(required, shears) if v > 0)) if any(v > 0 for v in shears) else 1.0
    if not any(v > 0 for v in shears):  # α1 = 0 past 6 s: the minimum shear alone, distributed as 5.2.1
        forces, scale = [g / sum_gh * lam * total for g in gh], 1.0
    forces = [f * scale for f in forces]
    base_shear = sum(forces)
    return LateralLoad(
        code="gb50011", period_s=period_s, base_shear_coefficient=base_shear / total, base_shear_n=base_shear,
        story_forces_n=forces, amplification=1.0,
        clause=(f"GB 50011-2010 5.2.1 (FEk = α1·Geq, Geq = {'0.85 ΣG' if len(weights) > 1 else 'ΣG for one floor'}; "
                "Fi = GiHi/ΣGjHj·FEk(1-δn); "
                "δn Table 5.2.1), α1 by 5.1.5 with frequent-earthquake αmax Table 5.1.4-1 (secondary); "
                "minimum story shear λ·ΣG 5.2.5; drift elastic, Table 5.5.1"),
        note=(f"T1 = {bare_period_s:.4f} s reduced by {why}: spectrum at {period_s:.4f} s; "
              f"alpha_max = {seismic.alpha_max:g}, Tg = {seismic.tg_s:g} s, alpha1 = {alpha1:.5f}, "
              f"delta_n = {delta_n:.4f}, lambda = {lam:g}"
              + (f", forces scaled x{scale:.3f} to the minimum shear" if scale > 1.0 else "")
              + (f"; T = {period_s:.2f} s is past 6 s, where the spectrum of 5.1.5 ends: alpha1 continues its straight "
                 "line, an estimate (a longer period needs a special study)" if period_s > 6.0 else "")),
    )


# --- ASCE 7-22 -------------------------------------------------------------------------

ASCE7_SMF_R = 8.0
"""Response modification coefficient R, special moment frames of steel or RC, ASCE 7-22 Table 12.2-1 (C.1, C.5)."""
ASCE7_SMF_CD = 5.5
"""Deflection amplification factor Cd, special moment frames, ASCE 7-22 Table 12.2-1."""


asce7_importance_factor = codes.asce7_importance_factor


def asce7_base_shear_coefficient(sds_g: float, sd1_g: float, period_s: float, r: float, ie: float, *,
                                 minimum: bool = True, s1_g: float | None = None, tl_s: float | None = None) -> float:
    """Seismic response coefficient Cs, ASCE 7-22 12.8.1.1 (Eq. 12.8-2 to -6).

    Cs = SDS/(R/Ie), not above SD1/(T·R/Ie) (T ≤ TL) or SD1·TL/(T²·R/Ie) (T > TL, Eq. 12.8-4,
    where TL is given), not below max(0.044·SDS·Ie, 0.01) (Eq. 12.8-5), and where S1 ≥ 0.6 g not
    below 0.5·S1/(R/Ie) (Eq. 12.8-6). ``minimum=False`` leaves Eq. 12.8-5 out, as 12.8.6.1
    permits for the forces that drift is computed under; Eq. 12.8-6 stays.

    >>> round(asce7_base_shear_coefficient(1.0, 0.6, 1.0, 8.0, 1.0), 4)
    0.075
    >>> round(asce7_base_shear_coefficient(1.0, 0.6, 20.0, 8.0, 1.0), 4), round(asce7_base_shear_coefficient(1.0, 0.6, 20.0, 8.0, 1.0, minimum=False), 5)
    (0.044, 0.00375)
    >>> round(asce7_base_shear_coefficient(1.0, 0.6, 20.0, 8.0, 1.0, minimum=False, s1_g=0.6), 4)
    0.0375
    """
    cs = sds_g / (r / ie)
    cs = min(cs, sd1_g / (period_s * r / ie))
    if tl_s is not None and period_s > tl_s:
        cs = min(cs, sd1_g * tl_s / (period_s**2 * r / ie))
    if s1_g is not None and s1_g >= 0.6:
        cs = max(cs, 0.5 * s1_g / (r / ie))
    return max(cs, 0.044 * sds_g * ie, 0.01) if minimum else cs


def asce7_vertical_exponent(period_s: float) -> float:
    """Distribution exponent k, ASCE 7-22 12.8.3: 1 for T ≤ 0.5 s, 2 for T ≥ 2.5 s, linear between.

    >>> asce7_vertical_exponent(1.5)
    1.5
    """
    if period_s <= 0.5:
        return 1.0
    if period_s >= 2.5:
        return 2.0
    return 1.0 + (period_s - 0.5) / 2.0


def _asce7(seismic: SeismicInput, system: str, period_s: float, weights: list[float], levels: list[float]) -> LateralLoad:
    """The forces drift is computed under: at the computed period, without the Cu·Ta cap of 12.8.2
    (12.8.6.2) and without the minimum Cs of Eq. 12.8-5 (12.8.6.1); the strength forces keep both."""
    sds, sd1 = float(seismic.sds_g or 0.0), float(seismic.sd1_g or 0.0)
    ie = asce7_importance_factor(seismic.risk_category)
    hn = levels[-1]
    band = codes.empirical_period("asce7", system, hn, len(weights), None, sd1)
    s1 = seismic.s1_g
    r, cd, frame = codes.asce7_frame_coefficients(system, seismic.frame_type)
    cs = asce7_base_shear_coefficient(sds, sd1, period_s, r, ie, minimum=False, s1_g=s1, tl_s=seismic.tl_s)
    total = sum(weights)
    v = cs * total
    k = asce7_vertical_exponent(period_s)
    whk = [w * h**k for w, h in zip(weights, levels)]
    forces = [x / sum(whk) * v for x in whk]
    strength_cs = asce7_base_shear_coefficient(sds, sd1, min(period_s, band.high_s), r, ie, s1_g=s1, tl_s=seismic.tl_s)
    note = (f"R = {r:g}, Cd = {cd:g} ({frame}), Ie = {ie:g}, "
            f"T = {period_s:.4f} s, k = {k:.3f}, Cs = {cs:.5f}: forces for drift, at the computed T without the "
            f"Cu*Ta cap ({band.high_s:.4f} s, 12.8.6.2) and without the Eq. 12.8-5 minimum (12.8.6.1); "
            f"the strength Cs would be {strength_cs:.5f}; "
            + (f"TL = {seismic.tl_s:g} s: Eq. 12.8-4 {'applied' if period_s > seismic.tl_s else 'does not apply (T <= TL)'}; "
               if seismic.tl_s is not None else "TL not given: Eq. 12.8-4 not checked; ")
            + (f"S1 = {s1:g} g: Eq. 12.8-6 {'applied' if s1 >= 0.6 else 'does not apply (S1 < 0.6 g)'}" if s1 is not None
               else "S1 not given: Eq. 12.8-6 (Cs >= 0.5 S1/(R/Ie) where S1 >= 0.6 g) not checked"))
    note += "; redundancy factor rho = 1.0 assumed (12.3.4): in SDC D-F a moment frame's drift is compared as Delta/rho (12.12.1.1)"
    return LateralLoad(
        code="asce7", period_s=period_s, base_shear_coefficient=cs, base_shear_n=v, story_forces_n=forces,
        amplification=cd / ie,
        clause=("ASCE 7-22 12.8.1 (V = Cs W), 12.8.1.1 (Cs), 12.8.3 (Cvx, k), 12.8.6.1 (no Eq. 12.8-5 minimum for "
                "drift; Eq. 12.8-6 kept), 12.8.6.2 (computed T for drift, no Cu Ta cap), Table 12.2-1 (R, Cd), Table 1.5-2 (Ie), "
                "12.8.6 (delta_x = Cd delta_xe / Ie)"),
        note=note,
    )


# --- EN 1998-1:2004 ----------------------------------------------------------------------

EN1998_GROUND_TYPE1: dict[str, tuple[float, float, float, float]] = {
    "A": (1.00, 0.15, 0.4, 2.0),
    "B": (1.20, 0.15, 0.5, 2.0),
    "C": (1.15, 0.20, 0.6, 2.0),
    "D": (1.35, 0.20, 0.8, 2.0),
    "E": (1.40, 0.15, 0.5, 2.0),
}
"""(S, TB s, TC s, TD s) of the type 1 spectrum by ground type, EN 1998-1 Table 3.2 (recommended values, secondary)."""

EN1998_BETA = 0.2
"""Lower bound factor β of the design spectrum, EN 1998-1 3.2.2.5(4) (recommended)."""


en1998_behaviour_factor = codes.en1998_behaviour_factor


def en1998_design_spectrum(period_s: float, ag_m_per_s2: float, ground_type: str, q: float) -> float:
    """Design spectrum Sd(T), type 1, EN 1998-1 3.2.2.5 (Eq. 3.13 to 3.16), m/s².

    >>> round(en1998_design_spectrum(0.5, 2.5, "C", 3.9), 4)
    1.8429
    """
    s, tb, tc, td = EN1998_GROUND_TYPE1[ground_type]
    t = period_s
    if t <= tb:
        return ag_m_per_s2 * s * (2 / 3 + t / tb * (2.5 / q - 2 / 3))
    if t <= tc:
        return ag_m_per_s2 * s * 2.5 / q
    if t <= td:
        return max(ag_m_per_s2 * s * 2.5 / q * tc / t, EN1998_BETA * ag_m_per_s2)
    return max(ag_m_per_s2 * s * 2.5 / q * tc * td / t**2, EN1998_BETA * ag_m_per_s2)


def _en1998(seismic: SeismicInput, system: str, period_s: float, weights: list[float], levels: list[float]) -> LateralLoad:
    ground = seismic.ground_type or "C"
    q, q_clause = en1998_behaviour_factor(system)
    if seismic.behaviour_factor_q is not None:  # by the ductility class and the frame's geometry (complete_spec)
        q, q_clause = seismic.behaviour_factor_q, (f"q = {seismic.behaviour_factor_q:g} "
                                                    f"({codes.en1998_q_clause(system, seismic.ductility_class)})")
    ag = seismic.pga_g * codes.G_M_PER_S2
    sd = en1998_design_spectrum(period_s, ag, ground, q)
    _, _, tc, _ = EN1998_GROUND_TYPE1[ground]
    lam = 0.85 if period_s <= 2 * tc and len(weights) > 2 else 1.0
    total = sum(weights)
    mass_kg = total / codes.G_M_PER_S2
    fb = sd * mass_kg * lam
    zm = [h * w for w, h in zip(weights, levels)]
    forces = [x / sum(zm) * fb for x in zm]
    note = (f"ag = {seismic.pga_g:g} g taken as given (gamma_I included), ground type {ground}, q = {q:g}, "
            f"Sd(T1) = {sd:.4f} m/s2, lambda = {lam:g}; design drift ds = q de (4.3.4) with qd = q; "
            "the limit dr nu <= 0.0075 h is applied through nu in codes.drift_limit (4.4.3.2)")
    if system == "shear_building":
        note += "; shear building treated as an RC frame"
    return LateralLoad(
        code="en1998", period_s=period_s, base_shear_coefficient=fb / total, base_shear_n=fb,
        story_forces_n=forces, amplification=q,
        clause=("EN 1998-1 4.3.3.2.2 (Fb = Sd(T1) m lambda, Eq. 4.5), 4.3.3.2.3 (Eq. 4.11), "
                f"3.2.2.5 (Sd, type 1, Table 3.2, beta = 0.2; secondary); {q_clause}; 4.3.4 (ds = q de)"),
        note=note,
    )


# --- Entry point -------------------------------------------------------------------------


def lateral_forces(seismic: SeismicInput, system: str, period_s: float,
                   floor_weights_n: list[float], floor_levels_m: list[float]) -> LateralLoad:
    """Equivalent lateral forces on the floors for the code named by ``seismic.code``.

    ``floor_weights_n`` are the seismic weights of the floors (bottom up), ``floor_levels_m``
    their heights above the base; ``period_s`` is the fundamental period in the direction
    considered; ``system`` is rc_frame, steel_frame or shear_building.

    >>> s = SeismicInput(code="asce7", pga_g=0.4, sds_g=1.0, sd1_g=0.6, risk_category="II")
    >>> load = lateral_forces(s, "rc_frame", 0.4, [1e6, 1e6], [3.0, 6.0])
    >>> round(load.base_shear_n), [round(f) for f in load.story_forces_n], load.amplification
    (250000, [83333, 166667], 5.5)
    """
    if len(floor_weights_n) != len(floor_levels_m) or not floor_weights_n:
        raise ValueError(f"floor_weights_n ({len(floor_weights_n)}) and floor_levels_m ({len(floor_levels_m)}) "
                         "need one value per floor, at least one floor")
    if not period_s > 0:
        raise ValueError(f"period_s = {period_s!r}: the period must be positive")
    if any(not h > 0 for h in floor_levels_m) or sum(floor_weights_n) <= 0:
        raise ValueError("floor levels must be above the base and the total weight positive")
    weights = [float(w) for w in floor_weights_n]
    levels = [float(h) for h in floor_levels_m]
    if seismic.code == "gb50011":
        return _gb(seismic, system, period_s, weights, levels)
    if seismic.code == "asce7":
        return _asce7(seismic, system, period_s, weights, levels)
    return _en1998(seismic, system, period_s, weights, levels)
