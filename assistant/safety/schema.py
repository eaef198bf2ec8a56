"""Define the call log's tables once for SQLite and PostgreSQL, and bring any log up to date in order.

    migrate(db)          # in one locked transaction: every step after the log's recorded version
Each step is a list of statements with {id} and {real} standing for what differs between the two
databases; the version reached is kept in the `meta` table. A log made by a newer aftercare is
refused rather than guessed at. Times are ISO text ("2026-11-22T16:00:00"), local to the clinic, so
they sort and index the same in both.
"""
from __future__ import annotations

TYPES = {"sqlite": {"id": "INTEGER PRIMARY KEY AUTOINCREMENT", "real": "REAL"},
         "postgresql": {"id": "BIGSERIAL PRIMARY KEY", "real": "DOUBLE PRECISION"}}

STEPS: list[list[str]] = [
    [  # 1: calls, what each was about, the lines of calls not yet finished, resolutions
        """CREATE TABLE calls (
             id {id}, uid TEXT NOT NULL UNIQUE, status TEXT NOT NULL, time TEXT NOT NULL, ended TEXT,
             updated TEXT NOT NULL, caller TEXT, staff TEXT, desk TEXT, protocol TEXT, treated TEXT,
             elapsed_hours {real}, level TEXT NOT NULL, rank INTEGER NOT NULL, signs TEXT NOT NULL,
             topics TEXT NOT NULL, answers TEXT NOT NULL, raised TEXT, due TEXT, resolved TEXT, note TEXT)""",
        "CREATE INDEX calls_by_caller ON calls (caller, time)",
        "CREATE INDEX calls_by_time ON calls (time)",
        "CREATE INDEX calls_open ON calls (time) WHERE rank >= 2 AND resolved IS NULL",
        "CREATE INDEX calls_unfinished ON calls (updated) WHERE status = 'unfinished'",
        """CREATE TABLE complaints (call_id BIGINT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
             name TEXT NOT NULL, PRIMARY KEY (call_id, name))""",
        """CREATE TABLE lines (call_id BIGINT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
             n INTEGER NOT NULL, time TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (call_id, n))""",
        """CREATE TABLE resolutions (id {id}, time TEXT NOT NULL, caller TEXT, call_id BIGINT, staff TEXT,
             note TEXT)""",
    ],
]
LATEST = len(STEPS)


class LogError(Exception):
    """The call log cannot be used or written: one line saying which log and why."""


def migrate(db, steps: list[list[str]] | None = None) -> int:
    """Bring the log to the latest version; return the version it was at."""
    steps = STEPS if steps is None else steps
    found = _version(db)
    _check_newer(db, found, steps)
    if found == len(steps):
        return found
    with db.transaction(exclusive=True):
        db.run("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        found = _version(db)  # read again under the lock: another desk may have just done it
        _check_newer(db, found, steps)
        for number in range(found, len(steps)):
            for statement in steps[number]:
                db.run(statement.format(**TYPES[db.kind]))
        if found == 0:
            db.run("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(len(steps)),))
        else:
            db.run("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(len(steps)),))
    return found


def _check_newer(db, found: int, steps: list) -> None:
    if found > len(steps):
        raise LogError(f"{db.where} was made by a newer aftercare (schema version {found}; this one knows "
                       f"up to {len(steps)}): upgrade aftercare on this computer")


def _version(db) -> int:
    if not db.has_table("meta"):
        if db.has_table("calls"):
            raise LogError(f"{db.where} holds a table of calls that aftercare did not make: use another --db")
        return 0
    row = db.run("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0]) if row else 0
    except ValueError:
        raise LogError(f"{db.where}: its schema version {row[0]!r} is not a number") from None
