"""Find red flags in an utterance, read what each one asserts, and grade the whole: emergency to none.

Runs before anything else on every utterance. Signs are found as whole phrases ("can not breathe"),
as two words near each other ("throat … swelling"), as a negated capacity ("no can breathe"), as a
temperature, or as an expected reaction past the clinic's window for it. Each is then read in
context (ConText, the successor of NegEx), with every trigger list in intents/assertions.toml:

- whose: the patient's, or someone else's ("my wife", "she", "the caller");
- when: now or since treatment (a sign that went away still counts), long past ("last year"),
  or only asked about ("what if I get a fever?", "is pus something to worry about?");
- how sure: present, uncertain (counts as present), or negated before ("no fever") or after
  ("Fever? No.").

Safety rules, in code because they must never depend on a list: a sign about anyone counts at its
level; an emergency that is only asked about still counts; a negation never clears an emergency
phrase that holds a negative itself; the most serious finding wins.
"""
from __future__ import annotations

from datetime import datetime

from assistant.clinic.protocol import Protocol
from assistant.clinic.ruling import ends_at
from assistant.core.levels import Level
from assistant.core.record import Default, Record
from assistant.timeline.window import add_hours
from assistant.understanding import sense
from assistant.understanding.matcher import without_ignored
from assistant.understanding.quantity import temperatures
from assistant.understanding.utterance import MAX_CHARS, Utterance, passages
from assistant.understanding.vocabulary import Sign, Vocabulary

SENTENCE_END = frozenset(".!?;")
CLAUSE_END = SENTENCE_END | {",", ":"}
LABEL_LEADS = frozenset({"any", "a", "an", "some", "the"})
NEGATIVES = frozenset({"not", "no", "unable", "never"})
ROUTINE_FEVER_F = 100.4  # the floor for a fever worth a routine call (docs/json.md, triage levels)


class Finding(Record):
    sign: str
    level: Level
    words: str
    status: str             # present, negated, hypothetical, past, expected, other (someone untreated),
                            # unsure (only near in meaning: put back as a question)
    say: str = ""
    who: str = "patient"    # or "other": someone else's sign, which counts all the same
    name: str = ""          # the sign in a reply's words
    detail: str = ""        # the reason with its number: "a fever of 102 °F, at or above …"

    @property
    def counts(self) -> bool:
        """Say whether this finding sets the level: a present one, or an emergency only asked about."""
        return self.status == "present" or (self.status == "hypothetical" and self.level == Level.EMERGENCY)

    @property
    def reason(self) -> str:
        return self.detail or self.name or self.words


class Triage(Record):
    level: Level = Level.NONE
    findings: list[Finding] = Default(list)
    temperature_f: float | None = None

    @property
    def present(self) -> list[Finding]:
        return [f for f in self.findings if f.counts]

    @property
    def asked(self) -> list[Finding]:
        """Signs asked about, or seen in someone untreated, rather than reported (an emergency counts instead)."""
        return [f for f in self.findings if f.status in ("hypothetical", "other") and f.level != Level.EMERGENCY]

    @property
    def unsure(self) -> list[Finding]:
        """Signs only near in meaning: each is put back as a question with its rule."""
        return [f for f in self.findings if f.status == "unsure"]


def assess(utt: Utterance, vocab: Vocabulary, protocol: Protocol,
           treated: datetime | None = None, now: datetime | None = None,
           elapsed_hours: float | None = None, desk: bool = False) -> Triage:
    """Grade one utterance for this protocol at this point in recovery; `desk`: staff speaking for the patient."""
    tokens = without_ignored(utt.tokens, vocab)
    ctx = _Context(tokens, vocab, now.year if now else 9999)
    result = Triage()
    temps = temperatures(tokens, vocab)
    for start, stop, sign in vocab.sign_index.find(tokens):
        if sign.id == "fever" and temps:
            continue  # a number beats the word: "fever of 99" is no fever
        result.findings.append(_finding(sign, sign.level, tokens, start, stop, ctx))
    for start, stop, sign_id in _negated_capacities(tokens, vocab):
        sign = vocab.sign_by_id[sign_id]
        result.findings.append(_finding(sign, sign.level, tokens, start, stop, ctx, negatable=False))
    for at, temp_f in temps:
        level = _fever_level(temp_f, protocol.fever_f)
        fever = vocab.sign_by_id["fever"]
        f = _finding(fever, level, tokens, at, at + 1, ctx)
        result.findings.append(f.replace(words=f"{temp_f:g} °F", detail=_fever_words(temp_f, level, protocol)))
    if temps:
        result.temperature_f = max(t for _, t in temps)
    spots: dict[tuple[str, str], list[int]] = {}
    for start, _stop, key in vocab.combo_words.all_at(tokens):
        spots.setdefault(key, []).append(start)
    for combo in vocab.combos:
        hit = _combo(tokens, combo, ctx, spots)
        if hit:
            result.findings.append(hit)
    result.findings.extend(_reactions(tokens, vocab, protocol, treated, now, elapsed_hours, ctx))
    named = {kind for _s, _e, kind in vocab.others.find(tokens)}
    linked = desk or "relation" not in named or any(True for _ in vocab.others_treated.find(tokens))
    result.findings = [_whose(f, desk, linked) for f in result.findings]
    result.level = max((f.level for f in result.findings if f.counts), default=Level.NONE)
    return result


