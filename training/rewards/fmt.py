"""r_fmt: how the answer is marked up (``autobm.agent.extraction``, the AutoBM paper's tiers).

0 when code appears inside ``<think>``; otherwise 1.0 for the strict
``<think>…</think><answer>```python …```</answer>``, 0.7 loose (think and answer present, not
strictly formed), 0.4 a fenced code block without ``<answer>``, 0.2 an ``<answer>`` without
think, 0.05 otherwise (bare code, or no code at all). ``FORMAT_REWARDS`` holds the tiers;
the script graded here is the one ``extract_code`` finds, which r_ast and r_exec then score.

>>> s = format_score("<think>plan</think><answer>\\n```python\\nimport openseespy.opensees as ops\\n```\\n</answer>")
>>> (s.r_fmt, s.format)
(1.0, 'strict')
>>> format_score("<think>```python\\nx = 1\\n```</think><answer>see above</answer>").r_fmt
0.0
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from autobm.agent.extraction import FORMAT_REWARDS, Extraction, Format, extract_code, format_reward

__all__ = ["FORMAT_REWARDS", "FormatScore", "format_score"]


class FormatScore(BaseModel):
    """r_fmt of one completion, and the script found in it."""

    r_fmt: float = Field(description="format reward, 0..1")
    format: Format = Field(description="strict, loose, code_block, answer_only, other or none (no code)")
    code_in_think: bool = Field(False, description="code appears inside <think> (r_fmt is then 0)")
    problems: list[str] = Field(default_factory=list, description="what was odd about the markup")
    code: str | None = Field(None, exclude=True, description="the script found (not written out)")

    @classmethod
    def of(cls, extraction: Extraction) -> FormatScore:
        return cls(r_fmt=format_reward(extraction), format=extraction.format, code_in_think=extraction.code_in_think,
                   problems=extraction.problems, code=extraction.code)


def format_score(completion: str) -> FormatScore:
    """r_fmt of a completion (its text: the assistant's answer, think block included)."""
    return FormatScore.of(extract_code(completion))
