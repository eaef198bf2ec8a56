"""Date a protocol for one patient: the milestones of `plan` and its calendar.

    items, undated = milestones(protocol, treated, labels)
"""
from __future__ import annotations

from datetime import datetime

from assistant.clinic.protocol import Protocol
from assistant.core.record import Default, Record


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


def milestones(protocol: Protocol, treated: datetime, labels: dict[str, str]) -> tuple[list[Milestone], list[str]]:
    """Return dated milestones in time order, and the undated ones ("once healed")."""
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
