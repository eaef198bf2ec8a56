"""State nobody here wrote: the profile and the chat history are read by type, bad records are reported and
skipped, a FIFO or a read-only home is one line, and `forget` leaves nothing of the patient behind."""
from __future__ import annotations

import pytest

from attack.hostile import mounted, plant

PROFILES = ['"rf"', '["rf"]', "3", "null", "true", "[" * 50_000 + "]" * 50_000, '{"protocol": {"a": [1, {"b": 2}]}}',
            '{"protocol": "rf", "treated": 20261120}', '{"protocol": "rf", "treated": "2026-11-20T10:00+05:30"}',
            '{"protocol": "rf", "treated": "9999-12-31T00:00+14:00"}', '{"protocol": "rf", "treated": "soon"}',
            '{"protocol": "rf", "last_checkin": [2026, 11, 21]}', '{"protocol": "../../../../etc/passwd"}',
            '{"protocol": "rf", "clinic_phone": {"n": 1}}', '{"protocol": "rf\\u0000"}', "\xff\xfe", "",
            '{"protocol": "rf", "treated": "' + "9" * 5000 + '"}', '{"protocol": "' + "r" * 100_000 + '"}']


@pytest.mark.parametrize("body", PROFILES, ids=lambda b: b[:30])
def test_any_profile_answers_or_is_one_line(aftercare, home, body):
    folder = home / ".config" / "aftercare"
    folder.mkdir(parents=True)
    (folder / "profile.json").write_bytes(body.encode("utf-8", "surrogateescape"))
    for argv in (["ask", "makeup?", "--json"], ["today"], ["plan"], ["chat"]):
        aftercare(*argv, stdin="makeup?\n").clean()
    assert aftercare("setup", "--reset").clean().code == 0 and not (folder / "profile.json").exists()


@pytest.mark.parametrize("kind", ["fifo", "folder", "/dev/zero", "/dev/urandom"])
def test_a_profile_that_is_no_file_never_hangs(aftercare, home, kind):
    folder = home / ".config" / "aftercare"
    folder.mkdir(parents=True)
    plant(folder / "profile.json", kind)
    r = aftercare("ask", "makeup?").clean()
    assert r.code == 2 and "damaged" in r.err


def test_a_read_only_home_is_one_line_and_answers_still_come(aftercare, home):
    with mounted(home, "ro"):
        assert aftercare("setup", "--protocol", "rf", "--treated", "yesterday").clean().code == 2
        assert aftercare("ask", "makeup?", "--json").clean().code == 0
        r = aftercare("chat", "--protocol", "rf", stdin="makeup?\nthere is pus\n").clean()
        assert r.code == 0 and "CALL YOUR CLINIC" in r.out
        aftercare("forget").clean()


@pytest.mark.parametrize("damage", [b"\xff\xfe\x00garbage\n", b"+a line outside\n", b"\n# not a date\n+x\n",
                                    b"\n# 2026-11-21 16:00:00\n+" + b"y" * 5_000_000 + b"\n", b"\0" * 100_000])
def test_a_damaged_history_is_skipped_never_fatal(aftercare, home, damage):
    folder = home / ".local" / "state" / "aftercare"
    folder.mkdir(parents=True)
    (folder / "history").write_bytes(damage)
    assert aftercare("chat", "--protocol", "rf", stdin="makeup?\n").clean(codes=(0,)).out


def test_forget_leaves_nothing_of_the_patient(aftercare, home, tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg")}
    aftercare("setup", "--protocol", "rf", "--treated", "yesterday", env=env).clean(codes=(0,))
    aftercare("ask", "there is pus", env=env).clean(codes=(0,))
    aftercare("desk", stdin="ref: A-1\nthere is pus\n/end\n", env=env).clean(codes=(0,))
    state = home / ".local" / "state" / "aftercare"
    (state / "history").write_text("\n# 2026-11-21 16:00:00\n+there is pus\n")
    r = aftercare("forget", "--call-log", env=env).clean(codes=(0,))
    assert "Deleted" in r.out
    left = [p for p in home.rglob("*") if p.is_file()] + list((tmp_path / "xdg").rglob("*"))
    assert left == []


@pytest.mark.parametrize("kind", ["fifo", "folder", "/dev/zero", "garbage"])
def test_a_diary_or_reminder_stamp_that_is_no_file_never_hangs(aftercare, home, kind):
    state = home / ".local" / "state" / "aftercare"
    state.mkdir(parents=True)
    for name in ("diary.jsonl", "reminded"):
        if kind == "garbage":
            (state / name).write_bytes(b'{"at": 5}\n[[[\n2026-11-20T10:00+05:00\n\xff\n')
        else:
            plant(state / name, kind)
    for argv in (["diary"], ["remind", "--no-notify"], ["chat", "--protocol", "rf"]):
        aftercare(*argv, "--treated", "yesterday", stdin="all good\n").clean()
