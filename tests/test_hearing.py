"""Offline voice input: the grammar from intents/, spoken questions heard right, red flags never lost.

The spoken set comes from benchmarks/hearing.py (espeak-ng, two American voices, two rates), is
decoded once per recording with the one shared decoder, and is judged the way the benchmark judges it.
"""
from __future__ import annotations

import array
import importlib.util
import io
import json
import math
import random
import shutil
import subprocess
import sys
import wave
from datetime import datetime
from pathlib import Path

import pytest
from fake_microphone import Microphone

from assistant.clinic import protocol
from assistant.core.ids import topic_ids
from assistant.interfaces import cli, listen
from assistant.understanding import vocabulary
from assistant.voice import audio, grammar, hearing, lexicon, microphone, verdict, wording
from assistant.voice.hearing import Heard

ROOT = Path(__file__).resolve().parent.parent
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
needs_sphinx = pytest.mark.skipif(importlib.util.find_spec("pocketsphinx") is None,
                                  reason="pocketsphinx is not installed (pip install '.[voice]')")
TREATED, NOW = datetime(2026, 11, 20, 10, 0), datetime(2026, 11, 21, 16, 0)


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_hearing", ROOT / "benchmarks" / "hearing.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_hearing"] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def heard(bench, tmp_path_factory):
    """Every recording of the spoken set, heard once."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    if importlib.util.find_spec("pocketsphinx") is None:
        pytest.skip("pocketsphinx is not installed")
    samples = bench.synthesise(tmp_path_factory.mktemp("spoken"))
    return bench.hear_all(samples, hearing.recogniser(), protocol.load("alexander"))


def _say(text: str, path: Path, voice: str = "en-us", rate: int = 160) -> Path:
    """espeak-ng's own output: 22,050 Hz, which recognise_file must convert itself."""
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(path), text], check=True)
    return path


def _write_wav(path: Path, samples, rate: int = 16000) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(array.array("h", samples).tobytes())
    return path


# ---- the grammar -------------------------------------------------------------------------------

class _Dictionary:
    """A stand-in for the decoder's dictionary: every plain word is known unless listed as missing."""

    CONTRACTIONS = {"can't", "i'm", "it's", "don't", "i've", "there's", "what's", "isn't", "doesn't"}

    def __init__(self, missing=()):
        self.missing = set(missing)

    def __call__(self, word):
        if word in self.missing or not (word.isalpha() or word in self.CONTRACTIONS):
            return None
        return " ".join(word.upper())  # a stand-in: each word sounds like itself


@pytest.fixture(scope="module")
def sentences():
    return set(grammar.build(vocabulary.load(), _Dictionary(missing={"spf", "advil"})).sentences)


@pytest.mark.parametrize("said", ["i can't breathe", "there is pus", "i have a fever of one hundred two",
                                  "my throat is swelling", "i have hives and i feel dizzy", "can i take motrin",
                                  "can i wear makeup", "can i use the sauna", "is it ok to take tylenol",
                                  "when can i go swimming"])
def test_grammar_holds_questions_and_red_flags(sentences, said):
    assert said in sentences


def test_grammar_leaves_out_words_the_dictionary_lacks():
    g = grammar.build(vocabulary.load(), _Dictionary(missing={"advil", "spf", "sauna"}))
    assert not any("advil" in s.split() or "sauna" in s.split() for s in g.sentences)
    assert g.spelled["spf"] == "S P F"  # short acronyms are spelled out letter by letter instead
    lookup = _Dictionary(missing={"advil", "sauna"})
    assert all(lookup(w) or w in g.spelled for w in g.words)


def test_new_synonym_is_heard_as_soon_as_it_is_added():
    raw = vocabulary._read_all()
    raw["synonyms"]["words"]["ibuprofen"] = raw["synonyms"]["words"]["ibuprofen"] + ["nuprin"]
    g = grammar.build(vocabulary.Vocabulary(raw), _Dictionary())
    assert "can i take nuprin" in g.sentences and "is nuprin ok" in g.sentences


def test_a_product_line_is_heard_in_a_few_frames_only(sentences):
    # in every frame, the product lines bent household speech onto a topic twice as often
    assert {"is cicaplast ok", "can i use supergoop", "cicaplast"} <= sentences
    assert "is it okay to use cicaplast" not in sentences and "can i use sunscreen" in sentences


