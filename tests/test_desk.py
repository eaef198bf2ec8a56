"""`aftercare desk`: a phone call driven line by line, its log record, repeat callers, the summary."""
from __future__ import annotations

import json
import stat
from datetime import datetime, timedelta

import pytest

from assistant.core.levels import Level
from assistant.interfaces import desk, terminal
from assistant.safety import calllog

NOW = "2026-11-22T16:00"


def _number(vocab, sign: str) -> int:
    return next(q.number for q in desk.questions(vocab) if sign in q.signs)


def _records(home):
    return calllog.read(home / "calls.jsonl").records


def _seed(home, *records):
    for r in records:
        calllog.append(home / "calls.jsonl", r)


def _earlier(caller="C-9", days=1.0, signs=("pus",), level="urgent"):
    t = datetime.fromisoformat(NOW) - timedelta(days=days)
    return {"kind": "call", "time": t.isoformat(timespec="seconds"), "caller": caller, "protocol": "rf",
            "treated": "2026-11-12T10:00", "level": level, "signs": list(signs), "topics": []}


def test_questions_most_serious_first_each_asked_once(vocab):
    asks = desk.questions(vocab)
    assert [q.number for q in asks] == list(range(1, len(asks) + 1))
    assert [Level(q.level) for q in asks] == sorted((Level(q.level) for q in asks), reverse=True)
    assert len({q.ask for q in asks}) == len(asks)
    assert {s for q in asks for s in q.signs} == {s.id for s in vocab.signs + vocab.combos}
    assert asks[0].signs[0] == "breathing"  # file order within a level: the signs file leads with it


@pytest.mark.parametrize("answer,level,answers", [
    ("n {breathing}", "urgent", {"breathing": False}),
    ("y {breathing}", "emergency", {"breathing": True}),
    ("/yes {dark_patches}", "urgent", {"dark_patches": True}),          # the most serious one wins
    ("n {breathing} {fever}", "urgent", {"breathing": False, "fever": False}),
])
def test_call_with_a_red_flag_and_a_refinement_is_logged(run, home, vocab, answer, level, answers):
    numbers = {s: _number(vocab, s) for s in ("breathing", "fever", "dark_patches")}
    stdin = ("ref: C-1042\nprotocol: rf\ntreated: 2 days ago\nthere is some yellow stuff\n"
             + answer.format(**numbers) + "\n/end\n")
    r = run("desk", "--now", NOW, stdin=stdin)
    assert r.code == 0, r.err
    (rec,) = _records(home)
    assert rec["caller"] == "C-1042" and rec["protocol"] == "rf" and rec["elapsed_hours"] == 48.0
    assert rec["level"] == level and rec["answers"] == answers and rec["signs"][0] == "pus"
    assert rec["time"] == "2026-11-22T16:00:00" and rec["raised"] is None
    banners = [line.split()[0] for line in r.out.splitlines() if line.startswith(" ")
               and line.split()[0] in ("NONE", "ROUTINE", "URGENT", "EMERGENCY")]
    assert banners[-1] == level.upper()
    assert stat.S_IMODE((home / "calls.jsonl").stat().st_mode) == 0o600


def test_screen_shows_banner_script_and_only_unasked_questions(run, home, vocab):
    pus, breathing, fever = (_number(vocab, s) for s in ("pus", "breathing", "fever"))
    r = run("desk", "--now", NOW, stdin=f"protocol: rf\nthere is some yellow stuff\nn {breathing}\n")
    last = r.out.split(" URGENT ")[-1]
    assert "Call your clinic now" in last and "Pus or cloudy drainage can mean infection." in last
    numbers = [int(line.split(".")[0]) for line in last.splitlines() if line[:4].strip().isdigit()]
    assert pus not in numbers and breathing not in numbers and fever in numbers
    assert numbers == sorted(numbers)


def test_yes_to_an_emergency_question_puts_911_first_and_alone(run, home, vocab):
    r = run("desk", "--now", NOW, stdin=f"protocol: rf\ncan I wear makeup?\ny {_number(vocab, 'throat')}\n")
    screen = r.out.split(" EMERGENCY ")[-1]
    script = screen.split("Read to the caller:\n")[1].split("\nAsk")[0].splitlines()
    assert script == ["  Call 911 now: swelling of the throat, tongue or lips, or trouble swallowing. Swelling of "
                      "the throat, tongue or lips can block your airway."]


def test_end_of_input_logs_the_call_in_progress(run, home):
    r = run("desk", "--now", NOW, stdin="ref: C-1\nprotocol: alexander\nI have a fever of 102")
    assert r.code == 0
    (rec,) = _records(home)
    assert rec["caller"] == "C-1" and rec["level"] == "urgent" and rec["signs"] == ["fever"]


def test_a_new_ref_closes_the_call_in_progress_and_empty_calls_are_not_logged(run, home):
    run("desk", "--now", NOW, stdin="ref: C-1\nmy face is red\nref: C-2\nref: C-3\nblisters\n/quit\nref: C-4\nhi\n")
    assert [r["caller"] for r in _records(home)] == ["C-1", "C-3"]


