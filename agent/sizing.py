"""Preliminary sections sized for stiffness: enlarged after a run that fails for want of it, or before
the first run where a planar frame analysis predicts that failure.

Sections the description did not give are preliminary sizes (``spec.default_sections``), rules of
thumb by span and story count that know nothing of the seismic demand. ``run_spec`` and the agent
enlarge them when the model fails only for want of stiffness (``sizing_step``: the drift limit, or a
period past the code formula's band). ``presize`` makes that step before the first run: it predicts
the reference model's period and drifts with a planar frame (``planar_frame``: the model's members on
one frame line, floors rigid in their plane, solved in NumPy in about a millisecond) and enlarges the
sections by the factor ``sizing_step`` would take from the run. The run still decides: a prediction
that falls short leaves the step after the run to finish the job.
"""

from __future__ import annotations

import math

import numpy as np
from pydantic import BaseModel

from . import blas, codes
from .checks import CheckResult, accepted_period, drift_limit
from .seismic import lateral_forces
from .spec import ENLARGED, BuildingSpec, Section, Sections

MAX_SIZING_ROUNDS = 6
SIZEABLE_CHECKS = {"drift.limit", "drift.stability", "period.code_formula", "period.plausible"}
STABILITY_EXPONENT = 0.25
"""θ = P Δ / (V h) is the story's flexibility times its weight: it falls as f⁻⁴ with a uniform scale f of the
sections (the floor weights stay), so f = (θ / θ allowed)^(1/4)."""
DRIFT_EXPONENT = 0.45
"""Drift falls as f⁻⁴ where the spectrum is flat, but only as about f⁻²·² on its descending
branch (Sa ∝ T^-0.9 with T ∝ f⁻²). 1/2.2 meets the limit in one round on either branch (on
200 example buildings: 62 sized, all in one round, against 24 needing two with 1/4), at the
price of sections a little larger than needed on the flat part (drift at 0.77 of the limit
on average, against 0.84)."""
MARGIN = 1.03
"""The factor's margin over the one that just meets the limit."""
PREDICTION_TOLERANCE = 0.001
"""A predicted drift or period past its limit by less than this share is left to the run to judge: on
symmetric plans the prediction is within 0.08 % of the model. It errs low, never high, where a plan's
stiffness is off its centre of mass: the model twists, which one frame line does not see (bays of 3 and
12 m by 4, 6 and 10 m: drifts 2 % above the prediction), and the run then enlarges what it did not."""
MAX_PLANAR_DOFS = 2500
"""Beyond this many joint DOFs (vertical and rotation) on one frame line, no prediction: the dense
condensation would cost more than the run it saves (a 60-story frame of 6 bays has 840, a 150-story one of
5 bays 1,800: about 0.2 s)."""
PREDICTION_ROUNDS = 8
"""Predicted sizing steps before the first run: each is checked by predicting again (a tall frame's drift
falls more slowly with the sections than the step assumed)."""


def sizing_step(spec: BuildingSpec, result: object) -> tuple[float, str] | None:
    """(factor on every assumed section dimension for the next round, the clause it meets), or None.

    A preliminary sizing that fails only for want of stiffness is enlarged: the story drift
    above its limit, or the fundamental period longer than the code formula's accepted band
    (a bare frame far softer than buildings of its height). Lateral stiffness grows with I,
    the 4th power of a uniform scale f, so the period falls as f⁻² and the drift as f⁻⁴ to
    f⁻²·² (``DRIFT_EXPONENT``); 3 % margin. None when the sections were given, for shear
    buildings, or when anything else fails. ``result``: a RunResult (its ``failed_checks``).
    """
    failed: dict[str, CheckResult] = {c.id: c for c in getattr(result, "failed_checks", [])}
    if not assumed_sections(spec) or not failed or set(failed) - SIZEABLE_CHECKS:
        return None
    factors: list[tuple[float, str]] = []
    drift = failed.get("drift.limit")
    if drift is not None:
        if not isinstance(drift.value, (int, float)) or not isinstance(drift.limit, (int, float)) or drift.limit <= 0:
            return None
        factors.append(((drift.value / drift.limit) ** DRIFT_EXPONENT, drift.clause))
    stability = failed.get("drift.stability")
    if stability is not None:
        if not isinstance(stability.value, (int, float)) or not isinstance(stability.limit, (int, float)):
            return None
        factors.append(((max(stability.value, stability.limit) / stability.limit) ** STABILITY_EXPONENT,
                        stability.clause))  # at θ within the limit, the amplified drift failed: the least step
    for cid in ("period.code_formula", "period.plausible"):
        period = failed.get(cid)
        if period is None:
            continue
        high = _band_high(period.limit)
        if not isinstance(period.value, (int, float)) or high is None or period.value <= high:
            return None  # too stiff, or unreadable: not a sizing matter
        factors.append(((period.value / high) ** 0.5, period.clause))
    factor, clause = max(factors)
    return _bounded(factor), clause


