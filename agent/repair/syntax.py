"""Repair of the most frequent syntax error in drafted scripts: an unterminated string literal."""

from __future__ import annotations

import re

from ..pipeline import RunResult
from ..spec import BuildingSpec
from ._source import syntax_error
from ._types import Repair

_UNTERMINATED = re.compile(r"unterminated (?:f-)?string literal|EOL while scanning string literal")
_CLOSERS = ")]},:;"
_MAX_STRING_FIXES = 20


def close_unterminated_string(code: str, result: RunResult, spec: BuildingSpec | None) -> Repair | None:
    """Fault: SyntaxError 'unterminated string literal' (95.7 % of the syntax errors in the paper's sample).

    On each such line, in turn: swap the quotes of a literal cut short by an apostrophe
    (``'the building's period'``), close an OpenSees type name (``ops.element("elasticBeamColumn, 1, ...``),
    or close the string before the line's trailing brackets, else at its end. A candidate is
    kept only if the script then compiles, or its first syntax error moves further down.
    """
    if result.execution.error_type != "SyntaxError" or not _UNTERMINATED.search(result.execution.error_message or ""):
        return None
    fixed: list[int] = []
    for _ in range(_MAX_STRING_FIXES):
        error = syntax_error(code)
        if error is None or not _UNTERMINATED.search(error.msg or "") or not error.lineno:
            break
        repaired = _close_string_on_line(code, error.lineno)
        if repaired is None:
            break
        code = repaired
        fixed.append(error.lineno)
    if not fixed:
        return None
    lines = ", ".join(str(n) for n in fixed)
    return Repair(name="close-unterminated-string", code=code,
                  description=f"Closed the unterminated string literal on line{'s' if len(fixed) > 1 else ''} {lines} "
                              "(SyntaxError: unterminated string literal).")


def _scan_quotes(line: str) -> tuple[list[tuple[int, int, str]], int | None]:
    """(closed single-line literals as (open, close, quote), position of the quote left open) of one line."""
    spans: list[tuple[int, int, str]] = []
    i, start, quote = 0, 0, ""
    while i < len(line):
        ch = line[i]
        if not quote:
            if ch == "#":
                break
            if ch in "'\"":
                if line.startswith(ch * 3, i):
                    end = line.find(ch * 3, i + 3)
                    if end < 0:
                        return spans, None  # a triple-quoted string: not this fault
                    i = end + 3
                    continue
                start, quote = i, ch
        elif ch == "\\":
            i += 1
        elif ch == quote:
            spans.append((start, i, quote))
            quote = ""
        i += 1
    return spans, (start if quote else None)


def _open_brackets(text: str) -> int:
    depth = 0
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
    return max(depth, 0)


def _close_string_on_line(code: str, lineno: int) -> str | None:
    lines = code.split("\n")
    line = lines[lineno - 1]
    spans, opened = _scan_quotes(line)
    if opened is None:
        return None
    quote = line[opened]
    other = "'" if quote == '"' else '"'
    candidates: list[str] = []
    # 1. An apostrophe ended an earlier literal: the quote left open is that literal's real end.
    for start, end, q in reversed(spans):
        if q == quote and 0 < end < len(line) - 1 and line[end - 1].isalnum() and line[end + 1].isalpha():
            content = line[start + 1:opened]
            if other not in content:
                candidates.append(line[:start] + other + content + other + line[opened + 1:])
            break
    # 2. An OpenSees type name or flag as an argument of an OpenSees call: close it before the comma.
    aliases = {"ops", *re.findall(r"import\s+openseespy\.opensees\s+as\s+(\w+)", code)}
    token = re.match(r"-?[A-Za-z_]\w*(?=\s*,)", line[opened + 1:])
    if token and re.search(rf"\b(?:{'|'.join(sorted(aliases))})\.\w+\((?:.*[(,])?\s*$", line[:opened]):
        cut = opened + 1 + token.end()
        candidates.append(line[:cut] + quote + line[cut:])
    # 3. Before the trailing brackets that close what the line opened, then at the end of the line.
    bodies = [line.rstrip()]
    comment = re.search(r"\s+#", line[opened + 1:])
    if comment:
        bodies.append(line[:opened + 1 + comment.start()].rstrip())
    depth = _open_brackets("".join(ch for i, ch in enumerate(line[:opened]) if not _inside(spans, i)))
    for body in bodies:
        tail = len(body) - len(body.rstrip(_CLOSERS + " \t"))
        run = body[len(body) - tail:]
        positions = [len(body) - tail + i for i, ch in enumerate(run) if ch in _CLOSERS]
        closers = [p for p in positions if body[p] in ")]}"]
        if depth and len(closers) >= depth:
            at = closers[-depth]
            candidates.append(body[:at].rstrip() + quote + body[at:] + line[len(body):])
        candidates.append(body + quote + line[len(body):])
        candidates += [body[:p] + quote + body[p:] + line[len(body):] for p in positions]
    for candidate in dict.fromkeys(candidates):
        new = "\n".join([*lines[:lineno - 1], candidate, *lines[lineno:]])
        error = syntax_error(new)
        if error is None or (error.lineno or 0) > lineno:
            return new
    return None


def _inside(spans: list[tuple[int, int, str]], i: int) -> bool:
    return any(start <= i <= end for start, end, _ in spans)
