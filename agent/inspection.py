"""Read the model OpenSees holds and analyse it ourselves: ModelFacts.

``inspect_model`` runs in the process where a (possibly untrusted, possibly broken)
script has just built a model. It reads nodes, masses, supports, elements and
multi-point constraints, groups the nodes into floors, resets the domain to its initial
state (a gravity or pushover analysis the script ran is undone: ``_reset_domain``) and runs
autobm's own analyses of the model, whatever the script printed:

- eigen: periods, effective modal mass ratios (Chopra, *Dynamics of Structures*, 13.2:
  Γ = φᵀMr / φᵀMφ, M*/M = (φᵀMr)² / (φᵀMφ · ΣM)) from the nodal masses and eigenvectors,
  masses at constrained nodes (rigid-diaphragm slaves) included;
- gravity: a vertical load of nodal mass × g at every node with mass, then the sum of
  vertical support reactions must equal it (one load step by Newton's method, so nonlinear
  materials are in equilibrium too). The X translational mass is used (many
  models carry mass in X only); the load of a rigid-diaphragm master (a retained node
  no element touches, whose constraints leave the vertical free) is shared equally by
  its constrained nodes, so it reaches the frame instead of the master's own support;
- lateral (equivalent lateral force, ``seismic.lateral_forces``) in X and, in 3D, in Y:
  floor displacements, story drifts (elastic) and drift ratios (× the code's amplification).

Side effects, since this runs last in the script's process: the script's load patterns,
recorders and analysis are removed, and the domain is reset to its initial state before
our analyses and after each static one; where the script gives its transformations rigid end offsets and the
request says so, the elements that have them are built again, without the offsets for an eigen analysis, then with
them, from their properties as ``printModel`` writes them (six significant digits). Nothing raises: what fails is recorded in
``analysis_errors`` with the message OpenSees wrote (openseespy writes through Python's ``sys.stderr``, the solver
libraries to file descriptor 2: both are captured while we run; the messages are lost
if the script called ``ops.logFile(..., '-noEcho')``).
"""

from __future__ import annotations

import io
import itertools
import json
import math
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from . import codes
from .facts import (
    ConstraintFact,
    ElementFact,
    FloorFact,
    GravityFacts,
    LateralFacts,
    ModalFacts,
    ModelFacts,
    NodeFact,
)
from .opensees import load_opensees
from .seismic import lateral_forces
from .spec import SeismicInput

__all__ = ["InspectionRequest", "inspect_model"]

LEVEL_TOLERANCE_M = 1e-3
"""Nodes whose vertical coordinates differ by less than this share a level."""

DENSE_EIGEN_MAX_EQUATIONS = 800
"""Largest model (free DOFs) for which the dense -fullGenLapack eigen solver is tried."""
DENSE_EIGEN_FAST_EQUATIONS = 150
"""Up to this many equations the dense -fullGenLapack takes a few milliseconds (a 12-story plane frame, 117:
7 ms); a 4-story 3D frame of 600 takes 66 ms and 900 take 190 ms, where ARPACK on half the mass DOFs takes 6 ms:
above it, ARPACK with fewer modes than asked comes first."""

# Tags of autobm's own time series and load patterns: high, so no script's tags clash.
_TAG_BASE = 2_000_000_000
_TAG_GRAVITY = _TAG_BASE + 1
_TAG_LATERAL = {"x": _TAG_BASE + 2, "y": _TAG_BASE + 3}
_TAG_TORSION = {"x": _TAG_BASE + 4, "y": _TAG_BASE + 5}
# Transformations and beam integrations of the model without its end offsets (``_centreline_periods``): OpenSees
# removes neither, so each inspection in a process takes new tags.
_TAGS_CENTRELINE = itertools.count(_TAG_BASE + 100)


class InspectionRequest(BaseModel):
    """What to analyse after the script ran."""

    num_modes: int = Field(6, ge=1, le=200, description="modes asked of the eigen analysis")
    seismic: SeismicInput | None = Field(None, description="seismic input for the ELF analysis; None: no lateral analysis")
    system: str | None = Field(None, description="rc_frame | steel_frame | shear_building (R, Cd, q); None: rc_frame")
    run_gravity: bool = Field(True, description="run the gravity equilibrium check")
    run_lateral: bool = Field(True, description="run the ELF analysis when seismic is given")
    element_mass: bool = Field(False, description="the script may give its elements mass ('-mass', '-cMass', '-rho'): "
                                                  "each node's mass is read with its elements' lumped to it")
    geometric_nonlinearity: bool = Field(False, description="the script may use a P-Delta or corotational transformation "
                                                            "(its text names one): the T1 of the state its own analyses "
                                                            "left is kept even for elastic beams")
    member_rigidities: bool = Field(False, description="read each beam-column's EA and EI from its initial basic "
                                                       "stiffness (ElementFact.rigidities), to hold them to the spec's "
                                                       "sections")
    joint_offsets: bool = Field(False, description="the script may give its transformations rigid end offsets "
                                                   "(its text names -jntOffset): they are read, and the model's periods "
                                                   "without them computed (ModelFacts.centreline_periods_s)")


# --- OpenSees' messages ------------------------------------------------------------------


class _Stderr:
    """Captures what OpenSees writes while active; ``take()`` returns what is new since the last call.

    openseespy writes its messages through Python's ``sys.stderr`` (PySys_WriteStderr);
    the solvers' own libraries (ARPACK, LAPACK) may write to file descriptor 2. Both are
    redirected here and restored by ``stop()``.
    """

    def __init__(self) -> None:
        self._file: Any = None
        self._saved_fd = -1
        self._pos = 0
        self._py: io.StringIO | None = None
        self._saved_py: Any = None

    def start(self) -> None:
        self._saved_py, self._py = sys.stderr, io.StringIO()
        sys.stderr = self._py
        try:
            self._file = tempfile.TemporaryFile(mode="w+b")
            self._saved_fd = os.dup(2)
            os.dup2(self._file.fileno(), 2)
        except OSError:
            self._file, self._saved_fd = None, -1

    def stop(self) -> None:
        if self._py is not None:
            sys.stderr = self._saved_py
            self._py = None
        if self._saved_fd >= 0:
            os.dup2(self._saved_fd, 2)
            os.close(self._saved_fd)
            self._saved_fd = -1
        if self._file is not None:
            self._file.close()
            self._file = None

    def take(self) -> str:
        text = ""
        if self._py is not None:
            text = self._py.getvalue()
            self._py.seek(0)
            self._py.truncate()
        if self._file is not None:
            self._file.seek(self._pos)
            data = self._file.read()
            self._pos += len(data)
            text += data.decode("utf-8", "replace")
        return text


def _said(text: str, limit: int = 600) -> str:
    """OpenSees' messages on one line, without the noise."""
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and "VERY SLOW" not in ln and not ln.startswith("Process 0 Terminating")]
    msg = " | ".join(lines)
    return msg if len(msg) <= limit else msg[: limit - 3] + "..."


class _Recorder:
    """Runs stages, turning any exception into a line of ``errors`` with OpenSees' message."""

    def __init__(self, stderr: _Stderr) -> None:
        self.errors: list[str] = []
        self._stderr = stderr

    def opensees_said(self, limit: int = 600) -> str:
        """What OpenSees wrote since the last call, on one line."""
        return _said(self._stderr.take(), limit)

    def quiet(self) -> _Recorder:
        """A recorder on the same stream whose errors are not the model's (a step that may fail harmlessly)."""
        return _Recorder(self._stderr)

    def fail(self, stage: str, what: str) -> None:
        said = self.opensees_said()
        self.errors.append(f"{stage}: {what}" + (f" (OpenSees: {said})" if said else ""))

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self._stderr.take()  # forget earlier chatter (warnings of steps that succeeded)
        try:
            yield
        except Exception as exc:  # untrusted model state: every failure becomes data
            self.fail(name, f"{type(exc).__name__}: {exc}")