def assess_message(raw: str, utt: Utterance, vocab: Vocabulary, protocol: Protocol,
                   treated: datetime | None = None, now: datetime | None = None,
                   elapsed_hours: float | None = None, desk: bool = False) -> Triage:
    """Grade a whole message, however long: its first part in full, the rest around every alarm word."""
    result = assess(utt, vocab, protocol, treated, now, elapsed_hours, desk)
    near = _by_meaning(utt, vocab, result)
    if near is not None:
        result.findings.append(near)
        result.level = max(result.level, near.level if near.counts else Level.NONE)
    if not utt.truncated:
        return result
    for piece in passages(raw[MAX_CHARS - 200:], vocab.alarm_words):
        if result.level == Level.EMERGENCY:
            break  # nothing can rank higher; the call comes first
        more = assess(Utterance.of(piece, vocab), vocab, protocol, treated, now, elapsed_hours, desk)
        result.findings += more.findings
        result.level = max(result.level, more.level)
        if more.temperature_f is not None:
            result.temperature_f = max(result.temperature_f or more.temperature_f, more.temperature_f)
    return result


def _by_meaning(utt: Utterance, vocab: Vocabulary, found: Triage) -> Finding | None:
    """Catch a red flag said in words no list holds, by its nearness in meaning to the signs.

    Only for a sign not already found in words (found means read, negation and all). Very near, it
    counts at its level; near, it is put back as a question with the sign's rule ("unsure"), never
    dropped and never reassured.
    """
    if not vocab.net_words.intersection(utt.tokens):
        return None  # nothing said about how a body is or feels
    near = sense.nearest_sign(utt)
    if near is None or near[1] < sense.limit("sign_ask", 0.8):
        return None
    sign = vocab.sign_by_id[near[0]]
    if any(vocab.sign_by_id.get(f.sign, sign).ask == sign.ask for f in found.findings):
        return None
    gate = sense.in_domain(utt)  # "set the temperature to 71" is near a fever, and about a thermostat
    if gate < sense.limit("sign_gate_ask", 0.1):
        return None
    status = "present" if near[1] >= sense.limit("sign_act", 0.88) and gate >= sense.limit("sign_gate_act", 0.2) \
        else "unsure"
    return Finding(sign.id, sign.level, f"close in meaning to {sign.name}", status, sign.say, "patient", sign.name)


def _whose(f: Finding, desk: bool, linked: bool) -> Finding:
    """At the desk the person spoken of is the patient; elsewhere someone named ("my son") counts for an
    urgent or routine sign only when tied to a treatment (an emergency about anyone always counts)."""
    if f.who != "other":
        return f
    if desk:
        return f.replace(who="patient")
    if not linked and f.status == "present" and f.level < Level.EMERGENCY:
        return f.replace(status="other")
    return f


def _finding(sign: Sign, level: Level, tokens, start: int, stop: int, ctx: _Context,
             negatable: bool = True) -> Finding:
    # A phrase that holds a negative ("can not breathe") is never cleared by an answer after it.
    after_ok = negatable and not (level == Level.EMERGENCY and NEGATIVES & set(tokens[start:stop]))
    status = ctx.status(start, stop, level, negatable, after_ok)
    return Finding(sign.id, level, " ".join(tokens[start:stop]), status, sign.say, ctx.who(start), sign.name)


def _fever_level(temp_f: float, threshold_f: float) -> Level:
    if temp_f >= threshold_f:
        return Level.URGENT
    if temp_f >= ROUTINE_FEVER_F:
        return Level.ROUTINE
    return Level.NONE


def _fever_words(temp_f: float, level: Level, protocol: Protocol) -> str:
    """Name a temperature as the reason, against the clinic's own threshold where it gives one."""
    whose = "your clinic's" if protocol.fever_stated else "the usual"
    if level == Level.URGENT:
        return f"a fever of {temp_f:g} °F, at or above {whose} {protocol.fever_f:g} °F"
    if level == Level.ROUTINE:
        return f"a temperature of {temp_f:g} °F, under {whose} {protocol.fever_f:g} °F but over 100.4 °F"
    return f"a temperature of {temp_f:g} °F"


