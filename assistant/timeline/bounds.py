"""Refuse dates and numbers no aftercare answer needs, before any arithmetic can overflow on them.

The one boundary for every reader of dates and numbers: the clock of --now, a treatment time
however it is given (--treated, setup, the chat's welcome, the desk, the saved profile), times in
messages, and the offsets in protocol files.

    digits("nov 99999999999999999999")   # DateError: a number of more than 12 digits
    treated_near(when, now)              # DateError: more than two years from now
    clock_sane(when)                     # DateError: a clock outside 1970-2199
    offset_fits(hours, "+99999999d")     # ValueError: an offset of more than five years
    number("1234")                       # 1234.0, or None for a number too long to be one
A treatment two years away is already no recovery; five years is the longest gap any sheet asks for
(a pregnancy, isotretinoin); 12 digits hold any date or measure written out in full.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

MAX_DIGITS = 12
MAX_TEXT = 200  # characters in a date: "the day before yesterday at half past three in the afternoon" is 61
TREATED_SPAN = timedelta(days=731)  # two years, a leap day included
OFFSET_SPAN = timedelta(days=1827)  # five years of 365.25 days, rounded up
OFFSET_HOURS = OFFSET_SPAN.total_seconds() / 3600
CLOCK_FROM, CLOCK_TO = datetime(1970, 1, 1), datetime(2200, 1, 1)
_LONG = re.compile(rf"\d{{{MAX_DIGITS + 1}}}")  # \d: any script's digits, as int() and float() read them


class DateError(ValueError):
    """A date-time that could not be read or is out of range; the message says what works."""


def digits(text: str, what: str = "date") -> None:
    """Raise DateError when text is too long to be a date or holds a number of more than 12 digits."""
    if len(text) > MAX_TEXT:
        raise DateError(f"that is {len(text):,} characters: too long to be a {what}")
    if _LONG.search(text):
        raise DateError(f"'{shown(text)}' has a number of more than {MAX_DIGITS} digits: no {what} needs one")


def number(token: str) -> float | None:
    """Read a number token as a float; None when it has more than 12 digits or is not a number."""
    if _LONG.search(token):
        return None
    try:
        return float(token)
    except ValueError:
        return None


def treated_near(when: datetime, now: datetime, what: str = "that") -> datetime:
    """Return when, or raise DateError when it is more than two years from now."""
    if abs(when - now) > TREATED_SPAN:
        side = "ago" if when < now else "from now"
        raise DateError(f"{what} ({_iso(when)}) is more than two years {side}: "
                        "no aftercare answer reaches that far; check the date")
    return when


def clock_sane(when: datetime) -> datetime:
    """Return when, or raise DateError when it lies outside the years 1970 to 2199."""
    if not CLOCK_FROM <= when < CLOCK_TO:
        raise DateError(f"{_iso(when)} is outside the years {CLOCK_FROM.year} to {CLOCK_TO.year - 1}")
    return when


def offset_fits(hours: float, text: str) -> float:
    """Return hours, or raise ValueError when an offset passes five years either way."""
    if not abs(hours) <= OFFSET_HOURS:  # "not <=" so that NaN is refused too
        raise ValueError(f"'{shown(text)}' is more than five years from treatment: no sheet asks for that")
    return hours


def _iso(when: datetime) -> str:
    return when.isoformat(sep=" ", timespec="minutes")  # strftime's %Y drops the zeros of year 1


def shown(text: str, width: int = 60) -> str:
    """Return text as an error message quotes it: on one line, and cut short past `width` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else f"{text[:width - 1]}…"
