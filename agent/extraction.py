"""Extract the Python script from a language model's completion, and grade its format.

Reasoning models answer as ``<think>reasoning</think><answer>```python code```</answer>``,
but often not quite: the think block is left open, the fence is not closed, the code sits
beside the answer block, or there is no markup at all. ``extract_code`` finds the script in
all of these, says where it came from (``Extraction.format``, the tiers of the AutoBM
paper's r_fmt) and what was odd about it (``Extraction.problems``). It never raises.

Where the code is looked for, first found wins:

1. inside ``<answer>``: a fenced Python block, else the answer's text when it reads as Python;
2. a fenced Python block elsewhere outside ``<think>``;
3. bare Python outside ``<think>`` (no fences: the text, or a span of it, reads as code);
4. inside ``<think>``, only when nothing else has code (``code_in_think`` is then true).

Among several blocks, the last complete one that imports openseespy is taken (then one
that calls ``ops.``, then any), unless a longer one precedes it by more than twice its size.

If the chat template already opened ``<think>`` in the prompt, prefix it to the completion
before extracting: a completion that starts inside the think block has no opening tag and
is graded ``loose``, not ``strict``.

>>> e = extract_code("<think>2D frame, ndf 3.</think>\\n"
...                  "<answer>\\n```python\\nimport openseespy.opensees as ops\\n```\\n</answer>")
>>> (e.format, e.code)
('strict', 'import openseespy.opensees as ops\\n')
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

__all__ = ["Extraction", "Format", "extract_code"]

Format = Literal["strict", "loose", "code_block", "answer_only", "other", "none"]

PYTHON_LANGUAGES = frozenset({"", "python", "python3", "py", "py3", "ipython", "python-repl"})

_TAG = re.compile(r"<(/?)(think|answer)>", re.IGNORECASE)
_FENCE_OPEN = re.compile(r"```[ \t]*([A-Za-z0-9_+.-]*)[^\n`]*(?:\n|$)")
_FENCE_CLOSE = re.compile(r"```[ \t]*(?=\n|$|<)")
_IMPORTS_OPENSEES = re.compile(r"^\s*(?:import\s+openseespy|from\s+openseespy)", re.MULTILINE)
_CALLS_OPS = re.compile(r"\bops\.\w+\s*\(")
_OPENS_CODE = re.compile(r"^(?:import\s+\w|from\s+[\w.]+\s+import\b|#)")
_CODE_LINE = re.compile(
    r"""^(?:
        \#.*
      | (?:import|from|def|class|for|while|if|elif|else|try|except|finally|with|return|raise|pass|break
           |continue|assert|del|global|nonlocal|print|async|await|yield|lambda)\b.*
      | [\w.\[\]'"]+(?:\s*,\s*[\w.\[\]'"]+)*\s*(?:[-+*/%@&|^]|//|\*\*|>>|<<)?=(?!=).*
      | [\w.]+\s*\(.*
      | [)\]}].*
      | @\w.*
      | (?:[rbfuRBFU]{0,2})(?:\"|').*
    )$""",
    re.VERBOSE,
)
_LEFTOVERS = re.compile(r"(?:\s*(?:</answer>|</think>|<answer>|```)\s*)+$", re.IGNORECASE)


class Extraction(BaseModel):
    """The Python script found in a completion, how it was marked up, and what was odd."""

    code: str | None = Field(None, description="the Python script (LF line ends, one trailing newline), or None")
    format: Format = Field(description="how the code was marked up: strict (think then answer holding a python "
                           "block), loose, code_block, answer_only, other (bare code), none (no code); the reward's "
                           "r_fmt grades the markup itself (training/rewards/fmt.py)")
    code_in_think: bool = Field(False, description="code appears inside <think> (a fenced block or an openseespy "
                                "import)")
    problems: list[str] = Field(default_factory=list, description="what was odd about the markup, one note each")
    think: str | None = Field(None, description="the reasoning inside <think>, stripped; None without a think block")


@dataclass(frozen=True)
class _Block:
    """A fenced block: its language, its text, and whether its closing fence was found."""

    language: str
    text: str
    closed: bool


@dataclass(frozen=True)
class _Found:
    code: str
    fenced: bool
    closed: bool
    python_labelled: bool
    notes: tuple[str, ...]


@dataclass
class _Layout:
    """Where the think and answer parts of a completion are."""

    think: str | None = None
    outside: str = ""
    answers: list[str] | None = None
    notes: list[str] | None = None


def extract_code(completion: str) -> Extraction:
    """The Python script in a model's completion, with its r_fmt format tier and notes."""
    text = completion.replace("\r\n", "\n").replace("\r", "\n")
    layout = _layout(text)
    problems = list(layout.notes or [])
    answers = layout.answers or []
    has_think = layout.think is not None
    has_answer = bool(answers) or bool(re.search(r"</?answer>", layout.outside, re.IGNORECASE))

    found: _Found | None = None
    source = ""
    for answer in reversed(answers):
        found = _from_fences(answer) or _from_bare(answer)
        if found:
            source = "answer"
            break
    if found is None:
        found = _from_fences(_without_answers(layout.outside))
        source = "fence"
        if found is None:
            found = _from_bare(_strip_tags(layout.outside))
            source = "bare"
        if found is not None and has_answer:
            problems.append("code found outside the <answer> block")
    think_has_code = layout.think is not None and _has_code(layout.think)
    if found is None and layout.think is not None:
        found = _from_fences(layout.think) or _from_bare(layout.think)
        source = "think"
        if found is not None:
            problems.append("the only code is inside <think>")
    elif think_has_code:
        problems.append("code appears inside <think>")

    if found is None:
        if not problems:
            problems.append("no Python code found")
        return Extraction(code=None, format="none", code_in_think=think_has_code, problems=problems,
                          think=_stripped(layout.think))
    problems += found.notes
    if _is_strict(text, found, source, think_has_code):
        fmt: Format = "strict"
    elif has_think and has_answer:
        fmt = "loose"
    elif has_answer:
        fmt = "answer_only"
    elif found.fenced:
        fmt = "code_block"
    else:
        fmt = "other"
    return Extraction(code=found.code, format=fmt, code_in_think=think_has_code or source == "think",
                      problems=problems, think=_stripped(layout.think))


