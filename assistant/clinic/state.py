"""Judge what a protocol's rules on one topic say at one moment: the one place where windows are judged.

    state_at(protocol, "makeup", treated, now)     # State: allowed, which case, the rules that decide
    changes(protocol, "exercise", treated)         # [(moment, allowed)]: every moment the answer changes
`ask` (through clinic.ruling), `plan`, the calendar, `today`, triage's expected-reaction windows and
the chat's announcements all come through `in_force`, `state_at` and `changes`, so they cannot disagree.

The verdict at a moment comes from the rules whose windows hold then: an "avoid" in force says no,
an "allow" in force says yes, an "avoid" already over says yes, an "allow" not yet begun (after the
treatment) says not yet; a rule `about` the thing named, in force (or a leave about it not yet begun),
decides before the topic's general ones. Open ends such as "until healed" never turn into an hour: past
their earliest moment the answer is left to judgment (None).
"""
from __future__ import annotations

from datetime import datetime, timedelta

from assistant.clinic.protocol import ALLOWING, Protocol, Rule
from assistant.core.record import Record

EARLIEST = datetime.min


class State(Record):
    """What the rules on a topic say at one moment, before any wording."""

    allowed: bool | None
    case: str  # avoid_open, avoid, avoid_before, allow, judgment, met, ended, stop_ahead, later, allow_ahead, other
    rules: list[Rule]


def in_force(protocol: Protocol, entry, treated: datetime, at: datetime) -> bool | None:
    """Say whether a rule's or expectation's window holds at `at`; None once an open end may have passed."""
    window = entry.window
    if window.start.resolve(treated) > at:
        return False
    if window.end is None:
        return True
    if window.end.is_condition:
        cond = protocol.conditions.get(window.end.text)
        earliest = cond.not_before.resolve(treated) if cond and cond.not_before else None
        if earliest is not None and at < earliest:
            return True
        if cond is not None and cond.stated is not None:  # "the barrier cream is still on": it holds
            return not cond.stated
        return True if earliest is None else None
    return at < window.end.resolve(treated)


def ends_at(entry, treated: datetime) -> datetime | None:
    """Return when a window closes for this patient; None when it never does or waits on a condition."""
    end = entry.window.end
    return None if end is None or end.is_condition else end.resolve(treated)


def deciding(protocol: Protocol, topic: str, said: str = "") -> list[Rule]:
    """Return the rules that decide a topic: not notes, and rules `about` a thing only when it is named."""
    return [r for r in protocol.rules_for(topic) if r.verdict != "info" and (not r.about or names(said, r.about))]


def names(said: str, phrases: tuple[str, ...]) -> bool:
    """Say whether normalised words name one of the phrases, as whole words."""
    padded = f" {said} "
    return any(f" {p} " in padded for p in phrases)


