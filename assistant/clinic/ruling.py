"""Decide what a protocol says on one topic at one moment: the one place where windows are judged.

    rule_on(protocol, "makeup", treated, now)      # Ruling: allowed, allowed_from, lead, the clinic's words
    changes(protocol, "exercise", treated)         # [(moment, allowed)]: every moment the answer changes
`ask`, `plan`, the calendar, `today`, triage's expected-reaction windows and the chat's announcements
all come through `in_force`, `state_at` and `changes`, so they cannot disagree.

The verdict at a moment comes from the rules whose windows hold then: an "avoid" in force says no,
an "allow" in force says yes, an "avoid" already over says yes. Open ends such as "until healed"
never turn into an hour: past their earliest moment the answer is left to judgment (None).
"""
from __future__ import annotations

from datetime import datetime, timedelta

from assistant.clinic.protocol import Protocol, Rule, Source
from assistant.core.record import Default, Record
from assistant.timeline.clock import say_date, say_relative

EARLIEST = datetime.min


class Ruling(Record):
    """The answer on one topic: the verdict, from when, a lead sentence and the clinic's own words."""

    topic: str
    covered: bool
    allowed: bool | None
    allowed_from: datetime | None
    lead: str
    statements: list[str] = Default(list)     # the clinic's rules, in its words
    sources: list[Source] = Default(list)
    expected: list[str] = Default(list)       # what the clinic calls normal on this topic

    @property
    def text(self) -> str:
        return " ".join(t for t in [self.lead, *self.statements, *self.expected] if t)

    def as_json(self) -> dict:
        return {"topic": self.topic, "covered": self.covered, "allowed": self.allowed,
                "allowed_from": self.allowed_from.isoformat(timespec="seconds") if self.allowed_from else None,
                "text": self.text, "sources": [s.as_json() for s in self.sources]}


class State(Record):
    """What the rules on a topic say at one moment, before any wording."""

    allowed: bool | None
    case: str  # avoid_open, avoid, avoid_before, allow, judgment, ended, stop_ahead, later, other
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
        return True if earliest is None or at < earliest else None
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
    avoid = [r for r in rules if r.verdict == "avoid" and holds[id(r)]]
    if avoid:
        if any(r.window.end is not None and r.window.end.is_condition for r in avoid):
            return State(False, "avoid_open", [r for r in avoid if r.window.end and r.window.end.is_condition])
        before = all(r.window.end is not None and r.window.end.approx_hours() <= 0 for r in avoid)
        return State(False, "avoid_before" if before else "avoid", _by_end(avoid))
    allow = [r for r in rules if r.verdict == "allow" and holds[id(r)]]
    if allow:
        return State(True, "allow", allow)
    do = [r for r in rules if r.verdict == "do" and holds[id(r)]]
    if do:  # "do I have to stick to the samples?" while the sheet says to: yes
        return State(True, "do", do)
    unsure = [r for r in rules if holds[id(r)] is None]
    if unsure:
        return State(None, "judgment", unsure)
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


def uncovered(protocol: Protocol, topic: str, label: str) -> Ruling:
    """Say that this clinic's sheet is silent on a topic, and how to ask them."""
    lead = f"Your clinic's instructions don't say anything about {label}. Please ask them " \
           f"{protocol.how_to_reach()} before you do it."
    return Ruling(topic, False, None, None, lead)


def rule_on(protocol: Protocol, topic: str, treated: datetime | None, now: datetime,
            asks_verdict: bool = True, label: str = "", said: str = "", avoid: bool = False,
            speaking: datetime | None = None) -> Ruling:
    """Return the Ruling for one topic at `now`; `treated` None states the rule without a verdict.

    `said` is the question's normalised words (rules `about` a thing decide only when it is named);
    `avoid` marks a question about stopping ("should I stop retinol?"), whose yes means "avoid it";
    `speaking` is when the answer is given, when `now` is a later moment asked about ("tomorrow").
    """
    rules = protocol.rules_for(topic)
    notes = protocol.expectations_for(topic)
    if not rules and not notes:
        return uncovered(protocol, topic, label or topic.replace("_", " "))
    decide = deciding(protocol, topic, said)
    info = [r for r in rules if r not in decide]
    if treated is None:
        told = [r.text for r in decide + info]
        if any(r.window.end is not None and not r.window.end.is_condition for r in decide):
            told.append("Tell me when you were treated and I can give you the exact day and time.")
        return Ruling(topic, True, None, None, "", told, _sources(decide + info, notes), [e.text for e in notes])
    state = state_at(protocol, topic, treated, now, said) if decide else State(None, "other", [])
    since = allowed_from(protocol, topic, treated, now, said) if decide else None
    used = state.rules
    shown_info = [r for r in info if in_force(protocol, r, treated, now) is not False] or ([] if used else info)
    shown_notes = notes if not used else [e for e in notes if in_force(protocol, e, treated, now) is not False]
    lead = ""
    if asks_verdict and decide:
        lead = (_avoid_lead if avoid else _lead)(protocol, state, since, treated, speaking or now)
    allowed = state.allowed if asks_verdict else None
    told = [r.text for r in used + shown_info]
    return Ruling(topic, True, allowed, since, lead, told, _sources(used + shown_info, shown_notes),
                  [e.text for e in shown_notes])


