"""`plan`, `plan --ics`, `today`: the patient's dated timeline and today's checklist."""
from __future__ import annotations

import stat
from datetime import datetime

import icalendar

from assistant.clinic import protocol
from assistant.clinic.schedule import milestones
from assistant.interfaces.plan import _labels


def test_plan_lists_milestones_in_time_order(run):
    r = run("plan", "--protocol", "alexander", "--treated", "2026-11-20T10:00")
    assert r.code == 0
    assert "Sat 21 Nov 10:00  OK again: makeup, sunscreen" in r.out
    assert r.out.index("Sat 21 Nov 10:00") < r.out.index("Sun 22 Nov 10:00  OK again: swimming")
    assert "Mon 30 Nov 10:00  OK again: sun exposure" in r.out


def test_plan_before_treatment_shows_what_to_stop_when(run):
    r = run("plan", "--protocol", "pre-post", "--treated", "2026-11-20T10:00", now=datetime(2026, 11, 1))
    assert "Wed 20 May 10:00  Before treatment: Stop isotretinoin" in r.out
    assert "Tue 17 Nov 10:00  Before treatment: No waxing" in r.out


def test_plan_needs_a_treatment_time(run):
    r = run("plan")
    assert r.code == 2 and "plan needs your treatment time" in r.err


def test_ics_parses_and_each_event_is_at_its_window_end(run, tmp_path):
    path = tmp_path / "plan.ics"
    r = run("plan", "--protocol", "alexander", "--treated", "2026-11-20T10:00", "--ics", str(path))
    assert r.code == 0 and stat.S_IMODE(path.stat().st_mode) == 0o600
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = {e.get("summary"): e for e in cal.walk("VEVENT")}
    p = protocol.load("alexander")
    treated = datetime(2026, 11, 20, 10, 0)
    items, _ = milestones(p, treated, _labels())
    assert len(events) == len(items)
    for rule in p.rules:
        if rule.verdict == "avoid" and rule.window.end is not None:
            due = rule.window.end.resolve(treated)
            matching = [e for e in cal.walk("VEVENT") if e.decoded("dtstart") == due
                        and str(e.get("summary")).startswith("OK again")]
            assert matching, (rule.topic, due)
    assert all(e.walk("VALARM") for e in cal.walk("VEVENT"))


def test_today_checklist_for_the_day_after(run):
    r = run("today", "--protocol", "alexander", "--treated", "2026-11-20T10:00", now=datetime(2026, 11, 21, 9, 0))
    assert r.out.startswith("Today, Saturday 21 November — day 1 after treatment")
    avoid = r.out.split("Avoid:")[1].split("\n\n")[0]
    assert "No makeup for 24 hours after treatment. (until Sat 21 Nov 10:00)" in avoid
    assert "Normal today:" in r.out and "Slight redness" in r.out
    assert "Call 911 if:" in r.out and "Any pus" in r.out
