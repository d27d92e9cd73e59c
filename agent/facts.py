"""ModelFacts: what autobm read and computed from the model OpenSees holds.

Produced by ``inspection.inspect_model`` inside the sandboxed process after a script ran,
whatever the script printed; consumed by the pure checks in ``checks``. SI units,
in the names. The vertical axis is Y for ndm = 2 and Z for ndm = 3 unless detected otherwise.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class NodeFact(BaseModel):
    tag: int
    coords_m: list[float] = Field(description="coordinates, m")
    mass: list[float] = Field(default_factory=list, description="nodal mass per DOF (kg for translations, kg·m² for rotations); "
                              "with the mass of its elements ('-mass', '-cMass', '-rho') lumped to it where the script "
                              "gives elements mass (ModelFacts.element_mass_kg)")
    fixed_dofs: list[int] = Field(default_factory=list, description="1-based DOFs fixed by fix()")


class ElementFact(BaseModel):
    tag: int
    nodes: list[int]
    type: str = Field("", description="OpenSees class name, e.g. ElasticBeam3d")
    end_offsets: list[list[float]] = Field(default_factory=list, description="rigid end offsets of its transformation "
                                           "(geomTransf -jntOffset): [dI, dJ], the vectors from the I and J nodes to the "
                                           "element's flexible ends, global axes, the model's length unit (m in SI); "
                                           "empty: none (read where the script's text names -jntOffset)")
    rigidities: list[float] = Field(default_factory=list, description="a beam-column's axial and flexural rigidities "
                                    "from its initial basic stiffness, [EA, EI about local z, EI about local y (3D)] "
                                    "(a horizontal member's EI in the vertical plane second, whichever local axis), "
                                    "the model's force and length units (N and N·m² in SI); empty where not read "
                                    "(InspectionRequest.member_rigidities) or not a beam-column with a basic stiffness")


class ConstraintFact(BaseModel):
    retained_node: int
    constrained_nodes: list[int]
    dofs: list[int] = Field(default_factory=list, description="1-based constrained DOFs")


class FloorFact(BaseModel):
    level_m: float = Field(description="elevation of the floor above the base, m")
    nodes: list[int]
    mass_kg: float = Field(description="sum of horizontal translational nodal mass on the floor, kg")


class ModalFacts(BaseModel):
    eigenvalues: list[float] = Field(description="λ = ω², (rad/s)²")
    periods_s: list[float] = Field(description="T = 2π/√λ, s")
    mass_participation_x: list[float] = Field(default_factory=list, description="effective modal mass ratio along X, per mode")
    mass_participation_y: list[float] = Field(default_factory=list, description="effective modal mass ratio along Y (3D), per mode")
    dominant_direction: list[str] = Field(default_factory=list, description="'x', 'y' or 'torsion' per mode")
    first_mode_shape_x: list[float] = Field(default_factory=list, description="floor displacement along X of the first X-dominated mode (mode 1 in 2D), normalised to the roof, per floor")
    first_mode_shape_y: list[float] = Field(default_factory=list, description="3D: floor displacement along Y of the first Y-dominated mode, normalised to the roof, per floor")

    def first_mode(self, axis: str) -> int | None:
        """Index of the first mode dominated by ``axis`` ('x', 'y' or 'torsion'), None where no mode is."""
        return next((i for i, d in enumerate(self.dominant_direction) if d == axis), None)


class GravityFacts(BaseModel):
    applied_vertical_n: float = Field(description="total vertical load applied by autobm (mass × g, downward), N")
    reaction_vertical_n: float = Field(description="sum of vertical support reactions, N")
    relative_error: float = Field(description="|applied − reactions| / applied")


class LateralFacts(BaseModel):
    direction: str = Field(description="'x' or 'y'")
    code: str
    base_shear_n: float
    story_forces_n: list[float] = Field(description="lateral force at each floor, N")
    floor_displacements_m: list[float] = Field(description="lateral displacement of each floor at its centre of mass (the mass-weighted mean of its nodes), m")
    story_drifts_m: list[float] = Field(description="elastic interstory drift of each story under the lateral forces, m")
    story_heights_m: list[float]
    story_drift_ratios: list[float] = Field(description="design drift / story height, with the code's amplification applied")
    amplification: float = Field(1.0, description="factor applied to elastic drifts (ASCE 7 Cd/Ie; EN 1998 q); 1 for GB 50011")
    edge_displacement_ratios: list[float] = Field(default_factory=list, description="3D: each floor's larger displacement "
                                                  "at its two edges across the direction over their mean (1 for a floor "
                                                  "that does not twist), with the accidental eccentricity when "
                                                  "accidental_eccentricity is not 0 (the worse of its two signs); empty "
                                                  "where a floor has no two edges")
    edge_drift_ratios: list[float] = Field(default_factory=list, description="3D: the same of each story's drifts at the "
                                           "two edges (ASCE 7-22 Table 12.3-1 type 1a)")
    edge_displacement_ratios_centred: list[float] = Field(default_factory=list, description="3D: edge_displacement_ratios "
                                                          "without the accidental eccentricity: the floors' forces at "
                                                          "their masses only")
    accidental_eccentricity: float = Field(0.0, description="the accidental eccentricity in the edge ratios, a share of "
                                           "each floor's width across the forces (0.05: JGJ 3-2010 4.3.3, ASCE 7-22 "
                                           "12.8.4.2, EN 1998-1 4.3.2); 0 where none could be applied")
    note: str = ""


class ModelFacts(BaseModel):
    """The model as OpenSees holds it, with autobm's own analyses of it."""

    ndm: int
    ndf: int
    vertical_axis: int = Field(description="0-based coordinate index of the vertical axis")
    nodes: list[NodeFact]
    elements: list[ElementFact]
    constraints: list[ConstraintFact] = Field(default_factory=list)
    floors: list[FloorFact] = Field(default_factory=list, description="floor levels above the base, bottom up: the "
                                    "levels holding mass (every level where none does), less light ones that nothing "
                                    "joins horizontally (a column's mid-height node)")
    base_level_m: float = 0.0
    total_mass_kg: float = Field(0.0, description="sum of horizontal (X) translational nodal mass, kg")
    restrained_mass_kg: float = Field(0.0, description="the part of total_mass_kg on nodes whose X translation is "
                                                       "fixed (base nodes): it does not vibrate, kg")
    element_mass_kg: float = Field(0.0, description="horizontal (X) mass the elements carry ('-mass', '-cMass', '-rho'), "
                                                   "lumped to their nodes and counted in the nodes' masses, kg")
    modal: ModalFacts | None = None
    gravity: GravityFacts | None = None
    lateral: list[LateralFacts] = Field(default_factory=list)
    analysis_errors: list[str] = Field(default_factory=list, description="what failed in autobm's own analyses, with OpenSees' message")
    reset_note: str = Field("", description="what the script's own analyses had left in the domain (displacements, time) "
                                            "before autobm reset it to its initial state; empty where it ran none")
    as_left_period_s: float | None = Field(None, description="T1 of the state the script's own analyses left (its "
                                                             "tangent: loaded, cracked, yielded), where the model has "
                                                             "elements other than elastic beams; s")
    as_left_vertical_load_n: float | None = Field(None, description="where as_left_period_s is kept: the sum of the "
                                                  "vertical support reactions in that state (the gravity load the "
                                                  "script applied), the model's force unit (N in SI)")
    centreline_periods_s: list[float] = Field(default_factory=list, description="where elements have rigid end offsets "
                                              "(ElementFact.end_offsets): the periods of the same model with the offsets "
                                              "taken out (its members from node to node, as the reference model's are), s; "
                                              "empty otherwise, or where its elements could not be built again")

    @property
    def vibrating_mass_kg(self) -> float:
        """Horizontal (X) mass on DOFs free to move, kg: the seismic mass of the model."""
        return self.total_mass_kg - self.restrained_mass_kg

    @property
    def fundamental_period_s(self) -> float | None:
        return self.modal.periods_s[0] if self.modal and self.modal.periods_s else None
