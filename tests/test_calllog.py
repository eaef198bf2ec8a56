"""The call log in a database: the same behaviour on SQLite and PostgreSQL, owner-only, versioned, safe with
two writers and a killed one; import of the old JSON lines and export for the clinic's records."""
from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from assistant.safety import calllog, schema, transfer
from assistant.safety.calllog import LogError
from assistant.safety.sqlitedb import SQLite

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 22, 16, 0)
WRITER = """
import sys
sys.path.insert(0, {root!r})
from assistant.safety import calllog
log = calllog.open_log(sys.argv[1])
name, count = sys.argv[2], int(sys.argv[3])
i = 0
while count < 0 or i < count:  # a negative count writes until killed
    call_id = log.save({{"caller": name, "level": "urgent", "signs": ["pus"], "topics": [],
                        "time": "2026-11-22T10:00:00", "note": "x" * (i % 300)}}, [(1, "t", "pus")], i % 2 == 0)
    print(call_id, flush=True)  # acknowledged: committed before this line is printed
    i += 1
"""


def _writer(url: str, name: str, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER.format(root=str(ROOT)), url, name, str(count)],
                            stdout=subprocess.PIPE, text=True)


def _call(caller="C-1", days_ago=1.0, level="urgent", signs=("pus",), topics=(), **extra) -> dict:
    return {"time": calllog.iso(NOW - timedelta(days=days_ago)), "caller": caller, "level": level,
            "signs": list(signs), "topics": list(topics), **extra}


def _seed(log, *calls) -> list[int]:
    return [log.save(c, [], True) for c in calls]


def test_new_sqlite_log_is_owner_only_with_its_companions(tmp_path):
    path = tmp_path / "state" / "aftercare" / "calls.db"
    log = calllog.open_log(str(path))
    log.save(_call(), [(1, "t", "there is pus")], False)
    files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
    assert all(f.exists() for f in files)  # while a desk has the log open
    assert [stat.S_IMODE(f.stat().st_mode) for f in files] == [0o600] * 3
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    log.close()


def test_default_location_is_the_state_folder(tmp_path):
    assert calllog.default_path({"AFTERCARE_HOME": str(tmp_path)}) == tmp_path / "calls.db"
    assert calllog.default_path({"XDG_STATE_HOME": str(tmp_path)}) == tmp_path / "aftercare" / "calls.db"


def test_a_draft_keeps_its_lines_and_finishing_drops_them(log_url):
    log = calllog.open_log(log_url)
    call_id = log.save(_call(), [(1, "t", "ref: C-1"), (2, "t", "there is pus")], False)
    assert log.find(call_id)["status"] == "unfinished" and log.lines(call_id) == ["ref: C-1", "there is pus"]
    assert log.save(_call(level="emergency"), [(3, "t", "y 1")], False, call_id) == call_id
    assert log.lines(call_id)[-1] == "y 1" and log.find(call_id)["level"] == "emergency"
    assert [r["id"] for r in log.unfinished()] == [call_id]
    log.save(_call(level="emergency"), [], True, call_id)
    assert log.find(call_id)["status"] == "done" and log.lines(call_id) == [] and list(log.unfinished()) == []
    assert log.counts() == {"calls": 1, "open": 1, "unfinished": 0}
    log.close()


def test_a_full_disk_writes_nothing_of_the_failed_call_and_says_so(tmp_path, monkeypatch):
    path = tmp_path / "calls.db"
    log = calllog.open_log(str(path))
    kept = log.save(_call(caller="kept"), [], True)
    pages = log.db.run("PRAGMA page_count").fetchone()[0]
    log.db.run(f"PRAGMA max_page_count = {pages}")  # the file may not grow: SQLite reports a full disk
    with pytest.raises(LogError, match="the disk is full"):
        log.save(_call(caller="lost", note="x" * 200_000), [(1, "t", "y" * 100_000)], False)
    assert [r["caller"] for r in log.calls()] == ["kept"] and log.find(kept)["status"] == "done"
    log.close()


def test_a_file_that_is_not_a_database_is_one_line(tmp_path):
    bad = tmp_path / "calls.db"
    bad.write_bytes(b"this is a spreadsheet, not a database\n" * 100)
    with pytest.raises(LogError) as err:
        calllog.open_log(str(bad))
    assert "not a call-log database" in str(err.value) and "\n" not in str(err.value)


def test_schema_is_versioned_and_a_newer_log_is_refused(tmp_path):
    path = str(tmp_path / "calls.db")
    calllog.open_log(path).close()
    db = SQLite(path)
    assert db.run("SELECT value FROM meta").fetchone()[0] == str(schema.LATEST)
    step = ["CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"]
    assert schema.migrate(db, schema.STEPS + [step]) == schema.LATEST  # the next step runs once
    assert schema.migrate(db, schema.STEPS + [step]) == schema.LATEST + 1 and db.has_table("notes")
    db.close()
    with pytest.raises(LogError, match="newer aftercare"):
        calllog.open_log(path)


