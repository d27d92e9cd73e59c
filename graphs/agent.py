"""The agent: parse → draft → execute → check → (repair → execute → check)* → finish.

       model_parse  ask
              ↑↓    ↑↓
    START → parse ─┬→ draft → execute → check ─┬→ finish → END
                   │             ↑             │
                   └→ finish     └── repair ←──┘ (repair → finish when nothing is left to try)

- parse: text (or a partial spec) → BuildingSpec. When the parser cannot complete the spec
  from the text and a drafting model is configured (``AgentContext.model_parse``), the
  model_parse node asks the model once per text for the missing fields as JSON; parse
  merges them under the parser's own reading and validates them like any spec, each one
  recorded as an assumption. Still incomplete (or no model): parse records a question and
  the ask node stops the run with it (a LangGraph interrupt); the answer resumes it and
  parse reads the text again with every answer. The model call and the interrupt sit in
  nodes of their own so that resuming replays neither a model call nor a recorded event.
- draft: the drafting model's answer (prompt from ``agent.prompts``, code taken out of the
  answer by ``agent.extraction``), or the reference drafter when no model is configured.
- execute: the draft in the sandbox, the built model inspected in the same process.
- check: the checks against the spec (and the reference model's facts for model drafts).
- repair, in this order: enlarge assumed sections of a reference draft that fails only for
  want of stiffness (drift limit, period past the code band); a deterministic repair of a
  well-known fault (``agent.repair``); a model call with the diagnostics; the reference
  drafter, only when the caller asked for that fallback. Nothing left → finish.
- finish: the best attempt (verified first, then the one closest to passing) becomes the
  result; the trace is closed.

Each node records what it did in the trace store (``AgentContext.traces``) as it happens.
"""

from __future__ import annotations

import time
from typing import Any, Literal

from langchain_core.messages import AIMessage, HumanMessage
from langgraph.config import get_config
from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime
from langgraph.types import Command, interrupt

from autobm.agent.drafting import Draft, draft_reference
from autobm.agent.errors import ModelError, SpecError
from autobm.agent.extraction import extract_code
from autobm.agent.facts import ModelFacts
from autobm.agent.model_parsing import ModelReading, complete_with_model, missing_fields, read_model_answer
from autobm.agent.models import invoke_chat
from autobm.agent.parsing import parse_text, read_text
from autobm.agent.pipeline import INSPECT, ExecutionSummary, RunResult, inspection_request, judge
from autobm.agent.prompts import draft_prompt, repair_prompt, spec_fill_prompt
from autobm.agent.repair import deterministic_repair
from autobm.agent.sizing import MAX_SIZING_ROUNDS, assumed_sections, enlarge_default_sections, presize, sizing_step
from autobm.agent.sandbox import ExecutionResult, run_many
from autobm.agent.spec import BuildingSpec, load_spec

from autobm.graphs.state import AgentContext, AgentState, Attempt, Pending

__all__ = ["build_graph", "graph"]

Ctx = Runtime[AgentContext]
CUT_OFF_NOTE = ("Your previous answer was cut off at the token limit before it ended (the reply reached max_tokens), "
                "so the script below is incomplete. Answer again with the whole script, shorter: no long comments, "
                "loops instead of repeated blocks.")
REFERENCE_SOURCES = ("reference", "sizing", "fallback")
"""Drafts by the reference drafter: the first draft without a model, sized drafts, the fallback."""


# --- helpers ---------------------------------------------------------------------------


def _record(runtime: Ctx, node: str, kind: str, payload: dict[str, Any]) -> None:
    store = runtime.context.traces if runtime.context is not None else None
    if store is not None:
        store.event(_thread_id(), node, kind, payload)


def _thread_id() -> str:
    return str(get_config().get("configurable", {}).get("thread_id", ""))


def _context(runtime: Ctx) -> AgentContext:
    context = runtime.context
    if context is None:
        return AgentContext()
    if isinstance(context, dict):
        return AgentContext(**context)
    return context


def _spec(state: AgentState) -> BuildingSpec:
    return BuildingSpec.model_validate(state["spec"])


