"""Grade a phone call as it goes: the caller's words, staff answers and earlier calls, into a level and reasons.

    grader = Grader(vocab)
    call = Call(protocol=load("rf"), protocol_ref="rf", said=["she has pus"])
    a = grader.assess(call, now)       # a.level, a.reasons, a.still_to_ask, a.answers
Each line is read once, when it is first assessed, and added to a running tally, so a call of
10,000 lines costs 10,000 readings, not 50 million. A new protocol or treatment date re-reads
every line once (a later date re-grades earlier words); a "yes" to a question is added on top.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from assistant.clinic.protocol import Protocol
from assistant.core.levels import Level
from assistant.core.record import Default, Record
from assistant.dialogue.reply import answer
from assistant.safety.calllog import Repeat
from assistant.safety.finding import Finding
from assistant.timeline.window import hours_between

HEARD = ("present", "negated", "expected")  # the caller's own words settled the question
NEUTRAL = Protocol(id="", clinic="", phone=None, contact=None, emergency="911", provider=None, documents=(), titles={},
                   fever_f=100.4, fever_stated=False, rules=(), expectations=(), conditions={}, phases=(),
                   path="")  # grades the general red flags before staff say which clinic it is


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
    note: str = ""
    id: int | None = None          # the call's row in the call log, once saved
    began: datetime | None = None

    @property
    def started(self) -> bool:
        return bool(self.said or self.answers)


class Reason(Record):
    """Why the level is what it is, in plain words: the sign, and what was said or answered."""

    sign: str
    level: Level
    name: str
    heard: str      # the caller's words, the question answered yes, or the repeat rule
    other: bool = False


class Assessment(Record):
    level: Level
    signs: list[str]
    topics: list[str]
    reasons: list[Reason]
    expected: list[str]            # reactions the caller described that the sheet calls normal
    unsure: list[str]              # red flags only near in meaning: confirm them first
    answers: list[str]             # what the protocol says about the last thing asked
    still_to_ask: list[Question]
    elapsed: float | None
    treated: datetime | None
    repeat: Repeat | None = None
    why: str = ""


class _Tally:
    """What the lines read so far add up to."""

    def __init__(self, key: tuple, treated: datetime | None):
        self.key, self.count, self.treated, self.previous, self.last = key, 0, treated, None, None
        self.present: dict[tuple, Finding] = {}
        self.signs: dict[str, None] = {}
        self.topics: dict[str, None] = {}
        self.expected: dict[str, None] = {}
        self.unsure: dict[str, None] = {}
        self.heard: set[str] = set()

    def add(self, text: str, protocol: Protocol, now: datetime, vocab) -> None:
        reply = answer(text, protocol, self.treated, now, vocab, self.previous, desk=True)
        if self.treated is None and reply.elapsed_hours is not None:  # "she had it done 2 days ago"
            self.treated = now - timedelta(hours=reply.elapsed_hours)
        for f in reply.triage.findings:
            if f.counts:
                self.present.setdefault((f.sign, f.reason), f)
            if f.status in ("present", "expected"):
                self.signs.setdefault(f.sign)
            if f.status == "expected":
                self.expected.setdefault(f.sign)
            if f.status == "unsure":
                self.unsure.setdefault(f.name or f.sign)
            if f.status in HEARD:
                self.heard.add(f.sign)
        for a in reply.answers:
            self.topics.setdefault(a.topic)
        self.previous = [a.topic for a in reply.answers] or self.previous
        self.last, self.count = reply, self.count + 1


class Grader:
    """Assess calls for one desk: the questions are numbered once, each call's lines read once."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.asks = questions(vocab)
        self._tally: _Tally | None = None
        self._call: Call | None = None  # held, so a new call is never taken for the old one

    def assess(self, call: Call, now: datetime, repeat: Callable[[list[str]], Repeat | None] | None = None
               ) -> Assessment:
        """Grade the whole call so far: the caller's words, staff answers, and (through `repeat`) earlier calls."""
        protocol = call.protocol or NEUTRAL
        key = (call.protocol_ref, call.treated)
        t = self._tally
        if t is None or self._call is not call or t.key != key or t.count > len(call.said):
            t, self._call = _Tally(key, call.treated), call
            self._tally = t
        for text in call.said[t.count:]:
            t.add(text, protocol, now, self.vocab)
        yes = [q for q in self.asks if call.answers.get(q.number)]
        reasons = [Reason(f.sign, f.level, f.reason, f"the caller said \u201c{f.words}\u201d", f.who == "other")
                   for f in _worst_first(t.present.values())]
        reasons += [Reason(q.signs[0], q.level, q.name or q.signs[0], f"answered yes to \u201c{q.ask}\u201d")
                    for q in yes]
        level = max((r.level for r in reasons), default=Level.NONE)
        signs = list(dict.fromkeys([*t.signs, *(q.signs[0] for q in yes)]))
        topics = list(t.topics)
        rep = repeat(signs + topics) if repeat and call.caller else None
        why = ""
        if rep:  # the third contact about one complaint raises the level a step
            label = rep.about.replace("_", " ")
            level, was = level.raised(), level
            why = (f"{_nth(rep.contacts)} call about {label} in {rep.days} days: " +
                   (f"raised to {level}" if level != was else f"already {level}"))
            reasons.insert(0, Reason(rep.about, level, f"{label} again", why))
        still = [q for q in self.asks if q.number not in call.answers and not t.heard & set(q.signs)]
        answers = [p.text for p in t.last.parts() if p.kind == "answer"] if t.last else []
        elapsed = hours_between(t.treated, now) if t.treated is not None else None
        return Assessment(level, signs, topics, reasons, list(t.expected), list(t.unsure), answers, still,
                          elapsed, t.treated, rep, why)


def record(call: Call, a: Assessment, asks: list[Question]) -> dict:
    """Return the call's fields for the log: what the caller reported, never the whole conversation."""
    by_number = {q.number: q for q in asks}
    return {"caller": call.caller or None, "protocol": call.protocol_ref or None,
            "treated": a.treated.isoformat(timespec="minutes") if a.treated else None,
            "elapsed_hours": None if a.elapsed is None else round(a.elapsed, 2), "level": str(a.level),
            "signs": a.signs, "topics": a.topics,
            "answers": {by_number[n].signs[0]: yes for n, yes in sorted(call.answers.items())},
            "raised": a.why or None}


def _worst_first(findings) -> list[Finding]:
    """Keep each sign once, its most serious reading first."""
    seen: dict[str, Finding] = {}
    for f in sorted(findings, key=lambda f: f.level, reverse=True):
        seen.setdefault(f.sign, f)
    return list(seen.values())


def _nth(n: int) -> str:
    return {2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"{n}th")
