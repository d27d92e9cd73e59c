"""Extracting the script from model completions, and the r_fmt tier each markup earns."""

from __future__ import annotations

import pytest

from autobm.agent.extraction import extract_code

SCRIPT = """\
import openseespy.opensees as ops
import math

ops.wipe()
ops.model('basic', '-ndm', 2, '-ndf', 3)
ops.node(1, 0.0, 0.0)
ops.node(2, 0.0, 3.2)
ops.fix(1, 1, 1, 1)
ops.mass(2, 60000.0, 0.0, 0.0)
ops.geomTransf('Linear', 1)
ops.element('elasticBeamColumn', 1, 1, 2, 0.25, 3.0e10, 5.2e-3, 1)
lam = ops.eigen('-fullGenLapack', 1)
print(f"T1 = {2 * math.pi / math.sqrt(lam[0]):.4f} s")
"""

THINK = """\
The building is a one-story frame, 3.2 m high. I will use a 2D model with ndm = 2 and ndf = 3,
fix the base, lump the floor mass at the top node and run an eigen analysis. The period is
T = 2*pi/sqrt(lambda), since eigen returns omega squared."""


def test_seed_coder_strict_answer():
    e = extract_code(f"<think>\n{THINK}\n</think>\n<answer>\nHere is the model:\n```python\n{SCRIPT}```\n</answer>")
    assert e.code == SCRIPT
    assert e.format == "strict"
    assert e.think == THINK
    assert not e.code_in_think and e.problems == []


def test_crlf_line_ends_are_normalised():
    completion = f"<think>{THINK}</think><answer>```python\n{SCRIPT}```</answer>".replace("\n", "\r\n")
    e = extract_code(completion)
    assert e.code == SCRIPT
    assert e.format == "strict"


def test_answer_without_fences_is_loose():
    e = extract_code(f"<think>{THINK}</think>\n<answer>\n{SCRIPT}</answer>")
    assert e.code == SCRIPT
    assert e.format == "loose"
    assert "no code fences: took the text as code" in e.problems


def test_prose_after_answer_makes_it_loose():
    e = extract_code(f"<think>{THINK}</think><answer>```python\n{SCRIPT}```</answer>\nHope this helps!")
    assert e.code == SCRIPT
    assert e.format == "loose"


def test_unterminated_fence_runs_to_the_end_of_the_answer():
    e = extract_code(f"<think>{THINK}</think>\n<answer>\n```python\n{SCRIPT}</answer>")
    assert e.code == SCRIPT
    assert e.format == "loose"
    assert "the ```python fence is not closed; took the code to the end" in e.problems


def test_truncated_completion_takes_the_code_to_the_end_of_the_text():
    truncated = SCRIPT[:SCRIPT.index("lam = ")]
    e = extract_code(f"<think>{THINK}</think>\n<answer>\n```python\n{truncated}")
    assert e.code == truncated
    assert e.format == "loose"
    assert "the <answer> block is not closed" in e.problems


@pytest.mark.parametrize("fence", ["```py", "```Python", "```python3", "```"])
def test_fence_languages(fence):
    e = extract_code(f"Here is the script.\n\n{fence}\n{SCRIPT}```\n\nRun it with python model.py.")
    assert e.code == SCRIPT
    assert e.format == "code_block"


def test_non_python_blocks_are_skipped():
    e = extract_code(f"```python\n{SCRIPT}```\nThen run:\n```bash\npython model.py\n```\n"
                     "Output:\n```\nT1 = 0.41 s\n```")
    assert e.code == SCRIPT
    assert e.format == "code_block"


def test_several_blocks_take_the_last_complete_one_that_imports_openseespy():
    draft = SCRIPT.replace("3.0e10", "3.0e4")
    helper = "def period(lam):\n    return 2 * math.pi / math.sqrt(lam)\n"
    e = extract_code(f"First attempt:\n```python\n{draft}```\nThe modulus was in MPa. Corrected:\n"
                     f"```python\n{SCRIPT}```\nA helper you may reuse:\n```python\n{helper}```")
    assert e.code == SCRIPT
    assert "3 code blocks; took the last complete one that imports openseespy" in e.problems


