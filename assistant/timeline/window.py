"""Time points and windows as a protocol states them, resolved against a treatment time.

A point is one of:
  "treatment"            the moment of treatment
  "+24h" "-72h" "+10d" "-2w" "+2mo"   hours, days of 24 h, weeks, calendar months
  "day 1" "end of day 7" the start (or end) of a calendar day; day 0 is the treatment day
  "healed"               an open condition the protocol defines in its [conditions] table
  "always"               (as a start only) no start: the rule holds before treatment too
A window runs from one point up to (not including) another; `to` may be a pair
[earliest, latest] for ranges such as "7-10 days", and is judged by its latest end. No point lies
more than five years from treatment (timeline.bounds), so resolving one never overflows.
"""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from assistant.core.record import Record
from assistant.timeline.bounds import digits, offset_fits, shown

_OFFSET = (r"^([+-])(\d+(?:\.\d+)?)(h|d|w|mo)$")
_DAY = (r"^(end of )?day (-?\d+)$")
_UNIT_HOURS = {"h": 1, "d": 24, "w": 168}
_UNIT_WORDS = {"h": "hour", "d": "day", "w": "week", "mo": "month"}


class Point(Record):
    """One instant relative to treatment, or a named condition with no fixed instant."""

    text: str
    kind: str  # "offset", "day", "condition", "always"
    amount: float = 0.0  # offset size or calendar day number
    unit: str = "h"

    @property
    def is_condition(self) -> bool:
        return self.kind == "condition"

    def approx_hours(self) -> float:
        """Order points without a treatment time: day N counts as its midpoint."""
        if self.kind == "day":
            return 24 * self.amount - 12
        if self.kind == "condition":
            return float("inf")
        if self.kind == "always":
            return float("-inf")
        if self.unit == "mo":
            return self.amount * 730.5
        return self.amount * _UNIT_HOURS[self.unit]

    def resolve(self, treated: datetime) -> datetime | None:
        """Return the local date-time of this point, or None for a condition."""
        if self.kind == "condition":
            return None
        if self.kind == "always":
            return datetime.min
        if self.kind == "day":
            midnight = datetime(treated.year, treated.month, treated.day)
            return midnight + timedelta(days=self.amount)
        if self.unit == "mo":
            return add_months(treated, int(self.amount))
        return add_hours(treated, self.amount * _UNIT_HOURS[self.unit])

    def describe(self) -> str:
        """Say the point in words for a patient who has not given a treatment time."""
        if self.kind in ("condition", "always"):
            return self.text
        if self.kind == "day" and self.text.strip().lower().startswith("end of"):
            return f"the end of day {int(self.amount) - 1}"
        if self.kind == "day":
            n = int(self.amount)
            return {0: "the day of treatment", 1: "the day after treatment"}.get(
                n, f"day {n} after treatment" if n > 0 else f"{-n} days before treatment")
        if self.amount == 0:
            return "treatment"
        return f"{quantity(self)} {'before' if self.amount < 0 else 'after'} treatment"


def quantity(point: Point) -> str:
    """Say an offset's size: "24 hours", "2 weeks", "6 months"."""
    n = abs(point.amount)
    word = _UNIT_WORDS[point.unit]
    shown = f"{n:g}"
    return f"{shown} {word}{'' if n == 1 else 's'}"


def parse_point(text: str, conditions: frozenset[str] = frozenset()) -> Point:
    """Parse one point; raise ValueError saying which forms work."""
    if not isinstance(text, str):
        raise ValueError(f"expected a time point string, got {type(text).__name__}")
    digits(text, "time point")
    s = " ".join(text.strip().lower().split())
    if s == "treatment":
        return Point(text, "offset", 0.0, "h")
    if s == "always":
        return Point(text, "always")
    if m := re.match(_OFFSET, s):
        amount = (-1 if m[1] == "-" else 1) * float(m[2])
        if m[3] == "mo" and not amount.is_integer():
            raise ValueError(f"'{shown(text)}': months are calendar months, so a whole number (+2mo), or weeks (+6w)")
        offset_fits(amount * (730.5 if m[3] == "mo" else _UNIT_HOURS[m[3]]), text)
        return Point(text, "offset", amount, m[3])
    if m := re.match(_DAY, s):
        day = int(m[2]) + (1 if m[1] else 0)
        offset_fits(day * 24, text)
        return Point(text, "day", float(day))
    if s in conditions:
        return Point(s, "condition")
    raise ValueError(f"'{shown(text)}' is not a time point (use treatment, +24h, -72h, +10d, -2w, +2mo, "
                     f"day 1, end of day 7, or a condition named in [conditions])")


class Window(Record):
    """The span during which a rule holds; `end` None means it never ends."""

    start: Point
    end: Point | None = None
    earliest_end: Point | None = None  # set when the document gives a range such as 7-10 days

    def ends_after_start(self) -> bool:
        if self.end is None or self.end.is_condition:
            return True
        return self.end.approx_hours() > self.start.approx_hours()

    def describe_end(self) -> str:
        """Say when the window closes: "7-10 days after treatment", "the day after treatment"."""
        if self.end is None:
            return "ever"
        if self.earliest_end is not None and self.end.kind == "offset" == self.earliest_end.kind \
                and self.end.unit == self.earliest_end.unit:
            low = f"{abs(self.earliest_end.amount):g}"
            side = "before" if self.end.amount < 0 else "after"
            return f"{low}-{quantity(self.end)} {side} treatment"
        return self.end.describe()


@lru_cache(maxsize=4096)  # the same few windows are resolved for every question; time zones are slow
def add_hours(moment: datetime, hours: float) -> datetime:
    """Add real elapsed hours to a local wall-clock time, so 24 hours stays 24 across DST."""
    try:
        aware = moment.astimezone()
    except (OverflowError, OSError, ValueError):
        return moment + timedelta(hours=hours)
    later = (aware.astimezone(UTC) + timedelta(hours=hours)).astimezone(aware.tzinfo)
    later = later.astimezone()  # the local offset may differ on the far side of a DST change
    return later.replace(tzinfo=None)


def add_months(moment: datetime, months: int) -> datetime:
    """Add calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    total = moment.month - 1 + months
    year, month = moment.year + total // 12, total % 12 + 1
    days = [31, 29 if _leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return moment.replace(year=year, month=month, day=min(moment.day, days))


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def hours_between(start: datetime, end: datetime) -> float:
    """Return real hours from start to end, both local wall-clock times."""
    try:
        return (end.astimezone() - start.astimezone()).total_seconds() / 3600
    except (OverflowError, OSError, ValueError):
        return (end - start).total_seconds() / 3600
