"""Build the one structured reply to a question; printing, speech and JSON are renderings of it.

    r = answer("can I wear makeup tomorrow?", protocol, treated, now)
    r.as_json()    # the contract's object
Order of work: triage first (its line leads), then topics, each ruled on by the protocol.
"""
from __future__ import annotations

from assistant.core.record import Default, Record
from datetime import datetime, timedelta

from assistant.understanding import matcher
from assistant.understanding import quantity
from assistant.safety import triage as triage_mod
from assistant.clinic.protocol import Protocol
from assistant.clinic.ruling import Ruling, rule_on, since_last_use
from assistant.timeline.phases import phase_at
from assistant.understanding.utterance import MAX_CHARS, Utterance
from assistant.understanding.vocabulary import Vocabulary, load
from assistant.timeline.window import hours_between


class Reply(Record):
    question: str
    protocol: Protocol
    elapsed_hours: float | None
    phase: str
    triage: triage_mod.Triage
    answers: list[Ruling] = Default(list)
    lines: list[str] = Default(list)
    notes: list[str] = Default(list)

    @property
    def text(self) -> str:
        return " ".join(self.lines + self.notes)

    def as_json(self) -> dict:
        return {"question": self.question, "protocol": self.protocol.id,
                "elapsed_hours": None if self.elapsed_hours is None else round(self.elapsed_hours, 2),
                "phase": self.phase, "triage": self.triage.level,
                "answers": [a.as_json() for a in self.answers], "text": self.text}


def answer(question: str, protocol: Protocol, treated: datetime | None, now: datetime,
           vocab: Vocabulary | None = None, previous: list[str] | None = None) -> Reply:
    """Answer one utterance; `previous` holds the topics of the last question, for follow-ups."""
    vocab = vocab or load()
    utt = Utterance.of(question, vocab)
    stated = quantity.elapsed(utt.tokens, vocab)
    notes = []
    if treated is not None and treated > now:  # question a future date rather than use it silently
        from assistant.timeline.clock import say_date, say_relative
        notes.append(f"(You told me your treatment is on {say_date(treated, now)}, {say_relative(treated, now)}; "
                     "these answers are for before it. If you have already been treated, check that date.)")
    if treated is None and stated is not None and stated.anchor == "treatment":
        treated = now - timedelta(hours=stated.hours)
    elapsed = hours_between(treated, now) if treated is not None else None
    phase = phase_at(protocol, treated, now)
    found = triage_mod.assess(utt, vocab, protocol, treated, now, elapsed)
    asks = matcher.topics(utt, vocab)
    if not asks and previous and _is_follow_up(utt):
        asks = [matcher.Ask(t, 0, True) for t in previous]
    answers = []
    for ask in asks:
        label = vocab.topics[ask.topic].label
        if stated is not None and stated.anchor == "last_use":
            ruling = since_last_use(protocol, ask.topic, stated.hours, now, label) or \
                rule_on(protocol, ask.topic, treated, now, ask.verdict, label)
        else:
            ruling = rule_on(protocol, ask.topic, treated, now, ask.verdict, label)
        answers.append(ruling)
    reply = Reply(question, protocol, elapsed, phase, found, answers, notes=notes)
    reply.lines = _compose(reply, utt)
    if utt.truncated:
        reply.notes.append(f"(Your message was long, so I read only the first {MAX_CHARS} characters.)")
    return reply


def _is_follow_up(utt: Utterance) -> bool:
    t = utt.tokens
    return bool(t) and (t[0] in ("and", "what", "how", "also", "tomorrow", "then") or "tomorrow" in t
                        or "now" in t)


def triage_line(found: triage_mod.Triage, protocol: Protocol) -> str:
    """Say the call-now line for a triage result, or "" when there is none."""
    present = sorted(found.present, key=lambda f: -triage_mod.RANK[f.level])
    say = next((f.say for f in present if f.level == found.level and f.say), "")
    if found.level == "emergency":
        return f"Call {protocol.emergency} now. {say}".strip()
    if found.level == "urgent":
        return f"Call your clinic now, {protocol.how_to_reach()}. {say}".strip()
    if found.level == "routine":
        return f"Please call your clinic during office hours, {protocol.how_to_reach()}. {say}".strip()
    return ""


def _compose(reply: Reply, utt: Utterance) -> list[str]:
    lines = []
    lead = triage_line(reply.triage, reply.protocol)
    if lead:
        lines.append(lead)
    if reply.triage.level == "emergency":
        return lines  # nothing may delay the call
    for other in reply.triage.others:
        lines.append(f"You mentioned someone else with {other.words}. Do you have {other.words} "
                     f"yourself? If you do, call your clinic now, {reply.protocol.how_to_reach()}.")
    for a in reply.answers:
        lines.append(a.text)
    if not reply.answers and not lead and not reply.triage.others:
        if not utt.tokens:
            lines.append("Ask me anything about your aftercare: makeup, sun, exercise, medicines, "
                         "washing, or what is normal while you heal.")
        elif reply.triage.findings:
            lines.append("That sounds like a normal part of healing. If anything gets worse or "
                         f"worries you, call your clinic {reply.protocol.how_to_reach()}.")
        else:
            lines.append("I can only help with your microneedling aftercare instructions. For "
                         f"anything else about your treatment, call your clinic {reply.protocol.how_to_reach()}.")
    return lines