def _ask_model(runtime: Ctx, node: str, turns: list[dict[str, str]]) -> tuple[str, bool]:
    """Send the chat turns to the drafting model; (the answer's full text, whether the token
    limit cut it off)."""
    model = _context(runtime).drafting_model()
    messages = [HumanMessage(t["content"]) if t["role"] == "user" else AIMessage(t["content"]) for t in turns]
    _record(runtime, node, "prompt", {"messages": turns, "model": _context(runtime).model_name()})
    t0 = time.perf_counter()
    try:
        answer = invoke_chat(model, messages)
    except Exception as exc:  # the server, the network or the backend: the run stops here, resumable
        error = ModelError(f"the drafting model {_context(runtime).model_name()} did not answer: "
                           f"{type(exc).__name__}: {str(exc)[:500] or 'no message'}")
        _record(runtime, node, "model_error", {"error": str(error), "seconds": round(time.perf_counter() - t0, 3)})
        raise error from exc
    seconds = time.perf_counter() - t0
    text = answer.text  # the text blocks of a reply made of content blocks (reasoning models), joined
    metadata = getattr(answer, "response_metadata", None) or {}
    cut_off = (metadata.get("finish_reason") or metadata.get("stop_reason")) in ("length", "max_tokens")
    _record(runtime, node, "completion", {"text": text, "seconds": round(seconds, 3), "cut_off": cut_off,
                                          "usage": getattr(answer, "usage_metadata", None)})
    return text, cut_off


def _model_pending(text: str, source: str, drafter: str, *, cut_off: bool = False) -> Pending:
    extraction = extract_code(text)
    return Pending(code=extraction.code, source=source, drafter=drafter, repair=None, description=None,
                   completion=text, answer_format=extraction.format,
                   problem=None if extraction.code else ("; ".join(extraction.problems) or "no python code block"),
                   assumptions=[], cut_off=cut_off)


def _reference_pending(spec: BuildingSpec, source: str, description: str | None = None) -> Pending:
    draft = draft_reference(spec)
    return Pending(code=draft.code, source=source, drafter="reference", repair=None, description=description,
                   completion=None, answer_format=None, problem=None, assumptions=draft.assumptions)


def _result_of(attempt: Attempt) -> RunResult:
    return RunResult.model_validate(attempt["result"])


# --- nodes -----------------------------------------------------------------------------


def _full_text(state: AgentState, answers: list[str]) -> str:
    """The description with the person's answers to the questions asked."""
    return "; ".join([state.get("text") or "", *answers]).strip("; ")


def _model_may_parse(context: AgentContext, text: str) -> bool:
    return context.model_parse and bool(text.strip()) and context.drafting_model() is not None


