"""Read where a red flag is said, once every sign is found: inside a sign answered no, in an opening made
of nothing but signs, of a part of the body or a thing no treatment reaches, in words the clinic expects
at this point of recovery, or as a tendency of years."""
from __future__ import annotations

from assistant.core.levels import Level
from assistant.safety.assertion import CLAUSE_END, SENTENCE_END
from assistant.safety.finding import Finding
from assistant.understanding import things
from assistant.understanding.phrases import around
from assistant.understanding.vocabulary import Vocabulary


def inside_negated(findings: list[Finding], tokens: list[str], vocab: Vocabulary) -> list[Finding]:
    """Negate what lies inside a sign answered no: "Swelling in the throat? Not at all." clears the
    swelling too, and "Chest pain: neither" the chest-and-pain pair as well as the phrase; never across
    a clause ("not dizzy, but my hives are spreading" keeps the hives)."""
    stops = {s for s, _e, _v in vocab.terminators.all_at(tokens)} | {i for i, t in enumerate(tokens) if t in CLAUSE_END}
    cleared = [f.span for f in findings if f.status == "negated" and f.span and f.span[1] - f.span[0] <= 4
               and not any(f.span[0] <= i < f.span[1] for i in stops)]  # a short phrase, not a far pair
    return [f.replace(status="negated") if f.status == "present" and f.span and
            any(lo <= f.span[0] and f.span[1] <= hi for lo, hi in cleared) else f for f in findings]


def expected_now(findings: list[Finding], tokens: list[str], vocab: Vocabulary) -> list[Finding]:
    """Mark expected a sign below an emergency said in the very words of a reaction the clinic expects now
    ("hot to the touch" three hours after, where the sheet says the skin is warm for 12 hours); past the
    clinic's window for it, the sign stands at its own level."""
    now = {f.sign for f in findings if f.status == "expected"}
    if not now:
        return findings  # most messages: no reaction the clinic expects
    words = {p for p, r in vocab.reaction_index.entries() if r.id in now}
    return [f.replace(status="expected") if f.status == "present" and f.level < Level.EMERGENCY and f.span and
            tuple(tokens[f.span[0]:f.span[1]]) in words else f for f in findings]


def headline(findings: list[Finding], tokens: list[str], vocab: Vocabulary) -> list[Finding]:
    """Mark present the signs that make up a message's whole opening clause ("fever and chills, should I
    call?"): a report, however general the question after it sounds."""
    end = next((i for i, t in enumerate(tokens) if t in CLAUSE_END or t in SENTENCE_END), len(tokens))
    if end == len(tokens) or not any(f.status == "hypothetical" and f.span and f.span[1] <= end for f in findings):
        return findings  # most messages: no such opening
    covered = {i for f in findings if f.span for i in range(*f.span)}
    if not all(i in covered or t in vocab.headline for i, t in enumerate(tokens[:end])):
        return findings
    return [f.replace(status="present") if f.status == "hypothetical" and f.span and f.span[1] <= end else f
            for f in findings]


def seen_by_another(findings: list[Finding], tokens: list[str], vocab: Vocabulary) -> list[Finding]:
    """Mark present a sign below an emergency asked about as a condition of what is there ("would it be
    weird if there's pus in a couple of the spots?") when a later sentence tells what someone makes of it
    ("my bf says just pop them"): someone has seen it there."""
    asked = [f for f in findings if f.status == "hypothetical" and f.span and f.level < Level.EMERGENCY]
    if not asked:
        return findings  # most messages: no sign asked about
    conditions = [e for _s, e, _v in vocab.seen_of.find(tokens)]
    asked = [f for f in asked if any(e <= f.span[0] and SENTENCE_END.isdisjoint(tokens[e:f.span[0]])
                                     for e in conditions)]
    told = [s for s, e, _v in vocab.others.find(tokens) if any(a == e for a, _b, _v in vocab.seen_by.find(tokens, e))]
    seen = {id(f) for f in asked if any(f.span[1] < s and not SENTENCE_END.isdisjoint(tokens[f.span[1]:s])
                                        for s in told)}
    return [f.replace(status="present") if id(f) in seen else f for f in findings]


