"""Tell a message about someone or something else from a question about the patient's own aftercare.

A topic word said of another's skin or doing ("on my dog's paws", "my cat has dry skin", "can I let my
dog swim?") or of the world ("who invented the tanning bed", "how much does a session cost?") is not an
aftercare question; one said of a thing is things.py's. The word lists are intents/language.toml's
[elsewhere] and [world].
"""
from __future__ import annotations

from assistant.understanding.phrases import around
from assistant.understanding.quantity import elapsed
from assistant.understanding.things import another_procedure, houses, inside_a_house, named, things
from assistant.understanding.vocabulary import Vocabulary

# "sunscreen on | my toddler", "makeup off | my son", "Tylenol to give | my 4 year old"
TARGETED = frozenset({"on", "onto", "for", "to", "into", "off", "give", "giving", "gave"})


WRITER = frozenset(("me", "us", "i", "we"))  # the writer, named in a clause about someone else


def about_something_else(tokens: list[str], vocab: Vocabulary) -> bool:
    """Say whether the message is about another thing's skin: "on my dog's paws", "my toddler got a
    sunburn", "can my cat sleep on my pillow?", "my friend got a sunburn, what should she put on it?";
    not "before I walk the dog", where the dog is only part of the day."""
    if ties(tokens, vocab, ("treated", "asking")) or _counted_for(tokens, vocab):
        return False  # "my 19 year old had it done yesterday": someone treated is a patient too, and so is one
        # whose question is passed on ("my wife wants to know if she can take Advil"), or one for whom the time
        # since a treatment is told ("when can my wife wear makeup? it's been about 30 hours")
    # the subject of its clause or question ("can my cat …"), or what something is put on or used for
    for_them = _for_them(tokens, vocab)
    if _subject_clauses(tokens, vocab, for_them) or _targets(tokens, vocab):
        return True
    # another grown-up, spoken of as "she" or "they" by someone who never says "I" or "me", or whom the
    # question is what to get or do for
    return for_them or (not vocab.pronouns.isdisjoint(tokens) and "i" not in tokens and "me" not in tokens
                        and any(True for _ in vocab.people.find(tokens)))


def _counted_for(tokens: list[str], vocab: Vocabulary) -> bool:
    """Say whether a message about a grown-up tells the time since a treatment, not since a last dose, another
    procedure or a thing's event ("my son is 5 days post wisdom teeth" is his surgery's)."""
    if not any(True for _ in vocab.people.find(tokens)):
        return False  # most messages name no one else
    stated = elapsed(tokens, vocab)
    return stated is not None and stated.anchor != "last_use" and stated.hours >= 0 and \
        not another_procedure(tokens, 0, len(tokens), vocab) and not things(tokens, vocab)


def ties(tokens: list[str], vocab: Vocabulary, kinds=("treated", "asking", "speaking")) -> list[int]:
    """Return where the message ties another person to a treatment ("my wife had hers done", "caller says"),
    passes on their question, said right after them ("my wife wants to know", "she is asking"; never "I'm just
    asking", nor a toddler's "keeps asking why"), or speaks for them ("my mother asked me to text you")."""
    found = list(vocab.others_treated.find(tokens))
    if not found:
        return []  # most messages name no one else
    grown = {e for _s, e, _ in vocab.people.find(tokens)} | {
        i + 1 for i, t in enumerate(tokens) if t in ("she", "he", "they")}
    return [s for s, _e, kind in found if kind in kinds and (kind != "asking" or any(s - 3 <= e <= s for e in grown))]


def _targets(tokens: list[str], vocab: Vocabulary) -> list[int]:
    """Return where someone or something else is what a thing is put on or done for ("sunscreen on my
    toddler", "a cream for my dog") or what a topic's word is done to ("washing my car", "shave my dog"),
    in a sentence with a topic's words; not the occasion ("for my kid's recital", "… kid's soccer game")."""
    found = list(vocab.elsewhere.find(tokens))
    if not found:
        return []  # most messages name no one else
    words = [(s, e) for s, e, _t in vocab.keywords.find(tokens)]
    done = {e for _s, e in words}  # where a topic's words end

    def beside_a_topic(k: int) -> bool:  # "how many sessions will I need? budgeting for the kids" asks of mine
        lo, hi = around(tokens, k, k, ".!?;")
        return any(lo <= s < hi for s, _e in words)
    return [start for start, stop, _ in found
            if (first := _lead_in(tokens, start, 0, vocab)) and (tokens[first - 1] in TARGETED or first in done)
            and not _occasion_after(tokens, stop, vocab) and beside_a_topic(start)]


def _occasion_after(tokens: list[str], end: int, vocab: Vocabulary) -> bool:
    """Say whether an occasion is named in the two words after `end`, what is theirs ("my kid's | soccer game",
    "my husband's | work party"): when, not whose skin."""
    return not vocab.occasions.isdisjoint(tokens[end:end + 2])


