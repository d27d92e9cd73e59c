"""How autobm gets a drafting chat model, and how it talks to one.

Three ways to name a model (``ModelSettings``), one factory (``make_chat_model``):

- a served model behind an OpenAI-compatible server (vLLM, SGLang, llama.cpp):
  ``model="AutoBM-Seed-Coder-8B-R", base_url="http://host:8000/v1"`` -> ``ChatOpenAI``;
- any LangChain chat model by ``"provider:name"`` (``"openai:gpt-4.1"``, ``"ollama:qwen3:8b"``);
- a local transformers checkpoint directory: ``model_path=...`` -> ``TransformersChatModel``.

Nothing configured gives None: the caller then uses the built-in reference drafter.

AutoBM-Seed-Coder-8B-R is Seed-Coder-8B-Reasoning fine-tuned; its chat template rejects a
system role and needs strict user/assistant alternation, ending on a user turn. Every call
goes through ``normalize_messages`` (``invoke_chat`` / ``ainvoke_chat`` do it), which folds
system text into the user turn and merges same-role neighbours. The reply is returned as
the raw ``AIMessage``: the ``<think>``/``<answer>`` blocks are parsed elsewhere. The
default sampling is the model card's: temperature 0.6, top_p 0.95, up to 4,096 new tokens.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, ChatMessage, HumanMessage, SystemMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, SecretStr, field_validator, model_validator

from .errors import ConfigError, masked_url

__all__ = [
    "ModelSettings",
    "TransformersChatModel",
    "ainvoke_chat",
    "chat_format_guard",
    "invoke_chat",
    "make_chat_model",
    "normalize_messages",
]

TRAIN_INSTALL_HINT = "pip install -e '.[train]'"

# ---------------------------------------------------------------------------
# The strict chat format


def _role(message: BaseMessage) -> str:
    """'user' or 'assistant' for the strict format; system text counts as user text."""
    if isinstance(message, (HumanMessage, SystemMessage)):
        return "user"
    if isinstance(message, AIMessage):
        return "assistant"
    if isinstance(message, ChatMessage) and message.role in ("user", "system", "assistant"):
        return "assistant" if message.role == "assistant" else "user"
    raise ValueError(f"a {type(message).__name__} (type {message.type!r}) has no place in a user/assistant "
                     "conversation: the chat template knows only user and assistant turns")


def normalize_messages(messages: Sequence[BaseMessage]) -> list[BaseMessage]:
    r"""The conversation in the strict user/assistant form that Seed-Coder's chat template accepts.

    System text is folded into the user turn it belongs to: leading system messages open
    the first user message (system text first, a blank line, then the user text), a later
    one joins the user turn at its place. Neighbours of the same role are merged (joined
    with a blank line), empty messages dropped. The result alternates, starting and
    ending with a user message, and holds only ``HumanMessage`` and ``AIMessage`` with
    string content. Raises ValueError naming the problem where that cannot be done: no
    text at all, an assistant turn first or last, or a tool message.

    >>> from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
    >>> turns = normalize_messages([SystemMessage("Write OpenSeesPy."), HumanMessage("A 3-story frame."),
    ...                             AIMessage("<answer>v1</answer>"), HumanMessage(""),
    ...                             HumanMessage("Line 3 failed."), HumanMessage("Keep SI units.")])
    >>> [(m.type, m.content) for m in turns]  # doctest: +NORMALIZE_WHITESPACE
    [('human', 'Write OpenSeesPy.\n\nA 3-story frame.'), ('ai', '<answer>v1</answer>'),
     ('human', 'Line 3 failed.\n\nKeep SI units.')]
    """
    turns: list[tuple[str, str]] = []
    for message in messages:
        role = _role(message)
        text = message.text
        if not text.strip():
            continue
        if turns and turns[-1][0] == role:
            turns[-1] = (role, f"{turns[-1][1]}\n\n{text}")
        else:
            turns.append((role, text))
    if not turns:
        raise ValueError("the conversation has no text: every message is empty; the model needs a user message")
    if turns[0][0] != "user":
        raise ValueError("the conversation starts with an assistant message; the chat template needs a user "
                         "(or system) message first")
    if turns[-1][0] != "user":
        raise ValueError("the conversation ends with an assistant message; the chat template needs a user "
                         "message last, to answer it")
    return [HumanMessage(text) if role == "user" else AIMessage(text) for role, text in turns]


def chat_format_guard(model: BaseChatModel) -> Runnable[Sequence[BaseMessage], BaseMessage]:
    """``model`` behind ``normalize_messages``: a runnable that takes any conversation."""
    return RunnableLambda(normalize_messages, name="normalize_messages") | model


def _as_ai_message(reply: Any, model: BaseChatModel) -> AIMessage:
    if not isinstance(reply, AIMessage):
        raise ConfigError(f"the chat model {type(model).__name__} answered with a {type(reply).__name__}, "
                          "not an AIMessage: configure a chat model")
    return reply


def invoke_chat(model: BaseChatModel, messages: Sequence[BaseMessage],
                config: RunnableConfig | None = None) -> AIMessage:
    """Normalize the conversation, call the model, return its raw reply (not parsed)."""
    return _as_ai_message(model.invoke(normalize_messages(messages), config=config), model)


async def ainvoke_chat(model: BaseChatModel, messages: Sequence[BaseMessage],
                       config: RunnableConfig | None = None) -> AIMessage:
    """``invoke_chat`` for async callers."""
    return _as_ai_message(await model.ainvoke(normalize_messages(messages), config=config), model)


# ---------------------------------------------------------------------------
# Settings


class ModelSettings(BaseModel):
    """Which drafting model to use and how to sample from it. All empty: the reference drafter."""

    model_config = ConfigDict(extra="forbid")

    model: str | None = Field(
        None, description="the served model name when base_url is given (vLLM --served-model-name, e.g. "
                          "AutoBM-Seed-Coder-8B-R), else 'provider:model' for any LangChain chat model "
                          "(e.g. openai:gpt-4.1, ollama:qwen3:8b)")
    base_url: str | None = Field(
        None, description="an OpenAI-compatible server's base URL, e.g. vLLM's http://host:8000/v1")
    api_key: SecretStr | None = Field(
        None, description="the API key for base_url; default: the environment's OPENAI_API_KEY, else 'EMPTY' "
                          "(local servers ignore it). For provider:model, the provider's own variable is read "
                          "when this is empty. Kept secret in dumps and reprs.")
    model_path: str | None = Field(
        None, description="a local transformers checkpoint directory (a normal checkpoint or one holding a "
                          "GGUF file), loaded in this process; needs pip install -e '.[train]'")
    temperature: float = Field(0.6, description="sampling temperature, 0 to 2; 0 = greedy (model card: 0.6)")
    top_p: float = Field(0.95, description="nucleus sampling probability mass, in (0, 1] (model card: 0.95)")
    max_tokens: int = Field(4096, description="the most new tokens per reply, >= 1 (model card: 4096)")
    timeout_s: float = Field(600.0, description="the longest wait for one request, s (> 0); a request that fails is "
                                                "sent again max_retries times, so a reply may take up to "
                                                "(1 + max_retries) × timeout_s")
    max_retries: int = Field(2, ge=0, le=10, description="how often the client sends a failed request again "
                                                         "(HTTP errors, timeouts), 0 to 10")
    seed: int | None = Field(None, description="sampling seed, where the backend honours one")

    @field_validator("model")
    @classmethod
    def _model_named(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("model is empty: give the served model name with base_url, or provider:model")
        return value.strip() if value is not None else None

    @field_validator("base_url")
    @classmethod
    def _base_url_http(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"base_url must start with http:// or https:// (e.g. http://localhost:8000/v1); "
                             f"got {value!r}")
        return value

    @field_validator("model_path")
    @classmethod
    def _model_path_dir(cls, value: str | None) -> str | None:
        if value is None:
            return None
        path = Path(value).expanduser()
        if not path.exists():
            raise ValueError(f"model_path {value!r} does not exist: give a local checkpoint directory")
        if not path.is_dir():
            raise ValueError(f"model_path {value!r} is not a directory: give the checkpoint's directory "
                             "(for a GGUF file, the directory holding it)")
        return str(path)

    @field_validator("temperature")
    @classmethod
    def _temperature_range(cls, value: float) -> float:
        if not 0.0 <= value <= 2.0:
            raise ValueError(f"temperature must be between 0 and 2 (0 = greedy; the model card uses 0.6); got {value}")
        return value

    @field_validator("top_p")
    @classmethod
    def _top_p_range(cls, value: float) -> float:
        if not 0.0 < value <= 1.0:
            raise ValueError(f"top_p must be in (0, 1] (1 = no nucleus cut; the model card uses 0.95); got {value}")
        return value

    @field_validator("max_tokens")
    @classmethod
    def _max_tokens_positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError(f"max_tokens must be at least 1 (the model card allows 4096); got {value}")
        return value

    @field_validator("timeout_s")
    @classmethod
    def _timeout_positive(cls, value: float) -> float:
        if not value > 0:
            raise ValueError(f"timeout_s must be more than 0 seconds; got {value}")
        return value

    @model_validator(mode="after")
    def _one_backend(self) -> ModelSettings:
        if self.model_path is not None and self.base_url is not None:
            raise ValueError("model_path and base_url both given: choose one, a local checkpoint (model_path) "
                             "or a server (base_url)")
        if self.base_url is not None and self.model is None:
            raise ValueError("base_url needs model: the name the server serves (vLLM --served-model-name, "
                             "listed at GET <base_url>/models), e.g. AutoBM-Seed-Coder-8B-R")
        return self

    @property
    def configured(self) -> bool:
        """Whether a model is named at all (else the reference drafter drafts)."""
        return any(v is not None for v in (self.model, self.base_url, self.model_path))

    def describe(self) -> str:
        """A short name of the backend for traces: 'openai-compatible:NAME@URL', 'transformers:DIR',
        'provider:NAME', or 'reference' when nothing is configured."""
        if self.base_url is not None:
            return f"openai-compatible:{self.model}@{masked_url(self.base_url)}"
        if self.model_path is not None:
            return f"transformers:{self.model_path}"
        if self.model is not None:
            return self.model
        return "reference"

    def server_api_key(self) -> str:
        """The key sent to base_url: the one given, else OPENAI_API_KEY, else 'EMPTY'."""
        if self.api_key is not None:
            return self.api_key.get_secret_value()
        return os.environ.get("OPENAI_API_KEY") or "EMPTY"


# ---------------------------------------------------------------------------
# The factory


@dataclass(frozen=True)
class _Provider:
    """A LangChain integration: where its chat model class lives and what its knobs are called."""

    module: str
    class_name: str
    package: str
    max_tokens_arg: str = "max_tokens"
    client_timeout: bool = False  # the timeout goes to the HTTP client (client_kwargs), no max_retries
    has_seed: bool = False
    has_api_key: bool = True


PROVIDERS: dict[str, _Provider] = {
    "openai": _Provider("langchain_openai", "ChatOpenAI", "langchain-openai", has_seed=True),
    "anthropic": _Provider("langchain_anthropic", "ChatAnthropic", "langchain-anthropic"),
    "ollama": _Provider("langchain_ollama", "ChatOllama", "langchain-ollama", max_tokens_arg="num_predict",
                        client_timeout=True, has_seed=True, has_api_key=False),
    "google_genai": _Provider("langchain_google_genai", "ChatGoogleGenerativeAI", "langchain-google-genai",
                              max_tokens_arg="max_output_tokens"),
}
"""The providers autobm knows without the ``langchain`` package (which, when installed, knows more)."""

_GENERIC_PROVIDER = _Provider("", "", "")


def _provider_kwargs(settings: ModelSettings, provider: _Provider) -> dict[str, Any]:
    """Constructor arguments for a provider's chat model from the settings.

    top_p is sent only when set explicitly: its default is the Seed-Coder model card's,
    and some hosted models refuse temperature and top_p together. The API key is sent
    only when given, so that the integration reads its own variable (ANTHROPIC_API_KEY...).
    """
    kwargs: dict[str, Any] = {"temperature": settings.temperature, provider.max_tokens_arg: settings.max_tokens}
    if provider.client_timeout:
        kwargs["client_kwargs"] = {"timeout": settings.timeout_s}
    else:
        kwargs |= {"timeout": settings.timeout_s, "max_retries": settings.max_retries}
    if "top_p" in settings.model_fields_set:
        kwargs["top_p"] = settings.top_p
    if settings.seed is not None and provider.has_seed:
        kwargs["seed"] = settings.seed
    if settings.api_key is not None and provider.has_api_key:
        kwargs["api_key"] = settings.api_key.get_secret_value()
    return kwargs


def _import_provider_class(name: str, provider: _Provider) -> type[BaseChatModel]:
    try:
        module = importlib.import_module(provider.module)
    except ImportError as exc:
        raise ConfigError(f"model provider {name!r} needs its LangChain integration: pip install {provider.package} "
                          f"({exc})") from exc
    return getattr(module, provider.class_name)


def _provider_model(settings: ModelSettings) -> BaseChatModel:
    """A LangChain chat model for ``provider:name``: init_chat_model where ``langchain`` is installed,
    else the built-in table ``PROVIDERS``."""
    assert settings.model is not None
    name, sep, model_name = settings.model.partition(":")
    if not sep or not name or not model_name:
        raise ConfigError(f"model {settings.model!r} names no provider and no server: give --base-url for a "
                          "model served by an OpenAI-compatible server (vLLM), or provider:name "
                          "(e.g. openai:gpt-4.1, ollama:qwen3:8b)")
    provider = PROVIDERS.get(name)
    kwargs = _provider_kwargs(settings, provider or _GENERIC_PROVIDER)
    try:
        init_chat_model = importlib.import_module("langchain.chat_models").init_chat_model
    except ImportError:
        init_chat_model = None
    if init_chat_model is not None:
        try:
            return init_chat_model(model_name, model_provider=name, **kwargs)
        except ImportError as exc:
            package = provider.package if provider else f"langchain-{name.replace('_', '-')}"
            raise ConfigError(f"model provider {name!r} needs its LangChain integration: pip install {package} "
                              f"({exc})") from exc
        except Exception as exc:  # an unknown provider, a missing API key
            raise ConfigError(f"model {settings.model!r}: {type(exc).__name__}: {exc}") from exc
    if provider is None:
        raise ConfigError(f"unknown model provider {name!r} in {settings.model!r}: known without the langchain "
                          f"package: {', '.join(sorted(PROVIDERS))}; pip install langchain for more, or give "
                          "--base-url for an OpenAI-compatible server")
    chat_model = _import_provider_class(name, provider)
    try:
        return chat_model(model=model_name, **kwargs)
    except Exception as exc:  # a missing API key, an unknown option: the integration's own words
        raise ConfigError(f"model {settings.model!r}: {type(exc).__name__}: {exc}") from exc


def make_chat_model(settings: ModelSettings) -> BaseChatModel | None:
    """The drafting chat model the settings name, or None when they name none.

    base_url -> ``ChatOpenAI`` against that server; model_path -> ``TransformersChatModel``
    (loaded on first call); ``provider:name`` -> that LangChain integration. Raises
    ConfigError (naming the package to install, or the option to give) where that cannot work.
    """
    if not settings.configured:
        return None
    if settings.base_url is not None:
        chat_openai = _import_provider_class("openai-compatible", PROVIDERS["openai"])
        return chat_openai(model=settings.model, base_url=settings.base_url, api_key=settings.server_api_key(),
                           temperature=settings.temperature, top_p=settings.top_p, max_tokens=settings.max_tokens,
                           timeout=settings.timeout_s, max_retries=settings.max_retries, seed=settings.seed)
    if settings.model_path is not None:
        return TransformersChatModel(path=settings.model_path, model_name=settings.model,
                                     temperature=settings.temperature, top_p=settings.top_p,
                                     max_new_tokens=settings.max_tokens, seed=settings.seed)
    return _provider_model(settings)


# ---------------------------------------------------------------------------
# A local transformers model


def find_gguf_file(directory: Path) -> str | None:
    """The name of the one GGUF file in ``directory``, None if there is none.

    Several GGUF files (say Q4 and Q8 quantizations) are ambiguous: ConfigError.
    """
    files = sorted(p.name for p in directory.glob("*.gguf") if p.is_file())
    if len(files) > 1:
        raise ConfigError(f"{directory} holds several GGUF files ({', '.join(files)}): give gguf_file, or "
                          "keep one in the directory")
    return files[0] if files else None


@dataclass
class _Loaded:
    torch: Any
    tokenizer: Any
    model: Any


def _dtype_arg(transformers: Any) -> str:
    """transformers renamed from_pretrained's ``torch_dtype`` to ``dtype`` in 4.56."""
    major, minor = (int(part) for part in transformers.__version__.split(".")[:2])
    return "dtype" if (major, minor) >= (4, 56) else "torch_dtype"


