"""Find a red flag said in two words near each other ("throat … swelling", "lips … puffy"): intents/redflags.toml's
[[combo]] tables, read in the same context as a whole phrase (safety.assertion).

Two words pair only where they are said of each other: in one sentence (unless the next only refers back),
not with a word that names only where it is, and not when either is said to be well in its own clause ("my
lips are fine") or, for a part of the body, said of another part in an earlier clause.
"""
from __future__ import annotations

from assistant.safety.assertion import CLAUSE_END, SENTENCE_END, Context
from assistant.safety.finding import Finding
from assistant.understanding.entries import Sign
from assistant.understanding.vocabulary import Vocabulary


def find(tokens, combo: Sign, ctx: Context, spots, vocab: Vocabulary) -> Finding | None:
    """Return the finding of a sign said in two words near each other, or None. `spots` holds where each
    combo's words start, as (("word" | "near"), combo id) -> starts."""
    firsts = spots.get(("word", combo.id), [])
    seconds = spots.get(("near", combo.id), [])
    for i in firsts:
        if any(tokens[k] in vocab.easing and tokens[k - 1:k] not in (["no"], ["not"], ["any"])
               for k in range(max(0, i - 2), i)):
            continue  # "getting a bit better every hour": said of settling, not of getting worse ("no better" is)
        for j in seconds:
            if tokens[j] in combo.on_skin and not vocab.places.isdisjoint(tokens[min(i, j, max(0, i - 2)):max(i, j)]):
                continue  # "purplish spots under my eyes", "the skin under my eyes is sore": the skin there
            if tokens[j] in combo.on_skin and tokens[j + 1:j + 2] and tokens[j + 1] in combo.marks:
                continue  # "I'm seeing brown dark patches": what is seen is a mark on the skin
            if tokens[j] in combo.on_skin and tokens[j + 1:j + 2] == ["on"] and \
                    {tokens[i], *ANAPHORA, "them"}.isdisjoint(tokens[j + 2:j + 4]):
                continue  # "I can see some dark spots on my chin": on the skin, not on the eye ("… on it")
            if tokens[j + 1:j + 2] and tokens[j + 1] in combo.describes:
                continue  # "big blisters on her lip", "spin class": it says what the noun after it is like
            if j < i and not combo.lying_on.isdisjoint(tokens[j + 1:i]):
                continue  # "clear fluid on a few spots": what seeps onto them, not what fills them
            if j < i and combo.part and _of_another_part(tokens, j, i, vocab):
                continue  # "skin feels tight, lips are not swollen": the tightness is the skin's
            if tokens[j].startswith("tight") and not combo.dry.isdisjoint(tokens[max(0, j - 2):j + 3]):
                continue  # "lips are dry and tight": the tightness of drying, no swelling
            if combo.made_of and tokens[i + 1:i + 2] == ["of"] and j != i + 2:
                continue  # "fluid and a few spots of blood": spots of something else, not spots it fills
            # a part of the body is not what "it" points back to ("a cold sore on my lip …, it's big")
            apart = abs(i - j) if combo.part else _apart(tokens, i, j)
            if apart - _where(tokens, i, j, vocab) <= combo.within and j != i \
                    and not _crosses(tokens, i, j):
                if _said_well(tokens, i, vocab) or _said_well(tokens, j, vocab):
                    continue  # "cheeks a bit swollen but my lips are fine": no swelling of the lips
                lo, hi = min(i, j), max(i, j) + 1
                if {i, j, j + 1} & ctx.trigger_starts:  # "can not open": the negative is the sign's own
                    return Finding(combo.id, combo.level, f"{tokens[i]} … {tokens[j]}",
                                   ctx.status(lo, hi, combo.level, negatable=False), combo.say, ctx.who(i),
                                   combo.name, span=(lo, hi))
                status = ctx.status(i, i + 1, combo.level)
                if status == "present" and ctx.status(j, j + 1, combo.level) == "negated":
                    status = "negated"
                if status == "present" and ctx.status(lo, hi, combo.level) == "negated":
                    status = "negated"
                return Finding(combo.id, combo.level, f"{tokens[i]} … {tokens[j]}", status, combo.say,
                               ctx.who(i), combo.name, span=(lo, hi))
    return None


ANAPHORA = frozenset({"it", "this", "that", "its", "which"})
BECOMES = frozenset({"is", "has", "was", "looks", "got", "gets", "turned", "went", "seems"})  # "it | is gone cloudy"
PART_END = CLAUSE_END | {"but"}  # where what is said of one part ends


def _of_another_part(tokens, j: int, i: int, vocab: Vocabulary) -> bool:
    """Say whether the word at j, in a clause before the one holding the word at i, is said of a treated part
    its own clause names ("my skin feels tight, lips fine", "holding an ice pack on my face, my heart rate is
    normal")."""
    if CLAUSE_END.isdisjoint(tokens[j + 1:i]):
        return False
    lo = max((k + 1 for k in range(j) if tokens[k] in CLAUSE_END), default=0)
    hi = next(k for k in range(j + 1, i) if tokens[k] in CLAUSE_END)
    return any(True for _ in vocab.treated_area.find(tokens, lo, hi))


def _said_well(tokens, k: int, vocab: Vocabulary) -> bool:
    """Say whether the word at k is said to be well in its own clause ("my lips are fine", "lips and tongue
    are totally normal and I'm breathing fine"): a word of being a few words on, then an answer of no that
    ends the clause."""
    for s, e, _ in vocab.fine_after.find(tokens, k + 1, min(len(tokens), k + 5)):
        if not PART_END.isdisjoint(tokens[k + 1:s]):
            return False
        end = next((stop for start, stop, _ in vocab.after_negation.find(tokens, e, min(len(tokens), e + 4))
                    if start == e), None)
        return end is not None and (end == len(tokens) or tokens[end] in CLAUSE_END | {"and"})  # "fine but …" is not
    return False


def _apart(tokens, i, j) -> int:
    """Return how many words stand between two, counted from a subject between that refers back to the first
    in its sentence ("still oozing, but since this morning | it's gone cloudy"): the second is said of it
    there, in the same clause."""
    lo, hi = min(i, j), max(i, j)
    back = [k for k in range(lo + 1, hi - 1) if tokens[k] in ANAPHORA and tokens[k + 1] in BECOMES
            and SENTENCE_END.isdisjoint(tokens[lo:k]) and CLAUSE_END.isdisjoint(tokens[k:hi])]
    return hi - max([lo, *back])


def _where(tokens, i, j, vocab: Vocabulary) -> int:
    """Return how many words between two are only where it is ("spots on my chin are filled"): a word of
    place, its owner and the part (redflags.toml's [where]), which put no distance between a sign's two words."""
    lo, hi = min(i, j) + 1, max(i, j)
    for k in range(lo, hi - 1):
        if tokens[k] in vocab.where:
            n = 2 + (tokens[k + 1] in vocab.owners)
            if k + n <= hi and tokens[k + n - 1].isalpha():
                return n
    return 0


def _crosses(tokens, i, j) -> bool:
    """Say whether a sentence ends between two words, unless the next sentence only refers back to the
    first ("my face is sore. it is getting worse hour by hour")."""
    lo, hi = min(i, j), max(i, j)
    return any(t in SENTENCE_END and not ANAPHORA & set(tokens[k + 1:k + 3]) for k, t in enumerate(tokens[lo:hi], lo))