@needs_sphinx
def test_language_model_is_valid_arpa_with_every_red_flag_word():
    g = grammar.build(vocabulary.load(), _Dictionary())
    arpa = hearing.arpa(g.training_lines())
    assert "\\data\\" in arpa and "\\3-grams:" in arpa
    unigrams = arpa.split("\\1-grams:")[1].split("\\2-grams:")[0]
    listed = {line.split()[1] for line in unigrams.splitlines() if len(line.split()) >= 2}
    assert {"<s>", "</s>", "breathe", "pus", "fever", "fainted", "hives"} <= listed


# ---- what to do with a hearing -----------------------------------------------------------------

@pytest.fixture
def alexander():
    return protocol.load("alexander")


def test_nothing_heard_is_sorry_not_a_guess(alexander):
    v = verdict.decide(Heard(""), alexander, TREATED, NOW)
    assert (v.kind, v.text) == ("sorry", "Sorry, I didn't catch that \u2014 please say it again or type it.")


def test_surely_heard_words_are_answered(alexander):
    v = verdict.decide(Heard("can i take advil", ["can i take advil", "can i it"], 0.97), alexander, TREATED, NOW)
    assert (v.kind, v.question, v.heard, v.confidence) == ("answer", "can i take advil", "can I take advil", 0.97)
    assert verdict.heard_line(v) == "I heard: can I take advil?"


@pytest.mark.parametrize("confidence, foreign", [(0.1, 0.0), (0.9, 0.5)], ids=["unsure word", "mostly everyday words"])
def test_an_unsure_or_foreign_hearing_is_sorry_not_a_topic(alexander, confidence, foreign):
    v = verdict.decide(Heard("can i wrinkle i in sunlight", [], confidence, foreign, -4.0), alexander, TREATED, NOW)
    assert (v.kind, v.heard) == ("sorry", "can I wrinkle I in sunlight") and v.confidence == confidence


def test_unsure_red_flag_is_asked_back_with_its_call_line(alexander):
    v = verdict.decide(Heard("my throat feels tight", [], 0.2, 0.0, -4.0), alexander, TREATED, NOW)
    assert v.kind == "confirm" and v.level == "emergency"
    reply = listen.voiced_reply(v, alexander, TREATED, NOW)
    assert reply.text.startswith("Did you say: my throat feels tight? If so, call 911 now")
    assert reply.confirm == "Did you say: my throat feels tight?"


def test_red_flag_in_an_alternative_is_not_dropped(alexander):
    v = verdict.decide(Heard("there is close", ["there is close", "there is pus"], 0.9), alexander, TREATED, NOW)
    assert v.kind == "confirm" and v.level == "urgent" and v.question == "there is pus"
    assert listen.voiced_reply(v, alexander, TREATED, NOW).text.startswith(
        "Did you say: there is pus? If so, call your clinic now")


def test_a_red_flag_further_down_is_asked_back_only_when_nothing_was_surely_heard(alexander):
    further = ["i temp i in", "i have hives", "i have high is", "i can't breathe"]
    v = verdict.decide(Heard("i have high is", ["i have high is"], 0.01, 0.0, -5.5, further), alexander, TREATED, NOW)
    assert (v.kind, v.question, v.level) == ("confirm", "i can't breathe", "emergency")  # the most serious
    v = verdict.decide(Heard("i have high is", ["i have high is"], 0.01, 0.0, -5.5, further[:3]), alexander,
                       TREATED, NOW)
    assert (v.kind, v.question, v.level) == ("confirm", "i have hives", "urgent")
    # a question surely heard is answered: what lies that far down is no reason to doubt it
    v = verdict.decide(Heard("can i take advil", ["can i take advil"], 0.97, 0.0, -2.5, further), alexander,
                       TREATED, NOW)
    assert (v.kind, v.level, v.flag) == ("answer", "none", "")


def test_a_surely_heard_red_flag_is_acted_on_at_once(alexander):
    v = verdict.decide(Heard("i can't breathe", ["i can't breathe"], 0.95), alexander, TREATED, NOW)
    assert v.kind == "answer" and listen.voiced_reply(v, alexander, TREATED, NOW).text.startswith("Call 911 now")