def parse(state: AgentState, runtime: Ctx) -> Command[Literal["model_parse", "ask", "draft", "finish"]]:
    """Text or partial spec → BuildingSpec; for what an incomplete text lacks, ask the drafting
    model (model_parse, once per text), then the person (the ask node)."""
    context = _context(runtime)
    answers = list(state.get("answers") or [])
    reading = ModelReading.model_validate(state["model_reading"]) if state.get("model_reading") else None
    spec: BuildingSpec | None = None
    try:
        if state.get("spec_input") is not None:
            spec = load_spec(state["spec_input"])
        else:
            full_text = _full_text(state, answers)
            try:
                spec = parse_text(full_text)
            except SpecError as exc:
                if not exc.missing and not (answers and context.ask_when_incomplete):
                    raise
                incomplete = exc
                if incomplete.missing and answers:  # missing fields are said first: a contradiction may hide behind
                    incomplete = _contradiction_of_newest(state, answers) or incomplete
                if not incomplete.missing:  # the newest answer contradicts the text or an earlier answer: ask again
                    dropped = answers.pop()
                    return _ask_person(runtime, answers, {
                        "question": f"{incomplete}\n(the answer {dropped!r} was not taken: it contradicts itself, the "
                                    "description or an earlier answer; answer again)",
                        "missing": [], "hint": "answer with the fact in words, e.g. '5 stories of 3.3 m'"})
                model_problems: list[str] = []
                if reading is not None and reading.text == full_text:
                    try:
                        spec = complete_with_model(read_text(full_text), reading)
                    except SpecError as exc:
                        model_problems = [f"it gave no {', '.join(exc.missing)}"] if exc.missing else exc.problems
                        _record(runtime, "parse", "model_rejected", {"problems": model_problems})
                elif _model_may_parse(context, full_text):
                    return Command(goto="model_parse")
                if spec is None:
                    note = ("\n(the drafting model's reading of the text could not be used: "
                            f"{'; '.join(model_problems)})" if model_problems else "")
                    if answers and _missing_before(state, answers) == incomplete.missing:  # it was dropped without a word
                        note += (f"\n(the answer {answers[-1]!r} gave none of {', '.join(incomplete.missing)}: "
                                 "say it in words, e.g. '5 stories of 3.3 m')")
                    if not context.ask_when_incomplete:
                        raise SpecError([str(incomplete) + note], missing=incomplete.missing) from None
                    return _ask_person(runtime, answers, {
                        "question": str(incomplete) + note, "missing": incomplete.missing,
                        "hint": "answer with the missing facts in words, e.g. '5 stories'",
                        **({"model_problems": model_problems} if model_problems else {})})
    except SpecError as exc:
        _record(runtime, "parse", "invalid", {"error": str(exc)})
        return Command(goto="finish", update={"status": "invalid", "error": str(exc), "answers": answers})
    # Assumed sections a planar frame analysis finds too soft are enlarged before any draft (sizing.presize):
    # the spec the drafts are given and checked against; spec_given keeps the parsed one for later rounds.
    sized, factor = presize(spec) if context.size_for_drift else (spec, 1.0)
    payload = sized.model_dump(mode="json")
    _record(runtime, "parse", "spec", {"spec": payload, **({"presized": round(factor, 6)} if factor != 1.0 else {})})
    return Command(goto="draft", update={"spec": payload, "answers": answers, "question": None,
                                         "spec_given": spec.model_dump(mode="json") if factor != 1.0 else None,
                                         "sizing_factor": factor, "sizing_rounds": int(factor != 1.0), "model_calls": 0,
                                         "deterministic_repairs": 0, "fallback_used": False})


def _contradiction_of_newest(state: AgentState, answers: list[str]) -> SpecError | None:
    """The contradiction the newest answer brings (the text and the earlier answers read without one)."""
    try:
        read_text(_full_text(state, answers))
    except SpecError as exc:
        try:
            read_text(_full_text(state, answers[:-1]))
        except SpecError:
            return None
        return exc
    return None


def _missing_before(state: AgentState, answers: list[str]) -> list[str] | None:
    """What the text lacked before the newest answer (None if it was complete or contradictory then)."""
    try:
        parse_text(_full_text(state, answers[:-1]))
    except SpecError as exc:
        return exc.missing or None
    return None


def _ask_person(runtime: Ctx, answers: list[str], question: dict[str, Any]) -> Command:
    """Record the question (once: parse runs to its end and is not replayed) and hand it to ask."""
    _record(runtime, "parse", "question", question)
    return Command(goto="ask", update={"question": question, "answers": answers})


def ask(state: AgentState, runtime: Ctx) -> Command[Literal["parse"]]:
    """Put parse's question to the person (a LangGraph interrupt) and take the answer back to parse.

    A node of its own, holding nothing but the interrupt, so that a resumed run replays no
    side effect: the question was recorded by parse, the answer is recorded here once it came.
    """
    answer = interrupt(state["question"])
    _record(runtime, "parse", "answer", {"answer": answer})
    return Command(goto="parse", update={"answers": [*(state.get("answers") or []), str(answer)], "question": None})


def model_parse(state: AgentState, runtime: Ctx) -> dict[str, Any]:
    """The drafting model reads the description for the fields the parser could not; parse merges them.

    Only the answer, sorted out (``model_parsing.ModelReading``), goes back: fields the
    parser read are ignored, and the spec is validated in parse, by the same rules as any.
    """
    context = _context(runtime)
    full_text = _full_text(state, list(state.get("answers") or []))
    reading = ModelReading(text=full_text, model=context.model_name())
    try:
        given = read_text(full_text)
    except SpecError as exc:  # the text contradicts itself: parse says so
        reading.problems = exc.problems
        _record(runtime, "model_parse", "model_fields", reading.model_dump(mode="json", exclude={"text"}))
        return {"model_reading": reading.model_dump(mode="json")}
    turns = [{"role": "user", "content": spec_fill_prompt(full_text, given, missing_fields(given))}]
    try:
        text, _cut_off = _ask_model(runtime, "model_parse", turns)
    except ModelError as exc:  # no reading: the person is asked, as for an unusable answer
        reading.problems = [str(exc)]
    else:
        reading = read_model_answer(given, text, text=full_text, model=context.model_name())
    _record(runtime, "model_parse", "model_fields", reading.model_dump(mode="json", exclude={"text"}))
    return {"model_reading": reading.model_dump(mode="json"),
            "parse_model_calls": state.get("parse_model_calls", 0) + 1}