def state_at(protocol: Protocol, topic: str, treated: datetime, at: datetime, said: str = "") -> State:
    """Judge every deciding rule on a topic at one moment."""
    rules = deciding(protocol, topic, said)
    holds = {id(r): in_force(protocol, r, treated, at) for r in rules}
    named = [r for r in rules if r.about and holds[id(r)] is not False]
    if named:  # a rule about the thing named, in force, decides before the topic's general ones ("do not rub
        rules = named  # the skin off; washing more often helps": washing more often is allowed)
    elif ahead := [r for r in rules if r.about and r.verdict in ALLOWING
                   and r.window.start.resolve(treated) > at >= treated]:
        rules = ahead  # and so does a leave about it not yet begun ("back to your normal routine from day 7")
    avoid = [r for r in rules if r.verdict == "avoid" and holds[id(r)]]
    if avoid:
        if any(r.window.end is not None and r.window.end.is_condition for r in avoid):
            return State(False, "avoid_open", [r for r in avoid if r.window.end and r.window.end.is_condition])
        before = all(r.window.end is not None and r.window.end.approx_hours() <= 0 for r in avoid)
        return State(False, "avoid_before" if before else "avoid", _by_end(avoid))
    allow = [r for r in rules if r.verdict in ALLOWING and holds[id(r)]]
    if allow:
        return State(True, "allow", allow)
    do = [r for r in rules if r.verdict == "do" and holds[id(r)]]
    if do:  # "do I have to stick to the samples?" while the sheet says to: yes
        return State(True, "do", do)
    unsure = [r for r in rules if holds[id(r)] is None]
    if unsure:
        return State(None, "judgment", unsure)
    met = [r for r in rules if r.verdict == "avoid" and r.window.end is not None and r.window.end.is_condition
           and holds[id(r)] is False and r.window.start.resolve(treated) <= at]
    if met:  # "I'm fully healed": the condition the rule waited on holds, as the question says
        return State(True, "met", met)
    over = [r for r in rules if r.verdict == "do" and r.window.end is not None and not r.window.end.is_condition
            and r.window.end.resolve(treated) <= at]
    if over and not any(r.verdict == "avoid" for r in rules):  # an instruction whose time has passed
        return State(None, "done", [max(over, key=lambda r: r.window.end.resolve(treated))])
    ended = [r for r in rules if r.verdict == "avoid" and r.window.end is not None and not r.window.end.is_condition
             and r.window.end.approx_hours() > 0 and r.window.end.resolve(treated) <= at]
    if ended:
        return State(True, "ended", [max(ended, key=lambda r: r.window.end.resolve(treated))])
    ahead = [r for r in rules if r.verdict == "avoid" and r.window.start.resolve(treated) > at]
    if ahead:
        first = min(ahead, key=lambda r: r.window.start.resolve(treated))
        if first.window.start.approx_hours() < 0:
            return State(True, "stop_ahead", [first])
        return State(None, "later", [first])
    coming = [r for r in rules if r.verdict in ALLOWING and r.window.start.resolve(treated) > at >= treated]
    if coming:  # "you may go back to your routine after 3 days", asked after the treatment but before then
        return State(False, "allow_ahead", [min(coming, key=lambda r: r.window.start.resolve(treated))])
    return State(None, "other", rules)


def _by_end(rules: list[Rule]) -> list[Rule]:
    return sorted(rules, key=lambda r: r.window.end.approx_hours() if r.window.end else 1e12)


def boundaries(protocol: Protocol, topic: str, treated: datetime, said: str = "") -> list[datetime]:
    """Return, in order, every moment at which a rule on the topic may start or stop holding."""
    moments = set()
    for r in deciding(protocol, topic, said):
        start = r.window.start.resolve(treated)
        if start != EARLIEST:
            moments.add(start)
        end = r.window.end
        if end is not None and end.is_condition:
            cond = protocol.conditions.get(end.text)
            if cond and cond.not_before:
                moments.add(cond.not_before.resolve(treated))
        elif end is not None:
            moments.add(end.resolve(treated))
    return sorted(moments)


def changes(protocol: Protocol, topic: str, treated: datetime, said: str = "") -> list[tuple[datetime, bool | None]]:
    """Return (moment, allowed) at each moment the answer on a topic changes; the first is EARLIEST."""
    out = [(EARLIEST, state_at(protocol, topic, treated, EARLIEST + timedelta(days=1), said).allowed)]
    for moment in boundaries(protocol, topic, treated, said):
        allowed = state_at(protocol, topic, treated, moment, said).allowed
        if allowed is not out[-1][1]:
            out.append((moment, allowed))
    return out


def allowed_from(protocol: Protocol, topic: str, treated: datetime, at: datetime, said: str = "") -> datetime | None:
    """Return from when the topic is allowed as seen at `at`: the next opening, or the start of the current one."""
    steps = changes(protocol, topic, treated, said)
    now_allowed = next(a for m, a in reversed(steps) if m <= at)
    if now_allowed is True:
        start = max(m for m, a in steps if m <= at and a is True)
        return None if start == EARLIEST else start
    return next((m for m, a in steps if m > at and a is True), None)
