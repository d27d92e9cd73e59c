"""The drafting model completes what the parser cannot read, and never overrides what it read.

Pure logic first (finding the JSON in an answer, sorting its fields, the prompt), then the
agent graph end to end with scripted chat models (LangChain's GenericFakeChatModel), then
one run against the scripted OpenAI-compatible server over real HTTP.
"""

from __future__ import annotations

import json

import pytest
from model_answers import answer, scripted

from autobm.agent.drafting import draft_reference
from autobm.agent.errors import NeedsInput, SpecError
from autobm.agent.model_parsing import (
    ModelReading,
    complete_with_model,
    extract_json_object,
    fillable_fields,
    read_model_answer,
)
from autobm.agent.models import ModelSettings
from autobm.agent.parsing import parse_text, read_text
from autobm.agent.prompts import spec_fill_prompt
from autobm.agent.spec import load_spec
from autobm.graphs.api import AgentOptions, resume, run
from autobm.training.traces import TraceStore

# The parser reads everything here except the story count, said in words it does not know.
FREE_FORM = "RC frame office building, ground floor plus two, 3.2 m floors, 2 bays of 6 m, intensity 8 (0.20g)"
NO_HEIGHTS = "RC frame office building, ground floor plus two, 2 bays of 6 m, intensity 8 (0.20g)"
# The same building said so that the parser reads it all: the yardstick of the filled spec.
COMPLETE = "3-story RC frame, 3.2 m floors, 2 bays of 6 m, intensity 8 (0.20g), office"
GOOD = draft_reference(parse_text(COMPLETE)).code


def fields(obj: dict, think: str = "Ground floor plus two: 3 stories.") -> str:
    """A reasoning model's answer to the fill prompt: reasoning, then the JSON block."""
    return f"<think>\n{think}\n</think>\n```json\n{json.dumps(obj)}\n```"


@pytest.fixture
def options(tmp_path) -> AgentOptions:
    return AgentOptions(db=str(tmp_path / "autobm.sqlite"), timeout_s=20, max_repairs=1)


def events(options: AgentOptions, thread_id: str) -> list:
    with TraceStore(options.db) as store:
        trace = store.get_run(thread_id)
    assert trace is not None
    return trace.events


def test_the_parser_cannot_complete_the_free_form_texts() -> None:
    for text in (FREE_FORM, NO_HEIGHTS):
        with pytest.raises(SpecError) as missing:
            parse_text(text)
        assert missing.value.missing == ["stories"]
    given = read_text(FREE_FORM)
    assert "stories" not in given and given["story_height_m"] == 3.2 and given["seismic"]["intensity"] == 8


# --- the JSON in an answer ------------------------------------------------------------------


@pytest.mark.parametrize(("reply", "expected"), [
    ('```json\n{"stories": 3}\n```', {"stories": 3}),
    ('<think>perhaps {"stories": 9}</think>\n<answer>```json\n{"stories": 3}\n```</answer>', {"stories": 3}),
    ('The text says {"stories": 3, "name": "a } and a { in a string"} as far as I can tell.',
     {"stories": 3, "name": "a } and a { in a string"}),
    ("Sure! {'stories': 3, 'rigid_diaphragm': True}", {"stories": 3, "rigid_diaphragm": True}),
    ('{"stories": 3, "seismic": {"site_class": "II",},}', {"stories": 3, "seismic": {"site_class": "II"}}),
    ('{not json at all} then {"stories": 3}', {"stories": 3}),
])
def test_the_object_is_found_in_the_forms_models_write(reply: str, expected: dict) -> None:
    assert extract_json_object(reply) == expected


@pytest.mark.parametrize("reply", [
    "It has some floors, I think.",
    '<think>{"stories": 3}</think>I am not sure.',  # only in the reasoning: not an answer
    '<think>the answer is {"stories": 3}',  # the reasoning never ended
    '["stories", 3]',
    "",
])
def test_no_object_no_fields(reply: str) -> None:
    assert extract_json_object(reply) is None
    reading = read_model_answer(read_text(FREE_FORM), reply, text=FREE_FORM, model="m")
    assert reading.fields == {} and reading.problems == ["the drafting model's answer holds no JSON object"]


# --- the fields taken, and those the parser keeps ---------------------------------------------