def _as_list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _as_int(value: Any) -> int:
    values = _as_list(value)
    return int(values[0]) if values else 0


# --- Reading the model -----------------------------------------------------------------


class _Model:
    """The model as read from OpenSees, with the derived floor structure."""

    def __init__(self) -> None:
        self.ndm = 0
        self.ndf = 0
        self.tags: list[int] = []
        self.coords: dict[int, list[float]] = {}
        self.mass: dict[int, list[float]] = {}
        self.fixed: dict[int, list[int]] = {}
        self.elements: list[ElementFact] = []
        self.constraints: list[ConstraintFact] = []
        self.constrained: dict[int, dict[int, list[int]]] = {}  # retained -> {constrained node: dofs}
        self.vertical = 1
        self.horizontal: list[int] = [0]
        self.base_level = 0.0
        self.floor_levels: list[float] = []
        self.floor_nodes: list[list[int]] = []
        self.size = 0.0  # largest extent of the model along any axis


def _read(ops: Any, rec: _Recorder) -> _Model:
    m = _Model()
    with rec.stage("reading nodes"):
        for t in (int(x) for x in _as_list(ops.getNodeTags())):
            coords = [float(c) for c in _as_list(ops.nodeCoord(t))]
            m.mass[t] = [float(x) for x in _as_list(ops.nodeMass(t))]
            m.coords[t] = coords
            m.tags.append(t)
    with rec.stage("reading the model dimensions"):
        m.ndm = _as_int(ops.getNDM())
        m.ndf = _as_int(ops.getNDF())
    if m.tags:  # what the nodes say wins over the model builder's current setting
        m.ndm = len(m.coords[m.tags[0]]) or m.ndm
        m.ndf = len(m.mass[m.tags[0]]) or m.ndf
    with rec.stage("reading supports"):
        for t in _as_list(ops.getFixedNodes()):
            m.fixed[int(t)] = sorted({int(d) for d in _as_list(ops.getFixedDOFs(int(t)))})
    with rec.stage("reading elements"):
        for t in _as_list(ops.getEleTags()):
            t = int(t)
            try:
                kind = str(ops.eleType(t))
            except Exception:  # eleType is missing in some builds: the type is optional
                kind = ""
            # typed here, as every value read from OpenSees is: construct skips validating them again (every field
            # given: a default_factory costs construct an inspect.signature of it, 0.1 ms an element)
            m.elements.append(ElementFact.model_construct(tag=t, nodes=[int(n) for n in _as_list(ops.eleNodes(t))],
                                                          type=kind, end_offsets=[], rigidities=[]))
    with rec.stage("reading constraints"):
        for r in dict.fromkeys(int(x) for x in _as_list(ops.getRetainedNodes())):
            groups: dict[tuple[int, ...], list[int]] = {}
            per_node: dict[int, list[int]] = {}
            for c in dict.fromkeys(int(x) for x in _as_list(ops.getConstrainedNodes(r))):
                dofs = [int(d) for d in _as_list(ops.getConstrainedDOFs(c, r))]
                per_node[c] = dofs
                groups.setdefault(tuple(dofs), []).append(c)
            m.constrained[r] = per_node
            for dofs_key, nodes in groups.items():
                m.constraints.append(ConstraintFact(retained_node=r, constrained_nodes=nodes, dofs=list(dofs_key)))
    if m.coords:
        extents = [max(c[a] for c in m.coords.values() if len(c) > a) - min(c[a] for c in m.coords.values() if len(c) > a)
                   for a in range(m.ndm)]
        m.size = max(extents, default=0.0)
    _levels(m)
    return m


def _supports(m: _Model) -> list[int]:
    """Nodes restrained in every translation (or, failing that, in any translation, leaving out the
    retained nodes of constraints: a rigid diaphragm's master is fixed out of plane at its floor,
    and a model without supports must not read its masters as a base)."""
    full = [t for t, d in m.fixed.items() if t in m.coords and all(k in d for k in range(1, m.ndm + 1))]
    return full or [t for t, d in m.fixed.items()
                    if t in m.coords and t not in m.constrained and any(k <= m.ndm for k in d)]


def _vertical_axis(m: _Model) -> int:
    """The vertical axis of a 3D model: Z, unless the model says Y.

    An axis is vertical when the supports share one coordinate along it and the other nodes
    spread along it (a building rises from its base). Z is tried first, then Y; a planar
    frame drawn in the X-Y plane (every z = 0) is Y-up, one drawn in X-Z Z-up. Where neither
    axis fits (supports at several levels), the axis the nodes spread along, Z first.
    """
    base = _supports(m)

    def spread(axis: int, tags: list[int]) -> float:
        values = [m.coords[t][axis] for t in tags if len(m.coords[t]) > axis]
        return max(values) - min(values) if values else 0.0

    rises = {a: spread(a, m.tags) > LEVEL_TOLERANCE_M for a in (2, 1)}
    for axis in (2, 1):
        if rises[axis] and (not base or spread(axis, base) <= LEVEL_TOLERANCE_M):
            return axis
    for axis in (2, 1):  # a stepped base (a sloping site): its supports spread a little along the vertical
        if rises[axis] and spread(axis, base) <= STEPPED_BASE_SHARE * spread(axis, m.tags):
            return axis
    return 1 if rises[1] and not rises[2] else 2


STEPPED_BASE_SHARE = 0.25
"""Supports spread along an axis by at most this share of the model's extent along it still make it the vertical
axis: a stepped base on a sloping site (footings 1.5 m apart under a 17.5 m frame)."""


def _base_level(levels: list[float]) -> float:
    """The base: the level most supports are at (the lowest of equals). A stepped base's lower footings stand below
    it, their columns longer than the first story; a flat base is its one level."""
    groups: list[list[float]] = []
    for z in sorted(levels):
        if groups and z - groups[-1][0] <= LEVEL_TOLERANCE_M:
            groups[-1].append(z)
        else:
            groups.append([z])
    return min(max(groups, key=len))


def _grade_level(m: _Model, nodes: list[int], base_level: float) -> float:
    """The base at grade over a basement: the highest level above the supports where every node is held in every
    horizontal translation (the basement walls' restraint, 'fix(node, 1, 0, 0)' at the ground floor); the basement's
    stories are then below the base, as codes take it (the seismic base at grade). Else the supports' level."""
    v, horizontal = m.vertical, [a + 1 for a in m.horizontal]
    by_level: dict[int, list[int]] = {}
    for t in nodes:
        if m.coords[t][v] > base_level + LEVEL_TOLERANCE_M:
            by_level.setdefault(round(m.coords[t][v] / LEVEL_TOLERANCE_M), []).append(t)
    held = [key for key, tags in by_level.items()
            if len(tags) >= 2 and all(all(d in m.fixed.get(t, []) for d in horizontal) for t in tags)]
    return max(held) * LEVEL_TOLERANCE_M if held else base_level


def _levels(m: _Model) -> None:
    """Vertical axis, base level and floors (``_floors``)."""
    if m.ndm == 3:
        m.vertical = _vertical_axis(m)
        m.horizontal = [a for a in range(3) if a != m.vertical]
    else:
        m.vertical, m.horizontal = 1, [0]
    v = m.vertical
    nodes = [t for t in m.tags if len(m.coords[t]) > v]
    if not nodes:
        return
    base = [t for t in _supports(m) if len(m.coords[t]) > v]
    m.base_level = _base_level([m.coords[t][v] for t in base]) if base else min(m.coords[t][v] for t in nodes)
    m.base_level = _grade_level(m, nodes, m.base_level)
    above = sorted((m.coords[t][v], t) for t in nodes if m.coords[t][v] > m.base_level + LEVEL_TOLERANCE_M)
    levels: list[list[tuple[float, int]]] = []
    for z, t in above:
        if levels and z - levels[-1][0][0] <= LEVEL_TOLERANCE_M:
            levels[-1].append((z, t))
        else:
            levels.append([(z, t)])
    chosen = _floors(m, [sorted(t for _, t in lv) for lv in levels])
    m.floor_nodes = chosen
    m.floor_levels = [sum(m.coords[t][v] for t in nodes) / len(nodes) for nodes in chosen]


