"""Read the red flags of intents/redflags.toml, and the words of intents/assertions.toml that say whether
one is there now (negation, someone else, history, a question about a sign), for the vocabulary.

    lists(flags, said, canon)   # {"signs": [...], "combos": [...], "negation": PhraseIndex, ...}
    words_to_read(vocab)        # the words around which triage reads a long message in full
"""
from __future__ import annotations

from assistant.core.levels import Level
from assistant.timeline.window import parse_point
from assistant.understanding.entries import Reaction, Sign
from assistant.understanding.phrases import PhraseIndex, possessed, words


def lists(flags: dict, said: dict, canon) -> dict:
    """Return the vocabulary's red-flag and assertion lists by name, each phrase in canonical form."""
    neg, cap, others, hypo = said["negation"], said["capacity"], said["others"], said["hypothetical"]
    never = set(others["never_treated"])
    people = [(canon(p), "untreated" if p in never else "relation") for p in others["subjects"]] + \
             [(canon(p), "pronoun") for p in others["pronouns"] + others["desk"]] + \
             [(canon(a.format(n=n)), "child") for a in others["child_ages"]
              for n in range(1, others["child_oldest"] + 1)]
    signs = [Sign(s["id"], Level(s["level"]), s["ask"], s["say"], s["name"], tuple(s["topics"]),
                  [canon(p) for p in s["phrases"]], about=s.get("about", "")) for s in flags["sign"]]
    combos = [Sign(c["id"], Level(c["level"]), c["ask"], c["say"], c["name"], tuple(c["topics"]),
                   words=[canon(w) for w in c["words"]], near=[canon(w) for w in c["with"]],
                   within=int(c["within"]), on_skin=frozenset(c.get("on_skin", ())),
                   marks=frozenset(c.get("marks", ())),
                   lying_on=frozenset(c.get("lying_on", ())), made_of=bool(c.get("made_of", False)),
                   dry=frozenset(c.get("dry", ())), describes=frozenset(c.get("describes", ())),
                   part=bool(c.get("part", False)),
                   about=c.get("about", ""))
              for c in flags.get("combo", [])]
    reactions = [Reaction(r["id"], parse_point(r["usual"]).approx_hours() if "usual" in r else None,
                          [canon(w) for w in r["words"]], r.get("context", True), frozenset(r.get("part_of", ())))
                 for r in flags.get("reaction", [])]
    return {
        "negation": PhraseIndex([(canon(p), "pseudo") for p in neg["pseudo"]] +
                                [(canon(p), "neg") for p in neg["triggers"]]),
        "after_negation": PhraseIndex([(canon(p), "after") for p in neg["after"]]),
        "fine_after": PhraseIndex([(canon(p), "copula") for p in neg["fine_after"]]),
        "terminators": PhraseIndex([(canon(p), "stop") for p in neg["terminators"]]),
        "scope": int(neg["scope"]),
        "attached": frozenset(neg["attached"]),
        "capacity": PhraseIndex([(canon(p), sign) for sign in ("breathing", "throat") for p in cap[sign]]),
        "problems": frozenset(cap["problems"]),
        "after_verbs": frozenset(cap["after_verbs"]),
        "openers": frozenset(hypo["question_openers"]),
        "asking": PhraseIndex([(canon(p), "asking") for p in hypo["question_openers"] + hypo["asking"]]),
        "others": PhraseIndex(possessed(people)),
        "own_unsaid": frozenset(others["own_unsaid"]),
        "others_treated": PhraseIndex([(canon(p), "treated") for p in others["treated"]] +
                                      [(canon(p), "asking") for p in others["asking"]] +
                                      [(canon(p), "treated") for p in others["desk"]] +
                                      [(canon(p), "speaking") for p in others["speaking_for"]]),
        "treated_area": PhraseIndex([(canon(p), "area") for p in others["treated_area"]]),
        "back_to_patient": PhraseIndex([(canon(p), "self") for p in others["back_to_patient"]]),
        "patient_body": PhraseIndex([(canon(p), "body") for p in others["patient_body"]]),
        "history": PhraseIndex([(canon(p), "past") for p in said["history"]["phrases"]] +
                               [(canon(p), "tendency") for p in said["history"]["tendency"]]),
        "recurring": PhraseIndex([(canon(p), "recurring") for p in said["history"]["recurring"]]),
        "recurring_now": PhraseIndex([(canon(p), "now") for p in said["history"]["recurring_now"]]),
        "recurring_signs": frozenset(said["history"]["recurring_signs"]),
        "recurring_named": tuple(" ".join(canon(p)) for p in said["history"]["recurring_named"]),
        "frames": PhraseIndex([(canon(p), "frame") for p in hypo["frames"]]),
        "present": PhraseIndex([(canon(p), "present") for p in said["present"]["phrases"]]),
        "headline": frozenset(w for p in said["present"]["headline"] for w in canon(p)),
        # a word only as itself: "ill" reads as "i will", which would put "i" in every message
        "net_words": frozenset(w for p in said["meaning_net"]["words"] for w in canon(p) if len(canon(p)) == 1),
        "signs": signs,
        "combos": combos,
        "places": frozenset(flags["places"]["words"]),
        "persons": frozenset(flags["grounds"]["persons"]),
        "grounds": PhraseIndex([(canon(p), "thing") for p in flags["grounds"]["words"]] +
                               [(canon(p), "water") for p in flags["grounds"]["waters"]]),
        "anywhere": frozenset(flags["anywhere"]["signs"]),
        "where": frozenset(flags["where"]["words"]),
        "owners": frozenset(flags["where"]["owners"]),
        "sign_by_id": {s.id: s for s in signs + combos},
        "combo_words": PhraseIndex([(w, ("word", c.id)) for c in combos for w in c.words] +
                                   [(w, ("near", c.id)) for c in combos for w in c.near]),
        "sign_index": PhraseIndex([(p, s) for s in signs for p in s.phrases]),
        "reactions": reactions,
        "reaction_index": PhraseIndex([(w, r) for r in reactions for w in r.words]),
        "hypothetical": PhraseIndex([(canon(p), "hypo") for p in hypo["phrases"]] +
                                    [(canon(p), "clause") for p in hypo["clause"]] +
                                    [(canon(p), "kept") for p in hypo["kept"]] +
                                    [(canon(p), "keeping") for p in hypo["keeping"]] +
                                    [(canon(p), "planned") for p in hypo["planned"]] +
                                    [(canon(p), "now") for p in hypo["reality"]] +
                                    [(canon(p), "uncertain") for p in said["uncertain"]["phrases"]]),
        "seen_by": PhraseIndex([(canon(p), "seen") for p in hypo["seen"]]),
        "seen_of": PhraseIndex([(canon(p), "of") for p in hypo["seen_of"]]),
        "judged": PhraseIndex([(canon(p), "judged") for p in hypo["judged"]]),
        "judged_now": frozenset(hypo["judged_now"]),
        "body": PhraseIndex([(canon(p), "body") for p in flags["body"]["words"]]),
        "intensity": frozenset(flags["intensity"]["words"]),
        "mild": frozenset(flags["mild"]["words"]),
        "applying": frozenset(flags["applying"]["words"]),
        "improving": PhraseIndex([(canon(p), "improving") for p in flags["improving"]["words"]]),
        "easing": frozenset(flags["improving"]["easing"]),
        "ended": frozenset(flags["improving"]["ended"]),
        "becoming": frozenset(flags["improving"]["becoming"]),
    }


def words_to_read(vocab) -> frozenset[str]:
    """Return the words that can start reading a red flag: the least common word of every sign phrase
    (and each written form that becomes it), every combo word, and temperature words.

    Triage reads a long message in full only around these, so a red flag late in it is found fast.
    """
    common = set(vocab.contractions) | set(words("the and for about in my to of a is i can not no it be "
                                                 "up on out so very get got feel feels have has"))
    phrases = [p for p, _ in vocab.sign_index.entries()] + [p for p, _ in vocab.capacity.entries()] + \
              [p for p, _ in vocab.reaction_index.entries()] + \
              [p for c in vocab.combos for p in c.words]  # a combo needs its first word: the rest is near
    found = {max((w for w in p if w not in common), key=len, default="") for p in phrases}
    out = (found - {""}) | set(vocab.temp_context) | {"fever"}
    for p, canonical in vocab.synonyms.entries():
        if set(canonical) & out:
            out.update(w for w in p if w not in common)
    return frozenset(w for w in out if w.isalpha() and len(w) > 1)
