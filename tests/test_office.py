"""Office hours, the after-hours line and call-back deadlines: protocol data, checked, and what the desk says."""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from assistant.clinic.checker import parse
from assistant.clinic.office import Office, parse_duration, parse_hours
from assistant.clinic.protocol import ProtocolError
from assistant.safety import calllog

ROOT = Path(__file__).resolve().parents[1]
SUNRISE = ROOT / "docs" / "example" / "sunrise.toml"
SUNDAY, MONDAY = "2026-11-22T16:00", "2026-11-23T10:00"


def _protocol(tmp_path: Path, desk: str | None) -> Path:
    """The worked example with its [desk] table replaced (None: none at all)."""
    shutil.copytree(SUNRISE.parent / "sources", tmp_path / "sources", dirs_exist_ok=True)
    text = SUNRISE.read_text(encoding="utf-8").split("\n# Not from the sheet")[0]
    path = tmp_path / "clinic.toml"
    path.write_text(text + (f"\n[desk]\n{desk}\n" if desk is not None else ""), encoding="utf-8")
    return path


def test_hours_days_and_deadlines_are_read():
    office = Office.of(["Mon-Fri 09:00-17:00", "Sat, Sun 10:00-12:30"], "(555) 1", {"urgent": "30m"})
    assert office.is_open(datetime(2026, 11, 23, 9, 0)) and not office.is_open(datetime(2026, 11, 23, 17, 0))
    assert office.is_open(datetime(2026, 11, 22, 12, 29)) and not office.is_open(datetime(2026, 11, 22, 9, 59))
    assert office.next_open(datetime(2026, 11, 21, 13, 0)) == datetime(2026, 11, 22, 10, 0)
    assert office.due("urgent", datetime(2026, 11, 23, 9, 0)) == datetime(2026, 11, 23, 9, 30)
    assert office.due("routine", datetime(2026, 11, 23, 9, 0)) is None
    assert Office().is_open(datetime(2026, 11, 23, 9, 0)) is None and Office().next_open(datetime(2026, 1, 1)) is None
    assert [s.day for s in parse_hours("Sat-Mon 08:00-24:00")] == [5, 6, 0]
    assert parse_duration("2d") == 2880 and parse_duration(" 15 m ") == 15


@pytest.mark.parametrize("bad", ["Mon-Fri 9-17", "Funday 09:00-17:00", "Mon 17:00-09:00", "Mon 09:00-25:00", "", 9])
def test_bad_hours_are_refused_with_what_is_wrong(bad):
    with pytest.raises(ValueError):
        parse_hours(bad)


@pytest.mark.parametrize("desk,problem", [
    ('office_hours = ["Mon-Fri 9-5"]', "desk.office_hours: 'Mon-Fri 9-5' is not days and hours"),
    ('office_hours = "Mon-Fri 09:00-17:00"', "desk.office_hours: must be a list"),
    ("after_hours = 5550100", "desk.after_hours: must be a str"),
    ('callback = { urgent = "soon" }', "desk.callback.urgent: 'soon' is not a time"),
    ('callback = { sometime = "1h" }', "desk.callback.sometime: 'sometime' is not one of"),
    ('phone = "1"', "desk.phone: unknown field"),
])
def test_the_checker_refuses_a_bad_desk_table_naming_its_line(tmp_path, desk, problem):
    path = _protocol(tmp_path, desk)
    with pytest.raises(ProtocolError) as err:
        parse(path)
    (line,) = err.value.problems
    number = len(path.read_text().splitlines())  # the table is the file's last lines
    assert problem in line and line.startswith(f"{path}:{number}:")


def test_a_protocol_without_a_desk_table_gives_no_hours(tmp_path):
    p = parse(_protocol(tmp_path, None))
    assert p.office == Office() and p.office.is_open(datetime(2026, 11, 22, 3, 0)) is None


def test_the_example_carries_the_desk_table():
    p = parse(SUNRISE)
    assert p.office.after_hours == "(555) 010-9999" and p.office.callback == {"urgent": 30, "routine": 1440}


def test_urgent_out_of_hours_sends_the_caller_to_urgent_care_or_the_after_hours_line(run, home):
    r = run("desk", "--protocol", str(SUNRISE), "--now", SUNDAY, stdin="ref: C-1\nthere is pus\n/end\n")
    assert ("The office is closed: tell the caller to go to urgent care now or call the after-hours line, "
            "(555) 010-9999.") in r.out
    assert "Transfer the caller" not in r.out


def test_urgent_in_hours_is_a_transfer_with_the_clinics_deadline(run, home):
    r = run("desk", "--protocol", str(SUNRISE), "--now", MONDAY, stdin="ref: C-1\nthere is pus\n/end\n")
    assert "book a same-day call back by 10:30 (within 30 minutes)" in r.out
    (rec,) = calllog.open_log(str(home / "calls.db")).calls()
    assert rec["due"] == "2026-11-23T10:30:00"
    assert "call back by Mon 10:30 — OVERDUE" in run("desk", "--open", "--now", "2026-11-23T11:00").out


def test_routine_out_of_hours_takes_a_message_for_when_the_office_opens(run, home):
    r = run("desk", "--protocol", str(SUNRISE), "--now", SUNDAY, stdin="she has a temperature of 100.6\n")
    assert "take a message for a call back when it opens (Mon 23 Nov 09:00)" in r.out
    assert "go to urgent care or call the after-hours line, (555) 010-9999" in r.out


def test_without_an_after_hours_line_closed_means_urgent_care(run, home, tmp_path):
    path = _protocol(tmp_path, 'office_hours = ["Mon-Fri 09:00-17:00"]')
    r = run("desk", "--protocol", str(path), "--now", SUNDAY, stdin="there is pus\n")
    assert "The office is closed: tell the caller to go to urgent care now." in r.out
    assert "book a same-day call back by 17:00 (within 1 hour)" not in r.out


def test_deadlines_default_from_the_staff_words_when_the_protocol_gives_none(run, home):
    r = run("desk", "--protocol", "rf", "--now", SUNDAY, stdin="there is pus\n")
    assert "book a same-day call back by 17:00 (within 1 hour)" in r.out  # rf has no hours: open
