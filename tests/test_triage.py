"""Red-flag triage: negation that never hides an emergency, temperatures, phases, and properties."""
from __future__ import annotations

from datetime import datetime, timedelta

import golden
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.clinic import protocol
from assistant.core.levels import Level
from assistant.dialogue.reply import answer
from assistant.safety.triage import assess
from assistant.understanding.utterance import Utterance

T = datetime(2026, 11, 20, 10, 0)


def level(text: str, pid: str = "alexander", hours: float = 30) -> str:
    return answer(text, protocol.load(pid), T, T + timedelta(hours=hours)).triage.level


@pytest.mark.parametrize("text,want", [
    ("I can't breathe", "emergency"), ("i cant breath", "emergency"), ("can't swallow", "emergency"),
    ("unable to open my eye", "urgent"), ("no trouble breathing, just red", "none"),
    ("no fever, just dry", "none"), ("I don't have any pus", "none"), ("no pus but my throat is closing", "emergency"),
    ("my fever went away", "urgent"), ("maybe pus?", "urgent"), ("not sure if it's pus", "urgent"),
    ("I have a fever", "urgent"), ("fevr 102", "urgent"), ("there's some puss", "urgent"),
    ("my friend had pus after hers", "urgent"), ("my husband says I have pus", "urgent"),
    ("my son has a fever, is my appointment still on?", "none"), ("she has a fever", "urgent"), ("his lips are swelling", "emergency"),
    ("I'm 38 years old", "none"), ("98.6", "none"), ("38.9 C", "urgent"), ("a hundred and one", "urgent"),
    ("how do I know if it is infected?", "none"), ("the redness keeps spreading", "urgent"),
    ("is it hot in Miami today", "none"), ("Saturday Night Fever is on tonight", "none"),
    ("Fever?\nno\nChills?\nnone", "none"), ("blisters\nnope\nred streaks\nnone", "none"),
    ("Good morning. Thank you so much for everything yesterday, you were all lovely. I can hardly get a breath",
     "emergency"),  # each sentence is compared by meaning on its own: the greeting dilutes nothing
    ("my lungs feel like they are closing", "emergency"), ("everything went black for a minute", "emergency"),
    ("I feel like I am suffocating", "emergency"), ("my lips are blue", "emergency"),
    ("I'm prone to cold sores, what should I do before?", "none"),  # a tendency, not today's sign
    ("once in a while I get a blister on my lip, anything to do first?", "none"),
    ("from time to time my tongue swells up", "emergency"),  # a tendency never clears an emergency
    ("my zit cream, when can it go back on?", "none"), ("is the pimple serum ok yet", "none"),  # a product's kind
    ("I have zits, can I use cream?", "routine"),
    ("I'm prone to cold sores and now there are blisters on my lip", "urgent"),
    ("signs it's infected?", "none"), ("these allergies are killing me", "none"), ("my cheeks are killing me", "urgent"),  # said of the face
    ("purple spots under my eyes, can I cover them?", "none"), ("dark spots keep floating in my eyes", "urgent"),
    ("what will tell me the dots are infected?", "none"), ("what would tell me my throat is closing", "emergency"),
    ("the bumps under my eye are full of liquid", "urgent"),
    ("our lawn has brown spots everywhere", "none"), ("I got stung by a bee and my throat is swelling", "emergency"),  # where they are puts no distance between
    ("feelin realy faint", "emergency"), ("what am I supposed to be slathering on so it doesn't dry out?", "none"), ("my chest is aching since this morning", "emergency"),
    ("this heat is killing me, is a dip in the pool ok yet", "none"),  # the weather, no pain
    ("I nearly had a heart attack when I saw my face in the mirror lol", "none"),  # a fright
    ("I think I'm having a heart attack", "emergency"), ("my husband is having a heart attack", "emergency"),
    ("how do i even know if its infected lol", "none"),  # asks about the sign
    ("her face is swelling up really fast", "emergency"), ("my lips are twice the size", "emergency"),
    ("everything went dark for a second", "emergency"), ("the room is going dark", "none"),
    ("I ice it twice a day for the swelling", "none"), ("there's a lump that is hot and sore", "urgent"),
    ("is the swellin gonna get worse tomorow", "none"), ("my face is getting worse", "urgent"),  # asked, told
    ("My husband took Benadryl but the hives are spreading down his neck and he says he's dizzy", "emergency"),
    ("the hives are back", "urgent"), ("how do I get rid of the bee hives in my garden", "none"),
    ("my kitchen sink drainage is really slow, what should I pour down it?", "none"),  # a sink's
    ("there's drainage from the spots", "urgent"),
    ("said her chest feels crushed", "emergency"), ("pain become more strong every day", "urgent"),
    ("red stripes going down from my jaw", "urgent"), ("a cold sore is breaking out on my lip", "urgent"),
    ("our striker broke out of his slump, am I ok to hit the gym now?", "none"),  # no breakout
    ("I'm burning up with curiosity, when is my next session?", "none"), ("I'm burning up", "urgent"),
    ("so spicy my lips were tingling lol", "none"), ("my lips are tingling", "urgent"),
    ("put on 101.5 the Sun FM", "none"), ("is there a heat warning this week", "none"),
    ("how do volcanoes ooze lava?", "none"), ("smells like something burning when I turn the car heater on", "none"),
    ("my sister have red bumps everywhere, very itchy, and she say the room is turning around", "emergency"),
    ("should I put a cool compress on it? my lips and tongue are blowing up like balloons", "emergency"),
    ("her whole face n throat puffin up", "emergency"), ("the vision in my left eye has gone kind of smeary", "urgent"),
    ("the drainage in my shower is clogged again", "none"), ("my kitchen tap keeps leaking", "none"),
    ("wife has a 102 fever", "urgent"),  # "my" left out in a text, still the writer's own
    ("feel like something is squeezing my throat", "emergency"), ("I can breathe only little bit", "emergency"),
    ("my sister just passed out invitations to her baby shower", "none"), ("I passed out at the party", "emergency"),
    ("went to a breakout session after my appointment", "none"),
    ("the pain's not normal soreness anymore, it's severe and getting worse", "urgent"),  # more than normal
    ("this traffic is killing me lol, can I take Advil?", "none"), ("it's killing me", "urgent"),  # the subject
    ("how long do I roast shishitos until they blister?", "none"),  # food
    ("my son has a fever after his microneedling, didnt check how high", "urgent"),  # told, not asked
    ("I have a fever, not sure how high", "urgent"), ("how high a fever is too high?", "none"), ("the swelling is long gone", "none"),
    ("a red streak across the whole sky at sunset", "none"), ("I'm tickled pink with it", "none"),
])
def test_levels(text, want):
    assert level(text) == want


