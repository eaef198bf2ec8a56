"""Read what a red flag found in a message asserts: whose it is, when, and how sure (ConText).

    ctx = Context(tokens, vocab, year=2026)
    ctx.status(start, stop, level)    # present, negated, hypothetical or past
    ctx.who(start)                    # patient or other
    ctx.people                        # the people it names: vocab.others' finds
Every trigger list is data in intents/assertions.toml: negations before a sign ("no fever") and
after one named as a label ("Fever? No."), other people, long-past times, questions that only ask
about a sign. One safety rule lives here in code: an emergency is cleared only by a negation right
before it in its own clause, never by one the grammar cannot tie to it.
"""
from __future__ import annotations

from assistant.core.levels import Level
from assistant.timeline.clock import MONTH_NAMES, MONTHS
from assistant.understanding.phrases import around
from assistant.understanding.vocabulary import Vocabulary

SENTENCE_END = frozenset(".!?;")
PAST_MONTHS = MONTH_NAMES - {"may"}  # "in may I …" is a verb too often to date a sign by
NEGATIVES = frozenset({"not", "no", "never"})  # right before a word, they turn it round ("not treated")
CLAUSE_END = SENTENCE_END | {",", ":"}
LABEL_LEADS = frozenset({"any", "a", "an", "some", "the"})


def _listed(tokens: list[str], begin: int, end: int, stops: set[int]) -> int:
    """Return where a negation's scope ends, carried past its words to the alternatives it lists ("I don't have
    a fever or any pus", "no swelling nor redness"); "and" lists nothing it denies."""
    i = begin
    while i < min(end, len(tokens)) and i not in stops:
        if tokens[i] in ("or", "nor"):
            end = max(end, min(len(tokens), i + 4))
        i += 1
    return end