def test_alternatives_that_agree_make_a_meaning_sure(alexander):
    """A word's posterior is split between the times the lattice places it; ten readings of one meaning are sure."""
    said = ["is retinol ok", "is retinol okay", "is it retinol ok", "is a retinol ok", "is retinol ok i",
            "is retinol okay i", "is it retinol okay", "is retinol ok a", "is retinol okay a", "is the retinol ok"]
    v = verdict.decide(Heard(said[0], said, 0.25), alexander, TREATED, NOW)
    assert v.kind == "answer" and v.question == "is retinol ok"
    split = said[:5] + ["is sunburn ok", "is sunbathing ok", "is the sun ok", "is sauna ok", "is waxing ok"]
    assert verdict.decide(Heard(split[0], split, 0.25, 0.0, -4.0), alexander, TREATED, NOW).kind == "sorry"


def test_words_in_an_order_no_patient_uses_are_sorry(alexander):
    heard = "vaseline i wear four ten pillows"
    assert verdict.decide(Heard(heard, [heard], 0.9, 0.0, -6.5), alexander, TREATED, NOW).kind == "sorry"
    assert verdict.decide(Heard("can i take motrin", [], 0.9, 0.0, -2.7), alexander, TREATED, NOW).kind == "answer"
    assert verdict.decide(Heard("slower", [], 0.9, 0.0, -5.3), alexander, TREATED, NOW).kind == "answer"  # short


def test_a_sentence_as_likely_as_the_patients_own_is_sure_however_its_posterior_is_split(alexander):
    said = ["can i touch my face", "can i touch my face a", "can i touched my face", "can i touch i face"]
    v = verdict.decide(Heard(said[0], said, 0.07, 0.0, -2.2), alexander, TREATED, NOW)
    assert v.kind == "answer" and v.question == "can i touch my face"
    # as likely, with an everyday word from outside the grammar, or less likely: the posterior decides
    assert verdict.decide(Heard(said[0], said, 0.07, 0.2, -2.2), alexander, TREATED, NOW).kind == "sorry"
    assert verdict.decide(Heard(said[0], said, 0.07, 0.0, -3.3), alexander, TREATED, NOW).kind == "sorry"


def test_other_words_for_a_topic_heard_one_way_by_every_alternative_are_answered(alexander):
    """Unlike the model's sentences (fluency -5.9), yet all ten readings mean swelling: answered."""
    said = ["my cheeks are puffy", "my keeps are puffy", "my cheeks or puffy", "my cheeks i puffy",
            "my teeth are puffy", "my keeps or puffy", "my cheek thought puffy", "my cheek are puffy",
            "my cheek i puffy", "my cheeks a puffy"]
    v = verdict.decide(Heard(said[0], said, 0.9, 0.0, -5.9), alexander, TREATED, NOW)
    assert v.kind == "answer" and v.question == "my cheeks are puffy"
    # one reading that means something else, or fewer than ten readings: the order of words decides
    mixed = said[:9] + ["my cheek filler puffy"]
    assert verdict.decide(Heard(said[0], mixed, 0.9, 0.0, -5.9), alexander, TREATED, NOW).kind == "sorry"
    assert verdict.decide(Heard(said[0], said[:9], 0.9, 0.0, -5.9), alexander, TREATED, NOW).kind == "sorry"


def test_a_red_flag_far_down_a_sure_hearing_is_still_put_back(alexander):
    said = ["is peeling normal", "is the peeling normal", "is peeling this normal", "is feeling normal",
            "is breathless normal"]
    v = verdict.decide(Heard(said[0], said, 1.0), alexander, TREATED, NOW)
    assert (v.kind, v.question, v.flag, v.level) == ("answer", "is peeling normal", "is breathless normal", "emergency")
    reply = listen.voiced_reply(v, alexander, TREATED, NOW)
    # the call line first, then the question surely heard, answered: the patient who said it is not left without
    assert reply.text.startswith("Did you say: is breathless normal? If so, call 911 now")
    assert reply.answers[0].text in reply.text and reply.text.index("911") < reply.text.index(reply.answers[0].text)
    assert [a["topic"] for a in reply.as_json()["answers"]] == ["scabs_peeling"] and reply.triage.level == "emergency"
    # an emergency heard unsurely with nothing else surely heard still says nothing after its call line
    alone = verdict.decide(Heard("is breathless normal", ["is breathless normal"], 0.1, 0.0, -5.0), alexander,
                           TREATED, NOW)
    assert alone.kind == "confirm" and listen.voiced_reply(alone, alexander, TREATED, NOW).text.endswith(
        "severe allergic reaction.")


