"""Tell what kind of question a topic is asked in: leave to do it ("can I swim?"), whether to stop it
("should I stop retinol?"), or information ("why is it red?"); and where one question ends and the next
begins.

    wants_verdict(kind, start, cues, tokens, starts, vocab)   # True for "can I …", "pick the scabs?"
The cues are intents/language.toml's [questions]; a question said in a statement's order ("I can swim
now?") and a later question about a topic named before ("Crusty bits on my chin. Can I rub them off?")
ask leave too.
"""
from __future__ import annotations

from assistant.understanding.phrases import around, sentence_end
from assistant.understanding.vocabulary import Vocabulary

FRONTED = 4  # words a learner may put before "I can" as what is asked about ("the peeling skin I can pull off?")
ARTICLES = frozenset({"a", "an", "the", "my", "any", "your", "some"})  # a denial's own, before what it denies
DENIED = 2  # words after a denial and its article that it denies ("not a makeup brush")


def unlisted_thing(tokens: list[str], at: int, vocab: Vocabulary) -> str:
    """Return what no topic holds that the sentence at `at` names, the last said ("drink coffee": "coffee"), or
    ""."""
    lo, hi = around(tokens, at, at, ".!?;")
    found = list(vocab.unlisted.find(tokens, lo, hi))
    return " ".join(tokens[found[-1][0]:found[-1][1]]) if found else ""


def named_words(tokens: list[str], vocab: Vocabulary) -> str:
    """Return the question's words as a rule `about` a thing reads them: what it denies left out ("I'll use
    clean fingers, not a brush" names no brush)."""
    out = list(tokens)
    for _s, e, _ in vocab.denying.find(tokens):
        k = e
        while k < len(out) and out[k] in ARTICLES:
            k += 1
        for j in range(k, min(k + DENIED, len(out))):
            if not out[j].isalnum():
                break
            out[j] = "_"
    return " ".join(out)


def conditions_told(tokens: list[str], vocab: Vocabulary) -> list[tuple[int, int, tuple[str, bool]]]:
    """Return what the message tells of the clinic's open conditions, (start, stop, (name, met)): "I'm fully
    healed", never one waited for ("do I have to wait til I'm healed?")."""
    return [(s, e, said) for s, e, said in vocab.conditions_said.find(tokens)
            if vocab.awaiting.isdisjoint(tokens[max(0, s - 2):s])]


WH = frozenset({"how", "what", "when", "where", "why", "which"})
TOLD_AFTER = frozenset({"is", "was"})


def asking(tokens: list[str], vocab: Vocabulary) -> list[tuple[int, int, str]]:
    """Return the question words' cues, less a "how" or "what" right after "is" that tells rather than asks
    ("hot showers every night, it's how I unwind", "that's what I use")."""
    return [(s, e, kind) for s, e, kind in vocab.cues.find(tokens)
            if not (kind in ("info", "strong") and tokens[s] in WH and s and tokens[s - 1] in TOLD_AFTER)]


def asks_if_normal(tokens: list[str], vocab: Vocabulary) -> bool:
    """Say whether a sentence ending in "?" asks whether what is told is normal ("Is that expected?")."""
    return any(sentence_end(tokens, s) == "?" for s, _e, _v in vocab.state_asked.find(tokens))


def stated(tokens: list[str], vocab: Vocabulary) -> list[tuple[int, int, str]]:
    """Return the cues of a question said in a statement's order: "I can" (leave, "verdict") or "I should"
    ("advice") opening a clause of a sentence that ends in "?" ("the small pieces, I can take them off?"), or
    after what it asks about, put first ("peeling skin I can pull off?"); "I can see it" stays a statement."""
    out = []
    if "?" not in tokens:
        return out
    for start, stop, kind in vocab.stated.find(tokens):
        clause = around(tokens, start, start, ".!?;,")
        first = tokens[clause[0]:start]  # a thing put first, not "how I can", "anything I can do"
        fronted = len(first) <= FRONTED and vocab.subjects.isdisjoint(first) and vocab.talk.isdisjoint(first) \
            and not any(w.endswith("thing") for w in first)
        if (clause[0] == start or fronted) and sentence_end(tokens, start) == "?":
            out.append((start, stop, kind))
    return out


def leave_or_advice(tokens: list[str], vocab: Vocabulary) -> tuple[bool, bool]:
    """Say whether a message asks only whether something may be done ("can I …", "is it ok …", "I can put
    …?"), and whether it asks only what should be done ("should I sleep propped up?"); "can I … or should I …"
    asks both, so neither."""
    said = stated(tokens, vocab)
    advice = {(s, e) for s, e, _v in vocab.advice.find(tokens)} | {(s, e) for s, e, k in said if k == "advice"}
    leave = any(kind == "verdict" and (s, e) not in advice for s, e, kind in [*vocab.cues.find(tokens), *said])
    return leave and not advice, bool(advice) and not leave


