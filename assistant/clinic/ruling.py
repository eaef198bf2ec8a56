"""Decide what a protocol says on one topic at one moment: allowed, from when, in words, citing lines.

    rule_on(protocol, "makeup", treated, now, asks_verdict=True)
The verdict comes from the rules whose windows hold at `now`: an "avoid" in force says no (until
its latest end), an "allow" in force says yes, an "avoid" already over says yes. Open ends such as
"until healed" never turn into an hour.
"""
from __future__ import annotations

from assistant.core.record import Default, Record
from datetime import datetime

from assistant.timeline.clock import say_date, say_relative
from assistant.clinic.protocol import Protocol, Rule, Source


class Ruling(Record):
    topic: str
    covered: bool
    allowed: bool | None
    allowed_from: datetime | None
    text: str
    sources: list[Source] = Default(list)

    def as_json(self) -> dict:
        return {"topic": self.topic, "covered": self.covered, "allowed": self.allowed,
                "allowed_from": self.allowed_from.isoformat(timespec="seconds") if self.allowed_from else None,
                "text": self.text, "sources": [s.as_json() for s in self.sources]}


def uncovered(protocol: Protocol, topic: str, label: str) -> Ruling:
    """Say that this clinic's sheet is silent on a topic, and how to ask them."""
    text = f"Your clinic's instructions don't say anything about {label}. Please ask them " \
           f"{protocol.how_to_reach()} before you do it."
    return Ruling(topic, False, None, None, text)


def rule_on(protocol: Protocol, topic: str, treated: datetime | None, now: datetime,
            asks_verdict: bool = True, label: str = "") -> Ruling:
    """Return the Ruling for one topic at `now`; `treated` None states the rule without a verdict."""
    rules = protocol.rules_for(topic)
    notes = protocol.expectations_for(topic)
    if not rules and not notes:
        return uncovered(protocol, topic, label or topic.replace("_", " "))
    deciding = [r for r in rules if r.verdict != "info"]
    info = [r for r in rules if r.verdict == "info"]
    if treated is None:
        texts = [r.text for r in deciding + info] + [e.text for e in notes]
        if any(r.window.end is not None and not r.window.end.is_condition for r in deciding):
            texts.append("Tell me when you were treated and I can give you the exact day and time.")
        return Ruling(topic, True, None, None, " ".join(texts), _sources(deciding + info, notes))
    allowed, since, used, lead = _decide(protocol, deciding, treated, now)
    shown_info = [r for r in info if _holds(protocol, r, treated, now) is not False] or \
        ([] if used else info)
    shown_notes = notes if not used else [e for e in notes if _holds(protocol, e, treated, now) is not False]
    if not asks_verdict:
        allowed, lead = None, ""
    texts = ([lead] if lead else []) + [r.text for r in used + shown_info] + [e.text for e in shown_notes]
    return Ruling(topic, True, allowed, since, " ".join(t for t in texts if t),
                  _sources(used + shown_info, shown_notes))


def _decide(protocol, rules: list[Rule], treated, now):
    """Return (allowed, allowed_from, rules used, leading sentence)."""
    if not rules:
        return None, None, [], ""
    active = [r for r in rules if _holds(protocol, r, treated, now)]
    avoid = [r for r in active if r.verdict == "avoid"]
    if avoid:
        return _not_now(protocol, avoid, treated, now)
    allow = [r for r in active if r.verdict == "allow"]
    if allow:
        return True, None, allow, "Yes."
    unsure = [r for r in rules if _holds(protocol, r, treated, now) is None]
    if unsure:
        return _judgment(protocol, unsure)
    ended = [r for r in rules if r.verdict == "avoid" and r.window.end is not None
             and not r.window.end.is_condition and r.window.end.approx_hours() > 0
             and r.window.end.resolve(treated) <= now]
    if ended:
        last = max(ended, key=lambda r: r.window.end.resolve(treated))
        end = last.window.end.resolve(treated)
        return True, end, [last], f"Yes, since {say_date(end, now)}."
    ahead = [r for r in rules if r.verdict == "avoid" and r.window.start.resolve(treated) > now]
    if ahead:
        first = min(ahead, key=lambda r: r.window.start.resolve(treated))
        start = first.window.start.resolve(treated)
        if first.window.start.approx_hours() < 0:
            return True, None, [first], f"Yes for now, but stop from {say_date(start, now)} " \
                                        f"({say_relative(start, now)})."
        return None, None, [first], "That rule is for after your treatment."
    return None, None, rules, "That instruction is about a different stage of treatment."