@pytest.mark.parametrize("pid,temp,want", [
    ("rf", "100.8", "routine"), ("rf", "101.5", "urgent"), ("rf", "38.3 C", "routine"),
    ("alexander", "100.8", "urgent"), ("alexander", "100.3", "none"), ("pre-post", "38 degrees", "urgent"),
])
def test_fever_threshold_comes_from_the_clinic(pid, temp, want):
    assert level(f"my temp is {temp}", pid) == want


@pytest.mark.parametrize("text, want", [
    ("a blister on my heel from new boots", "none"), ("there's pus in a cut on my finger", "none"),
    ("my knee is red and swollen", "none"),  # a part no treatment reaches
    ("pus on my finger and on my chin", "urgent"),  # ... and a treated one
    ("itchy hives on my arms", "urgent"),  # a reaction shows anywhere
    ("my lips and my hands are swelling up", "emergency"),  # an emergency is never a part's
    ("the wooden door is swollen and sticks", "none"), ("my tomato plant has dark patches on the leaves", "none"),
    ("there is pus on my pillowcase", "urgent"),  # a thing beside an urgent sign: it came from the face
    ("my face is still as swollen as a balloon", "routine"),  # a likeness is no thing
    ("how do I fix bad drainage in my backyard", "none"), ("dark patches showed up on my lawn", "none"),  # grounds
    ("pus draining from my cheek, I was in the backyard all day", "urgent"),  # ... and the face beside one
    ("The creek near us is swelling fast. Will the road flood?", "none"),  # running water's, even in an emergency's words
    ("went for a walk by the creek and now swelling fast", "emergency"),  # a join between: not the creek's
    ("the creek trip was fun but my throat is swelling fast", "emergency"),  # a person's part named
])
def test_a_sign_of_a_part_no_treatment_reaches_is_not_the_treated_skins(text, want):
    assert level(text, "alexander", hours=200) == want


def test_the_signs_that_count_wherever_they_are_are_signs(vocab):
    assert vocab.anywhere and vocab.anywhere <= set(vocab.sign_by_id)  # a misspelt id would count nowhere


@pytest.mark.parametrize("text, want", [
    ("thermometer says 101.8, do I need to call?", "urgent"),  # a reading asked about is still a reading
    ("is 100.6 something to worry about", "routine"),
    ("if it goes up to 102 should I call?", "none"),  # a condition stays a condition
    ("should I call about a fever?", "none"),  # the word alone, asked about in general
])
def test_a_temperature_read_off_is_there_now_whatever_the_sentence_asks(text, want):
    assert level(text, "rf") == want


@pytest.mark.parametrize("text, want", [
    ("yellow stuff oozing out, should i worry", "urgent"),  # told, then asked about
    ("yellow gunk oozing out of a couple spots, kinda gross, should i worry", "urgent"),
    ("what about pus, should I call?", "none"),  # the opening asks too
    ("quick question about fever, when should I worry?", "none"),
    ("my sister got a fever after her microneedling, should I worry?", "none"),  # her own, asked of my risk
    ("Nobody here has a fever, don't worry.", "none"),
    # going on as it is asked about, on no part named: there now
    ("is it normal for cloudy stuff to be draining out of a few spots? it's kinda thick", "urgent"),
    ("no trble breathing, no hives, just tight skin. can i use moisturiser?", "none"),  # a typo's denial too
    ("i have trble breathing", "emergency"),
    # the mouth swells or closes, never narrows: small blisters around it are a cold sore's
    ("I have small blisters around the mouth, like cold sore, it start this morning. What I do?", "urgent"),
    ("my mouth feels like its closing up", "emergency"), ("my throat feels small", "emergency"),
    # redness past the treated skin spreads; cloudy and yellow drainage is pus's; "big time" is no size
    ("Can I go for a jog? The redness has gone way past where I was treated and is spreading down my chest", "urgent"),
    ("How long does the oozing last? Now it looks cloudy and yellow", "urgent"),
    ("my cold sore came back big time, my whole lip is covered", "urgent"),
    ("the hot tub water went cloudy and green, what should I add?", "none"),
    ("wat should i look out 4 that means its infected", "none"),  # asked about, "for" texted as a number
])
def test_a_sign_told_before_the_question_about_it_is_there_now(text, want):
    assert level(text, "pre-post", 65) == want


