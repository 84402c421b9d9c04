"""Where the state the bot writes lives: the people's choices (preferences.py), the field's
reports (reports.py), the counts for the City (observations.py). Nothing else is written:
the directory is a read-only SQLite file each worker has its own copy of.

By default each is a SQLite file in the data folder: one process, nothing to set up. With
BOT_DATABASE_URL (`postgresql://…`) they are tables of one PostgreSQL database, which any
number of workers share behind a load balancer (docs/scaling.md). The SQL is written once,
in what both engines read alike: `?` placeholders (given to psycopg as `%s`),
`insert … on conflict (…) do update`, `returning`. The one difference is a table's row
key: SQLite's own `rowid`, an identity column `id` in PostgreSQL (`row_key`).
"""

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class SharedDB:
    """One connection, in autocommit: each statement stands alone, `executemany` is one
    transaction. Safe to use from several threads (one statement at a time)."""

    def __init__(self, connection: Any, dialect: str) -> None:
        self.connection, self.dialect = connection, dialect
        self.row_key = "rowid" if dialect == "sqlite" else "id"
        self._lock = threading.Lock()

    @classmethod
    def open(cls, url: str | None, path: Path) -> "SharedDB":
        """PostgreSQL at `url` when one is given, else the SQLite file at `path`."""
        if url:
            if not url.startswith(POSTGRES_SCHEMES):
                raise ValueError("BOT_DATABASE_URL must start with postgresql://")
            import psycopg  # only a deployment with PostgreSQL needs it loaded

            return cls(psycopg.connect(url, autocommit=True), "postgresql")
        return cls.sqlite(path)

    @classmethod
    def sqlite(cls, path: Path) -> "SharedDB":
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        connection.execute("pragma busy_timeout = 5000")  # two processes on one file wait
        return cls(connection, "sqlite")

    def create_table(self, name: str, columns: str, keyed: bool = False) -> None:
        """`keyed`: rows are found again by their key (`row_key`), as SQLite has its own."""
        create = f"create table if not exists {name} ({columns})"
        if self.dialect == "sqlite":
            self.execute(create)
            return
        if keyed:
            create = create.replace("(", "(id bigint generated always as identity primary key, ", 1)
        # Workers starting together: PostgreSQL's 'if not exists' is no guard against two
        # creating the same table at once (a duplicate key error); one at a time, then.
        with self._lock, self.connection.transaction():
            self.connection.execute("select pg_advisory_xact_lock(hashtext('bot-schema'))")
            self.connection.execute(create)

    def execute(self, sql: str, params: Sequence = ()) -> tuple[list[tuple], int]:
        """The rows the statement returns (none for most) and how many rows it changed."""
        with self._lock:
            cursor = self.connection.execute(self._dialect(sql), tuple(params))
            rows = cursor.fetchall() if cursor.description else []
            return rows, cursor.rowcount

    def executemany(self, sql: str, rows: Iterable[Sequence]) -> None:
        rows = [tuple(row) for row in rows]
        if not rows:
            return
        with self._lock:
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

    def _dialect(self, sql: str) -> str:
        return sql if self.dialect == "sqlite" else sql.replace("?", "%s")

    def close(self) -> None:
        self.connection.close()