def _let(tokens: list[str], vocab: Vocabulary) -> list[int]:
    """Return where someone or something else is let do what follows ("can I let my dog swim?")."""
    return [start for start, _stop, _ in vocab.elsewhere.find(tokens)
            if (first := _lead_in(tokens, start, 0, vocab)) and tokens[first - 1] in vocab.letting]


def _for_them(tokens: list[str], vocab: Vocabulary) -> bool:
    """Say whether the question is what to get or do for another grown-up ("… recommend for him"), or leave
    asked for them ("can my husband use my moisturizer?"), not one asked on their behalf ("my mother asked
    me to text you for her"), which is about a patient."""
    people = list(vocab.people.find(tokens))
    if not people:
        return False  # no other grown-up named: most messages need no more search
    found = {(s, e) for s, e, _ in vocab.for_them.find(tokens)}
    # what is for their something: "a dermatologist for my mom's rosacea"
    found |= {(s, e) for s, e, _ in people if tokens[s - 1:s] == ["for"] and tokens[e - 1].endswith("s")
              and not _occasion_after(tokens, e, vocab)}  # not "for my sister's birthday dinner", "… work party"
    # leave asked for them: "can my husband use my moisturizer?", "is it okay for my mom to swim?"
    found |= {(s, e) for s, e, _ in people if any(tuple(tokens[max(0, s - len(a)):s]) == a for a in vocab.asked_for)}
    starts = {s for s, _e in found}
    return bool(found) and all(s in starts for s in ties(tokens, vocab))


def _subject_clauses(tokens: list[str], vocab: Vocabulary, for_them: bool) -> list[tuple[int, int]]:
    """Return the clauses whose subject is someone or something else ("my cat has …", "can my cat …"), or,
    `for_them`, another grown-up the question is for ("my partner has oily skin, what would you recommend
    for him")."""
    out = []
    people = list(vocab.people.find(tokens)) if for_them else []
    for start, stop, _ in list(vocab.elsewhere.find(tokens)) + people:
        lo, hi = around(tokens, start, start, ".!?;,")
        if tokens[stop - 1].endswith("s") and _occasion_after(tokens, stop, vocab) \
                and not any(lo <= s < hi for s, _e, _t in vocab.keywords.find(tokens)):
            continue  # their occasion, in a clause of no topic: "pool today ok?? it is my son's bday party"
        first = _lead_in(tokens, start, lo, vocab)
        # opening its clause, or after a question's verb or "let" ("how often should my dog …", "let my dog swim"),
        # unless the writer is in it too ("kids r begging me", "my friends invited me to the pool")
        before = tokens[first - 1] if first > lo else ""
        opens = first == lo or before in vocab.openers or before in vocab.letting
        if opens and WRITER.isdisjoint(tokens[start + 1:hi]):
            out.append((lo, hi))
    # what the clause asks for them: "recommend a good dermatologist for my mom's rosacea"
    for start, _stop, _ in people:
        first = _lead_in(tokens, start, 0, vocab)
        if first and tokens[first - 1] == "for":
            out.append(around(tokens, start, start, ".!?;,"))
    return out


def _lead_in(tokens: list[str], start: int, lo: int, vocab: Vocabulary) -> int:
    """Return where a phrase's noun group begins, back over "my" and numbers ("for my 6 month old")."""
    while start > lo and (tokens[start - 1] in ("my", "our", "a") or tokens[start - 1].isdigit() or
                          tokens[start - 1] in vocab.numbers):
        start -= 1
    return start


def patients_own(tokens: list[str], vocab: Vocabulary, held: list) -> bool:
    """Say whether an aftercare word in the message is the patient's: the treatment named, or a word of the
    skin said as "my" ("my dog licked my face") or outside a clause whose subject is someone or something
    else ("my cat has dry skin on his back", "my lawn is healing" are theirs), and not after "his" or "her"
    ("when should I book his next appointment?")."""
    theirs = {e for _s, e, _ in vocab.elsewhere.find(tokens) if tokens[e - 1].endswith("s")}  # "my baby's cheeks"
    theirs |= {k + n for k, w in enumerate(tokens) if w in vocab.theirs for n in (1, 2)}  # "his (next) appointment"
    if named(vocab.treatment_named, tokens, held, lambda s: s not in theirs):
        return True
    leads = _subject_clauses(tokens, vocab, _for_them(tokens, vocab))
    # a word of the skin in or right before a product's name is no one's skin: "a comfy face mask for my 9 year
    # old", "a good acne face wash for my son"
    products = [(s, e) for s, e, _t in vocab.keywords.all_at(tokens) if e - s > 1]
    return named(vocab.domain, tokens, held, lambda s: s not in theirs and (tokens[s - 1:s] == ["my"] or (
        not any(lo <= s < hi for lo, hi in leads) and not any(ps <= s < pe or ps == s + 1 for ps, pe in products))))


