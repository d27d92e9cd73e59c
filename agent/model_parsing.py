"""The drafting model reads what the deterministic parser could not; the parser keeps the last word.

``parsing.parse_text`` is the authority on a description: what it reads from the text is
never changed. When it cannot complete a spec (a story count said in words it does not
know, "ground floor plus two"), the agent may show the drafting model the
text, the parser's reading and the fields still open (prompt: ``prompts.spec_fill_prompt``)
and ask for a JSON object of the fields the text states. This module is the deterministic
half of that exchange:

- ``fillable_fields``: the fields the model may give, each with its unit and allowed values
  from BuildingSpec's schema; none that the parser read, nor a synonym of one
  (``story_heights_m`` when it read ``story_height_m``, say).
- ``extract_json_object``: the JSON object in an answer, a ```json block or else the first
  balanced ``{...}``, looked for outside ``<think>``. Never raises.
- ``read_model_answer``: the answer sorted into fields taken (type-checked against the
  spec's own field types), fields ignored (with why) and problems.
- ``complete_with_model``: the parser's reading plus the fields taken, completed and
  validated by ``spec.complete_spec`` (the rules of every spec); each model-filled field is
  recorded in ``assumptions``.

JSON in the answer, not tool calling or ``with_structured_output``: the served
AutoBM-Seed-Coder model (vLLM without a tool parser), small local models and the scripted
test models have no tool calling, and the answer is validated here in every case.
"""

from __future__ import annotations

import ast
import copy
import json
import re
import types
import typing
from collections.abc import Iterator, Mapping
from typing import Annotated, Any

import annotated_types
from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from . import codes
from .errors import SpecError
from .spec import (
    BAY_WIDTH_RANGE_M,
    MAX_BAYS,
    MAX_STORIES,
    PARTIAL_KEYS,
    READ_BY_MODEL,
    STORY_HEIGHT_RANGE_M,
    Assumption,
    BuildingSpec,
    Material,
    SeismicInput,
    Section,
    complete_spec,
)

__all__ = ["FILLABLE_KEYS", "IgnoredField", "ModelReading", "complete_with_model", "extract_json_object", "fillable_fields",
           "missing_fields", "read_model_answer"]

# ---------------------------------------------------------------------------------
# The fields a model may fill: complete_spec's keys, typed and described by the spec.
# ---------------------------------------------------------------------------------

FILLABLE_KEYS: tuple[str, ...] = (
    "system", "dimensions", "stories", "story_height_m", "first_story_height_m", "story_heights_m",
    "bays_x", "bay_width_x_m", "bay_widths_x_m", "bays_y", "bay_width_y_m", "bay_widths_y_m", "tributary_width_m",
    "concrete_grade", "steel_grade", "elastic_modulus_pa", "columns", "beams",
    "occupancy", "dead_load_pa", "live_load_pa", "floor_masses_kg", "story_stiffnesses_n_per_m", "rigid_diaphragm",
    *(f"seismic.{k}" for k in SeismicInput.model_fields),
)
"""complete_spec's keys a model may fill, in the order the prompt lists them (seismic ones dotted)."""

_MATERIAL_KEYS = ("concrete_grade", "steel_grade", "elastic_modulus_pa")
_PARTIAL_TYPES: dict[str, Any] = {
    "story_height_m": float, "first_story_height_m": float, "bays_x": int, "bays_y": int,
    "bay_width_x_m": float, "bay_width_y_m": float, "columns": list[Section], "beams": list[Section],
}
_PARTIAL_DESCRIPTIONS = {**PARTIAL_KEYS, "bay_width_x_m": "width of every bay along X, m",
                         "bay_width_y_m": "width of every bay along Y, m"}

