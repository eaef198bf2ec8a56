"""Say what to do about the red flags found: the alert with every reason, the rule of each sign only
asked about, and nothing that reassures about a sign beside its warning.

    alert_for(triage, protocol)       # Alert(URGENT, "Call your clinic now, at …, about pus.", "…")
    conditions_for(triage, protocol)  # ["If you notice a fever, call your clinic now, …"]
"""
from __future__ import annotations

from assistant.clinic.protocol import Protocol
from assistant.clinic.ruling import Ruling
from assistant.core.levels import Level
from assistant.core.record import Record
from assistant.core.text import listed
from assistant.safety.finding import Finding
from assistant.safety.triage import Triage
from assistant.understanding.vocabulary import load


class Alert(Record):
    """What to do now about the red flags found: the action, and why in the sheet's terms."""

    level: Level
    action: str   # "Call 911 now."
    why: str = ""

    @property
    def line(self) -> str:
        return f"{self.action} {self.why}".strip()



def alert_for(found: Triage, protocol: Protocol) -> Alert | None:
    """Say what to do about a triage result, naming every reason found; None when there is nothing to do."""
    counted = sorted(found.present, key=lambda f: f.level, reverse=True)
    if not counted:
        return None
    top = [f for f in counted if f.level == found.level]
    theirs = all(f.who == "other" for f in counted)
    asked_only = all(f.status == "hypothetical" for f in top)
    reasons = listed(_reasons(counted))
    why = " ".join(dict.fromkeys(f.say for f in top if f.say))
    if found.level == Level.EMERGENCY:
        if asked_only:  # a question about an emergency sign still gets the emergency rule, first
            named = list(dict.fromkeys(f.name for f in top))  # two signs in the same words are said once
            return Alert(found.level, f"If you have {listed(named)}, call {protocol.emergency} "
                                      "at once; do not wait or drive yourself.", why)
        whom = " for them" if theirs else ""
        return Alert(found.level, f"Call {protocol.emergency} now{whom}: {reasons}.", why)
    if found.level == Level.URGENT:
        who = "They should call their clinic now" if theirs else "Call your clinic now"
        they = "they" if theirs else "you"
        return Alert(found.level, f"{who}, {protocol.how_to_reach()}, about {reasons}.",
                     f"{why} If {they} cannot reach the clinic, go to urgent care, or call {protocol.emergency} "
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


def without_reassurance(ruling: Ruling, found: Triage, protocol: Protocol) -> Ruling:
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
