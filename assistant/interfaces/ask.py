"""`aftercare ask`: answer one question, or one per line from standard input, as text or JSON."""
from __future__ import annotations

import json

from assistant.core.context import Env, Exit
from assistant.dialogue.reply import answer
from assistant.interfaces.context import context


def ask(args, env: Env) -> int:
    protocol, treated, now = context(args, env)
    if args.from_wav:
        from assistant.interfaces.listen import recognise_file  # the recogniser costs ~40 ms to import
        heard = recognise_file(args.question, env, (protocol, treated, now))
        if heard is None:
            return Exit.OK
        args.question = heard
    questions = _stdin_lines(env) if args.question == "-" else [args.question]
    colour = None
    for q in questions:
        reply = answer(q, protocol, treated, now)
        if args.json:
            env.stdout.write(json.dumps(reply.as_json(), ensure_ascii=False) + "\n")
        else:
            from assistant.dialogue.render import reply_text, use_colour
            colour = use_colour(env.stdout, env.environ) if colour is None else colour
            env.stdout.write(reply_text(reply, colour) + "\n")
        env.stdout.flush()
        if args.speak or args.speak_to:
            from assistant.voice.speech import Voice, VoiceUnavailable
            try:
                voice = Voice()
                if args.speak_to:
                    voice.save(reply.text, args.speak_to)
                if args.speak:
                    voice.say(reply.text)
            except VoiceUnavailable as exc:
                env.stderr.write(f"{exc}\n")
    return Exit.OK


def _stdin_lines(env: Env):
    """Yield one question per input line; undecodable bytes become U+FFFD, never an error."""
    stream = getattr(env.stdin, "buffer", None)
    if stream is None:
        for line in env.stdin:
            yield line.rstrip("\r\n")
        return
    for raw in stream:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")
