"""Build the one structured reply to a question; text, speech, the desk script and JSON render its parts.

    r = answer("can I wear makeup tomorrow?", protocol, treated, now)
    for part in r.parts(): ...     # Part("alert" | "condition" | "answer" | "fallback" | "note", text, ruling)
    r.as_json()                    # the contract's object
Order of work: triage first (its alert leads), then topics, each ruled on by the protocol.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from assistant.clinic.protocol import Protocol
from assistant.clinic.ruling import Ruling, rule_on, since_last_use
from assistant.core.levels import Level
from assistant.core.record import Default, Record
from assistant.safety.triage import Finding, Triage, assess_message
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

    kind: str                    # alert, condition, answer, fallback, note
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
    conditions: list[str] = Default(list)   # a sign asked about, as its rule: "If you notice …, call …"
    answers: list[Ruling] = Default(list)
    fallback: str = ""                      # said when nothing else is
    notes: list[str] = Default(list)
    check: str = ""                         # words heard unsurely that hold a red flag: asked back first

    def parts(self) -> list[Part]:
        """Return the reply's parts in order; an emergency says nothing after its alert."""
        out = [Part("alert", self._alert_line(), None, self.alert.level)] if self.alert else []
        if self.alert and self.alert.level == Level.EMERGENCY:
            return out  # nothing may delay the call
        out += [Part("condition", c) for c in self.conditions]
        out += [Part("answer", a.text, a) for a in self.answers]
        out += [Part("fallback", self.fallback)] if self.fallback else []
        return out + [Part("note", n) for n in self.notes]

    def _alert_line(self) -> str:
        """The alert, or for words heard unsurely, the alert as the answer to a question put back."""
        line = self.alert.line
        return f"{self.confirm} If so, {line[:1].lower()}{line[1:]}" if self.check else line

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.parts())

    @property
    def confirm(self) -> str | None:
        """The question to put back before acting: words heard unsurely, or a red flag only near in meaning."""
        if self.check:
            return f"Did you say: {self.check}?"
        unsure = self.triage.unsure
        return f"Do you mean {unsure[0].name}?" if unsure else None

    def as_json(self) -> dict:
        return {"question": self.question, "protocol": self.protocol.id,
                "elapsed_hours": None if self.elapsed_hours is None else round(self.elapsed_hours, 2),
                "phase": self.phase, "triage": str(self.triage.level),
                "answers": [a.as_json() for a in self.answers], "text": self.text,
                "reasons": [{"sign": f.sign, "level": str(f.level), "words": f.words}
                            for f in self.triage.present if f.level > Level.NONE],
                "confirm": self.confirm}


def answer(question: str, protocol: Protocol, treated: datetime | None, now: datetime,
           vocab: Vocabulary | None = None, previous: list[str] | None = None, desk: bool = False) -> Reply:
    """Answer one utterance; `previous` holds the topics of the last question; `desk`: staff for the patient."""
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
    found = assess_message(question, utt, vocab, protocol, treated, now, elapsed, desk)
    asks = matcher.topics(utt, vocab)
    if not asks and previous and _is_follow_up(utt):
        asks = [matcher.Ask(t, 0, True) for t in previous]
    answers = []
    for ask in asks:
        label = vocab.topics[ask.topic].label
        ruling = since_last_use(protocol, ask.topic, stated.hours, now) \
            if stated is not None and stated.anchor == "last_use" else None
        answers.append(ruling or rule_on(protocol, ask.topic, treated, now, ask.verdict, label, utt.text, ask.avoid))
    answers = [_without_reassurance(a, found, protocol) for a in answers]
    reply = Reply(question, protocol, elapsed, phase_at(protocol.phases, treated, now), found,
                  alert_for(found, protocol), conditions_for(found, protocol), answers, notes=notes)
    if not answers and reply.alert is None and not reply.conditions:
        reply.fallback = _fallback(utt, found, protocol)
    if utt.truncated:
        reply.notes.append(f"(Your message was long: I checked all of it for warning signs, and answered the "
                           f"questions in its first {MAX_CHARS:,} characters.)")
    return reply


def _is_follow_up(utt: Utterance) -> bool:
    t = utt.tokens
    return bool(t) and (t[0] in ("and", "what", "how", "also", "tomorrow", "then") or "tomorrow" in t
                        or "now" in t)


