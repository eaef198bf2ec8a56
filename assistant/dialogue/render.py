"""Print a reply for a person: the alert first and loud, each answer, its sources quieter.

    print(reply_text(r))     # Not yet: wait until … No makeup for 24 hours after treatment.
                             #     (Dr. Alexander's aftercare sheet, item 8: “It is recommended…”)
    voice.say(spoken_text(r))  # "Not yet: … From Dr. Alexander's aftercare sheet, item 8."
A source is named by its title and the item (or line) the reader can find on the paper; the
file name is for programs and stays in the JSON. Colour only on a terminal and never when
NO_COLOR is set, so piped output has no escape codes.
"""
from __future__ import annotations

import os

from assistant.clinic.protocol import Source
from assistant.core.levels import WORDS, Level
from assistant.core.text import listed, shown
from assistant.dialogue.response import Reply

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
    out, quoted = [], set()
    for part in reply.parts():
        if part.kind == "alert":
            out.append(paint(f" {WORDS[part.level].banner} ", part.level, colour) + " " + shown(part.text, lines=True))
            continue
        out.append(shown(part.text, lines=True))  # clinic words come from a file: never let them drive the screen
        if sources and part.ruling is not None:
            for s in part.ruling.sources:  # a line two answers rest on is quoted once, as it is said once
                if (s.where, s.quote) not in quoted:
                    quoted.add((s.where, s.quote))
                    out.append(paint(f"    ({shown(s.where)}: \u201c{shown(s.quote)}\u201d)", "dim", colour))
    return "\n".join(out)


def cited(sources: list[Source]) -> str:
    """Say where sources are, paper by paper: "Dr. Alexander's aftercare sheet, item 7 and item 8"."""
    papers: dict[str, list[Source]] = {}
    for s in sources:
        papers.setdefault(s.title, []).append(s)
    said = []
    for title, found in papers.items():
        places = list(dict.fromkeys(s.place for s in sorted(found, key=lambda s: s.line)))
        said.append(f"{title}, {listed(places)}")
    return "; ".join(said)


def spoken_text(reply: Reply) -> str:
    """Render a reply for the ear: each part, then the paper and item it comes from."""
    out, named = [], set()
    for part in reply.parts():
        out.append(part.text)
        fresh = [s for s in (part.ruling.sources if part.ruling is not None else []) if (s.title, s.place) not in named]
        if fresh:  # a place two answers rest on is named once
            named.update((s.title, s.place) for s in fresh)
            out.append(f"From {cited(fresh)}.")
    return " ".join(out)
