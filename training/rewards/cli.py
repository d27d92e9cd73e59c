"""``autobm reward FILE.jsonl``: the MGHR reward of completions in a JSONL file, one JSON line each.

A row holds ``completion`` (a string, or messages ``[{"role": "assistant", "content": ...}]``),
the building (required) as ``spec`` (a JSON object, complete or partial, or its text) or as
``text`` or ``prompt`` (a description, or the prompt ``draft_prompt`` made, whose
``Description:`` line is parsed), and optionally ``ground_truth`` (``{"t1_s": ...}`` or the
period; verl's ``reward_model.ground_truth`` is read too); a key outside ``ROW_KEYS`` is an error.
An ``id`` is echoed.

Out, per row in input order: ``line``, ``id`` when given, then ``RewardBreakdown`` (``total``,
``r_fmt``, ``r_ast``, ``r_exec``, ``format``, ``api``, ``execution``, ``reasons``); a row that
cannot be scored prints ``line`` and ``error`` instead, and the rest go on. Rows run in
chunks of ``CHUNK_ROWS``, each chunk in one parallel sandbox call. Exit 0 when every row was
scored, 1 when a row was not, 2 when the file cannot be read or holds no rows.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from autobm.agent.errors import SpecError

from .inputs import RewardInput, reward_input
from .mghr import RewardConfig, score_completions

__all__ = ["CHUNK_ROWS", "reward_file"]

CHUNK_ROWS = 512
ROW_KEYS = frozenset({"id", "completion", "spec", "text", "prompt", "ground_truth", "reward_model",
                      "data_source", "ability", "extra_info"})
"""The keys a row may hold (verl's data_source, ability and extra_info are read past)."""


def reward_file(path: str | Path, *, workers: int | None = None, timeout_s: float | None = None,
                out: TextIO | None = None) -> int:
    """Score every row of a JSONL file; print one JSON line per row to ``out`` (stdout); the exit status."""
    out = out or sys.stdout
    if workers is not None and workers < 1:
        raise SpecError(f"--workers = {workers}: allowed 1 or more")
    if timeout_s is not None and not 0 < timeout_s <= 3600:
        raise SpecError(f"--timeout = {timeout_s}: allowed 0 < S <= 3600 seconds")
    config = RewardConfig(workers=workers, **({"timeout_s": timeout_s} if timeout_s is not None else {}))
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(f"{path}: cannot read it ({getattr(exc, 'strerror', None) or exc})") from None
    if not any(line.strip() for line in lines):
        raise SpecError(f"{path}: no rows to score (one JSON object a line: completion and spec, text or prompt)")
    all_scored = True
    for chunk in _chunks(lines):
        inputs: list[tuple[int, Any, RewardInput]] = []
        printed: dict[int, dict[str, Any]] = {}
        for number, text in chunk:
            try:
                row_id, item = _row(text)
            except (SpecError, ValueError) as exc:
                printed[number] = {"line": number, "error": str(exc)}
                all_scored = False
                continue
            inputs.append((number, row_id, item))
        for (number, row_id, _), breakdown in zip(inputs, score_completions([i for _, _, i in inputs], config)):
            printed[number] = {"line": number, **({"id": row_id} if row_id is not None else {}),
                               **breakdown.model_dump(mode="json")}
        for number in sorted(printed):
            out.write(json.dumps(printed[number], ensure_ascii=False) + "\n")
        out.flush()
    return 0 if all_scored else 1


def _chunks(lines: list[str]) -> Iterator[list[tuple[int, str]]]:
    """(1-based line number, text) of the non-blank lines, CHUNK_ROWS at a time."""
    rows = [(number, text) for number, text in enumerate(lines, 1) if text.strip()]
    for start in range(0, len(rows), CHUNK_ROWS):
        yield rows[start:start + CHUNK_ROWS]


def _row(text: str) -> tuple[Any, RewardInput]:
    try:
        row = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SpecError(f"not a JSON object (column {exc.colno}: {exc.msg})") from None
    if not isinstance(row, dict):
        raise SpecError("not a JSON object: a row is {\"completion\": ..., \"spec\" or \"text\": ...}")
    if row.get("completion") is None:
        raise SpecError("no completion: give the model's answer as 'completion' (a string or a list of messages)")
    unknown = sorted(set(row) - ROW_KEYS)
    if unknown:  # a column named wrong would shift every reward without a word (scored with no building)
        raise SpecError(f"unknown key(s) {', '.join(unknown)}: allowed {', '.join(sorted(ROW_KEYS))}")
    if all(row.get(k) is None for k in ("spec", "text", "prompt")):
        raise SpecError("no building: give it as 'spec' (JSON or text), 'text' or 'prompt'; without one the physics "
                        "cannot be checked")
    ground_truth = row.get("ground_truth")
    if ground_truth is None and isinstance(row.get("reward_model"), dict):
        ground_truth = row["reward_model"].get("ground_truth")
    return row.get("id"), reward_input(row["completion"], spec=row.get("spec"), ground_truth=ground_truth,
                                       text=row.get("text"), prompt=row.get("prompt"))
