"""Decide whose a red flag is, and whether that person was treated: the experiencer of ConText.

    treated_person(tokens, ctx, vocab)   # True for "my wife had hers done", "her face is hot", a message
                                         # wholly about someone; False for "my son has a fever, can I …?"
    never_patient(ctx.people)            # True when only a baby or a pet is named
    whose(finding, desk, tied, nobody)   # the finding as it counts: at the desk the patient's own
Safety rules here: an emergency about anyone counts; at the front desk the person spoken of is the
patient; someone else's urgent or routine sign counts when they are tied to a treatment, and is
otherwise put to the writer as a condition ("if they were treated, they should call their clinic").
"""
from __future__ import annotations

from assistant.core.levels import Level
from assistant.safety.assertion import NEGATIVES, Context
from assistant.safety.finding import Finding
from assistant.understanding import elsewhere
from assistant.understanding.vocabulary import Vocabulary

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our"})


def treated_person(tokens: list[str], ctx: Context, vocab: Vocabulary) -> bool:
    """Say whether the message ties the people it names (`ctx.people`) to a treatment, or names nobody in
    particular."""
    found = ctx.people
    named = {kind for _s, _e, kind in found}
    if "relation" not in named:
        return True
    ties = elsewhere.ties(tokens, vocab)
    if ties and all(NEGATIVES & set(tokens[max(0, s - 2):s]) for s in ties):
        return False  # "my roommate, who wasn't treated, has a fever": said not to be a patient
    return bool(ties) or _their_treated_area(tokens, ctx, vocab) or _only_about_them(tokens, found, vocab)


def never_patient(found: list) -> bool:
    """Say whether everyone the message names (`found`) is someone no clinic microneedles (a baby, a pet), or
    the message names a child by such an age ("my kid … a 6 year old": the kid is that child)."""
    named = {kind for _s, _e, kind in found}
    return ("untreated" in named and "relation" not in named) or "child" in named


def whose(f: Finding, desk: bool, tied: bool, nobody: bool = False) -> Finding:
    """At the desk the person spoken of is the patient; elsewhere someone named ("my son") counts for an
    urgent or routine sign only when tied to a treatment, and a baby's or a pet's (`nobody`) not at all;
    an emergency about anyone always counts."""
    if f.who != "other":
        return f
    if desk:
        return f.replace(who="patient")
    if f.status == "present" and f.level < Level.EMERGENCY and (nobody or not tied):
        return f.replace(status="untreated" if nobody else "other")
    return f


def _their_treated_area(tokens: list[str], ctx: Context, vocab: Vocabulary) -> bool:
    """Say whether a clause about someone else names the treated area ("her face", "my wife's cheeks")."""
    return any(ctx.other[start] for start, _stop, _ in vocab.treated_area.find(tokens))


def _only_about_them(tokens: list[str], found: list, vocab: Vocabulary) -> bool:
    """Say whether the writer says nothing of themselves: a message wholly about someone else's signs,
    sent to a clinic's aftercare line, is about one of its patients ("can I still come in?" is not); a
    husband or wife typed without "my" is the writer's own too ("wife has a 102 fever")."""
    if not any(kind == "relation" and (tokens[s] in ("my", "our") or tokens[s] in vocab.own_unsaid)
               for s, _e, kind in found):
        return False  # "do people ever get dark spots?" is about nobody in particular
    theirs = {i for s, e, _ in found for i in range(s, e)}
    return not any(t in FIRST_PERSON and i not in theirs for i, t in enumerate(tokens))
