"""`aftercare plan` (text, `--json`, `--ics`) and `aftercare today`: the patient's dated timeline and checklist."""
from __future__ import annotations

import json
from datetime import datetime

from assistant.clinic.protocol import Protocol
from assistant.clinic.ruling import allowed_from, in_force, state_at
from assistant.clinic.schedule import Milestone, as_json, day_number, milestones, newly_allowed
from assistant.core.context import Env, Exit, UsageError
from assistant.interfaces.context import context
from assistant.timeline.calendar import write_ics
from assistant.timeline.clock import say_date, say_short
from assistant.timeline.phases import Timeline
from assistant.understanding.vocabulary import load as load_vocabulary

TITLES = {"treatment": "Treatment", "stop": "Stop before treatment: ", "ok_again": "OK again: ",
          "start": "Start: ", "settled": "Should have settled by now: "}


def plan(args, env: Env) -> int:
    """`aftercare plan [--json] [--ics FILE]`: dated milestones, and optionally a calendar."""
    protocol, treated, now = context(args, env)
    if treated is None:
        raise UsageError("plan needs your treatment time: add --treated WHEN, or save it with 'aftercare setup'")
    if args.json:
        items, undated = milestones(protocol, treated)
        env.stdout.write(json.dumps(as_json(items, undated, protocol, treated), ensure_ascii=False) + "\n")
        return Exit.OK
    return write_plan(protocol, treated, now, env.stdout, args.ics)


def title(m: Milestone, labels: dict[str, str]) -> str:
    """Say a milestone in the patient's words: "OK again: makeup, sunscreen"."""
    return TITLES[m.kind] + ", ".join(labels.get(t, t) for t in m.topics)


def write_plan(protocol: Protocol, treated: datetime | None, now: datetime, out, ics: str | None = None) -> int:
    """Write the dated plan to `out`, and the calendar to `ics` when given."""
    if treated is None:
        raise UsageError("plan needs your treatment time: add --treated WHEN, or save it with 'aftercare setup'")
    labels = topic_labels()
    items, undated = milestones(protocol, treated)
    items = [m for m in items if not (m.kind == "start" and m.at == treated)]  # the day's basics: no news
    if ics:  # first: a calendar that cannot be written whole stops the command before it says anything
        write_ics(ics, [(m.at, title(m, labels), " ".join(m.notes)) for m in items], protocol.id, now)
    out.write(f"Your recovery plan — {protocol.clinic} ({protocol.id}), treated {say_date(treated, now)}\n\n")
    for m in items:
        mark = "  " if m.at > now else "✓ "
        out.write(f"{mark}{say_short(m.at):<17} {title(m, labels)}\n")
    for cond, topics in _by_condition(protocol, undated).items():
        out.write(f"\nOnce {cond.once} ({cond.means}), no fixed date: {', '.join(labels[t] for t in topics)}\n")
    out.write(f"\nCall your clinic {protocol.how_to_reach()} if anything worries you; "
              f"call {protocol.emergency} for trouble breathing or swallowing.\n")
    if ics:
        out.write(f"Calendar written to {ics} ({len(items)} events, with reminders).\n")
    return Exit.OK


def _by_condition(protocol: Protocol, topics: list[str]) -> dict:
    """Group topics by the open condition their last rule waits on."""
    out: dict = {}
    for topic in topics:
        for r in protocol.rules_for(topic):
            cond = protocol.conditions.get(r.window.end.text) if r.window.end is not None else None
            if cond is not None:
                out.setdefault(cond, []).append(topic)
                break
    return out


def today(args, env: Env) -> int:
    """`aftercare today`: what to do, avoid and watch for today."""
    protocol, treated, now = context(args, env)
    return write_today(protocol, treated, now, env.stdout)


def write_today(protocol: Protocol, treated: datetime | None, now: datetime, out) -> int:
    """Write today's checklist to `out`: the phase machine says what just opened, the rulings the rest."""
    if treated is None:
        raise UsageError("today needs your treatment time: add --treated WHEN, or save it with 'aftercare setup'")
    labels = topic_labels()
    opened: list[tuple[datetime, list[str]]] = []
    since = [None]

    def entered(phase, start, _now):
        topics = newly_allowed(protocol, treated, since[0], start)
        since[0] = start
        opened[:] = [(start, topics)] if topics else []
    timeline = Timeline(protocol.phases, treated, on_enter=entered)
    timeline.advance(now)
    day = day_number(treated, now)
    when = f"day {day} after treatment" if day >= 0 else f"{-day} days before treatment"
    out.write(f"Today, {now:%A} {now.day} {now:%B} — {when} ({timeline.label()})\n")
    for start, topics in opened:
        out.write(f"Since {say_short(start)}: {', '.join(labels[t] for t in topics)} OK again.\n")
    avoid, doing = [], []
    for topic in dict.fromkeys(r.topic for r in protocol.rules if r.verdict != "info"):
        state = state_at(protocol, topic, treated, now)
        if state.allowed is False:
            until = allowed_from(protocol, topic, treated, now)
            avoid += [r.text + (f" (until {say_short(until)})" if until else "") for r in state.rules]
        elif state.case == "allow":
            doing += [r.text for r in state.rules]
    normal = [e.text for e in protocol.expectations if in_force(protocol, e, treated, now) is not False]
    _section(out, "Do", list(dict.fromkeys(doing)))
    _section(out, "Avoid", list(dict.fromkeys(avoid)))
    _section(out, "Normal today", normal)
    signs = load_vocabulary().signs
    _section(out, f"Call your clinic now {protocol.how_to_reach()} if", [s.ask for s in signs if s.level == "urgent"])
    _section(out, f"Call {protocol.emergency} if", [s.ask for s in signs if s.level == "emergency"])
    return Exit.OK


def topic_labels() -> dict[str, str]:
    """Name each topic the way a patient reads it."""
    return {tid: t.label for tid, t in load_vocabulary().topics.items()}


def _section(out, heading: str, items: list[str]) -> None:
    if items:
        out.write(f"\n{heading}:\n" + "".join(f"  - {i}\n" for i in items))
