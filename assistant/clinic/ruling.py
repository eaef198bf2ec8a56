"""Word what a protocol says on one topic at one moment: the verdict, from when, and the clinic's words.

    rule_on(protocol, "makeup", treated, now)      # Ruling: allowed, allowed_from, lead, the clinic's words
The verdict itself is clinic.state's, where windows are judged; this module only says it.
"""
from __future__ import annotations

from datetime import datetime

from assistant.clinic.protocol import Protocol, Rule, Source
from assistant.clinic.state import State, allowed_from, deciding, in_force, state_at
from assistant.core.record import Default, Record
from assistant.timeline.clock import say_date, say_relative


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


ASK_WHEN = "Tell me when you were treated and I can give you the exact day and time."


def uncovered(protocol: Protocol, topic: str, label: str, leave: bool = True) -> Ruling:
    """Say that this clinic's sheet is silent on a topic, and how to ask them; `leave`: asked whether to do
    something, so ask them before doing it."""
    lead = f"Your clinic's instructions don't say anything about {label}. Please ask them " \
           f"{protocol.how_to_reach()}{' before you do it' if leave else ''}."
    return Ruling(topic, False, None, None, lead)


def rule_on(protocol: Protocol, topic: str, treated: datetime | None, now: datetime,
            asks_verdict: bool = True, label: str = "", said: str = "", avoid: bool = False,
            speaking: datetime | None = None, after: bool = False, advice: bool = False) -> Ruling:
    """Return the Ruling for one topic at `now`; `treated` None states the rule without a verdict.

    `said` is the question's normalised words (rules `about` a thing decide only when it is named);
    `avoid` marks a question about stopping ("should I stop retinol?"), whose yes means "avoid it";
    `speaking` is when the answer is given, when `now` is a later moment asked about ("tomorrow"); `after`
    marks a question asked once treated, at a time not known ("can I peel off the loose skin?"); `advice`, one
    asked as advice ("should I sleep propped up?"), which a rule the sheet leaves to the patient answers "up to you".
    """
    rules = protocol.rules_for(topic)
    notes = protocol.expectations_for(topic)
    if not rules and not notes:
        return uncovered(protocol, topic, label or topic.replace("_", " "), asks_verdict)
    decide = deciding(protocol, topic, said)
    info = [r for r in rules if r not in decide]
    # a rule about the thing named decides before the topic's general ones, as clinic.state judges it
    first = [r for r in decide if r.about] or decide
    timeless = treated is None and decide and all(_for_good(r, after) for r in first)
    if timeless:
        treated = now  # a rule that holds at every moment ("not while pregnant"), or, asked once treated, from
        # the treatment on ("do not pick"), needs no treatment time, and names no moment it began
    if treated is None and decide and all(r.verdict == "avoid" and _stated(protocol, r) is not None for r in decide):
        # "I'm fully healed, can I go running?", "still on the balm, can I wear concealer?": the condition each
        # rule waits on is said to be met or not, whenever the treatment was
        met = all(_stated(protocol, r) for r in decide)
        state = State(True, "met", decide) if met else State(False, "avoid_open", decide)
        lead = (_avoid_lead if avoid else _lead)(protocol, state, None, now, speaking or now) if asks_verdict else ""
        told = list(dict.fromkeys(r.text for r in decide))
        return Ruling(topic, True, met if asks_verdict else None, None, lead, told, _sources(decide, []))
    if treated is None:
        told = list(dict.fromkeys(r.text for r in decide + info))
        if any(r.window.end is not None and not r.window.end.is_condition for r in decide):
            told.append(ASK_WHEN)
        return Ruling(topic, True, None, None, "", told, _sources(decide + info, notes), [e.text for e in notes])
    state = state_at(protocol, topic, treated, now, said) if decide else State(None, "other", [])
    since = allowed_from(protocol, topic, treated, now, said) if decide and not timeless else None
    used = state.rules
    shown_info = [r for r in info if in_force(protocol, r, treated, now) is not False] or ([] if used else info)
    shown_notes = notes if not used else [e for e in notes if in_force(protocol, e, treated, now) is not False]
    lead = ""
    if asks_verdict and decide:
        lead = (_avoid_lead if avoid else _lead)(protocol, state, since, treated, speaking or now)
    allowed = state.allowed if asks_verdict else None
    if advice and asks_verdict and state.case == "allow" and all(r.verdict == "choice" for r in used):
        allowed, lead = None, "That is up to you."  # the sheet offers it and asks for nothing: no "should"
    told = list(dict.fromkeys(r.text for r in used + shown_info))  # two rules in the same words: said once
    return Ruling(topic, True, allowed, since, lead, told, _sources(used + shown_info, shown_notes),
                  [e.text for e in shown_notes])


