"""What the desk does with bad input and a failing log: one clear line, the call kept on screen, never a
traceback; and nothing from callers, logs or protocols ever drives the terminal."""
from __future__ import annotations

import io
import json
import shutil
import sqlite3
import time
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core.context import Env
from assistant.core.text import shown
from assistant.interfaces.desk import Desk
from assistant.safety import calllog, sqlitedb

NOW = "2026-11-22T16:00"
SUNRISE = Path(__file__).resolve().parents[1] / "docs" / "example" / "sources" / ".." / "sunrise.toml"
RAW = ("\x1b", "\x07", "\x9b", "\x90", "\x08", "\r", "\u202e")


def test_shown_escapes_controls_and_escape_sequences_and_nothing_else():
    assert shown("C-1\x1b[2J\x1b]0;owned\x07") == "C-1\\x1b[2J\\x1b]0;owned\\x07"
    assert shown("\x9b31m\x85 \u202eevil") == "\\x9b31m\\x85 \\u202eevil"
    assert shown("a\r\nb\tc") == "a\\r\\nb\\tc" and shown("a\nb\x1b", lines=True) == "a\nb\\x1b"
    assert shown("C:\\clinic") == "C:\\clinic" and shown("C:\\clinic\x07") == "C:\\\\clinic\\x07"
    assert shown("39 °C, “yes”, café") == "39 °C, “yes”, café" and shown(None) == ""


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_nothing_shown_can_drive_a_terminal(text):
    out = shown(text, lines=True)
    assert not any(c in out for c in RAW) and all(ord(c) >= 0x20 or c == "\n" for c in out)


def _protocol_with(tmp_path: Path, emergency: str, after_hours: str) -> Path:
    """The worked example with an emergency number and after-hours line holding escape sequences."""
    shutil.copytree(SUNRISE.parent / "sources", tmp_path / "sources")
    text = SUNRISE.read_text(encoding="utf-8").replace('emergency = "911"', f"emergency = {json.dumps(emergency)}")
    text = text.replace('after_hours = "(555) 010-9999"', f"after_hours = {json.dumps(after_hours)}")
    (tmp_path / "clinic.toml").write_text(text, encoding="utf-8")
    return tmp_path / "clinic.toml"


def test_caller_text_refs_staff_and_protocol_fields_print_escaped(run, home, tmp_path):
    path = _protocol_with(tmp_path, emergency="9\x1b[31m11", after_hours="\x1b]0;pwned\x07 555")
    stdin = (f"ref: C-1\x1b[2J\nstaff: Ann\x9b\nprotocol: {path}\nher throat\x1b[8m feels tight\n/end\n"
             "ref: C-2\nthere is pus\n/end\n")
    r = run("desk", "--now", NOW, stdin=stdin)
    assert r.code == 0, r.err
    out = r.out + r.err + run("desk", "--log", "--now", NOW).out + run("desk", "--open", "--now", NOW).out
    assert not any(c in out for c in RAW)
    assert "C-1\\x1b[2J" in out and "Ann\\x9b" in out
    assert "emergency: must be a string without control characters" in out  # the checker refuses it first


def test_log_fields_written_by_anything_else_print_escaped(run, home):
    log = calllog.open_log(str(home / "calls.db"))
    log.save({"time": NOW + ":00", "caller": "X\x1b[2J", "level": "urgent", "signs": ["pus\x07"], "topics": [],
              "raised": "\x9bboom"}, [(1, "t", "said \x1b[5m")], False)
    log.close()
    out = "".join(run("desk", *a, "--now", NOW).out for a in (["--log"], ["--open"], []))
    assert not any(c in out for c in RAW) and "X\\x1b[2J" in out and "said \\x1b[5m" in out


def _full_disk(monkeypatch, home):
    """Open the log once, then let it grow no further: SQLite reports the disk full from then on."""
    calllog.open_log(str(home / "calls.db")).close()
    original = sqlitedb.SQLite.__init__

    def capped(self, *args, **kwargs):
        original(self, *args, **kwargs)
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        self.conn.execute(f"PRAGMA max_page_count = {pages}")
    monkeypatch.setattr(sqlitedb.SQLite, "__init__", capped)


