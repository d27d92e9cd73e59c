"""Rows of a training set, as trl or a JSONL file hands them over, into typed reward inputs.

A completion is a string, or a conversation (a list of messages ``{"role", "content"}``,
the assistant's contents joined; a content may be a list of text parts). The building is a
``spec`` (a BuildingSpec, a JSON object or its JSON text, complete or partial), else a
``text`` description (``parse_text``), else the ``prompt`` (a string or messages: the
``Description: …`` line that ``autobm.agent.prompts.draft_prompt`` writes, else the whole
last user turn, parsed as a description). The ground truth is a period: a number, a
numeric string (verl's ``reward_model.ground_truth``), or an object with ``t1_s`` (or
verl's ``ground_truth``), as such or as JSON text. Assumed sections are sized as the agent sizes them before
its first draft (``sizing.presize``), so a completion is scored against the building it would have been asked for.

Malformed values raise ``SpecError`` naming the column and what is allowed.

>>> completion_text([{"role": "assistant", "content": "<answer>x</answer>"}])
'<answer>x</answer>'
>>> [ground_truth_t1_s(v) for v in ('{"t1_s": 0.52}', "0.52", 0.52, {"ground_truth": "0.52"}, None, {"t1_s": None})]
[0.52, 0.52, 0.52, 0.52, None, None]
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field

from autobm.agent.errors import SpecError
from autobm.agent.parsing import parse_text
from autobm.agent.sizing import presize
from autobm.agent.spec import BuildingSpec, load_spec

__all__ = ["RewardInput", "completion_text", "ground_truth_t1_s", "reward_input", "spec_of", "text_from_prompt"]


class RewardInput(BaseModel):
    """One completion to score, with what it is scored against."""

    completion: str = Field(description="the assistant's answer, think block included")
    spec: BuildingSpec | None = Field(None, description="the building asked for; None: only model-intrinsic checks")
    t1_s: float | None = Field(None, gt=0, description="ground-truth fundamental period, s; None: the reference "
                               "drafter's model of the spec gives it (no spec either: no period tier)")


def completion_text(completion: Any) -> str:
    """The text of a completion: itself, or the assistant messages' contents joined."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, Mapping):
        return _content_text(completion.get("content"))
    if isinstance(completion, (list, tuple)):
        messages = [m for m in completion if isinstance(m, Mapping)]
        if len(messages) != len(completion):
            raise SpecError("completion: a list must hold messages ({'role': 'assistant', 'content': '...'})")
        chosen = [m for m in messages if m.get("role", "assistant") == "assistant"] or messages
        return "".join(_content_text(m.get("content")) for m in chosen)
    raise SpecError(f"completion: expected a string or a list of messages, got {type(completion).__name__}")


def _content_text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, (list, tuple)):  # [{"type": "text", "text": ...}, ...]
        return "".join(part.get("text") or "" if isinstance(part, Mapping) else str(part) for part in content)
    raise SpecError(f"completion: a message content must be text, got {type(content).__name__}")


def _missing(value: Any) -> bool:
    return (value is None or (isinstance(value, float) and math.isnan(value))
            or (isinstance(value, str) and not value.strip()))


def spec_of(value: Any) -> BuildingSpec | None:
    """A BuildingSpec from a spec column's value (None when empty)."""
    if _missing(value):
        return None
    if isinstance(value, BuildingSpec):
        return presize(value)[0]
    if isinstance(value, str):
        return _spec_from_json(value)
    if isinstance(value, Mapping):
        return presize(load_spec({k: v for k, v in value.items() if v is not None}))[0]  # Arrow fills absent keys with None
    raise SpecError(f"spec: expected a JSON object (or its text), got {type(value).__name__}")


@functools.lru_cache(maxsize=1024)
def _spec_from_json(text: str) -> BuildingSpec:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SpecError(f"spec: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, Mapping):
        raise SpecError("spec: must be a JSON object with BuildingSpec keys")
    return presize(load_spec(data))[0]


@functools.lru_cache(maxsize=1024)
def _parsed(text: str) -> BuildingSpec:
    return presize(parse_text(text))[0]


_DESCRIPTION = re.compile(r"^Description:[ \t]*(\S.*)$", re.MULTILINE)


def text_from_prompt(prompt: Any) -> str | None:
    """The building description in a prompt (a string, or messages: the last user turn)."""
    if _missing(prompt):
        return None
    if isinstance(prompt, (list, tuple)):
        users = [m for m in prompt if isinstance(m, Mapping) and m.get("role") == "user"]
        if not users:
            return None
        prompt = _content_text(users[-1].get("content"))
    if not isinstance(prompt, str):
        raise SpecError(f"prompt: expected a string or a list of messages, got {type(prompt).__name__}")
    found = _DESCRIPTION.search(prompt)
    return found.group(1).strip() if found else prompt.strip() or None


def ground_truth_t1_s(value: Any) -> float | None:
    """The ground-truth period, s, from a ground_truth column's value (None when empty)."""
    if _missing(value):
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise SpecError(f"ground_truth = {value[:80]!r}: expected a period in s, or a JSON object with "
                            "t1_s") from None
    if isinstance(value, Mapping):  # {"t1_s": null}: no ground truth (the reference model's period then)
        key = next((k for k in ("t1_s", "ground_truth") if k in value), None)
        if key is None:
            raise SpecError(f"ground_truth: an object needs t1_s (the fundamental period, s); got keys {sorted(value)}")
        return ground_truth_t1_s(value[key])
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SpecError(f"ground_truth: expected a period in s, got {type(value).__name__}")
    if not (math.isfinite(value) and value > 0):
        raise SpecError(f"ground_truth = {value}: the period must be a positive number of seconds")
    return float(value)


def reward_input(completion: Any, *, spec: Any = None, ground_truth: Any = None, text: Any = None,
                 prompt: Any = None) -> RewardInput:
    """A RewardInput from one row's values (spec first, then text, then the prompt's description)."""
    building = spec_of(spec)
    if building is None:
        description = text if not _missing(text) else text_from_prompt(prompt)
        if not _missing(description):
            if not isinstance(description, str):
                raise SpecError(f"text: expected a description, got {type(description).__name__}")
            building = _parsed(description.strip())
    return RewardInput(completion=completion_text(completion), spec=building, t1_s=ground_truth_t1_s(ground_truth))