def _bounded(factor: float) -> float:
    return min(1.5, max(1.05, MARGIN * factor))


def assumed_sections(spec: BuildingSpec) -> bool:
    """Whether autobm assumed the frame's sections (its preliminary sizes), the description giving none."""
    return spec.system != "shear_building" and bool(
        {a.field for a in spec.assumptions} & {"sections.columns", "sections.beams"})


def _band_high(limit: object) -> float | None:
    """The upper end of a 'low..high' limit."""
    try:
        return float(str(limit).split("..")[1])
    except (IndexError, ValueError):
        return None


def enlarge_default_sections(spec: BuildingSpec, factor: float, clause: str, *, how: str = "") -> BuildingSpec:
    """``spec`` with its assumed (not given) sections scaled by ``factor`` in every dimension;
    ``how`` is said after the clause in the assumptions' reason."""
    assumed = {a.field for a in spec.assumptions}
    columns, beams = spec.sections.columns, spec.sections.beams
    if "sections.columns" in assumed:
        columns = [_scaled(s, factor) for s in columns]
    if "sections.beams" in assumed:
        beams = [_scaled(s, factor) for s in beams]
    note = f"; {ENLARGED}{factor:.3g} to meet {clause}{how}"
    assumptions = [
        a.model_copy(update={"value": [s.model_dump(exclude_none=True) for s in (columns if a.field == "sections.columns" else beams)],
                             "reason": a.reason + note})
        if a.field in ("sections.columns", "sections.beams") else a
        for a in spec.assumptions]
    return spec.model_copy(update={"sections": Sections(columns=columns, beams=beams), "assumptions": assumptions})


def _scaled(section: Section, factor: float) -> Section:
    """b and h times the factor (rounded up to 10 mm); given properties: A × f², I and J × f⁴."""
    update: dict[str, float] = {}
    for name in ("b_m", "h_m"):
        value = getattr(section, name)
        if value is not None:
            update[name] = math.ceil(value * factor * 100 - 1e-9) / 100
    for name, power in (("area_m2", 2), ("inertia_m4", 4), ("inertia_weak_m4", 4), ("torsion_m4", 4)):
        value = getattr(section, name)
        if value is not None:
            update[name] = value * factor**power
    return Section.model_validate({**section.model_dump(), **update})


# --- The prediction -----------------------------------------------------------------------


class PlanarFrame(BaseModel):
    """What ``planar_frame`` predicts for one direction of the reference model."""

    direction: str
    period_s: float
    drift_ratios: list[float]
    """Story drift ratios under the code's lateral forces at ``period_s``, amplified as the check amplifies them."""
    stability: list[float]
    """Story stability coefficients θ = P Δ / (V h), as ``checks.stability_coefficients`` takes them."""


