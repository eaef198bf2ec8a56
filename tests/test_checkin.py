"""The check-in that listens, the diary it keeps, the chat's follow-ups and its bottom line."""
from __future__ import annotations

import stat
from datetime import datetime

import pytest

from assistant.clinic import protocol
from assistant.core import diary
from assistant.dialogue import checkin
from assistant.dialogue.conversation import Conversation
from assistant.dialogue.toolbar import toolbar

TREATED = datetime(2026, 11, 20, 10, 0)


@pytest.mark.parametrize("said", ["all good", "nope", "fine thanks", "Fine, thanks!", "no", "all good so far",
                                  "none", "nothing to report", "I'm fine", "ok"])
def test_nothing_to_report_in_many_words(vocab, said):
    assert checkin.read(said, vocab).kind == "good"


@pytest.mark.parametrize("said", ["yes a little", "yeah", "a bit", "Yes, a little.", "kind of"])
def test_a_yes_without_what(vocab, said):
    assert checkin.read(said, vocab).kind == "some"


@pytest.mark.parametrize("said, temperature, pain", [
    ("38.2", 100.8, None), ("101", 101.0, None), ("99.1 F", 99.1, None), ("temp 38.5 c", 101.3, None),
    ("6/10", None, 6), ("6", None, 6), ("pain 6", None, 6), ("my pain is 6 out of 10", None, 6), ("0", None, 0),
])
def test_a_number_is_a_temperature_or_a_pain_score(vocab, said, temperature, pain):
    r = checkin.read(said, vocab)
    assert (r.kind, r.temperature_f, r.pain) == ("number", temperature, pain)


@pytest.mark.parametrize("said", ["my cheek is red and hot", "there is pus", "can I wear makeup?", "42 years old"])
def test_anything_else_is_words_and_goes_to_triage(vocab, said):
    assert checkin.read(said, vocab).kind == "words"


def _talk(pid="rf", at=datetime(2026, 11, 21, 16, 0), **kw):
    kept, clock = [], [at]
    talk = Conversation(protocol.load(pid), TREATED, lambda: clock[0], keep=kept.append, **kw)
    return talk, kept, clock


def test_each_days_answer_is_kept_and_said_back():
    talk, kept, clock = _talk()
    assert "Quick check-in for day 1" in talk.tick()[-1][1]
    assert "noted for day 1" in talk.hear("all good")[0][1]
    assert not talk.asking  # asked once, answered once
    clock[0] = datetime(2026, 11, 22, 9, 0)
    talk.tick()
    assert talk.hear("yes a little")[0][1].startswith("Tell me a little more")
    level = talk.hear("the redness is spreading and it's hot")[0][0]
    assert level == "urgent"
    assert [(e.day, e.status, e.level) for e in kept] == [(1, "good", "none"), (2, "some", "none"), (2, "told", "urgent")]


def test_a_question_during_the_check_in_is_answered_and_the_check_in_stays_open():
    talk, kept, _ = _talk()
    talk.tick()
    assert talk.hear("can I wear makeup?")[0][0] == "answer" and talk.asking and kept == []
    talk.hear("fine thanks")
    assert [e.status for e in kept] == ["good"] and not talk.asking


def test_temperature_is_triaged_against_the_clinics_line():
    talk, kept, clock = _talk()
    talk.tick()
    assert "99.1 °F, not a fever" in talk.hear("99.1")[0][1]
    clock[0] = datetime(2026, 11, 22, 9, 0)
    talk.tick()
    assert talk.hear("101.8")[0][0] == "urgent"  # rf's line is 101.5 °F
    assert [(e.temperature_f, e.level) for e in kept] == [(99.1, "none"), (101.8, "urgent")]


def test_severe_or_rising_pain_is_a_red_flag():
    talk, kept, clock = _talk(last_pain=2)
    talk.tick()
    assert talk.hear("3")[0][0] == "info"
    clock[0] = datetime(2026, 11, 22, 9, 0)
    talk.tick()
    level, text = talk.hear("pain 5/10")[0]
    assert level == "urgent" and "pain of 5 out of 10, up from 3" in text
    clock[0] = datetime(2026, 11, 23, 9, 0)
    talk.tick()
    assert talk.hear("8")[0][0] == "urgent"
    assert [e.pain for e in kept] == [3, 5, 8] and kept[-1].level == "urgent"


def test_a_red_flag_outside_the_check_in_is_kept_too():
    talk, kept, _ = _talk(last_checkin="2026-11-21")
    talk.tick()
    talk.hear("there is pus coming out")
    assert [(e.kind, e.level) for e in kept] == [("flag", "urgent")] and "pus" in kept[0].reasons[0]


def test_off_topic_never_replays_the_last_answer():
    talk, _, _ = _talk("pre-post", last_checkin="2026-11-21")
    first = talk.hear("can I take a hot shower?")
    weather = talk.hear("whats the weather like")
    assert weather != first and weather[0][1].startswith("I can only help")
    assert talk.hear("what about tomorrow?")[0][1].startswith("Yes for tomorrow")  # a real follow-up still follows


def test_the_diary_file_is_private_and_survives_a_torn_line(home):
    env = {"AFTERCARE_HOME": str(home)}
    diary.keep(diary.Entry("2026-11-21T16:00", 1, "checkin", "all good", "good"), env)
    with open(diary.path(env), "a", encoding="utf-8") as f:
        f.write('{"at": "2026-11-22T09:00", "kind": "checkin", "sa')  # a writer killed mid-line
    diary.keep(diary.Entry("2026-11-22T09:05", 2, "checkin", "nope", "good"), env)
    assert stat.S_IMODE(home.joinpath("diary.jsonl").stat().st_mode) == 0o600
    assert [e.said for e in diary.entries(env)] == ["all good", "nope"]
    assert list(diary.by_day(diary.entries(env))) == ["2026-11-21", "2026-11-22"]


@pytest.mark.parametrize("pid", protocol.bundled_ids())
@pytest.mark.parametrize("width", [40, 41, 57, 80, 100, 120, 200])
@pytest.mark.parametrize("day", [None, -3, 0, 1, 12])
def test_toolbar_keeps_911_then_the_clinic_then_the_day_then_the_name(pid, width, day):
    p = protocol.load(pid)
    line = toolbar(p, day, width)
    assert len(line) <= width and p.emergency in line
    assert (p.phone or "paperwork") in line
    if width >= 80 and day is not None:
        assert f"{abs(day)} day" in line or f"day {day}" in line
    if width >= 120:
        assert p.clinic[:20] in line
    parts = [part for part in (p.clinic[:8], p.phone or "paperwork", p.emergency) if part in line]
    assert parts == sorted(parts, key=line.index)  # reading order: name, clinic, emergency
