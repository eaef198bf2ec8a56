"""The call log: owner-only, append-only, safe with two writers and a killed one, read tolerantly."""
from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from assistant.safety import calllog

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 22, 16, 0)
WRITER = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
from assistant.safety import calllog
path, name, count, pad = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
i = 0
while count < 0 or i < count:  # a negative count writes until killed
    calllog.append(path, {{"kind": "call", "time": "2026-11-22T16:00:00", "caller": name,
                           "seq": i, "pad": "x" * (pad + i % 97)}})
    i += 1
"""


def _writer(path: Path, name: str, count: int, pad: int = 300) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER.format(root=str(ROOT)), str(path), name,
                             str(count), str(pad)])


def _call(caller="C-1", days_ago=1.0, level="urgent", signs=("pus",), topics=(), **extra) -> dict:
    return {"kind": "call", "time": (NOW - timedelta(days=days_ago)).isoformat(timespec="seconds"),
            "caller": caller, "level": level, "signs": list(signs), "topics": list(topics), **extra}


def test_new_log_is_owner_only_file_in_owner_only_folder(tmp_path):
    path = tmp_path / "state" / "aftercare" / "calls.jsonl"
    calllog.append(path, _call())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert calllog.read(path).records == [_call()]


def test_default_location_is_the_state_folder(tmp_path):
    assert calllog.default_path({"AFTERCARE_HOME": str(tmp_path)}) == tmp_path / "calls.jsonl"
    assert calllog.default_path({"XDG_STATE_HOME": str(tmp_path)}) == tmp_path / "aftercare" / "calls.jsonl"


def test_two_concurrent_writers_lose_and_interleave_nothing(tmp_path):
    path = tmp_path / "calls.jsonl"
    writers = [_writer(path, name, 500, pad=5000) for name in ("A", "B")]  # records > PIPE_BUF
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    raw = path.read_bytes().split(b"\n")
    assert raw.pop() == b"" and len(raw) == 1000
    records = [json.loads(line) for line in raw]  # every line whole JSON: nothing interleaved
    callers = [r["caller"] for r in records]
    assert sum(a != b for a, b in zip(callers, callers[1:])) > 2  # the writers really overlapped
    for name in ("A", "B"):
        assert [r["seq"] for r in records if r["caller"] == name] == list(range(500))
    log = calllog.read(path)
    assert log.problems == [] and len(log.records) == 1000


def test_killed_writer_leaves_complete_lines_and_at_most_a_torn_tail(tmp_path):
    path = tmp_path / "calls.jsonl"
    writer = _writer(path, "K", -1, pad=20000)
    deadline = time.monotonic() + 60
    while (not path.exists() or path.stat().st_size < 400_000) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    data = path.read_bytes()
    *complete, tail = data.split(b"\n")
    assert len(complete) >= 10
    assert [json.loads(line)["seq"] for line in complete] == list(range(len(complete)))
    log = calllog.read(path)
    assert len(log.records) == len(complete)
    assert log.problems == ([(len(complete) + 1, log.problems[0][1])] if tail else [])
    calllog.append(path, _call(caller="after"))
    after = calllog.read(path)
    assert after.records[-1]["caller"] == "after" and len(after.records) == len(complete) + 1
    assert path.read_bytes().endswith(b"\n")


def test_torn_tail_is_reported_then_healed_by_the_next_append(tmp_path):
    path = tmp_path / "calls.jsonl"
    calllog.append(path, _call("C-1"))
    calllog.append(path, _call("C-2"))
    with open(path, "ab") as f:  # another program died halfway through its record
        f.write(b'{"kind": "call", "time": "2026-11-22T1')
    log = calllog.read(path)
    assert [r["caller"] for r in log.records] == ["C-1", "C-2"]
    assert log.problems == [(3, "torn last line (a writer stopped mid-record), skipped")]
    calllog.append(path, _call("C-3"))
    log = calllog.read(path)
    assert [r["caller"] for r in log.records] == ["C-1", "C-2", "C-3"]
    assert [n for n, _ in log.problems] == [3] and "not valid JSON" in log.problems[0][1]


def test_garbled_lines_are_reported_by_number_and_skipped(tmp_path):
    path = tmp_path / "calls.jsonl"
    lines = [json.dumps(_call("C-1")).encode(), b"this is not json", json.dumps(_call("C-2")).encode(),
             b"\xff\xfe\x00", b'["a", "list"]', b'{"kind": "memo", "time": "2026-11-22T10:00"}',
             b'{"kind": "call", "time": "yesterday"}', b"", json.dumps(_call("C-3")).encode()]
    path.write_bytes(b"\n".join(lines) + b"\n")
    log = calllog.read(path)
    assert [r["caller"] for r in log.records] == ["C-1", "C-2", "C-3"]
    assert [n for n, _ in log.problems] == [2, 4, 5, 6, 7]
    assert "UTF-8" in log.problems[1][1]


def test_missing_log_reads_as_empty(tmp_path):
    log = calllog.read(tmp_path / "none.jsonl")
    assert log.records == [] and log.problems == []


@pytest.mark.parametrize("earlier,about,expected", [
    ([_call(days_ago=3), _call(days_ago=1)], ["pus"], ("pus", 3)),
    ([_call(days_ago=13.9), _call(days_ago=1), _call(days_ago=0.5)], ["pus", "fever"], ("pus", 4)),
    ([_call(signs=("fever",)), _call(signs=("pus", "fever"))], ["pus", "fever"], ("fever", 3)),
    ([_call(signs=(), topics=("redness",)), _call(signs=(), topics=("redness",))], ["redness"], ("redness", 3)),
    ([_call(days_ago=1)], ["pus"], None),                                        # second call only
    ([_call(days_ago=15), _call(days_ago=1)], ["pus"], None),                    # first is too old
    ([_call(caller="C-2"), _call(caller="C-2")], ["pus"], None),                 # someone else
    ([_call(signs=("fever",)), _call(signs=("fever",))], ["pus"], None),        # another complaint
    ([_call(), {"kind": "resolved", "time": "2026-11-22T10:00:00", "caller": "C-1"}], ["pus"], None),
])
def test_third_contact_about_one_complaint_in_14_days(earlier, about, expected):
    found = calllog.repeat(earlier, "C-1", about, NOW)
    assert (found and (found.about, found.contacts)) == (expected or None)


def test_repeat_needs_a_caller_reference():
    assert calllog.repeat([_call(caller=None), _call(caller=None)], "", ["pus"], NOW) is None


def test_open_calls_are_serious_calls_without_a_later_resolution():
    records = [
        _call("C-1", 2, "urgent"),                                         # open
        _call("C-2", 2, "emergency"),
        {"kind": "resolved", "time": (NOW - timedelta(days=1)).isoformat(), "caller": "C-2"},
        {"kind": "resolved", "time": (NOW - timedelta(days=3)).isoformat(), "caller": "C-3"},
        _call("C-3", 2, "urgent"),                                         # open: resolved before it
        _call("C-4", 1, "routine"),                                        # not serious
        _call("C-5", 2, "urgent"), _call("C-5", 1, "none", resolved=True),  # a later call closed it
        _call("C-6", 1, "emergency", resolved=True),                       # closed during the call
    ]
    assert [r["caller"] for r in calllog.open_calls(records)] == ["C-1", "C-3"]


def test_summary_counts_calls_per_level_per_day():
    records = [_call("C-1", 0.1, "urgent"), _call("C-2", 0.2, "none"), _call("C-3", 0.3, "none"),
               _call("C-4", 1, "emergency"), _call("C-5", 30, "routine"),
               {"kind": "resolved", "time": NOW.isoformat(), "caller": "C-4"}]
    out = calllog.summary(records, NOW)
    assert out[0] == "Calls per day, last 14 days (4 of 5 calls):"
    assert out[1].split() == ["day", "emergency", "urgent", "routine", "none", "total"]
    assert out[2].split() == ["2026-11-21", "Sat", "1", "0", "0", "0", "1"]
    assert out[3].split() == ["2026-11-22", "Sun", "0", "1", "0", "2", "3"]
    assert out[4] == "Open urgent calls (1):" and "C-1  urgent: pus" in out[5] and len(out) == 6


def test_hand_edited_fields_of_the_wrong_type_do_not_break_the_summary():
    odd = _call("C-1", 0.1, "urgent", signs=()) | {"signs": "pus", "topics": None}
    assert calllog.complaints(odd) == []
    assert "C-1  urgent: no sign recorded" in calllog.summary([odd], NOW)[-1]