def test_an_urgent_flag_far_down_a_sure_hearing_is_put_back_and_the_question_answered(alexander):
    said = ["is peeling normal", "is the peeling normal", "is peeling this normal", "is pus normal"]
    v = verdict.decide(Heard(said[0], said, 1.0), alexander, TREATED, NOW)
    reply = listen.voiced_reply(v, alexander, TREATED, NOW)
    assert reply.text.startswith("Did you say: is pus normal? If so, call your clinic now")
    assert [a.topic for a in reply.answers] == ["scabs_peeling"] and reply.answers[0].text in reply.text
    assert reply.confirm == "Did you say: is pus normal?"
    # nothing surely heard beside it: the red flag alone is asked back, as before
    lost = verdict.decide(Heard("there is close", ["there is close", "there is pus"], 1.0), alexander, TREATED, NOW)
    assert (lost.kind, lost.flag) == ("confirm", "")


# ---- audio -------------------------------------------------------------------------------------

def _sine(rate: int, seconds: float, amplitude: int = 12000, hz: int = 440) -> list[int]:
    return [int(amplitude * math.sin(2 * math.pi * hz * i / rate)) for i in range(int(rate * seconds))]


@pytest.mark.parametrize("rate,channels,width", [(16000, 1, 2), (22050, 1, 2), (44100, 2, 2), (48000, 1, 3),
                                                 (8000, 1, 1), (32000, 2, 4)])
def test_any_pcm_becomes_16k_mono_16bit(rate, channels, width):
    wave16 = _sine(rate, 0.5)
    frames = bytearray()
    for s in wave16:
        if width == 1:
            one = bytes([(s >> 8) + 128])
        else:
            one = (s << (8 * (width - 2))).to_bytes(width, "little", signed=True)
        frames += one * channels
    out = array.array("h", audio.to_pcm16k(bytes(frames), channels, width, rate))
    assert abs(len(out) - 8000) <= 2
    assert 10000 < max(out) <= 12100  # the tone survives at its level


def test_unreadable_wav_is_a_usage_error(run, tmp_path):
    bad = tmp_path / "not.wav"
    bad.write_text("hello")
    r = run("ask", str(bad), "--from-wav")
    assert r.code == 2 and r.out == "" and "not.wav" in r.err and len(r.err.splitlines()) == 1


def test_end_pointer_stops_after_a_pause_and_keeps_the_voice():
    ender = microphone.EndPointer(pause=0.3)
    quiet = array.array("h", [random.Random(1).randint(-40, 40) for _ in range(480)]).tobytes()
    voice = array.array("h", _sine(16000, 0.03, 6000)).tobytes()
    blocks = [quiet] * 20 + [voice] * 30 + [quiet] * 40
    used = next(i for i, b in enumerate(blocks, 1) if ender.feed(b))
    assert used == 20 + 30 + 10  # 0.3 s of quiet after the voice ends it
    assert ender.audio.count(voice) == 30 and len(ender.audio) < len(b"".join(blocks))


def test_end_pointer_gives_up_when_nobody_speaks():
    ender = microphone.EndPointer(wait=0.6)
    quiet = bytes(960)
    assert [ender.feed(quiet) for _ in range(20)][-1] is True and ender.audio == b""


# ---- the spoken set ----------------------------------------------------------------------------

def test_spoken_set_covers_every_topic_and_every_serious_red_flag(bench):
    assert {t for _, t in bench.QUESTIONS} == set(topic_ids())
    serious = {s.id for s in vocabulary.load().signs if s.level in ("emergency", "urgent")}
    assert serious <= {s for _, s in bench.RED_FLAGS}