_HEIGHT = f"{STORY_HEIGHT_RANGE_M[0]:g} to {STORY_HEIGHT_RANGE_M[1]:g} m"
_WIDTH = f"{BAY_WIDTH_RANGE_M[0]:g} to {BAY_WIDTH_RANGE_M[1]:g} m"
_ALLOWED: dict[str, str] = {
    # Ranges the spec checks in its validators, not in field types.
    "stories": f"a whole number, 1 to {MAX_STORIES}",
    "story_heights_m": f"a list, one per story, each {_HEIGHT}",
    "story_height_m": _HEIGHT,
    "first_story_height_m": _HEIGHT,
    "bays_x": f"a whole number, 1 to {MAX_BAYS}",
    "bays_y": f"a whole number, 1 to {MAX_BAYS}",
    "bay_width_x_m": _WIDTH,
    "bay_width_y_m": _WIDTH,
    "bay_widths_x_m": f"a list, one per bay, each {_WIDTH}",
    "bay_widths_y_m": f"a list, one per bay, each {_WIDTH}",
    "tributary_width_m": _WIDTH,
    "dead_load_pa": "0 to 100000 Pa",
    "live_load_pa": "0 to 100000 Pa",
    "floor_masses_kg": "a list, one per floor from the first floor up, each > 0 kg",
    "story_stiffnesses_n_per_m": "a list, one per story from the ground story up, each > 0 N/m",
    "concrete_grade": ", ".join([*codes.CONCRETE_EC_GB50010_MPA, *codes.CONCRETE_ECM_EN1992_MPA]),
    "steel_grade": ", ".join(codes.STEEL_E_MPA),
    "columns": "a list of sections {from_story, to_story, b_m, h_m} (rectangles, m) or {from_story, to_story, "
               "area_m2, inertia_m4}",
    "beams": "a list of sections, as columns",
    "seismic.intensity": ", ".join(str(i) for i in codes.GB_INTENSITY_PGA_G),
    "seismic.site_class": ", ".join(codes.GB_SITE_CLASSES),
    "seismic.design_group": "1, 2 or 3",
}

_SAME_QUANTITY: dict[str, tuple[str, ...]] = {
    # A model field -> parser fields that already fix the same quantity (complete_spec would
    # let the model's value win, or drop the parser's).
    "story_heights_m": ("story_height_m", "first_story_height_m"),
    "story_height_m": ("story_heights_m",),
    "first_story_height_m": ("story_heights_m",),
    "bays_x": ("bay_widths_x_m",),
    "bays_y": ("bay_widths_y_m",),
    "bay_width_x_m": ("bay_widths_x_m", "bay_width_m"),
    "bay_width_y_m": ("bay_widths_y_m", "bay_width_m"),
    "bay_widths_x_m": ("bays_x", "bay_width_x_m", "bay_width_m"),
    "bay_widths_y_m": ("bays_y", "bay_width_y_m", "bay_width_m"),
    "dimensions": ("bays_y", "bay_width_y_m", "bay_widths_y_m"),
    "elastic_modulus_pa": ("concrete_grade", "steel_grade"),
    "concrete_grade": ("elastic_modulus_pa",),
    "steel_grade": ("elastic_modulus_pa",),
}

_CODE_KEYS = {"gb50011": ("intensity", "site_class", "design_group"), "asce7": ("sds_g", "sd1_g", "s1_g", "risk_category"),
              "en1998": ("ground_type", "importance_class", "reference_pga_g")}


def _source(key: str) -> FieldInfo | None:
    """The spec's own field behind a fillable key (its type, bounds and description)."""
    if key.startswith("seismic."):
        return SeismicInput.model_fields[key.removeprefix("seismic.")]
    if key in _MATERIAL_KEYS:
        return Material.model_fields[key]
    return BuildingSpec.model_fields.get(key)


def _adapter(key: str) -> TypeAdapter[Any]:
    field = _source(key)
    if field is None:
        return TypeAdapter(_PARTIAL_TYPES[key])
    return TypeAdapter(Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation)


def _bounds(metadata: list[Any]) -> str:
    signs = {"gt": ">", "ge": ">=", "lt": "<", "le": "<="}
    parts = [f"{sign} {getattr(m, name):g}" for m in metadata for name, sign in signs.items()
             if isinstance(m, annotated_types.BaseMetadata) and hasattr(m, name)]
    return " and ".join(parts)


