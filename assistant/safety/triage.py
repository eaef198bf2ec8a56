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
from assistant.core.levels import Level
from assistant.core.record import Default, Record
from assistant.safety import fever, pairing, setting
from assistant.safety.assertion import CLAUSE_END, NEGATIVES, SENTENCE_END, Context
from assistant.safety.experiencer import never_patient, treated_person, whose
from assistant.safety.finding import Finding
from assistant.safety.reactions import reactions
from assistant.understanding import sense, things
from assistant.understanding.entries import Sign
from assistant.understanding.matcher import without_ignored
from assistant.understanding.quantity import temperatures
from assistant.understanding.utterance import MAX_CHARS, Utterance, passages
from assistant.understanding.vocabulary import Vocabulary

SIGN_NEGATIVES = NEGATIVES | {"unable"}  # a negative inside an emergency phrase ("unable to breathe")


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
    ctx = Context(tokens, vocab, now.year if now else 9999, now.month if now else 0)
    result = Triage()
    temps = temperatures(tokens, vocab)
    products = None  # the words of things put on the skin, found at the first sign: most messages hold none
    for start, stop, sign in vocab.sign_index.find(tokens):
        if sign.id == "fever" and temps:
            continue  # a number beats the word: "fever of 99" is no fever
        if sign.level < Level.EMERGENCY:  # "pimple cream" names a product, never an emergency
            products = products if products is not None else things.products(tokens, vocab)
            if things.names_a_product(start, stop, products) or (
                    sign.level <= Level.ROUTINE and things.product_for(tokens, start, products)):
                continue  # "pimple cream", "Differin for my breakouts": a product's kind, or a routine sign it
                # is for ("a cream for the rash" still says there is a rash)
        result.findings.append(_finding(sign, sign.level, tokens, start, stop, ctx))
    for start, stop, sign_id in _negated_capacities(tokens, vocab):
        sign = vocab.sign_by_id[sign_id]
        result.findings.append(_finding(sign, sign.level, tokens, start, stop, ctx, negatable=False))
    for at, temp_f in temps:
        level = fever.level(temp_f, protocol.fever_f)
        f = _finding(vocab.sign_by_id["fever"], level, tokens, at, at + 1, ctx, measured=True)
        said = fever.as_said(tokens, at, temp_f)
        result.findings.append(f.replace(words=said, detail=fever.words(said, level, protocol)))
    if temps:
        result.temperature_f = max(t for _, t in temps)
    spots: dict[tuple[str, str], list[int]] = {}
    for start, _stop, key in vocab.combo_words.all_at(tokens):
        spots.setdefault(key, []).append(start)
    for combo in vocab.combos:
        hit = pairing.find(tokens, combo, ctx, spots, vocab)
        if hit:
            result.findings.append(hit)
    result.findings.extend(reactions(tokens, vocab, protocol, treated, now, elapsed_hours, ctx))
    result.findings = setting.expected_now(result.findings, tokens, vocab)
    result.findings = setting.headline(setting.inside_negated(result.findings, tokens, vocab), tokens, vocab)
    result.findings = setting.seen_by_another(result.findings, tokens, vocab)
    result.findings = setting.of_untreated_parts(result.findings, tokens, vocab, utt.tokens)
    result.findings = setting.of_tendencies(result.findings, tokens, vocab)
    if elapsed_hours is not None and elapsed_hours < 0:  # "the cream I put on my dark spots", a day before:
        # a routine sign of recovery has nothing to recover from yet (an urgent one counts whenever it is)
        result.findings = [f.replace(status="before") if f.status == "present" and f.level == Level.ROUTINE else f
                           for f in result.findings]
    tied, nobody = desk or treated_person(tokens, ctx, vocab), never_patient(ctx.people)
    result.findings = [whose(f, desk, tied, nobody) for f in result.findings]
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
    best = None
    for part, end in _sentences(utt, vocab):  # each on its own, so "Hi, thanks for yesterday." dilutes nothing
        near = sense.nearest_sign(part)
        if near is not None and (best is None or near[1] > best[1][1]):
            best = (part, near, end)
    if best is None or best[1][1] < sense.limit("sign_ask", 0.8):
        return None
    part, near, end = best
    sign = vocab.sign_by_id[near[0]]
    if any(vocab.sign_by_id.get(f.sign, sign).ask == sign.ask for f in found.findings):
        return None
    gate = sense.in_domain(part)  # "set the temperature to 71" is near a fever, and about a thermostat
    if gate < sense.limit("sign_gate_ask", 0.1):
        return None
    # a sentence that answers no ("Pain? Not really.") is put back as a question, never acted on; an
    # emergency stands ("I can't get a breath in" holds a negative and is the sign itself)
    tokens = utt.tokens
    said_no = sign.level < Level.EMERGENCY and any(
        tokens[s - 1] in ("?", ":") for s, _e, _ in vocab.after_negation.find(tokens, max(1, end - len(part.tokens)),
                                                                               min(len(tokens), end + 5)))
    status = "present" if near[1] >= sense.limit("sign_act", 0.88) and gate >= sense.limit("sign_gate_act", 0.2) \
        and not said_no else "unsure"
    if sign.level < Level.EMERGENCY and Context(tokens, vocab, 9999).hypo[end - 1]:
        status = "hypothetical"  # "what if I break out in a cold sore after?" asks: read as the words' sign is
    return Finding(sign.id, sign.level, f"close in meaning to {sign.name}", status, sign.say, "patient", sign.name)


def _sentences(utt: Utterance, vocab: Vocabulary, most: int = 12) -> list[tuple[Utterance, int]]:
    """Return the message's sentences that say something about how a body is or feels (the first `most`),
    each with where it ends."""
    out, start = [], 0
    tokens = utt.tokens
    for end in [i for i, t in enumerate(tokens) if t in SENTENCE_END] + [len(tokens)]:
        words = tokens[start:end]
        if vocab.net_words.intersection(words) and len(out) < most:
            out.append((Utterance(" ".join(words), words), end))
        start = end + 1
    return out


def _finding(sign: Sign, level: Level, tokens, start: int, stop: int, ctx: Context,
             negatable: bool = True, measured: bool = False) -> Finding:
    # A phrase that holds a negative ("can not breathe") is never cleared by an answer after it.
    after_ok = negatable and not (level == Level.EMERGENCY and SIGN_NEGATIVES & set(tokens[start:stop]))
    status = ctx.status(start, stop, level, negatable, after_ok, measured)
    return Finding(sign.id, level, " ".join(tokens[start:stop]), status, sign.say, ctx.who(start), sign.name,
                   span=(start, stop))


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
            named = c_stop < len(tokens) and tokens[c_stop] in vocab.problems  # "no breath problem"
            if not (set(between) & vocab.problems) and not (set(between) & CLAUSE_END) and not named:
                yield start, c_stop, sign_id
            break
        if tokens[stop:stop + 1] and tokens[stop] in vocab.after_verbs:  # the capacity came first
            for c_start, _c_stop, sign_id in vocab.capacity.find(tokens, max(0, start - 3), start):
                yield c_start, stop + 1, sign_id
