"""The structured reply to one question, and the parts it is said in: printed, spoken, on the desk's script
or as the JSON of `ask --json` (docs/json.md). dialogue.reply builds it.

    for part in reply.parts(): ...   # Part("alert" | "condition" | "when" | "answer" | "fallback" | "note", …)
    reply.text, reply.confirm, reply.as_json()
"""
from __future__ import annotations

from assistant.clinic.protocol import Protocol
from assistant.clinic.ruling import ASK_WHEN, Ruling
from assistant.core.levels import Level
from assistant.core.record import Default, Record
from assistant.dialogue.alert import Alert
from assistant.safety.triage import Triage

VERDICTS = ("Not yet", "Yes", "No")  # the words a ruling's lead opens with (clinic.ruling)


def at_moment(text: str, when: str) -> str | None:
    """Say the moment asked about inside an answer's yes or no ("Not yet for Saturday (…): wait until …");
    None when the answer opens with no verdict."""
    verdict = next((v for v in VERDICTS if text.startswith(v) and text[len(v):len(v) + 1] in (":", ",", ".")), None)
    if verdict is None:
        return None
    joint = ", " if when.split()[0] in ("when", "as", "before") else " "  # "No, when you wake up (…)"
    return f"{verdict}{joint}{when}{text[len(verdict):]}"


class Part(Record):
    """One piece of a reply, in the order it is said."""

    kind: str                    # alert, condition, when, answer, fallback, note
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
    when: str = ""                          # the moment asked about: "for tomorrow (Saturday 21 November)"
    check: str = ""                         # words heard unsurely that hold a red flag: asked back first
    beside: bool = False                    # the check is another hearing's red flag, put back beside a
                                            # question surely heard: that question is answered after it
    also: list[Ruling] = Default(list)      # topics it is also about, in the clinic's words already said: in
                                            # the JSON, not said twice

    def parts(self) -> list[Part]:
        """Return the reply's parts in order; an emergency says nothing after its alert, unless it was only
        put back beside a question surely heard ("Did you say: is breathless normal? If so, call 911 now…")."""
        out = [Part("alert", self._alert_line(), None, self.alert.level)] if self.alert else []
        if self.alert and self.alert.level == Level.EMERGENCY and not self.beside:
            return out  # nothing may delay the call
        out += [Part("condition", c) for c in self.conditions]
        out += self._answer_parts()
        out += [Part("fallback", self.fallback)] if self.fallback else []
        return out + [Part("note", n) for n in self.notes]

    def _answer_parts(self) -> list[Part]:
        """Return the answers, the moment asked about said inside the first one's yes or no ("Not yet for
        Saturday (…): wait until …"), so the verdict still comes first; else as a heading before them."""
        # a rule two topics share ("avoid retinols for 48 hours before") is said once, and the ask for the
        # treatment's date once, last
        parts, said, lead = [], {ASK_WHEN}, ""
        for a in self.answers:
            # the same verdict with its moment for the next topic too is said once ("No, before you come in …")
            same = a.lead == lead and len(lead.split()) > 1
            kept = ["" if same else a.lead] + [t for t in [*a.statements, *a.expected] if t not in said]
            said.update(kept)
            lead = a.lead
            if any(kept):
                parts.append(Part("answer", " ".join(t for t in kept if t), a))
        if parts and any(ASK_WHEN in a.statements for a in self.answers):
            parts[-1] = parts[-1].replace(text=f"{parts[-1].text} {ASK_WHEN}")
        if not self.when or not parts:
            return parts
        said = at_moment(parts[0].text, self.when)
        if said is None:
            return [Part("when", f"{self.when[:1].upper()}{self.when[1:]}:"), *parts]
        return [parts[0].replace(text=said), *parts[1:]]

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
            return asked_back(self.check)
        unsure = self.triage.unsure
        return f"Do you mean {unsure[0].name}?" if unsure else None

    def as_json(self) -> dict:
        return {"question": self.question, "protocol": self.protocol.id,
                "elapsed_hours": None if self.elapsed_hours is None else round(self.elapsed_hours, 2),
                "phase": self.phase, "triage": str(self.triage.level),
                "answers": [a.as_json() for a in [*self.answers, *self.also]], "text": self.text,
                "reasons": [{"sign": f.sign, "level": str(f.level), "words": f.words}
                            for f in self.triage.present if f.level > Level.NONE],
                "confirm": self.confirm}


def asked_back(heard: str) -> str:
    """Return the question that puts words heard unsurely back to the patient: "Did you say: …?"."""
    return f"Did you say: {heard}?"
