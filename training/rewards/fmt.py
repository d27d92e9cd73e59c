"""r_fmt: how the answer is marked up, in the tiers of the AutoBM paper's MGHR reward.

The tiers are about the markup only, first that applies (the paper's patterns, from its
released reward function):

==========================================================  =====
code inside ``<think>``                                      0
strict: ``<think>…</think><answer>…</answer>`` and nothing   1.0
else around it
loose: ``<think>…</think>`` followed somewhere by            0.7
``<answer>…</answer>``
a ```` ```python ```` code block                             0.4
an ``<answer>…</answer>`` (without think)                    0.2
otherwise (bare code, or no markup at all)                   0.05
==========================================================  =====

What the answer block holds does not change r_fmt (a well-formed answer without code is
strict); r_ast and r_exec grade the code. "Code inside <think>" is what
``autobm.agent.extraction`` calls so (a fenced block or an openseespy import in the
reasoning, or the only code of the completion found there). The script graded by r_ast
and r_exec is the one ``extract_code`` finds outside ``<think>``: code that sits only
inside the reasoning is a format failure and is not run (``FormatScore.code`` is None,
``code_only_in_think`` True).

>>> s = format_score("<think>plan</think><answer>\\n```python\\nimport openseespy.opensees as ops\\n```\\n</answer>")
>>> (s.r_fmt, s.format)
(1.0, 'strict')
>>> s = format_score("<think>```python\\nx = 1\\n```</think><answer>see above</answer>")
>>> (s.r_fmt, s.code_only_in_think, s.code)
(0.0, True, None)
>>> [format_score(c).r_fmt for c in ("<think>a</think><answer>none</answer>", "<answer>x</answer>", "x = 1")]
[1.0, 0.2, 0.05]
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from autobm.agent.extraction import extract_code

__all__ = ["FORMAT_REWARDS", "FormatScore", "MarkupTier", "format_score", "markup_tier"]

MarkupTier = Literal["strict", "loose", "code_block", "answer_only", "other"]

FORMAT_REWARDS: dict[str, float] = {"strict": 1.0, "loose": 0.7, "code_block": 0.4, "answer_only": 0.2, "other": 0.05}
"""r_fmt of each markup tier (AutoBM, MGHR reward); 0 overrides all when code appears inside <think>."""

_STRICT = re.compile(r"^\s*<think>.*?</think>\s*<answer>.*?</answer>\s*$", re.DOTALL)
_LOOSE = re.compile(r"<think>.*?</think>.*<answer>.*?</answer>", re.DOTALL)
_PYTHON_BLOCK = re.compile(r"```python\s*(.*?)\s*```", re.DOTALL)
_ANSWER = re.compile(r"<answer>.*?</answer>", re.DOTALL)
_ONLY_IN_THINK = "the only code is inside <think>"
"""``extract_code``'s note when the script it found came from the reasoning (nothing else had code)."""


class FormatScore(BaseModel):
    """r_fmt of one completion, and the script found in it."""

    r_fmt: float = Field(description="format reward, 0..1")
    format: MarkupTier = Field(description="markup tier: strict, loose, code_block, answer_only or other")
    code_in_think: bool = Field(False, description="code appears inside <think> (r_fmt is then 0)")
    code_only_in_think: bool = Field(False, description="the only code is inside <think>: not run, r_exec 0")
    problems: list[str] = Field(default_factory=list, description="what was odd about the markup")
    code: str | None = Field(None, exclude=True, description="the script to run, found outside <think> "
                             "(not written out)")


def markup_tier(completion: str) -> MarkupTier:
    """The paper's markup tier of a completion, before the code-inside-think rule.

    >>> markup_tier("<think>a</think>\\nSo:\\n<answer>b</answer>"), markup_tier("```python\\nx = 1\\n```")
    ('loose', 'code_block')
    """
    if _STRICT.match(completion):
        return "strict"
    if _LOOSE.search(completion):
        return "loose"
    if _PYTHON_BLOCK.search(completion):
        return "code_block"
    if _ANSWER.search(completion):
        return "answer_only"
    return "other"


def format_score(completion: str) -> FormatScore:
    """r_fmt of a completion (its text: the assistant's answer, think block included)."""
    extraction = extract_code(completion)
    tier = markup_tier(completion)
    only_in_think = extraction.code is not None and _ONLY_IN_THINK in extraction.problems
    return FormatScore(r_fmt=0.0 if extraction.code_in_think else FORMAT_REWARDS[tier], format=tier,
                       code_in_think=extraction.code_in_think, code_only_in_think=only_in_think,
                       problems=extraction.problems, code=None if only_in_think else extraction.code)
