"""`aftercare listen` and `ask --from-wav`: hear a question, say what was heard, answer it."""
from __future__ import annotations

from assistant.core.context import Env, Exit, UsageError
from assistant.dialogue.render import reply_text, spoken_text, use_colour
from assistant.dialogue.reply import answer
from assistant.interfaces.context import context
from assistant.voice.audio import read_wav
from assistant.voice.hearing import HearingUnavailable, _hear_microphone, decide, heard_line, recogniser
from assistant.voice.speech import Voice, VoiceUnavailable


def recognise_file(path: str, env: Env, where=None) -> str | None:
    """Hear a WAV file for `ask --from-wav`: the question to answer, or None once the patient is told why not.

    `where` (protocol, treated, now) gives a red flag's call-now line; else the saved profile's clinic."""
    pcm = read_wav(path)
    try:
        heard = recogniser().hear(pcm)
    except HearingUnavailable as exc:
        raise UsageError(str(exc)) from None
    verdict = decide(heard, *(where or context(_NoFlags(), env)))
    if verdict.kind == "answer":
        env.stderr.write(heard_line(verdict) + "\n")  # stdout carries only the answer (JSON with --json)
        return verdict.text
    env.stdout.write(verdict.text + "\n")
    return None


class _NoFlags:  # `context` with no flags: the saved profile, else the defaults
    protocol = treated = now = None


def hear_once(env: Env) -> str | None:
    """Record and recognise one question for the chat: the text to answer, or None when not understood.

    An unsure red flag comes back as its words too, so the chat answers it with the call-now line first.
    """
    heard = _hear_microphone(env)
    protocol, treated, now = context(_NoFlags(), env)
    verdict = decide(heard, protocol, treated, now)
    return verdict.heard if verdict.kind in ("answer", "confirm") else None


def listen(args, env: Env) -> int:
    """`aftercare listen`: record a question, say what was heard, answer it."""
    protocol, treated, now = context(args, env)
    try:
        heard = _hear_microphone(env)
    except HearingUnavailable as exc:
        raise UsageError(f"listen: {exc}; type your question instead: aftercare ask \"...\"") from None
    verdict = decide(heard, protocol, treated, now)
    if verdict.kind != "answer":
        _tell(verdict.text, verdict.text, env, args)
        return Exit.OK
    reply = answer(verdict.text, protocol, treated, now)
    text = reply_text(reply, use_colour(env.stdout, env.environ))
    _tell(f"{heard_line(verdict)}\n{text}", spoken_text(reply), env, args)
    return Exit.OK


def _tell(text: str, spoken: str, env: Env, args) -> None:
    env.stdout.write(text + "\n")
    env.stdout.flush()
    if getattr(args, "speak", False):
        try:
            Voice().say(spoken)
        except VoiceUnavailable as exc:
            env.stderr.write(f"{exc}\n")
