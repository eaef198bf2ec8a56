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
import math
import os
from datetime import datetime

from assistant.core.record import Default, Record
from assistant.core.storage import append_line, state_dir
from assistant.core.untrusted import read_small

KINDS = ("checkin", "flag")
MAX_BYTES = 16 << 20  # years of daily check-ins; a bigger file is none of ours


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
    """Return every entry kept, oldest first; lines that cannot be read are left out.

    The file is read as untrusted: a FIFO or a device is never read, a file past 16 MiB not at all,
    and every field of every line is checked by type, so no later sum or sparkline meets a string.
    """
    try:
        blob = read_small(path(env), MAX_BYTES)
    except OSError:  # not a file, too big, unreadable: no diary to show, never a reason to stop
        return []
    if blob is None:
        return []
    out = []
    for line in blob.decode("utf-8", errors="replace").splitlines():
        entry = _entry(line)
        if entry is not None:
            out.append(entry)
    return out


def _entry(line: str) -> Entry | None:
    try:
        raw = json.loads(line)
        entry = Entry(**{k: raw[k] for k in Entry._fields if k in raw})
        datetime.fromisoformat(entry.at)
    except (ValueError, TypeError, KeyError, RecursionError):
        return None
    number = lambda v: v is None or (isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v))
    ok = entry.kind in KINDS and all(isinstance(v, str) for v in (entry.said, entry.status, entry.level)) and \
        (entry.day is None or (type(entry.day) is int and abs(entry.day) < 100_000)) and \
        number(entry.temperature_f) and (entry.pain is None or (type(entry.pain) is int and 0 <= entry.pain <= 10)) \
        and isinstance(entry.reasons, list) and all(isinstance(r, str) for r in entry.reasons)
    return entry if ok else None


def by_day(items: list[Entry]) -> dict[str, list[Entry]]:
    """Group entries by calendar date, in date order."""
    out: dict[str, list[Entry]] = {}
    for e in sorted(items, key=lambda e: e.at):
        out.setdefault(e.date, []).append(e)
    return out
