"""One boundary for dates and numbers: every reader refuses what is out of range, in one line, and never raises."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.clinic import protocol
from assistant.dialogue.reply import answer
from assistant.timeline.bounds import CLOCK_FROM, CLOCK_TO, OFFSET_SPAN, TREATED_SPAN, DateError
from assistant.timeline.clock import parse_when
from assistant.timeline.window import parse_point
from assistant.understanding import moments, quantity
from assistant.understanding.phrases import words

NOW = datetime(2026, 11, 21, 16, 0)
PIECES = ("nov 20 20th 2026 9999 0 -1 99999999999 999999999999 9999999999999 99999999999999999999 ١٢ ² "
          "yesterday today tomorrow tonight this last next monday at am pm noon morning in a one days day "
          "weeks hours minutes ago before since : / . - + T Z +05:00 12:30 25:61 11/24 31/12/2026 "
          "2026-11-20T10:00 9999-12-31 0001-01-01 2026-02-30 day end of treatment always healed +24h -72h "
          "+10d +2mo +1.5mo +99999999d").split()
date_texts = st.one_of(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map(" ".join),
    st.builds(lambda sign, n, unit: f"{sign}{n}{unit}", st.sampled_from(["", "+", "-", "day ", "end of day "]),
              st.integers(0, 10 ** 25), st.sampled_from(["", "h", "d", "w", "mo", " days ago", " weeks ago"])),
    st.text(max_size=40),
)
clocks = st.datetimes(min_value=CLOCK_FROM, max_value=CLOCK_TO - timedelta(days=1))
SOME = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(autouse=True)
def no_dateparser(monkeypatch):
    """dateparser takes milliseconds a date; its own answers are bounded the same way (one test below)."""
    monkeypatch.setattr("assistant.timeline.clock.lenient", lambda *args, **kwargs: None)


@SOME
@given(text=date_texts, now=clocks)
def test_a_date_is_read_within_two_years_or_refused(text, now):
    try:
        when = parse_when(text, now)
    except DateError as exc:
        assert "\n" not in str(exc)
        return
    assert abs(when - now) <= TREATED_SPAN


@pytest.mark.parametrize("text", ["the day before yesterday at noon", "3000 years ago", "in 99999999 days",
                                  "December 31st 9999", "the year 1", "99999 BC", "2 fortnights ago",
                                  "1 000 000 000 days ago", "the 31st of february", "a week ago last friday"])
def test_dates_only_dateparser_knows_are_bounded_too(monkeypatch, text):
    from assistant.timeline import lenient
    monkeypatch.setattr("assistant.timeline.clock.lenient", lenient.lenient)
    try:
        assert abs(parse_when(text, NOW) - NOW) <= TREATED_SPAN
    except DateError as exc:
        assert "\n" not in str(exc)


@SOME
@given(text=date_texts, treated=clocks)
def test_a_protocol_time_point_is_within_five_years_or_refused(text, treated):
    try:
        point = parse_point(text, frozenset({"healed"}))
    except ValueError as exc:
        assert "\n" not in str(exc)
        return
    at = point.resolve(treated)
    assert at is None or point.kind == "always" or abs(at - treated) <= OFFSET_SPAN + timedelta(days=1)


@SOME
@given(text=st.one_of(date_texts, st.text(max_size=200)), now=clocks)
def test_times_and_numbers_in_messages_never_raise(vocab, text, now):
    tokens = words(text)
    assert all(abs(v) < 10 ** 13 for _s, _e, v in quantity.numbers(tokens, vocab))
    quantity.temperatures(tokens, vocab)
    quantity.elapsed(tokens, vocab)
    times = moments.read(tokens, vocab, now)
    for span in (times.treated, times.asked):
        assert span is None or abs(span.lo - now) <= moments.LIMIT


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=date_texts, now=clocks, days=st.integers(-700, 700))
def test_answers_to_any_time_in_a_message_never_raise(text, now, days):
    reply = answer(f"I had it done {text}, can I swim {text}?", protocol.load("alexander"),
                   now + timedelta(days=days), now)
    assert reply.text


@pytest.mark.parametrize("argv", [
    ["ask", "x", "--treated", "99999999 days ago"],
    ["ask", "x", "--treated", "9999-12-31"],
    ["ask", "x", "--now", "nov 99999999999999999999"],
    ["ask", "x", "--treated", "9" * 5000 + " days ago"],
    ["ask", "x", "--now", "0001-01-01"],
    ["today", "--treated", "9999999 weeks ago"],
    ["plan", "--treated", "2024-01-01"],
    ["setup", "--protocol", "rf", "--treated", "9999-01-01"],
    ["desk", "--now", "99999999999999999999 days ago"],
])
def test_out_of_range_on_the_command_line_is_one_line_and_exit_2(run, argv):
    r = run(*argv)
    assert r.code == 2 and r.out == "" and len(r.err.splitlines()) == 1 and "Traceback" not in r.err


@pytest.mark.parametrize("question", ["day 20261121 can I swim", "I had it done 3000000 days ago, can I swim?",
                                      "nov 99999999999999999999 can I swim", "9" * 5000 + " days ago, swim?",
                                      "in 99999999999 days can I swim", "it was 1e4000000 days ago"])
def test_out_of_range_in_a_message_is_answered_without_the_date(run, question):
    r = run("ask", question, "--json")
    assert r.code == 0 and json.loads(r.out)["elapsed_hours"] is None


def test_a_saved_treatment_far_from_now_is_one_line(run, home):
    assert run("setup", "--protocol", "rf", "--treated", "2026-11-20T10:00").code == 0
    r = run("ask", "makeup?", now=datetime(2029, 1, 1))
    assert r.code == 2 and "more than two years ago" in r.err and "aftercare setup" in r.err


@SOME
@given(now=st.one_of(date_texts, st.text(max_size=30)), treated=st.one_of(date_texts, st.text(max_size=30)))
def test_any_now_and_treated_answer_or_refuse_in_one_line(run, now, treated):
    r = run("ask", "can I swim?", "--json", f"--now={now}", f"--treated={treated}")
    assert r.code in (0, 2), r.err
    assert r.code == 0 or (r.out == "" and r.err.count("\n") == 1)  # control characters are the sanitizer's


def test_the_readers_fuzz_finds_no_exception():
    """benchmarks/fuzz.py's reader fuzz, small: the benchmark runs a million of these."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import fuzz
    r = fuzz.readers(3000, seed=5, workers=1)
    assert r["inputs"] == 3000 and r["exceptions"] == 0, r["examples"]
