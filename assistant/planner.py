"""The patient's timeline: dated milestones (`plan`, `plan --ics`) and today's checklist (`today`)."""
from __future__ import annotations

from assistant.record import Default, Record
from datetime import datetime

from assistant.cli import Env, Exit, UsageError
from assistant.clock import say_date, say_short
from assistant.protocol import Protocol
from assistant.timeline import Timeline
from assistant.vocabulary import load as load_vocabulary


class Milestone(Record):
    at: datetime
    kind: str  # "OK again: ", "Stop before treatment: ", ...
    items: list[str] = Default(list)
    notes: list[str] = Default(list)  # the clinic's words, for the calendar

    @property
    def title(self) -> str:
        return self.kind + ", ".join(self.items)


def day_number(treated: datetime, now: datetime) -> int:
    """Return the calendar day of recovery: 0 on the treatment day, negative before it."""
    return (now.date() - treated.date()).days


def milestones(protocol: Protocol, treated: datetime) -> tuple[list[Milestone], list[str]]:
    """Return dated milestones in time order, and the undated ones ("once healed")."""
    labels = _labels()
    dated: dict[tuple[datetime, str], Milestone] = {}

    def add(at: datetime, kind: str, item: str, note: str) -> None:
        m = dated.setdefault((at, kind), Milestone(at, kind))
        if item and item not in m.items:
            m.items.append(item)
        if note and note not in m.notes:
            m.notes.append(note)

    undated = []
    for r in protocol.rules:
        start, end = r.window.start, r.window.end
        if r.verdict == "avoid" and start.approx_hours() < 0 and start.kind != "always":
            add(start.resolve(treated), "Before treatment: ", r.text.rstrip("."), r.text)
        if r.verdict == "avoid" and end is not None and end.is_condition:
            undated.append(labels[r.topic])
        elif r.verdict == "avoid" and end is not None and end.approx_hours() > 0:
            add(end.resolve(treated), "OK again: ", labels[r.topic], r.text)
        if r.verdict == "allow" and start.approx_hours() > 0:
            at = start.resolve(treated)
            if labels[r.topic] not in dated.get((at, "OK again: "), Milestone(at, "")).items:
                add(at, "Start: ", labels[r.topic], r.text)
    for e in protocol.expectations:
        if e.window.end is not None and not e.window.end.is_condition:
            add(e.window.end.resolve(treated), "Should have settled by now: ", e.reaction, e.text)
    for p in protocol.phases:
        if p.start.approx_hours() > 0:
            add(p.start.resolve(treated), "Phase: ", p.label, "")
    add(treated, "Treatment", "", "")
    ordered = sorted(dated.values(), key=lambda m: (m.at, m.title))
    return ordered, sorted(set(undated))


def plan(protocol: Protocol, treated: datetime | None, now: datetime, args, env: Env) -> int:
    if treated is None:
        raise UsageError("plan needs your treatment time: add --treated WHEN, or save it with 'aftercare setup'")
    items, undated = milestones(protocol, treated)
    out = env.stdout
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
    if args.ics:
        from pathlib import Path
        from assistant.calendar import write_ics
        write_ics(Path(args.ics), items, protocol, now)
        out.write(f"Calendar written to {args.ics} ({len(items)} events, with reminders).\n")
    return Exit.OK


def today(protocol: Protocol, treated: datetime | None, now: datetime, env: Env) -> int:
    if treated is None:
        raise UsageError("today needs your treatment time: add --treated WHEN, or save it with 'aftercare setup'")
    timeline = Timeline(protocol, treated)
    timeline.advance(now)
    out = env.stdout
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