@pytest.mark.parametrize("pid,text,hours,want", [
    ("alexander", "it's still red", 40, "none"), ("alexander", "it's still red", 200, "routine"),
    ("rf", "still pretty red", 100, "none"), ("rf", "still pretty red", 300, "routine"),
    ("day-by-day", "a little bruise under my eye", 50, "none"), ("day-by-day", "a little bruise under my eye", 200, "routine"),
    ("rf", "there's some oozing", 10, "none"), ("rf", "there's some oozing", 80, "routine"),
])
def test_expected_reactions_follow_the_clinics_windows(pid, text, hours, want):
    assert level(text, pid, hours) == want


@pytest.mark.parametrize("text, want", [
    ("I had a medium peel 3 weeks ago, too soon?", "none"), ("got a deep peel last month, still ok to do it?", "none"),
    ("still peeling 3 weeks after my deep peel", "routine"),  # the skin's own word still counts beside one
])
def test_a_reaction_word_inside_another_treatments_name_is_no_reaction(text, want):
    assert level(text, "pre-post", 500) == want


@pytest.mark.parametrize("text, want", [
    ("can I use heat on my cheeks?", "none"), ("is it ok to apply a warm cloth", "none"),
    ("can I put a warm compress on", "none"), ("my cheeks feel warm, can I use a cool compress", "routine"),
    ("is warm water ok on my face", "none"),  # inside the name of a thing put on: "warm water"
])
def test_a_reaction_word_that_names_what_is_put_on_is_no_reaction(text, want):
    assert level(text, "pre-post", 60) == want  # past the two days warmth usually lasts: the skin's is read


def test_someone_elses_sign_counts_when_they_were_treated_or_are_all_the_message_is_about():
    p = protocol.load("alexander")
    treated = answer("my friend had pus after hers", p, T, T + timedelta(hours=30))
    assert treated.triage.level == "urgent" and treated.text.startswith("They should call their clinic now")
    untreated = answer("my son has a fever, can I still come in?", p, T, T + timedelta(hours=30))
    assert untreated.triage.level == "none" and "they should call their clinic now" in untreated.text
    only_them = answer("my son has a fever", p, T, T + timedelta(hours=30))  # written only about him: a patient
    assert only_them.triage.level == "urgent" and only_them.text.startswith("They should call their clinic now")
    anyone = answer("my wife's face is swelling and she can't breathe", p, T, T + timedelta(hours=3))
    assert anyone.triage.level == "emergency" and anyone.text.startswith("Call 911 now for them")


@pytest.mark.parametrize("text", ["is there a cream for my baby's heat rash", "my dog has pus in his ear",
                                  "my toddler has a fever and a rash", "our bunny has a fever and pus"])
def test_a_babys_or_a_pets_sign_is_no_aftercare_flag_nor_a_condition(text):
    r = answer(text, protocol.load("alexander"), T, T + timedelta(hours=30))
    assert r.triage.level == "none" and "they should call" not in r.text.lower()


def test_an_emergency_about_a_baby_still_counts():
    r = answer("my baby can't breathe", protocol.load("alexander"), T, T + timedelta(hours=30))
    assert r.triage.level == "emergency" and r.text.startswith("Call 911 now")


def test_emergency_reply_starts_with_the_call(vocab):
    r = answer("my tongue is swelling, can I wear makeup?", protocol.load("rf"), T, T + timedelta(hours=5))
    assert r.text.startswith("Call 911 now: ") and len(r.parts()) == 1
    assert r.text.count("swelling of the throat") == 1  # each sign named once, however many phrases found it


FLAGS = ["I can't breathe", "there is pus", "my throat is closing", "I have a fever of 102",
         "red streaks are spreading", "I passed out", "chest pain", "my vision is blurry"]
NEGATED = ["no fever", "I don't have any pus", "no trouble breathing", "there is no pus or fever",
           "no red streaks", "I haven't fainted"]
ORDINARY = [c["q"] for c in golden.cases() if c["triage"] == ["none"]]
questions = st.one_of(st.sampled_from(ORDINARY), st.text(max_size=80))


@settings(max_examples=150, deadline=None)
@given(q=questions, flag=st.sampled_from(FLAGS), pid=st.sampled_from(protocol.bundled_ids()),
       hours=st.integers(-100, 2000), before=st.booleans())
def test_adding_a_red_flag_never_lowers_the_level(q, flag, pid, hours, before):
    text = f"{flag}. {q}" if before else f"{q}. {flag}"
    assert Level(level(text, pid, hours)) >= max(Level(level(q, pid, hours)), Level(level(flag, pid, hours)))


@settings(max_examples=150, deadline=None)
@given(q=st.sampled_from(ORDINARY), neg=st.sampled_from(NEGATED), pid=st.sampled_from(protocol.bundled_ids()))
def test_adding_a_negated_sign_to_an_ordinary_question_never_raises_it(q, neg, pid):
    # an ordinary question of one clinic may be a call at another's ("very inflamed" where rf says to report
    # it), so the negated sign is held to the question's own level, not to none
    assert Level(level(f"{q}. {neg}", pid)) <= Level(level(q, pid))


def _typo(word: str, i: int) -> str:
    i = i % max(1, len(word) - 2) + 1
    return word[:i] + word[i + 1] + word[i] + word[i + 2:] if len(word) > 4 else word


