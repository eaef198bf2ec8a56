"""Map an utterance onto topics, in the order asked, and tell what kind of question each is asked in
(understanding.question).

Keywords are whole-word phrases (so "pus" never hides in "campus" and "bed" alone is no tanning
bed); where phrases overlap the longest wins ("hot shower" is heat, not showering). When no keyword
is found, the nearest topic by meaning is taken, only for a message the domain gate calls aftercare
and only above a calibrated similarity. A keyword that is also an everyday word ("call", "red",
"run") counts only beside an aftercare word, when the gate says the message is about aftercare, when
nothing but question words stand beside it in its sentence ("ice?", "gym today?? or am i still benched
lol"), or when two of one activity's, or two phrases of any topic, agree ("a dip in the lake", "when do I
come back for the next one"); no keyword counts when it is said of a thing that is no part of a person
("how do I peel hard-boiled eggs"), of someone else or of the world (understanding.elsewhere), or in a
message the gate is sure is about something else, with no aftercare word; no activity counts when it is
only talked about ("what are the rules of pickleball?").
"""
from __future__ import annotations

from assistant.core.record import Record
from assistant.understanding import elsewhere, pairs, question, sense, things
from assistant.understanding.phrases import around
from assistant.understanding.utterance import Utterance
from assistant.understanding.vocabulary import Vocabulary


class Ask(Record):
    topic: str
    start: int
    verdict: bool          # does the patient want a yes/no?
    avoid: bool = False    # ... to "should I stop / avoid it?", where yes means avoid
    also: bool = False     # not named, but what the question is also about (dialogue.reply._before_treatment)


