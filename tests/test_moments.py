"""Time in the question: when the treatment was, which moment is asked about, said back, kept vague."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from assistant.clinic import protocol
from assistant.dialogue.reply import answer
from assistant.understanding import counted, moments
from assistant.understanding.utterance import Utterance
from assistant.understanding.vocabulary import load

NOW = datetime(2026, 11, 25, 15, 0)  # a Wednesday afternoon


def read(text: str, day_first: bool = False) -> moments.Times:
    return moments.read(Utterance.of(text).tokens, load(), NOW, day_first)


@pytest.mark.parametrize("text, lo, hi", [
    ("I had it done last Tuesday", datetime(2026, 11, 24, 0, 0), datetime(2026, 11, 24, 23, 59)),
    ("I was treated on Monday", datetime(2026, 11, 23, 0, 0), datetime(2026, 11, 23, 23, 59)),
    ("my treatment was 11/24", datetime(2026, 11, 24, 0, 0), datetime(2026, 11, 24, 23, 59)),
    ("I had it done 3 days ago at 2pm", datetime(2026, 11, 22, 14, 0), datetime(2026, 11, 22, 14, 0)),
    ("I had it done this morning", datetime(2026, 11, 25, 6, 0), datetime(2026, 11, 25, 12, 0)),
    ("treated nov 20", datetime(2026, 11, 20, 0, 0), datetime(2026, 11, 20, 23, 59)),
    ("treated Nov. 20th", datetime(2026, 11, 20, 0, 0), datetime(2026, 11, 20, 23, 59)),
    ("I had it done the day before yesterday", datetime(2026, 11, 23, 0, 0), datetime(2026, 11, 23, 23, 59)),
    ("I had it done over the weekend", datetime(2026, 11, 21, 0, 0), datetime(2026, 11, 22, 23, 59)),
    ("I had it done on the 20th", datetime(2026, 11, 20, 0, 0), datetime(2026, 11, 20, 23, 59)),
    # a verb of the past beats a day said right beside "treatment", which alone would be the coming one
    ("I had my treatment Monday morning", datetime(2026, 11, 23, 6, 0), datetime(2026, 11, 23, 11, 59)),
    ("got my procedure Monday, can I swim", datetime(2026, 11, 23, 0, 0), datetime(2026, 11, 23, 23, 59)),
    ("my treatment Monday, can I swim", datetime(2026, 11, 30, 0, 0), datetime(2026, 11, 30, 23, 59)),
    # an hour said with a part of today narrows it, before or after; one that does not fall in it does not
    ("I had it done this morning at 9", datetime(2026, 11, 25, 9, 0), datetime(2026, 11, 25, 9, 0)),
    ("I had it done at 10 this morning", datetime(2026, 11, 25, 10, 0), datetime(2026, 11, 25, 10, 0)),
    ("I had it done this morning at 3pm", datetime(2026, 11, 25, 6, 0), datetime(2026, 11, 25, 12, 0)),
    ("I had it done last night", datetime(2026, 11, 24, 18, 0), datetime(2026, 11, 24, 23, 59)),
    ("I had it done last night at 6pm", datetime(2026, 11, 24, 18, 0), datetime(2026, 11, 24, 18, 0)),
    ("my appointment was on Monday, can I swim", datetime(2026, 11, 23, 0, 0), datetime(2026, 11, 23, 23, 59)),
    # an hour said before its day is placed in it; before a week it places nothing
    ("my appointment is at 2 tomorrow", datetime(2026, 11, 26, 14, 0), datetime(2026, 11, 26, 14, 0)),
    ("my appointment is at 10am on Friday", datetime(2026, 11, 27, 10, 0), datetime(2026, 11, 27, 10, 0)),
    ("I had it done at 3 yesterday", datetime(2026, 11, 24, 15, 0), datetime(2026, 11, 24, 15, 0)),
    ("my appointment is at 3 next week", datetime(2026, 11, 30, 0, 0), datetime(2026, 12, 6, 23, 59)),
    # "today" beside the treatment is some time since midnight; alone it asks of now, as ever
    ("got the procedure today, can I swim tonight?", datetime(2026, 11, 25, 0, 0), NOW),
    # a learner's present tense right before a time gone by tells the treatment, not one asked for
    ("I do microneedling yesterday, I can wear the makeup today?", datetime(2026, 11, 24, 0, 0),
     datetime(2026, 11, 24, 23, 59)),
    ("my sister she get microneedling 2 days ago", datetime(2026, 11, 23, 15, 0), datetime(2026, 11, 23, 15, 0)),
    ("yesterday i do microneedling, can i take advil?", datetime(2026, 11, 24, 0, 0), datetime(2026, 11, 24, 23, 59)),
    ("lip filler 5 days ago, microneedling booked for monday", datetime(2026, 11, 30, 0, 0),
     datetime(2026, 11, 30, 23, 59)),  # booked: the one ahead
])
def test_the_treatment_time_read_from_words_keeps_its_vagueness(text, lo, hi):
    t = read(text).treated
    assert (t.lo, t.hi) == (lo, hi)


@pytest.mark.parametrize("text, lo, hi", [
    ("can I wear makeup tomorrow?", datetime(2026, 11, 26, 0, 0), datetime(2026, 11, 26, 23, 59)),
    ("can I swim in 2 hours?", datetime(2026, 11, 25, 17, 0), datetime(2026, 11, 25, 17, 0)),
    ("can I swim on Monday", datetime(2026, 11, 30, 0, 0), datetime(2026, 11, 30, 23, 59)),
    ("can I go running next week", datetime(2026, 11, 30, 0, 0), datetime(2026, 12, 6, 23, 59)),
    ("is makeup ok this weekend", datetime(2026, 11, 28, 0, 0), datetime(2026, 11, 29, 23, 59)),
    ("can I exercise tomorrow morning", datetime(2026, 11, 26, 6, 0), datetime(2026, 11, 26, 11, 59)),
    ("can I swim the day after tomorrow", datetime(2026, 11, 27, 0, 0), datetime(2026, 11, 27, 23, 59)),
    ("makeup this wknd?", datetime(2026, 11, 28, 0, 0), datetime(2026, 11, 29, 23, 59)),
    ("can I swim at the weekend", datetime(2026, 11, 28, 0, 0), datetime(2026, 11, 29, 23, 59)),
    ("can I swim in a few days", datetime(2026, 11, 27, 15, 0), datetime(2026, 11, 29, 15, 0)),  # stays vague
    ("can I swim in a couple of days", datetime(2026, 11, 27, 15, 0), datetime(2026, 11, 27, 15, 0)),
    # an hour said before a part of a day is placed in it; learners' "in afternoon", "today night"; noon alone
    ("can I put sunscreen on at 8 tomorrow morning", datetime(2026, 11, 26, 8, 0), datetime(2026, 11, 26, 8, 0)),
    ("can I go out at 7 tomorrow evening", datetime(2026, 11, 26, 19, 0), datetime(2026, 11, 26, 19, 0)),
    ("tomorrow in afternoon is ok do sport?", datetime(2026, 11, 26, 12, 0), datetime(2026, 11, 26, 16, 59)),
    ("today night I can use retinol?", datetime(2026, 11, 25, 18, 0), datetime(2026, 11, 25, 23, 59)),
    ("hot shower at noon ok?", datetime(2026, 11, 26, 12, 0), datetime(2026, 11, 26, 12, 0)),
    ("can I swim in half an hour", datetime(2026, 11, 25, 15, 30), datetime(2026, 11, 25, 15, 30)),
    ("can I swim in an hour and a half", datetime(2026, 11, 25, 16, 30), datetime(2026, 11, 25, 16, 30)),
    ("can I swim later today", datetime(2026, 11, 25, 15, 0), datetime(2026, 11, 25, 23, 59)),
    ("can I swim on the 30th", datetime(2026, 11, 30, 0, 0), datetime(2026, 11, 30, 23, 59)),
    ("can I swim on the 3rd at 5pm", datetime(2026, 12, 3, 17, 0), datetime(2026, 12, 3, 17, 0)),
    # a part of the day (intents/language.toml's [day_parts]) or an hour narrows its day, said after or before
    # it; an hour with no am or pm up to 6 is the afternoon's
    ("can I do a spin class friday at noon", datetime(2026, 11, 27, 12, 0), datetime(2026, 11, 27, 12, 0)),
    ("gym thursday after work?", datetime(2026, 11, 26, 17, 0), datetime(2026, 11, 26, 21, 59)),
    ("is makeup ok Saturday in the evening", datetime(2026, 11, 28, 17, 0), datetime(2026, 11, 28, 21, 59)),
    ("swim tomorrow around lunchtime", datetime(2026, 11, 26, 11, 0), datetime(2026, 11, 26, 13, 59)),
    ("can I go to a party friday right after dinner", datetime(2026, 11, 27, 19, 0), datetime(2026, 11, 27, 23, 59)),
    ("can I swim on Sunday at 3", datetime(2026, 11, 29, 15, 0), datetime(2026, 11, 29, 15, 0)),  # no am/pm
    ("can I swim on Sunday at 9", datetime(2026, 11, 29, 9, 0), datetime(2026, 11, 29, 9, 0)),
    ("gym first thing Friday?", datetime(2026, 11, 27, 6, 0), datetime(2026, 11, 27, 8, 59)),  # the part first
    ("can I swim at noon on Saturday", datetime(2026, 11, 28, 12, 0), datetime(2026, 11, 28, 12, 0)),
    ("makeup in the evening tomorrow?", datetime(2026, 11, 26, 17, 0), datetime(2026, 11, 26, 21, 59)),
    ("can I swim this evening at 7", datetime(2026, 11, 25, 19, 0), datetime(2026, 11, 25, 19, 0)),
    ("makeup at 10 tonight?", datetime(2026, 11, 25, 22, 0), datetime(2026, 11, 25, 22, 0)),
    ("makeup first thing tomorrow morning?", datetime(2026, 11, 26, 6, 0), datetime(2026, 11, 26, 8, 59)),
    # a stretch under way is what is left of it, and a narrower moment inside the first wins
    ("can I swim this week", NOW, datetime(2026, 11, 29, 23, 59)),  # under way: what is left of it
    ("can I swim on thurs", datetime(2026, 11, 26, 0, 0), datetime(2026, 11, 26, 23, 59)),  # days shortened
    ("ok to go joging on wensday", NOW, datetime(2026, 11, 25, 23, 59)),  # misspelt past correcting
    ("pool next wk?", datetime(2026, 11, 30, 0, 0), datetime(2026, 12, 6, 23, 59)),
    ("away this weekend, can I swim Sunday night?", datetime(2026, 11, 29, 18, 0), datetime(2026, 11, 29, 23, 59)),
    ("can I swim the week after next", datetime(2026, 12, 7), datetime(2026, 12, 13, 23, 59)),
    ("the weekend after next, can I swim?", datetime(2026, 12, 12), datetime(2026, 12, 13, 23, 59)),
    # an hour with am or pm and no day is its next coming ("at 7am" after 15:00 is tomorrow's)
    ("can I swim at 7am", datetime(2026, 11, 26, 7, 0), datetime(2026, 11, 26, 7, 0)),
    ("can I wash my face at 9pm", datetime(2026, 11, 25, 21, 0), datetime(2026, 11, 25, 21, 0)),
    # a week on from a day, as British speakers say it, and an Australian afternoon
    ("can I swim a week today", datetime(2026, 12, 2), datetime(2026, 12, 2, 23, 59)),
    ("can I swim a week tomorrow", datetime(2026, 12, 3), datetime(2026, 12, 3, 23, 59)),
    ("makeup tomorrow arvo?", datetime(2026, 11, 26, 12, 0), datetime(2026, 11, 26, 16, 59)),
    # an hour inside a part of the day narrows it, and "after" an hour is the rest of that day
    ("can I get my brows waxed Monday morning at 8?", datetime(2026, 11, 30, 8, 0), datetime(2026, 11, 30, 8, 0)),
    ("can I swim friday evening at 7", datetime(2026, 11, 27, 19, 0), datetime(2026, 11, 27, 19, 0)),
    ("is the sauna alright on Sunday after 6pm?", datetime(2026, 11, 29, 18, 0), datetime(2026, 11, 29, 23, 59)),
    # a day of the year by its name, read like a date
    ("can I wear makeup on Christmas?", datetime(2026, 12, 25), datetime(2026, 12, 25, 23, 59)),
    ("sauna on new year's eve?", datetime(2026, 12, 31), datetime(2026, 12, 31, 23, 59)),
    ("can I get a chemical peel for valentine's day", datetime(2027, 2, 14), datetime(2027, 2, 14, 23, 59)),
    # a date with no year, months gone by this year, is next year's when asked about
    ("can I lay out on the beach on February 1st?", datetime(2027, 2, 1), datetime(2027, 2, 1, 23, 59)),
    ("can I go in the sun on jan 25", datetime(2027, 1, 25), datetime(2027, 1, 25, 23, 59)),
])
def test_the_moment_asked_about(text, lo, hi):
    t = read(text).asked
    assert (t.lo, t.hi) == (lo, hi) and read(text).treated is None


def test_said_on_a_weekend_this_weekend_is_the_rest_of_it_and_next_weekend_a_week_on():
    sunday = datetime(2026, 11, 29, 9, 0)
    this = moments.read(Utterance.of("can I swim this weekend").tokens, load(), sunday)
    after = moments.read(Utterance.of("can I swim next weekend").tokens, load(), sunday)
    assert (this.asked.lo, this.asked.hi) == (sunday, datetime(2026, 11, 29, 23, 59))
    assert (after.asked.lo, after.asked.hi) == (datetime(2026, 12, 5, 0, 0), datetime(2026, 12, 6, 23, 59))
    assert moments.read(Utterance.of("I had it done this week").tokens, load(), sunday).asked is None


@pytest.mark.parametrize("text, lo", [
    ("can I swim next Saturday", datetime(2026, 11, 28)),   # tomorrow is "tomorrow": a week on
    ("can I swim next Sunday", datetime(2026, 11, 22)),     # two days on: the coming one
    ("can I swim next weekend", datetime(2026, 11, 28)),    # said on the Friday before it: a week on
    ("can I swim this weekend", datetime(2026, 11, 21)),
])
def test_said_on_a_friday_next_skips_the_day_after(text, lo):
    friday = datetime(2026, 11, 20, 12, 0)
    assert moments.read(Utterance.of(text).tokens, load(), friday).asked.lo == lo


@pytest.mark.parametrize("text", ["I'm on Accutane, can I still get microneedling on Friday?",
                                  "is it ok to do microneedling on Friday after my laser?",
                                  "I stopped Accutane two months ago, can I do microneedling on Friday?"])
def test_a_day_beside_asking_whether_the_treatment_can_go_ahead_is_the_appointment(text):
    times = read(text)
    assert times.treated.lo == datetime(2026, 11, 27) and times.asked is None


def test_the_day_and_month_follow_the_locale():
    assert read("my treatment was 11/10").treated.lo == datetime(2026, 11, 10)
    assert read("my treatment was 11/10", day_first=True).treated.lo == datetime(2026, 10, 11)


@pytest.mark.parametrize("text", ["I'm 35", "SPF 50 please", "my pain is 9/10", "I took 2.5 mg", "room 101"])
def test_numbers_that_are_not_times_never_shift_a_date(text):
    assert read(text) == moments.Times()


def test_a_time_far_away_is_refused_in_one_line_not_used():
    r = answer("I had it done 3000000 days ago, can I swim?", protocol.load("alexander"), None, NOW)
    assert r.elapsed_hours is None and "more than two years away" in r.text


def test_a_question_about_tomorrow_is_judged_for_tomorrow_and_says_so():
    p, treated = protocol.load("alexander"), datetime(2026, 11, 24, 20, 0)
    now = answer("can I wear makeup?", p, treated, NOW).as_json()
    later = answer("can I wear makeup tomorrow?", p, treated, NOW).as_json()
    assert now["answers"][0]["allowed"] is False and later["answers"][0]["allowed"] is True
    assert later["text"].startswith("Yes for tomorrow (Thursday 26 November), ")  # the verdict first


@pytest.mark.parametrize("said, allowed, head", [
    ("can I wear makeup on day 3?", True, "Yes on day 3 (Sunday 29 November)"),  # day 0 is the treatment day
    ("will I be able to wear makeup the day after?", False, "Not yet for the day after your treatment (Friday 27"),
    ("can I wear makeup 3 days after my treatment?", True, "Yes for 3 days after your treatment (Sunday 29"),
    ("can I wear makeup afterwards?", False, "Not yet right after your treatment (Thursday 26"),
    ("can I wear makeup right after?", False, "Not yet right after your treatment (Thursday 26"),  # "after" once
    ("After 3 days can I wear makeup?", True, "Yes for 3 days after your treatment (Sunday 29"),  # a learner's
    ("can I wear makeup after tomorrow's treatment?", False, "Not yet for after your treatment (Thursday 26"),
    ("after tomorrow's procedure, makeup for a dinner that same evening?", False,
     "Not yet for the evening of your treatment (Thursday 26"),
    ("if the treatment goes ahead tomorrow, can I wear makeup afterwards?", False,
     "Not yet right after your treatment (Thursday 26"),  # tomorrow is the treatment's, not the moment asked
    ("My session is tomorrow. Could I shave that morning?", False,
     "Not yet for the morning of your treatment (Thursday 26 November, 06:00-09:59)"),  # the part before it
])
def test_a_moment_counted_from_a_known_treatment_is_judged_then(said, allowed, head):
    p, treated = protocol.load("pre-post"), datetime(2026, 11, 26, 10, 0)  # tomorrow morning; 48 h of no makeup
    r = answer(said, p, treated, NOW).as_json()
    assert r["answers"][0]["allowed"] is allowed and r["text"].startswith(head)
    assert answer("can I wear makeup?", p, treated, NOW).as_json()["answers"][0]["allowed"] is None  # before it


@pytest.mark.parametrize("said, allowed, head", [
    ("can I wear makeup to my appointment?", False, "No, before you come in for your treatment."),
    ("Should I come to the appointment with a totally bare face?", False, "Yes, before you come in"),  # keep it off
    ("should I avoid makeup the day after?", True, "No for the day after your treatment."),  # no need to avoid it
    # leave asked "before my appointment" is asked for the way in; "next day after" is the day after
    ("Can I put lotion on my face before my appointment?", False, "No, before you come in for your treatment."),
    ("Before the procedure I can put my cream on face in the morning?", False, "No, before you come in"),
    ("Next day after treatment I can use makeup?", True, "Yes for the day after your treatment."),
])
def test_a_moment_counted_from_a_treatment_not_dated_is_judged_then_and_said_the_way_round_it_was_asked(
        said, allowed, head):
    r = answer(said, protocol.load("day-by-day"), None, NOW).as_json()
    assert r["answers"][0]["allowed"] is allowed and r["text"].startswith(head)


@pytest.mark.parametrize("said", ["should I stop my retinol before my appointment?",
                                  "do I need to take Valtrex before my appointment?",
                                  "bestie says i need valtrex b4 my appt??"])
def test_advice_before_an_undated_treatment_is_what_to_do_beforehand_not_the_way_in(said):
    r = answer(said, protocol.load("pre-post"), None, NOW).as_json()
    assert [a["allowed"] for a in r["answers"]] == [None] * len(r["answers"]) and "before you come in" not in r["text"]


@pytest.mark.parametrize("said, treated", [
    ("Tomorrow is my treatment. Tonight I can put my normal moisturizer?", datetime(2026, 11, 26)),
    ("If I get it done Friday morning, can I use retinol?", datetime(2026, 11, 27, 6, 0)),
    ("I'm coming in Thursday, can I get a brow wax?", datetime(2026, 11, 26)),
])
def test_a_treatment_ahead_said_first_as_a_plan_or_as_coming_in_is_the_treatment(said, treated):
    assert moments.read(Utterance.of(said).tokens, load(), NOW).treated.lo == treated


def test_the_evening_after_is_the_treatment_days_evening_said_back_once():
    r = answer("Can I swim laps the evening after my microneedling?", protocol.load("alexander"), None, NOW)
    assert r.answers[0].allowed is False and r.text.startswith("No for the evening after your treatment.")


def test_a_use_the_night_before_a_day_of_treatment_rule_says_the_day_once():
    treated = datetime(2026, 11, 26, 10, 0)  # tomorrow morning; day-by-day: no lotion on the day itself
    r = answer("Tonight I can put my normal moisturizer?", protocol.load("day-by-day"), treated, NOW)
    assert r.answers[0].allowed is True and "go without it on the day of your treatment" in r.text
    assert "the the" not in r.text


def test_a_house_named_after_a_day_names_no_day():
    assert read("Can I use my Sunday Riley Good Genes?").asked is None
    assert read("can I use Sunday Riley on Sunday?").asked.lo == datetime(2026, 11, 29)


def test_the_morning_of_typed_without_the_is_that_morning_and_this_morning_before_is_this_one():
    p = protocol.load("pre-post")
    assert answer("shave morning of my appt", p, None, NOW).answers[0].allowed is False
    early = NOW.replace(hour=7)  # this morning, with the appointment at 10: this morning, not the day before
    r = answer("Can I shave this morning before my appointment?", p, early.replace(hour=10), early)
    assert r.answers[0].allowed is False and "Tuesday" not in r.text


def test_a_learners_morning_of_procedure_without_the_is_that_morning():
    r = answer("Is okay if I shave my face in the morning of procedure?", protocol.load("pre-post"), None, NOW)
    assert r.answers[0].allowed is False and r.text.startswith("No for the morning of your treatment.")


def test_afterwards_once_treated_is_after_whatever_else_was_said():
    treated = NOW - timedelta(hours=100)
    times = moments.read(Utterance.of("can I swim now, and the steam room afterwards?").tokens, load(), NOW,
                         treated=treated)
    assert times.asked is None


@pytest.mark.parametrize("said, lo, hi, words", [
    ("can I wash my face the same day?", datetime(2026, 11, 20, 10, 0), datetime(2026, 11, 20, 23, 59),
     "the same day after your treatment"),
    ("before the treatment, can I shave the same day?", datetime(2026, 11, 20, 0, 0), datetime(2026, 11, 20, 9, 59),
     "the same day before your treatment"),
    ("the same day of the procedure, can I wash with a soft cleanser before sleep?", datetime(2026, 11, 20, 10, 0),
     datetime(2026, 11, 20, 23, 59), "the same day after your treatment"),  # before bed, not before the treatment
    # as learners say it, without "the", and said back with it
    ("Before my appointment, I can shave my face in the morning of same day?", datetime(2026, 11, 20, 0, 0),
     datetime(2026, 11, 20, 9, 59), "the same day before your treatment"),
])
def test_the_treatments_own_day_is_the_part_after_it_or_the_part_before_where_before_is_said(said, lo, hi, words):
    span = counted.after_treatment(Utterance.of(said).tokens, datetime(2026, 11, 20, 10, 0), load())
    assert (span.lo, span.hi.replace(second=0, microsecond=0), span.words) == (lo, hi, words)


@pytest.mark.parametrize("said, lo, hi", [
    ("can I wear makeup the evening of my treatment?", datetime(2026, 11, 20, 17, 0), datetime(2026, 11, 20, 21, 59)),
    ("the morning of my appointment, can I shave?", datetime(2026, 11, 20, 6, 0), datetime(2026, 11, 20, 10, 0)),
])
def test_a_part_of_the_treatments_day_is_read_after_it_or_before_it_as_it_falls(said, lo, hi):
    span = counted.after_treatment(Utterance.of(said).tokens, datetime(2026, 11, 20, 10, 0), load())
    assert (span.lo, span.hi.replace(second=0, microsecond=0)) == (lo, hi)


def test_a_part_of_the_treatments_day_over_before_it_is_read_whole():
    tokens = Utterance.of("I had it at 3pm. Did I ruin it by wearing makeup that morning?").tokens
    span = counted.after_treatment(tokens, datetime(2026, 11, 20, 15, 0), load())
    assert (span.lo, span.hi.replace(second=0, microsecond=0)) == (datetime(2026, 11, 20, 6), datetime(2026, 11, 20, 11, 59))


def test_the_evening_of_an_undated_treatment_is_after_it_at_any_hour_it_was_done():
    answered = answer("can I wear makeup the evening of my treatment?", protocol.load("alexander"), None, NOW)
    assert answered.answers[0].allowed is False and answered.text.startswith("No for the evening of your treatment.")


@pytest.mark.parametrize("said", ["I'm on day 3, can I wear makeup?", "it's been 2 days after, can I wear makeup?",
                                  "can I go out 2 days after my run?"])
def test_where_the_patient_is_or_a_day_after_something_else_is_no_moment_asked(said):
    tokens = Utterance.of(said).tokens
    assert counted.after_treatment(tokens, datetime(2026, 11, 20, 10, 0), load()) is None


def test_a_stretch_no_reading_of_which_says_yes_is_not_yet_with_its_condition():
    treated = datetime(2026, 11, 25, 10, 0)  # rf: no exercise until healed, and healed is not before +24 h
    r = answer("is a spin class ok tomorrow morning?", protocol.load("rf"), treated, NOW).as_json()
    assert r["answers"][0]["allowed"] is False  # 06:00-10:00 is too soon, and after that only once healed
    assert r["text"].startswith("Not yet for tomorrow morning (Thursday 26 November, 06:00-11:59): only once your skin")


def test_a_time_ahead_said_of_the_appointment_is_when_the_treatment_will_be_not_the_moment_asked():
    ahead = read("The appointment is in 2 weeks; when do I begin the serum?")
    assert ahead.treated.lo == datetime(2026, 12, 9, 15, 0) and ahead.asked is None
    friday = read("my appointment's on Friday, can I get my lip waxed on Monday?")
    assert friday.treated.lo == datetime(2026, 11, 27, 0, 0) and friday.asked.lo == datetime(2026, 11, 30, 0, 0)
    other = read("got a filler appointment on Tuesday, is that fine?")  # not this appointment
    assert other.treated is None and other.asked.lo == datetime(2026, 12, 1, 0, 0)
    sauna = read("I booked a sauna session for Friday night, is that alright?")  # another session, ahead
    assert sauna.treated is None and sauna.asked.lo == datetime(2026, 11, 27, 18, 0)
    mine = read("my session was on Monday, can I wear makeup?")  # this one
    assert mine.treated.lo == datetime(2026, 11, 23, 0, 0)


@pytest.mark.parametrize("said, days, allowed, words", [
    ("I have my treatment in 2 days, can I wax my chin tonight?", 2, False, "The last time for it was Tuesday 24"),
    ("can I wax my chin tonight?", 5, True, "that still leaves the 72 hours your clinic asks for"),
])
def test_a_use_planned_before_a_known_appointment_is_judged_against_the_gap_before_it(said, days, allowed, words):
    treated = datetime(2026, 11, 25 + days, 10, 0)
    r = answer(said, protocol.load("pre-post"), treated, NOW).as_json()
    assert r["answers"][0]["allowed"] is allowed and words in r["text"]


def test_a_use_planned_before_an_appointment_day_with_no_hour_says_days():
    r = answer("I'm booked in for Saturday; would a brow wax on Thursday be too soon?", protocol.load("pre-post"),
               None, NOW).as_json()  # Saturday from its midnight, the strictest reading
    assert r["answers"][0]["allowed"] is False
    assert "treatment (Saturday 28 November). The last day for it was Tuesday 24 November." in r["text"]


def test_a_vague_treatment_day_never_becomes_a_made_up_hour():
    r = answer("I had it done last Tuesday, can I swim?", protocol.load("alexander"), None, NOW).as_json()
    (a,) = r["answers"]
    assert a["allowed"] is False and a["allowed_from"] is None
    assert "from some time on Thursday 26 November" in a["text"] and "Tuesday 24 November" in r["text"]
    # "yesterday" too is a whole day, never exactly 24 hours ago
    r = answer("I had it done yesterday, can I swim?", protocol.load("alexander"), None, NOW).as_json()
    assert r["answers"][0]["allowed"] is False and r["answers"][0]["allowed_from"] is None
    assert "from some time on Thursday 26 November" in r["text"] and "“yesterday” as Tuesday 24 November" in r["text"]


def test_the_moment_asked_about_is_a_heading_when_the_answer_has_no_yes_or_no():
    r = answer("what should I put on my face tomorrow?", protocol.load("alexander"), datetime(2026, 11, 24, 20, 0), NOW)
    assert r.text.startswith("For tomorrow (Thursday 26 November): ")
    r = answer("what should I put on my face on friday?", protocol.load("alexander"), datetime(2026, 11, 24, 20, 0), NOW)
    assert r.text.startswith("On Friday (Friday 27 November): ")  # as it was said, the day's name written


@pytest.mark.parametrize("said,lo,hi", [
    ("can I swim two weeks from now", datetime(2026, 12, 9, 15, 0), datetime(2026, 12, 9, 15, 0)),
    ("can I swim in three days", datetime(2026, 11, 28, 15, 0), datetime(2026, 11, 28, 15, 0)),
    ("can I swim in March", datetime(2027, 3, 1), datetime(2027, 3, 31, 23, 59)),
])
def test_counted_and_month_moments_are_read_as_asked(said, lo, hi):
    times = moments.read(Utterance.of(said).tokens, load(), NOW)
    assert (times.asked.lo, times.asked.hi) == (lo, hi) and times.treated is None


def test_a_month_of_treatment_is_a_stretch_and_the_answer_says_what_it_depends_on():
    p = protocol.load("alexander")
    vague = answer("I had it done in November, can I swim?", p, None, NOW).text
    assert vague.startswith("That depends on when you were treated, between Sunday 1 November and ")
    sure = answer("I had it done in October, can I swim?", p, None, NOW)
    assert sure.answers[0].allowed is True and "at the latest" in sure.text and "23:59" not in sure.text


@pytest.mark.parametrize("said, lo, hi", [
    ("can I shave the morning of my appointment?", datetime(2026, 11, 28, 6, 0), datetime(2026, 11, 28, 10, 0)),
    ("retinol the night before my treatment?", datetime(2026, 11, 27, 18, 0), datetime(2026, 11, 27, 23, 59)),
    ("can I wax the day of the appointment", datetime(2026, 11, 28, 0, 0), datetime(2026, 11, 28, 10, 0)),
])
def test_a_moment_named_from_a_coming_appointment_is_read_from_it(said, lo, hi):
    """Only the part of the day before the treatment is asked about: after it, it is another question."""
    treated = datetime(2026, 11, 28, 10, 0)
    t = moments.read(Utterance.of(said).tokens, load(), NOW, treated=treated).asked
    assert (t.lo, t.hi) == (lo, hi)


@pytest.mark.parametrize("text", ["can I put lotion on before I come in?", "can I wear makeup to my appointment",
                                  "is serum ok before I head in tomorrow?"])
def test_before_coming_in_is_the_day_of_the_treatment_up_to_it(text):
    appointment = datetime(2026, 11, 26, 10, 0)  # tomorrow morning
    asked = moments.read(Utterance.of(text).tokens, load(), NOW, treated=appointment).asked
    assert (asked.lo, asked.hi) == (datetime(2026, 11, 26), datetime(2026, 11, 26, 9, 59))


def test_before_coming_in_asks_nothing_once_the_treatment_is_past():
    treated = datetime(2026, 11, 24, 10, 0)
    assert moments.read(Utterance.of("can I wear makeup when I come in").tokens, load(), NOW,
                        treated=treated).asked is None


@pytest.mark.parametrize("text, lo, hi", [
    ("I stopped Accutane last year", datetime(2025, 1, 1), datetime(2025, 12, 31, 23, 59)),
    ("quit my retinol last month", datetime(2026, 10, 1), datetime(2026, 10, 31, 23, 59)),
    ("I finished isotretinoin in March", datetime(2026, 3, 1), datetime(2026, 3, 31, 23, 59)),
])
def test_a_past_time_beside_stopping_is_the_last_use(text, lo, hi):
    times = read(text)
    assert (times.used.lo, times.used.hi) == (lo, hi) and times.treated is None and times.asked is None


def test_a_past_day_beside_another_procedure_is_its_last_use_but_no_stopping():
    times = read("I had a chemical peel last week")
    assert (times.used.lo, times.used.hi) == (datetime(2026, 11, 16), datetime(2026, 11, 22, 23, 59))
    assert not times.stopped and times.treated is None and read("I stopped Accutane last year").stopped


def test_and_before_a_new_subject_ends_the_clause_a_time_belongs_to():
    times = read("I stopped Claravis back in March and my appointment is in two weeks")
    assert times.used.lo == datetime(2026, 3, 1) and times.treated.lo == datetime(2026, 12, 9, 15, 0)


def test_if_before_a_new_subject_ends_the_clause_too():
    times = read("can I use my benzoyl peroxide wash tonight if my appointment is Friday morning?")
    assert times.asked.words == "tonight" and times.treated.words == "friday morning"


def test_a_day_beside_a_thing_done_ahead_is_no_last_use():
    times = read("can I get my legs waxed Friday")
    assert times.used is None and times.asked.lo == datetime(2026, 11, 27)


def test_a_time_before_the_treatment_is_counted_back_from_it():
    appointment = datetime(2026, 11, 30, 10, 0)
    asked = moments.read(Utterance.of("should I start the antiviral two days before my appointment").tokens, load(),
                         NOW, treated=appointment).asked
    assert (asked.lo, asked.hi) == (datetime(2026, 11, 28, 10, 0),) * 2


@pytest.mark.parametrize("text", ["can I swim now or should I wait until Friday", "should I wait till tomorrow to swim"])
def test_a_time_waited_for_is_not_the_moment_asked(text):
    assert read(text).asked is None


@pytest.mark.parametrize("text", ["if I wait until Friday, can I swim then?", "can I swim if I wait till friday"])
def test_a_time_waited_for_on_a_condition_is_the_moment_asked(text):
    t = read(text).asked
    assert (t.lo, t.hi) == (datetime(2026, 11, 27, 0, 0), datetime(2026, 11, 27, 23, 59))


def test_when_i_wake_up_is_the_next_morning_and_stops_at_a_treatment_in_it():
    asked = read("can I put lotion on when I wake up").asked
    assert (asked.lo, asked.hi, asked.words) == (datetime(2026, 11, 26, 6), datetime(2026, 11, 26, 9), "when you wake up")
    early = moments.read(Utterance.of("can I put lotion on when I wake up").tokens, load(), NOW,
                         treated=datetime(2026, 11, 26, 8, 30)).asked
    assert early.hi == datetime(2026, 11, 26, 8, 29)


def test_coming_in_on_a_day_said_whole_is_any_time_that_day_before_the_treatment():
    asked = read("can I wear makeup to my appointment tomorrow?").asked  # never a day that ends before it begins
    assert (asked.lo, asked.hi) == (datetime(2026, 11, 26, 0, 0), datetime(2026, 11, 26, 23, 58))


def test_after_the_appointment_ahead_is_right_after_it_and_arriving_counts_from_a_said_treatment_day():
    tylenol = moments.read(Utterance.of("can I take tylenol after my appointment tomorrow").tokens, load(), NOW,
                           treated=datetime(2026, 11, 26, 10)).asked
    assert (tylenol.lo, tylenol.hi) == (datetime(2026, 11, 26, 10), datetime(2026, 11, 26, 12))
    assert moments.read(Utterance.of("can I take tylenol after my appointment").tokens, load(), NOW,
                        treated=datetime(2026, 11, 24, 10)).asked is None  # behind: after what else was said
    makeup = read("I'm getting microneedled tomorrow morning. Can I wear makeup to the appointment?").asked
    assert (makeup.lo, makeup.hi) == (datetime(2026, 11, 26, 0, 0), datetime(2026, 11, 26, 5, 59))


def test_until_the_appointment_is_every_moment_from_now_up_to_it():
    asked = moments.read(Utterance.of("can I keep using my retinol till my appointment").tokens, load(), NOW,
                         treated=datetime(2026, 11, 28, 10)).asked
    assert (asked.lo, asked.hi) == (NOW, datetime(2026, 11, 28, 9, 59))
    p, treated = protocol.load("pre-post"), datetime(2026, 11, 28, 10)  # Saturday: retinol stops Thursday 10:00
    retinol = answer("Can I keep using my retinol until my appointment?", p, treated, NOW).as_json()
    assert retinol["answers"][0]["allowed"] is False and "The last time for it is Thursday 26 November" in retinol["text"]
    # yes now, not on the day: the answer is the part, dated, never "yes, from" a day after it
    shave = answer("can I keep shaving until my appointment?", p, treated, NOW).as_json()
    assert shave["answers"][0]["allowed"] is None and "Yes for now, but stop from Saturday 28 November" in shave["text"]


def test_in_the_morning_alone_is_the_next_morning_but_of_a_named_day_is_that_day():
    asked = read("can I shave in the morning?").asked
    assert (asked.lo, asked.hi) == (datetime(2026, 11, 26, 6), datetime(2026, 11, 26, 12))
    assert read("can I shave in the morning of same day?").asked is None  # no treatment known: no day to count


@pytest.mark.parametrize("text, lo, hi", [
    ("can I swim this coming Friday", datetime(2026, 11, 27), datetime(2026, 11, 27, 23, 59)),  # today is no coming
    ("can I swim this coming Saturday", datetime(2026, 11, 21), datetime(2026, 11, 21, 23, 59)),
    ("can I swim Friday after next", datetime(2026, 12, 4), datetime(2026, 12, 4, 23, 59)),
    ("can I swim by the end of the week", datetime(2026, 11, 20, 12), datetime(2026, 11, 22, 23, 59)),
    ("can I swim at the end of next week", datetime(2026, 11, 27), datetime(2026, 11, 29, 23, 59)),
    ("can I swim in a fortnight", datetime(2026, 12, 4, 12), datetime(2026, 12, 4, 12)),
    ("can I swim a week from Sunday", datetime(2026, 11, 29), datetime(2026, 11, 29, 23, 59)),
])
def test_more_ways_of_naming_a_day_ahead(text, lo, hi):
    asked = moments.read(Utterance.of(text).tokens, load(), datetime(2026, 11, 20, 12, 0)).asked
    assert (asked.lo, asked.hi) == (lo, hi)


@pytest.mark.parametrize("text, lo, hi", [
    ("can I swim on Monday the 30th", datetime(2026, 11, 30), datetime(2026, 11, 30, 23, 59)),  # the date said
    ("can I swim Monday, Nov 30", datetime(2026, 11, 30), datetime(2026, 11, 30, 23, 59)),
    ("can I swim on Monday 30 November at 5pm", datetime(2026, 11, 30, 17), datetime(2026, 11, 30, 17)),
    ("can I swim by the end of the week", datetime(2026, 11, 27), datetime(2026, 11, 29, 23, 59)),  # on a Sunday
])
def test_a_day_named_with_its_date_or_on_a_sunday(text, lo, hi):
    asked = moments.read(Utterance.of(text).tokens, load(), datetime(2026, 11, 22, 2, 0)).asked
    assert (asked.lo, asked.hi) == (lo, hi)


def test_a_part_of_today_is_read_with_its_day():
    treated = read("I had it done at noon today").treated
    assert (treated.lo, treated.hi) == (datetime(2026, 11, 25, 12), datetime(2026, 11, 25, 12))
    assert read("I had it done today at 9").treated.lo == datetime(2026, 11, 25, 9)  # an hour of today too
    assert read("the photos are at 5 today, can I wear makeup for them?").asked.lo == datetime(2026, 11, 25, 17)
    assert read("can I swim today at 8pm?").asked.lo == datetime(2026, 11, 25, 20)


@pytest.mark.parametrize("text, lo, hi", [
    ("can I go to the gym right after?", datetime(2026, 11, 27, 10), datetime(2026, 11, 27, 12)),
    ("can I take Advil that evening", datetime(2026, 11, 27, 17), datetime(2026, 11, 27, 21, 59)),
    ("is makeup ok the next day", datetime(2026, 11, 28), datetime(2026, 11, 28, 23, 59)),
    ("can I wash with my usual cleanser the morning after", datetime(2026, 11, 28, 6), datetime(2026, 11, 28, 11, 59)),
])
def test_a_moment_counted_from_a_treatment_ahead_by_its_own_words(text, lo, hi):
    asked = moments.read(Utterance.of(text).tokens, load(), NOW, treated=datetime(2026, 11, 27, 10)).asked
    assert (asked.lo, asked.hi) == (lo, hi)


@pytest.mark.parametrize("text, asked_lo, treated_lo", [
    ("can I sleep in the mask on Saturday night after tomorrow's procedure?", datetime(2026, 11, 28, 18),
     datetime(2026, 11, 26)),
    ("appointment tomorrow. that night, can I wash my face?", datetime(2026, 11, 26, 18), datetime(2026, 11, 26)),
    ("I'm booked for Friday. Could I lie on the beach the Tuesday after?", datetime(2026, 12, 1), datetime(2026, 11, 27)),
])
def test_a_day_said_after_the_treatment_is_counted_from_it(text, asked_lo, treated_lo):
    times = read(text)
    assert times.asked.lo == asked_lo and times.treated.lo == treated_lo


def test_a_medicine_taken_until_a_month_was_last_used_in_it():
    times = read("I was on Accutane until September, can I still come next week?")
    assert times.used.lo == datetime(2026, 9, 1) and times.used.hi == datetime(2026, 9, 30, 23, 59)


def test_a_day_said_again_right_after_is_the_same_moment():
    times = read("My treatment is tomorrow (Thursday). Can I wear makeup on Saturday?")
    assert times.treated.lo == datetime(2026, 11, 26) and times.asked.lo == datetime(2026, 11, 28)


@pytest.mark.parametrize("text", ["I have a Botox appointment on Friday, is that ok?",
                                  "my Botox appointment is on Friday. too soon after this, or is that ok?"])
def test_another_appointment_beside_a_day_is_not_the_treatment(text):
    times = read(text)
    assert times.treated is None and times.asked.lo == datetime(2026, 11, 27)


def test_a_part_of_today_under_way_is_what_is_left_of_it():
    asked = moments.read(Utterance.of("can I swim this morning today").tokens, load(), datetime(2026, 11, 25, 9)).asked
    assert asked is None or asked.lo >= datetime(2026, 11, 25, 9)
    during = moments.read(Utterance.of("can I swim in the afternoon today").tokens, load(), datetime(2026, 11, 25, 14))
    assert (during.asked.lo, during.asked.hi) == (datetime(2026, 11, 25, 14), datetime(2026, 11, 25, 16, 59))


@pytest.mark.parametrize("text", ["I'm booked for botox on Monday, is that ok?",
                                  "I have a laser treatment Monday, is that a problem?"])
def test_a_time_said_of_another_procedure_is_when_that_is_done_not_this_treatment(text):
    times = read(text)
    assert times.treated is None and times.asked.lo == datetime(2026, 11, 30, 0, 0)


def test_a_count_said_whole_or_hedged_is_the_count():
    from assistant.understanding import quantity
    assert quantity.elapsed(Utterance.of("it's been two full weeks since the procedure").tokens, load()).hours == 336
    assert quantity.elapsed(Utterance.of("healed after just one day").tokens, load()).hours == 24
    assert quantity.elapsed(Utterance.of("I stopped Accutane over a year ago").tokens, load()).hours == 8766


def test_a_treatment_said_to_be_ahead_is_not_the_one_a_past_time_belongs_to():
    times = read("I got Botox 3 days ago and my microneedling is tomorrow. Is that okay?")
    assert times.treated.lo == datetime(2026, 11, 26, 0, 0)  # tomorrow, not 3 days ago: that was the Botox


def test_a_day_of_recovery_said_with_no_treatment_time_is_a_whole_day_never_a_made_up_hour():
    from assistant.clinic import protocol
    from assistant.dialogue.reply import answer
    now = datetime(2026, 11, 21, 16, 0)  # Saturday afternoon
    r = answer("I'm on day 3, can I wear makeup?", protocol.load("pre-post"), None, now)  # treated Wednesday
    assert r.as_json()["answers"][0]["allowed"] is True and "Friday 20 November at the latest" in r.text
    r = answer("it's day 2, can I go to the gym?", protocol.load("pre-post"), None, now)  # 48 h: the hour decides
    assert r.as_json()["answers"][0]["allowed"] is None and "what time you were treated" in r.text


def test_a_count_and_a_half_and_a_treatment_to_come_after_asking_whether_it_can_go_ahead():
    from assistant.understanding import quantity
    assert quantity.elapsed(Utterance.of("it's been two and a half days").tokens, load()).hours == 60
    said = "I had a deep chemical peel two weeks ago. Can I still go ahead with microneedling this week?"
    stated = quantity.elapsed(Utterance.of(said).tokens, load())
    assert stated.hours == 336 and stated.anchor == "unsaid"  # the peel's time, not the microneedling's


@pytest.mark.parametrize("said, allowed", [
    ("I have the treatment since 3 weeks, can I go in the sun without problem?", False),  # 3 weeks ago
    ("i do the microneedling since 9 weeks, can i go in the sun?", True),
])
def test_a_learners_have_the_treatment_since_a_time_says_it_is_behind(said, allowed):
    (ruled,) = answer(said, protocol.load("rf"), None, NOW).answers
    assert ruled.allowed is allowed and "Tell me when" not in ruled.text


def test_a_weekday_in_the_plural_is_a_habit_not_the_day_asked_about():
    said = "I normally teach a spin class on Thursdays. Is it okay if I do a spin class today?"
    assert Utterance.of(said).tokens[7] == "thursdays"
    assert moments.read(Utterance.of(said).tokens, load(), NOW).asked is None  # today: now
    assert moments.read(Utterance.of("can I swim on Thursday?").tokens, load(), NOW).asked.words == "on thursday"


def test_a_time_of_two_units_is_their_sum():
    from assistant.understanding import quantity
    assert quantity.elapsed(Utterance.of("I had it 1 week and 2 days ago").tokens, load()).hours == 168 + 48
    said = "Two months and one week after my microneedling, can I finally lie in the sun?"
    assert quantity.elapsed(Utterance.of(said).tokens, load()).hours == 2 * 730.5 + 168
    span = counted.after_treatment(Utterance.of("can I swim 1 week and 2 days after my treatment?").tokens,
                                   datetime(2026, 11, 20, 10, 0), load())
    assert span.lo == datetime(2026, 11, 29, 10, 0) and span.words == "1 week and 2 days after your treatment"


@pytest.mark.parametrize("said, allowed", [
    ("can I exercise tomorrow, even though my skin hasn't finished healing?", False),
    ("still wearing the aquaphor barrier, can I exercise tomorrow?", False),
    ("my skin has healed, can I exercise tomorrow?", True),
    ("i dont think im heald yet, can i go gym tomorrow", False),  # a doubt is not yet, never "now that it has"
])
def test_what_the_patient_tells_of_healing_judges_a_rule_until_healed(said, allowed):
    r = answer(said, protocol.load("rf"), datetime(2026, 11, 20, 10), NOW).as_json()
    assert r["answers"][0]["topic"] == "exercise" and r["answers"][0]["allowed"] is allowed


def test_today_alone_is_no_moment_read():
    assert read("can I swim today?") == moments.Times()


def test_the_clock_told_is_no_moment_asked():
    assert read("it's about 4pm now, can I go for a run?").asked is None


def test_a_time_of_day_beside_a_day_counted_from_the_treatment_is_that_days():
    # "in the morning" is the treatment day's morning, not tomorrow's, so the sheet's "not on the day" answers
    r = answer("The day of treatment, can I shave in the morning?", protocol.load("pre-post"), None, NOW).as_json()
    assert r["answers"][0]["topic"] == "shaving" and r["answers"][0]["allowed"] is False
    assert read("can I shave in the morning?").asked is not None  # alone, it is the next morning


def test_a_rule_two_topics_share_and_the_ask_for_the_date_are_said_once_the_ask_last():
    r = answer("how many days before the treatment should i stop my retinol", protocol.load("pre-post"), None, NOW)
    assert len(r.answers) == 2 and r.text.count("For 48 hours before your appointment") == 1
    assert r.text.count("Tell me when you were treated") == 1 and r.text.endswith("exact day and time.")


@pytest.mark.parametrize("said, allowed, head", [
    ("Should I sleep propped up tonight?", None, "That is up to you."),  # rf: "you may choose to"
    ("can I sleep propped up tonight?", True, "Yes"),
    ("Should I keep using ice packs?", True, "Yes"),  # a rule that is no choice still says yes
    ("can I sleep propped up tonight or should I lie flat?", True, "Yes"),  # asked leave too
])
def test_a_rule_the_sheet_leaves_to_the_patient_is_yes_when_asked_leave_and_up_to_them_when_asked_advice(
        said, allowed, head):
    r = answer(said, protocol.load("rf"), NOW - timedelta(hours=5), NOW)
    ruled = next(a for a in r.answers if a.topic == "swelling")
    assert ruled.allowed is allowed and ruled.lead.startswith(head)


def test_the_same_verdict_with_its_moment_for_two_topics_is_said_once():
    r = answer("Can I put lotion on my face before my appointment?", protocol.load("day-by-day"), None, NOW)
    assert len(r.answers) == 2 and all(a.lead == "No, before you come in for your treatment." for a in r.answers)
    assert r.text.count("No, before you come in") == 1 and r.text.startswith("No, before you come in")


def test_time_said_to_have_passed_is_time_since_and_time_spent_is_not():
    from assistant.understanding import quantity
    for said in ("two weeks have passed since the treatment", "pass 2 weeks from the treatment"):
        assert quantity.elapsed(Utterance.of(said).tokens, load()).hours == 336
    assert quantity.elapsed(Utterance.of("I passed 2 hours in the sun").tokens, load()) is None


def test_the_treatment_said_as_a_learner_or_with_its_kind_named_is_dated_the_right_way():
    assert read("They make my face on Tuesday, now the makeup is fine for me?").treated.lo == datetime(2026, 11, 24)
    # "is my microneedling appointment on Monday still fine?" asks of the Monday ahead, not the one gone
    assert read("Is my microneedling appointment on Monday still fine?").treated.lo == datetime(2026, 11, 30)


def test_a_count_before_ending_its_clause_is_time_gone_by_and_before_the_treatment_named_is_ahead_of_it():
    # a learner's "3 days before." is "3 days ago": the question is asked now, not for a moment before treatment
    treated = datetime(2026, 11, 21, 10)
    r = answer("I did the microneedling 3 days before. It is possible I go swimming now?", protocol.load("alexander"),
               treated, NOW).as_json()
    assert [a["allowed"] for a in r["answers"] if a["topic"] == "swimming"] == [True]
    assert counted.after_treatment(Utterance.of("I did the microneedling 3 days before.").tokens, treated,
                                   load()) is None
    assert counted.after_treatment(Utterance.of("can I wax 3 days before my treatment?").tokens, treated,
                                   load()).lo == treated - timedelta(days=3)


def test_a_booking_said_first_is_the_treatments_date_not_the_moment_asked():
    times = read("Booked for microneedling on Friday. Can I get my legs waxed on Monday?")
    assert times.treated.lo.date() == datetime(2026, 11, 27).date() and times.asked.lo.weekday() == 0


@pytest.mark.parametrize("text, lo", [
    ("I had it done on Nov 12, can I swim?", datetime(2026, 11, 12)),  # days ago: the last one
    ("I had it done on February 3, can I swim?", datetime(2026, 2, 3)),  # months ago: a treatment's is this year's
])
def test_a_date_with_no_year_for_the_treatment_is_the_last_one(text, lo):
    assert read(text).treated.lo == lo


def test_a_word_that_starts_like_a_month_is_no_date():
    times = read("Got it done this morning, maybe 3 hours ago. Can I put concealer on?")
    assert times.asked is None and times.treated.words == "this morning"


@pytest.mark.parametrize("text, lo, hi, words", [
    # NOW is Wednesday 25 November, 15:00
    ("can i swim at noon tomorrow", datetime(2026, 11, 26, 12), datetime(2026, 11, 26, 12), "at noon tomorrow"),
    # an hour or a part of the day said apart from the day narrows it
    ("can i do my 7am spin class tmrw", datetime(2026, 11, 26, 7), datetime(2026, 11, 26, 7), "tomorrow at 7 am"),
    ("the party is tomorrow. we start at 7. can I wear makeup then?", datetime(2026, 11, 26, 7),
     datetime(2026, 11, 26, 7), "tomorrow at 7"),  # said back with one space
    ("going out sun nite w the girls, mkup ok by then?", datetime(2026, 11, 29, 18), datetime(2026, 11, 29, 23, 59),
     "sunday night"),  # "sun" before a part of the day is Sunday's
    ("can i put makup on for my date sat nite?", datetime(2026, 11, 28, 18), datetime(2026, 11, 28, 23, 59),
     "saturday night"),
    ("wax n botox on wed?", NOW, datetime(2026, 11, 25, 23, 59), "on wednesday"),  # after "on": today's rest
    ("mineral makeup on sat?", datetime(2026, 11, 28), datetime(2026, 11, 28, 23, 59), "on saturday"),
    ("the wedding is tomorrow. the makeup artist comes at noon. can I wear makeup by then?",
     datetime(2026, 11, 26, 12), datetime(2026, 11, 26, 12), "tomorrow at noon"),
    ("Tomorrow I go to the wedding. Can I put on makeup in the afternoon?",
     datetime(2026, 11, 26, 12), datetime(2026, 11, 26, 16, 59), "tomorrow in the afternoon"),
    ("wat about tmrw like 7am b4 work, makeup ok then", datetime(2026, 11, 26, 7), datetime(2026, 11, 26, 7),
     "tomorrow at 7 am"),  # an hour inside the part said with it agrees with it
    ("what about tomorrow like 7pm before work, makeup ok then", datetime(2026, 11, 26),
     datetime(2026, 11, 26, 23, 59), "tomorrow"),  # ... and one outside does not
    ("can i wear makup to my thursday shift tomorow? it starts 7am", datetime(2026, 11, 26, 7),
     datetime(2026, 11, 26, 7), "tomorrow at 7 am"),  # one day named twice is still one day
    # ... but not by two: which is meant is not known
    ("can i swim tomorrow? I work in the morning and in the evening", datetime(2026, 11, 26), datetime(2026, 11, 26, 23, 59),
     "tomorrow"),
    # the moment the question names beats one a sentence before it only tells
    ("My reunion is next Saturday. Can I go back on my tretinoin tonight?",
     datetime(2026, 11, 25, 18), datetime(2026, 11, 25, 23, 59), "tonight"),
])
def test_a_day_is_narrowed_by_the_hour_said_apart_from_it_and_the_questions_own_moment_wins(text, lo, hi, words):
    asked = read(text).asked
    assert (asked.lo, asked.hi, asked.words) == (lo, hi, words)


def test_how_long_a_thing_was_used_before_the_treatment_is_no_moment_before_it():
    tokens = Utterance.of("I've been using the serum for about ten days before my appointment, is that enough?").tokens
    assert counted.after_treatment(tokens, datetime(2026, 11, 28, 10), load()) is None
    start = Utterance.of("can I start the serum ten days before my appointment?").tokens
    assert counted.after_treatment(start, datetime(2026, 11, 28, 10), load()).lo == datetime(2026, 11, 18, 10)


def test_a_time_said_right_after_now_is_the_present_and_done_on_a_day_is_the_treatment():
    times = moments.read(Utterance.of("Done on Friday 10am, now Sunday 6pm: the gym tonight I can?").tokens, load(),
                         datetime(2026, 11, 22, 18, 0))
    assert times.treated.lo == datetime(2026, 11, 20, 10, 0)
    assert (times.asked.lo, times.asked.words) == (datetime(2026, 11, 22, 18, 0), "tonight")


@pytest.mark.parametrize("text", ["My dermatology appointment is Monday, can I use retinol that night?",
                                  "my derm appointment on Monday, can I use retinol that night?"])
def test_another_visits_appointment_is_the_moment_asked_not_the_treatment(text):
    times = moments.read(Utterance.of(text).tokens, load(), datetime(2026, 11, 22, 12, 0),
                         treated=datetime(2026, 11, 20, 10, 0))
    assert times.treated is None and (times.asked.lo, times.asked.hi.hour) == (datetime(2026, 11, 23, 18, 0), 23)


def test_an_hour_said_alone_in_another_sentence_is_the_hour_of_the_day_named():
    times = moments.read(Utterance.of("On Monday I have the gym at 5 pm. It is allowed?").tokens, load(),
                         datetime(2026, 11, 21, 16, 0))
    assert (times.asked.lo, times.asked.hi) == (datetime(2026, 11, 23, 17, 0), datetime(2026, 11, 23, 17, 0))


def test_two_questions_each_naming_a_moment_are_each_judged_at_their_own():
    p, treated, now = protocol.load("pre-post"), datetime(2026, 11, 20, 10), datetime(2026, 11, 21, 16)
    r = answer("Is a hot shower okay tonight? And can I go to spin class Sunday evening?", p, treated, now).as_json()
    assert [(a["topic"], a["allowed"]) for a in r["answers"]] == [("heat", False), ("exercise", True)]
    assert r["text"].startswith("Not yet for tonight (Saturday 21 November, 18:00-23:59)")
    assert "Yes for Sunday evening (Sunday 22 November, 17:00-21:59)" in r["text"]
    # a time told in a statement is what it tells, not a second moment asked about
    told = answer("Can I use retinol tonight? I have a facial tomorrow.", p, treated, now).text
    assert told.count("(Saturday 21 November, 18:00-23:59)") == 1 and "Sunday 22 November)" not in told


@pytest.mark.parametrize("text, at", [
    ("can I put makeup on at 11 for the party?", datetime(2026, 11, 25, 23, 0)),  # 11 am is past: 11 pm
    ("can I wear makeup at 8 for dinner?", datetime(2026, 11, 25, 20, 0)),
    ("my video call is at 3, can I wear concealer?", datetime(2026, 11, 25, 15, 0)),  # said within the hour
])
def test_an_hour_with_no_am_or_pm_is_the_next_one_on_the_clock_today(text, at):
    asked = read(text).asked
    assert (asked.lo, asked.hi) == (at, at)


def test_an_hour_with_no_am_or_pm_already_gone_today_is_no_moment():
    assert read("I had a meeting at 1, can I wear makeup?").asked is None  # 13:00 is past, and no day is said


@pytest.mark.parametrize("text, lo, hi", [
    ("can I use the steam room every night through Monday?", NOW, datetime(2026, 11, 30, 23, 59)),
    ("bike rides every day til Saturday ok?", NOW, datetime(2026, 11, 28, 23, 59)),
    ("if I wait until Saturday, can I swim then?", datetime(2026, 11, 28), datetime(2026, 11, 28, 23, 59)),  # waited
])
def test_a_day_said_after_through_or_until_asks_of_every_moment_up_to_its_end(text, lo, hi):
    asked = read(text).asked
    assert (asked.lo, asked.hi) == (lo, hi)
