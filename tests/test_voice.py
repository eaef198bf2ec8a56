"""The read-aloud voice: text made for the ear, WAVs that are complete, rates that apply, clean failures."""
from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import sys
import threading
import time
import wave
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.clinic import protocol
from assistant.dialogue import render, reply
from assistant.voice import engine, player, spoken
from assistant.voice import speech as voice
from assistant.voice.speech import Voice, VoiceUnavailable, wav_seconds
from assistant.voice.spoken import for_ear

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")

TREATED = datetime(2026, 11, 20, 10, 0)
REPLY = ("Not yet: wait until Saturday 21 November at 10:00 (in about 2 hours). No makeup for 24 hours "
         "after treatment. Don't apply makeup with a makeup brush, especially one that isn't clean.")


@pytest.mark.parametrize("printed, heard", [
    ("SPF 30", "S P F thirty"),
    ("SPF30+", "S P F thirty or higher"),
    ("use a broad-spectrum SPF 30+ sunscreen", "use a broad-spectrum S P F thirty or higher sunscreen"),
    ("101.5 °F", "one hundred one point five degrees Fahrenheit"),
    ("101.5F", "one hundred one point five degrees Fahrenheit"),
    ("101.5°F", "one hundred one point five degrees Fahrenheit"),
    ("38.9 °C", "thirty eight point nine degrees Celsius"),
    ("38.9C", "thirty eight point nine degrees Celsius"),
    ("a fever of 100.4 °F / 38 °C",
     "a fever of one hundred point four degrees Fahrenheit or thirty eight degrees Celsius"),
    ("(250) 477-2343", "2 5 0, 4 7 7, 2 3 4 3"),
    ("call 250-477-2343.", "call 2 5 0, 4 7 7, 2 3 4 3."),
    ("or 1-800-555-0199", "or 1, 8 0 0, 5 5 5, 0 1 9 9"),
    ("call 911 now", "call 9 1 1 now"),
    ("24h", "24 hours"),
    ("72 hrs", "72 hours"),
    ("48 hours", "48 hours"),
    ("for 1 hr", "for 1 hour"),
    ("a 24-hour window", "a 24 hour window"),
    ("7-10 days", "7 to 10 days"),
    ("days 2-7", "days 2 to 7"),
    ("AHA/BHA", "A H A or B H A"),
    ("OTC acne products", "O T C acne products"),
    ("UVA/UVB", "U V A or U V B"),
    ("the AM/PM regimen", "the morning and evening regimen"),
    ("Saturday 21 November at 10:00", "Saturday the twenty first of November at ten o'clock"),
    ("Wednesday 20 January 2027 at 10:00",
     "Wednesday the twentieth of January twenty twenty seven at ten o'clock"),
    ("since Monday 23 November.", "since Monday the twenty third of November."),
    ("2026-11-21T10:00:00", "the twenty first of November twenty twenty six at ten o'clock"),
    ("14:30", "two thirty p m"),
    ("at 9:05", "at nine oh five a m"),
    ("at 12:00", "at noon"),
    ("3pm", "three p m"),
    ("10:30 a.m.", "ten thirty a m"),
    ("e.g. retinol", "for example retinol"),
    ("acids, i.e. AHA", "acids, that is A H A"),
    ("- wash gently\n- no makeup", "wash gently. no makeup"),
    ("\u2022 no sun\n\u2022 no sauna", "no sun. no sauna"),
    ("1. cleanse\n2. moisturise", "cleanse. moisturise"),
    ("See https://example.com/aftercare for more.", "See for more."),
    ("see 000_d8d7b222d24b091f.txt", "see"),
    ("No makeup.\n    (000_d8d7b222d24b091f.txt, line 17: \u201cshould not be applied for 24 hours\u201d)",
     "No makeup."),
    ("Resume (004_99513ab2d11e8024.txt, line 22: \u201c(You may resume) after 1-3 days\u201d) later.",
     "Resume later."),
    ("\u201cquoted\u201d and 'active' but don\u2019t", "quoted and active but don't"),
    ("painkillers (ibuprofen, Advil).", "painkillers, ibuprofen, Advil."),
    ("ibuprofen (Motrin, Advil): they", "ibuprofen, Motrin, Advil: they"),
    ("ibuprofen (Advil, Motrin); use Tylenol", "ibuprofen, Advil, Motrin; use Tylenol"),
    ("healed (no longer wearing the barrier (the balm)). Then",
     "healed, no longer wearing the barrier, the balm. Then"),
    (" CALL YOUR CLINIC NOW  Call your clinic now.", "Call your clinic now."),
    (" EMERGENCY  Call 911 now.", "Emergency. Call 9 1 1 now."),
    ("Dr. Alexander's office", "Doctor Alexander's office"),
    ("cleansers/moisturizers and/or balm", "cleansers or moisturizers and or balm"),
    ("up to 1,000 mg (twice),then", "up to 1,000 mg, twice, then"),
    ("", ""),
])
def test_for_ear(printed, heard):
    assert for_ear(printed) == heard


