"""Tell a topic word said of a thing or of a part of the body no treatment reaches from one said of the patient.

"How do I peel hard-boiled eggs", "my gums bleed", "after a tummy tuck", "my knee is sore after basketball":
the topic word is said of what the sentence is about, not of the treated skin. The word lists are
intents/language.toml's [things]; elsewhere.py, for someone or something else, finds the same things here.
"""
from __future__ import annotations

from assistant.understanding.phrases import around
from assistant.understanding.question import same_sentence
from assistant.understanding.vocabulary import Vocabulary

THING_REACH = 8  # words either side of a topic word that a thing it is said of stands within
DETERMINERS = frozenset({"the", "a", "an", "my", "your", "this", "that"})  # "the movie | The Mask": no compound
OWNERS = frozenset({"my", "his", "her", "our", "their", "your"})  # whose place it is: "in his bag"


def things(tokens: list[str], vocab: Vocabulary, said: list[str] | None = None) -> list[tuple[int, int, str]]:
    """Return the things and untreated parts of the body in the message, as (start, stop, kind): found once
    a message, for `named` and `of_a_thing` alike. `said`, the tokens before the ignored phrases were
    blanked, adds a thing that ends one ("fix a leaking faucet", "the dishwasher"): the phrase only looked
    like a topic, and what it names is still what the sentence is about; "a bag of" peas names no bag."""
    out = list(vocab.things.find(tokens))
    if said is not None and said != tokens:
        out += [(s, e, kind) for s, e, kind in vocab.things.find(said)
                if tokens[s] == "_" and tokens[e:e + 1] != ["_"]]
    return sorted(out)


def aftercare_named(tokens: list[str], vocab: Vocabulary, held: list, phrases) -> bool:
    """Say whether a word of the domain stands in the message as the patient's: outside every thing and
    not said of one ("the skin on the roast chicken"), unless it is "my" skin or the treatment named ("can
    my cat sleep on my pillow after microneedling"). `phrases`: the (start, stop) of the keywords found."""
    treatment = {s for s, _e, _ in vocab.treatment_named.find(tokens)}
    return named(vocab.domain, tokens, held, lambda s: s in treatment or tokens[s - 1:s] == ["my"] or
                 not of_a_thing(tokens, s, phrases, held, False, vocab))


def named(index, tokens: list[str], held: list, where=None) -> bool:
    """Say whether a phrase of `index` stands in the message outside every thing of `held` (the face of a
    "face lift" and the appointment of a "dentist appointment" are not the patient's), at a start `where`
    allows."""
    return any(not any(ts <= s and e <= te for ts, te, _ in held) and (where is None or where(s))
               for s, e, _ in index.find(tokens))


def _holding(tokens: list[str], end: int, start: int) -> bool:
    """Say whether a thing ending at `end` holds the topic word at `start`: "small bottles of | cream", "a tube
    of | mineral sunscreen" are the product, not something else."""
    return tokens[end:end + 1] == ["of"] and end < start <= end + 3


