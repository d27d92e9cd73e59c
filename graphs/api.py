"""The Python API: run the agent on a text or a spec and get a typed result.

    from autobm.graphs.api import AgentOptions, run

    result = run("5-story RC frame, 3.5 m floors, 3x2 bays of 6 m, intensity 8 (0.20g)")
    result.status, result.periods_s[0], [c.id for c in result.failed_checks]

    # a model served by vLLM (OpenAI-compatible), 3 repair rounds, reference drafter as fallback
    options = AgentOptions(model=ModelSettings(model="AutoBM-Seed-Coder-8B-R", base_url="http://gpu:8000/v1"),
                           max_repairs=3, fallback_to_reference=True)
    result = run(text, options=options)

``AgentResult`` has the content of ``result.json`` (``RunResult``) plus the run's thread id,
the attempts and who drafted. An incomplete description raises ``NeedsInput`` (its
``question`` and ``thread_id``); ``resume(thread_id, answer)`` continues the run. Bad input
raises ``SpecError``. Runs are checkpointed (SQLite at ``default_db_path()`` unless
``options.db`` says otherwise, a ``postgresql://`` URL included) and traced in the same
database; ``resume(thread_id)`` without an answer continues a run that was cut off.
``arun``/``aresume`` are the same in a worker thread, for asyncio programs.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

from langgraph.types import Command
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError

from autobm.agent.errors import ConfigError, ModelError, NeedsInput, SpecError, ThreadBusy
from autobm.agent.models import ModelSettings
from autobm.agent.pipeline import RunResult
from autobm.agent.sandbox import SandboxLimits
from autobm.training.traces import TraceStore, default_db_path, display_target, is_postgres_url, postgres_schema_lock

from .agent import build_graph
from .locks import advisory_lock, file_lock, process_lock
from .state import AgentContext

__all__ = ["Agent", "AgentOptions", "AgentResult", "AttemptSummary", "NeedsInput", "ThreadBusy", "arun", "aresume",
           "resume", "run"]

UpdateCallback = Callable[[str, dict[str, Any]], None]


class AgentOptions(BaseModel):
    """How the agent runs; the CLI's options, one for one."""

    model_config = ConfigDict(extra="forbid")  # a misspelt option (max_repair=5) is an error, not ignored

    model: ModelSettings = Field(default_factory=ModelSettings,
                                 description="the drafting model; nothing configured = the reference drafter")
    max_repairs: StrictInt = Field(3, ge=0, le=20, description="repair rounds that call the model (--max-repairs)")
    fallback_to_reference: StrictBool = Field(False, description="when the model's attempts are exhausted, run the "
                                                           "reference drafter, recorded in the result (--fallback)")
    timeout_s: float = Field(30.0, gt=0, le=3600, description="wall-clock limit per script run, s (--timeout)")
    db: str | None = Field(None, description="checkpoints and traces: a SQLite file or a postgresql:// URL "
                                             "(--db); None = default_db_path()")
    checkpoint: StrictBool | Literal["memory"] = Field(
        True, description="checkpoint the run in the database so that it can be inspected and resumed; 'memory' keeps "
                          "the checkpoints of the run in this process only and drops them when it ends; False keeps "
                          "none (no resume; a question still comes back as NeedsInput; batch workers)")
    record_traces: StrictBool = Field(True, description="record the run in the trace store")
    size_for_drift: StrictBool = Field(True, description="size assumed sections for the drift limit and the code's period "
                                                   "band: before the first draft, where a planar frame analysis predicts "
                                                   "them too soft (any drafter), and after a reference draft that fails so")
    model_parse: StrictBool = Field(True, description="with a drafting model: when the parser cannot complete the spec from "
                                                "the text, the model may fill the missing fields (each recorded as an "
                                                "assumption) before the person is asked")


