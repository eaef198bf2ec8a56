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
    assert any(str(e.get("summary")).startswith("You may again: makeup") for e in cal.walk("VEVENT"))
    for e in cal.walk("VEVENT"):
        summary = str(e.get("summary"))
        if summary.startswith("You may again: "):
            at = e.decoded("dtstart").astimezone().replace(tzinfo=None)  # written in the machine's zone
            assert "exercise" not in summary or at == treated + timedelta(hours=72), summary
            assert rule_on(p, "makeup" if "makeup" in summary else "swimming", treated, at).allowed in (True, None)
    now = datetime(2026, 11, 21, 16, 0)
    reminded = [e.decoded("dtstart") for e in cal.walk("VEVENT") if e.walk("VALARM")]
    ahead = {e.decoded("dtstart") for e in cal.walk("VEVENT")
             if e.decoded("dtstart").astimezone().replace(tzinfo=None) > now}
    assert sorted(reminded) == sorted(ahead)  # one reminder per moment still ahead, none for the past


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
    assert "makeup or sunscreen should not be applied for 24 hours. (until Sat 21 Nov 10:00)" in avoid
    assert "Normal today:" in r.out and "Slight redness" in r.out
    assert "Call 911 if you have: trouble breathing;" in r.out and "pus or cloudy drainage;" in r.out
    assert "Any pus" not in r.out and "If you have a thermometer" not in r.out  # the patient's words, not the desk's


def test_today_after_treatment_is_short_without_getting_ready_or_repeats(run):
    r = run("today", "--protocol", "pre-post", "--treated", "2026-11-20T10:00", now=datetime(2026, 11, 21, 16, 0))
    assert len(r.out.splitlines()) <= 26
    # shaving is off for the whole day of the procedure, so on day 1 it is back (and said once)
    assert "You should not be treated" not in r.out and r.out.count("shaving") == 1
    assert "Since Sat 21 Nov 00:00 you may again: shaving." in r.out
    lines = [line for line in r.out.splitlines() if line.startswith("  - ")]
    assert len(lines) == len(set(lines))
    assert r.out.count("intense cardio") == 1  # heat and exercise rest on one sentence: said once
    assert "a fever of 100.4 °F or more" in r.out


def test_plan_after_treatment_leaves_out_getting_ready(run):
    out = run("plan", "--protocol", "pre-post", "--treated", "2026-11-20T10:00").out
    assert "Stop before treatment" not in out and "✓ Fri 20 Nov 10:00  Treatment" in out
    assert "✓ Sat 21 Nov 00:00  OK again: shaving" in out  # off for the whole day of the procedure


def test_an_output_path_that_cannot_be_written_is_one_line_and_exit_2(run, tmp_path):
    missing = tmp_path / "nope" / "dir"
    r = run("plan", "--protocol", "alexander", "--treated", "2026-11-20T10:00", "--ics", str(missing / "x.ics"))
    assert r.code == 2 and r.out == "" and len(r.err.strip().splitlines()) == 1 and "no such folder" in r.err
    assert not (tmp_path / "nope").exists()  # no folder made that nobody asked for
    r = run("ask", "makeup?", "--speak-to", str(missing / "x.wav"))
    assert r.code == 2 and "--speak-to" in r.err and not (tmp_path / "nope").exists()
    r = run("plan", "--protocol", "alexander", "--treated", "2026-11-20T10:00", "--ics", str(tmp_path))
    assert r.code == 2 and "is a folder" in r.err


def test_ics_leaves_its_folder_as_it_was(run, tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    assert run("plan", "--protocol", "alexander", "--treated", "2026-11-20T10:00", "--ics", str(folder / "p.ics")).code == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755 and stat.S_IMODE((folder / "p.ics").stat().st_mode) == 0o600