def of_a_thing(tokens: list[str], start: int, phrases, held: list, activity: bool, vocab: Vocabulary,
               applied: bool = False) -> bool:
    """Say whether a thing that is no part of a person, or for a topic that is no activity (or, `applied`,
    one put on the skin, named after a part: "foot cream") a part of the body no treatment reaches, reaches
    within THING_REACH words of a topic word, in its clause, and is no part of a topic phrase ("heat pack"
    is heat; "thread lift" is no threading and no lifting weights).
    ("I spilled coffee, is the redness normal?": the coffee is in another clause, and of the skin; so is the
    cat of "can I put SPF on before I feed the cat", past a link word and its subject.)"""
    if not held:
        return False  # most messages name no thing: none of the clause's reading below is needed
    # The topic word's object pointing back ("boil eggs before I peel them", "my knee is sore since my run,
    # should I ice it?") reaches back over links and commas to the start of its sentence.
    word = [(ks, ke) for ks, ke in phrases if ks == start]  # the topic word itself, when a keyword
    end = max((ke for _ks, ke in word), default=start + 1)  # "what should I put on | it"
    after = tokens[end:end + 5]  # "ice it", "heat or ice | on it"
    # ... after the topic word or inside its phrase ("wash it off")
    points = not vocab.pointing.isdisjoint(tokens[start + 1:end + 2]) or any(
        w in ("on", "onto") and after[k + 1:k + 2] and after[k + 1] in vocab.pointing for k, w in enumerate(after))
    lo, hi = around(tokens, start, start, ".!?;" if points else ".!?;,")  # no thing holds a mark
    if not points:
        # what is done names its occasion after a link ("sunscreen on before the flight"), though a meal "after
        # a long run" is still the meal's; a state is said of what follows one ("the recovery after a tummy tuck")
        doing = activity or applied
        starts = [i for i in range(lo, hi - 1) if (tokens[i] in vocab.links and (
            tokens[i + 1] in vocab.subjects or tokens[i] == "then" or (
                doing and i > start and tokens[i + 1] in DETERMINERS)))
            or (tokens[i] in vocab.joins and tokens[i + 1] in vocab.openers)
            or (tokens[i] in vocab.deadlines and i > start and tokens[i + 1] in DETERMINERS)]
        lo = max([lo, *(i + 1 for i in starts if i < start)])  # "… before I feed the cat", not "after a tummy tuck"
        hi = min([hi, *(i for i in starts if i > start)])
    near = start - THING_REACH, start + THING_REACH
    return any(lo <= s and e <= hi and ((s <= near[1] and e > near[0]) or (points and e <= start))
               and (kind == "thing" or not activity or (applied and _compound(tokens, s, e, start))
                    or _occasion(tokens, start)  # "my knee is sore after basketball": when the part was hurt
                    or (points and e <= start)  # "my knee is sore, should I use heat on it?": put on the part
                    or any(s <= ks and ke <= e for ks, ke in word)  # "tennis elbow": inside the part
                    or (applied and "for" in tokens[max(lo, s - 3):s]))  # what it is for: "ointment for a knee"
               and not any(ks <= s and e <= ke for ks, ke in phrases)
               and not likened(tokens, s, vocab)
               and not (activity and (_company(tokens, s, start, applied) or (not applied and _placed(tokens, s))))
               and not (_kept_in(tokens, s) and e != start)  # "in my basement | foundation"
               and not _holding(tokens, e, start) for s, e, kind in held)


def products(tokens: list[str], vocab: Vocabulary, found=None) -> list[tuple[int, int]]:
    """Return where the words of what is put on the skin stand (`found`: the keywords as (start, stop,
    topic), else all of them), less those opening with a determiner ("the movie | The Mask")."""
    found = vocab.keywords.all_at(tokens) if found is None else found
    return [(s, e) for s, e, topic in found if topic in vocab.applied and tokens[s] not in DETERMINERS]


def houses(tokens: list[str], vocab: Vocabulary) -> list[tuple[int, int]]:
    """Return where skin-care houses are named ("Glow Recipe", "Sunday Riley"): their words are the house's."""
    return [(s, e) for s, e, _v in vocab.houses.find(tokens)]


def inside_a_house(spans: list[tuple[int, int]], start: int, stop: int) -> bool:
    """Say whether the words at start:stop are part of a house's name (`spans`, from houses()), not all of it."""
    return any(a <= start and stop <= b and (a, b) != (start, stop) for a, b in spans)


def names_a_product(start: int, stop: int, spans: list[tuple[int, int]]) -> bool:
    """Say whether the words at start..stop name the kind of a product or what is in it ("pimple cream",
    "a grapefruit scrub"): inside a longer phrase of what is put on the skin (`spans`), or right before one."""
    return any((s <= start and stop <= e and e - s > stop - start) or s == stop for s, e in spans)


def product_for(tokens: list[str], start: int, spans: list[tuple[int, int]]) -> bool:
    """Say whether the word at start is what a product named just before is for ("I use Differin for my
    breakouts", "a gel for redness"), not what the skin does now. `spans`: the products' words."""
    k = start - 1 - (tokens[start - 1:start] in (["my"], ["the"], ["those"], ["these"]))
    return k > 0 and tokens[k] == "for" and any(k - 4 <= e <= k for _s, e in spans)


def without_ingredients(tokens: list[str], held: list, found, vocab: Vocabulary) -> list:
    """Return the things of `held` less those that name what is in a product ("a grapefruit scrub", "my mango
    cleanser"): a product's word is not said of them, though a colour before one still is ("pink
    grapefruit"). `found`: the keywords, as (start, stop, topic)."""
    spans = products(tokens, vocab, found)
    return [x for x in held if not (x[2] == "thing" and names_a_product(x[0], x[1], spans)
                                    and " ".join(tokens[x[0]:x[1]]) not in vocab.built)]


def _compound(tokens: list[str], s: int, e: int, start: int) -> bool:
    """Say whether the part at s:e names the kind of the topic word right after it ("foot cream", "hand
    cream"), not what is done to someone's part ("get my legs waxed")."""
    return e == start and tokens[s - 1:s] not in (["my"], ["your"], ["the"], ["her"], ["his"], ["their"], ["our"])