FLOOR_MASS_SHARE = 0.5
"""A level whose nodes nothing joins horizontally is a floor only if it holds at least this share of the
lightest joined floor's mass (a column's mid-height node carrying its self-weight is not a floor)."""


def _floors(m: _Model, levels: list[list[int]]) -> list[list[int]]:
    """The levels that are floors: those holding mass (all levels where none does), less the light
    levels nothing joins horizontally where other levels are joined.

    A level is joined where an element or a constraint ties two of its nodes at different plan
    positions (a beam, a slab, a rigid diaphragm): a floor. A level with mass that nothing joins is
    a floor of a stick model (one node a floor, springs between), or a column's intermediate node:
    where the model has joined floors, such a level counts only with a floor's share of the mass.
    """
    h0 = m.horizontal[0]

    def mass(nodes: list[int]) -> float:
        return sum(_m(m, t, h0) for t in nodes)

    with_mass = [lv for lv in levels if mass(lv) > 0]
    if not with_mass:
        return levels
    joined = _joined_levels(m, with_mass)
    if not joined:
        return with_mass
    lightest = min(mass(with_mass[i]) for i in joined)
    return [lv for i, lv in enumerate(with_mass) if i in joined or mass(lv) >= FLOOR_MASS_SHARE * lightest]


def _joined_levels(m: _Model, levels: list[list[int]]) -> set[int]:
    """Indices of the levels where an element or a constraint ties two nodes at different plan positions."""
    level_of = {t: i for i, nodes in enumerate(levels) for t in nodes}
    groups = [e.nodes for e in m.elements] + [[r, *per_node] for r, per_node in m.constrained.items()]
    joined: set[int] = set()
    for group in groups:
        plans: dict[int, set[tuple[int, ...]]] = {}
        for t in group:
            i = level_of.get(t)
            if i is not None and i not in joined:
                plans.setdefault(i, set()).add(tuple(round(m.coords[t][a] / LEVEL_TOLERANCE_M) for a in m.horizontal))
        joined.update(i for i, seen in plans.items() if len(seen) > 1)
    return joined


def _m(m: _Model, tag: int, dof: int) -> float:
    masses = m.mass.get(tag, [])
    return masses[dof] if dof < len(masses) else 0.0


# --- Eigen -----------------------------------------------------------------------------


def _mass_rank(m: _Model) -> tuple[int, int]:
    """(DOFs carrying mass, free equations), counted as the Transformation handler would."""
    constrained_of: dict[int, tuple[int, list[int]]] = {}
    for r, per_node in m.constrained.items():
        for c, dofs in per_node.items():
            constrained_of[c] = (r, dofs)
    mass_dofs: set[tuple[int, int]] = set()
    equations = 0
    for t in m.tags:
        fixed = m.fixed.get(t, [])
        cons = constrained_of.get(t)
        for d, value in enumerate(m.mass[t]):
            if (d + 1) in fixed:
                continue
            if cons is not None and (d + 1) in cons[1]:
                if value > 0:  # carried by the retained node (a diaphragm: its X, Y and rotation)
                    mass_dofs.update((cons[0], k) for k in cons[1])
                continue
            equations += 1
            if value > 0:
                mass_dofs.add((t, d + 1))
    return len(mass_dofs), equations


