"""Get ready for a treatment by the clinic's own before-treatment rules, and say when it may be had.

    steps(protocol, appointment)                       # [Step]: what to stop or start, and when
    gaps(protocol, "injections", said="botox")         # the rules asking for time between a thing and treatment
    ready_after(protocol, "isotretinoin", last_dose)   # (earliest treatment, the rule that decides), or None
    eligibility(protocol, "injections", ...)           # that answer as a Ruling, for `ask` and `prepare` alike
    planned_use(protocol, "waxing", ..., tonight, appointment)  # "can I wax tonight?" before a known appointment
A gap rule is an "avoid" whose window opens before the treatment and closes by it ("stop isotretinoin
6 months before"): the treatment may be had once the whole window would fall after the last use.
Rules `about` one thing (Botox, fillers) count only when it is named; a thing named on the topic but
by none of its rules is held to them all, the strictest first.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from assistant.clinic.protocol import Protocol, Rule
from assistant.clinic.ruling import Ruling
from assistant.clinic.state import names
from assistant.core.record import Record
from assistant.timeline.clock import say_date, say_day, say_relative
from assistant.timeline.window import Point, quantity

# The contract's before-treatment topics: their rules with no window of their own hold on the day.
BEFORE_TOPICS = ("isotretinoin", "pre_treatment_skincare", "peels_laser", "contraindications", "anesthetic_arrival")


class Step(Record):
    """One dated thing to do before the treatment, in the clinic's words."""

    at: datetime
    kind: str     # stop, start, day (on the day: who may be treated, how to arrive)
    rule: Rule


def is_gap(rule: Rule) -> bool:
    """Say whether a rule asks for time without something before the treatment."""
    start, end = rule.window.start, rule.window.end
    return rule.verdict == "avoid" and start.kind in ("offset", "day") and start.approx_hours() < 0 \
        and end is not None and not end.is_condition and end.approx_hours() <= 0


def steps(protocol: Protocol, appointment: datetime) -> list[Step]:
    """Return what to stop and start before the appointment, and what holds on the day, in time order."""
    out = []
    for rule in protocol.rules:
        start, end = rule.window.start, rule.window.end
        if (start.kind == "always" and rule.verdict == "avoid" and end is None) or \
                (rule.topic in BEFORE_TOPICS and (start.approx_hours() == 0 or rule.verdict == "do")):
            out.append(Step(appointment, "day", rule))
        elif start.kind in ("offset", "day") and start.approx_hours() < 0 and rule.verdict in ("avoid", "allow"):
            out.append(Step(start.resolve(appointment), "stop" if rule.verdict == "avoid" else "start", rule))
    out.sort(key=lambda s: (s.at, ("stop", "start", "day").index(s.kind)))
    seen: set[tuple] = set()  # one sentence of the sheet feeding two topics (retinol) is one step
    return [s for s in out if (key := (s.at, s.kind, s.rule.text)) not in seen and not seen.add(key)]


def gaps(protocol: Protocol, topic: str, said: str = "") -> list[Rule]:
    """Return a topic's gap rules that hold for what was named, the longest first."""
    rules = [r for r in protocol.rules_for(topic) if is_gap(r)]
    named = [r for r in rules if not r.about or names(said, r.about)]
    chosen = named or rules  # a thing none of the rules name is held to all of them
    return sorted(chosen, key=lambda r: r.window.start.approx_hours())


def ready_from(rule: Rule, last: datetime) -> datetime:
    """Return the earliest treatment time whose window before it starts after the last use."""
    start = rule.window.start
    if start.kind == "day":  # "on the day of treatment": any day after the one it was last used
        midnight = datetime(last.year, last.month, last.day)
        return midnight + timedelta(days=1 - int(start.amount))
    return Point(start.text, "offset", -start.amount, start.unit).resolve(last)


def ready_after(protocol: Protocol, topic: str, last: datetime, said: str = "") -> tuple[datetime, Rule] | None:
    """Return the earliest treatment after a last use and the rule that sets it; None when no gap applies."""
    found = [(ready_from(r, last), r) for r in gaps(protocol, topic, said)]
    return max(found, key=lambda pair: pair[0]) if found else None


def gap_words(rule: Rule) -> str:
    """Say a gap: "6 months", "48 hours", "the day of treatment"."""
    start = rule.window.start
    return "the day of treatment" if start.kind == "day" else quantity(start)


def _between(first: str, last: str) -> str:
    return f"on {first}" if first == last else f"between {first} and {last}"


def _is(gap: str) -> str:
    return "is" if gap.startswith(("1 ", "the ")) else "are"  # "the 1 month … is over", "the 6 months … are"


def _was(gap: str) -> str:
    return "was" if _is(gap) == "is" else "were"


