"""The chat, driven in-process through prompt_toolkit's pipe input, and piped like a script."""
from __future__ import annotations

import io
import re
import stat
from datetime import datetime

import pytest
from prompt_toolkit import PromptSession
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from assistant.clinic import protocol
from assistant.core import profile
from assistant.dialogue.conversation import Conversation
from assistant.interfaces import chat, cli

NOW = datetime(2026, 11, 21, 16, 0)


class Screen(DummyOutput):
    """A dummy output that keeps what was printed."""

    def __init__(self):
        super().__init__()
        self.text = []

    def write(self, data):
        self.text.append(data)

    def write_raw(self, data):
        self.text.append(data)

    def value(self):
        return " ".join("".join(self.text).split())  # lines are wrapped to the screen width


def _env(home):
    out = io.StringIO()
    return cli.Env(stdin=io.StringIO(), stdout=out, stderr=out, environ={"AFTERCARE_HOME": str(home)},
                   clock=lambda: NOW)


def test_session_follow_up_red_flag_repeat_and_quit(home):
    env = _env(home)
    profile.save(profile.Profile("alexander", "2026-11-20T10:00"), env.environ)
    talk = Conversation(protocol.load("alexander"), datetime(2026, 11, 20, 10, 0), lambda: NOW)
    screen = Screen()
    with create_pipe_input() as pipe:
        for line in ["all good", "can I wear makeup?", "and sunscreen?", "there is pus", "repeat", "quit"]:
            pipe.send_text(line + "\r")
        assert chat.session_loop(talk, env, PromptSession, input=pipe, output=screen) == 0
    shown = screen.value()
    assert "Quick check-in for day 1" in shown
    assert "Yes, since Saturday 21 November at 10:00. No makeup" in shown
    assert "wear a broad-spectrum UVA/UVB sunscreen" in shown  # "and sunscreen?" kept the context
    assert "CALL YOUR CLINIC NOW" in shown and "(250) 477-2343" in shown
    assert shown.count("Pus or cloudy drainage can mean infection.") == 2  # the reply, then repeat
    assert "Take care." in shown
    assert profile.load(env.environ).last_checkin == "2026-11-21"
    history = home / "history"
    assert stat.S_IMODE(history.stat().st_mode) == 0o600 and "there is pus" in history.read_text()


def test_what_was_told_is_kept_before_the_first_prompt_so_a_closed_terminal_loses_none_of_it(home):
    env = _env(home)
    profile.save(profile.Profile("alexander", "2026-11-20T10:00"), env.environ)
    talk = Conversation(protocol.load("alexander"), datetime(2026, 11, 20, 10, 0), lambda: NOW)

    class Closed(PromptSession):
        def prompt(self, *args, **kwargs):
            raise ConnectionError("the terminal went away")  # as a hang-up would, before any answer

    with create_pipe_input() as pipe, pytest.raises(ConnectionError):
        chat.session_loop(talk, env, Closed, input=pipe, output=Screen())
    assert profile.load(env.environ).last_told == "2026-11-21T10:00"  # makeup and sunscreen, told


def test_the_profile_is_read_only_when_what_it_keeps_has_changed(home, monkeypatch):
    env = _env(home)
    profile.save(profile.Profile("alexander", "2026-11-20T10:00"), env.environ)
    talk = Conversation(protocol.load("alexander"), datetime(2026, 11, 20, 10, 0), lambda: NOW)
    reads = []
    monkeypatch.setattr(chat.profile, "load", lambda environ, real=profile.load: reads.append(1) or real(environ))
    with create_pipe_input() as pipe:
        for line in ["all good", "can I wear makeup?", "and sunscreen?", "is ice ok", "quit"]:
            pipe.send_text(line + "\r")
        assert chat.session_loop(talk, env, PromptSession, input=pipe, output=Screen()) == 0
    assert len(reads) == 1  # once, when the news and the check-in were told; not at each of five turns
    assert profile.load(env.environ).last_checkin == "2026-11-21"


def test_check_in_is_asked_once_a_day(home):
    talk = Conversation(protocol.load("rf"), datetime(2026, 11, 20, 10, 0), lambda: NOW, last_checkin="2026-11-21")
    assert talk.checkin() == []
    talk = Conversation(protocol.load("rf"), datetime(2026, 11, 20, 10, 0), lambda: NOW)
    assert "day 1" in talk.checkin()[0][1] and talk.checkin() == []


def test_what_about_tomorrow_rules_on_the_last_topic_a_day_later():
    talk = Conversation(protocol.load("alexander"), datetime(2026, 11, 21, 12, 0), lambda: NOW)
    first = dict(talk.hear("can I go swimming?"))
    assert first["answer"].startswith("Not yet")
    later = dict(talk.hear("what about tomorrow?"))
    assert later["answer"].startswith("Not yet")  # 48 h runs to Monday 12:00; tomorrow is Sunday 16:00
    talk.clock = lambda: datetime(2026, 11, 22, 16, 0)
    assert dict(talk.hear("what about tomorrow?"))["answer"].startswith("Yes")