def of_untreated_parts(findings: list[Finding], tokens: list[str], vocab: Vocabulary,
                       said: list[str] | None = None) -> list[Finding]:
    """Mark "untreated" the signs below an emergency said, in their clause, of a part of the body no
    treatment reaches and of no treated part ("a blister on my heel", "my knee is swollen and red"), but
    for those that count wherever they are on a person (redflags.toml's [anywhere]: a fever, hives); and a
    routine sign said so of a thing ("a swollen wooden door") or a ground ([grounds]: "patches on the lawn").
    An urgent sign beside a thing counts where the message speaks of the patient's skin anywhere ("pus on my
    pillowcase, my cheek is hot"), and not where it speaks only of the thing ("green water in the pool").
    `said`: the tokens before ignored phrases were blanked, whose last thing still counts ("call the plumber
    about the leaking shower")."""
    held = things.things(tokens, vocab, said) + list(vocab.grounds.find(tokens))
    if not held:
        return findings  # most messages name no such part or thing
    ends = {e for _s, e, _ in held}  # a treated part right after a thing is its own ("my dog's nose")
    treated = [s for s, _e, _ in vocab.treated_area.find(tokens) if s not in ends]
    thing_at = {s for s, _e, _ in held}  # "on my" before a thing ("on my bathroom ceiling") is no skin
    own = bool(treated) or any(not thing_at & {e, e + 1} for _s, e, _ in vocab.patient_body.find(tokens))
    # the treatment named: a fever or hives, which count anywhere on a person, are the patient's whatever else is
    # blamed ("101.5 after my flu shot, and the microneedling was yesterday")
    patient = any(True for _ in vocab.treatment_named.find(tokens))
    nobody = vocab.persons.isdisjoint(tokens) and not patient
    out = []
    for f in findings:
        if f.status == "present" and f.span and f.level >= Level.EMERGENCY and nobody:
            if any(kind == "water" and _said_of(tokens, s, e, f.span, vocab) for s, e, kind in held):
                f = f.replace(status="untreated")  # "the river near us is swelling fast": the water's
        if f.status == "present" and f.span and f.level < Level.EMERGENCY and not (
                patient and f.sign in vocab.anywhere and f.level >= Level.URGENT):
            lo, hi = around(tokens, f.span[0], f.span[0], ".!?;,")
            anywhere = f.sign in vocab.anywhere  # a rash on an arm counts; on a tomato leaf it does not
            if any(lo <= s < hi and ((kind == "body" and not anywhere) or (kind != "body" and (
                    f.level <= Level.ROUTINE or not own))) and not things.likened(tokens, s, vocab)
                   for s, _e, kind in held) and not any(lo <= s < hi for s in treated):
                f = f.replace(status="untreated")
        out.append(f)
    return out


def _said_of(tokens: list[str], s: int, e: int, span: tuple[int, int], vocab: Vocabulary) -> bool:
    """Say whether a sign at `span` is said of the thing at s..e: a few words apart, no join between."""
    lo, hi = _between(s, e, span)
    return hi - lo <= 5 and vocab.joins.isdisjoint(tokens[lo:hi]) and CLAUSE_END.isdisjoint(tokens[lo:hi])


def _between(s: int, e: int, span: tuple[int, int]) -> tuple[int, int]:
    """Return the bounds of the words between the phrase at s..e and a sign's span, whichever comes first."""
    return (e, span[0]) if e <= span[0] else (span[1], s)


def of_tendencies(findings: list[Finding], tokens: list[str], vocab: Vocabulary) -> list[Finding]:
    """Mark past a sign that comes and goes for years (assertions' recurring_signs: a cold sore) said with a
    word of recurrence in its clause ("I have herpes on the lip sometimes"): the patient's tendency, not
    today's sign, unless a word of now stands between ("usually … but now I have one"). Never an emergency,
    nor an acute sign ("some pus comes out sometimes" is there now)."""
    out = []
    for f in findings:
        recurring = f.sign in vocab.recurring_signs or any(n in f.words for n in vocab.recurring_named)
        if f.status == "present" and f.span and recurring and f.level < Level.EMERGENCY:
            lo, hi = around(tokens, f.span[0], f.span[1] - 1, CLAUSE_END)
            for s, e, _v in vocab.recurring.find(tokens, lo, hi):
                if not any(True for _ in vocab.recurring_now.find(tokens, *_between(s, e, f.span))):
                    f = f.replace(status="past")
                    break
        out.append(f)
    return out
