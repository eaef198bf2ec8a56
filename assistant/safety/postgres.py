"""Keep the call log in PostgreSQL, for a clinic whose desks are several computers: the one module that imports psycopg.

    db = Postgres("postgresql://desk@clinic-server/aftercare")
    with db.transaction(durable=False):
        db.run("INSERT ...", params)       # the same SQL as SQLite, with ? placeholders
The connection runs in autocommit, so reading never leaves a transaction open on the server;
writes are explicit transactions. A draft line is committed with synchronous_commit off (safe from
a killed desk, though not from a crash of the server); a finished call waits for the server's
disk. A lost connection is opened again on the next use; every psycopg error comes out as one
LogError line naming the server, without its password.
"""
from __future__ import annotations

import contextlib
import re

from assistant.safety.schema import LogError

_MIGRATION_LOCK = 0x6166746572  # "after": one desk at a time brings the schema up to date


def _hidden(url: str) -> str:
    return re.sub(r"(//[^:/@]*:)[^@]*@", r"\1***@", url)


class Postgres:
    kind = "postgresql"

    def __init__(self, url: str):
        # psycopg costs about 150 ms to import (measured, psycopg 3.3 with its binary build): only a
        # desk given a PostgreSQL URL pays for it; SQLite desks and every other command never do.
        try:
            import psycopg
        except ImportError:
            raise LogError("a PostgreSQL call log needs psycopg: pip install 'aftercare[clinic]'") from None
        self.psycopg, self.url, self.where = psycopg, url, _hidden(url)
        self.conn = None
        self._connect()

    def _connect(self) -> None:
        if self.conn is not None and not self.conn.closed and not self.conn.broken:
            return
        self.close()  # a broken connection is closed before a new one is opened
        with self.errors():
            self.conn = self.psycopg.connect(self.url, autocommit=True, connect_timeout=5)

    @contextlib.contextmanager
    def errors(self):
        """Turn psycopg errors into one plain LogError line."""
        try:
            yield
        except self.psycopg.Error as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            if isinstance(exc, self.psycopg.OperationalError):
                first = f"cannot reach the server ({first})"
            raise LogError(f"call log {self.where}: {first}") from None

    @contextlib.contextmanager
    def transaction(self, durable: bool = True, exclusive: bool = False):
        """Run the block as one transaction: all of it is written, or none and LogError."""
        self._connect()
        with self.errors(), self.conn.transaction():
            if exclusive:
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            if not durable:
                self.conn.execute("SET LOCAL synchronous_commit TO off")
            yield self

    def run(self, sql: str, params: tuple | list = ()):
        self._connect()
        with self.errors():
            return self.conn.execute(sql.replace("?", "%s"), params)

    def many(self, sql: str, rows) -> None:
        self._connect()
        with self.errors(), self.conn.cursor() as cur:
            cur.executemany(sql.replace("?", "%s"), rows)

    def has_table(self, name: str) -> bool:
        return self.run("SELECT to_regclass(?)", (name,)).fetchone()[0] is not None

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()