def draft(state: AgentState, runtime: Ctx) -> Command[Literal["execute"]]:
    """The first draft: the drafting model's answer, or the reference drafter's script."""
    context = _context(runtime)
    spec = _spec(state)
    if context.drafting_model() is None:
        pending = _reference_pending(spec, "reference")
        _record(runtime, "draft", "draft", {"source": "reference", "code": pending["code"]})
        return Command(goto="execute", update={"pending": pending})
    turns = [{"role": "user", "content": draft_prompt(spec)}]
    try:
        text, cut_off = _ask_model(runtime, "draft", turns)
    except ModelError as exc:
        return _fallback_after(runtime, exc, spec, model_calls=1)
    pending = _model_pending(text, "model", context.model_name(), cut_off=cut_off)
    _record(runtime, "draft", "draft", {"source": "model", "code": pending["code"], "format": pending["answer_format"],
                                        "problem": pending["problem"]})
    return Command(goto="execute", update={"pending": pending, "model_calls": 1,
                                           "messages": [*turns, {"role": "assistant", "content": text}]})


def execute(state: AgentState, runtime: Ctx) -> dict[str, Any]:
    """Run the pending draft in the sandbox and inspect the model it built.

    The first model draft also runs the reference drafter's model alongside (the yardstick
    of the ``period.reference`` check).
    """
    context = _context(runtime)
    pending = state["pending"] or Pending()
    if not pending.get("code"):
        _record(runtime, "execute", "execution", {"ok": False, "error": "no code to run"})
        return {"execution": None}
    spec = _spec(state)
    codes = [pending["code"]]
    need_reference = pending.get("source") not in REFERENCE_SOURCES and state.get("reference") is None
    if need_reference:
        codes.append(draft_reference(spec).code)
    # a model's draft is held to the sections the description gave (sections.rigidity), not to autobm's guess of them
    drafted = pending.get("source") not in REFERENCE_SOURCES
    given = not assumed_sections(spec)
    results = run_many(codes, limits=context.limits, after=INSPECT,
                       after_args=[inspection_request(spec, c, rigidities=drafted and given and i == 0)
                                   for i, c in enumerate(codes)])
    update: dict[str, Any] = {"execution": results[0].model_dump(mode="json")}
    if need_reference and isinstance(results[1].facts, ModelFacts):
        update["reference"] = results[1].facts.model_dump(mode="json")
    summary = ExecutionSummary.of(results[0]).model_dump(mode="json")
    _record(runtime, "execute", "execution", {**summary, "stdout": results[0].stdout, "stderr": results[0].stderr})
    return update


def check(state: AgentState, runtime: Ctx) -> Command[Literal["repair", "finish"]]:
    """Check the executed draft against the spec; verified → finish, else repair."""
    spec = _spec(state)
    pending = state["pending"] or Pending()
    # A reference draft is the yardstick itself (for the current spec, which sizing may have
    # changed since the yardstick was built): nothing to compare with.
    own = pending.get("source") in REFERENCE_SOURCES
    reference = ModelFacts.model_validate(state["reference"]) if state.get("reference") and not own else None
    attempt_round = len(state.get("attempts") or [])
    if state.get("execution") is None:
        execution = ExecutionResult(ok=False, error_type="NoCode",
                                    error_message=f"no runnable code in the answer: {pending.get('problem')}")
    else:
        execution = ExecutionResult.model_validate(state["execution"])
        if isinstance(execution.facts, dict):
            execution = execution.model_copy(update={"facts": ModelFacts.model_validate(execution.facts)})
    draft_ = Draft(code=pending.get("code") or "", drafter=pending.get("drafter", "reference"),
                   assumptions=pending.get("assumptions") or [])
    result = judge(spec, draft_, execution, reference=reference)
    attempt = Attempt(round=attempt_round, source=pending.get("source", "reference"), repair=pending.get("repair"),
                      description=pending.get("description"), code=pending.get("code"),
                      completion=pending.get("completion"), cut_off=bool(pending.get("cut_off")),
                      result=result.model_dump(mode="json"))
    _record(runtime, "check", "checks", {"round": attempt_round, "status": result.status,
                                         "checks": [c.model_dump(mode="json") for c in result.checks]})
    # the execution result is in the attempt now: cleared, so that later checkpoints do not carry it again
    return Command(goto="finish" if result.status == "verified" else "repair",
                   update={"attempts": [attempt], "execution": None})