class AttemptSummary(BaseModel):
    round: int = Field(description="0 = the first draft")
    source: str = Field(description="reference, model, deterministic, sizing or fallback")
    repair: str | None = Field(None, description="the deterministic repair applied, if any")
    status: str
    failed_checks: list[str] = Field(default_factory=list)
    error_type: str | None = None
    cut_off: bool = Field(False, description="the model's answer reached its token limit (max_tokens) before it ended")


class AgentResult(RunResult):
    """``result.json``: the best attempt's RunResult, and how the agent got there."""

    thread_id: str = Field(description="the run's id: resume, inspect or show its trace with it")
    model: str = Field(description="the configured drafting model, or 'reference'")
    rounds: int = Field(0, description="attempts after the first draft")
    model_calls: int = Field(0, description="calls to the drafting model")
    fallback_used: bool = Field(False, description="the reference drafter replaced the model's drafts")
    best_round: int = Field(0, description="the attempt this result is")
    attempts: list[AttemptSummary] = Field(default_factory=list)


class Agent:
    """The compiled graph with its checkpointer, trace store and context; close it when done."""

    def __init__(self, options: AgentOptions | Mapping[str, Any] | None = None, *, chat_model: Any = None) -> None:
        if isinstance(options, Mapping):
            try:
                options = AgentOptions.model_validate(options)
            except ValidationError as exc:
                raise ConfigError("; ".join(f"options.{'.'.join(map(str, e['loc']))}: {e['msg']}"
                                            for e in exc.errors())) from None
        elif options is not None and not isinstance(options, AgentOptions):
            raise ConfigError(f"options = {options!r:.80}: give AgentOptions(...) or a mapping of its fields")
        self.options = options or AgentOptions()
        self._stack = contextlib.ExitStack()
        target = self.options.db or str(default_db_path())
        try:
            if self.options.checkpoint == "memory":
                from langgraph.checkpoint.memory import InMemorySaver  # noqa: PLC0415

                checkpointer: Any = InMemorySaver()
            else:
                checkpointer = self._open_checkpointer(target) if self.options.checkpoint else None
            self.traces = self._stack.enter_context(TraceStore(target)) if self.options.record_traces else None
        except BaseException:
            self._stack.close()
            raise
        settings = self.options.model
        configured = settings.model is not None or settings.model_path is not None
        self.context = AgentContext(
            model=settings if configured else None, chat_model=chat_model,
            limits=SandboxLimits(timeout_s=self.options.timeout_s), max_repairs=self.options.max_repairs,
            fallback_to_reference=self.options.fallback_to_reference, size_for_drift=self.options.size_for_drift,
            model_parse=self.options.model_parse, traces=self.traces)
        self.graph = build_graph(checkpointer)

    def _open_checkpointer(self, target: str) -> Any:
        if is_postgres_url(target):
            try:
                import psycopg  # noqa: PLC0415
                from langgraph.checkpoint.postgres import PostgresSaver  # noqa: PLC0415
            except ImportError:
                raise ConfigError("PostgreSQL checkpoints need langgraph-checkpoint-postgres: "
                                  "pip install 'autobm[postgres]'") from None
            try:
                saver = self._stack.enter_context(PostgresSaver.from_conn_string(target))
            except psycopg.OperationalError as exc:
                raise ConfigError(f"checkpoints {display_target(target)}: cannot connect ({exc})") from None
            with postgres_schema_lock(saver.conn):
                saver.setup()
            return saver
        from langgraph.checkpoint.sqlite import SqliteSaver  # noqa: PLC0415

        path = Path(target).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
            self._stack.callback(connection.close)
            connection.execute("PRAGMA schema_version")  # a folder or a file that is not SQLite fails here, not later
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"the checkpoint store {path} cannot be used: {exc} (give a new file name, or an "
                              "autobm SQLite store)") from None
        return SqliteSaver(connection)

    # --- running ---------------------------------------------------------------------

    def run(self, text: str | None = None, *, spec: Mapping[str, Any] | None = None, thread_id: str | None = None,
            on_update: UpdateCallback | None = None) -> AgentResult:
        """Model, verify and repair one building, from a description or a (partial) spec."""
        if (text is None) == (spec is None):
            raise SpecError("give either a description (text) or a spec, not both and not neither")
        if text is not None and not isinstance(text, str):
            raise SpecError(f"text = {text!r}: give the building's description as a string")
        if spec is not None and not isinstance(spec, Mapping):
            raise SpecError(f"spec = {spec!r}: give a mapping of spec fields (complete_spec's keys)")
        thread_id = thread_id or uuid.uuid4().hex
        with self._holding(thread_id):
            if self.options.checkpoint and self.graph.get_state({"configurable": {"thread_id": thread_id}}).values:
                raise SpecError(f"thread {thread_id!r} already holds a run: continue it with resume (autobm run "
                                f"--thread {thread_id}), or give a new thread id")
            if self.traces is not None:
                if self.traces.has_run(thread_id):  # a second run would be merged into the first one's trace
                    raise SpecError(f"thread {thread_id!r} already has a trace in {display_target(self.traces.target)}: "
                                    "give a new thread id (or none, for a fresh one)")
                self.traces.start_run(thread_id, text=text, model=self.context.model_name())
            state = {"text": text, "spec_input": dict(spec) if spec is not None else None}
            try:
                return self._drive(state, thread_id, on_update)
            finally:
                if self.options.checkpoint == "memory":
                    self.graph.checkpointer.delete_thread(thread_id)

    def resume(self, thread_id: str, answer: str | None = None, *, on_update: UpdateCallback | None = None) -> AgentResult:
        """Continue a run: answer its question, or (no answer) go on from its last checkpoint."""
        if not self.options.checkpoint:
            raise ConfigError("resume needs checkpoints: the agent was opened with checkpoint=False")
        with self._holding(thread_id):
            return self._resume(thread_id, answer, on_update)

    @contextlib.contextmanager
    def _holding(self, thread_id: str) -> Iterator[None]:
        """The thread's locks (``graphs.locks``), held while a run or resume goes on: ThreadBusy at once if another
        call of this process holds it, or another process holds it in the checkpoint store."""
        target = self.options.db or str(default_db_path())
        store = target if is_postgres_url(target) else os.path.realpath(Path(target).expanduser())
        with process_lock(store, thread_id):  # the store of the traces too, in every checkpoint mode
            if self.options.checkpoint is not True:
                yield
            elif is_postgres_url(target):
                with advisory_lock(self.graph.checkpointer, thread_id):
                    yield
            else:
                with file_lock(Path(store), thread_id):
                    yield

    def _resume(self, thread_id: str, answer: str | None, on_update: UpdateCallback | None) -> AgentResult:
        config = {"configurable": {"thread_id": thread_id}}
        snapshot = self.graph.get_state(config)
        if not snapshot.values:
            raise SpecError(f"thread {thread_id!r}: no such run in {display_target(self.options.db or default_db_path())}")
        waiting = any(task.interrupts for task in snapshot.tasks)
        if answer is not None and not waiting and not snapshot.next:
            raise SpecError(f"thread {thread_id!r} has finished (status {snapshot.values.get('status')!r}) and asks "
                            f"nothing, so the answer {answer!r} has nowhere to go: start a new run with the whole description")
        if answer is not None and not waiting:
            raise SpecError(f"thread {thread_id!r} was cut off mid-run and asks nothing, so the answer {answer!r} has "
                            "nowhere to go: go on without an answer (autobm run --thread ID), or start a new run with "
                            "the whole description")
        if waiting and answer is None:
            question = next(i.value for task in snapshot.tasks for i in task.interrupts)
            raise NeedsInput(question.get("question", str(question)), thread_id=thread_id, missing=question.get("missing"))
        if self.traces is not None and (waiting or snapshot.next):
            self.traces.start_run(thread_id, text=snapshot.values.get("text"), model=self.context.model_name())
        if waiting:
            return self._drive(Command(resume=answer), thread_id, on_update)
        if snapshot.next:  # cut off mid-run: go on from the last checkpoint
            return self._drive(None, thread_id, on_update)
        return self._final(snapshot.values, thread_id)

    def state(self, thread_id: str) -> dict[str, Any]:
        """The run's checkpointed state (the graph's values)."""
        return dict(self.graph.get_state({"configurable": {"thread_id": thread_id}}).values)

    def _drive(self, graph_input: Any, thread_id: str, on_update: UpdateCallback | None) -> AgentResult:
        config = {"configurable": {"thread_id": thread_id}}
        question = None
        values: Mapping[str, Any] | None = None  # without a checkpointer: the last state streamed
        modes = ["updates"] if self.options.checkpoint else ["updates", "values"]
        try:
            for mode, chunk in self.graph.stream(graph_input, config, context=self.context, stream_mode=modes):
                if mode == "values":
                    values = chunk
                    continue
                for node, update in chunk.items():
                    if node == "__interrupt__":
                        question = update[0].value
                    elif on_update is not None:
                        on_update(node, update or {})
        except BaseException as exc:  # the model failed, Ctrl-C, a fault: the trace says so, the checkpoint stays
            if self.traces is not None:
                status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "error"
                self.traces.finish_run(thread_id, status=status, result={"error": f"{type(exc).__name__}: {exc}"})
            if isinstance(exc, ModelError):
                exc.thread_id = thread_id if self.options.checkpoint is True else None
            raise
        if question is not None:
            text = question.get("question", str(question))
            if self.options.checkpoint is not True:  # nothing holds the run: it cannot wait for the answer
                text += ("\n(this agent keeps no checkpoints, so the run cannot go on from here: run again with the "
                         "answer in the description)")
            if self.traces is not None:
                resumable = self.options.checkpoint is True
                self.traces.finish_run(thread_id, status="needs_input" if resumable else "invalid",
                                       result=None if resumable else {"error": text})
            raise NeedsInput(text, thread_id=thread_id, missing=question.get("missing"))
        if self.options.checkpoint:
            values = self.graph.get_state(config).values
        return self._final(values or {}, thread_id)

    @staticmethod
    def _final(values: Mapping[str, Any], thread_id: str) -> AgentResult:
        if values.get("status") == "invalid":
            raise SpecError(values.get("error") or "invalid input")
        final = values.get("final")
        if not final:
            raise SpecError(f"thread {thread_id!r} has not finished")
        return AgentResult.model_validate(final)

    async def arun(self, *args: Any, **kwargs: Any) -> AgentResult:
        return await asyncio.to_thread(self.run, *args, **kwargs)

    async def aresume(self, *args: Any, **kwargs: Any) -> AgentResult:
        return await asyncio.to_thread(self.resume, *args, **kwargs)

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> Agent:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run(text: str | None = None, *, spec: Mapping[str, Any] | None = None, options: AgentOptions | None = None,
        chat_model: Any = None, thread_id: str | None = None, on_update: UpdateCallback | None = None) -> AgentResult:
    """One building through the agent (see the module docstring)."""
    with Agent(options, chat_model=chat_model) as agent:
        return agent.run(text, spec=spec, thread_id=thread_id, on_update=on_update)


def resume(thread_id: str, answer: str | None = None, *, options: AgentOptions | None = None, chat_model: Any = None,
           on_update: UpdateCallback | None = None) -> AgentResult:
    """Continue a paused or cut-off run."""
    with Agent(options, chat_model=chat_model) as agent:
        return agent.resume(thread_id, answer, on_update=on_update)


async def arun(*args: Any, **kwargs: Any) -> AgentResult:
    return await asyncio.to_thread(run, *args, **kwargs)


async def aresume(*args: Any, **kwargs: Any) -> AgentResult:
    return await asyncio.to_thread(resume, *args, **kwargs)
