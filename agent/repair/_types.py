"""A repair's result, and the signature every repair has."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, Field

from ..pipeline import RunResult
from ..spec import BuildingSpec


class Repair(BaseModel):
    """A repaired script and what was changed."""

    name: str = Field(description="stable id of the repair, e.g. 'close-unterminated-string' (keys of REPAIRS)")
    description: str = Field(description="what was changed and why, one sentence, for a log and for a model")
    code: str = Field(description="the repaired script")


RepairFunction = Callable[[str, RunResult, BuildingSpec | None], Repair | None]
"""A repair: (the failed script, its run, the spec if parsed) → the repaired script, or None if it does not apply."""