def _literals(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return list(typing.get_args(annotation))
    if origin in (typing.Union, types.UnionType):
        return [v for arg in typing.get_args(annotation) for v in _literals(arg)]
    return []


def _describe(key: str) -> str:
    """'description; allowed: ...' of one fillable key, from the spec's field and validators."""
    field = _source(key)
    description = (field.description if field is not None else None) or _PARTIAL_DESCRIPTIONS.get(key, "")
    allowed = _ALLOWED.get(key)
    if allowed is None and field is not None:
        literals = _literals(field.annotation)
        allowed = ", ".join(str(v) for v in literals) if literals else _bounds(field.metadata)
    if not allowed or all(item in description for item in allowed.split(", ")):
        return description
    return f"{description}; allowed: {allowed}"


def _read_by_parser(given: Mapping[str, Any], key: str) -> str | None:
    """Why the parser's reading owns ``key`` (None: the model may fill it)."""
    seismic = given.get("seismic") or {}
    if key.startswith("seismic."):
        sub = key.removeprefix("seismic.")
        if sub in seismic:
            return f"the parser read seismic.{sub} = {seismic[sub]!r} from the text: kept"
        code = seismic.get("code")
        if code is not None and any(sub in keys for c, keys in _CODE_KEYS.items() if c != code):
            return f"an input of another code: the text gives {code} input"
        return None
    if key in given:
        return f"the parser read {key} = {given[key]!r} from the text: kept"
    same = [k for k in _SAME_QUANTITY.get(key, ()) if k in given]
    if same:
        return f"the parser read {same[0]} = {given[same[0]]!r} from the text, the same quantity: kept"
    return None


def fillable_fields(given: Mapping[str, Any]) -> dict[str, str]:
    """The fields a model may add to the parser's reading ``given``, each with its description.

    >>> fields = fillable_fields({"story_height_m": 3.2, "seismic": {"intensity": 8, "code": "gb50011"}})
    >>> fields["stories"]
    'number of stories above the base, 1..150; allowed: a whole number, 1 to 150'
    >>> [k for k in ("story_height_m", "story_heights_m", "seismic.intensity", "seismic.sds_g") if k in fields]
    []
    """
    return {k: _describe(k) for k in FILLABLE_KEYS if _read_by_parser(given, k) is None}


def missing_fields(given: Mapping[str, Any]) -> list[str]:
    """The fields ``complete_spec`` cannot do without that ``given`` lacks ([] when it completes).

    >>> missing_fields({"system": "rc_frame"})
    ['stories']
    """
    try:
        complete_spec(given)
    except SpecError as exc:
        return exc.missing
    return []


# ---------------------------------------------------------------------------------
# The answer: a JSON object, found and sorted out.
# ---------------------------------------------------------------------------------

_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL | re.IGNORECASE)
_FENCED = re.compile(r"```[ \t]*(?:json5?|javascript|js)?[ \t]*\n(.*?)```", re.DOTALL | re.IGNORECASE)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_MAX_CANDIDATES = 64
_MAX_JSON_CHARS = 50_000


def _outside_think(text: str) -> str:
    """The answer without its reasoning: closed and unclosed ``<think>`` blocks removed, and
    anything before a lone ``</think>`` (a template that opened the block in the prompt)."""
    if "</think>" in text.lower() and "<think>" not in text.lower():
        text = text[text.lower().rindex("</think>") + len("</think>"):]
    return _THINK.sub(" ", text)


def _balanced_objects(text: str) -> Iterator[str]:
    """Every balanced ``{...}`` span, outermost first, braces inside strings ignored."""
    starts = [i for i, ch in enumerate(text) if ch == "{"][:_MAX_CANDIDATES]
    for start in starts:
        depth, quote, escaped = 0, None, False
        for i in range(start, min(len(text), start + _MAX_JSON_CHARS)):
            ch = text[i]
            if quote:
                if escaped:
                    escaped = False
                elif ch == "\\":
                    escaped = True
                elif ch == quote:
                    quote = None
            elif ch in "\"'":
                quote = ch
            elif ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    yield text[start:i + 1]
                    break


