"""A real PostgreSQL server for the tests, from Debian's package (`make test` installs it):
a fresh cluster in a temporary folder, on a free loopback port, trusted local access,
stopped at the end. Run as the `postgres` user when the tests run as root (PostgreSQL
refuses root)."""

import glob
import os
import pwd
import shutil
import socket
import subprocess
from pathlib import Path

import psycopg


def _binaries() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not versions:
        raise RuntimeError("PostgreSQL is not installed: `make test` installs Debian's package")
    return Path(versions[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self, folder: Path) -> None:
        self.bin, self.folder, self.port = _binaries(), folder, _free_port()
        self.data, self.log = folder / "data", folder / "server.log"
        self.user = pwd.getpwnam("postgres") if os.geteuid() == 0 else None
        self.databases = 0

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.user else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=60)

    def start(self) -> "PostgresServer":
        if self.user:
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "bot")
        self._start()
        return self

    def _start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
            "-o", options, "-w", "start",
        )  # fmt: skip

    def restart(self) -> None:
        """Stopped and started again: every connection to it is broken."""
        self.stop()
        self._start()

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://bot@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A database of its own for one test: the URL to give as BOT_DATABASE_URL."""
        self.databases += 1
        name = f"test_{self.databases}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f"create database {name}")
        return self.url(name)

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
