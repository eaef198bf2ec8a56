"""Keep the call log in one SQLite file: the one module that imports sqlite3.

    db = SQLite("/home/desk/.local/state/aftercare/calls.db")
    with db.transaction(durable=False):   # a draft line: safe from a killed desk, not from a power cut
        db.run("INSERT ...", params)
The file and its -wal and -shm companions are owner-only in an owner-only folder. WAL lets desks
on this computer read while one writes; a writer waits up to 10 s for another. A finished call is
committed with synchronous=FULL (on disk before "Logged call" is printed); a draft line with
NORMAL, which survives the desk being killed and costs no fsync. Every sqlite3 error comes out as
one LogError line naming the file.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3

from assistant.core import storage
from assistant.safety.schema import LogError

_PLAIN = {"database or disk is full": "the disk is full",
          "attempt to write a readonly database": "it is read-only",
          "file is not a database": "it is not a call-log database (not an SQLite file)",
          "unable to open database file": "it cannot be opened",
          "database is locked": "another desk has held it for over 10 seconds"}


class SQLite:
    kind = "sqlite"

    def __init__(self, path: str, create: bool = True):
        self.path = self.where = os.fspath(path)
        self._sync = ""
        with self.errors():
            if create and not os.path.exists(self.path):
                storage.private_dir(os.path.dirname(os.path.abspath(self.path)))
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, storage.FILE_MODE))  # owner-only from the start
            elif not os.path.exists(self.path):
                raise LogError(f"{self.path}: no call log there yet")
            self.conn = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            self.conn.execute("PRAGMA foreign_keys = ON")
            # the lines of a finished call are overwritten when deleted, not left in free pages
            self.conn.execute("PRAGMA secure_delete = ON")
            self.conn.execute("PRAGMA journal_mode = WAL").fetchone()
            self._synchronous(durable=False)

    @contextlib.contextmanager
    def errors(self):
        """Turn sqlite3 and file errors into one plain LogError line."""
        try:
            yield
        except sqlite3.Error as exc:
            text = str(exc)
            raise LogError(f"call log {self.where}: {_PLAIN.get(text, text)}") from None
        except OSError as exc:
            raise LogError(f"call log {self.where}: {exc.strerror or exc}") from None

    def _synchronous(self, durable: bool) -> None:
        level = "FULL" if durable else "NORMAL"
        if self._sync != level:
            self.conn.execute(f"PRAGMA synchronous = {level}")
            self._sync = level

    @contextlib.contextmanager
    def transaction(self, durable: bool = True, exclusive: bool = False):
        """Run the block as one transaction: all of it is written, or none and LogError."""
        with self.errors():
            self._synchronous(durable)
            self.conn.execute("BEGIN EXCLUSIVE" if exclusive else "BEGIN IMMEDIATE")
            try:
                yield self
                self.conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                raise

    def run(self, sql: str, params: tuple | list = ()):
        with self.errors():
            return self.conn.execute(sql, params)

    def many(self, sql: str, rows) -> None:
        with self.errors():
            self.conn.executemany(sql, rows)

    def has_table(self, name: str) -> bool:
        return self.run("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error, AttributeError):
            self.conn.close()
