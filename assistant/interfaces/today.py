"""`aftercare today`: a short page for the day — what you may do, what to avoid and until when, when to call.

The phase machine says what opened since the phase began; clinic.checklist says the rest, from the
same rulings `ask` uses. Red flags are said in the patient's words ("pus or cloudy drainage"), not as
the front desk's questions.
"""
from __future__ import annotations

from datetime import datetime

from assistant.clinic.checklist import checklist
from assistant.clinic.protocol import Protocol
from assistant.clinic.schedule import day_number, newly_allowed
from assistant.core.context import Env, Exit, UsageError
from assistant.core.levels import Level
from assistant.core.text import CleanWriter
from assistant.interfaces.context import context
from assistant.timeline.clock import say_date, say_short
from assistant.timeline.phases import Timeline
from assistant.understanding.vocabulary import load as load_vocabulary


def today(args, env: Env) -> int:
    """`aftercare today`: what to do, avoid and watch for today."""
    protocol, treated, now = context(args, env)
    return write_today(protocol, treated, now, CleanWriter(env.stdout))


def write_today(protocol: Protocol, treated: datetime | None, now: datetime, out) -> int:
    """Write today's page to `out`."""
    if treated is None:
        raise UsageError("today needs your treatment time: add --treated WHEN, or save it with 'aftercare setup'")
    labels = {tid: t.label for tid, t in load_vocabulary().topics.items()}
    opened: list[tuple[datetime, list[str]]] = []
    since: list[datetime | None] = [None]

    def entered(phase, start, _now):
        topics = newly_allowed(protocol, treated, since[0], start)
        since[0] = start
        opened[:] = [(start, topics)] if topics else []
    timeline = Timeline(protocol.phases, treated, on_enter=entered)
    timeline.advance(now)
    day = day_number(treated, now)
    when = f"day {day} after treatment" if day >= 0 else \
        f"{-day} day{'s' if day < -1 else ''} before your treatment ({say_date(treated, now)})"
    out.write(f"Today, {now:%A} {now.day} {now:%B} — {when}" +
              (f" ({timeline.label()})" if now >= treated else "") + "\n")
    for start, topics in opened:
        out.write(f"Since {say_short(start)} you may again: {', '.join(labels[t] for t in topics)}.\n")
    if now < treated:
        out.write("What to stop and start before it, with dates: aftercare prepare\n")
    page = checklist(protocol, treated, now)
    _section(out, "You may", [i.text for i in page.may])
    _section(out, "Avoid", [i.text + (f" (until {say_short(i.until)})" if i.until else "") for i in page.avoid])
    _section(out, "Normal today", [i.text for i in page.normal])
    if now < treated:
        return Exit.OK  # the red flags are about healing: they start with it
    urgent, emergency = signs(protocol, Level.URGENT), signs(protocol, Level.EMERGENCY)
    out.write(f"\nCall your clinic now, {protocol.how_to_reach()}, if you have: {'; '.join(urgent)}.\n")
    out.write(f"Call {protocol.emergency} if you have: {'; '.join(emergency)}.\n")
    return Exit.OK


def signs(protocol: Protocol, level: Level) -> list[str]:
    """Name the red flags of one level the way a patient would say them, each once."""
    names = []
    for sign in load_vocabulary().signs:
        if sign.level == level and sign.name:
            name = f"a fever of {protocol.fever_f:g} °F or more" if sign.id == "fever" else sign.name
            if name not in names:
                names.append(name)
    return names


def _section(out, heading: str, items: list[str]) -> None:
    if items:
        out.write(f"\n{heading}:\n" + "".join(f"  - {i}\n" for i in items))