def _negated_capacities(tokens, vocab: Vocabulary):
    """Yield (start, stop, sign) where a negation falls on breathing or swallowing itself ("no can breathe",
    "air no go in").

    With a problem word between ("no trouble breathing") the negation is clear and nothing is yielded.
    """
    for start, stop, kind in vocab.negation.find(tokens):
        if kind != "neg":
            continue
        for c_start, c_stop, sign_id in vocab.capacity.find(tokens, stop, min(len(tokens), stop + 4)):
            between = tokens[stop:c_start]
            if not (set(between) & vocab.problems) and not (set(between) & CLAUSE_END):
                yield start, c_stop, sign_id
            break
        if tokens[stop:stop + 1] and tokens[stop] in vocab.after_verbs:  # the capacity came first
            for c_start, _c_stop, sign_id in vocab.capacity.find(tokens, max(0, start - 3), start):
                yield c_start, stop + 1, sign_id


class _Context:
    """Who, when and how sure, for each position of one utterance's tokens."""

    def __init__(self, tokens: list[str], vocab: Vocabulary, year: int):
        n = len(tokens)
        self.tokens, self.vocab = tokens, vocab
        self.negated, self.other, self.hypo, self.past = [False] * n, [False] * n, [False] * n, [False] * n
        ends = {i for i, t in enumerate(tokens) if t in SENTENCE_END}
        stops = {s for s, _e, _v in vocab.terminators.all_at(tokens)} | ends
        clause_stops = stops | {i for i, t in enumerate(tokens) if t in CLAUSE_END}
        selves = {s for s, _e, _v in vocab.back_to_patient.all_at(tokens)}
        bodies = [s for s, _e, _v in vocab.patient_body.all_at(tokens)]
        self.triggers = []  # where each negation ends: an emergency is negated only right after one
        self.trigger_starts = set()
        for start, stop, kind in vocab.negation.find(tokens):
            if kind == "neg":
                self.triggers.append(stop)
                self.trigger_starts.add(start)
                self._mark(self.negated, stop, min(n, stop + vocab.scope), stops)
        for _start, stop, _ in vocab.others.find(tokens):
            end = next((i for i in range(stop, n) if i in stops), n)
            if not any(stop <= b < end for b in bodies):  # "my daughter saw streaks on my cheek"
                self._mark(self.other, stop, end, selves)
        for _start, stop, kind in vocab.hypothetical.find(tokens):
            if kind == "hypo":  # an "uncertain" cue found first keeps the sign present
                self._mark(self.hypo, stop, n, ends)
        for start, stop, _ in vocab.history.find(tokens):
            self._clause(self.past, start, stop, clause_stops)
        for i, t in enumerate(tokens):  # "in 2019": a year before this one
            if len(t) == 4 and t.isdigit() and 1900 <= int(t) < year and tokens[i - 1:i] in (["in"], ["back"]):
                self._clause(self.past, i, i + 1, clause_stops)
        self._frames(ends)
        self.after = {s: e for s, e, _ in vocab.after_negation.find(tokens)}

    def _frames(self, ends: set[int]) -> None:
        """Mark sentences that ask about a sign in general and do not say it is there now."""
        tokens, vocab = self.tokens, self.vocab
        bounds = sorted(ends | {len(tokens)})
        start = 0
        for end in bounds:
            sentence = tokens[start:end + 1]
            framed = {i for s, e, _ in vocab.frames.find(sentence) for i in range(s, e)}
            # "are blisters normal?": a question in general, unless it says the sign is there now
            opener = bool(sentence[:1]) and sentence[0] in vocab.openers and sentence[-1:] == ["?"]
            people = {i for s, e, _ in vocab.others.find(sentence) for i in range(s, e)}  # "my" of "my sister"
            # "is that normal?" asks; "is that pus?" reports: a present phrase inside a frame is the frame's
            now = [s for s, _e, _ in vocab.present.find(sentence) if s not in framed and s not in people]
            if (framed or opener) and not now:
                for i in range(start, min(end + 1, len(tokens))):
                    self.hypo[i] = True
            start = end + 1

    @staticmethod
    def _mark(flags, begin, end, stops):
        for i in range(begin, end):
            if i in stops:
                break
            flags[i] = True

    @staticmethod
    def _clause(flags, start, stop, stops):
        """Mark the whole clause around start..stop."""
        lo = max((i + 1 for i in stops if i < start), default=0)
        hi = min((i for i in stops if i >= stop), default=len(flags))
        for i in range(lo, hi):
            flags[i] = True

    def who(self, at: int) -> str:
        return "other" if self.other[at] else "patient"

    def status(self, start: int, stop: int, level: Level, negatable: bool = True, after_ok: bool = True) -> str:
        if self.past[start]:
            return "past"
        if negatable and (self._negated_before(start, level) or (after_ok and self._answered_no(start, stop))):
            return "negated"
        if self.hypo[start]:
            return "hypothetical"
        return "present"

    def _negated_before(self, start: int, level: Level) -> bool:
        """Say whether a negation before the sign clears it; for an emergency only one close by, in its clause.

        "no trouble breathing" and "I do not have chest pain" are clear; "my throat no feel right,
        hard to swallow" is not, so that emergency stands.
        """
        if not self.negated[start]:
            return False
        if level != Level.EMERGENCY:
            return True
        return any(0 <= start - e <= 3 and not CLAUSE_END & set(self.tokens[e:start]) for e in self.triggers)

    def _answered_no(self, start: int, stop: int) -> bool:
        """Say whether a sign named as a label is answered no right after it: "Fever? No.", "pus: none"."""
        tokens = self.tokens
        lead = max((i + 1 for i in range(start) if tokens[i] in CLAUSE_END), default=0)
        if any(t not in LABEL_LEADS for t in tokens[lead:start]):
            return False  # "I can not breathe, no joke": a statement, not a label
        j = stop
        while j < len(tokens) and j - stop < 3 and tokens[j] in CLAUSE_END | {"and"}:
            j += 1
        end = self.after.get(j)
        if end is not None and (end == len(tokens) or tokens[end] in CLAUSE_END):
            return True
        # a list of labels answered together: "streaks, blisters, pus: none of the above"
        if stop < len(tokens) and tokens[stop] == ",":
            for s, e, _ in self.vocab.sign_index.find(tokens, stop + 1, min(len(tokens), stop + 8)):
                return s == stop + 1 and self._answered_no(s, e)
        return False


