"""The saved profile: setup, atomic owner-only writes, damaged files, and dates that need a second look."""
from __future__ import annotations

import json
import os
import stat

import pytest

from assistant.core import profile, storage


def test_setup_saves_owner_only_and_later_commands_use_it(run, home):
    r = run("setup", "--protocol", "pre-post", "--treated", "2026-11-20T10:00")
    assert r.code == 0 and "Saved: pre-post" in r.out
    file = home / "profile.json"
    assert stat.S_IMODE(file.stat().st_mode) == 0o600 and stat.S_IMODE(home.stat().st_mode) == 0o700
    out = json.loads(run("ask", "advil?", "--json").out)
    assert out["protocol"] == "pre-post" and out["elapsed_hours"] == 30.0
    assert out["answers"][0]["allowed"] is False


def test_profile_survives_a_crash_mid_write(home, monkeypatch):
    profile.save(profile.Profile("alexander", "2026-11-20T10:00"), {"AFTERCARE_HOME": str(home)})

    def crash(*args, **kwargs):
        raise OSError(5, "power cut")
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(storage.StorageError, match="power cut"):
        profile.save(profile.Profile("rf", "2026-11-21T10:00"), {"AFTERCARE_HOME": str(home)})
    assert profile.load({"AFTERCARE_HOME": str(home)}).protocol == "alexander"
    assert sorted(p.name for p in home.iterdir()) == ["profile.json"]  # the new file went with the failure


@pytest.mark.parametrize("garbage", ["{not json", '{"protocol": 3}', '{"protocol": "rf", "treated": "soon"}', "\xff"])
def test_damaged_profile_gets_one_clear_line_and_a_way_out(run, home, garbage):
    home.mkdir(parents=True, exist_ok=True)
    (home / "profile.json").write_text(garbage, errors="surrogateescape")
    r = run("ask", "makeup?")
    assert r.code == 2 and "aftercare setup --reset" in r.err and "Traceback" not in r.err
    assert run("setup", "--reset").code == 0 and run("ask", "makeup?").code == 0


def test_a_date_more_than_a_year_back_is_questioned_not_used(run):
    r = run("setup", "--protocol", "rf", "--treated", "2025-06-01T10:00")
    assert r.code == 2 and "more than a year ago" in r.err
    r = run("setup", "--protocol", "rf", "--treated", "2024-01-01T10:00")  # past the boundary: not even asked
    assert r.code == 2 and "more than 2 years away" in r.err


def test_a_future_date_is_saved_as_an_upcoming_appointment(run):
    r = run("setup", "--protocol", "rf", "--treated", "2026-11-25T10:00")
    assert r.code == 0 and "upcoming appointment" in r.out


def test_setup_without_a_terminal_says_what_it_needs(run):
    r = run("setup", "--protocol", "rf")
    assert r.code == 2 and "--treated" in r.err


def test_storage_append_is_owner_only(tmp_path):
    log = tmp_path / "logs" / "x.jsonl"
    storage.append_line(log, '{"a": 1}')
    assert stat.S_IMODE(log.stat().st_mode) == 0o600 and log.read_text() == '{"a": 1}\n'


@pytest.mark.parametrize("command", ["setup", "desk", "ask", "today"])
def test_an_unreadable_now_is_one_line_and_exit_2_everywhere(run, command):
    argv = {"setup": ["--protocol", "rf", "--treated", "yesterday"], "ask": ["makeup?"],
            "today": ["--treated", "yesterday"], "desk": []}[command]
    r = run(command, *argv, "--now", "garbage")
    assert r.code == 2 and "--now:" in r.err and "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1


@pytest.mark.parametrize("body", ['"rf"', '["rf"]', "3", "null", "[" * 100_000 + "]" * 100_000,
                                  '{"protocol": "rf", "treated": 20261120}', '{"protocol": ["rf"]}',
                                  '{"protocol": "rf", "treated": "2026-11-20T10:00", "clinic_phone": 5}',
                                  '{"protocol": "rf", "last_checkin": "monday"}', '{"protocol": ""}',
                                  '{"protocol": "rf", "treated": "' + "9" * 5000 + '"}'])
def test_a_profile_of_the_wrong_shape_is_one_line(run, home, body):
    home.mkdir(parents=True, exist_ok=True)
    (home / "profile.json").write_text(body)
    r = run("ask", "makeup?")
    assert r.code == 2 and r.out == "" and len(r.err.splitlines()) == 1 and "setup --reset" in r.err


def test_a_profile_with_a_time_zone_is_read_as_local_time(run, home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "profile.json").write_text('{"protocol": "rf", "treated": "2026-11-20T10:00+00:00", "extra": 1}')
    saved = profile.load({"AFTERCARE_HOME": str(home)})
    assert saved.treated_at.tzinfo is None
    assert run("ask", "makeup?", "--json").code == 0


@pytest.mark.parametrize("kind", ["fifo", "folder", "big"])
def test_a_profile_that_is_no_small_file_is_one_line_without_hanging(run, home, kind):
    home.mkdir(parents=True, exist_ok=True)
    target = home / "profile.json"
    {"fifo": lambda: os.mkfifo(target), "folder": target.mkdir,
     "big": lambda: target.write_text('{"protocol": "rf", "x": "' + "y" * 100_000 + '"}')}[kind]()
    r = run("ask", "makeup?")
    assert r.code == 2 and len(r.err.splitlines()) == 1 and "damaged" in r.err


def test_a_read_only_home_is_one_line_for_setup_and_answers_still_come(run, home, tmp_path):
    import subprocess
    home.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        if subprocess.run(["mount", "--bind", "-o", "ro", str(home), str(home)], capture_output=True).returncode:
            pytest.skip("cannot bind-mount read-only here")
    else:
        home.chmod(0o500)
    try:
        r = run("setup", "--protocol", "rf", "--treated", "yesterday")
        assert r.code == 2 and r.out == "" and len(r.err.splitlines()) == 1
        assert "Read-only file system" in r.err or "Permission denied" in r.err
        assert run("ask", "makeup?", "--json").code == 0
        r = run("chat", "--protocol", "rf", stdin="makeup?\n")
        assert r.code == 0 and "makeup" in r.out.lower()
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", "-l", str(home)], check=True)
        else:
            home.chmod(0o700)


def test_every_field_saved_is_read_back(home):
    """What the chat keeps between days (the last check-in, what it last told) survives the typed reader."""
    env = {"AFTERCARE_HOME": str(home)}
    kept = profile.Profile("rf", "2026-11-20T10:00", "(555) 1", "2026-11-23", "2026-11-23T11:00")
    profile.save(kept, env)
    assert profile.load(env) == kept