@pytest.mark.parametrize("n, said", [(0, "zero"), (21, "twenty one"), (101, "one hundred one"),
                                     (1200, "one thousand two hundred")])
def test_number(n, said):
    assert spoken.number(n) == said


@pytest.mark.parametrize("n, said", [(1, "first"), (2, "second"), (12, "twelfth"), (20, "twentieth"),
                                     (22, "twenty second"), (31, "thirty first")])
def test_ordinal(n, said):
    assert spoken.ordinal(n) == said


QUESTIONS = ["can I wear makeup?", "is advil ok?", "I have a fever of 101.5F", "sunscreen?",
             "can I use retinol or AHA?", "how do I contact the clinic?", "my throat is swelling",
             "can I go in the sun?", "when can I use my products?"]


@pytest.mark.parametrize("pid", protocol.bundled_ids())
def test_every_printed_reply_reads_clean(pid, vocab):
    proto = protocol.load(pid)
    for q in QUESTIONS:
        printed = render.reply_text(reply.answer(q, proto, TREATED, TREATED.replace(day=21), vocab))
        heard = for_ear(printed)
        assert heard and not any(c in heard for c in "()[]\u201c\u201d\"/_*"), (q, heard)
        assert ".txt" not in heard and "°" not in heard and ":" not in heard.replace(": ", ""), (q, heard)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["SPF", "30", "+", "(", ")", "°F", " ", "-", "/", "2026-13-40", ":", "12",
                                 "Monday", "31", "Nov", "\u201c", "\n- ", "h", "am", "x.txt", "AHA", "1."]))
       | st.text(max_size=60))
def test_for_ear_never_fails_on_odd_text(parts):
    text = "".join(parts) if isinstance(parts, list) else parts
    heard = for_ear(text)
    assert "\n" not in heard and not any(c in heard for c in "()[]{}\u201c\u201d<>")


@pytest.fixture
def through_pyttsx3(monkeypatch):
    """Use pyttsx3 even where the espeak-ng program is installed (as where it is not)."""
    monkeypatch.setattr(voice, "PREFER_PROGRAM", False)


def _duration_fits(path, text, rate=160):
    words = len(for_ear(text).split())
    seconds = wav_seconds(path)
    per_word = seconds / words * rate / 160
    assert 0.15 <= per_word <= 1.2, f"{seconds:.2f} s for {words} words at {rate} wpm"


@needs_espeak
def test_twenty_wavs_in_a_row_are_all_complete(through_pyttsx3, tmp_path, monkeypatch):
    attempts, fallbacks = [], []
    first_try = engine.Engine.synthesise
    monkeypatch.setattr(engine.Engine, "synthesise",
                        lambda *a: attempts.append(first_try(*a)) or attempts[-1])
    monkeypatch.setattr(voice, "_espeak_command", lambda *a: fallbacks.append(a) or False)
    v = Voice()
    texts = [f"Reply {i}. " + " ".join([REPLY] * (1 + i % 3)) for i in range(20)]  # 37 to 109 words
    paths = [v.save(text, tmp_path / f"r{i}.wav") for i, text in enumerate(texts)]
    for path, text in zip(paths, texts):
        assert path.exists() and not list(tmp_path.glob(".*partial*"))
        with wave.open(str(path), "rb") as w:
            assert (w.getnchannels(), w.getsampwidth()) == (1, 2) and w.getnframes() > 0
        _duration_fits(path, text)
    assert attempts == [True] * 20 and fallbacks == []  # pyttsx3 itself, first time, every time


