"""Module-level `after` hooks for tests/test_sandbox.py (the sandboxed job imports them by name)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from autobm.agent.opensees import load_opensees


class NodeSummary(BaseModel):
    label: str = Field(description="the after_arg the hook was given")
    node_tags: list[int]
    top_node_height_m: float | None = Field(None, description="largest Y coordinate of any node, m")


def summarize_nodes(label: str) -> NodeSummary:
    """Read the nodes of the model the script left in the OpenSees domain."""
    ops = load_opensees()
    tags = [int(tag) for tag in ops.getNodeTags()]
    heights = [ops.nodeCoord(tag)[1] for tag in tags]
    return NodeSummary(label=label, node_tags=tags, top_node_height_m=max(heights) if heights else None)


def failing_hook(_arg: object) -> None:
    raise ValueError("the hook failed on purpose")


def silent_memory_error(_arg: object) -> None:
    raise MemoryError()  # what a corrupted heap or the memory limit raises: no message
