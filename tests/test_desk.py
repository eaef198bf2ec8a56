"""`aftercare desk`: a phone call driven line by line, its record, staff scripts, repeat callers, the views."""
from __future__ import annotations

import json
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from assistant.core.levels import Level
from assistant.dialogue.call import questions
from assistant.interfaces import terminal
from assistant.safety import calllog

NOW = "2026-11-22T16:00"  # a Sunday


def _number(vocab, sign: str) -> int:
    return next(q.number for q in questions(vocab) if sign in q.signs)


def _log(home):
    return calllog.open_log(str(home / "calls.db"))


def _records(home) -> list[dict]:
    log = _log(home)
    try:
        return list(log.calls())
    finally:
        log.close()


def _seed(home, *calls):
    log = _log(home)
    for c in calls:
        log.save(c, [], True)
    log.close()


def _earlier(caller="C-9", days=1.0, signs=("pus",), level="urgent", topics=()):
    t = datetime.fromisoformat(NOW) - timedelta(days=days)
    return {"time": calllog.iso(t), "caller": caller, "protocol": "rf", "treated": "2026-11-12T10:00",
            "level": level, "signs": list(signs), "topics": list(topics)}


def _banners(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines()
            if line.startswith(" ") and line.split() and line.split()[0] in ("ROUTINE", "URGENT", "EMERGENCY")]


def test_questions_most_serious_first_each_asked_once(vocab):
    asks = questions(vocab)
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
    r = run("desk", "--now", NOW, "--staff", "Ann", stdin=stdin)
    assert r.code == 0, r.err
    (rec,) = _records(home)
    assert rec["caller"] == "C-1042" and rec["protocol"] == "rf" and rec["elapsed_hours"] == 48.0
    assert rec["level"] == level and rec["answers"] == answers and rec["signs"][0] == "pus"
    assert rec["time"] == "2026-11-22T16:00:00" and rec["raised"] is None and rec["status"] == "done"
    assert rec["staff"] == "Ann" and f"Logged call #{rec['id']}: C-1042, {level}." in r.out
    assert _banners(r.out)[-1] == level.upper()
    assert stat.S_IMODE((home / "calls.db").stat().st_mode) == 0o600


def test_staff_script_speaks_to_the_receptionist_with_reasons_and_the_next_question(run, home, vocab):
    pus, breathing, fever = (_number(vocab, s) for s in ("pus", "breathing", "fever"))
    r = run("desk", "--now", NOW, "--protocol", "rf", stdin=f"she says there is some yellow stuff\nn {breathing}\n")
    last = r.out.split(" URGENT ")[-1]
    assert "the clinic must speak to the caller now" in last
    assert "pus or cloudy drainage: the caller said “yellow stuff” [urgent]" in last
    assert "Transfer the caller to the nurse or provider now" in last and "Call your clinic now" not in last
    assert f"Ask next:  {breathing + 1}. " in last  # the first question not yet answered
    numbers = [int(line.split(".")[0]) for line in last.splitlines() if line[:4].strip().isdigit()]
    assert pus not in numbers and breathing not in numbers and fever in numbers and numbers == sorted(numbers)


def test_emergency_ends_the_checklist_and_shows_only_its_script(run, home, vocab):
    r = run("desk", "--now", NOW, "--protocol", "rf", stdin=f"can she wear makeup?\ny {_number(vocab, 'throat')}\n")
    screen = r.out.split(" EMERGENCY ")[-1]
    assert screen.split("Say and do:\n")[1].splitlines() == [
        "  Tell the caller to hang up and call 911 now, or call 911 for them and stay on the line.",
        "  Do not book, transfer or ask anything more: nothing may delay the call."]
    assert "Ask next" not in screen and "Then" not in screen and "makeup" not in screen


def test_third_person_speech_keeps_its_red_flags(run, home):
    r = run("desk", "--now", NOW, "--protocol", "rf", stdin="her throat feels tight\n")
    assert _banners(r.out) == ["EMERGENCY"]


def test_expected_reaction_is_reassured_with_the_day_and_when_to_call_back(run, home):
    r = run("desk", "--now", NOW, "--protocol", "rf", stdin="treated: 2 days ago\nher face is red\n")
    assert "Reassure: Redness is expected on day 2; tell them to call back if it gets worse" in r.out


def test_without_a_protocol_no_clinic_is_quoted_and_staff_are_asked_for_one(run, home):
    r = run("desk", "--now", NOW, stdin="ref: C-1\nthere is pus\n/end\n")
    assert "No protocol for this desk" in r.out and "Which clinic treated them? Type protocol: ID" in r.out
    assert "(250) 477-2343" not in r.out and "alexander" not in r.out.split("\n", 1)[1]
    assert _records(home)[0]["protocol"] is None and _records(home)[0]["level"] == "urgent"