def _not_now(protocol, avoid: list[Rule], treated, now):
    open_ends = [r for r in avoid if r.window.end is not None and r.window.end.is_condition]
    timed = [r for r in avoid if r.window.end is not None and not r.window.end.is_condition]
    if open_ends:
        cond = protocol.conditions.get(open_ends[0].window.end.text)
        means = f" ({cond.means})" if cond else ""
        return False, None, open_ends, f"Not yet: only once your skin has healed{means}."
    if not timed:
        return False, None, avoid, "No."
    last = max(timed, key=lambda r: r.window.end.resolve(treated))
    end = last.window.end.resolve(treated)
    pre = last.window.end.approx_hours() <= 0
    word = "No" if pre else "Not yet"
    lead = f"{word}: wait until {say_date(end, now)} ({say_relative(end, now)})." if not pre else \
        f"No: not until after your treatment ({say_date(end, now)})."
    return False, end, sorted(avoid, key=lambda r: r.window.end.approx_hours() if r.window.end else 1e9), lead


def _judgment(protocol, unsure: list[Rule]):
    cond = protocol.conditions.get(unsure[0].window.end.text)
    means = cond.means if cond else unsure[0].window.end.text
    return None, None, unsure, f"That depends on healing: yes once {means}; until then, not yet."


def _holds(protocol, entry, treated, now) -> bool | None:
    """Say whether an entry's window holds at `now`; None when an open condition may have ended."""
    window = entry.window
    if window.start.resolve(treated) > now:
        return False
    if window.end is None:
        return True
    if window.end.is_condition:
        cond_start = _condition_start(protocol, window, treated)
        return True if cond_start is None or now < cond_start else None
    return now < window.end.resolve(treated)


def _condition_start(protocol, window, treated):
    cond = protocol.conditions.get(window.end.text)
    return cond.not_before.resolve(treated) if cond and cond.not_before else None


def _sources(rules, notes) -> list[Source]:
    out: list[Source] = []
    for entry in list(rules) + list(notes):
        for s in entry.sources:
            if s not in out:
                out.append(s)
    return out


def since_last_use(protocol: Protocol, topic: str, hours_since: float, now: datetime,
                   label: str = "") -> Ruling | None:
    """Rule on a pre-treatment gap from the last dose ("I stopped Accutane 3 months ago")."""
    from datetime import timedelta
    gaps = [r for r in protocol.rules_for(topic) if r.verdict == "avoid" and r.window.end is not None
            and r.window.start.approx_hours() < 0 <= -r.window.end.approx_hours()]
    if not gaps:
        return None
    last = now - timedelta(hours=hours_since)
    rule = max(gaps, key=lambda r: -r.window.start.approx_hours())
    ready = rule.window.start.replace(amount=-rule.window.start.amount).resolve(last)
    if ready <= now:
        lead = f"Yes: the gap your clinic asks for was over on {say_date(ready, now)}."
        return Ruling(topic, True, True, ready, f"{lead} {rule.text}", list(rule.sources))
    lead = f"Not yet: you can be treated from {say_date(ready, now)} ({say_relative(ready, now)})."
    return Ruling(topic, True, False, ready, f"{lead} {rule.text}", list(rule.sources))
