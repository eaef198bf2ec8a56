"""Rule on a topic when the treatment time, or the moment asked about, is a stretch and not an instant.

    rule_over(protocol, "swimming", (tue_00, tue_23_59), (now, now))
"Last Tuesday" is any time that day; "tomorrow" is all of tomorrow. The answer is given where every
reading agrees (the latest treatment and the earliest moment stand for them, the strictest reading);
where they disagree it says on what it depends, and `allowed` is None. A moment counted from a treatment
whose time is not known ("the morning of my appointment") is ruled on likewise, without any date.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from assistant.clinic.protocol import Protocol
from assistant.clinic.ruling import ASK_WHEN, Ruling, rule_on
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
    elif strict.allowed:  # yes at its start, not by its end: a stop ahead ("can I keep shaving until my
        lead = strict.lead  # appointment?"), which its lead dates: "yes for now, but stop from …"
    else:
        opens = rule_on(protocol, topic, treated[1], at[1], **options).allowed_from
        lead = f"Yes, from {say_date(opens, now)}." if opens else "Only for part of that time."
    return strict.replace(allowed=None, lead=lead)


def rule_relative(protocol: Protocol, topic: str, moment: Callable[[datetime], object], now: datetime,
                  **options) -> Ruling | None:
    """Rule on a moment counted from a treatment whose time is not known (`moment(treated)` gives its span,
    or None): at a morning and an afternoon treatment on any day, since only the distance to it counts;
    where both say the same the answer is that, said without a date; else None."""
    day = datetime(now.year, now.month, now.day) + timedelta(days=1)
    readings = []
    for hour in (8, 16):
        treated = day + timedelta(hours=hour)
        span = moment(treated)
        if span is None:
            return None
        readings.append((rule_over(protocol, topic, (treated, treated), (span.lo, span.hi), span.lo, **options), span))
    (first, span), (second, _) = readings
    if first.allowed is None or first.allowed != second.allowed:
        return None
    told = rule_on(protocol, topic, None, now, **{**options, "asks_verdict": False})
    verdict = "Yes" if first.allowed != bool(options.get("avoid")) else "No"  # "should I avoid it?": yes, avoid it
    # "No for the day after your treatment.", "No, before you come in for your treatment."
    lead = f"{verdict}, {span.words}." if span.words.startswith(("before ", "after ")) else \
        f"{verdict} for {span.words}."
    return told.replace(allowed=first.allowed, lead=lead,
                        statements=[t for t in told.statements if t != ASK_WHEN])  # answered without a date
