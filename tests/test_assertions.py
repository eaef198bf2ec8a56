"""What a red flag asserts: whose it is, when, how sure, and what is being asked (issue: safety on new words)."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.clinic import protocol
from assistant.dialogue.reply import answer

T = datetime(2026, 11, 20, 10, 0)


def reply(text: str, pid: str = "alexander", hours: float = 30, desk: bool = False):
    return answer(text, protocol.load(pid), T, T + timedelta(hours=hours), desk=desk)


@pytest.mark.parametrize("text, level, opening", [
    ("my wife's face is swelling and she can't breathe", "emergency", "Call 911 now for them"),
    ("my husband had his done too and now he has pus", "urgent", "They should call their clinic now"),
    ("she has a fever", "urgent", "They should call their clinic now"),
    ("my son has a fever, can I still come in?", "none", ""),
])
def test_someone_elses_sign(text, level, opening):
    r = reply(text)
    assert r.triage.level == level and r.text.startswith(opening)


def test_at_the_desk_the_third_person_is_the_patient():
    r = reply("her throat feels tight", desk=True)
    assert r.triage.level == "emergency" and r.text.startswith("Call 911 now:") and "for them" not in r.text
    assert reply("he has pus", desk=True).triage.level == "urgent"


@pytest.mark.parametrize("text", ["what if I get a fever?", "is it bad if I have a fever?",
                                  "should I worry about pus?", "is pus something to watch for?",
                                  "what's the fever temp I'm supposed to ring you at", "what temp is a fever for adults",
                                  "whats the fever number that means i shoud call you"])
def test_a_question_about_a_sign_gets_its_rule_never_reassurance(text):
    r = reply(text, "rf")
    assert r.triage.level == "none"
    assert "If you notice" in r.text and "call your clinic now" in r.text and "normal part of healing" not in r.text


@pytest.mark.parametrize("text, level", [
    ("what can I do to keep the puffiness from getting worse overnight?", "none"),  # kept from: not happened
    ("how do I stop the redness from spreading", "none"),
    ("how do I keep the pus from spreading?", "urgent"),  # what is kept is there
    ("the redness is spreading, how do I keep it from getting worse?", "urgent"),  # said before the keeping
    ("I keep getting worse pain from spreading redness", "urgent"),  # "keep" of going on, no "from getting"
    ("how do i keep my throat from closing up", "emergency"),  # an emergency asked about stays one
])
def test_what_is_kept_from_happening_has_not_happened(text, level):
    assert reply(text, "rf", hours=4).triage.level == level


@pytest.mark.parametrize("text, level", [
    ("I was going to get my brows waxed Monday but now there's pus", "urgent"),  # a plan said, then what is there
    ("what would happen if I get a rash but now I have a fever", "urgent"),  # asked, then told
    ("what if I get pus and a fever?", "none"),  # asked all through
    ("is it going to get pus?", "none"),
])
def test_what_is_told_now_after_a_question_or_a_plan_is_there(text, level):
    assert reply(text, "rf", hours=50).triage.level == level


def test_a_fever_said_beside_words_of_its_threshold_still_counts():
    assert reply("my fever temperature keeps climbing", "rf").triage.level == "urgent"
    assert reply("what is a fever anyway, I feel hot and shivery", "rf").triage.level == "urgent"


def test_a_question_about_an_emergency_sign_gets_the_911_rule_first():
    r = reply("what if my throat swells, what do I do?", "pre-post")
    assert r.triage.level == "emergency" and r.text.startswith("If you have swelling of the throat")
    assert "call 911 at once" in r.text
    r = reply("what would I do if I had trouble breathing after?", "day-by-day")  # two signs, the same words
    assert r.text.startswith("If you have trouble breathing, call 911") and r.text.count("trouble breathing") == 1


@pytest.mark.parametrize("text", ["Fever? nope.", "pus: none", "red streaks - no", "chest pain? no, none",
                                  "Blisters? None. Streaks? None. Just dry.", "trouble breathing - not at all"])
def test_a_no_after_a_named_sign_clears_it(text):
    assert reply(text).triage.level == "none"


@pytest.mark.parametrize("text", ["I can't breathe, no joke", "can't breathe? no", "I can not breathe no",
                                  "no can breathe good", "my throat no feel right, hard swallow",
                                  "chest pain. NO", "my lips are swelling. no"])
def test_a_negation_never_settles_an_emergency_it_cannot_read(text):
    assert reply(text, hours=3).triage.level == "emergency"


@pytest.mark.parametrize("text, level", [
    ("I had a fever last year after my flu shot", "none"), ("as a kid I used to get cold sores", "none"),
    ("in 2019 I had cellulitis", "none"), ("I had a fever last night but it went away", "urgent"),
    ("yesterday I nearly fainted, fine now", "emergency"),
])
def test_resolved_counts_and_long_past_does_not(text, level):
    assert reply(text, "rf").triage.level == level


@pytest.mark.parametrize("text", ["it's hard to get air in", "breathing is difficult",
                                  "I am not breathing well since the treatment"])
def test_breathing_trouble_in_other_words_is_an_emergency(text):
    assert reply(text, hours=4).triage.level == "emergency"


def test_no_trouble_breathing_is_a_clear_no():
    assert reply("no trouble breathing at all, just red", hours=4).triage.level == "none"


def test_every_reason_is_named_with_its_number_and_what_to_do_if_unreachable():
    r = reply("I have a fever of 102 and there is pus", "rf", 40)
    first = r.parts()[0].text
    assert r.triage.level == "urgent"
    assert "a fever of 102 °F, at or above your clinic's 101.5 °F" in first and "pus or cloudy drainage" in first
    assert "urgent care" in r.text


def test_no_reassurance_beside_a_warning_about_the_same_sign():
    p = protocol.load("rf")
    normal = p.expectations_for("redness")[0].text
    calm = reply("is redness normal?", "rf", 30)
    assert normal in calm.text  # the sheet's words on redness, when nothing is wrong
    warned = reply("the redness is spreading, is redness normal?", "rf", 30)
    assert warned.triage.level == "urgent" and normal not in warned.text


def test_a_reaction_the_sheet_says_to_report_at_once_is_urgent():
    r = reply("my face is very swollen", "rf", 10)
    assert r.triage.level == "urgent" and "contact the office immediately" in r.text
    assert reply("my face is very swollen", "alexander", 10).triage.level == "none"  # alexander: normal then


@pytest.mark.parametrize("text, pid, hours, first", [
    ("should I stop my retinol before the appointment?", "pre-post", -60, "Yes"),
    ("I'm on tretinoin, do I need to stop it before my appointment?", "pre-post", -100, "Yes"),
    ("is advil ok for the pain", "pre-post", 30, "No"),
    ("is it ok to use my makeup brush", "alexander", 30, "No"),
    ("can I wear makeup?", "alexander", 30, "Yes"),
    ("do I need to avoid the sun?", "alexander", 10, "Yes"),
    ("do I still have to stay out of the sun?", "alexander", 500, "No"),
])
def test_the_lead_word_answers_the_question_asked(text, pid, hours, first):
    assert reply(text, pid, hours).text.split()[0].strip(",.:") == first


@pytest.mark.parametrize("text", ["THERE IS PUS", "there is pus 😱😱", "puuuus coming out", "pus\nand it smells",
                                  "fine. all good. actually wait. there is pus now", "there is pus no punctuation"])
def test_bad_input_keeps_the_sign(text):
    assert reply(text).triage.level == "urgent"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["I can't breathe", "I cannot swallow", "I couldn't breathe", "unable to breathe"]),
       st.sampled_from(["", ",", ".", "?", " -", ":"]), st.sampled_from(["no", "nope", "none", "not at all", "never"]))
def test_an_answer_after_an_emergency_that_holds_a_negative_never_clears_it(sign, mark, after):
    assert reply(f"{sign}{mark} {after}", hours=2).triage.level == "emergency"


def test_a_red_flag_in_words_no_list_holds_is_caught_by_meaning_and_asked_back():
    r = reply("my breathing feels really laboured and heavy", hours=3)
    assert r.triage.level == "emergency" or (r.confirm and "trouble breathing" in r.confirm)
    out = r.as_json()
    assert out["reasons"] or out["confirm"]


def test_general_text_near_a_red_flag_word_is_not_an_alarm():
    for text in ("set the temperature to 71", "set the temperaure to 71", "British Airways carry-on limits",
                 "I ate too many chillis last night", "best cream for nappy rash on a baby's bottom",
                 "my hay fever is awful this spring"):
        assert reply(text).triage.level == "none", text


@pytest.mark.parametrize("text,level", [
    ("I don't have a fever or any pus, it's just tight and dry", "none"),  # "or" lists what is denied
    ("no fever or any pus but my lips are swelling", "emergency"),  # the "but" ends it
    ("I don't have a fever and my throat is swelling", "emergency"),  # "and" lists nothing denied
])
def test_a_negation_carries_over_the_alternatives_it_lists(text, level):
    assert answer(text, protocol.load("rf"), T, T + timedelta(hours=40)).triage.level == level


@pytest.mark.parametrize("text", ["still puffy on day 7, is that normal?", "my cheeks are still swollen, should I worry?",
                                  "is it normal to still be this puffy?"])
def test_a_reaction_said_to_linger_is_reported_whatever_the_question_after(text):
    assert reply(text, "pre-post", hours=190).triage.level.name == "ROUTINE"
    assert reply(text, "pre-post", hours=10).triage.level.name == "NONE"  # inside the sheet's window
