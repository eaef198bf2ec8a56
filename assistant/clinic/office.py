"""Know when a clinic's office answers, its after-hours line, and how soon it calls back at each level.

    office = Office.of(hours=["Mon-Fri 09:00-17:00"], after_hours="(555) 010-9999", callback={"urgent": "1h"})
    office.is_open(now)             # True, False, or None when the protocol gives no hours
    office.due("urgent", since)     # since + 1 hour, or None when the protocol sets no deadline
A protocol's optional [desk] table holds these (docs/protocols.md, "For the front desk"); the
checker reads it with parse_hours and parse_duration, so a bad value is refused with its line.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from assistant.core.record import Default, Record

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LEVELS = ("routine", "urgent", "emergency")
_SPAN = re.compile(r"^\s*([A-Za-z,\- ]+?)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_DURATION = re.compile(r"^\s*(\d{1,4})\s*(m|min|h|d)\s*$")
_MINUTES = {"m": 1, "min": 1, "h": 60, "d": 1440}


class Span(Record):
    day: int      # 0 is Monday
    start: int    # minutes after midnight
    end: int      # minutes after midnight, up to 24:00


def _day(word: str) -> int:
    key = word.strip().lower()[:3]
    if key not in DAYS:
        raise ValueError(f"'{word.strip()}' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)")
    return DAYS.index(key)


def parse_hours(text: str) -> list[Span]:
    """Read "Mon-Fri 09:00-17:00" or "Sat, Sun 10:00-13:00"; raise ValueError saying what is wrong."""
    m = _SPAN.match(text) if isinstance(text, str) else None
    if not m:
        raise ValueError(f"'{text}' is not days and hours like \"Mon-Fri 09:00-17:00\"")
    days: list[int] = []
    for part in m[1].split(","):
        first, _, last = part.partition("-")
        a = _day(first)
        b = _day(last) if last else a
        days += list(range(a, b + 1)) if a <= b else list(range(a, 7)) + list(range(0, b + 1))
    (h1, m1, h2, m2) = (int(m[i]) for i in range(2, 6))
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if m1 > 59 or m2 > 59 or h1 > 23 or end > 24 * 60 or end <= start:
        raise ValueError(f"'{text}': the hours must be a time of day followed by a later one, up to 24:00")
    return [Span(d, start, end) for d in days]


def parse_duration(text: str) -> int:
    """Read "15m", "1h" or "2d" as minutes; raise ValueError otherwise."""
    m = _DURATION.match(text) if isinstance(text, str) else None
    if not m or int(m[1]) == 0:
        raise ValueError(f"'{text}' is not a time like \"15m\", \"1h\" or \"2d\"")
    return int(m[1]) * _MINUTES[m[2]]


class Office(Record):
    hours: tuple[Span, ...] = ()
    after_hours: str | None = None
    callback: dict[str, int] = Default(dict)   # level -> minutes

    @classmethod
    def of(cls, hours=(), after_hours=None, callback=None) -> Office:
        spans = tuple(s for h in hours for s in parse_hours(h))
        return cls(spans, after_hours, {k: parse_duration(v) for k, v in (callback or {}).items()})

    def is_open(self, now: datetime) -> bool | None:
        """Say whether the office answers at `now`; None when the protocol does not say."""
        if not self.hours:
            return None
        minute = now.hour * 60 + now.minute
        return any(s.day == now.weekday() and s.start <= minute < s.end for s in self.hours)

    def next_open(self, now: datetime) -> datetime | None:
        """Return when the office next opens after `now` (None without hours)."""
        if not self.hours:
            return None
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        for ahead in range(8):
            day = midnight + timedelta(days=ahead)
            for s in sorted((s for s in self.hours if s.day == day.weekday()), key=lambda s: s.start):
                opens = day + timedelta(minutes=s.start)
                if opens > now:
                    return opens
        return None

    def due(self, level: str, since: datetime, default: int | None = None) -> datetime | None:
        """Return the call-back deadline for a call at `level` made at `since`."""
        minutes = self.callback.get(str(level), default)
        return None if minutes is None else since + timedelta(minutes=minutes)
