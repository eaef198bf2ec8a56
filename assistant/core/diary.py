"""The patient's symptom diary: each day's check-in, temperatures, pain, and every red flag raised.

    keep(Entry("2026-11-21T16:02", 1, "checkin", "all good", status="good"), environ)
    entries(environ)        # every entry in the order kept; a damaged line is skipped, never fatal
    by_day(entries(...))    # {"2026-11-21": [Entry, ...], ...}
One JSON object a line in the private state folder, appended under a lock and owner-only through
core.storage, so two chats at once never tear a line. The file is the patient's: nothing here
reads it but the diary command and the chat.
"""
from __future__ import annotations

import json
import os

from assistant.core.record import Default, Record
from assistant.core.storage import append_line, state_dir

KINDS = ("checkin", "flag")


class Entry(Record):
    """One thing kept: an answer to the day's check-in, or a red flag raised in the chat."""

    at: str                            # local date-time, ISO, to the minute
    day: int | None                    # recovery day (0 is the treatment day); None without a treatment time
    kind: str                          # one of KINDS
    said: str                          # the patient's own words
    status: str = ""                   # check-in: good, some, number, told (in their own words)
    temperature_f: float | None = None
    pain: int | None = None            # 0-10
    level: str = "none"                # triage level of what was said
    reasons: list[str] = Default(list)  # the red flags found, in the reply's words

    @property
    def date(self) -> str:
        return self.at[:10]


def path(env: dict | None = None) -> str:
    return os.path.join(state_dir(env), "diary.jsonl")


def keep(entry: Entry, env: dict | None = None) -> None:
    """Append one entry to the diary."""
    append_line(path(env), json.dumps(entry.as_dict(), ensure_ascii=False))


def entries(env: dict | None = None) -> list[Entry]:
    """Return every entry kept, oldest first; lines that cannot be read are left out."""
    try:
        with open(path(env), encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        return []
    out = []
    for line in lines:
        entry = _entry(line)
        if entry is not None:
            out.append(entry)
    return out


def _entry(line: str) -> Entry | None:
    try:
        raw = json.loads(line)
        entry = Entry(**{k: raw[k] for k in Entry._fields if k in raw})
    except (ValueError, TypeError, KeyError):
        return None
    ok = isinstance(entry.at, str) and len(entry.at) >= 10 and entry.kind in KINDS and isinstance(entry.said, str)
    return entry if ok and isinstance(entry.reasons, list) else None


def by_day(items: list[Entry]) -> dict[str, list[Entry]]:
    """Group entries by calendar date, in date order."""
    out: dict[str, list[Entry]] = {}
    for e in sorted(items, key=lambda e: e.at):
        out.setdefault(e.date, []).append(e)
    return out
