"""Keep the front desk's call log in a database: SQLite by default, PostgreSQL for desks on several computers.

    log = open_log(None, environ)                      # calls.db in the state folder
    log = open_log("postgresql://desk@server/clinic")  # or a shared server
    call_id = log.save(fields, lines, done=False)      # every line as it is typed: a draft
    log.repeat("C-1042", ["pus"], now)                 # the repeat-caller rule, as SQL
A call is saved from its first line as "unfinished" and becomes "done" when staff end it, so a
desk that dies mid-call leaves the call and everything said so far; the lines of a finished call
are deleted with it being finished (the log keeps what was reported, not the conversation).
Repeat callers, open urgent calls and the daily counts are indexed queries: their time does not
grow with the log.
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

from assistant.core import storage
from assistant.core.levels import Level
from assistant.core.record import Record
from assistant.safety import schema
from assistant.safety.postgres import Postgres
from assistant.safety.schema import LogError
from assistant.safety.sqlitedb import SQLite

REPEAT_DAYS = 14   # a complaint's window: contacts further apart are separate episodes
REPEAT_CALLS = 3   # the third contact about one complaint raises the level a step
FIELDS = ("uid", "status", "time", "ended", "updated", "caller", "staff", "desk", "protocol", "treated",
          "elapsed_hours", "level", "rank", "signs", "topics", "answers", "raised", "due", "resolved", "note")
COLUMNS = ("id",) + FIELDS
LISTS = {"signs": "[]", "topics": "[]", "answers": "{}"}  # kept as JSON text in both databases
__all__ = ["REPEAT_CALLS", "REPEAT_DAYS", "CallLog", "LogError", "Repeat", "open_log"]


class Repeat(Record):
    about: str      # the sign or topic most of the earlier calls shared
    contacts: int   # this call included
    days: int


def default_path(environ: dict | None = None) -> Path:
    return Path(storage.state_dir(environ)) / "calls.db"


def legacy_path(environ: dict | None = None) -> Path:
    """Return where earlier versions kept the log as JSON lines (brought in with `desk import`)."""
    return Path(storage.state_dir(environ)) / "calls.jsonl"


def open_log(where: str | None = None, environ: dict | None = None, create: bool = True) -> CallLog:
    """Open (and bring up to date) the log at a path, sqlite:///path or postgresql:// URL."""
    where = where or str(default_path(environ))
    if where.startswith(("postgresql://", "postgres://")):
        db = Postgres(where)
    else:
        db = SQLite(where.removeprefix("sqlite://") if where.startswith("sqlite://") else where, create)
    try:
        schema.migrate(db)
    except LogError:
        db.close()
        raise
    return CallLog(db)


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


def row_dict(row) -> dict:
    """Turn a call row into the log's record, its lists decoded (a hand-edited value becomes empty)."""
    out = dict(zip(COLUMNS, row))
    for key, empty in LISTS.items():
        kind = list if empty == "[]" else dict
        try:
            value = json.loads(out[key])
        except (TypeError, ValueError):
            value = None
        out[key] = value if isinstance(value, kind) else kind()
    return out


