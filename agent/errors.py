"""The few named exceptions autobm raises to its callers.

Failures of untrusted model code are never exceptions: they are data (see
``sandbox.ExecutionResult``). These are for the caller's own mistakes and for our faults.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


class AutobmError(Exception):
    """Base class of autobm's exceptions."""


class SpecError(AutobmError, ValueError):
    """Bad user input: a building description or spec that cannot be used.

    ``problems`` holds one line per problem, each naming the field, the value given
    and what is allowed, so that a person (or a model) can fix it.
    """

    def __init__(self, problems: list[str] | str, *, missing: list[str] | None = None) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.missing = list(missing or [])
        super().__init__("; ".join(self.problems))

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return self.problems[0]
        return "\n".join(f"- {p}" for p in self.problems)


class NeedsInput(SpecError):
    """The description is incomplete: the agent asked a question and waits for the answer.

    ``question`` is for the user; ``thread_id`` names the paused run, which continues with
    the answer (``autobm run --thread ID --answer TEXT``, or ``autobm.graphs.api.resume``).
    """

    def __init__(self, question: str, *, thread_id: str, missing: list[str] | None = None) -> None:
        super().__init__(question, missing=missing)
        self.question = question
        self.thread_id = thread_id


class ConfigError(AutobmError):
    """A configuration value (option, environment, model settings) that cannot work."""


class ModelError(AutobmError):
    """The drafting model could not be called or did not reply (server down, HTTP error, timeout).

    ``thread_id`` names the run when it was started: it is checkpointed before the call, so
    ``autobm run --thread ID`` (or ``resume(thread_id)``) goes on once the model answers again.
    """

    def __init__(self, message: str, *, thread_id: str | None = None) -> None:
        super().__init__(message)
        self.thread_id = thread_id


class ThreadBusy(AutobmError):
    """Another run or resume of the same thread is going on (in another process, or another call): wait for it
    to end, then resume the thread."""

    def __init__(self, message: str, *, thread_id: str) -> None:
        super().__init__(message)
        self.thread_id = thread_id


class InternalError(AutobmError):
    """A fault of autobm itself; please report it."""


def masked_url(url: str) -> str:
    """``url`` with the password of its user part masked, for results, traces and messages.

    >>> masked_url("http://bob:hunter2@gpu:8000/v1")
    'http://bob:***@gpu:8000/v1'
    """
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{parts.netloc.rpartition('@')[2]}"))
