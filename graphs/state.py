"""The agent graph's state and runtime context.

State holds data only (JSON-able, so any checkpointer can store it): the text, the spec, the
draft waiting to run, every attempt, the chat turns with the model. Dependencies (the chat
model, sandbox limits, the trace store) live in ``AgentContext``, LangGraph's runtime
context, never in the state.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from typing import Annotated, Any

from typing_extensions import TypedDict  # pydantic (LangGraph's JSON schemas) needs this one on Python < 3.12

from autobm.agent.errors import ConfigError
from autobm.agent.models import ModelSettings
from autobm.agent.sandbox import SandboxLimits

MAX_DETERMINISTIC_REPAIRS = 4
"""Deterministic repairs per run; they cost no model call but each is a sandbox run."""


class Pending(TypedDict, total=False):
    """The draft the execute node runs next."""

    code: str | None  # None: no code could be taken from the model's answer
    source: str  # reference, model, deterministic, sizing, fallback
    drafter: str  # "reference" or the model's description
    repair: str | None  # the deterministic repair's name
    description: str | None  # what that repair changed
    completion: str | None  # the model's full answer
    answer_format: str | None  # extraction.Extraction.format
    problem: str | None  # why no code could be extracted
    assumptions: list[str]
    cut_off: bool  # the model's answer reached its token limit (max_tokens) before it ended


class Attempt(TypedDict, total=False):
    """One executed draft: the pipeline's RunResult as JSON, the code, and where the code came from."""

    round: int
    source: str
    repair: str | None
    description: str | None
    code: str | None
    completion: str | None
    cut_off: bool  # the model's answer reached its token limit before it ended
    result: dict[str, Any]  # RunResult JSON (facts included)


class AgentState(TypedDict, total=False):
    text: str | None  # the building description
    spec_input: dict[str, Any] | None  # or a spec (complete or partial BuildingSpec keys)
    answers: list[str]  # the answers taken to the questions asked on an incomplete spec (the whole list)
    question: dict[str, Any] | None  # the question parse leaves for the ask node: question, missing, hint
    spec: dict[str, Any] | None  # the BuildingSpec (JSON) the drafts are checked against
    spec_given: dict[str, Any] | None  # the spec before any section sizing (set by the first sizing round)
    reference: dict[str, Any] | None  # ModelFacts (JSON) of the reference drafter's model, for model drafts
    messages: Annotated[list[dict[str, str]], operator.add]  # every chat turn with the model: role, content
    pending: Pending | None
    execution: dict[str, Any] | None  # ExecutionResult (JSON) of the pending draft
    attempts: Annotated[list[Attempt], operator.add]
    model_reading: dict[str, Any] | None  # model_parsing.ModelReading (JSON): the model's reading of the text
    parse_model_calls: int  # calls to the drafting model that read the description
    model_calls: int  # calls to the drafting model that drafted or repaired
    deterministic_repairs: int
    sizing_rounds: int
    sizing_factor: float
    fallback_used: bool
    status: str | None  # verified, failed or invalid, set by finish
    error: str | None  # why the input was invalid
    final: dict[str, Any] | None  # AgentResult (JSON)


@dataclass
class AgentContext:
    """What the nodes need besides the state (LangGraph ``context_schema``).

    ``model`` describes the drafting model (JSON-able, so a LangGraph server can receive it);
    ``chat_model``, any LangChain chat model instance, overrides it (programs and tests).
    Neither: the built-in reference drafter.
    """

    model: ModelSettings | None = None
    chat_model: Any = None
    limits: SandboxLimits = field(default_factory=SandboxLimits)
    max_repairs: int = 3  # repair rounds that call the model
    max_deterministic_repairs: int = MAX_DETERMINISTIC_REPAIRS
    fallback_to_reference: bool = False  # when the model's attempts are exhausted
    size_for_drift: bool = True  # enlarge assumed sections predicted too soft (sizing.presize), and those of reference
    # drafts that fail only the drift limit or the period band
    ask_when_incomplete: bool = True  # interrupt with a question; else the run ends as invalid
    model_parse: bool = True  # with a drafting model: it may fill what the parser cannot read, before a question
    traces: Any = None  # a training.traces.TraceStore, or None
    _resolved: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        """A LangGraph server passes the context as JSON: settings and limits become their models."""
        if self.chat_model is not None and not callable(getattr(self.chat_model, "invoke", None)):
            raise ConfigError(f"chat_model = {self.chat_model!r:.80}: give a LangChain chat model instance (one with "
                              "invoke, e.g. ChatOpenAI(...)), or name a model in the options (ModelSettings)")
        if isinstance(self.model, dict):
            self.model = ModelSettings.model_validate(self.model)
        if isinstance(self.limits, dict):
            self.limits = SandboxLimits.model_validate(self.limits)

    def drafting_model(self) -> Any:
        """The chat model to draft with, or None for the reference drafter (built once)."""
        if self.chat_model is not None:
            return self.chat_model
        if self._resolved is None and self.model is not None:
            from autobm.agent.models import make_chat_model  # noqa: PLC0415

            self._resolved = make_chat_model(self.model)
        return self._resolved

    def model_name(self) -> str:
        if self.chat_model is not None:
            name = getattr(self.chat_model, "model_name", None) or getattr(self.chat_model, "model", None)
            return f"chat:{name}" if isinstance(name, str) else f"chat:{type(self.chat_model).__name__}"
        if self.model is not None and self.drafting_model() is not None:
            return self.model.describe()
        return "reference"
