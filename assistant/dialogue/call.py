"""Grade a phone call as it goes: the caller's words, staff answers and earlier calls, into a level and a script.

    call = Call(protocol=load("rf"), said=["she has pus"])
    assessment = assess(call, questions(vocab), vocab, now)
The whole call is re-assessed after every line, so a later date or answer re-grades earlier words.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from assistant.clinic.protocol import load
from assistant.core.context import DEFAULT_PROTOCOL
from assistant.core.levels import Level
from assistant.core.record import Default, Record
from assistant.dialogue.reply import alert_for, answer
from assistant.safety import calllog
from assistant.safety.triage import Finding, Triage
from assistant.timeline.window import hours_between

HEARD = ("present", "negated", "expected")  # the caller's own words settled the question


class Question(Record):
    number: int
    ask: str
    level: Level
    signs: tuple[str, ...]
    say: str
    name: str = ""


def questions(vocab) -> list[Question]:
    """Number the red-flag questions once: most serious first, file order within a level."""
    merged: dict[str, list] = {}
    for s in vocab.signs + vocab.combos:  # combos repeat some signs' questions: ask each once
        merged.setdefault(s.ask, []).append(s)
    found = sorted(merged.items(), key=lambda item: max(s.level for s in item[1]), reverse=True)
    return [Question(i, ask, max(s.level for s in signs), tuple(s.id for s in signs), signs[0].say, signs[0].name)
            for i, (ask, signs) in enumerate(found, 1)]


class Call(Record):
    caller: str = ""
    protocol_ref: str = ""
    protocol: object = None
    treated: datetime | None = None
    said: list[str] = Default(list)
    answers: dict[int, bool] = Default(dict)
    resolved: bool = False
    history: list[dict] = Default(list)  # this caller's earlier log records

    @property
    def started(self) -> bool:
        return bool(self.said or self.answers)


class Assessment(Record):
    level: Level
    signs: list[str]
    topics: list[str]
    script: list[str]
    still_to_ask: list[Question]
    elapsed: float | None
    repeat: calllog.Repeat | None = None
    why: str = ""


def assess(call: Call, asks: list[Question], vocab, now: datetime) -> Assessment:
    """Grade the whole call so far: the caller's words, staff answers, and earlier calls."""
    protocol = call.protocol or load(DEFAULT_PROTOCOL)
    treated, previous, last, findings, topics = call.treated, None, None, [], []
    for text in call.said:
        last = answer(text, protocol, treated, now, vocab, previous, desk=True)
        if treated is None and last.elapsed_hours is not None:  # "I had it done 2 days ago"
            treated = now - timedelta(hours=last.elapsed_hours)
        findings += last.triage.findings
        topics += [a.topic for a in last.answers if a.topic not in topics]
        previous = [a.topic for a in last.answers] or previous
    present = [f for f in findings if f.status == "present"]
    # A "no" never lowers the level: the caller's own words are not talked away.
    present += [Finding(q.signs[0], q.level, "answered yes", "present", q.say, name=q.name)
                for q in asks if call.answers.get(q.number)]
    signs = list(dict.fromkeys([f.sign for f in findings if f.status in ("present", "expected")] +
                               [q.signs[0] for q in asks if call.answers.get(q.number)]))
    level = max((f.level for f in present), default=Level.NONE)
    rep = calllog.repeat(call.history, call.caller, signs + topics, now)
    why = ""
    if rep:
        label = rep.about.replace("_", " ")
        level, was = level.raised(), level
        why = (f"{_nth(rep.contacts)} call about {label} in {rep.days} days: " +
               (f"raised to {level}" if level != was else f"already {level}"))
        worst = max(present, key=lambda f: f.level, default=None)
        present.append(Finding(rep.about, level, why, "present", worst.say if worst else "", name=f"{label} again"))
    alert = alert_for(Triage(level, present), protocol)
    script = [alert.line] if alert else []
    if last is not None and level != Level.EMERGENCY:  # nothing may delay the 911 line
        kinds = ("condition", "when", "answer") if alert else ("condition", "when", "answer", "fallback", "note")
        script += [p.text for p in last.parts() if p.kind in kinds]
    heard = {f.sign for f in findings if f.status in HEARD}
    still = [q for q in asks if q.number not in call.answers and not heard & set(q.signs)]
    elapsed = hours_between(treated, now) if treated is not None else None
    return Assessment(level, signs, topics, script, still, elapsed, rep, why)


def _nth(n: int) -> str:
    return {2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"{n}th")


def record(call: Call, a: Assessment, asks: list[Question], now: datetime) -> dict:
    """The call as one log record: what the caller reported, never the whole conversation."""
    by_number = {q.number: q for q in asks}
    return {"kind": "call", "time": now.isoformat(timespec="seconds"), "caller": call.caller or None,
            "protocol": call.protocol_ref or DEFAULT_PROTOCOL,
            "treated": call.treated.isoformat(timespec="minutes") if call.treated else None,
            "elapsed_hours": None if a.elapsed is None else round(a.elapsed, 2), "level": str(a.level),
            "signs": a.signs, "topics": a.topics,
            "answers": {by_number[n].signs[0]: yes for n, yes in sorted(call.answers.items())},
            "raised": a.why or None, "resolved": call.resolved}
