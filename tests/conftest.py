"""Fixtures shared by the tests."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest
from openai_server import Reply, ScriptedOpenAIServer
from pg_server import PostgresServer, PostgresUnavailable


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


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server on 127.0.0.1 (tests/pg_server.py), started once per session.

    Skips the tests that use it when this machine has no PostgreSQL binaries; a server that
    has binaries but fails to start fails them, with its log.
    """
    try:
        server = PostgresServer.start()
    except PostgresUnavailable as exc:
        pytest.skip(str(exc))
    yield server
    server.stop()


_database_numbers = itertools.count(1)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A new, empty database on the session's server for each test: ``postgresql://postgres@127.0.0.1:PORT/NAME``."""
    return postgres_server.create_database(f"test_{next(_database_numbers)}")