def test_onboarding_asks_clinic_and_time_and_saves(home):
    env = _env(home)
    answers = iter(["9", "rf", "the other day", "yesterday 3pm", "no", "yesterday 10am", "y", "(555) 010-9999"])
    saved = chat.onboard(env, lambda: NOW, ask=lambda prompt: next(answers))
    assert saved.protocol == "rf" and saved.treated == "2026-11-20T10:00" and saved.clinic_phone == "(555) 010-9999"
    assert profile.load(env.environ).protocol == "rf"
    out = env.stdout.getvalue()
    assert "1. alexander" in out and "unknown protocol '9'" in out and "couldn't read 'the other day'" in out
    asked = []
    answers = iter(["alexandr", "alexander", "2 days ago", ""])
    chat.onboard(env, lambda: NOW, ask=lambda prompt: asked.append(prompt) or next(answers))
    assert "did you mean alexander?" in env.stdout.getvalue()
    assert "I took “2 days ago” as Thursday 19 November at 16:00. Is that right? [Y/n] " in asked


def test_ctrl_d_at_the_first_question_leaves_cleanly(home, monkeypatch):
    env = _env(home)
    env.stdin.isatty = env.stdout.isatty = lambda: True
    monkeypatch.setattr("builtins.input", lambda prompt="": (_ for _ in ()).throw(EOFError))
    assert cli.main(["chat"], env) == 0
    assert "Nothing saved" in env.stdout.getvalue() and "Traceback" not in env.stdout.getvalue()
    assert profile.load(env.environ) is None


def test_ctrl_c_cancels_the_line_and_ctrl_d_leaves(home):
    env = _env(home)
    talk = Conversation(protocol.load("alexander"), None, lambda: NOW)
    screen = Screen()
    with create_pipe_input() as pipe:
        pipe.send_text("makeu")
        pipe.send_text("\x03")          # Ctrl-C: the half-typed line is dropped
        pipe.send_text("sauna?\r")
        pipe.send_text("\x04")          # Ctrl-D on an empty line: leave
        assert chat.session_loop(talk, env, PromptSession, input=pipe, output=screen) == 0
    shown = screen.value()
    assert "steam rooms" in shown and talk.last_topics == ["heat"]


def test_piped_chat_prints_plain_answers_without_escape_codes(run):
    r = run("chat", "--protocol", "alexander", "--treated", "2026-11-20T10:00",
            stdin="makeup?\nI can't breathe\nclinic\ntoday\nquit\nnever read\n")
    assert r.code == 0 and "\033" not in r.out
    lines = r.out.splitlines()
    assert lines[0].startswith("Yes, since Saturday 21 November at 10:00")
    assert any(l.startswith("EMERGENCY: Call 911 now: trouble breathing.") for l in lines)
    assert "Dr. Alexander's office: contact them at (250) 477-2343" in r.out
    assert "Today, Saturday 21 November — day 1 after treatment" in r.out
    assert "never read" not in r.out


@pytest.mark.parametrize("words,kind", [("help", "info"), ("speak on", "info"), ("slower", "rate"), ("/quit", "info")])
def test_commands_in_plain_words_and_slash_forms(words, kind):
    talk = Conversation(protocol.load("rf"), None, lambda: NOW)
    assert talk.hear(words)[0][0] == kind


def test_entering_a_phase_announces_what_it_allows_once():
    """The phase machine, moved by the chat's clock, is what says "you may again"."""
    clock = [datetime(2026, 11, 21, 16, 0)]
    talk = Conversation(protocol.load("alexander"), datetime(2026, 11, 20, 10, 0), lambda: clock[0],
                        last_checkin="2026-11-21")
    first = talk.tick()
    assert len(first) == 1 and "you may again: makeup" in first[0][1]  # only the phase in force now
    assert talk.tick() == []
    clock[0] = datetime(2026, 11, 22, 11, 0)  # past 48 hours: swimming opens, exercise does not
    news = " ".join(text for _, text in talk.tick())
    assert "swimming" in news and "exercise" not in news and "Quick check-in for day 2" in news
    clock[0] = datetime(2026, 11, 23, 11, 0)
    assert "exercise" in " ".join(text for _, text in talk.tick())


def test_a_banner_line_is_wrapped_with_the_banner_counted_in_its_first_line():
    from assistant.interfaces.terminal import Screen as Printer

    class Narrow(Screen):
        def get_size(self):
            from prompt_toolkit.data_structures import Size
            return Size(rows=40, columns=60)
    out = Narrow()
    Printer(chat.STYLE, chat.BANNER, out).show("urgent", "Call your clinic now, at (250) 477-2343, about pus or "
                                                         "cloudy drainage. Pus can mean infection.")
    lines = [line for line in "".join(out.text).replace("\r", "").split("\n") if line.strip()]
    plain = [re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", line) for line in lines]
    assert len(plain) >= 2 and all(len(line) <= 58 for line in plain), plain
    assert plain[0].startswith(chat.BANNER["urgent"]) and not plain[1].startswith(" ")
