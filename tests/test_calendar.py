"""The calendar file by the book (RFC 5545), built with icalendar: zones, stamps, one reminder a moment."""
from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar

from assistant.timeline.calendar import machine_zone, render_ics

NOW = datetime(2026, 11, 21, 16, 0)
EVENTS = [(datetime(2026, 11, 20, 10, 0), "Treatment", ""),
          (datetime(2026, 11, 22, 10, 0), "OK again: swimming", "No swimming for the first 48 hours."),
          (datetime(2026, 11, 22, 10, 0), "Should have settled by now: redness", "Slight redness is normal."),
          (datetime(2026, 11, 23, 10, 0), "OK again: exercise", "Avoid sweating and gyms for the first 72 hours.")]


def _events(raw: bytes):
    return list(icalendar.Calendar.from_ical(raw).walk("VEVENT"))


def test_a_named_zone_is_written_as_tzid_with_its_vtimezone():
    raw = render_ics(EVENTS, "alexander", NOW, ZoneInfo("America/Vancouver"))
    text = raw.decode()
    assert "DTSTART;TZID=America/Vancouver:20261122T100000" in text
    assert "BEGIN:VTIMEZONE" in text and "TZID:America/Vancouver" in text
    start = _events(raw)[1].decoded("dtstart")
    assert start.utcoffset() is not None and start.hour == 10


def test_without_a_named_zone_times_are_utc_and_dtstamp_is_always_utc():
    for zone in (None, ZoneInfo("Etc/UTC"), ZoneInfo("Europe/Paris")):
        raw = render_ics(EVENTS, "alexander", NOW, zone)
        for e in _events(raw):
            assert e.decoded("dtstamp").utcoffset().total_seconds() == 0
        if zone is None:
            assert "BEGIN:VTIMEZONE" not in raw.decode()
            assert _events(raw)[0].decoded("dtstart") == datetime(2026, 11, 20, 10, 0).astimezone().astimezone(UTC)


def test_no_reminder_in_the_past_and_one_per_moment():
    events = _events(render_ics(EVENTS, "alexander", NOW, ZoneInfo("Etc/UTC")))
    alarms = [e.walk("VALARM") for e in events]
    assert alarms[0] == []                       # the treatment is past
    assert len(alarms[1]) == 1 and alarms[2] == []  # two events at one moment: one reminder
    assert "OK again: swimming; Should have settled by now: redness" in str(alarms[1][0].get("description"))
    assert len(alarms[3]) == 1


def test_the_patients_words_and_no_jargon():
    raw = render_ics(EVENTS, "alexander", NOW, None).decode()
    assert "Phase" not in raw and "SUMMARY:OK again: swimming" in raw


def test_machine_zone_reads_tz(monkeypatch):
    assert machine_zone({"TZ": "Europe/Paris"}) == ZoneInfo("Europe/Paris")
    assert machine_zone({"TZ": ":America/Vancouver"}) == ZoneInfo("America/Vancouver")
