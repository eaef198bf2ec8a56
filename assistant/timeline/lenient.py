"""Read a date the fast grammar does not know with dateparser: the one module that imports it.

    lenient("the day before yesterday at noon", now)   # -> datetime or None
dateparser costs about 100 ms to import and about 150 ms to parse its first date (it loads its
English data then), against under a millisecond for the grammar in timeline.clock; so it is only
asked when that grammar cannot read the words. parsedatetime was measured too: a third of the
import time, but it read "this morning" from the real clock and "11/24" as next year.
"""
from __future__ import annotations

from datetime import datetime


def lenient(text: str, now: datetime, day_first: bool = False, prefer: str = "past") -> datetime | None:
    """Return the date-time dateparser reads in `text` relative to `now`, or None."""
    if not text or len(text) > 100:
        return None
    import dateparser  # see the module's docstring: measured, and only when the grammar failed
    try:
        found = dateparser.parse(text, languages=["en"], settings={
            "RELATIVE_BASE": now, "PREFER_DATES_FROM": prefer, "DATE_ORDER": "DMY" if day_first else "MDY",
            "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False})
    except (ValueError, OverflowError, RecursionError):
        return None
    return found.replace(tzinfo=None, microsecond=0) if found else None
