"""`aftercare chat --voice`: hands-free turns from a fake microphone, voice commands, push-to-talk, no microphone."""
from __future__ import annotations

import importlib.util
import io
import shutil
import subprocess
import sys
from datetime import datetime

import pytest
from fake_microphone import Microphone

from assistant.clinic import protocol
from assistant.dialogue.conversation import Conversation
from assistant.interfaces import chat, handsfree
from assistant.voice import audio
from assistant.voice.verdict import SORRY, Verdict

needs_voice = pytest.mark.skipif(shutil.which("espeak-ng") is None or importlib.util.find_spec("pocketsphinx") is None,
                                 reason="needs espeak-ng and pocketsphinx")


class FakeVoice:
    """Records what would be read aloud, and how fast."""

    def __init__(self):
        self.rate, self.said = 160, []

    def set_rate(self, rate):
        self.rate = rate

    def say(self, text):
        self.said.append((self.rate, text))


def _spoken(tmp_path, *texts) -> bytes:
    gap = bytes(2 * 16000 * 12 // 10)  # 1.2 s between turns: longer than the pause that ends one
    out = gap
    for i, text in enumerate(texts):
        path = tmp_path / f"{i}.wav"
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), text], check=True)
        out += audio.read_wav(str(path)) + gap
    return out


@needs_voice
def test_a_question_then_slower_repeat_and_quit_all_by_voice(run, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "sounddevice", Microphone(_spoken(tmp_path, "can I take advil", "slower", "repeat",
                                                                       "goodbye"), rate=16000, room=bytes(32000)))
    voice = FakeVoice()
    monkeypatch.setattr(chat, "audio_out", lambda: None)
    monkeypatch.setattr(chat, "_voice", lambda env, name=None: voice)
    r = run("chat", "--voice", "--protocol", "pre-post", "--treated", "2026-11-20T10:00")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0] == handsfree.WELCOME and "I heard: can I take advil?" in lines
    assert "Speaking at 140 words a minute." in lines and lines[-1].startswith("Take care.")
    answer = next(text for rate, text in voice.said if "Advil" in text)
    assert [(rate, text) for rate, text in voice.said if text == answer] == [(160, answer), (140, answer)]  # repeat
    assert (140, "Speaking at 140 words a minute.") in voice.said and voice.said[-1][1].startswith("Take care.")


def test_no_microphone_is_one_line_and_the_chat_goes_on_typed(run, monkeypatch):
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    monkeypatch.setattr(chat, "audio_out", lambda: "no audio device")
    r = run("chat", "--voice", "--protocol", "alexander", "--treated", "2026-11-20T10:00", stdin="makeup?\nquit\n")
    assert r.code == 0 and r.err == "No audio device: reading aloud is off.\n"
    lines = r.out.splitlines()
    assert sum(line.startswith("Voice input is not available: no sound input") for line in lines) == 1
    assert any(line.startswith("Yes, since Saturday 21 November") for line in lines)


def test_after_two_misses_enter_or_typing_takes_over():
    talk = Conversation(protocol.load("alexander"), datetime(2026, 11, 20, 10), lambda: datetime(2026, 11, 21, 16))
    heard = iter([Verdict("sorry"), Verdict("sorry"), Verdict("answer", "quit", "quit", 0.9)])
    env = chat.Env(stdin=io.StringIO("makeup?\n"), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert handsfree.hands_free(talk, env, None, lambda kind: "", listen=lambda e: next(heard)) is True
    out = env.stdout.getvalue()
    assert out.count(SORRY) == 2 and handsfree.PUSH + "Yes, since Saturday 21 November" in out
    assert talk.done and "I heard: quit" in out


def test_a_red_flag_put_back_is_said_before_the_question_heard_beside_it():
    talk = Conversation(protocol.load("alexander"), datetime(2026, 11, 20, 10), lambda: datetime(2026, 11, 21, 16))
    heard = iter([Verdict("answer", "is peeling normal", "is peeling normal", 1.0, "urgent", "is pus normal"),
                  Verdict("answer", "quit", "quit", 0.9)])
    env = chat.Env(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    handsfree.hands_free(talk, env, None, lambda kind: "", listen=lambda e: next(heard))
    out = env.stdout.getvalue()
    flagged = out.index("Did you say: is pus normal?")
    assert out.index("I heard: is peeling normal") < flagged < out.index("Call your clinic now") < out.index("pick at scabs")


def test_speak_on_without_an_audio_device_says_so_first_and_stays_off():
    talk = Conversation(protocol.load("rf"), None, lambda: datetime(2026, 11, 21, 16))
    talk.can_speak = lambda: "no audio device"
    assert talk.hear("speak on") == [("info", "No audio device: reading aloud is off.")] and not talk.speaking
    talk.can_speak = lambda: None
    assert talk.hear("speak on") == [("info", "Reading aloud is on.")] and talk.speaking
    assert talk.hear("stop") == [("info", "Reading aloud is off.")] and not talk.speaking


def test_say_text_prints_the_words_read_aloud(run):
    r = run("chat", "--protocol", "alexander", "--treated", "2026-11-20T10:00",
            stdin="what number do I call?\nsay-text\nquit\n")
    said = next(line for line in r.out.splitlines() if line.startswith("Read aloud: "))
    assert "2 5 0, 4 7 7, 2 3 4 3" in said and "(250)" not in said
