"""The broken-draft corpus is honest: each broken answer fails for its fault, each fixed one verifies.

A sample (three drafts of every fault: a 2D frame, a 3D frame and a shear building) runs
through ``run_draft``; the whole corpus runs under ``-m slow``. Code is taken from the
``<answer>`` block (an unterminated fence counts; a bare fence counts when there is no
``<answer>`` at all), which is where a repair loop must find it.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from broken_drafts import FAULTS, MUTATIONS, BrokenDraft, broken_drafts  # noqa: E402

from autobm.agent.drafting import Draft  # noqa: E402
from autobm.agent.parsing import parse_text  # noqa: E402
from autobm.agent.pipeline import RunResult, run_draft  # noqa: E402
from autobm.agent.sandbox import SandboxLimits  # noqa: E402

CORPUS = broken_drafts()
ENDLESS_LIMITS = SandboxLimits(timeout_s=1)

# What each fault must trip: the execution error type, or at least one of the failed checks.
EXPECTED_ERROR: dict[str, set[str]] = {
    "unterminated_string": {"SyntaxError"},
    "syntax_other": {"SyntaxError"},
    "wrong_ndf": {"OpenSeesError"},
    "transf_after_element": {"OpenSeesError"},
    "duplicate_tag": {"OpenSeesError"},
    "endless_loop": {"Timeout"},
}
EXPECTED_CHECK: dict[str, set[str]] = {
    "missing_mass": {"mass.positive", "mass.total"},
    "eigenvalue_as_period": {"period.printed_vs_computed"},
    "mixed_units": {"period.code_formula", "equilibrium.gravity", "mass.total", "geometry.story_heights"},
    "unfixed_base": {"supports.base_fixed", "geometry.plan"},
    "wrong_story_count": {"geometry.stories"},
    "wrong_mass": {"mass.total"},
}

_FENCE = re.compile(r"```(?:python|py)?[ \t]*\n(.*?)(?:```|</answer>|\Z)", re.DOTALL)


def answer_code(completion: str) -> str | None:
    """The python code of the <answer> block; without an <answer> block, the first fence outside <think>."""
    m = re.search(r"<answer>(.*?)(?:</answer>|\Z)", completion, re.DOTALL)
    region = m.group(1) if m else re.sub(r"<think>.*?(?:</think>|\Z)", "", completion, flags=re.DOTALL)
    fence = _FENCE.search(region)
    return fence.group(1) if fence else None


def any_code(completion: str) -> str | None:
    """The first python fence anywhere, <think> included."""
    fence = _FENCE.search(completion)
    return fence.group(1) if fence else None


def run(d: BrokenDraft, code: str, limits: SandboxLimits | None = None) -> RunResult:
    return run_draft(parse_text(d.text), Draft(code=code, drafter="test", assumptions=[]), limits=limits)


def describe(r: RunResult) -> str:
    return (f"{r.status}: {r.execution.error_type} {r.execution.error_message!r}; failed checks "
            f"{[(c.id, c.message[:120]) for c in r.failed_checks]}")


def assert_broken(d: BrokenDraft) -> None:
    code = answer_code(d.completion)
    if d.fault == "code_outside_answer":
        assert code is None, f"{d.id}: the <answer> block holds code"
        assert any_code(d.completion) is not None
        return
    assert code is not None, f"{d.id}: no code in the answer"
    assert code != answer_code(d.fixed_completion), f"{d.id}: the broken code is the fixed code"
    r = run(d, code, ENDLESS_LIMITS if d.fault == "endless_loop" else None)
    assert r.status == "failed", f"{d.id} ({d.note}) verified"
    failed = {c.id for c in r.failed_checks}
    if d.fault in EXPECTED_ERROR:
        assert r.execution.error_type in EXPECTED_ERROR[d.fault], f"{d.id}: {describe(r)}"
    if d.fault in EXPECTED_CHECK:
        assert failed & EXPECTED_CHECK[d.fault], f"{d.id}: {describe(r)}"
    if d.fault == "endless_loop":
        assert r.execution.timed_out


def assert_fixed(d: BrokenDraft) -> None:
    code = answer_code(d.fixed_completion)
    assert code is not None, f"{d.id}: no code in the fixed answer"
    r = run(d, code)
    assert r.status == "verified", f"{d.id}: {describe(r)}"
    if d.fault == "code_outside_answer":
        assert any_code(d.completion) == code  # the misplaced code was right all along


def _sample() -> list[BrokenDraft]:
    """Per fault, its first 2D frame, 3D frame and shear building."""
    picked: dict[tuple[str, str], BrokenDraft] = {}
    for d in CORPUS:
        kind = "shear" if d.id.endswith("shear") else d.id[-2:]
        picked.setdefault((d.fault, kind), d)
    return list(picked.values())


SAMPLE = _sample()


def test_corpus_size_faults_and_ids() -> None:
    assert len(CORPUS) >= 100
    counts = Counter(d.fault for d in CORPUS)
    assert set(counts) == set(FAULTS)
    assert min(counts.values()) >= 6, counts
    assert len({d.id for d in CORPUS}) == len(CORPUS)


def test_corpus_spread_and_determinism() -> None:
    assert broken_drafts() == CORPUS
    for fault in FAULTS:
        kinds = {("shear" if d.id.endswith("shear") else d.id[-2:]) for d in CORPUS if d.fault == fault}
        assert kinds == {"2d", "3d", "shear"}, (fault, kinds)
        used = {m.group(1) for d in CORPUS if d.fault == fault and (m := re.search(r"mutation: (\w+)", d.note))}
        assert used == {f.__name__.lstrip("_") for f in MUTATIONS[fault]}, fault
    styles = Counter(re.search(r"completion: (.*)$", d.note).group(1) for d in CORPUS)
    assert {"think + answer", "bare python fence", "unterminated fence", "prose around the fence"} <= set(styles)
    assert any(re.search(r"[\u4e00-\u9fff]", d.text) for d in CORPUS)
    assert {parse_text(d.text).seismic.code for d in CORPUS} == {"gb50011", "asce7", "en1998"}


def test_answer_code_extraction() -> None:
    assert answer_code("<think>x</think>\n<answer>\n```python\na = 1\n```\n</answer>") == "a = 1\n"
    assert answer_code("<think>x</think>\n<answer>\n```python\na = 1\n") == "a = 1\n"  # cut off
    assert answer_code("```python\na = 1\n```") == "a = 1\n"
    assert answer_code("<think>```python\na = 1\n```</think>\n<answer>see above</answer>") is None
    assert answer_code("<answer>below</answer>\n```python\na = 1\n```") is None


def test_sample_covers_every_fault_twice() -> None:
    counts = Counter(d.fault for d in SAMPLE)
    assert set(counts) == set(FAULTS) and min(counts.values()) >= 2


@pytest.mark.parametrize("draft", SAMPLE, ids=[d.id for d in SAMPLE])
def test_broken_fails_and_fixed_verifies(draft: BrokenDraft) -> None:
    assert_broken(draft)
    assert_fixed(draft)


@pytest.mark.slow
@pytest.mark.parametrize("draft", CORPUS, ids=[d.id for d in CORPUS])
def test_whole_corpus(draft: BrokenDraft) -> None:
    assert_broken(draft)
    assert_fixed(draft)
