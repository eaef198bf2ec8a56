"""`aftercare ask`: answer one question, or one per line from standard input, as text or JSON.

With `--from-wav`, `--speak` or `--speak-to` the command line hands `ask` to interfaces.aloud,
so a typed `ask --json` never loads the speech engine or the recogniser.
"""
from __future__ import annotations

from assistant.core.context import Env, Exit
from assistant.core.text import json_line
from assistant.dialogue.render import reply_text, use_colour
from assistant.dialogue.reply import answer
from assistant.dialogue.response import Reply
from assistant.interfaces.context import context
from assistant.interfaces.terminal import plain_lines


def ask(args, env: Env) -> int:
    """Answer each question in turn, as JSON (docs/json.md) or as text."""
    protocol, treated, now = context(args, env)
    for question in questions(args.question, env):
        show(answer(question, protocol, treated, now), args, env)
    return Exit.OK


def questions(question: str, env: Env):
    """Yield the question, or with "-" one question per line of standard input."""
    return plain_lines(env.stdin) if question == "-" else iter([question])


def show(reply: Reply, args, env: Env) -> None:
    """Print one reply: one JSON object on a line with --json, else text (coloured on a terminal)."""
    if args.json:
        env.stdout.write(json_line(reply.as_json()) + "\n")
    else:
        env.stdout.write(reply_text(reply, use_colour(env.stdout, env.environ)) + "\n")
    env.stdout.flush()