def test_protocol_staff_and_log_can_be_saved_for_the_desk(run, home, tmp_path):
    db = tmp_path / "shared" / "calls.db"
    r = run("desk", "--protocol", "rf", "--staff", "Bo", "--db", str(db), "--save", "--now", NOW, stdin="")
    assert "Saved for this desk" in r.out and stat.S_IMODE((home / "desk.json").stat().st_mode) == 0o600
    r = run("desk", "--now", NOW, stdin="ref: C-4\nthere is pus\nstaff: Cy\n/end\n")
    assert "logging to " + str(db) in r.out and "Protocol rf." in r.out and "Staff at this desk: Cy." in r.out
    (rec,) = calllog.open_log(str(db)).calls()
    assert rec["protocol"] == "rf" and rec["staff"] == "Cy"


def test_end_of_input_leaves_the_call_unfinished_with_its_level_and_lines(run, home):
    r = run("desk", "--now", NOW, "--protocol", "alexander", stdin="ref: C-1\nI have a fever of 102")
    assert r.code == 0
    (rec,) = _records(home)
    assert rec["caller"] == "C-1" and rec["level"] == "urgent" and rec["signs"] == ["fever"]
    assert rec["status"] == "unfinished" and _log(home).lines(rec["id"]) == ["ref: C-1", "I have a fever of 102"]


def test_the_next_start_shows_unfinished_calls_first_and_resumes_one(run, home):
    run("desk", "--now", NOW, "--protocol", "rf", stdin="ref: C-1\nthere is pus\n")
    (rec,) = _records(home)
    r = run("desk", "--now", NOW, stdin=f"/resume {rec['id']}\nn 1\n/end\n")
    lines = r.out.splitlines()
    assert lines[1].startswith("Unfinished calls (1)") and f"#{rec['id']}" in lines[2] and "there is pus" in lines[2]
    assert f"Resumed call #{rec['id']} (2 lines)." in r.out
    (after,) = _records(home)
    assert after["status"] == "done" and after["answers"] == {"breathing": False} and after["protocol"] == "rf"


def test_a_new_ref_closes_the_call_in_progress_and_empty_calls_are_not_logged(run, home):
    run("desk", "--now", NOW, stdin="ref: C-1\nmy face is red\nref: C-2\nref: C-3\nblisters\n/quit\nref: C-4\nhi\n")
    assert [(r["caller"], r["status"]) for r in _records(home)] == [("C-1", "done"), ("C-3", "done")]


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
    _seed(home, *[dict(_earlier(days=d, signs=(), level="none", topics=("redness",)), treated=None) for d in (6, 2)])
    r = run("desk", "--now", NOW, stdin="ref: C-9\nis my redness normal\n")
    assert _records(home)[-1]["level"] == "routine"
    assert "third call about redness in 14 days: raised to routine" in r.out


def test_the_repeat_rule_sees_calls_from_another_desk_on_postgresql(run, pg_url):
    for desk_name in ("A", "B"):
        run("desk", "--db", pg_url, "--now", NOW, "--staff", desk_name, "--protocol", "rf", stdin="ref: C-7\npus\n/end\n")
    r = run("desk", "--db", pg_url, "--now", NOW, "--staff", "C", stdin="ref: C-7\nthere is pus\n/end\n")
    assert "third call about pus in 14 days: raised to emergency" in r.out
    log = calllog.open_log(pg_url)
    assert [(c["staff"], c["level"]) for c in log.calls()] == [("A", "urgent"), ("B", "urgent"), ("C", "emergency")]
    log.close()


def test_returning_caller_brings_back_protocol_and_treatment_date(run, home):
    _seed(home, _earlier(caller="C-5", days=3))
    r = run("desk", "--now", NOW, stdin="ref: C-5\nmy face is a bit dry\n/end\n")
    assert "Caller C-5: 1 earlier call(s)" in r.out and "protocol rf." in r.out
    rec = _records(home)[-1]
    assert rec["protocol"] == "rf" and rec["treated"] == "2026-11-12T10:00" and rec["elapsed_hours"] == 246.0


def test_resolved_closes_the_open_call_and_the_queue_shows_the_rest(run, home):
    _seed(home, _earlier(caller="C-3", days=1), _earlier(caller="C-4", days=2))
    r = run("desk", "--now", NOW, stdin="ref: C-3\n/resolved seen in clinic\n")
    assert "Marked C-3's urgent calls resolved (1 open)." in r.out
    assert [c["caller"] for c in _log(home).open_calls()] == ["C-4"]
    r = run("desk", "--open", "--now", NOW)
    assert r.out.splitlines()[0] == "Open urgent calls (1):" and "C-4  urgent: pus" in r.out
    assert "call back by" not in r.out  # seeded without a deadline
    r = run("desk", "--now", NOW, stdin="/resolved #2 called back\n")
    assert "Marked call #2 resolved (1 open)." in r.out and run("desk", "--open").out == "Open urgent calls: none.\n"


