"""Training: SFT and GRPO steps on a tiny model built on the spot, and one full round (CI smoke).

No downloads: the model is a two-layer Llama from a config with a tokenizer trained here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("trl", reason="training needs the train extra: pip install -e '.[train]'")

from autobm.agent.errors import SpecError  # noqa: E402
from autobm.training.rounds import RoundsOptions, run_rounds  # noqa: E402
from autobm.training.train import GRPOOptions, SFTOptions, make_tiny_model, train_grpo, train_sft  # noqa: E402
from autobm.training.train import _corpus  # noqa: E402


def _weights(path: Path) -> dict:
    from safetensors.torch import load_file

    return load_file(str(path / "model.safetensors"))


def _changed(before: Path, after: Path) -> bool:
    a, b = _weights(before), _weights(after)
    assert a.keys() == b.keys()
    return any(not (a[k] == b[k]).all() for k in a)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tiny_model(tmp_path_factory.mktemp("tiny") / "model", _corpus(None))


def _rows(tmp_path: Path) -> tuple[Path, Path]:
    from autobm.agent.drafting import draft_reference
    from autobm.agent.parsing import parse_text
    from autobm.agent.prompts import draft_prompt

    spec = parse_text("2-story RC frame, 3.3 m floors, 2 bays of 6 m, intensity 7")
    prompt = [{"role": "user", "content": draft_prompt(spec)}]
    answer = f"<think>a plane frame</think><answer>\n```python\n{draft_reference(spec).code}\n```\n</answer>"
    sft, grpo = tmp_path / "sft.jsonl", tmp_path / "grpo.jsonl"
    sft.write_text(json.dumps({"prompt": prompt, "completion": [{"role": "assistant", "content": answer}]}) + "\n")
    grpo.write_text(json.dumps({"prompt": prompt, "spec": spec.model_dump_json()}) + "\n")
    return sft, grpo


def test_sft_steps_change_the_weights_and_report_the_loss(tiny: Path, tmp_path: Path) -> None:
    sft, _ = _rows(tmp_path)
    report = train_sft(SFTOptions(model=str(tiny), data=str(sft), out=str(tmp_path / "sft"), max_steps=2,
                                  learning_rate=1e-3, batch_size=1, max_length=4096))
    assert report.steps == 2 and report.first is not None and report.last is not None
    assert _changed(tiny, tmp_path / "sft")
    assert json.loads((tmp_path / "sft" / "train_report.json").read_text())["kind"] == "sft"


def test_grpo_step_scores_completions_with_the_sandboxed_reward(tiny: Path, tmp_path: Path) -> None:
    _, grpo = _rows(tmp_path)
    seen: list[int] = []

    def reward(completions, **columns):  # the real reward on what the model wrote, with a probe
        from autobm.training.rewards import autobm_reward

        seen.append(len(completions))
        assert "spec" in columns
        return autobm_reward(completions, **columns)

    reward.__name__ = "probe"
    report = train_grpo(GRPOOptions(model=str(tiny), data=str(grpo), out=str(tmp_path / "grpo"), max_steps=1,
                                    num_generations=2, batch_size=2, max_completion_length=8, learning_rate=1e-3),
                        reward_funcs=[reward])
    assert report.steps == 1 and seen and all(n == 2 for n in seen)
    assert report.first is not None and 0.0 <= report.first <= 1.0


def test_grpo_batch_must_hold_whole_groups(tiny: Path, tmp_path: Path) -> None:
    _, grpo = _rows(tmp_path)
    with pytest.raises(SpecError, match="multiple of --num-generations"):
        train_grpo(GRPOOptions(model=str(tiny), data=str(grpo), out=str(tmp_path / "g"), num_generations=4,
                               batch_size=6))


def test_one_full_round_on_a_tiny_model(tiny: Path, tmp_path: Path) -> None:
    """Self-play drafted by the tiny model (the reference drafter takes over), export, SFT, GRPO, evaluation."""
    options = RoundsOptions(model=str(tiny), work=str(tmp_path / "work"), rounds=1, selfplay_n=3, difficulty=1,
                            workers=2, max_tokens=16, max_repairs=0, sft_steps=2, sft_learning_rate=1e-3,
                            sft_max_length=4096, batch_size=1, grpo_steps=1, grpo_num_generations=2,
                            grpo_max_completion_length=8, grpo_learning_rate=1e-3, eval_k=1, eval_limit=2)
    rows = run_rounds(options, log=lambda line: None)
    assert len(rows) == 1 and rows[0].sft_examples >= 1 and rows[0].eval_buildings == 2
    assert 0.0 <= rows[0].pass_at_1 <= 1.0
    table = json.loads((tmp_path / "work" / "rounds.json").read_text())
    assert [r["round"] for r in table["rounds"]] == [1] and "pass@1" in table["rounds"][0]
    assert "| 1 |" in (tmp_path / "work" / "rounds.md").read_text()
    assert _changed(tiny, Path(rows[0].checkpoint)) and rows[0].checkpoint.endswith("grpo")
    again = run_rounds(options, log=lambda line: None)  # the table says round 1 is done: nothing runs
    assert [r.model_dump() for r in again] == [r.model_dump() for r in rows]


def test_rounds_count_the_models_own_code_apart_from_a_deterministic_repair_of_it(tmp_path: Path) -> None:
    """A model draft fixed by a deterministic repair was counted as "model verified"."""
    from model_answers import answer, scripted

    from autobm.agent.drafting import draft_reference
    from autobm.agent.parsing import parse_text
    from autobm.graphs.api import AgentOptions, run
    from autobm.training.rounds import _model_verified

    text = "3-story RC frame, 3.2 m floors, 2 bays of 6 m, intensity 8 (0.20g), office"
    good = draft_reference(parse_text(text)).code
    broken = good.replace('print(f"T1 = {periods[0]:.6f} s")', 'print(f"T1 = {periods[0]:.6f} s)')
    options = AgentOptions(db=str(tmp_path / "traces.sqlite"), timeout_s=20, max_repairs=0)
    assert [a.source for a in run(text, options=options, chat_model=scripted(answer(good))).attempts] == ["model"]
    fixed = run(text, options=options, chat_model=scripted(answer(broken)))
    assert [a.source for a in fixed.attempts] == ["model", "deterministic"] and fixed.status == "verified"
    assert run(text, options=options).status == "verified"  # the reference drafter
    assert _model_verified(options.db) == (1, 1)


def test_sft_says_when_prompts_leave_nothing_to_learn(tiny: Path, tmp_path: Path) -> None:
    sft, _ = _rows(tmp_path)
    with pytest.raises(SpecError, match="raise --max-length"):
        train_sft(SFTOptions(model=str(tiny), data=str(sft), out=str(tmp_path / "x"), max_steps=1, max_length=64))


def test_sft_says_how_many_examples_of_which_kind_max_length_drops_or_cuts(tiny: Path, tmp_path: Path) -> None:
    """trl dropped the examples whose prompt filled --max-length without a word (17 in, 12 kept: 5 repair turns)."""
    from transformers import AutoTokenizer

    from autobm.training.train import sft_lengths

    sft, _ = _rows(tmp_path)
    final = json.loads(sft.read_text())
    answer = final["completion"][0]["content"]
    repair = {"prompt": [*final["prompt"], {"role": "assistant", "content": answer.replace("ops.", "ops .")},
                         {"role": "user", "content": "Your script did not pass. Fix it."}],
              "completion": final["completion"]}
    data = tmp_path / "both.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in (final, repair, final)))
    tokenizer = AutoTokenizer.from_pretrained(str(tiny))
    whole = sft_lengths(tokenizer, [final, repair], 100_000)
    assert whole.dropped == whole.truncated == {} and whole.message() is None
    final_tokens = sft_lengths(tokenizer, [final], 100_000).longest_tokens
    assert whole.longest_tokens > final_tokens + 64  # the repair turn holds a failed answer too
    said: list[str] = []
    report = train_sft(SFTOptions(model=str(tiny), data=str(data), out=str(tmp_path / "sft"), max_steps=1,
                                  batch_size=1, max_length=final_tokens + 16), log=said.append)
    assert report.dropped == {"repair": 1} and report.truncated == {} and report.rows == 3
    assert report.longest_tokens == whole.longest_tokens
    [message] = said
    assert "1 of 3 examples dropped" in message and "(0 final, 1 repair)" in message
    assert f"--max-length {whole.longest_tokens} keeps every example whole" in message
    cut = sft_lengths(tokenizer, [final], final_tokens - 8)
    assert cut.truncated == {"final": 1} and "1 truncated" in cut.message()


def test_a_batch_of_prompts_gets_the_replies_each_gets_alone(tiny: Path) -> None:
    """Left padding and the attention mask: greedy replies in one padded batch equal the one-by-one replies."""
    from langchain_core.messages import HumanMessage

    from autobm.agent.models import TransformersChatModel, invoke_chat

    model = TransformersChatModel(path=str(tiny), temperature=0.0, max_new_tokens=24)
    conversations = [[HumanMessage(text)] for text in (
        "2-story RC frame", "12-story steel moment frame, 13 ft stories, 5 bays at 30 ft, ASCE 7", "shear building")]
    alone = [invoke_chat(model, c) for c in conversations]
    together = model.generate_batch(conversations, batch_size=3)
    assert [r.content for r in together] == [r.content for r in alone]
    assert [r.usage_metadata for r in together] == [r.usage_metadata for r in alone]
    assert len({r.usage_metadata["input_tokens"] for r in together}) == 3  # the prompts were padded