def _loads(candidate: str) -> Any:
    """JSON, JSON with trailing commas, or a Python dict literal (small models write those)."""
    for attempt in (candidate, _TRAILING_COMMA.sub(r"\1", candidate)):
        try:
            return json.loads(attempt)
        except json.JSONDecodeError:
            pass
    try:
        return ast.literal_eval(candidate.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None


def extract_json_object(text: str) -> dict[str, Any] | None:
    """The JSON object in a model's answer, or None: a ```json block first, else the first
    balanced ``{...}`` that parses; reasoning inside ``<think>`` is never read.

    >>> extract_json_object('<think>maybe {"stories": 9}</think>\\n```json\\n{"stories": 3}\\n```')
    {'stories': 3}
    >>> extract_json_object('It says {"stories": 3, "name": "a } in a string"}, I think.')
    {'stories': 3, 'name': 'a } in a string'}
    >>> extract_json_object("It has some floors.") is None
    True
    """
    body = _outside_think(text or "")
    fenced = [m.group(1) for m in _FENCED.finditer(body)]
    for candidate in (*fenced, *_balanced_objects(body)):
        value = _loads(candidate)
        if isinstance(value, dict):
            return value
    return None


class IgnoredField(BaseModel):
    """A field of the model's answer that was not taken, and why."""

    field: str = Field(description="the key as the model wrote it (seismic fields dotted)")
    value: Any = Field(description="the value the model gave")
    why: str = Field(description="why it was not taken")


class ModelReading(BaseModel):
    """The drafting model's answer to ``prompts.spec_fill_prompt``, sorted out (JSON-able, kept in the state)."""

    text: str = Field(description="the description the model read (with the person's answers)")
    model: str = Field(description="the model that answered, as in traces")
    fields: dict[str, Any] = Field(default_factory=dict,
                                   description="spec field (seismic ones dotted) -> the model's value, in the "
                                               "field's SI unit; only fields the parser did not read")
    ignored: list[IgnoredField] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list,
                                description="why the answer cannot be used: no JSON object, a value of the wrong type")


def _flatten(obj: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    for key, value in obj.items():
        if key == "seismic" and isinstance(value, Mapping):
            for sub, v in value.items():
                yield f"seismic.{sub}", v
        else:
            yield str(key), value


def read_model_answer(given: Mapping[str, Any], answer: str, *, text: str, model: str) -> ModelReading:
    """Sort the model's answer: fields taken (typed as the spec types them), fields ignored
    (not a spec field, or read by the parser), problems (no object, a badly typed value).

    >>> r = read_model_answer({"story_height_m": 3.2}, '{"stories": "3", "story_height_m": 4}', text="", model="m")
    >>> (r.fields, [i.field for i in r.ignored], r.problems)
    ({'stories': 3}, ['story_height_m'], [])
    """
    reading = ModelReading(text=text, model=model)
    obj = extract_json_object(answer)
    if obj is None:
        reading.problems.append("the drafting model's answer holds no JSON object")
        return reading
    allowed = set(FILLABLE_KEYS)
    for key, value in _flatten(obj):
        if value is None:
            continue
        if key not in allowed:
            reading.ignored.append(IgnoredField(field=key, value=value, why="not a field the model may fill"))
            continue
        why = _read_by_parser(given, key)
        if why is not None:
            reading.ignored.append(IgnoredField(field=key, value=value, why=why))
            continue
        try:
            typed = _adapter(key).validate_python(value)
        except ValidationError as exc:
            msg = "; ".join(e["msg"] for e in exc.errors(include_url=False))
            reading.problems.append(f"{key} = {value!r}: {msg} (allowed: {_describe(key)})")
            continue
        if isinstance(value, bool) and not isinstance(typed, bool):  # lax validation reads true as 1
            reading.problems.append(f"{key} = {value!r}: true or false is not a value of this field "
                                    f"(allowed: {_describe(key)})")
            continue
        reading.fields[key] = _adapter(key).dump_python(typed, mode="json", exclude_none=True)
    return reading


def complete_with_model(given: Mapping[str, Any], reading: ModelReading) -> BuildingSpec:
    """The parser's reading plus the model's fields, completed and validated like any spec.

    Each model field becomes an assumption ("filled by the drafting model from the text");
    the parser's own fields are never replaced (``read_model_answer`` keeps them out).
    Raises SpecError: the reading's problems, a value the spec rejects, or a field still missing.
    """
    if reading.problems:
        raise SpecError(reading.problems)
    merged = copy.deepcopy(dict(given))
    assumptions = list(merged.get("assumptions") or [])
    for key, value in reading.fields.items():
        if key.startswith("seismic."):
            merged.setdefault("seismic", {})[key.removeprefix("seismic.")] = value
        else:
            merged[key] = value
        assumptions.append(Assumption(field=key, value=value,
                                      reason=f"{READ_BY_MODEL} ({reading.model}) from the text"))
    merged["assumptions"] = assumptions
    return complete_spec(merged)