def test_log_summary_counts_per_day_and_lists_open_calls(run, home):
    _seed(home, _earlier("C-1", 0.2, level="urgent"), _earlier("C-2", 0.3, level="none"),
          _earlier("C-3", 1.0, level="emergency"), _earlier("C-4", 1.1, level="urgent"))
    run("desk", "--now", NOW, stdin="ref: C-4\n/resolved\n")
    r = run("desk", "--log", "--now", NOW)
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0] == "Calls per day, last 14 days (4 of 4 calls):"
    assert lines[2].split() == ["2026-11-21", "Sat", "1", "1", "0", "0", "2"]
    assert lines[3].split() == ["2026-11-22", "Sun", "0", "1", "0", "1", "2"]
    assert lines[4] == "Open urgent calls (2):"
    assert [line.split()[5] for line in lines[5:]] == ["C-3", "C-1"]


def test_db_option_and_an_empty_log(run, tmp_path):
    path = tmp_path / "elsewhere" / "desk.db"
    assert "Calls per day, last 14 days (0 of 0 calls)" in run("desk", "--log", "--db", str(path), "--now", NOW).out
    run("desk", "--db", str(path), "--now", NOW, stdin="ref: X\npus\n")
    assert [r["caller"] for r in calllog.open_log(str(path)).calls()] == ["X"]
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize("line,needle", [
    ("/help", "y 2  /  n 2"),
    ("/frobnicate", "Unknown command /frobnicate"),
    ("protocol: no-such-clinic", "Protocol not changed"),
    ("treated: the other day", "Treatment date not changed"),
    ("treated: 900 days ago", "more than 2 years away"),
    ("treated: 2026-99-99", "Treatment date not changed"),
    ("treated: 99999999 days ago", "Treatment date not changed"),
    ("y 99", "No question 99"),
    ("/resolved", "Enter the caller's ref first"),
    ("/resume 5", "Which? /resume N"),
])
def test_staff_mistakes_get_one_plain_line_and_nothing_is_logged(run, home, line, needle):
    r = run("desk", "--now", NOW, stdin=line + "\n")
    assert r.code == 0 and needle in r.out and _records(home) == [] and "Traceback" not in r.out + r.err


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


def test_a_finished_call_keeps_no_words_of_the_conversation(run, home):
    run("desk", "--now", NOW, stdin="ref: C-7\nmy neighbour Alice says there is pus\n/end\n")
    data = b"".join(p.read_bytes() for p in home.iterdir() if p.name.startswith("calls.db"))
    assert b"Alice" not in data and _records(home)[0]["caller"] == "C-7"


def test_undecodable_input_bytes_do_not_stop_the_desk(run, home):
    r = run("desk", "--now", NOW, stdin=b"ref: C-2\n\xff\xfe there is pus\n")
    assert r.code == 0 and _records(home)[-1]["level"] == "urgent"


def test_the_old_json_lines_log_is_pointed_out_imported_and_exported(run, home, tmp_path):
    home.mkdir(parents=True)
    old = home / "calls.jsonl"
    old.write_text("".join(json.dumps(dict(_earlier(f"C-{n}"), kind="call")) + "\n" for n in (1, 2)) + "garbage\n")
    r = run("desk", "--now", NOW)
    assert f"An older call log is at {old}: bring it in with 'aftercare desk import {old}'." in r.out
    r = run("desk", "import", str(old))
    assert r.code == 0 and "Imported 2 calls and 0 resolutions" in r.out and f"{old} line 3: not valid JSON" in r.err
    assert "An older call log" not in run("desk", "--now", NOW).out
    out = tmp_path / "records" / "calls.csv"
    assert run("desk", "export", str(out)).code == 2  # a folder is never made for a path the user chose
    out.parent.mkdir()
    r = run("desk", "export", str(out))
    assert r.code == 0 and "Exported 2 calls as csv." in r.out and stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text().splitlines()[0].startswith("id,uid,status,time,")
    r = run("desk", "export", "--format", "jsonl")
    assert [json.loads(line)["caller"] for line in r.out.splitlines()] == ["C-1", "C-2"]
    r = run("desk", "import", str(tmp_path / "missing.jsonl"))
    assert r.code == 2 and "cannot read" in r.err and len(r.err.splitlines()) == 1


def test_a_resumed_call_goes_on_even_when_one_of_its_lines_no_longer_replays(run, home, tmp_path):
    import shutil
    clinic = tmp_path / "clinic"
    shutil.copytree(Path(__file__).resolve().parents[1] / "docs" / "example", clinic)
    run("desk", "--now", NOW, stdin=f"ref: C-1\nprotocol: {clinic / 'sunrise.toml'}\nthere is pus\n")
    (rec,) = _records(home)
    shutil.rmtree(clinic)  # the protocol file is gone by the time the call is taken up again
    r = run("desk", "--now", NOW, stdin=f"/resume {rec['id']}\nprotocol: rf\nn 1\n/end\n")
    assert "NOT SAVED" not in r.err and f"Logged call #{rec['id']}: C-1, urgent." in r.out
    (after,) = _records(home)
    assert after["status"] == "done" and after["protocol"] == "rf" and after["answers"] == {"breathing": False}