@settings(max_examples=200, deadline=None)
@given(flag=st.sampled_from(FLAGS), upper=st.booleans(), spaces=st.integers(1, 3),
       punct=st.sampled_from(["", "!", "!!!", "?", "...", " :("]), typo_at=st.integers(0, 20),
       typo=st.booleans(), prefix=st.sampled_from(["", "help ", "um so ", "hi, ", "ok "]),
       suffix=st.sampled_from(["", " right now", " since this morning", ", what do I do"]))
def test_a_red_flag_survives_what_a_person_does_to_it(flag, upper, spaces, punct, typo_at, typo, prefix, suffix):
    words = flag.split()
    if typo:
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        words[longest] = _typo(words[longest], typo_at)
    text = prefix + (" " * spaces).join(words) + punct + suffix
    text = text.upper() if upper else text
    want = Level(level(flag))
    assert Level(level(text)) >= want, text


def test_assess_uses_the_protocol_threshold_not_the_default(vocab):
    u = Utterance.of("fever of 101", vocab)
    assert assess(u, vocab, protocol.load("rf")).level == "routine"
    assert assess(u, vocab, protocol.load("alexander")).level == "urgent"


def test_a_celsius_temperature_is_said_back_as_written_with_fahrenheit_beside_it():
    r = answer("thermometer says 38,9", protocol.load("rf"), T, T + timedelta(hours=40))
    assert r.triage.level == "urgent" and "a fever of 38.9 °C (102 °F), at or above your clinic's 101.5 °F" in r.text
    r = answer("fever of 102", protocol.load("rf"), T, T + timedelta(hours=40))
    assert "a fever of 102 °F," in r.text and "°C" not in r.text


def test_someone_elses_urgent_sign_tells_them_what_to_do_if_their_clinic_cannot_be_reached():
    r = answer("my wife's cheeks keep getting hotter", protocol.load("alexander"), T, T + timedelta(hours=40))
    assert r.text.startswith("They should call their clinic now") and "If they cannot reach the clinic" in r.text


def test_a_sign_of_infection_is_answered_with_the_clinics_signs_of_infection_after_what_was_asked():
    r = answer("yellowish goo is coming out of a couple of spots", protocol.load("rf"), T, T + timedelta(hours=50))
    assert r.triage.level == "urgent" and [a["topic"] for a in r.as_json()["answers"]] == ["infection_signs"]
    r = answer("is swelling normal? there is some pus", protocol.load("rf"), T, T + timedelta(hours=50))
    assert [a["topic"] for a in r.as_json()["answers"]] == ["swelling", "infection_signs"]
    r = answer("how would I know if it is infected?", protocol.load("rf"), T, T + timedelta(hours=50))
    assert r.triage.level == "none" and [a["topic"] for a in r.as_json()["answers"]] == ["infection_signs"]


def test_warmth_the_clinic_expects_now_is_no_sign_of_infection_and_past_its_window_it_is():
    # "especially warm … typically only within the first 12 hours"
    assert level("my face is hot to the touch, can I ice it?", "rf", 3) == "none"
    assert level("my face is hot to the touch, can I ice it?", "rf", 40) == "urgent"
    assert level("my cheek is hot to the touch and getting hotter", "rf", 3) == "urgent"


def test_a_reaction_said_to_be_mild_is_read_against_twice_the_clinics_window():
    # swelling "short-term": the usual day
    assert level("the face is little swelling, I use ice or no?", "rf", 30) == "none"
    assert level("my face is swollen, can I use ice?", "rf", 30) == "routine"
    assert level("my face is a little swollen, can I use ice?", "rf", 60) == "routine"
    assert level("my face ballooned overnight", "rf", 30) == "urgent"  # more than the sheet calls normal
    # the words of the reaction's own phrase make it no milder ("hot to the touch" is no "a touch red")
    assert level("my face is throbbing and hot to the touch", "alexander", 100) == "urgent"
    # said after the reaction as much as before it, unless it is a little more of it
    assert level("Can I put a cool compress on my face? It's burning a little.", "pre-post", 60) == "none"
    assert level("My face is burning, can I put a cool compress on it?", "pre-post", 60) == "routine"
    assert level("my face is burning a little more today", "pre-post", 60) == "routine"



@pytest.mark.parametrize("said", ["I was going to hold a cool compress on it for a while",
                                  "thinking of a long walk in the sunshine this afternoon"])
def test_a_plan_said_as_a_statement_asks_leave(said):
    r = answer(said, protocol.load("rf"), T, T + timedelta(hours=60)).as_json()
    assert r["answers"][-1]["allowed"] is not None


def test_a_sign_that_counts_anywhere_on_a_person_does_not_count_on_a_thing():
    said = "my tomato seedlings have red spots spreading across the leaves, is that blight?"
    assert level(said, "alexander", 30) == "none"
    assert level("I have red spots spreading on my arms", "alexander", 30) == "urgent"


def test_a_thing_named_in_words_left_out_as_a_phrase_still_holds_its_sign():
    # "call the plumber" is no call to the clinic, and the plumber is what leaks
    said = "Remind me to call the plumber about the leaking tap."
    assert level(said, "rf", 40) == "none"
    assert level("call the plumber, my face is leaking clear fluid", "rf", 40) == "routine"


def test_a_part_of_the_face_said_of_a_thing_is_the_things():
    # the dog's nose is no treated skin; the patient's nose still is
    assert level("how do I treat a sunburn on my dog's nose?", "day-by-day", 40) == "none"
    said = "my nose is sunburned after walking the dog"
    assert level(said, "day-by-day", 60) == "routine"  # past the usual two days


