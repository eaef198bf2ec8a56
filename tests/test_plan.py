"""`plan`, `plan --ics`, `today`: the patient's dated timeline and today's checklist."""
from __future__ import annotations

import stat
from datetime import datetime, timedelta

import icalendar

from assistant.clinic import protocol
from assistant.clinic.ruling import rule_on
from assistant.clinic.schedule import milestones


def test_plan_lists_milestones_in_time_order(run):
    r = run("plan", "--protocol", "alexander", "--treated", "2026-11-20T10:00")
    assert r.code == 0
    assert "Sat 21 Nov 10:00  OK again: makeup, sunscreen" in r.out
    assert r.out.index("Sat 21 Nov 10:00") < r.out.index("Sun 22 Nov 10:00  OK again: swimming")
    assert "Mon 30 Nov 10:00  OK again: sun exposure" in r.out


def test_plan_before_treatment_shows_what_to_stop_when(run):
    r = run("plan", "--protocol", "pre-post", "--treated", "2026-11-20T10:00", now=datetime(2026, 11, 1))
    assert "Wed 20 May 10:00  Stop before treatment: isotretinoin" in r.out
    assert "Tue 17 Nov 10:00  Stop before treatment: waxing" in r.out


def test_plan_needs_a_treatment_time(run):
    r = run("plan")
    assert r.code == 2 and "plan needs your treatment time" in r.err


def test_ics_parses_and_each_ok_again_event_is_when_ask_first_says_yes(run, tmp_path):
    path = tmp_path / "plan.ics"
    r = run("plan", "--protocol", "alexander", "--treated", "2026-11-20T10:00", "--ics", str(path))
    assert r.code == 0 and stat.S_IMODE(path.stat().st_mode) == 0o600
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    p = protocol.load("alexander")
    treated = datetime(2026, 11, 20, 10, 0)
    items, _ = milestones(p, treated)
    assert len(list(cal.walk("VEVENT"))) == len([m for m in items if not (m.kind == "start" and m.at == treated)])
    for e in cal.walk("VEVENT"):
        summary = str(e.get("summary"))
        if summary.startswith("OK again: "):
            at = e.decoded("dtstart")
            assert "exercise" not in summary or at == treated + timedelta(hours=72), summary
            assert rule_on(p, "makeup" if "makeup" in summary else "swimming", treated, at).allowed in (True, None)
    assert all(e.walk("VALARM") for e in cal.walk("VEVENT"))


def test_plan_and_ask_agree_on_exercise_and_the_skin_care_routine(run):
    """The contradictions that started the one-window rule: each topic opens once, when ask says so."""
    out = run("plan", "--protocol", "alexander", "--treated", "2026-11-20T10:00").out
    assert "Sun 22 Nov 10:00  OK again: swimming" in out and "exercise" not in out.split("Mon 23 Nov")[0]
    out = run("plan", "--protocol", "pre-post", "--treated", "2026-11-20T10:00").out
    assert out.count("skin care routine") == 1


def test_today_checklist_for_the_day_after(run):
    r = run("today", "--protocol", "alexander", "--treated", "2026-11-20T10:00", now=datetime(2026, 11, 21, 9, 0))
    assert r.out.startswith("Today, Saturday 21 November — day 1 after treatment")
    avoid = r.out.split("Avoid:")[1].split("\n\n")[0]
    assert "No makeup for 24 hours after treatment. (until Sat 21 Nov 10:00)" in avoid
    assert "Normal today:" in r.out and "Slight redness" in r.out
    assert "Call 911 if:" in r.out and "Any pus" in r.out