# --- layout ----------------------------------------------------------------------------------


def _layout(text: str) -> _Layout:
    """Split the completion into think text, the text outside it, and the answer blocks."""
    notes: list[str] = []
    open_think = re.search(r"<think>", text, re.IGNORECASE)
    close_think = re.search(r"</think>", text, re.IGNORECASE)
    think: str | None = None
    outside = text
    if open_think and close_think and close_think.start() > open_think.start():
        think = text[open_think.end():close_think.start()]
        outside = text[:open_think.start()] + text[close_think.end():]
    elif close_think:
        think = text[:close_think.start()]
        outside = text[close_think.end():]
        notes.append("no opening <think> tag (text before </think> taken as the reasoning)")
    elif open_think:
        answer_at = re.search(r"<answer>", text[open_think.end():], re.IGNORECASE)
        end = open_think.end() + answer_at.start() if answer_at else len(text)
        think = text[open_think.end():end]
        outside = text[:open_think.start()] + text[end:]
        notes.append("the <think> block is not closed" + (" (it is taken to end at <answer>)" if answer_at else ""))
    answers: list[str] = []
    for m in re.finditer(r"<answer>(.*?)(</answer>|$)", outside, re.IGNORECASE | re.DOTALL):
        answers.append(m.group(1))
        if not m.group(2):
            notes.append("the <answer> block is not closed")
    if not answers and re.search(r"</answer>", outside, re.IGNORECASE):
        answers.append(outside[:re.search(r"</answer>", outside, re.IGNORECASE).start()])
        notes.append("</answer> without an opening <answer>")
    return _Layout(think=think, outside=outside, answers=answers, notes=notes)


def _without_answers(text: str) -> str:
    return re.sub(r"<answer>.*?(</answer>|$)", "\n", text, flags=re.IGNORECASE | re.DOTALL)


def _strip_tags(text: str) -> str:
    return _TAG.sub("\n", text)


def _stripped(text: str | None) -> str | None:
    return None if text is None else text.strip()


def _is_strict(text: str, found: _Found, source: str, think_has_code: bool) -> bool:
    """Exactly <think>…</think><answer>…</answer>, with a closed Python-labelled fence in the answer."""
    tags = [m.group(0).lower() for m in _TAG.finditer(text)]
    shape = re.fullmatch(r"\s*<think>.*</think>\s*<answer>.*</answer>\s*", text, re.IGNORECASE | re.DOTALL)
    return (shape is not None and tags == ["<think>", "</think>", "<answer>", "</answer>"] and source == "answer"
            and found.fenced and found.closed and found.python_labelled and not think_has_code)