def topics(utt: Utterance, vocab: Vocabulary) -> list[Ask]:
    """Return one Ask per topic mentioned, in order of first mention."""
    tokens = without_ignored(utt.tokens, vocab)
    everyday = True  # every keyword found is also an everyday word ("call", "red", "run")
    spans = set()
    phrases = []  # (start, stop) of every keyword found
    said: dict[str, set[tuple[str, ...]]] = {}  # each topic's different keywords
    again: list[tuple[int, str]] = []  # every mention (start, topic), keywords before pairs
    # read before ignored phrases are blanked: an ignored idiom may be a cue ("would it hurt to")
    cues = question.asking(utt.tokens, vocab) + [(s, e, "verdict") for s, e, _k in question.stated(utt.tokens, vocab)]
    named_houses = things.houses(tokens, vocab)  # "Glow Recipe": no glow asked about
    found = [f for f in vocab.keywords.find(tokens, every=True) if not things.inside_a_house(named_houses, f[0], f[1])]
    stated = [(s, e) for s, e, _v in question.conditions_told(tokens, vocab)]
    told = [f for f in found if vocab.topics[f[2]].kind == "information"
            and any(s <= f[0] and f[1] <= e for s, e in stated)]
    # "still oozing through the Aquaphor. Is that expected?" asks about the state it tells
    state_asked = bool(stated) and question.asks_if_normal(utt.tokens, vocab)
    if told and len(told) < len(found) and not state_asked:
        # "I'm fully healed, can I wear makeup?": the healing is told, not asked (a thing named in the statement
        # is still asked about: "still on Aquaphor, ok on the dry patches?")
        found = [f for f in found if f not in told]
    topic_at = {s: t for s, _e, t in found}  # the topic of the keyword starting at each place
    for start, stop, topic in found:
        if any(cs <= start and stop <= ce and kind in ("verdict", "avoid") for cs, ce, kind in cues):
            continue  # a word of asking leave ("is tomorrow too early for foundation"), not "what to expect"
        if _frame(tokens, start, stop, topic, topic_at, vocab):
            continue  # "can I put on | mascara": the makeup's frame, not the routine asked about
        if _timing(tokens, start, stop, topic, topic_at, vocab):
            continue  # "before the treatment, can I shave?": when the shaving is asked about
        everyday = everyday and (topic, tuple(tokens[start:stop])) in vocab.general
        spans.update(range(start, stop))
        phrases.append((start, stop))
        said.setdefault(topic, set()).add(tuple(tokens[start:stop]))
        again.append((start, topic))
    paired: dict[str, list[tuple[int, int]]] = {}  # each topic's pair words: a thing inside them is theirs
    for start, topic, words in pairs.meetings(tokens, vocab):
        everyday = False  # two words that name the topic together are no everyday word ("lie on the beach")
        again.append((start, topic))
        paired.setdefault(topic, []).extend(words)  # "next to the wood stove": no wood, a stove
    named = pairs.named(found, paired, said, vocab)
    first: dict[str, int] = {}
    for start, topic in again:
        if topic not in named:
            first.setdefault(topic, start)  # a topic's first keyword, else its first pair
    asks_leave = any(k in ("verdict", "avoid") for _s, _e, k in cues)
    # asked leave ("can I cover the bruise?"), the activity is the question; "how do I cover up the
    # redness?" is about both
    taken = (pairs.taken(found, paired, vocab, tokens) if asks_leave else set()) | pairs.worded(found, paired, vocab)
    hits = sorted((start, topic) for topic, start in first.items() if topic not in taken)
    hits = hits if state_asked else _beyond_told(hits, again, stated, tokens, cues)
    if everyday and any(t in first and (t, tuple(tokens[s:e])) not in vocab.general
                        for s, e, t in vocab.keywords.all_at(tokens)):
        everyday = False  # a topic's own phrase overlapped by a longer everyday one ("book my next round")
    if any(len(words) > 1 and (vocab.topics[t].kind == "activity" or all(len(w) > 1 for w in words))
           for t, words in said.items()):
        everyday = False  # two everyday words of one activity agree on it ("a dip in the lake"), or two phrases
        # of any topic ("when do I come back for the next one")
    # a thing inside a house's name is the name's ("Glow Recipe")
    held = [h for h in things.things(tokens, vocab, utt.tokens) if not any(a <= h[0] < b for a, b in named_houses)]
    domain = things.aftercare_named(tokens, vocab, held, phrases)
    if hits and everyday and not domain and not _alone_somewhere(tokens, hits, spans, vocab) and \
            not _meant(utt, hits, tokens, cues, vocab):
        hits = []  # "flip a coin, I call heads": a general word in a general sentence
    if hits and not domain and not (asks_leave and not everyday) and _surely_elsewhere(utt, tokens, hits, spans, vocab):
        hits = []  # "what is the cheapest plan for my telephone bill": surely about something else
    acts = [s for s, topic in again if vocab.topics[topic].kind == "activity" and topic not in vocab.applied]
    if (elsewhere.about_something_else(tokens, vocab) and not elsewhere.patients_own(tokens, vocab, held)
            and not elsewhere.doing_it(tokens, acts, vocab)) or \
            elsewhere.of_the_world(utt.tokens, vocab) or elsewhere.asked_in_general(
                tokens, vocab, {t for _, t in hits}, asks_leave,
                frozenset(t for s, e, t in found if (s, e, "thing") in held)):
        return []  # "can I put Aquaphor on my dog's paws?", "who invented the tanning bed?": something else
    products = things.without_ingredients(tokens, held, found, vocab)  # "a grapefruit scrub" is a scrub
    of_things = not domain and [h for h in hits if things.of_a_thing(
        tokens, h[0], phrases + paired.get(h[1], []), products if h[1] in vocab.applied else held,
        vocab.topics[h[1]].kind == "activity", vocab, h[1] in vocab.applied)]
    if of_things:  # "how do I peel hard-boiled eggs": a topic word said of a thing, whatever else it is near
        hits = sorted([h for h in hits if h not in of_things] + [
            later for h in of_things if (later := things.asked_again(tokens, h, again, held))])
        of_things = [h for h in of_things if h[1] not in {t for _, t in hits}]
    talked = hits and not domain and not asks_leave and _talked_about(utt, tokens, hits, spans, vocab)
    if talked:  # "what are the rules of pickleball?": an activity only talked about, whatever it is near
        hits = [h for h in hits if vocab.topics[h[1]].kind != "activity" or h[1] in vocab.applied]
        if hits and not paired.keys() & {t for _, t in hits} and not _meant(utt, hits, tokens, cues, vocab) and all(
                (t, words) in vocab.general for _, t in hits for words in said.get(t, ())):
            hits = []  # what is left is everyday words ("the difference between a hot tub and a jacuzzi")
    if not hits and not of_things and not talked and not any(True for _ in vocab.unlisted.find(tokens)):
        # by meaning, without the phrases that only look like topics ("Red Lobster", "ice cream"), unless the
        # message names what no topic holds ("beer tonight?": a drink, not a skin product)
        plain = utt if tokens == utt.tokens else Utterance.of(" ".join(t for t in tokens if t != "_"), vocab)
        guess = _by_meaning(plain)
        if guess:
            hits.append((0, guess))
    reasons = {stop for _start, stop, _ in vocab.purpose.find(tokens)}
    out = []
    starts = [s for s, _ in hits]
    asked_in = question.parts(tokens, cues, vocab)
    for n, (start, topic) in enumerate(hits):
        # what is put on the skin is asked leave for as an activity is ("firming mask tonight?")
        kind = "activity" if topic in vocab.applied else vocab.topics[topic].kind
        verdict = question.wants_verdict(kind, start, cues, asked_in, starts, vocab)
        if not verdict:  # named again in a later question asking leave ("Crusty bits on my chin. Can I rub them off?")
            asked = [m for m, t in again if t == topic and not question.same_sentence(asked_in, start, m) and
                     question.wants_verdict(kind, m, cues, asked_in, starts, vocab)]
            verdict, start = (True, asked[0]) if asked else (verdict, start)
        if n and start in reasons and question.same_sentence(tokens, hits[0][0], start):
            verdict = False  # named as the reason for the first topic, not asked about
        if verdict and len(hits) == 1 and said.get(topic) and all((topic, w) in vocab.timing for w in said[topic]):
            verdict = False  # "can I eat breakfast before my appointment?": only when, of something no topic
        if verdict and vocab.topics[topic].kind == "information" and _in_a_state(tokens, start, vocab):
            verdict = False  # "is peeling ok?": whether having it is all right, no leave to do anything
        out.append(Ask(topic, start, verdict, verdict and (question.asks_to_avoid(start, cues, tokens) or
                                                           question.stops(start, tokens, vocab))))
    return out


