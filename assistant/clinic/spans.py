"""Rule on a topic when the treatment time, or the moment asked about, is a stretch and not an instant.

    rule_over(protocol, "swimming", (tue_00, tue_23_59), (now, now))
"Last Tuesday" is any time that day; "tomorrow" is all of tomorrow. The answer is given where every
reading agrees (the latest treatment and the earliest moment stand for them, the strictest reading);
where they disagree it says on what it depends, and `allowed` is None.
"""
from __future__ import annotations

from datetime import datetime

from assistant.clinic.protocol import Protocol
from assistant.clinic.ruling import Ruling, rule_on
from assistant.timeline.clock import say_date, say_day

Stretch = tuple[datetime, datetime]


def rule_over(protocol: Protocol, topic: str, treated: Stretch | None, at: Stretch, now: datetime,
              **options) -> Ruling:
    """Rule at every corner of the two stretches; answer only where they agree."""
    options["speaking"] = now
    if treated is None:
        return rule_on(protocol, topic, None, at[0], **options)
    strict = rule_on(protocol, topic, treated[1], at[0], **options)
    if treated[0] == treated[1] and at[0] == at[1]:
        return strict  # an instant and an instant: nothing to reconcile
    rulings = [rule_on(protocol, topic, t, a, **options) for t in set(treated) for a in set(at)]
    if len({r.allowed for r in rulings}) == 1 or strict.allowed is None:
        if len({r.allowed_from for r in rulings}) > 1 and strict.allowed is False:
            # the day is known, the hour is not: say the day, never a made-up hour
            opens = sorted(r.allowed_from for r in rulings if r.allowed_from)
            first, last = (say_day(opens[0], now), say_day(opens[-1], now)) if opens else ("", "")
            when = f"on {last}" if first == last else f"between {first} and {last}"
            return strict.replace(allowed_from=None, lead=(
                f"Not yet: from some time {when}, depending on when you were treated; tell me the "
                f"{'time' if first == last else 'day and time'} and I can say exactly." if opens else strict.lead))
        if strict.allowed and treated[0] != treated[1] and strict.allowed_from and strict.lead.startswith("Yes, since"):
            # the latest reading of a vague day says when it surely began, never its made-up hour
            return strict.replace(lead=f"Yes, since {say_day(strict.allowed_from, now)} at the latest.")
        return strict
    if not any(r.allowed for r in rulings):
        return strict  # no reading says yes: "not yet" holds, with the condition it waits on
    if treated[0] != treated[1] and len({rule_on(protocol, topic, t, at[0], **options).allowed
                                          for t in treated}) > 1:
        first, last = say_day(treated[0], now), say_day(treated[1], now)
        lead = (f"That depends on what time you were treated on {first}: tell me the time and I can answer "
                "exactly." if first == last else f"That depends on when you were treated, between {first} and "
                f"{last}: tell me the day and time and I can answer exactly.")
    else:
        opens = rule_on(protocol, topic, treated[1], at[1], **options).allowed_from
        lead = f"Yes, from {say_date(opens, now)}." if opens else "Only for part of that time."
    return strict.replace(allowed=None, lead=lead)