@needs_espeak
def test_faster_rate_gives_a_shorter_file_even_when_rates_alternate(through_pyttsx3, tmp_path):
    v = Voice()
    lengths = {}
    for i, rate in enumerate([120, 250, 120, 250, 160]):
        v.set_rate(rate)
        lengths.setdefault(rate, []).append(wav_seconds(v.save(REPLY, tmp_path / f"{i}.wav")))
    (at_160,) = lengths[160]
    assert max(lengths[250]) * 1.3 < at_160 and at_160 * 1.2 < min(lengths[120]), lengths
    for rate, seconds in lengths.items():
        assert max(seconds) - min(seconds) < 0.3, (rate, seconds)  # the same rate, the same length


@needs_espeak
def test_save_prints_nothing_and_writes_owner_only(through_pyttsx3, tmp_path, capfd):
    path = Voice().save("Call the clinic at (250) 477-2343.", tmp_path / "a.wav")
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


@needs_espeak
def test_save_in_a_shared_folder_follows_no_planted_link(tmp_path):
    """The partial file's name cannot be guessed, and a link at any name is never written through."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    pid = os.getpid()
    for name in (f".a.wav.{pid}.partial.wav", ".a.wav.partial.wav"):  # the names a guess would try
        (tmp_path / name).symlink_to(victim)
    Voice().save("Call the clinic.", tmp_path / "a.wav")
    assert victim.read_text() == "keep me" and wav_seconds(tmp_path / "a.wav") > 0.2
    assert sorted(p.name for p in tmp_path.glob(".*partial*")) == sorted(
        (f".a.wav.{pid}.partial.wav", ".a.wav.partial.wav"))  # its own partial file is gone, the links left be


@needs_espeak
def test_ctrl_c_while_saving_leaves_no_partial_file_and_later_saves_still_work(through_pyttsx3, tmp_path, monkeypatch):
    fresh = engine.Engine()  # its own wrapper, so the fallback it switches to stays in this test
    monkeypatch.setattr(engine, "_ENGINE", fresh)

    def interrupted():
        raise KeyboardInterrupt
    monkeypatch.setattr(fresh.tts, "runAndWait", interrupted)
    v = Voice(rate=200)
    with pytest.raises(KeyboardInterrupt):
        v.save(REPLY, tmp_path / "a.wav")
    assert list(tmp_path.iterdir()) == []
    _duration_fits(v.save(REPLY, tmp_path / "b.wav"), REPLY, rate=200)


def test_rate_stays_within_bounds():
    v = Voice.__new__(Voice)  # the rate is plain state: no engine needed
    assert v.set_rate(180) == 180
    assert v.set_rate(1000) == 300 and v.set_rate(10) == 80


@needs_espeak
def test_unknown_voice_is_one_line_and_the_old_voice_keeps_working(through_pyttsx3, tmp_path, capfd):
    v = Voice(voice="en-us")
    with pytest.raises(VoiceUnavailable, match=r"^No voice named 'zz-nope'") as caught:
        v.set_voice("zz-nope")
    assert "\n" not in str(caught.value) and v.voice == "en-us"
    _duration_fits(v.save(REPLY, tmp_path / "a.wav"), REPLY)
    assert capfd.readouterr().err == ""


def test_unwritable_path_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "shared", lambda: None)
    with pytest.raises(VoiceUnavailable, match=r"^Cannot write .*: No such file or directory$"):
        Voice().save("hello", tmp_path / "missing" / "a.wav")


@pytest.mark.parametrize("breakage", ["import", "init"])
def test_no_engine_is_one_line(through_pyttsx3, breakage, monkeypatch, run, tmp_path):
    monkeypatch.setattr(engine, "_ENGINE", None)
    if breakage == "import":
        monkeypatch.setitem(sys.modules, "pyttsx3", None)
        expected = "Speech is not available: install pyttsx3"
    else:
        import pyttsx3

        def broken(*args, **kwargs):
            raise RuntimeError("could not initialize espeak")
        monkeypatch.setattr(pyttsx3, "init", broken)
        expected = "Speech is not available: install espeak-ng"
    with pytest.raises(VoiceUnavailable) as caught:
        Voice()
    assert str(caught.value) == expected
    r = run("ask", "can I wear makeup?", "--speak-to", str(tmp_path / "a.wav"))
    assert r.code == 0 and "makeup" in r.out.lower()
    assert r.err == expected + "\n" and not (tmp_path / "a.wav").exists()


@needs_espeak
def test_ask_speak_to_writes_a_wav_and_prints_the_same(run, tmp_path):
    path = tmp_path / "a.wav"
    spoken_run = run("ask", "can I wear makeup?", "--speak-to", str(path), "--treated", "2026-11-20T10:00")
    plain = run("ask", "can I wear makeup?", "--treated", "2026-11-20T10:00")
    assert spoken_run.code == 0 and spoken_run.err == ""
    assert spoken_run.out == plain.out  # speaking never changes what is printed
    text = json.loads(run("ask", "can I wear makeup?", "--treated", "2026-11-20T10:00", "--json").out)["text"]
    _duration_fits(path, text)


@needs_espeak
@pytest.mark.parametrize("rate", [120, 250])
def test_where_the_program_is_installed_pyttsx3_is_never_started(tmp_path, monkeypatch, rate, capfd):
    monkeypatch.setattr(engine, "shared", lambda: pytest.fail("pyttsx3 started"))
    v = Voice(rate=rate, voice="en-us")
    path = v.save(REPLY, tmp_path / "a.wav")
    _duration_fits(path, REPLY, rate=rate)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 and capfd.readouterr() == ("", "")
    with pytest.raises(VoiceUnavailable, match=r"^No voice named 'zz-nope'"):
        v.set_voice("zz-nope")


def test_no_audio_device_is_said_before_reading_aloud_is_on(monkeypatch, tmp_path):
    monkeypatch.setattr(player, "PLAYERS", _player(tmp_path, 'echo "no soundcards found" >&2; exit 1'))
    assert voice.audio_out() == "no audio device"
    monkeypatch.setattr(player, "PLAYERS", _player(tmp_path, "exit 0"))
    assert voice.audio_out() is None
    monkeypatch.setattr(player, "PLAYERS", (("no-such-player-anywhere",),))
    assert voice.audio_out().startswith("no audio player")


def _player(tmp_path, body):
    script = tmp_path / "player.sh"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(0o755)
    return ((str(script),),)


def test_say_without_a_player_is_one_line(monkeypatch):
    monkeypatch.setattr(player, "PLAYERS", (("no-such-player-anywhere",),))
    monkeypatch.setattr(engine, "shared", lambda: None)
    with pytest.raises(VoiceUnavailable, match=r"^Speech is not available: no audio player"):
        Voice().say("hello")


@needs_espeak
def test_say_without_an_audio_device_is_one_line(monkeypatch, tmp_path, capfd):
    monkeypatch.setattr(player, "PLAYERS", _player(tmp_path, 'echo "no default audio device" >&2; exit 1'))
    start = time.monotonic()
    with pytest.raises(VoiceUnavailable) as caught:
        Voice().say(REPLY)
    assert str(caught.value) == "Speech is not available: no audio device"
    assert time.monotonic() - start < 3 and capfd.readouterr() == ("", "")


@needs_espeak
def test_say_plays_the_spoken_text_and_waits_for_it(monkeypatch, tmp_path):
    copy = tmp_path / "heard.wav"
    monkeypatch.setattr(player, "PLAYERS", _player(tmp_path, f'cp "$1" {copy}; sleep 0.5'))
    start = time.monotonic()
    Voice().say(REPLY)
    assert time.monotonic() - start >= 0.5
    _duration_fits(copy, REPLY)


@needs_espeak
def test_a_hung_player_is_stopped_when_the_speech_should_have_ended(monkeypatch, tmp_path):
    monkeypatch.setattr(player, "PLAYERS", _player(tmp_path, "sleep 30"))
    monkeypatch.setattr(player, "GRACE", 0.5)
    start = time.monotonic()
    with pytest.raises(VoiceUnavailable, match="did not respond"):
        Voice().say("Hello.")
    assert time.monotonic() - start < 5


@needs_espeak
def test_ctrl_c_stops_the_sound_at_once(monkeypatch, tmp_path):
    pid_file = tmp_path / "pid"
    monkeypatch.setattr(player, "PLAYERS", _player(tmp_path, f"echo $$ > {pid_file}; exec sleep 30"))
    # Python's own Ctrl-C handler, even where the runner was started with SIGINT ignored (`cmd &`)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.7, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            Voice().say(REPLY)
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    assert time.monotonic() - start < 3
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)
