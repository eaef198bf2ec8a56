"""Print a reply for a person: the triage line first and loud, each answer, its sources quieter.

Colour only on a terminal and never when NO_COLOR is set, so piped output has no escape codes.
"""
from __future__ import annotations

import os

from assistant.dialogue.reply import Reply

STYLES = {"emergency": "\033[1;97;41m", "urgent": "\033[1;30;43m", "routine": "\033[1;36m",
          "dim": "\033[2m", "bold": "\033[1m"}
RESET = "\033[0m"
BANNERS = {"emergency": "EMERGENCY", "urgent": "CALL YOUR CLINIC NOW", "routine": "CALL YOUR CLINIC"}


def use_colour(stream: TextIO, env: dict | None = None) -> bool:
    env = os.environ if env is None else env
    return "NO_COLOR" not in env and hasattr(stream, "isatty") and stream.isatty()


def paint(text: str, style: str, colour: bool) -> str:
    return f"{STYLES[style]}{text}{RESET}" if colour and style in STYLES else text


def reply_text(reply: Reply, colour: bool = False, sources: bool = True) -> str:
    """Render a reply as lines of text for a terminal or a pipe."""
    out = []
    level = reply.triage.level
    lines = list(reply.lines)
    if level != "none" and lines:
        out.append(paint(f" {BANNERS[level]} ", level, colour) + " " + lines.pop(0))
    answers = {a.text: a for a in reply.answers}
    for line in lines:
        out.append(line)
        answer = answers.get(line)
        if sources and answer is not None:
            for s in answer.sources:
                out.append(paint(f"    ({s.document}, line {s.line}: \u201c{s.quote}\u201d)", "dim", colour))
    out.extend(reply.notes)
    return "\n".join(out)