def test_a_short_snippet_after_the_script_does_not_replace_it():
    snippet = "ops.mass(2, 60000.0, 0.0, 0.0)\n"
    e = extract_code(f"```python\n{SCRIPT}```\nTo change the mass, edit:\n```python\n{snippet}```")
    assert e.code == SCRIPT


def test_the_answer_block_wins_over_blocks_in_the_reasoning():
    sketch = "import openseespy.opensees as ops\nops.model('basic', '-ndm', 2)\n"
    e = extract_code(f"<think>Sketch:\n```python\n{sketch}```\nNow the full model.</think>\n"
                     f"<answer>```python\n{SCRIPT}```</answer>")
    assert e.code == SCRIPT
    assert e.format == "loose"  # well formed, but the reasoning holds code
    assert e.code_in_think
    assert "code appears inside <think>" in e.problems


def test_code_outside_an_empty_answer():
    e = extract_code(f"<think>{THINK}</think>\n```python\n{SCRIPT}```\n"
                     "<answer>The first period is printed as T1.</answer>")
    assert e.code == SCRIPT
    assert e.format == "loose"
    assert "code found outside the <answer> block" in e.problems


def test_answer_without_think():
    e = extract_code(f"<answer>\n```python\n{SCRIPT}```\n</answer>")
    assert e.code == SCRIPT
    assert e.format == "answer_only"
    assert e.think is None


def test_missing_opening_think_tag():
    e = extract_code(f"{THINK}\n</think>\n<answer>\n```python\n{SCRIPT}```\n</answer>")
    assert e.code == SCRIPT
    assert e.think == THINK
    assert e.format == "loose"


def test_unterminated_think_before_the_answer():
    e = extract_code(f"<think>\n{THINK}\n<answer>\n```python\n{SCRIPT}```\n</answer>")
    assert e.code == SCRIPT
    assert e.format == "loose"
    assert not e.code_in_think
    assert "the <think> block is not closed (it is taken to end at <answer>)" in e.problems


def test_unterminated_think_code_only_inside_it():
    e = extract_code(f"<think>\n{THINK}\nSo the script is:\n```python\n{SCRIPT}```\n")
    assert e.code == SCRIPT
    assert e.code_in_think
    assert e.format == "code_block"
    assert "the only code is inside <think>" in e.problems


def test_code_after_think_is_preferred_to_code_inside_an_unclosed_think():
    sketch = "import openseespy.opensees as ops\n"
    e = extract_code(f"<think>\nTry:\n```python\n{sketch}```\nthen the full one.\n<answer>{SCRIPT}</answer>")
    assert e.code == SCRIPT
    assert e.code_in_think


def test_bare_code():
    e = extract_code(SCRIPT)
    assert e.code == SCRIPT
    assert e.format == "other"


def test_bare_code_with_a_syntax_error_is_still_code():
    broken = SCRIPT.replace('s")', "s)")
    e = extract_code(broken)
    assert e.code == broken
    assert e.format == "other"


def test_bare_code_with_leading_and_trailing_prose():
    e = extract_code(f"Sure! Below is the OpenSeesPy model.\n\n{SCRIPT}\nThe first period is about 0.4 s.")
    assert e.code == SCRIPT
    assert e.format == "other"
    assert "no code fences: took the code without its leading and trailing prose" in e.problems


def test_bare_code_after_think():
    e = extract_code(f"<think>{THINK}</think>\n{SCRIPT}")
    assert e.code == SCRIPT
    assert e.format == "other"


def test_answer_leftovers_are_stripped():
    e = extract_code(f"<think>{THINK}</think><answer>\n```python\n{SCRIPT}\n</answer>\n```")
    assert e.code == SCRIPT


def test_indented_block_is_dedented():
    indented = "".join("    " + line if line else line for line in SCRIPT.splitlines(True))
    e = extract_code(f"1. The model:\n\n    ```python\n{indented}    ```\n")
    assert e.code == SCRIPT


@pytest.mark.parametrize("completion", [
    "I cannot write this model without the story heights.",
    "<think>The user did not give heights.</think><answer>Please give the story heights.</answer>",
    "",
])
def test_no_code(completion):
    e = extract_code(completion)
    assert e.code is None
    assert e.format == "none"
    assert e.problems