class TransformersChatModel(BaseChatModel):
    """A causal LM from a local directory run with transformers in this process.

    The directory holds a normal checkpoint or a GGUF file (passed as ``gguf_file`` to
    ``from_pretrained`` for both model and tokenizer; transformers dequantizes it).
    Loaded on the first call, from local files only. CPU in float32 by default, the GPU
    in bfloat16 where CUDA is available (the model card's dtype). Conversations are
    normalized to the strict user/assistant form before the chat template is applied.
    """

    path: str = Field(description="the checkpoint directory")
    model_name: str | None = Field(None, description="a name for traces; default: the directory's name")
    gguf_file: str | None = Field(None, description="the GGUF file in path; default: the one there, if any")
    temperature: float = Field(0.6, description="sampling temperature; 0 = greedy decoding")
    top_p: float = Field(0.95, description="nucleus sampling probability mass, (0, 1]")
    max_new_tokens: int = Field(4096, description="the most new tokens per reply")
    seed: int | None = Field(None, description="torch seed set before each generation, for repeatable samples")
    device: str | None = Field(None, description="torch device; default: cuda where available, else cpu")

    _loaded: _Loaded | None = PrivateAttr(default=None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "autobm-transformers"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_name": self.model_name or Path(self.path).name, "path": self.path, "gguf_file": self.gguf_file,
                "temperature": self.temperature, "top_p": self.top_p, "max_new_tokens": self.max_new_tokens}

    def _load(self) -> _Loaded:
        with self._lock:
            if self._loaded is None:
                self._loaded = self._load_now()
            return self._loaded

    def _load_now(self) -> _Loaded:
        try:
            import torch
            import transformers
        except ImportError as exc:
            raise ConfigError(f"a local model (model_path) needs transformers and torch: {TRAIN_INSTALL_HINT} "
                              f"({exc})") from exc
        directory = Path(self.path)
        if not directory.is_dir():
            raise ConfigError(f"model path {self.path!r} is not a directory")
        gguf = self.gguf_file or find_gguf_file(directory)
        source = {"gguf_file": gguf} if gguf else {}
        device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
        dtype = torch.bfloat16 if device.startswith("cuda") else torch.float32
        tokenizer = transformers.AutoTokenizer.from_pretrained(str(directory), local_files_only=True, **source)
        tokenizer.padding_side = "left"  # batched prompts end where generation starts
        if tokenizer.pad_token_id is None:
            tokenizer.pad_token = tokenizer.eos_token
        model = transformers.AutoModelForCausalLM.from_pretrained(
            str(directory), local_files_only=True, **{_dtype_arg(transformers): dtype}, **source)
        model.to(device)
        model.eval()
        return _Loaded(torch=torch, tokenizer=tokenizer, model=model)

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._reply([messages], stop)[0])])

    def generate_batch(self, conversations: Sequence[Sequence[BaseMessage]], *, batch_size: int = 8,
                       stop: list[str] | None = None) -> list[AIMessage]:
        """Replies to several conversations, ``batch_size`` of them to one ``generate`` call.

        The prompts of a call are padded on the left, so each reply is what the model says to
        its conversation alone (up to sampling and floating-point order). Each token step then
        serves the whole batch, so its fixed cost (reading the weights, launching every layer)
        is paid once for all of them; ``benchmarks/bench_generate.py`` measures the gain. A
        batch takes as many steps as its longest reply. Replies come in the order of
        ``conversations``, each with its own token counts and finish reason, as ``invoke``
        gives them.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size = {batch_size}: allowed 1 or more")
        return [reply for start in range(0, len(conversations), batch_size)
                for reply in self._reply(conversations[start:start + batch_size], stop)]

    def _reply(self, conversations: Sequence[Sequence[BaseMessage]], stop: list[str] | None) -> list[AIMessage]:
        """One ``generate`` call for these conversations (left-padded), one reply each."""
        loaded = self._load()
        tokenizer, model, torch = loaded.tokenizer, loaded.model, loaded.torch
        prompts = [tokenizer.apply_chat_template(
            [{"role": "user" if m.type == "human" else "assistant", "content": m.text}
             for m in normalize_messages(messages)], tokenize=False, add_generation_prompt=True)
            for messages in conversations]
        inputs = tokenizer(prompts, return_tensors="pt", padding=True, add_special_tokens=False).to(model.device)
        padded_length = int(inputs["input_ids"].shape[1])
        sampling = ({"do_sample": True, "temperature": self.temperature, "top_p": self.top_p}
                    if self.temperature > 0 else {"do_sample": False})
        if self.seed is not None:
            torch.manual_seed(self.seed)
        with torch.inference_mode():
            output = model.generate(**inputs, max_new_tokens=self.max_new_tokens, pad_token_id=tokenizer.pad_token_id,
                                    **sampling)
        ends = _end_token_ids(tokenizer, model)
        replies = []
        for row, mask in zip(output, inputs["attention_mask"]):
            new_tokens = [int(t) for t in row[padded_length:].tolist()]
            # a sequence that ended early is padded to the longest: count up to its end token
            ended = next((i + 1 for i, t in enumerate(new_tokens) if t in ends), None)
            completion_tokens = ended if ended is not None else len(new_tokens)
            text = tokenizer.decode(new_tokens[:completion_tokens], skip_special_tokens=True)
            finish_reason = "length" if ended is None and completion_tokens >= self.max_new_tokens else "stop"
            cut = min((text.index(m) for m in stop or [] if m and m in text), default=None)
            if cut is not None:
                text, finish_reason = text[:cut], "stop"
            prompt_tokens = int(sum(mask.tolist()))
            replies.append(AIMessage(
                text,
                response_metadata={"model_name": self._identifying_params["model_name"],
                                   "prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                                   "finish_reason": finish_reason},
                usage_metadata={"input_tokens": prompt_tokens, "output_tokens": completion_tokens,
                                "total_tokens": prompt_tokens + completion_tokens},
            ))
        return replies


def _end_token_ids(tokenizer: Any, model: Any) -> set[int]:
    """The tokens that end a reply: the tokenizer's end of sequence and the model's own (one or a list)."""
    ends: set[int] = set()
    for value in (tokenizer.eos_token_id, getattr(getattr(model, "generation_config", None), "eos_token_id", None)):
        if isinstance(value, int):
            ends.add(value)
        elif isinstance(value, (list, tuple)):
            ends.update(int(v) for v in value)
    return ends