def planar_frame(spec: BuildingSpec, direction: str = "x") -> PlanarFrame | None:
    """The reference model's fundamental period and drifts along ``direction``, from one frame line.

    The reference drafter's frame lines along a direction are alike (sections vary by story only),
    and its floors move as rigid bodies (diaphragms in 3D; beams far stiffer axially than the frame
    laterally in 2D), so a symmetric plan sways as one line carrying its share of each floor's
    mass. The line is the model's own members: columns of A and I (the strong axis along X, the weak
    along Y in 3D) with the cracked-section factor, beams of I with theirs, Euler-Bernoulli
    stiffness, fixed bases, axial shortening of the columns included; beam torsion, which stiffens
    the 3D model a little, is not. Condensed to one lateral DOF a floor, it gives the period
    (eigenvalues with the floor masses) and the displacements under the forces of
    ``seismic.lateral_forces``, as inspection applies them. None for shear buildings and for lines of
    more than ``MAX_PLANAR_DOFS`` joint DOFs.
    """
    if spec.system == "shear_building" or spec.sections is None or spec.material is None:
        return None
    bays = spec.bay_widths_x_m if direction == "x" else spec.bay_widths_y_m
    n, columns = spec.stories, len(bays) + 1
    if not bays or 2 * n * columns > MAX_PLANAR_DOFS:
        return None
    lines = len(spec.bay_widths_y_m if direction == "x" else spec.bay_widths_x_m) + 1 if spec.dimensions == 3 else 1
    e, st = spec.material.elastic_modulus_pa, spec.stiffness
    stories = np.arange(1, n + 1)
    h = np.array(spec.story_heights_m, dtype=float)
    column = np.array([spec.sections.column_at(int(i), n).properties() for i in stories])
    beam_i = np.array([spec.sections.beam_at(int(i), n).properties()[1] for i in stories])  # beams at each story's top
    ei_c = e * st.column_inertia_factor * column[:, 2 if direction == "y" else 1]
    ea_c = e * column[:, 0]
    # DOFs: the sway u of each floor (0..n-1), then a vertical v and a rotation θ at each joint above the base;
    # -1 is a fixed base DOF.
    size = n + 2 * n * columns
    joint = n + 2 * ((stories[:, None] - 1) * columns + np.arange(columns)[None, :])  # (story, line): v; +1: θ
    below = np.vstack([np.full((1, columns), -1), joint[:-1]])
    sway_below = np.where(stories > 1, stories - 2, -1)
    col_dofs = np.stack([np.repeat(sway_below, columns), np.where(below < 0, -1, below + 1).ravel(),
                         np.repeat(stories - 1, columns), (joint + 1).ravel()], axis=1)
    hh = np.repeat(h, columns)
    # A column's transverse w is -u (its local y points to -X): the same change of sign for every sway DOF,
    # and only columns have them, so their stiffness on (u, θ) may be taken as on (w, θ).
    col_k = _bending(hh, np.repeat(ei_c, columns))
    axial_dofs = np.stack([below.ravel(), joint.ravel()], axis=1)
    axial_k = (np.repeat(ea_c, columns) / hh)[:, None, None] * np.array([[1.0, -1.0], [-1.0, 1.0]])
    spans = np.tile(np.array(bays, dtype=float), n)
    left, right = joint[:, :-1].ravel(), joint[:, 1:].ravel()
    beam_dofs = np.stack([left, left + 1, right, right + 1], axis=1)
    beam_k = _bending(spans, np.repeat(e * st.beam_inertia_factor * beam_i, len(bays)))
    k = np.zeros((size + 1, size + 1))  # the last row and column collect the fixed DOFs' terms, then are dropped
    for dofs, ke in ((col_dofs, col_k), (axial_dofs, axial_k), (beam_dofs, beam_k)):
        d = np.where(dofs < 0, size, dofs)
        np.add.at(k, (d[:, :, None], d[:, None, :]), ke)
    k = k[:size, :size]
    kll, klo, koo = k[:n, :n], k[:n, n:], k[n:, n:]
    try:
        with blas.single_threaded():  # a few hundred DOFs: a second thread gains nothing, and spins on after
            lateral = kll - klo @ np.linalg.solve(koo, klo.T)
            masses = np.array(spec.seismic_floor_masses_kg()) / lines
            scale = 1.0 / np.sqrt(masses)
            lam = float(np.linalg.eigvalsh(scale[:, None] * lateral * scale[None, :])[0])
            if not lam > 0:
                return None
            period = 2 * math.pi / math.sqrt(lam)
            levels = list(np.cumsum(spec.story_heights_m))
            load = lateral_forces(spec.seismic, spec.system, period, [m * codes.G_M_PER_S2 * lines for m in masses],
                                  levels)
            disp = np.linalg.solve(lateral, np.array(load.story_forces_n) / lines)
    except (np.linalg.LinAlgError, ValueError):
        return None
    drifts = np.diff(np.concatenate([[0.0], disp]))
    ratios = [float(load.amplification * abs(d) / h) for d, h in zip(drifts, spec.story_heights_m)]
    weight_above = np.cumsum((masses * codes.G_M_PER_S2)[::-1])[::-1]
    shear = np.cumsum((np.array(load.story_forces_n) / lines)[::-1])[::-1]
    factor = load.amplification if spec.seismic.code == "en1998" else 1.0
    thetas = [float(p * factor * abs(d) / (v * hh)) if v > 0 else 0.0
              for p, d, v, hh in zip(weight_above, drifts, shear, spec.story_heights_m)]
    return PlanarFrame(direction=direction, period_s=period, drift_ratios=ratios, stability=thetas)