class CallLog:
    """The call log's operations, the same SQL on SQLite and PostgreSQL."""

    def __init__(self, db):
        self.db, self.where = db, db.where
        self.desk = f"{os.uname().nodename}:{os.getpid()}"

    def close(self) -> None:
        self.db.close()

    @staticmethod
    def _values(fields: dict, done: bool) -> dict:
        values = {k: fields.get(k) for k in FIELDS} | {"status": "done" if done else "unfinished"}
        values["rank"] = Level.of(values["level"], Level.NONE).rank
        values["updated"] = iso(datetime.now())  # the real time, even under --now: it tells a live desk
        values["uid"] = values["uid"] or os.urandom(12).hex()
        for key in LISTS:
            values[key] = json.dumps(values[key] if values[key] is not None else json.loads(LISTS[key]),
                                     ensure_ascii=False)
        return values

    def save(self, fields: dict, lines: list[tuple[int, str, str]], done: bool, call_id: int | None = None) -> int:
        """Write a call's fields and its new lines in one transaction; return its id (LogError on failure)."""
        values = self._values(fields, done)
        with self.db.transaction(durable=done):
            if call_id is None:
                marks = ", ".join("?" * len(FIELDS))
                call_id = self.db.run(f"INSERT INTO calls ({', '.join(FIELDS)}) VALUES ({marks}) RETURNING id",
                                      [values[k] for k in FIELDS]).fetchone()[0]
            else:
                kept = [k for k in FIELDS if k != "uid"]
                self.db.run(f"UPDATE calls SET {', '.join(f'{k} = ?' for k in kept)} WHERE id = ?",
                            [values[k] for k in kept] + [call_id])
                self.db.run("DELETE FROM complaints WHERE call_id = ?", (call_id,))
            about = dict.fromkeys((fields.get("signs") or []) + (fields.get("topics") or []))
            self.db.many("INSERT INTO complaints (call_id, name) VALUES (?, ?)", [(call_id, a) for a in about])
            if done:  # what was reported stays; the conversation goes
                self.db.run("DELETE FROM lines WHERE call_id = ?", (call_id,))
            else:
                self.db.many("INSERT INTO lines (call_id, n, time, text) VALUES (?, ?, ?, ?)",
                             [(call_id, n, t, text) for n, t, text in lines])
        return call_id

    def add_many(self, calls: list[dict]) -> int:
        """Add finished calls (an import) in one transaction, skipping any already there; return how many."""
        added = 0
        with self.db.transaction():
            for fields in calls:
                values = self._values(fields, done=True)
                row = self.db.run(f"INSERT INTO calls ({', '.join(FIELDS)}) VALUES ({', '.join('?' * len(FIELDS))}) "
                                  "ON CONFLICT (uid) DO NOTHING RETURNING id", [values[k] for k in FIELDS]).fetchone()
                if row:
                    about = dict.fromkeys(fields["signs"] + fields["topics"])
                    self.db.many("INSERT INTO complaints (call_id, name) VALUES (?, ?)", [(row[0], a) for a in about])
                    added += 1
        return added

    def history(self, caller: str) -> tuple[int, dict | None]:
        """Count a caller's earlier calls and return the last one."""
        (count,) = self.db.run("SELECT COUNT(*) FROM calls WHERE caller = ?", (caller,)).fetchone()
        row = self.db.run(f"SELECT {', '.join(COLUMNS)} FROM calls WHERE caller = ? ORDER BY time DESC, id DESC "
                          "LIMIT 1", (caller,)).fetchone()
        return count, row_dict(row) if row else None

    def repeat(self, caller: str, about: list[str], now: datetime, exclude: int | None = None,
               days: int = REPEAT_DAYS) -> Repeat | None:
        """Say whether this call is at least the third from `caller` about an overlapping complaint."""
        about = list(dict.fromkeys(about))
        if not caller or not about:
            return None
        marks = ", ".join("?" * len(about))
        where = (f"FROM calls c JOIN complaints k ON k.call_id = c.id WHERE c.caller = ? AND c.time >= ? "
                 f"AND c.time <= ? AND c.id <> ? AND k.name IN ({marks})")
        params = [caller, iso(now - timedelta(days=days)), iso(now), -1 if exclude is None else exclude, *about]
        (overlapping,) = self.db.run(f"SELECT COUNT(DISTINCT c.id) {where}", params).fetchone()
        if overlapping + 1 < REPEAT_CALLS:
            return None
        shared = dict(self.db.run(f"SELECT k.name, COUNT(*) {where} GROUP BY k.name", params).fetchall())
        top = max(shared.values())
        return Repeat(next(c for c in about if shared.get(c) == top), overlapping + 1, days)

    def resolve(self, now: datetime, staff: str, note: str, caller: str | None = None,
                call_id: int | None = None) -> int:
        """Close a caller's (or one call's) open urgent calls up to now; return how many were open."""
        match, key = ("caller = ?", caller) if call_id is None else ("id = ?", call_id)
        with self.db.transaction():
            cur = self.db.run(f"UPDATE calls SET resolved = ?, note = ? WHERE {match} AND rank >= 2 "
                              "AND resolved IS NULL AND time <= ?", (iso(now), note or None, key, iso(now)))
            count = cur.rowcount
            self.db.run("INSERT INTO resolutions (time, caller, call_id, staff, note) VALUES (?, ?, ?, ?, ?)",
                        (iso(now), caller, call_id, staff, note or None))
        return count

    def find(self, call_id: int) -> dict | None:
        row = self.db.run(f"SELECT {', '.join(COLUMNS)} FROM calls WHERE id = ?", (call_id,)).fetchone()
        return row_dict(row) if row else None

    def open_calls(self, limit: int | None = None):
        """Yield urgent and emergency calls not yet resolved, oldest first."""
        yield from self._rows("WHERE rank >= 2 AND resolved IS NULL ORDER BY time, id", limit)

    def unfinished(self, limit: int | None = None):
        """Yield calls left unfinished (a desk closed or killed mid-call), latest activity first."""
        yield from self._rows("WHERE status = 'unfinished' ORDER BY updated DESC, id DESC", limit)

    def calls(self):
        """Yield every call in time order, in batches: memory stays flat however long the log."""
        yield from self._rows("ORDER BY time, id", None)

    def _rows(self, tail: str, limit: int | None):
        sql = f"SELECT {', '.join(COLUMNS)} FROM calls {tail}" + (f" LIMIT {int(limit)}" if limit else "")
        cur = self.db.run(sql)
        with self.db.errors():
            while batch := cur.fetchmany(500):
                yield from (row_dict(r) for r in batch)

    def lines(self, call_id: int) -> list[str]:
        return [r[0] for r in self.db.run("SELECT text FROM lines WHERE call_id = ? ORDER BY n", (call_id,))]

    def counts(self, *which: str) -> dict[str, int]:
        """Count calls in all, open urgent calls and unfinished calls (or only those named: the last two
        come from partial indexes and cost the same at any size; counting every call grows with the log)."""
        sql = {"calls": "SELECT COUNT(*) FROM calls",
               "open": "SELECT COUNT(*) FROM calls WHERE rank >= 2 AND resolved IS NULL",
               "unfinished": "SELECT COUNT(*) FROM calls WHERE status = 'unfinished'"}
        return {k: self.db.run(sql[k]).fetchone()[0] for k in which or sql}

    def empty(self) -> bool:
        return self.db.run("SELECT 1 FROM calls LIMIT 1").fetchone() is None

    def per_day(self, first: datetime, last: datetime) -> dict[tuple[str, str], int]:
        """Count calls per (day, level) from the start of `first` to the end of `last`."""
        rows = self.db.run("SELECT substr(time, 1, 10), level, COUNT(*) FROM calls WHERE time >= ? AND time < ? "
                           "GROUP BY substr(time, 1, 10), level",
                           (first.strftime("%Y-%m-%d"), (last + timedelta(days=1)).strftime("%Y-%m-%d")))
        return {(day, level): n for day, level, n in rows.fetchall()}
