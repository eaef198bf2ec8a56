"""`aftercare chat --voice`: the chat hands-free, for people who cannot type.

    hands_free(talk, env, voice, extra)   # False when the chat should go on typed (no microphone)
Each turn records one question until the patient pauses, hears it, and answers it through the same
conversation as the typed chat, read aloud, so "repeat", "slower", "faster", "stop" (reading aloud
off), "say-text" and "quit" work by voice too. After two turns in which nothing was heard it falls
back to push-to-talk: Enter to speak again, or type the question. The recogniser is started in the
background while the welcome is shown, so the first question does not wait for it.
"""
from __future__ import annotations

import threading

from assistant.core.context import Env
from assistant.dialogue.conversation import Conversation
from assistant.dialogue.response import asked_back
from assistant.interfaces.listen import hear_verdict
from assistant.voice.hearing import HearingUnavailable, recogniser
from assistant.voice.speech import VoiceUnavailable
from assistant.voice.verdict import SORRY, heard_line

MISSES = 2  # turns heard as nothing before asking for Enter
WELCOME = ("Hands-free: ask your question when you see \"Listening\", then pause. Say \"repeat\", \"slower\", "
           "\"stop\" or \"quit\" at any time.")
PUSH = "Press Enter and speak, or type your question (Ctrl-D leaves): "


def hands_free(talk: Conversation, env: Env, voice, extra, listen=hear_verdict) -> bool:
    """Run the hands-free loop; return False when there is no microphone and the chat goes on typed."""
    threading.Thread(target=_warm, daemon=True).start()
    _say(env, talk, voice, "info", WELCOME)
    misses = 0
    while not talk.done:
        for style, line in talk.tick():
            _say(env, talk, voice, style, line)
        if misses >= MISSES:
            env.stdout.write(PUSH)
            env.stdout.flush()
            typed = env.stdin.readline()
            if not typed:
                break
            misses = 0
            if typed.strip():
                _turn(talk, env, voice, typed.strip(), extra)
                continue
        try:
            verdict = listen(env)
        except HearingUnavailable as exc:
            env.stdout.write(f"Voice input is not available: {exc}. Type your questions instead.\n")
            return False
        if verdict.kind == "sorry":
            misses += 1
            _say(env, talk, voice, "info", SORRY)
            continue
        misses = 0
        env.stdout.write((heard_line(verdict) if verdict.kind == "answer" else verdict.text) + "\n")
        if verdict.flag:  # a red flag put back before the question surely heard beside it
            env.stdout.write(asked_back(verdict.flag) + "\n")
        _turn(talk, env, voice, verdict.said, extra)
    return True


def _warm() -> None:
    try:
        recogniser()
    except Exception:  # told in one line when the patient first speaks
        pass


def _turn(talk: Conversation, env: Env, voice, text: str, extra) -> None:
    """Answer one question or command, print it, and read aloud the answer (or what the command says)."""
    before, shown = talk.last_text, []
    for style, line in talk.hear(text):
        if style in ("today", "plan", "say_text"):
            line = extra(style)
        elif style == "listen":
            line = "I am listening already."
        env.stdout.write(line + "\n")
        shown.append(line)
    env.stdout.flush()
    answered = talk.last_text is not before  # a question: read its reply, never its source lines
    speak(env, talk, voice, talk.last_text if answered else " ".join(shown))


def _say(env: Env, talk: Conversation, voice, style: str, line: str) -> None:
    env.stdout.write(line + "\n")
    env.stdout.flush()
    speak(env, talk, voice, line)


def speak(env: Env, talk: Conversation, voice, text: str) -> None:
    """Say text when the chat is speaking; a voice that fails turns speech off, Ctrl-C only stops it."""
    if not (talk.speaking and voice and text):
        return
    try:
        voice.set_rate(talk.rate)
        voice.say(text)
    except VoiceUnavailable as exc:
        env.stderr.write(f"{exc}\n")
        talk.speaking = False
    except KeyboardInterrupt:
        pass  # Ctrl-C stops the speech, not the chat