def test_fields_the_parser_read_and_their_synonyms_are_not_offered() -> None:
    offered = fillable_fields(read_text(FREE_FORM))
    assert "stories" in offered and "1 to 150" in offered["stories"]
    assert "seismic.site_class" in offered
    for read in ("story_height_m", "story_heights_m", "bays_x", "bay_widths_x_m",
                 "occupancy", "system", "seismic.intensity", "seismic.pga_g", "seismic.code", "seismic.sds_g"):
        assert read not in offered, read


def test_the_model_never_overrides_the_parser() -> None:
    given = read_text(FREE_FORM)
    reply = fields({"stories": "3", "story_height_m": 4.0, "story_heights_m": [4.0, 4.0, 4.0],
                    "seismic": {"intensity": 7, "site_class": "III"}, "colour": "blue", "occupancy": None})
    reading = read_model_answer(given, reply, text=FREE_FORM, model="m")
    assert reading.fields == {"stories": 3, "seismic.site_class": "III"} and reading.problems == []
    assert {i.field for i in reading.ignored} == {"story_height_m", "story_heights_m", "seismic.intensity", "colour"}
    spec = complete_with_model(given, reading)
    assert spec.story_heights_m == [3.2] * 3 and spec.seismic.intensity == 8 and spec.seismic.site_class == "III"
    filled = {a.field: a for a in spec.assumptions if "drafting model" in a.reason}
    assert set(filled) == {"stories", "seismic.site_class"} and filled["stories"].value == 3
    # read back (a result.json's spec), the model's values stay: they are the text's, not defaults to fill in again
    assert load_spec(spec.model_dump(mode="json")) == spec


def test_values_are_typed_and_validated_by_the_spec() -> None:
    given = read_text(NO_HEIGHTS)
    wrong_type = read_model_answer(given, fields({"stories": 2.5}), text=NO_HEIGHTS, model="m")
    assert wrong_type.fields == {} and wrong_type.problems and wrong_type.problems[0].startswith("stories = 2.5")
    with pytest.raises(SpecError):
        complete_with_model(given, wrong_type)
    negative = read_model_answer(given, fields({"stories": 3, "story_height_m": -3.2}), text=NO_HEIGHTS, model="m")
    assert negative.problems == []
    with pytest.raises(SpecError, match=r"out of range: allowed 1.5 to 15 m"):
        complete_with_model(given, negative)
    with pytest.raises(SpecError) as still:
        complete_with_model(given, ModelReading(text=NO_HEIGHTS, model="m"))
    assert still.value.missing == ["stories"]
    boolean = read_model_answer(given, fields({"stories": True}), text=NO_HEIGHTS, model="m")  # was read as 1 story
    assert boolean.fields == {} and boolean.problems[0].startswith("stories = True: true or false is not a value")


def test_the_prompt_carries_the_text_the_parser_reading_and_the_missing_fields() -> None:
    given = read_text(FREE_FORM)
    prompt = spec_fill_prompt(FREE_FORM, given, ["stories"])
    assert FREE_FORM in prompt
    assert '"story_height_m": 3.2' in prompt and "source_text" not in prompt
    missing = prompt.split("Missing")[1].split("Other fields")[0]
    assert "- stories:" in missing and "1 to 150" in missing
    assert "- seismic.site_class:" in prompt and "- story_height_m:" not in prompt
    assert "```json" in prompt and "do not guess" in prompt


# --- the graph ---------------------------------------------------------------------------------


def test_an_incomplete_text_is_completed_by_the_model_and_verifies(options) -> None:
    result = run(FREE_FORM, options=options, chat_model=scripted(fields({"stories": 3}), answer(GOOD)))
    assert result.status == "verified", [c.message for c in result.failed_checks]
    assert result.spec.stories == 3 and result.spec.story_heights_m == [3.2] * 3
    [filled] = [a for a in result.spec.assumptions if a.field == "stories"]
    assert filled.value == 3 and "filled by the drafting model" in filled.reason
    assert result.model_calls == 2  # the reading and the draft
    trace = events(options, result.thread_id)
    [(node, prompt)] = [(e.node, e.payload["messages"][0]["content"]) for e in trace if e.kind == "prompt"][:1]
    assert node == "model_parse" and "Missing" in prompt and FREE_FORM in prompt
    assert [e.node for e in trace if e.kind == "completion"] == ["model_parse", "draft"]
    [reading] = [e.payload for e in trace if e.kind == "model_fields"]
    assert reading["fields"] == {"stories": 3}
    assert not any(e.kind == "question" for e in trace)