def test_a_foreign_calls_table_is_not_taken_over(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE calls (x)")
    with pytest.raises(LogError, match="did not make"):
        calllog.open_log(str(path))


@pytest.mark.parametrize("earlier,about,expected", [
    ([_call(days_ago=3), _call(days_ago=1)], ["pus"], ("pus", 3)),
    ([_call(days_ago=13.9), _call(days_ago=1), _call(days_ago=0.5)], ["pus", "fever"], ("pus", 4)),
    ([_call(signs=("fever",)), _call(signs=("pus", "fever"))], ["pus", "fever"], ("fever", 3)),
    ([_call(signs=(), topics=("redness",)), _call(signs=(), topics=("redness",))], ["redness"], ("redness", 3)),
    ([_call(days_ago=1)], ["pus"], None),                                        # second call only
    ([_call(days_ago=15), _call(days_ago=1)], ["pus"], None),                    # first is too old
    ([_call(caller="C-2"), _call(caller="C-2")], ["pus"], None),                 # someone else
    ([_call(signs=("fever",)), _call(signs=("fever",))], ["pus"], None),        # another complaint
])
def test_third_contact_about_one_complaint_in_14_days(log_url, earlier, about, expected):
    log = calllog.open_log(log_url)
    _seed(log, *earlier)
    found = log.repeat("C-1", about, NOW)
    assert (found and (found.about, found.contacts)) == (expected or None)
    log.close()


def test_repeat_leaves_out_the_call_in_progress_and_needs_a_ref(log_url):
    log = calllog.open_log(log_url)
    ids = _seed(log, _call(days_ago=2), _call(days_ago=1), _call(days_ago=0))
    assert log.repeat("C-1", ["pus"], NOW, exclude=ids[-1]).contacts == 3
    assert log.repeat("", ["pus"], NOW) is None and log.repeat("C-1", [], NOW) is None
    log.close()


def test_resolving_closes_a_callers_open_calls_up_to_now(log_url):
    log = calllog.open_log(log_url)
    ids = _seed(log, _call("C-1", 2), _call("C-2", 2, "emergency"), _call("C-3", 2), _call("C-4", 1, "routine"),
                _call("C-5", -1))  # C-5's call is after the resolution below
    assert log.resolve(NOW - timedelta(days=1), "Ann", "seen", caller="C-2") == 1
    assert log.resolve(NOW, "Ann", "", call_id=ids[2]) == 1
    assert log.resolve(NOW, "Ann", "", caller="C-5") == 0
    assert [r["caller"] for r in log.open_calls()] == ["C-1", "C-5"]
    assert log.find(ids[1])["note"] == "seen" and log.counts()["open"] == 2
    log.close()


def test_counts_per_day_and_level(log_url):
    log = calllog.open_log(log_url)
    _seed(log, _call("C-1", 0.1, "urgent"), _call("C-2", 0.2, "none"), _call("C-3", 0.3, "none"),
          _call("C-4", 1, "emergency"), _call("C-5", 30, "routine"))
    assert log.per_day(NOW - timedelta(days=13), NOW) == {("2026-11-21", "emergency"): 1, ("2026-11-22", "urgent"): 1,
                                                          ("2026-11-22", "none"): 2}
    assert log.counts()["calls"] == 5
    log.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_concurrent_writers_lose_nothing(request, tmp_path, backend):
    url = str(tmp_path / "calls.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    calllog.open_log(url).close()
    writers = [_writer(url, name, 200) for name in ("A", "B")]
    acked = [w.communicate(timeout=120)[0].split() for w in writers]
    assert [w.returncode for w in writers] == [0, 0]
    log = calllog.open_log(url)
    calls = list(log.calls())
    assert len(calls) == 400 and {str(c["id"]) for c in calls} == set(acked[0] + acked[1])
    assert log.counts()["unfinished"] == 200 and log.repeat("A", ["pus"], NOW).contacts == 201
    log.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_killed_writer_keeps_every_acknowledged_call(request, tmp_path, backend):
    url = str(tmp_path / "calls.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    calllog.open_log(url).close()
    writer = _writer(url, "K", -1)
    acked = []
    while len(acked) < 150:
        acked.append(writer.stdout.readline().strip())
    os.kill(writer.pid, signal.SIGKILL)
    acked += writer.stdout.read().split()
    writer.stdout.close()
    writer.wait(timeout=30)
    log = calllog.open_log(url)
    ids = {str(c["id"]) for c in log.calls()}
    assert set(acked) <= ids and len(ids) - len(acked) <= 1  # at most the one committed as it died
    log.save(_call(caller="after"), [], True)  # and the log takes writes again
    log.close()


def _jsonl(path: Path, *lines) -> Path:
    path.write_bytes(b"".join((json.dumps(x).encode() if isinstance(x, dict) else x) + b"\n" for x in lines))
    return path


def test_import_reads_the_old_log_reports_bad_lines_and_adds_nothing_twice(tmp_path):
    old = [dict(_call("C-1", 2), kind="call", protocol="rf", answers={"fever": False}), _call("C-2", 1) | {"kind": "call"},
           {"kind": "resolved", "time": calllog.iso(NOW - timedelta(hours=12)), "caller": "C-1", "note": "seen"}]
    path = _jsonl(tmp_path / "calls.jsonl", old[0], b"this is not json", old[1], b"\xff\xfe",
                  {"kind": "memo", "time": "2026-11-22T10:00"}, old[2],
                  dict(_call("C-3"), signs="pus", level="weird", elapsed_hours="x", kind="call"), old[1])
    with open(path, "ab") as f:
        f.write(b'{"kind": "call", "ti')  # a writer died mid-record
    log = calllog.open_log(str(tmp_path / "calls.db"))
    report = transfer.import_jsonl(log, path)
    assert (report.added, report.resolutions) == (4, 1)
    assert [n for n, _ in report.problems] == [2, 4, 5, 9] and "torn" in report.problems[-1][1]
    calls = list(log.calls())
    assert [c["caller"] for c in calls] == ["C-1", "C-2", "C-3", "C-2"]
    assert calls[0]["answers"] == {"fever": False} and calls[0]["resolved"] and calls[0]["note"] == "seen"
    assert calls[2]["signs"] == [] and calls[2]["level"] == "none" and calls[2]["elapsed_hours"] is None
    assert [c["caller"] for c in log.open_calls()] == ["C-2", "C-2"]
    again = transfer.import_jsonl(log, path)
    assert (again.added, again.known) == (0, 4) and len(list(log.calls())) == 4
    log.close()


def test_export_then_import_gives_the_same_calls_and_csv_is_safe(tmp_path, log_url):
    log = calllog.open_log(log_url)
    _seed(log, _call("C-1"), _call("=HYPERLINK(\"x\")", note="line\x1b[2J", signs=("pus", "fever")))
    log.save(_call("C-3"), [(1, "t", "she has pus")], False)
    out = io.StringIO()
    assert transfer.export(log, out, "jsonl") == 3
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert records[2]["said"] == ["she has pus"] and records[0]["said"] == [] and "\x1b" not in out.getvalue()
    copy = calllog.open_log(str(tmp_path / "copy.db"))
    assert transfer.import_jsonl(copy, _jsonl(tmp_path / "e.jsonl", *records)).added == 3
    strip = lambda c: {k: v for k, v in c.items() if k not in ("id", "updated", "desk", "status", "ended")}
    assert [strip(c) for c in copy.calls()] == [strip(c) for c in log.calls()][:2] + [strip(list(log.calls())[2])]
    csv = io.StringIO()
    transfer.export(log, csv, "csv")
    text = csv.getvalue()
    assert "'=HYPERLINK" in text and "\x1b" not in text and "line\\x1b[2J" in text
    log.close()
    copy.close()


def test_hand_edited_values_of_the_wrong_type_read_as_empty(tmp_path):
    path = str(tmp_path / "calls.db")
    log = calllog.open_log(path)
    call_id = log.save(_call(), [], True)
    log.db.run("UPDATE calls SET signs = '\"pus\"', answers = 'not json', level = 'weird' WHERE id = ?", (call_id,))
    count, last = log.history("C-1")
    assert count == 1 and last["signs"] == [] and last["answers"] == {} and last["level"] == "weird"
    log.close()


def test_an_unreachable_server_is_one_line():
    with pytest.raises(LogError) as err:
        calllog.open_log("postgresql://nobody@/x?host=/nonexistent-folder&port=1")
    assert ("cannot reach the server" in str(err.value) or "psycopg" in str(err.value)) and "\n" not in str(err.value)


def test_writer_timing_is_reasonable(tmp_path):
    log = calllog.open_log(str(tmp_path / "calls.db"))
    t0 = time.perf_counter()
    call_id = None
    for n in range(1, 201):
        call_id = log.save(_call(), [(n, "t", "pus")], False, call_id)
    assert (time.perf_counter() - t0) / 200 < 0.02  # a draft line costs no fsync
    log.close()
