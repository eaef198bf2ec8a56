"""`aftercare ask` read aloud: `--speak` and `--speak-to` read the answer, `--print-spoken` prints what is read.

Standard output stays what `ask` prints, one JSON object per question with `--json`;
`--print-spoken` adds the words as they are read aloud (a `spoken` field in the JSON). A recorded
question (`--from-wav`) runs from interfaces.listen, so reading aloud never loads the recogniser.
"""
from __future__ import annotations

from assistant.core.context import Env, Exit
from assistant.core.text import json_line
from assistant.dialogue.render import spoken_text
from assistant.dialogue.reply import answer
from assistant.interfaces.ask import questions, show
from assistant.interfaces.context import context


def ask(args, env: Env) -> int:
    """Answer each typed question, and speak, save or print aloud each answer."""
    protocol, treated, now = context(args, env)
    for question in questions(args.question, env):
        reply = answer(question, protocol, treated, now)
        if args.json and args.print_spoken:
            write(env, json_line(spoken_json(reply.as_json(), spoken_text(reply), args)))
        else:
            show(reply, args, env)
            print_spoken(spoken_text(reply), args, env)
        read_aloud(spoken_text(reply), args, env)
    return Exit.OK


def spoken_json(fields: dict, text: str, args) -> dict:
    """Add the words read aloud to a reply's JSON when --print-spoken asks for them."""
    if not args.print_spoken:
        return fields
    from assistant.voice.spoken import for_ear  # only for --print-spoken: `ask --from-wav` skips it
    return {**fields, "spoken": for_ear(text)}


def print_spoken(text: str, args, env: Env) -> None:
    """Print the words read aloud after a text reply when --print-spoken asks for them."""
    if args.print_spoken and not args.json:
        from assistant.voice.spoken import for_ear
        write(env, f"Spoken: {for_ear(text)}")


def write(env: Env, line: str) -> None:
    env.stdout.write(line + "\n")
    env.stdout.flush()


def read_aloud(text: str, args, env: Env) -> None:
    """Save or speak the reply; a voice that cannot start is one line on standard error."""
    if not (args.speak or args.speak_to):
        return
    # The speech modules (about 3 ms, their patterns compiled as a reply needs them) load only when something
    # is read aloud.
    from assistant.voice.speech import Voice, VoiceUnavailable
    try:
        voice = Voice()
        if args.speak_to:
            voice.save(text, args.speak_to)
        if args.speak:
            voice.say(text)
    except VoiceUnavailable as exc:
        env.stderr.write(f"{exc}\n")
