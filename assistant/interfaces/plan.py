"""`aftercare plan` (text, `--json`, `--ics`): the patient's dated timeline.

Before the treatment it lists what to stop and when; after it, only what lies from the treatment on
(getting ready is over, and `aftercare prepare` keeps that list).
"""
from __future__ import annotations

from datetime import datetime

from assistant.clinic.protocol import Protocol
from assistant.clinic.schedule import Milestone, as_json, milestones
from assistant.core.context import Env, Exit, UsageError
from assistant.core.text import CleanWriter, json_line
from assistant.interfaces.context import context
from assistant.timeline.calendar import write_ics
from assistant.timeline.clock import say_date, say_short
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
        env.stdout.write(json_line(as_json(items, undated, protocol, treated)) + "\n")
        return Exit.OK
    return write_plan(protocol, treated, now, CleanWriter(env.stdout), args.ics)


def title(m: Milestone, labels: dict[str, str]) -> str:
    """Say a milestone in the patient's words: "OK again: makeup, sunscreen"."""
    return TITLES[m.kind] + ", ".join(labels.get(t, t) for t in m.topics)


def reminder(m: Milestone, labels: dict[str, str]) -> str:
    """Say a milestone as a reminder says it when it comes: "You may again: makeup, sunscreen"."""
    return title(m, labels).replace("OK again: ", "You may again: ", 1)


def write_plan(protocol: Protocol, treated: datetime | None, now: datetime, out, ics: str | None = None) -> int:
    """Write the dated plan to `out`, and the calendar to `ics` when given."""
    if treated is None:
        raise UsageError("plan needs your treatment time: add --treated WHEN, or save it with 'aftercare setup'")
    labels = topic_labels()
    items, undated = milestones(protocol, treated)
    items = [m for m in items if not (m.kind == "start" and m.at == treated)]  # the day's basics: no news
    if now >= treated:
        items = [m for m in items if m.at >= treated]
    if ics:  # first: a calendar that cannot be written whole stops the command before it says anything
        events = [(m.at, reminder(m, labels), " ".join(m.notes)) for m in items]
        try:
            write_ics(ics, events, protocol.id, now)
        except OSError as exc:
            raise UsageError(f"--ics: {exc.strerror or exc}") from None
    out.write(f"Your recovery plan — {protocol.clinic} ({protocol.id}), treated {say_date(treated, now)}\n\n")
    for m in items:
        mark = "  " if m.at > now else "✓ "
        out.write(f"{mark}{say_short(m.at):<17} {title(m, labels)}\n")
    for cond, topics in _by_condition(protocol, undated).items():
        out.write(f"\nOnce {cond.once} ({cond.means}), no fixed date: {', '.join(labels[t] for t in topics)}\n")
    if now < treated:
        out.write("\nEach thing to stop or start before it, in your clinic's words: aftercare prepare\n")
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


def topic_labels() -> dict[str, str]:
    """Name each topic the way a patient reads it."""
    return {tid: t.label for tid, t in load_vocabulary().topics.items()}


