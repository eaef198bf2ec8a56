"""Say what the receptionist does about a call: the staff script by level, office hours and deadline, and the screen.

    lines = script(assessment, protocol, now, staff.load())   # "Transfer the caller to the nurse now; ..."
    for style, text in screen(call, assessment, now, words): ...
The words are data (intents/staff.toml); the protocol's [desk] table says when the office answers,
its after-hours line and how soon it calls back. An emergency shows its script alone: no checklist,
no answers, nothing that could delay the call. Text here is plain; the desk sanitises and colours it.
"""
from __future__ import annotations

from datetime import datetime

from assistant.clinic.office import parse_duration
from assistant.clinic.protocol import Protocol
from assistant.core.levels import Level
from assistant.core.text import listed
from assistant.dialogue.call import NEUTRAL, Assessment, Call
from assistant.timeline.clock import say_short
from assistant.understanding.staff import StaffWords


def deadline(level: Level, protocol: Protocol | None, since: datetime, words: StaffWords) -> datetime | None:
    """Return when the clinic must have called back about a call at `level` made at `since`."""
    if level not in (Level.URGENT, Level.ROUTINE):
        return None
    office = (protocol or NEUTRAL).office
    default = words.callback.get(str(level))
    return office.due(level, since, parse_duration(default) if default else None)


def _span(minutes: int) -> str:
    for size, unit in ((1440, "day"), (60, "hour"), (1, "minute")):
        if minutes % size == 0:
            n = minutes // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return f"{minutes} minutes"


def script(a: Assessment, protocol: Protocol | None, now: datetime, words: StaffWords) -> list[str]:
    """Write the receptionist's script for the call's level, the clinic's numbers and hours filled in."""
    p = protocol or NEUTRAL
    said = words.level(a.level)
    is_open = p.office.is_open(now)
    opens = p.office.next_open(now)
    due = deadline(a.level, protocol, now, words)
    minutes = int((due - now).total_seconds() // 60) if due else 0
    fill = {"emergency": p.emergency, "after_hours": p.office.after_hours or "", "watch": words.watch,
            "due": f"by {due:%H:%M}" + (f" on {due:%a %d %b}" if due.date() != now.date() else "")
                   + f" (within {_span(minutes)})" if due else "today",
            "opens": say_short(opens) if opens else "the next working day"}
    if a.level == Level.NONE:
        if not a.expected:
            return [t.format(**fill) for t in said.open]
        reactions = listed([r.replace("_", " ") for r in a.expected])
        fill |= {"reactions": reactions[:1].upper() + reactions[1:], "be": "are" if len(a.expected) > 1 else "is"}
        if a.treated is None:
            return [t.format(**fill) for t in said.expected_undated]
        return [t.format(**fill, day=(now.date() - a.treated.date()).days) for t in said.expected]
    if a.level != Level.EMERGENCY and is_open is False:
        chosen = said.closed if p.office.after_hours else said.closed_no_line
        return [t.format(**fill) for t in chosen]
    return [t.format(**fill) for t in said.open]


def screen(call: Call, a: Assessment, now: datetime, words: StaffWords, staff: str) -> list[tuple[str, str]]:
    """Lay out the screen after each line as (style, text): banner, why, who, script, answers, questions."""
    style = str(a.level) if a.level != Level.NONE else "bold"
    banner = a.level.upper() if a.level != Level.NONE else "NO RED FLAGS"
    out = [(style, f" {banner} "), ("", f"  {words.level(a.level).means}")]
    if not call.protocol and a.level != Level.EMERGENCY:
        out[-1] = ("", out[-1][1] + " (general red flags only: no protocol yet)")
    out += [("", "\n")]
    if a.reasons:
        out += [("bold", "Why:\n")] + [("", f"  {_reason(r)}\n") for r in a.reasons]
    when = (f"treated {a.treated:%a %d %b %H:%M} ({a.elapsed:.0f} h ago)" if a.treated is not None
            else "treatment date not given (treated: …)")
    out.append(("", f"caller {call.caller or '(no ref: ref: …)'} | protocol {call.protocol_ref or '(not set)'} "
                    f"| {when} | staff {staff}\n"))
    out += [("bold", "Say and do:\n")] + [("", f"  {line}\n") for line in script(a, call.protocol, now, words)]
    if a.level == Level.EMERGENCY:
        return out  # nothing after the emergency script: no checklist, no answers
    if not call.protocol:
        out.append(("bold", "Which clinic treated them? Type protocol: ID (or the protocol file) to grade the call "
                            "on their clinic's sheet.\n"))
    if a.answers and call.protocol:
        out += [("bold", "What their clinic's sheet says about what they asked:\n")]
        out += [("", f"  {text}\n") for text in a.answers]
    nxt = [f"{name}?" for name in a.unsure]
    if nxt:
        out.append(("bold", f"Ask next: do they mean {nxt[0]} (then y N / n N below)\n"))
    elif a.still_to_ask:
        q = a.still_to_ask[0]
        out.append(("bold", f"Ask next: {q.number:>2}. {q.ask}  (y {q.number} / n {q.number})\n"))
    if a.still_to_ask[1 if not nxt else 0:]:
        out.append(("", "Then, most serious first:\n"))
        out += [("", f"  {q.number:>2}. {q.ask}\n") for q in a.still_to_ask[1 if not nxt else 0:]]
    return out


def _reason(r) -> str:
    other = " (about someone else: it counts all the same)" if r.other else ""
    return f"{r.name}: {r.heard}{other} [{r.level}]"
