"""Build the one structured reply to a question; text, speech, the desk script and JSON render its parts.

    r = answer("can I wear makeup tomorrow?", protocol, treated, now)
    for part in r.parts(): ...     # Part("alert" | "check" | "answer" | "fallback" | "note", text, ruling)
    r.as_json()                    # the contract's object
Order of work: triage first (its alert leads), then topics, each ruled on by the protocol.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from assistant.clinic.protocol import Protocol
from assistant.clinic.ruling import Ruling, rule_on, since_last_use
from assistant.core.levels import Level
from assistant.core.record import Default, Record
from assistant.safety.triage import Finding, Triage, assess
from assistant.timeline.clock import say_date, say_relative
from assistant.timeline.phases import phase_at
from assistant.timeline.window import hours_between
from assistant.understanding import matcher, quantity
from assistant.understanding.utterance import MAX_CHARS, Utterance
from assistant.understanding.vocabulary import Vocabulary, load

EMPTY = "Ask me anything about your aftercare: makeup, sun, exercise, medicines, washing, or what is normal " \
        "while you heal."


class Alert(Record):
    """What to do now about the red flags found: the action, and why in the sheet's terms."""

    level: Level
    action: str   # "Call 911 now."
    why: str = ""

    @property
    def line(self) -> str:
        return f"{self.action} {self.why}".strip()


class Part(Record):
    """One piece of a reply, in the order it is said."""

    kind: str                    # alert, check, answer, fallback, note
    text: str
    ruling: Ruling | None = None
    level: Level = Level.NONE


class Reply(Record):
    question: str
    protocol: Protocol
    elapsed_hours: float | None
    phase: str
    triage: Triage
    alert: Alert | None = None
    checks: list[str] = Default(list)       # questions put back: someone else's sign
    answers: list[Ruling] = Default(list)
    fallback: str = ""                      # said when nothing else is
    notes: list[str] = Default(list)

    def parts(self) -> list[Part]:
        """Return the reply's parts in order; an emergency says nothing after its alert."""
        out = [Part("alert", self.alert.line, None, self.alert.level)] if self.alert else []
        if self.alert and self.alert.level == Level.EMERGENCY:
            return out  # nothing may delay the call
        out += [Part("check", c) for c in self.checks]
        out += [Part("answer", a.text, a) for a in self.answers]
        out += [Part("fallback", self.fallback)] if self.fallback else []
        return out + [Part("note", n) for n in self.notes]

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.parts())

    def as_json(self) -> dict:
        return {"question": self.question, "protocol": self.protocol.id,
                "elapsed_hours": None if self.elapsed_hours is None else round(self.elapsed_hours, 2),
                "phase": self.phase, "triage": str(self.triage.level),
                "answers": [a.as_json() for a in self.answers], "text": self.text}


def answer(question: str, protocol: Protocol, treated: datetime | None, now: datetime,
           vocab: Vocabulary | None = None, previous: list[str] | None = None) -> Reply:
    """Answer one utterance; `previous` holds the topics of the last question, for follow-ups."""
    vocab = vocab or load()
    utt = Utterance.of(question, vocab)
    stated = quantity.elapsed(utt.tokens, vocab)
    notes = []
    if treated is not None and treated > now:  # question a future date rather than use it silently
        notes.append(f"(You told me your treatment is on {say_date(treated, now)}, {say_relative(treated, now)}; "
                     "these answers are for before it. If you have already been treated, check that date.)")
    if treated is None and stated is not None and stated.anchor == "treatment":
        treated = now - timedelta(hours=stated.hours)
    elapsed = hours_between(treated, now) if treated is not None else None
    found = assess(utt, vocab, protocol, treated, now, elapsed)
    asks = matcher.topics(utt, vocab)
    if not asks and previous and _is_follow_up(utt):
        asks = [matcher.Ask(t, 0, True) for t in previous]
    answers = []
    for ask in asks:
        label = vocab.topics[ask.topic].label
        ruling = since_last_use(protocol, ask.topic, stated.hours, now) \
            if stated is not None and stated.anchor == "last_use" else None
        answers.append(ruling or rule_on(protocol, ask.topic, treated, now, ask.verdict, label))
    reply = Reply(question, protocol, elapsed, phase_at(protocol.phases, treated, now), found,
                  alert_for(found, protocol), [check_other(f, protocol) for f in found.others], answers, notes=notes)
    if not answers and reply.alert is None and not reply.checks:
        reply.fallback = _fallback(utt, found, protocol)
    if utt.truncated:
        reply.notes.append(f"(Your message was long, so I read only the first {MAX_CHARS} characters.)")
    return reply


def _is_follow_up(utt: Utterance) -> bool:
    t = utt.tokens
    return bool(t) and (t[0] in ("and", "what", "how", "also", "tomorrow", "then") or "tomorrow" in t
                        or "now" in t)


def alert_for(found: Triage, protocol: Protocol) -> Alert | None:
    """Say what to do about a triage result, or None when there is nothing to do."""
    present = sorted(found.present, key=lambda f: f.level, reverse=True)
    why = next((f.say for f in present if f.level == found.level and f.say), "")
    if found.level == Level.EMERGENCY:
        return Alert(found.level, f"Call {protocol.emergency} now.", why)
    if found.level == Level.URGENT:
        return Alert(found.level, f"Call your clinic now, {protocol.how_to_reach()}.", why)
    if found.level == Level.ROUTINE:
        return Alert(found.level, f"Please call your clinic during office hours, {protocol.how_to_reach()}.", why)
    return None


def check_other(finding: Finding, protocol: Protocol) -> str:
    """Ask back about a sign mentioned of someone else."""
    return (f"You mentioned someone else with {finding.words}. Do you have {finding.words} yourself? "
            f"If you do, call your clinic now, {protocol.how_to_reach()}.")


def _fallback(utt: Utterance, found: Triage, protocol: Protocol) -> str:
    if not utt.tokens:
        return EMPTY
    if found.findings:
        return ("That sounds like a normal part of healing. If anything gets worse or worries you, call your "
                f"clinic {protocol.how_to_reach()}.")
    return ("I can only help with your microneedling aftercare instructions. For anything else about your "
            f"treatment, call your clinic {protocol.how_to_reach()}.")