def test_a_rash_of_bad_reviews_is_no_rash_and_a_rash_on_the_cheek_is():
    assert level("how do I respond to a rash of bad reviews for my cafe", "rf", 15) == "none"
    assert level("I have a rash on my cheek", "rf", 15) == "urgent"


@pytest.mark.parametrize("text,want", [
    ("my 8 year old can't breathe", "emergency"),  # an age says who, never when: an emergency now
    ("my 45 year old husband can't breathe and his lips are swelling", "emergency"),
    ("I had hives at age 12", "none"),  # long before the treatment
    ("my kid has a fever of 101 and an earache, how much Tylenol can a 6 year old have?", "none"),  # a child's
    ("my 16 year old daughter had microneedling and has a fever of 102", "urgent"),  # a patient's
])
def test_a_persons_age_says_who_and_a_child_by_age_is_no_patient(text, want):
    assert level(text, "day-by-day", 20) == want


def test_warm_weather_is_no_warm_skin():
    # six days on, warm skin would be past the sheet's window
    said = "it's finally warm out and I want to get some colour today, that's fine by now right?"
    assert level(said, "alexander", 150) == "none"
    assert level("my face feels warm", "alexander", 150) == "routine"


@pytest.mark.parametrize("text,want", [
    ("my eye is realy sore and evrything looks blury since they did around my eyes", "urgent"),
    ("everything looks blurry", "urgent"), ("my eye is sore", "urgent"),
    ("the skin under my eyes is sore", "none"),  # the skin there, treated two days ago
])
def test_the_sight_in_the_words_of_what_is_seen_and_a_sore_eye_are_checked_today(text, want):
    assert level(text, "day-by-day", 40) == want


@pytest.mark.parametrize("text,want", [
    ("I use Differin for my breakouts. When does that go back on?", "none"),  # what it is for, not now
    ("my breakouts are getting worse", "routine"),
    ("can I put hydrocortisone cream on for the rash", "urgent"),  # a cream for a rash says there is one
    ("I had such a weird fever dream last night, what causes those?", "none"),
])
def test_a_routine_sign_a_product_is_for_is_no_sign_now_but_an_urgent_one_is(text, want):
    assert level(text, "pre-post", 100) == want


@pytest.mark.parametrize("text,want", [
    ("his lips went blue", "emergency"), ("she fell over and is not responding", "emergency"),
    ("my mum went all floppy and pale", "emergency"), ("my eyes swelled shut and I can hardly breathe", "emergency"),
    ("her breathing sounds like whistling", "emergency"), ("he's making a whistling noise when he breathes", "emergency"),
    ("the app is not responding", "none"), ("the kettle makes a whistling noise when it boils", "none"),
    ("the plant went floppy", "none"),
    ("her lips are purple", "emergency"), ("he is struggling for air", "emergency"),
    ("my mom can't stand up and she is very pale and sweaty", "emergency"), ("the grapes are turning purple", "none"),
    # a negation ends before "and" and a new subject: the tongue is swollen
    ("no fever and my tongue is swollen", "emergency"), ("I can't talk and my tongue is swollen", "emergency"),
    ("no fever and no pus", "none"), ("no swelling and my throat is fine", "none"),
])
def test_an_emergency_in_everyday_words_about_anyone_and_the_same_words_of_things(text, want):
    assert level(text, "rf", 20) == want


def test_a_reaction_word_finds_the_body_in_its_own_sentence():
    said = "How do I thaw frozen pipes? The heat went off overnight. I haven't fainted"
    assert level(said, "day-by-day", 30) == "none"
    assert level("my face feels hot, I haven't fainted", "day-by-day", 60) == "routine"


def test_a_routine_sign_of_recovery_said_before_the_treatment_is_no_call():
    # a day before treatment: dark spots are what it is for, not a reaction
    said = "can I keep using the bleaching cream I put on my dark spots?"
    assert level(said, "pre-post", -30) == "none"
    assert level("there's pus coming out of a spot", "pre-post", -30) == "urgent"



@pytest.mark.parametrize("text,want", [
    ("Excuse me, I am breathing very bad since the treatment, is hard to get the air", "emergency"),  # a learner's
    ("I've got crusty honey-coloured patches on my chin where I was treated", "urgent"),
    ("I'm breathless with excitement for my results! when will I see a difference?", "none"),  # idioms
    ("I nearly fainted when I saw the price lol. anyway when can I start my retinol again?", "none"),
    ("the heat in this office is killing me. can I wash my face at lunch?", "none"),
    ("What if I break out in a cold sore after?", "none"),  # asked, not told: the net's reading is asked too
    ("what if my throat swells up tonight?", "emergency"),  # an emergency only asked about still calls
])
def test_learners_breathing_honey_crusts_and_idioms_of_breath_fainting_and_heat(text, want):
    assert level(text, "pre-post") == want


@pytest.mark.parametrize("text,want", [
    # a word of the airway in an earlier clause is the skin's, not the lips'
    ("my face feels tight, lips are not puffy at all", "none"),
    ("my face feels tight, my lips are swelling", "emergency"),
    ("tight, lips swelling", "emergency"),  # no part named before the comma: the lips' still
    ("I nearly passed out when the bill came, can I wash my face tonight?", "none"),
    ("the paint on the porch is blistering in the heat, when can I go outside?", "none"),  # a thing's
    ("It's 102 degrees in Palm Springs where I'm flying next week, how long should I stay out of the sun?", "none"),
    ("It's going to be 101 degrees in Phoenix on my trip, when can I sunbathe?", "none"),  # a place's heat
    ("I'm flying home tomorrow and I have a fever of 102", "urgent"),  # a body's, on a trip
    ("It's pouring and the river's swollen so I'm stuck at home, can I use my cleanser?", "none"),
    ("I have a burning question: can I take Tylenol?", "none"),
])
def test_a_sign_word_said_of_another_part_a_bill_or_a_thing_is_no_alarm(text, want):
    assert level(text, "pre-post", 20) == want


