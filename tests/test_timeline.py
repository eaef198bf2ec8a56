"""The recovery timeline and rulings at every boundary, to the minute, and before treatment."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from assistant.clinic import protocol
from assistant.clinic.ruling import rule_on
from assistant.clinic.schedule import newly_allowed
from assistant.core.ids import topic_ids
from assistant.dialogue.reply import answer
from assistant.timeline.phases import Timeline
from assistant.understanding.utterance import Utterance

T = datetime(2026, 11, 20, 10, 0)
M = timedelta(minutes=1)


def h(hours: float) -> datetime:
    return T + timedelta(hours=hours)


EDGES = [  # protocol, topic, moment, allowed
    ("alexander", "makeup", h(24) - M, False), ("alexander", "makeup", h(24), True),
    ("alexander", "sunscreen", h(24) - M, False), ("alexander", "sunscreen", h(24) + M, True),
    ("alexander", "swimming", h(48) - M, False), ("alexander", "swimming", h(48), True),
    ("alexander", "exercise", h(48) + M, False), ("alexander", "exercise", h(72) - M, False),
    ("alexander", "exercise", h(72), True), ("alexander", "heat", h(72) - M, False),
    ("alexander", "heat", h(72) + M, True), ("alexander", "active_skincare", h(72) - M, False),
    ("alexander", "active_skincare", h(72), True), ("alexander", "sun_exposure", h(240) - M, False),
    ("alexander", "sun_exposure", h(240), True),
    ("pre-post", "makeup", h(48) - M, False), ("pre-post", "makeup", h(48), True),
    ("pre-post", "heat", h(48) - M, False), ("pre-post", "heat", h(48), True),
    ("pre-post", "injections", h(72) - M, False), ("pre-post", "injections", h(72), True),
    ("pre-post", "waxing", h(72) - M, False), ("pre-post", "waxing", h(72), True),
    ("pre-post", "sun_exposure", h(240) - M, False), ("pre-post", "sun_exposure", h(240), True),
    ("pre-post", "nsaids", h(500), False), ("pre-post", "acetaminophen", h(1), True),
    ("pre-post", "skincare_routine", datetime(2026, 11, 21, 23, 59), False),
    ("pre-post", "skincare_routine", datetime(2026, 11, 27, 0, 0), True),
    # before treatment: negative elapsed time
    ("pre-post", "isotretinoin", datetime(2026, 5, 20, 9, 59), True),
    ("pre-post", "isotretinoin", datetime(2026, 5, 20, 10, 1), False),
    ("pre-post", "waxing", h(-72) - M, True), ("pre-post", "waxing", h(-72) + M, False),
    ("pre-post", "peels_laser", datetime(2026, 10, 20, 10, 1), False),
    ("pre-post", "shaving", datetime(2026, 11, 19, 23, 59), True),
    ("pre-post", "shaving", datetime(2026, 11, 20, 0, 1), False),
    ("pre-post", "contraindications", h(-100), None),  # a yes or no only where a condition is named
    # calendar days: day 1 starts at midnight whatever the hour of treatment
    ("day-by-day", "makeup", datetime(2026, 11, 20, 23, 59), False),
    ("day-by-day", "makeup", datetime(2026, 11, 21, 0, 0), True),
    ("day-by-day", "nsaids", h(3), False), ("day-by-day", "active_skincare", h(72) - M, False),
    ("day-by-day", "active_skincare", h(72), True), ("day-by-day", "moisturizer", h(-3), False),
    # "until healed" never becomes an hour
    ("rf", "makeup", h(24) - M, False), ("rf", "makeup", h(24) + M, None),
    ("rf", "exercise", h(500), None), ("rf", "sun_exposure", datetime(2027, 1, 20, 9, 59), False),
    ("rf", "sun_exposure", datetime(2027, 1, 20, 10, 0), True),
]


@pytest.mark.parametrize("pid,topic,now,allowed", EDGES, ids=[f"{e[0]}-{e[1]}-{e[2]:%m%d%H%M}" for e in EDGES])
def test_ruling_at_each_boundary(pid, topic, now, allowed):
    assert rule_on(protocol.load(pid), topic, T, now).allowed is allowed


def test_what_the_question_says_of_an_open_condition_decides_it_but_never_before_its_earliest():
    """rf: no makeup until healed, "no longer wearing the occlusive barrier", and not before 24 hours."""
    p = protocol.load("rf")
    assert rule_on(p.as_stated({"healed": False}), "makeup", T, h(100)).allowed is False
    met = rule_on(p.as_stated({"healed": True}), "makeup", T, h(100))
    assert met.allowed is True and met.lead == "Yes, now that your skin has healed."
    early = rule_on(p.as_stated({"healed": True}), "makeup", T, h(10))  # the sheet's 24 h first, said as a time
    assert early.allowed is False and early.lead.startswith("Not yet: wait until Saturday 21 November at 10:00")
    assert rule_on(p.as_stated({"nothing": True}), "makeup", T, h(100)).allowed is None
    assert p.as_stated({}) is p


@pytest.mark.parametrize("text, allowed", [
    ("I'm not fully healed yet, can I wear makeup?", False), ("still have aquaphor on, gym ok?", False),
    ("all healed now, makeup ok?", True), ("can I wear makeup?", None),
    ("can i go to the gym yet or do i hav to wait til im heald", None),  # healed, waited for, not told
    ("Make-up I can use when? Now still I have the balm barrier on.", False),  # rf's balm is its barrier
    ("my skin still not heal, the gym is ok?", False),  # a learner's present
    ("face not yet heal, I can go to the gym?", False), ("skin already heal, I can go gym?", True),
    ("can I wear makeup before my skin has healed?", False),  # leave asked for the time before it
    ("still dry and peeling and a little pink. Can I go back to spin class?", False),  # peeling: not healed
    ("can i hit the gym yet or nah? skin still kinda raw", False),
])
def test_a_question_that_says_the_skin_has_healed_or_not_is_answered_on_it(text, allowed):
    from assistant.dialogue.reply import answer
    a = answer(text, protocol.load("rf"), T, h(100)).answers
    assert [r.allowed for r in a if r.topic in ("makeup", "exercise")] == [allowed]


def test_a_rule_that_holds_at_every_moment_needs_no_treatment_time():
    said = "i am pregnant can i be treated"
    assert rule_on(protocol.load("pre-post"), "contraindications", None, h(5), said=said).allowed is False
    assert rule_on(protocol.load("pre-post"), "nsaids", None, h(5)).allowed is None  # a window needs the time


def test_a_rule_against_one_act_decides_only_when_the_act_is_named():
    """Dr. Alexander's "do not pick at scabs" holds for good, for picking; moisturising them it does not decide."""
    p = protocol.load("alexander")
    assert rule_on(p, "scabs_peeling", T, h(2000), said="can i pick the scabs").allowed is False
    assert rule_on(p, "scabs_peeling", T, h(2000), said="can i put moisturizer on the scabs").allowed is None


