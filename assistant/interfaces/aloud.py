"""`aftercare ask` with a voice: `--from-wav` hears the question, `--speak` and `--speak-to` read the answer.

Standard output stays what `ask` prints, one JSON object per question with `--json` whatever was
heard; `--print-spoken` adds the words as they are read aloud (a `spoken` field in the JSON).
"""
from __future__ import annotations

import json

from assistant.core.context import Env, Exit
from assistant.dialogue.render import reply_text, use_colour
from assistant.dialogue.reply import answer
from assistant.interfaces.ask import questions, show
from assistant.interfaces.context import context
from assistant.interfaces.listen import recognise_file, voiced_json, voiced_reply
from assistant.voice.speech import Voice, VoiceUnavailable
from assistant.voice.spoken import for_ear
from assistant.voice.verdict import heard_line


def ask(args, env: Env) -> int:
    """Answer a recorded or typed question, and speak or save each answer."""
    protocol, treated, now = context(args, env)
    if args.from_wav:
        verdict = recognise_file(args.question, env, (protocol, treated, now))
        reply = voiced_reply(verdict, protocol, treated, now)
        if verdict.kind == "answer":  # standard error: standard output carries only the reply
            env.stderr.write(heard_line(verdict) + "\n")
        if args.json:
            fields = voiced_json(reply, verdict)
            _write(env, json.dumps(_spoken(fields, reply.text, args), ensure_ascii=False))
        else:
            _write(env, reply_text(reply, use_colour(env.stdout, env.environ)))
            _print_spoken(reply.text, args, env)
        _voice(reply.text, args, env)
        return Exit.OK
    for question in questions(args.question, env):
        reply = answer(question, protocol, treated, now)
        if args.json and args.print_spoken:
            _write(env, json.dumps(_spoken(reply.as_json(), reply.text, args), ensure_ascii=False))
        else:
            show(reply, args, env)
            _print_spoken(reply.text, args, env)
        _voice(reply.text, args, env)
    return Exit.OK


def _spoken(fields: dict, text: str, args) -> dict:
    return {**fields, "spoken": for_ear(text)} if args.print_spoken else fields


def _print_spoken(text: str, args, env: Env) -> None:
    if args.print_spoken and not args.json:
        _write(env, f"Spoken: {for_ear(text)}")


def _write(env: Env, line: str) -> None:
    env.stdout.write(line + "\n")
    env.stdout.flush()


def _voice(text: str, args, env: Env) -> None:
    """Save or speak the reply; a voice that cannot start is one line on standard error."""
    if not (args.speak or args.speak_to):
        return
    try:
        voice = Voice()
        if args.speak_to:
            voice.save(text, args.speak_to)
        if args.speak:
            voice.say(text)
    except VoiceUnavailable as exc:
        env.stderr.write(f"{exc}\n")