def alert_for(found: Triage, protocol: Protocol) -> Alert | None:
    """Say what to do about a triage result, naming every reason found; None when there is nothing to do."""
    counted = sorted(found.present, key=lambda f: f.level, reverse=True)
    if not counted:
        return None
    top = [f for f in counted if f.level == found.level]
    theirs = all(f.who == "other" for f in counted)
    asked_only = all(f.status == "hypothetical" for f in top)
    reasons = _listed(_reasons(counted))
    why = " ".join(dict.fromkeys(f.say for f in top if f.say))
    if found.level == Level.EMERGENCY:
        if asked_only:  # a question about an emergency sign still gets the emergency rule, first
            return Alert(found.level, f"If you have {_listed([f.name for f in top])}, call {protocol.emergency} "
                                      "at once; do not wait or drive yourself.", why)
        whom = " for them" if theirs else ""
        return Alert(found.level, f"Call {protocol.emergency} now{whom}: {reasons}.", why)
    if found.level == Level.URGENT:
        who = "They should call their clinic now" if theirs else "Call your clinic now"
        return Alert(found.level, f"{who}, {protocol.how_to_reach()}, about {reasons}.",
                     f"{why} If you cannot reach the clinic, go to urgent care, or call {protocol.emergency} "
                     "if it gets worse quickly.".strip())
    if found.level == Level.ROUTINE:
        who = "They should call their clinic" if theirs else "Please call your clinic"
        return Alert(found.level, f"{who} during office hours, {protocol.how_to_reach()}, about {reasons}.", why)
    return None


def _reasons(findings: list[Finding]) -> list[str]:
    """Name each sign once, however many phrases found it: signs asked with the same question are one."""
    signs = load().sign_by_id
    by_key: dict[str, str] = {}
    for f in sorted(findings, key=lambda f: (-f.level.rank, not f.detail)):
        if f.level >= Level.ROUTINE:
            key = signs[f.sign].ask if f.sign in signs and not f.detail else f.reason
            by_key.setdefault(key, f.reason)
    return list(by_key.values())


def conditions_for(found: Triage, protocol: Protocol) -> list[str]:
    """State the rule for each sign asked about, as a condition, never as reassurance."""
    out, seen = [], set()
    for f in found.unsure:  # near a red flag in meaning only: ask, with what to do if so
        seen.add(f.sign)
        act = f"call {protocol.emergency} now" if f.level == Level.EMERGENCY else \
            f"call your clinic {'now' if f.level == Level.URGENT else 'during office hours'}, {protocol.how_to_reach()}"
        out.append(f"Do you mean {f.name}? If so, {act}. {f.say}".strip())
    for f in sorted(found.asked, key=lambda f: f.level, reverse=True):
        if f.sign in seen or f.level == Level.NONE or not f.name:
            continue
        seen.add(f.sign)
        when = "now" if f.level == Level.URGENT else "during office hours"
        if f.status == "other":
            out.append(f"If the person you mention had a treatment like yours and has {f.name}, they should call "
                       f"their clinic {when}. If you notice it yourself, call yours, {protocol.how_to_reach()}.")
        else:
            out.append(f"If you notice {f.name}, call your clinic {when}, {protocol.how_to_reach()}. {f.say}".strip())
    return out


def _listed(items: list[str]) -> str:
    """Join reasons the way they are said: "pus, a fever and red streaks"."""
    items = [i for i in items if i]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _without_reassurance(ruling: Ruling, found: Triage, protocol: Protocol) -> Ruling:
    """Drop what calls normal, or says yes, about a sign that is present: no all-clear beside a warning."""
    touched = {t for f in found.present for t in _topics_of(f, protocol)}
    if ruling.topic not in touched:
        return ruling
    lead = "" if ruling.lead.startswith("Yes") else ruling.lead
    return ruling.replace(lead=lead, expected=[])


def _topics_of(finding: Finding, protocol: Protocol) -> set[str]:
    sign = load().sign_by_id.get(finding.sign)
    topics = set(sign.topics) if sign else set()
    return topics | {e.topic for e in protocol.expectations if e.reaction == finding.sign}


def _fallback(utt: Utterance, found: Triage, protocol: Protocol) -> str:
    if not utt.tokens:
        return EMPTY
    statuses = {f.status for f in found.findings}
    if "expected" in statuses:
        return ("That sounds like a normal part of healing. If anything gets worse or worries you, call your "
                f"clinic {protocol.how_to_reach()}.")
    if "negated" in statuses:
        return f"Good. If that changes, or anything worries you, call your clinic {protocol.how_to_reach()}."
    if "past" in statuses:
        return ("That was before this treatment, so it is not a warning sign now. If it happens again, call "
                f"your clinic {protocol.how_to_reach()}.")
    return ("I can only help with your microneedling aftercare instructions. For anything else about your "
            f"treatment, call your clinic {protocol.how_to_reach()}.")