def repair(state: AgentState, runtime: Ctx) -> Command[Literal["execute", "finish"]]:
    """Choose the next thing to try on the failed attempt, cheapest first."""
    context = _context(runtime)
    spec = _spec(state)
    attempts = state.get("attempts") or []
    last = attempts[-1]
    result = _result_of(last)
    tried = {a.get("code") for a in attempts}

    # 1. A reference draft that fails only for want of stiffness: enlarge the assumed sections.
    if last["source"] in REFERENCE_SOURCES and context.size_for_drift \
            and state.get("sizing_rounds", 0) < MAX_SIZING_ROUNDS:
        step = sizing_step(spec, result)
        if step is not None:
            factor = state.get("sizing_factor", 1.0) * step[0]
            given = BuildingSpec.model_validate(state["spec_given"]) if state.get("spec_given") else spec
            sized = enlarge_default_sections(given, factor, step[1])
            pending = _reference_pending(sized, "sizing", f"assumed sections enlarged ×{factor:.3g} for {step[1]}")
            _record(runtime, "repair", "repair", {"kind": "sizing", "factor": factor, "clause": step[1]})
            return Command(goto="execute", update={
                "pending": pending, "spec": sized.model_dump(mode="json"), "sizing_factor": factor,
                "sizing_rounds": state.get("sizing_rounds", 0) + 1,
                **({} if state.get("spec_given") else {"spec_given": state["spec"]})})

    # 2. A deterministic repair of a well-understood fault.
    if last.get("code") and state.get("deterministic_repairs", 0) < context.max_deterministic_repairs:
        fix = deterministic_repair(last["code"], result, spec)
        if fix is not None and fix.code not in tried:
            pending = Pending(code=fix.code, source="deterministic", drafter=result.drafter, repair=fix.name,
                              description=fix.description, completion=None, answer_format=None, problem=None,
                              assumptions=result.modelling_assumptions)
            _record(runtime, "repair", "repair", {"kind": "deterministic", "name": fix.name,
                                                  "description": fix.description, "code": fix.code})
            return Command(goto="execute", update={
                "pending": pending, "deterministic_repairs": state.get("deterministic_repairs", 0) + 1})

    # 3. The model, with the diagnostics.
    model_calls = state.get("model_calls", 0)
    if context.drafting_model() is not None and 1 <= model_calls <= context.max_repairs \
            and last["source"] not in REFERENCE_SOURCES:
        message = repair_prompt(result if last.get("code") else None,
                                extraction_problem=None if last.get("code") else (state["pending"] or {}).get("problem"))
        last_answer = next((a["completion"] for a in reversed(attempts) if a.get("completion")), None)
        if last["source"] == "deterministic":
            message = (f"An automatic fix was applied to your script first ({last.get('description')}). "
                       f"This is the script that ran:\n```python\n{last['code']}\n```\n\n{message}")
        if last.get("cut_off"):
            message = f"{CUT_OFF_NOTE}\n\n{message}"
        turns = [state["messages"][0], *([{"role": "assistant", "content": last_answer}] if last_answer else []),
                 {"role": "user", "content": message}]
        _record(runtime, "repair", "repair", {"kind": "model", "message": message})
        try:
            text, cut_off = _ask_model(runtime, "repair", turns)
        except ModelError as exc:
            if state.get("fallback_used"):
                raise
            return _fallback_after(runtime, exc, spec, model_calls=model_calls + 1)
        pending = _model_pending(text, "model", context.model_name(), cut_off=cut_off)
        return Command(goto="execute", update={
            "pending": pending, "model_calls": model_calls + 1,
            "messages": [{"role": "user", "content": message}, {"role": "assistant", "content": text}]})

    # 4. The reference drafter, only when the caller asked for it.
    if context.fallback_to_reference and not state.get("fallback_used") \
            and last["source"] not in REFERENCE_SOURCES:
        pending = _reference_pending(spec, "fallback", "the model's attempts are exhausted: reference drafter")
        _record(runtime, "repair", "repair", {"kind": "fallback"})
        return Command(goto="execute", update={"pending": pending, "fallback_used": True})

    return Command(goto="finish")