@pytest.mark.parametrize("earlier,level,raised", [
    ([_earlier(days=5), _earlier(days=1)], "emergency", "third call about pus in 14 days: raised to emergency"),
    ([_earlier(days=9, signs=("fever",)), _earlier(days=1, signs=("pus", "fever"))], "urgent", None),
    ([_earlier(days=20), _earlier(days=1)], "urgent", None),
    ([_earlier(caller="C-8"), _earlier(caller="C-8")], "urgent", None),
    ([_earlier(days=1)], "urgent", None),
])
def test_third_contact_about_the_same_complaint_raises_a_step(run, home, earlier, level, raised):
    _seed(home, *earlier)
    r = run("desk", "--now", NOW, stdin="ref: C-9\nthere is pus on my cheek\n/end\n")
    rec = _records(home)[-1]
    assert rec["caller"] == "C-9" and rec["level"] == level and rec["raised"] == raised
    assert (raised in r.out) if raised else ("raised to" not in r.out)


def test_third_call_without_a_red_flag_is_raised_to_routine(run, home):
    _seed(home, *[dict(_earlier(days=d, signs=(), level="none"), topics=["redness"], treated=None)
                  for d in (6, 2)])
    r = run("desk", "--now", NOW, stdin="ref: C-9\nis my redness normal\n")
    assert _records(home)[-1]["level"] == "routine"
    assert "third call about redness in 14 days: raised to routine" in r.out


def test_returning_caller_brings_back_protocol_and_treatment_date(run, home):
    _seed(home, _earlier(caller="C-5", days=3))
    r = run("desk", "--now", NOW, stdin="ref: C-5\nmy face is a bit dry\n/end\n")
    assert "Caller C-5: 1 earlier call(s)" in r.out
    rec = _records(home)[-1]
    assert rec["protocol"] == "rf" and rec["treated"] == "2026-11-12T10:00" and rec["elapsed_hours"] == 246.0


def test_resolved_appends_a_resolution_and_closes_the_open_call(run, home):
    _seed(home, _earlier(caller="C-3", days=1, level="urgent"))
    run("desk", "--now", NOW, stdin="ref: C-3\n/resolved seen in clinic\n")
    assert _records(home)[-1] == {"kind": "resolved", "time": "2026-11-22T16:00:00", "caller": "C-3",
                                  "note": "seen in clinic"}
    assert calllog.open_calls(_records(home)) == []


def test_log_summary_counts_per_day_lists_open_calls_and_reports_a_torn_line(run, home):
    _seed(home, _earlier("C-1", 0.2, level="urgent"), _earlier("C-2", 0.3, level="none"),
          _earlier("C-3", 1.0, level="emergency"), _earlier("C-4", 1.1, level="urgent"),
          {"kind": "resolved", "time": "2026-11-22T09:00:00", "caller": "C-4"})
    with open(home / "calls.jsonl", "ab") as f:
        f.write(b'{"kind": "call", "ti')
    r = run("desk", "--log", "--now", NOW)
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0] == "Calls per day, last 14 days (4 of 4 calls):"
    assert lines[2].split() == ["2026-11-21", "Sat", "1", "1", "0", "0", "2"]
    assert lines[3].split() == ["2026-11-22", "Sun", "0", "1", "0", "1", "2"]
    assert lines[4] == "Open urgent calls (2):"
    assert [line.split()[4] for line in lines[5:]] == ["C-3", "C-1"]
    assert r.err.strip() == f"{home / 'calls.jsonl'} line 6: torn last line (a writer stopped mid-record), skipped"


def test_log_file_option_and_an_empty_log(run, tmp_path):
    path = tmp_path / "elsewhere" / "desk.jsonl"
    assert "No calls logged yet" in run("desk", "--log", "--log-file", str(path), "--now", NOW).out
    run("desk", "--log-file", str(path), "--now", NOW, stdin="ref: X\npus\n")
    assert [r["caller"] for r in calllog.read(path).records] == ["X"]
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize("line,needle", [
    ("/help", "y 2  /  n 2"),
    ("/frobnicate", "Unknown command /frobnicate"),
    ("protocol: no-such-clinic", "Protocol not changed"),
    ("treated: the other day", "Treatment date not changed"),
    ("y 99", "No question 99"),
    ("/resolved", "Enter the caller's ref first"),
])
def test_staff_mistakes_get_one_plain_line_and_nothing_is_logged(run, home, line, needle):
    r = run("desk", "--now", NOW, stdin=line + "\n")
    assert r.code == 0 and needle in r.out and _records(home) == []


def test_bad_now_is_a_usage_error(run):
    r = run("desk", "--now", "someday")
    assert r.code == 2 and r.out == "" and "--now" in r.err


def test_terminal_lines_ctrl_c_clears_the_line_and_ctrl_d_ends():
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    with create_pipe_input() as pipe:
        pipe.send_text("ref: C-1\rhalf a thought\x03there is pus\r\x04")
        lines = list(terminal.terminal_lines(lambda: "desk> ", input=pipe, output=DummyOutput()))
    assert lines == ["ref: C-1", "there is pus"]


def test_log_record_holds_no_words_of_the_conversation(run, home):
    run("desk", "--now", NOW, stdin="ref: C-7\nmy neighbour Alice says there is pus\n")
    text = (home / "calls.jsonl").read_text()
    assert "Alice" not in text and json.loads(text)["caller"] == "C-7"


def test_undecodable_input_bytes_do_not_stop_the_desk(run, home):
    r = run("desk", "--now", NOW, stdin=b"ref: C-2\n\xff\xfe there is pus\n")
    assert r.code == 0 and _records(home)[-1]["level"] == "urgent"