def test_a_leave_about_the_thing_named_that_has_not_begun_decides_before_a_ban_that_has_ended():
    """pre-post: other products come back from day 2, the normal routine only from day 7."""
    p = protocol.load("pre-post")
    assert rule_on(p, "skincare_routine", T, h(100), said="can i go back to my normal routine").allowed is False
    assert rule_on(p, "skincare_routine", T, h(100), said="can i start adding my other products").allowed is True
    assert rule_on(p, "skincare_routine", T, h(200), said="can i go back to my normal routine").allowed is True


@pytest.mark.parametrize("said, days", [("injections", 14), ("fillers", 14), ("juvederm", 14), ("botox", 5),
                                        ("dysport", 5)])
def test_fillers_and_botox_each_keep_their_own_gap_before_treatment(said, days):
    """pre-post line 18: 2 weeks after fillers, 5 days after Botox; injections in general, the longer."""
    p, words = protocol.load("pre-post"), Utterance.of(f"can I get {said}").text
    assert rule_on(p, "injections", T, h(-days * 24) - M, said=words).allowed is True
    assert rule_on(p, "injections", T, h(-days * 24) + M, said=words).allowed is False


def test_allowed_from_is_the_exact_window_end_and_is_said_in_words():
    r = rule_on(protocol.load("alexander"), "makeup", T, h(10))
    assert r.allowed_from == h(24)
    assert "Saturday 21 November at 10:00" in r.text and "in about 14 hours" in r.text


def test_late_treatment_makes_day_1_start_thirty_minutes_later():
    late = datetime(2026, 11, 20, 23, 30)
    p = protocol.load("day-by-day")
    r = rule_on(p, "makeup", late, datetime(2026, 11, 20, 23, 45))
    assert r.allowed is False and r.allowed_from == datetime(2026, 11, 21, 0, 0)
    assert rule_on(p, "makeup", late, datetime(2026, 11, 21, 0, 0)).allowed is True
    t = Timeline(p.phases, late)
    assert t.advance(datetime(2026, 11, 20, 23, 59)) == "day_of_treatment"
    assert t.advance(datetime(2026, 11, 21, 0, 0)) == "day_1"