@needs_espeak
@needs_sphinx
@pytest.mark.slow
def test_spoken_questions_reach_the_right_topic_or_an_honest_sorry(bench, heard):
    """Since a hearing is answered only when its meaning was surely heard (voice/verdict.py), some
    right hearings become "sorry" (81 % were answered right when the thresholds were set), and
    almost none is answered on another topic."""
    right, of = bench.rates(heard)["topics"]
    assert right / of >= 0.78, [(h.sample.text, h.heard, h.kind) for h in heard
                                if h.sample.topic and not bench.topic_ok(h)]
    wrong = [h for h in heard if h.sample.topic and h.kind == "answer" and not bench.topic_ok(h)]
    assert len(wrong) <= 0.03 * of, [(h.sample.text, h.heard, h.topics) for h in wrong]


@needs_espeak
@needs_sphinx
@pytest.mark.slow
def test_other_speech_is_seldom_answered_on_a_topic(bench, tmp_path_factory):
    """The tuning set of household questions (the held-out set is the benchmark's alone)."""
    samples = bench.synthesise(tmp_path_factory.mktemp("other"), said=bench.other_cases(tuning=True))
    heard = bench.hear_all(samples, hearing.recogniser(), protocol.load("alexander"))
    acted = [(h.sample.text, h.heard, h.topics) for h in heard if bench.on_a_topic(h)]
    assert len(acted) <= 0.075 * len(heard), acted  # 3 of 80 when the thresholds were set


@needs_espeak
@needs_sphinx
@pytest.mark.slow
def test_every_keyword_is_speakable_and_brands_are_heard(tmp_path):
    """Every keyword and spoken synonym is in the recogniser's dictionary; those the decoder's
    CMUdict lacks (pronounced by espeak-ng) are heard in "what about ..." on their topic."""
    from concurrent.futures import ThreadPoolExecutor

    import pocketsphinx

    from assistant.dialogue.reply import answer
    rec, vocab, proto = hearing.recogniser(), vocabulary.load(), protocol.load("alexander")
    spoken = wording.Wording(vocab, lambda w: w)  # every form that is not typed-only nor a misspelling
    phrases = {" ".join(k) for t in vocab.topics.values() for k in t.keywords} | \
              {" ".join(v) for variants in spoken.synonyms.values() for v in variants}
    cmudict = pocketsphinx.Decoder(pocketsphinx.Config(loglevel="FATAL", lm=None))
    said = lexicon.Lexicon(cmudict.lookup_word, grammar.candidates(vocab))  # as the model is built
    kept = wording.Wording(vocab, said).synonyms  # what the grammar listens for, by how it sounds
    canonical = {c for _, c in vocab.synonyms.entries()}
    sounds = {wording.sound(p, said) for p in [*canonical, *(f for forms in kept.values() for f in forms)]}
    unsayable = [p for p in phrases if not all(w in rec.words for w in p.split())
                 and wording.sound(tuple(p.split()), said) not in sounds]
    assert unsayable == []  # in the dictionary, or sounding just like a form that is ("tonite", "tonight")
    generated = sorted(p for p in phrases if any(not cmudict.lookup_word(w) for w in p.split()))

    def topics(text):
        return {a.topic for a in answer(text, proto, TREATED, NOW, vocab).answers}

    def say(i_p):
        return _say(f"what about {i_p[1]}", tmp_path / f"{i_p[0]}.wav", rate=150)
    with ThreadPoolExecutor(4) as pool:
        wavs = list(pool.map(say, enumerate(generated)))
    wanted = [(p, w, topics(f"what about {p}")) for p, w in zip(generated, wavs)]
    missed = [(p, rec.hear(audio.read_wav(str(w))).text) for p, w, want in wanted if want]
    missed = [(p, said) for (p, said), (_, _, want) in zip(missed, [x for x in wanted if x[2]])
              if not want <= topics(said)]
    assert len(generated) > 100 and "aquaphor" in generated and "valtrex" in generated
    assert len(missed) <= 0.1 * len(generated), missed


@needs_espeak
@needs_sphinx
@pytest.mark.slow
def test_every_spoken_emergency_reaches_emergency(bench, heard):
    levels = bench.levels()
    missed = [(h.sample.text, h.sample.voice, h.sample.rate, h.heard, h.kind, h.level) for h in heard
              if h.sample.sign and levels[h.sample.sign] == "emergency" and h.level != "emergency"]
    assert missed == []