def test_a_full_disk_keeps_the_call_on_screen_and_never_says_logged(run, home, monkeypatch):
    _full_disk(monkeypatch, home)
    ref = "C-" + "1" * 20_000  # too long for what is left: even the finished record cannot be written
    r = run("desk", "--now", NOW, "--protocol", "rf", stdin=f"ref: {ref}\n" + "there is pus " * 2000 + "\n/end\n")
    assert r.code == 0 and "Traceback" not in r.err
    assert "NOT SAVED: call log" in r.err and "the disk is full" in r.err and "the next line tries again" in r.err
    assert "NOT LOGGED" in r.err and "type /end to try again" in r.err and "Logged call" not in r.out
    assert " URGENT " in r.out  # the call is still on screen
    monkeypatch.undo()
    assert list(calllog.open_log(str(home / "calls.db")).calls()) == []


def test_quit_with_a_call_that_cannot_be_logged_asks_again_and_prints_the_record(run, home, monkeypatch):
    _full_disk(monkeypatch, home)
    r = run("desk", "--now", NOW, stdin="ref: C-" + "1" * 20_000 + "\n" + "there is pus " * 2000
            + "\n/quit\n/quit\nref: C-2\n")
    assert "Type /quit again to leave without logging it." in r.err
    assert 'The call as it stands: {"caller": "C-111' in r.err and "Caller C-2" not in r.out


def test_a_read_only_log_is_one_line_per_attempt(run, home, monkeypatch):
    calllog.open_log(str(home / "calls.db")).close()
    connect = sqlite3.connect
    monkeypatch.setattr(sqlitedb.sqlite3, "connect",
                        lambda path, **kw: connect(f"file:{path}?mode=ro", uri=True, **kw))
    r = run("desk", "--now", NOW, stdin="ref: C-1\nthere is pus\n/end\n")
    assert "it is read-only" in r.err and "Traceback" not in r.err and " URGENT " in r.out


@pytest.mark.parametrize("content,needle", [
    (b"not a database at all\n" * 50, "not a call-log database"),
    (None, "newer aftercare"),
])
def test_a_log_that_cannot_be_used_stops_the_desk_in_one_line(run, home, content, needle):
    home.mkdir(parents=True, exist_ok=True)
    if content is None:
        calllog.open_log(str(home / "calls.db")).db.run("UPDATE meta SET value = '99'")
    else:
        (home / "calls.db").write_bytes(content)
    for argv in (["desk"], ["desk", "--log"], ["desk", "export"]):
        r = run(*argv, "--now", NOW, stdin="there is pus\n")
        assert r.code == 2 and needle in r.err and len(r.err.strip().splitlines()) == 1 and r.out == ""


def test_an_unreachable_postgresql_stops_the_desk_in_one_line(run):
    r = run("desk", "--db", "postgresql://desk:secret@/x?host=/nonexistent&port=1", "--now", NOW)
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1 and "secret" not in r.err
    assert "cannot reach the server" in r.err or "psycopg" in r.err


def test_postgresql_going_away_mid_call_keeps_the_call_and_catches_up(pg_url):
    import psycopg
    out, err = io.StringIO(), io.StringIO()
    env = Env(stdin=io.StringIO(), stdout=out, stderr=err, environ={}, clock=lambda: None)
    desk = Desk(calllog.open_log(pg_url), lambda: datetime(2026, 11, 22, 16), env, False, "Ann", "rf")
    desk.handle("there is pus")  # no ref: the next line's first use of the log is saving it
    others = "FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()"
    with psycopg.connect(pg_url, autocommit=True) as admin:  # the server drops the desk's connection
        admin.execute(f"SELECT pg_terminate_backend(pid) {others}")
        while admin.execute(f"SELECT COUNT(*) {others}").fetchone()[0]:
            time.sleep(0.01)
    desk.handle("she has a fever of 103")
    assert "NOT SAVED: call log" in err.getvalue() and "cannot reach the server" in err.getvalue()
    assert out.getvalue().count(" URGENT ") == 2
    desk.handle("n 1")  # connects again and saves everything said so far
    desk.end()
    (rec,) = desk.log.calls()
    assert rec["status"] == "done" and rec["signs"] == ["pus", "fever"] and "Logged call" in out.getvalue()
    desk.log.close()


@pytest.mark.slow
def test_a_10000_line_call_costs_linear_time(run, home):
    def seconds(lines: int) -> float:
        t0 = time.perf_counter()
        r = run("desk", "--now", NOW, "--protocol", "rf", stdin="ref: C-1\n" + "her face is red\n" * lines + "/end\n")
        assert "Logged call" in r.out
        return time.perf_counter() - t0
    small, big = seconds(1000), seconds(10_000)
    assert big / small < 10 * 2  # linear, with room for a busy machine; quadratic would be 100
