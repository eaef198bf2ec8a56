"""Find where a topic's two word lists meet in a message, and which topics such a meeting speaks of.

    meetings(tokens, vocab)            # (start, topic, [(start, stop) of the words that meet]) for each
    taken(found, paired, vocab)        # topics named only as what a pair is done to ("cover the bruise")
    named(found, paired, said, vocab)  # pairs that hold another topic's word ("take Advil for the pain")
topics.toml writes the lists (`pairs`, `within`, `done_to`, `named`); understanding.matcher uses them.
"""
from __future__ import annotations

from assistant.understanding import question
from assistant.understanding.phrases import around
from assistant.understanding.vocabulary import Vocabulary


def meetings(tokens: list[str], vocab: Vocabulary):
    """Yield (start, topic, the (start, stop) of the words that meet) where a topic's two word lists meet
    close by in one sentence ("sleep … flat"), each meeting once, a topic's in the order of its words."""
    lists: dict[tuple, list[tuple[int, int, int]]] = {}  # each topic's pair of lists: (start, stop, side)
    for s, e, (topic, which, side) in vocab.pairs.all_at(tokens):  # a word may be on two topics' lists
        if tokens[s - 1:s] == [","] and tokens[e:e + 1] in (["?"], []):
            continue  # a word asked alone after a comma is a tag ("clear stuff, normal?"), no half of a pair
        lists.setdefault((topic, which), []).append((s, e, side))
    done = set()
    for (topic, _which), found in lists.items():
        within = vocab.pair_within[topic]
        for s1, e1, side1 in found:  # counted from the end of the one before: "what can I take if it's aching"
            near = [(s2, e2) for s2, e2, side2 in found if side2 != side1 and max(s2 - e1, s1 - e2) < within
                    and question.same_sentence(tokens, min(s1, s2), max(s1, s2))]
            meeting = (min([s1, *(s2 for s2, _ in near)]), topic)
            if near and meeting not in done:
                done.add(meeting)
                yield (*meeting, [(s1, e1), *near])


def named(found, paired: dict[str, list[tuple[int, int]]], said: dict, vocab: Vocabulary) -> set[str]:
    """Return the topics found only by a pair whose words hold another's word between them (topics.toml's
    `named`: "can I take Advil for the pain?" asks about Advil, not about painkillers in general)."""
    out = set()
    for topic, spans in paired.items():
        if topic in vocab.named and topic not in said:
            lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
            if any(lo <= s and e <= hi for s, e, t in found if t in vocab.named[topic]):
                out.add(topic)
    return out


def taken(found, paired: dict[str, list[tuple[int, int]]], vocab: Vocabulary, tokens: list[str]) -> set[str]:
    """Return the topics named only inside another's pair as what it is done to (topics.toml's `done_to`: "can I
    cover the bruise with concealer?" asks about makeup, not about the bruise), or only before a word of
    covering that points back to them (`covers`: "a bruise under my eye. Can I cover it up?")."""
    held = [(span, vocab.done_to[topic]) for topic, spans in paired.items() if topic in vocab.done_to
            for span in spans]
    pointed = [(s, vocab.done_to.get(holder, frozenset())) for s, _e, holder in vocab.covers.find(tokens)]
    if not held and not pointed:
        return set()  # most messages: no such pair
    named: dict[str, bool] = {}
    for s, e, topic in found:
        inside = any(ps <= s and e <= pe and topic in to for (ps, pe), to in held) or \
            any(e <= at and topic in to and not _asked_between(tokens, s, at, vocab) for at, to in pointed)
        named[topic] = named.get(topic, True) and inside
    return {topic for topic, only in named.items() if only}


def _asked_between(tokens: list[str], start: int, at: int, vocab: Vocabulary) -> bool:
    """Say whether a question of its own is asked from the clause at `start` up to the one holding `at` ("bruising
    under my eyes, how long will it last and can I hide it?" asks about the bruising too)."""
    first = around(tokens, start, start, ".!?;,")[0]
    starts = sorted({first, *(k + 1 for k in range(first, at) if not tokens[k].isalnum() or tokens[k] in vocab.joins)})
    cover = max(k for k in starts if k <= at)  # where the question of covering begins
    return "?" in tokens[start:cover] or any(
        k < cover and (tokens[k] in vocab.openers or tokens[k] in vocab.talk) for k in starts)


def worded(found, paired: dict[str, list[tuple[int, int]]], vocab: Vocabulary) -> set[str]:
    """Return the topics whose every keyword is a word of a pair of a topic that holds them (topics.toml's
    `holds`: "send them a photo" is about reaching the clinic, not a question about results)."""
    words = {span: topic for topic, spans in paired.items() if topic in vocab.holds for span in spans}
    if not words:
        return set()  # most messages: no such pair
    mine: dict[str, bool] = {}
    for s, e, topic in found:
        holder = words.get((s, e))
        mine[topic] = mine.get(topic, True) and holder is not None and topic in vocab.holds[holder]
    return {topic for topic, only in mine.items() if only}