def _beyond_told(hits: list[tuple[int, str]], again: list[tuple[int, str]], stated: list[tuple[int, int]],
                 tokens: list[str], cues) -> list[tuple[int, str]]:
    """Drop a topic named only inside what the message tells of the clinic's open conditions (`stated`), in a
    clause that asks nothing ("still wearing the aquaphor barrier, can I exercise tomorrow?" asks about
    exercise, not the barrier), while another is asked; told alone ("I'm still on aquaphor, is that right?") it
    is the question, and so is one asked in its own clause ("can I put aquaphor on at night?"). Unlike the
    information words dropped before the mentions are gathered, it weighs every mention, pairs too."""
    if not stated:
        return hits  # most messages tell no condition
    asking = [around(tokens, s, s, ".!?;,") for s, _e, _k in cues]
    told = [(s, e) for s, e in stated if not any(lo <= s < hi for lo, hi in asking)]
    only = {t for _s, t in hits if all(any(s <= k < e for s, e in told) for k, u in again if u == t)}
    return [h for h in hits if h[1] not in only] if len(only) < len(hits) else hits


def _frame(tokens: list[str], start: int, stop: int, topic: str, topic_at: dict[int, str], vocab: Vocabulary) -> bool:
    """Say whether an everyday phrase of an information topic, or a topic's frame, only frames another topic's
    word right after it ("can I put on | some mascara", "should I stop using | Tylenol"), rather than asking
    about its own topic."""
    after = topic_at.get(stop + (tokens[stop:stop + 1] in (["some"], ["my"], ["the"], ["a"])))
    phrase = (topic, tuple(tokens[start:stop]))
    return after not in (None, topic) and stop - start > 1 and (phrase in vocab.framing or (
        vocab.topics[topic].kind == "information" and phrase in vocab.general))


def _timing(tokens: list[str], start: int, stop: int, topic: str, topic_at: dict[int, str], vocab: Vocabulary) -> bool:
    """Say whether a keyword only says when another topic in its sentence is asked about ("before the
    treatment, can I shave?"); what to stop or start before it ("stop my retinol before my appointment")
    is still the question of what to do before treatment."""
    return (topic, tuple(tokens[start:stop])) in vocab.timing and any(
        t != topic and vocab.before.get(t) != topic and question.same_sentence(tokens, min(s, start), max(s, start))
        for s, t in topic_at.items())


STATE_FILLER = frozenset({"is", "are", "that", "this", "it", ",", "still", "all", "already", "again", "now", "today",
                          "so", "really", "badly", "much", "like"})


def _in_a_state(tokens: list[str], start: int, vocab: Vocabulary) -> bool:
    """Say whether the reaction word at start is the subject of "okay", "normal" and the like ("is peeling
    ok?", "the redness, is that normal?")."""
    word = next((e for s, e, _ in vocab.reaction_index.find(tokens, start, min(len(tokens), start + 4)) if s == start),
                None)
    if word is None:
        return False  # an act ("is icing ok?"), not a reaction
    # the words between are the state's link and how much or when ("peeling already, is that ok?")
    rest = [t for t in tokens[word:word + 8] if t not in STATE_FILLER]
    # ... closing what is asked, never "ok to" or "ok if" one does something ("tiny scabs, is it ok to pick them?",
    # "scabs today, ok if I pick em off?" ask leave)
    return any(s == 0 and (e == len(rest) or not rest[e].isalnum() or rest[e] in ("right", "or"))
               for s, e, _ in vocab.reaction_state.find(rest, 0, min(len(rest), 1)))


def _talked_about(utt: Utterance, tokens: list[str], hits, spans: set[int], vocab: Vocabulary) -> bool:
    """Say whether an activity is only talked about ("what are the rules of pickleball?", "when does the
    marathon start"): a question word, no one in the message, no time of theirs, no worry or keeping away,
    more than the activity's name, and the gate short of sure. Whoever asks leave to do one says so
    ("badminton on Saturday, is that a problem?", "I played volleyball today, ok?", "marathon sunday,
    thoughts?")."""
    return not vocab.talk.isdisjoint(tokens) and vocab.personal.isdisjoint(tokens) and \
        not _alone_somewhere(tokens, hits, spans, vocab) and \
        not any(True for _ in vocab.avoid_words.find(tokens)) and sense.in_domain(utt) < sense.limit("gate_sure", 0.7)


