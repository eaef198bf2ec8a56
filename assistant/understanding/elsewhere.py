"""Tell a message about someone or something else from a question about the patient's own aftercare.

A topic word said of a thing ("how do I peel hard-boiled eggs"), of a part of the body no treatment
reaches ("my gums bleed"), of another procedure or party ("after a tummy tuck", "call the plumber"), of
another's skin ("on my dog's paws", "my cat has dry skin") or of the world ("who invented the tanning
bed", "how much does a session cost?") is not an aftercare question. The word lists are intents/
language.toml's [things], [elsewhere] and [world].
"""
from __future__ import annotations

from assistant.understanding.phrases import around
from assistant.understanding.vocabulary import Vocabulary

THING_REACH = 8  # words either side of a topic word that a thing it is said of stands within
TARGETED = frozenset({"on", "onto", "for", "to", "into", "off"})  # "sunscreen on | my toddler", "makeup off | my son"
DETERMINERS = frozenset({"the", "a", "an", "my", "your", "this", "that"})  # "the movie | The Mask": no compound


def about_something_else(tokens: list[str], vocab: Vocabulary) -> bool:
    """Say whether the message is about another thing's skin: "on my dog's paws", "my toddler got a
    sunburn", "can my cat sleep on my pillow?", "my friend got a sunburn, what should she put on it?";
    not "before I walk the dog", where the dog is only part of the day."""
    if any(kind == "treated" for _s, _e, kind in vocab.others_treated.find(tokens)):
        return False  # "my 19 year old had it done yesterday": someone treated is a patient too
    # the subject of its clause or question ("can my cat …"), or what something is put on or used for
    for_them = _for_them(tokens, vocab)
    if _subject_clauses(tokens, vocab, for_them) or _targets(tokens, vocab):
        return True
    # another grown-up, spoken of as "she" or "they" by someone who never says "I" or "me", or whom the
    # question is what to get or do for
    return for_them or (not vocab.pronouns.isdisjoint(tokens) and "i" not in tokens and "me" not in tokens
                        and any(True for _ in vocab.people.find(tokens)))


def _targets(tokens: list[str], vocab: Vocabulary) -> list[int]:
    """Return where someone or something else is what a thing is put on or done for ("sunscreen on my
    toddler", "a cream for my dog"), not the occasion ("for my kid's recital", "… kid's soccer game")."""
    return [start for start, stop, _ in vocab.elsewhere.find(tokens)
            if (first := _lead_in(tokens, start, 0, vocab)) and tokens[first - 1] in TARGETED
            and vocab.occasions.isdisjoint(tokens[stop:stop + 2])]


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
              and vocab.occasions.isdisjoint(tokens[e:e + 1])}  # not "for my sister's birthday dinner"
    # leave asked for them: "can my husband use my moisturizer?", "is it okay for my mom to swim?"
    found |= {(s, e) for s, e, _ in people if any(tuple(tokens[max(0, s - len(a)):s]) == a for a in vocab.asked_for)}
    return bool(found) and all((s, e) in found for s, e, _ in vocab.others_treated.find(tokens))


def _subject_clauses(tokens: list[str], vocab: Vocabulary, for_them: bool) -> list[tuple[int, int]]:
    """Return the clauses whose subject is someone or something else ("my cat has …", "can my cat …"), or,
    `for_them`, another grown-up the question is for ("my partner has oily skin, what would you recommend
    for him")."""
    out = []
    people = list(vocab.people.find(tokens)) if for_them else []
    for start, _stop, _ in list(vocab.elsewhere.find(tokens)) + people:
        lo, hi = around(tokens, start, start, ".!?;,")
        first = _lead_in(tokens, start, lo, vocab)
        # opening its clause, or after a question's verb or "let" ("how often should my dog …", "let my dog swim")
        if first == lo or (first > lo and (tokens[first - 1] in vocab.openers or tokens[first - 1] in vocab.letting)):
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
    fortune."). A treatment word inside a thing is another's ("my dentist appointment")."""
    found = []
    for s, _e, kind in vocab.world.find(tokens):
        end = around(tokens, s, s, ".!?;")[1]
        asked = end == len(tokens) or tokens[end] == "?"
        if kind == "always" and asked:
            return True
        if asked or "?" not in tokens[end:]:  # not a statement beside a later question ("the price was crazy. when
            found.append(kind)                # can I start my retinol again?")
    return bool(found) and not named(vocab.treatment_named, tokens, things(tokens, vocab))


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
    points = not vocab.pointing.isdisjoint(tokens[end:end + 2]) or any(
        w in ("on", "onto") and after[k + 1:k + 2] and after[k + 1] in vocab.pointing for k, w in enumerate(after))
    lo, hi = around(tokens, start, start, ".!?;" if points else ".!?;,")  # no thing holds a mark
    if not points:
        starts = [i for i in range(lo, hi - 1) if tokens[i] in vocab.links and
                  (tokens[i + 1] in vocab.subjects or tokens[i] == "then")]
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
               and not (_kept_in(tokens, s) and e != start) for s, e, kind in held)  # "in my basement | foundation"


def products(tokens: list[str], vocab: Vocabulary, found=None) -> list[tuple[int, int]]:
    """Return where the words of what is put on the skin stand (`found`: the keywords as (start, stop,
    topic), else all of them), less those opening with a determiner ("the movie | The Mask")."""
    found = vocab.keywords.all_at(tokens) if found is None else found
    return [(s, e) for s, e, topic in found if topic in vocab.applied and tokens[s] not in DETERMINERS]


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
    return before[-1:] in (["after"], ["during"], ["in"], ["since"], ["playing"])


def _kept_in(tokens: list[str], s: int) -> bool:
    """Say whether the thing at s is only where the patient keeps something ("the anti-inflammatory stuff I
    keep in my handbag"), not what the topic word is said of; "a mask in the waiting room" is still the
    waiting room's."""
    return tokens[max(0, s - 2):s] == ["in", "my"]


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
    """Say whether the thing at s is a likeness ("peeling like a snake", "red as a tomato"), not what is meant."""
    before = [t for t in tokens[max(0, s - 2):s] if t not in ("a", "an", "the")]
    return bool(before) and before[-1] in vocab.likeness


def another_procedure(tokens: list[str], lo: int, hi: int, vocab: Vocabulary, overlap: bool = False) -> bool:
    """Say whether another procedure is named in tokens[lo:hi] ("I'm booked for | a laser treatment | next
    week"), or, `overlap`, in words that run into them or stand right beside them ("a laser | treatment",
    "I got | Botox"): a time said with it is when that is done, not this treatment's."""
    start, stop = (max(0, lo - 3), min(len(tokens), hi + 3)) if overlap else (max(0, lo), min(hi, len(tokens)))
    return any(topic in vocab.general_treatments and (s <= hi and e >= lo if overlap else s < hi and e > lo)
               for s, e, topic in vocab.keywords.find(tokens, start, stop))