def _avoid_lead(protocol: Protocol, state: State, since: datetime | None, treated: datetime, now: datetime) -> str:
    """Answer "should I stop / do I need to avoid …?": yes while a rule says avoid, no once none does."""
    case = state.case
    if case == "avoid_open":
        return f"Yes: keep avoiding it until {_condition_words(protocol, state.rules[0])}."
    if case == "avoid_before":
        return f"Yes: {_before(state, since, treated, now)}"
    if case == "avoid":
        return f"Yes, until {say_date(since, now)} ({say_relative(since, now)})." if since else "Yes."
    if case == "stop_ahead":
        start = state.rules[0].window.start.resolve(treated)
        return f"Yes: stop from {say_date(start, now)} ({say_relative(start, now)})."
    if case == "judgment":
        return f"Until {_condition_words(protocol, state.rules[0])}, yes; after that, no."
    if case in ("allow", "ended"):
        return f"No, not any more: that was over on {say_date(since, now)}." if since and since <= now \
            else "No, there is no need to."
    if case == "do":
        return "No: keep to it."
    return _lead(protocol, state, since, treated, now)


def _lead(protocol: Protocol, state: State, since: datetime | None, treated: datetime, now: datetime) -> str:
    """Say the verdict in one sentence that answers "can I …?"."""
    case = state.case
    if case == "avoid_open":
        return f"Not yet: only once {_condition_words(protocol, state.rules[0])}."
    if case == "avoid_before":
        return f"No: {_before(state, since, treated, now)}"
    if case == "avoid":
        return f"Not yet: wait until {say_date(since, now)} ({say_relative(since, now)})." if since else "No."
    if case in ("allow", "do"):
        return "Yes."
    if case == "ended":
        return f"Yes, since {say_date(since, now)}." if since else "Yes."
    if case == "judgment":
        return f"That depends: yes once {_condition_words(protocol, state.rules[0])}; until then, not yet."
    if case == "stop_ahead":
        start = state.rules[0].window.start.resolve(treated)
        return f"Yes for now, but stop from {say_date(start, now)} ({say_relative(start, now)})."
    if case == "later":
        return "That rule is for after your treatment."
    if case == "done":
        end = state.rules[0].window.end.resolve(treated)
        return f"Not needed any more: that was for the time until {say_date(end, now)}."
    if now >= treated and state.rules and all(r.prepares for r in state.rules):
        return (f"Your clinic's instructions say this only for before your treatment, and nothing about after it: "
                f"ask them {protocol.how_to_reach()} before you do it.")
    return "That instruction is about a different stage of treatment."


def _before(state: State, since: datetime | None, treated: datetime, now: datetime) -> str:
    """Say a stop before treatment: from when, until the treatment, and when it is fine again after it."""
    start = min(r.window.start.resolve(treated) for r in state.rules)
    from_ = "on the day of it" if all(r.window.start.kind == "day" for r in state.rules) else \
        f"from {say_date(start, now)}"
    again = f"; after it, from {say_date(since, now)}" if since and since > treated else ""
    return f"your clinic asks you to stop it before your treatment ({say_date(treated, now)}), {from_}{again}."


def _condition_words(protocol: Protocol, rule: Rule) -> str:
    """Name an open end the way the sheet means it: "your skin has healed (no longer wearing ...)"."""
    name = rule.window.end.text
    cond = protocol.conditions.get(name)
    if cond is None:
        return name.replace("_", " ")
    return f"{cond.once} ({cond.means})"


def _sources(rules, notes) -> list[Source]:
    out: list[Source] = []
    for entry in list(rules) + list(notes):
        for s in entry.sources:
            if s not in out:
                out.append(s)
    return out