def _surely_elsewhere(utt: Utterance, tokens: list[str], hits, spans: set[int], vocab: Vocabulary) -> bool:
    """Say whether the gate is sure the message is about something else, and no keyword stands in a
    sentence of only question words ("makeup? blah blah …" keeps its makeup), nor in a sentence the gate
    is not sure of alone ("A family trip came up. | What number do I call to move my follow-up?")."""
    floor = sense.limit("gate_floor", 0.0)
    if _alone_somewhere(tokens, hits, spans, vocab) or sense.in_domain(utt) >= floor:
        return False
    sentences = {around(tokens, s, s, ".!?;") for s, _ in hits}
    if sentences == {(0, len(tokens))}:
        return True  # the message is the one sentence the gate read
    return all(sense.in_domain(Utterance.of(" ".join(t for t in tokens[lo:hi] if t != "_"), vocab)) < floor
               for lo, hi in sentences)


def _alone_somewhere(tokens: list[str], hits, spans: set[int], vocab: Vocabulary) -> bool:
    """Say whether a keyword stands with nothing but question words in its sentence ("gym today?? or am i
    still benched lol", "makeup? blah blah …")."""
    return any(_alone(tokens, spans, vocab, *around(tokens, s, s, ".!?;")) for s, _ in hits)


def _alone(tokens: list[str], spans: set[int], vocab: Vocabulary, lo: int, hi: int) -> bool:
    """Say whether nothing but question and glue words stands beside the keywords in tokens[lo:hi] ("ice?",
    "pool tomorrow?")."""
    return all(i in spans or t in vocab.alone or not t.isalnum() for i, t in enumerate(tokens[lo:hi], lo))


def without_ignored(tokens: list[str], vocab: Vocabulary) -> list[str]:
    """Blank out phrases that look like topics or signs but are not ("Miami Heat", "ice cream").

    A topic's phrase that starts earlier and runs into one is the longer reading and stands: "peel a"
    ("peel a banana") is no part of "a chemical peel a few days before".
    """
    out = list(tokens)
    ignored = list(vocab.ignore.find(tokens))
    if not ignored:
        return out
    earlier = [(s, e) for s, e, _ in vocab.keywords.all_at(tokens)]
    for start, stop, _ in ignored:
        if not any(s < start < e for s, e in earlier):
            out[start:stop] = ["_"] * (stop - start)
    return out


def _meant(utt: Utterance, hits: list[tuple[int, str]], tokens: list[str], cues, vocab: Vocabulary) -> bool:
    """Say whether everyday keywords are meant as aftercare: the gate is sure; or fairly sure and the
    message is also near one of those topics by meaning ("when should I book my next one"); or the
    keyword is an activity asked leave for in its sentence and the message is nearest that activity by
    meaning ("is the pool ok this week?"), unless the gate rules the message out."""
    gate = sense.in_domain(utt)
    if gate >= sense.limit("gate_sure", 0.7):
        return True
    if gate < sense.limit("leave_gate", 0.1):
        return False
    near = sense.nearest_topic(utt)
    if not near or near[0] not in {t for _, t in hits}:
        return False
    if gate >= sense.limit("gate", 0.5) and near[1] >= sense.limit("topic", 0.8):
        return True
    start = next(s for s, t in hits if t == near[0])
    lo, hi = around(tokens, start, start, ".!?;")
    asked = any(kind in ("verdict", "avoid") and (lo <= s < hi or _tag(tokens, s, hits)) for s, _e, kind in cues) or \
        any(True for _ in vocab.avoid_words.find(tokens, lo, hi))  # "is the lake off limits still?"
    return asked and vocab.topics[near[0]].kind == "activity" and near[1] >= sense.limit("leave_topic", 0.55)


def _tag(tokens: list[str], cue: int, hits) -> bool:
    """Say whether a cue stands in a later sentence that names no topic of its own, as a tag on the one
    before ("sauna later? yay or nay")."""
    lo, hi = around(tokens, cue, cue, ".!?;")
    return lo > 0 and not any(lo <= s < hi for s, _ in hits)


def _by_meaning(utt: Utterance) -> str | None:
    """Take the nearest topic by meaning for a message with no keyword, when it is about aftercare."""
    if sum(t.isalpha() for t in utt.tokens) < 2 or sense.in_domain(utt) < sense.limit("topic_gate", 0.3):
        return None
    near = sense.nearest_topic(utt)
    return near[0] if near and near[1] >= sense.limit("topic", 0.8) else None