def test_until_healed_says_what_healed_means_and_invents_no_hour():
    r = rule_on(protocol.load("rf"), "makeup", T, h(5))
    assert r.allowed is False and r.allowed_from is None and "occlusive barrier" in r.text
    later = rule_on(protocol.load("rf"), "makeup", T, h(60))
    assert later.allowed is None and later.allowed_from is None and "occlusive barrier" in later.text


def test_unknown_treatment_time_states_the_window_and_allowed_is_null():
    r = rule_on(protocol.load("alexander"), "exercise", None, h(30))
    assert r.allowed is None and r.allowed_from is None and "48 hours" in r.text and "72 hours" in r.text


@pytest.mark.parametrize("now,phase", [
    (h(-1), "before_treatment"), (h(0), "first_2_hours"), (h(2) - M, "first_2_hours"),
    (h(2), "first_24_hours"), (h(24) - M, "first_24_hours"), (h(24), "hours_24_to_48"),
    (h(48), "hours_48_to_72"), (h(72) - M, "hours_48_to_72"), (h(72), "sun_care"),
    (h(240), "recovered"), (h(28 * 24), "follow_up_due"),
])
def test_alexander_phases_to_the_minute(now, phase):
    assert Timeline(protocol.load("alexander").phases, T).advance(now) == phase


def test_timeline_goes_back_when_the_clock_does_and_records_what_it_entered():
    t = Timeline(protocol.load("pre-post").phases, T)
    assert t.advance(h(60)) == "days_2_to_7"
    assert [name for name, _ in t.entered] == ["day_of_treatment", "day_1", "days_2_to_7"]
    assert t.entered[1][1] == datetime(2026, 11, 21, 0, 0)
    assert t.advance(h(5)) == "day_of_treatment"


def test_entering_a_phase_calls_back_with_the_clock_of_the_event():
    p = protocol.load("alexander")
    heard = []
    t = Timeline(p.phases, T, on_enter=lambda phase, start, now: heard.append((phase.id, start, now)))
    t.advance(h(73))
    assert [(pid, start) for pid, start, _ in heard][-1] == ("sun_care", h(72))
    assert all(now == h(73) for _, _, now in heard)  # the clock came with the event, not from the model
    opened = newly_allowed(p, T, h(48), h(72))
    assert "exercise" in opened  # gyms and sweating: 72 hours, so not at 48 h when swimming opens
    assert "exercise" not in newly_allowed(p, T, h(24), h(48)) and "swimming" in newly_allowed(p, T, h(24), h(48))


def test_every_protocol_declares_its_phases_and_unknown_time_has_none(any_protocol):
    assert Timeline(any_protocol.phases, None).advance(h(5)) == "unknown"
    assert Timeline(any_protocol.phases, T).advance(h(-1000)) == "before_treatment"


@pytest.mark.parametrize("hours", [-5000, -100, -1, 0, 1, 30, 200, 2000])
def test_every_topic_of_every_protocol_rules_at_any_time(any_protocol, hours):
    for topic in topic_ids():
        r = rule_on(any_protocol, topic, T, h(hours))
        assert r.allowed in (True, False, None) and r.text


def test_the_quick_phase_lookup_agrees_with_the_machine_everywhere(any_protocol):
    from assistant.timeline.phases import phase_at
    machine = Timeline(any_protocol.phases, T)
    for minutes in range(-3 * 24 * 60, 70 * 24 * 60, 59):
        now = T + timedelta(minutes=minutes)
        assert phase_at(any_protocol.phases, T, now) == machine.advance(now), now


def test_a_topic_only_once_treated_is_ruled_from_the_treatment_on_without_its_time():
    """Peeling only comes after treatment: "do not pick" holds then, whenever the treatment was."""
    p = protocol.load("rf")
    assert rule_on(p, "scabs_peeling", None, h(5), said="can i pick the flakes off", after=True).allowed is False
    assert rule_on(p, "scabs_peeling", None, h(5), said="can i pick the flakes off").allowed is None
    assert rule_on(p, "makeup", None, h(5), said="can i wear makeup", after=True).allowed is None  # a window
    # ... and names no moment it began: the treatment's is not known
    ruling = rule_on(protocol.load("pre-post"), "acetaminophen", None, h(5), said="should i stop using tylenol",
                     avoid=True, after=True)
    assert ruling.allowed is True and ruling.allowed_from is None and ruling.lead == "No, there is no need to."


def test_a_condition_said_to_be_met_answers_without_the_treatment_time():
    p = protocol.load("rf").as_stated({"healed": True})  # "my skin has healed"
    ruling = rule_on(p, "exercise", None, h(5), said="my skin has healed can i go running")
    assert ruling.allowed is True and ruling.lead == "Yes, now that your skin has healed." and ruling.allowed_from is None


