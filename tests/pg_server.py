"""A throwaway PostgreSQL server for tests: the machine's own binaries, 127.0.0.1, a free port.

``initdb`` (trust authentication, no fsync) into a fresh temporary folder, ``pg_ctl start -w``,
``createdb`` per database asked for, ``pg_ctl stop`` and the folder removed at the end. Nothing
is installed and no system service is touched: the server listens on 127.0.0.1 only, and its
Unix socket lies in its own data folder.

PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` user (the
Debian packages create it), else as ``nobody``, through ``runuser``; the data folder is made
over to that user. The clients (psycopg, createdb) run as the caller.

    with PostgresServer.start() as server:
        url = server.create_database("traces")   # postgresql://postgres@127.0.0.1:PORT/traces
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SERVER_BINARIES = ("initdb", "pg_ctl", "postgres", "createdb")
SUPERUSER = "postgres"
START_TIMEOUT_S = 60


class PostgresUnavailable(RuntimeError):
    """This machine has no PostgreSQL to start; the message says why and how to fix it (tests skip)."""


class PostgresStartError(RuntimeError):
    """The binaries are there but a step failed; the message has its output and the server's log."""


def find_bindir() -> Path:
    """The folder holding initdb, pg_ctl, postgres and createdb: beside ``pg_ctl`` on PATH, else Debian's."""
    on_path = shutil.which("pg_ctl")
    candidates = [Path(os.path.realpath(on_path)).parent] if on_path else []
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for bindir in candidates:
        if all((bindir / name).is_file() for name in SERVER_BINARIES):
            return bindir
    raise PostgresUnavailable(f"PostgreSQL server binaries ({', '.join(SERVER_BINARIES)}) not found on PATH "
                              "or in /usr/lib/postgresql/*/bin: install PostgreSQL (e.g. apt-get install postgresql)")


def _server_user() -> str | None:
    """Who runs the server: None = the caller; as root, ``postgres`` if it exists, else ``nobody``."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        if shutil.which("runuser") is None:
            raise PostgresUnavailable("running as root, and runuser (util-linux) is missing to start "
                                      "PostgreSQL as another user")
        return name
    raise PostgresUnavailable("running as root, and neither a 'postgres' nor a 'nobody' user exists to run "
                              "PostgreSQL as (it refuses root)")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PostgresServer:
    """A running server; ``url`` is its ``postgres`` maintenance database."""

    bindir: Path
    root: Path
    port: int
    user: str | None

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    @property
    def url(self) -> str:
        return self.database_url("postgres")

    def database_url(self, name: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{name}"

    @classmethod
    def start(cls) -> PostgresServer:
        """initdb, then pg_ctl start -w (PostgresUnavailable without binaries, PostgresStartError on failure)."""
        bindir, user = find_bindir(), _server_user()
        root = Path(tempfile.mkdtemp(prefix="autobm-pg-"))
        if user is not None:
            entry = pwd.getpwnam(user)
            os.chown(root, entry.pw_uid, entry.pw_gid)
        server = cls(bindir=bindir, root=root, port=_free_port(), user=user)
        try:
            server._as_server_user("initdb", "-D", str(server.data), "-U", SUPERUSER, "-A", "trust",
                                   "-E", "UTF8", "--no-locale", "--no-sync")
            options = (f"-h 127.0.0.1 -p {server.port} -k {server.data} "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
            server._as_server_user("pg_ctl", "start", "-w", "-t", str(START_TIMEOUT_S), "-D", str(server.data),
                                   "-l", str(server.log), "-o", options)
        except PostgresStartError:
            server.stop()
            raise
        return server

    def create_database(self, name: str) -> str:
        """``createdb NAME``; its URL."""
        self._run([str(self.bindir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, name])
        return self.database_url(name)

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove its folder."""
        if (self.data / "postmaster.pid").exists():
            self._as_server_user("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.data))
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _as_server_user(self, binary: str, *args: str) -> None:
        command = [str(self.bindir / binary), *args]
        self._run(command if self.user is None else ["runuser", "-u", self.user, "--", *command])

    def _run(self, command: list[str]) -> None:
        done = subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT_S + 30,
                              env={**os.environ, "LC_ALL": "C"}, cwd=self.root)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""
            raise PostgresStartError(f"{' '.join(command)} exited with {done.returncode}:\n{done.stdout}{done.stderr}"
                                      + (f"\nserver log:\n{log}" if log else ""))
