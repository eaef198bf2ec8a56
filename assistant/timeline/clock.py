"""Read the dates people type and say date-times the way people say them.

A small grammar rather than dateparser: it covers the forms patients and front desks type
("2026-11-20T10:00", "today 2pm", "yesterday 15:30", "2 days ago", "Nov 20 10am", "friday 9am"),
imports nothing heavy, and always resolves against an explicit `now`. Every date read passes the one
boundary in timeline.bounds: nothing of more than 12 digits, nothing further than `within` from `now`.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from assistant.timeline.bounds import TREATED_SPAN, DateError, digits, shown
from assistant.timeline.lenient import lenient
from assistant.timeline.window import add_hours

MONTHS = {m: i + 1 for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split())}
# the names a month is written by in words ("in February", "by jan"); MONTHS maps their first three letters
MONTH_NAMES = frozenset("january february march april may june july august september october november december "
                        "jan feb mar apr jun jul aug sep sept oct nov dec".split())
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
FORMS = "2026-11-20T10:00, 'today 2pm', 'yesterday 15:30', '2 days ago' or 'Nov 20 10am'"
_UNITS = {"minute": 1 / 60, "min": 1 / 60, "hour": 1, "hr": 1, "day": 24, "week": 168}
_TIME = r"(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$"  # compiled on first use
_AGO = (r"^(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                  r"(minute|min|hour|hr|day|week)s?\s+ago$")
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def parse_when(text: str, now: datetime, default_hour: int = 12, day_first: bool = False,
               within: timedelta = TREATED_SPAN) -> datetime:
    """Read a date-time relative to `now`, at most `within` away; raise DateError saying what works."""
    s = " ".join(str(text).strip().lower().replace(",", " ").split())
    digits(s)
    try:
        moment = _read(s, text, now, default_hour, day_first, within)
    except OverflowError:  # a last guard: the bounds above are meant to keep arithmetic far from this
        moment = None
    if moment is None or abs(moment - now) > within:
        raise DateError(f"'{shown(text)}' is more than {within.days // 365} years away: check the date")
    return moment


def _read(s: str, text: str, now: datetime, default_hour: int, day_first: bool,
          within: timedelta) -> datetime | None:
    if not s:
        raise DateError(f"no date given: use {FORMS}")
    if s == "now":
        return now
    try:
        moment = datetime.fromisoformat(s.upper() if "t" in s[8:11] else s)
        return moment.replace(tzinfo=None) if moment.tzinfo is None else \
            moment.astimezone().replace(tzinfo=None)
    except ValueError:
        pass
    if m := re.match(_AGO, s):
        hours = (int(m[1]) if m[1].isdigit() else _SMALL[m[1]]) * _UNITS[m[2]]
        return add_hours(now, -hours) if hours <= within.total_seconds() / 3600 else None
    day, rest = _day_part(s, now)
    if day is None:
        found = lenient(s, now, day_first)  # the forms the grammar does not know
        if found is None:
            raise DateError(f"couldn't read '{shown(text)}' as a date: use {FORMS}")
        return found
    hour, minute = _time_part(rest, default_hour, text)  # a day it knows with a bad time stays an error
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


def _day_part(s: str, now: datetime) -> tuple[datetime | None, str]:
    words = s.split()
    first = words[0]
    if first in ("today", "tonight", "this"):
        rest = " ".join(words[1:]).replace("morning", "9am").replace("afternoon", "3pm").replace("evening", "7pm")
        return now, rest if first != "tonight" else (rest or "8pm")
    if first == "yesterday":
        return now - timedelta(days=1), " ".join(words[1:])
    if first == "tomorrow":
        return now + timedelta(days=1), " ".join(words[1:])
    if first == "last" and len(words) > 1 and words[1] in WEEKDAYS:
        first, words = words[1], words[1:]
    if first in WEEKDAYS:
        back = (now.weekday() - WEEKDAYS.index(first)) % 7
        return now - timedelta(days=back), " ".join(words[1:])
    for i, j in ((0, 1), (1, 0)):  # "nov 20" or "20 nov"
        if len(words) > 1 and words[i][:3] in MONTHS and words[j].rstrip("stndrh").isdecimal():
            month, dom = MONTHS[words[i][:3]], int(words[j].rstrip("stndrh"))
            rest = words[2:]
            year = now.year
            if rest and re.fullmatch(r"\d{4}", rest[0]):
                year, rest = int(rest[0]), rest[1:]
            try:
                return datetime(year, month, dom), " ".join(rest)
            except (ValueError, OverflowError):
                return None, ""
    return None, ""


def _time_part(rest: str, default_hour: int, original: str) -> tuple[int, int]:
    rest = rest.strip()
    if not rest:
        return default_hour, 0
    if rest in ("noon", "at noon", "midday"):
        return 12, 0
    if rest in ("midnight", "at midnight"):
        return 0, 0
    part = {"morning": 9, "afternoon": 15, "evening": 19, "night": 21}.get(rest.removeprefix("in the "))
    if part is not None:  # "monday evening": the middle of that part of the day
        return part, 0
    m = re.match(_TIME, rest)
    if not m:
        raise DateError(f"couldn't read the time in '{shown(original)}': use {FORMS}")
    hour, minute, half = int(m[1]), int(m[2] or 0), (m[3] or "").replace(".", "")
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise DateError(f"'{shown(original)}' has no such time of day: use {FORMS}")
    return hour, minute


def say_date(moment: datetime, now: datetime | None = None) -> str:
    """Say a date-time: "Saturday 21 November at 10:00" (with the year when it differs)."""
    day = say_day(moment, now)
    return day if (moment.hour, moment.minute) == (0, 0) else f"{day} at {moment:%H:%M}"


def say_day(moment: datetime, now: datetime | None = None) -> str:
    """Say the day of a date-time without its hour: "Saturday 21 November" (with the year when it differs)."""
    year = "" if now is not None and moment.year == now.year else f" {moment.year}"
    return f"{WEEKDAYS[moment.weekday()].capitalize()} {moment.day} {moment.strftime('%B')}{year}"


def say_short(moment: datetime) -> str:
    """Say a date-time compactly for lists: "Sat 21 Nov 10:00"."""
    return f"{moment:%a} {moment.day} {moment:%b %H:%M}"


def say_relative(moment: datetime, now: datetime) -> str:
    """Say how far away a date-time is: "in about 14 hours", "about 3 days ago"."""
    hours = (moment - now).total_seconds() / 3600
    size = abs(hours)
    if size < 1:
        amount = f"{max(1, round(size * 60))} minutes"
    elif size < 36:
        amount = f"{round(size)} hour{'s' if round(size) != 1 else ''}"
    else:
        days = round(size / 24)
        amount = f"{days} days"
    return f"in about {amount}" if hours >= 0 else f"about {amount} ago"
