"""Print a reply for a person: the alert first and loud, each answer, its sources quieter.

Colour only on a terminal and never when NO_COLOR is set, so piped output has no escape codes.
"""
from __future__ import annotations

import os

from assistant.core.levels import WORDS, Level
from assistant.dialogue.reply import Reply

RESET = "\033[0m"
DIM = "\033[2m"


def use_colour(stream, env: dict | None = None) -> bool:
    env = os.environ if env is None else env
    return "NO_COLOR" not in env and hasattr(stream, "isatty") and stream.isatty()


def paint(text: str, style: str, colour: bool) -> str:
    """Colour text by a level's name, or "dim" or "bold"; plain when colour is off."""
    code = {"dim": DIM, "bold": WORDS[Level.NONE].ansi}.get(style) or \
        (WORDS[Level(style)].ansi if style in Level.__members__.values() else "")
    return f"{code}{text}{RESET}" if colour and code else text


def reply_text(reply: Reply, colour: bool = False, sources: bool = True) -> str:
    """Render a reply as lines of text for a terminal or a pipe."""
    out = []
    for part in reply.parts():
        if part.kind == "alert":
            out.append(paint(f" {WORDS[part.level].banner} ", part.level, colour) + " " + part.text)
            continue
        out.append(part.text)
        if sources and part.ruling is not None:
            for s in part.ruling.sources:
                out.append(paint(f"    ({s.document}, line {s.line}: \u201c{s.quote}\u201d)", "dim", colour))
    return "\n".join(out)