@pytest.mark.parametrize("text,want", [
    # emergencies and infections in everyday words: a weight or a grip on the chest, air through something,
    # lungs that will not fill, raised spots with dizziness, gunk, a yellow crust, heat that keeps growing
    ("it's like a heavy weight is sitting on my chest", "emergency"), ("my dad keeps clutching his chest", "emergency"),
    ("breathing feels like sucking through a straw", "emergency"), ("I can't fill my lungs properly", "emergency"),
    ("red bumps on my legs and I'm so dizzy", "emergency"), ("some gunk is coming out of a spot on my cheek", "urgent"),
    ("it's crusted yellow by my nose", "urgent"), ("my cheek keeps heating up", "urgent"),
    # ... and the same words said of a tub, a workout, a calendar, or a part in another clause
    ("our jacuzzi is set to 102, can I use it?", "none"), ("did heavy chest presses yesterday, is that ok?", "none"),
    ("I blacked out the dates on my calendar for the follow up", "none"),
    ("I'm holding an ice pack on my cheek, my heart rate is fine", "none"),
    ("after the sauna I was 101.8", "urgent"),  # a body's temperature beside a hot thing still counts
    ("can I soak in a bath with really hot water?", "none"),  # the water's heat, not the skin's
    ("my lip feels tingly, like the start of something", "urgent"),  # a cold sore's first sign
    ("can I wax my chin? I had bumps there last time", "none"),  # the last treatment's, not this one's
    ("last time I checked my temp it was 102", "urgent"),  # the latest look is now
    ("my wife is asking whether the yellow drainage on her cheek is normal", "urgent"),  # her question, passed on
    ("my son has chickenpox blisters, I'm just asking when I can use the sauna", "none"),  # the writer asking
    ("she's so drowsy I can't keep her awake", "emergency"), ("I lost my consciousness for a moment", "emergency"),
    ("the soreness went from mild to severe overnight", "urgent"), ("a cold sore came out on my lips", "urgent"),
    ("my toast won't go down, it sticks halfway", "emergency"), ("my mum just went down in the kitchen", "emergency"),
    ("my lips look like I had filler and I didn't", "emergency"), ("my breathing is squeaky tonight", "emergency"),
    ("I nearly hit the floor at the pharmacy", "emergency"), ("my heart keeps jumping around", "emergency"),
    ("whitish stuff is oozing from one spot", "urgent"),
    ("the swelling went down in the morning", "none"), ("I hit the ground running today, can I wear makeup?", "none"),
    ("my heart is jumping for joy, the results look great", "none"),
])
def test_red_flags_in_everyday_words_and_their_look_alikes(text, want):
    assert level(text, "pre-post", 30) == want


def test_a_sign_only_asked_about_brings_the_clinics_words_on_it_where_the_sheet_has_them():
    from assistant.dialogue.reply import answer
    rf = answer("what if I get a fever?", protocol.load("rf"), T, T + timedelta(hours=30)).as_json()
    assert rf["triage"] == "none" and [a["topic"] for a in rf["answers"]] == ["infection_signs"]
    day = answer("what if I get a fever?", protocol.load("day-by-day"), T, T + timedelta(hours=30)).as_json()
    assert day["answers"] == [] and "call your clinic now" in day["text"]  # no "the sheet doesn't say"


def test_a_price_said_beside_a_question_leaves_the_question():
    from assistant.dialogue.reply import answer
    out = answer("the price was crazy. when can I start my retinol again?", protocol.load("alexander"), T,
                 T + timedelta(hours=30)).as_json()
    assert [a["topic"] for a in out["answers"]] == ["active_skincare"]


@pytest.mark.parametrize("text,want", [
    ("The small scab on face, when it will fall down by itself?", "none"),  # a learner's "fall off"
    ("my mom fell down and is not waking up", "emergency"),
    ("I feel like I'm going to fall down", "emergency"),
])
def test_a_scab_that_falls_down_is_no_fall(text, want):
    assert level(text) == want


@pytest.mark.parametrize("text,hours,want", [
    ("hives started on my face and now they're on my stomach and legs, I'm lightheaded and shaky", 6, "emergency"),
    ("I'm seeing brown dark patches on my cheeks three weeks after", 504, "routine"),  # marks seen, not sight
    ("things look dark and blurry when I open my eyes", 30, "urgent"),
    ("this waiting is killing me, when will I actually see results?", 100, "none"),
    ("the gym is my lifeline, I literally can't breathe without it - when can I go back?", 80, "none"),
    ("my roommate is choking on her student loans lol. can I shower tonight?", 8, "none"),
    ("my son is choking on a grape", 8, "emergency"),
    ("the kids are out of breath from running around the park, can I sit with them in the sun?", 50, "none"),
    ("my heart is swelling with pride, I already look better", 120, "none"),
    ("I had a fever two months before my appointment, fully recovered. Can I use my moisturizer now?", 80, "none"),
])
def test_hives_far_from_dizziness_marks_seen_and_idioms_of_breath_choking_and_pride(text, hours, want):
    assert level(text, "rf", hours) == want


