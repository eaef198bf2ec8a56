"""Date a protocol for one patient: the milestones of `plan`, its JSON and its calendar.

    items, undated = milestones(protocol, treated)
Every "OK again" and "Stop" is a moment where `state.changes` says the answer on a topic flips,
so the plan says exactly what `ask` would say at that moment.
"""
from __future__ import annotations

from datetime import datetime

from assistant.clinic.protocol import Protocol, Source
from assistant.clinic.ruling import rule_on
from assistant.clinic.state import EARLIEST, changes, ends_at
from assistant.core.record import Default, Record

KINDS = ("treatment", "stop", "ok_again", "start", "settled")


class Milestone(Record):
    """One dated moment of the plan: what changes then, in the clinic's words."""

    at: datetime
    kind: str                                  # one of KINDS
    topics: list[str] = Default(list)          # topic ids, or reaction names for "settled"
    notes: list[str] = Default(list)           # the clinic's words, for the calendar
    sources: list[Source] = Default(list)


def milestones(protocol: Protocol, treated: datetime) -> tuple[list[Milestone], list[str]]:
    """Return dated milestones in time order, and the topics that wait on a condition ("once healed")."""
    dated: dict[tuple[datetime, str], Milestone] = {}

    def add(at: datetime, kind: str, topic: str, notes: list[str], sources: list[Source]) -> None:
        m = dated.setdefault((at, kind), Milestone(at, kind))
        if topic and topic not in m.topics:
            m.topics.append(topic)
        m.notes += [n for n in notes if n not in m.notes]
        m.sources += [s for s in sources if s not in m.sources]

    undated = []
    for topic in dict.fromkeys(r.topic for r in protocol.rules if r.verdict != "info"):
        steps = changes(protocol, topic, treated)
        for (_, was), (at, now_allowed) in zip(steps, steps[1:]):
            kind = _kind(was, now_allowed)
            if kind:
                ruling = rule_on(protocol, topic, treated, at)
                add(at, kind, topic, ruling.statements[:1], ruling.sources[:1])
        if steps[-1][1] is not True and _waits_on_condition(protocol, topic):
            undated.append(topic)
    for e in protocol.expectations:
        end = ends_at(e, treated)
        if end is not None:
            add(end, "settled", e.reaction, [e.text], list(e.sources))
    add(treated, "treatment", "", [], [])
    ordered = sorted(dated.values(), key=lambda m: (m.at, KINDS.index(m.kind)))
    return ordered, undated


def _kind(was: bool | None, now: bool | None) -> str:
    if now is True:
        return "ok_again" if was is False else "start"
    if now is False and was is True:
        return "stop"
    return ""


def _waits_on_condition(protocol: Protocol, topic: str) -> bool:
    return any(r.window.end is not None and r.window.end.is_condition and r.verdict == "avoid"
               for r in protocol.rules_for(topic))


def newly_allowed(protocol: Protocol, treated: datetime, after: datetime | None, upto: datetime) -> list[str]:
    """Return the topics that became allowed after `after` (exclusive) and up to `upto` (inclusive)."""
    out = []
    for topic in dict.fromkeys(r.topic for r in protocol.rules if r.verdict != "info"):
        steps = changes(protocol, topic, treated)
        if any(allowed is True and (after is None or at > after) and at <= upto and at > treated
               for at, allowed in steps[1:]):
            out.append(topic)
    return out


def day_number(treated: datetime, now: datetime) -> int:
    """Return the calendar day of recovery: 0 on the treatment day, negative before it."""
    return (now.date() - treated.date()).days


def as_json(items: list[Milestone], undated: list[str], protocol: Protocol, treated: datetime) -> dict:
    """Return the plan as plain data for scripts: the same moments `ask` reports as allowed_from."""
    return {"protocol": protocol.id, "treated": treated.isoformat(timespec="seconds"),
            "milestones": [{"at": m.at.isoformat(timespec="seconds"), "kind": m.kind, "topics": m.topics,
                            "text": " ".join(m.notes), "sources": [s.as_json() for s in m.sources]}
                           for m in items if m.at != EARLIEST],
            "once_condition": undated}