def _stated(protocol: Protocol, rule) -> bool | None:
    """Say what the question says of the condition a rule waits on ("until healed": "I'm fully healed" True,
    "still on the balm" False); None when it waits on none or the question says nothing of it."""
    end = rule.window.end
    cond = protocol.conditions.get(end.text) if end is not None and end.is_condition else None
    return None if cond is None else cond.stated


def _for_good(rule, after: bool) -> bool:
    """Say whether a rule holds at every moment, or, `after` (asked once treated), from the treatment on: no end."""
    start = rule.window.start
    return rule.window.end is None and (start.kind == "always" or (
        after and start.kind == "offset" and start.amount == 0))


def _avoid_lead(protocol: Protocol, state: State, since: datetime | None, treated: datetime, now: datetime) -> str:
    """Answer "should I stop / do I need to avoid …?": yes while a rule says avoid, no once none does."""
    case = state.case
    if case == "avoid_open" and since:
        return f"Yes, until {say_date(since, now)} ({say_relative(since, now)})."
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
    if case == "met":
        return f"No, not now that {_condition_words(protocol, state.rules[0], short=True)}."
    if case == "allow_ahead":
        return f"Yes, until {say_date(since, now)} ({say_relative(since, now)})." if since else "Yes, for now."
    end = state.rules[0].window.end if case == "allow" and state.rules else None
    until = end.resolve(treated) if end is not None and not end.is_condition else None
    if until is not None and until > now:  # a course in force ("can I stop the Valtrex?" while its days last)
        return f"No: keep to it until {say_date(until, now)} ({say_relative(until, now)})."
    if case in ("allow", "ended"):
        return f"No, not any more: that was over on {say_date(since, now)}." if since and since <= now \
            else "No, there is no need to."
    if case == "do":
        return "No: keep to it."
    return _lead(protocol, state, since, treated, now)


def _lead(protocol: Protocol, state: State, since: datetime | None, treated: datetime, now: datetime) -> str:
    """Say the verdict in one sentence that answers "can I …?"."""
    case = state.case
    if case == "avoid_open" and since:  # healed, the question says, but not before the sheet's earliest
        return f"Not yet: wait until {say_date(since, now)} ({say_relative(since, now)})."
    if case == "avoid_open":
        return f"Not yet: only once {_condition_words(protocol, state.rules[0])}."
    if case == "avoid_before":
        return f"No: {_before(state, since, treated, now)}"
    if case in ("avoid", "allow_ahead"):
        return f"Not yet: wait until {say_date(since, now)} ({say_relative(since, now)})." if since else "No."
    if case in ("allow", "do"):
        return "Yes."
    if case == "ended":
        return f"Yes, since {say_date(since, now)}." if since else "Yes."
    if case == "judgment":
        return f"That depends: yes once {_condition_words(protocol, state.rules[0])}; until then, not yet."
    if case == "met":
        return f"Yes, now that {_condition_words(protocol, state.rules[0], short=True)}."
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


def _condition_words(protocol: Protocol, rule: Rule, short: bool = False) -> str:
    """Name an open end the way the sheet means it: "your skin has healed (no longer wearing ...)"; `short`,
    without what it means."""
    name = rule.window.end.text
    cond = protocol.conditions.get(name)
    if cond is None:
        return name.replace("_", " ")
    return cond.once if short else f"{cond.once} ({cond.means})"


def _sources(rules, notes) -> list[Source]:
    out: list[Source] = []
    for entry in list(rules) + list(notes):
        for s in entry.sources:
            if s not in out:
                out.append(s)
    return out