def _fallback_after(runtime: Ctx, error: ModelError, spec: BuildingSpec, *, model_calls: int) -> Command:
    """The reference drafter's draft after the model failed to answer, if the caller asked for
    a fallback; else the error goes up (the run stops at its last checkpoint, resumable)."""
    if not _context(runtime).fallback_to_reference:
        raise error
    pending = _reference_pending(spec, "fallback", f"{error}: reference drafter")
    _record(runtime, "repair", "repair", {"kind": "fallback", "reason": str(error)})
    return Command(goto="execute", update={"pending": pending, "fallback_used": True, "model_calls": model_calls})


def _closeness(attempt: Attempt) -> tuple[int, int, int, int]:
    """Sort key, larger is better: verified, ran, fewer failed checks, later."""
    result = attempt["result"]
    failed = sum(1 for c in result.get("checks", []) if c.get("status") == "failed")
    return (result.get("status") == "verified", bool(result.get("execution", {}).get("ok")), -failed, attempt["round"])


def finish(state: AgentState, runtime: Ctx) -> dict[str, Any]:
    """Keep the best attempt as the result and close the trace."""
    context = _context(runtime)
    store = context.traces
    attempts = state.get("attempts") or []
    if state.get("status") == "invalid" or not attempts:
        if store is not None:
            store.finish_run(_thread_id(), status="invalid", result={"error": state.get("error")})
        return {"status": "invalid", "final": None}
    best = max(attempts, key=_closeness)
    result = _result_of(best)
    rounds = len(attempts) - 1
    final = {
        **best["result"], "code": best.get("code") or "",
        "thread_id": _thread_id(), "model": context.model_name(), "rounds": rounds,
        "model_calls": state.get("model_calls", 0) + state.get("parse_model_calls", 0),
        "fallback_used": bool(state.get("fallback_used")),
        "sizing_rounds": state.get("sizing_rounds", 0), "runs": sum(1 for a in attempts if a.get("code")), "best_round": best["round"],
        "attempts": [{"round": a["round"], "source": a["source"], "repair": a.get("repair"),
                      "status": a["result"]["status"],
                      "failed_checks": [c["id"] for c in a["result"].get("checks", []) if c.get("status") == "failed"],
                      "error_type": a["result"].get("execution", {}).get("error_type"),
                      "cut_off": bool(a.get("cut_off"))} for a in attempts],
    }
    if store is not None:
        store.finish_run(_thread_id(), status=result.status, spec=state.get("spec"), drafter=result.drafter,
                         rounds=rounds, result={k: v for k, v in final.items() if k != "facts"})
    return {"status": result.status, "final": final}


# --- the graph -------------------------------------------------------------------------


def build_graph(checkpointer: Any = None) -> Any:
    """The compiled agent graph, with the caller's checkpointer (None: no persistence)."""
    builder = StateGraph(AgentState, context_schema=AgentContext)
    builder.add_node("parse", parse)
    builder.add_node("model_parse", model_parse)
    builder.add_node("ask", ask)
    builder.add_node("draft", draft)
    builder.add_node("execute", execute)
    builder.add_node("check", check)
    builder.add_node("repair", repair)
    builder.add_node("finish", finish)
    builder.add_edge(START, "parse")
    builder.add_edge("model_parse", "parse")
    builder.add_edge("execute", "check")
    builder.add_edge("finish", END)
    return builder.compile(checkpointer=checkpointer, name="autobm")


graph = build_graph()
"""For ``langgraph dev`` / LangGraph Studio (langgraph.json): the server supplies the checkpointer."""
