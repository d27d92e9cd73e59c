"""What scripted drafting models answer in the tests: the answer format, and a fake chat model."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.runnables import RunnableLambda

THINK = "Nodes, fixities, masses, transforms, elements, then eigen."


def answer(code: str, think: str = THINK) -> str:
    """How AutoBM-Seed-Coder-8B-R answers: reasoning, then the script in the answer block."""
    return f"<think>\n{think}\n</think>\n<answer>\n```python\n{code}\n```\n</answer>"


def scripted(*replies: str) -> GenericFakeChatModel:
    """A chat model that gives these replies, one per call, in order."""
    return GenericFakeChatModel(messages=iter([AIMessage(r) for r in replies]))


def flaky(*replies: str | AIMessage | Exception) -> RunnableLambda:
    """A chat model that gives these replies in order, raising those that are exceptions (a
    server that fails); every call after the last raises ConnectionError."""
    queue = list(replies)

    def call(_messages: object) -> AIMessage:
        reply = queue.pop(0) if queue else ConnectionError("the scripted server has gone")
        if isinstance(reply, Exception):
            raise reply
        return reply if isinstance(reply, AIMessage) else AIMessage(reply)

    return RunnableLambda(call)