class Context:
    """Who, when and how sure, for each position of one utterance's tokens."""

    def __init__(self, tokens: list[str], vocab: Vocabulary, year: int, month: int = 0):
        n = len(tokens)
        self.tokens, self.vocab = tokens, vocab
        self.negated, self.other, self.hypo, self.past = [False] * n, [False] * n, [False] * n, [False] * n
        self.general = [False] * n  # sentences that ask about a sign in general ("should I call?")
        self.habit = [False] * n  # a tendency ("prone to", "now and then"): past for all but an emergency
        ends = {i for i, t in enumerate(tokens) if t in SENTENCE_END}
        stops = self.stops = {s for s, _e, _v in vocab.terminators.all_at(tokens)} | ends
        clause_stops = stops | {i for i, t in enumerate(tokens) if t in CLAUSE_END}
        selves = {s for s, _e, _v in vocab.back_to_patient.all_at(tokens)}
        bodies = [s for s, _e, _v in vocab.patient_body.all_at(tokens)]
        self.triggers = []  # where each negation ends: an emergency is negated only right after one
        self.trigger_starts, self.pseudo = set(), set()
        for start, stop, kind in vocab.negation.find(tokens):
            if kind != "neg":
                self.pseudo.add(start)
            if kind == "neg":
                self.triggers.append(stop)
                self.trigger_starts.add(start)
                self._mark(self.negated, stop, _listed(tokens, stop, min(n, stop + vocab.scope), stops), stops)
        self.people = list(vocab.others.find(tokens))  # whom the message names, kept for the experiencer
        for _start, stop, _ in self.people:
            end = next((i for i in range(stop, n) if i in stops), n)
            if not any(stop <= b < end for b in bodies):  # "my daughter saw streaks on my cheek"
                self._mark(self.other, stop, end, selves)
        keeping = []
        judged = {e for _s, e, _v in vocab.judged.find(tokens)}  # "is it bad | if there's pus coming out?"
        # ... a report only with a verb of now in the condition's clause ("… if it got worse?" still asks)
        reports = {s for s, e, _v in vocab.seen_of.find(tokens) if s in judged and not vocab.judged_now.isdisjoint(
            tokens[s:next((i for i in range(e, n) if i in clause_stops), n)])} if judged else set()
        said = list(vocab.hypothetical.find(tokens))
        told_now = ends | {s for s, _e, kind in said if kind == "now"}  # "… but now there's pus": told
        for start, stop, kind in said:
            if kind == "hypo" and start in reports:
                continue  # a condition of what is there, judged: a worried report
            if kind == "hypo":  # an "uncertain" cue found first keeps the sign present
                self._mark(self.hypo, stop, n, told_now)
            elif kind == "clause":  # "if pus shows up, …": the condition's own clause
                self._mark(self.hypo, stop, n, clause_stops)
            elif kind == "keeping":
                keeping.append(start)
            elif kind == "kept" and any(k < start and clause_stops.isdisjoint(range(k, start)) for k in keeping):
                # "keep the puffiness from getting worse": what is kept from happening has not happened
                self._mark(self.hypo, start, n, clause_stops)
        for start, stop, kind in vocab.history.find(tokens):
            self._clause(self.past if kind == "past" else self.habit, start, stop, clause_stops)
        for i, t in enumerate(tokens):  # "in 2019": a year before this one
            if len(t) == 4 and t.isdigit() and 1900 <= int(t) < year and tokens[i - 1:i] in (["in"], ["back"]):
                self._clause(self.past, i, i + 1, clause_stops)
            # "in March": another month than this one, said of something that happened (months ago)
            elif month and MONTHS.get(t[:3]) not in (None, month) and t in PAST_MONTHS \
                    and tokens[i - 1:i] in (["in"], ["last"], ["back"]):
                self._clause(self.past, i, i + 1, clause_stops)
            # "when I was twelve", "when I was 7": an age, so long ago
            elif tokens[i:i + 3] == ["when", "i", "was"] and i + 3 < len(tokens) and \
                    (tokens[i + 3].isdigit() or tokens[i + 3] in vocab.numbers):
                self._clause(self.past, i, i + 4, clause_stops)
        self._frames(ends)
        self.after = {s: e for s, e, _ in vocab.after_negation.find(tokens)}

    def _frames(self, ends: set[int]) -> None:
        """Mark sentences that ask about a sign in general and do not say it is there now."""
        tokens, vocab = self.tokens, self.vocab
        bounds = sorted(ends | {len(tokens)})
        start = 0
        for end in bounds:
            sentence = tokens[start:end + 1]
            # a frame takes its determiner: "the" of "the difference between" says nothing is there now; one
            # turned round just before ("didn't check how high", "not sure what counts as") tells, not asks
            framed = {i for s, e, _ in vocab.frames.find(sentence) for i in range(max(0, s - 1), e)
                      if NEGATIVES.isdisjoint(sentence[max(0, s - 3):s])}
            # "are blisters normal?": a question in general, unless it says the sign is there now
            opener = bool(sentence[:1]) and sentence[0] in vocab.openers and sentence[-1:] == ["?"]
            people = {i for s, e, _ in vocab.others.find(sentence) for i in range(s, e)}  # "my" of "my sister"
            # "is that normal?" asks; "is that pus?" reports: a present phrase inside a frame is the frame's
            now = [s for s, _e, _ in vocab.present.find(sentence) if s not in framed and s not in people]
            if (framed or opener) and not now:
                for i in range(start + self._told(sentence, start, framed, opener), min(end + 1, len(tokens))):
                    self.general[i] = True
            start = end + 1

    def _told(self, sentence: list[str], at: int, framed: set[int], opener: bool) -> int:
        """Return how many words open a sentence (at `at`) as the patient's statement before the clause a frame
        asks in: "yellow stuff oozing out, | should I worry?" told, then asked; none where the opening itself
        asks ("what about pus, | should I call?") or tells of someone else ("my sister got a fever after hers,
        | should I worry?" asks of the patient's own risk)."""
        if opener or not framed:
            return 0
        cut = max((i for i, t in enumerate(sentence[:min(framed)]) if t in CLAUSE_END), default=None)
        if cut is None or any(self.other[at:at + cut]) or any(True for _ in self.vocab.asking.find(sentence[:cut])):
            return 0
        return cut + 1

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

    def status(self, start: int, stop: int, level: Level, negatable: bool = True, after_ok: bool = True,
               measured: bool = False) -> str:
        """Say what the message asserts of the sign at start..stop; a `measured` one (a temperature read off
        a thermometer: "temp is 100.9, should I call?") is there now whatever the sentence asks of it."""
        if self.past[start] or (self.habit[start] and level < Level.EMERGENCY):
            return "past"
        # an emergency said as a sentence, then a bare "no" ("chest pain. NO"), may be a cry, not a label
        # answered; "chest pain... no, nothing like that" answers it
        after_ok = after_ok and (level < Level.EMERGENCY or self.tokens[stop:stop + 1] != ["."] or
                                 sum(t not in CLAUSE_END for t in self.tokens[stop:]) > 1)
        # "pus-free": joined right after the sign; never for an emergency, which only a negation before it clears
        attached = level < Level.EMERGENCY and self.tokens[stop:stop + 1] and self.tokens[stop] in self.vocab.attached
        if negatable and (self._negated_before(start, level) or attached or
                          (after_ok and self._answered_no(start, stop))):
            return "negated"
        if self.hypo[start] or (self.general[start] and not measured):
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
        return any(0 <= start - e <= 3 and not CLAUSE_END & set(self.tokens[e:start]) and
                   not any(e <= s < start for s in self.stops) for e in self.triggers)

    def _answered_last(self, stop: int) -> bool:
        """Say whether nothing but answers of no follow the sign to the end of its sentence ("blisters
        nope nada"): the grammar settles a label even with no punctuation when nothing else is said."""
        j, answered = stop, False
        while j < len(self.tokens):
            end = self.after.get(j)
            if end is None and self.tokens[j] in SENTENCE_END:
                return answered
            if end is None and self.tokens[j] not in CLAUSE_END:
                return False
            answered = answered or end is not None
            j = end if end is not None else j + 1
        return answered

    def _answer_later(self, j: int) -> bool:
        """Say whether a later clause of the answer sentence opens with a plain no ("Fever: I checked
        twice, negative both times"); "no" and "not" open too many other phrases ("no joke") to count."""
        tokens = self.tokens
        for k in range(j, len(tokens)):
            if tokens[k] in SENTENCE_END:
                return False
            if tokens[k] in CLAUSE_END:
                end = self.after.get(k + 1)
                if end is not None and tokens[k + 1] not in NEGATIVES and k + 1 not in self.pseudo:
                    return True
        return False

    def _answered_no(self, start: int, stop: int, listed: bool = False) -> bool:
        """Say whether a sign named as a label is answered no right after it: "Fever? No.", "pus: none"."""
        tokens = self.tokens
        lead = around(tokens, start, start, CLAUSE_END)[0]
        # a label is the sign alone ("Fever?"), after an article, or with a word or two when it is
        # put as a question or a heading ("Increased warmth?", "Any pus:")
        named = {i for s, e, _ in self.vocab.sign_index.find(tokens, lead, start) for i in range(s, e)}
        extra = [t for i, t in enumerate(tokens[lead:start], lead) if i not in named and t not in ("or", "and")]
        asked = tokens[stop:stop + 1] in (["?"], [":"]) and (len(extra) <= 2 or listed)
        if not asked and not listed and any(t not in LABEL_LEADS for t in tokens[lead:start]):
            return False  # "I can not breathe, no joke": a statement, not a label
        if not asked and self._answered_last(stop):
            return True  # "blisters nope nada", with no punctuation at all
        j = stop
        while j < len(tokens) and j - stop < 3 and tokens[j] in CLAUSE_END | {"and"}:
            j += 1
        end = self.after.get(j)
        if end is not None and (end == len(tokens) or tokens[end] in CLAUSE_END):
            return True
        if asked and self._answer_later(j):
            return True
        # a list of labels answered together: "streaks, blisters, pus: none of the above", "pus or
        # drainage? neither"
        if stop < len(tokens) and tokens[stop] in (",", "or", "and"):
            for s, e, _ in self.vocab.sign_index.find(tokens, stop + 1, min(len(tokens), stop + 8)):
                return s == stop + 1 and self._answered_no(s, e, listed=True)
            # labels the sign lists do not hold ("Chest pain, breathing trouble: neither"): the list's
            # own heading mark, a few words on, answered no
            for k in range(stop + 1, min(len(tokens), stop + 6)):
                if tokens[k] in SENTENCE_END - {"?"}:
                    break
                if tokens[k] in (":", "?"):
                    end = self.after.get(k + 1)
                    return end is not None and (end == len(tokens) or tokens[end] in CLAUSE_END)
        return False