def doing_it(tokens: list[str], starts: list[int], vocab: Vocabulary) -> bool:
    """Say whether the patient is the one doing an activity named at one of `starts`: "I" or "me" in its
    clause, no one else as a subject, and not done to something pointed back at ("my kids want me in the
    pool, can I swim?"; not "my friend asked me if she can swim", nor "the paint on my car, should I wax
    it?"), nor in a clause that puts something on someone else ("sunscreen on my 3 year old at the beach") or
    lets them do it ("can I let my dog swim in the lake?")."""
    targets = None
    for s in starts:
        lo, hi = around(tokens, s, s, ".!?;,")
        clause = tokens[lo:hi]
        if ("i" in clause or "me" in clause) and not {"she", "he", "they"} & set(clause) \
                and vocab.pointing.isdisjoint(tokens[s + 1:s + 2]):
            targets = _targets(tokens, vocab) + _let(tokens, vocab) if targets is None else targets
            if not any(lo <= k < hi for k in targets):
                return True
    return False


def of_the_world(tokens: list[str], vocab: Vocabulary) -> bool:
    """Say whether the message asks about the world, not this patient ("who invented the tanning bed",
    "how do I heal faster in Minecraft"): never when the treatment is named, unless it asks about money,
    a job or a review ("how much does a session cost?", not "Can I use Cetaphil? The clinic one costs a
    fortune."). A treatment word inside a thing is another's ("my dentist appointment"). Where to buy a thing is
    shopping, unless the thing is a care product (language.toml's `sold`: "where do I buy Aquaphor?")."""
    found, named_houses = [], houses(tokens, vocab)
    for s, e, kind in vocab.world.find(tokens):
        if inside_a_house(named_houses, s, e):
            continue  # "Glow Recipe" makes skin care, not food
        end = around(tokens, s, s, ".!?;")[1]
        # the sentence that asks, or the last of a message that asks nothing with "?" ("Caller wants to know if
        # she can pay by card.")
        asked = end == len(tokens) or tokens[end] == "?" or (end == len(tokens) - 1 and "?" not in tokens)
        # ... in a clause that asks: "the front desk was swamped and my parking meter was about to run out, | so
        # how soon am I supposed to come back in?" asks about coming back; "where do I park, | is there a lot?"
        if kind == "always" and asked and _asks(tokens, s, end, vocab):
            return True
        if kind == "occasion" and asked and _occasion(tokens, s, end, vocab):
            continue  # "I have a job interview this afternoon: can I wear concealer?" asks about the concealer
        if kind == "occasion" and "?" in tokens[:s] and not any(True for _ in vocab.asking.find(tokens, *around(
                tokens, s, s, ".!?;"))):
            continue  # "how long will the redness stick around? | job interview monday morning": only when
        if kind == "shopping" and any(t in vocab.sold for _s, _e, t in vocab.keywords.find(tokens, e, end)):
            continue  # "where do I buy the Alastin stuff?": a product of the care, bought to put on the skin
        if asked or "?" not in tokens[end:]:  # not a statement beside a later question ("the price was crazy. when
            found.append(kind)                # can I start my retinol again?")
    return bool(found) and not named(vocab.treatment_named, tokens, things(tokens, vocab))


def _occasion(tokens: list[str], at: int, end: int, vocab: Vocabulary) -> bool:
    """Say whether the world's words at `at` are only the occasion of a question put after them in a clause of
    its own, one that asks leave ("I'm in the bridal party, am I allowed to put foundation on?")."""
    if around(tokens, at, at, ".!?;,:")[1] >= end:
        return False  # in the clause that asks, they are what it asks about
    lo = around(tokens, end - 1, end - 1, ".!?;,:")[0]
    return any(s == 0 and kind == "verdict" for s, _e, kind in vocab.cues.find(tokens[lo:end]))


def _asks(tokens: list[str], at: int, end: int, vocab: Vocabulary) -> bool:
    """Say whether the clause holding `at` asks: the sentence's last one (up to `end`), or one that opens with a
    word of asking ("where do I park for the clinic, is there a lot?")."""
    lo, hi = around(tokens, at, at, ".!?;,")
    return hi == end or any(s == 0 for s, _e, _v in vocab.asking.find(tokens[lo:hi]))


def asked_in_general(tokens: list[str], vocab: Vocabulary, topics: set[str], asks_leave: bool,
                     procedures: frozenset[str] = frozenset()) -> bool:
    """Say whether another treatment is asked about in general ("what is Kybella and does it hurt?"): only
    its topics and what is said of them, a frame of general knowledge, and nothing of the writer, their
    time or their treatment, nor a question of leave; so is a look chosen ("which mascara is waterproof?").
    `procedures`: topics found by a phrase that is itself another procedure ("a lash lift" of makeup), which
    count as treatments here."""
    treatments = vocab.general_treatments | procedures
    if asks_leave or not topics or not vocab.personal.isdisjoint(tokens):
        return False
    frames = {kind for _s, _e, kind in vocab.in_general.find(tokens)}
    other = "general" in frames and topics & treatments and topics <= treatments | vocab.general_about
    looks = "looks" in frames and topics <= vocab.looks  # "what lip liner goes with a berry lipstick?"
    return bool(other or looks) and not named(vocab.treatment_named, tokens, things(tokens, vocab))