def _eigen(ops: Any, m: _Model, asked: int, rec: _Recorder, *, static: bool = False) -> tuple[list[float] | None, list[str]]:
    """Eigenvalues of the first modes, and what the solvers tried before said.

    ARPACK (-genBandArpack) fails when asked for more than about half of the DOFs that
    carry mass; the dense -fullGenLapack then serves small models, and fewer modes large ones.
    ``static``: the first attempt runs on the static analysis of ``_static_setup``, which the
    gravity and lateral analyses then use as it stands (its DOF numbering and sparse system are
    built once, not twice: about 2.5 ms of a 3D frame's inspection); it stands where the first
    attempt succeeded, so where the list of failures is empty.
    """
    rank, equations = _mass_rank(m)
    if rank == 0:
        rec.fail("eigen", "no free DOF carries mass: assign nodal masses (ops.mass) to the floors")
        return None, []
    n = min(asked, rank)
    attempts: list[tuple[str | None, int]] = []
    if n <= rank // 2:
        attempts.append((None, n))
    elif equations > DENSE_EIGEN_FAST_EQUATIONS and rank // 2 >= 3:
        attempts.append((None, rank // 2))  # fewer modes than asked, in milliseconds, before a dense solve in tenths of a second
    if equations <= DENSE_EIGEN_MAX_EQUATIONS:
        attempts.append(("-fullGenLapack", n))
    k = min(n - 1, rank // 2)
    while k >= 1:
        attempts.append((None, k))
        k //= 2
    failures: list[str] = []
    for attempt, (solver, count) in enumerate(attempts):
        if static and attempt == 0:
            _static_setup(ops)  # RCM and SuperLU too
        else:
            ops.wipeAnalysis()
            ops.numberer("RCM")
            ops.system("SuperLU")  # ARPACK factorises through it: the default ProfileSPD took minutes on tall 3D frames
        rec.opensees_said()
        try:
            values = _as_list(ops.eigen(solver, count) if solver else ops.eigen(count))
        except Exception as exc:  # noqa: BLE001  (OpenSeesError: the message is on stderr)
            said = rec.opensees_said(300)
            failures.append(f"{solver or '-genBandArpack'} with {count} modes: {type(exc).__name__}: {exc}"
                            + (f" (OpenSees: {said})" if said else ""))
            continue
        return [float(v) for v in values], failures
    rec.errors.append("eigen failed: " + "; ".join(failures))
    return None, failures


MECHANISM_PERIOD_S = 1000.0
"""A period longer than this (λ below (2π/1000)², in any consistent units) means no stiffness: a mechanism."""


def _modal(ops: Any, m: _Model, eigenvalues: list[float], rec: _Recorder, tried: list[str]) -> ModalFacts | None:
    floor = (2 * math.pi / MECHANISM_PERIOD_S) ** 2
    bad = [(i + 1, lam) for i, lam in enumerate(eigenvalues) if not (math.isfinite(lam) and lam > floor)]
    if bad:
        r, lam = bad[0]
        before = f"; before that, {'; '.join(tried)}" if tried else ""
        rec.fail("eigen", f"eigenvalue of mode {r} is {lam:g} (zero stiffness, period above {MECHANISM_PERIOD_S:g} s): "
                          "the model is a mechanism or not supported (check fix() at the base and the connectivity), "
                          "or its units do not agree (E in MPa with lengths in m and masses in kg, lengths in mm "
                          "with E in Pa): no building has such a period" + before)
        return None
    periods = [2 * math.pi / math.sqrt(lam) for lam in eigenvalues]
    ndm, v = m.ndm, m.vertical
    h = m.horizontal
    # Nodes with mass: rows of a diagonal mass matrix, per DOF.
    mass_nodes = [t for t in m.tags if any(x > 0 for x in m.mass[t])]
    ndf = max((len(m.mass[t]) for t in mass_nodes), default=m.ndf)
    mass = np.zeros((len(mass_nodes), ndf))
    free = np.ones_like(mass)
    xyz = np.zeros((len(mass_nodes), 3))
    for i, t in enumerate(mass_nodes):
        mass[i, : len(m.mass[t])] = m.mass[t]
        xyz[i, : len(m.coords[t])] = m.coords[t]
        for d in m.fixed.get(t, []):
            if d <= ndf:
                free[i, d - 1] = 0.0
    # Influence vectors: unit translation along each horizontal axis, the vertical, and a
    # unit rotation about the vertical axis through the centre of mass (3D only).
    r_vecs: dict[str, np.ndarray] = {}
    labels = ["x", "y"] if ndm == 3 else ["x"]
    for label, axis in zip(labels, h):
        r = np.zeros_like(mass)
        r[:, axis] = 1.0
        r_vecs[label] = r
    if v < ndf:  # a 1-D stick (-ndm 1) has no vertical DOF
        r = np.zeros_like(mass)
        r[:, v] = 1.0
        r_vecs["vertical"] = r
    if ndm == 3 and ndf >= 6:
        a, b = h
        ma, mb = mass[:, a] * free[:, a], mass[:, b] * free[:, b]
        ca = float((ma * xyz[:, a]).sum() / ma.sum()) if ma.sum() > 0 else 0.0
        cb = float((mb * xyz[:, b]).sum() / mb.sum()) if mb.sum() > 0 else 0.0
        # A unit rotation about the vertical axis through the centre of mass; (a, b, v) cyclic
        # (Z up: x, y, z) or not (Y up: x, z, y) fixes the sign of the rotational DOF.
        sign = 1.0 if (b - a) % 3 == 1 and (v - b) % 3 == 1 else -1.0
        r = np.zeros_like(mass)
        r[:, a] = -(xyz[:, b] - cb)
        r[:, b] = xyz[:, a] - ca
        r[:, 3 + v] = sign
        r_vecs["torsion"] = r
    totals = {k: float((mass * free * r**2).sum()) for k, r in r_vecs.items()}
    part: dict[str, list[float]] = {k: [] for k in r_vecs}
    dominant: list[str] = []
    for mode in range(1, len(eigenvalues) + 1):
        phi = np.zeros_like(mass)
        for i, t in enumerate(mass_nodes):
            vec = _as_list(ops.nodeEigenvector(t, mode))
            phi[i, : len(vec)] = vec
        mphi = mass * free * phi
        gen = float((mphi * phi).sum())
        best, best_ratio = labels[0], -1.0
        for k, r in r_vecs.items():
            ratio = float((mphi * r).sum()) ** 2 / (gen * totals[k]) if gen > 0 and totals[k] > 0 else 0.0
            part[k].append(ratio)
            if ratio > best_ratio:
                best, best_ratio = k, ratio
        dominant.append(best)
    # Mode shapes per floor: the first X-dominant mode (mode 1 in 2D), and in 3D the first Y-dominant one.
    shape = _floor_shape(ops, m, next((i for i, d in enumerate(dominant) if d == "x"), 0) + 1, h[0])
    first_y = next((i for i, d in enumerate(dominant) if d == "y"), None)
    shape_y = _floor_shape(ops, m, first_y + 1, h[1]) if ndm == 3 and first_y is not None else []
    if not all(math.isfinite(x) for x in [*shape, *shape_y, *part["x"], *part.get("y", [])]):
        rec.fail("eigen", "the mode shapes are not finite numbers: the stiffness matrix is singular (a node connected to "
                          "no element, or a part of the model that can move freely)")
        return None
    return ModalFacts(
        eigenvalues=eigenvalues, periods_s=periods,
        mass_participation_x=part["x"], mass_participation_y=part.get("y", []),
        dominant_direction=dominant, first_mode_shape_x=_to_roof(shape), first_mode_shape_y=_to_roof(shape_y),
    )


def _floor_shape(ops: Any, m: _Model, mode: int, axis: int) -> list[float]:
    """A mode's displacement along ``axis`` per floor, each floor at its centre of mass (as drifts are read,
    ASCE 7 12.8.6)."""
    shape = []
    for nodes in m.floor_nodes:
        vals = [(_as_list(ops.nodeEigenvector(t, mode)), _m(m, t, axis)) for t in nodes]
        pairs = [(vec[axis], w) for vec, w in vals if len(vec) > axis]
        weight = sum(w for _, w in pairs)
        if weight > 0:
            shape.append(sum(x * w for x, w in pairs) / weight)
        else:
            shape.append(sum(x for x, _ in pairs) / len(pairs) if pairs else 0.0)
    return shape


def _to_roof(shape: list[float]) -> list[float]:
    """A shape normalised to its roof value (to its largest value where the roof does not move)."""
    roof = shape[-1] if shape else 0.0
    scale = roof if abs(roof) > 1e-300 else (max(shape, key=abs) if shape and max(map(abs, shape)) > 0 else 1.0)
    return [s / scale for s in shape]


# --- Static analyses -----------------------------------------------------------------------


def _reset_domain(ops: Any, m: _Model, rec: _Recorder, *,
                  geometric: bool = False) -> tuple[str, float | None, float | None]:
    """The domain back to its initial state, before any of our analyses: (a note of the state the
    script's own analyses left, "" where it ran none; that state's T1 where it may differ, else None; the vertical
    load its supports carry in that state, where its T1 is kept).

    The script's load patterns, recorders and analysis are removed, and ``ops.reset()`` reverts
    every node and element to its start (``Domain::revertToStart``: displacements zero, material
    histories, Concrete01's cracking and Steel01's yielding included, undone), the time set to 0.
    A script that ran a gravity or pushover analysis is so analysed as the model it built, not in
    the yielded, displaced state its analysis left (the tangent of a pushed-over frame gives
    periods many times the frame's). A period the script computed in that state is of its tangent:
    T1 of the state as left is kept where the model has elements other than elastic beams (whose
    tangent does not change, but for P-Delta), or where ``geometric`` says the script's transformations may
    be P-Delta or corotational (a loaded P-Delta column is softer: a script that prints that period is
    right), for the printed-period check.
    """
    moved, where, time_s, as_left, loaded = 0.0, 0, 0.0, None, None
    try:
        for t in m.tags:
            for u in _as_list(ops.nodeDisp(t))[: m.ndm]:
                if abs(float(u)) > moved:
                    moved, where = abs(float(u)), t
        time_s = float(ops.getTime())
        if moved > 0.0 and (geometric or not all(_elastic(e.type) for e in m.elements)):
            load = _vertical_reactions(ops, m)  # before the eigen's analysis replaces the script's
            values, _ = _eigen(ops, m, 1, rec.quiet())
            if values and math.isfinite(values[0]) and values[0] > 0:
                as_left = 2 * math.pi / math.sqrt(values[0])
                loaded = load
    finally:  # the script's loads must never reach our analyses
        ops.wipeAnalysis()
        ops.remove("recorders")
        for p in _as_list(ops.getPatterns()):
            ops.remove("loadPattern", int(p))
        ops.reset()
        ops.setTime(0.0)
    if moved == 0.0 and time_s == 0.0:
        return "", None, None
    note = (f"the script's own analyses left the model displaced (largest displacement {moved:.4g} at node {where}, "
            f"time {time_s:g}); autobm reverted it to its initial state (ops.reset(): zero displacements, material "
            "histories undone) and analysed the model from there")
    return note, as_left, loaded


def _vertical_reactions(ops: Any, m: _Model) -> float | None:
    """The sum of the supports' vertical reactions in the domain's present state (the gravity load the script's own
    analysis applied), in the model's force unit; None where OpenSees cannot tell."""
    try:
        ops.reactions()
        total = 0.0
        for t in m.fixed:
            reaction = _as_list(ops.nodeReaction(t))
            if len(reaction) > m.vertical:
                total += float(reaction[m.vertical])
        return abs(total)
    except Exception:  # noqa: BLE001  (no reactions: the as-left period is kept without its load)
        return None


def _elastic(element_type: str) -> bool:
    """An elastic beam-column (ElasticBeam2d/3d, ElasticTimoshenkoBeam, ModElasticBeam2d): its tangent is its
    initial stiffness whatever its state."""
    kind = element_type.lower()
    return "elastic" in kind and "beam" in kind


def _static_setup(ops: Any) -> None:
    """A static analysis of one load step on the reset domain (``_solve`` sets the test, and the algorithm but
    for a model of elastic beam-columns only: see ``_solve``)."""
    ops.wipeAnalysis()
    ops.constraints("Transformation")
    ops.numberer("RCM")
    ops.system("SuperLU")
    ops.test("NormUnbalance", 1.0, NEWTON_MAX_ITERATIONS, 5)  # its tolerance set by the load, in _solve
    ops.algorithm("ModifiedNewton", "-factoronce")  # (lower case: "-factorOnce" is silently ignored)
    ops.integrator("LoadControl", 1.0)
    ops.analysis("Static")


NEWTON_MAX_ITERATIONS = 25
UNBALANCE_TOLERANCE = 1e-8
"""Newton converges when the unbalanced force's norm is below this share of the load's norm. Past
NEWTON_MAX_ITERATIONS the step is kept as it stands (the test's print flag 5), so the equilibrium
check, not the solver, judges a model that does not converge."""


def _apply(ops: Any, tag: int, loads: dict[int, list[float]]) -> None:
    ops.remove("timeSeries", tag)  # a series the script made with this tag (its patterns are gone): silent if none
    ops.timeSeries("Constant", tag)
    ops.pattern("Plain", tag, tag)
    for node, vec in loads.items():
        ops.load(node, *vec)


def _clear(ops: Any, tag: int) -> None:
    ops.remove("loadPattern", tag)
    ops.remove("timeSeries", tag)
    ops.reset()
    ops.setTime(0.0)


def _solve(ops: Any, m: _Model, loads: dict[int, list[float]], *, equilibrium: bool, elastic: bool) -> None:
    """analyze(1), then reject an unbounded answer: a singular K (a mechanism) can still 'solve'.

    ``equilibrium``: iterations until the resisting forces balance the load, for the gravity
    check (one linear step on a model of nonlinear materials, Concrete01 and Steel01 fibers, leaves
    them percents short); a linear model converges in the first iteration, since the test reads the
    unbalance after the update. Otherwise one linear step on the initial tangent: the elastic
    analysis the equivalent lateral force method is (the tangent of the eigen analysis too).

    ``elastic``, a model of elastic beam-columns only (``_elastic``): its tangent is the initial one but
    for P-Delta, so the analysis' ModifiedNewton -factoronce (``_static_setup``) factorises that tangent
    once for the gravity step and every lateral one (each after ``_clear`` reset the domain, on the
    same tangent): the gravity step iterates on it, a lateral step is its first iteration (a test
    that any unbalance passes). Otherwise Newton's method for gravity, and for the lateral steps the
    Linear -factorOnce that ``_lateral_all`` sets.
    """
    if equilibrium:
        norm = math.sqrt(sum(x * x for vec in loads.values() for x in vec))
        ops.test("NormUnbalance", UNBALANCE_TOLERANCE * norm, NEWTON_MAX_ITERATIONS, 5)
        if not elastic:
            ops.algorithm("Newton")
    elif elastic:
        ops.test("NormUnbalance", math.inf, 1, 0)  # one iteration: a linear step
    loaded = list(loads)
    status = ops.analyze(1)
    if status != 0:
        raise RuntimeError(f"analyze returned {status}")
    largest = max((abs(float(u)) for t in loaded for u in _as_list(ops.nodeDisp(t))[: m.ndm]), default=0.0)
    if not math.isfinite(largest) or largest > 10.0 * max(m.size, 1.0):
        raise ArithmeticError(f"displacement {largest:.3g} is unbounded for a model {m.size:.3g} across: "
                              "the structure is a mechanism or not supported (check fix() and the connectivity), "
                              "or far too soft for its weight (E in MPa where lengths are in m and forces in N)")


def _gravity(ops: Any, m: _Model, *, elastic: bool) -> GravityFacts:
    v, h0 = m.vertical, m.horizontal[0]
    loads: dict[int, list[float]] = {}
    applied = 0.0
    connected = {n for e in m.elements for n in e.nodes}

    def add(node: int, force: float) -> None:
        vec = loads.setdefault(node, [0.0] * len(m.mass[node]))
        vec[v] -= force

    for t in m.tags:
        weight = _m(m, t, h0) * codes.G_M_PER_S2
        if weight <= 0 or len(m.mass[t]) <= v:
            continue
        applied += weight
        slaves = [c for c, dofs in m.constrained.get(t, {}).items() if (v + 1) not in dofs and len(m.mass.get(c, [])) > v]
        if slaves and t not in connected:
            for c in slaves:  # a diaphragm master: its floor's weight goes to the frame through the floor nodes
                add(c, weight / len(slaves))
        else:
            add(t, weight)
    if applied <= 0:
        raise ValueError("no node carries horizontal mass, the mass autobm loads with gravity (mass x g): nothing to load")
    if not any((v + 1) in dofs for dofs in m.fixed.values()):
        raise ValueError("no node is restrained in the vertical direction: the model has no support (fix() at the base)")
    _apply(ops, _TAG_GRAVITY, loads)
    try:
        _solve(ops, m, loads, equilibrium=True, elastic=elastic)
        ops.reactions()
        # the supports, and the nodes tied to them vertically (a column foot on a fixed node through equalDOF: with
        # constraints by transformation its reaction shows at the foot, the fixed node having no element)
        supports = {t for t, dofs in m.fixed.items() if (v + 1) in dofs}
        tied = {c for r in supports for c, dofs in m.constrained.get(r, {}).items() if (v + 1) in dofs}
        reaction = sum(float(ops.nodeReaction(t, v + 1)) for t in supports | tied)
    finally:
        _clear(ops, _TAG_GRAVITY)
    if not math.isfinite(reaction):
        raise ArithmeticError(f"reactions are not finite ({reaction})")
    return GravityFacts(applied_vertical_n=applied, reaction_vertical_n=reaction,
                        relative_error=abs(applied - reaction) / applied)


def _masters(m: _Model, nodes: list[int], dof: int) -> list[int]:
    """Retained nodes on a floor whose constraints carry ``dof`` (1-based), e.g. diaphragm masters; not a rigid joint's
    or end zone's (a constraint of every DOF: rigidLink('beam')), which ties a column top to its beam's end only (the
    floor's whole force on the first of them gave a drift three times the frame's)."""
    every = set(range(1, m.ndf + 1))
    return [t for t in nodes if t in m.constrained
            and any(dof in d and not every <= set(d) for d in m.constrained[t].values())]


ACCIDENTAL_ECCENTRICITY = 0.05
"""The accidental eccentricity of each floor's mass, a share of the floor's width across the forces: JGJ 3-2010 4.3.3,
ASCE 7-22 12.8.4.2, EN 1998-1 4.3.2(1). The torsion check's displacement ratios are taken with it (GB 50011-2010 Table
3.4.3-1, ASCE 7-22 Table 12.3-1 type 1a); the drifts are not (JGJ 3-2010 3.7.3 note, ASCE 7-22 12.8.6)."""


def _lateral(ops: Any, m: _Model, label: str, axis: int, period_s: float, seismic: SeismicInput,
             system: str, *, elastic: bool) -> LateralFacts:
    floors = m.floor_nodes
    masses = [sum(_m(m, t, m.horizontal[0]) for t in nodes) for nodes in floors]
    levels = [z - m.base_level for z in m.floor_levels]
    load = lateral_forces(seismic, system, period_s, [x * codes.G_M_PER_S2 for x in masses], levels)
    loads: dict[int, list[float]] = {}
    readers: list[list[tuple[int, float]]] = []  # per floor: (node, share) whose weighted mean is the floor's displacement
    for nodes, force in zip(floors, load.story_forces_n):
        # The floor's force where its mass is, node by node (a diaphragm's slaves pass theirs to its master), and the
        # floor moving as its centre of mass does (ASCE 7 12.8.6): the mass-weighted mean. A floor whose mass is not
        # on its nodes' DOFs along the axis takes the force at its diaphragm's master (the whole force at a master on
        # a corner column, with the mass on the floor's nodes, twisted the floor: 1/527 for the frame's 1/926).
        targets = [t for t in nodes if len(m.mass[t]) > axis]
        weights = [_m(m, t, axis) for t in targets]
        masters = _masters(m, nodes, axis + 1)
        if sum(weights) <= 0 and masters:
            targets, weights = masters[:1], [1.0]
        if sum(weights) <= 0:
            weights = [_m(m, t, m.horizontal[0]) for t in targets]
        if sum(weights) <= 0:
            weights = [1.0] * len(targets)
        total = sum(weights)
        for t, w in zip(targets, weights):
            if w > 0:
                vec = loads.setdefault(t, [0.0] * len(m.mass[t]))
                vec[axis] += force * w / total
        readers.append([(t, w / total) for t, w in zip(targets, weights) if w > 0])
    edges = _edges(m, floors, axis)
    twist = _accidental_torsion(m, axis, edges, readers, load.story_forces_n) if edges else None
    _apply(ops, _TAG_LATERAL[label], loads)
    try:
        _solve(ops, m, loads, equilibrium=False, elastic=elastic)
        disp = [sum(share * float(ops.nodeDisp(t, axis + 1)) for t, share in nodes) for nodes in readers]
        edge_disp = [[[float(ops.nodeDisp(t, axis + 1)) for t in edge] for edge in pair] for pair in edges]
    finally:
        _clear(ops, _TAG_LATERAL[label])
    edge_twist = None
    if twist:
        _apply(ops, _TAG_TORSION[label], twist)
        try:
            _solve(ops, m, twist, equilibrium=False, elastic=elastic)
            edge_twist = [[[float(ops.nodeDisp(t, axis + 1)) for t in edge] for edge in pair] for pair in edges]
        except (ArithmeticError, RuntimeError):  # a plan that turns without bound: the ratios without the eccentricity
            edge_twist = None
        finally:
            _clear(ops, _TAG_TORSION[label])
    if not all(math.isfinite(d) for d in disp):
        raise ArithmeticError("floor displacements are not finite")
    below = [0.0] + disp[:-1]
    drifts = [d - b for d, b in zip(disp, below)]
    heights = [z - zb for z, zb in zip(levels, [0.0] + levels[:-1])]
    ratios = [load.amplification * d / hh for d, hh in zip(drifts, heights)]
    centred, centred_drift = _edge_ratios(edge_disp)
    with_twist, drift_twist = centred, centred_drift
    if edge_twist is not None:
        plus, minus = (_edge_ratios([[[u + sign * w for u, w in zip(us, ws)] for us, ws in zip(pair, twisted)]
                                     for pair, twisted in zip(edge_disp, edge_twist)]) for sign in (1.0, -1.0))
        with_twist = [max(a, b) for a, b in zip(plus[0], minus[0])]
        drift_twist = [max(a, b) for a, b in zip(plus[1], minus[1])]
    whole = len(centred) == len(floors)
    return LateralFacts(
        direction=label, code=load.code, base_shear_n=load.base_shear_n, story_forces_n=load.story_forces_n,
        floor_displacements_m=disp, story_drifts_m=drifts, story_heights_m=heights, story_drift_ratios=ratios,
        amplification=load.amplification, edge_displacement_ratios=with_twist if whole else [],
        edge_drift_ratios=drift_twist if whole else [], edge_displacement_ratios_centred=centred if whole else [],
        accidental_eccentricity=ACCIDENTAL_ECCENTRICITY if whole and edge_twist is not None else 0.0,
        note=f"T = {period_s:.4f} s (first mode along {label}); {load.note}; {load.clause}",
    )


def _edge_ratios(edge_disp: list[list[list[float]]]) -> tuple[list[float], list[float]]:
    """Per floor, from the displacements along the forces of the nodes at its two edges: the larger edge's displacement
    over the mean of the two, and the same of the story drifts at the edges (each edge's displacement less the one of
    the floor below; the ground's is 0). An edge moves as its node that moves most. Empty where a floor does not move."""
    def extreme(values: list[float]) -> float:
        return max(values, key=abs, default=0.0)

    sides = [[extreme(edge) for edge in pair] for pair in edge_disp]
    displacement, drift, below = [], [], [0.0, 0.0]
    for a, b in sides:
        if abs(a) + abs(b) <= 0:
            return [], []
        displacement.append(max(abs(a), abs(b)) / ((abs(a) + abs(b)) / 2))
        da, db = abs(a - below[0]), abs(b - below[1])
        drift.append(max(da, db) / ((da + db) / 2) if da + db > 0 else 1.0)
        below = [a, b]
    return displacement, drift


def _accidental_torsion(m: _Model, axis: int, edges: list[tuple[list[int], list[int]]],
                        readers: list[list[tuple[int, float]]], forces: list[float]) -> dict[int, list[float]] | None:
    """The nodal loads of each floor's accidental torsion: the moment of its lateral force about the vertical at
    ACCIDENTAL_ECCENTRICITY of the floor's width across the forces, spread over the nodes that carry its force as a
    rigid floor's rotation would load them (each node's share of the mass times its distance from the floor's centre of
    mass, tangentially), or, where the mass is at one point, the moment at that node's rotation about the vertical
    (a diaphragm's master). None where a floor can take neither."""
    across = next(a for a in m.horizontal if a != axis)
    spin = 3 + m.vertical if m.ndf >= 6 else None  # the 0-based DOF of the rotation about the vertical axis
    loads: dict[int, list[float]] = {}
    for (low, high), shares, force in zip(edges, readers, forces):
        width = m.coords[high[0]][across] - m.coords[low[0]][across]
        moment = force * ACCIDENTAL_ECCENTRICITY * width
        centre = [sum(share * m.coords[t][a] for t, share in shares) for a in (axis, across)]
        offsets = [(t, share, m.coords[t][axis] - centre[0], m.coords[t][across] - centre[1]) for t, share in shares]
        polar = sum(share * (dx * dx + dy * dy) for _, share, dx, dy in offsets)
        if polar > (LEVEL_TOLERANCE_M * width) ** 2 and all(len(m.mass[t]) > max(axis, across) for t, *_ in offsets):
            for t, share, dx, dy in offsets:
                vec = loads.setdefault(t, [0.0] * len(m.mass[t]))
                vec[axis] -= moment * share * dy / polar
                vec[across] += moment * share * dx / polar
        elif len(shares) == 1 and spin is not None and len(m.mass[shares[0][0]]) > spin:
            vec = loads.setdefault(shares[0][0], [0.0] * len(m.mass[shares[0][0]]))
            vec[spin] += moment
        else:
            return None
    return loads if loads else None


def _edges(m: _Model, floors: list[list[int]], axis: int) -> list[tuple[list[int], list[int]]]:
    """Per floor, the nodes of elements at its two edges across ``axis`` (the least and the largest coordinate along
    the other horizontal axis), whose displacements along ``axis`` tell whether the floor twists; none in 2D."""
    if m.ndm != 3 or len(m.horizontal) < 2:
        return []
    across = next(a for a in m.horizontal if a != axis)
    in_elements = {t for e in m.elements for t in e.nodes}
    pairs = []
    for nodes in floors:
        tags = [t for t in nodes if t in in_elements]
        if not tags:
            return []
        low = min(m.coords[t][across] for t in tags)
        high = max(m.coords[t][across] for t in tags)
        if high - low <= LEVEL_TOLERANCE_M:
            return []
        pairs.append(([t for t in tags if m.coords[t][across] - low <= LEVEL_TOLERANCE_M],
                      [t for t in tags if high - m.coords[t][across] <= LEVEL_TOLERANCE_M]))
    return pairs


# --- Entry point -------------------------------------------------------------------------


def inspect_model(request: InspectionRequest | None = None) -> ModelFacts:
    """Facts about the model in the OpenSees domain, with our eigen, gravity and ELF analyses.

    Never raises for a bad model: failures are in ``analysis_errors``.
    """
    request = request or InspectionRequest()
    ops = load_opensees()
    stderr = _Stderr()
    stderr.start()
    rec = _Recorder(stderr)
    try:
        return _inspect(ops, request, rec)
    finally:
        stderr.stop()


def _mass_facts(m: _Model) -> dict[str, Any]:
    """The fields of ModelFacts that follow from the nodes' masses (and the floors they make)."""
    x = m.horizontal[0]
    return {
        "nodes": [NodeFact.model_construct(tag=t, coords_m=m.coords[t], mass=m.mass[t], fixed_dofs=m.fixed.get(t, []))
                  for t in m.tags],  # typed as read (_read): not validated again, one node at a time
        "base_level_m": m.base_level,
        "floors": [FloorFact(level_m=z - m.base_level, nodes=nodes, mass_kg=sum(_m(m, t, x) for t in nodes))
                   for z, nodes in zip(m.floor_levels, m.floor_nodes)],
        "total_mass_kg": sum(_m(m, t, x) for t in m.tags),
        "restrained_mass_kg": sum(_m(m, t, x) for t in m.tags if x + 1 in m.fixed.get(t, [])),
    }


def _element_mass(ops: Any, m: _Model) -> float:
    """Add the mass the elements carry to their nodes' masses (translations), as a rigid-body acceleration of 1
    along each axis finds it: every node's dynamic reaction (``ops.reactions('-dynamic')``: its elements' inertia
    forces and its own mass's) less its nodal mass, on the reset domain (no displacement, velocity or load); a
    consistent mass (-cMass) so lumps by its rows. Returns the X mass added, kg. OpenSees' ``nodeMass`` holds only
    what ``ops.mass`` (or ``node(..., '-mass')``) gave: an elasticBeamColumn's '-mass' (a mass per length) was no mass
    to the checks, which failed a model whose eigen analysis counted it."""
    def reactions() -> dict[int, list[float]]:
        ops.reactions("-dynamic")
        return {t: [float(v) for v in _as_list(ops.nodeReaction(t))] for t in m.tags}

    still = reactions()  # forces of the state at rest (initial stresses), taken off
    added_x = 0.0
    for axis in range(m.ndm):
        for t in m.tags:
            ops.setNodeAccel(t, axis + 1, 1.0, "-commit")
        moving = reactions()
        for t in m.tags:
            ops.setNodeAccel(t, axis + 1, 0.0, "-commit")
            if axis >= len(m.mass[t]) or axis >= len(moving[t]):
                continue
            extra = moving[t][axis] - still[t][axis] - m.mass[t][axis]
            if extra > 1e-9 * max(1.0, abs(m.mass[t][axis])):
                m.mass[t][axis] += extra
                added_x += extra if axis == m.horizontal[0] else 0.0
    ops.reactions()  # the reactions back to the static ones
    return added_x


def _inspect(ops: Any, request: InspectionRequest, rec: _Recorder) -> ModelFacts:
    m = _read(ops, rec)
    facts = ModelFacts(ndm=m.ndm, ndf=m.ndf, vertical_axis=m.vertical, elements=m.elements, constraints=m.constraints,
                       **_mass_facts(m))
    if not m.tags:
        rec.fail("model", "the domain holds no nodes: the script built no model (or wiped it); build it with ops.node, "
                          "ops.fix, ops.mass and ops.element before the script ends")
        facts.analysis_errors = rec.errors
        return facts
    bad = [t for t in m.tags if not all(math.isfinite(x) for x in m.coords[t] + m.mass[t])]
    if bad:  # OpenSees takes NaN and inf without a word; no analysis of such a model means anything
        rec.fail("model", f"nodes {bad[:8]} have coordinates or masses that are not finite numbers (NaN or inf, "
                          f"e.g. node {bad[0]}: coordinates {m.coords[bad[0]]}, mass {m.mass[bad[0]]}): compute them "
                          "before node() and mass() (a NaN comes from missing data or 0/0)")
        facts.nodes, facts.elements, facts.floors = [], [], []
        facts.total_mass_kg = facts.restrained_mass_kg = 0.0
        facts.analysis_errors = rec.errors
        return facts
    with rec.stage("resetting the domain"):
        facts.reset_note, facts.as_left_period_s, facts.as_left_vertical_load_n = _reset_domain(
            ops, m, rec, geometric=request.geometric_nonlinearity)
    if request.element_mass:
        with rec.stage("reading the elements' mass"):
            added = _element_mass(ops, m)
            if added > 0.0:
                _levels(m)  # the floors again: a floor whose mass is all its beams' held none before
                for key, value in _mass_facts(m).items():
                    setattr(facts, key, value)
                facts.element_mass_kg = added
    geometric = m.ndm >= 2  # a 1-D stick has no vertical axis to load by gravity, no floors to push sideways
    want_gravity = geometric and request.run_gravity
    want_lateral = geometric and request.run_lateral and request.seismic is not None
    standing = False
    with rec.stage("eigen"):
        eigenvalues, tried = _eigen(ops, m, request.num_modes, rec, static=want_gravity or want_lateral)
        standing = eigenvalues is not None and not tried
        if eigenvalues is not None:
            facts.modal = _modal(ops, m, eigenvalues, rec, tried)
    if want_gravity or want_lateral:
        ready = False
        with rec.stage("static analysis setup"):
            if not standing:
                _static_setup(ops)
            ready = True
        elastic = all(_elastic(e.type) for e in m.elements)
        if ready and want_gravity:
            with rec.stage("gravity"):
                facts.gravity = _gravity(ops, m, elastic=elastic)
        if ready and want_lateral:
            assert request.seismic is not None
            _lateral_all(ops, m, facts, request, rec, elastic=elastic)
        with rec.stage("cleanup"):
            ops.wipeAnalysis()
    if request.member_rigidities:
        with rec.quiet().stage("reading the members' rigidities"):
            _read_rigidities(ops, m)
    if request.joint_offsets:  # not the model's fault where this fails: the checks then judge it without
        offsets: dict[int, dict[str, Any]] = {}
        with rec.quiet().stage("reading end offsets"):
            offsets = _end_offsets(ops, m)
        if offsets and facts.modal is not None:
            facts.centreline_periods_s = _centreline_periods(ops, m, offsets, len(facts.modal.periods_s), rec.quiet())
    facts.analysis_errors = rec.errors
    return facts


# --- Members' rigidities ----------------------------------------------------------------


def _read_rigidities(ops: Any, m: _Model) -> None:
    """EA and EI of each two-node element that has a basic stiffness (elastic, force- and displacement-based
    beam-columns): [EA/L, 4EI/L, ...] on the diagonal of eleResponse 'basicStiffness' (2D: P, Mi, Mj; 3D: P, Mz i,
    Mz j, My i, My j, T), L the distance between its nodes (its flexible length where it has end offsets). A
    horizontal member's EI in the vertical plane comes first (its local y horizontal: its EI about local y)."""
    for fact in m.elements:
        if len(fact.nodes) != 2 or not all(t in m.coords for t in fact.nodes):
            continue
        try:
            k = [float(x) for x in _as_list(ops.eleResponse(fact.tag, "basicStiffness"))]
        except Exception:  # noqa: BLE001  (an element without the response: no rigidities)
            continue
        a, b = m.coords[fact.nodes[0]], m.coords[fact.nodes[1]]
        length = math.dist(a, b)
        if length == 0.0 or len(k) not in (9, 36):
            continue
        n = 3 if len(k) == 9 else 6
        diag = [k[i * n + i] for i in range(n)]
        fact.rigidities = [diag[0] * length, diag[1] * length / 4] + ([diag[3] * length / 4] if n == 6 else [])
        if n == 6 and abs(b[m.vertical] - a[m.vertical]) < 0.1 * length:  # a beam: its EI in the vertical plane first
            try:
                y_axis = [float(x) for x in _as_list(ops.eleResponse(fact.tag, "yaxis"))]
            except Exception:  # noqa: BLE001  (no local axes: the order of local z, y is kept)
                y_axis = []
            if len(y_axis) > m.vertical and abs(y_axis[m.vertical]) < 0.5:  # local y horizontal: bends about y
                fact.rigidities[1], fact.rigidities[2] = fact.rigidities[2], fact.rigidities[1]


# --- Rigid end offsets ------------------------------------------------------------------

_OFFSET_TRANSFORMATIONS = {"LinearCrdTransf2d": "Linear", "LinearCrdTransf3d": "Linear",
                           "PDeltaCrdTransf2d": "PDelta", "PDeltaCrdTransf3d": "PDelta"}
"""The transformations that take -jntOffset (the corotational ones ignore it, saying so), by their OpenSees names."""
_BEAM_INTEGRATIONS = {"Lobatto", "Legendre", "Radau", "NewtonCotes"}
"""Integrations a force- or displacement-based element is built again with: one section at every point."""


def _printed_model(ops: Any) -> dict[str, Any]:
    """The model as ``printModel('-JSON')`` writes it (transformations with their offsets, elements with their
    properties and transformation): the one place OpenSees tells a transformation's offsets."""
    fd, path = tempfile.mkstemp(prefix="autobm-model-", suffix=".json")  # the job's working directory (TMPDIR)
    os.close(fd)
    try:
        ops.printModel("-JSON", "-file", path)
        with open(path, encoding="utf-8", errors="replace") as f:
            return json.load(f).get("StructuralAnalysisModel") or {}
    finally:
        os.remove(path)


def _end_offsets(ops: Any, m: _Model) -> dict[int, dict[str, Any]]:
    """The elements whose transformation has rigid end offsets: tag -> the element as printed, its transformation
    under "transformation"; each one's ``ElementFact.end_offsets`` set."""
    model = _printed_model(ops)
    transformations = {str(t.get("name")): t for t in (model.get("properties") or {}).get("crdTransformations") or []}
    found: dict[int, dict[str, Any]] = {}
    for e in (model.get("geometry") or {}).get("elements") or []:
        t = transformations.get(str(e.get("crdTransformation")))
        if t is None:
            continue
        ends = [[float(x) for x in t.get(key) or []] for key in ("iOffset", "jOffset")]
        if any(x != 0.0 for end in ends for x in end):
            found[int(e["name"])] = {**e, "transformation": t,
                                     "offsets": [(end + [0.0] * m.ndm)[: m.ndm] for end in ends]}
    for fact in m.elements:
        if fact.tag in found:
            fact.end_offsets = found[fact.tag]["offsets"]
    return found


def _element_commands(elements: dict[int, dict[str, Any]], transformation: dict[str, int]
                      ) -> list[tuple[str, tuple[Any, ...]]] | None:
    """The OpenSees calls that build ``elements`` (as printed) again on the transformations ``transformation`` maps
    theirs to; None where one of them cannot be (an element of another kind, releases, sections that vary)."""
    calls: list[tuple[str, tuple[Any, ...]]] = []
    for tag, e in elements.items():
        kind, (i, j) = str(e.get("type")), e.get("nodes") or (None, None)
        transf = transformation[str(e["transformation"]["name"])]
        mass = ("-mass", float(e["massperlength"])) if float(e.get("massperlength") or 0.0) > 0.0 else ()
        if kind == "ElasticBeam2d" and not e.get("release"):
            calls.append(("element", ("elasticBeamColumn", tag, i, j, e["A"], e["E"], e["Iz"], transf, *mass)))
        elif kind == "ElasticBeam3d" and not e.get("releasez") and not e.get("releasey"):
            calls.append(("element", ("elasticBeamColumn", tag, i, j, e["A"], e["E"], e["G"], e["Jx"], e["Iy"], e["Iz"],
                                      transf, *mass)))
        elif kind in ("ForceBeamColumn2d", "ForceBeamColumn3d", "DispBeamColumn2d", "DispBeamColumn3d"):
            sections = [str(x) for x in e.get("sections") or []]
            rule = str((e.get("integration") or {}).get("type", ""))
            if not sections or len(set(sections)) != 1 or rule not in _BEAM_INTEGRATIONS:
                return None
            integration = next(_TAGS_CENTRELINE)
            calls.append(("beamIntegration", (rule, integration, int(sections[0]), len(sections))))
            calls.append(("element", ("forceBeamColumn" if kind.startswith("Force") else "dispBeamColumn", tag, i, j,
                                      transf, integration, *mass)))
        else:
            return None
    return calls


def _centreline_periods(ops: Any, m: _Model, offsets: dict[int, dict[str, Any]], num_modes: int,
                        rec: _Recorder) -> list[float]:
    """The periods of the model with its elements' end offsets taken out: each such element is built again, with
    the same properties, on a transformation of the same kind and orientation without offsets; afterwards the
    script's elements are built again on their own transformations, with their properties as ``printModel`` gives
    them (six significant digits: a model inspected again in the same process differs from the script's by that).
    [] where that cannot be done (``_element_commands``)."""
    own = {str(e["transformation"]["name"]): int(e["transformation"]["name"]) for e in offsets.values()}
    plain = {name: next(_TAGS_CENTRELINE) for name in own}
    without, restore = _element_commands(offsets, plain), _element_commands(offsets, own)
    if without is None or restore is None:
        return []
    printed = {str(e["transformation"]["name"]): e["transformation"] for e in offsets.values()}
    periods: list[float] = []
    try:
        with rec.stage("centreline model"):
            for name, tag in plain.items():
                t = printed[name]
                vec = [float(x) for x in t.get("vecInLocXZPlane") or []] if m.ndm == 3 else []
                ops.geomTransf(_OFFSET_TRANSFORMATIONS[str(t.get("type"))], tag, *vec)
            _rebuild(ops, offsets, without)
            for p in _as_list(ops.getPatterns()):
                ops.remove("loadPattern", int(p))
            ops.reset()
            values, _ = _eigen(ops, m, num_modes, rec)
            periods = [2 * math.pi / math.sqrt(v) if v > 0 else math.inf for v in values or []]
    finally:
        with rec.stage("restoring the end offsets"):
            _rebuild(ops, offsets, restore)
            ops.wipeAnalysis()
    return periods if all(math.isfinite(t) for t in periods) else []


def _rebuild(ops: Any, elements: dict[int, dict[str, Any]], calls: list[tuple[str, tuple[Any, ...]]]) -> None:
    """Remove ``elements`` (those that are there: a rebuild that failed half-way left some out) and make ``calls``."""
    there = {int(t) for t in _as_list(ops.getEleTags())}
    for tag in elements:
        if tag in there:
            ops.remove("ele", tag)
    for name, args in calls:
        getattr(ops, name)(*args)


def _lateral_all(ops: Any, m: _Model, facts: ModelFacts, request: InspectionRequest, rec: _Recorder, *,
                 elastic: bool) -> None:
    assert request.seismic is not None
    if facts.modal is None or not facts.modal.periods_s:
        rec.fail("lateral", "no fundamental period (the eigen analysis failed): ELF skipped")
        return
    if not m.floor_nodes:
        rec.fail("lateral", "no floor above the base: ELF skipped")
        return
    system = request.system or "rc_frame"
    modal = facts.modal
    directions = list(zip(["x", "y"], m.horizontal)) if m.ndm == 3 else [("x", 0)]
    if not elastic:
        with rec.stage("lateral"):
            # Every direction is solved on the reset domain's initial tangent: one factorisation serves them all.
            ops.algorithm("Linear", "-factorOnce")
    for label, axis in directions:
        with rec.stage(f"lateral {label}"):
            index = modal.first_mode(label) or 0
            facts.lateral.append(_lateral(ops, m, label, axis, modal.periods_s[index], request.seismic, system,
                                          elastic=elastic))