_UNIT = np.array([[12.0, 6, -12, 6], [6, 4, -6, 2], [-12, -6, 12, -6], [6, 2, -6, 4]])
_POWERS = np.array([[0, 1, 0, 1], [1, 2, 1, 2], [0, 1, 0, 1], [1, 2, 1, 2]])


def _bending(length: np.ndarray, ei: np.ndarray) -> np.ndarray:
    """Euler-Bernoulli bending stiffness of members of these lengths and EI, on (w, θ) at each end: (E, 4, 4).

    >>> _bending(np.array([2.0]), np.array([8.0]))[0, :2, :2]  # EI/L³ = 1: 12, 6L and 4L²
    array([[12., 12.],
           [12., 16.]])
    """
    return (ei / length**3)[:, None, None] * _UNIT * length[:, None, None] ** _POWERS


def predicted_step(spec: BuildingSpec) -> tuple[float, str] | None:
    """The (factor, clause) ``sizing_step`` would take after the first run, as ``planar_frame``
    predicts it; None where the sections were given, where no failure is predicted, or no prediction made."""
    return _predict(spec)[0]


def _predict(spec: BuildingSpec) -> tuple[tuple[float, str] | None, float | None]:
    """(``predicted_step``, the governing predicted ratio: the drift as drift.stability takes it, or θ, over its
    limit; None without a prediction)."""
    if not assumed_sections(spec):
        return None, None
    frames = [planar_frame(spec, d) for d in (("x", "y") if spec.dimensions == 3 else ("x",))]
    if any(f is None for f in frames):
        return None, None
    ready = [f for f in frames if f is not None]
    factors: list[tuple[float, str]] = []
    limit = drift_limit(spec)
    stable = codes.stability_limit(spec.seismic.code, spec.system, spec.seismic.frame_type)
    theta = max(max(f.stability) for f in ready)
    if theta > stable.amplify * (1 + PREDICTION_TOLERANCE):
        factors.append(((theta / stable.amplify) ** STABILITY_EXPONENT, stable.clause))
    # the drifts as drift.stability judges them: times 1/(1 - θ) where θ is past what may be neglected
    worst = max(stable.drift(r, t) for f in ready for r, t in zip(f.drift_ratios, f.stability))
    if worst > limit.ratio * (1 + PREDICTION_TOLERANCE):
        factors.append(((worst / limit.ratio) ** DRIFT_EXPONENT, limit.clause))
    accepted = accepted_period(spec, max(f.period_s for f in ready))
    if accepted is not None and accepted.period_s > accepted.high_s * (1 + PREDICTION_TOLERANCE):
        factors.append(((accepted.period_s / accepted.high_s) ** 0.5, accepted.band.clause))
    governing = max(worst / limit.ratio, theta / stable.amplify)
    if not factors:
        return None, governing
    factor, clause = max(factors)
    return (_bounded(factor), clause), governing


PREDICTED = " (predicted by a planar frame analysis before the first run)"


def presize(spec: BuildingSpec) -> tuple[BuildingSpec, float]:
    """(``spec`` with its assumed sections enlarged as ``predicted_step`` predicts, the factor); the spec
    itself and 1.0 where no enlargement is predicted.

    Each step is checked by predicting again, up to ``PREDICTION_ROUNDS`` steps, so that a building is sized
    before its run, not after it. The last step is then made once more from the two predictions it has,
    with the exponent they show (drift falls as f⁻⁴ on the flat of the spectrum, more slowly past it): where
    that smaller factor is still predicted to pass, it is taken, so the sections are not larger than the
    prediction needs."""
    step, ratio = _predict(spec)
    if step is None:
        return spec, 1.0
    factor, sized, passes = 1.0, spec, False
    for _ in range(PREDICTION_ROUNDS):
        before, ratio_before = factor, ratio
        factor, clause = factor * step[0], step[1]
        sized = enlarge_default_sections(spec, factor, clause, how=PREDICTED)
        step, ratio = _predict(sized)
        if step is None:
            passes = True
            break
    if passes and ratio_before is not None and ratio is not None and ratio_before > ratio > 0:
        exponent = math.log(ratio_before / ratio) / math.log(factor / before)
        smaller = before * (ratio_before * MARGIN) ** (1 / exponent)
        if before < smaller < factor:
            trial = enlarge_default_sections(spec, smaller, clause, how=PREDICTED)
            if predicted_step(trial) is None:
                return trial, smaller
    return sized, factor