def test_with_no_treatment_time_a_question_is_asked_once_treated_unless_it_speaks_of_before():
    from assistant.dialogue.reply import answer
    p, now = protocol.load("rf"), datetime(2026, 11, 21, 16, 0)
    assert answer("can I take Tylenol for the pain?", p, None, now).as_json()["answers"][0]["allowed"] is True
    assert answer("can I wear makeup?", p, None, now).as_json()["answers"][0]["allowed"] is None  # a window
    dbd = protocol.load("day-by-day")
    said = answer("can I take advil before I come in for the procedure?", dbd, None, now).as_json()
    assert said["answers"][0]["allowed"] is None  # before the treatment the sheet says nothing


def test_a_condition_said_not_met_answers_not_yet_without_the_treatment_time():
    p = protocol.load("rf").as_stated({"healed": False})  # "I'm still on the balm"
    ruling = rule_on(p, "makeup", None, h(5), said="still on the balm can i wear concealer")
    assert ruling.allowed is False and ruling.lead.startswith("Not yet: only once your skin has healed")


def test_a_moment_counted_from_a_treatment_not_yet_dated_is_ruled_without_a_date():
    from assistant.dialogue.reply import answer
    now = datetime(2026, 11, 21, 16, 0)
    r = answer("am I allowed to shave the morning of my appointment?", protocol.load("pre-post"), None, now)
    assert r.as_json()["answers"][0]["allowed"] is False and r.text.startswith("No for the morning of your treatment.")
    assert "November" not in r.text  # no date made up for a treatment whose day is not known
    r = answer("can I wear makeup the day after my treatment?", protocol.load("day-by-day"), None, now)
    assert r.as_json()["answers"][0]["allowed"] is True


def test_a_sheet_that_allows_only_its_samples_says_no_to_any_other_product_named():
    p = protocol.load("alexander")  # "use only the sample skin care products … in the first 3 days"
    assert rule_on(p, "skincare_routine", T, h(8), said="can i do a face mask tonight").allowed is False
    assert rule_on(p, "skincare_routine", T, h(8), said="can i use the samples tonight").allowed is True


def test_a_rule_about_the_thing_named_needs_no_treatment_time_when_it_holds_for_good():
    p = protocol.load("alexander")  # no brushes, ever; no makeup for 24 hours
    said = "can i use a makeup brush to put on my foundation"
    assert rule_on(p, "makeup", None, h(5), said=said, after=True).allowed is False
    assert rule_on(p, "makeup", None, h(5), said="can i wear makeup", after=True).allowed is None


@pytest.mark.parametrize("pid", ["alexander", "rf"])
@pytest.mark.parametrize("text", ["can I take the scabs off?", "little crusts, I can take them off?"])
def test_taking_scabs_off_is_picking_them(pid, text):
    from assistant.dialogue.reply import answer
    a = answer(text, protocol.load(pid), T, h(60)).answers
    assert [(r.topic, r.allowed) for r in a] == [("scabs_peeling", False)]


@pytest.mark.parametrize("text, want", [
    # asked in a sentence of its own whether the treatment can go ahead: the treatment's leave first, and what is
    # named only as the reason
    ("I've got a cold sore on my lip right now and my treatment is tomorrow. Can I still go ahead?",
     [("contraindications", False), ("cold_sores", None)]),
    ("I'm on retinol. Can I still go ahead with my treatment tomorrow?",
     [("pre_treatment_skincare", False), ("active_skincare", None)]),
])
def test_a_question_of_going_ahead_is_the_treatments_and_the_thing_named_its_reason(text, want):
    r = answer(text, protocol.load("pre-post"), T, T - timedelta(hours=30)).as_json()
    assert [(a["topic"], a["allowed"]) for a in r["answers"]] == want



def test_stopping_a_course_still_in_force_is_answered_keep_to_it_until_its_end():
    # pre-post: the antiviral from 2 days before to 2 days after; asked at 20 hours whether it can be stopped
    text = answer("can I stop the valtrex now?", protocol.load("pre-post"), T, T + timedelta(hours=20)).as_json()["text"]
    assert text.startswith("No: keep to it until Sunday 22 November at 10:00") and "not any more" not in text


def test_a_desk_note_of_botox_before_a_booked_mn_asks_whether_the_slot_can_be_kept():
    r = answer("pt had Botox 3 days ago and her MN is booked for tomorrow, can she keep the slot?",
               protocol.load("pre-post"), None, T - timedelta(hours=30)).as_json()
    assert [(a["topic"], a["allowed"]) for a in r["answers"]] == [("injections", False)]
