"""Every text autobm sends to a drafting model: the spec-fill prompt, the draft prompt and the repair message.

The spec-fill prompt asks for what the deterministic parser could not read from a
description: the text, the parser's reading as JSON (kept as it is), the fields still
missing and the others the model may give, each with its unit and allowed values from
BuildingSpec's schema (``model_parsing.fillable_fields``), and the answer contract: one
JSON object, no guessing. Plain JSON in the answer, since not every model has tool calling.

The draft prompt carries the building (the parsed spec, in SI units), the design-code facts
that matter for it (period band, drift limit, seismic mass), the modelling conventions the
checks hold the model to, and the output contract of AutoBM-Seed-Coder-8B-R:
``<think>…</think><answer>```python …```</answer>``. There is no system message: that
model's chat template rejects one (``models.normalize_messages`` folds any into the user turn).

The repair message is written for the model, not for a person: the real OpenSees error
(from the C-level stderr), the failing line, and each failed check with its measured value,
limit, unit and clause, then the same output contract.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .checks import CheckResult, code_period_band, drift_limit
from .drafting import draft_reference
from .model_parsing import fillable_fields
from .pipeline import RunResult
from .spec import BuildingSpec

OUTPUT_CONTRACT = (
    "Answer format: think step by step inside <think>...</think>, then give the complete, standalone script "
    "inside <answer>...</answer> as one ```python code block. The script must run with `python model.py`: "
    "import openseespy.opensees as ops, call ops.wipe() and ops.model(...), build every node, fixity, mass, "
    "geomTransf and element, run ops.eigen, and print each period as `Mode i: T = <seconds> s` and the "
    "fundamental period as `T1 = <seconds> s`; then run a gravity analysis (beam loads with ops.eleLoad, held "
    "with ops.loadConst) and the code's equivalent lateral forces (ops.load, a static analysis), and print the "
    "base shear (ops.eleForce), the roof displacement and each story's drift ratio (ops.nodeDisp). "
    "No plotting, no input(), no files, no network."
)

FILL_CONTRACT = (
    "Answer format: you may reason inside <think>...</think> first; then give one JSON object in a ```json code "
    "block, with the field names above as keys (seismic fields nested under \"seismic\") and JSON numbers, "
    "strings, booleans or lists as values, in the units named (m, Pa, kg, N/m; accelerations in g). Give only "
    "what the description states, converted to those units; leave out every other field: do not guess and do "
    "not fill in typical values (autobm fills those and records them). If the description does not state a "
    "missing field, leave it out and autobm will ask the person. Nothing the parser read may be changed."
)

_MAX_ERROR_CHARS = 1500
_MAX_STDERR_LINES = 12


def _numbers(values: list[float], unit: str) -> str:
    return ", ".join(f"{v:.6g}" for v in values) + f" {unit}"


def _section_rows(spec: BuildingSpec, kind: str) -> list[str]:
    rows = []
    for s in getattr(spec.sections, kind):
        area, i_strong, i_weak, torsion = s.properties()
        stories = f"stories {s.from_story}-{s.to_story or spec.stories}"
        shape = f"{s.b_m:g} m x {s.h_m:g} m, " if s.b_m is not None and s.h_m is not None else ""
        rows.append(f"  - {kind[:-1]} {stories}: {shape}A = {area:.6g} m2, I strong = {i_strong:.6g} m4, "
                    f"I weak = {i_weak:.6g} m4, J = {torsion:.6g} m4")
    return rows


def building_facts(spec: BuildingSpec) -> list[str]:
    """The spec as lines of model data, SI units, with what the model must reproduce."""
    lines = [f"- Building: {spec.summary()}",
             f"- Story heights, ground story first: {_numbers(spec.story_heights_m, 'm')}"]
    if spec.bay_widths_x_m:
        lines.append(f"- Bay widths along X: {_numbers(spec.bay_widths_x_m, 'm')}")
    if spec.bay_widths_y_m:
        lines.append(f"- Bay widths along Y: {_numbers(spec.bay_widths_y_m, 'm')}")
    if spec.system == "shear_building":
        lines.append(f"- Floor masses, bottom up: {_numbers(spec.seismic_floor_masses_kg(), 'kg')}")
        lines.append(f"- Story lateral stiffnesses, bottom up: {_numbers(spec.story_stiffnesses_n_per_m or [], 'N/m')}")
        return lines
    if spec.material is not None:
        lines.append(f"- Young's modulus E = {spec.material.elastic_modulus_pa:.6g} Pa")
    lines.append("- Sections (gross properties):")
    lines += _section_rows(spec, "columns") + _section_rows(spec, "beams")
    lines.append(f"- Seismic mass of each floor, bottom up: {_numbers(spec.seismic_floor_masses_kg(), 'kg')} "
                 f"(total {spec.total_mass_kg():.6g} kg)")
    return lines


def code_facts(spec: BuildingSpec) -> list[str]:
    """The design-code facts the checks hold the model to, with their clauses."""
    lines = []
    if spec.system != "shear_building":
        band = code_period_band(spec)
        lines.append(f"- Empirical fundamental period: {band.nominal_s:.3f} s, band {band.low_s:.3f}-{band.high_s:.3f} s "
                     f"({band.clause}); a bare frame model is usually longer.")
        limit = drift_limit(spec)
        lines.append(f"- Story drift ratio limit: {limit.ratio:.5g} ({limit.clause}).")
    mass_reason = next((a.reason for a in spec.assumptions if a.field == "live_load_mass_factor"), None)
    if mass_reason:
        lines.append(f"- Seismic mass: {mass_reason}.")
    return lines


def spec_fill_prompt(text: str, given: Mapping[str, Any], missing: list[str]) -> str:
    """The user turn that asks the drafting model for the spec fields the parser could not read.

    ``given`` is the parser's reading (``parsing.read_text``), ``missing`` the fields the
    spec cannot do without (``SpecError.missing``).
    """
    fields = fillable_fields(given)
    read = {k: v for k, v in given.items() if k not in ("source_text", "assumptions")}
    needed = [k for k in missing if k in fields]
    parts = [
        "A deterministic parser read this building description but could not complete the building spec. "
        "Read the description and give the fields it states that the parser did not read.",
        "",
        "Description:",
        text.strip(),
        "",
        "Read by the parser (SI units; kept as they are, do not repeat or change them):",
        "```json",
        json.dumps(read, ensure_ascii=False, sort_keys=True),
        "```",
        "",
        *(["Missing (the model cannot be built without them):", *(f"- {k}: {fields[k]}" for k in needed), ""]
          if needed else []),
        "Other fields you may give, only where the description states them:",
        *(f"- {k}: {d}" for k, d in fields.items() if k not in needed),
        "",
        FILL_CONTRACT,
    ]
    return "\n".join(parts)


def draft_prompt(spec: BuildingSpec) -> str:
    """The user turn that asks for a model of ``spec``."""
    conventions = draft_reference(spec).assumptions
    facts = code_facts(spec)
    parts = [
        "Write an OpenSeesPy script that models this building: an elastic modal analysis, then gravity and the "
        "code's equivalent lateral forces.",
        "",
        f"Description: {spec.source_text}" if spec.source_text else "",
        "",
        "Model data (SI units: m, N, kg, Pa, s):",
        *building_facts(spec),
        "",
        *(["Design-code facts:", *facts, ""] if facts else []),
        "Modelling conventions (the result is checked against them):",
        *(f"- {c}" for c in conventions),
        "",
        OUTPUT_CONTRACT,
    ]
    return "\n".join(p for p in parts if p is not None).replace("\n\n\n", "\n\n").strip()


def _check_line(c: CheckResult) -> str:
    unit = f" {c.unit}" if c.unit else ""
    measured = f" measured {c.value}{unit}" if c.value is not None else ""
    limit = f", limit {c.limit}{unit}" if c.limit is not None else ""
    clause = f" [{c.clause}]" if c.clause else ""
    return f"- {c.id}:{measured}{limit}{clause}. {c.message}".rstrip()


def _stderr_tail(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip() and "Process 0 Terminating" not in line]
    return "\n".join(lines[-_MAX_STDERR_LINES:])[-_MAX_ERROR_CHARS:]


def repair_prompt(result: RunResult | None, *, extraction_problem: str | None = None) -> str:
    """The user turn after a failed attempt: what went wrong, precisely, then the contract again.

    ``extraction_problem``: no code could be taken from the answer (``result`` is then None).
    """
    parts = ["Your script did not pass. Fix it and give the complete corrected script."]
    if extraction_problem:
        parts += ["", f"No runnable code was found in your answer: {extraction_problem}."]
    if result is not None:
        ex = result.execution
        if not ex.ok:
            where = f" at line {ex.error_line}" if ex.error_line else ""
            parts += ["", f"Execution failed{where}: {ex.error_type}: {(ex.error_message or '')[:_MAX_ERROR_CHARS]}"]
            if ex.error_line_text:
                parts.append(f"Failing line {ex.error_line}: {ex.error_line_text.strip()}")
            if ex.timed_out:
                parts.append("The script was stopped at the time limit: look for a loop that never ends.")
            tail = _stderr_tail(result.stderr)
            if tail:
                parts += ["OpenSees and Python error output (last lines):", tail]
        failed = [c for c in result.checks if c.status == "failed" and c.id != "execution"]
        if failed:
            parts += ["", "Failed checks (measured on the model your script built, not on what it printed):"]
            parts += [_check_line(c) for c in failed]
    parts += ["", OUTPUT_CONTRACT]
    return "\n".join(parts)