def _occasion(tokens: list[str], start: int) -> bool:
    """Say whether the activity at `start` is named as when something else happened ("sore after basketball",
    "rolled my ankle in soccer", "a meal after a long run"), not what is asked about ("can I run with a sore
    knee?")."""
    before = [t for t in tokens[max(0, start - 4):start] if t not in DETERMINERS | {"long", "big", "hard", "his"}]
    return before[-1:] in (["after"], ["during"], ["in"], ["since"], ["from"], ["playing"])


def _kept_in(tokens: list[str], s: int) -> bool:
    """Say whether the thing at s is only where someone keeps something ("the anti-inflammatory stuff I keep
    in my handbag", "Advil in his bag"), not what the topic word is said of; "a mask in the waiting room" is
    still the waiting room's."""
    return s >= 2 and tokens[s - 2] == "in" and tokens[s - 1] in OWNERS


def _company(tokens: list[str], s: int, start: int, applied: bool) -> bool:
    """Say whether the thing at s goes along with the patient doing what the topic word at `start` names
    ("walking with the dog", "taking the dog for a long walk in the sunshine", "in the sunshine with my morning
    coffee"), not what the topic word is done to, nor, for what is put on the skin, what it is done with ("wash
    cloth masks with my bath towels")."""
    before = _words_before(tokens, s)
    if before[-1:] in (["with"], ["take"], ["taking"], ["took"], ["walk"], ["walking"]):
        return True
    at = max((k for k in range(max(0, s - 3), s) if tokens[k] == "with"), default=None)  # "with my morning | coffee"
    return not applied and before[-2:-1] == ["with"] and at is not None and start < at


def _placed(tokens: list[str], s: int) -> bool:
    """Say whether the thing at s is what the patient is on while doing something ("lie out on a lounge
    chair"), not what the topic word is done to; "in a cooler" is where something is kept, and stays, and
    what is put on the skin goes on what it is "on" ("coconut oil on the cake")."""
    return any(t in ("on", "under", "beside") for t in _words_before(tokens, s)[-2:])  # "on a lounge chair"


def _words_before(tokens: list[str], s: int) -> list[str]:
    """Return the up to three words before the thing at s, less the determiners ("with | the | dog")."""
    return [t for t in tokens[max(0, s - 3):s] if t not in DETERMINERS | {"our", "his", "her", "their"}]


def likened(tokens: list[str], s: int, vocab: Vocabulary) -> bool:
    """Say whether the thing at s is a likeness ("peeling like a snake", "red as a tomato", "looking like I
    fell into a rose bush"), not what is meant."""
    before = [t for t in tokens[max(0, s - 2):s] if t not in ("a", "an", "the")]
    if before and before[-1] in vocab.likeness:
        return True
    lo = max(0, s - THING_REACH)
    return any(not any(t in ".!?;" for t in tokens[e:s]) for _s, e, _ in vocab.likening.find(tokens, lo, s))


def another_procedure(tokens: list[str], lo: int, hi: int, vocab: Vocabulary, overlap: bool = False) -> bool:
    """Say whether another procedure is named in tokens[lo:hi] ("I'm booked for | a laser treatment | next
    week"), or, `overlap`, in words that run into them or stand right beside them ("a laser | treatment",
    "I got | Botox"): a time said with it is when that is done, not this treatment's."""
    start, stop = (max(0, lo - 3), min(len(tokens), hi + 3)) if overlap else (max(0, lo), min(hi, len(tokens)))
    return any(topic in vocab.general_treatments and (s <= hi and e >= lo if overlap else s < hi and e > lo)
               for s, e, topic in vocab.keywords.find(tokens, start, stop))


def asked_again(tokens: list[str], hit: tuple[int, str], mentions, held) -> tuple[int, str] | None:
    """Return a later mention (start, topic) of a topic said of a thing, asked in a later sentence of the
    patient's own that names no thing ("my mom bruised badly after her facelift. | am I going to bruise?")."""
    start, topic = hit
    for s, t in mentions:
        if t != topic or s <= start or same_sentence(tokens, start, s):
            continue
        lo, hi = around(tokens, s, s, ".!?;")
        if "i" in tokens[lo:hi] or "me" in tokens[lo:hi] or "my" in tokens[lo:hi]:
            if not any(lo <= hs < hi for hs, _he, _k in held):
                return s, topic
    return None