def eligibility(protocol: Protocol, topic: str, label: str, now: datetime, last: datetime | None,
                appointment: datetime | None, said: str = "", ongoing: bool = False,
                day_only: bool = False, last_from: datetime | None = None, turned: str = "") -> Ruling | None:
    """Answer "can I be treated, given this thing?" from the gap rules; None when the topic has none.

    `last` is the last use (now when `ongoing`: stopping today is the soonest), and `last_from` the
    earliest it may have been when only its day or week was said ("a peel last week"): the answer is
    given only where both agree, and said in days; `appointment` is when the treatment would be, if known;
    `day_only`: a day with no hour (its start is the strictest reading), said as a day; `turned`: the words
    of a question asked the other way round ("too close"), answered "No, not too close: …" / "Yes, too close: …".
    """
    yes, not_yet, no = (f"No, not {turned}: ", f"Yes, {turned}: ", f"Yes, {turned}: ") if turned else \
        ("Yes: ", "Not yet: ", "No: ")
    rules = gaps(protocol, topic, said)
    if not rules:
        return None
    label = _named(rules, said, label)
    sources = list(dict.fromkeys(s for r in rules for s in r.sources))
    statements = list(dict.fromkeys(r.text for r in rules))
    if last is None:
        lead = (f"Your clinic asks for at least {gap_words(rules[0])} without {label} before treatment. "
                "Tell me when you last had it and I can give you the date.")
        return Ruling(topic, True, None, None, lead, statements, sources)
    ready, rule = ready_after(protocol, topic, last, said)
    vague = last_from is not None and last_from < last
    soonest = ready_after(protocol, topic, last_from, said)[0] if vague else ready
    say = (lambda d: say_day(d, now)) if vague else (lambda d: say_date(d, now))
    opens = None if vague else ready  # a day or a week said gives no hour to say it opens at
    gap = gap_words(rule)
    if_stop = " if you stop today" if ongoing else ""
    out = Ruling(topic, True, None, None, "", [rule.text], list(rule.sources))
    if appointment is None:
        if soonest <= now < ready:
            return out.replace(lead=f"That depends on when exactly you last had it: the {gap} your clinic asks for "
                                    f"{_is(gap)} over some time {_between(say(soonest), say(ready))}.")
        allowed = ready <= now
        lead = (f"{yes}the {gap} your clinic asks for {_was(gap)} over {'by' if vague else 'on'} {say(ready)}."
                if allowed else
                f"{not_yet}your clinic asks for {gap} without {label} before treatment; the earliest{if_stop} "
                f"is {say(ready)} ({say_relative(ready, now)}).")
        return out.replace(allowed=allowed, allowed_from=opens, lead=lead)
    when = say_day(appointment, now) if day_only else say_date(appointment, now)
    latest = appointment + timedelta(days=1) - timedelta(minutes=1) if day_only else appointment  # its whole day
    if ready <= appointment:
        over = _was(gap) if ready <= now else _is(gap)
        lead = f"{yes}the {gap} your clinic asks for {over} over {'by' if vague else 'on'} {say(ready)}, before " \
               f"your treatment ({when})."
        return out.replace(allowed=True, allowed_from=opens, lead=lead)
    if soonest <= latest:
        return out.replace(lead=f"That depends on the times: the {gap} your clinic asks for without {label} "
                                f"{_is(gap)} over some time {_between(say(soonest), say(ready))}, and your "
                                f"treatment is {when}. Tell me when you last had it and when your appointment is, "
                                "and I can say exactly.")
    lead = (f"{no}not on {when}. Your clinic asks for {gap} without {label} before treatment; the earliest"
            f"{if_stop} is {say(ready)} ({say_relative(ready, now)}).")
    return out.replace(allowed=False, allowed_from=opens, lead=lead)


def planned_use(protocol: Protocol, topic: str, label: str, now: datetime, use: datetime, appointment: datetime,
                said: str = "", day_only: bool = False) -> Ruling | None:
    """Answer "can I wax tonight?" before a known appointment: yes while the gap before it stays whole.
    `day_only`: the appointment is a day with no hour (its start is the strictest reading), said as a day."""
    found = ready_after(protocol, topic, use, said)
    if found is None:
        return None
    ready, rule = found
    say = (lambda d: say_day(d, now)) if day_only else (lambda d: say_date(d, now))
    gap, when, label = gap_words(rule), say(appointment), _named([rule], said, label)
    if ready <= appointment:
        lead = f"Yes: your clinic only asks you to go without it on the day of your treatment ({when})." \
            if rule.window.start.kind == "day" else \
            f"Yes: that still leaves the {gap} your clinic asks for before your treatment ({when})."
        return Ruling(topic, True, True, None, lead, [rule.text], list(rule.sources))
    start = rule.window.start
    latest = Point(start.text, "offset", start.amount, start.unit).resolve(appointment) \
        if start.kind == "offset" else None
    if latest and day_only:
        latest -= timedelta(minutes=1)  # the whole day before the window opens at a midnight
    word = "day" if day_only else "time"
    last = f" The last {word} for it was {say(latest)}." if latest and latest <= now else \
        f" The last {word} for it is {say(latest)}." if latest else ""
    asks = f"you to go without {label} on the day of your treatment" if rule.window.start.kind == "day" else \
        f"for {gap} without {label} before your treatment"  # not "the day of treatment without moisturizer"
    lead = f"No: your clinic asks {asks} ({when}).{last}"
    return Ruling(topic, True, False, None, lead, [rule.text], list(rule.sources))


def _named(rules: list[Rule], said: str, label: str) -> str:
    """Say the thing as the patient named it: "botox", not "Botox and fillers"."""
    return next((a for r in rules for a in r.about if names(said, (a,))), label)


def earliest(protocol: Protocol, taken: list[tuple[list[str], str, datetime]], now: datetime) -> \
        tuple[datetime, list[tuple[datetime, Rule] | None]]:
    """Return the earliest treatment the sheet allows after everything taken, and what each one sets.

    `taken` holds (its topics, the words naming it, last use); a thing with no gap rule sets nothing (None).
    """
    each = []
    for topics, said, last in taken:
        hits = [hit for t in topics if (hit := ready_after(protocol, t, last, said)) is not None]
        each.append(max(hits, key=lambda h: h[0]) if hits else None)
    return max([now] + [h[0] for h in each if h is not None]), each