def test_a_reaction_past_microneedlings_usual_length_never_says_the_silent_sheet_set_one():
    # the day-by-day sheet names no window for redness: the call is made on the usual length, and says so
    text = answer("my face is still red", protocol.load("day-by-day"), T, T + timedelta(hours=50)).as_json()["text"]
    assert "does not say how long to expect it" in text and "sheet calls normal" not in text
    assert level("my face is still red", "day-by-day", 30) == "none"  # within the usual two days
    text = answer("my face is still red", protocol.load("alexander"), T, T + timedelta(hours=100)).as_json()["text"]
    assert "sheet calls normal" in text  # alexander's sheet gives 2 to 3 days


@pytest.mark.parametrize("text,want", [
    ("skin feel very warm yesterday, today less", "none"),  # a short clause after it says it is settling
    ("my face is still very warm", "routine"), ("still warm, worse today", "urgent"),  # ... or not
])
def test_a_reaction_said_to_settle_in_the_clause_after_it_is_no_lingering_one(text, want):
    assert level(text, "rf", 20) == want


@pytest.mark.parametrize("text,want", [
    ("my skin is flaky and dry, is that normal", "none"), ("there are crusts on my cheek and it is very dry", "none"),
    ("my skin is very dry, is that normal", "routine"),  # alexander's 2 to 3 days for dryness alone
    ("no flaking but my skin is very dry", "routine"),  # no such stage said
])
def test_dry_skin_beside_the_flaking_or_crusts_it_is_part_of_is_that_stage_of_healing(text, want):
    assert level(text, "alexander", 90) == want


@pytest.mark.parametrize("text,want", [
    ("my skin looks great and the shedding is over", "none"), ("the flaking is done now", "none"),
    ("my skin is still shedding", "routine"),  # day-by-day's shedding is over by day 8
    ("It's been 8 days and the flaking's done. Can I go in the sun?", "none"),  # its "is" lost with the apostrophe
    ("my face has gone red again", "routine"),  # what the skin became, no settling
    ("it was super red for a week but it's back to normal now", "none"),
])
def test_a_reaction_said_to_be_over_is_not_one_that_lasts_too_long(text, want):
    assert level(text, "day-by-day", 200) == want


@pytest.mark.parametrize("text,want", [
    ("I have herpes on the lip sometimes, what must I do before treatment?", "none"),  # a tendency of years
    ("I have a cold sore on my lip sometimes", "none"), ("I have a cold sore on my lip", "urgent"),
    ("some pus comes out sometimes", "urgent"),  # an acute sign said so is there now
    ("i get cold sores like all the time, anything i need to do before?", "none"),
    ("pus comes out all the time", "urgent"),
    ("my lip is tingling, I usually get a cold sore after that", "urgent"),  # the tingling is now
])
def test_a_cold_sore_said_to_come_sometimes_is_a_tendency_not_todays_sign(text, want):
    assert level(text, "pre-post", 20) == want


@pytest.mark.parametrize("text,want", [
    ("the swelling is way down", "none"),  # settling: no "excessive swelling", whatever the intensity word
    ("Slept sitting up and the puffiness is way down this morning. Can I use the Alastin nectar now?", "none"),
    ("the swelling is way worse", "urgent"),  # rf: excessive swelling, call at once
])
def test_a_reaction_said_to_be_settling_is_never_raised_as_excessive(text, want):
    assert level(text, "rf", 22) == want


def test_warmth_lasts_as_long_as_the_redness_of_the_same_mild_sunburn():
    # the sheet silent on warmth: the two days microneedling's redness and warmth usually last
    assert level("my cheeks still feel warm today, no worse than yesterday", "pre-post", 30) == "none"
    assert level("my cheeks still feel warm today, no worse than yesterday", "pre-post", 60) == "routine"


@pytest.mark.parametrize("text, want", [
    ("the redness is traveling down my neck", "urgent"), ("a red streak travelling towards my ear", "urgent"),
    ("My face is getting flaky while I'm traveling. Is it ok to wash it more often?", "none"),  # the patient travels
])
def test_travelling_is_a_sign_only_when_the_reaction_goes_somewhere(text, want):
    assert level(text, "rf", 30) == want


@pytest.mark.parametrize("text, want", [
    # "it" opening a later clause points back to the oozing, and the colour is said of it there
    ("it's still oozing but since this morning it's gone cloudy and kind of yellow", "urgent"),
    ("a cold sore flared up on my lip the day after, it's big and weepy", "urgent"),  # "it" is the sore, no lip
    ("My daughter had it done on Friday and she's at 102 now.", "urgent"),  # a reading someone is at
    ("the pharmacy is at 102 main street, is it open late?", "none"),  # an address
    ("Suddenly my vision is blur in left eye, they did the needles near the eye", "urgent"),
])
def test_a_sign_said_of_it_a_reading_someone_is_at_and_a_learners_blur(text, want):
    assert level(text, "rf", 40) == want


@pytest.mark.parametrize("text, want", [
    ("Some brown stains are appearing in my forehead after the treatment", "routine"),  # dark patches
    ("I see dark stains now on the cheeks, ten days after the treatment", "routine"),  # a mark seen, no sight lost
    ("I can see some dark spots on my chin", "routine"),  # on the skin
    ("my eye has dark spots on it", "urgent"), ("I see dark spots in my vision", "urgent"),  # on or in the eye
    ("everything looks dark and I can't see well", "urgent"),
])
def test_dark_marks_seen_on_the_skin_are_routine_and_dark_sight_is_urgent(text, want):
    assert level(text, "alexander", 240) == want


