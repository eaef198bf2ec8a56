"""Dates as people type them, always against an explicit `now`."""
from __future__ import annotations

from datetime import datetime

import pytest

from assistant.timeline.clock import DateError, parse_when, say_date, say_day, say_relative

NOW = datetime(2026, 11, 23, 15, 20)  # a Monday


@pytest.mark.parametrize("text,want", [
    ("2026-11-20T10:00", datetime(2026, 11, 20, 10, 0)),
    ("2026-11-20 10:00", datetime(2026, 11, 20, 10, 0)),
    ("today 2pm", datetime(2026, 11, 23, 14, 0)),
    ("yesterday 15:30", datetime(2026, 11, 22, 15, 30)),
    ("yesterday at 9:15 am", datetime(2026, 11, 22, 9, 15)),
    ("2 days ago", datetime(2026, 11, 21, 15, 20)),
    ("an hour ago", datetime(2026, 11, 23, 14, 20)),
    ("Nov 20 10am", datetime(2026, 11, 20, 10, 0)),
    ("20 November 2026 12pm", datetime(2026, 11, 20, 12, 0)),
    ("friday 9am", datetime(2026, 11, 20, 9, 0)),
    ("last friday 9am", datetime(2026, 11, 20, 9, 0)),
    ("tomorrow noon", datetime(2026, 11, 24, 12, 0)),
    ("now", NOW),
])
def test_forms_people_type(text, want):
    assert parse_when(text, NOW) == want


@pytest.mark.parametrize("text", ["", "the other day", "31/31/2026", "Nov 31 10am", "yesterday 25:00", "\x00"])
def test_bad_dates_say_which_forms_work(text):
    with pytest.raises(DateError, match="2026-11-20T10:00|forms|use"):
        parse_when(text, NOW)


def test_dates_and_distances_in_words():
    assert say_date(datetime(2026, 11, 21, 10, 0), NOW) == "Saturday 21 November at 10:00"
    assert say_date(datetime(2027, 1, 20, 0, 0), NOW) == "Wednesday 20 January 2027"
    assert say_day(datetime(2026, 11, 21, 10, 0), NOW) == "Saturday 21 November"  # the hour left out
    assert say_day(datetime(2027, 1, 20, 23, 59), NOW) == "Wednesday 20 January 2027"
    assert say_relative(datetime(2026, 11, 24, 5, 20), NOW) == "in about 14 hours"
    assert say_relative(datetime(2026, 11, 20, 15, 20), NOW) == "about 3 days ago"


@pytest.mark.parametrize("text, want", [
    ("the day before yesterday at noon", datetime(2026, 11, 21, 12, 0)),  # dateparser's
    ("Monday evening", datetime(2026, 11, 23, 19, 0)),  # the grammar's: a part of the day is its middle
])
def test_forms_the_grammar_lacks_are_read_all_the_same(text, want):
    assert parse_when(text, NOW) == want