def parts(tokens: list[str], cues, vocab: Vocabulary) -> list[str]:
    """Return the tokens with a comma between two questions made a question mark, so each is asked on its
    own ("which wash should I use, is Cetaphil fine?"): one that opens with a question word or a cue, then
    one that opens with a question word. A comma after a condition or a statement stays ("if it itches, can
    I scratch?", "I had it Friday, can I swim?")."""
    out, begins = list(tokens), 0
    asking = {s for s, _e, _kind in cues}
    for i, t in enumerate(tokens):
        if t in ".!?;":
            begins = i + 1
        elif t == "," and tokens[i + 1:i + 2] and tokens[i + 1] in vocab.openers and \
                tokens[begins:begins + 1] and (tokens[begins] in vocab.openers or begins in asking):
            out[i], begins = "?", i + 1
    return out


def same_sentence(tokens: list[str], a: int, b: int) -> bool:
    """Say whether no sentence ends between positions a and b."""
    return not any(t in ".!?;" for t in tokens[a:b])


def stops(start: int, tokens: list[str], vocab: Vocabulary) -> bool:
    """Say whether a word of stopping or keeping away governs the topic in its clause ("is swimming off
    limits?", "is it necessary to stay out of the sun?")."""
    lo, hi = around(tokens, start, start, ".!?;,")
    return any(True for _ in vocab.avoid_words.find(tokens, lo, hi))


def asks_to_avoid(start: int, cues, tokens) -> bool:
    """Say whether the question asks about stopping or avoiding the topic.

    The cue comes before the topic ("should I stop retinol?"), or after it with a pronoun that points
    back ("I'm on Accutane, should I stop it?").
    """
    before = [c for c in cues if c[0] <= start and same_sentence(tokens, c[0], start)]
    if before and before[-1][2] == "avoid":
        return True
    return any(kind == "avoid" and s > start and same_sentence(tokens, start, s)
               and tokens[e:e + 1] in (["it"], ["them"], ["that"], ["this"]) for s, e, kind in cues)


def wants_verdict(kind: str, start: int, cues, tokens, starts, vocab: Vocabulary) -> bool:
    """Pick the question kind: "why"/"how long" in the sentence first, else the nearest cue before; in a
    sentence with no cue, a later question that names no topic of its own asks about this one ("My lip
    wax is due. Can I still do it?"), or one whose object points back to it ("Small crust on my chin. I
    can remove it with fingers?"); one that starts with a thing to do asks leave ("pick the scabs?"), and so
    does one that names a thing to do to it after the topic word ("peeling, pick it?")."""
    sent_lo, sent_hi = around(tokens, start, start, ".!?;")
    clause_start, clause_end = around(tokens, start, start, ".!?;,")  # the comma-bounded part of the sentence
    inside = [c for c in cues if sent_lo <= c[0] < sent_hi]
    if any(c[2] == "strong" and clause_start <= c[0] < clause_end for c in inside):
        return False
    before = [c for c in inside if c[0] <= start]
    nearest = before[-1:] or inside[:1]
    if not nearest:
        later = []  # each later question that may ask about it: (does not point back, where, cue, its bounds)
        for cue_start, cue_stop, cue in cues:
            lo, hi = around(tokens, cue_start, cue_start, ".!?;")
            back = cue_start >= sent_hi and _points_back(tokens, cue_stop, hi, vocab)
            if cue_start >= sent_hi and (back or not any(lo <= s < hi for s in starts)):
                later.append((not back, cue_start, cue, (lo, hi)))
        if later:
            # the first later question pointing back at it ("what's the deal? can I take them?"), else the
            # first about it; of a thing that happens, told with nothing done to it and asked back only
            # whether it is ok ("My face is peeling. Is that ok?"), whether it is normal
            _, _, cue, (lo, hi) = min(later)
            told = kind != "activity" and vocab.actions.isdisjoint(tokens[sent_lo:hi]) and all(
                w in vocab.alone or not w.isalnum() for w in tokens[lo:hi])
            return cue in ("verdict", "avoid") and not told
        # "peeling, pick it?": a thing to do said of it after the topic word asks leave too
        asked = tokens[sent_hi:sent_hi + 1] == ["?"]
        return kind == "activity" or tokens[sent_lo] in vocab.actions or (asked and any(
            tokens[k] in vocab.actions and tokens[k + 1] in vocab.pointing for k in range(start + 1, sent_hi - 1)))
    return nearest[0][2] in ("verdict", "avoid")


def _points_back(tokens: list[str], start: int, stop: int, vocab: Vocabulary) -> bool:
    """Say whether a word pointing back is the object of a verb between start and stop ("remove it"), not
    a place ("put Vaseline on it")."""
    return any(t in vocab.pointing and tokens[k - 1] not in vocab.prepositions for k, t in enumerate(
        tokens[start:stop], start) if k > start)
