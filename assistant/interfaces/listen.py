"""`aftercare listen` and `ask --from-wav`: hear a question, say what was heard, answer it.

Whatever is heard, the patient gets one reply: the answer, a red flag heard unsurely asked back
with its call-now line, or "Sorry, I didn't catch that" (what was heard still shown, and given as
`heard` and `confidence` in the JSON).
"""
from __future__ import annotations

from assistant.core.context import Env, Exit, UsageError
from assistant.core.text import json_line
from assistant.dialogue.render import reply_text, spoken_text, use_colour
from assistant.dialogue.reply import answer
from assistant.dialogue.response import Reply
from assistant.interfaces.aloud import print_spoken, read_aloud, spoken_json, write
from assistant.interfaces.context import context
from assistant.voice.hearing import Heard, HearingUnavailable, _hear_microphone
from assistant.voice.verdict import SORRY, Verdict, decide, heard_line


def answer_recording(heard: Heard, args, env: Env, where) -> int:
    """Print the one reply to a recording `ask --from-wav` heard (one JSON object with --json); `where` is
    (protocol, treated, now)."""
    protocol, treated, now = where
    verdict = decide(heard, protocol, treated, now)
    reply = voiced_reply(verdict, protocol, treated, now)
    if verdict.kind == "answer":  # standard error: standard output carries only the reply
        env.stderr.write(heard_line(verdict) + "\n")
    if args.json:
        write(env, json_line(spoken_json(voiced_json(reply, verdict), spoken_text(reply), args)))
    else:
        write(env, reply_text(reply, use_colour(env.stdout, env.environ)))
        print_spoken(spoken_text(reply), args, env)
    read_aloud(spoken_text(reply), args, env)
    return Exit.OK


def voiced_reply(verdict: Verdict, protocol, treated, now) -> Reply:
    """Return the one reply to a hearing: its answer, the red flag asked back (before the answer to a
    question surely heard beside it), or sorry."""
    if verdict.kind == "sorry":
        return answer("", protocol, treated, now).replace(fallback=SORRY)
    reply = verdict.reply or answer(verdict.question, protocol, treated, now)
    if verdict.flag:
        flagged = verdict.flagged or answer(verdict.flag, protocol, treated, now)
        return reply.replace(triage=flagged.triage, alert=flagged.alert, check=verdict.flag, beside=True)
    return reply.replace(check=verdict.heard) if verdict.kind == "confirm" else reply


def voiced_json(reply: Reply, verdict: Verdict) -> dict:
    """The contract's object for a spoken question, with what was heard and how surely."""
    return {**reply.as_json(), "heard": verdict.heard, "confidence": round(verdict.confidence, 2)}


class _NoFlags:  # `context` with no flags: the saved profile, else the defaults
    protocol = treated = now = None


def hear_verdict(env: Env) -> Verdict:
    """Record one question from the microphone and decide what to do with it (the saved profile's clinic)."""
    heard = _hear_microphone(env)
    return decide(heard, *context(_NoFlags(), env))


def hear_once(env: Env) -> str | None:
    """Record and recognise one question for the chat: the text to answer, or None when not understood.

    An unsure red flag comes back as its words too, so the chat answers it with the call-now line first.
    """
    verdict = hear_verdict(env)
    return verdict.said if verdict.kind in ("answer", "confirm") else None


def listen(args, env: Env) -> int:
    """`aftercare listen`: record a question, say what was heard, answer it."""
    protocol, treated, now = context(args, env)
    try:
        heard = _hear_microphone(env)
    except HearingUnavailable as exc:
        raise UsageError(f"listen: {exc}; type your question instead: aftercare ask \"...\"") from None
    verdict = decide(heard, protocol, treated, now)
    reply = voiced_reply(verdict, protocol, treated, now)
    text = reply_text(reply, use_colour(env.stdout, env.environ))
    shown = f"{heard_line(verdict)}\n{text}" if verdict.kind == "answer" else text
    env.stdout.write(shown + "\n")
    env.stdout.flush()
    if getattr(args, "speak", False):
        from assistant.voice.speech import Voice, VoiceUnavailable  # only when the answer is read aloud
        try:
            Voice().say(spoken_text(reply))
        except VoiceUnavailable as exc:
            env.stderr.write(f"{exc}\n")
    return Exit.OK
