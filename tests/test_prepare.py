"""`aftercare prepare` and `ask` before a treatment: the same before-treatment rules, the same dates."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.clinic import preparation, protocol
from assistant.dialogue.reply import answer
from assistant.understanding import matcher
from assistant.understanding.utterance import Utterance
from assistant.understanding.vocabulary import load

NOW = datetime(2026, 11, 21, 16, 0)
NOT_PRODUCTS = ("before", "prior", "prep", "pre ", "treat", "appointment", "treatment", "procedure", "stop", "come", "day of", "wear")


def _things(pid: str) -> list[tuple[object, str]]:
    """Each gap rule of a protocol with the words that name it in a question, as the matcher reads them."""
    p, vocab, out = protocol.load(pid), load(), []
    for rule in (r for r in p.rules if preparation.is_gap(r)):
        for kw in list(rule.about) + [" ".join(k) for k in vocab.topics[rule.topic].keywords]:
            if any(w in kw for w in NOT_PRODUCTS):
                continue
            utt = Utterance.of(f"I had {kw} 3 days ago, can I get treated?", vocab)
            asks = [a.topic for a in matcher.topics(utt, vocab)]
            if asks[:1] == [rule.topic] and rule in preparation.gaps(p, rule.topic, utt.text):
                out.append((rule, kw))
    return out


THINGS = {pid: _things(pid) for pid in protocol.bundled_ids()}
CASES = [(pid, rule, kw) for pid, things in THINGS.items() for rule, kw in things]
SLOW_OK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _ask(run, question: str, treated: datetime, now: datetime, pid: str) -> dict:
    r = run("ask", question, "--protocol", pid, "--treated", treated.isoformat(timespec="minutes"), "--json", now=now)
    assert r.code == 0, r.err
    return json.loads(r.out)


def _prepare(run, pid: str, *extra: str, now: datetime = NOW) -> dict:
    r = run("prepare", "--protocol", pid, *extra, "--json", now=now)
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_every_protocol_with_rules_before_treatment_has_things_to_ask_about():
    assert {pid for pid, *_ in CASES} == {"pre-post", "day-by-day"}
    assert {rule.window.start.text for pid, rule, _ in CASES if pid == "pre-post"} >= {"-6mo", "-48h", "-72h", "-2w", "-5d"}


@SLOW_OK
@given(case=st.sampled_from(CASES), ahead=st.integers(1, 200), ago=st.integers(0, 400), hour=st.integers(0, 23))
def test_prepare_and_ask_agree_on_when_the_treatment_may_be_had(run, case, ahead, ago, hour):
    """The property of the issue: for every gap rule of the four protocols, prepare's date is ask's."""
    pid, rule, kw = case
    now = NOW.replace(hour=hour)
    appointment = (now + timedelta(days=ahead)).replace(hour=10, minute=0)
    plan = _prepare(run, pid, "--appointment", appointment.isoformat(timespec="minutes"),
                    "--took", f"{kw} {ago} days ago", now=now)
    took = plan["took"][0]
    said = _ask(run, f"I had {kw} {ago} days ago, can I get treated?", appointment, now, pid)
    ruling = next(a for a in said["answers"] if a["topic"] == rule.topic)
    assert ruling["allowed_from"][:16] == took["ready"], (said["text"], took)
    assert ruling["allowed"] is plan["in_time"] is (took["ready"] <= appointment.isoformat(timespec="minutes"))
    assert "not until after your treatment" not in said["text"]


@SLOW_OK
@given(case=st.sampled_from(CASES), ahead=st.integers(1, 200))
def test_each_step_is_when_ask_starts_saying_no(run, case, ahead):
    """A step "stop from X" is the minute a question about that thing turns from yes to no."""
    pid, rule, kw = case
    rule = preparation.gaps(protocol.load(pid), rule.topic, Utterance.of(f"can I use {kw}?").text)[0]  # the longest
    appointment = (NOW + timedelta(days=ahead)).replace(hour=10, minute=0)
    steps = _prepare(run, pid, "--appointment", appointment.isoformat(timespec="minutes"))["steps"]
    at = next(datetime.fromisoformat(s["at"]) for s in steps if s["text"] == rule.text)
    minute = timedelta(minutes=1)
    before = _ask(run, f"can I use {kw}?", appointment, at - minute, pid)
    after = _ask(run, f"can I use {kw}?", appointment, at + minute, pid)
    assert next(a for a in before["answers"] if a["topic"] == rule.topic)["allowed"] is not False
    assert next(a for a in after["answers"] if a["topic"] == rule.topic)["allowed"] is False
    assert "not until after your treatment" not in after["text"]


@pytest.mark.parametrize("pid", ["alexander", "rf"])
def test_a_sheet_without_gaps_gives_no_dates_and_ask_never_makes_one_up(run, pid):
    plan = _prepare(run, pid, "--appointment", "2026-11-27T10:00", "--took", "accutane until 2026-11-01")
    assert [s["kind"] for s in plan["steps"]] in ([], ["start"]) and plan["took"][0]["ready"] is None
    said = _ask(run, "I'm on Accutane, can I still get microneedling next week?", datetime(2026, 11, 27, 10), NOW, pid)
    assert "not until after your treatment" not in said["text"]
    assert all(a["allowed"] is not True for a in said["answers"])


def test_the_issues_examples_before_treatment(run):
    appointment = datetime(2026, 11, 27, 10, 0)
    said = _ask(run, "I'm on Accutane, can I still get microneedling next week?", appointment, NOW, "pre-post")
    assert [a["topic"] for a in said["answers"]] == ["isotretinoin"]  # not "who should not be treated"
    assert said["text"].startswith("No: not on Friday 27 November at 10:00.")  # the appointment, inside next week
    assert "the earliest if you stop today is Friday 21 May 2027" in said["text"]
    botox = _ask(run, "I had Botox 5 days ago, is that ok for my treatment?", appointment, NOW, "pre-post")
    assert botox["answers"][0]["allowed"] is True and botox["text"].startswith("Yes: the 5 days")
    retinol = _ask(run, "can I use my retinol?", appointment, datetime(2026, 11, 26, 9, 0), "pre-post")
    assert [(a["topic"], a["allowed"]) for a in retinol["answers"]] == [("active_skincare", False),
                                                                        ("pre_treatment_skincare", False)]
    assert "from Wednesday 25 November at 10:00; after it, from Monday 30 November at 10:00" in retinol["text"]


def test_prepare_lists_dated_steps_and_says_every_date_back(run):
    r = run("prepare", "--protocol", "pre-post", "--appointment", "Nov 27 10am", "--took", "accutane until 2026-06-01",
            "--took", "botox 2026-11-10", now=NOW)
    assert r.code == 0, r.err
    assert "Appointment: Friday 27 November at 10:00, in about 6 days (from “Nov 27 10am”)" in r.out
    assert "✓ Wed 27 May 10:00  Stop isotretinoin" in r.out
    assert "  Sun 22 Nov 10:00  Leave at least 5 days between Botox" in r.out
    assert "On the day: If numbing cream" in r.out
    assert "accutane: last Monday 1 June (from “2026-06-01”); 6 months needed, so from Tuesday 1 December" in r.out
    assert "botox: last Tuesday 10 November (from “2026-11-10”); 5 days needed, so from Sunday 15 November — in time" \
        in r.out
    assert "is too soon: the earliest your clinic's sheet allows is Tuesday 1 December" in r.out
    assert r.out.count("avoid retinols") == 1  # one sentence feeding two topics is one step


def test_prepare_without_an_appointment_gives_the_earliest_date(run):
    r = run("prepare", "--protocol", "pre-post", "--took", "fillers yesterday", now=NOW)
    assert "The earliest treatment your clinic's sheet allows: Friday 4 December at 12:00." in r.out


@pytest.mark.parametrize("argv, words", [
    (["prepare", "--protocol", "pre-post"], "needs --appointment"),
    (["prepare", "--protocol", "pre-post", "--took", "unobtainium yesterday"], "I don't know 'unobtainium'"),
    (["prepare", "--protocol", "pre-post", "--took", "botox"], "couldn't read 'botox'"),
    (["prepare", "--protocol", "pre-post", "--appointment", "someday"], "--appointment"),
])
def test_prepare_errors_are_one_line(run, argv, words):
    r = run(*argv, now=NOW)
    assert r.code == 2 and words in r.err and len(r.err.splitlines()) == 1


@pytest.mark.parametrize("said, lead", [
    ("I had laser 2 months ago, is it ok to do microneedling on the 30th?", "Yes: the 1 month your clinic asks for was over"),
    ("I had laser 3 weeks ago, is it ok to do microneedling on the 30th?", "Yes: the 1 month your clinic asks for is over"),
])
def test_a_gap_of_one_is_said_in_the_singular(said, lead):
    now = datetime(2026, 11, 16, 12, 0)
    assert answer(said, protocol.load("pre-post"), None, now).text.startswith(lead)


@pytest.mark.parametrize("said, allowed, lead", [
    ("I had a chemical peel last week. Can I still keep my appointment?", False,
     "Not yet: your clinic asks for 1 month without chemical peels and laser treatments before treatment; the "
     "earliest is Tuesday 15 December (in about 24 days)."),  # the latest day of last week, with no made-up hour
    ("I got waxed yesterday, my treatment is on Monday, is that ok?", None, "That depends on the times"),
    ("I got waxed yesterday, can I have microneedling on Thursday?", True,
     "Yes: the 72 hours your clinic asks for are over by Monday 23 November, before your treatment"),
])
def test_a_last_use_said_as_a_day_or_a_week_is_answered_where_all_of_it_agrees(said, allowed, lead):
    (ruled,) = answer(said, protocol.load("pre-post"), None, NOW).answers
    assert ruled.allowed is allowed and ruled.lead.startswith(lead) and ruled.allowed_from is None


def test_whether_the_gap_is_long_enough_asks_whether_the_treatment_can_go_ahead():
    said = "I stopped Claravis back in March and my appointment is in two weeks, is that long enough?"
    ruled = answer(said, protocol.load("pre-post"), None, NOW).answers[0]
    assert ruled.topic == "isotretinoin" and ruled.allowed is True and ruled.lead.startswith("Yes: the 6 months")
    short = answer("i stoped acutane 3 months ago, is that long enuf?", protocol.load("pre-post"), None, NOW).answers[0]
    assert short.allowed is False and short.lead.startswith("Not yet:")  # "enuf": spelt by sound


@pytest.mark.parametrize("said, allowed", [
    ("last claravis pill was 8 months ago am i cleared for microneedling", True),  # the last dose, a thing said
    ("my last accutane dose was in march, can I book microneedling?", True),  # ... so March is behind
    ("my last accutane pill was 2 months ago, ok for microneedling next week?", False),
])
def test_the_last_dose_said_as_a_thing_counts_the_gap_before_treatment(said, allowed):
    ruled = answer(said, protocol.load("pre-post"), None, NOW).answers[0]
    assert ruled.topic == "isotretinoin" and ruled.allowed is allowed and "nothing about after it" not in ruled.text


def test_whether_it_is_too_close_is_answered_the_way_round_it_was_asked():
    close = answer("I had a laser two weeks ago, is that too close to my microneedling date?",
                   protocol.load("pre-post"), None, NOW).answers[0]
    far = answer("I had a chemical peel 5 weeks ago, is that too close to my treatment?",
                 protocol.load("pre-post"), None, NOW).answers[0]
    assert close.topic == "peels_laser" and close.allowed is False and close.lead.startswith("Yes, too close:")
    assert far.allowed is True and far.lead.startswith("No, not too close: the 1 month")


@pytest.mark.parametrize("said, allowed, lead", [
    ("I had Fraxel laser two weeks ago, is that too soon for microneedling?", False, "Yes, too soon:"),
    ("I had Fraxel laser done 5 months ago. Is that fine for microneedling now?", True, "Yes: the 1 month"),
    ("had a deep peel like 3 weeks back, still ok to come in?", False, "Not yet:"),  # "back": ago
])
def test_whether_a_procedure_had_leaves_microneedling_too_soon_is_asked_of_the_treatment_ahead(said, allowed, lead):
    ruled = answer(said, protocol.load("pre-post"), None, NOW).answers[0]
    assert ruled.topic == "peels_laser" and ruled.allowed is allowed and ruled.lead.startswith(lead)
    assert "nothing about after it" not in ruled.text  # never read as asked once treated


@pytest.mark.parametrize("said", ["I got sunburned at the beach, can I still go in tomorrow?",
                                  "I have a cold sore on my lip, can I still come?",
                                  "I have sunburn from holiday on my cheeks, is still ok to do the treatment today?",
                                  "sunburnt my nose today at the game lol, tmrw still good?",  # whether it stands
                                  "got sunburnt yesterday and my face is still red, is tmrw still a go?"])
def test_a_condition_that_bars_treatment_answers_whether_to_come(said):
    asked = {a.topic: a.allowed for a in answer(said, protocol.load("pre-post"), None, NOW).answers}
    assert asked.get("contraindications") is False


def test_going_on_doing_something_is_no_question_of_coming_in():
    asked = [a.topic for a in answer("can I still go swimming?", protocol.load("pre-post"), None, NOW).answers]
    assert asked == ["swimming"]


def test_a_product_kept_off_on_the_day_is_said_so():
    said = answer("can I put on my moisturizer when I wake up?", protocol.load("day-by-day"),
                  datetime(2026, 11, 20, 10, 0), datetime(2026, 11, 19, 18, 0)).text
    assert "your clinic asks you to go without moisturizer on the day of your treatment" in said


@pytest.mark.parametrize("said, allowed", [
    # a time ago beside a treatment said to be ahead is the last use, never the treatment's own time
    ("I had Botox three days ago and my microneedling is tomorrow, is that okay?", False),
    ("I had botox 3 days ago, my appointment is in a week, is that ok?", True),
    ("I had Botox 3 days ago and my microneedling appointment is tomorrow. Is that okay?", False),
    # "since" right before the number is the time's own word ("since 8 month", a learner's "for 8 months")
    ("I stop take Accutane since 8 month, is enough for do microneedling?", True),
    ("I am off Accutane since 4 months, ok for microneedling?", False),
    # how long it was used is no time since ("for eight months"), nor a gap between two other things
    ("I was on Accutane for about eight months and took my last pill back in August. A friend booked a month "
     "after finishing hers. Can I book microneedling?", False),
    ("I was on Accutane for 8 months and quit 7 months ago, can I get microneedling?", True),
])
def test_a_time_ago_before_a_treatment_ahead_is_the_last_use(said, allowed):
    (ruled,) = answer(said, protocol.load("pre-post"), None, NOW).answers
    assert ruled.allowed is allowed and "your clinic asks for" in ruled.text.lower()  # the gap before treatment


@pytest.mark.parametrize("said", ["Tomorrow I do microneedling. Can I wax my lip today?",
                                  "Tomorrow I do microneedling. Today I want wax my upper lip, can or not?"])
def test_a_treatment_told_beside_a_question_is_not_the_question(said):
    # the appointment is told in a sentence of its own; the question is the waxing, now
    (ruled,) = answer(said, protocol.load("pre-post"), NOW + timedelta(hours=26), NOW).answers
    assert ruled.topic == "waxing" and ruled.allowed is False


@pytest.mark.parametrize("said, allowed", [
    ("my appointment on friday, can I wax tomorrow?", True),  # Friday, not tomorrow, is the treatment
    ("appointment on the 30th, can I wax on the 28th?", False),
    ("my appointment is tomorrow, can I wax today?", False),
])
def test_an_appointment_on_a_day_is_the_treatment_and_the_other_day_the_one_asked_about(said, allowed):
    (ruled,) = answer(said, protocol.load("pre-post"), None, datetime(2026, 11, 21, 16, 0)).answers
    assert ruled.topic == "waxing" and ruled.allowed is allowed and "before your treatment" in ruled.text



def test_redness_told_before_the_treatment_asks_whether_it_can_go_ahead():
    # a sunburn days before the appointment: who may be treated, not how long redness lasts after it
    r = answer("my nose got sunburned at the lake and my appointment is on Tuesday, is that an issue?",
               protocol.load("pre-post"), None, datetime(2026, 11, 21, 16)).as_json()
    assert "contraindications" in [a["topic"] for a in r["answers"]]
    r = answer("it feels like I have a bad sunburn, is that expected?", protocol.load("rf"),
               datetime(2026, 11, 21, 10), datetime(2026, 11, 21, 14)).as_json()
    assert [a["topic"] for a in r["answers"]] == ["discomfort"]  # a likeness after it, no sunburn had


def test_what_to_stop_before_treatment_is_named_as_the_products_the_sheet_lists():
    said = answer("Can I wear makeup to my appointment?", protocol.load("day-by-day"),
                  datetime(2026, 11, 20, 10, 0), datetime(2026, 11, 19, 18, 0)).text
    assert "go without the products it lists on the day of your treatment" in said and "no what to" not in said


def test_wearing_makeup_to_the_appointment_said_just_before_is_coming_in_made_up():
    r = answer("My appointment is on Friday. Can I wear foundation to it?", protocol.load("day-by-day"),
               datetime(2026, 11, 20, 10, 0), datetime(2026, 11, 18, 12, 0)).as_json()
    assert r["answers"][0]["topic"] == "makeup" and r["answers"][0]["allowed"] is False