def test_a_model_override_is_ignored_and_recorded(options) -> None:
    reply = fields({"stories": 3, "story_height_m": 4.5, "seismic": {"intensity": 7, "pga_g": 0.1}})
    result = run(FREE_FORM, options=options, chat_model=scripted(reply, answer(GOOD)))
    assert result.status == "verified"
    assert result.spec.story_heights_m == [3.2] * 3 and result.spec.seismic.intensity == 8
    assert result.spec.seismic.pga_g == 0.2
    assert [a.field for a in result.spec.assumptions if "drafting model" in a.reason] == ["stories"]
    [reading] = [e.payload for e in events(options, result.thread_id) if e.kind == "model_fields"]
    assert {i["field"] for i in reading["ignored"]} == {"story_height_m", "seismic.intensity", "seismic.pga_g"}


def test_a_garbage_answer_falls_back_to_the_question(options) -> None:
    model = scripted("I think the building has a few floors.", answer(GOOD))
    with pytest.raises(NeedsInput) as asked:
        run(FREE_FORM, options=options, chat_model=model)
    assert asked.value.missing == ["stories"] and "stories" in asked.value.question
    assert "no JSON object" in asked.value.question
    # the answer resumes the run; the model is not asked to read the text again
    result = resume(asked.value.thread_id, "3 stories", options=options, chat_model=model)
    assert result.status == "verified" and result.spec.stories == 3
    assert not any("drafting model" in a.reason for a in result.spec.assumptions)
    assert result.model_calls == 2
    trace = events(options, result.thread_id)
    assert [e.node for e in trace if e.kind == "prompt"] == ["model_parse", "draft"]


def test_invalid_values_fall_back_to_the_question_with_the_reason(options) -> None:
    model = scripted(fields({"stories": 3, "story_height_m": -3.2}))
    with pytest.raises(NeedsInput) as asked:
        run(NO_HEIGHTS, options=options, chat_model=model)
    assert asked.value.missing == ["stories"]
    assert "story_heights_m[story 1] = -3.2 m is out of range" in asked.value.question
    trace = events(options, asked.value.thread_id)
    [rejected] = [e.payload for e in trace if e.kind == "model_rejected"]
    assert any("out of range" in p for p in rejected["problems"])
    [question] = [e.payload for e in trace if e.kind == "question"]
    assert question["model_problems"] == rejected["problems"]


def test_a_model_that_finds_nothing_leaves_the_question(options) -> None:
    with pytest.raises(NeedsInput) as asked:
        run(FREE_FORM, options=options, chat_model=scripted(fields({}, think="The text gives no story count.")))
    assert "it gave no stories" in asked.value.question


def test_model_parse_can_be_turned_off(options) -> None:
    options = options.model_copy(update={"model_parse": False})
    with pytest.raises(NeedsInput) as asked:
        run(FREE_FORM, options=options, chat_model=scripted())  # a call would fail: nothing scripted
    assert "drafting model" not in asked.value.question
    assert not any(e.kind == "prompt" for e in events(options, asked.value.thread_id))


def test_a_complete_text_never_asks_the_model_to_read_it(options) -> None:
    result = run(COMPLETE, options=options, chat_model=scripted(answer(GOOD)))
    assert result.status == "verified" and result.model_calls == 1
    assert [e.node for e in events(options, result.thread_id) if e.kind == "prompt"] == ["draft"]


def test_over_http_the_served_model_completes_the_text(scripted_openai_server, tmp_path) -> None:
    server = scripted_openai_server([fields({"stories": 3}), answer(GOOD)])
    options = AgentOptions(model=ModelSettings(model="AutoBM-Seed-Coder-8B-R", base_url=server.url),
                           db=str(tmp_path / "autobm.sqlite"), timeout_s=20, max_repairs=0)
    result = run(FREE_FORM, options=options)
    assert result.status == "verified" and result.spec.stories == 3 and result.model_calls == 2
    assert "AutoBM-Seed-Coder-8B-R" in result.model
    reading_request = server.requests[0]
    assert [m["role"] for m in reading_request["messages"]] == ["user"]  # the strict chat format
    assert "Missing" in reading_request["messages"][0]["content"]
    assert "Write an OpenSeesPy script" in server.requests[1]["messages"][0]["content"]
