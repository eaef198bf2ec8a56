"""`aftercare remind`: each moment told once, the check-in nudged once a day, the desktop told where it can be."""
from __future__ import annotations

import os
import stat
from datetime import datetime

import pytest

ARGS = ("remind", "--protocol", "alexander", "--treated", "2026-11-20T10:00")


def _remind(run, at: str, *extra):
    return run(*ARGS, *extra, now=datetime.fromisoformat(at))


def test_each_moment_is_told_once_and_nothing_due_prints_nothing(run, home):
    assert _remind(run, "2026-11-20T12:00").out == ""  # the treatment day's basics are no news
    assert _remind(run, "2026-11-21T09:00").out.startswith("Sat 21 Nov 09:00  Day 1 check-in")
    out = _remind(run, "2026-11-21T11:00").out
    assert out == "Sat 21 Nov 10:00  You may again: makeup, sunscreen\n"
    assert _remind(run, "2026-11-21T12:00").out == ""
    out = _remind(run, "2026-11-23T11:00").out.splitlines()
    assert out[0] == "Sun 22 Nov 10:00  You may again: swimming" and "Day 3 check-in" in out[-1]
    assert stat.S_IMODE((home / "reminded").stat().st_mode) == 0o600


def test_a_first_run_looks_back_one_day_only(run):
    out = _remind(run, "2026-11-30T11:00").out
    assert "sun exposure" in out and "makeup" not in out


def test_an_answered_check_in_is_not_nudged(run, home):
    assert run("setup", "--protocol", "alexander", "--treated", "2026-11-20T10:00").code == 0
    (home / "profile.json").write_text((home / "profile.json").read_text().replace(
        '"last_checkin": null', '"last_checkin": "2026-11-22"'))
    assert "check-in" not in run("remind", now=datetime(2026, 11, 22, 8, 0)).out


def test_before_treatment_it_tells_what_to_stop(run):
    out = run("remind", "--protocol", "pre-post", "--treated", "2026-11-27T10:00",
              now=datetime(2026, 11, 25, 11, 0)).out
    assert "Wed 25 Nov 10:00  For 48 hours before your appointment avoid retinols" in out


@pytest.fixture
def notify_send(tmp_path):
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "notify-send"
    script.write_text(f"#!/bin/sh\nprintf '%s|' \"$@\" > {tmp_path}/shown\n")
    script.chmod(0o755)
    return folder


def test_the_desktop_is_notified_where_it_can_be_and_silently_not_where_not(run, notify_send, tmp_path, monkeypatch):
    from assistant.interfaces import notice
    env = {"PATH": str(notify_send), "DISPLAY": ":0"}
    assert notice.notify("Aftercare", "You may again: makeup", env)
    assert (tmp_path / "shown").read_text() == "--app-name=aftercare|Aftercare|You may again: makeup|"
    os.unlink(tmp_path / "shown")
    assert not notice.notify("Aftercare", "x", {"PATH": str(notify_send)})  # no desktop session: cron, ssh
    assert not notice.notify("Aftercare", "x", {"PATH": str(tmp_path / "nowhere"), "DISPLAY": ":0"})
    assert not (tmp_path / "shown").exists()
