"""Fixtures shared by the tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from openai_server import Reply, ScriptedOpenAIServer


@pytest.fixture
def scripted_openai_server() -> Iterator[Callable[..., ScriptedOpenAIServer]]:
    """Start scripted OpenAI-compatible servers: ``server = scripted_openai_server(["reply", ...])``.

    Each runs on 127.0.0.1 on a free port until the test ends; ``server.url`` is the
    base_url, ``server.requests`` the request bodies received (see tests/openai_server.py).
    """
    servers: list[ScriptedOpenAIServer] = []

    def start(replies: Reply, *, model: str = "AutoBM-Seed-Coder-8B-R") -> ScriptedOpenAIServer:
        servers.append(ScriptedOpenAIServer(replies, model=model).start())
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(autouse=True)
def _autobm_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checkpoints and traces of every test (and of the CLI it starts) go to a temporary folder."""
    monkeypatch.setenv("AUTOBM_HOME", str(tmp_path_factory.mktemp("autobm-home")))
    monkeypatch.delenv("AUTOBM_DB", raising=False)