@pytest.mark.parametrize("text", [
    "it's supposed to be 101 degrees in Phoenix tomorrow, is that too hot for the kids' splash pad?",  # a forecast
    "what's 38 C in Fahrenheit? I'm proofing bread dough",  # a conversion, in a kitchen
    "how do I wash my car in the sun without leaving water spots",  # hard water's marks, no blisters
])
def test_a_forecast_a_conversion_and_water_spots_on_a_car_raise_nothing(text):
    assert level(text, "rf", 30) == "none"


def test_a_forecast_word_beside_a_body_temperature_still_reads_it():
    assert level("my temp is supposed to be under 100 but it's 101.8", "rf", 30) == "urgent"


@pytest.mark.parametrize("text, want", [
    ("pt asking about the hot tub at her building", "none"),  # a building, nothing building up
    ("the swelling is building and hot", "urgent"),
    ("Confirming: a fever of 101.5 or more means I call you, right? I'm at 99.1 today", "none"),  # the line said back
    ("my temp is 101.6 or higher", "urgent"),  # a reading, however said
])
def test_a_building_and_a_fever_line_said_back_raise_nothing(text, want):
    assert level(text, "rf", 30) == want


@pytest.mark.parametrize("text, want", [
    ("lips are dry and tight, can I put lip balm on?", "none"),  # the tightness of drying
    ("lips are dry and tight and swollen", "emergency"), ("my lips feel tight", "emergency"),
    ("my lips are chapped and my tongue feels tight", "emergency"),  # the dryness is the lips', far from the tongue
])
def test_tight_lips_beside_dryness_are_chapped_and_any_other_tightness_is_an_emergency(text, want):
    assert level(text, "day-by-day", 30) == want


@pytest.mark.parametrize("text, want", [
    ("my wife has big blisters on her lip, cold sore maybe", "urgent"),  # the size is the blisters'
    ("there's a huge bump on my lip", "urgent"),  # a bump on the lip is the cold sore sign, no airway one
    ("her lip is big and she has blisters", "emergency"), ("big swollen lip", "emergency"),
    ("the swelling is down, spin class tonight?", "none"),  # "spin" of a class is the exercise, no dizziness
    ("my face is swollen and my head spins", "emergency"),
])
def test_a_word_that_describes_the_noun_after_it_pairs_with_no_sign(text, want):
    assert level(text, "day-by-day", 40) == want


@pytest.mark.parametrize("text, want", [
    ("spots getting warmer n warmer, worse every day", "urgent"),  # texting's "n" is "and"
    ("we wed in june and I have no fever", "none"),  # "wed" alone is no day, and nothing is wrong
    ("my son wants to hugg me and rub his cheek on mine, is that a problm?", "none"),  # "hugg" is no "huge"
])
def test_texting_forms_are_read_as_their_words(text, want):
    assert level(text, "rf", 60) == want



@pytest.mark.parametrize("text, want", [
    ("would it be weird if theres pus in a couple of the needle spots? my bf says just pop them", "urgent"),
    ("is it bad if there's thin red streaks down my neck? bf says its nothing", "urgent"),  # someone has seen it
    ("what should I do if there's pus in a couple of spots?", "none"),  # asked, and nobody has seen it
    ("what if I get pus? my mom says it happens", "none"),  # what may come, whatever anyone says
])
def test_a_sign_asked_of_as_a_condition_is_there_when_someone_says_what_they_make_of_it(text, want):
    assert level(text, "alexander", 52) == want


@pytest.mark.parametrize("text, want", [
    ("I normally take valacyclovir when I feel a cold sore coming, should I start it now just in case?", "none"),
    ("my lip usually looks like this but now I have a cold sore", "urgent"),  # now, between the habit and the sign
])
def test_a_cold_sore_said_as_a_habit_is_a_tendency_unless_now_stands_between(text, want):
    assert level(text, "alexander", 30) == want



@pytest.mark.parametrize("text, want", [
    ("Is it bad if there's a little yellow pus coming out of a few of the spots?", "urgent"),  # judged, of now
    ("Would it be weird if the redness is spreading down onto my neck?", "urgent"),
    ("would it be bad if the swelling got worse instead of better?", "none"),  # no verb of now: asks
    ("what do I do if there is pus?", "none"),  # a condition asked of, not judged
    ("is it bad if I get a fever?", "none"),  # what may come
])
def test_a_condition_of_what_is_there_judged_is_a_worried_report(text, want):
    assert level(text, "rf", 40) == want


@pytest.mark.parametrize("text, want", [
    ("my husband past out in the parking lot right after his treatment", "emergency"),  # spelt by its sound
    ("I walked past out front of the clinic, is parking free?", "none"),
])
def test_passed_out_spelt_past_out_is_fainting(text, want):
    assert level(text, "rf", 3) == want


@pytest.mark.parametrize("text, want", [
    ("husband asking for me: is the swelling gonna be worse tomorrow?", "routine"),  # what may come, asked
    ("the swelling is worse today", "urgent"),
])
def test_worse_asked_of_tomorrow_is_no_worsening(text, want):
    assert level(text, "rf", 35) == want


def test_a_sister_who_had_this_done_with_me_is_a_patient():
    said = "My sister had this done with me on Friday and now she's got painful blisters around her lip. What should she do?"
    assert level(said, "alexander", 40) == "urgent"

