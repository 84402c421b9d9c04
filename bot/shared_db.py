"""Where the state the bot writes lives: the people's choices (preferences.py), the field's
reports (reports.py), the counts for the City (observations.py). Nothing else is written:
the directory is a read-only SQLite file each worker has its own copy of.

By default each is a SQLite file in the data folder: one process, nothing to set up. With
BOT_DATABASE_URL (`postgresql://…`) they are tables of one PostgreSQL database, which any
number of workers share behind a load balancer (docs/scaling.md). The SQL is written once,
in what both engines read alike: `?` placeholders (given to psycopg as `%s`; no statement
holds a literal `?` or `%`), `insert … on conflict (…) do update`. The one difference is a
table's row key: SQLite's own `rowid`, an identity column `id` in PostgreSQL (`row_key`;
`insert` gives it).

A PostgreSQL server that restarts or a connection that breaks is reconnected once, at the
next statement; every statement gives up after STATEMENT_TIMEOUT_S rather than hold a
worker.
"""

import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_S = 5
STATEMENT_TIMEOUT_S = 5
Result = TypeVar("Result")


class SharedDB:
    """One connection, in autocommit: each statement stands alone, `executemany` is one
    transaction. Safe to use from several threads (one statement at a time)."""

    def __init__(self, connect: Callable[[], Any], dialect: str) -> None:
        self._connect, self.dialect = connect, dialect
        self.connection = connect()
        self.row_key = "rowid" if dialect == "sqlite" else "id"
        self._lock = threading.Lock()

    @classmethod
    def open(cls, url: str | None, path: Path) -> "SharedDB":
        """PostgreSQL at `url` when one is given, else the SQLite file at `path`."""
        if not url:
            return cls.sqlite(path)
        if not url.startswith(POSTGRES_SCHEMES):
            raise ValueError("BOT_DATABASE_URL must start with postgresql://")
        import psycopg  # only a deployment with PostgreSQL needs it loaded

        def connect() -> Any:
            return psycopg.connect(
                url,
                autocommit=True,
                connect_timeout=CONNECT_TIMEOUT_S,
                options=f"-c statement_timeout={STATEMENT_TIMEOUT_S * 1000}",
            )

        return cls(connect, "postgresql")

    @classmethod
    def sqlite(cls, path: Path) -> "SharedDB":
        path.parent.mkdir(parents=True, exist_ok=True)

        def connect() -> sqlite3.Connection:
            connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            connection.execute("pragma busy_timeout = 5000")  # two processes on one file wait
            return connection

        return cls(connect, "sqlite")

    def create_table(self, name: str, columns: str, keyed: bool = False) -> None:
        """`keyed`: rows are found again by their key (`row_key`), as SQLite has its own."""
        create = f"create table if not exists {name} ({columns})"
        if self.dialect == "sqlite":
            self.execute(create)
            return
        if keyed:
            create = create.replace("(", "(id bigint generated always as identity primary key, ", 1)

        def run() -> None:
            # Workers starting together: PostgreSQL's 'if not exists' is no guard against two
            # creating the same table at once (a duplicate key error); one at a time, then.
            with self.connection.transaction():
                self.connection.execute("select pg_advisory_xact_lock(hashtext('bot-schema'))")
                self.connection.execute(create)

        self._run(run)

    def execute(self, sql: str, params: Sequence = ()) -> tuple[list[tuple], int]:
        """The rows the statement returns (none for most) and how many rows it changed."""

        def run() -> tuple[list[tuple], int]:
            cursor = self.connection.execute(self._dialect(sql), tuple(params))
            rows = cursor.fetchall() if cursor.description else []
            return rows, cursor.rowcount

        return self._run(run)

    def insert(self, sql: str, params: Sequence) -> int:
        """An insert of one row, and the key (`row_key`) of that row."""

        def run() -> int:
            if self.dialect == "sqlite":  # 'returning' would need SQLite 3.35 (Debian 11: 3.34)
                return self.connection.execute(sql, tuple(params)).lastrowid
            return self.connection.execute(self._dialect(sql) + " returning id", params).fetchone()[
                0
            ]

        return self._run(run)

    def executemany(self, sql: str, rows: Iterable[Sequence]) -> None:
        """All the rows in one transaction, in sorted order: two workers adding to the same
        rows take their locks in the same order, and never wait for each other in a ring."""
        rows = sorted(tuple(row) for row in rows)
        if not rows:
            return

        def run() -> None:
            if self.dialect == "sqlite":
                self.connection.execute("begin")
                try:
                    self.connection.executemany(sql, rows)
                except BaseException:
                    self.connection.execute("rollback")
                    raise
                self.connection.execute("commit")
            else:
                with self.connection.transaction(), self.connection.cursor() as cursor:
                    cursor.executemany(self._dialect(sql), rows)

        self._run(run)

    def _run(self, statement: Callable[[], Result]) -> Result:
        with self._lock:
            if self.dialect == "sqlite":
                return statement()
            import psycopg

            try:
                return statement()
            except psycopg.OperationalError:
                if not self.connection.closed:
                    raise  # a statement that failed (a timeout): not the connection
            self.connection = self._connect()  # the server restarted: once more
            return statement()

    def _dialect(self, sql: str) -> str:
        if self.dialect == "sqlite":
            return sql
        if "%" in sql:  # psycopg would read it as a placeholder: pass such values as parameters
            raise ValueError(f"a literal % in SQL: {sql}")
        return sql.replace("?", "%s")

    def close(self) -> None:
        self.connection.close()