@needs_espeak
@needs_sphinx
@pytest.mark.slow
def test_spoken_red_flags_raise_their_level_or_are_asked_back(bench, heard):
    right, of = bench.rates(heard)["red flags"]
    assert right / of >= 0.95


# ---- the commands ------------------------------------------------------------------------------

@needs_espeak
@needs_sphinx
def test_ask_from_wav_answers_the_spoken_question(run, tmp_path):
    wav = _say("can I take advil", tmp_path / "q.wav")
    r = run("ask", str(wav), "--from-wav", "--protocol", "pre-post", "--treated", "2026-11-20T10:00", "--json")
    assert r.code == 0 and r.err == "I heard: can I take advil?\n"
    out = json.loads(r.out)
    assert out["question"] == "can i take advil" and [a["topic"] for a in out["answers"]] == ["nsaids"]
    assert out["answers"][0]["allowed"] is False


@needs_espeak
@needs_sphinx
def test_ask_from_wav_puts_an_emergency_first(run, tmp_path):
    r = run("ask", str(_say("I can't breathe", tmp_path / "e.wav")), "--from-wav")
    assert r.code == 0 and "911" in r.out.splitlines()[0]


@needs_espeak
@needs_sphinx
def test_listen_records_until_a_pause_then_answers(run, tmp_path, monkeypatch):
    spoken = audio.read_wav(str(_say("can I take advil", tmp_path / "q.wav")))
    at_44k = audio.resample(array.array("h", spoken), 16000, 44100).tobytes()
    mic = Microphone(bytes(44100) + at_44k)  # a second of silence, the question, then the room
    monkeypatch.setitem(sys.modules, "sounddevice", mic)
    r = run("listen", "--protocol", "pre-post", "--treated", "2026-11-20T10:00")
    assert r.code == 0 and "Listening" in r.err
    assert r.out.splitlines()[0] == "I heard: can I take advil?" and "Advil" in r.out


@needs_sphinx
def test_listen_to_an_empty_room_is_sorry(run, monkeypatch):
    monkeypatch.setitem(sys.modules, "sounddevice", Microphone())
    r = run("listen")
    assert (r.code, r.out) == (0, verdict.SORRY + "\n")


class _NoDevice(Microphone):
    def query_devices(self, kind=None):
        raise self.PortAudioError("Error querying device -1")


@pytest.mark.parametrize("library", [None, _NoDevice()], ids=["no library", "no device"])
def test_listen_without_a_microphone_says_so_in_one_line(run, monkeypatch, library):
    monkeypatch.setitem(sys.modules, "sounddevice", library)  # None: `import sounddevice` fails
    r = run("listen")
    assert r.code == 2 and r.out == ""
    assert len(r.err.splitlines()) == 1 and r.err.startswith("listen: no ") and "Traceback" not in r.err
    assert "aftercare ask" in r.err


def test_the_rest_of_the_program_works_without_sounddevice(run, monkeypatch):
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    assert run("ask", "can I wear makeup", "--json").code == 0


@needs_sphinx
def test_decoder_is_built_once_and_keeps_its_logging_quiet(capfd):
    assert hearing.recogniser() is hearing.recogniser()
    fresh = hearing.Recogniser()
    fresh.hear(array.array("h", _sine(16000, 0.8, 6000) + [0] * 8000).tobytes())
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_chat_voice_input_without_a_microphone_is_one_line(monkeypatch):
    """The chat calls hear_once(env) and shows the error's text; it must be one plain line."""
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    env = cli.Env(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    with pytest.raises(hearing.HearingUnavailable) as caught:
        listen.hear_once(env)
    assert "\n" not in str(caught.value) and str(caught.value).startswith("no sound input")


def test_the_replies_found_while_deciding_are_the_ones_given(alexander, monkeypatch):
    said = ["is peeling normal", "is the peeling normal", "is pus normal"]
    v = verdict.decide(Heard(said[0], said, 1.0), alexander, TREATED, NOW)
    monkeypatch.setattr(listen, "answer", lambda *a, **k: pytest.fail("answered twice"))
    reply = listen.voiced_reply(v, alexander, TREATED, NOW)
    assert reply.answers[0].topic == "scabs_peeling" and reply.triage.level == "urgent"