def _combo(tokens, combo: Sign, ctx: _Context, spots) -> Finding | None:
    firsts = spots.get(("word", combo.id), [])
    seconds = spots.get(("near", combo.id), [])
    for i in firsts:
        for j in seconds:
            if abs(i - j) <= combo.within and j != i and not _crosses(tokens, i, j):
                lo, hi = min(i, j), max(i, j) + 1
                if {i, j, j + 1} & ctx.trigger_starts:  # "can not open": the negative is the sign's own
                    return Finding(combo.id, combo.level, f"{tokens[i]} … {tokens[j]}",
                                   ctx.status(lo, hi, combo.level, negatable=False), combo.say, ctx.who(i),
                                   combo.name)
                status = ctx.status(i, i + 1, combo.level)
                if status == "present" and ctx.status(j, j + 1, combo.level) == "negated":
                    status = "negated"
                if status == "present" and ctx.status(lo, hi, combo.level) == "negated":
                    status = "negated"
                return Finding(combo.id, combo.level, f"{tokens[i]} … {tokens[j]}", status, combo.say,
                               ctx.who(i), combo.name)
    return None


def _crosses(tokens, i, j) -> bool:
    lo, hi = min(i, j), max(i, j)
    return any(t in SENTENCE_END for t in tokens[lo:hi])


def _reactions(tokens, vocab, protocol, treated, now, elapsed_hours, ctx: _Context):
    about_body = any(True for _ in vocab.body.find(tokens))
    out, seen = [], set()
    for start, stop, reaction in vocab.reaction_index.find(tokens):
        if reaction.id in seen or (reaction.needs_context and not about_body):
            continue
        seen.add(reaction.id)
        level = _reaction_level(reaction, protocol, treated, now, elapsed_hours)
        name = f"{reaction.id} that lasts longer than your clinic's sheet expects"
        say = (f"{reaction.id.capitalize()} this long after treatment is more than your clinic's sheet calls "
               "normal, so they will want to know.")
        report = next((r for r in protocol.reports if r.reaction == reaction.id), None)
        if report and set(tokens[max(0, start - 3):stop + 2]) & vocab.intensity and report.level > level:
            # "excessive swelling": the sheet says to call at once, whatever the day
            level, name, say = report.level, f"more {reaction.id} than your clinic calls normal", report.text
        status = ctx.status(start, stop, level)
        if status == "present" and level == Level.NONE:
            status = "expected"
        out.append(Finding(reaction.id, level, " ".join(tokens[start:stop]), status, say, ctx.who(start), name))
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
