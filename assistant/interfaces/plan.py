"""The patient's timeline: dated milestones (`plan`, `plan --ics`) and today's checklist (`today`)."""
from __future__ import annotations

from datetime import datetime

from assistant.clinic.schedule import day_number, milestones
from assistant.core.context import Env, Exit, UsageError
from assistant.interfaces.context import context
from assistant.timeline.clock import say_date, say_short
from assistant.clinic.protocol import Protocol
from assistant.timeline.phases import Timeline
from assistant.understanding.vocabulary import load as load_vocabulary


def plan(args, env: Env) -> int:
    """`aftercare plan [--ics FILE]`: dated milestones, and optionally a calendar."""
    protocol, treated, now = context(args, env)
    return write_plan(protocol, treated, now, env.stdout, args.ics)


def write_plan(protocol: Protocol, treated: datetime | None, now: datetime, out, ics: str | None = None) -> int:
    """Write the dated plan to `out`, and the calendar to `ics` when given."""
    if treated is None:
        raise UsageError("plan needs your treatment time: add --treated WHEN, or save it with 'aftercare setup'")
    items, undated = milestones(protocol, treated, _labels())
    out.write(f"Your recovery plan — {protocol.clinic} ({protocol.id}), treated {say_date(treated, now)}\n\n")
    for m in items:
        mark = "  " if m.at > now else "✓ "
        out.write(f"{mark}{say_short(m.at):<17} {m.title}\n")
    if undated:
        cond = next(iter(protocol.conditions.values()), None)
        means = f" ({cond.means})" if cond else ""
        out.write(f"\nOnce your skin has healed{means}, no fixed date: {', '.join(undated)}\n")
    out.write(f"\nCall your clinic {protocol.how_to_reach()} if anything worries you; "
              f"call {protocol.emergency} for trouble breathing or swallowing.\n")
    if ics:
        from pathlib import Path
        from assistant.timeline.calendar import write_ics
        write_ics(Path(ics), items, protocol, now)
        out.write(f"Calendar written to {ics} ({len(items)} events, with reminders).\n")
    return Exit.OK


def today(args, env: Env) -> int:
    """`aftercare today`: what to do, avoid and watch for today."""
    protocol, treated, now = context(args, env)
    return write_today(protocol, treated, now, env.stdout)


def write_today(protocol: Protocol, treated: datetime | None, now: datetime, out) -> int:
    """Write today's checklist to `out`."""
    if treated is None:
        raise UsageError("today needs your treatment time: add --treated WHEN, or save it with 'aftercare setup'")
    timeline = Timeline(protocol, treated)
    timeline.advance(now)
    day = day_number(treated, now)
    when = f"day {day} after treatment" if day >= 0 else f"{-day} days before treatment"
    out.write(f"Today, {now:%A} {now.day} {now:%B} — {when} ({timeline.label()})\n")
    if timeline.entered and timeline.entered[-1][2]:
        labels = _labels()
        state, start, freed = timeline.entered[-1]
        out.write(f"Since {say_short(start)}: {', '.join(labels[t] for t in freed)} OK again.\n")
    avoid, doing = [], []
    for r in protocol.rules:
        if not _in_force(r, treated, now) or r.verdict == "info":
            continue
        end = r.window.end
        until = "" if end is None or end.is_condition else f" (until {say_short(end.resolve(treated))})"
        (avoid if r.verdict == "avoid" else doing).append(r.text + until)
    normal = [e.text for e in protocol.expectations if _in_force(e, treated, now)]
    _section(out, "Do", list(dict.fromkeys(doing)))
    _section(out, "Avoid", list(dict.fromkeys(avoid)))
    _section(out, "Normal today", normal)
    signs = load_vocabulary().signs
    _section(out, f"Call your clinic now {protocol.how_to_reach()} if", [s.ask for s in signs if s.level == "urgent"])
    _section(out, f"Call {protocol.emergency} if", [s.ask for s in signs if s.level == "emergency"])
    return Exit.OK


def _labels() -> dict[str, str]:
    """Name each topic the way a patient reads it."""
    return {tid: t.label for tid, t in load_vocabulary().topics.items()}


def _in_force(entry, treated: datetime, now: datetime) -> bool:
    """Say whether a rule or expectation holds now; an open condition holds until the patient says."""
    w = entry.window
    if w.start.resolve(treated) > now:
        return False
    return w.end is None or w.end.is_condition or now < w.end.resolve(treated)


def _section(out, title: str, items: list[str]) -> None:
    if items:
        out.write(f"\n{title}:\n" + "".join(f"  - {i}\n" for i in items))