# --- fenced blocks ---------------------------------------------------------------------------


def _blocks(text: str) -> list[_Block]:
    """Fenced blocks in order; an unclosed fence runs to the end of the text."""
    blocks: list[_Block] = []
    at = 0
    while (opening := _FENCE_OPEN.search(text, at)) is not None:
        start = opening.end()
        closing = _FENCE_CLOSE.search(text, start)
        if closing is None:
            blocks.append(_Block(opening.group(1).lower(), text[start:], closed=False))
            break
        blocks.append(_Block(opening.group(1).lower(), text[start:closing.start()], closed=True))
        at = closing.end()
    return blocks


def _from_fences(text: str) -> _Found | None:
    """The best Python block of the text, or None."""
    blocks = [b for b in _blocks(text) if b.language in PYTHON_LANGUAGES and b.text.strip()
              and (b.language or _reads_as_python(b.text))]
    if not blocks:
        return None
    notes: list[str] = []
    chosen = blocks[-1]
    if len(blocks) > 1:
        complete = [b for b in blocks if b.closed] or blocks
        for label, test in (("imports openseespy", lambda b: _IMPORTS_OPENSEES.search(b.text)),
                            ("calls ops.", lambda b: _CALLS_OPS.search(b.text)),
                            ("", lambda b: True)):
            group = [b for b in complete if test(b)]
            if group:
                longest = max(len(b.text) for b in group)
                chosen = [b for b in group if 2 * len(b.text) >= longest][-1]
                what = "the last complete one" if chosen.closed else "the last one"
                notes.append(f"{len(blocks)} code blocks; took {what}{' that ' + label if label else ''}"
                             + (" (a much longer block came before the last)" if chosen is not group[-1] else ""))
                break
    if not chosen.closed:
        notes.append(f"the ```{chosen.language} fence is not closed; took the code to the end")
    return _Found(code=_clean(chosen.text), fenced=True, closed=chosen.closed,
                  python_labelled=chosen.language in PYTHON_LANGUAGES - {""}, notes=tuple(notes))


# --- bare code -------------------------------------------------------------------------------


def _from_bare(text: str) -> _Found | None:
    """Text without fences that reads as Python (whole, or a span of it after leading prose)."""
    stripped = _clean(text)
    if not stripped.strip():
        return None
    if _reads_as_python(stripped):
        return _Found(code=stripped, fenced=False, closed=True, python_labelled=False,
                      notes=("no code fences: took the text as code",))
    lines = stripped.split("\n")
    start = next((i for i, line in enumerate(lines) if _OPENS_CODE.match(line)), None)
    if start is None:
        return None
    end = max(i for i, line in enumerate(lines) if i >= start and _is_code_line(line)) + 1
    span = "\n".join(lines[start:end])
    if not _reads_as_python(span):
        return None
    dropped = []
    if start > 0:
        dropped.append("leading")
    if end < len(lines):
        dropped.append("trailing")
    without = f" without its {' and '.join(dropped)} prose" if dropped else ""
    return _Found(code=_clean(span), fenced=False, closed=True, python_labelled=False,
                  notes=(f"no code fences: took the code{without}",))


def _is_code_line(line: str) -> bool:
    return bool(line.strip()) and (line[:1] in " \t" or bool(_CODE_LINE.match(line)))


def _reads_as_python(text: str) -> bool:
    """It compiles to more than bare names and constants, or starts like a script and is mostly code lines.

    The second test keeps scripts with a syntax error (the repair step wants those).
    """
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        tree = None
    if tree is not None:
        return any(not (isinstance(s, ast.Expr) and isinstance(s.value, (ast.Name, ast.Constant, ast.Attribute)))
                   for s in tree.body)
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines or not _OPENS_CODE.match(lines[0]):
        return False
    return sum(_is_code_line(line) for line in lines) >= 0.8 * len(lines)


def _has_code(think: str) -> bool:
    """A fenced block or an openseespy import inside the reasoning."""
    return any(b.text.strip() for b in _blocks(think)) or bool(_IMPORTS_OPENSEES.search(think))


def _clean(code: str) -> str:
    """Dedented, without leftover tags or fences at the end, blank lines trimmed, one final newline."""
    code = _LEFTOVERS.sub("", code)
    code = textwrap.dedent(code)
    lines = [line.rstrip() for line in code.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""
