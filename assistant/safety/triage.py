"""Find red flags in an utterance and grade them: emergency, urgent, routine or none.

Runs before anything else on every utterance. Sign phrases are matched whole first, so a
symptom worded with a negative ("can not breathe") is a symptom; a NegEx-style trigger ("no",
"not", "without") then negates only the signs in the next few words up to "but/still/..." or the
sentence end. Resolved ("my fever went away") and uncertain ("maybe pus?") still count. Someone
else's sign is reported back as a question. Expected reactions are graded against the protocol's
windows. The most serious finding wins.
"""
from __future__ import annotations

from datetime import datetime

from assistant.clinic.protocol import Protocol
from assistant.clinic.ruling import ends_at
from assistant.core.levels import Level
from assistant.core.record import Default, Record
from assistant.timeline.window import add_hours
from assistant.understanding.matcher import without_ignored
from assistant.understanding.quantity import temperatures
from assistant.understanding.utterance import Utterance
from assistant.understanding.vocabulary import Sign, Vocabulary

_BREAK = {".", "!", "?", ";"}
ROUTINE_FEVER_F = 100.4  # the contract's floor for a fever worth a routine call


class Finding(Record):
    sign: str
    level: Level
    words: str
    status: str  # present, negated, other, hypothetical, expected
    say: str = ""


class Triage(Record):
    level: Level = Level.NONE
    findings: list[Finding] = Default(list)
    temperature_f: float | None = None

    @property
    def present(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "present"]

    @property
    def others(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "other"]


def assess(utt: Utterance, vocab: Vocabulary, protocol: Protocol,
           treated: datetime | None = None, now: datetime | None = None,
           elapsed_hours: float | None = None) -> Triage:
    """Grade one utterance for this protocol at this point in recovery."""
    tokens = without_ignored(utt.tokens, vocab)
    scopes = _Scopes(tokens, vocab)
    result = Triage()
    temps = temperatures(tokens, vocab)
    for start, stop, sign in vocab.sign_index.find(tokens):
        if sign.id == "fever" and temps:
            continue  # a number beats the word: "fever of 99" is no fever
        result.findings.append(_finding(sign, sign.level, tokens[start:stop], scopes.status(start, sign.level)))
    if temps:
        result.temperature_f = max(temps)
        level = _fever_level(result.temperature_f, protocol.fever_f)
        fever = next(s for s in vocab.signs if s.id == "fever")
        negated = all(scopes.status(i, level) == "negated" for i in _number_positions(tokens))
        status = "negated" if negated else "present"
        result.findings.append(Finding("fever", level, f"{result.temperature_f:g} °F", status, fever.say))
    spots: dict[tuple[str, str], list[int]] = {}
    for start, _stop, key in vocab.combo_words.all_at(tokens):
        spots.setdefault(key, []).append(start)
    for combo in vocab.combos:
        hit = _combo(tokens, combo, scopes, spots)
        if hit:
            result.findings.append(hit)
    result.findings.extend(_reactions(tokens, vocab, protocol, treated, now, elapsed_hours, scopes))
    present = [f for f in result.findings if f.status == "present"]
    result.level = max((f.level for f in present), default=Level.NONE)
    return result


def _finding(sign: Sign, level: Level, words: list[str], status: str) -> Finding:
    return Finding(sign.id, level, " ".join(words), status, sign.say)


def _fever_level(temp_f: float, threshold_f: float) -> Level:
    if temp_f >= threshold_f:
        return Level.URGENT
    if temp_f >= ROUTINE_FEVER_F:
        return Level.ROUTINE
    return Level.NONE


def _number_positions(tokens):
    return [i for i, t in enumerate(tokens) if t[0].isdigit() or t == "hundred"]


class _Scopes:
    """Which positions are negated, about someone else, or hypothetical."""

    def __init__(self, tokens: list[str], vocab: Vocabulary):
        n = len(tokens)
        self.negated, self.other, self.hypo = [False] * n, [False] * n, [False] * n
        stops = {s for s, _e, _v in vocab.terminators.all_at(tokens)} | \
                {i for i, t in enumerate(tokens) if t in _BREAK}
        selves = {s for s, _e, _v in vocab.back_to_patient.all_at(tokens)}
        bodies = [s for s, _e, _v in vocab.patient_body.all_at(tokens)]
        for _start, stop, kind in vocab.negation.find(tokens):
            if kind == "neg":
                self._mark(self.negated, stop, min(n, stop + vocab.scope), stops)
        for _start, stop, _ in vocab.others.find(tokens):
            end = next((i for i in range(stop, n) if i in stops), n)
            if not any(stop <= b < end for b in bodies):  # "my daughter saw streaks on my cheek"
                self._mark(self.other, stop, end, selves)
        for _start, stop, kind in vocab.hypothetical.find(tokens):
            if kind == "hypo":  # an "uncertain" cue found first keeps the sign present
                self._mark(self.hypo, stop, n, {i for i, t in enumerate(tokens) if t in _BREAK})

    @staticmethod
    def _mark(flags, begin, end, stops):
        for i in range(begin, end):
            if i in stops:
                break
            flags[i] = True

    def status(self, at: int, level: Level) -> str:
        if self.other[at]:
            return "other"
        if self.negated[at]:
            return "negated"
        if self.hypo[at] and level != Level.EMERGENCY:  # never talk an emergency away
            return "hypothetical"
        return "present"


def _combo(tokens, combo: Sign, scopes: _Scopes, spots) -> Finding | None:
    firsts = spots.get(("word", combo.id), [])
    seconds = spots.get(("near", combo.id), [])
    for i in firsts:
        for j in seconds:
            if abs(i - j) <= combo.within and j != i and not _crosses(tokens, i, j):
                status = scopes.status(i, combo.level)
                if status == "present" and scopes.status(j, combo.level) == "negated":
                    status = "negated"
                return Finding(combo.id, combo.level, f"{tokens[i]} … {tokens[j]}", status, combo.say)
    return None


def _crosses(tokens, i, j) -> bool:
    lo, hi = min(i, j), max(i, j)
    return any(t in _BREAK for t in tokens[lo:hi])


def _reactions(tokens, vocab, protocol, treated, now, elapsed_hours, scopes):
    about_body = any(True for _ in vocab.body.find(tokens))
    out, seen = [], set()
    for start, stop, reaction in vocab.reaction_index.find(tokens):
        if reaction.id in seen or (reaction.needs_context and not about_body):
            continue
        seen.add(reaction.id)
        level = _reaction_level(reaction, protocol, treated, now, elapsed_hours)
        status = scopes.status(start, level)
        if status == "present" and level == Level.NONE:
            status = "expected"
        out.append(Finding(reaction.id, level, " ".join(tokens[start:stop]), status,
                           f"{reaction.id.capitalize()} this long after treatment is more than your "
                           "clinic's sheet calls normal, so they will want to know."))
    return out


def _reaction_level(reaction, protocol, treated, now, elapsed_hours) -> Level:
    """Grade a reaction against the sheet's own window for it, the same window `plan` dates."""
    if elapsed_hours is None or treated is None:
        return Level.NONE  # cannot tell whether it is past its window
    entries = [e for e in protocol.expectations if e.reaction == reaction.id]
    usual = None if reaction.usual_hours is None else add_hours(treated, reaction.usual_hours)
    if entries:  # "short-term" windows with no end fall back on the usual length
        ends = [ends_at(e, treated) or usual for e in entries]
        return Level.NONE if any(end is None or now < end for end in ends) else Level.ROUTINE
    return Level.NONE if usual is not None and now < usual else Level.ROUTINE
