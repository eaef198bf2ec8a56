"""Chat history as untrusted state: stamped by the clock in use, kept 90 days, bad records skipped, symptoms never suggested."""
from __future__ import annotations

import io
import os
import stat
import time
from datetime import datetime, timedelta

import pytest
from prompt_toolkit import PromptSession
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from assistant.clinic import protocol
from assistant.core import history
from assistant.dialogue.conversation import Conversation
from assistant.interfaces import chat, cli
from assistant.interfaces.history import ChatHistory
from assistant.interfaces.terminal import Screen

NOW = datetime(2026, 11, 21, 16, 0)


def _env(home, **extra):
    out = io.StringIO()
    return cli.Env(stdin=io.StringIO(), stdout=out, stderr=out, environ={"AFTERCARE_HOME": str(home), **extra},
                   clock=lambda: NOW)


def _chat(home, lines, clock=lambda: NOW, **extra):
    """Run the prompt-toolkit chat on `lines`; return what it showed."""
    env = _env(home, **extra)
    talk = Conversation(protocol.load("alexander"), datetime(2026, 11, 20, 10, 0), clock, last_checkin="2026-11-21")
    shown = []

    class Out(DummyOutput):
        def write(self, data):
            shown.append(data)
    with create_pipe_input() as pipe:
        for line in lines:
            pipe.send_text(line + "\r")
        assert chat.session_loop(talk, env, PromptSession, input=pipe, output=Out()) == 0
    return " ".join("".join(shown).split())


def _record(at: datetime, text: str) -> str:
    return f"\n# {at.isoformat(sep=' ')}\n+{text}\n"


def test_questions_are_stamped_with_the_clock_in_use(home):
    then = datetime(2026, 1, 2, 3, 4, 5)
    _chat(home, ["can I wear makeup?", "quit"], clock=lambda: then)
    kept = history.read(str(home / "history"), then)
    assert [(at, text) for at, text in kept.entries] == [(then, "can I wear makeup?"), (then, "quit")]
    assert stat.S_IMODE((home / "history").stat().st_mode) == 0o600


@pytest.mark.parametrize("days, left", [(None, ["a month ago", "recent"]), ("7", ["recent"]), ("0", [])])
def test_history_is_kept_for_the_retention_and_no_longer(home, days, left):
    home.mkdir(parents=True)
    (home / "history").write_text(_record(NOW - timedelta(days=200), "long ago") +
                                  _record(NOW - timedelta(days=30), "a month ago") +
                                  _record(NOW - timedelta(hours=1), "recent"))
    env = _env(home, **({"AFTERCARE_HISTORY_DAYS": days} if days is not None else {}))
    kept = ChatHistory.open(env, protocol.load("rf"), lambda: NOW)
    assert kept.entries == left
    if days != "0":
        assert "long ago" not in (home / "history").read_text()  # the file itself is rewritten without them


def test_no_history_is_written_when_retention_is_zero(home):
    _chat(home, ["makeup?", "quit"], AFTERCARE_HISTORY_DAYS="0")
    assert not (home / "history").exists()


def test_a_bad_retention_setting_is_said_and_the_chat_goes_on(home):
    shown = _chat(home, ["makeup?", "quit"], AFTERCARE_HISTORY_DAYS="ninety")
    assert "will not be kept" in shown and "AFTERCARE_HISTORY_DAYS" in shown and "No makeup" in shown


def test_damaged_records_are_reported_by_line_and_skipped(home):
    home.mkdir(parents=True)
    good = _record(NOW - timedelta(hours=2), "can I swim?")
    (home / "history").write_bytes(good.encode() + b"\n# yesterday-ish\n+bad stamp\n" + b"stray line\n" +
                                   b"\n# 2026-11-21 15:00:00\n+\xff\xfe not utf-8\n" + _record(NOW, "sauna?").encode())
    kept = history.read(str(home / "history"), NOW)
    assert [text for _, text in kept.entries] == ["can I swim?", "sauna?"]
    assert [n for n, _ in kept.problems] == [5, 7, 10]
    assert history.read(str(home / "history"), NOW).problems == []  # rewritten clean, entries kept
    shown = _chat(home, ["quit"])
    assert "quit" in (home / "history").read_text()
    assert "Skipped" not in shown  # already cleaned


def test_damage_is_one_note_in_the_chat_not_a_failure(home):
    home.mkdir(parents=True)
    (home / "history").write_bytes(b"\x00\x01garbage\n" * 3 + _record(NOW, "makeup?").encode())
    shown = _chat(home, ["quit"])
    assert "Skipped 3 damaged lines of your chat history" in shown and "line 1, 2, 3" in shown
    assert "Take care." in shown


@pytest.mark.parametrize("kind", ["fifo", "symlink", "folder"])
def test_a_history_that_is_no_file_is_never_followed_and_never_hangs(home, tmp_path, kind):
    home.mkdir(parents=True)
    secret = tmp_path / "secret"
    secret.write_text("keep me")
    target = home / "history"
    {"fifo": lambda: os.mkfifo(target), "symlink": lambda: target.symlink_to(secret),
     "folder": target.mkdir}[kind]()
    t0 = time.monotonic()
    shown = _chat(home, ["makeup?", "quit"])
    assert time.monotonic() - t0 < 5 and "will not be kept" in shown and "No makeup" in shown
    assert secret.read_text() == "keep me"


def _suggestion(kept: ChatHistory, typed: str):
    """What the prompt would offer, greyed, after `typed`."""
    with create_pipe_input() as pipe:
        session = Screen({}, {}, DummyOutput()).session(kept, [], lambda: "", PromptSession, input=pipe,
                                                        output=DummyOutput())
        for text in kept.entries:  # as the prompt loads them; storing goes nowhere (no file)
            session.history.append_string(text)
        found = session.auto_suggest.get_suggestion(Buffer(history=session.history), Document(typed))
    return found.text if found else None


@pytest.mark.parametrize("earlier, typed", [
    ("there is pus on my cheek", "there"), ("is redness normal on day 3?", "is red"),
    ("I have a fever of 101", "I have"), ("my face is swollen", "my f"), ("I can't breathe well", "I can"),
])
def test_auto_suggest_never_offers_an_earlier_symptom(earlier, typed):
    kept = ChatHistory(None, lambda: NOW, protocol.load("rf"), ["can I wear makeup?", earlier])
    assert _suggestion(kept, typed) is None
    assert _suggestion(kept, "can I w") == "ear makeup?"
    assert earlier in kept.entries  # still there to scroll back to


def test_history_with_a_time_zone_or_microseconds_still_reads(home):
    home.mkdir(parents=True)
    (home / "history").write_text("\n# 2026-11-21 15:59:59.123456\n+first\n\n# 2026-11-21T15:00:00+02:00\n+second\n")
    assert [t for _, t in history.read(str(home / "history"), NOW).entries] == ["first", "second"]
